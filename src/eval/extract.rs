//! `eval extract`: how well the HTML loader and the cleaner recover an article's text and metadata.
//!
//! What it measures: each page goes through [`from_html`] (main-content extraction) and then
//! [`clean`]; the cleaned body is compared with a human-made gold text, and on pages that come with
//! gold metadata, the headline, byline, publisher and date are compared too.
//!
//! Two directory layouts are accepted, and detected:
//!
//! 1. The **Zyte article-extraction-benchmark** (`ground-truth.json` mapping page ids to
//!    `{"url", "articleBody"}`, and `html/<id>.html.gz`). Metrics: `precision`, `recall`, `f1`,
//!    `accuracy`. The metric is the benchmark's own, as its README and `evaluate.py` describe it
//!    (re-implemented here from that description, not copied):
//!    - the text is split into word tokens, the matches of Python's `\w+` (Unicode letters, digits
//!      and `_`);
//!    - a page's text becomes the multiset of its 4-token shingles (a text shorter than 4 tokens is one
//!      shingle; an empty text has none);
//!    - per page, true positives are the shingles both sides share (by count), false positives
//!      those only the prediction has, false negatives those only the gold has, all three divided by
//!      their sum; precision is taken only on pages where the prediction has shingles, recall only
//!      where the gold has;
//!    - precision and recall are the macro means over pages, and F1 is computed from the two means;
//!    - `accuracy` is the share of pages whose token sequence equals the gold's exactly.
//!
//!    Scoring the reference predictions shipped with the benchmark (`output_trafilatura.json`) with
//!    [`shingle_scores`] gives F1 0.9575, P 0.9383, R 0.9775, accuracy 0.2928, the figures its README
//!    publishes for trafilatura 2.0.0 (0.958 / 0.938 / 0.978 / 0.293).
//!
//! 2. The **Readability.js test pages** (`<name>/source.html`, `expected.html`,
//!    `expected-metadata.json`). Content is scored with the same shingle metric against the text of
//!    `expected.html` (tags removed, common entities decoded). Metadata are match rates over the pages
//!    whose gold value is present and non-empty, with that count reported next to each rate:
//!    `title_match` / `n_title` (normalised equality, or one token sequence a prefix of the other when
//!    the shorter has at least 4 tokens, which forgives a " - Site" suffix), `byline_match` /
//!    `n_byline` and `site_name_match` / `n_site_name` (normalised equality or containment), and
//!    `date_match` / `n_date` (same `YYYY-MM-DD`). Normalising means lower-casing and keeping the
//!    word tokens.
//!
//! Why: extraction quality bounds everything downstream, since a comparison of two reports is only
//! as good as the text it compares; a public benchmark with published figures for other extractors
//! gives the number a meaning.
//!
//! Limitations: the shingle metric ignores order beyond four words and punctuation entirely, and
//! rewards near-duplicates of long texts; the tag stripper used for `expected.html` is a plain regex,
//! enough for `\w+` shingles but not an HTML parser; metadata matching is deliberately loose and only
//! says whether the right value was found, not whether it was formatted well. Nothing here is tuned
//! to the pages: the Readability pages are few (39), so their rates are coarse.
//!
//! References: scrapinghub/article-extraction-benchmark (README.rst results table, `evaluate.py`);
//! mozilla/readability `test/test-pages`.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::{Captures, Regex};
use serde::{Deserialize, Serialize};

use crate::clean::clean;
use crate::error::{Error, Result};
use crate::eval::EvalResult;
use crate::load::html::from_html;
use crate::model::Article;
use crate::rules::Rules;

/// The task name under which results are reported.
const TASK: &str = "extract";
/// The gold file of the Zyte benchmark layout.
const GROUND_TRUTH: &str = "ground-truth.json";
/// The page files of the Readability layout.
const SOURCE_HTML: &str = "source.html";
const EXPECTED_HTML: &str = "expected.html";
const EXPECTED_META: &str = "expected-metadata.json";

