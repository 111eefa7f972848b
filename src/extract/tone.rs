//! Tone: how favourable a sentence or a span is, from an evaluative lexicon with negation and
//! intensifiers.
//!
//! *What it computes*: [`tone`] returns a [`Tone`]: every evaluative word or phrase found
//! ([`ToneHit`], with its byte span and its weight after negation and intensifiers), their sum, and a
//! compound score in (-1, 1) (`sum / sqrt(sum² + alpha)`, VADER's normalisation). [`Tone::polarity`]
//! reads it as positive, negative or neutral with the lexicon's neutral band.
//!
//! *Why*: the framing analysis needs the tone of an outlet's own sentences toward each actor, and
//! `corroborate eval tone` measures that reading against BASIL's span polarities.
//!
//! *Data*: `rubrics/lexicons/tone.toml`: the word entries of the VADER lexicon (MIT), news words
//! written for this project (they win over VADER's), the words of moral disapproval and hostility of
//! the General Inquirer's Harvard IV-4 dictionary that VADER lacks (one weight for all; VADER's win
//! over them), words that in news are topics or parts of names
//! ("benefits", "security") and score nothing, negators, intensifiers and VADER's constants. Its
//! examples run as tests ([`ToneLexicon::check_examples`]).
//!
//! *Rules*: a word is looked up in lower case (three-, then two-word phrases first), then without a
//! plural or past ending ("-s", "-es", "-ed", "-d"); a capitalised word that is not the first of the
//! text, or that stands next to another capitalised word, is part of a name and scores nothing
//! ("Homeland Security", "United States"); a negator (or a word ending in "n't") up to
//! `negation-window` words before an entry multiplies it by `negation-scalar`; an intensifier right
//! before it adds (or takes off) `intensifier-increment` in the direction of its sign; a positive
//! entry inside a quotation of at most `scare-quote-max-words` words (scare quotes) is multiplied
//! by `scare-quote-scalar`.
//!
//! *Example*:
//! ```
//! use corroborate::extract::tone::{tone, Polarity, ToneLexicon};
//! let lex = ToneLexicon::builtin().unwrap();
//! let t = tone("Critics slammed the plan as reckless.", lex);
//! assert_eq!(t.polarity(lex), Polarity::Neg);
//! assert_eq!(tone("The governor did not praise it.", lex).polarity(lex), Polarity::Neg);
//! ```
//!
//! *Limitations*: lexical, English only: no parse, so the target of a word is not known (a negative
//! word about someone's opponent counts against the sentence), sarcasm and world knowledge are out of
//! reach, and an event that is bad news in plain words ("the bill failed in committee") reads as
//! negative whoever it is about.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::error::{from_toml, line_of, report_problems, Error, Result};

const TONE: &str = include_str!("../../rubrics/lexicons/tone.toml");
const PATH: &str = "rubrics/lexicons/tone.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ToneFile {
    version: u32,
    negation_window: usize,
    negation_scalar: f64,
    intensifier_increment: f64,
    normalisation_alpha: f64,
    neutral_band: f64,
    negators: Vec<String>,
    #[serde(default)]
    negation_to_punctuation: bool,
    #[serde(default)]
    derived_forms: bool,
    #[serde(default)]
    reversers: Vec<String>,
    #[serde(default)]
    reverser_window: usize,
    #[serde(default)]
    excess_words: Vec<String>,
    #[serde(default)]
    contrast_words: Vec<String>,
    #[serde(default = "one")]
    contrast_before: f64,
    #[serde(default = "one")]
    contrast_after: f64,
    #[serde(default)]
    scare_quote_max_words: usize,
    #[serde(default = "one")]
    scare_quote_scalar: f64,
    not_evaluative: Vec<String>,
    #[serde(default)]
    examples: Vec<(String, String)>,
    intensifiers: BTreeMap<String, i8>,
    news: BTreeMap<String, f64>,
    /// `word weight` lines.
    words: String,
    /// Words of a second list, one weight for all (`general-inquirer-weight`); `words` and `news`
    /// win over it.
    #[serde(default)]
    general_inquirer: String,
    #[serde(default)]
    general_inquirer_weight: f64,
}

fn one() -> f64 {
    1.0
}

/// Positive, negative or neutral.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    Pos,
    Neg,
    Neutral,
}

