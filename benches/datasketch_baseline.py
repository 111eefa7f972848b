#!/usr/bin/env python3
"""Baseline: the same streaming story clustering with datasketch's MinHashLSH, on the same items.

For each item (in file order = publication order): the set of lower-cased content words of its
title and first 120 words of text (the same input corroborate's clusterer reads); a MinHash of
128 permutations; an LSH query at Jaccard `--threshold`; the item joins the story of the most
similar candidate (estimated Jaccard) and is inserted, else it opens a story. Prints one JSON line:
items, seconds (ingest + clustering, excluding the interpreter start), items/s, B³ P/R/F1.

With `--syndication`, each item first goes through the near-duplicate stage corroborate's clusterer
also runs (src/audit/syndication.rs, settings from rubrics/clustering.toml): the set of 3-word
shingles of all its lower-cased words (title and whole text), a MinHash of `--synd-perm`
permutations (default `--num-perm`; 64 is the size of corroborate's signature), an LSH query at Jaccard 0.8; an item with a match joins the story of its most similar
copy as a copy, without the same-event stage. Items of fewer than 12 words match on their exact
lower-cased words. Both stages are then the work corroborate does per item.

    python3 benches/datasketch_baseline.py /tmp/synth-100k.jsonl --threshold 0.3
    python3 benches/datasketch_baseline.py /tmp/synth-100k.jsonl --threshold 0.8 --syndication
"""
import argparse
import json
import re
import subprocess
import sys
import time

try:
    from datasketch import MinHash, MinHashLSH
except ImportError:  # install on first use, as the benchmark script promises
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "datasketch"])
    from datasketch import MinHash, MinHashLSH

STOP = set("""a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he her
here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
off on once only or other our ours ourselves out over own same she should so some such than that the their theirs
them themselves then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours yourself yourselves also may might must shall""".split())
WORD = re.compile(r"\w+")


def b3(pred, gold):
    from collections import Counter
    joint = Counter(zip(pred, gold))
    ps, gs = Counter(pred), Counter(gold)
    n = len(pred)
    p = sum(c * c / ps[k[0]] for k, c in joint.items()) / n
    r = sum(c * c / gs[k[1]] for k, c in joint.items()) / n
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--threshold", type=float, default=0.3)
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--lede-words", type=int, default=120)
    ap.add_argument("--synd-perm", type=int, default=None,
                    help="permutations of the near-duplicate stage (default: --num-perm; "
                         "corroborate's signature has 64 bins)")
    ap.add_argument("--syndication", action="store_true",
                    help="run the near-duplicate stage first, as corroborate does")
    a = ap.parse_args()
    t0 = time.perf_counter()
    lsh = MinHashLSH(threshold=a.threshold, num_perm=a.num_perm)
    synd_perm = a.synd_perm or a.num_perm
    synd = MinHashLSH(threshold=0.8, num_perm=synd_perm) if a.syndication else None
    synd_sigs, exact, copies = {}, {}, 0
    sigs, story_of, pred, gold = {}, {}, [], []
    with open(a.file, encoding="utf-8") as f:
        for i, line in enumerate(f):
            item = json.loads(line)
            key = f"k{i}"
            title_words = WORD.findall(item.get("title", "").lower())
            text_words = WORD.findall(item.get("text", "").lower())
            if synd is not None:
                all_words = title_words + text_words
                root = None
                if len(all_words) < 12:
                    text_key = " ".join(all_words)
                    root = exact.get(text_key)
                    exact.setdefault(text_key, key)
                else:
                    shingles = {" ".join(all_words[j:j + 3]) for j in range(len(all_words) - 2)}
                    sm = MinHash(num_perm=synd_perm)
                    sm.update_batch([s.encode("utf-8") for s in shingles])
                    best_sim = -1.0
                    for other in synd.query(sm):
                        sim = sm.jaccard(synd_sigs[other])
                        if sim >= 0.8 and sim > best_sim:
                            root, best_sim = other, sim
                    synd.insert(key, sm)
                    synd_sigs[key] = sm
                if root is not None:
                    copies += 1
                    story_of[key] = story_of[root]
                    pred.append(story_of[key])
                    gold.append(item.get("story"))
                    continue
            words = title_words + text_words[: a.lede_words]
            terms = {w for w in words if w not in STOP and len(w) > 1}
            m = MinHash(num_perm=a.num_perm)
            m.update_batch([w.encode("utf-8") for w in terms])
            best, best_sim = None, -1.0
            for other in lsh.query(m):
                sim = m.jaccard(sigs[other])
                if sim > best_sim:
                    best, best_sim = other, sim
            story_of[key] = story_of[best] if best is not None else key
            lsh.insert(key, m)
            sigs[key] = m
            pred.append(story_of[key])
            gold.append(item.get("story"))
    secs = time.perf_counter() - t0
    p, r, f1 = b3(pred, gold)
    print(json.dumps({"tool": "datasketch", "threshold": a.threshold,
                      "syndication": a.syndication, "copies": copies, "items": len(pred),
                      "seconds": round(secs, 3), "items_per_s": round(len(pred) / secs, 1),
                      "b3_precision": round(p, 4), "b3_recall": round(r, 4), "b3_f1": round(f1, 4)}))


if __name__ == "__main__":
    main()
