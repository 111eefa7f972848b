//! Find and normalise publication dates in the many shapes web pages print them.
//!
//! What it does: recognises month-name dates ("Feb. 3, 2026", "03 February 2026"), ISO 8601 and
//! RFC 2822 stamps, Unix `date` output ("Tue Feb 03 09:13:00 UTC 2026") and unambiguous numeric
//! dates, with an optional weekday, time (12- or 24-hour, before or after the date) and time zone,
//! and turns them into ISO 8601 strings ("2026-02-03", "2026-02-03T12:49:00-05:00").
//!
//! Why it matters: comparing outlets means lining up when each one published, and a cleaned article
//! must drop date lines ("Updated: February 3, 2026 5:30 pm") as page furniture, not count them as prose.
//!
//! Limitations: English month names only; never guesses, so a date without a year, a two-digit year,
//! an ambiguous numeric date (03/02/2026) or an impossible one gives no result; the weekday is
//! not checked against the date; zone abbreviations with more than one meaning (IST, "ET" with
//! unknown daylight saving) keep the time without an offset; years outside 1900..=2100 are refused.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use regex::{Captures, Regex};
use std::ops::Range;
use std::sync::LazyLock;

const WD: &str = r"(?:(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?,?\s+)";
const MON: &str = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const ZONE: &str = r"(?:(?:UTC|GMT)\s*[+-][0-9]{1,2}(?::?[0-9]{2})?\b|UTC\b|GMT\b|Z\b|[+-][0-9]{2}:?[0-9]{2}\b|(?-i:[A-Z]{2,5})\b)";
const AMPM: &str = r"(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)";

fn re(p: &str) -> Regex {
    Regex::new(&crate::text::shapes::ascii_word_boundaries(p)).expect("dates: static regex")
}

/// Date shapes; each names its groups `mon`/`m`, `d`, `y` or the numeric `a`, `b`, `s1`, `s2`.
static SHAPES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    vec![
        // Unix `date`: Tue Feb 03 09:13:00 UTC 2026
        re(&format!(
            r"(?i){WD}?{MON}\s+(?P<d>[0-9]{{1,2}})\s+(?P<h>[0-9]{{1,2}}):(?P<mi>[0-9]{{2}})(?::(?P<se>[0-9]{{2}}))?\s+(?:(?P<z>{ZONE})\s+)?(?P<y>[0-9]{{4}})"
        )),
        // February 3, 2026 / Feb. 3 2026 / Feb-03-2026
        re(&format!(
            r"(?i){WD}?{MON}(?:\.\s*|\s+|-)(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+|-)(?P<y>[0-9]{{4}})"
        )),
        // 3 February 2026 / 03-Feb-2026 / 3rd of February, 2026
        re(&format!(
            r"(?i){WD}?(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:\s+(?:of\s+)?|-){MON}(?:\.?,?\s+|\.|-)(?P<y>[0-9]{{4}})"
        )),
        re(r"(?P<y>[0-9]{4})(?P<s1>[-/.])(?P<m>[0-9]{1,2})(?P<s2>[-/.])(?P<d>[0-9]{1,2})"),
        re(r"(?P<a>[0-9]{1,2})(?P<s1>[-/.])(?P<b>[0-9]{1,2})(?P<s2>[-/.])(?P<y>[0-9]{4})"),
    ]
});

/// A time (and zone) right after a date.
static TAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:T|\s*,?\s*(?:(?:at|@|\||-|–|—|·|•)\s*)?)(?P<core>(?P<h>[0-9]{{1,2}})(?::(?P<mi>[0-9]{{2}})(?::(?P<se>[0-9]{{2}})(?:[.,][0-9]+)?)?)?{AMPM}?)(?:\s*(?P<z>{ZONE}))?"
    ))
});

