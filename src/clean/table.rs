//! The rule table pass: each line tested against the rules of `rubrics/boilerplate.toml`.
//!
//! *What it does*: removes every line a rule matches, with the rule's reason and id; notes the first
//! end-of-article marker after some prose, and the credit lines (copyright, trademark, source).
//!
//! *What it does not*: read the credit lines (see `metadata.rs`: that depends on where the last
//! prose paragraph is) or remove anything the rules do not name (the heuristics that follow do).

use super::lines::{is_prose, Line};
use crate::rules::Rules;

/// Apply the rule table; returns the index of the end-of-article marker (the first one after
/// prose) and the credit lines with their rule id.
pub(super) fn apply(lines: &mut [Line], rules: &Rules) -> (Option<usize>, Vec<(usize, String)>) {
    let h = &rules.heuristics;
    let mut end_of_article: Option<usize> = None;
    let mut seen_prose = false;
    let mut credits: Vec<(usize, String)> = Vec::new();
    for (i, line) in lines.iter_mut().enumerate() {
        if let Some(rule) = rules.match_line(&line.text) {
            line.remove(&rule.reason, rule.id.clone());
            if rule.ends_article && seen_prose && end_of_article.is_none() {
                end_of_article = Some(i);
            }
            if matches!(
                rule.id.as_str(),
                "copyright" | "copyright-holder" | "trademark" | "source-credit"
            ) {
                credits.push((i, rule.id.clone()));
            }
        } else if is_prose(line, h) {
            seen_prose = true;
        }
    }
    (end_of_article, credits)
}
