# normalise-final.awk - normalise the output of collect.sh (see run-scenarios:
# N2 and N3). Variables: primary_dir, known_primary, known_proto (names
# separated and surrounded by single spaces).
#
# N3: in each "### DIR/main.cf" dump, the trailing run of one-line
#     "name = value" definitions whose names the file's origin does not define
#     is sorted (bytewise) after a marker line; in the tree snapshot, the
#     sha256 of a main.cf whose directory was dumped becomes a placeholder.
# Optional variable "ignore": an ERE; tree-snapshot entries whose absolute
# path matches are left out (run-scenarios --ignore-path), and so is the
# "== DIR" header of a snapshotted directory whose path matches (it reads
# "(absent)" on the side that did not write it).
# N2: in the tree snapshot, the sha256 of files below a "pid" directory and of
#     "master.lock" becomes "<pid-file>".

function flush(   known, i, j, k, t, name, start) {
    if (section == "") return
    known = (section == primary_dir) ? known_primary : known_proto
    start = nbody + 1
    for (i = nbody; i >= 1; i--) {
        if (!match(body[i], /^[A-Za-z0-9_]+ =/)) break
        name = substr(body[i], 1, RLENGTH - 2)
        if (index(known, " " name " ") > 0) break
        start = i
    }
    for (i = 1; i < start; i++) print body[i]
    if (start <= nbody) {
        print "[N3: the " (nbody - start + 1) " appended definitions below are sorted]"
        # insertion sort: these runs are a handful of lines
        for (i = start + 1; i <= nbody; i++) {
            t = body[i]
            for (j = i - 1; j >= start && body[j] > t; j--) body[j + 1] = body[j]
            body[j + 1] = t
        }
        for (i = start; i <= nbody; i++) print body[i]
    }
    section = ""; nbody = 0
}

BEGIN { section = ""; nbody = 0; intree = 0; dumped = " " }

/^### / {
    flush()
    print
    if ($0 ~ /\/main\.cf$/) {
        section = substr($0, 5, length($0) - 4 - length("/main.cf"))
        dumped = dumped section " "
    }
    if ($0 == "### tree-snapshot") intree = 1
    next
}

section != "" { body[++nbody] = $0; next }

intree && /^== / {
    top = substr($0, 4)
    sub(/ \(absent\)$/, "", top)
    # The header only: entries below it are still compared unless they match too.
    if (ignore == "" || top !~ ignore) print
    next
}

# --ignore-path: drop snapshot entries whose absolute path matches "ignore".
intree && ignore != "" {
    rel = $0
    sub(/ [fdlpscb] [0-7]+ [^ ]+ [^ ]+( .*)?$/, "", rel)
    p = (rel == ".") ? top : top "/" rel
    if (p ~ ignore) next
}

intree && / f [0-7]+ [^ ]+ [^ ]+ sha256=[0-9a-f]+$/ {
    rel = $0
    sub(/ f [0-7]+ [^ ]+ [^ ]+ sha256=[0-9a-f]+$/, "", rel)
    if (rel ~ /(^|\/)pid\/[^ ]+$/ || rel ~ /(^|\/)master\.lock$/) {
        sub(/sha256=[0-9a-f]+$/, "sha256=<pid-file>")
    } else if (rel ~ /(^|\/)main\.cf$/) {
        dir = top "/" rel
        sub(/\/main\.cf$/, "", dir)
        if (index(dumped, " " dir " ") > 0) sub(/sha256=[0-9a-f]+$/, "sha256=<see main.cf dump>")
    }
    print
    next
}

{ print }

END { flush() }
