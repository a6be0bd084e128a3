//! CSV of matches (`catch22 match`, `catch22 tournament --matches`) and of
//! the tournament ranking. Columns are defined by the field order of the
//! row structs; the first ones are a contract (see the README).

use std::io::Write;

use serde::Serialize;

use super::{csv_error, num};
use crate::error::{Error, Result};
use crate::repeated::tournament::{Results, Standing};
use crate::repeated::{MatchResult, Strategy};

/// One match, as a CSV row.
#[derive(Debug, Serialize)]
struct MatchRow<'a> {
    player_a: &'a str,
    player_b: &'a str,
    turns: u32,
    score_a: String,
    score_b: String,
    cooperation_rate_a: String,
    cooperation_rate_b: String,
    repetition: u32,
    /// `a`, `b` or `tie`: the higher total wins.
    winner: &'static str,
}

/// Writes match rows: one per (pair, repetition).
pub struct MatchWriter<W: Write> {
    w: csv::Writer<W>,
    name: String,
}

impl<W: Write> MatchWriter<W> {
    /// A writer on `out`; `name` is the path for error messages. The header
    /// is written with the first row (or by [`MatchWriter::finish`]).
    pub fn new(out: W, name: &str) -> MatchWriter<W> {
        MatchWriter {
            w: csv::Writer::from_writer(out),
            name: name.to_string(),
        }
    }

    /// Writes one match.
    pub fn row(&mut self, a: &str, b: &str, repetition: u32, m: &MatchResult) -> Result<()> {
        self.w
            .serialize(MatchRow {
                player_a: a,
                player_b: b,
                turns: m.turns,
                score_a: num(m.score[0]),
                score_b: num(m.score[1]),
                cooperation_rate_a: num(m.cooperation_rate(0)),
                cooperation_rate_b: num(m.cooperation_rate(1)),
                repetition,
                winner: match m.winner() {
                    Some(0) => "a",
                    Some(_) => "b",
                    None => "tie",
                },
            })
            .map_err(|e| csv_error(&self.name, e))
    }

    /// Writes every match of a tournament, pair by pair.
    pub fn tournament(&mut self, players: &[Strategy], results: &Results) -> Result<()> {
        for (k, p) in results.pairs.iter().enumerate() {
            for (r, m) in results.pair_matches(k).iter().enumerate() {
                self.row(&players[p.a].name, &players[p.b].name, r as u32, m)?;
            }
        }
        Ok(())
    }

    /// Flushes and returns the output.
    pub fn finish(self) -> Result<W> {
        let name = self.name;
        self.w
            .into_inner()
            .map_err(|e| Error::write(&name, e.error()))
    }
}

/// One line of the ranking.
#[derive(Debug, Serialize)]
struct RankRow<'a> {
    rank: usize,
    name: &'a str,
    median_score_per_turn: String,
    mean_score_per_turn: String,
    wins: f64,
    cooperation_rate: String,
    player_index: usize,
}

/// Writes the ranking CSV. `rank` counts from 0, as the Axelrod library's
/// `summarise()`.
pub fn write_ranking<W: Write>(
    out: W,
    name: &str,
    players: &[&str],
    standings: &[Standing],
) -> Result<W> {
    let mut w = csv::Writer::from_writer(out);
    for (rank, s) in standings.iter().enumerate() {
        w.serialize(RankRow {
            rank,
            name: players[s.index],
            median_score_per_turn: num(s.median_score_per_turn),
            mean_score_per_turn: num(s.mean_score_per_turn),
            wins: s.wins,
            cooperation_rate: num(s.cooperation_rate),
            player_index: s.index,
        })
        .map_err(|e| csv_error(name, e))?;
    }
    w.into_inner().map_err(|e| Error::write(name, e.error()))
}
