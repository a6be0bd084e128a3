//! Iran's policies.

use crate::model::state::{survivable, terms, veto_limit};
use crate::model::{IranAction, Params, State, UsAction};

/// Iran's policy with its parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum IranPolicy {
    /// Refuse and absorb.
    HoldTheLine {
        /// `iran.hold_the_line.confront_prob`: chance of a confrontation in a round.
        confront_prob: f64,
    },
    /// Hold until resilience falls below a level, then talk (2013-2015).
    HeroicFlexibility {
        /// `iran.heroic_flexibility.trigger`: talks are authorised once R < trigger.
        trigger: f64,
        /// `iran.heroic_flexibility.go_direct_at`: progress at which talks go direct.
        go_direct_at: f64,
        /// `iran.heroic_flexibility.margin`: safety margin for accepting terms.
        margin: f64,
    },
    /// Talks refused in words, intermediaries in deeds.
    FenceSitter {
        /// `iran.fence_sitter.confront_below`: confront when leverage is below this.
        confront_below: f64,
        /// `iran.fence_sitter.confront_prob`: chance to confront when leverage is low.
        confront_prob: f64,
        /// `iran.fence_sitter.direct_below`: with no lifeline, go direct when R < this.
        direct_below: f64,
        /// `iran.fence_sitter.margin`: safety margin for survivable terms.
        margin: f64,
    },
    /// Nuclear escalation and confrontation.
    FullConfrontation {
        /// `iran.full_confrontation.escalate_prob`: chance to escalate rather than confront.
        escalate_prob: f64,
    },
}

impl IranPolicy {
    /// The policy's TOML name.
    pub fn name(&self) -> &'static str {
        match self {
            IranPolicy::HoldTheLine { .. } => "hold_the_line",
            IranPolicy::HeroicFlexibility { .. } => "heroic_flexibility",
            IranPolicy::FenceSitter { .. } => "fence_sitter",
            IranPolicy::FullConfrontation { .. } => "full_confrontation",
        }
    }

    /// Iran's move, having seen this round's US move; `u` is a uniform in (0, 1).
    pub fn choose(&self, p: &Params, s: &State, us: UsAction, u: f64) -> IranAction {
        match *self {
            IranPolicy::HoldTheLine { confront_prob } => {
                if u < confront_prob {
                    IranAction::Confront
                } else {
                    IranAction::Hold
                }
            }
            IranPolicy::HeroicFlexibility {
                trigger,
                go_direct_at,
                ..
            } => {
                let unanswered = s.last_iran == IranAction::Intermediary && us != UsAction::Engage;
                if s.resilience >= trigger && s.talks <= 0.0 {
                    IranAction::Hold
                } else if s.last_iran == IranAction::Negotiate
                    || s.talks >= go_direct_at
                    || unanswered
                {
                    // Once public, talks stay direct; a secret channel the US
                    // does not answer is abandoned for direct talks.
                    IranAction::Negotiate
                } else {
                    IranAction::Intermediary
                }
            }
            IranPolicy::FenceSitter {
                confront_below,
                confront_prob,
                direct_below,
                margin,
            } => {
                if us == UsAction::Strike {
                    return IranAction::Confront;
                }
                // A lifeline in sight vetoes direct talks (the article's A9);
                // without one, go direct when a deal at today's terms is
                // survivable, or when sanctions have become existential.
                let x = terms(p, s.pressure, s.leverage);
                let deal_ok = x <= veto_limit(p, s.hardliners) && survivable(p, s, x, margin);
                if !s.lifeline && (deal_ok || s.resilience < direct_below) {
                    IranAction::Negotiate
                } else if s.leverage < confront_below && u < confront_prob {
                    IranAction::Confront
                } else {
                    IranAction::Intermediary
                }
            }
            IranPolicy::FullConfrontation { escalate_prob } => {
                if u < escalate_prob {
                    IranAction::Escalate
                } else {
                    IranAction::Confront
                }
            }
        }
    }

    /// Whether Iran's leadership accepts a deal at concessions `x` once talks
    /// complete: when the deal is survivable in expectation with the policy's
    /// margin. Policies that never talk accept nothing.
    pub fn accepts(&self, p: &Params, s: &State, x: f64) -> bool {
        match *self {
            IranPolicy::HeroicFlexibility { margin, .. }
            | IranPolicy::FenceSitter { margin, .. } => survivable(p, s, x, margin),
            IranPolicy::HoldTheLine { .. } | IranPolicy::FullConfrontation { .. } => false,
        }
    }
}
