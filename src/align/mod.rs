//! Cross-outlet fact alignment: which sentences of different articles report the same fact, who
//! reports each fact, who omits it, and where aligned sentences disagree.
//!
//! *What it does*: every sentence gets its claims (numbers, times, names: [`crate::extract`]) and a
//! [`similarity::Signature`]. Candidate pairs come from an inverted index over names, numbers and
//! rare stems ([`blocking`]), never from all pairs. The learned same-fact model
//! (`rubrics/similarity.toml`) scores each candidate; pairs above its threshold are merged into facts
//! by average linkage ([`cluster`]), which never puts two sentences of one article in a fact and does
//! not chain loosely related sentences. Within each fact, differing figures, qualifiers and dates
//! become conflicts ([`conflicts`]).
//!
//! *Why*: a reader checking a story wants, fact by fact, the outlets that report it and the sentences
//! that say so; omissions and contradictions are only visible once facts are aligned.
//!
//! *Limitations*: lexical: two sentences that report one fact in different words (paraphrase beyond
//! shared names, numbers and stems) can be missed; actor conflicts are not detected yet.

pub mod blocking;
pub mod cluster;
pub mod conflicts;
pub mod similarity;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::extract::{self, Claims};
use crate::model::Document;
use crate::text::{stopwords, IndexMap};
use similarity::{Idf, Model, Signature};

const ALIGNMENT: &str = include_str!("../../rubrics/alignment.toml");
/// Parameters of blocking and clustering (`rubrics/alignment.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AlignConfig {
    pub version: u32,
    pub blocking: BlockingConfig,
    pub facts: FactsConfig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BlockingConfig {
    pub rare_stems_per_sentence: usize,
    pub max_key_share: f64,
    pub max_key_postings: usize,
    pub min_key_postings: usize,
    pub min_content_words: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FactsConfig {
    pub same_fact_threshold: f64,
    pub same_event_floor: f64,
    pub clause_floor: f64,
    pub merge_factor: f64,
    pub consensus_share: f64,
}

impl AlignConfig {
    /// The configuration compiled into the binary.
    pub fn builtin() -> Result<AlignConfig> {
        AlignConfig::parse(ALIGNMENT, std::path::Path::new("rubrics/alignment.toml"))
    }

    pub fn parse(text: &str, path: &std::path::Path) -> Result<AlignConfig> {
        let cfg: AlignConfig = crate::error::from_toml(text, path, "")?;
        let bad = |reason: &str| Error::Config {
            path: path.to_path_buf(),
            line: 1,
            reason: reason.to_string(),
        };
        if cfg.version != 1 {
            return Err(bad("version must be 1"));
        }
        if !(0.0..=1.0).contains(&cfg.blocking.max_key_share) || cfg.blocking.max_key_share <= 0.0 {
            return Err(bad("blocking.max-key-share must be in (0, 1]"));
        }
        if !(0.0..=1.0).contains(&cfg.facts.consensus_share) {
            return Err(bad("facts.consensus-share must be within 0..=1"));
        }
        if !(cfg.facts.same_fact_threshold > 0.0 && cfg.facts.same_fact_threshold < 1.0) {
            return Err(bad("facts.same-fact-threshold must be within (0, 1)"));
        }
        if !(cfg.facts.merge_factor.is_finite() && cfg.facts.merge_factor > 0.0) {
            return Err(bad("facts.merge-factor must be a positive number"));
        }
        Ok(cfg)
    }
}

/// A sentence of the story: document index and sentence index within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SentenceRef {
    pub doc: usize,
    pub sentence: usize,
}

/// Everything alignment knows about one sentence, computed once.
#[derive(Debug, Clone)]
pub struct SentenceInfo {
    pub at: SentenceRef,
    pub claims: Claims,
    pub signature: Signature,
    /// Stems that are not function words.
    pub content: Vec<String>,
    /// Signatures of the sentence's clauses when it has two or more (see [`clauses`]).
    pub clauses: Vec<Signature>,
}

/// Where a sentence is cut into clauses: each of these joins two statements that outlets often
/// report apart ("…, which killed at least 126 people", "…; the talks…").
const CLAUSE_BREAKS: &[&str] = &[
    "; ",
    " — ",
    " – ",
    ", which ",
    ", while ",
    ", whilst ",
    ", who ",
    ", whom ",
    ", where ",
    ", when ",
    ", after ",
    ", as ",
    ", and ",
    ", but ",
    ", though ",
    ", although ",
    ", before ",
    " and then ",
];

