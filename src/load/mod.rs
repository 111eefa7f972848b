//! Load articles from directories, files, globs or stdin, in text, markdown, HTML, JSON or JSONL.
//!
//! Each file becomes one [`RawArticle`] (a JSONL file one per line). The format is chosen by the
//! extension, then by a look at the content (`<html`, `{`). An optional `story.toml` beside the
//! articles names the event and may override any article's publisher (see [`manifest`]).
//! Every failure names the file and the reason; nothing is dropped silently: files a directory holds
//! that are not articles are listed in [`Loaded::skipped`].

pub mod basil;
pub mod decode;
pub mod feed;
pub mod fragment;
pub mod html;
pub mod json;
pub mod manifest;
pub mod standfirst;

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{Format, RawArticle, SourceMeta};
pub use decode::decode;
pub use json::FieldMap;
pub use manifest::Manifest;

/// Extensions read from a directory, and the format they imply.
const ARTICLE_EXTENSIONS: &[(&str, Kind)] = &[
    ("txt", Kind::Text),
    ("text", Kind::Text),
    ("md", Kind::Text),
    ("markdown", Kind::Text),
    ("html", Kind::Html),
    ("htm", Kind::Html),
    ("xhtml", Kind::Html),
    ("json", Kind::Json),
    ("jsonl", Kind::Jsonl),
    ("ndjson", Kind::Jsonl),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
    Json,
    Jsonl,
}

/// Limits and field names for loading.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Largest input file accepted, in bytes; a larger one is an error, never a hang.
    pub max_bytes: u64,
    /// JSON field names to read.
    pub fields: FieldMap,
    /// Deepest element nesting accepted in an HTML page; deeper pages are refused with an error
    /// (extraction walks the tree recursively).
    pub max_html_depth: usize,
    /// Most articles (files and JSON records) read in one run; more is an error naming the limit.
    pub max_articles: usize,
    /// Most article text (bytes, after extraction from HTML or JSON) in one run: memory grows with
    /// it (about 85 bytes per byte of text through the JSON report), so it is the guard against
    /// running out of memory.
    pub max_text_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_bytes: 16 * 1024 * 1024,
            fields: FieldMap::default(),
            max_html_depth: 1_000,
            max_articles: 10_000,
            max_text_bytes: 64 * 1024 * 1024,
        }
    }
}

/// A file that was seen but not read as an article, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// What loading produced.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub articles: Vec<RawArticle>,
    pub manifest: Option<Manifest>,
    pub skipped: Vec<Skipped>,
}

/// The bundled seed story, compiled into the binary so that the default run works anywhere.
pub const BUNDLED_STORY: &[(&str, &str)] = &[
    (
        "seeds/trump-petro/000_e1a266b5ec83c8c2.txt",
        include_str!("../../seeds/trump-petro/000_e1a266b5ec83c8c2.txt"),
    ),
    (
        "seeds/trump-petro/001_11f5e63e7b68fc6c.txt",
        include_str!("../../seeds/trump-petro/001_11f5e63e7b68fc6c.txt"),
    ),
    (
        "seeds/trump-petro/002_1d1a22ab599b992e.txt",
        include_str!("../../seeds/trump-petro/002_1d1a22ab599b992e.txt"),
    ),
    (
        "seeds/trump-petro/003_5ebaaaa575fe1eea.txt",
        include_str!("../../seeds/trump-petro/003_5ebaaaa575fe1eea.txt"),
    ),
    (
        "seeds/trump-petro/004_1ecb23756f1d37c7.txt",
        include_str!("../../seeds/trump-petro/004_1ecb23756f1d37c7.txt"),
    ),
];
const BUNDLED_MANIFEST: (&str, &str) = (
    "seeds/trump-petro/story.toml",
    include_str!("../../seeds/trump-petro/story.toml"),
);

