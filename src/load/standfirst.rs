//! The standfirst (deck, dek, summary under the headline) an input states explicitly.
//!
//! *What it does*: each loader hands over the text its format keeps apart from the body — an HTML
//! page's meta description (`og:description`, `twitter:description`, `description`), a JSON record's
//! `standfirst|dek|subtitle|subheadline|description|summary` field beside its body field, a feed
//! item's summary beside its full content — and [`standfirst`] decides whether it is one: entities
//! decoded, tags dropped, white space collapsed, a trailing ellipsis of a truncated summary
//! stripped (a word it cuts short is kept: the support test matches a word by the stem it begins,
//! so "governm" still finds "government"). It is not a standfirst when it has fewer than
//! [`MIN_WORDS`] words, repeats the title (up to case, white space and punctuation), is the whole
//! body, is an excerpt of the body (the words a paragraph of the body begins with), or, beside a
//! body of at least [`BODY_MIN_WORDS`] words, shares no content word with the title and the start
//! of the body (a site-wide description: "The latest news, sport and weather from around the
//! region"; beside a short body a genuine standfirst can share none).
//!
//! *Why*: framing checks the standfirst's claims against the body as it checks the headline's
//! (issue 10); an excerpt of the body or a repeat of the title would only be checked against
//! itself.
//!
//! *Limitations*: plain text has no standfirst: a short first paragraph cannot be told from a
//! lead, so none is guessed. A site-wide description that happens to share a word with the article
//! is taken for its standfirst. Content words are compared by their Snowball stems, as the
//! segmenter gives them ([`crate::segment::tokens`]: "waters" meets "water").

use super::fragment::plain_text;

/// Fewer words than this is a label or a site name, not a standfirst.
pub const MIN_WORDS: usize = 4;

/// Words of the body's start compared with a standfirst (a standfirst sums up the lead).
const BODY_WORDS: usize = 400;
/// A body shorter than this can share no word with its own standfirst; it is not compared.
pub const BODY_MIN_WORDS: usize = 100;
/// The stems of the content words (not stop words, at least three letters) of the first `limit`
/// white-space words of `s`.
fn content_stems(s: &str, limit: usize) -> std::collections::HashSet<String> {
    let end = s
        .split_whitespace()
        .nth(limit)
        .map_or(s.len(), |w| w.as_ptr() as usize - s.as_ptr() as usize);
    let stop = crate::text::stopwords();
    crate::text::stem::words(&s[..end])
        .filter(|t| t.lower.chars().count() >= 3 && !stop.contains(&t.lower))
        .map(|t| t.stem)
        .collect()
}

/// Lower-cased words with the punctuation around them dropped: the key texts are compared by.
fn key_iter(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
}

fn key_words(s: &str) -> Vec<String> {
    key_iter(s).collect()
}

/// Whether the key words of `s` begin with `words` (reads no further than it needs: bodies can
/// be long, and feeds are streamed).
fn begins_with(s: &str, words: &[String]) -> bool {
    let mut it = key_iter(s);
    words.iter().all(|w| it.next().as_ref() == Some(w))
}

/// Whether two texts are the same up to case, white space and punctuation.
pub fn same_text(a: &str, b: &str) -> bool {
    key_words(a) == key_words(b)
}

/// The standfirst `candidate` gives for an input with this `title` and `body` (see the module
/// documentation), or `None`.
pub fn standfirst(candidate: &str, title: Option<&str>, body: Option<&str>) -> Option<String> {
    let mut text = plain_text(candidate);
    // A truncated summary: "… the talks would resume next…" or "… [...]".
    let mut truncated = false;
    loop {
        let t = text.trim_end();
        let stripped = ["[…]", "[...]", "…", "..."]
            .iter()
            .find_map(|e| t.strip_suffix(e));
        match stripped {
            Some(rest) => {
                truncated = true;
                text = rest.trim_end().to_string();
            }
            None => break,
        }
    }
    if truncated {
        text = text
            .trim_end_matches([',', ';', ':', '-', '–', '—'])
            .trim_end()
            .to_string();
    }
    let words = key_words(&text);
    if words.len() < MIN_WORDS {
        return None;
    }
    if title.is_some_and(|t| key_words(t) == words) {
        return None;
    }
    // The whole body, or the words it or one of its paragraphs begins with: an excerpt.
    if let Some(body) = body {
        if begins_with(body, &words) || body.lines().any(|l| begins_with(l, &words)) {
            return None;
        }
    }
    // About something else: no content word in common with the title and the body's start.
    if let Some(body) = body.filter(|b| b.split_whitespace().nth(BODY_MIN_WORDS - 1).is_some()) {
        let mut article = content_stems(title.unwrap_or_default(), usize::MAX);
        article.extend(content_stems(body, BODY_WORDS));
        if content_stems(&text, usize::MAX).is_disjoint(&article) {
            return None;
        }
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_is_cleaned_and_kept() {
        assert_eq!(
            standfirst(
                "  Workers return &amp; ships   <b>sail</b> again. ",
                Some("Port strike ends"),
                Some("Dock workers went back on Monday.")
            )
            .as_deref(),
            Some("Workers return & ships sail again.")
        );
    }

    #[test]
    fn a_truncated_summary_loses_its_ellipsis() {
        assert_eq!(
            standfirst(
                "The union accepted a pay rise of 9% over two ye…",
                None,
                None
            )
            .as_deref(),
            Some("The union accepted a pay rise of 9% over two ye")
        );
        assert_eq!(
            standfirst("The union accepted a pay rise of 9%, ...", None, None).as_deref(),
            Some("The union accepted a pay rise of 9%")
        );
        assert_eq!(
            standfirst("The union accepted the offer [...]", None, None).as_deref(),
            Some("The union accepted the offer")
        );
    }

    #[test]
    fn short_texts_titles_and_excerpts_are_not_standfirsts() {
        assert_eq!(standfirst("Example News", None, None), None);
        assert_eq!(standfirst("   ", None, None), None);
        assert_eq!(
            standfirst(
                "Port  strike ENDS after three weeks",
                Some("Port strike ends after three weeks."),
                None
            ),
            None
        );
        let body = "Dock workers returned to work on Monday after a three-week strike.\nThe union said so.";
        assert_eq!(
            standfirst("Dock workers returned to work on Monday…", None, Some(body)),
            None
        );
        assert_eq!(
            standfirst("The union said so.", None, Some(body)),
            None,
            "a paragraph of the body"
        );
        assert!(standfirst("The strike cost the port 40 million", None, Some(body)).is_some());
    }

    #[test]
    fn a_description_about_something_else_beside_a_long_body_is_a_site_wide_one() {
        let lead =
            "The water rose fast after the dam gave way on Tuesday, and hundreds of families \
                    left the valley. ";
        let filler = "Engineers inspected the remaining walls and found cracks. ".repeat(12);
        let body = format!("{lead}{filler}");
        assert!(body.split_whitespace().count() >= BODY_MIN_WORDS);
        let title = Some("Dam bursts in the valley");
        let site = "The latest breaking news, sport and opinion from around the world.";
        assert_eq!(standfirst(site, title, Some(&body)), None);
        // One content word in common (by stem: "waters" and "water" meet, "rising" and "rose"
        // do not) is enough.
        let kept = "Residents are leaving as rising waters cut off the roads.";
        assert_eq!(standfirst(kept, title, Some(&body)).as_deref(), Some(kept));
        // Beside a short body, or with nothing to compare with, a description is kept.
        assert_eq!(standfirst(site, title, Some(lead)).as_deref(), Some(site));
        assert!(standfirst(site, None, None).is_some());
    }
}
