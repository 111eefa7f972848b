//! The perturbations of `eval validity` that rewrite the article's own sentences: attribution
//! frames stripped, a shared figure changed, a shared quotation altered or given to someone else.
//!
//! *What they do*: each is a pure function of (article text, story context, generator) like those
//! of [`super::perturb`]; it finds its sentences in the text by the exact sentence text the
//! pipeline segmented (from the context) and returns `None` when nothing there is for it to act on.
//!
//! *What they do not*: the attribution patterns are general English frames over the speech
//! lexicon's verbs ("…, X said.", "X said that …", "according to X"), not the quotation extractor's
//! rules, so a frame they miss stays and one the extractor misses is still stripped; a figure is
//! changed without checking that the new value is implausible; a reworded quotation is not checked
//! for grammar.

use std::sync::LazyLock;

use regex::Regex;

use super::perturb::{perturbed, pick, replace_sentence, Context, Perturbed};
use crate::rng::SplitMix;

/// Verbs that take the reported clause right after them ("X said the plan failed"): a frame at the
/// start of a sentence or between commas is stripped only with one of these (or with `that`), so
/// that "X called for …" or "X puts the cost at …" stay.
const CLAUSE_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "stated",
    "declared",
    "insisted",
    "insists",
    "argued",
    "argues",
    "explained",
    "noted",
    "claimed",
    "claims",
    "maintained",
    "contended",
    "asserted",
    "acknowledged",
    "admitted",
    "conceded",
    "confirmed",
    "stressed",
    "emphasized",
    "emphasised",
    "testified",
    "tweeted",
];
/// First words of a phrase between a comma and a reporting verb that make it a clause, not a
/// speaker ("…, which he said was wrong.").
const NOT_SPEAKER: &[&str] = &[
    "which", "who", "whom", "whose", "that", "what", "as", "when", "where", "while", "if", "it",
    "because", "but", "and", "so", "than", "although", "though", "since", "before", "after",
];
/// First words of what may follow a reporting verb in an attribution ("on Tuesday", "in a
/// statement", "to reporters", "over the weekend").
const TAIL_WORDS: &[&str] = &[
    "on",
    "in",
    "at",
    "to",
    "during",
    "after",
    "before",
    "over",
    "last",
    "this",
    "earlier",
    "later",
    "late",
    "early",
    "yesterday",
    "today",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "reporters",
    "journalists",
    "him",
    "her",
    "them",
    "us",
    "me",
    "via",
    "through",
    "while",
    "when",
    "from",
    "again",
    "repeatedly",
];
/// Lower-case first words a speaker phrase may have ("he", "the minister", "two officials"); any
/// other lower-case word starts a clause, not a speaker.
const SPEAKER_WORDS: &[&str] = &[
    "he",
    "she",
    "they",
    "we",
    "i",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "one",
    "two",
    "three",
    "four",
    "several",
    "many",
    "some",
    "both",
    "others",
    "most",
    "officials",
    "sources",
    "aides",
    "analysts",
    "critics",
    "experts",
    "advisers",
    "residents",
    "witnesses",
    "lawmakers",
    "people",
    "police",
    "prosecutors",
    "investigators",
];
/// Verbs besides [`CLAUSE_VERBS`] that take a `that` clause ("X warned that …"); "X called for …
/// that" or "X praised the plan that …" are not frames.
const THAT_VERBS: &[&str] = &[
    "warned",
    "warns",
    "cautioned",
    "suggested",
    "suggests",
    "reported",
    "announced",
    "announces",
    "predicted",
    "predicts",
    "signaled",
    "signalled",
    "indicated",
    "indicates",
    "concluded",
    "hinted",
    "complained",
    "boasted",
    "recalled",
    "promised",
    "pledged",
    "vowed",
    "assured",
    "denied",
    "denies",
    "alleged",
    "alleges",
    "replied",
    "responded",
    "countered",
    "reiterated",
    "clarified",
    "observed",
    "remarked",
    "agreed",
    "believes",
    "believed",
];

/// The attribution frames, as patterns over one sentence (`VERB`: the reporting verbs).
struct Frames {
    /// `"…," X said (on Monday).` and `"…," said X.`: the speaker between the closing mark and the
    /// verb may hold commas (an apposition).
    quote_speaker_verb: Regex,
    quote_verb_speaker: Regex,
    /// `…, X said (on Monday).` and `…, said X.`
    end_speaker_verb: Regex,
    end_verb_speaker: Regex,
    /// `X said that …` (what comes between the verb and `that` is a time, a place or an object).
    start_that: Regex,
    /// `X said the …`
    start: Regex,
    /// `…, X said, …`
    mid: Regex,
    according_start: Regex,
    according_end: Regex,
}

