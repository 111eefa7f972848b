//! Quote fidelity across outlets, and each outlet's attribution profile.
//!
//! *What it does*: [`analyse`] extracts every article's quotations and attributions
//! ([`crate::extract::quotes`]), then compares each quotation with the quotations of the other
//! articles. Texts are normalised first: case, punctuation, dash and quotation-mark styles, and
//! honorifics ("Mr.", "Sen.") do not count. A pair of quotations from two articles is
//! - `verbatim`: the same words and punctuation (edges and mark styles aside);
//! - `minor_edit`: the same normalised words, or nearly (normalised Levenshtein similarity ≥ 0.9);
//! - `truncated`: the words of one (three or more) are a contiguous part of the other's;
//! - `altered`: two quotations whose words differ, when neither has a counterpart by words in the
//!   other article and each is the other's closest there: in sentences of the same fact (the
//!   alignment) sharing a word of four letters or half their characters; given to the same named
//!   speaker and sharing a word of six letters or more; or, anywhere, four words or more each with
//!   at least half their words in the same order;
//! - `misattributed`: the same words (verbatim, minor edit or truncation, three words or more) given
//!   to two speakers named next to the quotations (not pronouns or roles resolved to a name) that
//!   are not the same person (last names differ and neither name holds the other).
//!
//! Each quotation gets one fidelity class: the best of its pairs (`verbatim` > `minor_edit` >
//! `truncated`; the longer side of a truncation is `verbatim`, it is the fuller version), else
//! `misattributed`, else `altered`, else `unmatched`. Findings: `missing_speaker` (a reporting verb
//! with an empty or broken speaker slot), `altered_quote`, `misattributed_quote`, and
//! `unmatched_quote` for a full or partial quotation no other article has although other articles
//! report the fact its sentence belongs to (a paraphrase presented as a quote, or a remark only one
//! outlet heard). Per outlet: the share of its quotations in each class and its attribution profile
//! (sentences attributed to named sources, to anonymous ones, to unresolved pronouns or roles, and
//! in the author's voice; who is quoted and how often).
//!
//! *Why*: the same remark appears verbatim in one outlet, trimmed in another, reworded inside
//! quotation marks in a third; readers cannot see that without the quotations side by side.
//!
//! *Limitations*: lexical: a quotation translated differently by two outlets is `altered` only when
//! the alignment puts their sentences in one fact; two remarks of one speaker in one fact may be
//! paired as `altered` when the outlets picked different remarks. Speakers are compared by name
//! only. Scare quotations are matched and classed, but never reported as unmatched.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::align::{Alignment, SentenceRef};
use crate::extract::quotes::{
    quotes as extract_quotes, AttributionKind, Lexicon, QuoteKind, SpeakerKind,
};
use crate::model::Document;

/// Fidelity class of one quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fidelity {
    Verbatim,
    MinorEdit,
    Truncated,
    Altered,
    Misattributed,
    Unmatched,
}

impl Fidelity {
    pub const ALL: [Fidelity; 6] = [
        Fidelity::Verbatim,
        Fidelity::MinorEdit,
        Fidelity::Truncated,
        Fidelity::Altered,
        Fidelity::Misattributed,
        Fidelity::Unmatched,
    ];

    /// The snake_case name, as serialised.
    pub fn key(self) -> &'static str {
        match self {
            Fidelity::Verbatim => "verbatim",
            Fidelity::MinorEdit => "minor_edit",
            Fidelity::Truncated => "truncated",
            Fidelity::Altered => "altered",
            Fidelity::Misattributed => "misattributed",
            Fidelity::Unmatched => "unmatched",
        }
    }
}

/// Another article's quotation matched with this one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub article: String,
    /// Id of the other quotation.
    pub quote: String,
    pub text: String,
    /// Normalised Levenshtein similarity of the two normalised texts (0–1).
    pub similarity: f64,
    /// The pair's class (`truncated` for both sides of a truncation).
    pub relation: Fidelity,
}

/// One quotation with its speaker, verb, matches and fidelity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteRecord {
    /// `Q1`, `Q2`, … in article then text order.
    pub id: String,
    pub article: String,
    /// First sentence (index in the article).
    pub sentence: usize,
    pub text: String,
    pub kind: QuoteKind,
    pub speaker: Option<String>,
    pub speaker_kind: Option<SpeakerKind>,
    pub verb: Option<String>,
    pub matches: Vec<Match>,
    pub fidelity: Fidelity,
    #[serde(skip)]
    pub doc: usize,
    #[serde(skip)]
    pub sentences: Vec<usize>,
}

