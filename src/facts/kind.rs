//! What a fact is: its kind, its typed value, its unit or qualifier, and
//! the role its sentence gives it — where it stands, as written.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::text::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FactKind {
    Date,
    Time,
    Period,
    Amount,
    Percent,
    Duration,
    Legal,
    Deadline,
    Case,
    Phone,
    Email,
    Url,
    Address,
    Authority,
    Caseworker,
    Cpr,
}

pub const ALL_KINDS: [FactKind; 16] = [
    FactKind::Date,
    FactKind::Time,
    FactKind::Period,
    FactKind::Amount,
    FactKind::Percent,
    FactKind::Duration,
    FactKind::Legal,
    FactKind::Deadline,
    FactKind::Case,
    FactKind::Phone,
    FactKind::Email,
    FactKind::Url,
    FactKind::Address,
    FactKind::Authority,
    FactKind::Caseworker,
    FactKind::Cpr,
];

impl FactKind {
    /// The Danish name shown to readers.
    pub fn danish(self) -> &'static str {
        match self {
            FactKind::Date => "dato",
            FactKind::Time => "tidspunkt",
            FactKind::Period => "periode",
            FactKind::Amount => "beløb",
            FactKind::Percent => "procentsats",
            FactKind::Duration => "varighed",
            FactKind::Legal => "lovhenvisning",
            FactKind::Deadline => "frist",
            FactKind::Case => "sagsnummer",
            FactKind::Phone => "telefonnummer",
            FactKind::Email => "e-mail",
            FactKind::Url => "webadresse",
            FactKind::Address => "adresse",
            FactKind::Authority => "myndighed",
            FactKind::Caseworker => "sagsbehandler",
            FactKind::Cpr => "cpr-nummer",
        }
    }

    /// The name in templates, JSON and `--drop-fact`.
    pub fn name(self) -> &'static str {
        match self {
            FactKind::Date => "date",
            FactKind::Time => "time",
            FactKind::Period => "period",
            FactKind::Amount => "amount",
            FactKind::Percent => "percent",
            FactKind::Duration => "duration",
            FactKind::Legal => "legal",
            FactKind::Deadline => "deadline",
            FactKind::Case => "case",
            FactKind::Phone => "phone",
            FactKind::Email => "email",
            FactKind::Url => "url",
            FactKind::Address => "address",
            FactKind::Authority => "authority",
            FactKind::Caseworker => "caseworker",
            FactKind::Cpr => "cpr",
        }
    }

    pub fn from_name(name: &str) -> Option<FactKind> {
        ALL_KINDS.into_iter().find(|k| k.name() == name)
    }
}

/// A calendar date; the year may be missing (»3. marts«).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// The same day: a date without a year is the same as any date on
    /// that day and month.
    pub fn same_day(self, other: Date) -> bool {
        self.month == other.month
            && self.day == other.day
            && (self.year.is_none() || other.year.is_none() || self.year == other.year)
    }

    /// The weekday of a date with a year (0 = Monday), by Zeller's rule.
    pub fn weekday(self) -> Option<Weekday> {
        let year = self.year?;
        let (m, y) = if self.month < 3 {
            (self.month as i32 + 12, year - 1)
        } else {
            (self.month as i32, year)
        };
        let (k, j) = (y.rem_euclid(100), y.div_euclid(100));
        let h = (self.day as i32 + (13 * (m + 1)) / 5 + k + k / 4 + j / 4 + 5 * j).rem_euclid(7);
        // h: 0 = Saturday … 6 = Friday.
        Some(Weekday::ALL[((h + 5) % 7) as usize])
    }

    /// A date `n` days later (the year must be known).
    pub fn plus_days(self, n: i64) -> Option<Date> {
        let year = self.year?;
        let mut days = days_from_civil(year, self.month, self.day) + n;
        let (y, m, d) = civil_from_days(&mut days);
        Some(Date {
            year: Some(y),
            month: m,
            day: d,
        })
    }
}

fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: &mut i64) -> (i32, u32, u32) {
    let z0 = *z + 719468;
    let era = z0.div_euclid(146097);
    let doe = z0 - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "--{:02}-{:02}", self.month, self.day),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mandag,
    Tirsdag,
    Onsdag,
    Torsdag,
    Fredag,
    Loerdag,
    Soendag,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Mandag,
        Weekday::Tirsdag,
        Weekday::Onsdag,
        Weekday::Torsdag,
        Weekday::Fredag,
        Weekday::Loerdag,
        Weekday::Soendag,
    ];

    pub fn danish(self) -> &'static str {
        match self {
            Weekday::Mandag => "mandag",
            Weekday::Tirsdag => "tirsdag",
            Weekday::Onsdag => "onsdag",
            Weekday::Torsdag => "torsdag",
            Weekday::Fredag => "fredag",
            Weekday::Loerdag => "lørdag",
            Weekday::Soendag => "søndag",
        }
    }

    pub fn parse(word: &str) -> Option<Weekday> {
        let w = word.to_lowercase();
        Weekday::ALL.into_iter().find(|d| d.danish() == w)
    }
}

