//! Headline support: the headline's and the standfirst's names, figures and content words checked
//! against the outlet's own body (and the other outlets' bodies), both by one test; each claim
//! says which text it comes from (`from`). `headline_unsupported` findings when the body does not
//! state a name or a figure of the headline (or of the standfirst: the finding then opens with
//! "Standfirst"), or holds too few of its content words.
//!
//! *Does not measure* whether the headline is true, its tone, or what it leaves out; words are
//! matched by stem, prefix and a headlinese glossary, not by meaning. A standfirst is checked only
//! where the source states one ([`crate::load::standfirst`]); plain text has none.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use crate::extract::{names, quantities};
use crate::model::Document;

use super::common::{capitalised, clean_name, content_stems, fold, round3, word_list};
use super::config::FramingConfig;
use super::Finding;

/// One claim of a headline and whether the bodies state it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadlineClaim {
    /// `name`, `figure` or `words`.
    pub kind: String,
    pub text: String,
    pub in_body: bool,
    /// Other outlets whose body states it.
    pub other_outlets: Vec<String>,
    /// `headline` or `standfirst`: the text of the article the claim comes from.
    pub from: String,
}

/// The headline and the standfirst of one article checked against its body, by one test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadlineCheck {
    pub article: String,
    pub headline: Option<String>,
    /// The standfirst the source states (HTML meta description, JSON or feed summary field);
    /// `None` for plain text and when the source states none.
    pub standfirst: Option<String>,
    /// The claims of the headline, then those of the standfirst (each says which in `from`).
    pub claims: Vec<HeadlineClaim>,
    /// Share of the headline's content stems its body holds.
    pub stem_support: Option<f64>,
    /// Whether the body states every claim of the headline (`true` without a headline).
    pub supported: bool,
    /// The body sentence sharing most content words with the headline.
    pub closest_sentence: Option<usize>,
    /// Whether the body states every claim of the standfirst; `None` without one.
    pub standfirst_supported: Option<bool>,
    /// Share of the standfirst's content stems its body holds.
    pub standfirst_stem_support: Option<f64>,
    /// The body sentence sharing most content words with the standfirst.
    pub standfirst_closest_sentence: Option<usize>,
}

/// Initials of a multi-word name ("White House" → "WH").
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Whether a document's body states a name: the name itself, its last word, or (for an
/// abbreviation) a name with those initials.
fn body_has_name(d: &Document, name: &str) -> Option<usize> {
    let last = name.split_whitespace().last().unwrap_or(name);
    let abbreviation = name.len() >= 2 && name.chars().all(|c| c.is_uppercase() || c == '.');
    let plain = name.replace('.', "");
    d.sentences.iter().position(|s| {
        s.text.contains(name)
            || (name.contains(' ') && s.text.contains(last))
            || (abbreviation
                && names(&s.text)
                    .iter()
                    .any(|n| n.text.contains(' ') && initials(&n.text) == plain))
    })
}

/// How a body writes `word` as a name, if it does: capitalised where capitals mean something, past
/// the first word of a sentence (compared up to case, so a headline in capitals finds it too).
fn body_capitalises(d: &Document, word: &str) -> Option<String> {
    let w = clean_name(word);
    let w = fold(w.trim_matches(|c: char| !c.is_alphanumeric()));
    if w.is_empty() {
        return None;
    }
    d.sentences.iter().find_map(|s| {
        s.text
            .unicode_words()
            .skip(1)
            .map(clean_name)
            .find(|x| capitalised(x) && fold(x) == w)
    })
}

/// Whether the byte `at` of `text` starts a sentence: nothing but white space and opening quotes
/// before it, back to the start or to a sentence's closing punctuation.
fn sentence_initial(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[')
    });
    before.is_empty() || before.ends_with(['.', '!', '?', ':'])
}

/// Whether a body writes `word` in lower case somewhere (as an ordinary word).
fn body_writes_lower(d: &Document, word: &str) -> bool {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    !w.is_empty()
        && d.sentences
            .iter()
            .any(|s| s.text.unicode_words().any(|x| x == w))
}

/// The runs of a title-case headline "name" whose words the body writes as names: "A Tense
/// Capitol Hill Meeting" → ["Capitol Hill"] when the body has "Capitol Hill" mid-sentence.
fn name_runs(d: &Document, form: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run: Vec<String> = Vec::new();
    for w in form.split_whitespace() {
        if let Some(x) = body_capitalises(d, w) {
            run.push(x);
        } else if !run.is_empty() {
            runs.push(run.join(" "));
            run.clear();
        }
    }
    if !run.is_empty() {
        runs.push(run.join(" "));
    }
    runs
}

