//! Each side's per-round flow payoff, and the value of what follows each
//! terminal outcome.
//!
//! A run's payoff is Σ_t δ^(t−1)·flow_t + δ^(τ−1)·terminal, rounds t = 1..τ,
//! where τ is the round the run ended (T for muddle_through). No outcome is a
//! cheap exit: each terminal value is a lump sum plus the discounted flows of
//! the stationary future the outcome leads to (`docs/MODEL.md` §4.10), valued
//! with the same flow functions as the rounds of the game.

use super::action::{Outcome, UsAction};
use super::params::Params;
use super::state::{State, crisis_hazard, felt_share, steady_resilience};
use super::survival::long_run_lifeline;

/// Iran's flow in a round: the resilience of "the system" at the end of it.
#[inline]
pub fn iran_flow(s: &State) -> f64 {
    s.resilience
}

/// The US flow for latency N, leverage L and enforced pressure P:
/// −w_N·N − w_L·L − c_E·P (what it wants from Iran, and what enforcing costs).
#[inline]
fn us_standing(p: &Params, nuclear: f64, leverage: f64, pressure: f64) -> f64 {
    let py = &p.payoff;
    -py.latency_weight_us * nuclear
        - py.leverage_weight_us * leverage
        - py.enforcement_cost_us * pressure
}

/// The US flow in a round: its standing at the end of it, minus the cost of a strike.
#[inline]
pub fn us_flow(p: &Params, s: &State, us: UsAction) -> f64 {
    let strike = if us.is_strike() {
        p.payoff.strike_cost_us
    } else {
        0.0
    };
    us_standing(p, s.nuclear, s.leverage, s.pressure) - strike
}

/// US credibility when a deal is made in round t: q_t falls linearly from
/// `us.credibility` in round 1 to `us.credibility_end` in round T.
#[inline]
pub fn credibility(p: &Params, round: u32) -> f64 {
    let us = &p.us;
    if p.rounds <= 1 {
        return us.credibility;
    }
    let f = f64::from(round.saturating_sub(1).min(p.rounds - 1)) / f64::from(p.rounds - 1);
    us.credibility + (us.credibility_end - us.credibility) * f
}

/// A stationary future in which each round brings `flow` while the regime
/// stands and, with hazard h, the regime falls once for `fall`:
/// Σ_{k≥1} δ^k·(1 − h)^(k−1)·((1 − h)·flow + h·fall) = δ·((1 − h)·flow + h·fall)/(1 − δ·(1 − h)).
#[inline]
fn regime_future(delta: f64, flow: f64, hazard: f64, fall: f64) -> f64 {
    delta * ((1.0 - hazard) * flow + hazard * fall) / (1.0 - delta * (1.0 - hazard))
}

/// The US value of a stationary future: its flow forever, plus the value it
/// puts on a regime crisis, C_U, when the regime falls (a crisis leaves
/// the rest of its standing as it was).
#[inline]
fn us_future(p: &Params, flow: f64, hazard: f64) -> f64 {
    let delta = p.payoff.discount;
    delta * flow / (1.0 - delta) + regime_future(delta, 0.0, hazard, p.payoff.crisis_value_us)
}

/// Iran's value of a stationary future at felt pressure `felt` and a flow
/// cost `cost` a round: R settles at R*, the regime faces the hazard h(R*, θ)
/// every round and a crisis costs C_I.
#[inline]
fn iran_future(p: &Params, s: &State, felt: f64, cost: f64) -> (f64, f64) {
    let settled = steady_resilience(p, felt, s.resilience);
    let hazard = crisis_hazard(p, settled, s.threshold);
    let value = regime_future(
        p.payoff.discount,
        settled - cost,
        hazard,
        -p.payoff.crisis_cost,
    );
    (value, hazard)
}

/// Latency averaged over a stationary future with the weights of
/// discounting, from latency `now` that rebuilds toward the know-how level
/// N̄ = max(N₀, now) at `nuclear.rebuild` a round, as in the game:
/// N̄ − (N̄ − now)·(1 − δ)/(1 − δ·(1 − r_N)). A strike's or a war's effect
/// wears off in the valuation too.
#[inline]
pub fn future_latency(p: &Params, now: f64) -> f64 {
    let delta = p.payoff.discount;
    let target = p.initial.nuclear.max(now);
    target - (target - now) * (1.0 - delta) / (1.0 - delta * (1.0 - p.nuclear.rebuild))
}

/// Terminal values (Iran, US) of an outcome reached in state `s` (the state at
/// the end of the round, after a deal's concession shock); `terms` is x for a deal.
///
/// - **deal** at x: the pressure expected after it, P·(1 − ρ_D·q_t) (the relief
///   lasts past the term with the credibility q_t of the round), latency and
///   leverage rolled back by x, and Iran's lasting cost k·x a round;
/// - **muddle_through**: a successor eases by ρ_S with chance π_D, so the
///   pressure expected is P·(1 − π_D·ρ_S);
/// - **war**: a Fearon lottery: −W for both, then the regime survives with
///   chance π_W into a future with latency and leverage set back (latency
///   rebuilds), else it falls;
/// - **regime_crisis**: −C_I for Iran; for the US, C_U plus its standing continuing.
pub fn terminal(p: &Params, s: &State, outcome: Outcome, terms: Option<f64>) -> (f64, f64) {
    let py = &p.payoff;
    let delta = py.discount;
    let lifeline = long_run_lifeline(p, s.lifeline);
    let latency = future_latency(p, s.nuclear);
    let standing = us_standing(p, latency, s.leverage, s.pressure);
    match outcome {
        Outcome::Deal => {
            let x = terms.unwrap_or(0.0);
            let pressure = s.pressure * (1.0 - p.deal.relief * credibility(p, s.round));
            let leverage = s.leverage * (1.0 - x);
            let felt = pressure * felt_share(p, lifeline, false);
            let (iran, hazard) = iran_future(p, s, felt, p.deal.lasting_cost * x);
            let us = us_standing(p, latency * (1.0 - x), leverage, pressure);
            (iran, us_future(p, us, hazard))
        }
        Outcome::MuddleThrough => {
            let pressure = s.pressure * (1.0 - p.us.successor_dove * p.us.successor_relief);
            let felt = pressure * felt_share(p, lifeline, s.interim);
            let (iran, hazard) = iran_future(p, s, felt, 0.0);
            let us = us_standing(p, latency, s.leverage, pressure);
            (iran, us_future(p, us, hazard))
        }
        Outcome::War => {
            let w = &p.war;
            let leverage = s.leverage * (1.0 - w.leverage_loss);
            let felt = s.pressure * felt_share(p, lifeline, false);
            let (iran, hazard) = iran_future(p, s, felt, 0.0);
            let nuclear = future_latency(p, s.nuclear * (1.0 - w.nuclear_setback));
            let us = us_standing(p, nuclear, leverage, s.pressure);
            let survives = w.regime_survival;
            (
                -py.war_cost_iran + survives * iran - (1.0 - survives) * py.crisis_cost,
                -py.war_cost_us
                    + survives * us_future(p, us, hazard)
                    + (1.0 - survives) * (py.crisis_value_us + delta * us / (1.0 - delta)),
            )
        }
        Outcome::RegimeCrisis => (
            -py.crisis_cost,
            py.crisis_value_us + delta * standing / (1.0 - delta),
        ),
    }
}
