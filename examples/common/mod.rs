//! Shared by the diagnostic examples.

use corroborate::load;

/// The story of the directory named by the first argument, or the bundled one without arguments.
pub fn story_from_args(args: &[String]) -> load::Loaded {
    match args.first() {
        Some(dir) => {
            load::load(std::slice::from_ref(dir), &load::LoadOptions::default()).expect("load")
        }
        None => load::bundled().expect("bundled"),
    }
}
