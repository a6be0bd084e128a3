//! Uncertainty analysis: which assumptions drive the outcomes, and where each
//! outcome lives.
//!
//! The pieces, one module each: [`distribution`] (what an `[uncertainty]`
//! table gives a key), [`design`] (points in the unit cube: Latin hypercube,
//! scrambled Sobol', random), [`sobol_sequence`] (the Sobol' sequence and its
//! scrambling), [`responses`] (model outputs by batch of runs, and the
//! cross-batch products that remove Monte Carlo noise), [`saltelli`] (Sobol'
//! indices), [`morris`] (elementary effects), [`functions`] (analytic test
//! functions). `docs/UNCERTAINTY.md` gives the methods and references.

pub mod design;
pub mod distribution;
pub mod evaluate;
pub mod functions;
pub mod morris;
pub mod normal;
pub mod prim;
pub mod responses;
pub mod saltelli;
pub mod sobol_sequence;
pub mod uncertain_runs;

pub use design::Design;
pub use distribution::Distribution;
pub use functions::TestFunction;
pub use responses::Responses;
