//! Per-source figures across stories, with intervals, mergeable across runs.
//!
//! *What it measures*: for each source, over the stories it appears in (stories with two or more
//! outlets, compared): how many stories it covers and its share of them, and for each metric of
//! [`METRICS`] the mean over stories with a 95% Student-t interval (not a bare mean), from the sum,
//! the sum of squares and the count — so that results of many `audit --jsonl` runs add up exactly
//! (`corroborate merge`).
//!
//! *Why*: one story says little about a source; its habits show across many. An interval says how
//! much the mean would move with other stories.
//!
//! *Limitations*: stories are treated as independent samples; a source with one story has no
//! interval. The per-outlet reliability score (`src/score/`, under the rubric the audit runs with) is
//! the first line of [`METRICS`]; `audit --fail-under` reads its mean.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, StudentsT};

use crate::report::{OutletReport, Report};

/// How a per-story figure of one outlet is read from the story's report.
pub type MetricFn = fn(&Report, &OutletReport) -> Option<f64>;

fn article_sentences(r: &Report, article: &str) -> usize {
    r.articles
        .iter()
        .find(|a| a.id == article)
        .map(|a| a.sentence_count)
        .unwrap_or(0)
}

fn quote_fidelity(o: &OutletReport) -> Option<f64> {
    let matched = 1.0 - o.quote_fidelity.get("unmatched").copied().unwrap_or(0.0);
    if o.quotes == 0 || matched <= 0.0 {
        return None;
    }
    let faithful: f64 = ["verbatim", "minor_edit", "truncated"]
        .iter()
        .map(|k| o.quote_fidelity.get(*k).copied().unwrap_or(0.0))
        .sum();
    Some(faithful / matched)
}

fn off_topic_share(r: &Report, o: &OutletReport) -> Option<f64> {
    let total = article_sentences(r, &o.article);
    if total == 0 {
        return None;
    }
    let flagged: usize = r
        .findings
        .iter()
        .filter(|f| f.kind == "off_topic" && f.article == o.article)
        .map(|f| f.evidence.len().max(1))
        .sum();
    Some((flagged as f64 / total as f64).min(1.0))
}

fn unsupported_share(r: &Report, o: &OutletReport) -> Option<f64> {
    let (judged, unsupported) = r
        .support
        .iter()
        .filter(|s| s.article == o.article)
        .fold((0, 0), |(j, u), s| (j + s.judged, u + s.unsupported));
    (judged > 0).then(|| unsupported as f64 / judged as f64)
}

/// Shares lie in [0, 1]; counts and rates are at least 0.
const SHARE: f64 = 1.0;
const COUNT: f64 = f64::INFINITY;

/// The per-outlet metrics aggregated across stories: one line per metric (id, how to read it from
/// a story's report, the largest value it can take — intervals are clipped to [0, max]).
pub const METRICS: &[(&str, MetricFn, f64)] = &[
    ("score", |_, o| o.score.as_ref().map(|s| s.points), 100.0),
    ("coverage", |_, o| o.coverage, SHARE),
    (
        "exclusive_facts",
        |_, o| Some(o.exclusive_facts as f64),
        COUNT,
    ),
    (
        "omissions",
        |_, o| Some(o.omitted_consensus.len() as f64),
        COUNT,
    ),
    ("conflicts", |_, o| Some(o.conflicts as f64), COUNT),
    ("quote_fidelity", |_, o| quote_fidelity(o), SHARE),
    ("off_topic_share", off_topic_share, SHARE),
    ("unsupported_share", unsupported_share, SHARE),
    ("hedges_per_1k", |_, o| o.hedges_per_1k, COUNT),
    (
        "words",
        |r, o| {
            r.articles
                .iter()
                .find(|a| a.id == o.article)
                .map(|a| a.words as f64)
        },
        COUNT,
    ),
];

/// The largest value a metric can take (unknown metrics, from newer runs: unbounded).
fn metric_max(id: &str) -> f64 {
    METRICS
        .iter()
        .find(|m| m.0 == id)
        .map(|m| m.2)
        .unwrap_or(COUNT)
}

