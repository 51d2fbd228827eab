//! Changing a content file's front matter the way a careful person would by hand: only the
//! lines of the fields that changed are touched. Every other line keeps its bytes (its
//! quotes, comments, order and line endings), a file whose fields did not change is not
//! changed at all, and a patch whose result would mean anything but the asked change is
//! refused rather than written.
//!
//! Field paths are a top-level field (`title`) or a field in a block (`extra.nummer`,
//! `taxonomies.themas`), the two kinds a section's schema can name.

use crate::yaml::{self, YamlMapping, YamlValue};

/// One change to the front matter.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Gives the field at the path this value (a scalar, or a list of scalars).
    Set(Vec<String>, YamlValue),
    /// Takes the field out.
    Remove(Vec<String>),
}

impl Change {
    fn path(&self) -> &[String] {
        match self {
            Change::Set(path, _) | Change::Remove(path) => path,
        }
    }
}

/// Why a patch was not made; nothing is written then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatchError {
    /// The front matter is not YAML the editor can read (the build names the line).
    Unreadable(String),
    /// The field is written in a way that cannot be changed safely line by line.
    Unsafe(String),
}

/// A file's text with `changes` made to its front matter; the body is replaced by `body`
/// when given. `text` is the file without its byte order mark.
pub fn apply(text: &str, changes: &[Change], body: Option<&str>) -> Result<String, PatchError> {
    let newline = if text.split('\n').next().is_some_and(|l| l.ends_with('\r')) {
        "\r\n"
    } else {
        "\n"
    };
    let split = crate::inputs::front_matter::split(text, std::path::Path::new(""))
        .map_err(|d| PatchError::Unreadable(d.message.english()))?;
    let (mut front, closing) = if split.yaml.is_empty() {
        (format!("---{newline}"), format!("---{newline}"))
    } else {
        let closing = &text[split.yaml.len()..text.len() - split.body.len()];
        (split.yaml.to_owned(), closing.to_owned())
    };
    let body = body.unwrap_or(split.body);
    if changes.is_empty() {
        if split.yaml.is_empty() {
            return Ok(body.to_owned());
        }
        return Ok(format!("{front}{closing}{body}"));
    }
    let before = parse(&front)?;
    for change in changes {
        front = apply_one(&front, change, &before, newline)?;
    }
    let mut expected = before;
    for change in changes {
        change_value(&mut expected, change);
    }
    if parse(&front)? != expected {
        let path = changes
            .iter()
            .map(|c| c.path().join("."))
            .collect::<Vec<_>>();
        return Err(PatchError::Unsafe(path.join(", ")));
    }
    Ok(format!("{front}{closing}{body}"))
}

fn parse(front: &str) -> Result<YamlValue, PatchError> {
    yaml::parse_value(front).map_err(|e| PatchError::Unreadable(e.to_string()))
}

/// What the front matter means after `change`: the check every patch must pass.
fn change_value(value: &mut YamlValue, change: &Change) {
    let Some(map) = value.as_mapping_mut() else {
        return;
    };
    match change.path() {
        [key] => match change {
            Change::Set(_, new) => {
                map.insert(key.as_str().into(), new.clone());
            }
            Change::Remove(_) => {
                map.remove(key.as_str());
            }
        },
        [parent, key] => {
            let parent_key = YamlValue::from(parent.as_str());
            match change {
                Change::Set(_, new) => {
                    let entry = map
                        .entry(parent_key)
                        .or_insert_with(|| YamlValue::Mapping(YamlMapping::new()));
                    if !entry.is_mapping() {
                        *entry = YamlValue::Mapping(YamlMapping::new());
                    }
                    if let Some(block) = entry.as_mapping_mut() {
                        block.insert(key.as_str().into(), new.clone());
                    }
                }
                Change::Remove(_) => {
                    let emptied = match map.get_mut(&parent_key).and_then(|p| p.as_mapping_mut()) {
                        Some(block) => {
                            block.remove(key.as_str());
                            block.is_empty()
                        }
                        None => false,
                    };
                    if emptied {
                        map.remove(&parent_key);
                    }
                }
            }
        }
        _ => {}
    }
}

