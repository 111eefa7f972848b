//! Print the model's features and probability for two sentences of the bundled story (a diagnostic):
//! `cargo run --release --example features DOC:SENT DOC:SENT`.
use corroborate::align::{self, similarity};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let engine = corroborate::Engine::builtin().expect("engine");
    let cmp = corroborate::compare(corroborate::load::bundled().expect("bundled"), &engine)
        .expect("compare");
    let idf = align::story_idf(&cmp.docs);
    let infos = align::prepare(&cmp.docs, &engine.align, &idf);
    let find = |spec: &str| {
        let (d, s) = spec.split_once(':').expect("DOC:SENT");
        let (d, s): (usize, usize) = (d.parse().expect("doc"), s.parse().expect("sentence"));
        infos
            .iter()
            .find(|i| i.at.doc == d && i.at.sentence == s)
            .expect("an aligned sentence")
    };
    let (a, b) = (find(&args[0]), find(&args[1]));
    let x = similarity::feature_array(&a.signature, &b.signature, &idf);
    for (name, v) in similarity::FEATURE_NAMES.iter().zip(x) {
        println!("{name:<20} {v:.3}");
    }
    println!(
        "p(whole) {:.3}",
        engine.model.probability(&a.signature, &b.signature, &idf)
    );
}
