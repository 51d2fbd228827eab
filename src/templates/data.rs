//! `load_data(path=…)`: CSV, YAML and JSON files of the site for templates and shortcodes.
//!
//! A path is looked up in the folder of the page being rendered (a shortcode's `@page`,
//! or a page or section template's `page`/`section`), then in the site folder; `@/…`
//! names a file under `content/`. Nothing outside the site is read: no absolute paths,
//! no `..`, no hidden files (`.env`, `.git/`), no symbolic link out of the site. Each file
//! is read and parsed once per build, whichever page asks first.
//!
//! A CSV file becomes `{headers: [...], rows: [[...]], decimal}`: cells are text exactly
//! as written (numbers too: `format_number` and the test `numeric` read them), and
//! `decimal` says how its numbers are written: `","` for a file separated by `;` (what a
//! spreadsheet with Dutch settings saves: `3.424` is three thousand, `23,26` a fraction),
//! `"."` otherwise. `load_data(path=…, decimal=",")` says so for any file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use serde::Serialize;
use tera::{Kwargs, State, Tera, Value};

use crate::folders::CONTENT;
use crate::messages::{Msg, one_of};
use crate::msg;

/// A data file, parsed once by whichever page asks first, or why it could not be.
type Slot = Arc<OnceLock<Result<Value, Msg>>>;

/// A CSV record with the line it starts on.
type Record = (usize, Vec<String>);

/// Data files read in this build, by their real path.
#[derive(Debug)]
pub struct DataFiles {
    root: PathBuf,
    cache: Mutex<HashMap<PathBuf, Slot>>,
}

impl DataFiles {
    pub fn new(root: &Path) -> DataFiles {
        DataFiles {
            root: root.to_owned(),
            cache: Mutex::default(),
        }
    }

    /// Forgets what was read, after files of the site changed (`serve`).
    pub fn clear(&self) {
        self.cache.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    /// The data of `path`, as the page in folder `page_dir` (under `content/`) asks.
    pub fn load(
        &self,
        path: &str,
        page_dir: Option<&str>,
        decimal: Option<char>,
    ) -> Result<Value, Msg> {
        let (shown, file) = self.find(path, page_dir)?;
        let real = file.canonicalize().map_err(|e| unreadable(&shown, &e))?;
        let real_root = self
            .root
            .canonicalize()
            .map_err(|e| msg!("data-site-unreadable", reason = e.to_string()))?;
        if !real.starts_with(&real_root) {
            return Err(msg!("data-link-outside", path = &shown));
        }
        let slot = {
            let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
            Arc::clone(cache.entry(real.clone()).or_default())
        };
        let value = slot
            .get_or_init(|| read(&real, &shown))
            .as_ref()
            .map_err(Clone::clone)?;
        Ok(match decimal {
            Some(decimal) if is_csv(&shown) => with_decimal(value, decimal),
            _ => value.clone(),
        })
    }

    /// The file `path` names, and how to show it: in the page's folder, else the site's.
    fn find(&self, path: &str, page_dir: Option<&str>) -> Result<(String, PathBuf), Msg> {
        let (relative, in_content) = match path.strip_prefix("@/") {
            Some(rest) => (rest, true),
            None => (path, false),
        };
        let parts = checked_parts(path, relative)?;
        let relative = parts.join("/");
        if !is_data(&relative) {
            return Err(msg!("data-extension", path = path));
        }
        let mut tried = Vec::new();
        let mut candidates = Vec::new();
        if in_content {
            candidates.push(format!("{CONTENT}/{relative}"));
        } else {
            if let Some(dir) = page_dir {
                let dir = if dir.is_empty() {
                    CONTENT.to_owned()
                } else {
                    format!("{CONTENT}/{dir}")
                };
                candidates.push(format!("{dir}/{relative}"));
            }
            candidates.push(relative.clone());
        }
        for shown in candidates {
            let file = self.root.join(&shown);
            if file.is_file() {
                return Ok((shown, file));
            }
            tried.push(shown);
        }
        Err(msg!("data-missing", tried = one_of(&tried)))
    }
}

/// The parts of a relative path; refuses what could leave the site or read its secrets.
fn checked_parts<'p>(written: &str, relative: &'p str) -> Result<Vec<&'p str>, Msg> {
    let absolute = relative.starts_with(['/', '\\'])
        || relative.as_bytes().get(1) == Some(&b':')
        || Path::new(relative).is_absolute();
    if relative.is_empty() || absolute {
        return Err(msg!("data-not-inside", path = written));
    }
    let mut parts = Vec::new();
    for part in relative
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != ".")
    {
        if part == ".." {
            return Err(msg!("data-climbs-out", path = written));
        }
        if part.starts_with('.') {
            return Err(msg!("data-hidden", path = written));
        }
        parts.push(part);
    }
    Ok(parts)
}

