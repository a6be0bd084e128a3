//! Hardened inputs (issue 11): one test per defect class, one case per
//! example of the issue and per fuzz finding.
//!
//! 1. Sizes are bounded before anything is allocated for them.
//! 2. Tallies read back (merge parts, summary CSVs) are checked against
//!    their invariants.
//! 3. Numerics that would fail silently are made right or refused.
//! 4. Byte-order marks and CRLF line ends read correctly; an error is one
//!    line whatever text it quotes.
//!
//! Every refusal is exit code 2 with one `error:` line naming the file (and
//! line and key where there is one) or the flag, and the allowed range.

mod common;

use common::TempDir;

/// A payoff-list `.nfg` header with these strategy counts, then `body`.
fn nfg(counts: &str, body: &str) -> String {
    format!("NFG 1 R \"\" {{ \"a\" \"b\" }} {{ {counts} }}\n{body}\n")
}

/// An m x n game in payoff-list form whose payoffs are `value(k)`.
fn nfg_game(m: usize, n: usize, value: impl Fn(usize) -> String) -> String {
    let body: Vec<String> = (0..2 * m * n).map(value).collect();
    nfg(&format!("{m} {n}"), &body.join(" "))
}

// ---- 1. Sizes -------------------------------------------------------------

#[test]
fn nfg_strategy_counts_are_bounded_before_allocation() {
    let dir = TempDir::new("hard-nfg-size");
    // The three: 2^63 panicked, 10^9 aborted, 10^8 took 5.4 GB.
    for count in ["9223372036854775808", "1000000000", "100000000"] {
        let f = dir.write("big.nfg", &nfg(&format!("{count} 2"), "1 2"));
        dir.run(&["solve", &f])
            .refused("big.nfg:1:")
            .stderr_has("cells, more than the 1000000 allowed");
    }
    // A size the cap allows but the file cannot hold is refused before its
    // payoffs are read (and allocated).
    let f = dir.write("short.nfg", &nfg("1000 1000", "1 2"));
    dir.run(&["solve", &f])
        .refused("short.nfg:")
        .stderr_has("1000x1000 strategies make 1000000 cells, but only");
    // The product overflowing usize is refused, not wrapped.
    let f = dir.write(
        "wrap.nfg",
        "NFG 1 R \"\" { \"a\" \"b\" \"c\" } { 4294967296 4294967296 2 }\n1\n",
    );
    dir.run(&["solve", &f]).refused("wrap.nfg:1:");
}

#[test]
fn matrix_game_shape_is_bounded_before_allocation() {
    let dir = TempDir::new("hard-matrix-size");
    // Four levels of 100 along the first element declare 10^8 cells in 2 KB.
    let ones = vec!["1"; 99].join(", ");
    let mut v = "[0, 0, 0, 0]".to_string();
    for _ in 0..4 {
        v = format!("[{v}, {ones}]");
    }
    let f = dir.write("deep.toml", &format!("[game]\npayoffs = {v}\n"));
    dir.run(&["solve", &f])
        .refused("deep.toml:2:11: key `game.payoffs`")
        .stderr_has(
            "100x100x100x100 strategies make 100000000 cells, more than the 1000000 allowed",
        );
}

