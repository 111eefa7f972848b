//! No score where there is nothing to corroborate: a lone article, articles on unrelated events.
//! The report still carries the measurements that need no other outlet.

mod common;

use std::fs;

use assert_cmd::Command;
use serde_json::Value;

fn compare_json(args: &[&str]) -> Value {
    let out = common::succeeded(
        Command::cargo_bin("corroborate")
            .unwrap()
            .arg("compare")
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap(),
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn reasons(report: &Value) -> Vec<Option<String>> {
    report["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            if o["score"].is_null() {
                Some(
                    o["not_scored"]
                        .as_str()
                        .expect("a reason with a null score")
                        .to_string(),
                )
            } else {
                assert!(o.get("not_scored").is_none(), "a score and a reason: {o}");
                None
            }
        })
        .collect()
}

#[test]
fn a_lone_article_is_not_scored_and_keeps_its_own_measurements() {
    let seed = fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/trump-petro"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .min()
        .unwrap();
    let r = compare_json(&[seed.to_str().unwrap()]);
    let why = reasons(&r);
    assert_eq!(why.len(), 1);
    assert!(
        why[0].as_deref().unwrap().contains("single article"),
        "{why:?}"
    );
    // Hedging needs no other outlet: it is still measured.
    assert!(r["outlets"][0]["hedges_per_1k"].is_number());
}

#[test]
fn articles_on_unrelated_events_are_not_scored() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        "Dock workers return after strike\n\nThe port authority of Norland said on Monday that dock workers had returned to work after a three-week strike over pay.\n\nThe union said its 4,000 members accepted a pay rise of 9% over two years, ending the longest stoppage at the port in decades, according to union leader Maria Keane.\n",
        "Earthquake shakes Valdora\n\nAn earthquake of magnitude 6.1 struck the mountain province of Valdora early on Tuesday, the national seismology institute said.\n\nRescue teams searched collapsed houses in three villages, and the provincial governor said at least 12 people had died.\n",
        "Striker joins Harbourside FC\n\nHarbourside FC signed the striker Tomas Brandt from a rival club for a fee of 30 million euros, the club announced on Friday.\n\nBrandt, 24, scored 19 league goals last season and signed a contract until 2030, the club's sporting director told reporters.\n",
    ];
    let mut paths = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let p = dir.path().join(format!("{i}.txt"));
        fs::write(&p, t).unwrap();
        paths.push(p.to_str().unwrap().to_string());
    }
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let why = reasons(&compare_json(&args));
    assert_eq!(why.len(), 3);
    for w in &why {
        assert!(
            w.as_deref().is_some_and(|w| w.contains("shares no fact")),
            "{why:?}"
        );
    }
}

#[test]
fn every_outlet_of_the_seed_story_is_scored() {
    let why = reasons(&compare_json(&[]));
    assert_eq!(why.len(), 5);
    assert!(why.iter().all(Option::is_none), "{why:?}");
}

#[test]
fn the_table_says_not_scored_and_why() {
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/trump-petro");
    let first = fs::read_dir(seed)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .min()
        .unwrap();
    let out = Command::cargo_bin("corroborate")
        .unwrap()
        .args(["compare", first.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("not scored"), "{text}");
    assert!(text.contains("A not scored: a single article"), "{text}");
}
