//! `eval quotes`: direct quotations and their speakers on PolNeAR; cross-outlet quotation pairs on
//! BASIL.
//!
//! *What it measures*:
//! - PolNeAR (`polnear/train-dev.tar.gz`, read in memory with `tar` + `flate2`, never extracted):
//!   articles with brat attributions (Source, Cue, Content). A **gold direct quotation** is a
//!   continuous Content segment that holds a double quotation mark (`"`, `“`, `”`, `«`, `»`, `` `` ``,
//!   `''`): content that is, or contains, someone's words in quotation marks. Content without marks
//!   is reported speech and is not counted. Each prediction is one quotation of
//!   [`crate::extract::quotes::quotes`] of kind `full` or `partial` (`scare` quotations are not
//!   claimed to be quotations). `overlap_*`: a prediction is right when one of its pieces overlaps a
//!   gold segment; a gold segment is found when a prediction overlaps it. `exact_*`: the prediction's
//!   words equal the gold segment's quoted extent (first to last mark), both trimmed of spaces,
//!   marks and punctuation at the edges. `speaker_accuracy`: over found gold segments whose
//!   attribution has a Source, the share whose predicted speaker mention overlaps that Source span
//!   (no speaker predicted counts as wrong). Dev split figures are the main keys; `train_*` are the
//!   same figures on the train split, the one the rules were tuned on. When a text has several
//!   annotation files (the annotator-training articles), the first in name order is used.
//! - BASIL (a directory): each triplet (one event, three outlets) is cleaned, segmented, aligned and
//!   run through [`crate::analysis::quotes::analyse`]; `pairs_per_event` is the number of
//!   cross-outlet quotation pairs matched per event and `share_verbatim`, `share_minor_edit`,
//!   `share_truncated`, `share_altered`, `share_misattributed` their class distribution;
//!   `basil_quotes_per_article` and `basil_share_unmatched` describe the quotations themselves. There
//!   is no gold for these pairs: they describe, they do not score.
//!
//! *Limitations*: PolNeAR marks attributions, not quotations; quotation marks inside a paraphrase
//! ("called it a “disaster”") make its Content a gold quotation here, which a prediction of the
//! scare-quoted words finds only when counted. Offsets are brat character offsets, converted to
//! bytes.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::analysis::quotes::{analyse, Fidelity};
use crate::error::{Error, Result};
use crate::eval::EvalResult;
use crate::extract::quotes::{quotes, Lexicon, QuoteKind};
use crate::model::{Article, Document, Format, Span};

/// One annotated article: its text and its gold attributions.
#[derive(Debug, Clone)]
pub struct Annotated {
    pub name: String,
    pub text: String,
    /// Per attribution: content segments and source segments, byte spans.
    pub attributions: Vec<(Vec<Span>, Vec<Span>)>,
}

/// Read the archive: split name → annotated articles, in name order.
pub fn read_polnear(path: &Path) -> Result<BTreeMap<String, Vec<Annotated>>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut texts: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut anns: BTreeMap<(String, String), (String, String)> = BTreeMap::new();
    let entries = archive.entries().map_err(|e| Error::io(path, e))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| Error::io(path, e))?;
        let name = entry
            .path()
            .map_err(|e| Error::io(path, e))?
            .to_string_lossy()
            .into_owned();
        let parts: Vec<&str> = name.trim_start_matches("./").split('/').collect();
        let [_, split, kind, file] = parts[..] else {
            continue;
        };
        if !matches!(split, "train" | "dev") || file.is_empty() {
            continue;
        }
        let mut content = String::new();
        if entry.read_to_string(&mut content).is_err() {
            continue;
        }
        match kind {
            "text" => {
                let base = file.strip_suffix(".txt").unwrap_or(file).to_string();
                texts.insert((split.to_string(), base), content);
            }
            "attributions" if file.ends_with(".ann") => {
                let stem = file.trim_end_matches(".ann");
                let base = stem.rsplit_once('_').map_or(stem, |(b, _)| b).to_string();
                // The first annotation file in name order wins.
                let key = (split.to_string(), base);
                let better = anns.get(&key).is_none_or(|(_, f)| f.as_str() > file);
                if better {
                    anns.insert(key, (content, file.to_string()));
                }
            }
            _ => {}
        }
    }
    let mut out: BTreeMap<String, Vec<Annotated>> = BTreeMap::new();
    for ((split, base), text) in texts {
        let Some((ann, _)) = anns.get(&(split.clone(), base.clone())) else {
            continue;
        };
        let attributions = parse_ann(ann, &text);
        out.entry(split).or_default().push(Annotated {
            name: base,
            text,
            attributions,
        });
    }
    if out.get("dev").is_none_or(Vec::is_empty) {
        return Err(Error::Eval(format!(
            "{}: no PolNeAR dev articles (data/dev/text and data/dev/attributions)",
            path.display()
        )));
    }
    Ok(out)
}

