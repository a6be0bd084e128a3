//! The costs that decide how many shards a job is worth: a shard's start-up
//! (read the scenario, build the grid, find its share, open its output) and
//! the merge of many parts.
//!
//! `cargo bench --bench shard`. Targets (issue: merging 1,000 parts under a
//! second, a shard's start-up under 50 ms) and figures are in
//! `docs/SCALING.md`; benches only measure.

use std::hint::black_box;
use std::time::Duration;

use catch22::engine::{self, Shard};
use catch22::output::AtomicFile;
use catch22::output::partial::{self, JobHeader};
use catch22::scenario::Scenario;
use criterion::{Criterion, criterion_group, criterion_main};

const PARTS: u64 = 1_000;

/// A 1,000-point sweep of 10 runs a point.
fn job() -> Scenario {
    let mut s = Scenario::load("baseline-2025").expect("baseline loads");
    s.set("scenario.runs=10").unwrap();
    s.vary("iran.resilience=0:1:1000").unwrap();
    s
}

/// Writes the 1,000 parts of `job()` (one point each) into `dir`.
fn write_parts(dir: &std::path::Path) -> Vec<String> {
    let s = job();
    let points = s.points(PARTS as usize).unwrap();
    let pool = engine::pool(2).unwrap();
    (0..PARTS)
        .map(|index| {
            let shard = Shard {
                index,
                count: PARTS,
            };
            let work = shard.work(&points);
            let tallies = engine::run_work(&points, &work, &pool, None).unwrap();
            let path = dir
                .join(format!("part-{index}.csv"))
                .to_string_lossy()
                .into_owned();
            let header = JobHeader {
                version: env!("CARGO_PKG_VERSION").to_string(),
                job: s.job_id(),
                shard,
                points: points.len(),
                keys: vec!["iran.resilience".to_string()],
            };
            let mut f = AtomicFile::create(&path).unwrap();
            partial::write(&mut f, &path, &header, s.name(), &points, &work, &tallies).unwrap();
            f.commit().unwrap();
            path
        })
        .collect()
}

fn bench_merge(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("catch22-bench-merge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let paths = write_parts(&dir);
    let mut g = c.benchmark_group("merge");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("1000_parts", |b| {
        b.iter(|| black_box(partial::merge(black_box(&paths), false).unwrap()))
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

fn bench_startup(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("catch22-bench-start-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("part.csv").to_string_lossy().into_owned();
    let mut g = c.benchmark_group("shard");
    g.sample_size(20);
    g.bench_function("startup", |b| {
        b.iter(|| {
            let s = job();
            let points = s.points(PARTS as usize).unwrap();
            let work = Shard {
                index: 7,
                count: 100,
            }
            .work(&points);
            let f = AtomicFile::create(&out).unwrap();
            black_box((work, f))
        })
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, bench_merge, bench_startup);
criterion_main!(benches);
