//! Hedging, certainty and loaded language per article and per outlet.
//!
//! *What*: [`analyse`] runs [`crate::extract::cues`] over every body sentence of every document
//! (the quotation state is carried from sentence to sentence inside a paragraph) and counts, in the
//! author's voice only, hedges, boosters and loaded terms, and the words outside quotations. Per
//! article ([`ArticleHedging`]): those counts, the quoted ones apart, reporting verbs by stance, every
//! cue with its sentence and its span in the body, the cues of the headline apart (a headline is
//! not body text and is never counted), and the `loaded_language` list (term, sentence index,
//! sentence text, voice). Per outlet ([`OutletHedging`], articles grouped by publisher, else by
//! article id): each [`Rate`] per 1,000 author-voice words with an exact Poisson 95% interval, and a
//! [`Comparison`] with the rest of the story: the rate ratio and the two-sided p-value of the
//! exact conditional test (given the outlet's and the other outlets' counts together, the outlet's
//! count is binomial with p = its share of the words; Przyborowski & Wilenski 1940).
//!
//! *Too short*: a rate is computed only from [`MIN_WORDS`] (300) author-voice words on: below,
//! one cue more or less moves the rate by more than 3.3 per 1,000 and the 95% interval is wider
//! than most differences between outlets, so `too_short` gives the reason and the rate, its
//! interval and the test are `null` (the counts are still given).
//!
//! *Why*: readers judge a report by how sure it sounds; rates in the author's voice, with their
//! uncertainty, say whether an outlet hedges or asserts more than the others covering the same
//! story, and the quoted words stay the speakers'.
//!
//! *Limitations*: the counts are only as good as the lexicons (see `extract::cues` and
//! `eval hedges`); a quotation without quotation marks is counted as the author's; the test treats
//! words as independent trials, which cues are not quite (they cluster in some paragraphs), so a
//! p-value near 0.05 is weak evidence; no correction for testing several outlets and kinds is
//! made.

use std::collections::BTreeMap;

use serde::Serialize;
use statrs::distribution::{Binomial, ChiSquared, ContinuousCDF, DiscreteCDF};

use crate::extract::cues::{cues_in_context, quoted_ranges};
use crate::extract::{Cue, CueKind, CueLexicon, Stance, Voice};
use crate::model::{Document, Span};

/// Fewest author-voice words for which a rate is given (see the module documentation).
pub const MIN_WORDS: usize = 300;

/// The hedging analysis of a story.
#[derive(Debug, Clone, Serialize)]
pub struct Hedging {
    /// [`MIN_WORDS`], stated in the output.
    pub min_words: usize,
    pub articles: Vec<ArticleHedging>,
    pub outlets: Vec<OutletHedging>,
}

/// A cue of a body sentence.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceCue {
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// The cue; its `span` is a byte range into `Article::body`.
    #[serde(flatten)]
    pub cue: Cue,
}

/// One loaded term with its sentence.
#[derive(Debug, Clone, Serialize)]
pub struct LoadedUse {
    pub term: String,
    pub sentence: usize,
    /// The whole sentence.
    pub text: String,
    pub voice: Voice,
}

/// Counts of one article.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleHedging {
    pub article: String,
    pub outlet: String,
    /// Words outside quotation marks.
    pub author_words: usize,
    /// Words inside quotation marks.
    pub quoted_words: usize,
    pub hedges: usize,
    pub boosters: usize,
    pub loaded: usize,
    pub quoted_hedges: usize,
    pub quoted_boosters: usize,
    pub quoted_loaded: usize,
    /// Author-voice reporting verbs by stance.
    pub reporting_verbs: BTreeMap<Stance, usize>,
    /// Hedges, boosters and loaded terms per 1,000 author-voice words, `None` when too short.
    pub hedges_per_1000: Option<f64>,
    pub boosters_per_1000: Option<f64>,
    pub loaded_per_1000: Option<f64>,
    /// Why no rate is given, when the article is too short.
    pub too_short: Option<String>,
    /// Every cue of the body, in order.
    pub cues: Vec<Cue>,
    /// The sentence of each entry of `cues`.
    pub cue_sentences: Vec<usize>,
    /// Cues of the headline (spans into the headline): reported, never counted.
    pub headline_cues: Vec<Cue>,
    pub loaded_language: Vec<LoadedUse>,
}

