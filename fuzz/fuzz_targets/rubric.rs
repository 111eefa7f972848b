//! Rubric parsing, validation and the worked examples: no panic, and every error names the file.
#![no_main]
use corroborate::score::Rubric;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match Rubric::parse(text, std::path::Path::new("rubric.toml")) {
        Ok(r) => {
            let _ = corroborate::score::rubric::check_summary(&r);
        }
        Err(e) => assert!(e.to_string().starts_with("rubric.toml"), "{e}"),
    }
});