/// Load the bundled seed story.
pub fn bundled() -> Result<Loaded> {
    let manifest = Manifest::parse(BUNDLED_MANIFEST.1, Path::new(BUNDLED_MANIFEST.0))?;
    let mut articles = Vec::new();
    for (path, text) in BUNDLED_STORY {
        let mut a = text_article(Path::new(path), text.to_string(), Format::Text);
        // `include_str!` read the file as UTF-8 when the binary was built.
        a.meta.encoding = Some(decode::Source::Utf8.label());
        articles.push(a);
    }
    let mut loaded = Loaded {
        articles,
        manifest: Some(manifest),
        skipped: Vec::new(),
    };
    apply_manifest(&mut loaded);
    Ok(loaded)
}

/// Load every article named by `inputs`: directories, files, glob patterns, or `-` for stdin.
pub fn load(inputs: &[String], opts: &LoadOptions) -> Result<Loaded> {
    let mut loaded = Loaded::default();
    for input in inputs {
        if input == "-" {
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(opts.max_bytes + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io("<stdin>", e))?;
            let kind = sniff(&bytes);
            let result =
                check_size(Path::new("<stdin>"), bytes.len() as u64, opts).and_then(|_| {
                    read_bytes(
                        Path::new("<stdin>"),
                        "stdin",
                        bytes,
                        kind,
                        opts,
                        &mut loaded.articles,
                        &mut loaded.skipped,
                    )
                });
            skip_bad(&mut loaded.skipped, Path::new("<stdin>"), result)?;
            continue;
        }
        let path = PathBuf::from(input);
        if path.is_dir() {
            load_dir(&path, opts, &mut loaded)?;
        } else if path.exists() {
            let result = load_file(&path, None, opts, &mut loaded.articles, &mut loaded.skipped);
            skip_bad(&mut loaded.skipped, &path, result)?;
        } else if input.contains(['*', '?', '[']) {
            let paths = glob::glob(input).map_err(|e| Error::BadGlob {
                pattern: input.clone(),
                reason: e.to_string(),
            })?;
            let mut found: Vec<PathBuf> = Vec::new();
            for p in paths {
                let p = p.map_err(|e| {
                    Error::io(e.path().to_path_buf(), std::io::Error::other(e.to_string()))
                })?;
                if p.is_file() {
                    found.push(p);
                }
            }
            if found.is_empty() {
                return Err(Error::EmptyGlob {
                    pattern: input.clone(),
                });
            }
            found.sort();
            for p in found {
                let result = load_file(&p, None, opts, &mut loaded.articles, &mut loaded.skipped);
                skip_bad(&mut loaded.skipped, &p, result)?;
            }
        } else {
            return Err(Error::NotFound { path });
        }
        check_count(&loaded, opts)?;
    }
    if loaded.articles.is_empty() {
        return Err(Error::NoArticles(no_article_reason(&loaded.skipped)));
    }
    unique_ids(&mut loaded.articles);
    apply_manifest(&mut loaded);
    Ok(loaded)
}

fn load_dir(dir: &Path, opts: &LoadOptions, loaded: &mut Loaded) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .map(|e| e.map(|e| e.path()).map_err(|e| Error::io(dir, e)))
        .collect::<Result<_>>()?;
    entries.sort();
    let before = loaded.articles.len();
    let mut candidates = 0usize;
    for path in entries {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if name.starts_with('.') {
            continue;
        }
        if name == manifest::MANIFEST_NAME {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            loaded.manifest = Some(Manifest::parse(&text, &path)?);
            continue;
        }
        // Symbolic links are followed to what they point at, wherever that is (the user chose the
        // directory); a link to a directory is a subdirectory, never entered, so a loop cannot
        // recurse; a broken link or a loop is skipped with the system's reason.
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                loaded.skipped.push(Skipped {
                    path: path.display().to_string(),
                    reason: if e.kind() == std::io::ErrorKind::NotFound {
                        "a broken symbolic link (its target does not exist)".into()
                    } else {
                        format!("cannot read: {e}")
                    },
                });
                continue;
            }
        };
        if meta.is_dir() {
            loaded.skipped.push(Skipped {
                path: path.display().to_string(),
                reason: "a subdirectory (directories are not read recursively)".into(),
            });
            continue;
        }
        if !meta.is_file() {
            // A FIFO or a device in a directory would block or never end: only regular files.
            let result = Err(Error::NotRegular {
                path: path.clone(),
                reason: "a FIFO, socket or device".into(),
            });
            skip_bad(&mut loaded.skipped, &path, result)?;
            continue;
        }
        match kind_of_extension(&path) {
            Some(kind) => {
                candidates += 1;
                let result = load_file(
                    &path,
                    Some(kind),
                    opts,
                    &mut loaded.articles,
                    &mut loaded.skipped,
                );
                skip_bad(&mut loaded.skipped, &path, result)?;
                check_count(loaded, opts)?;
            }
            None => loaded.skipped.push(Skipped {
                path: path.display().to_string(),
                reason: "not an article file (extension not one of txt, md, html, json, jsonl)"
                    .into(),
            }),
        }
    }
    if candidates == 0 && loaded.articles.len() == before {
        return Err(Error::EmptyDir {
            path: dir.to_path_buf(),
            looked_for: "*.txt, *.md, *.html, *.json, *.jsonl".into(),
        });
    }
    Ok(())
}

