//! The yardstick of the Catch-22: the survival probability of each horn over
//! the same horizon, and the one definition of the trap.
//!
//! Iran's leadership judges both horns — accepting the terms on the table,
//! and refusing — by one number: the probability that the regime survives to
//! the end of the US term (`docs/MODEL.md` §5, after mechanics.md §6). The
//! forecast is the model's own resilience equation without noise, solved in
//! closed form under the pressure path Iran expects (the sanctions equation
//! with the US enforcing as it does now), read at five points of the
//! horizon; the model's crisis hazard is integrated along it by Simpson's
//! rule, and a path that falls below θ at one of the points is a certain
//! crisis.
//! It costs a handful of `exp` calls, so policies can read it every round.
//!
//! A state is a **Catch-22** for a type θ when both horns fall short of the
//! leadership's survival floor (`iran.survival_floor`): the best terms the US
//! will offer are existential, and so is refusing. `check`, `trace`,
//! `explain`, `report` and the policies all call [`horns`] and
//! [`Horns::is_trap`]; nothing else defines the trap.

use std::cell::{Cell, RefCell};

use super::memo::Memo;

use super::action::Enforcement;
use super::offer;
use super::params::Params;
use super::state::{State, concession_shock, felt_share};

#[derive(Debug, Clone, Copy, PartialEq)]
struct Coefficients {
    gk: [f64; POINTS - 1],
    flat: [f64; POINTS - 1],
    falling: [f64; POINTS - 1],
}

impl Coefficients {
    /// A placeholder for empty memo entries.
    const NONE: Coefficients = Coefficients {
        gk: [0.0; POINTS - 1],
        flat: [0.0; POINTS - 1],
        falling: [0.0; POINTS - 1],
    };

    /// Computed afresh: g^(n/4) and h^(n/4) by `powf`, their powers by
    /// products, the sums in closed form.
    fn compute(g: f64, h: f64, n: i32) -> Self {
        let quarter = f64::from(n) / 4.0;
        let (g4, h4) = (g.powf(quarter), h.powf(quarter));
        let (mut gk, mut hk) = (1.0, 1.0);
        let mut c = Coefficients::NONE;
        for i in 0..POINTS - 1 {
            gk *= g4;
            hk *= h4;
            let k = quarter * (i + 1) as f64;
            c.gk[i] = gk;
            c.flat[i] = geometric_mix(g, 1.0, gk, 1.0, k);
            c.falling[i] = geometric_mix(g, h, gk, hk, k);
        }
        c
    }
}

thread_local! {
    /// [`Coefficients`] by (g, h) and n. A run asks for a handful of (g, h)
    /// pairs (one pressure ratio per enforcement level, and 1 for a deal's
    /// constant pressure) over the rounds left, so nearly every call after a
    /// point's first run is a hit: computing them (two `powf`, eight
    /// quotients) was a sixth of the engine's instructions.
    static COEFFICIENTS: RefCell<Memo<(u64, u64), Coefficients, 4>> =
        const { RefCell::new(Memo::new((0, 0), Coefficients::NONE)) };
    /// [`mean_power`] by g and n (the lifeline's expected share).
    static MEAN_POWERS: RefCell<Memo<u64, f64, 2>> = const { RefCell::new(Memo::new(0, 0.0)) };
    /// [`early_margin`] by (F, h_max, w) and n.
    static MARGINS: RefCell<Memo<(u64, u64, u64), f64, 2>> =
        const { RefCell::new(Memo::new((0, 0, 0), 0.0)) };
}

/// The [`Coefficients`] for (g, h, n), bit for bit those of
/// `Coefficients::compute`; n ≥ 0.
#[inline]
fn coefficients(g: f64, h: f64, n: i32) -> Coefficients {
    COEFFICIENTS.with_borrow_mut(|memo| {
        memo.get((g.to_bits(), h.to_bits()), n, || {
            Coefficients::compute(g, h, n)
        })
    })
}

/// The mean of g^k over k = 1..n: g·(1 − gⁿ)/(n·(1 − g)), 1 when g = 1.
/// (Integer powers: exact for any real g, and cheap enough for every round.)
#[inline]
pub fn mean_power(g: f64, n: i32) -> f64 {
    if (1.0 - g).abs() < 1e-12 {
        1.0
    } else {
        g * (1.0 - g.powi(n)) / (f64::from(n) * (1.0 - g))
    }
}

