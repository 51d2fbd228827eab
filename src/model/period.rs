//! The period an edition of the agenda covers, read from its folder name: `2024-2025`,
//! `2025`, `2025-voorjaar` / `2025-najaar`, `2025-1` / `2025-2`. Editions are ordered by
//! period (not by name: `2025-najaar` comes after `2025-voorjaar`), a page can say that
//! its edition's period is over, and `agenda new` rewrites the way texts write it.

use chrono::NaiveDate;

/// A period: its first and last day, and how its name was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    /// The last day it covers.
    pub end: NaiveDate,
    form: Form,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `2024-2025`.
    Years(i32, i32),
    /// `2025`.
    Year(i32),
    /// `2025-voorjaar`, `2025-najaar`: the first or second half of a year.
    Season(i32, Half),
    /// `2025-1`, `2025-2`.
    Half(i32, Half),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Half {
    First,
    Second,
}

impl Period {
    /// Reads a folder name; `None` for a name that is no period keten knows.
    pub fn parse(name: &str) -> Option<Period> {
        let (year, rest) = match name.split_once('-') {
            Some((year, rest)) => (year, Some(rest)),
            None => (name, None),
        };
        let year = four_digits(year)?;
        let form = match rest {
            None => Form::Year(year),
            Some("voorjaar") => Form::Season(year, Half::First),
            Some("najaar") => Form::Season(year, Half::Second),
            Some("1") => Form::Half(year, Half::First),
            Some("2") => Form::Half(year, Half::Second),
            Some(other) => {
                let last = four_digits(other)?;
                if last < year || last > year + 10 {
                    return None;
                }
                Form::Years(year, last)
            }
        };
        let (start, end) = form.days()?;
        Some(Period { start, end, form })
    }

    /// Whether the period is over on `today`.
    pub fn has_ended(&self, today: NaiveDate) -> bool {
        today > self.end
    }

    /// How running text writes it: `2024-2025`, `2025`, `voorjaar 2025`, `eerste helft 2025`.
    pub fn words(&self) -> String {
        match self.form {
            Form::Years(a, b) => format!("{a}-{b}"),
            Form::Year(y) => y.to_string(),
            Form::Season(y, half) => format!("{} {y}", half.season()),
            Form::Half(y, half) => format!("{} {y}", half.ordinal()),
        }
    }

    /// How titles write it: `'24-'25`, `'25`, `voorjaar '25`, `eerste helft '25`.
    pub fn short(&self) -> String {
        let two = |y: i32| format!("'{:02}", y.rem_euclid(100));
        match self.form {
            Form::Years(a, b) => format!("{}-{}", two(a), two(b)),
            Form::Year(y) => two(y),
            Form::Season(y, half) => format!("{} {}", half.season(), two(y)),
            Form::Half(y, half) => format!("{} {}", half.ordinal(), two(y)),
        }
    }

    /// Other ways texts write it, such as `2024 en 2025`.
    pub fn variants(&self) -> Vec<String> {
        match self.form {
            Form::Years(a, b) => vec![format!("{a} en {b}"), format!("{a}–{b}")],
            _ => Vec::new(),
        }
    }

    /// The calendar years it touches.
    pub fn years(&self) -> Vec<i32> {
        match self.form {
            Form::Years(a, b) => (a..=b).collect(),
            Form::Year(y) | Form::Season(y, _) | Form::Half(y, _) => vec![y],
        }
    }

    /// The folder name of the period after it, in the same form: `2026-2027` after
    /// `2024-2025`, `2025-najaar` after `2025-voorjaar`.
    pub fn next_name(&self) -> String {
        match self.form {
            Form::Years(a, b) => format!("{}-{}", b + 1, b + 1 + (b - a)),
            Form::Year(y) => (y + 1).to_string(),
            Form::Season(y, Half::First) => format!("{y}-najaar"),
            Form::Season(y, Half::Second) => format!("{}-voorjaar", y + 1),
            Form::Half(y, Half::First) => format!("{y}-2"),
            Form::Half(y, Half::Second) => format!("{}-1", y + 1),
        }
    }
}

