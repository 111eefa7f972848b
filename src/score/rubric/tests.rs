//! Tests of the rubric reader: parsing, every problem at once with its line, curves, bands,
//! worked examples, the evidence settings.

use super::*;

fn problems(text: &str) -> String {
    match Rubric::parse(text, Path::new("test.toml")) {
        Ok(_) => String::new(),
        Err(e) => e.to_string(),
    }
}

const GOOD: &str = r#"
version = 1
name = "tiny"

[[criteria]]
id = "cov"
metric = "coverage.consensus_share"
direction = "higher"
weight = 0.6
curve = [[0.0, 0], [1.0, 100]]
rationale = "covers what others report"

[[criteria]]
id = "unsup"
metric = "claims.unsupported_share"
direction = "lower"
weight = 0.4
curve = [[0.0, 100], [0.5, 0]]
rationale = "backs its claims"

[[bands]]
name = "good"
min = 50
max = 100

[[bands]]
name = "poor"
min = 0
max = 50

[[examples]]
name = "half"
metrics = { "coverage.consensus_share" = 0.5, "claims.unsupported_share" = 0.25 }
score = 50
band = "good"
"#;

#[test]
fn a_good_rubric_parses_and_scores_its_example() {
    let r = Rubric::parse(GOOD, Path::new("t.toml")).unwrap();
    assert_eq!(r.criteria.len(), 2);
    let mut v = BTreeMap::new();
    v.insert("coverage.consensus_share".to_string(), 0.5);
    // Only coverage measured: its weight is renormalised to 1.
    assert_eq!(r.score_values(&v), Some(50.0));
    assert_eq!(r.band(49.9), "poor");
    assert_eq!(r.band(100.0), "good");
}

#[test]
fn curves_interpolate_and_extend_flat() {
    let r = Rubric::parse(GOOD, Path::new("t.toml")).unwrap();
    let unsup = &r.criteria[1];
    assert_eq!(unsup.points(0.25), 50.0);
    assert_eq!(unsup.points(0.9), 0.0);
    assert_eq!(unsup.points(-1.0), 100.0);
}

#[test]
fn every_problem_is_reported_at_once_with_its_line() {
    let bad = GOOD
        .replace("weight = 0.6", "weight = nan")
        .replace(
            "metric = \"claims.unsupported_share\"",
            "metric = \"claims.unsuported_share\"",
        )
        .replace(
            "direction = \"lower\"",
            "direction = \"lower\"\ncolour = \"red\"",
        )
        .replace("min = 50", "min = 40");
    let e = problems(&bad);
    assert!(e.contains("must be a finite number"), "{e}");
    assert!(e.contains("did you mean `claims.unsupported_share`"), "{e}");
    assert!(e.contains("unknown key `colour`"), "{e}");
    assert!(e.contains("overlaps"), "{e}");
    assert!(e.contains("4 problem(s)"), "{e}");
    // The unknown metric is on line 14 of the edited text.
    assert!(
        e.contains("line 15: criterion `unsup`: unknown metric"),
        "{e}"
    );
    // A band's problem is reported at the band.
    // (Its table starts on line 22 of the edited text, its `min` is on line 23.)
    assert!(
        e.contains("line 22: band `good` (40–100) overlaps")
            || e.contains("line 23: band `good` (40–100) overlaps"),
        "{e}"
    );
}

#[test]
fn evidence_shrinks_thin_parts_and_checks_its_bounds() {
    let with = |evidence: &str| format!("{GOOD}\n[evidence]\n{evidence}\n");
    let r = Rubric::parse(
        &with("prior-units = 5\nprior-points = 50"),
        Path::new("t.toml"),
    )
    .unwrap();
    // One unit of five: four fifths of the way to the prior; from five units on, the curve's.
    assert_eq!(r.evidence.shrink(100.0, 1), 60.0);
    assert_eq!(r.evidence.shrink(100.0, 5), 100.0);
    assert_eq!(r.evidence.shrink(20.0, 9), 20.0);
    let e = problems(&with("same-event-names = 2"));
    assert!(e.contains("`same-event-names` must be within 0..=1"), "{e}");
    let e = problems(&with("prior-points = 150"));
    assert!(e.contains("`prior-points` must be within 0..=100"), "{e}");
}

#[test]
fn weights_must_sum_to_one_and_not_be_negative() {
    let e = problems(&GOOD.replace("weight = 0.4", "weight = 0.5"));
    assert!(e.contains("sum to 1.1000"), "{e}");
    let e = problems(&GOOD.replace("weight = 0.4", "weight = -0.4"));
    assert!(e.contains("negative"), "{e}");
}

#[test]
fn a_curve_that_falls_for_a_better_value_is_refused() {
    let e = problems(&GOOD.replace("[[0.0, 0], [1.0, 100]]", "[[0.0, 100], [1.0, 0]]"));
    assert!(e.contains("not increasing"), "{e}");
    let e = problems(&GOOD.replace("[[0.0, 0], [1.0, 100]]", "[[0.5, 0], [0.5, 100]]"));
    assert!(e.contains("must increase"), "{e}");
}

#[test]
fn gaps_between_bands_and_wrong_examples_are_reported() {
    let e = problems(&GOOD.replace("max = 50", "max = 45"));
    assert!(e.contains("scores 45–50 fall in no band"), "{e}");
    let e = problems(&GOOD.replace("score = 50", "score = 70"));
    assert!(e.contains("example `half` scores 50.0, not 70"), "{e}");
}

#[test]
fn unknown_finding_kinds_and_missing_keys_are_named() {
    let e = problems(&GOOD.replace(
        "rationale = \"backs its claims\"",
        "findings = [\"unsuported\"]",
    ));
    assert!(e.contains("did you mean `unsupported`"), "{e}");
    assert!(e.contains("has no `rationale`"), "{e}");
}

#[test]
fn the_builtin_rubric_is_valid_and_its_examples_hold() {
    let r = Rubric::builtin().unwrap();
    assert!(!r.examples.is_empty());
    for c in &r.criteria {
        assert!(metrics::find(&c.metric).is_some());
    }
}
