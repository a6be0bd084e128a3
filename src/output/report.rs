//! The report: one self-contained HTML page (inline CSS and SVG, no script,
//! no network) with the charts an analyst would rather look at than read.
//!
//! Every drawn mark carries its numbers as `data-*` attributes (`data-p`,
//! `data-lo`, `data-hi`, formatted exactly as in the summary CSV), so tests —
//! and curious readers — can check that what is drawn is what was computed.
//! The page is well-formed XML (XHTML), so each chart also stands alone as an
//! SVG file (`--svg DIR`).

use std::fmt::Write as _;

use super::num;
use super::read::Summary;
use crate::explain::{Cell, Map, Region};
use crate::model::Outcome;
use crate::stats::{Z95, wilson};

/// Outcome colours (colour-blind-safe Okabe–Ito palette).
const COLOURS: [&str; 4] = ["#0072B2", "#D55E00", "#000000", "#009E73"];

/// The most points drawn in the probability chart of one input.
pub const MAX_BAR_POINTS: usize = 48;

/// One point of one input.
#[derive(Debug, Clone)]
pub struct ReportPoint {
    /// Its number.
    pub index: usize,
    /// Varied-key values, as printed in the CSV.
    pub coordinates: Vec<String>,
    /// Runs.
    pub runs: u64,
    /// Runs of each outcome.
    pub counts: [u64; 4],
    /// Per outcome, runs by round ended (index = round), when known.
    pub round_hist: Option<[Vec<u64>; 4]>,
    /// Per outcome, the p10/p50/p90 rounds, when known (from a CSV).
    pub round_quantiles: [Option<[f64; 3]>; 4],
}

/// One input: a summary CSV or a scenario that was run.
#[derive(Debug, Clone)]
pub struct ReportInput {
    /// The scenario name.
    pub scenario: String,
    /// Where it came from (path or shipped name).
    pub source: String,
    /// The varied keys.
    pub keys: Vec<String>,
    /// Its points.
    pub points: Vec<ReportPoint>,
    /// How to reproduce it: lines of `key: value`.
    pub recipe: Vec<(String, String)>,
    /// The Catch-22 map of its first point (scenario inputs only).
    pub map: Option<MapInput>,
    /// An uncertainty analysis (a `sensitivity` or `discover` CSV) instead
    /// of outcome probabilities.
    pub analysis: Option<super::report_uncertainty::Analysis>,
}

/// The Catch-22 map of a scenario input (see `crate::explain::map`).
#[derive(Debug, Clone)]
pub struct MapInput {
    /// The cells.
    pub map: Map,
    /// The scenario's own initial state.
    pub initial: Cell,
    /// The US policy refusing is played against.
    pub us_policy: String,
    /// The mean threshold θ̄ the horns are judged for.
    pub threshold: f64,
    /// The survival floor both horns are judged against.
    pub floor: f64,
}

/// A finished chart.
#[derive(Debug, Clone)]
pub struct Chart {
    /// A file name for `--svg DIR` (`1-probabilities.svg`).
    pub file: String,
    /// Its title.
    pub title: String,
    /// The SVG element.
    pub svg: String,
    /// Which input it draws (index into the inputs).
    pub input: usize,
}

/// A summary CSV as the report draws it (the recipe is the caller's: it
/// reads the manifest beside the file).
pub fn summary_input(s: &Summary, path: &str) -> ReportInput {
    let points = s
        .points
        .iter()
        .map(|p| {
            // Quantiles that are not finite rounds are not drawn (never `x1="inf"`).
            let q = |k: usize, name: &str| {
                p.extra[k]
                    .get(name)
                    .and_then(|v| v.parse::<f64>().ok())
                    .filter(|r| r.is_finite() && *r >= 0.0 && *r <= 1e6)
            };
            let round_quantiles = std::array::from_fn(|k| {
                Some([q(k, "round_p10")?, q(k, "round_p50")?, q(k, "round_p90")?])
            });
            ReportPoint {
                index: p.index,
                coordinates: p.coordinates.clone(),
                runs: p.runs,
                counts: p.counts,
                round_hist: None,
                round_quantiles,
            }
        })
        .collect();
    ReportInput {
        scenario: s.scenario.clone(),
        source: path.to_string(),
        keys: s.keys.clone(),
        points,
        recipe: Vec::new(),
        analysis: None,
        map: None,
    }
}

