//! Repeats: blocks that occur more than once.
//!
//! *What it does*: keeps the first copy of an exact repeat (same words), and the longer block of a
//! near-duplicate pair (the shorter block's words nearly all inside the longer one), found through
//! an inverted index of rare words.
//!
//! *What it does not*: remove repeated headlines or bylines (`header.rs` does), or run on formats
//! without page heuristics (the caller decides).

use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use super::lines::{norm_key, tokens_lower, Line};
use crate::rules::Rules;

/// Exact repeats (same words) keep their first copy. Near-duplicates (the shorter block's words
/// nearly all inside the longer one: a standfirst repeated as the lead, the lead repeated in a
/// footer) keep the longer block. Blocks are compared only when they share a rare word (an inverted
/// index), so long inputs do not cost a comparison of every pair.
pub(super) fn remove_repeats(lines: &mut [Line], rules: &Rules, reason: &str) {
    let h = &rules.heuristics;
    let mut seen: FxHashSet<String> = FxHashSet::default();
    for line in lines.iter_mut() {
        if !line.kept() {
            continue;
        }
        let key = norm_key(&line.text);
        if key.is_empty() {
            continue;
        }
        if !seen.insert(key) {
            line.remove(reason, "exact-repeat");
        }
    }
    // Near-duplicates.
    let sets: Vec<Option<std::collections::BTreeSet<String>>> = lines
        .iter()
        .map(|l| {
            (l.kept() && l.words >= h.near_duplicate_min_words)
                .then(|| tokens_lower(&l.text).into_iter().collect())
        })
        .collect();
    let mut df: HashMap<&str, usize> = HashMap::default();
    for s in sets.iter().flatten() {
        for w in s {
            *df.entry(w.as_str()).or_default() += 1;
        }
    }
    // Postings of every word; each block is compared with the blocks that share one of its three
    // rarest words (a near-duplicate shares nearly all its words, so it shares those).
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, s) in sets.iter().enumerate() {
        for w in s.iter().flatten() {
            postings.entry(w.as_str()).or_default().push(i);
        }
    }
    let mut pairs: std::collections::BTreeSet<(usize, usize)> = std::collections::BTreeSet::new();
    for (i, s) in sets.iter().enumerate() {
        let Some(s) = s else { continue };
        let mut rare: Vec<&str> = s.iter().map(|w| w.as_str()).collect();
        rare.sort_by_key(|w| (df[w], *w));
        for w in rare.into_iter().take(3) {
            let ids = &postings[w];
            if ids.len() > 50 {
                continue;
            }
            for &j in ids {
                if j != i {
                    pairs.insert((i.min(j), i.max(j)));
                }
            }
        }
    }
    for (i, j) in pairs {
        if !lines[i].kept() || !lines[j].kept() {
            continue;
        }
        let (Some(a), Some(b)) = (&sets[i], &sets[j]) else {
            continue;
        };
        let (short, long, short_idx) = if a.len() < b.len() || (a.len() == b.len() && i > j) {
            (a, b, i)
        } else {
            (b, a, j)
        };
        let shared = short.intersection(long).count();
        if shared as f64 >= h.near_duplicate_containment * short.len() as f64 {
            lines[short_idx].remove(reason, "near-duplicate");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::clean::test_support::{run, PROSE_B};

    #[test]
    fn a_standfirst_repeated_in_the_lead_is_removed_and_the_lead_kept() {
        let standfirst = "Dock workers returned to work on Monday after a three-week strike, the port authority said.";
        let lead = "Dock workers returned to work on Monday after a three-week strike that left ships waiting offshore, the port authority said.";
        let a = run(&format!("{standfirst}\n\n{lead}\n\n{PROSE_B}\n"));
        assert_eq!(a.body, format!("{lead}\n\n{PROSE_B}"));
        assert_eq!(a.removed[0].reason, "repeated_block");
    }
}
