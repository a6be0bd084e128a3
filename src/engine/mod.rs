//! The Monte Carlo engine: seeding, single runs, and the parallel map-reduce
//! over the runs of every sweep point.
//!
//! Results never depend on scheduling: each run's randomness comes from
//! (seed, run index) alone and tallies are exact integers, merged
//! associatively. Per-run records are produced in waves and written in run
//! order, so memory stays bounded whatever the number of runs.

pub mod adaptive;
pub mod paired;
pub mod progress;
pub mod seeding;
pub mod shard;
pub mod simulate;
pub mod tally;

pub use progress::Progress;
pub use seeding::run_rng;
pub use shard::{Shard, Work};
pub use simulate::{Observer, RunRecord, simulate};
pub use tally::{OutcomeTally, Tally};

use std::ops::Range;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::scenario::Point;

/// Runs per wave when per-run records are streamed.
const WAVE: u64 = 1 << 15;

/// Plays one run of a point. The engine's default, [`PointParams`], plays
/// the point's own parameters; `run --uncertain` draws each run's.
pub trait Player: Sync {
    /// Plays run `run` of `point` (on its stream (seed, run + 1)).
    fn play(&self, point: &Point, run: u64) -> RunRecord;

    /// What a sharded job's identity adds for this player, so that parts
    /// played differently never merge ("" for the point's parameters).
    fn job_suffix(&self) -> &'static str {
        ""
    }
}

/// Every run plays the point's parameters.
#[derive(Debug, Clone, Copy, Default)]
pub struct PointParams;

impl Player for PointParams {
    #[inline]
    fn play(&self, point: &Point, run: u64) -> RunRecord {
        simulate(&point.params, &point.players, point.seed, run, &mut ())
    }
}

/// Receives per-run records in order (point by point, run by run).
pub trait RunSink {
    /// Called once per run, in order (unless [`RunSink::formatter`] is given).
    fn record(&mut self, point: &Point, record: &RunRecord) -> Result<()>;

    /// A sink that writes bytes can hand the engine a formatter: the worker
    /// threads then format the rows of their runs in parallel and the sink
    /// receives them through [`RunSink::write_formatted`], in run order,
    /// instead of `record`.
    fn formatter(&self) -> Option<&dyn RowFormat> {
        None
    }

    /// Receives the rows of consecutive runs, formatted by
    /// [`RunSink::formatter`], in run order.
    fn write_formatted(&mut self, _bytes: &[u8]) -> Result<()> {
        Ok(())
    }
}

/// Turns a run's record into a row of bytes; called on the worker threads.
pub trait RowFormat: Sync {
    /// Appends the row of run `record` of `point` to `out`.
    fn format(&self, point: &Point, record: &RunRecord, out: &mut Vec<u8>);
}

/// A thread pool of an explicit size (never the global pool).
pub fn pool(threads: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Runtime(format!("cannot start {threads} threads: {e}")))
}

/// Tallies all runs of one point in parallel.
pub fn tally_point(point: &Point, pool: &rayon::ThreadPool) -> Tally {
    tally_runs(point, 0..point.runs, pool)
}

/// Tallies runs `runs` of one point in parallel.
pub fn tally_runs(point: &Point, runs: Range<u64>, pool: &rayon::ThreadPool) -> Tally {
    tally_runs_with(point, runs, pool, &())
}

/// Most runs per progress report.
const CHUNK: u64 = 4096;

/// [`tally_runs`], reporting progress once per chunk of runs (at most
/// [`CHUNK`], and small enough to give every thread several chunks).
pub fn tally_runs_with(
    point: &Point,
    runs: Range<u64>,
    pool: &rayon::ThreadPool,
    progress: &dyn Progress,
) -> Tally {
    tally_runs_by(point, runs, pool, progress, &PointParams)
}

/// [`tally_runs_with`], each run played by `player`.
pub fn tally_runs_by(
    point: &Point,
    runs: Range<u64>,
    pool: &rayon::ThreadPool,
    progress: &dyn Progress,
    player: &dyn Player,
) -> Tally {
    let len = runs.end.saturating_sub(runs.start);
    let chunk = len
        .div_ceil(pool.current_num_threads() as u64 * 8)
        .clamp(1, CHUNK);
    pool.install(|| {
        (0..len.div_ceil(chunk))
            .into_par_iter()
            .fold(Tally::default, |t, c| {
                let lo = runs.start + c * chunk;
                let hi = (lo + chunk).min(runs.end);
                let t = play_into(t, point, lo..hi, player);
                progress.advance(hi - lo);
                t
            })
            .reduce(Tally::default, Tally::merge)
    })
}

/// Runs every run of every point; with a sink, also streams each run's
/// record in order. Returns one tally per point.
pub fn run_points(
    points: &[Point],
    pool: &rayon::ThreadPool,
    sink: Option<&mut dyn RunSink>,
) -> Result<Vec<Tally>> {
    run_work(points, &Shard::WHOLE.work(points), pool, sink)
}

/// Runs the given share of the work; returns one tally per work item.
pub fn run_work(
    points: &[Point],
    work: &[Work],
    pool: &rayon::ThreadPool,
    sink: Option<&mut dyn RunSink>,
) -> Result<Vec<Tally>> {
    run_work_with(points, work, pool, sink, &())
}

