//! Print the off-topic units of a story with their relatedness (a diagnostic for tuning):
//! `cargo run --release --example sections [DIR]`.
mod common;

use corroborate::{analysis::sections, report, Engine};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let engine = Engine::builtin().expect("engine");
    let loaded = common::story_from_args(&args);
    let cmp = corroborate::compare(loaded, &engine).expect("compare");
    let outlet_of: Vec<String> = cmp.docs.iter().map(report::outlet_name).collect();
    let cfg = sections::SectionsConfig::builtin().expect("sections.toml");
    let r = sections::analyse(&cmp.docs, &outlet_of, &cmp.alignment.claims, &cfg.offtopic);
    println!("median {:.3} mad {:.3}", r.median, r.mad);
    for u in &r.units {
        let d = &cmp.docs[u.doc];
        let first = &d.sentences[d.paragraphs[u.paragraphs.start].sentences.start].text;
        println!(
            "{} {:?} z {:+.2} rel {:.3} core {:.3} own {:.3} w {:>3} {} | {} | {:?}",
            if u.off_topic { "OFF" } else { "   " },
            u.kind,
            u.robust_z,
            u.relatedness,
            u.core,
            u.own,
            u.words,
            u.doc,
            first.chars().take(70).collect::<String>(),
            u.foreign_terms
        );
    }
}
