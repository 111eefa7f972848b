//! `eval hedges`: how well the hedge lexicon tells uncertain sentences from certain ones.
//!
//! What it measures: every sentence of a labelled file goes through [`crate::extract::cues`] with
//! the built-in lexicons ([`CueLexicon::builtin`]); a sentence is predicted *uncertain* when at
//! least one hedge cue is found in it, in any voice (the corpora label the sentence, not the
//! author's part of it). Boosters, reporting verbs and loaded terms never make a sentence
//! uncertain. Reported: `accuracy`, `precision`, `recall`, `f1` (positive class = uncertain),
//! `uncertain_share` (share of sentences labelled uncertain; predicting all of them uncertain gives
//! F1 = 2s/(1+s)), and, when the file gives cue offsets, cue-level `cue_precision` (share of
//! predicted hedge cues that overlap a gold cue by at least one character), `cue_recall` (share of
//! gold cues overlapped by a predicted one) and `cue_f1`, with `gold_cues` and `predicted_cues`.
//!
//! Loaded terms: given the BASIL directory (a directory with an `articles/` subdirectory), every
//! annotated article is read as BASIL splits it (paragraphs of sentences; the quotation state is
//! carried from sentence to sentence inside a paragraph) and its author-voice loaded-term hits are
//! compared with the lexical-bias spans (`bias: lex`) of the same sentence: `loaded_precision` is
//! the share of hits that overlap a lex span (quoted or not) by at least one character,
//! `loaded_recall` the share of lex spans outside quotations (`quote: no`) overlapped by a hit,
//! `loaded_recall_all` the same over every lex span, `loaded_f1` from the first two, with
//! `loaded_hits`, `lex_spans`, `lex_spans_all` and `lex_unlocated` (spans found in no sentence).
//! BASIL marks words that judge in context (a verb, a whole phrase), many of them not loaded out of
//! context, so recall stays low for any lexicon; no target is set.
//!
//! Layouts of the files, told apart by the extension (after an optional `.gz`):
//! - `.csv`: RFC 4180 CSV with a header `text,label` (label 1 = uncertain), quoted multi-line fields
//!   (the CoNLL-2010 Wikipedia weasel sentences);
//! - anything else: JSONL, one object a line with `text`, `uncertain` (bool) and optionally
//!   `spec_cues` `[[start, end, text], …]` in character offsets (BioScope and the SFU Review
//!   corpus as prepared in ../shared/eval/hedges).
//!
//! Why: the hedge rates of the analysis are only as good as the lexicon; these corpora are the
//! public data labelled for speculation, in three genres (biomedical, reviews, encyclopaedia).
//!
//! Limitations: one lexicon serves all corpora, and their guidelines differ: the SFU Review corpus
//! counts conditionals and "can"/"would" as speculation, BioScope counts "or" between alternatives,
//! Wikipedia labels vague attribution ("weasel words") more than modality. The lexicon is lexical:
//! no scope, no part of speech. PTB-tokenised text (`-LRB-`, "could n't") is read as it is.
//!
//! References: Farkas et al. 2010, "The CoNLL-2010 Shared Task: Learning to Detect Hedges and their
//! Scope in Natural Language Text"; Vincze et al. 2008 (BioScope); Konstantinova et al. 2012 (SFU
//! Review corpus with negation and speculation).

use std::io::Read;
use std::path::Path;
use std::path::PathBuf;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::eval::metrics::Binary;
use crate::eval::one_file;
use crate::eval::EvalResult;
use crate::extract::cues::cues_in_context;
use crate::extract::{cues, CueKind, CueLexicon, Voice};
use crate::load::basil;

const TASK: &str = "hedges";

/// A labelled sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    pub text: String,
    pub uncertain: bool,
    /// Gold cue spans as byte ranges into `text`, when the file gives them.
    pub cues: Option<Vec<(usize, usize)>>,
}

#[derive(Deserialize)]
struct JsonSentence {
    text: String,
    uncertain: bool,
    #[serde(default)]
    spec_cues: Option<Vec<(usize, usize, serde_json::Value)>>,
}

/// Runs `eval hedges` on one file.
pub fn run(paths: &[PathBuf]) -> Result<EvalResult> {
    run_dump(paths, None)
}

