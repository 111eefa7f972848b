//! Framing settings: the types of `rubrics/framing.toml`, its loading and its checks (versions,
//! ranges, word lists lower-cased once as they are read).
//!
//! *Measures nothing*: it only holds the numbers and word lists the parts read. What a setting
//! means is told where it is used (actors, labels, tone, voices, placement, headline).

use std::sync::LazyLock;

use serde::Deserialize;

use crate::error::{from_toml, Error, Result};

const BUILTIN: &str = include_str!("../../../rubrics/framing.toml");
const PATH: &str = "rubrics/framing.toml";

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_settings_are_errors() {
        let bad = BUILTIN.replacen("level = 0.95", "level = 1.5", 1);
        assert!(FramingConfig::parse(&bad, std::path::Path::new("f.toml")).is_err());
        let bad = BUILTIN.replacen("version = 1", "version = 1\nextra = 2", 1);
        assert!(FramingConfig::parse(&bad, std::path::Path::new("f.toml")).is_err());
        assert!(FramingConfig::builtin().is_ok());
    }
}
