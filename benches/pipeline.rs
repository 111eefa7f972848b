//! Criterion benchmarks of the pipeline stages: load → clean → segment → report.
//!
//! Run with `cargo bench --bench pipeline`; see `docs/benchmarks.md` for the figures measured.

use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};

use corroborate::clean::clean;
use corroborate::load::{self, html::from_html};
use corroborate::model::{Article, RawArticle};
use corroborate::rules::Rules;
use corroborate::segment::segment;

/// At most this many Zyte pages are read for `html/extract`.
const MAX_HTML_PAGES: usize = 20;

fn seeds() -> Vec<RawArticle> {
    load::bundled().expect("bundled story loads").articles
}

fn rules() -> Rules {
    Rules::builtin().expect("builtin rules compile")
}

fn raw_bytes(articles: &[RawArticle]) -> u64 {
    articles.iter().map(|a| a.text.len() as u64).sum()
}

/// One long article: the five seed texts concatenated `times` times, blank-line separated.
fn large(times: usize) -> RawArticle {
    let seeds = seeds();
    let mut text = String::new();
    for _ in 0..times {
        for a in &seeds {
            text.push_str(&a.text);
            text.push_str("\n\n");
        }
    }
    RawArticle {
        id: format!("large-{times}x"),
        path: format!("<synthetic {times}x seeds>"),
        text,
        ..seeds[0].clone()
    }
}

fn bench_setup(c: &mut Criterion) {
    let mut g = c.benchmark_group("setup");
    // `rules_builtin` compiles every regex of the rubric (~60 ms): 50 samples fit in 5 s.
    g.sample_size(50);
    g.bench_function("rules_builtin", |b| b.iter(|| black_box(rules())));
    g.bench_function("load_bundled", |b| {
        b.iter(|| black_box(load::bundled().expect("bundled story loads")))
    });
    g.finish();
}

