//! Attribution: the speaker and reporting verb of each quotation (after it, before it, in the
//! next sentence, in a sentence before ending in a colon, or the previous quotation's speaker going
//! on), the attribution of every sentence (named, anonymous, unresolved, or none: the author's
//! voice), and reporting verbs whose speaker slot is empty or broken (missing speakers).
//!
//! It does not find quotations (`extraction.rs`), verbs and their phrases (`verbs.rs`) or what a
//! phrase names (`speakers.rs`): it runs them over the document in order and keeps the results.
//! Reported speech without quotation marks is an attribution of its sentence, never a quotation.

use std::collections::BTreeMap;

use serde::Serialize;

use super::extraction::{Quote, QuoteKind};
use super::frame::{Frames, Tok, TokKind};
use super::lexicon::Lexicon;
use super::speakers::{speaker, Seen, Speaker, SpeakerKind};
use super::verbs::{find_after, find_before, sentence_attribution, subject, verb_at, Found};
use super::ArticleQuotes;
use crate::model::{Document, Span};

/// Whose claim a sentence reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributionKind {
    /// Attributed to a named source (or a pronoun or role resolved to one).
    Named,
    /// Attributed to an anonymous source.
    Anonymous,
    /// Attributed to a pronoun or role with no named speaker found before it.
    Unresolved,
    /// In the author's voice.
    None,
}

/// The attribution of one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceAttribution {
    pub sentence: usize,
    pub kind: AttributionKind,
    pub speaker: Option<String>,
    pub verb: Option<String>,
}

/// A reporting verb with no speaker where one is due ("said , who served as …").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingSpeaker {
    pub sentence: usize,
    /// The verb and its surroundings, as written.
    pub text: String,
    pub span: Span,
}

/// The attribution pass over one document: its quotations, then its sentences.
pub(super) struct Pass<'a> {
    doc: &'a Document,
    lex: &'a Lexicon,
    out: ArticleQuotes,
    seen: Seen,
    frames: Frames<'a>,
    /// Per sentence: the attribution found, (kind, speaker, verb).
    by_sentence: BySentence,
}

/// Per sentence: the attribution found, (kind, speaker, verb).
type BySentence = BTreeMap<usize, (AttributionKind, Option<String>, Option<String>)>;

/// A [`Pass`] taken apart, so that a step can borrow its parts at once: the document, the lexicon,
/// the body text, the output, the speakers seen, the sentence frames and the attributions found.
type Parts<'p, 'a> = (
    &'a Document,
    &'a Lexicon,
    &'a str,
    &'p mut ArticleQuotes,
    &'p mut Seen,
    &'p mut Frames<'a>,
    &'p mut BySentence,
);

