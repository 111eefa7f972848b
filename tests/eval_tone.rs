//! Integration test of `eval tone` (tone toward BASIL's annotated targets).
//!
//! What: the task runs through `corroborate::eval::run` on BASIL; the figures are deterministic, and
//! floors a little below the measured ones (docs/accuracy.md) catch a change of the tone lexicon or
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
    assert!(m["author_macro_f1"] >= 0.685, "{m:?}");
    assert!(m["quoted_macro_f1"] >= 0.58, "{m:?}");
    // Phrases about the target itself, where the words' tone is the tone toward the target.
    assert!(m["author_direct_macro_f1"] >= 0.72, "{m:?}");
    assert!(m["split_odd_direct_macro_f1"] >= 0.61, "{m:?}");
    // The bootstrap interval holds the figure.
    assert!(
        m["author_macro_f1_low"] < m["author_macro_f1"]
            && m["author_macro_f1"] < m["author_macro_f1_high"],
        "{m:?}"
    );
    assert!(
        m["author_macro_f1"] > m["author_majority_macro_f1"] + 0.1,
        "{m:?}"
    );
    assert!(
        m["split_even_macro_f1"] >= 0.80 && m["split_odd_macro_f1"] >= 0.58,
        "{m:?}"
    );
}

/// `eval tone --lexicon FILE` measures another lexicon: the built-in one written to a file reads
/// the same, one without negators reads otherwise; a file that cannot be read, or the option on
/// another task, is an error that names the file.
#[test]
fn eval_tone_reads_another_lexicon_and_names_a_bad_one() {
    use assert_cmd::Command;
    let bin = || Command::cargo_bin("corroborate").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing-tone.toml");
    for (task, message) in [("tone", "missing-tone.toml"), ("quotes", "only eval tone")] {
        bin()
            .args(["eval", task, dir.path().to_str().unwrap(), "--lexicon"])
            .arg(&missing)
            .assert()
            .failure()
            .stderr(predicates::str::contains(message));
    }
    let Some(basil) = eval_path("basil") else {
        return;
    };
    let figures = |extra: &[&std::ffi::OsStr]| -> serde_json::Value {
        let out = common::stdout_of(bin().args(["eval", "tone"]).arg(&basil).args(extra));
        serde_json::from_slice::<serde_json::Value>(&out).unwrap()["metrics"].clone()
    };
    let builtin = figures(&[]);
    let same = dir.path().join("same.toml");
    let text = include_str!("../rubrics/lexicons/tone.toml");
    std::fs::write(&same, text).unwrap();
    assert_eq!(figures(&["--lexicon".as_ref(), same.as_os_str()]), builtin);
    // Without the negators the lexicon reads "not good" as good: the figures move.
    let start = text.find("\nnegators = [").unwrap() + 1;
    let end = start + text[start..].find(']').unwrap() + 1;
    let fewer = dir.path().join("fewer.toml");
    std::fs::write(
        &fewer,
        format!("{}negators = []{}", &text[..start], &text[end..]),
    )
    .unwrap();
    assert_ne!(figures(&["--lexicon".as_ref(), fewer.as_os_str()]), builtin);
}
