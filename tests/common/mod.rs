//! Shared by the tests that read the third-party eval data.

use std::path::PathBuf;

/// A file or directory under `../shared/eval`, or `None` (after printing why) when it is absent:
/// the data carry research licences and are kept outside the repository, so a fresh clone skips.
pub fn eval_path(rel: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/eval")
        .join(rel);
    if path.exists() {
        Some(path)
    } else {
        println!(
            "skipped: {} is absent (the eval data are kept outside the repository)",
            path.display()
        );
        None
    }
}
