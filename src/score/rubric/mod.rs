//! Rubrics: criteria, weights, curves and bands kept as data (`rubrics/default.toml`).
//!
//! A rubric is read from the TOML syntax tree with spans, not through `serde`, so that validation
//! can report **every** problem at once with its line and a hint: unknown keys (with "did you
//! mean"), unknown metric ids, weights that are negative, not numbers, or do not sum to 1, curves
//! that do not rise with a better metric, bands that overlap or leave gaps, and worked examples
//! whose score differs from what the rubric says they should get.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::metrics;
use crate::error::{line_of, report_problems, Result};
pub use crate::report::{Band, Criterion, Direction};

/// The rubric compiled into the binary.
pub const BUILTIN: (&str, &str) = (
    "rubrics/default.toml",
    include_str!("../../../rubrics/default.toml"),
);

/// Finding kinds a criterion may point at (the kinds `Report::build` produces).
pub const FINDING_KINDS: &[&str] = &[
    "altered_quote",
    "certainty_shift",
    "date_conflict",
    "headline_unsupported",
    "loaded_language",
    "misattributed_quote",
    "missing_speaker",
    "numeric_conflict",
    "off_topic",
    "off_topic_paragraph",
    "omitted_fact",
    "placement",
    "unmatched_quote",
    "unsupported",
];

/// How thin evidence is judged and how the interval is computed.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// Bootstrap replicates for the score's interval.
    pub bootstrap: usize,
    /// A measured part resting on fewer units than this makes the evidence thin.
    pub min_units: usize,
    /// An interval wider than this many points makes the evidence thin.
    pub wide_interval: f64,
    /// A part resting on fewer than `prior_units` units is drawn toward `prior_points` in
    /// proportion to the units it lacks: `(n · points + (k − n) · prior) / k`. A part resting on one
    /// sentence cannot score like one resting on twenty; from `k` units on, the points are the
    /// curve's (so that more text never earns points by itself). 0: no shrinkage.
    pub prior_units: usize,
    pub prior_points: f64,
    /// An outlet that shares no fact with the others is still on the same event (and scored) when
    /// at least this share of its name words are named by another outlet too.
    pub same_event_names: f64,
}

impl Evidence {
    /// A part's points after shrinkage toward the prior, over `units` units.
    pub fn shrink(&self, points: f64, units: usize) -> f64 {
        let k = self.prior_units;
        if units >= k {
            return points;
        }
        (units as f64 * points + (k - units) as f64 * self.prior_points) / k as f64
    }
}

/// A worked example: metric values and the score and band the rubric must give them.
#[derive(Debug, Clone, Serialize)]
pub struct Example {
    pub name: String,
    pub metrics: BTreeMap<String, f64>,
    pub score: f64,
    pub tolerance: f64,
    pub band: Option<String>,
    #[serde(skip)]
    line: usize,
}

/// A validated rubric.
#[derive(Debug, Clone, Serialize)]
pub struct Rubric {
    /// Where it was read from.
    pub path: String,
    pub name: String,
    pub description: String,
    pub criteria: Vec<Criterion>,
    pub bands: Vec<Band>,
    pub evidence: Evidence,
    pub examples: Vec<Example>,
}

impl Rubric {
    /// The rubric compiled into the binary.
    pub fn builtin() -> Result<Rubric> {
        Rubric::parse(BUILTIN.1, Path::new(BUILTIN.0))
    }

    /// Read and validate a rubric file.
    pub fn from_file(path: &Path) -> Result<Rubric> {
        let text = std::fs::read_to_string(path).map_err(|e| crate::Error::Config {
            path: path.to_path_buf(),
            line: 0,
            reason: format!("cannot read the rubric: {e}"),
        })?;
        Rubric::parse(&text, path)
    }

    /// Parse and validate; every problem is reported at once, with its line.
    pub fn parse(text: &str, path: &Path) -> Result<Rubric> {
        let root = DeTable::parse(text).map_err(|e| crate::Error::Config {
            path: path.to_path_buf(),
            line: e.span().map(|s| line_of(text, s.start)).unwrap_or(1),
            reason: format!("not valid TOML: {}", e.message()),
        })?;
        let mut r = Reader {
            text,
            problems: Vec::new(),
            dropped_criterion: false,
        };
        let rubric = r.rubric(root.get_ref(), path);
        if let Some(rubric) = &rubric {
            r.validate(rubric);
        }
        report_problems(path, r.problems)?;
        Ok(rubric.expect("a rubric without problems was read"))
    }

