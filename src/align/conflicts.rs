//! Conflicts inside a fact: aligned sentences that disagree on a figure, a qualifier, a date or a time.
//!
//! *What it does*: for each unit (people, strike, usd, percent, …) the figures the members give are
//! compared pairwise across articles. Two members whose figures for a unit have no compatible pair
//! ([`crate::extract::Quantity::compatible`]: 126 vs 130) are a `numeric_conflict`; the same figure
//! with different qualifiers ("at least 126" vs "126") is a `qualifier_difference`, marked compatible.
//! Dates of the same granularity that differ are a `date_conflict`; times that differ only by
//! "shortly before" / "shortly after" are a compatible `time_difference`.
//!
//! *Limitations*: a sentence giving two figures of one unit for different things can look like a
//! conflict with a sentence that gives only one of them; conflicts are only looked for when every
//! sentence involved states a single value of that measure.

use std::collections::BTreeMap;

use super::{AlignConfig, Conflict, ConflictKind, ConflictValue, SentenceInfo};
use crate::extract::{Approx, Quantity, TimeKind};

/// A member's single value of a time measure.
struct Dated<'a> {
    member: &'a SentenceInfo,
    /// ISO value ("2026-02-03", "T11:00").
    value: String,
    /// The words as written.
    text: String,
    /// "shortly before" / "shortly after" / "about", if said.
    approx: Option<Approx>,
}

/// Find the conflicts among the members of one fact.
pub fn find(members: &[&SentenceInfo], _cfg: &AlignConfig) -> Vec<Conflict> {
    let mut out = Vec::new();
    // Figures by unit, only from members that give exactly one figure of that unit.
    let mut by_unit: BTreeMap<String, Vec<(&SentenceInfo, &Quantity)>> = BTreeMap::new();
    for m in members {
        let mut per_unit: BTreeMap<&str, Vec<&Quantity>> = BTreeMap::new();
        for q in &m.claims.quantities {
            if let Some(u) = &q.unit {
                per_unit.entry(u.as_str()).or_default().push(q);
            }
        }
        for (u, qs) in per_unit {
            if qs.len() == 1 {
                by_unit.entry(u.to_string()).or_default().push((m, qs[0]));
            }
        }
    }
    for (unit, items) in by_unit {
        if items.len() < 2 {
            continue;
        }
        let mut incompatible = false;
        let mut qualifier_differs = false;
        for (k, (ma, qa)) in items.iter().enumerate() {
            for (mb, qb) in &items[k + 1..] {
                if ma.at.doc == mb.at.doc {
                    continue;
                }
                if !qa.compatible(qb) {
                    incompatible = true;
                } else if qa.qualifier != qb.qualifier {
                    qualifier_differs = true;
                }
            }
        }
        if incompatible || qualifier_differs {
            out.push(Conflict {
                kind: if incompatible {
                    ConflictKind::NumericConflict
                } else {
                    ConflictKind::QualifierDifference
                },
                compatible: !incompatible,
                measure: unit,
                values: items
                    .iter()
                    .map(|(m, q)| ConflictValue {
                        at: m.at,
                        value: q.text.clone(),
                    })
                    .collect(),
            });
        }
    }
    // Dates and times: one value of a kind per member.
    let mut by_kind: BTreeMap<&'static str, Vec<Dated>> = BTreeMap::new();
    for m in members {
        let mut per_kind: BTreeMap<&'static str, Vec<Dated>> = BTreeMap::new();
        for t in &m.claims.times {
            let Some(v) = &t.value else { continue };
            let kind = match t.kind {
                TimeKind::Time => "time",
                TimeKind::Date | TimeKind::Weekday => "date",
                TimeKind::Month => "month",
                TimeKind::Year => "year",
                TimeKind::Relative if v.contains("-W") => "week",
                TimeKind::Relative => match v.len() {
                    4 => "year",
                    7 => "month",
                    _ => "date",
                },
            };
            per_kind.entry(kind).or_default().push(Dated {
                member: m,
                value: v.clone(),
                text: t.text.clone(),
                approx: t.approx,
            });
        }
        for (kind, mut vs) in per_kind {
            if vs.len() == 1 {
                by_kind.entry(kind).or_default().extend(vs.pop());
            }
        }
    }
    for (kind, items) in by_kind {
        let cross = |f: &dyn Fn(&Dated, &Dated) -> bool| {
            items.iter().enumerate().any(|(k, a)| {
                items[k + 1..]
                    .iter()
                    .any(|b| a.member.at.doc != b.member.at.doc && f(a, b))
            })
        };
        let differs = cross(&|a, b| comparable(kind, &a.value) != comparable(kind, &b.value));
        let approx_differs = cross(&|a, b| {
            comparable(kind, &a.value) == comparable(kind, &b.value) && a.approx != b.approx
        });
        let (conflict_kind, compatible) = if differs {
            (ConflictKind::DateConflict, false)
        } else if approx_differs && kind == "time" {
            (ConflictKind::TimeDifference, true)
        } else {
            continue;
        };
        out.push(Conflict {
            kind: conflict_kind,
            compatible,
            measure: kind.to_string(),
            values: items
                .iter()
                .map(|d| ConflictValue {
                    at: d.member.at,
                    value: d.text.clone(),
                })
                .collect(),
        });
    }
    out
}

