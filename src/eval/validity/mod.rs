//! `eval validity`: does the score move the way it should when an article is made worse, and stay
//! put when it is not? A metamorphic test suite for the score (CheckList-style: Ribeiro, Wu,
//! Guestrin and Singh 2020, "Beyond Accuracy: Behavioral Testing of NLP Models with CheckList").
//!
//! *What it measures*: every story with two or more articles (a BASIL directory, or a directory
//! whose subdirectories are stories) is compared once as it is. Then, for each perturbation family
//! of [`FAMILIES`], one article (rotating over the story's articles by story and family) is changed
//! by the generators of [`perturb`] and [`edits`], the story is compared again, and that outlet's
//! score is read:
//! - a *degradation* (a section from another story, unsourced speculation, attributions stripped, a
//!   shared figure changed, a shared quotation altered, loaded words, everything after the lead
//!   cut) behaves when the score falls by at least [`DEGRADATION_DROP`] points **and** a criterion
//!   reading one of the family's metrics loses points (or is no longer measured, having had some);
//! - a *neutral* change (paragraphs after the lead reordered, page furniture, another file name,
//!   typography) behaves when the score moves by at most [`NEUTRAL_TOLERANCE`] points.
//!
//! Figures per family: `<family>_share` (behaving cases over judged ones), `<family>_n`,
//! `<family>_skipped` (the article had no score, or nothing the family acts on, such as no
//! quotation another outlet carries); `degradation_min_share` and `neutral_min_share`. The details
//! say, per family, which criterion moved most often. `--dump FILE` writes each misbehaving case.
//!
//! *What it does not measure*: whether the score is right about real articles (the perturbations
//! are synthetic, their wording is this module's, and BASIL's three outlets are one kind of story);
//! how much a degradation should cost (one point is enough to behave); the interval. Everything is
//! deterministic: a fixed seed per story and family, stories judged in order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::quotes::Fidelity;
use crate::error::{Error, Result};
use crate::eval::EvalResult;
use crate::load::{basil, LoadOptions, Loaded, Manifest};
use crate::model::RawArticle;
use crate::report::{Part, Score};
use crate::rng::{seed_of, SplitMix};
use crate::{Comparison, Engine};

pub mod edits;
pub mod perturb;
#[cfg(test)]
mod tests;

use perturb::{Context, Perturbed};

/// Least fall of the score for a degradation to behave.
pub const DEGRADATION_DROP: f64 = 1.0;
/// Largest move of the score a neutral change may cause.
pub const NEUTRAL_TOLERANCE: f64 = 3.0;
/// Mixed into every per-story seed.
const SEED: &str = "validity-2026";

/// What a family is expected to do to the score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Expect {
    /// Lower it, through a criterion reading one of these metrics.
    Lower(&'static [&'static str]),
    /// Leave it within the tolerance.
    Same,
}

type Generator = fn(&str, &Context, &mut SplitMix) -> Option<Perturbed>;

/// One perturbation family.
pub struct Family {
    pub name: &'static str,
    pub expect: Expect,
    generate: Generator,
}

/// The families, degradations first, in the order of the brief that defines them.
pub const FAMILIES: &[Family] = &[
    Family {
        name: "unrelated_section",
        expect: Expect::Lower(&["sections.off_topic_share"]),
        generate: perturb::unrelated_section,
    },
    Family {
        name: "speculation",
        expect: Expect::Lower(&["claims.unsupported_share", "hedging.per_1k_author"]),
        generate: perturb::speculation,
    },
    Family {
        name: "attributions_removed",
        expect: Expect::Lower(&["attribution.named_share", "claims.unsupported_share"]),
        generate: edits::attributions_removed,
    },
    Family {
        name: "figure_changed",
        expect: Expect::Lower(&["conflicts.per_fact"]),
        generate: edits::figure_changed,
    },
    Family {
        name: "quote_altered",
        expect: Expect::Lower(&["quotes.fidelity_share"]),
        generate: edits::quote_altered,
    },
    Family {
        name: "loaded_words",
        expect: Expect::Lower(&["language.loaded_per_1k_author"]),
        generate: perturb::loaded_words,
    },
    Family {
        name: "cut_to_lead",
        expect: Expect::Lower(&["coverage.consensus_share"]),
        generate: perturb::cut_to_lead,
    },
    Family {
        name: "reorder_paragraphs",
        expect: Expect::Same,
        generate: perturb::reorder_paragraphs,
    },
    Family {
        name: "boilerplate",
        expect: Expect::Same,
        generate: perturb::boilerplate,
    },
    Family {
        name: "renamed",
        expect: Expect::Same,
        generate: perturb::renamed,
    },
    Family {
        name: "typography",
        expect: Expect::Same,
        generate: perturb::typography,
    },
];

