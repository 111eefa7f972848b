//! Speakers: what a speaker phrase next to a reporting verb names. A name ("Ana Costa", "the
//! Interior Ministry", the holder of "Maria Lopez's office"), a pronoun or a role resolved to the
//! nearest compatible named speaker before it, or an anonymous source ("officials", "a source close
//! to the talks", an institution with no name, "the Chilean presidency").
//!
//! It does not find the phrase (`verbs.rs` does), and pronoun resolution ignores gender and number.

use std::ops::Range;

use serde::Serialize;

use super::frame::Tok;
use super::lexicon::Lexicon;
use crate::model::{Document, Span};
use crate::text::count_words;

/// How the speaker was named where the quotation (or attribution) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    /// A name ("Ana Costa", "the Interior Ministry").
    Named,
    /// A pronoun ("he said"); `text` is the resolved name when `resolved`.
    Pronoun,
    /// A role ("the minister said"); `text` is the resolved name when `resolved`.
    Role,
    /// An anonymous source ("officials said", "a source familiar with the talks").
    Anonymous,
}

/// Who said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// The name (resolved for pronouns and roles when possible), else the phrase as written.
    pub text: String,
    /// The phrase as written next to the verb ("he", "the minister", "Ana Costa, who …").
    pub phrase: String,
    /// The phrase's byte span in the body (for a continued quotation: the earlier mention).
    pub mention: Span,
    pub kind: SpeakerKind,
    /// For pronouns and roles: a named speaker was found for them.
    pub resolved: bool,
}

impl Speaker {
    /// A named source: a name, or a pronoun or role resolved to one.
    pub fn is_named(&self) -> bool {
        self.kind == SpeakerKind::Named || self.resolved
    }
}

/// Named speakers seen so far, with their mention offset (for resolution).
#[derive(Debug, Default)]
pub(super) struct Seen {
    /// (body offset, name) of named speakers, in order.
    pub(super) speakers: Vec<(usize, String)>,
    /// Outer spans of the document's quotations: names inside them are not speakers.
    pub(super) quotes: Vec<Span>,
}

/// The best name in a phrase: most words, ties to the last.
fn best_name(phrase: &str) -> Option<String> {
    let names = crate::extract::names(phrase);
    names
        .iter()
        .rev()
        .max_by_key(|n| count_words(&n.text))
        .map(|n| n.text.clone())
}

/// Head word of a phrase: the last word before a post-modifier ("sources with knowledge …").
fn head_word(toks: &[Tok]) -> Option<&str> {
    let words: Vec<&Tok> = toks.iter().filter(|t| t.is_word()).collect();
    let cut = words
        .iter()
        .position(|t| {
            matches!(
                t.lower.as_str(),
                "with"
                    | "familiar"
                    | "close"
                    | "who"
                    | "in"
                    | "from"
                    | "at"
                    | "of"
                    | "on"
                    | "for"
                    | "inside"
                    | "involved"
                    | "briefed"
                    | "knowledgeable"
            )
        })
        .unwrap_or(words.len());
    words[..cut].last().map(|t| t.lower.as_str())
}

/// Sentences back in which the people a pronoun may continue are looked for.
const PERSON_WINDOW: usize = 20;

/// Words from a sentence's start within which its subject is looked for ("In October, Varga said").
const SUBJECT_WINDOW: usize = 8;

