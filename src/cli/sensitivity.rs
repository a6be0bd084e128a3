//! `catch22 sensitivity`: Sobol' indices or Morris measures of a scenario's
//! outcome shares over its `[uncertainty]` table, or of a built-in test
//! function.

use std::borrow::Cow;
use std::ops::Range;
use std::time::Instant;

use clap::{Args, ValueEnum};

use super::io::Io;
use super::uncertain::UncertainFlags;
use super::{Format, FormatFlag, OutFlags, threads};
use crate::engine::{self, Progress, Shard};
use crate::error::{Error, Result};
use crate::output::Destination;
use crate::output::sensitivity::{self, MORRIS_COLUMNS, SOBOL_COLUMNS, Style};
use crate::output::sensitivity_part::{self, PartHeader};
use crate::scenario::{Scenario, content_hash};
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
    /// Morris: levels of the grid (even) [default: 4]. Sobol' takes none.
    #[arg(long, value_name = "P")]
    pub levels: Option<usize>,
    /// Bootstrap resamples for the intervals.
    #[arg(long, value_name = "B", default_value_t = 1000)]
    pub resamples: usize,
    /// Evaluate only shard I of N (a contiguous block of the design's
    /// evaluations) and write a part to --out; `catch22 merge` combines the
    /// parts and runs the analysis.
    #[arg(long, value_name = "I/N", conflicts_with = "function")]
    pub shard: Option<Shard>,
    /// Output format.
    #[command(flatten)]
    pub format: FormatFlag<Format>,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// The most evaluations one analysis may ask for.
pub const MAX_EVALUATIONS: usize = 100_000_000;

/// The output style of a format.
pub fn style(f: Format) -> Style {
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

/// Morris' grid levels when `--levels` is not given (and the value a Sobol'
/// part records).
const DEFAULT_LEVELS: usize = 4;

/// Checks `--samples` for a method.
fn samples(method: Method, n: Option<usize>, k: usize) -> Result<usize> {
    let n = n.unwrap_or(match method {
        Method::Sobol => 1024,
        Method::Morris => 100,
    });
    let per = method.per_sample(k);
    if n < 2 || n.saturating_mul(per) > MAX_EVALUATIONS {
        return Err(Error::Usage(format!(
            "--samples must be at least 2 and give at most {MAX_EVALUATIONS} evaluations \
             ({per} per sample with {k} parameters), got {n}"
        )));
    }
    Ok(n)
}

impl Method {
    /// Its name, as `--method` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Method::Sobol => "sobol",
            Method::Morris => "morris",
        }
    }

    /// Evaluations per base sample (Sobol') or trajectory (Morris) with k
    /// parameters.
    pub fn per_sample(self, k: usize) -> usize {
        match self {
            Method::Sobol => k + 2,
            Method::Morris => k + 1,
        }
    }
}

/// The design's unit points: one row of k coordinates per evaluation.
/// Saltelli's is kept as its base rows and expanded a chunk at a time
/// (N(k + 2)·k numbers would be 230 MB at N = 65,536 and k = 20, and its
/// analysis needs none of them); Morris' trajectories are held, for the
/// analysis reads them.
pub enum Points {
    /// Every row.
    Rows(Vec<f64>, usize),
    /// Saltelli's base rows.
    Saltelli(saltelli::Design),
}

impl Points {
    /// Evaluation rows `range`, k coordinates each.
    pub fn rows(&self, range: Range<usize>) -> Cow<'_, [f64]> {
        match self {
            Points::Rows(p, k) => Cow::Borrowed(&p[range.start * k..range.end * k]),
            Points::Saltelli(d) => Cow::Owned(d.rows(range)),
        }
    }

    /// Every row (Morris' analysis, the test functions).
    pub fn all(&self) -> Cow<'_, [f64]> {
        self.rows(0..self.evaluations())
    }

    /// The number of evaluations.
    pub fn evaluations(&self) -> usize {
        match self {
            Points::Rows(p, k) => p.len() / k,
            Points::Saltelli(d) => d.evaluations(),
        }
    }
}

/// The design of `method`.
pub fn design(method: Method, n: usize, k: usize, levels: usize, seed: u64) -> Result<Points> {
    let mut rng = stream_rng(seed, DESIGN_STREAM);
    Ok(match method {
        Method::Sobol => {
            Points::Saltelli(saltelli::Design::new(n, k, &mut rng).map_err(Error::Usage)?)
        }
        Method::Morris => Points::Rows(morris::design(n, k, levels, &mut rng), k),
    })
}

/// Evaluations per chunk of a design expanded, validated or run.
const DESIGN_CHUNK: usize = 1 << 16;

