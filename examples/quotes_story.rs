//! Quotations of a story: every quotation with its speaker, verb, fidelity and matches, then the
//! findings and each outlet's attribution profile (JSON).
//!
//! `cargo run --release --example quotes_story -- [DIR]` (the bundled seed story by default)

use corroborate::analysis::quotes::analyse;
use corroborate::extract::quotes::Lexicon;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let engine = corroborate::Engine::builtin().expect("engine");
    let loaded = if args.is_empty() {
        corroborate::load::bundled().expect("bundled story")
    } else {
        let paths: Vec<String> = args;
        corroborate::load::load(&paths, &Default::default()).expect("load")
    };
    let c = corroborate::compare(loaded, &engine).expect("compare");
    let outlets: Vec<String> = c
        .docs
        .iter()
        .map(corroborate::report::outlet_name)
        .collect();
    let q = analyse(&c.docs, &c.alignment, &outlets, Lexicon::builtin().unwrap());
    println!("{}", serde_json::to_string_pretty(&q).expect("json"));
}
