//! `eval paraphrase`: how well the same-fact model tells paraphrases from other sentence pairs.
//!
//! What it measures: every pair of a labelled file goes through the model of
//! `rubrics/similarity.toml` ([`crate::align::similarity`]), with an IDF table fitted on the file's
//! own sentences (no labels are used for that). Two sets of figures are reported:
//!
//! - the shipped model at its own threshold: `accuracy`, `precision`, `recall`, `f1` (positive class
//!   = same content) and `roc_auc` of its probability;
//! - 10-fold cross-validation of the same features on the file: `cv_accuracy`, `cv_precision`,
//!   `cv_recall`, `cv_f1` (from the held-out predictions of all folds) and `cv_roc_auc` (the mean over
//!   folds). Pair `i` is in fold `i mod 10`; on the nine other folds the features are standardised,
//!   a logistic regression is fitted (as [`crate::align::similarity::fit_logistic`] does, L2 =
//!   [`L2`]) and the threshold is chosen by accuracy; the held-out fold is then scored. The shipped model was
//!   fitted on MSRP train (together with the STS Benchmark news train pairs, see
//!   [`fit_to_toml_with`]), so on that file the first set is in-sample and the cross-validated one
//!   is the honest figure.
//!
//! `majority_accuracy` (share of the larger class) is reported as the floor to beat.
//!
//! Two layouts are read, told apart by the number of tab-separated fields:
//! - the **Microsoft Research Paraphrase Corpus** (`Quality  #1 ID  #2 ID  #1 String  #2 String`, with
//!   a UTF-8 byte-order mark and CRLF line ends), 5 fields;
//! - the generic `label<TAB>sentence1<TAB>sentence2`, 3 fields, with or without a header; labels are
//!   `1`/`0` or `true`/`false`.
//!
//! The fields are split on tabs only: quotation marks are literal text, not CSV quoting.
//!
//! Why: the same-fact decision is the core of alignment; MSRP is news sentences from different
//! outlets about the same events, labelled by people, the closest public data to that decision.
//!
//! Limitations: on MSRP two thirds of the pairs are positive, so F1 is inflated (the majority class
//! has F1 0.80): compare accuracy and ROC-AUC. MSRP pairs were pre-selected to overlap lexically, so
//! negatives are harder than most pairs of one story and figures do not transfer one to one.
//!
//! References: Dolan & Brockett 2005, "Automatically Constructing a Corpus of Sentential
//! Paraphrases"; ACL wiki "Paraphrase Identification (State of the art)".

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::align::similarity::{
    examples_of, feature_array, fit_logistic_soft, pair_signatures, sigmoid, Model,
    BUILTIN_SIMILARITY, FEATURE_NAMES, N_FEATURES,
};
use crate::error::Result;
use crate::eval::metrics::{best_threshold, pearson, roc_auc, Binary};
use crate::eval::EvalResult;
use crate::eval::{one_file, read_gold_pairs};

/// The task name under which results are reported.
const TASK: &str = "paraphrase";
/// Number of cross-validation folds.
pub const FOLDS: usize = 10;
/// The L2 penalty of the fitted logistic regressions (on standardised features, summed loss).
pub const L2: f64 = 1.0;

/// A labelled sentence pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub a: String,
    pub b: String,
    /// Same content (MSRP `Quality` 1).
    pub same: bool,
}

/// Runs `eval paraphrase` on one file.
pub fn run(paths: &[PathBuf]) -> Result<EvalResult> {
    let path = one_file(
        paths,
        TASK,
        "an MSRP TSV file or a label<TAB>sentence1<TAB>sentence2 file",
    )?;
    let pairs = read_pairs(path)?;
    let model = Model::builtin()?;
    let x = pair_features(&pairs);
    let y: Vec<bool> = pairs.iter().map(|p| p.same).collect();

    let probs: Vec<f64> = x.iter().map(|f| model.probability_of(f)).collect();
    let shipped = Binary::of(&probs, &y, model.threshold());
    let auc = roc_auc(&probs, &y);
    let cv = cross_validate(&x, &y, FOLDS, L2);
    let positives = y.iter().filter(|&&t| t).count();
    let majority = positives.max(y.len() - positives) as f64 / y.len() as f64;
    Ok(EvalResult::new(
        TASK,
        pairs.len(),
        [
            ("accuracy", shipped.accuracy),
            ("precision", shipped.precision),
            ("recall", shipped.recall),
            ("f1", shipped.f1),
            ("roc_auc", auc),
            ("cv_accuracy", cv.scores.accuracy),
            ("cv_precision", cv.scores.precision),
            ("cv_recall", cv.scores.recall),
            ("cv_f1", cv.scores.f1),
            ("cv_roc_auc", cv.roc_auc),
            ("majority_accuracy", majority),
        ],
    ))
}