fn extension(path: &str) -> String {
    path.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

fn is_data(path: &str) -> bool {
    matches!(extension(path).as_str(), "csv" | "json" | "yaml" | "yml")
}

fn is_csv(path: &str) -> bool {
    extension(path) == "csv"
}

fn unreadable(shown: &str, error: &std::io::Error) -> Msg {
    msg!("io-read", path = shown, reason = error.to_string())
}

/// Reads and parses one data file; errors name it (as `shown`) and the line.
fn read(file: &Path, shown: &str) -> Result<Value, Msg> {
    let bytes = std::fs::read(file).map_err(|e| unreadable(shown, &e))?;
    let text = String::from_utf8(bytes).map_err(|_| msg!("data-not-utf8", path = shown))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let at = |place: String, problem: Msg| msg!("data-at", place = place, problem = problem);
    match extension(shown).as_str() {
        "csv" => read_csv(text)
            .map(|table| Value::from_serializable(&table))
            .map_err(|(line, problem)| at(format!("{shown}:{line}"), problem)),
        "json" => serde_json::from_str::<serde_json::Value>(text)
            .map(|v| Value::from_serializable(&v))
            .map_err(|e| {
                let place = format!("{shown}:{}:{}", e.line(), e.column());
                at(place, msg!("data-json", detail = json_detail(&e)))
            }),
        _ => crate::yaml::parse::<crate::yaml::YamlValue>(text, Path::new(shown))
            .map(|v| Value::from_serializable(&v))
            .map_err(|d| {
                let place = d.location();
                match d.hint {
                    Some(hint) => msg!(
                        "data-at-hint",
                        place = place,
                        problem = d.message,
                        hint = hint
                    ),
                    None => at(place, d.message),
                }
            }),
    }
}

/// serde_json's message without the line and column it adds, which the place names.
fn json_detail(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    text.strip_suffix(&position).unwrap_or(&text).to_owned()
}

/// A CSV file as templates see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// How the file writes decimals: `","` or `"."`.
    pub decimal: String,
}

fn with_decimal(value: &Value, decimal: char) -> Value {
    let mut map = value.as_map().cloned().unwrap_or_default();
    map.insert("decimal".into(), Value::from(decimal.to_string()));
    Value::from(map)
}

/// Reads CSV (RFC 4180: quotes around cells with separators, line breaks or `""`),
/// separated by `,`, `;` or tabs, whichever the first line has most of. Every row must
/// have as many cells as the first, the header. Errors give the line.
pub fn read_csv(text: &str) -> Result<Table, (usize, Msg)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = detect_delimiter(text);
    let records = records(text, delimiter)?;
    let mut records = records.into_iter();
    let Some((_, headers)) = records.next() else {
        return Ok(Table {
            headers: Vec::new(),
            rows: Vec::new(),
            decimal: ".".to_owned(),
        });
    };
    let mut rows = Vec::new();
    for (line, row) in records {
        if row.len() != headers.len() {
            let message = msg!("csv-cell-count", cells = row.len(), header = headers.len());
            return Err((line, message));
        }
        rows.push(row);
    }
    let decimal = if delimiter == ';' { "," } else { "." };
    Ok(Table {
        headers,
        rows,
        decimal: decimal.to_owned(),
    })
}

