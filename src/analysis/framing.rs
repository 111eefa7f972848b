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

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, StudentsT};
use unicode_segmentation::UnicodeSegmentation;

use crate::align::Alignment;
use crate::analysis::quotes::Quotes;
use crate::error::{from_toml, Error, Result};
use crate::extract::cues::quoted_ranges;
use crate::extract::quotes::{quotes as article_quotes, AttributionKind, Lexicon, SpeakerKind};
use crate::extract::tone::{tone, Tone, ToneLexicon};
use crate::extract::{names, quantities};
use crate::model::Document;
use crate::text::stopwords;

const BUILTIN: &str = include_str!("../../rubrics/framing.toml");
const PATH: &str = "rubrics/framing.toml";

// ---------------------------------------------------------------------------------------------
// Settings

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FramingConfig {
    pub version: u32,
    pub actors: ActorSettings,
    pub labels: LabelSettings,
    pub tone: ToneSettings,
    pub voices: VoiceSettings,
    pub placement: PlacementSettings,
    pub headline: HeadlineSettings,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ActorSettings {
    pub max: usize,
    pub min_mentions: usize,
    pub min_outlets: usize,
    pub organisation_words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LabelSettings {
    pub determiners: Vec<String>,
    pub copulas: Vec<String>,
    pub nationality_endings: Vec<String>,
    pub appositive_stops: Vec<String>,
    pub max_words: usize,
    pub premodifier_boundaries: Vec<String>,
    pub not_labels: Vec<String>,
    pub verb_markers: Vec<String>,
    pub title_words: Vec<String>,
    pub min_letters: usize,
    pub role_determiners: Vec<String>,
    pub role_nouns: Vec<String>,
    pub plural_role_nouns: Vec<String>,
    pub role_lookback: usize,
    pub prepositions: Vec<String>,
    pub counting_words: Vec<String>,
    pub state_nouns: Vec<String>,
    pub pair_words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ToneSettings {
    pub top_sentences: usize,
    pub level: f64,
    pub relative_pronouns: Vec<String>,
    pub clause_openers: Vec<String>,
    pub comma_conjunctions: Vec<String>,
    #[serde(default)]
    pub appositive_determiners: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VoiceSettings {
    pub context_words: usize,
    pub roles: Vec<(String, Vec<String>)>,
    pub anonymous_nouns: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlacementSettings {
    pub lead_paragraphs: usize,
    pub last_third: f64,
    pub min_leading: usize,
    pub min_reporting: usize,
    pub headline_overlap: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HeadlineSettings {
    pub min_stem_support: f64,
    pub min_prefix_letters: usize,
    pub function_words: Vec<String>,
    pub headlinese: Vec<(String, Vec<String>)>,
}

impl FramingConfig {
    /// The settings compiled in from `rubrics/framing.toml`, checked.
    pub fn builtin() -> Result<FramingConfig> {
        static CFG: LazyLock<std::result::Result<FramingConfig, (usize, String)>> = LazyLock::new(
            || match FramingConfig::parse(BUILTIN, std::path::Path::new(PATH)) {
                Ok(c) => Ok(c),
                Err(Error::Config { line, reason, .. }) => Err((line, reason)),
                Err(e) => Err((1, e.to_string())),
            },
        );
        CFG.as_ref()
            .cloned()
            .map_err(|(line, reason)| Error::Config {
                path: PATH.into(),
                line: *line,
                reason: reason.clone(),
            })
    }

    /// Parse and check framing settings.
    pub fn parse(text: &str, path: &std::path::Path) -> Result<FramingConfig> {
        let mut c: FramingConfig = from_toml(text, path, "framing settings")?;
        // The word lists are compared with lower-cased words.
        for list in [
            &mut c.labels.determiners,
            &mut c.labels.appositive_stops,
            &mut c.labels.title_words,
            &mut c.labels.not_labels,
            &mut c.labels.premodifier_boundaries,
            &mut c.labels.verb_markers,
            &mut c.labels.role_determiners,
            &mut c.labels.role_nouns,
            &mut c.labels.plural_role_nouns,
            &mut c.labels.prepositions,
            &mut c.labels.counting_words,
            &mut c.labels.state_nouns,
            &mut c.labels.pair_words,
            &mut c.voices.anonymous_nouns,
            &mut c.headline.function_words,
            &mut c.tone.relative_pronouns,
            &mut c.tone.clause_openers,
            &mut c.tone.comma_conjunctions,
            &mut c.tone.appositive_determiners,
        ] {
            for w in list.iter_mut() {
                *w = w.to_lowercase();
            }
        }
        let bad = |reason: &str| {
            Err(Error::Config {
                path: path.to_path_buf(),
                line: 1,
                reason: reason.to_string(),
            })
        };
        if c.version != 1 {
            return bad("unknown version (expected 1)");
        }
        if !(0.0 < c.tone.level && c.tone.level < 1.0) {
            return bad("tone.level must be within (0, 1)");
        }
        if !(0.0..=1.0).contains(&c.placement.last_third)
            || !(0.0..=1.0).contains(&c.placement.headline_overlap)
            || !(0.0..=1.0).contains(&c.headline.min_stem_support)
        {
            return bad("placement.last-third, placement.headline-overlap and headline.min-stem-support must be within 0..=1");
        }
        if c.actors.max == 0 || c.labels.max_words == 0 {
            return bad("actors.max and labels.max-words must be at least 1");
        }
        Ok(c)
    }
}

// ---------------------------------------------------------------------------------------------
// Output

/// A main actor of the story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    /// The most frequent full form ("Tomas Okafor").
    pub name: String,
    /// `person` or `organisation`.
    pub kind: String,
    /// The forms merged into it, most frequent first.
    pub forms: Vec<String>,
    pub mentions: usize,
    pub outlets: usize,
}

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

/// How one outlet portrays one actor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorFraming {
    pub actor: String,
    pub mentions: usize,
    pub labels: Vec<Label>,
    pub tone: ActorTone,
}

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

/// Where one outlet places one fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Headline,
    Lead,
    Body,
    LastThird,
}

impl Position {
    pub fn as_str(self) -> &'static str {
        match self {
            Position::Headline => "headline",
            Position::Lead => "lead",
            Position::Body => "body",
            Position::LastThird => "last third",
        }
    }
    fn leads(self) -> bool {
        matches!(self, Position::Headline | Position::Lead)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacedAt {
    pub article: String,
    pub outlet: String,
    pub position: Position,
    pub sentence: usize,
}

/// The placement of one consensus fact in each outlet that reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactPlacement {
    pub fact: String,
    pub outlets: usize,
    pub places: Vec<PlacedAt>,
}

/// One claim of a headline and whether the bodies state it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadlineClaim {
    /// `name`, `figure` or `words`.
    pub kind: String,
    pub text: String,
    pub in_body: bool,
    /// Other outlets whose body states it.
    pub other_outlets: Vec<String>,
    /// `headline` or `standfirst`: the text of the article the claim comes from.
    pub from: String,
}

/// The headline and the standfirst of one article checked against its body, by one test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadlineCheck {
    pub article: String,
    pub headline: Option<String>,
    /// The standfirst the source states (HTML meta description, JSON or feed summary field);
    /// `None` for plain text and when the source states none.
    pub standfirst: Option<String>,
    /// The claims of the headline, then those of the standfirst (each says which in `from`).
    pub claims: Vec<HeadlineClaim>,
    /// Share of the headline's content stems its body holds.
    pub stem_support: Option<f64>,
    /// Whether the body states every claim of the headline (`true` without a headline).
    pub supported: bool,
    /// The body sentence sharing most content words with the headline.
    pub closest_sentence: Option<usize>,
    /// Whether the body states every claim of the standfirst; `None` without one.
    pub standfirst_supported: Option<bool>,
    /// Share of the standfirst's content stems its body holds.
    pub standfirst_stem_support: Option<f64>,
    /// The body sentence sharing most content words with the standfirst.
    pub standfirst_closest_sentence: Option<usize>,
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

// ---------------------------------------------------------------------------------------------
// Actors

/// A name as mentioned: trailing possessive removed.
fn clean_name(n: &str) -> String {
    let n = n.trim();
    let n = n
        .strip_suffix("'s")
        .or_else(|| n.strip_suffix("’s"))
        .unwrap_or(n);
    n.trim_end_matches(['\'', '’']).to_string()
}

/// Lower case without accents (Latin letters), for comparing spellings of one name.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ñ' | 'Ñ' => 'n',
            'ç' | 'Ç' => 'c',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

/// Two labels are the same up to case, accents and dots ("U.S. President", "US president").
fn same_label(a: &str, b: &str) -> bool {
    let key = |s: &str| fold(s).replace('.', "");
    key(a) == key(b)
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_organisation(name: &str, cfg: &FramingConfig) -> bool {
    name.split_whitespace().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        cfg.actors.organisation_words.contains(&w)
    })
}

/// Maps every name form of the story to an actor key.
struct ActorIndex {
    key_of: HashMap<String, String>,
    organisation: BTreeSet<String>,
}

impl ActorIndex {
    /// `forms`: every name form with its count; `first`: per document, the first sentence each
    /// form appears in.
    fn build(
        forms: &BTreeMap<String, usize>,
        first: &[BTreeMap<String, usize>],
        cfg: &FramingConfig,
    ) -> ActorIndex {
        let mut key_of = HashMap::new();
        let mut organisation = BTreeSet::new();
        let singles: BTreeSet<&str> = forms
            .keys()
            .filter(|f| !f.contains(' '))
            .map(String::as_str)
            .collect();
        // Full person forms by surname, most frequent first.
        let mut by_surname: BTreeMap<&str, Vec<(&String, usize)>> = BTreeMap::new();
        for (f, &n) in forms {
            if is_organisation(f, cfg) {
                key_of.insert(f.clone(), f.to_lowercase());
                organisation.insert(f.to_lowercase());
                continue;
            }
            let words: Vec<&str> = f.split_whitespace().collect();
            if (2..=4).contains(&words.len()) && words.iter().all(|w| capitalised(w)) {
                by_surname
                    .entry(words[words.len() - 1])
                    .or_default()
                    .push((f, n));
            }
        }
        for (surname, mut full) in by_surname {
            full.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let main = fold(full[0].0);
            // A surname alone refers back to a full name introduced before it (in some article).
            let introduced = first.iter().any(|fs| {
                let single = fs.get(surname);
                full.iter()
                    .filter_map(|(f, _)| fs.get(*f))
                    .min()
                    .is_some_and(|&at| single.is_none_or(|&s| at <= s))
            });
            let merge = singles.contains(surname) && introduced;
            if !merge {
                continue;
            }
            for (f, _) in &full {
                let key = if fold(f) == main {
                    surname.to_string()
                } else {
                    fold(f)
                };
                key_of.insert((*f).clone(), key);
            }
            key_of.insert(surname.to_string(), surname.to_string());
        }
        ActorIndex {
            key_of,
            organisation,
        }
    }

    fn key(&self, form: &str) -> Option<&str> {
        self.key_of.get(form).map(String::as_str)
    }
}

// ---------------------------------------------------------------------------------------------
// Labels

/// A word list of the settings (lower-cased once, when they are read), looked up by word.
struct Words<'a>(&'a [String]);