impl Polarity {
    /// `pos`, `neg`, `neutral` (also `positive`, `negative`, `neu`), any case.
    pub fn parse(s: &str) -> Option<Polarity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "pos" | "positive" => Some(Polarity::Pos),
            "neg" | "negative" => Some(Polarity::Neg),
            "neutral" | "neu" | "none" => Some(Polarity::Neutral),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Pos => "pos",
            Polarity::Neg => "neg",
            Polarity::Neutral => "neutral",
        }
    }
}

/// The tone lexicon: weights, negators, intensifiers and constants.
#[derive(Debug, Clone)]
pub struct ToneLexicon {
    /// FxHash (rustc-hash): the 7,500 keys are hashed at every start, SipHash made that a few ms.
    weights: rustc_hash::FxHashMap<String, f64>,
    max_words: usize,
    negators: HashSet<String>,
    intensifiers: HashMap<String, f64>,
    not_evaluative: HashSet<String>,
    to_punctuation: bool,
    derived: bool,
    reversers: HashSet<String>,
    reverser_window: usize,
    excess: HashSet<String>,
    contrast: HashSet<String>,
    contrast_before: f64,
    contrast_after: f64,
    scare_max_words: usize,
    scare_scalar: f64,
    window: usize,
    scalar: f64,
    alpha: f64,
    band: f64,
    examples: Vec<(String, Polarity)>,
}

/// One evaluative entry found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToneHit {
    /// The lexicon entry.
    pub term: String,
    /// Byte span in the text scored.
    pub start: usize,
    pub end: usize,
    /// Weight after negation and intensifiers.
    pub weight: f64,
}

/// The tone of one text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tone {
    /// Sum of the hits' weights.
    pub sum: f64,
    /// `sum / sqrt(sum² + alpha)`, in (-1, 1).
    pub compound: f64,
    pub hits: Vec<ToneHit>,
}

impl Tone {
    /// Positive, negative or neutral by the lexicon's neutral band on the compound score.
    pub fn polarity(&self, lex: &ToneLexicon) -> Polarity {
        if self.compound >= lex.band {
            Polarity::Pos
        } else if self.compound <= -lex.band {
            Polarity::Neg
        } else {
            Polarity::Neutral
        }
    }
}

impl ToneLexicon {
    /// The tone of a set of hits (a part of a text's words): their sum and compound score.
    pub fn tone_of_hits(&self, hits: Vec<ToneHit>) -> Tone {
        let sum: f64 = hits.iter().map(|h| h.weight).sum();
        Tone {
            sum,
            compound: sum / (sum * sum + self.alpha).sqrt(),
            hits,
        }
    }

