//! The lines cleaning works on, and how they read.
//!
//! *What it does*: cuts the normalised text into [`Line`]s (one paragraph a line, blank lines
//! dropped), each kept or removed with a reason and rule; tells what a line looks like (prose,
//! heading, sentence end) and the key repeats are compared by; and, at the end, joins the kept lines
//! into the body and lists the removed ones.
//!
//! *What it does not*: decide what to remove; the passes do, each in its own file.

use crate::model::Removed;
use crate::rules::Heuristics;
use crate::text::count_words;

/// Characters that end a sentence, once closing quotes and brackets are stripped.
pub(super) const SENTENCE_END: &[char] = &['.', '!', '?', '…'];
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '*', '_'];

#[derive(Debug, Clone, PartialEq)]
pub(super) enum State {
    Keep,
    Remove { reason: String, rule: String },
}

#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) text: String,
    pub(super) lineno: usize,
    pub(super) state: State,
    /// Set once the rule table matched (so later heuristics do not relabel it).
    pub(super) words: usize,
}

impl Line {
    pub(super) fn kept(&self) -> bool {
        self.state == State::Keep
    }
    pub(super) fn remove(&mut self, reason: &str, rule: impl Into<String>) {
        if self.kept() {
            self.state = State::Remove {
                reason: reason.to_string(),
                rule: rule.into(),
            };
        }
    }
}

/// The non-empty lines of a normalised text, all kept, numbered from 1 in the text.
pub(super) fn split(text: &str) -> Vec<Line> {
    text.split('\n')
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .map(|(i, l)| Line {
            text: l.to_string(),
            lineno: i + 1,
            state: State::Keep,
            words: count_words(l),
        })
        .collect()
}

pub(super) fn strip_closers(s: &str) -> &str {
    s.trim_end_matches(|c: char| CLOSERS.contains(&c) || c.is_whitespace())
}

/// Does the line end like a sentence (after closing quotes and brackets)?
pub(super) fn ends_sentence(s: &str) -> bool {
    // Trailing symbols (emoji, pictographs, stray marks) do not hide a sentence end before them.
    let s = s.trim_end_matches(|c: char| {
        !(c.is_alphanumeric() || SENTENCE_END.contains(&c) || CLOSERS.contains(&c))
            || c.is_whitespace()
    });
    strip_closers(s).ends_with(SENTENCE_END)
}

/// Does a sentence end inside the line ("… a strike. The union …", "… a strike.[garbage")? The word
/// before the mark must have four letters or more, so that "U.S. officials" does not count.
pub(super) fn has_inner_sentence_end(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    for i in 1..chars.len().saturating_sub(1) {
        if !SENTENCE_END.contains(&chars[i]) {
            continue;
        }
        let word = chars[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .count();
        let next = chars[i + 1];
        let after = chars.get(i + 2).copied().unwrap_or(' ');
        let starts_sentence = next == ' ' && (after.is_uppercase() || "\"“‘(".contains(after));
        let junk = !next.is_alphanumeric()
            && !next.is_whitespace()
            && !CLOSERS.contains(&next)
            && !SENTENCE_END.contains(&next);
        if word >= 4 && (starts_sentence || junk) {
            return true;
        }
    }
    false
}

pub(super) fn is_heading(s: &str, h: &Heuristics) -> bool {
    s.starts_with('#') || (s.ends_with(':') && count_words(s) <= h.short_line_max_words)
}

pub(super) fn is_prose(line: &Line, h: &Heuristics) -> bool {
    line.words >= h.prose_min_words
        && (ends_sentence(&line.text) || has_inner_sentence_end(&line.text))
}

pub(super) fn tokens_lower(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

pub(super) fn norm_key(s: &str) -> String {
    tokens_lower(s.trim_start_matches('#')).join(" ")
}

/// The body (the kept lines joined by blank lines) and the line numbers of the kept lines; the
/// removed lines join `removed`, which ends sorted by line.
pub(super) fn join_kept(lines: &[Line], removed: &mut Vec<Removed>) -> (String, Vec<usize>) {
    let mut body_parts = Vec::new();
    let mut kept = Vec::new();
    for l in lines {
        match &l.state {
            State::Keep => {
                body_parts.push(l.text.as_str());
                kept.push(l.lineno);
            }
            State::Remove { reason, rule } => removed.push(Removed {
                text: l.text.clone(),
                reason: reason.clone(),
                rule: rule.clone(),
                line: l.lineno,
            }),
        }
    }
    removed.sort_by_key(|r| r.line);
    (body_parts.join("\n\n"), kept)
}
