//! `catch22 report`: summary CSVs or scenarios into one self-contained HTML page.

use std::io::Write;

use super::io::{Given, Io};
use super::manifest::{self, Manifest, sha256_hex};
use super::{ReportArgs, threads};
use crate::engine::{self, Progress};
use crate::error::{Error, Result};
use crate::explain;
use crate::model::Outcome;
use crate::output::Destination;
use crate::output::file::MadeDirs;
use crate::output::read;
use crate::output::report::{self, MapInput, ReportInput, ReportPoint};
use crate::output::report_uncertainty::{self, Analysis};

/// Runs per cell of a report's Catch-22 map (at most; fewer when the report runs fewer).
/// Values per axis of a report's Catch-22 map.
pub const MAP_STEPS: usize = 21;

/// The recipe of an input file: `first` (its first line names the input),
/// its SHA-256, and what its manifest (`FILE.meta.json`) records, if one
/// beside it describes it; with the `--set` overrides of a one-scenario run.
fn provenance(
    path: &str,
    sha: &str,
    first: Vec<(String, String)>,
) -> (Vec<(String, String)>, Option<String>) {
    let sha = sha.to_string();
    let mut recipe = first;
    recipe.insert(
        1.min(recipe.len()),
        ("file hash (SHA-256)".into(), sha.clone()),
    );
    let mut set = None;
    let meta = manifest::path_for(path);
    if !std::path::Path::new(&meta).exists() {
        recipe.push((
            "seed".into(),
            format!("not recorded: no manifest {meta} beside the CSV (written with --out, unless --no-meta)"),
        ));
    } else {
        match Manifest::read(&meta) {
            Err(e) => recipe.push(("manifest".into(), format!("{meta} is unreadable: {e}"))),
            Ok(m) if !m.outputs.iter().any(|o| o.sha256 == sha) => recipe.push((
                "manifest".into(),
                format!("{meta} does not describe this file (no output with its SHA-256): ignored"),
            )),
            Ok(m) => {
                recipe.push(("manifest".into(), meta.clone()));
                recipe.push(("catch22 version".into(), m.catch22_version.clone()));
                recipe.push(("command".into(), m.command_line()));
                recipe.push((
                    "written".into(),
                    format!("{} in {:.3} s", m.started_utc, m.wall_seconds),
                ));
                for sc in &m.scenarios {
                    let who = if m.scenarios.len() == 1 {
                        String::new()
                    } else {
                        format!(" ({})", sc.role)
                    };
                    recipe.push((format!("scenario{who}"), sc.source.clone()));
                    recipe.push((
                        format!("scenario text SHA-256{who}"),
                        sc.text_sha256.clone(),
                    ));
                    recipe.push((format!("seed{who}"), sc.seed.to_string()));
                    if !sc.set.is_empty() {
                        recipe.push((format!("--set{who}"), sc.set.join(" ")));
                    }
                }
                for (k, v) in &m.settings {
                    recipe.push((k.clone(), v.to_string()));
                }
                for i in &m.inputs {
                    recipe.push((format!("input {} (SHA-256)", i.path), i.sha256.clone()));
                }
                recipe.push(("reproduce".into(), format!("catch22 reproduce {meta}")));
                // A run with overrides is not the plain scenario.
                if let [sc] = m.scenarios.as_slice() {
                    if !sc.set.is_empty() {
                        set = Some(sc.set.join(", "));
                    }
                }
            }
        }
    }
    (recipe, set)
}

fn from_csv(path: &str, given: &Given) -> Result<ReportInput> {
    let s = read::parse(&given.text, path)?;
    let mut input = report::summary_input(&s, path);
    let runs: Vec<String> = s.points.iter().map(|p| p.runs.to_string()).collect();
    let mut runs_shown = runs.first().cloned().unwrap_or_default();
    if runs.iter().any(|r| *r != runs_shown) {
        runs_shown = "varies by point (see the runs column)".to_string();
    }
    let (recipe, set) = provenance(
        path,
        &given.sha256,
        vec![
            ("input".into(), format!("summary CSV {path}")),
            ("runs per point".into(), runs_shown),
        ],
    );
    if let Some(set) = set {
        // A run with overrides is not the plain scenario.
        input.scenario = format!("{} with {set}", s.scenario);
    }
    input.recipe = recipe;
    Ok(input)
}

