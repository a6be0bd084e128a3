//! The caps on the work one request may ask for. Each refusal is a 422
//! naming the cap and its limit (413 for the size of the request itself).

use std::time::{Duration, Instant};

use super::reply::ApiError;
use crate::scenario::Point;

/// The caps (the `catch22 serve` flags set the first four).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Runs simulated by one request, all points and cells together (`runs`).
    pub runs: u64,
    /// Points of a sweep (`points`).
    pub points: u64,
    /// Rounds of a scenario (`scenario.rounds`; `rounds`).
    pub rounds: u64,
    /// Wall time of one request, checked between blocks of work (`seconds`).
    pub seconds: f64,
    /// Bytes of a request body, an uploaded file (`bytes`).
    pub bytes: u64,
    /// Characters of the request line's target: path and query (`url`).
    pub url: u64,
    /// Turns played by one match or tournament request, all matches together (`turns`).
    pub turns: u64,
    /// Integration steps of a replicator request (`steps`).
    pub steps: u64,
    /// Values per axis of the Catch-22 map (`map_steps`).
    pub map_steps: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            runs: 1_000_000,
            points: 101,
            rounds: 600,
            seconds: 10.0,
            bytes: 256 * 1024,
            url: 16 * 1024,
            turns: 50_000_000,
            steps: 1_000_000,
            map_steps: 41,
        }
    }
}

impl Limits {
    /// Refuses points over the rounds cap, a total of runs over the runs cap
    /// (`factor` runs are played per point run: 2 for a paired comparison),
    /// and the equilibrium policy (whose solve alone takes longer than a request may).
    pub fn check_points(&self, points: &[Point], factor: u64) -> Result<(), ApiError> {
        let mut total: u64 = 0;
        for p in points {
            if u64::from(p.params.rounds) > self.rounds {
                return Err(ApiError::over(
                    "rounds",
                    self.rounds,
                    format!(
                        "scenario.rounds = {} is over the server's cap of {} rounds",
                        p.params.rounds, self.rounds
                    ),
                )
                .key("scenario.rounds"));
            }
            if p.players.iran.name() == "equilibrium" || p.players.us.name() == "equilibrium" {
                return Err(ApiError::over(
                    "equilibrium",
                    0,
                    "the equilibrium policy solves the whole game first (tens of seconds): \
                     over the server's cap on work per request; run it with the catch22 command",
                ));
            }
            total = total.saturating_add(p.runs.saturating_mul(factor));
        }
        self.check_runs(total)
    }

    /// Refuses a total of runs over the cap.
    pub fn check_runs(&self, total: u64) -> Result<(), ApiError> {
        if total > self.runs {
            return Err(ApiError::over(
                "runs",
                self.runs,
                format!(
                    "this request would simulate {total} runs, over the server's cap of {} \
                     runs per request; lower runs (or the points of the sweep)",
                    self.runs
                ),
            )
            .key("runs"));
        }
        Ok(())
    }

    /// Refuses a sweep of more points than the cap.
    pub fn check_grid(&self, points: Option<usize>) -> Result<(), ApiError> {
        match points {
            Some(n) if n as u64 <= self.points => Ok(()),
            _ => Err(ApiError::over(
                "points",
                self.points,
                format!(
                    "the sweep has {} points, over the server's cap of {} points per request",
                    points.map_or("more than 2^64".to_string(), |n| n.to_string()),
                    self.points
                ),
            )
            .key("vary")),
        }
    }

    /// Refuses a total of turns over the cap.
    pub fn check_turns(&self, total: u64) -> Result<(), ApiError> {
        if total > self.turns {
            return Err(ApiError::over(
                "turns",
                self.turns,
                format!(
                    "this request would play up to {total} turns, over the server's cap of {} \
                     turns per request; lower turns, repetitions or players",
                    self.turns
                ),
            ));
        }
        Ok(())
    }

    /// The deadline of a request starting now.
    pub fn deadline(&self) -> Deadline {
        Deadline {
            end: Instant::now() + Duration::from_secs_f64(self.seconds),
            seconds: self.seconds,
        }
    }
}

/// Refuses `value` of the parameter `cap` over its `limit`.
pub fn at_most(cap: &'static str, value: u64, limit: u64) -> Result<(), ApiError> {
    if value > limit {
        return Err(ApiError::over(
            cap,
            limit,
            format!("{cap} = {value} is over the server's cap of {limit}"),
        )
        .key(cap));
    }
    Ok(())
}

/// When a request's time is up.
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    end: Instant,
    seconds: f64,
}

impl Deadline {
    /// Refuses to go on past the deadline.
    pub fn check(&self) -> Result<(), ApiError> {
        if Instant::now() > self.end {
            return Err(ApiError::over(
                "seconds",
                self.seconds.ceil() as u64,
                format!(
                    "the request took more than the server's cap of {} s; ask for fewer runs \
                     or points, or run it with the catch22 command",
                    self.seconds
                ),
            ));
        }
        Ok(())
    }
}
