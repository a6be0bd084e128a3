//! The evolution verbs' kernels.
//!
//! `cargo bench --bench evolution`:
//!
//! - `moran/hawk_dove_n20_1000_runs`: 1,000 runs of the Moran process of
//!   `scenarios/evolution/hawk-dove.toml` (N = 20, w = 1/2) on 2 threads;
//! - `fixation/exact_n100000`: the exact two-type chain of a population of
//!   100,000 (four tridiagonal solves);
//! - `replicator/5_strategies_10000_steps`: 10,000 RK4 steps on a 5×5 matrix.
//!
//! Inputs are built outside the timed closures. Measured figures are in
//! `docs/EVOLUTION.md`.

use std::hint::black_box;

use catch22::evolution::fixation::TwoTypes;
use catch22::evolution::input;
use catch22::evolution::replicator::trajectory;
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/evolution/hawk-dove.toml"
    );
    let file = input::load(path).expect("the shipped file loads");
    let pool = catch22::engine::pool(2).expect("a pool");
    let payoffs = file.payoffs(&pool).expect("a matrix");
    let moran = file
        .moran
        .as_ref()
        .expect("[moran]")
        .build(&payoffs)
        .expect("valid");
    let mut g = c.benchmark_group("moran");
    g.sample_size(20);
    g.bench_function("hawk_dove_n20_1000_runs", |b| {
        b.iter(|| moran.simulate(black_box(1), 0..1000, &pool, &()))
    });
    g.finish();

    let chain = TwoTypes {
        n: 100_000,
        a: 3.0,
        b: 0.0,
        c: 5.0,
        d: 1.0,
        intensity: 0.01,
    };
    c.bench_function("fixation/exact_n100000", |b| {
        b.iter(|| black_box(&chain).solve(1))
    });

    let rows: Vec<Vec<f64>> = (0..5)
        .map(|i| (0..5).map(|j| ((i * 7 + j * 3) % 5) as f64).collect())
        .collect();
    let names = (0..5).map(|i| format!("s{i}")).collect();
    let matrix = catch22::evolution::Payoffs::new(names, &rows).expect("square");
    let x0 = [0.2; 5];
    c.bench_function("replicator/5_strategies_10000_steps", |b| {
        b.iter(|| {
            let mut last = 0.0;
            trajectory(&matrix, &x0, 10_000, 0.01, 10_000, |_, _, x| {
                last = x[0];
                Ok::<(), ()>(())
            })
            .expect("no error");
            last
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
