//! Boilerplate rules parsing and compiling, then running the examples: no panic.
#![no_main]
use corroborate::rules::Rules;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match Rules::parse(text, std::path::Path::new("rules.toml")) {
        Ok(r) => {
            let _ = r.check_examples();
        }
        Err(e) => assert!(e.to_string().starts_with("rules.toml"), "{e}"),
    }
});
