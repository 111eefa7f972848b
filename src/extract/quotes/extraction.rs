//! Direct quotations: the quotation marks of each paragraph (straight, curly, guillemets, the
//! `` `` ''`` pairs of tokenised corpora, single marks), how they pair up (single marks inside a
//! double quotation are nested and stay in it; a mark left open is dropped at the paragraph's end
//! unless the next paragraph opens again, the multi-paragraph convention), and the kind of each
//! quotation (full, partial, scare).
//!
//! It does not look for speakers or reporting verbs. A kind found here is provisional: scare quotes
//! given to a speaker become partial quotations in the attribution pass (`attribution.rs`).

use serde::Serialize;

use super::frame::is_word_char;
use super::speakers::Speaker;
use crate::model::{Document, Span};
use crate::text::count_words;

/// How a quotation sits in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// A sentence or more of someone's words.
    Full,
    /// A fragment woven into the author's sentence.
    Partial,
    /// One or two words in quotation marks inside the author's sentence ("so-called").
    Scare,
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The quoted words, without the outer marks (pieces of a multi-paragraph quotation joined by a
    /// space).
    pub text: String,
    /// From the opening mark to the closing mark, in the body.
    pub span: Span,
    /// The quoted words of each piece (one per paragraph), without the marks.
    pub pieces: Vec<Span>,
    /// Indices of the sentences it overlaps.
    pub sentences: Vec<usize>,
    pub kind: QuoteKind,
    pub speaker: Option<Speaker>,
    /// The reporting verb as written ("said", "according to").
    pub verb: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Guillemet,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

/// A quotation mark at byte `at` of `len` bytes.
#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    len: usize,
    family: Family,
    role: Role,
}

/// The quotation marks of a text, with their family and what they can do.
fn marks(t: &str) -> Vec<Mark> {
    let mut out = Vec::new();
    let b = t.as_bytes();
    let mut prev: Option<char> = None;
    let mut it = t.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next = it.peek().map(|x| x.1);
        let mark = match c {
            '“' | '„' => Some((3, Family::Double, Role::Open)),
            '”' => Some((3, Family::Double, Role::Close)),
            '"' => Some((1, Family::Double, Role::Either)),
            '«' => Some((2, Family::Guillemet, Role::Open)),
            '»' => Some((2, Family::Guillemet, Role::Close)),
            '`' if b.get(i + 1) == Some(&b'`') => Some((2, Family::Double, Role::Open)),
            // Tokenised corpora close with '' and some house styles open with it too.
            '\'' if b.get(i + 1) == Some(&b'\'') => Some((2, Family::Double, Role::Either)),
            '‘' if !prev.is_some_and(is_word_char) => Some((3, Family::Single, Role::Open)),
            '’' if !next.is_some_and(is_word_char) => Some((3, Family::Single, Role::Close)),
            '\'' if !next.is_some_and(is_word_char) || !prev.is_some_and(is_word_char) => {
                Some((1, Family::Single, Role::Either))
            }
            _ => None,
        };
        if let Some((len, family, role)) = mark {
            out.push(Mark {
                at: i,
                len,
                family,
                role,
            });
            // Skip the second character of a two-character mark.
            if len == 2 && c.len_utf8() == 1 {
                it.next();
            }
        }
        prev = Some(c);
    }
    out
}

/// Before the mark: start, whitespace, an opening bracket, a dash or another mark.
fn opens_here(t: &str, m: &Mark) -> bool {
    let before = t[..m.at].chars().next_back();
    let after = t[m.at + m.len..].chars().next();
    let free_before = before.is_none_or(|c| c.is_whitespace() || "([{—–-/“‘\"'".contains(c));
    free_before && after.is_some_and(|c| !c.is_whitespace())
}

fn closes_here(t: &str, m: &Mark) -> bool {
    let before = t[..m.at].chars().next_back();
    let after = t[m.at + m.len..].chars().next();
    before.is_some_and(|c| !c.is_whitespace())
        && after.is_none_or(|c| c.is_whitespace() || !is_word_char(c))
}

/// A raw quotation: the open mark and the close mark (relative to the paragraph).
#[derive(Debug, Clone, Copy)]
struct Pair {
    open: Mark,
    close: Mark,
}

