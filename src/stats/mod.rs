//! Statistics: confidence intervals and streaming tallies.

pub mod paired;
pub mod tally;
pub mod wilson;

pub use paired::Paired;
pub use tally::{OutcomeTally, Tally};
pub use wilson::{Z95, wilson};
