//! Cues: hedges, boosters, reporting verbs with their stance, and loaded terms in one sentence.
//!
//! *What it finds*: [`cues`] returns every [`Cue`] of a sentence: its [`CueKind`] (hedge, booster,
//! reporting verb with a [`Stance`], loaded term), the lexicon group and term that matched, the
//! words as written, their byte span in the sentence, and its [`Voice`]: `quoted` when the cue
//! stands inside quotation marks (the speaker's words), `author` otherwise.
//!
//! *Why*: how sure a report sounds is part of what it says. One outlet writes that a figure "may"
//! be higher, another states it flatly; one reports that officials "said", another that they
//! "claimed". Counting these only in the author's voice keeps a quoted insult the speaker's.
//!
//! *Data*: four lexicons compiled in from `rubrics/lexicons/` (`hedges.toml`, `boosters.toml`,
//! `reporting-verbs.toml`, `loaded-terms.toml`), each with its provenance, its exceptions and the
//! examples and counter-examples that `cargo test` runs ([`CueLexicon::check_examples`]). The
//! context rules take their word lists from the `[context]` table of `hedges.toml`:
//! - "May" written capitalised inside a sentence, or before a number, is the month, not the modal
//!   ("presidential elections in May", "May 3");
//! - a negator up to `negation-window` words before a booster makes it a hedge ("not certain");
//!   before a hedge of `cancelled-by-negation` it cancels it ("it is not possible");
//! - in a sentence that reports a plan or a condition of its adoption ("if approved", "under the
//!   plan"), the modals of `plan-modals` are no hedges;
//! - "would" a few words after "said", "announced", … is the future of reported speech;
//! - "will" is plain future and is not listed; a phrase of a lexicon's `exceptions` ("as if",
//!   "appeared at", "tax regime") holds no cue of that lexicon.
//!
//! Matching is Aho–Corasick over the lower-cased words of the sentence joined by single spaces
//! (Unicode word boundaries; "n't" read as "not", "cannot" as "can not"), all four lexicons in one
//! automaton, longest match first from the left, so "it is believed" wins over "believed" and
//! "no doubt" (booster) over "doubt" (hedge).
//!
//! *Example*:
//! ```
//! use corroborate::extract::{cues, CueKind, CueLexicon, Voice};
//! let lex = CueLexicon::builtin().unwrap();
//! let c = cues("The talks may resume in May, an aide said, calling it “a bizarre stunt”.", &lex);
//! let found: Vec<(&str, Voice)> = c.iter().map(|c| (c.term.as_str(), c.voice)).collect();
//! assert_eq!(found, [("may", Voice::Author), ("said", Voice::Author),
//!                    ("bizarre", Voice::Quoted), ("stunt", Voice::Quoted)]);
//! assert_eq!(c[0].kind, CueKind::Hedge);
//! ```
//!
//! *Limitations*: English only, lexical: no parse, so the scope of a hedge is not known (a hedge in
//! a subordinate clause counts for the sentence), "can" and "could" of ability count as hedges,
//! "if" counts whatever the conditional, and a loaded word is loaded whatever the context outside
//! the listed exceptions. Quotations are found from their marks only (curly, straight and
//! typewriter double quotes, guillemets, single quotes that open after a space and close before
//! one); a quotation left open at the end of a sentence continues into the next one only when the
//! caller passes the state on ([`cues_in_context`]). Attributed paraphrase without quotation marks
//! counts as the author's voice.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::error::{from_toml, line_of, report_problems, Error, Result};
use crate::model::Span;

/// The built-in lexicons: (file name as shown in errors, contents).
pub const BUILTIN_LEXICONS: [(&str, &str); 4] = [
    (
        "rubrics/lexicons/hedges.toml",
        include_str!("../../rubrics/lexicons/hedges.toml"),
    ),
    (
        "rubrics/lexicons/boosters.toml",
        include_str!("../../rubrics/lexicons/boosters.toml"),
    ),
    (
        "rubrics/lexicons/reporting-verbs.toml",
        include_str!("../../rubrics/lexicons/reporting-verbs.toml"),
    ),
    (
        "rubrics/lexicons/loaded-terms.toml",
        include_str!("../../rubrics/lexicons/loaded-terms.toml"),
    ),
];

