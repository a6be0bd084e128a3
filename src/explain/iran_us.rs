//! The Iran × US stage game as a normal-form [`Game`] of the generic solver:
//! the bridge from the Catch-22 model to `crate::game`, which knows nothing
//! of Iran.

use crate::game::Game;
use crate::game::rational::Rational;
use crate::model::{IranAction, UsAction};

/// The Iran × US stage game (Iran is player 1), with `payoff(i, j)` =
/// (Iran's, the US's) payoffs for Iran's action i and the US's j, in
/// `IranAction::ALL` and `UsAction::ALL` order.
pub fn game(
    title: &str,
    comment: &str,
    mut payoff: impl FnMut(usize, usize) -> [Rational; 2],
) -> Game {
    let (rows, cols) = (IranAction::ALL.len(), UsAction::ALL.len());
    let mut payoffs = Vec::with_capacity(rows * cols);
    // Gambit's order: player 1's strategy changes fastest.
    for j in 0..cols {
        for i in 0..rows {
            payoffs.push(payoff(i, j).to_vec());
        }
    }
    Game {
        title: title.to_string(),
        comment: comment.to_string(),
        players: vec!["Iran".into(), "US".into()],
        strategies: vec![
            IranAction::ALL
                .iter()
                .map(|a| a.name().to_string())
                .collect(),
            UsAction::ALL.iter().map(|a| a.name().to_string()).collect(),
        ],
        payoffs,
    }
}
