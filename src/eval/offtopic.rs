//! `eval offtopic`: are paragraphs from another event found, and are untouched articles left alone?
//!
//! *What it measures*: from BASIL (`../shared/eval/basil`: events reported by three outlets) a test
//! set is built deterministically (a fixed-seed generator, no randomness between runs). Into one
//! article of each event a paragraph of at least `MIN_DONOR_WORDS` words is inserted, taken from an
//! article of a different event: for even-numbered events in the middle of the article, for odd ones
//! as a headed section at its end. The event's other articles are left untouched, as controls. Then
//! each event's articles are segmented and judged by [`crate::analysis::sections`] with the shipped
//! settings (`rubrics/sections.toml`), and:
//! - `precision`: flagged units (sections, paragraph runs) that hold an inserted paragraph, over all
//!   flagged units;
//! - `recall`: inserted paragraphs that some flagged unit holds;
//! - `false_alarm_rate`: untouched articles with at least one flag, over untouched articles;
//! - `split_even_*` / `split_odd_*`: recall and precision on even and odd events (tune on one, read
//!   the other).
//!
//! *Limitations*: an inserted paragraph from another event is an easier case than a machine-written
//! section that drifts while still naming the story's actors; BASIL paragraphs are short, so a few
//! donors are single sentences padded to the word floor by the next paragraph.

use std::path::{Path, PathBuf};

use crate::analysis::sections::{self, SectionsConfig};
use crate::error::{Error, Result};
use crate::eval::metrics::{best_threshold, f1, roc_auc};
use crate::eval::EvalResult;
use crate::load::basil;
use crate::model::{Document, RawArticle};
use crate::rng::SplitMix;
use crate::Engine;

/// Fewest words of an inserted paragraph (shorter donors are joined with the next paragraph).
const MIN_DONOR_WORDS: usize = 40;
/// The heading an inserted section gets.
const INSERTED_HEADING: &str = "# Analysis";

fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// A donor paragraph of `raw`: one at a generated position, joined with the following ones until
/// it has `MIN_DONOR_WORDS` words.
fn donor(raw: &RawArticle, rng: &mut SplitMix) -> Option<String> {
    let paras = paragraphs(&raw.text);
    if paras.len() < 3 {
        return None;
    }
    // Not the lead: the donor should read like a body paragraph.
    let start = 1 + rng.below(paras.len() - 1);
    let mut out = String::new();
    for p in &paras[start..] {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(p.trim());
        if out.split_whitespace().count() >= MIN_DONOR_WORDS {
            return Some(out);
        }
    }
    None
}

struct Counts {
    inserted: usize,
    found: usize,
    flagged: usize,
    flagged_inserted: usize,
    controls: usize,
    alarmed_controls: usize,
}

impl Counts {
    fn new() -> Counts {
        Counts {
            inserted: 0,
            found: 0,
            flagged: 0,
            flagged_inserted: 0,
            controls: 0,
            alarmed_controls: 0,
        }
    }
    fn precision(&self) -> f64 {
        if self.flagged == 0 {
            1.0
        } else {
            self.flagged_inserted as f64 / self.flagged as f64
        }
    }
    fn recall(&self) -> f64 {
        self.found as f64 / self.inserted.max(1) as f64
    }
}

/// One judged paragraph, as `eval offtopic --dump FILE` writes it.
#[derive(serde::Serialize)]
struct DumpedUnit<'a> {
    /// Index of the BASIL event (triplet) in the order judged; `event % 2` is the split.
    event: usize,
    doc: usize,
    outlet: &'a str,
    paragraph: usize,
    /// Whether this paragraph holds the inserted one.
    inserted: bool,
    words: usize,
    core: f64,
    own: f64,
    relatedness: f64,
    robust_z: f64,
    names_shared: f64,
    off_topic: bool,
    text: &'a str,
}

pub fn run(paths: &[PathBuf]) -> Result<EvalResult> {
    run_dump(paths, None)
}

