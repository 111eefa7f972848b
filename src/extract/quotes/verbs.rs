//! Reporting verbs and the speaker phrase next to them, in a sentence's token frame: "X said",
//! "said X", "X told Y", "according to X", "X, who …, said", "…, saying" (the sentence's subject),
//! the nearest verb after or before a quotation, and the first attribution of a sentence.
//!
//! It returns token ranges only: what the phrase names (a name, a pronoun, a role, an anonymous
//! source) and whom a pronoun means are decided in `speakers.rs`.

use std::ops::Range;

use super::frame::{Tok, TokKind};
use super::lexicon::Lexicon;

/// Words that end a speaker phrase walking left from a verb (besides punctuation and quotations).
const LEFT_BOUNDARY: &[&str] = &[
    "and", "but", "that", "as", "while", "when", "because", "after", "before", "if", "so", "or",
    "which", "where", "what", "how", "though", "although", "since", "until", "whom",
];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these",
    "those", "whose", "no", "every", "each",
];

fn boundary_punct(t: &Tok) -> bool {
    match &t.kind {
        TokKind::Quote(_) => true,
        TokKind::Punct => !matches!(t.lower.as_str(), "'" | "’" | "&" | "-"),
        TokKind::Word => false,
    }
}

/// A speaker phrase found next to a verb: token range.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(super) speaker: Option<Range<usize>>,
    /// Verb tokens.
    pub(super) verb: Range<usize>,
}

/// The verb (one word, or a speaker-after phrase) at token `i`: its token length and whether its
/// speaker follows it.
pub(super) fn verb_at(toks: &[Tok], i: usize, lex: &Lexicon) -> Option<(usize, bool)> {
    for p in &lex.speaker_after {
        let ok = p.iter().enumerate().all(|(k, w)| {
            toks.get(i + k)
                .is_some_and(|t| t.is_word() && t.lower == *w)
        });
        if ok && !p.is_empty() {
            return Some((p.len(), true));
        }
    }
    let t = &toks[i];
    // "the state", "a post", "his claims": nouns, not verbs.
    let noun = i > 0 && (DETERMINERS.contains(&toks[i - 1].lower.as_str()) || t.cap);
    (t.is_word() && !noun && lex.verbs.contains(&t.lower)).then_some((1, false))
}

/// A verb form whose speaker is not next to it: "…, adding", "went on to say".
fn bare_verb(toks: &[Tok], i: usize) -> bool {
    toks[i].lower.ends_with("ing") || (i > 0 && toks[i - 1].lower == "to")
}

/// Left speaker phrase of the verb at `v`: tokens back to a boundary, skipping a ", who …," or
/// ", a former …," apposition; trailing auxiliaries and adverbs dropped.
fn left_phrase(toks: &[Tok], v: usize, lex: &Lexicon) -> Option<Range<usize>> {
    let mut end = v;
    // Drop auxiliaries and adverbs right before the verb ("has repeatedly said").
    while end > 0 && {
        let t = &toks[end - 1];
        t.is_word() && (lex.np_drop.contains(&t.lower) || t.lower.ends_with("ly"))
    } {
        end -= 1;
    }
    // "X, who has blasted …": the relative clause's verb; the speaker is before the comma.
    let relative =
        end > 0 && toks[end - 1].lower == "," && toks.get(end).is_some_and(|t| t.lower == "who");
    if relative {
        end -= 1;
    } else if end > 0 && toks[end - 1].lower == "," {
        // "X, who served as …, said": the phrase ends at the comma that opens the apposition.
        let mut k = end - 1;
        let mut found = None;
        while k > 0 && end - k < 40 {
            k -= 1;
            if matches!(toks[k].kind, TokKind::Quote(_))
                || matches!(toks[k].lower.as_str(), "." | ";" | ":")
            {
                break;
            }
            if toks[k].lower == "," {
                let next = toks.get(k + 1).map(|t| t.lower.as_str()).unwrap_or("");
                let apposition = matches!(
                    next,
                    "who"
                        | "whose"
                        | "which"
                        | "a"
                        | "an"
                        | "the"
                        | "now"
                        | "also"
                        | "then"
                        | "himself"
                        | "herself"
                        | "formerly"
                        | "currently"
                        | "once"
                        | "its"
                        | "his"
                        | "her"
                        | "their"
                ) || toks.get(k + 1).is_some_and(|t| {
                    t.is_word()
                        && t.lower.chars().next().is_some_and(char::is_alphabetic)
                        && toks[k + 1..end - 1].iter().any(|x| x.lower == "who")
                });
                if apposition {
                    found = Some(k);
                    break;
                }
                // Any comma-delimited insert: "Yang Li, director of the institute, said".
                found.get_or_insert(k);
            }
        }
        end = found?;
    }
    let mut start = end;
    while start > 0 && end - start < 12 {
        let t = &toks[start - 1];
        if boundary_punct(t) || (t.is_word() && LEFT_BOUNDARY.contains(&t.lower.as_str())) {
            break;
        }
        start -= 1;
    }
    // Drop words like "later", "also" left at the end after an apposition.
    while end > start && {
        let t = &toks[end - 1];
        lex.np_drop.contains(&t.lower)
    } {
        end -= 1;
    }
    let words: Vec<&Tok> = toks[start..end].iter().filter(|t| t.is_word()).collect();
    // A subject: at most eight words, no auxiliary inside ("the race has turned to"), opening with
    // a capital, a determiner, a number or a pronoun.
    let opening = words.first().is_some_and(|w| {
        w.cap
            || DETERMINERS.contains(&w.lower.as_str())
            || lex.anonymous_determiners.contains(&w.lower)
            || lex.pronouns.contains(&w.lower)
            || w.lower.starts_with(|c: char| c.is_ascii_digit())
    });
    let known = words
        .iter()
        .any(|w| w.cap || lex.roles.contains(&w.lower) || lex.anonymous_heads.contains(&w.lower));
    (!words.is_empty() && (opening || known)).then_some(start..end)
}

