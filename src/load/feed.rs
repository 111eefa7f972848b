//! Feed items: RSS 0.9x/1.0/2.0, Atom and JSON Feed (the `feed-rs` crate), CSV with configurable
//! columns, JSONL records (the field names of [`super::json`]), and directories of articles.
//!
//! *What it does*: turns each input into a stream of [`FeedItem`]s — id, title, text (summary or
//! content, HTML stripped), source, url, publication time, an optional gold story label — and says
//! how much text each item carries ([`TextKind`]): headline only, a summary, or a full article.
//!
//! *Why*: aggregated feeds come in many layouts; the audit and `eval clusters` need one item type,
//! read line by line where the format allows (CSV, JSONL), so memory does not grow with the feed.
//!
//! *Limitations*: an XML or JSON Feed file is parsed whole (it is bounded by `--max-bytes`); CSV and
//! JSONL stream. A file that cannot be read is an error naming the file and the reason (exit 2); a
//! bad record inside a CSV or JSONL file is an error naming its line.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use super::fragment::{plain_text, plain_text_owned};
use super::json::FieldMap;
use super::LoadOptions;
use crate::error::{Error, Result};
use crate::model::{Format, RawArticle, SourceMeta};

/// How much text an item carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextKind {
    /// A headline and nothing else.
    Title,
    /// A headline and a short summary (under [`FULL_TEXT_WORDS`] words).
    Summary,
    /// An article body.
    Full,
}

/// Words of text from which an item counts as a full article rather than a summary.
pub const FULL_TEXT_WORDS: usize = 150;

/// One item of a feed.
#[derive(Debug, Clone, Serialize)]
pub struct FeedItem {
    /// The item's own id (guid, id column), else `file#N`.
    pub id: String,
    /// Where it came from: `file#N` (N = 1-based item or line number).
    pub path: String,
    pub title: String,
    /// Summary or content, as plain text (may be empty).
    pub text: String,
    /// The item's summary when it also carries full content distinct from it (feeds), or its
    /// standfirst field beside its body (JSONL): see [`super::standfirst`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standfirst: Option<String>,
    /// Publisher or outlet (the item's source, else the feed's title).
    pub source: Option<String>,
    pub url: Option<String>,
    /// Publication time in seconds since the Unix epoch (UTC), when the item states one.
    pub published: Option<i64>,
    /// The gold story label, when the data carry one (`story`, `STORY`, `subtopic`, …).
    pub story: Option<String>,
    /// Words in `text` (not counting the title).
    pub words: usize,
    pub text_kind: TextKind,
}

impl FeedItem {
    /// Fill `words` and `text_kind` from the text.
    pub fn finish(mut self) -> FeedItem {
        self.words = crate::text::count_words(&self.text);
        self.text_kind = if self.words == 0 {
            TextKind::Title
        } else if self.words < FULL_TEXT_WORDS {
            TextKind::Summary
        } else {
            TextKind::Full
        };
        self
    }

    fn empty(id: String, path: String) -> FeedItem {
        FeedItem {
            id,
            path,
            title: String::new(),
            text: String::new(),
            standfirst: None,
            source: None,
            url: None,
            published: None,
            story: None,
            words: 0,
            text_kind: TextKind::Title,
        }
    }

    /// The item as an article for `compare`: the title is its metadata, the text its body (a
    /// headline-only item is compared on its headline).
    pub fn to_raw(&self) -> RawArticle {
        let text = if self.text.trim().is_empty() {
            self.title.clone()
        } else {
            self.text.clone()
        };
        RawArticle {
            id: self.id.clone(),
            path: self.path.clone(),
            format: Format::Json,
            text,
            meta: SourceMeta {
                title: (!self.title.is_empty()).then(|| self.title.clone()),
                standfirst: self.standfirst.clone(),
                publisher: self.source.clone(),
                author: None,
                published: self.published.and_then(iso_date),
                url: self.url.clone(),
                encoding: None,
            },
            removed: Vec::new(),
        }
    }
}

