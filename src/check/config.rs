//! `klarbrev.yaml`: how `klarbrev check` treats a letter library — which
//! files, how hard a letter may be, which rules count how much, which
//! letters are of which type, and stricter rules for some folders.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::diagnostic::Severity;

/// The name klarbrev looks for in the current directory and its parents.
pub const FILE_NAME: &str = "klarbrev.yaml";

/// The LIX above which a letter fails when the config says nothing.
pub const DEFAULT_LIX_MAX: f64 = 45.0;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigYaml {
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    lix: Option<LixYaml>,
    #[serde(default)]
    fail_on: Option<FailOnYaml>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    lexicon: Vec<PathBuf>,
    #[serde(default)]
    types: BTreeMap<String, String>,
    #[serde(default = "yes")]
    detect_types: bool,
    #[serde(default)]
    overrides: Vec<OverrideYaml>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LixYaml {
    max: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOnYaml {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideYaml {
    files: Vec<String>,
    #[serde(default)]
    lix: Option<LixYaml>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(rename = "type", default)]
    letter_type: Option<String>,
}

#[derive(Debug, Clone)]
struct Override {
    files: GlobSet,
    lix_max: Option<f64>,
    severity: BTreeMap<String, Severity>,
    disable: Vec<String>,
    letter_type: Option<String>,
}

/// A loaded configuration. Globs are relative to `root`, the directory
/// the config file is in (or the current directory without one).
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub file: Option<PathBuf>,
    include: Option<GlobSet>,
    exclude: GlobSet,
    lix_max: f64,
    pub fail_on: Option<FailOnYaml>,
    severity: BTreeMap<String, Severity>,
    disable: Vec<String>,
    pub lexicon_dirs: Vec<PathBuf>,
    types: Vec<(GlobSet, String)>,
    pub detect_types: bool,
    overrides: Vec<Override>,
}

/// What the config says about one letter.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub lix_max: f64,
    pub severity: BTreeMap<String, Severity>,
    pub disable: Vec<String>,
    pub letter_type: Option<String>,
}

impl Settings {
    /// Whether a rule (`category/id`) is switched off: by its full id, its
    /// bare id or its category.
    pub fn disabled(&self, rule: &str) -> bool {
        self.disable.iter().any(|d| matches_rule(d, rule))
    }

    /// The severity a finding of `rule` gets: an override for the rule
    /// wins over one for its category.
    pub fn severity_of(&self, rule: &str, category: &str, default: Severity) -> Severity {
        self.severity
            .iter()
            .filter(|(k, _)| matches_rule(k, rule))
            .max_by_key(|(k, _)| k.contains('/') as u8 * 2 + (**k != category) as u8)
            .map_or(default, |(_, s)| *s)
    }
}

/// `pattern` names `rule` (`category/id`): the whole id, the bare id, or
/// the category.
pub fn matches_rule(pattern: &str, rule: &str) -> bool {
    let (category, id) = rule.split_once('/').unwrap_or(("", rule));
    pattern == rule || pattern == id || pattern == category
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            root: PathBuf::from("."),
            file: None,
            include: None,
            exclude: GlobSet::empty(),
            lix_max: DEFAULT_LIX_MAX,
            fail_on: None,
            severity: BTreeMap::new(),
            disable: Vec::new(),
            lexicon_dirs: Vec::new(),
            types: Vec::new(),
            detect_types: true,
            overrides: Vec::new(),
        }
    }
}

