//! Round-robin tournaments: every pair of players (self-play included) plays
//! `repetitions` matches, and the players are ranked as the Axelrod library
//! ranks them.
//!
//! Match `k` (pairs (i, j) with i <= j in row order) repetition `r` plays on
//! the random stream `k * repetitions + r` of the seed, whatever thread
//! plays it; results are stored by index and reduced in index order, so the
//! output is byte-identical for any number of threads.

use rayon::prelude::*;

use super::play::{Histories, MatchResult, MatchRules, play_match_with};
use super::strategy::Strategy;
use crate::engine::run_rng;

/// A tournament: players, rules, repetitions and seed.
#[derive(Debug, Clone, PartialEq)]
pub struct Tournament {
    /// The players, in the order given (the order breaks ranking ties).
    pub players: Vec<Strategy>,
    /// The rules of every match.
    pub rules: MatchRules,
    /// Matches per pair.
    pub repetitions: u32,
    /// Master seed.
    pub seed: u64,
}

/// One pair of players.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// The row player's index.
    pub a: usize,
    /// The column player's index (`a <= b`; `a == b` is self-play).
    pub b: usize,
}

/// Every match of a tournament, by pair and repetition.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// The number of players.
    pub players: usize,
    /// The pairs, in match order.
    pub pairs: Vec<Pair>,
    /// Repetitions per pair.
    pub repetitions: u32,
    /// `matches[k * repetitions + r]`: pair `k`, repetition `r`.
    pub matches: Vec<MatchResult>,
}

/// One player's line of the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// The player's index in the tournament.
    pub index: usize,
    /// Median over repetitions of the mean score per turn against the other
    /// players (self-play excluded), Axelrod's "Median_score".
    pub median_score_per_turn: f64,
    /// The mean of the same per-repetition values.
    pub mean_score_per_turn: f64,
    /// Median over repetitions of the matches won against the other players
    /// (Axelrod's "Wins"; a half when the median falls between two counts).
    pub wins: f64,
    /// Cooperations over turns, against the other players, all repetitions
    /// (Axelrod's "Cooperation_rating").
    pub cooperation_rate: f64,
}

/// The pairs of a round robin with self-play: (0,0), (0,1), ..., (n-1,n-1).
pub fn pairs(n: usize) -> Vec<Pair> {
    (0..n)
        .flat_map(|a| (a..n).map(move |b| Pair { a, b }))
        .collect()
}

impl Tournament {
    /// The number of matches: pairs (self-play included) × repetitions.
    pub fn total_matches(&self) -> u64 {
        let n = self.players.len() as u64;
        n * (n + 1) / 2 * u64::from(self.repetitions)
    }

    /// Plays every match on `pool`.
    pub fn play(&self, pool: &rayon::ThreadPool) -> Results {
        let matches = self.play_range(pool, 0..self.total_matches());
        Results::new(self.players.len(), self.repetitions, matches)
    }

    /// Plays the matches with these indices (match k, repetition r has index
    /// k × repetitions + r), in index order: a shard's share of the job.
    pub fn play_range(
        &self,
        pool: &rayon::ThreadPool,
        range: std::ops::Range<u64>,
    ) -> Vec<MatchResult> {
        let pairs = pairs(self.players.len());
        let reps = u64::from(self.repetitions);
        pool.install(|| {
            range
                .into_par_iter()
                .map_init(
                    || Histories::with_capacity(self.rules.turns),
                    |h, i| {
                        let pair = pairs[(i / reps) as usize];
                        let mut rng = run_rng(self.seed, i);
                        play_match_with(
                            &self.players[pair.a],
                            &self.players[pair.b],
                            &self.rules,
                            &mut rng,
                            h,
                        )
                    },
                )
                .collect()
        })
    }
}

impl Results {
    /// The results of a round robin of `players` from its matches in index
    /// order (all of them).
    pub fn new(players: usize, repetitions: u32, matches: Vec<MatchResult>) -> Results {
        Results {
            players,
            pairs: pairs(players),
            repetitions,
            matches,
        }
    }

    /// The matches of pair `k`, one per repetition.
    pub fn pair_matches(&self, k: usize) -> &[MatchResult] {
        let r = self.repetitions as usize;
        &self.matches[k * r..(k + 1) * r]
    }

    /// The mean payoff per turn of player i against player j over the
    /// repetitions, `m[i][j]` (Axelrod's `payoff_matrix`). On the diagonal,
    /// the mean of both sides of the self-play match.
    pub fn payoff_matrix(&self) -> Vec<Vec<f64>> {
        let n = self.players;
        let mut m = vec![vec![0.0; n]; n];
        let reps = f64::from(self.repetitions);
        for (k, p) in self.pairs.iter().enumerate() {
            let ms = self.pair_matches(k);
            if p.a == p.b {
                let s: f64 = ms
                    .iter()
                    .map(|r| (r.score_per_turn(0) + r.score_per_turn(1)) / 2.0)
                    .sum();
                m[p.a][p.a] = s / reps;
            } else {
                m[p.a][p.b] = ms.iter().map(|r| r.score_per_turn(0)).sum::<f64>() / reps;
                m[p.b][p.a] = ms.iter().map(|r| r.score_per_turn(1)).sum::<f64>() / reps;
            }
        }
        m
    }

