//! `catch22 match` and `catch22 tournament`: the CSV contracts, determinism
//! across thread counts, the shipped tournament files and bad input.

mod common;

use common::{Csv, TempDir, num};

const MATCH_COLUMNS: [&str; 7] = [
    "player_a",
    "player_b",
    "turns",
    "score_a",
    "score_b",
    "cooperation_rate_a",
    "cooperation_rate_b",
];
const RANK_COLUMNS: [&str; 6] = [
    "rank",
    "name",
    "median_score_per_turn",
    "mean_score_per_turn",
    "wins",
    "cooperation_rate",
];

fn basic() -> String {
    common::scenario_file("tournaments/basic")
}

#[test]
fn match_prints_one_row_per_repetition_with_the_contract_columns() {
    let dir = TempDir::new("match");
    let out = dir.run(&["match", "TitForTat", "Defector", "--repetitions", "3"]);
    out.success();
    let csv = Csv::parse(&out.stdout);
    assert_eq!(&csv.header[..7], MATCH_COLUMNS);
    assert_eq!(csv.rows.len(), 3);
    for r in &csv.rows {
        // The published result: TitForTat loses only the first turn.
        assert_eq!(
            r[..7],
            [
                "TitForTat",
                "Defector",
                "200",
                "199.000000",
                "204.000000",
                "0.005000",
                "0.000000"
            ]
        );
    }
}

#[test]
fn match_with_noise_ending_probability_and_a_seed_is_reproducible() {
    let dir = TempDir::new("match-seed");
    let args = [
        "match",
        "Random(0.3)",
        "GenerousTitForTat(0.1)",
        "--noise",
        "0.1",
        "--prob-end",
        "0.01",
        "--seed",
        "7",
        "--repetitions",
        "20",
        "--turns",
        "500",
    ];
    let a = dir.run(&args);
    a.success();
    let b = dir.run(&args);
    assert_eq!(a.stdout, b.stdout);
    let csv = Csv::parse(&a.stdout);
    let turns: Vec<f64> = csv.column("turns").iter().map(|t| num(t)).collect();
    assert!(turns.iter().all(|&t| (1.0..=500.0).contains(&t)));
    assert!(
        turns.windows(2).any(|w| w[0] != w[1]),
        "lengths vary: {turns:?}"
    );
    assert_eq!(csv.column("player_b")[0], "GenerousTitForTat(0.1)");
}

#[test]
fn match_discounts_turn_t_by_the_factor_to_the_power_t() {
    let dir = TempDir::new("discount");
    let out = dir.run(&[
        "match",
        "TitForTat",
        "Defector",
        "--turns",
        "3",
        "--discount",
        "0.5",
    ]);
    out.success();
    // A: 0 + 0.5 * 1 + 0.25 * 1; B: 5 + 0.5 * 1 + 0.25 * 1.
    let row = &Csv::parse(&out.stdout).rows[0];
    assert_eq!(row[3..5], ["0.750000", "5.750000"]);
}

#[test]
fn tournament_is_byte_identical_for_any_thread_count() {
    let dir = TempDir::new("threads");
    let one = dir.run(&[
        "tournament",
        &basic(),
        "--threads",
        "1",
        "--matches",
        "m1.csv",
        "-q",
    ]);
    one.success();
    let two = dir.run(&[
        "tournament",
        &basic(),
        "--threads",
        "2",
        "--matches",
        "m2.csv",
        "-q",
    ]);
    two.success();
    let three = dir.run(&["tournament", &basic(), "--threads", "3", "-q"]);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, three.stdout);
    assert_eq!(dir.read("m1.csv"), dir.read("m2.csv"));
    let ranking = Csv::parse(&one.stdout);
    assert_eq!(&ranking.header[..6], RANK_COLUMNS);
    assert_eq!(ranking.rows.len(), 10);
    assert_eq!(ranking.column("rank")[0], "0");
    let matches = Csv::parse(&dir.read("m1.csv"));
    assert_eq!(&matches.header[..7], MATCH_COLUMNS);
    // 10 players: 55 pairs with self-play, 100 repetitions each.
    assert_eq!(matches.rows.len(), 5500);
}

