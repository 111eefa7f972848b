//! Off-topic sections and paragraphs: parts of an article whose subject is foreign to the story.
//!
//! *What it finds*: units of text (headed sections, and paragraphs, with adjacent flagged paragraphs
//! joined into runs) whose words the story's other outlets do not use, and titled sections about
//! subjects the story does not contain (see the second rule below). Each unit gets a
//! *relatedness*: the share of its content words, weighted by rarity, that the story's core holds,
//! where a word's core weight is the share of the *other* outlets that use it (a word used by every
//! other outlet counts fully, one used by none not at all), blended with the share its own article
//! uses outside the unit (its lead and other paragraphs). A unit is off-topic when its relatedness
//! is an outlier among all the units of the story: its robust z-score (distance from the median in
//! units of the median absolute deviation, scaled to a standard deviation) is below
//! `max-robust-z` of `rubrics/sections.toml`, and it is below `max-relatedness` in absolute terms.
//! A titled section, judged as a whole as a reader sees it, is also off-topic when it names at least
//! `section-min-foreign-names` subjects no other article names (and its own article nowhere else),
//! its names weighted by specificity (a protagonist every outlet names counts for little) are at
//! most `section-max-names-shared` shared, and its relatedness is below the median by
//! `section-max-robust-z`: the finding lists those foreign names as the evidence.
//!
//! *Why*: aggregated feeds carry machine-written summaries that drift to unrelated subjects; the
//! evidence a reader needs is which words no other outlet uses and how far the unit stands from the
//! story's core, not a bare verdict. An outlier test adapts to the story: a story whose outlets
//! share little vocabulary has a low median, and only units far below it are flagged.
//!
//! *Limitations*: lexical (stems), so a paragraph on the same subject in entirely different words
//! looks foreign; a story with one outlet has no core and relies on the article's own words; a
//! unit with fewer than `min-unit-words` content words is not judged (too few words for the share
//! to mean anything). Paragraph runs are found by joining adjacent flagged paragraphs, a coarse
//! stand-in for a topic-segmentation step such as TextTiling.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::align::SentenceRef;
use crate::error::{Error, Result};
use crate::extract::Claims;
use crate::model::Document;
use crate::text::stopwords;

/// Prefix of the terms that stand for a word of a name.
const NAME_MARK: char = '@';

const BUILTIN: &str = include_str!("../../rubrics/sections.toml");

/// The settings of `rubrics/sections.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionsConfig {
    pub version: u32,
    pub offtopic: OffTopicConfig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OffTopicConfig {
    pub min_unit_words: usize,
    pub own_article_weight: f64,
    pub max_robust_z: f64,
    pub max_relatedness: f64,
    pub min_mad: f64,
    pub name_weight: f64,
    pub max_names_shared: f64,
    pub evidence_terms: usize,
    /// A titled section naming at least this many foreign subjects (names used by no other article
    /// and nowhere else in its own)…
    pub section_min_foreign_names: usize,
    /// …whose names, weighted by how specific they are to it, are at most this share shared…
    pub section_max_names_shared: f64,
    /// …and whose relatedness lies at most this many robust deviations from the story's median
    /// (0: below the median) is off-topic: a section about subjects the story does not contain.
    pub section_max_robust_z: f64,
}

impl SectionsConfig {
    pub fn builtin() -> Result<SectionsConfig> {
        Self::parse(BUILTIN, std::path::Path::new("rubrics/sections.toml"))
    }