/// The clauses of a sentence: byte ranges of the parts between clause breaks that keep at least
/// `min_words` words. A sentence with fewer than two such parts has none.
pub fn clauses(text: &str, min_words: usize) -> Vec<std::ops::Range<usize>> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for b in CLAUSE_BREAKS {
        for (i, _) in text.match_indices(b) {
            cuts.push((i, i + b.len()));
        }
    }
    cuts.sort_unstable();
    let mut parts = Vec::new();
    let mut start = 0;
    for (cut_start, cut_end) in cuts {
        if cut_start < start {
            continue;
        }
        parts.push(start..cut_start);
        // Keep the joining word ("which", "while") with the clause it opens.
        let word_start = text[cut_start..cut_end]
            .trim_start_matches([',', ';', ' ', '—', '–'])
            .len();
        start = cut_end - word_start;
    }
    parts.push(start..text.len());
    let parts: Vec<_> = parts
        .into_iter()
        .filter(|r| text[r.clone()].split_whitespace().count() >= min_words)
        .collect();
    if parts.len() >= 2 {
        parts
    } else {
        Vec::new()
    }
}

/// The probability that two prepared sentences report the same fact: the model on the whole
/// sentences, or on their best pair of clauses when the sentences bundle several statements and the
/// whole-sentence probability is at least `clause_floor` (a cheap filter: unrelated pairs are never
/// split).
pub fn pair_probability(
    a: &SentenceInfo,
    b: &SentenceInfo,
    model: &Model,
    idf: &Idf,
    clause_floor: f64,
) -> f64 {
    let whole = model.probability(&a.signature, &b.signature, idf);
    if whole < clause_floor || (a.clauses.is_empty() && b.clauses.is_empty()) {
        return whole;
    }
    let left: Vec<&Signature> = if a.clauses.is_empty() {
        vec![&a.signature]
    } else {
        a.clauses.iter().collect()
    };
    let right: Vec<&Signature> = if b.clauses.is_empty() {
        vec![&b.signature]
    } else {
        b.clauses.iter().collect()
    };
    let mut best = whole;
    for x in &left {
        for y in &right {
            best = best.max(model.probability(x, y, idf));
        }
    }
    best
}

/// A kind of disagreement between aligned sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// Different figures for the same quantity.
    NumericConflict,
    /// The same figure with a different qualifier ("at least 126" vs "126"): compatible.
    QualifierDifference,
    /// Different dates or times for the same event.
    DateConflict,
    /// Different but compatible times ("shortly before 11:00" vs "shortly after 11 a.m.").
    TimeDifference,
}

/// One sentence's value in a conflict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictValue {
    pub at: SentenceRef,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub kind: ConflictKind,
    /// True when the values can all be true of the same fact (a difference worth showing, not a
    /// contradiction).
    pub compatible: bool,
    /// What the values measure (the unit or "date"/"time").
    pub measure: String,
    pub values: Vec<ConflictValue>,
}

/// A fact: sentences of different articles that report the same thing.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// Stable within a report: `F1`, `F2`, … in order of support, then first appearance.
    pub id: String,
    pub members: Vec<SentenceRef>,
    /// Indices of the documents that report it, ascending.
    pub docs: Vec<usize>,
    /// Mean same-fact probability over the pairs of members (the cluster's cohesion).
    pub cohesion: f64,
    pub conflicts: Vec<Conflict>,
}

/// Counts that show what blocking saved and what it cost.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PairStats {
    /// Sentences taking part in alignment.
    pub sentences: usize,
    /// Pairs of sentences from different articles.
    pub cross_pairs: usize,
    /// Candidate pairs kept by blocking.
    pub candidates: usize,
    /// Candidates the model judged the same fact.
    pub aligned: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Alignment {
    pub facts: Vec<Fact>,
    pub stats: PairStats,
    /// Per sentence of each document: the fact it belongs to, if any.
    #[serde(skip)]
    pub fact_of: BTreeMap<SentenceRef, usize>,
    /// Per document, the sentences that took part (enough content words).
    #[serde(skip)]
    pub eligible: Vec<Vec<usize>>,
    /// For a fact a document is not part of: its sentence most likely to report the same event, and
    /// that probability, when it reaches `same-event-floor` (evidence that the document does not
    /// simply omit the fact). Keyed by (document, fact index).
    #[serde(skip)]
    pub related: BTreeMap<(usize, usize), (usize, f64)>,
    /// Per sentence that blocking paired with another document's: the most probable such sentence
    /// and the probability (evidence of support, or of its absence, for the support analysis).
    #[serde(skip)]
    pub best_other: BTreeMap<SentenceRef, (SentenceRef, f64)>,
    /// The claims (names, figures, dates) of every eligible sentence, extracted once in `prepare`
    /// and kept for the analyses.
    #[serde(skip)]
    pub claims: BTreeMap<SentenceRef, Claims>,
}