/// More articles than `--max-articles`, or more text than `--max-text-bytes`, is an error naming
/// the limit (checked as inputs are read, so a directory of a million files stops early).
fn check_count(loaded: &Loaded, opts: &LoadOptions) -> Result<()> {
    if loaded.articles.len() > opts.max_articles {
        return Err(Error::Limit {
            subject: "the inputs".into(),
            found: format!("more than {} articles", opts.max_articles),
            limit: format!("{} articles per run", opts.max_articles),
            flag: "--max-articles".into(),
        });
    }
    let text: u64 = loaded.articles.iter().map(|a| a.text.len() as u64).sum();
    if text > opts.max_text_bytes {
        return Err(Error::Limit {
            subject: "the inputs".into(),
            found: format!("{text} bytes of article text"),
            limit: format!("{} bytes of text per run", opts.max_text_bytes),
            flag: "--max-text-bytes".into(),
        });
    }
    Ok(())
}

/// Load one input given as bytes under a name (its extension picks the format, else the content
/// is sniffed): what `-` does for stdin, and what the fuzzers drive.
pub fn load_bytes(name: &str, bytes: Vec<u8>, opts: &LoadOptions) -> Result<Loaded> {
    let path = Path::new(name);
    check_size(path, bytes.len() as u64, opts)?;
    let kind = kind_of_extension(path).unwrap_or_else(|| sniff(&bytes));
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("article")
        .to_string();
    let mut loaded = Loaded::default();
    read_bytes(
        path,
        &id,
        bytes,
        kind,
        opts,
        &mut loaded.articles,
        &mut loaded.skipped,
    )?;
    if loaded.articles.is_empty() {
        return Err(Error::NoArticles(no_article_reason(&loaded.skipped)));
    }
    check_count(&loaded, opts)?;
    unique_ids(&mut loaded.articles);
    Ok(loaded)
}

/// Make article ids unique: a second `a` (from `a.txt` and `a.html`, or two feeds with the same
/// record ids) becomes `a~2`, so that facts, evidence and overrides never mix two articles.
fn unique_ids(articles: &mut [RawArticle]) {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for a in articles.iter_mut() {
        let n = seen.entry(a.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            a.id = format!("{}~{}", a.id, n);
        }
    }
}

/// Keep going past a file whose content cannot be read as an article: it is listed in `skipped`
/// with the reason (the caller decides whether a skipped file fails the run, as `--strict` does).
/// Errors of the command itself (a missing path, a bad pattern) still stop the run.
fn skip_bad(skipped: &mut Vec<Skipped>, path: &Path, result: Result<()>) -> Result<()> {
    match result {
        Err(e) if e.is_per_file() => {
            let message = e.to_string();
            let mut shown = path.display().to_string();
            let mut reason = message.clone();
            if let Some(rest) = message.strip_prefix(&shown) {
                // "file:12: reason" keeps its line with the path; "file: reason" loses the prefix.
                let digits: String = rest
                    .trim_start_matches(':')
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                if !digits.is_empty() && rest[1 + digits.len()..].starts_with(':') {
                    shown = format!("{shown}:{digits}");
                    reason = rest[2 + digits.len()..].trim().to_string();
                } else {
                    reason = rest.trim_start_matches(':').trim().to_string();
                }
            }
            skipped.push(Skipped {
                path: shown,
                reason,
            });
            Ok(())
        }
        other => other,
    }
}