/// The stance a reporting verb gives the reporter towards what is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// "said", "told": attribution without comment.
    Neutral,
    /// "claimed", "alleged": the reporter keeps its distance.
    Doubting,
    /// "admitted", "acknowledged": the speaker gives ground.
    Conceding,
    /// "insisted", "stressed": the speaker presses a point.
    Asserting,
}

impl Stance {
    fn parse(group: &str) -> Option<Stance> {
        Some(match group {
            "neutral" => Stance::Neutral,
            "doubting" => Stance::Doubting,
            "conceding" => Stance::Conceding,
            "asserting" => Stance::Asserting,
            _ => return None,
        })
    }
}

/// What a cue marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CueKind {
    /// Uncertainty, possibility or second-hand knowledge ("may", "reportedly", "it is believed").
    Hedge,
    /// Certainty ("clearly", "in fact").
    Booster,
    /// A verb of attribution, with its stance.
    ReportingVerb { stance: Stance },
    /// A loaded or subjective term ("strongman", "bombastic").
    Loaded,
}

/// Whose words a cue is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    /// The outlet's own words.
    Author,
    /// Inside quotation marks: the speaker's words.
    Quoted,
}

/// One cue found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cue {
    /// Serialised flat: `"kind": "reporting_verb", "stance": "doubting"`.
    #[serde(flatten)]
    pub kind: CueKind,
    /// The lexicon group (`modal`, `attribution`, `pejorative-label`, …; `negated-booster` for a
    /// booster turned hedge by a negation).
    pub group: String,
    /// The lexicon entry, lower case ("it is believed"; "certain" for "not certain").
    pub term: String,
    /// The words as written in the sentence ("not certain" for a negated booster).
    pub text: String,
    /// Byte range in the sentence.
    pub span: Span,
    pub voice: Voice,
}

// ---------------------------------------------------------------------------------------------
// Lexicon files
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LexFile {
    version: u32,
    terms: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    exceptions: Vec<String>,
    #[serde(default)]
    examples: Vec<(String, String)>,
    #[serde(default)]
    counter_examples: Vec<String>,
    #[serde(default)]
    context: Option<ContextFile>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ContextFile {
    negators: Vec<String>,
    negation_window: usize,
    cancelled_by_negation: Vec<String>,
    plan_phrases: Vec<String>,
    plan_modals: Vec<String>,
    reported_future_verbs: Vec<String>,
    reported_future_modals: Vec<String>,
    reported_future_window: usize,
}

/// The context rules, compiled.
#[derive(Debug, Default)]
struct Context {
    negators: HashSet<String>,
    negation_window: usize,
    cancelled_by_negation: HashSet<String>,
    plan_phrases: Vec<String>,
    plan_modals: HashSet<String>,
    reported_future_verbs: HashSet<String>,
    reported_future_modals: HashSet<String>,
    reported_future_window: usize,
}

impl Context {
    fn of(f: &ContextFile) -> Context {
        let set = |v: &[String]| v.iter().map(|s| normalise(s)).collect::<HashSet<_>>();
        Context {
            negators: set(&f.negators),
            negation_window: f.negation_window,
            cancelled_by_negation: set(&f.cancelled_by_negation),
            plan_phrases: f.plan_phrases.iter().map(|p| normalise(p)).collect(),
            plan_modals: set(&f.plan_modals),
            reported_future_verbs: set(&f.reported_future_verbs),
            reported_future_modals: set(&f.reported_future_modals),
            reported_future_window: f.reported_future_window,
        }
    }
}

/// Which lexicon file an entry comes from (the four files, in [`BUILTIN_LEXICONS`] order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Hedges,
    Boosters,
    Reporting,
    Loaded,
}

const SOURCES: [Source; 4] = [
    Source::Hedges,
    Source::Boosters,
    Source::Reporting,
    Source::Loaded,
];

