//! Streaming same-event clustering of feed items into stories.
//!
//! *What it does*: items arrive in publication order (roughly). Each one is first checked for
//! syndication ([`super::syndication`]): a copy of an item in an open story joins that story as a
//! copy (it does not move the story's centroid). Otherwise its term vector ([`super::features`])
//! is compared with the open stories that share one of its `block-keys` heaviest terms (blocking:
//! an inverted index from terms to stories, never all pairs). It joins the best story when
//! 1. its cosine with the story centroid reaches `join-threshold` (`short-join-threshold` for
//!    items with little text), and
//! 2. *verification*: it reaches `member-threshold` with at least `member-share` of the story's
//!    recent members, so that a story cannot chain through one borderline item into another event;
//!
//! else it opens a new story. Stories whose latest item is older than `window-hours` (by the latest
//! publication time seen) are closed and handed out, with their items; so are the least recently
//! updated ones beyond `max-open` (undated feeds). Memory is bounded by the window.
//!
//! *Why*: single-pass centroid clustering is the classic topic-detection-and-tracking method
//! (Allan et al. 1998); the member check is what keeps it from chaining.
//!
//! *Limitations*: items far out of time order may miss their story; lexical similarity only.
//!
//! *Parts*: `clusterer` (the [`Clusterer`]: items in, blocking, scoring, verification, the time
//! window and the sweep), `merge` (fragments of one story merged centroid to centroid),
//! `shared_keys` (counting the blocking keys a story shares with a probe, and picking the
//! candidates), `open` (an open story and the map that holds them) and `centroid` (sorted term
//! vectors added and trimmed). This module holds the public types and re-exports the clusterer.

mod centroid;
mod clusterer;
mod merge;
mod open;
mod shared_keys;

pub use clusterer::Clusterer;

/// One item of a closed story.
#[derive(Debug, Clone)]
pub struct Member<T> {
    /// Arrival order of the item (0-based).
    pub seq: usize,
    /// The first item of the same wire text, when this item is a copy of it.
    pub syndicated_of: Option<usize>,
    pub payload: T,
}

/// A closed story: its id is the seq of its first item.
#[derive(Debug, Clone)]
pub struct Story<T> {
    pub id: usize,
    pub members: Vec<Member<T>>,
}

/// The text of an item, for clustering.
#[derive(Debug, Clone, Copy)]
pub struct ItemText<'a> {
    pub title: &'a str,
    pub text: &'a str,
    pub time: Option<i64>,
    /// Words of `text` as [`count_words`](crate::text::count_words) counts them, when the caller has counted them already
    /// (a feed item has: `FeedItem::words`).
    pub words: Option<usize>,
}

/// Counters for the run (reported by the audit and the benchmark).
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct ClusterStats {
    pub items: usize,
    pub syndicated: usize,
    pub stories: usize,
    pub candidates_scored: usize,
    pub rejected_by_verification: usize,
    pub merged: usize,
    pub max_open: usize,
}

/// a common word in the window, and the rarer keys of the item find its story.
pub(super) const POSTINGS_SCANNED: usize = 64;
