//! Every verb that reads a CSV written by catch22 (a summary, an analysis, a
//! samples file) reads the same output written with `--format json`, and
//! gets the same answer; malformed JSON records are one `error:` line naming
//! the file, line and column, exit code 2.

mod common;

use common::TempDir;

#[test]
fn json_outputs_read_as_their_csv() {
    let dir = TempDir::new("json-inputs");
    for (format, out) in [("csv", "run.csv"), ("json", "run.json")] {
        dir.run(&[
            "run", "--runs", "300", "--seed", "4", "--format", format, "--out", out, "-q",
        ])
        .success();
    }
    // compare: the JSON side is the CSV side, so every difference is 0.
    let both = dir.run(&["compare", "run.json", "run.csv", "--format", "csv"]);
    both.success();
    let same = dir.run(&["compare", "run.csv", "run.csv", "--format", "csv"]);
    assert_eq!(both.stdout, same.stdout);
    // discover: samples written as JSON give the CSV's trajectory, byte for byte.
    for (format, out) in [("csv", "s.csv"), ("json", "s.json")] {
        dir.run(&[
            "explore",
            "baseline-2025-uncertain",
            "--samples",
            "40",
            "--runs",
            "20",
            "--format",
            format,
            "--out",
            out,
            "-q",
        ])
        .success();
    }
    for s in ["s.csv", "s.json"] {
        dir.run(&[
            "discover",
            s,
            "--outcome",
            "deal",
            "--threshold",
            "0.25",
            "--out",
            &format!("{s}.traj.csv"),
            "--no-meta",
        ])
        .success();
    }
    assert_eq!(dir.read("s.csv.traj.csv"), dir.read("s.json.traj.csv"));
    // report: a summary and an analysis in JSON are drawn.
    dir.run(&[
        "sensitivity",
        "--function",
        "ishigami",
        "--samples",
        "64",
        "--format",
        "json",
        "--out",
        "sobol.json",
        "-q",
    ])
    .success();
    dir.run(&["report", "run.json", "sobol.json", "--out", "r.html", "-q"])
        .success();
    let page = dir.read("r.html");
    assert!(page.contains("<svg"), "no chart drawn");
}

#[test]
fn malformed_json_records_are_one_line_naming_the_place() {
    let dir = TempDir::new("json-bad");
    dir.run(&["run", "--runs", "50", "--out", "run.csv", "-q"])
        .success();
    let cases = [
        (
            "keys.json",
            "[{\"a\": 1},\n {\"b\": 2}]",
            "keys.json:2:",
            "record 2 has other keys",
        ),
        (
            "nested.json",
            "[{\"a\": {\"b\": 1}}]",
            "nested.json:1:",
            "a nested value",
        ),
        (
            "cut.json",
            "[{\"outcome\": \"deal\",",
            "cut.json:1:",
            "JSON records",
        ),
    ];
    for (name, text, at, says) in cases {
        dir.write(name, text);
        dir.run(&["compare", name, "run.csv"])
            .refused(at)
            .stderr_has(says);
        dir.run(&["report", name, "--out", "r.html"]).refused(at);
        assert!(!dir.exists("r.html"));
    }
}
