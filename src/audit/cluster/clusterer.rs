//! The streaming clusterer ([`Clusterer`]): items in publication order, syndicated copies, blocking
//! on the heaviest terms, scoring against centroids, member verification, new stories, and the
//! sweep that closes stories outside the window (or beyond `max-open`).
//!
//! It does not merge fragments of one story (`merge`) or count shared keys (`shared_keys`).

use std::collections::VecDeque;

use crate::audit::features::{Featurizer, TermTable, Vector};
use crate::audit::syndication::{self, Signature};
use crate::audit::ClusterConfig;
use crate::text::{count_words, IndexMap};

use super::centroid::{add_to_centroid, trim_centroid};
use super::open::{push_recent, Open, Pending, Stories};
use super::shared_keys::{story_id32, top_compatible, SharedKeys};
use super::{ClusterStats, ItemText, Story, POSTINGS_SCANNED};

/// The streaming clusterer. `T` is what the caller keeps with each item (the item itself for the
/// audit, its index for evaluation).
#[derive(Debug)]
pub struct Clusterer<T> {
    pub(super) cfg: ClusterConfig,
    feats: Featurizer,
    synd: syndication::Index,
    pub(super) open: Stories<Open<T>>,
    /// Term → open stories holding it as a blocking key, oldest first (story ids as `u32`: half
    /// the memory of `usize`).
    pub(super) postings: IndexMap<u64, Vec<u32>>,
    pub(super) item_story: IndexMap<usize, usize>,
    pending: VecDeque<Pending<T>>,
    warmed: bool,
    seq: usize,
    now: Option<i64>,
    since_sweep: usize,
    closed: Vec<Story<T>>,
    /// Stories changed since the last sweep: candidates for merging.
    pub(super) dirty: Vec<usize>,
    words_buf: Vec<u64>,
    pub(super) probe_buf: Vec<(u32, f32)>,
    /// The item's terms (in `assign`) or a probe's (in `merge_dirty`), for dot products.
    pub(super) table: TermTable,
    fresh_buf: Vec<(u32, f32)>,
    pub(super) shared_buf: SharedKeys,
    pub(super) cands_buf: Vec<(usize, u32)>,
    pub stats: ClusterStats,
}

const SWEEP_EVERY: usize = 256;

impl<T> Clusterer<T> {
    pub fn new(cfg: ClusterConfig) -> Clusterer<T> {
        Clusterer {
            feats: Featurizer::new(cfg.features.clone()),
            synd: syndication::Index::new(cfg.syndication.clone()),
            cfg,
            open: Stories::default(),
            postings: IndexMap::default(),
            item_story: IndexMap::default(),
            pending: VecDeque::new(),
            warmed: false,
            seq: 0,
            now: None,
            since_sweep: 0,
            closed: Vec::new(),
            dirty: Vec::new(),
            words_buf: Vec::new(),
            probe_buf: Vec::new(),
            table: TermTable::default(),
            fresh_buf: Vec::new(),
            shared_buf: SharedKeys::default(),
            cands_buf: Vec::new(),
            stats: ClusterStats::default(),
        }
    }

    fn window(&self) -> i64 {
        (self.cfg.clusters.window_hours * 3600.0) as i64
    }

    /// Add an item. Closed stories collect until [`Clusterer::take_closed`].
    pub fn push(&mut self, item: ItemText<'_>, payload: T) {
        let seq = self.seq;
        self.seq += 1;
        self.stats.items += 1;
        let sig: Signature = syndication::signature_of(
            item.title,
            item.text,
            &self.cfg.syndication,
            &mut self.words_buf,
        );
        debug_assert!(item.words.is_none_or(|w| w == count_words(item.text)));
        let root = self.synd.insert(seq, item.time, sig);
        let counts = self.feats.counts(item.title, item.text);
        self.feats.observe(&counts);
        self.pending.push_back(Pending {
            seq,
            time: item.time,
            words: item.words.unwrap_or_else(|| count_words(item.text)),
            counts,
            root,
            payload,
        });
        if !self.warmed && self.pending.len() < self.cfg.clusters.warmup {
            return;
        }
        self.warmed = true;
        while let Some(p) = self.pending.pop_front() {
            self.assign(p);
        }
    }

    /// Stories closed so far (taken out of the clusterer).
    pub fn take_closed(&mut self) -> Vec<Story<T>> {
        std::mem::take(&mut self.closed)
    }

    /// Assign the held-back items, close every open story and return all closed stories.
    pub fn finish(mut self) -> (Vec<Story<T>>, ClusterStats) {
        while let Some(p) = self.pending.pop_front() {
            self.assign(p);
        }
        self.merge_dirty();
        let mut ids: Vec<usize> = self.open.keys().copied().collect();
        ids.sort_unstable();
        for id in ids {
            self.close(id);
        }
        (self.closed, self.stats)
    }

    /// Open stories and indexed items (for memory accounting).
    pub fn open_counts(&self) -> (usize, usize, usize) {
        (self.open.len(), self.synd.len(), self.feats.vocabulary())
    }

