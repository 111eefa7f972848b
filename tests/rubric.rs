//! Rubrics and scores as users see them: `rubric check`, `--rubric`, and the scores in the report.

use std::fs;

use assert_cmd::Command;
use corroborate::score::rubric::BUILTIN;
use predicates::prelude::*;

fn bin() -> Command {
    Command::cargo_bin("corroborate").unwrap()
}

#[test]
fn rubric_check_validates_the_builtin_rubric_and_runs_its_examples() {
    bin()
        .args(["rubric", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("rubric `default` is valid"))
        .stdout(predicate::str::contains("example ok"))
        .stdout(predicate::str::contains("coverage.consensus_share"));
}

#[test]
fn a_broken_rubric_gives_every_error_at_once_with_lines_and_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    let broken = BUILTIN
        .1
        .replacen("weight = 0.20", "weight = -0.20", 1)
        .replacen(
            "metric = \"claims.unsupported_share\"",
            "metric = \"claims.unsuported_share\"",
            1,
        )
        .replacen(
            "[[bands]]\nname = \"mixed\"",
            "[[bands]]\nname = \"mixed\"\ncolor = 1",
            1,
        )
        .replacen(
            "curve = [[0.0, 100], [0.25, 50], [0.5, 0]]",
            "curve = [[0.0, 0], [0.25, 50], [0.5, 100]]",
            1,
        );
    let path = dir.path().join("broken.toml");
    fs::write(&path, &broken).unwrap();
    let line_of = |needle: &str| broken[..broken.find(needle).unwrap()].matches('\n').count() + 1;
    let out = bin()
        .args(["rubric", "check", path.to_str().unwrap()])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("panicked").not())
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("broken.toml"), "{err}");
    for (needle, what) in [
        ("weight = -0.20", "is negative"),
        (
            "metric = \"claims.unsuported_share\"",
            "did you mean `claims.unsupported_share`",
        ),
        ("color = 1", "unknown key `color`"),
        (
            "curve = [[0.0, 0], [0.25, 50], [0.5, 100]]",
            "not increasing",
        ),
    ] {
        let expected = format!("line {}: ", line_of(needle));
        let at = err
            .find(what)
            .unwrap_or_else(|| panic!("no `{what}` in {err}"));
        let before = &err[..at];
        assert!(
            before.rfind(&expected).is_some(),
            "`{what}` is not reported at {expected}: {err}"
        );
    }
    // The same rubric on compare is a configuration error too.
    bin()
        .args(["compare", "--rubric", path.to_str().unwrap()])
        .assert()
        .code(3);
}

