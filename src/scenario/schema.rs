//! The scenario schema: every dotted key, its type, default, allowed range and
//! meaning. This table is the scenario reference: `catch22 check` prints it
//! resolved, `catch22 list` prints the policy parameters from it, and TOML
//! files, `--set` and `--vary` are all checked against it.

use std::fmt;
use std::sync::LazyLock;

use crate::policy::{IRAN_POLICIES, US_POLICIES};

/// The type and allowed values of a key.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// A real number in [min, max].
    Float {
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
    },
    /// An integer in [min, max].
    Int {
        /// Smallest allowed value.
        min: i64,
        /// Largest allowed value.
        max: i64,
    },
    /// `true` or `false`.
    Bool,
    /// One of a fixed set of names.
    Choice(&'static [&'static str]),
    /// Free text.
    Text,
}

impl Kind {
    /// "a number in [0, 1]", "one of a, b", ...: the allowed range in words.
    pub fn describe(&self) -> String {
        match self {
            Kind::Float { min, max } => format!("a number in [{min}, {max}]"),
            Kind::Int { min, max } => format!("an integer in [{min}, {max}]"),
            Kind::Bool => "true or false".to_string(),
            Kind::Choice(options) => format!("one of {}", options.join(", ")),
            Kind::Text => "a string".to_string(),
        }
    }
}

/// A value of a key.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A real number.
    Float(f64),
    /// An integer.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// A name or text.
    Text(String),
}

impl Value {
    /// The number (integers widen).
    pub fn as_f64(&self) -> f64 {
        match self {
            Value::Float(x) => *x,
            Value::Int(i) => *i as f64,
            Value::Bool(b) => f64::from(u8::from(*b)),
            Value::Text(_) => f64::NAN,
        }
    }

    /// The integer (0 when not an integer; validated values always are).
    pub fn as_i64(&self) -> i64 {
        match self {
            Value::Int(i) => *i,
            _ => 0,
        }
    }

    /// The boolean.
    pub fn as_bool(&self) -> bool {
        matches!(self, Value::Bool(true))
    }

    /// The text ("" when not text).
    pub fn as_str(&self) -> &str {
        match self {
            Value::Text(s) => s,
            _ => "",
        }
    }
}

impl fmt::Display for Value {
    /// Numbers print in their shortest round-trip form (0.1, not
    /// 0.1000000001; 1e300, not 301 digits: [`crate::output::digits::shortest`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Float(x) => f.write_str(&crate::output::digits::shortest(*x)),
            Value::Int(i) => write!(f, "{i}"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Text(s) => f.write_str(s),
        }
    }
}

/// Where a key's default comes from (`docs/MODEL.md` §7): the tag every
/// parameter carries, so that an analyst knows which numbers are facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// A run setting, not a claim about the world (seed, runs, grid sizes, names).
    Setting,
    /// A dated public fact (`research/calibration.md`).
    Data,
    /// A value taken from the literature (`research/models.md`).
    Literature,
    /// A judgement call; the key's plausible range says how far it could go.
    Judgement,
}

impl Basis {
    /// The tag's name, as `check` and `docs/MODEL.md` print it.
    pub fn name(self) -> &'static str {
        match self {
            Basis::Setting => "setting",
            Basis::Data => "data",
            Basis::Literature => "literature",
            Basis::Judgement => "judgement",
        }
    }
}

/// One key of the schema.
#[derive(Debug, Clone)]
pub struct KeySpec {
    /// The dotted key, e.g. `iran.resilience`.
    pub key: &'static str,
    /// Its type and range.
    pub kind: Kind,
    /// Its default.
    pub default: Value,
    /// What it means (one line, with the model symbol).
    pub doc: &'static str,
    /// Where the default comes from.
    pub basis: Basis,
    /// The plausible range `(low, high)` of a numeric key: the values a
    /// defensible reading of the evidence allows, inside the allowed range.
    /// Uncertainty analysis (`--uncertain-defaults`) samples from it.
    pub plausible: Option<(f64, f64)>,
}

