//! Loading any bytes as a JSON file and as a JSONL file: records or errors naming the file.
#![no_main]
use corroborate::load::{load_bytes, LoadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["f.json", "f.jsonl"] {
        match load_bytes(name, data.to_vec(), &LoadOptions::default()) {
            Ok(l) => l
                .skipped
                .iter()
                .for_each(|s| assert!(s.path.starts_with(name))),
            Err(e) => assert!(e.to_string().contains(name), "{e}"),
        }
    }
});
