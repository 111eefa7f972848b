//! Quotation extraction on any segmented text: no panic; quotations point at real sentences.
#![no_main]
use corroborate::extract::quotes::{quotes, Lexicon};
use corroborate::model::SourceMeta;
use corroborate::{clean, segment};
use libfuzzer_sys::fuzz_target;

mod common;
use common::{raw_text, RULES};

fuzz_target!(|text: &str| {
    let raw = raw_text(text.to_string(), SourceMeta::default());
    let d = segment::segment(clean::clean(raw, &RULES));
    let lex = Lexicon::builtin().unwrap();
    let _ = quotes(&d, lex);
});
