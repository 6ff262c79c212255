//! Comparing facts role by role: a fact of the original is kept only if
//! the rewrite states the same value in the same role, with the same unit
//! and weekday. Otherwise it is changed (say what) or lost. Notation does
//! not matter (»450 kr.« = »450,00 kr.«, »09.11.2026« = »9. november
//! 2026«), and neither does a role the rewrite's sentence does not show.

use serde::Serialize;

use super::{Fact, FactKind, Role};

/// What differs between a fact of the original and its counterpart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Aspect {
    Value,
    Unit,
    Role,
    Weekday,
    Law,
}

impl Aspect {
    pub fn danish(self) -> &'static str {
        match self {
            Aspect::Value => "værdien",
            Aspect::Unit => "enheden",
            Aspect::Role => "rollen",
            Aspect::Weekday => "ugedagen",
            Aspect::Law => "loven",
        }
    }
}

/// A fact of the original and what the rewrite made of it.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub before: Fact,
    pub after: Fact,
    pub what: Vec<Aspect>,
}

/// How the facts of an original fared in a rewrite.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Comparison {
    pub kept: Vec<Fact>,
    /// Facts of the original the rewrite states differently.
    pub changed: Vec<Change>,
    /// Facts of the original that the rewrite does not state.
    pub lost: Vec<Fact>,
    /// Facts of the rewrite that the original does not state.
    pub added: Vec<Fact>,
}

impl Comparison {
    /// Whether every fact of the original is kept.
    pub fn all_kept(&self) -> bool {
        self.changed.is_empty() && self.lost.is_empty()
    }
}

/// Two roles disagree only when both sentences say what the fact is for.
fn roles_differ(a: Role, b: Role) -> bool {
    a != b && a != Role::Other && b != Role::Other
}

/// The aspects in which `after` differs from `before`, when they are the
/// same kind and value.
fn differences(before: &Fact, after: &Fact) -> Vec<Aspect> {
    let mut what = Vec::new();
    if before.unit != after.unit && before.unit.is_some() {
        what.push(Aspect::Unit);
    }
    if roles_differ(before.role, after.role) {
        what.push(Aspect::Role);
    }
    if let (Some(a), Some(b)) = (before.weekday, after.weekday)
        && a != b
    {
        what.push(Aspect::Weekday);
    }
    if let (super::Value::Legal(a), super::Value::Legal(b)) = (&before.value, &after.value)
        && a.law.is_some()
        && a.law != b.law
    {
        what.push(Aspect::Law);
    }
    what
}

/// The same value, or the same provision of another law (a change of law).
fn same_but_law(a: &super::Value, b: &super::Value) -> bool {
    match (a, b) {
        (super::Value::Legal(x), super::Value::Legal(y)) => {
            a.same(b) || !x.section.is_empty() && x.provision() == y.provision()
        }
        _ => a.same(b),
    }
}

/// A date inside a period is compared as part of the period.
fn in_period(f: &Fact, all: &[Fact]) -> bool {
    f.kind == FactKind::Date
        && all.iter().any(|p| {
            p.kind == FactKind::Period && p.span.start <= f.span.start && f.span.end <= p.span.end
        })
}

