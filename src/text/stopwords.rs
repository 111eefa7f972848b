//! The English function words of `rubrics/lexicons/stopwords.toml`, parsed once.
//!
//! *What*: the words alignment, the standfirst check, framing and the feed audit leave out of
//! content-word comparisons. *Not*: a list of words without news value (names and figures are kept
//! by every caller).

use std::collections::HashSet;

use serde::Deserialize;

const STOPWORDS: &str = include_str!("../../rubrics/lexicons/stopwords.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StopwordFile {
    #[allow(dead_code)]
    version: u32,
    words: Vec<String>,
}

/// The English function words of `rubrics/lexicons/stopwords.toml`.
pub fn stopwords() -> &'static HashSet<String> {
    static WORDS: std::sync::LazyLock<HashSet<String>> = std::sync::LazyLock::new(|| {
        toml::from_str::<StopwordFile>(STOPWORDS)
            .map(|f| f.words.into_iter().collect())
            .unwrap_or_default()
    });
    &WORDS
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_stop_word_list_parses_and_holds_function_words() {
        let s = super::stopwords();
        assert!(s.len() > 100 && s.contains("the") && s.contains("of"));
        assert!(!s.contains("president") && !s.contains("said"));
    }
}
