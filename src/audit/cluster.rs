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

use std::collections::VecDeque;

use super::features::{Featurizer, TermTable, Vector};
use super::syndication::{self, Signature};
use super::ClusterConfig;
use crate::text::{count_words, IndexMap};

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
    /// Words of `text` as [`count_words`] counts them, when the caller has counted them already
    /// (a feed item has: `FeedItem::words`).
    pub words: Option<usize>,
}

#[derive(Debug)]
struct Open<T> {
    id: usize,
    /// Sum of the member vectors, sorted by term (a sorted list: half the memory of a hash map,
    /// and scoring an item is a merge of two sorted lists).
    centroid: Box<[(u32, f32)]>,
    norm2: f32,
    /// The vectors of the latest `members-checked` items that moved the centroid, for
    /// verification. Empty while the story has one such item: its vector is then the centroid
    /// itself (the same terms and weights), so it is not stored twice ([`Open::recent`]).
    recent: VecDeque<Box<[(u32, f32)]>>,
    last_time: Option<i64>,
    last_seq: usize,
    /// Items that moved the centroid, and their text words (for the short-text thresholds).
    items: usize,
    words: usize,
    members: Vec<Member<T>>,
}

impl<T> Open<T> {
    fn short(&self, short_words: usize) -> bool {
        self.words < short_words * self.items.max(1)
    }

    /// The recent member vectors (see the field): the centroid alone for a story of one item.
    fn recent(&self) -> impl Iterator<Item = &[(u32, f32)]> {
        let only = (self.recent.is_empty() && self.items == 1).then_some(&*self.centroid);
        only.into_iter().chain(self.recent.iter().map(|r| &**r))
    }

    /// Store the one item's vector (the centroid) before the story's centroid changes.
    fn keep_first_vector(&mut self) {
        if self.recent.is_empty() && self.items == 1 {
            self.recent.push_back(self.centroid.clone());
        }
    }
}

/// Push onto a member list growing it by half (not doubling from four, as `Vec::push` does): most
/// stories have one or two members, and a window holds tens of thousands of them.
fn push_member<T>(members: &mut Vec<Member<T>>, m: Member<T>) {
    if members.len() == members.capacity() {
        members.reserve_exact((members.len() / 2).max(1));
    }
    members.push(m);
}

/// Append a vector to the recent ones, the oldest dropped first beyond `n` (so that the list never
/// grows past `n`, and neither does its allocation).
fn push_recent(recent: &mut VecDeque<Box<[(u32, f32)]>>, v: Box<[(u32, f32)]>, n: usize) {
    while recent.len() >= n.max(1) {
        recent.pop_front();
    }
    if recent.len() == recent.capacity() {
        recent.reserve_exact((recent.len() / 2).max(1).min(n - recent.len()));
    }
    recent.push_back(v);
}

#[derive(Debug)]
struct Pending<T> {
    seq: usize,
    time: Option<i64>,
    words: usize,
    counts: IndexMap<u64, f32>,
    root: Option<usize>,
    payload: T,
}

/// Open stories by id: a map from the id to a slot in one vector, grown by a quarter at a time.
/// A map holding the stories themselves keeps a story-sized bucket for each empty place of its
/// table, which doubles; here an empty place costs 16 bytes (about 4 MB less for 30,000 stories).
#[derive(Debug)]
struct Stories<V> {
    slot: IndexMap<usize, u32>,
    items: Vec<Option<V>>,
    free: Vec<u32>,
}

impl<V> Default for Stories<V> {
    fn default() -> Self {
        Stories {
            slot: IndexMap::default(),
            items: Vec::new(),
            free: Vec::new(),
        }
    }
}

impl<V> Stories<V> {
    fn get(&self, id: &usize) -> Option<&V> {
        self.slot
            .get(id)
            .and_then(|&i| self.items[i as usize].as_ref())
    }

    fn get_mut(&mut self, id: &usize) -> Option<&mut V> {
        let i = *self.slot.get(id)?;
        self.items[i as usize].as_mut()
    }

    fn contains_key(&self, id: &usize) -> bool {
        self.slot.contains_key(id)
    }

    fn len(&self) -> usize {
        self.slot.len()
    }

