//! Furniture: short lines without sentence punctuation, and what a line of furniture tells.
//!
//! *What it does*: removes (on page-like formats) the short lines that do not end a sentence, or
//! are slogans, and are neither headings nor bullets; a date line among them gives a date, a domain
//! or an all-caps masthead the site's name.
//!
//! *What it does not*: remove headings, bullets or prose, or decide which publisher wins (see
//! `metadata.rs`).

use regex::Regex;
use std::sync::LazyLock;

use super::lines::{ends_sentence, is_heading, Line, SENTENCE_END};
use super::metadata::Candidates;
use crate::dates;
use crate::rules::Heuristics;
use crate::text::count_words;
use crate::text::shapes::is_bullet;

fn is_all_caps_masthead(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 4
        && count_words(s) <= 3
        && letters.iter().all(|c| c.is_uppercase())
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '.' || c == '-' || c == '&')
}

fn is_domain(s: &str) -> bool {
    static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:www\.)?[a-z0-9-]{2,40}(?:\.[a-z0-9-]{2,20})*\.(?:com|net|org|news|info|co|in|uk|us|io|tv|eu|de|fr|es|it|au|ca)$")
            .expect("valid regex")
    });
    DOMAIN.is_match(s)
}

/// What a line of page furniture tells: a date, or the site's name (a domain or an all-caps masthead).
/// Records the finding and returns the reason and rule to remove the line with.
pub(super) fn furniture(
    line: &Line,
    order: usize,
    publisher: &mut Candidates,
    dates_found: &mut Vec<(u8, usize, String)>,
) -> Option<(&'static str, &'static str)> {
    if dates::is_date_line(&line.text) {
        if let Some(iso) = dates::parse_date(&line.text) {
            dates_found.push((3, line.lineno, iso));
        }
        Some(("date_line", "date-line"))
    } else if is_domain(&line.text) {
        publisher.add(5, order, line.text.clone(), "domain_line");
        Some(("masthead", "domain-line"))
    } else if is_all_caps_masthead(&line.text) {
        publisher.add(6, order, line.text.clone(), "masthead");
        Some(("masthead", "masthead"))
    } else {
        None
    }
}

/// Remove the short lines without sentence punctuation, and mastheads (only when `page_heuristics`).
pub(super) fn remove_short_lines(
    lines: &mut [Line],
    h: &Heuristics,
    page_heuristics: bool,
    publisher: &mut Candidates,
    dates_found: &mut Vec<(u8, usize, String)>,
) {
    for (i, l) in lines.iter_mut().enumerate() {
        if !page_heuristics || !l.kept() || is_heading(&l.text, h) || is_bullet(&l.text) {
            continue;
        }
        let slogan = l
            .text
            .split(SENTENCE_END)
            .filter(|s| !s.trim().is_empty())
            .all(|s| count_words(s) <= 2);
        if l.words <= h.short_line_max_words && (!ends_sentence(&l.text) || slogan) {
            let (reason, rule) =
                furniture(l, i, publisher, dates_found).unwrap_or(("short_line", "short-line"));
            l.remove(reason, rule);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::clean::test_support::{run, PROSE_A, PROSE_B};

    #[test]
    fn headings_and_bullets_survive_the_short_line_rule() {
        let a = run(&format!(
            "{PROSE_A}\n\nKey Points:\n\n• Ships waited\n\n# Background\n\n{PROSE_B}\n"
        ));
        assert_eq!(
            a.body,
            format!("{PROSE_A}\n\nKey Points:\n\n• Ships waited\n\n# Background\n\n{PROSE_B}")
        );
    }
}
