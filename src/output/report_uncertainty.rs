//! The report's pictures of uncertainty analysis: Sobol' indices (S1 and ST
//! with whiskers, parameters sorted by ST), Morris' μ*–σ plane, and PRIM's
//! coverage–density trade-off with the chosen box's limits.
//!
//! Each reads the CSV its verb writes (`sensitivity`, `sensitivity --method
//! morris`, `discover`), recognised by its first columns, and every mark
//! carries the CSV's fields as `data-*` attributes, exactly as written.

use std::fmt::Write as _;

use super::discover::PRIM_COLUMNS;
use super::report::{Chart, esc, fraction, svg_open};
use super::sensitivity::{MORRIS_COLUMNS, SOBOL_COLUMNS};
use crate::error::{Error, Origin, Result};
use crate::uncertainty::prim;

/// What an analysis CSV holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Analysis {
    /// `catch22 sensitivity` (Sobol'): rows of the CSV.
    Sobol(Vec<Row>),
    /// `catch22 sensitivity --method morris`.
    Morris(Vec<Row>),
    /// `catch22 discover`: the trajectory and the inputs' names.
    Prim {
        /// The inputs, in column order.
        inputs: Vec<String>,
        /// One row per step.
        rows: Vec<Row>,
    },
}

/// One CSV row: its fields by column name, as written.
pub type Row = Vec<(String, String)>;

fn field<'a>(row: &'a Row, name: &str) -> &'a str {
    row.iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// A field as the page shows it: as written, escaped.
fn text(row: &Row, name: &str) -> String {
    esc(field(row, name))
}

/// A numeric field (checked finite when read); NaN when empty.
fn number(row: &Row, name: &str) -> f64 {
    field(row, name).parse().unwrap_or(f64::NAN)
}

/// The kind of analysis a CSV's header announces, if any.
pub fn kind(header: &[&str]) -> Option<&'static str> {
    if header.starts_with(&SOBOL_COLUMNS[..8]) {
        Some("sobol")
    } else if header.starts_with(&MORRIS_COLUMNS[..6]) {
        Some("morris")
    } else if header.starts_with(&PRIM_COLUMNS) {
        Some("prim")
    } else {
        None
    }
}

/// Reads an analysis CSV, or `None` when the file is not one (its header is
/// not one the uncertainty verbs write). Every field but a sensitivity
/// row's parameter and outcome must be a finite number (empty allowed for
/// an undefined index, not for a PRIM step), and a PRIM header must pair
/// `<input>_low,<input>_high` after its five columns: else an input error
/// at the field's line and column.
pub fn read(path: &str) -> Result<Option<Analysis>> {
    match crate::input::read_text(path, "input") {
        Ok(text) => parse(&text, path),
        Err(_) => Ok(None),
    }
}

/// [`read`] of a CSV's text; `path` names it in errors.
pub fn parse(text: &str, path: &str) -> Result<Option<Analysis>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let Some(Ok(first)) = records.next() else {
        return Ok(None);
    };
    let names: Vec<String> = first.iter().map(String::from).collect();
    let header: Vec<&str> = names.iter().map(String::as_str).collect();
    let Some(kind) = kind(&header) else {
        return Ok(None);
    };
    let at = |line: usize, column: usize, key: Option<&str>, message: String| {
        let mut o = Origin::source(path);
        o.position = Some((line, column));
        o.key = key.map(String::from);
        Error::input(o, message)
    };
    let mut inputs = Vec::new();
    if kind == "prim" {
        for (j, pair) in names[5..].chunks(2).enumerate() {
            let input = pair[0].strip_suffix("_low");
            match (input, pair.get(1)) {
                (Some(x), Some(h)) if h.strip_suffix("_high") == Some(x) => {
                    inputs.push(x.to_string());
                }
                _ => {
                    return Err(at(
                        1,
                        6 + 2 * j,
                        Some(&pair[0]),
                        "a PRIM trajectory pairs <input>_low,<input>_high after step,coverage,density,mass,n_restricted".into(),
                    ));
                }
            }
        }
    }
    let text_columns = if kind == "prim" { 0 } else { 2 };
    let mut rows = Vec::new();
    for (i, rec) in records.enumerate() {
        let line = i + 2;
        let r = rec.map_err(|e| at(line, 1, None, format!("malformed CSV: {e}")))?;
        if r.len() != names.len() {
            return Err(at(
                line,
                1,
                None,
                format!("{} fields, the header has {}", r.len(), names.len()),
            ));
        }
        for (j, v) in r.iter().enumerate().skip(text_columns) {
            let ok = match v.parse::<f64>() {
                Ok(x) => x.is_finite(),
                Err(_) => v.is_empty() && kind != "prim",
            };
            if !ok {
                return Err(at(
                    line,
                    j + 1,
                    Some(&names[j]),
                    format!(
                        "{:?} is not a finite number{}",
                        v,
                        if kind == "prim" { "" } else { " (or empty)" }
                    ),
                ));
            }
        }
        rows.push(
            names
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect(),
        );
    }
    if rows.is_empty() {
        return Err(Error::input(
            Origin::source(path),
            "no rows below the header",
        ));
    }
    Ok(Some(match kind {
        "sobol" => Analysis::Sobol(rows),
        "morris" => Analysis::Morris(rows),
        _ => Analysis::Prim { inputs, rows },
    }))
}

