//! Sharded jobs: `--shard I/N` parts merge into a summary byte-identical to
//! the unsharded run, for N below, at and above the number of points; `merge`
//! refuses parts of different jobs, duplicate shards and missing shards.

mod common;

use common::TempDir;

const JOB: [&str; 9] = [
    "sweep",
    "baseline-2025",
    "--vary",
    "lifeline.probability=0:0.5:6",
    "--vary",
    "us.policy=maximum_pressure,engagement",
    "--runs",
    "700",
    "--seed=11",
];

fn shard(dir: &TempDir, job: &[&str], i: u64, n: u64) -> String {
    let name = format!("part-{i}-of-{n}.csv");
    let spec = format!("{i}/{n}");
    let mut args = job.to_vec();
    args.extend(["--shard", &spec, "--out", &name, "--quiet"]);
    dir.run(&args).success();
    name
}

#[test]
fn merged_shards_equal_the_unsharded_run() {
    let dir = TempDir::new("shard");
    let full = dir.run(&JOB);
    full.success();
    // 12 points: fewer, as many, and more shards than points (runs split within points).
    for n in [1u64, 5, 12, 13, 31] {
        let parts: Vec<String> = (0..n).map(|i| shard(&dir, &JOB, i, n)).collect();
        let mut args = vec!["merge"];
        args.extend(parts.iter().map(String::as_str));
        let merged = dir.run(&args);
        merged.success().stderr_has(&format!("({n} shards)"));
        merged.check(
            merged.stdout == full.stdout,
            format!("N = {n}: merged summary differs"),
        );
        // Order of the parts on the command line does not matter.
        let mut rev = vec!["merge", "--out", "merged.csv"];
        rev.extend(parts.iter().rev().map(String::as_str));
        dir.run(&rev).success();
        assert_eq!(dir.read("merged.csv"), full.stdout, "N = {n}, reversed");
    }
}

#[test]
fn a_single_point_job_splits_its_runs() {
    let dir = TempDir::new("shard-run");
    let job = ["run", "jcpoa-2015", "--runs", "1001", "--seed", "3"];
    let full = dir.run(&job);
    full.success();
    let parts: Vec<String> = (0..7).map(|i| shard(&dir, &job, i, 7)).collect();
    let mut args = vec!["merge"];
    args.extend(parts.iter().map(String::as_str));
    let merged = dir.run(&args);
    merged.success();
    assert_eq!(merged.stdout, full.stdout);
}

#[test]
fn merge_refuses_foreign_duplicate_and_missing_parts() {
    let dir = TempDir::new("shard-bad");
    let a0 = shard(&dir, &JOB, 0, 3);
    let a1 = shard(&dir, &JOB, 1, 3);
    let a2 = shard(&dir, &JOB, 2, 3);

    let mut other = JOB.to_vec();
    other[8] = "--seed=12";
    dir.run(&[&other[..], &["--shard", "2/3", "--out", "other.csv", "-q"]].concat())
        .success();

    let bad = |args: &[&str], needle: &str| {
        let mut all = vec!["merge"];
        all.extend_from_slice(args);
        let out = dir.run(&all);
        out.check(out.code() == Some(2), "expected exit code 2")
            .check(out.stderr.starts_with("error: "), "expected an error line")
            .check(out.stdout.is_empty(), "expected no output")
            .stderr_has(needle);
    };
    bad(&[&a0, &a1, "other.csv"], "different jobs");
    bad(&[&a0, &a1, &a1], "both shard 1/3");
    bad(&[&a0, &a2], "missing 1 of 3 shards: 1/3");
    bad(&["nonexistent.csv"], "nonexistent.csv");
    dir.write("junk.csv", "a,b\n1,2\n");
    bad(&["junk.csv"], "not a catch22 partial result");

    // With --allow-partial the summary says how many runs each point really has.
    let out = dir.run(&["merge", &a0, &a2, "--allow-partial", "--out", "partial.csv"]);
    out.success().stderr_has("missing shard(s) (1/3)");
    let csv = common::Csv::parse(&dir.read("partial.csv"));
    let points: std::collections::BTreeSet<&str> = csv.column("point").into_iter().collect();
    assert_eq!(points.len(), 8, "two thirds of the 12 points");
    assert!(csv.column("runs").iter().all(|r| *r == "700"));

    // A shard needs a file; a bad shard is refused before any work.
    let out = dir.run(&[&JOB[..], &["--shard", "1/3"]].concat());
    out.check(out.code() == Some(2), "--shard without --out")
        .stderr_has("--out");
    let out = dir.run(&[&JOB[..], &["--shard", "3/3", "--out", "x.csv"]].concat());
    out.check(out.code() == Some(2), "shard out of range")
        .stderr_has("0 <= I < N");
    assert!(!dir.exists("x.csv"));
}

#[test]
fn merge_with_allow_partial_counts_runs_split_within_points() {
    let dir = TempDir::new("shard-partial-runs");
    let job = ["run", "baseline-2025", "--runs", "90", "--seed", "4"];
    let p0 = shard(&dir, &job, 0, 3);
    let out = dir.run(&["merge", &p0, "--allow-partial"]);
    out.success();
    let csv = common::Csv::parse(&out.stdout);
    assert!(
        csv.column("runs").iter().all(|r| *r == "30"),
        "{}",
        out.stdout
    );
}

