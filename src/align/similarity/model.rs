//! The "same fact" model ([`Model`]) read from `rubrics/similarity.toml`: parsing and validation,
//! probabilities, the rubric's example pairs and the check that the model decides them as written.
//!
//! It does not compute features (`features`) or fit weights (`fit`).

use std::path::Path;

use serde::Deserialize;

use crate::error::line_of;
use crate::error::{Error, Result};

use super::features::feature_array;
use super::fit::sigmoid;
use super::idf::Idf;
use super::signature::Signature;
use super::{FEATURE_NAMES, N_FEATURES};

/// The text of the built-in model, compiled into the binary.
pub const BUILTIN_SIMILARITY: &str = include_str!("../../../rubrics/similarity.toml");
const BUILTIN_NAME: &str = "rubrics/similarity.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ModelFile {
    version: u32,
    threshold: f64,
    bias: f64,
    #[serde(default)]
    feature: Vec<toml::Spanned<FeatureSpec>>,
    #[serde(default)]
    example: Vec<toml::Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FeatureSpec {
    name: String,
    weight: f64,
    mean: f64,
    std: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ExampleSpec {
    a: String,
    b: String,
    same: bool,
}

/// A pair of sentences written into the rubric with the decision the model must make on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub a: String,
    pub b: String,
    pub same: bool,
    /// 1-based line of the example in its file.
    pub line: usize,
}

/// The "same fact" model: a logistic regression over standardised features.
#[derive(Debug, Clone)]
pub struct Model {
    source: std::path::PathBuf,
    weights: [f64; N_FEATURES],
    mean: [f64; N_FEATURES],
    std: [f64; N_FEATURES],
    bias: f64,
    threshold: f64,
    examples: Vec<Example>,
}

impl Model {
    /// The model compiled into the binary.
    pub fn builtin() -> Result<Model> {
        Model::parse(BUILTIN_SIMILARITY, Path::new(BUILTIN_NAME))
    }

