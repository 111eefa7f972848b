#!/usr/bin/env bash
# Compare corroborate binaries on a noisy host: ROUNDS rounds of `eval clusters FEED`, the binaries
# taking turns, single thread; prints the median and minimum user time of each (the median is the
# figure docs/benchmarks.md quotes). Put FEED on tmpfs (/dev/shm) so that page-cache eviction stays
# out of the timings.
#
#   benches/alternate.sh 5 /dev/shm/synth-100000.jsonl /tmp/corr-base target/release/corroborate
set -euo pipefail
rounds=$1 feed=$2
shift 2
export RAYON_NUM_THREADS=1
for _ in $(seq "$rounds"); do
  for bin in "$@"; do
    /usr/bin/time -f "$bin %U" "$bin" eval clusters "$feed" 2>&1 >/dev/null | tail -1
  done
done | python3 -c '
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in sys.stdin:
    bin, user = line.rsplit(" ", 1)
    runs[bin].append(float(user))
for bin, t in runs.items():
    each = " ".join("%.2f" % x for x in t)
    print("%s: median %.3f s, min %.3f s user (%d runs: %s)" % (bin, statistics.median(t), min(t), len(t), each))
'
