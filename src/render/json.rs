//! The JSON report: pretty-printed, deterministic, ending with a newline.

use std::io::Write;

use crate::report::Report;

pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}
