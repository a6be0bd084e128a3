//! Every verb, driven through the binary as a user would: structure of the
//! output, determinism and consistency between verbs (never model outcomes,
//! which the scenario and model tests own).

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};

use common::{Csv, OUTCOMES, Output, SHIPPED, TempDir, num, scenario_file, spawn_piped};

/// The contract's first summary columns after the varied keys.
const SUMMARY_TAIL: [&str; 7] = [
    "outcome",
    "runs",
    "count",
    "probability",
    "ci_low",
    "ci_high",
    "mean_round",
];

/// The contract's first per-run columns.
const PER_RUN_HEAD: [&str; 7] = [
    "point", "run", "seed", "outcome", "round", "channel", "terms",
];

/// A scenario with nothing but a name: defaults everywhere and no `[sweep]`.
const PLAIN: &str = "[scenario]\nname = \"plain\"\n";

/// Checks a summary CSV against the contract for the given varied keys and
/// runs per point; returns it parsed.
#[track_caller]
fn check_summary(out: &Output, text: &str, keys: &[&str], runs: u64) -> Csv {
    let csv = Csv::parse(text);
    let mut expected: Vec<&str> = vec!["scenario", "point"];
    expected.extend(keys);
    expected.extend(SUMMARY_TAIL);
    out.check(
        csv.header.len() >= expected.len() && csv.header[..expected.len()] == expected[..],
        format!("summary header must begin {}", expected.join(",")),
    );
    out.check(
        !csv.rows.is_empty() && csv.rows.len() % 4 == 0,
        "expected 4 rows per point",
    );
    let c = |name: &str| csv.col(name);
    for (p, block) in csv.rows.chunks(4).enumerate() {
        let outcomes: Vec<&str> = block.iter().map(|r| r[c("outcome")].as_str()).collect();
        out.check(
            outcomes == OUTCOMES,
            format!("point {p}: outcomes {outcomes:?}, want {OUTCOMES:?}"),
        );
        let mut counts = 0;
        let mut total_p = 0.0;
        for r in block {
            out.check(
                r[c("point")] == p.to_string(),
                format!("point column {} in block {p}", r[c("point")]),
            );
            out.check(
                r[c("runs")] == runs.to_string(),
                format!("runs column {} want {runs}", r[c("runs")]),
            );
            let count: u64 = r[c("count")].parse().unwrap();
            counts += count;
            let (prob, lo, hi) = (
                num(&r[c("probability")]),
                num(&r[c("ci_low")]),
                num(&r[c("ci_high")]),
            );
            total_p += prob;
            out.check(
                (prob - count as f64 / runs as f64).abs() <= 5e-7,
                format!("probability {prob} != {count}/{runs}"),
            );
            out.check(
                0.0 <= lo && lo <= prob && prob <= hi && hi <= 1.0,
                format!("point {p}: need 0 <= ci_low {lo} <= p {prob} <= ci_high {hi} <= 1"),
            );
            let mean_round = &r[c("mean_round")];
            out.check(
                mean_round.is_empty() == (count == 0),
                format!("point {p}: mean_round {mean_round:?} with count {count}"),
            );
            if count > 0 {
                out.check(num(mean_round) >= 1.0, "mean_round below 1");
            }
        }
        out.check(
            counts == runs,
            format!("point {p}: counts sum to {counts}, want {runs}"),
        );
        out.check(
            (total_p - 1.0).abs() <= 1e-5,
            format!("point {p}: probabilities sum to {total_p}"),
        );
    }
    csv
}

