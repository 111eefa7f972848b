//! `eval tone`: the tone the tool reads toward an annotated target, against BASIL's span polarity.
//!
//! *What it measures*: BASIL (`../shared/eval/basil`, Fan et al. 2019) marks biased phrases in
//! Fox News, New York Times and HuffPost articles, each with the entity it is about (`target`), its
//! `polarity` toward it (`pos` or `neg`) and whether it stands inside a quotation (`quote`). For each
//! such phrase the tool reads the tone of the phrase ([`crate::extract::tone`]); when the phrase holds
//! no evaluative word, the tone of its sentence's words about the target, else of its whole
//! sentence; when that reads neutral, the tone of its paragraph ([`span_polarity_in_context`]).
//! Reported separately for phrases in the author's voice (`quote: no`) and in quotations:
//! - `author_accuracy`, `author_macro_f1` (the mean F1 over the classes the gold labels hold: a
//!   neutral reading of a phrase BASIL calls positive or negative is a miss), `author_macro_f1_3`
//!   (the mean over pos, neg and neutral whenever the tool predicts neutral: scikit-learn's
//!   convention, where predicting a class the gold never has scores an F1 of 0 for it),
//!   `author_pos_f1`, `author_neg_f1`, `author_neutral_share` (phrases read as neutral);
//! - the same with the `quoted_` prefix;
//! - `author_majority_accuracy` and `author_majority_macro_f1`: always answering the most frequent
//!   gold class of that voice (the baseline to beat);
//! - `split_even_*` / `split_odd_*`: author-voice accuracy and macro-F1 on even and odd triplets
//!   (triplets in id order), so a change read on one half can be checked on the other;
//! - `*_macro_f1_low` / `*_macro_f1_high` (author voice, each half): a 95% percentile bootstrap
//!   interval of that macro-F1 over whole triplets (1,000 replicates, fixed seed): how far the
//!   figure could move on other stories of the same kind;
//! - `author_lex_*`, `author_inf_*`: author-voice figures on BASIL's lexical-bias phrases (loaded
//!   words) and informational-bias ones (facts chosen, stated in plain words); `author_direct_*`,
//!   `author_indirect_*`: on phrases about the target itself and on BASIL's indirect ones (about an
//!   ally or an opponent of the target, whose tone toward the target a lexicon cannot see);
//!   `split_even_direct_*` / `split_odd_direct_*`: the direct ones of each half;
//! - `macro_f1` and `accuracy`: the author-voice figures, for `--min` gates; `unlocated`: phrases
//!   whose text is not found in the article's sentences (skipped).
//!
//! *Limitations*: BASIL's spans are all biased (no neutral gold), most of them negative; the
//! polarity is toward the target, which a lexicon cannot see: an "indirect" span (a negative word
//! about the target's opponent, positive for the target) is read as negative. Informational-bias
//! spans state facts with few evaluative words.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::analysis::framing::{tone_toward, FramingConfig, ToneSettings};
use crate::error::{Error, Result};
use crate::eval::EvalResult;
use crate::extract::names;
use crate::extract::tone::{tone, Polarity, Tone, ToneLexicon};
use crate::load::basil;
use crate::rng::{seed_of, SplitMix};

/// Gold and predicted polarity pairs.
#[derive(Debug, Default, Clone)]
struct Pairs(Vec<(Polarity, Polarity)>);

impl Pairs {
    fn n(&self) -> usize {
        self.0.len()
    }
    fn accuracy(&self) -> f64 {
        ratio(self.0.iter().filter(|(g, p)| g == p).count(), self.n())
    }
    fn f1(&self, c: Polarity) -> f64 {
        let tp = self.0.iter().filter(|(g, p)| *g == c && *p == c).count();
        let fp = self.0.iter().filter(|(g, p)| *g != c && *p == c).count();
        let fn_ = self.0.iter().filter(|(g, p)| *g == c && *p != c).count();
        ratio(2 * tp, 2 * tp + fp + fn_)
    }
    fn gold_classes(&self) -> BTreeSet<Polarity> {
        self.0.iter().map(|p| p.0).collect()
    }
    /// Mean F1 over the gold classes.
    fn macro_f1(&self) -> f64 {
        mean_f1(self, &self.gold_classes())
    }
    /// Mean F1 over the gold and predicted classes.
    fn macro_f1_all(&self) -> f64 {
        let mut classes = self.gold_classes();
        classes.extend(self.0.iter().map(|p| p.1));
        mean_f1(self, &classes)
    }
    fn share(&self, c: Polarity) -> f64 {
        ratio(self.0.iter().filter(|p| p.1 == c).count(), self.n())
    }
    /// The same gold labels answered with the most frequent gold class.
    fn majority(&self) -> Pairs {
        let mut counts: BTreeMap<Polarity, usize> = BTreeMap::new();
        for (g, _) in &self.0 {
            *counts.entry(*g).or_default() += 1;
        }
        let top = counts
            .iter()
            .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
            .map_or(Polarity::Neutral, |(c, _)| *c);
        Pairs(self.0.iter().map(|(g, _)| (*g, top)).collect())
    }
}

