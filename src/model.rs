//! The types that flow between stages: `RawArticle` (load) → `Article` (clean) → `Document` (segment).
//!
//! Each stage has one job and one output type. Spans are byte ranges into `Article::body`, the cleaned
//! text, so that every later number can point back to the exact words behind it.

use serde::Serialize;

/// The input format an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text or markdown, typically a web page pasted as text with all its clutter.
    Text,
    /// An HTML page; the main content was extracted before cleaning.
    Html,
    /// One JSON record (a `.json` file or one line of a `.jsonl` file).
    Json,
}

/// Metadata that the source itself carries (HTML meta tags, JSON fields, the story manifest).
/// Values found here win over what cleaning infers from the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SourceMeta {
    pub title: Option<String>,
    /// The summary the source states under its title (standfirst, deck, dek): an HTML page's meta
    /// description, a JSON record's `standfirst`/`dek`/`description`/… field beside its body, a feed
    /// item's summary beside its content. `None` for plain text, where a short first paragraph
    /// cannot be told from a lead, and when it only repeats the title.
    pub standfirst: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    /// How the file's bytes were read as text ([`crate::load::decode::Source::label`]): `utf-8`,
    /// a declared charset, or UTF-8 with some bytes read as Windows-1252. `None` for text that did
    /// not come from a file's bytes (tests, corpora read as strings).
    pub encoding: Option<String>,
}

/// An article as loaded, before any cleaning.
#[derive(Debug, Clone, Serialize)]
pub struct RawArticle {
    /// Stable id: the file stem, or `stem#N` for the N-th record of a JSONL file.
    pub id: String,
    /// Where it came from, as the user named it.
    pub path: String,
    pub format: Format,
    /// The text to clean (for HTML: the extracted main content).
    pub text: String,
    pub meta: SourceMeta,
    /// Blocks the loader itself dropped (for HTML: what main-content extraction left out is not listed
    /// block by block, but the loader says so here).
    pub removed: Vec<Removed>,
}

/// A block of the input that cleaning removed, with the reason. Nothing is dropped silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    pub text: String,
    /// A short stable reason, such as `navigation`, `sign_up_prompt`, `caption`, `repeated_block`.
    pub reason: String,
    /// The rule or heuristic that fired (rule id from `rubrics/boilerplate.toml`, or a heuristic name).
    pub rule: String,
    /// 1-based line in the loaded text where the block started.
    pub line: usize,
}

/// Where a metadata value was found, so a report can show why the tool believes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    pub value: String,
    /// `manifest`, `source_meta`, `copyright_line`, `source_line`, `title_suffix`, `masthead`, ...
    pub from: String,
}

/// A cleaned article with its metadata.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    pub id: String,
    pub path: String,
    pub format: Format,
    pub publisher: Option<Found>,
    /// The wire service whose copy this is, when the page credits one (Reuters, AP, AFP, ...).
    pub original_source: Option<Found>,
    pub headline: Option<String>,
    /// The standfirst the source states ([`SourceMeta::standfirst`]); never inferred from the body,
    /// and `None` when it equals the headline (up to case and white space).
    pub standfirst: Option<String>,
    pub byline: Option<String>,
    /// ISO 8601: a date (`2026-02-03`) or a date-time with offset when the page gives a time.
    pub published: Option<String>,
    pub url: Option<String>,
    /// How the file's bytes were read as text (see [`SourceMeta::encoding`]).
    pub encoding: Option<String>,
    /// The cleaned text: the blocks kept, separated by one blank line.
    pub body: String,
    pub removed: Vec<Removed>,
}

impl Article {
    /// An article with an id and a format and nothing else known yet (for corpora that come as
    /// sentence lists, and for tests).
    pub fn bare(id: &str, format: Format) -> Article {
        Article {
            id: id.to_string(),
            path: id.to_string(),
            format,
            publisher: None,
            original_source: None,
            headline: None,
            standfirst: None,
            byline: None,
            published: None,
            url: None,
            encoding: None,
            body: String::new(),
            removed: Vec::new(),
        }
    }
}

/// A byte range into `Article::body`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// A word of a sentence: its span, its lower-cased form and its stem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token {
    pub span: Span,
    pub lower: String,
    pub stem: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Sentence {
    pub span: Span,
    pub text: String,
    /// Index of the paragraph that holds it.
    pub paragraph: usize,
    #[serde(skip)]
    pub tokens: Vec<Token>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    Text,
    Bullet,
}

#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    pub span: Span,
    pub kind: ParagraphKind,
    /// Index of the section that holds it.
    pub section: usize,
    /// Range of sentence indices.
    pub sentences: std::ops::Range<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The heading, without its markup (`# `, trailing colon); `None` for text before any heading.
    pub title: Option<String>,
    pub span: Span,
    /// Range of paragraph indices.
    pub paragraphs: std::ops::Range<usize>,
}

/// A segmented article: sections, paragraphs, sentences and tokens, all with spans into the body.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub article: Article,
    pub sections: Vec<Section>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
}

impl Document {
    /// Number of word tokens in the body.
    pub fn words(&self) -> usize {
        self.sentences.iter().map(|s| s.tokens.len()).sum()
    }
}