/// [`run`], writing every judged paragraph to `dump` (JSON lines) when given.
pub fn run_dump(paths: &[PathBuf], dump: Option<&Path>) -> Result<EvalResult> {
    let [dir] = paths else {
        return Err(Error::Eval(
            "eval offtopic takes the BASIL directory".into(),
        ));
    };
    let engine = Engine::builtin()?;
    let cfg = SectionsConfig::builtin()?;
    let stories: Vec<(String, Vec<RawArticle>)> =
        basil::by_triplet(basil::read(dir)?).into_iter().collect();
    if stories.len() < 2 {
        return Err(Error::Eval(format!(
            "{}: eval offtopic needs at least two BASIL events",
            dir.display()
        )));
    }
    let mut rng = SplitMix(2026);
    let mut all = Counts::new();
    let mut split = [Counts::new(), Counts::new()];
    // Every judged paragraph: (robust z, share of names shared, inserted?), for threshold-free figures.
    let mut scored: Vec<(f64, f64, bool)> = Vec::new();
    let mut dumped = String::new();
    for (i, (_, raws)) in stories.iter().enumerate() {
        let mut raws = raws.clone();
        if raws.len() < 2 {
            continue;
        }
        // A donor from another event.
        let other = (i + 1 + rng.below(stories.len() - 1)) % stories.len();
        let donors = &stories[other].1;
        let Some(text) = donor(&donors[rng.below(donors.len())], &mut rng) else {
            continue;
        };
        let target = rng.below(raws.len());
        let paras: Vec<String> = paragraphs(&raws[target].text)
            .into_iter()
            .map(str::to_string)
            .collect();
        let body = if i % 2 == 0 {
            let mid = paras.len() / 2;
            let mut v = paras.clone();
            v.insert(mid, text.clone());
            v.join("\n\n")
        } else {
            format!("{}\n\n{INSERTED_HEADING}\n\n{text}", paras.join("\n\n"))
        };
        raws[target].text = body;
        let docs: Vec<Document> = raws
            .into_iter()
            .map(|r| crate::segment::segment(crate::clean::clean(r, &engine.rules)))
            .collect();
        let outlet_of: Vec<String> = docs.iter().map(crate::report::outlet_name).collect();
        let alignment = crate::align::align(&docs, &engine.model, &engine.align);
        let result = sections::analyse(&docs, &outlet_of, &alignment.claims, &cfg.offtopic);
        // The inserted paragraph, as the segmenter kept it: the paragraphs of the target that hold
        // its first words.
        let probe: String = text
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ");
        let d = &docs[target];
        let inserted: Vec<usize> = (0..d.paragraphs.len())
            .filter(|&p| {
                let span = &d.paragraphs[p].span;
                d.article.body[span.start..span.end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .contains(&probe)
            })
            .collect();
        for u in result
            .units
            .iter()
            .filter(|u| u.kind == sections::UnitKind::Paragraph)
        {
            let hit = u.doc == target && inserted.iter().any(|p| u.paragraphs.contains(p));
            scored.push((u.robust_z, u.names_shared, hit));
            if dump.is_some() {
                let d = &docs[u.doc];
                let span = &d.paragraphs[u.paragraphs.start].span;
                let line = serde_json::to_string(&DumpedUnit {
                    event: i,
                    doc: u.doc,
                    outlet: &outlet_of[u.doc],
                    paragraph: u.paragraphs.start,
                    inserted: hit,
                    words: u.words,
                    core: u.core,
                    own: u.own,
                    relatedness: u.relatedness,
                    robust_z: u.robust_z,
                    names_shared: u.names_shared,
                    off_topic: u.off_topic,
                    text: &d.article.body[span.start..span.end],
                })
                .map_err(|e| Error::Eval(e.to_string()))?;
                dumped.push_str(&line);
                dumped.push('\n');
            }
        }
        let c = &mut split[i % 2];
        for counts in [&mut all, c] {
            counts.inserted += 1;
            let mut found = false;
            for f in &result.flagged {
                counts.flagged += 1;
                if f.doc == target && inserted.iter().any(|p| f.paragraphs.contains(p)) {
                    counts.flagged_inserted += 1;
                    found = true;
                }
            }
            if found {
                counts.found += 1;
            }
            for (di, _) in docs.iter().enumerate().filter(|&(di, _)| di != target) {
                counts.controls += 1;
                if result.flagged.iter().any(|f| f.doc == di) {
                    counts.alarmed_controls += 1;
                }
            }
        }
    }
    if let Some(file) = dump {
        crate::output::write_atomic(file, dumped.as_bytes())?;
    }
    let labels: Vec<bool> = scored.iter().map(|s| s.2).collect();
    let neg =
        |f: fn(&(f64, f64, bool)) -> f64| -> Vec<f64> { scored.iter().map(|s| -f(s)).collect() };
    let auc_z = roc_auc(&neg(|s| s.0), &labels);
    let best_z = -best_threshold(&neg(|s| s.0), &labels);
    let auc_names = roc_auc(&neg(|s| s.1), &labels);
    Ok(EvalResult::new(
        "offtopic",
        all.inserted,
        [
            ("precision", all.precision()),
            ("recall", all.recall()),
            ("f1", f1(all.precision(), all.recall())),
            (
                "false_alarm_rate",
                all.alarmed_controls as f64 / all.controls.max(1) as f64,
            ),
            ("flagged", all.flagged as f64),
            ("paragraph_roc_auc", auc_z),
            ("best_robust_z", best_z),
            ("paragraph_roc_auc_names", auc_names),
            ("controls", all.controls as f64),
            ("split_even_precision", split[0].precision()),
            ("split_even_recall", split[0].recall()),
            ("split_odd_precision", split[1].precision()),
            ("split_odd_recall", split[1].recall()),
        ],
    ))
}
