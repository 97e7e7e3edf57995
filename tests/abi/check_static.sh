#!/usr/bin/env bash
# The static archive defines no global symbol outside the pm_ namespace, so it
# cannot clash with the program it is linked into. Internal functions shared
# between files are named pm_<module>__<name>.
#   check_static.sh ARCHIVE NM
set -euo pipefail
archive=$1 nm=$2
# Lines are "address type name" for defined symbols (member headers and
# "file:" lines have fewer fields).
defined=$("$nm" -g --defined-only "$archive" | awk 'NF == 3 { print $3, $2 }')
if [[ -z $defined ]]; then
    echo "FAIL: $archive defines no global symbol" >&2
    exit 1
fi
# Symbols the compiler itself emits for instrumentation (sanitizer builds) are
# not ours to name.
foreign=$(awk '$1 !~ /^pm_/ && $1 !~ /^__(odr_)?asan/ && $1 !~ /^___asan/ && $1 !~ /^__(ubsan|sancov|gcov)/' <<<"$defined" || true)
if [[ -n $foreign ]]; then
    echo "FAIL: global symbols in $(basename "$archive") without the pm_ prefix (name, type):" >&2
    sed 's/^/  /' <<<"$foreign" | LC_ALL=C sort -u >&2
    exit 1
fi
echo "ok: $(wc -l <<<"$defined") global symbols in $(basename "$archive"), all pm_"
