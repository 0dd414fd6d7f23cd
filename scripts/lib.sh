# shellcheck shell=bash
# Shared helpers for activ's scripts (scripts/test, scripts/bench). Source it:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The repository root, whatever the caller's working directory.
ACTIV_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ACTIV_ROOT

activ_log() { printf 'activ: %s\n' "$*" >&2; }

# activ_need_packages PKG...
# Makes sure the given Debian/Ubuntu packages are installed: asks dpkg-query which are
# missing and installs only those (apt-get update first, only then), with sudo when not
# root. On a system without apt it prints what to install and returns 1.
# ACTIV_SKIP_DEPS=1 skips all of this (you installed the tools another way).
activ_need_packages() {
  if [[ "${ACTIV_SKIP_DEPS:-0}" == 1 ]]; then
    return 0
  fi
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    activ_log "this is not a Debian/Ubuntu system; install the equivalents of these"
    activ_log "Debian packages yourself, then rerun with ACTIV_SKIP_DEPS=1:"
    activ_log "  $*"
    return 1
  fi
  local pkg missing=()
  for pkg in "$@"; do
    if [[ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != installed ]]; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  local sudo=()
  if ((EUID != 0)); then
    if ! command -v sudo >/dev/null 2>&1; then
      activ_log "missing packages: ${missing[*]}; not root and no sudo: install them and rerun"
      return 1
    fi
    sudo=(sudo)
  fi
  activ_log "installing: ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# activ_need_cmake MAJOR.MINOR: fail with advice when cmake is older.
activ_need_cmake() {
  local want="$1" have
  have="$(cmake --version 2>/dev/null | sed -n '1s/^cmake version \([0-9]*\.[0-9]*\).*/\1/p')"
  if [[ -z "$have" ]]; then
    activ_log "cmake not found"
    return 1
  fi
  if [[ "$(printf '%s\n%s\n' "$want" "$have" | sort -V | head -n1)" != "$want" ]]; then
    activ_log "CMake $have is too old: the presets need CMake >= $want (cmake --workflow)."
    activ_log "Get a newer one: 'pip install cmake', or Kitware's APT repository (apt.kitware.com)."
    return 1
  fi
}