/// Reads labelled pairs (see the module documentation for the layouts). A first line whose label
/// is not one is taken as a header; anywhere else it is an error naming the file and line.
pub fn read_pairs(path: &Path) -> Result<Vec<Pair>> {
    let pairs = read_gold_pairs(
        path,
        "3 tab-separated fields (label, sentence1, sentence2) or 5 \
         (MSRP: Quality, #1 ID, #2 ID, #1 String, #2 String)",
        "labelled",
        |fields| match fields {
            [label, _, _, a, b] | [label, a, b] => Some((label.trim(), *a, *b)),
            _ => None,
        },
        |label| match label.to_ascii_lowercase().as_str() {
            "1" | "true" => Ok(true),
            "0" | "false" => Ok(false),
            other => Err(format!("the label `{other}` is not 1, 0, true or false")),
        },
    )?;
    Ok(pairs
        .into_iter()
        .map(|(a, b, same)| Pair { a, b, same })
        .collect())
}

/// The raw features of every pair, with an IDF table fitted on all the sentences of the pairs.
pub fn pair_features(pairs: &[Pair]) -> Vec<[f64; N_FEATURES]> {
    sentence_pair_features(pairs.iter().map(|p| (p.a.as_str(), p.b.as_str())))
}

/// The raw features of sentence pairs, with an IDF table fitted on all their sentences.
pub fn sentence_pair_features<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<[f64; N_FEATURES]> {
    let (sigs, idf) = pair_signatures(pairs);
    sigs.iter()
        .map(|(a, b)| feature_array(a, b, &idf))
        .collect()
}

/// Means and standard deviations of the columns (a constant column gets a standard deviation of 1).
pub fn column_stats(x: &[[f64; N_FEATURES]]) -> ([f64; N_FEATURES], [f64; N_FEATURES]) {
    let n = x.len().max(1) as f64;
    let mut mean = [0.0; N_FEATURES];
    let mut std = [0.0; N_FEATURES];
    for row in x {
        for (m, v) in mean.iter_mut().zip(row) {
            *m += v / n;
        }
    }
    for row in x {
        for ((s, v), m) in std.iter_mut().zip(row).zip(&mean) {
            *s += (v - m).powi(2) / n;
        }
    }
    for s in &mut std {
        *s = if *s > 1e-24 { s.sqrt() } else { 1.0 };
    }
    (mean, std)
}

fn standardise(
    x: &[[f64; N_FEATURES]],
    mean: &[f64; N_FEATURES],
    std: &[f64; N_FEATURES],
) -> Vec<Vec<f64>> {
    x.iter()
        .map(|row| {
            row.iter()
                .zip(mean.iter().zip(std))
                .map(|(v, (m, s))| (v - m) / s)
                .collect()
        })
        .collect()
}

/// Pairs with a graded similarity, scaled to `0..=1` (STS score / 5), fitted alongside labelled
/// pairs: their raw features and targets.
#[derive(Debug, Clone, Copy, Default)]
pub struct Graded<'a> {
    pub x: &'a [[f64; N_FEATURES]],
    pub targets: &'a [f64],
}

/// A logistic model fitted on raw features: standardisation, weights, bias, threshold.
#[derive(Debug, Clone)]
pub struct Fitted {
    pub mean: [f64; N_FEATURES],
    pub std: [f64; N_FEATURES],
    pub weights: Vec<f64>,
    pub bias: f64,
    pub threshold: f64,
}

impl Fitted {
    /// Fits on raw features of labelled pairs: standardise, fit the logistic regression, then
    /// choose the threshold by accuracy on the same rows.
    pub fn fit(x: &[[f64; N_FEATURES]], y: &[bool], l2: f64) -> Fitted {
        Fitted::fit_with(x, y, Graded::default(), l2)
    }