    pub fn parse(text: &str, path: &std::path::Path) -> Result<SectionsConfig> {
        let cfg: SectionsConfig = crate::error::from_toml(text, path, "")?;
        let o = &cfg.offtopic;
        let bad = |what: &str| Error::Config {
            path: path.to_path_buf(),
            line: 1,
            reason: what.to_string(),
        };
        if cfg.version != 1 {
            return Err(bad("version must be 1"));
        }
        if !(0.0..=1.0).contains(&o.own_article_weight) {
            return Err(bad("offtopic.own-article-weight must be within 0..=1"));
        }
        if !(0.0..=1.0).contains(&o.max_relatedness) {
            return Err(bad("offtopic.max-relatedness must be within 0..=1"));
        }
        if !o.max_robust_z.is_finite() || o.max_robust_z >= 0.0 {
            return Err(bad("offtopic.max-robust-z must be a negative number"));
        }
        if !o.min_mad.is_finite() || o.min_mad <= 0.0 {
            return Err(bad("offtopic.min-mad must be a positive number"));
        }
        Ok(cfg)
    }
}

/// One judged unit: a headed section or a paragraph.
#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    /// Index of the document.
    pub doc: usize,
    /// Index of the section that holds it.
    pub section: usize,
    /// The paragraphs it covers.
    pub paragraphs: Range<usize>,
    /// `section` for a whole headed section, `paragraph` for one paragraph.
    pub kind: UnitKind,
    /// Content words (stems), distinct.
    pub words: usize,
    /// Weighted share of its words that the other outlets use (0–1).
    pub core: f64,
    /// Weighted share of its words that its own article uses outside the unit (0–1).
    pub own: f64,
    /// The blend the outlier test reads.
    pub relatedness: f64,
    /// (relatedness − median) / (1.4826 · MAD) over the story's units.
    pub robust_z: f64,
    /// Its rarest words that no other article of the story uses, heaviest first, as written.
    pub foreign_terms: Vec<String>,
    /// Share of its name words used elsewhere in the story (1 when it names no one).
    pub names_shared: f64,
    /// The same share with each name weighted by how specific it is: a name used by no other
    /// article weighs 1, a shared one 1 − the share of the other outlets that use it (the story's
    /// protagonists, named by every outlet, say almost nothing of what a section is about); 1
    /// when it names only protagonists or no one.
    pub names_shared_specific: f64,
    /// Its names used by no other article and nowhere else in its own, as written.
    pub foreign_names: Vec<String>,
    pub off_topic: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Section,
    Paragraph,
}

/// The result for a story: every judged unit, the distribution it was judged against, and the
/// off-topic units to report (sections, and runs of adjacent paragraphs outside flagged sections).
#[derive(Debug, Clone, Serialize)]
pub struct OffTopic {
    pub units: Vec<Unit>,
    pub median: f64,
    pub mad: f64,
    /// Indices into `units` of what to report, merged: a flagged section hides its paragraphs, and
    /// adjacent flagged paragraphs of one section become one run (the first unit's index, with
    /// the run's paragraph range in [`Flagged::paragraphs`]).
    pub flagged: Vec<Flagged>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Flagged {
    pub doc: usize,
    pub section: usize,
    pub paragraphs: Range<usize>,
    pub kind: UnitKind,
    /// The lowest relatedness and robust z in the run.
    pub relatedness: f64,
    pub robust_z: f64,
    pub foreign_terms: Vec<String>,
    /// The names no other article uses (and its own uses nowhere else), as written.
    pub foreign_names: Vec<String>,
}

/// The distinct content stems of a range of paragraphs.
/// `surface` records, for each term, the word as first written (to show evidence readably).
/// Names come from `claims` (the alignment's, extracted once) where the sentence has them.
fn stems_of(
    (doc, d): (usize, &Document),
    paragraphs: Range<usize>,
    claims: &BTreeMap<SentenceRef, Claims>,
    stop: &std::collections::HashSet<String>,
    surface: &mut HashMap<String, String>,
) -> HashSet<String> {
    let mut out = HashSet::default();
    for p in &d.paragraphs[paragraphs] {
        for (si, s) in d.sentences[p.sentences.clone()]
            .iter()
            .enumerate()
            .map(|(k, s)| (p.sentences.start + k, s))
        {
            for t in &s.tokens {
                if t.lower.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !stop.contains(&t.lower)
                {
                    if !surface.contains_key(&t.stem) {
                        surface.insert(t.stem.clone(), t.lower.clone());
                    }
                    out.insert(t.stem.clone());
                }
            }
            // Names count as terms of their own (weighed by `name-weight`): one per word, so
            // that "Marco Rubio" and "Rubio" share one.
            let at = SentenceRef { doc, sentence: si };
            let names = match claims.get(&at) {
                Some(c) => c.names.clone(),
                None => crate::extract::names(&s.text),
            };
            for n in names {
                for w in n.text.split(|c: char| !c.is_alphanumeric()) {
                    if w.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                        let term = format!("{NAME_MARK}{}", w.to_lowercase());
                        surface.entry(term.clone()).or_insert_with(|| w.to_string());
                        out.insert(term);
                    }
                }
            }
        }
    }
    out
}

fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Judge every unit of the story. `outlet_of[d]` names document `d`'s outlet: words used by other
/// documents of the same outlet do not count as support.
pub fn analyse(
    docs: &[Document],
    outlet_of: &[String],
    claims: &BTreeMap<SentenceRef, Claims>,
    cfg: &OffTopicConfig,
) -> OffTopic {
    let stop = stopwords();
    // Per paragraph: its stems; per stem: the paragraphs (document frequency) and outlets using it.
    let mut surface: HashMap<String, String> = HashMap::default();
    let para_stems: Vec<Vec<HashSet<String>>> = docs
        .iter()
        .enumerate()
        .map(|(di, d)| {
            (0..d.paragraphs.len())
                .map(|p| stems_of((di, d), p..p + 1, claims, stop, &mut surface))
                .collect()
        })
        .collect();
    let n_paragraphs: usize = para_stems.iter().map(Vec::len).sum();
    let mut df: HashMap<&str, usize> = HashMap::default();
    let mut outlets_of: HashMap<&str, HashSet<&str>> = HashMap::default();
    let mut docs_of: HashMap<&str, HashSet<usize>> = HashMap::default();
    for (d, paras) in para_stems.iter().enumerate() {
        for stems in paras {
            for s in stems {
                *df.entry(s).or_default() += 1;
                outlets_of.entry(s).or_default().insert(&outlet_of[d]);
                docs_of.entry(s).or_default().insert(d);
            }
        }
    }
    let mut outlets: Vec<&str> = outlet_of.iter().map(String::as_str).collect();
    outlets.sort_unstable();
    outlets.dedup();
    let idf = |s: &str| {
        let w = (1.0 + n_paragraphs as f64 / df.get(s).copied().unwrap_or(1) as f64).ln();
        if s.starts_with(NAME_MARK) {
            w * cfg.name_weight
        } else {
            w
        }
    };

    // Per document: in how many of its paragraphs each word stands.
    let doc_counts: Vec<HashMap<&str, usize>> = para_stems
        .iter()
        .map(|paras| {
            let mut m: HashMap<&str, usize> = HashMap::default();
            for w in paras.iter().flatten() {
                *m.entry(w.as_str()).or_default() += 1;
            }
            m
        })
        .collect();
    let mut units = Vec::new();
    for (di, d) in docs.iter().enumerate() {
        let other_outlets = outlets.len() - 1;
        let mut candidates: Vec<(usize, Range<usize>, UnitKind)> = Vec::new();
        for (si, s) in d.sections.iter().enumerate() {
            if s.title.is_some() && !s.paragraphs.is_empty() {
                candidates.push((si, s.paragraphs.clone(), UnitKind::Section));
            }
        }
        for (pi, p) in d.paragraphs.iter().enumerate() {
            candidates.push((p.section, pi..pi + 1, UnitKind::Paragraph));
        }
        for (section, paragraphs, kind) in candidates {
            let mut stems: HashSet<&str> = HashSet::default();
            for p in paragraphs.clone() {
                stems.extend(para_stems[di][p].iter().map(String::as_str));
            }
            if stems.len() < cfg.min_unit_words {
                continue;
            }
            // Own article outside the unit: a word is there when more of the article's
            // paragraphs hold it than the unit's do.
            let mut in_unit: HashMap<&str, usize> = HashMap::default();
            for p in paragraphs.clone() {
                for w in &para_stems[di][p] {
                    *in_unit.entry(w.as_str()).or_default() += 1;
                }
            }
            let own_has = |w: &str| {
                doc_counts[di].get(w).copied().unwrap_or(0) > in_unit.get(w).copied().unwrap_or(0)
            };
            let (mut total, mut core, mut own) = (0.0, 0.0, 0.0);
            let mut foreign: Vec<(f64, &str)> = Vec::new();
            for &s in &stems {
                let w = idf(s);
                total += w;
                let users = &outlets_of[s];
                let others = users.len() - usize::from(users.contains(outlet_of[di].as_str()));
                if other_outlets > 0 {
                    core += w * others as f64 / other_outlets as f64;
                }
                if own_has(s) {
                    own += w;
                }
                if docs_of[s].len() == 1 && !own_has(s) {
                    foreign.push((w, s));
                }
            }
            let (core, own) = (core / total, own / total);
            let names: Vec<&str> = stems
                .iter()
                .copied()
                .filter(|s| s.starts_with(NAME_MARK))
                .collect();
            let names_shared = if names.is_empty() {
                1.0
            } else {
                names
                    .iter()
                    .filter(|s| docs_of[**s].len() > 1 || own_has(s))
                    .count() as f64
                    / names.len() as f64
            };
            let (mut named, mut named_shared) = (0.0, 0.0);
            let mut foreign_names: Vec<&str> = Vec::new();
            for &n in &names {
                if docs_of[n].len() > 1 || own_has(n) {
                    let users = &outlets_of[n];
                    let others = users.len() - usize::from(users.contains(outlet_of[di].as_str()));
                    let w = if other_outlets > 0 {
                        1.0 - others as f64 / other_outlets as f64
                    } else {
                        1.0
                    };
                    named += w;
                    named_shared += w;
                } else {
                    named += 1.0;
                    foreign_names.push(n);
                }
            }
            foreign_names.sort_unstable();
            let names_shared_specific = if named > 0.0 {
                named_shared / named
            } else {
                1.0
            };
            let relatedness = if other_outlets == 0 {
                own
            } else {
                (1.0 - cfg.own_article_weight) * core + cfg.own_article_weight * own
            };
            foreign.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
            units.push(Unit {
                doc: di,
                section,
                paragraphs,
                kind,
                words: stems.len(),
                core,
                own,
                relatedness,
                robust_z: 0.0,
                foreign_terms: {
                    // A name's word and its stem are one word to the reader.
                    let mut seen = HashSet::default();
                    foreign
                        .into_iter()
                        .map(|(_, s)| surface.get(s).cloned().unwrap_or_else(|| s.to_string()))
                        .filter(|w| seen.insert(w.to_lowercase()))
                        .take(cfg.evidence_terms)
                        .collect()
                },
                names_shared,
                names_shared_specific,
                foreign_names: {
                    let mut seen = HashSet::default();
                    foreign_names
                        .into_iter()
                        .map(|s| surface.get(s).cloned().unwrap_or_else(|| s.to_string()))
                        .filter(|w| seen.insert(w.to_lowercase()))
                        .collect()
                },
                off_topic: false,
            });
        }
    }

    // The outlier test runs on paragraphs, the units every article has; sections are judged
    // against the same distribution.
    let mut values: Vec<f64> = units
        .iter()
        .filter(|u| u.kind == UnitKind::Paragraph)
        .map(|u| u.relatedness)
        .collect();
    let med = median(&mut values);
    let mut deviations: Vec<f64> = values.iter().map(|v| (v - med).abs()).collect();
    let mad = median(&mut deviations);
    let scale = 1.4826 * mad.max(cfg.min_mad);
    for u in &mut units {
        u.robust_z = (u.relatedness - med) / scale;
        // A paragraph or section far below the story's relatedness, naming few of its names…
        let outlier = u.robust_z < cfg.max_robust_z
            && u.relatedness < cfg.max_relatedness
            && u.names_shared <= cfg.max_names_shared;
        // …or a titled section about subjects the story does not contain.
        let foreign_section = u.kind == UnitKind::Section
            && u.foreign_names.len() >= cfg.section_min_foreign_names
            && u.names_shared_specific <= cfg.section_max_names_shared
            && u.robust_z < cfg.section_max_robust_z;
        u.off_topic = outlier || foreign_section;
    }

    let mut flagged: Vec<Flagged> = Vec::new();
    let flagged_sections: HashSet<(usize, usize)> = units
        .iter()
        .filter(|u| u.off_topic && u.kind == UnitKind::Section)
        .map(|u| (u.doc, u.section))
        .collect();
    for u in units.iter().filter(|u| u.off_topic) {
        if u.kind == UnitKind::Paragraph && flagged_sections.contains(&(u.doc, u.section)) {
            continue;
        }
        if let Some(last) = flagged.last_mut() {
            if u.kind == UnitKind::Paragraph
                && last.kind == UnitKind::Paragraph
                && last.doc == u.doc
                && last.section == u.section
                && last.paragraphs.end == u.paragraphs.start
            {
                last.paragraphs.end = u.paragraphs.end;
                last.relatedness = last.relatedness.min(u.relatedness);
                last.robust_z = last.robust_z.min(u.robust_z);
                for t in &u.foreign_terms {
                    if last.foreign_terms.len() < cfg.evidence_terms
                        && !last.foreign_terms.contains(t)
                    {
                        last.foreign_terms.push(t.clone());
                    }
                }
                for n in &u.foreign_names {
                    if !last.foreign_names.contains(n) {
                        last.foreign_names.push(n.clone());
                    }
                }
                continue;
            }
        }
        flagged.push(Flagged {
            doc: u.doc,
            section: u.section,
            paragraphs: u.paragraphs.clone(),
            kind: u.kind,
            relatedness: u.relatedness,
            robust_z: u.robust_z,
            foreign_terms: u.foreign_terms.clone(),
            foreign_names: u.foreign_names.clone(),
        });
    }
    // A single-paragraph headed section is a section to the reader.
    for f in &mut flagged {
        let s = &docs[f.doc].sections[f.section];
        if s.title.is_some() && s.paragraphs == f.paragraphs {
            f.kind = UnitKind::Section;
        }
    }
    OffTopic {
        units,
        median: med,
        mad,
        flagged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Format, RawArticle, SourceMeta};

    fn doc(id: &str, publisher: &str, paragraphs: &[&str]) -> Document {
        let raw = RawArticle {
            id: id.into(),
            path: format!("{id}.txt"),
            format: Format::Json,
            text: paragraphs.join("\n\n"),
            meta: SourceMeta {
                publisher: Some(publisher.into()),
                ..SourceMeta::default()
            },
            removed: vec![],
        };
        let rules = crate::rules::Rules::builtin().unwrap();
        let a: Article = crate::clean::clean(raw, &rules);
        crate::segment::segment(a)
    }

    const STRIKE: &[&str] = &[
        "Dock workers at the port of Valmora ended a three-week strike on Monday after the harbour authority agreed to a pay rise.",
        "The union said its members voted to accept a rise of 9% over two years, ending the longest stoppage at the port in decades.",
        "Ships had queued offshore for days while the strike closed the container terminals, and shipping lines diverted cargo to other ports.",
        "The harbour authority said the terminals would reopen on Tuesday morning and that the backlog of ships could take a week to clear.",
        "Union leaders said the strike had been about safety as much as pay, citing accidents at the container terminals last year.",
        "Exporters welcomed the end of the stoppage at the port, saying the strike had cost them orders and delayed shipments of fruit.",
    ];

    /// The strike as outlet `i` reports it: the same paragraphs, in its own order.
    fn strike_as(i: usize) -> Vec<&'static str> {
        let mut v: Vec<&str> = STRIKE.to_vec();
        v.rotate_left(i);
        v
    }

    const PUBLISHERS: &[&str] = &[
        "Harbour News",
        "Coast Daily",
        "Shipping Wire",
        "Evening Post",
    ];

    /// A story of `n` outlets reporting the strike, the first one's paragraphs being `first`; and
    /// each document's outlet.
    fn strike_story(first: &[&str], n: usize) -> (Vec<Document>, Vec<String>) {
        let docs: Vec<Document> = (0..n)
            .map(|i| {
                let id = ["a", "b", "c", "d"][i];
                if i == 0 {
                    doc(id, PUBLISHERS[i], first)
                } else {
                    doc(id, PUBLISHERS[i], &strike_as(i))
                }
            })
            .collect();
        let outlets = PUBLISHERS[..n].iter().map(|p| p.to_string()).collect();
        (docs, outlets)
    }

    #[test]
    fn a_paragraph_on_another_subject_is_flagged_and_the_story_is_not() {
        let mut with_stray = strike_as(0);
        with_stray.insert(
            3,
            "Meanwhile the football club Rovers signed a Brazilian striker for a record fee, and the \
             club's chairman promised supporters a new stadium with a retractable roof by next season.",
        );
        let (docs, outlets) = strike_story(&with_stray, 4);
        let cfg = SectionsConfig::builtin().unwrap();
        let r = analyse(&docs, &outlets, &BTreeMap::new(), &cfg.offtopic);
        assert_eq!(r.flagged.len(), 1, "{:#?}", r.flagged);
        let f = &r.flagged[0];
        assert_eq!((f.doc, f.paragraphs.clone()), (0, 3..4));
        assert!(
            f.foreign_terms.iter().any(|t| t == "Rovers"),
            "{:?}",
            f.foreign_terms
        );
        assert!(f.robust_z < cfg.offtopic.max_robust_z);
    }

    #[test]
    fn a_titled_section_about_other_subjects_is_flagged_with_them() {
        // A section that names the story's place once but is about things no outlet mentions.
        let mut with_section = strike_as(0);
        with_section.extend([
            "# Wider view",
            "The strike at the port ended as Zarovia's exporters and shipping lines watched the union \
             vote. Kelbrook University sued the harbour authority of Ostrand over pay, and Meridia's \
             dock workers may follow the union's lead on safety at the container terminals.",
        ]);
        let (docs, outlets) = strike_story(&with_section, 3);
        let cfg = SectionsConfig::builtin().unwrap();
        let r = analyse(&docs, &outlets, &BTreeMap::new(), &cfg.offtopic);
        let f = r
            .flagged
            .iter()
            .find(|f| f.kind == UnitKind::Section)
            .unwrap_or_else(|| panic!("the section is flagged: {:#?}", r.units));
        assert_eq!(f.doc, 0);
        for name in ["Zarovia", "Kelbrook", "Meridia"] {
            assert!(
                f.foreign_names.iter().any(|n| n == name),
                "{:?}",
                f.foreign_names
            );
        }
        // The strike's own paragraphs are not flagged.
        assert!(
            r.flagged.iter().all(|f| f.kind == UnitKind::Section),
            "{:#?}",
            r.flagged
        );
    }

    #[test]
    fn the_shipped_settings_parse_and_bad_ones_are_refused() {
        assert!(SectionsConfig::builtin().is_ok());
        let path = std::path::Path::new("x.toml");
        let good = BUILTIN;
        let bad = good.replace("max-robust-z = ", "max-robust-z = 1.0 #");
        assert!(SectionsConfig::parse(&bad, path).is_err());
        let unknown = format!("{good}\n[extra]\nx = 1\n");
        assert!(SectionsConfig::parse(&unknown, path).is_err());
    }
}
