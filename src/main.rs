//! The binary: parse arguments, call the library, print, and choose the exit code. Nothing else.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use corroborate::cli::{Cli, Command, CompareArgs, EvalArgs, RubricAction, RubricArgs};
use corroborate::render::{self, OutputFormat, RenderOptions};
use corroborate::{load, output, rules::Rules, Engine, Error, ExitStatus};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => compare(CompareArgs::default()),
        Some(Command::Compare(args)) => compare(args),
        Some(Command::Eval(args)) => eval(args),
        Some(Command::Rubric(args)) => rubric(args),
    };
    match result {
        Ok(status) => ExitCode::from(status.code()),
        Err(e) => {
            eprintln!("corroborate: {e}");
            ExitCode::from(e.exit_status().code())
        }
    }
}

/// Write to stdout; a closed pipe (`corroborate | head`) is not an error.
fn emit(bytes: &[u8]) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: "<stdout>".into(),
            source: e,
        }),
        _ => Ok(()),
    }
}

fn compare(args: CompareArgs) -> Result<ExitStatus, Error> {
    let mut engine = Engine::builtin()?;
    if let Some(p) = &args.boilerplate {
        engine.rules = Rules::from_file(p)?;
    }
    if let Some(p) = &args.rubric {
        engine.rubric = corroborate::score::Rubric::from_file(p)?;
    }
    let loaded = if args.paths.is_empty() {
        load::bundled()?
    } else {
        let mut opts = load::LoadOptions {
            max_bytes: args.max_bytes,
            max_html_depth: args.max_html_depth,
            max_articles: args.max_articles,
            max_text_bytes: args.max_text_bytes,
            ..Default::default()
        };
        for spec in &args.fields {
            let (field, name) = spec.split_once('=').ok_or_else(|| Error::Config {
                path: "--field".into(),
                line: 0,
                reason: format!("`{spec}` is not FIELD=NAME"),
            })?;
            opts.fields
                .prefer(field.trim(), name.trim())
                .map_err(|reason| Error::Config {
                    path: "--field".into(),
                    line: 0,
                    reason,
                })?;
        }
        load::load(&args.paths, &opts)?
    };
    let report = corroborate::compare(loaded, &engine)?.report;
    for s in &report.skipped {
        eprintln!("corroborate: skipped {}: {}", s.path, s.reason);
    }
    if args.strict && !report.skipped.is_empty() {
        return Err(Error::NoArticles(format!(
            "{} input(s) skipped and --strict is set",
            report.skipped.len()
        )));
    }
    let format = args.format.unwrap_or(OutputFormat::Table);
    let mut buf = Vec::new();
    let to_buffer = |e: std::io::Error| Error::Write {
        path: "<buffer>".into(),
        source: e,
    };
    // A markdown report written to a file gets its SVG figures beside it, written first, so that
    // the report never links a picture that is not there.
    if let (OutputFormat::Markdown, Some(path)) = (format, &args.out) {
        let figures = render::markdown::Figures::named_after(path);
        let dir = path.parent().unwrap_or(std::path::Path::new(""));
        let coverage = render::svg::coverage(&report).map_err(to_buffer)?;
        let scores = render::svg::scores(&report).map_err(to_buffer)?;
        output::write_atomic(&dir.join(&figures.coverage), coverage.as_bytes())?;
        output::write_atomic(&dir.join(&figures.scores), scores.as_bytes())?;
        render::markdown::render(&report, Some(&figures), &mut buf).map_err(to_buffer)?;
    } else {
        render::render(
            &report,
            format,
            RenderOptions { width: args.width },
            &mut buf,
        )
        .map_err(to_buffer)?;
    }
    match &args.out {
        Some(path) => output::write_atomic(path, &buf)?,
        None => emit(&buf)?,
    }
    Ok(ExitStatus::Success)
}

fn rubric(args: RubricArgs) -> Result<ExitStatus, Error> {
    match args.action {
        RubricAction::Check { file } => {
            let rubric = corroborate::score::rubric::load(file.as_ref())?;
            let mut out = corroborate::score::rubric::check_summary(&rubric);
            // The lexicons and cleaning rules the rubric works with are validated too.
            Engine::builtin()?;
            out.push_str("built-in lexicons and cleaning rules: valid\n");
            emit(out.as_bytes())?;
            Ok(ExitStatus::Success)
        }
    }
}

fn eval(args: EvalArgs) -> Result<ExitStatus, Error> {
    let mut gates = Vec::new();
    for (specs, is_floor) in [(&args.min, true), (&args.max, false)] {
        for spec in specs {
            let parsed = spec.split_once('=').and_then(|(m, v)| {
                v.trim()
                    .parse::<f64>()
                    .ok()
                    .map(|v| (m.trim().to_string(), v))
            });
            let (metric, bound) = parsed.ok_or_else(|| Error::Config {
                path: if is_floor { "--min" } else { "--max" }.into(),
                line: 0,
                reason: format!("`{spec}` is not METRIC=NUMBER"),
            })?;
            gates.push((metric, bound, is_floor));
        }
    }
    let result = corroborate::eval::run(&args.task, &args.paths)?;
    let mut line = serde_json::to_string(&result).map_err(|e| Error::Eval(e.to_string()))?;
    line.push('\n');
    emit(line.as_bytes())?;
    let mut status = ExitStatus::Success;
    for (metric, bound, is_floor) in gates {
        let Some(&v) = result.metrics.get(&metric) else {
            return Err(Error::Config {
                path: if is_floor { "--min" } else { "--max" }.into(),
                line: 0,
                reason: format!(
                    "task {} has no metric `{metric}` (it has: {})",
                    result.task,
                    result
                        .metrics
                        .keys()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        };
        if (is_floor && v < bound) || (!is_floor && v > bound) {
            let side = if is_floor {
                "below the floor"
            } else {
                "above the ceiling"
            };
            eprintln!(
                "corroborate: {} {metric} = {v} is {side} {bound}",
                result.task
            );
            status = ExitStatus::Findings;
        }
    }
    Ok(status)
}
