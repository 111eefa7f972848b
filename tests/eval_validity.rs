//! Integration test of `eval validity` (metamorphic tests of the score on BASIL stories).
//!
//! What: the task runs through `corroborate::eval::run` on BASIL; every share is a proportion, the
//! counts add up, enough cases are judged and the details name a criterion per family. No floor on
//! the shares: CI gates them at the measured figures (README, "Accuracy"). Run once (a debug run
//! takes minutes); the cases are deterministic by construction (a seed per story and family).
//!
//! Limitations: BASIL lives outside the repository (`../shared/eval`, research licence); when it is
//! absent the test prints why and passes without checking anything.

mod common;
use common::eval_path;

const FAMILIES: &[&str] = &[
    "unrelated_section",
    "speculation",
    "attributions_removed",
    "figure_changed",
    "quote_altered",
    "loaded_words",
    "cut_to_lead",
    "reorder_paragraphs",
    "boilerplate",
    "renamed",
    "typography",
];

#[test]
fn every_family_is_judged_with_shares_in_range() {
    let Some(dir) = eval_path("basil") else {
        return;
    };
    let a = corroborate::eval::run("validity", &[dir]).unwrap();
    assert_eq!(a.task, "validity");
    assert!(a.n > 50, "{} cases judged", a.n);
    let m = &a.metrics;
    let mut judged = 0.0;
    for f in FAMILIES {
        let share = m[&format!("{f}_share")];
        assert!((0.0..=1.0).contains(&share), "{f}: {share}");
        let n = m[&format!("{f}_n")];
        assert!(n > 0.0, "{f}: nothing judged");
        judged += n;
        // One case per story and family: judged and skipped add up to the stories.
        assert_eq!(
            n + m[&format!("{f}_skipped")],
            m["unrelated_section_n"] + m["unrelated_section_skipped"],
            "{f}"
        );
        let moved = &a.details[&format!("{f}_moved")];
        assert!(moved.contains(" of "), "{f}: {moved}");
    }
    assert_eq!(judged, a.n as f64);
    for k in ["degradation_min_share", "neutral_min_share"] {
        assert!((0.0..=1.0).contains(&m[k]), "{k}: {}", m[k]);
    }
}
