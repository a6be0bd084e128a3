//! Exact integration of a round's shocks through the transition function.
//!
//! [`Branches`] answers the transition function's questions ([`Draws`]) one
//! way at a time and remembers the probability of each answer; replaying the
//! round for every combination enumerates all its branches with their
//! weights. Events (war, crisis, interim breakdown, the lifeline switch) split
//! into happens / does not happen with their exact probabilities; the two
//! continuous draws (resilience noise, a deal's backlash) are integrated by
//! Gauss–Legendre quadrature on (0, 1). Events of probability 0 or 1 do not
//! split. The weights of a round's branches sum to 1.

use crate::model::{Draw, Draws};

/// The most questions one round asks (six kinds, each at most once).
const DEPTH: usize = 8;

/// Gauss–Legendre nodes and weights on (0, 1), for 1 to 5 nodes.
fn gauss_legendre(n: usize) -> (&'static [f64], &'static [f64]) {
    const N1: [f64; 1] = [0.5];
    const W1: [f64; 1] = [1.0];
    // ±1/√3 mapped to (0, 1).
    const N2: [f64; 2] = [0.211_324_865_405_187_1, 0.788_675_134_594_812_9];
    const W2: [f64; 2] = [0.5, 0.5];
    // 0, ±√(3/5).
    const N3: [f64; 3] = [0.112_701_665_379_258_3, 0.5, 0.887_298_334_620_741_7];
    const W3: [f64; 3] = [5.0 / 18.0, 8.0 / 18.0, 5.0 / 18.0];
    const N4: [f64; 4] = [
        0.069_431_844_202_973_7,
        0.330_009_478_207_571_9,
        0.669_990_521_792_428_1,
        0.930_568_155_797_026_3,
    ];
    const W4: [f64; 4] = [
        0.173_927_422_568_726_9,
        0.326_072_577_431_273_1,
        0.326_072_577_431_273_1,
        0.173_927_422_568_726_9,
    ];
    const N5: [f64; 5] = [
        0.046_910_077_030_668,
        0.230_765_344_947_158_5,
        0.5,
        0.769_234_655_052_841_5,
        0.953_089_922_969_332,
    ];
    const W5: [f64; 5] = [
        0.118_463_442_528_094_5,
        0.239_314_335_249_683_2,
        0.284_444_444_444_444_4,
        0.239_314_335_249_683_2,
        0.118_463_442_528_094_5,
    ];
    match n {
        0 | 1 => (&N1, &W1),
        2 => (&N2, &W2),
        3 => (&N3, &W3),
        4 => (&N4, &W4),
        _ => (&N5, &W5),
    }
}

/// Enumerates a round's branches: call the transition function with it, read
/// [`Branches::weight`], then [`Branches::advance`] until it returns false.
#[derive(Debug, Clone)]
pub struct Branches {
    noise: usize,
    backlash: usize,
    /// The answer chosen at each question of the current path.
    choice: [u8; DEPTH],
    /// How many answers each question of the current path has.
    arity: [u8; DEPTH],
    /// Questions fixed by the script (the prefix replayed from the last path).
    scripted: usize,
    /// Questions asked so far in the current path.
    asked: usize,
    weight: f64,
}

impl Branches {
    /// Branches with `noise` and `backlash` quadrature nodes (1 to 5 each).
    pub fn new(noise: usize, backlash: usize) -> Branches {
        Branches {
            noise,
            backlash,
            choice: [0; DEPTH],
            arity: [0; DEPTH],
            scripted: 0,
            asked: 0,
            weight: 1.0,
        }
    }

    /// The probability of the path just played.
    pub fn weight(&self) -> f64 {
        self.weight
    }

    /// Moves to the next path; false when every path has been played.
    pub fn advance(&mut self) -> bool {
        let mut k = self.asked;
        while k > 0 {
            k -= 1;
            if self.choice[k] + 1 < self.arity[k] {
                self.choice[k] += 1;
                self.scripted = k + 1;
                self.asked = 0;
                self.weight = 1.0;
                return true;
            }
        }
        false
    }

    /// Starts again from the first path (for the next cell).
    pub fn reset(&mut self) {
        self.scripted = 0;
        self.asked = 0;
        self.weight = 1.0;
    }

    /// The answer to the next question, of `arity` answers.
    fn ask(&mut self, arity: u8) -> usize {
        let k = self.asked;
        assert!(k < DEPTH, "a round asked more than {DEPTH} questions");
        if k >= self.scripted {
            self.choice[k] = 0;
            self.arity[k] = arity;
        }
        self.asked += 1;
        self.choice[k] as usize
    }
}

impl Draws for Branches {
    fn chance(&mut self, _which: Draw, prob: f64) -> bool {
        // A uniform in (0, 1) is never below 0 and always below 1.
        if prob <= 0.0 {
            return false;
        }
        if prob >= 1.0 {
            return true;
        }
        let happens = self.ask(2) == 1;
        self.weight *= if happens { prob } else { 1.0 - prob };
        happens
    }

    fn uniform(&mut self, which: Draw) -> f64 {
        let n = if which == Draw::Backlash {
            self.backlash
        } else {
            self.noise
        };
        let (nodes, weights) = gauss_legendre(n);
        if nodes.len() == 1 {
            return nodes[0];
        }
        let i = self.ask(nodes.len() as u8);
        self.weight *= weights[i];
        nodes[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quadrature_weights_sum_to_one_and_integrate_polynomials() {
        for n in 1..=5 {
            let (x, w) = gauss_legendre(n);
            assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-15);
            // Exact for degree 2n - 1: ∫₀¹ u^d du = 1/(d + 1).
            for d in 0..(2 * n) {
                let q: f64 = x.iter().zip(w).map(|(x, w)| w * x.powi(d as i32)).sum();
                assert!((q - 1.0 / (d + 1) as f64).abs() < 1e-14, "n={n} d={d}");
            }
        }
    }

    /// A toy "round": a noise draw, then an event whose probability depends on
    /// it, then, if it happened, a second event.
    fn toy(d: &mut impl Draws) -> f64 {
        let u = d.uniform(Draw::Noise);
        if d.chance(Draw::War, u) {
            if d.chance(Draw::Crisis, 0.25) {
                10.0
            } else {
                1.0
            }
        } else {
            0.0
        }
    }

    #[test]
    fn enumerates_every_path_with_weights_summing_to_one() {
        let mut b = Branches::new(3, 1);
        let (mut total, mut mean, mut paths) = (0.0, 0.0, 0);
        loop {
            let v = toy(&mut b);
            total += b.weight();
            mean += b.weight() * v;
            paths += 1;
            if !b.advance() {
                break;
            }
        }
        assert_eq!(paths, 3 * 3);
        assert!((total - 1.0).abs() < 1e-14);
        // E = E[u]·(0.25·10 + 0.75·1) = 0.5·3.25.
        assert!((mean - 1.625).abs() < 1e-14);
        b.reset();
        assert_eq!(toy(&mut b), 0.0);
    }

    #[test]
    fn certain_events_do_not_split() {
        let mut b = Branches::new(1, 1);
        assert!(!b.chance(Draw::War, 0.0));
        assert!(b.chance(Draw::War, 1.0));
        assert_eq!(b.uniform(Draw::Noise), 0.5);
        assert!(!b.advance());
    }
}
