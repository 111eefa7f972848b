//! Quantities: numbers in digits or words with their scale, unit or counted noun, and qualifier.
//!
//! Counted-noun rule: when no unit of `rubrics/lexicons/units.toml` follows the number, up to three
//! following words are read (letters, inner hyphens and apostrophes) until punctuation, a digit, or a
//! `noun-stops` word; a word ending in -ed, -ing or -ly after the first ends the phrase (a verb or an
//! adverb: "48 people killed"), and a plural ends it after itself ("two leaders fail"). The unit is the last word read that does not end so, lower-cased and
//! singularised ("14 known air strikes" → `strike`, "600 approved requests" → `request`,
//! "48 killed" → none), then normalised by the lexicon ("persons" → `people`, "tons" → `tonne`).
//! Not quantities: years (see the module docs of `extract`), day numbers next to a month, clock
//! times, ordinals ("first" is not a number word; "2nd" is skipped), list markers ("1.", "(2)"),
//! ranks ("No. 2", "#1"), numbers glued to letters or after a capitalised word ("G7",
//! "COVID-19", "Boeing 737"), "N days ago" (a time), number words with no noun after them ("one
//! of the") and ordinals or fractions spelled with them ("twenty-first", "one-third").

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::{ends_with_phrase, month_number, next_word, plural, prev_word, singular, spaces};
use super::{starts_ci, weekday_number, word_at};

const UNITS: &str = include_str!("../../rubrics/lexicons/units.toml");

/// A number a sentence states, with its unit and qualifier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// Byte range in the sentence.
    pub span: Range<usize>,
    /// The words as written: "at least 48 people".
    pub text: String,
    /// The value with its scale applied: "$320mn" → 320 000 000; "40%" → 40.
    pub value: f64,
    /// Normalised unit ("usd", "percent", "km", "hour") or counted noun stem ("people", "strike").
    pub unit: Option<String>,
    pub qualifier: Qualifier,
}

/// How a qualifier bounds the number it precedes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all(serialize = "snake_case", deserialize = "kebab-case"))]
pub enum Qualifier {
    Exact,
    AtLeast,
    AtMost,
    MoreThan,
    LessThan,
    /// "about", "approximately", "nearly", "some", "an estimated": within 5%.
    About,
    UpTo,
}

impl Quantity {
    fn new(s: &str, span: Range<usize>, value: f64, unit: Option<String>, q: Qualifier) -> Self {
        let text = s[span.clone()].to_string();
        Quantity {
            span,
            text,
            value,
            unit,
            qualifier: q,
        }
    }

    /// True when both can be true of the same fact: 126 vs "at least 126" yes; 126 vs 130 no;
    /// "about 30,000" vs 30,500 yes (within 5%); "more than 100" vs 126 yes. Units must agree when
    /// both are known.
    pub fn compatible(&self, other: &Quantity) -> bool {
        let units_agree = match (&self.unit, &other.unit) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        let (a, b) = (self.bounds(), other.bounds());
        units_agree && a.0.max(b.0) <= a.1.min(b.1)
    }

