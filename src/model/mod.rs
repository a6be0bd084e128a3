//! The Catch-22 model: state, actions, outcomes, the transition function,
//! the survival yardstick of the trap, the US offer and payoffs.
//!
//! This is the bottom of the Catch-22 side of the crate: it imports nothing
//! from the policies, the equilibrium, the engine or the CLI (a test in
//! `tests/architecture.rs` fails on any such import). What a player decides
//! reaches it through the [`Acceptance`] trait and the actions passed in.

pub mod action;
mod memo;
pub mod offer;
pub mod params;
pub mod payoff;
pub mod state;
pub mod survival;
pub mod transition;

pub use action::{Channel, Diplomacy, Enforcement, IranAction, Outcome, UsAction};
pub use params::Params;
pub use state::State;
pub use survival::{Horns, Region, horns};
pub use transition::{
    Acceptance, Draw, Draws, Events, Shocks, Step, Terminal, talks_channel, transition,
    transition_with,
};
