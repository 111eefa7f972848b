//! Diagnostic: the tone of each line of stdin, one JSON object a line (for lexicon error analysis).
//!
//! `cargo run --example tone < sentences.txt`

use std::io::BufRead;

fn main() {
    let lex = corroborate::extract::tone::ToneLexicon::builtin().expect("built-in lexicon");
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line.expect("UTF-8 input");
        let t = corroborate::extract::tone::tone(&line, lex);
        println!("{}", serde_json::to_string(&t).expect("serialisable"));
    }
}
