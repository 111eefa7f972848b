//! story.toml parsing: a manifest or a configuration error with a line, never a panic.
#![no_main]
use corroborate::load::Manifest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(e) = Manifest::parse(text, std::path::Path::new("story.toml")) {
        assert!(e.to_string().starts_with("story.toml:"), "{e}");
    }
});
