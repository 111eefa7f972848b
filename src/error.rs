//! Typed errors of the library and the exit status they map to.
//!
//! Every error that reaches a user names the file (or the argument) and the reason, so that the
//! message alone tells what to fix. The binary maps errors to exit codes through [`ExitStatus`].

use std::path::PathBuf;

/// How the program ended; the one place where exit codes are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// The command did what was asked.
    Success,
    /// An audit found a source below `--fail-under`.
    Findings,
    /// Bad input or a runtime error: the message names the file and the reason.
    BadInput,
    /// An invalid rubric, lexicon, manifest or other configuration.
    Config,
}

impl ExitStatus {
    /// The process exit code for this status (0, 1, 2 or 3; see the README).
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Findings => 1,
            ExitStatus::BadInput => 2,
            ExitStatus::Config => 3,
        }
    }
}

/// An error of the library. `Display` gives the message shown to the user.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: no such file or directory")]
    NotFound { path: PathBuf },
    #[error("{path}: the directory holds no article files (looked for {looked_for})")]
    EmptyDir { path: PathBuf, looked_for: String },
    #[error("{pattern}: the pattern matches no file")]
    EmptyGlob { pattern: String },
    #[error("{pattern}: invalid pattern: {reason}")]
    BadGlob { pattern: String, reason: String },
    #[error("{path}: looks like a binary file ({reason}), not an article")]
    Binary { path: PathBuf, reason: String },
    #[error("{path}: cannot decode the text: {reason}")]
    Undecodable { path: PathBuf, reason: String },
    #[error("{path}: not a regular file ({reason}), not read")]
    NotRegular { path: PathBuf, reason: String },
    /// A limit of the whole run (not of one file) was reached: named, with the flag that raises it.
    #[error("{subject}: {found} is over the limit of {limit} (raise it with {flag})")]
    Limit {
        subject: String,
        found: String,
        limit: String,
        flag: String,
    },
    #[error("{path}: not valid UTF-8 (first bad byte at offset {offset})")]
    InvalidUtf8 { path: PathBuf, offset: usize },
    #[error("{path}:{line}: malformed JSON: {reason}")]
    Json {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    #[error("{path}: {reason}")]
    Record { path: PathBuf, reason: String },
    #[error("{path}: {size} bytes is over the limit of {limit} bytes for one input (raise it with --max-bytes)")]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error(
        "{path}: the article is empty after cleaning (nothing but {removed} removed block(s))"
    )]
    EmptyArticle { path: PathBuf, removed: usize },
    #[error("no articles to compare: {0}")]
    NoArticles(String),
    #[error("{path}:{line}: {reason}")]
    Config {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Eval(String),
}

impl Error {
    /// The exit status this error leads to.
    pub fn exit_status(&self) -> ExitStatus {
        match self {
            Error::Config { .. } => ExitStatus::Config,
            _ => ExitStatus::BadInput,
        }
    }

    /// Is this a problem of one input file's content (it can be skipped and the run go on), rather
    /// than of the command itself (a missing path, a bad pattern, a bad configuration)?
    pub fn is_per_file(&self) -> bool {
        matches!(
            self,
            Error::Io { .. }
                | Error::Binary { .. }
                | Error::InvalidUtf8 { .. }
                | Error::Undecodable { .. }
                | Error::NotRegular { .. }
                | Error::Json { .. }
                | Error::Record { .. }
                | Error::TooLarge { .. }
                | Error::EmptyArticle { .. }
        )
    }

    /// Shorthand for an I/O error on a path.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::NotFound { path: path.into() }
        } else {
            Error::Io {
                path: path.into(),
                source,
            }
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// 1-based line of a byte offset in a text.
pub fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

/// Parse a TOML data file strictly; a syntax error or an unknown key becomes a configuration error
/// naming the file and the line, with `what` saying which kind of file it was.
pub fn from_toml<T: serde::de::DeserializeOwned>(
    text: &str,
    path: &std::path::Path,
    what: &str,
) -> Result<T> {
    toml::from_str(text).map_err(|e| Error::Config {
        path: path.to_path_buf(),
        line: e.span().map(|s| line_of(text, s.start)).unwrap_or(1),
        reason: if what.is_empty() {
            e.message().to_string()
        } else {
            format!("{what}: {}", e.message())
        },
    })
}

/// Report every problem found in a data file at once: `Ok(())` when there is none, else one
/// configuration error listing each problem with its line (`N problem(s): line 3: …; line 9: …`).
pub fn report_problems(path: &std::path::Path, mut problems: Vec<(usize, String)>) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    problems.sort();
    let listed: Vec<String> = problems
        .iter()
        .map(|(l, p)| format!("line {l}: {p}"))
        .collect();
    Err(Error::Config {
        path: path.to_path_buf(),
        line: problems[0].0,
        reason: format!("{} problem(s): {}", problems.len(), listed.join("; ")),
    })
}
