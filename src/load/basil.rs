//! Reading BASIL (Fan et al., 2019): the same event reported by Fox News, the New York Times and
//! HuffPost, 100 triplets of full articles with bias annotations. Used by several eval tasks.
//!
//! Layout: `basil/articles/<year>/<triplet>_<n>.json` with `title`, `date`, `source` (fox|nyt|hpo),
//! `triplet-uuid` and `body-paragraphs`, a string holding a Python-style list of lists of sentences,
//! parsed here by [`python_string_lists`]. The data is read in place, never copied.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::{Format, RawArticle, SourceMeta};

#[derive(Debug, Deserialize)]
struct BasilFile {
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    #[serde(rename = "triplet-uuid")]
    triplet: String,
    /// A string holding a Python-style list, or (in some files) a JSON array of arrays.
    #[serde(rename = "body-paragraphs")]
    body: serde_json::Value,
}

/// One BASIL article, ready for the pipeline, with its triplet (story) id.
#[derive(Debug, Clone)]
pub struct BasilArticle {
    pub triplet: String,
    pub raw: RawArticle,
}

/// Parse a Python literal of nested lists of strings (`[['a', "b"], ['c']]`) into paragraphs of
/// sentences. Quotes may be single or double; backslash escapes are honoured.
pub fn python_string_lists(s: &str) -> Option<Vec<Vec<String>>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut depth = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '[' => {
                depth += 1;
                if depth == 2 {
                    out.push(Vec::new());
                }
            }
            ']' => depth = depth.checked_sub(1)?,
            '\'' | '"' => {
                let quote = c;
                let mut text = String::new();
                loop {
                    match chars.next()? {
                        '\\' => match chars.next()? {
                            'n' => text.push('\n'),
                            't' => text.push('\t'),
                            other => text.push(other),
                        },
                        ch if ch == quote => break,
                        ch => text.push(ch),
                    }
                }
                match depth {
                    2 => out.last_mut()?.push(text),
                    1 => out.push(vec![text]),
                    _ => return None,
                }
            }
            _ => {}
        }
    }
    (depth == 0).then_some(out)
}

