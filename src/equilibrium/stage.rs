//! The stage game of one round and its subgame-perfect play.
//!
//! The round is sequential, as in every behavioural policy: the US moves
//! first, Iran answers having seen the US move (`docs/MODEL.md` §2). So the
//! stage game is a game of perfect information within the round, solved by
//! backward induction: for each US action, Iran's best reply; then the US
//! action that is best for the US given those replies. Play is pure. Ties go
//! to the first action in `IranAction::ALL` / `UsAction::ALL` order, so the
//! solution is unique and the same on any number of threads.

use crate::model::{IranAction, UsAction};

/// Iran's actions (rows).
pub const ROWS: usize = IranAction::ALL.len();
/// The US actions (columns).
pub const COLS: usize = UsAction::ALL.len();

/// Payoffs of every action pair: `iran[i][j]` and `us[i][j]` when Iran plays
/// row i and the US column j (continuation values included).
#[derive(Debug, Clone, PartialEq)]
pub struct StageGame {
    /// Iran's payoffs.
    pub iran: [[f64; COLS]; ROWS],
    /// The US payoffs.
    pub us: [[f64; COLS]; ROWS],
}

/// The subgame-perfect play of a stage game.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Profile {
    /// The US action (column).
    pub us: usize,
    /// Iran's reply to each US action.
    pub iran: [usize; COLS],
    /// Iran's value on the path.
    pub value_iran: f64,
    /// The US value on the path.
    pub value_us: f64,
}

/// Whether `a` beats the incumbent `b` by more than rounding: ties keep the
/// earlier action.
#[inline]
fn beats(a: f64, b: f64) -> bool {
    a > b + 1e-12 * b.abs().max(1.0)
}

impl StageGame {
    /// Iran's best reply to US column `j`.
    pub fn iran_reply(&self, j: usize) -> usize {
        let mut best = 0;
        for i in 1..ROWS {
            if beats(self.iran[i][j], self.iran[best][j]) {
                best = i;
            }
        }
        best
    }

    /// Backward induction: Iran's reply to every US action, then the US
    /// action with the best US payoff against that reply.
    pub fn solve(&self) -> Profile {
        let iran: [usize; COLS] = std::array::from_fn(|j| self.iran_reply(j));
        let mut us = 0;
        for j in 1..COLS {
            if beats(self.us[iran[j]][j], self.us[iran[us]][us]) {
                us = j;
            }
        }
        Profile {
            us,
            iran,
            value_iran: self.iran[iran[us]][us],
            value_us: self.us[iran[us]][us],
        }
    }

    /// The US's best response to each Iranian row (for the teaching view):
    /// `best[i][j]` when column j maximises the US payoff against row i.
    pub fn us_best_responses(&self) -> [[bool; COLS]; ROWS] {
        std::array::from_fn(|i| {
            let max = self.us[i].iter().copied().fold(f64::NEG_INFINITY, f64::max);
            std::array::from_fn(|j| !beats(max, self.us[i][j]))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backward_induction_anticipates_the_reply() {
        // Two columns matter: column 0 is better for the US against row 0,
        // but Iran answers it with row 1, which makes column 1 the US choice.
        let mut g = StageGame {
            iran: [[0.0; COLS]; ROWS],
            us: [[-10.0; COLS]; ROWS],
        };
        g.iran[1][0] = 1.0; // Iran answers column 0 with row 1...
        g.us[0][0] = 5.0;
        g.us[1][0] = -1.0; // ...which is bad for the US.
        g.us[0][1] = 2.0; // Iran answers column 1 with row 0 (tie → first).
        let p = g.solve();
        assert_eq!(p.iran[0], 1);
        assert_eq!(p.iran[1], 0);
        assert_eq!(p.us, 1);
        assert_eq!((p.value_iran, p.value_us), (0.0, 2.0));
    }

    #[test]
    fn ties_go_to_the_first_action() {
        let g = StageGame {
            iran: [[1.0; COLS]; ROWS],
            us: [[1.0; COLS]; ROWS],
        };
        let p = g.solve();
        assert_eq!(p.us, 0);
        assert!(p.iran.iter().all(|&i| i == 0));
        assert!(g.us_best_responses().iter().flatten().all(|&b| b));
    }
}