#[test]
fn exact_numbers_have_bounded_digits_and_exponents() {
    let dir = TempDir::new("hard-digits");
    // `1e10000` took 9 s and 757 MB; now the exponent is refused at once.
    let f = dir.write("e.nfg", &nfg("2 2", "1e10000 2 3 4 5 6 7 8"));
    dir.run(&["solve", &f])
        .refused("e.nfg:2:1: number `1e10000` out of range")
        .stderr_has("the exponent must be in [-70, 70]");
    let f = dir.write(
        "e.toml",
        "[game]\npayoffs = [[[1e10000, 1], [2, 3]], [[1, 1], [2, 2]]]\n",
    );
    dir.run(&["solve", &f])
        .refused("e.toml:2:14: key `game.payoffs[0][0][0]`")
        .stderr_has("number `1e10000` out of range for TOML");
    let f = dir.write(
        "e.toml",
        "[game]\npayoffs = [[[\"1e10000\", 1], [2, 3]], [[1, 1], [2, 2]]]\n",
    );
    dir.run(&["solve", &f])
        .refused("e.toml:2:14: key `game.payoffs[0][0][0]`")
        .stderr_has("[-70, 70]");
    // A 200-digit integer, in either file form, and quoted back short.
    let long = format!("1{}", "0".repeat(200));
    let f = dir.write("d.nfg", &nfg("2 2", &format!("{long} 2 3 4 5 6 7 8")));
    let out = dir.run(&["solve", &f]);
    out.refused("too long: at most 70 digits");
    out.check(out.stderr.len() < 300, "the number is quoted short");
    let f = dir.write(
        "d.toml",
        &format!("[game]\npayoffs = [[[\"{long}\", 1], [2, 3]], [[1, 1], [2, 2]]]\n"),
    );
    dir.run(&["solve", &f]).refused("at most 70 digits");
    // One payoff of 10^69 in a 10x10 game (the 21 s solve was 10^10000)
    // is within bounds and solves; 10^70 has 71 digits, more than a number
    // written back may have, and is refused.
    let f = dir.write(
        "g.nfg",
        &nfg_game(10, 10, |k| {
            if k == 0 {
                "1e69".to_string()
            } else {
                ((k * 7919) % 1000).to_string()
            }
        }),
    );
    dir.run(&["solve", &f])
        .success()
        .stdout_has("Nash equilibria");
}

#[test]
fn exact_solving_bounds_the_size_of_the_integer_payoffs() {
    let dir = TempDir::new("hard-bits");
    // 63-digit fractions with distinct denominators: their common
    // denominator has thousands of digits (the solve ran for over ten minutes).
    let f = dir.write(
        "frac.nfg",
        &nfg_game(10, 10, |k| format!("1/{}{:03}", "9".repeat(60), k)),
    );
    for method in ["enum", "lh"] {
        dir.run(&["solve", &f, "--method", method])
            .refused("frac.nfg: player 1: the payoffs, written as integers")
            .stderr_has("at most 256 bits");
    }
}

#[test]
fn enumeration_of_a_large_game_is_refused_with_lemke_howson_suggested() {
    let dir = TempDir::new("hard-enum");
    let f = dir.write(
        "g30.nfg",
        &nfg_game(30, 30, |k| ((k * 7919 + 13) % 10).to_string()),
    );
    dir.run(&["solve", &f])
        .refused("g30.nfg: vertex enumeration of this 30x30 game may visit up to 4.6e11 vertices")
        .stderr_has("use --method lh");
    dir.run(&["solve", &f, "--method", "lh"])
        .success()
        .stdout_has("Lemke-Howson");
    // Label sets are 128 bits: a 2x127 game passes the vertex bound but not this.
    let f = dir.write("wide.nfg", &nfg_game(2, 127, |k| (k % 7).to_string()));
    dir.run(&["solve", &f])
        .refused("at most 128 strategies in all")
        .stderr_has("use --method lh");
}

#[test]
fn max_points_has_a_ceiling() {
    let dir = TempDir::new("hard-max-points");
    // (`run` plays one point: it has no --max-points.)
    for args in [
        &["compare", "baseline-2025", "jcpoa-2015"][..],
        &["sweep", "baseline-2025", "--vary", "iran.resilience=0:1:5"],
        &["check", "baseline-2025"],
        &["report", "baseline-2025"],
    ] {
        let mut args = args.to_vec();
        args.extend(["--max-points", "10000000000"]);
        dir.run(&args)
            .refused("--max-points must be at most 1000000, got 10000000000");
    }
}

#[test]
fn a_grid_is_sized_from_its_axes_before_their_values_are_built() {
    let dir = TempDir::new("hard-grid-size");
    // Three ranges of 10^6 values each took 2.6 s to build before the grid
    // was refused; now the refusal comes from the counts alone.
    let three = [
        "--vary",
        "lifeline.probability=0:1:1000000",
        "--vary",
        "iran.resilience=0:1:1000000",
        "--vary",
        "us.pressure=0:1:1000000",
    ];
    for verb in ["sweep", "check"] {
        let mut args = vec![verb, "baseline-2025"];
        args.extend(three);
        dir.run(&args)
            .refused("the sweep grid has 1000000000000000000 points, more than --max-points");
    }
    // The same from a scenario file's [sweep] table.
    let text = std::fs::read_to_string(common::scenario_file("baseline-2025")).unwrap();
    let f = dir.write(
        "grid.toml",
        &format!(
            "{text}\n[sweep]\n\"lifeline.probability\" = \"0:1:1000000\"\n\"iran.resilience\" = \"0:1:1000000\"\n"
        ),
    );
    dir.run(&["sweep", &f])
        .refused("the sweep grid has 1000000000000 points, more than --max-points");
}

