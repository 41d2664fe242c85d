#!/usr/bin/env bash
# Sets everything up (virtual environment, jlpm install, build, Debian's Chromium) and runs every
# test: lint, jest (core, CLI, JupyterLab side), pytest (wheel, exports run with Python), and the
# ui-tests against real servers and real ipykernels: the whole Galata suite in the newest
# JupyterLab, a smoke subset in the oldest supported one, Notebook 7, and two collaborating
# clients. Prints the time of each part. Exits non-zero if any fails.
# FRESH_SKIP_UI=1 skips the browser tests (for a quick local loop; CI never sets it).
# FRESH_UI_LOCK=FILE runs each browser suite under `flock FILE` (machines shared by several runs).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

setup_python
setup_node
build_extension
build_wheel
if [ "${FRESH_SKIP_UI:-0}" != 1 ]; then
  setup_chromium
  setup_ui_tests
  setup_ui_environments
fi

cd "$ROOT"
failed=()
run() {
  local name="$1"; shift
  local start=$SECONDS
  log "$name"
  if ! "$@"; then failed+=("$name"); fi
  log "$name: $((SECONDS - start)) s"
}
# usage: ui TARGET VENV [PLAYWRIGHT ARGS...] (targets: ui-tests/playwright.config.js)
ui() {
  local target="$1" venv="$2"; shift 2
  local lock=()
  if [ -n "${FRESH_UI_LOCK:-}" ]; then lock=(flock "$FRESH_UI_LOCK"); fi
  (cd "$ROOT/ui-tests" && FRESH_UI="$target" FRESH_UI_JUPYTER="$venv/bin/jupyter" \
    VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" "${lock[@]}" node_modules/.bin/playwright test "$@")
}

export CI=1
run "lint" jlpm lint:check
run "jest" jlpm test --ci
run "pytest" python -m pytest -q tests
if [ "${FRESH_SKIP_UI:-0}" != 1 ]; then
  # Playwright strips types without checking them.
  run "ui-tests types" "$ROOT/node_modules/.bin/tsc" -p "$ROOT/ui-tests/tsconfig.json"
  run "ui-tests: JupyterLab $(jupyter lab --version)" ui lab "$VENV"
  run "ui-tests: JupyterLab $("$ROOT/.venv-jl42/bin/jupyter" lab --version) (smoke)" \
    ui oldest "$ROOT/.venv-jl42"
  run "ui-tests: Notebook $(jupyter notebook --version)" ui notebook "$VENV"
  run "ui-tests: collaboration" ui collaboration "$ROOT/.venv-rtc"
fi

if [ ${#failed[@]} -gt 0 ]; then
  log "FAILED: ${failed[*]}"
  exit 1
fi
log "All test suites passed"
