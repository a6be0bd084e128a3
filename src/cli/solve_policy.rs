//! `catch22 solve-policy`: the equilibrium policy table of a scenario.

use std::time::Instant;

use super::io::Io;
use super::{SolvePolicyArgs, load, threads};
use crate::engine;
use crate::error::{Error, Result};
use crate::output::policy;
use crate::policy::IranPolicy;

/// Solves the scenario's Markov-perfect equilibrium (whatever its policies)
/// and writes the table.
pub fn solve_policy(a: SolvePolicyArgs, io: &mut Io) -> Result<Option<String>> {
    let mut s = load(a.scenario.as_deref(), &a.set)?;
    s.set_key("solve-policy", "iran.policy", "equilibrium")?;
    s.set_key("solve-policy", "us.policy", "equilibrium")?;
    s.axes.clear();
    let point = s.point(0)?;
    let p = &point.params;
    let IranPolicy::Equilibrium(eq) = &point.players.iran else {
        unreachable!("iran.policy was set to equilibrium");
    };
    if let Some(t) = a.round
        && !(1..=p.rounds).contains(&t)
    {
        return Err(Error::Usage(format!(
            "--round must be in [1, {}] (scenario.rounds), got {t}",
            p.rounds
        )));
    }
    io.input(&s.source)?;
    io.scenario("scenario", &s, &a.set);
    if let Some(t) = a.round {
        io.setting("round", t);
    }
    let mut out = io.open("--out", a.out.out.as_deref())?;
    let pool = engine::pool(threads(&a.threads)?)?;
    let start = Instant::now();
    pool.install(|| eq.ensure(p));
    let tables = eq.tables(p);
    let secs = start.elapsed().as_secs_f64();
    let name = out.name().to_string();
    policy::write(&mut out, &name, eq, &tables, a.round)?;
    io.commit(vec![out])?;
    let grid = eq.grid();
    let nodes = grid.nodes().map(|n| n.to_string()).join("x");
    Ok(Some(format!(
        "catch22: {}: equilibrium solved on {} grid points ({nodes} x 4 switches) x {} rounds in {secs:.2} s on {} threads",
        s.source,
        grid.len(),
        p.rounds,
        pool.current_num_threads()
    )))
}
