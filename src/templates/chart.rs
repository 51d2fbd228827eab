//! `chart(data=…, kind="bar")`: a bar or line chart of a CSV table (`load_data`), drawn at
//! build time as inline SVG, with a legend in HTML below it.
//!
//! Made to be read by everyone: the SVG has `role="img"` and is named by its `<title>` and
//! described by its `<desc>` (a summary of every figure unless the template gives one);
//! series differ by more than colour (bars by fill pattern, lines by dash and marker
//! shape), and the legend shows the same pattern. No `style=` attribute and no `<style>`
//! element, so a strict `style-src 'self'` holds: colours are presentation attributes a
//! stylesheet can override through the classes (`chart__series-N`, `chart__hatch`, …),
//! for forced-colours mode and print. Numbers are written in the site's language.

use std::fmt::Write as _;

use tera::{Kwargs, State, Tera, TeraResult, Value};

use super::failure;
use super::numbers::{Notation, Written};
use crate::html::escape;
use crate::messages::Msg;
use crate::msg;

/// The colours of the series, each at least 3:1 against white (WCAG 1.4.11).
const COLOURS: &[&str] = &[
    "#154273", "#39870c", "#ca005d", "#8f4b00", "#42145f", "#007bc7",
];
/// Stroke dash patterns of line series, the first solid.
const DASHES: &[&str] = &["", "8 4", "2 4", "12 4 2 4", "4 4", "1 6"];

// The drawing is scaled to the width of the page; a stylesheet sets the text's size in
// these units (16 on a wide screen, up to 21 on a phone, where the drawing is shown at
// about 60%), so room is made for text that large.
const WIDTH: f64 = 560.0;
const PLOT_HEIGHT: f64 = 240.0;
const TOP: f64 = 28.0;
const RIGHT: f64 = 12.0;
const CHAR_WIDTH: f64 = 10.5;
const LINE_HEIGHT: f64 = 22.0;

/// Which chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Bar,
    Line,
}

/// What a chart shows: categories along the x axis, and series of values, one per category.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub kind: Kind,
    pub title: String,
    pub description: String,
    /// Prefix of the ids in the SVG, unique on the page.
    pub id: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    /// A value per category: the number as written, none for an empty or other cell.
    pub values: Vec<Option<Written>>,
}

impl Chart {
    /// The chart of a CSV table: with `by_rows`, each row is a series and the header's
    /// cells after the first are the categories; otherwise each column after the first is
    /// a series and the first cell of each row its category.
    pub fn from_table(
        headers: &[String],
        rows: &[Vec<String>],
        decimal: char,
        by_rows: bool,
    ) -> Result<(Vec<String>, Vec<Series>), Msg> {
        if headers.len() < 2 || rows.is_empty() {
            return Err(msg!("chart-no-table"));
        }
        let cell = |row: &Vec<String>, i: usize| {
            Written::parse(row.get(i).map_or("", String::as_str), decimal)
        };
        let (categories, series): (Vec<String>, Vec<Series>) = if by_rows {
            let series = rows
                .iter()
                .map(|row| Series {
                    name: row[0].clone(),
                    values: (1..headers.len()).map(|i| cell(row, i)).collect(),
                })
                .collect();
            (headers[1..].to_vec(), series)
        } else {
            let series = (1..headers.len())
                .map(|i| Series {
                    name: headers[i].clone(),
                    values: rows.iter().map(|row| cell(row, i)).collect(),
                })
                .collect();
            (rows.iter().map(|r| r[0].clone()).collect(), series)
        };
        if series.iter().all(|s| s.values.iter().all(Option::is_none)) {
            return Err(msg!("chart-no-numbers"));
        }
        Ok((categories, series))
    }

    /// The SVG, then the legend.
    pub fn render(&self, notation: Notation) -> String {
        let layout = Layout::new(self, notation);
        let mut svg = String::with_capacity(8192);
        let id = escape(&self.id);
        let _ = write!(
            svg,
            "<svg class=\"chart__svg\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-titel {id}-beschrijving\">\
             <title id=\"{id}-titel\">{title}</title><desc id=\"{id}-beschrijving\">{desc}</desc>",
            w = WIDTH,
            h = layout.height,
            title = escape(&self.title),
            desc = escape(&self.description),
        );
        if self.kind == Kind::Bar {
            svg.push_str(&self.patterns());
        }
        svg.push_str(&layout.grid(notation));
        match self.kind {
            Kind::Bar => svg.push_str(&layout.bars(self, notation)),
            Kind::Line => svg.push_str(&layout.lines(self, notation)),
        }
        svg.push_str(&layout.category_labels(self));
        svg.push_str("</svg>");
        svg.push_str(&self.legend());
        svg
    }

