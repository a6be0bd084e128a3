//! Stage two: resolved values to typed, validated [`Params`].

use super::schema::{self, Value};
use crate::equilibrium::grid::{AXIS_NAMES, Frame};
use crate::equilibrium::{Config, Equilibrium};
use crate::model::params::{
    Deal, Hardliners, Hazard, Initial, Leadership, Leverage, Lifeline, Nuclear, Params, Payoff,
    Resilience, Sanctions, Talks, Threshold, Us, War,
};
use crate::policy::{IranPolicy, Players, UsPolicy};

/// The most grid points times rounds an equilibrium table may hold (27 bytes
/// each: about 540 MB).
pub const MAX_EQUILIBRIUM_CELLS: u64 = 20_000_000;

/// Builds the parameters and both policies from one value per schema key (each already range-checked)
/// and checks the constraints that involve several keys (only the size of the
/// equilibrium table: every other combination of in-range values is a
/// well-defined model).
pub fn params(values: &[Value]) -> Result<(Params, Players), String> {
    let v = |k: &str| &values[schema::index_of(k).unwrap_or_else(|| panic!("schema key {k}"))];
    let f = |k: &str| v(k).as_f64();
    let rounds = v("scenario.rounds").as_i64() as u32;
    let uses_equilibrium =
        v("iran.policy").as_str() == "equilibrium" || v("us.policy").as_str() == "equilibrium";
    let equilibrium = if uses_equilibrium {
        let n = |axis: &str| v(&format!("equilibrium.grid.{axis}")).as_i64() as usize;
        let config = Config {
            nodes: AXIS_NAMES.map(n),
            noise_nodes: v("equilibrium.noise_nodes").as_i64() as usize,
            backlash_nodes: v("equilibrium.backlash_nodes").as_i64() as usize,
        };
        let cells = config.nodes.iter().map(|&k| k as u64).product::<u64>() * 4 * u64::from(rounds);
        if cells > MAX_EQUILIBRIUM_CELLS {
            return Err(format!(
                "equilibrium.grid: {} grid points x 4 switches x {rounds} rounds = {cells} table cells; \
                 the most allowed is {MAX_EQUILIBRIUM_CELLS} (lower equilibrium.grid.* or scenario.rounds)",
                config.nodes.map(|k| k.to_string()).join("x")
            ));
        }
        Some(config)
    } else {
        None
    };
    let p = Params {
        rounds,
        initial: Initial {
            resilience: f("iran.resilience"),
            leverage: f("iran.leverage"),
            nuclear: f("iran.nuclear"),
            hardliners: f("iran.hardliners"),
            pressure: f("us.pressure"),
            lifeline: v("lifeline.active").as_bool(),
        },
        threshold: Threshold {
            mean: f("iran.survival_threshold"),
            spread: f("iran.threshold_spread"),
        },
        belief: Threshold {
            mean: f("us.belief_mean"),
            spread: f("us.belief_spread"),
        },
        leadership: Leadership {
            public_refusal: v("iran.public_refusal").as_bool(),
            survival_floor: f("iran.survival_floor"),
        },
        us: Us {
            credibility: f("us.credibility"),
            credibility_end: f("us.credibility_end"),
            successor_dove: f("us.successor_dove"),
            successor_relief: f("us.successor_relief"),
        },
        lifeline: Lifeline {
            start: f("lifeline.probability"),
            end: f("lifeline.end_probability"),
            offset: f("lifeline.offset"),
        },
        sanctions: Sanctions {
            tighten: f("sanctions.tighten"),
            erosion: f("sanctions.erosion"),
            ease: f("sanctions.ease"),
        },
        resilience: Resilience {
            recovery: f("resilience.recovery"),
            pressure_cost: f("resilience.pressure_cost"),
            noise: f("resilience.noise"),
            confront_cost: f("resilience.confront_cost"),
            escalate_cost: f("resilience.escalate_cost"),
            strike_damage: f("resilience.strike_damage"),
            audience_cost: f("resilience.audience_cost"),
        },
        leverage: Leverage {
            decay: f("leverage.decay"),
            confront_gain: f("leverage.confront_gain"),
            escalate_gain: f("leverage.escalate_gain"),
            strike_loss: f("leverage.strike_loss"),
        },
        nuclear: Nuclear {
            drift: f("nuclear.drift"),
            escalate_step: f("nuclear.escalate_step"),
            strike_setback: f("nuclear.strike_setback"),
            rebuild: f("nuclear.rebuild"),
        },
        hardliners: Hardliners {
            pressure_gain: f("hardliners.pressure_gain"),
            confront_gain: f("hardliners.confront_gain"),
            relief_loss: f("hardliners.relief_loss"),
        },
        talks: Talks {
            intermediary_rate: f("talks.intermediary_rate"),
            direct_rate: f("talks.direct_rate"),
            hardliner_drag: f("talks.hardliner_drag"),
            decay: f("talks.decay"),
            interim_at: f("talks.interim_at"),
            interim_relief: f("talks.interim_relief"),
            interim_breakdown: f("talks.interim_breakdown"),
            setback: f("talks.setback"),
            confront_setback: f("talks.confront_setback"),
            progress_spread: f("talks.progress_spread"),
        },
        deal: Deal {
            relief: f("deal.relief"),
            concession_cost: f("deal.concession_cost"),
            backlash: f("deal.backlash"),
            shock_spread: f("deal.shock_spread"),
            veto_base: f("deal.veto_base"),
            veto_weight: f("deal.veto_weight"),
            lasting_cost: f("deal.lasting_cost"),
            breakdown_cost: f("deal.breakdown_cost"),
            leverage_weight: f("deal.leverage_weight"),
            latency_weight: f("deal.latency_weight"),
        },
        hazard: Hazard {
            crisis_max: f("hazard.crisis_max"),
            crisis_width: f("hazard.crisis_width"),
            war_base: f("hazard.war_base"),
            confront: f("hazard.confront"),
            escalate: f("hazard.escalate"),
            strike: f("hazard.strike"),
        },
        war: War {
            regime_survival: f("war.regime_survival"),
            nuclear_setback: f("war.nuclear_setback"),
            leverage_loss: f("war.leverage_loss"),
        },
        payoff: Payoff {
            discount: f("payoff.discount"),
            crisis_cost: f("payoff.crisis_cost"),
            war_cost_iran: f("payoff.war_cost_iran"),
            war_cost_us: f("payoff.war_cost_us"),
            crisis_value_us: f("payoff.crisis_value_us"),
            strike_cost_us: f("payoff.strike_cost_us"),
            latency_weight_us: f("payoff.latency_weight_us"),
            leverage_weight_us: f("payoff.leverage_weight_us"),
            enforcement_cost_us: f("payoff.enforcement_cost_us"),
        },
    };
    let equilibrium = equilibrium.map(|c| Equilibrium::new(c, Frame::new(&p), rounds));
    let iran = match v("iran.policy").as_str() {
        "equilibrium" => IranPolicy::Equilibrium(equilibrium.clone().expect("built above")),
        "hold_the_line" => IranPolicy::HoldTheLine {
            confront_prob: f("iran.hold_the_line.confront_prob"),
        },
        "heroic_flexibility" => IranPolicy::HeroicFlexibility {
            go_direct_at: f("iran.heroic_flexibility.go_direct_at"),
        },
        "fence_sitter" => IranPolicy::FenceSitter {
            confront_below: f("iran.fence_sitter.confront_below"),
            confront_prob: f("iran.fence_sitter.confront_prob"),
        },
        _ => IranPolicy::FullConfrontation {
            escalate_prob: f("iran.full_confrontation.escalate_prob"),
        },
    };
    let us = match v("us.policy").as_str() {
        "equilibrium" => UsPolicy::Equilibrium(equilibrium.expect("built above")),
        "maximum_pressure" => UsPolicy::MaximumPressure {
            strike_at: f("us.maximum_pressure.strike_at"),
        },
        "pressure_and_engage" => UsPolicy::PressureAndEngage {
            strike_at: f("us.pressure_and_engage.strike_at"),
        },
        "strike_on_breakout" => UsPolicy::StrikeOnBreakout {
            strike_at: f("us.strike_on_breakout.strike_at"),
        },
        _ => UsPolicy::Engagement,
    };
    Ok((p, Players { iran, us }))
}
