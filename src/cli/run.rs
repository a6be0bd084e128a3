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
    let count = s.point_count(j.max_points)?;
    let pool = engine::pool(threads)?;
    // A plain grid of more points than a block is checked whole, then played
    // and written block by block: memory stays flat in the number of points.
    let blocks =
        target.is_none() && args.shard.is_none() && j.format != Format::Table && count > BLOCK;
    let (points, work, planned) = if blocks {
        let planned = check_points(s, count, &pool)?;
        (Vec::new(), Vec::new(), planned)
    } else {
        let (points, work) = shard.plan(s, j.max_points)?;
        // A shard plays its work items; the runs per point are the points'.
        let planned = Planned {
            total: work.iter().map(|w| w.runs.end - w.runs.start).sum(),
            ..Planned::of(points.iter().map(|p| p.runs))
        };
        (points, work, planned)
    };
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
    let start = Instant::now();
    let sink = per_run.as_mut().map(|w| w as &mut dyn RunSink);
    let keys: Vec<&str> = s.axes.iter().map(|a| a.key()).collect();
    let name = out.name().to_string();
    let mut played = (0, 0);
    let tallies = match &target {
        _ if blocks => {
            progress.plan(planned.total);
            let mut summary = summary::Blocks::new(&mut out, &name, s.name(), &keys, j.format)?;
            played = play_blocks(s, count, &pool, sink, progress, player, &mut summary)?;
            summary.finish()?;
            Vec::new()
        }
        Some(t) => adaptive::run_to_target(&points, t, &pool, sink, progress, player)?,
        None => {
            progress.plan(planned.total);
            engine::run_work_by(&points, &work, &pool, sink, progress, player)?
        }
    };
    let seconds = start.elapsed().as_secs_f64();
    if args.shard.is_some() {
        let header = JobHeader {
            version: env!("CARGO_PKG_VERSION").to_string(),
            job: format!("{}{}", s.job_id(), player.job_suffix()),
            shard,
            points: count,
            keys: keys.iter().map(|k| k.to_string()).collect(),
        };
        partial::write(&mut out, &name, &header, s.name(), &points, &work, &tallies)?;
    } else if !blocks {
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
    let runs: u64 = played.0 + tallies.iter().map(|t| t.runs()).sum::<u64>();
    let rounds: u64 = played.1 + tallies.iter().map(|t| t.rounds()).sum::<u64>();
    let what = if args.shard.is_some() {
        let items = work.len();
        format!(
            "shard {shard} ({items} work item{})",
            if items == 1 { "" } else { "s" }
        )
    } else {
        format!("{count} point{}", if count == 1 { "" } else { "s" })
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
            None => planned.per_point(),
        },
        rounds as f64 / seconds.max(1e-9) / 1e6,
        runs as f64 / seconds.max(1e-9),
        if threads == 1 { "" } else { "s" },
    )))
}

/// Points per block of a grid played block by block (see [`play_blocks`]).
const BLOCK: usize = 4096;

/// The runs a grid plans: in all, and the fewest and most of one point
/// (`scenario.runs` may be varied).
#[derive(Debug, Clone, Copy)]
struct Planned {
    total: u64,
    fewest: u64,
    most: u64,
}

impl Planned {
    /// One point of `runs` runs.
    fn one(runs: u64) -> Planned {
        Planned {
            total: runs,
            fewest: runs,
            most: runs,
        }
    }

    fn of(runs: impl Iterator<Item = u64>) -> Planned {
        runs.fold(Planned::NONE, |p, r| p.and(Planned::one(r)))
    }

    const NONE: Planned = Planned {
        total: 0,
        fewest: u64::MAX,
        most: 0,
    };

    fn and(self, o: Planned) -> Planned {
        Planned {
            total: self.total + o.total,
            fewest: self.fewest.min(o.fewest),
            most: self.most.max(o.most),
        }
    }

    /// Runs per point for the status line: `300`, or `100..300` when they vary.
    fn per_point(self) -> String {
        if self.fewest >= self.most {
            self.most.to_string()
        } else {
            format!("{}..{}", self.fewest, self.most)
        }
    }
}

/// Builds every point of the grid, in parallel, keeping none: the first
/// invalid one (by index) is refused before any run, as when the grid is
/// held whole. Returns the runs the points plan.
fn check_points(s: &Scenario, count: usize, pool: &rayon::ThreadPool) -> Result<Planned> {
    use rayon::prelude::*;
    let (planned, first_error) = pool.install(|| {
        (0..count)
            .into_par_iter()
            .map(|i| match s.point(i) {
                Ok(p) => (Planned::one(p.runs), None),
                Err(e) => (Planned::NONE, Some((i, e))),
            })
            .reduce(
                || (Planned::NONE, None),
                |(a, ea), (b, eb)| {
                    let first = match (ea, eb) {
                        (Some(x), Some(y)) => Some(if x.0 <= y.0 { x } else { y }),
                        (x, y) => x.or(y),
                    };
                    (a.and(b), first)
                },
            )
    });
    match first_error {
        Some((_, e)) => Err(e),
        None => Ok(planned),
    }
}

/// Plays the grid's `count` points a block at a time and writes each
/// block's summary rows when it is done: the output of the grid held whole,
/// byte for byte (each point's runs depend on the point alone), with one
/// block's points and tallies in memory. Returns the runs and rounds played.
fn play_blocks<W: std::io::Write>(
    s: &Scenario,
    count: usize,
    pool: &rayon::ThreadPool,
    mut sink: Option<&mut (dyn RunSink + '_)>,
    progress: &dyn Progress,
    player: &dyn Player,
    summary: &mut summary::Blocks<W>,
) -> Result<(u64, u64)> {
    let (mut runs, mut rounds) = (0, 0);
    for lo in (0..count).step_by(BLOCK) {
        let points = pool.install(|| {
            use rayon::prelude::*;
            (lo..(lo + BLOCK).min(count))
                .into_par_iter()
                .map(|i| s.point(i))
                .collect::<Result<Vec<_>>>()
        })?;
        let work = Shard::WHOLE.work(&points);
        let tallies =
            engine::run_work_by(&points, &work, pool, sink.as_deref_mut(), progress, player)?;
        runs += tallies.iter().map(|t| t.runs()).sum::<u64>();
        rounds += tallies.iter().map(|t| t.rounds()).sum::<u64>();
        summary.write(&summary::rows(&points, &tallies))?;
    }
    Ok((runs, rounds))
}