fn mean_f1(p: &Pairs, classes: &BTreeSet<Polarity>) -> f64 {
    if classes.is_empty() {
        return 0.0;
    }
    classes.iter().map(|c| p.f1(*c)).sum::<f64>() / classes.len() as f64
}

fn ratio(a: usize, n: usize) -> f64 {
    if n > 0 {
        a as f64 / n as f64
    } else {
        0.0
    }
}

/// The tone toward a span: the span's own; else, when the sentence names the target, the tone of
/// the sentence's words about the target ([`tone_toward`]: each word counts for the subject of its
/// clause); else the whole sentence's.
pub fn span_polarity(
    span: &str,
    sentence: &str,
    target: &str,
    lex: &ToneLexicon,
    cfg: &ToneSettings,
) -> Polarity {
    span_polarity_from(span, sentence, target, lex, cfg).0
}

/// [`span_polarity`] and what it was read from: `span`, `target` (the sentence's words about the
/// target) or `sentence`.
fn span_polarity_from(
    span: &str,
    sentence: &str,
    target: &str,
    lex: &ToneLexicon,
    cfg: &ToneSettings,
) -> (Polarity, &'static str) {
    let t = tone(span, lex);
    if !t.hits.is_empty() {
        return (t.polarity(lex), "span");
    }
    if let Some(t) = tone_about(sentence, target, lex, cfg) {
        return (t.polarity(lex), "target");
    }
    (tone(sentence, lex).polarity(lex), "sentence")
}

/// The tone toward a span read in its context: [`span_polarity`]; when that is neutral (no
/// evaluative word in the span nor in its sentence, or words that cancel), the tone of its
/// paragraph (`paragraph`). With no evaluative word in the paragraph either the reading stays
/// neutral. (Reading further out, the neighbouring sentences or the article's words about the
/// target, was measured and not kept: it lowered the even triplets.)
pub fn span_polarity_in_context(
    span: &str,
    sentence: &str,
    paragraph: &[&str],
    target: &str,
    lex: &ToneLexicon,
    cfg: &ToneSettings,
) -> (Polarity, &'static str) {
    let read = span_polarity_from(span, sentence, target, lex, cfg);
    if read.0 != Polarity::Neutral {
        return read;
    }
    let around = lex.tone_of_hits(paragraph.iter().flat_map(|s| tone(s, lex).hits).collect());
    if around.polarity(lex) != Polarity::Neutral {
        return (around.polarity(lex), "paragraph");
    }
    read
}

/// The tone of a sentence's words about `target` (a BASIL entity such as `Barack_Obama`: a name
/// of the sentence holding one of its capitalised words is a mention), when the sentence names it
/// and gives it evaluative words.
fn tone_about(sentence: &str, target: &str, lex: &ToneLexicon, cfg: &ToneSettings) -> Option<Tone> {
    let target_words: Vec<String> = target
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| w.chars().count() >= 2 && w.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_lowercase)
        .collect();
    let mentions: Vec<(usize, usize, Option<usize>)> = names(sentence)
        .into_iter()
        .map(|n| {
            let about = n.text.split_whitespace().any(|w| {
                let w = w
                    .trim_end_matches("'s")
                    .trim_end_matches("’s")
                    .to_lowercase();
                target_words.contains(&w)
            });
            (n.span.start, n.span.end, about.then_some(0))
        })
        .collect();
    if !mentions.iter().any(|m| m.2.is_some()) {
        return None;
    }
    tone_toward(sentence, &mentions, lex, cfg).remove(&0)
}

