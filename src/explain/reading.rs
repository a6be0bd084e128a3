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
use crate::model::{Enforcement, IranAction, UsAction};

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
    let h = &c.horns;
    let floor = p.leadership.survival_floor;
    let mut t = String::new();
    let _ = write!(
        t,
        "At {}'s initial state (resilience {:.2}, leverage {:.2}, pressure {:.2}, hardliners {:.2}{}), \
         for the mean threshold {:.2}, ",
        e.scenario,
        c.resilience,
        c.leverage,
        p.initial.pressure,
        p.initial.hardliners,
        if p.initial.lifeline {
            ", a lifeline active"
        } else {
            ", no lifeline"
        },
        p.threshold.mean
    );
    let where_ = match c.region {
        Region::Trap => "Iran is in the Catch-22: neither horn clears the survival floor",
        Region::Both => "Iran is outside the trap: both horns clear the survival floor",
        Region::DealOnly => "only the deal clears the survival floor",
        Region::RefuseOnly => "only refusing clears the survival floor",
    };
    let _ = write!(
        t,
        "{where_} of {}. The US would offer concessions x = {:.3}; accepting them survives to \
         the end of the term with probability {}, refusing with probability {}, so the {} is the \
         less bad horn",
        pct(floor),
        h.offer,
        pct(h.deal),
        pct(h.refuse),
        if h.deal_is_less_bad() {
            "deal"
        } else {
            "refusal"
        }
    );
    let veto = veto_limit(p, p.initial.hardliners);
    if h.offer > veto {
        let _ = write!(
            t,
            ", and the hardliners would veto terms above {veto:.3} anyway"
        );
    }
    t.push_str(". ");
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
    let seq = &s.sequential;
    let _ = write!(
        t,
        "In the stage game of round {} (each cell one round's actions, then {} against {}), the \
         US moving first plays {} and Iran answers {}; ",
        e.options.round,
        e.iran_policy,
        e.us_policy,
        g.strategies[1][seq.us],
        g.strategies[0][seq.iran[seq.us]]
    );
    let strike = UsAction::Strike.index();
    let strikes_always = (0..stage::ROWS).all(|i| s.best.us[i][strike]);
    if strikes_always {
        t.push_str("a strike is the US best reply to every Iranian action. ");
    } else {
        let rows: Vec<&str> = (0..stage::ROWS)
            .filter(|&i| s.best.us[i][strike])
            .map(|i| g.strategies[0][i].as_str())
            .collect();
        if rows.is_empty() {
            t.push_str("a strike is the US best reply to no Iranian action. ");
        } else {
            let _ = write!(
                t,
                "a strike is the US best reply only to Iran's {}. ",
                rows.join(", ")
            );
        }
    }
    let eqs = &s.solution.equilibria;
    match eqs.len() {
        0 => t.push_str("Played simultaneously, the stage game has no equilibrium listed. "),
        1 => {
            let q = &eqs[0];
            let _ = write!(
                t,
                "Played simultaneously, it has one equilibrium: Iran plays {} and the US {}. ",
                mix(&g.strategies[0], &q.strategies[0]),
                mix(&g.strategies[1], &q.strategies[1])
            );
            t.push_str(&margins(e, &q.strategies));
        }
        n => {
            let _ = write!(
                t,
                "Played simultaneously, it has {n} extreme equilibria{}; in the first, Iran plays \
                 {} and the US {}. ",
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
    let reply = IranAction::ALL[seq.iran[seq.us]];
    t.push_str("The article reads Iran's leadership as a fence-sitter: no direct talks in words, talks through intermediaries in deeds, confrontation when leverage is low. ");
    let _ = write!(
        t,
        "{}",
        match reply {
            IranAction::Intermediary | IranAction::Confront =>
                "The subgame-perfect reply agrees: Iran answers through an intermediary or by confronting, not in direct talks.",
            IranAction::Hold =>
                "The subgame-perfect reply goes further than fence-sitting: Iran only holds.",
            IranAction::Negotiate =>
                "The subgame-perfect reply departs from it: Iran negotiates directly.",
            IranAction::Escalate => "The subgame-perfect reply departs from it: Iran escalates.",
        }
    );
    let tightens = UsAction::ALL[seq.us].enforcement() == Enforcement::Tighten;
    let _ = write!(
        t,
        " The US {} maximum pressure.",
        if tightens { "keeps" } else { "does not keep" }
    );
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
