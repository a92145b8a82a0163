#!/bin/sh
# The instruction-count bars of the README's Benchmarks section, measured with callgrind
# (scripts/callgrind.sh) on release builds:
#   parse    the parser per answer, start-up excluded: `course-bench parse` run with --times N and
#            --times 0, the difference divided by N per answer.
#   jsonl    the `calc equiv --jsonl` path without the judge (`course-bench jsonl`: reading,
#            parsing, writing JSON Lines) over 10,000 items (the dev corpus repeated), per item
#            with start-up included.
#   judge    `course-admin calc equiv --jsonl` itself over the same 10,000 items, and the judge's
#            share (callgrind_annotate's inclusive cost of EquivalenceChecker.judge). Slow: the
#            few items that need thousands of bits take minutes under valgrind.
#   submit   `course submit ex1` on a database of 100,000 attempts (built by `course-bench submit
#            --keep`), and a static Foundation "hello" for reference.
#
#   scripts/instructions.sh [parse|jsonl|judge|submit]...     (default: parse jsonl submit)
# Environment: BIN (default .build/release) holds course-bench and course-admin; COURSE (default
# ~/.local/bin/course, from scripts/install.sh) is the course binary measured; CORPUS (default
# ../shared/corpus/equivalence-dev.jsonl).
set -eu
cd "$(dirname "$0")/.."
BIN="${BIN:-.build/release}"
COURSE="${COURSE:-$HOME/.local/bin/course}"
CORPUS="${CORPUS:-../shared/corpus/equivalence-dev.jsonl}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
count() { scripts/callgrind.sh -- "$@" | sed -n 's/^instructions per process: //p' | tr -d ,; }

parse() {
    times=2000
    for answer in "3x^2*sin(x) + e^(2x)" "(x^2 + 1)/(2*sqrt(x))" "12*x^3 - 4*x + 7" "2x*cos(x^2) - 1/x"; do
        base="$(count "$BIN/course-bench" parse --times 0 "$answer")"
        full="$(count "$BIN/course-bench" parse --times "$times" "$answer")"
        echo "parse '$answer' (${#answer} characters): $(((full - base) / times)) instructions per parse"
    done
}

items=10000
corpus10k() {
    [ -f "$work/10k.jsonl" ] && return
    : >"$work/items.jsonl"
    while [ "$(wc -l <"$work/items.jsonl")" -lt "$items" ]; do cat "$CORPUS" >>"$work/items.jsonl"; done
    head -n "$items" "$work/items.jsonl" >"$work/10k.jsonl"
}

jsonl() {
    corpus10k
    echo "calc equiv --jsonl without the judge (course-bench jsonl):"
    scripts/callgrind.sh "$items" -- "$BIN/course-bench" jsonl "$work/10k.jsonl"
}

judge() {
    corpus10k
    CALLGRIND_OUT="$work/jsonl.cg" scripts/callgrind.sh "$items" -- "$BIN/course-admin" calc equiv --jsonl "$work/10k.jsonl"
    total="$(sed -n 's/^summary: //p' "$work/jsonl.cg" | tr -d ,)"
    # The stripped copy keeps its (mangled) symbols: demangle them to find the judge.
    judge="$(callgrind_annotate --inclusive=yes "$work/jsonl.cg" 2>/dev/null | swift demangle --simplified \
        | grep -m 1 ':EquivalenceChecker.judge(_:_:domain:) ' | awk '{print $1}' | tr -d ,)"
    if [ -n "$judge" ]; then
        echo "of which the judge (EquivalenceChecker.judge, inclusive): $((judge / items)) per item"
        echo "everything but the judge (start-up, JSON Lines, parsing): $(((total - judge) / items)) per item"
    fi
}

submit() {
    [ -x "$COURSE" ] || { echo "no course binary at $COURSE: run scripts/install.sh or set COURSE" >&2; exit 2; }
    printf 'import Foundation\nprint("hello, \\(ProcessInfo.processInfo.processName)")\n' >"$work/hello.swift"
    swiftc -O -static-stdlib "$work/hello.swift" -o "$work/hello" 2>/dev/null
    "$BIN/course-bench" submit --runs 1 --keep --course "$COURSE" >"$work/bench.txt"
    folder="$(sed -n 's/^kept //p' "$work/bench.txt")"
    echo "course submit ex1 on $(sed -n 's/^database: //p' "$work/bench.txt")"
    printf 'course submit: '
    scripts/callgrind.sh -- "$COURSE" submit ex1 "$folder/wrong.txt" --db "$folder/course.db" --learner learner0 | head -n 1
    printf 'static hello (Foundation): '
    scripts/callgrind.sh -- "$work/hello" | head -n 1
    rm -rf "$folder"
}

[ $# -gt 0 ] || set -- parse jsonl submit
for what in "$@"; do
    case "$what" in
        parse) parse ;;
        jsonl) jsonl ;;
        judge) judge ;;
        submit) submit ;;
        *) echo "usage: scripts/instructions.sh [parse|jsonl|judge|submit]..." >&2; exit 2 ;;
    esac
done
