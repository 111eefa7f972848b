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
    render_summary(report, opts, out)?;
    render_framing(report, opts, out)?;
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
    render_alignment(report, opts, out)?;
    if !report.skipped.is_empty() {
        writeln!(out, "\nNot read:")?;
        for s in &report.skipped {
            writeln!(out, "  {}: {}", s.path, s.reason)?;
        }
    }
    Ok(())
}

/// The outlet summary: one column per article (outlets across, so that it fits a narrow terminal)
/// with its score, band and the measures behind it, then each score's parts (points per criterion)
/// and the notes on thin evidence.
fn render_summary(
    report: &Report,
    opts: RenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for (i, o) in report.outlets.iter().enumerate() {
        writeln!(out, "  {} = {} ({})", letter(i), o.outlet, o.article)?;
    }
    let n = report.outlets.len();
    let mut header = vec!["Outlet summary".to_string()];
    header.extend((0..n).map(letter));
    let pct = |x: f64| format!("{:.0}%", x * 100.0);
    let metric = |o: &crate::report::OutletReport, id: &str| {
        o.score
            .as_ref()
            .and_then(|s| s.parts.iter().find(|p| p.metric == id))
            .and_then(|p| p.value)
    };
    type Row<'a> = (
        &'a str,
        Box<dyn Fn(&crate::report::OutletReport) -> String + 'a>,
    );
    let rows: Vec<Row> = vec![
        (
            "Score",
            Box::new(|o| {
                o.score.as_ref().map_or_else(
                    || {
                        if o.not_scored.is_some() {
                            "not scored".into()
                        } else {
                            "—".into()
                        }
                    },
                    |s| format!("{:.0}", s.points),
                )
            }),
        ),
        (
            "95% interval",
            Box::new(|o| {
                o.score.as_ref().map_or("—".into(), |s| {
                    format!("{:.0}–{:.0}", s.interval[0], s.interval[1])
                })
            }),
        ),
        (
            "Band",
            Box::new(|o| o.score.as_ref().map_or("—".into(), |s| s.band.clone())),
        ),
        ("Consensus covered", Box::new(super::consensus_cell)),
        (
            "Exclusive sentences",
            Box::new(|o| o.exclusive_facts.to_string()),
        ),
        (
            "Consensus omitted",
            Box::new(|o| o.omitted_consensus.len().to_string()),
        ),
        ("Conflicting facts", Box::new(|o| o.conflicts.to_string())),
        (
            "Quotes faithful",
            Box::new(|o| metric(o, "quotes.fidelity_share").map_or("—".into(), pct)),
        ),
        (
            "Unsupported claims",
            Box::new(|o| metric(o, "claims.unsupported_share").map_or("—".into(), pct)),
        ),
        (
            "Off-topic sentences",
            Box::new(|o| metric(o, "sections.off_topic_share").map_or("—".into(), pct)),
        ),
        (
            "Hedges /1k words",
            Box::new(|o| match (o.hedges_per_1k, o.hedges_interval) {
                (Some(r), Some([lo, hi])) => format!("{r:.1} ({lo:.0}–{hi:.0})"),
                (Some(r), None) => format!("{r:.1}"),
                _ => "too short".into(),
            }),
        ),
        ("Loaded terms", Box::new(|o| o.loaded_terms.to_string())),
        (
            "Attributed claims",
            Box::new(|o| metric(o, "attribution.named_share").map_or("—".into(), pct)),
        ),
        (
            "Warnings",
            Box::new(|o| {
                report
                    .findings
                    .iter()
                    .filter(|f| f.article == o.article && f.severity == "warning")
                    .count()
                    .to_string()
            }),
        ),
    ];
    let mut table = new_table(opts);
    table.set_header(header.clone());
    for (label, value) in &rows {
        let mut row = vec![Cell::new(label)];
        row.extend(
            report
                .outlets
                .iter()
                .map(|o| Cell::new(value(o)).set_alignment(CellAlignment::Right)),
        );
        table.add_row(row);
    }
    writeln!(out, "{table}")?;
    if report.outlets.iter().any(|o| !o.same_event.is_empty()) {
        writeln!(
            out,
            "Consensus a+b/n: a aligned, b reported in a sentence the aligner missed."
        )?;
    }
    let Some(rubric) = &report.rubric else {
        return Ok(());
    };
    let mut parts = new_table(opts);
    header[0] = format!("Points by criterion ({} rubric)", rubric.name);
    parts.set_header(header);
    for c in &rubric.criteria {
        let mut row = vec![Cell::new(format!("{} ×{}", c.id, c.weight))];
        for o in &report.outlets {
            let p = o
                .score
                .as_ref()
                .and_then(|s| s.parts.iter().find(|p| p.criterion == c.id))
                .and_then(|p| p.points);
            row.push(
                Cell::new(p.map_or("—".into(), |x| format!("{x:.0}")))
                    .set_alignment(CellAlignment::Right),
            );
        }
        parts.add_row(row);
    }
    writeln!(out, "{parts}")?;
    writeln!(
        out,
        "— not measured: its weight goes to the other criteria."
    )?;
    for (i, o) in report.outlets.iter().enumerate() {
        if let Some(why) = &o.not_scored {
            writeln!(out, "{} not scored: {why}.", letter(i))?;
        }
        if let Some(s) = o.score.as_ref().filter(|s| !s.thin_evidence.is_empty()) {
            writeln!(out, "{} thin evidence:", letter(i))?;
            for why in &s.thin_evidence {
                writeln!(out, "    - {why}")?;
            }
        }
    }
    writeln!(out)
}

