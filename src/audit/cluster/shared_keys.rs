//! Blocking counts: how many blocking keys each open story shares with a probe ([`SharedKeys`]),
//! the choice of the candidates sharing most, and story ids as the postings store them.
//!
//! It does not score candidates (cosines are computed in `clusterer` and `merge`).

/// How many blocking keys each story met in the postings shares with the probe: an open-addressing
/// table keyed by story id (a multiplicative hash of the id, linear probing), kept at most one
/// eighth full and emptied slot by slot. An item meets hundreds of stories in the postings; this is
/// a few times cheaper per count than a general hash map, and its common path (the story's first
/// slot holds it or is free) has no unpredictable branch.
#[derive(Debug, Default)]
pub(super) struct SharedKeys {
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
    pub(super) fn add(&mut self, sid: u32) {
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
    pub(super) fn drain_into(&mut self, out: &mut Vec<(usize, u32)>, min: u32) {
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
pub(super) fn top_candidates(cands: &mut Vec<(usize, u32)>, n: usize) {
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
pub(super) fn top_compatible(
    cands: &mut Vec<(usize, u32)>,
    n: usize,
    mut ok: impl FnMut(usize) -> bool,
) {
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

/// A story id (the seq of its first item) as stored in the postings. A run of more than 2³² items
/// is far beyond the memory the window allows on any machine this targets; it stops with a
/// message rather than mixing stories up.
pub(super) fn story_id32(sid: usize) -> u32 {
    // u32::MAX itself marks a free slot in `SharedKeys`.
    u32::try_from(sid)
        .ok()
        .filter(|&s| s != u32::MAX)
        .expect("more than 4,294,967,294 items in one clustering run")
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
