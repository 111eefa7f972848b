//! The bundled seed story against gold labels written by reading the pages
//! (tests/fixtures/seed-expectations.toml), and invariants that hold for any article.

use std::collections::BTreeMap;

use corroborate::load;
use corroborate::model::Document;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Expectations {
    article: Vec<Expected>,
    furniture: Furniture,
    fact: Vec<ExpectedFact>,
    unaligned: Unaligned,
    omission: Vec<ExpectedOmission>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ExpectedOmission {
    article: String,
    fact_contains: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ExpectedFact {
    what: String,
    contains: Vec<String>,
    min_outlets: usize,
}

#[derive(Deserialize)]
struct Unaligned {
    sentences: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Expected {
    id: String,
    publisher_contains: Option<String>,
    original_source: Option<String>,
    headline: Option<String>,
    byline: Option<String>,
    published_date: Option<String>,
    first_sentence: String,
    last_sentence: String,
    sections: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct Furniture {
    lines: Vec<String>,
}

fn seed_docs() -> BTreeMap<String, Document> {
    let docs = corroborate::compare(
        load::bundled().unwrap(),
        &corroborate::Engine::builtin().unwrap(),
    )
    .unwrap()
    .docs;
    docs.into_iter()
        .map(|d| (d.article.id.clone(), d))
        .collect()
}

fn expectations() -> Expectations {
    toml::from_str(include_str!("fixtures/seed-expectations.toml")).unwrap()
}

#[test]
fn metadata_matches_the_gold_labels() {
    let docs = seed_docs();
    let gold = expectations();
    assert_eq!(docs.len(), gold.article.len());
    for e in &gold.article {
        let a = &docs[&e.id].article;
        let publisher = a.publisher.as_ref().map(|p| p.value.as_str());
        match &e.publisher_contains {
            Some(p) => assert!(
                publisher.is_some_and(|v| v.contains(p.as_str())),
                "{}: publisher {publisher:?}, expected {p}",
                e.id
            ),
            None => assert_eq!(publisher, None, "{}: the page names no publisher", e.id),
        }
        assert_eq!(
            a.original_source.as_ref().map(|w| w.value.as_str()),
            e.original_source.as_deref(),
            "{}",
            e.id
        );
        assert_eq!(a.headline.as_deref(), e.headline.as_deref(), "{}", e.id);
        assert_eq!(a.byline.as_deref(), e.byline.as_deref(), "{}", e.id);
        assert_eq!(
            a.published.as_deref().map(|d| &d[..10]),
            e.published_date.as_deref(),
            "{}",
            e.id
        );
    }
}

#[test]
fn bodies_start_and_end_where_the_articles_do() {
    let docs = seed_docs();
    for e in &expectations().article {
        let d = &docs[&e.id];
        let first = &d.sentences.first().unwrap().text;
        let last = &d.sentences.last().unwrap().text;
        assert!(
            first.starts_with(&e.first_sentence),
            "{}: first sentence {first:?}",
            e.id
        );
        assert!(
            last.ends_with(&e.last_sentence),
            "{}: last sentence {last:?}",
            e.id
        );
        if let Some(sections) = &e.sections {
            let titles: Vec<&str> = d
                .sections
                .iter()
                .filter_map(|s| s.title.as_deref())
                .collect();
            assert_eq!(&titles, sections, "{}", e.id);
        }
    }
}

#[test]
fn no_furniture_line_survives_in_any_section() {
    let docs = seed_docs();
    for line in &expectations().furniture.lines {
        for d in docs.values() {
            for s in &d.sentences {
                assert_ne!(
                    s.text.trim(),
                    line.as_str(),
                    "{} kept {line:?}",
                    d.article.id
                );
            }
            for sec in &d.sections {
                assert_ne!(
                    sec.title.as_deref(),
                    Some(line.trim_end_matches(':')),
                    "{}",
                    d.article.id
                );
            }
        }
    }
}

/// Every non-empty input line is either in the body or in `removed` (nothing lost silently), and a
/// removed line that reads like prose is either clutter by a named rule or repeated in the body.
#[test]
fn nothing_is_lost_and_no_body_sentence_is_removed() {
    let clutter = [
        "caption",
        "sign_up_prompt",
        "comments_prompt",
        "legal",
        "copyright",
        "promotion",
    ];
    let docs = seed_docs();
    for (path, text) in load::BUNDLED_STORY {
        let id = std::path::Path::new(path)
            .file_stem()
            .unwrap()
            .to_str()
            .unwrap();
        let a = &docs[id].article;
        let norm = corroborate::clean::normalise(text);
        for (i, line) in norm.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
            let in_body = a.body.contains(line);
            let removed: Vec<_> = a.removed.iter().filter(|r| r.line == i + 1).collect();
            let alnum = |s: &str| {
                s.chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
            };
            let covered: String = removed.iter().map(|r| alnum(&r.text)).collect();
            assert!(
                in_body || covered == alnum(line),
                "{id}:{}: {line:?} is neither kept nor listed whole as removed",
                i + 1
            );
            let prose = line
                .trim_end_matches(['"', '”', '’', ')'])
                .ends_with(['.', '!', '?']);
            if !in_body && prose && line.split_whitespace().count() >= 12 {
                let r = removed.last().unwrap();
                let words: Vec<String> = line
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect();
                let body = a.body.to_lowercase();
                let shared = words.iter().filter(|w| body.contains(w.as_str())).count();
                assert!(
                    clutter.contains(&r.reason.as_str())
                        || shared as f64 >= 0.8 * words.len() as f64,
                    "{id}:{}: prose line removed as {} and not repeated in the body: {line:?}",
                    i + 1,
                    r.reason
                );
            }
        }
    }
}

fn seed_report() -> corroborate::report::Report {
    corroborate::compare(
        load::bundled().unwrap(),
        &corroborate::Engine::builtin().unwrap(),
    )
    .unwrap()
    .report
}

#[test]
fn shared_facts_are_aligned_across_outlets() {
    let report = seed_report();
    for e in &expectations().fact {
        let found = report.facts.iter().find(|f| {
            f.members
                .iter()
                .all(|m| e.contains.iter().all(|c| m.text.contains(c.as_str())))
                && f.members.len() >= e.min_outlets
        });
        let f = found.unwrap_or_else(|| {
            panic!(
                "no fact of {} outlets for {}: {:#?}",
                e.min_outlets, e.what, report.facts
            )
        });
        assert!(f.support >= e.min_outlets, "{}", e.what);
    }
}

#[test]
fn sentences_no_other_outlet_reports_stay_unaligned() {
    let report = seed_report();
    for s in &expectations().unaligned.sentences {
        for f in &report.facts {
            assert!(
                f.members.iter().all(|m| &m.text != s),
                "{} aligned {s:?} with {:?}",
                f.id,
                f.members
            );
        }
    }
}

#[test]
fn a_fact_never_holds_two_sentences_of_one_article() {
    for f in &seed_report().facts {
        let mut articles: Vec<&str> = f.members.iter().map(|m| m.article.as_str()).collect();
        let n = articles.len();
        articles.dedup();
        assert_eq!(articles.len(), n, "{}: {:?}", f.id, f.members);
        assert!(n >= 2);
    }
}

#[test]
fn an_outlet_that_does_not_report_a_shared_fact_is_shown_omitting_it() {
    let report = seed_report();
    for e in &expectations().omission {
        let fact = report
            .facts
            .iter()
            .find(|f| {
                f.members
                    .iter()
                    .all(|m| e.fact_contains.iter().all(|c| m.text.contains(c.as_str())))
            })
            .expect("the shared fact is aligned");
        let outlet = report
            .outlets
            .iter()
            .find(|o| o.article == e.article)
            .unwrap();
        assert!(
            outlet.omitted_consensus.contains(&fact.id),
            "{} should omit {}: {:?}",
            e.article,
            fact.id,
            outlet.omitted_consensus
        );
        assert!(outlet.related.iter().all(|r| r.fact != fact.id));
    }
    // Omission needs the absence of evidence: no omitted fact has a related sentence in that outlet.
    for o in &report.outlets {
        for r in &o.related {
            assert!(
                !o.omitted_consensus.contains(&r.fact),
                "{}: {} both omitted and related",
                o.article,
                r.fact
            );
        }
    }
}
