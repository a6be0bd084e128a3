//! The state of one run and the derived quantities every consumer shares
//! (effective pressure, deal terms, the concession shock, the crisis hazard).

use super::action::{Channel, IranAction, UsAction};
use super::params::Params;

/// The state of the game at the start of a round.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct State {
    /// Rounds played so far (the next round is `round + 1`).
    pub round: u32,
    /// θ: Iran's true survival threshold, private, drawn once per run.
    pub threshold: f64,
    /// R: regime resilience in [0, 1].
    pub resilience: f64,
    /// L: Iranian leverage in [0, 1].
    pub leverage: f64,
    /// N: nuclear latency in [0, 1].
    pub nuclear: f64,
    /// H: hardliner influence in [0, 1].
    pub hardliners: f64,
    /// P: US sanctions pressure in [0, 1] (1 = exports driven to zero).
    pub pressure: f64,
    /// D: talks progress in [0, 1]; a deal is on the table at 1.
    pub talks: f64,
    /// Whether another power's lifeline is active.
    pub lifeline: bool,
    /// Whether an interim deal (nuclear freeze for partial relief) holds.
    pub interim: bool,
    /// The channel through which talks first made progress.
    pub first_channel: Option<Channel>,
    /// Iran's move in the previous round (`hold` before round 1).
    pub last_iran: IranAction,
    /// The US move in the previous round (`sustain` before round 1).
    pub last_us: UsAction,
}

impl State {
    /// The state before round 1; `u_theta` in (0, 1) draws Iran's threshold.
    pub fn initial(p: &Params, u_theta: f64) -> State {
        let i = &p.initial;
        State {
            round: 0,
            threshold: draw_threshold(p, u_theta),
            resilience: i.resilience,
            leverage: i.leverage,
            nuclear: i.nuclear,
            hardliners: i.hardliners,
            pressure: i.pressure,
            talks: 0.0,
            lifeline: i.lifeline,
            interim: false,
            first_channel: None,
            last_iran: IranAction::Hold,
            last_us: UsAction::Sustain,
        }
    }
}

/// θ = clamp(θ̄ + s·(2u − 1), 0.01, 0.99): uniform on [θ̄ − s, θ̄ + s].
pub fn draw_threshold(p: &Params, u: f64) -> f64 {
    let t = &p.threshold;
    (t.mean + t.spread * (2.0 * u - 1.0)).clamp(0.01, 0.99)
}

/// P_eff = P·(1 − φ·[lifeline])·(1 − r_I·[interim]): the pressure Iran feels.
#[inline]
pub fn effective_pressure(p: &Params, pressure: f64, lifeline: bool, interim: bool) -> f64 {
    let mut pe = pressure;
    if lifeline {
        pe *= 1.0 - p.lifeline.offset;
    }
    if interim {
        pe *= 1.0 - p.talks.interim_relief;
    }
    pe
}

/// The concessions x the US demands in this state (the terms Iran can get):
/// x = clamp(x₀ + w_P·P − w_L·L + w_U·s, 0, 1).
///
/// Terms worsen as leverage falls: that is the trap.
#[inline]
pub fn terms(p: &Params, pressure: f64, leverage: f64) -> f64 {
    let d = &p.deal;
    (d.base_terms + d.pressure_weight * pressure - d.leverage_weight * leverage
        + d.uncertainty_weight * p.threshold.spread)
        .clamp(0.0, 1.0)
}

/// The expected resilience lost to concessions x: κ·x·(1 + η·H).
#[inline]
pub fn expected_concession_shock(p: &Params, x: f64, hardliners: f64) -> f64 {
    p.deal.concession_cost * x * (1.0 + p.deal.backlash * hardliners)
}

/// The hardliners' win-set: the largest concessions they let pass.
#[inline]
pub fn veto_limit(p: &Params, hardliners: f64) -> f64 {
    p.deal.veto_base - p.deal.veto_weight * hardliners
}

/// Whether a deal at terms x is survivable in expectation with a safety margin:
/// R − κ·x·(1 + η·H) ≥ θ + margin.
#[inline]
pub fn survivable(p: &Params, s: &State, x: f64, margin: f64) -> bool {
    s.resilience - expected_concession_shock(p, x, s.hardliners) >= s.threshold + margin
}

/// Per-round crisis hazard above the threshold: h_max·exp(−(R − θ)/w).
#[inline]
pub fn crisis_hazard(p: &Params, resilience: f64, threshold: f64) -> f64 {
    if resilience < threshold {
        return 1.0;
    }
    p.hazard.crisis_max * (-(resilience - threshold) / p.hazard.crisis_width).exp()
}
