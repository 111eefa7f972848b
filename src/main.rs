//! The binary: parse arguments, call the library, print, and choose the exit code. Nothing else.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use corroborate::cli::{Cli, Command, CompareArgs, EvalArgs};
use corroborate::render::{self, OutputFormat, RenderOptions};
use corroborate::{load, output, rules::Rules, Error, ExitStatus};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => compare(CompareArgs::default()),
        Some(Command::Compare(args)) => compare(args),
        Some(Command::Eval(args)) => eval(args),
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
    let rules = match &args.boilerplate {
        Some(p) => Rules::from_file(p)?,
        None => Rules::builtin()?,
    };
    let loaded = if args.paths.is_empty() {
        load::bundled()?
    } else {
        let mut opts = load::LoadOptions {
            max_bytes: args.max_bytes,
            max_html_depth: args.max_html_depth,
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
    for s in &loaded.skipped {
        eprintln!("corroborate: skipped {}: {}", s.path, s.reason);
    }
    let (_docs, report) = corroborate::compare(loaded, &rules)?;
    let format = args.format.unwrap_or(OutputFormat::Table);
    let mut buf = Vec::new();
    render::render(
        &report,
        format,
        RenderOptions { width: args.width },
        &mut buf,
    )
    .map_err(|e| Error::Write {
        path: "<buffer>".into(),
        source: e,
    })?;
    match &args.out {
        Some(path) => output::write_atomic(path, &buf)?,
        None => emit(&buf)?,
    }
    Ok(ExitStatus::Success)
}

fn eval(args: EvalArgs) -> Result<ExitStatus, Error> {
    let mut floors = Vec::new();
    for spec in &args.min {
        let parsed = spec.split_once('=').and_then(|(m, v)| {
            v.trim()
                .parse::<f64>()
                .ok()
                .map(|v| (m.trim().to_string(), v))
        });
        floors.push(parsed.ok_or_else(|| Error::Config {
            path: "--min".into(),
            line: 0,
            reason: format!("`{spec}` is not METRIC=NUMBER"),
        })?);
    }
    let result = corroborate::eval::run(&args.task, &args.paths)?;
    let mut line = serde_json::to_string(&result).map_err(|e| Error::Eval(e.to_string()))?;
    line.push('\n');
    emit(line.as_bytes())?;
    let mut status = ExitStatus::Success;
    for (metric, floor) in floors {
        match result.metrics.get(&metric) {
            None => {
                return Err(Error::Config {
                    path: "--min".into(),
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
                })
            }
            Some(v) if *v < floor => {
                eprintln!(
                    "corroborate: {} {metric} = {v} is below the floor {floor}",
                    result.task
                );
                status = ExitStatus::Findings;
            }
            Some(_) => {}
        }
    }
    Ok(status)
}
