//! Feed ingestion against the feed-rs fixtures in ../shared/eval/feeds/feed-fixtures: each feed has
//! its parsed model as `*.serde.json`. Per item, our title, first link and publication time must
//! equal the model's (titles compared as plain text); every fixture parses or is refused with an
//! error naming the file, never a panic. Skips with a reason when the data are absent.

mod common;

use std::path::{Path, PathBuf};

use corroborate::load::feed::parse_feed;
use corroborate::load::fragment::plain_text;
use serde_json::Value;

fn fixtures(dir: &Path) -> Vec<(PathBuf, Option<PathBuf>)> {
    let mut out = Vec::new();
    for sub in std::fs::read_dir(dir).unwrap().flatten() {
        if !sub.path().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(sub.path()).unwrap().flatten() {
            let p = f.path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".serde.json") || !(name.ends_with(".xml") || name.ends_with(".json"))
            {
                continue;
            }
            let stem = name.rsplit_once('.').unwrap().0;
            let gold = p.with_file_name(format!("{stem}.serde.json"));
            out.push((p.clone(), gold.exists().then_some(gold)));
        }
    }
    out.sort();
    out
}

fn time_of(v: &Value) -> Option<i64> {
    v.as_str()
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
        .map(|d| d.timestamp())
}

#[test]
fn items_match_the_parsed_models() {
    let Some(dir) = common::eval_path("feeds/feed-fixtures") else {
        return;
    };
    let (mut feeds, mut parsed, mut fields, mut equal) = (0, 0, 0, 0);
    let mut mismatches = Vec::new();
    for (path, gold) in fixtures(&dir) {
        feeds += 1;
        let bytes = std::fs::read(&path).unwrap();
        let ours = match parse_feed(&path, &bytes) {
            Ok(items) => items,
            Err(e) => {
                let msg = e.to_string();
                assert!(msg.contains(&*path.to_string_lossy()), "{msg}");
                if gold.is_some() {
                    mismatches.push(format!("{}: refused: {msg}", path.display()));
                }
                continue;
            }
        };
        parsed += 1;
        let Some(gold) = gold else { continue };
        let model: Value = serde_json::from_str(&std::fs::read_to_string(&gold).unwrap()).unwrap();
        let entries = model["entries"].as_array().cloned().unwrap_or_default();
        fields += 1;
        if entries.len() == ours.len() {
            equal += 1;
        } else {
            mismatches.push(format!(
                "{}: {} items, model {}",
                path.display(),
                ours.len(),
                entries.len()
            ));
        }
        for (e, item) in entries.iter().zip(&ours) {
            let title = e["title"]["content"]
                .as_str()
                .map(plain_text)
                .unwrap_or_default();
            let link = e["links"][0]["href"].as_str().map(String::from);
            let time = time_of(&e["published"]).or_else(|| time_of(&e["updated"]));
            for (what, ok) in [
                ("title", title == item.title),
                ("link", link == item.url),
                ("published", time == item.published),
            ] {
                fields += 1;
                if ok {
                    equal += 1;
                } else {
                    mismatches.push(format!(
                        "{}: {what} differs ({:?})",
                        path.display(),
                        item.title
                    ));
                }
            }
        }
    }
    let rate = equal as f64 / fields.max(1) as f64;
    println!("{feeds} feeds, {parsed} parsed, {equal}/{fields} fields equal ({rate:.3})");
    for m in &mismatches {
        println!("  {m}");
    }
    assert!(feeds >= 60, "{feeds} fixtures found");
    assert!(rate >= 0.97, "field agreement {rate:.3}");
}