/// The person a pronoun at `offset` continues: the subject of the nearest sentence that has one
/// (its first person named within [`SUBJECT_WINDOW`] words), the pronoun's own sentence first. A
/// sentence that opens with a pronoun continues the one before it. A person is someone who has
/// spoken before `offset` or is named with two or more words before it; a name matches a person
/// by its last word, and the person's fullest name is returned. A pronoun continues the subject
/// of the discourse, not the last name mentioned: in "Varga has been critical of Brandt. She said…"
/// "she" is Varga.
fn subject_before(doc: &Document, seen: &Seen, offset: usize, before: &[usize]) -> Option<String> {
    let quoted = |at: usize| seen.quotes.iter().any(|q| q.start <= at && at < q.end);
    let last = |s: &str| s.split_whitespace().last().map(str::to_lowercase);
    let mut persons: Vec<String> = seen
        .speakers
        .iter()
        .filter(|(o, _)| *o < offset)
        .map(|(_, n)| n.clone())
        .collect();
    // People named in the last sentences only: a pronoun does not reach further back, and a scan of
    // the whole article per pronoun would grow with the square of its length.
    for &si in before.iter().rev().take(PERSON_WINDOW) {
        let s = &doc.sentences[si];
        let upto = (offset.min(s.span.end) - s.span.start).min(s.text.len());
        for n in crate::extract::names(&s.text[..upto]) {
            if count_words(&n.text) >= 2 && !quoted(s.span.start + n.span.start) {
                persons.push(n.text);
            }
        }
    }
    let person = |name: &str| {
        let key = last(name)?;
        persons
            .iter()
            .filter(|p| last(p).as_ref() == Some(&key))
            .max_by_key(|p| count_words(p))
            .cloned()
    };
    for &si in before.iter().rev().take(3) {
        let s = &doc.sentences[si];
        let upto = (offset.min(s.span.end) - s.span.start).min(s.text.len());
        let text = &s.text[..upto];
        let first = text.split_whitespace().next().map(str::to_lowercase);
        if first.is_some_and(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            matches!(w, "he" | "she" | "they")
        }) {
            continue;
        }
        let window_end = text
            .split_whitespace()
            .nth(SUBJECT_WINDOW)
            .map_or(text.len(), |w| w.as_ptr() as usize - text.as_ptr() as usize);
        let found = crate::extract::names(&text[..window_end])
            .into_iter()
            .filter(|n| !quoted(s.span.start + n.span.start))
            .find_map(|n| person(&n.text));
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Resolve a pronoun or role at `offset` to a named speaker or name before it.
fn resolve(doc: &Document, seen: &Seen, offset: usize, role: Option<&str>) -> Option<String> {
    let before: Vec<usize> = doc
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| s.span.start < offset)
        .map(|(i, _)| i)
        .collect();
    if let Some(role) = role {
        // A name introduced with that role: "Interior Minister Ana Costa", "Costa, the minister".
        for &si in before.iter().rev().take(20) {
            let s = &doc.sentences[si];
            let lower = s.text.to_ascii_lowercase();
            for (at, _) in lower.match_indices(role) {
                let rest = &s.text[at + role.len()..];
                if let Some(n) = crate::extract::names(rest).first() {
                    if n.span.start <= 3 && count_words(&n.text) >= 1 {
                        return Some(n.text.clone());
                    }
                }
                let head = &s.text[..at];
                if let Some(comma) = head.rfind(',') {
                    if let Some(n) = crate::extract::names(&head[..comma]).last() {
                        if n.span.end + 2 >= comma && head[comma..].split_whitespace().count() <= 4
                        {
                            return Some(n.text.clone());
                        }
                    }
                }
            }
        }
        return None;
    }
    if let Some(name) = subject_before(doc, seen, offset, &before) {
        return Some(name);
    }
    if let Some((_, name)) = seen.speakers.iter().rev().find(|(o, _)| *o < offset) {
        return Some(name.clone());
    }
    for &si in before.iter().rev().take(6) {
        let s = &doc.sentences[si];
        let upto = offset.min(s.span.end) - s.span.start;
        let text = &s.text[..upto.min(s.text.len())];
        let quoted = |at: usize| seen.quotes.iter().any(|q| q.start <= at && at < q.end);
        let found = crate::extract::names(text)
            .into_iter()
            .rev()
            .find(|n| count_words(&n.text) >= 2 && !quoted(s.span.start + n.span.start));
        if let Some(n) = found {
            return Some(n.text);
        }
    }
    None
}