/// Pairs of a paragraph; also the double mark left open at its end, if any.
fn pairs(t: &str) -> (Vec<Pair>, Option<Mark>) {
    let mut out = Vec::new();
    let mut double: Option<Mark> = None;
    let mut single: Option<Mark> = None;
    for m in marks(t) {
        match m.family {
            Family::Double | Family::Guillemet => {
                if let Some(o) = double {
                    let same = o.family == m.family;
                    let close = match m.role {
                        Role::Close => same,
                        // A typo'd closing mark (“word“) closes when it cannot open.
                        Role::Open => same && closes_here(t, &m) && !opens_here(t, &m),
                        Role::Either => closes_here(t, &m) || !opens_here(t, &m),
                    };
                    if close {
                        out.push(Pair { open: o, close: m });
                        double = None;
                    } else if same || m.family == Family::Double {
                        // An opening mark while one is open: the earlier one was never closed.
                        if m.role != Role::Close {
                            double = Some(m);
                        }
                    }
                } else {
                    let open = match m.role {
                        Role::Open => true,
                        Role::Close => false,
                        Role::Either => opens_here(t, &m) || !closes_here(t, &m),
                    };
                    if open {
                        double = Some(m);
                        single = None;
                    }
                }
            }
            Family::Single => {
                if double.is_some() {
                    continue; // nested quotation or apostrophe: part of the outer quotation
                }
                match single {
                    Some(o) if m.role != Role::Open && closes_here(t, &m) => {
                        out.push(Pair { open: o, close: m });
                        single = None;
                    }
                    None if m.role != Role::Close && opens_here(t, &m) => single = Some(m),
                    _ => {}
                }
            }
        }
    }
    out.sort_by_key(|p| p.open.at);
    (out, double)
}

/// Trimmed inner span of `start..end` in `body` (no surrounding whitespace).
fn trimmed(body: &str, start: usize, end: usize) -> Span {
    let s = &body[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    Span::new(start + lead, (end - trail).max(start + lead))
}

/// The paragraph starts (after whitespace and bullet marks) with an opening double mark.
fn starts_with_open(t: &str) -> bool {
    let lead = t.trim_start_matches(|c: char| c.is_whitespace() || "-*•–—".contains(c));
    let offset = t.len() - lead.len();
    marks(t).first().is_some_and(|m| {
        m.at == offset && m.family != Family::Single && m.role != Role::Close && opens_here(t, m)
    })
}

/// Raw quotation spans of the document: (outer span, pieces).
pub(super) fn raw_quotes(doc: &Document) -> Vec<(Span, Vec<Span>)> {
    let body = doc.article.body.as_str();
    let mut out = Vec::new();
    // Pieces of a quotation left open at the end of the previous paragraph(s).
    let mut carried: Vec<Span> = Vec::new();
    let mut carried_start = 0;
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        let base = p.span.start;
        let t = &body[p.span.start..p.span.end];
        let (pairs, open) = pairs(t);
        let continues = !carried.is_empty() && starts_with_open(t);
        if !continues {
            carried.clear();
        }
        for (k, pr) in pairs.iter().enumerate() {
            let inner = trimmed(body, base + pr.open.at + pr.open.len, base + pr.close.at);
            let outer_end = base + pr.close.at + pr.close.len;
            if k == 0 && continues && t[..pr.open.at].trim().is_empty() {
                let mut pieces = std::mem::take(&mut carried);
                pieces.push(inner);
                out.push((Span::new(carried_start, outer_end), pieces));
                continue;
            }
            if !inner.is_empty() {
                out.push((Span::new(base + pr.open.at, outer_end), vec![inner]));
            }
        }
        // A quotation left open: carried into the next paragraph if that one opens again.
        match open {
            Some(o)
                if doc
                    .paragraphs
                    .get(pi + 1)
                    .is_some_and(|n| starts_with_open(&body[n.span.start..n.span.end])) =>
            {
                let inner = trimmed(body, base + o.at + o.len, p.span.end);
                // The convention continues a quotation of whole sentences, not a fragment.
                let upper = body[inner.start..inner.end]
                    .chars()
                    .find(|c| c.is_alphanumeric())
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric());
                if !upper {
                    carried.clear();
                    continue;
                }
                let whole_paragraph = t[..o.at].trim().is_empty();
                if continues && whole_paragraph && pairs.is_empty() {
                    carried.push(inner);
                } else {
                    carried = vec![inner];
                    carried_start = base + o.at;
                }
            }
            _ => carried.clear(),
        }
    }
    out
}

/// The document's quotations, with their sentences and provisional kinds (no speakers yet).
pub(super) fn quotations(doc: &Document) -> Vec<Quote> {
    let body = doc.article.body.as_str();
    let raw = raw_quotes(doc);
    let mut out = Vec::new();
    for (span, pieces) in &raw {
        let text = pieces
            .iter()
            .map(|p| &body[p.start..p.end])
            .collect::<Vec<_>>()
            .join(" ");
        let sentences: Vec<usize> = doc
            .sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.span.start < span.end && s.span.end > span.start)
            .map(|(i, _)| i)
            .collect();
        let kind = kind_of(doc, *span, &text);
        out.push(Quote {
            text,
            span: *span,
            pieces: pieces.clone(),
            sentences,
            kind,
            speaker: None,
            verb: None,
        });
    }
    out
}