/// A word token as Python's `re` sees `\w` on `str`: letters, digits (all of `\p{N}`) and `_`.
/// The `regex` crate's own `\w` differs on combining marks (it keeps them inside words, Python
/// splits there) and on `\p{No}` such as `½` (it drops them, Python keeps them); the benchmark's
/// published figures were computed with Python's.
static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_]+").expect("valid word regex"));
static COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<!--.*?-->").expect("valid comment regex"));
static SCRIPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<script\b.*?</script\s*>|<style\b.*?</style\s*>").expect("valid script regex")
});
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]*>").expect("valid tag regex"));
static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));")
        .expect("valid entity regex")
});

/// The directory layouts `eval extract` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `ground-truth.json` + `html/<id>.html.gz` (scrapinghub/article-extraction-benchmark).
    Zyte,
    /// `<name>/{source.html, expected.html, expected-metadata.json}` (mozilla/readability test pages).
    Readability,
}

/// Runs `eval extract` on one directory in either layout.
pub fn run(paths: &[PathBuf]) -> Result<EvalResult> {
    let dir =
        match paths {
            [dir] => dir,
            [] => return Err(Error::Eval(
                "eval extract needs one directory: a Zyte article-extraction-benchmark checkout \
                 or a folder of Readability test pages"
                    .to_string(),
            )),
            _ => {
                return Err(Error::Eval(format!(
                    "eval extract takes one directory, got {} paths",
                    paths.len()
                )))
            }
        };
    let layout = detect_layout(dir)?;
    let rules = Rules::builtin()?;
    match layout {
        Layout::Zyte => run_zyte(dir, &rules),
        Layout::Readability => run_readability(dir, &rules),
    }
}

/// Tells which layout a directory is in, or says what was looked for.
pub fn detect_layout(dir: &Path) -> Result<Layout> {
    if !dir.exists() {
        return Err(Error::NotFound {
            path: dir.to_path_buf(),
        });
    }
    if !dir.is_dir() {
        return Err(Error::Eval(format!(
            "{}: not a directory (eval extract takes a benchmark directory)",
            dir.display()
        )));
    }
    if dir.join(GROUND_TRUTH).is_file() {
        return Ok(Layout::Zyte);
    }
    if page_dirs(dir)?
        .iter()
        .any(|page| page.join(SOURCE_HTML).is_file())
    {
        return Ok(Layout::Readability);
    }
    Err(Error::Eval(format!(
        "{}: not an extraction benchmark (looked for {GROUND_TRUTH} and html/<id>.html.gz, \
         or <page>/{SOURCE_HTML} with {EXPECTED_HTML} and {EXPECTED_META})",
        dir.display()
    )))
}

// ---------------------------------------------------------------------------------------------
// The shingle metric
// ---------------------------------------------------------------------------------------------

/// The word tokens of a text (see the module documentation).
pub fn tokens(text: &str) -> Vec<&str> {
    WORD.find_iter(text).map(|m| m.as_str()).collect()
}

/// The multiset of 4-token shingles. Tokens never contain a space, so a slice of tokens identifies
/// the same shingle as the tokens joined by spaces.
fn shingles<'a, 'b>(toks: &'a [&'b str]) -> HashMap<&'a [&'b str], usize> {
    let mut counts = HashMap::new();
    if toks.is_empty() {
        return counts;
    }
    for i in 0..toks.len().saturating_sub(3).max(1) {
        let end = (i + 4).min(toks.len());
        *counts.entry(&toks[i..end]).or_insert(0) += 1;
    }
    counts
}

/// The shingle counts of one page, divided by their sum (when the sum is above 0).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct PageScore {
    pub true_pos: f64,
    pub false_pos: f64,
    pub false_neg: f64,
}

impl PageScore {
    /// `tp / (tp + fp)`, or `None` when the prediction has no shingle.
    pub fn precision(&self) -> Option<f64> {
        let d = self.true_pos + self.false_pos;
        (d > 0.0).then(|| self.true_pos / d)
    }

