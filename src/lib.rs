//! catch22: a game-theory scenario simulator.
//!
//! Its flagship model is the "Catch-22" of Iran's leadership under US maximum
//! pressure: a stochastic repeated game in which negotiating from weakness
//! risks concessions the regime cannot survive and refusing lets sanctions
//! erode it. See `docs/MODEL.md` for the equations.
//!
//! The library does all the work; the `catch22` binary parses arguments,
//! calls [`cli::run`], prints and sets the exit code.

#![deny(missing_docs)]
#![warn(clippy::print_stdout)]

pub mod cli;
pub mod engine;
pub mod equilibrium;
pub mod error;
pub mod evolution;
pub mod explain;
pub mod fuzzing;
pub mod game;
pub mod input;
pub mod model;
pub mod output;
pub mod policy;
pub mod repeated;
pub mod scenario;
pub mod serve;
pub mod stats;
pub mod uncertainty;

pub use error::{Error, Result};