/// A time (and zone) right before a date: "12:49 PM EST, Tuesday, February 3, 2026".
static LEAD_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?P<h>[0-9]{{1,2}})(?::(?P<mi>[0-9]{{2}})(?::(?P<se>[0-9]{{2}}))?)?{AMPM}?(?:\s*(?P<z>{ZONE}))?\s*[,|·•\-–—]?\s*(?:on\s+)?$"
    ))
});

/// The verbs of a lead before a date ("Published", "Last updated on").
const LEAD_VERBS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "modified",
    "edited",
    "created",
    "date",
    "dated",
    "released",
];

/// A word character in the sense of the regex `\w`: letters, marks, digits and `_`.
fn is_w(c: char) -> bool {
    crate::text::scan::is_word_char(c) || c == '_'
}

/// Whether `s` holds no word at all (only spaces and punctuation): `^[\s\W]*$`.
fn no_words(s: &str) -> bool {
    !s.chars().any(is_w)
}

/// Whether `s`, the text before a date, is nothing but a lead: an optional "last", "first" or
/// "originally", a verb of [`LEAD_VERBS`], an optional "on" or "at", then an optional "on",
/// with only spaces and punctuation around (the three words of a phrase are separated by spaces
/// only). Case-insensitive. Written out rather than as a regular expression: `\W` is a large
/// Unicode class, slow to compile at every start.
fn lead_words_only(s: &str) -> bool {
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (is_w(c), start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                words.push((b, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(b) = start {
        words.push((b, s.len()));
    }
    let word = |k: usize| words.get(k).map(|&(a, b)| s[a..b].to_lowercase());
    let is = |k: usize, set: &[&str]| word(k).is_some_and(|w| set.contains(&w.as_str()));
    let spaced = |k: usize| {
        let gap = &s[words[k].1..words[k + 1].0];
        !gap.is_empty() && gap.chars().all(char::is_whitespace)
    };
    let mut k = 0;
    if is(0, &["last", "first", "originally"]) && is(1, LEAD_VERBS) && spaced(0) {
        k = 1;
    }
    if is(k, LEAD_VERBS) {
        k += 1;
        if is(k, &["on", "at"]) && spaced(k - 1) {
            k += 1;
        }
    }
    if is(k, &["on"]) {
        k += 1;
    }
    k == words.len()
}

static TRAIL_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^[\s\W]*\(\s*(?:last\s+)?(?:updated|edited|modified)\b[^)]*\)[\s\W]*$")
});
static TRAIL_UPDATE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^[\s,;|·•\-–—]*(?:and\s+)?(?:last\s+)?(?:updated|modified|edited)\b(?P<rest>.*)$")
});
static TIME_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[\s:]*(?:at\s+)?[0-9]{1,2}(?::[0-9]{2}){0,2}\s*(?:[ap]\.?\s?m\b\.?)?\s*(?:[a-z]{1,5})?[\s\W]*$|^[\s:]*[0-9]+\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago[\s\W]*$",
    )
});

#[derive(Clone, Copy, PartialEq, Debug)]
enum Status {
    Valid,
    Ambiguous,
    Invalid,
}

struct Cand {
    range: Range<usize>,
    status: Status,
    date: Option<NaiveDate>,
    time: Option<NaiveTime>,
    offset: Option<i32>,
}

impl Cand {
    fn iso(&self) -> Option<String> {
        let d = self.date.filter(|_| self.status == Status::Valid)?;
        let mut out = format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
        if let Some(t) = self.time {
            let (h, m, sec) = (t.hour(), t.minute(), t.second());
            out.push_str(&format!("T{h:02}:{m:02}:{sec:02}"));
            match self.offset {
                Some(0) => out.push('Z'),
                Some(o) => {
                    let sign = if o < 0 { '-' } else { '+' };
                    let a = o.abs();
                    out.push_str(&format!("{sign}{:02}:{:02}", a / 3600, a % 3600 / 60));
                }
                None => {}
            }
        }
        Some(out)
    }
}

enum Zone {
    Offset(i32),
    NoOffset,
    Absent,
}