/// The expected share of the next `n` rounds with a lifeline on, from the
/// switch's start and end chances: ℓ̄ = ℓ∞ + (ℓ₀ − ℓ∞)·mean_power(1 − λ_on − λ_off, n),
/// ℓ∞ = λ_on/(λ_on + λ_off). This is how the lifeline's expected arrival
/// enters what Iran knows; its value is `lifeline.offset`.
#[inline]
pub fn lifeline_share(p: &Params, on: bool, n: i32) -> f64 {
    let (start, end) = (p.lifeline.start, p.lifeline.end);
    let now = f64::from(u8::from(on));
    if start + end <= 0.0 {
        return now;
    }
    let long_run = start / (start + end);
    let g = 1.0 - start - end;
    let mean = MEAN_POWERS.with_borrow_mut(|memo| memo.get(g.to_bits(), n, || mean_power(g, n)));
    long_run + (now - long_run) * mean
}

/// The long-run lifeline share ℓ∞ (the current state when the switch never moves).
#[inline]
pub fn long_run_lifeline(p: &Params, on: bool) -> f64 {
    let (start, end) = (p.lifeline.start, p.lifeline.end);
    if start + end <= 0.0 {
        f64::from(u8::from(on))
    } else {
        start / (start + end)
    }
}

/// The felt pressure Iran expects j rounds ahead, P_j = (α + β·hʲ)·M̄ for
/// j ≥ 1: the sanctions equation solved for a US that keeps enforcing as it
/// does now, scaled by the felt share M̄ the lifeline's expected share and an
/// interim deal leave. Tightening: α = 1, β = −(1 − P), h = 1 − τ; holding:
/// α = 0, β = P, h = 1 − ε; easing: α = 0, β = P, h = 1 − ε_E.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pressure {
    level: f64,
    gap: f64,
    ratio: f64,
}

impl Pressure {
    /// The pressure under `enforcement` from `pressure` now, felt at `felt_share`.
    pub fn under(p: &Params, pressure: f64, enforcement: Enforcement, felt_share: f64) -> Self {
        let sa = &p.sanctions;
        let (level, gap, ratio) = match enforcement {
            Enforcement::Tighten => (1.0, -(1.0 - pressure), 1.0 - sa.tighten),
            Enforcement::Hold => (0.0, pressure, 1.0 - sa.erosion),
            Enforcement::Ease => (0.0, pressure, 1.0 - sa.ease),
        };
        Pressure {
            level: level * felt_share,
            gap: gap * felt_share,
            ratio,
        }
    }

    /// A pressure that stays at `felt` (after a deal: the relieved pressure).
    pub fn constant(felt: f64) -> Self {
        Pressure {
            level: felt,
            gap: 0.0,
            ratio: 1.0,
        }
    }

    /// The felt pressure after j rounds.
    pub fn at(&self, j: f64) -> f64 {
        self.level + self.gap * self.ratio.powf(j)
    }
}

/// Σ_{j=1..k} g^(k−j)·q^(j−1) = (g^k − q^k)/(g − q), or k·g^(k−1) when
/// g = q, given g^k and q^k (k real: the sum's analytic continuation).
#[inline]
fn geometric_mix(g: f64, q: f64, gk: f64, qk: f64, k: f64) -> f64 {
    if (g - q).abs() > 1e-9 {
        (gk - qk) / (g - q)
    } else if g > 0.0 {
        k * gk / g
    } else {
        f64::from(u8::from(k == 1.0))
    }
}

/// The number of points a [`Path`] is read at (k = 0, n/4, n/2, 3n/4, n).
const POINTS: usize = 5;

/// A noise-free forecast of resilience over n rounds under an expected
/// pressure path, reduced to what the survival of any type θ needs: its
/// points and the lowest of them. The hazard integral is computed when a
/// survival is asked for, not before: a policy that only needs to know
/// whether refusing clears the floor usually knows it from the lowest point
/// alone ([`Path::clears`]), and the five `exp` calls are most of a round's
/// cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    /// R at k = 0, n/4, n/2, 3n/4 and n.
    points: [f64; POINTS],
    /// The lowest of them.
    low: f64,
    /// n/4.
    quarter: f64,
    /// The hazard integral once asked for (NaN before): a state's horns and
    /// the offer read several types' survival on one path.
    integral: Cell<f64>,
}

