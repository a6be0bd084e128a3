//! Two scenario variants run on the same random numbers: run i of A and run
//! i of B draw from the same stream (seed, i + 1), so their outcomes are
//! matched pairs. The joint table of outcomes gives the paired intervals of
//! `catch22 compare`.

use std::ops::Range;

use rayon::prelude::*;

use super::{Progress, simulate};
use crate::scenario::Point;
use crate::stats::compare::Joint;

/// The joint outcome table of runs `runs` of `a` and `b` (same seed required;
/// run i of each plays on the stream of run i).
pub fn joint_outcomes(
    a: &Point,
    b: &Point,
    runs: Range<u64>,
    pool: &rayon::ThreadPool,
    progress: &dyn Progress,
) -> Joint {
    debug_assert_eq!(a.seed, b.seed, "paired runs share the seed");
    let add = |mut j: Joint, o: Joint| {
        for (r, s) in j.iter_mut().zip(&o) {
            for (x, y) in r.iter_mut().zip(s) {
                *x += y;
            }
        }
        j
    };
    let len = runs.end.saturating_sub(runs.start);
    let chunk = len
        .div_ceil(pool.current_num_threads() as u64 * 8)
        .clamp(1, 2048);
    pool.install(|| {
        (0..len.div_ceil(chunk))
            .into_par_iter()
            .fold(
                || [[0u64; 4]; 4],
                |mut j, c| {
                    let lo = runs.start + c * chunk;
                    let hi = (lo + chunk).min(runs.end);
                    for run in lo..hi {
                        let ra = simulate(&a.params, &a.players, a.seed, run, &mut ());
                        let rb = simulate(&b.params, &b.players, b.seed, run, &mut ());
                        j[ra.outcome.index()][rb.outcome.index()] += 1;
                    }
                    progress.advance(hi - lo);
                    j
                },
            )
            .reduce(|| [[0u64; 4]; 4], add)
    })
}
