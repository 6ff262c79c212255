//! Dates (with the weekday the text gives them), periods, times and time
//! ranges, deadlines on a date or counted in days, and durations.

use std::sync::OnceLock;

use regex::{Captures, Regex};

use super::{Date, Fact, FactKind, Role, Time, TimeUnit, Unit, Value, Weekday};
use crate::text::Span;

/// Short month names; the full ones are [`super::kind::MONTH_NAMES`].
const SHORT_MONTHS: [(&str, u32); 12] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("okt", 10),
    ("nov", 11),
    ("dec", 12),
];

const MONTH_RE: &str = r"januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept\.|sep\.|okt\.|nov\.|dec\.";
const NUMBER_WORDS: &str = "en|et|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|fjorten|tyve";
const UNITS: &str = "hverdage|hverdag|dage|dag|uger|uge|måneder|måned|år|timer|time";

struct Patterns {
    date_text: Regex,
    date_num: Regex,
    date_short_year: Regex,
    date_slash: Regex,
    date_iso: Regex,
    weekday: Regex,
    time_kl: Regex,
    time_range: Regex,
    time_kl_range: Regex,
    deadline_date: Regex,
    deadline_span: Regex,
    duration: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        // Word boundaries are ASCII (`(?-u:\b)`) so the fast DFA engines
        // can run on Danish text; `extract` checks the Unicode boundary
        // (æ, ø, å are letters) of every match itself.
        let re = |s: &str| Regex::new(s).expect("date pattern compiles");
        let date_any = format!(
            r"(?:\d{{1,2}}\.\s*(?:{MONTH_RE})(?:\s+\d{{4}})?|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}}|\d{{2}}\.\d{{2}}\.\d{{2}}|\d{{1,2}}/\d{{1,2}}(?:[- ]\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})"
        );
        Patterns {
            date_text: re(&format!(
                r"(?i)(?-u:\b)(\d{{1,2}})\.\s*({MONTH_RE})(?:\s+(\d{{4}}))?"
            )),
            date_num: re(r"(?-u:\b)(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?-u:\b)"),
            date_short_year: re(r"(?-u:\b)(\d{2})\.(\d{2})\.(\d{2})(?-u:\b)"),
            date_slash: re(r"(?-u:\b)(\d{1,2})/(\d{1,2})(?:[- ](\d{4}))?(?-u:\b)"),
            date_iso: re(r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?-u:\b)"),
            weekday: re(
                r"(?i)(?-u:\b)(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)(?:\s+(?:den\s+)?|\s*d\.\s*)$",
            ),
            time_kl: re(r"(?i)(?-u:\b)(?:kl\.|klokken)\s*(\d{1,2})(?:[.:](\d{2}))?(?-u:\b)"),
            time_range: re(
                r"(?-u:\b)(\d{1,2})[.:](\d{2})\s*(?:[-–]|til|og)\s*(?:kl\.\s*|klokken\s*)?(\d{1,2})[.:](\d{2})(?-u:\b)",
            ),
            time_kl_range: re(
                r"(?i)(?-u:\b)(?:kl\.|klokken)\s*(\d{1,2})(?:[.:](\d{2}))?\s*(?:[-–]|til|og)\s*(?:kl\.\s*|klokken\s*)?(\d{1,2})(?:[.:](\d{2}))?(?-u:\b)",
            ),
            deadline_date: re(&format!(
                r"(?i)(?-u:\b)(?:senest|inden for|inden|før)\s+(?:den\s+|d\.\s*)?(?:(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\s+(?:den\s+|d\.\s*)?)?({date_any})"
            )),
            deadline_span: re(&format!(
                r"(?i)(?-u:\b)(?:senest|inden for|inden|indenfor)\s+(\d+|{NUMBER_WORDS})\s+({UNITS})(?-u:\b)"
            )),
            duration: re(&format!(
                r"(?i)(?-u:\b)(\d+|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|fjorten|tyve)\s+({UNITS})(?-u:\b)"
            )),
        }
    })
}

fn cap<'t>(c: &Captures<'t>, i: usize) -> Option<&'t str> {
    c.get(i).map(|m| m.as_str())
}

fn date(year: Option<i32>, month: Option<&str>, day: Option<&str>) -> Option<Date> {
    let month: u32 = month?.parse().ok()?;
    let day: u32 = day?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date { year, month, day })
}

