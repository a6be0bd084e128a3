//! The validated, typed parameters of one scenario point.
//!
//! Built only by `scenario::Scenario` after every key has been checked against
//! its range, so the simulation reads them without further checks. Each field's
//! TOML key, default, range and basis are in `scenario::schema` and
//! `docs/MODEL.md` §7. The policies are not here: the model is the bottom
//! layer and knows nothing of who plays it (`policy::Players`).

/// Initial state of a run (before Iran's threshold is drawn).
#[derive(Debug, Clone, PartialEq)]
pub struct Initial {
    /// `iran.resilience`: R₀.
    pub resilience: f64,
    /// `iran.leverage`: L₀.
    pub leverage: f64,
    /// `iran.nuclear`: N₀, also the know-how level latency rebuilds to after a strike.
    pub nuclear: f64,
    /// `iran.hardliners`: H₀.
    pub hardliners: f64,
    /// `us.pressure`: P₀.
    pub pressure: f64,
    /// `lifeline.active`: whether a lifeline is on in round 1.
    pub lifeline: bool,
}

/// A uniform distribution of Iran's survival threshold θ on [mean − spread,
/// mean + spread]: Iran's true types, or the US's belief about them.
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    /// The mean.
    pub mean: f64,
    /// The half-width.
    pub spread: f64,
}

impl Threshold {
    /// The support [low, high], kept inside [0.01, 0.99].
    pub fn support(&self) -> (f64, f64) {
        (
            (self.mean - self.spread).clamp(0.01, 0.99),
            (self.mean + self.spread).clamp(0.01, 0.99),
        )
    }
}

/// Iran's leadership.
#[derive(Debug, Clone, PartialEq)]
pub struct Leadership {
    /// `iran.public_refusal`: "no talks" in public; direct talks pay an audience cost.
    pub public_refusal: bool,
    /// `iran.survival_floor`: the survival probability over the rest of the
    /// term below which a branch is existential (mechanics.md §6, θ*).
    pub survival_floor: f64,
}