    /// The values the quantity allows, with a rounding tolerance; "more than" and "less than"
    /// exclude the number itself.
    fn bounds(&self) -> (f64, f64) {
        let (v, inf) = (self.value, f64::INFINITY);
        let tol = v.abs() * 1e-9 + 1e-12;
        match self.qualifier {
            Qualifier::Exact => (v - tol, v + tol),
            Qualifier::AtLeast => (v - tol, inf),
            Qualifier::MoreThan => (v + 2.0 * tol, inf),
            Qualifier::AtMost | Qualifier::UpTo => (-inf, v + tol),
            Qualifier::LessThan => (-inf, v - 2.0 * tol),
            Qualifier::About => (v - v.abs() * 0.05 - tol, v + v.abs() * 0.05 + tol),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[allow(dead_code)] // `version` and the examples are read by the tests only.
struct UnitFile {
    version: u32,
    noun_stops: Vec<String>,
    units: BTreeMap<String, Vec<String>>,
    multipliers: BTreeMap<String, f64>,
    number_words: HashMap<String, f64>,
    currency_multipliers: BTreeMap<String, f64>,
    currencies: BTreeMap<String, Vec<String>>,
    qualifiers: BTreeMap<Qualifier, Vec<String>>,
    examples: Vec<(String, f64, String, Qualifier)>,
    counter_examples: Vec<String>,
    compatible: Vec<(String, String, bool)>,
}

/// The lexicon; every list of (spelling, meaning) is sorted longest spelling first.
struct Lexicon {
    units: Vec<(String, String)>,
    unit_of: HashMap<String, String>,
    multipliers: Vec<(String, f64)>,
    currency_multipliers: Vec<(String, f64)>,
    currencies: Vec<(String, String)>,
    qualifiers: Vec<(String, Qualifier)>,
    file: UnitFile,
}

fn longest_first<T, I: IntoIterator<Item = (String, T)>>(items: I) -> Vec<(String, T)> {
    let mut v: Vec<(String, T)> = items.into_iter().filter(|i| !i.0.is_empty()).collect();
    v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    v
}

/// (spelling, key) for every spelling listed under a key.
fn spellings<K: Clone>(m: &BTreeMap<K, Vec<String>>) -> Vec<(String, K)> {
    let each =
        |(k, v): (&K, &Vec<String>)| v.iter().map(|s| (s.clone(), k.clone())).collect::<Vec<_>>();
    m.iter().flat_map(each).collect()
}

static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    // Compiled in and checked by the tests below: a broken edit fails `cargo test`, never a run.
    let file: UnitFile = toml::from_str(UNITS).unwrap_or_default();
    let units = longest_first(spellings(&file.units));
    Lexicon {
        unit_of: units.iter().cloned().collect(),
        units,
        multipliers: longest_first(file.multipliers.clone()),
        currency_multipliers: longest_first(file.currency_multipliers.clone()),
        currencies: longest_first(spellings(&file.currencies)),
        qualifiers: longest_first(spellings(&file.qualifiers)),
        file,
    }
});

/// After a number word and a hyphen, an ordinal or a fraction: "twenty-first", "one-third".
const FRACTIONS: &str = "first second third fourth fifth sixth seventh eighth ninth half quarter";

static DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?").expect("static regex"));
/// Number words ("two", "twenty-five") and "a"/"an" before a scale word ("a dozen", "a million").
static WORDS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let alt = |ws: Vec<&String>| ws.into_iter().map(|w| regex::escape(w)).collect::<Vec<_>>();
    let words = alt(LEX.file.number_words.keys().collect()).join("|");
    let scales = LEX.multipliers.iter().map(|m| &m.0).filter(|w| w.len() > 3);
    let scales = alt(scales.collect()).join("|");
    let p = format!(r"(?i)\b(?:an?\s+({scales})|({words})(?:-({words}))?)\b");
    Regex::new(&crate::text::shapes::ascii_word_boundaries(&p))
        .ok()
        .filter(|_| !words.is_empty() && !scales.is_empty())
});
static LONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&crate::text::shapes::ascii_word_boundaries(
        r"(?i)\b(second|minute|hour|day|week|month|year|decade|century)-long\b",
    ))
    .expect("static regex")
});

fn word_value(c: &regex::Captures) -> Option<f64> {
    let get = |g| c.get(g).map(|m| m.as_str().to_lowercase());
    if let Some(w) = get(1) {
        return LEX.multipliers.iter().find(|m| m.0 == w).map(|m| m.1);
    }
    let n = |w: String| LEX.file.number_words.get(&w).copied();
    let a = n(get(2)?)?;
    match get(3).map(n) {
        None => Some(a),
        Some(Some(b)) if a >= 20.0 && a % 10.0 == 0.0 && b < 10.0 => Some(a + b),
        Some(_) => None,
    }
}

/// Every quantity in the sentence, in text order.
pub fn quantities(sentence: &str) -> Vec<Quantity> {
    let s = sentence;
    let mut out: Vec<Quantity> = Vec::new();
    for m in DIGITS.find_iter(s).filter(|m| m.len() <= 20) {
        let value = m.as_str().replace(',', "").parse().ok();
        out.extend(value.and_then(|v| build(s, m.range(), v, true)));
    }
    for c in WORDS.iter().flat_map(|w| w.captures_iter(s)) {
        let m = c.get(0).expect("group 0");
        out.extend(word_value(&c).and_then(|v| build(s, m.range(), v, false)));
    }
    for c in LONG.captures_iter(s) {
        let (m, unit) = (c.get(0).expect("group 0"), c[1].to_lowercase());
        let unit = Some(LEX.unit_of.get(&unit).cloned().unwrap_or(unit));
        out.push(Quantity::new(s, m.range(), 1.0, unit, Qualifier::Exact));
    }
    out.sort_by_key(|q| (q.span.start, std::cmp::Reverse(q.span.end)));
    let mut end = 0;
    out.retain(|q| {
        let keep = q.span.start >= end;
        end = end.max(q.span.end);
        keep
    });
    out
}

/// The currency symbol or code right before byte `at` ("$320", "USD 320"): its start and code.
fn currency_before(s: &str, at: usize) -> Option<(usize, String)> {
    LEX.currencies.iter().find_map(|(sym, code)| {
        let alpha = sym.starts_with(|c: char| c.is_ascii_alphabetic());
        let end = at - usize::from(alpha && s[..at].ends_with(' '));
        let start = end
            .checked_sub(sym.len())
            .filter(|&i| s.is_char_boundary(i))?;
        let glued = alpha && s[..start].ends_with(char::is_alphanumeric);
        (&s[start..end] == sym && !glued).then(|| (start, code.clone()))
    })
}

