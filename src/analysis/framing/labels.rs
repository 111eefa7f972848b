//! Labels: what each outlet calls each main actor in its own voice — a title ("Kenyan President"),
//! an appositive ("X, a former trade unionist who …"), a predicate ("X is a veteran negotiator"), a
//! pre-modifier ("reformist former mayor X"), or a role-noun description without the name ("the
//! leftist leader"), given to the actor it refers to; the labels no other outlet uses for the actor
//! are marked `only_this_outlet`.
//!
//! *Does not measure* the tone of a label (that is [`super::tone`]), nor labels inside quotations
//! (the speaker's words, not the outlet's). Labels are read from punctuation and word shape, not a
//! parse: an appositive that is really a list item can be taken for a label, and a description
//! is given to an actor by position (the actors mentioned shortly before), not by resolving it.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::Document;

use super::actors::Cast;
use super::common::{capitalised, fold, word_list};
use super::config::{FramingConfig, LabelSettings};

/// A label an outlet pins on an actor in its own voice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Label {
    pub text: String,
    /// `title` ("Kenyan President"), `appositive`, `predicate` ("X is a …"), `premodifier`, or
    /// `role` (a role-noun description without the name: "the leftist leader").
    pub kind: String,
    pub sentence: usize,
    /// No other outlet uses this label (case-insensitive) for this actor.
    pub only_this_outlet: bool,
}

/// Per document and actor, the labels the outlet pins on the actor in its own voice (`authors[d]`:
/// document `d`'s sentences in the author's voice), those no other outlet uses marked
/// `only_this_outlet`. `outlets[d]` names document `d`'s outlet.
pub(super) fn labels(
    docs: &[Document],
    outlets: &[String],
    cast: &Cast,
    authors: &[Vec<String>],
    cfg: &FramingConfig,
) -> Vec<Vec<Vec<Label>>> {
    let title_words = title_words(docs, cast, cfg);
    let mut labels: Vec<Vec<Vec<Label>>> = docs
        .iter()
        .enumerate()
        .map(|(di, d)| labels_of(di, d, cast, &authors[di], &title_words, cfg))
        .collect();
    mark_only_this_outlet(&mut labels, outlets);
    labels
}

/// Capitalised words of each actor's titles in any outlet ("Peruvian President"), which a
/// role-noun description with a nationality adjective is matched against.
fn title_words(docs: &[Document], cast: &Cast, cfg: &FramingConfig) -> Vec<BTreeSet<String>> {
    let (actors, doc_names) = (&cast.actors, &cast.doc_names);
    let mut title_words: Vec<BTreeSet<String>> = vec![BTreeSet::new(); actors.len()];
    for (di, d) in docs.iter().enumerate() {
        for (si, s) in d.sentences.iter().enumerate() {
            for (form, a, _) in &doc_names[di][si] {
                let Some(ai) = cast.actor_of(form) else {
                    continue;
                };
                if let Some((t, _)) = title(&s.text, *a, &cfg.labels) {
                    title_words[ai].extend(t.split_whitespace().map(fold));
                }
            }
        }
    }
    title_words
}

