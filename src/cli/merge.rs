//! `catch22 merge`: the parts of a sharded job into its summary.

use super::io::Io;
use super::{Format, MergeArgs};
use crate::error::Result;
use crate::output::Destination;
use crate::output::explore;
use crate::output::partial::{self, MergeInfo, MergePlan, MergedPoint};
use crate::output::sensitivity_part;
use crate::output::summary::{self, PointRows};
use crate::output::tournament::write_ranking;
use crate::output::tournament_part;

/// Merges the parts and writes the summary, byte-identical to the unsharded run.
/// Every part is read once (a part may be a pipe), and its first line says
/// which kind of job it belongs to.
pub fn merge(a: MergeArgs, io: &mut Io) -> Result<Option<String>> {
    io.inputs(a.parts.iter().map(String::as_str))?;
    let texts = crate::input::read_texts(&a.parts, "part")?;
    let first = texts
        .first()
        .and_then(|(_, t)| t.lines().next())
        .unwrap_or("");
    if first.trim_end() == tournament_part::MARKER {
        return merge_tournament(a, &texts, io);
    }
    if first == explore::MAGIC {
        return merge_explore(a, &texts, io);
    }
    if first == sensitivity_part::MAGIC {
        return super::sensitivity::merge(&texts, a.allow_partial, &a.out, a.format.get(), io);
    }
    let mut out = io.open("--out", a.out.out.as_deref())?;
    let name = out.name().to_string();
    let plan = partial::plan_merge(&texts, a.allow_partial)?;
    let (m, runs) = write_summary(plan, &mut out, &name, a.format.get())?;
    io.setting("job", m.header.job.clone());
    io.commit(vec![out])?;
    let mut status = format!(
        "catch22 merge: {} part{} of job {} ({} shards): {} of {} points, {runs} runs",
        a.parts.len(),
        if a.parts.len() == 1 { "" } else { "s" },
        m.header.job,
        m.header.shard.count,
        m.points,
        m.header.points,
    );
    if !m.missing.is_empty() {
        let names: Vec<String> = m.missing.iter().take(20).map(|s| s.to_string()).collect();
        status.push_str(&format!(
            "\nwarning: merged without {} missing shard(s) ({}{}); the runs column gives each point's real runs",
            m.missing.len(),
            names.join(", "),
            if m.missing.len() > 20 { ", ..." } else { "" }
        ));
    }
    Ok(Some(status))
}

/// The summary rows of merged points.
fn point_rows(points: &[MergedPoint]) -> Vec<PointRows<'_>> {
    points
        .iter()
        .map(|p| (p.index, p.coordinates.clone(), &p.tally))
        .collect()
}

/// Writes the summary of a planned merge as its points come (CSV or JSON:
/// a block of points at a time, the bytes of the summary written whole, one
/// block of tallies in memory); an aligned table needs every row to size
/// its columns, so it holds them. Returns what the merge found and the runs
/// merged.
fn write_summary(
    plan: MergePlan<'_>,
    out: &mut Destination,
    name: &str,
    format: Format,
) -> Result<(MergeInfo, u64)> {
    // A merged point's tally, with its histograms, is about 15 kB.
    const BLOCK: usize = 512;
    let (scenario, keys) = (
        plan.info().scenario.clone(),
        plan.info().header.keys.clone(),
    );
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let mut block: Vec<MergedPoint> = Vec::new();
    let mut runs = 0;
    if format == Format::Table {
        let info = plan.emit(|p| {
            runs += p.tally.runs();
            block.push(p);
            Ok(())
        })?;
        summary::write_table(out, name, &scenario, &keys, &point_rows(&block))?;
        return Ok((info, runs));
    }
    let mut w = summary::Blocks::new(out, name, &scenario, &keys, format)?;
    let info = plan.emit(|p| {
        runs += p.tally.runs();
        block.push(p);
        if block.len() == BLOCK {
            w.write(&point_rows(&block))?;
            block.clear();
        }
        Ok(())
    })?;
    w.write(&point_rows(&block))?;
    w.finish()?;
    Ok((info, runs))
}

/// The parts of a sharded tournament (`catch22 tournament --shard`) into its
/// ranking, byte-identical to the unsharded run.
fn merge_tournament(
    a: MergeArgs,
    texts: &[(String, String)],
    io: &mut Io,
) -> Result<Option<String>> {
    if a.allow_partial {
        return Err(crate::Error::Usage(
            "--allow-partial does not apply to a tournament: its ranking needs every match".into(),
        ));
    }
    let out = io.open("--out", a.out.out.as_deref())?;
    let (players, results) = tournament_part::merge_texts(texts)?;
    let names: Vec<&str> = players.iter().map(String::as_str).collect();
    let name = out.name().to_string();
    let out = write_ranking(out, &name, &names, &results.ranking(), a.format.get())?;
    io.commit(vec![out])?;
    Ok(Some(format!(
        "catch22 merge: {} tournament part{}: {} players, {} matches",
        a.parts.len(),
        if a.parts.len() == 1 { "" } else { "s" },
        players.len(),
        results.matches.len()
    )))
}

/// The parts of a sharded `explore` into its samples CSV, byte-identical to
/// the unsharded run.
fn merge_explore(a: MergeArgs, texts: &[(String, String)], io: &mut Io) -> Result<Option<String>> {
    if a.format.get() != Format::Csv {
        return Err(crate::Error::Usage(
            "the samples of `explore` merge to CSV; drop --format".into(),
        ));
    }
    let mut out = io.open("--out", a.out.out.as_deref())?;
    let m = explore::merge_texts(texts, a.allow_partial)?;
    let name = out.name().to_string();
    crate::output::write_rows(&mut out, &name, &m.columns, &m.rows)?;
    io.commit(vec![out])?;
    let mut status = format!(
        "catch22 merge: {} explore part{}: {} samples",
        a.parts.len(),
        if a.parts.len() == 1 { "" } else { "s" },
        m.rows.len()
    );
    if !m.missing.is_empty() {
        status.push_str(&format!(
            "\nwarning: merged without {} missing shard(s); the sample column says which samples are present",
            m.missing.len()
        ));
    }
    Ok(Some(status))
}
