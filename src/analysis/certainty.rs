//! Certainty shifts: one fact, reported with different degrees of certainty by different outlets.
//!
//! *What it finds*: for each fact of the [`Alignment`] (sentences of several outlets that report
//! the same thing), the member sentences are compared through the cues the hedging analysis
//! already found in them (only those in the outlet's own voice; nothing is extracted again):
//! - `hedged_vs_asserted`: one outlet's sentence hedges the fact ("may", "reportedly", "it is
//!   believed") while another outlet's sentence states it with no hedge and no attribution (no
//!   reporting verb in the author's voice, no quotation marks);
//! - `reporting_stance`: the reporting verbs of the author's voice differ in stance between outlets
//!   (one writes "said", neutral; another "claimed", doubting; "admitted", conceding; "insisted",
//!   asserting).
//!
//! Each [`CertaintyShift`] names the fact (index into `alignment.facts`), its kind, and the
//! sentences that show it, each with what was found: the hedges, `asserted` (no hedge, no
//! attribution), or the reporting verbs with their stance.
//!
//! *Why*: readers judge a report by how sure it sounds; the same fact hedged by one outlet and
//! flatly asserted by another, or "said" against "claimed", is a difference in framing a reader
//! cannot see without putting the reports side by side.
//!
//! *Limitations*: as good as the alignment (a fact reported in other words is not a fact here) and
//! the lexicons; a hedge anywhere in a sentence counts for the whole sentence (no scope), so a
//! hedged subordinate clause about something else still makes the sentence hedged; the stance of a
//! reporting verb is that of its lexicon group, whatever its subject.

use serde::Serialize;

use crate::align::{Alignment, SentenceRef};
use crate::analysis::hedging::Hedging;
use crate::extract::cues::{quoted_ranges, Cue, CueKind, Stance, Voice};
use crate::model::Document;

/// What differs between the outlets' sentences of a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShiftKind {
    /// One outlet hedges the fact, another asserts it without hedge or attribution.
    HedgedVsAsserted,
    /// The author-voice reporting verbs differ in stance.
    ReportingStance,
}

/// One certainty shift of one fact.
#[derive(Debug, Clone, Serialize)]
pub struct CertaintyShift {
    /// Index of the fact in `alignment.facts`.
    pub fact: usize,
    pub kind: ShiftKind,
    /// The sentences that show the shift, each with what was found in it: `hedge: may, reportedly`,
    /// `asserted`, or `said (neutral)`, `claimed (doubting)`.
    pub sentences: Vec<(SentenceRef, String)>,
}

/// What one member sentence carries in the author's voice.
struct Member<'a> {
    at: SentenceRef,
    hedges: Vec<&'a Cue>,
    verbs: Vec<(&'a Cue, Stance)>,
    quoted: bool,
}

/// Finds the certainty shifts of every fact. `hedging` is the hedging analysis of the same
/// documents; `outlet_of[d]` names document `d`'s outlet (sentences of one outlet are never
/// contrasted with each other).
pub fn analyse(
    docs: &[Document],
    alignment: &Alignment,
    hedging: &Hedging,
    outlet_of: &[String],
) -> Vec<CertaintyShift> {
    let mut out = Vec::new();
    for (fi, fact) in alignment.facts.iter().enumerate() {
        let members: Vec<Member> = fact
            .members
            .iter()
            .filter(|at| at.doc < docs.len() && at.doc < hedging.articles.len())
            .map(|&at| member(docs, hedging, at))
            .collect();
        let outlet = |m: &Member| outlet_of.get(m.at.doc).map(String::as_str).unwrap_or("");
        // (a) hedged in one outlet, asserted flatly in another.
        let hedged: Vec<&Member> = members.iter().filter(|m| !m.hedges.is_empty()).collect();
        let asserted: Vec<&Member> = members
            .iter()
            .filter(|m| m.hedges.is_empty() && m.verbs.is_empty() && !m.quoted)
            .collect();
        if hedged
            .iter()
            .any(|h| asserted.iter().any(|a| outlet(h) != outlet(a)))
        {
            let mut sentences: Vec<(SentenceRef, String)> = hedged
                .iter()
                .map(|m| {
                    let words: Vec<&str> = m.hedges.iter().map(|c| c.text.as_str()).collect();
                    (m.at, format!("hedge: {}", words.join(", ")))
                })
                .chain(asserted.iter().map(|m| (m.at, "asserted".to_string())))
                .collect();
            sentences.sort_by_key(|(at, _)| *at);
            out.push(CertaintyShift {
                fact: fi,
                kind: ShiftKind::HedgedVsAsserted,
                sentences,
            });
        }
        // (b) reporting verbs of different stances in different outlets.
        let reporting: Vec<&Member> = members.iter().filter(|m| !m.verbs.is_empty()).collect();
        let differs = reporting.iter().any(|a| {
            reporting.iter().any(|b| {
                outlet(a) != outlet(b)
                    && a.verbs
                        .iter()
                        .any(|(_, sa)| b.verbs.iter().all(|(_, sb)| sa != sb))
            })
        });
        if differs {
            let mut sentences: Vec<(SentenceRef, String)> = reporting
                .iter()
                .map(|m| {
                    let verbs: Vec<String> = m
                        .verbs
                        .iter()
                        .map(|(c, s)| format!("{} ({})", c.text, stance_name(*s)))
                        .collect();
                    (m.at, verbs.join(", "))
                })
                .collect();
            sentences.sort_by_key(|(at, _)| *at);
            out.push(CertaintyShift {
                fact: fi,
                kind: ShiftKind::ReportingStance,
                sentences,
            });
        }
    }
    out
}