/// The article files under `dir/articles/*/*.json`, sorted by path.
fn article_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let articles = dir.join("articles");
    let mut files: Vec<PathBuf> = Vec::new();
    let years = std::fs::read_dir(&articles).map_err(|e| Error::io(&articles, e))?;
    for year in years {
        let year = year.map_err(|e| Error::io(&articles, e))?.path();
        if !year.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&year).map_err(|e| Error::io(&year, e))? {
            let f = f.map_err(|e| Error::io(&year, e))?.path();
            if f.extension().is_some_and(|e| e == "json") {
                files.push(f);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn read_json<T: serde::de::DeserializeOwned>(f: &Path) -> Result<T> {
    let text = std::fs::read_to_string(f).map_err(|e| Error::io(f, e))?;
    serde_json::from_str(&text).map_err(|e| Error::Json {
        path: f.to_path_buf(),
        line: e.line(),
        reason: e.to_string(),
    })
}

/// An article file and its paragraphs of sentences.
fn parse_article(f: &Path) -> Result<(BasilFile, Vec<Vec<String>>)> {
    let file: BasilFile = read_json(f)?;
    let paragraphs = match &file.body {
        serde_json::Value::String(s) => python_string_lists(s),
        other => serde_json::from_value::<Vec<Vec<String>>>(other.clone()).ok(),
    }
    .ok_or_else(|| Error::Record {
        path: f.to_path_buf(),
        reason: "body-paragraphs is not a list of lists of strings".into(),
    })?;
    Ok((file, paragraphs))
}

fn stem(f: &Path) -> String {
    f.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("basil")
        .to_string()
}

/// Read every article under `dir/articles/*/*.json`, sorted by path.
pub fn read(dir: &Path) -> Result<Vec<BasilArticle>> {
    let mut out = Vec::new();
    for f in article_files(dir)? {
        let (file, paragraphs) = parse_article(&f)?;
        let body = paragraphs
            .iter()
            .map(|p| p.join(" "))
            .collect::<Vec<_>>()
            .join("\n\n");
        out.push(BasilArticle {
            triplet: file.triplet,
            raw: RawArticle {
                id: stem(&f),
                path: f.display().to_string(),
                format: Format::Json,
                text: body,
                meta: SourceMeta {
                    title: file.title,
                    standfirst: None,
                    publisher: file.source,
                    author: None,
                    published: file.date,
                    url: None,
                    encoding: None,
                },
                removed: Vec::new(),
            },
        });
    }
    if out.is_empty() {
        return Err(Error::Eval(format!(
            "{}: no BASIL articles under articles/*/",
            dir.display()
        )));
    }
    Ok(out)
}

/// One phrase-level annotation: `bias` is `lex` (lexical) or `inf` (informational); `start` and
/// `end` are character offsets inside one sentence (which one is not given: see [`locate`]);
/// `quote` is `yes` when the phrase is inside a quotation.
#[derive(Debug, Clone, Deserialize)]
pub struct Phrase {
    pub bias: String,
    pub txt: String,
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub quote: String,
    /// `pos` or `neg`: the span's polarity toward `target` (absent in some files).
    #[serde(default)]
    pub polarity: String,
    /// The entity the span is about (`Barack_Obama`).
    #[serde(default)]
    pub target: String,
    /// `dir` when the span speaks of the target itself; `ind_pro` / `ind_anti` when it speaks of
    /// someone else, an ally or an opponent of the target (BASIL's "indirect" spans).
    #[serde(default)]
    pub aim: String,
}

#[derive(Debug, Deserialize)]
struct AnnotationFile {
    #[serde(rename = "phrase-level-annotations", default)]
    phrases: Vec<Phrase>,
}

/// A BASIL article as BASIL splits it (paragraphs of sentences) with its phrase annotations.
#[derive(Debug, Clone)]
pub struct Annotated {
    pub id: String,
    pub paragraphs: Vec<Vec<String>>,
    pub phrases: Vec<Phrase>,
}

/// Read every article that has an annotation file `dir/annotations/<year>/<id>_ann.json`.
pub fn read_annotated(dir: &Path) -> Result<Vec<Annotated>> {
    let mut out = Vec::new();
    for f in article_files(dir)? {
        let id = stem(&f);
        let Some(year) = f.parent().and_then(|p| p.file_name()) else {
            continue;
        };
        let ann = dir
            .join("annotations")
            .join(year)
            .join(format!("{id}_ann.json"));
        if !ann.is_file() {
            continue;
        }
        let (_, paragraphs) = parse_article(&f)?;
        let a: AnnotationFile = read_json(&ann)?;
        out.push(Annotated {
            id,
            paragraphs,
            phrases: a.phrases,
        });
    }
    if out.is_empty() {
        return Err(Error::Eval(format!(
            "{}: no annotated BASIL articles (annotations/*/*_ann.json)",
            dir.display()
        )));
    }
    Ok(out)
}

/// The sentence (index into `sentences`) a phrase belongs to and its byte range there: the first
/// sentence whose characters `start..end` are the phrase, else the first that contains it.
pub fn locate(sentences: &[&str], p: &Phrase) -> Option<(usize, (usize, usize))> {
    let byte = |s: &str, c: usize| s.char_indices().nth(c).map_or(s.len(), |(b, _)| b);
    sentences
        .iter()
        .enumerate()
        .find_map(|(i, s)| {
            let (a, b) = (byte(s, p.start), byte(s, p.end));
            (p.end <= s.chars().count() && s.get(a..b) == Some(p.txt.as_str()))
                .then_some((i, (a, b)))
        })
        .or_else(|| {
            sentences
                .iter()
                .enumerate()
                .find_map(|(i, s)| s.find(p.txt.as_str()).map(|a| (i, (a, a + p.txt.len()))))
        })
}

/// Group articles by triplet, in triplet order.
pub fn by_triplet(articles: Vec<BasilArticle>) -> BTreeMap<String, Vec<RawArticle>> {
    let mut out: BTreeMap<String, Vec<RawArticle>> = BTreeMap::new();
    for a in articles {
        out.entry(a.triplet).or_default().push(a.raw);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_lists_of_strings_parse() {
        let v = python_string_lists(r#"[['It\'s here.', "He said \"no\"."], ['Next']]"#).unwrap();
        assert_eq!(
            v,
            vec![
                vec!["It's here.".to_string(), "He said \"no\".".to_string()],
                vec!["Next".to_string()]
            ]
        );
        assert!(python_string_lists("[['unclosed").is_none());
        let p = Phrase {
            bias: "lex".into(),
            txt: "grim".into(),
            start: 5,
            end: 9,
            quote: "no".into(),
            polarity: String::new(),
            target: String::new(),
            aim: String::new(),
        };
        assert_eq!(
            locate(&["A grim day, grim.", "Très grim."], &p),
            Some((1, (6, 10)))
        );
        assert_eq!(locate(&["A grim day."], &p), Some((0, (2, 6))));
        assert_eq!(locate(&["A day."], &p), None);
        assert_eq!(
            python_string_lists("[]").unwrap(),
            Vec::<Vec<String>>::new()
        );
    }
}
