#!/usr/bin/env bash
# Checks an installed perfmgmt from the outside: builds tests/consumer/consumer.c
# against PREFIX with pkg-config (a plain compiler command line) and with CMake
# (find_package), each with the shared and the static library, and runs them.
#   tests/consumer/run.sh PREFIX
# Environment: CC (default cc), CMAKE (default cmake), PKG_CONFIG (default
# pkg-config), KEEP=1 keeps the work directory.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ $# -ne 1 ]]; then
    echo "usage: $0 PREFIX" >&2
    exit 2
fi
prefix=$(cd "$1" && pwd)
cc=${CC:-cc}
cmake=${CMAKE:-cmake}
pkg_config=${PKG_CONFIG:-pkg-config}

die() { echo "consumer: FAIL: $*" >&2; exit 1; }

pc=$(find "$prefix" -name perfmgmt.pc -path '*/pkgconfig/*' | head -n 1)
[[ -n $pc ]] || die "no perfmgmt.pc under $prefix"
config=$(find "$prefix" -name perfmgmtConfig.cmake | head -n 1)
[[ -n $config ]] || die "no perfmgmtConfig.cmake under $prefix"
libdir=$(dirname "$(dirname "$pc")")
[[ -e $libdir/libperfmgmt.so ]] || die "no libperfmgmt.so in $libdir"
[[ -e $libdir/libperfmgmt.a ]] || die "no libperfmgmt.a in $libdir"

work=$(mktemp -d "${TMPDIR:-/tmp}/perfmgmt-consumer.XXXXXX")
if [[ ${KEEP:-0} == 1 ]]; then
    echo "consumer: work directory $work"
else
    trap 'rm -rf "$work"' EXIT
fi

run() {
    local exe=$1 out
    if ! out=$(LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$exe" 2>&1); then
        echo "$out" >&2
        die "$(basename "$exe") failed"
    fi
    echo "consumer: $(basename "$exe"): $out"
}

# The shared library must resolve from the prefix, not from somewhere else.
check_linked_from_prefix() {
    local exe=$1 resolved
    resolved=$(LD_LIBRARY_PATH="$libdir" ldd "$exe" | awk '$1 ~ /^libperfmgmt\.so/ { print $3 }')
    [[ -n $resolved ]] || die "$(basename "$exe") does not link libperfmgmt.so"
    [[ $(cd "$(dirname "$resolved")" && pwd -P) == $(cd "$libdir" && pwd -P) ]] ||
        die "$(basename "$exe") loads $resolved, not the one in $libdir"
}

# 1. pkg-config, the way a Makefile would use it.
export PKG_CONFIG_PATH="$(dirname "$pc")${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
"$pkg_config" --exists --print-errors perfmgmt || die "pkg-config cannot use $pc"
version=$("$pkg_config" --modversion perfmgmt)
cflags=$("$pkg_config" --cflags perfmgmt) || die "pkg-config --cflags perfmgmt"
libs=$("$pkg_config" --libs perfmgmt) || die "pkg-config --libs perfmgmt"
echo "consumer: pkg-config perfmgmt $version: $cflags $libs"
# shellcheck disable=SC2086 # the flags are words
"$cc" -std=c11 -Wall -Wextra -Werror $cflags "$here/consumer.c" -o "$work/consumer_pc_shared" $libs ||
    die "cannot build with pkg-config --cflags --libs perfmgmt"
check_linked_from_prefix "$work/consumer_pc_shared"
run "$work/consumer_pc_shared"

# Static: the archive plus what pkg-config --static says it needs
# (Requires.private and Libs.private).
static_libs=$("$pkg_config" --libs --static perfmgmt) || die "pkg-config --libs --static perfmgmt"
static_libs=" $static_libs "
static_libs=${static_libs/ -lperfmgmt / $libdir/libperfmgmt.a }
echo "consumer: pkg-config --static: $static_libs"
# shellcheck disable=SC2086
"$cc" -std=c11 -Wall -Wextra -Werror $cflags "$here/consumer.c" -o "$work/consumer_pc_static" $static_libs ||
    die "cannot build with pkg-config --libs --static perfmgmt"
if ldd "$work/consumer_pc_static" | grep -q libperfmgmt; then
    die "consumer_pc_static links the shared library"
fi
run "$work/consumer_pc_static"

# 2. CMake: find_package(perfmgmt) and the exported targets.
"$cmake" -S "$here" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=Release >"$work/cmake-configure.log" 2>&1 || {
    cat "$work/cmake-configure.log" >&2
    die "find_package(perfmgmt) failed"
}
grep -E '^-- Found perfmgmt' "$work/cmake-configure.log" | sed 's/^-- /consumer: /'
"$cmake" --build "$work/cmake" >"$work/cmake-build.log" 2>&1 || {
    cat "$work/cmake-build.log" >&2
    die "cannot build with the perfmgmt::perfmgmt / perfmgmt::perfmgmt_static targets"
}
check_linked_from_prefix "$work/cmake/consumer_cmake_shared"
run "$work/cmake/consumer_cmake_shared"
if ldd "$work/cmake/consumer_cmake_static" | grep -q libperfmgmt; then
    die "consumer_cmake_static links the shared library"
fi
run "$work/cmake/consumer_cmake_static"

echo "consumer: ok: pkg-config and find_package, shared and static, against $prefix"
