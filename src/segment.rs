//! Segmentation: from a cleaned article to sections, paragraphs, sentences and stemmed tokens.
//!
//! *What it does*: blocks of the body (separated by a blank line) are headings, bullet items or
//! paragraphs. A heading (`# Title`, or a short line ending in a colon such as `Key Points:`) opens a
//! section. Paragraphs are split into sentences by `sentencex`, whose splits are then repaired with the
//! abbreviation lists of `rubrics/abbreviations.toml` and two general rules: a sentence does not start
//! in lower case, and a quotation that closes in the next part keeps the two parts together. Tokens
//! are Unicode words (UAX #29), lower-cased and stemmed (Snowball English).
//!
//! *Invariant*: all spans are byte ranges into `Article::body`, ordered, non-overlapping and on char
//! boundaries.
//!
//! *Limitations*: English only; a sentence ending in an abbreviation listed as `never-final` is joined
//! to the next one.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::model::{Article, Document, Paragraph, ParagraphKind, Section, Sentence, Span, Token};
use crate::text::shapes::is_bullet;

const ABBREVIATIONS: &str = include_str!("../rubrics/abbreviations.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[allow(dead_code)] // `version`, `examples` and `splits` are read by the tests only.
struct AbbreviationFile {
    version: u32,
    never_final: Vec<String>,
    before_number: Vec<String>,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    splits: Vec<(String, usize)>,
}

static ABBR: LazyLock<AbbreviationFile> = LazyLock::new(|| {
    // The file is compiled in and checked by the tests below; a broken edit fails `cargo test`.
    toml::from_str(ABBREVIATIONS).unwrap_or(AbbreviationFile {
        version: 1,
        never_final: Vec::new(),
        before_number: Vec::new(),
        examples: Vec::new(),
        splits: Vec::new(),
    })
});

/// Segment a cleaned article.
pub fn segment(article: Article) -> Document {
    let body = article.body.as_str();
    let mut sections: Vec<Section> = Vec::new();
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut sentences: Vec<Sentence> = Vec::new();
    let language = sentencex::language_factory("en");

    for (start, block) in blocks(body) {
        let end = start + block.len();
        if is_heading_block(block) {
            if let Some(last) = sections.last_mut() {
                last.span.end = last.span.end.max(start);
            }
            let title = block
                .trim_start_matches('#')
                .trim()
                .trim_end_matches(':')
                .trim();
            sections.push(Section {
                title: Some(title.to_string()),
                span: Span::new(start, end),
                paragraphs: paragraphs.len()..paragraphs.len(),
            });
            continue;
        }
        if sections.is_empty() {
            sections.push(Section {
                title: None,
                span: Span::new(start, end),
                paragraphs: 0..0,
            });
        }
        let (kind, content_start) = match bullet_content(block) {
            Some(offset) => (ParagraphKind::Bullet, start + offset),
            None => (ParagraphKind::Text, start),
        };
        let first_sentence = sentences.len();
        let pi = paragraphs.len();
        for span in split_sentences(language.as_ref(), &body[content_start..end]) {
            let span = Span::new(content_start + span.start, content_start + span.end);
            let text = &body[span.start..span.end];
            sentences.push(Sentence {
                span,
                text: text.to_string(),
                paragraph: pi,
                tokens: tokens(text, span.start),
            });
        }
        let si = sections.len() - 1;
        paragraphs.push(Paragraph {
            span: Span::new(start, end),
            kind,
            section: si,
            sentences: first_sentence..sentences.len(),
        });
        let section = &mut sections[si];
        section.paragraphs.end = paragraphs.len();
        section.span.end = end;
    }
    Document {
        article,
        sections,
        paragraphs,
        sentences,
    }
}

/// A document from sentences that are already split (labelled corpora give sentence lists whose
/// indices their annotations refer to): one paragraph per sentence, in one untitled section.
pub fn from_sentences(mut article: Article, sentences: &[String]) -> Document {
    let mut body = String::new();
    let mut out = Vec::with_capacity(sentences.len());
    let mut paragraphs = Vec::with_capacity(sentences.len());
    for (i, text) in sentences.iter().enumerate() {
        if i > 0 {
            body.push_str("\n\n");
        }
        let start = body.len();
        body.push_str(text);
        let span = Span::new(start, body.len());
        out.push(Sentence {
            span,
            text: text.clone(),
            paragraph: i,
            tokens: tokens(text, start),
        });
        paragraphs.push(Paragraph {
            span,
            kind: ParagraphKind::Text,
            section: 0,
            sentences: i..i + 1,
        });
    }
    article.body = body;
    let sections = vec![Section {
        title: None,
        span: Span::new(0, article.body.len()),
        paragraphs: 0..paragraphs.len(),
    }];
    Document {
        article,
        sections,
        paragraphs,
        sentences: out,
    }
}

/// Blocks of the body with their byte offsets: text between blank lines, trimmed.
fn blocks(body: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for part in body.split("\n\n") {
        let lead = part.len() - part.trim_start().len();
        let trimmed = part.trim();
        if !trimmed.is_empty() {
            out.push((offset + lead, trimmed));
        }
        offset += part.len() + 2;
    }
    out
}

fn is_heading_block(block: &str) -> bool {
    if block.contains('\n') {
        return false;
    }
    (block.starts_with('#') && block.trim_start_matches('#').starts_with(' '))
        || (block.ends_with(':') && block.split_whitespace().count() <= 8 && !is_bullet(block))
}

/// Offset of the text after a bullet marker, if the block is a bullet item.
fn bullet_content(block: &str) -> Option<usize> {
    if !is_bullet(block) {
        return None;
    }
    let marker_end = block.find(char::is_whitespace)?;
    let rest = &block[marker_end..];
    Some(marker_end + (rest.len() - rest.trim_start().len()))
}

fn last_word(s: &str) -> &str {
    s.trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(['(', '"', '“', '‘', '\''])
}

fn opens_unclosed_quote(s: &str) -> bool {
    let open = s.matches('“').count();
    let close = s.matches('”').count();
    open > close || (open == 0 && close == 0 && s.matches('"').count() % 2 == 1)
}

fn closes_quote(s: &str) -> bool {
    match (s.find('”'), s.find('“')) {
        (Some(c), Some(o)) => c < o,
        (Some(_), None) => true,
        _ => s.matches('"').count() % 2 == 1,
    }
}

/// Should the part `next` be joined to the sentence `prev`?
fn joins(prev: &str, next: &str) -> bool {
    let next_trim = next.trim_start();
    let Some(first) = next_trim.chars().next() else {
        return true;
    };
    if first.is_lowercase() || matches!(first, ',' | ';' | ')' | ']' | '”' | '’') {
        return true;
    }
    let word = last_word(prev);
    if ABBR.never_final.iter().any(|a| a == word) {
        return true;
    }
    if first.is_ascii_digit() && ABBR.before_number.iter().any(|a| a == word) {
        return true;
    }
    // A single capital initial ("R." in "(R., Ky.)", "J. Smith") does not end a sentence.
    let bare = word.trim_end_matches('.');
    if word.ends_with('.') && bare.chars().count() == 1 && bare.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    opens_unclosed_quote(prev) && closes_quote(next_trim)
}

/// Offset of an opening quotation mark that ends a part ("… issues. “"), if any.
fn trailing_opening_quote(part: &str) -> Option<usize> {
    let (i, c) = part.char_indices().last()?;
    let before = part[..i].chars().last();
    let opening =
        matches!(c, '“' | '‘' | '«' | '„') || (c == '"' && before.is_some_and(char::is_whitespace));
    opening.then_some(i)
}

/// Sentence spans (relative to `text`), trimmed, in order.
fn split_sentences(language: &dyn sentencex::languages::Language, text: &str) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    // An opening quotation mark left at the end of one part belongs to the next sentence.
    let mut carry: Option<usize> = None;
    for b in language.get_sentence_boundaries(text) {
        let (mut s, mut e) = (b.start_byte.min(text.len()), b.end_byte.min(text.len()));
        if s >= e || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        let part = &text[s..e];
        s += part.len() - part.trim_start().len();
        e -= part.len() - part.trim_end().len();
        if let Some(c) = carry.take() {
            s = s.min(c);
        }
        if s >= e {
            continue;
        }
        if let Some(q) = trailing_opening_quote(&text[s..e]) {
            if q > 0 {
                carry = Some(s + q);
                e = s + text[s..s + q].trim_end().len();
            }
        }
        match spans.last_mut() {
            Some(last) if last.end <= s && joins(&text[last.start..last.end], &text[s..e]) => {
                last.end = e
            }
            Some(last) if last.end > s => last.end = last.end.max(e),
            _ => spans.push(Span::new(s, e)),
        }
    }
    if spans.is_empty() && !text.trim().is_empty() {
        let s = text.len() - text.trim_start().len();
        spans.push(Span::new(s, s + text.trim().len()));
    }
    spans
}

