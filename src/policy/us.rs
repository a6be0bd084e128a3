//! The US policies.

use crate::model::{IranAction, Params, State, UsAction};

/// The US policy with its parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum UsPolicy {
    /// Tighten; engage only on direct talks.
    MaximumPressure {
        /// `us.maximum_pressure.strike_at`: strike when N ≥ this.
        strike_at: f64,
    },
    /// Engage on any talks, tighten otherwise.
    PressureAndEngage {
        /// `us.pressure_and_engage.strike_at`: strike when N ≥ this.
        strike_at: f64,
    },
    /// Sustain; strike on a nuclear breakout.
    StrikeOnBreakout {
        /// `us.strike_on_breakout.strike_at`: strike when N ≥ this.
        strike_at: f64,
    },
    /// Offer talks every round; never strike.
    Engagement,
}

impl UsPolicy {
    /// The policy's TOML name.
    pub fn name(&self) -> &'static str {
        match self {
            UsPolicy::MaximumPressure { .. } => "maximum_pressure",
            UsPolicy::PressureAndEngage { .. } => "pressure_and_engage",
            UsPolicy::StrikeOnBreakout { .. } => "strike_on_breakout",
            UsPolicy::Engagement => "engagement",
        }
    }

    /// The US move, having seen Iran's previous move; `u` is a uniform in (0, 1)
    /// (unused by the shipped policies, which are pure; kept so mixed policies
    /// draw from the same aligned stream).
    pub fn choose(&self, _p: &Params, s: &State, _u: f64) -> UsAction {
        let direct = s.last_iran == IranAction::Negotiate;
        let talks = s.last_iran.channel().is_some();
        match *self {
            UsPolicy::MaximumPressure { strike_at } => {
                if s.nuclear >= strike_at {
                    UsAction::Strike
                } else if direct {
                    UsAction::Engage
                } else {
                    UsAction::Tighten
                }
            }
            UsPolicy::PressureAndEngage { strike_at } => {
                if s.nuclear >= strike_at {
                    UsAction::Strike
                } else if talks {
                    UsAction::Engage
                } else {
                    UsAction::Tighten
                }
            }
            UsPolicy::StrikeOnBreakout { strike_at } => {
                if s.nuclear >= strike_at {
                    UsAction::Strike
                } else if direct {
                    UsAction::Engage
                } else {
                    UsAction::Sustain
                }
            }
            UsPolicy::Engagement => {
                if s.last_iran == IranAction::Escalate {
                    UsAction::Sustain
                } else {
                    UsAction::Engage
                }
            }
        }
    }
}
