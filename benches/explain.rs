//! Cost of `catch22 explain`'s two computations on the shipped baseline.
//!
//! `cargo bench --bench explain` (under a minute):
//!
//! - `explain/stage_game`: `explain::stage::estimate`, 50 cells × 1 000 runs;
//! - `explain/map`: `explain::map::map`, a 21×21 grid of the closed-form horns;
//! - `explain/solve_stage`: the stage game estimated (1 000 runs) and solved
//!   exactly, best responses and noise warnings included.
//!
//! All on a one-thread pool with fixed seeds; inputs are built outside the
//! timed closures. Measured figures are in `docs/EXPLAIN.md`.

use std::hint::black_box;
use std::time::Duration;

use catch22::engine;
use catch22::explain::{self, Options};
use catch22::scenario::Scenario;
use criterion::{Criterion, criterion_group, criterion_main};

fn bench_explain(c: &mut Criterion) {
    let point = Scenario::load("baseline-2025")
        .and_then(|s| s.point(0))
        .expect("the shipped baseline scenario loads");
    let (p, players) = (&point.params, &point.players);
    let pool = engine::pool(1).expect("a one-thread pool");
    let mut g = c.benchmark_group("explain");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("stage_game", |b| {
        b.iter(|| explain::stage::estimate(black_box(p), players, 2025, 1_000, 1, &pool, &()))
    });
    g.bench_function("map", |b| {
        b.iter(|| explain::map::map(black_box(p), players, 21))
    });
    let o = Options {
        seed: 2025,
        runs: 1_000,
        round: 1,
        map_steps: 2,
    };
    g.bench_function("solve_stage", |b| {
        b.iter(|| explain::solve_stage(black_box(p), players, "baseline-2025", &o, &pool, &()))
    });
    g.finish();
}

criterion_group!(benches, bench_explain);
criterion_main!(benches);