    /// A fill pattern per series: solid, diagonal lines, dots, cross-hatching, ….
    fn patterns(&self) -> String {
        let mut out = String::from("<defs>");
        for k in 0..self.series.len() {
            let colour = COLOURS[k % COLOURS.len()];
            let hatch = match k % 6 {
                0 => "",
                1 => {
                    "<path class=\"chart__hatch\" d=\"M0 0V8\" stroke=\"#fff\" stroke-width=\"3\"/>"
                }
                2 => {
                    "<circle class=\"chart__hatch chart__hatch--dot\" cx=\"4\" cy=\"4\" r=\"1.8\" fill=\"#fff\"/>"
                }
                3 => {
                    "<path class=\"chart__hatch\" d=\"M0 0V8M0 0H8\" stroke=\"#fff\" stroke-width=\"2.5\"/>"
                }
                4 => {
                    "<path class=\"chart__hatch\" d=\"M0 4H8\" stroke=\"#fff\" stroke-width=\"2.5\"/>"
                }
                _ => {
                    "<path class=\"chart__hatch\" d=\"M4 0V8\" stroke=\"#fff\" stroke-width=\"1.5\"/>"
                }
            };
            let rotate = if matches!(k % 6, 1 | 3) {
                " patternTransform=\"rotate(45)\""
            } else {
                ""
            };
            let _ = write!(
                out,
                "<pattern id=\"{id}-patroon-{n}\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\"{rotate}>\
                 <rect class=\"chart__swatch chart__series-{n}\" width=\"8\" height=\"8\" fill=\"{colour}\"/>{hatch}</pattern>",
                id = escape(&self.id),
                n = k + 1,
            );
        }
        out.push_str("</defs>");
        out
    }

    /// The series' names, each with its pattern or its line and marker.
    fn legend(&self) -> String {
        let mut out = String::from("<ul class=\"chart__legend\">");
        for (k, series) in self.series.iter().enumerate() {
            let key = match self.kind {
                Kind::Bar => format!(
                    "<rect class=\"chart__bar\" x=\"1\" y=\"1\" width=\"26\" height=\"16\" fill=\"url(#{}-patroon-{})\" stroke=\"#1a1a1a\"/>",
                    escape(&self.id),
                    k + 1
                ),
                Kind::Line => format!(
                    "<path class=\"chart__line chart__series-{n}\" d=\"M1 9H27\" fill=\"none\" stroke=\"{c}\" stroke-width=\"2.5\"{dash}/>{marker}",
                    n = k + 1,
                    c = COLOURS[k % COLOURS.len()],
                    dash = dash(k),
                    marker = marker(k, 14.0, 9.0),
                ),
            };
            let _ = write!(
                out,
                "<li class=\"chart__legend-item\"><svg class=\"chart__key\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 28 18\" width=\"28\" height=\"18\" aria-hidden=\"true\" focusable=\"false\">{key}</svg> {}</li>",
                escape(&series.name)
            );
        }
        out.push_str("</ul>");
        out
    }
}

fn dash(k: usize) -> String {
    match DASHES[k % DASHES.len()] {
        "" => String::new(),
        d => format!(" stroke-dasharray=\"{d}\""),
    }
}

/// A marker of series `k` at (x, y): circle, square, triangle, diamond, cross, bar.
fn marker(k: usize, x: f64, y: f64) -> String {
    let colour = COLOURS[k % COLOURS.len()];
    let class = format!("chart__marker chart__series-{}", k + 1);
    let shape = match k % 6 {
        0 => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4.5\""),
        1 => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"8\" height=\"8\"",
            x - 4.0,
            y - 4.0
        ),
        2 => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {:.1}H{:.1}Z\"",
            y - 5.0,
            x + 5.0,
            y + 4.0,
            x - 5.0
        ),
        3 => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z\"",
            y - 5.5,
            x + 5.5,
            y + 5.5,
            x - 5.5
        ),
        4 => format!(
            "<path d=\"M{:.1} {:.1}l8 8m0-8l-8 8\" stroke=\"{colour}\" stroke-width=\"2.5\"",
            x - 4.0,
            y - 4.0
        ),
        _ => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"3\" height=\"10\"",
            x - 1.5,
            y - 5.0
        ),
    };
    format!("{shape} class=\"{class}\" fill=\"{colour}\"/>")
}

