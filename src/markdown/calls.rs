//! The syntax of a shortcode call, as Zola writes it: `{{ figuur(src="kaart.png") }}`
//! inline, `{% kader(soort="let-op") %}` to open a body and `{% end %}` to close it.
//! Arguments are named; their values are text in double or single quotes (with `\"`,
//! `\'`, `\\`, `\n` and `\t`), whole or decimal numbers, `true`/`false`, and lists of these.
//!
//! Pure: a call is read from text at an offset, so the rules are tested directly.

use std::ops::Range;

use crate::messages::Msg;
use crate::msg;

/// A value an editor wrote for an argument.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgValue {
    Text(String),
    Integer(i64),
    Float(f64),
    Bool(bool),
    List(Vec<ArgValue>),
}

impl ArgValue {
    /// What the value is, as the catalogue's messages select it (`arg-wrong-type`).
    pub fn kind(&self) -> &'static str {
        match self {
            ArgValue::Text(_) => "text",
            ArgValue::Integer(_) => "integer",
            ArgValue::Float(_) => "decimal",
            ArgValue::Bool(_) => "boolean",
            ArgValue::List(_) => "list",
        }
    }
}

/// One `name=value` of a call.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    pub name: String,
    pub value: ArgValue,
    /// Where the name starts in the text.
    pub offset: usize,
}

/// Which of the three tags a call is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `{{ name(…) }}`: replaced by the shortcode's output.
    Inline,
    /// `{% name(…) %}`: its body runs to the matching `{% end %}`.
    Open,
    /// `{% end %}`.
    End,
}

/// A shortcode tag as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// Empty for `{% end %}`.
    pub name: String,
    pub args: Vec<Arg>,
    pub form: Form,
    /// The whole tag in the text, delimiters included.
    pub range: Range<usize>,
    /// How many calls of this shortcode the text has up to and including this one.
    pub nth: usize,
}

/// Why a tag that starts like a call cannot be read.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: Msg,
    pub hint: Msg,
}

/// Reads the tag at `at`, which starts with `{{` or `{%`. `Ok(None)` when it is no
/// shortcode call (`{{ x }}`, `{% if %}`): such text stays as it is. Once a name and `(`
/// are read, anything wrong after them is an error.
pub fn read(text: &str, at: usize) -> Result<Option<Call>, SyntaxError> {
    let mut reader = Reader { text, at, depth: 0 };
    let close = match reader.rest().get(..2) {
        Some("{{") => "}}",
        Some("{%") => "%}",
        _ => return Ok(None),
    };
    reader.at += 2;
    reader.skip_space();
    if close == "}}" && reader.rest().starts_with(['<', '%']) {
        return Err(hugo_call(&mut reader));
    }
    let Some(name) = reader.identifier() else {
        return Ok(None);
    };
    reader.skip_space();
    if name == "end" && close == "%}" && reader.rest().starts_with("%}") {
        reader.at += 2;
        return Ok(Some(Call {
            name: String::new(),
            args: Vec::new(),
            form: Form::End,
            range: at..reader.at,
            nth: 0,
        }));
    }
    if !reader.rest().starts_with('(') {
        return Ok(None);
    }
    reader.at += 1;
    let args = reader.arguments(&name)?;
    reader.skip_space();
    if !reader.rest().starts_with(close) {
        let (open, form) = if close == "}}" {
            ("{{", "inline")
        } else {
            ("{%", "body")
        };
        return Err(reader.error(
            msg!("call-not-ended", close = close, name = &name),
            msg!(
                "call-form-hint",
                form = form,
                example = format!("{open} {name}(…) {close}")
            ),
        ));
    }
    reader.at += 2;
    Ok(Some(Call {
        name,
        args,
        form: if close == "}}" {
            Form::Inline
        } else {
            Form::Open
        },
        range: at..reader.at,
        nth: 0,
    }))
}

/// `{{< youtube abc >}}` and `{{% note %}}` are how Hugo calls shortcodes; in a page
/// imported from a Hugo site they would be published as they are.
fn hugo_call(reader: &mut Reader) -> SyntaxError {
    let offset = reader.at - 2;
    reader.at += 1;
    reader.skip_space();
    let name = reader.identifier().unwrap_or_else(|| "name".to_owned());
    SyntaxError {
        offset,
        message: msg!("hugo-call"),
        hint: msg!("hugo-call-hint", example = format!("{{{{ {name}(…) }}}}")),
    }
}

struct Reader<'t> {
    text: &'t str,
    at: usize,
    /// How many lists the reader is inside: lists in lists are read recursively, so a
    /// page of `[[[[…` must stop at a depth, not overflow the stack.
    depth: usize,
}

/// Deeper than any shortcode needs; far below what the stack holds.
const MAX_LIST_DEPTH: usize = 16;

