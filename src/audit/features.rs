//! The term vector of a feed item, for story clustering.
//!
//! *What it measures*: the title (counted `title-weight` times) and the first `lede-words` words of
//! the text, as stemmed content words (the project's stop words and Snowball stems); capitalised
//! words inside a sentence (names) and figures weigh more. Weights are `(1 + ln tf) · idf`, with the
//! document frequencies counted as the items stream in; the `max-terms` heaviest terms are kept and
//! the vector is L2-normalised. Terms are 64-bit hashes of the stems while counting; a vector keeps
//! their top 32 bits ([`term_id`]), which sort in the same order (half the memory per term).
//!
//! *Why*: same-event reports share names, figures and rare words more than anything else; the lede
//! states the event, and a bounded prefix keeps the cost per item bounded.
//!
//! *Limitations*: lexical only (a report in other words is missed); a rare term early in a feed has
//! an unreliable IDF (the clusterer holds back the first `warmup` items for that reason); the
//! document-frequency table grows with the vocabulary (sublinear in the feed length).

use unicode_segmentation::UnicodeSegmentation;

use super::FeatureConfig;
use crate::text::hash::{hash_str, word_hash, word_hash_lower_ascii};
use crate::text::stem::stem;
use crate::text::IndexMap;

/// A sparse, L2-normalised vector sorted by term.
pub type Vector = Vec<(u32, f32)>;

/// The 32-bit term of a 64-bit term hash: its top bits, so that sorting by either gives the same
/// order (two terms of a window's vocabulary share their top 32 bits with a chance of about
/// V² / 2³³: well under one collision for V = 50,000 terms).
pub fn term_id(h: u64) -> u32 {
    (h >> 32) as u32
}

/// Cosine of two normalised sorted vectors (the clusterer uses [`TermTable::dot`], which gives the
/// same sum; this walk is its reference in the tests).
pub fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    // Without a branch on the comparison (the terms interleave unpredictably): both sides advance
    // on a match, and an unmatched step adds 0.0, which leaves the sum as it was.
    let (mut i, mut j, mut s) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        s += if x.0 == y.0 { x.1 * y.1 } else { 0.0 };
        i += usize::from(x.0 <= y.0);
        j += usize::from(y.0 <= x.0);
    }
    s
}

/// The terms of one short vector in an open-addressing table, to take its dot product with many
/// other vectors by one pass over each (a lookup per term of the other, with no loop-carried
/// comparison as in a walk of two sorted lists). Matches are met in the other vector's term order,
/// so a sum over them equals [`dot`]'s bit for bit.
#[derive(Debug, Default)]
pub struct TermTable {
    /// Per slot: the term, and its place in the vector the table was filled from (`EMPTY` for a
    /// free slot), side by side (one cache line read per lookup).
    slots: Vec<(u32, u32)>,
    /// Weight of the term; 0.0 for a free slot.
    weights: Vec<f32>,
    used: Vec<usize>,
    mask: usize,
}

impl TermTable {
    const EMPTY: u32 = u32::MAX;

    /// Fill the table with the terms of `v` (distinct terms), forgetting what it held.
    pub fn fill(&mut self, v: &[(u32, f32)]) {
        // At most one slot in sixteen used: nearly every absent term ends at its first slot.
        let size = (v.len() * 16).next_power_of_two().max(1024);
        if size != self.slots.len() {
            self.slots = vec![(0, Self::EMPTY); size];
            self.weights = vec![0.0; size];
            self.used.clear();
            self.mask = size - 1;
        } else {
            for &i in &self.used {
                self.slots[i] = (0, Self::EMPTY);
                self.weights[i] = 0.0;
            }
            self.used.clear();
        }
        for (at, &(t, w)) in v.iter().enumerate() {
            let mut i = t as usize & self.mask;
            while self.slots[i].1 != Self::EMPTY {
                i = (i + 1) & self.mask;
            }
            let at = u32::try_from(at).expect("a vector of fewer than 2^32 terms");
            self.slots[i] = (t, at);
            self.weights[i] = w;
            self.used.push(i);
        }
    }