/// Escapes user-derived text for XML (see [`super::escape::xml`]).
pub fn esc(s: &str) -> String {
    super::escape::xml(s)
}

/// The opening of a chart: its size, title and white background.
pub(super) fn svg_open(w: f64, h: f64, title: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\" font-family=\"sans-serif\" font-size=\"12\"><title>{}</title><rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
        esc(title)
    )
}

/// Where `v` lies from `lo` to `hi`, in [0, 1], for any finite values: the
/// differences are taken of halves, so that a range wider than f64::MAX
/// (a sweep axis or limits from ±1e308 to ∓1e308 in a CSV) does not
/// overflow into an infinite span and NaN coordinates.
pub(super) fn fraction(v: f64, lo: f64, hi: f64) -> f64 {
    let span = (hi / 2.0 - lo / 2.0).max(1e-300);
    ((v / 2.0 - lo / 2.0) / span).clamp(0.0, 1.0)
}

fn legend(svg: &mut String, x: f64, y: f64) {
    for (k, o) in Outcome::ALL.iter().enumerate() {
        let lx = x + k as f64 * 130.0;
        let _ = write!(
            svg,
            "<rect x=\"{lx:.1}\" y=\"{:.1}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            y - 10.0,
            COLOURS[k],
            lx + 16.0,
            y,
            o.name()
        );
    }
}

fn y_axis(svg: &mut String, x0: f64, y0: f64, h: f64, w: f64) {
    for k in 0..=4 {
        let v = k as f64 / 4.0;
        let y = y0 + h - v * h;
        let _ = write!(
            svg,
            "<line x1=\"{x0:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#dddddd\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{v:.2}</text>",
            x0 + w,
            x0 - 6.0,
            y + 4.0
        );
    }
}