/// Numbers that are not amounts: list markers, days next to a month, clock times, ranks.
fn not_an_amount(s: &str, num: &Range<usize>, text_start: usize, integer: Option<f64>) -> bool {
    let (before, mut after) = (s[..num.start].chars().next_back(), s[num.end..].chars());
    let (after1, after2) = (after.next(), after.next());
    let lead = !s[..text_start].contains(char::is_alphanumeric);
    let marker =
        (lead && matches!(after1, Some('.' | ')')) && after2.is_none_or(char::is_whitespace))
            || (before == Some('(') && after1 == Some(')'));
    let prev = prev_word(s, num.start);
    let day = integer.is_some_and(|v| v <= 31.0)
        && (month_number(prev).is_some() || month_after(s, num.end));
    let at = spaces(s, num.end);
    let clock = ["a.m", "p.m", "am", "pm", "o'clock", "o’clock"]
        .iter()
        .any(|w| word_at(s, at, w).is_some() || (w.contains('.') && starts_ci(s, at, w)));
    marker || day || clock || prev == "No." || prev == "no." || before == Some('#')
}

fn build(s: &str, num: Range<usize>, base: f64, digits: bool) -> Option<Quantity> {
    let lex = &*LEX;
    let before = s[..num.start].chars().next_back();
    let before2 = before.and_then(|c| s[..num.start - c.len_utf8()].chars().next_back());
    let mut after = s[num.end..].chars();
    let (after1, after2) = (after.next(), after.next());
    let part_of_word = before.is_some_and(char::is_alphanumeric)
        || (matches!(before, Some('.' | ':' | '/' | ','))
            && before2.is_some_and(char::is_alphanumeric))
        || (before == Some('-') && before2.is_some_and(char::is_alphabetic))
        || (matches!(after1, Some(':' | '/' | '.' | ','))
            && after2.is_some_and(|c| c.is_ascii_digit()));
    if digits && part_of_word {
        return None;
    }
    let currency = digits.then(|| currency_before(s, num.start)).flatten();
    let start = currency.as_ref().map_or(num.start, |c| c.0);
    let t_end = s[..start].trim_end().len();
    let qualifier = lex
        .qualifiers
        .iter()
        .find_map(|(p, q)| ends_with_phrase(s, t_end, p).map(|i| (i, *q)));
    let qualifier = qualifier.filter(|_| t_end < start);
    let integer = (digits && !s[num.clone()].contains(['.', ','])).then_some(base);
    if currency.is_none() && not_an_amount(s, &num, t_end, integer) {
        return None;
    }
    // Scale words: "1.5 million", "$320mn", "two hundred thousand".
    let (mut value, mut end, mut scaled) = (base, num.end, false);
    let for_currency = currency
        .iter()
        .flat_map(|_| lex.currency_multipliers.iter());
    let scales: Vec<&(String, f64)> = lex.multipliers.iter().chain(for_currency).collect();
    for _ in 0..2 {
        let at = spaces(s, end);
        let Some((e, f)) = scales
            .iter()
            .find_map(|(w, f)| word_at(s, at, w).map(|e| (e, f)))
        else {
            break;
        };
        (value, end, scaled) = (value * f, e, true);
    }
    // Unit: the lexicon (glued, spaced or hyphenated), else the counted noun.
    let at = spaces(s, end + usize::from(s[end..].starts_with('-')));
    let listed = lex
        .units
        .iter()
        .find_map(|(w, u)| word_at(s, at, w).map(|e| (e, u.clone())));
    let glued = s[end..].starts_with(char::is_alphabetic);
    let (end, unit, marked) = match (currency, listed) {
        (Some((_, code)), _) => (end, Some(code), true),
        (None, Some((e, u))) => (e, Some(u), true),
        (None, None) if glued => return None,
        (None, None) => match counted_noun(s, end) {
            Some((e, u)) => (e, Some(u), false),
            None => (end, None, false),
        },
    };
    let marked = marked || qualifier.is_some() || scaled;
    let year = integer.is_some_and(|v| num.len() == 4 && (1900.0..=2100.0).contains(&v));
    let prev = prev_word(s, start);
    let lead = !s[..t_end - prev.len()].contains(char::is_alphanumeric);
    let calendar = month_number(prev).or(weekday_number(prev)).is_some();
    let name_part = digits && prev.starts_with(char::is_uppercase) && !lead && !calendar;
    let ago = next_word(s, end).trim_end_matches(|c: char| !c.is_alphanumeric()) == "ago";
    let fraction = s[num.end..]
        .strip_prefix('-')
        .map(|r| next_word(r, 0).to_lowercase());
    let fraction = fraction.is_some_and(|w| FRACTIONS.split(' ').any(|f| w.starts_with(f)));
    let bare_word = !digits && ((unit.is_none() && !scaled) || fraction);
    if ago || bare_word || (!marked && (year || name_part)) {
        return None;
    }
    let (start, qualifier) = qualifier.unwrap_or((start, Qualifier::Exact));
    Some(Quantity::new(s, start..end, value, unit, qualifier))
}

