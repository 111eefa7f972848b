//! The metrics a rubric can score: one registry, one entry per dotted metric id.
//!
//! Every metric is read from the finished [`Report`] (the score stage computes nothing the report
//! does not show) and is a ratio of sums over observable units — consensus facts, sentences,
//! quotations — so that a value always points at the units behind it, and the bootstrap in
//! [`super`] can resample those units to give the score an interval.

use std::collections::BTreeSet;

use crate::extract::cues::{CueKind, Voice};
use crate::report::{OutletReport, Report};

/// The observations behind one metric value: `value = scale * Σ num / Σ den`.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// One `(num, den)` pair per unit (a fact, a sentence, a quotation).
    pub units: Vec<(f64, f64)>,
    pub scale: f64,
}

impl Sample {
    /// The metric value; `None` when the units weigh nothing.
    pub fn value(&self) -> Option<f64> {
        ratio(self.units.iter().copied(), self.scale)
    }

    /// A sample of 0/1 units: `hits` ones among `n`.
    fn shares(hits: usize, n: usize) -> Option<Sample> {
        (n > 0).then(|| Sample {
            units: (0..n)
                .map(|i| (if i < hits { 1.0 } else { 0.0 }, 1.0))
                .collect(),
            scale: 1.0,
        })
    }
}

/// `scale * Σ num / Σ den`, `None` when `Σ den` is zero.
pub fn ratio(units: impl Iterator<Item = (f64, f64)>, scale: f64) -> Option<f64> {
    let (n, d) = units.fold((0.0, 0.0), |(n, d), (a, b)| (n + a, d + b));
    (d > 0.0).then(|| scale * n / d)
}

/// One metric a rubric criterion can read.
pub struct MetricDef {
    /// Stable dotted id, as written in rubrics.
    pub id: &'static str,
    /// What the value is, in one line (shown by `rubric check` and in the markdown methods).
    pub describes: &'static str,
    /// The units it is computed over.
    pub units: &'static str,
    /// Reads the metric of one outlet row from the report; `None` when the report holds nothing to
    /// measure it on (no consensus facts, no matched quotation, a text too short for a rate).
    pub compute: fn(&Report, &OutletReport) -> Option<Sample>,
}

impl std::fmt::Debug for MetricDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

/// The registry: every metric id a rubric may name.
pub const METRICS: &[MetricDef] = &[
    MetricDef {
        id: "coverage.consensus_share",
        describes: "share of the consensus facts (reported by at least half of the other outlets) it reports: aligned with its sentences, or on the same event in a sentence of its own that the aligner did not match",
        units: "consensus facts",
        compute: |_, o| Sample::shares(o.covered.len() + o.same_event.len(), o.consensus_facts),
    },
    MetricDef {
        id: "quotes.fidelity_share",
        describes: "share of its quotations found in another outlet that match word for word, with a minor edit, or trimmed (not altered, not given to another speaker)",
        units: "quotations matched in another outlet",
        compute: quote_fidelity,
    },
    MetricDef {
        id: "hedging.per_1k_author",
        describes: "hedges per 1,000 words in the outlet's own voice (quoted words are the speaker's)",
        units: "sentences",
        compute: |r, o| cue_rate(r, o, Cues::Hedges),
    },
    MetricDef {
        id: "language.loaded_per_1k_author",
        describes: "loaded or subjective terms per 1,000 words in the outlet's own voice",
        units: "sentences",
        compute: |r, o| cue_rate(r, o, Cues::Loaded),
    },
    MetricDef {
        id: "sections.off_topic_share",
        describes: "share of its sentences in sections or paragraphs found off-topic",
        units: "sentences",
        compute: off_topic_share,
    },
    MetricDef {
        id: "claims.unsupported_share",
        describes: "share of its checkable sentences that no other outlet backs and no source is named for",
        units: "checkable sentences",
        compute: unsupported_share,
    },
    MetricDef {
        id: "attribution.named_share",
        describes: "how much of what it reports it attributes, over its checkable sentences: a named source counts 1, an anonymous or unresolved one a half, none 0",
        units: "checkable or attributed sentences",
        compute: named_share,
    },
    MetricDef {
        id: "conflicts.per_fact",
        describes: "share of the shared facts it reports on which the outlets give incompatible figures or dates",
        units: "shared facts it reports",
        compute: |r, o| {
            let facts = r
                .facts
                .iter()
                .filter(|f| f.members.iter().any(|m| m.article == o.article))
                .count();
            Sample::shares(o.conflicts, facts)
        },
    },
];

/// The registry entry of a metric id.
pub fn find(id: &str) -> Option<&'static MetricDef> {
    METRICS.iter().find(|m| m.id == id)
}

