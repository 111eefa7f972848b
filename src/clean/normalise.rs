//! Normalisation: the text as rules and comparisons see it.
//!
//! *What it does*: drops a leading byte-order mark, turns CRLF and CR into LF, Unicode spaces and
//! tabs into one space, drops zero-width and control characters (listing them as one removed
//! block), trims lines; and splits a date stamp glued to the start of a line off it.
//!
//! *What it does not*: remove whole lines (the later passes do) or read any other metadata.

use super::lines::Line;
use crate::dates;
use crate::model::Removed;
use crate::rules::Heuristics;
use crate::text::count_words;

/// Characters that [`normalise`] drops without a trace in the text: zero-width characters, the
/// soft hyphen, and control characters other than line ends and tabs (a byte-order mark in the
/// middle of a text too; one at the very start only says how the file was encoded).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
    ) || (c.is_control() && !c.is_whitespace())
}

/// What [`normalise`] drops from a text, as one removed block: the code points and how often each
/// occurs ("U+200B ×3, U+0007 ×1"), with the line of the first. `None` when nothing is dropped.
/// Nothing is removed silently: the report lists this with the other removed blocks.
pub fn invisible_characters(text: &str) -> Option<Removed> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut counts: std::collections::BTreeMap<char, usize> = std::collections::BTreeMap::new();
    let mut first_line = None;
    let mut line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                line += 1;
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => line += 1,
            c if is_invisible(c) => {
                *counts.entry(c).or_default() += 1;
                first_line.get_or_insert(line);
            }
            _ => {}
        }
    }
    let line = first_line?;
    let text = counts
        .iter()
        .map(|(c, n)| format!("U+{:04X} ×{n}", *c as u32))
        .collect::<Vec<_>>()
        .join(", ");
    Some(Removed {
        text,
        reason: "invisible_characters".into(),
        rule: "normalise".into(),
        line,
    })
}

/// Normalise whitespace and invisible characters so that rules and comparisons see clean text:
/// CRLF and CR become LF, tabs and Unicode spaces become one space, control and zero-width
/// characters go (listed by [`invisible_characters`]), runs of spaces collapse, and lines are
/// trimmed.
pub fn normalise(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut line = String::new();
    let flush = |line: &mut String, out: &mut String| {
        let collapsed = line.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push_str(&collapsed);
        line.clear();
    };
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                flush(&mut line, &mut out);
                out.push('\n');
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => {
                flush(&mut line, &mut out);
                out.push('\n');
            }
            c if is_invisible(c) => {}
            c if c.is_whitespace() => line.push(' '),
            c if c.is_control() => {}
            c => line.push(c),
        }
    }
    flush(&mut line, &mut out);
    out
}

/// A date stamp glued to a line ("Tue Feb 03 09:13:00 UTC 2026: # Title") is split off: the stamp
/// is removed as a date line and its date recorded (with a higher priority in the header), the rest
/// of the line is kept.
pub(super) fn split_date_stamps(
    lines: &mut [Line],
    h: &Heuristics,
    removed: &mut Vec<Removed>,
    dates_found: &mut Vec<(u8, usize, String)>,
) {
    for (i, line) in lines.iter_mut().enumerate() {
        if let Some((iso, range)) = dates::find_date(&line.text) {
            let rest = line.text[range.end..].trim_start();
            if range.start == 0 && (rest.starts_with(':') || rest.starts_with('|')) {
                let rest = rest[1..].trim().to_string();
                if !rest.is_empty() {
                    removed.push(Removed {
                        text: line.text[..range.end].to_string(),
                        reason: "date_line".into(),
                        rule: "date-stamp".into(),
                        line: line.lineno,
                    });
                    dates_found.push((
                        if i < h.header_max_lines { 1 } else { 3 },
                        line.lineno,
                        iso,
                    ));
                    line.words = count_words(&rest);
                    line.text = rest;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::test_support::{run, PROSE_A, PROSE_B};

    #[test]
    fn normalise_handles_line_ends_spaces_and_invisible_characters() {
        assert_eq!(normalise("a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(normalise("  x \t\u{a0} y\u{200b}z  "), "x yz");
        assert_eq!(normalise("\u{feff}a\u{7}b"), "ab");
    }

    #[test]
    fn dropped_invisible_characters_are_listed_with_their_line() {
        let r = invisible_characters("ok\r\nx\u{200b}y\u{200b}\nz\u{7}").expect("a record");
        assert_eq!(r.text, "U+0007 ×1, U+200B ×2");
        assert_eq!((r.reason.as_str(), r.line), ("invisible_characters", 2));
        // A byte-order mark at the start, tabs, no-break spaces and line ends are not dropped text.
        assert!(invisible_characters("\u{feff}a\tb\u{a0}c\r\n").is_none());
        // Cleaning lists them once, however many passes it takes.
        let a = run(&format!("{PROSE_A}\u{ad}\n\n{PROSE_B}\n"));
        let listed: Vec<&Removed> = a
            .removed
            .iter()
            .filter(|r| r.reason == "invisible_characters")
            .collect();
        assert_eq!(listed.len(), 1, "{:?}", a.removed);
        assert_eq!(listed[0].text, "U+00AD ×1");
    }
}
