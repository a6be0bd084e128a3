//! Statistics: confidence intervals and streaming tallies.

pub mod binomial;
pub mod chi2;
pub mod compare;
pub mod newcombe;
pub mod paired;
pub mod tally;
pub mod wilson;

pub use newcombe::{newcombe, newcombe_paired};
pub use paired::Paired;
pub use tally::{OutcomeTally, Tally};
pub use wilson::{Z95, wilson};