#[test]
fn reproduce_reads_what_it_checks_through_the_input_cap() {
    let dir = TempDir::new("hard-reproduce-size");
    let s = dir.write(
        "s.toml",
        &std::fs::read_to_string(common::scenario_file("jcpoa-2015")).unwrap(),
    );
    dir.run(&["run", &s, "--runs", "50", "--out", "out.csv", "-q"])
        .success();
    dir.run(&["reproduce", "out.csv.meta.json"]).success();
    // A recorded output over the cap (sparse: nothing is written) was read
    // whole; now it is refused before a byte is read, naming the file.
    let big = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.join("out.csv"))
        .unwrap();
    big.set_len((1 << 30) + 1).unwrap();
    dir.run(&["reproduce", "out.csv.meta.json"])
        .refused("out.csv: cannot read the recorded output: it is larger than 1024 MiB");
    // The same for an input it records, which it hashes.
    dir.run(&["run", &s, "--runs", "50", "--out", "again.csv", "-q"])
        .success();
    let big = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.join("s.toml"))
        .unwrap();
    big.set_len((1 << 30) + 1).unwrap();
    dir.run(&["reproduce", "again.csv.meta.json"])
        .refused("cannot read the input `")
        .stderr_has("it is larger than 1024 MiB");
}

/// Noticed on 1 December: a device given as a scenario (`run /dev/zero`) was
/// read up to the 1 GiB input cap before it was refused. Hand-written
/// sources — scenarios, tournament and evolution files, manifests — are now
/// capped at 64 MiB (a `[sweep]` array of a million values fits); outputs
/// read back and games, which programs write, keep the 1 GiB cap.
#[test]
fn a_hand_written_source_is_capped_at_64_mib() {
    if !std::path::Path::new("/dev/zero").exists() {
        return;
    }
    let dir = TempDir::new("hard-source-cap");
    for args in [
        &["run", "/dev/zero", "-q"][..],
        &["tournament", "/dev/zero", "-q"],
        &["moran", "/dev/zero", "-q"],
        &["reproduce", "/dev/zero"],
    ] {
        dir.run(args)
            .refused("/dev/zero")
            .stderr_has("it is larger than 64 MiB");
    }
    // A file just over the cap is refused before a byte is read (sparse).
    let big = std::fs::File::create(dir.join("big.toml")).unwrap();
    big.set_len((64 << 20) + 1).unwrap();
    dir.run(&["check", "big.toml"])
        .refused("big.toml")
        .stderr_has("it is larger than 64 MiB");
}

// ---- 2. Tallies -----------------------------------------------------------

/// Writes the two shards of a small run and returns their paths.
fn two_parts(dir: &TempDir) -> [String; 2] {
    ["0", "1"].map(|i| {
        let out = dir.join(&format!("part{i}.csv"));
        dir.run(&[
            "run",
            "--runs",
            "200",
            "--shard",
            &format!("{i}/2"),
            "--out",
            &out,
            "-q",
        ])
        .success();
        out
    })
}

/// `text` (a summary or part CSV after `skip` header lines) with column
/// `column` of data row `row` replaced by `value`.
fn edit_csv(text: &str, skip: usize, row: usize, column: &str, value: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let head: Vec<&str> = lines[skip].split(',').collect();
    let k = head.iter().position(|h| *h == column).expect("the column");
    let mut fields: Vec<String> = lines[skip + 1 + row].split(',').map(String::from).collect();
    fields[k] = value.to_string();
    lines[skip + 1 + row] = fields.join(",");
    lines.join("\n") + "\n"
}