impl Form {
    fn days(self) -> Option<(NaiveDate, NaiveDate)> {
        let day = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
        match self {
            Form::Years(a, b) => Some((day(a, 1, 1)?, day(b, 12, 31)?)),
            Form::Year(y) => Some((day(y, 1, 1)?, day(y, 12, 31)?)),
            Form::Season(y, Half::First) | Form::Half(y, Half::First) => {
                Some((day(y, 1, 1)?, day(y, 6, 30)?))
            }
            Form::Season(y, Half::Second) | Form::Half(y, Half::Second) => {
                Some((day(y, 7, 1)?, day(y, 12, 31)?))
            }
        }
    }
}

impl Half {
    fn season(self) -> &'static str {
        match self {
            Half::First => "voorjaar",
            Half::Second => "najaar",
        }
    }

    fn ordinal(self) -> &'static str {
        match self {
            Half::First => "eerste helft",
            Half::Second => "tweede helft",
        }
    }
}

fn four_digits(text: &str) -> Option<i32> {
    (text.len() == 4 && text.chars().all(|c| c.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
        .filter(|y| (1900..=2999).contains(y))
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Period) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Period {
    /// By first day, then by last day: `2025-voorjaar` before `2025-najaar`, both after
    /// `2024-2025`'s start.
    fn cmp(&self, other: &Period) -> std::cmp::Ordering {
        (self.start, self.end).cmp(&(other.start, other.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(name: &str) -> Period {
        Period::parse(name).unwrap_or_else(|| panic!("{name} is a period"))
    }

    #[test]
    fn every_form_is_read_with_its_days() {
        let years = period("2024-2025");
        assert_eq!(years.start.to_string(), "2024-01-01");
        assert_eq!(years.end.to_string(), "2025-12-31");
        assert_eq!(period("2025-voorjaar").end.to_string(), "2025-06-30");
        assert_eq!(period("2025-najaar").start.to_string(), "2025-07-01");
        assert_eq!(period("2025-2").start.to_string(), "2025-07-01");
        assert_eq!(period("2025").end.to_string(), "2025-12-31");
        for wrong in ["2025-zomer", "25-26", "2026-2024", "agenda", "2025-3", ""] {
            assert_eq!(Period::parse(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn periods_are_ordered_by_time_not_by_name() {
        let mut names = vec!["2025-najaar", "2024-2025", "2025-voorjaar", "2022-2024"];
        names.sort_by_key(|n| period(n));
        assert_eq!(
            names,
            ["2022-2024", "2024-2025", "2025-voorjaar", "2025-najaar"]
        );
    }

    #[test]
    fn words_and_titles_for_each_form() {
        assert_eq!(period("2024-2025").short(), "'24-'25");
        assert_eq!(period("2024-2025").words(), "2024-2025");
        assert_eq!(period("2025-voorjaar").words(), "voorjaar 2025");
        assert_eq!(period("2025-najaar").short(), "najaar '25");
        assert_eq!(period("2025-1").words(), "eerste helft 2025");
        assert_eq!(period("2025").short(), "'25");
    }

    #[test]
    fn the_next_period_keeps_the_form() {
        assert_eq!(period("2024-2025").next_name(), "2026-2027");
        assert_eq!(period("2025-voorjaar").next_name(), "2025-najaar");
        assert_eq!(period("2025-najaar").next_name(), "2026-voorjaar");
        assert_eq!(period("2025-2").next_name(), "2026-1");
        assert_eq!(period("2025").next_name(), "2026");
    }

    #[test]
    fn a_period_ends_after_its_last_day() {
        let p = period("2024-2025");
        assert!(!p.has_ended(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()));
        assert!(p.has_ended(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()));
    }
}
