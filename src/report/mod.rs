//! The one serialisable report of a comparison. Renderers format it; they compute nothing.
//!
//! The JSON form is a versioned contract (`schema_version`); fields may be added, existing ones keep
//! their meaning. Output is deterministic: articles in id order, no timestamps, no hash-map order.

use serde::Serialize;

use crate::align::{Alignment, ConflictKind, Coverage, PairStats, SentenceRef};
use crate::analysis::hedging::Hedging;
use crate::analysis::quotes::{AttributionProfile, QuoteRecord, Quotes};
use crate::analysis::sections::{OffTopic, UnitKind};
use crate::analysis::support::{SectionSupport, Status, Support};
use crate::analysis::Analyses;
use crate::load::Skipped;
use crate::model::{Document, Format, Removed};

pub mod score;
pub use score::{Band, Criterion, Direction, Part, RubricSummary, Score};

/// Version of the JSON report layout.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub story: Story,
    pub articles: Vec<ArticleReport>,
    /// Facts reported by two or more articles, most widely reported first.
    pub facts: Vec<FactReport>,
    /// Per article (outlet): coverage of the consensus facts, exclusives, omissions.
    pub outlets: Vec<OutletReport>,
    /// Conflicts and other findings, each with the sentences behind it.
    pub findings: Vec<Finding>,
    /// What blocking kept: sentences, cross-article pairs, candidates, aligned pairs.
    pub alignment: PairStats,
    /// Hedges, boosters, reporting verbs and loaded terms per article and per outlet, with rates,
    /// intervals and tests against the rest of the story.
    pub hedging: Hedging,
    /// Every quotation with its speaker, its matches in other outlets and its fidelity class.
    pub quotes: Vec<QuoteRecord>,
    /// Per section: sentences judged (checkable), supported by another outlet, attributed to a
    /// source, unsupported, and the unsupported share.
    pub support: Vec<SectionSupport>,
    /// Files that were seen but not read as articles, with the reason.
    pub skipped: Vec<Skipped>,
    /// The rubric the outlets were scored with (criteria, weights, curves, bands).
    pub rubric: Option<RubricSummary>,
    /// The bias profile: main actors, per outlet the labels and tone toward each and the voices
    /// it carries, the placement of consensus facts, headline checks. Next to the reliability
    /// score, never folded into it.
    pub framing: crate::analysis::framing::Framing,
}

