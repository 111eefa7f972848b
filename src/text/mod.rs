//! Text utilities every stage shares: words and their counts, stop words, stems, hashing, the word
//! scanner, pattern and line shapes.
//!
//! This is the bottom layer: it imports nothing of the crate but [`crate::error`]. A stage that
//! needs a word list or a count from another stage finds it here instead (loading, cleaning,
//! alignment and the feed audit all read the same stop words and stems).

pub mod hash;
pub mod scan;
pub mod shapes;
pub mod stem;
pub mod stopwords;
pub mod words;

pub use hash::IndexMap;
pub use stopwords::stopwords;
pub use words::count_words;
