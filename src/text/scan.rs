//! The word scanner that the name and quotation extractors share.
//!
//! *What*: splits a text into tokens by one rule with three settings: initials and dotted acronyms
//! ("R.", "U.S."); else a word (letters, marks and digits) that may continue through a joiner
//! followed by more word ("don't", "al-Assad", "e.g"); then one optional trailing character; and,
//! where asked, every other character that is not white space as a token of its own.
//!
//! *Why hand-written*: it replaces the regular expressions
//! `(?:\p{Lu}\.)+|[\p{L}\p{M}\p{N}]+(?:[JOINERS][\p{L}\p{M}\p{N}]+)*[TRAILING]?` (and `|[^\s…]`),
//! which matched the same tokens but took a few milliseconds to compile on every start (the
//! Unicode classes are large): a tenth of the default run. The test below compares the scanner
//! with those expressions.
//!
//! *Limitations*: "letters, marks and digits" is Rust's `char::is_alphanumeric` (Unicode
//! Alphabetic or Numeric) plus the combining-mark blocks listed in [`is_word_char`]; a few marks of
//! other blocks that are not Alphabetic end a word here where `\p{M}` would not.

use std::ops::Range;

/// The settings of one scanner.
pub struct Scan {
    /// Characters that join two runs of word characters into one token.
    pub joiners: &'static [char],
    /// Characters of which one may end a word token.
    pub trailing: &'static [char],
    /// Whether every other non-space character is a token of its own.
    pub others: bool,
}

/// A letter, mark or digit: alphanumeric, or a combining mark of the common combining blocks.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c,
            '\u{0300}'..='\u{036F}'
            | '\u{0483}'..='\u{0489}'
            | '\u{0591}'..='\u{05BD}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FE20}'..='\u{FE2F}')
}

/// The byte ranges of the tokens of `s`, left to right.
pub fn scan(s: &str, spec: &Scan) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let offset = |k: usize| chars.get(k).map_or(s.len(), |&(i, _)| i);
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        let start = k;
        if c.is_uppercase() && at(k + 1) == Some('.') {
            // Initials: one or more capital-and-period pairs.
            while at(k).is_some_and(char::is_uppercase) && at(k + 1) == Some('.') {
                k += 2;
            }
        } else if is_word_char(c) {
            while at(k).is_some_and(is_word_char) {
                k += 1;
            }
            while at(k).is_some_and(|j| spec.joiners.contains(&j))
                && at(k + 1).is_some_and(is_word_char)
            {
                k += 1;
                while at(k).is_some_and(is_word_char) {
                    k += 1;
                }
            }
            if at(k).is_some_and(|t| spec.trailing.contains(&t)) {
                k += 1;
            }
        } else if spec.others && !c.is_whitespace() {
            k += 1;
        } else {
            k += 1;
            continue;
        }
        out.push(offset(start)..offset(k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    const TEXTS: &[&str] = &[
        "U.S. President John Q. Adams met Maria Lopez's aides, e.g. Ms. O'Neill-Smith.",
        "“He’s given free rein,” said al-Assad’s envoy; the 2,219-km border isn't closed.",
        "Café owners in São Paulo said naïve résumé-writers don't-. A.B.C.d R.-P. x.y.z.",
        "Ünïcödé ÀÉ. Ἀθῆναι Москва́ 東京 का̃ ﬁnance 3.5% $450mn — 'quoted' words’ end.",
        "",
        "   ...  '' -- ’’ A. B.",
        "e\u{0301}le\u{0300}ve rock'n'roll U.S.-backed 1990s' Jones'.",
    ];

    fn compare(re: &Regex, spec: &Scan) {
        // The short texts above, and the bundled story's articles as they were pasted.
        let bundled = crate::load::bundled().unwrap().articles;
        let texts = TEXTS
            .iter()
            .map(|t| t.to_string())
            .chain(bundled.into_iter().map(|a| a.text));
        for t in texts {
            let t = t.as_str();
            let want: Vec<Range<usize>> = re.find_iter(t).map(|m| m.range()).collect();
            assert_eq!(scan(t, spec), want, "{t}");
        }
    }

    #[test]
    fn the_name_scanner_matches_its_regular_expression() {
        let re = Regex::new(r"(?:\p{Lu}\.)+|[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*['’]?")
            .unwrap();
        compare(
            &re,
            &Scan {
                joiners: &['\'', '’', '-'],
                trailing: &['\'', '’'],
                others: false,
            },
        );
    }

    #[test]
    fn the_quotation_scanner_matches_its_regular_expression() {
        let re = Regex::new(
            r"(?:\p{Lu}\.)+|[\p{L}\p{M}\p{N}]+(?:['’\-.][\p{L}\p{M}\p{N}]+)*\.?|[^\s\p{L}\p{M}\p{N}]",
        )
        .unwrap();
        compare(
            &re,
            &Scan {
                joiners: &['\'', '’', '-', '.'],
                trailing: &['.'],
                others: true,
            },
        );
    }
}