    /// Add a story under an id not in use.
    fn insert(&mut self, id: usize, v: V) {
        let i = match self.free.pop() {
            Some(i) => {
                self.items[i as usize] = Some(v);
                i
            }
            None => {
                if self.items.len() == self.items.capacity() {
                    self.items.reserve_exact((self.items.len() / 4).max(64));
                }
                self.items.push(Some(v));
                u32::try_from(self.items.len() - 1).expect("fewer than 2^32 open stories")
            }
        };
        let old = self.slot.insert(id, i);
        debug_assert!(old.is_none(), "story {id} opened twice");
    }

    fn remove(&mut self, id: &usize) -> Option<V> {
        let i = self.slot.remove(id)?;
        self.free.push(i);
        self.items[i as usize].take()
    }

    fn keys(&self) -> impl Iterator<Item = &usize> {
        self.slot.keys()
    }

    fn values(&self) -> impl Iterator<Item = &V> {
        self.slot
            .values()
            .filter_map(|&i| self.items[i as usize].as_ref())
    }
}

impl<V> std::ops::Index<&usize> for Stories<V> {
    type Output = V;
    fn index(&self, id: &usize) -> &V {
        self.get(id).expect("story is open")
    }
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

/// The streaming clusterer. `T` is what the caller keeps with each item (the item itself for the
/// audit, its index for evaluation).
#[derive(Debug)]
pub struct Clusterer<T> {
    cfg: ClusterConfig,
    feats: Featurizer,
    synd: syndication::Index,
    open: Stories<Open<T>>,
    /// Term → open stories holding it as a blocking key, oldest first (story ids as `u32`: half
    /// the memory of `usize`).
    postings: IndexMap<u64, Vec<u32>>,
    item_story: IndexMap<usize, usize>,
    pending: VecDeque<Pending<T>>,
    warmed: bool,
    seq: usize,
    now: Option<i64>,
    since_sweep: usize,
    closed: Vec<Story<T>>,
    /// Stories changed since the last sweep: candidates for merging.
    dirty: Vec<usize>,
    words_buf: Vec<u64>,
    probe_buf: Vec<(u32, f32)>,
    /// The item's terms (in `assign`) or a probe's (in `merge_dirty`), for dot products.
    table: TermTable,
    fresh_buf: Vec<(u32, f32)>,
    shared_buf: SharedKeys,
    cands_buf: Vec<(usize, u32)>,
    pub stats: ClusterStats,
}

/// How many blocking keys each story met in the postings shares with the probe: an open-addressing
/// table keyed by story id (a multiplicative hash of the id, linear probing), kept at most one
/// eighth full and emptied slot by slot. An item meets hundreds of stories in the postings; this is
/// a few times cheaper per count than a general hash map, and its common path (the story's first
/// slot holds it or is free) has no unpredictable branch.
#[derive(Debug, Default)]
struct SharedKeys {
    /// Story id per slot (`EMPTY` when free) and its count (0 when free).
    ids: Vec<u32>,
    counts: Vec<u32>,
    /// The slots taken, in `used[..n]` (room for every slot the load factor allows, and one).
    used: Vec<u32>,
    n: usize,
    shift: u32,
}

impl SharedKeys {
    const EMPTY: u32 = u32::MAX;

    #[inline]
    fn add(&mut self, sid: u32) {
        if (self.n + 1) * 8 > self.ids.len() {
            self.grow();
        }
        let i = self.slot(sid);
        let fresh = self.ids[i] == Self::EMPTY;
        self.ids[i] = sid;
        self.counts[i] += 1;
        // Recorded unconditionally, kept only when the slot was free.
        self.used[self.n] = i as u32;
        self.n += usize::from(fresh);
    }

