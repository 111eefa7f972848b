//! Evaluation against third-party labelled data: `corroborate eval TASK PATH...`.
//!
//! What: each task runs one stage of the pipeline on a public data set and compares what the tool
//! produced with the labels other people wrote. The result is one [`EvalResult`]: the task name, the
//! number of items scored and a map of named metrics (snake_case keys, stable across runs, values
//! rounded to 4 decimals).
//!
//! Why: a figure measured on labelled data is the only honest answer to "how well does it work?",
//! and a fixed, documented metric lets a change be judged by a number rather than by eye.
//!
//! Limitations: the data sets are not part of the repository (they carry their own licences and are
//! read from wherever the user keeps them, `../shared/eval` in development); tasks only measure and
//! never tune. Speed is not measured here: that belongs in benchmarks. The library never prints:
//! the binary serialises the result.
//!
//! Tasks:
//! - `extract` ([`extract`]): main-content extraction and article metadata on HTML pages
//!   (the Zyte article-extraction-benchmark and the Readability.js test pages).
//! - `hedges` ([`hedges`]): sentence-level uncertainty and hedge cues (BioScope, SFU Review,
//!   Wikipedia weasel sentences).
//! - `quotes` ([`quotes`]): direct quotations and speakers on PolNeAR; cross-outlet quotation pairs
//!   and their fidelity classes on BASIL.
//! - `clusters` ([`clusters`]): story clustering of feed items (B³, ARI) on ECB+, BASIL, UCI
//!   headlines and the generic labelled JSONL.
//! - `tone` ([`tone`]): tone toward annotated targets against BASIL's span polarity, in the
//!   author's voice and in quotations.
//! - `validity` ([`validity`]): metamorphic tests of the score: perturbations that should lower an
//!   outlet's score (and through which criterion) and ones that should leave it alone, on BASIL
//!   stories or any directory of story folders.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};

pub mod blocking;
pub mod clusters;
pub mod extract;
pub mod facts;
pub mod hedges;
pub mod metrics;
pub mod offtopic;
pub mod paraphrase;
pub mod quotes;
pub mod sts;
pub mod support;
pub mod tone;
pub mod validity;

/// The tasks [`run`] knows, in the order they are listed in error messages.
pub const TASKS: &[&str] = &[
    "extract",
    "paraphrase",
    "sts",
    "blocking",
    "facts",
    "offtopic",
    "hedges",
    "quotes",
    "support",
    "clusters",
    "tone",
    "validity",
];

/// The outcome of one evaluation task.
#[derive(Debug, Clone, Serialize)]
pub struct EvalResult {
    /// The task name, as given to [`run`].
    pub task: String,
    /// Number of items (pages, pairs, ...) scored.
    pub n: usize,
    /// Named metrics, snake_case keys, values rounded to 4 decimals. Counts are stored as `f64` too.
    pub metrics: BTreeMap<String, f64>,
    /// Named notes that are not figures (`eval validity`: the criterion that moved most often per
    /// family); left out of the JSON when empty, so other tasks' output is unchanged.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub details: BTreeMap<String, String>,
}

impl EvalResult {
    /// Builds a result, rounding every metric to 4 decimals.
    pub fn new<'a>(
        task: &str,
        n: usize,
        metrics: impl IntoIterator<Item = (&'a str, f64)>,
    ) -> Self {
        EvalResult {
            task: task.to_string(),
            n,
            metrics: metrics
                .into_iter()
                .map(|(k, v)| (k.to_string(), round4(v)))
                .collect(),
            details: BTreeMap::new(),
        }
    }
}

/// Run an evaluation task on the given paths. Unknown task → [`Error::Eval`] naming the known tasks.
pub fn run(task: &str, paths: &[PathBuf]) -> Result<EvalResult> {
    run_with(task, paths, None, None, None)
}

/// The tasks that can write their judged items to a file (`eval --dump FILE`).
pub const DUMPING_TASKS: &[&str] = &["hedges", "offtopic", "tone", "validity"];