const SPEAKER_START: &str =
    r#"(?P<spk>(?:[A-Z][\w.'’-]*|[Hh]e|[Ss]he|[Tt]hey)(?:\s+[\w.'’-]+){0,5}?)"#;
const OBJECT: &str = r#"(?P<obj>\s+(?:reporters|journalists|him|her|them|us|the\s+[\w-]+|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}))?"#;

fn frames(verbs: &[String]) -> Frames {
    let alt = verbs
        .iter()
        .map(|v| regex::escape(v))
        .collect::<Vec<_>>()
        .join("|");
    let re = |p: &str| {
        let p = p
            .replace("SPEAKER_START", SPEAKER_START)
            .replace("OBJECT", OBJECT)
            .replace("VERB", &alt);
        Regex::new(&p).expect("valid regex")
    };
    Frames {
        quote_speaker_verb: re(
            r#"^(?s)(?P<body>.+?)(?P<p>[,.!?]?)(?P<q>["”])\s+(?P<spk>[^"“”]{1,80}?)\s+(?P<verb>VERB)(?P<tail>\s+[^"“”]{1,80}?)?\.\s*$"#,
        ),
        quote_verb_speaker: re(
            r#"^(?s)(?P<body>.+?)(?P<p>[,.!?]?)(?P<q>["”])\s+(?P<verb>VERB)\s+(?P<spk>[^"“”]{1,90}?)\.\s*$"#,
        ),
        end_speaker_verb: re(
            r#"^(?s)(?P<body>.+?),\s+(?P<spk>[^,;:!?"“”]{1,60}?)\s+(?P<verb>VERB)(?P<tail>\s+[^,;:!?"“”]{1,60}?)?\.\s*$"#,
        ),
        end_verb_speaker: re(
            r#"^(?s)(?P<body>.+?),\s+(?P<verb>VERB)\s+(?P<spk>[^;:!?"“”]{1,90}?)\.\s*$"#,
        ),
        start_that: re(
            r#"^SPEAKER_START\s+(?P<verb>VERB)OBJECT(?P<tail>\s+[^,;:"“”]{1,50}?)?\s+that\s+(?P<rest>\S.*)$"#,
        ),
        start: re(r#"^SPEAKER_START\s+(?P<verb>VERB)OBJECT\s+(?P<rest>[a-z"“].*)$"#),
        mid: re(
            r#"^(?s)(?P<a>.+?),\s+(?P<spk>[^,;:!?"“”]{1,40}?)\s+(?P<verb>VERB),\s+(?P<b>[a-z].*)$"#,
        ),
        according_start: Regex::new(r"^(?s)According to [^,]{1,80},\s*(?P<rest>.+)$")
            .expect("valid regex"),
        according_end: Regex::new(
            r#"^(?s)(?P<body>.+?),?\s+according to\s+[^,.;:!?"“”]{1,80}?(?P<end>[.,!?]["”’']?\s*)$"#,
        )
        .expect("valid regex"),
    }
}

fn first_word_lower(s: &str) -> String {
    s.split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_lowercase() => f.to_uppercase().chain(c).collect(),
        // A quotation mark first: capitalise the word inside.
        Some(f @ ('"' | '“')) => std::iter::once(f)
            .chain(capitalise(c.as_str()).chars())
            .collect(),
        _ => s.to_string(),
    }
}

fn is_speaker(c: &regex::Captures) -> bool {
    let spk = c["spk"].trim_start();
    let first = first_word_lower(spk);
    !NOT_SPEAKER.contains(&first.as_str())
        && (spk.starts_with(char::is_uppercase) || SPEAKER_WORDS.contains(&first.as_str()))
}

/// No tail, or one that starts like a time, a place, an addressee or a name ("on Monday", "in a
/// statement", "Reuters").
fn is_tail(c: &regex::Captures) -> bool {
    c.name("tail").is_none_or(|t| {
        TAIL_WORDS.contains(&first_word_lower(t.as_str()).as_str())
            || t.as_str().trim_start().starts_with(char::is_uppercase)
    })
}