/// Hours and minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time {
    pub hour: u32,
    pub minute: u32,
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// A unit of time for durations and relative deadlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeUnit {
    Timer,
    Hverdage,
    Dage,
    Uger,
    Maaneder,
    Aar,
}

impl TimeUnit {
    pub fn danish(self) -> &'static str {
        match self {
            TimeUnit::Timer => "timer",
            TimeUnit::Hverdage => "hverdage",
            TimeUnit::Dage => "dage",
            TimeUnit::Uger => "uger",
            TimeUnit::Maaneder => "måneder",
            TimeUnit::Aar => "år",
        }
    }
}

/// A reference to a rule: the law it is in (when the text says), the
/// paragraph and its parts. »aktivloven«, »lov om aktiv socialpolitik«
/// and »LAS« are one law.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LegalRef {
    /// The law's short name (`aktivloven`), or `bek. nr. 1216`.
    pub law: Option<String>,
    /// `§ 36`, `§§ 35-40 a`; empty for a whole law or executive order.
    pub section: String,
    pub stk: Option<u32>,
    pub nr: Option<u32>,
    pub pkt: Option<u32>,
}

impl LegalRef {
    /// The paragraph and its parts, without the law.
    pub fn provision(&self) -> String {
        let mut s = self.section.clone();
        for (name, v) in [("stk.", self.stk), ("nr.", self.nr), (". pkt.", self.pkt)] {
            if let Some(v) = v {
                if name == ". pkt." {
                    s.push_str(&format!(", {v}. pkt."));
                } else {
                    s.push_str(&format!(", {name} {v}"));
                }
            }
        }
        s
    }
}

impl fmt::Display for LegalRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.law, self.section.is_empty()) {
            (Some(l), true) => write!(f, "{l}"),
            (Some(l), false) => write!(f, "{l} {}", self.provision()),
            (None, _) => write!(f, "{}", self.provision()),
        }
    }
}

/// A fact's normalized value, typed by kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    Date(Date),
    Time(Time),
    Period(Date, Date),
    /// Øre, so 450 kr. and 450,00 kr. are one value.
    Amount(u64),
    /// Hundredths of a percent.
    Percent(u64),
    Duration(u32, TimeUnit),
    Legal(LegalRef),
    /// A deadline on a date.
    DeadlineDate(Date),
    /// A deadline counted from something: »senest 14 dage efter …«.
    DeadlineRelative(u32, TimeUnit),
    /// Case, journal or document numbers: the number as written, without
    /// spaces, in lower case.
    Case(String),
    /// Digits only.
    Phone(String),
    /// Lower case; addresses without `https://` and `www.`.
    Text(String),
}

impl Value {
    /// Whether two values state the same thing (a date without a year is
    /// the same as any date on that day; a legal reference without a law
    /// is the same as one with a law).
    pub fn same(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Date(a), Value::Date(b)) | (Value::DeadlineDate(a), Value::DeadlineDate(b)) => {
                a.same_day(*b)
            }
            (Value::Period(a, b), Value::Period(c, d)) => a.same_day(*c) && b.same_day(*d),
            (Value::Legal(a), Value::Legal(b)) => {
                a.provision() == b.provision()
                    && (a.law.is_none() || b.law.is_none() || a.law == b.law)
            }
            (a, b) => a == b,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Date(d) => write!(f, "{d}"),
            Value::Time(t) => write!(f, "{t}"),
            Value::Period(a, b) => write!(f, "{a}/{b}"),
            Value::Amount(oere) => write!(f, "{}.{:02} kr", oere / 100, oere % 100),
            Value::Percent(h) => {
                if h % 100 == 0 {
                    write!(f, "{} %", h / 100)
                } else {
                    write!(f, "{},{:02} %", h / 100, h % 100)
                }
            }
            Value::Duration(n, u) => write!(f, "{n} {}", u.danish()),
            Value::Legal(l) => write!(f, "{l}"),
            Value::DeadlineDate(d) => write!(f, "frist {d}"),
            Value::DeadlineRelative(n, u) => write!(f, "frist {n} {}", u.danish()),
            Value::Case(s) | Value::Phone(s) | Value::Text(s) => write!(f, "{s}"),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What an amount is counted in, or which end of a range a time is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    PerDay,
    PerWeek,
    PerMonth,
    PerYear,
    Total,
    From,
    To,
}

