//! The reports committed under reports/ are what the tool prints for the bundled story today.
//! Regenerate them with `UPDATE_REPORTS=1 cargo test --test reports` and review the diff.

use corroborate::load;
use corroborate::render::{render, OutputFormat, RenderOptions};

fn rendered(format: OutputFormat, width: Option<u16>) -> String {
    let report = corroborate::compare(
        load::bundled().unwrap(),
        &corroborate::Engine::builtin().unwrap(),
    )
    .unwrap()
    .report;
    let mut buf = Vec::new();
    render(&report, format, RenderOptions { width }, &mut buf).unwrap();
    String::from_utf8(buf).unwrap()
}

fn check_current(name: &str, fresh: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("reports")
        .join(name);
    if std::env::var_os("UPDATE_REPORTS").is_some() {
        std::fs::write(&path, fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "reports/{name} is out of date: run `UPDATE_REPORTS=1 cargo test --test reports` and review the diff"
    );
}

#[test]
fn committed_reports_are_current() {
    check_current("trump-petro.json", &rendered(OutputFormat::Json, None));
    check_current("trump-petro.txt", &rendered(OutputFormat::Table, Some(160)));
}

/// `corroborate compare seeds/trump-petro --format markdown --out reports/trump-petro.md`, run from
/// the repository, reproduces the committed report and its figures byte for byte.
#[test]
fn the_committed_markdown_report_is_what_the_documented_command_writes() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("trump-petro.md");
    assert_cmd::Command::cargo_bin("corroborate")
        .unwrap()
        .current_dir(root)
        .args([
            "compare",
            "seeds/trump-petro",
            "--format",
            "markdown",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    for name in [
        "trump-petro.md",
        "trump-petro.coverage.svg",
        "trump-petro.scores.svg",
    ] {
        let fresh = std::fs::read_to_string(dir.path().join(name)).unwrap();
        check_current(name, &fresh);
    }
}

#[test]
fn the_table_fits_an_80_column_terminal() {
    let table = rendered(OutputFormat::Table, Some(80));
    for line in table.lines() {
        assert!(
            line.chars().count() <= 80,
            "{} columns: {line}",
            line.chars().count()
        );
    }
    insta::assert_snapshot!("seed_table_80", table);
}