fn month_after(s: &str, at: usize) -> bool {
    let w = next_word(s, at);
    let w2 = next_word(s, spaces(s, at) + w.len());
    month_number(w.trim_end_matches([',', ';'])).is_some()
        || (w == "of" && month_number(w2).is_some())
}

/// The counted noun after a number (see the module docs): its end and its normalised singular.
fn counted_noun(s: &str, num_end: usize) -> Option<(usize, String)> {
    let mut words: Vec<(usize, String, bool)> = Vec::new();
    let mut i = num_end;
    while words.len() < 3 {
        let at = if words.is_empty() && s[i..].starts_with('-') {
            i + 1
        } else {
            spaces(s, i)
        };
        let mut end = at;
        let mut chars = s[at..].char_indices().peekable();
        while let Some((k, c)) = chars.next() {
            let next_letter = chars.peek().is_some_and(|n| n.1.is_alphabetic());
            if !(c.is_alphabetic() || (matches!(c, '-' | '\'' | '’') && k > 0 && next_letter)) {
                break;
            }
            end = at + k + c.len_utf8();
        }
        let w = s[at..end].to_lowercase();
        let negation = w.ends_with("n't") || w.ends_with("n’t");
        if at == i || w.is_empty() || negation || LEX.file.noun_stops.contains(&w) {
            break;
        }
        let verbish = w.ends_with("ed") || w.ends_with("ing") || w.ends_with("ly");
        if verbish && !words.is_empty() {
            break;
        }
        // A plural ends the phrase: "two leaders fail to" → "leaders".
        let stop = plural(&w);
        words.push((end, w, verbish));
        i = end;
        if stop {
            break;
        }
    }
    let (end, w, _) = words.into_iter().rev().find(|w| !w.2)?;
    let one = singular(&w);
    let unit = LEX
        .unit_of
        .get(&one)
        .or_else(|| LEX.unit_of.get(&w))
        .cloned();
    Some((end, unit.unwrap_or(one)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_parses_and_its_examples_hold() {
        let file: UnitFile = toml::from_str(UNITS).expect("units.toml parses");
        assert!(file.examples.len() > 30 && file.counter_examples.len() > 20);
        for (input, value, unit, qualifier) in &file.examples {
            let got = quantities(input);
            let first = got
                .first()
                .unwrap_or_else(|| panic!("no quantity in {input:?}"));
            let want = (*value, unit.as_str(), *qualifier);
            let unit = first.unit.as_deref().unwrap_or("");
            assert_eq!((first.value, unit, first.qualifier), want, "{input:?}");
        }
        for input in &file.counter_examples {
            assert_eq!(quantities(input), vec![], "{input:?}");
        }
        assert!(file.compatible.len() > 10);
        for (a, b, want) in &file.compatible {
            let (qa, qb) = (quantities(a).remove(0), quantities(b).remove(0));
            assert_eq!(
                (qa.compatible(&qb), qb.compatible(&qa)),
                (*want, *want),
                "{a:?} {b:?}"
            );
        }
    }

    #[test]
    fn sentences() {
        let got = quantities("Strikes killed at least 126 people across 36 operations.");
        assert_eq!(
            (got[0].span.clone(), got[0].text.as_str()),
            (15..34, "at least 126 people")
        );
        assert_eq!(
            (got[1].value, got[1].unit.as_deref()),
            (36.0, Some("operation"))
        );
        let s = "Colombia produced an estimated 3,001 tonnes of cocaine in 2024 from approximately \
            261,000 hectares, roughly 70% of supply, the first in three decades, after the January 3 \
            operation on February 2; it gets approximately $450mn annually. One source said one \
            high-level trafficker identified as X was sent at 11 a.m. to the G7 with 2nd rank.";
        let got: Vec<(f64, String)> = quantities(s)
            .into_iter()
            .map(|q| (q.value, q.unit.unwrap_or_default()))
            .collect();
        let want = [
            (3001.0, "tonne"),
            (261_000.0, "hectare"),
            (70.0, "percent"),
            (3.0, "decade"),
            (450e6, "usd"),
            (1.0, "source"),
            (1.0, "trafficker"),
        ];
        assert_eq!(got, want.map(|(v, u)| (v, u.to_string())));
    }
}