/// One sentence without its attribution frame, or `None` when it has none.
fn strip_frame(s: &str, f: &Frames) -> Option<String> {
    if let Some(c) = f.according_start.captures(s) {
        return Some(capitalise(&c["rest"]));
    }
    if let Some(c) = f.according_end.captures(s) {
        return Some(format!("{}{}", &c["body"], &c["end"]));
    }
    // A quotation closed before the frame keeps its own end: `"…," X said.` → `"…."`.
    let closed = |c: &regex::Captures| {
        let p = match &c["p"] {
            "" | "," => ".",
            other => other,
        };
        format!("{}{p}{}", &c["body"], &c["q"])
    };
    for re in [&f.quote_speaker_verb, &f.quote_verb_speaker] {
        if let Some(c) = re.captures(s) {
            if is_speaker(&c) && is_tail(&c) {
                return Some(closed(&c));
            }
        }
    }
    for re in [&f.end_speaker_verb, &f.end_verb_speaker] {
        if let Some(c) = re.captures(s) {
            if is_speaker(&c) && is_tail(&c) {
                return Some(format!("{}.", &c["body"]));
            }
        }
    }
    if let Some(c) = f.mid.captures(s) {
        if CLAUSE_VERBS.contains(&&c["verb"]) && is_speaker(&c) {
            return Some(format!("{} {}", &c["a"], &c["b"]));
        }
    }
    if let Some(c) = f.start_that.captures(s) {
        let verb = &c["verb"];
        let takes_that = CLAUSE_VERBS.contains(&verb) || THAT_VERBS.contains(&verb);
        if takes_that && is_speaker(&c) && is_tail(&c) {
            return Some(capitalise(&c["rest"]));
        }
    }
    if let Some(c) = f.start.captures(s) {
        let verb = &c["verb"];
        let rest = &c["rest"];
        // "X said on Monday …" without `that` is not cut: where the clause starts is unclear.
        let clause = !TAIL_WORDS.contains(&first_word_lower(rest).as_str());
        if CLAUSE_VERBS.contains(&verb) && clause && is_speaker(&c) {
            // Only "told" takes an object ("told reporters"); after another verb the words are
            // the start of the reported clause ("said the bridge …").
            let obj = c.name("obj").map_or("", |m| m.as_str());
            if obj.is_empty() || matches!(verb, "told" | "tells") {
                return Some(capitalise(rest));
            }
            return Some(capitalise(&format!("{} {rest}", obj.trim_start())));
        }
    }
    None
}

/// (3) Every sentence's attribution frame stripped: ", X said." → ".", "X said that" → "",
/// "according to X," → "".
pub fn attributions_removed(text: &str, ctx: &Context, _rng: &mut SplitMix) -> Option<Perturbed> {
    let f = frames(&ctx.verbs);
    let mut out = text.to_string();
    let mut at = 0;
    let mut changed = Vec::new();
    for s in &ctx.sentences {
        let Some(new) = strip_frame(s, &f) else {
            continue;
        };
        if let Some(end) = replace_sentence(&mut out, at, s, &new) {
            at = end;
            changed.push(format!("{s} → {new}"));
        }
    }
    if changed.is_empty() {
        return None;
    }
    let n = changed.len();
    perturbed(out, &format!("frames_{}", n.min(9)), changed.join(" | "))
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?").expect("valid regex")
});
/// Month names and their usual abbreviations: a number after one is a day of the month.
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The numbers of a sentence that stand alone (not part of a word such as "G7" or "COVID-19", not
/// an ordinal): byte ranges.
fn numbers(s: &str) -> Vec<std::ops::Range<usize>> {
    NUMBER
        .find_iter(s)
        .filter(|m| {
            let before = s[..m.start()].chars().next_back();
            let after = s[m.end()..].chars().next();
            !before.is_some_and(|c| c.is_alphabetic() || c == '-' || c == '.')
                && !after.is_some_and(|c| c.is_alphabetic() || c == '-')
        })
        .map(|m| m.range())
        .collect()
}

/// A different value in the same format: ×2 + 3 (thousands separators and decimals kept); a year
/// one earlier; a day of the month two later.
fn changed_number(s: &str, at: &std::ops::Range<usize>) -> (String, &'static str) {
    let n = &s[at.clone()];
    let before = s[..at.start].trim_end();
    let after_month = MONTHS.iter().any(|m| before.ends_with(m));
    let plain: String = n.chars().filter(|&c| c != ',').collect();
    let decimals = plain.split_once('.').map_or(0, |(_, d)| d.len());
    let v: f64 = plain.parse().unwrap_or(0.0);
    if after_month && decimals == 0 && (1.0..=31.0).contains(&v) {
        return ((((v as u32 + 1) % 28) + 1).to_string(), "date");
    }
    if !n.contains(',') && decimals == 0 && (1900.0..=2099.0).contains(&v) {
        return (((v as u32) - 1).to_string(), "date");
    }
    let new = v * 2.0 + 3.0;
    let mut out = format!("{new:.decimals$}");
    if n.contains(',') {
        let (int, frac) = out
            .split_once('.')
            .map_or((out.as_str(), ""), |(a, b)| (a, b));
        let digits: Vec<char> = int.chars().collect();
        let mut grouped = String::new();
        for (i, c) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(*c);
        }
        out = if frac.is_empty() {
            grouped
        } else {
            format!("{grouped}.{frac}")
        };
    }
    (out, "number")
}