/// Score BASIL's spans; with `dump`, write each judged span (article, triplet half, voice,
/// target, gold, predicted, the span and its sentence) as a JSON line to that file.
pub fn run_dump(
    paths: &[PathBuf],
    dump: Option<&std::path::Path>,
    lexicon: Option<&std::path::Path>,
) -> Result<EvalResult> {
    let [dir] = paths else {
        return Err(Error::Eval("eval tone takes the BASIL directory".into()));
    };
    let own;
    let lex = match lexicon {
        Some(file) => {
            own = ToneLexicon::from_file(file)?;
            &own
        }
        None => ToneLexicon::builtin()?,
    };
    let cfg = FramingConfig::builtin()?;
    let mut dumped = dump.map(|_| String::new());
    let result = score_with(
        &basil::read_annotated(dir)?,
        lex,
        &cfg.tone,
        dumped.as_mut(),
    );
    if let (Some(file), Some(lines)) = (dump, dumped) {
        crate::output::write_atomic(file, lines.as_bytes())?;
    }
    Ok(result)
}

/// Replicates of the bootstrap intervals.
const BOOTSTRAP: usize = 1000;

/// A 95% percentile bootstrap interval of macro-F1, resampling whole triplets (the phrases of one
/// story are not independent: they share a topic, outlets and annotators), with a fixed seed.
fn bootstrap_macro_f1(groups: &[&Vec<(Polarity, Polarity)>]) -> [f64; 2] {
    if groups.is_empty() {
        return [0.0, 0.0];
    }
    let mut rng = SplitMix(seed_of("eval tone"));
    let mut f1s: Vec<f64> = (0..BOOTSTRAP)
        .map(|_| {
            let mut replicate = Pairs::default();
            for _ in 0..groups.len() {
                replicate
                    .0
                    .extend_from_slice(groups[rng.below(groups.len())]);
            }
            replicate.macro_f1()
        })
        .collect();
    f1s.sort_by(f64::total_cmp);
    let at = |q: f64| f1s[((q * BOOTSTRAP as f64) as usize).min(BOOTSTRAP - 1)];
    [at(0.025), at(0.975)]
}

/// The triplet of a BASIL article id (`<triplet>_<n>`).
fn triplet(id: &str) -> &str {
    id.rsplit_once('_').map_or(id, |(t, _)| t)
}

/// Score annotated articles (see the module docs for the metrics).
pub fn score(articles: &[basil::Annotated], lex: &ToneLexicon, cfg: &ToneSettings) -> EvalResult {
    score_with(articles, lex, cfg, None)
}