/// A sentence of one article, as evidence.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceAt {
    pub article: String,
    /// Index into the article's sentences (in reading order, across sections).
    pub sentence: usize,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConflictValueReport {
    pub article: String,
    pub sentence: usize,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConflictReport {
    pub kind: ConflictKind,
    pub compatible: bool,
    pub measure: String,
    pub values: Vec<ConflictValueReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FactReport {
    pub id: String,
    /// Number of distinct outlets that report the fact.
    pub support: usize,
    pub outlets: Vec<String>,
    pub members: Vec<SentenceAt>,
    /// Mean same-fact probability over the pairs of members.
    pub cohesion: f64,
    pub conflicts: Vec<ConflictReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutletReport {
    /// The publisher, or the article id when the publisher is unknown.
    pub outlet: String,
    pub article: String,
    /// Share of the consensus facts (reported by at least half of the other outlets) it covers.
    pub coverage: Option<f64>,
    pub consensus_facts: usize,
    pub covered: Vec<String>,
    /// Consensus facts none of its sentences reports, not even as the same event.
    pub omitted_consensus: Vec<String>,
    /// Share of the words of the names it mentions that an article of another outlet also names
    /// (`None` when it names no one): same-event articles share their protagonists, unrelated ones
    /// few names.
    pub names_shared: Option<f64>,
    /// Consensus facts counted as reported through a same-event sentence (one fact per sentence,
    /// a sentence aligned with no fact): the aligner's misses are not the outlet's.
    pub same_event: Vec<String>,
    /// Consensus facts it is not aligned with but has a sentence on the same event for.
    pub related: Vec<RelatedReport>,
    /// Facts no other outlet reports: its sentences with checkable content that align with none.
    pub exclusive_facts: usize,
    pub exclusive: Vec<SentenceAt>,
    /// Facts of this article that carry a conflict (incompatible values).
    pub conflicts: usize,
    /// Hedges per 1,000 words in the outlet's own voice, with its 95% interval; `None` when its
    /// text is too short for a rate (see `hedging.outlets[].too_short`).
    pub hedges_per_1k: Option<f64>,
    pub hedges_interval: Option<[f64; 2]>,
    /// Loaded or subjective terms in the outlet's own voice (quoted ones count for the speaker).
    pub loaded_terms: usize,
    /// Its quotations, the share of them in each fidelity class, and who its claims are
    /// attributed to (named, anonymous, unattributed sources; who gets quoted).
    pub quotes: usize,
    pub quote_fidelity: std::collections::BTreeMap<String, f64>,
    pub attribution: Option<AttributionProfile>,
    /// The reliability score under the rubric, with its parts and the findings behind each; `None`
    /// when no criterion could be measured (a story of one article).
    pub score: Option<Score>,
    /// Why `score` is `None`: no other outlet on the same event, or nothing measurable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_scored: Option<String>,
}

/// A sentence on the same event as a fact that it was not aligned with.
#[derive(Debug, Clone, Serialize)]
pub struct RelatedReport {
    pub fact: String,
    pub sentence: SentenceAt,
    pub probability: f64,
}

/// Something a reader should look at, with the evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub kind: String,
    pub article: String,
    pub fact: Option<String>,
    /// The section's heading, for findings about a section or a paragraph run inside one.
    pub section: Option<String>,
    pub text: String,
    pub evidence: Vec<SentenceAt>,
    pub severity: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Story {
    pub title: Option<String>,
    pub articles: usize,
    /// Publishers found, sorted; articles whose publisher is unknown are not listed here.
    pub outlets: Vec<String>,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SentenceReport {
    /// Index into the article's sentences, as facts and findings refer to them.
    pub index: usize,
    pub text: String,
    /// Byte offsets into `body`.
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
    pub words: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionReport {
    pub title: Option<String>,
    pub sentences: Vec<SentenceReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleReport {
    pub id: String,
    pub path: String,
    pub format: Format,
    pub publisher: Option<String>,
    /// Where the publisher was found: `metadata`, `source_line`, `title_suffix`, `copyright_line`,
    /// `domain_line`, `masthead`.
    pub publisher_from: Option<String>,
    /// The wire service whose copy this is, when credited.
    pub original_source: Option<String>,
    pub original_source_from: Option<String>,
    pub headline: Option<String>,
    /// The summary under the headline as the source states it (HTML meta description, JSON
    /// `standfirst`/`dek`/`description`/… field, feed item summary); null for plain text.
    pub standfirst: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    /// How the file's bytes were read: `utf-8`, `windows-1252 (declared)`, `utf-8, 3 bytes read
    /// as windows-1252`; null when the text did not come from a file.
    pub encoding: Option<String>,
    pub words: usize,
    pub sentence_count: usize,
    pub paragraph_count: usize,
    /// The cleaned text; sentence offsets point into it.
    pub body: String,
    pub sections: Vec<SectionReport>,
    pub removed: Vec<Removed>,
}

/// The outlet label of a document: its publisher, else its id.
pub fn outlet_name(d: &Document) -> String {
    d.article
        .publisher
        .as_ref()
        .map(|p| p.value.clone())
        .unwrap_or_else(|| d.article.id.clone())
}

fn sentence_at(docs: &[Document], at: SentenceRef) -> SentenceAt {
    let d = &docs[at.doc];
    SentenceAt {
        article: d.article.id.clone(),
        sentence: at.sentence,
        text: d.sentences[at.sentence].text.clone(),
    }
}

impl Report {
    /// Build the report of a set of segmented, aligned articles.
    pub fn build(
        docs: &[Document],
        alignment: &Alignment,
        coverage: &[Coverage],
        analyses: &Analyses,
        title: Option<String>,
        skipped: Vec<Skipped>,
    ) -> Report {
        let articles: Vec<ArticleReport> = docs.iter().map(article_report).collect();
        let names_shared = names_shared(docs, alignment);
        let mut findings = Vec::new();
        let facts: Vec<FactReport> = alignment
            .facts
            .iter()
            .map(|f| {
                let mut outlets: Vec<String> =
                    f.docs.iter().map(|&d| outlet_name(&docs[d])).collect();
                outlets.sort();
                outlets.dedup();
                let conflicts: Vec<ConflictReport> = f
                    .conflicts
                    .iter()
                    .map(|c| ConflictReport {
                        kind: c.kind,
                        compatible: c.compatible,
                        measure: c.measure.clone(),
                        values: c
                            .values
                            .iter()
                            .map(|v| ConflictValueReport {
                                article: docs[v.at.doc].article.id.clone(),
                                sentence: v.at.sentence,
                                value: v.value.clone(),
                            })
                            .collect(),
                    })
                    .collect();
                for c in f.conflicts.iter().filter(|c| !c.compatible) {
                    let values: Vec<String> = c
                        .values
                        .iter()
                        .map(|v| format!("{} ({})", v.value, outlet_name(&docs[v.at.doc])))
                        .collect();
                    let kind = match c.kind {
                        ConflictKind::DateConflict => "date_conflict",
                        _ => "numeric_conflict",
                    };
                    for &d in &f.docs {
                        findings.push(Finding {
                            kind: kind.to_string(),
                            article: docs[d].article.id.clone(),
                            fact: Some(f.id.clone()),
                            section: None,
                            text: format!("{} differs: {}", c.measure, values.join(" vs ")),
                            evidence: c.values.iter().map(|v| sentence_at(docs, v.at)).collect(),
                            severity: "warning".into(),
                        });
                    }
                }
                FactReport {
                    id: f.id.clone(),
                    support: outlets.len(),
                    outlets,
                    members: f.members.iter().map(|&m| sentence_at(docs, m)).collect(),
                    cohesion: (f.cohesion * 1000.0).round() / 1000.0,
                    conflicts,
                }
            })
            .collect();
        let hedging_of = |d: &Document| {
            let name = outlet_name(d);
            analyses.hedging.outlets.iter().find(|o| o.outlet == name)
        };
        let quotes_of = |d: &Document| {
            let name = outlet_name(d);
            analyses.quotes.outlets.iter().find(|o| o.outlet == name)
        };
        let outlets_report: Vec<OutletReport> = docs
            .iter()
            .enumerate()
            .map(|(di, d)| {
                let c = &coverage[di];
                let ids = |v: &[usize]| {
                    v.iter()
                        .map(|&i| alignment.facts[i].id.clone())
                        .collect::<Vec<_>>()
                };
                OutletReport {
                    outlet: outlet_name(d),
                    article: d.article.id.clone(),
                    coverage: c.share.map(|s| (s * 1000.0).round() / 1000.0),
                    consensus_facts: c.consensus.len(),
                    covered: ids(&c.covered),
                    omitted_consensus: ids(&c.omitted),
                    same_event: ids(&c.same_event),
                    names_shared: names_shared[di],
                    related: c
                        .related
                        .iter()
                        .map(|&(f, s, p)| RelatedReport {
                            fact: alignment.facts[f].id.clone(),
                            sentence: sentence_at(
                                docs,
                                SentenceRef {
                                    doc: di,
                                    sentence: s,
                                },
                            ),
                            probability: (p * 1000.0).round() / 1000.0,
                        })
                        .collect(),
                    exclusive_facts: c.exclusive.len(),
                    exclusive: c
                        .exclusive
                        .iter()
                        .map(|&s| {
                            sentence_at(
                                docs,
                                SentenceRef {
                                    doc: di,
                                    sentence: s,
                                },
                            )
                        })
                        .collect(),
                    conflicts: alignment
                        .facts
                        .iter()
                        .filter(|f| {
                            f.docs.contains(&di) && f.conflicts.iter().any(|c| !c.compatible)
                        })
                        .count(),
                    hedges_per_1k: hedging_of(d).and_then(|h| h.hedges.per_1000),
                    hedges_interval: hedging_of(d)
                        .and_then(|h| Some([h.hedges.low?, h.hedges.high?])),
                    loaded_terms: analyses
                        .hedging
                        .articles
                        .iter()
                        .find(|a| a.article == d.article.id)
                        .map_or(0, |a| a.loaded),
                    quotes: quotes_of(d).map_or(0, |q| q.quotes),
                    quote_fidelity: quotes_of(d)
                        .map(|q| q.quote_fidelity.clone())
                        .unwrap_or_default(),
                    attribution: quotes_of(d).map(|q| q.attribution.clone()),
                    score: None,
                    not_scored: None,
                }
            })
            .collect();
        findings.extend(omission_findings(docs, alignment, coverage));
        findings.extend(offtopic_findings(docs, &analyses.offtopic));
        findings.extend(loaded_findings(docs, &analyses.hedging));
        findings.extend(unsupported_findings(docs, &analyses.support));
        findings.extend(quote_findings(docs, &analyses.quotes));
        findings.extend(certainty_findings(docs, alignment, analyses));
        findings.extend(framing_findings(docs, &analyses.framing));
        findings
            .sort_by(|a, b| (&a.article, &a.fact, &a.kind).cmp(&(&b.article, &b.fact, &b.kind)));
        let mut outlets: Vec<String> = articles
            .iter()
            .filter_map(|a| a.publisher.clone())
            .collect();
        outlets.sort();
        outlets.dedup();
        let mut dates: Vec<&str> = articles
            .iter()
            .filter_map(|a| a.published.as_deref())
            .collect();
        dates.sort();
        Report {
            schema_version: SCHEMA_VERSION,
            story: Story {
                title,
                articles: articles.len(),
                outlets,
                first_published: dates.first().map(|s| s.to_string()),
                last_published: dates.last().map(|s| s.to_string()),
            },
            articles,
            facts,
            outlets: outlets_report,
            findings,
            alignment: alignment.stats.clone(),
            hedging: analyses.hedging.clone(),
            support: analyses.support.sections.clone(),
            quotes: analyses.quotes.quotes.clone(),
            skipped,
            rubric: None,
            framing: analyses.framing.clone(),
        }
    }
}

/// `placement` and `headline_unsupported` findings of the framing analysis, with their sentences.
fn framing_findings(
    docs: &[Document],
    framing: &crate::analysis::framing::Framing,
) -> Vec<Finding> {
    framing
        .findings
        .iter()
        .map(|f| Finding {
            kind: f.kind.clone(),
            article: docs[f.doc].article.id.clone(),
            fact: f.fact.clone(),
            section: None,
            text: f.text.clone(),
            evidence: f
                .evidence
                .iter()
                .map(|&(doc, sentence)| sentence_at(docs, SentenceRef { doc, sentence }))
                .collect(),
            severity: "info".into(),
        })
        .collect()
}

/// One `omitted_fact` finding per consensus fact an article does not report, not even as the same
/// event, with the fact's sentences as evidence.
fn omission_findings(
    docs: &[Document],
    alignment: &Alignment,
    coverage: &[Coverage],
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (di, c) in coverage.iter().enumerate() {
        for &f in &c.omitted {
            let fact = &alignment.facts[f];
            let mut outlets: Vec<String> =
                fact.docs.iter().map(|&d| outlet_name(&docs[d])).collect();
            outlets.sort();
            outlets.dedup();
            out.push(Finding {
                kind: "omitted_fact".into(),
                article: docs[di].article.id.clone(),
                fact: Some(fact.id.clone()),
                section: None,
                text: format!(
                    "Does not report {} ({} outlets do: {}), not even as the same event",
                    fact.id,
                    outlets.len(),
                    outlets.join(", ")
                ),
                evidence: fact.members.iter().map(|&m| sentence_at(docs, m)).collect(),
                severity: "info".into(),
            });
        }
    }
    out
}

/// One `certainty_shift` finding per shift, filed under the article of its first sentence, with
/// every sentence of the shift (and what each does) as evidence.
fn certainty_findings(
    docs: &[Document],
    alignment: &Alignment,
    analyses: &Analyses,
) -> Vec<Finding> {
    use crate::analysis::certainty::ShiftKind;
    analyses
        .certainty
        .iter()
        .filter_map(|shift| {
            let (first, _) = shift.sentences.first()?;
            let what: Vec<String> = shift
                .sentences
                .iter()
                .map(|(at, w)| format!("{}: {w}", outlet_name(&docs[at.doc])))
                .collect();
            let kind = match shift.kind {
                ShiftKind::HedgedVsAsserted => "one outlet hedges what another asserts",
                ShiftKind::ReportingStance => "the reporting verbs differ in stance",
            };
            Some(Finding {
                kind: "certainty_shift".into(),
                article: docs[first.doc].article.id.clone(),
                fact: Some(alignment.facts[shift.fact].id.clone()),
                section: None,
                text: format!("On this fact {kind} ({})", what.join("; ")),
                evidence: shift
                    .sentences
                    .iter()
                    .map(|(at, _)| sentence_at(docs, *at))
                    .collect(),
                severity: "info".into(),
            })
        })
        .collect()
}

/// The quotation analysis' findings (`missing_speaker`, `altered_quote`, `misattributed_quote`,
/// `unmatched_quote`), with their sentence as evidence.
fn quote_findings(docs: &[Document], quotes: &Quotes) -> Vec<Finding> {
    quotes
        .findings
        .iter()
        .filter_map(|f| {
            let doc = docs.iter().position(|d| d.article.id == f.article)?;
            Some(Finding {
                kind: f.kind.clone(),
                article: f.article.clone(),
                fact: None,
                section: None,
                text: if f.evidence.is_empty() {
                    f.text.clone()
                } else {
                    format!("{} ({})", f.text, f.evidence)
                },
                evidence: vec![sentence_at(
                    docs,
                    SentenceRef {
                        doc,
                        sentence: f.sentence,
                    },
                )],
                severity: if f.kind == "unmatched_quote" {
                    "info"
                } else {
                    "warning"
                }
                .into(),
            })
        })
        .collect()
}

/// One `unsupported` finding per unsupported sentence: a warning when it speculates, else a note.
/// The evidence is the sentence, then the nearest sentence another outlet wrote, if any.
fn unsupported_findings(docs: &[Document], support: &Support) -> Vec<Finding> {
    support
        .sentences
        .iter()
        .filter(|j| j.status == Status::Unsupported)
        .map(|j| {
            let d = &docs[j.doc];
            let section = d.sections[d.paragraphs[d.sentences[j.sentence].paragraph].section]
                .title
                .clone();
            let at = SentenceRef {
                doc: j.doc,
                sentence: j.sentence,
            };
            let mut evidence = vec![sentence_at(docs, at)];
            let nearest = match j.nearest {
                Some((o, p)) => {
                    evidence.push(sentence_at(docs, o));
                    format!("; the nearest sentence of another outlet scores {p:.2}")
                }
                None => "; no other outlet has a sentence sharing its names, figures or rare words"
                    .to_string(),
            };
            let (what, severity) = if j.hedges.is_empty() {
                ("A claim".to_string(), "info")
            } else {
                (
                    format!("A speculative claim ({})", j.hedges.join(", ")),
                    "warning",
                )
            };
            Finding {
                kind: "unsupported".into(),
                article: d.article.id.clone(),
                fact: None,
                section,
                text: format!(
                    "{what} that no other outlet reports and no source is named for{nearest}"
                ),
                evidence,
                severity: severity.into(),
            }
        })
        .collect()
}

/// One `loaded_language` finding per loaded term in an article's own voice.
fn loaded_findings(docs: &[Document], hedging: &Hedging) -> Vec<Finding> {
    let mut out = Vec::new();
    for (di, a) in hedging.articles.iter().enumerate() {
        for u in a
            .loaded_language
            .iter()
            .filter(|u| u.voice == crate::extract::cues::Voice::Author)
        {
            out.push(Finding {
                kind: "loaded_language".into(),
                article: a.article.clone(),
                fact: None,
                section: None,
                text: format!("“{}” in the outlet's own voice", u.term),
                evidence: vec![sentence_at(
                    docs,
                    SentenceRef {
                        doc: di,
                        sentence: u.sentence,
                    },
                )],
                severity: "info".into(),
            });
        }
    }
    out
}

/// One `off_topic` finding per flagged section or paragraph run, with its sentences as evidence.
fn offtopic_findings(docs: &[Document], offtopic: &OffTopic) -> Vec<Finding> {
    offtopic
        .flagged
        .iter()
        .map(|f| {
            let d = &docs[f.doc];
            let section = d.sections[f.section].title.clone();
            let what = match (f.kind, &section) {
                (UnitKind::Section, Some(t)) => format!("Section “{t}”"),
                _ if f.paragraphs.len() == 1 => format!("Paragraph {}", f.paragraphs.start + 1),
                _ => format!(
                    "Paragraphs {}–{}",
                    f.paragraphs.start + 1,
                    f.paragraphs.end
                ),
            };
            let words = if !f.foreign_names.is_empty() {
                format!(
                    "; names no other outlet uses: {}",
                    f.foreign_names.join(", ")
                )
            } else if f.foreign_terms.is_empty() {
                String::new()
            } else {
                format!(
                    "; words no other article uses: {}",
                    f.foreign_terms.join(", ")
                )
            };
            // A titled section or a run of paragraphs is a part of the article a reader sees, and
            // counts against the outlet; a lone paragraph far from the story is often background
            // only this outlet gives, so it is a note for the reader, not scored.
            let part = f.kind == UnitKind::Section || f.paragraphs.len() > 1;
            Finding {
                kind: if part { "off_topic" } else { "off_topic_paragraph" }.into(),
                article: d.article.id.clone(),
                fact: None,
                section,
                text: format!(
                    "{what} stands apart from the story: relatedness {:.2} against a story median of {:.2} (robust z {:.1}){words}",
                    f.relatedness, offtopic.median, f.robust_z
                ),
                evidence: f
                    .paragraphs
                    .clone()
                    .flat_map(|p| d.paragraphs[p].sentences.clone())
                    .map(|s| sentence_at(docs, SentenceRef { doc: f.doc, sentence: s }))
                    .collect(),
                severity: if part { "warning" } else { "note" }.into(),
            }
        })
        .collect()
}

/// Per document: the share of the words of its names that a document of another outlet names too.
fn names_shared(docs: &[Document], alignment: &Alignment) -> Vec<Option<f64>> {
    let mut words: Vec<std::collections::BTreeSet<String>> = vec![Default::default(); docs.len()];
    for (at, c) in &alignment.claims {
        for n in &c.names {
            for w in n.text.split(|c: char| !c.is_alphanumeric()) {
                if w.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                    words[at.doc].insert(w.to_lowercase());
                }
            }
        }
    }
    let outlet: Vec<String> = docs.iter().map(outlet_name).collect();
    // Per name word, the outlets naming it (one pass; a story of thousands of copies stays linear).
    let mut outlets_of: std::collections::HashMap<&str, std::collections::BTreeSet<&str>> =
        std::collections::HashMap::new();
    for (d, ws) in words.iter().enumerate() {
        for w in ws {
            outlets_of.entry(w).or_default().insert(&outlet[d]);
        }
    }
    (0..docs.len())
        .map(|d| {
            let own = &words[d];
            let shared = own
                .iter()
                .filter(|w| outlets_of[w.as_str()].iter().any(|o| *o != outlet[d]))
                .count();
            (!own.is_empty()).then(|| (shared as f64 / own.len() as f64 * 1000.0).round() / 1000.0)
        })
        .collect()
}

fn article_report(d: &Document) -> ArticleReport {
    let a = &d.article;
    let sections = d
        .sections
        .iter()
        .map(|s| SectionReport {
            title: s.title.clone(),
            sentences: d.paragraphs[s.paragraphs.clone()]
                .iter()
                .flat_map(|p| p.sentences.clone())
                .map(|i| (i, &d.sentences[i]))
                .map(|(index, s)| SentenceReport {
                    index,
                    text: s.text.clone(),
                    start: s.span.start,
                    end: s.span.end,
                    paragraph: s.paragraph,
                    words: s.tokens.len(),
                })
                .collect(),
        })
        .collect();
    ArticleReport {
        id: a.id.clone(),
        path: a.path.clone(),
        format: a.format,
        publisher: a.publisher.as_ref().map(|f| f.value.clone()),
        publisher_from: a.publisher.as_ref().map(|f| f.from.clone()),
        original_source: a.original_source.as_ref().map(|f| f.value.clone()),
        original_source_from: a.original_source.as_ref().map(|f| f.from.clone()),
        headline: a.headline.clone(),
        standfirst: a.standfirst.clone(),
        byline: a.byline.clone(),
        published: a.published.clone(),
        url: a.url.clone(),
        encoding: a.encoding.clone(),
        words: d.words(),
        sentence_count: d.sentences.len(),
        paragraph_count: d.paragraphs.len(),
        body: a.body.clone(),
        sections,
        removed: a.removed.clone(),
    }
}
