//! Legal references: `§ 13, stk. 7, nr. 3`, `§§ 35-40 a`, `BEK nr. 1216`,
//! with the law they belong to when the text names it before
//! (»aktivlovens § 36«, »lov om aktiv socialpolitik § 36«, »LAS § 36«) or
//! after (»§ 12 i lov om …«). One law has one short name however it is
//! written.

use std::sync::OnceLock;

use regex::Regex;

use super::{Fact, FactKind, LegalRef, Value};
use crate::text::Span;

/// The laws a job centre's or municipality's letters cite, by short name,
/// with the other names they go by (full title, abbreviation, old name).
const LAWS: &[(&str, &[&str])] = &[
    (
        "aktivloven",
        &[
            "lov om aktiv socialpolitik",
            "aktivloven",
            "aktivlov",
            "las",
        ],
    ),
    (
        "serviceloven",
        &["lov om social service", "serviceloven", "servicelov", "sel"],
    ),
    (
        "beskæftigelsesloven",
        &[
            "lov om en aktiv beskæftigelsesindsats",
            "beskæftigelsesloven",
            "lab-loven",
            "lab",
        ],
    ),
    ("forvaltningsloven", &["forvaltningsloven", "fvl"]),
    (
        "retssikkerhedsloven",
        &[
            "lov om retssikkerhed og administration på det sociale område",
            "retssikkerhedsloven",
            "rsl",
        ],
    ),
    (
        "sygedagpengeloven",
        &["lov om sygedagpenge", "sygedagpengeloven"],
    ),
    (
        "offentlighedsloven",
        &["lov om offentlighed i forvaltningen", "offentlighedsloven"],
    ),
    ("databeskyttelsesloven", &["databeskyttelsesloven"]),
    (
        "databeskyttelsesforordningen",
        &["databeskyttelsesforordningen", "gdpr"],
    ),
    (
        "integrationsloven",
        &[
            "lov om integration af udlændinge i danmark",
            "integrationsloven",
        ],
    ),
    (
        "boligstøtteloven",
        &["lov om individuel boligstøtte", "boligstøtteloven"],
    ),
    ("pensionsloven", &["lov om social pension", "pensionsloven"]),
    (
        "barselsloven",
        &[
            "lov om ret til orlov og dagpenge ved barsel",
            "barselsloven",
        ],
    ),
    (
        "arbejdsløshedsforsikringsloven",
        &[
            "lov om arbejdsløshedsforsikring",
            "arbejdsløshedsforsikringsloven",
        ],
    ),
    (
        "kontanthjælpsbekendtgørelsen",
        &["kontanthjælpsbekendtgørelsen"],
    ),
];

struct Patterns {
    section: Regex,
    order: Regex,
    law_before: Regex,
    law_after: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).expect("legal pattern compiles");
        let names: Vec<String> = {
            let mut all: Vec<&str> = LAWS.iter().flat_map(|(_, n)| n.iter().copied()).collect();
            // Longest first, so »lov om aktiv socialpolitik« wins over »las«.
            all.sort_by_key(|n| std::cmp::Reverse(n.len()));
            all.iter().map(|n| regex::escape(n)).collect()
        };
        let names = names.join("|");
        Patterns {
            // A letter after the number is part of it (»§ 35 a«), except
            // »i« before a word (»§ 12 i lov om …«).
            section: re(
                r"(?i)§§?\s*\d+(?:\s*[a-hj-z](?-u:\b)|\s*i(?-u:\b)(?:\s*[,.;)]|\s*$))?(?:\s*[-–]\s*\d+(?:\s*[a-hj-z](?-u:\b))?)?(?:,?\s*stk\.\s*\d+)?(?:,?\s*nr\.\s*\d+)?(?:,?\s*\d+\.\s*pkt\.)?",
            ),
            order: re(r"(?i)(?-u:\b)(bek\.?|bekendtgørelse|lbk\.?|lovbekendtgørelse)\s+nr\.\s*(\d+)"),
            law_before: re(&format!(r"(?i)(?-u:\b)({names})(?:s|ens)?\s*$")),
            law_after: re(&format!(r"(?i)^\s*,?\s*(?:i|efter|jf\.)\s+(?:den\s+)?({names})(?-u:\b)")),
        }
    })
}

/// The short name of a law as written (any of its names, any case).
pub fn law_of(name: &str) -> Option<&'static str> {
    let n = name.to_lowercase();
    let n = n.trim();
    LAWS.iter()
        .find(|(_, names)| {
            names.iter().any(|x| {
                *x == n || n.strip_suffix('s') == Some(x) || n.strip_suffix("ens") == Some(x)
            })
        })
        .map(|(short, _)| *short)
}

