//! Syndication: the same wire text under several publishers.
//!
//! *What it measures*: near-duplicate items. Each item's normalised words (title + text) are cut
//! into `shingle-words`-word shingles; a MinHash signature of [`BINS`] values is computed by
//! one-permutation hashing (Li, Owen & Zhang 2012: one hash per shingle, the minimum per bin, empty
//! bins filled from the next non-empty one — "densification", Shrivastava & Li 2014); the signature
//! is cut into `bands` × `rows` for LSH, and an item whose band matches an earlier item's is
//! verified by the share of equal signature values (an estimate of the Jaccard similarity of the
//! shingle sets) against `threshold`. Items shorter than `min-words` are matched on their exact
//! normalised text.
//!
//! *Why*: wire copy republished under many mastheads is one report, not independent corroboration;
//! the audit counts it once and lists it in the syndication map.
//!
//! *Why not a crate*: `gaoya` (MinHash/LSH) keeps its index for the whole stream and hashes every
//! shingle once per permutation (64–128 hashes per shingle); the audit needs an index that forgets
//! items outside the time window and one hash per shingle to reach its throughput target. The
//! algorithm is short enough to keep here, with its tests.
//!
//! *Limitations*: a rewritten wire story (new lede, same body) can fall under the threshold; two
//! short items with the same headline are treated as one text.

use std::collections::VecDeque;

use unicode_segmentation::UnicodeSegmentation;

use super::features::{hash_lower_ascii, hash_str, mix};
use super::SyndicationConfig;
use crate::align::IndexHasher;

/// MinHash signature length.
pub const BINS: usize = 64;

/// A MinHash signature, or the hash of a short text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signature {
    MinHash(Box<[u32; BINS]>),
    Exact(u64),
}

impl Signature {
    /// Estimated Jaccard similarity (share of equal bins); exact texts are 1 or 0.
    pub fn similarity(&self, other: &Signature) -> f32 {
        match (self, other) {
            (Signature::MinHash(a), Signature::MinHash(b)) => {
                a.iter().zip(b.iter()).filter(|(x, y)| x == y).count() as f32 / BINS as f32
            }
            (Signature::Exact(a), Signature::Exact(b)) => f32::from(u8::from(a == b)),
            _ => 0.0,
        }
    }
}

/// The signature of a text (title + body).
pub fn signature(text: &str, cfg: &SyndicationConfig) -> Signature {
    signature_of(text, "", cfg, &mut Vec::new())
}

/// The signature of `title` and `text` joined by a space, with a reused word buffer (no copy of
/// the text when both are ASCII: the words of the joined text are those of each part).
pub fn signature_of(
    title: &str,
    text: &str,
    cfg: &SyndicationConfig,
    words: &mut Vec<u64>,
) -> Signature {
    words.clear();
    if title.is_ascii() && text.is_ascii() {
        for part in [title, text] {
            words.extend(super::features::ascii_words(part).map(|(w, _)| hash_lower_ascii(w)));
        }
    } else {
        let mut full = String::with_capacity(title.len() + text.len() + 1);
        full.push_str(title);
        full.push(' ');
        full.push_str(text);
        words.extend(full.unicode_words().map(|w| hash_str(&w.to_lowercase())));
    }
    let words = &words[..];
    if words.len() < cfg.min_words.max(cfg.shingle_words) {
        let mut h = 0u64;
        for w in words {
            h = mix(h ^ w);
        }
        return Signature::Exact(h);
    }
    let mut bins = [u32::MAX; BINS];
    let mut filled = [false; BINS];
    for sh in words.windows(cfg.shingle_words) {
        let mut h = 0x9e37_79b9_7f4a_7c15u64;
        for w in sh {
            h = mix(h ^ w);
        }
        let bin = (h % BINS as u64) as usize;
        let v = (h >> 32) as u32;
        // Without a branch (unpredictable here): an empty bin holds u32::MAX, at least any value.
        bins[bin] = bins[bin].min(v);
        filled[bin] = true;
    }
    // Densification: an empty bin takes the value of the next filled bin (circularly), mixed with
    // the distance so that two empty bins borrowing from one source differ.
    for i in 0..BINS {
        if !filled[i] {
            for d in 1..BINS {
                let j = (i + d) % BINS;
                if filled[j] {
                    bins[i] =
                        (mix(u64::from(bins[j]) ^ (d as u64).wrapping_mul(0x9e37)) >> 32) as u32;
                    break;
                }
            }
        }
    }
    Signature::MinHash(Box::new(bins))
}

