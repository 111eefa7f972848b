#!/usr/bin/env python3
"""Can one hedge lexicon reach the Wikipedia target without losing BioScope and SFU? (issue 5)

A ceiling study, not part of the tool. It reads the sentences that `corroborate eval hedges FILE
--dump OUT` judged on each corpus (gold label, and the hedge cues the shipped lexicon found) and
replays the sentence-level decision ("uncertain when at least one cue") under changes to the
lexicon, all in one pass:

- the shipped lexicon;
- the shipped lexicon plus the bare vague quantifiers "some" and "many" (the strongest weasel
  markers of the Wikipedia set, by log-odds);
- a Wikipedia-only lexicon: the shipped one without the epistemic modals and conditionals (which
  the Wikipedia annotation does not count: "may" marks 26% of its uncertain and certain sentences
  alike), plus vague quantifiers and peacock terms. This one is chosen by looking at the Wikipedia
  labels, so it is an optimistic ceiling for a lexicon, not a candidate.

Word matching for the added terms is on lower-cased word sequences, a close stand-in for the tool's
matcher. Usage:

    for f in wiki-weasel-train.csv bioscope_sentences.jsonl.gz sfu_review_sentences.jsonl.gz; do
      target/release/corroborate eval hedges ../shared/eval/hedges/$f --dump /tmp/hedges-$f.jsonl
    done
    python3 benches/hedges_ceiling.py /tmp/hedges-wiki-weasel-train.csv.jsonl \
        /tmp/hedges-bioscope_sentences.jsonl.gz.jsonl /tmp/hedges-sfu_review_sentences.jsonl.gz.jsonl
"""

import json
import re
import sys

MODALS = {
    "may", "might", "could", "would", "should", "must", "can", "if", "whether", "possible",
    "potential", "unknown", "appear", "appears", "appeared", "assume", "believe",
}
VAGUE = ["some", "many"]
WIKI_EXTRA = VAGUE + [
    "most", "several", "various", "often", "generally", "widely", "considered", "regarded",
    "notable", "best known", "well known", "certain",
]


def load(path):
    rows = []
    for line in open(path):
        d = json.loads(line)
        words = " " + " ".join(re.findall(r"[a-z']+", d["text"].lower())) + " "
        cues = {c.lower().replace("n't", " not") for c in d["cues"]}
        rows.append((d["uncertain"], cues, words))
    return rows


def f1(rows, drop=frozenset(), add=()):
    tp = fp = fn = 0
    for label, cues, words in rows:
        pred = bool(cues - drop) or any(f" {a} " in words for a in add)
        tp += pred and label
        fp += pred and not label
        fn += (not pred) and label
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    return 2 * p * r / max(p + r, 1e-9)


def main(paths):
    corpora = {p.split("/")[-1].split(".")[0].replace("hedges-", ""): load(p) for p in paths}
    variants = [
        ("shipped lexicon", frozenset(), ()),
        ("+ bare 'some', 'many'", frozenset(), VAGUE),
        ("Wikipedia-only (modals out, weasel terms in)", frozenset(MODALS), WIKI_EXTRA),
    ]
    print("sentence F1".ljust(48) + "".join(name[:18].rjust(20) for name in corpora))
    for name, drop, add in variants:
        print(name.ljust(48) + "".join(f"{f1(rows, drop, add):20.3f}" for rows in corpora.values()))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: hedges_ceiling.py DUMP.jsonl... (from `corroborate eval hedges FILE --dump`)")
    main(sys.argv[1:])
