//! The markdown report: an editor reads it top to bottom, and every number leads to its evidence
//! (findings and facts have anchors; score parts link to the findings behind them).
//!
//! With figures (`--out FILE`), two SVG pictures are written next to the report and linked from it:
//! the coverage heat map and the score parts chart (see [`super::svg`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

use crate::report::{Finding, OutletReport, Report};

/// File names of the figures, relative to the report (they are written beside it).
#[derive(Debug, Clone)]
pub struct Figures {
    pub coverage: String,
    pub scores: String,
}

impl Figures {
    /// `reports/story.md` → `story.coverage.svg`, `story.scores.svg`.
    pub fn named_after(report: &std::path::Path) -> Figures {
        let stem = report
            .file_stem()
            .map_or("report".into(), |s| s.to_string_lossy().into_owned());
        Figures {
            coverage: format!("{stem}.coverage.svg"),
            scores: format!("{stem}.scores.svg"),
        }
    }
}

/// Text safe inside a markdown table cell: one line, pipes escaped.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// Text safe as a block quote line.
fn quote(s: &str) -> String {
    format!("> {}", s.replace('\n', " "))
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn outlet_label(o: &OutletReport) -> String {
    if o.outlet == o.article {
        o.article.clone()
    } else {
        format!("{} ({})", o.outlet, o.article)
    }
}

fn finding_anchor(i: usize) -> String {
    format!("finding-{}", i + 1)
}

fn fact_anchor(id: &str) -> String {
    format!("fact-{}", id.to_lowercase())
}

/// Render the report as markdown, linking the figures when they are written.
pub fn render(
    report: &Report,
    figures: Option<&Figures>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut s = String::new();
    header(report, &mut s);
    outlets(report, figures, &mut s);
    coverage(report, figures, &mut s);
    conflicts(report, &mut s);
    quotations(report, &mut s);
    sections(report, &mut s);
    hedging(report, &mut s);
    framing(report, &mut s);
    notes(report, &mut s);
    findings(report, &mut s);
    methods(report, &mut s);
    appendix(report, &mut s);
    out.write_all(s.as_bytes())
}

fn header(r: &Report, s: &mut String) {
    let story = &r.story;
    let title = story.title.as_deref().unwrap_or("Untitled story");
    let _ = writeln!(s, "# {title}\n");
    let day = |d: &str| d.chars().take(10).collect::<String>();
    let span = match (&story.first_published, &story.last_published) {
        (Some(a), Some(b)) if day(a) == day(b) => format!(", published on {}", day(a)),
        (Some(a), Some(b)) => format!(", published from {} to {}", day(a), day(b)),
        _ => String::new(),
    };
    let consensus = r
        .outlets
        .iter()
        .map(|o| o.consensus_facts)
        .max()
        .unwrap_or(0);
    let best = r
        .facts
        .first()
        .map(|f| {
            format!(
                " The most widely reported fact ([{}](#{})) appears in {} of them.",
                f.id,
                fact_anchor(&f.id),
                f.support
            )
        })
        .unwrap_or_default();
    let warnings = r
        .findings
        .iter()
        .filter(|f| f.severity == "warning")
        .count();
    let _ = writeln!(
        s,
        "{} articles ({} with a known publisher){span}. They share {} facts reported by two or more of them, and each \
         outlet is measured against up to {consensus} consensus facts (those at least half of the other \
         outlets report).{best} The comparison raised {} findings, {warnings} of them warnings.\n",
        story.articles,
        story.outlets.len(),
        r.facts.len(),
        r.findings.len(),
    );
    if !r.skipped.is_empty() {
        let _ = writeln!(s, "Not read:\n");
        for k in &r.skipped {
            let _ = writeln!(s, "- `{}`: {}", k.path, k.reason);
        }
        s.push('\n');
    }
}

fn outlets(r: &Report, figures: Option<&Figures>, s: &mut String) {
    let _ = writeln!(s, "## Outlets\n");
    let _ = writeln!(
        s,
        "| Outlet | Score | 95% interval | Band | Consensus covered | Exclusive | Omitted | Conflicts | Quotes faithful | Unsupported | Off-topic | Hedges /1k | Attributed claims |"
    );
    let _ = writeln!(s, "|---|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for o in &r.outlets {
        let metric = |id: &str| {
            o.score
                .as_ref()
                .and_then(|sc| sc.parts.iter().find(|p| p.metric == id))
                .and_then(|p| p.value)
        };
        let (score, interval, band) = match &o.score {
            Some(sc) => (
                format!("{:.0}", sc.points),
                format!("{:.0}–{:.0}", sc.interval[0], sc.interval[1]),
                sc.band.clone(),
            ),
            None if o.not_scored.is_some() => ("not scored".into(), "—".into(), "—".into()),
            None => ("—".into(), "—".into(), "—".into()),
        };
        let _ = writeln!(
            s,
            "| [{}](#outlet-{}) | {score} | {interval} | {band} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(&o.outlet),
            o.article.to_lowercase(),
            super::consensus_cell(o),
            o.exclusive_facts,
            o.omitted_consensus.len(),
            o.conflicts,
            metric("quotes.fidelity_share").map_or("—".into(), pct),
            metric("claims.unsupported_share").map_or("—".into(), pct),
            metric("sections.off_topic_share").map_or("—".into(), pct),
            match (o.hedges_per_1k, o.hedges_interval) {
                (Some(x), Some([lo, hi])) => format!("{x:.1} ({lo:.1}–{hi:.1})"),
                (Some(x), None) => format!("{x:.1}"),
                _ => "too short".into(),
            },
            metric("attribution.named_share").map_or("—".into(), pct),
        );
    }
    s.push('\n');
    if let Some(f) = figures {
        let _ = writeln!(
            s,
            "![Score of each outlet, split into the points each criterion adds]({})\n",
            f.scores
        );
    }
    let _ = writeln!(
        s,
        "Scores are 0–100 under the rubric described in [Methods](#methods); the interval is a bootstrap over \
         the facts, sentences and quotations behind each part. Each outlet's parts and the findings behind \
         them are in [Outlet notes](#outlet-notes).\n"
    );
}

fn coverage(r: &Report, figures: Option<&Figures>, s: &mut String) {
    let _ = writeln!(s, "## Coverage of the shared facts\n");
    if r.facts.is_empty() {
        let _ = writeln!(s, "No fact is reported by two or more articles.\n");
        return;
    }
    if let Some(f) = figures {
        let _ = writeln!(s, "![Which outlet reports which fact]({})\n", f.coverage);
    }
    let _ = write!(s, "| Fact | Outlets |");
    for o in &r.outlets {
        let _ = write!(s, " {} |", cell(&o.outlet));
    }
    let _ = write!(s, "\n|---|--:|");
    for _ in &r.outlets {
        s.push_str(":-:|");
    }
    s.push('\n');
    for f in &r.facts {
        let _ = write!(s, "| [{}](#{}) | {} |", f.id, fact_anchor(&f.id), f.support);
        for o in &r.outlets {
            let mark = if f.members.iter().any(|m| m.article == o.article) {
                "●"
            } else if o.related.iter().any(|x| x.fact == f.id) {
                "◐"
            } else if o.omitted_consensus.contains(&f.id) {
                "✗"
            } else {
                ""
            };
            let _ = write!(s, " {mark} |");
        }
        s.push('\n');
    }
    let _ = writeln!(
        s,
        "\n● reports the fact · ◐ has a sentence on the same event, not aligned (not an omission) · ✗ omits a consensus fact\n"
    );
    for f in &r.facts {
        let _ = writeln!(
            s,
            "<a id=\"{}\"></a>**{}** — {} outlets ({}), cohesion {:.2}\n",
            fact_anchor(&f.id),
            f.id,
            f.support,
            f.outlets.join(", "),
            f.cohesion
        );
        for m in &f.members {
            let _ = writeln!(
                s,
                "{}  \n> — {}, sentence {}\n",
                quote(&m.text),
                m.article,
                m.sentence + 1
            );
        }
    }
}

fn conflicts(r: &Report, s: &mut String) {
    let list: Vec<_> = r
        .facts
        .iter()
        .flat_map(|f| f.conflicts.iter().map(move |c| (f, c)))
        .filter(|(_, c)| !c.compatible)
        .collect();
    let _ = writeln!(s, "## Conflicts\n");
    if list.is_empty() {
        let _ = writeln!(
            s,
            "No aligned sentences disagree on a figure, a quantity qualifier or a date.\n"
        );
        return;
    }
    for (f, c) in list {
        let _ = writeln!(
            s,
            "**[{}](#{})**: {} differs.\n",
            f.id,
            fact_anchor(&f.id),
            c.measure
        );
        for v in &c.values {
            let text = r
                .articles
                .iter()
                .find(|a| a.id == v.article)
                .and_then(|a| {
                    a.sections
                        .iter()
                        .flat_map(|x| &x.sentences)
                        .find(|x| x.index == v.sentence)
                })
                .map_or("", |x| x.text.as_str());
            let _ = writeln!(s, "- **{}** in {}: {}", v.value, v.article, text);
        }
        s.push('\n');
    }
}

fn quotations(r: &Report, s: &mut String) {
    let _ = writeln!(s, "## Quotations\n");
    if r.quotes.is_empty() {
        let _ = writeln!(s, "No quotation was found.\n");
        return;
    }
    let _ = writeln!(s, "| Outlet | Quotations | Verbatim | Minor edit | Truncated | Altered | Misattributed | Unmatched |");
    let _ = writeln!(s, "|---|--:|--:|--:|--:|--:|--:|--:|");
    for o in &r.outlets {
        let share = |k: &str| {
            if o.quotes == 0 {
                "—".into()
            } else {
                pct(o.quote_fidelity.get(k).copied().unwrap_or(0.0))
            }
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(&o.outlet),
            o.quotes,
            share("verbatim"),
            share("minor_edit"),
            share("truncated"),
            share("altered"),
            share("misattributed"),
            share("unmatched")
        );
    }
    s.push('\n');
    let matched: Vec<_> = r.quotes.iter().filter(|q| !q.matches.is_empty()).collect();
    if !matched.is_empty() {
        let _ = writeln!(s, "Quotations found in more than one outlet:\n");
        let _ = writeln!(
            s,
            "| Quotation | Outlet | Speaker | Class | Other outlets |"
        );
        let _ = writeln!(s, "|---|---|---|---|---|");
        for q in matched {
            let others: Vec<String> = q
                .matches
                .iter()
                .map(|m| format!("{} ({:?}, {:.2})", m.article, m.relation, m.similarity))
                .collect();
            let _ = writeln!(
                s,
                "| “{}” | {} | {} | {:?} | {} |",
                cell(&q.text),
                q.article,
                cell(q.speaker.as_deref().unwrap_or("—")),
                q.fidelity,
                cell(&others.join("; "))
            );
        }
        s.push('\n');
    }
}

fn sections(r: &Report, s: &mut String) {
    let _ = writeln!(s, "## Off-topic and unsupported sections\n");
    let off: Vec<(usize, &Finding)> = r
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == "off_topic")
        .collect();
    if off.is_empty() {
        let _ = writeln!(
            s,
            "No section or paragraph run stands apart from the story.\n"
        );
    }
    for (i, f) in off {
        let _ = writeln!(
            s,
            "**{}** — [{}](#{}): {}\n",
            f.article,
            f.kind,
            finding_anchor(i),
            f.text
        );
        for e in &f.evidence {
            let _ = writeln!(s, "{}\n", quote(&e.text));
        }
    }
    let rows: Vec<_> = r.support.iter().filter(|x| x.judged > 0).collect();
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "Checkable sentences per section: backed by another outlet, attributed to a source, reported plainly (only this outlet has it, stated without speculation or evaluation), or unsupported (speculation, evaluation or prediction no one backs).\n"
    );
    let _ = writeln!(
        s,
        "| Article | Section | Checkable | Backed | Attributed | Reported | Unsupported | Share |"
    );
    let _ = writeln!(s, "|---|---|--:|--:|--:|--:|--:|--:|");
    for x in rows {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            x.article,
            cell(x.title.as_deref().unwrap_or("(body)")),
            x.judged,
            x.supported,
            x.attributed,
            x.reported,
            x.unsupported,
            x.unsupported_share.map_or("—".into(), pct)
        );
    }
    s.push('\n');
}

