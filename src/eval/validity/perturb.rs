//! The perturbations of `eval validity`: each a small pure function of (article text, story
//! context, generator) that returns the changed text and what it changed, or `None` when the
//! article holds nothing for it to act on.
//!
//! *What they do*: degradations add something a careful report would not carry (a section about
//! another event, unsourced speculation, loaded words), take away what makes it checkable (its
//! attribution frames, everything after the lead) or corrupt what it shares with other outlets (a
//! figure, a quotation); neutral changes leave the report's content alone (paragraph order after
//! the lead, page furniture, the file name, typography).
//!
//! The three that rewrite the article's own sentences (attributions, figures, quotations) are in
//! [`super::edits`].
//!
//! *What they do not*: they are written from general English patterns, not from the scorer's
//! lexicons (the loaded words and speculation templates below are test data of their own, so a
//! word the lexicon lacks is a finding, not a bug of the test); they do not check that the result
//! reads well, only that it changed what they say they changed. Sentences, facts and quotations
//! are located in the text by the exact sentence text the pipeline segmented; one that cleaning
//! rewrote is not found and is passed over.

use std::sync::LazyLock;

use regex::Regex;

use crate::rng::SplitMix;

/// What a generator knows about the story besides the article text.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The article's sentences as the pipeline segmented them (to locate edits in the text).
    pub sentences: Vec<String>,
    /// Names the article mentions, most frequent first.
    pub names: Vec<String>,
    /// Names the whole story mentions, most frequent first.
    pub story_names: Vec<String>,
    /// Named speakers of the story's quotations (every outlet), most quoted first.
    pub speakers: Vec<String>,
    /// The article's sentences that belong to a fact another outlet reports, with the other
    /// outlets' sentences of that fact.
    pub shared: Vec<(String, Vec<String>)>,
    /// The article's quotations that another outlet carries faithfully: (quoted words, speaker).
    pub quotes: Vec<(String, Option<String>)>,
    /// An article of another story: its headline and sentences.
    pub donor: Option<(Option<String>, Vec<String>)>,
    /// Reporting verbs (inflected forms), from the speech lexicon.
    pub verbs: Vec<String>,
}

/// A perturbed article.
#[derive(Debug, Clone, PartialEq)]
pub struct Perturbed {
    pub text: String,
    /// A new article id (file stem), for the renaming family.
    pub id: Option<String>,
    /// Which way the family acted (`end`, `after_lead`, `words`, `speaker`, …).
    pub variant: String,
    /// The text inserted or changed, for reading the misbehaving cases.
    pub changed: String,
}

pub(super) fn perturbed(text: String, variant: &str, changed: String) -> Option<Perturbed> {
    Some(Perturbed {
        text,
        id: None,
        variant: variant.to_string(),
        changed,
    })
}

static PARAGRAPH_BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\n[ \t]*(?:\r?\n[ \t]*)+").expect("valid regex"));

/// Blocks separated by blank lines, trimmed, empty ones dropped.
pub fn paragraphs(text: &str) -> Vec<String> {
    PARAGRAPH_BREAK
        .split(text)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// Index of the lead: the first paragraph of at least 12 words that ends like a sentence (a
/// headline, dateline or tag line before it is not the lead); the first one if none does.
pub fn lead(paras: &[String]) -> usize {
    paras
        .iter()
        .position(|p| {
            p.split_whitespace().count() >= 12
                && p.trim_end_matches(['"', '”', '’', '\'', ')'])
                    .ends_with(['.', '!', '?'])
        })
        .unwrap_or(0)
}

/// `k` distinct indices of `0..n` in increasing order (all of them when `n <= k`).
pub(super) fn pick(n: usize, k: usize, rng: &mut SplitMix) -> Vec<usize> {
    let mut all: Vec<usize> = (0..n).collect();
    for i in 0..n.min(k) {
        let j = i + rng.below(n - i);
        all.swap(i, j);
    }
    let mut v = all[..n.min(k)].to_vec();
    v.sort_unstable();
    v
}

/// `0..n` in a random order (Fisher–Yates).
fn shuffled(n: usize, rng: &mut SplitMix) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        v.swap(i, rng.below(i + 1));
    }
    v
}

