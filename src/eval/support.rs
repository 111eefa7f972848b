//! `eval support FILE`: does the unsupported decision agree with people's labels?
//!
//! *What it measures*: FILE is JSONL (optionally gzipped through the `.gz` suffix), one item a line:
//! `{"source": "...", "claim": "...", "supported": true|false}`. For each item the source and the
//! claim are treated as two outlets of one story and judged by [`crate::analysis::support`] with the
//! shipped settings: the claim is predicted unsupported when any of its judged sentences is
//! `unsupported`. Metrics: `precision`, `recall`, `f1` and `accuracy` of "unsupported" (the
//! positive class is the one a user wants found), and `roc_auc` of the claim's support score (the
//! lowest, over its sentences, of the best same-fact probability with a source sentence).
//!
//! *Limitations*: a claim sentence with too few content words, or with nothing checkable, is not
//! judged, so such claims are predicted supported; attribution inside the claim ("officials said")
//! makes a claim `attributed`, which counts as not unsupported.

use std::path::PathBuf;

use serde::Deserialize;

use crate::analysis::support::{self, Status};
use crate::error::{Error, Result};
use crate::eval::metrics::{roc_auc, Binary};
use crate::eval::read_text;
use crate::eval::EvalResult;
use crate::model::{Format, RawArticle, SourceMeta};
use crate::Engine;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    source: String,
    claim: String,
    supported: bool,
}

fn raw(id: &str, text: &str) -> RawArticle {
    RawArticle {
        id: id.into(),
        path: format!("{id}.txt"),
        format: Format::Json,
        text: text.into(),
        meta: SourceMeta {
            publisher: Some(id.into()),
            ..SourceMeta::default()
        },
        removed: Vec::new(),
    }
}

pub fn run(paths: &[PathBuf]) -> Result<EvalResult> {
    let [path] = paths else {
        return Err(Error::Eval(
            "eval support takes one JSONL file of {source, claim, supported}".into(),
        ));
    };
    let text = if path.extension().is_some_and(|e| e == "gz") {
        let mut s = String::new();
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(file), &mut s)
            .map_err(|e| Error::io(path, e))?;
        s
    } else {
        read_text(path)?
    };
    let engine = Engine::builtin()?;
    let (mut truth, mut predicted, mut scores) = (Vec::new(), Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let item: Item = serde_json::from_str(line).map_err(|e| Error::Json {
            path: path.clone(),
            line: i + 1,
            reason: e.to_string(),
        })?;
        let docs: Vec<_> = [raw("source", &item.source), raw("claim", &item.claim)]
            .into_iter()
            .map(|r| crate::segment::segment(crate::clean::clean(r, &engine.rules)))
            .collect();
        let outlets = vec!["source".to_string(), "claim".to_string()];
        let alignment = crate::align::align(&docs, &engine.model, &engine.align);
        let hedging = crate::analysis::hedging::analyse(&docs, engine.cues);
        let s = support::analyse(&docs, &alignment, &hedging, &outlets, &engine.align.facts);
        let judged: Vec<_> = s.sentences.iter().filter(|j| j.doc == 1).collect();
        predicted.push(judged.iter().any(|j| j.status == Status::Unsupported));
        let score = judged
            .iter()
            .map(|j| j.nearest.map_or(0.0, |(_, p)| p))
            .fold(f64::INFINITY, f64::min);
        // Higher = more likely unsupported; a claim with nothing judged scores as supported.
        scores.push(if score.is_finite() { 1.0 - score } else { 0.0 });
        truth.push(!item.supported);
    }
    if truth.is_empty() {
        return Err(Error::Eval(format!("{}: no items", path.display())));
    }
    let b = Binary::of_decisions(&predicted, &truth);
    Ok(EvalResult::new(
        "support",
        truth.len(),
        [
            ("precision", b.precision),
            ("recall", b.recall),
            ("f1", b.f1),
            ("accuracy", b.accuracy),
            ("roc_auc", roc_auc(&scores, &truth)),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "Dock workers at the port of Valmora ended a three-week strike on Monday after the harbour authority agreed to a 9% pay rise.\n\nShips had queued offshore for days while the strike closed the container terminals.";

    #[test]
    fn restated_claims_are_supported_and_speculation_is_not() {
        let items = [
            (
                "Dock workers ended their three-week strike at the port of Valmora on Monday.",
                true,
            ),
            (
                "The harbour authority agreed to a 9% pay rise for the dock workers at Valmora.",
                true,
            ),
            (
                "The mayor may be trying to distract voters from the housing crisis in Eastfield.",
                false,
            ),
            (
                "Shipping lines will probably move their hubs to Northbay within a year.",
                false,
            ),
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("support.jsonl");
        let lines: Vec<String> = items
            .iter()
            .map(|(claim, supported)| {
                serde_json::json!({"source": SOURCE, "claim": claim, "supported": supported})
                    .to_string()
            })
            .collect();
        std::fs::write(&path, lines.join("\n")).unwrap();
        let r = run(&[path]).unwrap();
        assert_eq!(r.n, 4);
        assert_eq!(r.metrics["precision"], 1.0, "{:?}", r.metrics);
        assert_eq!(r.metrics["recall"], 1.0, "{:?}", r.metrics);
        assert_eq!(r.metrics["roc_auc"], 1.0, "{:?}", r.metrics);
    }

    #[test]
    fn a_malformed_line_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.jsonl");
        std::fs::write(
            &path,
            "{\"source\": \"a\", \"claim\": \"b\", \"supported\": true}\n{oops}\n",
        )
        .unwrap();
        match run(&[path]) {
            Err(Error::Json { line, .. }) => assert_eq!(line, 2),
            other => panic!("{other:?}"),
        }
    }
}