/// Brat standoff → (content segments, source segments) per attribution event, as byte spans.
fn parse_ann(ann: &str, text: &str) -> Vec<(Vec<Span>, Vec<Span>)> {
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let byte = |c: usize| bytes.get(c).copied().unwrap_or(text.len());
    let mut spans: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(desc)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((_, ranges)) = desc.split_once(' ') else {
                continue;
            };
            let segs = ranges
                .split(';')
                .filter_map(|r| {
                    let (a, b) = r.trim().split_once(' ')?;
                    let (a, b) = (a.parse::<usize>().ok()?, b.parse::<usize>().ok()?);
                    (a < b).then(|| Span::new(byte(a), byte(b)))
                })
                .collect();
            spans.insert(id, segs);
        } else if id.starts_with('E') {
            events.push(desc);
        }
    }
    events
        .into_iter()
        .map(|desc| {
            let mut content = Vec::new();
            let mut source = Vec::new();
            for arg in desc.split_whitespace() {
                let Some((role, t)) = arg.split_once(':') else {
                    continue;
                };
                let segs = spans.get(t).cloned().unwrap_or_default();
                match role {
                    "Content" => content.extend(segs),
                    "Source" => source.extend(segs),
                    _ => {}
                }
            }
            (content, source)
        })
        .collect()
}

const MARKS: &[&str] = &["\"", "“", "”", "«", "»", "``", "''"];

/// Trim spaces, quotation marks and punctuation at both ends of `text[span]`.
fn core(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let t = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    let start = span.start + s.len() - t.len();
    let t = t.trim_end_matches(|c: char| !c.is_alphanumeric());
    Span::new(start, start + t.len())
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Counts of one split.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    gold: usize,
    predicted: usize,
    overlap_tp_pred: usize,
    overlap_tp_gold: usize,
    exact_tp_pred: usize,
    exact_tp_gold: usize,
    speaker_n: usize,
    speaker_ok: usize,
}

fn document(a: &Annotated) -> Document {
    let mut article = Article::bare(&a.name, Format::Text);
    article.body = a.text.clone();
    crate::segment::segment(article)
}

fn score(articles: &[Annotated], lex: &Lexicon) -> Counts {
    let mut c = Counts::default();
    for a in articles {
        let text = a.text.as_str();
        // Gold: (segment, its quoted extent, sources).
        let mut gold: Vec<(Span, Span, &[Span])> = Vec::new();
        for (content, source) in &a.attributions {
            for &seg in content {
                let s = &text[seg.start..seg.end];
                let first = MARKS.iter().filter_map(|m| s.find(m)).min();
                let last = MARKS
                    .iter()
                    .filter_map(|m| s.rfind(m).map(|i| i + m.len()))
                    .max();
                if let (Some(f), Some(l)) = (first, last) {
                    let extent = core(text, Span::new(seg.start + f, seg.start + l));
                    gold.push((seg, extent, source));
                }
            }
        }
        let doc = document(a);
        let found = quotes(&doc, lex);
        let predicted: Vec<_> = found
            .quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Scare)
            .collect();
        c.gold += gold.len();
        c.predicted += predicted.len();
        for q in &predicted {
            let cores: Vec<Span> = q.pieces.iter().map(|&p| core(text, p)).collect();
            if gold
                .iter()
                .any(|g| q.pieces.iter().any(|&p| overlaps(p, g.0)))
            {
                c.overlap_tp_pred += 1;
            }
            if gold.iter().any(|g| cores.contains(&g.1)) {
                c.exact_tp_pred += 1;
            }
        }
        for (seg, extent, source) in &gold {
            let hit = predicted
                .iter()
                .find(|q| q.pieces.iter().any(|&p| overlaps(p, *seg)));
            if let Some(q) = hit {
                c.overlap_tp_gold += 1;
                if !source.is_empty() {
                    c.speaker_n += 1;
                    let ok = q
                        .speaker
                        .as_ref()
                        .is_some_and(|s| source.iter().any(|&src| overlaps(s.mention, src)));
                    c.speaker_ok += usize::from(ok);
                }
            }
            let exact = predicted
                .iter()
                .any(|q| q.pieces.iter().any(|&p| core(text, p) == *extent));
            c.exact_tp_gold += usize::from(exact);
        }
    }
    c
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// The figures of one split, with a key prefix.
fn figures(c: Counts, prefix: &str) -> Vec<(String, f64)> {
    let op = ratio(c.overlap_tp_pred, c.predicted);
    let or = ratio(c.overlap_tp_gold, c.gold);
    let ep = ratio(c.exact_tp_pred, c.predicted);
    let er = ratio(c.exact_tp_gold, c.gold);
    [
        ("overlap_precision", op),
        ("overlap_recall", or),
        ("overlap_f1", f1(op, or)),
        ("exact_precision", ep),
        ("exact_recall", er),
        ("exact_f1", f1(ep, er)),
        ("speaker_accuracy", ratio(c.speaker_ok, c.speaker_n)),
        ("gold_quotes", c.gold as f64),
        ("predicted_quotes", c.predicted as f64),
        ("speaker_n", c.speaker_n as f64),
    ]
    .into_iter()
    .map(|(k, v)| (format!("{prefix}{k}"), v))
    .collect()
}

