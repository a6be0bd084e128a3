//! The strategy library: named, parameterised policies for both sides.
//!
//! A policy is a pure function of what its side knows, the opponent's
//! observable move and one uniform draw (the `equilibrium` policies read a
//! table solved once per scenario point: `crate::equilibrium`). Iran knows its
//! own threshold θ, so its policies read the survival of both horns of the
//! Catch-22 for their type (`model::survival`); the US knows the public state
//! and its belief. The US moves first each round (a sanctions game is
//! threat-then-response: Iran observes this month's enforcement, talks or
//! strike before it answers), so an Iran policy sees the US move of the same
//! round and a US policy sees Iran's move of the previous round.
//!
//! Parameters are set in TOML under `[iran.<policy>]` or `[us.<policy>]`; their
//! defaults and ranges are in `scenario::schema`.

mod iran;
mod us;

pub use iran::IranPolicy;
pub use us::UsPolicy;

/// Both sides' policies: who plays the model at a scenario point.
#[derive(Debug, Clone, PartialEq)]
pub struct Players {
    /// Iran's policy (`iran.policy`).
    pub iran: IranPolicy,
    /// The US policy (`us.policy`).
    pub us: UsPolicy,
}

impl Players {
    /// The equilibrium either side plays (both share one), if any.
    pub fn equilibrium(&self) -> Option<&crate::equilibrium::Equilibrium> {
        match (&self.iran, &self.us) {
            (IranPolicy::Equilibrium(e), _) | (_, UsPolicy::Equilibrium(e)) => Some(e),
            _ => None,
        }
    }
}

/// A policy's name and a one-line description, for `catch22 list`.
#[derive(Debug, Clone, Copy)]
pub struct PolicyDoc {
    /// `iran` or `us`.
    pub side: &'static str,
    /// The name used in TOML (`iran.policy = "fence_sitter"`).
    pub name: &'static str,
    /// What it does.
    pub summary: &'static str,
}

/// Every policy, Iran's first.
pub const POLICIES: [PolicyDoc; 10] = [
    PolicyDoc {
        side: "iran",
        name: "hold_the_line",
        summary: "Refuse and absorb: hold every round, confronting with probability \
                  confront_prob. Never talks.",
    },
    PolicyDoc {
        side: "iran",
        name: "heroic_flexibility",
        summary: "The 2013-2015 path: hold while refusing is survivable (survival to the \
                  end of the term at least iran.survival_floor); once it is not (or talks \
                  are under way) talk through an intermediary until progress reaches \
                  go_direct_at or the US leaves the channel unanswered, then directly, \
                  and stay direct. Accepts terms when the deal is the less bad horn.",
    },
    PolicyDoc {
        side: "iran",
        name: "fence_sitter",
        summary: "The article's reading: 'no talks' in words, intermediaries in deeds. \
                  Retaliates against a strike; negotiates directly only when refusing has \
                  become existential (survival below iran.survival_floor, counting the \
                  lifeline's value and expected arrival) and the deal on offer is the less \
                  bad horn; otherwise confronts with probability confront_prob when \
                  leverage is below confront_below, else talks through an intermediary. \
                  Accepts terms when the deal is the less bad horn.",
    },
    PolicyDoc {
        side: "iran",
        name: "full_confrontation",
        summary: "The path not taken: escalate the nuclear file with probability \
                  escalate_prob, otherwise confront. Never talks.",
    },
    PolicyDoc {
        side: "iran",
        name: "equilibrium",
        summary: "Iran's strategy in a Markov-perfect equilibrium of the game, solved by \
                  backward induction on the equilibrium.grid (docs/MODEL.md section 6): \
                  the selected stage Nash equilibrium at every state and round, mixed \
                  strategies sampled; accepts a deal when it pays at least refusing.",
    },
    PolicyDoc {
        side: "us",
        name: "maximum_pressure",
        summary: "The 2025 US: tighten every round and answer Iran's talks in kind \
                  (through Oman after intermediary talks, directly after direct ones), \
                  breaking them off the round after a confrontation; strike when nuclear \
                  latency N >= strike_at.",
    },
    PolicyDoc {
        side: "us",
        name: "pressure_and_engage",
        summary: "Pause tightening (hold) and answer in kind while Iran talks, which lets \
                  an interim deal form; otherwise tighten without talks; strike when N >= \
                  strike_at.",
    },
    PolicyDoc {
        side: "us",
        name: "strike_on_breakout",
        summary: "Hold enforcement; talk directly only after Iran's direct talks; strike \
                  when N >= strike_at (a lower red line).",
    },
    PolicyDoc {
        side: "us",
        name: "engagement",
        summary: "The Obama-era mix: hold enforcement and offer talks every round \
                  (directly, or through the intermediary Iran uses); answer nuclear \
                  escalation by tightening without talks; never strike.",
    },
    PolicyDoc {
        side: "us",
        name: "equilibrium",
        summary: "The US strategy in the same Markov-perfect equilibrium as Iran's \
                  equilibrium policy (solved once per scenario point, shared by both \
                  sides; paired with a behavioural Iran policy it is still the strategy \
                  against an equilibrium Iran, not a best response).",
    },
];

/// Names of Iran's policies.
pub const IRAN_POLICIES: [&str; 5] = [
    "hold_the_line",
    "heroic_flexibility",
    "fence_sitter",
    "full_confrontation",
    "equilibrium",
];

/// Names of the US policies.
pub const US_POLICIES: [&str; 5] = [
    "maximum_pressure",
    "pressure_and_engage",
    "strike_on_breakout",
    "engagement",
    "equilibrium",
];