fn bench_clean_seeds(c: &mut Criterion) {
    let rules = rules();
    let raws = seeds();
    let mut g = c.benchmark_group("clean");
    g.throughput(Throughput::Bytes(raw_bytes(&raws)));
    g.bench_function("seeds", |b| {
        b.iter_batched(
            || raws.clone(),
            |raws| {
                raws.into_iter()
                    .map(|r| clean(r, &rules))
                    .collect::<Vec<Article>>()
            },
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

fn bench_segment_seeds(c: &mut Criterion) {
    let rules = rules();
    let articles: Vec<Article> = seeds().into_iter().map(|r| clean(r, &rules)).collect();
    let bytes: u64 = articles.iter().map(|a| a.body.len() as u64).sum();
    let mut g = c.benchmark_group("segment");
    g.sample_size(50);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("seeds", |b| {
        b.iter_batched(
            || articles.clone(),
            |articles| articles.into_iter().map(segment).collect::<Vec<_>>(),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

fn bench_compare_seeds(c: &mut Criterion) {
    let engine = corroborate::Engine::builtin().expect("built-in engine loads");
    let loaded = load::bundled().expect("bundled story loads");
    let mut g = c.benchmark_group("compare");
    g.throughput(Throughput::Bytes(raw_bytes(&loaded.articles)));
    g.bench_function("seeds", |b| {
        b.iter_batched(
            || loaded.clone(),
            |loaded| corroborate::compare(loaded, &engine).expect("bundled story compares"),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

/// Up to [`MAX_HTML_PAGES`] gzipped pages of the Zyte benchmark, if `shared/` is beside the crate.
fn zyte_pages() -> Option<Vec<(String, String)>> {
    let dir: PathBuf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/html/zyte-benchmark/html");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    paths.sort();
    paths.truncate(MAX_HTML_PAGES);
    let mut pages = Vec::new();
    for p in paths {
        let file = std::fs::File::open(&p).ok()?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .ok()?;
        let name = p.file_name()?.to_string_lossy().to_string();
        pages.push((name, String::from_utf8_lossy(&bytes).into_owned()));
    }
    (!pages.is_empty()).then_some(pages)
}

fn bench_html(c: &mut Criterion) {
    let Some(pages) = zyte_pages() else {
        eprintln!(
            "html/extract: skipped (no ../shared/eval/html/zyte-benchmark/html/*.html.gz \
             beside the crate)"
        );
        return;
    };
    let bytes: u64 = pages.iter().map(|(_, h)| h.len() as u64).sum();
    eprintln!(
        "html/extract: {} Zyte pages, {} bytes of HTML",
        pages.len(),
        bytes
    );
    let mut g = c.benchmark_group("html");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(20);
    g.bench_function("extract", |b| {
        b.iter(|| {
            for (name, html) in &pages {
                black_box(from_html(black_box(html), name, name));
            }
        })
    });
    g.finish();
}

fn bench_clean_large(c: &mut Criterion) {
    let rules = rules();
    let mut g = c.benchmark_group("clean/large");
    g.sample_size(10);
    for times in [10usize, 40] {
        let raw = large(times);
        g.throughput(Throughput::Bytes(raw.text.len() as u64));
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{times}x")),
            &raw,
            |b, raw| {
                b.iter_batched(
                    || raw.clone(),
                    |raw| clean(raw, &rules),
                    BatchSize::LargeInput,
                )
            },
        );
    }
    g.finish();
}

/// A synthetic story of `n` articles built from the five seeds: article k takes seed k mod 5, keeps
/// about two thirds of its paragraphs (a different subset per article), rotates them, and shifts the
/// figures in some paragraphs, so that outlets share facts, omit some, and disagree on numbers.
fn synthetic_story(n: usize) -> load::Loaded {
    let seeds = seeds();
    let mut articles = Vec::with_capacity(n);
    for k in 0..n {
        let base = &seeds[k % seeds.len()];
        let paragraphs: Vec<&str> = base
            .text
            .split('\n')
            .filter(|p| !p.trim().is_empty())
            .collect();
        let round = k / seeds.len();
        let mut kept: Vec<String> = paragraphs
            .iter()
            .enumerate()
            .filter(|(i, _)| !(i + round).is_multiple_of(3))
            .map(|(i, p)| {
                if (i + round) % 4 == 1 {
                    p.split(' ')
                        .map(|w| match w.parse::<u64>() {
                            Ok(v) => (v + round as u64).to_string(),
                            Err(_) => w.to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                } else {
                    p.to_string()
                }
            })
            .collect();
        if !kept.is_empty() {
            let r = round % kept.len();
            kept.rotate_left(r);
        }
        let mut raw = base.clone();
        raw.id = format!("synthetic-{k:03}");
        raw.text = kept.join("\n\n");
        raw.meta.publisher = Some(format!("Outlet {k:03}"));
        articles.push(raw);
    }
    load::Loaded {
        articles,
        manifest: None,
        skipped: Vec::new(),
    }
}

fn bench_story_growth(c: &mut Criterion) {
    let engine = corroborate::Engine::builtin().expect("built-in engine loads");
    let mut g = c.benchmark_group("story");
    g.sample_size(10);
    for n in [25usize, 50, 100, 200] {
        let loaded = synthetic_story(n);
        let stats = corroborate::compare(loaded.clone(), &engine)
            .expect("compares")
            .report
            .alignment;
        eprintln!(
            "story/{n}: {} sentences, {} candidate pairs of {} cross-article pairs, {} aligned",
            stats.sentences, stats.candidates, stats.cross_pairs, stats.aligned
        );
        g.throughput(Throughput::Elements(stats.candidates as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &loaded, |b, loaded| {
            b.iter_batched(
                || loaded.clone(),
                |loaded| corroborate::compare(loaded, &engine).expect("compares"),
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = bench_setup, bench_clean_seeds, bench_segment_seeds, bench_compare_seeds,
        bench_html, bench_clean_large, bench_story_growth
}
criterion_main!(benches);
