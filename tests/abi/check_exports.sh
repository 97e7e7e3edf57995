#!/usr/bin/env bash
# The shared library exports exactly the functions in the symbol ledger, each
# with the version node the ledger puts it in, and nothing else.
#   check_exports.sh LIBRARY LEDGER NM READELF
set -euo pipefail
lib=$1 map=$2 nm=$3 readelf=$4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=ledger.sh
. "$here/ledger.sh"

fail=0
ledger=$(pm_ledger "$map")
ledger_names=$(cut -d' ' -f1 <<<"$ledger")
ledger_nodes=$(cut -d' ' -f2 <<<"$ledger" | LC_ALL=C sort -u)
if [[ -z $ledger_names ]]; then
    echo "FAIL: the ledger $map lists no symbol" >&2
    exit 1
fi
dups=$(uniq -d <<<"$ledger_names")
if [[ -n $dups ]]; then
    echo "FAIL: listed more than once in the ledger:" >&2
    sed 's/^/  /' <<<"$dups" >&2
    fail=1
fi

# 1. nm: the defined dynamic symbols. Version node definitions are absolute
#    symbols named after the node; everything else must be a pm_ function.
nm_out=$("$nm" -D --defined-only "$lib")
exports=$(awk 'NF >= 3 { name = $3; sub(/@.*/, "", name); print $2, name }' <<<"$nm_out" |
          awk -v nodes="$ledger_nodes" '
              BEGIN { split(nodes, a, "\n"); for (k in a) isnode[a[k]] = 1 }
              !($1 == "A" && ($2 in isnode)) { print }')
not_functions=$(awk '$1 !~ /^[TtWiI]$/' <<<"$exports")
if [[ -n $not_functions ]]; then
    echo "FAIL: exported symbols that are not functions (type, name):" >&2
    sed 's/^/  /' <<<"$not_functions" >&2
    fail=1
fi
exported=$(awk '{ print $2 }' <<<"$exports" | LC_ALL=C sort -u)
foreign=$(grep -v '^pm_' <<<"$exported" || true)
if [[ -n $foreign ]]; then
    echo "FAIL: exported names without the pm_ prefix:" >&2
    sed 's/^/  /' <<<"$foreign" >&2
    fail=1
fi
missing=$(LC_ALL=C comm -23 <(LC_ALL=C sort -u <<<"$ledger_names") <(printf '%s\n' "$exported"))
extra=$(LC_ALL=C comm -13 <(LC_ALL=C sort -u <<<"$ledger_names") <(printf '%s\n' "$exported"))
if [[ -n $missing ]]; then
    echo "FAIL: in the ledger but not exported by $(basename "$lib"):" >&2
    sed 's/^/  /' <<<"$missing" >&2
    fail=1
fi
if [[ -n $extra ]]; then
    echo "FAIL: exported by $(basename "$lib") but not in the ledger:" >&2
    sed 's/^/  /' <<<"$extra" >&2
    fail=1
fi

# 2. readelf: each export carries, as its default version, the node the
#    ledger lists it under.
versioned=$("$readelf" --dyn-syms -W "$lib" |
    awk '$1 ~ /^[0-9]+:$/ && $7 != "UND" && NF >= 8 { print $8 }' |
    awk -F'@' -v nodes="$ledger_nodes" '
        BEGIN { split(nodes, a, "\n"); for (k in a) isnode[a[k]] = 1 }
        ($1 in isnode) { next }
        { node = (NF >= 3 && $2 == "") ? $3 : (NF >= 2 ? "(hidden)" $NF : "(none)"); print $1, node }' |
    LC_ALL=C sort -u)
wrong=$(LC_ALL=C comm -13 <(printf '%s\n' "$ledger") <(printf '%s\n' "$versioned") || true)
if [[ -n $wrong ]]; then
    echo "FAIL: exports whose version is not the ledger's (symbol, version):" >&2
    while read -r sym ver; do
        want=$(awk -v s="$sym" '$1 == s { print $2 }' <<<"$ledger")
        echo "  $sym: $ver, ledger says ${want:-nothing}" >&2
    done <<<"$wrong"
    fail=1
fi

count=$(wc -l <<<"$ledger_names")
if [[ $fail -ne 0 ]]; then
    exit 1
fi
echo "ok: $(basename "$lib") exports the $count ledger symbols, versioned $(tr '\n' ' ' <<<"$ledger_nodes")"