impl Words<'_> {
    fn contains(&self, w: &str) -> bool {
        self.0.iter().any(|x| x == w)
    }
}

fn word_list(v: &[String]) -> Words<'_> {
    Words(v)
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

// ---------------------------------------------------------------------------------------------
// Helpers

/// The sentence with its quoted parts blanked out (byte offsets kept), and whether a quotation is
/// still open at its end.
fn author_part(text: &str, open: bool) -> (String, bool) {
    let (ranges, still) = quoted_ranges(text, open);
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if ranges.iter().any(|&(a, b)| i >= a && i < b) {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    (out, still)
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

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Content stems of a text (no stop words, at least one letter).
fn content_stems(text: &str) -> Vec<(String, String)> {
    let stop = stopwords();
    crate::segment::tokens(text, 0)
        .into_iter()
        .filter(|t| !stop.contains(&t.lower) && t.lower.chars().any(char::is_alphabetic))
        .map(|t| (t.stem, text[t.span.start..t.span.end].to_string()))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The analysis

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
    let mut forms: BTreeMap<String, usize> = BTreeMap::new();
    let mut first: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); docs.len()];
    let mut doc_names: Vec<Vec<Vec<(String, usize, usize)>>> = Vec::with_capacity(docs.len());
    for d in docs {
        let mut per = Vec::with_capacity(d.sentences.len());
        for s in &d.sentences {
            let ns: Vec<(String, usize, usize)> = names(&s.text)
                .into_iter()
                .map(|n| {
                    let form = clean_name(&n.text);
                    let end = n.span.start + form.len().min(n.span.end - n.span.start);
                    (form, n.span.start, end)
                })
                .collect();
            for (f, _, _) in &ns {
                *forms.entry(f.clone()).or_default() += 1;
                first[doc_names.len()].entry(f.clone()).or_insert(per.len());
            }
            per.push(ns);
        }
        doc_names.push(per);
    }
    let index = ActorIndex::build(&forms, &first, cfg);
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    let mut outlets_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut forms_of: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (di, per) in doc_names.iter().enumerate() {
        for ns in per {
            for (f, _, _) in ns {
                if let Some(k) = index.key(f) {
                    *count.entry(k.to_string()).or_default() += 1;
                    outlets_of
                        .entry(k.to_string())
                        .or_default()
                        .insert(outlet(di));
                    *forms_of
                        .entry(k.to_string())
                        .or_default()
                        .entry(f.clone())
                        .or_default() += 1;
                }
            }
        }
    }
    let mut keys: Vec<&String> = count
        .keys()
        .filter(|k| {
            count[*k] >= cfg.actors.min_mentions && outlets_of[*k].len() >= cfg.actors.min_outlets
        })
        .collect();
    keys.sort_by(|a, b| count[*b].cmp(&count[*a]).then(a.cmp(b)));
    keys.truncate(cfg.actors.max);
    let actor_keys: Vec<String> = keys.into_iter().cloned().collect();
    let actors: Vec<Actor> = actor_keys
        .iter()
        .map(|k| {
            let mut fs: Vec<(&String, &usize)> = forms_of[k].iter().collect();
            fs.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let organisation = index.organisation.contains(k);
            let name = if organisation {
                fs[0].0.clone()
            } else {
                fs.iter()
                    .find(|(f, _)| f.contains(' '))
                    .map_or_else(|| fs[0].0.clone(), |(f, _)| (*f).clone())
            };
            Actor {
                name,
                kind: if organisation {
                    "organisation"
                } else {
                    "person"
                }
                .into(),
                forms: fs.iter().map(|(f, _)| (*f).clone()).collect(),
                mentions: count[k],
                outlets: outlets_of[k].len(),
            }
        })
        .collect();
    let actor_of_key: HashMap<&str, usize> = actor_keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();

    // Capitalised words of each actor's titles in any outlet ("Peruvian President"), which a
    // role-noun description with a nationality adjective is matched against.
    let mut title_words: Vec<BTreeSet<String>> = vec![BTreeSet::new(); actors.len()];
    for (di, d) in docs.iter().enumerate() {
        for (si, s) in d.sentences.iter().enumerate() {
            for (form, a, _) in &doc_names[di][si] {
                let Some(&ai) = index.key(form).and_then(|k| actor_of_key.get(k)) else {
                    continue;
                };
                if let Some((t, _)) = title(&s.text, *a, &cfg.labels) {
                    title_words[ai].extend(t.split_whitespace().map(fold));
                }
            }
        }
    }

    // 2. Per outlet: labels, tone, voices.
    let mut outlets: Vec<OutletFraming> = Vec::with_capacity(docs.len());
    for (di, d) in docs.iter().enumerate() {
        let found = article_quotes(d, speech);
        let attributed: BTreeMap<usize, (AttributionKind, Option<String>)> = found
            .attributions
            .iter()
            .map(|a| (a.sentence, (a.kind, a.speaker.clone())))
            .collect();
        let mut labels: Vec<Vec<Label>> = vec![Vec::new(); actors.len()];
        let mut mentions_n = vec![0usize; actors.len()];
        let mut tones: Vec<Vec<(f64, usize, Vec<String>)>> = vec![Vec::new(); actors.len()];
        let mut open = false;
        let mut last_para = usize::MAX;
        // Actor mentions so far: (sentence, byte, actor).
        let mut seen: Vec<(usize, usize, usize)> = Vec::new();
        for (si, s) in d.sentences.iter().enumerate() {
            if s.paragraph != last_para {
                open = false;
                last_para = s.paragraph;
            }
            let (author, still) = author_part(&s.text, open);
            open = still;
            let in_author = |a: usize, b: usize| {
                author
                    .get(a..b)
                    .is_some_and(|t| t == s.text.get(a..b).unwrap_or(""))
            };
            let mut here: BTreeSet<usize> = BTreeSet::new();
            for (form, a, b) in &doc_names[di][si] {
                let Some(&ai) = index.key(form).and_then(|k| actor_of_key.get(k)) else {
                    continue;
                };
                mentions_n[ai] += 1;
                if !in_author(*a, *b) {
                    continue;
                }
                here.insert(ai);
                let titled = title(&author, *a, &cfg.labels);
                let before = titled.as_ref().map_or(*a, |t| t.1);
                for (kind, text) in [
                    ("title", titled.as_ref().map(|t| t.0.clone())),
                    ("appositive", appositive(&author, *b, &cfg.labels, false)),
                    ("predicate", appositive(&author, *b, &cfg.labels, true)),
                    ("premodifier", premodifier(&author, before, &cfg.labels)),
                ] {
                    if let Some(text) = text {
                        if !labels[ai]
                            .iter()
                            .any(|l| l.text.eq_ignore_ascii_case(&text))
                        {
                            labels[ai].push(Label {
                                text,
                                kind: kind.into(),
                                sentence: si,
                                only_this_outlet: false,
                            });
                        }
                    }
                }
            }
            // Role-noun descriptions, read against the actors mentioned before them.
            let here_mentions: Vec<(usize, usize, usize)> = doc_names[di][si]
                .iter()
                .filter_map(|(form, a, _)| {
                    let ai = index.key(form).and_then(|k| actor_of_key.get(k))?;
                    Some((si, *a, *ai))
                })
                .collect();
            for (text, at, plural) in role_phrases(&author, &cfg.labels) {
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
                let distinct = |v: &[(usize, usize, usize)]| {
                    v.iter().map(|m| m.2).collect::<BTreeSet<_>>().len()
                };
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
                    if !labels[ai]
                        .iter()
                        .any(|l| l.text.eq_ignore_ascii_case(&text))
                    {
                        labels[ai].push(Label {
                            text: text.clone(),
                            kind: "role".into(),
                            sentence: si,
                            only_this_outlet: false,
                        });
                    }
                }
            }
            seen.extend(here_mentions);
            let speech_sentence = attributed
                .get(&si)
                .is_some_and(|(k, _)| *k != AttributionKind::None);
            if here.is_empty() || speech_sentence {
                continue;
            }
            let mentions: Vec<(usize, usize, Option<usize>)> = doc_names[di][si]
                .iter()
                .filter(|(_, a, b)| in_author(*a, *b))
                .map(|(form, a, b)| {
                    let ai = index.key(form).and_then(|k| actor_of_key.get(k)).copied();
                    (*a, *b, ai)
                })
                .collect();
            let toward = tone_toward(&author, &mentions, lex, &cfg.tone);
            for ai in here {
                let (compound, terms) = toward.get(&ai).map_or((0.0, Vec::new()), |t| {
                    (t.compound, t.hits.iter().map(|h| h.term.clone()).collect())
                });
                tones[ai].push((compound, si, terms));
            }
        }
        let actor_framing: Vec<ActorFraming> = actors
            .iter()
            .enumerate()
            .map(|(ai, a)| {
                let values: Vec<f64> = tones[ai].iter().map(|t| t.0).collect();
                let (mean, interval) = mean_interval(&values, cfg.tone.level);
                let mut moving: Vec<&(f64, usize, Vec<String>)> =
                    tones[ai].iter().filter(|t| t.0 != 0.0).collect();
                moving.sort_by(|x, y| y.0.abs().total_cmp(&x.0.abs()).then(x.1.cmp(&y.1)));
                ActorFraming {
                    actor: a.name.clone(),
                    mentions: mentions_n[ai],
                    labels: labels[ai].clone(),
                    tone: ActorTone {
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
                    },
                }
            })
            .collect();
        let (voices, voice_groups, quoted_words) = voices_of(
            di,
            d,
            quotes,
            &found,
            &actors,
            &index,
            &actor_of_key,
            lex,
            cfg,
        );
        outlets.push(OutletFraming {
            outlet: outlet(di),
            article: d.article.id.clone(),
            actors: actor_framing,
            voices,
            voice_groups,
            quoted_words,
        });
    }
    // Labels no other outlet uses.
    let distinct_outlets: BTreeSet<&str> = outlets.iter().map(|o| o.outlet.as_str()).collect();
    if distinct_outlets.len() > 1 {
        let snapshot = outlets.clone();
        for o in &mut outlets {
            for (ai, af) in o.actors.iter_mut().enumerate() {
                for l in &mut af.labels {
                    l.only_this_outlet = !snapshot.iter().any(|p| {
                        p.outlet != o.outlet
                            && p.actors[ai]
                                .labels
                                .iter()
                                .any(|m| same_label(&m.text, &l.text))
                    });
                }
            }
        }
    }

    let mut findings = Vec::new();
    let placement = placement(
        docs,
        alignment,
        outlet_of,
        consensus_share,
        cfg,
        &mut findings,
    );
    let headlines = headlines(docs, &outlet, cfg, &mut findings);
    Framing {
        actors,
        outlets,
        placement,
        headlines,
        findings,
    }
}

