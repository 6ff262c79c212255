//! Finding facts: each kind's patterns (one file per family of kinds) run
//! over the text, every match checked against Unicode word boundaries,
//! overlaps resolved, periods joined, and each fact given the role and
//! unit its sentence says.

use super::{Fact, FactKind, calendar, contact, legal, money, role};

/// Every fact in `text`, in text order. `skip` lists byte ranges that are
/// not the letter's text (front matter, template tags).
pub fn extract(text: &str, skip: &[std::ops::Range<usize>]) -> Vec<Fact> {
    let mut facts = Vec::new();
    calendar::dates(text, &mut facts);
    calendar::times(text, &mut facts);
    calendar::deadlines(text, &mut facts);
    calendar::durations(text, &mut facts);
    money::find(text, &mut facts);
    legal::find(text, &mut facts);
    contact::find(text, &mut facts);
    facts.retain(|f| on_word_boundary(text, f.span.start, f.span.end));
    let mut facts = finish(facts, skip);
    let mut dates: Vec<Fact> = facts
        .iter()
        .filter(|f| f.kind == FactKind::Date)
        .cloned()
        .collect();
    let periods = calendar::periods(text, &mut dates);
    // Write the period roles back onto the dates.
    for d in dates.iter().filter(|d| d.role != super::Role::Other) {
        if let Some(f) = facts
            .iter_mut()
            .find(|f| f.kind == FactKind::Date && f.span == d.span)
        {
            f.role = d.role;
        }
    }
    facts.extend(periods);
    facts.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end), f.kind));
    role::assign(text, &mut facts);
    facts
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

/// Which kinds give way to which when they overlap: a time inside a date
/// (»01.09.04« read as »09.04«), a phone number or date inside a CPR or
/// case number, a duration inside a deadline, a date inside a deadline
/// stays (templates fill dates from deadlines' sentences).
fn yields(small: FactKind, big: FactKind) -> bool {
    use FactKind::*;
    match (small, big) {
        (a, b) if a == b => true,
        (Time, Date | Period | Case | Cpr | Phone) => true,
        (Phone | Date | Amount | Duration, Cpr | Case) => true,
        (Duration, Deadline) => true,
        (Url, Email) => true,
        (Percent, Case) => true,
        (Phone, Date) => true,
        _ => false,
    }
}

