#!/bin/sh
# Instruction counts that do not drift with the machine's load: runs a command under
# valgrind --tool=callgrind and prints the instructions of the whole process, and per item
# when ITEMS is given (for example the number of lines of a --jsonl input).
#
# valgrind refuses Swift binaries with debug info ("Possibly corrupted debuginfo file"), so the
# program is measured through a copy made with `strip --strip-debug`.
#
#   scripts/callgrind.sh [ITEMS] -- PROGRAM [ARGS...]
#   scripts/callgrind.sh 1529 -- .build/release/course-admin calc equiv --jsonl ../shared/corpus/equivalence-dev.jsonl
#   scripts/callgrind.sh -- ~/.local/bin/course submit drill1 answer.txt
# Standard input is passed on; the command's own output goes to /dev/null. Set
# CALLGRIND_OUT=FILE to keep the profile for callgrind_annotate.
set -eu
items=""
if [ "${1:-}" != "--" ]; then items="$1"; shift; fi
[ "${1:-}" = "--" ] || { echo "usage: scripts/callgrind.sh [ITEMS] -- PROGRAM [ARGS...]" >&2; exit 2; }
shift
command -v valgrind >/dev/null || { echo "valgrind is not installed: sudo apt-get install valgrind" >&2; exit 2; }
program="$(command -v "$1")" || { echo "no program '$1'" >&2; exit 2; }
shift
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
copy="$work/$(basename "$program")"
strip --strip-debug -o "$copy" "$program"
out="${CALLGRIND_OUT:-$work/callgrind.out}"
valgrind --tool=callgrind --callgrind-out-file="$out" "$copy" "$@" >/dev/null 2>"$work/log" || {
    status=$?
    # A command that exits non-zero on purpose (calc equiv on bad input) is still measured.
    grep -q "Collected" "$work/log" || { cat "$work/log" >&2; exit "$status"; }
}
total="$(sed -n 's/^==[0-9]*== Collected : //p' "$work/log")"
echo "instructions per process: $total"
if [ -n "$items" ] && [ "$items" -gt 0 ]; then
    echo "items: $items"
    echo "instructions per item (start-up included): $((total / items))"
fi