    /// Reads a model from a file.
    pub fn from_file(path: &Path) -> Result<Model> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Model::parse(&text, path)
    }

    /// Parses and validates a model, reporting every problem found (not only the first) as one
    /// error: unknown or repeated feature names, missing features, values that are not finite, a
    /// standard deviation that is not positive, a threshold outside (0, 1).
    pub fn parse(text: &str, path: &Path) -> Result<Model> {
        let file: ModelFile = crate::error::from_toml(text, path, "")?;
        let mut problems: Vec<(usize, String)> = Vec::new();
        if file.version != 1 {
            problems.push((
                1,
                format!("version {} is not supported (expected 1)", file.version),
            ));
        }
        if !(file.threshold.is_finite() && file.threshold > 0.0 && file.threshold < 1.0) {
            problems.push((
                1,
                format!(
                    "threshold {} must be a probability strictly between 0 and 1",
                    file.threshold
                ),
            ));
        }
        if !file.bias.is_finite() {
            problems.push((1, "bias must be a finite number".to_string()));
        }
        let mut weights = [0.0; N_FEATURES];
        let mut mean = [0.0; N_FEATURES];
        let mut std = [1.0; N_FEATURES];
        let mut seen: [Option<usize>; N_FEATURES] = [None; N_FEATURES];
        for spanned in &file.feature {
            let line = line_of(text, spanned.span().start);
            let spec = spanned.get_ref();
            let Some(i) = FEATURE_NAMES.iter().position(|n| *n == spec.name) else {
                problems.push((
                    line,
                    format!(
                        "unknown feature `{}` (known features: {})",
                        spec.name,
                        FEATURE_NAMES.join(", ")
                    ),
                ));
                continue;
            };
            if let Some(first) = seen[i] {
                problems.push((
                    line,
                    format!(
                        "feature `{}` is given twice (first on line {first})",
                        spec.name
                    ),
                ));
                continue;
            }
            seen[i] = Some(line);
            for (what, v) in [
                ("weight", spec.weight),
                ("mean", spec.mean),
                ("std", spec.std),
            ] {
                if !v.is_finite() {
                    problems.push((
                        line,
                        format!("feature `{}`: {what} must be a finite number", spec.name),
                    ));
                }
            }
            if spec.std.is_nan() || spec.std <= 0.0 {
                problems.push((
                    line,
                    format!("feature `{}`: std {} must be above 0", spec.name, spec.std),
                ));
            }
            weights[i] = spec.weight;
            mean[i] = spec.mean;
            std[i] = spec.std;
        }
        let missing: Vec<&str> = FEATURE_NAMES
            .iter()
            .zip(&seen)
            .filter(|(_, s)| s.is_none())
            .map(|(n, _)| *n)
            .collect();
        if !missing.is_empty() {
            problems.push((
                1,
                format!(
                    "missing [[feature]] for {} (one weight per feature is needed)",
                    missing.join(", ")
                ),
            ));
        }
        crate::error::report_problems(path, problems)?;
        Ok(Model {
            source: path.to_path_buf(),
            weights,
            mean,
            std,
            bias: file.bias,
            threshold: file.threshold,
            examples: examples_from(&file, text),
        })
    }

    /// The features of a pair, in the order of [`FEATURE_NAMES`] (raw, before standardisation).
    pub fn features(&self, a: &Signature, b: &Signature, idf: &Idf) -> Vec<f64> {
        feature_array(a, b, idf).to_vec()
    }

    /// The probability that the two sentences report the same fact.
    pub fn probability(&self, a: &Signature, b: &Signature, idf: &Idf) -> f64 {
        self.probability_of(&feature_array(a, b, idf))
    }

    /// The probability for raw features already computed (in the order of [`FEATURE_NAMES`]).
    pub fn probability_of(&self, x: &[f64]) -> f64 {
        let z = x
            .iter()
            .zip(&self.weights)
            .zip(self.mean.iter().zip(&self.std))
            .fold(self.bias, |z, ((x, w), (m, s))| z + w * (x - m) / s);
        sigmoid(z)
    }

    /// Same fact iff the probability is at least this.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Is the pair the same fact?
    pub fn same(&self, a: &Signature, b: &Signature, idf: &Idf) -> bool {
        self.probability(a, b, idf) >= self.threshold
    }

    /// The weights, in the order of [`FEATURE_NAMES`] (they apply to standardised features).
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// The bias (intercept).
    pub fn bias(&self) -> f64 {
        self.bias
    }

    /// The example pairs of the rubric.
    pub fn examples(&self) -> &[Example] {
        &self.examples
    }

    /// Runs the rubric's examples through the model, with an IDF fitted on the examples' own
    /// sentences; returns one message per example decided the other way, with its line.
    pub fn check_examples(&self) -> Vec<String> {
        let (sigs, idf) =
            pair_signatures(self.examples.iter().map(|e| (e.a.as_str(), e.b.as_str())));
        let mut out = Vec::new();
        for (e, (a, b)) in self.examples.iter().zip(&sigs) {
            let p = self.probability(a, b, &idf);
            if (p >= self.threshold) != e.same {
                out.push(format!(
                    "{}:{}: example expects same = {}, but the probability is {p:.3} (threshold {}): {:?} / {:?}",
                    self.source.display(),
                    e.line,
                    e.same,
                    self.threshold,
                    e.a,
                    e.b
                ));
            }
        }
        out
    }
}

/// Signatures of sentence pairs given as text, weighed by an IDF table fitted on all their
/// sentences: the setting of the evaluation sets and of the rubric's own examples.
pub fn pair_signatures<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> (Vec<(Signature, Signature)>, Idf) {
    let mut sigs: Vec<(Signature, Signature)> = pairs
        .into_iter()
        .map(|(a, b)| (Signature::from_text(a, None), Signature::from_text(b, None)))
        .collect();
    let idf = Idf::fit(sigs.iter().flat_map(|(a, b)| {
        [
            a.stems.iter().map(String::as_str),
            b.stems.iter().map(String::as_str),
        ]
    }));
    for (a, b) in &mut sigs {
        a.weigh(&idf);
        b.weigh(&idf);
    }
    (sigs, idf)
}

