#!/usr/bin/env bash
# Issue 26, item 2: the products of workloads 5a and 5b, and of the MLP at width 1024, with OpenBLAS
# (what Cahier runs), BLIS and libxsmm (Debian's packages): one process per library and round, the
# libraries in turn round by round, median per library and shape. One thread each.
#   benchmarks/products/run.sh [REPEATS] [ROUNDS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
missing=()
for package in libopenblas-dev libblis-dev libxsmm-dev; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source="$here/small-products.c"
gcc -O2 -o "$work/OpenBLAS" "$source" -I/usr/include/x86_64-linux-gnu/openblas-pthread \
  -L/usr/lib/x86_64-linux-gnu/openblas-pthread -lopenblas -Wl,-rpath,/usr/lib/x86_64-linux-gnu/openblas-pthread
gcc -O2 -o "$work/BLIS" "$source" -I/usr/include/x86_64-linux-gnu/blis-openmp \
  -L/usr/lib/x86_64-linux-gnu/blis-openmp -lblis -Wl,-rpath,/usr/lib/x86_64-linux-gnu/blis-openmp
# libxsmm hands the shapes it has no kernel for to a BLAS: OpenBLAS, as Cahier's would be.
gcc -O2 -DUSE_XSMM -o "$work/libxsmm" "$source" /usr/lib/libxsmm.a \
  -L/usr/lib/x86_64-linux-gnu/openblas-pthread -lopenblas -Wl,-rpath,/usr/lib/x86_64-linux-gnu/openblas-pthread -lm -ldl -lpthread
lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print "CPU: " $2 }'
echo "vector sets: $(grep -o 'avx512f\|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')"
for ((round = 0; round < ${2:-15}; round++)); do
  for library in OpenBLAS BLIS libxsmm; do
    BLIS_NUM_THREADS=1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$work/$library" "${1:-300}" | sed "s/^/$library\t/"
  done
done > "$work/times"
python3 - "$work/times" <<'PY'
import collections, statistics, sys
times = collections.defaultdict(list)
flops = {}
for line in open(sys.argv[1]):
    library, shape, seconds, work = line.rstrip("\n").split("\t")
    times[shape, library].append(float(seconds))
    flops[shape] = float(work)
libraries = ["OpenBLAS", "BLIS", "libxsmm"]
print("| product | " + " | ".join(libraries) + " | best / OpenBLAS |")
print("| --- | " + " | ".join("---" for _ in libraries) + " | --- |")
for shape in flops:
    medians = {library: statistics.median(times[shape, library]) for library in libraries}
    cells = [f"{medians[l] * 1e6:.1f} µs ({flops[shape] / medians[l] / 1e9:.1f} GFLOP/s)" for l in libraries]
    best = min(libraries, key=medians.get)
    print(f"| {shape} | " + " | ".join(cells) + f" | {medians['OpenBLAS'] / medians[best]:.2f}× ({best}) |")
PY