    /// The band a score falls in.
    pub fn band(&self, score: f64) -> &str {
        self.bands
            .iter()
            .find(|b| score >= b.min && score < b.max)
            .or_else(|| self.bands.iter().max_by(|a, b| a.max.total_cmp(&b.max)))
            .map_or("", |b| b.name.as_str())
    }

    /// The weighted score of a set of metric values; criteria whose metric is absent are left out
    /// and the remaining weights renormalised. `None` when no criterion is measured.
    pub fn score_values(&self, values: &BTreeMap<String, f64>) -> Option<f64> {
        let mut total = 0.0;
        let mut weight = 0.0;
        for c in &self.criteria {
            if let Some(&v) = values.get(&c.metric) {
                total += c.weight * c.points(v);
                weight += c.weight;
            }
        }
        (weight > 0.0).then(|| total / weight)
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the syntax tree
// ---------------------------------------------------------------------------------------------

type Value<'i> = Spanned<DeValue<'i>>;

struct Reader<'t> {
    text: &'t str,
    problems: Vec<(usize, String)>,
    /// A criterion could not be read (its problem is reported): the weights cannot be summed.
    dropped_criterion: bool,
}

/// The closest name among `known`, for "did you mean".
fn did_you_mean(word: &str, known: &[&str]) -> String {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(word, k), *k))
        .filter(|(s, _)| *s >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| format!("; did you mean `{k}`?"))
        .unwrap_or_default()
}

impl<'t> Reader<'t> {
    fn line(&self, v: &Value) -> usize {
        line_of(self.text, v.span().start)
    }

    fn problem(&mut self, line: usize, what: String) {
        self.problems.push((line, what));
    }

    /// Check a table's keys, and return its values by key.
    fn fields<'a, 'i>(
        &mut self,
        table: &'a DeTable<'i>,
        allowed: &[&str],
        what: &str,
    ) -> BTreeMap<String, &'a Value<'i>> {
        let mut out = BTreeMap::new();
        for (k, v) in table.iter() {
            let key: &str = k.get_ref().as_ref();
            if allowed.contains(&key) {
                out.insert(key.to_string(), v);
            } else {
                let line = line_of(self.text, k.span().start);
                let hint = did_you_mean(key, allowed);
                self.problem(
                    line,
                    format!(
                        "unknown key `{key}` in {what}{}",
                        if hint.is_empty() {
                            format!(" (known: {})", allowed.join(", "))
                        } else {
                            hint
                        }
                    ),
                );
            }
        }
        out
    }

