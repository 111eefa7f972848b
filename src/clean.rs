//! Cleaning: from a loaded article to its body, its metadata, and the list of what was removed.
//!
//! *What it does*: strips web page furniture (navigation, sign-up prompts, advertising markers, legal
//! and copyright lines, captions, tag lists, "read more" links, repeated headlines and standfirsts,
//! short lines without sentence punctuation) and finds the publisher, the wire source, the headline,
//! the byline and the publication date. The standfirst is the source's own (an HTML meta
//! description, a JSON or feed summary field, see [`crate::load::standfirst`]), carried through
//! unless it repeats the headline; none is read from the text.
//!
//! *How*: the text is cut into lines (pasted pages hold one paragraph a line; blank lines between
//! them carry no meaning). Each line is tested against the rules of `rubrics/boilerplate.toml`;
//! general heuristics follow: the header before the first prose paragraph holds the headline, byline
//! and date; lines after an end-of-article marker (copyright, "Read more") that are not prose are
//! trailing furniture; exact and near-duplicate blocks keep one copy; short lines without sentence
//! punctuation that are neither headings nor bullets are furniture.
//!
//! *Invariant*: every removed line is kept in `Article::removed` with its reason and rule, so nothing
//! disappears without a trace; cleaning the body again with the metadata found changes nothing.
//!
//! *Limitations*: a paragraph that lost its final punctuation in the paste and has at most
//! `short-line-max-words` words is taken for furniture; a headline that is not set apart (no repeat,
//! no markdown `#`, no metadata) is the first title-like line of the header, which can be a kicker.

use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use regex::Regex;
use std::sync::LazyLock;

use crate::dates;
use crate::model::{Article, Found, RawArticle, Removed, SourceMeta};
use crate::rules::Rules;
use crate::text::count_words;
use crate::text::shapes::is_bullet;

/// Characters that end a sentence, once closing quotes and brackets are stripped.
const SENTENCE_END: &[char] = &['.', '!', '?', '…'];
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '*', '_'];

#[derive(Debug, Clone, PartialEq)]
enum State {
    Keep,
    Remove { reason: String, rule: String },
}

#[derive(Debug, Clone)]
struct Line {
    text: String,
    lineno: usize,
    state: State,
    /// Set once the rule table matched (so later heuristics do not relabel it).
    words: usize,
}

impl Line {
    fn kept(&self) -> bool {
        self.state == State::Keep
    }
    fn remove(&mut self, reason: &str, rule: impl Into<String>) {
        if self.kept() {
            self.state = State::Remove {
                reason: reason.to_string(),
                rule: rule.into(),
            };
        }
    }
}

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

fn strip_closers(s: &str) -> &str {
    s.trim_end_matches(|c: char| CLOSERS.contains(&c) || c.is_whitespace())
}

/// Does the line end like a sentence (after closing quotes and brackets)?
fn ends_sentence(s: &str) -> bool {
    // Trailing symbols (emoji, pictographs, stray marks) do not hide a sentence end before them.
    let s = s.trim_end_matches(|c: char| {
        !(c.is_alphanumeric() || SENTENCE_END.contains(&c) || CLOSERS.contains(&c))
            || c.is_whitespace()
    });
    strip_closers(s).ends_with(SENTENCE_END)
}

/// Does a sentence end inside the line ("… a strike. The union …", "… a strike.[garbage")? The word
/// before the mark must have four letters or more, so that "U.S. officials" does not count.
fn has_inner_sentence_end(s: &str) -> bool {
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

fn is_heading(s: &str, h: &crate::rules::Heuristics) -> bool {
    s.starts_with('#') || (s.ends_with(':') && count_words(s) <= h.short_line_max_words)
}

fn is_prose(line: &Line, h: &crate::rules::Heuristics) -> bool {
    line.words >= h.prose_min_words
        && (ends_sentence(&line.text) || has_inner_sentence_end(&line.text))
}

fn tokens_lower(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

fn norm_key(s: &str) -> String {
    tokens_lower(s.trim_start_matches('#')).join(" ")
}

/// A person's name alone on a line: 2–4 capitalised words (name particles allowed), no digits.
fn is_name_like(s: &str, rules: &Rules) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) || s.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if s.contains([
        ':', ',', ';', '|', '@', '!', '?', '&', '(', ')', '"', '“', '”',
    ]) {
        return false;
    }
    let mut capitalised = 0;
    for w in &words {
        let first = w.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            capitalised += 1;
        } else if !rules.name_particles.iter().any(|p| p == w) {
            return false;
        }
    }
    capitalised >= 2
}