    /// `tp / (tp + fn)`, or `None` when the gold has no shingle.
    pub fn recall(&self) -> Option<f64> {
        let d = self.true_pos + self.false_neg;
        (d > 0.0).then(|| self.true_pos / d)
    }
}

/// Scores one page: the gold text against the predicted one.
pub fn page_score(gold: &str, pred: &str) -> PageScore {
    page_score_tokens(&tokens(gold), &tokens(pred))
}

fn page_score_tokens(gold: &[&str], pred: &[&str]) -> PageScore {
    let g = shingles(gold);
    let p = shingles(pred);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (key, &gc) in &g {
        let pc = p.get(key).copied().unwrap_or(0);
        tp += gc.min(pc);
        fn_ += gc.saturating_sub(pc);
    }
    for (key, &pc) in &p {
        fp += pc.saturating_sub(g.get(key).copied().unwrap_or(0));
    }
    let total = (tp + fp + fn_) as f64;
    let scale = if total > 0.0 { total } else { 1.0 };
    PageScore {
        true_pos: tp as f64 / scale,
        false_pos: fp as f64 / scale,
        false_neg: fn_ as f64 / scale,
    }
}

/// Corpus-level scores: macro means of the per-page precision and recall, F1 from the two means,
/// and the share of pages whose token sequence equals the gold's.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    /// Pages scored.
    pub n: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub accuracy: f64,
}

/// Scores predictions against gold texts, page `i` of one against page `i` of the other, with the
/// Zyte article-extraction-benchmark metric. Unrounded.
///
/// # Panics
/// When the two slices differ in length (a caller error: pages must be paired).
pub fn shingle_scores(gold: &[&str], pred: &[&str]) -> Scores {
    assert_eq!(
        gold.len(),
        pred.len(),
        "shingle_scores: {} gold texts but {} predictions",
        gold.len(),
        pred.len()
    );
    let mut tally = Tally::default();
    for (g, p) in gold.iter().zip(pred) {
        tally.add(g, p);
    }
    tally.scores()
}

/// Running per-page figures, in page order.
#[derive(Debug, Default)]
struct Tally {
    n: usize,
    exact: usize,
    precisions: Vec<f64>,
    recalls: Vec<f64>,
}

impl Tally {
    fn add(&mut self, gold: &str, pred: &str) {
        let g = tokens(gold);
        let p = tokens(pred);
        let score = page_score_tokens(&g, &p);
        self.n += 1;
        if g == p {
            self.exact += 1;
        }
        self.precisions.extend(score.precision());
        self.recalls.extend(score.recall());
    }

    fn scores(&self) -> Scores {
        let precision = mean(&self.precisions);
        let recall = mean(&self.recalls);
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        let accuracy = if self.n > 0 {
            self.exact as f64 / self.n as f64
        } else {
            0.0
        };
        Scores {
            n: self.n,
            precision,
            recall,
            f1,
            accuracy,
        }
    }
}

fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        0.0
    } else {
        xs.iter().sum::<f64>() / xs.len() as f64
    }
}

// ---------------------------------------------------------------------------------------------
// Metadata matching
// ---------------------------------------------------------------------------------------------

/// Lower-cased word tokens: the form in which metadata values are compared.
pub fn normalise(text: &str) -> Vec<String> {
    tokens(text).into_iter().map(str::to_lowercase).collect()
}

/// Headline vs gold title: normalised equality, or one a prefix of the other when the shorter has at
/// least 4 tokens (a title carrying a " - Site" or " | Site" suffix).
pub fn title_matches(pred: &str, gold: &str) -> bool {
    shorter_longer(pred, gold).is_some_and(|(short, long)| {
        short == long || (short.len() >= 4 && long.starts_with(&short))
    })
}