/// The example pairs of a parsed rubric, with their lines.
fn examples_from(file: &ModelFile, text: &str) -> Vec<Example> {
    file.example
        .iter()
        .map(|s| {
            let e = s.get_ref();
            Example {
                a: e.a.clone(),
                b: e.b.clone(),
                same: e.same,
                line: line_of(text, s.span().start),
            }
        })
        .collect()
}

/// The example pairs of a rubric text, without validating the rest (used when a rubric is
/// regenerated: its examples are carried over).
pub fn examples_of(text: &str) -> Vec<Example> {
    match toml::from_str::<ModelFile>(text) {
        Ok(file) => examples_from(&file, text),
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::similarity::idf_of;

    #[test]
    fn probabilities_order_pairs_sensibly() {
        let model = Model::builtin().unwrap();
        let texts = [
            "Flooding forced 2,000 residents from their homes in the river valley on Sunday.",
            "On Sunday, flooding forced 2,000 residents of the river valley from their homes.",
            "The city council approved a new budget for road repairs.",
        ];
        let idf = idf_of(&texts);
        let s: Vec<Signature> = texts
            .iter()
            .map(|t| Signature::from_text(t, None))
            .collect();
        let same = model.probability(&s[0], &s[0], &idf);
        let para = model.probability(&s[0], &s[1], &idf);
        let other = model.probability(&s[0], &s[2], &idf);
        assert!(same > para && para > other, "{same} {para} {other}");
        assert!(model.same(&s[0], &s[1], &idf) && !model.same(&s[0], &s[2], &idf));
        assert_eq!(model.features(&s[0], &s[1], &idf).len(), N_FEATURES);
        let empty = Signature::from_text("", None);
        let p = model.probability(&empty, &s[0], &idf);
        assert!(p.is_finite() && p < model.threshold());
    }

    #[test]
    fn rubric_examples_hold() {
        let model = Model::builtin().unwrap();
        assert!(model.examples().len() >= 4);
        assert!(model.examples().iter().any(|e| e.same));
        assert!(model.examples().iter().any(|e| !e.same));
        let failures = model.check_examples();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert_eq!(examples_of(BUILTIN_SIMILARITY), model.examples());
    }

    #[test]
    fn rubric_problems_are_all_reported_with_lines() {
        let text = "version = 2\nthreshold = 1.5\nbias = 0.0\n\n\
                    [[feature]]\nname = \"cosine\"\nweight = 1.0\nmean = 0.0\nstd = 0.0\n\n\
                    [[feature]]\nname = \"cosine\"\nweight = 1.0\nmean = 0.0\nstd = 1.0\n\n\
                    [[feature]]\nname = \"colour\"\nweight = 1.0\nmean = 0.0\nstd = 1.0\n";
        let err = Model::parse(text, Path::new("sim.toml")).unwrap_err();
        assert!(matches!(err, Error::Config { .. }));
        let msg = err.to_string();
        for needle in [
            "sim.toml:1",
            "version 2",
            "threshold 1.5",
            "line 5: feature `cosine`: std 0 must be above 0",
            "line 11: feature `cosine` is given twice (first on line 5)",
            "line 17: unknown feature `colour` (known features: coverage_min",
            "missing [[feature]] for coverage_min",
        ] {
            assert!(msg.contains(needle), "{needle:?} not in {msg}");
        }
        let unknown_key = BUILTIN_SIMILARITY.replace("bias =", "colour = 1\nbias =");
        let msg = Model::parse(&unknown_key, Path::new("sim.toml"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("colour"), "{msg}");
        let nan = BUILTIN_SIMILARITY.replacen("weight = ", "weight = nan #", 1);
        let msg = Model::parse(&nan, Path::new("sim.toml"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("weight must be a finite number"), "{msg}");
    }
}