#[derive(Debug, Clone)]
struct Entry {
    kind: CueKind,
    source: Source,
    group: String,
    term: String,
    words: usize,
}

/// (file name, source, examples, counter-examples) of one lexicon file.
type FileExamples = (String, Source, Vec<(String, String)>, Vec<String>);

/// The four cue lexicons and the context rules, compiled into one matcher.
#[derive(Debug)]
pub struct CueLexicon {
    entries: Vec<Entry>,
    matcher: AhoCorasick,
    /// (source, words) of each exception pattern.
    exceptions: Vec<(Source, usize)>,
    exception_matcher: AhoCorasick,
    context: Context,
    /// (file name, examples, counter-examples) for [`CueLexicon::check_examples`].
    examples: Vec<FileExamples>,
}

static BUILTIN: LazyLock<std::result::Result<CueLexicon, String>> = LazyLock::new(|| {
    let [h, b, r, l] = BUILTIN_LEXICONS;
    CueLexicon::parse([h, b, r, l]).map_err(|e| e.to_string())
});

impl CueLexicon {
    /// The lexicons compiled into the binary (`rubrics/lexicons/*.toml`), parsed once.
    pub fn builtin() -> Result<&'static CueLexicon> {
        BUILTIN.as_ref().map_err(|e| Error::Config {
            path: "rubrics/lexicons".into(),
            line: 1,
            reason: e.clone(),
        })
    }

    /// Reads the four lexicons from a directory holding `hedges.toml`, `boosters.toml`,
    /// `reporting-verbs.toml` and `loaded-terms.toml`.
    pub fn from_dir(dir: &Path) -> Result<CueLexicon> {
        let mut texts = Vec::new();
        for (name, _) in BUILTIN_LEXICONS {
            let file = Path::new(name).file_name().unwrap_or_default();
            let path = dir.join(file);
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            texts.push((path.display().to_string(), text));
        }
        let named: Vec<(&str, &str)> = texts
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        CueLexicon::parse([named[0], named[1], named[2], named[3]])
    }

    /// Parses the four lexicons given as (name, text) in the order hedges, boosters, reporting
    /// verbs, loaded terms. Every problem (unknown key, bad stance, empty or duplicate term, also
    /// across files) is reported at once with its file and line; the `[context]` table must be in
    /// the hedges file.
    pub fn parse(files: [(&str, &str); 4]) -> Result<CueLexicon> {
        let mut entries = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut exceptions = Vec::new();
        let mut exception_patterns = Vec::new();
        let mut examples = Vec::new();
        let mut context = None;
        for ((name, text), source) in files.into_iter().zip(SOURCES) {
            let path = Path::new(name);
            let file: LexFile = from_toml(text, path, "lexicon")?;
            let line = |needle: &str| {
                let quoted = format!("\"{needle}\"");
                text.find(&quoted).map_or(1, |i| line_of(text, i))
            };
            let mut problems = Vec::new();
            if file.version != 1 {
                problems.push((1, format!("version {} is not 1", file.version)));
            }
            match (&file.context, source) {
                (Some(c), Source::Hedges) => context = Some(Context::of(c)),
                (None, Source::Hedges) => problems.push((1, "no [context] table".to_string())),
                (Some(_), _) => problems.push((
                    line("[context]"),
                    "[context] belongs in the hedges lexicon".to_string(),
                )),
                (None, _) => {}
            }
            for (group, terms) in &file.terms {
                let kind = match source {
                    Source::Hedges => CueKind::Hedge,
                    Source::Boosters => CueKind::Booster,
                    Source::Loaded => CueKind::Loaded,
                    Source::Reporting => match Stance::parse(group) {
                        Some(stance) => CueKind::ReportingVerb { stance },
                        None => {
                            problems.push((
                                1,
                                format!("group `{group}` is not a stance (neutral, doubting, conceding, asserting)"),
                            ));
                            continue;
                        }
                    },
                };
                for term in terms {
                    let norm = normalise(term);
                    if norm.is_empty() {
                        problems.push((line(term), format!("`{term}` has no word")));
                        continue;
                    }
                    if let Some(other) = seen.insert(norm.clone(), name.to_string()) {
                        problems.push((
                            line(term),
                            format!("`{term}` is listed twice (also in {other})"),
                        ));
                        continue;
                    }
                    entries.push(Entry {
                        kind,
                        source,
                        group: group.clone(),
                        words: norm.split(' ').count(),
                        term: norm,
                    });
                }
            }
            for e in &file.exceptions {
                let norm = normalise(e);
                if norm.is_empty() {
                    problems.push((line(e), format!("exception `{e}` has no word")));
                    continue;
                }
                exceptions.push((source, norm.split(' ').count()));
                exception_patterns.push(format!("{norm} "));
            }
            report_problems(path, problems)?;
            examples.push((
                name.to_string(),
                source,
                file.examples,
                file.counter_examples,
            ));
        }
        let build = |patterns: Vec<String>| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(patterns)
                .map_err(|e| Error::Config {
                    path: "rubrics/lexicons".into(),
                    line: 1,
                    reason: format!("cannot compile the lexicon: {e}"),
                })
        };
        let matcher = build(entries.iter().map(|e| format!("{} ", e.term)).collect())?;
        let exception_matcher = build(exception_patterns)?;
        Ok(CueLexicon {
            entries,
            matcher,
            exceptions,
            exception_matcher,
            context: context.unwrap_or_default(),
            examples,
        })
    }

    /// Number of terms in the four lexicons.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no term is listed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Runs the examples and counter-examples of each file; returns one message per failure.
    pub fn check_examples(&self) -> Vec<String> {
        let mut failures = Vec::new();
        for (name, source, examples, counter) in &self.examples {
            let of_source = |c: &Cue| match source {
                Source::Hedges => c.kind == CueKind::Hedge,
                Source::Boosters => c.kind == CueKind::Booster,
                Source::Reporting => matches!(c.kind, CueKind::ReportingVerb { .. }),
                Source::Loaded => c.kind == CueKind::Loaded,
            };
            for (sentence, term) in examples {
                let found = cues(sentence, self);
                let ok = found.iter().any(|c| {
                    of_source(c)
                        && c.voice == Voice::Author
                        && (c.term == *term || c.text.to_lowercase() == *term)
                });
                if !ok {
                    failures.push(format!(
                        "{name}: example {sentence:?}: `{term}` not found (found {:?})",
                        found.iter().map(|c| &c.text).collect::<Vec<_>>()
                    ));
                }
            }
            for sentence in counter {
                let wrong: Vec<String> = cues(sentence, self)
                    .into_iter()
                    .filter(|c| of_source(c))
                    .map(|c| c.text)
                    .collect();
                if !wrong.is_empty() {
                    failures.push(format!(
                        "{name}: counter-example {sentence:?}: found {wrong:?}"
                    ));
                }
            }
        }
        failures
    }
}

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