/// One judged sentence, as `eval hedges FILE --dump OUT` writes it.
#[derive(serde::Serialize)]
struct DumpedSentence<'a> {
    uncertain: bool,
    /// The hedge cues found, as written.
    cues: Vec<&'a str>,
    text: &'a str,
}

/// [`run`], writing every judged sentence to `dump` (JSON lines) when given (not for BASIL).
pub fn run_dump(paths: &[PathBuf], dump: Option<&Path>) -> Result<EvalResult> {
    let path = one_file(
        paths,
        TASK,
        "a JSONL(.gz) file of {\"text\", \"uncertain\", \"spec_cues\"}, a text,label CSV or \
         the BASIL directory",
    )?;
    let lex = CueLexicon::builtin()?;
    if path.join("articles").is_dir() {
        if let Some(file) = dump {
            return Err(Error::Eval(format!(
                "{}: eval hedges writes its items for sentence files only, not for BASIL",
                file.display()
            )));
        }
        return Ok(score_loaded(&basil::read_annotated(path)?, lex));
    }
    let items = read(path)?;
    if let Some(file) = dump {
        let mut out = String::new();
        for item in &items {
            let found = cues(&item.text, lex);
            let line = serde_json::to_string(&DumpedSentence {
                uncertain: item.uncertain,
                cues: found
                    .iter()
                    .filter(|c| c.kind == CueKind::Hedge)
                    .map(|c| &item.text[c.span.start..c.span.end])
                    .collect(),
                text: &item.text,
            })
            .map_err(|e| Error::Eval(e.to_string()))?;
            out.push_str(&line);
            out.push('\n');
        }
        crate::output::write_atomic(file, out.as_bytes())?;
    }
    Ok(score(&items, lex))
}

/// Scores author-voice loaded-term hits against BASIL's lexical-bias spans (see the module
/// documentation).
pub fn score_loaded(articles: &[basil::Annotated], lex: &CueLexicon) -> EvalResult {
    let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
    let (mut hits, mut hits_ok) = (0usize, 0usize);
    let (mut spans, mut spans_ok, mut all, mut all_ok, mut unlocated) = (0, 0, 0, 0, 0);
    for a in articles {
        let sentences: Vec<&str> = a.paragraphs.iter().flatten().map(String::as_str).collect();
        // Author-voice loaded hits per sentence.
        let mut found: Vec<Vec<(usize, usize)>> = Vec::with_capacity(sentences.len());
        for p in &a.paragraphs {
            let mut open = false;
            for s in p {
                let (c, still_open) = cues_in_context(s, lex, open);
                open = still_open;
                found.push(
                    c.iter()
                        .filter(|c| c.kind == CueKind::Loaded && c.voice == Voice::Author)
                        .map(|c| (c.span.start, c.span.end))
                        .collect(),
                );
            }
        }
        let mut gold: Vec<Vec<(usize, usize)>> = vec![Vec::new(); sentences.len()];
        for p in a.phrases.iter().filter(|p| p.bias == "lex") {
            let Some((i, span)) = basil::locate(&sentences, p) else {
                unlocated += 1;
                continue;
            };
            gold[i].push(span);
            let hit = found[i].iter().any(|&h| overlaps(h, span));
            all += 1;
            all_ok += usize::from(hit);
            if p.quote != "yes" {
                spans += 1;
                spans_ok += usize::from(hit);
            }
        }
        for (i, f) in found.iter().enumerate() {
            hits += f.len();
            hits_ok += f
                .iter()
                .filter(|&&h| gold[i].iter().any(|&g| overlaps(h, g)))
                .count();
        }
    }
    let ratio = |a: usize, n: usize| if n > 0 { a as f64 / n as f64 } else { 0.0 };
    let (p, r) = (ratio(hits_ok, hits), ratio(spans_ok, spans));
    let f = crate::eval::metrics::f1(p, r);
    EvalResult::new(
        TASK,
        articles.len(),
        [
            ("loaded_precision", p),
            ("loaded_recall", r),
            ("loaded_recall_all", ratio(all_ok, all)),
            ("loaded_f1", f),
            ("loaded_hits", hits as f64),
            ("lex_spans", spans as f64),
            ("lex_spans_all", all as f64),
            ("lex_unlocated", unlocated as f64),
        ],
    )
}

