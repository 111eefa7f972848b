//! The features of a pair of sentences ([`feature_array`]), from their signatures and an IDF table.
//!
//! It does not weigh or decide anything: the model combines the features (`model`).

use super::idf::Idf;
use super::signature::{same_number, Signature};
use super::N_FEATURES;

const F_COVERAGE_MIN: usize = 0;
const F_COSINE: usize = 1;
const F_TRIGRAM_MAX: usize = 2;
const F_SEQUENCE: usize = 3;
const F_NEGATION_DIFF: usize = 4;
const F_NUMBERS_UNMATCHED: usize = 5;
const F_NAMES_UNMATCHED: usize = 6;
const F_LENGTH_LOG_RATIO: usize = 7;

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

/// The features of a pair, in the order of [`FEATURE_NAMES`](super::FEATURE_NAMES).
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::similarity::{close, idf_of, FEATURE_NAMES};

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
}
