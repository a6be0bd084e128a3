//! The yardstick of the Catch-22: the survival probability of each horn over
//! the same horizon, and the one definition of the trap.
//!
//! Iran's leadership judges both horns — accepting the terms on the table,
//! and refusing — by one number: the probability that the regime survives to
//! the end of the US term (`docs/MODEL.md` §5, after mechanics.md §6). The
//! forecast follows the model's own resilience equation without noise,
//! R_k = R* + (R₀ − R*)·(1 − a)^k with R* = 1 − (b/a)·P_felt, under the
//! pressure Iran expects, and integrates the model's crisis hazard along that
//! path by Simpson's rule; a path that falls below θ is a certain crisis.
//! It costs a handful of `exp` calls, so policies can read it every round.
//!
//! A state is a **Catch-22** for a type θ when both horns fall short of the
//! leadership's survival floor (`iran.survival_floor`): the best terms the US
//! will offer are existential, and so is refusing. `check`, `trace`,
//! `explain`, `report` and the policies all call [`horns`] and
//! [`Horns::is_trap`]; nothing else defines the trap.

use super::action::Enforcement;
use super::offer;
use super::params::Params;
use super::state::{State, concession_shock, felt_share, steady_resilience};

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
    long_run + (now - long_run) * mean_power(1.0 - start - end, n)
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

/// The mean pressure over the next `n` rounds if the US keeps enforcing as
/// it does now: P_k = 1 − (1 − P)(1 − τ)^k when it tightens, P·(1 − ε)^k
/// when it holds, P·(1 − ε_E)^k when it eases.
#[inline]
pub fn mean_pressure(p: &Params, pressure: f64, enforcement: Enforcement, n: i32) -> f64 {
    let sa = &p.sanctions;
    match enforcement {
        Enforcement::Tighten => 1.0 - (1.0 - pressure) * mean_power(1.0 - sa.tighten, n),
        Enforcement::Hold => pressure * mean_power(1.0 - sa.erosion, n),
        Enforcement::Ease => pressure * mean_power(1.0 - sa.ease, n),
    }
}

/// A noise-free forecast of resilience under a constant felt pressure over
/// n rounds, reduced to what the survival of any type θ needs: the lowest
/// point of the path and its hazard integral relative to that point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Path {
    /// R at the start, the middle and the end of the horizon.
    points: [f64; 3],
    /// The lowest of them (the path is monotone: an end).
    low: f64,
    /// (n/6)·Σ Simpson weights·exp(−(R_k − low)/w).
    integral: f64,
}

impl Path {
    /// The path from `start` under felt pressure `felt` for `n` rounds:
    /// R_k = R* + (R₀ − R*)·(1 − a)^k, or R₀ − b·P_felt·k when a = 0.
    pub fn new(p: &Params, start: f64, felt: f64, n: i32) -> Path {
        let r = &p.resilience;
        let nf = f64::from(n);
        let (mid, end) = if r.recovery > 0.0 {
            let fixed = steady_resilience(p, felt, start);
            let full = (1.0 - r.recovery).powi(n);
            (
                fixed + (start - fixed) * full.sqrt(),
                fixed + (start - fixed) * full,
            )
        } else {
            let slope = r.pressure_cost * felt;
            (start - slope * nf / 2.0, start - slope * nf)
        };
        let points = [start, mid, end].map(|x| x.clamp(0.0, 1.0));
        let low = points[0].min(points[2]);
        let w = p.hazard.crisis_width;
        let e = |x: f64| (-(x - low) / w).exp();
        let integral = nf / 6.0 * (e(points[0]) + 4.0 * e(points[1]) + e(points[2]));
        Path {
            points,
            low,
            integral,
        }
    }

    /// R after 0, n/2 and n rounds.
    pub fn points(&self) -> [f64; 3] {
        self.points
    }

    /// The chance that R stays above θ over the n rounds: 0 when the path
    /// falls below θ (it is monotone, so its ends decide), otherwise
    /// exp(−Λ) with the model's crisis hazard h(R, θ) = h_max·exp(−(R − θ)/w)
    /// integrated by Simpson's rule, Λ = (n/6)·(h(R₀) + 4·h(R_{n/2}) + h(R_n)).
    pub fn survival(&self, p: &Params, theta: f64) -> f64 {
        if self.low < theta {
            return 0.0;
        }
        let hz = &p.hazard;
        let lambda = hz.crisis_max * (-(self.low - theta) / hz.crisis_width).exp() * self.integral;
        (-lambda).exp()
    }
}

/// The felt pressure Iran expects over the horizon if it refuses: the mean
/// pressure under the US's current enforcement, less what the lifeline's
/// expected share, an interim deal and leverage absorb.
#[inline]
pub fn refusal_pressure(p: &Params, s: &State, enforcement: Enforcement) -> f64 {
    let n = s.rounds_left(p);
    mean_pressure(p, s.pressure, enforcement, n)
        * felt_share(p, lifeline_share(p, s.lifeline, n), s.interim)
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
    let path = Path::new(p, after, felt, n);
    Horn {
        survival: prob * path.survival(p, theta),
        end: path.points()[2],
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
        refuse_end: refusal.points()[2],
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
