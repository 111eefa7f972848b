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

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::model::{Document, Span};

const SPEECH_VERBS: &str = include_str!("../../rubrics/lexicons/speech-verbs.toml");

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[allow(dead_code)] // `version`, `examples` and `counter-examples` are read by the tests only.
struct LexiconFile {
    version: u32,
    verbs: Vec<String>,
    speaker_after: Vec<String>,
    pronouns: Vec<String>,
    anonymous_heads: Vec<String>,
    anonymous_determiners: Vec<String>,
    roles: Vec<String>,
    np_drop: Vec<String>,
    temporal: Vec<String>,
    honorifics: Vec<String>,
    #[serde(default)]
    examples: Vec<(String, String, String)>,
    #[serde(default)]
    counter_examples: Vec<String>,
}

/// The word lists of `rubrics/lexicons/speech-verbs.toml`.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    verbs: HashSet<String>,
    speaker_after: Vec<Vec<String>>,
    pronouns: HashSet<String>,
    anonymous_heads: HashSet<String>,
    anonymous_determiners: HashSet<String>,
    roles: HashSet<String>,
    np_drop: HashSet<String>,
    temporal: HashSet<String>,
    honorifics: HashSet<String>,
}

impl Lexicon {
    /// The lexicon compiled into the binary, parsed once; a broken edit is a configuration error
    /// naming the file and line (exit 3), never an empty lexicon.
    pub fn builtin() -> crate::error::Result<&'static Lexicon> {
        const PATH: &str = "rubrics/lexicons/speech-verbs.toml";
        // The parsed lexicon, or the line and reason of the error (an `Error` is not `Clone`).
        static LEX: LazyLock<Result<Lexicon, (usize, String)>> = LazyLock::new(|| {
            match crate::error::from_toml(SPEECH_VERBS, std::path::Path::new(PATH), "") {
                Ok(f) => Ok(Lexicon::from_file(f)),
                Err(crate::error::Error::Config { line, reason, .. }) => Err((line, reason)),
                Err(e) => Err((1, e.to_string())),
            }
        });
        LEX.as_ref()
            .map_err(|(line, reason)| crate::error::Error::Config {
                path: PATH.into(),
                line: *line,
                reason: reason.clone(),
            })
    }

    fn from_file(f: LexiconFile) -> Lexicon {
        let set = |v: Vec<String>| v.into_iter().map(|w| w.to_lowercase()).collect();
        Lexicon {
            verbs: set(f.verbs),
            speaker_after: f
                .speaker_after
                .iter()
                .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
                .collect(),
            pronouns: set(f.pronouns),
            anonymous_heads: set(f.anonymous_heads),
            anonymous_determiners: set(f.anonymous_determiners),
            roles: set(f.roles),
            np_drop: set(f.np_drop),
            temporal: set(f.temporal),
            honorifics: set(f.honorifics),
        }
    }

    /// Honorifics and titles dropped when quotations are compared ("mr", "sen").
    pub fn is_honorific(&self, lower: &str) -> bool {
        self.honorifics.contains(lower)
    }

    /// The reporting verbs, lower case and sorted (for callers that build their own patterns, such
    /// as `eval validity`, which strips attribution frames).
    pub fn verbs(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.verbs.iter().map(String::as_str).collect();
        v.sort_unstable();
        v
    }
}

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

/// Everything this module finds in one document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ArticleQuotes {
    pub quotes: Vec<Quote>,
    pub attributions: Vec<SentenceAttribution>,
    pub missing_speakers: Vec<MissingSpeaker>,
}

// ---------------------------------------------------------------------------------------------
// Quotation marks

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

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
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
fn raw_quotes(doc: &Document) -> Vec<(Span, Vec<Span>)> {
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

// ---------------------------------------------------------------------------------------------
// Tokens of a sentence frame

const TOKEN: crate::text::scan::Scan = crate::text::scan::Scan {
    joiners: &['\'', '’', '-', '.'],
    trailing: &['.'],
    others: true,
};

#[derive(Debug, Clone, PartialEq, Eq)]
enum TokKind {
    Word,
    Punct,
    /// A quotation (index into the document's quotes).
    Quote(usize),
}

#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    lower: String,
    /// Written with a capital first letter.
    cap: bool,
    kind: TokKind,
}

