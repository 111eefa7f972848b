//! Print the most probable cross-article sentence pairs of a story (a diagnostic for tuning).
//! `cargo run --release --example pairs [DIR] [N]`
mod common;

use corroborate::{align, Engine};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let engine = Engine::builtin().expect("engine");
    let loaded = common::story_from_args(&args);
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(40);
    let cmp = corroborate::compare(loaded, &engine).expect("compare");
    let docs = &cmp.docs;
    let idf = align::story_idf(docs);
    let infos = align::prepare(docs, &engine.align, &idf);
    let mut scored: Vec<(f64, usize, usize)> = align::blocking::all_cross_pairs(&infos)
        .into_iter()
        .map(|(i, j)| {
            (
                align::pair_probability(
                    &infos[i],
                    &infos[j],
                    &engine.model,
                    &idf,
                    engine.align.facts.clause_floor,
                ),
                i,
                j,
            )
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let cands: std::collections::HashSet<(usize, usize)> =
        align::blocking::candidates(&infos, &engine.align)
            .into_iter()
            .collect();
    for (p, i, j) in scored.into_iter().take(n) {
        let (a, b) = (infos[i].at, infos[j].at);
        println!(
            "{p:.3} {} {}:{} | {}:{}\n   {}\n   {}",
            if cands.contains(&(i, j)) {
                "kept"
            } else {
                "MISS"
            },
            a.doc,
            a.sentence,
            b.doc,
            b.sentence,
            docs[a.doc].sentences[a.sentence].text,
            docs[b.doc].sentences[b.sentence].text
        );
    }
}