/// The outcomes of sensitivity rows, in order of first appearance.
fn outcomes(rows: &[Row]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in rows {
        let o = field(r, "outcome").to_string();
        if !out.contains(&o) {
            out.push(o);
        }
    }
    out
}

/// One chart per outcome: S1 and ST bars with their 95% whiskers, the
/// parameters sorted by ST (largest first).
pub fn sobol(name: &str, rows: &[Row], n: &mut usize) -> Vec<Chart> {
    let mut charts = Vec::new();
    for outcome in outcomes(rows) {
        let mut these: Vec<&Row> = rows
            .iter()
            .filter(|r| field(r, "outcome") == outcome)
            .collect();
        // Largest ST first; undefined indices last, in table order.
        let key = |r: &Row| {
            let x = number(r, "ST");
            if x.is_nan() { f64::NEG_INFINITY } else { x }
        };
        these.sort_by(|a, b| key(b).total_cmp(&key(a)));
        let (left, top, row_h) = (240.0, 44.0, 30.0);
        let w = 900.0;
        let plot_w = w - left - 40.0;
        let h = top + row_h * these.len() as f64 + 50.0;
        let title =
            format!("{name}: Sobol' indices of {outcome} (S1 light, ST dark, 95% whiskers)");
        let mut svg = svg_open(w, h, &title);
        let low = these
            .iter()
            .flat_map(|r| [number(r, "S1_low"), number(r, "ST_low")])
            .filter(|x| x.is_finite())
            .fold(0.0f64, f64::min)
            .max(-0.5);
        let high = these
            .iter()
            .flat_map(|r| [number(r, "S1_high"), number(r, "ST_high")])
            .filter(|x| x.is_finite())
            .fold(0.0f64, f64::max)
            .clamp(0.05, 1.5);
        let step = nice_step(high - low, 6.0);
        let (lo, hi) = ((low / step).floor() * step, (high / step).ceil() * step);
        let sx = |v: f64| left + (v.clamp(lo, hi) - lo) / (hi - lo) * plot_w;
        let ticks = ((hi - lo) / step).round() as usize;
        let _ = write!(
            svg,
            "<rect x=\"{left:.1}\" y=\"8\" width=\"12\" height=\"12\" fill=\"#9ecae1\"/><text x=\"{:.1}\" y=\"18\">S1: first order (alone)</text><rect x=\"{:.1}\" y=\"8\" width=\"12\" height=\"12\" fill=\"#08519c\"/><text x=\"{:.1}\" y=\"18\">ST: total (with its interactions)</text>",
            left + 16.0,
            left + 200.0,
            left + 216.0
        );
        for k in 0..=ticks {
            let v = lo + step * k as f64;
            let _ = write!(
                svg,
                "<line x1=\"{x:.1}\" y1=\"{top:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#dddddd\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                h - 40.0,
                h - 24.0,
                short(v),
                x = sx(v)
            );
        }
        let _ = write!(
            svg,
            "<line x1=\"{x:.1}\" y1=\"{top:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#888888\"/>",
            h - 40.0,
            x = sx(0.0)
        );
        for (i, r) in these.iter().enumerate() {
            let y = top + i as f64 * row_h;
            let p = field(r, "parameter");
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                left - 8.0,
                y + row_h / 2.0 + 4.0,
                esc(p)
            );
            for (k, (v, l, u, colour)) in [
                ("S1", "S1_low", "S1_high", "#9ecae1"),
                ("ST", "ST_low", "ST_high", "#08519c"),
            ]
            .into_iter()
            .enumerate()
            {
                let value = number(r, v);
                if !value.is_finite() {
                    continue;
                }
                let by = y + 3.0 + k as f64 * (row_h - 6.0) / 2.0;
                let bh = (row_h - 8.0) / 2.0;
                let (x0, x1) = (sx(0.0).min(sx(value)), sx(0.0).max(sx(value)));
                let _ = write!(
                    svg,
                    "<rect class=\"{}\" data-parameter=\"{}\" data-outcome=\"{}\" data-value=\"{}\" data-low=\"{}\" data-high=\"{}\" x=\"{x0:.2}\" y=\"{by:.1}\" width=\"{:.2}\" height=\"{bh:.1}\" fill=\"{colour}\"><title>{} {}: {} [{}, {}]</title></rect>",
                    v.to_lowercase(),
                    esc(p),
                    esc(&outcome),
                    text(r, v),
                    text(r, l),
                    text(r, u),
                    x1 - x0,
                    esc(p),
                    v,
                    text(r, v),
                    text(r, l),
                    text(r, u)
                );
                let (wl, wu) = (number(r, l), number(r, u));
                if wl.is_finite() && wu.is_finite() {
                    let ym = by + bh / 2.0;
                    let _ = write!(
                        svg,
                        "<line x1=\"{:.2}\" y1=\"{ym:.1}\" x2=\"{:.2}\" y2=\"{ym:.1}\" stroke=\"#333333\" stroke-width=\"1.5\"/>",
                        sx(wl),
                        sx(wu)
                    );
                }
            }
        }
        svg.push_str("</svg>");
        *n += 1;
        charts.push(Chart {
            file: format!("{n}-sobol-{}.svg", file_safe(&outcome)),
            title,
            svg,
            input: 0,
        });
    }
    charts
}

