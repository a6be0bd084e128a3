//! Pure-strategy Nash equilibria of a game with any number of players.

use super::Game;

/// Every pure profile (one strategy index per player) from which no player
/// gains by deviating alone, in cell order (player 1's strategy fastest).
pub fn pure_equilibria(game: &Game) -> Vec<Vec<usize>> {
    let shape = game.shape();
    let n = shape.len();
    let cells = game.payoffs.len();
    let mut out = Vec::new();
    let mut profile = vec![0usize; n];
    for cell in 0..cells {
        // The profile of this cell (player 1 fastest).
        let mut rest = cell;
        for (p, s) in shape.iter().enumerate() {
            profile[p] = rest % s;
            rest /= s;
        }
        let mut stride = 1;
        let mut stable = true;
        for p in 0..n {
            let own = &game.payoffs[cell][p];
            let base = cell - profile[p] * stride;
            if (0..shape[p]).any(|s| &game.payoffs[base + s * stride][p] > own) {
                stable = false;
                break;
            }
            stride *= shape[p];
        }
        if stable {
            out.push(profile.clone());
        }
    }
    out
}