/// Checks a per-run CSV: header, run indices 0..runs in order within each
/// point, points in order. Returns it parsed.
#[track_caller]
fn check_per_run(out: &Output, text: &str, points: usize, runs: u64) -> Csv {
    let csv = Csv::parse(text);
    out.check(
        csv.header.len() >= PER_RUN_HEAD.len() && csv.header[..PER_RUN_HEAD.len()] == PER_RUN_HEAD,
        format!("per-run header must begin {}", PER_RUN_HEAD.join(",")),
    );
    out.check(
        csv.rows.len() as u64 == points as u64 * runs,
        format!(
            "per-run has {} rows, want {points} x {runs}",
            csv.rows.len()
        ),
    );
    for (i, r) in csv.rows.iter().enumerate() {
        let (p, run) = (i as u64 / runs, i as u64 % runs);
        out.check(
            r[0] == p.to_string() && r[1] == run.to_string(),
            format!(
                "per-run row {i} is point {} run {}, want {p} {run}",
                r[0], r[1]
            ),
        );
        out.check(
            OUTCOMES.contains(&r[3].as_str()),
            format!("per-run row {i}: outcome {:?}", r[3]),
        );
    }
    csv
}

/// Outcome counts per point from a per-run CSV.
fn per_run_counts(csv: &Csv) -> BTreeMap<(String, String), u64> {
    let mut m = BTreeMap::new();
    for r in &csv.rows {
        *m.entry((r[0].clone(), r[3].clone())).or_default() += 1;
    }
    m
}

/// Outcome counts per point from a summary CSV (zero counts left out).
fn summary_counts(csv: &Csv) -> BTreeMap<(String, String), u64> {
    let (p, o, c) = (csv.col("point"), csv.col("outcome"), csv.col("count"));
    csv.rows
        .iter()
        .filter(|r| r[c] != "0")
        .map(|r| ((r[p].clone(), r[o].clone()), r[c].parse().unwrap()))
        .collect()
}

// ---- run ------------------------------------------------------------------

#[test]
fn run_with_no_arguments_prints_the_summary() {
    let dir = TempDir::new("run-default");
    let out = dir.run(&["run", "--runs", "2000"]);
    out.success();
    let csv = check_summary(&out, &out.stdout, &[], 2000);
    out.check(csv.rows.len() == 4, "expected one point");
    out.check(
        csv.column("scenario").iter().all(|s| *s == "baseline-2025"),
        "expected scenario baseline-2025",
    );
    // One status line (a note about an ignored [sweep] table may follow).
    let status: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| !l.starts_with("note:"))
        .collect();
    out.check(status.len() == 1, "expected one status line on stderr");
    let line = status[0];
    for word in ["2000 runs", "rounds", " s ", "thread"] {
        out.check(line.contains(word), format!("status line lacks {word:?}"));
    }
    out.check(
        dir.entries().is_empty(),
        "`run` without --out must not write files",
    );
}

#[test]
fn quiet_drops_the_status_line() {
    let dir = TempDir::new("quiet");
    dir.write("plain.toml", PLAIN);
    let out = dir.run(&["run", "plain.toml", "--runs", "50", "--quiet"]);
    out.success()
        .check(out.stderr.is_empty(), "expected nothing on stderr");
    check_summary(&out, &out.stdout, &[], 50);
}

#[test]
fn run_is_deterministic_across_threads_and_repeats() {
    let dir = TempDir::new("determinism");
    let go = |threads: &str, per_run: &str| {
        let out = dir.run(&[
            "run",
            "--runs",
            "3000",
            "--seed",
            "7",
            "--threads",
            threads,
            "--per-run",
            per_run,
        ]);
        out.success();
        out.check(
            out.stderr.contains(&format!(
                "on {threads} thread{}",
                if threads == "1" { "" } else { "s" }
            )),
            "status line must report the threads",
        );
        out
    };
    let one = go("1", "one.csv");
    let two = go("2", "two.csv");
    let again = go("2", "again.csv");
    check_summary(&one, &one.stdout, &[], 3000);
    two.check(
        one.stdout == two.stdout,
        format!("--threads 1 and 2 differ; threads 1 gave:\n{}", one.stdout),
    );
    again.check(again.stdout == two.stdout, "two identical runs differ");
    let (a, b, c) = (
        dir.read("one.csv"),
        dir.read("two.csv"),
        dir.read("again.csv"),
    );
    check_per_run(&one, &a, 1, 3000);
    assert!(a == b, "--per-run differs between --threads 1 and 2");
    assert!(b == c, "--per-run differs between two identical runs");
}

