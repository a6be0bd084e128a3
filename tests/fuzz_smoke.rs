//! A short fuzz smoke on the stable toolchain, for every `cargo test` (and
//! so for CI, where the nightly cargo-fuzz build would not fit the time):
//! deterministic mutations of the committed corpus (`fuzz/corpus/<target>/`)
//! through the same entry points as the fuzz targets, `catch22::fuzzing::*`,
//! which panic on any broken property. Not coverage-guided — the campaigns
//! of `fuzz/README.md` are — but it runs the readers on a few thousand inputs
//! they have not seen, the same ones every time.
//!
//! A failure names the target and the mutant's number and writes the input
//! to `target/fuzz-smoke/<target>-<n>` so that it can be replayed with
//! `cargo +nightly fuzz run -O <target> <file>` and become a corpus entry.

use std::path::Path;

mod common;

/// A fuzzing entry point.
type Target = fn(&[u8]);

/// Mutants per target.
const MUTANTS: usize = 5000;

/// Byte strings readers have had trouble with: numbers at the edge of their
/// types, non-finite spellings, separators of every format read, a
/// byte-order mark, line ends.
const TOKENS: &[&[u8]] = &[
    b"0",
    b"-1",
    b"1e308",
    b"1e-320",
    b"-0",
    b"NaN",
    b"inf",
    b"18446744073709551616",
    b"9223372036854775807",
    b"4294967296",
    b"0.5",
    b"\"",
    b",",
    b"=",
    b"[",
    b"]",
    b"{",
    b"}",
    b"%%",
    b"# ",
    b"\n",
    b"\r\n",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\0",
];

/// SplitMix64: a small deterministic generator, so the mutants are the same
/// on every machine and every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One to four mutations of `base`, with `other` for splices.
fn mutate(rng: &mut Rng, base: &[u8], other: &[u8]) -> Vec<u8> {
    let mut x = base.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(x.len() + 1);
        match rng.below(7) {
            0 if !x.is_empty() => {
                let i = at.min(x.len() - 1);
                x[i] ^= 1 << rng.below(8);
            }
            1 if !x.is_empty() => {
                let i = at.min(x.len() - 1);
                x[i] = TOKENS[rng.below(TOKENS.len())][0];
            }
            2 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                x.splice(at..at, t.iter().copied());
            }
            3 if at < x.len() => {
                let end = (at + 1 + rng.below(32)).min(x.len());
                x.drain(at..end);
            }
            4 if at < x.len() => {
                let end = (at + 1 + rng.below(64)).min(x.len());
                let chunk = x[at..end].to_vec();
                x.splice(at..at, chunk);
            }
            5 if !other.is_empty() => {
                let from = rng.below(other.len());
                let end = (from + 1 + rng.below(128)).min(other.len());
                x.splice(at..at, other[from..end].iter().copied());
            }
            _ => x.truncate(at),
        }
    }
    x
}

fn smoke(target: &str, run: Target) {
    let seeds: Vec<Vec<u8>> = common::fuzz_corpus(target)
        .into_iter()
        .map(|(_, data)| data)
        .collect();
    // One stream per target, from its name.
    let mut rng = Rng(target
        .bytes()
        .fold(0xC22, |h, b| h.wrapping_mul(0x100_0000_01B3) ^ u64::from(b)));
    for n in 0..MUTANTS {
        let base = &seeds[rng.below(seeds.len())];
        let other = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, base, other);
        if std::panic::catch_unwind(|| run(&input)).is_err() {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-smoke");
            let file = dir.join(format!("{target}-{n}"));
            let kept = std::fs::create_dir_all(&dir)
                .and_then(|()| std::fs::write(&file, &input))
                .map_or_else(
                    |e| format!("(not kept: {e})"),
                    |()| file.display().to_string(),
                );
            panic!("{target}: mutant {n} fails; input kept in {kept}");
        }
    }
}

#[test]
fn mutants_are_all_handled() {
    // Deterministic: the mutants depend on the corpus only.
    let a = mutate(&mut Rng(1), b"abc = 1\n", b"[x]\n");
    assert_eq!(a, mutate(&mut Rng(1), b"abc = 1\n", b"[x]\n"));
    let targets: [(&str, Target); 12] = [
        ("scenario", catch22::fuzzing::scenario),
        ("overrides", catch22::fuzzing::overrides),
        ("nfg", catch22::fuzzing::nfg),
        ("matrix", catch22::fuzzing::matrix),
        ("tournament", catch22::fuzzing::tournament),
        ("evolution", catch22::fuzzing::evolution),
        ("summary", catch22::fuzzing::summary),
        ("parts", catch22::fuzzing::parts),
        ("samples", catch22::fuzzing::samples),
        ("analysis", catch22::fuzzing::analysis),
        ("manifest", catch22::fuzzing::manifest),
        ("serve", catch22::fuzzing::serve),
    ];
    for (name, run) in targets {
        smoke(name, run);
    }
}
