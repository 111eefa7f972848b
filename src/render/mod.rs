//! Renderers: one per output format, each writing a [`Report`] to any writer. They format; they do not
//! compute.

pub mod json;
pub mod markdown;
pub mod svg;
pub mod table;

use std::io::Write;

use crate::report::Report;

/// Output formats of `compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Terminal tables (comfy-table).
    Table,
    /// The versioned JSON report.
    Json,
    /// A markdown report for editors; with `--out FILE`, SVG figures are written beside it.
    Markdown,
}

/// Options that change how a report looks, not what it says.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Table width in columns; `None` lets the table fit the terminal (or stay unconstrained when
    /// output is not a terminal).
    pub width: Option<u16>,
}

/// An outlet's consensus coverage as both renderers show it: `covered/n`, or `covered+same/n` when
/// some facts are reported in a sentence the aligner missed; `—` when there is no consensus fact.
fn consensus_cell(o: &crate::report::OutletReport) -> String {
    match o.coverage {
        None => "—".into(),
        Some(_) if o.same_event.is_empty() => format!("{}/{}", o.covered.len(), o.consensus_facts),
        Some(_) => format!(
            "{}+{}/{}",
            o.covered.len(),
            o.same_event.len(),
            o.consensus_facts
        ),
    }
}

/// Render a report in the given format.
pub fn render(
    report: &Report,
    format: OutputFormat,
    opts: RenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        OutputFormat::Table => table::render(report, opts, out),
        OutputFormat::Json => json::render(report, out),
        OutputFormat::Markdown => markdown::render(report, None, out),
    }
}
