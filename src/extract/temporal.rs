//! Time references: dates, clock times, weekdays, months, years and relative expressions.
//!
//! Full dates ("February 3, 2026", "2026-02-03", with or without a time) come from
//! [`crate::dates::find_date`]. The rest is resolved against the article date when one is given:
//! a day and month without a year take the nearest such date (before or after); a month alone
//! ("in January", "since October") the most recent one not after the article's month ("next May":
//! the next one; "last May": the one before the article's month); a weekday ("on Monday") the most
//! recent one on or before the article date ("last Monday": before it; "next Monday": after it);
//! "yesterday", "today", "tomorrow", "last night", "this morning", "last/this/next week|month|year"
//! and "N days|weeks|months|years ago" by calendar arithmetic (weeks as ISO weeks, "2026-W05").
//! Clock times ("11 a.m.", "5:30 pm", "11:00", "noon", "midnight", with "local time" or a zone
//! abbreviation kept in the span) give "T11:00"; a year is a bare 1900-2100 number that is not part
//! of a quantity. "May" is a month only after a preposition or modifier ("in May", "by May", "next
//! May") or before a day or year ("May 3", "May 2025"). Durations ("two hours") are quantities.
//! Limitations: a time is not joined to a date elsewhere in the sentence ("on February 3 ... at
//! 11 a.m." gives a date and "T11:00"); at most 32 full dates are read per sentence.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Datelike, Days, NaiveDate};
use regex::{Captures, Regex};
use serde::Serialize;

use super::{
    ends_with_phrase, month_number, position, prev_word, quantities, weekday_number, MONTHS,
};

/// A time a sentence refers to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeRef {
    /// Byte range in the sentence, including an approximation phrase ("shortly before").
    pub span: Range<usize>,
    pub text: String,
    pub kind: TimeKind,
    /// ISO 8601: "2026-02-03", "2026-01", "2026", "2026-W05", "T11:00" or "2026-02-03T11:00";
    /// `None` when it cannot be resolved (no article date for a relative reference).
    pub value: Option<String>,
    pub approx: Option<Approx>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeKind {
    Date,
    Time,
    Weekday,
    Month,
    Year,
    Relative,
}

/// "shortly before 11:00" → Before; "shortly after 11 a.m." → After; "around noon" → About.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Approx {
    Before,
    After,
    About,
}

/// Phrases before a time that approximate it; longer phrases first within each list.
const APPROX: [(Approx, &[&str]); 3] = [
    (
        Approx::Before,
        &["shortly before", "just before", "soon before", "before"],
    ),
    (
        Approx::After,
        &["shortly after", "just after", "soon after", "after"],
    ),
    (
        Approx::About,
        &["approximately", "roughly", "around", "about", "circa"],
    ),
];

const MON: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?";
const WD: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MOD: &str = r"(?:(?P<mod>(?i:last|next|this))\s+)?";

fn re(p: &str) -> Regex {
    Regex::new(&crate::text::shapes::ascii_word_boundaries(p)).expect("temporal: static regex")
}

static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b(?:(?P<wd>{WD}),?\s+)?(?P<mon>{MON})\s*(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?\b"
    ))
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MON})"
    ))
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b(?P<mon>{MON})\s+(?:of\s+)?(?P<y>[0-9]{{4}})\b"
    ))
});
static MONTH: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"\b{MOD}(?P<mon>{MON})")));
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"\b{MOD}(?P<wd>{WD})\b")));
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b[0-9]{4}\b"));
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?P<day>yesterday|today|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))|(?P<mod>last|this|next)\s+(?P<unit>week|month|year)|(?P<n>[0-9]{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<ago>day|week|month|year)s?\s+ago)\b",
    )
});
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\b(?P<h>[0-9]{1,2})(?:[:.](?P<mi>[0-9]{2}))?\s*(?P<ap>[ap])\.?\s?m\b\.?|\b(?P<h24>[0-9]{1,2}):(?P<mi24>[0-9]{2})\b|\b(?P<word>noon|midday|midnight)\b)(?:\s+(?:local\s+time\b|(?-i:GMT|UTC|ET|EST|EDT|CET|CEST|BST|PST|PDT)\b))?",
    )
});

struct Cand {
    span: Range<usize>,
    kind: TimeKind,
    value: Option<String>,
}