/// The labels of document `di` (`authors`: its sentences in the author's voice), per actor; none
/// is marked `only_this_outlet` yet.
fn labels_of(
    di: usize,
    d: &Document,
    cast: &Cast,
    authors: &[String],
    title_words: &[BTreeSet<String>],
    cfg: &FramingConfig,
) -> Vec<Vec<Label>> {
    let (actors, doc_names) = (&cast.actors, &cast.doc_names);
    let mut labels: Vec<Vec<Label>> = vec![Vec::new(); actors.len()];
    // Actor mentions so far: (sentence, byte, actor).
    let mut seen: Vec<(usize, usize, usize)> = Vec::new();
    for (si, s) in d.sentences.iter().enumerate() {
        let author = authors[si].as_str();
        for (ai, a, b) in cast.author_mentions(di, si, author, &s.text) {
            let titled = title(author, a, &cfg.labels);
            let before = titled.as_ref().map_or(a, |t| t.1);
            for (kind, text) in [
                ("title", titled.as_ref().map(|t| t.0.clone())),
                ("appositive", appositive(author, b, &cfg.labels, false)),
                ("predicate", appositive(author, b, &cfg.labels, true)),
                ("premodifier", premodifier(author, before, &cfg.labels)),
            ] {
                if let Some(text) = text {
                    add_label(&mut labels[ai], &text, kind, si);
                }
            }
        }
        // Role-noun descriptions, read against the actors mentioned before them.
        let here_mentions: Vec<(usize, usize, usize)> = doc_names[di][si]
            .iter()
            .filter_map(|(form, a, _)| {
                let ai = cast.actor_of(form)?;
                Some((si, *a, ai))
            })
            .collect();
        for (text, at, plural) in role_phrases(author, &cfg.labels) {
            // Already read as an appositive or a predicate of this sentence.
            let lower = text.to_lowercase();
            if labels
                .iter()
                .flatten()
                .any(|l| l.sentence == si && l.text.to_lowercase().contains(&lower))
            {
                continue;
            }
            // "X is a leftist former guerrilla and a frequent critic": a predicate of X.
            let last_here = here_mentions.iter().rev().find(|m| m.1 < at);
            let predicate_of = last_here.filter(|m| {
                let between: Vec<String> = author[m.1..at]
                    .split_whitespace()
                    .map(|w| w.to_lowercase())
                    .collect();
                cfg.labels.copulas.iter().any(|c| {
                    let c: Vec<String> = c.split_whitespace().map(str::to_lowercase).collect();
                    between.windows(c.len()).any(|w| w == c.as_slice())
                })
            });
            // The sentence's subject: its first actor, unless a preposition makes it an object
            // ("She imposed rules on Okafor").
            let preps = word_list(&cfg.labels.prepositions);
            let first_here = here_mentions
                .first()
                .filter(|m| m.1 < at)
                .filter(|m| {
                    let prev = author[..m.1].split_whitespace().last().unwrap_or("");
                    !preps.contains(&prev.to_lowercase())
                })
                .map(|m| m.2);
            // "…, despite the country remaining a major regional ally": a country, a nation
            // or a state named after the last actor of the sentence is what the label
            // describes, and no person is.
            let from = last_here.map_or(0, |m| m.1);
            let states = word_list(&cfg.labels.state_nouns);
            let dets = word_list(&cfg.labels.role_determiners);
            let between: Vec<&str> = author[from..at].split_whitespace().collect();
            let bare = |w: &str| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            };
            // "the country remaining …", not the possessive "the countries' leaders".
            let describes_state = between.windows(2).any(|w| {
                let possessive = |x: &str| x.ends_with(['\'', '’']) || x.ends_with("'s");
                (dets.contains(&bare(w[0])) || possessive(w[0]) || w[0].ends_with("’s"))
                    && states.contains(&bare(w[1]))
                    && !possessive(w[1])
                    && !w[1].ends_with("’s")
            });
            if describes_state {
                continue;
            }
            let window = |lookback: usize| -> Vec<(usize, usize, usize)> {
                let mut v: Vec<(usize, usize, usize)> = seen
                    .iter()
                    .filter(|m| m.0 + lookback >= si)
                    .copied()
                    .chain(here_mentions.iter().filter(|m| m.1 < at).copied())
                    .collect();
                v.reverse();
                v
            };
            let mut before = window(cfg.labels.role_lookback);
            // A plural label counted as two ("both men, bombastic leaders", "the two
            // countries' bombastic leaders") is about two actors: when the look-back holds
            // fewer, the last two actors the article mentioned.
            let distinct =
                |v: &[(usize, usize, usize)]| v.iter().map(|m| m.2).collect::<BTreeSet<_>>().len();
            let pair_words = word_list(&cfg.labels.pair_words);
            let counted_two = author[..at]
                .split_whitespace()
                .rev()
                .take(3)
                .any(|w| pair_words.contains(&bare(w)));
            if plural && counted_two && distinct(&before) < 2 {
                before = window(usize::MAX / 2);
            }
            let mut refs: Vec<usize> = Vec::new();
            for (msi, _, ai) in before {
                // Not the subject of its own sentence: "Rivera praised the veteran negotiator".
                if !plural && msi == si && Some(ai) == first_here {
                    continue;
                }
                if !refs.contains(&ai) {
                    refs.push(ai);
                }
            }
            // "the Peruvian leader": the one actor titled "Peruvian …".
            let nationals: Vec<usize> = text
                .split_whitespace()
                .filter(|w| capitalised(w))
                .flat_map(|w| {
                    let w = fold(w);
                    let tw = &title_words;
                    (0..actors.len()).filter(move |ai| tw[*ai].contains(&w))
                })
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            if !plural && nationals.len() == 1 {
                refs = nationals;
            }
            refs.truncate(if plural { 2 } else { 1 });
            if let (Some(m), false) = (predicate_of, plural) {
                refs = vec![m.2];
            }
            if plural && refs.len() < 2 {
                continue;
            }
            for ai in refs {
                add_label(&mut labels[ai], &text, "role", si);
            }
        }
        seen.extend(here_mentions);
    }
    labels
}

/// Adds a label of `kind` found in sentence `sentence` to an actor's `labels`, unless one with the
/// same text (ignoring ASCII case) is there already; none is marked `only_this_outlet` yet.
fn add_label(labels: &mut Vec<Label>, text: &str, kind: &str, sentence: usize) {
    if !labels.iter().any(|l| l.text.eq_ignore_ascii_case(text)) {
        labels.push(Label {
            text: text.to_string(),
            kind: kind.into(),
            sentence,
            only_this_outlet: false,
        });
    }
}