impl Path {
    /// The path from R₀ = `start` under the pressure path P_j = α + β·hʲ
    /// (felt) for `n` rounds, solved in closed form from the model's
    /// resilience equation without noise, R_{k+1} = g·R_k + a − b·P_{k+1}
    /// with g = 1 − a:
    /// R_k = g^k·R₀ + (a − bα)·G(1, k) − bβh·G(h, k),
    /// G(q, k) = Σ_{j=1..k} g^(k−j)·q^(j−1) = (g^k − q^k)/(g − q).
    pub fn new(p: &Params, start: f64, pressure: Pressure, n: i32) -> Path {
        let r = &p.resilience;
        let (a, b) = (r.recovery, r.pressure_cost);
        let g = 1.0 - a;
        let h = pressure.ratio;
        let n = n.max(0);
        let quarter = f64::from(n) / 4.0;
        let c = coefficients(g, h, n);
        let mut points = [start; POINTS];
        for (i, point) in points.iter_mut().enumerate().skip(1) {
            let (gk, flat, falling) = (c.gk[i - 1], c.flat[i - 1], c.falling[i - 1]);
            *point = (gk * start + (a - b * pressure.level) * flat
                - b * pressure.gap * h * falling)
                .clamp(0.0, 1.0);
        }
        points[0] = start.clamp(0.0, 1.0);
        let low = points.iter().copied().fold(f64::INFINITY, f64::min);
        Path {
            points,
            low,
            quarter,
            integral: Cell::new(f64::NAN),
        }
    }

    /// (n/12)·Σ Simpson weights·exp(−(R_k − low)/w): the hazard integral
    /// relative to the lowest point, at most n (every term is at most 1).
    /// Computed once per path.
    fn integral(&self, p: &Params) -> f64 {
        let known = self.integral.get();
        if !known.is_nan() {
            return known;
        }
        let (low, w) = (self.low, p.hazard.crisis_width);
        let integral = self.quarter / 3.0
            * self
                .points
                .iter()
                .zip([1.0, 4.0, 2.0, 4.0, 1.0])
                .map(|(x, weight)| weight * (-(x - low) / w).exp())
                .sum::<f64>();
        self.integral.set(integral);
        integral
    }

    /// R after 0, n/4, n/2, 3n/4 and n rounds.
    pub fn points(&self) -> [f64; POINTS] {
        self.points
    }

    /// R expected at the end of the horizon.
    pub fn end(&self) -> f64 {
        self.points[POINTS - 1]
    }

    /// The chance that R stays above θ over the n rounds: 0 when a point of
    /// the path falls below θ, otherwise exp(−Λ) with the model's crisis
    /// hazard h(R, θ) = h_max·exp(−(R − θ)/w) integrated by Simpson's rule
    /// over the five points.
    pub fn survival(&self, p: &Params, theta: f64) -> f64 {
        if self.low < theta {
            return 0.0;
        }
        (-(self.hazard_at_low(p, theta) * self.integral(p))).exp()
    }

    /// The crisis hazard at the path's lowest point, h(low, θ).
    fn hazard_at_low(&self, p: &Params, theta: f64) -> f64 {
        let hz = &p.hazard;
        hz.crisis_max * (-(self.low - theta) / hz.crisis_width).exp()
    }

    /// Whether the survival of type θ is at least `floor`: the same answer
    /// as `self.survival(p, theta) >= floor`, usually without computing it.
    /// The integral is at most n (four quarters, every Simpson term at most
    /// 1), so a path whose lowest point stands far enough above θ that even
    /// n rounds of the hazard there keep survival above the floor settles
    /// it: h_max·e^(−(low − θ)/w)·n < −ln F, that is
    /// low − θ > w·ln(h_max·n/(−ln F)) ([`early_margin`], with a margin far
    /// above rounding). Otherwise the survival is computed.
    pub fn clears(&self, p: &Params, theta: f64, floor: f64) -> bool {
        if self.low < theta {
            return floor <= 0.0;
        }
        if self.low - theta > early_margin(p, floor, self.quarter) {
            return true;
        }
        self.survival(p, theta) >= floor
    }
}

