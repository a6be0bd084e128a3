//! Partial results of a sharded job (`--shard I/N`) and their exact merge.
//!
//! A part is a few `# key = value` lines naming the job (catch22 version, job
//! id, shard, number of points, varied keys), then a CSV of exact integer
//! tallies: for each range of runs the shard played, one row per outcome.
//! Merging adds the integers, so the summary of the merged parts is
//! byte-identical to the unsharded run.

use std::collections::BTreeMap;
use std::io::Write;
use std::ops::Range;

use super::csv_error;
use crate::engine::{OutcomeTally, Tally};
use crate::engine::{Shard, Work};
use crate::error::shorten;
use crate::error::{Error, Origin, Result};
use crate::model::Outcome;
use crate::scenario::schema::{self, MAX_RUNS};
use crate::scenario::{MAX_POINTS, Point};

const MAGIC: &str = "# catch22 partial result";
const FORMAT: &str = "3";

/// What identifies the job a part belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobHeader {
    /// catch22 version that wrote it.
    pub version: String,
    /// `Scenario::job_id`.
    pub job: String,
    /// The shard.
    pub shard: Shard,
    /// Points in the whole grid.
    pub points: usize,
    /// The varied keys, in axis order.
    pub keys: Vec<String>,
}

/// Writes a part: the header, then the tallies of each work item.
pub fn write<W: Write>(
    out: W,
    name: &str,
    header: &JobHeader,
    scenario: &str,
    points: &[Point],
    work: &[Work],
    tallies: &[Tally],
) -> Result<()> {
    let mut out = out;
    let meta = format!(
        "{MAGIC}\n# format = {FORMAT}\n# version = {}\n# job = {}\n# shard = {}\n# points = {}\n# keys = {}\n",
        header.version,
        header.job,
        header.shard,
        header.points,
        header.keys.join(" ")
    );
    out.write_all(meta.as_bytes())
        .map_err(|e| Error::write(name, &e))?;
    let mut w = csv::Writer::from_writer(out);
    let mut head: Vec<String> = ["scenario", "point"].map(String::from).to_vec();
    head.extend(header.keys.iter().cloned());
    head.extend(["point_runs", "run_start", "run_end", "outcome"].map(String::from));
    head.extend(OutcomeTally::field_names());
    w.write_record(&head).map_err(|e| csv_error(name, e))?;
    for (item, tally) in work.iter().zip(tallies) {
        let point = &points[item.point];
        for outcome in Outcome::ALL {
            let mut row = vec![scenario.to_string(), point.index.to_string()];
            row.extend(point.coordinates.iter().map(|v| v.to_string()));
            row.extend([
                point.runs.to_string(),
                item.runs.start.to_string(),
                item.runs.end.to_string(),
                outcome.name().to_string(),
            ]);
            row.extend(tally.outcome(outcome).to_fields());
            w.write_record(&row).map_err(|e| csv_error(name, e))?;
        }
    }
    w.flush().map_err(|e| Error::write(name, &e))
}

/// One point of a merged job.
#[derive(Debug, Clone)]
pub struct MergedPoint {
    /// Its number.
    pub index: usize,
    /// The value of each varied key, as printed.
    pub coordinates: Vec<String>,
    /// Runs the full job has at this point.
    pub runs: u64,
    /// The merged tally.
    pub tally: Tally,
}

/// A merged job, ready for the summary writer.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The job.
    pub header: JobHeader,
    /// `scenario.name`.
    pub scenario: String,
    /// Points with at least one run, in order.
    pub points: Vec<MergedPoint>,
    /// Shards that were missing (only with `--allow-partial`).
    pub missing: Vec<Shard>,
}

/// What a merge found, besides its points (see [`merge_each`]).
#[derive(Debug, Clone)]
pub struct MergeInfo {
    /// The job.
    pub header: JobHeader,
    /// `scenario.name`.
    pub scenario: String,
    /// Points with at least one run.
    pub points: usize,
    /// Shards that were missing (only with `--allow-partial`).
    pub missing: Vec<Shard>,
}

/// One row of a part: the tallies of one outcome over a range of runs of a
/// point (rows come in fours, in `Outcome::ALL` order).
struct PartRow {
    point: usize,
    coordinates: Vec<String>,
    point_runs: u64,
    runs: Range<u64>,
    tally: OutcomeTally,
    scenario: String,
}

