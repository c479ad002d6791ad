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
# valgrind 3.19 decodes no AVX-512: on a CPU that has it, OpenBLAS's SkylakeX kernel would stop the
# count at its first product, so the counted run uses the Haswell kernel (AVX2), which every such CPU runs.
count() {
  local log total
  log=$(CAHIER_BLAS_KERNEL=${CAHIER_BLAS_KERNEL:-Haswell} valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    "$copy" --notebook "$notebook" --repeat "$1" 2>&1) || true
  total=$(awk '/Collected/ { print $4 }' <<<"$log")
  if [[ -z $total ]] || grep -q '"failed": [1-9]\|unhandled instruction' <<<"$log"; then
    echo "instructions.sh: the counted run of $notebook failed:" >&2
    grep -v '^==' <<<"$log" | tail -5 >&2
    exit 1
  fi
  echo "$total"
}
one=$(count 1)
eleven=$(count 11)
echo "$notebook: $(( (eleven - one) / 10 )) instructions a run"