/// The chunks of `block`.
fn chunks(block: &Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    (block.start..block.end)
        .step_by(DESIGN_CHUNK)
        .map(|lo| lo..(lo + DESIGN_CHUNK).min(block.end))
}

/// What the analysis needs besides the outputs.
pub struct Analysis<'a> {
    /// The method.
    pub method: Method,
    /// The parameters' names.
    pub names: &'a [String],
    /// The design's unit points.
    pub points: &'a Points,
    /// Morris' grid levels.
    pub levels: usize,
    /// Bootstrap resamples.
    pub resamples: usize,
    /// The seed of the bootstrap.
    pub seed: u64,
}

impl Analysis<'_> {
    /// Analyses the outputs and writes the indices to `out`, on the current
    /// rayon pool (the bytes do not depend on its threads).
    pub fn write(&self, resp: &Responses, out: &mut Destination, format: Format) -> Result<()> {
        let k = self.names.len();
        let name = out.name().to_string();
        let (columns, rows): (&[&str], _) = match self.method {
            Method::Sobol => {
                let r = saltelli::analyze(resp, k, self.resamples, self.seed);
                (&SOBOL_COLUMNS, sensitivity::sobol_rows(self.names, &r))
            }
            Method::Morris => {
                let r = morris::analyze(
                    &self.points.all(),
                    k,
                    self.levels,
                    resp,
                    self.resamples,
                    self.seed,
                )
                .map_err(Error::Runtime)?;
                (&MORRIS_COLUMNS, sensitivity::morris_rows(self.names, &r))
            }
        };
        sensitivity::write(out, &name, style(format), columns, &rows)
    }
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
    let levels = match (a.method, a.levels) {
        (Method::Sobol, Some(_)) => {
            return Err(Error::Usage(
                "--levels sets the grid of --method morris; a Sobol' design has no levels".into(),
            ));
        }
        (Method::Sobol, None) => DEFAULT_LEVELS,
        (Method::Morris, l) => {
            let l = l.unwrap_or(DEFAULT_LEVELS);
            morris::check_levels(l).map_err(Error::Usage)?;
            l
        }
    };
    if !(1..=100_000).contains(&a.resamples) {
        return Err(Error::Usage(format!(
            "--resamples must be in [1, 100000], got {}",
            a.resamples
        )));
    }
    super::check_part_flags(a.shard, a.format.get(), a.out.out.as_deref())?;
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
    let points = design(a.method, n, k, levels, seed)?;
    let evaluations = points.evaluations();
    let shard = a.shard.unwrap_or(Shard::WHOLE);
    let block = shard.block(evaluations);
    // Validate every parameter set of the block, then open the output, then run.
    let params = match &model {
        Model::Scenario(s) => {
            let runs = s.value("scenario.runs").as_i64() as u64;
            if runs < 3 {
                return Err(Error::Usage(format!(
                    "sensitivity of a scenario needs at least 3 runs per parameter set (got {runs}): \
                     the runs are split into batches to measure the Monte Carlo noise"
                )));
            }
            for c in chunks(&block) {
                evaluate::validate(s, &points.rows(c.clone()), c.start)?;
            }
            Some(runs)
        }
        Model::Function(_) => None,
    };
    if let Model::Scenario(s) = &model {
        io.input(&s.source)?;
        io.scenario("scenario", s, &a.flags.set);
    }
    io.setting("seed", seed);
    io.setting("samples", n);
    if let Some(shard) = a.shard {
        io.setting("shard", shard.to_string());
    }
    let mut out = io.open("--out", a.out.out.as_deref())?;
    let start = Instant::now();
    let resp = match (&model, &params) {
        (Model::Function(f), _) => Responses::exact(
            vec!["y".to_string()],
            points
                .all()
                .chunks(k)
                .map(|u| f.eval(&u.iter().map(|x| f.input(*x)).collect::<Vec<_>>()))
                .collect(),
        ),
        (Model::Scenario(s), Some(runs)) => {
            progress.plan(*runs * block.len() as u64);
            let mut counts: Option<evaluate::Counts> = None;
            for c in chunks(&block) {
                // Runs common within a row (trajectory), independent across rows.
                let streams = evaluate::Streams::Grouped {
                    first: c.start,
                    size: a.method.per_sample(k),
                };
                let more = pool.install(|| {
                    evaluate::run(
                        s,
                        &points.rows(c.clone()),
                        c.start,
                        seed,
                        *runs,
                        batches_for(*runs),
                        streams,
                        progress,
                    )
                })?;
                match &mut counts {
                    Some(all) => all.append(more),
                    None => counts = Some(more),
                }
            }
            let counts = match counts {
                Some(c) => c,
                // An empty block (more shards than evaluations) has no rows.
                None => evaluate::run(
                    s,
                    &[],
                    block.start,
                    seed,
                    *runs,
                    batches_for(*runs),
                    evaluate::Streams::Common,
                    progress,
                )?,
            };
            if a.shard.is_some() {
                let job = format!(
                    "{} sensitivity method={} samples={n} levels={} resamples={} streams=by-row",
                    s.job_id(),
                    a.method.name(),
                    levels,
                    a.resamples
                );
                let h = PartHeader {
                    version: env!("CARGO_PKG_VERSION").to_string(),
                    job: content_hash(job.as_bytes()),
                    shard,
                    method: a.method.name().to_string(),
                    samples: n,
                    levels,
                    resamples: a.resamples,
                    seed,
                    runs: *runs,
                    evaluations,
                    keys: names.clone(),
                };
                let name = out.name().to_string();
                sensitivity_part::write_part(&mut out, &name, &h, block.start, &counts)?;
                io.commit(vec![out])?;
                let total = *runs * block.len() as u64;
                let seconds = start.elapsed().as_secs_f64();
                return Ok(Some(format!(
                    "catch22 sensitivity: {} on {what}: shard {shard}: evaluations {}..{} of {evaluations} \
                     x {runs} runs = {total} runs in {seconds:.3} s ({:.0} runs/s) on {threads} thread{}",
                    a.method.name(),
                    block.start,
                    block.end,
                    total as f64 / seconds.max(1e-9),
                    if threads == 1 { "" } else { "s" },
                )));
            }
            counts.into_responses()
        }
        (Model::Scenario(_), None) => unreachable!("scenario parameters are built above"),
    };
    let analysis = Analysis {
        method: a.method,
        names: &names,
        points: &points,
        levels,
        resamples: a.resamples,
        seed,
    };
    pool.install(|| analysis.write(&resp, &mut out, a.format.get()))?;
    io.commit(vec![out])?;
    let runs = match &params {
        Some(r) => format!(" x {r} runs = {} runs", *r * evaluations as u64),
        None => String::new(),
    };
    Ok(Some(format!(
        "catch22 sensitivity: {} on {what}: {k} parameters, {n} {} x {} = {evaluations} evaluations{runs}, \
         {} resamples, in {:.3} s on {threads} thread{}",
        a.method.name(),
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

/// `catch22 merge` of sensitivity parts: checks they are the shards of one
/// job, each once, none missing, and writes the analysis the unsharded
/// `catch22 sensitivity` writes, byte for byte. `parts` are the parts'
/// (path, text), each read once by `catch22 merge` (a part may be a pipe).
pub fn merge(
    parts: &[(String, String)],
    allow_partial: bool,
    out: &OutFlags,
    format: Format,
    io: &mut Io,
) -> Result<Option<String>> {
    if allow_partial {
        return Err(Error::Usage(
            "--allow-partial does not apply to sensitivity parts: the analysis needs every evaluation"
                .into(),
        ));
    }
    let m = sensitivity_part::merge_texts(parts)?;
    let h = &m.header;
    let refuse = |what: String| Error::Usage(format!("`{}`: {what}", parts[0].0));
    let method = Method::from_str(&h.method, false)
        .map_err(|_| refuse(format!("unknown method `{}` (sobol or morris)", h.method)))?;
    let k = h.keys.len();
    if k == 0
        || samples(method, Some(h.samples), k).ok() != Some(h.samples)
        || h.evaluations != h.samples * method.per_sample(k)
    {
        return Err(refuse(format!(
            "{} {} samples of {k} keys do not give {} evaluations",
            h.method, h.samples, h.evaluations
        )));
    }
    if method == Method::Morris {
        morris::check_levels(h.levels).map_err(refuse)?;
    }
    if !(1..=100_000).contains(&h.resamples) {
        return Err(refuse(format!(
            "resamples {} outside [1, 100000]",
            h.resamples
        )));
    }
    let points = design(method, h.samples, k, h.levels, h.seed)?;
    io.setting("job", h.job.clone());
    io.setting("seed", h.seed);
    io.setting("samples", h.samples);
    let mut dest = io.open("--out", out.out.as_deref())?;
    let analysis = Analysis {
        method,
        names: &h.keys,
        points: &points,
        levels: h.levels,
        resamples: h.resamples,
        seed: h.seed,
    };
    analysis.write(&m.counts.into_responses(), &mut dest, format)?;
    io.commit(vec![dest])?;
    Ok(Some(format!(
        "catch22 merge: {} sensitivity part{} of job {}: {} on {k} parameters, {} evaluations x {} runs",
        parts.len(),
        if parts.len() == 1 { "" } else { "s" },
        h.job,
        h.method,
        h.evaluations,
        h.runs
    )))
}
