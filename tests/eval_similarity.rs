//! Integration tests of `eval paraphrase` (MSRP train) and `eval sts` (STS Benchmark news dev).
//!
//! What: both tasks run through `corroborate::eval::run` on the development data; the number of
//! pairs, the metric keys and floors a little below the measured figures are checked, and the
//! shipped model (`rubrics/similarity.toml`) is checked to be the one `fit_to_toml_with` fits on
//! MSRP train and STS news train today (probabilities within 0.01 on every MSRP pair), so that a
//! change of features or of claim extraction cannot ship stale weights.
//!
//! Why: the same-fact model is learned; these figures are what says it works, and the floors catch a
//! feature or tokenisation change that quietly costs accuracy.
//!
//! Limitations: the data live outside the repository (`../shared/eval`, third-party licences) and
//! are never copied in; when they are absent each test prints why and passes without checking
//! anything. The MSRP figures of the shipped model are in-sample (it was fitted on that file): the
//! cross-validated ones are the honest figures and carry the floors that matter.
//!
//! References: Dolan & Brockett 2005 (MSRP); Cer et al. 2017 (STS Benchmark).

mod common;
use common::eval_path;

fn check_unit_range(result: &corroborate::eval::EvalResult) {
    for (k, v) in &result.metrics {
        assert!(v.is_finite(), "{k} = {v}");
        assert!((-1.0..=1.0).contains(v), "{k} = {v} is outside [-1, 1]");
    }
}

#[test]
fn paraphrase_on_msrp_train() {
    let Some(path) = eval_path("msrp/train.tsv") else {
        return;
    };
    let result = corroborate::eval::run("paraphrase", &[path]).unwrap();
    println!("{}", serde_json::to_string(&result).unwrap());
    assert_eq!(result.task, "paraphrase");
    assert_eq!(result.n, 4076);
    let keys: Vec<&str> = result.metrics.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "accuracy",
            "cv_accuracy",
            "cv_f1",
            "cv_precision",
            "cv_recall",
            "cv_roc_auc",
            "f1",
            "majority_accuracy",
            "precision",
            "recall",
            "roc_auc"
        ]
    );
    check_unit_range(&result);
    let m = &result.metrics;
    assert_eq!(m["majority_accuracy"], 0.6754);
    // Measured: cv 0.7645 / 0.8288 / 0.8233, shipped (in-sample) 0.7632 / 0.8258 / 0.8189. The
    // issue's targets are accuracy 0.75 and F1 0.82.
    for (key, floor) in [
        ("cv_accuracy", 0.755),
        ("cv_f1", 0.82),
        ("cv_roc_auc", 0.81),
        ("accuracy", 0.755),
        ("f1", 0.82),
        ("roc_auc", 0.81),
    ] {
        assert!(
            m[key] >= floor,
            "{key} {} is below the floor {floor}",
            m[key]
        );
    }
}

#[test]
fn sts_on_news_dev() {
    let Some(path) = eval_path("stsb/news-dev.tsv") else {
        return;
    };
    let result = corroborate::eval::run("sts", &[path]).unwrap();
    println!("{}", serde_json::to_string(&result).unwrap());
    assert_eq!(result.task, "sts");
    assert_eq!(result.n, 500);
    let keys: Vec<&str> = result.metrics.keys().map(String::as_str).collect();
    for key in [
        "pearson",
        "pearson_cosine",
        "spearman",
        "spearman_cosine",
        "same_fact_f1",
        "same_fact_threshold",
    ] {
        assert!(keys.contains(&key), "missing {key} in {keys:?}");
    }
    check_unit_range(&result);
    let m = &result.metrics;
    // Measured: pearson 0.7497, spearman 0.7135; TF-IDF cosine alone 0.7858 / 0.7374. The issue's
    // target is Pearson 0.70.
    for (key, floor) in [
        ("pearson", 0.74),
        ("spearman", 0.70),
        ("pearson_cosine", 0.77),
        // The same-fact decision at alignment's threshold (gold score ≥ 2): measured F1 0.924.
        ("same_fact_f1", 0.90),
    ] {
        assert!(
            m[key] >= floor,
            "{key} {} is below the floor {floor}",
            m[key]
        );
    }
}

#[test]
fn shipped_model_is_the_one_fitted_on_the_training_files() {
    use corroborate::eval::paraphrase::{fit_to_toml_with, pair_features, read_pairs};
    let (Some(msrp), Some(sts)) = (
        eval_path("msrp/train.tsv"),
        eval_path("stsb/news-train.tsv"),
    ) else {
        return;
    };
    let text = fit_to_toml_with(&msrp, Some(&sts)).unwrap();
    let refit =
        corroborate::align::similarity::Model::parse(&text, std::path::Path::new("refit")).unwrap();
    let shipped = corroborate::align::similarity::Model::builtin().unwrap();
    let stale = "regenerate rubrics/similarity.toml: \
                 cargo test --release --lib regenerate_similarity_rubric -- --ignored";
    let x = pair_features(&read_pairs(&msrp).unwrap());
    let worst = x
        .iter()
        .map(|row| (refit.probability_of(row) - shipped.probability_of(row)).abs())
        .fold(0.0, f64::max);
    println!(
        "largest probability difference between the shipped and the refitted model: {worst:.5}"
    );
    assert!(
        worst < 0.01,
        "the refitted model differs by up to {worst}: {stale}"
    );
    assert!(
        (refit.threshold() - shipped.threshold()).abs() < 0.01,
        "threshold {} refitted, {} shipped: {stale}",
        refit.threshold(),
        shipped.threshold()
    );
}
