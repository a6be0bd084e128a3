//! `catch22 trace`: one run, narrated.

use std::io::Write;

use super::io::Io;
use super::{TraceArgs, load};
use crate::engine::simulate;
use crate::error::{Error, Result};
use crate::output::trace::{Recorder, text, write_csv};

/// Plays run `--run` of seed `--seed` exactly as the engine does and narrates it.
pub fn trace(a: TraceArgs) -> Result<Option<String>> {
    let mut s = load(a.scenario.as_deref(), &a.set)?;
    if let Some(seed) = &a.seed {
        s.set_key("--seed", "scenario.seed", seed)?;
    }
    s.axes.clear();
    let point = s.point(0)?;
    let mut io = Io::new();
    io.input(&s.source)?;
    let csv_out = match a.csv.as_deref() {
        Some(path) => Some(io.open("--csv", Some(path))?),
        None => None,
    };
    let mut rec = Recorder::default();
    let record = simulate(&point.params, point.seed, a.run, &mut rec);
    let mut outputs = Vec::new();
    if let Some(mut out) = csv_out {
        let name = out.name().to_string();
        write_csv(&mut out, &name, &point.params, &rec.rows, &record)?;
        outputs.push(out);
    }
    if !matches!(a.csv.as_deref(), Some("-")) {
        let title = format!(
            "catch22 trace: {}, seed {}, run {}, horizon {} rounds; Iran {}, US {}",
            s.source,
            point.seed,
            a.run,
            point.params.rounds,
            point.params.iran_policy.name(),
            point.params.us_policy.name()
        );
        let mut out = io.open("the trace", None)?;
        out.write_all(text(&point.params, &title, &rec.rows, &record).as_bytes())
            .map_err(|e| Error::write("-", &e))?;
        outputs.push(out);
    }
    io.commit(outputs)?;
    Ok(None)
}
