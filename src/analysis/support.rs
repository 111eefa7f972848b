//! Unsupported sentences: checkable claims that no other outlet reports and no source is named for.
//!
//! *What it finds*: a sentence is **judged** when it has enough content words to be aligned and
//! something a reader could check: a name, a figure or a date, or a speculative or evaluative cue
//! (hedge, booster, loaded term). A judged sentence is
//! - `supported` when another outlet reports the same fact (it is in a fact with another outlet) or
//!   at least the same event (its best pair with another outlet's sentence reaches the alignment's
//!   `same-event-floor`);
//! - `attributed` when, failing that, it names where it comes from: a reporting verb in the
//!   outlet's own voice ("said", "according to") or a quotation;
//! - `reported` when, failing that too, it states a name, figure or date plainly: no hedge,
//!   booster or loaded term in the outlet's own voice. Material only this outlet has, told without
//!   speculation or evaluation (what its reporter saw, a document it read), is reporting, not an
//!   unsupported claim;
//! - `unsupported` otherwise: speculation, evaluation or prediction in the outlet's own voice that
//!   no other outlet backs and no source is named for (`speculative` when it carries a hedge:
//!   "may be trying to", "suggests").
//!
//! Per section: judged sentences, unsupported ones and their share, so that a section made of
//! unsupported speculation stands out.
//!
//! *Why*: machine-written summaries add claims that no reporter stands behind; a reader needs them
//! marked, with the nearest sentence another outlet wrote as the evidence of absence.
//!
//! *Limitations*: support is lexical (the alignment's), so a claim another outlet makes in entirely
//! different words counts as unsupported; a story with a single outlet has nothing to support it, so
//! nothing is judged. A background fact every reader knows but no other outlet states is reported.

use serde::Serialize;

use crate::align::{Alignment, SentenceRef};
use crate::analysis::hedging::Hedging;
use crate::extract::cues::{CueKind, Voice};
use crate::model::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Supported,
    Attributed,
    Reported,
    Unsupported,
}

/// One judged sentence.
#[derive(Debug, Clone, Serialize)]
pub struct Judged {
    pub doc: usize,
    pub sentence: usize,
    pub status: Status,
    /// Hedges in the outlet's own voice.
    pub hedges: Vec<String>,
    /// Its most similar sentence in another article, and the probability they report the same
    /// fact (below the same-event floor when unsupported).
    pub nearest: Option<(SentenceRef, f64)>,
}

