//! Finding facts: one regular expression per spelling of each kind, run
//! over the text, every match checked against Unicode word boundaries and
//! normalized into one value (»03.03.2026« and »3. marts 2026« both become
//! `2026-03-03`). Overlapping matches are resolved in `finish`.

use std::sync::OnceLock;

use regex::{Captures, Regex};

use super::{Fact, FactKind};
use crate::text::Span;

const MONTHS: [(&str, u32); 24] = [
    ("januar", 1),
    ("februar", 2),
    ("marts", 3),
    ("april", 4),
    ("maj", 5),
    ("juni", 6),
    ("juli", 7),
    ("august", 8),
    ("september", 9),
    ("oktober", 10),
    ("november", 11),
    ("december", 12),
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

struct Patterns {
    date_text: Regex,
    date_num: Regex,
    date_slash: Regex,
    date_iso: Regex,
    time_kl: Regex,
    time_range: Regex,
    time_pair: Regex,
    amount: Regex,
    legal: Regex,
    bek: Regex,
    deadline_date: Regex,
    deadline_span: Regex,
    phone: Regex,
    email: Regex,
    url: Regex,
    cpr: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        // Word boundaries are ASCII (`(?-u:\b)`) so the fast DFA engines
        // can run on Danish text; `extract` checks the Unicode boundary
        // (æ, ø, å are letters) of every match itself.
        let re = |s: &str| Regex::new(s).expect("fact pattern compiles");
        let date_text = format!(r"(?i)(?-u:\b)(\d{{1,2}})\.\s*({MONTH_RE})(?:\s+(\d{{4}}))?");
        let date_any = format!(
            r"(?:\d{{1,2}}\.\s*(?:{MONTH_RE})(?:\s+\d{{4}})?|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}}|\d{{1,2}}/\d{{1,2}}(?:[- ]\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})"
        );
        let number = r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2})?";
        Patterns {
            date_text: re(&date_text),
            date_num: re(r"(?-u:\b)(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?-u:\b)"),
            date_slash: re(r"(?-u:\b)(\d{1,2})/(\d{1,2})(?:[- ](\d{4}))?(?-u:\b)"),
            date_iso: re(r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?-u:\b)"),
            time_kl: re(r"(?i)(?-u:\b)(?:kl\.|klokken)\s*(\d{1,2})(?:[.:](\d{2}))?(?-u:\b)"),
            time_range: re(r"(?-u:\b)(\d{1,2})[.:](\d{2})\s*[-–]\s*(\d{1,2})[.:](\d{2})(?-u:\b)"),
            time_pair: re(
                r"(?i)(?-u:\b)(?:kl\.|klokken)\s*\d{1,2}(?:[.:]\d{2})?\s+(?:til|og)\s+(\d{1,2})[.:](\d{2})(?-u:\b)",
            ),
            amount: re(&format!(
                r"(?i)(?:(?-u:\b)(?:kr\.|kr(?-u:\b)|dkk(?-u:\b))\s*({number})(?:,-)?)|(?:(?-u:\b)({number})(?:,-)?\s*(?:kr\.|kr(?-u:\b)|kroner(?-u:\b)|dkk(?-u:\b)))"
            )),
            legal: re(
                r"(?i)§§?\s*\d+(?:\s*[a-z](?-u:\b))?(?:\s*[-–]\s*\d+(?:\s*[a-z](?-u:\b))?)?(?:,?\s*stk\.\s*\d+)?(?:,?\s*nr\.\s*\d+)?",
            ),
            bek: re(r"(?i)(?-u:\b)(?:bek\.?|bekendtgørelse)\s+nr\.\s*(\d+)"),
            deadline_date: re(&format!(
                r"(?i)(?-u:\b)(?:senest|inden for|inden|før)\s+(?:den\s+)?(?:(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\s+(?:den\s+)?)?({date_any})"
            )),
            deadline_span: re(
                r"(?i)(?-u:\b)(?:senest|inden for|inden)\s+(\d+|en|et|to|tre|fire|fem|seks|otte|fjorten)\s+(hverdage|hverdag|dage|dag|uger|uge|måneder|måned)(?-u:\b)",
            ),
            phone: re(r"(?:\+45\s?|0045\s?)?(?-u:\b)(\d{2}\s\d{2}\s\d{2}\s\d{2}|\d{4}\s\d{4}|\d{8})(?-u:\b)"),
            email: re(r"(?-u:\b)[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?-u:\b)"),
            url: re(r#"(?-u:\b)(?:https?://|www\.)[^\s<>()»«"]+"#),
            cpr: re(r"(?-u:\b)(\d{2})(\d{2})(\d{2})-(\d{4})(?-u:\b)"),
        }
    })
}

