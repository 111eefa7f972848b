//! From scored pairs to facts: average-linkage agglomeration with a same-article constraint.
//!
//! *What it does*: pairs are taken from the most to the least probable; the clusters of the two
//! sentences merge when (a) no article would then hold two sentences of the fact, and (b) the mean
//! same-fact probability over all cross pairs of the two clusters reaches the threshold, where pairs
//! that blocking never scored count as 0. Condition (b) is the verification step: a sentence that
//! matches one member of a cluster but not the others does not pull the clusters together, so facts
//! do not chain unrelated sentences.

use super::SentenceInfo;

/// A cluster of sentence indices (into the `infos` slice) and its cohesion.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub members: Vec<usize>,
    /// Mean probability over all pairs of members (1.0 for a single sentence).
    pub cohesion: f64,
}

/// Cluster the scored pairs `(i, j, probability)`.
pub fn average_linkage(
    infos: &[SentenceInfo],
    scored: &[(usize, usize, f64)],
    threshold: f64,
) -> Vec<Cluster> {
    let prob: crate::text::IndexMap<(usize, usize), f64> = scored
        .iter()
        .map(|&(i, j, p)| ((i.min(j), i.max(j)), p))
        .collect();
    let p = |a: usize, b: usize| prob.get(&(a.min(b), a.max(b))).copied().unwrap_or(0.0);
    let mut order: Vec<&(usize, usize, f64)> = scored.iter().filter(|s| s.2 >= threshold).collect();
    order.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));

    let mut cluster_of: Vec<usize> = (0..infos.len()).collect();
    let mut members: Vec<Vec<usize>> = (0..infos.len()).map(|i| vec![i]).collect();
    for &&(i, j, _) in &order {
        let (ci, cj) = (cluster_of[i], cluster_of[j]);
        if ci == cj {
            continue;
        }
        let (a, b) = (&members[ci], &members[cj]);
        if a.iter()
            .any(|&x| b.iter().any(|&y| infos[x].at.doc == infos[y].at.doc))
        {
            continue;
        }
        let total: f64 = a
            .iter()
            .map(|&x| b.iter().map(|&y| p(x, y)).sum::<f64>())
            .sum();
        if total / (a.len() * b.len()) as f64 >= threshold {
            let (keep, gone) = if ci < cj { (ci, cj) } else { (cj, ci) };
            let moved = std::mem::take(&mut members[gone]);
            for &m in &moved {
                cluster_of[m] = keep;
            }
            members[keep].extend(moved);
            members[keep].sort_unstable();
        }
    }
    members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|m| {
            let pairs = m.len() * (m.len() - 1) / 2;
            let cohesion = if pairs == 0 {
                1.0
            } else {
                let mut sum = 0.0;
                for (k, &x) in m.iter().enumerate() {
                    for &y in &m[k + 1..] {
                        sum += p(x, y);
                    }
                }
                sum / pairs as f64
            };
            Cluster {
                members: m,
                cohesion,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{SentenceRef, Signature};

    fn infos(docs: &[usize]) -> Vec<SentenceInfo> {
        docs.iter()
            .enumerate()
            .map(|(i, &doc)| SentenceInfo {
                at: SentenceRef { doc, sentence: i },
                claims: crate::extract::claims("", None),
                signature: Signature::from_text("", None),
                content: Vec::new(),
                clauses: Vec::new(),
            })
            .collect()
    }

    fn groups(clusters: &[Cluster]) -> Vec<Vec<usize>> {
        let mut g: Vec<Vec<usize>> = clusters
            .iter()
            .map(|c| c.members.clone())
            .filter(|m| m.len() > 1)
            .collect();
        g.sort();
        g
    }

    #[test]
    fn a_chain_of_pairs_does_not_become_one_fact() {
        // 0–1 and 1–2 are strong, 0–2 never scored: average linkage keeps 2 out of {0, 1}.
        let infos = infos(&[0, 1, 2]);
        let c = average_linkage(&infos, &[(0, 1, 0.9), (1, 2, 0.8)], 0.5);
        assert_eq!(groups(&c), vec![vec![0, 1]]);
        // With 0–2 scored as well, the three are one fact.
        let c = average_linkage(&infos, &[(0, 1, 0.9), (1, 2, 0.8), (0, 2, 0.7)], 0.5);
        assert_eq!(groups(&c), vec![vec![0, 1, 2]]);
        assert!((c.iter().find(|c| c.members.len() == 3).unwrap().cohesion - 0.8).abs() < 1e-9);
    }

    #[test]
    fn one_article_never_gives_two_sentences_to_a_fact() {
        // Sentences 0 and 1 are of the same article; both match sentence 2 strongly.
        let infos = infos(&[0, 0, 1]);
        let c = average_linkage(&infos, &[(0, 2, 0.9), (1, 2, 0.8), (0, 1, 0.95)], 0.5);
        assert_eq!(groups(&c), vec![vec![0, 2]]);
    }

    #[test]
    fn pairs_below_the_threshold_stay_apart() {
        let c = average_linkage(&infos(&[0, 1]), &[(0, 1, 0.2)], 0.5);
        assert!(groups(&c).is_empty());
    }
}
