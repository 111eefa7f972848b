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

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::Token;

/// The text of the built-in model, compiled into the binary.
pub const BUILTIN_SIMILARITY: &str = include_str!("../../rubrics/similarity.toml");
const BUILTIN_NAME: &str = "rubrics/similarity.toml";

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

const F_COVERAGE_MIN: usize = 0;
const F_COSINE: usize = 1;
const F_TRIGRAM_MAX: usize = 2;
const F_SEQUENCE: usize = 3;
const F_NEGATION_DIFF: usize = 4;
const F_NUMBERS_UNMATCHED: usize = 5;
const F_NAMES_UNMATCHED: usize = 6;
const F_LENGTH_LOG_RATIO: usize = 7;

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

// ---------------------------------------------------------------------------------------------
// IDF
// ---------------------------------------------------------------------------------------------

/// Gives every IDF table its own id, so that a [`Signature`] knows which table its weights are for.
static NEXT_IDF_ID: AtomicU64 = AtomicU64::new(1);

/// Inverse document frequency over stems, fitted on a set of documents (a story's sentences, a feed,
/// an eval file): `idf(s) = ln((N + 1) / (df(s) + 1)) + 1`. A stem never seen when fitting gets the
/// maximum, `ln(N + 1) + 1`, as if its document frequency were 0: a rare word shared by two
/// sentences is strong evidence, and dropping unseen words loses it.
#[derive(Debug, Clone)]
pub struct Idf {
    id: u64,
    docs: usize,
    df: HashMap<u64, u32>,
    max: f64,
}

impl Idf {
    /// Fits the table: each document is the sequence of its stems (repeats count once).
    pub fn fit<'a, I, D>(docs: I) -> Idf
    where
        I: IntoIterator<Item = D>,
        D: IntoIterator<Item = &'a str>,
    {
        let mut df: HashMap<u64, u32> = HashMap::new();
        let mut n = 0usize;
        let mut seen: Vec<u64> = Vec::new();
        for doc in docs {
            n += 1;
            seen.clear();
            seen.extend(doc.into_iter().map(key));
            seen.sort_unstable();
            seen.dedup();
            for k in &seen {
                *df.entry(*k).or_insert(0) += 1;
            }
        }
        Idf {
            id: NEXT_IDF_ID.fetch_add(1, Ordering::Relaxed),
            docs: n,
            df,
            max: ((n as f64) + 1.0).ln() + 1.0,
        }
    }

    /// The weight of a stem (the maximum for a stem not seen when fitting).
    pub fn weight(&self, stem: &str) -> f64 {
        self.weight_of_key(key(stem))
    }

    /// The largest weight, the one unseen stems get.
    pub fn max_weight(&self) -> f64 {
        self.max
    }

    /// Number of documents the table was fitted on.
    pub fn docs(&self) -> usize {
        self.docs
    }

