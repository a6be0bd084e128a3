//! Throughput of the Monte Carlo engine on the shipped baseline scenario.
//!
//! `cargo bench --bench baseline` (about a minute). Throughput is reported in
//! simulated rounds ("elem/s"), the per-round cost, which stays comparable
//! when parameter tuning changes how many rounds a run lasts.
//!
//! - `simulate/baseline`: runs 0..2000 played one after another on one thread;
//! - `tally_point/threads/{1,2}`: `engine::tally_point` over 20 000 runs on a
//!   pool of 1 and of 2 threads (the ratio is the parallel speed-up);
//! - `round/shocks_draw`: the eight uniform draws of a round (ChaCha8);
//! - `round/transition`: the transition function alone, on 4096 rounds
//!   recorded from real baseline runs.
//!
//! Every input is built outside the timed closures, with fixed seeds. The
//! targets (10 M rounds/s per core, 2 threads ≥ 1.7 × 1 thread) and the
//! measured figures are in `docs/PERFORMANCE.md`; benches only measure.

use std::hint::black_box;
use std::time::Duration;

use catch22::engine::{self, Observer, run_rng, simulate};
use catch22::model::{IranAction, Params, Shocks, State, Step, UsAction, transition};
use catch22::policy::Players;
use catch22::scenario::{Point, Scenario};
use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use rand::Rng;

/// Runs per iteration of `simulate/baseline`.
const RUNS: u64 = 2_000;
/// Runs per `tally_point` call.
const TALLY_RUNS: u64 = 20_000;
/// Rounds replayed per iteration of `round/transition`.
const ROUNDS: usize = 4_096;

fn baseline() -> Point {
    Scenario::load("baseline-2025")
        .and_then(|s| s.point(0))
        .expect("the shipped baseline scenario loads")
}

/// Rounds played by runs `0..runs` of the point (outside any timing).
fn rounds_of(p: &Params, players: &Players, seed: u64, runs: u64) -> u64 {
    (0..runs)
        .map(|run| u64::from(simulate(p, players, seed, run, &mut ()).round))
        .sum()
}

fn bench_simulate(c: &mut Criterion) {
    let point = baseline();
    let (p, players, seed) = (&point.params, &point.players, point.seed);
    let rounds = rounds_of(p, players, seed, RUNS);
    let mut g = c.benchmark_group("simulate");
    g.throughput(Throughput::Elements(rounds));
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(20);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(4));
    g.bench_function("baseline", |b| {
        b.iter(|| {
            let mut played = 0u64;
            for run in 0..RUNS {
                played +=
                    u64::from(simulate(black_box(p), players, black_box(seed), run, &mut ()).round);
            }
            played
        })
    });
    g.finish();
}

fn bench_tally(c: &mut Criterion) {
    let mut point = baseline();
    point.runs = TALLY_RUNS;
    let rounds = rounds_of(&point.params, &point.players, point.seed, TALLY_RUNS);
    let pools: Vec<(usize, rayon::ThreadPool)> = [1, 2]
        .into_iter()
        .map(|n| (n, engine::pool(n).expect("thread pool")))
        .collect();
    let mut g = c.benchmark_group("tally_point");
    g.throughput(Throughput::Elements(rounds));
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(20);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(5));
    for (n, pool) in &pools {
        g.bench_with_input(BenchmarkId::new("threads", n), pool, |b, pool| {
            b.iter(|| engine::tally_point(black_box(&point), pool))
        });
    }
    g.finish();
}

/// Records the state and both moves before each round.
#[derive(Default)]
struct Recorder(Vec<(State, UsAction, IranAction)>);

impl Observer for Recorder {
    fn round(&mut self, before: &State, us: UsAction, iran: IranAction, _: &Step, _: &State) {
        self.0.push((*before, us, iran));
    }
}

/// `ROUNDS` real rounds of the baseline: (state before, US move, Iran's move,
/// the round's shocks). The shocks are re-drawn from each run's stream in the
/// engine's order (one word for the threshold, then eight per round).
fn recorded_rounds(
    p: &Params,
    players: &Players,
    seed: u64,
) -> Vec<(State, UsAction, IranAction, Shocks)> {
    let mut out = Vec::with_capacity(ROUNDS);
    let mut run = 0;
    while out.len() < ROUNDS {
        let mut rec = Recorder::default();
        simulate(p, players, seed, run, &mut rec);
        let mut rng = run_rng(seed, run);
        rng.next_u32();
        for (s, us, iran) in rec.0 {
            out.push((s, us, iran, Shocks::draw(&mut rng)));
        }
        run += 1;
    }
    out.truncate(ROUNDS);
    out
}

fn bench_round(c: &mut Criterion) {
    let point = baseline();
    let (p, players, seed) = (&point.params, &point.players, point.seed);
    let inputs = recorded_rounds(p, players, seed);
    let mut g = c.benchmark_group("round");
    g.throughput(Throughput::Elements(ROUNDS as u64));
    g.sample_size(30);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("shocks_draw", |b| {
        let mut rng = run_rng(seed, 0);
        b.iter(|| {
            let mut acc = 0.0;
            for _ in 0..ROUNDS {
                let sh = Shocks::draw(&mut rng);
                acc += sh.us + sh.lifeline;
            }
            acc
        })
    });
    g.bench_function("transition", |b| {
        b.iter(|| {
            let mut ended = 0u32;
            for (s, us, iran, sh) in &inputs {
                let mut s = *s;
                let step = transition(black_box(p), &mut s, *us, *iran, sh, &players.iran);
                ended += u32::from(step.terminal.is_some());
                black_box(&s);
            }
            ended
        })
    });
    g.finish();
}

criterion_group!(benches, bench_simulate, bench_tally, bench_round);
criterion_main!(benches);