/// The separator the first line uses most, outside quotes: `;`, tab or `,` (the default).
fn detect_delimiter(text: &str) -> char {
    let mut counts = [(';', 0), ('\t', 0), (',', 0)];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            c if !quoted => {
                if let Some(entry) = counts.iter_mut().find(|(d, _)| *d == c) {
                    entry.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(',', |(d, _)| *d)
}

/// The records of `text` with the line each starts on; blank lines are skipped.
fn records(text: &str, delimiter: char) -> Result<Vec<Record>, (usize, Msg)> {
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut line = 1;
    let mut record_line = 1;
    let mut chars = text.chars().peekable();
    let mut quoted_at: Option<usize> = None;
    let mut was_quoted = false;
    let finish_cell = |cell: &mut String, record: &mut Vec<String>, was_quoted: &mut bool| {
        let value = std::mem::take(cell);
        record.push(if *was_quoted {
            value
        } else {
            value.trim().to_owned()
        });
        *was_quoted = false;
    };
    while let Some(c) = chars.next() {
        if let Some(opened) = quoted_at {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => {
                    quoted_at = None;
                    let next = chars.peek().copied();
                    if !matches!(next, None | Some('\n' | '\r')) && next != Some(delimiter) {
                        return Err((line, msg!("csv-after-quote", line = opened)));
                    }
                }
                '\n' => {
                    line += 1;
                    cell.push('\n');
                }
                c => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.trim().is_empty() => {
                cell.clear();
                quoted_at = Some(line);
                was_quoted = true;
            }
            c if c == delimiter => finish_cell(&mut cell, &mut record, &mut was_quoted),
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                if !record.is_empty() || !cell.trim().is_empty() || was_quoted {
                    finish_cell(&mut cell, &mut record, &mut was_quoted);
                    records.push((record_line, std::mem::take(&mut record)));
                }
                cell.clear();
                line += 1;
                record_line = line;
            }
            c => cell.push(c),
        }
    }
    if let Some(opened) = quoted_at {
        return Err((opened, msg!("csv-unclosed-quote")));
    }
    if !record.is_empty() || !cell.trim().is_empty() || was_quoted {
        finish_cell(&mut cell, &mut record, &mut was_quoted);
        records.push((record_line, record));
    }
    Ok(records)
}

/// The folder under `content/` of the page or section a template renders, if any.
fn page_dir(state: &State) -> Option<String> {
    for name in ["page", "section"] {
        let Ok(Some(value)) = state.get::<Value>(name) else {
            continue;
        };
        if let Some(path) = value.get_from_path("path").and_then(Value::as_str) {
            return Some(path.rsplit_once('/').map_or("", |(dir, _)| dir).to_owned());
        }
    }
    None
}

/// Registers `load_data`.
pub fn register(tera: &mut Tera, data: Arc<DataFiles>) {
    tera.register_function("load_data", move |kwargs: Kwargs, state: &State| {
        let path = kwargs.must_get::<&str>("path")?;
        let decimal = match kwargs.get::<&str>("decimal")? {
            None => None,
            Some(",") => Some(','),
            Some(".") => Some('.'),
            Some(other) => {
                return Err(super::failure(
                    "load_data",
                    msg!("decimal-option", value = other),
                ));
            }
        };
        data.load(path, page_dir(state).as_deref(), decimal)
            .map_err(|message| super::failure("load_data", message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        read_csv(text).unwrap()
    }

    #[test]
    fn dutch_csv_with_semicolons_keeps_cells_as_written() {
        let t =
            table("\u{feff}Indicator;Behaald 2019\r\n\"Banen; totaal\";3.424\r\n\r\nSROI;842\r\n");
        assert_eq!(t.headers, ["Indicator", "Behaald 2019"]);
        assert_eq!(t.rows, [["Banen; totaal", "3.424"], ["SROI", "842"]]);
        assert_eq!(t.decimal, ",");
        let t = table("a,b\n1.5,\"x \"\"y\"\"\nz\"\n");
        assert_eq!(t.rows, [["1.5", "x \"y\"\nz"]]);
        assert_eq!(t.decimal, ".");
        assert_eq!(table("alleen\nx").rows, [["x"]]);
    }

    #[test]
    fn csv_mistakes_name_the_line() {
        let (line, message) = read_csv("a;b\n1;2\n3\n").unwrap_err();
        assert_eq!(
            (line, message.english()),
            (
                3,
                "this row has 1 cell, the header (the first line) has 2".to_owned()
            )
        );
        assert_eq!(read_csv("a\n\"open\nb\n").unwrap_err().0, 2);
        assert_eq!(read_csv("a;b\n\"x\"y;2\n").unwrap_err().0, 2);
    }

    #[test]
    fn paths_outside_the_site_and_hidden_files_are_refused() {
        for path in [
            "../x.csv",
            "a/../../x.csv",
            "/etc/passwd.csv",
            ".env",
            "a/.git/x.json",
            "C:/x.csv",
            "",
        ] {
            assert!(checked_parts(path, path).is_err(), "{path}");
        }
        assert_eq!(
            checked_parts("./a/b.csv", "./a/b.csv").unwrap(),
            ["a", "b.csv"]
        );
    }

    #[test]
    fn files_are_found_beside_the_page_then_in_the_site() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("content/papers/x")).unwrap();
        std::fs::create_dir_all(root.join("data")).unwrap();
        std::fs::write(root.join("content/papers/x/t.csv"), "a;b\n1;2\n").unwrap();
        std::fs::write(root.join("data/g.yaml"), "naam: Groningen\n").unwrap();
        std::fs::write(root.join("data/kapot.json"), "{\n  \"a\": ,\n}").unwrap();
        let data = DataFiles::new(root);
        let t = data.load("t.csv", Some("papers/x"), None).unwrap();
        assert_eq!(
            t.get_from_path("decimal").and_then(Value::as_str),
            Some(",")
        );
        assert!(data.load("@/papers/x/t.csv", None, None).is_ok());
        let g = data.load("data/g.yaml", Some("papers/x"), None).unwrap();
        assert_eq!(
            g.get_from_path("naam").and_then(Value::as_str),
            Some("Groningen")
        );
        let error = |path: &str, page_dir: Option<&str>| {
            data.load(path, page_dir, None).unwrap_err().english()
        };
        assert_eq!(error("t.csv", None), "there is no data file `t.csv`");
        assert_eq!(
            error("t.csv", Some("a")),
            "there is no data file `content/a/t.csv` or `t.csv`"
        );
        assert_eq!(
            error("data/kapot.json", None),
            "`data/kapot.json:2:8`: this is not valid JSON: expected value"
        );
        assert!(error("x.txt", None).contains(".csv"));
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_out_of_the_site_is_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("geheim.csv"), "a\n1\n").unwrap();
        let site = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path().join("geheim.csv"), site.path().join("x.csv"))
            .unwrap();
        let error = DataFiles::new(site.path())
            .load("x.csv", None, None)
            .unwrap_err()
            .english();
        assert!(error.contains("outside the site"), "{error}");
    }
}
