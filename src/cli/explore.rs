//! `catch22 explore`: N parameter sets drawn from a scenario's `[uncertainty]`
//! table, each run R times on common random numbers; one CSV row per set.

use std::time::Instant;

use clap::Args;

use super::io::Io;
use super::uncertain::UncertainFlags;
use super::{Format, FormatFlag, OutFlags, threads};
use crate::engine::{self, Progress, Shard};
use crate::error::{Error, Result};
use crate::output::explore::{self, PartHeader};
use crate::output::json::Kind;
use crate::output::table::Table;
use crate::scenario::content_hash;
use crate::uncertainty::{Design, evaluate};

/// The most samples `explore` draws.
pub const MAX_SAMPLES: usize = 10_000_000;

/// `catch22 explore`.
#[derive(Debug, Clone, Args)]
pub struct ExploreArgs {
    /// The scenario, its overrides and uncertain keys, runs, seed, threads.
    #[command(flatten)]
    pub flags: UncertainFlags,
    /// Parameter sets to draw.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub samples: usize,
    /// How to lay them out: lhs (Latin hypercube), sobol (scrambled Sobol'
    /// sequence) or random.
    #[arg(long, value_name = "DESIGN", default_value_t = Design::Lhs)]
    pub design: Design,
    /// Play only shard I of N (a block of samples) and write a part to --out;
    /// `catch22 merge` combines the parts.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
    /// Output format.
    #[command(flatten)]
    pub format: FormatFlag<Format>,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 explore`.
pub fn explore(a: ExploreArgs, io: &mut Io, progress: &dyn Progress) -> Result<Option<String>> {
    let s = a.flags.load()?;
    let format = a.format.get();
    if !(1..=MAX_SAMPLES).contains(&a.samples) {
        return Err(Error::Usage(format!(
            "--samples must be in [1, {MAX_SAMPLES}], got {}",
            a.samples
        )));
    }
    super::check_part_flags(a.shard, format, a.out.out.as_deref())?;
    let threads = threads(&a.flags.threads)?;
    let seed = s.value("scenario.seed").as_i64() as u64;
    let runs = s.value("scenario.runs").as_i64() as u64;
    let k = s.uncertainty.len();
    let shard = a.shard.unwrap_or(Shard::WHOLE);
    let n = a.samples;
    let (first, last) = (shard.block(n).start, shard.block(n).end);
    let points = a.design.points(n, k, seed).map_err(Error::Usage)?;
    let block = &points[first * k..last * k];
    evaluate::validate(&s, block, first)?;
    let values: Vec<_> = block.chunks(k).map(|u| evaluate::values(&s, u)).collect();
    io.input(&s.source)?;
    io.scenario("scenario", &s, &a.flags.set);
    io.setting("samples", n);
    io.setting("design", a.design.name());
    if let Some(shard) = a.shard {
        io.setting("shard", shard.to_string());
    }
    let mut out = io.open("--out", a.out.out.as_deref())?;
    let pool = engine::pool(threads)?;
    let start = Instant::now();
    progress.plan(runs * (last - first) as u64);
    let counts = pool.install(|| {
        evaluate::run(
            &s,
            block,
            first,
            seed,
            runs,
            1,
            evaluate::Streams::Common,
            progress,
        )
    })?;
    let keys: Vec<&str> = s.uncertainty.iter().map(|u| u.key()).collect();
    let header = explore::header(&keys);
    let rows = explore::rows(first, &values, &counts);
    let name = out.name().to_string();
    if a.shard.is_some() {
        let job = format!("{} design={} samples={n}", s.job_id(), a.design.name());
        let h = PartHeader {
            version: env!("CARGO_PKG_VERSION").to_string(),
            job: content_hash(job.as_bytes()),
            shard,
            samples: n,
        };
        explore::write_part(&mut out, &name, &h, &header, &rows)?;
    } else {
        let kinds: Vec<Kind> = (0..header.len())
            .map(|i| {
                if i == 0 || i > k {
                    Kind::Number
                } else {
                    Kind::Auto
                }
            })
            .collect();
        let table = Table {
            columns: header,
            kinds,
            rows,
        };
        // The CSV is what a merge of parts gives, byte for byte.
        table.write_as(&mut out, &name, format)?;
    }
    io.commit(vec![out])?;
    let what = if a.shard.is_some() {
        format!("shard {shard}: samples {first}..{last} of {n}")
    } else {
        format!("{n} samples")
    };
    let total = runs * (last - first) as u64;
    let seconds = start.elapsed().as_secs_f64();
    Ok(Some(format!(
        "catch22 explore: {}: {what} ({} design) of {k} uncertain keys x {runs} runs = {total} runs in {seconds:.3} s \
         ({:.0} runs/s) on {threads} thread{}",
        s.name(),
        a.design,
        total as f64 / seconds.max(1e-9),
        if threads == 1 { "" } else { "s" },
    )))
}