#[test]
fn every_shipped_tournament_runs() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/tournaments");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path().to_string_lossy().into_owned();
        let tmp = TempDir::new("shipped");
        tmp.run(&["tournament", &path, "-q"]).success();
    }
}

#[test]
fn tournament_files_define_games_and_strategies() {
    let dir = TempDir::new("custom");
    // The example's strategies, with MyM1 made TitForTat and an asymmetric
    // game with named actions.
    let example = std::fs::read_to_string(common::scenario_file("tournaments/example")).unwrap();
    let text = example
        .replace("[\"TitForTat\", \"Defector\", \"Random(0.3)\", \"MyM1\", \"MyFSM\"]", "[\"TitForTat\", \"MyM1\", \"MyFSM\"]")
        .replace("repetitions = 100", "repetitions = 2")
        .replace("turns = 200", "turns = 20")
        .replace("noise = 0.05", "noise = 0")
        .replace("p = [0.9, 0.1, 0.9, 0.1]", "p = [1, 0, 1, 0]")
        .replace(
            "r = 3\ns = 0\nt = 5\np = 1\n",
            "actions_a = [\"talk\", \"refuse\"]\nactions_b = [\"engage\", \"pressure\"]\nrow = [[3, 0], [4, 1]]\ncol = [[3, 4], [0, 1]]\n",
        );
    assert!(
        text.contains("[\"TitForTat\", \"MyM1\", \"MyFSM\"]")
            && text.contains("row = ")
            && text.contains("p = [1, 0")
    );
    dir.write("t.toml", &text);
    let out = dir.run(&["tournament", "t.toml", "--matches", "m.csv", "-q"]);
    out.success();
    // All three are TitForTat: every match is mutual cooperation, 3 per turn.
    let csv = Csv::parse(&out.stdout);
    assert!(
        csv.column("median_score_per_turn")
            .iter()
            .all(|s| *s == "3.000000")
    );
    let m = Csv::parse(&dir.read("m.csv"));
    assert!(m.column("score_a").iter().all(|s| *s == "60.000000"));
    // The same game file serves `match`.
    let out = dir.run(&[
        "match", "MyFSM", "Defector", "--game", "t.toml", "--turns", "5",
    ]);
    out.success();
    assert_eq!(Csv::parse(&out.stdout).rows[0][3], "4.000000");
}

