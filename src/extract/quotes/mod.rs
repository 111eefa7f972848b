//! Direct quotations, their speakers and reporting verbs, and the attribution of every sentence.
//!
//! *What it extracts*: [`quotes`] reads a segmented [`Document`] and returns its [`Quote`]s and one
//! [`SentenceAttribution`] per sentence.
//! - Quotation marks: straight `"`, curly `“ ”`, guillemets `« »`, the `` `` ''`` pairs of tokenised
//!   corpora, and single marks `‘ ’` / `'` when no double quotation is open. Single marks inside a
//!   double quotation are a nested quotation and stay part of it. A quotation may span several
//!   sentences, and several paragraphs when a paragraph leaves it open and the next one opens again
//!   (the typographic convention); any other quotation left open at the end of a paragraph is dropped
//!   there, so an odd number of marks never spoils the rest of the article. A straight mark that can
//!   only open while another is open means the earlier one was never closed: it is dropped.
//! - Kinds: `scare` (one or two words inside the author's own sentence: a so-called "word"),
//!   `full` (a sentence or more, at the start of a sentence or after a colon or comma), `partial`
//!   (a fragment woven into the author's sentence).
//! - Speakers: "X said", "said X", "X told Y", "according to X", "X, who …, said", the speaker in
//!   the sentence after the quotation, the one before ending in a colon, and a paragraph that only
//!   continues the previous paragraph's quotation. Pronouns ("he said") and roles ("the minister
//!   said") are resolved to the nearest compatible named speaker before them; anonymous sources
//!   ("officials said", "three sources with knowledge of the matter said") are classed apart.
//! - A reporting verb whose speaker slot is empty or broken ("…,” said , who served as …") gives a
//!   [`MissingSpeaker`].
//!
//! *Why*: quotations are where outlets drift apart (trimmed, reworded, attributed to someone else),
//! and who gets to speak, named or anonymous, is part of how a story is told.
//!
//! *Data*: reporting verbs, pronouns, anonymous heads, roles and honorifics are in
//! `rubrics/lexicons/speech-verbs.toml` (compiled in; its examples run as tests).
//!
//! *Limitations*: English only and rule based. A plural possessive (`players’`) inside a quotation in
//! single marks can close it early; speaker phrases are cut at punctuation, so a speaker introduced
//! after a long apposition without commas may be missed; pronoun resolution ignores gender and number
//! beyond "nearest named speaker, else nearest multi-word name"; quotations without any mark (reported
//! speech) are attributions of their sentence, never quotations.
//!
//! *Layout*: `lexicon.rs` (the word lists), `extraction.rs` (marks, pairing, kinds), `frame.rs`
//! (sentence tokens), `verbs.rs` (reporting verbs and the speaker phrase next to them),
//! `speakers.rs` (what a phrase names; pronoun and role resolution), `attribution.rs` (the pass over
//! a document: quotation speakers, sentence attributions, missing speakers). This file holds the
//! entry points and re-exports the public items.

mod attribution;
mod extraction;
mod frame;
mod lexicon;
mod speakers;
mod verbs;

pub use attribution::{AttributionKind, MissingSpeaker, SentenceAttribution};
pub use extraction::{Quote, QuoteKind};
pub use lexicon::Lexicon;
pub use speakers::{Speaker, SpeakerKind};

use serde::Serialize;

use crate::model::Document;

/// Everything this module finds in one document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ArticleQuotes {
    pub quotes: Vec<Quote>,
    pub attributions: Vec<SentenceAttribution>,
    pub missing_speakers: Vec<MissingSpeaker>,
}

/// Quotations, speakers, per-sentence attributions and missing speakers of a document.
pub fn quotes(doc: &Document, lex: &Lexicon) -> ArticleQuotes {
    let mut pass = attribution::Pass::new(doc, lex, extraction::quotations(doc));
    pass.quotations();
    pass.sentences();
    pass.finish()
}

/// The quotation-finding pass alone, on a plain text (for tests and diagnostics): the quoted words.
pub fn quoted_texts(doc: &Document) -> Vec<String> {
    let body = doc.article.body.as_str();
    extraction::raw_quotes(doc)
        .into_iter()
        .map(|(_, pieces)| {
            pieces
                .iter()
                .map(|p| &body[p.start..p.end])
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Index of the sentence holding byte `at`.
fn sentence_of(doc: &Document, at: usize) -> Option<usize> {
    doc.sentences
        .iter()
        .position(|s| s.span.start <= at && at < s.span.end)
        .or_else(|| doc.sentences.iter().rposition(|s| s.span.start <= at))
}

/// [`sentence_of`] for other modules.
pub fn sentence_at(doc: &Document, at: usize) -> Option<usize> {
    sentence_of(doc, at)
}

#[cfg(test)]
mod test_support {
    use super::{quotes, ArticleQuotes, Lexicon};
    use crate::model::{Article, Document, Format};

    pub(super) fn doc(body: &str) -> Document {
        let mut a = Article::bare("t", Format::Text);
        a.body = body.to_string();
        crate::segment::segment(a)
    }

    pub(super) fn run(body: &str) -> ArticleQuotes {
        quotes(&doc(body), Lexicon::builtin().unwrap())
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::model::{Article, Format};
    use proptest::prelude::*;

    proptest! {
        /// Any mix of marks, letters that change length when lower-cased, verbs and punctuation:
        /// no panic, spans in bounds and on char boundaries, quoted text inside its span.
        #[test]
        fn never_panics(parts in proptest::collection::vec(prop_oneof![
            Just("“"), Just("”"), Just("\""), Just("'"), Just("’"), Just("‘"), Just("«"), Just("»"),
            Just("``"), Just("''"), Just(" "), Just("\n\n"), Just(", "), Just(". "), Just(":"),
            Just("said"), Just("according to"), Just("he"), Just("the minister"), Just("İstanbul"),
            Just("Ana Costa"), Just("who"), Just("officials"), Just("ẞ"), Just("—"), Just("🙂"),
        ], 0..40)) {
            let body: String = parts.concat();
            let mut a = Article::bare("p", Format::Text);
            a.body = body.clone();
            let d = crate::segment::segment(a);
            let q = quotes(&d, Lexicon::builtin().unwrap());
            for quote in &q.quotes {
                prop_assert!(quote.span.start <= quote.span.end && quote.span.end <= body.len());
                prop_assert!(body.is_char_boundary(quote.span.start) && body.is_char_boundary(quote.span.end));
                for p in &quote.pieces {
                    prop_assert!(quote.span.start <= p.start && p.end <= quote.span.end);
                }
                if let Some(s) = &quote.speaker {
                    prop_assert!(s.mention.end <= body.len());
                }
            }
            prop_assert_eq!(q.attributions.len(), d.sentences.len());
        }
    }
}