/// Where everything goes.
struct Layout {
    left: f64,
    height: f64,
    /// The value range of the y axis and its step.
    low: f64,
    high: f64,
    step: f64,
    decimals: usize,
    /// The category labels, wrapped into lines.
    labels: Vec<Vec<String>>,
    categories: usize,
}

impl Layout {
    fn new(chart: &Chart, notation: Notation) -> Layout {
        let values: Vec<f64> = chart
            .series
            .iter()
            .flat_map(|s| s.values.iter().flatten().map(Written::value))
            .collect();
        // Bars start at zero, or their lengths would lie; lines show where they move.
        let start = match chart.kind {
            Kind::Bar => 0.0,
            Kind::Line => values.first().copied().unwrap_or(0.0),
        };
        let max = values.iter().copied().fold(start, f64::max);
        let min = values.iter().copied().fold(start, f64::min);
        let step = nice_step((max - min).max(f64::EPSILON) / 5.0);
        let low = (min / step).floor() * step;
        let high = ((max / step).ceil() * step).max(low + step);
        // As many decimals as the step has: 2,5 gives 57,5 and 60,0.
        let decimals = (0..6)
            .find(|d| {
                let scaled = step * 10f64.powi(*d);
                (scaled - scaled.round()).abs() < 1e-6
            })
            .unwrap_or(6) as usize;
        let widest_tick = [low, high]
            .iter()
            .map(|v| {
                Written::from_f64(*v, Some(decimals))
                    .format(notation)
                    .chars()
                    .count()
            })
            .max()
            .unwrap_or(1);
        let left = 16.0 + widest_tick as f64 * CHAR_WIDTH;
        let categories = chart.categories.len().max(1);
        let slot = (WIDTH - left - RIGHT) / categories as f64;
        let per_line = ((slot - 8.0) / CHAR_WIDTH).floor().max(4.0) as usize;
        let labels: Vec<Vec<String>> = chart.categories.iter().map(|c| wrap(c, per_line)).collect();
        let lines = labels.iter().map(Vec::len).max().unwrap_or(1);
        Layout {
            left,
            height: TOP + PLOT_HEIGHT + 12.0 + lines as f64 * LINE_HEIGHT + 8.0,
            low,
            high,
            step,
            decimals,
            labels,
            categories,
        }
    }

    fn y(&self, value: f64) -> f64 {
        TOP + PLOT_HEIGHT * (self.high - value) / (self.high - self.low)
    }

    fn slot(&self) -> f64 {
        (WIDTH - self.left - RIGHT) / self.categories as f64
    }

    fn centre(&self, category: usize) -> f64 {
        self.left + self.slot() * (category as f64 + 0.5)
    }

    /// Horizontal grid lines with their values, and the axes.
    fn grid(&self, notation: Notation) -> String {
        let mut out = String::from("<g class=\"chart__grid\">");
        let steps = ((self.high - self.low) / self.step).round() as usize;
        for i in 0..=steps {
            let value = self.low + self.step * i as f64;
            let y = self.y(value);
            let label = Written::from_f64(value, Some(self.decimals)).format(notation);
            let _ = write!(
                out,
                "<line class=\"chart__gridline\" x1=\"{l:.1}\" x2=\"{r:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#b4b4b4\" stroke-width=\"1\"/>\
                 <text class=\"chart__tick\" x=\"{tx:.1}\" y=\"{ty:.1}\" text-anchor=\"end\" fill=\"#1a1a1a\">{label}</text>",
                l = self.left,
                r = WIDTH - RIGHT,
                tx = self.left - 6.0,
                ty = y + 6.0,
            );
        }
        let _ = write!(
            out,
            "<line class=\"chart__axis\" x1=\"{l:.1}\" x2=\"{r:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#1a1a1a\" stroke-width=\"1.5\"/></g>",
            l = self.left,
            r = WIDTH - RIGHT,
            y = self.y(0.0_f64.clamp(self.low, self.high)),
        );
        out
    }