/// One line of the front matter.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// The whole line with its line ending.
    raw: &'a str,
    indent: usize,
    /// The line without indentation and line ending.
    content: &'a str,
}

impl<'a> Line<'a> {
    fn of(raw: &'a str) -> Line<'a> {
        let bare = raw.trim_end_matches(['\n', '\r']);
        let content = bare.trim_start_matches(' ');
        Line {
            raw,
            indent: bare.len() - content.len(),
            content: content.trim_end(),
        }
    }

    fn is_blank_or_comment(&self) -> bool {
        self.content.is_empty() || self.content.starts_with('#')
    }

    /// `title` for `title: …`, when the line is a plain key.
    fn key(&self) -> Option<&'a str> {
        let (key, rest) = self.content.split_once(':')?;
        let plain = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
        (plain && (rest.is_empty() || rest.starts_with([' ', '\t']))).then_some(key)
    }

    /// What follows `key:` on this line, split into the value and what comes after it
    /// (spaces and a comment), without the line ending.
    fn value_and_comment(&self) -> (&'a str, &'a str) {
        let bare = self.raw.trim_end_matches(['\n', '\r']);
        let after = bare.split_once(':').map_or("", |(_, rest)| rest);
        let rest = after.trim_start_matches([' ', '\t']);
        let end = value_end(rest);
        let (value, comment) = rest.split_at(end);
        (value, comment)
    }
}

/// Where a YAML value written on one line ends: after its closing quote or bracket, or
/// before ` #` for a plain one.
fn value_end(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    match bytes.first() {
        Some(b'"') => {
            let mut i = 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'"' => return i + 1,
                    _ => i += 1,
                }
            }
            rest.len()
        }
        Some(b'\'') => {
            let mut i = 1;
            while i < bytes.len() {
                if bytes[i] == b'\'' {
                    if bytes.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                i += 1;
            }
            rest.len()
        }
        _ => {
            let end = rest.find(" #").or_else(|| rest.find("\t#"));
            end.map_or(rest.trim_end().len(), |e| rest[..e].trim_end().len())
        }
    }
}

/// An entry of a mapping: the line of its key and the lines of its value after it.
#[derive(Debug, Clone, Copy)]
struct Entry {
    start: usize,
    /// One past its last line.
    end: usize,
}

/// The lines after `start` that belong to the value of the key on it; comments and
/// blank lines at its end belong to what follows.
fn entry_at(lines: &[Line], start: usize, limit: usize) -> Entry {
    let indent = lines[start].indent;
    let value_on_line = !lines[start].value_and_comment().0.is_empty();
    let mut end = start + 1;
    for (i, line) in lines.iter().enumerate().take(limit).skip(start + 1) {
        if line.is_blank_or_comment() {
            continue;
        }
        let list_item = line.indent == indent && !value_on_line && is_list_item(line.content);
        if line.indent > indent || list_item {
            end = i + 1;
        } else {
            break;
        }
    }
    Entry { start, end }
}

