//! The `equilibrium` policy and `catch22 solve-policy`, driven through the
//! binary: the table's shape and invariants, independence from the thread
//! count, the policy in simulation, the shipped scenario's claim and bad input.
//! (The one-shot deviation test is beside the solver, in
//! `src/equilibrium/mod.rs`.)

mod common;

use common::{Csv, OUTCOMES, TempDir, num};

/// A small grid and a short horizon, so that each solve takes milliseconds.
const SMALL: [&str; 18] = [
    "--set",
    "scenario.rounds=4",
    "--set",
    "equilibrium.grid.resilience=4",
    "--set",
    "equilibrium.grid.leverage=2",
    "--set",
    "equilibrium.grid.pressure=3",
    "--set",
    "equilibrium.grid.talks=3",
    "--set",
    "equilibrium.grid.hardliners=2",
    "--set",
    "equilibrium.grid.nuclear=2",
    "--set",
    "equilibrium.grid.belief=2",
    "--set",
    "iran.policy=equilibrium",
];

fn args<'a>(head: &[&'a str], tail: &[&'a str]) -> Vec<&'a str> {
    head.iter()
        .chain(SMALL.iter())
        .chain(tail)
        .copied()
        .collect()
}

#[test]
fn solve_policy_writes_a_valid_table_whatever_the_thread_count() {
    let dir = TempDir::new("solve-policy");
    let one = dir.run(&args(
        &["solve-policy", "baseline-2025"],
        &["--threads", "1"],
    ));
    one.success()
        .stderr_has("(4x2x3x3x2x2x2 x 4 switches) x 4 rounds");
    let two = dir.run(&args(
        &["solve-policy", "baseline-2025"],
        &["--threads", "2"],
    ));
    two.success();
    assert_eq!(
        one.stdout, two.stdout,
        "the table depends on the thread count"
    );

    let csv = Csv::parse(&one.stdout);
    let us_actions = [
        "tighten",
        "tighten_intermediary",
        "tighten_direct",
        "hold",
        "hold_intermediary",
        "hold_direct",
        "ease",
        "ease_intermediary",
        "ease_direct",
        "strike",
    ];
    let iran_actions = ["hold", "confront", "intermediary", "negotiate", "escalate"];
    let mut expected: Vec<String> = ["round", "resilience", "leverage", "pressure", "talks"]
        .map(String::from)
        .to_vec();
    expected.extend(["hardliners", "nuclear", "belief", "lifeline", "interim"].map(String::from));
    expected.push("us_action".into());
    expected.extend(us_actions.iter().map(|a| format!("iran_after_{a}")));
    expected.extend(["value_iran", "value_us"].map(String::from));
    assert_eq!(csv.header, expected);
    // 4·2·3·3·2·2·2 continuous points × 4 switch settings × 4 rounds.
    let points = 4 * 2 * 3 * 3 * 2 * 2 * 2 * 4;
    assert_eq!(csv.rows.len(), points * 4);
    for row in &csv.rows {
        assert!(
            us_actions.contains(&row[csv.col("us_action")].as_str()),
            "{row:?}"
        );
        for a in us_actions {
            let reply = &row[csv.col(&format!("iran_after_{a}"))];
            assert!(iran_actions.contains(&reply.as_str()), "{row:?}");
        }
        assert!(num(&row[csv.col("value_iran")]).is_finite());
        assert!(num(&row[csv.col("value_us")]).is_finite());
        for x in &row[1..8] {
            assert!((0.0..=1.0).contains(&num(x)));
        }
    }
    let rounds: Vec<&str> = csv.column("round");
    assert_eq!(rounds.first(), Some(&"1"));
    assert_eq!(rounds.last(), Some(&"4"));

    // --round writes that round's rows, equal to the full table's.
    let only = dir.run(&args(&["solve-policy", "baseline-2025"], &["--round", "3"]));
    only.success();
    let only = Csv::parse(&only.stdout);
    let third: Vec<_> = csv.rows.iter().filter(|r| r[0] == "3").cloned().collect();
    assert_eq!(only.rows, third);

    // --out writes the same bytes to a file.
    let path = dir.join("policy.csv");
    dir.run(&args(&["solve-policy", "baseline-2025"], &["--out", &path]))
        .success();
    assert_eq!(dir.read("policy.csv"), one.stdout);
}

#[test]
fn the_last_round_is_valued_by_what_follows_the_term() {
    // In the last round a value is one round's payoff plus the value of what
    // follows: Iran's flow is its resilience (at most 1), then a stationary
    // future worth at most δ/(1 − δ) rounds of resilience 1, or a crisis
    // (−C_I) or a war; never below −(W_I + C_I) nor above 1 + δ/(1 − δ).
    let dir = TempDir::new("last-round");
    let out = dir.run(&args(&["solve-policy", "baseline-2025"], &["--round", "4"]));
    out.success();
    let csv = Csv::parse(&out.stdout);
    let delta: f64 = 0.99;
    for row in &csv.rows {
        let v = num(&row[csv.col("value_iran")]);
        assert!(v <= 1.0 + delta / (1.0 - delta) + 1e-9, "{row:?}");
        assert!(v >= -60.0 - 1e-9, "{row:?}");
    }
}

#[test]
fn equilibrium_runs_are_deterministic_and_sum_to_one() {
    let dir = TempDir::new("eq-run");
    let tail = [
        "--set",
        "us.policy=equilibrium",
        "--runs",
        "3000",
        "--seed",
        "5",
    ];
    let one = dir.run(&args(
        &["run", "baseline-2025"],
        &[&tail[..], &["--threads", "1"]].concat(),
    ));
    one.success();
    let two = dir.run(&args(
        &["run", "baseline-2025"],
        &[&tail[..], &["--threads", "2"]].concat(),
    ));
    two.success();
    assert_eq!(one.stdout, two.stdout);
    let csv = Csv::parse(&one.stdout);
    assert_eq!(csv.column("outcome"), OUTCOMES.to_vec());
    let total: f64 = csv.column("probability").iter().map(|v| num(v)).sum();
    assert!((total - 1.0).abs() < 1e-5);
    // Either side alone may play its equilibrium strategy.
    dir.run(&args(&["run", "baseline-2025"], &["--runs", "200"]))
        .success();
    // The trace narrates an equilibrium run like any other.
    dir.run(&args(&["trace", "baseline-2025"], &["--seed", "5"]))
        .success()
        .stdout_has("Iran equilibrium");
}

#[test]
fn bad_equilibrium_settings_are_refused() {
    let dir = TempDir::new("eq-bad");
    dir.run(&["run", "--set", "equilibrium.grid.talks=0"])
        .refused("equilibrium.grid.talks")
        .stderr_has("[1, 65]");
    dir.run(&["run", "--set", "equilibrium.noise_nodes=6"])
        .refused("equilibrium.noise_nodes");
    let big = [
        "solve-policy",
        "--set",
        "equilibrium.grid.resilience=65",
        "--set",
        "equilibrium.grid.leverage=65",
    ];
    dir.run(&big).refused("table cells");
    dir.run(&["solve-policy", "--round", "0"])
        .refused("--round");
    dir.run(&["solve-policy", "--round", "49"])
        .refused("[1, 48]");
    let out = dir.join("never.csv");
    dir.run(&["solve-policy", "--round", "49", "--out", &out])
        .refused("--round");
    assert!(!dir.exists("never.csv"));
}

/// The shipped equilibrium-2025 scenario's claim: the baseline's world,
/// war costs included, played in equilibrium: talks, a deal the most likely
/// outcome, war and regime crisis rare — not mostly war. 4,000 runs: each
/// probability's 99.9% interval is at most ±0.026 wide, inside the margins
/// below.
#[test]
fn equilibrium_2025_deals_and_avoids_war() {
    let dir = TempDir::new("eq-claim");
    let out = dir.run(&["run", "equilibrium-2025", "--runs", "4000", "--seed", "1"]);
    out.success();
    let csv = Csv::parse(&out.stdout);
    let p = |o: &str| {
        let i = csv.column("outcome").iter().position(|x| *x == o).unwrap();
        num(csv.column("probability")[i])
    };
    assert!(p("deal") > 0.5, "{out}");
    assert!(p("war") < 0.1 && p("regime_crisis") < 0.1, "{out}");
    let i = csv
        .column("outcome")
        .iter()
        .position(|x| *x == "deal")
        .unwrap();
    let intermediary = num(csv.column("iran_intermediary")[i]);
    assert!(intermediary > 0.3, "{out}");
}
