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
//!
//! *Layout*: [`clean`] here runs the passes, one file each: `normalise` (the text and date stamps),
//! `table` (the rule table), `trailing` (after the end of the article), `header` (headline, byline,
//! dates), `repeats`, `furniture` (short lines) and `metadata` (candidates and the final choice);
//! `lines` holds the line type and how lines read.

mod furniture;
mod header;
mod lines;
mod metadata;
mod normalise;
mod repeats;
mod table;
mod trailing;

pub use normalise::{invisible_characters, normalise};

use crate::model::{Article, RawArticle, Removed, SourceMeta};
use crate::rules::Rules;
use metadata::Candidates;

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
    let mut lines = lines::split(&text);
    let mut removed: Vec<Removed> = raw.removed.clone();
    removed.extend(invisible_characters(&raw.text));
    let mut dates_found: Vec<(u8, usize, String)> = Vec::new();
    let mut publisher = Candidates::default();
    let mut wire = Candidates::default();

    // 1. A date stamp glued to a line ("Tue Feb 03 09:13:00 UTC 2026: # Title").
    normalise::split_date_stamps(&mut lines, h, &mut removed, &mut dates_found);

    // 2. The rule table. Credit lines (copyright, trademark, source) are read after the loop, once
    //    it is known whether they close the article or sit under a photo in the middle of it.
    let (end_of_article, credits) = table::apply(&mut lines, rules);
    let last_prose = trailing::last_prose(&lines, h);
    metadata::read_credits(
        &lines,
        credits,
        last_prose,
        rules,
        &mut publisher,
        &mut wire,
    );

    // 3. Trailing furniture: after the end-of-article marker and after the last prose paragraph
    //    (an inline "Read more" mid-article must not take the bullets and quotes after it).
    trailing::remove_trailing(
        &mut lines,
        end_of_article,
        last_prose,
        h,
        &mut publisher,
        &mut dates_found,
    );

    // 4. The header: kept lines before the first prose paragraph.
    let (headline, byline) = header::read_header(
        &mut lines,
        &raw.meta,
        rules,
        &mut publisher,
        &mut wire,
        &mut dates_found,
    );

    // 5. Repeated blocks: exact repeats keep the first copy; near-duplicates keep the longer one.
    let page_heuristics = h.page_heuristics_for.contains(&raw.format);
    if page_heuristics {
        repeats::remove_repeats(&mut lines, rules, "repeated_block");
    }

    // 6. Short lines without sentence punctuation, and mastheads.
    furniture::remove_short_lines(
        &mut lines,
        h,
        page_heuristics,
        &mut publisher,
        &mut dates_found,
    );

    let found = metadata::choose(
        &raw.meta,
        publisher,
        wire,
        dates_found,
        headline.as_deref(),
        rules,
    );
    let (body, kept) = lines::join_kept(&lines, &mut removed);
    let article = Article {
        id: raw.id,
        path: raw.path,
        format: raw.format,
        publisher: found.publisher,
        original_source: found.original_source,
        headline,
        standfirst: found.standfirst,
        byline,
        published: found.published,
        url: raw.meta.url,
        encoding: raw.meta.encoding,
        body,
        removed,
    };
    (article, kept)
}

/// What the tests of every pass build on: an article from a text, cleaned with the built-in rules.
#[cfg(test)]
mod test_support {
    use super::*;
    use crate::model::Format;

    pub(super) fn raw(text: &str) -> RawArticle {
        RawArticle {
            id: "t".into(),
            path: "t.txt".into(),
            format: Format::Text,
            text: text.into(),
            meta: SourceMeta::default(),
            removed: vec![],
        }
    }

    pub(super) fn run(text: &str) -> Article {
        clean(raw(text), &Rules::builtin().unwrap())
    }

    pub(super) const PROSE_A: &str = "The port authority said on Monday that dock workers had returned to work after a three-week strike.";
    pub(super) const PROSE_B: &str = "The union said its members accepted a pay rise of 9% over two years, ending the longest stoppage in decades.";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::test_support::{run, PROSE_A, PROSE_B};

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
}