    /// Like [`Fitted::fit`], with graded pairs in the same fit (each row, labelled or graded,
    /// weighs 1; graded rows have their scaled score as target, see [`fit_logistic_soft`]). The
    /// standardisation is over all rows; the threshold is chosen on the labelled rows only.
    pub fn fit_with(x: &[[f64; N_FEATURES]], y: &[bool], graded: Graded<'_>, l2: f64) -> Fitted {
        let mut rows: Vec<[f64; N_FEATURES]> = x.to_vec();
        rows.extend_from_slice(graded.x);
        let (mean, std) = column_stats(&rows);
        let mut targets: Vec<f64> = y.iter().map(|&t| if t { 1.0 } else { 0.0 }).collect();
        targets.extend_from_slice(graded.targets);
        let (weights, bias) = fit_logistic_soft(
            &standardise(&rows, &mean, &std),
            &targets,
            &vec![1.0; rows.len()],
            l2,
        );
        let mut fitted = Fitted {
            mean,
            std,
            weights,
            bias,
            threshold: 0.5,
        };
        let probs: Vec<f64> = x.iter().map(|r| fitted.probability(r)).collect();
        fitted.threshold = best_threshold(&probs, y);
        fitted
    }

    /// The probability for one row of raw features.
    pub fn probability(&self, row: &[f64; N_FEATURES]) -> f64 {
        let z = row
            .iter()
            .zip(&self.weights)
            .zip(self.mean.iter().zip(&self.std))
            .fold(self.bias, |z, ((v, w), (m, s))| z + w * (v - m) / s);
        sigmoid(z)
    }
}

/// Cross-validated figures.
#[derive(Debug, Clone, Copy)]
pub struct CrossValidation {
    /// From the held-out decisions of all folds together.
    pub scores: Binary,
    /// Mean of the per-fold ROC-AUC.
    pub roc_auc: f64,
    /// Pearson's correlation of the held-out probabilities of graded pairs with their targets
    /// (`None` without graded pairs).
    pub graded_pearson: Option<f64>,
}

/// `folds`-fold cross-validation (pair `i` in fold `i mod folds`) of [`Fitted::fit`].
pub fn cross_validate(
    x: &[[f64; N_FEATURES]],
    y: &[bool],
    folds: usize,
    l2: f64,
) -> CrossValidation {
    cross_validate_with(x, y, Graded::default(), folds, l2)
}

/// `folds`-fold cross-validation of [`Fitted::fit_with`]: labelled pair `i` and graded pair `j` are
/// in folds `i mod folds` and `j mod folds`; each fold is fitted on the others and scored.
pub fn cross_validate_with(
    x: &[[f64; N_FEATURES]],
    y: &[bool],
    graded: Graded<'_>,
    folds: usize,
    l2: f64,
) -> CrossValidation {
    let folds = folds.clamp(2, x.len().max(2));
    let mut decisions = vec![false; x.len()];
    let mut graded_probs = vec![0.0; graded.x.len()];
    let mut aucs = Vec::with_capacity(folds);
    for k in 0..folds {
        let (mut train_x, mut train_y, mut test) = (Vec::new(), Vec::new(), Vec::new());
        for (i, (row, &t)) in x.iter().zip(y).enumerate() {
            if i % folds == k {
                test.push(i);
            } else {
                train_x.push(*row);
                train_y.push(t);
            }
        }
        let (mut graded_x, mut graded_t) = (Vec::new(), Vec::new());
        for (j, (row, &t)) in graded.x.iter().zip(graded.targets).enumerate() {
            if j % folds != k {
                graded_x.push(*row);
                graded_t.push(t);
            }
        }
        if test.is_empty() || train_x.is_empty() {
            continue;
        }
        let fitted = Fitted::fit_with(
            &train_x,
            &train_y,
            Graded {
                x: &graded_x,
                targets: &graded_t,
            },
            l2,
        );
        let probs: Vec<f64> = test.iter().map(|&i| fitted.probability(&x[i])).collect();
        let labels: Vec<bool> = test.iter().map(|&i| y[i]).collect();
        for (&i, p) in test.iter().zip(&probs) {
            decisions[i] = *p >= fitted.threshold;
        }
        aucs.push(roc_auc(&probs, &labels));
        for (j, row) in graded.x.iter().enumerate() {
            if j % folds == k {
                graded_probs[j] = fitted.probability(row);
            }
        }
    }
    CrossValidation {
        scores: Binary::of_decisions(&decisions, y),
        roc_auc: aucs.iter().sum::<f64>() / aucs.len().max(1) as f64,
        graded_pearson: (!graded.x.is_empty()).then(|| pearson(&graded_probs, graded.targets)),
    }
}

// ---------------------------------------------------------------------------------------------
// Fitting the shipped model
// ---------------------------------------------------------------------------------------------

/// Fits the model on every pair of a labelled file and returns the text of a rubric
/// (`rubrics/similarity.toml`); see [`fit_to_toml_with`].
pub fn fit_to_toml(path: &Path) -> Result<String> {
    fit_to_toml_with(path, None)
}