/// Replace the first occurrence of `sentence` at or after `from` in `text`; the end of the new text.
pub(super) fn replace_sentence(
    text: &mut String,
    from: usize,
    sentence: &str,
    new: &str,
) -> Option<usize> {
    let at = from + text.get(from..)?.find(sentence)?;
    text.replace_range(at..at + sentence.len(), new);
    Some(at + new.len())
}

// ---------------------------------------------------------------------------------------------
// Degradations

/// Headings for a section taken from another story (when the donor's own headline is not used).
const HEADINGS: &[&str] = &[
    "Background",
    "In other news",
    "Elsewhere",
    "Related",
    "Analysis",
];

/// (1) A heading and 4–6 consecutive sentences of another story's article, as a titled section at
/// the end or between paragraphs after the lead.
pub fn unrelated_section(text: &str, ctx: &Context, rng: &mut SplitMix) -> Option<Perturbed> {
    let (title, sentences) = ctx.donor.as_ref()?;
    // Not the donor's lead: it would read as the start of another article.
    let body = sentences.get(1..)?;
    if body.len() < 4 {
        return None;
    }
    let k = (4 + rng.below(3)).min(body.len());
    let start = rng.below(body.len() - k + 1);
    let taken = &body[start..start + k];
    let heading = match title {
        Some(t) if rng.below(2) == 0 && !t.trim().is_empty() => t.trim().to_string(),
        _ => HEADINGS[rng.below(HEADINGS.len())].to_string(),
    };
    let mut block = format!("## {heading}");
    for chunk in taken.chunks(3) {
        block.push_str("\n\n");
        block.push_str(&chunk.join(" "));
    }
    let mut paras = paragraphs(text);
    let after_lead = lead(&paras) + 1;
    let variant = if after_lead < paras.len() && rng.below(2) == 0 {
        let at = after_lead + rng.below(paras.len() - after_lead);
        paras.insert(at, block.clone());
        "after_lead"
    } else {
        paras.push(block.clone());
        "end"
    };
    perturbed(paras.join("\n\n"), variant, block)
}

/// Speculative and evaluative sentences in the author's voice; `{A}` is the article's most named
/// actor, `{B}` its second.
const SPECULATION: &[&str] = &[
    "{A}'s gamble is likely to backfire within months.",
    "{A} will almost certainly come to regret this.",
    "This could well mark the beginning of the end for {A}.",
    "Is {A} really ready for the fight that is coming?",
    "{A} seems badly out of touch with the public mood.",
    "{B} probably sees an opening here, and may be right to.",
    "Perhaps {A} is simply playing for time.",
    "What exactly does {A} hope to gain from all this?",
    "The episode may end up costing {B} far more than it gains.",
    "{A} has misjudged the moment, and the public is unlikely to forget it.",
    "Sooner or later, {B} will have to answer for this.",
    "It is hard to see how {A} recovers from such a blunder.",
];

/// (2) Three or four unsourced speculative sentences about the story's actors, as one paragraph
/// after the lead or at the end.
pub fn speculation(text: &str, ctx: &Context, rng: &mut SplitMix) -> Option<Perturbed> {
    let a = ctx.names.first()?;
    let b = ctx.names.get(1).unwrap_or(a);
    let k = 3 + rng.below(2);
    // k templates in a random order.
    let order = shuffled(SPECULATION.len(), rng);
    let sentences: Vec<String> = order[..k]
        .iter()
        .map(|&i| SPECULATION[i].replace("{A}", a).replace("{B}", b))
        .collect();
    let block = sentences.join(" ");
    let mut paras = paragraphs(text);
    let after_lead = lead(&paras) + 1;
    let variant = if after_lead < paras.len() && rng.below(2) == 0 {
        paras.insert(after_lead, block.clone());
        "after_lead"
    } else {
        paras.push(block.clone());
        "end"
    };
    perturbed(paras.join("\n\n"), variant, block)
}

