//! Cleaning rules kept as data: `rubrics/boilerplate.toml`, compiled into the binary.
//!
//! *What it holds*: line patterns for page furniture, each with a reason, examples and
//! counter-examples; the wire services whose credit marks a text as wire copy; the heuristics'
//! thresholds. *Why*: a user tunes cleaning by editing data, never code. *Validation*: unknown keys,
//! bad regular expressions and examples that do not behave are all reported at once, with file:line.

use std::path::{Path, PathBuf};

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::text::count_words;
use crate::text::shapes::ascii_word_boundaries;

/// The text of the built-in rules, compiled into the binary.
pub const BUILTIN_BOILERPLATE: &str = include_str!("../rubrics/boilerplate.toml");
const BUILTIN_NAME: &str = "rubrics/boilerplate.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RulesFile {
    version: u32,
    heuristics: Heuristics,
    #[serde(default)]
    rule: Vec<toml::Spanned<RuleSpec>>,
    #[serde(default)]
    wire: Vec<WireSpec>,
    names: NamesSpec,
}

/// Thresholds of the cleaning heuristics (see the comments in the rules file).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Heuristics {
    pub short_line_max_words: usize,
    pub near_duplicate_containment: f64,
    pub near_duplicate_min_words: usize,
    pub header_max_lines: usize,
    pub headline_min_words: usize,
    pub headline_max_words: usize,
    pub prose_min_words: usize,
    /// Formats (`text`, `html`, `json`) on which the line-shape heuristics run.
    pub page_heuristics_for: Vec<crate::model::Format>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleSpec {
    id: String,
    reason: String,
    pattern: toml::Spanned<String>,
    max_words: Option<usize>,
    #[serde(default)]
    ends_article: bool,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    counter_examples: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct WireSpec {
    name: String,
    aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct NamesSpec {
    legal_suffixes: Vec<String>,
    name_particles: Vec<String>,
    byline_stop_words: Vec<String>,
    byline_placeholders: Vec<String>,
}

/// One compiled line rule.
#[derive(Debug, Clone)]
pub struct LineRule {
    pub id: String,
    pub reason: String,
    pub regex: Regex,
    pub max_words: Option<usize>,
    pub ends_article: bool,
    pub examples: Vec<String>,
    pub counter_examples: Vec<String>,
    /// 1-based line of the rule in its file, for messages.
    pub line: usize,
}

impl LineRule {
    /// Does this rule match the (trimmed) line?
    pub fn matches(&self, line: &str, words: usize) -> bool {
        if let Some(max) = self.max_words {
            if words > max {
                return false;
            }
        }
        self.regex.is_match(line)
    }
}

/// A wire service and the lower-case names that credit it.
#[derive(Debug, Clone)]
pub struct Wire {
    pub name: String,
    pub aliases: Vec<String>,
}

/// The compiled cleaning rules.
#[derive(Debug, Clone)]
pub struct Rules {
    pub source: PathBuf,
    pub heuristics: Heuristics,
    pub lines: Vec<LineRule>,
    pub wires: Vec<Wire>,
    pub legal_suffixes: Vec<String>,
    pub name_particles: Vec<String>,
    pub byline_stop_words: Vec<String>,
    pub byline_placeholders: Vec<String>,
}

use crate::error::line_of;

impl Rules {
    /// The rules compiled into the binary.
    pub fn builtin() -> Result<Rules> {
        Rules::parse(BUILTIN_BOILERPLATE, Path::new(BUILTIN_NAME))
    }

    /// Read rules from a file.
    pub fn from_file(path: &Path) -> Result<Rules> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Rules::parse(&text, path)
    }

    /// Parse and compile rules, reporting every problem found (not only the first) as one error.
    pub fn parse(text: &str, path: &Path) -> Result<Rules> {
        let file: RulesFile = crate::error::from_toml(text, path, "")?;
        let mut problems: Vec<(usize, String)> = Vec::new();
        if file.version != 1 {
            problems.push((
                1,
                format!("version {} is not supported (expected 1)", file.version),
            ));
        }
        let h = &file.heuristics;
        if !(0.0..=1.0).contains(&h.near_duplicate_containment) {
            problems.push((
                1,
                "heuristics.near-duplicate-containment must be within 0..=1".into(),
            ));
        }
        if h.headline_min_words > h.headline_max_words {
            problems.push((
                1,
                "heuristics.headline-min-words is above headline-max-words".into(),
            ));
        }
        let mut lines = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for spanned in &file.rule {
            let line = line_of(text, spanned.span().start);
            let spec = spanned.get_ref();
            if !seen.insert(spec.id.clone()) {
                problems.push((line, format!("rule id `{}` is used twice", spec.id)));
            }
            let pattern_line = line_of(text, spec.pattern.span().start);
            match RegexBuilder::new(&ascii_word_boundaries(spec.pattern.get_ref()))
                .case_insensitive(true)
                .size_limit(1 << 22)
                .build()
            {
                Ok(regex) => lines.push(LineRule {
                    id: spec.id.clone(),
                    reason: spec.reason.clone(),
                    regex,
                    max_words: spec.max_words,
                    ends_article: spec.ends_article,
                    examples: spec.examples.clone(),
                    counter_examples: spec.counter_examples.clone(),
                    line,
                }),
                Err(e) => problems.push((
                    pattern_line,
                    format!(
                        "rule `{}`: invalid pattern: {}",
                        spec.id,
                        e.to_string().replace('\n', " ")
                    ),
                )),
            }
        }
        crate::error::report_problems(path, problems)?;
        Ok(Rules {
            source: path.to_path_buf(),
            heuristics: file.heuristics,
            lines,
            wires: file
                .wire
                .into_iter()
                .map(|w| Wire {
                    name: w.name,
                    aliases: w.aliases.into_iter().map(|a| a.to_lowercase()).collect(),
                })
                .collect(),
            legal_suffixes: file.names.legal_suffixes,
            name_particles: file.names.name_particles,
            byline_stop_words: file
                .names
                .byline_stop_words
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            byline_placeholders: file
                .names
                .byline_placeholders
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
        })
    }

    /// The first rule that matches a trimmed line.
    pub fn match_line(&self, line: &str) -> Option<&LineRule> {
        let words = count_words(line);
        self.lines.iter().find(|r| r.matches(line, words))
    }

    /// Run every rule's own examples and counter-examples; returns one message per failure, with the
    /// rule's line. An example must be matched by its own rule; a counter-example by no rule at all.
    pub fn check_examples(&self) -> Vec<String> {
        let mut out = Vec::new();
        for rule in &self.lines {
            for ex in &rule.examples {
                if !rule.matches(ex, count_words(ex)) {
                    out.push(format!(
                        "{}:{}: rule `{}` does not match its example {:?}",
                        self.source.display(),
                        rule.line,
                        rule.id,
                        ex
                    ));
                }
            }
            for ex in &rule.counter_examples {
                if let Some(other) = self.match_line(ex) {
                    out.push(format!(
                        "{}:{}: counter-example {:?} of rule `{}` is removed by rule `{}`",
                        self.source.display(),
                        rule.line,
                        ex,
                        rule.id,
                        other.id
                    ));
                }
            }
        }
        out
    }

    /// The wire service that a lower-cased name refers to, if any.
    pub fn wire_named(&self, name: &str) -> Option<&Wire> {
        let n = name.trim().trim_end_matches('.').to_lowercase();
        self.wires.iter().find(|w| w.aliases.contains(&n))
    }

    /// The first wire service credited inside a line (as a whole word), if any.
    pub fn wire_in(&self, line: &str) -> Option<&Wire> {
        let lower = line.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '/'))
            .filter(|w| !w.is_empty())
            .collect();
        self.wires.iter().find(|w| {
            w.aliases.iter().any(|a| {
                if a.contains(' ') || a.contains('/') {
                    lower.contains(a.as_str())
                } else {
                    words.iter().any(|x| x == a || x.split('/').any(|p| p == a))
                }
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_compile_and_their_examples_hold() {
        let rules = Rules::builtin().expect("built-in rules compile");
        let failures = rules.check_examples();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert!(rules.lines.len() >= 10);
    }

    #[test]
    fn unknown_keys_and_bad_patterns_are_reported_with_lines() {
        let text = BUILTIN_BOILERPLATE.replace("short-line-max-words", "short-line-max-wordz");
        let err = Rules::parse(&text, Path::new("x.toml")).unwrap_err();
        assert!(matches!(err, Error::Config { .. }));
        assert!(err.to_string().contains("short-line-max-wordz"), "{err}");

        let text = BUILTIN_BOILERPLATE
            .replacen("pattern = '^(skip|jump)", "pattern = '^((skip|jump)", 1)
            .replacen("pattern = '^(home|menu", "pattern = '^((home|menu", 1);
        let err = Rules::parse(&text, Path::new("x.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("2 problem(s)"), "{err}");
        assert!(
            err.contains("skip-link") && err.contains("menu-entry"),
            "{err}"
        );
    }

    #[test]
    fn wire_credits_are_found_as_whole_words() {
        let rules = Rules::builtin().unwrap();
        assert_eq!(
            rules
                .wire_in("© 2026 Thomson/Reuters. All rights reserved.")
                .unwrap()
                .name,
            "Reuters"
        );
        assert!(rules.wire_in("The map was drawn to scale.").is_none());
        assert_eq!(rules.wire_named("AP").unwrap().name, "Associated Press");
    }
}