/// [`run`], and with `dump`, write the judged items, one JSON object a line, to that file (for
/// analysis outside the tool, such as `benches/offtopic_ceiling.py`). Only [`DUMPING_TASKS`] can.
pub fn run_with(
    task: &str,
    paths: &[PathBuf],
    dump: Option<&std::path::Path>,
    clustering: Option<&std::path::Path>,
    lexicon: Option<&std::path::Path>,
) -> Result<EvalResult> {
    if let Some(file) = lexicon {
        if task != "tone" {
            return Err(Error::Eval(format!(
                "{}: only eval tone reads a tone lexicon",
                file.display()
            )));
        }
    }
    if let Some(file) = clustering {
        if task != "clusters" {
            return Err(Error::Eval(format!(
                "{}: only eval clusters reads clustering settings",
                file.display()
            )));
        }
        return clusters::run_with(paths, &crate::audit::ClusterConfig::from_file(file)?);
    }
    if let Some(file) = dump {
        if !DUMPING_TASKS.contains(&task) {
            return Err(Error::Eval(format!(
                "{}: eval {task} cannot write its items (--dump works with: {})",
                file.display(),
                DUMPING_TASKS.join(", ")
            )));
        }
    }
    match task {
        "extract" => extract::run(paths),
        "paraphrase" => paraphrase::run(paths),
        "sts" => sts::run(paths),
        "blocking" => blocking::run(paths),
        "facts" => facts::run(paths),
        "offtopic" => offtopic::run_dump(paths, dump),
        "hedges" => hedges::run_dump(paths, dump),
        "quotes" => quotes::run(paths),
        "support" => support::run(paths),
        "clusters" => clusters::run(paths),
        "tone" => tone::run_dump(paths, dump, lexicon),
        "validity" => validity::run_dump(paths, dump),
        _ => Err(Error::Eval(format!(
            "unknown eval task `{task}` (known tasks: {})",
            TASKS.join(", ")
        ))),
    }
}

/// Rounds to 4 decimals (half away from zero).
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The single path of a task that reads one file, or an error saying what is expected.
pub(crate) fn one_file<'a>(paths: &'a [PathBuf], task: &str, what: &str) -> Result<&'a Path> {
    match paths {
        [path] => Ok(path),
        [] => Err(Error::Eval(format!("eval {task} needs one file: {what}"))),
        _ => Err(Error::Eval(format!(
            "eval {task} takes one file, got {} paths",
            paths.len()
        ))),
    }
}

/// Reads a file as text, without a byte-order mark.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    crate::load::decode(path, bytes)
}

/// Reads the sentence pairs of a tab-separated file, trimmed, each with its gold value. `split`
/// picks the raw gold value and the two sentences out of a line's fields (`None`: the line is
/// malformed, reported with `layouts`, the expected layouts); `gold` reads the value or says, after
/// the file and line, why it cannot. A first line whose value does not read is taken as a header;
/// a file without pairs is an error naming `kind` (the pairs' adjective: "labelled", "scored").
pub(crate) fn read_gold_pairs<T>(
    path: &Path,
    layouts: &str,
    kind: &str,
    split: impl for<'a> Fn(&[&'a str]) -> Option<(&'a str, &'a str, &'a str)>,
    gold: impl Fn(&str) -> std::result::Result<T, String>,
) -> Result<Vec<(String, String, T)>> {
    let text = read_text(path)?;
    let mut pairs = Vec::new();
    let mut first = true;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let Some((value, a, b)) = split(&fields) else {
            return Err(Error::Eval(format!(
                "{}:{}: expected {layouts}, found {}",
                path.display(),
                i + 1,
                fields.len()
            )));
        };
        let was_first = std::mem::replace(&mut first, false);
        let value = match gold(value) {
            Ok(v) => v,
            Err(_) if was_first => continue,
            Err(why) => return Err(Error::Eval(format!("{}:{}: {why}", path.display(), i + 1))),
        };
        pairs.push((a.trim().to_string(), b.trim().to_string(), value));
    }
    if pairs.is_empty() {
        return Err(Error::Eval(format!(
            "{}: no {kind} pair found",
            path.display()
        )));
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_task_names_the_known_ones() {
        let err = run("nope", &[]).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("nope"), "{msg}");
        assert!(msg.contains("extract"), "{msg}");
    }

    #[test]
    fn metrics_are_rounded_to_four_decimals() {
        let r = EvalResult::new("t", 2, [("f1", 0.957_502_5), ("n_title", 31.0)]);
        assert_eq!(r.metrics["f1"], 0.9575);
        assert_eq!(r.metrics["n_title"], 31.0);
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(
            json,
            r#"{"task":"t","n":2,"metrics":{"f1":0.9575,"n_title":31.0}}"#
        );
    }
}