/// Scores the lexicon on labelled sentences (see the module documentation for the metrics).
pub fn score(items: &[Labelled], lex: &CueLexicon) -> EvalResult {
    let mut predicted = Vec::with_capacity(items.len());
    let (mut gold_n, mut gold_hit, mut pred_n, mut pred_hit) = (0usize, 0usize, 0usize, 0usize);
    let mut with_cues = false;
    for item in items {
        let hedges: Vec<(usize, usize)> = cues(&item.text, lex)
            .into_iter()
            .filter(|c| c.kind == CueKind::Hedge)
            .map(|c| (c.span.start, c.span.end))
            .collect();
        predicted.push(!hedges.is_empty());
        if let Some(gold) = &item.cues {
            with_cues = true;
            let overlaps = |a: &(usize, usize), b: &(usize, usize)| a.0 < b.1 && b.0 < a.1;
            gold_n += gold.len();
            gold_hit += gold
                .iter()
                .filter(|g| hedges.iter().any(|p| overlaps(g, p)))
                .count();
            pred_n += hedges.len();
            pred_hit += hedges
                .iter()
                .filter(|p| gold.iter().any(|g| overlaps(g, p)))
                .count();
        }
    }
    let labels: Vec<bool> = items.iter().map(|i| i.uncertain).collect();
    let b = Binary::of_decisions(&predicted, &labels);
    let share = labels.iter().filter(|&&l| l).count() as f64 / labels.len().max(1) as f64;
    let mut metrics = vec![
        ("accuracy", b.accuracy),
        ("precision", b.precision),
        ("recall", b.recall),
        ("f1", b.f1),
        ("uncertain_share", share),
    ];
    if with_cues {
        let ratio = |a: usize, n: usize| if n > 0 { a as f64 / n as f64 } else { 0.0 };
        let (p, r) = (ratio(pred_hit, pred_n), ratio(gold_hit, gold_n));
        let f = crate::eval::metrics::f1(p, r);
        metrics.extend([
            ("cue_precision", p),
            ("cue_recall", r),
            ("cue_f1", f),
            ("gold_cues", gold_n as f64),
            ("predicted_cues", pred_n as f64),
        ]);
    }
    EvalResult::new(TASK, items.len(), metrics)
}

/// Reads a labelled file: CSV `text,label` or JSONL (see the module documentation).
pub fn read(path: &Path) -> Result<Vec<Labelled>> {
    let text = read_maybe_gz(path)?;
    let name = path.to_string_lossy().to_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let items = if name.ends_with(".csv") {
        read_csv(path, &text)?
    } else {
        read_jsonl(path, &text)?
    };
    if items.is_empty() {
        return Err(Error::Eval(format!(
            "{}: no labelled sentence found",
            path.display()
        )));
    }
    Ok(items)
}

fn read_maybe_gz(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let bytes = if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes.as_slice())
            .read_to_end(&mut out)
            .map_err(|e| Error::io(path, e))?;
        out
    } else {
        bytes
    };
    crate::load::decode(path, bytes)
}

fn read_csv(path: &Path, text: &str) -> Result<Vec<Labelled>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Error::Eval(format!("{}: {e}", path.display())))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(t), Some(l)) = (col("text"), col("label")) else {
        return Err(Error::Eval(format!(
            "{}: the CSV header must name the columns `text` and `label`",
            path.display()
        )));
    };
    let mut items = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| Error::Eval(format!("{}: {e}", path.display())))?;
        let line = record.position().map_or(0, |p| p.line());
        let label = record.get(l).unwrap_or("").trim();
        let uncertain = match label {
            "1" | "true" | "True" => true,
            "0" | "false" | "False" => false,
            other => {
                return Err(Error::Eval(format!(
                    "{}:{line}: the label `{other}` is not 1 or 0",
                    path.display()
                )))
            }
        };
        items.push(Labelled {
            text: record.get(t).unwrap_or("").trim().to_string(),
            uncertain,
            cues: None,
        });
    }
    Ok(items)
}

