#!/usr/bin/env bash
# The shared library's SONAME is the ABI name (libperfmgmt.so.<ABI>), so that
# programs linked today keep loading it until the ABI breaks.
#   check_soname.sh LIBRARY EXPECTED_SONAME READELF
set -euo pipefail
lib=$1 expected=$2 readelf=$3
soname=$("$readelf" -d -W "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
if [[ $soname != "$expected" ]]; then
    echo "FAIL: SONAME of $lib is '${soname:-none}', expected '$expected'" >&2
    exit 1
fi
echo "ok: SONAME $soname"