/// One story: its articles as loaded, and its manifest (publisher overrides keyed by article id).
struct Story {
    id: String,
    articles: Vec<RawArticle>,
    manifest: Option<Manifest>,
}

/// The stories of `dir`: BASIL triplets when it holds `articles/`, else one story per subdirectory.
fn stories(dir: &Path) -> Result<Vec<Story>> {
    let mut out = Vec::new();
    if dir.join("articles").is_dir() {
        for (id, articles) in basil::by_triplet(basil::read(dir)?) {
            out.push(Story {
                id,
                articles,
                manifest: None,
            });
        }
    } else {
        let mut subdirs: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        subdirs.sort();
        for sub in subdirs {
            let loaded = crate::load::load(&[sub.display().to_string()], &LoadOptions::default())?;
            let id = sub
                .file_name()
                .map_or_else(|| sub.display().to_string(), |n| n.to_string_lossy().into());
            out.push(Story {
                id,
                articles: loaded.articles,
                manifest: loaded.manifest,
            });
        }
    }
    out.retain(|s| s.articles.len() >= 2);
    if out.is_empty() {
        return Err(Error::Eval(format!(
            "{}: eval validity needs stories of two or more articles (a BASIL directory, or one \
             subdirectory of article files per story)",
            dir.display()
        )));
    }
    Ok(out)
}

fn compare(
    articles: Vec<RawArticle>,
    manifest: Option<Manifest>,
    engine: &Engine,
) -> Result<Comparison> {
    crate::compare(
        Loaded {
            articles,
            manifest,
            skipped: Vec::new(),
        },
        engine,
    )
}

fn score_of<'a>(c: &'a Comparison, id: &str) -> Option<&'a Score> {
    c.report
        .outlets
        .iter()
        .find(|o| o.article == id)?
        .score
        .as_ref()
}

/// Names of the sentences, most frequent first (ties: first seen), of three letters or more.
fn names<'a>(sentences: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut order = 0;
    for s in sentences {
        for n in crate::extract::names(s) {
            if n.text.chars().filter(|c| c.is_alphabetic()).count() < 3 {
                continue;
            }
            order += 1;
            seen.entry(n.text).or_insert((0, order)).0 += 1;
        }
    }
    let mut v: Vec<(String, (usize, usize))> = seen.into_iter().collect();
    v.sort_by_key(|(_, (count, first))| (std::cmp::Reverse(*count), *first));
    v.into_iter().map(|(n, _)| n).collect()
}

/// The inflected reporting verbs of the speech lexicon ("said", "tells"; not "say", "telling").
fn inflected_verbs(engine: &Engine) -> Vec<String> {
    let all = engine.speech.verbs();
    let base = |w: &str| {
        let plural = w.strip_suffix('y').map(|s| format!("{s}ies"));
        all.iter().any(|v| {
            *v == format!("{w}s") || *v == format!("{w}es") || Some(v.to_string()) == plural
        })
    };
    all.iter()
        .filter(|v| !v.ends_with("ing") && !base(v))
        .map(|v| v.to_string())
        .collect()
}

