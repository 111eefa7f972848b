//! The speech lexicon: the word lists of `rubrics/lexicons/speech-verbs.toml` (reporting verbs,
//! verbs whose speaker follows them, pronouns, anonymous heads and determiners, roles, words dropped
//! from a speaker phrase, time words, honorifics), compiled in and parsed once.
//!
//! It only loads and holds the lists: it does not find verbs or speakers in a text (`verbs.rs` and
//! `speakers.rs` do). The file's examples and counter-examples run as a test here.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Deserialize;

const SPEECH_VERBS: &str = include_str!("../../../rubrics/lexicons/speech-verbs.toml");

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
    pub(super) verbs: HashSet<String>,
    pub(super) speaker_after: Vec<Vec<String>>,
    pub(super) pronouns: HashSet<String>,
    pub(super) anonymous_heads: HashSet<String>,
    pub(super) anonymous_determiners: HashSet<String>,
    pub(super) roles: HashSet<String>,
    pub(super) np_drop: HashSet<String>,
    pub(super) temporal: HashSet<String>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::quotes::test_support::{doc, run};
    use crate::extract::quotes::{quotes, AttributionKind};

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
}
