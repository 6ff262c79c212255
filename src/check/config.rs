//! `klarbrev.yaml`: how klarbrev treats a letter library — which files,
//! how hard a letter may be, which rules count how much, which letters are
//! of which type, and stricter rules for some folders. Every command reads
//! it the same way; rule names in it are checked against the registry.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::rules::{Registry, Settings};

/// The name klarbrev looks for in the current directory and its parents.
pub const FILE_NAME: &str = "klarbrev.yaml";

/// The LIX above which `check` fails a letter when the config says nothing.
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
    #[serde(default)]
    municipality: Option<Municipality>,
}

/// The municipality (or job centre) that sends the letters: what the
/// templates say about the sender, so nobody has to edit a template.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    /// »Jobcenter Havnby« (the templates' `kommune`).
    pub name: Option<String>,
    /// The switchboard or the team's number (`telefon`).
    pub phone: Option<String>,
    /// `email`.
    pub email: Option<String>,
    /// When citizens can call or come by (`aabningstid`), e.g.
    /// »mandag til fredag kl. 9-12«.
    pub opening_hours: Option<String>,
    /// Where meetings are held (`adresse`), e.g. »Rådhuspladsen 1, 9999 Havnby«.
    pub address: Option<String>,
}

impl Municipality {
    /// The template slots these values fill.
    pub fn slots(&self) -> BTreeMap<String, String> {
        [
            ("kommune", &self.name),
            ("telefon", &self.phone),
            ("email", &self.email),
            ("aabningstid", &self.opening_hours),
            ("adresse", &self.address),
        ]
        .into_iter()
        .filter_map(|(k, v)| {
            v.as_ref()
                .filter(|v| !v.trim().is_empty())
                .map(|v| (k.to_string(), v.trim().to_string()))
        })
        .collect()
    }
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
    /// `lix.max`, when the config sets it.
    lix_max: Option<f64>,
    pub fail_on: Option<FailOnYaml>,
    severity: BTreeMap<String, Severity>,
    disable: Vec<String>,
    pub lexicon_dirs: Vec<PathBuf>,
    types: Vec<(GlobSet, String)>,
    pub detect_types: bool,
    overrides: Vec<Override>,
    /// `municipality:`, the sender the templates name.
    pub municipality: Municipality,
    /// The text of the file, to point at the line of a rule name.
    text: String,
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
            lix_max: None,
            fail_on: None,
            severity: BTreeMap::new(),
            disable: Vec::new(),
            lexicon_dirs: Vec::new(),
            types: Vec::new(),
            detect_types: true,
            overrides: Vec::new(),
            municipality: Municipality::default(),
            text: String::new(),
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
            message: format!("filen kunne ikke læses ({})", crate::input::io_reason(&e)),
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
            lix_max: lix_max(y.lix, "lix")?,
            fail_on: y.fail_on,
            severity: y.severity,
            disable: y.disable,
            lexicon_dirs: y.lexicon.into_iter().map(|d| root.join(d)).collect(),
            types,
            detect_types: y.detect_types,
            overrides,
            municipality: y.municipality.unwrap_or_default(),
            text: text.to_string(),
        })
    }

    /// Checks every rule name under `disable` and `severity` (also in
    /// `overrides`) against the registry: a name that matches no rule is an
    /// error at its line, never a setting that silently does nothing.
    pub fn check_rules(&self, registry: &Registry) -> Result<(), ConfigError> {
        let names = self.disable.iter().chain(self.severity.keys()).chain(
            self.overrides
                .iter()
                .flat_map(|o| o.disable.iter().chain(o.severity.keys())),
        );
        for name in names {
            if let Err(e) = registry.select(name) {
                return Err(ConfigError {
                    file: self
                        .file
                        .as_ref()
                        .map_or_else(|| FILE_NAME.to_string(), |f| f.display().to_string()),
                    line: self.line_of_name(name),
                    message: e.to_string(),
                });
            }
        }
        Ok(())
    }

    /// The line a rule name is written on: as a list item, a flow-list
    /// element or a key.
    fn line_of_name(&self, name: &str) -> usize {
        let is_name = |c: char| c.is_alphanumeric() || c == '-' || c == '/' || c == '_';
        self.text
            .lines()
            .position(|l| {
                l.match_indices(name).any(|(i, _)| {
                    let before = l[..i].chars().next_back();
                    let after = l[i + name.len()..].chars().next();
                    !before.is_some_and(is_name) && !after.is_some_and(is_name)
                })
            })
            .map_or(1, |i| i + 1)
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
    /// whose files match, in order. `lix_max` is only what the config sets;
    /// `check` puts in its default.
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
            ..Settings::default()
        };
        for o in self.overrides.iter().filter(|o| o.files.is_match(&rel)) {
            if let Some(m) = o.lix_max {
                s.lix_max = Some(m);
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
        assert_eq!(s.lix_max, Some(40.0));
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
        assert_eq!(s.lix_max, Some(35.0));
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
        assert_eq!(c.settings(Path::new("a.md")).lix_max, None);
        assert!(c.detect_types);
    }

    #[test]
    fn rule_names_are_checked_against_the_registry() {
        let registry = Registry::embedded();
        let ok = "disable: [indhold/kontakt, laesbarhed/lix-max, fagord, kl]\nseverity:\n  lix-max: warning\n";
        Config::parse("k.yaml", ok, Path::new("."))
            .unwrap()
            .check_rules(registry)
            .unwrap();
        let bad = "lix:\n  max: 40\ndisable:\n  - fagord\n  - fremsend\n";
        let mut c = Config::parse("k.yaml", bad, Path::new(".")).unwrap();
        c.file = Some(PathBuf::from("k.yaml"));
        let e = c.check_rules(registry).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("k.yaml", 5), "{e}");
        assert!(e.message.contains("»fremsend«"), "{e}");
        assert!(e.message.contains("Mente du »fremsende«?"), "{e}");
        let bad = "overrides:\n  - files: [\"a/**\"]\n    severity: { kancelisprog: error }\n";
        let e = Config::parse("k.yaml", bad, Path::new("."))
            .unwrap()
            .check_rules(registry)
            .unwrap_err();
        assert_eq!(e.line, 3, "{e}");
    }
}
