//! The IDF table over stems, fitted on a set of documents, with the weight of each stem.
//!
//! It does not look at sentences or pairs: [`super::Signature`] stores a sentence's weights for a
//! table, [`super::feature_array`] uses them.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use super::key;

/// Gives every IDF table its own id, so that a [`Signature`] knows which table its weights are for.
static NEXT_IDF_ID: AtomicU64 = AtomicU64::new(1);

/// Inverse document frequency over stems, fitted on a set of documents (a story's sentences, a feed,
/// an eval file): `idf(s) = ln((N + 1) / (df(s) + 1)) + 1`. A stem never seen when fitting gets the
/// maximum, `ln(N + 1) + 1`, as if its document frequency were 0: a rare word shared by two
/// sentences is strong evidence, and dropping unseen words loses it.
#[derive(Debug, Clone)]
pub struct Idf {
    pub(super) id: u64,
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

    pub(super) fn weight_of_key(&self, k: u64) -> f64 {
        match self.df.get(&k) {
            Some(&df) => ((self.docs as f64 + 1.0) / (f64::from(df) + 1.0)).ln() + 1.0,
            None => self.max,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::similarity::close;

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
}
