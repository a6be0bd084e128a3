//! Iran's policies.
//!
//! Every policy that talks decides on what Iran knows: the survival of each
//! horn of the Catch-22 for its own threshold θ over the rest of the term
//! (`model::survival`), which carries the headroom above θ, the lifeline's
//! value and expected arrival, and the terms the US would offer now.

use crate::equilibrium::{Equilibrium, sample};
use crate::model::offer::offer_on;
use crate::model::survival::{deal, horns_at, refusal_path};
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
                    && refusal_path(p, s, us.enforcement()).clears(
                        p,
                        s.threshold,
                        p.leadership.survival_floor,
                    )
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
                let existential = !path.clears(p, s.threshold, p.leadership.survival_floor);
                if existential && {
                    let refusing = path.survival(p, s.threshold);
                    deal(p, s, offer_on(p, s, &path).terms, s.threshold) >= refusing
                } {
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
    use crate::model::survival::refuse;
    use crate::model::{Diplomacy, Enforcement};
    use crate::scenario::baseline_point;

    const TIGHTEN: UsAction = UsAction::Act(Enforcement::Tighten, Diplomacy::Intermediary);

    fn setup(policy: &str, sets: &[&str]) -> (Params, IranPolicy, State) {
        let mut all = vec![format!("iran.policy={policy}")];
        all.extend(sets.iter().map(|s| s.to_string()));
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        let pt = baseline_point(&refs);
        let st = State::initial(&pt.params, 0.5);
        (pt.params, pt.players.iran, st)
    }

    #[test]
    fn hold_the_line_holds_and_never_accepts() {
        let (p, pol, s) = setup("hold_the_line", &["iran.hold_the_line.confront_prob=0.3"]);
        assert_eq!(pol.choose(&p, &s, TIGHTEN, 0.5), IranAction::Hold);
        assert_eq!(pol.choose(&p, &s, TIGHTEN, 0.1), IranAction::Confront);
        assert!(!pol.accepts(&p, &s, Enforcement::Tighten, 0.0));
    }

    #[test]
    fn heroic_flexibility_holds_while_refusing_is_safe_then_talks() {
        let (p, pol, mut s) = setup("heroic_flexibility", &[]);
        // Lifeline on, resilience high: refusing survives the term.
        s.resilience = 0.8;
        assert!(refuse(&p, &s, Enforcement::Tighten, s.threshold) >= p.leadership.survival_floor);
        assert_eq!(pol.choose(&p, &s, TIGHTEN, 0.5), IranAction::Hold);
        // No lifeline, low resilience, maximum pressure: refusing is existential.
        s.lifeline = false;
        s.resilience = 0.32;
        assert!(refuse(&p, &s, Enforcement::Tighten, s.threshold) < p.leadership.survival_floor);
        assert_eq!(pol.choose(&p, &s, TIGHTEN, 0.5), IranAction::Intermediary);
        // An unanswered channel is abandoned for direct talks, which then stay direct.
        s.last_iran = IranAction::Intermediary;
        let unanswered = UsAction::Act(Enforcement::Tighten, Diplomacy::None);
        assert_eq!(pol.choose(&p, &s, unanswered, 0.5), IranAction::Negotiate);
        s.last_iran = IranAction::Negotiate;
        assert_eq!(pol.choose(&p, &s, TIGHTEN, 0.5), IranAction::Negotiate);
    }

    #[test]
    fn fence_sitter_talks_through_intermediaries_confronts_and_retaliates() {
        let (p, pol, mut s) = setup("fence_sitter", &[]);
        assert!(s.lifeline);
        assert_eq!(pol.choose(&p, &s, TIGHTEN, 0.9), IranAction::Intermediary);
        assert_eq!(
            pol.choose(&p, &s, UsAction::Strike, 0.9),
            IranAction::Confront
        );
        s.leverage = 0.1;
        assert_eq!(pol.choose(&p, &s, TIGHTEN, 0.1), IranAction::Confront);
        assert_eq!(pol.choose(&p, &s, TIGHTEN, 0.9), IranAction::Intermediary);
    }

    #[test]
    fn fence_sitter_goes_direct_only_when_refusing_is_existential_and_the_deal_less_bad() {
        let (p, pol, mut s) = setup(
            "fence_sitter",
            &["lifeline.active=false", "lifeline.probability=0"],
        );
        s.resilience = 0.36;
        let h = crate::model::horns(&p, &s, Enforcement::Tighten, s.threshold);
        assert!(h.refuse < p.leadership.survival_floor);
        let expected = if h.deal_is_less_bad() {
            IranAction::Negotiate
        } else {
            IranAction::Intermediary
        };
        assert_eq!(pol.choose(&p, &s, TIGHTEN, 0.9), expected);
        // A lifeline worth nothing changes nothing; a valuable one keeps it
        // from direct talks.
        let (q, pol2, mut s2) = setup("fence_sitter", &["lifeline.offset=0"]);
        s2.resilience = 0.36;
        assert_eq!(pol2.choose(&q, &s2, TIGHTEN, 0.9), expected);
        let (r, pol3, mut s3) = setup(
            "fence_sitter",
            &["lifeline.offset=0.9", "lifeline.end_probability=0"],
        );
        s3.resilience = 0.36;
        assert_eq!(pol3.choose(&r, &s3, TIGHTEN, 0.9), IranAction::Intermediary);
    }

    #[test]
    fn acceptance_is_the_less_bad_horn() {
        let (p, pol, mut s) = setup("fence_sitter", &[]);
        s.resilience = 0.9;
        for x in [0.0, 0.1, 0.3, 0.6] {
            let h = horns_at(
                &p,
                &s,
                &refusal_path(&p, &s, Enforcement::Tighten),
                x,
                s.threshold,
            );
            assert_eq!(
                pol.accepts(&p, &s, Enforcement::Tighten, x),
                h.deal >= h.refuse,
                "x = {x}"
            );
        }
        // Heroic flexibility also signs a survivable deal that strengthens the system.
        let (p, pol, mut s) = setup("heroic_flexibility", &[]);
        s.resilience = 0.6;
        let h = horns_at(
            &p,
            &s,
            &refusal_path(&p, &s, Enforcement::Hold),
            0.0,
            s.threshold,
        );
        assert_eq!(
            pol.accepts(&p, &s, Enforcement::Hold, 0.0),
            h.deal_is_less_bad() || h.deal_strengthens(&p)
        );
    }

    #[test]
    fn full_confrontation_escalates_or_confronts() {
        let (p, pol, s) = setup("full_confrontation", &[]);
        assert_eq!(pol.choose(&p, &s, TIGHTEN, 0.1), IranAction::Escalate);
        assert_eq!(pol.choose(&p, &s, TIGHTEN, 0.9), IranAction::Confront);
        assert!(!pol.accepts(&p, &s, Enforcement::Tighten, 0.0));
    }
}
