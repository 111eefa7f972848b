//! Story clustering against gold story labels (B³ F1, ARI): ECB+ (subtopic), BASIL (triplet), UCI
//! aggregator headlines (STORY). Floors sit a little below the figures in docs/accuracy.md; each
//! test skips with a reason when its data set is absent.

mod common;

use corroborate::eval::clusters;

fn check(rel: &str, min_f1: f64, min_ari: f64) {
    let Some(path) = common::eval_path(rel) else {
        return;
    };
    let r = clusters::run(&[path]).expect("eval clusters runs");
    println!("{rel}: {}", serde_json::to_string(&r).unwrap());
    assert!(r.metrics["b3_f1"] >= min_f1, "{rel}: {:?}", r.metrics);
    assert!(r.metrics["ari"] >= min_ari, "{rel}: {:?}", r.metrics);
    assert!(r.metrics["b3_f1"] <= 1.0);
}

#[test]
fn ecbplus_events_are_told_apart() {
    check("ecbplus/docs-topics-01-35.jsonl.gz", 0.86, 0.81);
}

#[test]
fn basil_triplets_are_found() {
    check("basil", 0.95, 0.93);
}

#[test]
fn uci_headline_stories_are_found() {
    check(
        "feeds/uci-news-aggregator/uci-news-aggregator.sample.csv",
        0.75,
        0.70,
    );
}
