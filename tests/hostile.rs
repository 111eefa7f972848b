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
        (
            "undefined-1252.txt",
            [PROSE.as_bytes(), b" \x81\x8d"].concat(),
            "cannot decode the text",
        ),
        ("noise.txt", noise(20_000), "cannot decode the text"),
        (
            "bad-utf16.txt",
            [&[0xff, 0xfe][..], b"a\x00\x00\xd8"].concat(),
            "cannot decode the text",
        ),
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
    // Just under the limit (html, body and 997 elements): extracted or refused by name, and the
    // recursive walks of extraction do not overflow the stack, in debug builds too.
    for tag in ["div", "span", "table", "blockquote"] {
        let path = dir.path().join(format!("deep-{tag}.html"));
        fs::write(
            &path,
            format!(
                "<html><body>{}<p>{PROSE}</p>{}</body></html>",
                format!("<{tag}>").repeat(997),
                format!("</{tag}>").repeat(997)
            ),
        )
        .unwrap();
        let (code, _, stderr) = compare_json(&[path.to_str().unwrap()]);
        assert!(
            code == 0 || (code == 2 && stderr.contains(&format!("deep-{tag}.html"))),
            "{tag}: {code} {stderr}"
        );
    }
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

/// Bytes with no NUL that are not text in any encoding (deterministic, no third-party data).
fn noise(n: usize) -> Vec<u8> {
    let mut x: u32 = 0x9e37_79b9;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8 | 1
        })
        .collect()
}

/// Run `compare --format json` with a generous guard against hangs (not a timing: the 50 MB case
/// takes about two minutes in release).
fn compare_json(args: &[&str]) -> (i32, serde_json::Value, String) {
    let out = Command::cargo_bin("corroborate")
        .unwrap()
        .args(["compare", "--format", "json"])
        .args(args)
        .timeout(Duration::from_secs(1200))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let v = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap_or(-1), v, stderr)
}

fn body_of(v: &serde_json::Value, i: usize) -> &str {
    v["articles"][i]["body"].as_str().unwrap_or_default()
}

#[test]
fn other_encodings_are_decoded_by_bom_declaration_or_fallback() {
    let dir = tempfile::tempdir().unwrap();
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(
        format!("{PROSE} The café reopened.\n")
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "latin1.txt",
            [PROSE.as_bytes(), b" The caf\xe9 on the quay reopened.\n"].concat(),
            "The café on the quay reopened.",
        ),
        (
            "cp1252-quotes.txt",
            [PROSE.as_bytes(), b"\n\n\x93We are back,\x94 said the union\x92s leader.\n"].concat(),
            "“We are back,” said the union’s leader.",
        ),
        (
            "mixed.txt",
            [
                format!("{PROSE} Ünïcode stays.\n\n").as_bytes(),
                b"The na\xefve reading of the strike was wrong, a spokesman said.\n",
            ]
            .concat(),
            "The naïve reading",
        ),
        ("utf16.txt", utf16, "The café reopened."),
        (
            "declared.html",
            [
                b"<html><head><meta charset=\"iso-8859-15\"><title>Port</title></head><body><article><p>"
                    .as_slice(),
                PROSE.as_bytes(),
                b" Fees rose to \xa4 40 at the caf\xe9.</p></article></body></html>",
            ]
            .concat(),
            "€ 40 at the café",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let (code, v, stderr) = compare_json(&[path.to_str().unwrap()]);
        assert_eq!(code, 0, "{name}: {stderr}");
        assert!(
            body_of(&v, 0).contains(expected),
            "{name}: {:?}",
            body_of(&v, 0)
        );
    }
}