/// A rate per 1,000 words with its 95% interval and its comparison with the rest of the story.
#[derive(Debug, Clone, Serialize)]
pub struct Rate {
    pub count: usize,
    pub per_1000: Option<f64>,
    /// Exact Poisson 95% interval of `per_1000`.
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub vs_rest: Option<Comparison>,
}

/// An outlet's rate against the pooled rate of the other outlets of the story.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The other outlets' pooled rate per 1,000 words.
    pub rest_per_1000: f64,
    /// Outlet rate / rest rate (effect size); `None` when the rest has no such cue.
    pub rate_ratio: Option<f64>,
    /// Two-sided exact conditional test of equal rates.
    pub p_value: f64,
}

/// The rates of one outlet.
#[derive(Debug, Clone, Serialize)]
pub struct OutletHedging {
    pub outlet: String,
    pub articles: Vec<String>,
    pub author_words: usize,
    pub hedges: Rate,
    pub boosters: Rate,
    pub loaded: Rate,
    pub too_short: Option<String>,
}

/// Runs the analysis on the documents of one story.
pub fn analyse(docs: &[Document], lex: &CueLexicon) -> Hedging {
    let articles: Vec<ArticleHedging> = docs.iter().map(|d| article(d, lex)).collect();
    let mut groups: BTreeMap<&str, Vec<&ArticleHedging>> = BTreeMap::new();
    for a in &articles {
        groups.entry(a.outlet.as_str()).or_default().push(a);
    }
    let total = |f: fn(&ArticleHedging) -> usize| articles.iter().map(f).sum::<usize>();
    let totals = [
        total(|a| a.author_words),
        total(|a| a.hedges),
        total(|a| a.boosters),
        total(|a| a.loaded),
    ];
    let outlets = groups
        .into_iter()
        .map(|(outlet, arts)| {
            let sum = |f: fn(&ArticleHedging) -> usize| arts.iter().map(|a| f(a)).sum::<usize>();
            let words = sum(|a| a.author_words);
            let too_short = too_short(words);
            let rest_words = totals[0] - words;
            let rate =
                |k: usize, all: usize| rate(k, words, all - k, rest_words, too_short.is_none());
            OutletHedging {
                outlet: outlet.to_string(),
                articles: arts.iter().map(|a| a.article.clone()).collect(),
                author_words: words,
                hedges: rate(sum(|a| a.hedges), totals[1]),
                boosters: rate(sum(|a| a.boosters), totals[2]),
                loaded: rate(sum(|a| a.loaded), totals[3]),
                too_short,
            }
        })
        .collect();
    Hedging {
        min_words: MIN_WORDS,
        articles,
        outlets,
    }
}

fn too_short(words: usize) -> Option<String> {
    (words < MIN_WORDS).then(|| {
        format!(
            "{words} words in the author's voice, fewer than {MIN_WORDS}: one cue more or less \
             would move the rate by {:.1} per 1,000",
            1000.0 / words.max(1) as f64
        )
    })
}

fn per_1000(k: usize, words: usize) -> f64 {
    1000.0 * k as f64 / words.max(1) as f64
}

/// A rate with its exact Poisson interval and the test against the rest, or the count alone.
pub fn rate(k: usize, words: usize, rest_k: usize, rest_words: usize, enough: bool) -> Rate {
    if !enough || words == 0 {
        return Rate {
            count: k,
            per_1000: None,
            low: None,
            high: None,
            vs_rest: None,
        };
    }
    let (lo, hi) = poisson_interval(k, 0.95);
    let scale = 1000.0 / words as f64;
    let vs_rest = (rest_words > 0).then(|| Comparison {
        rest_per_1000: per_1000(rest_k, rest_words),
        rate_ratio: (rest_k > 0)
            .then(|| (k as f64 / words as f64) / (rest_k as f64 / rest_words as f64)),
        p_value: conditional_test(k, words, rest_k, rest_words),
    });
    Rate {
        count: k,
        per_1000: Some(per_1000(k, words)),
        low: Some(lo * scale),
        high: Some(hi * scale),
        vs_rest,
    }
}