/// Marks the labels no other outlet uses for the actor (`outlets[d]`: document `d`'s outlet).
fn mark_only_this_outlet(labels: &mut [Vec<Vec<Label>>], outlets: &[String]) {
    let distinct_outlets: BTreeSet<&str> = outlets.iter().map(String::as_str).collect();
    if distinct_outlets.len() > 1 {
        let snapshot = labels.to_vec();
        for (o, per_actor) in labels.iter_mut().enumerate() {
            for (ai, af) in per_actor.iter_mut().enumerate() {
                for l in af {
                    l.only_this_outlet = !snapshot.iter().enumerate().any(|(p, labels_p)| {
                        outlets[p] != outlets[o]
                            && labels_p[ai].iter().any(|m| same_label(&m.text, &l.text))
                    });
                }
            }
        }
    }
}

/// Two labels are the same up to case, accents and dots ("U.S. President", "US president").
fn same_label(a: &str, b: &str) -> bool {
    let key = |s: &str| fold(s).replace('.', "");
    key(a) == key(b)
}

/// The appositive after a mention ending at byte `end`: ", a former trade unionist who …" → "a former
/// trade unionist"; with `copula`, the predicate of "X is a former trade unionist and …".
fn appositive(text: &str, end: usize, cfg: &LabelSettings, copula: bool) -> Option<String> {
    let rest = text.get(end..)?;
    let rest = if copula {
        let r = rest.trim_start();
        let lower = r.to_lowercase();
        let c = cfg
            .copulas
            .iter()
            .find(|c| lower.starts_with(&format!("{} ", c.to_lowercase())))?;
        &r[c.len()..]
    } else {
        rest.strip_prefix(',')?
    }
    .trim_start();
    let det = word_list(&cfg.determiners);
    let stops = word_list(&cfg.appositive_stops);
    let mut words: Vec<&str> = Vec::new();
    let mut closed = false;
    for raw in rest.split_whitespace() {
        let w = raw.trim_end_matches([',', ';', '.', ':', ')', '—', '–']);
        let lower = w.to_lowercase();
        if words.is_empty() && !det.contains(&lower) {
            return None;
        }
        if stops.contains(&lower) || raw.starts_with(['—', '–', '(', '"', '“']) {
            closed = true;
            break;
        }
        words.push(w);
        if w.len() < raw.len() || words.len() > cfg.max_words {
            closed = w.len() < raw.len();
            break;
        }
    }
    if rest.split_whitespace().count() == words.len() {
        closed = true;
    }
    (closed && words.len() >= 2 && words.len() <= cfg.max_words).then(|| words.join(" "))
}

/// The title run right before a mention ("U.S. President", "Kenyan President"): capitalised
/// words holding one of `title-words`, with nationality adjectives and abbreviations. Returns the
/// title and the byte where it starts.
fn title(text: &str, start: usize, cfg: &LabelSettings) -> Option<(String, usize)> {
    let before = text.get(..start)?;
    let titles = word_list(&cfg.title_words);
    let mut at = before.trim_end().len();
    if at == before.len() {
        return None;
    }
    let mut taken: Vec<&str> = Vec::new();
    let mut first = at;
    for raw in before[..at].split_whitespace().rev() {
        let capital_word = capitalised(raw)
            && raw
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if !capital_word {
            break;
        }
        at = before[..at].trim_end().len() - raw.len();
        first = at;
        taken.push(raw);
        at = before[..at].trim_end().len();
    }
    taken.reverse();
    let has_title = taken
        .iter()
        .any(|w| titles.contains(&w.trim_end_matches('.').to_lowercase()));
    (has_title && taken.len() <= cfg.max_words).then(|| (taken.join(" "), first))
}