    pub(super) fn compatible(&self, story: &Open<T>, time: Option<i64>) -> bool {
        match (story.last_time, time) {
            (Some(a), Some(b)) => (a - b).abs() <= self.window(),
            _ => true,
        }
    }

    fn assign(&mut self, p: Pending<T>) {
        if let Some(t) = p.time {
            self.now = Some(self.now.map_or(t, |n| n.max(t)));
        }
        // A copy of an item of an open story joins it as a copy.
        if let Some(root) = p.root {
            if let Some(&sid) = self.item_story.get(&root) {
                if let Some(story) = self.open.get_mut(&sid) {
                    story.add_member(p.seq, p.time, Some(root), p.payload);
                    self.item_story.insert(p.seq, sid);
                    self.stats.syndicated += 1;
                    self.maybe_sweep();
                    return;
                }
            }
        }
        let v: Vector = self.feats.vector(&p.counts);
        self.table.fill(&v);
        // The `block-keys` heaviest terms, heaviest first (ties: the lower term).
        let mut by_weight: Vec<(u32, f32)> = v.clone();
        let heaviest = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        let n_keys = self.cfg.clusters.block_keys.min(by_weight.len());
        if n_keys > 0 && n_keys < by_weight.len() {
            by_weight.select_nth_unstable_by(n_keys - 1, heaviest);
        }
        by_weight.truncate(n_keys);
        by_weight.sort_unstable_by(heaviest);
        let keys: Vec<u64> = by_weight.iter().map(|x| u64::from(x.0)).collect();
        // Blocking: stories sharing a key, most shared keys first.
        // (The map and the list are reused buffers: an item meets hundreds of stories here.)
        let mut shared = std::mem::take(&mut self.shared_buf);
        for k in &keys {
            if let Some(list) = self.postings.get(k) {
                for &sid in list.iter().rev().take(POSTINGS_SCANNED) {
                    shared.add(sid);
                }
            }
        }
        let mut cands = std::mem::take(&mut self.cands_buf);
        cands.clear();
        shared.drain_into(&mut cands, 1);
        self.shared_buf = shared;
        // The stories sharing most keys, among those within the window of the item: the order
        // first, then the window checked down that order until enough are found (looking a story
        // up is a cache miss; hundreds share a key).
        top_compatible(&mut cands, self.cfg.clusters.max_candidates, |sid| {
            self.open
                .get(&sid)
                .is_some_and(|s| self.compatible(s, p.time))
        });
        let c = &self.cfg.clusters;
        let join = if p.words < c.short_words {
            c.short_join_threshold
        } else {
            c.join_threshold
        };
        let mut scored: Vec<(f32, usize)> = cands
            .iter()
            .filter_map(|(sid, _)| {
                let s = &self.open[sid];
                // The sum over the item's terms of centroid weight × item weight, in term order.
                let num = self.table.dot(&s.centroid);
                let sim = if s.norm2 > 0.0 {
                    num / s.norm2.sqrt()
                } else {
                    0.0
                };
                (sim >= join).then_some((sim, *sid))
            })
            .collect();
        self.stats.candidates_scored += cands.len();
        self.cands_buf = cands;
        scored.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
        let mut chosen = None;
        for (_, sid) in scored {
            let s = &self.open[&sid];
            let (mut support, mut checked) = (0, 0);
            for m in s.recent() {
                checked += 1;
                support += usize::from(self.table.dot(m) >= c.member_threshold);
            }
            let needed = ((checked as f32) * c.member_share).ceil().max(1.0) as usize;
            if support >= needed {
                chosen = Some(sid);
                break;
            }
            self.stats.rejected_by_verification += 1;
        }
        let sid = match chosen {
            Some(sid) => sid,
            None => {
                self.stats.stories += 1;
                self.open.insert(
                    p.seq,
                    Open {
                        id: p.seq,
                        centroid: Box::default(),
                        norm2: 0.0,
                        recent: VecDeque::new(),
                        last_time: None,
                        last_seq: p.seq,
                        items: 0,
                        words: 0,
                        members: Vec::new(),
                    },
                );
                self.stats.max_open = self.stats.max_open.max(self.open.len());
                p.seq
            }
        };
        let centroid_terms = self.cfg.features.centroid_terms;
        let members_checked = self.cfg.clusters.members_checked;
        let story = self.open.get_mut(&sid).expect("story is open");
        story.keep_first_vector();
        add_to_centroid(
            &mut story.centroid,
            &mut story.norm2,
            &v,
            &mut self.fresh_buf,
        );
        if story.centroid.len() > centroid_terms * 2 {
            story.norm2 = trim_centroid(&mut story.centroid, centroid_terms);
        }
        if story.items > 0 {
            push_recent(&mut story.recent, v.into_boxed_slice(), members_checked);
        }
        story.items += 1;
        story.words += p.words;
        story.add_member(p.seq, p.time, None, p.payload);
        self.item_story.insert(p.seq, sid);
        self.dirty.push(sid);
        let sid32 = story_id32(sid);
        for k in keys {
            let list = self.postings.entry(k).or_default();
            if list.last() != Some(&sid32) {
                // Grown by a quarter, not doubled: a window holds about a million postings.
                if list.len() == list.capacity() {
                    list.reserve_exact((list.len() / 4).max(4));
                }
                list.push(sid32);
            }
        }
        self.maybe_sweep();
    }

