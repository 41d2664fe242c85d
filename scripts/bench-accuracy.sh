#!/usr/bin/env bash
# The accuracy benchmark (bench/README.md) in real kernels: sets up the environment, builds the
# nbfresh CLI, then runs bench/accuracy.py with the arguments given, e.g.
#   jlpm bench:accuracy --sessions 240 --jobs 2
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

setup_python
setup_node
cd "$ROOT"
jlpm build:cli
exec python bench/accuracy.py "$@"
