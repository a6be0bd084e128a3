//! `catch22 moran FILE`: fixation of strategies in a Moran process.

use std::time::Instant;

use super::MoranArgs;
use super::io::Io;
use crate::engine::{self, Progress};
use crate::error::{Error, Result};
use crate::evolution::input;
use crate::output::evolution::write_moran;
use crate::scenario::schema::MAX_RUNS;

/// Parses `--flag VALUE` as an integer in [min, max].
pub(crate) fn flag_u64(flag: &str, raw: &str, min: u64, max: u64) -> Result<u64> {
    raw.trim()
        .parse::<u64>()
        .ok()
        .filter(|x| (min..=max).contains(x))
        .ok_or_else(|| {
            Error::Usage(format!(
                "{flag} must be an integer in [{min}, {max}], got `{raw}`"
            ))
        })
}

/// Runs the Moran process of the file and prints its fixation table.
pub fn moran(a: MoranArgs, io: &mut Io, progress: &dyn Progress) -> Result<Option<String>> {
    let file = input::load(&a.file)?;
    let Some(table) = &file.moran else {
        return Err(Error::Usage(format!(
            "`{}` has no [moran] table (with population = {{ Strategy = count, ... }})",
            a.file
        )));
    };
    let runs = match &a.runs {
        Some(r) => flag_u64("--runs", r, 1, MAX_RUNS as u64)?,
        None => table.runs,
    };
    let seed = match &a.seed.seed {
        Some(s) => flag_u64("--seed", s, 0, i64::MAX as u64)?,
        None => table.seed,
    };
    let threads = super::threads(&a.threads)?;
    let pool = engine::pool(threads)?;
    let payoffs = file.payoffs(&pool)?;
    let process = table.build(&payoffs)?;
    io.input(&a.file)?;
    io.setting("seed", seed);
    io.setting("runs", runs);
    let mut out = io.open("--out", a.out.out.as_deref())?;
    progress.plan(runs);
    let start = Instant::now();
    let tally = process.simulate(seed, 0..runs, &pool, progress);
    let seconds = start.elapsed().as_secs_f64();
    let name = out.name().to_string();
    write_moran(&mut out, &name, &process, &tally, a.format.get())?;
    io.commit(vec![out])?;
    let mut status = format!(
        "catch22 moran: {}: {runs} runs of a population of {} in {seconds:.3} s on {threads} thread{}",
        a.file,
        process.population(),
        if threads == 1 { "" } else { "s" }
    );
    if tally.unfixed > 0 {
        status.push_str(&format!(
            "\nwarning: {} runs did not fix within max_steps = {} (they count in no row)",
            tally.unfixed,
            process.max_steps()
        ));
    }
    if process.exact().is_some_and(|(_, _, e)| !e.sound()) {
        status.push_str(
            "\nwarning: the exact two-type solution is out of reach in floating point here \
             (a fixation time beyond 1e308 steps, or lost to rounding): its columns are empty",
        );
    }
    Ok(Some(status))
}
