//! The one serialisable report of a comparison. Renderers format it; they compute nothing.
//!
//! The JSON form is a versioned contract (`schema_version`); fields may be added, existing ones keep
//! their meaning. Output is deterministic: articles in id order, no timestamps, no hash-map order.

use serde::Serialize;

use crate::load::Skipped;
use crate::model::{Document, Format, Removed};

/// Version of the JSON report layout.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub story: Story,
    pub articles: Vec<ArticleReport>,
    /// Files that were seen but not read as articles, with the reason.
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Story {
    pub title: Option<String>,
    pub articles: usize,
    /// Publishers found, sorted; articles whose publisher is unknown are not listed here.
    pub outlets: Vec<String>,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SentenceReport {
    pub text: String,
    /// Byte offsets into `body`.
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
    pub words: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionReport {
    pub title: Option<String>,
    pub sentences: Vec<SentenceReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleReport {
    pub id: String,
    pub path: String,
    pub format: Format,
    pub publisher: Option<String>,
    /// Where the publisher was found: `metadata`, `source_line`, `title_suffix`, `copyright_line`,
    /// `domain_line`, `masthead`.
    pub publisher_from: Option<String>,
    /// The wire service whose copy this is, when credited.
    pub original_source: Option<String>,
    pub original_source_from: Option<String>,
    pub headline: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub words: usize,
    pub sentence_count: usize,
    pub paragraph_count: usize,
    /// The cleaned text; sentence offsets point into it.
    pub body: String,
    pub sections: Vec<SectionReport>,
    pub removed: Vec<Removed>,
}

impl Report {
    /// Build the report of a set of segmented articles.
    pub fn build(docs: &[Document], title: Option<String>, skipped: Vec<Skipped>) -> Report {
        let articles: Vec<ArticleReport> = docs.iter().map(article_report).collect();
        let mut outlets: Vec<String> = articles
            .iter()
            .filter_map(|a| a.publisher.clone())
            .collect();
        outlets.sort();
        outlets.dedup();
        let mut dates: Vec<&str> = articles
            .iter()
            .filter_map(|a| a.published.as_deref())
            .collect();
        dates.sort();
        Report {
            schema_version: SCHEMA_VERSION,
            story: Story {
                title,
                articles: articles.len(),
                outlets,
                first_published: dates.first().map(|s| s.to_string()),
                last_published: dates.last().map(|s| s.to_string()),
            },
            articles,
            skipped,
        }
    }
}

fn article_report(d: &Document) -> ArticleReport {
    let a = &d.article;
    let sections = d
        .sections
        .iter()
        .map(|s| SectionReport {
            title: s.title.clone(),
            sentences: d.paragraphs[s.paragraphs.clone()]
                .iter()
                .flat_map(|p| d.sentences[p.sentences.clone()].iter())
                .map(|s| SentenceReport {
                    text: s.text.clone(),
                    start: s.span.start,
                    end: s.span.end,
                    paragraph: s.paragraph,
                    words: s.tokens.len(),
                })
                .collect(),
        })
        .collect();
    ArticleReport {
        id: a.id.clone(),
        path: a.path.clone(),
        format: a.format,
        publisher: a.publisher.as_ref().map(|f| f.value.clone()),
        publisher_from: a.publisher.as_ref().map(|f| f.from.clone()),
        original_source: a.original_source.as_ref().map(|f| f.value.clone()),
        original_source_from: a.original_source.as_ref().map(|f| f.from.clone()),
        headline: a.headline.clone(),
        byline: a.byline.clone(),
        published: a.published.clone(),
        url: a.url.clone(),
        words: d.words(),
        sentence_count: d.sentences.len(),
        paragraph_count: d.paragraphs.len(),
        body: a.body.clone(),
        sections,
        removed: a.removed.clone(),
    }
}
