//! The US offer: a screening demand against its belief about Iran's
//! threshold, and the Bayesian update after a refusal.
//!
//! This is Fearon's (1995) risk–return trade-off on the model's own terms
//! (`docs/MODEL.md` §4.6). The US believes θ ~ U[lo, hi] (`us.belief_mean`,
//! `us.belief_spread`; lo rises as refusals teach it). A deal at concessions
//! x costs Iran A(x) = a·(x + k)·u of resilience, a = κ·(1 + η·H), where
//! k = λ_L·L + λ_N·N are the chips any deal freezes (its regional posture,
//! its nuclear hedge) and u ~ U[1 − s, 1 + s] the backlash. Type θ survives
//! the shock with probability π(x, θ) = Pr(R − A(x) ≥ θ).
//!
//! The US reads Iran's acceptance as the less-bad-horn rule: type θ signs
//! when π(x, θ) ≥ S_R, its survival when refusing (taken at the belief's
//! midpoint), that is when θ ≤ θ_acc(x) = R − a·(x + k)·(1 − s + 2·s·S_R).
//! A signed deal is worth x to the US if the regime that signs it stands and
//! nothing more than a failed talk (−c, the breakdown cost) if the shock
//! topples it. So the US demands
//!
//! ```text
//! x* = argmax_x  (x + c)·E_θ[ 1{θ ≤ θ_acc(x)}·π(x, θ) ]  −  c
//! ```
//!
//! found by golden-section search on the closed-form expectation. The more
//! Iran's outside option is worth (a lifeline's value and expected arrival,
//! the time left), the fewer types sign a risky deal and the softer the
//! demand; the US never pushes a desperate Iran into terms that would topple
//! it with certainty; leverage and latency lower the demand through k
//! (Fearon's power term; mechanics.md H3) and a wider belief raises the risk
//! of refusal. A refusal of x tells the US that θ > θ_acc(x), and Bayes' rule
//! truncates the uniform belief there.

use super::action::Enforcement;
use super::params::Params;
use super::state::{State, chips, concession_rate};
use super::survival::{Path, refusal_path};

/// An offer on the table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Offer {
    /// The concessions x demanded.
    pub terms: f64,
    /// θ_acc: the US reads a refusal of these terms as θ above this.
    pub cutoff: f64,
}

impl Offer {
    /// The belief's lower end after Iran refuses this offer: max(lo, θ_acc),
    /// at most the upper end `high`.
    pub fn updated_belief(&self, low: f64, high: f64) -> f64 {
        self.cutoff.max(low).min(high)
    }
}

/// The offer the US makes at state `s` when it enforces at `enforcement`.
pub fn offer(p: &Params, s: &State, enforcement: Enforcement) -> Offer {
    offer_on(p, s, &refusal_path(p, s, enforcement))
}

/// What the US weighs: the shock per unit of x + k, the chips, the belief,
/// the shock's spread and Iran's outside option.
struct Screen {
    resilience: f64,
    rate: f64,
    chips: f64,
    low: f64,
    high: f64,
    spread: f64,
    /// 1 − s + 2·s·S_R: the shock multiple a signing type must survive.
    sign: f64,
}

impl Screen {
    /// θ_acc(x): the highest type that signs x.
    fn cutoff(&self, x: f64) -> f64 {
        self.resilience - self.rate * (x + self.chips) * self.sign
    }

    /// E_θ[1{θ ≤ θ_acc(x)}·π(x, θ)]: the chance that a deal at x is signed
    /// and stands, over the belief.
    fn delivered(&self, x: f64) -> f64 {
        let shock = self.rate * (x + self.chips);
        let top = self.cutoff(x).min(self.high);
        // π(θ) = 1 below t1, 0 above t0, linear between.
        let (t1, t0) = (
            self.resilience - shock * (1.0 + self.spread),
            self.resilience - shock * (1.0 - self.spread),
        );
        let mass = |from: f64, to: f64| -> f64 {
            if to <= from {
                return 0.0;
            }
            let sure = (to.min(t1) - from).max(0.0);
            let (a, b) = (from.max(t1), to.min(t0));
            let ramp = if b > a && t0 > t1 {
                ((t0 - a).powi(2) - (t0 - b).powi(2)) / (2.0 * (t0 - t1))
            } else {
                0.0
            };
            sure + ramp
        };
        let width = self.high - self.low;
        if width <= 1e-12 {
            // A point belief: the type at `high`.
            let theta = self.high;
            return if theta > top {
                0.0
            } else if theta <= t1 {
                1.0
            } else if theta >= t0 {
                0.0
            } else {
                (t0 - theta) / (t0 - t1)
            };
        }
        mass(self.low, top) / width
    }
}

