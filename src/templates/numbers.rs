//! Numbers as readers of the site's language write them: in Dutch 3.424 and 23,260
//! (thousands with `.`, decimals with `,`), in English 3,424 and 23.260. A number from a
//! data file keeps its digits exactly as written; nothing passes through a float unless
//! a template asks for rounding.

use tera::{Kwargs, State, Tera, TeraResult, Value};

use super::failure;
use crate::msg;

/// How a language writes numbers: the thousands and the decimal separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notation {
    pub thousands: char,
    pub decimal: char,
}

impl Notation {
    /// English groups with `,`; Dutch, and the other languages keten's sites use, with `.`.
    pub fn for_language(language: &str) -> Notation {
        if language.starts_with("en") {
            Notation {
                thousands: ',',
                decimal: '.',
            }
        } else {
            Notation {
                thousands: '.',
                decimal: ',',
            }
        }
    }
}

/// A number as written: its sign, the digits before and after the decimal separator, and
/// whether it is a percentage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    negative: bool,
    whole: String,
    fraction: String,
    percent: bool,
}

impl Written {
    /// Reads `text`, whose decimal separator is `decimal` (`.` or `,`); the other one may
    /// group thousands, in groups of three. `None` when it is no number.
    pub fn parse(text: &str, decimal: char) -> Option<Written> {
        let mut rest = text.trim();
        let percent = match rest.strip_suffix('%') {
            Some(number) => {
                rest = number.trim_end();
                true
            }
            None => false,
        };
        let negative = rest.starts_with(['-', '\u{2212}']);
        if let Some(sign) = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '-' | '+' | '\u{2212}'))
        {
            rest = &rest[sign.len_utf8()..];
        }
        let thousands = if decimal == ',' { '.' } else { ',' };
        let (whole, fraction) = rest.split_once(decimal).unwrap_or((rest, ""));
        if rest.contains(decimal) && fraction.is_empty() {
            return None;
        }
        let groups: Vec<&str> = whole.split(thousands).collect();
        let grouped = groups.len() > 1;
        let groups_ok = groups.iter().enumerate().all(|(i, g)| {
            let digits = !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
            match (grouped, i) {
                (false, _) => digits,
                (true, 0) => digits && g.len() <= 3,
                (true, _) => digits && g.len() == 3,
            }
        });
        if !groups_ok || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(Written {
            negative,
            whole: groups.concat(),
            fraction: fraction.to_owned(),
            percent,
        })
    }

    /// A number from a template value (an integer or a float).
    pub fn from_f64(value: f64, decimals: Option<usize>) -> Written {
        let text = match decimals {
            Some(decimals) => format!("{:.*}", decimals, value.abs()),
            None => format!("{}", value.abs()),
        };
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        Written {
            negative: value < 0.0 && text.bytes().any(|b| matches!(b, b'1'..=b'9')),
            whole: whole.to_owned(),
            fraction: fraction.to_owned(),
            percent: false,
        }
    }

    pub fn value(&self) -> f64 {
        let text = format!(
            "{}{}.{}",
            if self.negative { "-" } else { "" },
            self.whole,
            if self.fraction.is_empty() {
                "0"
            } else {
                &self.fraction
            }
        );
        text.parse().unwrap_or(0.0)
    }

    /// The same number with exactly `decimals` digits after the separator.
    pub fn rounded(&self, decimals: usize) -> Written {
        let mut rounded = Written::from_f64(self.value(), Some(decimals));
        rounded.percent = self.percent;
        rounded
    }

    /// Written in `notation`: `3.424`, `23,260`, `-1.000.000`, `12,5%`.
    pub fn format(&self, notation: Notation) -> String {
        let whole = self.whole.trim_start_matches('0');
        let whole = if whole.is_empty() { "0" } else { whole };
        let mut out = String::with_capacity(whole.len() + self.fraction.len() + 4);
        if self.negative {
            out.push('-');
        }
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                out.push(notation.thousands);
            }
            out.push(digit);
        }
        if !self.fraction.is_empty() {
            out.push(notation.decimal);
            out.push_str(&self.fraction);
        }
        if self.percent {
            out.push('%');
        }
        out
    }
}

/// The decimal separator a template names to the filter or test `name`: `decimal=","`
/// or `"."` (the default).
fn decimal_of(kwargs: &Kwargs, name: &str) -> TeraResult<char> {
    match kwargs.get::<&str>("decimal")? {
        None | Some(".") => Ok('.'),
        Some(",") => Ok(','),
        Some(other) => Err(failure(name, msg!("decimal-option", value = other))),
    }
}

