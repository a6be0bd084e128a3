//! `catch22 compare`: summary CSVs (independent samples, Newcombe's interval),
//! scenarios (paired under common random numbers), point matching, formats
//! and refusals.

mod common;

use common::{Csv, OUTCOMES, TempDir, num};

/// A minimal summary CSV: one point, the given counts of the four outcomes.
fn summary(keys: &[(&str, &str)], points: &[[u64; 4]]) -> String {
    let mut s = String::from("scenario,point,");
    for (k, _) in keys {
        s.push_str(k);
        s.push(',');
    }
    s.push_str("outcome,runs,count,probability\n");
    for (i, counts) in points.iter().enumerate() {
        let runs: u64 = counts.iter().sum();
        for (o, c) in OUTCOMES.iter().zip(counts) {
            s.push_str(&format!("t,{i},"));
            for (_, v) in keys {
                s.push_str(&format!("{v}{i},"));
            }
            s.push_str(&format!("{o},{runs},{c},{}\n", *c as f64 / runs as f64));
        }
    }
    s
}

fn refused(out: &common::Output, needle: &str) {
    out.refused(needle);
}

/// Newcombe (1998a), Table II, method 10: B 56/70 against A 48/80 gives
/// 0.2 (0.0524 to 0.3339); 5/56 against 0/29 gives 0.0893 (−0.0381 to 0.1926).
#[test]
fn csv_against_csv_uses_newcombes_interval() {
    let dir = TempDir::new("compare-csv");
    dir.write("a.csv", &summary(&[], &[[48, 32, 0, 0]]));
    dir.write("b.csv", &summary(&[], &[[56, 14, 0, 0]]));
    let out = dir.run(&["compare", "a.csv", "b.csv"]);
    out.success();
    let csv = Csv::parse(&out.stdout);
    assert_eq!(
        csv.header[..9].join(","),
        "point,outcome,p_a,p_b,diff,diff_low,diff_high,chi2_p,tvd"
    );
    let deal = &csv.rows[0];
    assert_eq!(deal[csv.col("outcome")], "deal");
    assert!((num(&deal[csv.col("diff")]) - 0.2).abs() < 1e-6);
    assert!((num(&deal[csv.col("diff_low")]) - 0.0524).abs() < 5e-5);
    assert!((num(&deal[csv.col("diff_high")]) - 0.3339).abs() < 5e-5);
    assert_eq!(deal[csv.col("interval")], "newcombe");
    // chi2_p and tvd repeat on every row of the point; two outcomes are
    // empty in both, so df = 1.
    assert!(csv.column("tvd").iter().all(|t| *t == "0.200000"));
    assert!(csv.column("df").iter().all(|d| *d == "1"));
    // scipy.stats.chi2_contingency([[48, 32], [56, 14]], correction=False)
    // (scipy 1.17.1) gives statistic 7.023411..., p = 0.008045081...
    assert_eq!(csv.column("chi2_p")[0], "0.008045");
    assert_eq!(csv.column("chi2")[0], "7.023411");

    dir.write("c.csv", &summary(&[], &[[0, 29, 0, 0]]));
    dir.write("d.csv", &summary(&[], &[[5, 51, 0, 0]]));
    let csv = Csv::parse(&dir.run(&["compare", "c.csv", "d.csv"]).stdout);
    assert!((num(&csv.rows[0][csv.col("diff_low")]) + 0.0381).abs() < 5e-5);
    assert!((num(&csv.rows[0][csv.col("diff_high")]) - 0.1926).abs() < 5e-5);
}

#[test]
fn sweeps_match_points_by_their_values() {
    let dir = TempDir::new("compare-sweep");
    let job = |seed: &str, order: [&str; 2], out: &str| {
        dir.run(&[
            "sweep",
            "baseline-2025",
            "--vary",
            order[0],
            "--vary",
            order[1],
            "--runs",
            "300",
            "--seed",
            seed,
            "--out",
            out,
            "-q",
        ])
        .success();
    };
    let lp = "lifeline.probability=0:0.5:3";
    let up = "us.policy=maximum_pressure,engagement";
    job("1", [lp, up], "a.csv");
    // B varies the keys in the other order: its points are numbered differently.
    job("2", [up, lp], "b.csv");
    let out = dir.run(&["compare", "a.csv", "b.csv", "--out", "cmp.csv"]);
    out.success();
    let csv = Csv::parse(&dir.read("cmp.csv"));
    assert_eq!(
        csv.header[..11].join(","),
        "point,lifeline.probability,us.policy,outcome,p_a,p_b,diff,diff_low,diff_high,chi2_p,tvd"
    );
    assert_eq!(csv.rows.len(), 6 * 4);
    // Each row's p_b is B's probability at the same parameter values.
    let b = Csv::parse(&dir.read("b.csv"));
    for r in &csv.rows {
        let m = b
            .rows
            .iter()
            .find(|x| {
                x[b.col("lifeline.probability")] == r[1]
                    && x[b.col("us.policy")] == r[2]
                    && x[b.col("outcome")] == r[3]
            })
            .expect("matching row");
        assert_eq!(m[b.col("probability")], r[csv.col("p_b")]);
        let (lo, hi, d) = (num(&r[7]), num(&r[8]), num(&r[6]));
        assert!(lo <= d && d <= hi);
    }
}