impl Tok {
    fn is_word(&self) -> bool {
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
struct Found {
    speaker: Option<Range<usize>>,
    /// Verb tokens.
    verb: Range<usize>,
}

/// The verb (one word, or a speaker-after phrase) at token `i`: its token length and whether its
/// speaker follows it.
fn verb_at(toks: &[Tok], i: usize, lex: &Lexicon) -> Option<(usize, bool)> {
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
fn find_after(toks: &[Tok], from: usize, lex: &Lexicon, tight: bool) -> Option<Found> {
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
fn find_before(toks: &[Tok], to: usize, lex: &Lexicon) -> Option<Found> {
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
fn subject(toks: &[Tok], lex: &Lexicon) -> Option<Range<usize>> {
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
fn sentence_attribution(toks: &[Tok], lex: &Lexicon) -> Option<Found> {
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

// ---------------------------------------------------------------------------------------------
// Speakers

/// Named speakers seen so far, with their mention offset (for resolution).
#[derive(Debug, Default)]
struct Seen {
    /// (body offset, name) of named speakers, in order.
    speakers: Vec<(usize, String)>,
    /// Outer spans of the document's quotations: names inside them are not speakers.
    quotes: Vec<Span>,
}

fn words_of(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The best name in a phrase: most words, ties to the last.
fn best_name(phrase: &str) -> Option<String> {
    let names = super::names(phrase);
    names
        .iter()
        .rev()
        .max_by_key(|n| words_of(&n.text))
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
                if let Some(n) = super::names(rest).first() {
                    if n.span.start <= 3 && words_of(&n.text) >= 1 {
                        return Some(n.text.clone());
                    }
                }
                let head = &s.text[..at];
                if let Some(comma) = head.rfind(',') {
                    if let Some(n) = super::names(&head[..comma]).last() {
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
    if let Some((_, name)) = seen.speakers.iter().rev().find(|(o, _)| *o < offset) {
        return Some(name.clone());
    }
    for &si in before.iter().rev().take(6) {
        let s = &doc.sentences[si];
        let upto = offset.min(s.span.end) - s.span.start;
        let text = &s.text[..upto.min(s.text.len())];
        let quoted = |at: usize| seen.quotes.iter().any(|q| q.start <= at && at < q.end);
        let found = super::names(text)
            .into_iter()
            .rev()
            .find(|n| words_of(&n.text) >= 2 && !quoted(s.span.start + n.span.start));
        if let Some(n) = found {
            return Some(n.text);
        }
    }
    None
}

/// Make a speaker from the phrase tokens.
fn speaker(
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
        if !role_after || words_of(&name) >= 2 {
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

// ---------------------------------------------------------------------------------------------
// The pass over a document

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
    let words = words_of(text);
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

/// Index of the sentence holding byte `at`.
fn sentence_of(doc: &Document, at: usize) -> Option<usize> {
    doc.sentences
        .iter()
        .position(|s| s.span.start <= at && at < s.span.end)
        .or_else(|| doc.sentences.iter().rposition(|s| s.span.start <= at))
}

/// Quotations, speakers, per-sentence attributions and missing speakers of a document.
pub fn quotes(doc: &Document, lex: &Lexicon) -> ArticleQuotes {
    let body = doc.article.body.as_str();
    let raw = raw_quotes(doc);
    let outer: Vec<Span> = raw.iter().map(|r| r.0).collect();
    let mut out = ArticleQuotes::default();
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
        out.quotes.push(Quote {
            text,
            span: *span,
            pieces: pieces.clone(),
            sentences,
            kind,
            speaker: None,
            verb: None,
        });
    }
    let mut seen = Seen {
        speakers: Vec::new(),
        quotes: outer.clone(),
    };
    let mut frames: BTreeMap<usize, Vec<Tok>> = BTreeMap::new();
    let mut frame_of = |si: usize| -> Vec<Tok> {
        frames
            .entry(si)
            .or_insert_with(|| frame(body, doc.sentences[si].span, &outer))
            .clone()
    };
    // Per sentence: the attribution found, (kind, speaker, verb).
    let mut by_sentence: BTreeMap<usize, (AttributionKind, Option<String>, Option<String>)> =
        BTreeMap::new();
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
                    sp = speaker(doc, &toks, r, lex, &seen);
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
                Some(r) => sp = speaker(doc, &toks, r, lex, &seen),
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
    // Sentences without a quotation: any reporting verb with a speaker phrase.
    let mut sentence_speakers: BTreeMap<usize, (Speaker, String)> = BTreeMap::new();
    for si in 0..doc.sentences.len() {
        let toks = frame_of(si);
        if let std::collections::btree_map::Entry::Vacant(slot) = by_sentence.entry(si) {
            let found = sentence_attribution(&toks, lex).and_then(|f| {
                let s = speaker(doc, &toks, f.speaker.clone()?, lex, &seen)?;
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

/// The quotation-finding pass alone, on a plain text (for tests and diagnostics): the quoted words.
pub fn quoted_texts(doc: &Document) -> Vec<String> {
    let body = doc.article.body.as_str();
    raw_quotes(doc)
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

/// [`sentence_of`] for other modules.
pub fn sentence_at(doc: &Document, at: usize) -> Option<usize> {
    sentence_of(doc, at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Format};

    fn doc(body: &str) -> Document {
        let mut a = Article::bare("t", Format::Text);
        a.body = body.to_string();
        crate::segment::segment(a)
    }

    fn run(body: &str) -> ArticleQuotes {
        quotes(&doc(body), Lexicon::builtin().unwrap())
    }

    #[test]
    fn lexicon_parses_and_its_examples_hold() {
        let f: LexiconFile = toml::from_str(SPEECH_VERBS).expect("speech-verbs.toml parses");
        assert!(f.verbs.len() > 100 && f.examples.len() >= 8);
        for (sentence, phrase, verb) in &f.examples {
            let d = doc(sentence);
            let q = quotes(&d, Lexicon::builtin().unwrap());
            let got = q.quotes.iter().find_map(|q| {
                Some((
                    q.speaker.as_ref()?.phrase.clone(),
                    q.verb.clone()?.to_lowercase(),
                ))
            });
            let got = got.or_else(|| {
                let a = q.attributions.first()?;
                let s = a.speaker.clone()?;
                Some((s, a.verb.clone()?.to_lowercase()))
            });
            assert_eq!(
                got,
                Some((phrase.clone(), verb.to_lowercase())),
                "{sentence:?}: {q:#?}"
            );
        }
        for s in &f.counter_examples {
            let q = run(s);
            assert!(
                q.attributions
                    .iter()
                    .all(|a| a.kind == AttributionKind::None)
                    && q.quotes.iter().all(|q| q.speaker.is_none()),
                "{s:?}: {q:#?}"
            );
        }
    }

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
