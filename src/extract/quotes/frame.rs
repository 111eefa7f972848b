//! The token frame of a sentence: its words and punctuation, with each quotation that overlaps it
//! as one token, so that the verb and speaker search sees "“…,” said Ada Berg" as a quotation
//! followed by three tokens. Frames are built once per sentence and reused by both passes.
//!
//! It only tokenises: it does not decide what is a verb or a speaker.

use std::collections::BTreeMap;

use crate::model::{Document, Span};

/// A letter or digit: what may stand beside a closing or opening apostrophe inside a word.
pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

const TOKEN: crate::text::scan::Scan = crate::text::scan::Scan {
    joiners: &['\'', '’', '-', '.'],
    trailing: &['.'],
    others: true,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TokKind {
    Word,
    Punct,
    /// A quotation (index into the document's quotes).
    Quote(usize),
}

#[derive(Debug, Clone)]
pub(super) struct Tok {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) lower: String,
    /// Written with a capital first letter.
    pub(super) cap: bool,
    pub(super) kind: TokKind,
}

impl Tok {
    pub(super) fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
}

/// Tokens of `body[range]`; each quotation overlapping it becomes one `Quote` token.
fn frame(body: &str, range: Span, quotes: &[Span]) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    let inside = |i: usize| quotes.iter().position(|q| q.start <= i && i < q.end);
    for (qi, q) in quotes.iter().enumerate() {
        if q.start < range.end && q.end > range.start {
            out.push(Tok {
                start: q.start.max(range.start),
                end: q.end.min(range.end),
                lower: String::new(),
                cap: false,
                kind: TokKind::Quote(qi),
            });
        }
    }
    let part = &body[range.start..range.end];
    for m in crate::text::scan::scan(part, &TOKEN) {
        let start = range.start + m.start;
        if inside(start).is_some() {
            continue;
        }
        let text = &part[m.clone()];
        let word = text.chars().next().is_some_and(is_word_char);
        // A word's final period is the sentence's, unless the word is an initial or abbreviation.
        let (end, text) = if word && text.ends_with('.') && !text[..text.len() - 1].contains('.') {
            let short = text.len() <= 4 && text.starts_with(char::is_uppercase);
            if short {
                (range.start + m.end, text)
            } else {
                (range.start + m.end - 1, &text[..text.len() - 1])
            }
        } else {
            (range.start + m.end, text)
        };
        out.push(Tok {
            start,
            end,
            lower: text.to_lowercase(),
            cap: text.starts_with(char::is_uppercase),
            kind: if word { TokKind::Word } else { TokKind::Punct },
        });
        if word && end < range.start + m.end {
            out.push(Tok {
                start: end,
                end: end + 1,
                lower: ".".into(),
                cap: false,
                kind: TokKind::Punct,
            });
        }
    }
    out.sort_by_key(|t| t.start);
    out
}

/// The frames of a document's sentences, each built on first use.
pub(super) struct Frames<'a> {
    doc: &'a Document,
    /// Outer spans of the document's quotations.
    quotes: Vec<Span>,
    built: BTreeMap<usize, Vec<Tok>>,
}

impl<'a> Frames<'a> {
    pub(super) fn new(doc: &'a Document, quotes: Vec<Span>) -> Frames<'a> {
        Frames {
            doc,
            quotes,
            built: BTreeMap::new(),
        }
    }

    /// The frame of sentence `si` (a copy).
    pub(super) fn of(&mut self, si: usize) -> Vec<Tok> {
        let (doc, quotes) = (self.doc, &self.quotes);
        let body = doc.article.body.as_str();
        self.built
            .entry(si)
            .or_insert_with(|| frame(body, doc.sentences[si].span, quotes))
            .clone()
    }
}
