# Shared set-up of scripts/start.sh and scripts/test.sh; source it, do not run it.
# Every step is idempotent and skipped when its inputs have not changed, so a second run is quick.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${FRESH_VENV:-$ROOT/.venv}"
STAMPS="$VENV/.fresh-stamps"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Runs "$@" only when the hash of the named files changed since the last success.
# usage: when_changed NAME FILE... -- COMMAND...
when_changed() {
  local name="$1"; shift
  local files=()
  while [ "$1" != "--" ]; do files+=("$1"); shift; done
  shift
  local sum
  sum="$(cat "${files[@]}" | sha256sum | cut -d' ' -f1)"
  if [ -f "$STAMPS/$name" ] && [ "$(cat "$STAMPS/$name")" = "$sum" ]; then
    return 0
  fi
  "$@"
  mkdir -p "$STAMPS"
  echo "$sum" > "$STAMPS/$name"
}

setup_python() {
  if [ ! -x "$VENV/bin/python" ]; then
    log "Creating the virtual environment $VENV"
    python3 -m venv "$VENV"
  fi
  export PATH="$VENV/bin:$PATH"
  export VIRTUAL_ENV="$VENV"
  when_changed python "$ROOT/requirements-dev.txt" -- \
    bash -c "echo '==> Installing Python packages' >&2 && python -m pip install -q --upgrade pip && python -m pip install -q -r '$ROOT/requirements-dev.txt'"
  if [ ! -f "$VENV/share/jupyter/kernels/bash/kernel.json" ]; then
    python -m bash_kernel.install --sys-prefix >/dev/null
  fi
}

setup_node() {
  cd "$ROOT"
  if [ ! -d node_modules ]; then rm -f "$STAMPS/node"; fi
  when_changed node "$ROOT/package.json" "$ROOT/yarn.lock" -- \
    bash -c "echo '==> jlpm install' >&2 && jlpm install"
}

# Builds the TypeScript, the CLI and the labextension, and links it into the environment.
build_extension() {
  cd "$ROOT"
  log "Building the extension"
  jlpm build
  if ! python -m pip show -q jupyterlab_fresh >/dev/null 2>&1; then
    log "Installing the Python package in editable mode"
    # No isolation: the build backend is already in the environment (requirements-dev.txt).
    python -m pip install -q --no-build-isolation --no-deps -e .
  fi
  # The editable install copies the build; a link makes every later build the one served.
  if [ ! -L "$VENV/share/jupyter/labextensions/jupyterlab-fresh" ]; then
    log "Linking the extension into $VENV"
    jupyter builder develop --overwrite . >/dev/null
  fi
}

setup_chromium() {
  if [ -x "${FRESH_CHROMIUM:-/usr/bin/chromium}" ]; then
    return 0
  fi
  log "Installing Debian's Chromium for the browser tests"
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

setup_ui_tests() {
  cd "$ROOT/ui-tests"
  if [ ! -d node_modules ]; then rm -f "$STAMPS/ui-tests"; fi
  when_changed ui-tests "$ROOT/ui-tests/package.json" "$ROOT/ui-tests/yarn.lock" -- \
    bash -c "echo '==> jlpm install (ui-tests)' >&2 && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 jlpm install"
  cd "$ROOT"
}

# The wheel users install, built once from the extension build_extension made (the build hook
# skips the npm build when it exists): tests/test_wheel.py and the oldest JupyterLab's
# environment install this file. Exports FRESH_WHEEL, its path.
build_wheel() {
  cd "$ROOT"
  log "Building the wheel"
  rm -f "$ROOT"/dist/jupyterlab_fresh-*.whl
  # No isolation: the build backend is already in the environment (requirements-dev.txt).
  python -m pip wheel -q --no-deps --no-build-isolation -w "$ROOT/dist" . >/dev/null
  FRESH_WHEEL="$(ls "$ROOT"/dist/jupyterlab_fresh-*.whl)"
  export FRESH_WHEEL
}

# The other servers of the ui-tests (see ui-tests/playwright.config.js), each in an environment
# of its own: the oldest supported JupyterLab, with the wheel pip-installed as a user would
# (build_wheel first), and JupyterLab with real-time collaboration, with the extension built
# here linked in, as `jupyter builder develop` links it into $VENV.
setup_ui_environments() {
  local pair name venv requirements extension
  for pair in "jl42:jupyterlab-4.2" "rtc:collaboration"; do
    name="${pair%%:*}"
    venv="$ROOT/.venv-$name"
    requirements="$ROOT/ui-tests/envs/${pair#*:}.txt"
    if [ ! -x "$venv/bin/python" ]; then
      log "Creating the virtual environment $venv"
      python3 -m venv "$venv"
      rm -f "$STAMPS/ui-$name"
    fi
    when_changed "ui-$name" "$requirements" -- \
      bash -c "echo '==> Installing $requirements' >&2 && '$venv/bin/python' -m pip install -q -r '$requirements'"
    extension="$venv/share/jupyter/labextensions/jupyterlab-fresh"
    if [ "$name" = jl42 ]; then
      # A link left by an earlier set-up would make pip write the wheel's files into the tree.
      if [ -L "$extension" ]; then rm "$extension"; fi
      log "Installing $FRESH_WHEEL into $venv"
      # The version stays 0.1.0 from build to build: reinstall; the requirements pin the rest.
      "$venv/bin/python" -m pip install -q --no-deps --force-reinstall "$FRESH_WHEEL"
    else
      mkdir -p "$(dirname "$extension")"
      ln -sfn "$ROOT/jupyterlab_fresh/labextension" "$extension"
    fi
  done
}
