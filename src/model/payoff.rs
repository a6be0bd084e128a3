//! Each side's per-round flow payoff and terminal payoff.
//!
//! A run's payoff is Σ_t δ^(t−1)·flow_t + δ^(τ−1)·terminal, rounds t = 1..τ,
//! where τ is the round the run ended (T for muddle_through).

use super::action::{Outcome, UsAction};
use super::params::Params;
use super::state::State;

/// Iran's flow in a round: the resilience of "the system" at the end of it.
#[inline]
pub fn iran_flow(s: &State) -> f64 {
    s.resilience
}

/// The US flow in a round: minus nuclear latency, minus the cost of a strike.
#[inline]
pub fn us_flow(p: &Params, s: &State, us: UsAction) -> f64 {
    let strike = if us == UsAction::Strike {
        p.payoff.strike_cost_us
    } else {
        0.0
    };
    -s.nuclear - strike
}

/// Terminal payoffs (Iran, US) of an outcome; `terms` is x for a deal.
///
/// A deal is worth V·q·(1 − x) to Iran (relief, discounted by the chance q it
/// outlasts the US term, net of concessions) and V·x to the US.
pub fn terminal(p: &Params, outcome: Outcome, terms: Option<f64>) -> (f64, f64) {
    let py = &p.payoff;
    match outcome {
        Outcome::Deal => {
            let x = terms.unwrap_or(0.0);
            (
                py.deal_value * py.credibility * (1.0 - x),
                py.deal_value * x,
            )
        }
        Outcome::RegimeCrisis => (-py.crisis_cost, py.crisis_value_us),
        Outcome::War => (-py.war_cost_iran, -py.war_cost_us),
        Outcome::MuddleThrough => (0.0, 0.0),
    }
}