impl KeySpec {
    /// Tags the key as a judgement with its plausible range.
    fn judged(mut self, low: f64, high: f64) -> KeySpec {
        self.basis = Basis::Judgement;
        self.plausible = Some((low, high));
        self
    }

    /// Tags the key as data, with the range the sources allow.
    fn data_range(mut self, low: f64, high: f64) -> KeySpec {
        self.basis = Basis::Data;
        self.plausible = Some((low, high));
        self
    }

    /// Tags a key whose value is a dated fact with no range to sample
    /// (the horizon, a switch).
    fn data(mut self) -> KeySpec {
        self.basis = Basis::Data;
        self
    }

    /// Tags the key as taken from the literature, with a plausible range.
    fn literature(mut self, low: f64, high: f64) -> KeySpec {
        self.basis = Basis::Literature;
        self.plausible = Some((low, high));
        self
    }
}

fn float(key: &'static str, default: f64, min: f64, max: f64, doc: &'static str) -> KeySpec {
    KeySpec {
        key,
        kind: Kind::Float { min, max },
        default: Value::Float(default),
        doc,
        basis: Basis::Judgement,
        plausible: None,
    }
}

fn prob(key: &'static str, default: f64, doc: &'static str) -> KeySpec {
    float(key, default, 0.0, 1.0, doc)
}

fn int(key: &'static str, default: i64, min: i64, max: i64, doc: &'static str) -> KeySpec {
    KeySpec {
        key,
        kind: Kind::Int { min, max },
        default: Value::Int(default),
        doc,
        basis: Basis::Setting,
        plausible: None,
    }
}

fn boolean(key: &'static str, default: bool, doc: &'static str) -> KeySpec {
    KeySpec {
        key,
        kind: Kind::Bool,
        default: Value::Bool(default),
        doc,
        basis: Basis::Judgement,
        plausible: None,
    }
}

fn choice(
    key: &'static str,
    default: &'static str,
    options: &'static [&'static str],
    doc: &'static str,
) -> KeySpec {
    KeySpec {
        key,
        kind: Kind::Choice(options),
        default: Value::Text(default.to_string()),
        doc,
        basis: Basis::Setting,
        plausible: None,
    }
}

fn text(key: &'static str, default: &'static str, doc: &'static str) -> KeySpec {
    KeySpec {
        key,
        kind: Kind::Text,
        default: Value::Text(default.to_string()),
        doc,
        basis: Basis::Setting,
        plausible: None,
    }
}

/// The largest number of runs a point may ask for.
pub const MAX_RUNS: i64 = 1_000_000_000;

/// The largest horizon in rounds (100 years of months).
pub const MAX_ROUNDS: i64 = 1200;

