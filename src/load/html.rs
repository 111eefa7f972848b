//! HTML pages: main content and metadata by the `trafilatura` crate, then the same cleaning as text.
//!
//! Why this crate: a maintained Rust port of trafilatura, with no C dependencies and no panics on the
//! 181 pages of the Zyte benchmark, and the best F1 measured here (see CRATES.md in the design notes
//! and `corroborate eval extract`). It also reads title, author, site name and date from meta tags,
//! JSON-LD and OpenGraph, which become the article's [`SourceMeta`].

use std::sync::LazyLock;

use regex::Regex;
use scraper::{node::Node, Html};

use crate::model::{Format, RawArticle, Removed, SourceMeta};

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "hr",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "main",
    "aside",
    "nav",
    "address",
    "details",
    "summary",
    "caption",
    "td",
    "th",
];

/// Where pages state their publication time, most specific first. JSON-LD and the Open Graph /
/// article tags carry a full timestamp; the crate's own date (meta tags, date only) is the fallback.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dcterms.created",
    "date",
];

static META_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<meta(?-u:\b)[^>]*>").expect("valid regex"));
static ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)([a-z][a-z0-9:._-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("valid regex")
});
static JSONLD_PUBLISHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""datePublished"\s*:\s*"([^"]{6,40})""#).expect("valid regex"));

/// The head of a page: its first 256 KiB (only the head matters, and pages can be large).
fn head(html: &str) -> &str {
    let mut end = html.len().min(256 * 1024);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    &html[..end]
}

/// The `<meta>` tags of `head` that have a key (`property`, `name` or `itemprop`, lower-cased)
/// and a `content`, in page order, content as the raw attribute value.
fn meta_tags(head: &str) -> impl Iterator<Item = (String, &str)> {
    META_TAG.find_iter(head).filter_map(|tag| {
        let mut key = None;
        let mut content = None;
        for a in ATTR.captures_iter(tag.as_str()) {
            let name = a[1].to_ascii_lowercase();
            let value = a.get(2).or(a.get(3)).map_or("", |m| m.as_str());
            match name.as_str() {
                "property" | "name" | "itemprop" => key = Some(value.to_ascii_lowercase()),
                "content" => content = Some(value),
                _ => {}
            }
        }
        Some((key?, content?))
    })
}

/// The publication time a page states in its JSON-LD or meta tags, as ISO 8601, if any parses.
pub fn published_from_meta(html: &str) -> Option<String> {
    let head = head(html);
    let mut found: Vec<(usize, String)> = Vec::new();
    if let Some(c) = JSONLD_PUBLISHED.captures(head) {
        if let Some(iso) = crate::dates::parse_date(&c[1]) {
            found.push((0, iso));
        }
    }
    for (k, c) in meta_tags(head) {
        if let Some(rank) = PUBLISHED_KEYS.iter().position(|p| *p == k) {
            if let Some(iso) = crate::dates::parse_date(c) {
                found.push((rank + 1, iso));
            }
        }
    }
    found.sort();
    found.into_iter().next().map(|(_, iso)| iso)
}

/// Where pages state their summary (standfirst, deck), in order of preference.
const STANDFIRST_KEYS: &[&str] = &["og:description", "twitter:description", "description"];

/// The summary a page states in its meta tags, in the order of [`STANDFIRST_KEYS`], as raw
/// attribute values (entities not yet decoded); empty values left out.
pub fn descriptions_from_meta(html: &str) -> Vec<String> {
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    for (i, (k, c)) in meta_tags(head(html)).enumerate() {
        if let Some(rank) = STANDFIRST_KEYS.iter().position(|p| *p == k) {
            if !c.trim().is_empty() {
                found.push((rank, i, c.to_string()));
            }
        }
    }
    found.sort();
    found.into_iter().map(|(_, _, c)| c).collect()
}

/// Elements that never hold content, so never add depth.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag HTML lets pages leave out: counted as never nesting.
const AUTO_CLOSED: &[&str] = &[
    "p", "li", "td", "th", "tr", "dt", "dd", "option", "thead", "tbody", "tfoot", "colgroup",
];

/// The deepest element nesting of a page, by a cheap scan of its tags (comments and void elements
/// skipped; unclosed tags counted as open). Used to refuse pathological pages before extraction,
/// whose recursive tree walks would otherwise exhaust the stack.
pub fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off + 1;
        if bytes[i..].starts_with(b"!--") {
            match html[i..].find("-->") {
                Some(end) => i += end + 3,
                None => break,
            }
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let name_len = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = html[start..start + name_len].to_ascii_lowercase();
        let tag_end = bytes[start..]
            .iter()
            .position(|&b| b == b'>')
            .map(|p| start + p);
        let self_closing = tag_end.is_some_and(|e| e > 0 && bytes[e - 1] == b'/');
        // Script and style bodies are not markup ("a<b" in minified code): jump to their end tag.
        if !closing && (name == "script" || name == "style") {
            let close = format!("</{name}");
            let from = tag_end.unwrap_or(start);
            match find_ascii_ci(&bytes[from..], close.as_bytes()) {
                Some(p) => i = from + p + close.len(),
                None => break,
            }
            continue;
        }
        // Void elements and those whose end tag may be left out (p, li, td, …) never stack up.
        if VOID.contains(&name.as_str()) || AUTO_CLOSED.contains(&name.as_str()) || self_closing {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// The first place `needle` (ASCII, lower case) occurs in `hay`, ignoring ASCII case; linear, and
/// without copying `hay` (lower-casing the rest of the page at every `<script>` was quadratic).
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut at = 0;
    while let Some(p) = hay[at..]
        .iter()
        .position(|&b| b.to_ascii_lowercase() == first)
    {
        let start = at + p;
        if hay.len() - start >= needle.len()
            && hay[start..start + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

/// Turn the extracted content HTML into text with one block a line, so that cleaning and
/// segmentation see the page's paragraphs: headings become `# Heading`, list items `• item`.
/// The walk is iterative, so deeply nested markup cannot overflow the stack.
pub fn blocks_to_text(fragment: &str) -> String {
    let doc = Html::parse_fragment(fragment);
    let mut out = String::with_capacity(fragment.len() / 2);
    let mut line = String::new();
    let mut skip_depth = 0usize;
    let flush = |line: &mut String, out: &mut String| {
        let text = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() && text != "#" && text != "•" {
            out.push_str(&text);
            out.push('\n');
        }
        line.clear();
    };
    for edge in doc.root_element().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if matches!(name, "script" | "style" | "noscript" | "template") {
                        skip_depth += 1;
                    } else if BLOCKS.contains(&name) {
                        flush(&mut line, &mut out);
                        if name.len() == 2
                            && name.starts_with('h')
                            && name.as_bytes()[1].is_ascii_digit()
                        {
                            line.push_str("# ");
                        } else if name == "li" {
                            line.push_str("• ");
                        }
                    }
                }
                Node::Text(t) if skip_depth == 0 => line.push_str(t),
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    let name = e.name();
                    if matches!(name, "script" | "style" | "noscript" | "template") {
                        skip_depth = skip_depth.saturating_sub(1);
                    } else if BLOCKS.contains(&name) {
                        flush(&mut line, &mut out);
                    } else if name == "td" || name == "th" {
                        line.push(' ');
                    }
                }
            }
        }
    }
    flush(&mut line, &mut out);
    out
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// Extract the main content and metadata of an HTML page. Never fails: a page with no recognisable
/// content gives an empty text and a `removed` note saying why, and cleaning then reports it.
pub fn from_html(html: &str, id: &str, path: &str) -> RawArticle {
    let opts = trafilatura::Options::default()
        .with_fallback(true)
        .with_focus(trafilatura::ExtractionFocus::FavorPrecision);
    let mut removed = Vec::new();
    let (text, meta) = match trafilatura::extract(html, &opts) {
        Ok(result) => {
            let m = &result.metadata;
            let title = non_empty(&m.title);
            let meta = SourceMeta {
                title,
                standfirst: None,
                publisher: non_empty(&m.sitename),
                author: non_empty(&m.author),
                published: published_from_meta(html)
                    .or_else(|| m.date.map(|d| d.format("%Y-%m-%d").to_string())),
                url: non_empty(&m.url),
                encoding: None,
            };
            let text = blocks_to_text(&result.content_html);
            // The block walk and the crate's own text hold the same words; fall back on the
            // crate's text if the walk found none (a page whose content is bare text).
            let text = if text.trim().is_empty() {
                result.content_text
            } else {
                text
            };
            (text, meta)
        }
        Err(e) => {
            removed.push(Removed {
                text: String::new(),
                reason: "extraction_failed".into(),
                rule: format!("html: {e}"),
                line: 1,
            });
            (String::new(), SourceMeta::default())
        }
    };
    // The page's summary: the first meta description that is a standfirst (not the title, not an
    // excerpt of the text).
    let title = meta.title.clone();
    let meta = SourceMeta {
        standfirst: descriptions_from_meta(html)
            .iter()
            .find_map(|d| super::standfirst::standfirst(d, title.as_deref(), Some(&text))),
        ..meta
    };
    if html.len() > text.len() {
        removed.push(Removed {
            text: format!(
                "{} bytes of HTML outside the main content (markup, menus, scripts, footers)",
                html.len() - text.len()
            ),
            reason: "outside_main_content".into(),
            rule: "html-main-content".into(),
            line: 1,
        });
    }
    RawArticle {
        id: id.to_string(),
        path: path.to_string(),
        format: Format::Html,
        text,
        meta,
        removed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_content_and_title_are_extracted() {
        let page = r#"<html><head><title>Port strike ends - Example News</title>
<meta property="og:site_name" content="Example News"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Port strike ends</h1>
<p>Dock workers at the country's largest port returned to work on Monday after a three-week strike
that had left hundreds of ships waiting offshore, the port authority said in a statement.</p>
<p>The union said its members had accepted a pay rise of 9% over two years, ending the longest
stoppage at the port in three decades, and that talks on working hours would resume next month.</p>
</article><footer>Copyright Example News</footer></body></html>"#;
        let a = from_html(page, "p", "p.html");
        assert!(a.text.contains("Dock workers"), "{}", a.text);
        assert!(!a.text.contains("Home"), "{}", a.text);
        assert_eq!(a.meta.publisher.as_deref(), Some("Example News"));
        assert!(a
            .meta
            .title
            .as_deref()
            .unwrap_or("")
            .contains("Port strike ends"));
    }

    const STRIKE_BODY: &str = r#"<nav><a href="/">Home</a></nav>
<article><h1>Port strike ends</h1>
<p>Dock workers at the country's largest port returned to work on Monday after a three-week strike
that had left hundreds of ships waiting offshore, the port authority said in a statement.</p>
<p>The union said its members had accepted a pay rise of 9% over two years, ending the longest
stoppage at the port in three decades, and that talks on working hours would resume next month.</p>
</article>"#;

    #[test]
    fn the_meta_description_is_the_standfirst() {
        // og:description first, even when the plain description comes earlier in the page;
        // entities decoded, white space collapsed.
        let page = format!(
            r#"<html><head><title>Port strike ends</title>
<meta name="description" content="A shorter summary of the strike and its end.">
<meta property="og:description" content="Ships  queue offshore as the union&#39;s members
 vote to accept a 9% rise &amp; return">
<meta name="twitter:description" content=""></head><body>{STRIKE_BODY}</body></html>"#
        );
        let a = from_html(&page, "p", "p.html");
        assert_eq!(
            a.meta.standfirst.as_deref(),
            Some("Ships queue offshore as the union's members vote to accept a 9% rise & return")
        );
        // A description that only names the site is skipped for the next one.
        let page = format!(
            r#"<html><head><title>Port strike ends</title>
<meta property="og:description" content="Example News">
<meta name="description" content="The longest stoppage in three decades is over&#8230;">
</head><body>{STRIKE_BODY}</body></html>"#
        );
        let a = from_html(&page, "p", "p.html");
        assert_eq!(
            a.meta.standfirst.as_deref(),
            Some("The longest stoppage in three decades is over")
        );
    }

    #[test]
    fn a_description_that_repeats_the_title_or_the_lead_is_no_standfirst() {
        for description in [
            "Port strike ends",
            "PORT STRIKE  ends.",
            "Dock workers at the country's largest port returned to work on Monday after a three-week...",
        ] {
            let page = format!(
                r#"<html><head><title>Port strike ends</title>
<meta property="og:description" content="{description}"></head><body>{STRIKE_BODY}</body></html>"#
            );
            let a = from_html(&page, "p", "p.html");
            assert_eq!(a.meta.standfirst, None, "{description}");
        }
        let page = format!(
            "<html><head><title>Port strike ends</title></head><body>{STRIKE_BODY}</body></html>"
        );
        assert_eq!(from_html(&page, "p", "p.html").meta.standfirst, None);
    }

    #[test]
    fn blocks_become_lines_with_headings_and_bullets_marked() {
        let t = blocks_to_text("<h2>Background</h2><p>First <b>bold</b> para.</p><ul><li>One</li><li>Two</li></ul><p>A<br>B</p><script>x()</script>");
        assert_eq!(t, "# Background\nFirst bold para.\n• One\n• Two\nA\nB\n");
        let deep = "<div>".repeat(2_000) + "deep text" + &"</div>".repeat(2_000);
        assert!(blocks_to_text(&deep).contains("deep text"));
    }

    #[test]
    fn publication_time_comes_from_json_ld_and_meta_tags() {
        let page = r#"<head><meta content="2019-01-16T10:00:00Z" property="article:modified_time">
<meta property="article:published_time" content="2019-01-03T07:00:02.000Z">
<meta name="date" content="2019-01-04"></head>"#;
        assert_eq!(
            published_from_meta(page).as_deref(),
            Some("2019-01-03T07:00:02Z")
        );
        let ld = r#"<script type="application/ld+json">{"datePublished": "2021-11-01T10:52:50+0100"}</script><meta name="date" content="2021-11-02">"#;
        assert_eq!(
            published_from_meta(ld).as_deref(),
            Some("2021-11-01T10:52:50+01:00")
        );
        assert_eq!(
            published_from_meta("<meta name=\"date\" content=\"soon\">"),
            None
        );
    }

    #[test]
    fn script_end_tags_are_found_in_any_case() {
        assert_eq!(find_ascii_ci(b"x</SCRIPT>", b"</script"), Some(1));
        assert_eq!(find_ascii_ci(b"<</scrip</sCript", b"</script"), Some(8));
        assert_eq!(find_ascii_ci(b"</scrip", b"</script"), None);
        // Many scripts: each is skipped to its own end tag, the depth is still seen after them.
        let page = format!(
            "{}<div><div></div></div>",
            "<script>a<b</script><STYLE>p{}</STYLE>".repeat(1000)
        );
        assert_eq!(nesting_depth(&page), 2);
    }

    #[test]
    fn nesting_depth_counts_open_elements() {
        // html > body; p is counted as never nesting (its end tag may be left out).
        assert_eq!(
            nesting_depth("<html><body><p>a<br>b</p><img src=x/><!-- <div> --></body></html>"),
            2
        );
        assert_eq!(nesting_depth(&"<div>".repeat(10)), 10);
        assert_eq!(nesting_depth("no tags < here"), 0);
        assert_eq!(
            nesting_depth(&format!("<div>{}</div>", "<p>para".repeat(2000))),
            1
        );
        assert_eq!(
            nesting_depth("<div><script>for(n=0;n<t.length;n++){}</script></div>"),
            1
        );
    }

    #[test]
    fn garbage_gives_an_empty_text_not_a_panic() {
        let a = from_html("<<<>>><div><div><p>", "g", "g.html");
        assert!(a.text.trim().is_empty() || a.text.len() < 20);
    }
}