fn file_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A square plot's grid lines, tick labels and axis titles; `xs` and `ys`
/// are each tick's position in pixels and its label.
fn square_axes(
    svg: &mut String,
    (left, top, side): (f64, f64, f64),
    xs: &[(f64, String)],
    ys: &[(f64, String)],
    (x_title, y_title): (&str, &str),
) {
    for (x, label) in xs {
        let _ = write!(
            svg,
            "<line x1=\"{x:.1}\" y1=\"{top:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#eeeeee\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{label}</text>",
            top + side,
            top + side + 16.0,
        );
    }
    for (y, label) in ys {
        let _ = write!(
            svg,
            "<line x1=\"{left:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#eeeeee\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{label}</text>",
            left + side,
            left - 6.0,
            y + 4.0,
        );
    }
    let _ = write!(
        svg,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text><text x=\"16\" y=\"{:.1}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {:.1})\">{}</text>",
        left + side / 2.0,
        top + side + 36.0,
        esc(x_title),
        top + side / 2.0,
        top + side / 2.0,
        esc(y_title)
    );
}

/// One chart per outcome: each parameter at (μ*, σ), with μ*'s 95% whisker.
pub fn morris(name: &str, rows: &[Row], n: &mut usize) -> Vec<Chart> {
    let mut charts = Vec::new();
    for outcome in outcomes(rows) {
        let these: Vec<&Row> = rows
            .iter()
            .filter(|r| field(r, "outcome") == outcome)
            .collect();
        let (left, top, side) = (70.0, 30.0, 480.0);
        let (w, h) = (left + side + 170.0, top + side + 110.0);
        let title = format!("{name}: Morris measures of {outcome} (mu* against sigma)");
        let mut svg = svg_open(w, h, &title);
        // The axes' ends, and every sum drawn, saturate at f64::MAX: a
        // measure near it (a hand-made CSV) is drawn at its place, at the
        // edge, not at infinity.
        let max = |c: &str| {
            let most = these
                .iter()
                .map(|r| {
                    number(r, c)
                        + if c == "mu_star" {
                            number(r, "mu_star_conf").max(0.0)
                        } else {
                            0.0
                        }
                })
                .map(|x| x.min(f64::MAX))
                .filter(|x| x.is_finite())
                .fold(0.0f64, f64::max)
                .max(1e-12);
            (most * 1.05).min(f64::MAX)
        };
        let end = |max: f64, step: f64| match (max / step).ceil() * step {
            m if m.is_finite() => m,
            _ => max,
        };
        let (sx_step, sy_step) = (nice_step(max("mu_star"), 4.0), nice_step(max("sigma"), 4.0));
        let (xm, ym) = (end(max("mu_star"), sx_step), end(max("sigma"), sy_step));
        let sx = |v: f64| left + v.min(f64::MAX) / xm * side;
        let sy = |v: f64| top + side - v / ym * side;
        let ticks = |step: f64, max: f64, at: &dyn Fn(f64) -> f64| {
            (0..=(max / step + 1e-9).floor() as usize)
                .map(|k| (at(step * k as f64), short(step * k as f64)))
                .collect::<Vec<_>>()
        };
        square_axes(
            &mut svg,
            (left, top, side),
            &ticks(sx_step, xm, &sx),
            &ticks(sy_step, ym, &sy),
            ("mu* (mean |elementary effect|)", "sigma"),
        );
        let mut ranked: Vec<f64> = these
            .iter()
            .map(|r| number(r, "mu_star"))
            .filter(|x| x.is_finite())
            .collect();
        ranked.sort_by(|a, b| b.total_cmp(a));
        let labelled = ranked.get(9).copied().unwrap_or(f64::NEG_INFINITY);
        for r in &these {
            let (m, s, c) = (
                number(r, "mu_star"),
                number(r, "sigma"),
                number(r, "mu_star_conf"),
            );
            if !(m.is_finite() && s.is_finite()) {
                continue;
            }
            let p = field(r, "parameter");
            if c.is_finite() {
                let _ = write!(
                    svg,
                    "<line x1=\"{:.2}\" y1=\"{y:.2}\" x2=\"{:.2}\" y2=\"{y:.2}\" stroke=\"#999999\"/>",
                    sx((m - c).max(0.0)),
                    sx(m + c),
                    y = sy(s)
                );
            }
            let _ = write!(
                svg,
                "<circle class=\"morris\" data-parameter=\"{}\" data-outcome=\"{}\" data-mu-star=\"{}\" data-sigma=\"{}\" data-mu-star-conf=\"{}\" cx=\"{:.2}\" cy=\"{:.2}\" r=\"4\" fill=\"#D55E00\"><title>{}: mu* {} ± {}, sigma {}</title></circle>",
                esc(p),
                esc(&outcome),
                text(r, "mu_star"),
                text(r, "sigma"),
                text(r, "mu_star_conf"),
                sx(m),
                sy(s),
                esc(p),
                text(r, "mu_star"),
                text(r, "mu_star_conf"),
                text(r, "sigma"),
            );
            if m >= labelled {
                let _ = write!(
                    svg,
                    "<text x=\"{:.2}\" y=\"{:.2}\" font-size=\"10\">{}</text>",
                    sx(m) + 6.0,
                    sy(s) - 4.0,
                    esc(p)
                );
            }
        }
        let notes = [
            "Far right: the parameter matters. High: its effect depends on the others (interactions or a",
            "non-linear effect). Whiskers: mu*'s 95% interval. The ten largest mu* are labelled; hover for all.",
        ];
        for (k, note) in notes.iter().enumerate() {
            let _ = write!(
                svg,
                "<text x=\"{left:.1}\" y=\"{:.1}\" font-size=\"11\">{note}</text>",
                top + side + 60.0 + k as f64 * 16.0
            );
        }
        svg.push_str("</svg>");
        *n += 1;
        charts.push(Chart {
            file: format!("{n}-morris-{}.svg", file_safe(&outcome)),
            title,
            svg,
            input: 0,
        });
    }
    charts
}

