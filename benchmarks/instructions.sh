#!/usr/bin/env bash
# The instructions one run of a notebook executes in-process, counted by
# valgrind (deterministic, unlike wall time on a shared machine): callgrind's
# total for 11 runs less its total for 1, divided by 10, so that start-up
# (loading OpenBLAS, the first run's one-time work) is left out.
#   benchmarks/instructions.sh NOTEBOOK [BINARY]   (BINARY: .build/release/cahier-bench by default)
# valgrind cannot read this toolchain's debug information, so a copy of the
# binary without it is counted (its symbols stay, for callgrind_annotate).
set -euo pipefail
notebook=$1
binary=${2:-.build/release/cahier-bench}
command -v valgrind >/dev/null || { echo "instructions.sh: needs valgrind (apt-get install -y valgrind)" >&2; exit 2; }
copy=$(mktemp)
trap 'rm -f "$copy"' EXIT
strip -g -o "$copy" "$binary"
chmod +x "$copy"
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$copy" --notebook "$notebook" --repeat "$1" 2>&1 |
    awk '/Collected/ { print $4 }'
}
one=$(count 1)
eleven=$(count 11)
echo "$notebook: $(( (eleven - one) / 10 )) instructions a run"
