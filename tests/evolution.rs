//! `catch22 moran` and `catch22 replicator` driven as a user would.

mod common;

use common::{Csv, TempDir, num};

fn evolution_file(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/evolution")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

const NEUTRAL: &str = "[payoffs]\nstrategies = [\"A\", \"B\"]\nmatrix = [[2, 2], [2, 2]]\n\
                       [moran]\npopulation = { A = 2, B = 8 }\nruns = 4000\nseed = 7\n";

#[test]
fn moran_is_identical_for_any_thread_count_and_agrees_with_the_chain() {
    let dir = TempDir::new("moran");
    dir.write("n.toml", NEUTRAL);
    let one = dir.run(&["moran", "n.toml", "--threads", "1"]);
    one.success();
    let two = dir.run(&["moran", "n.toml", "--threads", "2", "--quiet"]);
    two.success();
    one.check(
        one.stdout == two.stdout,
        "output differs between 1 and 2 threads",
    );
    assert!(two.stderr.is_empty());
    let csv = Csv::parse(&one.stdout);
    assert_eq!(
        csv.header,
        [
            "strategy",
            "initial",
            "runs",
            "fixations",
            "probability",
            "ci_low",
            "ci_high",
            "mean_steps",
            "steps_se",
            "exact_probability",
            "exact_mean_steps"
        ]
    );
    assert_eq!(csv.column("strategy"), ["A", "B"]);
    // Neutral drift: 2 of 10 fix with probability 1/5; the Wilson interval
    // of the simulation covers it.
    assert_eq!(csv.column("exact_probability"), ["0.200000", "0.800000"]);
    for row in &csv.rows {
        let (lo, hi) = (num(&row[csv.col("ci_low")]), num(&row[csv.col("ci_high")]));
        let p = num(&row[csv.col("exact_probability")]);
        one.check(lo <= p && p <= hi, format!("{p} outside [{lo}, {hi}]"));
    }
    let fixations: u64 = csv
        .column("fixations")
        .iter()
        .map(|f| f.parse::<u64>().unwrap())
        .sum();
    assert_eq!(fixations, 4000);
    // --seed changes the draws, --runs the count.
    let other = dir.run(&["moran", "n.toml", "--seed", "8", "--runs", "100"]);
    other.success();
    assert_eq!(Csv::parse(&other.stdout).column("runs"), ["100", "100"]);
}

#[test]
fn moran_writes_its_table_to_a_file_whole() {
    let dir = TempDir::new("moran-out");
    dir.write("n.toml", NEUTRAL);
    dir.run(&["moran", "n.toml", "--out", "m.csv", "--runs", "50"])
        .success();
    assert!(dir.read("m.csv").starts_with("strategy,initial,runs,"));
    dir.run(&["moran", "n.toml", "--out", "n.toml"])
        .refused("is the input `n.toml`");
    dir.run(&["moran", "n.toml", "--out", "no/such/dir/m.csv"])
        .refused("cannot write `no/such/dir/m.csv`");
}

#[test]
fn replicator_hawk_dove_settles_at_v_over_c() {
    let dir = TempDir::new("replicator");
    let out = dir.run(&[
        "replicator",
        &evolution_file("hawk-dove.toml"),
        "--steps",
        "6000",
    ]);
    out.success();
    let csv = Csv::parse(&out.stdout);
    assert_eq!(csv.header, ["step", "time", "Hawk", "Dove"]);
    for row in &csv.rows {
        let sum = num(&row[2]) + num(&row[3]);
        out.check((sum - 1.0).abs() < 2e-9, format!("shares sum to {sum}"));
    }
    let last = csv.rows.last().unwrap();
    assert_eq!(last[0], "6000");
    assert_eq!(last[1], "60.000000");
    out.check((num(&last[2]) - 0.5).abs() < 1e-6, "hawks at V/C = 1/2");
    // --every thins the rows; the last step is always written.
    let thin = dir.run(&[
        "replicator",
        &evolution_file("hawk-dove.toml"),
        "--steps",
        "250",
        "--every",
        "100",
        "--dt",
        "0.02",
    ]);
    thin.success();
    assert_eq!(
        Csv::parse(&thin.stdout).column("step"),
        ["0", "100", "200", "250"]
    );
}

#[test]
fn the_prisoners_dilemma_goes_to_defection() {
    let dir = TempDir::new("pd");
    let out = dir.run(&["replicator", &evolution_file("prisoners-dilemma.toml")]);
    out.success();
    let csv = Csv::parse(&out.stdout);
    let defect = csv.column("Defect");
    assert!(num(defect.last().unwrap()) > 0.99999);
    let moran = dir.run(&[
        "moran",
        &evolution_file("prisoners-dilemma.toml"),
        "--runs",
        "2000",
    ]);
    moran.success();
    let csv = Csv::parse(&moran.stdout);
    // One defector among nine cooperators fixes far more often than neutral drift's 1/10.
    let p = num(csv.column("exact_probability")[1]);
    assert!(p > 0.4, "{p}");
}

#[test]
fn bad_evolution_files_are_refused_with_line_and_key() {
    let dir = TempDir::new("evo-bad");
    let cases: &[(&str, &str)] = &[
        (
            "[payoffs]\nstrategies = [\"A\", \"B\"]\nmatrix = [[1, 2], [3, 4]]\n[moran]\npopulation = { A = 1, B = 1 }\nruns = -5\n",
            "e.toml:6:8: key `moran.runs`: must be an integer in [1, 1000000000], got -5",
        ),
        (
            "[payoffs]\nstrategies = [\"A\", \"B\"]\nmatrix = [[1, 2], [3, 4]]\n[moran]\npopulation = { A = 1, C = 1 }\n",
            "e.toml:5:23: key `moran.population.C`: `C` is not a strategy of the payoff matrix",
        ),
        (
            "[payoffs]\nstrategies = [\"A\", \"B\"]\nmatrix = [[1, -2], [3, 4]]\n[moran]\npopulation = { A = 1, B = 1 }\nintensity = 0.9\n",
            "e.toml:6:13: key `moran.intensity`: fitness 1 - w + w*payoff must be >= 0",
        ),
        (
            "[payoffs]\nstrategies = [\"A\", \"B\"]\nmatrix = [[1, 2], [3, 4]]\n[replicator]\nshares = { A = 0.2, B = 0.2 }\n",
            "e.toml:5:10: key `replicator.shares`: the shares must sum to 1, got 0.4",
        ),
        (
            "[payoffs]\nstrategies = [\"A\", \"B\"]\nmatrix = [[1, 2, 3], [3, 4]]\n[replicator]\nshares = { A = 1 }\n",
            "e.toml:3:11: key `payoffs.matrix`: must be a 2x2 array of numbers, one row per strategy: row 1 has 3 entries",
        ),
        ("[payoffs\n", "e.toml:1:9: TOML syntax error"),
    ];
    for (text, needle) in cases {
        dir.write("e.toml", text);
        let verb = if text.contains("[moran]") {
            "moran"
        } else {
            "replicator"
        };
        dir.run(&[verb, "e.toml"]).refused(needle);
    }
    dir.write("e.toml", NEUTRAL);
    dir.run(&["replicator", "e.toml"])
        .refused("has no [replicator] table");
    dir.run(&["moran", "e.toml", "--runs", "0"])
        .refused("--runs must be an integer in [1, 1000000000], got `0`");
    dir.run(&["moran", "e.toml", "--threads", "0"])
        .refused("--threads");
    dir.run(&["moran", "missing.toml"])
        .refused("missing.toml: cannot read the file");
    dir.write(
        "r.toml",
        "[payoffs]\nstrategies = [\"A\"]\nmatrix = [[1]]\n[replicator]\nshares = { A = 1 }\n",
    );
    dir.run(&["replicator", "r.toml", "--dt", "0"])
        .refused("--dt must be a number in (0, 10], got `0`");
    dir.run(&["replicator", "r.toml", "--steps", "x"])
        .refused("--steps must be an integer");
}

fn teaching_file(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/teaching")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn a_tournament_gives_the_matrix() {
    let dir = TempDir::new("evo-tournament");
    let file = teaching_file("noise-evolution.toml");
    let one = dir.run(&["moran", &file, "--threads", "1", "--runs", "300"]);
    one.success();
    let two = dir.run(&["moran", &file, "--threads", "2", "--runs", "300"]);
    one.check(
        one.stdout == two.stdout,
        "output differs between 1 and 2 threads",
    );
    let csv = Csv::parse(&one.stdout);
    assert_eq!(csv.column("strategy"), ["TitForTat", "GenerousTitForTat"]);
    assert!(
        csv.column("exact_probability")
            .iter()
            .all(|p| !p.is_empty())
    );
    let rep = dir.run(&["replicator", &file, "--threads", "1"]);
    rep.success();
    let csv = Csv::parse(&rep.stdout);
    assert_eq!(
        csv.header,
        [
            "step",
            "time",
            "TitForTat",
            "GenerousTitForTat",
            "WinStayLoseShift",
            "Grudger",
            "Defector"
        ]
    );
    for row in &csv.rows {
        let sum: f64 = row[2..].iter().map(|x| num(x)).sum();
        rep.check((sum - 1.0).abs() < 5e-9, format!("shares sum to {sum}"));
    }
    // Errors in the tournament's tables keep their own line numbers.
    dir.write(
        "t.toml",
        "[moran]\npopulation = { TitForTat = 2 }\n\n[tournament]\nplayers = [\"TitForTat\"]\nturns = 0\n",
    );
    dir.run(&["moran", "t.toml"])
        .refused("t.toml:6:9: key `tournament.turns`");
    dir.write(
        "t.toml",
        "[moran]\npopulation = { TitForTat = 2 }\n[tournament]\nplayers = [\"TitForTat\", \"TitForTat\"]\n",
    );
    dir.run(&["moran", "t.toml"])
        .refused("`TitForTat` is listed twice");
}
