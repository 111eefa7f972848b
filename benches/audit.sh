#!/usr/bin/env bash
# Feed-audit benchmark (issue 8): ingest + clustering throughput on synthetic articles of realistic
# length, against datasketch's MinHashLSH on the same items; peak memory while streaming; a
# 1,000,000-article feed end to end; the RSS archive smoke run. Single thread, release build.
#
#   benches/audit.sh            # N=100000 items for throughput and memory
#   N=20000 BIG=0 benches/audit.sh   # quicker; BIG=0 skips the 1M run
# Figures and the commands that printed them: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
BIG=${BIG:-1}
DATA=${DATA:-${TMPDIR:-/tmp}/corroborate-bench}
mkdir -p "$DATA"
cargo build --release --locked
bin=target/release/corroborate
export RAYON_NUM_THREADS=1

feed="$DATA/synth-$N.jsonl"
[ -s "$feed" ] || python3 benches/gen_feed.py --items "$N" --seed 7 > "$feed"
echo "== $feed: $(wc -l < "$feed") items, $(du -m "$feed" | cut -f1) MB, $(($(wc -w < "$feed") / N)) words per item"

echo "== corroborate: ingest + clustering (eval clusters reads, clusters and scores)"
hyperfine -N --warmup 1 -r 3 "$bin eval clusters $feed"
"$bin" eval clusters "$feed"

echo "== datasketch MinHashLSH on the same items (best threshold of 0.5-0.8 on a 5k sample: 0.8)"
python3 -m pip install --quiet datasketch 2>/dev/null || true
python3 benches/datasketch_baseline.py "$feed" --threshold 0.8
echo "== datasketch with the near-duplicate stage first (both stages corroborate's clusterer runs)"
python3 benches/datasketch_baseline.py "$feed" --threshold 0.8 --syndication
echo "== the same, near-duplicate signature of corroborate's size (64 values)"
python3 benches/datasketch_baseline.py "$feed" --threshold 0.8 --syndication --synd-perm 64

echo "== peak memory while streaming (audit --cluster-only writes the stories and the syndication map)"
# GNU time's %M is in KiB. The peak moves by a few MiB from run to run (the allocator's layout),
# so three runs are printed.
for run in 1 2 3; do
  /usr/bin/time -f "%M" -o "$DATA/peak-$run" "$bin" audit "$feed" --cluster-only --out "$DATA/out-$N" --format json > /dev/null
  echo "run $run: $(awk '{printf "%.1f MiB (%d KiB)", $1 / 1024, $1}' "$DATA/peak-$run") peak"
done

if [ "$BIG" = 1 ]; then
  big="$DATA/synth-1000000.jsonl"
  # Ten copies of the 100k feed, a month apart (ids and story labels made unique): generating 1M
  # items in Python takes ~25 min, this takes seconds.
  base="$DATA/synth-100000.jsonl"
  [ -s "$base" ] || python3 benches/gen_feed.py --items 100000 --seed 7 > "$base"
  [ -s "$big" ] || for k in 0 1 2 3 4 5 6 7 8 9; do m=$(printf "%02d" $((k+1)))
    sed -e "s/\"id\": \"i/\"id\": \"m${m}i/; s/\"story\": \"s/\"story\": \"m${m}s/; s/\"published\": \"2026-01-/\"published\": \"2026-${m}-/" "$base"
  done > "$big"
  echo "== 1,000,000 items end to end (cluster only)"
  /usr/bin/time -f "%e s, %M KB peak" "$bin" audit "$big" --cluster-only --out "$DATA/out-1m" --format json > /dev/null
fi

archive=../shared/eval/feeds/rss-archive-2025/rss_archive.csv
if [ -f "$archive" ]; then
  echo "== RSS archive smoke run (first 3 demo rows dropped, deduplicated on Link), full audit"
  python3 - "$archive" "$DATA/rss_archive.dedup.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
head, body = rows[0], rows[4:]
link = head.index("Link")
seen, out = set(), []
for r in body:
    if len(r) > link and r[link] not in seen:
        seen.add(r[link]); out.append(r)
w = csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""))
w.writerow(head); w.writerows(out)
print(f"{len(out)} items after dropping the demo rows and duplicate links", file=sys.stderr)
PY
  unset RAYON_NUM_THREADS
  /usr/bin/time -f "%e s, %M KB peak" "$bin" audit "$DATA/rss_archive.dedup.csv" --out "$DATA/out-rss" --format markdown | head -30
fi
