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
    use crate::scenario::Scenario;

    fn setup(policy: &str) -> (Params, State) {
        let mut s = Scenario::load("baseline-2025").unwrap();
        s.set(&format!("us.policy={policy}")).unwrap();
        let p = s.point(0).unwrap().params;
        let st = State::initial(&p, 0.5);
        (p, st)
    }

    fn moves(policy: &str) -> [UsAction; 4] {
        let (p, mut s) = setup(policy);
        let pol = p.us_policy.clone();
        let mut out = [UsAction::Sustain; 4];
        for (slot, last) in out.iter_mut().zip([
            IranAction::Hold,
            IranAction::Intermediary,
            IranAction::Negotiate,
            IranAction::Escalate,
        ]) {
            s.last_iran = last;
            *slot = pol.choose(&p, &s, 0.5);
        }
        out
    }

    #[test]
    fn each_policy_answers_iran_as_documented() {
        use UsAction::*;
        // After Iran's hold, intermediary, negotiate, escalate (N below every red line).
        assert_eq!(
            moves("maximum_pressure"),
            [Tighten, Tighten, Engage, Tighten]
        );
        assert_eq!(
            moves("pressure_and_engage"),
            [Tighten, Engage, Engage, Tighten]
        );
        assert_eq!(
            moves("strike_on_breakout"),
            [Sustain, Sustain, Engage, Sustain]
        );
        assert_eq!(moves("engagement"), [Engage, Engage, Engage, Sustain]);
    }

    #[test]
    fn red_lines_trigger_strikes() {
        for (policy, strikes) in [
            ("maximum_pressure", true),
            ("pressure_and_engage", true),
            ("strike_on_breakout", true),
            ("engagement", false),
        ] {
            let (p, mut s) = setup(policy);
            s.nuclear = 1.0;
            let a = p.us_policy.choose(&p, &s, 0.5);
            assert_eq!(a == UsAction::Strike, strikes, "{policy}");
        }
    }
}