/// Sum, sum of squares and count of a figure: enough for a mean and its interval, and additive.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Moments {
    pub n: u64,
    pub sum: f64,
    pub sum_sq: f64,
}

impl Moments {
    pub fn add(&mut self, x: f64) {
        self.n += 1;
        self.sum += x;
        self.sum_sq += x * x;
    }

    pub fn merge(&mut self, o: &Moments) {
        self.n += o.n;
        self.sum += o.sum;
        self.sum_sq += o.sum_sq;
    }

    /// Mean, standard deviation and the 95% Student-t interval of the mean (`None` under 2 values),
    /// clipped to [0, max].
    pub fn summary_within(&self, max: f64) -> MetricSummary {
        let mut s = self.summary();
        if let Some([lo, hi]) = &mut s.interval {
            *lo = lo.max(0.0);
            *hi = hi.min(max);
        }
        s
    }

    /// Mean, standard deviation and the 95% Student-t interval of the mean (`None` under 2 values).
    pub fn summary(&self) -> MetricSummary {
        let n = self.n as f64;
        let mean = if self.n > 0 { self.sum / n } else { f64::NAN };
        let (sd, interval) = if self.n >= 2 {
            let var = ((self.sum_sq - self.sum * self.sum / n) / (n - 1.0)).max(0.0);
            let sd = var.sqrt();
            let t = StudentsT::new(0.0, 1.0, n - 1.0)
                .map(|d| d.inverse_cdf(0.975))
                .unwrap_or(f64::NAN);
            let half = t * sd / n.sqrt();
            (
                Some(round(sd)),
                Some([round(mean - half), round(mean + half)]),
            )
        } else {
            (None, None)
        };
        MetricSummary {
            n: self.n,
            mean: (self.n > 0).then(|| round(mean)),
            sd,
            interval,
        }
    }
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A metric across stories.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricSummary {
    pub n: u64,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    /// 95% interval of the mean (Student t), when there are two stories or more.
    pub interval: Option<[f64; 2]>,
}

/// One source in one story, as written in a story line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourceInStory {
    pub source: String,
    pub article: String,
    /// Items of this source in the story that were copies of another item (syndicated).
    pub syndicated_copies: usize,
    pub metrics: BTreeMap<String, f64>,
}

/// The metrics of [`METRICS`] that need no other outlet: the only ones kept for an outlet that is
/// not scored (nothing to corroborate it against), so that such a story feeds no comparative
/// aggregate of its source.
pub const OWN_METRICS: &[&str] = &["hedges_per_1k", "words"];

/// The figures of one source in one story's report.
pub fn source_metrics(r: &Report, o: &OutletReport) -> BTreeMap<String, f64> {
    METRICS
        .iter()
        .filter(|(id, ..)| o.not_scored.is_none() || OWN_METRICS.contains(id))
        .filter_map(|(id, f, _)| {
            f(r, o)
                .filter(|v| v.is_finite())
                .map(|v| (id.to_string(), v))
        })
        .collect()
}

/// Running totals of one source.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SourceTotals {
    /// Compared stories (two or more outlets) it appears in.
    pub stories_covered: u64,
    /// Stories only it reported (one outlet: nothing to compare).
    pub solo_stories: u64,
    pub syndicated_copies: u64,
    pub metrics: BTreeMap<String, Moments>,
}

/// Everything needed to summarise, and to merge with other runs.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Totals {
    /// Stories compared (two or more outlets).
    pub stories_compared: u64,
    /// All stories, including single-outlet ones.
    pub stories: u64,
    pub items: u64,
    pub syndicated_items: u64,
    pub sources: BTreeMap<String, SourceTotals>,
}

/// What one story contributes: the line `audit --jsonl` writes and `merge` reads.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoryLine {
    pub story: String,
    pub title: Option<String>,
    pub items: usize,
    /// Distinct sources after counting each wire text once.
    pub outlets: Vec<String>,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    /// Items by how much text they carry: title, summary, full.
    pub text: BTreeMap<String, usize>,
    pub syndication: Vec<SyndicationGroup>,
    pub compared: bool,
    /// Why the story was not compared, when it has two or more outlets and failed.
    pub error: Option<String>,
    pub sources: Vec<SourceInStory>,
    /// Sources of single-outlet stories.
    #[serde(default)]
    pub solo: Vec<String>,
}