/// A cross-article pair of quotations (each pair once).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuotePair {
    pub a: String,
    pub b: String,
    pub relation: Fidelity,
    pub similarity: f64,
}

/// Who a piece of reporting is attributed to, for one outlet.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AttributionProfile {
    pub sentences: usize,
    pub named: usize,
    pub anonymous: usize,
    pub unresolved: usize,
    pub unattributed: usize,
    pub share_named: f64,
    pub share_anonymous: f64,
    pub share_unattributed: f64,
    /// Quotations per speaker, most quoted first (ties by name).
    pub speakers: Vec<(String, usize)>,
    pub missing_speakers: usize,
}

/// Quotations and attribution of one outlet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutletQuotes {
    pub outlet: String,
    pub quotes: usize,
    /// Share of its quotations in each fidelity class (all six keys).
    pub quote_fidelity: BTreeMap<String, f64>,
    pub attribution: AttributionProfile,
}

/// A finding of this analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// `missing_speaker`, `altered_quote`, `misattributed_quote`, `unmatched_quote`.
    pub kind: String,
    pub article: String,
    pub sentence: usize,
    pub text: String,
    pub evidence: String,
}

/// Everything [`analyse`] returns.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Quotes {
    pub quotes: Vec<QuoteRecord>,
    pub pairs: Vec<QuotePair>,
    pub outlets: Vec<OutletQuotes>,
    pub findings: Vec<Finding>,
}

