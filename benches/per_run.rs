//! `--per-run` against the plain run, side by side: the same runs of the
//! shipped baseline on a pool of 2 threads, tallied only (`plain`), with
//! every run's CSV row formatted and thrown away (`per_run_sink`), and with
//! the rows written to a file (`per_run_file`, a temporary file rewritten
//! each iteration).
//!
//! `cargo bench --bench per_run`. Throughput is in simulated rounds
//! ("elem/s"); the target is per-run at 70 % or more of the plain
//! rate. The figures are in `docs/PERFORMANCE.md`; benches only measure.

use std::hint::black_box;
use std::io::BufWriter;
use std::time::Duration;

use catch22::engine::{self, Shard, simulate};
use catch22::output::per_run::PerRunWriter;
use catch22::scenario::{Point, Scenario};
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

/// Runs per iteration.
const RUNS: u64 = 100_000;

fn baseline() -> Point {
    let mut p = Scenario::load("baseline-2025")
        .and_then(|s| s.point(0))
        .expect("the shipped baseline scenario loads");
    p.runs = RUNS;
    p
}

fn bench_per_run(c: &mut Criterion) {
    let points = vec![baseline()];
    let work = Shard::WHOLE.work(&points);
    let rounds: u64 = (0..RUNS)
        .map(|run| {
            u64::from(
                simulate(
                    &points[0].params,
                    &points[0].players,
                    points[0].seed,
                    run,
                    &mut (),
                )
                .round,
            )
        })
        .sum();
    let pool = engine::pool(2).expect("thread pool");
    let file =
        std::env::temp_dir().join(format!("catch22-bench-per-run-{}.csv", std::process::id()));
    let mut g = c.benchmark_group("per_run");
    g.throughput(Throughput::Elements(rounds));
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(2));
    g.measurement_time(Duration::from_secs(15));
    g.bench_function("plain", |b| {
        b.iter(|| engine::run_work(black_box(&points), &work, &pool, None).expect("runs"))
    });
    g.bench_function("per_run_sink", |b| {
        b.iter(|| {
            let mut w = PerRunWriter::new(std::io::sink(), "-").expect("header");
            engine::run_work(black_box(&points), &work, &pool, Some(&mut w)).expect("runs")
        })
    });
    g.bench_function("per_run_file", |b| {
        b.iter(|| {
            let f = std::fs::File::create(&file).expect("a temporary file");
            let mut w = PerRunWriter::new(BufWriter::new(f), "-").expect("header");
            let t = engine::run_work(black_box(&points), &work, &pool, Some(&mut w)).expect("runs");
            drop(w.into_inner().expect("flush"));
            t
        })
    });
    g.finish();
    let _ = std::fs::remove_file(&file);
}

criterion_group!(benches, bench_per_run);
criterion_main!(benches);
