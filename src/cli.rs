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
    /// Audit aggregated feeds: cluster items into stories, compare each, aggregate per source.
    Audit(AuditArgs),
    /// Add up per-source results of `audit --jsonl` outputs (the reduce step).
    Merge(MergeArgs),
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

/// How the audit summary is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditFormat {
    Table,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Feeds: RSS/Atom/JSON Feed files, CSV, JSONL (optionally .gz), directories of articles.
    pub feeds: Vec<String>,
    /// Directory for summary.json, summary.md, syndication.json and stories/*.json.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// How the summary is printed on stdout.
    #[arg(long, value_enum, default_value = "table")]
    pub format: AuditFormat,
    /// Read items (JSONL or CSV) on stdin and write one JSON line per story on stdout.
    #[arg(long)]
    pub jsonl: bool,
    /// Read a field (title, body, standfirst, source, url, published, id, story) under another name or column,
    /// e.g. `--field title=Headline`. Repeatable.
    #[arg(long = "field", value_name = "FIELD=NAME")]
    pub fields: Vec<String>,
    /// Clustering settings to use instead of the built-in rubrics/clustering.toml.
    #[arg(long, value_name = "FILE")]
    pub clustering: Option<PathBuf>,
    /// Cluster and map syndication only; do not compare stories.
    #[arg(long)]
    pub cluster_only: bool,
    /// Score outlets with this rubric instead of the built-in rubrics/default.toml.
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
    /// Exit 1 when any source's mean score across its compared stories is below SCORE (0–100).
    #[arg(long, value_name = "SCORE")]
    pub fail_under: Option<f64>,
    /// Largest feed file accepted, in bytes (XML and JSON feeds are parsed whole).
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_bytes: u64,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Outputs of `audit --jsonl` (one story a line); `-` for stdin.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// How the merged summary is printed.
    #[arg(long, value_enum, default_value = "json")]
    pub format: AuditFormat,
    /// Also write summary.json and summary.md into DIR.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Exit 1 when any source's mean score across the merged stories is below SCORE (0–100).
    #[arg(long, value_name = "SCORE")]
    pub fail_under: Option<f64>,
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
    /// Read a JSON field under another name, e.g. `--field body=story_text` (title, body, standfirst,
    /// source, url, published, author, id). Repeatable.
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
    /// The task: extract, paraphrase, sts, blocking, facts, offtopic, hedges, quotes, support,
    /// clusters, tone or validity (docs/accuracy.md says what each measures and on which data).
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
    /// Write the judged items, one JSON object a line, to FILE (written whole or not at all), for
    /// analysis outside the tool. Tasks that can: hedges (sentence files), offtopic, tone, validity
    /// (its misbehaving cases).
    #[arg(long, value_name = "FILE")]
    pub dump: Option<PathBuf>,
    /// `eval clusters`: clustering settings to use instead of the built-in
    /// rubrics/clustering.toml (to measure a change before making it).
    #[arg(long, value_name = "FILE")]
    pub clustering: Option<PathBuf>,
    /// `eval tone`: a tone lexicon to use instead of the built-in rubrics/lexicons/tone.toml (to
    /// measure a change before making it).
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
}