/// Byline or site name vs gold: normalised equality, or one token sequence contained (contiguously)
/// in the other ("By Jane Doe, Staff Writer" holds "Jane Doe").
pub fn loose_matches(pred: &str, gold: &str) -> bool {
    shorter_longer(pred, gold)
        .is_some_and(|(short, long)| long.windows(short.len()).any(|w| w == short.as_slice()))
}

/// The normalised tokens of a predicted and a gold value, the shorter first (the prediction's when
/// they are as long), or `None` when either has none.
fn shorter_longer(pred: &str, gold: &str) -> Option<(Vec<String>, Vec<String>)> {
    let (p, g) = (normalise(pred), normalise(gold));
    if p.is_empty() || g.is_empty() {
        return None;
    }
    Some(if p.len() <= g.len() { (p, g) } else { (g, p) })
}

/// Same calendar date: the first 10 characters (`YYYY-MM-DD`) of both values are equal.
pub fn date_matches(pred: &str, gold: &str) -> bool {
    let day = |s: &str| s.trim().chars().take(10).collect::<String>();
    let (p, g) = (day(pred), day(gold));
    p.chars().count() == 10 && p == g
}

/// One metadata field: pages with a gold value, and pages where the prediction matched it.
#[derive(Debug, Default)]
struct Rate {
    n: usize,
    hits: usize,
}

impl Rate {
    fn add(&mut self, pred: Option<&str>, gold: Option<&str>, matches: fn(&str, &str) -> bool) {
        let Some(gold) = gold.filter(|g| !g.trim().is_empty()) else {
            return;
        };
        self.n += 1;
        if pred.is_some_and(|p| matches(p, gold)) {
            self.hits += 1;
        }
    }

    fn rate(&self) -> f64 {
        if self.n > 0 {
            self.hits as f64 / self.n as f64
        } else {
            0.0
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The two layouts
// ---------------------------------------------------------------------------------------------

fn run_zyte(dir: &Path, rules: &Rules) -> Result<EvalResult> {
    let gold = read_bodies(&dir.join(GROUND_TRUTH))?;
    if gold.is_empty() {
        return Err(Error::Eval(format!(
            "{}: no pages to score",
            dir.join(GROUND_TRUTH).display()
        )));
    }
    let mut tally = Tally::default();
    // A BTreeMap iterates in sorted id order.
    for (id, gold_body) in &gold {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let html = read_text(&path)?;
        let article = extract(&html, id, &path, rules);
        tally.add(gold_body, &article.body);
    }
    let s = tally.scores();
    Ok(body_result(&s, [("accuracy", s.accuracy)]))
}

/// The gold metadata of a Readability test page (other fields are ignored).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GoldMeta {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    byline: Option<String>,
    #[serde(default)]
    site_name: Option<String>,
    #[serde(default)]
    published_time: Option<String>,
}

fn run_readability(dir: &Path, rules: &Rules) -> Result<EvalResult> {
    let mut tally = Tally::default();
    let (mut title, mut byline, mut site, mut date) = (
        Rate::default(),
        Rate::default(),
        Rate::default(),
        Rate::default(),
    );
    for page in page_dirs(dir)? {
        let id = page
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let source_path = page.join(SOURCE_HTML);
        let source = read_text(&source_path)?;
        let expected = read_text(&page.join(EXPECTED_HTML))?;
        let meta_path = page.join(EXPECTED_META);
        let meta: GoldMeta = serde_json::from_str(&read_text(&meta_path)?)
            .map_err(|e| json_error(&meta_path, &e))?;

        let article = extract(&source, &id, &source_path, rules);
        tally.add(&html_to_text(&expected), &article.body);
        add_meta(
            &mut title,
            &mut byline,
            &mut site,
            &mut date,
            &article,
            &meta,
        );
    }
    if tally.n == 0 {
        return Err(Error::Eval(format!("{}: no pages to score", dir.display())));
    }
    let s = tally.scores();
    Ok(body_result(
        &s,
        [
            ("title_match", title.rate()),
            ("n_title", title.n as f64),
            ("byline_match", byline.rate()),
            ("n_byline", byline.n as f64),
            ("site_name_match", site.rate()),
            ("n_site_name", site.n as f64),
            ("date_match", date.rate()),
            ("n_date", date.n as f64),
        ],
    ))
}

/// The result of a run: the precision, recall and F1 of the body text (`s`), then `more` metrics.
fn body_result<'a>(s: &Scores, more: impl IntoIterator<Item = (&'a str, f64)>) -> EvalResult {
    let body = [
        ("precision", s.precision),
        ("recall", s.recall),
        ("f1", s.f1),
    ];
    EvalResult::new(TASK, s.n, body.into_iter().chain(more))
}

