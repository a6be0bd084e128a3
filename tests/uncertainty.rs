//! The uncertainty verbs, driven through the binary: `sensitivity`,
//! `explore`, `run --uncertain`, `check` of an `[uncertainty]` table and
//! `merge` of explore parts. Formats, determinism across threads and shards,
//! and the analytic functions; bad input is in `tests/bad_input.rs`.

mod common;

use common::{Csv, OUTCOMES, TempDir, num};

const SOBOL_HEAD: [&str; 8] = [
    "parameter",
    "outcome",
    "S1",
    "S1_low",
    "S1_high",
    "ST",
    "ST_low",
    "ST_high",
];
const MORRIS_HEAD: [&str; 6] = [
    "parameter",
    "outcome",
    "mu",
    "mu_star",
    "sigma",
    "mu_star_conf",
];

/// A small uncertain scenario: three keys of three kinds.
const SMALL: &str = "[scenario]\nname = \"small\"\nruns = 40\nseed = 11\n\n\
[uncertainty]\n\"iran.resilience\" = { dist = \"triangular\", low = 0.35, mode = 0.45, high = 0.55 }\n\
\"lifeline.probability\" = { low = 0.02, high = 0.1 }\n\
\"us.policy\" = [\"maximum_pressure\", \"pressure_and_engage\"]\n";

#[test]
fn sobol_on_ishigami_has_the_contract_columns_and_the_analytic_values() {
    let dir = TempDir::new("sens-ishigami");
    let out = dir.run(&["sensitivity", "--function", "ishigami", "--samples", "4096"]);
    out.success().stderr_has("sobol on ishigami");
    let csv = Csv::parse(&out.stdout);
    assert_eq!(csv.header[..8], SOBOL_HEAD);
    assert_eq!(csv.column("parameter"), ["x1", "x2", "x3"]);
    assert_eq!(csv.column("outcome"), ["y", "y", "y"]);
    let analytic = [(0.3139, 0.5576), (0.4424, 0.4424), (0.0, 0.2437)];
    for (row, (s1, st)) in csv.rows.iter().zip(analytic) {
        let f = |c: &str| num(&row[csv.col(c)]);
        assert!(
            f("S1_low") - 1e-4 <= s1 && s1 <= f("S1_high") + 1e-4,
            "{row:?}"
        );
        assert!(
            f("ST_low") - 1e-4 <= st && st <= f("ST_high") + 1e-4,
            "{row:?}"
        );
        assert!(f("S1_low") <= f("S1") && f("S1") <= f("S1_high"));
    }
    // The same bytes on one thread, and in JSON the same numbers.
    let one = dir.run(&[
        "sensitivity",
        "--function",
        "ishigami",
        "--samples",
        "4096",
        "--threads",
        "1",
    ]);
    one.success();
    assert_eq!(one.stdout, out.stdout);
    let json = dir.run(&[
        "sensitivity",
        "--function",
        "ishigami",
        "--samples",
        "4096",
        "--format",
        "json",
    ]);
    json.success().stdout_has("\"parameter\": \"x1\"");
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v[0]["S1"].as_f64().unwrap(), num(&csv.rows[0][2]));
}

#[test]
fn sobol_g_total_indices_follow_the_coefficients() {
    let dir = TempDir::new("sens-g");
    let out = dir.run(&[
        "sensitivity",
        "--function",
        "sobol-g",
        "--samples",
        "2048",
        "--seed",
        "3",
        "--out",
        "g.csv",
        "-q",
    ]);
    out.success();
    assert!(out.stderr.is_empty());
    let csv = Csv::parse(&dir.read("g.csv"));
    let st: Vec<f64> = csv.column("ST").iter().map(|x| num(x)).collect();
    assert_eq!(st.len(), 8);
    // a = 0, 1, 4.5, 9, 99...: importance falls with a.
    assert!(st[0] > st[1] && st[1] > st[2] && st[2] > st[3] && st[3] > st[4]);
    assert!(st[4..].iter().all(|x| *x < 0.01));
}

