//! Candidate pairs by blocking: an inverted index over names, numbers and rare stems.
//!
//! *What it does*: each sentence is indexed under its names, its numbers (value and unit), its
//! `rare-stems-per-sentence` rarest content stems (document frequency over the story's sentences),
//! and half as many of the rarest stems of each of its clauses.
//! Two sentences of different articles are a candidate pair when they share a key. Keys held by more
//! than `max-key-share` of the sentences are skipped: they pair nearly everything and say nothing.
//!
//! *Why*: the same-fact model is only run on candidates, so the cost grows with the number of
//! plausible pairs, not with the square of the story. `corroborate eval blocking` measures how many of
//! the pairs that brute force aligns blocking keeps (recall) and what share of all pairs it keeps.

use rustc_hash::FxHashMap as HashMap;

use super::{AlignConfig, SentenceInfo};

/// The blocking keys of one sentence.
pub fn keys(info: &SentenceInfo, df: &HashMap<&str, usize>, k: usize) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for n in &info.claims.names {
        keys.push(format!("n:{}", n.text.to_lowercase()));
    }
    for q in &info.claims.quantities {
        keys.push(format!("q:{}", q.value));
    }
    let rarest = |stems: Vec<&str>, n: usize, keys: &mut Vec<String>| {
        let mut stems: Vec<&str> = stems.into_iter().filter(|s| df.contains_key(s)).collect();
        stems.sort_unstable();
        stems.dedup();
        stems.sort_by_key(|s| (df.get(s).copied().unwrap_or(0), *s));
        for s in stems.into_iter().take(n) {
            keys.push(format!("s:{s}"));
        }
    };
    rarest(
        info.content.iter().map(String::as_str).collect(),
        k,
        &mut keys,
    );
    // Each clause is indexed under its own rarest stems too, so that a fact one outlet reports in a
    // clause of a long sentence still meets the sentences that report it alone.
    for clause in &info.clauses {
        rarest(
            clause.stems.iter().map(String::as_str).collect(),
            k / 2,
            &mut keys,
        );
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Document frequency of content stems over the sentences.
pub fn stem_df(infos: &[SentenceInfo]) -> HashMap<&str, usize> {
    let mut df: HashMap<&str, usize> = HashMap::default();
    for info in infos {
        let mut seen: Vec<&str> = info.content.iter().map(String::as_str).collect();
        seen.sort_unstable();
        seen.dedup();
        for s in seen {
            *df.entry(s).or_default() += 1;
        }
    }
    df
}

/// Candidate pairs `(i, j)` with `i < j`, indices into `infos`, of sentences from different documents.
pub fn candidates(infos: &[SentenceInfo], cfg: &AlignConfig) -> Vec<(usize, usize)> {
    let df = stem_df(infos);
    let mut postings: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, info) in infos.iter().enumerate() {
        for key in keys(info, &df, cfg.blocking.rare_stems_per_sentence) {
            postings.entry(key).or_default().push(i);
        }
    }
    let cap = ((cfg.blocking.max_key_share * infos.len() as f64).ceil() as usize)
        .min(cfg.blocking.max_key_postings)
        .max(cfg.blocking.min_key_postings);
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for ids in postings.values() {
        if ids.len() > cap {
            continue;
        }
        for (a, &i) in ids.iter().enumerate() {
            for &j in &ids[a + 1..] {
                if infos[i].at.doc != infos[j].at.doc {
                    pairs.push((i.min(j), i.max(j)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Every pair of sentences from different documents (for measuring blocking against brute force).
pub fn all_cross_pairs(infos: &[SentenceInfo]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 0..infos.len() {
        for j in i + 1..infos.len() {
            if infos[i].at.doc != infos[j].at.doc {
                out.push((i, j));
            }
        }
    }
    out
}

/// The number of pairs of sentences from different documents, without listing them.
pub fn cross_pairs(infos: &[SentenceInfo]) -> usize {
    let mut per_doc: HashMap<usize, usize> = HashMap::default();
    for info in infos {
        *per_doc.entry(info.at.doc).or_default() += 1;
    }
    let n = infos.len();
    let same: usize = per_doc.values().map(|&c| c * c.saturating_sub(1) / 2).sum();
    n * n.saturating_sub(1) / 2 - same
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{prepare, story_idf, AlignConfig};
    use crate::model::{Article, Document, Format};

    fn doc(id: &str, sentences: &[&str]) -> Document {
        let article = Article::bare(id, Format::Text);
        let texts: Vec<String> = sentences.iter().map(|s| s.to_string()).collect();
        crate::segment::from_sentences(article, &texts)
    }

    #[test]
    fn only_sentences_of_different_articles_sharing_a_key_are_candidates() {
        let cfg = AlignConfig::builtin().unwrap();
        let docs = vec![
            doc(
                "a",
                &[
                    "Dock workers ended the harbour strike in Rotterdam on Monday.",
                    "Farmers protested against the new fertiliser tax in the capital.",
                    "The central bank left interest rates unchanged this quarter.",
                    "Heavy snow closed mountain passes across the northern region.",
                ],
            ),
            doc(
                "b",
                &[
                    "The Rotterdam harbour strike is over, union leaders said.",
                    "Wheat prices rose sharply in Kansas after a dry spring.",
                    "A museum of modern design opened near the old cathedral.",
                    "Investors sold technology shares for a third straight session.",
                ],
            ),
        ];
        let idf = story_idf(&docs);
        let infos = prepare(&docs, &cfg, &idf);
        assert_eq!(infos.len(), 8);
        let pairs = candidates(&infos, &cfg);
        // The two strike reports share "Rotterdam" and "harbour": a candidate pair.
        assert!(pairs.contains(&(0, 4)), "{pairs:?}");
        // Nothing else shares a key, and no pair is within one article.
        assert_eq!(pairs, vec![(0, 4)]);
        assert_eq!(cross_pairs(&infos), 16);
        assert_eq!(all_cross_pairs(&infos).len(), 16);
    }
}
