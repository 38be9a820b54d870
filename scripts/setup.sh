#!/usr/bin/env bash
# Installs everything marsad needs on a fresh Debian machine, idempotently:
# Debian packages (PostgreSQL server for the tests, Chromium for the browser tests),
# the Python venv in .venv with marsad and all its extras, the npm front-end packages.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi

need_apt=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s fonts-noto-core >/dev/null 2>&1 || need_apt+=(fonts-noto-core)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.marsad-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing marsad into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[all]"
  touch "$stamp"
fi

if [ -f package.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
    echo "setup: installing npm packages"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  [ -x scripts/build_web_assets.sh ] && scripts/build_web_assets.sh
fi
echo "setup: done"