/// Zones with one well-known fixed offset (hours east of UTC).
const ZONES: &str =
    "Z=0 UT=0 WET=0 EST=-5 EDT=-4 CST=-6 CDT=-5 MST=-7 MDT=-6 PST=-8 PDT=-7 AKST=-9 AKDT=-8 \
    HST=-10 BST=1 CET=1 WEST=1 CEST=2 EET=2 EEST=3 MSK=3 HKT=8 SGT=8 JST=9 KST=9 AEST=10 AEDT=11";
/// Zone names that are ambiguous or leave daylight saving open: the time is kept without offset.
const VAGUE_ZONES: &str = "ET CT MT PT IST AST ADT GST SST CAT EAT WAT ICT PHT WIB ART BRT NZT";

fn zone(text: &str) -> Zone {
    let t = text.trim().to_ascii_uppercase();
    let t = match t.strip_prefix("UTC").or_else(|| t.strip_prefix("GMT")) {
        Some("") => return Zone::Offset(0),
        Some(rest) => rest.trim(),
        None => t.as_str(),
    };
    let sign = match t.as_bytes().first() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => 0,
    };
    if sign != 0 {
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        let n: i32 = digits.parse().unwrap_or(9999);
        let (h, m) = if digits.len() <= 2 {
            (n, 0)
        } else {
            (n / 100, n % 100)
        };
        return match (h, m, sign) {
            (15.., _, _) | (_, 60.., _) => Zone::Absent,
            (0, 0, -1) => Zone::NoOffset, // RFC 2822: -0000 means "offset unknown"
            _ => Zone::Offset(sign * (h * 3600 + m * 60)),
        };
    }
    if let Some(h) = ZONES
        .split_whitespace()
        .find_map(|z| z.split_once('=').filter(|z| z.0 == t))
    {
        return Zone::Offset(h.1.parse::<i32>().unwrap_or(0) * 3600);
    }
    if VAGUE_ZONES.split_whitespace().any(|z| z == t) {
        Zone::NoOffset
    } else {
        Zone::Absent
    }
}

fn month_num(name: &str) -> Option<u32> {
    let key = name.get(..3)?.to_ascii_lowercase();
    (0..12)
        .find(|i| "janfebmaraprmayjunjulaugsepoctnovdec"[i * 3..i * 3 + 3] == key)
        .map(|i| i as u32 + 1)
}

fn ymd(y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y as i32, m, d).filter(|_| (1900..=2100).contains(&y))
}

/// Builds a time from hour, optional minutes/seconds and an optional a/p marker; a bare hour
/// ("2026, 10 people") is not a time.
fn make_time(c: &Captures) -> Option<NaiveTime> {
    let n = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<u32>().ok());
    let (h, mi, se) = (n("h")?, n("mi"), n("se").unwrap_or(0));
    let ap = c.name("ap").map(|m| m.as_str().to_ascii_lowercase());
    let h = match ap.as_deref() {
        None if mi.is_none() => return None,
        None => h,
        Some(_) if !(1..=12).contains(&h) => return None,
        Some("a") => h % 12,
        Some(_) => h % 12 + 12,
    };
    NaiveTime::from_hms_opt(h, mi.unwrap_or(0), se)
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

fn boundary_ok(s: &str, start: usize, end: usize) -> bool {
    let first = s[start..].chars().next().unwrap_or(' ');
    let left = match char_before(s, start) {
        None => true,
        // "business newsFEBRUARY 4, 2026": text glued on when markup was stripped.
        Some(p) if p.is_alphanumeric() => p.is_lowercase() && first.is_uppercase(),
        Some(p) => {
            !(matches!(p, '.' | '/' | '-' | ':')
                && first.is_ascii_digit()
                && char_before(s, start - p.len_utf8()).is_some_and(|q| q.is_ascii_digit()))
        }
    };
    let mut after = s[end..].chars();
    let right = match after.next() {
        Some(n) if n.is_ascii_digit() => false,
        Some('.' | '/' | '-' | ':') => !after.next().is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    };
    left && right
}