#[test]
fn bad_input_is_refused_with_file_line_and_key() {
    let dir = TempDir::new("bad");
    let cases: &[(&str, &[&str])] = &[
        (
            "[tournament]\nplayers = [\"TitForTat\", \"Grudgr\"]\n",
            &[
                "t.toml:2:",
                "tournament.players[1]",
                "did you mean `Grudger`",
            ],
        ),
        (
            "[tournament]\nplayers = [\"TitForTat\", \"Defector\"]\nnoise = -0.1\n",
            &["t.toml:3:", "tournament.noise", "[0, 1]"],
        ),
        (
            "[tournament]\nplayers = [\"TitForTat\", \"Defector\"]\nrepetitions = 0\n",
            &["t.toml:3:", "tournament.repetitions", "[1, 10000000]"],
        ),
        (
            "[tournament]\nplayers = [\"TitForTat\", \"Defector\"]\ndiscount = 0\n",
            &["t.toml:3:", "tournament.discount", "(0, 1]"],
        ),
        (
            "[tournament]\nplayers = [\"Random(2)\", \"Defector\"]\n",
            &["t.toml:2:", "[0, 1]"],
        ),
        (
            "[tournament]\nplayers = [\"TitForTat\", \"Defector\"]\n[game]\nrow = [[1, 2]]\n",
            &["t.toml:4:", "game.row", "2x2"],
        ),
        (
            "[tournament]\nplayers = [\"TitForTat\", \"Defector\"]\nturns = \"many\"\n",
            &["t.toml:3:", "tournament.turns", "integer"],
        ),
        (
            "[tournament]\nplayers = [\"TitForTat\", \"Defector\"\n",
            &["t.toml:", "TOML syntax error"],
        ),
        ("[game]\nr = 3\n", &["t.toml", "no [tournament] table"]),
    ];
    for (text, fragments) in cases {
        dir.write("t.toml", text);
        let before = dir.entries();
        let out = dir.run(&[
            "tournament",
            "t.toml",
            "--out",
            "r.csv",
            "--matches",
            "m.csv",
        ]);
        out.refused(fragments[0]);
        for f in &fragments[1..] {
            out.stderr_has(f);
        }
        assert_eq!(dir.entries(), before, "no output file or temporary is left");
    }
    dir.write(
        "ok.toml",
        "[tournament]\nplayers = [\"TitForTat\", \"Defector\"]\n",
    );
    for (args, needle) in [
        (
            &["match", "TitForTat", "Defektor"][..],
            "did you mean `Defector`",
        ),
        (
            &["match", "TitForTat", "Defector", "--noise", "2"][..],
            "--noise must be a probability in [0, 1]",
        ),
        (
            &["match", "TitForTat", "Defector", "--prob-end", "nan"][..],
            "--prob-end",
        ),
        (
            &["match", "TitForTat", "Defector", "--turns", "0"][..],
            "--turns must be in [1,",
        ),
        (
            &["match", "TitForTat", "Defector", "--discount", "1.5"][..],
            "--discount must be in (0, 1]",
        ),
        (&["tournament", "missing.toml"][..], "missing.toml"),
        (
            &["tournament", "ok.toml", "--matches", "-"][..],
            "both go to standard output",
        ),
        (
            &[
                "tournament",
                "ok.toml",
                "--out",
                "x.csv",
                "--matches",
                "./x.csv",
            ][..],
            "name the same file",
        ),
        (
            &["tournament", "ok.toml", "--out", "ok.toml"][..],
            "is the input `ok.toml`",
        ),
        (
            &[
                "match",
                "TitForTat",
                "Defector",
                "--game",
                "ok.toml",
                "--out",
                "./ok.toml",
            ][..],
            "is the input `ok.toml`",
        ),
    ] {
        dir.run(args).refused(needle);
    }
}

#[test]
fn shards_merge_to_the_unsharded_ranking() {
    let dir = TempDir::new("shards");
    let whole = dir.run(&["tournament", &basic(), "-q"]);
    whole.success();
    for i in 0..4 {
        let shard = format!("{i}/4");
        let part = format!("p{i}.part");
        dir.run(&[
            "tournament",
            &basic(),
            "--shard",
            &shard,
            "--out",
            &part,
            "-q",
            "--threads",
            "1",
        ])
        .success();
    }
    let merged = dir.run(&["merge", "p3.part", "p1.part", "p0.part", "p2.part", "-q"]);
    merged.success();
    assert_eq!(
        merged.stdout, whole.stdout,
        "byte-identical to the unsharded run"
    );
    dir.run(&["merge", "p0.part", "p1.part", "p2.part"])
        .refused("1 of 4 shards are missing (3)");
    dir.run(&["merge", "p0.part", "p0.part"])
        .refused("are both shard 0/4");
    // A part of another tournament (another seed) is refused.
    let other = std::fs::read_to_string(basic())
        .unwrap()
        .replace("seed = 1", "seed = 2");
    dir.write("other.toml", &other);
    dir.run(&[
        "tournament",
        "other.toml",
        "--shard",
        "1/4",
        "--out",
        "o1.part",
        "-q",
    ])
    .success();
    dir.run(&["merge", "p0.part", "o1.part"])
        .refused("another tournament job");
    dir.run(&["tournament", &basic(), "--shard", "0/4"])
        .refused("give --out PART");
    dir.run(&[
        "tournament",
        &basic(),
        "--shard",
        "0/4",
        "--out",
        "x",
        "--matches",
        "m.csv",
    ])
    .refused("--matches cannot be written by a shard");
}