    fn close(&mut self, id: usize) {
        if let Some(s) = self.open.remove(&id) {
            for m in &s.members {
                self.item_story.remove(&m.seq);
            }
            self.closed.push(Story {
                id: s.id,
                members: s.members,
            });
        }
    }

    fn maybe_sweep(&mut self) {
        self.since_sweep += 1;
        if self.since_sweep < SWEEP_EVERY {
            return;
        }
        self.since_sweep = 0;
        self.merge_dirty();
        let cutoff = self.now.map(|n| n - self.window());
        let mut old: Vec<usize> = self
            .open
            .values()
            .filter(|s| matches!((cutoff, s.last_time), (Some(c), Some(t)) if t < c))
            .map(|s| s.id)
            .collect();
        let max_open = self.cfg.clusters.max_open;
        if self.open.len() - old.len() > max_open {
            let mut rest: Vec<(usize, usize)> = self
                .open
                .values()
                .filter(|s| !old.contains(&s.id))
                .map(|s| (s.last_seq, s.id))
                .collect();
            rest.sort_unstable();
            let extra = rest.len() - max_open;
            old.extend(rest.into_iter().take(extra).map(|x| x.1));
        }
        old.sort_unstable();
        if !old.is_empty() {
            for id in old {
                self.close(id);
            }
            let open = &self.open;
            self.postings.retain(|_, list| {
                list.retain(|&sid| open.contains_key(&(sid as usize)));
                !list.is_empty()
            });
        }
        self.synd.evict(cutoff, max_open.saturating_mul(4));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(items: &[(&str, &str, Option<i64>)], warmup: usize) -> Vec<Vec<usize>> {
        let mut cfg = ClusterConfig::builtin().unwrap();
        cfg.clusters.warmup = warmup;
        let mut c = Clusterer::new(cfg);
        for (i, (title, text, time)) in items.iter().enumerate() {
            c.push(
                ItemText {
                    title,
                    text,
                    time: *time,
                    words: None,
                },
                i,
            );
        }
        let (stories, _) = c.finish();
        let mut out: Vec<Vec<usize>> = stories
            .into_iter()
            .map(|s| s.members.into_iter().map(|m| m.payload).collect())
            .collect();
        for s in &mut out {
            s.sort_unstable();
        }
        out.sort();
        out
    }

    const QUAKE_A: &str = "A magnitude 6.1 earthquake struck near Valdora on Monday, killing at least 12 people and damaging hundreds of homes, officials said.";
    const QUAKE_B: &str = "At least 12 people died when a 6.1-magnitude quake hit Valdora early Monday, officials said, as rescuers searched damaged homes.";
    const QUAKE_OTHER: &str = "A magnitude 5.4 earthquake struck near Port Emsley on Thursday, injuring 3 people and cutting power to the harbour district.";
    const RATES: &str = "The central bank of Norland raised its main interest rate by a quarter point to 4.5 percent on Monday, citing persistent inflation.";

    #[test]
    fn same_event_joins_and_similar_events_stay_apart() {
        let items = [
            ("Earthquake kills 12 in Valdora", QUAKE_A, Some(0)),
            ("Norland raises rates", RATES, Some(100)),
            ("Valdora quake death toll reaches 12", QUAKE_B, Some(200)),
            ("Quake hits Port Emsley", QUAKE_OTHER, Some(300)),
            ("Earthquake kills 12 in Valdora", QUAKE_A, Some(400)),
        ];
        let got = cluster(&items, 1);
        assert_eq!(got, vec![vec![0, 2, 4], vec![1], vec![3]]);
    }

    #[test]
    fn the_window_closes_stories() {
        let day = 86_400;
        let items = [
            ("Earthquake kills 12 in Valdora", QUAKE_A, Some(0)),
            (
                "Valdora quake death toll reaches 12",
                QUAKE_B,
                Some(30 * day),
            ),
        ];
        assert_eq!(cluster(&items, 1), vec![vec![0], vec![1]]);
    }

    #[test]
    fn copies_are_marked_as_syndicated() {
        let mut cfg = ClusterConfig::builtin().unwrap();
        cfg.clusters.warmup = 1;
        let mut c = Clusterer::new(cfg);
        for (i, t) in [QUAKE_A, RATES, QUAKE_A].iter().enumerate() {
            c.push(
                ItemText {
                    title: "",
                    text: t,
                    time: None,
                    words: None,
                },
                i,
            );
        }
        let (stories, stats) = c.finish();
        assert_eq!(stats.syndicated, 1);
        let quake = stories.iter().find(|s| s.id == 0).unwrap();
        assert_eq!(quake.members[1].syndicated_of, Some(0));
    }
}
