//! The binary: parse arguments, call the library, print, and choose the exit code. Nothing else.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use corroborate::cli::{
    AuditArgs, AuditFormat, Cli, Command, CompareArgs, EvalArgs, MergeArgs, RubricAction,
    RubricArgs,
};
use corroborate::render::{self, OutputFormat, RenderOptions};
use corroborate::{load, output, rules::Rules, Engine, Error, ExitStatus};

/// mimalloc instead of the system allocator: the pipeline makes many small allocations (tokens,
/// stems, claims), and the default run spends about a tenth of its time in malloc and free.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => compare(CompareArgs::default()),
        Some(Command::Compare(args)) => compare(args),
        Some(Command::Eval(args)) => eval(args),
        Some(Command::Rubric(args)) => rubric(args),
        Some(Command::Audit(args)) => audit(args),
        Some(Command::Merge(args)) => merge(args),
    };
    match result {
        Ok(status) => ExitCode::from(status.code()),
        Err(e) => {
            eprintln!("corroborate: {e}");
            ExitCode::from(e.exit_status().code())
        }
    }
}

/// Apply `--field FIELD=NAME` specs through a field map's `prefer`; a bad spec is a configuration
/// error (exit 3).
fn field_specs(
    specs: &[String],
    mut prefer: impl FnMut(&str, &str) -> Result<(), String>,
) -> Result<(), Error> {
    for spec in specs {
        let config = |reason| Error::Config {
            path: "--field".into(),
            line: 0,
            reason,
        };
        let (field, name) = spec
            .split_once('=')
            .ok_or_else(|| config(format!("`{spec}` is not FIELD=NAME")))?;
        prefer(field.trim(), name.trim()).map_err(config)?;
    }
    Ok(())
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
        field_specs(&args.fields, |f, n| opts.fields.prefer(f, n))?;
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
    let result = corroborate::eval::run_with(
        &args.task,
        &args.paths,
        args.dump.as_deref(),
        args.clustering.as_deref(),
        args.lexicon.as_deref(),
    )?;
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

/// No transparent huge pages for this process (Linux). mimalloc asks for them on its arenas; the
/// kernel then makes memory resident 2 MiB at a time, and an audit's many mid-sized allocations
/// (term vectors, centroids, signatures) leave much of each huge page unused: half as much peak
/// memory again on 20,000 synthetic items. The price is a few percent of CPU time (fewer TLB hits;
/// figures in docs/benchmarks.md); `eval clusters`, which measures throughput, keeps them.
#[cfg(target_os = "linux")]
fn no_huge_pages() {
    extern "C" {
        fn prctl(option: std::ffi::c_int, ...) -> std::ffi::c_int;
    }
    const PR_SET_THP_DISABLE: std::ffi::c_int = 41;
    // SAFETY: prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0) only sets a flag of the calling process; its
    // arguments are plain integers (unsigned long, as the C prototype reads them). A failure
    // (an old kernel) leaves the default, which is harmless.
    unsafe {
        prctl(
            PR_SET_THP_DISABLE,
            1 as std::ffi::c_ulong,
            0 as std::ffi::c_ulong,
            0 as std::ffi::c_ulong,
            0 as std::ffi::c_ulong,
        );
    }
}

#[cfg(not(target_os = "linux"))]
fn no_huge_pages() {}

/// mimalloc's `mi_option_purge_delay` (entry 15 of `mi_option_t`, in its v2 and v3 alike;
/// `libmimalloc-sys` leaves it unnamed). A test holds it to the option's default in the mimalloc
/// built here (v3: 1,000 ms, `src/options.c`).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the system at once, not up to a second later, in a run that only
/// clusters. Such a run streams: stories leave the window and centroids grow into new
/// allocations all along, and with the delay its resident peak depended on timing, 92.9–100.0 MiB
/// on 100,000 items from run to run, against 90.9–91.4 MiB purging at once, at about the same CPU
/// time (docs/benchmarks.md). A run that compares keeps the delay: there purging at once cost 13 %
/// of the time (many short-lived allocations), and the comparisons' own memory dominates.
/// Called before any other thread starts (mimalloc's option setters are not thread-safe).
fn purge_at_once() {
    // SAFETY: mi_option_set writes one option of the allocator the binary is built with; its
    // arguments are plain integers and no other thread runs yet.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) }
}

fn audit(args: AuditArgs) -> Result<ExitStatus, Error> {
    use corroborate::audit::{run, ClusterConfig};
    use std::io::IsTerminal;
    no_huge_pages();
    if args.cluster_only {
        purge_at_once();
    }
    let cfg = match &args.clustering {
        Some(p) => ClusterConfig::from_file(p)?,
        None => ClusterConfig::builtin()?,
    };
    // The rubric is read (and its errors reported) even when the run only clusters; the engine is
    // built only when stories are compared.
    let rubric = match &args.rubric {
        Some(p) => Some(corroborate::score::Rubric::from_file(p)?),
        None => None,
    };
    let engine = if args.cluster_only {
        None
    } else {
        let mut engine = Engine::builtin()?;
        if let Some(r) = rubric {
            engine.rubric = r;
        }
        Some(engine)
    };
    if let Some(f) = args.fail_under {
        if !(0.0..=100.0).contains(&f) {
            return Err(Error::Config {
                path: "--fail-under".into(),
                line: 0,
                reason: format!("{f} is not a score between 0 and 100"),
            });
        }
        if args.cluster_only {
            return Err(Error::Config {
                path: "--fail-under".into(),
                line: 0,
                reason: "--cluster-only compares no story, so there is no score to judge".into(),
            });
        }
    }
    let mut opts = run::AuditOptions::default();
    opts.load.max_bytes = args.max_bytes;
    field_specs(&args.fields, |f, n| opts.fields.prefer(f, n))?;
    if args.jsonl {
        let inputs = vec!["-".to_string()];
        let mut sink = |r: run::StoryResult| -> Result<(), Error> {
            let mut line =
                serde_json::to_string(&r.line).map_err(|e| Error::Eval(e.to_string()))?;
            line.push('\n');
            emit(line.as_bytes())
        };
        run::run(
            &inputs,
            &opts,
            engine.as_ref(),
            &cfg,
            &mut sink,
            &mut |_| {},
        )?;
        return Ok(ExitStatus::Success);
    }
    if args.feeds.is_empty() {
        return Err(Error::Config {
            path: "audit".into(),
            line: 0,
            reason: "name one or more feeds (or use --jsonl to read stdin)".into(),
        });
    }
    let Some(out) = &args.out else {
        return Err(Error::Config {
            path: "--out".into(),
            line: 0,
            reason: "audit needs --out DIR for its reports (or --jsonl)".into(),
        });
    };
    let mut dir = run::DirSink::new(out)?;
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        b
    });
    let mut progress = |p: run::Progress| {
        if let Some(b) = &bar {
            b.set_message(format!(
                "{} items, {} stories, {} compared",
                p.items, p.stories, p.compared
            ));
            b.tick();
        }
    };
    // The directory is created with the first story; a run that fails after that removes what it
    // created (a failed run leaves no directory that was not there before).
    let existed = out.exists();
    let mut sink = |r: run::StoryResult| dir.story(r);
    let result = run::run(
        &args.feeds,
        &opts,
        engine.as_ref(),
        &cfg,
        &mut sink,
        &mut progress,
    )
    .and_then(|(totals, stats)| {
        let summary = totals.summary();
        dir.finish(&summary)?;
        Ok((summary, stats))
    });
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let (summary, stats) = match result {
        Ok(r) => r,
        Err(e) => {
            if !existed {
                let _ = std::fs::remove_dir_all(out);
            }
            return Err(e);
        }
    };
    eprintln!(
        "corroborate: {} items, {} stories ({} compared), {} syndicated copies, {} fragments merged; reports in {}",
        stats.items,
        summary.stories,
        summary.stories_compared,
        stats.syndicated,
        stats.merged,
        out.display()
    );
    print_summary(&summary, args.format)?;
    Ok(match args.fail_under {
        Some(floor) => fail_under(&summary, floor),
        None => ExitStatus::Success,
    })
}

