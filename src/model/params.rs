//! The validated, typed parameters of one scenario point.
//!
//! Built only by `scenario::Scenario` after every key has been checked against
//! its range, so the simulation reads them without further checks. Each field's
//! TOML key, default and range are in `scenario::schema` and `docs/MODEL.md`.

use crate::policy::{IranPolicy, UsPolicy};

/// Initial state of a run (before Iran's threshold is drawn).
#[derive(Debug, Clone, PartialEq)]
pub struct Initial {
    /// `iran.resilience`: R₀.
    pub resilience: f64,
    /// `iran.leverage`: L₀.
    pub leverage: f64,
    /// `iran.nuclear`: N₀.
    pub nuclear: f64,
    /// `iran.hardliners`: H₀.
    pub hardliners: f64,
    /// `us.pressure`: P₀.
    pub pressure: f64,
    /// `lifeline.active`: whether a lifeline is on in round 1.
    pub lifeline: bool,
}

/// Iran's private survival threshold: θ ~ Uniform[mean − spread, mean + spread].
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    /// `iran.survival_threshold`: the mean θ̄ (what the US believes on average).
    pub mean: f64,
    /// `iran.threshold_spread`: half-width s of the US's uncertainty.
    pub spread: f64,
}

/// The lifeline from other powers: a two-state Markov switch.
#[derive(Debug, Clone, PartialEq)]
pub struct Lifeline {
    /// `lifeline.probability`: per-round chance that a lifeline starts.
    pub start: f64,
    /// `lifeline.end_probability`: per-round chance that an active lifeline ends.
    pub end: f64,
    /// `lifeline.offset`: share of sanctions pressure an active lifeline offsets (φ).
    pub offset: f64,
}

/// Sanctions pressure dynamics.
#[derive(Debug, Clone, PartialEq)]
pub struct Sanctions {
    /// `sanctions.tighten`: P += τ·(1 − P) when the US tightens.
    pub tighten: f64,
    /// `sanctions.erosion`: P −= ε·P when the US does not tighten (evasion).
    pub erosion: f64,
    /// `sanctions.relief`: P −= ρ·P when the US engages and Iran talks.
    pub relief: f64,
}

/// Regime resilience dynamics.
#[derive(Debug, Clone, PartialEq)]
pub struct Resilience {
    /// `resilience.recovery`: R recovers by a·(1 − R) a round.
    pub recovery: f64,
    /// `resilience.pressure_cost`: R falls by b·P_eff a round.
    pub pressure_cost: f64,
    /// `resilience.noise`: uniform shock in [−σ, σ] a round.
    pub noise: f64,
    /// `resilience.confront_cost`: cost of a confrontation.
    pub confront_cost: f64,
    /// `resilience.escalate_cost`: cost of nuclear escalation.
    pub escalate_cost: f64,
    /// `resilience.strike_damage`: damage of a US strike.
    pub strike_damage: f64,
    /// `resilience.audience_cost`: cost of a round of direct talks, times H, while
    /// Iran publicly refuses talks.
    pub audience_cost: f64,
}

/// Leverage dynamics.
#[derive(Debug, Clone, PartialEq)]
pub struct Leverage {
    /// `leverage.decay`: L −= d·L a round (networks and resolve fade unless shown).
    pub decay: f64,
    /// `leverage.confront_gain`: L += g·(1 − L) on a confrontation.
    pub confront_gain: f64,
    /// `leverage.escalate_gain`: L += g·(1 − L) on nuclear escalation.
    pub escalate_gain: f64,
    /// `leverage.strike_loss`: L −= l·L on a US strike.
    pub strike_loss: f64,
}

/// Nuclear latency dynamics.
#[derive(Debug, Clone, PartialEq)]
pub struct Nuclear {
    /// `nuclear.drift`: N rises by this a round unless frozen by an interim deal.
    pub drift: f64,
    /// `nuclear.escalate_step`: N rises by this on escalation.
    pub escalate_step: f64,
    /// `nuclear.strike_setback`: N −= s·N on a US strike.
    pub strike_setback: f64,
}

/// Hardliner influence dynamics.
#[derive(Debug, Clone, PartialEq)]
pub struct Hardliners {
    /// `hardliners.pressure_gain`: H += g·P_eff·(1 − H) a round.
    pub pressure_gain: f64,
    /// `hardliners.confront_gain`: H += g·(1 − H) on confrontation, escalation or a strike.
    pub confront_gain: f64,
    /// `hardliners.relief_loss`: H −= l·H while relief flows.
    pub relief_loss: f64,
}