#[test]
fn morris_has_the_contract_columns() {
    let dir = TempDir::new("morris");
    let out = dir.run(&[
        "sensitivity",
        "--function",
        "sobol-g",
        "--method",
        "morris",
        "--samples",
        "60",
        "--levels",
        "6",
    ]);
    out.success()
        .stderr_has("60 trajectories x 9 = 540 evaluations");
    let csv = Csv::parse(&out.stdout);
    assert_eq!(csv.header[..6], MORRIS_HEAD);
    assert_eq!(csv.rows.len(), 8);
    let mu_star: Vec<f64> = csv.column("mu_star").iter().map(|x| num(x)).collect();
    assert!(mu_star[0] > mu_star[3] && mu_star[3] > mu_star[7]);
    let table = dir.run(&[
        "sensitivity",
        "--function",
        "sobol-g",
        "--method",
        "morris",
        "--samples",
        "60",
        "--levels",
        "6",
        "--format",
        "table",
    ]);
    table.success().stdout_has("mu_star_conf");
    // Levels belong to Morris' grid: a Sobol' design refuses them rather
    // than ignore them.
    dir.run(&["sensitivity", "--function", "sobol-g", "--levels", "6"])
        .refused("--levels sets the grid of --method morris");
}

#[test]
fn sensitivity_of_a_scenario_is_thread_invariant_and_noise_aware() {
    let dir = TempDir::new("sens-scenario");
    dir.write("small.toml", SMALL);
    let args = [
        "sensitivity",
        "small.toml",
        "--samples",
        "16",
        "--resamples",
        "50",
    ];
    let two = dir.run(&[&args[..], &["--threads", "2"]].concat());
    two.success()
        .stderr_has("3 parameters, 16 base samples x 5 = 80 evaluations x 40 runs");
    let one = dir.run(&[&args[..], &["--threads", "1"]].concat());
    one.success();
    assert_eq!(one.stdout, two.stdout);
    let csv = Csv::parse(&two.stdout);
    assert_eq!(csv.header[..8], SOBOL_HEAD);
    assert_eq!(csv.rows.len(), 3 * 4);
    let outcomes: Vec<&str> = csv.column("outcome").into_iter().step_by(3).collect();
    assert_eq!(outcomes, OUTCOMES);
    assert_eq!(
        csv.column("parameter")[..3],
        ["iran.resilience", "lifeline.probability", "us.policy"]
    );
    for share in csv.column("noise_share") {
        if !share.is_empty() {
            assert!((0.0..=1.0).contains(&num(share)));
        }
    }
    // Morris on the same scenario.
    let m = dir.run(&[
        "sensitivity",
        "small.toml",
        "--method",
        "morris",
        "--samples",
        "10",
    ]);
    m.success();
    let csv = Csv::parse(&m.stdout);
    assert_eq!(csv.header[..6], MORRIS_HEAD);
    assert!(csv.column("noise").iter().all(|x| num(x) >= 0.0));
    // A key fixed by --set is no longer uncertain.
    let fixed = dir.run(&[
        "sensitivity",
        "small.toml",
        "--samples",
        "8",
        "--set",
        "us.policy=engagement",
    ]);
    fixed.success().stderr_has("2 parameters");
}

#[test]
fn explore_writes_one_row_per_sample_whatever_the_threads_and_shards() {
    let dir = TempDir::new("explore");
    dir.write("small.toml", SMALL);
    for design in ["lhs", "sobol", "random"] {
        let out = dir.run(&[
            "explore",
            "small.toml",
            "--samples",
            "12",
            "--design",
            design,
            "--out",
            "all.csv",
        ]);
        out.success().stderr_has(&format!(
            "12 samples ({design} design) of 3 uncertain keys x 40 runs"
        ));
        let text = dir.read("all.csv");
        let csv = Csv::parse(&text);
        assert_eq!(
            csv.header,
            [
                "sample",
                "iran.resilience",
                "lifeline.probability",
                "us.policy",
                "deal",
                "regime_crisis",
                "war",
                "muddle_through",
                "runs",
                "mean_round"
            ]
        );
        assert_eq!(
            csv.column("sample"),
            (0..12).map(|i| i.to_string()).collect::<Vec<_>>()
        );
        for row in &csv.rows {
            let shares: f64 = (4..8).map(|i| num(&row[i])).sum();
            assert!((shares - 1.0).abs() < 1e-5, "{row:?}");
            let r = num(&row[1]);
            assert!((0.35..=0.55).contains(&r));
            assert!(row[3] == "maximum_pressure" || row[3] == "pressure_and_engage");
        }
        let one = dir.run(&[
            "explore",
            "small.toml",
            "--samples",
            "12",
            "--design",
            design,
            "--threads",
            "1",
        ]);
        one.success();
        assert_eq!(one.stdout, text, "{design}: threads changed the bytes");
        let mut parts = Vec::new();
        for i in 0..5 {
            let part = format!("{design}-{i}.part");
            dir.run(&[
                "explore",
                "small.toml",
                "--samples",
                "12",
                "--design",
                design,
                "--shard",
                &format!("{i}/5"),
                "--out",
                &part,
            ])
            .success();
            parts.push(part);
        }
        let mut merge = vec!["merge"];
        merge.extend(parts.iter().map(String::as_str));
        let merged = dir.run(&merge);
        merged.success();
        assert_eq!(merged.stdout, text, "{design}: merged shards differ");
        // A missing shard is refused, and named.
        let missing = dir.run(&merge[..merge.len() - 1]);
        missing.refused("1 of 5 shards missing (4/5)");
    }
}

