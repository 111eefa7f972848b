//! Integration test of `eval tone` (tone toward BASIL's annotated targets).
//!
//! What: the task runs through `corroborate::eval::run` on BASIL; the figures are deterministic, and
//! floors a little below the measured ones (README, "Accuracy") catch a change of the tone lexicon or
//! its rules that costs accuracy. The majority baseline is checked too, so the floor means "better
//! than always answering negative" on the measure that counts both classes.
//!
//! Limitations: BASIL lives outside the repository (`../shared/eval`, research licence); when it is
//! absent the test prints why and passes without checking anything.

mod common;
use common::eval_path;

#[test]
fn tone_toward_targets_is_above_the_floors() {
    let Some(dir) = eval_path("basil") else {
        return;
    };
    let r = corroborate::eval::run("tone", &[dir]).unwrap();
    let m = &r.metrics;
    assert!(r.n >= 700, "{} phrases", r.n);
    assert!(m["author_macro_f1"] >= 0.58, "{m:?}");
    assert!(m["quoted_macro_f1"] >= 0.55, "{m:?}");
    assert!(
        m["author_macro_f1"] > m["author_majority_macro_f1"] + 0.1,
        "{m:?}"
    );
    assert!(
        m["split_even_macro_f1"] >= 0.5 && m["split_odd_macro_f1"] >= 0.5,
        "{m:?}"
    );
}
