//! Shared by the integration tests: the third-party eval data, running the binary, the seed story.

use std::path::PathBuf;

/// A file or directory under `../shared/eval`, or `None` (after printing why) when it is absent:
/// the data carry research licences and are kept outside the repository, so a fresh clone skips.
#[allow(dead_code)]
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

/// The output of a finished command that must have succeeded; otherwise the test fails, showing
/// the command's standard error.
#[allow(dead_code)]
pub fn succeeded(out: std::process::Output) -> std::process::Output {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The standard output of a command run to success.
#[allow(dead_code)]
pub fn stdout_of(cmd: &mut assert_cmd::Command) -> Vec<u8> {
    cmd.assert().success().get_output().stdout.clone()
}

/// The bundled seed story compared as `corroborate` does by default: the engine, the comparison and
/// the outlet of each document.
#[allow(dead_code)]
pub fn seed_story() -> (corroborate::Engine, corroborate::Comparison, Vec<String>) {
    let engine = corroborate::Engine::builtin().unwrap();
    let c = corroborate::compare(corroborate::load::bundled().unwrap(), &engine).unwrap();
    let outlets: Vec<String> = c
        .docs
        .iter()
        .map(corroborate::report::outlet_name)
        .collect();
    (engine, c, outlets)
}
