//! Terminal tables (comfy-table): one row per article with what cleaning found.

use std::io::Write;

use comfy_table::{
    presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table,
    Width,
};

use super::RenderOptions;
use crate::report::Report;

fn or_dash(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "—".to_string())
}

pub fn render(report: &Report, opts: RenderOptions, out: &mut dyn Write) -> std::io::Result<()> {
    let story = &report.story;
    let title = story
        .title
        .clone()
        .unwrap_or_else(|| "Untitled story".to_string());
    let span = match (&story.first_published, &story.last_published) {
        (Some(a), Some(b)) if a == b => format!(", published {a}"),
        (Some(a), Some(b)) => format!(", published {a} to {b}"),
        _ => String::new(),
    };
    writeln!(
        out,
        "{title}\n{} articles, {} known outlets{span}\n",
        story.articles,
        story.outlets.len()
    )?;
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(vec![
            "Article",
            "Publisher",
            "Wire",
            "Headline",
            "Date",
            "Byline",
            "Words",
            "Sents",
            "Removed",
        ]);
    // The date never wraps; the other columns share what is left.
    if let Some(col) = table.column_mut(4) {
        col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(12)));
    }
    if let Some(w) = opts.width {
        table.set_width(w);
    }
    for a in &report.articles {
        table.add_row(vec![
            Cell::new(&a.id),
            Cell::new(or_dash(&a.publisher)),
            Cell::new(or_dash(&a.original_source)),
            Cell::new(or_dash(&a.headline)),
            // The table shows the day; the JSON keeps the time and zone.
            Cell::new(
                a.published
                    .as_deref()
                    .map(|d| d.get(..10).unwrap_or(d))
                    .unwrap_or("—"),
            ),
            Cell::new(or_dash(&a.byline)),
            Cell::new(a.words).set_alignment(CellAlignment::Right),
            Cell::new(a.sentence_count).set_alignment(CellAlignment::Right),
            Cell::new(a.removed.len()).set_alignment(CellAlignment::Right),
        ]);
    }
    writeln!(out, "{table}")?;
    if !report.skipped.is_empty() {
        writeln!(out, "\nNot read:")?;
        for s in &report.skipped {
            writeln!(out, "  {}: {}", s.path, s.reason)?;
        }
    }
    Ok(())
}