/// A round step giving about `count` ticks up to `max`.
fn nice_step(max: f64, count: f64) -> f64 {
    let raw = (max / count).max(1e-300);
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    mag * if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    }
}

/// A number with about three significant digits.
fn short(x: f64) -> String {
    if x == 0.0 {
        "0".to_string()
    } else if (0.01..1e5).contains(&x.abs()) {
        let d = (2 - x.abs().log10().floor() as i32).max(0) as usize;
        format!("{x:.d$}")
    } else {
        format!("{x:.1e}")
    }
}

/// The step the report marks as chosen: the largest harmonic mean of
/// coverage and density (as `discover` picks, from the printed values).
pub fn chosen(rows: &[Row]) -> usize {
    let f1: Vec<f64> = rows
        .iter()
        .map(|r| prim::f1(number(r, "coverage"), number(r, "density")))
        .collect();
    prim::pick_f1(&f1)
}

/// PRIM's trade-off: each step's (coverage, density), the chosen step
/// ringed, and the chosen box's limits against the data's range.
pub fn prim(name: &str, inputs: &[String], rows: &[Row], n: usize) -> Chart {
    let (left, top, side): (f64, f64, f64) = (70.0, 30.0, 380.0);
    let bars_h = 34.0 * inputs.len() as f64;
    let (w, h) = (
        left + side + 480.0,
        (top + side + 50.0).max(top + 40.0 + bars_h) + 50.0,
    );
    let title =
        format!("{name}: PRIM's trade-off between coverage and density, and the chosen box");
    let mut svg = svg_open(w, h, &title);
    let sx = |v: f64| left + v.clamp(0.0, 1.0) * side;
    let sy = |v: f64| top + side - v.clamp(0.0, 1.0) * side;
    let ticks: Vec<(f64, String)> = (0..=4)
        .map(|k| (k as f64 / 4.0, format!("{:.2}", k as f64 / 4.0)))
        .collect();
    square_axes(
        &mut svg,
        (left, top, side),
        &ticks
            .iter()
            .map(|(v, l)| (sx(*v), l.clone()))
            .collect::<Vec<_>>(),
        &ticks
            .iter()
            .map(|(v, l)| (sy(*v), l.clone()))
            .collect::<Vec<_>>(),
        ("coverage", "density"),
    );
    let max_res = rows
        .iter()
        .map(|r| number(r, "n_restricted"))
        .fold(1.0f64, f64::max);
    let pick = chosen(rows);
    let mut path = String::new();
    for r in rows {
        let _ = write!(
            path,
            "{}{:.2},{:.2}",
            if path.is_empty() { "M" } else { " L" },
            sx(number(r, "coverage")),
            sy(number(r, "density"))
        );
    }
    let _ = write!(svg, "<path d=\"{path}\" fill=\"none\" stroke=\"#cccccc\"/>");
    for (i, r) in rows.iter().enumerate() {
        let shade = (number(r, "n_restricted") / max_res * 200.0) as u8;
        let _ = write!(
            svg,
            "<circle class=\"prim-step\" data-step=\"{}\" data-coverage=\"{}\" data-density=\"{}\" data-mass=\"{}\" data-n-restricted=\"{}\" cx=\"{:.2}\" cy=\"{:.2}\" r=\"{}\" fill=\"rgb({},{},{})\"{}><title>step {}: coverage {}, density {}, mass {}, {} restricted</title></circle>",
            text(r, "step"),
            text(r, "coverage"),
            text(r, "density"),
            text(r, "mass"),
            text(r, "n_restricted"),
            sx(number(r, "coverage")),
            sy(number(r, "density")),
            if i == pick { 6 } else { 3 },
            230 - shade,
            120,
            shade,
            if i == pick {
                " stroke=\"#000000\" stroke-width=\"2\""
            } else {
                ""
            },
            text(r, "step"),
            text(r, "coverage"),
            text(r, "density"),
            text(r, "mass"),
            text(r, "n_restricted")
        );
    }
    // The chosen box against the data's range (step 0), one bar per input.
    let (bx, bw) = (left + side + 40.0, 420.0);
    let c = &rows[pick];
    let _ = write!(
        svg,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-weight=\"bold\">chosen box, step {}: coverage {:.3}, density {:.3}</text><text x=\"{left:.1}\" y=\"{:.1}\" font-size=\"11\">Each dot is a step (colour: orange, few inputs restricted; blue, many). Ringed: the largest harmonic mean of</text><text x=\"{left:.1}\" y=\"{:.1}\" font-size=\"11\">coverage and density. Bars: the chosen box's limits (green, restricted) within the range of the data (grey).</text>",
        left + side + 40.0,
        top + 4.0,
        text(c, "step"),
        number(c, "coverage"),
        number(c, "density"),
        h - 32.0,
        h - 16.0
    );
    for (j, input) in inputs.iter().enumerate() {
        let y = top + 30.0 + j as f64 * 34.0;
        let (dl, dh) = (
            number(&rows[0], &format!("{input}_low")),
            number(&rows[0], &format!("{input}_high")),
        );
        let (l, u) = (
            number(c, &format!("{input}_low")),
            number(c, &format!("{input}_high")),
        );
        let at = |v: f64| bx + fraction(v, dl, dh) * bw;
        let (x0, x1) = (at(l), at(u).max(at(l)));
        let restricted = l != dl || u != dh;
        let _ = write!(
            svg,
            "<text x=\"{bx:.1}\" y=\"{:.1}\" font-size=\"11\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"11\">{}</text><rect x=\"{bx:.1}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"12\" fill=\"#eeeeee\"/><rect class=\"prim-limit\" data-input=\"{}\" data-low=\"{}\" data-high=\"{}\" x=\"{x0:.2}\" y=\"{:.1}\" width=\"{:.2}\" height=\"12\" fill=\"{}\"><title>{}: {} to {} (data {} to {})</title></rect>",
            y + 10.0,
            esc(input),
            bx + bw,
            y + 10.0,
            if restricted {
                format!("{} to {}", short(l), short(u))
            } else {
                "not restricted".to_string()
            },
            y + 14.0,
            esc(input),
            text(c, &format!("{input}_low")),
            text(c, &format!("{input}_high")),
            y + 14.0,
            (x1 - x0).max(0.5),
            if restricted { "#009E73" } else { "#bbbbbb" },
            esc(input),
            short(l),
            short(u),
            short(dl),
            short(dh)
        );
    }
    svg.push_str("</svg>");
    Chart {
        file: format!("{n}-prim.svg"),
        title,
        svg,
        input: 0,
    }
}