fn text_date(c: &Captures<'_>) -> Option<Date> {
    let name = cap(c, 2)?.to_lowercase();
    let name = name.trim_end_matches('.');
    let month = super::kind::MONTH_NAMES
        .iter()
        .position(|n| *n == name)
        .map(|i| i as u32 + 1)
        .or_else(|| {
            SHORT_MONTHS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, m)| *m)
        })?;
    let year = cap(c, 3).and_then(|y| y.parse().ok());
    date(year, Some(&month.to_string()), cap(c, 1))
}

/// Every date in `text` (not yet periods or roles).
pub(super) fn dates(text: &str, out: &mut Vec<Fact>) {
    let p = patterns();
    let mut push = |start: usize, end: usize, d: Date| {
        let mut f = Fact::new(
            FactKind::Date,
            Span::new(start, end),
            &text[start..end],
            Value::Date(d),
        );
        let from = super::boundary_after(text, start.saturating_sub(20));
        if let Some(w) = p
            .weekday
            .captures(&text[from..start])
            .and_then(|c| c.get(1))
        {
            f.weekday = Weekday::parse(w.as_str());
        }
        out.push(f);
    };
    for c in p.date_text.captures_iter(text) {
        if let (Some(d), Some(m)) = (text_date(&c), c.get(0)) {
            push(m.start(), m.end(), d);
        }
    }
    for c in p.date_num.captures_iter(text) {
        let year = cap(&c, 3).and_then(|y| y.parse().ok());
        if let (Some(d), Some(m)) = (date(year, cap(&c, 2), cap(&c, 1)), c.get(0)) {
            push(m.start(), m.end(), d);
        }
    }
    for c in p.date_short_year.captures_iter(text) {
        // »01.09.04«: two-digit years are this century up to 69.
        let year = cap(&c, 3)
            .and_then(|y| y.parse::<i32>().ok())
            .map(|y| if y < 70 { 2000 + y } else { 1900 + y });
        if let (Some(d), Some(m)) = (date(year, cap(&c, 2), cap(&c, 1)), c.get(0)) {
            push(m.start(), m.end(), d);
        }
    }
    for c in p.date_slash.captures_iter(text) {
        let year = cap(&c, 3).and_then(|y| y.parse().ok());
        if let (Some(d), Some(m)) = (date(year, cap(&c, 2), cap(&c, 1)), c.get(0)) {
            push(m.start(), m.end(), d);
        }
    }
    for c in p.date_iso.captures_iter(text) {
        let year = cap(&c, 1).and_then(|y| y.parse().ok());
        if let (Some(d), Some(m)) = (date(year, cap(&c, 2), cap(&c, 3)), c.get(0)) {
            push(m.start(), m.end(), d);
        }
    }
}

/// Two dates joined by a dash or »til (og med)« are a period; its dates
/// get the roles start and end. `facts` must be sorted by position.
pub(super) fn periods(text: &str, facts: &mut [Fact]) -> Vec<Fact> {
    let dates: Vec<usize> = (0..facts.len())
        .filter(|&i| facts[i].kind == FactKind::Date)
        .collect();
    let mut out = Vec::new();
    for pair in dates.windows(2) {
        let (a, b) = (&facts[pair[0]], &facts[pair[1]]);
        if a.span.end > b.span.start {
            continue;
        }
        let between = text[a.span.end..b.span.start].trim().to_lowercase();
        let joined = matches!(
            between.as_str(),
            "-" | "–" | "til" | "til og med" | "- til" | "til den" | "til og med den" | "-til"
        );
        let (Some(da), Some(db)) = (a.date(), b.date()) else {
            continue;
        };
        if !joined {
            continue;
        }
        // »1. marts til 31. maj 2026«: the start takes the end's year.
        let da = Date {
            year: da.year.or(db.year),
            ..da
        };
        let span = Span::new(a.span.start, b.span.end);
        out.push(Fact::new(
            FactKind::Period,
            span,
            &text[span.start..span.end],
            Value::Period(da, db),
        ));
        facts[pair[0]].role = Role::PeriodStart;
        facts[pair[1]].role = Role::PeriodEnd;
    }
    out
}

fn hm(hour: Option<&str>, minute: Option<&str>) -> Option<Time> {
    let hour: u32 = hour?.parse().ok()?;
    let minute: u32 = minute.unwrap_or("00").parse().ok()?;
    (hour <= 24 && minute < 60).then_some(Time { hour, minute })
}