pub(super) fn find(text: &str, out: &mut Vec<Fact>) {
    let p = patterns();
    for m in p.section.find_iter(text) {
        let raw = m.as_str();
        let t = if raw.to_lowercase().ends_with("pkt.") {
            raw
        } else {
            raw.trim_end_matches([',', ' ', '.', ';', ')'])
        };
        let t = t.trim_end_matches(" i").trim_end_matches(" I");
        let (start, end) = (m.start(), m.start() + t.len());
        let mut r = parse(t);
        let mut span = Span::new(start, end);
        let head = &text[super::boundary_after(text, start.saturating_sub(80))..start];
        if let Some(c) = p.law_before.captures(head).and_then(|c| c.get(1)) {
            r.law = law_of(c.as_str()).map(str::to_string);
            span.start = start - (head.len() - c.start());
        } else if let Some(c) = p
            .law_after
            .captures(&text[end..super::boundary_before(text, end + 90)])
            .and_then(|c| c.get(1))
        {
            r.law = law_of(c.as_str()).map(str::to_string);
            span.end = end + c.end();
        }
        let shown = &text[span.start..span.end];
        out.push(Fact::new(FactKind::Legal, span, shown, Value::Legal(r)));
    }
    for c in p.order.captures_iter(text) {
        let (Some(m), Some(kind), Some(n)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let k = kind.as_str().to_lowercase();
        let name = if k.starts_with("lbk") || k.starts_with("lov") {
            "lbk."
        } else {
            "bek."
        };
        let r = LegalRef {
            law: Some(format!("{name} nr. {}", n.as_str())),
            section: String::new(),
            stk: None,
            nr: None,
            pkt: None,
        };
        out.push(Fact::new(
            FactKind::Legal,
            Span::new(m.start(), m.end()),
            m.as_str(),
            Value::Legal(r),
        ));
    }
}

/// `§ 13, stk. 7, nr. 3` into its parts.
fn parse(t: &str) -> LegalRef {
    let lower = t.to_lowercase().replace('–', "-");
    let number_after = |key: &str| -> Option<u32> {
        let i = lower.find(key)? + key.len();
        lower[i..]
            .trim_start()
            .split(|c: char| !c.is_ascii_digit())
            .next()?
            .parse()
            .ok()
    };
    let pkt = lower.find("pkt.").and_then(|i| {
        let head = lower[..i].trim_end().trim_end_matches('.');
        head.rsplit(|c: char| !c.is_ascii_digit())
            .next()?
            .parse()
            .ok()
    });
    let cut = ["stk.", "nr.", "pkt."]
        .iter()
        .filter_map(|k| lower.find(k))
        .min()
        .unwrap_or(lower.len());
    let mut head = lower[..cut].trim_end().trim_end_matches(',').to_string();
    if pkt.is_some() && cut == lower.find("pkt.").unwrap_or(usize::MAX) {
        // »§ 3, 2. pkt.«: drop the »2.« before »pkt.«
        head = head
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
            .trim_end()
            .trim_end_matches(',')
            .to_string();
    }
    let signs = if head.starts_with("§§") {
        "§§"
    } else {
        "§"
    };
    let body: Vec<String> = head
        .trim_start_matches('§')
        .replace('-', " - ")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let mut section = format!("{signs} ");
    for (i, w) in body.iter().enumerate() {
        if i > 0 && w != "-" && body[i - 1] != "-" {
            section.push(' ');
        }
        section.push_str(w);
    }
    LegalRef {
        law: None,
        section: section.trim().to_string(),
        stk: number_after("stk."),
        nr: number_after("nr."),
        pkt,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        find(text, &mut out);
        out.iter().map(|f| f.value.to_string()).collect()
    }

    #[test]
    fn provisions() {
        assert_eq!(refs("jf. § 13, stk. 7, nr. 3."), ["§ 13, stk. 7, nr. 3"]);
        assert_eq!(refs("§13 stk. 7"), ["§ 13, stk. 7"]);
        assert_eq!(refs("§§ 35-40 a og §§ 22–25"), ["§§ 35-40 a", "§§ 22-25"]);
        assert_eq!(refs("§ 36 og § 37"), ["§ 36", "§ 37"]);
        assert_eq!(refs("§ 3, 2. pkt."), ["§ 3, 2. pkt."]);
        assert_eq!(refs("BEK nr. 1216 af 28.09.2023"), ["bek. nr. 1216"]);
        assert_eq!(refs("LBK nr. 701 af 2023"), ["lbk. nr. 701"]);
    }

    #[test]
    fn the_law_is_part_of_the_reference() {
        for text in [
            "jf. lov om aktiv socialpolitik § 36.",
            "efter aktivlovens § 36",
            "aktivloven § 36",
            "LAS § 36",
            "§ 36 i lov om aktiv socialpolitik",
            "§ 36 i aktivloven.",
        ] {
            assert_eq!(refs(text), ["aktivloven § 36"], "{text}");
        }
        assert_eq!(refs("lov om social service § 36"), ["serviceloven § 36"]);
        assert_eq!(refs("forvaltningslovens § 19"), ["forvaltningsloven § 19"]);
        // »i« before a word is not a letter of the paragraph.
        assert_eq!(
            refs("§ 12 i lov om sygedagpenge"),
            ["sygedagpengeloven § 12"]
        );
        assert_eq!(refs("§ 12 i en anden lov"), ["§ 12"]);
        assert_eq!(refs("§ 35 a i aktivloven"), ["aktivloven § 35 a"]);
    }

    #[test]
    fn law_names() {
        assert_eq!(law_of("Aktivloven"), Some("aktivloven"));
        assert_eq!(law_of("LAS"), Some("aktivloven"));
        assert_eq!(law_of("lov om aktiv socialpolitik"), Some("aktivloven"));
        assert_eq!(law_of("lov om noget"), None);
    }
}