    /// The slot where term `t` is or would be: the table holds it when that slot is not free.
    /// The one branch (another term in the slot: rare, the table is mostly empty) is predictable;
    /// whether `t` is held is left to the caller as data, not as a branch.
    #[inline]
    fn probe(&self, t: u32) -> usize {
        let mut i = t as usize & self.mask;
        loop {
            let (k, at) = self.slots[i];
            if at == Self::EMPTY || k == t {
                return i;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// [`dot`] of the table's vector with `c` (sorted by term).
    pub fn dot(&self, c: &[(u32, f32)]) -> f32 {
        // A sum over every term of `c` (absent ones adding 0.0) would wait on each addition in
        // turn, hundreds per centroid. Instead the products of the terms held are gathered, 64
        // terms of `c` at a time, without a branch (each is written, and kept when held), then
        // summed: the same additions in the same order (adding 0.0 to a sum of non-negative
        // weights leaves it as it was), so the same sum bit for bit, with far fewer of them.
        let mut s = 0.0f32;
        let mut held = [0.0f32; 64];
        for block in c.chunks(64) {
            let mut n = 0;
            for &(t, w) in block {
                let i = self.probe(t);
                held[n & 63] = self.weights[i] * w;
                n += usize::from(self.slots[i].1 != Self::EMPTY);
            }
            for &x in &held[..n] {
                s += x;
            }
        }
        s
    }

    /// For each term of the table's vector, its weight in `c` (0.0 when absent), at the term's
    /// place in that vector.
    pub fn weights_in(&self, c: &[(u32, f32)], out: &mut Vec<f32>) {
        out.clear();
        // One place more: where the weights of absent terms go.
        let spare = self.used.len();
        out.resize(spare + 1, 0.0);
        for &(t, w) in c {
            let at = self.slots[self.probe(t)].1;
            let to = if at == Self::EMPTY {
                spare
            } else {
                at as usize
            };
            out[to] = w;
        }
        out.truncate(spare);
    }
}

/// Words of ASCII text as UAX #29 would cut them for news prose (letters and digits, with `.`, `,`
/// and `'` kept between two of them: "6.1", "4,500", "don't"), each with whether a sentence starts
/// before it (`.`, `!`, `?`, `:`, `"` or a line break since the previous word). A fast path: most
/// feed text is ASCII, and the Unicode word tables cost more than the rest of the featurisation.
pub fn ascii_words(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut start_next = true;
    std::iter::from_fn(move || {
        while i < b.len() && BYTE_CLASS[usize::from(b[i])] & ALNUM == 0 {
            if BYTE_CLASS[usize::from(b[i])] & SENTENCE_MARK != 0 {
                start_next = true;
            }
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let from = i;
        loop {
            // The common path: one table look-up per letter or digit.
            while i < b.len() && BYTE_CLASS[usize::from(b[i])] & ALNUM != 0 {
                i += 1;
            }
            // `'` between two letters or digits, `.` or `,` between two digits, stay in the word.
            let inner = i + 1 < b.len()
                && BYTE_CLASS[usize::from(b[i + 1])] & ALNUM != 0
                && (b[i] == b'\''
                    || (matches!(b[i], b'.' | b',')
                        && b[i - 1].is_ascii_digit()
                        && b[i + 1].is_ascii_digit()));
            if !inner {
                break;
            }
            i += 1;
        }
        let start = start_next;
        start_next = false;
        Some((&text[from..i], start))
    })
}

/// [`BYTE_CLASS`] bits: an ASCII letter or digit; a mark after which a sentence starts.
const ALNUM: u8 = 1;
const SENTENCE_MARK: u8 = 2;
/// The class of each byte value, for [`ascii_words`].
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() {
            t[c] = ALNUM;
        }
        if matches!(b, b'.' | b'!' | b'?' | b':' | b'"' | b'\n') {
            t[c] = SENTENCE_MARK;
        }
        c += 1;
    }
    t
};

/// What a word is for weighting.
#[derive(Clone, Copy)]
struct WordInfo {
    term: u64,
    stop: bool,
    number: bool,
}

/// Turns items into vectors; holds the streaming document frequencies and a word cache.
#[derive(Debug)]
pub struct Featurizer {
    cfg: FeatureConfig,
    df: IndexMap<u64, u32>,
    docs: u64,
    /// Key of the lower-cased word ([`word_hash`]) → (term hash, stop word?, figure?); cleared
    /// when it grows past its cap. Keyed by the 64-bit hash, not the word: no string to build or
    /// compare for a word seen before (two words of a feed share a hash with a chance of about
    /// V² / 2⁶⁵).
    cache: IndexMap<u64, (u64, bool, bool)>,
    lower: String,
}

const CACHE_CAP: usize = 500_000;

impl Featurizer {
    pub fn new(cfg: FeatureConfig) -> Featurizer {
        Featurizer {
            cfg,
            df: IndexMap::default(),
            docs: 0,
            cache: IndexMap::default(),
            lower: String::new(),
        }
    }

    /// Terms in the document-frequency table (for memory accounting).
    pub fn vocabulary(&self) -> usize {
        self.df.len()
    }

    fn word(&mut self, w: &str) -> WordInfo {
        let key = if w.is_ascii() {
            let key = word_hash_lower_ascii(w);
            if let Some(&(term, stop, number)) = self.cache.get(&key) {
                return WordInfo { term, stop, number };
            }
            None
        } else {
            None
        };
        self.lower.clear();
        for c in w.chars() {
            if c.is_ascii() {
                self.lower.push(c.to_ascii_lowercase());
            } else {
                self.lower.extend(c.to_lowercase());
            }
        }
        let key = key.unwrap_or_else(|| word_hash(&self.lower));
        if let Some(&(term, stop, number)) = self.cache.get(&key) {
            return WordInfo { term, stop, number };
        }
        let number = self.lower.bytes().any(|b| b.is_ascii_digit());
        let stop = !number
            && (self.lower.chars().count() < 2 || crate::text::stopwords().contains(&self.lower));
        let term = if number {
            hash_str(&self.lower.replace(',', ""))
        } else {
            hash_str(&stem(&self.lower))
        };
        if self.cache.len() >= CACHE_CAP {
            self.cache.clear();
        }
        self.cache.insert(key, (term, stop, number));
        WordInfo { term, stop, number }
    }

    /// Raw weighted term counts of an item (title + lede), before IDF.
    pub fn counts(&mut self, title: &str, text: &str) -> IndexMap<u64, f32> {
        let mut tf: IndexMap<u64, f32> = IndexMap::default();
        let tw = self.cfg.title_weight;
        for w in title.unicode_words() {
            let info = self.word(w);
            if !info.stop {
                let boost = if info.number {
                    self.cfg.number_weight
                } else {
                    1.0
                };
                *tf.entry(info.term).or_default() += tw * boost;
            }
        }
        if text.is_ascii() {
            for (w, was_start) in ascii_words(text).take(self.cfg.lede_words) {
                self.add_word(&mut tf, w, was_start);
            }
            return tf;
        }
        let mut sentence_start = true;
        let mut n = 0;
        for w in text.split_word_bounds() {
            let first = w.chars().next().unwrap_or(' ');
            if !first.is_alphanumeric() {
                if w.contains(['.', '!', '?', '\n', ':', '"', '“']) {
                    sentence_start = true;
                }
                continue;
            }
            n += 1;
            if n > self.cfg.lede_words {
                break;
            }
            let was_start = sentence_start;
            sentence_start = false;
            self.add_word(&mut tf, w, was_start);
        }
        tf
    }

    fn add_word(&mut self, tf: &mut IndexMap<u64, f32>, w: &str, sentence_start: bool) {
        let info = self.word(w);
        if info.stop {
            return;
        }
        let capitalised = w.chars().next().is_some_and(char::is_uppercase);
        let boost = if info.number {
            self.cfg.number_weight
        } else if capitalised && !sentence_start {
            self.cfg.name_weight
        } else {
            1.0
        };
        *tf.entry(info.term).or_default() += boost;
    }

    /// Count an item's terms into the document frequencies.
    pub fn observe(&mut self, counts: &IndexMap<u64, f32>) {
        self.docs += 1;
        for t in counts.keys() {
            *self.df.entry(*t).or_default() += 1;
        }
        if self.df.len() > self.cfg.max_vocabulary {
            self.prune_vocabulary();
        }
    }

    /// Drop the rarest terms (document frequency 1, then up to 2, …) until the table holds at
    /// most half of `max-vocabulary`, and give back the table's memory.
    fn prune_vocabulary(&mut self) {
        let target = self.cfg.max_vocabulary / 2;
        let mut floor = 1;
        while self.df.len() > target {
            self.df.retain(|_, c| *c > floor);
            floor += 1;
        }
        self.df.shrink_to_fit();
    }

    /// The normalised TF-IDF vector of counted terms, `max-terms` heaviest kept, sorted by term.
    pub fn vector(&self, counts: &IndexMap<u64, f32>) -> Vector {
        let n = self.docs.max(1) as f32;
        let mut v: Vec<(u64, f32)> = counts
            .iter()
            .map(|(t, c)| {
                let df = self.df.get(t).copied().unwrap_or(0).max(1) as f32;
                let idf = (1.0 + n / df).ln();
                (*t, (1.0 + c.ln().max(0.0)) * idf)
            })
            .collect();
        if v.len() > self.cfg.max_terms {
            v.select_nth_unstable_by(self.cfg.max_terms - 1, |a, b| {
                b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
            });
            v.truncate(self.cfg.max_terms);
        }
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for x in &mut v {
                x.1 /= norm;
            }
        }
        v.sort_unstable_by_key(|x| x.0);
        v.iter().map(|&(t, w)| (term_id(t), w)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::ClusterConfig;

    #[test]
    fn the_idf_table_drops_its_rarest_terms_past_its_bound() {
        let mut cfg = ClusterConfig::builtin().unwrap().features;
        cfg.max_vocabulary = 100;
        let mut f = Featurizer::new(cfg);
        // Every item: two common words, and one word no other item has.
        for i in 0..1000 {
            let counts = f.counts("", &format!("harbour strike unique{i}x"));
            f.observe(&counts);
            assert!(
                f.vocabulary() <= 100,
                "{} terms after {i} items",
                f.vocabulary()
            );
        }
        // The common words keep their full counts; the rare ones were dropped along the way.
        let common = f.counts("", "harbour strike");
        for t in common.keys() {
            assert_eq!(f.df.get(t).copied(), Some(1000));
        }
        assert!(
            f.vocabulary() > 2,
            "recent rare words are kept until the next pruning"
        );
    }

    #[test]
    fn same_event_reports_are_closer_than_other_events() {
        let mut f = Featurizer::new(ClusterConfig::builtin().unwrap().features);
        let items = [
            (
                "Quake of magnitude 6.1 strikes Northern Province",
                "A strong earthquake struck the Northern Province on Monday, officials said.",
            ),
            (
                "Magnitude 6.1 earthquake hits Northern Province",
                "An earthquake of magnitude 6.1 hit Northern Province early Monday.",
            ),
            (
                "Central bank raises rates",
                "The central bank raised its main rate by a quarter point on Monday.",
            ),
        ];
        let counts: Vec<_> = items.iter().map(|(t, x)| f.counts(t, x)).collect();
        for c in &counts {
            f.observe(c);
        }
        let v: Vec<Vector> = counts.iter().map(|c| f.vector(c)).collect();
        let same = dot(&v[0], &v[1]);
        let other = dot(&v[0], &v[2]);
        assert!(same > 0.4 && other < 0.2, "same {same}, other {other}");
        assert!((dot(&v[0], &v[0]) - 1.0).abs() < 1e-4);
        assert_eq!(hash_str("abc"), hash_str("abc"));
        let words: Vec<(&str, bool)> =
            ascii_words("Hit 6.1 on Monday. Don't stop, 4,500 'quoted' x").collect();
        assert_eq!(
            words,
            vec![
                ("Hit", true),
                ("6.1", false),
                ("on", false),
                ("Monday", false),
                ("Don't", true),
                ("stop", false),
                ("4,500", false),
                ("quoted", false),
                ("x", false)
            ]
        );
        // The fast path and the Unicode path give the same vector on ASCII text.
        let t = "The Norland bank raised rates to 4.5 percent. Officials in Valdora said so.";
        let fast = f.counts("", t);
        let slow = f.counts("", &format!("{t} é")); // not ASCII: the Unicode path
        let e = f.counts("", "é");
        let mut slow_minus: Vec<_> = slow
            .iter()
            .filter(|(k, _)| !e.contains_key(*k))
            .map(|(k, v)| (*k, *v))
            .collect();
        let mut fast_v: Vec<_> = fast.iter().map(|(k, v)| (*k, *v)).collect();
        slow_minus.sort_by_key(|x| x.0);
        fast_v.sort_by_key(|x| x.0);
        assert_eq!(fast_v, slow_minus);
        assert_ne!(hash_str("abc"), hash_str("abd"));
    }

    /// The byte loop `ascii_words` was first written as: the reference for its faster form.
    fn ascii_words_reference(text: &str) -> Vec<(&str, bool)> {
        let b = text.as_bytes();
        let (mut i, mut start_next, mut out) = (0, true, Vec::new());
        loop {
            while i < b.len() && !b[i].is_ascii_alphanumeric() {
                if matches!(b[i], b'.' | b'!' | b'?' | b':' | b'"' | b'\n') {
                    start_next = true;
                }
                i += 1;
            }
            if i >= b.len() {
                return out;
            }
            let from = i;
            while i < b.len() {
                let inner = matches!(b[i], b'.' | b',' | b'\'')
                    && i + 1 < b.len()
                    && b[i + 1].is_ascii_alphanumeric()
                    && (b[i] == b'\'' || (b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit()));
                if b[i].is_ascii_alphanumeric() || inner {
                    i += 1;
                } else {
                    break;
                }
            }
            out.push((&text[from..i], start_next));
            start_next = false;
        }
    }

    #[test]
    fn ascii_words_finds_what_the_byte_loop_finds() {
        // Pseudo-random ASCII over the bytes that matter (letters, digits, the three inner marks,
        // the sentence marks, white space, other punctuation).
        let alphabet = b"aZ09'.,  \n!?:\"-;";
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for len in (0..120).chain([255, 256, 1000]) {
            for _ in 0..30 {
                let text: String = (0..len)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        alphabet[(x % alphabet.len() as u64) as usize] as char
                    })
                    .collect();
                let got: Vec<(&str, bool)> = ascii_words(&text).collect();
                assert_eq!(got, ascii_words_reference(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn the_lower_case_hash_is_the_hash_of_the_lower_cased_word() {
        // Every byte value around the capitals, at every place of one eight-byte word and of the
        // zero-padded rest, and words of every length up to three words of eight.
        let mut seen = std::collections::HashSet::new();
        for len in 1..=24usize {
            for at in 0..len {
                for c in [
                    b'@', b'A', b'M', b'Z', b'[', b'`', b'a', b'z', b'{', b'0', b' ',
                ] {
                    let mut w = vec![b'x'; len];
                    w[at] = c;
                    let w = String::from_utf8(w).unwrap();
                    assert_eq!(
                        word_hash_lower_ascii(&w),
                        word_hash(&w.to_ascii_lowercase()),
                        "{w:?}"
                    );
                    seen.insert(word_hash(&w));
                }
            }
        }
        // Non-ASCII bytes are left alone, so a lower-cased Unicode word hashes the same either way.
        assert_eq!(word_hash_lower_ascii("ÉCOLE"), word_hash("École"));
        assert_eq!(word_hash_lower_ascii("Zürich"), word_hash("zürich"));
        // Distinct strings (trailing zero bytes aside, which the length tells apart) differ.
        assert_eq!(word_hash("ab"), word_hash("ab"));
        assert_ne!(word_hash("ab"), word_hash("ab\0"));
        let distinct: std::collections::HashSet<String> = (1..=24usize)
            .flat_map(|len| {
                (0..len).flat_map(move |at| {
                    [
                        b'@', b'A', b'M', b'Z', b'[', b'`', b'a', b'z', b'{', b'0', b' ',
                    ]
                    .map(|c| {
                        let mut w = vec![b'x'; len];
                        w[at] = c;
                        String::from_utf8(w).unwrap()
                    })
                })
            })
            .collect();
        assert_eq!(seen.len(), distinct.len());
    }
}
