#!/usr/bin/env bash
# Every function the public headers declare with PM_EXTERN is in the symbol
# ledger, and every ledger symbol is declared in a public header: a declared
# but unexported function fails to link for users, and an export without a
# declaration is a private function leaking into the ABI.
#   check_headers_ledger.sh INCLUDE_DIR LEDGER
set -euo pipefail
include=$1 map=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=ledger.sh
. "$here/ledger.sh"

ledger=$(pm_ledger "$map" | cut -d' ' -f1 | LC_ALL=C sort -u)
# PM_EXTERN(type) name(...: the name follows the macro on the same line.
declared=$(find "$include" -name '*.h' -print0 | xargs -0 cat |
    sed -n 's/.*PM_EXTERN([^)]*)[[:space:]]*\([A-Za-z_][A-Za-z0-9_]*\)[[:space:]]*(.*/\1/p' |
    LC_ALL=C sort -u)
if [[ -z $declared ]]; then
    echo "FAIL: no PM_EXTERN declaration found under $include" >&2
    exit 1
fi
fail=0
undeclared=$(LC_ALL=C comm -23 <(printf '%s\n' "$ledger") <(printf '%s\n' "$declared"))
unlisted=$(LC_ALL=C comm -13 <(printf '%s\n' "$ledger") <(printf '%s\n' "$declared"))
if [[ -n $unlisted ]]; then
    echo "FAIL: declared in a public header but not in the ledger $(basename "$map"):" >&2
    sed 's/^/  /' <<<"$unlisted" >&2
    fail=1
fi
if [[ -n $undeclared ]]; then
    echo "FAIL: in the ledger but declared in no public header:" >&2
    sed 's/^/  /' <<<"$undeclared" >&2
    fail=1
fi
[[ $fail -eq 0 ]] || exit 1
echo "ok: the $(wc -l <<<"$declared") functions declared in the headers are the ledger's"
