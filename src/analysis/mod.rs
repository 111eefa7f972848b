//! Analyses: from segmented documents (and the fact alignment) to per-article and per-outlet
//! measurements and findings.
//!
//! Each analysis is a small module with one job: it reads [`crate::model::Document`]s (and, where it
//! needs them, the [`crate::align::Alignment`]), and returns its own serialisable result, which the
//! report carries as it is. Word lists and thresholds are data in `rubrics/`.
pub mod quotes;