/// Whether a headline content stem is in a body's stems: the same stem, a stem one begins the
/// other with (the shorter of at least `min-prefix-letters` letters: "tens" / "tension"), or an
/// ordinary word of a headlinese word ("summit" / "meeting").
fn stem_in(
    stem: &str,
    body: &BTreeSet<&str>,
    glossary: &HashMap<String, Vec<String>>,
    cfg: &FramingConfig,
) -> bool {
    let n = cfg.headline.min_prefix_letters;
    let near = |b: &str| {
        b == stem
            || (stem.chars().count() >= n && b.starts_with(stem))
            || (b.chars().count() >= n && stem.starts_with(b))
    };
    body.iter().any(|b| near(b))
        || glossary
            .get(stem)
            .is_some_and(|plain| plain.iter().any(|p| body.contains(p.as_str())))
}

fn body_has_figure(d: &Document, value: f64) -> Option<usize> {
    d.sentences.iter().position(|s| {
        quantities(&s.text)
            .iter()
            .any(|q| (q.value - value).abs() <= 1e-9 * value.abs().max(1.0))
    })
}

/// The headline and standfirst of each document checked against the bodies, pushing
/// `headline_unsupported` findings. `outlet(d)` names document `d`'s outlet.
pub(super) fn headlines(
    docs: &[Document],
    outlet: &dyn Fn(usize) -> String,
    cfg: &FramingConfig,
    findings: &mut Vec<Finding>,
) -> Vec<HeadlineCheck> {
    let body_stems: Vec<BTreeSet<&str>> = docs
        .iter()
        .map(|d| {
            d.sentences
                .iter()
                .flat_map(|s| s.tokens.iter().map(|t| t.stem.as_str()))
                .collect()
        })
        .collect();
    // Headlinese word stem → the stems of its ordinary words.
    let glossary: HashMap<String, Vec<String>> = cfg
        .headline
        .headlinese
        .iter()
        .map(|(w, plain)| {
            let stem_of = |x: &str| -> Vec<String> {
                crate::segment::tokens(x, 0)
                    .into_iter()
                    .map(|t| t.stem)
                    .collect()
            };
            (
                stem_of(w).concat(),
                plain.iter().flat_map(|p| stem_of(p)).collect(),
            )
        })
        .collect();
    let mut out = Vec::new();
    for (di, d) in docs.iter().enumerate() {
        let text_of = |t: &Option<String>| t.clone().filter(|t| !t.trim().is_empty());
        let headline = text_of(&d.article.headline);
        let standfirst = text_of(&d.article.standfirst);
        let mut checks: Vec<(&str, &String, TextCheck)> = Vec::new();
        for (from, text) in [(FROM_HEADLINE, &headline), (FROM_STANDFIRST, &standfirst)] {
            if let Some(t) = text {
                let check = check_text(t, from, di, docs, outlet, &body_stems, &glossary, cfg);
                checks.push((from, t, check));
            }
        }
        for (from, text, check) in &checks {
            let unsupported: Vec<&HeadlineClaim> =
                check.claims.iter().filter(|c| !c.in_body).collect();
            if unsupported.is_empty() {
                continue;
            }
            let parts: Vec<String> = unsupported
                .iter()
                .map(|c| {
                    let elsewhere = if c.other_outlets.is_empty() {
                        "no other outlet states it either".to_string()
                    } else {
                        format!("stated by {}", c.other_outlets.join(", "))
                    };
                    format!("{} \"{}\" ({elsewhere})", c.kind, c.text)
                })
                .collect();
            let label = if *from == FROM_STANDFIRST {
                "Standfirst"
            } else {
                "Headline"
            };
            findings.push(Finding {
                kind: "headline_unsupported".into(),
                doc: di,
                fact: None,
                text: format!(
                    "{label} \"{text}\": its own body does not state {}",
                    parts.join("; ")
                ),
                evidence: check.closest.map(|i| (di, i)).into_iter().collect(),
            });
        }
        let of = |from: &str| checks.iter().find(|c| c.0 == from).map(|c| &c.2);
        let (head, stand) = (of(FROM_HEADLINE), of(FROM_STANDFIRST));
        let all_in_body = |c: &TextCheck| c.claims.iter().all(|c| c.in_body);
        out.push(HeadlineCheck {
            article: d.article.id.clone(),
            headline: headline.clone(),
            standfirst: standfirst.clone(),
            supported: head.is_none_or(all_in_body),
            claims: checks.iter().flat_map(|c| c.2.claims.clone()).collect(),
            stem_support: head.and_then(|c| c.stem_support).map(round3),
            closest_sentence: head.and_then(|c| c.closest),
            standfirst_supported: stand.map(all_in_body),
            standfirst_stem_support: stand.and_then(|c| c.stem_support).map(round3),
            standfirst_closest_sentence: stand.and_then(|c| c.closest),
        });
    }
    out
}

/// Where a claim of [`HeadlineCheck`] comes from.
const FROM_HEADLINE: &str = "headline";
const FROM_STANDFIRST: &str = "standfirst";

/// One text of an article (its headline or its standfirst) checked against the bodies.
struct TextCheck {
    claims: Vec<HeadlineClaim>,
    /// Share of the text's content stems its own body holds.
    stem_support: Option<f64>,
    /// The body sentence sharing most content words with the text.
    closest: Option<usize>,
}