fn add_meta(
    title: &mut Rate,
    byline: &mut Rate,
    site: &mut Rate,
    date: &mut Rate,
    article: &Article,
    gold: &GoldMeta,
) {
    title.add(
        article.headline.as_deref(),
        gold.title.as_deref(),
        title_matches,
    );
    byline.add(
        article.byline.as_deref(),
        gold.byline.as_deref(),
        loose_matches,
    );
    site.add(
        article.publisher.as_ref().map(|f| f.value.as_str()),
        gold.site_name.as_deref(),
        loose_matches,
    );
    date.add(
        article.published.as_deref(),
        gold.published_time.as_deref(),
        date_matches,
    );
}

/// Runs the pipeline under test on one page.
fn extract(html: &str, id: &str, path: &Path, rules: &Rules) -> Article {
    clean(from_html(html, id, &path.display().to_string()), rules)
}

// ---------------------------------------------------------------------------------------------
// Reading the data
// ---------------------------------------------------------------------------------------------

/// Reads a benchmark JSON file of article bodies: `{"<id>": {"articleBody": "…"}}`, or the same map
/// wrapped as `{"output": {…}}` (as the benchmark's prediction files may be). A null body counts as
/// an empty text; a missing one is an error naming the id.
pub fn read_bodies(path: &Path) -> Result<BTreeMap<String, String>> {
    let value: serde_json::Value =
        serde_json::from_str(&read_text(path)?).map_err(|e| json_error(path, &e))?;
    let items = match value.get("output") {
        Some(inner @ serde_json::Value::Object(_)) => inner,
        _ => &value,
    };
    let items = items.as_object().ok_or_else(|| Error::Record {
        path: path.to_path_buf(),
        reason: "expected a JSON object mapping page ids to {\"articleBody\": …}".to_string(),
    })?;
    items
        .iter()
        .map(|(id, item)| {
            let body = match item.get("articleBody") {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Null) => String::new(),
                _ => {
                    return Err(Error::Record {
                        path: path.to_path_buf(),
                        reason: format!("page {id}: no \"articleBody\" string"),
                    })
                }
            };
            Ok((id.clone(), body))
        })
        .collect()
}

/// Reads a UTF-8 file, gunzipping it when its name ends in `.gz`. A leading byte-order mark is
/// dropped.
fn read_text(path: &Path) -> Result<String> {
    let mut bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes.as_slice())
            .read_to_end(&mut out)
            .map_err(|e| Error::Record {
                path: path.to_path_buf(),
                reason: format!("not a valid gzip file: {e}"),
            })?;
        bytes = out;
    }
    let mut text = String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.starts_with('\u{feff}') {
        text.remove(0);
    }
    Ok(text)
}

fn json_error(path: &Path, e: &serde_json::Error) -> Error {
    Error::Json {
        path: path.to_path_buf(),
        line: e.line(),
        reason: e.to_string(),
    }
}

/// The page directories of a Readability layout: every non-hidden subdirectory, sorted by name.
fn page_dirs(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut pages = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if !hidden && path.is_dir() {
            pages.push(path);
        }
    }
    pages.sort();
    Ok(pages)
}