/// Column letters for the articles: A, B, …, Z, AA, AB, …
/// The bias profile, next to the score (not part of it): per main actor the tone of each outlet's
/// own sentences with its 95% interval and the labels it uses (`*`: no other outlet uses it), then
/// the voices each outlet quotes (share of quoted words by group), its headline check and its
/// placement findings.
fn render_framing(
    report: &Report,
    opts: RenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let f = &report.framing;
    if f.outlets.is_empty() || f.actors.is_empty() {
        return Ok(());
    }
    let mut header = vec!["Bias profile (not scored)".to_string()];
    header.extend((0..f.outlets.len()).map(letter));
    let mut t = new_table(opts);
    t.set_header(header);
    for (ai, a) in f.actors.iter().enumerate() {
        let mut tone = vec![format!("Tone to {}", a.name)];
        let mut labels = vec![format!("Labels of {}", a.name)];
        for o in &f.outlets {
            let af = &o.actors[ai];
            tone.push(match (af.tone.mean, af.tone.interval) {
                (Some(m), Some([lo, hi])) => {
                    format!("{m:+.2} n{}\n{lo:+.2}…{hi:+.2}", af.tone.sentences)
                }
                (Some(m), None) => format!("{m:+.2} n{}", af.tone.sentences),
                _ => "—".into(),
            });
            let l: Vec<String> = af
                .labels
                .iter()
                .map(|l| {
                    let mark = if l.only_this_outlet { "*" } else { "" };
                    format!("{}{mark}", shorten(&l.text, 22))
                })
                .collect();
            labels.push(if l.is_empty() {
                "—".into()
            } else {
                l.join("; ")
            });
        }
        t.add_row(tone);
        t.add_row(labels);
    }
    let mut voices = vec!["Voices (quoted words)".to_string()];
    let mut headline = vec!["Headline".to_string()];
    let mut standfirst = vec!["Standfirst".to_string()];
    let mut placement = vec!["Placement findings".to_string()];
    for o in &f.outlets {
        let g: Vec<String> = o
            .voice_groups
            .iter()
            .filter(|g| g.quoted_words > 0)
            .take(3)
            .map(|g| format!("{} {:.0}%", shorten(&g.group, 15), g.share * 100.0))
            .collect();
        voices.push(if g.is_empty() {
            "—".into()
        } else {
            g.join("\n")
        });
        let h = f.headlines.iter().find(|h| h.article == o.article);
        headline.push(match h {
            Some(h) if h.headline.is_none() => "—".into(),
            Some(h) if h.supported => "supported".into(),
            Some(_) => "unsupported".into(),
            None => "—".into(),
        });
        standfirst.push(match h.and_then(|h| h.standfirst_supported) {
            Some(true) => "supported".into(),
            Some(false) => "unsupported".into(),
            None => "—".into(),
        });
        let n = report
            .findings
            .iter()
            .filter(|x| x.kind == "placement" && x.article == o.article)
            .count();
        placement.push(n.to_string());
    }
    t.add_row(voices);
    t.add_row(headline);
    // Only sources that state a standfirst have one (plain text never does).
    if f.headlines.iter().any(|h| h.standfirst.is_some()) {
        t.add_row(standfirst);
    }
    t.add_row(placement);
    writeln!(out, "{t}")?;
    writeln!(
        out,
        "Tone: mean over the outlet's own sentences naming the actor (quotations left\nout), -1…+1, 95% t interval, n sentences; * = a label no other outlet uses.\n"
    )
}

fn letter(i: usize) -> String {
    let mut n = i;
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (n % 26) as u8) as char);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

fn new_table(opts: RenderOptions) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = opts.width {
        t.set_width(w);
    }
    t
}