    /// The slot holding `sid`, or the free one where it goes.
    #[inline]
    fn slot(&self, sid: u32) -> usize {
        let mask = self.ids.len() - 1;
        let mut i = (sid.wrapping_mul(0x9e37_79b9) >> self.shift) as usize;
        loop {
            let at = self.ids[i];
            if at == sid || at == Self::EMPTY {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// Double the table (1024 slots at first), keeping what it holds.
    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let held: Vec<(u32, u32)> = self.used[..self.n]
            .iter()
            .map(|&i| (self.ids[i as usize], self.counts[i as usize]))
            .collect();
        let size = (self.ids.len() * 2).max(1024);
        self.ids = vec![Self::EMPTY; size];
        self.counts = vec![0; size];
        self.used = vec![0; size / 8 + 1];
        self.n = 0;
        self.shift = 32 - size.trailing_zeros();
        for (sid, c) in held {
            let i = self.slot(sid);
            self.ids[i] = sid;
            self.counts[i] = c;
            self.used[self.n] = i as u32;
            self.n += 1;
        }
    }

    /// Move the stories met at least `min` times into `out` as (id, count), in no set order, and
    /// empty the table.
    fn drain_into(&mut self, out: &mut Vec<(usize, u32)>, min: u32) {
        for &i in &self.used[..self.n] {
            let i = i as usize;
            if self.counts[i] >= min {
                out.push((self.ids[i] as usize, self.counts[i]));
            }
            self.ids[i] = Self::EMPTY;
            self.counts[i] = 0;
        }
        self.n = 0;
    }
}

/// Keep the `n` candidates sharing most keys (ties: the later story), in that order.
fn top_candidates(cands: &mut Vec<(usize, u32)>, n: usize) {
    let order = |a: &(usize, u32), b: &(usize, u32)| b.1.cmp(&a.1).then(b.0.cmp(&a.0));
    if n == 0 {
        cands.clear();
        return;
    }
    if cands.len() > n {
        cands.select_nth_unstable_by(n - 1, order);
        cands.truncate(n);
    }
    cands.sort_unstable_by(order);
}

/// [`top_candidates`] among the candidates that pass `ok`, checked in the order until `n` pass.
fn top_compatible(cands: &mut Vec<(usize, u32)>, n: usize, mut ok: impl FnMut(usize) -> bool) {
    let order = |a: &(usize, u32), b: &(usize, u32)| b.1.cmp(&a.1).then(b.0.cmp(&a.0));
    // Order a prefix first (select, then sort it); the rest only when the prefix has too few
    // candidates that pass. The prefix holds the first elements of the whole order.
    let prefix = (4 * n).min(cands.len());
    if prefix > 0 && cands.len() > prefix {
        cands.select_nth_unstable_by(prefix - 1, order);
    }
    cands[..prefix].sort_unstable_by(order);
    let mut kept = 0;
    let mut i = 0;
    while i < cands.len() && kept < n {
        if i == prefix {
            cands[prefix..].sort_unstable_by(order);
        }
        if ok(cands[i].0) {
            cands[kept] = cands[i];
            kept += 1;
        }
        i += 1;
    }
    cands.truncate(kept);
}

/// Add the vector `v` (sorted by term) into the centroid `c`, and `norm2` with it term by term in
/// `v`'s order (as a map entry per term would). `fresh` is a reused buffer.
fn add_to_centroid(
    c: &mut Box<[(u32, f32)]>,
    norm2: &mut f32,
    v: &[(u32, f32)],
    fresh: &mut Vec<(u32, f32)>,
) {
    fresh.clear();
    for &(t, w) in v {
        match c.binary_search_by_key(&t, |x| x.0) {
            Ok(i) => {
                let e = &mut c[i].1;
                *norm2 += 2.0 * *e * w + w * w;
                *e += w;
            }
            Err(_) => {
                let e = 0.0f32;
                *norm2 += 2.0 * e * w + w * w;
                fresh.push((t, w));
            }
        }
    }
    if !fresh.is_empty() {
        *c = merge_sorted(c, fresh);
    }
}

/// Two term-sorted lists with distinct terms, merged (exact length).
fn merge_sorted(a: &[(u32, f32)], b: &[(u32, f32)]) -> Box<[(u32, f32)]> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].0 < b[j].0 {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out.into_boxed_slice()
}

/// Keep the `n` heaviest terms of a centroid (ties: the smaller term); returns the sum of their
/// squared weights, added heaviest first.
fn trim_centroid(c: &mut Box<[(u32, f32)]>, n: usize) -> f32 {
    let mut all = std::mem::take(c).into_vec();
    all.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    all.truncate(n);
    let norm2 = all.iter().map(|x| x.1 * x.1).sum();
    all.sort_unstable_by_key(|x| x.0);
    *c = all.into_boxed_slice();
    norm2
}

const SWEEP_EVERY: usize = 256;
/// A story id (the seq of its first item) as stored in the postings. A run of more than 2³² items
/// is far beyond the memory the window allows on any machine this targets; it stops with a
/// message rather than mixing stories up.
fn story_id32(sid: usize) -> u32 {
    // u32::MAX itself marks a free slot in `SharedKeys`.
    u32::try_from(sid)
        .ok()
        .filter(|&s| s != u32::MAX)
        .expect("more than 4,294,967,294 items in one clustering run")
}

/// Stories read per blocking key, most recent first: a key shared by more open stories than this is
/// a common word in the window, and the rarer keys of the item find its story.
const POSTINGS_SCANNED: usize = 64;
/// Stories scored as merge partners of a changed story (those sharing most keys).
const MERGE_CANDIDATES: usize = 8;

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