/// The text of an HTML fragment, simply: comments, scripts and styles removed, every tag replaced by
/// a space, and the common entities (`&amp; &lt; &gt; &quot; &apos; &nbsp;` and numeric ones)
/// decoded. Enough for `\w+` shingles; not an HTML parser.
pub fn html_to_text(html: &str) -> String {
    let text = COMMENT.replace_all(html, " ");
    let text = SCRIPT.replace_all(&text, " ");
    let text = TAG.replace_all(&text, " ");
    ENTITY
        .replace_all(&text, |c: &Captures| {
            let code = if let Some(dec) = c.get(1) {
                dec.as_str().parse::<u32>().ok()
            } else if let Some(hex) = c.get(2) {
                u32::from_str_radix(hex.as_str(), 16).ok()
            } else {
                None
            };
            match (code, c.get(3).map(|m| m.as_str())) {
                (Some(code), _) => char::from_u32(code)
                    .unwrap_or(char::REPLACEMENT_CHARACTER)
                    .to_string(),
                (None, Some("amp")) => "&".to_string(),
                (None, Some("lt")) => "<".to_string(),
                (None, Some("gt")) => ">".to_string(),
                (None, Some("quot")) => "\"".to_string(),
                (None, Some("apos")) => "'".to_string(),
                (None, Some("nbsp")) => "\u{a0}".to_string(),
                _ => c[0].to_string(),
            }
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn tokens_follow_python_word_characters() {
        assert_eq!(
            tokens("Hello, world! snake_case ½ 42"),
            ["Hello", "world", "snake_case", "½", "42"]
        );
        // A combining mark is not a word character in Python's `re`: "é" written as e + U+0301
        // splits there, as in the benchmark's evaluation.
        assert_eq!(tokens("e\u{301}te"), ["e", "te"]);
        assert_eq!(tokens("  ,;  "), Vec::<&str>::new());
    }

    #[test]
    fn shingles_are_four_grams_or_one_short_text() {
        let toks = tokens("a b c d e");
        let s = shingles(&toks);
        assert_eq!(s.len(), 2);
        assert_eq!(s[&["a", "b", "c", "d"][..]], 1);
        assert_eq!(s[&["b", "c", "d", "e"][..]], 1);
        // Fewer than 4 tokens: one shingle of all of them.
        let toks = tokens("a b");
        let s = shingles(&toks);
        assert_eq!(s.len(), 1);
        assert_eq!(s[&["a", "b"][..]], 1);
        // Repeats count: "x x x x x" holds the shingle "x x x x" twice.
        let toks = tokens("x x x x x");
        assert_eq!(shingles(&toks)[&["x", "x", "x", "x"][..]], 2);
        assert!(shingles(&tokens("")).is_empty());
    }

    #[test]
    fn page_score_by_hand() {
        // gold {abcd, bcde}, pred {abcd}: tp 1, fp 0, fn 1 → divided by 2.
        let s = page_score("a b c d e", "a b c d");
        assert_eq!(
            s,
            PageScore {
                true_pos: 0.5,
                false_pos: 0.0,
                false_neg: 0.5
            }
        );
        assert_eq!(s.precision(), Some(1.0));
        assert_eq!(s.recall(), Some(0.5));

        // Multiset: gold has "x x x x" twice, pred once.
        let s = page_score("x x x x x", "x x x x");
        assert_eq!(s.precision(), Some(1.0));
        assert_eq!(s.recall(), Some(0.5));

        // gold {abcd, bcde} vs pred {bcde, cdef, defg}: tp 1, fp 2, fn 1 → P 1/3, R 1/2.
        let s = page_score("a b c d e", "b c d e f g");
        assert!(close(s.true_pos, 0.25) && close(s.false_pos, 0.5) && close(s.false_neg, 0.25));
        assert!(close(s.precision().unwrap(), 1.0 / 3.0));
        assert!(close(s.recall().unwrap(), 0.5));

        // Case matters, punctuation does not.
        assert_eq!(
            page_score("Hello, world!", "hello world").precision(),
            Some(0.0)
        );
        assert_eq!(
            page_score("Hello, world!", "Hello world").precision(),
            Some(1.0)
        );

        // Empty prediction: no precision; empty gold: no recall; both empty: neither.
        let s = page_score("a b c d", "");
        assert_eq!((s.precision(), s.recall()), (None, Some(0.0)));
        let s = page_score("", "a b c d");
        assert_eq!((s.precision(), s.recall()), (Some(0.0), None));
        let s = page_score("", "");
        assert_eq!((s.precision(), s.recall()), (None, None));
    }

    #[test]
    fn corpus_scores_are_macro_means_by_hand() {
        // Page 1: P 1, R 1/2. Page 2 (empty prediction): no P, R 0. Page 3: identical tokens.
        let gold = ["a b c d e", "p q r s", "Hello, world."];
        let pred = ["a b c d", "", "Hello world"];
        let s = shingle_scores(&gold, &pred);
        assert_eq!(s.n, 3);
        // P = mean(1, 1) = 1; R = mean(1/2, 0, 1) = 1/2; F1 = 2·1·½ / 1½ = 2/3.
        assert!(close(s.precision, 1.0));
        assert!(close(s.recall, 0.5));
        assert!(close(s.f1, 2.0 / 3.0));
        assert!(close(s.accuracy, 1.0 / 3.0));

        let s = shingle_scores(&[], &[]);
        assert_eq!((s.n, s.f1, s.accuracy), (0, 0.0, 0.0));
    }

    #[test]
    #[should_panic(expected = "2 gold texts but 1 predictions")]
    fn unpaired_pages_panic() {
        shingle_scores(&["a", "b"], &["a"]);
    }

    #[test]
    fn title_matching() {
        assert!(title_matches(
            "Obama admits US gun laws",
            "obama admits US gun-laws"
        ));
        assert!(title_matches(
            "Obama admits US gun laws are his 'biggest frustration'",
            "Obama admits US gun laws are his 'biggest frustration' - BBC News"
        ));
        assert!(title_matches(
            "Where do relations go | Washington Post",
            "Where do relations go"
        ));
        // The shorter side needs 4 tokens for a prefix to count.
        assert!(!title_matches("Tite diz", "Tite diz que errou"));
        assert!(!title_matches(
            "Another story entirely here",
            "Obama admits US gun laws"
        ));
        assert!(!title_matches("", ""));
    }

    #[test]
    fn byline_and_site_matching() {
        assert!(loose_matches("Jane Doe", "By JANE DOE"));
        assert!(loose_matches("By Jane Doe, Staff Writer", "Jane Doe"));
        assert!(loose_matches("the Guardian", "The Guardian"));
        assert!(!loose_matches("Jane Doe", "Jane Smith"));
        assert!(!loose_matches("Doe Jane", "Jane Doe"));
        assert!(!loose_matches("", "Jane Doe"));
        assert!(!loose_matches("  ", "  "));
    }

    #[test]
    fn date_matching() {
        assert!(date_matches("2015-07-24", "2015-07-24T05:36:09+01:00"));
        assert!(date_matches(
            "2017-11-03T03:01:00+00:00",
            "2017-11-03 03:01:00.000000"
        ));
        assert!(!date_matches("2015-07-25", "2015-07-24T05:36:09+01:00"));
        assert!(!date_matches("2015", "2015"));
    }

    #[test]
    fn rates_count_only_pages_with_gold() {
        let mut r = Rate::default();
        r.add(Some("Jane Doe"), Some("Jane Doe"), loose_matches);
        r.add(Some("Jane Doe"), None, loose_matches);
        r.add(Some("Jane Doe"), Some("  "), loose_matches);
        r.add(None, Some("John Roe"), loose_matches);
        assert_eq!((r.n, r.hits), (2, 1));
        assert_eq!(r.rate(), 0.5);
        assert_eq!(Rate::default().rate(), 0.0);
    }

    #[test]
    fn html_to_text_strips_tags_and_decodes_entities() {
        let html =
            "<div><!-- c --><p>Tom &amp; Jerry&nbsp;say &quot;hi&quot; &#39;x&#39; &lt;b&gt;</p>\
                    <script>var a = 1;</script><p>caf&#xE9; &#233; &eacute;</p></div>";
        let text = html_to_text(html);
        assert_eq!(
            tokens(&text),
            ["Tom", "Jerry", "say", "hi", "x", "b", "café", "é", "eacute"]
        );
        assert!(text.contains("Tom & Jerry\u{a0}say \"hi\" 'x' <b>"));
        // Adjacent blocks do not glue words together.
        assert_eq!(
            tokens(&html_to_text("<p>one</p><p>two</p>")),
            ["one", "two"]
        );
        // No double decoding.
        assert_eq!(html_to_text("&amp;lt;"), "&lt;");
    }

    #[test]
    fn read_bodies_accepts_plain_and_wrapped_maps() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("gt.json");
        std::fs::write(
            &plain,
            r#"{"b": {"url": "u", "articleBody": "two"}, "a": {"articleBody": null}}"#,
        )
        .unwrap();
        let bodies = read_bodies(&plain).unwrap();
        assert_eq!(
            bodies.into_iter().collect::<Vec<_>>(),
            [
                ("a".to_string(), String::new()),
                ("b".to_string(), "two".to_string())
            ]
        );

        let wrapped = dir.path().join("out.json");
        std::fs::write(
            &wrapped,
            r#"{"version": "1", "output": {"a": {"articleBody": "x"}}}"#,
        )
        .unwrap();
        assert_eq!(read_bodies(&wrapped).unwrap()["a"], "x");

        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, r#"{"a": {"text": "x"}}"#).unwrap();
        let msg = read_bodies(&bad).unwrap_err().to_string();
        assert!(
            msg.contains("bad.json") && msg.contains("articleBody"),
            "{msg}"
        );
    }

    #[test]
    fn bad_gzip_and_missing_files_are_errors_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let gz = dir.path().join("page.html.gz");
        std::fs::write(&gz, b"not gzip at all").unwrap();
        let msg = read_text(&gz).unwrap_err().to_string();
        assert!(
            msg.contains("page.html.gz") && msg.contains("gzip"),
            "{msg}"
        );
        let missing = dir.path().join("missing.html");
        let msg = read_text(&missing).unwrap_err().to_string();
        assert!(msg.contains("missing.html"), "{msg}");
    }

    #[test]
    fn gzip_and_bom_are_handled() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let gz = dir.path().join("page.html.gz");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all("\u{feff}<p>héllo</p>".as_bytes()).unwrap();
        std::fs::write(&gz, enc.finish().unwrap()).unwrap();
        assert_eq!(read_text(&gz).unwrap(), "<p>héllo</p>");
    }

    #[test]
    fn layout_detection() {
        let dir = tempfile::tempdir().unwrap();
        let msg = detect_layout(dir.path()).unwrap_err().to_string();
        assert!(
            msg.contains(GROUND_TRUTH) && msg.contains(SOURCE_HTML),
            "{msg}"
        );

        let page = dir.path().join("bbc-1");
        std::fs::create_dir(&page).unwrap();
        std::fs::write(page.join(SOURCE_HTML), "<p>x</p>").unwrap();
        assert_eq!(detect_layout(dir.path()).unwrap(), Layout::Readability);

        std::fs::write(dir.path().join(GROUND_TRUTH), "{}").unwrap();
        assert_eq!(detect_layout(dir.path()).unwrap(), Layout::Zyte);

        let missing = dir.path().join("nope");
        assert!(matches!(
            detect_layout(&missing),
            Err(Error::NotFound { .. })
        ));
        let msg = run(&[]).unwrap_err().to_string();
        assert!(msg.contains("one directory"), "{msg}");
    }
}