/// w·(ln(h_max·n/(−ln F)) + 10⁻⁸): how far above θ a path's lowest point
/// must stand for n rounds of the crisis hazard there to keep survival
/// above the floor F ([`Path::clears`]); +∞ (never) unless 0 < F < 1 and
/// w > 0. The two `ln` are computed once per (F, h_max, w, n) and kept.
fn early_margin(p: &Params, floor: f64, quarter: f64) -> f64 {
    let (h_max, w) = (p.hazard.crisis_max, p.hazard.crisis_width);
    if !(floor > 0.0 && floor < 1.0 && w > 0.0) {
        return f64::INFINITY;
    }
    let n = (4.0 * quarter) as i32;
    let key = (floor.to_bits(), h_max.to_bits(), w.to_bits());
    MARGINS.with_borrow_mut(|memo| {
        // −∞ when h_max·n = 0: survival is then 1, above any floor below 1.
        memo.get(key, n, || {
            w * ((h_max * f64::from(n) / -floor.ln()).ln() + 1e-8)
        })
    })
}

/// The pressure path Iran expects if it refuses: the US keeps its current
/// enforcement, felt at the share the lifeline's expected share over the
/// horizon and an interim deal leave.
#[inline]
pub fn refusal_pressure(p: &Params, s: &State, enforcement: Enforcement) -> Pressure {
    let n = s.rounds_left(p);
    let share = felt_share(p, lifeline_share(p, s.lifeline, n), s.interim);
    Pressure::under(p, s.pressure, enforcement, share)
}

/// The path of resilience Iran forecasts if it refuses.
pub fn refusal_path(p: &Params, s: &State, enforcement: Enforcement) -> Path {
    Path::new(
        p,
        s.resilience,
        refusal_pressure(p, s, enforcement),
        s.rounds_left(p),
    )
}

/// The refusal horn: the survival probability of a type θ that refuses and
/// holds out to the end of the term.
pub fn refuse(p: &Params, s: &State, enforcement: Enforcement, theta: f64) -> f64 {
    refusal_path(p, s, enforcement).survival(p, theta)
}

/// One horn of the dilemma for a type: its survival to the end of the term,
/// and the resilience the regime expects to have then.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Horn {
    /// Survival probability to the end of the term.
    pub survival: f64,
    /// Expected resilience at the end of the term (on the noise-free path).
    pub end: f64,
}

/// The chance that a deal's concession shock κ·x·(1 + η·H)·u, u ~ U[1 − s, 1 + s],
/// leaves R at or above θ, and the mean of u over the draws that do.
#[inline]
pub fn shock_survival(p: &Params, s: &State, x: f64, theta: f64) -> (f64, f64) {
    let shock = concession_shock(p, s, x);
    let spread = p.deal.shock_spread;
    if s.resilience < theta {
        return (0.0, 1.0);
    }
    if shock <= 0.0 {
        return (1.0, 1.0);
    }
    let u_max = (s.resilience - theta) / shock;
    if spread <= 0.0 {
        return (f64::from(u8::from(u_max >= 1.0)), 1.0);
    }
    let lo = 1.0 - spread;
    let hi = 1.0 + spread;
    let prob = ((u_max - lo) / (hi - lo)).clamp(0.0, 1.0);
    (prob, (lo + u_max.min(hi)) / 2.0)
}

/// The deal horn: the survival probability of a type θ that accepts
/// concessions x — the chance its concession shock leaves R above θ, times
/// the survival of the relieved regime to the end of the term (pressure
/// lifted by `deal.relief`, starting from R after the average surviving
/// shock) — and the resilience that path ends at.
pub fn deal_horn(p: &Params, s: &State, x: f64, theta: f64) -> Horn {
    let (prob, u) = shock_survival(p, s, x, theta);
    if prob <= 0.0 {
        return Horn {
            survival: 0.0,
            end: 0.0,
        };
    }
    let n = s.rounds_left(p);
    let after = (s.resilience - concession_shock(p, s, x) * u).max(0.0);
    let felt =
        s.pressure * (1.0 - p.deal.relief) * felt_share(p, lifeline_share(p, s.lifeline, n), false);
    let path = Path::new(p, after, Pressure::constant(felt), n);
    Horn {
        survival: prob * path.survival(p, theta),
        end: path.end(),
    }
}

/// The deal horn's survival probability ([`deal_horn`]).
pub fn deal(p: &Params, s: &State, x: f64, theta: f64) -> f64 {
    deal_horn(p, s, x, theta).survival
}