/// A directory of good and broken files: the good ones are compared, each broken one is named with
/// its reason (stderr and the JSON `skipped` list), and `--strict` turns any of them into exit 2.
#[test]
fn a_directory_with_broken_files_goes_on_and_names_each() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a-good.txt"), format!("{PROSE}\n")).unwrap();
    fs::write(
        d.join("b-good.jsonl"),
        format!(
            "{}\n{{\"text\": 5, \"title\": [1, 2]}}\n{{\"text\": \"{PROSE}\", \"published\": {{\"x\": true}}, \"author\": 3}}\n{{broken\n[]\n",
            serde_json::json!({"text": PROSE, "title": "Port reopens"})
        ),
    )
    .unwrap();
    let bad: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", Vec::new(), "empty"),
        (
            "binary.html",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            "binary",
        ),
        ("noise.txt", noise(5000), "cannot decode"),
        (
            "truncated.json",
            b"[{\"text\": \"abc\"".to_vec(),
            "malformed JSON",
        ),
        ("nul-late.txt", [PROSE.as_bytes(), b"\0"].concat(), "NUL"),
    ];
    for (name, bytes, _) in &bad {
        fs::write(d.join(name), bytes).unwrap();
    }
    let (code, v, stderr) = compare_json(&[d.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(v["articles"].as_array().unwrap().len(), 3, "{stderr}");
    let skipped = v["skipped"].as_array().unwrap();
    for (name, _, reason) in &bad {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(name) && l.contains(reason)),
            "{name}: {stderr}"
        );
        assert!(
            skipped
                .iter()
                .any(|s| s["path"].as_str().unwrap().contains(name)),
            "{name}: {skipped:?}"
        );
    }
    for line in [2, 4, 5] {
        let at = format!("b-good.jsonl:{line}");
        assert!(stderr.contains(&at), "{at}: {stderr}");
    }
    let (code, _, stderr) = compare_json(&["--strict", d.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--strict"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn links_loops_fifos_and_unreadable_files_in_a_directory() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("elsewhere.txt"),
        format!("{PROSE} Read through a link.\n"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a.txt"), format!("{PROSE}\n")).unwrap();
    symlink(d.join("loop1.txt"), d.join("loop2.txt")).unwrap();
    symlink(d.join("loop2.txt"), d.join("loop1.txt")).unwrap();
    symlink(d.join("nowhere.txt"), d.join("dangling.txt")).unwrap();
    symlink(d, d.join("self")).unwrap();
    symlink(outside.path(), d.join("outside-dir")).unwrap();
    symlink(outside.path().join("elsewhere.txt"), d.join("linked.txt")).unwrap();
    let fifo = d.join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let locked = d.join("locked.txt");
    fs::write(&locked, format!("{PROSE}\n")).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let permissions_bite = fs::read(&locked).is_err();

    let (code, v, stderr) = compare_json(&[d.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let bodies: Vec<&str> = (0..v["articles"].as_array().unwrap().len())
        .map(|i| body_of(&v, i))
        .collect();
    assert!(
        bodies.iter().any(|b| b.contains("Read through a link")),
        "{bodies:?}"
    );
    for (name, reason) in [
        ("loop1.txt", "symbolic links"),
        ("loop2.txt", "symbolic links"),
        ("dangling.txt", "broken symbolic link"),
        ("self", "subdirectory"),
        ("outside-dir", "subdirectory"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(name) && l.contains(reason)),
            "{name}: {stderr}"
        );
    }
    if made {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains("pipe.txt") && l.contains("not a regular file")),
            "{stderr}"
        );
    }
    if permissions_bite {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains("locked.txt") && l.contains("cannot read")),
            "{stderr}"
        );
    } else {
        eprintln!(
            "running as a user that reads any file (root): the permission case is not checked"
        );
    }
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn a_story_toml_with_unknown_keys_is_a_configuration_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), format!("{PROSE}\n")).unwrap();
    fs::write(
        dir.path().join("story.toml"),
        "title = \"Port\"\nheadline = \"x\"\n",
    )
    .unwrap();
    let (code, _, stderr) = compare_json(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("story.toml:2"), "{stderr}");
    assert!(stderr.contains("headline"), "{stderr}");
}