/// A figure of a sentence to change: its byte range and the new text.
struct Figure {
    /// 0: the same value is in another outlet's sentence of the fact; 1: that sentence states a
    /// figure of this kind; 2: neither.
    tier: usize,
    sentence: String,
    range: std::ops::Range<usize>,
    new: String,
    kind: &'static str,
}

fn weekdays(s: &str) -> Vec<(std::ops::Range<usize>, usize)> {
    WEEKDAYS
        .iter()
        .enumerate()
        .flat_map(|(i, d)| s.match_indices(d).map(move |(at, _)| (at..at + d.len(), i)))
        .collect()
}

/// (4) A number (or a date) changed in a sentence that belongs to a fact another outlet reports;
/// preferably a value the other outlet's sentence states too, so the two can be compared, else a
/// figure of the same kind there (a number, a weekday).
pub fn figure_changed(text: &str, ctx: &Context, rng: &mut SplitMix) -> Option<Perturbed> {
    let mut figures: Vec<Figure> = Vec::new();
    for (s, others) in &ctx.shared {
        if !text.contains(s.as_str()) {
            continue;
        }
        for r in numbers(s) {
            let value = &s[r.clone()];
            let same = others
                .iter()
                .any(|o| numbers(o).iter().any(|q| &o[q.clone()] == value));
            let some = others.iter().any(|o| !numbers(o).is_empty());
            let (new, kind) = changed_number(s, &r);
            let tier = if same {
                0
            } else if some {
                1
            } else {
                2
            };
            figures.push(Figure {
                tier,
                sentence: s.clone(),
                range: r,
                new,
                kind,
            });
        }
        for (r, day) in weekdays(s) {
            let same = others.iter().any(|o| o.contains(WEEKDAYS[day]));
            let some = others.iter().any(|o| !weekdays(o).is_empty());
            let tier = if same {
                0
            } else if some {
                1
            } else {
                2
            };
            let new = WEEKDAYS[(day + 2) % 7].to_string();
            figures.push(Figure {
                tier,
                sentence: s.clone(),
                range: r,
                new,
                kind: "weekday",
            });
        }
    }
    let top = figures.iter().map(|f| f.tier).min()?;
    let best: Vec<&Figure> = figures.iter().filter(|f| f.tier == top).collect();
    let f = best[rng.below(best.len())];
    let mut sentence = f.sentence.clone();
    sentence.replace_range(f.range.clone(), &f.new);
    let mut out = text.to_string();
    replace_sentence(&mut out, 0, &f.sentence, &sentence)?;
    let old = &f.sentence[f.range.clone()];
    perturbed(
        out,
        &format!("{}_tier{}", f.kind, f.tier),
        format!("{old} → {} in: {}", f.new, f.sentence),
    )
}