/// The US side of the game that is not a policy choice.
#[derive(Debug, Clone, PartialEq)]
pub struct Us {
    /// `us.credibility`: chance that a deal made at the start of the term
    /// outlasts it.
    pub credibility: f64,
    /// `us.credibility_end`: the same for a deal made in the last round.
    pub credibility_end: f64,
    /// `us.successor_dove`: chance that the next administration eases.
    pub successor_dove: f64,
    /// `us.successor_relief`: share of pressure a dovish successor lifts.
    pub successor_relief: f64,
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

/// Sanctions pressure dynamics under each enforcement level.
#[derive(Debug, Clone, PartialEq)]
pub struct Sanctions {
    /// `sanctions.tighten`: P += τ·(1 − P) when the US tightens.
    pub tighten: f64,
    /// `sanctions.erosion`: P −= ε·P when the US holds enforcement (evasion).
    pub erosion: f64,
    /// `sanctions.ease`: P −= ε_E·P when the US eases enforcement.
    pub ease: f64,
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
    /// `nuclear.rebuild`: below the know-how level N₀, N regains r·(N₀ − N) a round.
    pub rebuild: f64,
}

/// Hardliner influence dynamics.
#[derive(Debug, Clone, PartialEq)]
pub struct Hardliners {
    /// `hardliners.pressure_gain`: H += g·P_eff·(1 − H) a round.
    pub pressure_gain: f64,
    /// `hardliners.confront_gain`: H += g·(1 − H) on confrontation, escalation or a strike.
    pub confront_gain: f64,
    /// `hardliners.relief_loss`: H −= l·H while an interim deal holds.
    pub relief_loss: f64,
}

/// Talks dynamics.
#[derive(Debug, Clone, PartialEq)]
pub struct Talks {
    /// `talks.intermediary_rate`: progress a round when either side talks through an intermediary.
    pub intermediary_rate: f64,
    /// `talks.direct_rate`: progress a round of direct talks on both sides.
    pub direct_rate: f64,
    /// `talks.hardliner_drag`: direct progress is multiplied by (1 − drag·H).
    pub hardliner_drag: f64,
    /// `talks.decay`: D −= d·D in a round without talks on both sides.
    pub decay: f64,
    /// `talks.interim_at`: progress at which intermediary talks yield an interim deal.
    pub interim_at: f64,
    /// `talks.interim_relief`: share of effective pressure an interim deal removes.
    pub interim_relief: f64,
    /// `talks.interim_breakdown`: per-round chance an interim deal breaks down.
    pub interim_breakdown: f64,
    /// `talks.setback`: share of progress kept after terms are refused or
    /// vetoed, or an interim deal breaks down.
    pub setback: f64,
    /// `talks.confront_setback`: share of progress lost in a round of confrontation.
    pub confront_setback: f64,
    /// `talks.progress_spread`: a round's progress is its rate times
    /// u ~ Uniform[1 − s, 1 + s].
    pub progress_spread: f64,
}

/// The final deal: its content, its domestic cost, and the US offer.
#[derive(Debug, Clone, PartialEq)]
pub struct Deal {
    /// `deal.relief`: share of sanctions pressure a final deal lifts.
    pub relief: f64,
    /// `deal.concession_cost`: κ, resilience lost per unit of concessions.
    pub concession_cost: f64,
    /// `deal.backlash`: η, hardliner amplification of the concession shock.
    pub backlash: f64,
    /// `deal.shock_spread`: the shock is multiplied by u ~ Uniform[1 − s, 1 + s].
    pub shock_spread: f64,
    /// `deal.veto_base`: hardliners' win-set x ≤ veto_base − veto_weight·H.
    pub veto_base: f64,
    /// `deal.veto_weight`: see `veto_base`.
    pub veto_weight: f64,
    /// `deal.lasting_cost`: Iran's flow cost per round after a deal, per unit of concessions.
    pub lasting_cost: f64,
    /// `deal.breakdown_cost`: the US cost of failed talks, in units of concessions.
    pub breakdown_cost: f64,
    /// `deal.leverage_weight`: λ_L, the chips a deal freezes are λ_L·L + λ_N·N.
    pub leverage_weight: f64,
    /// `deal.latency_weight`: λ_N, see `leverage_weight`.
    pub latency_weight: f64,
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

/// What a war does: a Fearon lottery over the regime's survival, and a
/// setback to latency and leverage that wears off.
#[derive(Debug, Clone, PartialEq)]
pub struct War {
    /// `war.regime_survival`: chance the regime survives a war.
    pub regime_survival: f64,
    /// `war.nuclear_setback`: share of latency a war destroys (it rebuilds at `nuclear.rebuild`).
    pub nuclear_setback: f64,
    /// `war.leverage_loss`: share of leverage a war destroys.
    pub leverage_loss: f64,
}

/// Payoffs.
#[derive(Debug, Clone, PartialEq)]
pub struct Payoff {
    /// `payoff.discount`: δ per round.
    pub discount: f64,
    /// `payoff.crisis_cost`: Iran's loss in a regime crisis.
    pub crisis_cost: f64,
    /// `payoff.war_cost_iran`: Iran's loss in a war.
    pub war_cost_iran: f64,
    /// `payoff.war_cost_us`: the US loss in a war.
    pub war_cost_us: f64,
    /// `payoff.crisis_value_us`: the US value of a regime crisis over the
    /// standoff continuing (may be negative).
    pub crisis_value_us: f64,
    /// `payoff.strike_cost_us`: the US cost of a limited strike.
    pub strike_cost_us: f64,
    /// `payoff.latency_weight_us`: the US loss per round per unit of latency.
    pub latency_weight_us: f64,
    /// `payoff.leverage_weight_us`: the US loss per round per unit of Iranian leverage.
    pub leverage_weight_us: f64,
    /// `payoff.enforcement_cost_us`: the US cost per round per unit of pressure it enforces.
    pub enforcement_cost_us: f64,
}

/// All model parameters of one scenario point.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// `scenario.rounds`: the horizon T in months (the end of the US term).
    pub rounds: u32,
    /// Initial state.
    pub initial: Initial,
    /// Iran's true threshold distribution (`iran.survival_threshold`,
    /// `iran.threshold_spread`): each run draws its θ from it.
    pub threshold: Threshold,
    /// The US prior about θ (`us.belief_mean`, `us.belief_spread`).
    pub belief: Threshold,
    /// Iran's leadership.
    pub leadership: Leadership,
    /// The US side.
    pub us: Us,
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
    /// The final deal.
    pub deal: Deal,
    /// Hazards.
    pub hazard: Hazard,
    /// War.
    pub war: War,
    /// Payoffs.
    pub payoff: Payoff,
}