/// Every key, in the order `check` prints them. Defaults are the 2025 baseline
/// reading; `docs/MODEL.md` gives the source of each.
#[rustfmt::skip]
pub static SCHEMA: LazyLock<Vec<KeySpec>> = LazyLock::new(|| {
    vec![
        text("scenario.name", "unnamed", "Scenario name, the `scenario` column of the summary CSV."),
        text("scenario.description", "", "What the scenario claims to show."),
        int("scenario.rounds", 48, 1, MAX_ROUNDS, "T: horizon in monthly rounds (Feb 2025 to Jan 2029 = 48).").data(),
        int("scenario.runs", 10_000, 1, MAX_RUNS, "Monte Carlo runs per point."),
        int("scenario.seed", 2025, 0, i64::MAX, "Master seed; run i draws from ChaCha8 stream (seed, i + 1)."),
        choice("iran.policy", "fence_sitter", &IRAN_POLICIES, "Iran's policy."),
        prob("iran.resilience", 0.45, "R0: initial regime resilience.").judged(0.35, 0.55),
        float("iran.survival_threshold", 0.25, 0.05, 0.9, "theta-bar: mean of Iran's true private survival threshold (each run draws its theta).").judged(0.2, 0.3),
        float("iran.threshold_spread", 0.08, 0.0, 0.3, "s: Iran's true types, theta ~ Uniform[theta-bar - s, theta-bar + s].").judged(0.04, 0.12),
        prob("iran.leverage", 0.25, "L0: initial leverage (regional network, demonstrated resolve).").judged(0.15, 0.35),
        prob("iran.hardliners", 0.65, "H0: initial hardliner influence.").data_range(0.55, 0.75),
        prob("iran.nuclear", 0.7, "N0: initial nuclear latency, also the know-how level latency rebuilds to after a strike.").data_range(0.6, 0.8),
        boolean("iran.public_refusal", true, "Iran rules out talks in public: direct talks cost audience_cost*H a round.").data(),
        float("iran.survival_floor", 0.9, 0.5, 0.999, "F: survival probability to the end of the term below which a horn is existential (the trap: both horns below F).").judged(0.75, 0.97),
        prob("iran.hold_the_line.confront_prob", 0.0, "hold_the_line: chance of a confrontation in a round.").judged(0.0, 0.3),
        prob("iran.heroic_flexibility.go_direct_at", 0.5, "heroic_flexibility: talks progress at which intermediary talks go direct.").judged(0.3, 0.7),
        prob("iran.fence_sitter.confront_below", 0.2, "fence_sitter: confront when leverage L < confront_below...").judged(0.1, 0.3),
        prob("iran.fence_sitter.confront_prob", 0.5, "fence_sitter: ...with this probability.").judged(0.2, 0.8),
        prob("iran.full_confrontation.escalate_prob", 0.5, "full_confrontation: chance to escalate rather than confront.").judged(0.2, 0.8),
        choice("us.policy", "maximum_pressure", &US_POLICIES, "The US policy."),
        prob("us.pressure", 0.4, "P0: initial sanctions pressure, 1 - exports/2.5 mbpd (1.5 mbpd in 2024).").data_range(0.32, 0.48),
        prob("us.credibility", 0.5, "q: chance that a deal made at the start of the term outlasts it.").judged(0.3, 0.7),
        prob("us.credibility_end", 0.2, "q_T: the same for a deal made in the last round (credibility declines through the term).").judged(0.0, 0.4),
        float("us.belief_mean", 0.25, 0.05, 0.9, "US prior about Iran's threshold: mean (theta-bar is the truth).").judged(0.15, 0.35),
        float("us.belief_spread", 0.08, 0.0, 0.3, "US prior: half-width of its uniform belief about theta (its uncertainty).").judged(0.02, 0.15),
        prob("us.successor_dove", 0.5, "pi_D: chance the next administration eases (what muddling through is worth).").judged(0.3, 0.7),
        prob("us.successor_relief", 0.4, "rho_S: share of pressure a dovish successor lifts.").judged(0.2, 0.6),
        prob("us.maximum_pressure.strike_at", 0.95, "maximum_pressure: strike when N >= strike_at.").judged(0.85, 1.0),
        prob("us.pressure_and_engage.strike_at", 0.95, "pressure_and_engage: strike when N >= strike_at.").judged(0.85, 1.0),
        prob("us.strike_on_breakout.strike_at", 0.8, "strike_on_breakout: strike when N >= strike_at.").judged(0.7, 0.9),
        boolean("lifeline.active", true, "Whether a lifeline is active in round 1.").data(),
        prob("lifeline.probability", 0.05, "lambda_on: per-round chance that a lifeline starts.").judged(0.02, 0.1),
        prob("lifeline.end_probability", 0.04, "lambda_off: per-round chance that an active lifeline ends.").judged(0.02, 0.08),
        prob("lifeline.offset", 0.6, "phi: share of pressure an active lifeline offsets (0: worthless).").data_range(0.4, 0.7),
        prob("sanctions.tighten", 0.08, "tau: P += tau*(1 - P) when the US tightens.").data_range(0.05, 0.12),
        prob("sanctions.erosion", 0.01, "epsilon: P -= epsilon*P when the US holds enforcement (evasion).").judged(0.005, 0.02),
        prob("sanctions.ease", 0.015, "epsilon_E: P -= epsilon_E*P when the US eases enforcement.").data_range(0.01, 0.03),
        float("resilience.recovery", 0.03, 0.0, 0.5, "a: R recovers by a*(1 - R) a round.").literature(0.02, 0.04),
        float("resilience.pressure_cost", 0.03, 0.0, 0.5, "b: R falls by b*P_eff a round.").judged(0.02, 0.04),
        float("resilience.noise", 0.02, 0.0, 0.5, "sigma: uniform shock to R in [-sigma, sigma] a round.").judged(0.01, 0.03),
        float("resilience.confront_cost", 0.005, 0.0, 0.5, "c_C: resilience cost of a confrontation.").judged(0.002, 0.01),
        float("resilience.escalate_cost", 0.01, 0.0, 0.5, "c_E: resilience cost of nuclear escalation.").judged(0.005, 0.02),
        float("resilience.strike_damage", 0.05, 0.0, 0.5, "c_S: resilience damage of a US strike.").judged(0.02, 0.1),
        float("resilience.audience_cost", 0.01, 0.0, 0.5, "c_A: cost of a round of direct talks, times H, under public refusal.").literature(0.005, 0.02),
        prob("leverage.decay", 0.03, "d_L: L -= d_L*L a round.").judged(0.015, 0.05),
        prob("leverage.confront_gain", 0.15, "g_C: L += g_C*(1 - L) on a confrontation.").literature(0.08, 0.25),
        prob("leverage.escalate_gain", 0.1, "g_E: L += g_E*(1 - L) on nuclear escalation.").judged(0.05, 0.2),
        prob("leverage.strike_loss", 0.2, "l_S: L -= l_S*L on a US strike.").judged(0.1, 0.3),
        float("nuclear.drift", 0.004, 0.0, 0.1, "n_d: N rises by n_d a round unless an interim deal freezes it.").data_range(0.002, 0.008),
        prob("nuclear.escalate_step", 0.08, "n_E: N rises by n_E on escalation.").judged(0.04, 0.15),
        prob("nuclear.strike_setback", 0.3, "n_S: N -= n_S*N on a US strike.").judged(0.15, 0.5),
        prob("nuclear.rebuild", 0.06, "r_N: below the know-how level N0, N regains r_N*(N0 - N) a round: a strike's effect wears off.").judged(0.03, 0.1),
        float("hardliners.pressure_gain", 0.02, 0.0, 0.5, "h_P: H += h_P*P_eff*(1 - H) a round.").literature(0.01, 0.04),
        float("hardliners.confront_gain", 0.02, 0.0, 0.5, "h_C: H += h_C*(1 - H) on confrontation, escalation or a strike.").judged(0.01, 0.04),
        float("hardliners.relief_loss", 0.04, 0.0, 0.5, "h_R: H -= h_R*H while an interim deal holds.").judged(0.02, 0.08),
        prob("talks.intermediary_rate", 0.05, "d_I: talks progress a round when both talk and either uses an intermediary.").judged(0.03, 0.08),
        prob("talks.direct_rate", 0.12, "d_D: progress a round of direct talks on both sides.").judged(0.08, 0.16),
        prob("talks.hardliner_drag", 0.5, "k_H: direct progress is d_D*(1 - k_H*H).").literature(0.3, 0.7),
        prob("talks.decay", 0.05, "d_T: D -= d_T*D in a round without talks on both sides.").judged(0.02, 0.1),
        prob("talks.interim_at", 0.5, "D_I: progress at which intermediary talks yield an interim deal, if the US does not tighten.").judged(0.3, 0.7),
        prob("talks.interim_relief", 0.3, "r_I: share of felt pressure an interim deal removes.").data_range(0.15, 0.4),
        prob("talks.interim_breakdown", 0.04, "b_I: per-round chance an interim deal breaks down.").literature(0.02, 0.08),
        prob("talks.setback", 0.5, "m: share of progress kept after refused or vetoed terms or a breakdown.").judged(0.3, 0.7),
        prob("talks.confront_setback", 0.2, "share of talks progress lost in a round of confrontation.").judged(0.05, 0.4),
        prob("talks.progress_spread", 0.5, "s_D: a round's progress is its rate times u ~ Uniform[1 - s_D, 1 + s_D] (talks move unevenly).").judged(0.25, 0.75),
        prob("deal.relief", 0.7, "rho_D: share of sanctions pressure a final deal lifts.").data_range(0.5, 0.8),
        prob("deal.concession_cost", 0.3, "kappa: resilience lost per unit of concessions.").judged(0.2, 0.4),
        float("deal.backlash", 0.5, 0.0, 2.0, "eta: hardliner amplification of the concession shock.").judged(0.25, 0.75),
        prob("deal.shock_spread", 0.5, "s_x: the shock is scaled by u ~ Uniform[1 - s_x, 1 + s_x].").judged(0.25, 0.75),
        prob("deal.veto_base", 0.7, "hardliners' win-set: x <= veto_base - veto_weight*H.").judged(0.5, 0.9),
        prob("deal.veto_weight", 0.5, "see deal.veto_base.").judged(0.3, 0.7),
        prob("deal.lasting_cost", 0.05, "k_I: Iran's flow cost per round after a deal, per unit of concessions.").judged(0.0, 0.1),
        prob("deal.breakdown_cost", 0.05, "c: the US cost of failed talks, in units of concessions (Fearon's c_A).").judged(0.0, 0.15),
        prob("deal.leverage_weight", 0.5, "lambda_L: what any deal's freeze of the regional posture costs Iran, per unit of leverage, in units of concessions (a bargaining chip).").judged(0.25, 0.75),
        prob("deal.latency_weight", 0.05, "lambda_N: the same for the nuclear hedge, per unit of latency (the bargaining chip of restraint).").judged(0.0, 0.15),
        prob("hazard.crisis_max", 0.05, "h_max: per-round crisis hazard when R is at the threshold.").judged(0.02, 0.1),
        float("hazard.crisis_width", 0.04, 0.001, 1.0, "w: crisis hazard h_max*exp(-(R - theta)/w).").judged(0.02, 0.08),
        prob("hazard.war_base", 0.0005, "z_0: background per-round chance of war.").judged(0.0002, 0.001),
        prob("hazard.confront", 0.015, "z_C: chance a confrontation spirals into war.").literature(0.005, 0.03),
        prob("hazard.escalate", 0.02, "z_E: chance escalation spirals into war, times (1 + N).").literature(0.01, 0.04),
        prob("hazard.strike", 0.3, "z_S: chance a US strike spirals into war, times (1 + H)/2.").judged(0.15, 0.45),
        prob("war.regime_survival", 0.8, "pi_W: chance the regime survives a war (a Fearon lottery).").judged(0.6, 0.95),
        prob("war.nuclear_setback", 0.5, "share of latency a war destroys (it rebuilds at nuclear.rebuild).").judged(0.3, 0.8),
        prob("war.leverage_loss", 0.3, "share of leverage a war destroys.").judged(0.1, 0.5),
        float("payoff.discount", 0.99, 0.0, 0.999, "delta: per-round discount factor.").judged(0.98, 0.995),
        float("payoff.crisis_cost", 30.0, 0.0, 1000.0, "C_I: Iran's loss in a regime crisis (it also loses every later flow).").judged(15.0, 60.0),
        float("payoff.war_cost_iran", 30.0, 0.0, 1000.0, "W_I: Iran's loss in a war.").judged(15.0, 60.0),
        float("payoff.war_cost_us", 15.0, 0.0, 1000.0, "W_U: the US loss in a war.").judged(5.0, 40.0),
        float("payoff.crisis_value_us", 0.0, -1000.0, 1000.0, "C_U: the US value of a regime crisis over the standoff continuing.").judged(-20.0, 20.0),
        float("payoff.strike_cost_us", 3.0, 0.0, 100.0, "K_S: the US cost of a limited strike.").judged(1.0, 10.0),
        float("payoff.latency_weight_us", 0.3, 0.0, 100.0, "w_N: the US loss a round per unit of nuclear latency.").judged(0.1, 1.0),
        float("payoff.leverage_weight_us", 0.3, 0.0, 100.0, "w_L: the US loss a round per unit of Iranian leverage.").judged(0.0, 1.0),
        float("payoff.enforcement_cost_us", 0.2, 0.0, 100.0, "c_E: the US cost a round per unit of pressure it enforces.").judged(0.05, 0.5),
        int("equilibrium.grid.resilience", 7, 1, 65, "equilibrium policy: grid nodes on [0, 1] for resilience R (1 freezes the axis)."),
        int("equilibrium.grid.leverage", 3, 1, 65, "equilibrium policy: grid nodes for leverage L."),
        int("equilibrium.grid.pressure", 3, 1, 65, "equilibrium policy: grid nodes for pressure P."),
        int("equilibrium.grid.talks", 5, 1, 65, "equilibrium policy: grid nodes for talks progress D."),
        int("equilibrium.grid.hardliners", 2, 1, 65, "equilibrium policy: grid nodes for hardliner influence H."),
        int("equilibrium.grid.nuclear", 3, 1, 65, "equilibrium policy: grid nodes for nuclear latency N."),
        int("equilibrium.grid.belief", 2, 1, 65, "equilibrium policy: grid nodes for the US belief's lower end, from the prior's (0) to its upper end (1)."),
        int("equilibrium.noise_nodes", 1, 1, 5, "equilibrium policy: Gauss-Legendre nodes integrating the resilience noise."),
        int("equilibrium.backlash_nodes", 2, 1, 5, "equilibrium policy: Gauss-Legendre nodes integrating a deal's backlash."),
    ]
});