impl Unit {
    pub fn danish(self) -> &'static str {
        match self {
            Unit::PerDay => "om dagen",
            Unit::PerWeek => "om ugen",
            Unit::PerMonth => "om måneden",
            Unit::PerYear => "om året",
            Unit::Total => "i alt",
            Unit::From => "fra",
            Unit::To => "til",
        }
    }
}

/// What a fact is for in its letter, read from its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// The sentence does not say.
    Other,
    LetterDate,
    Meeting,
    Deadline,
    PeriodStart,
    PeriodEnd,
    Effective,
    Event,
    OpeningHours,
    Repayment,
    Deduction,
    Benefit,
    Appeal,
}

impl Role {
    pub fn danish(self) -> &'static str {
        match self {
            Role::Other => "uden rolle",
            Role::LetterDate => "brevets dato",
            Role::Meeting => "mødet",
            Role::Deadline => "fristen",
            Role::PeriodStart => "periodens start",
            Role::PeriodEnd => "periodens slutning",
            Role::Effective => "gælder fra",
            Role::Event => "noget, der er sket",
            Role::OpeningHours => "åbningstid",
            Role::Repayment => "det, der skal betales tilbage",
            Role::Deduction => "fradraget",
            Role::Benefit => "ydelsen",
            Role::Appeal => "klageinstansen",
        }
    }
}

/// One fact found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    pub kind: FactKind,
    pub span: Span,
    /// The text as written.
    pub text: String,
    /// The normalized value (serialised in one spelling: `2026-03-03`,
    /// `10:30`, `1234.50 kr`, `aktivloven § 13, stk. 7`, `frist 4 uger`).
    pub value: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    pub role: Role,
    /// The weekday the text gives a date (»mandag den …«).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekday: Option<Weekday>,
}

impl Fact {
    pub fn new(kind: FactKind, span: Span, text: &str, value: Value) -> Fact {
        Fact {
            kind,
            span,
            text: text.to_string(),
            value,
            unit: None,
            role: Role::Other,
            weekday: None,
        }
    }

    /// The fact as a citizen reads it best: an amount as »1.250 kr.«
    /// (thousands points, no »,00«), a date with the month's name
    /// (»1. september 2004«). `None` for other kinds and for dates
    /// without a year.
    pub fn plain(&self) -> Option<String> {
        match self.value {
            Value::Amount(oere) => Some(plain_amount(oere)),
            Value::Date(d) => plain_date(d),
            _ => None,
        }
    }

    /// The date of a date, a dated deadline or a period's start.
    pub fn date(&self) -> Option<Date> {
        match self.value {
            Value::Date(d) | Value::DeadlineDate(d) => Some(d),
            _ => None,
        }
    }
}

pub(super) const MONTH_NAMES: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

/// »1. september 2004«.
pub fn plain_date(d: Date) -> Option<String> {
    let year = d.year?;
    let month = MONTH_NAMES.get(d.month.checked_sub(1)? as usize)?;
    Some(format!("{}. {month} {year}", d.day))
}

/// »1.250 kr.«, »12.450,50 kr.«.
pub fn plain_amount(oere: u64) -> String {
    let kroner = (oere / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in kroner.chars().enumerate() {
        if i > 0 && (kroner.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    if oere % 100 == 0 {
        format!("{grouped} kr.")
    } else {
        format!("{grouped},{:02} kr.", oere % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays() {
        let d = |y, m, day| Date {
            year: Some(y),
            month: m,
            day,
        };
        assert_eq!(d(2026, 11, 9).weekday(), Some(Weekday::Mandag));
        assert_eq!(d(2026, 3, 17).weekday(), Some(Weekday::Tirsdag));
        assert_eq!(d(2024, 2, 29).weekday(), Some(Weekday::Torsdag));
        assert_eq!(d(2000, 1, 1).weekday(), Some(Weekday::Loerdag));
    }

    #[test]
    fn adding_days() {
        let d = Date {
            year: Some(2026),
            month: 12,
            day: 20,
        };
        assert_eq!(d.plus_days(14).unwrap().to_string(), "2027-01-03");
        let feb = Date {
            year: Some(2028),
            month: 2,
            day: 20,
        };
        assert_eq!(feb.plus_days(10).unwrap().to_string(), "2028-03-01");
    }

    #[test]
    fn values_in_one_spelling() {
        assert_eq!(Value::Amount(45000).to_string(), "450.00 kr");
        assert_eq!(Value::Percent(2500).to_string(), "25 %");
        let l = LegalRef {
            law: Some("aktivloven".into()),
            section: "§ 11".into(),
            stk: Some(3),
            nr: None,
            pkt: Some(2),
        };
        assert_eq!(l.to_string(), "aktivloven § 11, stk. 3, 2. pkt.");
    }
}
