//! The binary's progress bar: the library reports completed runs through
//! `catch22::engine::Progress`; indicatif draws them on standard error with
//! the rate and the time left. The bar stays hidden until the work has
//! lasted a second, so quick commands print nothing but their status line.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use catch22::engine::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar on standard error.
pub struct Bar {
    bar: ProgressBar,
    start: OnceLock<Instant>,
    shown: AtomicBool,
}

impl Bar {
    /// A bar that draws nothing until work is planned and a second has passed.
    pub fn new() -> Bar {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template(
                "[{bar:30}] {percent:>3}%  {human_pos}/{human_len} runs  {per_sec}  {eta} left",
            )
            .expect("a valid template")
            .progress_chars("#>."),
        );
        Bar {
            bar,
            start: OnceLock::new(),
            shown: AtomicBool::new(false),
        }
    }

    /// Stops drawing and clears the bar's line.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Bar {
    fn plan(&self, total: u64) {
        self.start.get_or_init(Instant::now);
        self.bar.set_length(total);
        self.bar.set_position(0);
    }

    fn advance(&self, runs: u64) {
        self.bar.inc(runs);
        let late = self
            .start
            .get()
            .is_some_and(|s| s.elapsed() >= Duration::from_secs(1));
        if late && !self.shown.swap(true, Ordering::Relaxed) {
            self.bar
                .set_draw_target(ProgressDrawTarget::stderr_with_hz(10));
            self.bar.enable_steady_tick(Duration::from_millis(100));
        }
    }
}
