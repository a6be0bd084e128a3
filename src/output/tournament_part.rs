//! Partial results of a sharded tournament (`catch22 tournament --shard I/N
//! --out PART`) and their merge (`catch22 merge`).
//!
//! A part holds its shard's block of matches, by index, with the scores as
//! the exact bits of their `f64`s, and the job's identity: a hash of the
//! tournament file's text, the shard, the number of matches and the players.
//! The merge refuses parts of other jobs, duplicate and missing shards, and
//! rebuilds the results of the unsharded run exactly, so its ranking is
//! byte-identical.

use std::io::Write;

use crate::engine::Shard;
use crate::error::{Error, Origin, Result};
use crate::input::MAX_PAYOFF;
use crate::repeated::MatchResult;
use crate::repeated::file::{MAX_MATCHES, MAX_PLAYERS, MAX_REPETITIONS, MAX_TURNS};
use crate::repeated::tournament::Results;

/// The first line of every tournament part.
pub const MARKER: &str = "# catch22 tournament part v1";

/// The identity of a sharded tournament.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartHeader {
    /// FNV-1a hash of the tournament file's text, in hex.
    pub job: String,
    /// This part's shard.
    pub shard: Shard,
    /// Matches in the whole tournament.
    pub total: u64,
    /// Repetitions per pair.
    pub repetitions: u32,
    /// The players' names, in order.
    pub players: Vec<String>,
}

