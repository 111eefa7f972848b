//! Claim extraction: the numbers, dates and times, and names that one sentence states.
//!
//! *What it extracts*: for each sentence, [`claims`] returns
//! - [`Quantity`]s: a value with its unit or counted noun and its qualifier ("at least 48 people" →
//!   48, `people`, [`Qualifier::AtLeast`]; "$320mn" → 320 000 000 `usd`; "hour-long" → 1 `hour`);
//! - [`TimeRef`]s: dates, clock times, weekdays, months, years and relative references ("last month"),
//!   resolved to ISO 8601 against the article's publication date when one is known, with an
//!   [`Approx`] marker for "shortly before 11:00", "shortly after 11 a.m.", "around noon";
//! - [`Name`]s: capitalised spans ("Marta Ríos", "White House", "Ministry of Mines and Energy",
//!   "U.S."), without titles, months, weekdays or sentence-initial function words.
//!
//! *Why*: cross-outlet alignment needs to know which facts two sentences share and whether their
//! values agree: "at least 48 people" and "48 people" are compatible but qualified differently
//! ([`Quantity::compatible`]); "14 operations" and "14 known air strikes" state the same count;
//! "shortly before 11:00" and "shortly after 11 a.m." differ in their approximation only.
//!
//! *Example*:
//! ```
//! use corroborate::extract::{claims, Qualifier};
//! let s = "The floods killed at least 48 people last month, UN officials said.";
//! let c = claims(s, Some("2026-02-03"));
//! assert_eq!((c.quantities[0].value, c.quantities[0].qualifier), (48.0, Qualifier::AtLeast));
//! assert_eq!(c.quantities[0].unit.as_deref(), Some("people"));
//! assert_eq!(c.times[0].value.as_deref(), Some("2026-01"));
//! assert_eq!(c.names[0].text, "UN");
//! ```
//!
//! *Data*: units, scale words, currencies, qualifiers and the words that end a counted-noun phrase
//! are in `rubrics/lexicons/units.toml`; name stop words, titles and connectors in
//! `rubrics/lexicons/name-stopwords.toml`. Both are compiled in, and their examples run as tests.
//!
//! *Limitations*: English only and rule based, sentence by sentence. Ranges ("10-15 people",
//! "between 10 and 15") give their bounds as separate quantities; a bare number from 1900 to 2100 is
//! read as a year unless a qualifier, currency, scale word or listed unit marks it as an amount
//! ("2000 troops" is a year; "more than 2000 troops" an amount); a number right after a capitalised
//! word is read as part of a name ("Boeing 737"). Relative dates assume the article speaks of the
//! past ("on Monday" is the last Monday on or before the publication date). Names are
//! gazetteer-free: a capitalised common word that starts a sentence ("Tensions rose") is taken for a
//! name unless the stop list has it, and two names joined by "and" are split unless an
//! institution word precedes ("Ministry of Mines and Energy").

pub mod cues;
mod names;
mod quantities;
pub mod quotes;
mod temporal;
pub mod tone;

pub use cues::{cues, cues_in_context, Cue, CueKind, CueLexicon, Stance, Voice};
pub use names::{names, Name};
pub use quantities::{quantities, Qualifier, Quantity};
pub use temporal::{times, Approx, TimeKind, TimeRef};

use serde::Serialize;

/// What one sentence states: its quantities, its time references and its names, each in text order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claims {
    pub quantities: Vec<Quantity>,
    pub times: Vec<TimeRef>,
    pub names: Vec<Name>,
}

/// Extract the claims of one sentence. `article_date` (ISO date or date-time, as in
/// `Article::published`) resolves relative references such as "last month"; without it their
/// values are `None`. Spans are byte ranges into `sentence`.
pub fn claims(sentence: &str, article_date: Option<&str>) -> Claims {
    Claims {
        quantities: quantities(sentence),
        times: times(sentence, article_date),
        names: names(sentence),
    }
}

const MONTHS: &str =
    "january february march april may june july august september october november december";
