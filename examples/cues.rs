//! Diagnostic: the cues of each line of stdin, one JSON array a line (for lexicon error analysis).
//!
//! `cargo run --example cues < sentences.txt`

use std::io::BufRead;

fn main() {
    let lex = corroborate::extract::CueLexicon::builtin().expect("built-in lexicons");
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line.expect("UTF-8 input");
        let cues = corroborate::extract::cues(&line, lex);
        println!("{}", serde_json::to_string(&cues).expect("serialisable"));
    }
}
