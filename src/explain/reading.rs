//! The plain-language reading of an explanation: a paragraph assembled from
//! the computed numbers (never canned conclusions) — where the scenario's
//! initial state sits on the map, what a deal would cost, how likely refusing
//! survives, what the stage game's equilibria say each side does, and how
//! that compares with the article's fence-sitting reading.

use std::fmt::Write as _;

use num_traits::Zero;

use super::{Explanation, Region, stage};
use crate::game::rational::{Rational, to_f64};
use crate::model::state::veto_limit;
use crate::model::{IranAction, UsAction};

fn pct(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

/// "intermediary" for a pure strategy, "hold (60%) and confront (40%)" for a mix.
pub fn mix(names: &[String], probs: &[Rational]) -> String {
    let played: Vec<(usize, f64)> = probs
        .iter()
        .enumerate()
        .filter(|(_, x)| !x.is_zero())
        .map(|(i, x)| (i, to_f64(x)))
        .collect();
    if let [(i, _)] = played.as_slice() {
        return names[*i].clone();
    }
    let parts: Vec<String> = played
        .iter()
        .map(|(i, x)| format!("{} ({})", names[*i], pct(*x)))
        .collect();
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => parts.join(""),
    }
}

/// For a pure equilibrium, how much each side would lose by its best
/// deviation: "Iran's negotiate beats its next best reply (hold) by 0.325".
fn margins(e: &Explanation, strategies: &[Vec<Rational>]) -> String {
    let pure = |v: &[Rational]| {
        v.iter()
            .position(|x| !x.is_zero() && v.iter().filter(|y| !y.is_zero()).count() == 1)
    };
    let (Some(i), Some(j)) = (pure(&strategies[0]), pure(&strategies[1])) else {
        return String::new();
    };
    let st = &e.solved.stage;
    let g = &e.solved.game;
    let mut parts = Vec::new();
    for player in 0..2 {
        let (own, n) = if player == 0 {
            (i, stage::ROWS)
        } else {
            (j, stage::COLS)
        };
        let value = |k: usize| {
            if player == 0 {
                st.mean[0][k][j]
            } else {
                st.mean[1][i][k]
            }
        };
        let next = (0..n)
            .filter(|&k| k != own)
            .max_by(|&a, &b| value(a).total_cmp(&value(b)));
        if let Some(k) = next {
            parts.push(format!(
                "{}'s {} beats its next best reply ({}) by {:.3}",
                g.players[player],
                g.strategies[player][own],
                g.strategies[player][k],
                value(own) - value(k)
            ));
        }
    }
    format!("{}. ", parts.join(" and the "))
}

