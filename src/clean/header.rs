//! The header: the lines before the first prose paragraph, and what they name.
//!
//! *What it does*: removes date lines in the header (recording their dates), finds the headline
//! (the source's title, else the best title-like header line) and removes it and its repeats (a
//! repeat with a site-name suffix names the publisher), finds the byline (the source's author, a
//! "By …" line, or a name alone next to the headline), and reads a wire credit in the dateline of
//! the first prose paragraph.
//!
//! *What it does not*: choose between metadata candidates (`metadata.rs` does) or read the
//! standfirst from the text (it is the source's own).

use rustc_hash::FxHashMap as HashMap;

use regex::Regex;
use std::sync::LazyLock;

use super::lines::{
    ends_sentence, has_inner_sentence_end, is_prose, norm_key, strip_closers, Line, State,
};
use super::metadata::{dateline_credit, Candidates};
use crate::dates;
use crate::model::SourceMeta;
use crate::rules::Rules;
use crate::text::count_words;
use crate::text::shapes::is_bullet;

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

/// Read the header: remove its date lines, the headline and the byline (and their repeats), and
/// return the headline and the byline. `meta` is the source's own metadata.
pub(super) fn read_header(
    lines: &mut [Line],
    meta: &SourceMeta,
    rules: &Rules,
    publisher: &mut Candidates,
    wire: &mut Candidates,
    dates_found: &mut Vec<(u8, usize, String)>,
) -> (Option<String>, Option<String>) {
    let h = &rules.heuristics;
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
    for l in lines.iter() {
        *counts.entry(norm_key(&l.text)).or_default() += 1;
    }
    let headline: Option<String> = meta.title.clone().or_else(|| {
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
            if meta.title.is_some() && is_prose(l, h) {
                continue;
            }
            if norm_key(&l.text) == key {
                if first && meta.title.is_none() {
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
    let mut byline: Option<String> = meta.author.as_deref().and_then(|b| tidy_byline(b, rules));
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
    (headline, byline)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::clean;
    use crate::clean::test_support::{raw, run, PROSE_A};

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
    fn a_description_equal_to_its_title_is_body_text() {
        let mut r = raw("Storm kills 12 in Texas, officials say, as rivers rise across the state.");
        r.meta.title =
            Some("Storm kills 12 in Texas, officials say, as rivers rise across the state.".into());
        r.meta.published = Some("not a date".into());
        let a = clean(r, &Rules::builtin().unwrap());
        assert!(a.body.contains("Storm kills 12"), "{:?}", a.removed);
        assert!(a.published.is_none());
    }
}
