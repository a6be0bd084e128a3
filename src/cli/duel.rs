//! `catch22 match`: two strategies, repeated matches, one CSV row each.

use super::MatchArgs;
use super::io::Io;
use super::moran::flag_u64;
use crate::engine::run_rng;
use crate::error::{Error, Result};
use crate::output::tournament::{match_row, match_table};
use crate::repeated::file::{self, MAX_REPETITIONS, MAX_TURNS, check_game};
use crate::repeated::play::{Histories, play_match_with};
use crate::repeated::{MatchRules, Strategy};

/// The seed of `match` without `--seed`: 1, as in every shipped tournament
/// and evolution file.
pub const DEFAULT_SEED: u64 = 1;

/// Checks a probability flag.
pub(super) fn probability(flag: &str, x: f64) -> Result<f64> {
    if x.is_finite() && (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(Error::Usage(format!(
            "{flag} must be a probability in [0, 1], got {x}"
        )))
    }
}

/// Plays the matches and prints them.
pub fn play(a: MatchArgs, io: &mut Io) -> Result<Option<String>> {
    if !(1..=MAX_TURNS).contains(&a.turns) {
        return Err(Error::Usage(format!(
            "--turns must be in [1, {MAX_TURNS}], got {}",
            a.turns
        )));
    }
    if !(1..=MAX_REPETITIONS).contains(&a.repetitions) {
        return Err(Error::Usage(format!(
            "--repetitions must be in [1, {MAX_REPETITIONS}], got {}",
            a.repetitions
        )));
    }
    if !(a.discount.is_finite() && a.discount > 0.0 && a.discount <= 1.0) {
        return Err(Error::Usage(format!(
            "--discount must be in (0, 1], got {}",
            a.discount
        )));
    }
    let defs = match &a.game {
        Some(path) => file::load(path)?,
        None => file::parse("", "-")?,
    };
    let rules = MatchRules {
        game: defs.game,
        turns: a.turns,
        prob_end: probability("--prob-end", a.prob_end)?,
        noise: probability("--noise", a.noise)?,
        discount: a.discount,
    };
    let strategy = |spec: &str, which: &str| -> Result<Strategy> {
        let s = Strategy::parse(spec, &defs.strategies)
            .map_err(|m| Error::Usage(format!("player {which}: {m}")))?;
        check_game(&s, &rules.game).map_err(|m| Error::Usage(format!("player {which}: {m}")))?;
        Ok(s)
    };
    let (sa, sb) = (strategy(&a.a, "A")?, strategy(&a.b, "B")?);
    let seed = match &a.seed.seed {
        Some(s) => flag_u64("--seed", s, 0, i64::MAX as u64)?,
        None => DEFAULT_SEED,
    };
    io.inputs(a.game.as_deref())?;
    io.setting("seed", seed);
    let mut out = io.open("--out", a.out.out.as_deref())?;
    let name = out.name().to_string();
    let mut table = match_table();
    let mut h = Histories::with_capacity(rules.turns);
    for r in 0..a.repetitions {
        let m = play_match_with(&sa, &sb, &rules, &mut run_rng(seed, u64::from(r)), &mut h);
        table.rows.push(match_row(&sa.name, &sb.name, r, &m));
    }
    table.write_as(&mut out, &name, a.format.get())?;
    io.commit(vec![out])?;
    Ok(None)
}
