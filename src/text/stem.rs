//! Words and their stems: Unicode words (UAX #29), lower-cased and stemmed (Snowball English).
//!
//! *What*: [`stem`] of one lower-cased word, and [`words`] of a text with their byte offsets, the
//! one tokenisation that segmentation, the standfirst check and framing share. *Not*: lemmas or
//! parts of speech ("news" and "new" share no stem; "meeting" the noun and the verb do).

use std::borrow::Cow;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// The Snowball English stem of a lower-cased word.
pub fn stem(lower: &str) -> Cow<'_, str> {
    STEMMER.stem(lower)
}

/// A word of a text: where it starts (bytes), as written, lower-cased, and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub at: usize,
    pub text: &'a str,
    pub lower: String,
    pub stem: String,
}

/// The words of `text` in order (Unicode word boundaries), lower-cased and stemmed.
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    text.unicode_word_indices().map(|(at, w)| {
        let lower = w.to_lowercase();
        let stem = stem(&lower).into_owned();
        Word {
            at,
            text: w,
            lower,
            stem,
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn words_carry_offsets_lower_case_and_stems() {
        let w: Vec<_> = super::words("The Waters rose.").collect();
        assert_eq!(w.len(), 3);
        assert_eq!(
            (w[1].at, w[1].text, w[1].lower.as_str()),
            (4, "Waters", "waters")
        );
        assert_eq!(w[1].stem, "water");
    }
}
