//! Inputs that are named pipes (issue 11): `catch22 compare <(cat a.csv)
//! b.csv`, a `mkfifo` fed by another process. A pipe can be read once, and
//! opening it a second time waits for a writer that never comes, so every
//! verb that takes input files reads each one once, tells what it is from
//! its text (not its name, which a pipe does not have), and hashes it for
//! the manifest as it reads it. An input that is a directory is one
//! `error:` line and exit code 2.

#![cfg(unix)]

mod common;

use std::process::{Command, Stdio};

use common::{BIN, Output, TempDir, cache_dir, command_line};

/// Runs `catch22 ARGS` in `dir` from a shell, each argument `@` replaced by
/// a fresh FIFO that `cat SOURCE` writes into once. A verb that opened it
/// twice would wait for ever: `timeout` ends it (exit 124) so that the test
/// fails rather than hangs.
fn via_fifo(dir: &TempDir, source: &str, args: &[&str]) -> Output {
    let script = r#"
        fifo="$(mktemp -u "$PWD/fifo.XXXXXX")"
        mkfifo "$fifo"
        cat "$SOURCE" > "$fifo" &
        writer=$!
        bin="$1"; shift
        for a in "$@"; do
            shift
            if [ "$a" = "@" ]; then set -- "$@" "$fifo"; else set -- "$@" "$a"; fi
        done
        timeout 300 "$bin" "$@"
        status=$?
        kill "$writer" 2>/dev/null
        rm -f "$fifo"
        exit "$status"
    "#;
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("sh")
        .arg(BIN)
        .args(args)
        .env("SOURCE", source)
        .env("CATCH22_CACHE_DIR", cache_dir())
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("sh runs");
    Output {
        cmd: format!("{} (each @ a FIFO fed with {source})", command_line(args)),
        dir: dir.path().to_path_buf(),
        status: out.status,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn file(name: &str) -> String {
    format!("{}/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Two small summary CSVs and the two shards of a third.
fn csvs(dir: &TempDir) {
    for (args, out) in [
        (&["run", "--runs", "100"][..], "a.csv"),
        (&["run", "jcpoa-2015", "--runs", "100"], "b.csv"),
        (&["run", "--runs", "100", "--shard", "0/2"], "p0.csv"),
        (&["run", "--runs", "100", "--shard", "1/2"], "p1.csv"),
    ] {
        let mut args = args.to_vec();
        args.extend(["--out", out, "-q"]);
        dir.run(&args).success();
    }
}

#[test]
fn scenario_verbs_read_a_pipe() {
    let dir = TempDir::new("pipe-scenario");
    let s = common::scenario_file("jcpoa-2015");
    via_fifo(&dir, &s, &["check", "@"])
        .success()
        .stdout_has("jcpoa-2015");
    via_fifo(&dir, &s, &["trace", "@", "--seed", "1"]).success();
    via_fifo(
        &dir,
        &s,
        &[
            "sweep",
            "@",
            "--runs",
            "20",
            "--vary",
            "lifeline.probability=0:1:2",
        ],
    )
    .success();
    // With --out, the manifest hashes the input as it was read, and the
    // pipe is not opened again to hash it.
    via_fifo(
        &dir,
        &s,
        &["run", "@", "--runs", "50", "--out", "run.csv", "-q"],
    )
    .success();
    let meta = dir.read("run.csv.meta.json");
    let sha = catch22::input::sha256_hex(&std::fs::read(&s).unwrap());
    assert!(meta.contains(&sha), "the input's SHA-256 {sha} in {meta}");
}

#[test]
fn compare_and_report_read_each_input_once() {
    let dir = TempDir::new("pipe-compare");
    csvs(&dir);
    let a = dir.join("a.csv");
    let b = dir.join("b.csv");
    // A summary CSV through a pipe is told from a scenario by its text.
    let plain = dir.run(&["compare", "a.csv", "b.csv"]);
    plain.success();
    let left = via_fifo(&dir, &a, &["compare", "@", "b.csv"]);
    left.success();
    assert_eq!(left.stdout, plain.stdout);
    via_fifo(
        &dir,
        &b,
        &["compare", "a.csv", "@", "--out", "cmp.csv", "-q"],
    )
    .success();
    assert_eq!(dir.read("cmp.csv"), plain.stdout);
    via_fifo(
        &dir,
        &common::scenario_file("jcpoa-2015"),
        &["compare", "@", "baseline-2025", "--runs", "50"],
    )
    .success();
    via_fifo(&dir, &a, &["report", "@", "--out", "r.html", "-q"]).success();
    assert!(dir.read("r.html").contains("baseline-2025"));
    via_fifo(
        &dir,
        &common::scenario_file("jcpoa-2015"),
        &["report", "@", "--runs", "20", "--out", "s.html", "-q"],
    )
    .success();
}

#[test]
fn files_of_every_other_verb_read_a_pipe() {
    let dir = TempDir::new("pipe-files");
    csvs(&dir);
    let merged = dir.run(&["merge", "p0.csv", "p1.csv"]);
    merged.success();
    let piped = via_fifo(&dir, &dir.join("p0.csv"), &["merge", "@", "p1.csv"]);
    piped.success();
    assert_eq!(piped.stdout, merged.stdout);
    // A game through a pipe is told .nfg or TOML by its text.
    let nfg = dir.join("pd.nfg");
    dir.run(&["export-nfg", "--out", "pd.nfg", "-q"]).success();
    via_fifo(&dir, &nfg, &["solve", "@", "--out", "s.csv", "-q"]).success();
    via_fifo(
        &dir,
        &file("scenarios/games/prisoners-dilemma.toml"),
        &["solve", "@"],
    )
    .success()
    .stdout_has("equilibrium");
    via_fifo(
        &dir,
        &file("scenarios/tournaments/basic.toml"),
        &["tournament", "@", "--out", "t.csv", "-q"],
    )
    .success();
    let evo = file("scenarios/evolution/hawk-dove.toml");
    via_fifo(&dir, &evo, &["replicator", "@", "--out", "r.csv", "-q"]).success();
    via_fifo(&dir, &evo, &["moran", "@", "--runs", "100"]).success();
    via_fifo(
        &dir,
        &file("tests/data/discover/prim-scales.csv"),
        &["discover", "@", "--outcome", "y", "--threshold", "0.5"],
    )
    .success();
    via_fifo(&dir, &dir.join("a.csv.meta.json"), &["reproduce", "@"]).success();
}

#[test]
fn parts_of_every_kind_read_a_pipe() {
    let dir = TempDir::new("pipe-parts");
    let unc = common::scenario_file("baseline-2025-uncertain");
    let tour = file("scenarios/tournaments/basic.toml");
    for (args, stem) in [
        (vec!["tournament", tour.as_str()], "t"),
        (
            vec!["explore", unc.as_str(), "--samples", "10", "--runs", "10"],
            "e",
        ),
        (
            vec![
                "sensitivity",
                unc.as_str(),
                "--samples",
                "4",
                "--runs",
                "10",
            ],
            "s",
        ),
    ] {
        for i in 0..2 {
            let (shard, out) = (format!("{i}/2"), format!("{stem}{i}.csv"));
            let mut args = args.clone();
            args.extend(["--shard", &shard, "--out", &out, "-q"]);
            dir.run(&args).success();
        }
    }
    for stem in ["t", "e", "s"] {
        let (p0, p1) = (format!("{stem}0.csv"), format!("{stem}1.csv"));
        let merged = dir.run(&["merge", &p0, &p1]);
        merged.success();
        let piped = via_fifo(&dir, &dir.join(&p0), &["merge", "@", &p1]);
        piped.success();
        assert_eq!(piped.stdout, merged.stdout);
    }
    // An analysis CSV through a pipe, for report.
    dir.run(&["merge", "s0.csv", "s1.csv", "--out", "sobol.csv", "-q"])
        .success();
    via_fifo(
        &dir,
        &dir.join("sobol.csv"),
        &["report", "@", "--out", "r.html", "-q"],
    )
    .success();
    assert!(dir.read("r.html").contains("Sobol"));
}

#[test]
fn a_directory_as_an_input_is_refused_on_one_line() {
    let dir = TempDir::new("pipe-dir");
    csvs(&dir);
    std::fs::create_dir(dir.join("d")).unwrap();
    for args in [
        &["check", "d"][..],
        &["run", "d"],
        &["sweep", "d"],
        &["trace", "d"],
        &["compare", "d", "b.csv"],
        &["compare", "a.csv", "d"],
        &["report", "d"],
        &["merge", "d"],
        &["merge", "p0.csv", "d"],
        &["solve", "d"],
        &["discover", "d", "--outcome", "y", "--threshold", "0.5"],
        &["reproduce", "d"],
        &["tournament", "d"],
        &["moran", "d"],
        &["replicator", "d"],
        &["explain", "d"],
    ] {
        dir.run(args)
            .refused("d: cannot read")
            .stderr_has("it is a directory");
    }
}