/// Items carrying the same wire text under several publishers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SyndicationGroup {
    /// The first item of the text (the one compared).
    pub original: ItemRef,
    pub copies: Vec<ItemRef>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ItemRef {
    pub id: String,
    pub source: Option<String>,
    pub url: Option<String>,
}

impl Totals {
    pub fn add(&mut self, line: &StoryLine) {
        self.stories += 1;
        self.items += line.items as u64;
        self.syndicated_items += line
            .syndication
            .iter()
            .map(|g| g.copies.len() as u64)
            .sum::<u64>();
        if line.compared {
            self.stories_compared += 1;
        }
        for s in &line.sources {
            let t = self.sources.entry(s.source.clone()).or_default();
            t.syndicated_copies += s.syndicated_copies as u64;
            // A source present only through wire copies is not a separate report of the story.
            if line.compared && !s.article.is_empty() {
                t.stories_covered += 1;
                for (k, v) in &s.metrics {
                    t.metrics.entry(k.clone()).or_default().add(*v);
                }
            }
        }
        for s in &line.solo {
            self.sources.entry(s.clone()).or_default().solo_stories += 1;
        }
    }

    pub fn merge(&mut self, o: &Totals) {
        self.stories += o.stories;
        self.stories_compared += o.stories_compared;
        self.items += o.items;
        self.syndicated_items += o.syndicated_items;
        for (k, v) in &o.sources {
            let t = self.sources.entry(k.clone()).or_default();
            t.stories_covered += v.stories_covered;
            t.solo_stories += v.solo_stories;
            t.syndicated_copies += v.syndicated_copies;
            for (m, x) in &v.metrics {
                t.metrics.entry(m.clone()).or_default().merge(x);
            }
        }
    }

    pub fn summary(&self) -> Summary {
        Summary {
            schema_version: 1,
            stories: self.stories,
            stories_compared: self.stories_compared,
            items: self.items,
            syndicated_items: self.syndicated_items,
            sources: self
                .sources
                .iter()
                .map(|(name, t)| SourceSummary {
                    source: name.clone(),
                    stories_covered: t.stories_covered,
                    coverage_share: (self.stories_compared > 0)
                        .then(|| round(t.stories_covered as f64 / self.stories_compared as f64)),
                    solo_stories: t.solo_stories,
                    syndicated_copies: t.syndicated_copies,
                    metrics: t
                        .metrics
                        .iter()
                        .map(|(k, m)| (k.clone(), m.summary_within(metric_max(k))))
                        .collect(),
                })
                .collect(),
            totals: self.clone(),
        }
    }
}

/// The audit summary (summary.json).
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub schema_version: u32,
    pub stories: u64,
    pub stories_compared: u64,
    pub items: u64,
    pub syndicated_items: u64,
    pub sources: Vec<SourceSummary>,
    /// The raw totals, so that summaries can be merged too.
    pub totals: Totals,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceSummary {
    pub source: String,
    pub stories_covered: u64,
    /// Share of the compared stories it appears in.
    pub coverage_share: Option<f64>,
    pub solo_stories: u64,
    pub syndicated_copies: u64,
    pub metrics: BTreeMap<String, MetricSummary>,
}

/// The columns of the summary table, in order (metric ids of [`METRICS`]).
pub const TABLE_METRICS: &[&str] = &[
    "score",
    "coverage",
    "exclusive_facts",
    "omissions",
    "conflicts",
    "quote_fidelity",
    "off_topic_share",
    "unsupported_share",
];

fn cell(m: Option<&MetricSummary>) -> String {
    match m {
        Some(MetricSummary {
            mean: Some(mean),
            interval: Some([lo, hi]),
            ..
        }) => format!("{mean:.2} [{lo:.2}, {hi:.2}]"),
        Some(MetricSummary {
            mean: Some(mean), ..
        }) => format!("{mean:.2}"),
        _ => "—".to_string(),
    }
}