fn hedging(r: &Report, s: &mut String) {
    let _ = writeln!(s, "## Hedging and loaded language\n");
    let h = &r.hedging;
    let _ = writeln!(
        s,
        "Rates per 1,000 words in the outlet's own voice (words inside quotation marks are the speaker's), \
         with exact Poisson 95% intervals and a test against the rest of the story; texts under {} words get \
         no rate.\n",
        h.min_words
    );
    let _ = writeln!(
        s,
        "| Outlet | Author words | Hedges /1k | vs rest (p) | Boosters /1k | Loaded terms |"
    );
    let _ = writeln!(s, "|---|--:|--:|--:|--:|--:|");
    for o in &h.outlets {
        let rate = |x: &crate::analysis::hedging::Rate| match (x.per_1000, x.low, x.high) {
            (Some(v), Some(lo), Some(hi)) => format!("{v:.1} ({lo:.1}–{hi:.1})"),
            (Some(v), _, _) => format!("{v:.1}"),
            _ => "—".into(),
        };
        let vs = o.hedges.vs_rest.as_ref().map_or("—".into(), |c| {
            format!(
                "×{} (p = {:.2})",
                c.rate_ratio.map_or("—".into(), |x| format!("{x:.2}")),
                c.p_value
            )
        });
        let _ = writeln!(
            s,
            "| {} | {} | {} | {vs} | {} | {} |",
            cell(&o.outlet),
            o.author_words,
            rate(&o.hedges),
            rate(&o.boosters),
            o.loaded.count
        );
    }
    s.push('\n');
    let loaded: Vec<_> = h
        .articles
        .iter()
        .flat_map(|a| a.loaded_language.iter().map(move |u| (a, u)))
        .collect();
    if !loaded.is_empty() {
        let _ = writeln!(s, "Loaded terms, with their sentences:\n");
        for (a, u) in loaded {
            let voice = match u.voice {
                crate::extract::cues::Voice::Author => "the outlet's voice",
                crate::extract::cues::Voice::Quoted => "inside a quotation",
            };
            let _ = writeln!(s, "- **{}** ({}, {voice}): {}", u.term, a.article, u.text);
        }
        s.push('\n');
    }
}