/// Prepare every sentence of the story once: claims, signature (weighed by the story's IDF),
/// content stems.
pub fn prepare(docs: &[Document], cfg: &AlignConfig, idf: &Idf) -> Vec<SentenceInfo> {
    let stop = stopwords();
    let mut out = Vec::new();
    for (di, d) in docs.iter().enumerate() {
        let date = d.article.published.as_deref();
        for (si, s) in d.sentences.iter().enumerate() {
            let content: Vec<String> = s
                .tokens
                .iter()
                .filter(|t| !stop.contains(&t.lower) && t.lower.chars().any(char::is_alphabetic))
                .map(|t| t.stem.clone())
                .collect();
            if content.len() < cfg.blocking.min_content_words {
                continue;
            }
            let claims = extract::claims(&s.text, date);
            let mut signature = Signature::from_claims(&s.tokens, &claims);
            signature.weigh(idf);
            let clauses = clauses(&s.text, cfg.blocking.min_content_words + 2)
                .into_iter()
                .map(|r| {
                    // The clause's own tokens and claims, taken from the sentence's (no second pass).
                    let inside =
                        |span: &std::ops::Range<usize>| r.start <= span.start && span.end <= r.end;
                    let tokens: Vec<_> = s
                        .tokens
                        .iter()
                        .filter(|t| {
                            inside(&(t.span.start - s.span.start..t.span.end - s.span.start))
                        })
                        .cloned()
                        .collect();
                    let part = Claims {
                        quantities: claims
                            .quantities
                            .iter()
                            .filter(|q| inside(&q.span))
                            .cloned()
                            .collect(),
                        times: claims
                            .times
                            .iter()
                            .filter(|t| inside(&t.span))
                            .cloned()
                            .collect(),
                        names: claims
                            .names
                            .iter()
                            .filter(|n| inside(&n.span))
                            .cloned()
                            .collect(),
                    };
                    let mut sig = Signature::from_claims(&tokens, &part);
                    sig.weigh(idf);
                    sig
                })
                .collect();
            out.push(SentenceInfo {
                at: SentenceRef {
                    doc: di,
                    sentence: si,
                },
                signature,
                claims,
                content,
                clauses,
            });
        }
    }
    out
}

/// Fit the IDF table on the story's own sentences.
pub fn story_idf(docs: &[Document]) -> Idf {
    Idf::fit(docs.iter().flat_map(|d| {
        d.sentences
            .iter()
            .map(|s| s.tokens.iter().map(|t| t.stem.as_str()))
    }))
}

