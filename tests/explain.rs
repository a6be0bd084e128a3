//! `catch22 explain` and `catch22 export-nfg`, driven through the binary:
//! the stage game's shape and best responses, equilibria with no profitable
//! deviation, the subgame-perfect play with the US first, the exported
//! `.nfg` file (our reader, `catch22 solve`), the map against the model's one
//! definition of the trap, determinism over thread counts, and bad input.

mod common;

use catch22::game::rational::{self, Rational};
use catch22::game::{Game, is_equilibrium};
use catch22::model::{Enforcement, Region, State, horns};
use catch22::scenario::Scenario;
use common::{Csv, TempDir, num};
use serde_json::Value;

/// Small enough to keep the test time low, large enough to exercise everything.
const ARGS: [&str; 6] = ["--runs", "60", "--seed", "7", "--map-steps", "5"];

fn explain_json(dir: &TempDir, extra: &[&str]) -> Value {
    let mut args = vec!["explain", "baseline-2025", "--format", "json"];
    args.extend_from_slice(&ARGS);
    args.extend_from_slice(extra);
    let out = dir.run(&args);
    out.success();
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("bad JSON: {e}{out}"))
}

fn matrix(v: &Value) -> Vec<Vec<f64>> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap())
                .collect()
        })
        .collect()
}

fn rationals(v: &Value) -> Vec<Rational> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| rational::parse(x.as_str().unwrap()).unwrap())
        .collect()
}

