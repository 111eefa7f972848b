//! Cleaning then segmenting any text: no panic; sentence spans in bounds, ordered, on char boundaries.
#![no_main]
use corroborate::model::SourceMeta;
use corroborate::{clean, segment};
use libfuzzer_sys::fuzz_target;

mod common;
use common::{raw_text, RULES};

fuzz_target!(|text: &str| {
    let raw = raw_text(text.to_string(), SourceMeta::default());
    let d = segment::segment(clean::clean(raw, &RULES));
    let body = &d.article.body;
    let mut last = 0;
    for s in &d.sentences {
        assert!(last <= s.span.start && s.span.start < s.span.end && s.span.end <= body.len());
        assert_eq!(&body[s.span.start..s.span.end], s.text);
        last = s.span.end;
    }
});
