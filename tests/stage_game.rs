//! The shipped Iran–US matrix games are what `catch22 stage-game` reads off
//! the model: each file is regenerated with the command in its header and
//! must match byte for byte; `catch22 solve` reads them and finds the trap.

mod common;

use common::{Csv, TempDir};

fn shipped(name: &str) -> (String, String) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/games")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    (path.to_string_lossy().into_owned(), text)
}

/// The arguments of the "Made by: catch22 ..." header line.
fn made_by(text: &str) -> Vec<String> {
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("# Made by: catch22 "))
        .expect("a `# Made by:` line");
    line.split_whitespace().map(str::to_string).collect()
}

#[test]
fn the_shipped_games_are_what_the_model_gives() {
    let dir = TempDir::new("stage");
    for name in ["iran-us.toml", "iran-us-intermediary.toml"] {
        let (_, text) = shipped(name);
        let args = made_by(&text);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = dir.run(&args);
        out.success();
        out.check(
            out.stdout == text,
            format!(
                "scenarios/games/{name} differs from a fresh `catch22 {}`",
                args.join(" ")
            ),
        );
    }
}

#[test]
fn the_games_in_normal_form() {
    let dir = TempDir::new("stage-solve");
    let played = |name: &str| -> Vec<(String, String)> {
        let (path, _) = shipped(name);
        let out = dir.run(&["solve", &path, "--format", "csv"]);
        out.success();
        let csv = Csv::parse(&out.stdout);
        assert!(csv.column("equilibrium").iter().all(|e| *e == "1"));
        csv.rows
            .iter()
            .filter(|r| r[csv.col("probability")] != "0")
            .map(|r| (r[csv.col("player")].clone(), r[csv.col("strategy")].clone()))
            .collect()
    };
    // 2x2: held fixed for a whole run, tightening costs the US its
    // enforcement and buys no deal from a fence-sitter whose refusal stays
    // survivable; the unique equilibrium is (refuse, engage).
    assert_eq!(
        played("iran-us.toml"),
        [
            ("Iran".into(), "refuse".into()),
            ("US".into(), "engage".into())
        ]
    );
    // 3x2: talks through an intermediary answered in kind: Iran's best.
    assert_eq!(
        played("iran-us-intermediary.toml"),
        [
            ("Iran".into(), "intermediary".into()),
            ("US".into(), "engage".into())
        ]
    );
}

#[test]
fn bad_stage_game_flags_are_refused() {
    let dir = TempDir::new("stage-bad");
    dir.run(&["stage-game", "--iran", "talk=parley"])
        .refused("--iran: unknown action `parley` (one of hold, confront, intermediary, negotiate, escalate)");
    dir.run(&["stage-game", "--us", "a=hold_direct,a=tighten"])
        .refused("--us: label `a` given twice");
    dir.run(&["stage-game", "--us", "engage=engage"])
        .refused("--us: unknown action `engage`");
    dir.run(&["stage-game", "--us", "\"x\"=hold"])
        .refused("must be letters, digits");
    dir.run(&["stage-game", "--runs", "0"]).refused("--runs");
    dir.run(&["stage-game", "nosuch"]).refused("nosuch");
}
