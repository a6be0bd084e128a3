//! `catch22 solve`: classic games with their known equilibria, random games
//! against pygambit's exact enumeration, Lemke–Howson, formats and bad files.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{TempDir, catch22_in};
use serde_json::Value;

fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/games")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn solve(args: &[&str]) -> common::Output {
    catch22_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// `catch22 solve FILE --format json ARGS`, parsed.
fn json(file: &str, extra: &[&str]) -> Value {
    let path = data(file);
    let mut args = vec!["solve", path.as_str(), "--format", "json"];
    args.extend_from_slice(extra);
    let out = solve(&args);
    out.success();
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("bad JSON ({e}){out}"))
}

/// The equilibria as "x1 x2 ; y1 y2 | u v" lines, sorted.
fn equilibria(v: &Value) -> BTreeSet<String> {
    v["equilibria"]
        .as_array()
        .expect("equilibria")
        .iter()
        .map(line)
        .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_str().expect("a string").to_string())
        .collect()
}

fn line(e: &Value) -> String {
    let st: Vec<String> = e["strategies"]
        .as_array()
        .expect("strategies")
        .iter()
        .map(|s| strings(s).join(" "))
        .collect();
    format!("{} | {}", st.join(" ; "), strings(&e["payoffs"]).join(" "))
}

fn set(lines: &[&str]) -> BTreeSet<String> {
    lines.iter().map(|s| s.to_string()).collect()
}

#[test]
fn prisoners_dilemma_json_is_the_contract() {
    let path = data("prisoners_dilemma.nfg");
    let out = solve(&["solve", &path, "--format", "json"]);
    out.success();
    assert_eq!(
        out.stdout,
        "{\"players\": 2, \"shape\": [2, 2], \"degenerate\": false, \"equilibria\": [{\"strategies\": [[\"0\", \"1\"], [\"0\", \"1\"]], \"payoffs\": [\"1\", \"1\"]}]}\n"
    );
}

#[test]
fn classic_games_have_their_known_equilibria() {
    for (file, expected) in [
        ("matching_pennies.nfg", vec!["1/2 1/2 ; 1/2 1/2 | 0 0"]),
        (
            "battle_of_the_sexes.nfg",
            vec![
                "1 0 ; 1 0 | 2 1",
                "2/3 1/3 ; 1/3 2/3 | 2/3 2/3",
                "0 1 ; 0 1 | 1 2",
            ],
        ),
        (
            "stag_hunt.toml",
            vec![
                "1 0 ; 1 0 | 4 4",
                "3/4 1/4 ; 3/4 1/4 | 3 3",
                "0 1 ; 0 1 | 3 3",
            ],
        ),
        (
            "chicken.nfg",
            vec![
                "1 0 ; 0 1 | -1 1",
                "9/10 1/10 ; 9/10 1/10 | -1/10 -1/10",
                "0 1 ; 1 0 | 1 -1",
            ],
        ),
        (
            "rock_paper_scissors.nfg",
            vec!["1/3 1/3 1/3 ; 1/3 1/3 1/3 | 0 0"],
        ),
        (
            "coordination_3x3.nfg",
            vec![
                "1 0 0 ; 1 0 0 | 1 1",
                "2/3 1/3 0 ; 2/3 1/3 0 | 2/3 2/3",
                "3/4 0 1/4 ; 3/4 0 1/4 | 3/4 3/4",
                "6/11 3/11 2/11 ; 6/11 3/11 2/11 | 6/11 6/11",
                "0 1 0 ; 0 1 0 | 2 2",
                "0 3/5 2/5 ; 0 3/5 2/5 | 6/5 6/5",
                "0 0 1 ; 0 0 1 | 3 3",
            ],
        ),
    ] {
        let v = json(file, &[]);
        assert_eq!(equilibria(&v), set(&expected), "{file}");
        assert_eq!(v["degenerate"], Value::Bool(false), "{file}");
        assert_eq!(v["players"], 2);
    }
}

#[test]
fn a_degenerate_game_is_said_so_with_its_extreme_equilibria() {
    let v = json("degenerate_2x2.toml", &[]);
    assert_eq!(v["degenerate"], Value::Bool(true));
    assert_eq!(
        equilibria(&v),
        set(&[
            "1 0 ; 1 0 | 1 1",
            "1 0 ; 1/2 1/2 | 1/2 1",
            "0 1 ; 1/2 1/2 | 1/2 0",
            "0 1 ; 0 1 | 1 0",
        ])
    );
    let path = data("degenerate_2x2.toml");
    solve(&["solve", &path])
        .success()
        .stdout_has("degenerate: infinitely many equilibria, in 1 connected component")
        .stdout_has("equilibrium 4 (component 1)");
}

#[test]
fn three_players_get_every_pure_equilibrium() {
    let v = json("three_player.nfg", &[]);
    assert_eq!(v["players"], 3);
    assert_eq!(v["shape"], serde_json::json!([2, 2, 2]));
    assert_eq!(
        equilibria(&v),
        set(&[
            "1 0 ; 1 0 ; 1 0 | 1/3 1/3 1/3",
            "0 1 ; 0 1 ; 0 1 | 1/2 1/2 1/2"
        ])
    );
    let path = data("three_player.nfg");
    solve(&["solve", &path])
        .success()
        .stdout_has("2 pure-strategy Nash equilibria");
}