fn label(p: &ReportPoint, keys: &[String]) -> String {
    if keys.is_empty() {
        format!("point {}", p.index)
    } else {
        keys.iter()
            .zip(&p.coordinates)
            .map(|(k, v)| format!("{}={v}", k.rsplit('.').next().unwrap_or(k)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Outcome probabilities with Wilson 95% whiskers, point by point.
pub fn probabilities(input: &ReportInput, n: usize) -> Chart {
    let shown = &input.points[..input.points.len().min(MAX_BAR_POINTS)];
    let (left, top, row) = (300.0, 40.0, 22.0);
    let group = row * 4.0 + 12.0;
    let w = 900.0;
    let plot_w = w - left - 30.0;
    let h = top + group * shown.len() as f64 + 50.0;
    let title = format!(
        "{}: outcome probabilities with 95% intervals",
        input.scenario
    );
    let mut svg = svg_open(w, h, &title);
    legend(&mut svg, left, 20.0);
    for k in 0..=4 {
        let v = k as f64 / 4.0;
        let x = left + v * plot_w;
        let _ = write!(
            svg,
            "<line x1=\"{x:.1}\" y1=\"{top:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#dddddd\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{v:.2}</text>",
            h - 40.0,
            h - 24.0
        );
    }
    for (g, p) in shown.iter().enumerate() {
        let gy = top + g as f64 * group;
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"11\">{}</text>",
            left - 8.0,
            gy + 2.0 * row,
            esc(&label(p, &input.keys))
        );
        for (k, o) in Outcome::ALL.iter().enumerate() {
            let c = p.counts[k];
            let prob = c as f64 / p.runs.max(1) as f64;
            let (lo, hi) = wilson(c, p.runs, Z95);
            let y = gy + k as f64 * row + 3.0;
            let _ = write!(
                svg,
                "<rect class=\"bar\" data-point=\"{}\" data-outcome=\"{}\" data-p=\"{}\" data-lo=\"{}\" data-hi=\"{}\" x=\"{left:.1}\" y=\"{y:.1}\" width=\"{:.2}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {} = {} [{}, {}]</title></rect>",
                p.index,
                o.name(),
                num(prob),
                num(lo),
                num(hi),
                prob * plot_w,
                row - 6.0,
                COLOURS[k],
                esc(&label(p, &input.keys)),
                o.name(),
                num(prob),
                num(lo),
                num(hi)
            );
            let ym = y + (row - 6.0) / 2.0;
            let _ = write!(
                svg,
                "<line x1=\"{:.2}\" y1=\"{ym:.1}\" x2=\"{:.2}\" y2=\"{ym:.1}\" stroke=\"#555555\" stroke-width=\"1.5\"/>",
                left + lo * plot_w,
                left + hi * plot_w
            );
        }
    }
    if shown.len() < input.points.len() {
        let _ = write!(
            svg,
            "<text x=\"{left:.1}\" y=\"{:.1}\">first {} of {} points shown; the sweep charts show them all</text>",
            h - 6.0,
            shown.len(),
            input.points.len()
        );
    }
    svg.push_str("</svg>");
    Chart {
        file: format!("{n}-probabilities.svg"),
        title,
        svg,
        input: 0,
    }
}

/// For a sweep whose first varied key is numeric: each outcome's probability
/// against it, with a 95% band, one chart per value of the other keys.
pub fn sweeps(input: &ReportInput, n: &mut usize) -> Vec<Chart> {
    let Some(first) = input.keys.first() else {
        return Vec::new();
    };
    let xs: Option<Vec<f64>> = input
        .points
        .iter()
        .map(|p| {
            p.coordinates[0]
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
        })
        .collect();
    let Some(xs) = xs else {
        return Vec::new();
    };
    // Facets: points that agree on every other key, in order of first appearance.
    let mut facets: Vec<(Vec<String>, Vec<usize>)> = Vec::new();
    for (i, p) in input.points.iter().enumerate() {
        let rest = p.coordinates[1..].to_vec();
        match facets.iter_mut().find(|(r, _)| *r == rest) {
            Some((_, members)) => members.push(i),
            None => facets.push((rest, vec![i])),
        }
    }
    let (xmin, xmax) = xs
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
            (a.min(x), b.max(x))
        });
    let mut charts = Vec::new();
    for (rest, members) in facets.iter().take(24) {
        if members.len() < 2 {
            continue;
        }
        *n += 1;
        let facet: Vec<String> = input.keys[1..]
            .iter()
            .zip(rest)
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let title = if facet.is_empty() {
            format!("{}: outcome probabilities against {first}", input.scenario)
        } else {
            format!(
                "{}: outcome probabilities against {first} ({})",
                input.scenario,
                facet.join(", ")
            )
        };
        let (w, h, left, top, plot_h) = (900.0, 420.0, 60.0, 40.0, 320.0);
        let plot_w = w - left - 30.0;
        let mut svg = svg_open(w, h, &title);
        legend(&mut svg, left, 20.0);
        y_axis(&mut svg, left, top, plot_h, plot_w);
        let sx = |x: f64| left + fraction(x, xmin, xmax) * plot_w;
        let sy = |p: f64| top + plot_h - p * plot_h;
        let mut ticks: Vec<f64> = members.iter().map(|&i| xs[i]).collect();
        ticks.dedup();
        for (&i, x) in members.iter().zip(&ticks) {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                sx(*x),
                top + plot_h + 18.0,
                esc(&input.points[i].coordinates[0])
            );
        }
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            left + plot_w / 2.0,
            h - 12.0,
            esc(first)
        );
        for (k, o) in Outcome::ALL.iter().enumerate() {
            let pts: Vec<(f64, f64, f64, f64, usize)> = members
                .iter()
                .map(|&i| {
                    let p = &input.points[i];
                    let (lo, hi) = wilson(p.counts[k], p.runs, Z95);
                    (xs[i], p.counts[k] as f64 / p.runs.max(1) as f64, lo, hi, i)
                })
                .collect();
            let band: Vec<String> = pts
                .iter()
                .map(|q| format!("{:.2},{:.2}", sx(q.0), sy(q.3)))
                .chain(
                    pts.iter()
                        .rev()
                        .map(|q| format!("{:.2},{:.2}", sx(q.0), sy(q.2))),
                )
                .collect();
            let line: Vec<String> = pts
                .iter()
                .map(|q| format!("{:.2},{:.2}", sx(q.0), sy(q.1)))
                .collect();
            let _ = write!(
                svg,
                "<polygon points=\"{}\" fill=\"{}\" fill-opacity=\"0.18\" stroke=\"none\"/><polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>",
                band.join(" "),
                COLOURS[k],
                line.join(" "),
                COLOURS[k]
            );
            for q in &pts {
                let p = &input.points[q.4];
                let _ = write!(
                    svg,
                    "<circle class=\"dot\" data-point=\"{}\" data-outcome=\"{}\" data-x=\"{}\" data-p=\"{}\" data-lo=\"{}\" data-hi=\"{}\" cx=\"{:.2}\" cy=\"{:.2}\" r=\"3\" fill=\"{}\"><title>{} at {}={}: {} [{}, {}]</title></circle>",
                    p.index,
                    o.name(),
                    esc(&p.coordinates[0]),
                    num(q.1),
                    num(q.2),
                    num(q.3),
                    sx(q.0),
                    sy(q.1),
                    COLOURS[k],
                    o.name(),
                    esc(first),
                    esc(&p.coordinates[0]),
                    num(q.1),
                    num(q.2),
                    num(q.3)
                );
            }
        }
        svg.push_str("</svg>");
        charts.push(Chart {
            file: format!("{n}-sweep.svg"),
            title,
            svg,
            input: 0,
        });
    }
    charts
}