/// ISO 8601 date-time (UTC) of a Unix time.
pub fn iso_date(secs: i64) -> Option<String> {
    chrono::DateTime::from_timestamp(secs, 0).map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// Field (column) names for CSV and JSONL items: the JSON [`FieldMap`] plus the gold story label.
#[derive(Debug, Clone)]
pub struct ItemFields {
    pub fields: FieldMap,
    pub story: Vec<String>,
}

impl Default for ItemFields {
    fn default() -> Self {
        ItemFields {
            fields: FieldMap::default(),
            story: ["story", "story_id", "subtopic", "label", "cluster", "event"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        }
    }
}

impl ItemFields {
    /// Put `name` first for `field` (the JSON fields, or `story`).
    pub fn prefer(&mut self, field: &str, name: &str) -> std::result::Result<(), String> {
        if field == "story" {
            self.story.retain(|n| n != name);
            self.story.insert(0, name.to_string());
            Ok(())
        } else {
            self.fields.prefer(field, name)
        }
    }
}

/// A stream of items (or the first error met, after which the stream ends).
pub type Items = Box<dyn Iterator<Item = Result<FeedItem>>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Xml,
    JsonFeed,
    Json,
    Jsonl,
    Csv,
}

fn layout_of(path: &Path, head: &[u8]) -> Option<Layout> {
    let name = path.to_string_lossy().to_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit('.').next().unwrap_or("");
    match ext {
        "xml" | "rss" | "atom" | "rdf" => return Some(Layout::Xml),
        "jsonl" | "ndjson" => return Some(Layout::Jsonl),
        "csv" => return Some(Layout::Csv),
        _ => {}
    }
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('<') {
        Some(Layout::Xml)
    } else if t.starts_with('{') || t.starts_with('[') {
        if t.contains("jsonfeed.org") {
            Some(Layout::JsonFeed)
        } else if ext == "json" {
            Some(Layout::Json)
        } else {
            // One object per line, or one document: try lines first.
            let first = t.lines().next().unwrap_or("");
            if serde_json::from_str::<Value>(first).is_ok() && t.lines().nth(1).is_some() {
                Some(Layout::Jsonl)
            } else {
                Some(Layout::Json)
            }
        }
    } else if ext == "json" {
        Some(Layout::Json)
    } else {
        None
    }
}

/// Open a file, transparently gunzipping `.gz`.
fn open(path: &Path) -> Result<Box<dyn BufRead>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    if path.extension().is_some_and(|e| e == "gz") {
        Ok(Box::new(std::io::BufReader::with_capacity(
            1 << 16,
            flate2::read::GzDecoder::new(file),
        )))
    } else {
        Ok(Box::new(std::io::BufReader::with_capacity(1 << 16, file)))
    }
}

/// Read the items of one input: a feed file, a CSV or JSONL file (optionally `.gz`), a directory
/// of articles, or `-` for stdin (JSONL or CSV or a feed, sniffed).
pub fn items(input: &str, fields: &ItemFields, opts: &LoadOptions) -> Result<Items> {
    if input == "-" {
        let mut reader: Box<dyn BufRead> = Box::new(std::io::BufReader::new(std::io::stdin()));
        let head = reader
            .fill_buf()
            .map_err(|e| Error::io("<stdin>", e))?
            .to_vec();
        let layout = layout_of(Path::new("<stdin>"), &head).ok_or_else(|| Error::Record {
            path: "<stdin>".into(),
            reason: "not a feed, CSV or JSONL stream".into(),
        })?;
        return from_reader(PathBuf::from("<stdin>"), reader, layout, fields, opts);
    }
    let path = PathBuf::from(input);
    if path.is_dir() {
        if path.join("articles").is_dir() && !path.join("articles").join("articles").exists() {
            return from_basil(&path);
        }
        return from_articles(input, opts);
    }
    if !path.exists() && input.contains(['*', '?', '[']) {
        return from_articles(input, opts);
    }
    if !path.exists() {
        return Err(Error::NotFound { path });
    }
    let mut reader = open(&path)?;
    let head = reader.fill_buf().map_err(|e| Error::io(&path, e))?.to_vec();
    if head.is_empty() {
        return Err(Error::Record {
            path,
            reason: "the file is empty".into(),
        });
    }
    let layout = match layout_of(&path, &head) {
        Some(l) => l,
        None => return from_articles(input, opts),
    };
    from_reader(path, reader, layout, fields, opts)
}