#[test]
fn merge_checks_every_part_against_its_invariants() {
    let dir = TempDir::new("hard-merge");
    let [p0, p1] = two_parts(&dir);
    dir.run(&["merge", &p0, &p1]).success();
    let text = dir.read("part0.csv");
    let bad = |row: usize, column: &str, value: &str, message: &str| {
        let f = dir.write("bad.csv", &edit_csv(&text, 7, row, column, value));
        dir.run(&["merge", &f, &p1])
            .refused("bad.csv:")
            .stderr_has(message);
    };
    // Round-histogram bins up to 2^20 took 2.4 GB from 26 KB: bins beyond
    // the longest horizon are refused as they are read.
    bad(0, "round_hist", "1048575:17", "rounds in 1..=1200");
    // A count that overflowed into a probability of 4.6e17.
    bad(
        0,
        "count",
        "18446744073709551615",
        "is more than the 100 runs it tallies",
    );
    // Shares of 1.9e7: action counts that are not the rounds played.
    bad(1, "rounds_hold", "19000000000", "must each number the");
    // Histogram mass and counts that disagree.
    bad(2, "round_hist", "12:1 25:1", "holds 2 runs, the count is");
    bad(0, "round_sum", "1", "round_sum is 1");
    // Counts of a range that do not add up to it.
    let moved = edit_csv(&text, 7, 0, "count", "16");
    let f = dir.write("bad.csv", &moved);
    dir.run(&["merge", &f, &p1]).refused("bad.csv:");
    // Rows out of order or of another point.
    bad(
        1,
        "outcome",
        "deal",
        "expected the `regime_crisis` row of a range",
    );
    bad(
        1,
        "run_start",
        "1",
        "must agree on scenario, point, keys and runs",
    );
    // A truncated part exits 2 (it exited 1), at any cut.
    let lines: Vec<&str> = text.lines().collect();
    for keep in [9, 10, 11] {
        let f = dir.write("cut.csv", &(lines[..keep].join("\n") + "\n"));
        dir.run(&["merge", &f, &p1]).refused("cut.csv:");
    }
    let half = &text[..text.len() / 2];
    let f = dir.write("cut.csv", half);
    dir.run(&["merge", &f, &p1]).refused("cut.csv:");
    // Header fields out of range.
    let f = dir.write(
        "bad.csv",
        &text.replace("# points = 1", "# points = 18446744073709551615"),
    );
    dir.run(&["merge", &f, &p1])
        .refused("header `points` must be a whole number in [1, 1000000]");
    let f = dir.write("bad.csv", &text.replace("# keys = ", "# keys = no.such"));
    dir.run(&["merge", &f, &p1])
        .refused("`no.such` is not a scenario key");
}

/// `text` (a tournament part) with field `k` of match line `m` replaced.
fn edit_match(text: &str, m: usize, k: usize, value: &str) -> String {
    let first = text
        .lines()
        .position(|l| !l.starts_with('#'))
        .expect("a match");
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let mut f: Vec<String> = lines[first + m].split(',').map(String::from).collect();
    f[k] = value.to_string();
    lines[first + m] = f.join(",");
    lines.join("\n") + "\n"
}

#[test]
fn tournament_merge_checks_every_match() {
    let dir = TempDir::new("hard-tmerge");
    let file = common::scenario_file("tournaments/basic");
    let parts = ["0", "1"].map(|i| {
        let out = dir.join(&format!("t{i}.csv"));
        dir.run(&[
            "tournament",
            &file,
            "--shard",
            &format!("{i}/2"),
            "--out",
            &out,
            "-q",
        ])
        .success();
        out
    });
    dir.run(&["merge", &parts[0], &parts[1]]).success();
    let text = dir.read("t0.csv");
    let bad = |k: usize, value: &str, message: &str| {
        let f = dir.write("bad.csv", &edit_match(&text, 3, k, value));
        dir.run(&["merge", &f, &parts[1]])
            .refused("bad.csv:")
            .stderr_has(message);
    };
    let nan = format!("{:016x}", f64::NAN.to_bits());
    let inf = format!("{:016x}", f64::INFINITY.to_bits());
    bad(2, &nan, "a score must be finite");
    bad(3, &inf, "a score must be finite");
    bad(1, "0", "turns must be in [1, 10000000]");
    // A cooperation rate of 1.5.
    bad(4, "300", "more cooperations than its 200 turns");
    bad(0, "x", "a malformed match line");
    let f = dir.write(
        "bad.csv",
        &text.replace("# repetitions 100", "# repetitions 0"),
    );
    dir.run(&["merge", &f, &parts[1]])
        .refused("repetitions must be in [1, 10000000]");
    let f = dir.write(
        "bad.csv",
        &text.replace("# player Bully\n", "# player Alternator\n"),
    );
    dir.run(&["merge", &f, &parts[1]])
        .refused("each named once");
    // Truncated, mid-line or before the players: exit 2.
    for cut in [text.len() / 2, 60] {
        let f = dir.write("cut.csv", &text[..cut]);
        dir.run(&["merge", &f, &parts[1]]).refused("cut.csv:");
    }
}

