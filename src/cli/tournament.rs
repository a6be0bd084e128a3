//! `catch22 tournament`: a round robin from a TOML file, ranked.

use std::time::Instant;

use clap::Args;

use super::run::same_file;
use crate::engine::{Shard, pool};
use crate::error::{Error, Origin, Result};
use crate::output::Destination;
use crate::output::tournament::{MatchWriter, write_ranking};
use crate::output::tournament_part::{self, PartHeader};
use crate::repeated::Tournament;
use crate::repeated::file;

/// `catch22 tournament`.
#[derive(Debug, Args)]
pub struct TournamentArgs {
    /// The tournament file (TOML with a [tournament] table).
    pub file: String,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Write the ranking here instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub out: Option<String>,
    /// Also write every match (one row per pair and repetition) here.
    #[arg(long, value_name = "PATH")]
    pub matches: Option<String>,
    /// Play only shard I of N (0-based) of the matches and write its part to
    /// --out; `catch22 merge` combines the parts into the ranking.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
    /// Do not print the status line on standard error.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Plays the tournament and writes the ranking (and the matches).
pub fn tournament(a: TournamentArgs) -> Result<Option<String>> {
    let threads = super::threads(a.threads)?;
    let f = file::load(&a.file)?;
    let Some(t) = f.tournament else {
        return Err(Error::input(
            Origin::source(&a.file).with_key("tournament"),
            "no [tournament] table: a tournament file needs [tournament] with players (see the README)",
        ));
    };
    for p in [a.out.as_deref(), a.matches.as_deref()]
        .into_iter()
        .flatten()
    {
        if p != "-" && same_file(p, &a.file) {
            return Err(Error::Usage(format!(
                "refusing to write `{p}` over the tournament file"
            )));
        }
    }
    let out_path = a.out.as_deref().unwrap_or("-");
    if let Some(m) = a.matches.as_deref() {
        if m == "-" && out_path == "-" {
            return Err(Error::Usage(
                "--matches - and the ranking would both go to standard output: give --out PATH"
                    .into(),
            ));
        }
        if m != "-" && same_file(out_path, m) {
            return Err(Error::Usage(format!("--out and --matches both name `{m}`")));
        }
    }
    if let Some(shard) = a.shard {
        return play_shard(&a, &t, shard, threads);
    }
    let mut matches_out = match a.matches.as_deref() {
        Some(p) => Some(Destination::open(Some(p))?),
        None => None,
    };
    let out = Destination::open(a.out.as_deref())?;
    let pool = pool(threads)?;
    let start = Instant::now();
    let results = t.play(&pool);
    let seconds = start.elapsed().as_secs_f64();
    if let Some(m) = matches_out.take() {
        let name = m.name().to_string();
        let mut w = MatchWriter::new(m, &name);
        w.tournament(&t.players, &results)?;
        w.finish()?.finish()?;
    }
    let name = out.name().to_string();
    let names: Vec<&str> = t.players.iter().map(|p| p.name.as_str()).collect();
    write_ranking(out, &name, &names, &results.ranking())?.finish()?;
    if a.quiet {
        return Ok(None);
    }
    let turns: u64 = results.matches.iter().map(|m| u64::from(m.turns)).sum();
    Ok(Some(format!(
        "catch22: tournament {}: {} players, {} matches, {turns} turns played in {seconds:.3} s on {threads} thread{}",
        a.file,
        t.players.len(),
        results.matches.len(),
        if threads == 1 { "" } else { "s" }
    )))
}

/// `--shard I/N`: plays the shard's block of matches and writes its part.
fn play_shard(
    a: &TournamentArgs,
    t: &Tournament,
    shard: Shard,
    threads: usize,
) -> Result<Option<String>> {
    let Some(path) = a.out.as_deref().filter(|p| *p != "-") else {
        return Err(Error::Usage(
            "--shard writes a part file: give --out PART".into(),
        ));
    };
    if a.matches.is_some() {
        return Err(Error::Usage(
            "--matches cannot be written by a shard: run the tournament whole to get every match"
                .into(),
        ));
    }
    let text = crate::input::read_text(&a.file, "the file")?;
    let out = Destination::open(Some(path))?;
    let range = tournament_part::block(shard, t.total_matches());
    let pool = pool(threads)?;
    let start = Instant::now();
    let matches = t.play_range(&pool, range.clone());
    let seconds = start.elapsed().as_secs_f64();
    let header = PartHeader {
        job: tournament_part::job_id(&text),
        shard,
        total: t.total_matches(),
        repetitions: t.repetitions,
        players: t.players.iter().map(|p| p.name.clone()).collect(),
    };
    let name = out.name().to_string();
    tournament_part::write(out, &name, &header, range.start, &matches)?.finish()?;
    if a.quiet {
        return Ok(None);
    }
    Ok(Some(format!(
        "catch22: tournament {} shard {shard}: matches {}..{} of {} played in {seconds:.3} s on {threads} thread{}",
        a.file,
        range.start,
        range.end,
        t.total_matches(),
        if threads == 1 { "" } else { "s" }
    )))
}
