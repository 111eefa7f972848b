//! Framing: how each outlet portrays the story's main actors, whose voices it carries, what it
//! leads with, and whether its headline holds — the bias profile that sits next to the reliability
//! score (never folded into it).
//!
//! *What it measures*, per story:
//! - **Main actors**: the most mentioned people and organisations across outlets. Names come from
//!   [`crate::extract::names`]; a surname alone ("Okafor") is merged with the full names that end
//!   in it ("Tomas Okafor"); a name holding an organisation word (`rubrics/framing.toml`) is an
//!   organisation; a one-word name that is no one's surname (a country, a city) is not an actor.
//! - Per outlet (article) and actor: **labels** in the author's voice — appositives ("X, a former
//!   trade unionist who …") and pre-modifiers ("reformist former mayor X") — with the labels no other
//!   outlet uses marked `only_this_outlet`; **tone**: the mean tone ([`crate::extract::tone`]) of
//!   the author-voice sentences that mention the actor (quoted words blanked out, sentences
//!   attributed to a speaker left out: they count for the speaker), with a Student-t interval and
//!   the sentences that move it most.
//! - Per outlet: **voices** — who is quoted or paraphrased, grouped as a main actor, `anonymous`,
//!   or a role told by cue words around the speaker's first mention (government, opposition,
//!   analyst; else `other`), with quotations, paraphrases, quoted words and their share, and the
//!   tone of the speaker's quoted words.
//! - **Placement** of each consensus fact in each outlet (headline, lead, body, last third), and
//!   `placement` findings: a consensus fact one outlet puts in its last third while others lead
//!   with it; a fact only one of several reporting outlets leads with.
//! - **Headline support**: the headline's and the standfirst's names, figures and content words
//!   checked against the outlet's own body (and the others'), both by one test; each claim says
//!   which text it comes from (`from`). `headline_unsupported` when its body does not state a name
//!   or a figure of the headline (or of the standfirst: the finding then opens with "Standfirst"),
//!   or holds too few of its content words.
//!
//! *Limitations*: rule based and English only. Labels are read from punctuation and word shape,
//! not a parse, so an appositive that is really a list item can be taken for a label. Tone is
//! lexical (see [`crate::extract::tone`] and `eval tone`). Roles are read from cue words near a
//! speaker's first mention, so a speaker described only elsewhere is `other`. A standfirst is
//! checked only where the source states one (an HTML page's meta description, a JSON record's or
//! a feed item's summary field beside its body, see [`crate::load::standfirst`]); plain text has
//! none, since a short first paragraph cannot be told from a lead.
//!
//! *Parts*, one module each, run in this order by [`analyse`]: `actors` (main actors), then per
//! outlet `labels`, `tone` and `voices`, then `placement` and `headline`; `config` holds the
//! settings and `common` the text helpers the parts share. Each part's types live in its module
//! and are re-exported here.

mod actors;
mod common;
mod config;
mod headline;
mod labels;
mod placement;
mod tone;
mod voices;

#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::align::Alignment;
use crate::analysis::quotes::Quotes;
use crate::extract::quotes::{quotes as article_quotes, Lexicon};
use crate::extract::tone::ToneLexicon;
use crate::model::Document;

pub use actors::Actor;
pub use config::{
    ActorSettings, FramingConfig, HeadlineSettings, LabelSettings, PlacementSettings, ToneSettings,
    VoiceSettings,
};
pub use headline::{HeadlineCheck, HeadlineClaim};
pub use labels::Label;
pub use placement::{FactPlacement, PlacedAt, Position};
pub use tone::{tone_toward, ActorTone, ToneSentence};
pub use voices::{Voice, VoiceGroup};

use common::author_sentences;

/// How one outlet portrays one actor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorFraming {
    pub actor: String,
    pub mentions: usize,
    pub labels: Vec<Label>,
    pub tone: ActorTone,
}

/// The framing profile of one outlet (article).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutletFraming {
    pub outlet: String,
    pub article: String,
    pub actors: Vec<ActorFraming>,
    pub voices: Vec<Voice>,
    pub voice_groups: Vec<VoiceGroup>,
    pub quoted_words: usize,
}

/// A finding of this analysis (`placement`, `headline_unsupported`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub kind: String,
    pub doc: usize,
    pub fact: Option<String>,
    pub text: String,
    /// (document, sentence) pairs.
    pub evidence: Vec<(usize, usize)>,
}

/// Everything [`analyse`] returns.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Framing {
    pub actors: Vec<Actor>,
    pub outlets: Vec<OutletFraming>,
    pub placement: Vec<FactPlacement>,
    pub headlines: Vec<HeadlineCheck>,
    #[serde(skip)]
    pub findings: Vec<Finding>,
}

/// Run the framing analysis. `outlet_of[d]` names document `d`'s outlet; `quotes` is the
/// quotation analysis of the same documents.
#[allow(clippy::too_many_arguments)]
pub fn analyse(
    docs: &[Document],
    alignment: &Alignment,
    quotes: &Quotes,
    outlet_of: &[String],
    consensus_share: f64,
    speech: &Lexicon,
    lex: &ToneLexicon,
    cfg: &FramingConfig,
) -> Framing {
    let outlet = |d: usize| {
        outlet_of
            .get(d)
            .cloned()
            .unwrap_or_else(|| docs[d].article.id.clone())
    };
    // 1. Name forms of the whole story, then actors.
    let cast = actors::cast(docs, &outlet, cfg);
    // 2. Per outlet: labels, tone, voices.
    let outlet_names: Vec<String> = (0..docs.len()).map(outlet).collect();
    let authors: Vec<Vec<String>> = docs.iter().map(author_sentences).collect();
    let labels = labels::labels(docs, &outlet_names, &cast, &authors, cfg);
    let mut outlets: Vec<OutletFraming> = Vec::with_capacity(docs.len());
    for ((di, d), labels) in docs.iter().enumerate().zip(labels) {
        let found = article_quotes(d, speech);
        let tones = tone::tones(di, d, &cast, &authors[di], &found, lex, cfg);
        let (voices, voice_groups, quoted_words) = voices::voices_of(
            di,
            d,
            quotes,
            &found,
            &cast.actors,
            &cast.index,
            &cast.actor_of_key,
            lex,
            cfg,
        );
        outlets.push(OutletFraming {
            outlet: outlet_names[di].clone(),
            article: d.article.id.clone(),
            actors: actor_framing(&cast.actors, cast.mentions(di), labels, tones),
            voices,
            voice_groups,
            quoted_words,
        });
    }
    // 3. Placement of the consensus facts, 4. headline support.
    let mut findings = Vec::new();
    let placement = placement::placement(
        docs,
        alignment,
        outlet_of,
        consensus_share,
        cfg,
        &mut findings,
    );
    let headlines = headline::headlines(docs, &outlet, cfg, &mut findings);
    Framing {
        actors: cast.actors,
        outlets,
        placement,
        headlines,
        findings,
    }
}

/// How one outlet portrays each actor: its mentions, labels and tone, in the order of `actors`.
fn actor_framing(
    actors: &[Actor],
    mentions: Vec<usize>,
    labels: Vec<Vec<Label>>,
    tones: Vec<ActorTone>,
) -> Vec<ActorFraming> {
    actors
        .iter()
        .zip(mentions)
        .zip(labels)
        .zip(tones)
        .map(|(((a, mentions), labels), tone)| ActorFraming {
            actor: a.name.clone(),
            mentions,
            labels,
            tone,
        })
        .collect()
}
