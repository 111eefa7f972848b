//! HTML pages: main content and metadata by the `trafilatura` crate, then the same cleaning as text.
//!
//! Why this crate: a maintained Rust port of trafilatura, with no C dependencies and no panics on the
//! 181 pages of the Zyte benchmark, and the best F1 measured here (see CRATES.md in the design notes
//! and `corroborate eval extract`). It also reads title, author, site name and date from meta tags,
//! JSON-LD and OpenGraph, which become the article's [`SourceMeta`].

use crate::model::{Format, RawArticle, Removed, SourceMeta};

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
            let meta = SourceMeta {
                title: non_empty(&m.title),
                publisher: non_empty(&m.sitename),
                author: non_empty(&m.author),
                published: m.date.map(|d| d.format("%Y-%m-%d").to_string()),
                url: non_empty(&m.url),
            };
            (result.content_text, meta)
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

    #[test]
    fn garbage_gives_an_empty_text_not_a_panic() {
        let a = from_html("<<<>>><div><div><p>", "g", "g.html");
        assert!(a.text.trim().is_empty() || a.text.len() < 20);
    }
}
