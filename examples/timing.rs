//! Where the default run's time goes: `cargo run --release --example timing`.
//! Prints the cost of each stage's first use (lazy regex compilation and caches) and of a second
//! comparison of the bundled story in the same process.
use std::time::Instant;

fn time<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    println!("{label:<28} {:?}", t.elapsed());
    out
}

fn main() {
    let engine = time("engine (rules, model)", || {
        corroborate::Engine::builtin().expect("engine")
    });
    let text = "WASHINGTON (Reuters) - At least 126 people died on Feb. 3, 2026, officials said.";
    time("dates first use", || corroborate::dates::find_date(text));
    time("claims first use", || {
        corroborate::extract::claims(text, Some("2026-02-03"))
    });
    let raw = corroborate::load::bundled().expect("bundled").articles[0].clone();
    let article = time("clean first use", || {
        corroborate::clean::clean(raw, &engine.rules)
    });
    time("segment first use", || {
        corroborate::segment::segment(article)
    });
    let loaded = corroborate::load::bundled().expect("bundled");
    time("compare (first)", || {
        corroborate::compare(loaded.clone(), &engine).expect("compare")
    });
    let cmp = corroborate::compare(loaded.clone(), &engine).expect("compare");
    let outlet_of: Vec<String> = cmp
        .docs
        .iter()
        .map(corroborate::report::outlet_name)
        .collect();
    time("align", || {
        corroborate::align::align(&cmp.docs, &engine.model, &engine.align)
    });
    use corroborate::analysis::{hedging, quotes, sections};
    time("analysis: hedging", || {
        hedging::analyse(&cmp.docs, engine.cues)
    });
    time("analysis: quotes", || {
        quotes::analyse(&cmp.docs, &cmp.alignment, &outlet_of, engine.speech)
    });
    time("analysis: sections", || {
        sections::analyse(
            &cmp.docs,
            &outlet_of,
            &cmp.alignment.claims,
            &engine.sections.offtopic,
        )
    });
    time("analysis: all", || {
        corroborate::analysis::run(&cmp.docs, &cmp.alignment, &outlet_of, engine.analysis())
    });
    time("compare (second)", || {
        corroborate::compare(loaded, &engine).expect("compare")
    });
}