fn is_title_like(line: &Line, rules: &Rules) -> bool {
    let h = &rules.heuristics;
    let text = line.text.trim_start_matches('#').trim();
    let words = count_words(text);
    words >= h.headline_min_words
        && words <= h.headline_max_words
        && !strip_closers(text).ends_with('.')
        && !ends_sentence(text)
        && !has_inner_sentence_end(text)
        && !text.ends_with(':')
        && !is_bullet(text)
        && !is_name_like(text, rules)
        && !dates::is_date_line(text)
        && by_line(text).is_none()
        && text.chars().any(|c| c.is_alphabetic())
}

/// Split a headline repeated with a site-name suffix: "Headline - Site Name" → "Site Name".
fn title_suffix<'a>(line: &'a str, headline: &str) -> Option<&'a str> {
    let key = norm_key(headline);
    for sep in [" - ", " – ", " — ", " | ", " :: ", " · "] {
        if let Some(pos) = line.rfind(sep) {
            let (head, tail) = (&line[..pos], line[pos + sep.len()..].trim());
            if norm_key(head) == key && !tail.is_empty() && count_words(tail) <= 6 {
                return Some(tail);
            }
        }
    }
    None
}

/// The company behind a copyright or trademark line, without years, legal suffixes and boilerplate.
fn holder_name(line: &str, rules: &Rules) -> Option<String> {
    static TRADEMARK_OF: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)trademarks? of\s+(.+?)\.?\s*$").expect("valid regex"));
    static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:[0-9]{4}(?:\s*[-–]\s*[0-9]{4})?\s*,?\s*)?(.*?)\s*(?:[.,]?\s*all rights reserved\.?)?\s*$")
            .expect("valid regex")
    });
    let raw = if let Some(c) = TRADEMARK_OF.captures(line) {
        // "X and Y are trademarks of Z. W is a trademark of Z." → the first holder.
        c.get(1)?.as_str().split(". ").next()?.to_string()
    } else {
        COPYRIGHT.captures(line)?.get(1)?.as_str().to_string()
    };
    let mut words: Vec<&str> = raw
        .trim()
        .trim_end_matches('.')
        .split_whitespace()
        .collect();
    while let Some(last) = words.last() {
        let bare = last.trim_end_matches(',').to_lowercase();
        if rules.legal_suffixes.contains(&bare) {
            words.pop();
        } else {
            break;
        }
    }
    let name = words
        .join(" ")
        .trim_end_matches([',', '.'])
        .trim()
        .to_string();
    (count_words(&name) >= 1 && count_words(&name) <= 6 && name.chars().any(|c| c.is_alphabetic()))
        .then_some(name)
}

/// The name in a "Source: X" / "Courtesy/Source: X" line.
fn source_credit_name(line: &str) -> Option<String> {
    static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:(?:courtesy\s*/\s*)?source|courtesy(?: of)?|via|originally published (?:by|in|at|on))\s*:?\s*(.+?)\.?$")
            .expect("valid regex")
    });
    Some(SOURCE.captures(line)?.get(1)?.as_str().trim().to_string()).filter(|s| !s.is_empty())
}

/// A dateline credit at the start of wire copy: "WASHINGTON (Reuters) -", "PARIS (AFP) —": a
/// capital letter, then letters, spaces and `.,'’-` up to the first "(", letters and spaces up to
/// ")", and a dash. Written out rather than as the regular expression
/// `^\p{Lu}[\p{L} .,'’-]*?\(([\p{L} ]+)\)\s*[-–—]` (its Unicode classes took milliseconds to compile
/// at every start); a test compares the two.
fn dateline_credit(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    if !first.is_uppercase() {
        return None;
    }
    let open = line.find('(')?;
    if open < first.len_utf8()
        || !line[first.len_utf8()..open]
            .chars()
            .all(|c| c.is_alphabetic() || " .,'’-".contains(c))
    {
        return None;
    }
    let close = open + line[open..].find(')')?;
    let credit = &line[open + 1..close];
    if credit.is_empty() || !credit.chars().all(|c| c.is_alphabetic() || c == ' ') {
        return None;
    }
    if !line[close + 1..].trim_start().starts_with(['-', '–', '—']) {
        return None;
    }
    (open < 64 && (2..=40).contains(&credit.chars().count())).then_some(credit)
}

/// "By Jane Doe" / "By Jane Doe, Reuters" → ("Jane Doe", Some("Reuters")).
fn by_line(line: &str) -> Option<(String, Option<String>)> {
    static BY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?i:by)\s+(\p{Lu}[^|]*?)\s*$").expect("valid regex"));
    let name = BY.captures(line)?.get(1)?.as_str();
    if name.chars().count() > 81
        || count_words(name) > 12
        || ends_sentence(name) && count_words(name) > 6
    {
        return None;
    }
    let mut parts = name.splitn(2, [',', '|']);
    let person = parts.next()?.trim().to_string();
    let rest = parts
        .next()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    Some((person, rest))
}