/// Every fact in `text`, in text order. `skip` lists byte ranges that are
/// not the letter's text (front matter, template tags).
pub fn extract(text: &str, skip: &[std::ops::Range<usize>]) -> Vec<Fact> {
    let p = patterns();
    let mut facts = Vec::new();
    let mut push = |kind: FactKind, start: usize, end: usize, value: String| {
        if !on_word_boundary(text, start, end) {
            return;
        }
        facts.push(Fact {
            kind,
            span: Span::new(start, end),
            text: text[start..end].to_string(),
            value,
        });
    };
    for c in p.date_text.captures_iter(text) {
        if let Some(v) = text_date(&c) {
            let m = c.get(0).expect("match");
            push(FactKind::Date, m.start(), m.end(), v);
        }
    }
    // Numeric dates: (pattern, group of year, month, day).
    for (re, y, mo, d) in [
        (&p.date_num, 3, 2, 1),
        (&p.date_slash, 3, 2, 1),
        (&p.date_iso, 1, 2, 3),
    ] {
        for c in re.captures_iter(text) {
            if let Some(v) = ymd(cap(&c, y), cap(&c, mo), cap(&c, d)) {
                let m = c.get(0).expect("match");
                push(FactKind::Date, m.start(), m.end(), v);
            }
        }
    }
    for c in p.time_kl.captures_iter(text) {
        if let Some(v) = hm(cap(&c, 1), cap(&c, 2).or(Some("00"))) {
            let m = c.get(0).expect("match");
            push(FactKind::Time, m.start(), m.end(), v);
        }
    }
    for c in p.time_range.captures_iter(text) {
        for (h, mi) in [(1, 2), (3, 4)] {
            if let (Some(v), Some(a), Some(b)) = (hm(cap(&c, h), cap(&c, mi)), c.get(h), c.get(mi))
            {
                push(FactKind::Time, a.start(), b.end(), v);
            }
        }
    }
    // »klokken 10.00 til 10.45«: the second time has no »kl.« of its own.
    for c in p.time_pair.captures_iter(text) {
        if let (Some(v), Some(a), Some(b)) = (hm(cap(&c, 1), cap(&c, 2)), c.get(1), c.get(2)) {
            push(FactKind::Time, a.start(), b.end(), v);
        }
    }
    for c in p.amount.captures_iter(text) {
        let number = c.get(1).or_else(|| c.get(2)).map(|m| m.as_str());
        if let Some(v) = number.and_then(amount) {
            let m = c.get(0).expect("match");
            push(FactKind::Amount, m.start(), m.end(), v);
        }
    }
    for m in p.legal.find_iter(text) {
        let t = m.as_str().trim_end_matches([',', ' ']);
        push(FactKind::Legal, m.start(), m.start() + t.len(), legal(t));
    }
    for c in p.bek.captures_iter(text) {
        let m = c.get(0).expect("match");
        push(
            FactKind::Legal,
            m.start(),
            m.end(),
            format!("bek. nr. {}", cap(&c, 1).unwrap_or("")),
        );
    }
    for c in p.deadline_date.captures_iter(text) {
        let (Some(m), Some(d)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let inner = extract_dates(d.as_str());
        if let Some(date) = inner.first() {
            push(
                FactKind::Deadline,
                m.start(),
                m.end(),
                format!("frist {}", date),
            );
        }
    }
    for c in p.deadline_span.captures_iter(text) {
        let (Some(m), Some(n), Some(unit)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let n = number_word(n.as_str());
        push(
            FactKind::Deadline,
            m.start(),
            m.end(),
            format!("frist {n} {}", unit_stem(unit.as_str())),
        );
    }
    for c in p.phone.captures_iter(text) {
        let (Some(m), Some(d)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let digits: String = d.as_str().chars().filter(char::is_ascii_digit).collect();
        push(FactKind::Phone, m.start(), m.end(), digits);
    }
    for m in p.email.find_iter(text) {
        push(
            FactKind::Email,
            m.start(),
            m.end(),
            m.as_str().to_lowercase(),
        );
    }
    for m in p.url.find_iter(text) {
        let t = m
            .as_str()
            .trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
        let value = t
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_start_matches("www.")
            .trim_end_matches('/')
            .to_lowercase();
        push(FactKind::Url, m.start(), m.start() + t.len(), value);
    }
    for c in p.cpr.captures_iter(text) {
        let (Some(d), Some(mo)) = (cap(&c, 1), cap(&c, 2)) else {
            continue;
        };
        let (d, mo): (u32, u32) = (d.parse().unwrap_or(0), mo.parse().unwrap_or(0));
        if (1..=31).contains(&d) && (1..=12).contains(&mo) {
            let m = c.get(0).expect("match");
            push(FactKind::Cpr, m.start(), m.end(), m.as_str().to_string());
        }
    }
    finish(facts, skip)
}

/// A match that begins or ends with a letter or digit must not continue a
/// word: »5 kr« is an amount, »5 kræver« is not.
fn on_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let inner = &text[start..end];
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let starts_word = inner.chars().next().is_some_and(char::is_alphanumeric);
    let ends_word = inner.chars().next_back().is_some_and(char::is_alphanumeric);
    let joins_before = starts_word && before.is_some_and(char::is_alphanumeric);
    let joins_after = ends_word && after.is_some_and(char::is_alphanumeric);
    !joins_before && !joins_after
}

/// Sorts, drops facts in skipped ranges, and of two facts of one kind where
/// one lies inside the other keeps the larger. A CPR number is not also a
/// phone number or a date.
fn finish(mut facts: Vec<Fact>, skip: &[std::ops::Range<usize>]) -> Vec<Fact> {
    facts.retain(|f| {
        !skip
            .iter()
            .any(|r| f.span.start < r.end && r.start < f.span.end)
    });
    facts.sort_by(|a, b| {
        (a.span.start, std::cmp::Reverse(a.span.end), a.kind).cmp(&(
            b.span.start,
            std::cmp::Reverse(b.span.end),
            b.kind,
        ))
    });
    let cprs: Vec<Span> = facts
        .iter()
        .filter(|f| f.kind == FactKind::Cpr)
        .map(|f| f.span)
        .collect();
    let mut out: Vec<Fact> = Vec::with_capacity(facts.len());
    for f in facts {
        let inside_same_kind =
            out.iter().rev().take(8).any(|o| {
                o.kind == f.kind && o.span.start <= f.span.start && f.span.end <= o.span.end
            });
        let inside_cpr = f.kind != FactKind::Cpr
            && cprs
                .iter()
                .any(|c| c.start <= f.span.start && f.span.end <= c.end);
        if !inside_same_kind && !inside_cpr {
            out.push(f);
        }
    }
    out
}

/// The dates in a short text, normalized (used inside deadlines).
fn extract_dates(text: &str) -> Vec<String> {
    extract(text, &[])
        .into_iter()
        .filter(|f| f.kind == FactKind::Date)
        .map(|f| f.value)
        .collect()
}

fn cap<'t>(c: &Captures<'t>, i: usize) -> Option<&'t str> {
    c.get(i).map(|m| m.as_str())
}