#[test]
fn scenarios_are_paired_on_common_random_numbers() {
    let dir = TempDir::new("compare-paired");
    let args = [
        "compare",
        "baseline-2025",
        "hardliner-surge",
        "--runs",
        "2000",
        "--seed",
        "5",
    ];
    let out = dir.run(&args);
    out.success().stderr_has("paired");
    let csv = Csv::parse(&out.stdout);
    assert!(
        csv.column("interval")
            .iter()
            .all(|m| *m == "newcombe_paired")
    );
    assert!(csv.column("runs_a").iter().all(|m| *m == "2000"));
    // p_a is exactly what `run` reports for A with the same runs and seed.
    let a = Csv::parse(
        &dir.run(&["run", "baseline-2025", "--runs", "2000", "--seed", "5"])
            .stdout,
    );
    assert_eq!(csv.column("p_a"), a.column("probability"));
    // Thread count does not matter.
    let one = dir.run(&[&args[..], &["--threads", "1"]].concat());
    assert_eq!(one.stdout, out.stdout);
    // A scenario against itself: no difference, and an interval of a few
    // thousandths around 0 (Newcombe's phi keeps a small continuity margin).
    let same = dir.run(&["compare", "jcpoa-2015", "jcpoa-2015", "--runs", "500"]);
    let csv = Csv::parse(&same.stdout);
    for r in &csv.rows {
        assert_eq!(num(&r[csv.col("diff")]), 0.0);
        let (lo, hi) = (num(&r[csv.col("diff_low")]), num(&r[csv.col("diff_high")]));
        assert!(
            (-0.01..=0.0).contains(&lo) && (0.0..=0.01).contains(&hi),
            "{lo} {hi}"
        );
        assert_eq!(r[csv.col("chi2_p")], "1.000000");
        assert_eq!(r[csv.col("tvd")], "0.000000");
    }
    // Paired intervals are narrower than the independent ones of the same
    // counts written to CSV.
    dir.run(&[
        "run",
        "baseline-2025",
        "--runs",
        "2000",
        "--seed",
        "5",
        "--out",
        "a.csv",
    ])
    .success();
    dir.run(&[
        "run",
        "hardliner-surge",
        "--runs",
        "2000",
        "--seed",
        "5",
        "--out",
        "b.csv",
    ])
    .success();
    let ind = Csv::parse(&dir.run(&["compare", "a.csv", "b.csv"]).stdout);
    let pair = Csv::parse(&out.stdout);
    let width = |c: &Csv, i: usize| {
        num(&c.rows[i][c.col("diff_high")]) - num(&c.rows[i][c.col("diff_low")])
    };
    for i in 0..4 {
        assert_eq!(ind.rows[i][ind.col("diff")], pair.rows[i][pair.col("diff")]);
        assert!(width(&pair, i) < width(&ind, i), "row {i}");
    }
}

#[test]
fn table_and_json_formats() {
    let dir = TempDir::new("compare-formats");
    let out = dir.run(&[
        "compare",
        "baseline-2025",
        "jcpoa-2015",
        "--runs",
        "400",
        "--format",
        "table",
    ]);
    out.success()
        .stdout_has("95% interval")
        .stdout_has("muddle_through");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2 + 4);
    assert!(lines[1].chars().all(|c| c == '-' || c == ' '));

    let json = dir.run(&[
        "compare",
        "baseline-2025",
        "jcpoa-2015",
        "--runs",
        "400",
        "--format",
        "json",
    ]);
    json.success();
    let csv = dir.run(&["compare", "baseline-2025", "jcpoa-2015", "--runs", "400"]);
    let text = json.stdout.trim();
    assert!(
        text.starts_with("[\n  {") && text.ends_with("}\n]"),
        "{text}"
    );
    // One object per CSV row, with the same values.
    let csv = Csv::parse(&csv.stdout);
    let objects: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with('{'))
        .collect();
    assert_eq!(objects.len(), csv.rows.len());
    for (obj, row) in objects.iter().zip(&csv.rows) {
        assert!(obj.contains(&format!("\"outcome\": \"{}\"", row[csv.col("outcome")])));
        assert!(obj.contains(&format!("\"diff_low\": {},", row[csv.col("diff_low")])));
        assert!(obj.contains("\"interval\": \"newcombe_paired\""));
    }
}

#[test]
fn bad_comparisons_are_refused() {
    let dir = TempDir::new("compare-bad");
    dir.write(
        "k1.csv",
        &summary(&[("iran.leverage", "0.")], &[[1, 1, 1, 1]]),
    );
    dir.write(
        "k2.csv",
        &summary(&[("us.pressure", "0.")], &[[1, 1, 1, 1]]),
    );
    dir.write(
        "two.csv",
        &summary(&[("iran.leverage", "0.")], &[[1, 1, 1, 1], [2, 2, 2, 2]]),
    );
    refused(
        &dir.run(&["compare", "k1.csv", "k2.csv", "--out", "x.csv"]),
        "vary different keys",
    );
    refused(
        &dir.run(&["compare", "two.csv", "k1.csv", "--out", "x.csv"]),
        "point 1 of A (iran.leverage=0.1) has no match in B",
    );
    refused(&dir.run(&["compare", "k1.csv", "two.csv"]), "point 1 of B");
    refused(
        &dir.run(&["compare", "k1.csv", "k1.csv", "--runs", "5"]),
        "apply to scenarios",
    );
    refused(
        &dir.run(&["compare", "k1.csv", "nope"]),
        "no shipped scenario",
    );
    refused(
        &dir.run(&["compare", "k1.csv", "k1.csv", "--format", "xml"]),
        "xml",
    );
    refused(
        &dir.run(&["compare", "k1.csv", "k1.csv", "--out", "k1.csv"]),
        "is the input",
    );
    dir.write(
        "junk.csv",
        "scenario,point,outcome,runs,count\nt,0,deal,10,3\n",
    );
    refused(
        &dir.run(&["compare", "junk.csv", "k1.csv"]),
        "four outcomes",
    );
    assert!(!dir.exists("x.csv"));
    assert!(!dir.entries().iter().any(|e| e.ends_with(".tmp")));
}