#[test]
fn sweep_is_deterministic_across_threads() {
    let dir = TempDir::new("sweep-determinism");
    let file = scenario_file("baseline-2025");
    let go = |threads: &str, per_run: &str| {
        let out = dir.run(&[
            "sweep",
            &file,
            "--vary",
            "lifeline.probability=0:0.5:3",
            "--vary",
            "us.policy=maximum_pressure,pressure_and_engage",
            "--runs",
            "300",
            "--seed",
            "7",
            "--threads",
            threads,
            "--per-run",
            per_run,
        ]);
        out.success();
        out
    };
    let one = go("1", "one.csv");
    let two = go("2", "two.csv");
    let again = go("2", "again.csv");
    two.check(
        one.stdout == two.stdout,
        format!("--threads 1 and 2 differ; threads 1 gave:\n{}", one.stdout),
    );
    again.check(again.stdout == two.stdout, "two identical sweeps differ");
    assert!(
        dir.read("one.csv") == dir.read("two.csv"),
        "sweep --per-run differs by threads"
    );
    assert!(
        dir.read("two.csv") == dir.read("again.csv"),
        "sweep --per-run differs between runs"
    );
}

#[test]
fn run_file_with_out_set_and_per_run() {
    let dir = TempDir::new("run-out");
    let file = scenario_file("jcpoa-2015");
    let base = ["run", file.as_str(), "--runs", "1000", "--seed", "7"];

    let mut args = base.to_vec();
    args.extend(["--out", "a.csv", "--per-run", "runs.csv"]);
    let out = dir.run(&args);
    out.success()
        .check(out.stdout.is_empty(), "with --out, stdout must be empty")
        .check(out.stderr.contains("1000 runs"), "status line expected");
    let names: Vec<String> = dir.entries().into_iter().collect();
    out.check(
        names == ["a.csv", "a.csv.meta.json", "runs.csv"],
        format!(
            "expected exactly a.csv, its manifest and runs.csv (no temporaries), got {names:?}"
        ),
    );
    let summary = check_summary(&out, &dir.read("a.csv"), &[], 1000);
    out.check(
        summary
            .column("scenario")
            .iter()
            .all(|s| *s == "jcpoa-2015"),
        "expected scenario jcpoa-2015",
    );
    let per_run = check_per_run(&out, &dir.read("runs.csv"), 1, 1000);
    out.check(
        per_run.column("seed").iter().all(|s| *s == "7"),
        "per-run seed column must be the master seed",
    );
    out.check(
        per_run_counts(&per_run) == summary_counts(&summary),
        "per-run outcome counts differ from the summary counts",
    );

    // The same to stdout gives the same bytes as the file.
    let stdout = dir.run(&base);
    stdout.success();
    stdout.check(
        stdout.stdout == dir.read("a.csv"),
        "--out and stdout differ",
    );

    // --set takes effect: pick a threshold the scenario does not already have.
    let checked = dir.run(&["check", &file]);
    checked.success();
    let current = checked
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("survival_threshold = "))
        .and_then(|l| l.split_whitespace().next())
        .map(num);
    let value = if current == Some(0.3) { "0.6" } else { "0.3" };
    let set = format!("iran.survival_threshold={value}");
    let mut args = base.to_vec();
    args.extend(["--set", &set, "--out", "b.csv", "--per-run", "runs-b.csv"]);
    let changed = dir.run(&args);
    changed.success();
    let before = dir.read("a.csv") + &dir.read("runs.csv");
    let after = dir.read("b.csv") + &dir.read("runs-b.csv");
    changed.check(
        before != after,
        format!("--set {set} did not change the output"),
    );
    check_summary(&changed, &dir.read("b.csv"), &[], 1000);
}

#[test]
fn out_replaces_an_existing_file() {
    let dir = TempDir::new("out-replace");
    dir.write("plain.toml", PLAIN);
    dir.write("a.csv", "old contents\n");
    let out = dir.run(&["run", "plain.toml", "--runs", "50", "--out", "a.csv"]);
    out.success();
    check_summary(&out, &dir.read("a.csv"), &[], 50);
    let names: Vec<String> = dir.entries().into_iter().collect();
    out.check(
        names == ["a.csv", "a.csv.meta.json", "plain.toml"],
        format!("unexpected files {names:?}"),
    );
}