    fn bars(&self, chart: &Chart, notation: Notation) -> String {
        let mut out = String::from("<g class=\"chart__bars\">");
        let slot = self.slot();
        let width = slot * 0.8 / chart.series.len() as f64;
        let zero = self.y(0.0_f64.clamp(self.low, self.high));
        for (k, series) in chart.series.iter().enumerate() {
            for (i, value) in series.values.iter().enumerate() {
                let Some(value) = value else { continue };
                let x = self.left + slot * (i as f64 + 0.1) + width * k as f64;
                let y = self.y(value.value());
                let (top, height) = if y < zero {
                    (y, zero - y)
                } else {
                    (zero, y - zero)
                };
                let _ = write!(
                    out,
                    "<rect class=\"chart__bar chart__series-{n}\" x=\"{x:.1}\" y=\"{top:.1}\" width=\"{w:.1}\" height=\"{height:.1}\" fill=\"url(#{id}-patroon-{n})\" stroke=\"#1a1a1a\" stroke-width=\"1\"/>\
                     <text class=\"chart__value\" x=\"{cx:.1}\" y=\"{ty:.1}\" text-anchor=\"middle\" fill=\"#1a1a1a\">{label}</text>",
                    n = k + 1,
                    w = width - 2.0,
                    id = escape(&chart.id),
                    cx = x + (width - 2.0) / 2.0,
                    ty = top - 5.0,
                    label = value.format(notation),
                );
            }
        }
        out.push_str("</g>");
        out
    }

    fn lines(&self, chart: &Chart, notation: Notation) -> String {
        let mut out = String::from("<g class=\"chart__lines\">");
        for (k, series) in chart.series.iter().enumerate() {
            let points: Vec<(usize, f64, &Written)> = series
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.as_ref().map(|v| (i, self.y(v.value()), v)))
                .collect();
            // A missing value breaks the line: each run of neighbours is a segment.
            let mut path = String::new();
            let mut previous: Option<usize> = None;
            for (i, y, _) in &points {
                let command = if previous == Some(i.wrapping_sub(1)) {
                    'L'
                } else {
                    'M'
                };
                let _ = write!(path, "{command}{:.1} {y:.1}", self.centre(*i));
                previous = Some(*i);
            }
            let _ = write!(
                out,
                "<path class=\"chart__line chart__series-{n}\" d=\"{path}\" fill=\"none\" stroke=\"{c}\" stroke-width=\"2.5\"{dash}/>",
                n = k + 1,
                c = COLOURS[k % COLOURS.len()],
                dash = dash(k),
            );
            // With one line each point gets its value; with more, the labels would
            // collide, and the table below the chart has the figures.
            let labelled = chart.series.len() == 1;
            for (i, y, value) in points {
                let x = self.centre(i);
                out.push_str(&marker(k, x, y));
                if labelled {
                    let _ = write!(
                        out,
                        "<text class=\"chart__value\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>",
                        y - 9.0,
                        value.format(notation)
                    );
                }
            }
        }
        out.push_str("</g>");
        out
    }

    fn category_labels(&self, _chart: &Chart) -> String {
        let mut out = String::from("<g class=\"chart__categories\">");
        let top = TOP + PLOT_HEIGHT + 12.0 + LINE_HEIGHT * 0.75;
        for (i, lines) in self.labels.iter().enumerate() {
            let x = self.centre(i);
            let _ = write!(
                out,
                "<text class=\"chart__label\" x=\"{x:.1}\" y=\"{top:.1}\" text-anchor=\"middle\" fill=\"#1a1a1a\">"
            );
            for (n, line) in lines.iter().enumerate() {
                let dy = if n == 0 { 0.0 } else { LINE_HEIGHT };
                let _ = write!(
                    out,
                    "<tspan x=\"{x:.1}\" dy=\"{dy}\">{}</tspan>",
                    escape(line)
                );
            }
            out.push_str("</text>");
        }
        out.push_str("</g>");
        out
    }
}

/// A round step near `raw`: 1, 2, 2.5 or 5 times a power of ten.
fn nice_step(raw: f64) -> f64 {
    let magnitude = 10f64.powf(raw.log10().floor());
    let normal = raw / magnitude;
    let factor = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|f| *f >= normal - 1e-9)
        .unwrap_or(10.0);
    factor * magnitude
}