/// The pre-modifier before a mention starting at byte `start`: "reformist former mayor".
fn premodifier(text: &str, start: usize, cfg: &LabelSettings) -> Option<String> {
    let before = text.get(..start)?;
    if before.ends_with(['"', '“', '\'', '‘']) {
        return None;
    }
    let not = word_list(&cfg.not_labels);
    let bounds = word_list(&cfg.premodifier_boundaries);
    let markers = word_list(&cfg.verb_markers);
    let toks: Vec<&str> = before.split_whitespace().collect();
    let mut taken: Vec<&str> = Vec::new();
    let mut boundary_ok = false;
    for (k, raw) in toks.iter().enumerate().rev() {
        let word = raw.trim_start_matches(['(', '"', '“']);
        let ends_clause = raw.ends_with([',', ';', ':', '.', '—', '–']) || *raw == "—";
        let lower = word.to_lowercase();
        let shaped = word
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’')
            && word.chars().any(char::is_alphabetic);
        let verb_form = lower.ends_with("ing") || lower.ends_with("ed");
        let possessive = word.ends_with("'s") || word.ends_with("’s");
        if markers.contains(&lower) {
            // "to meet X", "will visit X": the words before the name are a verb.
            return None;
        }
        if ends_clause || bounds.contains(&lower) || not.contains(&lower) || verb_form || possessive
        {
            boundary_ok = true;
            break;
        }
        let nationality = cfg
            .nationality_endings
            .iter()
            .any(|e| lower.ends_with(e.as_str()));
        if !shaped || (capitalised(word) && k > 0 && !nationality) {
            break;
        }
        taken.push(word);
        if word.len() < raw.len() || k == 0 {
            boundary_ok = true;
            break;
        }
    }
    if !boundary_ok || taken.is_empty() {
        return None;
    }
    taken.reverse();
    let lower_words = taken
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    let letters: usize = taken
        .iter()
        .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    (lower_words > 0 && letters >= cfg.min_letters && taken.len() <= cfg.max_words)
        .then(|| taken.join(" "))
}

/// Role-noun descriptions in a text: (label, start byte, plural). "accused the leftist leader of
/// …" → ("leftist leader", …, false); "the two countries' bombastic leaders" → ("bombastic
/// leaders", …, true). A determiner, a possessive or an appositive's comma opens the phrase, at
/// least one modifier (a lower-case word, or a nationality adjective) precedes the role noun, and
/// no name follows it (then it is a pre-modifier).
fn role_phrases(text: &str, cfg: &LabelSettings) -> Vec<(String, usize, bool)> {
    let dets = word_list(&cfg.role_determiners);
    let singular = word_list(&cfg.role_nouns);
    let plural = word_list(&cfg.plural_role_nouns);
    let not = word_list(&cfg.not_labels);
    let markers = word_list(&cfg.verb_markers);
    let bounds = word_list(&cfg.premodifier_boundaries);
    let counting = word_list(&cfg.counting_words);
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    let bare = |w: &str| -> String {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(w);
        w.trim_end_matches(['\'', '’']).to_string()
    };
    let mut out = Vec::new();
    for (k, (_, raw)) in words.iter().enumerate() {
        let noun = bare(raw);
        let lower = noun.to_lowercase();
        let is_plural = plural.contains(&lower);
        if !(is_plural || singular.contains(&lower)) || capitalised(&noun) {
            continue;
        }
        // A name right after it: a pre-modifier or a title, read elsewhere.
        let ends_here = raw.ends_with([',', ';', ':', '.', '—', '–', ')']);
        if !ends_here && words.get(k + 1).is_some_and(|(_, n)| capitalised(n)) {
            continue;
        }
        // The role noun heads the phrase: what follows it is a preposition, a verb or another
        // function word, not a noun it modifies ("a combative hardliner faction", "the populist
        // leader").
        let possessive = raw.ends_with("'s") || raw.ends_with("’s");
        let head = ends_here
            || possessive
            || words.get(k + 1).is_none_or(|(_, n)| {
                let n = bare(n).to_lowercase();
                n.ends_with("ed")
                    || n.ends_with("ing")
                    || (n.ends_with('s') && !plural.contains(&n))
                    || not.contains(&n)
                    || markers.contains(&n)
                    || bounds.contains(&n)
            });
        if !head {
            continue;
        }
        let mut mods: Vec<&str> = Vec::new();
        let mut opened = false;
        let mut j = k;
        while j > 0 && mods.len() < cfg.max_words {
            j -= 1;
            let w = words[j].1;
            let possessive = w.ends_with("'s") || w.ends_with("’s") || w.ends_with(['’', '\'']);
            let b = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            let lw = b.to_lowercase();
            if dets.contains(&lw) || possessive {
                opened = true;
                break;
            }
            if w.ends_with([',', ';', ':', '.', '—', '–', ')', '"', '”']) {
                // The comma of an appositive: ", bombastic leaders".
                opened = w.ends_with(',');
                break;
            }
            let nationality = capitalised(b)
                && cfg
                    .nationality_endings
                    .iter()
                    .any(|e| lw.ends_with(e.as_str()));
            let modifier = !b.is_empty()
                && b.len() == w.len()
                && b.chars().all(|c| c.is_alphabetic() || c == '-')
                && (!capitalised(b) || nationality)
                && !not.contains(&lw)
                && !markers.contains(&lw)
                && !bounds.contains(&lw)
                && !counting.contains(&lw);
            if !modifier {
                break;
            }
            mods.push(b);
        }
        let letters: usize = mods.iter().map(|m| m.chars().count()).sum();
        if !opened || mods.is_empty() || letters < cfg.min_letters {
            continue;
        }
        mods.reverse();
        let start = words[j + 1].0;
        out.push((format!("{} {}", mods.join(" "), noun), start, is_plural));
    }
    out
}
