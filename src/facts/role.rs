//! A fact's role and unit, read from the words around it: the clause
//! before it (back to the previous sentence end or line break) and a few
//! words after it. The nearest cue decides, and a clause about something
//! past (»siden seneste samtale den …«) makes a date an event.

use super::{Fact, FactKind, Role, Unit};

/// The clause before `start`: back to a blank line, a line that is a
/// heading or letterhead (a line break after a line without a full stop
/// is kept only when the sentence goes on), a semicolon or a full stop that
/// ends a sentence (followed by a space and a capital). Letters wrap their
/// lines, so one line break does not end a clause.
pub(super) fn before(text: &str, start: usize) -> &str {
    let window = &text[super::boundary_after(text, start.saturating_sub(120))..start];
    let mut cut = 0;
    let bytes = window.as_bytes();
    for (i, c) in window.char_indices() {
        let sentence_end = (c == '.' || c == '!' || c == '?')
            && bytes.get(i + 1) == Some(&b' ')
            && window[i + 2..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
        let blank = c == '\n' && window[i + 1..].starts_with('\n');
        if blank || c == ';' || sentence_end {
            cut = i + 1;
        }
    }
    &window[cut..]
}

/// The words after `end`, up to a sentence end or line break.
pub(super) fn after(text: &str, end: usize) -> &str {
    let window = &text[end..super::boundary_before(text, end + 60)];
    let mut stop = window.len();
    let bytes = window.as_bytes();
    for (i, c) in window.char_indices() {
        let blank = c == '\n' && window[i + 1..].starts_with('\n');
        if blank || c == ';' || c == '?' || c == '!' {
            stop = i;
            break;
        }
        if c == '.' && (bytes.get(i + 1).is_none_or(|b| *b == b' ' || *b == b'\n')) {
            // »pr. måned« and »kr.« go on; a full stop before a capital ends.
            let rest = &window[i + 1..];
            if rest
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            {
                stop = i;
                break;
            }
        }
    }
    &window[..stop]
}

/// The last position in `hay` (lower case) of any of `cues`, as a whole
/// word start.
fn last_cue(hay: &str, cues: &[&str]) -> Option<usize> {
    cues.iter()
        .filter_map(|c| {
            hay.match_indices(c)
                .filter(|(i, _)| {
                    hay[..*i]
                        .chars()
                        .next_back()
                        .is_none_or(|p| !p.is_alphanumeric())
                })
                .map(|(i, _)| i)
                .last()
        })
        .max()
}

const MEETING: &[&str] = &[
    "møde",
    "mødet",
    "samtale",
    "indkald",
    "fremmøde",
    "mød op",
    "ses ",
    "vi ses",
    "kom ",
    "afholdes",
];
const PAST: &[&str] = &[
    "seneste",
    "sidste",
    "siden",
    "modtog",
    "modtaget",
    "fik vi",
    "har fået",
    "har sendt",
    "sendte",
    "søgte",
    "ansøgte",
    "ansøgning af",
    "ansøgning fra",
    "brev af",
    "brev fra",
    "var ",
    "blev ",
    "havde",
    "udeblev",
];
const EFFECTIVE: &[&str] = &[
    "virkning",
    "gælder fra",
    "gældende fra",
    "ophører",
    "stopper",
    "stoppet",
    "bortfalder",
    "træder i kraft",
    "starter",
];
const OPENING: &[&str] = &[
    "åben",
    "åbent",
    "åbningstid",
    "telefontid",
    "træffes",
    "træffe",
    "hverdage",
    "mandag-fredag",
    "mandag til fredag",
    "ring ",
    "ringe ",
];

/// The role and unit of every fact, from its surroundings.
pub(super) fn assign(text: &str, facts: &mut [Fact]) {
    for f in facts.iter_mut() {
        // Only these kinds have roles or units to read.
        if !matches!(
            f.kind,
            FactKind::Date
                | FactKind::Deadline
                | FactKind::Time
                | FactKind::Amount
                | FactKind::Authority
        ) {
            continue;
        }
        let before = before(text, f.span.start).to_lowercase();
        let after = after(text, f.span.end).to_lowercase();
        match f.kind {
            FactKind::Date if f.role == Role::Other => {
                f.role = date_role(text, f, &before);
            }
            FactKind::Deadline => f.role = Role::Deadline,
            FactKind::Time => {
                // The nearest cue before the time decides; »alle hverdage«
                // just after it makes it opening hours.
                let cues: [(&[&str], Role); 3] = [
                    (&["senest", "inden", "før "], Role::Deadline),
                    (OPENING, Role::OpeningHours),
                    (MEETING, Role::Meeting),
                ];
                f.role = cues
                    .iter()
                    .filter_map(|(c, r)| last_cue(&before, c).map(|i| (i, *r)))
                    .max_by_key(|(i, _)| *i)
                    .map(|(_, r)| r)
                    .or_else(|| {
                        last_cue(&after, &["hverdage", "alle dage"]).map(|_| Role::OpeningHours)
                    })
                    .unwrap_or(Role::Other);
            }
            FactKind::Amount => {
                f.unit = amount_unit(&before, &after);
                f.role = amount_role(&before, &after);
            }
            FactKind::Authority
                if last_cue(&before, &["klage", "anke"]).is_some()
                    || last_cue(&after, &["klage", "behandler din klage"]).is_some() =>
            {
                f.role = Role::Appeal;
            }
            _ => {}
        }
    }
}

fn date_role(text: &str, f: &Fact, before: &str) -> Role {
    if is_letter_date(text, f, before) {
        return Role::LetterDate;
    }
    let cues: [(&[&str], Role); 4] = [
        (EFFECTIVE, Role::Effective),
        (&["fra og med", "fra den", "fra "], Role::PeriodStart),
        (&["til og med", "til den"], Role::PeriodEnd),
        (MEETING, Role::Meeting),
    ];
    if last_cue(before, PAST).is_some() {
        return Role::Event;
    }
    if last_cue(before, EFFECTIVE).is_some() {
        return Role::Effective;
    }
    cues.iter()
        .filter_map(|(c, r)| last_cue(before, c).map(|i| (i, *r)))
        .max_by_key(|(i, _)| *i)
        .map_or(Role::Other, |(_, r)| r)
}

/// A date alone on one of the first lines (»Havnby, 3. marts 2026«,
/// »Dato: 03.03.2026«) is the letter's own date.
fn is_letter_date(text: &str, f: &Fact, before: &str) -> bool {
    if before.trim_end().ends_with("dato:") || before.trim_end().ends_with("dato") {
        return true;
    }
    let line_start = text[..f.span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[f.span.end..]
        .find('\n')
        .map_or(text.len(), |i| f.span.end + i);
    // Among the first 25 lines (counting stops there, so a long letter
    // is not read from its start for every date).
    let early = text[..line_start]
        .bytes()
        .filter(|b| *b == b'\n')
        .take(25)
        .count()
        < 25;
    let rest = format!(
        "{}{}",
        &text[line_start..f.span.start],
        &text[f.span.end..line_end]
    );
    let rest = rest.trim().trim_end_matches(['.', ',']);
    early
        && rest.chars().count() <= 25
        && !rest.chars().any(|c| c.is_ascii_digit())
        && last_cue(&rest.to_lowercase(), MEETING).is_none()
        && !rest.to_lowercase().contains("senest")
}

fn amount_unit(before: &str, after: &str) -> Option<Unit> {
    let after = after.trim_start();
    let units: [(&[&str], Unit); 5] = [
        (
            &["pr. dag", "om dagen", "dagligt", "per dag", "hver dag"],
            Unit::PerDay,
        ),
        (
            &["pr. uge", "om ugen", "ugentligt", "per uge", "hver uge"],
            Unit::PerWeek,
        ),
        (
            &[
                "pr. måned",
                "pr. md.",
                "om måneden",
                "månedligt",
                "per måned",
                "hver måned",
                "i måneden",
            ],
            Unit::PerMonth,
        ),
        (
            &[
                "pr. år",
                "om året",
                "årligt",
                "per år",
                "hvert år",
                "i året",
            ],
            Unit::PerYear,
        ),
        (&["i alt", "samlet"], Unit::Total),
    ];
    // The first unit after the amount (before another amount begins).
    let after = after.split(" kr").next().unwrap_or(after);
    let found = units
        .iter()
        .filter_map(|(c, u)| {
            c.iter()
                .filter_map(|c| after.find(c))
                .min()
                .map(|i| (i, *u))
        })
        .min_by_key(|(i, _)| *i);
    if let Some((i, u)) = found
        && i <= 30
    {
        return Some(u);
    }
    let tail: String = before
        .chars()
        .rev()
        .take(25)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if tail.contains("i alt") || tail.contains("samlet") {
        return Some(Unit::Total);
    }
    None
}

fn amount_role(before: &str, after: &str) -> Role {
    let cues: [(&[&str], Role); 3] = [
        (
            &[
                "tilbage",
                "tilbagebetal",
                "skylder",
                "for meget",
                "gæld",
                "betale",
            ],
            Role::Repayment,
        ),
        (
            &["fradrag", "trækker", "trække", "nedsæt", "modregn", "træk"],
            Role::Deduction,
        ),
        (
            &[
                "udbetal", "får ", "ydelse", "hjælp", "bevilg", "tilskud", "dagpenge", "løn",
            ],
            Role::Benefit,
        ),
    ];
    let near_after: String = after.chars().take(25).collect();
    cues.iter()
        .filter_map(|(c, r)| {
            last_cue(before, c)
                .map(|i| (i, *r))
                .or_else(|| last_cue(&near_after, c).map(|_| (0, *r)))
        })
        .max_by_key(|(i, _)| *i)
        .map_or(Role::Other, |(_, r)| r)
}