/// Words that replace a quotation's content words (plain, neither loaded nor hedged).
const SUBSTITUTES: &[&str] = &[
    "simple", "careful", "modest", "serious", "quiet", "narrow", "gradual", "recent", "ordinary",
    "moment", "record", "answer", "reason", "matter", "future", "choice", "effort", "system",
    "result", "region", "garden", "window", "letter", "doctor", "market",
];
const FUNCTION_WORDS: &[&str] = &[
    "this", "that", "with", "have", "will", "would", "there", "their", "they", "from", "been",
    "were", "what", "which", "about", "into", "than", "then", "them", "these", "those", "your",
    "just", "very", "also", "some", "more", "most", "such", "only", "over", "when", "where",
    "while", "because", "should", "could", "being", "does", "doing", "here", "want", "going",
];

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[a-z][a-z'’]{3,}\b").expect("valid regex"));

/// (5) A quotation another outlet carries faithfully, altered: 2–3 of its content words replaced
/// (`words`), or given to another name of the story (`speaker`).
pub fn quote_altered(text: &str, ctx: &Context, rng: &mut SplitMix) -> Option<Perturbed> {
    let found: Vec<(usize, &(String, Option<String>))> = ctx
        .quotes
        .iter()
        // Three words or more: a scare-quoted word is not a remark someone made.
        .filter(|q| q.0.split_whitespace().count() >= 3)
        .filter_map(|q| text.find(q.0.as_str()).map(|at| (at, q)))
        .collect();
    // Quotations of 6 to 40 words first: two or three words of them are an alteration, not a
    // slip (a longer one, or a fragment, only when there is no other).
    let words = |q: &str| q.split_whitespace().count();
    let fitting: Vec<(usize, &(String, Option<String>))> = found
        .iter()
        .copied()
        .filter(|(_, q)| (6..=40).contains(&words(&q.0)))
        .collect();
    let found = if fitting.is_empty() { found } else { fitting };
    if found.is_empty() {
        return None;
    }
    let (at, (quote, speaker)) = found[rng.below(found.len())];
    if rng.below(2) == 1 {
        if let Some(p) = other_speaker(text, at, quote, speaker.as_deref(), ctx, rng) {
            return Some(p);
        }
    }
    let words: Vec<regex::Match> = WORD
        .find_iter(quote)
        .filter(|m| !FUNCTION_WORDS.contains(&m.as_str()) && !m.as_str().contains(['\'', '’']))
        .collect();
    if words.len() < 2 {
        return other_speaker(text, at, quote, speaker.as_deref(), ctx, rng);
    }
    let k = (2 + rng.below(2)).min(words.len());
    let chosen = pick(words.len(), k, rng);
    let mut new = quote.to_string();
    let mut swaps = Vec::new();
    // From the end, so earlier ranges stay valid.
    for &i in chosen.iter().rev() {
        let w = words[i];
        let mut sub = SUBSTITUTES[rng.below(SUBSTITUTES.len())];
        while quote.contains(sub) || new.contains(sub) {
            sub = SUBSTITUTES[rng.below(SUBSTITUTES.len())];
        }
        new.replace_range(w.range(), sub);
        swaps.push(format!("{} → {sub}", w.as_str()));
    }
    let mut out = text.to_string();
    out.replace_range(at..at + quote.len(), &new);
    swaps.reverse();
    perturbed(out, "words", format!("{} in: {quote}", swaps.join(", ")))
}

/// A person's or an organisation's name as written: one to four words, each capitalised ("Ana
/// Costa", "Rep. Ivo Dane Jr."), not a phrase the speaker extraction cut badly.
fn name_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=4).contains(&words.len()) && words.iter().all(|w| w.starts_with(char::is_uppercase))
}

/// The speaker's name next to the quotation (in its paragraph) replaced by another name of the
/// story.
fn other_speaker(
    text: &str,
    at: usize,
    quote: &str,
    speaker: Option<&str>,
    ctx: &Context,
    rng: &mut SplitMix,
) -> Option<Perturbed> {
    let speaker = speaker.filter(|s| name_like(s))?;
    let last = speaker.split_whitespace().last()?;
    // Other people quoted in the story, else other names of two words or more.
    let fits = |n: &&String| name_like(n) && !n.contains(last) && !speaker.contains(n.as_str());
    let mut others: Vec<&String> = ctx.speakers.iter().filter(fits).take(4).collect();
    if others.is_empty() {
        others = ctx
            .story_names
            .iter()
            .filter(|n| n.contains(' '))
            .filter(fits)
            .take(4)
            .collect();
    }
    let other = *others.get(rng.below(others.len().max(1)))?;
    // The paragraph around the quotation.
    let start = text[..at].rfind("\n\n").map_or(0, |i| i + 2);
    let end = text[at..].find("\n\n").map_or(text.len(), |i| at + i);
    let para = &text[start..end];
    let mid = at - start + quote.len() / 2;
    let mentions: Vec<(usize, &str)> = [speaker, last]
        .iter()
        .flat_map(|n| {
            para.match_indices(*n)
                .map(|(i, _)| (i, *n))
                .collect::<Vec<_>>()
        })
        .collect();
    // Outside the quotation, nearest to it, the full name before the surname.
    let &(i, name) = mentions
        .iter()
        .filter(|(i, _)| *i + start < at || *i + start >= at + quote.len())
        .min_by_key(|(i, n)| (i.abs_diff(mid), n.len() == last.len()))?;
    let mut out = text.to_string();
    out.replace_range(start + i..start + i + name.len(), other);
    perturbed(out, "speaker", format!("{name} → {other} for: {quote}"))
}
