//! `--target-ci`, the quantile columns, `--format json|table` on run and
//! sweep, and the progress bar's silence when standard error is not a terminal.

mod common;

use common::{Csv, TempDir, num};

fn refused(out: &common::Output, needle: &str) {
    out.refused(needle);
}

/// Every outcome's Wilson half-width, from the printed interval.
fn half_widths(csv: &Csv) -> Vec<f64> {
    csv.rows
        .iter()
        .map(|r| {
            let p = num(&r[csv.col("probability")]);
            let (lo, hi) = (num(&r[csv.col("ci_low")]), num(&r[csv.col("ci_high")]));
            (p - lo).max(hi - p)
        })
        .collect()
}

#[test]
fn target_ci_runs_until_every_interval_is_narrow_enough() {
    let dir = TempDir::new("target-ci");
    let args = [
        "run",
        "baseline-2025",
        "--target-ci",
        "0.005",
        "--seed",
        "3",
    ];
    let out = dir.run(&[&args[..], &["--threads", "2"]].concat());
    out.success().stderr_has("to a half-width of 0.005");
    let csv = Csv::parse(&out.stdout);
    let runs = num(csv.column("runs")[0]);
    assert!(runs > 10_000.0 && runs % 10_000.0 == 0.0, "{runs}");
    // Rounding to six decimals can add 1e-6.
    assert!(half_widths(&csv).iter().all(|h| *h <= 0.005 + 1e-6));
    // The result depends on the seed and W, not the threads.
    let one = dir.run(&[&args[..], &["--threads", "1"]].concat());
    assert_eq!(one.stdout, out.stdout);
    // It is the plain run of that many runs.
    let plain = dir.run(&[
        "run",
        "baseline-2025",
        "--runs",
        &format!("{runs}"),
        "--seed",
        "3",
    ]);
    assert_eq!(plain.stdout, out.stdout);

    // A sweep: each point stops on its own.
    let out = dir.run(&[
        "sweep",
        "baseline-2025",
        "--vary",
        "lifeline.probability=0,0.5",
        "--target-ci",
        "0.008",
        "--max-runs",
        "30000",
    ]);
    out.success();
    let csv = Csv::parse(&out.stdout);
    for (r, h) in csv.rows.iter().zip(half_widths(&csv)) {
        assert!(h <= 0.008 + 1e-6 || r[csv.col("runs")] == "30000", "{r:?}");
    }
    // The cap stops a target that cannot be reached.
    let out = dir.run(&["run", "--target-ci", "0.0001", "--max-runs", "20000"]);
    out.success();
    assert!(
        Csv::parse(&out.stdout)
            .column("runs")
            .iter()
            .all(|r| *r == "20000")
    );
}

#[test]
fn quantile_columns_follow_the_contract_columns() {
    let dir = TempDir::new("quantiles");
    let out = dir.run(&["run", "--runs", "3000", "--seed", "2"]);
    out.success();
    let csv = Csv::parse(&out.stdout);
    let at = |row: usize, c: &str| csv.rows[row][csv.col(c)].clone();
    assert_eq!(
        csv.header[csv.header.len() - 6..].join(","),
        "round_p10,round_p50,round_p90,terms_p10,terms_p50,terms_p90"
    );
    for row in 0..4 {
        let q: Vec<f64> = ["round_p10", "round_p50", "round_p90"]
            .iter()
            .map(|c| num(&at(row, c)))
            .collect();
        assert!(q[0] <= q[1] && q[1] <= q[2] && q[2] <= 48.0, "{q:?}");
    }
    // muddle_through ends at the horizon; only deals have terms.
    assert_eq!(at(3, "round_p10"), "48");
    assert_eq!(at(3, "terms_p50"), "");
    let t: Vec<f64> = ["terms_p10", "terms_p50", "terms_p90"]
        .iter()
        .map(|c| num(&at(0, c)))
        .collect();
    assert!(t[0] <= t[1] && t[1] <= t[2] && t[2] < 1.0, "{t:?}");
    assert!((t[1] - num(&at(0, "mean_terms"))).abs() < 0.05);
}

#[test]
fn json_and_table_formats() {
    let dir = TempDir::new("formats");
    let csv = dir.run(&[
        "sweep",
        "baseline-2025",
        "--vary",
        "us.policy=maximum_pressure,engagement",
        "--runs",
        "500",
    ]);
    let json = dir.run(&[
        "sweep",
        "baseline-2025",
        "--vary",
        "us.policy=maximum_pressure,engagement",
        "--runs",
        "500",
        "--format",
        "json",
        "--out",
        "s.json",
    ]);
    json.success();
    let text = dir.read("s.json");
    let csv = Csv::parse(&csv.stdout);
    let objects: Vec<&str> = text.lines().filter(|l| l.starts_with("  {")).collect();
    assert_eq!(objects.len(), csv.rows.len());
    for (o, r) in objects.iter().zip(&csv.rows) {
        assert!(o.contains(&format!("\"us.policy\": \"{}\"", r[csv.col("us.policy")])));
        assert!(o.contains(&format!("\"probability\": {},", r[csv.col("probability")])));
        if r[csv.col("mean_round")].is_empty() {
            assert!(o.contains("\"mean_round\": null"));
        }
    }
    let table = dir.run(&["run", "--runs", "300", "--format", "table"]);
    table.success().stdout_has("muddle_through");
    assert_eq!(table.stdout.lines().count(), 6);
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = TempDir::new("progress");
    let out = dir.run(&["run", "--runs", "400000"]);
    out.success();
    assert!(
        !out.stderr.contains('\r') && !out.stderr.contains("[#"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1);
}

#[test]
fn bad_precision_flags_are_refused() {
    let dir = TempDir::new("target-bad");
    let o = ["--out", "x.csv"];
    for (args, needle) in [
        (&["run", "--target-ci", "0"][..], "(0, 0.5]"),
        (&["run", "--target-ci", "0.6"], "(0, 0.5]"),
        (&["run", "--target-ci", "-0.1"], "(0, 0.5]"),
        (&["run", "--target-ci", "abc"], "(0, 0.5]"),
        (&["run", "--target-ci", "NaN"], "(0, 0.5]"),
        (
            &["run", "--target-ci", "0.01", "--runs", "5"],
            "drop --runs",
        ),
        (
            &["run", "--target-ci", "0.01", "--max-runs", "0"],
            "--max-runs",
        ),
        (
            &["run", "--target-ci", "0.01", "--max-runs", "x"],
            "--max-runs",
        ),
        (&["run", "--max-runs", "100"], "give --target-ci"),
        (
            &["run", "--target-ci", "0.01", "--shard", "0/2"],
            "cannot be sharded",
        ),
        (
            &["run", "--format", "json", "--shard", "0/2"],
            "drop --format",
        ),
        (&["run", "--format", "yaml"], "yaml"),
    ] {
        refused(&dir.run(&[args, &o[..]].concat()), needle);
    }
    assert!(!dir.exists("x.csv"));
    assert!(dir.entries().is_empty(), "{:?}", dir.entries());
}
