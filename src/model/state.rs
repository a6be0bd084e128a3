//! The state of one run and the derived quantities every consumer shares
//! (effective pressure, the concession shock, the hardliners' win-set, the
//! crisis hazard).

use super::action::{Channel, Diplomacy, Enforcement, IranAction, UsAction};
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
    /// D: talks progress in [0, 1]; terms are on the table at 1.
    pub talks: f64,
    /// The lower end of the US belief about θ, uniform on [belief_low,
    /// `us.belief_mean + us.belief_spread`]; refusals raise it (Bayes' rule).
    pub belief_low: f64,
    /// Whether another power's lifeline is active.
    pub lifeline: bool,
    /// Whether an interim deal (nuclear freeze for partial relief) holds.
    pub interim: bool,
    /// The channel through which talks first made progress.
    pub first_channel: Option<Channel>,
    /// Iran's move in the previous round (`hold` before round 1).
    pub last_iran: IranAction,
    /// The US move in the previous round (`hold` before round 1).
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
            belief_low: p.belief.support().0,
            lifeline: i.lifeline,
            interim: false,
            first_channel: None,
            last_iran: IranAction::Hold,
            last_us: UsAction::Act(Enforcement::Hold, Diplomacy::None),
        }
    }

    /// The rounds left in the US term, counting the one about to be played
    /// (at least 1): the horizon over which Iran judges both horns.
    pub fn rounds_left(&self, p: &Params) -> i32 {
        p.rounds
            .saturating_sub(self.round)
            .clamp(1, i32::MAX as u32) as i32
    }
}

/// θ = clamp(θ̄ + s·(2u − 1), 0.01, 0.99): uniform on [θ̄ − s, θ̄ + s].
pub fn draw_threshold(p: &Params, u: f64) -> f64 {
    let t = &p.threshold;
    (t.mean + t.spread * (2.0 * u - 1.0)).clamp(0.01, 0.99)
}

/// The share of pressure that reaches the regime: what a lifeline and an
/// interim deal leave of it. `lifeline` is the lifeline's on-share (0 or 1
/// in a round, its expected share in a forecast).
#[inline]
pub fn felt_share(p: &Params, lifeline: f64, interim: bool) -> f64 {
    let share = 1.0 - p.lifeline.offset * lifeline;
    if interim {
        share * (1.0 - p.talks.interim_relief)
    } else {
        share
    }
}

/// P_eff = P·(1 − φ·[ℓ])·(1 − r_I·[I]): the pressure Iran feels.
#[inline]
pub fn effective_pressure(p: &Params, pressure: f64, lifeline: bool, interim: bool) -> f64 {
    pressure * felt_share(p, f64::from(u8::from(lifeline)), interim)
}

/// κ·(1 + η·H): the resilience a unit of concessions costs in expectation,
/// amplified by the hardliners' backlash.
#[inline]
pub fn concession_rate(p: &Params, s: &State) -> f64 {
    p.deal.concession_cost * (1.0 + p.deal.backlash * s.hardliners)
}

/// λ_L·L + λ_N·N: what any deal makes Iran give up besides the terms, in
/// units of concessions — the confrontation posture of its regional network
/// and the hedge of its nuclear latency, which a deal freezes. These are
/// Iran's bargaining chips: the US, which must leave room for them, can
/// demand less the more Iran holds (Fearon's power term).
#[inline]
pub fn chips(p: &Params, s: &State) -> f64 {
    p.deal.leverage_weight * s.leverage + p.deal.latency_weight * s.nuclear
}

/// The expected concession shock of a deal at terms x: κ·(1 + η·H)·(x + chips).
#[inline]
pub fn concession_shock(p: &Params, s: &State, x: f64) -> f64 {
    concession_rate(p, s) * (x + chips(p, s))
}

/// The hardliners' win-set: the largest concessions they ratify,
/// x̄₀ − β·H (Putnam's Level II).
#[inline]
pub fn veto_limit(p: &Params, hardliners: f64) -> f64 {
    p.deal.veto_base - p.deal.veto_weight * hardliners
}

/// Per-round crisis hazard: 1 below the threshold, h_max·exp(−(R − θ)/w) above.
#[inline]
pub fn crisis_hazard(p: &Params, resilience: f64, threshold: f64) -> f64 {
    if resilience < threshold {
        return 1.0;
    }
    p.hazard.crisis_max * (-(resilience - threshold) / p.hazard.crisis_width).exp()
}

/// The long-run resilience under a constant felt pressure, starting from
/// `from`: R* = clamp01(1 − (b/a)·P_eff). Without recovery (a = 0) R stays
/// where it is when nothing bites and falls to 0 when pressure does.
#[inline]
pub fn steady_resilience(p: &Params, felt: f64, from: f64) -> f64 {
    let r = &p.resilience;
    if r.recovery > 0.0 {
        (1.0 - r.pressure_cost / r.recovery * felt).clamp(0.0, 1.0)
    } else if r.pressure_cost * felt > 0.0 {
        0.0
    } else {
        from
    }
}