/// Cross-outlet quotation pairs on BASIL.
fn basil(dir: &Path) -> Result<Vec<(String, f64)>> {
    let engine = crate::Engine::builtin()?;
    let lex = Lexicon::builtin()?;
    let triplets = crate::load::basil::by_triplet(crate::load::basil::read(dir)?);
    let mut pairs: BTreeMap<&'static str, usize> = BTreeMap::new();
    let (mut events, mut articles, mut quotes_n, mut unmatched, mut total_pairs) = (0, 0, 0, 0, 0);
    for raws in triplets.into_values() {
        let docs: Vec<Document> = raws
            .into_iter()
            .map(|r| crate::segment::segment(crate::clean::clean(r, &engine.rules)))
            .collect();
        let alignment = crate::align::align(&docs, &engine.model, &engine.align);
        let outlet_of: Vec<String> = docs.iter().map(crate::report::outlet_name).collect();
        let q = analyse(&docs, &alignment, &outlet_of, lex);
        events += 1;
        articles += docs.len();
        quotes_n += q.quotes.len();
        unmatched += q
            .quotes
            .iter()
            .filter(|x| x.fidelity == Fidelity::Unmatched)
            .count();
        for p in &q.pairs {
            *pairs.entry(p.relation.key()).or_default() += 1;
            total_pairs += 1;
        }
    }
    let mut out = vec![
        ("basil_events".to_string(), events as f64),
        ("pairs_per_event".to_string(), ratio(total_pairs, events)),
        (
            "basil_quotes_per_article".to_string(),
            ratio(quotes_n, articles),
        ),
        (
            "basil_share_unmatched".to_string(),
            ratio(unmatched, quotes_n),
        ),
    ];
    for class in [
        "verbatim",
        "minor_edit",
        "truncated",
        "altered",
        "misattributed",
    ] {
        let n = pairs.get(class).copied().unwrap_or(0);
        out.push((format!("share_{class}"), ratio(n, total_pairs)));
    }
    Ok(out)
}

pub fn run(paths: &[PathBuf]) -> Result<EvalResult> {
    if paths.is_empty() {
        return Err(Error::Eval(
            "eval quotes takes the PolNeAR archive (train-dev.tar.gz) and/or the BASIL directory"
                .into(),
        ));
    }
    let lex = Lexicon::builtin()?;
    let mut metrics: Vec<(String, f64)> = Vec::new();
    let mut n = 0;
    for path in paths {
        if path.is_dir() {
            metrics.extend(basil(path)?);
        } else if path.is_file() {
            let splits = read_polnear(path)?;
            let dev = &splits["dev"];
            n += dev.len();
            metrics.extend(figures(score(dev, lex), ""));
            if let Some(train) = splits.get("train") {
                metrics.extend(figures(score(train, lex), "train_"));
            }
        } else {
            return Err(Error::NotFound { path: path.clone() });
        }
    }
    Ok(EvalResult::new(
        "quotes",
        n,
        metrics.iter().map(|(k, v)| (k.as_str(), *v)),
    ))
}
