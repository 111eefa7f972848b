//! Names: runs of capitalised words, gazetteer-free.
//!
//! A name is a run of consecutive capitalised words ("Marta Ríos", "White House"), all-caps
//! acronyms ("UN", "MAGA", "U.S.", "G7", "COVID-19") and single initials ("R.") separated by spaces
//! only. Inner hyphens and apostrophes stay ("al-Assad", "O'Brien"); a possessive ("’s", "'s",
//! "s'") is cut and ends the name. Particles ("del", "van", "al-") join words always; connectors
//! ("of", "on", "for", "and", "the") only after an institution word ("Council on Foreign
//! Relations"). Titles are dropped and split the run: "Chilean President Marta Ríos" gives
//! "Chilean" and "Marta Ríos"; "Foreign Minister Ana Costa" gives "Ana Costa".
//! Month and weekday names are not names ("Theresa May" is: a capitalised word precedes); stop
//! words are dropped from the start of a run ("The White House" → "White House"). All lists are in
//! `rubrics/lexicons/name-stopwords.toml`.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::{month_number, weekday_number};

const NAME_WORDS: &str = include_str!("../../rubrics/lexicons/name-stopwords.toml");

/// A name a sentence mentions: its byte range in the sentence and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Name {
    pub span: Range<usize>,
    pub text: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[allow(dead_code)] // `version` and `examples` are read by the tests only.
struct NameFile {
    version: u32,
    stopwords: Vec<String>,
    titles: Vec<String>,
    title_modifiers: Vec<String>,
    particles: Vec<String>,
    connectors: Vec<String>,
    org_heads: Vec<String>,
    #[serde(default)]
    examples: Vec<(String, Vec<String>)>,
}

struct Lists {
    stop: HashSet<String>,
    /// Titles split into words, most words first.
    titles: Vec<Vec<String>>,
    modifiers: HashSet<String>,
    particles: HashSet<String>,
    connectors: HashSet<String>,
    heads: HashSet<String>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    // Compiled in and checked by the tests below: a broken edit fails `cargo test`, never a run.
    let f: NameFile = toml::from_str(NAME_WORDS).unwrap_or_default();
    let set = |v: Vec<String>| v.into_iter().collect::<HashSet<_>>();
    let mut titles: Vec<Vec<String>> = f
        .titles
        .iter()
        .map(|t| t.split_whitespace().map(String::from).collect())
        .collect();
    titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
    Lists {
        stop: set(f.stopwords),
        titles,
        modifiers: set(f.title_modifiers),
        particles: set(f.particles),
        connectors: set(f.connectors),
        heads: set(f.org_heads),
    }
});

/// Initials and dotted acronyms ("R.", "U.S."), else words with inner hyphens or apostrophes and
/// an optional final apostrophe.
const TOKEN: crate::text::scan::Scan = crate::text::scan::Scan {
    joiners: &['\'', '’', '-'],
    trailing: &['\'', '’'],
    others: false,
};

struct Tok<'a> {
    start: usize,
    /// End without a possessive ending.
    end: usize,
    text: &'a str,
    possessive: bool,
}

fn tokens(s: &str) -> Vec<Tok<'_>> {
    crate::text::scan::scan(s, &TOKEN)
        .into_iter()
        .map(|m| {
            let t = &s[m.clone()];
            let bare = ["'s", "’s", "'", "’"]
                .iter()
                .find_map(|e| t.strip_suffix(e));
            let bare = bare.filter(|b| !b.is_empty()).unwrap_or(t);
            let end = m.start + bare.len();
            Tok {
                start: m.start,
                end,
                text: bare,
                possessive: bare.len() < t.len(),
            }
        })
        .collect()
}

fn capitalised(t: &str) -> bool {
    let first = t.chars().next().is_some_and(char::is_uppercase);
    // "al-Assad", "bin-Salman": a particle joined to a capitalised word.
    let joined = t.split_once('-').is_some_and(|(p, rest)| {
        LISTS.particles.contains(p) && rest.starts_with(char::is_uppercase)
    });
    first || joined
}

fn is_stop(t: &str) -> bool {
    let caps =
        t.chars().filter(|c| c.is_alphabetic()).count() > 1 && !t.chars().any(char::is_lowercase);
    let t = t.trim_end_matches('.');
    let head = t.split(['\'', '’']).next().unwrap_or(t);
    let negation = t.ends_with("n't") || t.ends_with("n’t");
    !caps && (LISTS.stop.contains(&head.to_lowercase()) || negation)
}

