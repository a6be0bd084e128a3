//! Strategies defined in TOML: any memory-one strategy and any finite-state
//! machine, as Axelrod's `MemoryOnePlayer` and `FSMPlayer`.

use crate::repeated::stage::Move;

/// How a memory-one strategy opens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Opening {
    /// A fixed first move.
    Move(Move),
    /// Cooperate with this probability on the first turn.
    Probability(f64),
}

/// A memory-one strategy: the probability of cooperating after each
/// outcome of the last turn, own move first.
#[derive(Debug, Clone, PartialEq)]
pub struct MemoryOne {
    /// P(C) after CC, CD, DC, DD.
    pub p: [f64; 4],
    /// The first move.
    pub first: Opening,
}

impl MemoryOne {
    /// Checks the probabilities; the error names the bad one.
    pub fn new(p: [f64; 4], first: Opening) -> Result<MemoryOne, String> {
        for (i, x) in p.iter().enumerate() {
            if !(x.is_finite() && (0.0..=1.0).contains(x)) {
                return Err(format!(
                    "p[{i}] (after {}) must be a probability in [0, 1], got {x}",
                    ["CC", "CD", "DC", "DD"][i]
                ));
            }
        }
        if let Opening::Probability(x) = first {
            if !(x.is_finite() && (0.0..=1.0).contains(&x)) {
                return Err(format!(
                    "the opening must be \"C\", \"D\" or a probability in [0, 1], got {x}"
                ));
            }
        }
        Ok(MemoryOne { p, first })
    }

    /// Whether any probability is strictly between 0 and 1.
    pub fn is_stochastic(&self) -> bool {
        let random = |x: f64| x > 0.0 && x < 1.0;
        self.p.iter().any(|&x| random(x))
            || matches!(self.first, Opening::Probability(x) if random(x))
    }
}

/// A deterministic finite-state machine: from each state, the opponent's
/// last move selects the next state and the move to play.
#[derive(Debug, Clone, PartialEq)]
pub struct Fsm {
    /// `table[state][opponent's last move] = (next state, move)`, states as
    /// indices into `labels`.
    pub table: Vec<[(usize, Move); 2]>,
    /// The state labels as written in TOML.
    pub labels: Vec<i64>,
    /// The index of the initial state.
    pub initial_state: usize,
    /// The first move (before the opponent has moved).
    pub initial_action: Move,
}

impl Fsm {
    /// Builds the machine from `(state, opponent's move, next state, move)`
    /// rows. Like Axelrod's `SimpleFSM`, every state that can be reached
    /// (the initial one and every target) needs a row for C and one for D;
    /// unlike it, a repeated row is an error rather than silently the last
    /// one winning. Errors name the row (0-based).
    pub fn new(
        initial_state: i64,
        initial_action: Move,
        rows: &[(i64, Move, i64, Move)],
    ) -> Result<Fsm, String> {
        let mut labels: Vec<i64> = Vec::new();
        let index = |s: i64, labels: &mut Vec<i64>| match labels.iter().position(|&l| l == s) {
            Some(i) => i,
            None => {
                labels.push(s);
                labels.len() - 1
            }
        };
        let mut cells: Vec<[Option<(usize, Move)>; 2]> = Vec::new();
        let initial = index(initial_state, &mut labels);
        for (k, &(state, input, next, action)) in rows.iter().enumerate() {
            let s = index(state, &mut labels);
            let n = index(next, &mut labels);
            cells.resize(labels.len(), [None, None]);
            let cell = &mut cells[s][input.index()];
            if cell.is_some() {
                return Err(format!(
                    "transition {k} repeats state {state} after the opponent's {input}"
                ));
            }
            *cell = Some((n, action));
        }
        cells.resize(labels.len(), [None, None]);
        let mut table = Vec::with_capacity(labels.len());
        for (i, c) in cells.iter().enumerate() {
            match c {
                [Some(a), Some(b)] => table.push([*a, *b]),
                _ => {
                    let missing = if c[0].is_none() { "C" } else { "D" };
                    return Err(format!(
                        "state {} has no transition after the opponent's {missing} \
                         (every state needs one row for C and one for D)",
                        labels[i]
                    ));
                }
            }
        }
        Ok(Fsm {
            table,
            labels,
            initial_state: initial,
            initial_action,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Move::{C, D};

    #[test]
    fn a_tit_for_tat_machine_builds() {
        let f = Fsm::new(1, C, &[(1, C, 1, C), (1, D, 1, D)]).unwrap();
        assert_eq!(f.table, vec![[(0, C), (0, D)]]);
        assert_eq!(f.labels, vec![1]);
    }

    #[test]
    fn incomplete_and_repeated_machines_are_refused() {
        let e = Fsm::new(1, C, &[(1, C, 2, C), (1, D, 1, D), (2, C, 2, C)]).unwrap_err();
        assert!(
            e.contains("state 2") && e.contains("after the opponent's D"),
            "{e}"
        );
        let e = Fsm::new(1, C, &[(1, C, 1, C), (1, C, 1, D), (1, D, 1, D)]).unwrap_err();
        assert!(e.contains("transition 1 repeats"), "{e}");
        let e = Fsm::new(3, C, &[(1, C, 1, C), (1, D, 1, D)]).unwrap_err();
        assert!(e.contains("state 3"), "{e}");
    }

    #[test]
    fn memory_one_checks_probabilities() {
        assert!(MemoryOne::new([1.0, 0.0, 0.0, 1.0], Opening::Move(C)).is_ok());
        let e = MemoryOne::new([1.0, 1.5, 0.0, 1.0], Opening::Move(C)).unwrap_err();
        assert!(e.contains("p[1]") && e.contains("CD"), "{e}");
        assert!(MemoryOne::new([1.0; 4], Opening::Probability(f64::NAN)).is_err());
        assert!(
            MemoryOne::new([1.0, 0.5, 0.0, 1.0], Opening::Move(D))
                .unwrap()
                .is_stochastic()
        );
    }
}
