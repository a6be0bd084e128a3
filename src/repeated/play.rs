//! One match: two strategies, a stage game, a number of turns, noise and a
//! discount factor, played on one random stream.
//!
//! The order of random draws is fixed, so a match is reproducible from
//! (seed, stream): first the match length (only with an ending
//! probability), then every turn A's strategy, B's strategy, the noise flip
//! of A's move, the noise flip of B's move, each only when it is random.
//! As in the Axelrod library the noise flips the move actually played, and
//! both players remember the flipped move.

use rand::Rng;

use super::history::History;
use super::stage::{Move, StageGame};
use super::strategy::{Player, Strategy, random_choice, uniform};
use crate::engine::run_rng;

/// The rules of a repeated game, other than who plays.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchRules {
    /// The stage game.
    pub game: StageGame,
    /// The number of turns; with an ending probability, the most turns.
    pub turns: u32,
    /// The probability that the match ends after each turn (0: exactly
    /// `turns` turns, known to the players).
    pub prob_end: f64,
    /// The probability that each move is flipped.
    pub noise: f64,
    /// The weight of turn t (from 0) in the totals is `discount^t`.
    pub discount: f64,
}

impl Default for MatchRules {
    /// Axelrod's defaults: the prisoner's dilemma, 200 turns, no noise.
    fn default() -> Self {
        MatchRules {
            game: StageGame::default(),
            turns: 200,
            prob_end: 0.0,
            noise: 0.0,
            discount: 1.0,
        }
    }
}

impl MatchRules {
    /// The match length the players are told: the number of turns when it
    /// is fixed, nothing when the match may end at any turn (Axelrod's
    /// `match_attributes["length"]`, infinite then).
    pub fn known_length(&self) -> Option<u32> {
        (self.prob_end == 0.0).then_some(self.turns)
    }

    /// The length of one match: `turns`, or with an ending probability q a
    /// geometric draw (P(n) = q (1-q)^(n-1), by inversion as in Axelrod's
    /// `sample_length`) capped at `turns`.
    pub fn sample_length<R: Rng + ?Sized>(&self, rng: &mut R) -> u32 {
        let q = self.prob_end;
        if q <= 0.0 {
            return self.turns;
        }
        if q >= 1.0 {
            return 1;
        }
        let u = uniform(rng);
        let n = ((1.0 - u).ln() / (1.0 - q).ln()).ceil();
        // u = 0 gives 0: a match has at least one turn.
        n.clamp(1.0, f64::from(self.turns)) as u32
    }
}

/// What one match produced.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchResult {
    /// Turns played.
    pub turns: u32,
    /// Total (discounted) payoffs of A and B.
    pub score: [f64; 2],
    /// How many times A and B cooperated (played their first action).
    pub cooperations: [u32; 2],
}

impl MatchResult {
    /// Score per turn of player `k` (0 for A): total / turns, as Axelrod's
    /// "Score per turn".
    pub fn score_per_turn(&self, k: usize) -> f64 {
        self.score[k] / f64::from(self.turns)
    }

    /// Cooperation rate of player `k`: cooperations / turns.
    pub fn cooperation_rate(&self, k: usize) -> f64 {
        f64::from(self.cooperations[k]) / f64::from(self.turns)
    }

    /// The winner: `Some(0)` for A, `Some(1)` for B, `None` on a tie (the
    /// higher total wins, as Axelrod's `compute_winner_index`).
    pub fn winner(&self) -> Option<usize> {
        if self.score[0] > self.score[1] {
            Some(0)
        } else if self.score[1] > self.score[0] {
            Some(1)
        } else {
            None
        }
    }
}

/// The two histories of a match, reusable from match to match so that a
/// worker allocates them once.
#[derive(Debug, Clone, Default)]
pub struct Histories {
    /// A's moves.
    pub a: History,
    /// B's moves.
    pub b: History,
}

impl Histories {
    /// Empty histories with room for `turns` moves each.
    pub fn with_capacity(turns: u32) -> Histories {
        Histories {
            a: History::with_capacity(turns as usize),
            b: History::with_capacity(turns as usize),
        }
    }
}

/// Plays A against B on the stream `stream` of `seed` (see
/// [`crate::engine::run_rng`]).
pub fn play_match(
    a: &Strategy,
    b: &Strategy,
    rules: &MatchRules,
    seed: u64,
    stream: u64,
) -> MatchResult {
    let mut h = Histories::with_capacity(rules.turns);
    play_match_with(a, b, rules, &mut run_rng(seed, stream), &mut h)
}

/// Plays A against B drawing from `rng`, in the buffers `h` (their
/// contents are replaced by the match's moves).
pub fn play_match_with<R: Rng + ?Sized>(
    a: &Strategy,
    b: &Strategy,
    rules: &MatchRules,
    rng: &mut R,
    h: &mut Histories,
) -> MatchResult {
    let turns = rules.sample_length(rng);
    let length = rules.known_length();
    let mut pa = Player::new(a, rules.game.view_a(), length);
    let mut pb = Player::new(b, rules.game.view_b(), length);
    h.a.clear();
    h.b.clear();
    let mut score = [0.0; 2];
    let mut weight = 1.0;
    let flip = |m: Move, rng: &mut R| {
        if random_choice(rules.noise, rng) == Move::C {
            m.flip()
        } else {
            m
        }
    };
    for _ in 0..turns {
        let ma = pa.decide(&h.a, &h.b, rng);
        let mb = pb.decide(&h.b, &h.a, rng);
        let ma = flip(ma, rng);
        let mb = flip(mb, rng);
        h.a.push(ma);
        h.b.push(mb);
        let (x, y) = rules.game.payoffs(ma, mb);
        score[0] += weight * x;
        score[1] += weight * y;
        weight *= rules.discount;
    }
    MatchResult {
        turns,
        score,
        cooperations: [h.a.cooperations(), h.b.cooperations()],
    }
}