/// The job identity of a tournament file's text (64-bit FNV-1a).
pub fn job_id(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Writes a part: the header, then one line per match from `first`.
pub fn write<W: Write>(
    mut out: W,
    name: &str,
    h: &PartHeader,
    first: u64,
    matches: &[MatchResult],
) -> Result<W> {
    let io = |e: std::io::Error| Error::write(name, &e);
    writeln!(out, "{MARKER}").map_err(io)?;
    writeln!(out, "# job {}", h.job).map_err(io)?;
    writeln!(out, "# shard {}", h.shard).map_err(io)?;
    writeln!(out, "# matches {}", h.total).map_err(io)?;
    writeln!(out, "# repetitions {}", h.repetitions).map_err(io)?;
    for p in &h.players {
        writeln!(out, "# player {p}").map_err(io)?;
    }
    for (i, m) in matches.iter().enumerate() {
        writeln!(
            out,
            "{},{},{:016x},{:016x},{},{}",
            first + i as u64,
            m.turns,
            m.score[0].to_bits(),
            m.score[1].to_bits(),
            m.cooperations[0],
            m.cooperations[1]
        )
        .map_err(io)?;
    }
    Ok(out)
}

struct Part {
    header: PartHeader,
    rows: Vec<(u64, MatchResult)>,
}

/// A part's text; `path` names it in errors.
fn parse(text: &str, path: &str) -> Result<Part> {
    let bad = |line: usize, m: &str| {
        Error::input(
            Origin {
                source: path.to_string(),
                position: Some((line, 1)),
                key: None,
            },
            m.to_string(),
        )
    };
    let mut lines = text.lines().enumerate();
    if lines.next().map(|(_, l)| l) != Some(MARKER) {
        return Err(bad(
            1,
            "not a tournament part (it must begin with the line `# catch22 tournament part v1`)",
        ));
    }
    let mut field = |name: &str| -> Result<String> {
        match lines.next() {
            Some((i, l)) => l
                .strip_prefix(&format!("# {name} "))
                .map(str::to_string)
                .ok_or_else(|| bad(i + 1, &format!("expected `# {name} ...`"))),
            None => Err(bad(1, &format!("truncated: no `# {name}` line"))),
        }
    };
    let job = field("job")?;
    let shard: Shard = field("shard")?.parse().map_err(|m: String| bad(3, &m))?;
    let total: u64 = field("matches")?
        .parse()
        .ok()
        .filter(|t| *t <= MAX_MATCHES)
        .ok_or_else(|| bad(4, &format!("the match count must be in [0, {MAX_MATCHES}]")))?;
    let repetitions: u32 = field("repetitions")?
        .parse()
        .ok()
        .filter(|r| (1..=MAX_REPETITIONS).contains(r))
        .ok_or_else(|| {
            bad(
                5,
                &format!("the repetitions must be in [1, {MAX_REPETITIONS}]"),
            )
        })?;
    let mut players: Vec<String> = Vec::new();
    let mut rows = Vec::new();
    for (i, l) in lines {
        if let Some(p) = l.strip_prefix("# player ") {
            if players.len() == MAX_PLAYERS || players.iter().any(|q| q == p) {
                return Err(bad(
                    i + 1,
                    &format!("at most {MAX_PLAYERS} players, each named once"),
                ));
            }
            players.push(p.to_string());
            continue;
        }
        let row = match_line(l).map_err(|m| bad(i + 1, &m))?;
        rows.push(row);
    }
    if players.len() < 2 {
        return Err(bad(
            1,
            "truncated: a tournament part names at least 2 players",
        ));
    }
    Ok(Part {
        header: PartHeader {
            job,
            shard,
            total,
            repetitions,
            players,
        },
        rows,
    })
}

/// One match line `index,turns,score_a,score_b,coop_a,coop_b` (scores as
/// the hex bits of their `f64`s), checked: 1 to [`MAX_TURNS`] turns, finite
/// scores of at most [`MAX_PAYOFF`] a turn, cooperations at most the turns.
fn match_line(l: &str) -> std::result::Result<(u64, MatchResult), String> {
    let f: Vec<&str> = l.split(',').collect();
    let parsed = (|| -> Option<(u64, MatchResult)> {
        if f.len() != 6 {
            return None;
        }
        let bits = |s: &str| u64::from_str_radix(s, 16).ok().map(f64::from_bits);
        Some((
            f[0].parse().ok()?,
            MatchResult {
                turns: f[1].parse().ok()?,
                score: [bits(f[2])?, bits(f[3])?],
                cooperations: [f[4].parse().ok()?, f[5].parse().ok()?],
            },
        ))
    })();
    let Some((index, m)) = parsed else {
        return Err(
            "a malformed match line (index,turns,score bits,score bits,cooperations,cooperations)"
                .into(),
        );
    };
    let most = f64::from(m.turns) * MAX_PAYOFF;
    if !(1..=MAX_TURNS).contains(&m.turns) {
        Err(format!(
            "match {index}: turns must be in [1, {MAX_TURNS}], got {}",
            m.turns
        ))
    } else if m.score.iter().any(|s| !s.is_finite() || s.abs() > most) {
        Err(format!(
            "match {index}: a score must be finite and at most {MAX_PAYOFF:e} a turn in magnitude, got {} and {}",
            m.score[0], m.score[1]
        ))
    } else if m.cooperations.iter().any(|&c| c > m.turns) {
        Err(format!(
            "match {index}: more cooperations than its {} turns",
            m.turns
        ))
    } else {
        Ok((index, m))
    }
}

/// Merges the parts of one sharded tournament: the players' names and the
/// results, exactly as the unsharded run.
pub fn merge(paths: &[String]) -> Result<(Vec<String>, Results)> {
    merge_texts(&crate::input::read_texts(paths, "the part")?)
}

/// [`merge`] of the parts' texts: (path, text) pairs.
pub fn merge_texts(texts: &[(String, String)]) -> Result<(Vec<String>, Results)> {
    let mut parts: Vec<(String, Part)> = Vec::with_capacity(texts.len());
    for (p, text) in texts {
        let part = parse(text, p)?;
        if let Some((first_path, first)) = parts.first() {
            let (a, b) = (&first.header, &part.header);
            if a.job != b.job
                || a.shard.count != b.shard.count
                || a.total != b.total
                || a.repetitions != b.repetitions
                || a.players != b.players
            {
                return Err(Error::Usage(format!(
                    "`{p}` is a part of another tournament job than `{first_path}`"
                )));
            }
            if let Some((q, _)) = parts.iter().find(|(_, x)| x.header.shard == b.shard) {
                return Err(Error::Usage(format!(
                    "`{p}` and `{q}` are both shard {}",
                    b.shard
                )));
            }
        }
        let want = part.header.shard.span(part.header.total);
        let got: Vec<u64> = part.rows.iter().map(|r| r.0).collect();
        if !got.iter().copied().eq(want.clone()) {
            return Err(Error::Usage(format!(
                "`{p}` does not hold exactly matches {}..{} of shard {}",
                want.start, want.end, part.header.shard
            )));
        }
        parts.push((p.clone(), part));
    }
    let Some((_, first)) = parts.first() else {
        return Err(Error::Usage("no parts to merge".into()));
    };
    let h = first.header.clone();
    if parts.len() as u64 != h.shard.count {
        let mut missing: Vec<String> = (0..h.shard.count)
            .filter(|i| !parts.iter().any(|(_, x)| x.header.shard.index == *i))
            .take(20)
            .map(|i| i.to_string())
            .collect();
        if missing.len() == 20 {
            missing.push("...".into());
        }
        return Err(Error::Usage(format!(
            "a tournament merges only whole: {} of {} shards are missing ({})",
            h.shard.count - parts.len() as u64,
            h.shard.count,
            missing.join(", ")
        )));
    }
    parts.sort_by_key(|(_, x)| x.header.shard.index);
    let matches: Vec<MatchResult> = parts
        .into_iter()
        .flat_map(|(_, x)| x.rows.into_iter().map(|r| r.1))
        .collect();
    let n = h.players.len();
    if matches.len() as u64 != h.total
        || (n * (n + 1) / 2) as u64 * u64::from(h.repetitions) != h.total
    {
        return Err(Error::Usage(
            "the parts do not add up to the tournament's matches".into(),
        ));
    }
    Ok((h.players, Results::new(n, h.repetitions, matches)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_cover_every_match_once() {
        for (total, n) in [(5500, 3), (7, 10), (0, 2), (1, 1)] {
            let mut next = 0;
            for i in 0..n {
                let b = Shard { index: i, count: n }.span(total);
                assert_eq!(b.start, next);
                next = b.end;
            }
            assert_eq!(next, total);
        }
    }

    #[test]
    fn job_ids_differ_with_the_text() {
        assert_eq!(job_id(""), "cbf29ce484222325");
        assert_ne!(job_id("seed = 1"), job_id("seed = 2"));
    }
}