/// Make a speaker from the phrase tokens.
pub(super) fn speaker(
    doc: &Document,
    toks: &[Tok],
    range: Range<usize>,
    lex: &Lexicon,
    seen: &Seen,
) -> Option<Speaker> {
    let body = doc.article.body.as_str();
    let t = &toks[range.clone()];
    let (first, last) = (t.first()?, t.last()?);
    let mention = Span::new(first.start, last.end);
    let phrase = body[mention.start..mention.end].to_string();
    let words: Vec<&Tok> = t.iter().filter(|t| t.is_word()).collect();
    if words.len() == 1 && lex.pronouns.contains(&words[0].lower) {
        let resolved = resolve(doc, seen, mention.start, None);
        return Some(Speaker {
            text: resolved.clone().unwrap_or_else(|| phrase.clone()),
            phrase,
            mention,
            kind: SpeakerKind::Pronoun,
            resolved: resolved.is_some(),
        });
    }
    let head = head_word(t).unwrap_or("");
    let det = words.first().map(|w| w.lower.as_str()).unwrap_or("");
    let role = lex.roles.contains(head);
    let anonymous = |phrase: String| Speaker {
        text: phrase.clone(),
        phrase,
        mention,
        kind: SpeakerKind::Anonymous,
        resolved: false,
    };
    if lex.anonymous_heads.contains(head) && !(role && det == "the") {
        return Some(anonymous(phrase));
    }
    if let Some(name) = best_name(&phrase) {
        // "the Chilean president": a demonym alone before a role is not the speaker's name.
        let name_lower = name.to_lowercase();
        let head_in_name = name_lower
            .split_whitespace()
            .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == head);
        let role_after = role && !head_in_name && words.last().is_some_and(|w| w.lower == head);
        // A name is the speaker only when it heads the phrase: not a name inside a phrase about
        // a thing ("the fact that Indian markets …", "the block of … from Haitians", "his record of
        // using Oval Office meetings"). A capitalised head (an abbreviation in brackets after the
        // name) and a possessive ("the minister's office") still count for the name.
        let possessive = ["'s", "’s"]
            .iter()
            .any(|p| phrase.contains(&format!("{name}{p}")));
        let head_cap = words
            .iter()
            .rev()
            .find(|w| w.lower == head)
            .is_some_and(|w| w.cap);
        if !(head.is_empty() || head_in_name || head_cap || possessive || role) {
            // Then the phrase is an institution's ("the Colombian presidency"): an unnamed
            // source, unless it is a whole clause ("the fact that …", "markets are soaring": an
            // auxiliary of `np-drop` or "that" inside it, or over eight words).
            let clause = words.len() > 8
                || words
                    .iter()
                    .any(|w| w.lower == "that" || lex.np_drop.contains(&w.lower));
            return (!clause).then(|| anonymous(phrase));
        }
        if !role_after || count_words(&name) >= 2 {
            return Some(Speaker {
                text: name,
                phrase,
                mention,
                kind: SpeakerKind::Named,
                resolved: false,
            });
        }
    }
    if role {
        if lex.anonymous_determiners.contains(det) {
            return Some(anonymous(phrase));
        }
        let resolved = resolve(doc, seen, mention.start, Some(head));
        return Some(Speaker {
            text: resolved.clone().unwrap_or_else(|| phrase.clone()),
            phrase,
            mention,
            kind: SpeakerKind::Role,
            resolved: resolved.is_some(),
        });
    }
    // Phrases with no name and no role ("the report", "The scholars"): anonymous sources.
    let _ = first;
    let kind = SpeakerKind::Anonymous;
    Some(Speaker {
        text: phrase.clone(),
        phrase,
        mention,
        kind,
        resolved: false,
    })
}

#[cfg(test)]
mod tests {
    use crate::extract::quotes::test_support::run;
    use crate::extract::quotes::AttributionKind;

    #[test]
    fn a_name_inside_a_phrase_about_a_thing_is_not_the_speaker() {
        let body = "The fact that Brazilian markets are soaring suggests the cuts helped. \
                    Her record of using Oval Office meetings to confront rivals has added to the doubts. \
                    The Chilean presidency posted a photograph of the two men. \
                    Maria Lopez's office said the talks would resume.";
        let q = run(body);
        let at = |i: usize| (q.attributions[i].kind, q.attributions[i].speaker.clone());
        assert_eq!(at(0), (AttributionKind::None, None), "{q:#?}");
        assert_eq!(at(1), (AttributionKind::None, None), "{q:#?}");
        assert_eq!(
            at(2),
            (
                AttributionKind::Anonymous,
                Some("The Chilean presidency".to_string())
            )
        );
        // A possessive keeps the name: the office speaks for its holder.
        assert_eq!(
            at(3),
            (AttributionKind::Named, Some("Maria Lopez".to_string()))
        );
    }

    #[test]
    fn a_pronoun_continues_the_subject_not_the_last_name() {
        let body = "Prime Minister Lena Varga said on Monday that the talks would resume. \
                    Mayor Tomas Brandt called the plan \"reckless.\" \
                    Varga, for her part, has been sharply critical of Brandt. \
                    She has said the cuts amount to theft, and she described the vote as a \"farce.\"";
        let q = run(body);
        let farce = q
            .quotes
            .iter()
            .find(|x| x.text.contains("farce"))
            .expect("the quotation is found");
        let speaker = farce.speaker.as_ref().expect("a speaker");
        assert_eq!(speaker.text, "Lena Varga", "{q:#?}");
    }
}