/// A markdown table of the summary: one row per source (most stories first).
pub fn markdown(s: &Summary) -> String {
    let mut out = format!(
        "# Feed audit\n\n{} items, {} stories, {} compared (two or more outlets), {} syndicated copies.\n\n\
         Cells: mean over stories [95% interval].\n\n",
        s.items, s.stories, s.stories_compared, s.syndicated_items
    );
    out.push_str("| source | stories | share | solo | copies |");
    for m in TABLE_METRICS {
        out.push_str(&format!(" {m} |"));
    }
    out.push_str("\n|---|---:|---:|---:|---:|");
    for _ in TABLE_METRICS {
        out.push_str("---|");
    }
    out.push('\n');
    let mut rows: Vec<&SourceSummary> = s.sources.iter().collect();
    rows.sort_by(|a, b| {
        b.stories_covered
            .cmp(&a.stories_covered)
            .then(a.source.cmp(&b.source))
    });
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |",
            r.source.replace('|', "\\|"),
            r.stories_covered,
            r.coverage_share
                .map(|x| format!("{x:.2}"))
                .unwrap_or("—".into()),
            r.solo_stories,
            r.syndicated_copies
        ));
        for m in TABLE_METRICS {
            out.push_str(&format!(" {} |", cell(r.metrics.get(*m))));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_give_a_t_interval_and_merge_exactly() {
        let mut a = Moments::default();
        for x in [1.0, 2.0, 3.0] {
            a.add(x);
        }
        let s = a.summary();
        // mean 2, sd 1, t(0.975, 2) = 4.3027 → half-width 4.3027 / sqrt(3) = 2.4841.
        assert_eq!(s.mean, Some(2.0));
        assert_eq!(s.sd, Some(1.0));
        let [lo, hi] = s.interval.unwrap();
        assert!((lo - (2.0 - 2.4841)).abs() < 1e-3 && (hi - (2.0 + 2.4841)).abs() < 1e-3);
        let mut b = Moments::default();
        b.add(4.0);
        assert_eq!(b.summary().interval, None);
        let mut all = Moments::default();
        for x in [1.0, 2.0, 3.0, 4.0] {
            all.add(x);
        }
        a.merge(&b);
        assert_eq!(a, all);
    }

    fn line(story: &str, sources: &[(&str, f64)], compared: bool) -> StoryLine {
        StoryLine {
            story: story.into(),
            title: None,
            items: sources.len(),
            outlets: sources.iter().map(|s| s.0.to_string()).collect(),
            first_published: None,
            last_published: None,
            text: BTreeMap::new(),
            syndication: Vec::new(),
            compared,
            error: None,
            sources: sources
                .iter()
                .map(|(s, c)| SourceInStory {
                    source: s.to_string(),
                    article: s.to_string(),
                    syndicated_copies: 0,
                    metrics: [("coverage".to_string(), *c)].into_iter().collect(),
                })
                .collect(),
            solo: Vec::new(),
        }
    }

    #[test]
    fn totals_add_up_and_merge_like_one_run() {
        let lines = [
            line("1", &[("A", 1.0), ("B", 0.5)], true),
            line("2", &[("A", 0.0), ("C", 1.0)], true),
            line("3", &[("B", 0.25), ("C", 0.75)], true),
        ];
        let mut one = Totals::default();
        for l in &lines {
            one.add(l);
        }
        let (mut x, mut y) = (Totals::default(), Totals::default());
        x.add(&lines[0]);
        y.add(&lines[1]);
        y.add(&lines[2]);
        x.merge(&y);
        let (s1, s2) = (one.summary(), x.summary());
        assert_eq!(
            serde_json::to_string(&s1).unwrap(),
            serde_json::to_string(&s2).unwrap()
        );
        let a = &s1.sources[0];
        assert_eq!((a.source.as_str(), a.stories_covered), ("A", 2));
        assert!((a.coverage_share.unwrap() - 0.6667).abs() < 1e-4);
        assert_eq!(a.metrics["coverage"].mean, Some(0.5));
        let md = markdown(&s1);
        assert!(md.contains("| A | 2 | 0.67 |"), "{md}");
    }
}