/// `text` in lines of at most `width` characters, broken between words.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// A summary of every figure, for the `<desc>` when the template gives none: a bar
/// chart group by group, a line chart line by line.
pub fn describe(
    kind: Kind,
    categories: &[String],
    series: &[Series],
    notation: Notation,
    dutch: bool,
) -> String {
    let value = |s: &Series, i: usize| s.values[i].as_ref().map(|v| v.format(notation));
    let parts: Vec<String> = match kind {
        Kind::Bar => categories
            .iter()
            .enumerate()
            .map(|(i, category)| {
                let values: Vec<String> = series
                    .iter()
                    .filter_map(|s| value(s, i).map(|v| format!("{} {v}", s.name)))
                    .collect();
                format!("{category}: {}", values.join(", "))
            })
            .collect(),
        Kind::Line => series
            .iter()
            .map(|s| {
                let values: Vec<String> = categories
                    .iter()
                    .enumerate()
                    .filter_map(|(i, c)| value(s, i).map(|v| format!("{c} {v}")))
                    .collect();
                format!("{}: {}", s.name, values.join(", "))
            })
            .collect(),
    };
    let what = match (kind, dutch) {
        (Kind::Bar, true) => "Staafdiagram",
        (Kind::Line, true) => "Lijndiagram",
        (Kind::Bar, false) => "Bar chart",
        (Kind::Line, false) => "Line chart",
    };
    format!("{what}. {}.", parts.join("; "))
}

