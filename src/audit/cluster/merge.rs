//! Fragment merge: stories changed since the last sweep are compared centroid to centroid with
//! the open stories sharing several heaviest terms, and merged when close enough.
//!
//! It does not assign items to stories (`clusterer`).

use super::centroid::trim_centroid;
use super::clusterer::Clusterer;
use super::open::push_recent;
use super::shared_keys::{story_id32, top_candidates};
use super::POSTINGS_SCANNED;

/// Stories scored as merge partners of a changed story (those sharing most keys).
const MERGE_CANDIDATES: usize = 8;

impl<T> Clusterer<T> {
    /// Merge stories changed since the last sweep with an open story whose centroid is close
    /// (`merge-threshold`): fragments of one story, started before its vocabulary was known, become
    /// one. Centroid to centroid, so one borderline item cannot chain two stories.
    pub(super) fn merge_dirty(&mut self) {
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
}

#[cfg(test)]
mod tests {
    use crate::audit::features::TermTable;

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
}