fn member<'a>(docs: &[Document], hedging: &'a Hedging, at: SentenceRef) -> Member<'a> {
    let a = &hedging.articles[at.doc];
    let own = a
        .cues
        .iter()
        .zip(&a.cue_sentences)
        .filter(|(c, &s)| s == at.sentence && c.voice == Voice::Author)
        .map(|(c, _)| c);
    let mut hedges = Vec::new();
    let mut verbs = Vec::new();
    for c in own {
        match c.kind {
            CueKind::Hedge => hedges.push(c),
            CueKind::ReportingVerb { stance } => verbs.push((c, stance)),
            _ => {}
        }
    }
    let quoted = docs[at.doc]
        .sentences
        .get(at.sentence)
        .is_some_and(|s| !quoted_ranges(&s.text, false).0.is_empty());
    Member {
        at,
        hedges,
        verbs,
        quoted,
    }
}

fn stance_name(s: Stance) -> &'static str {
    match s {
        Stance::Neutral => "neutral",
        Stance::Doubting => "doubting",
        Stance::Conceding => "conceding",
        Stance::Asserting => "asserting",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Fact;
    use crate::extract::CueLexicon;

    fn doc(id: &str, publisher: &str, body: &str) -> Document {
        crate::segment::segment(crate::analysis::test_article(id, publisher, body))
    }

    /// One fact per entry: the first sentence of each listed document.
    fn alignment(facts: &[&[usize]]) -> Alignment {
        Alignment {
            facts: facts
                .iter()
                .enumerate()
                .map(|(i, docs)| Fact {
                    id: format!("F{}", i + 1),
                    members: docs
                        .iter()
                        .map(|&d| SentenceRef {
                            doc: d,
                            sentence: 0,
                        })
                        .collect(),
                    docs: docs.to_vec(),
                    cohesion: 0.9,
                    conflicts: Vec::new(),
                })
                .collect(),
            ..Alignment::default()
        }
    }

    fn run(bodies: &[(&str, &str)], facts: &[&[usize]]) -> Vec<CertaintyShift> {
        let docs: Vec<Document> = bodies
            .iter()
            .enumerate()
            .map(|(i, (outlet, body))| doc(&format!("d{i}"), outlet, body))
            .collect();
        let outlets: Vec<String> = bodies.iter().map(|(o, _)| o.to_string()).collect();
        let h = crate::analysis::hedging::analyse(&docs, CueLexicon::builtin().unwrap());
        analyse(&docs, &alignment(facts), &h, &outlets)
    }

    #[test]
    fn a_hedged_fact_against_a_flat_assertion() {
        let shifts = run(
            &[
                ("North", "The reservoir may have lost a third of its water."),
                ("South", "The reservoir lost a third of its water."),
                (
                    "East",
                    "The reservoir lost a third of its water, engineers said.",
                ),
            ],
            &[&[0, 1, 2]],
        );
        // Only one outlet has a reporting verb: no stance difference.
        assert_eq!(shifts.len(), 1, "{shifts:?}");
        let s = &shifts[0];
        assert_eq!((s.fact, s.kind), (0, ShiftKind::HedgedVsAsserted));
        let at = |d| SentenceRef {
            doc: d,
            sentence: 0,
        };
        // The attributed sentence is neither hedged nor asserted.
        assert_eq!(
            s.sentences,
            vec![
                (at(0), "hedge: may".to_string()),
                (at(1), "asserted".to_string())
            ]
        );
    }

    #[test]
    fn no_shift_when_every_outlet_hedges_or_attributes() {
        let shifts = run(
            &[
                ("North", "The reservoir may have lost a third of its water."),
                (
                    "South",
                    "The reservoir reportedly lost a third of its water.",
                ),
                (
                    "East",
                    "The reservoir lost a third of its water, engineers said.",
                ),
                ("West", "The reservoir lost “a third” of its water."),
            ],
            &[&[0, 1, 2, 3]],
        );
        assert!(
            shifts.iter().all(|s| s.kind != ShiftKind::HedgedVsAsserted),
            "{shifts:?}"
        );
    }

    #[test]
    fn one_outlet_is_never_contrasted_with_itself() {
        let shifts = run(
            &[
                ("North", "The dam may fail within the month."),
                ("North", "The dam will fail within the month."),
            ],
            &[&[0, 1]],
        );
        assert!(shifts.is_empty(), "{shifts:?}");
    }

    #[test]
    fn reporting_verbs_of_different_stances() {
        let shifts = run(
            &[
                ("North", "The mayor said the budget was balanced."),
                ("South", "The mayor claimed the budget was balanced."),
                ("East", "The mayor stated the budget was balanced."),
                ("West", "The budget was balanced, the mayor admitted."),
            ],
            &[&[0, 1, 2, 3], &[0, 2]],
        );
        assert_eq!(shifts.len(), 1, "{shifts:?}");
        let s = &shifts[0];
        assert_eq!((s.fact, s.kind), (0, ShiftKind::ReportingStance));
        let what: Vec<&str> = s.sentences.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(
            what,
            [
                "said (neutral)",
                "claimed (doubting)",
                "stated (neutral)",
                "admitted (conceding)"
            ]
        );
    }

    #[test]
    fn quoted_hedges_are_the_speakers() {
        let shifts = run(
            &[
                (
                    "North",
                    "The mayor called it “a budget that might balance itself.”",
                ),
                ("South", "The budget was balanced."),
            ],
            &[&[0, 1]],
        );
        // The quoted "might" is not the outlet's hedge: no hedged-vs-asserted shift.
        assert!(
            shifts.iter().all(|s| s.kind != ShiftKind::HedgedVsAsserted),
            "{shifts:?}"
        );
    }
}
