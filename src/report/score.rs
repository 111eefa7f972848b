//! The score as the report holds it: each outlet's points, band, interval and parts, and the rubric
//! it was scored with. Plain data; `crate::score` computes it from the report's measurements and
//! writes it here (the dependency runs one way: score → report).

use serde::Serialize;

/// One criterion's share of a score.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    pub criterion: String,
    pub metric: String,
    /// The metric value; `None` when it could not be measured (the part is then left out).
    pub value: Option<f64>,
    /// How many units (facts, sentences, quotations) the value rests on.
    pub units: usize,
    pub points: Option<f64>,
    /// The rubric's weight, and the weight after renormalising over the measured parts.
    pub weight: f64,
    pub effective_weight: f64,
    /// `effective_weight × points`: what this part adds to the score.
    pub contribution: f64,
    /// Indices into `Report::findings` of this outlet's findings of the kinds the criterion names.
    pub findings: Vec<usize>,
}

/// An outlet's score under a rubric.
#[derive(Debug, Clone, Serialize)]
pub struct Score {
    /// 0–100, one decimal.
    pub points: f64,
    pub band: String,
    /// Bootstrap 95% interval of `points`.
    pub interval: [f64; 2],
    /// Why the evidence is thin (few units, a wide interval); empty when it is not.
    pub thin_evidence: Vec<String>,
    /// Criteria that could not be measured for this outlet (their weight went to the others).
    pub not_measured: Vec<String>,
    pub parts: Vec<Part>,
}

/// The rubric a report was scored with, for its methods section.
#[derive(Debug, Clone, Serialize)]
pub struct RubricSummary {
    pub name: String,
    pub path: String,
    pub description: String,
    pub criteria: Vec<Criterion>,
    pub bands: Vec<Band>,
    pub bootstrap: usize,
}

/// Which way a metric is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Higher,
    Lower,
}

/// One scored aspect of an outlet's report.
#[derive(Debug, Clone, Serialize)]
pub struct Criterion {
    pub id: String,
    pub metric: String,
    pub direction: Direction,
    pub weight: f64,
    /// Points `(metric value, points)`, values increasing; the points between are interpolated and
    /// the ends extend flat.
    pub curve: Vec<(f64, f64)>,
    /// Finding kinds that are the evidence for this criterion.
    pub findings: Vec<String>,
    pub rationale: String,
}

impl Criterion {
    /// Points (0–100) for a metric value.
    pub fn points(&self, x: f64) -> f64 {
        let c = &self.curve;
        if x <= c[0].0 {
            return c[0].1;
        }
        for w in c.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            if x <= x1 {
                return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
            }
        }
        c[c.len() - 1].1
    }
}

/// A named range of scores, `min` inclusive, `max` exclusive (the top band includes 100).
#[derive(Debug, Clone, Serialize)]
pub struct Band {
    pub name: String,
    pub min: f64,
    pub max: f64,
    #[serde(skip)]
    pub(crate) line: usize,
}
