//! Diagnostics for quote fidelity: the cross-outlet quotation pairs of each BASIL triplet, with
//! their class, texts and speakers.
//!
//! `cargo run --release --example quote_pairs -- ../shared/eval/basil [CLASS]`

use corroborate::analysis::quotes::analyse;
use corroborate::extract::quotes::Lexicon;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::PathBuf::from(&args[1]);
    let only = args.get(2);
    let engine = corroborate::Engine::builtin().expect("engine");
    let triplets =
        corroborate::load::basil::by_triplet(corroborate::load::basil::read(&dir).expect("basil"));
    for (id, raws) in triplets {
        let docs: Vec<_> = raws
            .into_iter()
            .map(|r| corroborate::segment::segment(corroborate::clean::clean(r, &engine.rules)))
            .collect();
        let alignment = corroborate::align::align(&docs, &engine.model, &engine.align);
        let outlets: Vec<String> = docs.iter().map(corroborate::report::outlet_name).collect();
        let q = analyse(&docs, &alignment, &outlets, Lexicon::builtin().unwrap());
        let by_id = |x: &str| q.quotes.iter().find(|r| r.id == x).expect("quote");
        for p in &q.pairs {
            let key = format!("{:?}", p.relation).to_lowercase();
            if only.is_some_and(|o| !key.contains(o.as_str())) {
                continue;
            }
            let (a, b) = (by_id(&p.a), by_id(&p.b));
            println!(
                "{id} {key} {:.2}\n  {} [{:?}] {:?}\n  {} [{:?}] {:?}",
                p.similarity, a.article, a.speaker, a.text, b.article, b.speaker, b.text
            );
        }
    }
}