    fn weight_of_key(&self, k: u64) -> f64 {
        match self.df.get(&k) {
            Some(&df) => ((self.docs as f64 + 1.0) / (f64::from(df) + 1.0)).ln() + 1.0,
            None => self.max,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Signature
// ---------------------------------------------------------------------------------------------

/// A sentence's IDF weights, for one table.
#[derive(Debug, Clone)]
struct Weighted {
    idf_id: u64,
    /// Weight of each entry of `Signature::bag`.
    weights: Vec<f64>,
    /// Sum of the weights of the distinct stems.
    mass: f64,
    /// Euclidean norm of the TF-IDF vector.
    norm: f64,
}

/// What the model needs of one sentence, computed once per sentence (never per pair).
#[derive(Debug, Clone)]
pub struct Signature {
    /// Stems, in sentence order.
    pub stems: Vec<String>,
    /// Lower-cased tokens, in sentence order.
    pub lower: Vec<String>,
    /// Numbers, sorted, distinct.
    pub numbers: Vec<f64>,
    /// Names, as given.
    pub names: Vec<String>,
    /// Number of negations (`not`, `no`, `never`, `…n't`, …).
    pub negations: u32,
    /// Keys of the stems in sentence order (for the sequence distance).
    seq: Vec<u64>,
    /// Distinct stem keys, sorted, with their counts.
    bag: Vec<(u64, u32)>,
    /// Distinct keys of the lower-cased tokens, sorted (for name matching).
    words: Vec<u64>,
    /// Per name, the keys of its capitalised words (all its words when none is capitalised).
    name_keys: Vec<Vec<u64>>,
    /// Distinct keys of the stem trigrams, sorted (a sentence of fewer than three tokens is one gram).
    trigrams: Vec<u64>,
    weighted: Option<Weighted>,
}

/// Lower-cased words that negate.
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "cannot",
    "without",
];

fn is_negation(lower: &str) -> bool {
    NEGATIONS.contains(&lower) || lower.ends_with("n't") || lower.ends_with("n\u{2019}t")
}

impl Signature {
    /// Tokenises and stems a sentence and extracts its claims ([`crate::extract::claims`]), then
    /// builds the signature with [`Signature::from_claims`].
    ///
    /// `article_date` (ISO 8601) resolves relative dates ("last month") for the claim extractor.
    pub fn from_text(text: &str, article_date: Option<&str>) -> Signature {
        let tokens = crate::segment::tokens(text, 0);
        let claims = crate::extract::claims(text, article_date);
        Signature::from_claims(&tokens, &claims)
    }

    /// Builds a signature from a sentence's tokens and its claims, the way the model was fitted:
    /// the numbers are the values of its quantities and of its dates and times (an ISO value read as
    /// its digits: `1998` → 1998, `2026-01-15` → 20260115, `T11:00` → 1100, so that equal dates
    /// match and different ones do not); the names are the names' texts.
    pub fn from_claims(tokens: &[Token], claims: &crate::extract::Claims) -> Signature {
        let mut numbers: Vec<f64> = claims.quantities.iter().map(|q| q.value).collect();
        numbers.extend(claims.times.iter().filter_map(|t| {
            let digits: String = t
                .value
                .as_deref()?
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            digits.parse::<f64>().ok()
        }));
        let names = claims.names.iter().map(|n| n.text.clone()).collect();
        Signature::new(tokens, numbers, names)
    }

    /// Builds a signature from tokens already made (by [`crate::segment`]) and the sentence's
    /// numbers and names. Prefer [`Signature::from_claims`], which derives them as the model was
    /// fitted.
    pub fn new(tokens: &[Token], mut numbers: Vec<f64>, names: Vec<String>) -> Signature {
        let seq: Vec<u64> = tokens.iter().map(|t| key(&t.stem)).collect();
        let mut sorted = seq.clone();
        sorted.sort_unstable();
        let mut bag: Vec<(u64, u32)> = Vec::with_capacity(sorted.len());
        for k in sorted {
            match bag.last_mut() {
                Some((last, n)) if *last == k => *n += 1,
                _ => bag.push((k, 1)),
            }
        }
        let mut words: Vec<u64> = tokens.iter().map(|t| key(&t.lower)).collect();
        words.sort_unstable();
        words.dedup();
        let mut trigrams: Vec<u64> = if seq.is_empty() {
            Vec::new()
        } else if seq.len() < 3 {
            vec![combine(&seq)]
        } else {
            seq.windows(3).map(combine).collect()
        };
        trigrams.sort_unstable();
        trigrams.dedup();
        numbers.retain(|x| x.is_finite());
        numbers.sort_by(f64::total_cmp);
        numbers.dedup_by(|a, b| same_number(*a, *b));
        let name_keys = names.iter().map(|n| name_words(n)).collect();
        Signature {
            stems: tokens.iter().map(|t| t.stem.clone()).collect(),
            lower: tokens.iter().map(|t| t.lower.clone()).collect(),
            numbers,
            names,
            negations: tokens.iter().filter(|t| is_negation(&t.lower)).count() as u32,
            seq,
            bag,
            words,
            name_keys,
            trigrams,
            weighted: None,
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.seq.len()
    }

    /// Has the sentence no word at all?
    pub fn is_empty(&self) -> bool {
        self.seq.is_empty()
    }

    /// Stores this sentence's IDF weights and TF-IDF norm for `idf`: call it once per sentence after
    /// fitting the table, so that pairs cost no table look-up. A signature weighed for another table
    /// (or not at all) still works, at the cost of the look-ups on every pair.
    pub fn weigh(&mut self, idf: &Idf) {
        self.weighted = Some(self.weights_for(idf));
    }

    fn weights_for(&self, idf: &Idf) -> Weighted {
        let weights: Vec<f64> = self
            .bag
            .iter()
            .map(|(k, _)| idf.weight_of_key(*k))
            .collect();
        let mass = weights.iter().sum();
        let norm = self
            .bag
            .iter()
            .zip(&weights)
            .map(|((_, tf), w)| (f64::from(*tf) * w).powi(2))
            .sum::<f64>()
            .sqrt();
        Weighted {
            idf_id: idf.id,
            weights,
            mass,
            norm,
        }
    }
}

/// The keys of a name's capitalised words (of all its words when none is capitalised).
fn name_words(name: &str) -> Vec<u64> {
    let tokens = crate::segment::tokens(name, 0);
    let capitalised: Vec<u64> = tokens
        .iter()
        .filter(|t| {
            name[t.span.start..t.span.end]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        })
        .map(|t| key(&t.lower))
        .collect();
    if capitalised.is_empty() {
        tokens.iter().map(|t| key(&t.lower)).collect()
    } else {
        capitalised
    }
}

fn same_number(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

// ---------------------------------------------------------------------------------------------
// Features
// ---------------------------------------------------------------------------------------------

/// Counts the keys two sorted, distinct slices share.
fn shared_sorted(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The features of a pair, in the order of [`FEATURE_NAMES`].
pub fn feature_array(a: &Signature, b: &Signature, idf: &Idf) -> [f64; N_FEATURES] {
    let mut x = [0.0; N_FEATURES];
    // Weights: the stored ones when they are for this table, else looked up now.
    let wa_own;
    let wa = match &a.weighted {
        Some(w) if w.idf_id == idf.id => w,
        _ => {
            wa_own = a.weights_for(idf);
            &wa_own
        }
    };
    let wb_own;
    let wb = match &b.weighted {
        Some(w) if w.idf_id == idf.id => w,
        _ => {
            wb_own = b.weights_for(idf);
            &wb_own
        }
    };

    // Bags of stems: shared IDF mass and the TF-IDF dot product.
    let (mut i, mut j) = (0, 0);
    let (mut shared, mut dot) = (0.0, 0.0);
    while i < a.bag.len() && j < b.bag.len() {
        match a.bag[i].0.cmp(&b.bag[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let w = wa.weights[i];
                shared += w;
                dot += f64::from(a.bag[i].1) * f64::from(b.bag[j].1) * w * w;
                i += 1;
                j += 1;
            }
        }
    }
    let cover_a = if wa.mass > 0.0 { shared / wa.mass } else { 0.0 };
    let cover_b = if wb.mass > 0.0 { shared / wb.mass } else { 0.0 };
    x[F_COVERAGE_MIN] = cover_a.min(cover_b);
    x[F_COSINE] = if wa.norm > 0.0 && wb.norm > 0.0 {
        (dot / (wa.norm * wb.norm)).min(1.0)
    } else {
        0.0
    };

    let fewer = a.trigrams.len().min(b.trigrams.len());
    x[F_TRIGRAM_MAX] = if fewer > 0 {
        shared_sorted(&a.trigrams, &b.trigrams) as f64 / fewer as f64
    } else {
        0.0
    };

    let longest = a.seq.len().max(b.seq.len());
    x[F_SEQUENCE] = if longest > 0 {
        1.0 - strsim::generic_levenshtein(&a.seq, &b.seq) as f64 / longest as f64
    } else {
        1.0
    };

    x[F_NEGATION_DIFF] = f64::from(a.negations.abs_diff(b.negations));
    x[F_NUMBERS_UNMATCHED] = (unmatched_numbers(&a.numbers, &b.numbers)
        + unmatched_numbers(&b.numbers, &a.numbers)) as f64;
    x[F_NAMES_UNMATCHED] =
        (unmatched_names(&a.name_keys, &b.words) + unmatched_names(&b.name_keys, &a.words)) as f64;
    x[F_LENGTH_LOG_RATIO] = ((1.0 + a.seq.len() as f64) / (1.0 + b.seq.len() as f64))
        .ln()
        .abs();
    x
}

/// Numbers of `a` that `b` does not have.
fn unmatched_numbers(a: &[f64], b: &[f64]) -> usize {
    a.iter()
        .filter(|x| !b.iter().any(|y| same_number(**x, *y)))
        .count()
}

/// Names of one sentence none of whose capitalised words occurs in the other sentence.
fn unmatched_names(names: &[Vec<u64>], other_words: &[u64]) -> usize {
    names
        .iter()
        .filter(|words| !words.iter().any(|w| other_words.binary_search(w).is_ok()))
        .count()
}

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ModelFile {
    version: u32,
    threshold: f64,
    bias: f64,
    #[serde(default)]
    feature: Vec<toml::Spanned<FeatureSpec>>,
    #[serde(default)]
    example: Vec<toml::Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FeatureSpec {
    name: String,
    weight: f64,
    mean: f64,
    std: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ExampleSpec {
    a: String,
    b: String,
    same: bool,
}

/// A pair of sentences written into the rubric with the decision the model must make on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub a: String,
    pub b: String,
    pub same: bool,
    /// 1-based line of the example in its file.
    pub line: usize,
}

/// The "same fact" model: a logistic regression over standardised features.
#[derive(Debug, Clone)]
pub struct Model {
    source: std::path::PathBuf,
    weights: [f64; N_FEATURES],
    mean: [f64; N_FEATURES],
    std: [f64; N_FEATURES],
    bias: f64,
    threshold: f64,
    examples: Vec<Example>,
}

use crate::error::line_of;

/// The logistic function.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

impl Model {
    /// The model compiled into the binary.
    pub fn builtin() -> Result<Model> {
        Model::parse(BUILTIN_SIMILARITY, Path::new(BUILTIN_NAME))
    }

    /// Reads a model from a file.
    pub fn from_file(path: &Path) -> Result<Model> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Model::parse(&text, path)
    }

    /// Parses and validates a model, reporting every problem found (not only the first) as one
    /// error: unknown or repeated feature names, missing features, values that are not finite, a
    /// standard deviation that is not positive, a threshold outside (0, 1).
    pub fn parse(text: &str, path: &Path) -> Result<Model> {
        let file: ModelFile = crate::error::from_toml(text, path, "")?;
        let mut problems: Vec<(usize, String)> = Vec::new();
        if file.version != 1 {
            problems.push((
                1,
                format!("version {} is not supported (expected 1)", file.version),
            ));
        }
        if !(file.threshold.is_finite() && file.threshold > 0.0 && file.threshold < 1.0) {
            problems.push((
                1,
                format!(
                    "threshold {} must be a probability strictly between 0 and 1",
                    file.threshold
                ),
            ));
        }
        if !file.bias.is_finite() {
            problems.push((1, "bias must be a finite number".to_string()));
        }
        let mut weights = [0.0; N_FEATURES];
        let mut mean = [0.0; N_FEATURES];
        let mut std = [1.0; N_FEATURES];
        let mut seen: [Option<usize>; N_FEATURES] = [None; N_FEATURES];
        for spanned in &file.feature {
            let line = line_of(text, spanned.span().start);
            let spec = spanned.get_ref();
            let Some(i) = FEATURE_NAMES.iter().position(|n| *n == spec.name) else {
                problems.push((
                    line,
                    format!(
                        "unknown feature `{}` (known features: {})",
                        spec.name,
                        FEATURE_NAMES.join(", ")
                    ),
                ));
                continue;
            };
            if let Some(first) = seen[i] {
                problems.push((
                    line,
                    format!(
                        "feature `{}` is given twice (first on line {first})",
                        spec.name
                    ),
                ));
                continue;
            }
            seen[i] = Some(line);
            for (what, v) in [
                ("weight", spec.weight),
                ("mean", spec.mean),
                ("std", spec.std),
            ] {
                if !v.is_finite() {
                    problems.push((
                        line,
                        format!("feature `{}`: {what} must be a finite number", spec.name),
                    ));
                }
            }
            if spec.std.is_nan() || spec.std <= 0.0 {
                problems.push((
                    line,
                    format!("feature `{}`: std {} must be above 0", spec.name, spec.std),
                ));
            }
            weights[i] = spec.weight;
            mean[i] = spec.mean;
            std[i] = spec.std;
        }
        let missing: Vec<&str> = FEATURE_NAMES
            .iter()
            .zip(&seen)
            .filter(|(_, s)| s.is_none())
            .map(|(n, _)| *n)
            .collect();
        if !missing.is_empty() {
            problems.push((
                1,
                format!(
                    "missing [[feature]] for {} (one weight per feature is needed)",
                    missing.join(", ")
                ),
            ));
        }
        crate::error::report_problems(path, problems)?;
        Ok(Model {
            source: path.to_path_buf(),
            weights,
            mean,
            std,
            bias: file.bias,
            threshold: file.threshold,
            examples: examples_from(&file, text),
        })
    }

    /// The features of a pair, in the order of [`FEATURE_NAMES`] (raw, before standardisation).
    pub fn features(&self, a: &Signature, b: &Signature, idf: &Idf) -> Vec<f64> {
        feature_array(a, b, idf).to_vec()
    }

    /// The probability that the two sentences report the same fact.
    pub fn probability(&self, a: &Signature, b: &Signature, idf: &Idf) -> f64 {
        self.probability_of(&feature_array(a, b, idf))
    }

    /// The probability for raw features already computed (in the order of [`FEATURE_NAMES`]).
    pub fn probability_of(&self, x: &[f64]) -> f64 {
        let z = x
            .iter()
            .zip(&self.weights)
            .zip(self.mean.iter().zip(&self.std))
            .fold(self.bias, |z, ((x, w), (m, s))| z + w * (x - m) / s);
        sigmoid(z)
    }

    /// Same fact iff the probability is at least this.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Is the pair the same fact?
    pub fn same(&self, a: &Signature, b: &Signature, idf: &Idf) -> bool {
        self.probability(a, b, idf) >= self.threshold
    }

    /// The weights, in the order of [`FEATURE_NAMES`] (they apply to standardised features).
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// The bias (intercept).
    pub fn bias(&self) -> f64 {
        self.bias
    }

    /// The example pairs of the rubric.
    pub fn examples(&self) -> &[Example] {
        &self.examples
    }

    /// Runs the rubric's examples through the model, with an IDF fitted on the examples' own
    /// sentences; returns one message per example decided the other way, with its line.
    pub fn check_examples(&self) -> Vec<String> {
        let (sigs, idf) =
            pair_signatures(self.examples.iter().map(|e| (e.a.as_str(), e.b.as_str())));
        let mut out = Vec::new();
        for (e, (a, b)) in self.examples.iter().zip(&sigs) {
            let p = self.probability(a, b, &idf);
            if (p >= self.threshold) != e.same {
                out.push(format!(
                    "{}:{}: example expects same = {}, but the probability is {p:.3} (threshold {}): {:?} / {:?}",
                    self.source.display(),
                    e.line,
                    e.same,
                    self.threshold,
                    e.a,
                    e.b
                ));
            }
        }
        out
    }
}

/// Signatures of sentence pairs given as text, weighed by an IDF table fitted on all their
/// sentences: the setting of the evaluation sets and of the rubric's own examples.
pub fn pair_signatures<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> (Vec<(Signature, Signature)>, Idf) {
    let mut sigs: Vec<(Signature, Signature)> = pairs
        .into_iter()
        .map(|(a, b)| (Signature::from_text(a, None), Signature::from_text(b, None)))
        .collect();
    let idf = Idf::fit(sigs.iter().flat_map(|(a, b)| {
        [
            a.stems.iter().map(String::as_str),
            b.stems.iter().map(String::as_str),
        ]
    }));
    for (a, b) in &mut sigs {
        a.weigh(&idf);
        b.weigh(&idf);
    }
    (sigs, idf)
}

/// The example pairs of a parsed rubric, with their lines.
fn examples_from(file: &ModelFile, text: &str) -> Vec<Example> {
    file.example
        .iter()
        .map(|s| {
            let e = s.get_ref();
            Example {
                a: e.a.clone(),
                b: e.b.clone(),
                same: e.same,
                line: line_of(text, s.span().start),
            }
        })
        .collect()
}

/// The example pairs of a rubric text, without validating the rest (used when a rubric is
/// regenerated: its examples are carried over).
pub fn examples_of(text: &str) -> Vec<Example> {
    match toml::from_str::<ModelFile>(text) {
        Ok(file) => examples_from(&file, text),
        Err(_) => Vec::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Fitting
// ---------------------------------------------------------------------------------------------

/// Fits a logistic regression with an L2 penalty on the weights (not on the bias) by Newton's
/// method (IRLS) with step halving; deterministic. Minimises `Σ log(1 + e^z) − y·z + l2/2·‖w‖²`
/// with `z = w·x + b`. Returns `(weights, bias)`. Features should be standardised first.
///
/// # Panics
/// When `x` and `y` differ in length or the rows of `x` differ in length (caller errors).
pub fn fit_logistic(x: &[Vec<f64>], y: &[bool], l2: f64) -> (Vec<f64>, f64) {
    let targets: Vec<f64> = y.iter().map(|&t| if t { 1.0 } else { 0.0 }).collect();
    fit_logistic_soft(x, &targets, &vec![1.0; y.len()], l2)
}

/// [`fit_logistic`] with targets in `[0, 1]` (a graded similarity scaled to `0..=1`, or 0/1 labels)
/// and a weight per row: minimises `Σ vᵢ·(log(1 + e^zᵢ) − tᵢ·zᵢ) + l2/2·‖w‖²`.
///
/// # Panics
/// When the lengths of `x`, `targets` and `row_weights` differ, or rows differ in length.
pub fn fit_logistic_soft(
    x: &[Vec<f64>],
    targets: &[f64],
    row_weights: &[f64],
    l2: f64,
) -> (Vec<f64>, f64) {
    assert_eq!(
        x.len(),
        targets.len(),
        "fit_logistic: {} rows, {} targets",
        x.len(),
        targets.len()
    );
    assert_eq!(
        x.len(),
        row_weights.len(),
        "fit_logistic: {} rows, {} weights",
        x.len(),
        row_weights.len()
    );
    let d = x.first().map_or(0, Vec::len);
    assert!(x.iter().all(|r| r.len() == d), "fit_logistic: ragged rows");
    let p = d + 1;
    let mut theta = vec![0.0; p];
    let z_of = |theta: &[f64], row: &[f64]| -> f64 {
        row.iter().zip(theta).map(|(a, b)| a * b).sum::<f64>() + theta[d]
    };
    let loss = |theta: &[f64]| -> f64 {
        let data: f64 = x
            .iter()
            .zip(targets.iter().zip(row_weights))
            .map(|(row, (&t, &v))| {
                let z = z_of(theta, row);
                // log(1 + e^z) computed stably.
                let softplus = if z > 0.0 {
                    z + (-z).exp().ln_1p()
                } else {
                    z.exp().ln_1p()
                };
                v * (softplus - t * z)
            })
            .sum();
        data + 0.5 * l2 * theta[..d].iter().map(|w| w * w).sum::<f64>()
    };
    let mut current = loss(&theta);
    for _ in 0..100 {
        let mut grad = vec![0.0; p];
        let mut hess = vec![vec![0.0; p]; p];
        let mut xr = vec![1.0; p];
        for (row, (&t, &v)) in x.iter().zip(targets.iter().zip(row_weights)) {
            xr[..d].copy_from_slice(row);
            let q = sigmoid(z_of(&theta, row));
            let r = v * (q - t);
            let s = v * q * (1.0 - q);
            for ((g, h), &xi) in grad.iter_mut().zip(hess.iter_mut()).zip(&xr) {
                *g += r * xi;
                for (hij, &xj) in h.iter_mut().zip(&xr) {
                    *hij += s * xi * xj;
                }
            }
        }
        for i in 0..d {
            grad[i] += l2 * theta[i];
            hess[i][i] += l2;
        }
        // A tiny ridge keeps the system solvable when a column is constant.
        for (i, row) in hess.iter_mut().enumerate() {
            row[i] += 1e-9;
        }
        let Some(step) = solve(hess, grad) else { break };
        let mut scale = 1.0;
        let mut improved = false;
        for _ in 0..30 {
            let candidate: Vec<f64> = theta
                .iter()
                .zip(&step)
                .map(|(t, s)| t - scale * s)
                .collect();
            let l = loss(&candidate);
            if l <= current {
                let moved = step.iter().map(|s| (scale * s).abs()).fold(0.0, f64::max);
                theta = candidate;
                current = l;
                improved = moved > 1e-10;
                break;
            }
            scale *= 0.5;
        }
        if !improved {
            break;
        }
    }
    let bias = theta[d];
    theta.truncate(d);
    (theta, bias)
}

/// Solves `a·x = b` by Gaussian elimination with partial pivoting; `None` when `a` is singular.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-300 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..n {
            let (top, bottom) = a.split_at_mut(row);
            let (pivot_row, this) = (&top[col], &mut bottom[0]);
            let f = this[col] / pivot_row[col];
            if f != 0.0 {
                for (x, p) in this[col..].iter_mut().zip(&pivot_row[col..]) {
                    *x -= f * p;
                }
                b[row] -= f * b[col];
            }
        }
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let s: f64 = (i + 1..n).map(|k| a[i][k] * x[k]).sum();
        x[i] = (b[i] - s) / a[i][i];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn idf_of(texts: &[&str]) -> Idf {
        let sigs: Vec<Signature> = texts
            .iter()
            .map(|t| Signature::from_text(t, None))
            .collect();
        Idf::fit(sigs.iter().map(|s| s.stems.iter().map(String::as_str)))
    }

    #[test]
    fn idf_by_hand() {
        // N = 2; "a" in both (df 2), "b" and "c" in one each; a repeat counts once.
        let idf = Idf::fit([vec!["a", "b", "b"], vec!["a", "c"]]);
        assert_eq!(idf.docs(), 2);
        assert!(close(idf.weight("a"), 1.0)); // ln(3/3) + 1
        assert!(close(idf.weight("b"), 1.405_465_108_108_164_4)); // ln(3/2) + 1
        assert!(close(idf.weight("c"), idf.weight("b")));
        // Unseen: the maximum, ln(3) + 1, above every seen stem.
        assert!(close(idf.weight("zzz"), 2.098_612_288_668_11));
        assert!(close(idf.max_weight(), idf.weight("zzz")));
        let empty = Idf::fit(Vec::<Vec<&str>>::new());
        assert!(close(empty.weight("x"), 1.0));
    }

    #[test]
    fn coverage_cosine_sequence_by_hand() {
        // N = 3: alpha df 3 → 1; beta df 2 → ln(4/3) + 1; gamma, delta df 1 → ln 2 + 1.
        let idf = idf_of(&["alpha beta gamma", "alpha beta delta", "alpha"]);
        let a = Signature::from_text("alpha beta gamma", None);
        let b = Signature::from_text("Alpha beta delta", None);
        let x = feature_array(&a, &b, &idf);
        // Shared mass 1 + 1.28768 over 1 + 1.28768 + 1.69315 on each side.
        assert!(close(x[F_COVERAGE_MIN], 0.574_674_754_191_232_4), "{x:?}");
        // (1 + 1.28768²) / (1 + 1.28768² + 1.69315²).
        assert!(close(x[F_COSINE], 0.481_119_722_172_542_95), "{x:?}");
        // One trigram each, not shared; one substitution in three tokens.
        assert_eq!(x[F_TRIGRAM_MAX], 0.0);
        assert!(close(x[F_SEQUENCE], 2.0 / 3.0));
        assert_eq!(x[F_LENGTH_LOG_RATIO], 0.0);
        assert_eq!(x[F_NEGATION_DIFF], 0.0);
        // Symmetric, and identical sentences score 1.
        let y = feature_array(&b, &a, &idf);
        assert!(x.iter().zip(&y).all(|(p, q)| close(*p, *q)));
        let same = feature_array(&a, &a, &idf);
        for f in [F_COVERAGE_MIN, F_COSINE, F_TRIGRAM_MAX, F_SEQUENCE] {
            assert!(close(same[f], 1.0), "{}: {same:?}", FEATURE_NAMES[f]);
        }
        // Four tokens against two: |ln(5/3)|.
        let long = Signature::from_text("alpha beta gamma delta", None);
        let short = Signature::from_text("alpha beta", None);
        let x = feature_array(&long, &short, &idf);
        assert!(close(x[F_LENGTH_LOG_RATIO], (5.0_f64 / 3.0).ln()));
        // The short side is fully covered but the long one is not: the minimum counts.
        let (beta, gamma) = ((4.0_f64 / 3.0).ln() + 1.0, 2.0_f64.ln() + 1.0);
        assert!(close(
            x[F_COVERAGE_MIN],
            (1.0 + beta) / (1.0 + beta + 2.0 * gamma)
        ));
        // "alpha beta" is one gram (shorter than three) that the long side does not have.
        assert_eq!(x[F_TRIGRAM_MAX], 0.0);
    }

    #[test]
    fn weighing_only_changes_speed() {
        let idf = idf_of(&["the dam burst on monday", "monday floods", "a dam"]);
        let mut a = Signature::from_text("The dam burst on Monday.", None);
        let mut b = Signature::from_text("On Monday the old dam burst.", None);
        let plain = feature_array(&a, &b, &idf);
        a.weigh(&idf);
        b.weigh(&idf);
        assert_eq!(plain, feature_array(&a, &b, &idf));
        // Weighed for another table: the weights of `idf` are looked up again.
        let other = idf_of(&["dam"]);
        a.weigh(&other);
        assert_eq!(plain, feature_array(&a, &b, &idf));
    }

    #[test]
    fn numbers_names_and_negations() {
        let toks = |t: &str| crate::segment::tokens(t, 0);
        let text_a = "Maria Lopez said 12 people died, not 3.";
        let text_b = "Lopez told Acme Corp that 12 people had died.";
        let a = Signature::new(
            &toks(text_a),
            vec![12.0, 3.0, 12.0],
            vec!["Maria Lopez".into()],
        );
        let b = Signature::new(
            &toks(text_b),
            vec![12.0],
            vec!["Lopez".into(), "Acme Corp".into()],
        );
        assert_eq!(a.numbers, [3.0, 12.0]);
        assert_eq!(a.negations, 1);
        let x = feature_array(&a, &b, &idf_of(&[text_a, text_b]));
        // 3 is on one side only; "Maria Lopez" is matched through "Lopez", "Acme Corp" is not.
        assert_eq!(x[F_NUMBERS_UNMATCHED], 1.0);
        assert_eq!(x[F_NAMES_UNMATCHED], 1.0);
        assert_eq!(x[F_NEGATION_DIFF], 1.0);
        let c = Signature::from_text("They didn't and won\u{2019}t, never.", None);
        assert_eq!(c.negations, 3);
    }

    #[test]
    fn probabilities_order_pairs_sensibly() {
        let model = Model::builtin().unwrap();
        let texts = [
            "Flooding forced 2,000 residents from their homes in the river valley on Sunday.",
            "On Sunday, flooding forced 2,000 residents of the river valley from their homes.",
            "The city council approved a new budget for road repairs.",
        ];
        let idf = idf_of(&texts);
        let s: Vec<Signature> = texts
            .iter()
            .map(|t| Signature::from_text(t, None))
            .collect();
        let same = model.probability(&s[0], &s[0], &idf);
        let para = model.probability(&s[0], &s[1], &idf);
        let other = model.probability(&s[0], &s[2], &idf);
        assert!(same > para && para > other, "{same} {para} {other}");
        assert!(model.same(&s[0], &s[1], &idf) && !model.same(&s[0], &s[2], &idf));
        assert_eq!(model.features(&s[0], &s[1], &idf).len(), N_FEATURES);
        let empty = Signature::from_text("", None);
        let p = model.probability(&empty, &s[0], &idf);
        assert!(p.is_finite() && p < model.threshold());
    }

    #[test]
    fn rubric_examples_hold() {
        let model = Model::builtin().unwrap();
        assert!(model.examples().len() >= 4);
        assert!(model.examples().iter().any(|e| e.same));
        assert!(model.examples().iter().any(|e| !e.same));
        let failures = model.check_examples();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert_eq!(examples_of(BUILTIN_SIMILARITY), model.examples());
    }

    #[test]
    fn rubric_problems_are_all_reported_with_lines() {
        let text = "version = 2\nthreshold = 1.5\nbias = 0.0\n\n\
                    [[feature]]\nname = \"cosine\"\nweight = 1.0\nmean = 0.0\nstd = 0.0\n\n\
                    [[feature]]\nname = \"cosine\"\nweight = 1.0\nmean = 0.0\nstd = 1.0\n\n\
                    [[feature]]\nname = \"colour\"\nweight = 1.0\nmean = 0.0\nstd = 1.0\n";
        let err = Model::parse(text, Path::new("sim.toml")).unwrap_err();
        assert!(matches!(err, Error::Config { .. }));
        let msg = err.to_string();
        for needle in [
            "sim.toml:1",
            "version 2",
            "threshold 1.5",
            "line 5: feature `cosine`: std 0 must be above 0",
            "line 11: feature `cosine` is given twice (first on line 5)",
            "line 17: unknown feature `colour` (known features: coverage_min",
            "missing [[feature]] for coverage_min",
        ] {
            assert!(msg.contains(needle), "{needle:?} not in {msg}");
        }
        let unknown_key = BUILTIN_SIMILARITY.replace("bias =", "colour = 1\nbias =");
        let msg = Model::parse(&unknown_key, Path::new("sim.toml"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("colour"), "{msg}");
        let nan = BUILTIN_SIMILARITY.replacen("weight = ", "weight = nan #", 1);
        let msg = Model::parse(&nan, Path::new("sim.toml"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("weight must be a finite number"), "{msg}");
    }

    #[test]
    fn fit_logistic_finds_the_maximum_likelihood() {
        // x = 0: one positive in two (p = 1/2, so b = 0); x = 1: three in four (w + b = ln 3).
        let x: Vec<Vec<f64>> = [0.0, 0.0, 1.0, 1.0, 1.0, 1.0]
            .iter()
            .map(|v| vec![*v])
            .collect();
        let y = [false, true, true, true, true, false];
        let (w, b) = fit_logistic(&x, &y, 0.0);
        assert!(
            (b - 0.0).abs() < 1e-6 && (w[0] - 3.0_f64.ln()).abs() < 1e-6,
            "{w:?} {b}"
        );
        // A penalty shrinks the weight; the fit is deterministic.
        let (w2, _) = fit_logistic(&x, &y, 1.0);
        assert!(w2[0] < w[0] && w2[0] > 0.0);
        assert_eq!(fit_logistic(&x, &y, 1.0), fit_logistic(&x, &y, 1.0));
        // Separable data stay finite under a penalty.
        let (w3, b3) = fit_logistic(&[vec![-1.0], vec![1.0]], &[false, true], 0.1);
        assert!(w3[0].is_finite() && w3[0] > 0.0 && b3.is_finite());
        // Soft targets: a constant target t gives sigmoid(b) = t.
        let (_, b4) = fit_logistic_soft(&[vec![0.0], vec![0.0]], &[0.8, 0.8], &[1.0, 1.0], 0.0);
        assert!((sigmoid(b4) - 0.8).abs() < 1e-6);
    }

    #[test]
    fn sigmoid_is_stable() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert!(sigmoid(-1000.0) >= 0.0 && sigmoid(-1000.0) < 1e-300);
        assert_eq!(sigmoid(1000.0), 1.0);
    }
}
