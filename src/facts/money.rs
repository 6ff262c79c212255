//! Amounts in kroner (»1.234,50 kr.«, »kr. 1.234«, »500,- kroner«) and
//! percentages (»25 %«, »25 procent«).

use std::sync::OnceLock;

use regex::Regex;

use super::{Fact, FactKind, Value};
use crate::text::Span;

struct Patterns {
    amount: Regex,
    percent: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).expect("money pattern compiles");
        let number = r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2})?";
        Patterns {
            amount: re(&format!(
                r"(?i)(?:(?-u:\b)(?:kr\.|kr(?-u:\b)|dkk(?-u:\b))\s*({number})(?:,-)?)|(?:(?-u:\b)({number})(?:,-)?\s*(?:kr\.|kr(?-u:\b)|kroner(?-u:\b)|dkk(?-u:\b)))"
            )),
            percent: re(r"(?i)(?-u:\b)(\d+(?:,\d{1,2})?)\s*(?:%|procent(?-u:\b))"),
        }
    })
}

/// »1.234,50« → 123450 øre.
fn oere(number: &str) -> Option<u64> {
    let plain = number.replace('.', "");
    let (kroner, oere) = match plain.split_once(',') {
        Some((k, o)) => (k, format!("{o:0<2}")),
        None => (plain.as_str(), "00".to_string()),
    };
    Some(kroner.parse::<u64>().ok()? * 100 + oere.parse::<u64>().ok()?)
}

pub(super) fn find(text: &str, out: &mut Vec<Fact>) {
    let p = patterns();
    for c in p.amount.captures_iter(text) {
        let number = c.get(1).or_else(|| c.get(2)).map(|m| m.as_str());
        if let (Some(v), Some(m)) = (number.and_then(oere), c.get(0)) {
            out.push(Fact::new(
                FactKind::Amount,
                Span::new(m.start(), m.end()),
                m.as_str(),
                Value::Amount(v),
            ));
        }
    }
    for c in p.percent.captures_iter(text) {
        let (Some(m), Some(n)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if let Some(v) = oere(n.as_str()) {
            out.push(Fact::new(
                FactKind::Percent,
                Span::new(m.start(), m.end()),
                m.as_str(),
                Value::Percent(v),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        find(text, &mut out);
        out.iter().map(|f| f.value.to_string()).collect()
    }

    #[test]
    fn amounts_and_percentages() {
        assert_eq!(values("1.234,50 kr. om dagen"), ["1234.50 kr"]);
        assert_eq!(values("kr. 1.234"), ["1234.00 kr"]);
        assert_eq!(values("1234 kr"), ["1234.00 kr"]);
        assert_eq!(values("DKK 450,5"), ["450.50 kr"]);
        assert_eq!(values("500,- kroner"), ["500.00 kr"]);
        assert_eq!(values("450 kr."), values("450,00 kr."));
        assert_eq!(values("25 %"), ["25 %"]);
        assert_eq!(values("12,5 procent"), ["12,50 %"]);
        assert!(values("3 dage").is_empty());
    }
}
