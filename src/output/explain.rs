//! `catch22 explain` output: the text report (tables, equilibria, the map
//! drawn in characters, the reading), the JSON record and the map CSV.

use std::fmt::Write as _;
use std::io::Write;

use serde_json::{Value as Json, json};

use super::{csv_error, json, num};
use crate::error::Result;
use crate::explain::{Explanation, Map, Region, stage};
use crate::game::rational::show;
use crate::model::{IranAction, UsAction};

/// The CSV columns of the map, one row per cell.
pub const MAP_COLUMNS: [&str; 6] = [
    "resilience",
    "leverage",
    "offer",
    "deal_survival",
    "refuse_survival",
    "region",
];

/// Writes the map as CSV, resilience-major, leverage fastest.
pub fn write_map_csv(map: &Map, out: &mut dyn Write, name: &str) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(MAP_COLUMNS)
        .map_err(|e| csv_error(name, e))?;
    for c in &map.cells {
        w.write_record([
            num(c.resilience),
            num(c.leverage),
            num(c.horns.offer),
            num(c.horns.deal),
            num(c.horns.refuse),
            c.region.name().to_string(),
        ])
        .map_err(|e| csv_error(name, e))?;
    }
    w.flush().map_err(|e| crate::Error::write(name, &e))
}

/// Wraps text at `width` columns.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        if line > 0 && line + 1 + word.chars().count() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.chars().count();
    }
    out.push('\n');
    out
}

fn payoff_table(t: &mut String, e: &Explanation, player: usize) {
    let s = &e.solved;
    let (who, mark, rule) = if player == 0 {
        (
            "Iran's payoffs",
            '*',
            "* = Iran's best response to the US column",
        )
    } else {
        (
            "US payoffs",
            '+',
            "+ = the US's best response to Iran's row",
        )
    };
    let _ = writeln!(
        t,
        "\n{who} (rows: the US's action, columns: Iran's; {rule}; ± standard error)"
    );
    let _ = write!(t, "{:<22}", "");
    for a in IranAction::ALL {
        let _ = write!(t, "{:>22}", a.name());
    }
    t.push('\n');
    for (j, u) in UsAction::ALL.iter().enumerate() {
        let _ = write!(t, "{:<22}", u.name());
        for i in 0..stage::ROWS {
            let best = if player == 0 {
                s.best.iran[i][j]
            } else {
                s.best.us[i][j]
            };
            let cell = format!(
                "{}{} ±{:.4}",
                s.stage.shown(player, i, j),
                if best { mark } else { ' ' },
                s.stage.se[player][i][j]
            );
            let _ = write!(t, "{cell:>22}");
        }
        t.push('\n');
    }
}

/// The map drawn in characters: resilience up, leverage across.
pub fn draw_map(e: &Explanation) -> String {
    let m = &e.map;
    let mut t = String::new();
    let (ri, li) = m.nearest(e.params.initial.resilience, e.params.initial.leverage);
    let _ = writeln!(t, "resilience");
    for r in (0..m.steps).rev() {
        let _ = write!(t, "{:>6} |", format!("{:.2}", m.at(r, 0).resilience));
        for l in 0..m.steps {
            let g = if (r, l) == (ri, li) {
                '@'
            } else {
                m.at(r, l).region.glyph()
            };
            let _ = write!(t, " {g}");
        }
        t.push('\n');
    }
    let _ = writeln!(t, "{:>6} +{}", "", "-".repeat(2 * m.steps + 1));
    // Leverage labels at 0, 0.5 and 1, under their columns.
    let mut axis = vec![' '; 2 * m.steps + 8];
    for l in [0, (m.steps - 1) / 2, m.steps - 1] {
        let label = format!("{:.2}", m.at(0, l).leverage);
        let at = 8 + 2 * l;
        let start = at
            .saturating_sub(label.len() / 2)
            .min(axis.len() - label.len());
        for (k, ch) in label.chars().enumerate() {
            axis[start + k] = ch;
        }
    }
    let _ = writeln!(
        t,
        "{}   leverage",
        axis.into_iter().collect::<String>().trim_end()
    );
    for r in Region::ALL {
        let _ = writeln!(t, "  {} {}", r.glyph(), r.meaning());
    }
    let _ = writeln!(
        t,
        "  @ the scenario's initial state (nearest cell; its own region: {})",
        e.initial.region.name()
    );
    t
}