impl<'a> Pass<'a> {
    /// The pass over `doc` and its quotations (as found by `extraction::quotations`).
    pub(super) fn new(doc: &'a Document, lex: &'a Lexicon, quotes: Vec<Quote>) -> Pass<'a> {
        let outer: Vec<Span> = quotes.iter().map(|q| q.span).collect();
        Pass {
            doc,
            lex,
            out: ArticleQuotes {
                quotes,
                ..ArticleQuotes::default()
            },
            seen: Seen {
                speakers: Vec::new(),
                quotes: outer.clone(),
            },
            frames: Frames::new(doc, outer),
            by_sentence: BTreeMap::new(),
        }
    }

    /// The pass taken apart (see [`Parts`]).
    fn parts(&mut self) -> Parts<'_, 'a> {
        let Pass {
            doc,
            lex,
            out,
            seen,
            frames,
            by_sentence,
        } = self;
        let (doc, lex) = (*doc, *lex);
        (
            doc,
            lex,
            doc.article.body.as_str(),
            out,
            seen,
            frames,
            by_sentence,
        )
    }

    /// The speaker and verb of each quotation, in order, and the attribution of its sentences.
    pub(super) fn quotations(&mut self) {
        let (doc, lex, body, out, seen, frames, by_sentence) = self.parts();
        let mut frame_of = |si: usize| frames.of(si);
        let mut last_speaker: Option<(usize, Speaker, Option<String>)> = None;
        for qi in 0..out.quotes.len() {
            let q = out.quotes[qi].clone();
            let (Some(&first), Some(&last)) = (q.sentences.first(), q.sentences.last()) else {
                continue;
            };
            let mut found: Option<(Found, Vec<Tok>, usize)> = None;
            // 1. After the quotation, in its last sentence.
            let toks = frame_of(last);
            if let Some(k) = toks.iter().position(|t| t.kind == TokKind::Quote(qi)) {
                if let Some(f) = find_after(&toks, k + 1, lex, true) {
                    found = Some((f, toks.clone(), last));
                }
            }
            // 2. Before it, in its first sentence (also when the verb after it had no speaker).
            if found.as_ref().is_none_or(|f| f.0.speaker.is_none()) {
                let toks = frame_of(first);
                if let Some(k) = toks.iter().position(|t| t.kind == TokKind::Quote(qi)) {
                    if let Some(f) = find_before(&toks, k, lex) {
                        if f.speaker.is_some() || found.is_none() {
                            found = Some((f, toks, first));
                        }
                    }
                }
            }
            let para = |si: usize| doc.sentences[si].paragraph;
            // 3. The sentence after, when it holds no quotation and the quotation ends its sentence.
            if found.is_none() && q.kind != QuoteKind::Scare && last + 1 < doc.sentences.len() {
                let toks = frame_of(last);
                let ends = toks
                    .iter()
                    .skip_while(|t| t.kind != TokKind::Quote(qi))
                    .skip(1)
                    .all(|t| !t.is_word() && !matches!(t.kind, TokKind::Quote(_)));
                let next = frame_of(last + 1);
                let quiet = !next.iter().any(|t| matches!(t.kind, TokKind::Quote(_)));
                if ends && quiet && para(last + 1) == para(last) {
                    if let Some(f) = find_after(&next, 0, lex, false) {
                        if f.verb.start <= 6 {
                            found = Some((f, next, last + 1));
                        }
                    }
                }
            }
            // Its sentences hold nothing but quotations.
            // It stands alone: no word of the author between the sentence end before it and the
            // sentence end after it.
            let quote_only = {
                let toks: Vec<Tok> = q.sentences.iter().flat_map(|&si| frame_of(si)).collect();
                let end = |t: &Tok| matches!(t.lower.as_str(), "." | "?" | "!");
                match toks.iter().position(|t| t.kind == TokKind::Quote(qi)) {
                    Some(k) => {
                        let before = toks[..k].iter().rev().take_while(|t| !end(t));
                        let after = toks[k + 1..].iter().take_while(|t| !end(t));
                        before.chain(after).all(|t| !t.is_word())
                    }
                    None => false,
                }
            };
            // 4. A quotation standing alone right after a quotation of a known speaker (same or
            // previous paragraph): the same speaker goes on.
            let mut sp = None;
            let mut verb = None;
            if found.is_none() && quote_only && q.kind != QuoteKind::Scare {
                if let Some((lp, s, v)) = &last_speaker {
                    if para(first) <= lp + 1 {
                        sp = Some(s.clone());
                        verb = v.clone();
                    }
                }
            }
            // 5. The sentence before: one ending in a colon, or, for a quotation standing alone, an
            // attribution with no quotation of its own ("Ana Costa said on Friday.").
            if found.is_none() && sp.is_none() && q.kind != QuoteKind::Scare && first > 0 {
                let prev = &doc.sentences[first - 1];
                let toks = frame_of(first - 1);
                let close = para(first) <= para(first - 1) + 1;
                if prev.text.trim_end().ends_with(':') {
                    let n = toks.len();
                    if let Some(f) = find_before(&toks, n, lex) {
                        found = Some((f, toks, first - 1));
                    } else if let Some(r) = subject(&toks, lex) {
                        // "She then listed her demands:": the subject introduces the quotation.
                        sp = speaker(doc, &toks, r, lex, seen);
                    }
                } else if quote_only
                    && close
                    && !toks.iter().any(|t| matches!(t.kind, TokKind::Quote(_)))
                {
                    if let Some(f) = sentence_attribution(&toks, lex) {
                        found = Some((f, toks, first - 1));
                    }
                }
            }
            if let Some((f, toks, si)) = found {
                verb = Some(body[toks[f.verb.start].start..toks[f.verb.end - 1].end].to_string());
                let qpos = toks.iter().position(|t| t.kind == TokKind::Quote(qi));
                let adjacent = qpos.is_some_and(|k| {
                    let (a, b) = if k < f.verb.start {
                        (k + 1, f.verb.start)
                    } else {
                        (f.verb.end, k)
                    };
                    toks[a..b].iter().all(|t| !t.is_word())
                });
                match f.speaker {
                    Some(r) => sp = speaker(doc, &toks, r, lex, seen),
                    None if adjacent => out.missing_speakers.push(missing(doc, &toks, &f, si)),
                    None => {}
                }
            }
            if let Some(s) = &sp {
                if s.kind == SpeakerKind::Named || s.resolved {
                    seen.speakers.push((s.mention.start, s.text.clone()));
                }
                last_speaker = Some((para(last), s.clone(), verb.clone()));
            }
            let kind = match &sp {
                Some(s) if s.is_named() => AttributionKind::Named,
                Some(s) if s.kind == SpeakerKind::Anonymous => AttributionKind::Anonymous,
                Some(_) => AttributionKind::Unresolved,
                None => AttributionKind::None,
            };
            // Short quoted words given to a speaker are a partial quotation, not scare quotes.
            if q.kind == QuoteKind::Scare && sp.is_some() {
                out.quotes[qi].kind = QuoteKind::Partial;
            }
            if out.quotes[qi].kind != QuoteKind::Scare && kind != AttributionKind::None {
                for &si in &q.sentences {
                    by_sentence.entry(si).or_insert((
                        kind,
                        sp.as_ref().map(|s| s.text.clone()),
                        verb.clone(),
                    ));
                }
            }
            out.quotes[qi].speaker = sp;
            out.quotes[qi].verb = verb;
        }
    }

    /// The sentences without an attributed quotation: any reporting verb with a speaker phrase; a
    /// verb followed by " ," where a name belongs; scare quotes in an attributed sentence.
    pub(super) fn sentences(&mut self) {
        let (doc, lex, body, out, seen, frames, by_sentence) = self.parts();
        let mut frame_of = |si: usize| frames.of(si);
        // Sentences without a quotation: any reporting verb with a speaker phrase.
        let mut sentence_speakers: BTreeMap<usize, (Speaker, String)> = BTreeMap::new();
        for si in 0..doc.sentences.len() {
            let toks = frame_of(si);
            if let std::collections::btree_map::Entry::Vacant(slot) = by_sentence.entry(si) {
                let found = sentence_attribution(&toks, lex).and_then(|f| {
                    let s = speaker(doc, &toks, f.speaker.clone()?, lex, seen)?;
                    Some((f, s))
                });
                if let Some((f, s)) = found {
                    let kind = if s.is_named() {
                        AttributionKind::Named
                    } else if s.kind == SpeakerKind::Anonymous {
                        AttributionKind::Anonymous
                    } else {
                        AttributionKind::Unresolved
                    };
                    let verb = body[toks[f.verb.start].start..toks[f.verb.end - 1].end].to_string();
                    slot.insert((kind, Some(s.text.clone()), Some(verb.clone())));
                    if s.is_named() {
                        seen.speakers.push((s.mention.start, s.text.clone()));
                    }
                    sentence_speakers.insert(si, (s, verb));
                }
            }
            // A verb followed by " ," where a name belongs ("said , who …").
            for i in 0..toks.len() {
                if verb_at(&toks, i, lex).is_some()
                    && toks
                        .get(i + 1)
                        .is_some_and(|t| t.lower == "," && t.start > toks[i].end)
                    && !out.missing_speakers.iter().any(|m| m.sentence == si)
                {
                    let f = Found {
                        speaker: None,
                        verb: i..i + 1,
                    };
                    out.missing_speakers.push(missing(doc, &toks, &f, si));
                }
            }
        }
        // Scare-quoted words in a sentence attributed to someone: that speaker's words.
        for q in &mut out.quotes {
            if q.kind != QuoteKind::Scare {
                continue;
            }
            if let Some((s, verb)) = q.sentences.first().and_then(|si| sentence_speakers.get(si)) {
                q.kind = QuoteKind::Partial;
                q.speaker = Some(s.clone());
                q.verb = Some(verb.clone());
            }
        }
    }

    /// Missing speakers in text order, once each, and one attribution per sentence.
    pub(super) fn finish(self) -> ArticleQuotes {
        let Pass {
            doc,
            mut out,
            mut by_sentence,
            ..
        } = self;
        out.missing_speakers.sort_by_key(|m| m.span);
        out.missing_speakers.dedup_by_key(|m| m.span);
        out.attributions = (0..doc.sentences.len())
            .map(|si| {
                let (kind, speaker, verb) =
                    by_sentence
                        .remove(&si)
                        .unwrap_or((AttributionKind::None, None, None));
                SentenceAttribution {
                    sentence: si,
                    kind,
                    speaker,
                    verb,
                }
            })
            .collect();
        out
    }
}

