//! Iran's policies.
//!
//! Every policy that talks decides on what Iran knows: the survival of each
//! horn of the Catch-22 for its own threshold θ over the rest of the term
//! (`model::survival`), which carries the headroom above θ, the lifeline's
//! value and expected arrival, and the terms the US would offer now.

use crate::equilibrium::{Equilibrium, sample};
use crate::model::offer::offer_on;
use crate::model::survival::{deal, horns_at, refusal_path, refuse};
use crate::model::{Acceptance, Enforcement, IranAction, Params, State, UsAction};

/// Iran's policy with its parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum IranPolicy {
    /// Refuse and absorb.
    HoldTheLine {
        /// `iran.hold_the_line.confront_prob`: chance of a confrontation in a round.
        confront_prob: f64,
    },
    /// Hold until refusing becomes existential, then talk (2013-2015).
    HeroicFlexibility {
        /// `iran.heroic_flexibility.go_direct_at`: progress at which talks go direct.
        go_direct_at: f64,
    },
    /// Talks refused in words, intermediaries in deeds.
    FenceSitter {
        /// `iran.fence_sitter.confront_below`: confront when leverage is below this.
        confront_below: f64,
        /// `iran.fence_sitter.confront_prob`: chance to confront when leverage is low.
        confront_prob: f64,
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
            IranPolicy::HeroicFlexibility { go_direct_at } => {
                let unanswered = s.last_iran == IranAction::Intermediary && !us.talks();
                if s.talks <= 0.0
                    && refuse(p, s, us.enforcement(), s.threshold) >= p.leadership.survival_floor
                {
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
            } => {
                if us.is_strike() {
                    return IranAction::Confront;
                }
                // Heroic flexibility only when refusing has become existential
                // and the deal on offer is the less bad horn; otherwise the
                // article's two ways out: limited confrontation to change the
                // terms, talks through intermediaries to buy time.
                // (The deal horn is read only when refusing falls short: the
                // same decision as `horns(..).deal_is_less_bad()`, at less cost.)
                let path = refusal_path(p, s, us.enforcement());
                let refusing = path.survival(p, s.threshold);
                if refusing < p.leadership.survival_floor
                    && deal(p, s, offer_on(p, s, &path).terms, s.threshold) >= refusing
                {
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
            // The equilibrium is solved with the US moving first, so Iran's
            // strategy reads the US move of the round.
            IranPolicy::Equilibrium(ref e) => {
                sample(&e.iran_strategy(p, s, us), &IranAction::ALL, u)
            }
        }
    }
}

impl Acceptance for IranPolicy {
    /// The policies that talk accept terms when the deal is the less bad
    /// horn for Iran's own θ: survival after it at least survival when
    /// refusing. The fence-sitter asks nothing more (the article: no deal
    /// while sanctions are not existential or a lifeline is in sight);
    /// heroic flexibility, the pragmatic 2013 leadership, also signs a
    /// survivable deal that leaves the system stronger at the end of the
    /// term than refusing would (`Horns::deal_strengthens`). Policies that
    /// never talk accept nothing; the equilibrium compares the deal's value
    /// with refusing's (`Equilibrium::accepts`).
    fn accepts(&self, p: &Params, s: &State, enforcement: Enforcement, x: f64) -> bool {
        let horns = || horns_at(p, s, &refusal_path(p, s, enforcement), x, s.threshold);
        match *self {
            IranPolicy::FenceSitter { .. } => horns().deal_is_less_bad(),
            IranPolicy::HeroicFlexibility { .. } => {
                let h = horns();
                h.deal_is_less_bad() || h.deal_strengthens(p)
            }
            IranPolicy::HoldTheLine { .. } | IranPolicy::FullConfrontation { .. } => false,
            IranPolicy::Equilibrium(ref e) => e.accepts(p, s, enforcement, x),
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
