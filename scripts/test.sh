#!/usr/bin/env bash
# Sets everything up (virtual environment, jlpm install, build, Debian's Chromium) and runs every
# test: lint, jest (core, CLI, JupyterLab side), pytest (wheel, exports run with Python), and the
# Galata ui-tests against a real JupyterLab and a real ipykernel. Exits non-zero if any fails.
# FRESH_SKIP_UI=1 skips the browser tests (for a quick local loop; CI never sets it).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

setup_python
setup_node
build_extension
if [ "${FRESH_SKIP_UI:-0}" != 1 ]; then
  setup_chromium
  setup_ui_tests
fi

cd "$ROOT"
failed=()
run() {
  local name="$1"; shift
  log "$name"
  if ! "$@"; then failed+=("$name"); fi
}

export CI=1
run "lint" jlpm lint:check
run "jest" jlpm test --ci
run "pytest" python -m pytest -q tests
if [ "${FRESH_SKIP_UI:-0}" != 1 ]; then
  # Playwright strips types without checking them.
  run "ui-tests types" "$ROOT/node_modules/.bin/tsc" -p "$ROOT/ui-tests/tsconfig.json"
  run "ui-tests" bash -c "cd '$ROOT/ui-tests' && jlpm playwright test"
fi

if [ ${#failed[@]} -gt 0 ]; then
  log "FAILED: ${failed[*]}"
  exit 1
fi
log "All test suites passed"
