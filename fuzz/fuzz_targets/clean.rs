//! Cleaning any text: no panic, and the invariants a run relies on (body is a fixpoint).
#![no_main]
use corroborate::clean;
use corroborate::model::SourceMeta;
use libfuzzer_sys::fuzz_target;

mod common;
use common::{raw_text, RULES};

fuzz_target!(|text: &str| {
    let raw = raw_text(text.to_string(), SourceMeta::default());
    let a = clean::clean(raw, &RULES);
    // Cleaning the cleaned body again, with the metadata found, changes nothing.
    let meta = SourceMeta {
        title: a.headline.clone(),
        publisher: a.publisher.as_ref().map(|p| p.value.clone()),
        author: a.byline.clone(),
        published: a.published.clone(),
        ..SourceMeta::default()
    };
    let again = clean::clean(raw_text(a.body.clone(), meta), &RULES);
    assert_eq!(again.body, a.body);
});
