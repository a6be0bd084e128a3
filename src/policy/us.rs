//! The US policies.

use crate::equilibrium::{Equilibrium, sample};
use crate::model::{Diplomacy, Enforcement, IranAction, Params, State, UsAction};

/// The US policy with its parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum UsPolicy {
    /// Tighten and answer talks in kind (the 2025 US).
    MaximumPressure {
        /// `us.maximum_pressure.strike_at`: strike when N ≥ this.
        strike_at: f64,
    },
    /// Pause tightening while Iran talks, tighten otherwise.
    PressureAndEngage {
        /// `us.pressure_and_engage.strike_at`: strike when N ≥ this.
        strike_at: f64,
    },
    /// Hold; strike on a nuclear breakout.
    StrikeOnBreakout {
        /// `us.strike_on_breakout.strike_at`: strike when N ≥ this.
        strike_at: f64,
    },
    /// Offer talks every round; never strike.
    Engagement,
    /// The US strategy in the solved Markov-perfect equilibrium (`crate::equilibrium`).
    Equilibrium(Equilibrium),
}

/// The diplomacy that answers Iran's last move in kind: through an
/// intermediary after intermediary talks, directly after direct ones, none
/// otherwise.
fn answer(last: IranAction) -> Diplomacy {
    match last {
        IranAction::Intermediary => Diplomacy::Intermediary,
        IranAction::Negotiate => Diplomacy::Direct,
        _ => Diplomacy::None,
    }
}

impl UsPolicy {
    /// The policy's TOML name.
    pub fn name(&self) -> &'static str {
        match self {
            UsPolicy::MaximumPressure { .. } => "maximum_pressure",
            UsPolicy::PressureAndEngage { .. } => "pressure_and_engage",
            UsPolicy::StrikeOnBreakout { .. } => "strike_on_breakout",
            UsPolicy::Engagement => "engagement",
            UsPolicy::Equilibrium(_) => "equilibrium",
        }
    }

    /// The US move, having seen Iran's previous move; `u` is a uniform in (0, 1)
    /// (the behavioural policies are pure and ignore it; the equilibrium
    /// samples its mixed strategy with it).
    pub fn choose(&self, p: &Params, s: &State, u: f64) -> UsAction {
        use Enforcement::{Hold, Tighten};
        let last = s.last_iran;
        match *self {
            UsPolicy::MaximumPressure { strike_at } => {
                if s.nuclear >= strike_at {
                    UsAction::Strike
                } else {
                    // A confrontation breaks off the talks for a round.
                    UsAction::Act(Tighten, answer(last))
                }
            }
            UsPolicy::PressureAndEngage { strike_at } => {
                if s.nuclear >= strike_at {
                    UsAction::Strike
                } else if last.channel().is_some() {
                    UsAction::Act(Hold, answer(last))
                } else {
                    UsAction::Act(Tighten, Diplomacy::None)
                }
            }
            UsPolicy::StrikeOnBreakout { strike_at } => {
                if s.nuclear >= strike_at {
                    UsAction::Strike
                } else if last == IranAction::Negotiate {
                    UsAction::Act(Hold, Diplomacy::Direct)
                } else {
                    UsAction::Act(Hold, Diplomacy::None)
                }
            }
            UsPolicy::Engagement => match last {
                IranAction::Escalate => UsAction::Act(Tighten, Diplomacy::None),
                IranAction::Intermediary => UsAction::Act(Hold, Diplomacy::Intermediary),
                _ => UsAction::Act(Hold, Diplomacy::Direct),
            },
            UsPolicy::Equilibrium(ref e) => sample(&e.us_strategy(p, s), &UsAction::ALL, u),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::baseline_point;

    fn setup(policy: &str) -> (Params, UsPolicy, State) {
        let pt = baseline_point(&[&format!("us.policy={policy}")]);
        let st = State::initial(&pt.params, 0.5);
        (pt.params, pt.players.us, st)
    }

    fn moves(policy: &str) -> [UsAction; 5] {
        let (p, pol, mut s) = setup(policy);
        [
            IranAction::Hold,
            IranAction::Intermediary,
            IranAction::Negotiate,
            IranAction::Escalate,
            IranAction::Confront,
        ]
        .map(|last| {
            s.last_iran = last;
            pol.choose(&p, &s, 0.5)
        })
    }

    #[test]
    fn each_policy_answers_iran_as_documented() {
        use Diplomacy::{Direct, Intermediary, None};
        use Enforcement::{Hold, Tighten};
        let act = UsAction::Act;
        // After Iran's hold, intermediary, negotiate, escalate, confront
        // (N below every red line).
        assert_eq!(
            moves("maximum_pressure"),
            [
                act(Tighten, None),
                act(Tighten, Intermediary),
                act(Tighten, Direct),
                act(Tighten, None),
                act(Tighten, None),
            ]
        );
        assert_eq!(
            moves("pressure_and_engage"),
            [
                act(Tighten, None),
                act(Hold, Intermediary),
                act(Hold, Direct),
                act(Tighten, None),
                act(Tighten, None),
            ]
        );
        assert_eq!(
            moves("strike_on_breakout"),
            [
                act(Hold, None),
                act(Hold, None),
                act(Hold, Direct),
                act(Hold, None),
                act(Hold, None),
            ]
        );
        assert_eq!(
            moves("engagement"),
            [
                act(Hold, Direct),
                act(Hold, Intermediary),
                act(Hold, Direct),
                act(Tighten, None),
                act(Hold, Direct),
            ]
        );
    }

    #[test]
    fn the_2025_us_tightens_while_it_talks_through_oman() {
        let (p, pol, mut s) = setup("maximum_pressure");
        s.last_iran = IranAction::Intermediary;
        let a = pol.choose(&p, &s, 0.5);
        assert_eq!(a.enforcement(), Enforcement::Tighten);
        assert_eq!(a.diplomacy(), Diplomacy::Intermediary);
    }

    #[test]
    fn red_lines_trigger_strikes() {
        for (policy, strikes) in [
            ("maximum_pressure", true),
            ("pressure_and_engage", true),
            ("strike_on_breakout", true),
            ("engagement", false),
        ] {
            let (p, pol, mut s) = setup(policy);
            s.nuclear = 1.0;
            let a = pol.choose(&p, &s, 0.5);
            assert_eq!(a == UsAction::Strike, strikes, "{policy}");
        }
    }
}
