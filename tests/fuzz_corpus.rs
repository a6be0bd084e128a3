//! The fuzz corpus replayed on the stable toolchain: every input committed
//! under `fuzz/corpus/<target>/` (the seeds, what the fuzzer kept as new
//! coverage, and every input that once failed) goes through the same entry
//! point as its fuzz target, `catch22::fuzzing::<target>`, which panics on
//! any broken property. See `fuzz/README.md` for running the fuzzer itself.

mod common;

fn replay(target: &str, run: fn(&[u8])) {
    for (f, data) in common::fuzz_corpus(target) {
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{target}: {} fails", f.display());
    }
}

#[test]
fn scenario() {
    replay("scenario", catch22::fuzzing::scenario);
}

#[test]
fn overrides() {
    replay("overrides", catch22::fuzzing::overrides);
}

#[test]
fn nfg() {
    replay("nfg", catch22::fuzzing::nfg);
}

#[test]
fn matrix() {
    replay("matrix", catch22::fuzzing::matrix);
}

#[test]
fn tournament() {
    replay("tournament", catch22::fuzzing::tournament);
}

#[test]
fn evolution() {
    replay("evolution", catch22::fuzzing::evolution);
}

#[test]
fn summary() {
    replay("summary", catch22::fuzzing::summary);
}

#[test]
fn parts() {
    replay("parts", catch22::fuzzing::parts);
}

#[test]
fn samples() {
    replay("samples", catch22::fuzzing::samples);
}

#[test]
fn analysis() {
    replay("analysis", catch22::fuzzing::analysis);
}

#[test]
fn manifest() {
    replay("manifest", catch22::fuzzing::manifest);
}

#[test]
fn serve() {
    replay("serve", catch22::fuzzing::serve);
}