#[cfg(unix)]
#[test]
fn out_to_a_named_pipe_writes_through_it() {
    // A target that is not a regular file (a FIFO here; /dev/null and
    // /dev/stdout alike) must be written in place, not replaced by a rename.
    use std::os::unix::fs::FileTypeExt;
    use std::sync::mpsc;
    use std::time::Duration;

    let dir = TempDir::new("fifo");
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let (tx, rx) = mpsc::channel();
    let reader = fifo.clone();
    std::thread::spawn(move || {
        let _ = tx.send(std::fs::read_to_string(reader));
    });
    let out = dir.run(&["run", "--runs", "50", "--per-run", "pipe", "--quiet"]);
    out.success();
    let text = match rx.recv_timeout(Duration::from_secs(20)) {
        Ok(text) => text.unwrap(),
        Err(_) => panic!("nothing came through the named pipe{out}"),
    };
    check_per_run(&out, &text, 1, 50);
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    out.check(kind.is_fifo(), "the named pipe was replaced");
    let names: Vec<String> = dir.entries().into_iter().collect();
    out.check(names == ["pipe"], format!("unexpected files {names:?}"));
}

// ---- sweep ----------------------------------------------------------------

#[test]
fn sweep_grid_has_one_block_per_point() {
    let dir = TempDir::new("sweep");
    let out = dir.run(&[
        "sweep",
        &scenario_file("baseline-2025"),
        "--vary",
        "lifeline.probability=0:0.5:6",
        "--vary",
        "us.policy=maximum_pressure,pressure_and_engage",
        "--runs",
        "200",
    ]);
    out.success();
    let csv = check_summary(
        &out,
        &out.stdout,
        &["lifeline.probability", "us.policy"],
        200,
    );
    out.check(csv.rows.len() == 12 * 4, "expected 12 points x 4 rows");
    let lifeline = csv.column("lifeline.probability");
    let policy = csv.column("us.policy");
    let values = ["0", "0.1", "0.2", "0.3", "0.4", "0.5"];
    let policies = ["maximum_pressure", "pressure_and_engage"];
    for (i, row) in csv.rows.iter().enumerate() {
        let point = i / 4;
        out.check(
            row[1] == point.to_string()
                && lifeline[i] == values[point / 2]
                && policy[i] == policies[point % 2],
            format!(
                "row {i}: point {} lifeline {} policy {}; want point {point} lifeline {} policy {}",
                row[1],
                lifeline[i],
                policy[i],
                values[point / 2],
                policies[point % 2]
            ),
        );
    }
    out.check(
        lifeline[4] == "0" && policy[4] == "pressure_and_engage",
        "point 1 must be lifeline 0 and pressure_and_engage",
    );
    out.stderr_has("12 points");
}

/// The status line says how many runs each point had, also when
/// `scenario.runs` is varied (it once printed the first point's runs, or the
/// mean, as if every point had them), whether the grid is held whole or
/// played block by block (more than 4,096 points).
#[test]
fn the_status_line_gives_the_runs_of_varied_points() {
    let dir = TempDir::new("status-runs");
    for (vary, points, runs, total) in [
        (
            "iran.resilience=0.3,0.6",
            "4 points",
            "x 40..70 runs",
            "= 220 runs",
        ),
        (
            "iran.resilience=0.3:0.6:2049",
            "4098 points",
            "x 40..70 runs",
            "= 225390 runs",
        ),
    ] {
        let out = dir.run(&[
            "sweep",
            "baseline-2025",
            "--vary",
            vary,
            "--vary",
            "scenario.runs=40,70",
            "--threads",
            "1",
        ]);
        out.success();
        out.stderr_has(&format!("{points} {runs} {total}"));
    }
    let out = dir.run(&["run", "--runs", "30"]);
    out.success();
    out.stderr_has("1 point x 30 runs = 30 runs");
}