    fn string(&mut self, v: &Value, what: &str) -> Option<String> {
        match v.get_ref().as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                let line = self.line(v);
                self.problem(
                    line,
                    format!("{what} must be a string, not {}", v.get_ref().type_str()),
                );
                None
            }
        }
    }

    fn number(&mut self, v: &Value, what: &str) -> Option<f64> {
        let parsed = match v.get_ref() {
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            DeValue::Integer(i) if i.radix() == 10 => i
                .as_str()
                .replace('_', "")
                .parse::<i64>()
                .ok()
                .map(|n| n as f64),
            _ => None,
        };
        match parsed {
            Some(x) if x.is_finite() => Some(x),
            Some(x) => {
                let line = self.line(v);
                self.problem(line, format!("{what} must be a finite number, not {x}"));
                None
            }
            None => {
                let line = self.line(v);
                self.problem(
                    line,
                    format!("{what} must be a number, not {}", v.get_ref().type_str()),
                );
                None
            }
        }
    }

    fn required<'a, 'i>(
        &mut self,
        fields: &BTreeMap<String, &'a Value<'i>>,
        key: &str,
        line: usize,
        what: &str,
    ) -> Option<&'a Value<'i>> {
        let v = fields.get(key).copied();
        if v.is_none() {
            self.problem(line, format!("{what} has no `{key}`"));
        }
        v
    }

    /// The tables of an array of tables (`[[criteria]]`).
    fn tables<'a, 'i>(&mut self, v: &'a Value<'i>, what: &str) -> Vec<(usize, &'a DeTable<'i>)> {
        let Some(items) = v.get_ref().as_array() else {
            let line = self.line(v);
            self.problem(
                line,
                format!("`{what}` must be an array of tables ([[{what}]])"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref().as_table() {
                Some(t) => out.push((self.line(item), t)),
                None => {
                    let line = self.line(item);
                    self.problem(line, format!("each `{what}` entry must be a table"));
                }
            }
        }
        out
    }

    fn rubric(&mut self, root: &DeTable, path: &Path) -> Option<Rubric> {
        let top = self.fields(
            root,
            &[
                "version",
                "name",
                "description",
                "evidence",
                "criteria",
                "bands",
                "examples",
            ],
            "the rubric",
        );
        match top.get("version") {
            None => self.problem(
                1,
                "the rubric has no `version` (this program reads 1)".into(),
            ),
            Some(v) => {
                if self.number(v, "`version`") != Some(1.0) {
                    let line = self.line(v);
                    self.problem(line, "`version` must be 1".into());
                }
            }
        }
        let name = top
            .get("name")
            .and_then(|v| self.string(v, "`name`"))
            .unwrap_or_else(|| {
                path.file_stem()
                    .map_or("rubric".into(), |s| s.to_string_lossy().into_owned())
            });
        let description = top
            .get("description")
            .and_then(|v| self.string(v, "`description`"))
            .unwrap_or_default();
        let evidence = self.evidence(top.get("evidence").copied());
        let criteria = match top.get("criteria") {
            Some(v) => {
                let tables = self.tables(v, "criteria");
                let n = tables.len();
                let read: Vec<(usize, Criterion)> = tables
                    .into_iter()
                    .filter_map(|(line, t)| self.criterion(line, t))
                    .collect();
                self.dropped_criterion = read.len() < n;
                read
            }
            None => {
                self.problem(1, "the rubric has no [[criteria]]".into());
                Vec::new()
            }
        };
        let bands = match top.get("bands") {
            Some(v) => self
                .tables(v, "bands")
                .into_iter()
                .filter_map(|(line, t)| self.band(line, t))
                .collect(),
            None => {
                self.problem(1, "the rubric has no [[bands]]".into());
                Vec::new()
            }
        };
        let examples = match top.get("examples") {
            Some(v) => self
                .tables(v, "examples")
                .into_iter()
                .filter_map(|(line, t)| self.example(line, t))
                .collect(),
            None => Vec::new(),
        };
        Some(Rubric {
            path: path.display().to_string(),
            name,
            description,
            criteria: criteria.into_iter().map(|(_, c)| c).collect(),
            bands: bands.into_iter().map(|(_, b)| b).collect(),
            evidence,
            examples,
        })
    }

    fn evidence(&mut self, v: Option<&Value>) -> Evidence {
        let mut e = Evidence {
            bootstrap: 1000,
            min_units: 5,
            wide_interval: 20.0,
            prior_units: 0,
            prior_points: 50.0,
            same_event_names: 0.25,
        };
        let Some(v) = v else { return e };
        let Some(t) = v.get_ref().as_table() else {
            let line = self.line(v);
            self.problem(line, "[evidence] must be a table".into());
            return e;
        };
        let f = self.fields(
            t,
            &[
                "bootstrap",
                "min-units",
                "wide-interval",
                "prior-units",
                "prior-points",
                "same-event-names",
            ],
            "[evidence]",
        );
        for (key, slot) in [
            ("bootstrap", 0),
            ("min-units", 1),
            ("prior-units", 2),
            ("wide-interval", 3),
            ("prior-points", 4),
            ("same-event-names", 5),
        ] {
            let Some(v) = f.get(key) else { continue };
            let Some(x) = self.number(v, &format!("`{key}`")) else {
                continue;
            };
            if x < 0.0 || (slot < 3 && x.fract() != 0.0) {
                let line = self.line(v);
                self.problem(line, format!("`{key}` must be a non-negative whole number"));
                continue;
            }
            if slot == 4 && x > 100.0 {
                let line = self.line(v);
                self.problem(line, format!("`{key}` must be within 0..=100"));
                continue;
            }
            if slot == 5 && x > 1.0 {
                let line = self.line(v);
                self.problem(line, format!("`{key}` must be within 0..=1"));
                continue;
            }
            match slot {
                0 => e.bootstrap = x as usize,
                1 => e.min_units = x as usize,
                2 => e.prior_units = x as usize,
                3 => e.wide_interval = x,
                4 => e.prior_points = x,
                _ => e.same_event_names = x,
            }
        }
        e
    }

    fn criterion(&mut self, line: usize, t: &DeTable) -> Option<(usize, Criterion)> {
        let f = self.fields(
            t,
            &[
                "id",
                "metric",
                "direction",
                "weight",
                "curve",
                "findings",
                "rationale",
            ],
            "a criterion",
        );
        let id = self
            .required(&f, "id", line, "a criterion")
            .and_then(|v| self.string(v, "`id`"));
        let what = format!("criterion `{}`", id.as_deref().unwrap_or("?"));
        let metric = self
            .required(&f, "metric", line, &what)
            .and_then(|v| Some((self.line(v), self.string(v, "`metric`")?)));
        if let Some((l, m)) = &metric {
            if metrics::find(m).is_none() {
                let known: Vec<&str> = metrics::METRICS.iter().map(|m| m.id).collect();
                let hint = did_you_mean(m, &known);
                self.problem(
                    *l,
                    format!(
                        "{what}: unknown metric `{m}`{}",
                        if hint.is_empty() {
                            format!(" (known: {})", known.join(", "))
                        } else {
                            hint
                        }
                    ),
                );
            }
        }
        let direction = self
            .required(&f, "direction", line, &what)
            .and_then(|v| {
                let s = self.string(v, "`direction`")?;
                match s.as_str() {
                    "higher" => Some(Direction::Higher),
                    "lower" => Some(Direction::Lower),
                    other => {
                        let l = self.line(v);
                        self.problem(
                            l,
                            format!(
                                "{what}: direction `{other}` is neither `higher` nor `lower` (which way the metric is better)"
                            ),
                        );
                        None
                    }
                }
            });
        let weight = self.required(&f, "weight", line, &what).and_then(|v| {
            let w = self.number(v, &format!("{what}: `weight`"))?;
            if w < 0.0 {
                let l = self.line(v);
                self.problem(l, format!("{what}: weight {w} is negative"));
                return None;
            }
            Some(w)
        });
        let curve = self
            .required(&f, "curve", line, &what)
            .and_then(|v| self.curve(v, &what, direction));
        let findings = match f.get("findings") {
            None => Vec::new(),
            Some(v) => match v.get_ref().as_array() {
                None => {
                    let l = self.line(v);
                    self.problem(
                        l,
                        format!("{what}: `findings` must be a list of finding kinds"),
                    );
                    Vec::new()
                }
                Some(items) => items
                    .iter()
                    .filter_map(|k| {
                        let s = self.string(k, "a finding kind")?;
                        if !FINDING_KINDS.contains(&s.as_str()) {
                            let l = self.line(k);
                            let hint = did_you_mean(&s, FINDING_KINDS);
                            self.problem(
                                l,
                                format!(
                                    "{what}: unknown finding kind `{s}`{}",
                                    if hint.is_empty() {
                                        format!(" (known: {})", FINDING_KINDS.join(", "))
                                    } else {
                                        hint
                                    }
                                ),
                            );
                        }
                        Some(s)
                    })
                    .collect(),
            },
        };
        let rationale = self
            .required(&f, "rationale", line, &what)
            .and_then(|v| self.string(v, "`rationale`"));
        Some((
            line,
            Criterion {
                id: id?,
                metric: metric?.1,
                direction: direction?,
                weight: weight?,
                curve: curve?,
                findings,
                rationale: rationale?,
            },
        ))
    }

    /// `curve = [[x, points], …]`: values strictly increasing, points within 0–100 that never fall
    /// as the metric gets better.
    fn curve(
        &mut self,
        v: &Value,
        what: &str,
        direction: Option<Direction>,
    ) -> Option<Vec<(f64, f64)>> {
        let line = self.line(v);
        let bad = |r: &mut Self, why: &str| {
            r.problem(
                line,
                format!("{what}: {why} (a curve is [[metric value, points], …])"),
            );
            None
        };
        let Some(items) = v.get_ref().as_array() else {
            return bad(self, "`curve` is not a list");
        };
        let mut points = Vec::new();
        for item in items.iter() {
            let pair = item.get_ref().as_array().filter(|p| p.len() == 2);
            let Some(pair) = pair else {
                return bad(self, "each point must be a pair");
            };
            let x = self.number(&pair[0], &format!("{what}: a curve value"))?;
            let y = self.number(&pair[1], &format!("{what}: curve points"))?;
            points.push((x, y));
        }
        if points.len() < 2 {
            return bad(self, "a curve needs at least two points");
        }
        let mut ok = true;
        for w in points.windows(2) {
            if w[1].0 <= w[0].0 {
                self.problem(
                    line,
                    format!(
                        "{what}: curve values must increase ({} comes after {})",
                        w[1].0, w[0].0
                    ),
                );
                ok = false;
            }
            let falls = match direction {
                Some(Direction::Higher) => w[1].1 < w[0].1,
                Some(Direction::Lower) => w[1].1 > w[0].1,
                None => false,
            };
            if falls {
                let dir = if direction == Some(Direction::Higher) {
                    "higher"
                } else {
                    "lower"
                };
                self.problem(
                    line,
                    format!(
                        "{what}: the curve is not increasing: a better value ({dir} is better) must not get fewer points ({} → {} points, then {} → {})",
                        w[0].0, w[0].1, w[1].0, w[1].1
                    ),
                );
                ok = false;
            }
        }
        for &(x, y) in &points {
            if !(0.0..=100.0).contains(&y) {
                self.problem(line, format!("{what}: {y} points at {x} is outside 0–100"));
                ok = false;
            }
        }
        ok.then_some(points)
    }

    fn band(&mut self, line: usize, t: &DeTable) -> Option<(usize, Band)> {
        let f = self.fields(t, &["name", "min", "max"], "a band");
        let name = self
            .required(&f, "name", line, "a band")
            .and_then(|v| self.string(v, "`name`"));
        let what = format!("band `{}`", name.as_deref().unwrap_or("?"));
        let min = self
            .required(&f, "min", line, &what)
            .and_then(|v| self.number(v, "`min`"));
        let max = self
            .required(&f, "max", line, &what)
            .and_then(|v| self.number(v, "`max`"));
        let (name, min, max) = (name?, min?, max?);
        if min >= max || min < 0.0 || max > 100.0 {
            self.problem(
                line,
                format!("{what}: min {min} and max {max} must satisfy 0 ≤ min < max ≤ 100"),
            );
            return None;
        }
        Some((
            line,
            Band {
                name,
                min,
                max,
                line,
            },
        ))
    }

    fn example(&mut self, line: usize, t: &DeTable) -> Option<Example> {
        let f = self.fields(
            t,
            &["name", "metrics", "score", "tolerance", "band"],
            "an example",
        );
        let name = self
            .required(&f, "name", line, "an example")
            .and_then(|v| self.string(v, "`name`"));
        let what = format!("example `{}`", name.as_deref().unwrap_or("?"));
        let mut values = BTreeMap::new();
        if let Some(v) = self.required(&f, "metrics", line, &what) {
            match v.get_ref().as_table() {
                None => {
                    let l = self.line(v);
                    self.problem(l, format!("{what}: `metrics` must be a table"));
                }
                Some(m) => {
                    for (k, val) in m.iter() {
                        let id: &str = k.get_ref().as_ref();
                        let l = line_of(self.text, k.span().start);
                        if metrics::find(id).is_none() {
                            let known: Vec<&str> = metrics::METRICS.iter().map(|m| m.id).collect();
                            let hint = did_you_mean(id, &known);
                            self.problem(l, format!("{what}: unknown metric `{id}`{hint}"));
                        }
                        if let Some(x) = self.number(val, &format!("{what}: `{id}`")) {
                            values.insert(id.to_string(), x);
                        }
                    }
                }
            }
        }
        let score = self
            .required(&f, "score", line, &what)
            .and_then(|v| self.number(v, "`score`"));
        let tolerance = match f.get("tolerance") {
            Some(v) => self.number(v, "`tolerance`")?,
            None => 0.5,
        };
        let band = f.get("band").and_then(|v| self.string(v, "`band`"));
        Some(Example {
            name: name?,
            metrics: values,
            score: score?,
            tolerance,
            band,
            line,
        })
    }

    /// Checks across entries: unique ids, weights summing to 1, bands covering 0–100 once, and the
    /// worked examples.
    fn validate(&mut self, r: &Rubric) {
        let mut seen = BTreeMap::new();
        for c in &r.criteria {
            if seen.insert(c.id.as_str(), ()).is_some() {
                self.problem(1, format!("criterion id `{}` is used twice", c.id));
            }
        }
        let sum: f64 = r.criteria.iter().map(|c| c.weight).sum();
        if !r.criteria.is_empty() && !self.dropped_criterion && (sum - 1.0).abs() > 1e-6 {
            self.problem(
                1,
                format!(
                    "the criteria weights sum to {sum:.4}, not 1 ({})",
                    r.criteria
                        .iter()
                        .map(|c| format!("{} {}", c.id, c.weight))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
        let mut bands: Vec<&Band> = r.bands.iter().collect();
        bands.sort_by(|a, b| a.min.total_cmp(&b.min));
        let mut reach = 0.0;
        for b in &bands {
            if b.min < reach {
                self.problem(
                    b.line,
                    format!(
                        "band `{}` ({}–{}) overlaps the band below it (which reaches {reach})",
                        b.name, b.min, b.max
                    ),
                );
            } else if b.min > reach {
                self.problem(b.line, format!("scores {reach}–{} fall in no band", b.min));
            }
            reach = f64::max(reach, b.max);
        }
        if !bands.is_empty() && reach < 100.0 {
            self.problem(1, format!("scores {reach}–100 fall in no band"));
        }
        if !self.problems.is_empty() {
            return; // examples against a broken rubric would only repeat its problems
        }
        for e in &r.examples {
            match r.score_values(&e.metrics) {
                None => self.problem(
                    e.line,
                    format!("example `{}` measures no criterion of the rubric", e.name),
                ),
                Some(got) => {
                    if (got - e.score).abs() > e.tolerance {
                        self.problem(
                            e.line,
                            format!(
                                "example `{}` scores {got:.1}, not {} (± {})",
                                e.name, e.score, e.tolerance
                            ),
                        );
                    }
                    if let Some(band) = &e.band {
                        if !r.bands.iter().any(|b| &b.name == band) {
                            self.problem(
                                e.line,
                                format!("example `{}` names no band `{band}`", e.name),
                            );
                        } else if r.band(got) != band {
                            self.problem(
                                e.line,
                                format!(
                                    "example `{}` falls in band `{}`, not `{band}`",
                                    e.name,
                                    r.band(got)
                                ),
                            );
                        }
                    }
                }
            }
        }
    }
}

/// Where a rubric comes from: the built-in one, or a file.
pub fn load(path: Option<&PathBuf>) -> Result<Rubric> {
    match path {
        Some(p) => Rubric::from_file(p),
        None => Rubric::builtin(),
    }
}

/// What `rubric check` prints for a valid rubric: its criteria, bands, worked examples (each with
/// the score it gets) and the metrics a rubric may read.
pub fn check_summary(r: &Rubric) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}: rubric `{}` is valid ({} criteria, {} bands)",
        r.path,
        r.name,
        r.criteria.len(),
        r.bands.len()
    );
    for c in &r.criteria {
        let _ = writeln!(
            s,
            "  {:<22} weight {:<6} {} ({} is better)",
            c.id,
            c.weight,
            c.metric,
            match c.direction {
                Direction::Higher => "higher",
                Direction::Lower => "lower",
            }
        );
    }
    let mut bands: Vec<&Band> = r.bands.iter().collect();
    bands.sort_by(|a, b| b.min.total_cmp(&a.min));
    for b in bands {
        let _ = writeln!(s, "  band {:>3}–{:<3} {}", b.min, b.max, b.name);
    }
    for e in &r.examples {
        let got = r.score_values(&e.metrics).unwrap_or(f64::NAN);
        let _ = writeln!(s, "  example ok: {:.1} ({}) — {}", got, r.band(got), e.name);
    }
    let _ = writeln!(s, "metrics a rubric may read:");
    for m in metrics::METRICS {
        let _ = writeln!(s, "  {:<30} {} (over {})", m.id, m.describes, m.units);
    }
    s
}

#[cfg(test)]
mod tests;
