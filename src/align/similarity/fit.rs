//! Logistic regression: the logistic function and the fit (Newton's method with an L2 penalty)
//! that produces the model's weights.
//!
//! It does not know the features or the rubric: rows are plain numbers.

/// The logistic function.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

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