/// Align the facts of a story.
pub fn align(docs: &[Document], model: &Model, cfg: &AlignConfig) -> Alignment {
    let idf = story_idf(docs);
    let infos = prepare(docs, cfg, &idf);
    let candidates = blocking::candidates(&infos, cfg);
    let mut stats = PairStats {
        sentences: infos.len(),
        cross_pairs: blocking::cross_pairs(&infos),
        candidates: candidates.len(),
        aligned: 0,
    };
    // Identical sentences (wire copy republished, a quotation repeated) have identical features:
    // score each pair of distinct texts once.
    let mut text_id: HashMap<(&str, Option<&str>), usize> = HashMap::new();
    let uid: Vec<usize> = infos
        .iter()
        .map(|info| {
            let key = (
                docs[info.at.doc].sentences[info.at.sentence].text.as_str(),
                docs[info.at.doc].article.published.as_deref(),
            );
            let next = text_id.len();
            *text_id.entry(key).or_insert(next)
        })
        .collect();
    let mut memo: IndexMap<(usize, usize), f64> = IndexMap::default();
    let mut scored: Vec<(usize, usize, f64)> = Vec::with_capacity(candidates.len());
    for &(i, j) in &candidates {
        let key = (uid[i].min(uid[j]), uid[i].max(uid[j]));
        let p = *memo.entry(key).or_insert_with(|| {
            pair_probability(&infos[i], &infos[j], model, &idf, cfg.facts.clause_floor)
        });
        if p >= cfg.facts.same_fact_threshold {
            stats.aligned += 1;
        }
        scored.push((i, j, p));
    }
    let clusters = cluster::average_linkage(
        &infos,
        &scored,
        cfg.facts.same_fact_threshold * cfg.facts.merge_factor,
    );
    let mut facts: Vec<Fact> = clusters
        .into_iter()
        .filter(|c| c.members.len() >= 2)
        .map(|c| {
            let members: Vec<SentenceRef> = c.members.iter().map(|&m| infos[m].at).collect();
            let docs: Vec<usize> = members
                .iter()
                .map(|m| m.doc)
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let conflicts = conflicts::find(
                &c.members.iter().map(|&m| &infos[m]).collect::<Vec<_>>(),
                cfg,
            );
            Fact {
                id: String::new(),
                members,
                docs,
                cohesion: c.cohesion,
                conflicts,
            }
        })
        .collect();
    facts.sort_by(|a, b| {
        b.docs
            .len()
            .cmp(&a.docs.len())
            .then(a.members[0].cmp(&b.members[0]))
    });
    let mut fact_of = BTreeMap::new();
    for (i, f) in facts.iter_mut().enumerate() {
        f.id = format!("F{}", i + 1);
        for m in &f.members {
            fact_of.insert(*m, i);
        }
    }
    let mut eligible: Vec<Vec<usize>> = vec![Vec::new(); docs.len()];
    for info in &infos {
        eligible[info.at.doc].push(info.at.sentence);
    }
    // Sentences of other documents that report the same event as a fact without being aligned with
    // it: from the scored candidates, so no pair is scored twice.
    let mut related: BTreeMap<(usize, usize), (usize, f64)> = BTreeMap::new();
    let mut best_other: BTreeMap<SentenceRef, (SentenceRef, f64)> = BTreeMap::new();
    for &(i, j, p) in &scored {
        for (x, y) in [(i, j), (j, i)] {
            let best = best_other.entry(infos[x].at).or_insert((infos[y].at, p));
            if p > best.1 {
                *best = (infos[y].at, p);
            }
        }
        if p < cfg.facts.same_event_floor {
            continue;
        }
        for (x, y) in [(i, j), (j, i)] {
            let Some(&f) = fact_of.get(&infos[y].at) else {
                continue;
            };
            let d = infos[x].at.doc;
            if facts[f].docs.contains(&d) {
                continue;
            }
            let best = related.entry((d, f)).or_insert((infos[x].at.sentence, p));
            if p > best.1 {
                *best = (infos[x].at.sentence, p);
            }
        }
    }
    Alignment {
        facts,
        stats,
        fact_of,
        eligible,
        related,
        best_other,
        claims: infos.into_iter().map(|i| (i.at, i.claims)).collect(),
    }
}

/// Coverage of one document against the facts of the story.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    /// Facts reported by at least `consensus-share` of the other documents.
    pub consensus: Vec<usize>,
    /// Consensus facts this document reports.
    pub covered: Vec<usize>,
    /// Consensus facts this document omits: no sentence of it even reports the same event.
    pub omitted: Vec<usize>,
    /// Consensus facts this document is not aligned with but has a sentence on the same event for:
    /// (fact, sentence, probability). Not counted as omissions.
    pub related: Vec<(usize, usize, f64)>,
    /// Related consensus facts counted as reported: each through a sentence of its own that is
    /// aligned with no fact (one fact per sentence, the most probable first), so that the aligner's
    /// misses do not count as misses while one vague sentence cannot stand for many facts.
    pub same_event: Vec<usize>,
    /// `(covered + same_event) / consensus`, or `None` when there is no consensus fact.
    pub share: Option<f64>,
    /// Sentences with checkable content that no other document reports.
    pub exclusive: Vec<usize>,
}

/// The related facts (fact, sentence, probability) of document `d` that count as reported: one
/// fact per sentence, a sentence aligned with no fact, the most probable pairs first.
fn same_event_facts(
    alignment: &Alignment,
    d: usize,
    related: &[(usize, usize, f64)],
) -> Vec<usize> {
    let mut order: Vec<&(usize, usize, f64)> = related.iter().collect();
    order.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    let mut used = BTreeSet::new();
    let mut out = Vec::new();
    for &&(f, s, _) in &order {
        let aligned = alignment.fact_of.contains_key(&SentenceRef {
            doc: d,
            sentence: s,
        });
        if !aligned && used.insert(s) {
            out.push(f);
        }
    }
    out.sort_unstable();
    out
}

