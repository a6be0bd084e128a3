//! `catch22 sensitivity`: Sobol' indices or Morris measures of a scenario's
//! outcome shares over its `[uncertainty]` table, or of a built-in test
//! function.

use std::time::Instant;

use clap::{Args, ValueEnum};

use super::io::Io;
use super::uncertain::UncertainFlags;
use super::{Format, FormatFlag, OutFlags, threads};
use crate::engine::{self, Progress};
use crate::error::{Error, Result};
use crate::output::sensitivity::{self, MORRIS_COLUMNS, SOBOL_COLUMNS, Style};
use crate::scenario::Scenario;
use crate::uncertainty::design::{DESIGN_STREAM, stream_rng};
use crate::uncertainty::responses::batches_for;
use crate::uncertainty::{Responses, TestFunction, evaluate, morris, saltelli};

/// A sensitivity method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Method {
    /// Sobol' first-order and total indices (Saltelli's scheme).
    Sobol,
    /// Morris elementary effects (mu, mu*, sigma).
    Morris,
}

/// `catch22 sensitivity`.
#[derive(Debug, Clone, Args)]
pub struct SensitivityArgs {
    /// The scenario, its overrides and uncertain keys, runs, seed, threads.
    #[command(flatten)]
    pub flags: UncertainFlags,
    /// A built-in analytic function instead of a scenario: ishigami or sobol-g.
    #[arg(
        long,
        value_name = "NAME",
        conflicts_with_all = ["scenario", "set", "runs", "uncertain_defaults"]
    )]
    pub function: Option<TestFunction>,
    /// The method.
    #[arg(long, value_enum, default_value_t = Method::Sobol)]
    pub method: Method,
    /// Sobol': base samples N (N(k + 2) evaluations; a power of two keeps the
    /// Sobol' points balanced). Morris: trajectories r (r(k + 1) evaluations).
    /// [default: 1024 for sobol, 100 for morris]
    #[arg(long, value_name = "N")]
    pub samples: Option<usize>,
    /// Morris: levels of the grid (even).
    #[arg(long, value_name = "P", default_value_t = 4)]
    pub levels: usize,
    /// Bootstrap resamples for the intervals.
    #[arg(long, value_name = "B", default_value_t = 1000)]
    pub resamples: usize,
    /// Output format.
    #[command(flatten)]
    pub format: FormatFlag<Format>,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// The most evaluations one analysis may ask for.
pub const MAX_EVALUATIONS: usize = 100_000_000;

fn style(f: Format) -> Style {
    match f {
        Format::Csv => Style::Csv,
        Format::Json => Style::Json,
        Format::Table => Style::Table,
    }
}

/// Parses `--seed` (default `default`).
fn seed(raw: Option<&str>, default: u64) -> Result<u64> {
    match raw {
        None => Ok(default),
        Some(s) => s.trim().parse::<u64>().map_err(|_| {
            Error::Usage(format!(
                "--seed must be a whole number in [0, {}], got `{s}`",
                i64::MAX
            ))
        }),
    }
}

/// Checks `--samples` for a method.
fn samples(method: Method, n: Option<usize>, k: usize) -> Result<usize> {
    let (n, per) = match method {
        Method::Sobol => (n.unwrap_or(1024), k + 2),
        Method::Morris => (n.unwrap_or(100), k + 1),
    };
    if n < 2 || n.saturating_mul(per) > MAX_EVALUATIONS {
        return Err(Error::Usage(format!(
            "--samples must be at least 2 and give at most {MAX_EVALUATIONS} evaluations \
             ({per} per sample with {k} parameters), got {n}"
        )));
    }
    Ok(n)
}

/// What is analysed.
enum Model {
    /// A built-in function.
    Function(TestFunction),
    /// A scenario with uncertain keys.
    Scenario(Box<Scenario>),
}