#[test]
fn the_same_run_indices_play_at_every_sample() {
    // Common random numbers: a sample whose values equal the nominal ones
    // gives exactly the nominal run's shares.
    let dir = TempDir::new("crn");
    dir.write(
        "one.toml",
        "[scenario]\nname = \"one\"\nruns = 300\nseed = 5\n[uncertainty]\n\"us.policy\" = [\"maximum_pressure\"]\n",
    );
    let e = dir.run(&["explore", "one.toml", "--samples", "2"]);
    e.success();
    let r = dir.run(&["run", "one.toml", "-q"]);
    r.success();
    let explore = Csv::parse(&e.stdout);
    let run = Csv::parse(&r.stdout);
    for (k, outcome) in OUTCOMES.iter().enumerate() {
        let p = num(&run.rows[k][run.col("probability")]);
        assert_eq!(num(explore.column(outcome)[0]), p);
        assert_eq!(num(explore.column(outcome)[1]), p);
    }
}

#[test]
fn run_uncertain_draws_per_run_and_shards_exactly() {
    let dir = TempDir::new("run-uncertain");
    dir.write("small.toml", SMALL);
    let whole = dir.run(&[
        "run",
        "small.toml",
        "--uncertain",
        "--runs",
        "3000",
        "--out",
        "whole.csv",
    ]);
    whole.success().stderr_has("3 uncertain keys drawn per run");
    let one = dir.run(&[
        "run",
        "small.toml",
        "--uncertain",
        "--runs",
        "3000",
        "--threads",
        "1",
    ]);
    one.success();
    assert_eq!(one.stdout, dir.read("whole.csv"));
    let nominal = dir.run(&["run", "small.toml", "--runs", "3000"]);
    nominal
        .success()
        .stderr_has("this run played the nominal values");
    assert_ne!(nominal.stdout, one.stdout);
    for i in 0..3 {
        dir.run(&[
            "run",
            "small.toml",
            "--uncertain",
            "--runs",
            "3000",
            "--shard",
            &format!("{i}/3"),
            "--out",
            &format!("p{i}.csv"),
        ])
        .success();
    }
    let merged = dir.run(&["merge", "p0.csv", "p1.csv", "p2.csv"]);
    merged.success();
    assert_eq!(merged.stdout, dir.read("whole.csv"));
    // Parts of the plain run are another job.
    dir.run(&[
        "run",
        "small.toml",
        "--runs",
        "3000",
        "--shard",
        "2/3",
        "--out",
        "plain.csv",
    ])
    .success();
    dir.run(&["merge", "p0.csv", "p1.csv", "plain.csv"])
        .refused("parts of different jobs");
}

#[test]
fn check_prints_the_table_as_a_valid_scenario() {
    let dir = TempDir::new("check-uncertain");
    let out = dir.run(&["check", "baseline-2025-uncertain"]);
    out.success()
        .stdout_has("[uncertainty]\n\"iran.resilience\" = { dist = \"triangular\", low = 0.35, mode = 0.45, high = 0.55 }")
        .stdout_has("# 20 uncertain keys");
    dir.write("resolved.toml", &out.stdout);
    let again = dir.run(&["check", "resolved.toml"]);
    again.success();
    let table = |s: &str| s[s.find("[uncertainty]").unwrap()..].to_string();
    assert_eq!(table(&again.stdout), table(&out.stdout));
    // --uncertain-defaults adds the schema's plausible ranges for unset keys.
    let d = dir.run(&["check", "baseline-2025", "--uncertain-defaults"]);
    d.success()
        .stdout_has("[uncertainty]")
        .stdout_has("\"deal.concession_cost\" = { low = 0.2, high = 0.4 }");
}