/// A word of a sentence, as matched: lower case, "n't" split off as "not".
#[derive(Debug, Clone)]
struct Word {
    lower: String,
    span: Span,
    capitalised: bool,
}

fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for (i, w) in text.unicode_word_indices() {
        let lower = w.to_lowercase().replace('’', "'");
        let capitalised = w.chars().next().is_some_and(char::is_uppercase);
        let end = i + w.len();
        let push = |out: &mut Vec<Word>, lower: &str, s: usize, e: usize, cap: bool| {
            out.push(Word {
                lower: lower.to_string(),
                span: Span::new(s, e),
                capitalised: cap,
            })
        };
        if lower == "n't" {
            // PTB tokens: "ca n't", "wo n't".
            if let Some(prev) = out.last_mut() {
                match prev.lower.as_str() {
                    "ca" => prev.lower = "can".into(),
                    "wo" => prev.lower = "will".into(),
                    "sha" => prev.lower = "shall".into(),
                    _ => {}
                }
            }
            push(&mut out, "not", i, end, false);
        } else if lower.len() > 3
            && lower.ends_with("n't")
            && lower.is_char_boundary(lower.len() - 3)
        {
            let base = &lower[..lower.len() - 3];
            let cut = end - "n't".len(); // the apostrophe may be 3 bytes in `w`
            let cut = if w.ends_with("n’t") {
                end - "n’t".len()
            } else {
                cut
            };
            let base = match base {
                "ca" => "can",
                "wo" => "will",
                "sha" => "shall",
                b => b,
            };
            push(&mut out, base, i, cut, capitalised);
            push(&mut out, "not", cut, end, false);
        } else if lower == "cannot" {
            push(&mut out, "can", i, i + 3, capitalised);
            push(&mut out, "not", i + 3, end, false);
        } else {
            push(&mut out, &lower, i, end, capitalised);
        }
    }
    out
}