const WEEKDAYS: &str = "monday tuesday wednesday thursday friday saturday sunday";

/// Position of `word` (lower case) in a space-separated list.
pub(crate) fn position(list: &str, word: &str) -> Option<u32> {
    list.split(' ').position(|w| w == word).map(|i| i as u32)
}

/// Month number (1-12) of a capitalised month name or abbreviation ("February", "Feb.", "SEPT");
/// "Jan", "Mar", "Jun" and "Jul" count only with their period (they are also names and words).
pub(crate) fn month_number(word: &str) -> Option<u32> {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let dotted = word.ends_with('.');
    let w = word.trim_end_matches('.').to_lowercase();
    let abbr = (w.len() == 3 || w == "sept")
        && (dotted || !matches!(w.as_str(), "jan" | "mar" | "jun" | "jul"));
    let i = MONTHS
        .split(' ')
        .position(|m| m == w || (abbr && m.starts_with(w.as_str())))?;
    Some(i as u32 + 1)
}

/// Weekday index (0 = Monday) of a capitalised full weekday name ("Tuesday").
pub(crate) fn weekday_number(word: &str) -> Option<u32> {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    position(WEEKDAYS, &word.to_lowercase())
}

/// The whitespace-separated word that ends right before byte `i` (after trailing spaces).
pub(crate) fn prev_word(s: &str, i: usize) -> &str {
    let t = s[..i].trim_end();
    let space = t.char_indices().rev().find(|c| c.1.is_whitespace());
    let start = space.map_or(0, |(p, c)| p + c.len_utf8());
    &t[start..]
}

/// The whitespace-separated word that starts after byte `i` (after leading spaces).
pub(crate) fn next_word(s: &str, i: usize) -> &str {
    let t = s[i..].trim_start();
    &t[..t.find(char::is_whitespace).unwrap_or(t.len())]
}

