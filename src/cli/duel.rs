//! `catch22 match`: two strategies, repeated matches, one CSV row each.

use clap::Args;

use super::io::Io;
use crate::engine::run_rng;
use crate::error::{Error, Result};
use crate::output::tournament::MatchWriter;
use crate::repeated::file::{self, MAX_REPETITIONS, MAX_TURNS, check_game};
use crate::repeated::play::{Histories, play_match_with};
use crate::repeated::{MatchRules, Strategy};

/// `catch22 match`.
#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Player A (the row player): a strategy name such as TitForTat or Random(0.3).
    pub a: String,
    /// Player B (the column player).
    pub b: String,
    /// Turns per match; with --prob-end, the most turns.
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub turns: u32,
    /// Probability that each move is flipped.
    #[arg(long, value_name = "P", default_value_t = 0.0)]
    pub noise: f64,
    /// Probability that the match ends after each turn (0: exactly --turns).
    #[arg(long = "prob-end", value_name = "Q", default_value_t = 0.0)]
    pub prob_end: f64,
    /// Discount factor: turn t (from 0) counts discount^t in the totals.
    #[arg(long, value_name = "D", default_value_t = 1.0)]
    pub discount: f64,
    /// Master seed: repetition r plays on the seed's stream r.
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub seed: u64,
    /// Matches to play (one CSV row each).
    #[arg(long, value_name = "K", default_value_t = 1)]
    pub repetitions: u32,
    /// A TOML file with the stage game (`[game]`) and strategies (`[[strategy]]`).
    #[arg(long, value_name = "FILE")]
    pub game: Option<String>,
    /// Write the CSV here instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub out: Option<String>,
}

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
pub fn play(a: MatchArgs) -> Result<Option<String>> {
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
    let mut io = Io::new();
    io.inputs(a.game.as_deref())?;
    let out = io.open("--out", a.out.as_deref())?;
    let name = out.name().to_string();
    let mut w = MatchWriter::new(out, &name);
    let mut h = Histories::with_capacity(rules.turns);
    for r in 0..a.repetitions {
        let m = play_match_with(&sa, &sb, &rules, &mut run_rng(a.seed, u64::from(r)), &mut h);
        w.row(&sa.name, &sb.name, r, &m)?;
    }
    io.commit(vec![w.finish()?])?;
    Ok(None)
}
