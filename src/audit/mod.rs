//! Feed audit: group a stream of feed items into stories, compare each story, aggregate per source.
//!
//! ```text
//! items ──► features ──► syndication (MinHash/LSH) ──► stories (blocking, centroid + members) ──► closed stories
//!                                                       time window: memory bounded by it
//! closed stories ──► compare (rayon) ──► per-story report ──► per-source aggregate (intervals)
//! ```
//!
//! - [`features`]: the TF-IDF term vector of an item (title + lede; names and figures weigh more),
//!   term rarity counted as items stream in.
//! - [`syndication`]: near-duplicate wire copy under several publishers (MinHash, LSH bands).
//! - [`cluster`]: the streaming same-event clustering with blocking and a verification step.
//! - [`aggregate`]: per-source figures across stories, mergeable (`corroborate merge`).
//! - [`names`]: safe, unique file names from feed data.
//! - [`run`]: the audit itself (clustering + parallel comparisons).
//!
//! Thresholds are data: `rubrics/clustering.toml`.

pub mod aggregate;
pub mod cluster;
pub mod features;
pub mod names;
pub mod run;
pub mod syndication;

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};

const CLUSTERING: &str = include_str!("../../rubrics/clustering.toml");

/// `rubrics/clustering.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ClusterConfig {
    pub version: u32,
    pub features: FeatureConfig,
    pub syndication: SyndicationConfig,
    pub clusters: StoryConfig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FeatureConfig {
    pub lede_words: usize,
    pub title_weight: f32,
    pub name_weight: f32,
    pub number_weight: f32,
    pub max_terms: usize,
    pub centroid_terms: usize,
    pub max_vocabulary: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SyndicationConfig {
    pub shingle_words: usize,
    pub min_words: usize,
    pub bands: usize,
    pub rows: usize,
    pub threshold: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StoryConfig {
    pub window_hours: f64,
    pub join_threshold: f32,
    pub member_threshold: f32,
    pub member_share: f32,
    pub members_checked: usize,
    pub short_words: usize,
    pub short_join_threshold: f32,
    pub merge_threshold: f32,
    pub short_merge_threshold: f32,
    pub block_keys: usize,
    pub max_candidates: usize,
    pub warmup: usize,
    pub max_open: usize,
}

impl ClusterConfig {
    /// The settings compiled into the binary.
    pub fn builtin() -> Result<ClusterConfig> {
        Self::parse(CLUSTERING, Path::new("rubrics/clustering.toml"))
    }

    /// Read a clustering file (`--clustering FILE`).
    pub fn from_file(path: &Path) -> Result<ClusterConfig> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::parse(&text, path)
    }

    /// Parse and validate; every problem is reported at once (exit 3).
    pub fn parse(text: &str, path: &Path) -> Result<ClusterConfig> {
        let cfg: ClusterConfig = crate::error::from_toml(text, path, "clustering settings")?;
        let mut problems = Vec::new();
        let line = |key: &str| {
            text.lines()
                .position(|l| l.trim_start().starts_with(key))
                .map(|i| i + 1)
                .unwrap_or(1)
        };
        let unit = |v: f32| v > 0.0 && v <= 1.0;
        for (key, v) in [
            ("threshold", cfg.syndication.threshold),
            ("join-threshold", cfg.clusters.join_threshold),
            ("member-threshold", cfg.clusters.member_threshold),
            ("member-share", cfg.clusters.member_share),
            ("short-join-threshold", cfg.clusters.short_join_threshold),
            ("merge-threshold", cfg.clusters.merge_threshold),
            ("short-merge-threshold", cfg.clusters.short_merge_threshold),
        ] {
            if !unit(v) {
                problems.push((line(key), format!("{key} must be within (0, 1], found {v}")));
            }
        }
        if cfg.syndication.bands * cfg.syndication.rows > syndication::BINS {
            problems.push((
                line("bands"),
                format!(
                    "bands × rows must be at most {} (the MinHash bins), found {} × {}",
                    syndication::BINS,
                    cfg.syndication.bands,
                    cfg.syndication.rows
                ),
            ));
        }
        for (key, v) in [
            ("shingle-words", cfg.syndication.shingle_words),
            ("max-terms", cfg.features.max_terms),
            ("centroid-terms", cfg.features.centroid_terms),
            ("block-keys", cfg.clusters.block_keys),
            ("max-candidates", cfg.clusters.max_candidates),
            ("members-checked", cfg.clusters.members_checked),
            ("max-open", cfg.clusters.max_open),
            ("max-vocabulary", cfg.features.max_vocabulary),
        ] {
            if v == 0 {
                problems.push((line(key), format!("{key} must be at least 1")));
            }
        }
        if cfg.clusters.window_hours.is_nan() || cfg.clusters.window_hours <= 0.0 {
            problems.push((line("window-hours"), "window-hours must be positive".into()));
        }
        crate::error::report_problems(path, problems)?;
        Ok(cfg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_settings_load() {
        let c = ClusterConfig::builtin().unwrap();
        assert!(c.clusters.join_threshold > 0.0);
    }

    #[test]
    fn bad_settings_are_all_reported_with_lines() {
        let bad = CLUSTERING
            .replace("join-threshold = 0.22", "join-threshold = 1.5")
            .replace("bands = 8", "bands = 22");
        let e = ClusterConfig::parse(&bad, Path::new("c.toml")).unwrap_err();
        let msg = e.to_string();
        assert_eq!(e.exit_status(), crate::ExitStatus::Config);
        assert!(msg.contains("2 problem(s)"), "{msg}");
        assert!(
            msg.contains("join-threshold") && msg.contains("bands"),
            "{msg}"
        );
        let unknown = format!("{CLUSTERING}\n[extra]\nx = 1\n");
        assert!(ClusterConfig::parse(&unknown, Path::new("c.toml")).is_err());
    }
}
