//! Tone toward each actor: per outlet, the mean tone ([`crate::extract::tone`]) of the sentences in
//! the author's voice that mention the actor, each evaluative word going to the subject of its
//! clause (a relative clause or an appositive to its antecedent), with a Student-t interval and the
//! sentences that move it most.
//!
//! *Does not measure* the tone of quoted words or of sentences attributed to a speaker (they count
//! for the speaker, see [`super::voices`]), nor tone carried by what an outlet chooses to report
//! rather than by its words: the tone is lexical (see `eval tone`), and clauses are read from
//! punctuation and opener words, not a parse.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, StudentsT};
use unicode_segmentation::UnicodeSegmentation;

use crate::extract::quotes::{ArticleQuotes, AttributionKind};
use crate::extract::tone::{tone, Tone, ToneLexicon};
use crate::model::Document;

use super::actors::Cast;
use super::common::{in_author, round3, word_list};
use super::config::{FramingConfig, ToneSettings};

/// A sentence that moves an outlet's tone toward an actor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToneSentence {
    pub sentence: usize,
    pub text: String,
    pub tone: f64,
    pub terms: Vec<String>,
}

/// Mean tone of the author-voice sentences mentioning an actor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorTone {
    pub sentences: usize,
    pub mean: Option<f64>,
    /// Student-t interval at the configured level (needs two sentences).
    pub interval: Option<[f64; 2]>,
    pub moving: Vec<ToneSentence>,
}

/// Tone toward each actor in document `di` (`authors`: its sentences in the author's voice;
/// `found`: its quotations and attributions, whose sentences count for their speaker).
pub(super) fn tones(
    di: usize,
    d: &Document,
    cast: &Cast,
    authors: &[String],
    found: &ArticleQuotes,
    lex: &ToneLexicon,
    cfg: &FramingConfig,
) -> Vec<ActorTone> {
    let (actors, doc_names) = (&cast.actors, &cast.doc_names);
    let attributed: BTreeMap<usize, (AttributionKind, Option<String>)> = found
        .attributions
        .iter()
        .map(|a| (a.sentence, (a.kind, a.speaker.clone())))
        .collect();
    let mut tones: Vec<Vec<(f64, usize, Vec<String>)>> = vec![Vec::new(); actors.len()];
    for (si, s) in d.sentences.iter().enumerate() {
        let author = authors[si].as_str();
        let here: BTreeSet<usize> = cast
            .author_mentions(di, si, author, &s.text)
            .map(|(ai, _, _)| ai)
            .collect();
        let speech_sentence = attributed
            .get(&si)
            .is_some_and(|(k, _)| *k != AttributionKind::None);
        if here.is_empty() || speech_sentence {
            continue;
        }
        let mentions: Vec<(usize, usize, Option<usize>)> = doc_names[di][si]
            .iter()
            .filter(|(_, a, b)| in_author(author, &s.text, *a, *b))
            .map(|(form, a, b)| {
                let ai = cast.actor_of(form);
                (*a, *b, ai)
            })
            .collect();
        let toward = tone_toward(author, &mentions, lex, &cfg.tone);
        for ai in here {
            let (compound, terms) = toward.get(&ai).map_or((0.0, Vec::new()), |t| {
                (t.compound, t.hits.iter().map(|h| h.term.clone()).collect())
            });
            tones[ai].push((compound, si, terms));
        }
    }
    tones.iter().map(|t| actor_tone(t, d, cfg)).collect()
}

/// An outlet's tone toward one actor from its sentences' (tone, sentence, terms).
fn actor_tone(tones: &[(f64, usize, Vec<String>)], d: &Document, cfg: &FramingConfig) -> ActorTone {
    let values: Vec<f64> = tones.iter().map(|t| t.0).collect();
    let (mean, interval) = mean_interval(&values, cfg.tone.level);
    let mut moving: Vec<&(f64, usize, Vec<String>)> = tones.iter().filter(|t| t.0 != 0.0).collect();
    moving.sort_by(|x, y| y.0.abs().total_cmp(&x.0.abs()).then(x.1.cmp(&y.1)));
    ActorTone {
        sentences: values.len(),
        mean: mean.map(round3),
        interval: interval.map(|[x, y]| [round3(x), round3(y)]),
        moving: moving
            .into_iter()
            .take(cfg.tone.top_sentences)
            .map(|(c, si, terms)| ToneSentence {
                sentence: *si,
                text: d.sentences[*si].text.clone(),
                tone: round3(*c),
                terms: terms.clone(),
            })
            .collect(),
    }
}