/// Tidy a byline: drop a leading "By", cut at the first stop word (page widgets, dates), drop a
/// repeat of the same name after ";" or ",", and refuse form labels ("Username"). `None` if nothing
/// name-like is left.
fn tidy_byline(byline: &str, rules: &Rules) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for part in byline.split(';') {
        let mut words: Vec<&str> = part.split_whitespace().collect();
        if words.first().is_some_and(|w| w.eq_ignore_ascii_case("by")) {
            words.remove(0);
        }
        if let Some(cut) = words.iter().skip(1).position(|w| {
            rules.byline_stop_words.contains(
                &w.trim_matches(|c: char| c == ',' || c == '|')
                    .to_lowercase(),
            )
        }) {
            words.truncate(cut + 1);
        }
        let name = words
            .join(" ")
            .trim_matches(|c: char| c == ',' || c == '|' || c.is_whitespace())
            .to_string();
        let lower = name.to_lowercase();
        if name.is_empty() || rules.byline_placeholders.contains(&lower) {
            continue;
        }
        if !parts.iter().any(|p| p.to_lowercase() == lower) {
            parts.push(name);
        }
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

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
fn furniture(
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

/// Candidates for a metadata field, with a priority (lower wins) and where they came from.
#[derive(Default)]
struct Candidates {
    items: Vec<(u8, usize, Found)>,
}

impl Candidates {
    fn add(&mut self, priority: u8, order: usize, value: impl Into<String>, from: &str) {
        let value = value.into();
        if !value.trim().is_empty() {
            self.items.push((
                priority,
                order,
                Found {
                    value: value.trim().to_string(),
                    from: from.to_string(),
                },
            ));
        }
    }
    fn best(mut self) -> Option<Found> {
        self.items.sort_by_key(|(p, o, _)| (*p, *o));
        self.items.into_iter().next().map(|(_, _, f)| f)
    }
}

/// Most passes cleaning may take to reach its fixpoint (see [`clean`]); real pages settle in one.
const MAX_PASSES: usize = 4;

/// Clean a loaded article: see the module documentation.
///
/// Cleaning is the fixpoint of one cleaning pass. A pass decides some things from a window (the
/// header is the first few kept lines before the prose), and removing furniture can bring a line
/// into that window that the first pass did not see there; so the body is cleaned again, with the
/// metadata found, until nothing changes. Lines removed by a later pass are reported with their line
/// number in the loaded text, like the others.
pub fn clean(raw: RawArticle, rules: &Rules) -> Article {
    let template = RawArticle {
        text: String::new(),
        removed: Vec::new(),
        ..raw.clone()
    };
    let (mut article, mut kept) = clean_pass(raw, rules);
    for _ in 1..MAX_PASSES {
        let again = RawArticle {
            text: article.body.clone(),
            meta: SourceMeta {
                title: article.headline.clone(),
                standfirst: article.standfirst.clone(),
                publisher: article.publisher.as_ref().map(|p| p.value.clone()),
                author: article.byline.clone(),
                published: article.published.clone(),
                url: article.url.clone(),
                encoding: article.encoding.clone(),
            },
            ..template.clone()
        };
        let (next, next_kept) = clean_pass(again, rules);
        if next.body == article.body {
            break;
        }
        // The body's lines are the kept lines joined by blank lines: line 2k+1 of the body is
        // the k-th kept line of the previous pass.
        let original = |line: usize| {
            kept.get(line.saturating_sub(1) / 2)
                .copied()
                .unwrap_or(line)
        };
        article
            .removed
            .extend(next.removed.into_iter().map(|r| Removed {
                line: original(r.line),
                ..r
            }));
        article.removed.sort_by_key(|r| r.line);
        kept = next_kept.into_iter().map(original).collect();
        article.body = next.body;
        article.headline = article.headline.or(next.headline);
        article.byline = article.byline.or(next.byline);
        article.published = article.published.or(next.published);
        article.publisher = article.publisher.or(next.publisher);
        article.original_source = article.original_source.or(next.original_source);
    }
    article
}

/// One cleaning pass; also returns the line numbers of the kept lines.
fn clean_pass(raw: RawArticle, rules: &Rules) -> (Article, Vec<usize>) {
    let h = &rules.heuristics;
    let text = normalise(&raw.text);
    let mut lines: Vec<Line> = text
        .split('\n')
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .map(|(i, l)| Line {
            text: l.to_string(),
            lineno: i + 1,
            state: State::Keep,
            words: count_words(l),
        })
        .collect();
    let mut removed: Vec<Removed> = raw.removed.clone();
    removed.extend(invisible_characters(&raw.text));
    let mut dates_found: Vec<(u8, usize, String)> = Vec::new();

    // 1. A date stamp glued to a line ("Tue Feb 03 09:13:00 UTC 2026: # Title").
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

    // 2. The rule table. Credit lines (copyright, trademark, source) are read after the loop, once
    //    it is known whether they close the article or sit under a photo in the middle of it.
    let mut end_of_article: Option<usize> = None;
    let mut seen_prose = false;
    let mut publisher = Candidates::default();
    let mut wire = Candidates::default();
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
    // The last prose paragraph that is not a repeat of an earlier one (pages repeat their lead in
    // the footer, after the copyright line).
    let last_prose = {
        let mut seen = FxHashSet::default();
        let mut last = None;
        for (i, l) in lines.iter().enumerate() {
            let fresh = seen.insert(norm_key(&l.text));
            if fresh && l.kept() && is_prose(l, h) {
                last = Some(i);
            }
        }
        last
    };
    // A credit in the middle of the article (a "© Agency" under a photo) names neither the
    // publisher nor a wire source: only the credits after the last prose paragraph do.
    for (i, rule) in credits {
        if last_prose.is_some_and(|p| i < p) {
            continue;
        }
        let text = &lines[i].text;
        if rule == "source-credit" {
            if let Some(name) = source_credit_name(text) {
                match rules.wire_named(&name) {
                    Some(w) => wire.add(1, i, &w.name, "source_line"),
                    None => publisher.add(2, i, name, "source_line"),
                }
            }
        } else if let Some(w) = rules.wire_in(text) {
            wire.add(2, i, &w.name, "copyright_line");
        } else if let Some(name) = holder_name(text, rules) {
            publisher.add(4, i, name, "copyright_line");
        }
    }

    // 3. Trailing furniture: after the end-of-article marker and after the last prose paragraph
    //    (an inline "Read more" mid-article must not take the bullets and quotes after it).
    if let Some(end) = end_of_article {
        let start = end.max(last_prose.unwrap_or(0));
        for (i, line) in lines.iter_mut().enumerate().skip(start + 1) {
            if line.kept() && !is_prose(line, h) {
                let (reason, rule) = furniture(line, i, &mut publisher, &mut dates_found)
                    .unwrap_or(("trailing_matter", "after-end-of-article"));
                line.remove(reason, rule);
            }
        }
    }

    // 4. The header: kept lines before the first prose paragraph.
    let first_prose = lines
        .iter()
        .position(|l| l.kept() && is_prose(l, h))
        .unwrap_or(lines.len());
    let header: Vec<usize> = (0..first_prose)
        .filter(|&i| lines[i].kept())
        .take(h.header_max_lines)
        .collect();
    for &i in &header {
        if dates::is_date_line(&lines[i].text) {
            if let Some(iso) = dates::parse_date(&lines[i].text) {
                dates_found.push((2, lines[i].lineno, iso));
            }
            lines[i].remove("date_line", "date-line");
        }
    }

    // Headline: the source's own title, else the best title-like header line.
    let mut counts: HashMap<String, usize> = HashMap::default();
    for l in &lines {
        *counts.entry(norm_key(&l.text)).or_default() += 1;
    }
    let headline: Option<String> = raw.meta.title.clone().or_else(|| {
        let mut best: Option<(u8, usize)> = None;
        for &i in &header {
            let l = &lines[i];
            if !l.kept() || !is_title_like(l, rules) {
                continue;
            }
            let key = norm_key(&l.text);
            let repeated = counts.get(&key).copied().unwrap_or(0) > 1
                || lines
                    .iter()
                    .any(|o| o.lineno != l.lineno && title_suffix(&o.text, &l.text).is_some());
            let score =
                1 + if repeated { 2 } else { 0 } + if l.text.starts_with('#') { 2 } else { 0 };
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, i));
            }
        }
        best.map(|(_, i)| lines[i].text.trim_start_matches('#').trim().to_string())
    });
    let mut headline_index = None;
    if let Some(hl) = &headline {
        let key = norm_key(hl);
        let mut first = true;
        for (i, l) in lines.iter_mut().enumerate() {
            if !l.kept() {
                continue;
            }
            // A prose paragraph that repeats a title (an RSS item whose description is its
            // title) is body text, not a repeated headline.
            if raw.meta.title.is_some() && is_prose(l, h) {
                continue;
            }
            if norm_key(&l.text) == key {
                if first && raw.meta.title.is_none() {
                    headline_index = Some(i);
                    l.remove("headline", "headline");
                } else {
                    l.remove("repeated_headline", "repeated-headline");
                }
                first = false;
            } else if let Some(site) = title_suffix(&l.text, hl) {
                publisher.add(3, i, site, "title_suffix");
                l.remove("repeated_headline", "repeated-headline");
            }
        }
    }

    // Byline: a "By …" line in the header, else a name alone on a line next to the headline.
    let mut byline: Option<String> = raw
        .meta
        .author
        .as_deref()
        .and_then(|b| tidy_byline(b, rules));
    if byline.is_none() {
        for &i in &header {
            if let Some((person, rest)) = lines[i].kept().then(|| by_line(&lines[i].text)).flatten()
            {
                if let Some(w) = rest.as_deref().and_then(|r| rules.wire_named(r)) {
                    wire.add(1, i, &w.name, "byline");
                }
                byline = Some(person);
                lines[i].remove("byline", "byline");
                break;
            }
        }
    }
    if byline.is_none() {
        if let Some(hi) = headline_index {
            let kept_near = |range: Vec<usize>| {
                range
                    .into_iter()
                    .filter(|&j| {
                        lines[j].kept()
                            || lines[j].state
                                == State::Remove {
                                    reason: "date_line".into(),
                                    rule: "date-line".into(),
                                }
                    })
                    .take(3)
                    .find(|&j| lines[j].kept() && is_name_like(&lines[j].text, rules))
            };
            let after = kept_near(((hi + 1)..first_prose.min(lines.len())).collect());
            let before = || kept_near((0..hi).rev().collect());
            if let Some(j) = after.or_else(before) {
                byline = Some(lines[j].text.clone());
                lines[j].remove("byline", "byline");
            }
        }
    }
    let byline = byline.and_then(|b| tidy_byline(&b, rules));
    if let Some(b) = &byline {
        let key = norm_key(b);
        for l in lines.iter_mut() {
            if l.kept() && norm_key(&l.text) == key {
                l.remove("byline", "byline");
            }
        }
    }

    // Wire copy named in a dateline of the first prose paragraph.
    if let Some(l) = lines.get(first_prose) {
        if let Some(w) = dateline_credit(&l.text).and_then(|c| rules.wire_named(c)) {
            wire.add(0, first_prose, &w.name, "dateline");
        }
    }

    // 5. Repeated blocks: exact repeats keep the first copy; near-duplicates keep the longer one.
    let page_heuristics = h.page_heuristics_for.contains(&raw.format);
    if page_heuristics {
        remove_repeats(&mut lines, rules, "repeated_block");
    }

    // 6. Short lines without sentence punctuation, and mastheads.
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
            let (reason, rule) = furniture(l, i, &mut publisher, &mut dates_found)
                .unwrap_or(("short_line", "short-line"));
            l.remove(reason, rule);
        }
    }

    // Metadata from the source itself wins.
    if let Some(p) = &raw.meta.publisher {
        publisher.add(0, 0, p.clone(), "metadata");
    }
    let publisher = publisher.best();
    let original_source = wire.best().filter(|w| {
        publisher.as_ref().is_none_or(|p| {
            rules
                .wire_named(&p.value)
                .is_none_or(|pw| pw.name != w.value)
        })
    });
    // The source's own date when it parses; else the dates found in the text.
    dates_found.sort_by_key(|(p, l, _)| (*p, *l));
    let published = raw
        .meta
        .published
        .as_deref()
        .and_then(dates::parse_date)
        .or_else(|| dates_found.into_iter().next().map(|(_, _, iso)| iso));

    let mut body_parts = Vec::new();
    let mut kept = Vec::new();
    for l in &lines {
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
    // The standfirst is the source's own (never read from the text); one that only repeats the
    // headline is none.
    let standfirst = raw.meta.standfirst.clone().filter(|s| {
        headline
            .as_deref()
            .is_none_or(|h| !crate::load::standfirst::same_text(s, h))
    });
    let article = Article {
        id: raw.id,
        path: raw.path,
        format: raw.format,
        publisher,
        original_source,
        headline,
        standfirst,
        byline,
        published,
        url: raw.meta.url,
        encoding: raw.meta.encoding,
        body: body_parts.join("\n\n"),
        removed,
    };
    (article, kept)
}