fn score_with(
    articles: &[basil::Annotated],
    lex: &ToneLexicon,
    cfg: &ToneSettings,
    mut dump: Option<&mut String>,
) -> EvalResult {
    let triplets: Vec<&str> = articles
        .iter()
        .map(|a| triplet(&a.id))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let (mut author, mut quoted) = (Pairs::default(), Pairs::default());
    // Author-voice pairs by BASIL's kind of bias (`lex`, `inf`) and aim (direct or not), and the
    // direct ones of each half.
    let mut by_kind: BTreeMap<&'static str, Pairs> = BTreeMap::new();
    let mut split = [Pairs::default(), Pairs::default()];
    // Author-voice pairs per triplet, for the bootstrap intervals.
    let mut by_triplet: Vec<Vec<(Polarity, Polarity)>> = vec![Vec::new(); triplets.len()];
    let mut unlocated = 0usize;
    for a in articles {
        let t = triplets.binary_search(&triplet(&a.id)).unwrap_or(0);
        let half = t % 2;
        let sentences: Vec<&str> = a.paragraphs.iter().flatten().map(String::as_str).collect();
        // The paragraph of each sentence, as a range of sentence indices.
        let mut paragraph_of: Vec<std::ops::Range<usize>> = Vec::with_capacity(sentences.len());
        for para in &a.paragraphs {
            let start = paragraph_of.len();
            paragraph_of.extend(std::iter::repeat_n(start..start + para.len(), para.len()));
        }
        for p in &a.phrases {
            let Some(gold) = Polarity::parse(&p.polarity) else {
                continue;
            };
            let Some((i, (s, e))) = basil::locate(&sentences, p) else {
                unlocated += 1;
                continue;
            };
            let (pred, from) = span_polarity_in_context(
                &sentences[i][s..e],
                sentences[i],
                &sentences[paragraph_of[i].clone()],
                &p.target,
                lex,
                cfg,
            );
            if let Some(out) = dump.as_deref_mut() {
                let line = serde_json::json!({
                    "article": a.id,
                    "half": if half == 0 { "even" } else { "odd" },
                    "quote": p.quote,
                    "target": p.target,
                    "gold": gold,
                    "predicted": pred,
                    "from": from,
                    "span": &sentences[i][s..e],
                    "sentence": sentences[i],
                    "terms": tone(&sentences[i][s..e], lex)
                        .hits
                        .iter()
                        .map(|h| h.term.as_str())
                        .collect::<Vec<_>>(),
                });
                out.push_str(&line.to_string());
                out.push('\n');
            }
            if p.quote == "yes" {
                quoted.0.push((gold, pred));
            } else {
                author.0.push((gold, pred));
                split[half].0.push((gold, pred));
                by_triplet[t].push((gold, pred));
                let direct = !p.aim.starts_with("ind");
                let kinds = [
                    (p.bias == "lex").then_some("author_lex"),
                    (p.bias == "inf").then_some("author_inf"),
                    Some(if direct {
                        "author_direct"
                    } else {
                        "author_indirect"
                    }),
                    direct.then_some(if half == 0 {
                        "split_even_direct"
                    } else {
                        "split_odd_direct"
                    }),
                ];
                for k in kinds.into_iter().flatten() {
                    by_kind.entry(k).or_default().0.push((gold, pred));
                }
            }
        }
    }
    let mut m: Vec<(String, f64)> = Vec::new();
    for (voice, pairs) in [("author", &author), ("quoted", &quoted)] {
        let major = pairs.majority();
        let gold = |c: Polarity| pairs.0.iter().filter(|p| p.0 == c).count() as f64;
        m.extend([
            (format!("{voice}_n"), pairs.n() as f64),
            (format!("{voice}_gold_pos"), gold(Polarity::Pos)),
            (format!("{voice}_gold_neg"), gold(Polarity::Neg)),
            (format!("{voice}_accuracy"), pairs.accuracy()),
            (format!("{voice}_macro_f1"), pairs.macro_f1()),
            (format!("{voice}_macro_f1_3"), pairs.macro_f1_all()),
            (format!("{voice}_pos_f1"), pairs.f1(Polarity::Pos)),
            (format!("{voice}_neg_f1"), pairs.f1(Polarity::Neg)),
            (
                format!("{voice}_neutral_share"),
                pairs.share(Polarity::Neutral),
            ),
            (format!("{voice}_majority_accuracy"), major.accuracy()),
            (format!("{voice}_majority_macro_f1"), major.macro_f1()),
        ]);
    }
    for kind in [
        "author_lex",
        "author_inf",
        "author_direct",
        "author_indirect",
        "split_even_direct",
        "split_odd_direct",
    ] {
        let pairs = by_kind.get(kind).cloned().unwrap_or_default();
        m.extend([
            (format!("{kind}_n"), pairs.n() as f64),
            (format!("{kind}_accuracy"), pairs.accuracy()),
            (format!("{kind}_macro_f1"), pairs.macro_f1()),
        ]);
    }
    let [low, high] = bootstrap_macro_f1(&by_triplet.iter().collect::<Vec<_>>());
    m.extend([
        ("author_macro_f1_low".to_string(), low),
        ("author_macro_f1_high".to_string(), high),
    ]);
    for (h, (name, pairs)) in [("even", &split[0]), ("odd", &split[1])]
        .into_iter()
        .enumerate()
    {
        let groups: Vec<_> = by_triplet.iter().skip(h).step_by(2).collect();
        let [low, high] = bootstrap_macro_f1(&groups);
        m.extend([
            (format!("split_{name}_n"), pairs.n() as f64),
            (format!("split_{name}_accuracy"), pairs.accuracy()),
            (format!("split_{name}_macro_f1"), pairs.macro_f1()),
            (format!("split_{name}_macro_f1_low"), low),
            (format!("split_{name}_macro_f1_high"), high),
        ]);
    }
    m.extend([
        ("accuracy".to_string(), author.accuracy()),
        ("macro_f1".to_string(), author.macro_f1()),
        ("unlocated".to_string(), unlocated as f64),
    ]);
    EvalResult::new(
        "tone",
        author.n() + quoted.n(),
        m.iter().map(|(k, v)| (k.as_str(), *v)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(txt: &str, start: usize, quote: &str, polarity: &str) -> basil::Phrase {
        basil::Phrase {
            bias: "lex".into(),
            txt: txt.into(),
            start,
            end: start + txt.chars().count(),
            quote: quote.into(),
            polarity: polarity.into(),
            target: "Someone".into(),
            aim: "dir".into(),
        }
    }

    #[test]
    fn figures_per_voice_and_the_majority_baseline() {
        let a = basil::Annotated {
            id: "t1_1".into(),
            paragraphs: vec![
                vec![
                    "The senator slammed the reckless plan.".into(),
                    "Aides praised her courage.".into(),
                    "She said it was \"a disgrace\".".into(),
                ],
                vec!["The vote was on Tuesday.".into()],
            ],
            phrases: vec![
                phrase("slammed", 12, "no", "neg"),
                phrase("praised her courage", 6, "no", "pos"),
                // Gold negative, the phrase holds no tone word, nor does its sentence, its paragraph
                // or any sentence naming the target: neutral. An informational, indirect phrase.
                basil::Phrase {
                    bias: "inf".into(),
                    aim: "ind_anti".into(),
                    ..phrase("on Tuesday", 13, "no", "neg")
                },
                phrase("a disgrace", 17, "yes", "neg"),
                phrase("not in the text", 0, "no", "neg"),
                phrase("slammed", 12, "no", ""),
            ],
        };
        let cfg = FramingConfig::builtin().unwrap();
        let r = score(&[a], ToneLexicon::builtin().unwrap(), &cfg.tone);
        let m = &r.metrics;
        assert_eq!(r.n, 4);
        assert_eq!(m["author_n"], 3.0);
        assert_eq!(m["quoted_n"], 1.0);
        assert_eq!(m["unlocated"], 1.0);
        assert_eq!(m["author_accuracy"], 0.6667);
        // pos F1 1, neg F1 2/3 → mean over the gold classes 0.8333; with neutral predicted, /3.
        assert_eq!(m["author_macro_f1"], 0.8333);
        assert_eq!(m["author_macro_f1_3"], 0.5556);
        assert_eq!(m["author_neutral_share"], 0.3333);
        assert_eq!(m["author_majority_accuracy"], 0.6667);
        assert_eq!(m["author_majority_macro_f1"], 0.4);
        assert_eq!(m["quoted_accuracy"], 1.0);
        assert_eq!(m["split_even_n"], 3.0);
        assert_eq!(m["split_odd_n"], 0.0);
        // By kind: two lexical direct phrases read right, one informational indirect one missed.
        assert_eq!(m["author_lex_n"], 2.0);
        assert_eq!(m["author_lex_macro_f1"], 1.0);
        assert_eq!(m["author_inf_n"], 1.0);
        assert_eq!(m["author_inf_accuracy"], 0.0);
        assert_eq!(m["author_direct_macro_f1"], 1.0);
        assert_eq!(m["author_indirect_n"], 1.0);
        assert_eq!(m["split_even_direct_n"], 2.0);
        assert_eq!(m["split_odd_direct_n"], 0.0);
        // One triplet: every bootstrap replicate is that triplet.
        assert_eq!(m["author_macro_f1_low"], 0.8333);
        assert_eq!(m["author_macro_f1_high"], 0.8333);
    }

    #[test]
    fn the_bootstrap_resamples_whole_triplets() {
        use Polarity::{Neg, Pos};
        let right = vec![(Pos, Pos), (Neg, Neg)];
        let wrong = vec![(Pos, Neg), (Neg, Pos)];
        assert_eq!(bootstrap_macro_f1(&[&right]), [1.0, 1.0]);
        // Two triplets: a replicate holds both (macro-F1 0.5), the right one twice (1) or the wrong
        // one twice (0), a quarter of the time each of the last two: the interval spans 0..1.
        assert_eq!(bootstrap_macro_f1(&[&right, &wrong]), [0.0, 1.0]);
        assert_eq!(bootstrap_macro_f1(&[]), [0.0, 0.0]);
    }

    #[test]
    fn the_dump_has_one_line_per_judged_span_with_where_its_tone_was_read() {
        let a = basil::Annotated {
            id: "t1_1".into(),
            paragraphs: vec![
                vec![
                    "The senator slammed the reckless plan.".into(),
                    "It was put to a vote.".into(),
                ],
                vec!["The vote was on Tuesday.".into()],
            ],
            phrases: vec![
                phrase("slammed", 12, "no", "neg"),
                phrase("on Tuesday", 13, "yes", "neg"),
                phrase("not in the text", 0, "no", "neg"),
                phrase("put to a vote", 7, "no", "neg"),
            ],
        };
        let cfg = FramingConfig::builtin().unwrap();
        let mut out = String::new();
        let r = score_with(
            &[a],
            ToneLexicon::builtin().unwrap(),
            &cfg.tone,
            Some(&mut out),
        );
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), r.n, "{out}");
        assert_eq!(lines[0]["span"], "slammed");
        assert_eq!(lines[0]["from"], "span");
        assert_eq!(lines[0]["predicted"], "neg");
        assert_eq!(lines[0]["half"], "even");
        assert_eq!(lines[1]["quote"], "yes");
        assert_eq!(lines[1]["from"], "sentence");
        assert_eq!(lines[1]["predicted"], "neutral");
        assert_eq!(lines[0]["terms"][0], "slammed");
        // No tone word in the phrase or its sentence: the paragraph's.
        assert_eq!(lines[2]["span"], "put to a vote");
        assert_eq!(lines[2]["from"], "paragraph");
        assert_eq!(lines[2]["predicted"], "neg");
    }

    #[test]
    fn a_span_without_tone_words_takes_the_words_about_its_target() {
        let lex = ToneLexicon::builtin().unwrap();
        let cfg = FramingConfig::builtin().unwrap();
        let s =
            "Ana Rivera praised the brilliant and wonderful plan, while Tomas Okafor attacked it.";
        // The sentence as a whole reads positive; the words about Okafor are negative.
        assert_eq!(tone(s, lex).polarity(lex), Polarity::Pos);
        let okafor = span_polarity("Tomas Okafor", s, "Tomas_Okafor", lex, &cfg.tone);
        assert_eq!(okafor, Polarity::Neg);
        let rivera = span_polarity("Ana Rivera", s, "Ana_Rivera", lex, &cfg.tone);
        assert_eq!(rivera, Polarity::Pos);
        // A target the sentence does not name: the whole sentence.
        let other = span_polarity("the plan", s, "Luis_Mendes", lex, &cfg.tone);
        assert_eq!(other, Polarity::Pos);
    }

    #[test]
    fn a_span_with_no_tone_in_its_sentence_reads_its_paragraph() {
        let lex = ToneLexicon::builtin().unwrap();
        let cfg = FramingConfig::builtin().unwrap();
        let read = |sentence: &str, paragraph: &[&str]| {
            span_polarity_in_context(
                "met on Tuesday",
                sentence,
                paragraph,
                "Ana_Rivera",
                lex,
                &cfg.tone,
            )
        };
        let s = "The council met on Tuesday.";
        // The paragraph around it has evaluative words: its tone.
        let row = [s, "The session descended into a bitter and chaotic row."];
        assert_eq!(read(s, &row), (Polarity::Neg, "paragraph"));
        let praise = [s, "Its members won praise for a brilliant budget."];
        assert_eq!(read(s, &praise), (Polarity::Pos, "paragraph"));
        // Nothing evaluative in the paragraph: neutral, no class is assumed.
        let quiet = [s, "It lasted two hours."];
        assert_eq!(read(s, &quiet), (Polarity::Neutral, "sentence"));
        // The span's own words come first.
        let (p, from) = span_polarity_in_context(
            "a bitter and chaotic row",
            row[1],
            &praise,
            "Ana_Rivera",
            lex,
            &cfg.tone,
        );
        assert_eq!((p, from), (Polarity::Neg, "span"));
    }

    #[test]
    fn a_missing_directory_is_an_error() {
        assert!(run_dump(&[PathBuf::from("/nonexistent/basil")], None, None).is_err());
        assert!(run_dump(&[], None, None).is_err());
    }
}