/// A run that fails leaves the previous `--out` file as it was and no temporary file beside it.
#[test]
fn a_failed_run_keeps_the_previous_output() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    fs::write(&good, format!("{PROSE}\n")).unwrap();
    let bad = dir.path().join("bad.txt");
    fs::write(&bad, b"").unwrap();
    let out_dir = dir.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("report.json");
    let (code, _, stderr) = compare_json(&[good.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let before = fs::read(&out).unwrap();
    assert!(before.starts_with(b"{"));
    for args in [
        vec![bad.to_str().unwrap()],
        vec![good.to_str().unwrap(), bad.to_str().unwrap(), "--strict"],
        vec![good.to_str().unwrap(), "--max-bytes", "10"],
    ] {
        let mut all = args.clone();
        all.extend(["--out", out.to_str().unwrap()]);
        let (code, _, stderr) = compare_json(&all);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert_eq!(fs::read(&out).unwrap(), before, "{args:?}");
        let names: Vec<_> = fs::read_dir(&out_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["report.json"], "{args:?}");
    }
    // A target that cannot be written is an error naming it, and nothing is left behind.
    let (code, _, stderr) =
        compare_json(&[good.to_str().unwrap(), "--out", out_dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("cannot write"), "{stderr}");
    assert_eq!(fs::read_dir(&out_dir).unwrap().count(), 1);
}

#[test]
fn too_many_articles_is_an_error_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..12 {
        fs::write(
            dir.path().join(format!("a{i:02}.txt")),
            format!("{PROSE} Item {i}.\n"),
        )
        .unwrap();
    }
    let lines: Vec<String> = (0..12)
        .map(|i| serde_json::json!({"text": format!("{PROSE} Item {i}.")}).to_string())
        .collect();
    let jsonl = dir.path().join("many.jsonl");
    fs::write(&jsonl, lines.join("\n")).unwrap();
    for input in [dir.path().to_str().unwrap(), jsonl.to_str().unwrap()] {
        let (code, _, stderr) = compare_json(&["--max-articles", "10", input]);
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains("over the limit of 10 articles per run")
                && stderr.contains("--max-articles"),
            "{stderr}"
        );
    }
    let (code, _, stderr) = compare_json(&["--max-text-bytes", "1000", jsonl.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("over the limit of 1000 bytes of text per run")
            && stderr.contains("--max-text-bytes"),
        "{stderr}"
    );
    let (code, v, stderr) = compare_json(&["--max-articles", "12", jsonl.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(v["articles"].as_array().unwrap().len(), 12);
}

/// The very large cases: run in release test builds (`.ci/run` runs `cargo test --release --test
/// hostile`) or with `CORROBORATE_HOSTILE_LARGE=1`; skipped with a note in a plain `cargo test`.
fn large_cases_enabled() -> bool {
    let on = std::env::var_os("CORROBORATE_HOSTILE_LARGE").is_some() || !cfg!(debug_assertions);
    if !on {
        eprintln!(
            "skipped: set CORROBORATE_HOSTILE_LARGE=1 (as .ci/run does) to run the large cases"
        );
    }
    on
}

#[test]
fn a_50_mb_single_line_names_the_limit_and_finishes_when_allowed() {
    if !large_cases_enabled() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("line.txt");
    let line = format!("{PROSE} ").repeat(50 * 1024 * 1024 / (PROSE.len() + 1));
    fs::write(&path, &line).unwrap();
    let (code, _, stderr) = compare_json(&[path.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("line.txt") && stderr.contains("(raise it with --max-bytes)"),
        "{stderr}"
    );
    let out = dir.path().join("report.json");
    let (code, _, stderr) = compare_json(&[
        "--max-bytes",
        "60000000",
        "--out",
        out.to_str().unwrap(),
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    assert!(v["articles"][0]["sentence_count"].as_u64().unwrap() > 500_000);
}

#[test]
fn a_hundred_thousand_tiny_articles_hit_the_article_limit() {
    if !large_cases_enabled() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let many = dir.path().join("many");
    fs::create_dir(&many).unwrap();
    let mut lines = String::new();
    for i in 0..100_000 {
        let text = format!("Item {i} was unloaded at the port.");
        fs::write(many.join(format!("a{i:06}.txt")), &text).unwrap();
        lines.push_str(&serde_json::json!({ "text": text }).to_string());
        lines.push('\n');
    }
    let jsonl = dir.path().join("many.jsonl");
    fs::write(&jsonl, lines).unwrap();
    for input in [many.to_str().unwrap(), jsonl.to_str().unwrap()] {
        let (code, _, stderr) = compare_json(&[input]);
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains("over the limit of 10000 articles per run")
                && stderr.contains("--max-articles"),
            "{stderr}"
        );
    }
}

#[test]
fn broken_and_empty_feeds_are_refused_by_name_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str, &str); 4] = [
        (
            "empty.xml",
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>"#,
            "no feed item",
        ),
        (
            "broken.xml",
            r#"<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</ti"#,
            "not a readable RSS, Atom or JSON feed",
        ),
        (
            "wrong-types.json",
            r#"{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":3}]}"#,
            "not a readable RSS, Atom or JSON feed",
        ),
        ("nul.xml", "<rss>\0\0\0</rss>", "nul.xml"),
    ];
    for (name, body, reason) in cases {
        let path = dir.path().join(name);
        fs::write(&path, body).unwrap();
        Command::cargo_bin("corroborate")
            .unwrap()
            .arg("audit")
            .arg(&path)
            .arg("--out")
            .arg(dir.path().join(format!("out-{name}")))
            .timeout(Duration::from_secs(60))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(name))
            .stderr(predicate::str::contains(reason))
            .stderr(predicate::str::contains("panicked").not());
    }
}

#[test]
fn a_rubric_with_nan_or_negative_weights_is_refused_with_lines() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = corroborate::score::rubric::BUILTIN
        .1
        .replacen("weight = 0.20", "weight = nan", 1)
        .replacen("weight = 0.15", "weight = -0.15", 1);
    let path = dir.path().join("r.toml");
    fs::write(&path, rubric).unwrap();
    Command::cargo_bin("corroborate")
        .unwrap()
        .args(["rubric", "check"])
        .arg(&path)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("must be a finite number, not NaN"))
        .stderr(predicate::str::contains("is negative"))
        .stderr(predicate::str::contains("panicked").not());
}