/// [`run_work`], reporting progress.
pub fn run_work_with(
    points: &[Point],
    work: &[Work],
    pool: &rayon::ThreadPool,
    sink: Option<&mut dyn RunSink>,
    progress: &dyn Progress,
) -> Result<Vec<Tally>> {
    run_work_by(points, work, pool, sink, progress, &PointParams)
}

/// [`run_work_with`], each run played by `player`.
pub fn run_work_by(
    points: &[Point],
    work: &[Work],
    pool: &rayon::ThreadPool,
    mut sink: Option<&mut (dyn RunSink + '_)>,
    progress: &dyn Progress,
    player: &dyn Player,
) -> Result<Vec<Tally>> {
    let mut tallies = Vec::with_capacity(work.len());
    // Without a per-run file, consecutive small items (few runs each, no
    // equilibrium to solve) are played side by side, one item per task: a
    // sweep of many one-run points would otherwise hand the pool one tiny
    // job a point and run on one thread. A tally is a sum of integers, so
    // an item's runs tallied in one task or in chunks give the same bits.
    let small = |w: &Work| {
        w.runs.end - w.runs.start <= SMALL_ITEM && points[w.point].players.equilibrium().is_none()
    };
    let mut k = 0;
    while k < work.len() {
        if sink.is_none() && small(&work[k]) {
            let end = k + work[k..].iter().take_while(|w| small(w)).count();
            tallies.extend(tally_items(points, &work[k..end], pool, progress, player));
            k = end;
            continue;
        }
        let w = &work[k];
        let point = &points[w.point];
        // An equilibrium is solved (or read from the cache) before the
        // point's first runs, with its own progress, and freed after its
        // last: a sweep holds one table at a time.
        let equilibrium = point.players.equilibrium();
        if let Some(e) = equilibrium
            && (k == 0 || work[k - 1].point != w.point)
        {
            pool.install(|| e.prepare(&point.params, progress.solving()));
        }
        let last = work.get(k + 1).is_none_or(|next| next.point != w.point);
        let result = run_item(point, w, pool, &mut sink, progress, player);
        if let (Some(e), true) = (equilibrium, last) {
            e.release();
        }
        tallies.push(result?);
        k += 1;
    }
    Ok(tallies)
}

/// `t` with runs `runs` of `point` played, one after another, added.
fn play_into(mut t: Tally, point: &Point, runs: Range<u64>, player: &dyn Player) -> Tally {
    for run in runs {
        t.add(&player.play(point, run));
    }
    t
}

/// Most runs of a work item played in one task beside others (see
/// [`run_work_by`]); an item with more is split across the pool.
const SMALL_ITEM: u64 = 64;

/// The tallies of `items`, each item's runs played in one task, the items
/// in parallel; in the items' order.
fn tally_items(
    points: &[Point],
    items: &[Work],
    pool: &rayon::ThreadPool,
    progress: &dyn Progress,
    player: &dyn Player,
) -> Vec<Tally> {
    pool.install(|| {
        items
            .par_iter()
            .map(|w| {
                let t = play_into(Tally::default(), &points[w.point], w.runs.clone(), player);
                progress.advance(w.runs.end - w.runs.start);
                t
            })
            .collect()
    })
}

/// The runs of one work item: a tally, and every record to `sink` in run order.
fn run_item(
    point: &Point,
    w: &Work,
    pool: &rayon::ThreadPool,
    sink: &mut Option<&mut (dyn RunSink + '_)>,
    progress: &dyn Progress,
    player: &dyn Player,
) -> Result<Tally> {
    {
        let Some(sink) = sink.as_deref_mut() else {
            return Ok(tally_runs_by(point, w.runs.clone(), pool, progress, player));
        };
        let mut tally = Tally::default();
        let mut buf = Vec::new();
        let mut start = w.runs.start;
        while start < w.runs.end {
            let end = (start + WAVE).min(w.runs.end);
            if let Some(f) = sink.formatter() {
                // Simulate and format in parallel, chunk by chunk; write in order.
                let chunk = (end - start)
                    .div_ceil(pool.current_num_threads() as u64 * 8)
                    .clamp(1, CHUNK);
                let parts: Vec<(Tally, Vec<u8>)> = pool.install(|| {
                    (0..(end - start).div_ceil(chunk))
                        .into_par_iter()
                        .map(|c| {
                            let lo = start + c * chunk;
                            let hi = (lo + chunk).min(end);
                            let mut t = Tally::default();
                            let mut bytes = Vec::with_capacity((hi - lo) as usize * 200);
                            for run in lo..hi {
                                let r = player.play(point, run);
                                t.add(&r);
                                f.format(point, &r, &mut bytes);
                            }
                            (t, bytes)
                        })
                        .collect()
                });
                for (t, bytes) in parts {
                    tally = tally.merge(t);
                    sink.write_formatted(&bytes)?;
                }
            } else {
                pool.install(|| {
                    (start as usize..end as usize)
                        .into_par_iter()
                        .map(|run| player.play(point, run as u64))
                        .collect_into_vec(&mut buf)
                });
                for r in &buf {
                    tally.add(r);
                    sink.record(point, r)?;
                }
            }
            progress.advance(end - start);
            start = end;
        }
        Ok(tally)
    }
}