impl Config {
    /// `klarbrev.yaml` in `dir` or the nearest parent; the default config
    /// (rooted at `dir`) if there is none.
    pub fn discover(dir: &Path) -> Result<Config, ConfigError> {
        let mut at = Some(dir);
        while let Some(d) = at {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate);
            }
            at = d.parent();
        }
        Ok(Config {
            root: dir.to_path_buf(),
            ..Config::default()
        })
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: file.clone(),
            line: 1,
            message: format!("filen kunne ikke læses: {e}"),
        })?;
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let mut config = Config::parse(&file, &text, &root)?;
        config.file = Some(path.to_path_buf());
        Ok(config)
    }

    /// Parses config text; `file` names it in errors, `root` anchors its
    /// globs and directories.
    pub fn parse(file: &str, text: &str, root: &Path) -> Result<Config, ConfigError> {
        let error = |line: usize, message: String| ConfigError {
            file: file.to_string(),
            line,
            message,
        };
        let y: ConfigYaml = if text.trim().is_empty() {
            ConfigYaml {
                detect_types: true,
                ..ConfigYaml::default()
            }
        } else {
            serde_yaml::from_str(text).map_err(|e| {
                error(
                    e.location().map_or(1, |l| l.line()),
                    crate::fmt::danish_serde_error(&e.to_string()),
                )
            })?
        };
        let line_of = |key: &str| {
            text.lines()
                .position(|l| l.contains(key))
                .map_or(1, |i| i + 1)
        };
        let globs = |patterns: &[String], key: &str| -> Result<GlobSet, ConfigError> {
            let mut b = GlobSetBuilder::new();
            for p in patterns {
                let g = Glob::new(p).map_err(|e| {
                    error(line_of(p), format!("»{key}«: ugyldigt mønster »{p}«: {e}"))
                })?;
                b.add(g);
            }
            b.build()
                .map_err(|e| error(line_of(key), format!("»{key}«: {e}")))
        };
        let lix_max = |l: Option<LixYaml>, key: &str| -> Result<Option<f64>, ConfigError> {
            match l.and_then(|l| l.max) {
                Some(m) if !m.is_finite() || m < 0.0 => Err(error(
                    line_of(key),
                    format!("»{key}.max« skal være et tal på 0 eller derover, ikke {m}"),
                )),
                other => Ok(other),
            }
        };
        let mut types = Vec::new();
        for (pattern, t) in &y.types {
            types.push((globs(std::slice::from_ref(pattern), "types")?, t.clone()));
        }
        let mut overrides = Vec::new();
        for o in y.overrides {
            overrides.push(Override {
                files: globs(&o.files, "files")?,
                lix_max: lix_max(o.lix, "lix")?,
                severity: o.severity,
                disable: o.disable,
                letter_type: o.letter_type,
            });
        }
        Ok(Config {
            root: root.to_path_buf(),
            file: None,
            include: if y.include.is_empty() {
                None
            } else {
                Some(globs(&y.include, "include")?)
            },
            exclude: globs(&y.exclude, "exclude")?,
            lix_max: lix_max(y.lix, "lix")?.unwrap_or(DEFAULT_LIX_MAX),
            fail_on: y.fail_on,
            severity: y.severity,
            disable: y.disable,
            lexicon_dirs: y.lexicon.into_iter().map(|d| root.join(d)).collect(),
            types,
            detect_types: y.detect_types,
            overrides,
        })
    }

    /// The path relative to the config's root, with `/` separators, as
    /// globs see it.
    pub fn relative(&self, path: &Path) -> String {
        let rel = path
            .strip_prefix(&self.root)
            .or_else(|_| path.strip_prefix("./"))
            .unwrap_or(path);
        rel.to_string_lossy().replace('\\', "/")
    }

    /// Whether `check` reads this file.
    pub fn wants(&self, path: &Path) -> bool {
        let rel = self.relative(path);
        self.include.as_ref().is_none_or(|g| g.is_match(&rel)) && !self.exclude.is_match(&rel)
    }

    /// The settings for one letter: the config's own, then every override
    /// whose files match, in order.
    pub fn settings(&self, path: &Path) -> Settings {
        let rel = self.relative(path);
        let mut s = Settings {
            lix_max: self.lix_max,
            severity: self.severity.clone(),
            disable: self.disable.clone(),
            letter_type: self
                .types
                .iter()
                .find(|(g, _)| g.is_match(&rel))
                .map(|(_, t)| t.clone()),
        };
        for o in self.overrides.iter().filter(|o| o.files.is_match(&rel)) {
            if let Some(m) = o.lix_max {
                s.lix_max = m;
            }
            s.severity
                .extend(o.severity.iter().map(|(k, v)| (k.clone(), *v)));
            s.disable.extend(o.disable.iter().cloned());
            if o.letter_type.is_some() {
                s.letter_type = o.letter_type.clone();
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "\
include: [\"breve/**\"]
exclude: [\"breve/arkiv/**\"]
lix:
  max: 40
fail_on: error
severity:
  fagord: warning
  kancellisprog/hermed: error
disable: [forkortelse/kl]
types:
  \"breve/indkaldelser/**\": indkaldelse
overrides:
  - files: [\"breve/afgoerelser/**\"]
    lix: { max: 35 }
    severity: { tiltale: error }
    type: afgoerelse-afslag
";

    #[test]
    fn settings_for_a_path_stack_the_overrides() {
        let c = Config::parse("klarbrev.yaml", YAML, Path::new("/lib")).unwrap();
        assert!(c.wants(Path::new("/lib/breve/a.md")));
        assert!(!c.wants(Path::new("/lib/breve/arkiv/a.md")));
        assert!(!c.wants(Path::new("/lib/andet/a.md")));
        assert_eq!(c.fail_on, Some(FailOnYaml::Error));
        let s = c.settings(Path::new("/lib/breve/indkaldelser/x.md"));
        assert_eq!(s.lix_max, 40.0);
        assert_eq!(s.letter_type.as_deref(), Some("indkaldelse"));
        assert!(s.disabled("forkortelse/kl"));
        assert!(!s.disabled("forkortelse/jf"));
        assert_eq!(
            s.severity_of("fagord/sanktion", "fagord", Severity::Info),
            Severity::Warning
        );
        assert_eq!(
            s.severity_of("kancellisprog/hermed", "kancellisprog", Severity::Warning),
            Severity::Error
        );
        let s = c.settings(Path::new("/lib/breve/afgoerelser/y.md"));
        assert_eq!(s.lix_max, 35.0);
        assert_eq!(s.letter_type.as_deref(), Some("afgoerelse-afslag"));
        assert_eq!(
            s.severity_of("tiltale/de", "tiltale", Severity::Warning),
            Severity::Error
        );
    }

    #[test]
    fn unknown_keys_and_bad_values_name_key_file_and_line() {
        let e = Config::parse(
            "k.yaml",
            "lix:\n  max: 40\nfail-on: error\n",
            Path::new("."),
        )
        .unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("k.yaml", 3), "{e}");
        assert!(
            e.message.contains("ukendt felt") && e.message.contains("fail-on"),
            "{e}"
        );
        let e = Config::parse("k.yaml", "severity:\n  fagord: høj\n", Path::new(".")).unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains("høj"), "{e}");
        let e = Config::parse("k.yaml", "lix:\n  max: -3\n", Path::new(".")).unwrap_err();
        assert!(e.message.contains("lix.max"), "{e}");
        let e = Config::parse("k.yaml", "exclude: [\"a/[\"]\n", Path::new(".")).unwrap_err();
        assert!(e.message.contains("ugyldigt mønster"), "{e}");
    }

    #[test]
    fn an_empty_config_is_the_default() {
        let c = Config::parse("k.yaml", "", Path::new(".")).unwrap();
        assert_eq!(c.settings(Path::new("a.md")).lix_max, DEFAULT_LIX_MAX);
        assert!(c.detect_types);
    }
}
