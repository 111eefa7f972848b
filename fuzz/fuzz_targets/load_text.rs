//! Loading any bytes as text of unknown format (sniffing, charset decoding), then the whole
//! comparison of that one article: no panic.
#![no_main]
use corroborate::load::{load_bytes, LoadOptions};
use corroborate::Engine;
use libfuzzer_sys::fuzz_target;

static ENGINE: std::sync::LazyLock<Engine> =
    std::sync::LazyLock::new(|| Engine::builtin().unwrap());

fuzz_target!(|data: &[u8]| {
    if let Ok(loaded) = load_bytes("f", data.to_vec(), &LoadOptions::default()) {
        let _ = corroborate::compare(loaded, &ENGINE);
    }
});
