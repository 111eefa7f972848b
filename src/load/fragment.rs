//! The plain text of an HTML fragment: a feed item's description, a JSON summary field.
//!
//! *What*: tags dropped, entities decoded, white space collapsed. *Not*: main-content extraction
//! of a whole page (that is [`super::html`]).

/// [`plain_text`] of an owned string: returned as it is when it is plain text whose white space is
/// already collapsed (single spaces between words, none at the ends), as feed text mostly is.
pub fn plain_text_owned(s: String) -> String {
    let b = s.as_bytes();
    // One pass without early exit (it vectorises): any byte that is not ASCII, `<`, `&`, or white
    // space other than a space; any space after a space or at either end.
    let mut bad = 0u8;
    let mut prev_space = 1u8; // the start counts as a space
    for &c in b {
        let space = u8::from(c == b' ');
        bad |= u8::from(c >= 0x80 || c == b'<' || c == b'&' || c.wrapping_sub(b'\t') < 5)
            | (space & prev_space);
        prev_space = space;
    }
    let collapsed = bad == 0 && (b.is_empty() || prev_space == 0);
    if collapsed {
        s
    } else {
        plain_text(&s)
    }
}

/// Text of an HTML fragment (tags dropped, entities decoded, whitespace collapsed); plain text is
/// returned with its whitespace collapsed.
pub fn plain_text(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let frag = scraper::Html::parse_fragment(s);
    let mut out = String::with_capacity(s.len());
    for t in frag.root_element().text() {
        out.push_str(t);
        out.push(' ');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_plain_text_equals_plain_text() {
        for t in [
            "",
            " ",
            "a",
            "a b",
            " a b",
            "a b ",
            "a  b",
            "a\tb",
            "a\nb",
            "a\x0bb",
            "a\rb",
            "a &amp; b",
            "a <b>c</b>",
            "caf\u{e9} \u{a0}x",
            "One. Two, three.",
        ] {
            assert_eq!(plain_text_owned(t.to_string()), plain_text(t), "{t:?}");
        }
    }
}