fn render_alignment(
    report: &Report,
    opts: RenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let a = &report.alignment;
    writeln!(
        out,
        "\nFacts reported by two or more articles: {}\n{} sentences; {} of {} cross-article pairs compared; {} aligned",
        report.facts.len(),
        a.sentences,
        a.candidates,
        a.cross_pairs,
        a.aligned
    )?;
    if report.articles.is_empty() {
        return Ok(());
    }
    if !report.facts.is_empty() {
        let mut matrix = new_table(opts);
        let mut header = vec!["Fact".to_string(), "Outlets".to_string()];
        header.extend((0..report.articles.len()).map(letter));
        header.push("First report".to_string());
        matrix.set_header(header);
        for f in &report.facts {
            let mut row = vec![
                Cell::new(&f.id),
                Cell::new(f.support).set_alignment(CellAlignment::Right),
            ];
            for art in &report.articles {
                let mark = if f.members.iter().any(|m| m.article == art.id) {
                    "●"
                } else {
                    ""
                };
                row.push(Cell::new(mark).set_alignment(CellAlignment::Center));
            }
            let flag = if f.conflicts.iter().any(|c| !c.compatible) {
                "⚠ "
            } else {
                ""
            };
            row.push(Cell::new(format!(
                "{flag}{}",
                shorten(&f.members[0].text, 90)
            )));
            matrix.add_row(row);
        }
        writeln!(out, "{matrix}")?;
    }
    let related: Vec<String> = report
        .outlets
        .iter()
        .enumerate()
        .filter(|(_, o)| !o.related.is_empty())
        .map(|(i, o)| {
            let facts: Vec<&str> = o.related.iter().map(|r| r.fact.as_str()).collect();
            format!("{} {}", letter(i), facts.join(" "))
        })
        .collect();
    if !related.is_empty() {
        writeln!(out, "Same event, not aligned (not counted as omissions):")?;
        for line in related {
            writeln!(out, "  {line}")?;
        }
    }
    let conflicts: Vec<_> = report
        .facts
        .iter()
        .flat_map(|f| f.conflicts.iter().map(move |c| (f, c)))
        .collect();
    if !conflicts.is_empty() {
        let mut table = new_table(opts);
        table.set_header(vec!["Fact", "Difference", "Measure", "Values"]);
        for (f, c) in conflicts {
            let values: Vec<String> = c
                .values
                .iter()
                .map(|v| {
                    let i = report
                        .articles
                        .iter()
                        .position(|a| a.id == v.article)
                        .unwrap_or(0);
                    format!("{} “{}”", letter(i), v.value)
                })
                .collect();
            let kind = if c.compatible {
                "compatible"
            } else {
                "CONFLICT"
            };
            table.add_row(vec![
                f.id.clone(),
                kind.to_string(),
                c.measure.clone(),
                values.join("; "),
            ]);
        }
        writeln!(out, "{table}")?;
    }
    // Quotations: fidelity across outlets and attribution, per outlet.
    if report.outlets.iter().any(|o| o.quotes > 0) {
        let mut table = new_table(opts);
        let classes = [
            ("verbatim", "Verbatim"),
            ("minor_edit", "Minor edit"),
            ("truncated", "Truncated"),
            ("altered", "Altered"),
            ("misattributed", "Misattributed"),
            ("unmatched", "Unmatched"),
        ];
        let mut header = vec!["", "Quotations"];
        header.extend(classes.iter().map(|(_, h)| *h));
        header.extend(["Named sources", "Anonymous", "Unattributed"]);
        table.set_header(header);
        let pct = |x: f64| format!("{:.0}%", x * 100.0);
        for (i, o) in report.outlets.iter().enumerate() {
            let mut row = vec![Cell::new(letter(i)), Cell::new(o.quotes)];
            for (key, _) in classes {
                let share = o.quote_fidelity.get(key).copied().unwrap_or(0.0);
                row.push(
                    Cell::new(if o.quotes == 0 {
                        "—".into()
                    } else {
                        pct(share)
                    })
                    .set_alignment(CellAlignment::Right),
                );
            }
            if let Some(a) = &o.attribution {
                for x in [a.share_named, a.share_anonymous, a.share_unattributed] {
                    row.push(Cell::new(pct(x)).set_alignment(CellAlignment::Right));
                }
            }
            table.add_row(row);
        }
        writeln!(out, "{table}")?;
    }
    // Findings other than conflicts (shown above): counts by kind, the warnings in full.
    let others: Vec<_> = report
        .findings
        .iter()
        .filter(|f| !f.kind.ends_with("_conflict"))
        .collect();
    if !others.is_empty() {
        let mut table = new_table(opts);
        table.set_header(vec!["", "Finding", "Where", "What"]);
        for f in others.iter().filter(|f| f.severity == "warning") {
            let i = report
                .articles
                .iter()
                .position(|a| a.id == f.article)
                .unwrap_or(0);
            let place = match &f.section {
                Some(s) => format!("“{}”", shorten(s, 30)),
                None => format!(
                    "sentence {}",
                    f.evidence.first().map_or(0, |e| e.sentence + 1)
                ),
            };
            table.add_row(vec![
                letter(i),
                f.kind.clone(),
                place,
                shorten(
                    &format!(
                        "{} — {}",
                        f.text,
                        f.evidence.first().map_or("", |e| e.text.as_str())
                    ),
                    160,
                ),
            ]);
        }
        let mut counts: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
        for f in &others {
            *counts
                .entry((f.kind.as_str(), f.severity.as_str()))
                .or_default() += 1;
        }
        writeln!(out, "Findings (the warnings are listed below):")?;
        for ((k, s), n) in &counts {
            writeln!(out, "  {k} ({s}): {n}")?;
        }
        writeln!(out, "{table}")?;
    }
    Ok(())
}