/// Adversarial finding: the parts of a sharded `explore` were merged
/// without checking their samples: a truncated part, a sample given twice
/// or a row from another shard's block merged into a "complete" samples
/// CSV. Now each part holds exactly its shard's block, each sample once and
/// in order, so the parts of every shard hold every sample once.
#[test]
fn explore_merge_checks_every_part_holds_its_block() {
    let dir = TempDir::new("hard-emerge");
    let explore = |extra: &[&str]| {
        let mut args = vec![
            "explore",
            "--uncertain-defaults",
            "--samples",
            "6",
            "--runs",
            "2",
            "-q",
        ];
        args.extend_from_slice(extra);
        dir.run(&args)
    };
    explore(&["--out", "whole.csv", "--no-meta"]).success();
    for i in ["0", "1"] {
        explore(&["--shard", &format!("{i}/2"), "--out", &format!("e{i}.csv")]).success();
    }
    let merged = dir.run(&["merge", "e0.csv", "e1.csv"]);
    merged.success();
    merged.check(
        merged.stdout == dir.read("whole.csv"),
        "the unsharded samples",
    );
    let text = dir.read("e1.csv");
    let lines: Vec<&str> = text.lines().collect();
    let rows: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].starts_with('#') && !lines[i].starts_with("sample,"))
        .collect();
    assert_eq!(rows.len(), 3, "{text}");
    let edited = |f: &dyn Fn(&mut Vec<String>)| {
        let mut l: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        f(&mut l);
        dir.write("bad.csv", &(l.join("\n") + "\n"))
    };
    // Truncated: the last row missing.
    let f = edited(&|l| {
        l.remove(rows[2]);
    });
    dir.run(&["merge", "e0.csv", &f])
        .refused("bad.csv:")
        .stderr_has("truncated: sample 5 is missing");
    // A sample given twice, another missing.
    let f = edited(&|l| l[rows[1]] = l[rows[0]].clone());
    dir.run(&["merge", "e0.csv", &f])
        .refused("bad.csv:")
        .stderr_has("`sample` must be 4");
    // A row of shard 0's block.
    let first_of_e0 = dir
        .read("e0.csv")
        .lines()
        .find(|l| l.starts_with("0,"))
        .unwrap()
        .to_string();
    let f = edited(&|l| l[rows[0]] = first_of_e0.clone());
    dir.run(&["merge", "e0.csv", &f])
        .refused("bad.csv:")
        .stderr_has("shard 1/2 holds samples 3..6 of 6");
    // One row too many.
    let f = edited(&|l| l.push(l[rows[2]].clone()));
    dir.run(&["merge", "e0.csv", &f])
        .refused("bad.csv:")
        .stderr_has("one row too many");
}

#[test]
fn compare_and_report_refuse_impossible_summaries() {
    let dir = TempDir::new("hard-summary");
    let a = dir.join("a.csv");
    dir.run(&["run", "--runs", "200", "--out", &a, "-q"])
        .success();
    let text = dir.read("a.csv");
    let refuse = |edited: String, message: &str| {
        let f = dir.write("bad.csv", &edited);
        dir.run(&["compare", &a, &f])
            .refused("bad.csv:")
            .stderr_has(message);
        dir.run(&["report", &f])
            .refused("bad.csv:")
            .stderr_has(message);
    };
    // Counts that wrap u64 to add up to the runs: probabilities summing to 2+.
    let mut wrap = text.clone();
    for (row, count) in [
        (0, "18446744073709551615"),
        (1, "18446744073709551615"),
        (2, "1"),
        (3, "0"),
    ] {
        wrap = edit_csv(&wrap, 0, row, "runs", "18446744073709551615");
        wrap = edit_csv(&wrap, 0, row, "count", count);
    }
    refuse(wrap, "runs must be in [1, 1000000000]");
    for (row, column, value, message) in [
        (0, "count", "201", "the count at most the runs"),
        // Probabilities that do not follow from the counts (summing to 2).
        (3, "probability", "1.000000", "is not count/runs"),
        (0, "ci_low", "0.9", "does not bound the probability"),
        (0, "round_p10", "-inf", "is not a finite number"),
        (0, "round_p90", "5000", "outside [1, 1200]"),
        (0, "iran_hold", "1.5", "outside [0, 1]"),
        (0, "direct", "1000", "outside [0,"),
        (0, "mean_round", "", "empty exactly when the count is 0"),
    ] {
        refuse(edit_csv(&text, 0, row, column, value), message);
    }
}