/// `catch22 sensitivity`.
pub fn sensitivity(
    a: SensitivityArgs,
    io: &mut Io,
    progress: &dyn Progress,
) -> Result<Option<String>> {
    if a.method == Method::Morris {
        morris::check_levels(a.levels).map_err(Error::Usage)?;
    }
    if !(1..=100_000).contains(&a.resamples) {
        return Err(Error::Usage(format!(
            "--resamples must be in [1, 100000], got {}",
            a.resamples
        )));
    }
    let model = match a.function {
        Some(f) => Model::Function(f),
        None => {
            let s = a.flags.load()?;
            Model::Scenario(Box::new(s))
        }
    };
    let (names, seed, what): (Vec<String>, u64, String) = match &model {
        Model::Function(f) => (
            (1..=f.dims()).map(|i| format!("x{i}")).collect(),
            seed(a.flags.seed.seed.as_deref(), 2025)?,
            f.name().to_string(),
        ),
        Model::Scenario(s) => (
            s.uncertainty.iter().map(|u| u.key().to_string()).collect(),
            s.value("scenario.seed").as_i64() as u64,
            s.name().to_string(),
        ),
    };
    let k = names.len();
    let n = samples(a.method, a.samples, k)?;
    let threads = threads(&a.flags.threads)?;
    let pool = engine::pool(threads)?;
    let mut rng = stream_rng(seed, DESIGN_STREAM);
    let points = match a.method {
        Method::Sobol => saltelli::design(n, k, &mut rng).map_err(Error::Usage)?,
        Method::Morris => morris::design(n, k, a.levels, &mut rng),
    };
    let evaluations = points.len() / k;
    // Validate every parameter set, then open the output, then run.
    let params = match &model {
        Model::Scenario(s) => {
            let runs = s.value("scenario.runs").as_i64() as u64;
            if runs < 3 {
                return Err(Error::Usage(format!(
                    "sensitivity of a scenario needs at least 3 runs per parameter set (got {runs}): \
                     the runs are split into batches to measure the Monte Carlo noise"
                )));
            }
            Some((evaluate::params(s, &points, 0)?, runs))
        }
        Model::Function(_) => None,
    };
    if let Model::Scenario(s) = &model {
        io.input(&s.source)?;
        io.scenario("scenario", s, &a.flags.set);
    }
    io.setting("seed", seed);
    io.setting("samples", n);
    let mut out = io.open("--out", a.out.out.as_deref())?;
    let start = Instant::now();
    let resp = match (&model, &params) {
        (Model::Function(f), _) => Responses::exact(
            vec!["y".to_string()],
            points
                .chunks(k)
                .map(|u| f.eval(&u.iter().map(|x| f.input(*x)).collect::<Vec<_>>()))
                .collect(),
        ),
        (Model::Scenario(_), Some((p, runs))) => {
            progress.plan(*runs * p.len() as u64);
            let counts =
                pool.install(|| evaluate::run(p, seed, *runs, batches_for(*runs), progress));
            counts.responses()
        }
        (Model::Scenario(_), None) => unreachable!("scenario parameters are built above"),
    };
    let name = out.name().to_string();
    match a.method {
        Method::Sobol => {
            let r = pool.install(|| saltelli::analyze(&resp, k, a.resamples, seed));
            let rows = sensitivity::sobol_rows(&names, &r);
            sensitivity::write(
                &mut out,
                &name,
                style(a.format.get()),
                &SOBOL_COLUMNS,
                &rows,
            )?;
        }
        Method::Morris => {
            let r = pool
                .install(|| morris::analyze(&points, k, a.levels, &resp, a.resamples, seed))
                .map_err(Error::Runtime)?;
            let rows = sensitivity::morris_rows(&names, &r);
            sensitivity::write(
                &mut out,
                &name,
                style(a.format.get()),
                &MORRIS_COLUMNS,
                &rows,
            )?;
        }
    }
    io.commit(vec![out])?;
    let runs = match &params {
        Some((_, r)) => format!(" x {r} runs = {} runs", *r * evaluations as u64),
        None => String::new(),
    };
    Ok(Some(format!(
        "catch22 sensitivity: {} on {what}: {k} parameters, {n} {} x {} = {evaluations} evaluations{runs}, \
         {} resamples, in {:.3} s on {threads} thread{}",
        match a.method {
            Method::Sobol => "sobol",
            Method::Morris => "morris",
        },
        match a.method {
            Method::Sobol => "base samples",
            Method::Morris => "trajectories",
        },
        evaluations / n,
        a.resamples,
        start.elapsed().as_secs_f64(),
        if threads == 1 { "" } else { "s" },
    )))
}
