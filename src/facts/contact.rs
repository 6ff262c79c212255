//! Who and where: phone numbers, e-mail and web addresses, postal
//! addresses (a meeting place), case, journal and document numbers, CPR
//! numbers, named authorities (the appeal body among them) and the
//! caseworker who signs.

use std::sync::OnceLock;

use regex::Regex;

use super::{Fact, FactKind, Value};
use crate::text::Span;

/// Authorities a letter may name, by their canonical name, with the other
/// names they go by.
const AUTHORITIES: &[(&str, &[&str])] = &[
    ("Ankestyrelsen", &["ankestyrelsen"]),
    (
        "Styrelsen for Arbejdsmarked og Rekruttering",
        &["styrelsen for arbejdsmarked og rekruttering", "star"],
    ),
    ("Udbetaling Danmark", &["udbetaling danmark"]),
    (
        "Folketingets Ombudsmand",
        &["folketingets ombudsmand", "ombudsmanden"],
    ),
    ("Datatilsynet", &["datatilsynet"]),
    ("Familieretshuset", &["familieretshuset"]),
    (
        "Arbejdsmarkedets Erhvervssikring",
        &["arbejdsmarkedets erhvervssikring", "aes"],
    ),
    ("Skattestyrelsen", &["skattestyrelsen", "skat"]),
    ("Beskæftigelsesministeriet", &["beskæftigelsesministeriet"]),
    ("Social- og Boligstyrelsen", &["social- og boligstyrelsen"]),
    ("Borgerservice", &["borgerservice"]),
];

struct Patterns {
    phone: Regex,
    email: Regex,
    url: Regex,
    cpr: Regex,
    case: Regex,
    address: Regex,
    authority: Regex,
    local: Regex,
    signature: Regex,
    titled: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).expect("contact pattern compiles");
        let mut names: Vec<&str> = AUTHORITIES
            .iter()
            .flat_map(|(_, n)| n.iter().copied())
            .collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        let names: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
        let street = r"[A-ZÆØÅ][a-zæøåé]+(?:vej|vejen|gade|gaden|plads|pladsen|allé|alle|stræde|torv|torvet|boulevard|vænge|vænget|parken|park|bakken|bakke|stien|sti|kaj|kajen|have|haven|høj|toften|holm|marken|engen|skoven|dalen|vang|vangen|gården|huse|tofte)";
        Patterns {
            phone: re(
                r"(?:\+45\s?|0045\s?)?(?-u:\b)(\d{2}\s\d{2}\s\d{2}\s\d{2}|\d{4}\s\d{4}|\d{8})(?-u:\b)",
            ),
            email: re(r"(?-u:\b)[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?-u:\b)"),
            url: re(
                r#"(?-u:\b)(?:(?:https?://|www\.)[^\s<>()»«"]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:dk|com|org|net|eu|gl|fo)(?:/[^\s<>()»«"]*)?)"#,
            ),
            cpr: re(r"(?-u:\b)(\d{2})(\d{2})(\d{2})-?(\d{4})(?-u:\b)"),
            case: re(
                r"(?i)(?-u:\b)(sagsnr\.|sagsnummer|sags-nr\.|sag nr\.|j\.\s?nr\.|journalnr\.|journalnummer|dok\.\s?nr\.|dokumentnummer|dok\.nr\.|ref\.\s?nr\.)\s*:?\s*([0-9][0-9A-Za-z./-]*[0-9A-Za-z])",
            ),
            address: re(&format!(
                r"({street})\s+(\d{{1,4}}(?:\s?[A-Za-z](?-u:\b))?)((?:,[ \t]*[^,\n]{{1,25}}?)*?),?\s+(\d{{4}})[ \t]+([A-ZÆØÅ][a-zæøå]+(?:[ \t]+[A-ZÆØÅ](?-u:\b))?)"
            )),
            authority: re(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", names.join("|"))),
            local: re(
                r"(?-u:\b)(?:Jobcenter|Ydelsescenter|Borgerservice)\s+[A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?|(?-u:\b)[A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?\s+Kommune(?-u:\b)",
            ),
            signature: re(
                r"(?im)^(?:med\s+)?venlig\s+hilsen\s*,?\s*\n+\s*([A-ZÆØÅ][a-zæøåé]+(?:[ -][A-ZÆØÅ][a-zæøåé]+){1,3})\s*$",
            ),
            titled: re(
                r"(?-u:\b)(?i:sagsbehandler|jobkonsulent|rådgiver|socialrådgiver|virksomhedskonsulent|mentor)(?:,)?\s+([A-ZÆØÅ][a-zæøåé]+(?:[ -][A-ZÆØÅ][a-zæøåé]+){1,3})",
            ),
        }
    })
}