/// Time to outcome: per outcome, a histogram of the round it occurred in
/// (scenarios) or its p10–p50–p90 rounds (summary CSVs), for the first point.
pub fn time_to_outcome(input: &ReportInput, n: usize) -> Option<Chart> {
    let p = input.points.first()?;
    let title = format!(
        "{}: time to outcome, {} (months)",
        input.scenario,
        label(p, &input.keys)
    );
    let (w, left, top, panel) = (900.0, 130.0, 40.0, 90.0);
    let h = top + panel * 4.0 + 40.0;
    let plot_w = w - left - 30.0;
    let max_round = match &p.round_hist {
        Some(hist) => hist.iter().map(Vec::len).max().unwrap_or(1).max(2) - 1,
        None => p
            .round_quantiles
            .iter()
            .flatten()
            .map(|q| q[2])
            .fold(1.0f64, f64::max)
            .ceil() as usize,
    };
    let sx = |r: f64| left + (r - 0.5) / max_round as f64 * plot_w;
    let mut svg = svg_open(w, h, &title);
    let mut drawn = false;
    for (k, o) in Outcome::ALL.iter().enumerate() {
        let py = top + k as f64 * panel;
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{}\">{}</text><line x1=\"{left:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#999999\"/>",
            left - 8.0,
            py + panel / 2.0,
            COLOURS[k],
            o.name(),
            py + panel - 10.0,
            left + plot_w,
            py + panel - 10.0
        );
        if let Some(hist) = &p.round_hist {
            let counts = &hist[k];
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"10\" fill=\"#555555\">{} runs</text>",
                left - 8.0,
                py + panel / 2.0 + 14.0,
                counts.iter().sum::<u64>()
            );
            let top_count = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
            for (r, &c) in counts.iter().enumerate().skip(1) {
                if c == 0 {
                    continue;
                }
                drawn = true;
                let bh = c as f64 / top_count * (panel - 20.0);
                let _ = write!(
                    svg,
                    "<rect class=\"hist\" data-outcome=\"{}\" data-round=\"{r}\" data-count=\"{c}\" x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{bh:.2}\" fill=\"{}\"><title>{}: {c} runs in round {r}</title></rect>",
                    o.name(),
                    sx(r as f64 - 0.5),
                    py + panel - 10.0 - bh,
                    (plot_w / max_round as f64 - 1.0).max(0.5),
                    COLOURS[k],
                    o.name()
                );
            }
        } else if let Some(q) = p.round_quantiles[k] {
            drawn = true;
            let y = py + panel / 2.0;
            let _ = write!(
                svg,
                "<line class=\"quantiles\" data-outcome=\"{}\" data-p10=\"{}\" data-p50=\"{}\" data-p90=\"{}\" x1=\"{:.2}\" y1=\"{y:.1}\" x2=\"{:.2}\" y2=\"{y:.1}\" stroke=\"{}\" stroke-width=\"6\"/><circle cx=\"{:.2}\" cy=\"{y:.1}\" r=\"6\" fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"2\"/>",
                o.name(),
                q[0],
                q[1],
                q[2],
                sx(q[0]),
                sx(q[2]),
                COLOURS[k],
                sx(q[1]),
                COLOURS[k]
            );
        }
    }
    for r in (0..=max_round).step_by((max_round / 12).max(1)) {
        if r == 0 {
            continue;
        }
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{r}</text>",
            sx(r as f64),
            h - 20.0
        );
    }
    if p.round_hist.is_none() {
        let _ = write!(
            svg,
            "<text x=\"{left:.1}\" y=\"{:.1}\">from a summary CSV: bars span the 10th to 90th percentile round, the circle is the median</text>",
            h - 4.0
        );
    }
    svg.push_str("</svg>");
    drawn.then(|| Chart {
        file: format!("{n}-time-to-outcome.svg"),
        title,
        svg,
        input: 0,
    })
}