/// Loaded adjectives (before nouns) and adverbs (before verbs), in the author's voice. Test data:
/// some are in the scorer's lexicon, some are not, on purpose.
const LOADED_ADJECTIVES: &[&str] = &[
    "disastrous",
    "shameful",
    "reckless",
    "so-called",
    "notorious",
    "outrageous",
    "pathetic",
    "sleazy",
    "disgraceful",
    "cowardly",
    "ludicrous",
    "spineless",
    "shady",
    "appalling",
    "incompetent",
    "bizarre",
    "sham",
    "dubious",
];
const LOADED_ADVERBS: &[&str] = &[
    "brazenly",
    "shamelessly",
    "recklessly",
    "cynically",
    "blatantly",
    "stubbornly",
    "arrogantly",
    "desperately",
];
const NOT_NOUNS: &[&str] = &[
    "most",
    "same",
    "first",
    "last",
    "other",
    "very",
    "more",
    "next",
    "only",
    "such",
    "many",
    "former",
    "latter",
    "week",
    "year",
    "month",
    "time",
    "past",
    "following",
    "final",
    "whole",
];

static DETERMINER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<det>[Tt]he|[Aa]n?|[Tt]his|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?P<w>[a-z][a-z-]{3,})\b")
        .expect("valid regex")
});
static AUXILIARY_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:has|have|had|was|were|is|are|will|would)\s+(?P<w>[a-z]{3,}(?:ed|en))\b")
        .expect("valid regex")
});

/// Byte ranges of `text` inside quotation marks (straight or curly double marks; paragraphs
/// close any left open).
fn quoted(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('“', _) => open = Some(i),
            ('"', None) => open = Some(i),
            ('”' | '"', Some(s)) => {
                out.push((s, i));
                open = None;
            }
            ('\n', Some(s)) => {
                out.push((s, i));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        out.push((s, text.len()));
    }
    out
}

/// (6) Four to six loaded adjectives and adverbs inserted in the author's voice.
pub fn loaded_words(text: &str, _ctx: &Context, rng: &mut SplitMix) -> Option<Perturbed> {
    let quotes = quoted(text);
    let outside = |i: usize| !quotes.iter().any(|&(s, e)| i >= s && i <= e);
    // (position of the word, adjective site?, the determiner's range when it is a/an)
    let mut sites: Vec<(usize, bool, Option<std::ops::Range<usize>>)> = Vec::new();
    for c in DETERMINER_WORD.captures_iter(text) {
        let (det, w) = (c.name("det")?, c.name("w")?);
        if outside(w.start()) && !NOT_NOUNS.contains(&w.as_str()) && !w.as_str().ends_with("ly") {
            let article = matches!(det.as_str(), "a" | "an" | "A" | "An");
            sites.push((w.start(), true, article.then(|| det.range())));
        }
    }
    for c in AUXILIARY_VERB.captures_iter(text) {
        let w = c.name("w")?;
        if outside(w.start()) {
            sites.push((w.start(), false, None));
        }
    }
    sites.sort_by_key(|s| s.0);
    // No two insertions closer than 40 bytes (different phrases, mostly different sentences).
    let mut spaced: Vec<(usize, bool, Option<std::ops::Range<usize>>)> = Vec::new();
    for s in sites {
        if spaced.last().is_none_or(|l| s.0 >= l.0 + 40) {
            spaced.push(s);
        }
    }
    if spaced.len() < 4 {
        return None;
    }
    let k = 4 + rng.below(3);
    let chosen = pick(spaced.len(), k, rng);
    // Each word at most once (the lists are longer than six).
    let mut adjectives = shuffled(LOADED_ADJECTIVES.len(), rng);
    let mut adverbs = shuffled(LOADED_ADVERBS.len(), rng);
    let mut out = text.to_string();
    let mut added = Vec::new();
    for &i in chosen.iter().rev() {
        let (at, adjective, article) = spaced[i].clone();
        let word = if adjective {
            adjectives.pop().map(|a| LOADED_ADJECTIVES[a])
        } else {
            adverbs.pop().map(|a| LOADED_ADVERBS[a])
        }
        .unwrap_or(LOADED_ADJECTIVES[0]);
        out.insert_str(at, &format!("{word} "));
        if let Some(r) = article {
            let capital = out[r.clone()].starts_with(char::is_uppercase);
            let an = word.starts_with(['a', 'e', 'i', 'o', 'u']);
            let det = match (capital, an) {
                (true, true) => "An",
                (true, false) => "A",
                (false, true) => "an",
                (false, false) => "a",
            };
            out.replace_range(r, det);
        }
        added.push(word);
    }
    added.reverse();
    perturbed(out, &format!("words_{}", added.len()), added.join(", "))
}