fn build(s: &str, c: &Captures) -> Cand {
    let m0 = c.get(0).expect("group 0");
    let n = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<u32>().ok());
    let seps_ok = c.name("s1").map(|m| m.as_str()) == c.name("s2").map(|m| m.as_str());
    let y = n("y").unwrap_or(0);
    let (status, date) = if let (Some(a), Some(b)) = (n("a"), n("b")) {
        match (ymd(y, b, a), ymd(y, a, b)) {
            (Some(x), Some(z)) if x != z => (Status::Ambiguous, None),
            (Some(x), _) | (None, Some(x)) => (Status::Valid, Some(x)),
            (None, None) => (Status::Invalid, None),
        }
    } else {
        let month = c.name("mon").and_then(|m| month_num(m.as_str())).or(n("m"));
        let date = month.zip(n("d")).and_then(|(m, d)| ymd(y, m, d));
        (date.map_or(Status::Invalid, |_| Status::Valid), date)
    };
    let status = if seps_ok { status } else { Status::Invalid };
    let (range, time, offset) = (m0.range(), None, None);
    let mut cand = Cand {
        range,
        status,
        date,
        time,
        offset,
    };
    if c.name("h").is_some() {
        // Unix `date` shape: the time is part of the match.
        cand.time = make_time(c);
        if cand.time.is_none() {
            cand.status = Status::Invalid;
        }
        if let Some(Zone::Offset(o)) = c.name("z").map(|z| zone(z.as_str())) {
            cand.offset = Some(o);
        }
        return cand;
    }
    if let Some(t) = TAIL.captures(&s[m0.end()..]) {
        if let Some(time) = make_time(&t) {
            let (mut end, mut offset) = (t.name("core").map_or(0, |m| m.end()), None);
            if let Some(z) = t.name("z") {
                match zone(z.as_str()) {
                    Zone::Offset(o) => (end, offset) = (z.end(), Some(o)),
                    Zone::NoOffset => end = z.end(),
                    Zone::Absent => {}
                }
            }
            let end = m0.end() + end;
            if !s[end..].starts_with(|ch: char| ch.is_ascii_digit()) {
                (cand.range.end, cand.time, cand.offset) = (end, Some(time), offset);
                return cand;
            }
        }
    }
    let mut w = m0.start().saturating_sub(48);
    while !s.is_char_boundary(w) {
        w += 1;
    }
    if let Some(t) = LEAD_TIME.captures(&s[w..m0.start()]) {
        let start = w + t.get(0).map_or(0, |m| m.start());
        let zone = t.name("z").map(|z| zone(z.as_str()));
        let glued =
            char_before(s, start).is_some_and(|p| p.is_ascii_digit() || p == ':' || p == '.');
        if let (Some(time), false, false) =
            (make_time(&t), glued, matches!(zone, Some(Zone::Absent)))
        {
            cand.range.start = start;
            cand.time = Some(time);
            if let Some(Zone::Offset(o)) = zone {
                cand.offset = Some(o);
            }
        }
    }
    cand
}

