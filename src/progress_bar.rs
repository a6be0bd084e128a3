//! The binary's progress bar: the library reports completed runs through
//! `catch22::engine::Progress`; this draws them on standard error with the
//! rate and the time left, once the work has lasted a second. Counting is
//! one relaxed atomic addition per chunk of runs; drawing happens on its own
//! thread ten times a second. An equilibrium solve has a bar of its own (in
//! grid points), drawn in the same place while the runs' bar waits.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use catch22::engine::Progress;

#[derive(Default)]
struct Shared {
    total: AtomicU64,
    done: AtomicU64,
    stop: AtomicBool,
    drawn: AtomicBool,
    /// Set while another bar (a solve) owns the line.
    held: AtomicBool,
}

/// A progress bar on standard error.
pub struct Bar {
    shared: Arc<Shared>,
    thread: Mutex<Option<JoinHandle<()>>>,
    unit: &'static str,
    /// The bar of equilibrium solves (None for that bar itself).
    solve: Option<Box<Bar>>,
    /// The bar this one holds while it draws (the runs' bar, for a solve).
    holds: Option<Arc<Shared>>,
}

impl Bar {
    /// A bar that draws nothing until work is planned.
    pub fn new() -> Bar {
        let shared: Arc<Shared> = Arc::default();
        Bar {
            solve: Some(Box::new(Bar {
                shared: Arc::default(),
                thread: Mutex::new(None),
                unit: "grid points",
                solve: None,
                holds: Some(Arc::clone(&shared)),
            })),
            shared,
            thread: Mutex::new(None),
            unit: "runs",
            holds: None,
        }
    }

    /// Stops drawing and clears the bar's line.
    pub fn finish(&self) {
        if let Some(solve) = &self.solve {
            solve.finish();
        }
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.lock().ok().and_then(|mut t| t.take()) {
            let _ = t.join();
        }
        if self.shared.drawn.load(Ordering::Relaxed) {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }
}

impl Progress for Bar {
    fn plan(&self, total: u64) {
        self.shared.total.store(total, Ordering::Relaxed);
        self.shared.done.store(0, Ordering::Relaxed);
        let Ok(mut thread) = self.thread.lock() else {
            return;
        };
        if let Some(held) = &self.holds {
            held.held.store(true, Ordering::Relaxed);
        }
        if thread.is_none() {
            let shared = Arc::clone(&self.shared);
            let holds = self.holds.clone();
            let unit = self.unit;
            *thread = Some(std::thread::spawn(move || {
                draw_loop(&shared, unit, holds.as_deref())
            }));
        }
    }

    fn solving(&self) -> &dyn Progress {
        match &self.solve {
            Some(bar) => bar.as_ref(),
            None => &(),
        }
    }

    fn advance(&self, runs: u64) {
        self.shared.done.fetch_add(runs, Ordering::Relaxed);
    }
}

/// Draws `s` until stopped; a solve's bar (`holds` the runs' bar) clears its
/// line and hands the line back once its work is done.
fn draw_loop(s: &Shared, unit: &str, holds: Option<&Shared>) {
    let mut start = Instant::now();
    while !s.stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
        let (done, total) = (
            s.done.load(Ordering::Relaxed),
            s.total.load(Ordering::Relaxed).max(1),
        );
        if let Some(other) = holds
            && done >= total
        {
            if s.drawn.swap(false, Ordering::Relaxed) {
                let _ = write!(std::io::stderr(), "\r\x1b[2K");
            }
            other.held.store(false, Ordering::Relaxed);
            start = Instant::now();
            continue;
        }
        let elapsed = start.elapsed().as_secs_f64();
        if elapsed < 1.0 || s.stop.load(Ordering::Relaxed) || s.held.load(Ordering::Relaxed) {
            continue;
        }
        let _ = write!(std::io::stderr(), "\r{}", line(done, total, elapsed, unit));
        s.drawn.store(true, Ordering::Relaxed);
    }
}

/// One frame: `[#####.....]  52%  1.2M/2.3M runs  410k/s  3s left`.
fn line(done: u64, total: u64, elapsed: f64, unit: &str) -> String {
    const WIDTH: usize = 30;
    let frac = (done as f64 / total as f64).min(1.0);
    let filled = (frac * WIDTH as f64) as usize;
    let rate = done as f64 / elapsed.max(1e-9);
    let left = if rate > 0.0 {
        let s = (total.saturating_sub(done)) as f64 / rate;
        if s >= 3600.0 {
            format!("{:.0}h{:02.0}m", (s / 3600.0).floor(), (s % 3600.0) / 60.0)
        } else if s >= 60.0 {
            format!("{:.0}m{:02.0}s", (s / 60.0).floor(), s % 60.0)
        } else {
            format!("{s:.0}s")
        }
    } else {
        "?".to_string()
    };
    format!(
        "[{}{}] {:3.0}%  {}/{} {unit}  {}/s  {} left\x1b[K",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        frac * 100.0,
        short(done as f64),
        short(total as f64),
        short(rate),
        left
    )
}

/// 1234567 as `1.2M`.
fn short(x: f64) -> String {
    if x >= 1e9 {
        format!("{:.1}G", x / 1e9)
    } else if x >= 1e6 {
        format!("{:.1}M", x / 1e6)
    } else if x >= 1e3 {
        format!("{:.0}k", x / 1e3)
    } else {
        format!("{x:.0}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_frame_shows_share_rate_and_time_left() {
        let l = super::line(1_200_000, 2_400_000, 3.0, "runs");
        assert!(
            l.starts_with("[###############...............]  50%  1.2M/2.4M runs  400k/s  3s left"),
            "{l}"
        );
    }
}
