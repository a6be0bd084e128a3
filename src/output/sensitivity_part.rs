//! The parts of a sharded `catch22 sensitivity` (`--shard I/N --out PART`).
//!
//! A part is a few `# key = value` lines naming the job (catch22 version, a
//! hash of the scenario with its uncertainty table, and the method, samples,
//! levels, resamples, seed, runs, evaluations and uncertain keys), then a CSV
//! of exact integer counts: for each evaluation of the shard's contiguous
//! block of the design and each batch of its runs, how many runs ended in
//! each outcome (`evaluation,batch,runs,deal,regime_crisis,war,muddle_through`).
//! `catch22 merge` checks the parts are the shards of one job, each once and
//! each whole, puts the counts back together and runs the analysis: the
//! unsharded output, byte for byte, since the analysis reads only the counts
//! and the design, which the header determines.

use std::io::Write;

use super::partial::{bad, check_shards, read_meta};
use crate::engine::Shard;
use crate::error::{Error, Result};
use crate::model::Outcome;
use crate::uncertainty::evaluate::Counts;
use crate::uncertainty::responses::{batch_bounds, batches_for};

/// The first line of a part.
pub const MAGIC: &str = "# catch22 sensitivity part";
const FORMAT: &str = "1";

/// What identifies the job a part belongs to, and all the analysis needs
/// besides the counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartHeader {
    /// catch22 version.
    pub version: String,
    /// A hash of the scenario (`Scenario::job_id`) and the method's settings.
    pub job: String,
    /// The shard.
    pub shard: Shard,
    /// `sobol` or `morris`.
    pub method: String,
    /// Base samples (Sobol') or trajectories (Morris).
    pub samples: usize,
    /// Morris' grid levels.
    pub levels: usize,
    /// Bootstrap resamples.
    pub resamples: usize,
    /// The scenario's seed.
    pub seed: u64,
    /// Runs per evaluation.
    pub runs: u64,
    /// Evaluations in the whole design.
    pub evaluations: usize,
    /// The uncertain keys, in table order.
    pub keys: Vec<String>,
}

/// The CSV columns of a part.
fn columns() -> Vec<String> {
    let mut c: Vec<String> = ["evaluation", "batch", "runs"].map(String::from).to_vec();
    c.extend(Outcome::ALL.iter().map(|o| o.name().to_string()));
    c
}

/// Writes a part: the header, then the counts of evaluations
/// `first..first + counts.points()`.
pub fn write_part<W: Write>(
    mut out: W,
    name: &str,
    h: &PartHeader,
    first: usize,
    counts: &Counts,
) -> Result<()> {
    let meta = format!(
        "{MAGIC}\n# format = {FORMAT}\n# version = {}\n# job = {}\n# shard = {}\n# method = {}\n\
         # samples = {}\n# levels = {}\n# resamples = {}\n# seed = {}\n# runs = {}\n\
         # evaluations = {}\n# keys = {}\n",
        h.version,
        h.job,
        h.shard,
        h.method,
        h.samples,
        h.levels,
        h.resamples,
        h.seed,
        h.runs,
        h.evaluations,
        h.keys.join(" ")
    );
    out.write_all(meta.as_bytes())
        .map_err(|e| Error::write(name, &e))?;
    let g = counts.batch_runs.len();
    let mut rows = Vec::with_capacity(counts.points() * g);
    for e in 0..counts.points() {
        for (b, runs) in counts.batch_runs.iter().enumerate() {
            let mut row = vec![(first + e).to_string(), b.to_string(), runs.to_string()];
            row.extend((0..4).map(|o| counts.counts[(e * 4 + o) * g + b].to_string()));
            rows.push(row);
        }
    }
    super::write_rows(out, name, &columns(), &rows)
}

/// A number in a part's header.
fn number<T: std::str::FromStr>(path: &str, key: &str, value: &str) -> Result<T> {
    value
        .parse()
        .map_err(|_| bad(path, 1, format!("header `{key}` is not a whole number")))
}

/// A part, read and checked against its own header: its counts in order.
struct Part {
    path: String,
    header: PartHeader,
    /// `counts[(e * 4 + o) * batches + g]` for the part's block.
    counts: Vec<u64>,
}

