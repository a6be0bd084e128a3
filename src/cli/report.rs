//! `catch22 report`: summary CSVs or scenarios into one self-contained HTML page.

use std::io::Write;

use super::{ReportArgs, threads};
use crate::engine::{self, Progress};
use crate::error::{Error, Result};
use crate::explain;
use crate::model::Outcome;
use crate::output::read;
use crate::output::report::{self, MapInput, ReportInput, ReportPoint};
use crate::output::{AtomicFile, Destination};
use crate::scenario::{Scenario, content_hash};

/// Runs per cell of a report's Catch-22 map (at most; fewer when the report runs fewer).
/// Values per axis of a report's Catch-22 map.
pub const MAP_STEPS: usize = 21;

fn is_csv(arg: &str) -> bool {
    std::path::Path::new(arg).is_file() && (arg.ends_with(".csv") || read::is_summary(arg))
}

fn from_csv(path: &str) -> Result<ReportInput> {
    let s = read::read(path)?;
    let bytes = std::fs::read(path).map_err(|e| Error::Runtime(format!("{path}: {e}")))?;
    let points = s
        .points
        .iter()
        .map(|p| {
            let q = |k: usize, name: &str| p.extra[k].get(name).and_then(|v| v.parse::<f64>().ok());
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
    let runs: Vec<String> = s.points.iter().map(|p| p.runs.to_string()).collect();
    let mut runs_shown = runs.first().cloned().unwrap_or_default();
    if runs.iter().any(|r| *r != runs_shown) {
        runs_shown = "varies by point (see the runs column)".to_string();
    }
    Ok(ReportInput {
        scenario: s.scenario.clone(),
        source: path.to_string(),
        keys: s.keys.clone(),
        points,
        recipe: vec![
            ("input".into(), format!("summary CSV {path}")),
            ("file hash (FNV-1a 64)".into(), content_hash(&bytes)),
            ("runs per point".into(), runs_shown),
            (
                "seed".into(),
                "not recorded in a summary CSV: see the command that wrote it".into(),
            ),
            ("command".into(), format!("catch22 report {path}")),
        ],
        map: None,
    })
}

fn from_scenario(a: &ReportArgs, arg: &str, progress: &dyn Progress) -> Result<ReportInput> {
    let mut s = Scenario::load(arg)?;
    for raw in &a.flags.set {
        s.set(raw)?;
    }
    if let Some(r) = &a.flags.runs {
        s.set_key("--runs", "scenario.runs", r)?;
    }
    if let Some(seed) = &a.flags.seed {
        s.set_key("--seed", "scenario.seed", seed)?;
    }
    let points = s.points(a.flags.max_points)?;
    let pool = engine::pool(threads(a.flags.threads)?)?;
    progress.plan(points.iter().map(|p| p.runs).sum());
    let mut out = Vec::with_capacity(points.len());
    for p in &points {
        let t = engine::tally_point(p, &pool);
        progress.advance(p.runs);
        out.push(ReportPoint {
            index: p.index,
            coordinates: p.coordinates.iter().map(|v| v.to_string()).collect(),
            runs: t.runs(),
            counts: Outcome::ALL.map(|o| t.outcome(o).count),
            round_hist: Some(Outcome::ALL.map(|o| t.outcome(o).round_hist.clone())),
            round_quantiles: [None; 4],
        });
    }
    // The Catch-22 map of the first point.
    let first = &points[0];
    let map = MapInput {
        map: explain::map::map(&first.params, &first.players, MAP_STEPS),
        initial: explain::map::cell(
            &first.params,
            &first.players,
            first.params.initial.resilience,
            first.params.initial.leverage,
        ),
        us_policy: first.players.us.name().to_string(),
        threshold: first.params.threshold.mean,
        floor: first.params.leadership.survival_floor,
    };
    let mut map_command = format!(
        "catch22 explain {arg} --seed {} --map-steps {MAP_STEPS} --map-out map.csv",
        first.seed
    );
    for raw in &a.flags.set {
        map_command.push_str(&format!(" --set {raw}"));
    }
    for (axis, v) in s.axes.iter().zip(&first.coordinates) {
        map_command.push_str(&format!(" --set {}={v}", axis.key()));
    }
    let verb = if s.axes.is_empty() { "run" } else { "sweep" };
    let mut command = format!(
        "catch22 {verb} {arg} --runs {} --seed {}",
        s.value("scenario.runs"),
        s.value("scenario.seed")
    );
    for raw in &a.flags.set {
        command.push_str(&format!(" --set {raw}"));
    }
    for axis in &s.axes {
        let vals: Vec<String> = axis.values.iter().map(|v| v.to_string()).collect();
        command.push_str(&format!(" --vary {}={}", axis.key(), vals.join(",")));
    }
    Ok(ReportInput {
        scenario: s.name().to_string(),
        source: s.source.clone(),
        keys: s.axes.iter().map(|a| a.key().to_string()).collect(),
        points: out,
        recipe: vec![
            ("catch22 version".into(), env!("CARGO_PKG_VERSION").into()),
            ("scenario".into(), s.source.clone()),
            (
                "scenario file hash (FNV-1a 64)".into(),
                content_hash(s.text.as_bytes()),
            ),
            ("job id (every resolved key)".into(), s.job_id()),
            ("seed".into(), s.value("scenario.seed").to_string()),
            (
                "runs per point".into(),
                s.value("scenario.runs").to_string(),
            ),
            ("command (the same numbers)".into(), command),
            ("Catch-22 map (the same numbers)".into(), map_command),
        ],
        map: Some(map),
    })
}

/// Builds the report and writes it (and `--svg` files).
pub fn report(a: ReportArgs, progress: &dyn Progress) -> Result<Option<String>> {
    let mut out = Destination::open(a.out.as_deref())?;
    if let Some(dir) = &a.svg {
        std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, &e))?;
    }
    let inputs = a
        .inputs
        .iter()
        .map(|arg| {
            if is_csv(arg) {
                from_csv(arg)
            } else {
                from_scenario(&a, arg, progress)
            }
        })
        .collect::<Result<Vec<_>>>()?;
    let charts = report::charts(&inputs);
    let mut svg_files = Vec::new();
    if let Some(dir) = &a.svg {
        for c in &charts {
            let path = std::path::Path::new(dir).join(&c.file);
            let path = path.to_string_lossy().into_owned();
            let mut f = AtomicFile::create(&path)?;
            f.write_all(
                format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{}\n", c.svg).as_bytes(),
            )
            .map_err(|e| Error::write(&path, &e))?;
            svg_files.push(f);
        }
    }
    let page = report::html(&inputs, &charts);
    out.write_all(page.as_bytes())
        .map_err(|e| Error::write(out.name(), &e))?;
    for f in svg_files {
        f.commit()?;
    }
    let name = out.name().to_string();
    out.finish()?;
    Ok((!a.quiet).then(|| {
        format!(
            "catch22 report: {} input{}, {} charts -> {}{}",
            inputs.len(),
            if inputs.len() == 1 { "" } else { "s" },
            charts.len(),
            if name == "-" {
                "standard output"
            } else {
                &name
            },
            a.svg
                .as_ref()
                .map(|d| format!(" and {} SVG files in {d}", charts.len()))
                .unwrap_or_default()
        )
    }))
}