/// An item in the index.
#[derive(Debug)]
struct Entry {
    time: Option<i64>,
    /// The first item of its syndication group.
    root: usize,
    /// Whether the signature is the hash of a short text (else a MinHash).
    exact: bool,
    /// One allocation (one cache miss less per bucket item visited): the signature (its [`BINS`]
    /// values, or the two halves of the exact hash), then per band how many positions back the
    /// previous item with the same band key is (`NONE`: none). The buckets are these chains,
    /// newest first, so that no bucket holds a list.
    data: Box<[u32]>,
}

/// A signature as stored in an entry.
#[derive(Clone, Copy)]
enum SigView<'a> {
    MinHash(&'a [u32]),
    Exact(u64),
}

impl Entry {
    fn new(time: Option<i64>, root: usize, sig: &Signature, prev: &[u32]) -> Entry {
        let mut data = Vec::with_capacity(BINS + prev.len());
        let exact = match sig {
            Signature::MinHash(b) => {
                data.extend_from_slice(&b[..]);
                false
            }
            Signature::Exact(h) => {
                data.extend_from_slice(&[*h as u32, (*h >> 32) as u32]);
                true
            }
        };
        data.extend_from_slice(prev);
        Entry {
            time,
            root,
            exact,
            data: data.into_boxed_slice(),
        }
    }

    fn sig_len(&self) -> usize {
        if self.exact {
            2
        } else {
            BINS
        }
    }

    fn view(&self) -> SigView<'_> {
        if self.exact {
            SigView::Exact(u64::from(self.data[0]) | (u64::from(self.data[1]) << 32))
        } else {
            SigView::MinHash(&self.data[..BINS])
        }
    }

    fn prev(&self, band: usize) -> Option<u32> {
        self.data.get(self.sig_len() + band).copied()
    }

    /// [`Signature::similarity`] with the stored signature.
    fn similarity(&self, sig: &Signature) -> f32 {
        match (self.view(), sig) {
            (SigView::MinHash(a), Signature::MinHash(b)) => {
                a.iter().zip(b.iter()).filter(|(x, y)| x == y).count() as f32 / BINS as f32
            }
            (SigView::Exact(a), Signature::Exact(b)) => f32::from(u8::from(a == *b)),
            _ => 0.0,
        }
    }
}

const NONE: u32 = u32::MAX;

/// Hasher of the 32-bit band keys (already hashes: one multiply spreads them to the top bits, which
/// the table's tags use).
#[derive(Debug, Default, Clone, Copy)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ u64::from(n)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The band key of a bucket: the top 32 bits of the band's hash (a collision of two keys joins
/// their chains, which only adds candidates: every one is verified), and the position of the
/// newest item with it, modulo 2³² (the window holds fewer items): 8 bytes an entry, not 16.
type Buckets = std::collections::HashMap<u32, u32, std::hash::BuildHasherDefault<KeyHasher>>;
/// Items of one bucket verified at most (the most recent ones).
const BUCKET_SCANNED: usize = 64;

/// The windowed LSH index of recent items.
#[derive(Debug)]
pub struct Index {
    cfg: SyndicationConfig,
    /// Band key → position of the newest item with it.
    buckets: Buckets,
    entries: VecDeque<Entry>,
    /// Position (insertion count) of `entries[0]`.
    first_pos: usize,
    keys: Vec<u64>,
    prev_buf: Vec<u32>,
    /// Positions verified for the item being inserted (an item met in several bands is compared
    /// once).
    seen: std::collections::HashSet<usize, std::hash::BuildHasherDefault<IndexHasher>>,
}

impl Index {
    pub fn new(cfg: SyndicationConfig) -> Index {
        Index {
            cfg,
            buckets: Buckets::default(),
            entries: VecDeque::new(),
            first_pos: 0,
            keys: Vec::new(),
            prev_buf: Vec::new(),
            seen: Default::default(),
        }
    }

    fn band_keys(cfg: &SyndicationConfig, sig: SigView<'_>, out: &mut Vec<u64>) {
        out.clear();
        match sig {
            SigView::Exact(h) => out.push(h),
            SigView::MinHash(b) => out.extend((0..cfg.bands).map(|band| {
                let mut h = mix(band as u64 + 1);
                for v in &b[band * cfg.rows..(band + 1) * cfg.rows] {
                    h = mix(h ^ u64::from(*v));
                }
                h
            })),
        }
    }