/// The part of an ISO value that a measure compares: the clock time for "time" ("2026-02-03T11:00"
/// and "T11:00" compare on "11:00"), the first 10, 7 or 4 characters for a date, month or year.
fn comparable<'a>(kind: &str, v: &'a str) -> &'a str {
    let prefix = |n: usize| v.get(..n).unwrap_or(v);
    match kind {
        "time" => v.find('T').map_or(v, |i| &v[i + 1..]),
        "month" => prefix(7),
        "year" => prefix(4),
        _ => prefix(10),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{SentenceRef, Signature};

    fn info(doc: usize, text: &str) -> SentenceInfo {
        SentenceInfo {
            at: SentenceRef { doc, sentence: 0 },
            claims: crate::extract::claims(text, Some("2026-02-03")),
            signature: Signature::from_text(text, Some("2026-02-03")),
            content: Vec::new(),
            clauses: Vec::new(),
        }
    }

    fn run(texts: &[&str]) -> Vec<Conflict> {
        let infos: Vec<SentenceInfo> = texts.iter().enumerate().map(|(d, t)| info(d, t)).collect();
        let refs: Vec<&SentenceInfo> = infos.iter().collect();
        find(&refs, &crate::align::AlignConfig::builtin().unwrap())
    }

    #[test]
    fn different_figures_are_a_numeric_conflict() {
        let c = run(&[
            "The strikes killed 126 people, officials said.",
            "The strikes killed 130 people, officials said.",
        ]);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].kind, ConflictKind::NumericConflict);
        assert!(!c[0].compatible);
        assert_eq!(c[0].measure, "people");
        assert_eq!(c[0].values.len(), 2);
    }

    #[test]
    fn a_different_qualifier_is_a_compatible_difference() {
        let c = run(&[
            "The strikes killed at least 126 people.",
            "The strikes killed 126 people.",
        ]);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].kind, ConflictKind::QualifierDifference);
        assert!(c[0].compatible);
    }

    #[test]
    fn agreeing_figures_and_other_units_are_no_conflict() {
        assert!(run(&[
            "The strikes killed at least 126 people.",
            "At least 126 people were killed in the strikes."
        ])
        .is_empty());
        assert!(run(&["Police seized 30 boats.", "Police arrested 12 people."]).is_empty());
    }

    #[test]
    fn different_dates_conflict_and_before_after_times_are_compatible() {
        let c = run(&[
            "The talks were held on February 2, 2026.",
            "The talks were held on February 3, 2026.",
        ]);
        assert!(
            c.iter()
                .any(|c| c.kind == ConflictKind::DateConflict && !c.compatible),
            "{c:?}"
        );
        let c = run(&[
            "He arrived shortly before 11:00 local time.",
            "He arrived shortly after 11 a.m. local time.",
        ]);
        assert!(c.iter().all(|c| c.compatible), "{c:?}");
        assert!(
            c.iter().any(|c| c.kind == ConflictKind::TimeDifference),
            "{c:?}"
        );
    }

    #[test]
    fn two_sentences_of_one_article_are_never_compared() {
        let infos = [
            info(0, "The strikes killed 126 people."),
            info(0, "The strikes killed 130 people."),
        ];
        let refs: Vec<&SentenceInfo> = infos.iter().collect();
        assert!(find(&refs, &crate::align::AlignConfig::builtin().unwrap()).is_empty());
    }
}
