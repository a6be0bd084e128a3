//! `catch22 run` and `catch22 sweep`.

use std::path::Path;
use std::time::Instant;

use super::{Format, JobArgs, RunArgs, SweepArgs, load, threads};
use crate::engine::adaptive::{self, Target};
use crate::engine::{self, Player, PointParams, Progress, RunSink, Shard};
use crate::error::{Error, Result};
use crate::output::partial::{self, JobHeader};
use crate::output::per_run::PerRunWriter;
use crate::output::{AtomicFile, Destination, summary};
use crate::scenario::Scenario;
use crate::scenario::schema::MAX_RUNS;
use crate::uncertainty::evaluate;
use crate::uncertainty::uncertain_runs::UncertainRuns;

/// `catch22 run [SCENARIO]`: one point; a `[sweep]` table is left to `sweep`.
pub fn run(a: RunArgs, progress: &dyn Progress) -> Result<Option<String>> {
    if a.uncertain_defaults && !a.uncertain {
        return Err(Error::Usage(
            "--uncertain-defaults widens the table `run --uncertain` draws from: give --uncertain too"
                .to_string(),
        ));
    }
    let mut s = load(a.scenario.as_deref(), &a.job.flags.set)?;
    flags(&mut s, &a.job)?;
    let ignored = !s.axes.is_empty();
    s.axes.clear();
    let mut notes = Vec::new();
    if ignored {
        notes.push("note: the scenario's [sweep] table is used by `catch22 sweep`, not `run`");
    }
    let status = if a.uncertain {
        if a.uncertain_defaults {
            s.add_uncertain_defaults();
        }
        evaluate::check(&s)?;
        let player = UncertainRuns::new(&s);
        let status = job(&s, &a.job, progress, &player)?;
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
        job(&s, &a.job, progress, &PointParams)?
    };
    Ok(status.map(|mut l| {
        for n in notes {
            l.push('\n');
            l.push_str(n);
        }
        l
    }))
}

/// `catch22 sweep SCENARIO --vary ...`.
pub fn sweep(a: SweepArgs, progress: &dyn Progress) -> Result<Option<String>> {
    let mut s = load(Some(&a.scenario), &a.job.flags.set)?;
    flags(&mut s, &a.job)?;
    for v in &a.vary {
        s.vary(v)?;
    }
    if s.axes.is_empty() {
        return Err(Error::Usage(format!(
            "nothing to sweep: `{}` has no [sweep] table and no --vary was given \
             (for example --vary lifeline.probability=0:0.5:6)",
            a.scenario
        )));
    }
    job(&s, &a.job, progress, &PointParams)
}

fn flags(s: &mut Scenario, job: &JobArgs) -> Result<()> {
    if let Some(runs) = &job.flags.runs {
        s.set_key("--runs", "scenario.runs", runs)?;
    }
    if let Some(seed) = &job.flags.seed {
        s.set_key("--seed", "scenario.seed", seed)?;
    }
    Ok(())
}

/// `--target-ci W` and `--max-runs M`, checked.
fn target(args: &JobArgs) -> Result<Option<Target>> {
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
    if args.flags.runs.is_some() {
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
    args: &JobArgs,
    progress: &dyn Progress,
    player: &dyn Player,
) -> Result<Option<String>> {
    let threads = threads(args.flags.threads)?;
    let target = target(args)?;
    if args.shard.is_some() && args.format != Format::Csv {
        return Err(Error::Usage(
            "--shard writes a partial result for `catch22 merge`; drop --format".to_string(),
        ));
    }
    let shard = args.shard.unwrap_or(Shard::WHOLE);
    let (points, work) = shard.plan(s, args.flags.max_points)?;
    if let (Some(a), Some(b)) = (&args.out, &args.per_run) {
        if a != "-" && same_file(a, b) {
            return Err(Error::Usage(format!(
                "--out `{a}` and --per-run `{b}` name the same file; give them different files"
            )));
        }
    }
    for out in [&args.out, &args.per_run].into_iter().flatten() {
        if out != "-" && same_file(out, &s.source) {
            return Err(Error::Usage(format!(
                "`{out}` is the scenario file itself; write the output elsewhere"
            )));
        }
    }
    if args.per_run.as_deref() == Some("-") {
        return Err(Error::Usage(
            "--per-run needs a file path (standard output carries the summary)".to_string(),
        ));
    }
    // Open every output before the long run, so a bad path fails at once.
    if args.shard.is_some() && matches!(args.out.as_deref(), None | Some("-")) {
        return Err(Error::Usage(
            "--shard writes a partial result: give it a file with --out PART".to_string(),
        ));
    }
    let mut out = Destination::open(args.out.as_deref())?;
    let mut per_run = match &args.per_run {
        Some(path) => Some(PerRunWriter::new(AtomicFile::create(path)?, path)?),
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
            points: s.point_count(args.flags.max_points)?,
            keys: keys.iter().map(|k| k.to_string()).collect(),
        };
        partial::write(&mut out, &name, &header, s.name(), &points, &work, &tallies)?;
    } else {
        let rows = summary::rows(&points, &tallies);
        match args.format {
            Format::Csv => summary::write(&mut out, &name, s.name(), &keys, &rows)?,
            Format::Json => summary::write_json(&mut out, &name, s.name(), &keys, &rows)?,
            Format::Table => summary::write_table(&mut out, &name, s.name(), &keys, &rows)?,
        }
    }
    if let Some(w) = per_run {
        w.into_inner()?.commit()?;
    }
    out.finish()?;
    if args.quiet {
        return Ok(None);
    }
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

/// Whether two output paths name the same file (`a.csv` and `./a.csv`): the
/// same text, or the same file name in the same existing directory.
pub(super) fn same_file(a: &str, b: &str) -> bool {
    let resolve = |p: &str| {
        let path = Path::new(p);
        let name = path.file_name()?;
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Some(dir.canonicalize().ok()?.join(name))
    };
    a == b || matches!((resolve(a), resolve(b)), (Some(x), Some(y)) if x == y)
}
