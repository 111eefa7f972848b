//! `eval facts`: does alignment put sentences that report the same event in the same fact?
//!
//! *What it measures*: on ECB+ (`../shared/eval/ecbplus/docs-topics-01-35.jsonl.gz`), each subtopic
//! (one event, several documents) is aligned as a story. Two sentences of different documents that
//! mention the same annotated event instance (a cross-document `ACTION_*` chain) report the same
//! fact; two annotated sentences that share no event instance do not. Over those labelled pairs:
//! `precision`, `recall` and `f1` of "in the same fact" as alignment decides it (blocking, model,
//! clustering), and `roc_auc` of the model's probability. `best_threshold` is the probability
//! threshold with the best pairwise F1, the figure `[facts] same-fact-threshold` in
//! `rubrics/alignment.toml` can be compared with.
//!
//! *Limitations*: ECB+ annotates only some sentences of each document (those sentences are the
//! labelled ones); an event can be mentioned without its annotation, so some "negatives" are not;
//! sentences are PTB-tokenised and are detokenised here approximately.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::PathBuf;

use serde::Deserialize;

use crate::align;
use crate::error::{Error, Result};
use crate::eval::metrics::{
    best_f1_threshold, best_mcc_threshold, best_threshold, roc_auc, Binary,
};
use crate::eval::EvalResult;
use crate::model::{Article, Document, Format};
use crate::Engine;

#[derive(Debug, Deserialize)]
struct EcbDoc {
    doc: String,
    subtopic: String,
    sentences: Vec<EcbSentence>,
    cross_doc_mentions: Vec<EcbMention>,
}

#[derive(Debug, Deserialize)]
struct EcbSentence {
    i: usize,
    text: String,
}

#[derive(Debug, Deserialize)]
struct EcbMention {
    instance: String,
    tag: String,
    sentence: usize,
}

/// Undo Penn Treebank tokenisation well enough for the pipeline's tokeniser and claim extraction.
pub fn detokenize(s: &str) -> String {
    let mut t = format!(" {s} ");
    for (from, to) in [
        (" `` ", " “"),
        (" '' ", "” "),
        ("-LRB- ", "("),
        (" -RRB-", ")"),
        ("-LSB- ", "["),
        (" -RSB-", "]"),
        (" n't ", "n't "),
        (" 's ", "'s "),
        (" 're ", "'re "),
        (" 've ", "'ve "),
        (" 'll ", "'ll "),
        (" 'd ", "'d "),
        (" 'm ", "'m "),
        (" ,", ","),
        (" .", "."),
        (" :", ":"),
        (" ;", ";"),
        (" ?", "?"),
        (" !", "!"),
        (" %", "%"),
        ("$ ", "$"),
    ] {
        t = t.replace(from, to);
    }
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("“ ", "“")
}

fn read(path: &PathBuf) -> Result<Vec<EcbDoc>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut text = String::new();
    if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::GzDecoder::new(file)
            .read_to_string(&mut text)
            .map_err(|e| Error::io(path, e))?;
    } else {
        std::io::BufReader::new(file)
            .read_to_string(&mut text)
            .map_err(|e| Error::io(path, e))?;
    }
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| Error::Json {
                path: path.clone(),
                line: i + 1,
                reason: e.to_string(),
            })
        })
        .collect()
}

fn document(d: &EcbDoc) -> Document {
    let mut sentences: Vec<&EcbSentence> = d.sentences.iter().collect();
    sentences.sort_by_key(|s| s.i);
    let texts: Vec<String> = sentences.iter().map(|s| detokenize(&s.text)).collect();
    let article = Article::bare(&d.doc, Format::Json);
    crate::segment::from_sentences(article, &texts)
}

pub fn run(paths: &[PathBuf]) -> Result<EvalResult> {
    let [path] = paths else {
        return Err(Error::Eval(
            "eval facts takes one ECB+ JSONL file (optionally .gz)".into(),
        ));
    };
    let engine = Engine::builtin()?;
    let mut by_subtopic: BTreeMap<String, Vec<EcbDoc>> = BTreeMap::new();
    for d in read(path)? {
        by_subtopic.entry(d.subtopic.clone()).or_default().push(d);
    }
    let (mut probs, mut labels, mut decided) = (Vec::new(), Vec::new(), Vec::new());
    for docs in by_subtopic.values_mut() {
        docs.sort_by(|a, b| a.doc.cmp(&b.doc));
        let documents: Vec<Document> = docs.iter().map(document).collect();
        let alignment = align::align(&documents, &engine.model, &engine.align);
        let idf = align::story_idf(&documents);
        let infos = align::prepare(&documents, &engine.align, &idf);
        let index: BTreeMap<align::SentenceRef, usize> =
            infos.iter().enumerate().map(|(k, i)| (i.at, k)).collect();
        // Event instances per (document, sentence).
        let events: Vec<BTreeMap<usize, BTreeSet<&str>>> = docs
            .iter()
            .map(|d| {
                let mut m: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
                for x in d
                    .cross_doc_mentions
                    .iter()
                    .filter(|x| x.tag.contains("ACTION"))
                {
                    m.entry(x.sentence).or_default().insert(x.instance.as_str());
                }
                m
            })
            .collect();
        for a in 0..docs.len() {
            for b in a + 1..docs.len() {
                for (&sa, ea) in &events[a] {
                    for (&sb, eb) in &events[b] {
                        let (ra, rb) = (
                            align::SentenceRef {
                                doc: a,
                                sentence: sa,
                            },
                            align::SentenceRef {
                                doc: b,
                                sentence: sb,
                            },
                        );
                        let p = match (index.get(&ra), index.get(&rb)) {
                            (Some(&i), Some(&j)) => align::pair_probability(
                                &infos[i],
                                &infos[j],
                                &engine.model,
                                &idf,
                                engine.align.facts.clause_floor,
                            ),
                            _ => 0.0,
                        };
                        let same = matches!((alignment.fact_of.get(&ra), alignment.fact_of.get(&rb)), (Some(x), Some(y)) if x == y);
                        probs.push(p);
                        labels.push(ea.intersection(eb).next().is_some());
                        decided.push(same);
                    }
                }
            }
        }
    }
    if labels.is_empty() {
        return Err(Error::Eval(format!(
            "{}: no annotated sentence pairs",
            path.display()
        )));
    }
    let clustered = Binary::of_decisions(&decided, &labels);
    let best = best_f1_threshold(&probs, &labels);
    let at_best = Binary::of(&probs, &labels, best);
    let _ = best_threshold;
    Ok(EvalResult::new(
        "facts",
        labels.len(),
        [
            ("precision", clustered.precision),
            ("recall", clustered.recall),
            ("f1", clustered.f1),
            ("roc_auc", roc_auc(&probs, &labels)),
            ("best_threshold", best),
            ("mcc_best_threshold", best_mcc_threshold(&probs, &labels)),
            ("f1_at_best_threshold", at_best.f1),
            (
                "positive_share",
                labels.iter().filter(|&&l| l).count() as f64 / labels.len() as f64,
            ),
            ("subtopics", by_subtopic.len() as f64),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ptb_tokens_are_joined_back() {
        assert_eq!(
            detokenize("`` We do n't know , '' the actress 's rep said -LRB- 33 -RRB- ."),
            "“We don't know,” the actress's rep said (33)."
        );
    }
}
