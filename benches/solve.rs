//! The Nash equilibrium solver on random games.
//!
//! `cargo bench --bench solve`. The games are the committed files
//! `tests/data/games/bench/random_{10x10,12x12,100x100}.nfg` (payoffs drawn
//! uniformly from 0..999 with fixed seeds, written by pygambit; see
//! `tests/data/games/README.md`), so an established solver can be timed on
//! exactly the same games.
//!
//! - `enumerate/10x10`, `enumerate/12x12`: every equilibrium, exact (vertex
//!   enumeration); targets 0.1 s and 2 s;
//! - `lemke_howson/100x100`: one equilibrium from label 1; target 0.1 s;
//! - `enumerate_small/2x2`, `4x4`, `6x6`: the games of a class or of the fuzz
//!   targets (`tests/data/games/random/random_{01_2x2,08_4x4,16_6x6}.nfg`),
//!   where a thread of its own for one polytope would cost more than it saves.
//!
//! Games are read outside the timed closures. Measured figures, and pygambit's
//! on the same games, are in `docs/GAMES.md`.

use std::hint::black_box;
use std::time::Duration;

use catch22::game::{self, Game, Method};
use criterion::{Criterion, criterion_group, criterion_main};

fn load(name: &str) -> Game {
    let path = format!("{}/tests/data/games/{name}.nfg", env!("CARGO_MANIFEST_DIR"));
    Game::load(&path).expect("the benchmark game loads")
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("enumerate");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    for name in ["10x10", "12x12"] {
        let game = load(&format!("bench/random_{name}"));
        g.bench_function(name, |b| {
            b.iter(|| game::solve(black_box(&game), Method::Enumerate).expect("solves"))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("enumerate_small");
    for (name, file) in [
        ("2x2", "random_01_2x2"),
        ("4x4", "random_08_4x4"),
        ("5x5", "random_12_5x5"),
        ("6x6", "random_16_6x6"),
    ] {
        let game = load(&format!("random/{file}"));
        g.bench_function(name, |b| {
            b.iter(|| game::solve(black_box(&game), Method::Enumerate).expect("solves"))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("lemke_howson");
    g.sample_size(20);
    let game = load("bench/random_100x100");
    g.bench_function("100x100", |b| {
        b.iter(|| game::solve(black_box(&game), Method::LemkeHowson { label: 0 }).expect("solves"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
