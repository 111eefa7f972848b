//! `eval blocking`: how many of the pairs that brute force aligns does blocking keep, and what share
//! of all cross-article pairs does it keep.
//!
//! *What it measures*: brute force scores every pair of sentences from different articles with the
//! same-fact model; the pairs at or above the threshold are the reference. `recall` is the share of
//! them among blocking's candidates; `kept_share` is candidates over all cross-article pairs.
//! On a directory of articles (a story) the story is measured as one; on BASIL each triplet is a
//! story (`recall`, `kept_share` pooled over triplets), and all its articles together form one large
//! pool of unrelated stories (`recall_pooled`, `kept_share_pooled`), the case of a feed.
//!
//! *Why*: blocking is what keeps alignment cheap; it must not lose the pairs that matter
//! (target: recall ≥ 0.99; kept share ≤ 10% at 50+ articles).

use std::collections::HashSet;
use std::path::PathBuf;

use crate::align::{self, blocking};
use crate::error::{Error, Result};
use crate::eval::EvalResult;
use crate::load::basil;
use crate::model::{Document, RawArticle};
use crate::Engine;

/// Counts of one measurement.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub cross_pairs: usize,
    pub candidates: usize,
    pub aligned: usize,
    pub aligned_kept: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.cross_pairs += o.cross_pairs;
        self.candidates += o.candidates;
        self.aligned += o.aligned;
        self.aligned_kept += o.aligned_kept;
    }
    pub fn recall(&self) -> f64 {
        if self.aligned == 0 {
            1.0
        } else {
            self.aligned_kept as f64 / self.aligned as f64
        }
    }
    pub fn kept_share(&self) -> f64 {
        if self.cross_pairs == 0 {
            0.0
        } else {
            self.candidates as f64 / self.cross_pairs as f64
        }
    }
}

fn documents(raws: Vec<RawArticle>, engine: &Engine) -> Vec<Document> {
    raws.into_iter()
        .map(|r| crate::segment::segment(crate::clean::clean(r, &engine.rules)))
        .filter(|d| !d.sentences.is_empty())
        .collect()
}

/// Blocking against brute force on one story.
pub fn measure(docs: &[Document], engine: &Engine) -> Counts {
    let idf = align::story_idf(docs);
    let infos = align::prepare(docs, &engine.align, &idf);
    let candidates: HashSet<(usize, usize)> = blocking::candidates(&infos, &engine.align)
        .into_iter()
        .collect();
    let mut c = Counts {
        cross_pairs: blocking::cross_pairs(&infos),
        candidates: candidates.len(),
        ..Counts::default()
    };
    let threshold = engine.align.facts.same_fact_threshold;
    for (i, j) in blocking::all_cross_pairs(&infos) {
        if align::pair_probability(
            &infos[i],
            &infos[j],
            &engine.model,
            &idf,
            engine.align.facts.clause_floor,
        ) >= threshold
        {
            c.aligned += 1;
            if candidates.contains(&(i, j)) {
                c.aligned_kept += 1;
            }
        }
    }
    c
}

pub fn run(paths: &[PathBuf]) -> Result<EvalResult> {
    let engine = Engine::builtin()?;
    let [path] = paths else {
        return Err(Error::Eval(
            "eval blocking takes one directory: a story, or BASIL".into(),
        ));
    };
    if path.join("articles").is_dir() {
        let articles = basil::read(path)?;
        let n = articles.len();
        let all: Vec<RawArticle> = articles.iter().map(|a| a.raw.clone()).collect();
        let mut triplets = Counts::default();
        for (_, raws) in basil::by_triplet(articles) {
            triplets.add(measure(&documents(raws, &engine), &engine));
        }
        let pooled = measure(&documents(all, &engine), &engine);
        return Ok(EvalResult::new(
            "blocking",
            n,
            [
                ("recall", triplets.recall()),
                ("kept_share", triplets.kept_share()),
                ("aligned_pairs", triplets.aligned as f64),
                ("recall_pooled", pooled.recall()),
                ("kept_share_pooled", pooled.kept_share()),
                ("aligned_pairs_pooled", pooled.aligned as f64),
            ],
        ));
    }
    let loaded = crate::load::load(
        &[path.display().to_string()],
        &crate::load::LoadOptions::default(),
    )?;
    let docs = documents(loaded.articles, &engine);
    let c = measure(&docs, &engine);
    Ok(EvalResult::new(
        "blocking",
        docs.len(),
        [
            ("recall", c.recall()),
            ("kept_share", c.kept_share()),
            ("aligned_pairs", c.aligned as f64),
            ("candidates", c.candidates as f64),
            ("cross_pairs", c.cross_pairs as f64),
        ],
    ))
}
