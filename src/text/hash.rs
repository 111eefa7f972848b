//! Hashing: the fast map for index keys, and the stable word and term hashes of the feed audit.
//!
//! *What*: [`IndexMap`] (a hash map for integer keys with a cheap deterministic hasher, on the hot
//! path of alignment and clustering); [`hash_str`], [`word_hash`] and [`word_hash_lower_ascii`]:
//! 64-bit hashes stable across runs and platforms, so that a term or a shingle has the same key in
//! every run. *Not*: cryptographic, and not resistant to adversarial collisions (keys are hashed
//! words and indices, never used for security).

use std::collections::HashMap;

/// A fast, deterministic hasher for integer keys (pairs of sentence indices): the pair maps are on
/// the hot path of alignment, where the default SipHash cost a tenth of the time.
#[derive(Debug, Default, Clone, Copy)]
pub struct IndexHasher(u64);

impl std::hash::Hasher for IndexHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map keyed by indices, with [`IndexHasher`].
pub type IndexMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<IndexHasher>>;

/// 64-bit FNV-1a with a final mix: stable across runs and platforms (no random seed). The hash of
/// a term (a stem or a figure); its top bits are the term's id (`audit::features::term_id`).
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// The key of a word as written (the word cache's key, and a shingle's word for syndication): a
/// 64-bit hash of its bytes, stable across runs and platforms, eight bytes at a time (the last
/// ones zero-padded, the length in the seed), each multiplied in, then [`mix`]. A byte-at-a-time
/// hash such as [`hash_str`] waits for one multiplication per byte; this one for one per eight,
/// which matters for the hundreds of words of every feed item.
pub fn word_hash(s: &str) -> u64 {
    hash_bytes::<false>(s.as_bytes())
}

/// [`word_hash`] of the lower-cased ASCII word, without allocating: `word_hash_lower_ascii(w) ==
/// word_hash(&w.to_ascii_lowercase())`.
pub fn word_hash_lower_ascii(w: &str) -> u64 {
    hash_bytes::<true>(w.as_bytes())
}

#[inline]
fn hash_bytes<const LOWER: bool>(b: &[u8]) -> u64 {
    const K: u64 = 0x9fb2_1c65_1e98_df25;
    let step = |h: u64, x: u64| {
        let x = if LOWER { lower_ascii8(x) } else { x };
        let h = (h ^ x).wrapping_mul(K);
        h ^ (h >> 29)
    };
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ (b.len() as u64).wrapping_mul(K);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        h = step(h, u64::from_le_bytes(c.try_into().expect("eight bytes")));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut x = 0u64;
        for (i, &c) in rest.iter().enumerate() {
            x |= u64::from(c) << (8 * i);
        }
        h = step(h, x);
    }
    mix(h)
}

/// The eight bytes of `x` with ASCII capitals (and only they) lower-cased, without a branch: a
/// byte gets 0x20 when it is below 0x80, at least `A` and at most `Z`.
#[inline]
fn lower_ascii8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = x & !HIGH;
    // High bit of each byte: its low seven bits are at least 'A' (0x41), then above 'Z' (0x5a).
    let at_least_a = low7 + ONES * (0x80 - 0x41);
    let above_z = low7 + ONES * (0x80 - 0x5b);
    let capital = at_least_a & !above_z & !x & HIGH;
    x | (capital >> 2)
}

/// splitmix64 finaliser.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