fn is_list_item(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// The entry of `key` among the lines `from..to` at `indent`.
fn find(lines: &[Line], from: usize, to: usize, indent: usize, key: &str) -> Option<Entry> {
    (from..to)
        .find(|&i| lines[i].indent == indent && lines[i].key() == Some(key))
        .map(|i| entry_at(lines, i, to))
}

fn apply_one(
    front: &str,
    change: &Change,
    before: &YamlValue,
    newline: &str,
) -> Result<String, PatchError> {
    let lines: Vec<Line> = front.split_inclusive('\n').map(Line::of).collect();
    let unsafe_change = || PatchError::Unsafe(change.path().join("."));
    match change.path() {
        [key] => {
            let found = find(&lines, 1, lines.len(), 0, key);
            Ok(match (found, change) {
                (Some(entry), Change::Set(_, value)) => {
                    let text = write_entry(&lines, entry, "", key, value, newline);
                    splice(&lines, entry.start, entry.end, &text)
                }
                (Some(entry), Change::Remove(_)) => splice(&lines, entry.start, entry.end, ""),
                (None, Change::Set(_, value)) => {
                    let text = format!("{key}:{}{newline}", inline(value, Quote::Plain, ""));
                    let at = end_of_content(&lines);
                    splice(&lines, at, at, &text)
                }
                (None, Change::Remove(_)) => front.to_owned(),
            })
        }
        [parent, key] => patch_in_block(&lines, parent, key, change, before, newline),
        _ => Err(unsafe_change()),
    }
}

/// Changes `parent.key`: in the parent's block when it is written as one, else the
/// parent's value is written again on its own line (flow style, `{ nummer: 3 }`).
fn patch_in_block(
    lines: &[Line],
    parent: &str,
    key: &str,
    change: &Change,
    before: &YamlValue,
    newline: &str,
) -> Result<String, PatchError> {
    let Some(block) = find(lines, 1, lines.len(), 0, parent) else {
        return Ok(match change {
            Change::Set(_, value) => {
                let text = format!(
                    "{parent}:{newline}  {key}:{}{newline}",
                    inline(value, Quote::Plain, "  ")
                );
                let at = end_of_content(lines);
                splice(lines, at, at, &text)
            }
            Change::Remove(_) => join(lines),
        });
    };
    let (written, comment) = lines[block.start].value_and_comment();
    if !written.is_empty() {
        return rewrite_flow_parent(lines, block, parent, comment, change, before, newline);
    }
    let children = block.start + 1..block.end;
    let child_indent = children
        .clone()
        .map(|i| &lines[i])
        .find(|l| !l.is_blank_or_comment())
        .map_or(2, |l| l.indent);
    if child_indent == 0 {
        return Err(PatchError::Unsafe(format!("{parent}.{key}")));
    }
    let pad = " ".repeat(child_indent);
    let found = find(lines, children.start, children.end, child_indent, key);
    Ok(match (found, change) {
        (Some(entry), Change::Set(_, value)) => {
            let text = write_entry(lines, entry, &pad, key, value, newline);
            splice(lines, entry.start, entry.end, &text)
        }
        (Some(entry), Change::Remove(_)) => {
            let others = children
                .filter(|i| !(entry.start..entry.end).contains(i))
                .any(|i| !lines[i].is_blank_or_comment());
            if others {
                splice(lines, entry.start, entry.end, "")
            } else {
                // The block would be empty: `extra:` alone means nothing (null), so it goes too.
                let kept: String = (block.start + 1..block.end)
                    .filter(|i| !(entry.start..entry.end).contains(i))
                    .map(|i| lines[i].raw)
                    .collect();
                splice(lines, block.start, block.end, &kept)
            }
        }
        (None, Change::Set(_, value)) => {
            let text = format!("{pad}{key}:{}{newline}", inline(value, Quote::Plain, &pad));
            splice(lines, block.end, block.end, &text)
        }
        (None, Change::Remove(_)) => join(lines),
    })
}

/// A parent written on one line (`extra: { nummer: 3 }`) gets its whole value again, in
/// the same style, with the change; its comment stays.
fn rewrite_flow_parent(
    lines: &[Line],
    block: Entry,
    parent: &str,
    comment: &str,
    change: &Change,
    before: &YamlValue,
    newline: &str,
) -> Result<String, PatchError> {
    let current = before.get(parent).cloned();
    let mut map = match current {
        Some(YamlValue::Mapping(map)) => map,
        Some(YamlValue::Null) | None => YamlMapping::new(),
        Some(_) => return Err(PatchError::Unsafe(change.path().join("."))),
    };
    let key = change.path()[1].as_str();
    match change {
        Change::Set(_, value) => {
            map.insert(key.into(), value.clone());
        }
        Change::Remove(_) => {
            map.remove(key);
        }
    }
    if map.is_empty() {
        return Ok(splice(lines, block.start, block.end, ""));
    }
    let text = format!(
        "{parent}: {}{comment}{newline}",
        flow(&YamlValue::Mapping(map))
    );
    Ok(splice(lines, block.start, block.end, &text))
}

/// The lines of an entry with its new value, in the style the old one was written in.
fn write_entry(
    lines: &[Line],
    entry: Entry,
    pad: &str,
    key: &str,
    value: &YamlValue,
    newline: &str,
) -> String {
    let first = lines[entry.start];
    let (old, comment) = first.value_and_comment();
    let one_line = entry.end == entry.start + 1;
    let comment = if one_line { comment } else { "" };
    let block_items: Vec<&Line> = (entry.start + 1..entry.end)
        .map(|i| &lines[i])
        .filter(|l| is_list_item(l.content))
        .collect();
    let style = block_items
        .first()
        .map_or_else(|| Quote::of(old), |l| Quote::of(item_text(l.content)));
    if let (YamlValue::Sequence(items), Some(first_item)) = (value, block_items.first())
        && !items.is_empty()
    {
        let item_pad = " ".repeat(first_item.indent);
        let mut text = format!("{pad}{key}:{newline}");
        for item in items {
            text.push_str(&format!("{item_pad}- {}{newline}", scalar(item, style)));
        }
        return text;
    }
    format!("{pad}{key}:{}{comment}{newline}", inline(value, style, pad))
}

fn item_text(content: &str) -> &str {
    content.strip_prefix('-').unwrap_or(content).trim_start()
}

/// ` value` for after `key:`: a scalar, or a list in brackets.
fn inline(value: &YamlValue, style: Quote, _pad: &str) -> String {
    match value {
        YamlValue::Sequence(_) | YamlValue::Mapping(_) => format!(" {}", flow(value)),
        other => format!(" {}", scalar(other, style)),
    }
}

/// A value in YAML's flow style, on one line: `[Leren, "Werken en ondernemen"]`.
fn flow(value: &YamlValue) -> String {
    match value {
        YamlValue::Sequence(items) => {
            let items: Vec<String> = items.iter().map(flow).collect();
            format!("[{}]", items.join(", "))
        }
        YamlValue::Mapping(map) => {
            let pairs: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", flow(k), flow(v)))
                .collect();
            format!("{{ {} }}", pairs.join(", "))
        }
        other => scalar_in_flow(other),
    }
}

fn scalar_in_flow(value: &YamlValue) -> String {
    match value {
        YamlValue::String(s) if plain_safe(s) && !s.contains([',', '[', ']', '{', '}']) => {
            s.clone()
        }
        YamlValue::String(s) => double_quoted(s),
        other => scalar(other, Quote::Plain),
    }
}

/// How the old value was quoted; a new value is written the same way when it can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    Plain,
    Single,
    Double,
}

