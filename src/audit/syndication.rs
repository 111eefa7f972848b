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

use super::SyndicationConfig;
use crate::text::hash::{mix, word_hash, word_hash_lower_ascii};

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
            words.extend(super::features::ascii_words(part).map(|(w, _)| word_hash_lower_ascii(w)));
        }
    } else {
        let mut full = String::with_capacity(title.len() + text.len() + 1);
        full.push_str(title);
        full.push(' ');
        full.push_str(text);
        words.extend(full.unicode_words().map(|w| word_hash(&w.to_lowercase())));
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
        // The word hashes are already mixed: each is rotated by its place in the shingle (so that
        // order counts) and the combination mixed once.
        let mut h = 0x9e37_79b9_7f4a_7c15u64;
        for (i, w) in sh.iter().enumerate() {
            h ^= w.rotate_left((21 * i) as u32);
        }
        let h = mix(h);
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

/// A signature as stored in the index: each MinHash value cut to its top 8 bits (b-bit MinHash,
/// Li & König 2010: two different values then agree by chance once in 256 bins, which
/// [`Index::similarity`] corrects for), or the 64-bit hash of a short text in the first eight.
#[derive(Clone, Copy)]
enum SigView<'a> {
    MinHash(&'a [u8]),
    Exact(u64),
}

/// The stored form of a signature ([`SigView`]), written into `out` (`BINS` values).
fn stored(sig: &Signature, out: &mut [u8]) {
    match sig {
        Signature::MinHash(b) => {
            for (o, v) in out.iter_mut().zip(b.iter()) {
                *o = (v >> 24) as u8;
            }
        }
        Signature::Exact(h) => {
            out.fill(0);
            for (i, o) in out.iter_mut().take(8).enumerate() {
                *o = (h >> (8 * i)) as u8;
            }
        }
    }
}

/// Items per storage chunk.
const CHUNK: usize = 1024;
/// The top bit of [`Meta::root`]: the signature is the hash of a short text.
const EXACT: u64 = 1 << 63;

/// Time and syndication root of an indexed item.
#[derive(Debug, Clone, Copy)]
struct Meta {
    time: Option<i64>,
    /// The seq of the first item of its syndication group, with [`EXACT`] set for a short text.
    root: u64,
}

/// The index's items, [`CHUNK`] at a time in fixed arrays (no allocation per item, no table that
/// doubles: a chunk is freed when its last item leaves the window). Per item: time and root, the
/// stored signature ([`BINS`] 8-bit values), and its links: per band how many positions back the
/// previous item with the same band key is (`NONE`: none) — the buckets are these chains, newest
/// first, so that no bucket holds a list — then the position of the last item whose lookup met
/// it (so that an item met in several bands is compared once, with no set to fill). About 140
/// bytes an item, against 370 as one allocation each; a lookup reads a candidate's links and
/// signature, and its time and root only when it matches.
#[derive(Debug)]
struct Chunk {
    meta: Vec<Meta>,
    sig: Vec<u8>,
    links: Vec<u32>,
}

impl Chunk {
    fn new(bands: usize) -> Chunk {
        Chunk {
            meta: Vec::with_capacity(CHUNK),
            sig: Vec::with_capacity(CHUNK * BINS),
            links: Vec::with_capacity(CHUNK * (bands + 1)),
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
/// Items of one bucket verified at most (the most recent ones). A copy is nearly always among the
/// last few items of its band (wire copies come within hours); on templated text a 3-value band is
/// shared by long runs of unrelated items, and walking them cost 10 % of the clustering time. 16
/// and 64 give the same copies on ECB+, BASIL, UCI and the synthetic 100k feed.
const BUCKET_SCANNED: usize = 16;

/// The windowed LSH index of recent items.
#[derive(Debug)]
pub struct Index {
    cfg: SyndicationConfig,
    /// Band key → position of the newest item with it.
    buckets: Buckets,
    chunks: VecDeque<Chunk>,
    /// Position (insertion count) of the first indexed item, and of the next one.
    first_pos: usize,
    end_pos: usize,
    keys: Vec<u64>,
    prev_buf: Vec<u32>,
    sig_buf: Vec<u8>,
}

impl Index {
    pub fn new(cfg: SyndicationConfig) -> Index {
        Index {
            cfg,
            buckets: Buckets::default(),
            chunks: VecDeque::new(),
            first_pos: 0,
            end_pos: 0,
            keys: Vec::new(),
            prev_buf: Vec::new(),
            sig_buf: Vec::new(),
        }
    }

    /// The chunk and the place in it of the item at position `p` (an indexed one).
    fn locate(&self, p: usize) -> (&Chunk, usize) {
        let first_chunk = self.first_pos / CHUNK;
        (&self.chunks[p / CHUNK - first_chunk], p % CHUNK)
    }

    fn meta(&self, p: usize) -> Meta {
        let (c, i) = self.locate(p);
        c.meta[i]
    }

    fn view(&self, p: usize) -> SigView<'_> {
        let (c, i) = self.locate(p);
        let sig = &c.sig[i * BINS..(i + 1) * BINS];
        if c.meta[i].root & EXACT != 0 {
            SigView::Exact(
                sig[..8]
                    .iter()
                    .rev()
                    .fold(0, |h, v| (h << 8) | u64::from(*v)),
            )
        } else {
            SigView::MinHash(sig)
        }
    }

    /// The estimated Jaccard similarity of a stored signature with a query (exact hashes: 1 or 0).
    /// With 8-bit values a share `m` of equal bins holds `(1 - J) / 256` chance agreements, so
    /// `J = (m - 1/256) / (1 - 1/256)` (Li & König 2010). The stored signature's kind is not
    /// known here: the caller checks it when the similarity reaches the threshold.
    fn similarity(stored: &[u8], query: SigView<'_>) -> f32 {
        const CHANCE: f32 = 1.0 / 256.0;
        match query {
            SigView::MinHash(q) => {
                let m = stored.iter().zip(q).filter(|(x, y)| x == y).count() as f32 / BINS as f32;
                ((m - CHANCE) / (1.0 - CHANCE)).max(0.0)
            }
            SigView::Exact(h) => f32::from(u8::from(stored[..8] == h.to_le_bytes())),
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
        self.end_pos - self.first_pos
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Find the syndication root of an item whose copy is indexed (verified by `threshold`), then
    /// index the item. Returns the root's seq when the item is a copy.
    pub fn insert(&mut self, seq: usize, time: Option<i64>, sig: Signature) -> Option<usize> {
        let mut keys = std::mem::take(&mut self.keys);
        let mut sig_buf = std::mem::take(&mut self.sig_buf);
        sig_buf.clear();
        sig_buf.resize(BINS, 0);
        stored(&sig, &mut sig_buf);
        let exact = matches!(sig, Signature::Exact(_));
        let view = match sig {
            Signature::MinHash(_) => SigView::MinHash(&sig_buf),
            Signature::Exact(h) => SigView::Exact(h),
        };
        Self::band_keys(&self.cfg, view, &mut keys);
        let here = self.end_pos;
        let mut best: Option<(f32, u64)> = None;
        let mut prev = std::mem::take(&mut self.prev_buf);
        prev.clear();
        let stride = self.cfg.bands + 1;
        let first_chunk = self.first_pos / CHUNK;
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
                let c = &mut self.chunks[p / CHUNK - first_chunk];
                let i = p % CHUNK;
                let links = &mut c.links[i * stride..(i + 1) * stride];
                let next = links[band];
                // The same item met in an earlier band gives the same similarity: compared once.
                if links[stride - 1] != here as u32 {
                    links[stride - 1] = here as u32;
                    let sim = Self::similarity(&c.sig[i * BINS..(i + 1) * BINS], view);
                    if sim >= self.cfg.threshold && best.is_none_or(|(b, _)| sim > b) {
                        let m = c.meta[i];
                        if (m.root & EXACT != 0) == exact {
                            best = Some((sim, m.root & !EXACT));
                        }
                    }
                }
                cur = (next != NONE).then(|| p - next as usize);
            }
        }
        // Exact signatures have one key; the other bands' chains are empty. Then the item's own
        // position as the last lookup that met it (it is never its own candidate).
        prev.resize(self.cfg.bands, NONE);
        prev.push(here as u32);
        let root = best.map(|(_, r)| r as usize);
        if here.is_multiple_of(CHUNK) || self.chunks.is_empty() {
            self.chunks.push_back(Chunk::new(self.cfg.bands));
        }
        let chunk = self.chunks.back_mut().expect("a chunk is open");
        let root_seq = root.unwrap_or(seq) as u64;
        chunk.meta.push(Meta {
            time,
            root: root_seq | if exact { EXACT } else { 0 },
        });
        chunk.sig.extend_from_slice(&sig_buf);
        chunk.links.extend_from_slice(&prev);
        self.end_pos += 1;
        self.keys = keys;
        self.prev_buf = prev;
        self.sig_buf = sig_buf;
        root
    }

    /// Forget items older than `cutoff` (by time; undated ones by count beyond `max_items`).
    pub fn evict(&mut self, cutoff: Option<i64>, max_items: usize) {
        let mut keys = std::mem::take(&mut self.keys);
        while self.first_pos < self.end_pos {
            let front = self.meta(self.first_pos);
            let old = match (cutoff, front.time) {
                (Some(c), Some(t)) => t < c,
                _ => false,
            };
            if !old && self.len() <= max_items {
                break;
            }
            Self::band_keys(&self.cfg, self.view(self.first_pos), &mut keys);
            for k in &keys {
                let key = (*k >> 32) as u32;
                if self.buckets.get(&key) == Some(&(self.first_pos as u32)) {
                    self.buckets.remove(&key);
                }
            }
            self.first_pos += 1;
            // A chunk whose items have all left is freed (the last one stays while items come).
            if self.first_pos.is_multiple_of(CHUNK) && self.first_pos < self.end_pos {
                self.chunks.pop_front();
            }
        }
        if self.first_pos == self.end_pos && self.first_pos.is_multiple_of(CHUNK) {
            self.chunks.clear();
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
        assert_eq!(word_hash_lower_ascii("RaLLy"), word_hash("rally"));
    }

    #[test]
    fn items_stay_findable_across_chunks_and_left_chunks_are_freed() {
        let cfg = ClusterConfig::builtin().unwrap().syndication;
        let mut idx = Index::new(cfg.clone());
        // Texts of 30 words drawn from 40 by a generator seeded with the item: unrelated items.
        let text = |i: usize| {
            let mut x = i as u64 + 1;
            (0..30)
                .map(|_| {
                    x = mix(x);
                    format!("w{}", x % 40)
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let n = 3 * CHUNK + 10;
        for i in 0..n {
            assert_eq!(
                idx.insert(i, Some(i as i64), signature(&text(i), &cfg)),
                None
            );
        }
        assert_eq!(idx.chunks.len(), 4);
        // A copy of an item in the first chunk and one in the last.
        assert_eq!(
            idx.insert(n, Some(n as i64), signature(&text(5), &cfg)),
            Some(5)
        );
        let last = n - 3;
        let copy = signature(&text(last), &cfg);
        assert_eq!(idx.insert(n + 1, Some(n as i64), copy.clone()), Some(last));
        // Evicting past two chunk boundaries frees both chunks; the rest is still found.
        idx.evict(Some((2 * CHUNK + 3) as i64), usize::MAX);
        assert_eq!(idx.len(), n + 2 - (2 * CHUNK + 3));
        assert_eq!(idx.chunks.len(), 2);
        assert_eq!(idx.insert(n + 2, Some(n as i64), copy), Some(last));
        assert_eq!(
            idx.insert(n + 3, Some(n as i64), signature(&text(5), &cfg)),
            Some(5),
            "item 5 left; its copy (item n) is still found, and keeps root 5"
        );
        // Emptied at a chunk boundary, then filled again.
        idx.evict(Some(i64::MAX), usize::MAX);
        assert!(idx.is_empty());
        assert_eq!(idx.insert(n + 4, Some(0), signature(&text(7), &cfg)), None);
        assert_eq!(
            idx.insert(n + 5, Some(0), signature(&text(7), &cfg)),
            Some(n + 4)
        );
        // Short texts keep their exact hash.
        let s1 = signature("Markets rally", &cfg);
        assert_eq!(idx.insert(n + 6, Some(0), s1.clone()), None);
        assert_eq!(idx.insert(n + 7, Some(0), s1), Some(n + 6));
    }
}
