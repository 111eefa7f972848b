//! Placement: where each outlet puts each consensus fact of the alignment (headline, lead, body,
//! last third), and `placement` findings — a consensus fact one outlet puts in its last third while
//! others lead with it; a fact only one of several reporting outlets leads with.
//!
//! *Does not measure* whether a fact is true or how it is worded, nor the placement of facts the
//! alignment did not find in several outlets; the position is that of the first sentence stating
//! the fact, with the headline told by shared content stems.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::align::Alignment;
use crate::model::Document;

use super::common::content_stems;
use super::config::FramingConfig;
use super::Finding;

/// Where one outlet places one fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Headline,
    Lead,
    Body,
    LastThird,
}

impl Position {
    pub fn as_str(self) -> &'static str {
        match self {
            Position::Headline => "headline",
            Position::Lead => "lead",
            Position::Body => "body",
            Position::LastThird => "last third",
        }
    }
    fn leads(self) -> bool {
        matches!(self, Position::Headline | Position::Lead)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacedAt {
    pub article: String,
    pub outlet: String,
    pub position: Position,
    pub sentence: usize,
}

/// The placement of one consensus fact in each outlet that reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactPlacement {
    pub fact: String,
    pub outlets: usize,
    pub places: Vec<PlacedAt>,
}

/// The placement of each consensus fact in each outlet reporting it, pushing `placement`
/// findings. `outlet_of[d]` names document `d`'s outlet.
pub(super) fn placement(
    docs: &[Document],
    alignment: &Alignment,
    outlet_of: &[String],
    consensus_share: f64,
    cfg: &FramingConfig,
    findings: &mut Vec<Finding>,
) -> Vec<FactPlacement> {
    let p = &cfg.placement;
    let all_outlets: BTreeSet<&str> = outlet_of.iter().map(String::as_str).collect();
    let need = ((consensus_share * all_outlets.len() as f64).ceil() as usize).max(2);
    let headline_stems: Vec<BTreeSet<String>> = docs
        .iter()
        .map(|d| {
            d.article
                .headline
                .as_deref()
                .map(|h| content_stems(h).into_iter().map(|s| s.0).collect())
                .unwrap_or_default()
        })
        .collect();
    let mut out = Vec::new();
    for fact in &alignment.facts {
        let fact_outlets: BTreeSet<&str> = fact
            .docs
            .iter()
            .filter_map(|&d| outlet_of.get(d).map(String::as_str))
            .collect();
        let consensus = fact_outlets.len() >= need;
        let reporting = fact_outlets.len() >= p.min_reporting;
        if !consensus && !reporting {
            continue;
        }
        let mut places: Vec<PlacedAt> = Vec::new();
        for &di in &fact.docs {
            let Some(si) = fact
                .members
                .iter()
                .filter(|m| m.doc == di)
                .map(|m| m.sentence)
                .min()
            else {
                continue;
            };
            let d = &docs[di];
            let stems: BTreeSet<String> = d.sentences[si]
                .tokens
                .iter()
                .map(|t| t.stem.clone())
                .collect();
            let hs = &headline_stems[di];
            let overlap = if hs.is_empty() {
                0.0
            } else {
                hs.iter().filter(|s| stems.contains(*s)).count() as f64 / hs.len() as f64
            };
            let n = d.sentences.len().max(1);
            let position = if overlap >= p.headline_overlap {
                Position::Headline
            } else if first_paragraphs(d, p.lead_paragraphs).contains(&d.sentences[si].paragraph) {
                Position::Lead
            } else if si as f64 >= p.last_third * n as f64 {
                Position::LastThird
            } else {
                Position::Body
            };
            places.push(PlacedAt {
                article: d.article.id.clone(),
                outlet: outlet_of.get(di).cloned().unwrap_or_default(),
                position,
                sentence: si,
            });
        }
        let leading: Vec<&PlacedAt> = places.iter().filter(|x| x.position.leads()).collect();
        let lead_outlets: BTreeSet<&str> = leading.iter().map(|x| x.outlet.as_str()).collect();
        let doc_of = |a: &str| docs.iter().position(|d| d.article.id == a).unwrap_or(0);
        if consensus {
            for x in places.iter().filter(|x| x.position == Position::LastThird) {
                let others: Vec<&&PlacedAt> =
                    leading.iter().filter(|l| l.outlet != x.outlet).collect();
                let other_outlets: BTreeSet<&str> =
                    others.iter().map(|l| l.outlet.as_str()).collect();
                if other_outlets.len() >= p.min_leading {
                    let d = doc_of(&x.article);
                    let mut evidence = vec![(d, x.sentence)];
                    evidence.extend(others.iter().map(|l| (doc_of(&l.article), l.sentence)));
                    findings.push(Finding {
                        kind: "placement".into(),
                        doc: d,
                        fact: Some(fact.id.clone()),
                        text: format!(
                            "Puts {} in its last third (sentence {} of {}) while {} lead with it: {}",
                            fact.id,
                            x.sentence + 1,
                            docs[d].sentences.len(),
                            other_outlets.len(),
                            other_outlets.iter().copied().collect::<Vec<_>>().join(", ")
                        ),
                        evidence,
                    });
                }
            }
        }
        if reporting && lead_outlets.len() == 1 {
            let only = lead_outlets.iter().next().copied().unwrap_or("");
            let lead = leading[0];
            let d = doc_of(&lead.article);
            let others: Vec<&PlacedAt> = places.iter().filter(|x| x.outlet != only).collect();
            let mut evidence = vec![(d, lead.sentence)];
            evidence.extend(others.iter().map(|x| (doc_of(&x.article), x.sentence)));
            findings.push(Finding {
                kind: "placement".into(),
                doc: d,
                fact: Some(fact.id.clone()),
                text: format!(
                    "Leads with {} ({}), which the {} other outlets reporting it place lower: {}",
                    fact.id,
                    lead.position.as_str(),
                    others
                        .iter()
                        .map(|x| x.outlet.as_str())
                        .collect::<BTreeSet<_>>()
                        .len(),
                    others
                        .iter()
                        .map(|x| format!("{} ({})", x.outlet, x.position.as_str()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                evidence,
            });
        }
        if consensus {
            out.push(FactPlacement {
                fact: fact.id.clone(),
                outlets: fact_outlets.len(),
                places,
            });
        }
    }
    out
}

/// Indices of the first `n` paragraphs that hold sentences.
fn first_paragraphs(d: &Document, n: usize) -> BTreeSet<usize> {
    let mut seen = BTreeSet::new();
    for s in &d.sentences {
        if seen.len() >= n && !seen.contains(&s.paragraph) {
            break;
        }
        seen.insert(s.paragraph);
    }
    seen
}