fn canonical(name: &str) -> &'static str {
    let n = name.to_lowercase();
    AUTHORITIES
        .iter()
        .find(|(_, names)| names.contains(&n.as_str()))
        .map_or("", |(c, _)| *c)
}

pub(super) fn find(text: &str, out: &mut Vec<Fact>) {
    let p = patterns();
    let mut push = |kind, start: usize, end: usize, value| {
        out.push(Fact::new(
            kind,
            Span::new(start, end),
            &text[start..end],
            value,
        ));
    };
    for c in p.phone.captures_iter(text) {
        let (Some(m), Some(d)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let digits: String = d.as_str().chars().filter(char::is_ascii_digit).collect();
        push(FactKind::Phone, m.start(), m.end(), Value::Phone(digits));
    }
    for m in p.email.find_iter(text) {
        push(
            FactKind::Email,
            m.start(),
            m.end(),
            Value::Text(m.as_str().to_lowercase()),
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
        push(
            FactKind::Url,
            m.start(),
            m.start() + t.len(),
            Value::Text(value),
        );
    }
    for c in p.cpr.captures_iter(text) {
        let (Some(m), Some(d), Some(mo)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let (d, mo): (u32, u32) = (
            d.as_str().parse().unwrap_or(0),
            mo.as_str().parse().unwrap_or(0),
        );
        // Ten digits without a dash are a CPR number only after »cpr«.
        let dashed = m.as_str().contains('-');
        let head = &text[super::boundary_after(text, m.start().saturating_sub(14))..m.start()];
        let named = head.to_lowercase().contains("cpr");
        if (1..=31).contains(&d) && (1..=12).contains(&mo) && (dashed || named) {
            let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
            push(
                FactKind::Cpr,
                m.start(),
                m.end(),
                Value::Text(format!("{}-{}", &digits[..6], &digits[6..])),
            );
        }
    }
    for c in p.case.captures_iter(text) {
        let (Some(m), Some(label), Some(n)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let l = label.as_str().to_lowercase();
        let which = if l.starts_with('j') {
            "j.nr."
        } else if l.starts_with("dok") {
            "dok.nr."
        } else if l.starts_with("ref") {
            "ref.nr."
        } else {
            "sagsnr."
        };
        push(
            FactKind::Case,
            m.start(),
            m.end(),
            Value::Case(format!("{which} {}", n.as_str().to_lowercase())),
        );
    }
    for c in p.address.captures_iter(text) {
        let (Some(m), Some(street), Some(number), Some(post)) =
            (c.get(0), c.get(1), c.get(2), c.get(4))
        else {
            continue;
        };
        let extra: String = c
            .get(3)
            .map(|x| x.as_str())
            .unwrap_or("")
            .split(',')
            .map(|s| s.trim().trim_end_matches('.').to_lowercase())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let value = format!(
            "{} {}{}{} {}",
            street.as_str().to_lowercase(),
            number.as_str().replace(' ', "").to_lowercase(),
            if extra.is_empty() { "" } else { " " },
            extra,
            post.as_str()
        );
        push(FactKind::Address, m.start(), m.end(), Value::Text(value));
    }
    for m in p.authority.find_iter(text) {
        // »SKAT«, »STAR« and »AES« only in capitals; the words »skat« and
        // »star« are everyday Danish.
        let t = m.as_str();
        if matches!(t.to_lowercase().as_str(), "skat" | "star" | "aes") && t != t.to_uppercase() {
            continue;
        }
        push(
            FactKind::Authority,
            m.start(),
            m.end(),
            Value::Text(canonical(t).to_string()),
        );
    }
    for m in p.local.find_iter(text) {
        push(
            FactKind::Authority,
            m.start(),
            m.end(),
            Value::Text(m.as_str().split_whitespace().collect::<Vec<_>>().join(" ")),
        );
    }
    for re in [&p.signature, &p.titled] {
        for c in re.captures_iter(text) {
            if let Some(n) = c.get(1) {
                let name = n.as_str();
                if name.contains("Jobcenter") || name.contains("Kommune") {
                    continue;
                }
                push(
                    FactKind::Caseworker,
                    n.start(),
                    n.end(),
                    Value::Text(name.to_lowercase()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str, kind: FactKind) -> Vec<String> {
        let mut out = Vec::new();
        find(text, &mut out);
        out.iter()
            .filter(|f| f.kind == kind)
            .map(|f| f.value.to_string())
            .collect()
    }

    #[test]
    fn phones_emails_urls() {
        assert_eq!(of("ring 72 36 00 00", FactKind::Phone), ["72360000"]);
        assert_eq!(of("ring +45 72360000", FactKind::Phone), ["72360000"]);
        assert_eq!(of("tlf. 7236 0000", FactKind::Phone), ["72360000"]);
        assert_eq!(
            of("skriv til Jobcenter@Havnby.dk.", FactKind::Email),
            ["jobcenter@havnby.dk"]
        );
        assert_eq!(
            of("se https://www.borger.dk/klage.", FactKind::Url),
            ["borger.dk/klage"]
        );
    }

    #[test]
    fn case_numbers() {
        assert_eq!(of("Sagsnr. 23/5511", FactKind::Case), ["sagsnr. 23/5511"]);
        assert_eq!(of("J.nr. 2025-1102", FactKind::Case), ["j.nr. 2025-1102"]);
        assert_eq!(
            of("Sagsnummer: 2026-004512", FactKind::Case),
            ["sagsnr. 2026-004512"]
        );
        assert_eq!(of("dok.nr. 88/12a", FactKind::Case), ["dok.nr. 88/12a"]);
    }

    #[test]
    fn cpr_numbers() {
        assert_eq!(of("cpr 010190-1234", FactKind::Cpr), ["010190-1234"]);
        assert_eq!(of("CPR-nr.: 0101901234", FactKind::Cpr), ["010190-1234"]);
        assert!(of("nummer 321390-1234", FactKind::Cpr).is_empty());
        assert!(of("konto 0101901234", FactKind::Cpr).is_empty());
    }

    #[test]
    fn addresses() {
        assert_eq!(
            of(
                "Mødet er på Strandvejen 14, st., 8000 Aarhus C.",
                FactKind::Address
            ),
            ["strandvejen 14 st 8000"]
        );
        assert_eq!(
            of(
                "Jobcenter Havnby, Rådhuspladsen 1, 9999 Havnby",
                FactKind::Address
            ),
            ["rådhuspladsen 1 9999"]
        );
    }

    #[test]
    fn authorities_and_caseworkers() {
        assert_eq!(
            of("Klagen sendes til Ankestyrelsen.", FactKind::Authority),
            ["Ankestyrelsen"]
        );
        assert_eq!(
            of("Jobcenter Havnby og Aarhus Kommune", FactKind::Authority),
            ["Jobcenter Havnby", "Aarhus Kommune"]
        );
        assert!(of("Du skal betale skat af beløbet.", FactKind::Authority).is_empty());
        assert_eq!(
            of(
                "Med venlig hilsen\n\nHenriette Kjærgaard Bach\nJobcenter Havnby",
                FactKind::Caseworker
            ),
            ["henriette kjærgaard bach"]
        );
        assert_eq!(
            of(
                "din sagsbehandler, jobkonsulent Henriette Bach, som",
                FactKind::Caseworker
            ),
            ["henriette bach"]
        );
    }
}
