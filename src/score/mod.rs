//! Score: metrics + rubric → a 0–100 score per outlet, with its parts, the findings behind each part,
//! and a bootstrap interval.
//!
//! The stage reads only the finished [`Report`] ([`metrics`] computes each metric from it over its
//! units) and writes each outlet's [`Score`] back into it. The interval resamples the units of every
//! measured metric (facts, sentences, quotations) with replacement, so a score resting on three
//! facts carries a wide interval and says that its evidence is thin.

pub mod metrics;
pub mod rubric;

use crate::report::Report;
pub use crate::report::{Part, RubricSummary, Score};
use crate::rng::{seed_of, SplitMix};
pub use rubric::Rubric;

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Score every outlet of a report under a rubric, in place.
pub fn score(report: &mut Report, rubric: &Rubric) {
    let scores: Vec<(Option<Score>, Option<String>)> = report
        .outlets
        .iter()
        .map(
            |o| match not_scored(report, o, rubric.evidence.same_event_names) {
                Some(why) => (None, Some(why)),
                None => match score_outlet(report, o, rubric) {
                    Some(s) => (Some(s), None),
                    None => (None, Some(NOTHING_MEASURED.to_string())),
                },
            },
        )
        .collect();
    for (o, (s, why)) in report.outlets.iter_mut().zip(scores) {
        o.score = s;
        o.not_scored = why;
    }
    report.rubric = Some(RubricSummary {
        name: rubric.name.clone(),
        path: rubric.path.clone(),
        description: rubric.description.clone(),
        criteria: rubric.criteria.clone(),
        bands: rubric.bands.clone(),
        bootstrap: rubric.evidence.bootstrap,
    });
}

/// The reason given when every criterion of the rubric lacks units for an outlet.
pub const NOTHING_MEASURED: &str = "no criterion of the rubric could be measured";

/// Why an outlet gets no score, or `None` when it can be scored.
///
/// A score says how well the other outlets corroborate what an article reports, so it needs other
/// articles on the same event: a story of one article is not scored, nor is an outlet that shares
/// no fact with any other, has no sentence on the same event as one of theirs, and shares few of
/// their names (it reports another event, or says too little to tell). Its own measurements
/// (hedging, attribution, loaded terms) stay in the report.
///
/// `same_event_names` is the rubric's `evidence.same-event-names`: the share of an outlet's name
/// words that another outlet names too, from which it reports the same event though it shares no
/// fact (same-event reports share their protagonists and places; reports of different events a few
/// common names).
pub fn not_scored(
    report: &Report,
    o: &crate::report::OutletReport,
    same_event_names: f64,
) -> Option<String> {
    if report.articles.len() < 2 {
        return Some("a single article: there is no other outlet to corroborate it against".into());
    }
    let own = report.facts.iter().any(|f| {
        f.members.iter().any(|m| m.article == o.article)
            && f.members.iter().any(|m| m.article != o.article)
    });
    if own || !o.related.is_empty() {
        return None;
    }
    match o.names_shared {
        Some(s) if s >= same_event_names => None,
        Some(s) => Some(format!(
            "it shares no fact with another outlet and few of its names ({:.0}%): it does not report the same event, or says too little to tell",
            s * 100.0
        )),
        None => Some(
            "it shares no fact with another outlet and names no one: nothing to corroborate it against"
                .into(),
        ),
    }
}

fn score_outlet(
    report: &Report,
    o: &crate::report::OutletReport,
    rubric: &Rubric,
) -> Option<Score> {
    let samples: Vec<Option<metrics::Sample>> = rubric
        .criteria
        .iter()
        .map(|c| {
            let def = metrics::find(&c.metric)?;
            let s = (def.compute)(report, o)?;
            s.value().map(|_| s)
        })
        .collect();
    let measured_weight: f64 = rubric
        .criteria
        .iter()
        .zip(&samples)
        .filter(|(_, s)| s.is_some())
        .map(|(c, _)| c.weight)
        .sum();
    if measured_weight <= 0.0 {
        return None;
    }
    let mut parts = Vec::new();
    let mut total = 0.0;
    let mut not_measured = Vec::new();
    let mut thin = Vec::new();
    for (c, s) in rubric.criteria.iter().zip(&samples) {
        let findings: Vec<usize> = report
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.article == o.article && c.findings.contains(&f.kind))
            .map(|(i, _)| i)
            .collect();
        let (value, points, units, eff) = match s {
            Some(s) => {
                let v = s.value().unwrap_or(0.0);
                let p = rubric.evidence.shrink(c.points(v), s.units.len());
                let eff = c.weight / measured_weight;
                total += eff * p;
                if s.units.len() < rubric.evidence.min_units {
                    let what = metrics::find(&c.metric).map_or("units", |m| m.units);
                    thin.push(format!(
                        "{}: {} {what} (under {})",
                        c.id,
                        s.units.len(),
                        rubric.evidence.min_units
                    ));
                }
                (Some(round3(v)), Some(round1(p)), s.units.len(), eff)
            }
            None => {
                not_measured.push(c.id.clone());
                (None, None, 0, 0.0)
            }
        };
        parts.push(Part {
            criterion: c.id.clone(),
            metric: c.metric.clone(),
            value,
            units,
            points,
            weight: c.weight,
            effective_weight: round3(eff),
            contribution: round1(eff * points.unwrap_or(0.0)),
            findings,
        });
    }
    let interval = bootstrap(rubric, &samples, measured_weight, &o.article);
    if interval[1] - interval[0] > rubric.evidence.wide_interval {
        thin.push(format!(
            "the 95% interval spans {:.0} points",
            interval[1] - interval[0]
        ));
    }
    Some(Score {
        points: round1(total),
        band: rubric.band(total).to_string(),
        interval: [round1(interval[0]), round1(interval[1])],
        thin_evidence: thin,
        not_measured,
        parts,
    })
}

/// Percentile bootstrap: resample each measured metric's units, rescore, take the 2.5th and
/// 97.5th percentiles.
fn bootstrap(
    rubric: &Rubric,
    samples: &[Option<metrics::Sample>],
    measured_weight: f64,
    article: &str,
) -> [f64; 2] {
    let n = rubric.evidence.bootstrap;
    let point: f64 = rubric
        .criteria
        .iter()
        .zip(samples)
        .filter_map(|(c, s)| {
            let s = s.as_ref()?;
            Some(c.weight * rubric.evidence.shrink(c.points(s.value()?), s.units.len()))
        })
        .sum::<f64>()
        / measured_weight;
    if n == 0 {
        return [point, point];
    }
    let mut rng = SplitMix(seed_of(article));
    let mut scores = Vec::with_capacity(n);
    for _ in 0..n {
        let mut total = 0.0;
        for (c, s) in rubric.criteria.iter().zip(samples) {
            let Some(s) = s else { continue };
            let k = s.units.len();
            let (mut num, mut den) = (0.0, 0.0);
            for _ in 0..k {
                let (a, b) = s.units[rng.below(k)];
                num += a;
                den += b;
            }
            let v = if den > 0.0 {
                s.scale * num / den
            } else {
                s.value().unwrap_or(0.0)
            };
            total += c.weight * rubric.evidence.shrink(c.points(v), k);
        }
        scores.push(total / measured_weight);
    }
    scores.sort_by(f64::total_cmp);
    let at = |q: f64| scores[((q * (n - 1) as f64).round() as usize).min(n - 1)];
    [at(0.025).min(point), at(0.975).max(point)]
}