/// Fits the model on every pair of a labelled file (MSRP layout or generic), and on the pairs of a
/// graded file (STS layout or generic, score / 5 as target) when one is given, and returns the text
/// of a rubric: a header with the data, the command, the date and the figures, then the threshold,
/// bias and one `[[feature]]` per feature; the `[[example]]` pairs of the built-in rubric are carried
/// over. Each file gets its own IDF table, fitted on its sentences.
///
/// The figures in the header: the fitted model on the labelled file (in-sample), and 10-fold
/// cross-validation of the whole procedure (accuracy, F1 and ROC-AUC on held-out labelled pairs,
/// Pearson on held-out graded pairs).
pub fn fit_to_toml_with(path: &Path, graded: Option<&Path>) -> Result<String> {
    let date = chrono::DateTime::from_timestamp(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
        0,
    )
    .map_or_else(
        || "unknown".to_string(),
        |d| d.format("%Y-%m-%d").to_string(),
    );
    let pairs = read_pairs(path)?;
    let x = pair_features(&pairs);
    let y: Vec<bool> = pairs.iter().map(|p| p.same).collect();
    let (gx, gt) = match graded {
        Some(g) => {
            let scored = super::sts::read_scored_pairs(g)?;
            let max = scored.iter().map(|p| p.score).fold(0.0, f64::max).max(5.0);
            (
                sentence_pair_features(scored.iter().map(|p| (p.a.as_str(), p.b.as_str()))),
                scored
                    .iter()
                    .map(|p| (p.score / max).clamp(0.0, 1.0))
                    .collect::<Vec<f64>>(),
            )
        }
        None => (Vec::new(), Vec::new()),
    };
    let g = Graded {
        x: &gx,
        targets: &gt,
    };
    let fitted = Fitted::fit_with(&x, &y, g, L2);
    let probs: Vec<f64> = x.iter().map(|r| fitted.probability(r)).collect();
    let in_sample = Binary::of(&probs, &y, fitted.threshold);
    let auc = roc_auc(&probs, &y);
    let cv = cross_validate_with(&x, &y, g, FOLDS, L2);
    let positives = y.iter().filter(|&&t| t).count();
    let majority = positives.max(y.len() - positives) as f64 / y.len() as f64;

    let mut out = String::new();
    let _ = writeln!(
        out,
        "\
# The same-fact model: do two sentences report the same fact? (src/align/similarity.rs)
#
# p = sigmoid(bias + sum of weight * (feature - mean) / std); same fact iff p >= threshold.
# The features are described in src/align/similarity.rs; mean and std standardise them.
#
# Fitted on {date} by
#   cargo test --release --lib regenerate_similarity_rubric -- --ignored
# (src/eval/paraphrase.rs), which rewrites this file and keeps the examples below: a logistic
# regression (L2 = {L2}, Newton's method), each file with an IDF table fitted on its own sentences,
# on
#   {labelled}: {n} labelled pairs ({positives} positive), target 1 or 0;",
        labelled = display_data_path(path),
        n = pairs.len(),
    );
    if let Some(g) = graded {
        let _ = writeln!(
            out,
            "#   {}: {} graded pairs, target score / 5 (every pair weighs the same);",
            display_data_path(g),
            gx.len()
        );
    }
    let _ = writeln!(
        out,
        "\
# the threshold maximises accuracy on the labelled pairs.
#
# Fitted model on {labelled} (in-sample): accuracy {acc:.4}, F1 {f1:.4}, ROC-AUC {auc:.4}
# (majority class: accuracy {majority:.4}).
# {FOLDS}-fold cross-validation of the whole procedure: accuracy {cv_acc:.4}, F1 {cv_f1:.4}, ROC-AUC {cv_auc:.4}{graded}.
# Measure with `corroborate eval paraphrase FILE` and `corroborate eval sts FILE`.
#
# Weights apply to standardised features, so their sizes compare: a negative weight pulls a pair
# apart. Edit by refitting, not by hand; the examples at the end must keep holding (cargo test).

version = 1
threshold = {threshold:.6}
bias = {bias:.6}",
        labelled = display_data_path(path),
        acc = in_sample.accuracy,
        f1 = in_sample.f1,
        cv_acc = cv.scores.accuracy,
        cv_f1 = cv.scores.f1,
        cv_auc = cv.roc_auc,
        graded = cv
            .graded_pearson
            .map(|r| format!(";\n# Pearson on held-out graded pairs {r:.4}"))
            .unwrap_or_default(),
        threshold = fitted.threshold,
        bias = fitted.bias,
    );
    for (i, name) in FEATURE_NAMES.iter().enumerate() {
        let _ = write!(
            out,
            "\n[[feature]]\nname = \"{name}\"\nweight = {:.6}\nmean = {:.6}\nstd = {:.6}\n",
            fitted.weights[i], fitted.mean[i], fitted.std[i]
        );
    }
    let examples = examples_of(BUILTIN_SIMILARITY);
    if !examples.is_empty() {
        out.push_str(
            "\n# Pairs written for this file (not from any data set): the model must decide them as\n\
             # marked, with an IDF table fitted on these sentences alone.\n",
        );
    }
    for e in examples {
        let _ = write!(
            out,
            "\n[[example]]\na = {}\nb = {}\nsame = {}\n",
            toml::Value::String(e.a),
            toml::Value::String(e.b),
            e.same
        );
    }
    Ok(out)
}

