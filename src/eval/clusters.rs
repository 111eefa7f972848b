//! `eval clusters`: does story clustering put reports of the same event together, and only them?
//!
//! *What it measures*: the items of a labelled file are streamed through the audit's clusterer
//! (`src/audit/cluster.rs`, settings `rubrics/clustering.toml`) in publication order (file order for
//! undated items), and the stories are compared with the gold labels: B³ precision, recall and F1
//! (Bagga & Baldwin 1998: per item, the share of its predicted story that shares its gold story, and
//! the converse; averaged over items) and the adjusted Rand index (Hubert & Arabie 1985), with the
//! number of predicted and gold stories and of items marked as syndicated copies.
//!
//! Layouts: a BASIL directory (gold = triplet), ECB+ JSONL (gold = `subtopic`, text = the sentence
//! list), a CSV with a `STORY`/`story` column (UCI News Aggregator headlines), and the generic JSONL
//! `{"id","title","text","source","published","story"}` (optionally `.gz`). Several files are each
//! clustered apart; the figures are then the item-weighted means, and `n` the total.
//!
//! *Limitations*: B³ rewards many small pure stories less than pairwise precision would, but a
//! corpus of triplets (BASIL) still favours a clusterer that stops at three.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::audit::cluster::{Clusterer, ItemText};
use crate::audit::ClusterConfig;
use crate::error::{Error, Result};
use crate::eval::EvalResult;
use crate::load::feed::{self, FeedItem, ItemFields};
use crate::load::LoadOptions;

/// B³ precision, recall, F1 and ARI of a predicted labelling against a gold one (same length).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterScores {
    pub b3_precision: f64,
    pub b3_recall: f64,
    pub b3_f1: f64,
    pub ari: f64,
}

fn comb2(n: f64) -> f64 {
    n * (n - 1.0) / 2.0
}

/// Score `pred` against `gold` (labels are arbitrary ids; item i has `pred[i]` and `gold[i]`).
pub fn scores(pred: &[usize], gold: &[usize]) -> ClusterScores {
    assert_eq!(pred.len(), gold.len(), "one label per item on both sides");
    let n = pred.len() as f64;
    if pred.is_empty() {
        return ClusterScores {
            b3_precision: 0.0,
            b3_recall: 0.0,
            b3_f1: 0.0,
            ari: 0.0,
        };
    }
    let mut joint: HashMap<(usize, usize), f64> = HashMap::new();
    let mut ps: HashMap<usize, f64> = HashMap::new();
    let mut gs: HashMap<usize, f64> = HashMap::new();
    for (&p, &g) in pred.iter().zip(gold) {
        *joint.entry((p, g)).or_default() += 1.0;
        *ps.entry(p).or_default() += 1.0;
        *gs.entry(g).or_default() += 1.0;
    }
    let (mut prec, mut rec, mut index) = (0.0, 0.0, 0.0);
    for (&(p, g), &c) in &joint {
        prec += c * c / ps[&p];
        rec += c * c / gs[&g];
        index += comb2(c);
    }
    let (prec, rec) = (prec / n, rec / n);
    let sum_p: f64 = ps.values().map(|&c| comb2(c)).sum();
    let sum_g: f64 = gs.values().map(|&c| comb2(c)).sum();
    let expected = if n > 1.0 {
        sum_p * sum_g / comb2(n)
    } else {
        0.0
    };
    let max = 0.5 * (sum_p + sum_g);
    let ari = if (max - expected).abs() < 1e-12 {
        // Both labellings trivial (all singletons or one cluster): identical → 1.
        if pred_equals(pred, gold) {
            1.0
        } else {
            0.0
        }
    } else {
        (index - expected) / (max - expected)
    };
    ClusterScores {
        b3_precision: prec,
        b3_recall: rec,
        b3_f1: super::metrics::f1(prec, rec),
        ari,
    }
}

/// Are two labellings the same partition?
fn pred_equals(a: &[usize], b: &[usize]) -> bool {
    let mut ab: HashMap<usize, usize> = HashMap::new();
    let mut ba: HashMap<usize, usize> = HashMap::new();
    a.iter()
        .zip(b)
        .all(|(x, y)| *ab.entry(*x).or_insert(*y) == *y && *ba.entry(*y).or_insert(*x) == *x)
}

/// Items of one labelled file or BASIL directory, in publication order.
pub fn read_labelled(path: &Path) -> Result<Vec<FeedItem>> {
    let opts = LoadOptions::default();
    let mut items: Vec<FeedItem> =
        feed::items(&path.display().to_string(), &ItemFields::default(), &opts)?
            .collect::<Result<Vec<_>>>()?;
    if let Some(bad) = items.iter().find(|i| i.story.is_none()) {
        return Err(Error::Record {
            path: path.to_path_buf(),
            reason: format!(
                "item {} has no gold story label (story, STORY, subtopic, label or cluster)",
                bad.path
            ),
        });
    }
    if items.is_empty() {
        return Err(Error::Record {
            path: path.to_path_buf(),
            reason: "no labelled items".into(),
        });
    }
    // Stable: undated items keep file order.
    items.sort_by_key(|i| i.published.unwrap_or(i64::MIN));
    Ok(items)
}

