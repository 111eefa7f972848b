//! Hostile and broken input, generated here (no third-party text): every case ends with success or
//! with a message naming the file and a reason and exit code 2 — never a panic, never a hang.

use std::fs;
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;

const PROSE: &str = "The port authority said on Monday that dock workers had returned to work after a three-week strike.";

fn run(file: &std::path::Path) -> assert_cmd::assert::Assert {
    Command::cargo_bin("corroborate")
        .unwrap()
        .args(["compare", "--format", "json"])
        .arg(file)
        .timeout(Duration::from_secs(120))
        .assert()
        .stderr(predicate::str::contains("panicked").not())
}

#[test]
fn odd_but_readable_text_is_compared_and_keeps_its_prose() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, String)> = vec![
        ("crlf.txt", format!("Dock strike ends\r\n\r\n{PROSE}\r\n")),
        ("bom.txt", format!("\u{feff}Dock strike ends\n\n{PROSE}\n")),
        (
            "control.txt",
            format!("{PROSE}\u{1}\u{2}\u{1b}[31m red\u{7f}\n"),
        ),
        (
            "rtl.txt",
            format!("قالت هيئة الميناء يوم الاثنين إن العمال عادوا إلى العمل.\n\n{PROSE}\n"),
        ),
        (
            "emoji.txt",
            format!(
                "{PROSE} 🚢🚢 ⚓\u{fe0f}\n\n{}\n",
                PROSE.replace("strike", "strike 🔥")
            ),
        ),
        (
            "unclosed-quote.txt",
            format!("{PROSE}\n\n“He never closed this quotation. {PROSE}\n"),
        ),
        (
            "nul-free-control-heavy.txt",
            format!("{}{PROSE}\n", "\u{7}".repeat(1000)),
        ),
    ];
    for (name, text) in cases {
        let path = dir.path().join(name);
        fs::write(&path, text).unwrap();
        let out = run(&path).success().get_output().stdout.clone();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let body = v["articles"][0]["body"].as_str().unwrap();
        assert!(
            body.contains("dock workers had returned"),
            "{name}: body {body:?}"
        );
    }
}

#[test]
fn very_long_lines_and_sentences_finish() {
    let dir = tempfile::tempdir().unwrap();
    let long_line = dir.path().join("long-line.txt");
    fs::write(&long_line, format!("{PROSE} ").repeat(20_000)).unwrap();
    run(&long_line).success();
    let long_sentence = dir.path().join("long-sentence.txt");
    fs::write(
        &long_sentence,
        format!(
            "The minister said {}.",
            vec!["the port reopened"; 30_000].join(", and ")
        ),
    )
    .unwrap();
    run(&long_sentence).success();
}

#[test]
fn broken_files_are_refused_by_name_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", Vec::new(), "the file is empty"),
        ("blank.txt", b"\n\n   \n".to_vec(), "the file is empty"),
        (
            "nul.txt",
            b"text\0more".to_vec(),
            "looks like a binary file",
        ),
        ("latin1.html", b"<p>caf\xe9</p>".to_vec(), "not valid UTF-8"),
        (
            "truncated.json",
            b"{\"text\": \"abc".to_vec(),
            "malformed JSON",
        ),
        (
            "array-of-numbers.json",
            b"[1, 2]".to_vec(),
            "expected an object",
        ),
        (
            "no-text.json",
            br#"{"title": 5, "text": ["a", 1], "published": true}"#.to_vec(),
            "empty after cleaning",
        ),
        (
            "furniture-only.txt",
            b"Log In\nPrivacy Policy\nRead More\n".to_vec(),
            "empty after cleaning",
        ),
    ];
    for (name, bytes, reason) in cases {
        let path = d.join(name);
        fs::write(&path, bytes).unwrap();
        run(&path)
            .code(2)
            .stderr(predicate::str::contains(name))
            .stderr(predicate::str::contains(reason));
    }
}

#[test]
fn malformed_html_is_extracted_or_refused_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let unclosed = dir.path().join("unclosed.html");
    fs::write(
        &unclosed,
        format!("<html><body><article><p>{PROSE}<p>{PROSE}<div><span>"),
    )
    .unwrap();
    run(&unclosed).success();
    let comment = dir.path().join("comment.html");
    fs::write(
        &comment,
        format!("<html><body><!-- never closed <p>{PROSE}"),
    )
    .unwrap();
    run(&comment).code(predicate::in_iter([0, 2]));
    let deep = dir.path().join("deep.html");
    fs::write(
        &deep,
        format!(
            "<html><body>{}<p>{PROSE}</p></body></html>",
            "<div>".repeat(100_000)
        ),
    )
    .unwrap();
    run(&deep)
        .code(2)
        .stderr(predicate::str::contains("nested"));
}

#[test]
fn many_tiny_articles_in_one_directory() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        fs::write(
            dir.path().join(format!("a{i:04}.txt")),
            format!("{PROSE} Item {i} was unloaded.\n"),
        )
        .unwrap();
    }
    Command::cargo_bin("corroborate")
        .unwrap()
        .args(["compare", "--format", "json"])
        .arg(dir.path())
        .timeout(Duration::from_secs(120))
        .assert()
        .success();
}