/// Exact repeats (same words) keep their first copy. Near-duplicates (the shorter block's words
/// nearly all inside the longer one: a standfirst repeated as the lead, the lead repeated in a
/// footer) keep the longer block. Blocks are compared only when they share a rare word (an inverted
/// index), so long inputs do not cost a comparison of every pair.
fn remove_repeats(lines: &mut [Line], rules: &Rules, reason: &str) {
    let h = &rules.heuristics;
    let mut seen: FxHashSet<String> = FxHashSet::default();
    for line in lines.iter_mut() {
        if !line.kept() {
            continue;
        }
        let key = norm_key(&line.text);
        if key.is_empty() {
            continue;
        }
        if !seen.insert(key) {
            line.remove(reason, "exact-repeat");
        }
    }
    // Near-duplicates.
    let sets: Vec<Option<std::collections::BTreeSet<String>>> = lines
        .iter()
        .map(|l| {
            (l.kept() && l.words >= h.near_duplicate_min_words)
                .then(|| tokens_lower(&l.text).into_iter().collect())
        })
        .collect();
    let mut df: HashMap<&str, usize> = HashMap::default();
    for s in sets.iter().flatten() {
        for w in s {
            *df.entry(w.as_str()).or_default() += 1;
        }
    }
    // Postings of every word; each block is compared with the blocks that share one of its three
    // rarest words (a near-duplicate shares nearly all its words, so it shares those).
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, s) in sets.iter().enumerate() {
        for w in s.iter().flatten() {
            postings.entry(w.as_str()).or_default().push(i);
        }
    }
    let mut pairs: std::collections::BTreeSet<(usize, usize)> = std::collections::BTreeSet::new();
    for (i, s) in sets.iter().enumerate() {
        let Some(s) = s else { continue };
        let mut rare: Vec<&str> = s.iter().map(|w| w.as_str()).collect();
        rare.sort_by_key(|w| (df[w], *w));
        for w in rare.into_iter().take(3) {
            let ids = &postings[w];
            if ids.len() > 50 {
                continue;
            }
            for &j in ids {
                if j != i {
                    pairs.insert((i.min(j), i.max(j)));
                }
            }
        }
    }
    for (i, j) in pairs {
        if !lines[i].kept() || !lines[j].kept() {
            continue;
        }
        let (Some(a), Some(b)) = (&sets[i], &sets[j]) else {
            continue;
        };
        let (short, long, short_idx) = if a.len() < b.len() || (a.len() == b.len() && i > j) {
            (a, b, i)
        } else {
            (b, a, j)
        };
        let shared = short.intersection(long).count();
        if shared as f64 >= h.near_duplicate_containment * short.len() as f64 {
            lines[short_idx].remove(reason, "near-duplicate");
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_dateline_check_matches_the_regex_it_replaced() {
        let re = Regex::new(r"^[\p{Lu}][\p{L} .,'’-]*?\(([\p{L} ]+)\)\s*[-–—]").unwrap();
        fn old<'a>(re: &Regex, line: &'a str) -> Option<&'a str> {
            let c = re.captures(line)?;
            let credit = c.get(1)?;
            (credit.start() <= 64 && (2..=40).contains(&credit.as_str().chars().count()))
                .then(|| credit.as_str())
        }
        for line in [
            "WASHINGTON (Reuters) - The talks",
            "PARIS (AFP) — x",
            "QUITO, Ecuador (AP) –",
            "PARIS, Feb 3 (AFP) —",
            "washington (Reuters) -",
            "WASHINGTON (Reuters)",
            "(Reuters) -",
            "WASHINGTON (Reuters)  -",
            "W (R) -",
            "W (Re) -",
            "W () -",
            "W (Reuters 2) -",
            "ÉVIAN (Reuters) —",
            "A (B) (C) -",
            "NEW YORK (Thomson Reuters Foundation) -",
            "",
            "SÃO PAULO’S-EDGE.,  (dpa) -",
            "X(Reuters)-",
            "WASHINGTON (Reuters) x -",
        ] {
            assert_eq!(dateline_credit(line), old(&re, line), "{line:?}");
        }
        let long = format!("{} (Reuters) -", "A".repeat(70));
        assert_eq!(dateline_credit(&long), old(&re, &long));
    }

    use super::*;
    use crate::model::{Format, SourceMeta};

    fn raw(text: &str) -> RawArticle {
        RawArticle {
            id: "t".into(),
            path: "t.txt".into(),
            format: Format::Text,
            text: text.into(),
            meta: SourceMeta::default(),
            removed: vec![],
        }
    }

    fn run(text: &str) -> Article {
        clean(raw(text), &Rules::builtin().unwrap())
    }

    const PROSE_A: &str = "The port authority said on Monday that dock workers had returned to work after a three-week strike.";
    const PROSE_B: &str = "The union said its members accepted a pay rise of 9% over two years, ending the longest stoppage in decades.";

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

    #[test]
    fn furniture_is_removed_with_reasons_and_prose_is_kept() {
        let text = format!(
            "Skip to main content\nLog In\nDock strike ends after three weeks\n\nMarch 4, 2025\n\n{PROSE_A}\n\n{PROSE_B}\n\nRead more\nCookie Policy\nEXAMPLEWIRE\n"
        );
        let a = run(&text);
        assert_eq!(
            a.headline.as_deref(),
            Some("Dock strike ends after three weeks")
        );
        assert_eq!(a.published.as_deref(), Some("2025-03-04"));
        assert_eq!(a.body, format!("{PROSE_A}\n\n{PROSE_B}"));
        let reasons: Vec<&str> = a.removed.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(
            reasons,
            [
                "navigation",
                "sign_up_prompt",
                "headline",
                "date_line",
                "read_more_link",
                "legal",
                "masthead"
            ]
        );
        assert_eq!(
            a.publisher.as_ref().map(|p| p.value.as_str()),
            Some("EXAMPLEWIRE")
        );
    }

    #[test]
    fn wire_copy_and_publisher_come_from_credit_lines_not_photo_credits() {
        let text = format!(
            "Ministers agree on port deal\n\nA crowd outside the port on Monday. – Jane Doe/Reuters\n\n{PROSE_A}\n\n© 2025 Thomson/Reuters. All rights reserved.\n\n© Example Media, Inc.\n"
        );
        let a = run(&text);
        assert_eq!(a.original_source.as_ref().unwrap().value, "Reuters");
        assert_eq!(a.publisher.as_ref().unwrap().value, "Example Media");
        assert!(a.removed.iter().any(|r| r.reason == "caption"));

        // A photo credit alone does not make a text wire copy.
        let a = run(&format!(
            "A crowd outside the port. – Jane Doe/Reuters\n\n{PROSE_A}\n"
        ));
        assert!(a.original_source.is_none());
    }

    #[test]
    fn repeated_headline_with_site_suffix_names_the_publisher() {
        let text = format!(
            "Port strike ends after three weeks\n\nPort strike ends after three weeks\n\nJane Q Doe\n\n{PROSE_A}\n\nPort strike ends after three weeks - The Example Voice\n"
        );
        let a = run(&text);
        assert_eq!(
            a.headline.as_deref(),
            Some("Port strike ends after three weeks")
        );
        assert_eq!(a.byline.as_deref(), Some("Jane Q Doe"));
        assert_eq!(a.publisher.unwrap().value, "The Example Voice");
        assert_eq!(a.body, PROSE_A);
    }

    #[test]
    fn a_headline_pushed_out_of_the_header_by_furniture_is_found_on_a_later_pass() {
        // More furniture lines than the header window holds, then a title-like line and no prose:
        // the first pass cannot see the title in the header; once the furniture is gone it can.
        let window = Rules::builtin().unwrap().heuristics.header_max_lines;
        let pad: String = (0..window + 2).map(|i| format!("Tab {i}\n")).collect();
        let text = format!("{pad}Port strike ends after three weeks at the docks\n");
        let a = run(&text);
        assert_eq!(
            a.headline.as_deref(),
            Some("Port strike ends after three weeks at the docks")
        );
        assert_eq!(a.body, "");
        let headline = a.removed.iter().find(|r| r.reason == "headline").unwrap();
        assert_eq!(headline.line, window + 3);
        // Cleaning what is left changes nothing.
        let again = run(&a.body);
        assert_eq!(again.body, a.body);
    }

    #[test]
    fn a_standfirst_repeated_in_the_lead_is_removed_and_the_lead_kept() {
        let standfirst = "Dock workers returned to work on Monday after a three-week strike, the port authority said.";
        let lead = "Dock workers returned to work on Monday after a three-week strike that left ships waiting offshore, the port authority said.";
        let a = run(&format!("{standfirst}\n\n{lead}\n\n{PROSE_B}\n"));
        assert_eq!(a.body, format!("{lead}\n\n{PROSE_B}"));
        assert_eq!(a.removed[0].reason, "repeated_block");
    }

    #[test]
    fn prose_after_an_inline_read_more_is_kept() {
        let a = run(&format!(
            "{PROSE_A}\n\nRead more: Strike talks stall\n\n{PROSE_B}\n"
        ));
        assert_eq!(a.body, format!("{PROSE_A}\n\n{PROSE_B}"));
    }

    #[test]
    fn source_lines_and_datelines_credit_their_names() {
        let a = run(&format!(
            "{PROSE_A}\n\nCourtesy/Source: The Example Times\n"
        ));
        assert_eq!(a.publisher.unwrap().value, "The Example Times");
        let a = run("LISBON (Reuters) - The port authority said on Monday that dock workers had returned to work.\n");
        assert_eq!(a.original_source.unwrap().value, "Reuters");
        let a = run(&format!("By Ana Lima, Associated Press\n\n{PROSE_A}\n"));
        assert_eq!(a.byline.as_deref(), Some("Ana Lima"));
        assert_eq!(a.original_source.unwrap().value, "Associated Press");
    }

    #[test]
    fn bylines_lose_widgets_dates_repeats_and_placeholders() {
        let rules = Rules::builtin().unwrap();
        let t = |s: &str| tidy_byline(s, &rules);
        assert_eq!(t("Jane Doe SHARE SHARE TWEET").as_deref(), Some("Jane Doe"));
        assert_eq!(t("By Jane Doe March 25, 2015").as_deref(), Some("Jane Doe"));
        assert_eq!(t("Jane Doe; JANE DOE").as_deref(), Some("Jane Doe"));
        assert_eq!(
            t("Jane Doe; John Roe").as_deref(),
            Some("Jane Doe; John Roe")
        );
        assert_eq!(t("April Ryan").as_deref(), Some("April Ryan"));
        assert_eq!(t("Username"), None);
    }

    #[test]
    fn prose_with_trailing_symbols_or_garbage_is_not_taken_for_a_headline() {
        let a = run(&format!(
            "{PROSE_A} 🚢🚢 ⚓\n\n{}\n",
            PROSE_A.replace("strike", "strike 🔥")
        ));
        assert!(a.headline.is_none(), "{:?}", a.headline);
        assert!(a.body.contains("dock workers"), "{:?}", a.removed);
        let a = run(&format!("{PROSE_A}\u{1b}[31m red\n"));
        assert!(
            a.headline.is_none() && a.body.contains("dock workers"),
            "{:?}",
            a.removed
        );
        // A headline with an abbreviation is still a headline.
        let a = run(&format!("U.S. Ports Reopen After Strike\n\n{PROSE_A}\n"));
        assert_eq!(
            a.headline.as_deref(),
            Some("U.S. Ports Reopen After Strike")
        );
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

    #[test]
    fn a_photo_credit_mid_article_is_not_a_wire_or_publisher_credit() {
        let a = run(&format!("{PROSE_A}\n\n© Reuters\n\n{PROSE_B}\n"));
        assert!(
            a.original_source.is_none() && a.publisher.is_none(),
            "{:?} {:?}",
            a.original_source,
            a.publisher
        );
    }

    #[test]
    fn a_description_equal_to_its_title_is_body_text() {
        let mut r = raw("Storm kills 12 in Texas, officials say, as rivers rise across the state.");
        r.meta.title =
            Some("Storm kills 12 in Texas, officials say, as rivers rise across the state.".into());
        r.meta.published = Some("not a date".into());
        let a = clean(r, &Rules::builtin().unwrap());
        assert!(a.body.contains("Storm kills 12"), "{:?}", a.removed);
        assert!(a.published.is_none());
    }

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

    #[test]
    fn metadata_from_the_source_wins_and_unknown_stays_unknown() {
        let mut r = raw(PROSE_A);
        r.meta.publisher = Some("Meta Site".into());
        r.meta.published = Some("2026-02-03T10:00:00Z".into());
        let a = clean(r, &Rules::builtin().unwrap());
        assert_eq!(a.publisher.unwrap().from, "metadata");
        assert_eq!(a.published.as_deref(), Some("2026-02-03T10:00:00Z"));
        let a = run(PROSE_A);
        assert!(
            a.publisher.is_none()
                && a.published.is_none()
                && a.headline.is_none()
                && a.byline.is_none()
                && a.standfirst.is_none()
        );
    }

    #[test]
    fn the_source_standfirst_is_carried_through_unless_it_repeats_the_headline() {
        let sf = "Ships queue offshore as the union votes to return.";
        let mut r = raw(&format!("{PROSE_A}\n\n{PROSE_B}\n"));
        r.meta.title = Some("Port strike ends".into());
        r.meta.standfirst = Some(sf.into());
        let a = clean(r.clone(), &Rules::builtin().unwrap());
        assert_eq!(a.standfirst.as_deref(), Some(sf));
        assert_eq!(
            a.body,
            format!("{PROSE_A}\n\n{PROSE_B}"),
            "the body is untouched"
        );
        // The headline cleaning finds (no title in the metadata) counts too.
        r.meta.title = None;
        r.meta.standfirst = Some("port STRIKE  ends".into());
        r.text = format!("# Port strike ends\n\n{PROSE_A}\n\n{PROSE_B}\n");
        let a = clean(r, &Rules::builtin().unwrap());
        assert_eq!(a.headline.as_deref(), Some("Port strike ends"));
        assert_eq!(a.standfirst, None);
    }
}
