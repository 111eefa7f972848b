//! Shapes of lines and patterns: bullet items, and regular expressions with ASCII word boundaries.
//!
//! *What*: [`is_bullet`] (a line that is a list item, read by cleaning and segmentation) and
//! [`ascii_word_boundaries`] (the project's patterns and the rules in `rubrics/` compiled with
//! ASCII `\b`). *Not*: headings or prose (cleaning decides those with its rules).

use std::sync::LazyLock;

use regex::Regex;

/// A pattern with every `\b` made an ASCII word boundary, `(?-u:\b)`.
///
/// A Unicode `\b` stops the regex crate's fast (lazy DFA) engine on any text holding a non-ASCII
/// character (curly quotes, dashes: nearly every news page), which then falls back to a slower
/// engine; an ASCII boundary does not. The two differ only beside a non-ASCII letter or digit
/// ("é", "ß"), so the project's patterns and the rules in `rubrics/` put `\b` beside ASCII words
/// only. `\\b` (an escaped backslash before "b") and `\b{…}` are left as they are.
///
/// ```
/// assert_eq!(corroborate::text::shapes::ascii_word_boundaries(r"\bapp\b"), r"(?-u:\b)app(?-u:\b)");
/// assert_eq!(corroborate::text::shapes::ascii_word_boundaries(r"a\\b\b{start}"), r"a\\b\b{start}");
/// ```
pub fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') if chars.peek() != Some(&'{') => out.push_str(r"(?-u:\b)"),
            Some(n) => {
                out.push('\\');
                out.push(n);
            }
            None => out.push('\\'),
        }
    }
    out
}

static BULLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[•◦▪▫‣∙·●○■□\-*–—+]|[0-9]{1,3}[.)])\s+\S").expect("valid bullet regex")
});

/// A bullet item: "• text", "- text", "1. text".
pub fn is_bullet(s: &str) -> bool {
    BULLET.is_match(s)
}