// ---- 3. Numerics ----------------------------------------------------------

/// An evolution file with a 2x2 `[payoffs]` matrix and `tables`.
fn evolution(matrix: &str, tables: &str) -> String {
    format!("[payoffs]\nstrategies = [\"A\", \"B\"]\nmatrix = {matrix}\n{tables}")
}

/// The last row of a replicator trajectory, as numbers.
fn last_shares(stdout: &str) -> Vec<f64> {
    let row = stdout.lines().last().expect("a row");
    row.split(',').skip(2).map(common::num).collect()
}

#[test]
fn replicator_steps_are_split_when_the_payoffs_are_steep() {
    let dir = TempDir::new("hard-replicator");
    // A dominant strategy of payoff 500 at the default step ended at 0.
    let f = dir.write(
        "dominant.toml",
        &evolution(
            "[[500, 500], [0, 0]]",
            "[replicator]\nshares = { A = 0.5, B = 0.5 }\nsteps = 10\n",
        ),
    );
    let out = dir.run(&["replicator", &f]);
    out.success();
    let x = last_shares(&out.stdout);
    out.check(
        (x[0] - 1.0).abs() < 1e-9,
        "the dominant strategy takes over",
    );
    // The prisoner's dilemma at --dt 5 ended all-Cooperate.
    let pd = common::scenario_file("evolution/prisoners-dilemma");
    let out = dir.run(&["replicator", &pd, "--dt", "5", "--steps", "4"]);
    out.success();
    out.check(
        last_shares(&out.stdout)[1] > 0.99999,
        "defection takes over",
    );
    // Payoffs too steep for the step and the work bound: refused, naming
    // the key or the flag and the largest step that would do.
    let f = dir.write(
        "steep.toml",
        &evolution(
            "[[1e15, 0], [0, 0]]",
            "[replicator]\nshares = { A = 0.5, B = 0.5 }\ndt = 0.01\n",
        ),
    );
    dir.run(&["replicator", &f])
        .refused("steep.toml:6:6: key `replicator.dt`")
        .stderr_has("the step must be at most");
    dir.run(&["replicator", &f, "--dt", "0.1"])
        .refused("--dt: 1000 steps of 0.1")
        .stderr_has("the step must be at most");
}

#[test]
fn float_payoffs_are_bounded() {
    let dir = TempDir::new("hard-payoffs");
    // Payoffs of 1e18 gave shares 0, 0; 1e308 gave NaN fixation
    // probabilities: payoffs are bounded to [-1e15, 1e15].
    for (value, table) in [
        ("1e18", "[replicator]\nshares = { A = 0.5, B = 0.5 }\n"),
        ("1e308", "[moran]\npopulation = { A = 1, B = 9 }\n"),
    ] {
        let f = dir.write(
            "big.toml",
            &evolution(&format!("[[{value}, 0], [0, 1]]"), table),
        );
        let verb = if table.contains("moran") {
            "moran"
        } else {
            "replicator"
        };
        dir.run(&[verb, &f])
            .refused("big.toml:3:12: key `payoffs.matrix[0][0]`")
            .stderr_has(&format!(
                "must be a finite number in [-1e15, 1e15], got {value}"
            ));
    }
    // Tournament payoffs of 1e308 gave `inf` scores.
    let f = dir.write(
        "t.toml",
        "[game]\nr = 1e308\n[tournament]\nplayers = [\"TitForTat\", \"Defector\"]\n",
    );
    dir.run(&["tournament", &f])
        .refused("t.toml:2:5: key `game.r`")
        .stderr_has("must be a finite number in [-1e15, 1e15], got 1e308");
    let f = dir.write("g.toml", "[game]\nrow = [[3, 0], [-1e300, 1]]\n");
    dir.run(&["match", "TitForTat", "Defector", "--game", &f])
        .refused("g.toml:2:")
        .stderr_has("key `game.row[1][0]`");
}