fn mean_interval(values: &[f64], level: f64) -> (Option<f64>, Option<[f64; 2]>) {
    let n = values.len();
    if n == 0 {
        return (None, None);
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    if n < 2 {
        return (Some(mean), None);
    }
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n as f64 - 1.0);
    let t = StudentsT::new(0.0, 1.0, n as f64 - 1.0)
        .map(|d| d.inverse_cdf(0.5 + level / 2.0))
        .unwrap_or(f64::NAN);
    let half = t * (var / n as f64).sqrt();
    let interval = half
        .is_finite()
        .then(|| [(mean - half).max(-1.0), (mean + half).min(1.0)]);
    (Some(mean), interval)
}

/// Tone per target: the evaluative words of `text` shared out among its name mentions, each word
/// going to the subject of its clause (see `[tone]` in `rubrics/framing.toml`). `mentions` are
/// (start byte, end byte, target) with `None` for a name that is no target; returns each target's
/// tone built from its words only (targets with no word are absent).
pub fn tone_toward(
    text: &str,
    mentions: &[(usize, usize, Option<usize>)],
    lex: &ToneLexicon,
    cfg: &ToneSettings,
) -> BTreeMap<usize, Tone> {
    let t = tone(text, lex);
    let mut out: BTreeMap<usize, Tone> = BTreeMap::new();
    if t.hits.is_empty() || mentions.is_empty() {
        return out;
    }
    let openers = word_list(&cfg.clause_openers);
    let relative = word_list(&cfg.relative_pronouns);
    let conj = word_list(&cfg.comma_conjunctions);
    let determiners = word_list(&cfg.appositive_determiners);
    let mut sorted: Vec<&(usize, usize, Option<usize>)> = mentions.iter().collect();
    sorted.sort_by_key(|m| m.0);
    // Clause starts (byte offsets), with the word that opens each clause; an appositive (", a
    // disgraced former banker,") opens a clause marked APPOSITIVE, and the comma that closes it
    // one marked RESUME.
    const APPOSITIVE: &str = ",appositive";
    const RESUME: &str = ",resume";
    let mut starts: Vec<(usize, String)> = vec![(0, String::new())];
    let mut prev_end = 0usize;
    let mut in_appositive = false;
    for (i, w) in text.unicode_word_indices() {
        let between = &text[prev_end..i];
        let lower = w.to_lowercase();
        let punct = between.contains([';', ':', '—', '–', '(', ')']) || between.contains(" - ");
        let opener = i > 0 && openers.contains(&lower);
        let after_comma = between.contains(',') && conj.contains(&lower);
        let appositive = between.trim() == ","
            && determiners.contains(&lower)
            && sorted.iter().any(|m| m.1 == prev_end);
        if i > 0 && (punct || opener || after_comma) {
            let word = if opener || after_comma {
                lower
            } else {
                String::new()
            };
            starts.push((i, word));
            in_appositive = false;
        } else if appositive {
            starts.push((i, APPOSITIVE.to_string()));
            in_appositive = true;
        } else if in_appositive && between.contains(',') {
            starts.push((i, RESUME.to_string()));
            in_appositive = false;
        }
        prev_end = i + w.len();
    }
    let clause_of = |b: usize| starts.iter().rposition(|(s, _)| *s <= b).unwrap_or(0);
    // The subject of each clause: a relative clause's or an appositive's antecedent, else its
    // first name; after an appositive, the subject of the clause it interrupted.
    let mut owner: Vec<Option<Option<usize>>> = vec![None; starts.len()];
    // The clause a clause follows on from: the one before it, passing over appositives.
    let main_before = |c: usize| (0..c).rev().find(|&k| starts[k].1 != APPOSITIVE);
    for (c, (s, word)) in starts.iter().enumerate() {
        let end = starts.get(c + 1).map_or(text.len(), |x| x.0);
        if word == RESUME {
            owner[c] = main_before(c).and_then(|k| owner[k]);
            continue;
        }
        if relative.contains(word) || word == APPOSITIVE {
            if let Some(m) = sorted.iter().rev().find(|m| m.1 <= *s) {
                let gap = &text[m.1.min(*s)..*s];
                if gap.chars().all(|ch| ch.is_whitespace() || ch == ',') {
                    owner[c] = Some(m.2);
                    continue;
                }
            }
        }
        if let Some(m) = sorted.iter().find(|m| m.0 >= *s && m.0 < end) {
            // "…, and accused the leader of …": a conjunction clause whose first tone word comes
            // before any name shares the subject of the clause before it.
            let shared = c > 0
                && conj.contains(word)
                && t.hits.iter().any(|h| h.start >= *s && h.start < m.0);
            owner[c] = if shared {
                main_before(c).and_then(|k| owner[k])
            } else {
                Some(m.2)
            };
        }
    }
    // A clause with no name shares the subject of the clause before it ("…, though the figures
    // are disputed"); leading clauses with none, the sentence's first subject.
    for c in 1..owner.len() {
        if owner[c].is_none() {
            owner[c] = main_before(c).and_then(|k| owner[k]);
        }
    }
    let subject = owner.iter().flatten().next().copied();
    let mut sums: BTreeMap<usize, Vec<crate::extract::tone::ToneHit>> = BTreeMap::new();
    for h in &t.hits {
        let c = clause_of(h.start);
        if let Some(Some(target)) = owner[c].or(subject) {
            sums.entry(target).or_default().push(h.clone());
        }
    }
    for (target, hits) in sums {
        out.insert(target, lex.tone_of_hits(hits));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_words_count_for_the_subject_of_their_clause() {
        let lex = ToneLexicon::builtin().unwrap();
        let cfg = FramingConfig::builtin().unwrap();
        let at = |s: &str, name: &str| {
            let a = s.find(name).unwrap();
            (a, a + name.len())
        };
        // "Y, who …": the relative clause is about Y, not about the X it names.
        let s = "Ana Rivera met Tomas Okafor, who has been harshly critical of Rivera.";
        let m = [
            (at(s, "Ana Rivera").0, at(s, "Ana Rivera").1, Some(0)),
            (at(s, "Tomas Okafor").0, at(s, "Tomas Okafor").1, Some(1)),
            (s.rfind("Rivera").unwrap(), s.len() - 1, Some(0)),
        ];
        let t = tone_toward(s, &m, lex, &cfg.tone);
        assert!(!t.contains_key(&0), "{t:?}");
        assert!(t[&1].compound < 0.0, "{t:?}");
        // Two clauses, two subjects; a clause with no name is about the sentence's subject, and so
        // is a clause after ", and" whose tone words come before its names.
        let s = "Okafor praised the plan while Rivera attacked it, and wrecked the talks, and \
            ruined the plan for the Harbour Council.";
        let m = [
            (at(s, "Okafor").0, at(s, "Okafor").1, Some(1)),
            (at(s, "Rivera").0, at(s, "Rivera").1, Some(0)),
        ];
        let t = tone_toward(s, &m, lex, &cfg.tone);
        assert!(t[&1].compound > 0.0, "{t:?}");
        assert!(t[&0].compound < 0.0, "{t:?}");
        let m = [
            m[0],
            m[1],
            (at(s, "Harbour Council").0, at(s, "Harbour Council").1, None),
        ];
        let t = tone_toward(s, &m, lex, &cfg.tone);
        assert!(
            t[&0].hits.iter().any(|h| h.term.starts_with("ruin")),
            "{t:?}"
        );
        // "Y, a …,": the appositive is about Y; after its closing comma the words count again for
        // the subject of the clause it interrupted.
        let s = "Okafor met Rivera, a corrupt former banker, and praised the plan.";
        let m = [
            (at(s, "Okafor").0, at(s, "Okafor").1, Some(1)),
            (at(s, "Rivera").0, at(s, "Rivera").1, Some(0)),
        ];
        let t = tone_toward(s, &m, lex, &cfg.tone);
        assert!(t[&0].compound < 0.0, "{t:?}");
        assert!(
            t[&1].compound > 0.0 && t[&1].hits.len() == 1,
            "only \"praised\" is about Okafor: {t:?}"
        );
        let s = "Okafor met Rivera, a corrupt former banker, at the port, then praised him.";
        let t = tone_toward(s, &m, lex, &cfg.tone);
        assert!(t[&1].compound > 0.0 && t[&1].hits.len() == 1, "{t:?}");
        // Without a determiner after the comma it is no appositive: one clause, Okafor's.
        let s = "Okafor met Rivera, corrupt as ever.";
        let t = tone_toward(s, &m, lex, &cfg.tone);
        assert!(!t.contains_key(&0) && t[&1].compound < 0.0, "{t:?}");
        // A name that is no target keeps its clause's words from the targets.
        let s = "Minister Luis Mendes harshly attacked the plan.";
        let m = [(at(s, "Luis Mendes").0, at(s, "Luis Mendes").1, None)];
        assert!(tone_toward(s, &m, lex, &cfg.tone).is_empty());
    }
}