#[test]
fn sweep_table_in_the_file_needs_no_vary() {
    let dir = TempDir::new("sweep-table");
    let file = dir.write(
        "swept.toml",
        "[scenario]\nname = \"swept\"\nruns = 40\n\n[sweep]\n\
         \"iran.resilience\" = \"0.3:0.5:3\"\n\"us.policy\" = [\"maximum_pressure\", \"engagement\"]\n",
    );
    let out = dir.run(&["sweep", &file]);
    out.success();
    let csv = check_summary(&out, &out.stdout, &["iran.resilience", "us.policy"], 40);
    out.check(csv.rows.len() == 6 * 4, "expected 3 x 2 points");
    out.check(
        csv.column("iran.resilience")
            .iter()
            .step_by(4)
            .copied()
            .collect::<Vec<_>>()
            == ["0.3", "0.3", "0.4", "0.4", "0.5", "0.5"],
        "iran.resilience values",
    );
    out.check(
        csv.column("scenario").iter().all(|s| *s == "swept"),
        "scenario column",
    );

    // --vary replaces the table's axis of the same key, keeping the others.
    let out = dir.run(&["sweep", &file, "--vary", "us.policy=engagement"]);
    out.success();
    let csv = check_summary(&out, &out.stdout, &["iran.resilience", "us.policy"], 40);
    out.check(csv.rows.len() == 3 * 4, "expected 3 x 1 points");

    // `run` plays the base scenario alone and says the table was left out.
    let out = dir.run(&["run", &file]);
    out.success();
    let csv = check_summary(&out, &out.stdout, &[], 40);
    out.check(csv.rows.len() == 4, "`run` must play one point");
    out.stderr_has("[sweep]");

    // `check` shows the grid.
    let out = dir.run(&["check", &file]);
    out.success()
        .stdout_has("[sweep]")
        .stdout_has("6 grid points");
}

#[test]
fn sweep_points_share_common_random_numbers() {
    let dir = TempDir::new("crn");
    let file = dir.write("plain.toml", PLAIN);
    let sweep = dir.run(&[
        "sweep",
        &file,
        "--vary",
        "lifeline.probability=0:0.5:6",
        "--vary",
        "us.policy=maximum_pressure,pressure_and_engage",
        "--runs",
        "150",
        "--seed",
        "11",
        "--per-run",
        "sweep.csv",
        "--quiet",
    ]);
    sweep.success();
    let swept = check_per_run(&sweep, &dir.read("sweep.csv"), 12, 150);
    for (point, lifeline, policy) in [
        (0, "0", "maximum_pressure"),
        (5, "0.2", "pressure_and_engage"),
        (10, "0.5", "maximum_pressure"),
    ] {
        let l = format!("lifeline.probability={lifeline}");
        let p = format!("us.policy={policy}");
        let name = format!("run-{point}.csv");
        let single = dir.run(&[
            "run",
            &file,
            "--set",
            &l,
            "--set",
            &p,
            "--runs",
            "150",
            "--seed",
            "11",
            "--per-run",
            &name,
            "--quiet",
        ]);
        single.success();
        let plain = check_per_run(&single, &dir.read(&name), 1, 150);
        let from_sweep: Vec<&[String]> = swept
            .rows
            .iter()
            .filter(|r| r[0] == point.to_string())
            .map(|r| &r[1..])
            .collect();
        let from_run: Vec<&[String]> = plain.rows.iter().map(|r| &r[1..]).collect();
        for (i, (a, b)) in from_sweep.iter().zip(&from_run).enumerate() {
            single.check(
                a == b,
                format!(
                    "sweep point {point} run {i} differs from `run --set {l} --set {p}`:\n  sweep: {}\n  run:   {}",
                    a.join(","),
                    b.join(",")
                ),
            );
        }
        single.check(from_sweep.len() == from_run.len(), "row counts differ");
    }
}

// ---- check ----------------------------------------------------------------

/// The `key = value` lines of `check` output, per table, without the
/// `# set` / `# default` comments (which differ on a re-check).
fn resolved_keys(check: &str) -> Vec<String> {
    check
        .lines()
        .filter(|l| !l.starts_with("# ok:"))
        .map(|l| {
            ["  # set", "  # default"]
                .iter()
                .filter_map(|c| l.rfind(c))
                .max()
                .map_or(l, |i| &l[..i])
                .to_string()
        })
        .collect()
}