/// Per-document coverage of the story's facts.
///
/// `outlet_of` gives each document's outlet (its publisher, else its id): consensus is counted in
/// distinct outlets, so that two articles of one outlet do not confirm each other.
pub fn coverage(alignment: &Alignment, outlet_of: &[String], cfg: &AlignConfig) -> Vec<Coverage> {
    let infos_by_doc = &alignment.eligible;
    let n = infos_by_doc.len();
    let outlets: BTreeSet<&str> = outlet_of.iter().map(String::as_str).collect();
    // The outlets of each fact, computed once.
    let fact_outlets: Vec<BTreeSet<&str>> = alignment
        .facts
        .iter()
        .map(|f| {
            f.docs
                .iter()
                .filter_map(|&x| outlet_of.get(x).map(String::as_str))
                .collect()
        })
        .collect();
    (0..n)
        .map(|d| {
            let own = outlet_of.get(d).map(String::as_str).unwrap_or("");
            let others = outlets.len() as f64 - if outlets.contains(own) { 1.0 } else { 0.0 };
            let consensus: Vec<usize> = fact_outlets
                .iter()
                .enumerate()
                .filter(|(_, fo)| {
                    let other_outlets = fo.len() as f64 - if fo.contains(own) { 1.0 } else { 0.0 };
                    others > 0.0 && other_outlets >= (cfg.facts.consensus_share * others).max(1.0)
                })
                .map(|(i, _)| i)
                .collect();
            let covered: Vec<usize> = consensus
                .iter()
                .copied()
                .filter(|&i| alignment.facts[i].docs.contains(&d))
                .collect();
            let omitted: Vec<usize> = consensus
                .iter()
                .copied()
                .filter(|&i| {
                    !alignment.facts[i].docs.contains(&d)
                        && !alignment.related.contains_key(&(d, i))
                })
                .collect();
            let related: Vec<(usize, usize, f64)> = consensus
                .iter()
                .filter_map(|&i| alignment.related.get(&(d, i)).map(|&(s, p)| (i, s, p)))
                .collect();
            let same_event = same_event_facts(alignment, d, &related);
            let share = (!consensus.is_empty())
                .then(|| (covered.len() + same_event.len()) as f64 / consensus.len() as f64);
            let exclusive = infos_by_doc[d]
                .iter()
                .copied()
                .filter(|&s| {
                    !alignment.fact_of.contains_key(&SentenceRef {
                        doc: d,
                        sentence: s,
                    })
                })
                .collect();
            Coverage {
                consensus,
                covered,
                omitted,
                related,
                same_event,
                share,
                exclusive,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consensus_counts_outlets_not_articles() {
        let cfg = AlignConfig::builtin().unwrap();
        let fact = Fact {
            id: "F1".into(),
            members: vec![
                SentenceRef {
                    doc: 0,
                    sentence: 0,
                },
                SentenceRef {
                    doc: 1,
                    sentence: 0,
                },
            ],
            docs: vec![0, 1],
            cohesion: 1.0,
            conflicts: Vec::new(),
        };
        let alignment = Alignment {
            facts: vec![fact],
            stats: PairStats::default(),
            fact_of: BTreeMap::new(),
            eligible: vec![vec![0], vec![0], vec![0]],
            related: BTreeMap::new(),
            best_other: BTreeMap::new(),
            claims: BTreeMap::new(),
        };
        let outlets = [
            "Same Post".to_string(),
            "Same Post".to_string(),
            "Other Times".to_string(),
        ];
        let c = coverage(&alignment, &outlets, &cfg);
        // Two articles of one outlet do not make a consensus for each other…
        assert!(c[0].consensus.is_empty() && c[1].consensus.is_empty());
        // …but the other outlet omits what that outlet reports.
        assert_eq!(c[2].omitted, vec![0]);
    }

    #[test]
    fn builtin_config_loads() {
        let cfg = AlignConfig::builtin().unwrap();
        assert!(cfg.blocking.rare_stems_per_sentence > 0);
        let bad = ALIGNMENT.replace("[facts]", "[facts]\nextra = 1");
        assert!(AlignConfig::parse(&bad, std::path::Path::new("a.toml")).is_err());
    }
}
