#!/usr/bin/env bash
# The edit benchmark (bench/README.md, "Edit benchmark"): sets up the environment, builds the
# nbfresh CLI of this checkout, then runs bench/edits.py with the arguments given, e.g.
#   jlpm bench:edits --jobs 2
#   jlpm bench:edits --cli base=../wt-base/cli/cli/main.js --cli new=cli/cli/main.js
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

setup_python
setup_node
cd "$ROOT"
jlpm build:cli
exec python bench/edits.py "$@"
