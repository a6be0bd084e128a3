//! Classic repeated games: 2×2 stage games, the strategy library, matches
//! and round-robin tournaments, defined as the Axelrod Python library
//! defines them (<https://github.com/Axelrod-Python/Axelrod>, version 4.14).
//!
//! - [`stage`]: the stage game (the prisoner's dilemma by default);
//! - [`strategy`]: the classic strategies and the TOML-defined ones;
//! - [`play`]: one match ([`play_match`]) on one random stream;
//! - [`tournament`]: round robin with self-play, ranking, payoff matrix;
//! - [`file`]: the TOML format of tournaments and stage games.
//!
//! A match draws from the stream `run_rng(seed, stream)` of
//! [`crate::engine::seeding`]: stream `r` for repetition `r` of
//! `catch22 match`, stream `k * repetitions + r` for repetition `r` of the
//! tournament's match `k`.

pub mod file;
pub mod history;
pub mod play;
pub mod stage;
pub mod strategy;
pub mod tournament;

pub use file::RepeatedFile;
pub use history::History;
pub use play::{MatchResult, MatchRules, play_match};
pub use stage::{Move, Rstp, StageGame};
pub use strategy::{Kind, Player, Strategy};
pub use tournament::{Results, Standing, Tournament};