/// What the generators know about article `id` of the baseline comparison.
fn context(base: &Comparison, id: &str, verbs: &[String], donor: &Donor) -> Context {
    let doc = base.docs.iter().find(|d| d.article.id == id);
    let sentences: Vec<String> = doc.map_or_else(Vec::new, |d| {
        d.sentences.iter().map(|s| s.text.clone()).collect()
    });
    let r = &base.report;
    let shared = r
        .facts
        .iter()
        .filter(|f| f.support >= 2)
        .flat_map(|f| {
            let others: Vec<String> = f
                .members
                .iter()
                .filter(|m| m.article != id)
                .map(|m| m.text.clone())
                .collect();
            f.members
                .iter()
                .filter(|m| m.article == id)
                .map(move |m| (m.text.clone(), others.clone()))
        })
        .collect();
    let quotes = r
        .quotes
        .iter()
        .filter(|q| {
            q.article == id
                && matches!(
                    q.fidelity,
                    Fidelity::Verbatim | Fidelity::MinorEdit | Fidelity::Truncated
                )
        })
        .map(|q| (q.text.clone(), q.speaker.clone()))
        .collect();
    let mut quoted: BTreeMap<&str, usize> = BTreeMap::new();
    for q in &r.quotes {
        if let Some(s) = q.speaker.as_deref() {
            if s.contains(' ') && s.starts_with(char::is_uppercase) {
                *quoted.entry(s).or_default() += 1;
            }
        }
    }
    let mut speakers: Vec<(&str, usize)> = quoted.into_iter().collect();
    speakers.sort_by_key(|&(_, k)| std::cmp::Reverse(k));
    Context {
        names: names(sentences.iter().map(String::as_str)),
        speakers: speakers.into_iter().map(|(s, _)| s.to_string()).collect(),
        story_names: names(
            base.docs
                .iter()
                .flat_map(|d| d.sentences.iter().map(|s| s.text.as_str())),
        ),
        sentences,
        shared,
        quotes,
        donor: donor.clone(),
        verbs: verbs.to_vec(),
    }
}

/// A donor article of another story: its headline and sentences.
type Donor = Option<(Option<String>, Vec<String>)>;

/// The last words of the first `k` names: "Obama" for "Barack Obama" and "Obama".
fn surnames(names: &[String], k: usize) -> Vec<String> {
    names
        .iter()
        .take(k)
        .filter_map(|n| n.split_whitespace().last().map(str::to_string))
        .collect()
}

/// An article of another story whose main actors are not this story's (BASIL holds several
/// stories on one subject: a donor from one of those would not be off-topic).
fn donor(stories: &[Story], i: usize, base: &Comparison, engine: &Engine) -> Donor {
    let own = surnames(
        &names(
            base.docs
                .iter()
                .flat_map(|d| d.sentences.iter().map(|s| s.text.as_str())),
        ),
        5,
    );
    let mut rng = SplitMix(seed_of(&format!("{SEED}/{}/donor", stories[i].id)));
    let mut others: Vec<usize> = (0..stories.len()).filter(|&j| j != i).collect();
    for k in (1..others.len()).rev() {
        others.swap(k, rng.below(k + 1));
    }
    others.into_iter().find_map(|j| {
        let other = &stories[j];
        let raw = other.articles[rng.below(other.articles.len())].clone();
        let doc = crate::segment::segment(crate::clean::clean(raw, &engine.rules));
        let sentences: Vec<String> = doc.sentences.iter().map(|s| s.text.clone()).collect();
        let theirs = surnames(&names(sentences.iter().map(String::as_str)), 5);
        theirs
            .iter()
            .all(|n| !own.contains(n))
            .then(|| (doc.article.headline.clone(), sentences))
    })
}

/// One perturbed article, compared and judged.
struct Case {
    family: usize,
    story: String,
    article: String,
    outlet: String,
    variant: String,
    changed: String,
    before: Score,
    after: Option<Score>,
    /// Why the perturbed story could not be compared.
    error: Option<String>,
    behaves: bool,
    /// Criteria that lost points (degradations) or moved (neutral changes).
    moved: Vec<String>,
    /// The article's findings by kind, before and after.
    findings: [BTreeMap<String, usize>; 2],
}

enum Outcome {
    Judged(Box<Case>),
    Skipped(usize),
}

/// An article's findings, counted by kind.
fn findings(c: &Comparison, id: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for f in c.report.findings.iter().filter(|f| f.article == id) {
        *out.entry(f.kind.clone()).or_default() += 1;
    }
    out
}

fn part<'a>(s: &'a Score, criterion: &str) -> Option<&'a Part> {
    s.parts.iter().find(|p| p.criterion == criterion)
}

/// A part lost points, or is no longer measured having had some.
fn lost(before: &Part, after: Option<&Part>) -> bool {
    let Some(p0) = before.points else {
        return false;
    };
    match after.and_then(|a| a.points) {
        Some(p1) => p1 < p0 - 1e-9,
        None => p0 > 0.0,
    }
}

fn moved_at_all(before: &Part, after: Option<&Part>) -> bool {
    match (before.points, after.and_then(|a| a.points)) {
        (Some(a), Some(b)) => (a - b).abs() > 1e-9,
        (None, None) => false,
        _ => true,
    }
}