/// Compares the facts of an original and a rewrite.
pub fn compare(original: &[Fact], rewrite: &[Fact]) -> Comparison {
    let orig: Vec<&Fact> = original
        .iter()
        .filter(|f| !in_period(f, original))
        .collect();
    let new: Vec<&Fact> = rewrite.iter().filter(|f| !in_period(f, rewrite)).collect();
    let mut c = Comparison::default();
    // Which facts of the rewrite state a fact of the original.
    let mut used = vec![false; new.len()];
    let mut pending = Vec::new();
    let mut shared = Vec::new();
    for f in &orig {
        let same: Vec<usize> = (0..new.len())
            .filter(|&i| new[i].kind == f.kind && same_but_law(&f.value, &new[i].value))
            .collect();
        let exact = |i: &&usize| differences(f, new[**i]).is_empty();
        if let Some(&i) = same.iter().filter(|i| !used[**i]).find(exact) {
            used[i] = true;
            c.kept.push((*f).clone());
        } else if same.iter().any(|i| exact(&i)) {
            // Said once more in the original than in the rewrite: kept,
            // unless the rewrite has a new value for it (below).
            shared.push(*f);
        } else if let Some(&i) = same.first() {
            used[i] = true;
            c.changed.push(Change {
                before: (*f).clone(),
                after: new[i].clone(),
                what: differences(f, new[i]),
            });
        } else {
            pending.push(*f);
        }
    }
    // A fact without its value in the rewrite: changed, when the rewrite
    // has a new fact of its kind in its role; otherwise lost.
    let fresh = |i: usize, f: &Fact, used: &[bool]| {
        !used[i]
            && new[i].kind == f.kind
            && !orig
                .iter()
                .any(|o| o.kind == f.kind && o.value.same(&new[i].value))
    };
    for f in &pending {
        let same_place = (0..new.len()).find(|&i| {
            fresh(i, f, &used)
                && (f.role == new[i].role && f.role != Role::Other
                    || f.unit.is_some() && f.unit == new[i].unit)
        });
        // The one fact of its kind that went, and the one that came.
        let only = || {
            let gone = pending.iter().filter(|p| p.kind == f.kind).count();
            let came: Vec<usize> = (0..new.len()).filter(|&i| fresh(i, f, &used)).collect();
            (gone == 1 && came.len() == 1).then(|| came[0])
        };
        let partner = same_place.or_else(only);
        match partner {
            Some(i) => {
                used[i] = true;
                let mut what = vec![Aspect::Value];
                what.extend(
                    differences(f, new[i])
                        .into_iter()
                        .filter(|a| *a != Aspect::Law),
                );
                c.changed.push(Change {
                    before: (*f).clone(),
                    after: new[i].clone(),
                    what,
                });
            }
            None => c.lost.push((*f).clone()),
        }
    }
    // A fact said twice, once changed: the changed mention is a new value
    // of the same kind in the same place.
    for f in shared {
        // Any mention of its kind the original's facts have not taken: a
        // value of its own, or one more mention of another fact's value.
        let spare = |i: usize| !used[i] && new[i].kind == f.kind && !f.value.same(&new[i].value);
        let partner = (0..new.len())
            .find(|&i| {
                spare(i) && (f.role == new[i].role || f.unit.is_some() && f.unit == new[i].unit)
            })
            .or_else(|| (0..new.len()).find(|&i| spare(i)));
        match partner {
            Some(i) => {
                used[i] = true;
                c.changed.push(Change {
                    before: f.clone(),
                    after: new[i].clone(),
                    what: vec![Aspect::Value],
                });
            }
            None => c.kept.push(f.clone()),
        }
    }
    for (i, r) in new.iter().enumerate() {
        if !used[i]
            && !orig
                .iter()
                .any(|f| f.kind == r.kind && f.value.same(&r.value))
        {
            c.added.push((*r).clone());
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::extract;

    fn cmp(a: &str, b: &str) -> Comparison {
        compare(&extract(a, &[]), &extract(b, &[]))
    }

    #[test]
    fn a_date_without_year_is_kept_by_the_full_date() {
        assert!(cmp("Vi ses den 3. marts.", "Vi ses den 3. marts 2026.").all_kept());
        assert!(!cmp("Vi ses den 3. marts.", "Vi ses den 4. marts 2026.").all_kept());
    }

    #[test]
    fn comparison_finds_lost_and_added() {
        let c = cmp(
            "Mødet er 3. marts 2026 kl. 10. Ring 72 36 00 00.",
            "Vi ses den 03.03.2026 klokken 10.00. Beløbet er 500 kr.",
        );
        assert_eq!(c.kept.len(), 2, "{c:?}");
        assert_eq!(c.lost.len(), 1);
        assert_eq!(c.lost[0].kind, FactKind::Phone);
        assert_eq!(c.added.len(), 1);
        assert_eq!(c.added[0].kind, FactKind::Amount);
    }

    #[test]
    fn a_changed_unit_is_a_change() {
        let c = cmp("Du får 450 kr. pr. dag.", "Du får 450 kr. om ugen.");
        assert_eq!(c.changed.len(), 1, "{c:?}");
        assert_eq!(c.changed[0].what, [Aspect::Unit]);
        assert!(cmp("Du får 450 kr. pr. dag.", "Du får 450,00 kr. om dagen.").all_kept());
    }

    #[test]
    fn swapped_dates_change_role() {
        let c = cmp(
            "Havnby, 3. marts 2026\n\nVi indkalder dig til en samtale den 17. marts 2026.",
            "Havnby, 17. marts 2026\n\nVi indkalder dig til en samtale den 3. marts 2026.",
        );
        assert_eq!(c.changed.len(), 2, "{c:?}");
        assert!(c.changed.iter().all(|x| x.what == [Aspect::Role]));
    }

    #[test]
    fn another_law_is_a_change() {
        let c = cmp(
            "Det står i lov om aktiv socialpolitik § 36.",
            "Det står i lov om social service § 36.",
        );
        assert_eq!(c.changed.len(), 1, "{c:?}");
        assert_eq!(c.changed[0].what, [Aspect::Law]);
        assert!(
            cmp(
                "jf. lov om aktiv socialpolitik § 36",
                "Det står i aktivloven § 36."
            )
            .all_kept()
        );
    }

    #[test]
    fn a_changed_weekday_is_a_change() {
        let c = cmp(
            "Mødet er mandag den 9. november 2026.",
            "Mødet er tirsdag den 9. november 2026.",
        );
        assert_eq!(c.changed.len(), 1);
        assert_eq!(c.changed[0].what, [Aspect::Weekday]);
        assert!(
            cmp(
                "Mødet er mandag den 9. november 2026.",
                "Mødet er den 09.11.2026."
            )
            .all_kept()
        );
    }
}
