//! Cleaning any text: no panic, and the invariants a run relies on (body is a fixpoint).
#![no_main]
use corroborate::model::{Format, RawArticle, SourceMeta};
use corroborate::{clean, rules::Rules};
use libfuzzer_sys::fuzz_target;

static RULES: std::sync::LazyLock<Rules> = std::sync::LazyLock::new(|| Rules::builtin().unwrap());

fuzz_target!(|text: &str| {
    let raw = RawArticle {
        id: "f".into(),
        path: "f.txt".into(),
        format: Format::Text,
        text: text.to_string(),
        meta: SourceMeta::default(),
        removed: vec![],
    };
    let a = clean::clean(raw, &RULES);
    // Cleaning the cleaned body again, with the metadata found, changes nothing.
    let meta = SourceMeta {
        title: a.headline.clone(),
        publisher: a.publisher.as_ref().map(|p| p.value.clone()),
        author: a.byline.clone(),
        published: a.published.clone(),
        ..SourceMeta::default()
    };
    let again = clean::clean(
        RawArticle {
            id: "f".into(),
            path: "f.txt".into(),
            format: Format::Text,
            text: a.body.clone(),
            meta,
            removed: vec![],
        },
        &RULES,
    );
    assert_eq!(again.body, a.body);
});