fn quote_fidelity(r: &Report, o: &OutletReport) -> Option<Sample> {
    use crate::analysis::quotes::Fidelity;
    let matched: Vec<bool> = r
        .quotes
        .iter()
        .filter(|q| q.article == o.article && q.fidelity != Fidelity::Unmatched)
        .map(|q| {
            matches!(
                q.fidelity,
                Fidelity::Verbatim | Fidelity::MinorEdit | Fidelity::Truncated
            )
        })
        .collect();
    let faithful = matched.iter().filter(|&&f| f).count();
    Sample::shares(faithful, matched.len())
}

#[derive(Clone, Copy)]
enum Cues {
    Hedges,
    Loaded,
}

/// Author-voice cues per 1,000 author-voice words, over sentences. A sentence's author words are its
/// words scaled by the article's author share, so that the denominators add up to the article's
/// author words and the value equals the rate the hedging analysis reports.
fn cue_rate(r: &Report, o: &OutletReport, which: Cues) -> Option<Sample> {
    // A text too short for the rate the report shows (with its interval) is still measured here:
    // the score draws a part resting on few sentences toward the rubric's prior instead.
    let h = r.hedging.articles.iter().find(|a| a.article == o.article)?;
    if h.author_words == 0 {
        return None;
    }
    let article = r.articles.iter().find(|a| a.id == o.article)?;
    let words: Vec<(usize, usize)> = article
        .sections
        .iter()
        .flat_map(|s| s.sentences.iter().map(|t| (t.index, t.words)))
        .collect();
    let total: usize = words.iter().map(|&(_, w)| w).sum();
    if total == 0 {
        return None;
    }
    let share = h.author_words as f64 / total as f64;
    let mut counts = vec![0usize; words.iter().map(|&(i, _)| i + 1).max().unwrap_or(0)];
    match which {
        Cues::Hedges => {
            for (cue, &s) in h.cues.iter().zip(&h.cue_sentences) {
                if cue.kind == CueKind::Hedge && cue.voice == Voice::Author {
                    if let Some(c) = counts.get_mut(s) {
                        *c += 1;
                    }
                }
            }
        }
        Cues::Loaded => {
            for u in h
                .loaded_language
                .iter()
                .filter(|u| u.voice == Voice::Author)
            {
                if let Some(c) = counts.get_mut(u.sentence) {
                    *c += 1;
                }
            }
        }
    }
    Some(Sample {
        units: words
            .iter()
            .map(|&(i, w)| (counts[i] as f64, w as f64 * share))
            .collect(),
        scale: 1000.0,
    })
}

fn off_topic_share(r: &Report, o: &OutletReport) -> Option<Sample> {
    let article = r.articles.iter().find(|a| a.id == o.article)?;
    let flagged: BTreeSet<usize> = r
        .findings
        .iter()
        .filter(|f| f.kind == "off_topic" && f.article == o.article)
        .flat_map(|f| f.evidence.iter().map(|e| e.sentence))
        .collect();
    Sample::shares(flagged.len(), article.sentence_count)
}

/// Attribution over the checkable sentences: each sentence with a named source counts 1, with an
/// anonymous or unresolved one ½, with none 0 (the denominator is at least the attributed
/// sentences). Naming a source is what lets a reader check a claim; removing one lowers the share.
fn named_share(r: &Report, o: &OutletReport) -> Option<Sample> {
    let a = o.attribution.as_ref()?;
    let judged: usize = r
        .support
        .iter()
        .filter(|s| s.article == o.article)
        .map(|s| s.judged)
        .sum();
    let vague = a.anonymous + a.unresolved;
    let n = judged.max(a.named + vague);
    (n > 0).then(|| Sample {
        units: (0..n)
            .map(|i| {
                let credit = if i < a.named {
                    1.0
                } else if i < a.named + vague {
                    0.5
                } else {
                    0.0
                };
                (credit, 1.0)
            })
            .collect(),
        scale: 1.0,
    })
}

fn unsupported_share(r: &Report, o: &OutletReport) -> Option<Sample> {
    let (judged, unsupported) = r
        .support
        .iter()
        .filter(|s| s.article == o.article)
        .fold((0, 0), |(j, u), s| (j + s.judged, u + s.unsupported));
    Sample::shares(unsupported, judged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_ids_are_unique_and_dotted() {
        let mut seen = BTreeSet::new();
        for m in METRICS {
            assert!(seen.insert(m.id), "{} is listed twice", m.id);
            assert!(m.id.contains('.'), "{} has no family prefix", m.id);
        }
    }

    #[test]
    fn shares_put_hits_first_and_ratio_ignores_empty_denominators() {
        let s = Sample::shares(2, 5).unwrap();
        assert_eq!(s.value(), Some(0.4));
        assert!(Sample::shares(0, 0).is_none());
        assert_eq!(ratio([(1.0, 0.0)].into_iter(), 1.0), None);
        assert_eq!(ratio([(3.0, 2000.0)].into_iter(), 1000.0), Some(1.5));
    }
}
