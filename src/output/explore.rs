//! `catch22 explore`'s samples CSV and its sharded parts.
//!
//! The CSV: `sample,<uncertain keys in table order>,deal,regime_crisis,war,muddle_through,runs,mean_round`,
//! one row per parameter set: the values used (shortest round-trip form),
//! the outcome shares over its runs (six decimals), the runs and the mean
//! round the runs ended in.
//!
//! A part (`explore --shard I/N --out PART`) is a few `# key = value` lines
//! naming the job, then the CSV rows of the shard's block of samples, exactly
//! as the unsharded file has them; `catch22 merge` checks the parts belong to
//! one job, with no shard missing or repeated, and writes the header and the
//! rows in sample order: the unsharded file, byte for byte.

use std::io::Write;

use super::num;
use super::partial::{bad, check_shards, read_meta};
use crate::engine::Shard;
use crate::error::{Error, Result};
use crate::model::Outcome;
use crate::scenario::Value;
use crate::uncertainty::evaluate::Counts;

/// The first line of a part.
pub const MAGIC: &str = "# catch22 explore part";
const FORMAT: &str = "1";

/// The columns after `sample` and the keys.
pub const TAIL: [&str; 6] = [
    "deal",
    "regime_crisis",
    "war",
    "muddle_through",
    "runs",
    "mean_round",
];

/// The header of a samples CSV.
pub fn header(keys: &[&str]) -> Vec<String> {
    let mut h = vec!["sample".to_string()];
    h.extend(keys.iter().map(|k| k.to_string()));
    h.extend(TAIL.iter().map(|c| c.to_string()));
    h
}

/// The rows of samples `first..first + counts.points()`.
pub fn rows(first: usize, values: &[Vec<Value>], counts: &Counts) -> Vec<Vec<String>> {
    (0..counts.points())
        .map(|e| {
            let mut row = vec![(first + e).to_string()];
            row.extend(values[e].iter().map(|v| v.to_string()));
            let runs = counts.runs.max(1) as f64;
            for o in Outcome::ALL {
                row.push(num(counts.total(e, o.index()) as f64 / runs));
            }
            row.push(counts.runs.to_string());
            row.push(num(counts.round_sums[e] as f64 / runs));
            row
        })
        .collect()
}

/// What identifies the job a part belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartHeader {
    /// catch22 version.
    pub version: String,
    /// A hash of the scenario, its uncertainty table, the design and N.
    pub job: String,
    /// The shard.
    pub shard: Shard,
    /// Samples in the whole job.
    pub samples: usize,
}

/// Writes a part.
pub fn write_part<W: Write>(
    mut out: W,
    name: &str,
    h: &PartHeader,
    header: &[String],
    rows: &[Vec<String>],
) -> Result<()> {
    let meta = format!(
        "{MAGIC}\n# format = {FORMAT}\n# version = {}\n# job = {}\n# shard = {}\n# samples = {}\n",
        h.version, h.job, h.shard, h.samples
    );
    out.write_all(meta.as_bytes())
        .map_err(|e| Error::write(name, &e))?;
    super::write_rows(out, name, header, rows)
}

/// A part, read.
struct Part {
    path: String,
    header: PartHeader,
    columns: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

fn parse_part(text: &str, path: &str) -> Result<Part> {
    let meta = read_meta(path, text, MAGIC, FORMAT, "not a catch22 explore part")?;
    let get = |k: &str| meta.get(k);
    let line_no = meta.last_line;
    let header = PartHeader {
        version: get("version")?,
        job: get("job")?,
        shard: meta.shard()?,
        samples: get("samples")?
            .parse()
            .map_err(|_| bad(path, 1, "header `samples` is not a number"))?,
    };
    let mut reader = csv::Reader::from_reader(meta.body.as_bytes());
    let columns: Vec<String> = reader
        .headers()
        .map_err(|e| bad(path, line_no + 1, format!("malformed CSV header: {e}")))?
        .iter()
        .map(String::from)
        .collect();
    if columns.first().map(String::as_str) != Some("sample") {
        return Err(bad(path, line_no + 1, "the first column must be `sample`"));
    }
    // The shard's block, each sample once and in order: then the parts of
    // every shard hold every sample exactly once.
    let own = header.shard.block(header.samples);
    let holds = format!(
        "shard {} holds samples {}..{} of {}",
        header.shard, own.start, own.end, header.samples
    );
    let mut expected = own.clone();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = line_no + 2 + i;
        let r = record.map_err(|e| bad(path, line, format!("malformed CSV: {e}")))?;
        let want = expected.next();
        let sample: usize = r
            .get(0)
            .and_then(|s| s.parse().ok())
            .filter(|s| Some(*s) == want)
            .ok_or_else(|| {
                let message = match want {
                    Some(w) => format!("`sample` must be {w} ({holds}, in order)"),
                    None => format!("one row too many ({holds})"),
                };
                bad(path, line, message)
            })?;
        rows.push((sample, r.iter().map(String::from).collect()));
    }
    if let Some(w) = expected.next() {
        return Err(bad(
            path,
            line_no + 2 + rows.len(),
            format!("truncated: sample {w} is missing ({holds})"),
        ));
    }
    Ok(Part {
        path: path.to_string(),
        header,
        columns,
        rows,
    })
}

/// Merged parts: the samples CSV's header and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The header.
    pub columns: Vec<String>,
    /// The rows, in sample order.
    pub rows: Vec<Vec<String>>,
    /// Shards missing (only with `allow_partial`).
    pub missing: Vec<Shard>,
}

/// Merges parts into the samples CSV.
pub fn merge(paths: &[String], allow_partial: bool) -> Result<Merged> {
    merge_texts(&crate::input::read_texts(paths, "part")?, allow_partial)
}

/// [`merge`] of the parts' texts: (path, text) pairs.
pub fn merge_texts(texts: &[(String, String)], allow_partial: bool) -> Result<Merged> {
    let parts = texts
        .iter()
        .map(|(path, text)| parse_part(text, path))
        .collect::<Result<Vec<_>>>()?;
    let ids: Vec<(&str, _, Shard)> = parts
        .iter()
        .map(|p| {
            let h = &p.header;
            let job = (&h.version, &h.job, h.shard.count, h.samples, &p.columns);
            (p.path.as_str(), job, h.shard)
        })
        .collect();
    let missing = check_shards(
        &ids,
        |(version, job, count, _, _)| format!("job {job}, {count} shards, version {version}"),
        Some(allow_partial),
    )?;
    let first = &parts[0];
    let columns = first.columns.clone();
    let mut rows: Vec<(usize, Vec<String>)> = parts.into_iter().flat_map(|p| p.rows).collect();
    rows.sort_by_key(|(s, _)| *s);
    Ok(Merged {
        columns,
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        missing,
    })
}