// ---------------------------------------------------------------------------------------------
// Voices

#[allow(clippy::too_many_arguments)]
fn voices_of(
    di: usize,
    d: &Document,
    quotes: &Quotes,
    found: &crate::extract::quotes::ArticleQuotes,
    actors: &[Actor],
    index: &ActorIndex,
    actor_of_key: &HashMap<&str, usize>,
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
    // speaker → (group, quotes, paraphrases, words, tones)
    let mut by: BTreeMap<String, (String, usize, usize, usize, Vec<f64>)> = BTreeMap::new();
    let mut unnamed: BTreeSet<String> = BTreeSet::new();
    let mut quoted_sentences: BTreeSet<usize> = BTreeSet::new();
    for q in quotes.quotes.iter().filter(|q| q.doc == di) {
        quoted_sentences.extend(q.sentences.iter().copied());
        let Some(speaker) = &q.speaker else { continue };
        let anonymous = q.speaker_kind == Some(SpeakerKind::Anonymous);
        let Some((key, group)) = key_of(speaker, anonymous) else {
            continue;
        };
        if anonymous {
            unnamed.insert(key.clone());
        }
        let e = by
            .entry(key)
            .or_insert_with(|| (group, 0, 0, 0, Vec::new()));
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
        let Some((key, group)) = key_of(speaker, anonymous) else {
            continue;
        };
        if anonymous {
            unnamed.insert(key.clone());
        }
        let e = by
            .entry(key)
            .or_insert_with(|| (group, 0, 0, 0, Vec::new()));
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
    actor_of_key: &HashMap<&str, usize>,
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

// ---------------------------------------------------------------------------------------------
// Placement

fn placement(
    docs: &[Document],
    alignment: &Alignment,
    outlet_of: &[String],
    consensus_share: f64,
    cfg: &FramingConfig,
    findings: &mut Vec<Finding>,
) -> Vec<FactPlacement> {
    let p = &cfg.placement;
    let all_outlets: BTreeSet<&str> = outlet_of.iter().map(String::as_str).collect();
    let need = ((consensus_share * all_outlets.len() as f64).ceil() as usize).max(2);
    let headline_stems: Vec<BTreeSet<String>> = docs
        .iter()
        .map(|d| {
            d.article
                .headline
                .as_deref()
                .map(|h| content_stems(h).into_iter().map(|s| s.0).collect())
                .unwrap_or_default()
        })
        .collect();
    let mut out = Vec::new();
    for fact in &alignment.facts {
        let fact_outlets: BTreeSet<&str> = fact
            .docs
            .iter()
            .filter_map(|&d| outlet_of.get(d).map(String::as_str))
            .collect();
        let consensus = fact_outlets.len() >= need;
        let reporting = fact_outlets.len() >= p.min_reporting;
        if !consensus && !reporting {
            continue;
        }
        let mut places: Vec<PlacedAt> = Vec::new();
        for &di in &fact.docs {
            let Some(si) = fact
                .members
                .iter()
                .filter(|m| m.doc == di)
                .map(|m| m.sentence)
                .min()
            else {
                continue;
            };
            let d = &docs[di];
            let stems: BTreeSet<String> = d.sentences[si]
                .tokens
                .iter()
                .map(|t| t.stem.clone())
                .collect();
            let hs = &headline_stems[di];
            let overlap = if hs.is_empty() {
                0.0
            } else {
                hs.iter().filter(|s| stems.contains(*s)).count() as f64 / hs.len() as f64
            };
            let n = d.sentences.len().max(1);
            let position = if overlap >= p.headline_overlap {
                Position::Headline
            } else if first_paragraphs(d, p.lead_paragraphs).contains(&d.sentences[si].paragraph) {
                Position::Lead
            } else if si as f64 >= p.last_third * n as f64 {
                Position::LastThird
            } else {
                Position::Body
            };
            places.push(PlacedAt {
                article: d.article.id.clone(),
                outlet: outlet_of.get(di).cloned().unwrap_or_default(),
                position,
                sentence: si,
            });
        }
        let leading: Vec<&PlacedAt> = places.iter().filter(|x| x.position.leads()).collect();
        let lead_outlets: BTreeSet<&str> = leading.iter().map(|x| x.outlet.as_str()).collect();
        let doc_of = |a: &str| docs.iter().position(|d| d.article.id == a).unwrap_or(0);
        if consensus {
            for x in places.iter().filter(|x| x.position == Position::LastThird) {
                let others: Vec<&&PlacedAt> =
                    leading.iter().filter(|l| l.outlet != x.outlet).collect();
                let other_outlets: BTreeSet<&str> =
                    others.iter().map(|l| l.outlet.as_str()).collect();
                if other_outlets.len() >= p.min_leading {
                    let d = doc_of(&x.article);
                    let mut evidence = vec![(d, x.sentence)];
                    evidence.extend(others.iter().map(|l| (doc_of(&l.article), l.sentence)));
                    findings.push(Finding {
                        kind: "placement".into(),
                        doc: d,
                        fact: Some(fact.id.clone()),
                        text: format!(
                            "Puts {} in its last third (sentence {} of {}) while {} lead with it: {}",
                            fact.id,
                            x.sentence + 1,
                            docs[d].sentences.len(),
                            other_outlets.len(),
                            other_outlets.iter().copied().collect::<Vec<_>>().join(", ")
                        ),
                        evidence,
                    });
                }
            }
        }
        if reporting && lead_outlets.len() == 1 {
            let only = lead_outlets.iter().next().copied().unwrap_or("");
            let lead = leading[0];
            let d = doc_of(&lead.article);
            let others: Vec<&PlacedAt> = places.iter().filter(|x| x.outlet != only).collect();
            let mut evidence = vec![(d, lead.sentence)];
            evidence.extend(others.iter().map(|x| (doc_of(&x.article), x.sentence)));
            findings.push(Finding {
                kind: "placement".into(),
                doc: d,
                fact: Some(fact.id.clone()),
                text: format!(
                    "Leads with {} ({}), which the {} other outlets reporting it place lower: {}",
                    fact.id,
                    lead.position.as_str(),
                    others
                        .iter()
                        .map(|x| x.outlet.as_str())
                        .collect::<BTreeSet<_>>()
                        .len(),
                    others
                        .iter()
                        .map(|x| format!("{} ({})", x.outlet, x.position.as_str()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                evidence,
            });
        }
        if consensus {
            out.push(FactPlacement {
                fact: fact.id.clone(),
                outlets: fact_outlets.len(),
                places,
            });
        }
    }
    out
}

/// Indices of the first `n` paragraphs that hold sentences.
fn first_paragraphs(d: &Document, n: usize) -> BTreeSet<usize> {
    let mut seen = BTreeSet::new();
    for s in &d.sentences {
        if seen.len() >= n && !seen.contains(&s.paragraph) {
            break;
        }
        seen.insert(s.paragraph);
    }
    seen
}

// ---------------------------------------------------------------------------------------------
// Headline support

/// Initials of a multi-word name ("White House" → "WH").
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Whether a document's body states a name: the name itself, its last word, or (for an
/// abbreviation) a name with those initials.
fn body_has_name(d: &Document, name: &str) -> Option<usize> {
    let last = name.split_whitespace().last().unwrap_or(name);
    let abbreviation = name.len() >= 2 && name.chars().all(|c| c.is_uppercase() || c == '.');
    let plain = name.replace('.', "");
    d.sentences.iter().position(|s| {
        s.text.contains(name)
            || (name.contains(' ') && s.text.contains(last))
            || (abbreviation
                && names(&s.text)
                    .iter()
                    .any(|n| n.text.contains(' ') && initials(&n.text) == plain))
    })
}

/// How a body writes `word` as a name, if it does: capitalised where capitals mean something, past
/// the first word of a sentence (compared up to case, so a headline in capitals finds it too).
fn body_capitalises(d: &Document, word: &str) -> Option<String> {
    let w = clean_name(word);
    let w = fold(w.trim_matches(|c: char| !c.is_alphanumeric()));
    if w.is_empty() {
        return None;
    }
    d.sentences.iter().find_map(|s| {
        s.text
            .unicode_words()
            .skip(1)
            .map(clean_name)
            .find(|x| capitalised(x) && fold(x) == w)
    })
}

/// Whether the byte `at` of `text` starts a sentence: nothing but white space and opening quotes
/// before it, back to the start or to a sentence's closing punctuation.
fn sentence_initial(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[')
    });
    before.is_empty() || before.ends_with(['.', '!', '?', ':'])
}

/// Whether a body writes `word` in lower case somewhere (as an ordinary word).
fn body_writes_lower(d: &Document, word: &str) -> bool {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    !w.is_empty()
        && d.sentences
            .iter()
            .any(|s| s.text.unicode_words().any(|x| x == w))
}

/// The runs of a title-case headline "name" whose words the body writes as names: "A Tense
/// Capitol Hill Meeting" → ["Capitol Hill"] when the body has "Capitol Hill" mid-sentence.
fn name_runs(d: &Document, form: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run: Vec<String> = Vec::new();
    for w in form.split_whitespace() {
        if let Some(x) = body_capitalises(d, w) {
            run.push(x);
        } else if !run.is_empty() {
            runs.push(run.join(" "));
            run.clear();
        }
    }
    if !run.is_empty() {
        runs.push(run.join(" "));
    }
    runs
}

/// Whether a headline content stem is in a body's stems: the same stem, a stem one begins the
/// other with (the shorter of at least `min-prefix-letters` letters: "tens" / "tension"), or an
/// ordinary word of a headlinese word ("summit" / "meeting").
fn stem_in(
    stem: &str,
    body: &BTreeSet<&str>,
    glossary: &HashMap<String, Vec<String>>,
    cfg: &FramingConfig,
) -> bool {
    let n = cfg.headline.min_prefix_letters;
    let near = |b: &str| {
        b == stem
            || (stem.chars().count() >= n && b.starts_with(stem))
            || (b.chars().count() >= n && stem.starts_with(b))
    };
    body.iter().any(|b| near(b))
        || glossary
            .get(stem)
            .is_some_and(|plain| plain.iter().any(|p| body.contains(p.as_str())))
}

fn body_has_figure(d: &Document, value: f64) -> Option<usize> {
    d.sentences.iter().position(|s| {
        quantities(&s.text)
            .iter()
            .any(|q| (q.value - value).abs() <= 1e-9 * value.abs().max(1.0))
    })
}

fn headlines(
    docs: &[Document],
    outlet: &dyn Fn(usize) -> String,
    cfg: &FramingConfig,
    findings: &mut Vec<Finding>,
) -> Vec<HeadlineCheck> {
    let body_stems: Vec<BTreeSet<&str>> = docs
        .iter()
        .map(|d| {
            d.sentences
                .iter()
                .flat_map(|s| s.tokens.iter().map(|t| t.stem.as_str()))
                .collect()
        })
        .collect();
    // Headlinese word stem → the stems of its ordinary words.
    let glossary: HashMap<String, Vec<String>> = cfg
        .headline
        .headlinese
        .iter()
        .map(|(w, plain)| {
            let stem_of = |x: &str| -> Vec<String> {
                crate::segment::tokens(x, 0)
                    .into_iter()
                    .map(|t| t.stem)
                    .collect()
            };
            (
                stem_of(w).concat(),
                plain.iter().flat_map(|p| stem_of(p)).collect(),
            )
        })
        .collect();
    let mut out = Vec::new();
    for (di, d) in docs.iter().enumerate() {
        let text_of = |t: &Option<String>| t.clone().filter(|t| !t.trim().is_empty());
        let headline = text_of(&d.article.headline);
        let standfirst = text_of(&d.article.standfirst);
        let mut checks: Vec<(&str, &String, TextCheck)> = Vec::new();
        for (from, text) in [(FROM_HEADLINE, &headline), (FROM_STANDFIRST, &standfirst)] {
            if let Some(t) = text {
                let check = check_text(t, from, di, docs, outlet, &body_stems, &glossary, cfg);
                checks.push((from, t, check));
            }
        }
        for (from, text, check) in &checks {
            let unsupported: Vec<&HeadlineClaim> =
                check.claims.iter().filter(|c| !c.in_body).collect();
            if unsupported.is_empty() {
                continue;
            }
            let parts: Vec<String> = unsupported
                .iter()
                .map(|c| {
                    let elsewhere = if c.other_outlets.is_empty() {
                        "no other outlet states it either".to_string()
                    } else {
                        format!("stated by {}", c.other_outlets.join(", "))
                    };
                    format!("{} \"{}\" ({elsewhere})", c.kind, c.text)
                })
                .collect();
            let label = if *from == FROM_STANDFIRST {
                "Standfirst"
            } else {
                "Headline"
            };
            findings.push(Finding {
                kind: "headline_unsupported".into(),
                doc: di,
                fact: None,
                text: format!(
                    "{label} \"{text}\": its own body does not state {}",
                    parts.join("; ")
                ),
                evidence: check.closest.map(|i| (di, i)).into_iter().collect(),
            });
        }
        let of = |from: &str| checks.iter().find(|c| c.0 == from).map(|c| &c.2);
        let (head, stand) = (of(FROM_HEADLINE), of(FROM_STANDFIRST));
        let all_in_body = |c: &TextCheck| c.claims.iter().all(|c| c.in_body);
        out.push(HeadlineCheck {
            article: d.article.id.clone(),
            headline: headline.clone(),
            standfirst: standfirst.clone(),
            supported: head.is_none_or(all_in_body),
            claims: checks.iter().flat_map(|c| c.2.claims.clone()).collect(),
            stem_support: head.and_then(|c| c.stem_support).map(round3),
            closest_sentence: head.and_then(|c| c.closest),
            standfirst_supported: stand.map(all_in_body),
            standfirst_stem_support: stand.and_then(|c| c.stem_support).map(round3),
            standfirst_closest_sentence: stand.and_then(|c| c.closest),
        });
    }
    out
}

/// Where a claim of [`HeadlineCheck`] comes from.
const FROM_HEADLINE: &str = "headline";
const FROM_STANDFIRST: &str = "standfirst";

/// One text of an article (its headline or its standfirst) checked against the bodies.
struct TextCheck {
    claims: Vec<HeadlineClaim>,
    /// Share of the text's content stems its own body holds.
    stem_support: Option<f64>,
    /// The body sentence sharing most content words with the text.
    closest: Option<usize>,
}

/// The claims of `text` (`from` = [`FROM_HEADLINE`] or [`FROM_STANDFIRST`]) of document `di`
/// checked against its own body and the other documents': its names, its figures, and its content
/// words as one `words` claim when its body holds too few of them. Headline and standfirst go
/// through this one test.
#[allow(clippy::too_many_arguments)]
fn check_text(
    text: &str,
    from: &str,
    di: usize,
    docs: &[Document],
    outlet: &dyn Fn(usize) -> String,
    body_stems: &[BTreeSet<&str>],
    glossary: &HashMap<String, Vec<String>>,
    cfg: &FramingConfig,
) -> TextCheck {
    let d = &docs[di];
    let h = text;
    let others = |test: &dyn Fn(&Document) -> bool| -> Vec<String> {
        let mut v: Vec<String> = docs
            .iter()
            .enumerate()
            .filter(|(j, o)| *j != di && test(o))
            .map(|(j, _)| outlet(j))
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let claim =
        |kind: &str, text: String, in_body: bool, other_outlets: Vec<String>| HeadlineClaim {
            kind: kind.into(),
            text,
            in_body,
            other_outlets,
            from: from.into(),
        };
    let mut claims = Vec::new();
    let mut name_words: BTreeSet<String> = BTreeSet::new();
    // In a text written in title case (or capitals) every word is capitalised, so the capitals
    // say nothing: a "name" its body does not hold is kept only for the runs of words the body
    // itself writes as names; its other words are content words.
    let words: Vec<&str> = h.split_whitespace().collect();
    let title_case =
        words.len() >= 3 && words.iter().filter(|w| capitalised(w)).count() * 4 >= words.len() * 3;
    let mut head_names: Vec<String> = Vec::new();
    for n in names(h) {
        let mut form = clean_name(&n.text);
        // The first word of a sentence is capitalised whatever it is: when the body writes it in
        // lower case ("Dock workers end …" / "dock workers"), it is a content word, not a name.
        if sentence_initial(h, n.span.start) && body_has_name(d, &form).is_none() {
            let mut words = form.split_whitespace();
            if words.next().is_some_and(|w| body_writes_lower(d, w)) {
                form = words.collect::<Vec<_>>().join(" ");
                if form.is_empty() {
                    continue;
                }
            }
        }
        if !title_case || body_has_name(d, &form).is_some() {
            head_names.push(form);
        } else {
            head_names.extend(name_runs(d, &form));
        }
    }
    for form in head_names {
        let own = body_has_name(d, &form);
        for w in form.split_whitespace() {
            name_words.extend(content_stems(w).into_iter().map(|s| s.0));
        }
        let other_outlets = others(&|o| body_has_name(o, &form).is_some());
        claims.push(claim("name", form, own.is_some(), other_outlets));
    }
    // Figures are read in lower case when capitals say nothing ("40 SENATORS").
    let figures_in = if title_case {
        h.to_lowercase()
    } else {
        h.to_string()
    };
    for q in quantities(&figures_in) {
        let own = body_has_figure(d, q.value);
        let other_outlets = others(&|o| body_has_figure(o, q.value).is_some());
        claims.push(claim(
            "figure",
            q.text.clone(),
            own.is_some(),
            other_outlets,
        ));
    }
    let function = word_list(&cfg.headline.function_words);
    let stems: Vec<(String, String)> = content_stems(h)
        .into_iter()
        .filter(|(s, w)| {
            !name_words.contains(s)
                && !s.chars().all(|c| c.is_ascii_digit())
                && !function.contains(&w.to_lowercase())
        })
        .collect();
    let missing: Vec<&(String, String)> = stems
        .iter()
        .filter(|(s, _)| !stem_in(s, &body_stems[di], glossary, cfg))
        .collect();
    let stem_support =
        (!stems.is_empty()).then(|| (stems.len() - missing.len()) as f64 / stems.len() as f64);
    if stem_support.is_some_and(|s| s < cfg.headline.min_stem_support) {
        let words: Vec<&str> = missing.iter().map(|m| m.1.as_str()).collect();
        let other_outlets = others(&|o| {
            let st: BTreeSet<&str> = o
                .sentences
                .iter()
                .flat_map(|s| s.tokens.iter().map(|t| t.stem.as_str()))
                .collect();
            missing.iter().all(|m| stem_in(&m.0, &st, glossary, cfg))
        });
        claims.push(claim("words", words.join(", "), false, other_outlets));
    }
    let head: BTreeSet<&str> = stems.iter().map(|s| s.0.as_str()).collect();
    let closest = d
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let n = s
                .tokens
                .iter()
                .map(|t| t.stem.as_str())
                .collect::<BTreeSet<_>>()
                .intersection(&head)
                .count();
            (n, std::cmp::Reverse(i))
        })
        .max()
        .filter(|(n, _)| *n > 0)
        .map(|(_, std::cmp::Reverse(i))| i);
    TextCheck {
        claims,
        stem_support,
        closest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Format, Found};

    /// A story of synthetic articles: (outlet, headline, body with paragraphs split by blank lines).
    fn story(articles: &[(&str, &str, &str)]) -> (Vec<Document>, Framing) {
        let with: Vec<(&str, &str, Option<&str>, &str)> = articles
            .iter()
            .map(|&(outlet, headline, body)| (outlet, headline, None, body))
            .collect();
        story_with_standfirsts(&with)
    }

    /// [`story`] with a standfirst per article: (outlet, headline, standfirst, body).
    fn story_with_standfirsts(
        articles: &[(&str, &str, Option<&str>, &str)],
    ) -> (Vec<Document>, Framing) {
        let engine = crate::Engine::builtin().unwrap();
        let docs: Vec<Document> = articles
            .iter()
            .enumerate()
            .map(|(i, (outlet, headline, standfirst, body))| {
                let mut a = Article::bare(&format!("a{i}"), Format::Text);
                a.body = body.to_string();
                a.headline = Some(headline.to_string());
                a.standfirst = standfirst.map(String::from);
                a.publisher = Some(Found {
                    value: outlet.to_string(),
                    from: "test".into(),
                });
                crate::segment::segment(a)
            })
            .collect();
        let alignment = crate::align::align(&docs, &engine.model, &engine.align);
        let outlet_of: Vec<String> = docs.iter().map(crate::report::outlet_name).collect();
        let analyses = crate::analysis::run(&docs, &alignment, &outlet_of, engine.analysis());
        (docs, analyses.framing)
    }

    const A: &str = "Senator Ana Rivera met the reformist mayor Tomas Okafor in Lisbon on Monday.\n\n\
        Rivera, a former trade unionist who entered politics late, praised the plan. The talks were \
        friendly and productive, officials said.\n\n\
        Okafor called Rivera a \"brilliant partner\" after the meeting.\n\n\
        Maria Lopez, an analyst at the Lisbon Institute, said: \"Both need a deal before the vote in \
        spring.\"\n\n\
        Luis Rivera, her cousin, runs a bakery in Porto.";
    const B: &str = "Embattled senator Ana Rivera met Tomas Okafor in Lisbon on Monday.\n\n\
        Rivera faced a humiliating defeat in parliament last week, and her reckless budget failed.\n\n\
        \"We will keep working,\" Rivera said.\n\n\
        Okafor is a veteran negotiator and a patient man.";

    #[test]
    fn actors_merge_surnames_with_full_names_and_leave_places_out() {
        let (_, f) = story(&[
            ("Daily One", "Rivera meets Okafor", A),
            ("Second Post", "Rivera and Okafor meet", B),
        ]);
        let names: Vec<&str> = f.actors.iter().map(|a| a.name.as_str()).collect();
        assert!(
            names.contains(&"Ana Rivera") && names.contains(&"Tomas Okafor"),
            "{names:?}"
        );
        assert!(!names.contains(&"Lisbon"), "{names:?}");
        let rivera = f.actors.iter().find(|a| a.name == "Ana Rivera").unwrap();
        assert!(rivera.forms.contains(&"Rivera".to_string()), "{rivera:?}");
        // Another person with the same surname is not merged into her.
        assert!(
            !rivera.forms.contains(&"Luis Rivera".to_string()),
            "{rivera:?}"
        );
        assert_eq!(rivera.outlets, 2);
    }

    #[test]
    fn labels_in_the_authors_voice_only_and_unique_ones_marked() {
        let (_, f) = story(&[
            ("Daily One", "Rivera meets Okafor", A),
            ("Second Post", "Rivera and Okafor meet", B),
        ]);
        let labels = |o: usize, actor: &str| -> Vec<(String, String, bool)> {
            let ai = f.actors.iter().position(|a| a.name == actor).unwrap();
            f.outlets[o].actors[ai]
                .labels
                .iter()
                .map(|l| (l.text.clone(), l.kind.clone(), l.only_this_outlet))
                .collect()
        };
        let one = labels(0, "Ana Rivera");
        assert!(
            one.contains(&("a former trade unionist".into(), "appositive".into(), true)),
            "{one:?}"
        );
        assert!(
            one.iter().any(|l| l.0 == "Senator" && l.1 == "title"),
            "{one:?}"
        );
        // The quoted "brilliant partner" is Okafor's words, not the outlet's label.
        assert!(!one.iter().any(|l| l.0.contains("brilliant")), "{one:?}");
        let two = labels(1, "Ana Rivera");
        assert!(
            two.iter()
                .any(|l| l.0 == "Embattled senator" || l.0 == "senator"),
            "{two:?}"
        );
        let okafor = labels(1, "Tomas Okafor");
        assert!(
            okafor.contains(&("a veteran negotiator".into(), "predicate".into(), true)),
            "{okafor:?}"
        );
        let okafor_one = labels(0, "Tomas Okafor");
        assert!(
            okafor_one
                .iter()
                .any(|l| l.0 == "reformist mayor" && l.1 == "premodifier"),
            "{okafor_one:?}"
        );
    }

    #[test]
    fn role_noun_descriptions_are_labels_of_the_actor_they_refer_to() {
        let c = "Peruvian Senator Ana Rivera met Tomas Okafor in Lisbon on Monday.\n\n\
            Rivera later praised the veteran negotiator for his patience.\n\n\
            Rivera met Okafor again on Tuesday.\n\n\
            The Peruvian lawmaker smiled.\n\n\
            She imposed new rules on Okafor, and accused the reformist mayor of delay.\n\n\
            The talks could calm the two cities' quarrelsome leaders after a year of insults.\n\n\
            Both sides hope the two leaders agree.\n\n\
            Okafor is a patient man and a frequent critic of the budget.\n\n\
            He backed the populist firebrand running against a combative hardliner faction.";
        let (_, f) = story(&[
            ("Daily One", "Rivera meets Okafor", A),
            ("Third Desk", "Rivera meets Okafor", c),
        ]);
        let labels = |actor: &str| -> Vec<(String, String)> {
            let ai = f.actors.iter().position(|a| a.name == actor).unwrap();
            f.outlets[1].actors[ai]
                .labels
                .iter()
                .map(|l| (l.text.clone(), l.kind.clone()))
                .collect()
        };
        let okafor = labels("Tomas Okafor");
        let rivera = labels("Ana Rivera");
        let role =
            |v: &[(String, String)], t: &str| v.contains(&(t.to_string(), "role".to_string()));
        // The subject of the sentence is passed over: the negotiator is Okafor, not Rivera.
        assert!(role(&okafor, "veteran negotiator"), "{okafor:?}");
        assert!(!role(&rivera, "veteran negotiator"), "{rivera:?}");
        assert!(role(&okafor, "reformist mayor"), "{okafor:?}");
        // A plural role noun covers the two actors mentioned last.
        assert!(
            role(&okafor, "quarrelsome leaders") && role(&rivera, "quarrelsome leaders"),
            "{okafor:?} {rivera:?}"
        );
        // A nationality adjective picks the actor titled with it, not the one mentioned last.
        assert!(role(&rivera, "Peruvian lawmaker"), "{rivera:?}");
        assert!(!role(&okafor, "Peruvian lawmaker"), "{okafor:?}");
        // "the two leaders" counts, it does not describe.
        assert!(!okafor.iter().any(|l| l.0.contains("two")), "{okafor:?}");
        // The head noun, not a role noun modifying it; the head must end the phrase.
        assert!(!okafor.iter().any(|l| l.0 == "populist"), "{okafor:?}");
        assert!(
            !okafor
                .iter()
                .chain(&rivera)
                .any(|l| l.0.contains("hardliner")),
            "{okafor:?}"
        );
        // After "X is …", a second description is X's too.
        assert!(role(&okafor, "frequent critic"), "{okafor:?}");
        assert!(!role(&rivera, "frequent critic"), "{rivera:?}");
    }

    #[test]
    fn a_label_after_a_country_noun_is_no_persons_and_plural_labels_look_further_back() {
        let c = "Senator Ana Rivera met Tomas Okafor in Lisbon on Monday.\n\n\
            Okafor cut the aid, despite the country remaining a major regional ally.\n\n\
            The talks lasted two hours.\n\n\
            Aides waited outside in the rain.\n\n\
            The meeting ended at noon.\n\n\
            Both men, bombastic leaders, smiled for the cameras.\n\n\
            Later the two countries' quarrelsome leaders walked out.\n\n\
            Rain fell.\n\n\
            Wind rose.\n\n\
            Dusk came.\n\n\
            Even the exact figures are disputed.";
        let (_, f) = story(&[
            ("Daily One", "Rivera meets Okafor", A),
            ("Third Desk", "Rivera meets Okafor", c),
        ]);
        let labels = |actor: &str| -> Vec<String> {
            let ai = f.actors.iter().position(|a| a.name == actor).unwrap();
            f.outlets[1].actors[ai]
                .labels
                .iter()
                .map(|l| l.text.clone())
                .collect()
        };
        let (rivera, okafor) = (labels("Ana Rivera"), labels("Tomas Okafor"));
        // The ally is the country, not Rivera (the actor mentioned last before the subject).
        assert!(
            !rivera.iter().chain(&okafor).any(|l| l.contains("ally")),
            "{rivera:?} {okafor:?}"
        );
        // Five sentences after the names, "both men, bombastic leaders" is still about the two.
        for v in [&rivera, &okafor] {
            assert!(v.contains(&"bombastic leaders".to_string()), "{v:?}");
            // A country noun as a possessor does not stop a label of persons.
            assert!(v.contains(&"quarrelsome leaders".to_string()), "{v:?}");
            // Past the look-back, a plural not counted as two describes no actor.
            assert!(!v.iter().any(|l| l.contains("figures")), "{v:?}");
        }
    }

    #[test]
    fn tone_counts_the_outlets_own_sentences_with_an_interval() {
        let (_, f) = story(&[
            ("Daily One", "Rivera meets Okafor", A),
            ("Second Post", "Rivera and Okafor meet", B),
        ]);
        let ai = f
            .actors
            .iter()
            .position(|a| a.name == "Ana Rivera")
            .unwrap();
        let one = &f.outlets[0].actors[ai].tone;
        let two = &f.outlets[1].actors[ai].tone;
        // Outlet two writes of her defeat and reckless budget in its own voice.
        assert!(two.mean.unwrap() < 0.0, "{two:?}");
        assert!(one.mean.unwrap() > two.mean.unwrap(), "{one:?} {two:?}");
        // "Rivera said" is her voice: not counted for the outlet.
        assert!(
            two.moving.iter().all(|m| !m.text.contains("keep working")),
            "{two:?}"
        );
        let [lo, hi] = two.interval.unwrap();
        assert!(lo <= two.mean.unwrap() && two.mean.unwrap() <= hi);
        assert!(
            two.moving[0]
                .terms
                .iter()
                .any(|t| t == "reckless" || t == "humiliating"),
            "{two:?}"
        );
    }

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

    #[test]
    fn an_outlets_tone_toward_an_actor_leaves_out_words_about_another() {
        let c = "Senator Ana Rivera met Tomas Okafor on Monday.\n\n\
            Rivera met Okafor, who has been harshly critical of Rivera.\n\n\
            Okafor is a veteran negotiator.";
        let (_, f) = story(&[
            ("Daily One", "Rivera meets Okafor", A),
            ("Third Desk", "Rivera meets Okafor", c),
        ]);
        let idx = |n: &str| f.actors.iter().position(|a| a.name == n).unwrap();
        let rivera = &f.outlets[1].actors[idx("Ana Rivera")].tone;
        let okafor = &f.outlets[1].actors[idx("Tomas Okafor")].tone;
        assert!(okafor.mean.unwrap() < 0.0, "{okafor:?}");
        assert!(
            rivera.moving.is_empty() && rivera.mean == Some(0.0),
            "{rivera:?}"
        );
    }

    #[test]
    fn voices_are_grouped_by_role_with_word_shares() {
        let (_, f) = story(&[
            ("Daily One", "Rivera meets Okafor", A),
            ("Second Post", "Rivera and Okafor meet", B),
        ]);
        let v = &f.outlets[0].voices;
        let group = |name: &str| {
            v.iter()
                .find(|x| x.speaker == name)
                .map(|x| x.group.clone())
        };
        assert_eq!(group("Maria Lopez").as_deref(), Some("analyst"), "{v:?}");
        assert_eq!(
            group("Tomas Okafor").as_deref(),
            Some("Tomas Okafor"),
            "{v:?}"
        );
        // "…, officials said": unnamed, and speaking for a government by its own phrase.
        let officials = v.iter().find(|x| x.speaker.contains("officials"));
        assert!(
            officials.is_some_and(|x| x.anonymous && x.group == "government"),
            "{v:?}"
        );
        assert!(v.iter().filter(|x| x.anonymous).all(|x| x.group != "other"));
        let g = &f.outlets[0].voice_groups;
        assert!(
            g.iter()
                .any(|x| x.group == "government" && x.anonymous == 1),
            "{g:?}"
        );
        let total: f64 = f.outlets[0].voice_groups.iter().map(|g| g.share).sum();
        assert!((total - 1.0).abs() < 0.01, "{total}");
    }

    #[test]
    fn an_unnamed_source_without_a_role_cue_stays_anonymous() {
        let c = "Senator Ana Rivera met Tomas Okafor in Lisbon on Monday.\n\n\
            The deal is close, people familiar with the talks said.\n\n\
            A senior administration official said the vote would wait.\n\n\
            Rivera thanked Okafor.";
        let (_, f) = story(&[
            ("Daily One", "Rivera meets Okafor", A),
            ("Third Desk", "Rivera meets Okafor", c),
        ]);
        let v = &f.outlets[1].voices;
        let of = |needle: &str| v.iter().find(|x| x.speaker.contains(needle));
        assert!(
            of("people").is_some_and(|x| x.anonymous && x.group == "anonymous"),
            "{v:?}"
        );
        assert!(
            of("official").is_some_and(|x| x.anonymous && x.group == "government"),
            "{v:?}"
        );
    }

    /// The headline claims its own body does not state.
    fn claims_not_in_body(h: &HeadlineCheck) -> Vec<&str> {
        h.claims
            .iter()
            .filter(|c| !c.in_body)
            .map(|c| c.text.as_str())
            .collect()
    }

    #[test]
    fn a_headline_its_body_does_not_state_is_a_finding() {
        let (_, f) = story(&[
            ("Daily One", "Rivera meets Okafor", A),
            (
                "Second Post",
                "Rivera quits after 40 senators revolt in Madrid",
                B,
            ),
        ]);
        let two = f.headlines.iter().find(|h| h.article == "a1").unwrap();
        assert!(!two.supported, "{two:?}");
        let missing = claims_not_in_body(two);
        assert!(missing.contains(&"Madrid"), "{missing:?}");
        assert!(missing.iter().any(|m| m.contains("40")), "{missing:?}");
        assert!(
            f.headlines
                .iter()
                .find(|h| h.article == "a0")
                .unwrap()
                .supported
        );
        let found: Vec<&Finding> = f
            .findings
            .iter()
            .filter(|x| x.kind == "headline_unsupported")
            .collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].doc, 1);
    }

    #[test]
    fn a_standfirst_stating_a_figure_its_body_lacks_is_a_finding_that_names_the_standfirst() {
        let (_, f) = story_with_standfirsts(&[
            ("Daily One", "Rivera meets Okafor", None, A),
            (
                "Second Post",
                "Rivera faces defeat in parliament",
                Some("Rivera met Okafor in Lisbon as 40 senators threatened to revolt."),
                B,
            ),
        ]);
        let two = f.headlines.iter().find(|h| h.article == "a1").unwrap();
        assert_eq!(
            two.standfirst.as_deref(),
            Some("Rivera met Okafor in Lisbon as 40 senators threatened to revolt.")
        );
        // The headline holds; the standfirst's figure does not.
        assert!(two.supported, "{two:?}");
        assert_eq!(two.standfirst_supported, Some(false), "{two:?}");
        let figure = two
            .claims
            .iter()
            .find(|c| c.kind == "figure")
            .expect("the figure is a claim");
        assert_eq!(figure.from, "standfirst");
        assert!(
            !figure.in_body && figure.other_outlets.is_empty(),
            "{figure:?}"
        );
        assert!(two
            .claims
            .iter()
            .filter(|c| c.text == "Rivera")
            .any(|c| c.from == "headline" && c.in_body));
        let found: Vec<&Finding> = f
            .findings
            .iter()
            .filter(|x| x.kind == "headline_unsupported")
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].doc, 1);
        assert!(
            found[0].text.starts_with("Standfirst \"Rivera met Okafor"),
            "{}",
            found[0].text
        );
        assert!(found[0].text.contains("figure \"40"), "{}", found[0].text);
        assert!(!found[0].evidence.is_empty());
        // No standfirst: nothing checked, nothing reported for it.
        let one = f.headlines.iter().find(|h| h.article == "a0").unwrap();
        assert_eq!(one.standfirst_supported, None);
        assert!(one.claims.iter().all(|c| c.from == "headline"));
    }

    #[test]
    fn a_capitalised_first_word_the_body_writes_in_lower_case_is_no_name() {
        let body = "The dock workers of Lisbon returned to work on Monday.\n\n\
            Ships had waited offshore for three weeks, the port said.";
        let (_, f) = story_with_standfirsts(&[
            (
                "Daily One",
                "Dock strike ends in Lisbon",
                Some("Workers return. Dock crews say ships waited for three weeks."),
                body,
            ),
            ("Second Post", "Madrid workers return", None, body),
        ]);
        let one = f.headlines.iter().find(|h| h.article == "a0").unwrap();
        let names: Vec<&str> = one
            .claims
            .iter()
            .filter(|c| c.kind == "name")
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(names, ["Lisbon"], "{one:?}");
        // A first word the body never writes is still a name, and not stated.
        let two = f.headlines.iter().find(|h| h.article == "a1").unwrap();
        assert_eq!(claims_not_in_body(two), ["Madrid"], "{two:?}");
    }

    #[test]
    fn a_standfirst_its_body_states_gives_no_finding() {
        let (_, f) = story_with_standfirsts(&[
            (
                "Daily One",
                "Rivera meets Okafor",
                Some("Senator Ana Rivera met the mayor Tomas Okafor in Lisbon on Monday and praised the plan."),
                A,
            ),
            ("Second Post", "Rivera faces defeat in parliament", None, B),
        ]);
        let one = f.headlines.iter().find(|h| h.article == "a0").unwrap();
        assert_eq!(one.standfirst_supported, Some(true), "{one:?}");
        assert!(one.claims.iter().any(|c| c.from == "standfirst"), "{one:?}");
        assert!(one.standfirst_stem_support.is_some_and(|s| s >= 0.5));
        assert!(one.standfirst_closest_sentence.is_some());
        assert!(
            f.findings.iter().all(|x| x.kind != "headline_unsupported"),
            "{:?}",
            f.findings
        );
    }

    #[test]
    fn a_title_case_headline_is_read_by_its_words_not_as_names() {
        let body = "Senator Ana Rivera met Tomas Okafor at the Harbour Palace on Monday, despite \
            tensions between the two over the budget.\n\n\
            The meeting was the first since the budget vote in the Harbour Palace failed.";
        let (_, f) = story(&[
            (
                "Daily One",
                "Rivera And Okafor: A Tense Harbour Palace Summit Amidst Budget Discord",
                body,
            ),
            (
                "Second Post",
                "RIVERA QUITS AFTER 40 SENATORS REVOLT IN MADRID",
                body,
            ),
        ]);
        let one = f.headlines.iter().find(|h| h.article == "a0").unwrap();
        let claims: Vec<(&str, &str)> = one
            .claims
            .iter()
            .map(|c| (c.kind.as_str(), c.text.as_str()))
            .collect();
        // Capitals carry nothing in title case: only what the body writes as a name is a name.
        assert!(claims.contains(&("name", "Harbour Palace")), "{claims:?}");
        assert!(
            !claims
                .iter()
                .any(|c| c.0 == "name" && (c.1.contains("Tense") || c.1.contains("Summit"))),
            "{claims:?}"
        );
        // "Tense" / "tensions", "Summit" / "meeting", "Budget" / "budget": the body supports it.
        assert!(one.supported, "{one:?}");
        // In capitals, a place and a figure the body never states are still unsupported.
        let two = f.headlines.iter().find(|h| h.article == "a1").unwrap();
        assert!(!two.supported, "{two:?}");
        let missing = claims_not_in_body(two);
        assert!(missing.iter().any(|m| m.contains("40")), "{missing:?}");
        assert!(
            missing.iter().any(|m| m.to_lowercase().contains("madrid")),
            "{missing:?}"
        );
    }

    #[test]
    fn a_consensus_fact_buried_by_one_outlet_is_a_placement_finding() {
        let fact = "The central bank raised its main interest rate to 7.5 percent on Thursday.";
        let filler = |tag: &str, n: usize| -> String {
            (0..n)
                .map(|i| format!("Paragraph {i} of the {tag} report describes weather number {i} in the {tag} valley."))
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        let lead = |tag: &str| format!("{fact}\n\n{}", filler(tag, 6));
        let buried = format!("{}\n\n{fact}", filler("eastern", 9));
        let (_, f) = story(&[
            ("North", "Bank raises rate", &lead("northern")),
            ("South", "Bank raises rate", &lead("southern")),
            ("East", "Weather news", &buried),
        ]);
        let p: Vec<&Finding> = f
            .findings
            .iter()
            .filter(|x| x.kind == "placement")
            .collect();
        assert!(
            p.iter()
                .any(|x| x.doc == 2 && x.text.contains("last third")),
            "{p:?} {:?}",
            f.placement
        );
        assert!(!f.placement.is_empty());
    }

    #[test]
    fn bad_settings_are_errors() {
        let bad = BUILTIN.replacen("level = 0.95", "level = 1.5", 1);
        assert!(FramingConfig::parse(&bad, std::path::Path::new("f.toml")).is_err());
        let bad = BUILTIN.replacen("version = 1", "version = 1\nextra = 2", 1);
        assert!(FramingConfig::parse(&bad, std::path::Path::new("f.toml")).is_err());
        assert!(FramingConfig::builtin().is_ok());
    }
}
