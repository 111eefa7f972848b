//! The README's examples are runnable documentation: its `story.toml` example parses as a manifest,
//! and every command name its usage block shows is one the binary knows.

use std::path::Path;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The fenced blocks of a language in a markdown text.
fn blocks(text: &str, lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match &mut current {
            None if line.trim_start() == format!("```{lang}") => current = Some(String::new()),
            Some(block) if line.trim_start().starts_with("```") => {
                out.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    out
}

#[test]
fn the_readme_manifest_example_parses() {
    let tomls = blocks(&readme(), "toml");
    assert!(!tomls.is_empty(), "the README shows a story.toml example");
    for t in tomls {
        let m = corroborate::load::Manifest::parse(&t, Path::new("README.md")).unwrap();
        assert!(m.title.is_some());
    }
}

#[test]
fn the_readme_usage_names_real_commands_and_tasks() {
    let text = readme();
    let shells = blocks(&text, "sh");
    assert!(shells.len() >= 2);
    for line in shells.iter().flat_map(|b| b.lines()) {
        let Some(rest) = line.trim().strip_prefix("corroborate ") else {
            continue;
        };
        let mut words = rest.split_whitespace();
        let command = words.next().unwrap_or("");
        if command.starts_with('#') {
            continue;
        }
        assert!(
            ["compare", "eval", "rubric", "audit", "merge"].contains(&command),
            "unknown command in README: {line}"
        );
        if command == "eval" {
            let task = words.next().unwrap_or("");
            let known = task
                .split('|')
                .all(|t| corroborate::eval::TASKS.contains(&t));
            assert!(known, "unknown eval task in README: {line}");
        }
    }
}