#[test]
fn check_every_shipped_scenario_and_round_trip() {
    let dir = TempDir::new("check");
    let scenarios = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&scenarios)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= SHIPPED.len(), "scenarios/ holds {files:?}");
    for name in SHIPPED {
        assert!(
            files.iter().any(|f| f.file_stem().unwrap() == name),
            "scenarios/{name}.toml is missing"
        );
    }
    for path in files {
        let path = path.to_string_lossy().into_owned();
        let out = dir.run(&["check", &path]);
        out.success().stdout_has("# ok:");
        let text = &out.stdout;
        let value = |key: &str| -> String {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{key} = ")))
                .and_then(|v| v.split("  #").next())
                .map(|v| v.trim().trim_matches('"').to_string())
                .unwrap_or_else(|| panic!("no `{key} = ` line{out}"))
        };
        let (rounds, runs, seed) = (value("rounds"), value("runs"), value("seed"));
        let policy_line = text
            .lines()
            .find(|l| l.starts_with("# policies:"))
            .unwrap_or_else(|| panic!("no `# policies:` line{out}"));
        out.check(
            text.matches("\npolicy = ").count() == 2,
            "expected iran.policy and us.policy",
        );
        for l in text.lines().filter(|l| l.starts_with("policy = ")) {
            let p = l["policy = ".len()..]
                .split("  #")
                .next()
                .unwrap()
                .trim_matches('"');
            out.check(policy_line.contains(p), format!("policies line lacks {p}"));
        }
        out.check(
            text.lines().any(|l| {
                l.starts_with('#')
                    && l.contains(&format!("{rounds} rounds"))
                    && l.contains(&format!("{runs} runs"))
                    && l.contains(&format!("seed {seed}"))
            }),
            format!("no derived line with {rounds} rounds, {runs} runs, seed {seed}"),
        );
        out.check(
            text.lines()
                .any(|l| l.starts_with('#') && l.contains("would offer concessions")),
            "no derived line about the US offer",
        );
        out.check(
            text.lines().any(|l| {
                l.starts_with('#')
                    && l.contains("theta")
                    && l.contains("deal")
                    && l.contains("refuse")
            }),
            "no derived line about the two horns",
        );

        // The output is itself a scenario that resolves to the same keys.
        let copy = dir.write("resolved.toml", text);
        let again = dir.run(&["check", &copy]);
        again.success();
        let (a, b) = (resolved_keys(text), resolved_keys(&again.stdout));
        again.check(
            a == b,
            format!(
                "re-checking the output of `check {path}` resolves differently; first mismatch: {:?}",
                a.iter().zip(&b).find(|(x, y)| x != y)
            ),
        );
    }
}

#[test]
fn check_output_round_trips_awkward_strings_and_sweeps() {
    let dir = TempDir::new("check-strings");
    let file = dir.write(
        "awkward.toml",
        "[scenario]\nname = \"quote \\\" and back\\\\slash\"\n\
         description = \"\"\"tab\\there, bell \\u0007, zero\\u200Bwidth, \u{e9}, \u{2014}\nsecond line\"\"\"\n\
         [sweep]\n\"us.policy\" = [\"engagement\", \"maximum_pressure\"]\n\
         \"lifeline.probability\" = \"0:0.3:4\"\n",
    );
    let first = dir.run(&["check", &file]);
    first
        .success()
        .stdout_has("[sweep]")
        .stdout_has("8 grid points");
    let copy = dir.write("resolved.toml", &first.stdout);
    let again = dir.run(&["check", &copy]);
    again.success();
    again.check(
        resolved_keys(&first.stdout) == resolved_keys(&again.stdout),
        format!(
            "re-check resolves differently; first check said:\n{}",
            first.stdout
        ),
    );
    // The name survives into the CSV (quoted as CSV requires).
    let out = dir.run(&["sweep", &copy, "--runs", "20", "--quiet"]);
    out.success();
    let csv = check_summary(
        &out,
        &out.stdout,
        &["us.policy", "lifeline.probability"],
        20,
    );
    out.check(
        csv.column("scenario")[0] == "quote \" and back\\slash",
        "scenario name mangled",
    );
}