    /// Items currently indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Find the syndication root of an item whose copy is indexed (verified by `threshold`), then
    /// index the item. Returns the root's seq when the item is a copy.
    pub fn insert(&mut self, seq: usize, time: Option<i64>, sig: Signature) -> Option<usize> {
        let mut keys = std::mem::take(&mut self.keys);
        let view = match &sig {
            Signature::MinHash(b) => SigView::MinHash(&b[..]),
            Signature::Exact(h) => SigView::Exact(*h),
        };
        Self::band_keys(&self.cfg, view, &mut keys);
        let here = self.first_pos + self.entries.len();
        let mut best: Option<(f32, usize)> = None;
        let mut prev = std::mem::take(&mut self.prev_buf);
        prev.clear();
        let mut seen = std::mem::take(&mut self.seen);
        seen.clear();
        for (band, k) in keys.iter().enumerate() {
            // Heads never point at evicted items (eviction removes them): the distance is at most
            // the window's length.
            let head = self
                .buckets
                .insert((*k >> 32) as u32, here as u32)
                .map(|h| here - (here as u32).wrapping_sub(h) as usize);
            prev.push(head.map_or(NONE, |h| u32::try_from(here - h).unwrap_or(NONE)));
            let mut cur = head;
            let mut scanned = 0;
            while let Some(p) = cur {
                if p < self.first_pos || scanned >= BUCKET_SCANNED {
                    break;
                }
                scanned += 1;
                let e = &self.entries[p - self.first_pos];
                // The same item met in an earlier band gives the same similarity: not kept then.
                if seen.insert(p) {
                    let sim = e.similarity(&sig);
                    if sim >= self.cfg.threshold && best.is_none_or(|(b, _)| sim > b) {
                        best = Some((sim, e.root));
                    }
                }
                cur = match e.prev(band) {
                    Some(d) if d != NONE => Some(p - d as usize),
                    _ => None,
                };
            }
        }
        self.keys = keys;
        self.seen = seen;
        let root = best.map(|(_, r)| r);
        self.entries
            .push_back(Entry::new(time, root.unwrap_or(seq), &sig, &prev));
        self.prev_buf = prev;
        root
    }

    /// Forget items older than `cutoff` (by time; undated ones by count beyond `max_items`).
    pub fn evict(&mut self, cutoff: Option<i64>, max_items: usize) {
        let mut keys = std::mem::take(&mut self.keys);
        while let Some(front) = self.entries.front() {
            let old = match (cutoff, front.time) {
                (Some(c), Some(t)) => t < c,
                _ => false,
            };
            if !old && self.entries.len() <= max_items {
                break;
            }
            let e = self.entries.pop_front().expect("front exists");
            Self::band_keys(&self.cfg, e.view(), &mut keys);
            for k in &keys {
                let key = (*k >> 32) as u32;
                if self.buckets.get(&key) == Some(&(self.first_pos as u32)) {
                    self.buckets.remove(&key);
                }
            }
            self.first_pos += 1;
        }
        if self.buckets.capacity() > 4 * self.buckets.len().max(1024) {
            self.buckets.shrink_to_fit();
        }
        self.keys = keys;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::ClusterConfig;

    const WIRE: &str =
        "The regional parliament approved the budget on Tuesday after a debate that \
        lasted eleven hours, with 54 votes in favour and 41 against, the speaker's office said in \
        a statement released late in the evening.";

    #[test]
    fn copies_are_found_and_different_texts_are_not() {
        let cfg = ClusterConfig::builtin().unwrap().syndication;
        let a = signature(WIRE, &cfg);
        let copy = signature(&format!("{WIRE} Reporting by staff."), &cfg);
        let other = signature(
            "Flooding closed the coastal road for a second day on Tuesday as crews worked to \
             clear debris and residents of three villages were told to stay indoors until noon.",
            &cfg,
        );
        assert!(a.similarity(&copy) >= 0.8, "{}", a.similarity(&copy));
        assert!(a.similarity(&other) < 0.2, "{}", a.similarity(&other));
        let mut idx = Index::new(cfg.clone());
        assert_eq!(idx.insert(1, Some(100), a), None);
        assert_eq!(idx.insert(2, Some(110), other), None);
        assert_eq!(idx.insert(3, Some(120), copy.clone()), Some(1));
        idx.evict(Some(115), usize::MAX);
        assert_eq!(idx.len(), 1);
        assert_eq!(
            idx.insert(4, Some(130), copy),
            Some(1),
            "item 3 keeps root 1"
        );
        // Short texts: exact match on normalised words.
        let s1 = signature("Markets rally", &cfg);
        assert_eq!(s1, signature("markets RALLY!", &cfg));
        assert_ne!(s1, signature("Markets fall", &cfg));
        assert_eq!(hash_lower_ascii("RaLLy"), hash_str("rally"));
    }
}
