//! Precision on demand (`--target-ci W`): each point is simulated in
//! deterministic batches until every outcome's Wilson 95% interval has a
//! half-width max(p − lo, hi − p) of at most W, or the point reaches
//! `--max-runs`.
//!
//! Batches continue the run indices of the previous batch (runs 0..n₁, then
//! n₁..n₂, ...), and the size of the next batch is a function of the exact
//! integer tally so far, so the result depends only on the seed, W and the
//! cap — never on the thread count. The schedule: a first batch of
//! [`FIRST_BATCH`] runs; then, with h the largest half-width after n runs,
//! the next total is 1.05·n·(h/W)² (half-widths shrink as 1/√n) rounded up
//! to a multiple of [`FIRST_BATCH`], at least n + [`FIRST_BATCH`] and at
//! most 16·n, and never more than the cap. Each point stops on its own, so
//! a point's result does not depend on the other points of the sweep.

use super::{Player, Progress, RunSink, Tally, Work, run_work_by};
use crate::error::Result;
use crate::scenario::Point;
use crate::stats::{Z95, wilson};

/// The first batch of every point.
pub const FIRST_BATCH: u64 = 10_000;

/// The default cap on runs per point.
pub const DEFAULT_MAX_RUNS: u64 = 10_000_000;

/// What precision to reach.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    /// The largest allowed half-width of any outcome's 95% interval, in (0, 0.5].
    pub half_width: f64,
    /// The most runs per point.
    pub max_runs: u64,
}

/// The largest Wilson 95% half-width, max(p − lo, hi − p), over the outcomes.
pub fn half_width(t: &Tally) -> f64 {
    let n = t.runs();
    t.outcomes
        .iter()
        .map(|o| {
            let p = o.count as f64 / n.max(1) as f64;
            let (lo, hi) = wilson(o.count, n, Z95);
            (p - lo).max(hi - p)
        })
        .fold(0.0, f64::max)
}

/// The total runs after the next batch, or `None` when the point is done.
pub fn next_total(tally: &Tally, target: &Target) -> Option<u64> {
    let n = tally.runs();
    if n == 0 {
        return Some(FIRST_BATCH.min(target.max_runs));
    }
    let h = half_width(tally);
    if h <= target.half_width || n >= target.max_runs {
        return None;
    }
    let predicted = 1.05 * n as f64 * (h / target.half_width).powi(2);
    let rounded = ((predicted / FIRST_BATCH as f64).ceil() as u64).saturating_mul(FIRST_BATCH);
    Some(
        rounded
            .clamp(n + FIRST_BATCH, n.saturating_mul(16))
            .min(target.max_runs),
    )
}

/// Runs every point to the target precision; one tally per point.
pub fn run_to_target(
    points: &[Point],
    target: &Target,
    pool: &rayon::ThreadPool,
    mut sink: Option<&mut dyn RunSink>,
    progress: &dyn Progress,
    player: &dyn Player,
) -> Result<Vec<Tally>> {
    let mut tallies = Vec::with_capacity(points.len());
    let mut done_runs = 0u64;
    let first = FIRST_BATCH.min(target.max_runs);
    progress.plan(first * points.len() as u64);
    for i in 0..points.len() {
        let mut tally = Tally::default();
        while let Some(total) = next_total(&tally, target) {
            let rest = (points.len() - i - 1) as u64 * first;
            progress.plan(done_runs + total + rest);
            let work = [Work {
                point: i,
                runs: tally.runs()..total,
            }];
            let sink = sink.as_mut().map(|s| &mut **s as &mut dyn RunSink);
            let t = run_work_by(points, &work, pool, sink, progress, player)?;
            tally = tally.merge(t.into_iter().next().unwrap_or_default());
        }
        done_runs += tally.runs();
        tallies.push(tally);
    }
    Ok(tallies)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    #[test]
    fn schedule_is_a_function_of_the_tally() {
        let t = Target {
            half_width: 0.005,
            max_runs: 1_000_000,
        };
        let mut tally = Tally::default();
        assert_eq!(next_total(&tally, &t), Some(10_000));
        // p = 0.5 at n = 10,000: h ≈ 0.0098, so 1.05 · 10,000 · (0.0098/0.005)²
        // ≈ 40,300 runs, rounded up to a multiple of 10,000.
        tally.outcomes[0].count = 5_000;
        tally.outcomes[3].count = 5_000;
        assert_eq!(next_total(&tally, &t), Some(50_000));
        // Reached: done.
        tally.outcomes[0].count = 50_000;
        tally.outcomes[3].count = 50_000;
        assert_eq!(next_total(&tally, &t), None);
        // The cap stops it.
        let capped = Target {
            half_width: 1e-4,
            max_runs: 20_000,
        };
        tally.outcomes[0].count = 10_000;
        tally.outcomes[3].count = 10_000;
        assert_eq!(next_total(&tally, &capped), None);
    }

    #[test]
    fn results_do_not_depend_on_threads() {
        let mut s = Scenario::from_text("", "t").unwrap();
        s.vary("lifeline.probability=0,0.3").unwrap();
        let points = s.points(10).unwrap();
        let t = Target {
            half_width: 0.01,
            max_runs: 200_000,
        };
        let one = run_to_target(
            &points,
            &t,
            &super::super::pool(1).unwrap(),
            None,
            &(),
            &crate::engine::PointParams,
        )
        .unwrap();
        let two = run_to_target(
            &points,
            &t,
            &super::super::pool(2).unwrap(),
            None,
            &(),
            &crate::engine::PointParams,
        )
        .unwrap();
        assert_eq!(one, two);
        for tally in &one {
            assert!(half_width(tally) <= 0.01);
            assert!(tally.runs() >= FIRST_BATCH);
        }
    }
}