#[test]
fn check_by_name_with_set() {
    let dir = TempDir::new("check-set");
    let out = dir.run(&["check", "lifeline", "--set", "scenario.rounds=7"]);
    out.success()
        .stdout_has("rounds = 7  # set")
        .stdout_has("7 rounds")
        .check(out.stderr.is_empty(), "check writes nothing on stderr");
}

// ---- list -----------------------------------------------------------------

#[test]
fn list_names_scenarios_policies_and_parameters() {
    let dir = TempDir::new("list");
    let out = dir.run(&["list"]);
    out.success();
    for name in SHIPPED {
        out.check(
            out.stdout
                .lines()
                .any(|l| l.split_whitespace().next() == Some(name)),
            format!("scenario {name} not listed"),
        );
    }
    // The policies and their parameters are those `check` resolves.
    let checked = dir.run(&["check", "baseline-2025"]);
    checked.success();
    let policies = [
        ("iran", "hold_the_line"),
        ("iran", "heroic_flexibility"),
        ("iran", "fence_sitter"),
        ("iran", "full_confrontation"),
        ("us", "maximum_pressure"),
        ("us", "pressure_and_engage"),
        ("us", "strike_on_breakout"),
        ("us", "engagement"),
        ("iran", "equilibrium"),
        ("us", "equilibrium"),
    ];
    let lines: Vec<&str> = out.stdout.lines().collect();
    for (side, policy) in policies {
        let from = if side == "us" {
            lines
                .iter()
                .position(|l| l.starts_with("US policies"))
                .unwrap()
        } else {
            0
        };
        let at = from
            + lines[from..]
                .iter()
                .position(|l| l.trim() == policy)
                .unwrap_or_else(|| panic!("policy {policy} not listed{out}"));
        let block: Vec<&str> = lines[at + 1..]
            .iter()
            .take_while(|l| l.starts_with("    "))
            .copied()
            .collect();
        if policy == "equilibrium" {
            // Its settings are the shared [equilibrium] and [equilibrium.grid] keys.
            for key in ["noise_nodes", "grid.resilience", "grid.nuclear"] {
                out.check(
                    block
                        .iter()
                        .any(|l| l.split_whitespace().next() == Some(key)),
                    format!("{side} equilibrium: parameter {key} not listed"),
                );
            }
            continue;
        }
        let params = table_keys(&checked.stdout, &format!("{side}.{policy}"));
        if params.is_empty() {
            out.check(
                block.iter().any(|l| l.contains("no parameters")),
                format!("{policy}: expected `(no parameters)`"),
            );
        }
        for p in params {
            out.check(
                block
                    .iter()
                    .any(|l| l.split_whitespace().next() == Some(p.as_str())),
                format!("{policy}: parameter {p} not listed"),
            );
        }
    }
}

/// The keys of one table in `check` output.
fn table_keys(check: &str, table: &str) -> Vec<String> {
    let header = format!("[{table}]");
    check
        .lines()
        .skip_while(|l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.trim().is_empty() && !l.starts_with('['))
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_string()))
        .collect()
}

// ---- trace ----------------------------------------------------------------

