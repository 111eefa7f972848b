//! The README's examples are runnable documentation: its `story.toml` example parses as a manifest,
//! and every command name its usage block shows is one the binary knows. The full usage moved to
//! docs/usage.md, so the same holds there, and for the commands shown anywhere under docs/.

use std::path::Path;

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn readme() -> String {
    read("README.md")
}

/// Every markdown file under docs/, with its path relative to the crate root, in name order.
fn docs() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    assert!(
        names.iter().any(|n| n == "usage.md"),
        "docs/usage.md holds the full usage"
    );
    names
        .into_iter()
        .map(|n| {
            let path = format!("docs/{n}");
            let text = read(&path);
            (path, text)
        })
        .collect()
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

/// The `story.toml` examples of a file parse as manifests with a title.
fn manifests_parse(path: &str, text: &str) {
    for t in blocks(text, "toml") {
        let m = corroborate::load::Manifest::parse(&t, Path::new(path)).unwrap();
        assert!(
            m.title.is_some(),
            "{path}: a story.toml example without a title"
        );
    }
}

#[test]
fn the_readme_manifest_example_parses() {
    let text = readme();
    assert!(
        !blocks(&text, "toml").is_empty(),
        "the README shows a story.toml example"
    );
    manifests_parse("README.md", &text);
    let usage = read("docs/usage.md");
    assert!(
        !blocks(&usage, "toml").is_empty(),
        "docs/usage.md shows a story.toml example"
    );
    manifests_parse("docs/usage.md", &usage);
}

#[test]
fn the_readme_usage_names_real_commands_and_tasks() {
    let text = readme();
    assert!(blocks(&text, "sh").len() >= 2);
    commands_are_real("README.md", &text);
    let docs = docs();
    let usage = &docs.iter().find(|(p, _)| p == "docs/usage.md").unwrap().1;
    assert!(
        !blocks(usage, "sh").is_empty(),
        "docs/usage.md shows the full usage block"
    );
    for (path, text) in &docs {
        commands_are_real(path, text);
    }
}

/// Every `corroborate COMMAND` line of a file's `sh` blocks names a command the binary knows, and
/// every `eval` line a task it knows (`a|b` lists several).
fn commands_are_real(path: &str, text: &str) {
    let shells = blocks(text, "sh");
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
            "unknown command in {path}: {line}"
        );
        if command == "eval" {
            let task = words.next().unwrap_or("");
            let known = task
                .split('|')
                .all(|t| corroborate::eval::TASKS.contains(&t));
            assert!(known, "unknown eval task in {path}: {line}");
        }
    }
}