/// Predicted and gold stories of a file read in one pass, clustering each item as it is read and
/// keeping none of its text: possible when the items come in publication order (the order
/// [`read_labelled`] sorts them into, so the result is the same). `None` when they do not, or when
/// anything is wrong with the file (the caller then reads it whole, which reports the problem).
fn cluster_in_order(path: &Path, cfg: &ClusterConfig) -> Option<(Vec<usize>, Vec<usize>, usize)> {
    if path.as_os_str() == "-" {
        return None; // stdin cannot be read a second time
    }
    let opts = LoadOptions::default();
    let items = feed::items(&path.display().to_string(), &ItemFields::default(), &opts).ok()?;
    let mut c: Clusterer<usize> = Clusterer::new(cfg.clone());
    let mut labels: HashMap<String, usize> = HashMap::new();
    let mut gold = Vec::new();
    let mut last = i64::MIN;
    for item in items {
        let mut item = item.ok()?;
        let key = item.published.unwrap_or(i64::MIN);
        if key < last {
            return None;
        }
        last = key;
        let next = labels.len();
        gold.push(*labels.entry(item.story.take()?).or_insert(next));
        push_item(&mut c, &item, gold.len() - 1);
    }
    if gold.is_empty() {
        return None;
    }
    let (pred, syndicated) = predictions(c, gold.len());
    Some((pred, gold, syndicated))
}

/// Give item number `i` to the clusterer.
fn push_item(c: &mut Clusterer<usize>, item: &FeedItem, i: usize) {
    c.push(
        ItemText {
            title: &item.title,
            text: &item.text,
            time: item.published,
            words: Some(item.words),
        },
        i,
    );
}

/// The predicted story of each of the `n` items pushed, and the number of syndicated copies.
fn predictions(c: Clusterer<usize>, n: usize) -> (Vec<usize>, usize) {
    let (stories, stats) = c.finish();
    let mut pred = vec![0; n];
    for s in stories {
        for m in s.members {
            pred[m.payload] = s.id;
        }
    }
    (pred, stats.syndicated)
}

/// Cluster items with the given settings; returns the predicted story of each item and the number
/// of syndicated copies.
pub fn cluster_items(items: &[FeedItem], cfg: &ClusterConfig) -> (Vec<usize>, usize) {
    let mut c: Clusterer<usize> = Clusterer::new(cfg.clone());
    for (i, item) in items.iter().enumerate() {
        push_item(&mut c, item, i);
    }
    predictions(c, items.len())
}

/// Gold labels as ids.
pub fn gold_ids(items: &[FeedItem]) -> Vec<usize> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    items
        .iter()
        .map(|i| {
            let next = ids.len();
            *ids.entry(i.story.as_deref().unwrap_or("")).or_insert(next)
        })
        .collect()
}

pub fn run(paths: &[PathBuf]) -> Result<EvalResult> {
    let cfg = ClusterConfig::builtin()?;
    run_with(paths, &cfg)
}

