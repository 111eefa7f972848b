//! SVG figures for the markdown report, drawn with plotters' SVG backend (no font files: the SVG
//! names a generic sans-serif family and the viewer draws the text). Both are pure functions of the
//! report, so the figures are as deterministic as the report.

use plotters::prelude::*;

use crate::report::Report;

const FONT: &str = "sans-serif";
/// One colour per criterion, in rubric order (colour-blind-safe Okabe–Ito palette, then greys).
const PALETTE: &[RGBColor] = &[
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
    RGBColor(0, 0, 0),
    RGBColor(120, 120, 120),
    RGBColor(190, 190, 190),
];

fn draw_err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

/// The coverage heat map: facts down the side, outlets across; a filled cell where the outlet reports
/// the fact, a pale one where it has a sentence on the same event, a red one where it omits a
/// consensus fact.
pub fn coverage(report: &Report) -> std::io::Result<String> {
    let facts = &report.facts;
    let outlets = &report.outlets;
    let (cell, left, top) = (28i32, 60i32, 150i32);
    let width = (left + cell * outlets.len().max(1) as i32 + 20) as u32;
    let height = (top + cell * facts.len().max(1) as i32 + 70) as u32;
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (width.max(320), height)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let text = TextStyle::from((FONT, 12).into_font()).color(&BLACK);
        for (j, o) in outlets.iter().enumerate() {
            let x = left + cell * j as i32 + cell / 2;
            let label: String = o.outlet.chars().take(22).collect();
            root.draw(&Text::new(
                label,
                (x, top - 8),
                text.transform(FontTransform::Rotate270),
            ))
            .map_err(draw_err)?;
        }
        for (i, f) in facts.iter().enumerate() {
            let y = top + cell * i as i32;
            root.draw(&Text::new(
                f.id.clone(),
                (8, y + cell / 2 - 6),
                text.clone(),
            ))
            .map_err(draw_err)?;
            for (j, o) in outlets.iter().enumerate() {
                let x = left + cell * j as i32;
                let colour = if f.members.iter().any(|m| m.article == o.article) {
                    RGBColor(0, 114, 178)
                } else if o.related.iter().any(|r| r.fact == f.id) {
                    RGBColor(166, 206, 227)
                } else if o.omitted_consensus.contains(&f.id) {
                    RGBColor(213, 94, 0)
                } else {
                    RGBColor(240, 240, 240)
                };
                root.draw(&Rectangle::new(
                    [(x + 1, y + 1), (x + cell - 1, y + cell - 1)],
                    colour.filled(),
                ))
                .map_err(draw_err)?;
            }
        }
        let y = top + cell * facts.len().max(1) as i32 + 16;
        let legend = [
            (RGBColor(0, 114, 178), "reports"),
            (RGBColor(166, 206, 227), "same event"),
            (RGBColor(213, 94, 0), "omits"),
        ];
        for (k, (c, name)) in legend.iter().enumerate() {
            let x = 8 + 100 * k as i32;
            root.draw(&Rectangle::new([(x, y), (x + 12, y + 12)], c.filled()))
                .map_err(draw_err)?;
            root.draw(&Text::new(name.to_string(), (x + 16, y), text.clone()))
                .map_err(draw_err)?;
        }
        root.present().map_err(draw_err)?;
    }
    Ok(buf)
}

/// The score chart: one bar per outlet, split into what each criterion adds, with the bootstrap
/// interval drawn as a line across the bar's end.
pub fn scores(report: &Report) -> std::io::Result<String> {
    let criteria: Vec<String> = report
        .rubric
        .as_ref()
        .map(|r| r.criteria.iter().map(|c| c.id.clone()).collect())
        .unwrap_or_default();
    let outlets = &report.outlets;
    let (left, bar, gap, scale) = (190i32, 22i32, 10i32, 4i32);
    let top = 20i32;
    let legend_rows = criteria.len().div_ceil(2) as i32;
    let height = (top + (bar + gap) * outlets.len().max(1) as i32 + 40 + 18 * legend_rows) as u32;
    let width = (left + 100 * scale + 30) as u32;
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let text = TextStyle::from((FONT, 12).into_font()).color(&BLACK);
        for t in (0..=100).step_by(20) {
            let x = left + t * scale;
            let y1 = top + (bar + gap) * outlets.len().max(1) as i32;
            root.draw(&PathElement::new(
                vec![(x, top - 4), (x, y1)],
                RGBColor(220, 220, 220),
            ))
            .map_err(draw_err)?;
            root.draw(&Text::new(t.to_string(), (x - 8, y1 + 4), text.clone()))
                .map_err(draw_err)?;
        }
        for (i, o) in outlets.iter().enumerate() {
            let y = top + (bar + gap) * i as i32;
            let label: String = o.outlet.chars().take(26).collect();
            root.draw(&Text::new(label, (8, y + bar / 2 - 6), text.clone()))
                .map_err(draw_err)?;
            let Some(sc) = &o.score else { continue };
            let mut x = left as f64;
            for (k, c) in criteria.iter().enumerate() {
                let Some(p) = sc.parts.iter().find(|p| &p.criterion == c) else {
                    continue;
                };
                let w = p.contribution * scale as f64;
                if w > 0.0 {
                    root.draw(&Rectangle::new(
                        [(x.round() as i32, y), ((x + w).round() as i32, y + bar)],
                        PALETTE[k % PALETTE.len()].filled(),
                    ))
                    .map_err(draw_err)?;
                }
                x += w;
            }
            let lo = left + (sc.interval[0] * scale as f64).round() as i32;
            let hi = left + (sc.interval[1] * scale as f64).round() as i32;
            let mid = y + bar / 2;
            let ink = ShapeStyle::from(&BLACK).stroke_width(2);
            root.draw(&PathElement::new(vec![(lo, mid), (hi, mid)], ink))
                .map_err(draw_err)?;
            for x in [lo, hi] {
                root.draw(&PathElement::new(vec![(x, mid - 5), (x, mid + 5)], ink))
                    .map_err(draw_err)?;
            }
            root.draw(&Text::new(
                format!("{:.0}", sc.points),
                (hi + 6, y + bar / 2 - 6),
                text.clone(),
            ))
            .map_err(draw_err)?;
        }
        let y0 = top + (bar + gap) * outlets.len().max(1) as i32 + 28;
        for (k, c) in criteria.iter().enumerate() {
            let x = 8 + (k as i32 % 2) * 300;
            let y = y0 + 18 * (k as i32 / 2);
            root.draw(&Rectangle::new(
                [(x, y), (x + 12, y + 12)],
                PALETTE[k % PALETTE.len()].filled(),
            ))
            .map_err(draw_err)?;
            root.draw(&Text::new(c.clone(), (x + 16, y), text.clone()))
                .map_err(draw_err)?;
        }
        root.present().map_err(draw_err)?;
    }
    Ok(buf)
}