/// The charts of one analysis.
pub fn charts(name: &str, a: &Analysis, n: &mut usize) -> Vec<Chart> {
    match a {
        Analysis::Sobol(rows) => sobol(name, rows, n),
        Analysis::Morris(rows) => morris(name, rows, n),
        Analysis::Prim { inputs, rows } => {
            *n += 1;
            vec![prim(name, inputs, rows, *n)]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fraction;

    #[test]
    fn a_range_wider_than_f64_max_places_every_value() {
        let (lo, hi) = (-8.5e307, 1.6e308);
        assert_eq!(fraction(lo, lo, hi), 0.0);
        assert_eq!(fraction(hi, lo, hi), 1.0);
        assert!((fraction(1e308, lo, hi) - 1.85 / 2.45).abs() < 1e-12);
        assert_eq!(fraction(3.0, 1.0, 5.0), 0.5);
        assert_eq!(fraction(2.0, 2.0, 2.0), 0.0);
    }

    /// Found by the `samples` fuzz target: a samples CSV whose input runs
    /// from -8.5e307 to 1.6e308 drew the chosen box at `x="NaN"` (the
    /// range overflowed). Its Morris counterparts, found by reading: a
    /// mu* or sigma near f64::MAX made the axis infinite (a tick list of
    /// usize::MAX entries: capacity overflow, a panic in `report`), and
    /// mu* plus its interval beyond f64::MAX drew a whisker to `x2="inf"`.
    /// The fuzz targets' checks, on the inputs kept in `fuzz/corpus/`.
    #[test]
    fn charts_of_values_near_f64_max_are_finite() {
        crate::fuzzing::samples(include_bytes!("../../fuzz/corpus/samples/huge-range.csv"));
        crate::fuzzing::analysis(include_bytes!("../../fuzz/corpus/analysis/morris-huge.csv"));
        crate::fuzzing::analysis(include_bytes!(
            "../../fuzz/corpus/analysis/morris-huge-sum.csv"
        ));
    }
}