fn text_date(c: &Captures<'_>) -> Option<String> {
    let day = cap(c, 1)?;
    let name = cap(c, 2)?.to_lowercase();
    let name = name.trim_end_matches('.');
    let month = MONTHS.iter().find(|(n, _)| *n == name)?.1;
    ymd(cap(c, 3), Some(&month.to_string()), Some(day))
}

fn ymd(year: Option<&str>, month: Option<&str>, day: Option<&str>) -> Option<String> {
    let month: u32 = month?.parse().ok()?;
    let day: u32 = day?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(match year {
        Some(y) => format!("{y}-{month:02}-{day:02}"),
        None => format!("--{month:02}-{day:02}"),
    })
}

fn hm(hour: Option<&str>, minute: Option<&str>) -> Option<String> {
    let h: u32 = hour?.parse().ok()?;
    let m: u32 = minute?.parse().ok()?;
    (h <= 24 && m < 60).then(|| format!("{h:02}:{m:02}"))
}

/// »1.234,50« → `1234.50 kr`.
fn amount(number: &str) -> Option<String> {
    let plain = number.replace('.', "");
    let (kroner, oere) = match plain.split_once(',') {
        Some((k, o)) => (k, format!("{o:0<2}")),
        None => (plain.as_str(), "00".to_string()),
    };
    let kroner: u64 = kroner.parse().ok()?;
    Some(format!("{kroner}.{oere} kr"))
}