pub fn run_with(paths: &[PathBuf], cfg: &ClusterConfig) -> Result<EvalResult> {
    let mut total = 0usize;
    let mut sums = [0.0f64; 7];
    for path in paths {
        let (pred, gold, syndicated) = match cluster_in_order(path, cfg) {
            Some(r) => r,
            None => {
                let items = read_labelled(path)?;
                let gold = gold_ids(&items);
                let (pred, syndicated) = cluster_items(&items, cfg);
                (pred, gold, syndicated)
            }
        };
        let s = scores(&pred, &gold);
        let n = gold.len() as f64;
        let count = |v: &[usize]| v.iter().collect::<std::collections::HashSet<_>>().len() as f64;
        for (slot, v) in sums.iter_mut().zip([
            s.b3_precision * n,
            s.b3_recall * n,
            s.b3_f1 * n,
            s.ari * n,
            count(&pred),
            count(&gold),
            syndicated as f64,
        ]) {
            *slot += v;
        }
        total += gold.len();
    }
    let n = total.max(1) as f64;
    Ok(EvalResult::new(
        "clusters",
        total,
        [
            ("b3_precision", sums[0] / n),
            ("b3_recall", sums[1] / n),
            ("b3_f1", sums[2] / n),
            ("ari", sums[3] / n),
            ("clusters", sums[4]),
            ("gold_clusters", sums[5]),
            ("syndicated", sums[6]),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b3_and_ari_on_hand_computed_examples() {
        // Gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}.
        // B³ precision: a,b: 2/2; c: 1/3; d,e: 2/3 → (1+1+1/3+2/3+2/3)/5 = 11/15.
        // B³ recall: a,b: 2/3; c: 1/3; d,e: 2/2 → (2/3+2/3+1/3+1+1)/5 = 11/15.
        // ARI: index = C(2,2)+C(1,2)+C(2,2) = 2; sum_p = 1+3 = 4; sum_g = 3+1 = 4; C(5,2) = 10;
        // expected = 1.6; max = 4 → (2-1.6)/(4-1.6) = 1/6.
        let s = scores(&[0, 0, 1, 1, 1], &[7, 7, 7, 9, 9]);
        assert!((s.b3_precision - 11.0 / 15.0).abs() < 1e-12);
        assert!((s.b3_recall - 11.0 / 15.0).abs() < 1e-12);
        assert!((s.b3_f1 - 11.0 / 15.0).abs() < 1e-12);
        assert!((s.ari - 1.0 / 6.0).abs() < 1e-12, "{}", s.ari);
        // Perfect, whatever the ids.
        let s = scores(&[5, 5, 2], &[1, 1, 0]);
        assert_eq!((s.b3_f1, s.ari), (1.0, 1.0));
        // All in one cluster against all singletons: precision 1/n, recall 1.
        let s = scores(&[0, 0, 0, 0], &[0, 1, 2, 3]);
        assert!((s.b3_precision - 0.25).abs() < 1e-12 && s.b3_recall == 1.0);
        assert_eq!(s.ari, 0.0);
    }

    #[test]
    fn items_in_time_order_or_not_give_the_same_figures() {
        // In publication order, a file is clustered as it is read; out of order, it is read whole
        // and sorted. Both must give what clustering the sorted items gives.
        let dir = tempfile::tempdir().unwrap();
        let event = |i: usize| {
            let (title, text, story) = match i % 3 {
                0 => (
                    "Valdora quake kills 12",
                    "A magnitude 6.1 earthquake struck Valdora on Monday, killing 12 people.",
                    "q",
                ),
                1 => (
                    "Norland raises rates to 4.5 percent",
                    "The Norland central bank raised its rate to 4.5 percent.",
                    "r",
                ),
                _ => (
                    "Floods close Emsley harbour road",
                    "Flooding closed the harbour road in Port Emsley for a second day.",
                    "f",
                ),
            };
            format!(
                r#"{{"id":"{i}","title":"{title} ({i})","text":"{text} Report {i}.","source":"S{}","published":"2026-02-02T{:02}:00:00Z","story":"{story}"}}"#,
                i % 4,
                i
            )
        };
        let sorted: Vec<String> = (0..12).map(event).collect();
        let mut shuffled = sorted.clone();
        shuffled.swap(1, 9);
        shuffled.swap(4, 11);
        let (a, b) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"));
        std::fs::write(&a, sorted.join("\n")).unwrap();
        std::fs::write(&b, shuffled.join("\n")).unwrap();
        let cfg = ClusterConfig::builtin().unwrap();
        let streamed = cluster_in_order(&a, &cfg).expect("in order: one pass");
        assert!(
            cluster_in_order(&b, &cfg).is_none(),
            "out of order: read whole"
        );
        let items = read_labelled(&a).unwrap();
        let (pred, syndicated) = cluster_items(&items, &cfg);
        assert_eq!(streamed, (pred, gold_ids(&items), syndicated));
        let (ra, rb) = (run(std::slice::from_ref(&a)).unwrap(), run(&[b]).unwrap());
        assert_eq!(ra.n, 12);
        assert_eq!(ra.metrics, rb.metrics);
    }

    #[test]
    fn generic_jsonl_layout_is_read_and_scored() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("gold.jsonl");
        let lines = [
            r#"{"id":"1","title":"Valdora quake kills 12","text":"A magnitude 6.1 earthquake struck Valdora on Monday, killing 12.","source":"A","published":"2026-02-02","story":"q"}"#,
            r#"{"id":"2","title":"Norland raises rates to 4.5 percent","text":"The Norland central bank raised rates to 4.5 percent.","source":"B","published":"2026-02-02","story":"r"}"#,
            r#"{"id":"3","title":"Earthquake in Valdora: 12 dead","text":"Twelve died when a 6.1 quake hit Valdora on Monday.","source":"C","published":"2026-02-02","story":"q"}"#,
        ];
        std::fs::write(&p, lines.join("\n")).unwrap();
        let r = run(std::slice::from_ref(&p)).unwrap();
        assert_eq!(r.n, 3);
        assert_eq!(r.metrics["gold_clusters"], 2.0);
        assert!(r.metrics["b3_f1"] > 0.0 && r.metrics["b3_f1"] <= 1.0);
        std::fs::write(&p, r#"{"id":"1","title":"x"}"#).unwrap();
        let e = run(&[p]).unwrap_err();
        assert!(e.to_string().contains("no gold story label"), "{e}");
    }
}
