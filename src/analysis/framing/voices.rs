//! Voices: whom each outlet quotes or paraphrases — each speaker with its quotations, paraphrases,
//! quoted words and their share of the outlet's quoted words, and the tone of its quoted words —
//! grouped as a main actor, a role told by cue words around the speaker's first mention
//! (government, opposition, analyst; else `other`), or `anonymous` (an unnamed source whose own
//! phrase names no role).
//!
//! *Does not measure* whether a quotation is faithful or fairly attributed (that is
//! [`crate::analysis::quotes`]), nor the outlet's own tone (see [`super::tone`]). Roles are read
//! from cue words near a speaker's first mention, so a speaker described only elsewhere is
//! `other`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::analysis::quotes::Quotes;
use crate::extract::quotes::{AttributionKind, SpeakerKind};
use crate::extract::tone::{tone, ToneLexicon};
use crate::model::Document;

use super::actors::{Actor, ActorIndex};
use super::common::{capitalised, clean_name, round3, word_list};
use super::config::FramingConfig;

/// One speaker an outlet quotes or paraphrases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Voice {
    pub speaker: String,
    /// A main actor's name, a role of `rubrics/framing.toml`, `anonymous` (an unnamed source with
    /// no role cue in its phrase), or `other`. An unnamed source whose phrase holds a role cue ("a
    /// senior administration official") is in that role's group, with `anonymous` set.
    pub group: String,
    /// Not named ("officials said", "a person familiar with the talks").
    pub anonymous: bool,
    pub quotes: usize,
    pub paraphrases: usize,
    pub quoted_words: usize,
    /// Share of the outlet's quoted words.
    pub share: f64,
    /// Mean tone of the speaker's quoted words (counted for the speaker, not the outlet).
    pub tone: Option<f64>,
}

/// Voices of one group in one outlet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VoiceGroup {
    pub group: String,
    pub speakers: usize,
    /// Of them, speakers not named.
    pub anonymous: usize,
    pub quotes: usize,
    pub paraphrases: usize,
    pub quoted_words: usize,
    pub share: f64,
}

/// A speaker's tally: (group, quotes, paraphrases, quoted words, tones of the quotes).
type Tally = (String, usize, usize, usize, Vec<f64>);

/// The tally in `by` of a speaker (`key`, in `group`), started empty where it is missing; an
/// `anonymous` speaker's key is kept in `unnamed` too.
fn tally<'b>(
    by: &'b mut BTreeMap<String, Tally>,
    unnamed: &mut BTreeSet<String>,
    (key, group): (String, String),
    anonymous: bool,
) -> &'b mut Tally {
    if anonymous {
        unnamed.insert(key.clone());
    }
    by.entry(key)
        .or_insert_with(|| (group, 0, 0, 0, Vec::new()))
}

