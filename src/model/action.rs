//! The players' actions, outcomes and deal channels, with their CSV names.

use std::fmt;

/// Iran's move in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IranAction {
    /// Refuse and absorb the pressure.
    Hold,
    /// Limited but aggressive confrontation: raises leverage, risks escalation.
    Confront,
    /// Indirect talks through an intermediary (Oman, Qatar, ...).
    Intermediary,
    /// Direct talks: "heroic flexibility".
    Negotiate,
    /// Nuclear escalation and full confrontation.
    Escalate,
}

impl IranAction {
    /// All actions, in CSV column order.
    pub const ALL: [IranAction; 5] = [
        IranAction::Hold,
        IranAction::Confront,
        IranAction::Intermediary,
        IranAction::Negotiate,
        IranAction::Escalate,
    ];

    /// The name used in CSV, TOML and the trace.
    pub fn name(self) -> &'static str {
        match self {
            IranAction::Hold => "hold",
            IranAction::Confront => "confront",
            IranAction::Intermediary => "intermediary",
            IranAction::Negotiate => "negotiate",
            IranAction::Escalate => "escalate",
        }
    }

    /// Whether this action is a talks channel.
    pub fn channel(self) -> Option<Channel> {
        match self {
            IranAction::Intermediary => Some(Channel::Intermediary),
            IranAction::Negotiate => Some(Channel::Direct),
            _ => None,
        }
    }

    /// Position in [`IranAction::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The United States' move in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UsAction {
    /// Tighten enforcement (tanker and secondary sanctions).
    Tighten,
    /// Keep sanctions as they are (enforcement erodes a little).
    Sustain,
    /// Offer talks; relief flows while Iran talks.
    Engage,
    /// A limited military strike.
    Strike,
}

impl UsAction {
    /// All actions, in CSV column order.
    pub const ALL: [UsAction; 4] = [
        UsAction::Tighten,
        UsAction::Sustain,
        UsAction::Engage,
        UsAction::Strike,
    ];

    /// The name used in CSV, TOML and the trace.
    pub fn name(self) -> &'static str {
        match self {
            UsAction::Tighten => "tighten",
            UsAction::Sustain => "sustain",
            UsAction::Engage => "engage",
            UsAction::Strike => "strike",
        }
    }

    /// Position in [`UsAction::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// How talks were carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    /// Indirect talks through an intermediary.
    Intermediary,
    /// Direct talks.
    Direct,
}

impl Channel {
    /// The name used in CSV.
    pub fn name(self) -> &'static str {
        match self {
            Channel::Intermediary => "intermediary",
            Channel::Direct => "direct",
        }
    }

    /// Position: intermediary 0, direct 1.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// How a run ends. Exactly these four, in this order, everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    /// Talks completed and both sides accepted survivable terms.
    Deal,
    /// Resilience fell below the survival threshold (or a deal's concessions pushed it there).
    RegimeCrisis,
    /// Escalation spiralled into war.
    War,
    /// The horizon was reached with none of the above.
    MuddleThrough,
}

impl Outcome {
    /// All outcomes, in output order.
    pub const ALL: [Outcome; 4] = [
        Outcome::Deal,
        Outcome::RegimeCrisis,
        Outcome::War,
        Outcome::MuddleThrough,
    ];

    /// The name used in CSV.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Deal => "deal",
            Outcome::RegimeCrisis => "regime_crisis",
            Outcome::War => "war",
            Outcome::MuddleThrough => "muddle_through",
        }
    }

    /// Position in [`Outcome::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

macro_rules! display_by_name {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    )*};
}
display_by_name!(IranAction, UsAction, Channel, Outcome);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_match_order() {
        for (i, a) in IranAction::ALL.iter().enumerate() {
            assert_eq!(a.index(), i);
        }
        for (i, a) in UsAction::ALL.iter().enumerate() {
            assert_eq!(a.index(), i);
        }
        for (i, o) in Outcome::ALL.iter().enumerate() {
            assert_eq!(o.index(), i);
        }
        assert_eq!(
            Outcome::ALL.map(Outcome::name),
            ["deal", "regime_crisis", "war", "muddle_through"]
        );
    }
}