/// `merge` writes the summary as the points come out of the merge, a block
/// at a time (it held every point's tally before: 15 GB for a million
/// points): with more points than a block (512), parts given in any order,
/// CSV, JSON and table, it is the unsharded run byte for byte; a part that
/// is bad deep inside is refused with nothing written.
#[test]
fn a_merge_of_many_points_is_written_as_they_come() {
    let dir = TempDir::new("shard-merge-blocks");
    let job = [
        "sweep",
        "baseline-2025",
        "--vary",
        "lifeline.offset=0:1:60",
        "--vary",
        "iran.resilience=0.3:0.9:20",
        "--runs",
        "2",
        "--seed=5",
    ];
    let parts: Vec<String> = (0..5).map(|i| shard(&dir, &job, i, 5)).collect();
    for format in ["csv", "json", "table"] {
        let full = dir.run(&[&job[..], &["--format", format, "-q"]].concat());
        full.success();
        let mut args = vec!["merge", "--format", format];
        // Shards out of order.
        args.extend([4, 1, 0, 3, 2].map(|i| parts[i].as_str()));
        let merged = dir.run(&args);
        merged
            .success()
            .stderr_has("1200 of 1200 points, 2400 runs");
        merged.check(merged.stdout == full.stdout, format!("{format}: differs"));
    }
    // The last range of the last shard counts one run too many.
    let text = dir.read(&parts[4]);
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let last = lines.len() - 1;
    let fields: Vec<&str> = lines[last].split(',').collect();
    let count = fields.iter().position(|f| *f == "muddle_through").unwrap() + 1;
    let mut edited: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
    edited[count] = (edited[count].parse::<u64>().unwrap() + 1).to_string();
    lines[last] = edited.join(",");
    let bad = dir.write("bad.csv", &(lines.join("\n") + "\n"));
    let mut args = vec!["merge"];
    args.extend(parts[..4].iter().map(String::as_str));
    args.push(&bad);
    let out = dir.run(&args);
    out.check(out.code() == Some(2), "expected exit code 2")
        .check(out.stdout.is_empty(), "nothing written")
        .stderr_has("bad.csv:");
}

/// A grid of more points than the engine holds at once (4,096) is played and
/// written block by block: its summary, CSV or JSON, and its per-run file are
/// the bytes of the same grid held whole (a single shard merged), and an
/// invalid point far into the grid is refused before any run, with no file.
#[test]
fn a_grid_played_block_by_block_is_the_grid_held_whole() {
    let dir = TempDir::new("shard-blocks");
    let job = [
        "sweep",
        "baseline-2025",
        "--vary",
        "lifeline.offset=0:1:41",
        "--vary",
        "iran.resilience=0.3:0.9:101",
        "--runs",
        "2",
        "--seed=5",
    ];
    // 4,141 points: one full block and a partial one.
    let streamed = [&job[..], &["-q", "--out", "s.csv", "--per-run", "r.csv"]].concat();
    dir.run(&streamed).success();
    let part = shard(&dir, &job, 0, 1);
    dir.run(&["merge", &part, "--out", "m.csv", "-q"]).success();
    let summary = dir.read("s.csv");
    assert_eq!(summary.lines().count(), 1 + 4 * 4141);
    assert_eq!(summary, dir.read("m.csv"), "streamed vs held whole");
    // The per-run file is that of the grid held whole (an aligned table
    // needs every row, so `--format table` holds the grid).
    let whole = [
        &job[..],
        &[
            "-q",
            "--format",
            "table",
            "--out",
            "t.txt",
            "--per-run",
            "r2.csv",
        ],
    ]
    .concat();
    dir.run(&whole).success();
    let per_run = dir.read("r.csv");
    assert_eq!(per_run.lines().count(), 1 + 2 * 4141);
    assert_eq!(
        per_run,
        dir.read("r2.csv"),
        "per-run, streamed vs held whole"
    );
    // JSON records: the CSV's rows, one record each, in order.
    dir.run(&[&job[..], &["-q", "--format", "json", "--out", "s.json"]].concat())
        .success();
    let json = dir.read("s.json");
    assert!(json.starts_with("[\n  {\"scenario\": \"baseline-2025\", \"point\": 0,"));
    assert!(json.ends_with("}\n]\n"));
    assert_eq!(json.lines().count(), 2 + 4 * 4141);

    // An invalid point (past the first block) is refused before any run.
    let bad = dir.run(&[
        "sweep",
        "equilibrium-2025",
        "--set",
        "equilibrium.grid.resilience=9",
        "--vary",
        "scenario.rounds=48,1200",
        "--vary",
        "lifeline.offset=0:1:4500",
        "--runs",
        "1",
        "--max-points",
        "10000",
        "--out",
        "bad.csv",
    ]);
    bad.refused("at sweep point 4500 (scenario.rounds=1200");
    assert!(!dir.exists("bad.csv"));
}