/// Exact (Garwood) interval of a Poisson mean for `k` events: chi-squared quantiles / 2.
pub fn poisson_interval(k: usize, level: f64) -> (f64, f64) {
    let a = (1.0 - level) / 2.0;
    let q = |df: f64, p: f64| {
        ChiSquared::new(df)
            .map(|c| c.inverse_cdf(p) / 2.0)
            .unwrap_or(f64::NAN)
    };
    let low = if k == 0 { 0.0 } else { q(2.0 * k as f64, a) };
    (low, q(2.0 * k as f64 + 2.0, 1.0 - a))
}

/// Two-sided p-value of equal Poisson rates: given `k + rest_k` events, `k` is binomial with
/// p = `words / (words + rest_words)`; twice the smaller tail, at most 1.
pub fn conditional_test(k: usize, words: usize, rest_k: usize, rest_words: usize) -> f64 {
    let n = (k + rest_k) as u64;
    let p = words as f64 / (words + rest_words).max(1) as f64;
    let Ok(b) = Binomial::new(p, n) else {
        return 1.0;
    };
    let k = k as u64;
    let lower = b.cdf(k);
    let upper = if k == 0 { 1.0 } else { b.sf(k - 1) };
    (2.0 * lower.min(upper)).min(1.0)
}

fn article(doc: &Document, lex: &CueLexicon) -> ArticleHedging {
    let a = &doc.article;
    let outlet = a
        .publisher
        .as_ref()
        .map_or_else(|| a.id.clone(), |p| p.value.clone());
    let mut out = ArticleHedging {
        article: a.id.clone(),
        outlet,
        author_words: 0,
        quoted_words: 0,
        hedges: 0,
        boosters: 0,
        loaded: 0,
        quoted_hedges: 0,
        quoted_boosters: 0,
        quoted_loaded: 0,
        reporting_verbs: BTreeMap::new(),
        hedges_per_1000: None,
        boosters_per_1000: None,
        loaded_per_1000: None,
        too_short: None,
        cues: Vec::new(),
        cue_sentences: Vec::new(),
        headline_cues: a
            .headline
            .as_deref()
            .map(|h| crate::extract::cues(h, lex))
            .unwrap_or_default(),
        loaded_language: Vec::new(),
    };
    let mut open = false;
    let mut paragraph = usize::MAX;
    for (i, s) in doc.sentences.iter().enumerate() {
        if s.paragraph != paragraph {
            paragraph = s.paragraph;
            open = false;
        }
        let (ranges, _) = quoted_ranges(&s.text, open);
        let quoted = |start: usize| ranges.iter().any(|&(a, b)| a <= start && start < b);
        for t in &s.tokens {
            if quoted(t.span.start - s.span.start) {
                out.quoted_words += 1;
            } else {
                out.author_words += 1;
            }
        }
        let (found, still_open) = cues_in_context(&s.text, lex, open);
        open = still_open;
        for mut c in found {
            let author = c.voice == Voice::Author;
            match (c.kind, author) {
                (CueKind::Hedge, true) => out.hedges += 1,
                (CueKind::Hedge, false) => out.quoted_hedges += 1,
                (CueKind::Booster, true) => out.boosters += 1,
                (CueKind::Booster, false) => out.quoted_boosters += 1,
                (CueKind::Loaded, true) => out.loaded += 1,
                (CueKind::Loaded, false) => out.quoted_loaded += 1,
                (CueKind::ReportingVerb { stance }, true) => {
                    *out.reporting_verbs.entry(stance).or_default() += 1
                }
                (CueKind::ReportingVerb { .. }, false) => {}
            }
            if c.kind == CueKind::Loaded {
                out.loaded_language.push(LoadedUse {
                    term: c.term.clone(),
                    sentence: i,
                    text: s.text.clone(),
                    voice: c.voice,
                });
            }
            c.span = Span::new(c.span.start + s.span.start, c.span.end + s.span.start);
            out.cues.push(c);
            out.cue_sentences.push(i);
        }
    }
    out.too_short = too_short(out.author_words);
    if out.too_short.is_none() {
        out.hedges_per_1000 = Some(per_1000(out.hedges, out.author_words));
        out.boosters_per_1000 = Some(per_1000(out.boosters, out.author_words));
        out.loaded_per_1000 = Some(per_1000(out.loaded, out.author_words));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    fn doc(id: &str, publisher: &str, body: &str) -> Document {
        crate::segment::segment(Article {
            headline: Some("Talks may resume".into()),
            ..crate::analysis::test_article(id, publisher, body)
        })
    }

    #[test]
    fn counts_are_in_the_authors_voice_and_quotes_are_the_speakers() {
        let d = doc(
            "a",
            "Outlet A",
            "The talks may resume in May. He called the minister a “lunatic” and “a liar who may \
             lie again.” The regime reportedly refused.\n\nIt is clearly over, an aide said.",
        );
        let h = analyse(&[d], CueLexicon::builtin().unwrap());
        let a = &h.articles[0];
        assert_eq!((a.hedges, a.quoted_hedges), (2, 1), "{:?}", a.cues);
        assert_eq!((a.loaded, a.quoted_loaded), (1, 1));
        assert_eq!(a.boosters, 1);
        assert_eq!(a.reporting_verbs[&Stance::Neutral], 1);
        assert_eq!(a.headline_cues.len(), 1);
        assert_eq!(a.loaded_language.len(), 2);
        assert_eq!(a.quoted_words, 7); // "lunatic" + "a liar who may lie again"
        assert!(a.too_short.as_deref().unwrap().contains("fewer than 300"));
        assert_eq!(a.hedges_per_1000, None);
        let body = &h.articles[0].cues[0];
        assert_eq!(body.text, "may");
        assert_eq!(h.outlets[0].hedges.per_1000, None);
    }

    #[test]
    fn rates_intervals_and_the_test() {
        // Garwood interval for 10 events: 4.795 to 18.39.
        let (lo, hi) = poisson_interval(10, 0.95);
        assert!(
            (lo - 4.7954).abs() < 1e-3 && (hi - 18.3904).abs() < 1e-3,
            "{lo} {hi}"
        );
        assert_eq!(poisson_interval(0, 0.95).0, 0.0);
        assert!((poisson_interval(0, 0.95).1 - 3.6889).abs() < 1e-3);
        // Equal rates: p = 1; a fourfold rate on 1,000 words each is significant.
        assert!((conditional_test(10, 1000, 10, 1000) - 1.0).abs() < 1e-9);
        let p = conditional_test(20, 1000, 5, 1000);
        assert!(p < 0.01, "{p}");
        let r = rate(20, 1000, 5, 1000, true);
        assert_eq!(r.per_1000, Some(20.0));
        assert_eq!(r.vs_rest.as_ref().unwrap().rate_ratio, Some(4.0));
        assert!(r.low.unwrap() < 20.0 && 20.0 < r.high.unwrap());
    }

    #[test]
    fn outlets_are_compared_with_the_rest() {
        let hedged =
            "Officials may have known, and the figure could possibly be higher. ".repeat(40);
        let flat =
            "Officials knew, and the figure was higher than announced last week. ".repeat(40);
        let h = analyse(
            &[doc("a", "A", &hedged), doc("b", "B", &flat)],
            CueLexicon::builtin().unwrap(),
        );
        let a = &h.outlets[0];
        assert_eq!(a.outlet, "A");
        assert!(a.too_short.is_none());
        assert_eq!(a.hedges.count, 120);
        let c = a.hedges.vs_rest.as_ref().unwrap();
        assert_eq!((c.rest_per_1000, c.rate_ratio), (0.0, None));
        assert!(c.p_value < 1e-6);
        assert_eq!(h.outlets[1].hedges.count, 0);
    }
}