/// Every name in the sentence, in text order.
pub fn names(sentence: &str) -> Vec<Name> {
    let s = sentence;
    let toks = tokens(s);
    let mut out = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let mut pending: Vec<usize> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let joined = i > 0 && s[toks[i - 1].end..t.start].chars().all(char::is_whitespace);
        if !joined {
            flush(s, &toks, &mut run, &mut pending, &mut out);
        }
        let lists = &*LISTS;
        let head = run
            .iter()
            .rev()
            .take(8)
            .any(|&k| lists.heads.contains(toks[k].text));
        if capitalised(t.text) {
            run.append(&mut pending);
            run.push(i);
        } else if !run.is_empty()
            && pending.len() < 2
            && (lists.particles.contains(t.text) || (head && lists.connectors.contains(t.text)))
        {
            pending.push(i);
        } else {
            flush(s, &toks, &mut run, &mut pending, &mut out);
        }
        if t.possessive {
            flush(s, &toks, &mut run, &mut pending, &mut out);
        }
    }
    flush(s, &toks, &mut run, &mut pending, &mut out);
    out
}

/// Number of tokens of a title (with its modifiers) starting at `run[k]`, if one starts there.
fn title_at(toks: &[Tok], run: &[usize], k: usize) -> Option<usize> {
    let word = |j: usize| run.get(j).map(|&i| toks[i].text);
    let mut j = k;
    while j < k + 3 && word(j).is_some_and(|w| LISTS.modifiers.contains(w)) {
        j += 1;
    }
    let title = LISTS
        .titles
        .iter()
        .find(|t| t.iter().enumerate().all(|(n, w)| word(j + n) == Some(w)));
    title.map(|t| j + t.len() - k)
}

/// Turn the run of tokens into names: drop titles, months, weekdays and leading stop words.
fn flush(
    s: &str,
    toks: &[Tok],
    run: &mut Vec<usize>,
    pending: &mut Vec<usize>,
    out: &mut Vec<Name>,
) {
    pending.clear();
    let mut pieces: Vec<Vec<usize>> = vec![Vec::new()];
    let mut k = 0;
    while k < run.len() {
        // `n > 0` always advances, even if the lexicon held an empty title.
        if let Some(n) = title_at(toks, run, k).filter(|&n| n > 0) {
            pieces.push(Vec::new());
            k += n;
            continue;
        }
        let t = &toks[run[k]];
        let piece = pieces.last_mut().expect("one piece");
        let after_name = piece.last().is_some_and(|&p| !is_stop(toks[p].text));
        let date = month_number(t.text).is_some() || weekday_number(t.text).is_some();
        if date && !(t.text == "May" && after_name) {
            pieces.push(Vec::new());
        } else {
            piece.push(run[k]);
        }
        k += 1;
    }
    run.clear();
    for p in pieces {
        let lower = |i: &&usize| !capitalised(toks[**i].text);
        let p = &p[p
            .iter()
            .take_while(|i| lower(i) || is_stop(toks[**i].text))
            .count()..];
        let p = &p[..p.len() - p.iter().rev().take_while(lower).count()];
        if let (Some(&a), Some(&b)) = (p.first(), p.last()) {
            let span = toks[a].start..toks[b].end;
            out.push(Name {
                text: s[span.clone()].to_string(),
                span,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_parses_and_its_examples_hold() {
        let file: NameFile = toml::from_str(NAME_WORDS).expect("name-stopwords.toml parses");
        assert!(file.examples.len() >= 10 && file.stopwords.len() > 100);
        for (sentence, want) in &file.examples {
            let got: Vec<String> = names(sentence).into_iter().map(|n| n.text).collect();
            assert_eq!(&got, want, "{sentence:?}");
        }
    }

    #[test]
    fn spans_and_counter_examples() {
        let s = "Petro’s wife Verónica Alcocer met O'Brien.";
        let got = names(s);
        assert_eq!(
            got[0],
            Name {
                span: 0..5,
                text: "Petro".into()
            }
        );
        assert_eq!(got[1].text, "Verónica Alcocer");
        assert_eq!(&s[got[1].span.clone()], "Verónica Alcocer");
        assert_eq!(got[2].text, "O'Brien");
        let none = [
            "In January, he said it would happen on Monday.",
            "However, they may ask; The talks ended last September.",
            "I don’t know. We’re told it isn’t so. Don't go.",
            "the president and the minister spoke in lower case.",
            "",
        ];
        for s in none {
            assert_eq!(names(s), vec![], "{s:?}");
        }
    }
}
