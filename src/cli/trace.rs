//! `catch22 trace`: one run, narrated.

use std::io::Write;

use super::{TraceArgs, load};
use crate::engine::simulate;
use crate::error::{Error, Result};
use crate::output::Destination;
use crate::output::trace::{Recorder, text, write_csv};

/// Plays run `--run` of seed `--seed` exactly as the engine does and narrates it.
pub fn trace(a: TraceArgs) -> Result<Option<String>> {
    let mut s = load(a.scenario.as_deref(), &a.set)?;
    if let Some(seed) = &a.seed {
        s.set_key("--seed", "scenario.seed", seed)?;
    }
    s.axes.clear();
    let point = s.point(0)?;
    let mut csv_out = match a.csv.as_deref() {
        Some(path) => Some(Destination::open(Some(path))?),
        None => None,
    };
    let mut rec = Recorder::default();
    let record = simulate(&point.params, &point.players, point.seed, a.run, &mut rec);
    if let Some(mut out) = csv_out.take() {
        let name = out.name().to_string();
        write_csv(&mut out, &name, &point.params, &rec.rows, &record)?;
        let to_stdout = matches!(out, Destination::Stdout(_));
        out.finish()?;
        if to_stdout {
            return Ok(None);
        }
    }
    let title = format!(
        "catch22 trace: {}, seed {}, run {}, horizon {} rounds; Iran {}, US {}",
        s.source,
        point.seed,
        a.run,
        point.params.rounds,
        point.players.iran.name(),
        point.players.us.name()
    );
    let mut out = Destination::open(None)?;
    out.write_all(text(&point.params, &title, &rec.rows, &record).as_bytes())
        .map_err(|e| Error::write("-", &e))?;
    out.finish()?;
    Ok(None)
}