fn missing(doc: &Document, toks: &[Tok], f: &Found, si: usize) -> MissingSpeaker {
    let body = doc.article.body.as_str();
    let a = f.verb.start.saturating_sub(2);
    let b = (f.verb.end + 4).min(toks.len());
    let start = toks[a].start;
    let end = toks[b - 1].end;
    let span = Span::new(start, end);
    MissingSpeaker {
        sentence: si,
        text: body[start..end].to_string(),
        span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::quotes::test_support::run;

    #[test]
    fn missing_speaker_is_found() {
        let body =
            "“The agency has lost its way,” said , who served as deputy director until 2019.";
        let q = run(body);
        assert_eq!(q.missing_speakers.len(), 1, "{q:#?}");
        assert!(q.missing_speakers[0].text.contains("said"));
        assert!(q.quotes[0].speaker.is_none());
        let q = run("“The agency has lost its way,” said Ada Berg, who served as deputy director.");
        assert!(q.missing_speakers.is_empty(), "{q:#?}");
    }

    #[test]
    fn attribution_profile_kinds() {
        let body = "Officials said the dam held. Engineer Jo Kim said repairs start soon. The river rose overnight.";
        let q = run(body);
        let kinds: Vec<AttributionKind> = q.attributions.iter().map(|a| a.kind).collect();
        assert_eq!(
            kinds,
            [
                AttributionKind::Anonymous,
                AttributionKind::Named,
                AttributionKind::None
            ]
        );
    }
}