impl PartRow {
    /// Whether two rows are of the same range of the same point.
    fn same_range(&self, o: &PartRow) -> bool {
        (
            self.point,
            &self.coordinates,
            self.point_runs,
            &self.runs,
            &self.scenario,
        ) == (o.point, &o.coordinates, o.point_runs, &o.runs, &o.scenario)
    }
}

/// A part: its header, and its body of rows, read range by range on demand
/// (a merge reads each part twice and never holds its rows).
struct Part<'a> {
    path: &'a str,
    header: JobHeader,
    body: &'a str,
    /// The line number of the header's last line.
    last_line: usize,
}

/// A bad-input error at line `line` of the part `path`.
pub(crate) fn bad(path: &str, line: usize, message: impl Into<String>) -> Error {
    let mut origin = Origin::source(path);
    origin.position = Some((line, 1));
    Error::input(origin, message)
}

/// The `# key = value` lines that open a part, after its first line.
pub(crate) struct Meta<'a> {
    path: &'a str,
    values: BTreeMap<String, String>,
    /// The text after the header (a CSV).
    pub body: &'a str,
    /// The line number of the header's last line.
    pub last_line: usize,
}

impl Meta<'_> {
    /// The value of header `key`.
    pub(crate) fn get(&self, key: &str) -> Result<String> {
        self.values
            .get(key)
            .cloned()
            .ok_or_else(|| bad(self.path, 1, format!("header `{key}` is missing")))
    }

    /// Header `shard`, `I/N`.
    pub(crate) fn shard(&self) -> Result<Shard> {
        self.get("shard")?
            .parse()
            .map_err(|m: String| bad(self.path, 1, format!("header `shard`: {m}")))
    }
}

/// Reads a part's header: its first line must be `magic` (else `not_part`)
/// and its `format` must be `format`.
pub(crate) fn read_meta<'a>(
    path: &'a str,
    text: &'a str,
    magic: &str,
    format: &str,
    not_part: &str,
) -> Result<Meta<'a>> {
    let mut lines = text.lines();
    if lines.next() != Some(magic) {
        return Err(bad(path, 1, not_part));
    }
    let mut values = BTreeMap::new();
    let mut consumed = magic.len() + 1;
    let mut line_no = 1;
    for line in lines.by_ref() {
        let Some(rest) = line.strip_prefix("# ") else {
            break;
        };
        line_no += 1;
        consumed += line.len() + 1;
        let (k, v) = rest.split_once(" = ").ok_or_else(|| {
            bad(
                path,
                line_no,
                format!("malformed header line `{}`", shorten(line, 60)),
            )
        })?;
        values.insert(k.to_string(), v.to_string());
    }
    let meta = Meta {
        path,
        values,
        body: text.get(consumed.min(text.len())..).unwrap_or(""),
        last_line: line_no,
    };
    if meta.get("format")? != format {
        return Err(bad(
            path,
            2,
            format!("unsupported part format (this catch22 reads format {format})"),
        ));
    }
    Ok(meta)
}

/// Checks that parts are the shards of one job, each given once: for each
/// part, its path, what identifies its job (shard count included) and its
/// shard; `describe` names a job in the refusal. Returns the shards missing,
/// which are refused unless `allow_partial` is `Some(true)` (`None`: the job
/// cannot be merged without every shard).
pub(crate) fn check_shards<J: PartialEq>(
    parts: &[(&str, J, Shard)],
    describe: impl Fn(&J) -> String,
    allow_partial: Option<bool>,
) -> Result<Vec<Shard>> {
    let Some((first, job, shard)) = parts.first() else {
        return Err(Error::Usage("merge needs at least one part".to_string()));
    };
    let mut seen: BTreeMap<u64, &str> = BTreeMap::new();
    for (path, j, s) in parts {
        if j != job || s.count != shard.count {
            return Err(bad(
                path,
                1,
                format!("belongs to another job than `{first}` ({})", describe(job)),
            ));
        }
        if let Some(other) = seen.insert(s.index, path) {
            return Err(bad(
                path,
                1,
                format!("shard {s} is given twice (also `{other}`)"),
            ));
        }
    }
    let n = shard.count;
    let missing: Vec<Shard> = (0..n)
        .filter(|i| !seen.contains_key(i))
        .map(|index| Shard { index, count: n })
        .collect();
    if !missing.is_empty() && allow_partial != Some(true) {
        let names: Vec<String> = missing.iter().take(20).map(|s| s.to_string()).collect();
        return Err(Error::Usage(format!(
            "{} of {n} shards missing ({}{}); merge them all{}",
            missing.len(),
            names.join(", "),
            if missing.len() > 20 { ", ..." } else { "" },
            if allow_partial.is_some() {
                ", or give --allow-partial"
            } else {
                ""
            }
        )));
    }
    Ok(missing)
}

