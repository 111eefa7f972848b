//! The metrics the evaluations share: binary decisions (accuracy, precision, recall, F1), ROC-AUC,
//! the best decision threshold by accuracy, F1 or MCC, and Pearson and Spearman correlations.
//!
//! *What*: plain functions of scores and labels, each tested by hand. *Not*: any reading of data
//! sets (each task's module reads its own) or confidence intervals (the tasks that print one
//! resample their own units).

use statrs::statistics::Statistics;

/// Accuracy, precision, recall and F1 of binary decisions (positive = same content).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Binary {
    pub accuracy: f64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Binary {
    /// Scores the decisions `prob ≥ threshold` against the labels.
    pub fn of(probs: &[f64], labels: &[bool], threshold: f64) -> Binary {
        let predicted: Vec<bool> = probs.iter().map(|p| *p >= threshold).collect();
        Binary::of_decisions(&predicted, labels)
    }

    /// Scores decisions against labels. Precision (recall) is 0 when nothing is predicted
    /// (labelled) positive.
    pub fn of_decisions(predicted: &[bool], labels: &[bool]) -> Binary {
        let (mut tp, mut fp, mut fn_, mut tn) = (0usize, 0usize, 0usize, 0usize);
        for (&p, &t) in predicted.iter().zip(labels) {
            match (p, t) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fn_ += 1,
                (false, false) => tn += 1,
            }
        }
        let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = f1(precision, recall);
        Binary {
            accuracy: ratio(tp + tn, tp + fp + fn_ + tn),
            precision,
            recall,
            f1,
        }
    }
}

/// The harmonic mean of precision and recall; 0 when both are 0.
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}

/// Area under the ROC curve: the probability that a random positive scores above a random
/// negative (ties count one half), from the Mann–Whitney rank sum. 0.5 when one class is absent.
pub fn roc_auc(scores: &[f64], labels: &[bool]) -> f64 {
    let ranks = ranks(scores);
    let positives = labels.iter().filter(|&&t| t).count() as f64;
    let negatives = labels.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return 0.5;
    }
    let rank_sum: f64 = ranks
        .iter()
        .zip(labels)
        .filter(|(_, &t)| t)
        .map(|(r, _)| r)
        .sum();
    (rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives)
}

/// The threshold with the highest accuracy on these probabilities: the midpoint between the
/// lowest probability decided positive and the one below it (the lowest such threshold on ties).
pub fn best_threshold(probs: &[f64], labels: &[bool]) -> f64 {
    let mut order: Vec<usize> = (0..probs.len()).collect();
    order.sort_by(|&i, &j| probs[i].total_cmp(&probs[j]));
    // Threshold at or below the lowest probability: everything positive.
    let mut correct: i64 = labels.iter().filter(|&&t| t).count() as i64;
    let mut best = (correct, f64::NEG_INFINITY, 0.0);
    let mut k = 0;
    while k < order.len() {
        let v = probs[order[k]];
        let mut end = k;
        while end < order.len() && probs[order[end]] == v {
            correct += if labels[order[end]] { -1 } else { 1 };
            end += 1;
        }
        // Everything up to `v` is now negative; the threshold lies between `v` and the next value.
        let next = order.get(end).map_or(1.0_f64.max(v), |&i| probs[i]);
        if correct > best.0 {
            best = (correct, v, next);
        }
        k = end;
    }
    if best.1 == f64::NEG_INFINITY {
        // Everything positive was best: a threshold just under the lowest probability.
        return order.first().map_or(0.5, |&i| probs[i]);
    }
    if best.2 > best.1 {
        (best.1 + best.2) / 2.0
    } else {
        // Everything negative: just above the highest probability.
        best.1 + f64::EPSILON.max(best.1 * 1e-12)
    }
}

/// The probability threshold (among the observed values) with the best Matthews correlation, a
/// choice that does not depend on the share of positives the way F1 does.
pub fn best_mcc_threshold(probs: &[f64], labels: &[bool]) -> f64 {
    let mut order: Vec<usize> = (0..probs.len()).collect();
    order.sort_by(|&i, &j| probs[j].total_cmp(&probs[i]));
    let p = labels.iter().filter(|&&l| l).count() as f64;
    let n = labels.len() as f64 - p;
    let (mut tp, mut fp) = (0.0, 0.0);
    let mut best = (f64::NEG_INFINITY, 1.0);
    for &k in &order {
        if labels[k] {
            tp += 1.0;
        } else {
            fp += 1.0;
        }
        let (fn_, tn) = (p - tp, n - fp);
        let denom = ((tp + fp) * (tp + fn_) * (tn + fp) * (tn + fn_)).sqrt();
        let mcc = if denom > 0.0 {
            (tp * tn - fp * fn_) / denom
        } else {
            0.0
        };
        if mcc > best.0 {
            best = (mcc, probs[k]);
        }
    }
    best.1
}