#[test]
fn verbs_without_uncertain_keys_say_how_to_add_them() {
    let dir = TempDir::new("no-table");
    dir.run(&["explore", "baseline-2025", "--samples", "4"])
        .refused("no uncertain keys");
    dir.run(&["sensitivity", "baseline-2025"])
        .refused("--uncertain-defaults");
    dir.run(&["run", "--uncertain"])
        .refused("add an [uncertainty] table");
    let ok = dir.run(&[
        "explore",
        "baseline-2025",
        "--samples",
        "4",
        "--runs",
        "10",
        "--uncertain-defaults",
    ]);
    ok.success();
    assert!(
        Csv::parse(&ok.stdout)
            .header
            .contains(&"deal.concession_cost".to_string())
    );
}

#[test]
fn explore_and_morris_formats_agree_and_morris_is_thread_invariant() {
    let dir = TempDir::new("explore-formats");
    dir.write("small.toml", SMALL);
    let base = [
        "explore",
        "small.toml",
        "--samples",
        "6",
        "--runs",
        "10",
        "-q",
    ];
    let csv = dir.run(&base);
    csv.success();
    let csv = Csv::parse(&csv.stdout);
    // JSON: one record per row, every field the CSV's.
    let json = dir.run(&[&base[..], &["--format", "json"]].concat());
    json.success();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let records = v.as_array().expect("an array of records");
    assert_eq!(records.len(), csv.rows.len());
    for (r, row) in records.iter().zip(&csv.rows) {
        for (name, field) in csv.header.iter().zip(row) {
            let x = &r[name.as_str()];
            let shown = x.as_str().map_or_else(|| x.to_string(), String::from);
            assert_eq!(num_or(&shown), num_or(field), "{name}");
        }
    }
    // Table: the same header, aligned.
    let table = dir.run(&[&base[..], &["--format", "table"]].concat());
    table
        .success()
        .stdout_has("us.policy")
        .stdout_has("muddle_through");
    assert_eq!(table.stdout.lines().count(), csv.rows.len() + 2);
    // Morris: the same bytes on 1 and 2 threads.
    let morris = |threads: &str| {
        let out = dir.run(&[
            "sensitivity",
            "small.toml",
            "--method",
            "morris",
            "--samples",
            "8",
            "--threads",
            threads,
            "-q",
        ]);
        out.success();
        out.stdout.clone()
    };
    assert_eq!(morris("1"), morris("2"));
}

/// A field as a number when it is one, else as text.
fn num_or(s: &str) -> Result<f64, String> {
    s.parse::<f64>().map_err(|_| s.to_string())
}

/// Writes the parts of `sensitivity small.toml ARGS --shard I/N` for every I,
/// and returns their names.
fn sensitivity_parts(dir: &TempDir, tag: &str, args: &[&str], n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let part = format!("{tag}-{i}.part");
            let shard = format!("{i}/{n}");
            let threads = if i % 2 == 0 { "1" } else { "2" };
            let base = [
                "sensitivity",
                "small.toml",
                "--shard",
                &shard,
                "--out",
                &part,
            ];
            dir.run(&[&base[..], args, &["--threads", threads]].concat())
                .success()
                .stderr_has(&format!("shard {shard}: evaluations"));
            part
        })
        .collect()
}

#[test]
fn sensitivity_shards_merge_to_the_unsharded_bytes() {
    let dir = TempDir::new("sens-shard");
    dir.write("small.toml", SMALL);
    for (method, samples) in [("sobol", "6"), ("morris", "5")] {
        let args = ["--method", method, "--samples", samples, "--runs", "12"];
        let whole = dir.run(&[&["sensitivity", "small.toml"][..], &args, &["-q"]].concat());
        whole.success();
        let csv = Csv::parse(&whole.stdout);
        assert_eq!(csv.rows.len(), 3 * 4, "{method}");
        // More shards than some blocks hold evaluations: 4 and 7.
        for n in [4, 7] {
            let parts = sensitivity_parts(&dir, &format!("{method}{n}"), &args, n);
            let mut merge = vec!["merge"];
            merge.extend(parts.iter().map(String::as_str));
            // In any order.
            merge[1..].reverse();
            let merged = dir.run(&merge);
            merged
                .success()
                .stderr_has(&format!("{n} sensitivity parts"));
            assert_eq!(merged.stdout, whole.stdout, "{method}, {n} shards");
        }
        // The merge's --format is the unsharded run's.
        let parts = sensitivity_parts(&dir, method, &args, 2);
        let json = dir.run(&["merge", &parts[0], &parts[1], "--format", "json", "-q"]);
        json.success();
        let unsharded = dir.run(
            &[
                &["sensitivity", "small.toml"][..],
                &args,
                &["--format", "json", "-q"],
            ]
            .concat(),
        );
        assert_eq!(json.stdout, unsharded.stdout, "{method} json");
    }
}