/// The paragraph.
pub fn paragraph(e: &Explanation) -> String {
    let p = &e.params;
    let c = &e.initial;
    let mut t = String::new();
    let _ = write!(
        t,
        "At {}'s initial state (resilience {:.2}, leverage {:.2}, pressure {:.2}, hardliners {:.2}{}), ",
        e.scenario,
        c.resilience,
        c.leverage,
        p.initial.pressure,
        p.initial.hardliners,
        if p.initial.lifeline {
            ", a lifeline active"
        } else {
            ", no lifeline"
        }
    );
    let region = c.region();
    let where_ = match region {
        Region::Trap => "Iran is in the trap: neither branch is survivable",
        Region::Both => "Iran is outside the trap, with both branches survivable",
        Region::DealOnly => "only a deal is survivable",
        Region::RefuseOnly => "only refusing is survivable",
    };
    let _ = write!(t, "{where_}. ");
    let after = c.resilience - c.shock;
    let _ = write!(
        t,
        "A deal now would demand concessions x = {:.3}; their expected shock of {:.3} would leave \
         resilience at {:.3}, {:.3} {} the mean survival threshold {:.3}",
        c.terms,
        c.shock,
        after,
        (after - p.threshold.mean).abs(),
        if c.deal_survivable { "above" } else { "below" },
        p.threshold.mean
    );
    // θ ~ Uniform[θ̄ − s, θ̄ + s]: the share of draws above what a deal leaves.
    let (mean, spread) = (p.threshold.mean, p.threshold.spread);
    let fatal = if spread > 0.0 {
        ((mean + spread - after) / (2.0 * spread)).clamp(0.0, 1.0)
    } else {
        f64::from(u8::from(after < mean))
    };
    let _ = write!(
        t,
        " (the deal would be fatal for the {} of threshold draws above {after:.3})",
        pct(fatal)
    );
    let veto = veto_limit(p, p.initial.hardliners);
    if c.terms > veto {
        let _ = write!(
            t,
            ", and the hardliners would veto terms above {veto:.3} anyway"
        );
    }
    let (lo, hi) = c.interval();
    let _ = write!(
        t,
        ". Refusing (holding every round against the US's {}) reaches the horizon of {} rounds \
         in {} of {} runs ({}, 95% interval {} to {}), ending in a regime crisis in {} and in \
         war in {}. ",
        p.us_policy.name(),
        p.rounds,
        c.survived,
        c.runs,
        pct(c.p_survive()),
        pct(lo),
        pct(hi),
        pct(c.crises as f64 / c.runs.max(1) as f64),
        pct(c.wars as f64 / c.runs.max(1) as f64)
    );
    let counts = e.map.counts();
    let total = e.map.cells.len();
    let _ = write!(
        t,
        "Over the whole map, {} of {total} states are a trap, {} leave only refusing, {} only a \
         deal and {} both. ",
        counts[3], counts[2], counts[1], counts[0]
    );
    let s = &e.solved;
    let g = &s.game;
    let eqs = &s.solution.equilibria;
    match eqs.len() {
        0 => t.push_str("The stage game has no equilibrium listed. "),
        1 => {
            let q = &eqs[0];
            let _ = write!(
                t,
                "The stage game of round {} has one equilibrium: Iran plays {} and the US {}. ",
                e.options.round,
                mix(&g.strategies[0], &q.strategies[0]),
                mix(&g.strategies[1], &q.strategies[1])
            );
            t.push_str(&margins(e, &q.strategies));
        }
        n => {
            let _ = write!(
                t,
                "The stage game of round {} has {n} extreme equilibria{}; in the first, Iran plays \
                 {} and the US {}. ",
                e.options.round,
                if s.solution.degenerate {
                    " (it is degenerate)"
                } else {
                    ""
                },
                mix(&g.strategies[0], &eqs[0].strategies[0]),
                mix(&g.strategies[1], &eqs[0].strategies[1])
            );
        }
    }
    if !eqs.is_empty() {
        let weight = |a: IranAction| -> f64 {
            eqs.iter()
                .map(|q| to_f64(&q.strategies[0][a.index()]))
                .fold(0.0, f64::max)
        };
        let direct = weight(IranAction::Negotiate);
        let indirect = weight(IranAction::Intermediary);
        let confront = weight(IranAction::Confront) + weight(IranAction::Escalate);
        t.push_str("The article reads Iran's leadership as a fence-sitter: no direct talks in words, talks through intermediaries in deeds, confrontation when leverage is low. ");
        if direct == 0.0 && (indirect > 0.0 || confront > 0.0) {
            let _ = write!(
                t,
                "The equilibrium agrees: Iran never negotiates directly{}{}",
                if indirect > 0.0 {
                    " and talks through an intermediary"
                } else {
                    ""
                },
                if confront > 0.0 {
                    ", confronting some of the time"
                } else {
                    ""
                }
            );
        } else if direct == 0.0 {
            t.push_str("The equilibrium goes further than fence-sitting: Iran neither talks nor confronts, it only holds");
        } else {
            let _ = write!(
                t,
                "The equilibrium departs from it: Iran negotiates directly (with probability up to {})",
                pct(direct)
            );
        }
        let us: Vec<String> = eqs
            .iter()
            .map(|q| mix(&g.strategies[1], &q.strategies[1]))
            .collect();
        let tightens = eqs
            .iter()
            .any(|q| !q.strategies[1][UsAction::Tighten.index()].is_zero());
        let _ = write!(
            t,
            ", while the US plays {}{}.",
            us.join(" or "),
            if tightens {
                ""
            } else {
                ": tightening (maximum pressure) is not a best reply here"
            }
        );
    }
    if s.warnings.iter().any(|w| !w.is_empty()) {
        t.push_str(" Some equilibria sit within the Monte Carlo noise (see the warnings above): read them with care.");
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::rational::int;

    #[test]
    fn mixes_read_as_words() {
        let names: Vec<String> = ["hold", "confront", "intermediary"]
            .map(String::from)
            .to_vec();
        assert_eq!(mix(&names, &[int(0), int(0), int(1)]), "intermediary");
        let third = Rational::new(1.into(), 3.into());
        assert_eq!(
            mix(&names, &[third.clone(), int(0), int(1) - third]),
            "hold (33%) and intermediary (67%)"
        );
    }
}
