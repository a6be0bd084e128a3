//! Progress of long work leaves the engine through this trait; the binary
//! implements it (a progress bar on a terminal). The engine reports completed
//! runs in chunks — never per run, never under a lock — so reporting neither
//! changes results nor measurably slows the work.

/// Receives the progress of a job.
pub trait Progress: Sync {
    /// The job will play `total` runs in all (called again when an adaptive
    /// job plans more).
    fn plan(&self, total: u64);
    /// `runs` more runs are done.
    fn advance(&self, runs: u64);
    /// Where an equilibrium solve reports its grid points (its own progress
    /// bar in the binary); none by default.
    fn solving(&self) -> &dyn Progress {
        &()
    }
}

/// No progress reporting.
impl Progress for () {
    fn plan(&self, _: u64) {}
    fn advance(&self, _: u64) {}
}