fn parse_part(text: &str, path: &str) -> Result<Part> {
    let meta = read_meta(path, text, MAGIC, FORMAT, "not a catch22 sensitivity part")?;
    let get = |k: &str| meta.get(k);
    let header = PartHeader {
        version: get("version")?,
        job: get("job")?,
        shard: meta.shard()?,
        method: get("method")?,
        samples: number(path, "samples", &get("samples")?)?,
        levels: number(path, "levels", &get("levels")?)?,
        resamples: number(path, "resamples", &get("resamples")?)?,
        seed: number(path, "seed", &get("seed")?)?,
        runs: number(path, "runs", &get("runs")?)?,
        evaluations: number(path, "evaluations", &get("evaluations")?)?,
        keys: get("keys")?.split_whitespace().map(String::from).collect(),
    };
    if header.runs == 0 || header.runs > crate::scenario::schema::MAX_RUNS as u64 {
        return Err(bad(
            path,
            1,
            "header `runs` is outside the scenario's range",
        ));
    }
    let bounds = batch_bounds(header.runs, batches_for(header.runs));
    let g = bounds.len();
    let block = header.shard.block(header.evaluations);
    let mut reader = csv::Reader::from_reader(meta.body.as_bytes());
    let line_no = meta.last_line;
    let head: Vec<String> = reader
        .headers()
        .map_err(|e| bad(path, line_no + 1, format!("malformed CSV header: {e}")))?
        .iter()
        .map(String::from)
        .collect();
    if head != columns() {
        return Err(bad(
            path,
            line_no + 1,
            format!("the columns must be {}", columns().join(",")),
        ));
    }
    let mut counts = Vec::new();
    let mut records = reader.records();
    // Rows come in order: every evaluation of the block, every batch.
    for (i, (e, b)) in block
        .clone()
        .flat_map(|e| (0..g).map(move |b| (e, b)))
        .enumerate()
    {
        let line = line_no + 2 + i;
        let r = records
            .next()
            .ok_or_else(|| {
                bad(
                    path,
                    line,
                    format!("truncated: evaluation {e}, batch {b} is missing"),
                )
            })?
            .map_err(|err| bad(path, line, format!("malformed CSV: {err}")))?;
        let fields: Option<Vec<u64>> = r.iter().map(|f| f.parse().ok()).collect();
        let expected = [e as u64, b as u64, bounds[b].end - bounds[b].start];
        match fields {
            Some(f)
                if f.len() == 7
                    && f[..3] == expected
                    && f[3..].iter().try_fold(0u64, |a, x| a.checked_add(*x)) == Some(f[2]) =>
            {
                counts.extend_from_slice(&f[3..]);
            }
            _ => {
                return Err(bad(
                    path,
                    line,
                    format!(
                        "expected evaluation {e}, batch {b} of {} runs, and four whole counts adding up to them",
                        expected[2]
                    ),
                ));
            }
        }
    }
    if records.next().is_some() {
        return Err(bad(
            path,
            line_no + 2 + block.len() * g,
            format!("rows beyond the shard's evaluations {block:?}"),
        ));
    }
    // From [e][b][o] to the order of `Counts`, [e][o][b].
    let mut ordered = vec![0; counts.len()];
    for (i, c) in counts.iter().enumerate() {
        let (e, b, o) = (i / (4 * g), i / 4 % g, i % 4);
        ordered[(e * 4 + o) * g + b] = *c;
    }
    Ok(Part {
        path: path.to_string(),
        header,
        counts: ordered,
    })
}

/// Merged parts: the job and every evaluation's counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The job (shard 0 of its count).
    pub header: PartHeader,
    /// The counts of all evaluations, as the unsharded run has them.
    pub counts: Counts,
}

/// Merges the parts of one job from their (path, text) pairs; refuses parts
/// of other jobs, shards given twice and missing shards (the analysis needs
/// every evaluation).
pub fn merge_texts(texts: &[(String, String)]) -> Result<Merged> {
    let parts = texts
        .iter()
        .map(|(path, text)| parse_part(text, path))
        .collect::<Result<Vec<_>>>()?;
    let job = |h: &PartHeader| PartHeader {
        shard: Shard {
            index: 0,
            count: h.shard.count,
        },
        ..h.clone()
    };
    let ids: Vec<(&str, PartHeader, Shard)> = parts
        .iter()
        .map(|p| (p.path.as_str(), job(&p.header), p.header.shard))
        .collect();
    check_shards(
        &ids,
        |h| {
            format!(
                "job {}, {} {} samples, {} shards, version {}",
                h.job, h.method, h.samples, h.shard.count, h.version
            )
        },
        None,
    )?;
    let mut parts = parts;
    parts.sort_by_key(|p| p.header.shard.index);
    let header = job(&parts[0].header);
    let runs = header.runs;
    let bounds = batch_bounds(runs, batches_for(runs));
    let counts: Vec<u64> = parts.into_iter().flat_map(|p| p.counts).collect();
    Ok(Merged {
        counts: Counts {
            runs,
            batch_runs: bounds.iter().map(|r| r.end - r.start).collect(),
            counts,
            // The sensitivity methods read only the outcome counts.
            round_sums: vec![0; header.evaluations],
        },
        header,
    })
}