/// Reads a part's header from its text (its rows are read by
/// [`Part::ranges`]); `path` names it in errors.
fn parse_part<'a>(text: &'a str, path: &'a str) -> Result<Part<'a>> {
    let meta = read_meta(
        path,
        text,
        MAGIC,
        FORMAT,
        "not a catch22 partial result (write one with `--shard I/N --out PATH`)",
    )?;
    let get = |k: &str| meta.get(k);
    let line_no = meta.last_line;
    let header = JobHeader {
        version: get("version")?,
        job: get("job")?,
        shard: meta.shard()?,
        points: get("points")?
            .parse()
            .ok()
            .filter(|p| (1..=MAX_POINTS).contains(p))
            .ok_or_else(|| {
                bad(
                    path,
                    1,
                    format!("header `points` must be a whole number in [1, {MAX_POINTS}]"),
                )
            })?,
        keys: get("keys")?.split_whitespace().map(String::from).collect(),
    };
    for (i, k) in header.keys.iter().enumerate() {
        if schema::index_of(k).is_none() || header.keys[..i].contains(k) {
            return Err(bad(
                path,
                1,
                format!(
                    "header `keys`: `{}` is not a scenario key, or is repeated",
                    shorten(k, 60)
                ),
            ));
        }
    }
    Ok(Part {
        path,
        header,
        body: meta.body,
        last_line: line_no,
    })
}

impl Part<'_> {
    /// Reads the part's rows, checking each, and hands each range's four
    /// rows (one per outcome, in `Outcome::ALL` order) to `f`.
    fn ranges(&self, mut f: impl FnMut(&[PartRow]) -> Result<()>) -> Result<()> {
        let (path, header, line_no) = (self.path, &self.header, self.last_line);
        let mut reader = csv::Reader::from_reader(self.body.as_bytes());
        let nk = header.keys.len();
        let expected = 2 + nk + 4 + OutcomeTally::FIELD_COUNT;
        let horizon = schema::MAX_ROUNDS as usize;
        // The rows of the range being read (at most four).
        let mut rows: Vec<PartRow> = Vec::with_capacity(4);
        let mut read = 0;
        for (i, record) in reader.records().enumerate() {
            read = i + 1;
            let line = line_no + 2 + i;
            let r = record.map_err(|e| bad(path, line, format!("malformed CSV: {e}")))?;
            if r.len() != expected {
                return Err(bad(
                    path,
                    line,
                    format!("expected {expected} fields, got {}", r.len()),
                ));
            }
            let num = |k: usize| {
                r[k].parse::<u64>().map_err(|_| {
                    bad(
                        path,
                        line,
                        format!("`{}` is not a whole number", shorten(&r[k], 40)),
                    )
                })
            };
            let point = num(1)? as usize;
            let coords: Vec<String> = (0..nk).map(|k| r[2 + k].to_string()).collect();
            let point_runs = num(2 + nk)?;
            let runs = num(3 + nk)?..num(4 + nk)?;
            // Rows come in fours, one per outcome in order, over the same range.
            let outcome = Outcome::ALL[i % 4];
            if r[5 + nk] != *outcome.name() {
                return Err(bad(
                    path,
                    line,
                    format!(
                        "expected the `{}` row of a range (each range has four rows: {}), found `{}`",
                        outcome.name(),
                        Outcome::ALL.map(|o| o.name()).join(", "),
                        shorten(&r[5 + nk], 40)
                    ),
                ));
            }
            let fields: Vec<&str> = (6 + nk..expected).map(|k| &r[k]).collect();
            let tally = OutcomeTally::from_fields(&fields, horizon).ok_or_else(|| {
                bad(
                    path,
                    line,
                    format!("malformed tally fields (whole numbers; rounds in 1..={horizon})"),
                )
            })?;
            if point >= header.points
                || !(1..=MAX_RUNS as u64).contains(&point_runs)
                || runs.start > runs.end
                || runs.end > point_runs
            {
                return Err(bad(
                    path,
                    line,
                    format!(
                        "point or run range outside the job ({} points, at most {MAX_RUNS} runs a point)",
                        header.points
                    ),
                ));
            }
            tally
                .check(runs.end - runs.start, horizon)
                .map_err(|m| bad(path, line, format!("{}: {m}", outcome.name())))?;
            let row = PartRow {
                point,
                coordinates: coords,
                point_runs,
                runs,
                tally,
                scenario: r[0].to_string(),
            };
            if i % 4 > 0 && !rows[0].same_range(&row) {
                return Err(bad(
                    path,
                    line,
                    "the four rows of a range must agree on scenario, point, keys and runs",
                ));
            }
            rows.push(row);
            if i % 4 == 3 {
                let counted: u64 = rows.iter().map(|r| r.tally.count).sum();
                let range = rows[0].runs.end - rows[0].runs.start;
                if counted != range {
                    return Err(bad(
                        path,
                        line,
                        format!(
                            "the four outcomes count {counted} runs, their range {:?} has {range}",
                            rows[0].runs
                        ),
                    ));
                }
                f(&rows)?;
                rows.clear();
            }
        }
        if !rows.is_empty() {
            return Err(bad(
                path,
                line_no + 2 + read,
                format!(
                    "truncated: the last range has {} of its four outcome rows",
                    rows.len()
                ),
            ));
        }
        Ok(())
    }
}