/// Registers `chart`.
pub fn register(tera: &mut Tera, language: &str) {
    let notation = Notation::for_language(language);
    let dutch = language.starts_with("nl");
    tera.register_function(
        "chart",
        move |kwargs: Kwargs, _: &State| -> TeraResult<Value> {
            let data = kwargs.must_get::<Value>("data")?;
            let strings = |key: &str| -> Vec<String> {
                data.get_from_path(key)
                    .and_then(Value::as_array)
                    .map(|items| {
                        items
                            .iter()
                            .map(|v| v.as_str().unwrap_or_default().to_owned())
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let headers = strings("headers");
            let rows: Vec<Vec<String>> = data
                .get_from_path("rows")
                .and_then(Value::as_array)
                .map(|rows| {
                    rows.iter()
                        .map(|row| {
                            row.as_array()
                                .map(|cells| {
                                    cells
                                        .iter()
                                        .map(|c| c.as_str().unwrap_or_default().to_owned())
                                        .collect()
                                })
                                .unwrap_or_default()
                        })
                        .collect()
                })
                .unwrap_or_default();
            let decimal = match data.get_from_path("decimal").and_then(Value::as_str) {
                Some(",") => ',',
                _ => '.',
            };
            let kind = match kwargs.get::<&str>("kind")?.unwrap_or("bar") {
                "bar" => Kind::Bar,
                "line" => Kind::Line,
                other => return Err(failure("chart", msg!("chart-kind", value = other))),
            };
            let by_rows = kwargs.get::<bool>("by_rows")?.unwrap_or(false);
            let (categories, series) = Chart::from_table(&headers, &rows, decimal, by_rows)
                .map_err(|message| failure("chart", message))?;
            let description = match kwargs.get::<&str>("description")? {
                Some(d) if !d.trim().is_empty() => d.to_owned(),
                _ => describe(kind, &categories, &series, notation, dutch),
            };
            let chart = Chart {
                kind,
                title: kwargs.must_get::<&str>("title")?.to_owned(),
                description,
                id: kwargs.get::<&str>("id")?.unwrap_or("chart").to_owned(),
                categories,
                series,
            };
            Ok(Value::safe_string(&chart.render(notation)))
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    const NL: Notation = Notation {
        thousands: '.',
        decimal: ',',
    };

    fn table() -> (Vec<String>, Vec<Vec<String>>) {
        let headers = ["Indicator", "Behaald 2019", "Beoogd 2020", "Beoogd 2021"]
            .map(String::from)
            .to_vec();
        let rows = vec![
            ["SROI", "842", "600", "650"].map(String::from).to_vec(),
            ["Afspraakbanen", "3.424", "3.001", "3.141"]
                .map(String::from)
                .to_vec(),
        ];
        (headers, rows)
    }

    fn chart(kind: Kind, by_rows: bool) -> Chart {
        let (headers, rows) = table();
        let (categories, series) = Chart::from_table(&headers, &rows, ',', by_rows).unwrap();
        Chart {
            kind,
            title: "Indicatoren".into(),
            description: describe(kind, &categories, &series, NL, true),
            id: "grafiek-1".into(),
            categories,
            series,
        }
    }

    #[test]
    fn columns_or_rows_become_series() {
        let by_columns = chart(Kind::Bar, false);
        assert_eq!(by_columns.categories, ["SROI", "Afspraakbanen"]);
        assert_eq!(by_columns.series[0].name, "Behaald 2019");
        let by_rows = chart(Kind::Line, true);
        assert_eq!(
            by_rows.categories,
            ["Behaald 2019", "Beoogd 2020", "Beoogd 2021"]
        );
        assert_eq!(
            by_rows.series[1].values[0].as_ref().unwrap().value(),
            3424.0
        );
        assert_eq!(
            by_rows.description,
            "Lijndiagram. SROI: Behaald 2019 842, Beoogd 2020 600, Beoogd 2021 650; Afspraakbanen: Behaald 2019 3.424, Beoogd 2020 3.001, Beoogd 2021 3.141."
        );
    }

    #[test]
    fn bars_are_named_patterned_and_labelled_in_dutch() {
        let svg = chart(Kind::Bar, false).render(NL);
        assert!(svg.starts_with("<svg class=\"chart__svg\""), "{svg}");
        assert!(
            svg.contains("role=\"img\" aria-labelledby=\"grafiek-1-titel grafiek-1-beschrijving\"")
        );
        assert!(svg.contains("<title id=\"grafiek-1-titel\">Indicatoren</title>"));
        assert_eq!(svg.matches("<pattern ").count(), 3);
        assert_eq!(svg.matches("class=\"chart__bar chart__series-").count(), 6);
        assert!(svg.contains(">3.424</text>"), "{svg}");
        assert!(
            svg.contains(">4.000</text>"),
            "the axis goes to a round number: {svg}"
        );
        assert_eq!(svg.matches("<li class=\"chart__legend-item\">").count(), 3);
        assert!(
            !svg.contains("style"),
            "no style attribute or element: {svg}"
        );
    }

    #[test]
    fn lines_differ_by_dash_and_marker() {
        let svg = chart(Kind::Line, true).render(NL);
        assert!(svg.contains("stroke-dasharray=\"8 4\""), "{svg}");
        assert!(svg.contains("<circle"), "{svg}");
        assert!(svg.contains("<rect x="), "a square marker: {svg}");
        assert_eq!(
            svg.matches("d=\"M").count(),
            2 + 2,
            "two lines and their legend keys"
        );
    }

    #[test]
    fn a_missing_value_breaks_the_line() {
        let headers = ["x", "a", "b", "c"].map(String::from).to_vec();
        let rows = vec![["s", "1", "", "3"].map(String::from).to_vec()];
        let (categories, series) = Chart::from_table(&headers, &rows, '.', true).unwrap();
        let chart = Chart {
            kind: Kind::Line,
            title: "t".into(),
            description: "d".into(),
            id: "c".into(),
            categories,
            series,
        };
        let svg = chart.render(NL);
        let path = svg
            .split("class=\"chart__line chart__series-1\" d=\"")
            .nth(1)
            .unwrap();
        assert!(
            path.starts_with("M") && path.split('"').next().unwrap().matches('M').count() == 2,
            "{path}"
        );
    }

    #[test]
    fn steps_are_round_and_labels_wrap() {
        assert_eq!(nice_step(684.8), 1000.0);
        assert_eq!(nice_step(0.37), 0.5);
        assert_eq!(nice_step(20.0), 20.0);
        let headers = ["Regio", "2021", "2024"].map(String::from).to_vec();
        let rows = vec![
            ["Noord", "61,5", "65,8"].map(String::from).to_vec(),
            ["Zuid", "55,2", "61,0"].map(String::from).to_vec(),
        ];
        let (categories, series) = Chart::from_table(&headers, &rows, ',', true).unwrap();
        let svg = Chart {
            kind: Kind::Line,
            title: "t".into(),
            description: "d".into(),
            id: "c".into(),
            categories,
            series,
        }
        .render(NL);
        assert!(
            svg.contains(">57,5</text>"),
            "a line starts near its values, ticks keep their decimals: {svg}"
        );
        assert!(!svg.contains("chart__value"), "two lines: no value labels");
        assert_eq!(
            wrap("Aantal gerealiseerde afspraakbanen", 14),
            ["Aantal", "gerealiseerde", "afspraakbanen"]
        );
        let bars = chart(Kind::Bar, false);
        assert_eq!(
            bars.description,
            "Staafdiagram. SROI: Behaald 2019 842, Beoogd 2020 600, Beoogd 2021 650; Afspraakbanen: Behaald 2019 3.424, Beoogd 2020 3.001, Beoogd 2021 3.141."
        );
        assert!(Chart::from_table(&["a".into()], &[], '.', false).is_err());
    }
}
