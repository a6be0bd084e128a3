//! What a player has seen: its own moves and counts, as Axelrod's `History`.
//!
//! The buffer is allocated once per match (or once per worker thread, with
//! [`History::clear`]) with room for every turn, so the per-turn loop never
//! allocates.

use super::stage::Move;

/// One player's moves so far, as actually played (after noise).
#[derive(Debug, Clone, Default)]
pub struct History {
    moves: Vec<Move>,
    cooperations: u32,
}

impl History {
    /// An empty history with room for `turns` moves.
    pub fn with_capacity(turns: usize) -> History {
        History {
            moves: Vec::with_capacity(turns),
            cooperations: 0,
        }
    }

    /// Forgets every move, keeping the buffer.
    pub fn clear(&mut self) {
        self.moves.clear();
        self.cooperations = 0;
    }

    /// Records a move.
    pub fn push(&mut self, m: Move) {
        self.moves.push(m);
        self.cooperations += u32::from(m == Move::C);
    }

    /// How many moves have been played.
    pub fn len(&self) -> usize {
        self.moves.len()
    }

    /// Whether no move has been played yet.
    pub fn is_empty(&self) -> bool {
        self.moves.is_empty()
    }

    /// The last move, if any.
    pub fn last(&self) -> Option<Move> {
        self.moves.last().copied()
    }

    /// The move `back` turns ago (1 is the last), if there is one.
    pub fn back(&self, back: usize) -> Option<Move> {
        self.moves.len().checked_sub(back).map(|i| self.moves[i])
    }

    /// The move of turn `i` (0-based), if played.
    pub fn at(&self, i: usize) -> Option<Move> {
        self.moves.get(i).copied()
    }

    /// Every move so far.
    pub fn moves(&self) -> &[Move] {
        &self.moves
    }

    /// How many times this player cooperated.
    pub fn cooperations(&self) -> u32 {
        self.cooperations
    }

    /// How many times this player defected.
    pub fn defections(&self) -> u32 {
        self.moves.len() as u32 - self.cooperations
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_looks_back() {
        let mut h = History::with_capacity(4);
        assert!(h.is_empty());
        assert_eq!(h.last(), None);
        h.push(Move::C);
        h.push(Move::D);
        h.push(Move::D);
        assert_eq!((h.cooperations(), h.defections()), (1, 2));
        assert_eq!(h.back(1), Some(Move::D));
        assert_eq!(h.back(3), Some(Move::C));
        assert_eq!(h.back(4), None);
        assert_eq!(h.at(0), Some(Move::C));
        h.clear();
        assert_eq!((h.len(), h.cooperations()), (0, 0));
    }
}