/// (7) The headline (and anything before the lead) and the lead paragraph only.
pub fn cut_to_lead(text: &str, _ctx: &Context, _rng: &mut SplitMix) -> Option<Perturbed> {
    let paras = paragraphs(text);
    let keep = lead(&paras) + 1;
    if keep >= paras.len() {
        return None;
    }
    let cut = paras[keep..].len();
    perturbed(
        paras[..keep].join("\n\n"),
        "lead",
        format!("{cut} paragraph(s) after the lead removed"),
    )
}

// ---------------------------------------------------------------------------------------------
// Neutral changes

/// (8) The paragraphs after the lead in another (seeded) order.
pub fn reorder_paragraphs(text: &str, _ctx: &Context, rng: &mut SplitMix) -> Option<Perturbed> {
    let paras = paragraphs(text);
    let first = lead(&paras) + 1;
    let n = paras.len().saturating_sub(first);
    if n < 2 {
        return None;
    }
    let mut order = shuffled(n, rng);
    if order.iter().enumerate().all(|(i, &j)| i == j) {
        order.rotate_left(1);
    }
    let mut out: Vec<String> = paras[..first].to_vec();
    out.extend(order.iter().map(|&j| paras[first + j].clone()));
    let shown: Vec<String> = order.iter().map(|j| j.to_string()).collect();
    perturbed(
        out.join("\n\n"),
        "shuffle",
        format!("order after the lead: {}", shown.join(",")),
    )
}

/// Page furniture that carries no reporting.
const BOILERPLATE: &[&str] = &[
    "Sign up for our newsletter to get the latest news delivered to your inbox.",
    "Copyright © 2019. All rights reserved.",
    "Share this article: Facebook Twitter Email",
    "Read more: The latest news and analysis",
    "Advertisement",
    "Click here to subscribe.",
    "Follow us on Facebook and Twitter for more updates.",
    "This article has been updated.",
];

/// (9) Two or three lines of page furniture appended or prepended.
pub fn boilerplate(text: &str, _ctx: &Context, rng: &mut SplitMix) -> Option<Perturbed> {
    let k = 2 + rng.below(2);
    let lines: Vec<&str> = pick(BOILERPLATE.len(), k, rng)
        .into_iter()
        .map(|i| BOILERPLATE[i])
        .collect();
    let block = lines.join("\n\n");
    let (out, variant) = if rng.below(2) == 0 {
        (format!("{}\n\n{block}", text.trim_end()), "append")
    } else {
        (format!("{block}\n\n{}", text.trim_start()), "prepend")
    };
    perturbed(out, variant, block)
}

/// (10) The same text under another file stem.
pub fn renamed(text: &str, _ctx: &Context, rng: &mut SplitMix) -> Option<Perturbed> {
    let stem = format!("renamed-{:08x}", rng.next_u64() as u32);
    Some(Perturbed {
        text: text.to_string(),
        id: Some(stem.clone()),
        variant: "stem".into(),
        changed: stem,
    })
}

/// (11) Typography: curly quotation marks made straight (or straight ones curly), dashes written
/// the other way, a doubled space after sentences, trailing spaces at line ends.
pub fn typography(text: &str, _ctx: &Context, _rng: &mut SplitMix) -> Option<Perturbed> {
    let mut kinds = Vec::new();
    let curly = text.contains(['“', '”', '‘', '’']);
    let mut out = if curly {
        kinds.push("straight_quotes");
        text.replace(['“', '”'], "\"").replace(['‘', '’'], "'")
    } else {
        kinds.push("curly_quotes");
        let mut s = String::with_capacity(text.len() + 16);
        let mut prev = ' ';
        for c in text.chars() {
            let opening = prev.is_whitespace() || matches!(prev, '(' | '[' | '—');
            s.push(match c {
                '"' if opening => '“',
                '"' => '”',
                '\'' if opening => '‘',
                '\'' => '’',
                other => other,
            });
            prev = c;
        }
        s
    };
    if out.contains('—') {
        kinds.push("double_hyphens");
        out = out.replace(" — ", " -- ").replace('—', "--");
    } else if out.contains(" -- ") {
        kinds.push("em_dashes");
        out = out.replace(" -- ", " — ");
    }
    kinds.push("double_spaces");
    out = out.replace(". ", ".  ");
    kinds.push("trailing_spaces");
    out = out.replace('\n', " \n");
    perturbed(out, &kinds.join("+"), kinds.join(", "))
}
