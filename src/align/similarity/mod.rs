//! Do two sentences report the same fact? A small learned model whose weights are data.
//!
//! *What it measures*: for a pair of sentences, a handful of cheap lexical features (listed in
//! [`FEATURE_NAMES`]) are combined by a logistic regression, `p = sigmoid(bias + Σ wᵢ·(xᵢ − meanᵢ) /
//! stdᵢ)`, and the pair is taken as the same fact when `p ≥ threshold`. Weights, standardisation,
//! bias and threshold live in `rubrics/similarity.toml` (compiled in), with example pairs that the
//! tests run through the model. The shipped weights were fitted by
//! [`crate::eval::paraphrase::fit_to_toml_with`] on the Microsoft Research Paraphrase Corpus (train,
//! yes/no labels) together with the STS Benchmark news pairs (train, similarity 0–5 scaled to a
//! target in 0..1): fitted on MSRP alone, the weights exploit how its pairs were selected (a
//! sentence that holds the other plus more is a negative there) and the probability orders graded
//! pairs worse than the cosine alone (Pearson 0.65 on STS news train); fitted on both, MSRP
//! accuracy loses half a point and the ordering of graded pairs gains eight.
//!
//! The features, in order:
//! - `coverage_min`: IDF-weighted share of one sentence's stems that the other one has, taken on the
//!   less-covered side (the strongest single signal on news paraphrases);
//! - `cosine`: cosine of the TF-IDF vectors over stems;
//! - `trigram_max`: shared word trigrams (of stems) over the trigrams of the sentence that has fewer;
//! - `sequence`: `1 − d / max(len)` with `d` the Levenshtein distance between the two stem sequences
//!   (`strsim::generic_levenshtein` over stem ids), which rewards the same words in the same order;
//! - `negation_diff`: difference in the counts of negations (`not`, `never`, `no`, `…n't`, …);
//! - `numbers_unmatched`: numbers found on one side only (distinct values);
//! - `names_unmatched`: names on one side only (a name is matched when one of its capitalised words
//!   occurs in the other sentence);
//! - `length_log_ratio`: `|ln((1 + len a) / (1 + len b))|` in tokens.
//!
//! *Why it matters*: alignment, conflicts and coverage all rest on this one decision. Single overlap
//! measures with a threshold plateau around 0.73 accuracy on news paraphrases; a learned combination
//! reaches about 0.76 (see `../shared/design/ALIGNMENT-NOTES.md` and the figures in the rubric's
//! header; `corroborate eval paraphrase` and `corroborate eval sts` measure it).
//!
//! *Speed*: everything that depends on one sentence only is computed once, in its [`Signature`]
//! (stem ids, sorted bags, trigram hashes, numbers, names, and — after [`Signature::weigh`] — its IDF
//! weights and vector norm); a pair costs a few merges of sorted arrays and one Levenshtein over two
//! short id sequences, with no allocation except the one row `strsim` keeps.
//!
//! *Example* (IDF fitted on a handful of sentences): "The company cut 300 jobs on Monday." / "On
//! Monday the firm eliminated 300 jobs." → p 0.68, above the threshold (0.61): same fact.
//! "… cut 300 jobs …" / "… cut 500 jobs …" → p 0.87: still the same fact, and the two figures are
//! a conflict for alignment to report, not two facts. "… did not cut 300 jobs …" → p 0.66: a
//! negation lowers the probability but does not veto on its own.
//!
//! *Limitations*: purely lexical: synonyms ("cut" / "eliminated") only count through the words
//! around them, and two sentences on different facts of one story that share many words can pass;
//! the number, name and negation features are weak (their fitted weights are small). English stems
//! only. The IDF must be fitted on text of the same kind (a story's sentences, a feed):
//! coverage means little with a table fitted elsewhere.
//!
//! *References*: Dolan & Brockett 2005 (MSRP); Cer et al. 2017 (STS Benchmark); the experiment
//! summarised in `../shared/design/ALIGNMENT-NOTES.md`.
//!
//! *Parts*: `idf` (the IDF table), `signature` (what is computed once per sentence), `features`
//! (the features of a pair), `model` (the rubric-backed model and its examples) and `fit` (the
//! logistic fitting). This module holds the feature names and the word keys the parts share, and
//! re-exports every public item.

mod features;
mod fit;
mod idf;
mod model;
mod signature;

pub use features::feature_array;
pub use fit::{fit_logistic, fit_logistic_soft, sigmoid};
pub use idf::Idf;
pub use model::{examples_of, pair_signatures, Example, Model, BUILTIN_SIMILARITY};
pub use signature::Signature;

/// The features of a pair, in the order [`Model::features`] returns them.
pub const FEATURE_NAMES: &[&str] = &[
    "coverage_min",
    "cosine",
    "trigram_max",
    "sequence",
    "negation_diff",
    "numbers_unmatched",
    "names_unmatched",
    "length_log_ratio",
];

/// Number of features.
pub const N_FEATURES: usize = FEATURE_NAMES.len();

/// A stable 64-bit key for a word (FNV-1a): sentences are compared by keys, never by strings.
fn key(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in word.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Combines the keys of a word n-gram into one key.
fn combine(keys: &[u64]) -> u64 {
    keys.iter().fold(0x9e37_79b9_7f4a_7c15_u64, |h, k| {
        (h.rotate_left(23) ^ k).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[cfg(test)]
fn idf_of(texts: &[&str]) -> Idf {
    let sigs: Vec<Signature> = texts
        .iter()
        .map(|t| Signature::from_text(t, None))
        .collect();
    Idf::fit(sigs.iter().map(|s| s.stems.iter().map(String::as_str)))
}
