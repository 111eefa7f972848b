//! JSON and JSONL article records.
//!
//! A record is an object with a title, a body and optional source, url, publication date and author.
//! Field names vary between exports, so each is looked up in a list of names (configurable with
//! `--field body=story_text`); the first present, non-empty string wins. A `.json` file may hold one
//! object or an array of objects; a `.jsonl` file one object a line (blank lines are skipped).

use std::path::Path;

use serde_json::Value;

use super::Skipped;
use crate::error::{Error, Result};
use crate::model::{Format, RawArticle, SourceMeta};

/// The names looked up for each field, in order.
#[derive(Debug, Clone)]
pub struct FieldMap {
    pub title: Vec<String>,
    pub body: Vec<String>,
    /// The summary under the headline, read only from a field other than the body's.
    pub standfirst: Vec<String>,
    pub source: Vec<String>,
    pub url: Vec<String>,
    pub published: Vec<String>,
    pub author: Vec<String>,
    pub id: Vec<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Default for FieldMap {
    fn default() -> Self {
        FieldMap {
            title: names(&["title", "headline"]),
            body: names(&[
                "body",
                "text",
                "content",
                "article",
                "articleBody",
                "description",
                "summary",
            ]),
            standfirst: names(&[
                "standfirst",
                "dek",
                "subtitle",
                "subheadline",
                "description",
                "summary",
            ]),
            source: names(&[
                "source",
                "outlet",
                "publisher",
                "site_name",
                "siteName",
                "domain",
            ]),
            url: names(&["url", "link"]),
            published: names(&[
                "published",
                "date",
                "pubDate",
                "published_at",
                "publishedAt",
                "datePublished",
                "timestamp",
            ]),
            author: names(&["author", "byline", "authors"]),
            id: names(&["id", "guid"]),
        }
    }
}

impl FieldMap {
    /// Put `name` first in the list for `field` (`title`, `body`, `standfirst`, `source`, `url`,
    /// `published`, `author`, `id`). Returns an error message for an unknown field.
    pub fn prefer(&mut self, field: &str, name: &str) -> std::result::Result<(), String> {
        let list = match field {
            "title" => &mut self.title,
            "body" => &mut self.body,
            "standfirst" => &mut self.standfirst,
            "source" => &mut self.source,
            "url" => &mut self.url,
            "published" => &mut self.published,
            "author" => &mut self.author,
            "id" => &mut self.id,
            other => {
                return Err(format!(
                    "unknown field `{other}` (expected one of title, body, standfirst, source, url, published, author, id)"
                ))
            }
        };
        list.retain(|n| n != name);
        list.insert(0, name.to_string());
        Ok(())
    }
}

/// A string from the first listed field present; arrays of strings (authors) are joined; numbers kept.
fn field(obj: &serde_json::Map<String, Value>, list: &[String]) -> Option<String> {
    named_field(obj, list).map(|(_, v)| v)
}

/// [`field`], with the name of the field it came from.
fn named_field<'a>(
    obj: &serde_json::Map<String, Value>,
    list: &'a [String],
) -> Option<(&'a str, String)> {
    for name in list {
        let v = match obj.get(name) {
            Some(Value::String(s)) => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|i| match i {
                    Value::String(s) => Some(s.trim().to_string()),
                    Value::Object(o) => o
                        .get("name")
                        .and_then(|n| n.as_str())
                        .map(|s| s.trim().to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(", "),
            Some(Value::Object(o)) => o
                .get("name")
                .or_else(|| o.get("title"))
                .and_then(|n| n.as_str())
                .unwrap_or_default()
                .trim()
                .to_string(),
            _ => String::new(),
        };
        if !v.is_empty() {
            return Some((name, v));
        }
    }
    None
}

/// The standfirst of a record: the first standfirst field, other than the one the body came from,
/// that [`super::standfirst::standfirst`] accepts. A record without a body has none (its only text
/// is its body, whatever the field is called).
fn standfirst_of(
    obj: &serde_json::Map<String, Value>,
    fields: &FieldMap,
    body: Option<(&str, &str)>,
    title: Option<&str>,
) -> Option<String> {
    let (body_name, body) = body?;
    fields
        .standfirst
        .iter()
        .filter(|n| n.as_str() != body_name)
        .filter_map(|n| field(obj, std::slice::from_ref(n)))
        .find_map(|s| super::standfirst::standfirst(&s, title, Some(body)))
}

/// One record: `at` is where it stands in its file ("feed.jsonl:12", "items.json#37"); a record that
/// cannot be read is a [`Skipped`] naming that place, so the other records of the file are kept.
fn record(
    value: &Value,
    id: String,
    at: &str,
    fields: &FieldMap,
) -> std::result::Result<RawArticle, Skipped> {
    let Value::Object(obj) = value else {
        return Err(Skipped {
            path: at.to_string(),
            reason: format!("expected an object per article, found {}", kind(value)),
        });
    };
    let body = named_field(obj, &fields.body);
    let title = field(obj, &fields.title);
    let standfirst = standfirst_of(
        obj,
        fields,
        body.as_ref().map(|(n, b)| (*n, b.as_str())),
        title.as_deref(),
    );
    let body = body.map(|(_, b)| b);
    if body.is_none() && title.is_none() {
        return Err(Skipped {
            path: at.to_string(),
            reason: format!(
                "the record has no text: none of the body fields ({}) nor the title fields ({}) holds a string",
                fields.body.join(", "),
                fields.title.join(", ")
            ),
        });
    }
    let record_id = field(obj, &fields.id).unwrap_or(id);
    Ok(RawArticle {
        id: record_id,
        path: at.to_string(),
        format: Format::Json,
        text: body.unwrap_or_default(),
        meta: SourceMeta {
            title,
            standfirst,
            publisher: field(obj, &fields.source),
            author: field(obj, &fields.author),
            published: field(obj, &fields.published),
            url: field(obj, &fields.url),
            encoding: None,
        },
        removed: Vec::new(),
    })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn json_error(path: &Path, e: serde_json::Error, line_offset: usize) -> Error {
    Error::Json {
        path: path.to_path_buf(),
        line: e.line() + line_offset,
        reason: e.to_string(),
    }
}

/// Records read from a file, and the records skipped with their reason.
pub type Records = (Vec<RawArticle>, Vec<Skipped>);

/// A `.json` file: one object, or an array of objects. A document that is not JSON, or an empty
/// array, is an error for the whole file; a bad item is skipped and the others kept.
pub fn from_json(text: &str, stem: &str, path: &Path, fields: &FieldMap) -> Result<Records> {
    let value: Value = serde_json::from_str(text).map_err(|e| json_error(path, e, 0))?;
    let mut out = (Vec::new(), Vec::new());
    match &value {
        Value::Array(items) => {
            if items.is_empty() {
                return Err(Error::Record {
                    path: path.to_path_buf(),
                    reason: "the JSON array holds no records".into(),
                });
            }
            for (i, v) in items.iter().enumerate() {
                let at = format!("{}#{}", path.display(), i + 1);
                match record(v, format!("{stem}#{}", i + 1), &at, fields) {
                    Ok(a) => out.0.push(a),
                    Err(s) => out.1.push(s),
                }
            }
        }
        _ => match record(
            &value,
            stem.to_string(),
            &path.display().to_string(),
            fields,
        ) {
            Ok(a) => out.0.push(a),
            Err(s) => {
                return Err(Error::Record {
                    path: path.to_path_buf(),
                    reason: s.reason,
                });
            }
        },
    }
    Ok(out)
}

/// A `.jsonl` file: one object a line. A line that is not JSON, or not an article, is skipped with
/// its line number and the other lines kept.
pub fn from_jsonl(text: &str, stem: &str, path: &Path, fields: &FieldMap) -> Result<Records> {
    let mut out = (Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = format!("{}:{}", path.display(), i + 1);
        match serde_json::from_str::<Value>(line) {
            Ok(value) => match record(&value, format!("{stem}#{}", i + 1), &at, fields) {
                Ok(a) => out.0.push(a),
                Err(s) => out.1.push(s),
            },
            Err(e) => out.1.push(Skipped {
                path: at,
                reason: format!("malformed JSON: {e}"),
            }),
        }
    }
    if out.0.is_empty() && out.1.is_empty() {
        return Err(Error::Record {
            path: path.to_path_buf(),
            reason: "the JSONL file holds no records".into(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_found_under_their_usual_names() {
        let text = r#"{"headline":"A title","content":"Body text.","outlet":"Example","authors":["A B","C D"],"pubDate":"2026-02-03"}"#;
        let a = &from_json(text, "x", Path::new("x.json"), &FieldMap::default())
            .unwrap()
            .0[0];
        assert_eq!(a.text, "Body text.");
        assert_eq!(a.meta.title.as_deref(), Some("A title"));
        assert_eq!(a.meta.publisher.as_deref(), Some("Example"));
        assert_eq!(a.meta.author.as_deref(), Some("A B, C D"));
        assert_eq!(a.meta.published.as_deref(), Some("2026-02-03"));
    }

    #[test]
    fn a_description_beside_the_text_is_the_standfirst() {
        let f = FieldMap::default();
        let one = |text: &str| from_json(text, "x", Path::new("x.json"), &f).unwrap().0[0].clone();
        let a = one(
            r#"{"title":"Port strike ends","description":"Ships queue as the union votes to return.","text":"Dock workers returned on Monday."}"#,
        );
        assert_eq!(
            a.text, "Dock workers returned on Monday.",
            "the body field is unchanged"
        );
        assert_eq!(
            a.meta.standfirst.as_deref(),
            Some("Ships queue as the union votes to return.")
        );
        // `dek` before `description`; HTML in the field is read as text.
        let a = one(
            r#"{"title":"T","dek":"The <i>longest</i> stoppage in decades is over","description":"Other words here today","body":"B."}"#,
        );
        assert_eq!(
            a.meta.standfirst.as_deref(),
            Some("The longest stoppage in decades is over")
        );
        // The description is the body when there is no other: no standfirst.
        let a = one(
            r#"{"title":"T","description":"Dock workers returned on Monday after the strike."}"#,
        );
        assert_eq!(a.text, "Dock workers returned on Monday after the strike.");
        assert_eq!(a.meta.standfirst, None);
        // A summary equal to the title (up to case and spaces), or to the body, is none.
        let a = one(
            r#"{"title":"Port strike ends after three weeks","summary":"port strike  ENDS after three weeks","text":"B."}"#,
        );
        assert_eq!(a.meta.standfirst, None);
        let a = one(
            r#"{"title":"T","summary":"Dock workers returned on Monday.","text":"Dock workers returned on Monday."}"#,
        );
        assert_eq!(a.meta.standfirst, None);
        // `--field standfirst=NAME` reads another field.
        let mut g = FieldMap::default();
        g.prefer("standfirst", "kicker_text").unwrap();
        let a = &from_json(
            r#"{"title":"T","kicker_text":"Ships queue as the union votes to return.","text":"B."}"#,
            "x",
            Path::new("x.json"),
            &g,
        )
        .unwrap()
        .0[0];
        assert_eq!(
            a.meta.standfirst.as_deref(),
            Some("Ships queue as the union votes to return.")
        );
    }

    #[test]
    fn a_preferred_field_name_wins() {
        let mut f = FieldMap::default();
        f.prefer("body", "story_text").unwrap();
        let text = r#"{"text":"wrong","story_text":"right"}"#;
        assert_eq!(
            from_json(text, "x", Path::new("x.json"), &f).unwrap().0[0].text,
            "right"
        );
        assert!(f.prefer("bdy", "x").is_err());
    }

    #[test]
    fn a_bad_record_is_skipped_by_its_place_and_the_others_kept() {
        let f = FieldMap::default();
        let (ok, skipped) = from_jsonl(
            "{\"text\":\"a\"}\n{oops\n[1]\n",
            "x",
            Path::new("feed.jsonl"),
            &f,
        )
        .unwrap();
        assert_eq!(ok.len(), 1);
        assert_eq!(skipped[0].path, "feed.jsonl:2");
        assert!(
            skipped[0].reason.starts_with("malformed JSON"),
            "{:?}",
            skipped[0]
        );
        assert_eq!(skipped[1].path, "feed.jsonl:3");
        assert!(
            skipped[1].reason.contains("expected an object"),
            "{:?}",
            skipped[1]
        );
        let (ok, skipped) = from_json(
            r#"[{"text": "a"}, {"other": 1}, {"text": "c"}]"#,
            "x",
            Path::new("i.json"),
            &f,
        )
        .unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(skipped[0].path, "i.json#2");
        assert!(skipped[0].reason.contains("has no text"));
        // A file that is not JSON at all, or a single object that is not an article, is an error.
        assert!(from_json(r#"{"text": 3.5e999}"#, "x", Path::new("n.json"), &f).is_err());
        let e = from_json(r#"{"other": "x"}"#, "x", Path::new("o.json"), &f).unwrap_err();
        assert!(e.to_string().contains("has no text"), "{e}");
    }
}