/// Talks dynamics.
#[derive(Debug, Clone, PartialEq)]
pub struct Talks {
    /// `talks.intermediary_rate`: progress a round of intermediary talks with the US engaged.
    pub intermediary_rate: f64,
    /// `talks.unengaged_factor`: share of that rate when the US does not engage.
    pub unengaged_factor: f64,
    /// `talks.direct_rate`: progress a round of direct talks with the US engaged.
    pub direct_rate: f64,
    /// `talks.hardliner_drag`: direct progress is multiplied by (1 − drag·H).
    pub hardliner_drag: f64,
    /// `talks.decay`: D −= d·D in a round without talks.
    pub decay: f64,
    /// `talks.interim_at`: progress at which engaged intermediary talks yield an interim deal.
    pub interim_at: f64,
    /// `talks.interim_relief`: share of effective pressure an interim deal removes.
    pub interim_relief: f64,
    /// `talks.interim_breakdown`: per-round chance an interim deal breaks down.
    pub interim_breakdown: f64,
    /// `talks.setback`: share of progress kept after terms are refused or an
    /// interim deal breaks down.
    pub setback: f64,
}

/// Deal terms and their domestic cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Deal {
    /// `deal.base_terms`: x₀.
    pub base_terms: f64,
    /// `deal.pressure_weight`: how much pressure worsens the terms.
    pub pressure_weight: f64,
    /// `deal.leverage_weight`: how much leverage improves the terms.
    pub leverage_weight: f64,
    /// `deal.uncertainty_weight`: the US demand premium per unit of its uncertainty.
    pub uncertainty_weight: f64,
    /// `deal.concession_cost`: κ, resilience lost per unit of concessions.
    pub concession_cost: f64,
    /// `deal.backlash`: η, hardliner amplification of the concession shock.
    pub backlash: f64,
    /// `deal.shock_spread`: the shock is multiplied by u ~ Uniform[1 − s, 1 + s].
    pub shock_spread: f64,
    /// `deal.veto_base`: hardliners' win-set x̄ = veto_base − veto_weight·H.
    pub veto_base: f64,
    /// `deal.veto_weight`: see `veto_base`.
    pub veto_weight: f64,
}

/// Terminal hazards.
#[derive(Debug, Clone, PartialEq)]
pub struct Hazard {
    /// `hazard.crisis_max`: crisis hazard when R is at the threshold.
    pub crisis_max: f64,
    /// `hazard.crisis_width`: how fast the hazard falls as R rises above the threshold.
    pub crisis_width: f64,
    /// `hazard.war_base`: background per-round chance of war.
    pub war_base: f64,
    /// `hazard.confront`: chance a confrontation spirals into war.
    pub confront: f64,
    /// `hazard.escalate`: chance nuclear escalation spirals into war (times 1 + N).
    pub escalate: f64,
    /// `hazard.strike`: chance a US strike spirals into war (times (1 + H)/2).
    pub strike: f64,
}

/// Payoffs.
#[derive(Debug, Clone, PartialEq)]
pub struct Payoff {
    /// `payoff.discount`: δ per round.
    pub discount: f64,
    /// `payoff.deal_value`: V, the value at stake in a deal.
    pub deal_value: f64,
    /// `payoff.crisis_cost`: Iran's loss in a regime crisis.
    pub crisis_cost: f64,
    /// `payoff.war_cost_iran`: Iran's loss in a war.
    pub war_cost_iran: f64,
    /// `payoff.war_cost_us`: the US loss in a war.
    pub war_cost_us: f64,
    /// `payoff.crisis_value_us`: the US value of a regime crisis (may be negative).
    pub crisis_value_us: f64,
    /// `payoff.strike_cost_us`: the US cost of a limited strike.
    pub strike_cost_us: f64,
    /// `us.credibility`: q, chance a deal's relief outlasts the US term.
    pub credibility: f64,
}

/// All parameters of one scenario point.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// `scenario.rounds`: the horizon T in months.
    pub rounds: u32,
    /// `iran.public_refusal`: Iran says "no talks" in public.
    pub public_refusal: bool,
    /// Initial state.
    pub initial: Initial,
    /// Iran's private threshold distribution.
    pub threshold: Threshold,
    /// Lifeline switch.
    pub lifeline: Lifeline,
    /// Sanctions.
    pub sanctions: Sanctions,
    /// Resilience.
    pub resilience: Resilience,
    /// Leverage.
    pub leverage: Leverage,
    /// Nuclear latency.
    pub nuclear: Nuclear,
    /// Hardliners.
    pub hardliners: Hardliners,
    /// Talks.
    pub talks: Talks,
    /// Deal terms.
    pub deal: Deal,
    /// Hazards.
    pub hazard: Hazard,
    /// Payoffs.
    pub payoff: Payoff,
    /// Iran's policy.
    pub iran_policy: IranPolicy,
    /// The US policy.
    pub us_policy: UsPolicy,
}
