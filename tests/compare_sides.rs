//! `compare` per side (issue 11, class 6): `--set-a`/`--set-b`, two points
//! of one sweep, and a warning when both sides are the same.

mod common;

use common::{Csv, TempDir};

#[test]
fn set_b_changes_one_side_only() {
    let dir = TempDir::new("sides");
    let out = dir.run(&[
        "compare",
        "baseline-2025",
        "baseline-2025",
        "--set-b",
        "us.pressure=0.6",
        "--runs",
        "400",
    ]);
    out.success();
    assert!(!out.stderr.contains("identical"), "{out}");
    let c = Csv::parse(&out.stdout);
    let a = Csv::parse(&dir.run(&["run", "--runs", "400"]).stdout);
    let b = Csv::parse(
        &dir.run(&["run", "--runs", "400", "--set", "us.pressure=0.6"])
            .stdout,
    );
    assert_eq!(c.column("p_a"), a.column("probability"));
    assert_eq!(c.column("p_b"), b.column("probability"));
    assert!(c.column("interval").iter().all(|m| *m == "newcombe_paired"));
}

#[test]
fn identical_sides_are_warned_about() {
    let dir = TempDir::new("sides-same");
    let out = dir.run(&["compare", "baseline-2025", "baseline-2025", "--runs", "200"]);
    out.success().stderr_has("warning: A and B are identical");
    dir.run(&["run", "--runs", "200", "--out", "a.csv"])
        .success();
    dir.run(&["compare", "a.csv", "a.csv"])
        .success()
        .stderr_has("warning: A and B are identical");
}

#[test]
fn two_points_of_one_sweep() {
    let dir = TempDir::new("sides-points");
    dir.run(&[
        "sweep",
        "--vary",
        "lifeline.probability=0,0.3",
        "--runs",
        "300",
        "--out",
        "s.csv",
    ])
    .success();
    let s = Csv::parse(&dir.read("s.csv"));
    let by_number = dir.run(&[
        "compare",
        "s.csv",
        "s.csv",
        "--point-a",
        "0",
        "--point-b",
        "1",
    ]);
    by_number.success();
    let c = Csv::parse(&by_number.stdout);
    assert_eq!(c.column("p_a"), s.column("probability")[..4]);
    assert_eq!(c.column("p_b"), s.column("probability")[4..]);
    let by_value = dir.run(&[
        "compare",
        "s.csv",
        "s.csv",
        "--point-a",
        "lifeline.probability=0",
        "--point-b",
        "lifeline.probability=0.3",
    ]);
    assert_eq!(by_value.stdout, by_number.stdout);
    // Points of a scenario's sweep share their random numbers: paired.
    let paired = dir.run(&[
        "compare",
        "baseline-2025",
        "baseline-2025",
        "--vary",
        "lifeline.probability=0,0.3",
        "--point-a",
        "0",
        "--point-b",
        "1",
        "--runs",
        "300",
    ]);
    paired.success();
    let p = Csv::parse(&paired.stdout);
    assert_eq!(p.column("p_a"), c.column("p_a"));
    assert_eq!(p.column("p_b"), c.column("p_b"));
    assert!(p.column("interval").iter().all(|m| *m == "newcombe_paired"));
    // Bad selections.
    dir.run(&[
        "compare",
        "s.csv",
        "s.csv",
        "--point-a",
        "9",
        "--point-b",
        "1",
    ])
    .refused("no point 9");
    dir.run(&["compare", "s.csv", "s.csv", "--point-a", "0"])
        .refused("choose one with --point-b");
    dir.run(&[
        "compare",
        "s.csv",
        "s.csv",
        "--point-a",
        "x=1",
        "--point-b",
        "1",
    ])
    .refused("not a varied key");
    dir.run(&[
        "compare",
        "s.csv",
        "baseline-2025",
        "--set-a",
        "iran.leverage=0.3",
    ])
    .refused("--set-a applies to a scenario");
}