#[test]
fn moran_never_prints_a_non_finite_or_impossible_exact_answer() {
    let dir = TempDir::new("hard-moran");
    // Anti-coordination under strong selection in a population of a million:
    // fixation takes longer than f64 can count, and the chain's solution
    // came out negative. Its columns are now empty, with a warning.
    let f = dir.write(
        "anti.toml",
        &evolution(
            "[[0, 1e15], [1e15, 0]]",
            "[moran]\npopulation = { A = 1, B = 999999 }\nruns = 4\nmax_steps = 1000\n",
        ),
    );
    let out = dir.run(&["moran", &f]);
    out.success()
        .stderr_has("warning: the exact two-type solution is out of reach");
    for bad in ["NaN", "inf", ",-"] {
        out.check(!out.stdout.contains(bad), format!("no {bad} in the table"));
    }
    // Where it is in reach, it is printed.
    let f = dir.write(
        "ok.toml",
        &evolution(
            "[[1e15, 1e15], [1, 1]]",
            "[moran]\npopulation = { A = 1, B = 9 }\nruns = 10\n",
        ),
    );
    let out = dir.run(&["moran", &f]);
    out.success().stdout_has("A,1,10,10,1.000000");
    out.check(!out.stderr.contains("out of reach"), "no warning");
}

/// Found by reading after the fuzz campaign (the `summary` target did not
/// draw charts then): a sweep axis from −f64::MAX to f64::MAX in a summary
/// CSV made the sweep chart's span infinite and its x coordinates `NaN`.
#[test]
fn report_draws_a_sweep_axis_as_wide_as_f64_allows() {
    let dir = TempDir::new("hard-widest-axis");
    let a = dir.join("a.csv");
    dir.run(&[
        "sweep",
        "baseline-2025",
        "--vary",
        "iran.resilience=0.3,0.6,0.9",
        "--runs",
        "20",
        "--out",
        &a,
        "-q",
        "--no-meta",
    ])
    .success();
    let mut text = dir.read("a.csv");
    for (point, value) in ["-1.7976931348623157e308", "1.7976931348623157e308", "0"]
        .iter()
        .enumerate()
    {
        for outcome in 0..4 {
            text = edit_csv(&text, 0, point * 4 + outcome, "iran.resilience", value);
        }
    }
    let f = dir.write("wide.csv", &text);
    let html = dir.join("wide.html");
    dir.run(&["report", &f, "--out", &html]).success();
    let page = dir.read("wide.html");
    let sweep = page
        .split("<figure>")
        .find(|f| f.contains("against iran.resilience"))
        .expect("the sweep chart");
    for bad in ["NaN", "inf"] {
        assert!(!sweep.contains(bad), "{bad} in the sweep chart");
    }
    // The middle point (0) is drawn halfway along the axis (60 + 810/2).
    assert!(sweep.contains("cx=\"465.00\""), "0 at the axis' middle");
}

// ---- 4. Encodings and one-line errors -------------------------------------

/// `text` as a Windows editor may save it: a byte-order mark, CRLF line ends.
fn windows(text: &str) -> String {
    format!("\u{feff}{}", text.replace('\n', "\r\n"))
}

