#!/usr/bin/env bash
# Makes sure the tools the workspace needs are present: pnpm (the version pinned in package.json)
# and a Chromium for the browser tests.
#
#   source scripts/ensure-toolchain.sh pnpm chromium deps   # defines `pnpm` if it had to, exports CHROME_PATH
#   bash scripts/ensure-toolchain.sh [pnpm] [chromium] [deps]
#
# `deps` runs `pnpm install` when node_modules is missing or older than pnpm-lock.yaml.
# Run directly with no arguments, it ensures pnpm and Chromium.

AMICABLE_PNPM_VERSION="12.21.0"

_amicable_log() { printf '[toolchain] %s\n' "$*" >&2; }

# Runs a command as root: directly when we are root, through passwordless sudo otherwise.
# Returns 1 when neither is possible.
_amicable_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    sudo -n "$@"
  else
    return 1
  fi
}

_amicable_pnpm_works() {
  local version
  version="$(command pnpm --version 2>/dev/null)" || return 1
  # pnpm 10 and later switch to the version named in package.json's packageManager by themselves.
  [ "${version%%.*}" -ge 10 ] 2>/dev/null
}

ensure_pnpm() {
  if [ -n "${_AMICABLE_PNPM_VIA_NPX:-}" ] && declare -F pnpm >/dev/null; then
    return 0
  fi
  if _amicable_pnpm_works; then
    return 0
  fi
  if command -v pnpm >/dev/null 2>&1; then
    _amicable_log "the pnpm found ($(command -v pnpm), version $(command pnpm --version 2>/dev/null || echo 'unknown')) is older than 10 or does not run; using pnpm@${AMICABLE_PNPM_VERSION} through npx"
  else
    _amicable_log "pnpm not found; installing pnpm@${AMICABLE_PNPM_VERSION} with npm"
    if npm install --global "pnpm@${AMICABLE_PNPM_VERSION}" >&2; then
      hash -r
      if _amicable_pnpm_works; then
        return 0
      fi
    fi
    _amicable_log "global install not possible; using pnpm@${AMICABLE_PNPM_VERSION} through npx"
  fi
  if ! npx --yes "pnpm@${AMICABLE_PNPM_VERSION}" --version >/dev/null; then
    _amicable_log "error: could not run pnpm. Install it (npm install --global pnpm@${AMICABLE_PNPM_VERSION}) and try again."
    return 1
  fi
  # Scripts that call pnpm again run inside npx, which puts this pnpm on their PATH.
  pnpm() { npx --yes "pnpm@${AMICABLE_PNPM_VERSION}" "$@"; }
  _AMICABLE_PNPM_VIA_NPX=1
}

_amicable_find_chromium() {
  local candidate
  if [ -n "${CHROME_PATH:-}" ]; then
    if [ -x "$CHROME_PATH" ]; then
      printf '%s\n' "$CHROME_PATH"
      return 0
    fi
    _amicable_log "error: CHROME_PATH is set to '$CHROME_PATH', which is not an executable file."
    return 2
  fi
  for candidate in /usr/bin/chromium chromium chromium-browser google-chrome-stable google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

ensure_chromium() {
  local found status
  found="$(_amicable_find_chromium)" && status=0 || status=$?
  if [ "$status" -eq 2 ]; then
    return 1
  fi
  if [ "$status" -ne 0 ]; then
    if command -v apt-get >/dev/null 2>&1 && _amicable_as_root true; then
      _amicable_log "Chromium not found; installing Debian's chromium package with apt-get"
      _amicable_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
        _amicable_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2 || {
          _amicable_log "error: apt-get could not install chromium."
          return 1
        }
      found="$(_amicable_find_chromium)" || {
        _amicable_log "error: chromium was installed but no executable was found."
        return 1
      }
    else
      _amicable_log "error: the browser tests need Chromium (or Chrome), and none was found."
      _amicable_log "Install it (Debian/Ubuntu: sudo apt-get install chromium; elsewhere: any Chrome or Chromium),"
      _amicable_log "or point CHROME_PATH at its executable, e.g. CHROME_PATH=/path/to/chrome npm test"
      return 1
    fi
  fi
  export CHROME_PATH="$found"
}

# The workspace root: the folder above this script.
_amicable_root() { (cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd); }

ensure_dependencies() {
  local root
  root="$(_amicable_root)"
  if [ -d "$root/node_modules/.pnpm" ] && { [ ! -f "$root/pnpm-lock.yaml" ] ||
    cmp -s "$root/pnpm-lock.yaml" "$root/node_modules/.pnpm/lock.yaml"; }; then
    return 0
  fi
  _amicable_log "installing dependencies"
  if [ -f "$root/pnpm-lock.yaml" ]; then
    (cd "$root" && pnpm install --frozen-lockfile) >&2
  else
    (cd "$root" && pnpm install) >&2
  fi
}

_amicable_ensure() {
  local what
  if [ "$#" -eq 0 ]; then
    set -- pnpm chromium
  fi
  for what in "$@"; do
    case "$what" in
      pnpm) ensure_pnpm || return 1 ;;
      chromium) ensure_chromium || return 1 ;;
      deps) ensure_pnpm && ensure_dependencies || return 1 ;;
      *) _amicable_log "unknown tool '$what' (expected pnpm, chromium or deps)"; return 1 ;;
    esac
  done
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  _amicable_ensure "$@"
else
  _amicable_ensure "$@"
fi
