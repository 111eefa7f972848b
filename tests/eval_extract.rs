//! Integration tests of `eval extract` on the Zyte article-extraction-benchmark.
//!
//! What: (a) the shingle metric, fed the reference predictions the benchmark ships
//! (`output_trafilatura.json`), must reproduce the figures the benchmark's README publishes for
//! trafilatura 2.0.0 (F1 0.958, P 0.938, R 0.978, accuracy 0.293), which checks the metric
//! independently of our extractor; (b) the full pipeline (`from_html` → `clean`) run through
//! `corroborate::eval::run("extract", …)` must score every one of the 181 pages and stay above a
//! quality floor.
//!
//! Why: a metric that drifts from the benchmark's own makes every reported number meaningless, and a
//! floor catches extraction or cleaning regressions.
//!
//! Limitations: the data live outside the repository (`../shared/eval`, third-party licences) and
//! are never copied in; when the directory is absent each test prints why and passes without
//! checking anything. The floor (0.90) is deliberately loose.
//!
//! References: scrapinghub/article-extraction-benchmark, README.rst (results table) and
//! `evaluate.py` (the metric, re-implemented from its description in `src/eval/extract.rs`).

use std::path::PathBuf;

/// The benchmark directory, or `None` (after printing why) when the eval data are absent.
fn zyte_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/html/zyte-benchmark");
    if dir.join("ground-truth.json").is_file() {
        Some(dir)
    } else {
        println!(
            "skipped: {} is absent (the eval data are kept outside the repository)",
            dir.display()
        );
        None
    }
}

#[test]
fn reference_predictions_reproduce_published_figures() {
    let Some(dir) = zyte_dir() else { return };
    let reference = dir.join("output_trafilatura.json");
    if !reference.is_file() {
        println!("skipped: {} is absent", reference.display());
        return;
    }
    let gold = corroborate::eval::extract::read_bodies(&dir.join("ground-truth.json")).unwrap();
    let pred = corroborate::eval::extract::read_bodies(&reference).unwrap();
    assert_eq!(gold.len(), 181);
    assert!(
        gold.keys().eq(pred.keys()),
        "gold and reference predictions must cover the same pages"
    );
    let gold_texts: Vec<&str> = gold.values().map(String::as_str).collect();
    let pred_texts: Vec<&str> = pred.values().map(String::as_str).collect();
    let s = corroborate::eval::extract::shingle_scores(&gold_texts, &pred_texts);
    println!(
        "reference trafilatura: n {} F1 {:.4} P {:.4} R {:.4} accuracy {:.4}",
        s.n, s.f1, s.precision, s.recall, s.accuracy
    );
    assert_eq!(s.n, 181);
    assert!((s.f1 - 0.9575).abs() <= 0.0005, "F1 {}", s.f1);
    assert!(
        (s.precision - 0.9383).abs() <= 0.0005,
        "precision {}",
        s.precision
    );
    assert!((s.recall - 0.9775).abs() <= 0.0005, "recall {}", s.recall);
    assert!(
        (s.accuracy - 0.2928).abs() <= 0.0005,
        "accuracy {}",
        s.accuracy
    );
}

#[test]
fn pipeline_scores_every_page_above_the_floor() {
    let Some(dir) = zyte_dir() else { return };
    let result = corroborate::eval::run("extract", &[dir]).unwrap();
    println!("{}", serde_json::to_string(&result).unwrap());
    assert_eq!(result.task, "extract");
    assert_eq!(result.n, 181);
    let keys: Vec<&str> = result.metrics.keys().map(String::as_str).collect();
    assert_eq!(keys, ["accuracy", "f1", "precision", "recall"]);
    for (k, v) in &result.metrics {
        assert!((0.0..=1.0).contains(v), "{k} = {v} is outside [0, 1]");
    }
    let f1 = result.metrics["f1"];
    assert!(f1 >= 0.90, "extraction F1 {f1} is below the 0.90 floor");
}

#[test]
fn unknown_task_is_an_eval_error() {
    let err = corroborate::eval::run("nope", &[]).unwrap_err();
    assert!(matches!(err, corroborate::Error::Eval(_)));
    assert!(err.to_string().contains("extract"), "{err}");
}

#[test]
fn readability_pages_report_content_and_metadata() {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/html/readability-pages");
    if !dir.is_dir() {
        println!("skipped: {} is absent", dir.display());
        return;
    }
    let result = corroborate::eval::run("extract", &[dir]).unwrap();
    println!("{}", serde_json::to_string(&result).unwrap());
    assert_eq!(result.n, 39);
    let keys: Vec<&str> = result.metrics.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "byline_match",
            "date_match",
            "f1",
            "n_byline",
            "n_date",
            "n_site_name",
            "n_title",
            "precision",
            "recall",
            "site_name_match",
            "title_match"
        ]
    );
    for (k, v) in &result.metrics {
        if k.starts_with("n_") {
            assert!(*v >= 0.0 && *v <= 39.0 && v.fract() == 0.0, "{k} = {v}");
        } else {
            assert!((0.0..=1.0).contains(v), "{k} = {v} is outside [0, 1]");
        }
    }
}
