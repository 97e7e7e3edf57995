# Helpers shared by the scripts in this directory; source it, do not run it.
# shellcheck shell=bash

# The repository root (the parent of this directory).
PM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

pm_log() { printf '==> %s\n' "$*"; }
pm_warn() { printf 'warning: %s\n' "$*" >&2; }
pm_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
pm_as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        pm_die "need root to run '$*' (and sudo is not installed)"
    fi
}

# pm_require_packages PKG...: installs the Debian packages that are missing.
# Nothing happens when all are installed; 'apt-get update' runs only when
# something must be installed. Works without a terminal (CI).
pm_require_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        pm_warn "not a Debian system: cannot check for packages $*; assuming they are present"
        return 0
    fi
    local missing=() pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        return 0
    fi
    pm_log "installing missing packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    pm_as_root apt-get update -qq </dev/null
    pm_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends "${missing[@]}" </dev/null
}

# The packages a build needs (compiler, CMake, the libraries).
PM_BUILD_PACKAGES=(build-essential cmake pkg-config libsqlite3-dev libutf8proc-dev libjansson-dev)

# Number of parallel jobs: $JOBS, or the number of processors.
pm_jobs() {
    if [[ -n ${JOBS:-} ]]; then
        echo "$JOBS"
    else
        nproc 2>/dev/null || echo 2
    fi
}

# Seconds since the epoch.
pm_now() { date +%s; }

# Formats seconds as "1m05s".
pm_duration() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