/// A template value as a number: a number, or text that reads as one.
fn written(value: &Value, decimal: char) -> Option<Written> {
    if let Some(text) = value.as_str() {
        return Written::parse(text, decimal);
    }
    value.as_f64().map(|v| {
        if value.as_i64().is_some() {
            Written::from_f64(v, Some(0))
        } else {
            Written::from_f64(v, None)
        }
    })
}

/// Registers `format_number`, `filesize` and the test `numeric`.
pub fn register(tera: &mut Tera, language: &str) {
    let notation = Notation::for_language(language);
    tera.register_filter(
        "format_number",
        move |value: &Value, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let decimal = decimal_of(&kwargs, "format_number")?;
            let number = written(value, decimal).ok_or_else(|| {
                failure(
                    "format_number",
                    msg!("not-a-number", value = value.to_string()),
                )
            })?;
            let number = match kwargs.get::<usize>("decimals")? {
                Some(decimals) => number.rounded(decimals),
                None => number,
            };
            Ok(number.format(notation))
        },
    );
    tera.register_test(
        "numeric",
        |value: &Value, kwargs: Kwargs, _: &State| -> TeraResult<bool> {
            Ok(written(value, decimal_of(&kwargs, "numeric")?).is_some())
        },
    );
    tera.register_filter("filesize", move |bytes: u64, _: Kwargs, _: &State| {
        file_size(bytes, notation)
    });
}

/// `1 kB` for anything under a kilobyte, `14 kB`, `1,2 MB`, `3,4 GB`: how file lists
/// show sizes.
pub fn file_size(bytes: u64, notation: Notation) -> String {
    const KB: f64 = 1000.0;
    let bytes = bytes as f64;
    if bytes < KB * KB {
        let kb = (bytes / KB).round().max(1.0);
        return format!("{} kB", Written::from_f64(kb, Some(0)).format(notation));
    }
    let (value, unit) = if bytes < KB * KB * KB {
        (bytes / KB / KB, "MB")
    } else {
        (bytes / KB / KB / KB, "GB")
    };
    format!(
        "{} {unit}",
        Written::from_f64(value, Some(1)).format(notation)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const NL: Notation = Notation {
        thousands: '.',
        decimal: ',',
    };

    fn nl(text: &str, decimal: char) -> Option<String> {
        Written::parse(text, decimal).map(|w| w.format(NL))
    }

    #[test]
    fn dutch_notation_groups_thousands_and_keeps_decimals_as_written() {
        assert_eq!(nl("3424", '.').as_deref(), Some("3.424"));
        assert_eq!(nl("3.424", ',').as_deref(), Some("3.424"));
        assert_eq!(nl("23.260", '.').as_deref(), Some("23,260"));
        assert_eq!(nl("23,260", ',').as_deref(), Some("23,260"));
        assert_eq!(nl("-1234567,5", ',').as_deref(), Some("-1.234.567,5"));
        assert_eq!(nl("12,5 %", ',').as_deref(), Some("12,5%"));
        assert_eq!(nl("842", ',').as_deref(), Some("842"));
        assert_eq!(nl("0,5", ',').as_deref(), Some("0,5"));
        let en = Notation::for_language("en");
        assert_eq!(Written::parse("3.424", ',').unwrap().format(en), "3,424");
    }

    #[test]
    fn text_and_badly_grouped_digits_are_no_numbers() {
        for text in [
            "",
            "Totaal",
            "1.5",
            "12.34.567",
            "3,",
            "1,2,3",
            "-",
            "2019a",
            "1 000",
        ] {
            assert_eq!(Written::parse(text, ','), None, "{text}");
        }
        assert!(Written::parse("1.5", '.').is_some());
    }

    #[test]
    fn values_and_rounding() {
        let w = Written::parse("3.424", ',').unwrap();
        assert_eq!(w.value(), 3424.0);
        assert_eq!(w.rounded(1).format(NL), "3.424,0");
        let w = Written::parse("23,267", ',').unwrap();
        assert_eq!(w.rounded(1).format(NL), "23,3");
        assert_eq!(Written::from_f64(-0.04, Some(1)).format(NL), "0,0");
    }

    #[test]
    fn file_sizes_the_dutch_way() {
        assert_eq!(file_size(12, NL), "1 kB");
        assert_eq!(file_size(14_400, NL), "14 kB");
        assert_eq!(file_size(1_234_567, NL), "1,2 MB");
        assert_eq!(file_size(3_400_000_000, NL), "3,4 GB");
    }
}