/// Reads and merges parts; refuses parts of different jobs, duplicate or
/// overlapping shards and (unless `allow_partial`) missing shards.
pub fn merge(paths: &[String], allow_partial: bool) -> Result<Merged> {
    merge_texts(&crate::input::read_texts(paths, "part")?, allow_partial)
}

/// [`merge`] of the parts' texts: (path, text) pairs.
pub fn merge_texts(texts: &[(String, String)], allow_partial: bool) -> Result<Merged> {
    let mut points = Vec::new();
    let info = plan_merge(texts, allow_partial)?.emit(|p| {
        points.push(p);
        Ok(())
    })?;
    Ok(Merged {
        header: info.header,
        scenario: info.scenario,
        points,
        missing: info.missing,
    })
}

/// A point of the merge as the parts' ranges plan it.
struct PlannedPoint {
    coordinates: Vec<String>,
    runs: u64,
    /// Its ranges of runs, from every part.
    ranges: Vec<Range<u64>>,
}

/// The parts of a merge, checked, and every point's ranges planned: what
/// [`MergePlan::emit`] then adds up.
pub struct MergePlan<'a> {
    info: MergeInfo,
    /// The parts, in shard order.
    parts: Vec<Part<'a>>,
    plan: BTreeMap<usize, PlannedPoint>,
}