/// The claims of `text` (`from` = [`FROM_HEADLINE`] or [`FROM_STANDFIRST`]) of document `di`
/// checked against its own body and the other documents': its names, its figures, and its content
/// words as one `words` claim when its body holds too few of them. Headline and standfirst go
/// through this one test.
#[allow(clippy::too_many_arguments)]
fn check_text(
    text: &str,
    from: &str,
    di: usize,
    docs: &[Document],
    outlet: &dyn Fn(usize) -> String,
    body_stems: &[BTreeSet<&str>],
    glossary: &HashMap<String, Vec<String>>,
    cfg: &FramingConfig,
) -> TextCheck {
    let d = &docs[di];
    let h = text;
    let others = |test: &dyn Fn(&Document) -> bool| -> Vec<String> {
        let mut v: Vec<String> = docs
            .iter()
            .enumerate()
            .filter(|(j, o)| *j != di && test(o))
            .map(|(j, _)| outlet(j))
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let claim =
        |kind: &str, text: String, in_body: bool, other_outlets: Vec<String>| HeadlineClaim {
            kind: kind.into(),
            text,
            in_body,
            other_outlets,
            from: from.into(),
        };
    let mut claims = Vec::new();
    let mut name_words: BTreeSet<String> = BTreeSet::new();
    // In a text written in title case (or capitals) every word is capitalised, so the capitals
    // say nothing: a "name" its body does not hold is kept only for the runs of words the body
    // itself writes as names; its other words are content words.
    let words: Vec<&str> = h.split_whitespace().collect();
    let title_case =
        words.len() >= 3 && words.iter().filter(|w| capitalised(w)).count() * 4 >= words.len() * 3;
    let mut head_names: Vec<String> = Vec::new();
    for n in names(h) {
        let mut form = clean_name(&n.text);
        // The first word of a sentence is capitalised whatever it is: when the body writes it in
        // lower case ("Dock workers end …" / "dock workers"), it is a content word, not a name.
        if sentence_initial(h, n.span.start) && body_has_name(d, &form).is_none() {
            let mut words = form.split_whitespace();
            if words.next().is_some_and(|w| body_writes_lower(d, w)) {
                form = words.collect::<Vec<_>>().join(" ");
                if form.is_empty() {
                    continue;
                }
            }
        }
        if !title_case || body_has_name(d, &form).is_some() {
            head_names.push(form);
        } else {
            head_names.extend(name_runs(d, &form));
        }
    }
    for form in head_names {
        let own = body_has_name(d, &form);
        for w in form.split_whitespace() {
            name_words.extend(content_stems(w).into_iter().map(|s| s.0));
        }
        let other_outlets = others(&|o| body_has_name(o, &form).is_some());
        claims.push(claim("name", form, own.is_some(), other_outlets));
    }
    // Figures are read in lower case when capitals say nothing ("40 SENATORS").
    let figures_in = if title_case {
        h.to_lowercase()
    } else {
        h.to_string()
    };
    for q in quantities(&figures_in) {
        let own = body_has_figure(d, q.value);
        let other_outlets = others(&|o| body_has_figure(o, q.value).is_some());
        claims.push(claim(
            "figure",
            q.text.clone(),
            own.is_some(),
            other_outlets,
        ));
    }
    let function = word_list(&cfg.headline.function_words);
    let stems: Vec<(String, String)> = content_stems(h)
        .into_iter()
        .filter(|(s, w)| {
            !name_words.contains(s)
                && !s.chars().all(|c| c.is_ascii_digit())
                && !function.contains(&w.to_lowercase())
        })
        .collect();
    let missing: Vec<&(String, String)> = stems
        .iter()
        .filter(|(s, _)| !stem_in(s, &body_stems[di], glossary, cfg))
        .collect();
    let stem_support =
        (!stems.is_empty()).then(|| (stems.len() - missing.len()) as f64 / stems.len() as f64);
    if stem_support.is_some_and(|s| s < cfg.headline.min_stem_support) {
        let words: Vec<&str> = missing.iter().map(|m| m.1.as_str()).collect();
        let other_outlets = others(&|o| {
            let st: BTreeSet<&str> = o
                .sentences
                .iter()
                .flat_map(|s| s.tokens.iter().map(|t| t.stem.as_str()))
                .collect();
            missing.iter().all(|m| stem_in(&m.0, &st, glossary, cfg))
        });
        claims.push(claim("words", words.join(", "), false, other_outlets));
    }
    let head: BTreeSet<&str> = stems.iter().map(|s| s.0.as_str()).collect();
    let closest = d
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let n = s
                .tokens
                .iter()
                .map(|t| t.stem.as_str())
                .collect::<BTreeSet<_>>()
                .intersection(&head)
                .count();
            (n, std::cmp::Reverse(i))
        })
        .max()
        .filter(|(n, _)| *n > 0)
        .map(|(_, std::cmp::Reverse(i))| i);
    TextCheck {
        claims,
        stem_support,
        closest,
    }
}