fn from_reader(
    path: PathBuf,
    reader: Box<dyn BufRead>,
    layout: Layout,
    fields: &ItemFields,
    opts: &LoadOptions,
) -> Result<Items> {
    match layout {
        Layout::Csv => csv_items(path, reader, fields),
        Layout::Jsonl => Ok(Box::new(jsonl_items(path, reader, fields.clone()))),
        Layout::Xml | Layout::JsonFeed | Layout::Json => {
            let mut bytes = Vec::new();
            reader
                .take(opts.max_bytes + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(&path, e))?;
            if bytes.len() as u64 > opts.max_bytes {
                return Err(Error::TooLarge {
                    path,
                    size: bytes.len() as u64,
                    limit: opts.max_bytes,
                });
            }
            let items = if layout == Layout::Json {
                json_items(&path, &bytes, fields)?
            } else {
                parse_feed(&path, &bytes)?
            };
            Ok(Box::new(items.into_iter().map(Ok)))
        }
    }
}

/// Parse an RSS, Atom or JSON Feed document.
pub fn parse_feed(path: &Path, bytes: &[u8]) -> Result<Vec<FeedItem>> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| Error::Record {
        path: path.to_path_buf(),
        reason: format!("not a readable RSS, Atom or JSON feed: {e}"),
    })?;
    let feed_title = feed
        .title
        .as_ref()
        .map(|t| plain_text(&t.content))
        .filter(|t| !t.is_empty());
    let name = path.display().to_string();
    let mut out = Vec::with_capacity(feed.entries.len());
    for (i, e) in feed.entries.into_iter().enumerate() {
        let mut item = FeedItem::empty(e.id.clone(), format!("{name}#{}", i + 1));
        if item.id.is_empty() {
            item.id = item.path.clone();
        }
        item.title = e
            .title
            .as_ref()
            .map(|t| plain_text(&t.content))
            .unwrap_or_default();
        let content = e.content.as_ref().and_then(|c| c.body.clone());
        let summary = e.summary.as_ref().map(|s| s.content.clone());
        // The longer of content and summary: some feeds put the article in one, a teaser in the other.
        // A summary beside longer content is the item's standfirst, when it is one.
        let text = match (content, summary) {
            (Some(c), Some(s)) => {
                if c.len() >= s.len() {
                    let body = plain_text(&c);
                    item.standfirst = super::standfirst::standfirst(
                        &s,
                        (!item.title.is_empty()).then_some(item.title.as_str()),
                        Some(&body),
                    );
                    c
                } else {
                    s
                }
            }
            (Some(c), None) => c,
            (None, Some(s)) => s,
            (None, None) => String::new(),
        };
        item.text = plain_text(&text);
        item.url = e.links.first().map(|l| l.href.clone());
        item.published = e.published.or(e.updated).map(|d| d.timestamp());
        item.source = e
            .source
            .clone()
            .filter(|s| !s.trim().is_empty())
            .or_else(|| feed_title.clone());
        out.push(item.finish());
    }
    Ok(out)
}

/// A publication time from a JSON or CSV value: Unix seconds or milliseconds, RFC 3339, RFC 2822,
/// `YYYY-MM-DD[ HH:MM[:SS]]`. Unreadable → `None` (never guessed).
pub fn parse_time(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) && s.len() >= 9 {
        let n: i64 = s.parse().ok()?;
        // 13 digits: milliseconds (UCI, JavaScript); 10: seconds.
        return Some(if s.len() >= 12 { n / 1000 } else { n });
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(d.timestamp());
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(d.timestamp());
    }
    for f in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(d) = chrono::NaiveDateTime::parse_from_str(s, f) {
            return Some(d.and_utc().timestamp());
        }
    }
    let date = s.get(..10).unwrap_or(s);
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().timestamp())
}