/// Every time reference in the sentence, in text order.
pub fn times(sentence: &str, article_date: Option<&str>) -> Vec<TimeRef> {
    let s = sentence;
    let today = article_date.and_then(|d| d.get(..10));
    let today = today.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let mut c: Vec<Cand> = Vec::new();
    let mut push = |span: Range<usize>, kind: TimeKind, value: Option<String>| {
        c.push(Cand { span, kind, value })
    };
    let num = |m: &Captures, k: &str| m.name(k).and_then(|x| x.as_str().parse::<u32>().ok());
    let modifier = |m: &Captures| m.name("mod").map(|x| x.as_str().to_lowercase());
    for m in MONTH_DAY.captures_iter(s).chain(DAY_MONTH.captures_iter(s)) {
        let (Some(mon), Some(d)) = (month_number(&m["mon"]), num(&m, "d")) else {
            continue;
        };
        let end = whole(&m).end;
        if (1..=31).contains(&d) && !s[end..].starts_with(':') {
            // The nearest such date to the article date, before or after it.
            let near = |t: NaiveDate| {
                let years = [t.year() - 1, t.year(), t.year() + 1];
                let dates = years
                    .into_iter()
                    .filter_map(|y| NaiveDate::from_ymd_opt(y, mon, d));
                dates.min_by_key(|x| (*x - t).num_days().abs()).map(ymd)
            };
            push(whole(&m), TimeKind::Date, today.and_then(near));
        }
    }
    for m in MONTH_YEAR.captures_iter(s) {
        let (Some(mon), Some(y)) = (month_number(&m["mon"]), num(&m, "y")) else {
            continue;
        };
        if (1900..=2100).contains(&y) {
            push(whole(&m), TimeKind::Month, Some(format!("{y:04}-{mon:02}")));
        }
    }
    for m in MONTH.captures_iter(s) {
        let full = position(MONTHS, &m["mon"].to_lowercase()).is_some();
        let Some(mon) = month_number(&m["mon"]).filter(|_| full) else {
            continue;
        };
        let prev = prev_word(s, whole(&m).start);
        let prev = prev
            .trim_end_matches(|c: char| !c.is_alphabetic())
            .to_lowercase();
        let preps = "in since by until till from during early late mid of before after through to";
        if &m["mon"] == "May" && m.name("mod").is_none() && position(preps, &prev).is_none() {
            continue;
        }
        let value = today.map(|t| {
            let (y, cur) = (t.year(), t.month());
            let y = match modifier(&m).as_deref() {
                Some("next") => y + i32::from(mon <= cur),
                Some("last") => y - i32::from(mon >= cur),
                Some(_) => y,
                None => y - i32::from(mon > cur),
            };
            format!("{y:04}-{mon:02}")
        });
        push(whole(&m), TimeKind::Month, value);
    }
    for m in WEEKDAY.captures_iter(s) {
        let Some(wd) = weekday_number(&m["wd"]) else {
            continue;
        };
        let value = today.and_then(|t| {
            let back = i64::from((t.weekday().num_days_from_monday() + 7 - wd) % 7);
            let delta = match modifier(&m).as_deref() {
                Some("next") => 7 - back,
                Some("last") if back == 0 => -7,
                Some("this") => (7 - back) % 7,
                _ => -back,
            };
            shift(t, delta).map(ymd)
        });
        push(whole(&m), TimeKind::Weekday, value);
    }
    let amounts: Vec<Range<usize>> = quantities(s).into_iter().map(|q| q.span).collect();
    for m in YEAR.find_iter(s) {
        let (r, y) = (m.range(), m.as_str().parse::<u32>().unwrap_or(0));
        let (b, a) = (s[..r.start].chars().next_back(), s[r.end..].chars().next());
        let mid = ends_with_phrase(s, r.start, "mid-").is_some();
        let glued = b.is_some_and(|c| c.is_alphanumeric() || "$€£/.,#:".contains(c))
            || (b == Some('-') && !mid)
            || a.is_some_and(|c| "%/:-".contains(c))
            || (matches!(a, Some('.' | ','))
                && s[r.end + 1..].starts_with(|c: char| c.is_ascii_digit()));
        let amount = amounts.iter().any(|q| q.start <= r.start && r.end <= q.end);
        if (1900..=2100).contains(&y) && !glued && !amount {
            push(r, TimeKind::Year, Some(m.as_str().to_string()));
        }
    }
    for m in RELATIVE.captures_iter(s) {
        let value = today.and_then(|t| relative(&m, t));
        push(whole(&m), TimeKind::Relative, value);
    }
    for m in CLOCK.captures_iter(s) {
        let (h, mi) = match (num(&m, "h"), num(&m, "h24"), m.name("word")) {
            (Some(h), _, _) if (1..=12).contains(&h) => {
                let pm = m["ap"].eq_ignore_ascii_case("p");
                (h % 12 + 12 * u32::from(pm), num(&m, "mi").unwrap_or(0))
            }
            (_, Some(h), _) => (h, num(&m, "mi24").unwrap_or(99)),
            (_, _, Some(w)) => (
                12 * u32::from(!w.as_str().eq_ignore_ascii_case("midnight")),
                0,
            ),
            _ => continue,
        };
        if h < 24 && mi < 60 {
            push(whole(&m), TimeKind::Time, Some(format!("T{h:02}:{mi:02}")));
        }
    }
    // Full dates, at most 32 a sentence (each search scans the rest of the sentence).
    let mut pos = 0;
    for _ in 0..32 {
        let Some((iso, r)) = s.get(pos..).and_then(crate::dates::find_date) else {
            break;
        };
        // "2026-02-03T11:00:00" → "2026-02-03T11:00", like the clock times above.
        let iso = match iso.get(16..19) {
            Some(":00") => format!("{}{}", &iso[..16], &iso[19..]),
            _ => iso,
        };
        push(pos + r.start..pos + r.end, TimeKind::Date, Some(iso));
        pos += r.end.max(1);
    }
    // Longest first, then earliest; keep those that overlap nothing kept.
    c.sort_by_key(|x| (std::cmp::Reverse(x.span.len()), x.span.start));
    let mut kept: BTreeMap<usize, Cand> = BTreeMap::new();
    for x in c {
        // Kept spans do not overlap, so the last one starting before `x` ends is the one to check.
        let before = kept.range(..x.span.end).next_back();
        if before.is_none_or(|(_, k)| k.span.end <= x.span.start) {
            kept.insert(x.span.start, x);
        }
    }
    kept.into_values().map(|x| with_approx(s, x)).collect()
}