/// Why nothing could be compared: every input's reason, so the message names each file.
pub fn no_article_reason(skipped: &[Skipped]) -> String {
    if skipped.is_empty() {
        return "the inputs hold no article".into();
    }
    let list: Vec<String> = skipped
        .iter()
        .map(|s| format!("{}: {}", s.path, s.reason))
        .collect();
    format!("every input was skipped: {}", list.join("; "))
}

fn kind_of_extension(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    ARTICLE_EXTENSIONS
        .iter()
        .find(|(e, _)| *e == ext)
        .map(|(_, k)| *k)
}

fn check_size(path: &Path, size: u64, opts: &LoadOptions) -> Result<()> {
    if size > opts.max_bytes {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: opts.max_bytes,
        });
    }
    Ok(())
}

fn load_file(
    path: &Path,
    kind: Option<Kind>,
    opts: &LoadOptions,
    out: &mut Vec<RawArticle>,
    skipped: &mut Vec<Skipped>,
) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    check_size(path, meta.len(), opts)?;
    // Read at most one byte over the limit: a file that grows, or a device such as /dev/zero named
    // on the command line, still stops at the limit instead of filling memory.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(opts.max_bytes + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io(path, e))?;
    check_size(path, bytes.len() as u64, opts)?;
    let kind = kind
        .or_else(|| kind_of_extension(path))
        .unwrap_or_else(|| sniff(&bytes));
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("article")
        .to_string();
    read_bytes(path, &id, bytes, kind, opts, out, skipped)
}

/// Guess the format of content that has no telling extension.
fn sniff(bytes: &[u8]) -> Kind {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('{') || head.starts_with('[') {
        // One object per line when the first line is a whole JSON value and another line follows.
        let text = String::from_utf8_lossy(bytes);
        let mut lines = text
            .trim_start_matches('\u{feff}')
            .lines()
            .filter(|l| !l.trim().is_empty());
        let first_is_whole = lines
            .next()
            .is_some_and(|l| serde_json::from_str::<serde::de::IgnoredAny>(l).is_ok());
        if head.starts_with('{') && first_is_whole && lines.next().is_some() {
            Kind::Jsonl
        } else {
            Kind::Json
        }
    } else if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<body")
    {
        Kind::Html
    } else {
        Kind::Text
    }
}

fn read_bytes(
    path: &Path,
    id: &str,
    bytes: Vec<u8>,
    kind: Kind,
    opts: &LoadOptions,
    out: &mut Vec<RawArticle>,
    skipped: &mut Vec<Skipped>,
) -> Result<()> {
    let (text, source) = decode::decode_with_source(path, bytes)?;
    let first = out.len();
    if text.trim().is_empty() {
        return Err(Error::Record {
            path: path.to_path_buf(),
            reason: "the file is empty (nothing but white space)".into(),
        });
    }
    match kind {
        Kind::Text => {
            let mut a = text_article(path, text, Format::Text);
            a.id = id.to_string();
            out.push(a);
        }
        Kind::Html => {
            let depth = html::nesting_depth(&text);
            if depth > opts.max_html_depth {
                return Err(Error::Record {
                    path: path.to_path_buf(),
                    reason: format!(
                        "HTML nested {depth} elements deep, over the limit of {} (raise it with --max-html-depth)",
                        opts.max_html_depth
                    ),
                });
            }
            out.push(html::from_html(&text, id, &path.display().to_string()))
        }
        Kind::Json | Kind::Jsonl => {
            let (records, bad) = if kind == Kind::Json {
                json::from_json(&text, id, path, &opts.fields)?
            } else {
                json::from_jsonl(&text, id, path, &opts.fields)?
            };
            out.extend(records);
            skipped.extend(bad);
        }
    }
    let label = source.label();
    for a in &mut out[first..] {
        a.meta.encoding = Some(label.clone());
    }
    Ok(())
}

fn text_article(path: &Path, text: String, format: Format) -> RawArticle {
    RawArticle {
        id: path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("article")
            .to_string(),
        path: path.display().to_string(),
        format,
        text,
        meta: SourceMeta::default(),
        removed: Vec::new(),
    }
}

