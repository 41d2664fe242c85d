#!/usr/bin/env bash
# Sets everything up (virtual environment, jlpm install, build) and opens JupyterLab with the
# extension and the demo notebook. Prints the URL; no browser is opened.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

setup_python
setup_node
build_extension

cd "$ROOT/examples"
extra=()
if [ "$(id -u)" = 0 ]; then extra+=(--allow-root); fi
log "Starting JupyterLab on port ${FRESH_PORT:-8888} (Ctrl+C stops it)"
exec jupyter lab demo.ipynb --no-browser --port "${FRESH_PORT:-8888}" \
  --ServerApp.root_dir="$ROOT/examples" "${extra[@]}"