impl Reader<'_> {
    fn rest(&self) -> &str {
        &self.text[self.at..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    fn error(&self, message: Msg, hint: Msg) -> SyntaxError {
        SyntaxError {
            offset: self.at,
            message,
            hint,
        }
    }

    /// A name: a letter or `_`, then letters, digits and `_`.
    fn identifier(&mut self) -> Option<String> {
        let rest = self.rest();
        let first = rest.chars().next()?;
        if !(first.is_ascii_alphabetic() || first == '_') {
            return None;
        }
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let name = rest[..end].to_owned();
        self.at += end;
        Some(name)
    }

    /// `name=value, …)`, after the `(`; reads the `)`.
    fn arguments(&mut self, shortcode: &str) -> Result<Vec<Arg>, SyntaxError> {
        let mut args: Vec<Arg> = Vec::new();
        loop {
            self.skip_space();
            if self.rest().starts_with(')') {
                self.at += 1;
                return Ok(args);
            }
            let offset = self.at;
            let Some(name) = self.identifier() else {
                return Err(self.error(
                    msg!("call-expected-argument", name = shortcode),
                    msg!("call-argument-hint"),
                ));
            };
            self.skip_space();
            if !self.rest().starts_with('=') {
                return Err(self.error(
                    msg!("call-expected-equals", name = &name),
                    msg!("call-write", example = format!("{name}=\"…\"")),
                ));
            }
            self.at += 1;
            self.skip_space();
            let value = self.value(&name)?;
            if args.iter().any(|a| a.name == name) {
                return Err(SyntaxError {
                    offset,
                    message: msg!("call-given-twice", name = name),
                    hint: msg!("call-given-twice-hint"),
                });
            }
            args.push(Arg {
                name,
                value,
                offset,
            });
            self.skip_space();
            match self.peek() {
                Some(',') => self.at += 1,
                Some(')') => {}
                _ => {
                    return Err(self.error(
                        msg!("call-expected-comma"),
                        msg!("call-expected-comma-hint"),
                    ));
                }
            }
        }
    }

    fn value(&mut self, argument: &str) -> Result<ArgValue, SyntaxError> {
        match self.peek() {
            Some(quote @ ('"' | '\'')) => self.string(quote).map(ArgValue::Text),
            Some('[') => self.list(argument),
            Some(c) if c.is_ascii_digit() || c == '-' || c == '+' => self.number(),
            _ => {
                if let Some(word) = self.identifier() {
                    match word.as_str() {
                        "true" => return Ok(ArgValue::Bool(true)),
                        "false" => return Ok(ArgValue::Bool(false)),
                        _ => {
                            self.at -= word.len();
                            return Err(self.error(
                                msg!("call-not-a-value", word = &word),
                                msg!(
                                    "call-quote-text",
                                    example = format!("{argument}=\"{word}\"")
                                ),
                            ));
                        }
                    }
                }
                Err(self.error(
                    msg!("call-expected-value", name = argument),
                    msg!("call-value-hint"),
                ))
            }
        }
    }

    fn string(&mut self, quote: char) -> Result<String, SyntaxError> {
        let start = self.at;
        self.at += 1;
        let mut out = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                c if c == quote => {
                    self.at += i + 1;
                    return Ok(out);
                }
                '\\' => {
                    let escaped = chars.next().map(|(_, e)| e);
                    match escaped {
                        Some('n') => out.push('\n'),
                        Some('t') => out.push('\t'),
                        Some(e @ ('\\' | '"' | '\'')) => out.push(e),
                        other => {
                            let shown = other.map(String::from).unwrap_or_default();
                            return Err(SyntaxError {
                                offset: self.at + i,
                                message: msg!("call-unknown-escape", escape = format!("\\{shown}")),
                                hint: msg!("call-escape-hint"),
                            });
                        }
                    }
                }
                c => out.push(c),
            }
        }
        Err(SyntaxError {
            offset: start,
            message: msg!("call-unclosed-text", quote = quote.to_string()),
            hint: msg!("call-unclosed-text-hint", quote = quote.to_string()),
        })
    }

    fn number(&mut self) -> Result<ArgValue, SyntaxError> {
        let start = self.at;
        let rest = self.rest();
        let end = rest
            .char_indices()
            .skip(1)
            .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == '_'))
            .map_or(rest.len(), |(i, _)| i);
        let written = &rest[..end];
        let clean = written.replace('_', "");
        let value = if clean.contains('.') {
            clean.parse::<f64>().ok().map(ArgValue::Float)
        } else {
            clean.parse::<i64>().ok().map(ArgValue::Integer)
        };
        match value {
            Some(value) => {
                self.at += end;
                Ok(value)
            }
            None => Err(SyntaxError {
                offset: start,
                message: msg!("not-a-number", value = written),
                hint: msg!("call-number-hint"),
            }),
        }
    }

    fn list(&mut self, argument: &str) -> Result<ArgValue, SyntaxError> {
        if self.depth == MAX_LIST_DEPTH {
            return Err(self.error(
                msg!("call-list-too-deep", depth = MAX_LIST_DEPTH),
                msg!("call-list-too-deep-hint"),
            ));
        }
        self.depth += 1;
        let list = self.list_items(argument);
        self.depth -= 1;
        list
    }

    fn list_items(&mut self, argument: &str) -> Result<ArgValue, SyntaxError> {
        let start = self.at;
        self.at += 1;
        let mut items = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                Some(']') => {
                    self.at += 1;
                    return Ok(ArgValue::List(items));
                }
                None => {
                    return Err(SyntaxError {
                        offset: start,
                        message: msg!("call-unclosed-list"),
                        hint: msg!("call-unclosed-list-hint"),
                    });
                }
                _ => {}
            }
            items.push(self.value(argument)?);
            self.skip_space();
            match self.peek() {
                Some(',') => self.at += 1,
                Some(']') => {}
                _ => {
                    return Err(self.error(
                        msg!("call-expected-list-comma"),
                        msg!("call-expected-list-comma-hint"),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(text: &str) -> Call {
        read(text, 0).unwrap().expect("a call")
    }

    fn error(text: &str) -> SyntaxError {
        read(text, 0).unwrap_err()
    }

    /// The English message of the mistake in `text`.
    fn message(text: &str) -> String {
        error(text).message.english()
    }

    #[test]
    fn inline_and_body_calls_with_every_kind_of_value() {
        let c = call(
            "{{ figuur(src=\"kaart.png\", alt='Kaart \\'x\\'', breedte=480, schaal=-1.5, rand=true, lijst=[1, \"a\", [false]],) }}",
        );
        assert_eq!(c.name, "figuur");
        assert_eq!(c.form, Form::Inline);
        let values: Vec<&ArgValue> = c.args.iter().map(|a| &a.value).collect();
        assert_eq!(
            values,
            [
                &ArgValue::Text("kaart.png".into()),
                &ArgValue::Text("Kaart 'x'".into()),
                &ArgValue::Integer(480),
                &ArgValue::Float(-1.5),
                &ArgValue::Bool(true),
                &ArgValue::List(vec![
                    ArgValue::Integer(1),
                    ArgValue::Text("a".into()),
                    ArgValue::List(vec![ArgValue::Bool(false)])
                ]),
            ]
        );
        assert_eq!(c.args[1].offset, 27);
        let body = call("{%kader()%} rest");
        assert_eq!((body.form, body.range), (Form::Open, 0..11));
        let end = call("{%  end  %}");
        assert_eq!((end.form, end.range), (Form::End, 0..11));
    }

    #[test]
    fn calls_may_span_lines() {
        let c = call("{{ figuur(\n  src=\"a.png\",\n  alt=\"b\"\n) }}");
        assert_eq!(c.args.len(), 2);
    }

    #[test]
    fn other_template_syntax_is_no_call() {
        for text in [
            "{{ page.title }}",
            "{% if x %}",
            "{% endif %}",
            "{{ }}",
            "{ {x() }}",
            "{% end",
            "{%< x %}",
        ] {
            assert_eq!(read(text, 0), Ok(None), "{text}");
        }
    }

    #[test]
    fn mistakes_say_where_and_what() {
        let e = error("{{ figuur(src) }}");
        assert_eq!(
            (e.offset, e.message.english()),
            (13, "expected `=` after `src`".to_owned())
        );
        let e = error("{{ figuur(alt=\"open) }}");
        assert_eq!(e.offset, 14);
        assert_eq!(e.message.english(), "this text has no closing `\"`");
        assert_eq!(message("{{ figuur(alt=kaart) }}"), "`kaart` is not a value");
        assert_eq!(message("{{ figuur(a=1, a=2) }}"), "`a` is given twice");
        assert_eq!(
            message("{{ figuur(a=1 b=2) }}"),
            "expected `,` or `)` after an argument"
        );
        assert_eq!(
            message("{{ figuur(a=1) %}"),
            "expected `}}` to end the call of `figuur`"
        );
        assert_eq!(
            message("{{ figuur(a=\"\\q\") }}"),
            "unknown escape `\\q` in text"
        );
        assert_eq!(message("{{ f(a=[1, 2) }}"), "expected `,` or `]` in a list");
        assert_eq!(message("{{ f(a=1.2.3) }}"), "`1.2.3` is not a number");
    }

    #[test]
    fn deeply_nested_lists_are_an_error_not_a_stack_overflow() {
        let deep = format!("{{{{ a(x={}) }}}}", "[".repeat(100_000));
        assert!(
            error(&deep)
                .message
                .english()
                .contains("nested more than 16 deep")
        );
        let fine = format!("{{{{ a(x={}1{}) }}}}", "[".repeat(16), "]".repeat(16));
        assert_eq!(call(&fine).name, "a");
    }

    #[test]
    fn hugo_calls_are_pointed_out() {
        let e = error("{{< youtube abc >}}");
        assert_eq!(e.offset, 0);
        assert!(e.hint.english().contains("`{{ youtube(…) }}`"));
        assert!(message("{{% note %}}").starts_with("this is Hugo's way"));
    }

    #[test]
    fn reads_at_an_offset() {
        let text = "Zie {{ x(a=1) }} hier";
        let c = read(text, 4).unwrap().unwrap();
        assert_eq!(&text[c.range.clone()], "{{ x(a=1) }}");
        assert_eq!(c.args[0].offset, 9);
    }
}
