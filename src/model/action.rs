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

/// How hard the US enforces sanctions this round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Enforcement {
    /// Tighten enforcement (tanker and secondary sanctions): P += τ·(1 − P).
    Tighten,
    /// Keep enforcement as it is; evasion erodes it: P −= ε·P.
    Hold,
    /// Look away (lax enforcement, as in 2021-24): P −= ε_E·P.
    Ease,
}

impl Enforcement {
    /// All levels, in column order.
    pub const ALL: [Enforcement; 3] = [Enforcement::Tighten, Enforcement::Hold, Enforcement::Ease];

    /// The name used in CSV, TOML and the trace.
    pub fn name(self) -> &'static str {
        match self {
            Enforcement::Tighten => "tighten",
            Enforcement::Hold => "hold",
            Enforcement::Ease => "ease",
        }
    }
}

/// Whether and how the US talks this round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Diplomacy {
    /// No talks.
    None,
    /// Talks through an intermediary (Oman, Qatar, ...).
    Intermediary,
    /// Direct talks.
    Direct,
}

impl Diplomacy {
    /// All stances, in column order.
    pub const ALL: [Diplomacy; 3] = [Diplomacy::None, Diplomacy::Intermediary, Diplomacy::Direct];

    /// The name used in CSV, TOML and the trace.
    pub fn name(self) -> &'static str {
        match self {
            Diplomacy::None => "none",
            Diplomacy::Intermediary => "intermediary",
            Diplomacy::Direct => "direct",
        }
    }
}

/// The United States' move in a round: an enforcement level with a
/// diplomatic stance, or a limited strike.
///
/// Enforcement and diplomacy are separate choices (version 2 of the model):
/// the 2025 US tightened while it talked through Oman. Relief is never a
/// move: it is the content of an interim or a final deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UsAction {
    /// Enforce at a level and talk (or not).
    Act(Enforcement, Diplomacy),
    /// A limited military strike (enforcement held, no talks).
    Strike,
}

impl UsAction {
    /// All actions, in CSV column order: the nine enforcement × diplomacy
    /// pairs (enforcement slowest), then the strike.
    pub const ALL: [UsAction; 10] = [
        UsAction::Act(Enforcement::Tighten, Diplomacy::None),
        UsAction::Act(Enforcement::Tighten, Diplomacy::Intermediary),
        UsAction::Act(Enforcement::Tighten, Diplomacy::Direct),
        UsAction::Act(Enforcement::Hold, Diplomacy::None),
        UsAction::Act(Enforcement::Hold, Diplomacy::Intermediary),
        UsAction::Act(Enforcement::Hold, Diplomacy::Direct),
        UsAction::Act(Enforcement::Ease, Diplomacy::None),
        UsAction::Act(Enforcement::Ease, Diplomacy::Intermediary),
        UsAction::Act(Enforcement::Ease, Diplomacy::Direct),
        UsAction::Strike,
    ];

    /// The name used in CSV, TOML and the trace: `tighten`,
    /// `tighten_intermediary`, `hold_direct`, ..., `strike`.
    pub fn name(self) -> &'static str {
        const NAMES: [&str; 10] = [
            "tighten",
            "tighten_intermediary",
            "tighten_direct",
            "hold",
            "hold_intermediary",
            "hold_direct",
            "ease",
            "ease_intermediary",
            "ease_direct",
            "strike",
        ];
        NAMES[self.index()]
    }

    /// Position in [`UsAction::ALL`].
    pub fn index(self) -> usize {
        match self {
            UsAction::Act(e, d) => 3 * e as usize + d as usize,
            UsAction::Strike => 9,
        }
    }

    /// The enforcement level (a strike holds enforcement).
    pub fn enforcement(self) -> Enforcement {
        match self {
            UsAction::Act(e, _) => e,
            UsAction::Strike => Enforcement::Hold,
        }
    }

    /// The diplomatic stance (a strike breaks off talks).
    pub fn diplomacy(self) -> Diplomacy {
        match self {
            UsAction::Act(_, d) => d,
            UsAction::Strike => Diplomacy::None,
        }
    }

    /// Whether this is a strike.
    pub fn is_strike(self) -> bool {
        self == UsAction::Strike
    }

    /// Whether the US talks (through an intermediary or directly).
    pub fn talks(self) -> bool {
        self.diplomacy() != Diplomacy::None
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
display_by_name!(
    IranAction,
    Enforcement,
    Diplomacy,
    UsAction,
    Channel,
    Outcome
);

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
            assert_eq!(
                UsAction::ALL
                    .iter()
                    .filter(|b| b.name() == a.name())
                    .count(),
                1
            );
        }
        assert_eq!(
            UsAction::ALL.map(|a| (a.enforcement(), a.diplomacy()))[..9],
            Enforcement::ALL
                .iter()
                .flat_map(|&e| Diplomacy::ALL.map(|d| (e, d)))
                .collect::<Vec<_>>()[..]
        );
        for (i, o) in Outcome::ALL.iter().enumerate() {
            assert_eq!(o.index(), i);
        }
        assert_eq!(
            Outcome::ALL.map(Outcome::name),
            ["deal", "regime_crisis", "war", "muddle_through"]
        );
    }
}
