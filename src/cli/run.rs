//! `catch22 run` and `catch22 sweep`.

use std::time::Instant;

use super::io::Io;
use super::{Format, JobFlags, OutFlags, RunArgs, ScenarioFlags, SweepArgs, load, threads};
use crate::engine::adaptive::{self, Target};
use crate::engine::{self, Player, PointParams, Progress, RunSink, Shard};
use crate::error::{Error, Result};
use crate::output::partial::{self, JobHeader};
use crate::output::per_run::PerRunWriter;
use crate::output::summary;
use crate::scenario::schema::MAX_RUNS;
use crate::scenario::{Scenario, shipped};
use crate::uncertainty::evaluate;
use crate::uncertainty::uncertain_runs::UncertainRuns;

/// What `run` and `sweep` share.
struct Job<'a> {
    flags: &'a ScenarioFlags,
    job: &'a JobFlags,
    format: Format,
    out: &'a OutFlags,
    max_points: usize,
}

/// `catch22 run [SCENARIO]`: one point; a `[sweep]` table is left to `sweep`.
pub fn run(a: RunArgs, io: &mut Io, progress: &dyn Progress) -> Result<Option<String>> {
    if a.uncertain_defaults && !a.uncertain {
        return Err(Error::Usage(
            "--uncertain-defaults widens the table `run --uncertain` draws from: give --uncertain too"
                .to_string(),
        ));
    }
    let mut s = load(a.scenario.as_deref(), &a.flags.set)?;
    a.flags.apply(&mut s)?;
    let ignored = !s.axes.is_empty();
    s.axes.clear();
    let j = Job {
        flags: &a.flags,
        job: &a.job,
        format: a.format.get(),
        out: &a.out,
        max_points: 1,
    };
    let mut notes = Vec::new();
    if ignored {
        notes.push("note: the scenario's [sweep] table is used by `catch22 sweep`, not `run`");
    }
    let status = if a.uncertain {
        if a.uncertain_defaults {
            s.add_uncertain_defaults();
        }
        evaluate::check(&s)?;
        io.setting("uncertain", true);
        let player = UncertainRuns::new(&s);
        let status = job(&s, &j, io, progress, &player)?;
        player.finish()?;
        status.map(|l| {
            format!(
                "{l}\n{} uncertain keys drawn per run from the scenario's [uncertainty] table",
                s.uncertainty.len()
            )
        })
    } else {
        if !s.uncertainty.is_empty() {
            notes.push(
                "note: the scenario's [uncertainty] table is used by `run --uncertain`, \
                 `explore` and `sensitivity`; this run played the nominal values",
            );
        }
        job(&s, &j, io, progress, &PointParams)?
    };
    Ok(status.map(|mut l| {
        for n in notes {
            l.push('\n');
            l.push_str(n);
        }
        l
    }))
}

/// `catch22 sweep [SCENARIO] --vary ...`.
pub fn sweep(a: SweepArgs, io: &mut Io, progress: &dyn Progress) -> Result<Option<String>> {
    let mut s = load(a.scenario.as_deref(), &a.flags.set)?;
    a.flags.apply(&mut s)?;
    for v in &a.grid.vary {
        s.vary(v)?;
    }
    if s.axes.is_empty() {
        return Err(Error::Usage(format!(
            "nothing to sweep: `{}` has no [sweep] table and no --vary was given \
             (for example --vary lifeline.probability=0:0.5:6)",
            a.scenario.as_deref().unwrap_or(shipped::DEFAULT)
        )));
    }
    let j = Job {
        flags: &a.flags,
        job: &a.job,
        format: a.format.get(),
        out: &a.out,
        max_points: a.grid.max_points,
    };
    job(&s, &j, io, progress, &PointParams)
}

/// `--target-ci W` and `--max-runs M`, checked.
fn target(args: &JobFlags, flags: &ScenarioFlags) -> Result<Option<Target>> {
    let Some(w) = &args.target_ci else {
        if let Some(m) = &args.max_runs {
            return Err(Error::Usage(format!(
                "--max-runs {m} caps --target-ci; give --target-ci W too"
            )));
        }
        return Ok(None);
    };
    let half_width = w
        .parse::<f64>()
        .ok()
        .filter(|x| *x > 0.0 && *x <= 0.5)
        .ok_or_else(|| {
            Error::Usage(format!(
                "--target-ci must be a half-width in (0, 0.5], got `{w}` (for example 0.005)"
            ))
        })?;
    let max_runs = match &args.max_runs {
        None => adaptive::DEFAULT_MAX_RUNS,
        Some(m) => m
            .parse::<u64>()
            .ok()
            .filter(|n| (1..=MAX_RUNS as u64).contains(n))
            .ok_or_else(|| {
                Error::Usage(format!(
                    "--max-runs must be a whole number in [1, {MAX_RUNS}], got `{m}`"
                ))
            })?,
    };
    if flags.runs.is_some() {
        return Err(Error::Usage(
            "--target-ci chooses the number of runs; drop --runs (cap it with --max-runs)"
                .to_string(),
        ));
    }
    if args.shard.is_some() {
        return Err(Error::Usage(
            "--target-ci cannot be sharded (each point's runs depend on its results); \
             use --runs with --shard"
                .to_string(),
        ));
    }
    Ok(Some(Target {
        half_width,
        max_runs,
    }))
}

