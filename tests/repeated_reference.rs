//! catch22's repeated games against the Axelrod Python library's own
//! results (tests/data/axelrod, made by scripts/axelrod-reference.py):
//! deterministic matches move for move, the ranking of a round robin, and
//! stochastic matches in distribution.

use catch22::engine::run_rng;
use catch22::repeated::file;
use catch22::repeated::play::{Histories, play_match_with};
use catch22::repeated::{MatchRules, Strategy, Tournament};

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/axelrod/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Rows of a reference CSV (no quoted fields in these files), header first.
fn rows(name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let text = data(name);
    let mut lines = text
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>());
    let header = lines.next().unwrap();
    (header, lines.collect())
}

fn custom() -> Vec<Strategy> {
    file::parse(&data("custom.toml"), "custom.toml")
        .unwrap()
        .strategies
}

fn strategy(name: &str) -> Strategy {
    Strategy::parse(name, &custom()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn deterministic_matches_are_move_for_move_axelrods() {
    let (header, rows) = rows("deterministic.csv");
    assert_eq!(
        header,
        [
            "player_a", "player_b", "score_a", "score_b", "moves_a", "moves_b"
        ]
    );
    assert_eq!(rows.len(), 26 * 27 / 2);
    let rules = MatchRules::default();
    let mut h = Histories::with_capacity(200);
    let mut bad = Vec::new();
    for r in &rows {
        let (a, b) = (strategy(&r[0]), strategy(&r[1]));
        let m = play_match_with(&a, &b, &rules, &mut run_rng(0, 0), &mut h);
        let text = |h: &catch22::repeated::History| -> String {
            h.moves().iter().map(|m| m.to_string()).collect()
        };
        let got = (
            m.score[0].to_string(),
            m.score[1].to_string(),
            text(&h.a),
            text(&h.b),
        );
        if got != (r[2].clone(), r[3].clone(), r[4].clone(), r[5].clone()) {
            bad.push(format!(
                "{} v {}: got {got:?}\n  want {:?}",
                r[0],
                r[1],
                &r[2..]
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {} matches differ:\n{}",
        bad.len(),
        rows.len(),
        bad.join("\n")
    );
}

#[test]
fn a_round_robin_ranks_as_axelrods() {
    let (_, want) = rows("ranking.csv");
    let (_, det) = rows("deterministic.csv");
    // The players in the reference's order: the first column of the
    // self-play rows.
    let players: Vec<Strategy> = det
        .iter()
        .filter(|r| r[0] == r[1])
        .map(|r| strategy(&r[0]))
        .collect();
    assert_eq!(players.len(), 26);
    let t = Tournament {
        players,
        rules: MatchRules::default(),
        repetitions: 1,
        seed: 1,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    let results = t.play(&pool);
    let ranking = results.ranking();
    for (rank, (s, w)) in ranking.iter().zip(&want).enumerate() {
        let close = |x: f64, y: &str| (x - y.parse::<f64>().unwrap()).abs() < 1e-9;
        assert_eq!(w[0], rank.to_string());
        assert_eq!(t.players[s.index].name, w[1], "rank {rank}");
        assert!(
            close(s.median_score_per_turn, &w[2]),
            "{}: {} vs {}",
            w[1],
            s.median_score_per_turn,
            w[2]
        );
        assert!(
            close(s.wins, &w[3]),
            "{}: wins {} vs {}",
            w[1],
            s.wins,
            w[3]
        );
        assert!(
            close(s.cooperation_rate, &w[4]),
            "{}: cooperation {} vs {}",
            w[1],
            s.cooperation_rate,
            w[4]
        );
    }
}

#[test]
fn stochastic_matches_agree_in_distribution() {
    let (header, rows) = rows("stochastic.csv");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let stats = [
        "score_per_turn_a",
        "score_per_turn_b",
        "cooperation_rate_a",
        "cooperation_rate_b",
        "turns",
    ];
    let mut bad = Vec::new();
    for (case, r) in rows.iter().enumerate() {
        let (a, b) = (strategy(&r[0]), strategy(&r[1]));
        let rules = MatchRules {
            turns: r[2].parse().unwrap(),
            noise: r[3].parse().unwrap(),
            prob_end: r[4].parse().unwrap(),
            ..MatchRules::default()
        };
        let n: u32 = r[5].parse().unwrap();
        let mut h = Histories::with_capacity(rules.turns);
        let mut values = vec![Vec::with_capacity(n as usize); stats.len()];
        for i in 0..n {
            let m = play_match_with(&a, &b, &rules, &mut run_rng(2026, u64::from(i)), &mut h);
            let v = [
                m.score_per_turn(0),
                m.score_per_turn(1),
                m.cooperation_rate(0),
                m.cooperation_rate(1),
                f64::from(m.turns),
            ];
            for (k, x) in v.into_iter().enumerate() {
                values[k].push(x);
            }
        }
        for (k, s) in stats.iter().enumerate() {
            let v = &values[k];
            let mean = v.iter().sum::<f64>() / v.len() as f64;
            let sd =
                (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (v.len() - 1) as f64).sqrt();
            let ref_mean: f64 = r[col(&format!("{s}_mean"))].parse().unwrap();
            let ref_sd: f64 = r[col(&format!("{s}_sd"))].parse().unwrap();
            // Two independent samples of n matches each: the difference of
            // the means has standard error sqrt(sd1^2/n + sd2^2/n); four of
            // them is a two-sided 99.994% interval.
            let se = ((sd * sd + ref_sd * ref_sd) / f64::from(n)).sqrt();
            if (mean - ref_mean).abs() > 4.0 * se + 1e-12 {
                bad.push(format!(
                    "case {case} {} v {} {s}: catch22 {mean:.5} (sd {sd:.4}), Axelrod {ref_mean:.5} (sd {ref_sd:.4}), margin {:.5}",
                    r[0], r[1], 4.0 * se
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
