//! The equilibrium solver: backward induction on the default grid.
//!
//! `cargo bench --bench equilibrium`:
//!
//! - `solve/equilibrium-2025`: the whole table of the shipped scenario (the
//!   default grid, 7×3×3×5×2×3×2 nodes × 4 switches × 48 rounds); target
//!   under 15 s on 2 cores;
//! - `solve/12-rounds`: the same grid, 12 rounds (a quarter of the work), for
//!   quicker comparisons.
//!
//! Each iteration builds a fresh, unsolved table outside the timed section.
//! Measured figures are in `docs/PERFORMANCE.md`.

use std::time::Duration;

use catch22::policy::IranPolicy;
use catch22::scenario::{Point, Scenario};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

fn params(sets: &[&str]) -> Point {
    let mut s = Scenario::load("equilibrium-2025").expect("shipped");
    for set in sets {
        s.set(set).expect("valid");
    }
    s.point(0).expect("valid")
}

fn solve(p: Point) {
    let IranPolicy::Equilibrium(e) = &p.players.iran else {
        unreachable!("equilibrium-2025 plays the equilibrium");
    };
    e.ensure(&p.params);
}

fn bench(c: &mut Criterion) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("pool");
    let mut g = c.benchmark_group("solve");
    g.sample_size(10).measurement_time(Duration::from_secs(60));
    g.bench_function("12-rounds", |b| {
        b.iter_batched(
            || params(&["scenario.rounds=12"]),
            |p| pool.install(|| solve(p)),
            BatchSize::PerIteration,
        )
    });
    g.measurement_time(Duration::from_secs(240));
    g.bench_function("equilibrium-2025", |b| {
        b.iter_batched(
            || params(&[]),
            |p| pool.install(|| solve(p)),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