/// The last two components of a data path (`msrp/train.tsv`), so that a rubric does not record
/// where one machine keeps the data.
fn display_data_path(path: &Path) -> String {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    match path.parent().and_then(Path::file_name) {
        Some(dir) => format!("{}/{file}", dir.to_string_lossy()),
        None => file,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_msrp_and_generic_layouts() {
        let dir = tempfile::tempdir().unwrap();
        let msrp = dir.path().join("msrp.tsv");
        std::fs::write(
            &msrp,
            "\u{feff}Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\r\n\
             1\t1\t2\tHe said \"yes\".\tHe answered \"yes\".\r\n\
             0\t3\t4\tA b.\tC d.\r\n",
        )
        .unwrap();
        let pairs = read_pairs(&msrp).unwrap();
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[0].a, "He said \"yes\".");
        assert!(pairs[0].same && !pairs[1].same);
        assert_eq!(pairs[1].b, "C d.");

        let generic = dir.path().join("g.tsv");
        std::fs::write(&generic, "true\tx y\tx z\nfalse\tp\tq\n").unwrap();
        let pairs = read_pairs(&generic).unwrap();
        assert_eq!(pairs.len(), 2);
        assert!(pairs[0].same && !pairs[1].same);

        let bad = dir.path().join("bad.tsv");
        std::fs::write(&bad, "1\ta\tb\nmaybe\ta\tb\n").unwrap();
        let msg = read_pairs(&bad).unwrap_err().to_string();
        assert!(msg.contains("bad.tsv:2") && msg.contains("maybe"), "{msg}");
        std::fs::write(&bad, "1\ta b\n").unwrap();
        let msg = read_pairs(&bad).unwrap_err().to_string();
        assert!(
            msg.contains("bad.tsv:1") && msg.contains("found 2"),
            "{msg}"
        );
        std::fs::write(&bad, "label\ts1\ts2\n").unwrap();
        let msg = read_pairs(&bad).unwrap_err().to_string();
        assert!(msg.contains("no labelled pair"), "{msg}");
    }

    #[test]
    fn cross_validation_learns_a_separable_signal() {
        // One informative feature, the rest noise-free constants.
        let mut x = Vec::new();
        let mut y = Vec::new();
        for i in 0..200 {
            let mut row = [0.0; N_FEATURES];
            row[0] = (i % 20) as f64 / 20.0;
            row[1] = ((i * 7) % 13) as f64;
            x.push(row);
            y.push(row[0] >= 0.5);
        }
        let cv = cross_validate(&x, &y, FOLDS, L2);
        assert!(cv.scores.accuracy > 0.95, "{cv:?}");
        assert!(cv.roc_auc > 0.95, "{cv:?}");
    }

    #[test]
    fn path_count_is_checked() {
        let msg = run(&[]).unwrap_err().to_string();
        assert!(msg.contains("one file"), "{msg}");
        let msg = run(&[PathBuf::from("a"), PathBuf::from("b")])
            .unwrap_err()
            .to_string();
        assert!(msg.contains("2 paths"), "{msg}");
    }

    /// Regenerates `rubrics/similarity.toml` from MSRP train and STS news train (see the file's
    /// header).
    #[test]
    #[ignore = "rewrites rubrics/similarity.toml from ../shared/eval (MSRP train, STS news train)"]
    fn regenerate_similarity_rubric() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let eval = root.join("../shared/eval");
        let text = fit_to_toml_with(
            &eval.join("msrp/train.tsv"),
            Some(&eval.join("stsb/news-train.tsv")),
        )
        .unwrap();
        Model::parse(&text, Path::new("generated")).unwrap();
        std::fs::write(root.join("rubrics/similarity.toml"), text).unwrap();
    }
}
