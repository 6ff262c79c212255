//! Comparing facts: whether two facts state the same thing (a date without
//! a year is kept by the full date on that day), and how the facts of an
//! original fared in a rewrite.

use serde::Serialize;

use super::Fact;

impl Fact {
    /// Whether `other` states the same fact. A date without a year is the
    /// same as any date on that day and month.
    pub fn same_as(&self, other: &Fact) -> bool {
        self.kind == other.kind && same_value(&self.value, &other.value)
    }
}

fn same_value(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // `--MM-DD` (no year) against `YYYY-MM-DD`, also inside a deadline.
    let tail = |v: &str| v.rfind("--").map(|i| v[i + 1..].to_string());
    match (tail(a), tail(b)) {
        (Some(t), None) => b.ends_with(&t) && b.len() > t.len() && prefix_same(a, b),
        (None, Some(t)) => a.ends_with(&t) && a.len() > t.len() && prefix_same(b, a),
        _ => false,
    }
}

/// The text before the date is the same (`frist ` or nothing).
fn prefix_same(yearless: &str, full: &str) -> bool {
    let p = &yearless[..yearless.rfind("--").unwrap_or(0)];
    full.starts_with(p)
}

/// How the facts of an original fared in a rewrite.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Comparison {
    pub kept: Vec<Fact>,
    /// Facts of the original that the rewrite does not state.
    pub lost: Vec<Fact>,
    /// Facts of the rewrite that the original does not state.
    pub added: Vec<Fact>,
}

/// Compares the facts of an original and a rewrite.
pub fn compare(original: &[Fact], rewrite: &[Fact]) -> Comparison {
    let mut c = Comparison::default();
    for f in original {
        if rewrite.iter().any(|r| r.same_as(f)) {
            c.kept.push(f.clone());
        } else {
            c.lost.push(f.clone());
        }
    }
    for r in rewrite {
        if !original.iter().any(|f| f.same_as(r)) {
            c.added.push(r.clone());
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{FactKind, extract};

    #[test]
    fn a_date_without_year_is_kept_by_the_full_date() {
        let short = &extract("den 3. marts", &[])[0];
        let full = &extract("3. marts 2026", &[])[0];
        let other = &extract("4. marts 2026", &[])[0];
        assert!(short.same_as(full) && full.same_as(short));
        assert!(!short.same_as(other));
    }

    #[test]
    fn comparison_finds_lost_and_added() {
        let a = extract("Mødet er 3. marts 2026 kl. 10. Ring 72 36 00 00.", &[]);
        let b = extract(
            "Vi ses den 03.03.2026 klokken 10.00. Beløbet er 500 kr.",
            &[],
        );
        let c = compare(&a, &b);
        assert_eq!(c.kept.len(), 2);
        assert_eq!(c.lost.len(), 1);
        assert_eq!(c.lost[0].kind, FactKind::Phone);
        assert_eq!(c.added.len(), 1);
        assert_eq!(c.added[0].kind, FactKind::Amount);
    }
}