#[test]
fn sensitivity_parts_of_other_jobs_twice_or_missing_are_refused() {
    let dir = TempDir::new("sens-shard-bad");
    dir.write("small.toml", SMALL);
    let args = ["--samples", "4", "--runs", "6"];
    let parts = sensitivity_parts(&dir, "a", &args, 3);
    let (p0, p1, p2) = (&parts[0], &parts[1], &parts[2]);
    dir.run(&["merge", p0, p1, p2, "--out", "ok.csv"]).success();
    // Missing, named; --allow-partial cannot help.
    dir.run(&["merge", p0, p2, "--out", "m.csv"])
        .refused("1 of 3 shards missing (1/3); merge them all");
    dir.run(&["merge", p0, p1, "--allow-partial", "--out", "m.csv"])
        .refused("needs every evaluation");
    // Twice.
    dir.run(&["merge", p0, p1, p1, p2, "--out", "m.csv"])
        .refused("shard 1/3 is given twice");
    // Another job: other runs, seed, method, samples, levels or shard count.
    let foreign = [
        ["--samples", "4", "--runs", "7"],
        ["--samples", "4", "--seed", "12"],
        ["--samples", "5", "--runs", "6"],
        ["--method", "morris", "--runs", "6"],
    ];
    for (j, other) in foreign.iter().enumerate() {
        let q = sensitivity_parts(&dir, &format!("f{j}"), other, 3);
        dir.run(&["merge", p0, p1, &q[2], "--out", "m.csv"])
            .refused("belongs to another job than");
    }
    let four = sensitivity_parts(&dir, "four", &args, 4);
    dir.run(&["merge", p0, p1, &four[2], "--out", "m.csv"])
        .refused("belongs to another job than");
    // Another scenario.
    dir.write("other.toml", &SMALL.replace("high = 0.1", "high = 0.2"));
    dir.run(&[
        "sensitivity",
        "other.toml",
        "--samples",
        "4",
        "--runs",
        "6",
        "--shard",
        "2/3",
        "--out",
        "other.part",
    ])
    .success();
    dir.run(&["merge", p0, p1, "other.part", "--out", "m.csv"])
        .refused("belongs to another job than");
    // A count edited by hand.
    let text = dir.read(p1);
    let line = text.lines().nth(14).unwrap().to_string();
    let mut fields: Vec<u64> = line.split(',').map(|f| f.parse().unwrap()).collect();
    fields[3] += 1;
    let edited: Vec<String> = fields.iter().map(u64::to_string).collect();
    dir.write("edited.part", &text.replacen(&line, &edited.join(","), 1));
    dir.run(&["merge", p0, "edited.part", p2, "--out", "m.csv"])
        .refused("edited.part:15:1: expected evaluation");
    let last = text.trim_end().rfind('\n').unwrap();
    dir.write("cut.part", &text[..=last]);
    dir.run(&["merge", p0, "cut.part", p2, "--out", "m.csv"])
        .refused("truncated");
    assert!(!dir.exists("m.csv"));
    // Bad --shard and what it needs.
    for (shard, needle) in [
        ("3/3", "is not I/N"),
        ("1", "is not I/N"),
        ("0/0", "is not I/N"),
    ] {
        dir.run(&[
            "sensitivity",
            "small.toml",
            "--shard",
            shard,
            "--out",
            "s.part",
        ])
        .refused(needle);
    }
    dir.run(&["sensitivity", "small.toml", "--shard", "0/2"])
        .refused("--shard writes a part: give it a file with --out PART");
    dir.run(&[
        "sensitivity",
        "small.toml",
        "--shard",
        "0/2",
        "--format",
        "json",
        "--out",
        "s.part",
    ])
    .refused("drop --format");
    dir.run(&[
        "sensitivity",
        "--function",
        "ishigami",
        "--shard",
        "0/2",
        "--out",
        "s.part",
    ])
    .refused("cannot be used with '--shard");
    assert!(!dir.exists("s.part"));
}
