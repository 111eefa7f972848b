//! Where the default run's time goes: `cargo run --release --example timing`.
use std::time::Instant;

fn main() {
    let t = Instant::now();
    let engine = corroborate::Engine::builtin().expect("engine");
    let t_engine = t.elapsed();
    let loaded = corroborate::load::bundled().expect("bundled");
    let t1 = Instant::now();
    let cmp = corroborate::compare(loaded.clone(), &engine).expect("compare");
    let t_first = t1.elapsed();
    let t2 = Instant::now();
    let _ = corroborate::compare(loaded, &engine).expect("compare");
    let t_second = t2.elapsed();
    println!("engine {t_engine:?}, first compare {t_first:?}, second compare {t_second:?}, facts {}", cmp.report.facts.len());
}