/// Both horns for a type θ at a state, with terms on the table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Horns {
    /// The terms x (the US's current offer in [`horns`]).
    pub offer: f64,
    /// Survival when accepting them.
    pub deal: f64,
    /// Survival when refusing to the end of the term.
    pub refuse: f64,
    /// Expected resilience at the end of the term after the deal.
    pub deal_end: f64,
    /// Expected resilience at the end of the term when refusing.
    pub refuse_end: f64,
}

impl Horns {
    /// The Catch-22: both horns below the leadership's survival floor.
    pub fn is_trap(&self, p: &Params) -> bool {
        let floor = p.leadership.survival_floor;
        self.deal < floor && self.refuse < floor
    }

    /// Whether the deal is the less bad horn: survival after it at least
    /// survival when refusing.
    pub fn deal_is_less_bad(&self) -> bool {
        self.deal >= self.refuse
    }

    /// Whether the deal, survivable (at or above the floor), leaves the
    /// system at least as resilient at the end of the term as refusing
    /// would: what a pragmatic leadership weighs once survival is not at
    /// stake on either horn.
    pub fn deal_strengthens(&self, p: &Params) -> bool {
        self.deal >= p.leadership.survival_floor && self.deal_end >= self.refuse_end
    }

    /// The region of the Catch-22 map this state falls in.
    pub fn region(&self, p: &Params) -> Region {
        let floor = p.leadership.survival_floor;
        Region::of(self.deal >= floor, self.refuse >= floor)
    }
}

/// Both horns for type θ, with the US enforcing at `enforcement` and
/// offering what it would offer now.
pub fn horns(p: &Params, s: &State, enforcement: Enforcement, theta: f64) -> Horns {
    let path = refusal_path(p, s, enforcement);
    let x = offer::offer_on(p, s, &path).terms;
    horns_at(p, s, &path, x, theta)
}

/// Both horns for type θ with terms `x` on the table, given the refusal path.
pub fn horns_at(p: &Params, s: &State, refusal: &Path, x: f64, theta: f64) -> Horns {
    let d = deal_horn(p, s, x, theta);
    Horns {
        offer: x,
        deal: d.survival,
        refuse: refusal.survival(p, theta),
        deal_end: d.end,
        refuse_end: refusal.end(),
    }
}

/// Where a state lies on the Catch-22 map, by which horns clear the floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// A deal is survivable and so is refusing: Iran can choose.
    Both,
    /// Only a deal is survivable.
    DealOnly,
    /// Only refusing is survivable.
    RefuseOnly,
    /// Neither is: the Catch-22.
    Trap,
}

impl Region {
    /// All regions, in legend order.
    pub const ALL: [Region; 4] = [
        Region::Both,
        Region::DealOnly,
        Region::RefuseOnly,
        Region::Trap,
    ];

    /// The region from whether each horn clears the floor.
    pub fn of(deal: bool, refuse: bool) -> Region {
        match (deal, refuse) {
            (true, true) => Region::Both,
            (true, false) => Region::DealOnly,
            (false, true) => Region::RefuseOnly,
            (false, false) => Region::Trap,
        }
    }