/// The expected equilibria of the random games, computed by pygambit 16.7.0's
/// `enummixed_solve(rational=True)` (see tests/data/games/README.md).
fn expected_random() -> Vec<(String, BTreeSet<String>)> {
    let text = std::fs::read_to_string(data("random/expected.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    v.as_object()
        .unwrap()
        .iter()
        .map(|(name, eqs)| {
            (
                format!("random/{name}"),
                eqs.as_array().unwrap().iter().map(line).collect(),
            )
        })
        .collect()
}

#[test]
fn random_games_match_pygambit_exactly() {
    let games = expected_random();
    assert_eq!(games.len(), 20);
    for (file, expected) in games {
        let v = json(&file, &[]);
        assert_eq!(equilibria(&v), expected, "{file}");
    }
}

#[test]
fn lemke_howson_finds_one_of_the_equilibria_from_every_label() {
    for (file, expected) in expected_random() {
        let v = json(&file, &[]);
        let shape: Vec<u64> = v["shape"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap())
            .collect();
        for label in 1..=shape[0] + shape[1] {
            let k = label.to_string();
            let lh = json(&file, &["--method", "lh", "--label", &k]);
            let found = equilibria(&lh);
            assert_eq!(found.len(), 1, "{file} --label {k}");
            let eq = found.iter().next().unwrap();
            assert!(
                expected.contains(eq),
                "{file} --label {k}: {eq} is not among {expected:?}"
            );
        }
    }
}

#[test]
fn lemke_howson_solves_a_100x100_game() {
    let v = json("bench/random_100x100.nfg", &["--method", "lh"]);
    assert_eq!(v["equilibria"].as_array().unwrap().len(), 1);
    assert_eq!(v["shape"], serde_json::json!([100, 100]));
}

#[test]
fn text_and_csv_formats() {
    let path = data("battle_of_the_sexes.nfg");
    solve(&["solve", &path])
        .success()
        .stdout_has("2 players, 2x2 strategies: 3 Nash equilibria")
        .stdout_has("  Alice: Opera 2/3, Football 1/3\n  Bob: Opera 1/3, Football 2/3\n  payoffs: Alice 2/3, Bob 2/3");
    let out = solve(&["solve", &path, "--format", "csv"]);
    out.success();
    let csv = common::Csv::parse(&out.stdout);
    assert_eq!(
        csv.header,
        vec![
            "equilibrium",
            "component",
            "player",
            "strategy",
            "probability",
            "payoff"
        ]
    );
    assert_eq!(csv.rows.len(), 12);
    assert_eq!(csv.rows[4], vec!["2", "2", "Alice", "Opera", "2/3", "2/3"]);
}

#[test]
fn out_writes_a_file() {
    let dir = TempDir::new("solve-out");
    let path = data("matching_pennies.nfg");
    dir.run(&["solve", &path, "--format", "json", "--out", "eq.json"])
        .success();
    assert!(dir.read("eq.json").contains("\"1/2\""));
}

#[test]
fn bad_flags_are_usage_errors() {
    let path = data("matching_pennies.nfg");
    for (args, needle) in [
        (vec!["--label", "2"], "use it with --method lh"),
        (
            vec!["--method", "lh", "--label", "5"],
            "--label must be in 1..=4",
        ),
        (
            vec!["--method", "lh", "--label", "0"],
            "--label counts from 1",
        ),
    ] {
        let mut all = vec!["solve", path.as_str()];
        all.extend(args);
        let out = solve(&all);
        out.check(out.code() == Some(2), "expected exit code 2")
            .stderr_has(needle);
    }
}

#[test]
fn bad_files_say_where_with_exit_code_2() {
    let dir = TempDir::new("solve-bad");
    for (text, needle) in [
        (
            "NFG 2 R \"\" { \"a\" } { 1 } 0",
            "g.nfg:1:5: expected the version 1",
        ),
        (
            "NFG 1 R \"\" { \"a\" \"b\" } { 2 2 }\n1 2 3",
            "g.nfg:2:6: expected the payoff of player 2 in cell 2 of 4",
        ),
        (
            "NFG 1 R \"\" { \"a\" \"b\" } { 1 1 }\n1 2\n3",
            "g.nfg:3:1: expected the end of the file after 1 cells",
        ),
        (
            "NFG 1 R \"\" { \"a\" } { 2 }\n1 +2",
            "g.nfg:2:3: invalid number `+2`",
        ),
        (
            "NFG 1 R \"\" { \"a\" } { 2 }\n1 1/0",
            "g.nfg:2:3: invalid number `1/0`: division by zero",
        ),
        (
            "NFG 1 R \"\" { \"a\" \"b\" } { 1 1 }\n{ { \"o\" 1, 2 } }\n2",
            "g.nfg:3:1: outcome index 2 out of range",
        ),
        (
            "NFG 1 R \"\" { \"a\" \"b\" } { 1 1 }\n{ { \"o\" 1 } }\n1",
            "g.nfg:2:11: outcome 1 has 1 payoffs, expected 2",
        ),
        ("# a comment\nNFG 1 R", "g.nfg:1:1: expected `NFG`"),
        ("NFG 1 R \"\" { a }", "g.nfg:1:14: expected a player name"),
        ("NFG 1 R \"title", "g.nfg:1:9: unterminated string"),
    ] {
        dir.write("g.nfg", text);
        let out = dir.run(&["solve", "g.nfg"]);
        out.check(out.code() == Some(2), "expected exit code 2")
            .stderr_has(&format!("error: {needle}"));
        assert!(out.stdout.is_empty());
    }
    dir.write("g.toml", "[game]\npayoffs = [[[1, 2], [3, 4]], [[5, 6]]]\n");
    let out = dir.run(&["solve", "g.toml"]);
    out.check(out.code() == Some(2), "expected exit code 2")
        .stderr_has("error: g.toml:2:30: key `game.payoffs[1]`: player 2 has 2 strategies elsewhere, here 1");
    let out = dir.run(&["solve", "missing.nfg"]);
    out.check(out.code() == Some(2), "expected exit code 2")
        .stderr_has("error: missing.nfg: cannot read the game");
}
