//! `catch22 serve`: the explorer in a browser (`crate::serve`).

use std::net::IpAddr;

use clap::Args;

use super::{ThreadsFlag, threads};
use crate::error::{Error, Result};
use crate::serve::{Limits, Options, Server};

/// `catch22 serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// The port to listen on (0: any free port).
    #[arg(long, value_name = "PORT", default_value_t = 8022)]
    pub port: u16,
    /// The address to listen on: 127.0.0.1 serves this machine only; 0.0.0.0 every network.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Threads answering requests (each request's simulation runs on the --threads pool).
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub workers: usize,
    /// Simulation threads.
    #[command(flatten)]
    pub threads: ThreadsFlag,
    /// The most runs one request may simulate (all points and cells together).
    #[arg(long = "max-runs", value_name = "N", default_value_t = Limits::default().runs)]
    pub max_runs: u64,
    /// The most points of one sweep.
    #[arg(long = "max-points", value_name = "N", default_value_t = Limits::default().points)]
    pub max_points: u64,
    /// The most rounds (scenario.rounds) a request may simulate.
    #[arg(long = "max-rounds", value_name = "N", default_value_t = Limits::default().rounds)]
    pub max_rounds: u64,
    /// The most seconds one request may run.
    #[arg(long = "max-seconds", value_name = "S", default_value_t = Limits::default().seconds)]
    pub max_seconds: f64,
}

/// Starts the server, prints its URL on standard error and serves until stopped.
pub fn serve(a: ServeArgs) -> Result<Option<String>> {
    let bind: IpAddr = a.bind.parse().map_err(|_| {
        Error::Usage(format!(
            "--bind must be an IP address such as 127.0.0.1 or 0.0.0.0, got `{}`",
            a.bind
        ))
    })?;
    if !(1..=256).contains(&a.workers) {
        return Err(Error::Usage(format!(
            "--workers must be in [1, 256], got {}",
            a.workers
        )));
    }
    if !(a.max_seconds.is_finite() && a.max_seconds > 0.0 && a.max_seconds <= 3600.0) {
        return Err(Error::Usage(format!(
            "--max-seconds must be in (0, 3600], got {}",
            a.max_seconds
        )));
    }
    let limits = Limits {
        runs: a.max_runs,
        points: a.max_points,
        rounds: a.max_rounds,
        seconds: a.max_seconds,
        ..Limits::default()
    };
    let server = Server::start(&Options {
        bind,
        port: a.port,
        workers: a.workers,
        threads: threads(&a.threads)?,
        limits,
    })?;
    let url = server.url();
    eprintln!("catch22 serve: the explorer is at {url} (Ctrl-C stops it)");
    if !bind.is_loopback() {
        eprintln!(
            "catch22 serve: note: listening on {bind}, so other machines of the network can use it"
        );
    }
    if a.open {
        open(&url);
    }
    server.wait();
    Ok(None)
}

/// Opens `url` in the default browser; says so if it cannot.
fn open(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(program)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("catch22 serve: cannot open a browser ({program}: {e}); open {url} yourself");
    }
}