    /// The name used in CSV and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Region::Both => "both",
            Region::DealOnly => "deal_only",
            Region::RefuseOnly => "refuse_only",
            Region::Trap => "trap",
        }
    }

    /// The character drawn in the terminal.
    pub fn glyph(self) -> char {
        match self {
            Region::Both => 'B',
            Region::DealOnly => 'D',
            Region::RefuseOnly => 'R',
            Region::Trap => 'X',
        }
    }

    /// What it means, for the legend.
    pub fn meaning(self) -> &'static str {
        match self {
            Region::Both => "both horns clear the survival floor",
            Region::DealOnly => "only the deal clears the floor",
            Region::RefuseOnly => "only refusing clears the floor",
            Region::Trap => "neither horn clears the floor: the Catch-22",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Acceptance, Diplomacy, IranAction, Shocks, UsAction, transition};
    use crate::scenario::baseline_params as params;

    #[test]
    fn memoised_forecasts_are_computed_ones_bit_for_bit() {
        // More (g, h) pairs than the memo has ways, over more horizons than
        // it has sets, twice: every answer, hit or miss, is a fresh one.
        for pass in 0..2 {
            for i in 0..600 {
                let g = 0.9 + f64::from(i % 7) * 0.01;
                let h = 0.85 + f64::from(i % 11) * 0.015;
                let n = (i * 7 + pass) % 300;
                assert_eq!(coefficients(g, h, n), Coefficients::compute(g, h, n));
                let p = params(&[
                    &format!("lifeline.probability={}", (1.0 - h) / 2.0),
                    &format!("lifeline.end_probability={}", (1.0 - h) / 2.0),
                ]);
                let fresh = mean_power(1.0 - p.lifeline.start - p.lifeline.end, n.max(1));
                let long_run = long_run_lifeline(&p, true);
                let want = long_run + (1.0 - long_run) * fresh;
                assert_eq!(lifeline_share(&p, true, n.max(1)).to_bits(), want.to_bits());
            }
        }
    }

    #[test]
    fn the_early_answer_is_only_taken_when_the_survival_clears() {
        // The margin is w·ln(h_max·n/(−ln F)) + a little: at a lowest point
        // just above it, n rounds of the hazard there keep survival above F.
        for (floor, n) in [(0.5, 1), (0.9, 48), (0.999, 48), (0.97, 1200)] {
            let p = params(&[&format!("iran.survival_floor={floor}")]);
            let quarter = f64::from(n) / 4.0;
            let margin = early_margin(&p, floor, quarter);
            let hz = &p.hazard;
            let at_low = hz.crisis_max * (-margin / hz.crisis_width).exp();
            assert!((-(at_low * f64::from(n))).exp() > floor, "F {floor} n {n}");
            // and it is not far above what is needed.
            let needed = hz.crisis_width * (hz.crisis_max * f64::from(n) / -floor.ln()).ln();
            assert!(margin > needed && margin - needed < 1e-6, "F {floor} n {n}");
        }
        let p = params(&["hazard.crisis_max=0"]);
        assert_eq!(early_margin(&p, 0.9, 12.0), f64::NEG_INFINITY);
    }

    use rand::{Rng, SeedableRng};

    struct Never;

    impl Acceptance for Never {
        fn accepts(&self, _: &Params, _: &State, _: Enforcement, _: f64) -> bool {
            false
        }
    }

    /// The share of runs in which holding out against `enforcement` survives
    /// the rest of the term, simulated through the transition function with
    /// only the crisis hazard drawn (no noise, no war, no lifeline switch).
    fn simulated(p: &Params, s0: &State, enforcement: Enforcement, theta: f64) -> f64 {
        const K: usize = 20_000;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        let mut survived = 0;
        for _ in 0..K {
            let mut s = *s0;
            s.threshold = theta;
            let mut alive = true;
            while s.round < p.rounds {
                let mut sh = Shocks::neutral();
                sh.crisis = crate::model::transition::uniform(rng.next_u32());
                let us = UsAction::Act(enforcement, Diplomacy::None);
                if transition(p, &mut s, us, IranAction::Hold, &sh, &Never)
                    .terminal
                    .is_some()
                {
                    alive = false;
                    break;
                }
            }
            survived += usize::from(alive);
        }
        survived as f64 / K as f64
    }

    /// Under constant pressure the yardstick is the model's own survival,
    /// up to Simpson's rule and discrete months.
    #[test]
    fn the_yardstick_is_the_model_survival_under_constant_pressure() {
        let p = params(&[
            "resilience.noise=0",
            "sanctions.erosion=0",
            "lifeline.active=false",
            "lifeline.probability=0",
            "scenario.rounds=24",
        ]);
        for (r, theta) in [(0.45, 0.25), (0.35, 0.25), (0.3, 0.22), (0.5, 0.4)] {
            let mut s = State::initial(&p, 0.5);
            s.resilience = r;
            s.pressure = 0.7;
            let forecast = refuse(&p, &s, Enforcement::Hold, theta);
            let sim = simulated(&p, &s, Enforcement::Hold, theta);
            assert!(
                (forecast - sim).abs() < 0.03,
                "R {r} θ {theta}: forecast {forecast}, simulated {sim}"
            );
        }
    }

    /// Under tightening the yardstick follows the rising pressure in closed
    /// form: the model's own survival, up to the five-point quadrature.
    #[test]
    fn the_yardstick_tracks_the_model_survival_under_tightening() {
        let p = params(&[
            "resilience.noise=0",
            "lifeline.active=false",
            "lifeline.probability=0",
            "scenario.rounds=36",
        ]);
        let mut last = (2.0, 2.0);
        for r in [0.65, 0.6, 0.55, 0.5, 0.47, 0.45, 0.4] {
            let mut s = State::initial(&p, 0.5);
            s.resilience = r;
            let forecast = refuse(&p, &s, Enforcement::Tighten, 0.25);
            let sim = simulated(&p, &s, Enforcement::Tighten, 0.25);
            assert!(
                (forecast - sim).abs() < 0.05,
                "R {r}: forecast {forecast}, simulated {sim}"
            );
            assert!(forecast <= last.0 && sim <= last.1);
            last = (forecast, sim);
        }
    }

    /// Under eroding pressure (the US holds, ε large) the path can fall and
    /// recover; the five points follow it.
    #[test]
    fn the_yardstick_tracks_the_model_survival_under_eroding_pressure() {
        let p = params(&[
            "resilience.noise=0",
            "sanctions.erosion=0.08",
            "lifeline.active=false",
            "lifeline.probability=0",
            "scenario.rounds=36",
        ]);
        for r in [0.6, 0.45, 0.4, 0.35, 0.3] {
            let mut s = State::initial(&p, 0.5);
            s.resilience = r;
            s.pressure = 0.9;
            let forecast = refuse(&p, &s, Enforcement::Hold, 0.25);
            let sim = simulated(&p, &s, Enforcement::Hold, 0.25);
            assert!(
                (forecast - sim).abs() < 0.05,
                "R {r}: forecast {forecast}, simulated {sim}"
            );
        }
    }

    #[test]
    fn shares_and_powers() {
        assert!((mean_power(0.5, 2) - 0.375).abs() < 1e-12);
        assert_eq!(mean_power(1.0, 7), 1.0);
        // A negative ratio (switch chances summing above 1) stays exact.
        assert!((mean_power(-0.5, 2) - (-0.5 + 0.25) / 2.0).abs() < 1e-12);
        let p = params(&["lifeline.probability=0.1", "lifeline.end_probability=0.1"]);
        assert!((long_run_lifeline(&p, true) - 0.5).abs() < 1e-12);
        let on = lifeline_share(&p, true, 48);
        let off = lifeline_share(&p, false, 48);
        assert!(on > 0.5 && off < 0.5 && (on - 0.5 - (0.5 - off)).abs() < 1e-12);
    }

    #[test]
    fn clears_is_the_survival_against_the_floor() {
        // Over states from safe to desperate, types and floors: the early
        // answer from the lowest point never differs from the survival.
        let p = crate::scenario::baseline_point(&[]).params;
        let mut s = State::initial(&p, 0.5);
        let mut early = 0;
        for i in 0..=60 {
            s.resilience = 0.2 + 0.01 * f64::from(i);
            for (pressure, lifeline) in [(0.2, true), (0.5, false), (0.9, false)] {
                s.pressure = pressure;
                s.lifeline = lifeline;
                for enforcement in [Enforcement::Tighten, Enforcement::Hold, Enforcement::Ease] {
                    let path = refusal_path(&p, &s, enforcement);
                    for theta in [0.15, 0.25, 0.35] {
                        for floor in [0.5, 0.9, 0.97, 0.999] {
                            let exact = path.survival(&p, theta) >= floor;
                            assert_eq!(path.clears(&p, theta, floor), exact);
                            let at_low = p.hazard.crisis_max
                                * (-(path.low - theta) / p.hazard.crisis_width).exp();
                            early += usize::from(
                                path.low >= theta
                                    && at_low * 4.0 * path.quarter < -floor.ln() * 0.99,
                            );
                        }
                    }
                }
            }
        }
        assert!(early > 1000, "the early answer is taken in {early} cases");
    }

    #[test]
    fn the_trap_is_both_horns_below_the_floor() {
        let p = params(&[]);
        let h = |deal, refuse| Horns {
            offer: 0.1,
            deal,
            refuse,
            deal_end: 0.5,
            refuse_end: 0.5,
        };
        assert!(h(0.5, 0.5).is_trap(&p));
        assert!(!h(0.95, 0.5).is_trap(&p));
        assert_eq!(h(0.95, 0.5).region(&p), Region::DealOnly);
        assert_eq!(h(0.5, 0.95).region(&p), Region::RefuseOnly);
        assert_eq!(h(0.95, 0.95).region(&p), Region::Both);
        assert!(h(0.6, 0.5).deal_is_less_bad() && !h(0.4, 0.5).deal_is_less_bad());
    }
}