    /// The standings, best first: sorted by median score per turn,
    /// descending, ties in player order (Axelrod's stable sort).
    pub fn ranking(&self) -> Vec<Standing> {
        let n = self.players;
        let reps = self.repetitions as usize;
        // Per player and repetition: summed score per turn, wins; per player:
        // cooperations and turns. Summed in pair order, so deterministic.
        let mut scores = vec![vec![0.0; reps]; n];
        let mut wins = vec![vec![0u32; reps]; n];
        let mut coop = vec![0u64; n];
        let mut turns = vec![0u64; n];
        for (k, p) in self.pairs.iter().enumerate() {
            if p.a == p.b {
                continue;
            }
            for (r, m) in self.pair_matches(k).iter().enumerate() {
                for (side, i) in [(0, p.a), (1, p.b)] {
                    scores[i][r] += m.score_per_turn(side);
                    coop[i] += u64::from(m.cooperations[side]);
                    turns[i] += u64::from(m.turns);
                }
                if let Some(w) = m.winner() {
                    wins[[p.a, p.b][w]][r] += 1;
                }
            }
        }
        let opponents = n.saturating_sub(1).max(1) as f64;
        let mut standings: Vec<Standing> = (0..n)
            .map(|i| {
                let per_rep: Vec<f64> = scores[i].iter().map(|s| s / opponents).collect();
                let won: Vec<f64> = wins[i].iter().map(|&w| f64::from(w)).collect();
                Standing {
                    index: i,
                    median_score_per_turn: median(&per_rep),
                    mean_score_per_turn: per_rep.iter().sum::<f64>() / per_rep.len().max(1) as f64,
                    wins: median(&won),
                    cooperation_rate: coop[i] as f64 / turns[i].max(1) as f64,
                }
            })
            .collect();
        standings.sort_by(|x, y| y.median_score_per_turn.total_cmp(&x.median_score_per_turn));
        standings
    }
}

/// The median (the mean of the two middle values for an even count; 0 for
/// none), as numpy's `median`.
pub fn median(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let k = v.len() / 2;
    if v.len() % 2 == 1 {
        v[k]
    } else {
        (v[k - 1] + v[k]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repeated::MatchRules;

    #[test]
    fn pairs_include_self_play_in_row_order() {
        let p = pairs(3);
        let ab: Vec<(usize, usize)> = p.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(ab, [(0, 0), (0, 1), (0, 2), (1, 1), (1, 2), (2, 2)]);
    }

    fn tournament(players: &[&str], noise: f64, repetitions: u32) -> Tournament {
        Tournament {
            players: players
                .iter()
                .map(|p| Strategy::parse(p, &[]).unwrap())
                .collect(),
            rules: MatchRules {
                noise,
                ..MatchRules::default()
            },
            repetitions,
            seed: 3,
        }
    }

    #[test]
    fn the_payoff_matrix_is_the_mean_score_per_turn() {
        let t = tournament(&["TitForTat", "Defector", "Cooperator"], 0.0, 3);
        let pool = crate::engine::pool(2).unwrap();
        let m = t.play(&pool).payoff_matrix();
        assert_eq!(m[0], [3.0, 199.0 / 200.0, 3.0]);
        assert_eq!(m[1], [204.0 / 200.0, 1.0, 5.0]);
        assert_eq!(m[2], [3.0, 0.0, 3.0]);
    }

    #[test]
    fn the_ranking_follows_the_median_and_counts_wins() {
        let t = tournament(&["Cooperator", "TitForTat", "Defector"], 0.0, 2);
        let pool = crate::engine::pool(1).unwrap();
        let r = t.play(&pool).ranking();
        // TitForTat: (3 + 199/200) / 2; Defector: (5 + 204/200) / 2; Cooperator: (3 + 0) / 2.
        let order: Vec<usize> = r.iter().map(|s| s.index).collect();
        assert_eq!(order, [2, 1, 0]);
        assert_eq!(r[0].median_score_per_turn, (5.0 + 1.02) / 2.0);
        assert_eq!((r[0].wins, r[1].wins, r[2].wins), (2.0, 0.0, 0.0));
        assert_eq!(r[1].cooperation_rate, 201.0 / 400.0);
    }

    #[test]
    fn results_do_not_depend_on_the_pool() {
        let t = tournament(
            &["Random(0.4)", "TitForTat", "Joss", "WinStayLoseShift"],
            0.05,
            7,
        );
        let a = t.play(&crate::engine::pool(1).unwrap());
        let b = t.play(&crate::engine::pool(3).unwrap());
        assert_eq!(a, b);
        assert_eq!(a.ranking(), b.ranking());
    }

    #[test]
    fn medians_as_numpy() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(median(&[]), 0.0);
    }
}
