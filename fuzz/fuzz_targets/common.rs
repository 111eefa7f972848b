//! Shared by the fuzz targets that clean text: the rules, and an article as the loader reads it.

use corroborate::model::{Format, RawArticle, SourceMeta};
use corroborate::rules::Rules;

/// The built-in cleaning rules, read once.
pub static RULES: std::sync::LazyLock<Rules> =
    std::sync::LazyLock::new(|| Rules::builtin().unwrap());

/// A plain-text article `f.txt` holding `text`, with the metadata `meta`.
pub fn raw_text(text: String, meta: SourceMeta) -> RawArticle {
    RawArticle {
        id: "f".into(),
        path: "f.txt".into(),
        format: Format::Text,
        text,
        meta,
        removed: vec![],
    }
}
