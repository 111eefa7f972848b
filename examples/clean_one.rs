//! Show what cleaning keeps and removes for one file: `cargo run --release --example clean_one FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let loaded =
        corroborate::load::load(&[path], &corroborate::load::LoadOptions::default()).expect("load");
    let rules = corroborate::rules::Rules::builtin().expect("rules");
    for raw in loaded.articles {
        let a = corroborate::clean::clean(raw, &rules);
        println!("BODY: {:?}", a.body);
        for r in &a.removed {
            println!(
                "REMOVED line {} [{} / {}]: {:?}",
                r.line, r.reason, r.rule, r.text
            );
        }
    }
}