#[test]
fn another_rubric_changes_the_scores_and_is_named_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    // All the weight on coverage: each score becomes the coverage curve's points.
    let mut only = String::from("version = 1\nname = \"coverage-only\"\n");
    only.push_str(
        "[[criteria]]\nid = \"cov\"\nmetric = \"coverage.consensus_share\"\ndirection = \"higher\"\nweight = 1.0\ncurve = [[0.0, 0], [1.0, 100]]\nrationale = \"r\"\n",
    );
    only.push_str("[[bands]]\nname = \"all\"\nmin = 0\nmax = 100\n");
    let path = dir.path().join("only.toml");
    fs::write(&path, only).unwrap();
    let out = bin()
        .args([
            "compare",
            "--format",
            "json",
            "--rubric",
            path.to_str().unwrap(),
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let r: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(r["rubric"]["name"], "coverage-only");
    let mut scored = 0;
    for o in r["outlets"].as_array().unwrap() {
        match (o["coverage"].as_f64(), o["score"]["points"].as_f64()) {
            (Some(c), Some(p)) => {
                assert!((p - (c * 100.0)).abs() <= 0.1, "{o}");
                scored += 1;
            }
            (None, p) => assert!(p.is_none(), "an outlet without coverage is not scored: {o}"),
            (Some(_), None) => panic!("an outlet with coverage has no score: {o}"),
        }
    }
    assert!(scored >= 2);
}

#[test]
fn markdown_goes_to_stdout_without_figures_and_to_a_file_with_them() {
    let stdout = bin()
        .args(["compare", "--format", "markdown"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(stdout).unwrap();
    assert!(md.starts_with("# "));
    for section in [
        "## Outlets",
        "## Coverage of the shared facts",
        "## Methods",
        "## Appendix: what cleaning removed",
    ] {
        assert!(md.contains(section), "no {section}");
    }
    assert!(
        !md.contains(".svg"),
        "no figure is linked when none is written"
    );

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("story.md");
    bin()
        .args([
            "compare",
            "--format",
            "markdown",
            "--out",
            out.to_str().unwrap(),
        ])
        .assert()
        .success();
    let md = fs::read_to_string(&out).unwrap();
    for svg in ["story.coverage.svg", "story.scores.svg"] {
        assert!(md.contains(&format!("]({svg})")), "{svg} is not linked");
        let body = fs::read_to_string(dir.path().join(svg)).unwrap();
        assert!(
            body.starts_with("<svg") && body.trim_end().ends_with("</svg>"),
            "{svg}"
        );
    }
}

fn seed_report() -> corroborate::report::Report {
    corroborate::compare(
        corroborate::load::bundled().unwrap(),
        &corroborate::Engine::builtin().unwrap(),
    )
    .unwrap()
    .report
}

#[test]
fn every_score_adds_up_from_its_parts_and_points_at_its_evidence() {
    let r = seed_report();
    let rubric = r.rubric.as_ref().unwrap();
    let mut scored = 0;
    for o in &r.outlets {
        let Some(s) = &o.score else { continue };
        scored += 1;
        assert!((0.0..=100.0).contains(&s.points), "{}", s.points);
        assert!(
            s.interval[0] <= s.points && s.points <= s.interval[1],
            "{s:?}"
        );
        let sum: f64 = s.parts.iter().map(|p| p.contribution).sum();
        assert!(
            (sum - s.points).abs() <= 0.5,
            "parts add to {sum}, score {}",
            s.points
        );
        let weights: f64 = s.parts.iter().map(|p| p.effective_weight).sum();
        assert!(
            (weights - 1.0).abs() < 0.01,
            "effective weights sum to {weights}"
        );
        for p in &s.parts {
            let c = rubric
                .criteria
                .iter()
                .find(|c| c.id == p.criterion)
                .unwrap();
            assert_eq!(p.value.is_none(), s.not_measured.contains(&p.criterion));
            for &i in &p.findings {
                let f = &r.findings[i];
                assert_eq!(f.article, o.article);
                assert!(
                    c.findings.contains(&f.kind),
                    "{} is not evidence for {}",
                    f.kind,
                    c.id
                );
            }
        }
        // The hedging part reads the rate the hedging analysis reports.
        let h = s
            .parts
            .iter()
            .find(|p| p.metric == "hedging.per_1k_author")
            .unwrap();
        match (h.value, o.hedges_per_1k) {
            (Some(v), Some(rate)) => assert!((v - rate).abs() < 0.06, "{v} vs {rate}"),
            (v, rate) => assert_eq!(v.is_some(), rate.is_some()),
        }
        // Consensus coverage is the share the coverage analysis reports.
        let c = s
            .parts
            .iter()
            .find(|p| p.metric == "coverage.consensus_share")
            .unwrap();
        assert_eq!(c.units, o.consensus_facts);
        if let (Some(v), Some(share)) = (c.value, o.coverage) {
            assert!((v - share).abs() < 0.001);
        }
        // An omitted consensus fact is a finding behind the coverage part.
        assert_eq!(
            c.findings.len(),
            o.omitted_consensus.len(),
            "{}: every omitted consensus fact is an omitted_fact finding",
            o.article
        );
    }
    assert!(scored >= 4, "the seed outlets are scored");
}

#[test]
fn scores_are_deterministic_and_thin_evidence_is_said() {
    let (a, b) = (seed_report(), seed_report());
    for (x, y) in a.outlets.iter().zip(&b.outlets) {
        let (x, y) = (x.score.as_ref().unwrap(), y.score.as_ref().unwrap());
        assert_eq!(x.points, y.points);
        assert_eq!(x.interval, y.interval);
        let min_units = 5;
        for p in x
            .parts
            .iter()
            .filter(|p| p.value.is_some() && p.units < min_units)
        {
            assert!(
                x.thin_evidence.iter().any(|t| t.starts_with(&p.criterion)),
                "{} rests on {} units but is not called thin: {:?}",
                p.criterion,
                p.units,
                x.thin_evidence
            );
        }
        let wide = x.interval[1] - x.interval[0] > 20.0;
        assert_eq!(
            wide,
            x.thin_evidence.iter().any(|t| t.contains("interval spans"))
        );
    }
}
