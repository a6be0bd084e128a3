//! `catch22 solve`: the Nash equilibria of a normal-form game.

use std::fmt::Write as _;
use std::io::Write;

use super::io::Io;
use super::{MethodArg, SolveArgs, SolveFormat as Format};
use crate::error::{Error, Result};
use crate::game::rational::show;
use crate::game::{self, Game, Method, Scope, Solution};
use crate::output::{Destination, csv_error};

/// Solves the game and prints its equilibria.
pub fn solve(a: SolveArgs, io: &mut Io) -> Result<Option<String>> {
    let method = match (a.method, a.label) {
        (MethodArg::Enum, None) => Method::Enumerate,
        (MethodArg::Enum, Some(_)) => {
            return Err(Error::Usage(
                "--label is the starting label of Lemke-Howson: use it with --method lh".into(),
            ));
        }
        (MethodArg::Lh, None) => Method::LemkeHowson { label: 0 },
        (MethodArg::Lh, Some(0)) => {
            return Err(Error::Usage("--label counts from 1".into()));
        }
        (MethodArg::Lh, Some(k)) => Method::LemkeHowson { label: k - 1 },
    };
    let g = Game::load(&a.game)?;
    if let (Method::LemkeHowson { label }, [m, n]) = (method, g.shape().as_slice()) {
        if label >= m + n {
            return Err(Error::Usage(format!(
                "--label must be in 1..={} for this {m}x{n} game, got {}",
                m + n,
                label + 1
            )));
        }
    }
    game::check_solvable(&g, method)
        .map_err(|m| Error::input(crate::error::Origin::source(&a.game), m))?;
    io.input(&a.game)?;
    let mut out = io.open("--out", a.out.out.as_deref())?;
    let s = game::solve(&g, method).map_err(Error::Runtime)?;
    let name = out.name().to_string();
    match a.format.get() {
        Format::Text => out
            .write_all(text(&g, &s).as_bytes())
            .map_err(|e| Error::write(&name, &e))?,
        Format::Json => out
            .write_all(json(&s).as_bytes())
            .map_err(|e| Error::write(&name, &e))?,
        Format::Csv => csv(&g, &s, &mut out, &name)?,
    }
    io.commit(vec![out])?;
    Ok(None)
}

/// The readable report.
pub fn text(g: &Game, s: &Solution) -> String {
    let mut t = String::new();
    let shape: Vec<String> = s.shape.iter().map(usize::to_string).collect();
    if !g.title.is_empty() {
        let _ = writeln!(t, "{}", g.title);
    }
    let what = match s.scope {
        Scope::AllExtreme => "Nash equilibria (every extreme equilibrium, by vertex enumeration)",
        Scope::One => "Nash equilibrium found by Lemke-Howson",
        Scope::Pure => "pure-strategy Nash equilibria (all of them)",
    };
    let _ = writeln!(
        t,
        "{} players, {} strategies: {} {what}",
        s.players,
        shape.join("x"),
        s.equilibria.len()
    );
    if s.scope == Scope::AllExtreme {
        let components = s
            .equilibria
            .iter()
            .map(|e| e.component + 1)
            .max()
            .unwrap_or(0);
        if s.degenerate {
            let _ = writeln!(
                t,
                "degenerate: infinitely many equilibria, in {components} connected component(s); \
                 each component's extreme equilibria are listed (its equilibria are the convex \
                 combinations of extreme equilibria that share a strategy)"
            );
        } else {
            let _ = writeln!(t, "finitely many equilibria: each is isolated");
        }
    }
    for (k, e) in s.equilibria.iter().enumerate() {
        let _ = write!(t, "\nequilibrium {}", k + 1);
        if s.degenerate {
            let _ = write!(t, " (component {})", e.component + 1);
        }
        t.push_str(":\n");
        for (p, probs) in e.strategies.iter().enumerate() {
            let played: Vec<String> = probs
                .iter()
                .enumerate()
                .filter(|(_, x)| !num_traits::Zero::is_zero(*x))
                .map(|(i, x)| format!("{} {}", g.strategies[p][i], show(x)))
                .collect();
            let _ = writeln!(t, "  {}: {}", g.players[p], played.join(", "));
        }
        let pays: Vec<String> = e
            .payoffs
            .iter()
            .enumerate()
            .map(|(p, v)| format!("{} {}", g.players[p], show(v)))
            .collect();
        let _ = writeln!(t, "  payoffs: {}", pays.join(", "));
    }
    t
}

/// The JSON contract: `{"players", "shape", "degenerate", "equilibria":
/// [{"strategies": [[...], ...], "payoffs": [...]}]}`, every number an exact
/// rational in a string.
pub fn json(s: &Solution) -> String {
    let eqs: Vec<serde_json::Value> = s
        .equilibria
        .iter()
        .map(crate::output::json::equilibrium)
        .collect();
    let v = serde_json::json!({
        "players": s.players,
        "shape": s.shape,
        "degenerate": s.degenerate,
        "equilibria": eqs,
    });
    let mut text = crate::output::json::to_string(&v).expect("a JSON value serializes");
    text.push('\n');
    text
}

/// Tidy CSV: one row per equilibrium, player and strategy.
fn csv(g: &Game, s: &Solution, out: &mut Destination, name: &str) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "equilibrium",
        "component",
        "player",
        "strategy",
        "probability",
        "payoff",
    ])
    .map_err(|e| csv_error(name, e))?;
    for (k, e) in s.equilibria.iter().enumerate() {
        for (p, probs) in e.strategies.iter().enumerate() {
            for (i, x) in probs.iter().enumerate() {
                w.write_record([
                    (k + 1).to_string(),
                    (e.component + 1).to_string(),
                    g.players[p].clone(),
                    g.strategies[p][i].clone(),
                    show(x),
                    show(&e.payoffs[p]),
                ])
                .map_err(|e| csv_error(name, e))?;
            }
        }
    }
    w.flush().map_err(|e| Error::write(name, &e))
}