/// Whether the case behaves, and the criteria that moved.
fn judge(expect: Expect, before: &Score, after: Option<&Score>) -> (bool, Vec<String>) {
    let Some(after) = after else {
        return (false, Vec::new());
    };
    let delta = after.points - before.points;
    match expect {
        Expect::Lower(metrics) => {
            let lost: Vec<&Part> = before
                .parts
                .iter()
                .filter(|p| lost(p, part(after, &p.criterion)))
                .collect();
            let listed = lost.iter().any(|p| metrics.contains(&p.metric.as_str()));
            (
                delta <= -DEGRADATION_DROP + 1e-9 && listed,
                lost.iter().map(|p| p.criterion.clone()).collect(),
            )
        }
        Expect::Same => (
            delta.abs() <= NEUTRAL_TOLERANCE + 1e-9,
            before
                .parts
                .iter()
                .filter(|p| moved_at_all(p, part(after, &p.criterion)))
                .map(|p| p.criterion.clone())
                .collect(),
        ),
    }
}

/// The baseline and every family's case of story `i`.
fn run_story(stories: &[Story], i: usize, engine: &Engine, verbs: &[String]) -> Vec<Outcome> {
    let story = &stories[i];
    let Ok(base) = compare(story.articles.clone(), story.manifest.clone(), engine) else {
        return (0..FAMILIES.len()).map(Outcome::Skipped).collect();
    };
    let donor = donor(stories, i, &base, engine);
    let n = story.articles.len();
    let mut out = Vec::new();
    for (fi, family) in FAMILIES.iter().enumerate() {
        let target = &story.articles[(i + fi) % n];
        let Some(before) = score_of(&base, &target.id) else {
            out.push(Outcome::Skipped(fi));
            continue;
        };
        let ctx = context(&base, &target.id, verbs, &donor);
        let mut rng = SplitMix(seed_of(&format!("{SEED}/{}/{}", story.id, family.name)));
        let Some(p) = (family.generate)(&target.text, &ctx, &mut rng) else {
            out.push(Outcome::Skipped(fi));
            continue;
        };
        let mut articles = story.articles.clone();
        let mut manifest = story.manifest.clone();
        let changed = &mut articles[(i + fi) % n];
        changed.text = p.text;
        if let Some(new_id) = &p.id {
            // The publisher a manifest gave the article follows it to its new name.
            if let Some(m) = manifest.as_mut() {
                if let Some(o) = m.articles.remove(&changed.id) {
                    m.articles.insert(new_id.clone(), o);
                }
            }
            changed.path = changed.path.replace(&changed.id, new_id);
            changed.id = new_id.clone();
        }
        let new_id = changed.id.clone();
        let (after, error, found) = match compare(articles, manifest, engine) {
            Ok(c) => (score_of(&c, &new_id).cloned(), None, findings(&c, &new_id)),
            Err(e) => (None, Some(e.to_string()), BTreeMap::new()),
        };
        let (behaves, moved) = judge(family.expect, before, after.as_ref());
        let outlet = base
            .report
            .outlets
            .iter()
            .find(|o| o.article == target.id)
            .map_or_else(String::new, |o| o.outlet.clone());
        out.push(Outcome::Judged(Box::new(Case {
            family: fi,
            story: story.id.clone(),
            article: target.id.clone(),
            outlet,
            variant: p.variant,
            changed: p.changed,
            before: before.clone(),
            after,
            error,
            behaves,
            moved,
            findings: [findings(&base, &target.id), found],
        })));
    }
    out
}

/// One part of a misbehaving case, before and after.
#[derive(Serialize)]
struct PartDelta<'a> {
    criterion: &'a str,
    metric: &'a str,
    value_before: Option<f64>,
    value_after: Option<f64>,
    points_before: Option<f64>,
    points_after: Option<f64>,
}

/// A misbehaving case, as `eval validity --dump FILE` writes it.
#[derive(Serialize)]
struct Dumped<'a> {
    story: &'a str,
    article: &'a str,
    outlet: &'a str,
    family: &'a str,
    variant: &'a str,
    score_before: f64,
    score_after: Option<f64>,
    error: Option<&'a str>,
    moved: &'a [String],
    findings_before: &'a BTreeMap<String, usize>,
    findings_after: &'a BTreeMap<String, usize>,
    parts: Vec<PartDelta<'a>>,
    changed: &'a str,
}