pub(super) fn times(text: &str, out: &mut Vec<Fact>) {
    let p = patterns();
    // Ranges first, so a single »kl. 8« inside »kl. 8-14« is dropped as
    // the smaller of two facts in one place.
    for re in [&p.time_kl_range, &p.time_range] {
        for c in re.captures_iter(text) {
            let (Some(m), Some(h1), Some(h2)) = (c.get(0), c.get(1), c.get(3)) else {
                continue;
            };
            let (Some(a), Some(b)) = (hm(cap(&c, 1), cap(&c, 2)), hm(cap(&c, 3), cap(&c, 4)))
            else {
                continue;
            };
            if a >= b {
                continue;
            }
            let first_end = c.get(2).map_or(h1.end(), |x| x.end());
            // »til kl. 10.45«: the second time's own »kl.« is part of it.
            let pre = text[m.start()..h2.start()].to_lowercase();
            let own = ["klokken ", "kl. ", "kl."]
                .iter()
                .find(|k| pre.ends_with(*k))
                .map_or(0, |k| k.len());
            let h2_start = h2.start() - own;
            let second_end = c.get(4).map_or(h2.end(), |x| x.end());
            for (start, end, t, unit) in [
                (m.start(), first_end, a, Unit::From),
                (h2_start, second_end, b, Unit::To),
            ] {
                let mut f = Fact::new(
                    FactKind::Time,
                    Span::new(start, end),
                    &text[start..end],
                    Value::Time(t),
                );
                f.unit = Some(unit);
                out.push(f);
            }
        }
    }
    for c in p.time_kl.captures_iter(text) {
        if let (Some(t), Some(m)) = (hm(cap(&c, 1), cap(&c, 2)), c.get(0)) {
            out.push(Fact::new(
                FactKind::Time,
                Span::new(m.start(), m.end()),
                m.as_str(),
                Value::Time(t),
            ));
        }
    }
}

fn number_word(n: &str) -> Option<u32> {
    Some(match n.to_lowercase().as_str() {
        "en" | "et" => 1,
        "to" => 2,
        "tre" => 3,
        "fire" => 4,
        "fem" => 5,
        "seks" => 6,
        "syv" => 7,
        "otte" => 8,
        "ni" => 9,
        "ti" => 10,
        "elleve" => 11,
        "tolv" => 12,
        "fjorten" => 14,
        "tyve" => 20,
        other => other.parse().ok()?,
    })
}

fn unit(u: &str) -> TimeUnit {
    match u.to_lowercase().as_str() {
        "hverdag" | "hverdage" => TimeUnit::Hverdage,
        "dag" | "dage" => TimeUnit::Dage,
        "uge" | "uger" => TimeUnit::Uger,
        "time" | "timer" => TimeUnit::Timer,
        "år" => TimeUnit::Aar,
        _ => TimeUnit::Maaneder,
    }
}

pub(super) fn deadlines(text: &str, out: &mut Vec<Fact>) {
    let p = patterns();
    for c in p.deadline_date.captures_iter(text) {
        let (Some(m), Some(d)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let mut inner = Vec::new();
        dates(d.as_str(), &mut inner);
        if let Some(date) = inner.iter().filter_map(Fact::date).next() {
            let mut f = Fact::new(
                FactKind::Deadline,
                Span::new(m.start(), m.end()),
                m.as_str(),
                Value::DeadlineDate(date),
            );
            let lower = m.as_str().to_lowercase();
            f.weekday = [
                "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
            ]
            .iter()
            .find(|w| lower.contains(*w))
            .and_then(|w| Weekday::parse(w));
            out.push(f);
        }
    }
    for c in p.deadline_span.captures_iter(text) {
        let (Some(m), Some(n), Some(u)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        if let Some(n) = number_word(n.as_str()) {
            out.push(Fact::new(
                FactKind::Deadline,
                Span::new(m.start(), m.end()),
                m.as_str(),
                Value::DeadlineRelative(n, unit(u.as_str())),
            ));
        }
    }
}

pub(super) fn durations(text: &str, out: &mut Vec<Fact>) {
    for c in patterns().duration.captures_iter(text) {
        let (Some(m), Some(n), Some(u)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        if let Some(n) = number_word(n.as_str()) {
            out.push(Fact::new(
                FactKind::Duration,
                Span::new(m.start(), m.end()),
                m.as_str(),
                Value::Duration(n, unit(u.as_str())),
            ));
        }
    }
}
