//! CSV of matches (`catch22 match`, `catch22 tournament --matches`) and of
//! the tournament ranking. Columns are defined by the field order of the
//! row structs; the first ones are a contract (see the README).

use std::io::Write;

use super::json::Kind;
use super::table::{Format, Table};
use super::{csv_error, num};
use crate::error::{Error, Result};
use crate::repeated::tournament::{Results, Standing};
use crate::repeated::{MatchResult, Strategy};

/// The columns of a match row (`catch22 match`, `tournament --matches`).
pub const MATCH_COLUMNS: [&str; 9] = [
    "player_a",
    "player_b",
    "turns",
    "score_a",
    "score_b",
    "cooperation_rate_a",
    "cooperation_rate_b",
    "repetition",
    "winner",
];

/// One match as fields in [`MATCH_COLUMNS`] order; `winner` is `a`, `b`
/// or `tie` (the higher total wins).
pub fn match_row(a: &str, b: &str, repetition: u32, m: &MatchResult) -> Vec<String> {
    vec![
        a.to_string(),
        b.to_string(),
        m.turns.to_string(),
        num(m.score[0]),
        num(m.score[1]),
        num(m.cooperation_rate(0)),
        num(m.cooperation_rate(1)),
        repetition.to_string(),
        match m.winner() {
            Some(0) => "a",
            Some(_) => "b",
            None => "tie",
        }
        .to_string(),
    ]
}

/// An empty table of matches.
pub fn match_table() -> Table {
    Table::new(
        MATCH_COLUMNS.map(String::from).to_vec(),
        MATCH_COLUMNS
            .map(|c| match c {
                "player_a" | "player_b" | "winner" => Kind::Text,
                _ => Kind::Number,
            })
            .to_vec(),
    )
}

/// Streams match rows as CSV: one per (pair, repetition).
pub struct MatchWriter<W: Write> {
    w: csv::Writer<W>,
    name: String,
    started: bool,
}

impl<W: Write> MatchWriter<W> {
    /// A writer on `out`; `name` is the path for error messages. The header
    /// is written with the first row (or by [`MatchWriter::finish`]).
    pub fn new(out: W, name: &str) -> MatchWriter<W> {
        MatchWriter {
            w: csv::Writer::from_writer(out),
            name: name.to_string(),
            started: false,
        }
    }

    fn start(&mut self) -> Result<()> {
        if !self.started {
            self.started = true;
            self.w
                .write_record(MATCH_COLUMNS)
                .map_err(|e| csv_error(&self.name, e))?;
        }
        Ok(())
    }

    /// Writes one match.
    pub fn row(&mut self, a: &str, b: &str, repetition: u32, m: &MatchResult) -> Result<()> {
        self.start()?;
        self.w
            .write_record(match_row(a, b, repetition, m))
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
    pub fn finish(mut self) -> Result<W> {
        self.start()?;
        let name = self.name;
        self.w
            .into_inner()
            .map_err(|e| Error::write(&name, e.error()))
    }
}

/// The ranking's columns.
pub const RANKING_COLUMNS: [&str; 7] = [
    "rank",
    "name",
    "median_score_per_turn",
    "mean_score_per_turn",
    "wins",
    "cooperation_rate",
    "player_index",
];

/// The ranking as a [`Table`]. `rank` counts from 0, as the Axelrod
/// library's `summarise()`.
pub fn ranking_table(players: &[&str], standings: &[Standing]) -> Table {
    let mut t = Table::new(
        RANKING_COLUMNS.map(String::from).to_vec(),
        RANKING_COLUMNS
            .map(|c| {
                if c == "name" {
                    Kind::Text
                } else {
                    Kind::Number
                }
            })
            .to_vec(),
    );
    for (rank, s) in standings.iter().enumerate() {
        t.rows.push(vec![
            rank.to_string(),
            players[s.index].to_string(),
            num(s.median_score_per_turn),
            num(s.mean_score_per_turn),
            // A median of whole numbers: `9.0` or `4.5`.
            format!("{:?}", s.wins),
            num(s.cooperation_rate),
            s.index.to_string(),
        ]);
    }
    t
}

/// Writes the ranking in `format` (CSV for a merge).
pub fn write_ranking<W: Write>(
    mut out: W,
    name: &str,
    players: &[&str],
    standings: &[Standing],
    format: Format,
) -> Result<W> {
    ranking_table(players, standings).write_as(&mut out, name, format)?;
    Ok(out)
}
