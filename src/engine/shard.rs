//! Splitting a job over machines: shard I of N takes a deterministic share.
//!
//! With at least N points, shard I takes a contiguous block of whole points;
//! with fewer, it takes the same contiguous range of runs from every point.
//! Because run i of a point always draws from stream (seed, i + 1), any split
//! reproduces exactly the runs of the unsharded job, and merging the integer
//! tallies gives identical bytes.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use crate::error::Result;
use crate::scenario::{Point, Scenario};

/// The most shards a job may be split into.
pub const MAX_SHARDS: u64 = 1_000_000;

/// One unit of work: a range of runs of one point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work {
    /// The point's number.
    pub point: usize,
    /// The runs, by index.
    pub runs: Range<u64>,
}

/// Shard `index` of `count`, 0-based (`--shard 0/4` ... `--shard 3/4`), as
/// Slurm numbers array tasks with `--array=0-3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shard {
    /// Which shard, from 0.
    pub index: u64,
    /// How many shards.
    pub count: u64,
}

impl Shard {
    /// The whole job as one shard.
    pub const WHOLE: Shard = Shard { index: 0, count: 1 };

    /// The points this shard needs, validated, and its share of the work
    /// (`Work::point` indexes the returned points; `Point::index` is the
    /// point's number in the whole grid). A shard of whole points builds only
    /// its own block, so its start-up does not grow with the grid.
    pub fn plan(&self, s: &Scenario, max_points: usize) -> Result<(Vec<Point>, Vec<Work>)> {
        let count = s.point_count(max_points)?;
        if count as u128 >= u128::from(self.count) {
            let points = self
                .block(count)
                .map(|i| s.point(i))
                .collect::<Result<Vec<_>>>()?;
            let work = points
                .iter()
                .enumerate()
                .map(|(point, p)| Work {
                    point,
                    runs: 0..p.runs,
                })
                .collect();
            Ok((points, work))
        } else {
            let points = s.points(max_points)?;
            let work = self.work(&points);
            Ok((points, work))
        }
    }

    /// This shard's contiguous block of `len` items (samples, evaluations):
    /// items ⌊I·len/N⌋ up to ⌊(I + 1)·len/N⌋.
    pub fn block(&self, len: usize) -> Range<usize> {
        let b = self.span(len as u64);
        b.start as usize..b.end as usize
    }

    /// [`Shard::block`] of a count kept in 64 bits (a tournament's matches).
    pub fn span(&self, len: u64) -> Range<u64> {
        let part = |k: u64| (u128::from(len) * u128::from(k) / u128::from(self.count)) as u64;
        part(self.index)..part(self.index + 1)
    }

    /// This shard's share of the job.
    pub fn work(&self, points: &[Point]) -> Vec<Work> {
        let (i, n) = (u128::from(self.index), u128::from(self.count));
        let part = |len: u128, k: u128| (len * k / n) as u64;
        let p = points.len() as u128;
        if p >= n {
            (part(p, i)..part(p, i + 1))
                .map(|point| Work {
                    point: point as usize,
                    runs: 0..points[point as usize].runs,
                })
                .collect()
        } else {
            points
                .iter()
                .enumerate()
                .map(|(point, pt)| Work {
                    point,
                    runs: part(u128::from(pt.runs), i)..part(u128::from(pt.runs), i + 1),
                })
                .filter(|w| !w.runs.is_empty())
                .collect()
        }
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = String;

    /// Parses `I/N` with 0 ≤ I < N ≤ [`MAX_SHARDS`].
    fn from_str(s: &str) -> std::result::Result<Shard, String> {
        let bad = || {
            format!(
                "`{s}` is not I/N with 0 <= I < N <= {MAX_SHARDS} (shards are numbered from 0, as Slurm array tasks with --array=0-(N-1))"
            )
        };
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u64 = i.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || count > MAX_SHARDS || index >= count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(n: usize, runs: u64) -> Vec<Point> {
        let mut s = Scenario::from_text("", "t").unwrap();
        s.set(&format!("scenario.runs={runs}")).unwrap();
        if n > 1 {
            s.vary(&format!("iran.resilience=0:1:{n}")).unwrap();
        }
        s.points(1000).unwrap()
    }

    /// Every (point, run) is covered exactly once by the shards of a job.
    fn covers_exactly(points: &[Point], n: u64) {
        let mut seen: Vec<Vec<u32>> = points.iter().map(|p| vec![0; p.runs as usize]).collect();
        for i in 0..n {
            for w in (Shard { index: i, count: n }).work(points) {
                for r in w.runs {
                    seen[w.point][r as usize] += 1;
                }
            }
        }
        assert!(seen.iter().flatten().all(|&c| c == 1), "n = {n}");
    }

    #[test]
    fn shards_partition_points_or_runs() {
        let many = points(7, 10);
        let one = points(1, 10);
        for n in [1, 2, 3, 7, 8, 13, 20] {
            covers_exactly(&many, n);
            covers_exactly(&one, n);
        }
        let w = Shard { index: 1, count: 3 }.work(&many);
        assert_eq!(w.iter().map(|w| w.point).collect::<Vec<_>>(), [2, 3]);
        assert!(w.iter().all(|w| w.runs == (0..10)));
        let w = Shard { index: 1, count: 3 }.work(&one);
        assert_eq!(
            w,
            [Work {
                point: 0,
                runs: 3..6
            }]
        );
    }

    #[test]
    fn plans_build_only_the_shards_points() {
        let mut s = Scenario::from_text("", "t").unwrap();
        s.set("scenario.runs=10").unwrap();
        s.vary("iran.resilience=0:1:7").unwrap();
        let all = s.points(100).unwrap();
        for n in [1, 3, 7, 20] {
            for i in 0..n {
                let shard = Shard { index: i, count: n };
                let (points, work) = shard.plan(&s, 100).unwrap();
                let planned: Vec<(usize, Range<u64>)> = work
                    .iter()
                    .map(|w| (points[w.point].index, w.runs.clone()))
                    .collect();
                let expected: Vec<(usize, Range<u64>)> = shard
                    .work(&all)
                    .iter()
                    .map(|w| (all[w.point].index, w.runs.clone()))
                    .collect();
                assert_eq!(planned, expected, "{shard}");
            }
        }
    }

    #[test]
    fn blocks_tile_the_items_in_order() {
        for len in [0, 1, 5, 40, 1001] {
            for n in [1, 2, 3, 7, 50] {
                let blocks: Vec<Range<usize>> = (0..n)
                    .map(|i| Shard { index: i, count: n }.block(len))
                    .collect();
                assert_eq!(blocks[0].start, 0);
                assert_eq!(blocks[n as usize - 1].end, len);
                assert!(blocks.windows(2).all(|w| w[0].end == w[1].start));
                let sizes: Vec<usize> = blocks.iter().map(|b| b.len()).collect();
                assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1);
            }
        }
    }

    #[test]
    fn parses_i_over_n() {
        assert_eq!("2/4".parse::<Shard>(), Ok(Shard { index: 2, count: 4 }));
        assert_eq!(Shard { index: 2, count: 4 }.to_string(), "2/4");
        for bad in ["4/4", "0/0", "x/4", "1", "-1/4", "1/2000000"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
