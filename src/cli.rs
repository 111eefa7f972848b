//! Command-line definitions (clap). `corroborate` alone compares the bundled seed story.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::render::OutputFormat;

#[derive(Debug, Parser)]
#[command(
    name = "corroborate",
    version,
    about = "Compare how different outlets report the same news event"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare articles on one event (default: the bundled seed story).
    Compare(CompareArgs),
    /// Measure accuracy on a labelled data set; prints one JSON object.
    Eval(EvalArgs),
    /// Work with rubrics: `rubric check [FILE]` validates one and runs its worked examples.
    Rubric(RubricArgs),
}

#[derive(Debug, Args)]
pub struct RubricArgs {
    #[command(subcommand)]
    pub action: RubricAction,
}

#[derive(Debug, Subcommand)]
pub enum RubricAction {
    /// Validate a rubric (default: the built-in rubrics/default.toml), report every problem with its
    /// line, run its worked examples, and list the metrics a rubric may read. Exit 3 on any problem.
    Check {
        /// The rubric file; none: the built-in one.
        file: Option<PathBuf>,
    },
}

#[derive(Debug, Args, Default)]
pub struct CompareArgs {
    /// Directories of articles, files, glob patterns, or `-` for stdin. None: the bundled seed story.
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Option<OutputFormat>,
    /// Write the output to FILE (atomically) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Read a JSON field under another name, e.g. `--field body=story_text` (title, body, source, url,
    /// published, author, id). Repeatable.
    #[arg(long = "field", value_name = "FIELD=NAME")]
    pub fields: Vec<String>,
    /// Largest input file accepted, in bytes.
    #[arg(long, default_value_t = 16 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Deepest element nesting accepted in an HTML page.
    #[arg(long, default_value_t = 1_000)]
    pub max_html_depth: usize,
    /// Most articles (files and JSON records) read in one run.
    #[arg(long, default_value_t = 10_000)]
    pub max_articles: usize,
    /// Most article text in one run, in bytes (memory grows with it).
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_text_bytes: u64,
    /// Cleaning rules to use instead of the built-in rubrics/boilerplate.toml.
    #[arg(long, value_name = "FILE")]
    pub boilerplate: Option<PathBuf>,
    /// Score outlets with this rubric instead of the built-in rubrics/default.toml.
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
    /// Fail (exit 2) when any input is skipped as unreadable, instead of comparing the rest.
    #[arg(long)]
    pub strict: bool,
    /// Table width in columns (default: the terminal's).
    #[arg(long)]
    pub width: Option<u16>,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The task: extract (more tasks arrive with the analyses that they measure).
    pub task: String,
    /// The labelled data: a directory or files, per the task.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// A quality gate: exit 1 when METRIC is below VALUE, e.g. `--min f1=0.96`. Repeatable.
    #[arg(long = "min", value_name = "METRIC=VALUE")]
    pub min: Vec<String>,
    /// A quality gate: exit 1 when METRIC is above VALUE, e.g. `--max kept_share_pooled=0.10`.
    #[arg(long = "max", value_name = "METRIC=VALUE")]
    pub max: Vec<String>,
}