/// Word tokens of a sentence with spans offset into the body.
pub fn tokens(text: &str, offset: usize) -> Vec<Token> {
    crate::text::stem::words(text)
        .map(|w| Token {
            span: Span::new(offset + w.at, offset + w.at + w.text.len()),
            lower: w.lower,
            stem: w.stem,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;

    fn doc(body: &str) -> Document {
        segment(Article {
            body: body.into(),
            ..Article::bare("t", Format::Text)
        })
    }

    #[test]
    fn abbreviation_file_parses_and_its_examples_hold() {
        let file: AbbreviationFile =
            toml::from_str(ABBREVIATIONS).expect("abbreviations.toml parses");
        assert!(!file.examples.is_empty() && !file.splits.is_empty());
        for ex in &file.examples {
            let d = doc(ex);
            assert_eq!(
                d.sentences.len(),
                1,
                "{ex:?} split into {:?}",
                d.sentences.iter().map(|s| &s.text).collect::<Vec<_>>()
            );
        }
        for (ex, n) in &file.splits {
            let d = doc(ex);
            assert_eq!(
                d.sentences.len(),
                *n,
                "{ex:?} gave {:?}",
                d.sentences.iter().map(|s| &s.text).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn sections_paragraphs_and_bullets() {
        let body = "Lead sentence one. Lead two.\n\nKey Points:\n\n• First point here.\n\n• Second point.\n\n# Analysis\n\nLast paragraph.";
        let d = doc(body);
        let titles: Vec<Option<&str>> = d.sections.iter().map(|s| s.title.as_deref()).collect();
        assert_eq!(titles, [None, Some("Key Points"), Some("Analysis")]);
        assert_eq!(d.paragraphs.len(), 4);
        assert_eq!(d.paragraphs[1].kind, ParagraphKind::Bullet);
        assert_eq!(d.sentences[2].text, "First point here.");
        assert_eq!(d.sections[1].paragraphs, 1..3);
        for s in &d.sentences {
            assert_eq!(&body[s.span.start..s.span.end], s.text);
        }
    }

    #[test]
    fn tokens_are_stemmed_words_with_spans() {
        let d = doc("Talks resumed in Bogotá.");
        let t: Vec<&str> = d.sentences[0]
            .tokens
            .iter()
            .map(|t| t.stem.as_str())
            .collect();
        assert_eq!(t, ["talk", "resum", "in", "bogotá"]);
        assert_eq!(d.words(), 4);
    }

    #[test]
    fn an_opening_quote_left_at_a_split_moves_to_the_next_sentence() {
        let d = doc("“We met,” he said after the talks. “We got along very well.");
        let t: Vec<&str> = d.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            t,
            [
                "“We met,” he said after the talks.",
                "“We got along very well."
            ]
        );
    }
}