/// A phrase as the matcher sees it: lower-case words joined by single spaces.
fn normalise(phrase: &str) -> String {
    let w: Vec<String> = words(phrase).into_iter().map(|w| w.lower).collect();
    w.join(" ")
}

// ---------------------------------------------------------------------------------------------
// Quotations
// ---------------------------------------------------------------------------------------------

/// Byte ranges of the sentence that are inside quotation marks, and whether a quotation is still
/// open at its end. `open` says a quotation opened in an earlier sentence is still open.
pub fn quoted_ranges(text: &str, open: bool) -> (Vec<(usize, usize)>, bool) {
    let mut ranges = Vec::new();
    let mut start = open.then_some(0);
    let mut single: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let is_word = |k: usize| chars.get(k).is_some_and(|c| c.1.is_alphanumeric());
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let next = chars.get(k + 1).map(|c| c.1);
        let prev_word = k > 0 && is_word(k - 1);
        let prev_space = k == 0 || chars[k - 1].1.is_whitespace();
        let typewriter = (c == '`' && next == Some('`')) || (c == '\'' && next == Some('\''));
        match c {
            '“' | '«' | '„' if start.is_none() => start = Some(i),
            '”' | '»' => {
                if let Some(s) = start.take() {
                    ranges.push((s, i + c.len_utf8()));
                }
            }
            '"' => match start.take() {
                Some(s) => ranges.push((s, i + 1)),
                None => start = Some(i),
            },
            '`' | '\'' if typewriter => {
                if c == '`' && start.is_none() {
                    start = Some(i);
                } else if c == '\'' {
                    if let Some(s) = start.take() {
                        ranges.push((s, i + 2));
                    }
                }
                k += 2;
                continue;
            }
            '‘' | '\'' if start.is_none() && single.is_none() && !prev_word && is_word(k + 1) => {
                single = Some(i)
            }
            '’' | '\'' if single.is_some() && !prev_space && !is_word(k + 1) => {
                if let Some(s) = single.take() {
                    ranges.push((s, i + c.len_utf8()));
                }
            }
            _ => {}
        }
        k += 1;
    }
    // An unclosed single quote (`single` still set) was an apostrophe or a slip: not a quotation.
    let still_open = start.is_some();
    if let Some(s) = start {
        ranges.push((s, text.len()));
    }
    ranges.sort();
    (ranges, still_open)
}

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

/// The cues of one sentence, in text order (see the module documentation). Spans are byte ranges
/// into `sentence_text`.
pub fn cues(sentence_text: &str, lex: &CueLexicon) -> Vec<Cue> {
    cues_in_context(sentence_text, lex, false).0
}

