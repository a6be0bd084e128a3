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
fn the_trap_in_normal_form() {
    let dir = TempDir::new("stage-solve");
    // 2x2: refusing is strictly dominant for Iran; the US answers refusal with
    // pressure: the unique equilibrium is (refuse, pressure).
    let (path, _) = shipped("iran-us.toml");
    let out = dir.run(&["solve", &path, "--format", "csv"]);
    out.success();
    let csv = Csv::parse(&out.stdout);
    let played: Vec<(&str, &str)> = csv
        .rows
        .iter()
        .filter(|r| r[csv.col("probability")] != "0")
        .map(|r| {
            (
                r[csv.col("player")].as_str(),
                r[csv.col("strategy")].as_str(),
            )
        })
        .collect();
    assert_eq!(played, [("Iran", "refuse"), ("US", "pressure")]);
    assert!(csv.column("equilibrium").iter().all(|e| *e == "1"));
    // 3x2: every equilibrium has the US pressing and Iran paid as in
    // (refuse, pressure), which (intermediary, engage) beats for both sides.
    let (path, text) = shipped("iran-us-intermediary.toml");
    let out = dir.run(&["solve", &path, "--format", "csv"]);
    out.success();
    let csv = Csv::parse(&out.stdout);
    for r in &csv.rows {
        if r[csv.col("player")] == "US" {
            let p = &r[csv.col("probability")];
            let s = &r[csv.col("strategy")];
            assert_eq!(p == "1", s == "pressure", "{r:?}");
        }
    }
    let payoffs = text
        .lines()
        .skip_while(|l| !l.starts_with("payoffs"))
        .collect::<String>();
    let numbers: Vec<f64> = payoffs
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    // Rows talk, intermediary, refuse; columns engage, pressure; (Iran, US) per cell.
    let cell = |i: usize, j: usize| (numbers[4 * i + 2 * j], numbers[4 * i + 2 * j + 1]);
    let (eq, way_out) = (cell(2, 1), cell(1, 0));
    assert!(
        way_out.0 > eq.0 && way_out.1 > eq.1,
        "{way_out:?} vs {eq:?}"
    );
}

#[test]
fn bad_stage_game_flags_are_refused() {
    let dir = TempDir::new("stage-bad");
    dir.run(&["stage-game", "--iran", "talk=parley"])
        .refused("--iran: unknown action `parley` (one of hold, confront, intermediary, negotiate, escalate)");
    dir.run(&["stage-game", "--us", "a=engage,a=tighten"])
        .refused("--us: label `a` given twice");
    dir.run(&["stage-game", "--us", "\"x\"=engage"])
        .refused("must be letters, digits");
    dir.run(&["stage-game", "--runs", "0"]).refused("--runs");
    dir.run(&["stage-game", "nosuch"]).refused("nosuch");
}