    /// Read and parse a tone lexicon file (`eval tone --lexicon FILE`).
    pub fn from_file(path: &Path) -> Result<ToneLexicon> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::parse(&text, path)
    }

    /// The lexicon compiled in from `rubrics/lexicons/tone.toml`, parsed once.
    pub fn builtin() -> Result<&'static ToneLexicon> {
        static LEX: LazyLock<std::result::Result<ToneLexicon, (usize, String)>> =
            LazyLock::new(|| match ToneLexicon::parse(TONE, Path::new(PATH)) {
                Ok(l) => Ok(l),
                Err(Error::Config { line, reason, .. }) => Err((line, reason)),
                Err(e) => Err((1, e.to_string())),
            });
        LEX.as_ref().map_err(|(line, reason)| Error::Config {
            path: PATH.into(),
            line: *line,
            reason: reason.clone(),
        })
    }

    /// Parse a tone lexicon; every problem is reported at once with its line.
    pub fn parse(text: &str, path: &Path) -> Result<ToneLexicon> {
        let f: ToneFile = from_toml(text, path, "tone lexicon")?;
        let mut problems: Vec<(usize, String)> = Vec::new();
        let line = |needle: &str| text.find(needle).map_or(1, |b| line_of(text, b));
        if f.version != 1 {
            problems.push((line("version"), format!("unknown version {}", f.version)));
        }
        if !(f.negation_scalar < 0.0 && f.negation_scalar >= -1.0) {
            problems.push((
                line("negation-scalar"),
                "negation-scalar must be in [-1, 0)".into(),
            ));
        }
        if f.normalisation_alpha <= 0.0 {
            problems.push((
                line("normalisation-alpha"),
                "normalisation-alpha must be positive".into(),
            ));
        }
        for (key, v) in [
            ("contrast-before", f.contrast_before),
            ("contrast-after", f.contrast_after),
        ] {
            if !(v.is_finite() && (0.0..=4.0).contains(&v)) {
                problems.push((line(key), format!("{key} must be in [0, 4]")));
            }
        }
        if !(f.scare_quote_scalar.is_finite() && (-1.0..=1.0).contains(&f.scare_quote_scalar)) {
            problems.push((
                line("scare-quote-scalar"),
                "scare-quote-scalar must be in [-1, 1]".into(),
            ));
        }
        if !(0.0..1.0).contains(&f.neutral_band) {
            problems.push((
                line("neutral-band"),
                "neutral-band must be in [0, 1)".into(),
            ));
        }
        let mut weights = rustc_hash::FxHashMap::default();
        // `words`: one "word weight" a line, inside a multi-line string.
        let words_at = text.find("words = \"\"\"").map_or(1, |b| line_of(text, b));
        let mut vader: Vec<(String, f64)> = Vec::new();
        for (k, l) in f.words.lines().enumerate() {
            let l = l.trim();
            if l.is_empty() {
                continue;
            }
            let parsed = l
                .rsplit_once(char::is_whitespace)
                .and_then(|(w, v)| v.parse::<f64>().ok().map(|v| (w.trim().to_string(), v)));
            match parsed {
                Some(e) => vader.push(e),
                None => {
                    problems.push((words_at + k, format!("words: `{l}` is not \"word weight\"")))
                }
            }
        }
        let news: Vec<(String, f64)> = f.news.iter().map(|(w, v)| (w.clone(), *v)).collect();
        let gi_weight = f.general_inquirer_weight;
        if !(gi_weight.is_finite() && gi_weight.abs() <= 4.0) {
            problems.push((
                line("general-inquirer-weight"),
                format!("general-inquirer-weight {gi_weight} is outside [-4, 4]"),
            ));
        }
        let inquirer: Vec<(String, f64)> = f
            .general_inquirer
            .split_whitespace()
            .map(|w| (w.to_string(), f.general_inquirer_weight))
            .collect();
        weights.reserve(inquirer.len() + vader.len() + news.len());
        // Later tables win: VADER's rated words over the General Inquirer's, [news] over both.
        for (table, entries) in [
            ("general-inquirer", &inquirer),
            ("words", &vader),
            ("news", &news),
        ] {
            for (w, v) in entries {
                if table != "general-inquirer" && (!v.is_finite() || v.abs() > 4.0) {
                    problems.push((
                        line(&format!("{w} ")),
                        format!("[{table}] {w}: weight {v} is outside [-4, 4]"),
                    ));
                }
                let key = normal(w);
                if key.is_empty() {
                    problems.push((line(&format!("\"{w}\"")), format!("[{table}] empty entry")));
                    continue;
                }
                weights.insert(key, *v);
            }
        }
        let mut intensifiers = HashMap::new();
        for (w, d) in &f.intensifiers {
            if *d != 1 && *d != -1 {
                problems.push((
                    line(&format!("\"{w}\"")),
                    format!("intensifier {w}: direction must be 1 or -1"),
                ));
            }
            intensifiers.insert(normal(w), f64::from(*d) * f.intensifier_increment);
        }
        let mut examples = Vec::new();
        for (sentence, expected) in &f.examples {
            match Polarity::parse(expected) {
                Some(p) => examples.push((sentence.clone(), p)),
                None => problems.push((
                    line(expected),
                    format!("example {sentence:?}: `{expected}` is not pos, neg or neutral"),
                )),
            }
        }
        report_problems(path, problems)?;
        let max_words = weights
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(1);
        Ok(ToneLexicon {
            weights,
            max_words,
            negators: f.negators.iter().map(|w| normal(w)).collect(),
            intensifiers,
            not_evaluative: f.not_evaluative.iter().map(|w| normal(w)).collect(),
            to_punctuation: f.negation_to_punctuation,
            derived: f.derived_forms,
            reversers: f.reversers.iter().map(|w| normal(w)).collect(),
            reverser_window: f.reverser_window,
            excess: f.excess_words.iter().map(|w| normal(w)).collect(),
            contrast: f.contrast_words.iter().map(|w| normal(w)).collect(),
            contrast_before: f.contrast_before,
            contrast_after: f.contrast_after,
            scare_max_words: f.scare_quote_max_words,
            scare_scalar: f.scare_quote_scalar,
            window: f.negation_window,
            scalar: f.negation_scalar,
            alpha: f.normalisation_alpha,
            band: f.neutral_band,
            examples,
        })
    }

    /// Number of weighted entries.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The weight of an entry as written in the lexicon (lower case), if listed.
    pub fn weight(&self, entry: &str) -> Option<f64> {
        self.weights.get(&normal(entry)).copied()
    }

    /// The examples that do not come out as the lexicon says (empty when all hold).
    pub fn check_examples(&self) -> Vec<String> {
        self.examples
            .iter()
            .filter_map(|(s, want)| {
                let got = tone(s, self).polarity(self);
                (got != *want)
                    .then(|| format!("{s:?}: expected {}, got {}", want.as_str(), got.as_str()))
            })
            .collect()
    }

    fn lookup(&self, key: &str) -> Option<(String, f64)> {
        if self.not_evaluative.contains(key) {
            return None;
        }
        if let Some(w) = self.weights.get(key) {
            return Some((key.to_string(), *w));
        }
        if key.contains(' ') {
            return None;
        }
        // A negator or an intensifier is a rule, not a word to score ("hardly" is not "hard").
        if self.negators.contains(key) || self.intensifiers.contains_key(key) {
            return None;
        }
        for base in bases(key, self.derived) {
            if base.len() >= 3 && !self.not_evaluative.contains(&base) {
                if let Some(w) = self.weights.get(&base) {
                    return Some((base, *w));
                }
            }
        }
        None
    }
}

