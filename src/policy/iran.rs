//! Iran's policies.

use crate::equilibrium::{Equilibrium, sample};
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
    /// Iran's strategy in the solved Markov-perfect equilibrium (`crate::equilibrium`).
    Equilibrium(Equilibrium),
}

impl IranPolicy {
    /// The policy's TOML name.
    pub fn name(&self) -> &'static str {
        match self {
            IranPolicy::HoldTheLine { .. } => "hold_the_line",
            IranPolicy::HeroicFlexibility { .. } => "heroic_flexibility",
            IranPolicy::FenceSitter { .. } => "fence_sitter",
            IranPolicy::FullConfrontation { .. } => "full_confrontation",
            IranPolicy::Equilibrium(_) => "equilibrium",
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
            // Simultaneous play: the equilibrium strategy does not read `us`.
            IranPolicy::Equilibrium(ref e) => sample(&e.iran_strategy(p, s), &IranAction::ALL, u),
        }
    }

    /// The safety margin the policy asks of a deal (0 for policies that never talk).
    pub fn margin(&self) -> f64 {
        match *self {
            IranPolicy::HeroicFlexibility { margin, .. }
            | IranPolicy::FenceSitter { margin, .. } => margin,
            IranPolicy::HoldTheLine { .. }
            | IranPolicy::FullConfrontation { .. }
            | IranPolicy::Equilibrium(_) => 0.0,
        }
    }

    /// Whether Iran's leadership accepts a deal at concessions `x` once talks
    /// complete: when the deal is survivable in expectation with the policy's
    /// margin. Policies that never talk accept nothing; the equilibrium
    /// compares the deal's payoff with refusing's (`Equilibrium::accepts`).
    pub fn accepts(&self, p: &Params, s: &State, x: f64) -> bool {
        match *self {
            IranPolicy::HeroicFlexibility { margin, .. }
            | IranPolicy::FenceSitter { margin, .. } => survivable(p, s, x, margin),
            IranPolicy::HoldTheLine { .. } | IranPolicy::FullConfrontation { .. } => false,
            IranPolicy::Equilibrium(ref e) => e.accepts(p, s, x),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    fn setup(policy: &str, sets: &[&str]) -> (Params, State) {
        let mut s = Scenario::load("baseline-2025").unwrap();
        s.set(&format!("iran.policy={policy}")).unwrap();
        for set in sets {
            s.set(set).unwrap();
        }
        let p = s.point(0).unwrap().params;
        let st = State::initial(&p, 0.5);
        (p, st)
    }

    #[test]
    fn hold_the_line_holds_and_never_accepts() {
        let (p, s) = setup("hold_the_line", &["iran.hold_the_line.confront_prob=0.3"]);
        let pol = &p.iran_policy;
        assert_eq!(pol.choose(&p, &s, UsAction::Tighten, 0.5), IranAction::Hold);
        assert_eq!(
            pol.choose(&p, &s, UsAction::Tighten, 0.1),
            IranAction::Confront
        );
        assert!(!pol.accepts(&p, &s, 0.0));
    }

    #[test]
    fn heroic_flexibility_holds_then_talks_then_goes_direct() {
        let (p, mut s) = setup(
            "heroic_flexibility",
            &["iran.heroic_flexibility.trigger=0.4"],
        );
        let pol = p.iran_policy.clone();
        s.resilience = 0.45;
        assert_eq!(pol.choose(&p, &s, UsAction::Engage, 0.5), IranAction::Hold);
        s.resilience = 0.35;
        assert_eq!(
            pol.choose(&p, &s, UsAction::Engage, 0.5),
            IranAction::Intermediary
        );
        // An unanswered channel is abandoned for direct talks, which then stay direct.
        s.last_iran = IranAction::Intermediary;
        assert_eq!(
            pol.choose(&p, &s, UsAction::Tighten, 0.5),
            IranAction::Negotiate
        );
        s.last_iran = IranAction::Negotiate;
        assert_eq!(
            pol.choose(&p, &s, UsAction::Engage, 0.5),
            IranAction::Negotiate
        );
        // Progress past go_direct_at goes direct.
        s.last_iran = IranAction::Intermediary;
        s.talks = 0.6;
        assert_eq!(
            pol.choose(&p, &s, UsAction::Engage, 0.5),
            IranAction::Negotiate
        );
        // Accepts survivable terms only.
        s.resilience = 0.9;
        assert!(pol.accepts(&p, &s, 0.5));
        s.resilience = s.threshold + 0.01;
        assert!(!pol.accepts(&p, &s, 0.5));
    }

    #[test]
    fn fence_sitter_talks_through_intermediaries_and_retaliates() {
        let (p, mut s) = setup("fence_sitter", &[]);
        let pol = p.iran_policy.clone();
        // Baseline: lifeline on, terms not survivable, leverage above 0.2.
        assert!(s.lifeline);
        assert_eq!(
            pol.choose(&p, &s, UsAction::Tighten, 0.9),
            IranAction::Intermediary
        );
        assert_eq!(
            pol.choose(&p, &s, UsAction::Strike, 0.9),
            IranAction::Confront
        );
        // Low leverage: confront with probability confront_prob.
        s.leverage = 0.1;
        assert_eq!(
            pol.choose(&p, &s, UsAction::Tighten, 0.1),
            IranAction::Confront
        );
        assert_eq!(
            pol.choose(&p, &s, UsAction::Tighten, 0.9),
            IranAction::Intermediary
        );
        // A lifeline vetoes direct talks even when desperate...
        s.resilience = 0.28;
        assert_eq!(
            pol.choose(&p, &s, UsAction::Tighten, 0.9),
            IranAction::Intermediary
        );
        // ...without one, desperation or a survivable deal means direct talks.
        s.lifeline = false;
        assert_eq!(
            pol.choose(&p, &s, UsAction::Tighten, 0.9),
            IranAction::Negotiate
        );
        s.resilience = 0.95;
        assert_eq!(
            pol.choose(&p, &s, UsAction::Tighten, 0.9),
            IranAction::Negotiate
        );
    }

    #[test]
    fn full_confrontation_escalates_or_confronts() {
        let (p, s) = setup("full_confrontation", &[]);
        let pol = &p.iran_policy;
        assert_eq!(
            pol.choose(&p, &s, UsAction::Engage, 0.1),
            IranAction::Escalate
        );
        assert_eq!(
            pol.choose(&p, &s, UsAction::Engage, 0.9),
            IranAction::Confront
        );
        assert!(!pol.accepts(&p, &s, 0.0));
    }
}
