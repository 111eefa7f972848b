//! Integration tests of `eval hedges` (BioScope, SFU Review, Wikipedia weasel sentences) and of the
//! hedging analysis on the seed story.
//!
//! What: the task runs through `corroborate::eval::run` on each file of ../shared/eval/hedges; the
//! number of sentences, the metric keys and floors a little below the measured figures are checked
//! (measured with `cargo run --release -- eval hedges FILE`: BioScope F1 0.845, cue F1 0.808; SFU
//! F1 0.845, cue F1 0.794; Wikipedia weasel F1 0.428). The seed story is checked for the context
//! rules the issue names: "May presidential elections" is no hedge, and a quoted insult counts
//! for its speaker, not the outlet.
//!
//! Why: one lexicon serves every corpus; the floors catch an edit of a lexicon or a context rule
//! that quietly costs accuracy on one of them.
//!
//! Limitations: the data live outside the repository (third-party licences) and are never copied
//! in; when a file is absent the test prints why and passes without checking anything. The lexicon
//! was tuned by looking at errors on the even lines of each file; the figures on odd lines were
//! within 0.015 of those on even lines.

mod common;
use common::eval_path;

use corroborate::extract::{cues_in_context, CueKind, CueLexicon, Voice};

fn run(rel: &str, n: usize, floors: &[(&str, f64)], with_cues: bool) {
    let Some(path) = eval_path(&format!("hedges/{rel}")) else {
        return;
    };
    let result = corroborate::eval::run("hedges", &[path]).unwrap();
    println!("{}", serde_json::to_string(&result).unwrap());
    assert_eq!((result.task.as_str(), result.n), ("hedges", n));
    assert_eq!(result.metrics.contains_key("cue_f1"), with_cues);
    for (k, floor) in floors {
        let v = result.metrics[*k];
        assert!(v >= *floor, "{k} = {v} is below the floor {floor}");
    }
}

#[test]
fn hedges_on_bioscope() {
    let floors = [
        ("f1", 0.83),
        ("precision", 0.74),
        ("recall", 0.93),
        ("cue_f1", 0.79),
    ];
    run("bioscope_sentences.jsonl.gz", 14541, &floors, true);
}

#[test]
fn hedges_on_sfu_reviews() {
    let floors = [
        ("f1", 0.83),
        ("precision", 0.80),
        ("recall", 0.85),
        ("cue_f1", 0.78),
    ];
    run("sfu_review_sentences.jsonl.gz", 17263, &floors, true);
}

#[test]
fn hedges_on_wikipedia_weasels() {
    let floors = [("f1", 0.41), ("precision", 0.39), ("accuracy", 0.64)];
    run("wiki-weasel-train.csv", 7363, &floors, false);
}

/// Author-voice loaded terms against BASIL's lexical-bias spans (measured with
/// `cargo run --release -- eval hedges ../shared/eval/basil`: 150 annotated articles, 49 hits,
/// precision 0.163, recall 0.037 of the 191 lex spans outside quotations, F1 0.060). No target: the
/// floors only catch a change that loses what is found now.
#[test]
fn loaded_terms_on_basil() {
    let Some(dir) = eval_path("basil") else {
        return;
    };
    let result = corroborate::eval::run("hedges", &[dir]).unwrap();
    println!("{}", serde_json::to_string(&result).unwrap());
    assert_eq!(result.task, "hedges");
    assert!(result.n >= 100, "{} annotated articles", result.n);
    let m = &result.metrics;
    for k in [
        "loaded_precision",
        "loaded_recall",
        "loaded_recall_all",
        "loaded_f1",
        "loaded_hits",
        "lex_spans",
        "lex_spans_all",
        "lex_unlocated",
    ] {
        assert!(m.contains_key(k), "{k} missing: {m:?}");
    }
    for k in ["loaded_precision", "loaded_recall", "loaded_f1"] {
        assert!((0.0..=1.0).contains(&m[k]), "{k} = {}", m[k]);
    }
    assert!(m["lex_spans"] >= 150.0 && m["lex_spans"] <= m["lex_spans_all"]);
    assert!(m["lex_unlocated"] <= 0.02 * m["lex_spans_all"]);
    assert!(m["loaded_hits"] >= 30.0, "{m:?}");
    assert!(m["loaded_precision"] >= 0.12, "{m:?}");
    assert!(m["loaded_recall"] >= 0.025, "{m:?}");
}

#[test]
fn seed_story_context_rules() {
    let lex = CueLexicon::builtin().unwrap();
    let may = "The expansion of drug crops and cocaine has been a major theme as Colombia \
        prepares for May presidential elections";
    let (found, _) = cues_in_context(may, lex, false);
    assert!(found.iter().all(|c| c.kind != CueKind::Hedge), "{found:?}");
    // A quoted insult is the speaker's: with "sick man" added to the loaded terms (it is not in
    // the shipped lexicon: it comes from a seed article), it is found and counted as quoted.
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in corroborate::extract::cues::BUILTIN_LEXICONS {
        let file = std::path::Path::new(name).file_name().unwrap();
        let text = text.replace("\"strongman\",", "\"strongman\", \"sick man\",");
        std::fs::write(dir.path().join(file), text).unwrap();
    }
    let lex = CueLexicon::from_dir(dir.path()).unwrap();
    let s = "Trump has repeatedly clashed with Petro, blasting the country’s President Gustavo \
        Petro as a “sick man.”";
    let (found, _) = cues_in_context(s, &lex, false);
    let sick = found.iter().find(|c| c.term == "sick man").expect("found");
    assert_eq!(sick.voice, Voice::Quoted);
    let rules = corroborate::rules::Rules::builtin().unwrap();
    let docs: Vec<_> = corroborate::load::bundled()
        .unwrap()
        .articles
        .into_iter()
        .map(|a| corroborate::segment::segment(corroborate::clean::clean(a, &rules)))
        .collect();
    let h = corroborate::analysis::hedging::analyse(&docs, &lex);
    assert_eq!(h.articles.len(), 5);
    let quoted: usize = h.articles.iter().map(|a| a.quoted_loaded).sum();
    assert!(quoted >= 1);
    for a in &h.articles {
        assert!(a
            .loaded_language
            .iter()
            .all(|l| l.term != "sick man" || l.voice == Voice::Quoted));
    }
}
