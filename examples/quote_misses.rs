//! Diagnostics for `eval quotes`: gold direct quotations of a PolNeAR split that no prediction
//! overlaps, predictions outside any gold quotation, and wrong speakers.
//!
//! `cargo run --example quote_misses -- ../shared/eval/polnear/train-dev.tar.gz train [miss|fp|speaker]`

use corroborate::eval::quotes::read_polnear;
use corroborate::extract::quotes::{quotes, Lexicon, QuoteKind};
use corroborate::model::{Article, Format, Span};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = std::path::PathBuf::from(&args[1]);
    let split = args.get(2).map_or("train", String::as_str);
    let what = args.get(3).map_or("miss", String::as_str);
    let splits = read_polnear(&path).expect("read");
    let lex = Lexicon::builtin().unwrap();
    let overlaps = |a: Span, b: Span| a.start < b.end && b.start < a.end;
    let marks = ["\"", "“", "”", "«", "»", "``", "''"];
    for a in &splits[split] {
        let mut art = Article::bare(&a.name, Format::Text);
        art.body = a.text.clone();
        let doc = corroborate::segment::segment(art);
        let found = quotes(&doc, lex);
        let preds: Vec<_> = found
            .quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Scare)
            .collect();
        let t = &a.text;
        let gold: Vec<(Span, &Vec<Span>)> = a
            .attributions
            .iter()
            .flat_map(|(c, s)| c.iter().map(move |&seg| (seg, s)))
            .filter(|(seg, _)| marks.iter().any(|m| t[seg.start..seg.end].contains(m)))
            .collect();
        for (seg, src) in &gold {
            let hit = preds
                .iter()
                .find(|q| q.pieces.iter().any(|&p| overlaps(p, *seg)));
            match (what, hit) {
                ("miss", None) => {
                    let scare = found
                        .quotes
                        .iter()
                        .any(|q| q.pieces.iter().any(|&p| overlaps(p, *seg)));
                    println!(
                        "MISS{} {}: {:?}",
                        if scare { "(scare)" } else { "" },
                        a.name,
                        &t[seg.start..seg.end]
                    );
                }
                ("speaker", Some(q)) if !src.is_empty() => {
                    let ok = q
                        .speaker
                        .as_ref()
                        .is_some_and(|s| src.iter().any(|&x| overlaps(s.mention, x)));
                    if !ok {
                        let back = usize::from(std::env::var("PREV").is_ok());
                        let s0 = doc.sentences[q.sentences[0].saturating_sub(back)]
                            .span
                            .start;
                        let s1 = doc.sentences[*q.sentences.last().unwrap()].span.end;
                        println!(
                            "SPK gold={:?} pred={:?}\n    {:?}",
                            src.iter().map(|x| &t[x.start..x.end]).collect::<Vec<_>>(),
                            q.speaker.as_ref().map(|s| &s.phrase),
                            &t[s0..s1]
                        );
                    }
                }
                _ => {}
            }
        }
        if what == "fp" {
            for q in &preds {
                if !gold
                    .iter()
                    .any(|(g, _)| q.pieces.iter().any(|&p| overlaps(p, *g)))
                {
                    println!("FP {:?} {}: {:?}", q.kind, a.name, q.text);
                }
            }
        }
    }
}
