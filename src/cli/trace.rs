//! `catch22 trace`: one run, narrated.

use std::io::Write;

use super::io::Io;
use super::{TraceArgs, TraceFormat, load};
use crate::engine::simulate;
use crate::error::{Error, Result};
use crate::output::escape::one_line;
use crate::output::trace::{Recorder, text, write_csv};
use crate::scenario::{Point, Scenario};

/// The narration's first line: scenario, seed, run, horizon, policies.
pub(crate) fn title(s: &Scenario, point: &Point, run: u64) -> String {
    format!(
        "catch22 trace: {}, seed {}, run {run}, horizon {} rounds; Iran {}, US {}",
        one_line(&s.source),
        point.seed,
        point.params.rounds,
        point.players.iran.name(),
        point.players.us.name()
    )
}

/// Plays run `--run` of seed `--seed` exactly as the engine does and narrates it.
pub fn trace(a: TraceArgs, io: &mut Io) -> Result<Option<String>> {
    let mut s = load(a.scenario.as_deref(), &a.set)?;
    if let Some(seed) = &a.seed.seed {
        s.set_key("--seed", "scenario.seed", seed)?;
    }
    s.axes.clear();
    let point = s.point(0)?;
    io.input(&s.source)?;
    io.scenario("scenario", &s, &a.set);
    io.setting("run", a.run);
    // `--csv -` is the CSV instead of the narration.
    let csv_main = a.csv.as_deref() == Some("-");
    let format = match (a.format.format, csv_main) {
        (Some(TraceFormat::Text), true) => {
            return Err(Error::Usage(
                "--csv - writes the CSV instead of the narration; drop --format text".into(),
            ));
        }
        (_, true) => TraceFormat::Csv,
        (f, false) => f.unwrap_or(TraceFormat::Text),
    };
    let mut out = io.open("--out", a.out.out.as_deref())?;
    let csv_side = match a.csv.as_deref() {
        Some(path) if !csv_main => Some(io.open("--csv", Some(path))?),
        _ => None,
    };
    let mut rec = Recorder::default();
    let record = simulate(&point.params, &point.players, point.seed, a.run, &mut rec);
    let name = out.name().to_string();
    match format {
        TraceFormat::Csv => write_csv(&mut out, &name, &point.params, &rec.rows, &record)?,
        TraceFormat::Text => {
            let title = title(&s, &point, a.run);
            out.write_all(text(&point.params, &title, &rec.rows, &record).as_bytes())
                .map_err(|e| Error::write(&name, &e))?;
        }
    }
    let mut outputs = vec![out];
    if let Some(mut side) = csv_side {
        let name = side.name().to_string();
        write_csv(&mut side, &name, &point.params, &rec.rows, &record)?;
        outputs.push(side);
    }
    io.commit(outputs)?;
    Ok(None)
}