#[test]
fn byte_order_marks_and_crlf_read_as_plain_text() {
    let dir = TempDir::new("hard-bom");
    let plain = common::scenario_file("baseline-2025");
    let text = std::fs::read_to_string(&plain).unwrap();
    let expected = dir.run(&["run", &plain, "--runs", "300", "-q"]);
    expected.success();
    let f = dir.write("win.toml", &windows(&text));
    let got = dir.run(&["run", &f, "--runs", "300", "-q"]);
    got.success();
    got.check(got.stdout == expected.stdout, "the same summary");
    // An error in such a file is at the line and column an editor shows.
    let f = dir.write("bad.toml", &windows("[iran]\nresilience = 1.5\n"));
    dir.run(&["check", &f])
        .refused("bad.toml:2:14: key `iran.resilience`");
    // Games, tournaments, evolution files.
    let root = env!("CARGO_MANIFEST_DIR");
    for (name, args) in [
        (
            "g.nfg",
            ["solve", "tests/data/games/battle_of_the_sexes.nfg"],
        ),
        ("t.toml", ["tournament", "scenarios/tournaments/basic.toml"]),
        (
            "e.toml",
            ["replicator", "scenarios/evolution/hawk-dove.toml"],
        ),
    ] {
        let source = format!("{root}/{}", args[1]);
        let expected = dir.run(&[args[0], &source]);
        expected.success();
        let f = dir.write(name, &windows(&std::fs::read_to_string(&source).unwrap()));
        let got = dir.run(&[args[0], &f]);
        got.success();
        got.check(got.stdout == expected.stdout, "the same output");
    }
    // Summary CSVs and parts.
    let [p0, p1] = two_parts(&dir);
    let merged = dir.run(&["merge", &p0, &p1]);
    merged.success();
    let w0 = dir.write("w0.csv", &windows(&dir.read("part0.csv")));
    let again = dir.run(&["merge", &w0, &p1]);
    again.success();
    again.check(again.stdout == merged.stdout, "the same merge");
    let s = dir.write("s.csv", &merged.stdout);
    let w = dir.write("w.csv", &windows(&merged.stdout));
    let cmp = dir.run(&["compare", &s, &w]);
    cmp.success().stdout_has(",0.000000,");
    dir.run(&["report", &w]).success().stdout_has("<html");
}

#[test]
fn an_error_is_one_line_whatever_it_quotes() {
    let dir = TempDir::new("hard-one-line");
    // A newline in a value made a two-line error.
    dir.run(&["run", "--set", "iran.policy=fence\nsitter"])
        .refused("fence\\nsitter");
    let f = dir.write("k.toml", "[iran]\n\"resi\\nlience\" = 0.5\n");
    dir.run(&["check", &f]).refused("resi\\nlience");
    let f = dir.write(
        "t.toml",
        "[tournament]\nplayers = [\"Tit\\rForTat\", \"Defector\"]\n",
    );
    dir.run(&["tournament", &f]).refused("Tit\\rForTat");
    let f = dir.write(
        "g.nfg",
        "NFG 1 R \"\" { \"a\" \"b\" } { 2 2 }\n1 2 3 4\u{7} 5 6 7 8\n",
    );
    dir.run(&["solve", &f]).refused("\\u{7}");
}

/// Fuzz finding: a megabyte-long unknown key or strategy name took seconds
/// (its edit distance to every known name) and came back whole in a
/// megabyte-long error line. Now no suggestion is sought for a word far
/// longer than every option, and the error elides it in the middle.
#[test]
fn a_megabyte_of_junk_is_not_suggested_for_nor_quoted_whole() {
    let dir = TempDir::new("hard-long-words");
    let junk = "a".repeat(1_000_000);
    for (name, verb, text) in [
        ("k.toml", "check", format!("[iran]\n{junk} = 1\n")),
        (
            "t.toml",
            "tournament",
            format!("[tournament]\nplayers = [\"{junk}\", \"Defector\"]\n"),
        ),
        (
            "e.toml",
            "moran",
            format!(
                "[payoffs]\nstrategies = [\"A\", \"B\"]\nmatrix = [[1, 2], [3, 4]]\n[moran]\npopulation = {{ {junk} = 2 }}\n"
            ),
        ),
    ] {
        let f = dir.write(name, &text);
        let out = dir.run(&[verb, &f]);
        out.refused(&format!("{name}:"));
        out.check(out.stderr.len() < 400, "a short error line");
        out.check(out.stderr.contains("aaa...aaa"), "elided in the middle");
    }
    // A tournament part saved with a byte-order mark is still recognised.
    let file = common::scenario_file("tournaments/basic");
    let parts = ["0", "1"].map(|i| {
        let out = dir.join(&format!("t{i}.csv"));
        dir.run(&[
            "tournament",
            &file,
            "--shard",
            &format!("{i}/2"),
            "--out",
            &out,
            "-q",
        ])
        .success();
        out
    });
    let whole = dir.run(&["merge", &parts[0], &parts[1]]);
    whole.success();
    let w = dir.write("w.csv", &format!("\u{feff}{}", dir.read("t0.csv")));
    let again = dir.run(&["merge", &w, &parts[1]]);
    again.success();
    again.check(again.stdout == whole.stdout, "the same ranking");
}