/// The time reference, extended over an approximation phrase before it ("shortly before").
fn with_approx(s: &str, x: Cand) -> TimeRef {
    let t_end = s[..x.span.start].trim_end().len();
    let phrases = APPROX
        .iter()
        .flat_map(|(a, ps)| ps.iter().map(move |p| (*a, p)));
    let mut found = phrases.filter_map(|(a, p)| ends_with_phrase(s, t_end, p).map(|i| (i, a)));
    let found = found.next().filter(|_| t_end < x.span.start);
    let span = found.map_or(x.span.start, |f| f.0)..x.span.end;
    let text = s[span.clone()].to_string();
    TimeRef {
        span,
        text,
        kind: x.kind,
        value: x.value,
        approx: found.map(|f| f.1),
    }
}

fn whole(m: &Captures) -> Range<usize> {
    m.get(0).map_or(0..0, |g| g.range())
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn shift(t: NaiveDate, days: i64) -> Option<NaiveDate> {
    match u64::try_from(days) {
        Ok(n) => t.checked_add_days(Days::new(n)),
        Err(_) => t.checked_sub_days(Days::new(days.unsigned_abs())),
    }
}

/// "yesterday", "last week", "next month", "two days ago", ... against the article date `t`.
fn relative(m: &Captures, t: NaiveDate) -> Option<String> {
    if let Some(w) = m.name("day") {
        let w = w.as_str().to_lowercase();
        let delta = match w.as_str() {
            "yesterday" => -1,
            "tomorrow" => 1,
            _ => -i64::from(w.starts_with("last")),
        };
        return shift(t, delta).map(ymd);
    }
    let (n, unit) = match m.name("mod") {
        Some(md) => {
            let md = md.as_str().to_lowercase();
            (
                i64::from(md == "next") - i64::from(md == "last"),
                &m["unit"],
            )
        }
        None => {
            let n = m.name("n")?.as_str().to_lowercase();
            let words = "a one two three four five six seven eight nine ten";
            let word =
                position(words, if n == "an" { "a" } else { &n }).map(|i| i64::from(i.max(1)));
            (-n.parse::<i64>().ok().or(word)?, &m["ago"])
        }
    };
    let week = |d: NaiveDate| format!("{:04}-W{:02}", d.iso_week().year(), d.iso_week().week());
    let months = i64::from(t.year()) * 12 + i64::from(t.month0()) + n;
    match unit.to_lowercase().as_str() {
        "day" => shift(t, n).map(ymd),
        "week" => shift(t, 7 * n).map(week),
        "month" => Some(format!(
            "{:04}-{:02}",
            months.div_euclid(12),
            months.rem_euclid(12) + 1
        )),
        _ => Some(format!("{:04}", i64::from(t.year()) + n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows `text => kind value approx` with `-` for None; the article date is 2026-02-03 (a Tuesday).
    fn table(rows: &str, date: Option<&str>) {
        for line in rows.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (input, want) = line.split_once(" =>").expect("row has =>");
            let want = want.trim();
            let got: Vec<String> = times(input, date)
                .iter()
                .map(|t| {
                    let v = t.value.as_deref().unwrap_or("-");
                    let a = t.approx.map_or("-".into(), |a| format!("{a:?}"));
                    format!("{} {:?} {v} {a}", t.text, t.kind)
                })
                .collect();
            assert_eq!(got.join(" | "), want, "input: {input:?}");
        }
    }

    #[test]
    fn resolved_against_the_article_date() {
        table(
            "on February 3 the talks began => February 3 Date 2026-02-03 -
            the January 3 US military operation => January 3 Date 2026-01-03 -
            scheduled for Feb. 10 => Feb. 10 Date 2026-02-10 -
            on 20 December => 20 December Date 2025-12-20 -
            on Tuesday, February 3, 2026 => Tuesday, February 3, 2026 Date 2026-02-03 -
            on Tuesday => Tuesday Weekday 2026-02-03 -
            on Monday => Monday Weekday 2026-02-02 -
            last Tuesday => last Tuesday Weekday 2026-01-27 -
            next Friday => next Friday Weekday 2026-02-06 -
            At the Tuesday meeting => Tuesday Weekday 2026-02-03 -
            in January => January Month 2026-01 -
            In October, he said => October Month 2025-10 -
            since last February => last February Month 2025-02 -
            elections in May => May Month 2025-05 -
            elections next May => next May Month 2026-05 -
            the minister's September 2025 visa ban => September 2025 Month 2025-09 -
            elected in 2022 => 2022 Year 2022 -
            since 2000 => 2000 Year 2000 -
            last month => last month Relative 2026-01 -
            last week => last week Relative 2026-W05 -
            last year => last year Relative 2025 -
            next month => next month Relative 2026-03 -
            yesterday and today and tomorrow => yesterday Relative 2026-02-02 - | today Relative 2026-02-03 - | tomorrow Relative 2026-02-04 -
            two days ago => two days ago Relative 2026-02-01 -
            a year ago => a year ago Relative 2025 -
            3 months ago => 3 months ago Relative 2025-11 -",
            Some("2026-02-03T12:49:00-05:00"),
        );
    }

    #[test]
    fn clock_times_and_approximations() {
        table(
            "shortly before 11:00 local time => shortly before 11:00 local time Time T11:00 Before
            which began shortly after 11 a.m. local time => shortly after 11 a.m. local time Time T11:00 After
            around noon => around noon Time T12:00 About
            at 5:30 p.m. and 9pm => 5:30 p.m. Time T17:30 - | 9pm Time T21:00 -
            Feb 3, 2026 at 11 a.m. EST => Feb 3, 2026 at 11 a.m. EST Date 2026-02-03T11:00-05:00 -
            after midnight => after midnight Time T00:00 After
            at 25:00 or 13 p.m. => ",
            None,
        );
    }

    #[test]
    fn without_an_article_date_and_counter_examples() {
        table(
            "on Monday => Monday Weekday - -
            last month => last month Relative - -
            in January => January Month - -
            February 3 => February 3 Date - -
            in 2025 => 2025 Year 2025 -
            Smith may ask; May I? => 
            Theresa May spoke => 
            approximately two hours of talks => 
            126 people across 36 operations and $2025 and 2,219 km => 
            more than 2000 troops => 
            COVID-19 in 2020/21 => 
            the 1990s => ",
            None,
        );
    }
}
