//! Repeated-game tournaments.
//!
//! `cargo bench --bench tournament`:
//!
//! - `tournament/basic`: the shipped `scenarios/tournaments/basic.toml` (the
//!   Axelrod library's ten basic strategies, 200 turns, 100 repetitions,
//!   noise 0.05: 5,500 matches, 1.1 M turns), on 1 and 2 threads, ranking
//!   included; the whole command's target is 0.1 s on 2 cores;
//! - `match/200`: one noisy 200-turn match, TitForTat against
//!   WinStayLoseShift, for the cost per turn.
//!
//! The file is parsed outside the timed closures. Measured figures, with
//! the Axelrod library's time for the same tournament
//! (`scripts/bench-axelrod.sh`), are in `docs/PERFORMANCE.md`.

use std::hint::black_box;
use std::time::Duration;

use catch22::engine::{pool, run_rng};
use catch22::repeated::file;
use catch22::repeated::play::{Histories, play_match_with};
use catch22::repeated::{MatchRules, Strategy};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let path = format!(
        "{}/scenarios/tournaments/basic.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let t = file::load(&path)
        .expect("the basic tournament loads")
        .tournament
        .expect("it has a [tournament] table");
    let mut g = c.benchmark_group("tournament");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    for threads in [1, 2] {
        let pool = pool(threads).expect("a pool");
        g.bench_function(format!("basic/{threads}-threads"), |b| {
            b.iter(|| black_box(&t).play(&pool).ranking())
        });
    }
    g.finish();
    let a = Strategy::parse("TitForTat", &[]).expect("parses");
    let b = Strategy::parse("WinStayLoseShift", &[]).expect("parses");
    let rules = MatchRules {
        noise: 0.05,
        ..MatchRules::default()
    };
    let mut h = Histories::with_capacity(rules.turns);
    let mut stream = 0;
    c.bench_function("match/200", |bch| {
        bch.iter(|| {
            stream += 1;
            play_match_with(&a, &b, &rules, &mut run_rng(1, stream), &mut h)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