/// Sorts, drops facts in skipped ranges, and of two overlapping facts
/// where one gives way to the other (see `yields`) keeps the larger.
fn finish(mut facts: Vec<Fact>, skip: &[std::ops::Range<usize>]) -> Vec<Fact> {
    facts.retain(|f| {
        !skip
            .iter()
            .any(|r| f.span.start < r.end && r.start < f.span.end)
    });
    facts.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end), f.kind));
    // Sorted by start (longest first), a fact's container and the dates
    // it overlaps stand close to it; looking a few facts either way keeps
    // this linear in the number of facts.
    const NEAR: usize = 16;
    let keep: Vec<bool> = (0..facts.len())
        .map(|i| {
            let f = &facts[i];
            let near = i.saturating_sub(NEAR)..(i + NEAR + 1).min(facts.len());
            !near.clone().any(|j| {
                let o = &facts[j];
                j != i
                    && o.span.start <= f.span.start
                    && f.span.end <= o.span.end
                    && (o.span.len() > f.span.len() || j < i)
                    && yields(f.kind, o.kind)
            }) && !near.into_iter().any(|j| {
                // A time that overlaps a date at all is part of it.
                let o = &facts[j];
                f.kind == FactKind::Time
                    && matches!(o.kind, FactKind::Date | FactKind::Period)
                    && o.span.start < f.span.end
                    && f.span.start < o.span.end
            })
        })
        .collect();
    facts
        .into_iter()
        .zip(keep)
        .filter_map(|(f, k)| k.then_some(f))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Role, Unit, Weekday};

    fn of_kind(text: &str, kind: FactKind) -> Vec<String> {
        extract(text, &[])
            .into_iter()
            .filter(|f| f.kind == kind)
            .map(|f| f.value.to_string())
            .collect()
    }

    fn one(text: &str, kind: FactKind) -> Fact {
        let found: Vec<Fact> = extract(text, &[])
            .into_iter()
            .filter(|f| f.kind == kind)
            .collect();
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
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
            "Mødet er d. 03.03.26.",
        ] {
            assert_eq!(of_kind(text, FactKind::Date), ["2026-03-03"], "{text}");
        }
        assert_eq!(of_kind("den 3. marts", FactKind::Date), ["--03-03"]);
        assert!(of_kind("lokale 2.14 og 45. marts", FactKind::Date).is_empty());
    }

    #[test]
    fn weekdays_are_read_with_their_date() {
        let f = one("Vi ses mandag den 9. november 2026.", FactKind::Date);
        assert_eq!(f.weekday, Some(Weekday::Mandag));
        let f = one("Vi ses tirsdag d. 9. november 2026.", FactKind::Date);
        assert_eq!(f.weekday, Some(Weekday::Tirsdag));
    }

    #[test]
    fn periods_and_no_phantom_times() {
        let text = "Perioden 01.09.04 – 30.09.04 er opgjort.";
        assert_eq!(of_kind(text, FactKind::Period), ["2004-09-01/2004-09-30"]);
        assert!(of_kind(text, FactKind::Time).is_empty(), "no time 09.04");
        let dates: Vec<Role> = extract(text, &[])
            .into_iter()
            .filter(|f| f.kind == FactKind::Date)
            .map(|f| f.role)
            .collect();
        assert_eq!(dates, [Role::PeriodStart, Role::PeriodEnd]);
        assert_eq!(
            of_kind("fra 1. marts til og med 31. maj 2026", FactKind::Period),
            ["2026-03-01/2026-05-31"]
        );
    }

    #[test]
    fn times_and_ranges() {
        assert_eq!(of_kind("kl. 10", FactKind::Time), ["10:00"]);
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
            of_kind("åbent kl. 8-14", FactKind::Time),
            ["08:00", "14:00"]
        );
        let t: Vec<(Option<Unit>, Role)> = extract("Vi har åbent kl. 8-14.", &[])
            .into_iter()
            .map(|f| (f.unit, f.role))
            .collect();
        assert_eq!(
            t,
            [
                (Some(Unit::From), Role::OpeningHours),
                (Some(Unit::To), Role::OpeningHours)
            ]
        );
    }

    #[test]
    fn amounts_with_units_and_roles() {
        let f = one("Du får 450 kr. pr. dag.", FactKind::Amount);
        assert_eq!((f.unit, f.role), (Some(Unit::PerDay), Role::Benefit));
        let f = one(
            "Du har fået 2.310,50 kr. for meget pr. måned.",
            FactKind::Amount,
        );
        assert_eq!((f.unit, f.role), (Some(Unit::PerMonth), Role::Repayment));
        let f = one("Du skal betale 6.000 kr. tilbage i alt.", FactKind::Amount);
        assert_eq!((f.unit, f.role), (Some(Unit::Total), Role::Repayment));
        let f = one("Vi trækker 500 kr. om måneden.", FactKind::Amount);
        assert_eq!((f.unit, f.role), (Some(Unit::PerMonth), Role::Deduction));
    }

    #[test]
    fn date_roles() {
        let text = "Havnby, 3. marts 2026\n\nKære Åse\n\nVi indkalder dig til en samtale tirsdag den 17. marts 2026. Siden seneste samtale den 10. februar 2026 har du søgt job. Din hjælp stopper med virkning fra 1. april 2026.";
        let roles: Vec<(String, Role)> = extract(text, &[])
            .into_iter()
            .filter(|f| f.kind == FactKind::Date)
            .map(|f| (f.value.to_string(), f.role))
            .collect();
        assert_eq!(
            roles,
            [
                ("2026-03-03".to_string(), Role::LetterDate),
                ("2026-03-17".to_string(), Role::Meeting),
                ("2026-02-10".to_string(), Role::Event),
                ("2026-04-01".to_string(), Role::Effective),
            ]
        );
    }

    #[test]
    fn deadlines_and_durations() {
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
            of_kind(
                "senest 14 dage efter, at du har fået brevet",
                FactKind::Deadline
            ),
            ["frist 14 dage"]
        );
        assert_eq!(
            of_kind("senest fredag den 14/4", FactKind::Deadline),
            ["frist --04-14"]
        );
        assert_eq!(of_kind("i 6 uger", FactKind::Duration), ["6 uger"]);
        assert!(of_kind("inden 4 uger", FactKind::Duration).is_empty());
    }

    #[test]
    fn look_alikes_are_not_facts() {
        for text in [
            "Programmet er version 1.2.3.",
            "Kom i god tid, kl. er ikke aftalt.",
            "Nummeret 321390-1234 er ikke et cpr-nummer.",
            "Mødet er i lokale 2.14.",
        ] {
            assert_eq!(extract(text, &[]), [], "{text}");
        }
        // A case number is a case number, not a date or an amount.
        let f = extract("Sagsnummer 2026-004512.", &[]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, FactKind::Case);
    }

    #[test]
    fn skipped_ranges_have_no_facts() {
        let text = "---\ndato: 3. marts 2026\n---\nHej";
        let front_matter = 0..27;
        assert!(extract(text, std::slice::from_ref(&front_matter)).is_empty());
        assert_eq!(extract("3. marts 2026", &[]).len(), 1);
    }
}
