//! Analyses: from segmented documents (and the fact alignment) to per-article and per-outlet
//! measurements and findings.
//!
//! Each analysis is a small module with one job: it reads [`crate::model::Document`]s (and, where it
//! needs them, the [`crate::align::Alignment`]), and returns its own serialisable result, which the
//! report carries as it is. Word lists and thresholds are data in `rubrics/`.
//!
//! The registry is [`Analyses`] and [`run`]: one field and one line per analysis. A new analysis
//! adds its module, its field, its line in `run`, and reads its settings from [`Settings`] (which the
//! crate's `Engine` lends).

pub mod certainty;
pub mod framing;
pub mod hedging;
pub mod quotes;
pub mod sections;
pub mod support;

use crate::align::Alignment;
use crate::align::FactsConfig;
use crate::extract::cues::CueLexicon;
use crate::extract::quotes::Lexicon;
use crate::extract::tone::ToneLexicon;
use crate::model::Document;

/// What the analyses read as data (word lists, thresholds), borrowed from the engine.
#[derive(Debug, Clone, Copy)]
pub struct Settings<'a> {
    pub cues: &'a CueLexicon,
    pub speech: &'a Lexicon,
    pub tone: &'a ToneLexicon,
    pub facts: &'a FactsConfig,
    pub sections: &'a sections::SectionsConfig,
    pub framing: &'a framing::FramingConfig,
}

/// The results of every analysis of one story.
#[derive(Debug, Clone)]
pub struct Analyses {
    /// Off-topic sections and paragraph runs ([`sections`]).
    pub offtopic: sections::OffTopic,
    /// Hedges, boosters, reporting verbs and loaded terms, with rates per outlet ([`hedging`]).
    pub hedging: hedging::Hedging,
    /// Sentences no other outlet supports and no source is named for ([`support`]).
    pub support: support::Support,
    /// Quotations with speakers, matched across outlets, fidelity and attribution ([`quotes`]).
    pub quotes: quotes::Quotes,
    /// Facts hedged by one outlet and asserted by another, or reported with verbs of different
    /// stance ([`certainty`]).
    pub certainty: Vec<certainty::CertaintyShift>,
    /// Actors, labels, tone toward them, voices, placement and headline support ([`framing`]).
    pub framing: framing::Framing,
}

/// Run every analysis. `outlet_of[d]` names document `d`'s outlet.
pub fn run(
    docs: &[Document],
    alignment: &Alignment,
    outlet_of: &[String],
    engine: Settings<'_>,
) -> Analyses {
    let hedging = hedging::analyse(docs, engine.cues);
    let support = support::analyse(docs, alignment, &hedging, outlet_of, engine.facts);
    let certainty = certainty::analyse(docs, alignment, &hedging, outlet_of);
    let quotes = quotes::analyse(docs, alignment, outlet_of, engine.speech);
    let framing = framing::analyse(
        docs,
        alignment,
        &quotes,
        outlet_of,
        engine.facts.consensus_share,
        engine.speech,
        engine.tone,
        engine.framing,
    );
    Analyses {
        offtopic: sections::analyse(
            docs,
            outlet_of,
            &alignment.claims,
            &engine.sections.offtopic,
        ),
        hedging,
        support,
        quotes,
        certainty,
        framing,
    }
}

/// A test article: `body`, published by `publisher`, and nothing else found.
#[cfg(test)]
pub(crate) fn test_article(id: &str, publisher: &str, body: &str) -> crate::model::Article {
    use crate::model::{Article, Format, Found};
    Article {
        body: body.into(),
        publisher: Some(Found {
            value: publisher.into(),
            from: "test".into(),
        }),
        ..Article::bare(id, Format::Text)
    }
}