fn from_scenario(
    a: &ReportArgs,
    arg: &str,
    given: Option<&Given>,
    io: &mut Io,
    progress: &dyn Progress,
) -> Result<ReportInput> {
    let mut s = super::io::scenario(arg, given)?;
    for raw in &a.flags.set {
        s.set(raw)?;
    }
    a.flags.apply(&mut s)?;
    io.scenario(arg, &s, &a.flags.set);
    let points = s.points(a.max_points)?;
    let pool = engine::pool(threads(&a.flags.threads)?)?;
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
    let scenario = if a.flags.set.is_empty() {
        s.name().to_string()
    } else {
        format!("{} with {}", s.name(), a.flags.set.join(", "))
    };
    Ok(ReportInput {
        scenario,
        source: s.source.clone(),
        keys: s.axes.iter().map(|a| a.key().to_string()).collect(),
        points: out,
        recipe: vec![
            ("catch22 version".into(), env!("CARGO_PKG_VERSION").into()),
            ("scenario".into(), s.source.clone()),
            (
                "scenario file hash (SHA-256)".into(),
                sha256_hex(s.text.as_bytes()),
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
        analysis: None,
    })
}

/// An uncertainty analysis CSV (`sensitivity`, `discover`).
fn from_analysis(path: &str, sha: &str, analysis: Analysis) -> Result<ReportInput> {
    let what = match &analysis {
        Analysis::Sobol(_) => "Sobol' indices (catch22 sensitivity)",
        Analysis::Morris(_) => "Morris measures (catch22 sensitivity --method morris)",
        Analysis::Prim { .. } => "PRIM trajectory (catch22 discover)",
    };
    let mut name = std::path::Path::new(path)
        .file_stem()
        .map_or_else(|| path.to_string(), |s| s.to_string_lossy().into_owned());
    let (recipe, set) = provenance(path, sha, vec![("input".into(), format!("{what}: {path}"))]);
    if let Some(set) = set {
        name = format!("{name} with {set}");
    }
    Ok(ReportInput {
        scenario: name,
        source: path.to_string(),
        keys: Vec::new(),
        points: Vec::new(),
        recipe,
        map: None,
        analysis: Some(analysis),
    })
}

/// Builds the report and writes it (and `--svg` files), all or nothing.
pub fn report(a: ReportArgs, io: &mut Io, progress: &dyn Progress) -> Result<Option<String>> {
    io.inputs(a.inputs.iter().map(String::as_str))?;
    if let Some(dir) = &a.svg {
        io.reserve("--svg", dir)?;
        // Fail now, not after the simulations, if DIR cannot be a directory.
        let existing = std::path::Path::new(dir)
            .ancestors()
            .find(|p| p.as_os_str().is_empty() || p.exists());
        if existing.is_some_and(|p| !p.as_os_str().is_empty() && !p.is_dir()) {
            return Err(Error::Output {
                path: dir.clone(),
                message: "not a directory".to_string(),
            });
        }
    }
    let mut out = io.open("--out", a.out.out.as_deref())?;
    let inputs = a
        .inputs
        .iter()
        .map(|arg| {
            // Each input is read once (it may be a pipe), and its text says
            // what it is: an analysis CSV, a summary CSV or a scenario.
            let Some(g) = super::io::given(arg, "input")? else {
                return from_scenario(&a, arg, None, io, progress);
            };
            if let Some(analysis) = report_uncertainty::parse(&g.text, arg)? {
                from_analysis(arg, &g.sha256, analysis)
            } else if arg.ends_with(".csv") || read::is_summary_text(&g.text) {
                from_csv(arg, &g)
            } else {
                from_scenario(&a, arg, Some(&g), io, progress)
            }
        })
        .collect::<Result<Vec<_>>>()?;
    let charts = report::charts(&inputs);
    let page = report::html(&inputs, &charts);
    // The SVG directory is made only now that every input was read, and
    // removed again if anything fails before the commit.
    let made = a.svg.as_deref().map(MadeDirs::create).transpose()?;
    let mut outputs = Vec::new();
    if let Some(dir) = &a.svg {
        for c in &charts {
            let path = std::path::Path::new(dir).join(&c.file);
            let path = path.to_string_lossy().into_owned();
            let mut f = io.file("--svg", &path)?;
            f.write_all(
                format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{}\n", c.svg).as_bytes(),
            )
            .map_err(|e| Error::write(&path, &e))?;
            outputs.push(Destination::File(f));
        }
    }
    let name = out.name().to_string();
    out.write_all(page.as_bytes())
        .map_err(|e| Error::write(&name, &e))?;
    outputs.push(out);
    io.commit(outputs)?;
    if let Some(made) = made {
        made.keep();
    }
    Ok(Some({
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
