//! The stage game of a repeated game: two players, two actions each.
//!
//! The classic strategies are defined on "cooperate" and "defect", so a
//! repeated game here is always 2×2: each player's first action plays the
//! role of cooperation (`C`), the second of defection (`D`). The actions can
//! carry any names (Iran: talk/refuse; the US: engage/pressure) and the
//! payoffs need not be symmetric.

use std::fmt;

/// One action of the stage game: the first (`C`, "cooperate") or the second
/// (`D`, "defect") of a player's two actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Move {
    /// The first action ("cooperate").
    C = 0,
    /// The second action ("defect").
    D = 1,
}

impl Move {
    /// The other action (what noise turns a move into).
    pub fn flip(self) -> Move {
        match self {
            Move::C => Move::D,
            Move::D => Move::C,
        }
    }

    /// 0 for `C`, 1 for `D`: the row or column of a payoff matrix.
    pub fn index(self) -> usize {
        self as usize
    }

    /// `C` or `D` from the letter (as in Axelrod's `str_to_actions`).
    pub fn from_letter(c: char) -> Option<Move> {
        match c {
            'C' | 'c' => Some(Move::C),
            'D' | 'd' => Some(Move::D),
            _ => None,
        }
    }
}

impl fmt::Display for Move {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Move::C => "C",
            Move::D => "D",
        })
    }
}

/// The prisoner's dilemma payoffs: reward, sucker, temptation, punishment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rstp {
    /// Reward for mutual cooperation.
    pub r: f64,
    /// Sucker's payoff (cooperating against a defector).
    pub s: f64,
    /// Temptation (defecting against a cooperator).
    pub t: f64,
    /// Punishment for mutual defection.
    pub p: f64,
}

impl Rstp {
    /// Axelrod's tournament payoffs R=3, S=0, T=5, P=1, the default.
    pub const AXELROD: Rstp = Rstp {
        r: 3.0,
        s: 0.0,
        t: 5.0,
        p: 1.0,
    };
}

/// A player's payoffs seen from its own side: `own[mine][theirs]` and the
/// opponent's `other[mine][theirs]`, so that a strategy scores rounds the
/// same way whether it sits in the row or in the column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// This player's payoff.
    pub own: [[f64; 2]; 2],
    /// The opponent's payoff.
    pub other: [[f64; 2]; 2],
}

impl View {
    /// This player's reward, sucker, temptation and punishment payoffs (what
    /// Axelrod's `game.RPST()` gives the strategies that need them).
    pub fn rstp(&self) -> Rstp {
        Rstp {
            r: self.own[0][0],
            s: self.own[0][1],
            t: self.own[1][0],
            p: self.own[1][1],
        }
    }
}

/// A 2×2 stage game.
#[derive(Debug, Clone, PartialEq)]
pub struct StageGame {
    /// The name of the stage game (shown by `check` and in reports).
    pub title: String,
    /// Player A's (the row player's) two actions: cooperate-like first.
    pub actions_a: [String; 2],
    /// Player B's (the column player's) two actions.
    pub actions_b: [String; 2],
    /// Payoff to A: `row[a][b]`.
    pub row: [[f64; 2]; 2],
    /// Payoff to B: `col[a][b]`.
    pub col: [[f64; 2]; 2],
}

impl Default for StageGame {
    fn default() -> Self {
        StageGame::prisoners_dilemma(Rstp::AXELROD)
    }
}

impl StageGame {
    /// The symmetric prisoner's dilemma with these payoffs.
    pub fn prisoners_dilemma(x: Rstp) -> StageGame {
        let row = [[x.r, x.s], [x.t, x.p]];
        StageGame {
            title: "Prisoner's dilemma".to_string(),
            actions_a: ["C".to_string(), "D".to_string()],
            actions_b: ["C".to_string(), "D".to_string()],
            row,
            col: transpose(row),
        }
    }

    /// The payoffs of one round: (A's, B's).
    pub fn payoffs(&self, a: Move, b: Move) -> (f64, f64) {
        (
            self.row[a.index()][b.index()],
            self.col[a.index()][b.index()],
        )
    }

    /// Player A's view of the payoffs.
    pub fn view_a(&self) -> View {
        View {
            own: self.row,
            other: self.col,
        }
    }

    /// Player B's view of the payoffs (its own move first).
    pub fn view_b(&self) -> View {
        View {
            own: transpose(self.col),
            other: transpose(self.row),
        }
    }

    /// Whether both players have the same payoffs from their own side.
    pub fn is_symmetric(&self) -> bool {
        self.col == transpose(self.row)
    }
}

fn transpose(m: [[f64; 2]; 2]) -> [[f64; 2]; 2] {
    [[m[0][0], m[1][0]], [m[0][1], m[1][1]]]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_axelrods_prisoners_dilemma() {
        let g = StageGame::default();
        assert_eq!(g.payoffs(Move::C, Move::C), (3.0, 3.0));
        assert_eq!(g.payoffs(Move::C, Move::D), (0.0, 5.0));
        assert_eq!(g.payoffs(Move::D, Move::C), (5.0, 0.0));
        assert_eq!(g.payoffs(Move::D, Move::D), (1.0, 1.0));
        assert!(g.is_symmetric());
        assert_eq!(g.view_a(), g.view_b());
        assert_eq!(g.view_a().rstp(), Rstp::AXELROD);
    }

    #[test]
    fn the_column_player_sees_its_own_payoffs_first() {
        let g = StageGame {
            col: [[2.0, 7.0], [4.0, 6.0]],
            ..StageGame::default()
        };
        let v = g.view_b();
        // B cooperates (its move first), A defects: col[D][C].
        assert_eq!(v.own[0][1], 4.0);
        assert_eq!(v.other[0][1], 5.0);
        assert!(!g.is_symmetric());
    }

    #[test]
    fn moves_flip() {
        assert_eq!(Move::C.flip(), Move::D);
        assert_eq!(Move::D.flip().flip(), Move::D);
        assert_eq!(Move::from_letter('d'), Some(Move::D));
        assert_eq!(Move::from_letter('x'), None);
    }
}
