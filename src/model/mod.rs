//! The Catch-22 model: state, actions, outcomes, the transition function and payoffs.

pub mod action;
pub mod params;
pub mod payoff;
pub mod state;
pub mod transition;

pub use action::{Channel, IranAction, Outcome, UsAction};
pub use params::Params;
pub use state::State;
pub use transition::{Draw, Draws, Events, Shocks, Step, Terminal, transition, transition_with};