    fn compatible(&self, story: &Open<T>, time: Option<i64>) -> bool {
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
                    story.last_seq = p.seq;
                    if let Some(t) = p.time {
                        story.last_time = Some(story.last_time.map_or(t, |l| l.max(t)));
                    }
                    push_member(
                        &mut story.members,
                        Member {
                            seq: p.seq,
                            syndicated_of: Some(root),
                            payload: p.payload,
                        },
                    );
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
        story.last_seq = p.seq;
        story.items += 1;
        story.words += p.words;
        if let Some(t) = p.time {
            story.last_time = Some(story.last_time.map_or(t, |l| l.max(t)));
        }
        push_member(
            &mut story.members,
            Member {
                seq: p.seq,
                syndicated_of: None,
                payload: p.payload,
            },
        );
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

    /// Merge stories changed since the last sweep with an open story whose centroid is close
    /// (`merge-threshold`): fragments of one story, started before its vocabulary was known, become
    /// one. Centroid to centroid, so one borderline item cannot chain two stories.
    fn merge_dirty(&mut self) {
        let mut dirty = std::mem::take(&mut self.dirty);
        dirty.sort_unstable();
        dirty.dedup();
        let short_words = self.cfg.clusters.short_words;
        // The weights of the probe's terms in a candidate centroid (in probe order).
        let mut found: Vec<f32> = Vec::new();
        for id in dirty {
            if !self.open.contains_key(&id) {
                continue;
            }
            // The probe is the centroid's `max-terms` heaviest terms (weights over the full norm):
            // a lower bound of the cosine, at a fraction of the cost of all centroid terms.
            let mut by_weight = std::mem::take(&mut self.probe_buf);
            by_weight.clear();
            {
                let s = &self.open[&id];
                let norm = s.norm2.sqrt().max(f32::MIN_POSITIVE);
                by_weight.extend(s.centroid.iter().map(|(t, w)| (*t, *w / norm)));
            }
            let probe_terms = self.cfg.features.max_terms.min(by_weight.len());
            if probe_terms > 0 && by_weight.len() > probe_terms {
                by_weight.select_nth_unstable_by(probe_terms - 1, |a, b| {
                    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
                });
                by_weight.truncate(probe_terms);
            }
            by_weight.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let cv = &by_weight;
            self.table.fill(cv);
            let mut shared = std::mem::take(&mut self.shared_buf);
            for (k, _) in by_weight.iter().take(self.cfg.clusters.block_keys) {
                if let Some(list) = self.postings.get(&u64::from(*k)) {
                    for &sid in list.iter().rev().take(POSTINGS_SCANNED) {
                        if sid as usize != id {
                            shared.add(sid);
                        }
                    }
                }
            }
            // Fragments of one story share several of their heaviest terms: one shared key is not
            // enough to try a merge (it is for an item joining a story).
            let mut cands = std::mem::take(&mut self.cands_buf);
            cands.clear();
            shared.drain_into(&mut cands, 2);
            self.shared_buf = shared;
            top_candidates(&mut cands, MERGE_CANDIDATES);
            let this_time = self.open[&id].last_time;
            let this_short = self.open[&id].short(short_words);
            let mut best: Option<(f32, usize)> = None;
            for &(sid, _) in &cands {
                let Some(other) = self.open.get(&sid) else {
                    continue;
                };
                if !self.compatible(other, this_time) {
                    continue;
                }
                let threshold = if this_short && other.short(short_words) {
                    self.cfg.clusters.short_merge_threshold
                } else {
                    self.cfg.clusters.merge_threshold
                };
                let norm = other.norm2.sqrt().max(f32::MIN_POSITIVE);
                // Each probe term's weight in the other centroid (0 when absent), then summed in
                // the probe's order.
                self.table.weights_in(&other.centroid, &mut found);
                let sim: f32 = cv.iter().zip(&found).map(|((_, w), o)| o * w).sum::<f32>() / norm;
                if sim >= threshold && best.is_none_or(|(b, _)| sim > b) {
                    best = Some((sim, sid));
                }
            }
            self.probe_buf = by_weight;
            self.cands_buf = cands;
            if let Some((_, sid)) = best {
                let (keep, gone) = (sid.min(id), sid.max(id));
                self.merge(keep, gone);
            }
        }
    }

    /// Move story `gone` into story `keep`.
    fn merge(&mut self, keep: usize, gone: usize) {
        let Some(mut g) = self.open.remove(&gone) else {
            return;
        };
        g.keep_first_vector();
        let centroid_terms = self.cfg.features.centroid_terms;
        let members_checked = self.cfg.clusters.members_checked;
        for m in &g.members {
            self.item_story.insert(m.seq, keep);
        }
        let keys: Vec<u64> = g.centroid.iter().map(|x| u64::from(x.0)).collect();
        let Some(k) = self.open.get_mut(&keep) else {
            return;
        };
        k.keep_first_vector();
        // Add the two sorted centroids term by term.
        let mut sum = Vec::with_capacity(k.centroid.len() + g.centroid.len());
        let (a, b) = (&k.centroid, &g.centroid);
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            if j == b.len() || (i < a.len() && a[i].0 < b[j].0) {
                sum.push(a[i]);
                i += 1;
            } else if i == a.len() || b[j].0 < a[i].0 {
                sum.push(b[j]);
                j += 1;
            } else {
                sum.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
        k.centroid = sum.into_boxed_slice();
        if k.centroid.len() > centroid_terms * 2 {
            trim_centroid(&mut k.centroid, centroid_terms);
        }
        k.norm2 = k.centroid.iter().map(|x| x.1 * x.1).sum();
        for v in g.recent {
            push_recent(&mut k.recent, v, members_checked);
        }
        k.members.reserve_exact(g.members.len());
        k.members.extend(g.members);
        k.members.sort_by_key(|m| m.seq);
        k.last_seq = k.last_seq.max(g.last_seq);
        k.items += g.items;
        k.words += g.words;
        k.last_time = match (k.last_time, g.last_time) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let (keep32, gone32) = (story_id32(keep), story_id32(gone));
        for t in keys {
            if let Some(list) = self.postings.get_mut(&t) {
                for sid in list.iter_mut() {
                    if *sid == gone32 {
                        *sid = keep32;
                    }
                }
                list.dedup();
            }
        }
        self.stats.stories -= 1;
        self.stats.merged += 1;
        self.dirty.push(keep);
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
    fn a_term_table_finds_what_a_walk_of_sorted_lists_finds() {
        use crate::audit::features::dot;
        // Terms with equal low bits collide in the table (and the probe wraps past its end).
        let c: Vec<(u32, f32)> = (0..200u32).map(|t| (t * 3, t as f32 + 0.5)).collect();
        let mut probe: Vec<(u32, f32)> = [599, 0, 4, 3, 300, 301, 597, 1000, 42, 1023, 2047, 3071]
            .iter()
            .enumerate()
            .map(|(i, t)| (*t, 0.25 * (i + 1) as f32))
            .collect();
        let mut table = TermTable::default();
        table.fill(&probe);
        let mut found = Vec::new();
        table.weights_in(&c, &mut found);
        let lookup = |t: u32| c.binary_search_by_key(&t, |x| x.0).map_or(0.0, |i| c[i].1);
        let want: Vec<f32> = probe.iter().map(|(t, _)| lookup(*t)).collect();
        assert_eq!(found, want);
        assert!(found[1] == 0.5 && found[4] == 100.5 && found[7] == 0.0 && found[10] == 0.0);
        probe.sort_unstable_by_key(|x| x.0);
        table.fill(&probe);
        assert_eq!(table.dot(&c).to_bits(), dot(&probe, &c).to_bits());
        assert!(table.dot(&c) > 0.0);
        // Refilled, it forgets the terms it held.
        table.fill(&[(5, 1.0)]);
        assert_eq!(table.dot(&c), 0.0);
        table.weights_in(&c, &mut found);
        assert_eq!(found, vec![0.0]);
        table.fill(&[(6, 1.0)]);
        assert_eq!(table.dot(&c), 2.5);
    }

    #[test]
    fn shared_keys_count_as_a_hash_map_does_across_growth_and_reuse() {
        let mut shared = SharedKeys::default();
        let mut out = Vec::new();
        // Three rounds on one table: the second grows it past its first size (ids colliding in
        // the low bits and the high ones), the third reuses it after the drain.
        for (round, n) in [(0u32, 300u32), (1, 5000), (2, 700)] {
            let mut want: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
            for k in 0..n {
                let sid = match k % 3 {
                    0 => k * 1024,
                    1 => k % 97 + round,
                    _ => u32::MAX - 1 - k,
                };
                shared.add(sid);
                *want.entry(sid).or_default() += 1;
            }
            for min in [1, 2] {
                let mut probe = SharedKeys::default();
                for (&sid, &c) in &want {
                    for _ in 0..c {
                        probe.add(sid);
                    }
                }
                out.clear();
                probe.drain_into(&mut out, min);
                out.sort_unstable();
                let mut expected: Vec<(usize, u32)> = want
                    .iter()
                    .filter(|x| *x.1 >= min)
                    .map(|(&s, &c)| (s as usize, c))
                    .collect();
                expected.sort_unstable();
                assert_eq!(out, expected, "round {round}, at least {min}");
            }
            out.clear();
            shared.drain_into(&mut out, 1);
            assert_eq!(out.len(), want.len(), "round {round}");
            assert!(shared.n == 0 && shared.ids.iter().all(|&i| i == SharedKeys::EMPTY));
            assert!(shared.counts.iter().all(|&c| c == 0));
        }
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

    #[test]
    fn recent_vectors_stay_within_their_bound_and_start_from_the_centroid() {
        let v = |t: u32| -> Box<[(u32, f32)]> { vec![(t, 1.0)].into_boxed_slice() };
        let mut recent = VecDeque::new();
        for t in 0..20 {
            push_recent(&mut recent, v(t), 8);
            assert!(
                recent.len() <= 8 && recent.capacity() <= 8,
                "{}",
                recent.capacity()
            );
        }
        let kept: Vec<u32> = recent.iter().map(|r| r[0].0).collect();
        assert_eq!(
            kept,
            (12..20).collect::<Vec<_>>(),
            "the latest eight, oldest first"
        );
        let mut members: Vec<Member<()>> = Vec::new();
        push_member(
            &mut members,
            Member {
                seq: 0,
                syndicated_of: None,
                payload: (),
            },
        );
        assert_eq!(members.capacity(), 1, "a story of one item holds one slot");
        for seq in 1..100 {
            push_member(
                &mut members,
                Member {
                    seq,
                    syndicated_of: None,
                    payload: (),
                },
            );
            assert!(
                members.capacity() <= members.len() * 2,
                "grown by half, not doubled"
            );
        }
        // A story of one item checks its centroid; a second item stores the first one's vector.
        let mut story: Open<()> = Open {
            id: 0,
            centroid: vec![(3, 0.6), (9, 0.8)].into_boxed_slice(),
            norm2: 1.0,
            recent: VecDeque::new(),
            last_time: None,
            last_seq: 0,
            items: 1,
            words: 0,
            members: Vec::new(),
        };
        assert_eq!(
            story.recent().collect::<Vec<_>>(),
            vec![&story.centroid[..]]
        );
        let first = story.centroid.clone();
        story.keep_first_vector();
        story.centroid = vec![(3, 1.6), (9, 0.8)].into_boxed_slice();
        story.items = 2;
        assert_eq!(story.recent().collect::<Vec<_>>(), vec![&first[..]]);
    }
}