fn dumped(c: &Case) -> Dumped<'_> {
    Dumped {
        story: &c.story,
        article: &c.article,
        outlet: &c.outlet,
        family: FAMILIES[c.family].name,
        variant: &c.variant,
        score_before: c.before.points,
        score_after: c.after.as_ref().map(|s| s.points),
        error: c.error.as_deref(),
        moved: &c.moved,
        findings_before: &c.findings[0],
        findings_after: &c.findings[1],
        parts: c
            .before
            .parts
            .iter()
            .map(|p| {
                let a = c.after.as_ref().and_then(|s| part(s, &p.criterion));
                PartDelta {
                    criterion: &p.criterion,
                    metric: &p.metric,
                    value_before: p.value,
                    value_after: a.and_then(|a| a.value),
                    points_before: p.points,
                    points_after: a.and_then(|a| a.points),
                }
            })
            .collect(),
        changed: &c.changed,
    }
}

pub fn run(paths: &[PathBuf]) -> Result<EvalResult> {
    run_dump(paths, None)
}

/// [`run`], writing every misbehaving case to `dump` (JSON lines) when given.
pub fn run_dump(paths: &[PathBuf], dump: Option<&Path>) -> Result<EvalResult> {
    let [dir] = paths else {
        return Err(Error::Eval(
            "eval validity takes one directory: BASIL, or one subdirectory per story".into(),
        ));
    };
    let engine = Engine::builtin()?;
    let verbs = inflected_verbs(&engine);
    let stories = stories(dir)?;
    let outcomes: Vec<Vec<Outcome>> = (0..stories.len())
        .into_par_iter()
        .map(|i| run_story(&stories, i, &engine, &verbs))
        .collect();
    let mut judged = vec![0usize; FAMILIES.len()];
    let mut behaving = vec![0usize; FAMILIES.len()];
    let mut skipped = vec![0usize; FAMILIES.len()];
    let mut moved: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); FAMILIES.len()];
    let mut lines = String::new();
    for o in outcomes.iter().flatten() {
        match o {
            Outcome::Skipped(f) => skipped[*f] += 1,
            Outcome::Judged(c) => {
                judged[c.family] += 1;
                for m in &c.moved {
                    *moved[c.family].entry(m.clone()).or_default() += 1;
                }
                if c.behaves {
                    behaving[c.family] += 1;
                } else if dump.is_some() {
                    let line = serde_json::to_string(&dumped(c))
                        .map_err(|e| Error::Eval(e.to_string()))?;
                    lines.push_str(&line);
                    lines.push('\n');
                }
            }
        }
    }
    if let Some(file) = dump {
        crate::output::write_atomic(file, lines.as_bytes())?;
    }
    let mut metrics: Vec<(String, f64)> = Vec::new();
    let mut details = BTreeMap::new();
    let (mut worst_lower, mut worst_same) = (f64::INFINITY, f64::INFINITY);
    for (f, family) in FAMILIES.iter().enumerate() {
        let share = behaving[f] as f64 / judged[f].max(1) as f64;
        metrics.push((format!("{}_share", family.name), share));
        metrics.push((format!("{}_n", family.name), judged[f] as f64));
        metrics.push((format!("{}_skipped", family.name), skipped[f] as f64));
        if judged[f] > 0 {
            let worst = match family.expect {
                Expect::Lower(_) => &mut worst_lower,
                Expect::Same => &mut worst_same,
            };
            *worst = worst.min(share);
        }
        // Most often first; ties by criterion id (the map's order).
        let top = moved[f]
            .iter()
            .fold(None::<(&String, usize)>, |best, (c, &k)| match best {
                Some((_, b)) if b >= k => best,
                _ => Some((c, k)),
            });
        let text = match top {
            Some((c, k)) => format!("{c} ({k} of {})", judged[f]),
            None => format!("none (0 of {})", judged[f]),
        };
        details.insert(format!("{}_moved", family.name), text);
    }
    let finite = |x: f64| if x.is_finite() { x } else { 0.0 };
    metrics.push(("degradation_min_share".into(), finite(worst_lower)));
    metrics.push(("neutral_min_share".into(), finite(worst_same)));
    let mut result = EvalResult::new(
        "validity",
        judged.iter().sum(),
        metrics.iter().map(|(k, v)| (k.as_str(), *v)),
    );
    result.details = details;
    Ok(result)
}