fn read_jsonl(path: &Path, text: &str) -> Result<Vec<Labelled>> {
    let mut items = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let s: JsonSentence = serde_json::from_str(line).map_err(|e| Error::Json {
            path: path.to_path_buf(),
            line: i + 1,
            reason: e.to_string(),
        })?;
        let byte = |c: usize| {
            s.text
                .char_indices()
                .nth(c)
                .map_or(s.text.len(), |(b, _)| b)
        };
        let cues = s
            .spec_cues
            .as_ref()
            .map(|v| v.iter().map(|(a, b, _)| (byte(*a), byte(*b))).collect());
        items.push(Labelled {
            uncertain: s.uncertain,
            cues,
            text: s.text,
        });
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn dump_writes_one_line_per_sentence_with_the_cues_found() {
        let dir = tempfile::tempdir().unwrap();
        let csv = write(
            &dir,
            "w.csv",
            "text,label\n\"The plan may fail.\",1\n\"Plain fact.\",0\n",
        );
        let out = dir.path().join("dump.jsonl");
        let result = run_dump(std::slice::from_ref(&csv), Some(&out)).unwrap();
        let lines: Vec<serde_json::Value> = std::fs::read_to_string(&out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), result.n);
        assert_eq!(lines[0]["cues"], serde_json::json!(["may"]));
        assert_eq!(lines[1]["cues"], serde_json::json!([]));
        assert_eq!(lines[1]["uncertain"], serde_json::json!(false));
    }

    #[test]
    fn reads_csv_with_multiline_fields_and_jsonl_with_char_offsets() {
        let dir = tempfile::tempdir().unwrap();
        let csv = write(
            &dir,
            "w.csv",
            "text,label\n\"It may be, \"\"some\"\" say,\nlater.\n\",1\n\"Plain fact.\",0\n",
        );
        let items = read(&csv).unwrap();
        assert_eq!(items.len(), 2);
        assert!(items[0].text.contains("later.") && items[0].uncertain && !items[1].uncertain);
        let jsonl = write(
            &dir,
            "b.jsonl",
            "{\"text\":\"Ça may work.\",\"uncertain\":true,\"spec_cues\":[[3,6,\"may\"]]}\n\n\
             {\"text\":\"It works.\",\"uncertain\":false,\"spec_cues\":[]}\n",
        );
        let items = read(&jsonl).unwrap();
        assert_eq!(items[0].cues, Some(vec![(4, 7)]));
        let r = score(&items, CueLexicon::builtin().unwrap());
        assert_eq!(r.metrics["f1"], 1.0);
        assert_eq!(r.metrics["cue_f1"], 1.0);
        let bad = write(&dir, "x.csv", "text,label\nfoo,maybe\n");
        assert!(read(&bad).unwrap_err().to_string().contains("maybe"));
    }

    #[test]
    fn loaded_hits_against_lexical_spans() {
        let phrase = |txt: &str, start: usize, quote: &str| basil::Phrase {
            bias: "lex".into(),
            txt: txt.into(),
            start,
            end: start + txt.chars().count(),
            quote: quote.into(),
            polarity: String::new(),
            target: String::new(),
            aim: String::new(),
        };
        let a = basil::Annotated {
            id: "t".into(),
            paragraphs: vec![
                vec![
                    "The despot spoke for an hour.".into(),
                    "He gave a rambling answer.".into(),
                ],
                vec!["Critics called him “a tyrant” again.".into()],
            ],
            phrases: vec![
                phrase("despot", 4, "no"),
                phrase("rambling", 10, "no"),
                phrase("a tyrant", 20, "yes"),
            ],
        };
        let r = score_loaded(&[a], CueLexicon::builtin().unwrap());
        let m = &r.metrics;
        // "despot" is an author-voice hit on a lex span; "tyrant" is quoted, so no hit.
        assert_eq!(m["loaded_hits"], 1.0, "{m:?}");
        assert_eq!(m["loaded_precision"], 1.0);
        assert_eq!((m["lex_spans"], m["lex_spans_all"]), (2.0, 3.0));
        assert_eq!(m["loaded_recall"], 0.5);
        assert_eq!(m["lex_unlocated"], 0.0);
    }

    #[test]
    fn boosters_do_not_make_a_sentence_uncertain() {
        let items = [
            ("The results clearly show a rise.", false),
            ("The rise may be real.", true),
            ("It rose.", true),
        ]
        .map(|(t, u)| Labelled {
            text: t.into(),
            uncertain: u,
            cues: None,
        });
        let r = score(&items, CueLexicon::builtin().unwrap());
        assert_eq!((r.metrics["precision"], r.metrics["recall"]), (1.0, 0.5));
        assert!(!r.metrics.contains_key("cue_f1"));
    }
}
