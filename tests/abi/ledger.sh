# Sourced by the ABI checks: reads the symbol ledger (a GNU ld version script).
# pm_ledger MAPFILE prints "symbol node" for every global symbol, one a line,
# sorted; fails when the ledger is malformed or uses a wildcard in a global
# list (every export must be named).

pm_ledger() {
    local map=$1
    [[ -r $map ]] || { echo "error: cannot read the ledger $map" >&2; return 1; }
    awk '
    { text = text $0 "\n" }
    END {
        # Drop /* ... */ comments.
        while ((s = index(text, "/*")) > 0) {
            rest = substr(text, s + 2)
            e = index(rest, "*/")
            if (e == 0) { print "error: unterminated comment in the ledger" > "/dev/stderr"; exit 1 }
            text = substr(text, 1, s - 1) " " substr(rest, e + 2)
        }
        gsub(/[ \t\n]*:/, ":", text)
        gsub(/[{};]/, " & ", text)
        n = split(text, tok, /[ \t\n]+/)
        depth = 0; node = ""; closed = 0; scope = ""; bad = 0
        for (i = 1; i <= n; i++) {
            t = tok[i]
            if (t == "") continue
            if (depth == 0) {
                if (t == "{") {
                    if (node == "") { print "error: a version block without a node name" > "/dev/stderr"; bad = 1 }
                    depth = 1; scope = "global"; closed = 0
                } else if (t == ";") {
                    node = ""; closed = 0
                } else if (!closed) {
                    node = t
                }
                # after "}" a name is the parent node: nothing to record
            } else {
                if (t == "}") { depth = 0; closed = 1 }
                else if (t == "global:") scope = "global"
                else if (t == "local:") scope = "local"
                else if (t == ";") continue
                else if (scope == "global") {
                    if (t ~ /[*?\[]/) { print "error: wildcard \"" t "\" in the global list of " node > "/dev/stderr"; bad = 1 }
                    print t, node
                }
            }
        }
        if (depth != 0) { print "error: unterminated version block in the ledger" > "/dev/stderr"; bad = 1 }
        exit bad
    }' "$map" | LC_ALL=C sort
}