/// [`cues`] for a sentence that may start inside a quotation opened by an earlier sentence
/// (`in_quote`); also returns whether a quotation is still open at its end, to pass to the next
/// sentence of the same paragraph.
pub fn cues_in_context(sentence_text: &str, lex: &CueLexicon, in_quote: bool) -> (Vec<Cue>, bool) {
    let (quoted, still_open) = quoted_ranges(sentence_text, in_quote);
    let ws = words(sentence_text);
    if ws.is_empty() {
        return (Vec::new(), still_open);
    }
    let mut norm = String::new();
    let mut starts = Vec::with_capacity(ws.len());
    for w in &ws {
        starts.push(norm.len());
        norm.push_str(&w.lower);
        norm.push(' ');
    }
    let word_at = |pos: usize| starts.binary_search(&pos).ok();

    // All matches that start on a word, then leftmost-longest without overlap.
    let mut found: Vec<(usize, usize, usize)> = lex
        .matcher
        .find_overlapping_iter(&norm)
        .filter_map(|m| {
            let first = word_at(m.start())?;
            let e = &lex.entries[m.pattern().as_usize()];
            Some((first, first + e.words, m.pattern().as_usize()))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut chosen = Vec::new();
    let mut next_free = 0;
    for f in found {
        if f.0 >= next_free {
            next_free = f.1;
            chosen.push(f);
        }
    }
    let exceptions: Vec<(Source, usize, usize)> = lex
        .exception_matcher
        .find_overlapping_iter(&norm)
        .filter_map(|m| {
            let first = word_at(m.start())?;
            let (source, n) = lex.exceptions[m.pattern().as_usize()];
            Some((source, first, first + n))
        })
        .collect();
    let padded = format!(" {norm}");
    let ctx = &lex.context;
    let plan = ctx
        .plan_phrases
        .iter()
        .any(|p| padded.contains(&format!(" {p} ")));

    let mut out = Vec::new();
    for (first, end, id) in chosen {
        let e = &lex.entries[id];
        let mut kind = e.kind;
        let mut group = e.group.clone();
        let mut start_word = first;
        if exceptions
            .iter()
            .any(|&(s, a, b)| s == e.source && a <= first && end <= b)
        {
            continue;
        }
        if e.term == "may" && ws[first].capitalised {
            let before_number = ws
                .get(first + 1)
                .is_some_and(|w| w.lower.starts_with(|c: char| c.is_ascii_digit()));
            if first > 0 || before_number {
                continue; // the month
            }
        }
        let window = first.saturating_sub(ctx.negation_window)..first;
        let negator = window.rev().find(|&k| ctx.negators.contains(&ws[k].lower));
        if let Some(k) = negator {
            match kind {
                CueKind::Booster => {
                    kind = CueKind::Hedge;
                    group = "negated-booster".into();
                    start_word = k;
                }
                CueKind::Hedge if ctx.cancelled_by_negation.contains(&e.term) => continue,
                _ => {}
            }
        }
        if kind == CueKind::Hedge && plan && ctx.plan_modals.contains(&e.term) {
            continue;
        }
        if kind == CueKind::Hedge && ctx.reported_future_modals.contains(&e.term) {
            let from = first.saturating_sub(ctx.reported_future_window);
            if ws[from..first]
                .iter()
                .any(|w| ctx.reported_future_verbs.contains(&w.lower))
            {
                continue;
            }
        }
        let span = Span::new(ws[start_word].span.start, ws[end - 1].span.end);
        let voice = if quoted
            .iter()
            .any(|&(a, b)| a <= span.start && span.start < b)
        {
            Voice::Quoted
        } else {
            Voice::Author
        };
        out.push(Cue {
            kind,
            group,
            term: e.term.clone(),
            text: sentence_text[span.start..span.end].to_string(),
            span,
            voice,
        });
    }
    (out, still_open)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> &'static CueLexicon {
        CueLexicon::builtin().unwrap()
    }

    fn hedges(s: &str) -> Vec<String> {
        cues(s, lex())
            .into_iter()
            .filter(|c| c.kind == CueKind::Hedge)
            .map(|c| c.text)
            .collect()
    }

    #[test]
    fn lexicons_parse_and_their_examples_hold() {
        let lex = lex();
        assert!(lex.len() > 300, "{}", lex.len());
        let failures = lex.check_examples();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        for (_, _, examples, counter) in &lex.examples {
            assert!(examples.len() >= 4 && counter.len() >= 2);
        }
    }

    #[test]
    fn a_duplicate_term_is_an_error_with_its_line() {
        let [h, b, r, l] = BUILTIN_LEXICONS;
        let twice = format!(
            "{}\n",
            b.1.replace("\"clearly\",", "\"clearly\", \"Clearly\",")
        );
        let err = CueLexicon::parse([h, (b.0, twice.as_str()), r, l]).unwrap_err();
        assert!(err.to_string().contains("listed twice"), "{err}");
        let across = b.1.replace("\"clearly\",", "\"reportedly\",");
        let err = CueLexicon::parse([h, (b.0, across.as_str()), r, l]).unwrap_err();
        assert!(err.to_string().contains("hedges.toml"), "{err}");
        let bad = r.1.replace("neutral = [", "calm = [");
        let err = CueLexicon::parse([h, b, (r.0, bad.as_str()), l]).unwrap_err();
        assert!(err.to_string().contains("not a stance"), "{err}");
    }

    #[test]
    fn may_the_month_is_no_hedge() {
        assert!(hedges("The country holds presidential elections in May.").is_empty());
        assert!(hedges("Voters go to the polls in late May and June.").is_empty());
        assert!(hedges("May 3 was the deadline.").is_empty());
        assert_eq!(hedges("May the talks resume, no one knows."), ["May"]);
        assert_eq!(hedges("The talks may resume in May."), ["may"]);
    }

    #[test]
    fn will_negation_plans_and_reported_future() {
        assert!(hedges("The talks will resume on Monday.").is_empty());
        assert!(hedges("If approved, the law would raise the minimum wage.").is_empty());
        assert!(hedges("He said on Monday that they would sign the accord.").is_empty());
        assert_eq!(
            hedges("The accord would collapse without funding."),
            ["would"]
        );
        assert_eq!(
            hedges("Officials were not certain of the toll."),
            ["not certain"]
        );
        assert!(hedges("It is not possible to verify.").is_empty());
        assert_eq!(hedges("The minister couldn't say."), ["could"]);
        let c = cues("Experts are not sure it worked.", lex());
        assert_eq!(
            (c[0].term.as_str(), c[0].group.as_str()),
            ("not sure", "adjective")
        );
    }

    #[test]
    fn quoted_words_are_the_speakers() {
        let c = cues("He called his rival a “lunatic” and a thug.", lex());
        let v: Vec<(&str, Voice)> = c.iter().map(|c| (c.text.as_str(), c.voice)).collect();
        assert_eq!(v, [("lunatic", Voice::Quoted), ("thug", Voice::Author)]);
        let c = cues("'It may rain,' she said, but it clearly did not.", lex());
        let v: Vec<(&str, Voice)> = c.iter().map(|c| (c.text.as_str(), c.voice)).collect();
        assert_eq!(
            v,
            [
                ("may", Voice::Quoted),
                ("said", Voice::Author),
                ("clearly", Voice::Author)
            ]
        );
        // A quotation open at the end of a sentence goes on in the next.
        let (first, open) = cues_in_context("He said: “The regime is weak.", lex(), false);
        assert!(
            open && first
                .iter()
                .all(|c| c.voice == Voice::Quoted || c.term == "said")
        );
        let (next, open) = cues_in_context("It may fall.” Then he left.", lex(), true);
        assert!(!open);
        assert_eq!(next[0].voice, Voice::Quoted);
        let c = cues("The protesters’ demands were radical.", lex());
        assert_eq!(c[0].voice, Voice::Author);
        let c = cues("They called it a `` ridiculous '' plan .", lex());
        assert_eq!(c[0].voice, Voice::Quoted);
    }

    #[test]
    fn spans_and_serialisation() {
        let s = "Ça a été, reportedly, a “bizarre” claim.";
        for c in cues(s, lex()) {
            assert_eq!(&s[c.span.start..c.span.end], c.text);
        }
        let c = cues("The opposition claimed victory.", lex());
        let json = serde_json::to_string(&c[0]).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"reporting_verb","stance":"doubting","group":"doubting","term":"claimed","text":"claimed","span":{"start":15,"end":22},"voice":"author"}"#
        );
    }

    #[test]
    fn odd_input_never_panics() {
        for s in [
            "",
            "’",
            "n't",
            "''",
            "``",
            "“",
            "Can’t",
            "ca n't",
            "🙂 may 🙂",
            "\u{0}may",
        ] {
            for c in cues(s, lex()) {
                assert!(s.is_char_boundary(c.span.start) && s.is_char_boundary(c.span.end));
            }
        }
    }
}