/// Keys of model version 1 that version 2 removed, with what replaced them.
pub const REMOVED: [(&str, &str); 10] = [
    (
        "iran.heroic_flexibility.trigger",
        "talks begin when refusing is no longer survivable: see iran.survival_floor",
    ),
    (
        "iran.heroic_flexibility.margin",
        "terms are accepted when the deal is the less bad horn (survival after it at least survival when refusing)",
    ),
    (
        "iran.fence_sitter.direct_below",
        "direct talks come when refusing falls below iran.survival_floor and the deal is the less bad horn",
    ),
    (
        "iran.fence_sitter.margin",
        "terms are accepted when the deal is the less bad horn (survival after it at least survival when refusing)",
    ),
    (
        "sanctions.relief",
        "relief is the content of a deal, never paid during talks: see deal.relief and talks.interim_relief",
    ),
    (
        "talks.unengaged_factor",
        "talks move only when both sides talk (the US diplomacy is none, intermediary or direct)",
    ),
    (
        "deal.base_terms",
        "the US offer is a screening demand from its belief: see us.belief_mean, us.belief_spread and deal.breakdown_cost",
    ),
    (
        "deal.pressure_weight",
        "the US offer is a screening demand from its belief: see us.belief_mean, us.belief_spread and deal.breakdown_cost",
    ),
    (
        "deal.uncertainty_weight",
        "the US uncertainty is its own key now: see us.belief_spread",
    ),
    (
        "payoff.deal_value",
        "a deal is valued by what follows it: see deal.relief, deal.lasting_cost and payoff.latency_weight_us",
    ),
];

