//! `story.toml`: an optional manifest beside the articles that names the event and may override any
//! article's publisher.
//!
//! ```toml
//! title = "The summit of 3 February"
//! [articles.some-file-stem]
//! publisher = "Example News"
//! ```
//! Unknown keys are errors (exit 3) with the line, so a typo never passes silently.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Result;

/// The file name looked for in an article directory.
pub const MANIFEST_NAME: &str = "story.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Manifest {
    /// The event's name, shown as the story title.
    pub title: Option<String>,
    /// Per-article overrides, keyed by article id (the file stem).
    #[serde(default)]
    pub articles: BTreeMap<String, ArticleOverride>,
    #[serde(skip)]
    pub path: PathBuf,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ArticleOverride {
    pub publisher: Option<String>,
}

impl Manifest {
    pub fn parse(text: &str, path: &Path) -> Result<Manifest> {
        let mut m: Manifest = crate::error::from_toml(text, path, "invalid story manifest")?;
        m.path = path.to_path_buf();
        Ok(m)
    }

    /// Overrides that name no loaded article: each is a configuration error worth reporting.
    pub fn unknown_ids<'a>(&'a self, ids: &[&str]) -> Vec<&'a str> {
        self.articles
            .keys()
            .filter(|k| !ids.contains(&k.as_str()))
            .map(|k| k.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_rejected_with_their_line() {
        let e = Manifest::parse(
            "title = \"x\"\n\n[articles.a]\npublsher = \"y\"\n",
            Path::new("story.toml"),
        )
        .unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("story.toml:4:"), "{msg}");
        assert!(msg.contains("publsher"), "{msg}");
    }

    #[test]
    fn overrides_are_read_by_id() {
        let m = Manifest::parse(
            "[articles.a]\npublisher = \"Example\"\n",
            Path::new("story.toml"),
        )
        .unwrap();
        assert_eq!(m.articles["a"].publisher.as_deref(), Some("Example"));
        assert_eq!(m.unknown_ids(&["b"]), vec!["a"]);
    }
}