/// The base forms a word may be an inflection of, in order: plural and past endings ("-s", "-es",
/// "-ed", "-d"), "-ies"/"-ied" for "-y", the present participle ("-ing": "forcing" → "forc",
/// "force"; "slamming" → "slam") and the adverb ("-ly": "harshly" → "harsh", "hastily" →
/// "hasty").
fn bases(key: &str, derived: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for suffix in ["s", "es", "ed", "d"] {
        if let Some(stem) = key.strip_suffix(suffix) {
            out.push(stem.to_string());
        }
    }
    if !derived {
        return out;
    }
    for suffix in ["ies", "ied", "ily"] {
        if let Some(stem) = key.strip_suffix(suffix) {
            out.push(format!("{stem}y"));
        }
    }
    if let Some(stem) = key.strip_suffix("ing") {
        out.push(stem.to_string());
        out.push(format!("{stem}e"));
        let b = stem.as_bytes();
        if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
            out.push(stem[..stem.len() - 1].to_string());
        }
    }
    if let Some(stem) = key.strip_suffix("ly") {
        out.push(stem.to_string());
    }
    out
}

/// Lower case, curly apostrophes straight.
fn normal(w: &str) -> String {
    w.trim()
        .to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
}

/// A word of the text: byte span, lower-cased form, capitalised?
struct Word {
    start: usize,
    end: usize,
    lower: String,
    capital: bool,
}

/// Words: letters and digits, with inner apostrophes and hyphens ("don't", "gaffe-prone").
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            let inner = matches!(c, '\'' | '\u{2019}' | '-')
                && chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
            if c.is_alphanumeric() || inner {
                j += 1;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        let w = &text[start..end];
        out.push(Word {
            start,
            end,
            lower: normal(w),
            capital: w.chars().next().is_some_and(char::is_uppercase),
        });
        i = j;
    }
    out
}