/// Words of a quotation with case, punctuation, dash and mark styles and honorifics removed; the
/// signs that stand for a word are that word ("&" is "and", "%" is "percent"), as a transcript may
/// write either.
pub fn normalise(text: &str, lex: &Lexicon) -> Vec<String> {
    let cleaned: String = text
        .replace('&', " and ")
        .replace('%', " percent ")
        .chars()
        .map(|c| match c {
            // Apostrophes and periods go ("didn't" = "didnt", "F.B.I." = "FBI").
            '’' | '\'' | '‘' | '`' | '.' => '\0',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .filter(|&c| c != '\0')
        .collect();
    cleaned
        .split_whitespace()
        .map(str::to_lowercase)
        .filter(|w| !lex.is_honorific(w))
        .collect()
}

/// The text with its edges trimmed and mark styles unified (for `verbatim`).
fn surface(text: &str) -> String {
    let t = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .replace(['’', '‘'], "'")
        .replace(['“', '”', '«', '»'], "\"");
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether two quotations differ only in function words and spellings: every word one has and the
/// other lacks is a stop word or a variant of a word the other lacks (one or two letters apart:
/// "color" and "colour", a typo). A changed content word changes what the speaker said: that is an
/// alteration, however close the characters.
fn same_content_words(a: &[String], b: &[String]) -> bool {
    let stop = crate::text::stopwords();
    let missing = |x: &[String], y: &[String]| -> Vec<String> {
        let mut rest: Vec<&String> = y.iter().collect();
        x.iter()
            .filter(|w| match rest.iter().position(|r| r == w) {
                Some(i) => {
                    rest.swap_remove(i);
                    false
                }
                None => true,
            })
            .cloned()
            .collect()
    };
    let (only_a, only_b) = (missing(a, b), missing(b, a));
    let variant = |w: &String, others: &[String]| {
        others.iter().any(|o| {
            strsim::levenshtein(w, o) <= 2 && w.chars().count().min(o.chars().count()) >= 4
        })
    };
    only_a
        .iter()
        .all(|w| stop.contains(w) || variant(w, &only_b))
        && only_b
            .iter()
            .all(|w| stop.contains(w) || variant(w, &only_a))
}

fn contains_run(long: &[String], short: &[String]) -> bool {
    !short.is_empty() && short.len() < long.len() && long.windows(short.len()).any(|w| w == short)
}

/// Same person: last names equal, or one name holds the other.
fn same_speaker(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let last = |s: &str| s.split_whitespace().last().map(str::to_string);
    a.contains(&b) || b.contains(&a) || last(&a) == last(&b)
}

/// Fewest words of a quotation that can be a truncation of another, or be misattributed: one or
/// two words ("kidnapping") recur in many remarks.
const MIN_PART: usize = 3;

struct Item {
    words: Vec<String>,
    /// `words` joined by spaces, and its length in characters (for the character similarity).
    joined: String,
    joined_chars: usize,
    surface: String,
    named_speaker: Option<String>,
    facts: BTreeSet<usize>,
}

/// Relation of two quotations from different articles, if they are the same remark by their words
/// (fact-based `altered` is decided later): relation from `a`'s side, and similarity.
fn relate(a: &Item, b: &Item) -> Option<(Fidelity, f64)> {
    let (ja, jb) = (&a.joined, &b.joined);
    if ja.is_empty() || jb.is_empty() {
        return None;
    }
    // The character similarity is computed only where it decides or is returned: no edit script
    // is shorter than the difference in length, so a pair whose lengths differ by more than a
    // tenth cannot reach 0.9.
    let sim = || strsim::normalized_levenshtein(ja, jb);
    let (la, lb) = (a.joined_chars, b.joined_chars);
    let may_be_minor = la.abs_diff(lb) * 10 <= la.max(lb);
    let mut rel = if a.surface == b.surface {
        Some(Fidelity::Verbatim)
    } else if a.words == b.words
        || (a.words.len().min(b.words.len()) >= 3
            && may_be_minor
            && sim() >= 0.9
            && same_content_words(&a.words, &b.words))
    {
        Some(Fidelity::MinorEdit)
    } else if a.words.len() >= MIN_PART && contains_run(&b.words, &a.words) {
        Some(Fidelity::Truncated)
    } else if b.words.len() >= MIN_PART && contains_run(&a.words, &b.words) {
        // `a` is the fuller version of `b`.
        Some(Fidelity::Verbatim)
    } else {
        None
    };
    if rel.is_some() {
        let long = a.words.len().min(b.words.len()) >= MIN_PART;
        if let (Some(x), Some(y), true) = (&a.named_speaker, &b.named_speaker, long) {
            if !same_speaker(x, y) {
                rel = Some(Fidelity::Misattributed);
            }
        }
        return rel.map(|r| (r, sim()));
    }
    if a.words.len() < 4 || b.words.len() < 4 {
        return None;
    }
    let wsim = 1.0
        - strsim::generic_levenshtein(&a.words, &b.words) as f64
            / a.words.len().max(b.words.len()) as f64;
    (wsim >= 0.5).then(|| (Fidelity::Altered, sim()))
}

/// Cross-outlet quote fidelity, findings and attribution profiles of a story.
///
/// `outlet_of[i]` names the outlet of `docs[i]` (articles of one outlet are compared with the
/// other outlets' only).
pub fn analyse(
    docs: &[Document],
    alignment: &Alignment,
    outlet_of: &[String],
    lex: &Lexicon,
) -> Quotes {
    let mut out = Quotes::default();
    let outlet = |d: usize| {
        outlet_of
            .get(d)
            .cloned()
            .unwrap_or_else(|| docs[d].article.id.clone())
    };
    let mut items: Vec<Item> = Vec::new();
    let mut per_doc = Vec::with_capacity(docs.len());
    for (di, doc) in docs.iter().enumerate() {
        let found = extract_quotes(doc, lex);
        for q in &found.quotes {
            let facts = q
                .sentences
                .iter()
                .filter_map(|&s| {
                    alignment.fact_of.get(&SentenceRef {
                        doc: di,
                        sentence: s,
                    })
                })
                .copied()
                .collect();
            let words = normalise(&q.text, lex);
            let joined = words.join(" ");
            items.push(Item {
                joined_chars: joined.chars().count(),
                joined,
                words,
                surface: surface(&q.text),
                // Names written next to the quotation only: a resolved pronoun may be wrong.
                named_speaker: q
                    .speaker
                    .as_ref()
                    .filter(|s| s.kind == SpeakerKind::Named)
                    .map(|s| s.text.clone()),
                facts,
            });
            out.quotes.push(QuoteRecord {
                id: format!("Q{}", out.quotes.len() + 1),
                article: doc.article.id.clone(),
                sentence: q.sentences.first().copied().unwrap_or(0),
                text: q.text.clone(),
                kind: q.kind,
                speaker: q.speaker.as_ref().map(|s| s.text.clone()),
                speaker_kind: q.speaker.as_ref().map(|s| s.kind),
                verb: q.verb.clone(),
                matches: Vec::new(),
                fidelity: Fidelity::Unmatched,
                doc: di,
                sentences: q.sentences.clone(),
            });
        }
        for m in &found.missing_speakers {
            out.findings.push(Finding {
                kind: "missing_speaker".into(),
                article: doc.article.id.clone(),
                sentence: m.sentence,
                text: doc
                    .sentences
                    .get(m.sentence)
                    .map_or(String::new(), |s| s.text.clone()),
                evidence: format!("a reporting verb with no speaker: “{}”", m.text),
            });
        }
        per_doc.push(found);
    }
    let n = items.len();
    let doc_of: Vec<usize> = out.quotes.iter().map(|q| q.doc).collect();
    let outlet_names: Vec<String> = (0..docs.len()).map(outlet).collect();
    let other = |i: usize, j: usize| {
        let (a, b) = (doc_of[i], doc_of[j]);
        a != b && outlet_names[a] != outlet_names[b]
    };
    // Pairs by words (both directions: `truncated` one way is `verbatim` the other).
    let mut rel: BTreeMap<(usize, usize), (Fidelity, f64)> = BTreeMap::new();
    for i in 0..n {
        for j in 0..n {
            if i != j && other(i, j) {
                if let Some(r) = relate(&items[i], &items[j]) {
                    rel.insert((i, j), r);
                }
            }
        }
    }
    // Altered by the alignment: quotations of two articles in one fact with no counterpart by
    // words in the other article; each must be the other's closest there.
    let matched_with_doc = |i: usize, d: usize| rel.keys().any(|&(a, b)| a == i && doc_of[b] == d);
    let mut best_in: BTreeMap<(usize, usize), (f64, usize)> = BTreeMap::new();
    for i in 0..n {
        for j in 0..n {
            let dj = doc_of[j];
            let same_fact = !items[i].facts.is_disjoint(&items[j].facts);
            let same_speaker = match (&items[i].named_speaker, &items[j].named_speaker) {
                (Some(x), Some(y)) => same_speaker(x, y),
                _ => false,
            };
            if !other(i, j)
                || !(same_fact || same_speaker)
                || matched_with_doc(i, dj)
                || matched_with_doc(j, doc_of[i])
            {
                continue;
            }
            let sim = strsim::normalized_levenshtein(&items[i].joined, &items[j].joined);
            let shared = |min: usize| {
                items[i]
                    .words
                    .iter()
                    .any(|w| w.chars().count() >= min && items[j].words.contains(w))
            };
            // In one fact: a shared content word or half the characters; by the same speaker
            // outside any shared fact: a shared word of six letters or more.
            let close = if same_fact {
                shared(4) || sim >= 0.5
            } else {
                shared(6)
            };
            if close && best_in.get(&(i, dj)).is_none_or(|b| sim > b.0) {
                best_in.insert((i, dj), (sim, j));
            }
        }
    }
    for (&(i, _), &(sim, j)) in &best_in {
        let mutual = best_in.get(&(j, doc_of[i])).is_some_and(|b| b.1 == i);
        if mutual {
            rel.entry((i, j)).or_insert((Fidelity::Altered, sim));
        }
    }
    for (&(i, j), &(r, sim)) in &rel {
        let pair_relation = match (r, rel.get(&(j, i)).map(|x| x.0)) {
            (Fidelity::Verbatim, Some(Fidelity::Truncated)) => Fidelity::Truncated,
            (r, _) => r,
        };
        let m = Match {
            article: out.quotes[j].article.clone(),
            quote: out.quotes[j].id.clone(),
            text: out.quotes[j].text.clone(),
            similarity: round4(sim),
            relation: pair_relation,
        };
        out.quotes[i].matches.push(m);
        if i < j {
            out.pairs.push(QuotePair {
                a: out.quotes[i].id.clone(),
                b: out.quotes[j].id.clone(),
                relation: pair_relation,
                similarity: round4(sim),
            });
        }
    }
    // Fidelity per quotation.
    for i in 0..n {
        let own: Vec<Fidelity> = rel
            .range((i, 0)..(i + 1, 0))
            .map(|(_, &(r, _))| r)
            .collect();
        let best_words = own
            .iter()
            .filter(|r| {
                matches!(
                    r,
                    Fidelity::Verbatim | Fidelity::MinorEdit | Fidelity::Truncated
                )
            })
            .min()
            .copied();
        out.quotes[i].fidelity = best_words
            .or_else(|| {
                own.contains(&Fidelity::Misattributed)
                    .then_some(Fidelity::Misattributed)
            })
            .or_else(|| {
                own.contains(&Fidelity::Altered)
                    .then_some(Fidelity::Altered)
            })
            .unwrap_or(Fidelity::Unmatched);
    }
    // Findings on quotations.
    for (i, item) in items.iter().enumerate() {
        let q = &out.quotes[i];
        let sentence_text = docs[q.doc]
            .sentences
            .get(q.sentence)
            .map_or(String::new(), |s| s.text.clone());
        let finding = |kind: &str, evidence: String| Finding {
            kind: kind.into(),
            article: q.article.clone(),
            sentence: q.sentence,
            text: sentence_text.clone(),
            evidence,
        };
        match q.fidelity {
            Fidelity::Altered => {
                let m = q.matches.iter().find(|m| m.relation == Fidelity::Altered);
                if let Some(m) = m {
                    out.findings.push(finding(
                        "altered_quote",
                        format!(
                            "“{}” here; “{}” in {} for the same remark",
                            q.text, m.text, m.article
                        ),
                    ));
                }
            }
            Fidelity::Misattributed => {
                let m = q
                    .matches
                    .iter()
                    .find(|m| m.relation == Fidelity::Misattributed);
                if let Some(m) = m {
                    let other = out
                        .quotes
                        .iter()
                        .find(|x| x.id == m.quote)
                        .and_then(|x| x.speaker.clone())
                        .unwrap_or_default();
                    out.findings.push(finding(
                        "misattributed_quote",
                        format!(
                            "“{}” is attributed to {} here and to {} in {}",
                            q.text,
                            q.speaker.clone().unwrap_or_default(),
                            other,
                            m.article
                        ),
                    ));
                }
            }
            Fidelity::Unmatched if q.kind != QuoteKind::Scare => {
                // Other outlets report the same fact without this quotation.
                let mut others: BTreeSet<String> = BTreeSet::new();
                let mut fact_ids = BTreeSet::new();
                for &f in &item.facts {
                    let fact = &alignment.facts[f];
                    for &d in &fact.docs {
                        if d != q.doc && outlet(d) != outlet(q.doc) {
                            others.insert(docs[d].article.id.clone());
                            fact_ids.insert(fact.id.clone());
                        }
                    }
                }
                if !others.is_empty() {
                    let verb = if others.len() > 1 {
                        "report"
                    } else {
                        "reports"
                    };
                    out.findings.push(finding(
                        "unmatched_quote",
                        format!(
                            "“{}”: {} {} the same fact ({}) without this quotation",
                            q.text,
                            others.into_iter().collect::<Vec<_>>().join(", "),
                            verb,
                            fact_ids.into_iter().collect::<Vec<_>>().join(", ")
                        ),
                    ));
                }
            }
            _ => {}
        }
    }
    // Per outlet.
    let mut names: Vec<String> = (0..docs.len()).map(outlet).collect();
    names.sort();
    names.dedup();
    for name in names {
        let ds: Vec<usize> = (0..docs.len()).filter(|&d| outlet(d) == name).collect();
        let qs: Vec<&QuoteRecord> = out.quotes.iter().filter(|q| ds.contains(&q.doc)).collect();
        let quote_fidelity = Fidelity::ALL
            .iter()
            .map(|f| {
                let k = qs.iter().filter(|q| q.fidelity == *f).count();
                (f.key().to_string(), round4(ratio(k, qs.len())))
            })
            .collect();
        let mut p = AttributionProfile::default();
        let mut speakers: BTreeMap<String, usize> = BTreeMap::new();
        for &d in &ds {
            let found = &per_doc[d];
            for a in &found.attributions {
                p.sentences += 1;
                match a.kind {
                    AttributionKind::Named => p.named += 1,
                    AttributionKind::Anonymous => p.anonymous += 1,
                    AttributionKind::Unresolved => p.unresolved += 1,
                    AttributionKind::None => p.unattributed += 1,
                }
            }
            p.missing_speakers += found.missing_speakers.len();
            for q in &found.quotes {
                if let Some(s) = &q.speaker {
                    *speakers.entry(s.text.clone()).or_default() += 1;
                }
            }
        }
        p.share_named = round4(ratio(p.named, p.sentences));
        p.share_anonymous = round4(ratio(p.anonymous, p.sentences));
        p.share_unattributed = round4(ratio(p.unattributed, p.sentences));
        let mut sp: Vec<(String, usize)> = speakers.into_iter().collect();
        sp.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        p.speakers = sp;
        out.outlets.push(OutletQuotes {
            outlet: name,
            quotes: qs.len(),
            quote_fidelity,
            attribution: p,
        });
    }
    out.findings
        .sort_by(|a, b| (&a.article, a.sentence, &a.kind).cmp(&(&b.article, b.sentence, &b.kind)));
    out
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{Fact, PairStats};
    use crate::model::{Article, Format};

    fn doc(id: &str, body: &str) -> Document {
        let mut a = Article::bare(id, Format::Text);
        a.body = body.to_string();
        crate::segment::segment(a)
    }

    /// An alignment with the given facts, each a list of (doc, sentence).
    fn alignment(facts: &[&[(usize, usize)]]) -> Alignment {
        let mut fact_of = BTreeMap::new();
        let facts = facts
            .iter()
            .enumerate()
            .map(|(i, members)| {
                let members: Vec<SentenceRef> = members
                    .iter()
                    .map(|&(doc, sentence)| SentenceRef { doc, sentence })
                    .collect();
                for m in &members {
                    fact_of.insert(*m, i);
                }
                let mut docs: Vec<usize> = members.iter().map(|m| m.doc).collect();
                docs.dedup();
                Fact {
                    id: format!("F{}", i + 1),
                    members,
                    docs,
                    cohesion: 1.0,
                    conflicts: Vec::new(),
                }
            })
            .collect();
        Alignment {
            facts,
            stats: PairStats::default(),
            fact_of,
            eligible: Vec::new(),
            related: BTreeMap::new(),
            best_other: BTreeMap::new(),
            claims: BTreeMap::new(),
        }
    }

    fn run(bodies: &[&str], facts: &[&[(usize, usize)]]) -> Quotes {
        let docs: Vec<Document> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| doc(&format!("a{i}"), b))
            .collect();
        let outlets: Vec<String> = (0..docs.len()).map(|i| format!("outlet{i}")).collect();
        analyse(
            &docs,
            &alignment(facts),
            &outlets,
            Lexicon::builtin().unwrap(),
        )
    }

    fn fidelity(q: &Quotes) -> Vec<Fidelity> {
        q.quotes.iter().map(|q| q.fidelity).collect()
    }

    #[test]
    fn verbatim_across_mark_styles() {
        let q = run(
            &[
                "“We will rebuild the bridge by spring,” said Lena Park.",
                "Lena Park said: \"We will rebuild the bridge by spring.\"",
            ],
            &[],
        );
        assert_eq!(
            fidelity(&q),
            [Fidelity::Verbatim, Fidelity::Verbatim],
            "{q:#?}"
        );
        assert_eq!(q.pairs.len(), 1);
        assert_eq!(q.quotes[0].matches[0].similarity, 1.0);
        assert_eq!(q.quotes[0].speaker.as_deref(), Some("Lena Park"));
    }

    #[test]
    fn minor_edit_with_dashes_and_honorifics() {
        let q = run(
            &[
                "“Mr. Haddad—our partner—agreed to the plan,” Rosa Ibarra said.",
                "“Haddad – our partner – agreed to the plan,” Rosa Ibarra said.",
            ],
            &[],
        );
        assert_eq!(
            fidelity(&q),
            [Fidelity::MinorEdit, Fidelity::MinorEdit],
            "{q:#?}"
        );
    }

    #[test]
    fn a_changed_content_word_is_an_alteration_however_close_the_characters() {
        let q = run(
            &[
                "“The levee held, but the lower town is still under water,” Omar Haddad said.",
                "“The levee held, but the lower town is still under siege,” Omar Haddad said.",
            ],
            &[],
        );
        assert_eq!(
            fidelity(&q),
            [Fidelity::Altered, Fidelity::Altered],
            "{q:#?}"
        );
        // A function word more is an edit, not an alteration.
        let q = run(
            &[
                "“The levee held, but the lower town is still under water,” Omar Haddad said.",
                "“The levee held, but the lower town is still under the water,” Omar Haddad said.",
            ],
            &[],
        );
        assert_eq!(
            fidelity(&q),
            [Fidelity::MinorEdit, Fidelity::MinorEdit],
            "{q:#?}"
        );
    }

    #[test]
    fn truncated_is_the_shorter_side() {
        let q = run(
            &[
                "“The levee held, but the lower town is still under water,” Omar Haddad said.",
                "“The lower town is still under water,” Omar Haddad said.",
            ],
            &[],
        );
        assert_eq!(
            fidelity(&q),
            [Fidelity::Verbatim, Fidelity::Truncated],
            "{q:#?}"
        );
        assert_eq!(q.pairs[0].relation, Fidelity::Truncated);
    }

    #[test]
    fn altered_within_one_fact() {
        let bodies = [
            "Ibarra described the tariff as “a betrayal of our farmers.”",
            "The tariff was described as “nothing short of betrayal” by the ministry.",
        ];
        let q = run(&bodies, &[&[(0, 0), (1, 0)]]);
        assert_eq!(
            fidelity(&q),
            [Fidelity::Altered, Fidelity::Altered],
            "{q:#?}"
        );
        let kinds: Vec<&str> = q.findings.iter().map(|f| f.kind.as_str()).collect();
        assert_eq!(kinds, ["altered_quote", "altered_quote"]);
        // Without the fact (and no named speaker in common) they are two unrelated remarks.
        let q = run(&bodies, &[]);
        assert_eq!(
            fidelity(&q),
            [Fidelity::Unmatched, Fidelity::Unmatched],
            "{q:#?}"
        );
    }

    #[test]
    fn misattributed_same_words_other_speaker() {
        let q = run(
            &[
                "“The river will crest on Thursday night,” said Lena Park.",
                "“The river will crest on Thursday night,” said Omar Haddad.",
                "“The river will crest on Thursday night,” Park told reporters.",
            ],
            &[],
        );
        assert_eq!(
            fidelity(&q),
            [
                Fidelity::Verbatim,
                Fidelity::Misattributed,
                Fidelity::Verbatim
            ],
            "{q:#?}"
        );
        assert_eq!(q.findings.len(), 1, "{:#?}", q.findings);
        assert_eq!(q.findings[0].kind, "misattributed_quote");
        assert_eq!(q.findings[0].article, "a1");
    }

    #[test]
    fn unmatched_only_where_others_report_the_fact() {
        let bodies = [
            "The council approved the budget on Monday. “It is a budget for everyone,” Lena Park said.",
            "The council approved the budget on Monday, Lena Park said.",
        ];
        let q = run(&bodies, &[&[(0, 1), (1, 0)]]);
        assert_eq!(fidelity(&q), [Fidelity::Unmatched]);
        assert_eq!(q.findings.len(), 1, "{:#?}", q.findings);
        assert_eq!(q.findings[0].kind, "unmatched_quote");
        let q = run(&bodies, &[]);
        assert!(q.findings.is_empty(), "{:#?}", q.findings);
    }

    #[test]
    fn missing_speaker_and_attribution_profile() {
        let q = run(
            &[
                "“The agency has lost its way,” said , who served as deputy director. Officials said the review would take a year. The review began in May.",
            ],
            &[],
        );
        assert_eq!(q.findings.len(), 1, "{:#?}", q.findings);
        assert_eq!(q.findings[0].kind, "missing_speaker");
        let p = &q.outlets[0].attribution;
        assert_eq!(
            (p.sentences, p.named, p.anonymous, p.unattributed),
            (3, 0, 1, 2),
            "{p:#?}"
        );
        assert_eq!(p.missing_speakers, 1);
        assert_eq!(q.outlets[0].quote_fidelity["unmatched"], 1.0);
    }

    #[test]
    fn normalisation() {
        let lex = Lexicon::builtin().unwrap();
        assert_eq!(
            normalise("Sen. O’Neil—“never” agreed to the F.B.I. plan!", lex),
            ["oneil", "never", "agreed", "to", "the", "fbi", "plan"]
        );
        assert_eq!(
            normalise("law & order, up 5%", lex),
            normalise("law and order, up 5 percent", lex)
        );
    }
}