fn value_str(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            // Sentence lists (ECB+ `sentences[{text}]`) or lists of strings.
            let parts: Vec<String> = items
                .iter()
                .filter_map(|i| match i {
                    Value::String(s) => Some(s.clone()),
                    Value::Object(o) => o.get("text").and_then(|t| t.as_str()).map(String::from),
                    _ => None,
                })
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        }
        Value::Object(o) => o
            .get("name")
            .or_else(|| o.get("title"))
            .and_then(|n| n.as_str())
            .map(|s| s.trim().to_string()),
        _ => None,
    }
}

/// The keys of a JSON object that [`object_item`] reads (the field names of [`ItemFields`]).
struct WantedKeys(std::collections::HashSet<String>);

impl WantedKeys {
    fn new(fields: &ItemFields) -> WantedKeys {
        let f = &fields.fields;
        let mut keys = std::collections::HashSet::new();
        for list in [
            &f.id,
            &f.title,
            &f.body,
            &f.standfirst,
            &f.source,
            &f.url,
            &f.published,
            &fields.story,
        ] {
            keys.extend(list.iter().cloned());
        }
        keys.insert("sentences".to_string());
        WantedKeys(keys)
    }

    /// Parse one JSON object, keeping the values of the wanted keys (the other values are
    /// checked and skipped, not built). An error for anything but one JSON object.
    fn parse(&self, line: &str) -> serde_json::Result<Wanted> {
        use serde::de::DeserializeSeed;
        let mut de = serde_json::Deserializer::from_str(line);
        let out = self.deserialize(&mut de)?;
        de.end()?;
        Ok(out)
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for &WantedKeys {
    type Value = Wanted;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Wanted, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for &WantedKeys {
    type Value = Wanted;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Wanted, A::Error> {
        let mut out = Vec::new();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if self.0.contains(key.as_ref()) {
                let v: Value = map.next_value()?;
                out.push((key.into_owned(), v));
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(Wanted(out))
    }
}

/// Some or all (key, value) pairs of a JSON object, in their order; a key given twice means its
/// last value (as in a parsed JSON object).
struct Wanted(Vec<(String, Value)>);

impl Wanted {
    fn from_map(map: serde_json::Map<String, Value>) -> Wanted {
        Wanted(map.into_iter().collect())
    }

    fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

fn first_field(obj: &Wanted, names: &[String]) -> Option<String> {
    names.iter().find_map(|n| obj.get(n).and_then(value_str))
}

/// [`first_field`], with the name of the field it came from.
fn first_named<'a>(obj: &Wanted, names: &'a [String]) -> Option<(&'a str, String)> {
    names
        .iter()
        .find_map(|n| obj.get(n).and_then(value_str).map(|v| (n.as_str(), v)))
}

/// An item from a JSON object; `None` when it has neither title nor text.
fn object_item(obj: &Wanted, fields: &ItemFields, path: String) -> Option<FeedItem> {
    let f = &fields.fields;
    let mut item = FeedItem::empty(
        first_field(obj, &f.id).unwrap_or_else(|| path.clone()),
        path,
    );
    item.title = first_field(obj, &f.title).unwrap_or_default();
    let mut body = f.body.clone();
    body.push("sentences".into());
    let body_name = match first_named(obj, &body) {
        Some((name, text)) => {
            item.text = plain_text_owned(text);
            Some(name)
        }
        None => None,
    };
    if item.title.is_empty() && item.text.is_empty() {
        return None;
    }
    // A standfirst field other than the body's (as for JSON articles, see `super::json`).
    if let Some(body_name) = body_name {
        let title = (!item.title.is_empty()).then_some(item.title.as_str());
        item.standfirst = f
            .standfirst
            .iter()
            .filter(|n| n.as_str() != body_name)
            .filter_map(|n| obj.get(n).and_then(value_str))
            .find_map(|s| super::standfirst::standfirst(&s, title, Some(&item.text)));
    }
    item.source = first_field(obj, &f.source);
    item.url = first_field(obj, &f.url);
    item.published = first_field(obj, &f.published).and_then(|t| parse_time(&t));
    item.story = first_field(obj, &fields.story);
    Some(item.finish())
}

fn jsonl_items(
    path: PathBuf,
    reader: Box<dyn BufRead>,
    fields: ItemFields,
) -> impl Iterator<Item = Result<FeedItem>> {
    let name = path.display().to_string();
    let mut failed = false;
    let wanted = WantedKeys::new(&fields);
    reader.lines().enumerate().filter_map(move |(i, line)| {
        if failed {
            return None;
        }
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                failed = true;
                return Some(Err(Error::io(&path, e)));
            }
        };
        if line.trim().is_empty() {
            return None;
        }
        // The wanted fields only, without building the rest of the object (most lines parse
        // here; any error is reported by the plain parse below, with its usual message).
        if let Ok(obj) = wanted.parse(&line) {
            return object_item(&obj, &fields, format!("{name}:{}", i + 1)).map(Ok);
        }
        let item = match serde_json::from_str::<Value>(&line) {
            Ok(Value::Object(o)) => {
                object_item(&Wanted::from_map(o), &fields, format!("{name}:{}", i + 1))
            }
            Ok(_) => {
                failed = true;
                return Some(Err(Error::Json {
                    path: path.clone(),
                    line: i + 1,
                    reason: "expected one JSON object a line".into(),
                }));
            }
            Err(e) => {
                failed = true;
                return Some(Err(Error::Json {
                    path: path.clone(),
                    line: i + 1,
                    reason: e.to_string(),
                }));
            }
        };
        item.map(Ok)
    })
}

fn json_items(path: &Path, bytes: &[u8], fields: &ItemFields) -> Result<Vec<FeedItem>> {
    let v: Value = serde_json::from_slice(bytes).map_err(|e| Error::Json {
        path: path.to_path_buf(),
        line: e.line(),
        reason: e.to_string(),
    })?;
    let name = path.display().to_string();
    let objects: Vec<serde_json::Map<String, Value>> = match v {
        Value::Object(o) => vec![o],
        Value::Array(a) => a
            .into_iter()
            .filter_map(|x| match x {
                Value::Object(o) => Some(o),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let out: Vec<FeedItem> = objects
        .into_iter()
        .enumerate()
        .filter_map(|(i, o)| object_item(&Wanted::from_map(o), fields, format!("{name}#{}", i + 1)))
        .collect();
    if out.is_empty() {
        return Err(Error::Record {
            path: path.to_path_buf(),
            reason: "no JSON object with a title or a text".into(),
        });
    }
    Ok(out)
}

fn csv_items(path: PathBuf, reader: Box<dyn BufRead>, fields: &ItemFields) -> Result<Items> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers = rdr
        .headers()
        .map_err(|e| Error::Record {
            path: path.clone(),
            reason: format!("unreadable CSV header: {e}"),
        })?
        .clone();
    let lower: Vec<String> = headers
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    let col = |names: &[String]| -> Option<usize> {
        names
            .iter()
            .find_map(|n| lower.iter().position(|h| *h == n.to_lowercase()))
    };
    let f = &fields.fields;
    let title = col(&f.title);
    let text = col(&f.body);
    if title.is_none() && text.is_none() {
        return Err(Error::Record {
            path,
            reason: format!(
                "no title or text column among {:?} (name one with --field title=COLUMN)",
                headers.iter().collect::<Vec<_>>()
            ),
        });
    }
    let (id, source, url, published, story) = (
        col(&f.id),
        col(&f.source),
        col(&f.url),
        col(&f.published),
        col(&fields.story),
    );
    // Standfirst columns other than the body's (as for JSONL records).
    let standfirsts: Vec<usize> = f
        .standfirst
        .iter()
        .filter_map(|n| lower.iter().position(|h| *h == n.to_lowercase()))
        .filter(|c| Some(*c) != text)
        .collect();
    let name = path.display().to_string();
    let mut failed = false;
    let iter = rdr.into_records().filter_map(move |rec| {
        if failed {
            return None;
        }
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                failed = true;
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                return Some(Err(Error::Record {
                    path: path.clone(),
                    reason: format!("line {line}: malformed CSV record: {e}"),
                }));
            }
        };
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let get = |c: Option<usize>| {
            c.and_then(|c| rec.get(c))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let here = format!("{name}:{line}");
        let mut item = FeedItem::empty(get(id).unwrap_or_else(|| here.clone()), here);
        item.title = get(title).unwrap_or_default();
        item.text = get(text).map(|t| plain_text(&t)).unwrap_or_default();
        if item.title.is_empty() && item.text.is_empty() {
            return None;
        }
        if !item.text.is_empty() {
            let title = (!item.title.is_empty()).then_some(item.title.as_str());
            item.standfirst = standfirsts
                .iter()
                .filter_map(|c| get(Some(*c)))
                .find_map(|s| super::standfirst::standfirst(&s, title, Some(&item.text)));
        }
        item.source = get(source);
        item.url = get(url);
        item.published = get(published).and_then(|t| parse_time(&t));
        item.story = get(story);
        Some(Ok(item.finish()))
    });
    Ok(Box::new(iter))
}

/// A directory in the BASIL layout (`articles/<year>/<triplet>_<n>.json`): the triplet is the
/// gold story label.
fn from_basil(dir: &Path) -> Result<Items> {
    let items: Vec<FeedItem> = crate::load::basil::read(dir)
        .map_err(|e| Error::Record {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?
        .into_iter()
        .map(|a| {
            let mut item = FeedItem::empty(a.raw.id, a.raw.path);
            item.title = a.raw.meta.title.unwrap_or_default();
            item.text = a.raw.text;
            item.source = a.raw.meta.publisher;
            item.published = a.raw.meta.published.as_deref().and_then(parse_time);
            item.story = Some(a.triplet);
            item.finish()
        })
        .collect();
    Ok(Box::new(items.into_iter().map(Ok)))
}

/// A directory (or a file that is not a feed): read as articles by [`super::load`], one item each.
fn from_articles(input: &str, opts: &LoadOptions) -> Result<Items> {
    let loaded = super::load(&[input.to_string()], opts)?;
    let items: Vec<FeedItem> = loaded
        .articles
        .into_iter()
        .map(|a| {
            let mut item = FeedItem::empty(a.id, a.path);
            item.title = a.meta.title.unwrap_or_default();
            item.text = a.text;
            item.source = a.meta.publisher;
            item.url = a.meta.url;
            item.published = a.meta.published.as_deref().and_then(parse_time);
            item.finish()
        })
        .collect();
    Ok(Box::new(items.into_iter().map(Ok)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> String {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    }

    fn all(input: &str, fields: &ItemFields) -> Result<Vec<FeedItem>> {
        items(input, fields, &LoadOptions::default())?.collect()
    }

    #[test]
    fn rss_atom_csv_and_jsonl_give_the_same_fields() {
        let dir = tempfile::tempdir().unwrap();
        let rss = write(
            dir.path(),
            "a.xml",
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Daily Wire Desk</title>
            <item><title>Dam bursts &amp; floods valley</title><link>https://x.test/1</link>
            <description>&lt;p&gt;Water &lt;b&gt;rose&lt;/b&gt; fast.&lt;/p&gt;</description>
            <pubDate>Tue, 03 Feb 2026 09:13:00 GMT</pubDate></item></channel></rss>"#,
        );
        let got = all(&rss, &ItemFields::default()).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].title, "Dam bursts & floods valley");
        assert_eq!(got[0].text, "Water rose fast.");
        assert_eq!(got[0].source.as_deref(), Some("Daily Wire Desk"));
        assert_eq!(got[0].url.as_deref(), Some("https://x.test/1"));
        assert_eq!(got[0].published, Some(1_770_109_980));
        assert_eq!(got[0].text_kind, TextKind::Summary);

        let csv = write(
            dir.path(),
            "b.csv",
            "ID,TITLE,PUBLISHER,STORY,TIMESTAMP\n7,\"Dam bursts, floods\",Valley Post,s1,1770109980000\n8,,,s1,\n",
        );
        let got = all(&csv, &ItemFields::default()).unwrap();
        assert_eq!(got.len(), 1, "the empty row is not an item");
        assert_eq!(got[0].id, "7");
        assert_eq!(got[0].title, "Dam bursts, floods");
        assert_eq!(got[0].story.as_deref(), Some("s1"));
        assert_eq!(got[0].published, Some(1_770_109_980));
        assert_eq!(got[0].text_kind, TextKind::Title);

        let jsonl = write(
            dir.path(),
            "c.jsonl",
            "{\"id\":\"x\",\"title\":\"T\",\"text\":\"Body here.\",\"source\":\"S\",\"published\":\"2026-02-03\",\"story\":\"g\"}\n\n",
        );
        let got = all(&jsonl, &ItemFields::default()).unwrap();
        assert_eq!(got[0].story.as_deref(), Some("g"));
        assert_eq!(got[0].published, Some(1_770_076_800));
        assert_eq!(got[0].words, 2);
    }

    #[test]
    fn a_summary_beside_full_content_is_the_standfirst() {
        let feed = br#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>
<entry><id>1</id><title>Dam bursts and floods valley</title><updated>2026-02-03T09:13:00Z</updated>
<summary>Hundreds leave their homes as the water rises.</summary>
<content type="html">&lt;p&gt;The dam above the valley gave way on Tuesday morning.&lt;/p&gt;&lt;p&gt;Crews worked through the night.&lt;/p&gt;</content></entry>
<entry><id>2</id><title>Dam bursts and floods valley</title><updated>2026-02-03T09:13:00Z</updated>
<summary>Dam bursts and floods valley</summary>
<content type="html">&lt;p&gt;The dam above the valley gave way on Tuesday morning.&lt;/p&gt;</content></entry>
<entry><id>3</id><title>Dam bursts</title><updated>2026-02-03T09:13:00Z</updated>
<summary>The water rose fast after the dam gave way on Tuesday.</summary></entry>
</feed>"#;
        let got = parse_feed(Path::new("f.atom"), feed).unwrap();
        assert_eq!(
            got[0].standfirst.as_deref(),
            Some("Hundreds leave their homes as the water rises.")
        );
        assert_eq!(
            got[0].text,
            "The dam above the valley gave way on Tuesday morning. Crews worked through the night."
        );
        let raw = got[0].to_raw();
        assert_eq!(raw.meta.standfirst, got[0].standfirst);
        // A summary that repeats the title is none; a summary alone is the text, not a standfirst.
        assert_eq!(got[1].standfirst, None);
        assert_eq!(got[2].standfirst, None);
        assert!(got[2].text.starts_with("The water rose"));
        // RSS 2.0: the description beside `content:encoded`.
        let rss = br#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Desk</title>
<item><title>Dam bursts</title><description>Hundreds leave their homes as the water rises.</description>
<content:encoded><![CDATA[<p>The dam above the valley gave way on Tuesday morning.</p><p>Crews worked through the night.</p>]]></content:encoded></item>
</channel></rss>"#;
        let got = parse_feed(Path::new("f.rss"), rss).unwrap();
        assert_eq!(
            got[0].standfirst.as_deref(),
            Some("Hundreds leave their homes as the water rises.")
        );
        assert!(got[0].text.starts_with("The dam above"), "{}", got[0].text);
    }

    #[test]
    fn a_jsonl_item_reads_its_standfirst_field_beside_its_body() {
        let dir = tempfile::tempdir().unwrap();
        let jsonl = write(
            dir.path(),
            "s.jsonl",
            "{\"title\":\"T\",\"text\":\"Body here.\",\"description\":\"Hundreds leave their homes tonight.\"}\n\
             {\"title\":\"T\",\"description\":\"Hundreds leave their homes tonight.\"}\n",
        );
        let got = all(&jsonl, &ItemFields::default()).unwrap();
        assert_eq!(
            got[0].standfirst.as_deref(),
            Some("Hundreds leave their homes tonight.")
        );
        assert_eq!(got[0].text, "Body here.");
        assert_eq!(got[1].standfirst, None);
        assert_eq!(got[1].text, "Hundreds leave their homes tonight.");
    }

    #[test]
    fn configurable_csv_columns() {
        let dir = tempfile::tempdir().unwrap();
        let csv = write(dir.path(), "d.csv", "hed,site\nA headline,Site A\n");
        let mut f = ItemFields::default();
        assert!(all(&csv, &f).is_err());
        f.prefer("title", "hed").unwrap();
        f.prefer("source", "site").unwrap();
        let got = all(&csv, &f).unwrap();
        assert_eq!(got[0].title, "A headline");
        assert_eq!(got[0].source.as_deref(), Some("Site A"));
    }

    #[test]
    fn a_standfirst_column_beside_the_text_is_the_standfirst() {
        let dir = tempfile::tempdir().unwrap();
        let body = "The water rose fast after the dam gave way on Tuesday, and crews worked through the night.";
        let csv = write(
            dir.path(),
            "s.csv",
            &format!(
                "title,text,dek\n\
                 Dam bursts,\"{body}\",Hundreds leave their homes as the water rises.\n\
                 Dam bursts,\"{body}\",Dam bursts\n\
                 Dam bursts,,Hundreds leave their homes as the water rises.\n"
            ),
        );
        let got = all(&csv, &ItemFields::default()).unwrap();
        assert_eq!(
            got[0].standfirst.as_deref(),
            Some("Hundreds leave their homes as the water rises.")
        );
        // A column repeating the title is none; without a body there is nothing to stand first.
        assert_eq!(got[1].standfirst, None);
        assert_eq!(got[2].standfirst, None);
        // The column read as the body is never the standfirst too.
        let mut f = ItemFields::default();
        f.prefer("body", "dek").unwrap();
        let got = all(&csv, &f).unwrap();
        assert!(got[0].text.starts_with("Hundreds"), "{:?}", got[0].text);
        assert_eq!(got[0].standfirst, None);
    }

    #[test]
    fn bad_feeds_are_errors_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in [
            ("bad.xml", "<rss><channel><item><title>x</title>"),
            ("bad.jsonl", "{\"title\":\"a\"}\n{oops\n"),
            ("empty.csv", ""),
            ("bad.csv", "title,source\n\"unterminated,x\n"),
        ] {
            let p = write(dir.path(), name, text);
            let r = all(&p, &ItemFields::default());
            if name == "bad.csv" {
                // The csv crate reads an unterminated quote to the end of the file as one field.
                continue;
            }
            let e = r.expect_err(name);
            assert!(e.to_string().contains(name), "{e}");
        }
        let e = all("/nonexistent/feed.xml", &ItemFields::default()).unwrap_err();
        assert_eq!(e.exit_status(), crate::ExitStatus::BadInput);
    }

    #[test]
    fn times_in_common_shapes() {
        assert_eq!(parse_time("1394470370698"), Some(1_394_470_370));
        assert_eq!(parse_time("1394470370"), Some(1_394_470_370));
        assert_eq!(parse_time("2014-03-10T17:32:50Z"), Some(1_394_472_770));
        assert_eq!(parse_time("2025-04-18"), Some(1_744_934_400));
        assert_eq!(parse_time("yesterday"), None);
        assert_eq!(parse_time("2025"), None);
    }
}