/// The tone of `text` (a sentence, or a part of one).
pub fn tone(text: &str, lex: &ToneLexicon) -> Tone {
    let ws = words(text);
    let mut hits: Vec<ToneHit> = Vec::new();
    let is_name = |k: usize| {
        ws[k].capital
            && (k > 0
                || ws.get(k + 1).is_some_and(|n| n.capital)
                || ws[k].lower.chars().any(|c| c.is_ascii_digit()))
    };
    // Segments: runs of words with no punctuation between them (the scope of a negator with
    // `negation-to-punctuation`, and of a reverser).
    let mut segment = vec![0usize; ws.len()];
    for k in 1..ws.len() {
        let between = &text[ws[k - 1].end..ws[k].start];
        let cut = between.contains([
            ',', ';', ':', '.', '!', '?', '(', ')', '"', '“', '”', '—', '–',
        ]);
        segment[k] = segment[k - 1] + usize::from(cut);
    }
    // Words before `i` in its scope: `window` words back, not past punctuation.
    let scope = |i: usize, window: usize| {
        let mut a = i.saturating_sub(window);
        while a < i && segment[a] != segment[i] {
            a += 1;
        }
        a..i
    };
    // Reversers that turned a negative word: not scored themselves.
    let mut reversed_by: Vec<usize> = Vec::new();
    let mut at_word: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let mut found: Option<(usize, String, f64)> = None;
        for n in (1..=lex.max_words.min(ws.len() - i)).rev() {
            if (i..i + n).any(is_name) {
                continue;
            }
            let key = ws[i..i + n]
                .iter()
                .map(|w| w.lower.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            if let Some((term, w)) = lex.lookup(&key) {
                found = Some((n, term, w));
                break;
            }
        }
        let Some((n, term, mut weight)) = found else {
            i += 1;
            continue;
        };
        if i > 0 {
            if let Some(inc) = lex.intensifiers.get(&ws[i - 1].lower) {
                weight += inc * weight.signum();
            }
        }
        let window = if lex.to_punctuation { i } else { lex.window };
        let negated = ws[scope(i, window)]
            .iter()
            .any(|w| lex.negators.contains(&w.lower) || w.lower.ends_with("n't"));
        if negated {
            weight *= lex.scalar;
        }
        // "too generous": more than is wanted.
        if weight > 0.0 && i > 0 && lex.excess.contains(&ws[i - 1].lower) {
            weight = -weight;
        }
        // "reducing poverty", "out of poverty": a bad thing lessened or fought is no bad tone.
        if weight < 0.0 {
            let r = scope(i, lex.reverser_window).rev().find(|&k| {
                lex.reversers.contains(&ws[k].lower)
                    || (k + 1 < i
                        && lex
                            .reversers
                            .contains(&format!("{} {}", ws[k].lower, ws[k + 1].lower)))
            });
            if let Some(k) = r {
                weight *= lex.scalar;
                reversed_by.push(k);
            }
        }
        at_word.push(i);
        hits.push(ToneHit {
            term,
            start: ws[i].start,
            end: ws[i + n - 1].end,
            weight,
        });
        i += n;
    }
    if !reversed_by.is_empty() {
        let mut k = 0;
        hits.retain(|_| {
            let keep = !reversed_by.contains(&at_word[k]);
            k += 1;
            keep
        });
    }
    // VADER's "but" rule: the words before the last contrast word weigh less, those after it more.
    if let Some(c) = ws.iter().rposition(|w| lex.contrast.contains(&w.lower)) {
        let at = ws[c].start;
        for h in &mut hits {
            h.weight *= if h.start < at {
                lex.contrast_before
            } else {
                lex.contrast_after
            };
        }
    }
    // Scare quotes: a positive word inside a short quotation set in the text ("the “reform”") is
    // someone else's word, or the writer's at a distance, not praise.
    if lex.scare_max_words > 0 {
        for (a, b) in short_quotations(text, lex.scare_max_words) {
            for h in hits.iter_mut() {
                if h.weight > 0.0 && h.start >= a && h.end <= b {
                    h.weight *= lex.scare_scalar;
                }
            }
        }
    }
    let sum: f64 = hits.iter().map(|h| h.weight).sum();
    Tone {
        sum,
        compound: sum / (sum * sum + lex.alpha).sqrt(),
        hits,
    }
}