#[test]
fn stage_game_has_its_shape_best_responses_and_verified_equilibria() {
    let dir = TempDir::new("explain-json");
    let j = explain_json(&dir, &[]);
    let g = &j["stage_game"];
    assert_eq!(
        g["iran_actions"],
        serde_json::json!(["hold", "confront", "intermediary", "negotiate", "escalate"])
    );
    assert_eq!(
        g["us_actions"],
        serde_json::json!([
            "tighten",
            "tighten_intermediary",
            "tighten_direct",
            "hold",
            "hold_intermediary",
            "hold_direct",
            "ease",
            "ease_intermediary",
            "ease_direct",
            "strike"
        ])
    );
    let (a, b) = (matrix(&g["iran"]), matrix(&g["us"]));
    assert_eq!((a.len(), a[0].len(), b.len(), b[0].len()), (5, 10, 5, 10));
    for se in [matrix(&g["iran_se"]), matrix(&g["us_se"])] {
        assert!(se.iter().flatten().all(|s| s.is_finite() && *s >= 0.0));
    }
    // Best responses are exactly the maxima of the printed payoffs.
    let ib: Vec<Vec<bool>> = serde_json::from_value(g["iran_best"].clone()).unwrap();
    let ub: Vec<Vec<bool>> = serde_json::from_value(g["us_best"].clone()).unwrap();
    for i in 0..5 {
        for jj in 0..10 {
            let col_max = (0..5).map(|k| a[k][jj]).fold(f64::MIN, f64::max);
            let row_max = b[i].iter().copied().fold(f64::MIN, f64::max);
            assert_eq!(
                ib[i][jj],
                a[i][jj] == col_max,
                "Iran's best response at {i},{jj}"
            );
            assert_eq!(
                ub[i][jj],
                b[i][jj] == row_max,
                "US best response at {i},{jj}"
            );
        }
    }
    // Every equilibrium: no player gains by deviating, on the exact game.
    let exact = |m: &[Vec<f64>]| -> Vec<Vec<Rational>> {
        m.iter()
            .map(|r| {
                r.iter()
                    .map(|x| rational::parse(&format!("{x:.6}")).unwrap())
                    .collect()
            })
            .collect()
    };
    let (ea, eb) = (exact(&a), exact(&b));
    let eqs = j["equilibria"].as_array().unwrap();
    assert!(!eqs.is_empty(), "every finite game has an equilibrium");
    for e in eqs {
        let (x, y) = (
            rationals(&e["strategies"][0]),
            rationals(&e["strategies"][1]),
        );
        assert!(is_equilibrium(&ea, &eb, &x, &y), "not an equilibrium: {e}");
        // A pure equilibrium is a cell where both marks meet.
        let pure = |v: &[Rational]| v.iter().position(|p| *p == rational::int(1));
        if let (Some(i), Some(jj)) = (pure(&x), pure(&y)) {
            assert!(ib[i][jj] && ub[i][jj]);
        }
    }
    // The subgame-perfect play: Iran's reply to each column is its best
    // response there (first in order on a tie), the US column the best for
    // the US given those replies.
    let seq = &j["sequential"];
    let actions: Vec<&str> = g["us_actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let iran_names = ["hold", "confront", "intermediary", "negotiate", "escalate"];
    let replies: Vec<usize> = seq["iran_replies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| iran_names.iter().position(|n| v == n).unwrap())
        .collect();
    for (jj, &i) in replies.iter().enumerate() {
        assert!(
            ib[i][jj],
            "Iran's reply to {} is a best response",
            actions[jj]
        );
    }
    let us = actions.iter().position(|a| seq["us"] == *a).unwrap();
    let best = (0..10)
        .map(|jj| b[replies[jj]][jj])
        .fold(f64::MIN, f64::max);
    assert_eq!(b[replies[us]][us], best);
    assert!(j["reading"].as_str().unwrap().contains("initial state"));
}

#[test]
fn exported_nfg_round_trips_and_solve_finds_explains_equilibria() {
    let dir = TempDir::new("explain-nfg");
    let j = explain_json(&dir, &[]);
    let mut args = vec!["export-nfg", "baseline-2025", "--out", "stage.nfg"];
    args.extend_from_slice(&ARGS[..4]);
    dir.run(&args).success();
    let text = dir.read("stage.nfg");
    assert!(
        text.starts_with(
            "NFG 1 R \"catch22 stage game: baseline-2025, round 1\" { \"Iran\" \"US\" }"
        )
    );
    let game = Game::parse(&text, "stage.nfg").unwrap();
    assert_eq!(game.shape(), vec![5, 10]);
    assert_eq!(
        game.strategies[1][..3],
        ["tighten", "tighten_intermediary", "tighten_direct"]
    );
    assert_eq!(game.strategies[1][9], "strike");
    // Written and read again, the game is the same.
    let again = Game::parse(&catch22::game::nfg::write(&game), "again.nfg").unwrap();
    assert_eq!(again, game);
    // Its payoffs are the ones explain prints.
    let (a, b) = game.bimatrix().unwrap();
    let (ja, jb) = (
        matrix(&j["stage_game"]["iran"]),
        matrix(&j["stage_game"]["us"]),
    );
    for i in 0..5 {
        for k in 0..10 {
            assert_eq!(
                format!("{:.6}", ja[i][k]),
                rational::decimal(&a[i][k], 6).unwrap()
            );
            assert_eq!(
                format!("{:.6}", jb[i][k]),
                rational::decimal(&b[i][k], 6).unwrap()
            );
        }
    }
    // `catch22 solve` of the file gives explain's equilibria.
    let out = dir.run(&["solve", "stage.nfg", "--format", "json"]);
    out.success();
    let solved: Value = serde_json::from_str(&out.stdout).unwrap();
    let strip = |eqs: &Value| -> Vec<(Value, Value)> {
        eqs.as_array()
            .unwrap()
            .iter()
            .map(|e| (e["strategies"].clone(), e["payoffs"].clone()))
            .collect()
    };
    assert_eq!(strip(&solved["equilibria"]), strip(&j["equilibria"]));
    assert_eq!(solved["degenerate"], j["degenerate"]);
}

#[test]
fn a_later_round_has_a_shorter_horizon() {
    let dir = TempDir::new("explain-round");
    let common = ["baseline-2025", "--runs", "40", "--seed", "3"];
    let read = |round: &str| {
        let mut args = vec!["export-nfg"];
        args.extend_from_slice(&common);
        args.extend_from_slice(&["--round", round]);
        let out = dir.run(&args);
        out.success();
        Game::parse(&out.stdout, "x.nfg").unwrap()
    };
    let (first, last) = (read("1"), read("48"));
    assert!(last.title.ends_with("round 48"));
    // (hold, hold): in round 1's game Iran collects up to 48 discounted
    // flows and then the value of what follows the term; in round 48's, one
    // flow and that value at once, discounted by δ^0 instead of δ^47.
    let cell = |g: &Game| rational::to_f64(&g.payoffs[g.cell(&[0, 3])][0]);
    let (a, b) = (cell(&first), cell(&last));
    assert!(a > 5.0 && b > 5.0, "{a} {b}");
    assert_ne!(a, b);
}

#[test]
fn map_csv_is_the_model_trap_and_the_drawing() {
    let dir = TempDir::new("explain-map");
    let mut args = vec!["explain", "baseline-2025", "--map-out", "map.csv"];
    args.extend_from_slice(&ARGS);
    let out = dir.run(&args);
    out.success()
        .stdout_has("== The Catch-22 map (5x5")
        .stdout_has("X neither horn clears the floor: the Catch-22")
        .stdout_has("== Reading ==");
    let csv = Csv::parse(&dir.read("map.csv"));
    assert_eq!(
        csv.header,
        [
            "resilience",
            "leverage",
            "offer",
            "deal_survival",
            "refuse_survival",
            "region"
        ]
    );
    assert_eq!(csv.rows.len(), 25);
    let p = Scenario::load("baseline-2025")
        .unwrap()
        .point(0)
        .unwrap()
        .params;
    let mut grid = Vec::new();
    for (k, row) in csv.rows.iter().enumerate() {
        let f = |c: &str| num(&row[csv.col(c)]);
        let (r, l) = (f("resilience"), f("leverage"));
        assert_eq!((r, l), ((k / 5) as f64 / 4.0, (k % 5) as f64 / 4.0));
        // The model's own horns at that state, for the mean type, with the
        // US tightening as maximum pressure does in round 1.
        let mut s = State::initial(&p, 0.5);
        s.resilience = r;
        s.leverage = l;
        let h = horns(&p, &s, Enforcement::Tighten, p.threshold.mean);
        assert_eq!(row[csv.col("offer")], format!("{:.6}", h.offer));
        assert_eq!(row[csv.col("deal_survival")], format!("{:.6}", h.deal));
        assert_eq!(row[csv.col("refuse_survival")], format!("{:.6}", h.refuse));
        let region = h.region(&p);
        assert_eq!(row[csv.col("region")], region.name(), "row {k}");
        assert_eq!(region == Region::Trap, h.is_trap(&p));
        grid.push(region.name());
    }
    // From zero resilience neither horn survives: the trap.
    assert_eq!(grid[0], "trap");
    // The JSON's cells are the CSV's rows, field for field.
    let j = explain_json(&dir, &[]);
    let cells = j["map"]["cells"].as_array().unwrap();
    assert_eq!(cells.len(), csv.rows.len());
    for (cell, row) in cells.iter().zip(&csv.rows) {
        for (k, name) in csv.header.iter().enumerate() {
            let v = &cell[name.as_str()];
            let shown = match v {
                Value::String(s) => s.clone(),
                Value::Number(n) => format!("{:.6}", n.as_f64().unwrap()),
                other => other.to_string(),
            };
            assert_eq!(shown, row[k], "{name}");
        }
    }
    // The drawing: resilience rows top down, one glyph per cell, `@` at the
    // scenario's initial state (0.45, 0.25 -> nearest cell 0.5, 0.25).
    let lines: Vec<&str> = out.stdout.lines().collect();
    let top = lines.iter().position(|l| l.trim() == "resilience").unwrap() + 1;
    for (k, line) in lines[top..top + 5].iter().enumerate() {
        let r = 4 - k;
        let glyphs: Vec<&str> = line.split('|').nth(1).unwrap().split_whitespace().collect();
        for (l, gl) in glyphs.iter().enumerate() {
            let want = match grid[r * 5 + l] {
                "both" => "B",
                "deal_only" => "D",
                "refuse_only" => "R",
                _ => "X",
            };
            assert!(*gl == want || (*gl == "@" && (r, l) == (2, 1)), "{line}");
        }
    }
}

#[test]
fn output_does_not_depend_on_threads() {
    let dir = TempDir::new("explain-threads");
    let run = |threads: &str, map: &str| {
        let mut args = vec![
            "explain",
            "baseline-2025",
            "--threads",
            threads,
            "--map-out",
            map,
        ];
        args.extend_from_slice(&ARGS);
        let out = dir.run(&args);
        out.success();
        out.stdout.clone()
    };
    assert_eq!(run("1", "m1.csv"), run("3", "m3.csv"));
    assert_eq!(dir.read("m1.csv"), dir.read("m3.csv"));
    let nfg = |threads: &str| {
        let out = dir.run(&["export-nfg", "--runs", "50", "--threads", threads]);
        out.success();
        out.stdout.clone()
    };
    assert_eq!(nfg("1"), nfg("2"));
}

#[test]
fn bad_input_is_refused_with_one_line_and_no_file() {
    let dir = TempDir::new("explain-bad");
    let cases: [(&[&str], &str); 11] = [
        (&["explain", "--runs", "1"], "at least 2 runs"),
        (&["explain", "--runs", "x"], "--runs"),
        (
            &["explain", "--map-steps", "1"],
            "--map-steps must be in [2, 201], got 1",
        ),
        (&["explain", "--map-steps", "999"], "got 999"),
        (&["explain", "--set", "iran.leverge=0.3"], "did you mean"),
        (&["explain", "--set", "iran.leverage=1.5"], "iran.leverage"),
        (&["explain", "no-such-scenario"], "no such file"),
        (
            &["explain", "--runs", "5", "--map-out", "missing/m.csv"],
            "missing/m.csv",
        ),
        (
            &["export-nfg", "--round", "0"],
            "--round must be in [1, 48]",
        ),
        (&["export-nfg", "--round", "49"], "got 49"),
        (
            &["export-nfg", "--runs", "5", "--out", "missing/s.nfg"],
            "missing/s.nfg",
        ),
    ];
    for (args, needle) in cases {
        dir.run(args).refused(needle);
    }
    assert!(dir.entries().is_empty(), "{:?}", dir.entries());
}

/// The worked example in `docs/EXPLAIN.md` is the real output of
/// `catch22 explain` (the default 10,000 runs: a few seconds). After a model
/// change, regenerate it with `CATCH22_UPDATE_DOCS=1 cargo test --test explain`.
#[test]
fn the_worked_example_in_the_docs_is_the_real_output() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/EXPLAIN.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let (head, rest) = doc.split_once("```text\n").expect("a text block");
    let (block, tail) = rest.split_once("```").expect("a closed text block");
    let out = common::catch22_in(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &["explain"],
    );
    out.success();
    if std::env::var_os("CATCH22_UPDATE_DOCS").is_some() {
        std::fs::write(path, format!("{head}```text\n{}```{tail}", out.stdout)).unwrap();
        return;
    }
    assert!(
        block == out.stdout,
        "docs/EXPLAIN.md's worked example is out of date: run \
         CATCH22_UPDATE_DOCS=1 cargo test --test explain{out}"
    );
}
