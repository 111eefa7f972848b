//! corroborate: compare how different outlets report the same news event.
//!
//! The library is a pipeline of stages, each with one job and one output type:
//!
//! ```text
//! load ──► clean ──► segment ──► report ──► render
//! RawArticle  Article  Document    Report     table | json
//! ```
//!
//! - [`load`] reads directories, files, globs or stdin in text, markdown, HTML, JSON or JSONL.
//! - [`clean`] strips web clutter by the rules in `rubrics/boilerplate.toml` and general heuristics,
//!   keeps every removed block with its reason, and finds publisher, wire source, headline, byline, date.
//! - [`segment`] splits the cleaned body into sections, paragraphs, sentences and stemmed tokens.
//! - [`align`] finds the facts the articles share; [`analysis`] measures each article and outlet
//!   (off-topic sections, …) through one registry.
//! - [`report`] builds the one serialisable [`report::Report`]; [`score`] scores each outlet under
//!   the rubric (`rubrics/default.toml`); [`render`] only formats it.
//!
//! The library never prints; the binary (`src/main.rs`) writes to the terminal and picks the exit code.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod align;
pub mod analysis;
pub mod audit;
pub mod clean;
pub mod cli;
pub mod dates;
pub mod error;
pub mod eval;
pub mod extract;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod report;
pub mod rng;
pub mod rules;
pub mod score;
pub mod segment;
pub mod text;

pub use error::{Error, ExitStatus, Result};

use model::Document;
use report::Report;

/// Everything the pipeline reads as data: cleaning rules, the same-fact model, alignment settings.
#[derive(Debug, Clone)]
pub struct Engine {
    pub rules: rules::Rules,
    pub model: align::similarity::Model,
    pub align: align::AlignConfig,
    pub sections: analysis::sections::SectionsConfig,
    /// Hedges, boosters, reporting verbs and loaded terms (`rubrics/lexicons/`), parsed once.
    pub cues: &'static extract::cues::CueLexicon,
    /// Reporting verbs, pronouns, roles and honorifics for quotations and speakers.
    pub speech: &'static extract::quotes::Lexicon,
    /// The reliability rubric (`rubrics/default.toml`, or `--rubric FILE`).
    pub rubric: score::Rubric,
    /// The tone lexicon (`rubrics/lexicons/tone.toml`), parsed once.
    pub tone: &'static extract::tone::ToneLexicon,
    /// Framing settings (`rubrics/framing.toml`).
    pub framing: analysis::framing::FramingConfig,
}

impl Engine {
    /// The settings the analyses read.
    pub fn analysis(&self) -> analysis::Settings<'_> {
        analysis::Settings {
            cues: self.cues,
            speech: self.speech,
            tone: self.tone,
            facts: &self.align.facts,
            sections: &self.sections,
            framing: &self.framing,
        }
    }

    /// The rules, model and settings compiled into the binary.
    pub fn builtin() -> Result<Engine> {
        Ok(Engine {
            rules: rules::Rules::builtin()?,
            model: align::similarity::Model::builtin()?,
            align: align::AlignConfig::builtin()?,
            sections: analysis::sections::SectionsConfig::builtin()?,
            cues: extract::cues::CueLexicon::builtin()?,
            speech: extract::quotes::Lexicon::builtin()?,
            rubric: score::Rubric::builtin()?,
            tone: extract::tone::ToneLexicon::builtin()?,
            framing: analysis::framing::FramingConfig::builtin()?,
        })
    }
}

/// What `compare` produces: the segmented articles, their alignment, and the report.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub docs: Vec<Document>,
    pub alignment: align::Alignment,
    pub report: Report,
}

/// Clean, segment and align every loaded article and build the report.
///
/// An article with nothing left after cleaning is skipped with that reason (comparing an empty text
/// would skew every figure after it); with no article left, the error names every input and why. A
/// manifest override naming no loaded article is a configuration error (exit 3).
pub fn compare(loaded: load::Loaded, engine: &Engine) -> Result<Comparison> {
    let title = loaded.manifest.as_ref().and_then(|m| m.title.clone());
    if let Some(m) = &loaded.manifest {
        let ids: Vec<&str> = loaded.articles.iter().map(|a| a.id.as_str()).collect();
        if let Some(unknown) = m.unknown_ids(&ids).first() {
            return Err(Error::Config {
                path: m.path.clone(),
                line: 1,
                reason: format!(
                    "[articles.{unknown}] names no loaded article (ids are file stems: {})",
                    ids.join(", ")
                ),
            });
        }
    }
    let mut skipped = loaded.skipped;
    let mut docs = Vec::with_capacity(loaded.articles.len());
    for raw in loaded.articles {
        let article = clean::clean(raw, &engine.rules);
        if article.body.trim().is_empty() {
            skipped.push(load::Skipped {
                reason: format!(
                    "the article is empty after cleaning (nothing but {} removed block(s))",
                    article.removed.len()
                ),
                path: article.path,
            });
            continue;
        }
        docs.push(segment::segment(article));
    }
    if docs.is_empty() {
        return Err(Error::NoArticles(load::no_article_reason(&skipped)));
    }
    let alignment = align::align(&docs, &engine.model, &engine.align);
    let outlet_of: Vec<String> = docs.iter().map(report::outlet_name).collect();
    let coverage = align::coverage(&alignment, &outlet_of, &engine.align);
    let analyses = analysis::run(&docs, &alignment, &outlet_of, engine.analysis());
    let mut report = Report::build(&docs, &alignment, &coverage, &analyses, title, skipped);
    score::score(&mut report, &engine.rubric);
    Ok(Comparison {
        docs,
        alignment,
        report,
    })
}