/// Region colours (Okabe–Ito): both green, deal only blue, refusing only
/// orange, the trap vermilion.
fn region_colour(r: Region) -> &'static str {
    match r {
        Region::Both => "#009E73",
        Region::DealOnly => "#56B4E9",
        Region::RefuseOnly => "#E69F00",
        Region::Trap => "#D55E00",
    }
}

/// The Catch-22 map: one rectangle per cell, resilience up and leverage
/// across, coloured by region, with the scenario's initial state marked.
pub fn catch22_map(input: &ReportInput, m: &MapInput, n: usize) -> Chart {
    let steps = m.map.steps;
    let at = match input.points.first() {
        Some(p) if !input.keys.is_empty() => format!(" at {}", label(p, &input.keys)),
        _ => String::new(),
    };
    let title = format!(
        "{}: the Catch-22 map{at} (initial resilience x leverage, mean threshold)",
        input.scenario
    );
    let (left, top, side) = (70.0, 40.0, 420.0);
    let size = side / steps as f64;
    let (w, h) = (900.0, top + side + 50.0);
    let mut svg = svg_open(w, h, &title);
    // Cell centres sit at k/(steps−1) of the axis; the axis spans the cells.
    let sx = |l: f64| left + l * (side - size) + size / 2.0;
    let sy = |r: f64| top + (1.0 - r) * (side - size) + size / 2.0;
    for c in &m.map.cells {
        let region = c.region;
        let h = &c.horns;
        let _ = write!(
            svg,
            "<rect class=\"map-cell\" data-resilience=\"{}\" data-leverage=\"{}\" data-offer=\"{}\" data-deal=\"{}\" data-refuse=\"{}\" data-region=\"{}\" x=\"{:.2}\" y=\"{:.2}\" width=\"{size:.2}\" height=\"{size:.2}\" fill=\"{}\"><title>R={} L={}: offer {}, survival if it accepts {}, if it refuses {}: {}</title></rect>",
            num(c.resilience),
            num(c.leverage),
            num(h.offer),
            num(h.deal),
            num(h.refuse),
            region.name(),
            sx(c.leverage) - size / 2.0,
            sy(c.resilience) - size / 2.0,
            region_colour(region),
            num(c.resilience),
            num(c.leverage),
            num(h.offer),
            num(h.deal),
            num(h.refuse),
            region.name()
        );
    }
    for k in 0..=4 {
        let v = k as f64 / 4.0;
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{v:.2}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{v:.2}</text>",
            sx(v),
            top + side + 16.0,
            left - 6.0,
            sy(v) + 4.0
        );
    }
    let _ = write!(
        svg,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">initial leverage</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" transform=\"rotate(-90 {:.1} {:.1})\">initial resilience</text>",
        left + side / 2.0,
        top + side + 34.0,
        20.0,
        top + side / 2.0,
        20.0,
        top + side / 2.0
    );
    let i = &m.initial;
    let _ = write!(
        svg,
        "<circle class=\"map-initial\" data-resilience=\"{}\" data-leverage=\"{}\" data-region=\"{}\" data-deal=\"{}\" data-refuse=\"{}\" cx=\"{:.2}\" cy=\"{:.2}\" r=\"{:.1}\" fill=\"none\" stroke=\"#000000\" stroke-width=\"2.5\"><title>the scenario's initial state: {}</title></circle>",
        num(i.resilience),
        num(i.leverage),
        i.region.name(),
        num(i.horns.deal),
        num(i.horns.refuse),
        sx(i.leverage),
        sy(i.resilience),
        (size * 0.6).max(5.0),
        i.region.name()
    );
    let lx = left + side + 40.0;
    for (k, r) in Region::ALL.iter().enumerate() {
        let y = top + 10.0 + k as f64 * 24.0;
        let _ = write!(
            svg,
            "<rect x=\"{lx:.1}\" y=\"{:.1}\" width=\"14\" height=\"14\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\">{} ({})</text>",
            y - 11.0,
            region_colour(*r),
            lx + 20.0,
            y,
            r.name(),
            esc(r.meaning())
        );
    }
    let notes = [
        "black circle: the scenario's initial state".to_string(),
        "a horn clears the floor when the regime".to_string(),
        format!(
            "survives to the end of the term with chance >= {:.2}",
            m.floor
        ),
        format!(
            "(mean threshold {:.3}; the deal: the US offer;",
            m.threshold
        ),
        format!("refusing: holding out against {})", m.us_policy),
        "docs/MODEL.md section 5".to_string(),
    ];
    for (k, note) in notes.iter().enumerate() {
        let _ = write!(
            svg,
            "<text x=\"{lx:.1}\" y=\"{:.1}\" font-size=\"11\">{}</text>",
            top + 120.0 + k as f64 * 18.0,
            esc(note)
        );
    }
    svg.push_str("</svg>");
    Chart {
        file: format!("{n}-catch22-map.svg"),
        title,
        svg,
        input: 0,
    }
}

