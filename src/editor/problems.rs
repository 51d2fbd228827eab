//! A build's problems placed where the editor sees them: next to the field whose line
//! they name, at a line of the text, or in the list above the form for other files.

use serde::Serialize;

use super::form::{Field, FieldError};
use crate::error::Diagnostic;
use crate::messages::Lang;
use crate::yaml;

/// A problem as the editor page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The field it is about (`extra.nummer`), when it is about one.
    pub field: Option<String>,
    /// The line of the text box it is at, counting from 1.
    pub line: Option<usize>,
    /// `content/x.md:12:3`, as the build names it.
    pub location: String,
    pub message: String,
}

/// How the file was cut up for the form: where its text starts in the file, and its
/// front matter (to find a field's line), or the whole file in the text box.
pub struct Layout<'a> {
    pub key: &'a str,
    /// The file's front matter, with its opening `---` line; empty when the text box holds
    /// the whole file.
    pub yaml: &'a str,
    /// The line of the file the text box's first line is.
    pub first_line: usize,
    pub fields: &'a [Field],
}

/// The build's problems, then the form's own, in the editor's language.
pub fn place(
    diagnostics: &[Diagnostic],
    field_errors: &[FieldError],
    layout: &Layout,
    lang: Lang,
) -> Vec<Problem> {
    let own = std::path::Path::new("content").join(layout.key);
    let mut problems: Vec<Problem> = field_errors
        .iter()
        .map(|error| Problem {
            field: Some(error.path.clone()),
            line: None,
            location: format!("content/{}", layout.key),
            message: error.message.text(lang),
        })
        .collect();
    for diagnostic in diagnostics {
        let mut message = diagnostic.message.text(lang);
        if let Some(hint) = &diagnostic.hint {
            let label = crate::msg!("help").text(lang);
            message.push_str(&format!(" ({label}: {})", hint.text(lang)));
        }
        let mut problem = Problem {
            field: None,
            line: None,
            location: diagnostic.location(),
            message,
        };
        if let (true, Some(position)) = (diagnostic.file == own, diagnostic.position) {
            if position.line >= layout.first_line {
                problem.line = Some(position.line - layout.first_line + 1);
            } else {
                problem.field = field_at(layout, position.line);
            }
        }
        problems.push(problem);
    }
    problems
}

/// The field whose entry holds line `line` of the front matter: the last field that
/// starts on or before it.
fn field_at(layout: &Layout, line: usize) -> Option<String> {
    layout
        .fields
        .iter()
        .filter_map(|field| {
            let parts: Vec<&str> = field.path.split('.').collect();
            let at = yaml::nested_key_position(layout.yaml, &parts)?;
            let exact = parts.len() == 1 || yaml::key_position(layout.yaml, parts[0]) != Some(at);
            (exact && at.line <= line).then_some((at.line, &field.path))
        })
        .max_by_key(|(at, _)| *at)
        .map(|(_, path)| path.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::form::Kind;
    use crate::error::Position;
    use crate::messages::Msg;

    #[test]
    fn problems_go_to_their_field_or_their_line() {
        let field = |path: &str| Field {
            path: path.into(),
            label: path.into(),
            kind: Kind::Line,
            required: false,
            help: None,
        };
        let fields = [field("title"), field("extra.nummer")];
        let yaml = "---\ntitle: A\nextra:\n  nummer: 100\n";
        let layout = Layout {
            key: "a.md",
            yaml,
            first_line: 6,
            fields: &fields,
        };
        let at = |line| {
            Diagnostic::new("content/a.md", Msg::literal("x")).at("", Position { line, column: 3 })
        };
        let placed = place(
            &[
                at(4),
                at(8),
                Diagnostic::new("content/b.md", Msg::literal("y")),
            ],
            &[],
            &layout,
            Lang::En,
        );
        assert_eq!(placed[0].field.as_deref(), Some("extra.nummer"));
        assert_eq!(placed[1].line, Some(3));
        assert_eq!(placed[1].location, "content/a.md:8:3");
        assert_eq!((placed[2].field.as_ref(), placed[2].line), (None, None));
    }
}