/// Every date-shaped match in `s`, valid or not, in no particular order.
fn candidates(s: &str) -> Vec<Cand> {
    let mut out = Vec::new();
    for shape in SHAPES.iter() {
        let mut pos = 0;
        while let Some(c) = shape.captures_at(s, pos) {
            let m = c.get(0).expect("group 0");
            if boundary_ok(s, m.start(), m.end()) {
                out.push(build(s, &c));
                pos = m.end().max(m.start() + 1);
            } else {
                pos = m.start() + s[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    out
}

/// The candidate that makes up the whole line apart from tolerated furniture, if any.
fn line_cand(s: &str, allow_update: bool) -> Option<Cand> {
    let trail_ok = |rest: &str| {
        no_words(rest)
            || TRAIL_PAREN.is_match(rest)
            || (allow_update
                && TRAIL_UPDATE.captures(rest).is_some_and(|c| {
                    let r = c.name("rest").map_or("", |m| m.as_str());
                    TIME_ONLY.is_match(r)
                        || line_cand(r, false).is_some_and(|c| c.status != Status::Invalid)
                }))
    };
    candidates(s)
        .into_iter()
        .filter(|c| lead_words_only(&s[..c.range.start]) && trail_ok(&s[c.range.end..]))
        .max_by_key(|c| (c.range.len(), std::cmp::Reverse(c.range.start)))
}

/// Parse a string that is (essentially) one date expression, possibly with a weekday, a time and a
/// time zone, and optional leading words like "Published", "Updated", "Posted on". Returns ISO 8601:
/// "2026-02-03" for a date alone; "2026-02-03T12:49:00-05:00" when a time and a known zone are given;
/// "2026-02-03T12:49:00" when a time but no zone is given; "Z" for UTC/GMT. Never guesses: an
/// ambiguous numeric date such as 03/02/2026 (day ≤ 12 and month ≤ 12) or an impossible one
/// (2026-49-03, February 30) returns None.
pub fn parse_date(s: &str) -> Option<String> {
    line_cand(s, true)?.iso()
}

/// Find the first date expression inside a longer line of text (e.g. a dateline "WASHINGTON, Feb. 3,
/// 2026 (Reuters) —", "global business newsFEBRUARY 4, 2026", "Tue Feb 03 09:13:00 UTC 2026: # Title").
/// Returns the ISO string (as parse_date) and the byte range of the expression in `s`.
pub fn find_date(s: &str) -> Option<(String, std::ops::Range<usize>)> {
    candidates(s)
        .into_iter()
        .filter_map(|c| c.iso().map(|iso| (iso, c.range)))
        .min_by_key(|(_, r)| (r.start, std::cmp::Reverse(r.end)))
}

/// True when the line is nothing but a date expression (plus optional "Published"/"Updated"-style
/// words, a trailing zone, and punctuation): such lines are page furniture, not prose.
/// An ambiguous numeric date (03/02/2026) still makes a date line; an impossible one does not.
pub fn is_date_line(s: &str) -> bool {
    line_cand(s, true).is_some_and(|c| c.status != Status::Invalid)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_lead_and_trail_checks_match_the_regexes_they_replaced() {
        let lead = regex::Regex::new(
            r"(?i)^[\s\W]*(?:(?:(?:last|first|originally)\s+)?(?:published|updated|posted|modified|edited|created|dated?|released)\b(?:\s+(?:on|at)\b)?)?[\s\W]*(?:on\b)?[\s\W]*$",
        )
        .unwrap();
        let plain = regex::Regex::new(r"^[\s\W]*$").unwrap();
        for t in [
            "",
            " ",
            "Published",
            "Published on",
            "Published: ",
            "Last updated on",
            "LAST UPDATED:",
            "last  published at",
            "last-published",
            "Updated on on",
            "Posted at on",
            "Published: on",
            "originally released",
            "Dated",
            "date",
            "dates",
            "first",
            "Published today",
            "— Updated —",
            "on",
            "By Jane Doe |",
            "Publié le",
            "Updated\ton",
            "x_y",
            "é",
            "(",
            "Created at",
            "modified on at",
            "Published, on",
        ] {
            assert_eq!(super::lead_words_only(t), lead.is_match(t), "lead: {t:?}");
            assert_eq!(super::no_words(t), plain.is_match(t), "plain: {t:?}");
        }
    }

    use super::*;

    /// Each line is `input => expected`, with `-` for None.
    fn table(rows: &str, f: impl Fn(&str) -> Option<String>) {
        for line in rows.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (input, want) = line.split_once(" => ").expect("row has =>");
            let want = Some(want).filter(|w| *w != "-");
            assert_eq!(f(input).as_deref(), want, "input: {input:?}");
        }
    }

    #[test]
    fn month_name_dates() {
        table(
            "February 3, 2026 => 2026-02-03
            FEBRUARY 4, 2026 => 2026-02-04
            Feb. 3, 2026 => 2026-02-03
            Feb 3 2026 => 2026-02-03
            3 February 2026 => 2026-02-03
            03 Feb 2026 => 2026-02-03
            feb 3rd, 2026 => 2026-02-03
            3rd of February 2026 => 2026-02-03
            03-Feb-2026 => 2026-02-03
            Tuesday, February 3, 2026 => 2026-02-03
            Sept. 9, 2025 => 2025-09-09
            June 1, 2024 => 2024-06-01",
            parse_date,
        );
    }

    #[test]
    fn times_and_zones() {
        table(
            "Tuesday, 03 February 2026 12:49 PM EST => 2026-02-03T12:49:00-05:00
            Tue Feb 03 09:13:00 UTC 2026 => 2026-02-03T09:13:00Z
            Tue, 03 Feb 2026 09:13:00 GMT => 2026-02-03T09:13:00Z
            Tue, 03 Feb 2026 09:13:00 +0000 => 2026-02-03T09:13:00Z
            Tue, 03 Feb 2026 09:13:00 -0000 => 2026-02-03T09:13:00
            Feb. 3, 2026 9:13 a.m. => 2026-02-03T09:13:00
            Feb. 3, 2026, 11 a.m. PDT => 2026-02-03T11:00:00-07:00
            Feb 3, 2026 at 12 AM => 2026-02-03T00:00:00
            Feb 3, 2026 at 12 PM CEST => 2026-02-03T12:00:00+02:00
            3 Feb 2026 14:05 BST => 2026-02-03T14:05:00+01:00
            3 Feb 2026 14:05 CET => 2026-02-03T14:05:00+01:00
            3 Feb 2026 14:05 GMT+1 => 2026-02-03T14:05:00+01:00
            February 3, 2026 5:30 PM ET => 2026-02-03T17:30:00
            February 3, 2026 5:30 PM IST => 2026-02-03T17:30:00
            12:49 PM EST, Tuesday, February 3, 2026 => 2026-02-03T12:49:00-05:00
            Feb 3, 2026 | 7:02 pm CST => 2026-02-03T19:02:00-06:00
            Feb 3, 2026 7:02 pm MDT => 2026-02-03T19:02:00-06:00
            Feb 3, 2026 25:61 => -
            Feb 3, 2026 13:00 PM => -",
            parse_date,
        );
    }

    #[test]
    fn iso_and_numeric() {
        table(
            "2026-02-03 => 2026-02-03
            2018-04-05T06:00 => 2018-04-05T06:00:00
            2021-11-01T10:52:50+0100 => 2021-11-01T10:52:50+01:00
            2015-07-24T05:36:09+01:00 => 2015-07-24T05:36:09+01:00
            2020-01-02T03:04:05Z => 2020-01-02T03:04:05Z
            2020-01-02T03:04:05.123Z => 2020-01-02T03:04:05Z
            2020-01-02 03:04:05-08:00 => 2020-01-02T03:04:05-08:00
            2026/02/03 => 2026-02-03
            25/12/2025 => 2025-12-25
            12/25/2025 => 2025-12-25
            25.12.2025 => 2025-12-25
            03/03/2026 => 2026-03-03",
            parse_date,
        );
    }

    #[test]
    fn refuses_to_guess() {
        table(
            "03/02/2026 => -
            03.02.2026 => -
            2026-49-03 => -
            February 30, 2026 => -
            31/02/2026 => -
            550 => -
            May => -
            in May => -
            May 3 => -
            February 2026 => -
            Trump, Colombia's Petro Meeting Tuesday at WH => -
            3 Feb 1850 => -
            Jan 1, 2101 => -
            03/02/26 => -
            2026-02/03 => -
            By Jane Doe, Feb 3, 2026 => -",
            parse_date,
        );
        assert_eq!(parse_date(""), None);
        assert_eq!(find_date("on 03/02/2026 and 2026-49-03"), None);
    }

    #[test]
    fn leading_and_trailing_words() {
        table(
            "Published February 3, 2026 => 2026-02-03
            Updated: Feb 3, 2026 => 2026-02-03
            Posted on 3 Feb 2026 => 2026-02-03
            on Feb 3, 2026 => 2026-02-03
            Last updated Feb 3, 2026. => 2026-02-03
            Published: Feb 3, 2026 (updated 5:30 pm) => 2026-02-03
            Published Feb 2, 2026 | Updated Feb 3, 2026 => 2026-02-02
            Updated: February 3, 2026 5:30 pm => 2026-02-03T17:30:00",
            parse_date,
        );
    }

    #[test]
    fn find_in_text() {
        let f = |s: &str| find_date(s).map(|(iso, r)| format!("{iso} @ {}", &s[r]));
        let s = "global Emerging Market business newsFEBRUARY 4, 2026";
        assert_eq!(find_date(s), Some(("2026-02-04".into(), 36..52)));
        table(
            "Tue Feb 03 09:13:00 UTC 2026: # Trump and Petro => 2026-02-03T09:13:00Z @ Tue Feb 03 09:13:00 UTC 2026
            WASHINGTON, Feb. 3, 2026 (Reuters) - Text => 2026-02-03 @ Feb. 3, 2026
            The meeting is scheduled for February 3, 2026, in Washington D.C. => 2026-02-03 @ February 3, 2026
            first 2026-49-03 then 5 March 2026 => 2026-03-05 @ 5 March 2026
            February 3, 2026, 10 people died => 2026-02-03 @ February 3, 2026
            Café – 3 févr. and Feb 3, 2026 at 9:13 a.m. EST ok => 2026-02-03T09:13:00-05:00 @ Feb 3, 2026 at 9:13 a.m. EST
            at 5:30 IN Feb 3, 2026 12:00 IN DC => 2026-02-03T12:00:00 @ Feb 3, 2026 12:00
            dismay 3, 2026 => -
            grammar 3 2026 => -
            id 12026-02-03 => -
            v1.2026-02-03 => -
            2026-02-031 => -
            Sunshine => -",
            f,
        );
    }

    #[test]
    fn date_lines() {
        table(
            "February 3, 2026 => true
            Tuesday, 03 February 2026 12:49 PM EST => true
            — Feb 3, 2026 — => true
            03/02/2026 => true
            Updated: February 3, 2026 5:30 pm => true
            Tue Feb 03 09:13:00 UTC 2026 => true
            Published Feb 3, 2026 · Updated 2 hours ago => true
            The meeting is scheduled for February 3, 2026. => false
            2026-49-03 => false
            WASHINGTON, Feb. 3, 2026 (Reuters) — => false
            May => false
            Posted on February 3, 2026 by John => false",
            |s| Some(is_date_line(s).to_string()),
        );
        assert!(is_date_line("  Feb 3, 2026\t") && !is_date_line(""));
    }

    #[test]
    fn odd_input_never_panics() {
        let long = "Feb 3, 2026 é🙂 12:".repeat(600);
        let big = ["1".repeat(10_000), "a".repeat(10_000), long];
        let odd = "\n\u{0}\n🙂\n🙂Feb 3, 2026🙂\nFeb 3,🙂2026\n12:49 PM\n:\n-0000\nZ\nT\n2026-02-03T\n\
            3 Feb 2026 99:99 +9999\né12:30 pm, Feb 3, 2026\n3 Feb 2026 1:00 UTC+99\n3 Feb 2026 1:00 -99999";
        for s in odd.split('\n').chain(big.iter().map(String::as_str)) {
            let _ = (parse_date(s), is_date_line(s));
            if let Some((_, r)) = find_date(s) {
                assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
            }
        }
        assert_eq!(parse_date("🙂Feb 3, 2026🙂").as_deref(), Some("2026-02-03"));
    }
}