/// `--fail-under`: every source whose mean score is below the floor is named on stderr; exit 1 if any.
fn fail_under(summary: &corroborate::audit::aggregate::Summary, floor: f64) -> ExitStatus {
    let mut status = ExitStatus::Success;
    for s in &summary.sources {
        let Some(m) = s.metrics.get("score") else {
            continue;
        };
        if let Some(mean) = m.mean.filter(|&mean| mean < floor) {
            let interval = m.interval.map_or(String::new(), |[lo, hi]| {
                format!(", 95% interval {lo:.1}–{hi:.1}")
            });
            eprintln!(
                "corroborate: {} scores {mean:.1} on average over {} scored stories{interval}, below --fail-under {floor}",
                s.source, m.n
            );
            status = ExitStatus::Findings;
        }
    }
    status
}

fn print_summary(
    summary: &corroborate::audit::aggregate::Summary,
    format: AuditFormat,
) -> Result<(), Error> {
    use corroborate::audit::aggregate;
    let text = match format {
        AuditFormat::Json => {
            let mut s =
                serde_json::to_string_pretty(summary).map_err(|e| Error::Eval(e.to_string()))?;
            s.push('\n');
            s
        }
        AuditFormat::Markdown => aggregate::markdown(summary),
        AuditFormat::Table => {
            let mut t = comfy_table::Table::new();
            t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
            let mut header = vec!["Source".to_string(), "Stories".into(), "Share".into()];
            header.extend(aggregate::TABLE_METRICS.iter().map(|m| m.to_string()));
            t.set_header(header);
            let mut rows: Vec<_> = summary.sources.iter().collect();
            rows.sort_by(|a, b| {
                b.stories_covered
                    .cmp(&a.stories_covered)
                    .then(a.source.cmp(&b.source))
            });
            for r in rows {
                let mut row = vec![
                    r.source.clone(),
                    r.stories_covered.to_string(),
                    r.coverage_share
                        .map(|x| format!("{x:.2}"))
                        .unwrap_or("—".into()),
                ];
                for m in aggregate::TABLE_METRICS {
                    row.push(match r.metrics.get(*m) {
                        Some(s) => match (s.mean, s.interval) {
                            (Some(mean), Some([lo, hi])) => format!("{mean:.2} [{lo:.2}, {hi:.2}]"),
                            (Some(mean), None) => format!("{mean:.2}"),
                            _ => "—".into(),
                        },
                        None => "—".into(),
                    });
                }
                t.add_row(row);
            }
            format!(
                "{} items, {} stories, {} compared, {} syndicated copies\n{t}\n",
                summary.items, summary.stories, summary.stories_compared, summary.syndicated_items
            )
        }
    };
    emit(text.as_bytes())
}

fn merge(args: MergeArgs) -> Result<ExitStatus, Error> {
    let totals = corroborate::audit::run::merge_files(&args.files)?;
    let summary = totals.summary();
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).map_err(|e| Error::Write {
            path: dir.clone(),
            source: e,
        })?;
        let json = serde_json::to_vec_pretty(&summary).map_err(|e| Error::Eval(e.to_string()))?;
        output::write_atomic(&dir.join("summary.json"), &json)?;
        output::write_atomic(
            &dir.join("summary.md"),
            corroborate::audit::aggregate::markdown(&summary).as_bytes(),
        )?;
    }
    print_summary(&summary, args.format)?;
    Ok(match args.fail_under {
        Some(floor) => fail_under(&summary, floor),
        None => ExitStatus::Success,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option number is mimalloc's purge delay: read before anything sets it, it holds the
    /// default of the mimalloc built here (v3: 1,000 ms; v2's is 10), and what is set reads back.
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: reads and writes one allocator option; no other test of this binary touches it.
        unsafe {
            assert_eq!(libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY), 1000);
            purge_at_once();
            assert_eq!(libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY), 0);
        }
    }
}
