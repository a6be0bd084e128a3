//! The binary's progress bar: the library reports completed runs through
//! `catch22::engine::Progress`; indicatif draws them on standard error with
//! the rate and the time left. The bars stay hidden until the work has
//! lasted a second, so quick commands print nothing but their status line.
//! An equilibrium solve reports its grid points on a line of its own, above
//! the runs, removed when the solve is done.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use catch22::engine::Progress;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

/// What both lines share: where they are drawn, and since when work runs.
struct Screen {
    multi: MultiProgress,
    start: OnceLock<Instant>,
    shown: AtomicBool,
}

impl Screen {
    /// Draws on standard error once the work has lasted a second.
    fn show_when_late(&self) {
        let late = self
            .start
            .get()
            .is_some_and(|s| s.elapsed() >= Duration::from_secs(1));
        if late && !self.shown.swap(true, Ordering::Relaxed) {
            self.multi
                .set_draw_target(ProgressDrawTarget::stderr_with_hz(10));
        }
    }
}

/// One line: the runs, or an equilibrium solve's grid points.
struct Line {
    bar: ProgressBar,
    /// A solve's line, shown while a solve runs.
    transient: bool,
}

/// Both lines and their screen.
struct Lines {
    screen: Screen,
    runs: Line,
    solve: Line,
}

/// The progress bars on standard error.
pub struct Bar {
    lines: Arc<Lines>,
    /// The solve's line, as a [`Progress`] of its own.
    solving: Solving,
}

/// A bar counting `unit`.
fn counting(unit: &str) -> ProgressBar {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "[{{bar:30}}] {{percent:>3}}%  {{human_pos}}/{{human_len}} {unit}  {{per_sec}}  {{eta}} left"
        ))
        .expect("a valid template")
        .progress_chars("#>."),
    );
    bar
}

impl Bar {
    /// Bars that draw nothing until work is planned and a second has passed.
    pub fn new() -> Bar {
        let lines = Arc::new(Lines::new());
        Bar {
            solving: Solving(Arc::clone(&lines)),
            lines,
        }
    }

    /// Stops drawing and clears the bars' lines.
    pub fn finish(&self) {
        let l = &self.lines;
        l.solve.bar.finish_and_clear();
        l.runs.bar.finish_and_clear();
        let _ = l.screen.multi.clear();
    }
}

impl Lines {
    fn new() -> Lines {
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::hidden());
        let runs = multi.add(counting("runs"));
        runs.enable_steady_tick(Duration::from_millis(100));
        Lines {
            screen: Screen {
                multi,
                start: OnceLock::new(),
                shown: AtomicBool::new(false),
            },
            runs: Line {
                bar: runs,
                transient: false,
            },
            solve: Line {
                bar: counting("grid points solved"),
                transient: true,
            },
        }
    }

    fn plan_line(&self, line: &Line, total: u64) {
        self.screen.start.get_or_init(Instant::now);
        if line.transient {
            line.bar.reset();
            self.screen.multi.insert(0, line.bar.clone());
        }
        line.bar.set_length(total);
        line.bar.set_position(0);
    }

    fn advance_line(&self, line: &Line, n: u64) {
        line.bar.inc(n);
        self.screen.show_when_late();
        if line.transient
            && line
                .bar
                .length()
                .is_some_and(|len| line.bar.position() >= len)
        {
            line.bar.finish_and_clear();
            self.screen.multi.remove(&line.bar);
        }
    }
}

impl Progress for Bar {
    fn plan(&self, total: u64) {
        self.lines.plan_line(&self.lines.runs, total);
    }

    fn advance(&self, runs: u64) {
        self.lines.advance_line(&self.lines.runs, runs);
    }

    fn solving(&self) -> &dyn Progress {
        &self.solving
    }
}

/// The solve's line of a [`Bar`].
struct Solving(Arc<Lines>);

impl Progress for Solving {
    fn plan(&self, total: u64) {
        self.0.plan_line(&self.0.solve, total);
    }

    fn advance(&self, points: u64) {
        self.0.advance_line(&self.0.solve, points);
    }
}