/// The voices of document `di`, grouped, and the outlet's quoted words in all.
#[allow(clippy::too_many_arguments)]
pub(super) fn voices_of(
    di: usize,
    d: &Document,
    quotes: &Quotes,
    found: &crate::extract::quotes::ArticleQuotes,
    actors: &[Actor],
    index: &ActorIndex,
    actor_of_key: &HashMap<String, usize>,
    lex: &ToneLexicon,
    cfg: &FramingConfig,
) -> (Vec<Voice>, Vec<VoiceGroup>, usize) {
    // A surname alone is the speaker named in full elsewhere in the article.
    let mut full_names: Vec<String> = quotes
        .quotes
        .iter()
        .filter(|q| q.doc == di)
        .filter_map(|q| q.speaker.clone())
        .chain(found.attributions.iter().filter_map(|a| a.speaker.clone()))
        .filter(|s| s.contains(' ') && s.split_whitespace().all(capitalised))
        .collect();
    full_names.sort();
    full_names.dedup();
    let canonical = |s: &str| -> String {
        let s = clean_name(s);
        if s.contains(' ') {
            return s;
        }
        let hits: Vec<&String> = full_names
            .iter()
            .filter(|f| f.split_whitespace().last() == Some(s.as_str()))
            .collect();
        match hits.as_slice() {
            [one] => (*one).clone(),
            _ => s,
        }
    };
    let nouns = word_list(&cfg.voices.anonymous_nouns);
    let real_anonymous = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .any(|w| nouns.contains(&w.to_lowercase()))
    };
    // A speaker's key and group: a main actor is shown under its full name, however the article
    // names it there; an "anonymous" speaker without an anonymous noun is not a voice.
    let key_of = |speaker: &str, anonymous: bool| -> Option<(String, String)> {
        if anonymous && !real_anonymous(speaker) {
            return None;
        }
        let speaker = canonical(speaker);
        let group = group_of(&speaker, anonymous, d, actors, index, actor_of_key, cfg);
        let key = if actors.iter().any(|a| a.name == group) {
            group.clone()
        } else {
            speaker
        };
        Some((key, group))
    };
    let mut by: BTreeMap<String, Tally> = BTreeMap::new();
    let mut unnamed: BTreeSet<String> = BTreeSet::new();
    let mut quoted_sentences: BTreeSet<usize> = BTreeSet::new();
    for q in quotes.quotes.iter().filter(|q| q.doc == di) {
        quoted_sentences.extend(q.sentences.iter().copied());
        let Some(speaker) = &q.speaker else { continue };
        let anonymous = q.speaker_kind == Some(SpeakerKind::Anonymous);
        let Some(key_group) = key_of(speaker, anonymous) else {
            continue;
        };
        let e = tally(&mut by, &mut unnamed, key_group, anonymous);
        e.1 += 1;
        e.3 += q.text.split_whitespace().count();
        e.4.push(tone(&q.text, lex).compound);
    }
    for a in &found.attributions {
        if quoted_sentences.contains(&a.sentence) {
            continue;
        }
        let anonymous = a.kind == AttributionKind::Anonymous;
        if a.kind == AttributionKind::None {
            continue;
        }
        let Some(speaker) = &a.speaker else { continue };
        let Some(key_group) = key_of(speaker, anonymous) else {
            continue;
        };
        let e = tally(&mut by, &mut unnamed, key_group, anonymous);
        e.2 += 1;
    }
    let total: usize = by.values().map(|v| v.3).sum();
    let share = |w: usize| {
        if total > 0 {
            round3(w as f64 / total as f64)
        } else {
            0.0
        }
    };
    let mut voices: Vec<Voice> = by
        .into_iter()
        .map(|(speaker, (group, q, p, w, t))| Voice {
            anonymous: unnamed.contains(&speaker),
            speaker,
            group,
            quotes: q,
            paraphrases: p,
            quoted_words: w,
            share: share(w),
            tone: (!t.is_empty()).then(|| round3(t.iter().sum::<f64>() / t.len() as f64)),
        })
        .collect();
    voices.sort_by(|a, b| {
        b.quoted_words
            .cmp(&a.quoted_words)
            .then(b.paraphrases.cmp(&a.paraphrases))
            .then(a.speaker.cmp(&b.speaker))
    });
    let mut groups: BTreeMap<String, VoiceGroup> = BTreeMap::new();
    for v in &voices {
        let g = groups.entry(v.group.clone()).or_insert_with(|| VoiceGroup {
            group: v.group.clone(),
            speakers: 0,
            anonymous: 0,
            quotes: 0,
            paraphrases: 0,
            quoted_words: 0,
            share: 0.0,
        });
        g.speakers += 1;
        g.anonymous += usize::from(v.anonymous);
        g.quotes += v.quotes;
        g.paraphrases += v.paraphrases;
        g.quoted_words += v.quoted_words;
    }
    let mut groups: Vec<VoiceGroup> = groups
        .into_values()
        .map(|mut g| {
            g.share = share(g.quoted_words);
            g
        })
        .collect();
    groups.sort_by(|a, b| {
        b.quoted_words
            .cmp(&a.quoted_words)
            .then(b.paraphrases.cmp(&a.paraphrases))
            .then(a.group.cmp(&b.group))
    });
    (voices, groups, total)
}

/// The group a speaker speaks for: a main actor, a role by cue words, `anonymous` or `other`. An
/// unnamed speaker is read by the cue words of its own phrase only ("a senior administration
/// official": `government`); with none it is `anonymous`.
fn group_of(
    speaker: &str,
    anonymous: bool,
    d: &Document,
    actors: &[Actor],
    index: &ActorIndex,
    actor_of_key: &HashMap<String, usize>,
    cfg: &FramingConfig,
) -> String {
    let role_in = |text: &str| -> Option<String> {
        let padded: String = format!(
            " {} ",
            text.to_lowercase()
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
        cfg.voices
            .roles
            .iter()
            .find(|(_, cues)| {
                cues.iter()
                    .any(|c| padded.contains(&format!(" {} ", c.to_lowercase())))
            })
            .map(|(role, _)| role.clone())
    };
    if anonymous {
        return role_in(speaker).unwrap_or_else(|| "anonymous".into());
    }
    let form = clean_name(speaker);
    if let Some(&ai) = index.key(&form).and_then(|k| actor_of_key.get(k)) {
        return actors[ai].name.clone();
    }
    // The words around the speaker's first mention, and the speaker phrase itself.
    let mut context = speaker.to_lowercase();
    let last = form.split_whitespace().last().unwrap_or(&form);
    if let Some(s) = d.sentences.iter().find(|s| s.text.contains(last)) {
        let words: Vec<&str> = s.text.split_whitespace().collect();
        if let Some(k) = words.iter().position(|w| w.contains(last)) {
            let a = k.saturating_sub(cfg.voices.context_words / 3);
            let b = (k + cfg.voices.context_words + 1).min(words.len());
            context.push(' ');
            context.push_str(&words[a..b].join(" ").to_lowercase());
        }
    }
    role_in(&context).unwrap_or_else(|| "other".into())
}
