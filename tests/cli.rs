//! The command line as users and scripts see it: the default run, formats, errors and exit codes.

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn bin() -> Command {
    Command::cargo_bin("corroborate").unwrap()
}

const PROSE: &str = "The port authority said on Monday that dock workers had returned to work after a three-week strike.\n\nThe union said its members accepted a pay rise of 9% over two years, ending the longest stoppage in decades.\n";

#[test]
fn the_default_run_compares_the_bundled_story_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    bin()
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("5 articles"))
        .stdout(predicate::str::contains("Publisher"))
        .stdout(predicate::str::contains("Reuters"));
}

#[test]
fn json_output_is_versioned_and_deterministic() {
    let a = bin()
        .args(["compare", "--format", "json"])
        .output()
        .unwrap();
    let b = bin()
        .args(["compare", "--format", "json"])
        .output()
        .unwrap();
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["articles"].as_array().unwrap().len(), 5);
    let first = &v["articles"][0];
    for key in [
        "id",
        "path",
        "publisher",
        "original_source",
        "headline",
        "standfirst",
        "byline",
        "published",
        "words",
        "sections",
        "removed",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert!(first["removed"][0]["reason"].is_string());
}

#[test]
fn standfirsts_from_json_and_html_are_checked_like_headlines() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A person both outlets name, so that the table's bias profile is shown.
    let body = format!(
        "{PROSE}\nPort director Ana Rivera said the backlog would be cleared within a week.\n\n\
         Rivera thanked the crews for their patience.\n"
    );
    // A JSON record whose description states a figure its text does not.
    let record = serde_json::json!({
        "title": "Dock strike ends at the port",
        "description": "Dock workers end a strike that left 40 ships waiting offshore.",
        "text": body,
        "source": "Harbour Daily",
    });
    fs::write(d.join("a.json"), record.to_string()).unwrap();
    // An HTML page whose meta description its body states.
    let page = format!(
        r#"<html><head><title>Port workers accept pay rise</title>
<meta property="og:site_name" content="Quay Post">
<meta property="og:description" content="The union accepted a pay rise of 9% over two years.">
</head><body><article><h1>Port workers accept pay rise</h1>{}</article></body></html>"#,
        body.split("\n\n")
            .map(|p| format!("<p>{}</p>", p.trim()))
            .collect::<String>()
    );
    fs::write(d.join("b.html"), page).unwrap();
    let out = common::succeeded(
        bin()
            .current_dir(d)
            .args(["compare", "a.json", "b.html", "--format", "json"])
            .output()
            .unwrap(),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let article = |id: &str| {
        v["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        article("a")["standfirst"],
        "Dock workers end a strike that left 40 ships waiting offshore."
    );
    assert_eq!(
        article("b")["standfirst"],
        "The union accepted a pay rise of 9% over two years."
    );
    let check = |id: &str| {
        v["framing"]["headlines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["article"] == id)
            .unwrap()
            .clone()
    };
    let a = check("a");
    assert_eq!(a["standfirst_supported"], false, "{a}");
    assert!(
        a["claims"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["from"] == "standfirst" && c["kind"] == "figure" && c["in_body"] == false),
        "{a}"
    );
    assert_eq!(check("b")["standfirst_supported"], true);
    let findings: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "headline_unsupported")
        .collect();
    assert!(
        findings
            .iter()
            .any(|f| f["article"] == "a" && f["text"].as_str().unwrap().starts_with("Standfirst")),
        "{findings:?}"
    );
    assert!(
        !findings
            .iter()
            .any(|f| f["article"] == "b" && f["text"].as_str().unwrap().starts_with("Standfirst")),
        "{findings:?}"
    );
    // The markdown lists the standfirst under the headline; the table has a standfirst row.
    bin()
        .current_dir(d)
        .args(["compare", "a.json", "b.html", "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "| a (standfirst) | Dock workers end a strike that left 40 ships waiting offshore.",
        ));
    bin()
        .current_dir(d)
        .args(["compare", "a.json", "b.html"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Standfirst"));
}

#[test]
fn out_writes_the_file_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    bin()
        .args(["compare", "--format", "json", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["story"]["articles"], 5);
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left behind"
    );
}

#[test]
fn directories_globs_stdin_json_and_html_are_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.txt"),
        format!("Dock strike ends\n\n{PROSE}"),
    )
    .unwrap();
    fs::write(
        dir.path().join("b.jsonl"),
        format!("{}\n", serde_json::json!({"title": "Strike over", "text": PROSE, "outlet": "Example Wire", "published": "2025-03-04"})),
    )
    .unwrap();
    fs::write(
        dir.path().join("c.html"),
        format!("<html><head><title>Port reopens</title></head><body><article><p>{}</p></article></body></html>", PROSE.replace("\n\n", "</p><p>")),
    )
    .unwrap();
    fs::write(dir.path().join("notes.png"), [0x89, b'P', b'N', b'G']).unwrap();
    let out = common::succeeded(
        bin()
            .args(["compare", "--format", "json"])
            .arg(dir.path())
            .output()
            .unwrap(),
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("notes.png"),
        "skipped files are reported"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let formats: Vec<&str> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["format"].as_str().unwrap())
        .collect();
    assert_eq!(formats, ["text", "json", "html"]);
    assert_eq!(v["articles"][1]["publisher"], "Example Wire");
    assert!(v["skipped"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("notes.png"));

    let pattern = format!("{}/*.txt", dir.path().display());
    bin()
        .args(["compare", &pattern])
        .assert()
        .success()
        .stdout(predicate::str::contains("Dock strike ends"));
    bin()
        .args(["compare", "-", "--format", "json"])
        .write_stdin(format!("Dock strike ends\n\n{PROSE}"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "\"headline\": \"Dock strike ends\"",
        ));
}

fn fails_with(args: &[&str], dir: &Path, code: i32, message: &str) {
    bin()
        .args(args)
        .current_dir(dir)
        .assert()
        .code(code)
        .stderr(predicate::str::contains(message))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn bad_input_names_the_file_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("empty")).unwrap();
    fs::write(d.join("bin.txt"), b"abc\0def").unwrap();
    // Latin-1 is decoded now (tests/hostile.rs); a byte undefined in Windows-1252 is not text.
    fs::write(d.join("undecodable.txt"), b"caf\x81 au lait").unwrap();
    fs::write(d.join("bad.json"), b"{\"text\": ").unwrap();
    fs::write(d.join("bad.jsonl"), b"{\"text\": \"ok\"}\nnot json\n").unwrap();
    fs::write(d.join("furniture.txt"), b"Log In\nCookie Policy\n").unwrap();
    fails_with(
        &["compare", "missing.txt"],
        d,
        2,
        "missing.txt: no such file or directory",
    );
    fails_with(
        &["compare", "empty"],
        d,
        2,
        "empty: the directory holds no article files",
    );
    fails_with(
        &["compare", "bin.txt"],
        d,
        2,
        "bin.txt: looks like a binary file",
    );
    fails_with(
        &["compare", "undecodable.txt"],
        d,
        2,
        "undecodable.txt: cannot decode the text: neither UTF-8 nor a declared charset, and byte 0x81",
    );
    fails_with(&["compare", "bad.json"], d, 2, "bad.json:1: malformed JSON");
    fails_with(
        &["compare", "bad.jsonl"],
        d,
        2,
        "bad.jsonl:2: malformed JSON",
    );
    fails_with(
        &["compare", "furniture.txt"],
        d,
        2,
        "furniture.txt: the article is empty after cleaning",
    );
    fails_with(
        &["compare", "nothing-*.txt"],
        d,
        2,
        "nothing-*.txt: the pattern matches no file",
    );
    fails_with(
        &["compare", "bin.txt", "--max-bytes", "3"],
        d,
        2,
        "over the limit of 3 bytes",
    );
}