/// `s[..end]` ends with `phrase` (ASCII case-insensitive) at a word boundary; returns its start.
pub(crate) fn ends_with_phrase(s: &str, end: usize, phrase: &str) -> Option<usize> {
    let start = end.checked_sub(phrase.len())?;
    let ok = s.as_bytes()[start..end].eq_ignore_ascii_case(phrase.as_bytes())
        && !s[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    ok.then_some(start)
}

/// `s[at..]` starts with `w`, ASCII case-insensitive.
pub(crate) fn starts_ci(s: &str, at: usize, w: &str) -> bool {
    let b = s.as_bytes().get(at..at + w.len());
    b.is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
}

/// `s[at..]` starts with `w` (ASCII case-insensitive) and no letter or digit follows; returns its end.
pub(crate) fn word_at(s: &str, at: usize, w: &str) -> Option<usize> {
    let end = at + w.len();
    let ok = starts_ci(s, at, w) && s.is_char_boundary(end);
    (ok && !s[end..].starts_with(char::is_alphanumeric)).then_some(end)
}

/// The first byte at or after `at` that is not whitespace.
pub(crate) fn spaces(s: &str, at: usize) -> usize {
    s.len() - s[at..].trim_start().len()
}

/// Ends in a plural "s" ("strikes", not "glass", "bus", "crisis").
pub(crate) fn plural(w: &str) -> bool {
    w.len() > 3 && w.ends_with('s') && !["ss", "us", "is"].iter().any(|e| w.ends_with(e))
}

/// Simple English singular: "operations" → "operation", "casualties" → "casualty", "men" → "man".
pub(crate) fn singular(w: &str) -> String {
    let w = w.trim_end_matches("'s").trim_end_matches("’s");
    let w = w.trim_end_matches(['\'', '’']);
    let irregular = [("men", "man"), ("women", "woman"), ("children", "child")];
    if let Some((_, one)) = irregular.iter().find(|(many, _)| *many == w) {
        return one.to_string();
    }
    if w.len() > 4 && w.ends_with("ies") {
        return format!("{}y", &w[..w.len() - 3]);
    }
    let es = ["sses", "ches", "shes", "xes", "zes"]
        .iter()
        .any(|e| w.ends_with(e));
    w[..w.len() - if es { 2 } else { usize::from(plural(w)) }].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_news_sentence_with_a_duration_a_date_and_names() {
        let s = "Chilean President Marta Ríos emerged from approximately two hours of \
            closed-door Elysée Palace talks with French President Paul Girard on February 3";
        let c = claims(s, Some("2026-02-04T09:00:00Z"));
        let q = &c.quantities[0];
        assert_eq!((q.value, q.unit.as_deref()), (2.0, Some("hour")));
        assert_eq!(q.qualifier, Qualifier::About);
        assert_eq!(c.quantities.len(), 1, "{:?}", c.quantities);
        assert_eq!(c.times.len(), 1);
        assert_eq!(c.times[0].value.as_deref(), Some("2026-02-03"));
        let n: Vec<&str> = c.names.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(
            n,
            [
                "Chilean",
                "Marta Ríos",
                "Elysée Palace",
                "French",
                "Paul Girard"
            ]
        );
    }

    #[test]
    fn helpers() {
        assert_eq!(month_number("Feb."), Some(2));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("SEPTEMBER"), Some(9));
        assert_eq!(month_number("may"), None);
        assert_eq!(month_number("Jan"), None);
        assert_eq!(month_number("Ma"), None);
        assert_eq!(weekday_number("Tuesday"), Some(1));
        assert_eq!(prev_word("in  the 126", 8), "the");
        assert_eq!(next_word("126  people, ", 3), "people,");
        assert_eq!(ends_with_phrase("At least 126", 8, "at least"), Some(0));
        assert_eq!(ends_with_phrase("flat least", 10, "at least"), None);
    }

    #[test]
    fn odd_input_never_panics_and_spans_are_char_boundaries() {
        let digits = "7".repeat(10_000);
        let long = "at least 12 people 🙂 on Monday, May 3 at 11 a.m. ".repeat(300);
        let odd = "| |🙂|$|%%|at least|€|No.|-|1|1.|.5|May|11:|:00|a.m.|9 per|$5 m|one|a dozen|\
            Ü 3 ß|3🙂|🙂3🙂|二 3|Ⅻ 12|shortly before|last|x-|’s|'s|’|U.S.|al-|1,|1,000,|-5|--5|$-5|5-|\
            99999999999999999999999|February 31|May 2100000|on Tuesday|0:99 p.m.|13 p.m.|The|I.|\
            Secretary of|the\u{a0}January\u{a0}3 op|at\u{2003}least\u{a0}126\u{3000}people|\u{a0}5\u{a0}%|\
            Feb.\u{a0}3,\u{a0}2026\u{a0}at\u{a0}9\u{a0}a.m.|1\u{a0}000|$\u{a0}5|No.\u{a0}2|(1)|#|\u{0}";
        let dates = [
            None,
            Some("2026-02-03"),
            Some("garbage"),
            Some("2026-02-03T11:00:00Z"),
        ];
        for s in odd.split('|').chain([digits.as_str(), long.as_str()]) {
            for d in dates {
                let c = claims(s, d);
                let spans = c.quantities.iter().map(|q| (&q.span, &q.text));
                let spans = spans.chain(c.times.iter().map(|t| (&t.span, &t.text)));
                for (r, text) in spans.chain(c.names.iter().map(|n| (&n.span, &n.text))) {
                    assert!(r.start <= r.end && r.end <= s.len(), "{s:?} {r:?}");
                    assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
                    assert_eq!(&s[r.clone()], text);
                }
                assert!(c.quantities.iter().all(|q| q.value.is_finite()));
            }
        }
    }

    #[test]
    fn singular_forms() {
        let rows =
            "operations operation casualties casualty boxes box people people men man bus bus \
            glass glass troops' troop";
        let w: Vec<&str> = rows.split_whitespace().collect();
        for pair in w.chunks(2) {
            assert_eq!(singular(pair[0]), pair[1]);
        }
    }
}