fn framing(r: &Report, s: &mut String) {
    let f = &r.framing;
    if f.outlets.is_empty() {
        return;
    }
    let _ = writeln!(s, "## Framing (bias profile)\n");
    let _ = writeln!(
        s,
        "How each outlet portrays the story's main actors, whose voices it carries, what it leads with \
         and whether its headline holds. This profile sits next to the reliability score and is not part \
         of it. Tone is the mean tone (−1…+1, lexicon `rubrics/lexicons/tone.toml`) of the outlet's own \
         sentences naming the actor — quotations and attributed sentences count for their speakers — with \
         a 95% Student-t interval; a label marked † is used by no other outlet.\n"
    );
    if f.actors.is_empty() {
        let _ = writeln!(
            s,
            "No main actor: no person or organisation is named by two outlets.\n"
        );
    }
    for (ai, a) in f.actors.iter().enumerate() {
        let _ = writeln!(
            s,
            "### {} ({}, {} mentions in {} outlets)\n",
            a.name, a.kind, a.mentions, a.outlets
        );
        let _ = writeln!(s, "| Outlet | Labels in its own voice | Tone (95% interval, n) | Sentences that move it most |");
        let _ = writeln!(s, "|---|---|---|---|");
        for o in &f.outlets {
            let af = &o.actors[ai];
            let labels: Vec<String> = af
                .labels
                .iter()
                .map(|l| {
                    let mark = if l.only_this_outlet { " †" } else { "" };
                    format!(
                        "“{}”{mark} ({}, s{})",
                        cell(&l.text),
                        l.kind,
                        l.sentence + 1
                    )
                })
                .collect();
            let tone = match (af.tone.mean, af.tone.interval) {
                (Some(m), Some([lo, hi])) => {
                    format!("{m:+.2} ({lo:+.2} to {hi:+.2}, n {})", af.tone.sentences)
                }
                (Some(m), None) => format!("{m:+.2} (n {})", af.tone.sentences),
                _ => "—".into(),
            };
            let moving: Vec<String> = af
                .tone
                .moving
                .iter()
                .map(|m| {
                    format!(
                        "s{} ({:+.2}: {}): {}",
                        m.sentence + 1,
                        m.tone,
                        m.terms.join(", "),
                        cell(&m.text)
                    )
                })
                .collect();
            let _ = writeln!(
                s,
                "| {} | {} | {tone} | {} |",
                cell(&o.outlet),
                if labels.is_empty() {
                    "—".into()
                } else {
                    labels.join("; ")
                },
                if moving.is_empty() {
                    "—".into()
                } else {
                    moving.join("<br>")
                }
            );
        }
        s.push('\n');
    }
    let _ = writeln!(s, "### Voices\n");
    let _ = writeln!(s, "Who each outlet quotes or paraphrases, grouped by the side or role they speak for (a main actor, `government`, `opposition`, `analyst` by cue words in `rubrics/framing.toml`, `anonymous`, else `other`; an unnamed source whose own words name its role, such as \"a senior administration official\", is in that role, marked `unnamed`), with the share of the outlet's quoted words.\n");
    let _ = writeln!(s, "| Outlet | Groups (share of quoted words) | Speakers (quotations / paraphrases, words, tone of their words) |");
    let _ = writeln!(s, "|---|---|---|");
    for o in &f.outlets {
        let groups: Vec<String> = o
            .voice_groups
            .iter()
            .map(|g| format!("{} {}%", cell(&g.group), (g.share * 100.0).round()))
            .collect();
        let speakers: Vec<String> = o
            .voices
            .iter()
            .map(|v| {
                format!(
                    "{} [{}{}] {}/{}, {} words{}",
                    cell(&v.speaker),
                    cell(&v.group),
                    if v.anonymous && v.group != "anonymous" {
                        ", unnamed"
                    } else {
                        ""
                    },
                    v.quotes,
                    v.paraphrases,
                    v.quoted_words,
                    v.tone.map_or(String::new(), |t| format!(", {t:+.2}"))
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            cell(&o.outlet),
            if groups.is_empty() {
                "—".into()
            } else {
                groups.join(", ")
            },
            if speakers.is_empty() {
                "—".into()
            } else {
                speakers.join("; ")
            }
        );
    }
    s.push('\n');
    let _ = writeln!(s, "### Placement of consensus facts\n");
    if f.placement.is_empty() {
        let _ = writeln!(s, "No consensus fact.\n");
    } else {
        let _ = writeln!(s, "| Fact | Outlets | Where each puts it |");
        let _ = writeln!(s, "|---|--:|---|");
        for p in &f.placement {
            let places: Vec<String> = p
                .places
                .iter()
                .map(|x| {
                    format!(
                        "{}: {} (s{})",
                        cell(&x.outlet),
                        x.position.as_str(),
                        x.sentence + 1
                    )
                })
                .collect();
            let _ = writeln!(
                s,
                "| [{}](#{}) | {} | {} |",
                p.fact,
                fact_anchor(&p.fact),
                p.outlets,
                places.join(", ")
            );
        }
        s.push('\n');
    }
    let _ = writeln!(s, "### Headlines against their own bodies\n");
    let _ = writeln!(
        s,
        "| Article | Headline | Content words in its body | Not stated by its body |"
    );
    let _ = writeln!(s, "|---|---|--:|---|");
    for h in &f.headlines {
        let Some(text) = &h.headline else {
            let _ = writeln!(s, "| {} | — | — | — |", h.article);
            if let Some(sf) = &h.standfirst {
                headline_row(s, h, "standfirst", sf, h.standfirst_stem_support);
            }
            continue;
        };
        headline_row(s, h, "headline", text, h.stem_support);
        if let Some(sf) = &h.standfirst {
            headline_row(s, h, "standfirst", sf, h.standfirst_stem_support);
        }
    }
    let _ = writeln!(s, "\nStandfirsts are checked like headlines where the source states one: an HTML page's meta description, a JSON record's `standfirst`/`dek`/`description`/… field beside its body, a feed item's summary beside its content; plain text has none (a short first paragraph cannot be told from a lead). `placement` and `headline_unsupported` findings are listed under Findings.\n");
}

/// One row of the headline table: the claims of the headline or of the standfirst (`from`).
fn headline_row(
    s: &mut String,
    h: &crate::analysis::framing::HeadlineCheck,
    from: &str,
    text: &str,
    stem_support: Option<f64>,
) {
    let missing: Vec<String> = h
        .claims
        .iter()
        .filter(|c| c.from == from && !c.in_body)
        .map(|c| {
            let elsewhere = if c.other_outlets.is_empty() {
                "no other outlet".to_string()
            } else {
                format!("stated by {}", c.other_outlets.join(", "))
            };
            format!("{} “{}” ({elsewhere})", c.kind, cell(&c.text))
        })
        .collect();
    let article = if from == "standfirst" {
        format!("{} (standfirst)", h.article)
    } else {
        h.article.clone()
    };
    let _ = writeln!(
        s,
        "| {} | {} | {} | {} |",
        article,
        cell(text),
        stem_support.map_or("—".into(), pct),
        if missing.is_empty() {
            "—".into()
        } else {
            missing.join("; ")
        }
    );
}

fn notes(r: &Report, s: &mut String) {
    let _ = writeln!(s, "## Outlet notes\n");
    for o in &r.outlets {
        let _ = writeln!(
            s,
            "<a id=\"outlet-{}\"></a>\n\n### {}\n",
            o.article.to_lowercase(),
            cell(&outlet_label(o))
        );
        let Some(sc) = &o.score else {
            let _ = writeln!(
                s,
                "Not scored: {}.\n",
                o.not_scored
                    .as_deref()
                    .unwrap_or(crate::score::NOTHING_MEASURED)
            );
            continue;
        };
        let _ = writeln!(
            s,
            "Score **{:.1}** ({}), 95% interval {:.1}–{:.1}.\n",
            sc.points, sc.band, sc.interval[0], sc.interval[1]
        );
        let _ = writeln!(
            s,
            "| Criterion | Metric | Value | Over | Points | Weight | Adds | Evidence |"
        );
        let _ = writeln!(s, "|---|---|--:|--:|--:|--:|--:|---|");
        for p in &sc.parts {
            let evidence: Vec<String> = p
                .findings
                .iter()
                .map(|&i| format!("[#{}](#{})", i + 1, finding_anchor(i)))
                .collect();
            let _ = writeln!(
                s,
                "| {} | `{}` | {} | {} | {} | {:.3} | {:.1} | {} |",
                p.criterion,
                p.metric,
                p.value.map_or("not measured".into(), |v| format!("{v}")),
                p.units,
                p.points.map_or("—".into(), |x| format!("{x:.1}")),
                p.effective_weight,
                p.contribution,
                if evidence.is_empty() {
                    "—".into()
                } else {
                    evidence.join(" ")
                }
            );
        }
        s.push('\n');
        if !sc.thin_evidence.is_empty() {
            let _ = writeln!(s, "Thin evidence: {}.\n", sc.thin_evidence.join("; "));
        }
        if !o.omitted_consensus.is_empty() {
            let _ = writeln!(
                s,
                "Omits consensus facts: {}.\n",
                o.omitted_consensus
                    .iter()
                    .map(|f| format!("[{f}](#{})", fact_anchor(f)))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
}

fn findings(r: &Report, s: &mut String) {
    let _ = writeln!(s, "## Findings\n");
    if r.findings.is_empty() {
        let _ = writeln!(s, "None.\n");
        return;
    }
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for f in &r.findings {
        *counts
            .entry((f.kind.as_str(), f.severity.as_str()))
            .or_default() += 1;
    }
    let listed: Vec<String> = counts
        .iter()
        .map(|((k, v), n)| format!("{k} ({v}) {n}"))
        .collect();
    let _ = writeln!(s, "{}.\n", listed.join(" · "));
    for (i, f) in r.findings.iter().enumerate() {
        let place = match (&f.fact, &f.section) {
            (Some(fact), _) => format!(", [{fact}](#{})", fact_anchor(fact)),
            (None, Some(sec)) => format!(", section “{sec}”"),
            _ => String::new(),
        };
        let _ = writeln!(
            s,
            "{}. <a id=\"{}\"></a>**{}** ({}) in {}{place}: {}",
            i + 1,
            finding_anchor(i),
            f.kind,
            f.severity,
            f.article,
            f.text.replace('\n', " ")
        );
        for e in f.evidence.iter().take(3) {
            let _ = writeln!(
                s,
                "   - {}, sentence {}: {}",
                e.article,
                e.sentence + 1,
                e.text.replace('\n', " ")
            );
        }
        if f.evidence.len() > 3 {
            let _ = writeln!(s, "   - … {} more sentences", f.evidence.len() - 3);
        }
    }
    s.push('\n');
}

fn methods(r: &Report, s: &mut String) {
    let _ = writeln!(s, "## Methods\n");
    let a = &r.alignment;
    let _ = writeln!(
        s,
        "Each article was cleaned of web clutter (what was removed is listed in the [appendix](#appendix-what-cleaning-removed)), \
         split into sections, paragraphs and sentences, and its sentences aligned across outlets: of {} cross-article \
         sentence pairs, blocking kept {} candidates, and {} were aligned as the same fact.\n",
        a.cross_pairs, a.candidates, a.aligned
    );
    let Some(rubric) = &r.rubric else {
        return;
    };
    let _ = writeln!(
        s,
        "Scores use the rubric **{}** (`{}`): {}. Each criterion turns its metric into 0–100 points along a \
         curve and is weighed; a criterion that cannot be measured for an outlet is left out and its weight \
         shared by the others. The 95% interval is a percentile bootstrap ({} replicates) over the units of \
         every metric.\n",
        rubric.name, rubric.path, rubric.description, rubric.bootstrap
    );
    let _ = writeln!(
        s,
        "| Criterion | Metric | Better | Weight | Curve (value → points) | Why |"
    );
    let _ = writeln!(s, "|---|---|---|--:|---|---|");
    for c in &rubric.criteria {
        let curve: Vec<String> = c.curve.iter().map(|(x, y)| format!("{x} → {y}")).collect();
        let _ = writeln!(
            s,
            "| {} | `{}` | {} | {} | {} | {} |",
            c.id,
            c.metric,
            match c.direction {
                crate::report::Direction::Higher => "higher",
                crate::report::Direction::Lower => "lower",
            },
            c.weight,
            curve.join(", "),
            cell(&c.rationale)
        );
    }
    let bands: Vec<String> = rubric
        .bands
        .iter()
        .map(|b| format!("{}–{} {}", b.min, b.max, b.name))
        .collect();
    let _ = writeln!(s, "\nBands: {}.\n", bands.join("; "));
}

fn appendix(r: &Report, s: &mut String) {
    let _ = writeln!(s, "## Appendix: what cleaning removed\n");
    for a in &r.articles {
        let _ = writeln!(
            s,
            "### {}\n\n`{}`{}: {} words kept in {} sentences; {} blocks removed.\n",
            a.id,
            a.path,
            a.encoding
                .as_deref()
                .map(|e| format!(" (read as {e})"))
                .unwrap_or_default(),
            a.words,
            a.sentence_count,
            a.removed.len()
        );
        if a.removed.is_empty() {
            continue;
        }
        let _ = writeln!(s, "| Line | Reason | Rule | Text |");
        let _ = writeln!(s, "|--:|---|---|---|");
        for x in &a.removed {
            let text: String = x.text.chars().take(120).collect();
            let more = if x.text.chars().count() > 120 {
                "…"
            } else {
                ""
            };
            let _ = writeln!(
                s,
                "| {} | {} | {} | {}{more} |",
                x.line,
                x.reason,
                cell(&x.rule),
                cell(&text)
            );
        }
        s.push('\n');
    }
}
