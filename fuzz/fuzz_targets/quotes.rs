//! Quotation extraction on any segmented text: no panic; quotations point at real sentences.
#![no_main]
use corroborate::extract::quotes::{quotes, Lexicon};
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
    let lex = Lexicon::builtin().unwrap();
    let _ = quotes(&d, lex);
});