fn job(
    s: &Scenario,
    j: &Job<'_>,
    io: &mut Io,
    progress: &dyn Progress,
    player: &dyn Player,
) -> Result<Option<String>> {
    let args = j.job;
    let threads = threads(&j.flags.threads)?;
    let target = target(args, j.flags)?;
    if args.shard.is_some() && j.format != Format::Csv {
        return Err(Error::Usage(
            "--shard writes a partial result for `catch22 merge`; drop --format".to_string(),
        ));
    }
    let shard = args.shard.unwrap_or(Shard::WHOLE);
    let (points, work) = shard.plan(s, j.max_points)?;
    // Open every output before the long run, so a bad path fails at once.
    if args.shard.is_some() && matches!(j.out.out.as_deref(), None | Some("-")) {
        return Err(Error::Usage(
            "--shard writes a partial result: give it a file with --out PART".to_string(),
        ));
    }
    io.input(&s.source)?;
    io.scenario("scenario", s, &j.flags.set);
    if let Some(t) = &target {
        io.setting("target_ci", t.half_width);
        io.setting("max_runs", t.max_runs);
    }
    if let Some(shard) = args.shard {
        io.setting("shard", shard.to_string());
    }
    let mut out = io.open("--out", j.out.out.as_deref())?;
    let mut per_run = match &args.per_run {
        Some(path) => Some(PerRunWriter::new(io.open("--per-run", Some(path))?, path)?),
        None => None,
    };
    let pool = engine::pool(threads)?;
    let start = Instant::now();
    let sink = per_run.as_mut().map(|w| w as &mut dyn RunSink);
    let tallies = match &target {
        Some(t) => adaptive::run_to_target(&points, t, &pool, sink, progress, player)?,
        None => {
            progress.plan(work.iter().map(|w| w.runs.end - w.runs.start).sum());
            engine::run_work_by(&points, &work, &pool, sink, progress, player)?
        }
    };
    let seconds = start.elapsed().as_secs_f64();
    let keys: Vec<&str> = s.axes.iter().map(|a| a.key()).collect();
    let name = out.name().to_string();
    if args.shard.is_some() {
        let header = JobHeader {
            version: env!("CARGO_PKG_VERSION").to_string(),
            job: format!("{}{}", s.job_id(), player.job_suffix()),
            shard,
            points: s.point_count(j.max_points)?,
            keys: keys.iter().map(|k| k.to_string()).collect(),
        };
        partial::write(&mut out, &name, &header, s.name(), &points, &work, &tallies)?;
    } else {
        let rows = summary::rows(&points, &tallies);
        match j.format {
            Format::Csv => summary::write(&mut out, &name, s.name(), &keys, &rows)?,
            Format::Json => summary::write_json(&mut out, &name, s.name(), &keys, &rows)?,
            Format::Table => summary::write_table(&mut out, &name, s.name(), &keys, &rows)?,
        }
    }
    let mut outputs = vec![out];
    if let Some(w) = per_run {
        outputs.push(w.into_inner()?);
    }
    io.commit(outputs)?;
    let runs: u64 = tallies.iter().map(|t| t.runs()).sum();
    let rounds: u64 = tallies.iter().map(|t| t.rounds()).sum();
    let what = if args.shard.is_some() {
        format!("shard {shard} ({} work items)", work.len())
    } else {
        format!(
            "{} point{}",
            points.len(),
            if points.len() == 1 { "" } else { "s" }
        )
    };
    Ok(Some(format!(
        "catch22: {}: {what} x {} runs = {runs} runs, {rounds} rounds simulated in {seconds:.3} s \
         ({:.1} M rounds/s, {:.0} runs/s) on {threads} thread{}",
        s.name(),
        match &target {
            Some(t) => format!(
                "{}..{} (to a half-width of {})",
                tallies.iter().map(|t| t.runs()).min().unwrap_or(0),
                tallies.iter().map(|t| t.runs()).max().unwrap_or(0),
                t.half_width
            ),
            None => points.first().map_or(0, |p| p.runs).to_string(),
        },
        rounds as f64 / seconds.max(1e-9) / 1e6,
        runs as f64 / seconds.max(1e-9),
        if threads == 1 { "" } else { "s" },
    )))
}
