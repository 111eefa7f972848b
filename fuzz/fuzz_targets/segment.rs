//! Cleaning then segmenting any text: no panic; sentence spans in bounds, ordered, on char boundaries.
#![no_main]
use corroborate::model::{Format, RawArticle, SourceMeta};
use corroborate::{clean, rules::Rules, segment};
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
    let d = segment::segment(clean::clean(raw, &RULES));
    let body = &d.article.body;
    let mut last = 0;
    for s in &d.sentences {
        assert!(last <= s.span.start && s.span.start < s.span.end && s.span.end <= body.len());
        assert_eq!(&body[s.span.start..s.span.end], s.text);
        last = s.span.end;
    }
});