/// The probability threshold (among the observed values) with the best pairwise F1.
pub fn best_f1_threshold(probs: &[f64], labels: &[bool]) -> f64 {
    let mut order: Vec<usize> = (0..probs.len()).collect();
    order.sort_by(|&i, &j| probs[j].total_cmp(&probs[i]));
    let positives = labels.iter().filter(|&&l| l).count() as f64;
    let (mut tp, mut fp) = (0.0, 0.0);
    let mut best = (0.0, 1.0);
    for &k in &order {
        if labels[k] {
            tp += 1.0;
        } else {
            fp += 1.0;
        }
        let f1 = 2.0 * tp / (tp + fp + positives);
        if f1 > best.0 {
            best = (f1, probs[k]);
        }
    }
    best.1
}

/// Pearson's correlation coefficient (sample covariance over the product of the sample standard
/// deviations, from `statrs`); 0 when either side is constant or there are fewer than two values.
///
/// # Panics
/// When the slices differ in length (a caller error).
pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    assert_eq!(
        x.len(),
        y.len(),
        "pearson: {} against {} values",
        x.len(),
        y.len()
    );
    if x.len() < 2 {
        return 0.0;
    }
    let sx = x.std_dev();
    let sy = y.std_dev();
    if !(sx > 0.0 && sy > 0.0) {
        return 0.0;
    }
    x.covariance(y) / (sx * sy)
}

/// Spearman's rank correlation: Pearson's of the ranks, ties given their average rank.
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    pearson(&ranks(x), &ranks(y))
}

/// 1-based ranks, ties given the average of the ranks they span (NaN sorts last).
pub fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&i, &j| values[i].total_cmp(&values[j]));
    let mut ranks = vec![0.0; values.len()];
    let mut k = 0;
    while k < order.len() {
        let mut end = k + 1;
        while end < order.len() && values[order[end]] == values[order[k]] {
            end += 1;
        }
        // Positions k..end (0-based) hold ranks k+1..=end; their mean is (k + 1 + end) / 2.
        let rank = (k + 1 + end) as f64 / 2.0;
        for &i in &order[k..end] {
            ranks[i] = rank;
        }
        k = end;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_metrics_by_hand() {
        // tp 2, fp 1, fn 1, tn 1.
        let b = Binary::of(
            &[0.9, 0.8, 0.7, 0.2, 0.1],
            &[true, true, false, true, false],
            0.5,
        );
        assert!((b.accuracy - 0.6).abs() < 1e-12);
        assert!((b.precision - 2.0 / 3.0).abs() < 1e-12);
        assert!((b.recall - 2.0 / 3.0).abs() < 1e-12);
        assert!((b.f1 - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn roc_auc_by_hand() {
        assert_eq!(
            roc_auc(&[0.1, 0.4, 0.35, 0.8], &[false, false, true, true]),
            0.75
        );
        // A tie between a positive and a negative counts one half.
        assert_eq!(roc_auc(&[0.5, 0.5], &[true, false]), 0.5);
        assert_eq!(roc_auc(&[0.1, 0.9], &[false, true]), 1.0);
        assert_eq!(roc_auc(&[0.1, 0.9], &[true, true]), 0.5);
    }

    #[test]
    fn best_threshold_maximises_accuracy() {
        let probs = [0.1, 0.2, 0.3, 0.6, 0.7, 0.9];
        let labels = [false, false, true, true, true, true];
        let t = best_threshold(&probs, &labels);
        assert!((t - 0.25).abs() < 1e-12, "{t}");
        // All positive is best.
        let t = best_threshold(&[0.3, 0.4], &[true, true]);
        assert!(t <= 0.3);
        // All negative is best.
        let t = best_threshold(&[0.3, 0.4], &[false, false]);
        assert!(t > 0.4);
    }

    #[test]
    fn ranks_average_ties() {
        assert_eq!(ranks(&[10.0, 20.0, 20.0, 5.0]), [2.0, 3.5, 3.5, 1.0]);
        assert_eq!(ranks(&[]), Vec::<f64>::new());
        assert_eq!(ranks(&[1.0, 1.0, 1.0]), [2.0, 2.0, 2.0]);
    }

    #[test]
    fn correlations_by_hand() {
        let x = [1.0, 2.0, 3.0, 4.0];
        assert!((pearson(&x, &[2.0, 4.0, 6.0, 8.0]) - 1.0).abs() < 1e-12);
        assert!((pearson(&x, &[8.0, 6.0, 4.0, 2.0]) + 1.0).abs() < 1e-12);
        // x = 1..4, y = (1, 3, 2, 4): cov = 5/3 / (var 5/3) = 0.8.
        assert!((pearson(&x, &[1.0, 3.0, 2.0, 4.0]) - 0.8).abs() < 1e-12);
        // Monotone but not linear: Spearman 1.
        assert!((spearman(&x, &[1.0, 10.0, 100.0, 1000.0]) - 1.0).abs() < 1e-12);
        assert_eq!(pearson(&x, &[3.0; 4]), 0.0);
        assert_eq!(pearson(&[1.0], &[2.0]), 0.0);
    }

    #[test]
    fn best_threshold_maximises_f1() {
        let probs = [0.9, 0.8, 0.3, 0.2];
        let labels = [true, true, false, true];
        // Cutting at 0.8 gives P 1, R 2/3 (F1 0.8); at 0.2, P 3/4, R 1 (F1 0.857).
        assert_eq!(best_f1_threshold(&probs, &labels), 0.2);
    }
}