impl Quote {
    fn of(written: &str) -> Quote {
        match written.as_bytes().first() {
            Some(b'"') => Quote::Double,
            Some(b'\'') => Quote::Single,
            _ => Quote::Plain,
        }
    }
}

/// A scalar as YAML: numbers and booleans as they are, text plain when that reads back
/// as the same text, else quoted.
fn scalar(value: &YamlValue, style: Quote) -> String {
    match value {
        YamlValue::String(s) => match style {
            Quote::Double => double_quoted(s),
            Quote::Single if !s.chars().any(char::is_control) => {
                format!("'{}'", s.replace('\'', "''"))
            }
            _ if plain_safe(s) => s.clone(),
            _ => double_quoted(s),
        },
        YamlValue::Null => "null".to_owned(),
        other => yaml::to_inline(other),
    }
}

fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `s` may be written without quotes and still read back as this text.
fn plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let special_start = "-?:,[]{}#&*!|>'\"%@`".contains(first);
    let ends_badly = s.ends_with(':') || s.ends_with(' ');
    if special_start
        || ends_badly
        || first == ' '
        || s.contains(": ")
        || s.contains(" #")
        || s.chars().any(char::is_control)
    {
        return false;
    }
    matches!(
        yaml::parse_value(&format!("v: {s}")).ok().and_then(|v| v.get("v").cloned()),
        Some(YamlValue::String(read)) if read == s
    )
}