/// A legal reference in one spelling: `§ 13, stk. 7, nr. 3`, `§§ 35-40 a`.
fn legal(text: &str) -> String {
    let words: Vec<String> = text
        .replace('–', "-")
        .replace(',', " ")
        .replace('-', " - ")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut out = String::new();
    for w in &words {
        let glue = out.is_empty() || out.ends_with('-') || w == "-";
        if !glue {
            out.push_str(if w == "stk." || w == "nr." { ", " } else { " " });
        }
        match w.strip_prefix("§§").or_else(|| w.strip_prefix('§')) {
            // »§13« → »§ 13«
            Some(rest) if !rest.is_empty() => {
                out.push_str(&w[..w.len() - rest.len()]);
                out.push(' ');
                out.push_str(rest);
            }
            _ => out.push_str(w),
        }
    }
    out
}

fn number_word(n: &str) -> String {
    match n.to_lowercase().as_str() {
        "en" | "et" => "1".into(),
        "to" => "2".into(),
        "tre" => "3".into(),
        "fire" => "4".into(),
        "fem" => "5".into(),
        "seks" => "6".into(),
        "otte" => "8".into(),
        "fjorten" => "14".into(),
        other => other.to_string(),
    }
}

fn unit_stem(unit: &str) -> &'static str {
    match unit.to_lowercase().as_str() {
        "hverdag" | "hverdage" => "hverdage",
        "dag" | "dage" => "dage",
        "uge" | "uger" => "uger",
        _ => "måneder",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(FactKind, String)> {
        extract(text, &[])
            .into_iter()
            .map(|f| (f.kind, f.value))
            .collect()
    }

    fn of_kind(text: &str, kind: FactKind) -> Vec<String> {
        extract(text, &[])
            .into_iter()
            .filter(|f| f.kind == kind)
            .map(|f| f.value)
            .collect()
    }

    #[test]
    fn dates_in_every_danish_spelling_are_one_value() {
        for text in [
            "Mødet er 3. marts 2026.",
            "Mødet er den 3. marts 2026.",
            "Mødet er mandag den 3. marts 2026.",
            "Mødet er 03.03.2026.",
            "Mødet er 3/3-2026.",
            "Mødet er 2026-03-03.",
            "Mødet er 3. mar. 2026.",
        ] {
            assert_eq!(of_kind(text, FactKind::Date), ["2026-03-03"], "{text}");
        }
        assert_eq!(of_kind("den 3. marts", FactKind::Date), ["--03-03"]);
        assert!(of_kind("lokale 2.14 og 45. marts", FactKind::Date).is_empty());
    }

    #[test]
    fn times() {
        assert_eq!(of_kind("kl. 10", FactKind::Time), ["10:00"]);
        assert_eq!(of_kind("kl. 10.00", FactKind::Time), ["10:00"]);
        assert_eq!(of_kind("klokken 10:30", FactKind::Time), ["10:30"]);
        assert_eq!(
            of_kind("mellem 10.00–11.00", FactKind::Time),
            ["10:00", "11:00"]
        );
        assert_eq!(
            of_kind("fra kl. 10.00 til kl. 10.45", FactKind::Time),
            ["10:00", "10:45"]
        );
        assert_eq!(
            of_kind("kl. 9.00-12.00", FactKind::Time),
            ["09:00", "12:00"]
        );
    }

    #[test]
    fn amounts() {
        assert_eq!(
            of_kind("1.234,50 kr. om dagen", FactKind::Amount),
            ["1234.50 kr"]
        );
        assert_eq!(of_kind("kr. 1.234", FactKind::Amount), ["1234.00 kr"]);
        assert_eq!(of_kind("1234 kr", FactKind::Amount), ["1234.00 kr"]);
        assert_eq!(of_kind("DKK 450,5", FactKind::Amount), ["450.50 kr"]);
        assert_eq!(of_kind("500,- kroner", FactKind::Amount), ["500.00 kr"]);
        assert!(of_kind("3 dage", FactKind::Amount).is_empty());
        assert!(of_kind("de 5 kræver", FactKind::Amount).is_empty());
        assert!(of_kind("år2026-03-03", FactKind::Date).is_empty());
    }

    #[test]
    fn legal_references() {
        assert_eq!(
            of_kind("jf. § 13, stk. 7, nr. 3.", FactKind::Legal),
            ["§ 13, stk. 7, nr. 3"]
        );
        assert_eq!(of_kind("§13 stk. 7", FactKind::Legal), ["§ 13, stk. 7"]);
        assert_eq!(
            of_kind("§§ 35-40 a og §§ 22–25", FactKind::Legal),
            ["§§ 35-40 a", "§§ 22-25"]
        );
        assert_eq!(of_kind("forvaltningsloven § 19", FactKind::Legal), ["§ 19"]);
        assert_eq!(of_kind("§ 36 og § 37", FactKind::Legal), ["§ 36", "§ 37"]);
        assert_eq!(
            of_kind("BEK nr. 1216 af 28.09.2023", FactKind::Legal),
            ["bek. nr. 1216"]
        );
    }

    #[test]
    fn deadlines() {
        assert_eq!(
            of_kind("Send dem senest den 14. april 2026.", FactKind::Deadline),
            ["frist 2026-04-14"]
        );
        assert_eq!(
            of_kind("inden 4 uger", FactKind::Deadline),
            ["frist 4 uger"]
        );
        assert_eq!(
            of_kind("inden for fire uger", FactKind::Deadline),
            ["frist 4 uger"]
        );
        assert_eq!(
            of_kind("inden 14 dage", FactKind::Deadline),
            ["frist 14 dage"]
        );
        assert_eq!(
            of_kind("senest fredag den 14/4", FactKind::Deadline),
            ["frist --04-14"]
        );
    }

    #[test]
    fn phones_emails_urls_cpr() {
        assert_eq!(of_kind("ring 72 36 00 00", FactKind::Phone), ["72360000"]);
        assert_eq!(of_kind("ring +45 72360000", FactKind::Phone), ["72360000"]);
        assert_eq!(of_kind("ring 7236 0000", FactKind::Phone), ["72360000"]);
        assert_eq!(
            of_kind("skriv til Jobcenter@Havnby.dk.", FactKind::Email),
            ["jobcenter@havnby.dk"]
        );
        assert_eq!(
            of_kind("se https://www.borger.dk/klage.", FactKind::Url),
            ["borger.dk/klage"]
        );
        assert_eq!(of_kind("cpr 010190-1234", FactKind::Cpr), ["010190-1234"]);
        assert!(of_kind("sag 2026-004512 og 451290-1234", FactKind::Cpr).is_empty());
        // A CPR number is not also a phone number.
        assert!(of_kind("010190-1234", FactKind::Phone).is_empty());
    }

    #[test]
    fn look_alikes_are_not_facts() {
        // A version number, »kl.« without a time, a CPR-like number whose
        // date cannot exist, a room number, a case number.
        for text in [
            "Programmet er version 1.2.3.",
            "Kom i god tid, kl. er ikke aftalt.",
            "Nummeret 321390-1234 er ikke et cpr-nummer.",
            "Mødet er i lokale 2.14.",
            "Sagsnummer 2026-004512.",
        ] {
            assert_eq!(values(text), [], "{text}");
        }
    }

    #[test]
    fn skipped_ranges_have_no_facts() {
        let text = "---\ndato: 3. marts 2026\n---\nHej";
        let front_matter = 0..27;
        assert!(extract(text, std::slice::from_ref(&front_matter)).is_empty());
        assert_eq!(values("3. marts 2026").len(), 1);
    }
}
