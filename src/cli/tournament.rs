//! `catch22 tournament`: a round robin from a TOML file, ranked.

use std::time::Instant;

use super::TournamentArgs;
use super::io::Io;
use super::moran::flag_u64;
use crate::engine::{Shard, pool};
use crate::error::{Error, Origin, Result};
use crate::output::tournament::{MatchWriter, write_ranking};
use crate::output::tournament_part::{self, PartHeader};
use crate::repeated::Tournament;
use crate::repeated::file;

/// Plays the tournament and writes the ranking (and the matches).
pub fn tournament(a: TournamentArgs, io: &mut Io) -> Result<Option<String>> {
    let threads = super::threads(&a.threads)?;
    let f = file::load(&a.file)?;
    let Some(mut t) = f.tournament else {
        return Err(Error::input(
            Origin::source(&a.file).with_key("tournament"),
            "no [tournament] table: a tournament file needs [tournament] with players (see the README)",
        ));
    };
    if let Some(seed) = &a.seed.seed {
        t.seed = flag_u64("--seed", seed, 0, i64::MAX as u64)?;
    }
    io.input(&a.file)?;
    io.setting("seed", t.seed);
    io.setting("repetitions", t.repetitions);
    if let Some(shard) = a.shard {
        return play_shard(&a, &t, shard, threads, io);
    }
    let out = io.open("--out", a.out.out.as_deref())?;
    let mut matches_out = match a.matches.as_deref() {
        Some(p) => Some(io.open("--matches", Some(p))?),
        None => None,
    };
    let pool = pool(threads)?;
    let start = Instant::now();
    let results = t.play(&pool);
    let seconds = start.elapsed().as_secs_f64();
    let mut outputs = Vec::new();
    if let Some(m) = matches_out.take() {
        let name = m.name().to_string();
        let mut w = MatchWriter::new(m, &name);
        w.tournament(&t.players, &results)?;
        outputs.push(w.finish()?);
    }
    let name = out.name().to_string();
    let names: Vec<&str> = t.players.iter().map(|p| p.name.as_str()).collect();
    outputs.push(write_ranking(
        out,
        &name,
        &names,
        &results.ranking(),
        a.format.get(),
    )?);
    io.commit(outputs)?;
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
    io: &mut Io,
) -> Result<Option<String>> {
    let Some(path) = a.out.out.as_deref().filter(|p| *p != "-") else {
        return Err(Error::Usage(
            "--shard writes a part file: give --out PART".into(),
        ));
    };
    if a.format.get() != super::Format::Csv {
        return Err(Error::Usage(
            "--shard writes a part file for `catch22 merge`; drop --format".into(),
        ));
    }
    if a.matches.is_some() {
        return Err(Error::Usage(
            "--matches cannot be written by a shard: run the tournament whole to get every match"
                .into(),
        ));
    }
    let text = crate::input::read_source(&a.file, "the file")?;
    let out = io.open("--out", Some(path))?;
    let range = shard.span(t.total_matches());
    let pool = pool(threads)?;
    let start = Instant::now();
    let matches = t.play_range(&pool, range.clone());
    let seconds = start.elapsed().as_secs_f64();
    let header = PartHeader {
        // The seed is part of the job: parts of other seeds do not merge.
        job: tournament_part::job_id(&format!("{text}\n# --seed {}", t.seed)),
        shard,
        total: t.total_matches(),
        repetitions: t.repetitions,
        players: t.players.iter().map(|p| p.name.clone()).collect(),
    };
    let name = out.name().to_string();
    let out = tournament_part::write(out, &name, &header, range.start, &matches)?;
    io.commit(vec![out])?;
    Ok(Some(format!(
        "catch22: tournament {} shard {shard}: matches {}..{} of {} played in {seconds:.3} s on {threads} thread{}",
        a.file,
        range.start,
        range.end,
        t.total_matches(),
        if threads == 1 { "" } else { "s" }
    )))
}