/// What replaced a key that model version 2 removed.
pub fn removed(key: &str) -> Option<&'static str> {
    REMOVED.iter().find(|(k, _)| *k == key).map(|(_, r)| *r)
}

/// The position of a key in [`SCHEMA`].
pub fn index_of(key: &str) -> Option<usize> {
    SCHEMA.iter().position(|s| s.key == key)
}

/// The spec of a key.
pub fn spec(key: &str) -> Option<&'static KeySpec> {
    SCHEMA.iter().find(|s| s.key == key)
}

/// Whether `prefix` names a table of the schema (`iran`, `iran.fence_sitter`).
pub fn is_table(prefix: &str) -> bool {
    SCHEMA.iter().any(|s| {
        s.key.len() > prefix.len()
            && s.key.starts_with(prefix)
            && s.key.as_bytes()[prefix.len()] == b'.'
    })
}

/// The closest known key to a misspelt one, if any is close enough.
pub fn suggest(key: &str) -> Option<&'static str> {
    if far_longer(key, SCHEMA.iter().map(|s| s.key)) {
        return None;
    }
    // Allow roughly one typo per four characters of the last component.
    let last = key.rsplit('.').next().unwrap_or(key);
    closest(key, SCHEMA.iter().map(|s| s.key), (last.len() / 3).max(2))
}

