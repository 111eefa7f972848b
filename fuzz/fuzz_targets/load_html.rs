//! Loading any bytes as an HTML page (decoding, depth limit, extraction): a result or an error naming
//! the file, never a panic.
#![no_main]
use corroborate::load::{load_bytes, LoadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = load_bytes("f.html", data.to_vec(), &LoadOptions::default()) {
        assert!(e.to_string().contains("f.html"), "{e}");
    }
});