/// All charts of all inputs, numbered for `--svg`.
pub fn charts(inputs: &[ReportInput]) -> Vec<Chart> {
    let mut out = Vec::new();
    let mut n = 0;
    for (i, input) in inputs.iter().enumerate() {
        if let Some(a) = &input.analysis {
            for mut c in super::report_uncertainty::charts(&input.scenario, a, &mut n) {
                c.input = i;
                out.push(c);
            }
            continue;
        }
        n += 1;
        let mut c = probabilities(input, n);
        c.input = i;
        out.push(c);
        for mut c in sweeps(input, &mut n) {
            c.input = i;
            out.push(c);
        }
        n += 1;
        if let Some(mut c) = time_to_outcome(input, n) {
            c.input = i;
            out.push(c);
        }
        if let Some(m) = &input.map {
            n += 1;
            let mut c = catch22_map(input, m, n);
            c.input = i;
            out.push(c);
        }
    }
    out
}

/// The whole page.
pub fn html(inputs: &[ReportInput], charts: &[Chart]) -> String {
    let mut page = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/><title>catch22 report</title><style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}h2{margin-top:2em;border-bottom:1px solid #ccc}table.recipe{border-collapse:collapse;font-size:90%}table.recipe td{padding:2px 8px;border-bottom:1px solid #eee;vertical-align:top}code{background:#f4f4f4;padding:1px 3px}figure{margin:1em 0}figcaption{font-weight:bold;margin-bottom:.3em}</style></head><body>",
    );
    let _ = write!(
        page,
        "<h1>catch22 report</h1><p>{} input{}; catch22 {}. Bars and dots are outcome probabilities; whiskers and bands are Wilson 95% score intervals (for sensitivity indices, their bootstrap 95% intervals). Hover a mark for its numbers.</p>",
        inputs.len(),
        if inputs.len() == 1 { "" } else { "s" },
        env!("CARGO_PKG_VERSION")
    );
    for (i, input) in inputs.iter().enumerate() {
        let _ = write!(
            page,
            "<h2>{} <small>({})</small></h2><table class=\"recipe\">",
            esc(&input.scenario),
            esc(&input.source)
        );
        for (k, v) in &input.recipe {
            let _ = write!(
                page,
                "<tr><td>{}</td><td><code>{}</code></td></tr>",
                esc(k),
                esc(v)
            );
        }
        page.push_str("</table>");
        for c in charts.iter().filter(|c| c.input == i) {
            let _ = write!(
                page,
                "<figure><figcaption>{}</figcaption>{}</figure>",
                esc(&c.title),
                c.svg
            );
        }
    }
    page.push_str("</body></html>\n");
    page
}