fn kind_of(doc: &Document, outer: Span, text: &str) -> QuoteKind {
    let body = doc.article.body.as_str();
    let sentence = doc
        .sentences
        .iter()
        .find(|s| s.span.start <= outer.start && outer.start < s.span.end.max(s.span.start + 1));
    let sentence_start = sentence.map_or(0, |s| s.span.start).min(outer.start);
    let before = body[sentence_start..outer.start].trim_end();
    let at_start = before
        .trim_start_matches(|c: char| c.is_whitespace() || "-*•–—".contains(c))
        .is_empty();
    let after_colon = before.ends_with(':') || before.ends_with(',');
    let first_upper = text
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_uppercase);
    let words = count_words(text);
    let sentence_punct = text
        .trim_end()
        .trim_end_matches(['’', '\'', '"', '”'])
        .ends_with(['.', '!', '?', ',', '…']);
    if at_start || (after_colon && first_upper) {
        return if words <= 2 && !sentence_punct && !at_start {
            QuoteKind::Scare
        } else {
            QuoteKind::Full
        };
    }
    if words <= 2 {
        return QuoteKind::Scare;
    }
    if first_upper && words >= 4 && text.contains(['.', '!', '?']) && sentence_punct {
        return QuoteKind::Full;
    }
    QuoteKind::Partial
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::quotes::test_support::{doc, run};
    use crate::extract::quotes::{quotes, Lexicon, SpeakerKind};

    #[test]
    fn mark_styles() {
        for body in [
            "“We are ready,” Lena Park said.",
            "\"We are ready,\" Lena Park said.",
            "«We are ready», Lena Park said.",
            "`` We are ready , '' Lena Park said .",
            "‘We are ready,’ Lena Park said.",
        ] {
            let q = run(body);
            assert_eq!(q.quotes.len(), 1, "{body}: {q:#?}");
            assert!(q.quotes[0].text.starts_with("We are ready"), "{body}");
            assert_eq!(
                q.quotes[0].speaker.as_ref().map(|s| s.text.as_str()),
                Some("Lena Park"),
                "{body}"
            );
            assert_eq!(q.quotes[0].kind, QuoteKind::Full, "{body}");
        }
    }

    #[test]
    fn nested_and_apostrophes() {
        let q = run("“They told us ‘wait until spring’ and we didn’t,” said Omar Haddad.");
        assert_eq!(q.quotes.len(), 1, "{q:#?}");
        assert_eq!(
            q.quotes[0].text,
            "They told us ‘wait until spring’ and we didn’t,"
        );
        assert_eq!(q.quotes[0].speaker.as_ref().unwrap().text, "Omar Haddad");
        let q = run("The farmers’ union said it wasn’t consulted.");
        assert!(q.quotes.is_empty(), "{q:#?}");
    }

    #[test]
    fn multi_sentence_and_multi_paragraph() {
        let body = "Inés Calvo spoke first. “The harbour is closed. Ships wait offshore.\n\n\
            “We expect it to reopen by Friday,” she said.\n\nTraffic resumed later.";
        let d = doc(body);
        let q = quotes(&d, Lexicon::builtin().unwrap());
        assert_eq!(q.quotes.len(), 1, "{q:#?}");
        let quote = &q.quotes[0];
        assert_eq!(quote.pieces.len(), 2);
        assert_eq!(
            quote.text,
            "The harbour is closed. Ships wait offshore. We expect it to reopen by Friday,"
        );
        assert!(quote.sentences.len() >= 3);
        let s = quote.speaker.as_ref().unwrap();
        assert_eq!(
            (s.kind, s.resolved, s.text.as_str()),
            (SpeakerKind::Pronoun, true, "Inés Calvo")
        );
    }

    #[test]
    fn unbalanced_marks_do_not_spoil_the_rest() {
        let body = "The mayor called it “a mess and left.\n\n\
            “Roads will be repaired,” the engineer Tomas Reyes said.\n\n\
            He said \"nothing works. Then she said \"we wait\" and left.";
        let q = run(body);
        let texts: Vec<&str> = q.quotes.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(texts, ["Roads will be repaired,", "we wait"], "{q:#?}");
        assert_eq!(q.quotes[0].speaker.as_ref().unwrap().text, "Tomas Reyes");
    }

    #[test]
    fn kinds() {
        let q = run("The so-called “green wave” swept the provinces after the minister promised “a fair deal for every region” on Monday.");
        let kinds: Vec<QuoteKind> = q.quotes.iter().map(|q| q.kind).collect();
        assert_eq!(kinds, [QuoteKind::Scare, QuoteKind::Partial]);
        let q = run("Asked about it, Nadia Vos said: “No.”");
        assert_eq!(q.quotes[0].kind, QuoteKind::Full);
    }

    #[test]
    fn odd_input_never_panics() {
        for body in [
            "\"",
            "“",
            "”",
            "''",
            "``",
            "' '",
            "\"\"",
            "“”",
            "said ,",
            "« »",
            "‘",
            "a ’ b ‘ c",
            "“\n\n“\n\n“",
            "\"a\n\n\"b\n\n\"c\"",
        ] {
            let d = doc(body);
            let q = quotes(&d, Lexicon::builtin().unwrap());
            for quote in &q.quotes {
                assert!(quote.span.end <= body.len() && body.is_char_boundary(quote.span.start));
            }
        }
    }
}
