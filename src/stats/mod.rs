//! Statistics: confidence intervals, paired comparisons and tests. Pure
//! statistics: nothing here knows the model (the per-run tally is
//! `engine::tally`).

pub mod binomial;
pub mod chi2;
pub mod compare;
pub mod newcombe;
pub mod paired;
pub mod wilson;

pub use newcombe::{newcombe, newcombe_paired};
pub use paired::Paired;
pub use wilson::{Z95, wilson};
