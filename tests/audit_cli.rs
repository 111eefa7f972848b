//! `corroborate audit` and `corroborate merge` end to end: reports written inside --out only,
//! atomically, with safe names; bad feeds exit 2 naming the file; bad settings exit 3; the map/reduce
//! path (`audit --jsonl` then `merge`) gives the same totals as one run.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn bin() -> Command {
    Command::cargo_bin("corroborate").unwrap()
}

/// Two events reported by three sources each, one wire copy, hostile titles.
fn feed() -> String {
    let quake = "A magnitude 6.1 earthquake struck near Valdora on Monday, killing at least 12 people and damaging hundreds of homes, the regional civil protection office said. Rescuers searched collapsed buildings in the old town through the night. The governor declared three days of mourning.";
    let quake2 = "At least 12 people died when a 6.1-magnitude quake hit Valdora early Monday, officials said, as rescuers searched damaged homes in the old town. Hundreds of homes were damaged, the civil protection office said.";
    let rates = "The central bank of Norland raised its main interest rate by a quarter point to 4.5 percent on Monday, citing persistent inflation in services. Two board members voted to hold, the minutes showed.";
    let rates2 = "Norland's central bank lifted its key rate to 4.5 percent on Monday, a quarter-point rise, saying services inflation stayed high. The decision was not unanimous, with two members voting to hold.";
    let rows = [
        (
            "1",
            "../../etc/passwd quake kills 12 in Valdora",
            quake,
            "Wire Service",
            "2026-02-02T08:00:00Z",
        ),
        (
            "2",
            "Valdora earthquake: 12 dead",
            quake2,
            "Daily Post",
            "2026-02-02T09:00:00Z",
        ),
        (
            "3",
            "Quake kills 12 in Valdora",
            quake,
            "Evening Star",
            "2026-02-02T09:30:00Z",
        ),
        (
            "4",
            "/abs/Norland raises rates to 4.5%",
            rates,
            "Daily Post",
            "2026-02-02T10:00:00Z",
        ),
        (
            "5",
            "Norland central bank lifts key rate",
            rates2,
            "Wire Service",
            "2026-02-02T11:00:00Z",
        ),
    ];
    rows.iter()
        .map(|(id, title, text, source, published)| {
            serde_json::json!({"id": id, "title": title, "text": text, "source": source, "published": published}).to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn audit_writes_reports_inside_out_with_safe_names() {
    let dir = tempfile::tempdir().unwrap();
    let feed_path = dir.path().join("feed.jsonl");
    std::fs::write(&feed_path, feed()).unwrap();
    let out = dir.path().join("out");
    let assert = bin()
        .args([
            "audit",
            feed_path.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--format",
            "json",
        ])
        .assert()
        .success();
    let summary: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(summary["items"], 5);
    assert_eq!(summary["stories"], 2, "{summary:#}");
    assert_eq!(summary["stories_compared"], 2);
    assert_eq!(summary["syndicated_items"], 1, "item 3 is a copy of item 1");
    let star = summary["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["source"] == "Evening Star")
        .unwrap();
    assert_eq!(star["syndicated_copies"], 1);
    assert_eq!(
        star["stories_covered"], 0,
        "a copy counts once, for the original"
    );
    let post = summary["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["source"] == "Daily Post")
        .unwrap();
    assert_eq!(post["stories_covered"], 2);
    assert!(post["metrics"]["coverage"]["interval"].is_array());
    for f in ["summary.json", "summary.md", "syndication.json"] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let mut stories = 0;
    for e in walk(dir.path()) {
        let rel = e.strip_prefix(dir.path()).unwrap();
        if rel.starts_with("out") {
            let name = e.file_name().unwrap().to_string_lossy().to_string();
            assert!(!name.starts_with(".corroborate-"), "temporary left: {name}");
            if rel.starts_with("out/stories") {
                stories += 1;
                assert!(
                    name.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'),
                    "{name}"
                );
                let v: Value = serde_json::from_slice(&std::fs::read(&e).unwrap()).unwrap();
                assert_eq!(v["report"]["schema_version"], 1);
            }
        } else {
            assert_eq!(
                rel.to_string_lossy(),
                "feed.jsonl",
                "written outside --out: {}",
                rel.display()
            );
        }
    }
    assert_eq!(stories, 2);
    let map: Value =
        serde_json::from_slice(&std::fs::read(out.join("syndication.json")).unwrap()).unwrap();
    assert_eq!(map[0]["original"]["id"], "1");
    assert_eq!(map[0]["copies"][0]["source"], "Evening Star");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn jsonl_map_then_merge_equals_one_run() {
    let text = feed();
    let lines: Vec<&str> = text.lines().collect();
    let dir = tempfile::tempdir().unwrap();
    // Map: the whole feed at once, and in two shards split between the stories.
    let whole = bin()
        .args(["audit", "--jsonl"])
        .write_stdin(text.clone())
        .assert()
        .success();
    let whole_out = String::from_utf8(whole.get_output().stdout.clone()).unwrap();
    assert_eq!(whole_out.lines().count(), 2);
    let mut shard_files = Vec::new();
    for (i, shard) in [&lines[..3], &lines[3..]].iter().enumerate() {
        let a = bin()
            .args(["audit", "--jsonl"])
            .write_stdin(shard.join("\n"))
            .assert()
            .success();
        let p = dir.path().join(format!("part-{i}.jsonl"));
        std::fs::write(&p, &a.get_output().stdout).unwrap();
        shard_files.push(p);
    }
    let w = dir.path().join("whole.jsonl");
    std::fs::write(&w, &whole_out).unwrap();
    let merged = |files: &[std::path::PathBuf]| -> Value {
        let a = bin().arg("merge").args(files).assert().success();
        let mut v: Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
        v.as_object_mut().unwrap().remove("totals");
        v
    };
    assert_eq!(merged(&[w]), merged(&shard_files));
}

/// Runs `audit INPUTS --out OUT MORE` and checks that it exits with `code`, naming `says` on its
/// standard error.
fn audit_fails(
    inputs: &[&std::path::Path],
    out: &std::path::Path,
    more: &[&str],
    code: i32,
    says: &str,
) {
    let mut args = vec!["audit"];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    args.extend(["--out", out.to_str().unwrap()]);
    args.extend(more);
    bin()
        .args(args)
        .assert()
        .code(code)
        .stderr(predicate::str::contains(says));
}

#[test]
fn bad_feeds_exit_2_naming_the_file_and_bad_settings_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.xml");
    std::fs::write(&bad, "<rss><channel><item><title>x</title>").unwrap();
    let out = dir.path().join("out");
    audit_fails(&[&bad], &out, &[], 2, "broken.xml");
    assert!(!out.exists(), "a failed run leaves no --out directory");
    let jsonl = dir.path().join("bad.jsonl");
    std::fs::write(&jsonl, "{\"title\":\"a\"}\n{nope\n").unwrap();
    audit_fails(&[&jsonl], &out, &[], 2, "bad.jsonl:2");
    assert!(!out.exists(), "a failed run leaves no --out directory");
    // A good feed, then one that is missing: still nothing left behind; an existing directory
    // is kept.
    let good = dir.path().join("good.jsonl");
    std::fs::write(&good, feed()).unwrap();
    let missing = dir.path().join("missing.jsonl");
    for existing in [false, true] {
        if existing {
            std::fs::create_dir(&out).unwrap();
        }
        audit_fails(&[&good, &missing], &out, &[], 2, "missing.jsonl");
        assert_eq!(out.exists(), existing);
    }
    std::fs::remove_dir_all(&out).unwrap();
    let cfg = dir.path().join("clustering.toml");
    std::fs::write(&cfg, "version = 1\n[features]\nlede-words = 1\n").unwrap();
    audit_fails(
        &[&jsonl],
        &out,
        &["--clustering", cfg.to_str().unwrap()],
        3,
        "clustering.toml",
    );
    bin()
        .args(["merge", jsonl.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.jsonl:1"));
}

#[test]
fn fail_under_exits_1_naming_each_source_below_the_floor() {
    let dir = tempfile::tempdir().unwrap();
    let feed_path = dir.path().join("feed.jsonl");
    std::fs::write(&feed_path, feed()).unwrap();
    let run = |floor: &str, out: &str| {
        bin()
            .args([
                "audit",
                feed_path.to_str().unwrap(),
                "--format",
                "json",
                "--out",
            ])
            .arg(dir.path().join(out))
            .args(["--fail-under", floor])
            .assert()
    };
    // Every compared source has a score; a floor of 0 fails none, a floor of 100 fails each one
    // whose mean is below 100, and names it.
    let ok = run("0", "a").success();
    let summary: Value = serde_json::from_slice(&ok.get_output().stdout).unwrap();
    let scored: Vec<(String, f64)> = summary["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| {
            Some((
                s["source"].as_str()?.to_string(),
                s["metrics"]["score"]["mean"].as_f64()?,
            ))
        })
        .collect();
    assert!(scored.len() >= 2, "sources are scored: {summary:#}");
    let below: Vec<&(String, f64)> = scored.iter().filter(|(_, m)| *m < 100.0).collect();
    assert!(!below.is_empty());
    let failed = run("100", "b").code(1);
    let err = String::from_utf8(failed.get_output().stderr.clone()).unwrap();
    for (source, _) in below {
        assert!(
            err.contains(&format!("{source} scores")),
            "{source} not named: {err}"
        );
    }
    // A floor outside 0–100 is a configuration error.
    run("150", "c")
        .code(3)
        .stderr(predicate::str::contains("--fail-under"));
}

#[test]
fn eval_clusters_reads_other_clustering_settings_and_names_a_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let feed_path = dir.path().join("labelled.jsonl");
    // The feed with its gold stories: the quake (items 1-3) and the rate rise (4-5).
    let labelled: Vec<String> = feed()
        .lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap();
            let id: u32 = v["id"].as_str().unwrap().parse().unwrap();
            v["story"] = Value::from(if id <= 3 { "quake" } else { "rates" });
            v.to_string()
        })
        .collect();
    std::fs::write(&feed_path, labelled.join("\n")).unwrap();
    let clusters = |extra: &[&str]| -> f64 {
        let out = common::stdout_of(
            bin()
                .args(["eval", "clusters", feed_path.to_str().unwrap()])
                .args(extra),
        );
        let v: Value = serde_json::from_slice(&out).unwrap();
        v["metrics"]["clusters"].as_f64().unwrap()
    };
    let builtin = clusters(&[]);
    // A window of six minutes keeps the reports an hour apart out of one story.
    let narrow = dir.path().join("narrow.toml");
    let text = include_str!("../rubrics/clustering.toml")
        .replace("window-hours = 72", "window-hours = 0.1");
    assert!(text.contains("window-hours = 0.1"));
    std::fs::write(&narrow, text).unwrap();
    assert!(clusters(&["--clustering", narrow.to_str().unwrap()]) > builtin);
    let bad = dir.path().join("bad-clustering.toml");
    std::fs::write(&bad, "version = 1\n[features]\nlede-words = 1\n").unwrap();
    bin()
        .args([
            "eval",
            "clusters",
            feed_path.to_str().unwrap(),
            "--clustering",
        ])
        .arg(&bad)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("bad-clustering.toml"));
    bin()
        .args(["eval", "tone", dir.path().to_str().unwrap(), "--clustering"])
        .arg(&narrow)
        .assert()
        .failure()
        .stderr(predicate::str::contains("only eval clusters"));
}