/// The first pass of a merge that hands out its points as they complete
/// ([`MergePlan::emit`]): memory holds the parts' texts and one entry per
/// point, not a tally per point (a tally with its histograms is about
/// 15 kB; a million-point job would need 15 GB).
///
/// It checks every part and plans every point's ranges (disjoint, agreeing
/// on the point's keys and runs, covering its runs unless `allow_partial`)
/// before any tally is added: nothing is emitted from a merge that is then
/// refused.
pub fn plan_merge(texts: &[(String, String)], allow_partial: bool) -> Result<MergePlan<'_>> {
    let parts = texts
        .iter()
        .map(|(path, text)| parse_part(text, path))
        .collect::<Result<Vec<_>>>()?;
    let Some(first) = parts.first() else {
        return Err(Error::Usage("merge needs at least one part".to_string()));
    };
    // Each shard's index into `parts`.
    let mut by_shard: BTreeMap<u64, usize> = BTreeMap::new();
    for (i, part) in parts.iter().enumerate() {
        let (a, b) = (&first.header, &part.header);
        let same_job = a.job == b.job
            && a.version == b.version
            && a.points == b.points
            && a.keys == b.keys
            && a.shard.count == b.shard.count;
        if !same_job {
            return Err(Error::Usage(format!(
                "`{}` and `{}` are parts of different jobs (job {} of {} shards from catch22 {}, \
                 against job {} of {} shards from catch22 {}); merge only the parts of one job",
                first.path,
                part.path,
                a.job,
                a.shard.count,
                a.version,
                b.job,
                b.shard.count,
                b.version
            )));
        }
        if let Some(other) = by_shard.insert(b.shard.index, i) {
            return Err(Error::Usage(format!(
                "`{}` and `{}` are both shard {}; give each shard once",
                parts[other].path, part.path, b.shard
            )));
        }
    }
    let count = first.header.shard.count;
    let missing: Vec<Shard> = (0..count)
        .filter(|i| !by_shard.contains_key(i))
        .map(|index| Shard { index, count })
        .collect();
    if !missing.is_empty() && !allow_partial {
        let names: Vec<String> = missing.iter().take(20).map(Shard::to_string).collect();
        return Err(Error::Usage(format!(
            "missing {} of {count} shards: {}{}; rerun them, or merge anyway with --allow-partial",
            missing.len(),
            names.join(", "),
            if missing.len() > 20 { ", ..." } else { "" }
        )));
    }

    // First the ranges: every point's must be disjoint and agree on the
    // point's keys and runs across parts, before any tally is added.
    let mut plan: BTreeMap<usize, PlannedPoint> = BTreeMap::new();
    let mut scenario: Option<(String, &str)> = None;
    for &i in by_shard.values() {
        let part = &parts[i];
        part.ranges(|rows| {
            let row = &rows[0];
            let (first_name, first_path) =
                &*scenario.get_or_insert_with(|| (row.scenario.clone(), part.path));
            let p = plan.entry(row.point).or_insert_with(|| PlannedPoint {
                coordinates: row.coordinates.clone(),
                runs: row.point_runs,
                ranges: Vec::new(),
            });
            if p.coordinates != row.coordinates
                || p.runs != row.point_runs
                || *first_name != row.scenario
            {
                return Err(Error::input(
                    Origin::source(part.path),
                    format!(
                        "point {}: its scenario, varied-key values or runs differ from those in `{first_path}`",
                        row.point
                    ),
                ));
            }
            p.ranges.push(row.runs.clone());
            Ok(())
        })?;
    }
    for (&index, p) in plan.iter_mut() {
        p.ranges.sort_by_key(|r| r.start);
        for pair in p.ranges.windows(2) {
            if pair[0].end > pair[1].start {
                return Err(Error::Usage(format!(
                    "parts overlap at point {index}: runs {:?} and {:?}",
                    pair[0], pair[1]
                )));
            }
        }
        let covered: u64 = p.ranges.iter().map(|r| r.end - r.start).sum();
        if !allow_partial && covered != p.runs {
            return Err(Error::Usage(format!(
                "point {index} has {covered} of its {} runs; a part is missing",
                p.runs
            )));
        }
    }
    if !allow_partial && plan.len() != first.header.points {
        return Err(Error::Usage(format!(
            "the parts cover {} of {} points; a part is missing",
            plan.len(),
            first.header.points
        )));
    }
    let info = MergeInfo {
        header: first.header.clone(),
        scenario: scenario.map(|s| s.0).unwrap_or_default(),
        points: plan.len(),
        missing,
    };
    let order: Vec<usize> = by_shard.into_values().collect();
    let mut parts: Vec<Option<Part>> = parts.into_iter().map(Some).collect();
    Ok(MergePlan {
        info,
        parts: order.into_iter().filter_map(|i| parts[i].take()).collect(),
        plan,
    })
}

impl MergePlan<'_> {
    /// What the merge found (its header, scenario, points and missing shards).
    pub fn info(&self) -> &MergeInfo {
        &self.info
    }

    /// The second pass: reads the parts again in shard order, adds the
    /// tallies (of disjoint runs, so the sums are exact) and hands each
    /// point to `emit`, in order, once its last range is in and every point
    /// before it is out.
    pub fn emit(self, mut emit: impl FnMut(MergedPoint) -> Result<()>) -> Result<MergeInfo> {
        let MergePlan {
            info,
            parts,
            mut plan,
        } = self;
        // `left` counts a point's ranges still to come.
        let mut open: BTreeMap<usize, (Tally, usize)> = BTreeMap::new();
        for part in &parts {
            part.ranges(|rows| {
                let point = rows[0].point;
                let (tally, left) = open
                    .entry(point)
                    .or_insert_with(|| (Tally::default(), plan[&point].ranges.len()));
                for (k, row) in rows.iter().enumerate() {
                    tally.outcomes[k].merge(&row.tally);
                }
                *left -= 1;
                while let Some(mut next) = plan.first_entry() {
                    let index = *next.key();
                    if open.get(&index).is_none_or(|(_, left)| *left > 0) {
                        break;
                    }
                    let (tally, _) = open.remove(&index).expect("an open point");
                    let p = next.get_mut();
                    emit(MergedPoint {
                        index,
                        coordinates: std::mem::take(&mut p.coordinates),
                        runs: p.runs,
                        tally,
                    })?;
                    next.remove();
                }
                Ok(())
            })?;
        }
        debug_assert!(plan.is_empty(), "every planned point is emitted");
        Ok(info)
    }
}