#[test]
fn trace_narrates_and_agrees_with_per_run() {
    let dir = TempDir::new("trace");
    let out = dir.run(&["trace", "baseline-2025", "--seed", "7"]);
    out.success();
    let lines: Vec<&str> = out.stdout.lines().collect();
    out.check(
        lines.iter().any(|l| l.starts_with("round ")),
        "expected round-by-round lines",
    );
    out.check(
        lines
            .iter()
            .rev()
            .take(3)
            .any(|l| l.starts_with("outcome: ")),
        "expected the narration to end with `outcome:`",
    );

    // Run 3 of seed 7: text, CSV and the engine's per-run row agree.
    let text = dir.run(&["trace", "--seed", "7", "--run", "3"]);
    text.success();
    let csv_out = dir.run(&["trace", "--seed", "7", "--run", "3", "--csv", "t.csv"]);
    csv_out.success();
    csv_out.check(csv_out.stdout == text.stdout, "--csv changed the narration");
    let trace = Csv::parse(&dir.read("t.csv"));
    let last = trace.rows.last().expect("trace CSV has rows");
    let (t_round, t_outcome) = (&last[trace.col("round")], &last[trace.col("outcome")]);
    out.check(
        trace.column("outcome")[..trace.rows.len() - 1]
            .iter()
            .all(|o| o.is_empty()),
        "only the last trace row carries the outcome",
    );
    let rounds: Vec<String> = (1..=trace.rows.len()).map(|r| r.to_string()).collect();
    csv_out.check(trace.column("round") == rounds, "trace rounds must be 1..n");

    let run = dir.run(&["run", "--runs", "5", "--seed", "7", "--per-run", "runs.csv"]);
    run.success();
    let per_run = check_per_run(&run, &dir.read("runs.csv"), 1, 5);
    let row = &per_run.rows[3];
    let (outcome, round) = (&row[per_run.col("outcome")], &row[per_run.col("round")]);
    run.check(
        t_outcome == outcome && t_round == round,
        format!("trace run 3 ends {t_outcome} in round {t_round}; per-run row 3 says {outcome} in round {round}"),
    );
    let want = format!("outcome: {outcome} in round {round}");
    text.check(
        text.stdout.lines().any(|l| l.starts_with(&want)),
        format!("narration lacks {want:?}"),
    );

    // `--csv -` prints the CSV instead of the text.
    let dash = dir.run(&["trace", "--seed", "7", "--run", "3", "--csv", "-"]);
    dash.success();
    dash.check(
        dash.stdout == dir.read("t.csv"),
        "`--csv -` differs from the file",
    );
}

// ---- pipes and help -------------------------------------------------------

#[test]
fn closed_stdout_is_not_a_panic() {
    let dir = TempDir::new("pipe");
    dir.write("plain.toml", PLAIN);
    // `catch22 sweep ... | head -1`: about a megabyte of CSV into a pipe whose
    // reader leaves after one line.
    let args = [
        "sweep",
        "plain.toml",
        "--vary",
        "lifeline.probability=0:1:1000",
        "--runs",
        "2",
    ];
    let mut child = spawn_piped(dir.path(), &args);
    let mut first = String::new();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    reader.read_line(&mut first).unwrap();
    drop(reader);
    let stderr = common::read_stderr(&mut child);
    let status = child.wait().unwrap();
    assert!(first.starts_with("scenario,point,"), "first line {first:?}");
    assert!(
        status.code() == Some(0) && !stderr.contains("panicked"),
        "`{} | head -1` ended with {status}, stderr:\n{stderr}",
        common::command_line(&args)
    );

    // A reader that leaves before anything is written.
    for args in [
        &["run", "plain.toml", "--runs", "300"][..],
        &["list"],
        &["trace"],
    ] {
        let mut child = spawn_piped(dir.path(), args);
        drop(child.stdout.take());
        let stderr = common::read_stderr(&mut child);
        let status = child.wait().unwrap();
        assert!(
            status.code() == Some(0) && !stderr.contains("panicked"),
            "`{}` with stdout closed ended with {status}, stderr:\n{stderr}",
            common::command_line(args)
        );
    }
}

#[test]
fn help_for_every_verb() {
    let dir = TempDir::new("help");
    for verb in [
        &[][..],
        &["run"],
        &["sweep"],
        &["check"],
        &["list"],
        &["trace"],
    ] {
        let mut args = verb.to_vec();
        args.push("--help");
        let out = dir.run(&args);
        out.success().stdout_has("Usage:");
        if let Some(v) = verb.first() {
            out.stdout_has(v);
        }
    }
    let out = dir.run(&["help", "sweep"]);
    out.success().stdout_has("--vary");
    let out = dir.run(&["--version"]);
    out.success().stdout_has("catch22");
}
