//! Trailing matter: what follows the end of the article.
//!
//! *What it does*: finds the last prose paragraph (a repeat of an earlier one, such as a lead
//! repeated in the footer, does not count), and removes the lines that are not prose after both it
//! and the end-of-article marker (copyright, "Read more") found by the rule table.
//!
//! *What it does not*: find the marker (`table.rs` does) or remove prose: an inline "Read more"
//! mid-article keeps the bullets, quotes and paragraphs after it.

use rustc_hash::FxHashSet;

use super::furniture::furniture;
use super::lines::{is_prose, norm_key, Line};
use super::metadata::Candidates;
use crate::rules::Heuristics;

/// The last prose paragraph that is not a repeat of an earlier one (pages repeat their lead in
/// the footer, after the copyright line).
pub(super) fn last_prose(lines: &[Line], h: &Heuristics) -> Option<usize> {
    let mut seen = FxHashSet::default();
    let mut last = None;
    for (i, l) in lines.iter().enumerate() {
        let fresh = seen.insert(norm_key(&l.text));
        if fresh && l.kept() && is_prose(l, h) {
            last = Some(i);
        }
    }
    last
}

/// Remove the furniture after the end-of-article marker and after the last prose paragraph.
pub(super) fn remove_trailing(
    lines: &mut [Line],
    end_of_article: Option<usize>,
    last_prose: Option<usize>,
    h: &Heuristics,
    publisher: &mut Candidates,
    dates_found: &mut Vec<(u8, usize, String)>,
) {
    if let Some(end) = end_of_article {
        let start = end.max(last_prose.unwrap_or(0));
        for (i, line) in lines.iter_mut().enumerate().skip(start + 1) {
            if line.kept() && !is_prose(line, h) {
                let (reason, rule) = furniture(line, i, publisher, dates_found)
                    .unwrap_or(("trailing_matter", "after-end-of-article"));
                line.remove(reason, rule);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::clean::test_support::{run, PROSE_A, PROSE_B};

    #[test]
    fn prose_after_an_inline_read_more_is_kept() {
        let a = run(&format!(
            "{PROSE_A}\n\nRead more: Strike talks stall\n\n{PROSE_B}\n"
        ));
        assert_eq!(a.body, format!("{PROSE_A}\n\n{PROSE_B}"));
    }

    #[test]
    fn an_inline_read_more_does_not_take_the_bullets_and_quotes_after_it() {
        let a = run(&format!(
            "{PROSE_A}\n\nRead more: Strike talks stall\n\nKey Points:\n\n• Ships waited\n\n“We will not go back,” he said.\n\n{PROSE_B}\n\nCookie Policy\n"
        ));
        assert!(
            a.body.contains("Key Points:") && a.body.contains("• Ships waited"),
            "{:?}",
            a.removed
        );
        assert!(a.body.contains("We will not go back"), "{:?}", a.removed);
        assert!(!a.body.contains("Cookie Policy"));
    }
}