/// Lines `from..to` replaced by `text`.
fn splice(lines: &[Line], from: usize, to: usize, text: &str) -> String {
    let mut out: String = lines[..from].iter().map(|l| l.raw).collect();
    out.push_str(text);
    out.extend(lines[to..].iter().map(|l| l.raw));
    out
}

fn join(lines: &[Line]) -> String {
    lines.iter().map(|l| l.raw).collect()
}

/// Where a new top-level field goes: after the last line that is not blank or a
/// comment, so a comment closing the front matter stays last. A last line without a line
/// ending cannot happen: the closing `---` follows it.
fn end_of_content(lines: &[Line]) -> usize {
    (1..lines.len())
        .rev()
        .find(|&i| !lines[i].is_blank_or_comment())
        .map_or(lines.len(), |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(path: &str, value: YamlValue) -> Change {
        Change::Set(path.split('.').map(str::to_owned).collect(), value)
    }

    fn remove(path: &str) -> Change {
        Change::Remove(path.split('.').map(str::to_owned).collect())
    }

    fn text(s: &str) -> YamlValue {
        YamlValue::String(s.to_owned())
    }

    fn list(items: &[&str]) -> YamlValue {
        YamlValue::Sequence(items.iter().map(|s| text(s)).collect())
    }

    const SPEERPUNT: &str = "---\n# Het eerste speerpunt.\ntitle: \"Op de agenda houden\" # kort\ndescription: 'De themagroep houdt het rapport op de agenda.'\ntaxonomies:\n  themas:\n    - Leren\n    - Werken en ondernemen\nextra:\n  nummer: 1 # volgorde\n  bron: G40\n---\n\nDe tekst.\n";

    #[test]
    fn no_change_keeps_every_byte() {
        assert_eq!(apply(SPEERPUNT, &[], None).unwrap(), SPEERPUNT);
        let crlf = SPEERPUNT.replace('\n', "\r\n");
        assert_eq!(apply(&crlf, &[], None).unwrap(), crlf);
        let body_same = apply(SPEERPUNT, &[], Some("\nDe tekst.\n")).unwrap();
        assert_eq!(body_same, SPEERPUNT);
    }

    #[test]
    fn a_title_change_touches_only_its_line_and_keeps_quotes_and_comment() {
        let out = apply(SPEERPUNT, &[set("title", text("Borstlap \"nu\""))], None).unwrap();
        assert_eq!(
            out,
            SPEERPUNT.replace(
                "title: \"Op de agenda houden\" # kort",
                "title: \"Borstlap \\\"nu\\\"\" # kort"
            )
        );
        let out = apply(
            SPEERPUNT,
            &[set("description", text("Het kabinet's plan"))],
            None,
        )
        .unwrap();
        assert!(
            out.contains("description: 'Het kabinet''s plan'\n"),
            "{out}"
        );
    }

    #[test]
    fn a_plain_value_stays_plain_when_it_can() {
        let out = apply(SPEERPUNT, &[set("extra.bron", text("VNG"))], None).unwrap();
        assert_eq!(out, SPEERPUNT.replace("  bron: G40\n", "  bron: VNG\n"));
        let out = apply(
            SPEERPUNT,
            &[set("extra.bron", text("VNG: commissie"))],
            None,
        )
        .unwrap();
        assert!(out.contains("  bron: \"VNG: commissie\"\n"), "{out}");
        let out = apply(SPEERPUNT, &[set("extra.bron", text("true"))], None).unwrap();
        assert!(out.contains("  bron: \"true\"\n"), "{out}");
    }

    #[test]
    fn a_nested_number_keeps_its_comment() {
        let number = YamlValue::Number(3.into());
        let out = apply(SPEERPUNT, &[set("extra.nummer", number)], None).unwrap();
        assert_eq!(
            out,
            SPEERPUNT.replace("  nummer: 1 # volgorde", "  nummer: 3 # volgorde")
        );
    }

    #[test]
    fn a_block_list_stays_a_block_list() {
        let out = apply(
            SPEERPUNT,
            &[set("taxonomies.themas", list(&["Participeren"]))],
            None,
        )
        .unwrap();
        assert_eq!(
            out,
            SPEERPUNT.replace(
                "    - Leren\n    - Werken en ondernemen\n",
                "    - Participeren\n"
            )
        );
    }

    #[test]
    fn a_missing_field_is_added_at_the_end_or_in_its_block() {
        let out = apply(SPEERPUNT, &[set("date", text("2025-03-01"))], None).unwrap();
        assert!(
            out.ends_with("  bron: G40\ndate: 2025-03-01\n---\n\nDe tekst.\n"),
            "{out}"
        );
        let out = apply(SPEERPUNT, &[set("extra.status", text("concept"))], None).unwrap();
        assert!(
            out.contains("  bron: G40\n  status: concept\n---\n"),
            "{out}"
        );
        let out = apply(
            "---\ntitle: A\n---\n",
            &[set("extra.nummer", 8.into())],
            None,
        )
        .unwrap();
        assert_eq!(out, "---\ntitle: A\nextra:\n  nummer: 8\n---\n");
    }

    #[test]
    fn a_removed_field_takes_its_lines_and_an_emptied_block_goes_too() {
        let text_with_draft = SPEERPUNT.replace("extra:\n", "draft: true\nextra:\n");
        let out = apply(&text_with_draft, &[remove("draft")], None).unwrap();
        assert_eq!(out, SPEERPUNT);
        let out = apply(SPEERPUNT, &[remove("taxonomies.themas")], None).unwrap();
        assert!(!out.contains("taxonomies"), "{out}");
        assert!(out.contains("extra:\n  nummer: 1"), "{out}");
    }

    #[test]
    fn crlf_files_keep_crlf_and_new_lines_get_it_too() {
        let crlf = SPEERPUNT.replace('\n', "\r\n");
        let out = apply(
            &crlf,
            &[set("title", text("Nieuw")), set("date", text("2025-03-01"))],
            None,
        )
        .unwrap();
        assert!(!out.replace("\r\n", "").contains('\n'), "{out:?}");
        assert!(out.contains("title: \"Nieuw\" # kort\r\n"), "{out:?}");
        assert!(out.contains("date: 2025-03-01\r\n"), "{out:?}");
    }

    #[test]
    fn flow_style_blocks_are_written_again_on_their_line() {
        let front = "---\ntitle: A\ntaxonomies: { themas: [Leren] } # thema\n---\nTekst\n";
        let out = apply(
            front,
            &[set(
                "taxonomies.themas",
                list(&["Leren", "Werken en ondernemen"]),
            )],
            None,
        )
        .unwrap();
        assert_eq!(
            out,
            "---\ntitle: A\ntaxonomies: { themas: [Leren, Werken en ondernemen] } # thema\n---\nTekst\n"
        );
    }

    #[test]
    fn a_multi_line_value_is_replaced_whole() {
        let front = "---\ntitle: A\ndescription: >\n  Een lange\n  beschrijving.\n# over de datum\ndate: 2024-01-01\n---\n";
        let out = apply(front, &[set("description", text("Kort."))], None).unwrap();
        assert_eq!(
            out,
            "---\ntitle: A\ndescription: Kort.\n# over de datum\ndate: 2024-01-01\n---\n"
        );
    }

    #[test]
    fn the_body_is_replaced_and_the_front_matter_kept() {
        let out = apply(SPEERPUNT, &[], Some("\nNieuwe tekst.\n")).unwrap();
        assert_eq!(out, SPEERPUNT.replace("De tekst.", "Nieuwe tekst."));
    }

    #[test]
    fn a_patch_that_would_mean_something_else_is_refused() {
        // A key written twice: changing "the" title line cannot be made safe.
        let front = "---\ntitle: A\n\"title\": B\n---\n";
        assert!(apply(front, &[set("title", text("C"))], None).is_err());
    }
}