/// Apply the manifest's publisher overrides; an override naming no loaded article is an error
/// reported by [`Manifest::check_ids`] at the caller.
fn apply_manifest(loaded: &mut Loaded) {
    let Some(manifest) = &loaded.manifest else {
        return;
    };
    for a in &mut loaded.articles {
        if let Some(o) = manifest.articles.get(&a.id) {
            if let Some(p) = &o.publisher {
                a.meta.publisher = Some(p.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_tells_html_json_and_text_apart() {
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), Kind::Html);
        assert_eq!(sniff(b"{\"a\":1}\n{\"a\":2}\n"), Kind::Jsonl);
        assert_eq!(sniff(b"{\n \"a\": 1\n}"), Kind::Json);
        assert_eq!(sniff(b"Headline\n\nText."), Kind::Text);
        // A first record longer than the sniffed head is still one record a line.
        let long = format!(
            "{{\"text\": \"{}\"}}\n{{\"text\": \"b\"}}\n",
            "a".repeat(5000)
        );
        assert_eq!(sniff(long.as_bytes()), Kind::Jsonl);
        assert_eq!(sniff(b"{\"text\": \"<body> in a record\"}"), Kind::Json);
    }

    #[test]
    fn binary_is_refused_and_latin1_decoded() {
        let e = decode(Path::new("x.txt"), b"ab\0cd".to_vec()).unwrap_err();
        assert!(
            e.to_string().contains("x.txt") && e.to_string().contains("NUL"),
            "{e}"
        );
        assert_eq!(
            decode(Path::new("y.txt"), b"caf\xe9 au lait".to_vec()).unwrap(),
            "café au lait"
        );
        assert_eq!(
            decode(Path::new("z"), "\u{feff}Hi".as_bytes().to_vec()).unwrap(),
            "Hi"
        );
    }

    #[test]
    fn the_encoding_a_file_was_read_in_is_recorded_for_its_articles() {
        let dir = tempfile::tempdir().expect("temp dir");
        let para = "The council voted on Tuesday to close the old bridge for repairs next spring.";
        std::fs::write(dir.path().join("a.txt"), format!("{para}\n")).unwrap();
        let mut latin1 =
            b"The caf\xe9 owners said the works would cost them a season of trade.\n".to_vec();
        latin1.extend_from_slice(para.as_bytes());
        std::fs::write(dir.path().join("b.txt"), latin1).unwrap();
        let page = format!(
            "<html><head><meta charset=\"iso-8859-1\"><title>Bridge</title></head><body><p>{para} Caf\u{e9}.</p></body></html>"
        );
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
        std::fs::write(dir.path().join("c.html"), bytes).unwrap();
        let loaded =
            load(&[dir.path().display().to_string()], &LoadOptions::default()).expect("loads");
        let enc = |id: &str| {
            loaded
                .articles
                .iter()
                .find(|a| a.id == id)
                .and_then(|a| a.meta.encoding.clone())
        };
        assert_eq!(enc("a").as_deref(), Some("utf-8"));
        assert_eq!(
            enc("b").as_deref(),
            Some("utf-8, 1 byte read as windows-1252")
        );
        assert_eq!(enc("c").as_deref(), Some("windows-1252 (declared)"));
        // Cleaning carries it to the article the report is built from.
        let rules = crate::rules::Rules::builtin().unwrap();
        let b = loaded
            .articles
            .iter()
            .find(|a| a.id == "b")
            .unwrap()
            .clone();
        assert_eq!(
            crate::clean::clean(b, &rules).encoding.as_deref(),
            Some("utf-8, 1 byte read as windows-1252")
        );
    }

    #[test]
    fn ids_are_made_unique() {
        let mut v = vec![text_article(Path::new("a.txt"), "x".into(), Format::Text); 3];
        unique_ids(&mut v);
        let ids: Vec<&str> = v.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "a~2", "a~3"]);
    }

    #[test]
    fn the_bundled_story_loads_with_its_manifest() {
        let loaded = bundled().unwrap();
        assert_eq!(loaded.articles.len(), 5);
        assert!(loaded.manifest.unwrap().title.is_some());
    }
}