#[test]
fn bad_configuration_exits_3_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("story")).unwrap();
    fs::write(d.join("story/a.txt"), PROSE).unwrap();
    fs::write(d.join("story/story.toml"), "title = \"x\"\nfoo = 1\n").unwrap();
    fails_with(
        &["compare", "story"],
        d,
        3,
        "story.toml:2: invalid story manifest",
    );
    fs::write(
        d.join("story/story.toml"),
        "[articles.zzz]\npublisher = \"X\"\n",
    )
    .unwrap();
    fails_with(
        &["compare", "story"],
        d,
        3,
        "[articles.zzz] names no loaded article",
    );
    fs::write(
        d.join("story/story.toml"),
        "[articles.a]\npublisher = \"Override Post\"\n",
    )
    .unwrap();
    bin()
        .args(["compare", "story"])
        .current_dir(d)
        .assert()
        .success()
        .stdout(predicate::str::contains("Override Post"));

    let rules = corroborate::rules::BUILTIN_BOILERPLATE.replacen(
        "pattern = '^(skip|jump)",
        "pattern = '^((skip|jump)",
        1,
    );
    fs::write(d.join("rules.toml"), rules).unwrap();
    fails_with(
        &["compare", "story", "--boilerplate", "rules.toml"],
        d,
        3,
        "rule `skip-link`: invalid pattern",
    );
    fails_with(
        &["compare", "story", "--field", "bogus=x"],
        d,
        3,
        "unknown field `bogus`",
    );
}

#[test]
fn eval_rejects_unknown_tasks() {
    bin()
        .args(["eval", "nope", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("extract"));
}

#[test]
fn a_bad_file_among_good_ones_is_skipped_with_its_reason_unless_strict() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("good.txt"), format!("Dock strike ends\n\n{PROSE}")).unwrap();
    fs::write(d.join("binary.txt"), b"abc\0def").unwrap();
    // One good record and one malformed line: the good record is kept.
    fs::write(
        d.join("broken.jsonl"),
        format!("{}\n{{oops\n", serde_json::json!({ "text": PROSE })),
    )
    .unwrap();
    let out = common::succeeded(
        bin()
            .args(["compare", "--format", "json"])
            .arg(d)
            .output()
            .unwrap(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("binary.txt: looks like a binary file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("broken.jsonl:2: malformed JSON"),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 2);
    let skipped: Vec<&str> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    bin()
        .args(["compare", "--strict"])
        .arg(d)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "2 input(s) skipped and --strict is set",
        ));
}