/// The offer, given the resilience path Iran forecasts if it refuses (the
/// same path for every type, so a caller that has it need not recompute it).
pub fn offer_on(p: &Params, s: &State, refusal: &Path) -> Offer {
    let high = p.belief.support().1;
    let low = s.belief_low.min(high);
    let spread = p.deal.shock_spread;
    let outside = refusal.survival(p, 0.5 * (low + high));
    let screen = Screen {
        resilience: s.resilience,
        rate: concession_rate(p, s),
        chips: chips(p, s),
        low,
        high,
        spread,
        sign: 1.0 - spread + 2.0 * spread * outside,
    };
    let terms = if screen.rate <= 0.0 {
        // Concessions cost Iran nothing: every type signs anything.
        1.0
    } else {
        let c = p.deal.breakdown_cost;
        let value = |x: f64| (x + c) * screen.delivered(x);
        // Beyond x_max no believed type survives even the mildest shock.
        let x_max = ((s.resilience - low) / (screen.rate * (1.0 - spread).max(1e-9))
            - screen.chips)
            .clamp(0.0, 1.0);
        golden_max(value, 0.0, x_max)
    };
    Offer {
        terms,
        cutoff: screen.cutoff(terms),
    }
}

/// The maximiser of `f` on [a, b]: a scan of 8 intervals, then golden-section
/// search in the best one's neighbourhood (deterministic, 30 evaluations).
fn golden_max(f: impl Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    if b <= a {
        return a;
    }
    const SCAN: usize = 8;
    let step = (b - a) / SCAN as f64;
    let mut best = (a, f(a));
    for i in 1..=SCAN {
        let x = a + step * i as f64;
        let v = f(x);
        if v > best.1 {
            best = (x, v);
        }
    }
    let (mut lo, mut hi) = ((best.0 - step).max(a), (best.0 + step).min(b));
    const R: f64 = 0.618_033_988_749_894_9;
    let mut x1 = hi - R * (hi - lo);
    let mut x2 = lo + R * (hi - lo);
    let (mut f1, mut f2) = (f(x1), f(x2));
    for _ in 0..20 {
        if f1 < f2 {
            lo = x1;
            x1 = x2;
            f1 = f2;
            x2 = lo + R * (hi - lo);
            f2 = f(x2);
        } else {
            hi = x2;
            x2 = x1;
            f2 = f1;
            x1 = hi - R * (hi - lo);
            f1 = f(x1);
        }
    }
    let x = 0.5 * (lo + hi);
    if f(x) >= best.1 { x } else { best.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(spread: f64, sign: f64) -> Screen {
        Screen {
            resilience: 0.44,
            rate: 0.4,
            chips: 0.16,
            low: 0.17,
            high: 0.33,
            spread,
            sign,
        }
    }

    /// The closed form against a numerical integral over 100,000 types.
    #[test]
    fn delivered_is_the_expectation_over_the_belief() {
        for (spread, sign) in [(0.5, 1.0), (0.5, 1.4), (0.5, 0.6), (0.25, 1.2), (0.0, 1.0)] {
            let sc = screen(spread, sign);
            for k in 0..=40 {
                let x = k as f64 / 40.0;
                const K: usize = 100_000;
                let mut sum = 0.0;
                for i in 0..K {
                    let theta = sc.low + (sc.high - sc.low) * (i as f64 + 0.5) / K as f64;
                    if theta > sc.cutoff(x) {
                        continue;
                    }
                    let shock = sc.rate * (x + sc.chips);
                    let pi = if spread > 0.0 {
                        (((sc.resilience - theta) / shock - (1.0 - spread)) / (2.0 * spread))
                            .clamp(0.0, 1.0)
                    } else {
                        f64::from(u8::from(sc.resilience - shock >= theta))
                    };
                    sum += pi;
                }
                let numeric = sum / K as f64;
                assert!(
                    (sc.delivered(x) - numeric).abs() < 1e-4,
                    "s {spread} sign {sign} x {x}: {} vs {numeric}",
                    sc.delivered(x)
                );
            }
        }
    }

    /// Golden-section search finds the maximum a fine scan finds.
    #[test]
    fn the_demand_maximises_the_objective() {
        for (spread, sign) in [(0.5, 1.0), (0.5, 1.4), (0.5, 0.6), (0.25, 1.2)] {
            let sc = screen(spread, sign);
            let value = |x: f64| (x + 0.05) * sc.delivered(x);
            let x = golden_max(value, 0.0, 1.0);
            let best = (0..=100_000)
                .map(|k| value(k as f64 / 100_000.0))
                .fold(f64::MIN, f64::max);
            assert!(value(x) >= best - 1e-9, "s {spread} sign {sign}: {x}");
        }
    }
}
