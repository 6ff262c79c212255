//! Suppression comments: `<!-- klarbrev-disable RULE… -->` until
//! `<!-- klarbrev-enable -->`, and `<!-- klarbrev-disable-next-line RULE -->`
//! for the next line, in Markdown; the same inside `{# … #}` in Tera. A
//! rule is named by its id, `category/id` or category; no rule means all.
//! A suppression that suppresses nothing is itself reported.

use std::sync::OnceLock;

use regex::Regex;

use super::matches_rule;
use super::unused_suppression::META as UNUSED;
use crate::diagnostic::Finding;
use crate::text::{LineIndex, Span};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
}

#[derive(Debug, Clone)]
struct Directive {
    kind: Kind,
    rules: Vec<String>,
    span: Span,
    used: bool,
}

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?:<!--|\{#)\s*klarbrev-(disable-next-line|disable|enable)\b([^>#]*?)\s*(?:-->|#\})",
        )
        .expect("suppression pattern compiles")
    })
}

/// Removes the findings the comments in `text` suppress, and adds an info
/// finding for every comment that suppressed nothing.
pub fn apply(text: &str, found: &mut Vec<Finding>) {
    let mut directives: Vec<Directive> = pattern()
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let kind = match c.get(1)?.as_str() {
                "disable" => Kind::Disable,
                "enable" => Kind::Enable,
                _ => Kind::NextLine,
            };
            let rules = c.get(2).map_or(Vec::new(), |r| {
                r.as_str()
                    .split([' ', ','])
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            });
            Some(Directive {
                kind,
                rules,
                span: Span::new(m.start(), m.end()),
                used: false,
            })
        })
        .collect();
    if directives.is_empty() {
        return;
    }
    let lines = LineIndex::new(text);
    let line_of = |offset: usize| lines.line_of(offset);
    let findings = std::mem::take(found);
    let kept = found;
    for f in findings {
        let names =
            |d: &Directive| d.rules.is_empty() || d.rules.iter().any(|r| matches_rule(r, &f.rule));
        let line = line_of(f.span.start);
        // The innermost disable before the finding, unless an enable for
        // the rule came after it.
        let mut by: Option<usize> = None;
        for (i, d) in directives.iter().enumerate() {
            if d.span.start > f.span.start {
                break;
            }
            match d.kind {
                Kind::Disable if names(d) => by = Some(i),
                Kind::Enable if names(d) => by = None,
                Kind::NextLine if names(d) && line_of(d.span.end) + 1 == line => by = Some(i),
                _ => {}
            }
        }
        match by {
            Some(i) => directives[i].used = true,
            None => kept.push(f),
        }
    }
    for d in directives
        .iter()
        .filter(|d| d.kind != Kind::Enable && !d.used)
    {
        kept.push(UNUSED.finding(d.span, d.span.slice(text)));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::Settings;
    use crate::text::Format;

    fn rules(text: &str, format: Format) -> Vec<String> {
        let doc = crate::text::Document::parse(text.to_string(), format).unwrap();
        crate::analysis::analyse(
            doc,
            crate::rules::Registry::embedded(),
            &Settings::default(),
        )
        .findings
        .into_iter()
        .map(|f| f.rule.into_owned())
        .filter(|r| r != "fagord/sanktion")
        .collect()
    }

    #[test]
    fn disable_and_enable_in_markdown() {
        let md = "Såfremt du kan.\n\n<!-- klarbrev-disable kancellisprog -->\nSåfremt du kan.\n<!-- klarbrev-enable -->\n\nSåfremt du kan.\n";
        assert_eq!(
            rules(md, Format::Markdown),
            ["kancellisprog/saafremt", "kancellisprog/saafremt"]
        );
    }

    #[test]
    fn disable_next_line_only_covers_the_next_line() {
        let md = "<!-- klarbrev-disable-next-line saafremt -->\nSåfremt du kan.\nSåfremt du kan.\n";
        assert_eq!(rules(md, Format::Markdown), ["kancellisprog/saafremt"]);
    }

    #[test]
    fn tera_comments_work_too_and_unused_ones_are_reported() {
        let t = "{# klarbrev-disable kancellisprog/saafremt #}\nSåfremt du kan.\n{# klarbrev-disable-next-line tone #}\nHej.\n";
        assert_eq!(rules(t, Format::Tera), ["klarbrev/ubrugt-undertrykkelse"]);
    }

    #[test]
    fn plain_text_has_no_comments() {
        let t = "<!-- klarbrev-disable -->\nSåfremt du kan.\n";
        assert_eq!(rules(t, Format::Txt), ["kancellisprog/saafremt"]);
    }
}