/// Right speaker phrase of the verb ending at token `after`: tokens up to punctuation, a quotation
/// or a time or clause word.
fn right_phrase(toks: &[Tok], after: usize, lex: &Lexicon) -> Option<Range<usize>> {
    let mut end = after;
    while end < toks.len() && end - after < 14 {
        let t = &toks[end];
        // "said Ada Berg of the university": "of" goes on once a speaker word is there.
        let temporal =
            t.is_word() && lex.temporal.contains(&t.lower) && !(end > after && t.lower == "of");
        if boundary_punct(t) || temporal {
            break;
        }
        end += 1;
    }
    let range = after..end;
    let words = toks[range.clone()].iter().filter(|t| t.is_word()).count();
    (words > 0).then_some(range)
}

/// Attribution found in a token frame: the verb nearest to `anchor` (a token index) in the given
/// direction, and its speaker.
pub(super) fn find_after(toks: &[Tok], from: usize, lex: &Lexicon, tight: bool) -> Option<Found> {
    let mut first: Option<Found> = None;
    let mut i = from;
    while i < toks.len() && i < from + 14 {
        if matches!(toks[i].kind, TokKind::Quote(_)) || stop_at(toks, i) {
            break;
        }
        if let Some((n, after)) = verb_at(toks, i, lex) {
            let verb = i..i + n;
            let speaker = if after {
                right_phrase(toks, i + n, lex)
            } else {
                // "…,” Ada Berg said": the phrase starts right after the quotation.
                let lead = from + toks[from..].iter().take_while(|t| !t.is_word()).count();
                left_phrase(toks, i, lex)
                    .filter(|r| r.start == lead || (!tight && r.start >= from))
                    .or_else(|| {
                        inverted(toks, i)
                            .then(|| right_phrase(toks, i + n, lex))
                            .flatten()
                    })
            };
            let speaker = speaker.filter(|_| after || !bare_verb(toks, i));
            if speaker.is_some() {
                return Some(Found { speaker, verb });
            }
            first.get_or_insert(Found { speaker, verb });
        }
        i += 1;
    }
    first
}

/// A sentence end inside a frame: ";" or a period before a capital, a quotation or the end (not
/// the period of "Sept. 11").
fn stop_at(toks: &[Tok], i: usize) -> bool {
    match toks[i].lower.as_str() {
        ";" => true,
        "." => toks
            .get(i + 1)
            .is_none_or(|t| t.cap || matches!(t.kind, TokKind::Quote(_))),
        _ => false,
    }
}

/// The verb at `i` follows a comma, a quotation or starts the frame: "…,” said Ada Berg".
fn inverted(toks: &[Tok], i: usize) -> bool {
    i == 0 || toks[i - 1].lower == "," || matches!(toks[i - 1].kind, TokKind::Quote(_))
}