/// The closest option of a choice, if close enough.
pub fn suggest_option<'o>(word: &str, options: &[&'o str]) -> Option<&'o str> {
    if far_longer(word, options.iter().copied()) {
        return None;
    }
    closest(word, options.iter().copied(), (word.len() / 3).max(2))
}

/// The first option at the least edit distance from `word`, if that is at
/// most `limit`. An option whose length differs from the word's by more
/// than `limit` is that far at least, so its distance is not computed: the
/// same answer, several times faster for a scenario's hundred keys.
fn closest<'o>(
    word: &str,
    options: impl Iterator<Item = &'o str>,
    limit: usize,
) -> Option<&'o str> {
    let len = word.chars().count();
    options
        .filter(|o| o.chars().count().abs_diff(len) <= limit)
        .map(|o| (edit_distance(word, o), o))
        .min_by_key(|(d, _)| *d)
        .filter(|(d, _)| *d <= limit)
        .map(|(_, o)| o)
}

/// Whether `word` is longer than 3L + 6 characters, L the longest option: then
/// it is more than a third of its length (and more than 2) away from every
/// option, so none is suggested, and the distance, quadratic in the
/// lengths, need not be computed for a megabyte of junk.
fn far_longer<'o>(word: &str, options: impl Iterator<Item = &'o str>) -> bool {
    let longest = options.map(|o| o.chars().count()).max().unwrap_or(0);
    word.chars().count() > 3 * longest + 6
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Checks a value against a key's kind and range; the error says what is allowed.
pub fn check(spec: &KeySpec, value: &Value) -> Result<(), String> {
    let bad = |got: &dyn fmt::Display| format!("must be {}, got {got}", spec.kind.describe());
    match (&spec.kind, value) {
        (Kind::Float { min, max }, Value::Float(x)) => {
            if x.is_finite() && *x >= *min && *x <= *max {
                Ok(())
            } else {
                Err(bad(x))
            }
        }
        (Kind::Int { min, max }, Value::Int(i)) => {
            if i >= min && i <= max {
                Ok(())
            } else {
                Err(bad(i))
            }
        }
        (Kind::Bool, Value::Bool(_)) | (Kind::Text, Value::Text(_)) => Ok(()),
        (Kind::Choice(options), Value::Text(s)) => {
            if options.contains(&s.as_str()) {
                Ok(())
            } else {
                let hint = suggest_option(s, options)
                    .map(|o| format!(" (did you mean `{o}`?)"))
                    .unwrap_or_default();
                Err(format!(
                    "unknown value `{s}`{hint}; must be {}",
                    spec.kind.describe()
                ))
            }
        }
        (_, v) => Err(format!(
            "wrong type: must be {}, got `{v}`",
            spec.kind.describe()
        )),
    }
}

/// Parses a command-line value for a key (`--set`, `--vary`) and checks it.
pub fn parse_cli_value(spec: &KeySpec, raw: &str) -> Result<Value, String> {
    let raw = raw.trim();
    let value = match spec.kind {
        Kind::Float { .. } => Value::Float(
            raw.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| {
                    format!("`{raw}` is not a number; must be {}", spec.kind.describe())
                })?,
        ),
        Kind::Int { .. } => Value::Int(raw.parse::<i64>().map_err(|_| {
            format!(
                "`{raw}` is not an integer; must be {}",
                spec.kind.describe()
            )
        })?),
        Kind::Bool => match raw {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(format!("`{raw}` is not true or false")),
        },
        Kind::Choice(_) | Kind::Text => {
            let unquoted = raw
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .unwrap_or(raw);
            Value::Text(unquoted.to_string())
        }
    };
    check(spec, &value)?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_defaults_valid() {
        for (i, s) in SCHEMA.iter().enumerate() {
            assert_eq!(index_of(s.key), Some(i), "duplicate key {}", s.key);
            check(s, &s.default).unwrap_or_else(|e| panic!("{}: {e}", s.key));
            if let Some((low, high)) = s.plausible {
                let inside = |x: f64| check(s, &Value::Float(x)).is_ok();
                assert!(
                    low < high && inside(low) && inside(high),
                    "{}: plausible range [{low}, {high}] must lie inside the allowed range",
                    s.key
                );
                let d = s.default.as_f64();
                assert!(
                    (low..=high).contains(&d),
                    "{}: plausible range must contain the default",
                    s.key
                );
            }
        }
    }

    #[test]
    fn the_length_filter_changes_no_suggestion() {
        // Against the unfiltered search, over every key mangled every way.
        let unfiltered = |key: &str| {
            let last = key.rsplit('.').next().unwrap_or(key);
            let best = SCHEMA
                .iter()
                .map(|s| (edit_distance(key, s.key), s.key))
                .min_by_key(|(d, _)| *d)?;
            (best.0 <= (last.len() / 3).max(2)).then_some(best.1)
        };
        for spec in SCHEMA.iter() {
            let k = spec.key;
            let mut words = vec![
                k.to_string(),
                k[1..].to_string(),
                format!("{k}x"),
                format!("{k}xyz"),
                k.replace('.', "_"),
                k[..k.len() / 2].to_string(),
            ];
            words.push(k.chars().rev().collect());
            for w in &words {
                assert_eq!(suggest(w), unfiltered(w), "{w}");
            }
        }
    }

    #[test]
    fn suggestions_find_typos() {
        assert_eq!(suggest("iran.resilence"), Some("iran.resilience"));
        assert_eq!(suggest("lifeline.probabilty"), Some("lifeline.probability"));
        assert_eq!(suggest("completely.unrelated.thing"), None);
        assert_eq!(
            suggest_option("fence_siter", &IRAN_POLICIES),
            Some("fence_sitter")
        );
    }

    #[test]
    fn cli_values_are_checked() {
        let r = spec("iran.resilience").unwrap();
        assert_eq!(parse_cli_value(r, "0.3"), Ok(Value::Float(0.3)));
        assert!(parse_cli_value(r, "1.5").unwrap_err().contains("[0, 1]"));
        assert!(parse_cli_value(r, "nan").is_err());
        assert!(parse_cli_value(r, "abc").is_err());
        let rounds = spec("scenario.rounds").unwrap();
        assert!(parse_cli_value(rounds, "0").is_err());
        assert!(parse_cli_value(rounds, "2.5").is_err());
        let pol = spec("us.policy").unwrap();
        assert!(
            parse_cli_value(pol, "engagment")
                .unwrap_err()
                .contains("engagement")
        );
    }

    #[test]
    fn tables_are_recognised() {
        assert!(is_table("iran"));
        assert!(is_table("iran.fence_sitter"));
        assert!(!is_table("iran.resilience"));
        assert!(!is_table("ira"));
    }
}