/// Byte ranges inside the quotations of `text` ("…" or “…”) that hold at least one and at most
/// `max_words` words.
fn short_quotations(text: &str, max_words: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (b, c) in text.char_indices() {
        let (opens, closes) = match c {
            '“' => (true, false),
            '”' => (false, true),
            '"' => (open.is_none(), open.is_some()),
            _ => (false, false),
        };
        if closes {
            if let Some(a) = open.take() {
                let n = words(&text[a..b]).len();
                if (1..=max_words).contains(&n) {
                    out.push((a, b));
                }
            }
        } else if opens {
            open = Some(b + c.len_utf8());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> &'static ToneLexicon {
        ToneLexicon::builtin().unwrap()
    }

    #[test]
    fn lexicon_parses_and_its_examples_hold() {
        assert!(lex().len() > 5000, "{}", lex().len());
        let failed = lex().check_examples();
        assert!(failed.is_empty(), "{failed:#?}");
    }

    #[test]
    fn negation_intensifiers_and_names() {
        let l = lex();
        let plain = tone("The plan is good.", l);
        let very = tone("The plan is very good.", l);
        let not = tone("The plan is not good.", l);
        assert!(
            plain.sum > 0.0 && very.sum > plain.sum,
            "{plain:?} {very:?}"
        );
        assert!(not.sum < 0.0, "{not:?}");
        // A word inside a name scores nothing; the same word in prose does.
        assert!(tone("Officials at Homeland Security met.", l)
            .hits
            .is_empty());
        assert!(!tone("The deal was a great success.", l).hits.is_empty());
        // Spans are byte ranges of the term.
        let t = tone("They slammed it.", l);
        assert_eq!(
            &"They slammed it."[t.hits[0].start..t.hits[0].end],
            "slammed"
        );
        // Topics are no tone.
        assert!(tone("benefits", l).hits.is_empty());
    }

    #[test]
    fn reversers_excess_and_the_negation_window() {
        let l = lex();
        // A bad thing cut or fought is no bad tone; the reverser scores nothing itself.
        let t = tone("The program cut poverty among the elderly.", l);
        assert_eq!(t.polarity(l), Polarity::Pos, "{t:?}");
        assert!(t.hits.iter().all(|h| h.term != "cut"), "{t:?}");
        assert_eq!(
            tone("The program kept millions out of poverty.", l).polarity(l),
            Polarity::Pos
        );
        // Not past punctuation: "fought on, and poverty rose" keeps its bad word.
        assert_eq!(
            tone("They fought on; poverty rose.", l).polarity(l),
            Polarity::Neg
        );
        // "too generous" is a complaint.
        assert_eq!(
            tone("The plan is too generous.", l).polarity(l),
            Polarity::Neg
        );
        assert_eq!(tone("The plan is generous.", l).polarity(l), Polarity::Pos);
        // A negator four words before the evaluative word still turns it.
        assert_eq!(
            tone("Nothing in the report supports the claim.", l).polarity(l),
            Polarity::Neg
        );
        // "hardly" is a negator, not the word "hard".
        assert!(tone("It is hardly over.", l).hits.is_empty());
    }

    #[test]
    fn the_but_rule_and_derived_forms_are_data() {
        let on = TONE
            .replacen("contrast-words = []", "contrast-words = [\"but\"]", 1)
            .replacen("derived-forms = false", "derived-forms = true", 1);
        let on = ToneLexicon::parse(&on, Path::new("t.toml")).unwrap();
        // VADER's rule: what follows "but" weighs more than what precedes it.
        let s = "The plan is good, but it is bad.";
        assert!(tone(s, &on).sum < tone(s, lex()).sum);
        // "sloppily" read as "sloppy" only with derived forms (when "sloppy" is listed and
        // "sloppily" is not).
        let with_sloppy = |t: &str| t.replacen("[news]\n", "[news]\n\"sloppy\" = -1.0\n", 1);
        let off = ToneLexicon::parse(&with_sloppy(TONE), Path::new("t.toml")).unwrap();
        let on2 = TONE.replacen("derived-forms = false", "derived-forms = true", 1);
        let on2 = ToneLexicon::parse(&with_sloppy(&on2), Path::new("t.toml")).unwrap();
        assert!(tone("He sloppily left.", &off).hits.is_empty());
        assert_eq!(tone("He sloppily left.", &on2).hits[0].term, "sloppy");
    }

    #[test]
    fn praise_in_scare_quotes_is_no_praise() {
        let l = lex();
        // Without quotation marks the word is praise; inside a short quotation it is set at a
        // distance and turns; a long quotation is reported speech and keeps its tone.
        assert_eq!(
            tone("The agency announced its reform plan.", l).polarity(l),
            Polarity::Neutral
        );
        assert_eq!(
            tone("The mayor unveiled his brilliant plan.", l).polarity(l),
            Polarity::Pos
        );
        assert_eq!(
            tone("The mayor unveiled his “brilliant” plan.", l).polarity(l),
            Polarity::Neg
        );
        assert_eq!(
            tone("The mayor unveiled his \"brilliant\" plan.", l).polarity(l),
            Polarity::Neg
        );
        let long = "The mayor said: \"We have a brilliant plan for the whole city.\"";
        assert_eq!(tone(long, l).polarity(l), Polarity::Pos);
        // A negative word in short quotation marks keeps its sign.
        assert_eq!(
            tone("He called the plan a “disaster”.", l).polarity(l),
            Polarity::Neg
        );
        // Off when scare-quote-max-words is 0.
        let off = TONE.replacen("scare-quote-max-words = 3", "scare-quote-max-words = 0", 1);
        let off = ToneLexicon::parse(&off, Path::new("t.toml")).unwrap();
        assert_eq!(
            tone("The mayor unveiled his “brilliant” plan.", &off).polarity(&off),
            Polarity::Pos
        );
    }

    #[test]
    fn the_general_inquirer_list_has_one_weight_and_gives_way() {
        let l = lex();
        // "treacherous" is only in the General Inquirer's list: it reads at its weight.
        let t = tone("The treacherous aides met.", l);
        assert_eq!(t.hits.len(), 1, "{:?}", t.hits);
        assert_eq!(t.hits[0].weight, -1.5);
        // A word that in news names a side is in `not-evaluative`, so the list leaves it out.
        assert!(tone("The opposition leader met them.", l).hits.is_empty());
        // The weight is data, and a word that `words` rates keeps VADER's rating.
        let heavier = TONE.replacen(
            "general-inquirer-weight = -1.5",
            "general-inquirer-weight = -3.0",
            1,
        );
        let heavier = ToneLexicon::parse(&heavier, Path::new("t.toml")).unwrap();
        assert_eq!(
            tone("The treacherous aides met.", &heavier).hits[0].weight,
            -3.0
        );
        let both = TONE.replacen(
            "general-inquirer = \"\"\"\n",
            "general-inquirer = \"\"\"\nwin\n",
            1,
        );
        let both = ToneLexicon::parse(&both, Path::new("t.toml")).unwrap();
        assert!(tone("They win.", &both).sum > 0.0);
        // Without the list the word scores nothing.
        let none = TONE.replacen(
            "general-inquirer-weight = -1.5",
            "general-inquirer-weight = 0.0",
            1,
        );
        let none = ToneLexicon::parse(&none, Path::new("t.toml")).unwrap();
        assert_eq!(tone("The treacherous aides met.", &none).sum, 0.0);
    }

    #[test]
    fn bad_lexicons_are_errors_with_lines() {
        let bad = TONE.replacen("negation-scalar = -0.74", "negation-scalar = 0.5", 1);
        let e = ToneLexicon::parse(&bad, Path::new("t.toml")).unwrap_err();
        assert!(e.to_string().contains("negation-scalar"), "{e}");
        let bad = TONE.replacen("version = 1", "version = 1\nunknown-key = 3", 1);
        assert!(ToneLexicon::parse(&bad, Path::new("t.toml")).is_err());
        let bad = TONE.replacen("\"slammed\" = -2.0", "\"slammed\" = -9.0", 1);
        let e = ToneLexicon::parse(&bad, Path::new("t.toml")).unwrap_err();
        assert!(e.to_string().contains("slammed"), "{e}");
        let bad = TONE.replacen(
            "general-inquirer-weight = -1.5",
            "general-inquirer-weight = -7",
            1,
        );
        let e = ToneLexicon::parse(&bad, Path::new("t.toml")).unwrap_err();
        assert!(e.to_string().contains("general-inquirer-weight"), "{e}");
    }

    #[test]
    fn a_lexicon_file_that_cannot_be_read_is_named() {
        let e = ToneLexicon::from_file(Path::new("/nonexistent/tone.toml")).unwrap_err();
        assert!(e.to_string().contains("/nonexistent/tone.toml"), "{e}");
    }

    #[test]
    fn odd_input_never_panics() {
        for s in [
            "",
            "'",
            "-",
            "n't",
            "“”",
            "ÉÉ é",
            "a-",
            "--x--",
            "Très bien",
        ] {
            let _ = tone(s, lex());
        }
    }
}
