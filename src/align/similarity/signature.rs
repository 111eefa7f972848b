//! What the model needs of one sentence ([`Signature`]), computed once per sentence: stem keys,
//! sorted bags, trigram hashes, numbers, names, negations and, once weighed, its IDF weights.
//!
//! It does not compare sentences: the features of a pair are in `features`.

use crate::model::Token;

use super::idf::Idf;
use super::{combine, key};

/// A sentence's IDF weights, for one table.
#[derive(Debug, Clone)]
pub(super) struct Weighted {
    pub(super) idf_id: u64,
    /// Weight of each entry of `Signature::bag`.
    pub(super) weights: Vec<f64>,
    /// Sum of the weights of the distinct stems.
    pub(super) mass: f64,
    /// Euclidean norm of the TF-IDF vector.
    pub(super) norm: f64,
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
    pub(super) seq: Vec<u64>,
    /// Distinct stem keys, sorted, with their counts.
    pub(super) bag: Vec<(u64, u32)>,
    /// Distinct keys of the lower-cased tokens, sorted (for name matching).
    pub(super) words: Vec<u64>,
    /// Per name, the keys of its capitalised words (all its words when none is capitalised).
    pub(super) name_keys: Vec<Vec<u64>>,
    /// Distinct keys of the stem trigrams, sorted (a sentence of fewer than three tokens is one gram).
    pub(super) trigrams: Vec<u64>,
    pub(super) weighted: Option<Weighted>,
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

    pub(super) fn weights_for(&self, idf: &Idf) -> Weighted {
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

pub(super) fn same_number(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::similarity::{feature_array, idf_of};

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
}
