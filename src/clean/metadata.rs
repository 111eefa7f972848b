//! Metadata by priority: the publisher and the wire source from credits, and the final choice.
//!
//! *What it does*: collects [`Candidates`] for a field (lower priority wins, then the earlier
//! line); reads the names in credit lines (copyright and trademark holders, "Source: X", a wire
//! dateline "PARIS (AFP) —") and the credits after the last prose paragraph; and chooses the
//! publisher, the wire source, the date and the standfirst, the source's own metadata first.
//!
//! *What it does not*: remove lines (the passes do; they add the candidates they find here).

use regex::Regex;
use std::sync::LazyLock;

use super::lines::Line;
use crate::dates;
use crate::model::{Found, SourceMeta};
use crate::rules::Rules;
use crate::text::count_words;

/// Candidates for a metadata field, with a priority (lower wins) and where they came from.
#[derive(Default)]
pub(super) struct Candidates {
    items: Vec<(u8, usize, Found)>,
}

impl Candidates {
    pub(super) fn add(&mut self, priority: u8, order: usize, value: impl Into<String>, from: &str) {
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
    pub(super) fn best(mut self) -> Option<Found> {
        self.items.sort_by_key(|(p, o, _)| (*p, *o));
        self.items.into_iter().next().map(|(_, _, f)| f)
    }
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
pub(super) fn dateline_credit(line: &str) -> Option<&str> {
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

/// Read the credit lines the rule table found (see [`super::table`]).
pub(super) fn read_credits(
    lines: &[Line],
    credits: Vec<(usize, String)>,
    last_prose: Option<usize>,
    rules: &Rules,
    publisher: &mut Candidates,
    wire: &mut Candidates,
) {
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
}

/// The metadata an article ends with.
pub(super) struct Metadata {
    pub(super) publisher: Option<Found>,
    pub(super) original_source: Option<Found>,
    pub(super) published: Option<String>,
    pub(super) standfirst: Option<String>,
}

/// Choose the publisher, the wire source (not the publisher's own wire), the date (the source's
/// own when it parses) and the standfirst.
pub(super) fn choose(
    meta: &SourceMeta,
    mut publisher: Candidates,
    wire: Candidates,
    mut dates_found: Vec<(u8, usize, String)>,
    headline: Option<&str>,
    rules: &Rules,
) -> Metadata {
    // Metadata from the source itself wins.
    if let Some(p) = &meta.publisher {
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
    let published = meta
        .published
        .as_deref()
        .and_then(dates::parse_date)
        .or_else(|| dates_found.into_iter().next().map(|(_, _, iso)| iso));
    // The standfirst is the source's own (never read from the text); one that only repeats the
    // headline is none.
    let standfirst = meta
        .standfirst
        .clone()
        .filter(|s| headline.is_none_or(|h| !crate::load::standfirst::same_text(s, h)));
    Metadata {
        publisher,
        original_source,
        published,
        standfirst,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::clean;
    use crate::clean::test_support::{raw, run, PROSE_A, PROSE_B};

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