/// The nearest reporting verb with a speaker before token `to` (within the sentence part that holds
/// no other quotation); without one, the nearest verb (its speaker missing).
pub(super) fn find_before(toks: &[Tok], to: usize, lex: &Lexicon) -> Option<Found> {
    let mut first: Option<Found> = None;
    let mut i = to;
    while i > 0 && to - i < 40 {
        i -= 1;
        if matches!(toks[i].kind, TokKind::Quote(_)) || stop_at(toks, i) {
            break;
        }
        if let Some((n, after)) = verb_at(toks, i, lex) {
            let verb = i..i + n;
            let speaker = if after {
                right_phrase(toks, i + n, lex).filter(|r| r.end <= to)
            } else {
                left_phrase(toks, i, lex).or_else(|| {
                    inverted(toks, i)
                        .then(|| right_phrase(toks, i + n, lex).filter(|r| r.end <= to))
                        .flatten()
                })
            };
            let speaker = speaker.filter(|_| after || !bare_verb(toks, i));
            if speaker.is_some() {
                return Some(Found { speaker, verb });
            }
            first.get_or_insert(Found { speaker, verb });
        }
    }
    // "Ana Costa attacked the plan, saying “…”": the participle's speaker is the subject.
    if let Some(f) = first.as_mut() {
        if bare_verb(toks, f.verb.start) && toks[f.verb.start].lower.ends_with("ing") {
            f.speaker = subject(toks, lex).filter(|r| r.end < f.verb.start);
        }
    }
    first
}

/// The leading noun phrase of a sentence, after an opening phrase such as "In 2016," or "On
/// Monday,": capitalised words, determiners, roles (at most six words).
pub(super) fn subject(toks: &[Tok], lex: &Lexicon) -> Option<Range<usize>> {
    let mut start = 0;
    if toks
        .first()
        .is_some_and(|t| lex.temporal.contains(&t.lower))
    {
        start = toks.iter().take(10).position(|t| t.lower == ",")? + 1;
    }
    let len = toks[start..]
        .iter()
        .take(6)
        .take_while(|t| {
            t.is_word()
                && (t.cap
                    || DETERMINERS.contains(&t.lower.as_str())
                    || lex.roles.contains(&t.lower)
                    || lex.anonymous_heads.contains(&t.lower))
        })
        .count();
    let range = start..start + len;
    let ok = len > 0 && toks[range.clone()].iter().any(|t| t.cap);
    ok.then_some(range)
}

/// The first reporting verb of a sentence with a speaker: "X said …", or "…, said X" after a comma
/// or a quotation.
pub(super) fn sentence_attribution(toks: &[Tok], lex: &Lexicon) -> Option<Found> {
    for i in 0..toks.len() {
        let Some((n, after)) = verb_at(toks, i, lex) else {
            continue;
        };
        let speaker = if after {
            right_phrase(toks, i + n, lex)
        } else {
            left_phrase(toks, i, lex).or_else(|| {
                let inverted = i > 0
                    && (toks[i - 1].lower == "," || matches!(toks[i - 1].kind, TokKind::Quote(_)));
                if inverted {
                    right_phrase(toks, i + n, lex)
                } else {
                    None
                }
            })
        };
        let speaker = speaker.filter(|_| after || !bare_verb(toks, i));
        if speaker.is_some() {
            return Some(Found {
                speaker,
                verb: i..i + n,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::extract::quotes::test_support::run;
    use crate::extract::quotes::SpeakerKind;

    #[test]
    fn speaker_patterns() {
        let cases = [
            (
                "“Prices will fall,” said Karl Lind, an economist.",
                "Karl Lind",
                SpeakerKind::Named,
            ),
            (
                "Karl Lind told the radio station “prices will fall soon.”",
                "Karl Lind",
                SpeakerKind::Named,
            ),
            (
                "According to Karl Lind, “prices will fall soon.”",
                "Karl Lind",
                SpeakerKind::Named,
            ),
            (
                "Karl Lind, who advised three governments, said “prices will fall soon.”",
                "Karl Lind",
                SpeakerKind::Named,
            ),
            (
                "“Prices will fall,” two officials said.",
                "two officials",
                SpeakerKind::Anonymous,
            ),
            (
                "“Prices will fall,” a source close to the talks said.",
                "a source close to the talks",
                SpeakerKind::Anonymous,
            ),
        ];
        for (body, want, kind) in cases {
            let q = run(body);
            let s = q.quotes[0]
                .speaker
                .as_ref()
                .unwrap_or_else(|| panic!("{body}: {q:#?}"));
            assert_eq!((s.text.as_str(), s.kind), (want, kind), "{body}");
        }
        // A role resolved to the name introduced with it.
        let body = "Finance Minister Rosa Ibarra met the bankers on Friday.\n\n\
            “The deficit is under control,” the minister said.";
        let q = run(body);
        let s = q.quotes[0].speaker.as_ref().unwrap();
        assert_eq!(
            (s.text.as_str(), s.kind, s.resolved),
            ("Rosa Ibarra", SpeakerKind::Role, true)
        );
        // The speaker in the next sentence.
        let q = run("“Enough!” Pia Holm wrote on her blog.");
        assert_eq!(q.quotes[0].speaker.as_ref().unwrap().text, "Pia Holm");
    }
}
