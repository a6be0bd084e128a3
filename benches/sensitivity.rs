//! Sensitivity analysis: `catch22 sensitivity --function ishigami --method
//! sobol --samples 16384` as the command does it (the scrambled Saltelli
//! design, 81,920 evaluations, the analysis with 1,000 bootstrap resamples on
//! 2 threads), and the analysis step alone, the part SALib's `sobol.analyze`
//! does.
//!
//! `cargo bench --bench sensitivity`. With `SALIB_Y=FILE` (one output a line,
//! SALib's Saltelli layout for 3 parameters, as `scripts/salib-timing.py`
//! writes it) the analysis step also runs on SALib's own outputs, to time
//! both libraries on the same numbers. Figures and the side-by-side
//! comparison are in `docs/PERFORMANCE.md`; benches only measure.

use std::hint::black_box;
use std::time::Duration;

use catch22::engine;
use catch22::uncertainty::design::{DESIGN_STREAM, stream_rng};
use catch22::uncertainty::{Responses, TestFunction, saltelli};
use criterion::{Criterion, criterion_group, criterion_main};

const N: usize = 16_384;
const RESAMPLES: usize = 1_000;
const SEED: u64 = 2025;

/// The outputs of the Ishigami function on catch22's Saltelli design.
fn ishigami_outputs() -> Vec<f64> {
    let f = TestFunction::Ishigami;
    let k = f.dims();
    let points = saltelli::design(N, k, &mut stream_rng(SEED, DESIGN_STREAM)).unwrap();
    points
        .chunks(k)
        .map(|u| f.eval(&u.iter().map(|x| f.input(*x)).collect::<Vec<_>>()))
        .collect()
}

fn bench_sensitivity(c: &mut Criterion) {
    let pool = engine::pool(2).unwrap();
    let mut g = c.benchmark_group("sensitivity");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function(
        "ishigami sobol N=16384 (design, evaluation, analysis)",
        |b| {
            b.iter(|| {
                let y = ishigami_outputs();
                let r = Responses::exact(vec!["y".to_string()], y);
                black_box(pool.install(|| saltelli::analyze(&r, 3, RESAMPLES, SEED)))
            })
        },
    );
    let r = Responses::exact(vec!["y".to_string()], ishigami_outputs());
    g.bench_function("analysis N=16384 k=3, 1000 resamples", |b| {
        b.iter(|| black_box(pool.install(|| saltelli::analyze(&r, 3, RESAMPLES, SEED))))
    });
    if let Ok(path) = std::env::var("SALIB_Y") {
        let text = std::fs::read_to_string(&path).expect("SALIB_Y is readable");
        let y: Vec<f64> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.trim().parse().expect("one number a line"))
            .collect();
        assert_eq!(y.len() % 5, 0, "SALIB_Y: N(k + 2) outputs with k = 3");
        let r = Responses::exact(vec!["y".to_string()], y);
        g.bench_function("analysis of SALIB_Y, 1000 resamples", |b| {
            b.iter(|| black_box(pool.install(|| saltelli::analyze(&r, 3, RESAMPLES, SEED))))
        });
    }
    g.finish();
}

criterion_group!(benches, bench_sensitivity);
criterion_main!(benches);