/// The text report.
pub fn text(e: &Explanation) -> String {
    let s = &e.solved;
    let o = &e.options;
    let mut t = String::new();
    let _ = writeln!(
        t,
        "catch22 explain: {}; Iran {}, US {}; horizon {} rounds; seed {}, {} runs per cell",
        e.scenario, e.iran_policy, e.us_policy, e.params.rounds, o.seed, o.runs
    );
    let _ = writeln!(
        t,
        "\n== The stage game at round {} (Iran {} actions x US {}; discounted payoffs [1]) ==",
        o.round,
        stage::ROWS,
        stage::COLS
    );
    payoff_table(&mut t, e, 0);
    payoff_table(&mut t, e, 1);
    let seq = &s.sequential;
    let _ = writeln!(
        t,
        "\nThe round played in the model's order (the US first, Iran answering), by backward \
         induction on these payoffs: the US plays {}, Iran answers {}.",
        UsAction::ALL[seq.us].name(),
        IranAction::ALL[seq.iran[seq.us]].name()
    );
    let replies: Vec<String> = UsAction::ALL
        .iter()
        .zip(&seq.iran)
        .map(|(u, &i)| format!("{} -> {}", u.name(), IranAction::ALL[i].name()))
        .collect();
    let _ = writeln!(t, "Iran's replies: {}.", replies.join(", "));
    let sol = &s.solution;
    let _ = writeln!(
        t,
        "\nNash equilibria of the rounded game played simultaneously, for comparison ({} extreme equilibri{}{}):",
        sol.equilibria.len(),
        if sol.equilibria.len() == 1 { "um" } else { "a" },
        if sol.degenerate {
            "; degenerate: infinitely many, the extreme points of each component are listed"
        } else {
            ""
        }
    );
    for (k, q) in sol.equilibria.iter().enumerate() {
        let side = |pl: usize| -> String {
            q.strategies[pl]
                .iter()
                .enumerate()
                .filter(|(_, x)| !num_traits::Zero::is_zero(*x))
                .map(|(i, x)| format!("{} {}", s.game.strategies[pl][i], show(x)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            t,
            "  {}. Iran: {}; US: {}; payoffs Iran {}, US {}",
            k + 1,
            side(0),
            side(1),
            num(crate::game::rational::to_f64(&q.payoffs[0])),
            num(crate::game::rational::to_f64(&q.payoffs[1]))
        );
        for w in &s.warnings[k] {
            let _ = writeln!(t, "     warning: {w}");
        }
    }
    t.push('\n');
    t.push_str(&wrap(&footnote(e), 78));
    let _ = writeln!(
        t,
        "\n== The Catch-22 map ({0}x{0} initial states; other state as in the scenario) ==",
        e.map.steps
    );
    t.push_str(&draw_map(e));
    t.push('\n');
    t.push_str(&wrap(&map_note(e), 78));
    let _ = writeln!(t, "\n== Reading ==");
    t.push_str(&wrap(&e.reading, 78));
    t
}

/// How the stage game's cells are computed (the text's footnote).
pub fn footnote(e: &Explanation) -> String {
    let o = &e.options;
    format!(
        "[1] Each cell is computed from K = {} runs with common random numbers: run k uses the \
         same (seed {}, k) stream in every cell; it draws Iran's threshold θ and the round's \
         shocks, plays the cell's actions in round {} through the transition function, then \
         continues with the scenario's policies to the horizon (round {}). The cell value is \
         the mean discounted payoff (flows plus the terminal payoff, discounted to the start of \
         round {}), printed with its standard error. The equilibria are those of the game with \
         every payoff rounded to 6 decimals (the numbers printed, and those `catch22 \
         export-nfg` writes), solved exactly by vertex enumeration; a warning marks a strategy \
         outside an equilibrium's support within 1.96 paired standard errors of a best response.",
        o.runs, o.seed, o.round, e.params.rounds, o.round
    )
}

/// What the map's two tests are.
pub fn map_note(e: &Explanation) -> String {
    format!(
        "Each cell is the model's one definition of the Catch-22 (docs/MODEL.md section 5) at \
         that initial state, for the mean threshold θ̄ = {:.3}: the survival probability to the \
         end of the term of accepting the offer the US would make (the concession shock, then \
         the relieved regime) and of refusing (holding out under the pressure Iran expects \
         against the US's {}, with the lifeline's value and expected arrival), each against the \
         survival floor {:.3}. `--map-out` writes every cell with both survival probabilities.",
        e.params.threshold.mean, e.us_policy, e.params.leadership.survival_floor
    )
}

/// A number as printed in the text (six decimals), `null` if not finite.
fn n(x: f64) -> Json {
    json::number(x, &num(x))
}

fn rows_json(m: &[[f64; stage::COLS]; stage::ROWS]) -> Json {
    Json::Array(
        m.iter()
            .map(|r| Json::Array(r.iter().map(|&x| n(x)).collect()))
            .collect(),
    )
}

/// The JSON record: `stage_game` (actions, `iran` and `us` payoff matrices
/// `[iran action][us action]` as printed, standard errors, best responses),
/// `equilibria` (as `catch22 solve` prints them, plus `warnings`), `map`
/// (axes and one record per cell, as in the CSV), `initial` and `reading`.
pub fn json_text(e: &Explanation) -> String {
    let s = &e.solved;
    let st = &s.stage;
    let eqs: Vec<Json> = s
        .solution
        .equilibria
        .iter()
        .zip(&s.warnings)
        .map(|(q, w)| {
            let mut v = json::equilibrium(q);
            v["warnings"] = json!(w);
            v
        })
        .collect();
    let cell = |c: &crate::explain::Cell| {
        json!({
            "resilience": n(c.resilience),
            "leverage": n(c.leverage),
            "offer": n(c.horns.offer),
            "deal_survival": n(c.horns.deal),
            "refuse_survival": n(c.horns.refuse),
            "region": c.region.name(),
        })
    };
    let seq = &s.sequential;
    let iran_replies: Vec<&str> = seq
        .iran
        .iter()
        .map(|&i| IranAction::ALL[i].name())
        .collect();
    let sequential = json!({
        "us": UsAction::ALL[seq.us].name(),
        "iran_replies": iran_replies,
    });
    let cells: Vec<Json> = e.map.cells.iter().map(cell).collect();
    let axis: Vec<Json> = (0..e.map.steps)
        .map(|k| n(crate::explain::map::axis_value(k, e.map.steps)))
        .collect();
    let iran_actions: Vec<&str> = IranAction::ALL.iter().map(|a| a.name()).collect();
    let us_actions: Vec<&str> = UsAction::ALL.iter().map(|a| a.name()).collect();
    let record = json!({
        "scenario": e.scenario,
        "round": e.options.round,
        "runs": e.options.runs,
        "seed": e.options.seed,
        "stage_game": {
            "players": ["Iran", "US"],
            "iran_actions": iran_actions,
            "us_actions": us_actions,
            "iran": rows_json(&st.mean[0]),
            "us": rows_json(&st.mean[1]),
            "iran_se": rows_json(&st.se[0]),
            "us_se": rows_json(&st.se[1]),
            "iran_best": s.best.iran,
            "us_best": s.best.us,
        },
        "sequential": sequential,
        "degenerate": s.solution.degenerate,
        "equilibria": eqs,
        "map": {"steps": e.map.steps, "axis": axis, "cells": cells},
        "initial": cell(&e.initial),
        "reading": e.reading,
    });
    let mut text = json::to_string(&record).expect("a JSON value serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_the_width() {
        let w = wrap("aaa bbb ccc ddd", 7);
        assert_eq!(w, "aaa bbb\nccc ddd\n");
    }
}