/// Support figures of one section of one article.
#[derive(Debug, Clone, Serialize)]
pub struct SectionSupport {
    pub article: String,
    /// Index of the section in the article.
    pub section: usize,
    pub title: Option<String>,
    pub judged: usize,
    pub supported: usize,
    pub attributed: usize,
    /// Exclusive and plainly stated (see the module documentation): reporting, not unsupported.
    pub reported: usize,
    pub unsupported: usize,
    /// Unsupported over judged; `None` when nothing was judged.
    pub unsupported_share: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Support {
    /// Why nothing was judged, when nothing could be (a single outlet).
    pub not_judged: Option<String>,
    pub sentences: Vec<Judged>,
    pub sections: Vec<SectionSupport>,
}

/// Judge every sentence of the story. `hedging` is the hedging analysis of the same documents (its
/// cues are reused, not found again); the thresholds are the alignment's (`rubrics/alignment.toml`).
pub fn analyse(
    docs: &[Document],
    alignment: &Alignment,
    hedging: &Hedging,
    outlet_of: &[String],
    facts: &crate::align::FactsConfig,
) -> Support {
    let mut outlets: Vec<&str> = outlet_of.iter().map(String::as_str).collect();
    outlets.sort_unstable();
    outlets.dedup();
    if outlets.len() < 2 {
        return Support {
            not_judged: Some("a single outlet: no other outlet can support its claims".into()),
            sentences: Vec::new(),
            sections: Vec::new(),
        };
    }
    let mut sentences = Vec::new();
    let mut sections = Vec::new();
    for (di, d) in docs.iter().enumerate() {
        let cues = &hedging.articles[di];
        let mut per_section: Vec<[usize; 5]> = vec![[0; 5]; d.sections.len()];
        for &si in &alignment.eligible[di] {
            let at = SentenceRef {
                doc: di,
                sentence: si,
            };
            let own: Vec<&crate::extract::cues::Cue> = cues
                .cues
                .iter()
                .zip(&cues.cue_sentences)
                .filter(|(_, &s)| s == si)
                .map(|(c, _)| c)
                .collect();
            let author = |k: fn(&CueKind) -> bool| {
                own.iter()
                    .filter(|c| c.voice == Voice::Author && k(&c.kind))
                    .map(|c| c.text.clone())
                    .collect::<Vec<_>>()
            };
            let hedges = author(|k| matches!(k, CueKind::Hedge));
            let evaluative = !hedges.is_empty()
                || !author(|k| matches!(k, CueKind::Booster | CueKind::Loaded)).is_empty();
            let text = &d.sentences[si].text;
            let checkable = evaluative
                || alignment.claims.get(&at).is_some_and(|c| {
                    !c.names.is_empty() || !c.quantities.is_empty() || !c.times.is_empty()
                });
            if !checkable {
                continue;
            }
            let in_fact_with_other = alignment.fact_of.get(&at).is_some_and(|&f| {
                alignment.facts[f]
                    .docs
                    .iter()
                    .any(|&o| outlet_of[o] != outlet_of[di])
            });
            let nearest = alignment
                .best_other
                .get(&at)
                .copied()
                .filter(|(o, _)| outlet_of[o.doc] != outlet_of[di]);
            let attributed = !author(|k| matches!(k, CueKind::ReportingVerb { .. })).is_empty()
                || !crate::extract::cues::quoted_ranges(text, false)
                    .0
                    .is_empty();
            let needed = if hedges.is_empty() {
                facts.same_event_floor
            } else {
                facts.same_fact_threshold
            };
            let status = if in_fact_with_other || nearest.is_some_and(|(_, p)| p >= needed) {
                Status::Supported
            } else if attributed {
                Status::Attributed
            } else if !evaluative {
                Status::Reported
            } else {
                Status::Unsupported
            };
            let section = d.paragraphs[d.sentences[si].paragraph].section;
            let c = &mut per_section[section];
            c[0] += 1;
            c[match status {
                Status::Supported => 1,
                Status::Attributed => 2,
                Status::Reported => 3,
                Status::Unsupported => 4,
            }] += 1;
            sentences.push(Judged {
                doc: di,
                sentence: si,
                status,
                hedges,
                nearest,
            });
        }
        for (i, c) in per_section.into_iter().enumerate() {
            sections.push(SectionSupport {
                article: d.article.id.clone(),
                section: i,
                title: d.sections[i].title.clone(),
                judged: c[0],
                supported: c[1],
                attributed: c[2],
                reported: c[3],
                unsupported: c[4],
                unsupported_share: (c[0] > 0).then(|| c[4] as f64 / c[0] as f64),
            });
        }
    }
    Support {
        not_judged: None,
        sentences,
        sections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, RawArticle, SourceMeta};
    use crate::Engine;

    fn doc(id: &str, publisher: &str, text: &str) -> Document {
        let raw = RawArticle {
            id: id.into(),
            path: format!("{id}.txt"),
            format: Format::Json,
            text: text.into(),
            meta: SourceMeta {
                publisher: Some(publisher.into()),
                published: Some("2026-03-02".into()),
                ..SourceMeta::default()
            },
            removed: vec![],
        };
        crate::segment::segment(crate::clean::clean(raw, &Engine::builtin().unwrap().rules))
    }

    #[test]
    fn speculation_no_one_else_reports_is_unsupported_and_shared_facts_are_not() {
        let shared = "Dock workers at the port of Valmora ended a three-week strike on Monday after the harbour authority agreed to a 9% pay rise.";
        let docs = vec![
            doc(
                "a",
                "Harbour News",
                &format!("{shared}\n\nThe mayor may be trying to distract voters from the housing crisis in Eastfield before the election."),
            ),
            doc("b", "Coast Daily", &format!("{shared}\n\nUnion leader Marta Ruiz said its members voted to accept the offer on Sunday.")),
            doc("c", "Shipping Wire", &format!("{shared}\n\nThe freighter Marisol docked at Pier 4 at 6 a.m. on Tuesday with 312 containers of grain.")),
        ];
        let engine = Engine::builtin().unwrap();
        let outlets: Vec<String> = docs
            .iter()
            .map(|d| d.article.publisher.as_ref().unwrap().value.clone())
            .collect();
        let alignment = crate::align::align(&docs, &engine.model, &engine.align);
        let hedging = crate::analysis::hedging::analyse(&docs, engine.cues);
        let s = analyse(&docs, &alignment, &hedging, &outlets, &engine.align.facts);
        let status = |d: usize, si: usize| {
            s.sentences
                .iter()
                .find(|j| j.doc == d && j.sentence == si)
                .map(|j| j.status)
        };
        assert_eq!(status(0, 0), Some(Status::Supported), "{:#?}", s.sentences);
        assert_eq!(
            status(0, 1),
            Some(Status::Unsupported),
            "{:#?}",
            s.sentences
        );
        let j = s
            .sentences
            .iter()
            .find(|j| j.doc == 0 && j.sentence == 1)
            .unwrap();
        assert!(j.hedges.iter().any(|h| h.contains("may")), "{:?}", j.hedges);
        // A claim with a named source is attributed, not unsupported.
        assert_eq!(status(1, 1), Some(Status::Attributed), "{:#?}", s.sentences);
        // What only one outlet has, stated plainly (no speculation or evaluation), is reporting.
        assert_eq!(status(2, 1), Some(Status::Reported), "{:#?}", s.sentences);
        let a_sections: Vec<_> = s.sections.iter().filter(|x| x.article == "a").collect();
        assert_eq!(a_sections[0].unsupported_share, Some(0.5));

        // One outlet: nothing can be judged, and the report says why.
        let one = analyse(
            &docs[..1],
            &crate::align::align(&docs[..1], &engine.model, &engine.align),
            &crate::analysis::hedging::analyse(&docs[..1], engine.cues),
            &outlets[..1],
            &engine.align.facts,
        );
        assert!(one.sentences.is_empty() && one.not_judged.is_some());
    }
}
