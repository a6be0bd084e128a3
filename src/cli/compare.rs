//! `catch22 compare A B`: two outcome distributions, point by point.

use std::collections::BTreeMap;
use std::io::Write;

use super::io::{Given, Io, given, scenario};
use super::{CompareArgs, Format, threads};
use crate::engine::{self, Progress, paired::joint_outcomes};
use crate::error::{Error, Result};
use crate::model::Outcome;
use crate::output::json::Kind;
use crate::output::num;
use crate::output::read::{self, Summary};
use crate::output::table::Table;
use crate::scenario::{Point, Scenario};
use crate::stats::compare::{PointComparison, compare as compare_counts, marginals};

/// One input: a summary CSV, or a scenario to run.
enum Input {
    Csv(Summary),
    Scenario(Box<Scenario>, Vec<Point>),
}

impl Input {
    fn keys(&self) -> Vec<String> {
        match self {
            Input::Csv(s) => s.keys.clone(),
            Input::Scenario(s, _) => s.axes.iter().map(|a| a.key().to_string()).collect(),
        }
    }

    /// (point number, coordinates as printed) of every point (none for a
    /// point chosen by `--point-a`/`--point-b`).
    fn labels(&self) -> Vec<(usize, Vec<String>)> {
        let n = self.keys().len();
        let mut labels = self.all_labels();
        for (_, c) in &mut labels {
            c.truncate(n);
        }
        labels
    }

    fn all_labels(&self) -> Vec<(usize, Vec<String>)> {
        match self {
            Input::Csv(s) => s
                .points
                .iter()
                .map(|p| (p.index, p.coordinates.clone()))
                .collect(),
            Input::Scenario(_, points) => points
                .iter()
                .map(|p| {
                    (
                        p.index,
                        p.coordinates.iter().map(|v| v.to_string()).collect(),
                    )
                })
                .collect(),
        }
    }

    fn name(&self) -> String {
        match self {
            Input::Csv(s) => s.path.clone(),
            Input::Scenario(s, _) => s.source.clone(),
        }
    }

    /// Keeps only the point `sel` chooses (its number, or KEY=VALUE,... of
    /// its varied keys); with no `sel`, the input must have one point.
    /// Returns a label of the point kept.
    fn select(&mut self, sel: Option<&str>, flag: &str, side: &str) -> Result<String> {
        let keys = self.keys();
        let labels = self.all_labels();
        let chosen = match sel {
            None if labels.len() == 1 => 0,
            None => {
                return Err(Error::Usage(format!(
                    "{side} has {} points: choose one with {flag} (a point number, or KEY=VALUE,...)",
                    labels.len()
                )));
            }
            Some(sel) => find_point(sel, &keys, &labels)
                .map_err(|m| Error::Usage(format!("{flag} {sel}: {m}")))?,
        };
        let label = point_label(labels[chosen].0, &keys, &labels[chosen].1);
        match self {
            Input::Csv(s) => {
                let p = s.points.swap_remove(chosen);
                s.points = vec![p];
                s.keys.clear();
            }
            Input::Scenario(s, points) => {
                let p = points.swap_remove(chosen);
                *points = vec![p];
                s.axes.clear();
            }
        }
        Ok(label)
    }
}

/// `point 3 (iran.resilience=0.4)`.
fn point_label(index: usize, keys: &[String], coords: &[String]) -> String {
    if keys.is_empty() {
        return format!("point {index}");
    }
    let at: Vec<String> = keys
        .iter()
        .zip(coords)
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    format!("point {index} ({})", at.join(", "))
}

/// The position of the point a selector names.
fn find_point(
    sel: &str,
    keys: &[String],
    labels: &[(usize, Vec<String>)],
) -> std::result::Result<usize, String> {
    if let Ok(n) = sel.trim().parse::<usize>() {
        return labels
            .iter()
            .position(|(i, _)| *i == n)
            .ok_or_else(|| format!("no point {n} (points 0..{})", labels.len()));
    }
    let mut want: Vec<(usize, String)> = Vec::new();
    for part in sel.split(',') {
        let Some((k, v)) = part.split_once('=') else {
            return Err("expected a point number or KEY=VALUE,...".to_string());
        };
        let Some(i) = keys.iter().position(|x| x == k.trim()) else {
            return Err(format!(
                "`{}` is not a varied key (varied: {})",
                k.trim(),
                if keys.is_empty() {
                    "none".to_string()
                } else {
                    keys.join(", ")
                }
            ));
        };
        want.push((i, normal(v.trim())));
    }
    let hits: Vec<usize> = labels
        .iter()
        .enumerate()
        .filter(|(_, (_, c))| want.iter().all(|(i, v)| normal(&c[*i]) == *v))
        .map(|(k, _)| k)
        .collect();
    match hits.as_slice() {
        [k] => Ok(*k),
        [] => Err("no point has these values".to_string()),
        _ => Err(format!(
            "{} points have these values; name every varied key",
            hits.len()
        )),
    }
}

/// Whether an input read by [`given`] is a summary CSV (else a scenario file).
fn is_csv(arg: &str, g: Option<&Given>) -> bool {
    g.is_some_and(|g| arg.ends_with(".csv") || read::is_summary_text(&g.text))
}

/// A coordinate for matching: numbers by value (`0.10` matches `0.1`), other text as is.
fn normal(text: &str) -> String {
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() => format!("{x}"),
        _ => text.to_string(),
    }
}

/// Compares A and B and writes the table of differences.
pub fn compare(a: CompareArgs, io: &mut Io, progress: &dyn Progress) -> Result<Option<String>> {
    // Each input is read once (it may be a pipe: `compare <(cmd) b.csv`).
    let ga = given(&a.a, "input")?;
    let gb = if a.b == a.a {
        ga.clone()
    } else {
        given(&a.b, "input")?
    };
    let (csv_a, csv_b) = (is_csv(&a.a, ga.as_ref()), is_csv(&a.b, gb.as_ref()));
    let scenario_flags = a.flags.runs.is_some()
        || a.flags.seed.seed.is_some()
        || !a.flags.set.is_empty()
        || !a.grid.vary.is_empty()
        || a.flags.threads.threads.is_some();
    if csv_a && csv_b && scenario_flags {
        return Err(Error::Usage(
            "--runs, --seed, --threads, --set and --vary apply to scenarios, and A and B are both summary CSVs"
                .to_string(),
        ));
    }
    for (csv, flag, sets) in [(csv_a, "--set-a", &a.set_a), (csv_b, "--set-b", &a.set_b)] {
        if csv && !sets.is_empty() {
            return Err(Error::Usage(format!(
                "{flag} applies to a scenario, and that side is a summary CSV"
            )));
        }
    }
    io.inputs([a.a.as_str(), a.b.as_str()])?;
    let mut out = io.open("--out", a.out.out.as_deref())?;
    // Runs and seed common to both scenarios: the flags, else A's (else B's).
    let mut first: Option<(String, String)> = None;
    let mut load = |arg: &str, g: Option<&Given>, own: &[String], role: &str| -> Result<Input> {
        if is_csv(arg, g) {
            let text = g.map_or("", |g| g.text.as_str());
            return Ok(Input::Csv(read::parse(text, arg)?));
        }
        let mut s = scenario(arg, g)?;
        for raw in a.flags.set.iter().chain(own) {
            s.set(raw)?;
        }
        for v in &a.grid.vary {
            s.vary(v)?;
        }
        let (runs, seed) = first.get_or_insert_with(|| {
            (
                a.flags
                    .runs
                    .clone()
                    .unwrap_or_else(|| s.value("scenario.runs").to_string()),
                a.flags
                    .seed
                    .seed
                    .clone()
                    .unwrap_or_else(|| s.value("scenario.seed").to_string()),
            )
        });
        s.set_key("--runs", "scenario.runs", runs)?;
        s.set_key("--seed", "scenario.seed", seed)?;
        let points = s.points(a.grid.max_points)?;
        let sets: Vec<String> = a.flags.set.iter().chain(own).cloned().collect();
        io.scenario(role, &s, &sets);
        Ok(Input::Scenario(Box::new(s), points))
    };
    let mut ia = load(&a.a, ga.as_ref(), &a.set_a, "a")?;
    let mut ib = load(&a.b, gb.as_ref(), &a.set_b, "b")?;
    let threads = threads(&a.flags.threads)?;
    // Two points, of one input or of two: compared as they are, whatever their keys.
    let selected = if a.point_a.is_some() || a.point_b.is_some() {
        let la = ia.select(a.point_a.as_deref(), "--point-a", "A")?;
        let lb = ib.select(a.point_b.as_deref(), "--point-b", "B")?;
        Some((la, lb))
    } else {
        None
    };
    let identical = match (&ia, &ib) {
        (Input::Scenario(x, px), Input::Scenario(y, py)) => {
            x.values == y.values
                && px.len() == py.len()
                && px
                    .iter()
                    .zip(py.iter())
                    .all(|(p, q)| p.coordinates == q.coordinates)
        }
        (Input::Csv(x), Input::Csv(y)) => {
            let same_file = ga.as_ref().map(|g| &g.sha256) == gb.as_ref().map(|g| &g.sha256);
            same_file && x.points == y.points
        }
        _ => false,
    };
    // Match the points by their varied-key values.
    let (keys_a, keys_b) = (ia.keys(), ib.keys());
    let (mut sa, mut sb) = (keys_a.clone(), keys_b.clone());
    sa.sort();
    sb.sort();
    if sa != sb {
        return Err(Error::Usage(format!(
            "A and B vary different keys (A: [{}], B: [{}]); compare inputs over the same grid",
            keys_a.join(", "),
            keys_b.join(", ")
        )));
    }
    let perm: Vec<usize> = keys_a
        .iter()
        .map(|k| keys_b.iter().position(|x| x == k).expect("same keys"))
        .collect();
    let (labels_a, labels_b) = (ia.labels(), ib.labels());
    let mut index_b: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    for (i, (_, c)) in labels_b.iter().enumerate() {
        let key: Vec<String> = perm.iter().map(|&k| normal(&c[k])).collect();
        index_b.insert(key, i);
    }
    let at = |c: &[String]| -> String {
        keys_a
            .iter()
            .zip(c)
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut pairs: Vec<(usize, usize)> = Vec::with_capacity(labels_a.len());
    for (i, (index, c)) in labels_a.iter().enumerate() {
        let key: Vec<String> = c.iter().map(|v| normal(v)).collect();
        match index_b.remove(&key) {
            Some(j) => pairs.push((i, j)),
            None => {
                return Err(Error::Usage(format!(
                    "point {index} of A ({}) has no match in B",
                    at(c)
                )));
            }
        }
    }
    if let Some(&j) = index_b.values().next() {
        let (index, c) = &labels_b[j];
        let c: Vec<String> = perm.iter().map(|&k| c[k].clone()).collect();
        return Err(Error::Usage(format!(
            "point {index} of B ({}) has no match in A",
            at(&c)
        )));
    }

    let pool = engine::pool(threads)?;
    let counts = |input: &Input, i: usize| -> [u64; 4] {
        match input {
            Input::Csv(s) => s.points[i].counts,
            Input::Scenario(_, points) => {
                let p = &points[i];
                let t = engine::tally_runs_with(p, 0..p.runs, &pool, progress);
                Outcome::ALL.map(|o| t.outcome(o).count)
            }
        }
    };
    let paired = matches!((&ia, &ib), (Input::Scenario(..), Input::Scenario(..)));
    let planned: u64 = [&ia, &ib]
        .iter()
        .map(|input| match input {
            Input::Scenario(_, points) => points.iter().map(|p| p.runs).sum(),
            Input::Csv(_) => 0,
        })
        .sum();
    progress.plan(if paired { planned / 2 } else { planned });
    let mut results: Vec<(usize, Vec<String>, PointComparison)> = Vec::new();
    for &(i, j) in &pairs {
        let cmp = match (&ia, &ib) {
            (Input::Scenario(_, pa), Input::Scenario(_, pb)) => {
                let (p, q) = (&pa[i], &pb[j]);
                if p.runs != q.runs || p.seed != q.seed {
                    return Err(Error::Usage(format!(
                        "point {}: A and B have different runs or seeds (a [sweep] axis over \
                         scenario.runs or scenario.seed?); a paired comparison needs the same",
                        p.index
                    )));
                }
                let joint = joint_outcomes(p, q, 0..p.runs, &pool, progress);
                let (ca, cb) = marginals(&joint);
                compare_counts(ca, cb, Some(&joint))
            }
            _ => compare_counts(counts(&ia, i), counts(&ib, j), None),
        };
        results.push((labels_a[i].0, labels_a[i].1.clone(), cmp));
    }
    let name = out.name().to_string();
    write(&mut out, &name, a.format.get(), &keys_a, &results, paired)?;
    io.commit(vec![out])?;
    let how = if paired {
        let (runs, seed) = match &ia {
            Input::Scenario(_, p) => (p[0].runs, p[0].seed),
            Input::Csv(_) => (0, 0),
        };
        format!("paired intervals: both run on the same random numbers, {runs} runs, seed {seed}")
    } else {
        "independent-sample intervals (Newcombe)".to_string()
    };
    let what = match &selected {
        Some((la, lb)) => format!("{} {la} vs {} {lb}", ia.name(), ib.name()),
        None => format!(
            "{} vs {}: {} point{}",
            ia.name(),
            ib.name(),
            results.len(),
            if results.len() == 1 { "" } else { "s" }
        ),
    };
    let mut status = format!("catch22 compare: {what}, {how}");
    if identical {
        status.push_str(
            "\nwarning: A and B are identical, so every difference is 0; \
             compare variants with --set-a/--set-b, or two points with --point-a/--point-b",
        );
    }
    Ok(Some(status))
}

/// A p-value: six decimals, or four significant digits in scientific
/// notation below 0.001 (so that small p-values are not printed as 0).
pub fn p_value(p: f64) -> String {
    if p >= 1e-3 || p == 0.0 {
        num(p)
    } else {
        format!("{p:.3e}")
    }
}

/// The columns of the comparison (the contract first).
pub fn columns(keys: &[String]) -> Vec<String> {
    let mut c = vec!["point".to_string()];
    c.extend(keys.iter().cloned());
    c.extend(
        [
            "outcome",
            "p_a",
            "p_b",
            "diff",
            "diff_low",
            "diff_high",
            "chi2_p",
            "tvd",
            "runs_a",
            "count_a",
            "runs_b",
            "count_b",
            "chi2",
            "df",
            "interval",
        ]
        .map(String::from),
    );
    c
}

/// Writes the comparison of each point (`paired`: Newcombe's paired intervals).
pub(crate) fn write<W: Write>(
    out: W,
    name: &str,
    format: Format,
    keys: &[String],
    results: &[(usize, Vec<String>, PointComparison)],
    paired: bool,
) -> Result<()> {
    let method = if paired {
        "newcombe_paired"
    } else {
        "newcombe"
    };
    let mut rows = Vec::new();
    for (index, coords, c) in results {
        for (k, o) in Outcome::ALL.iter().enumerate() {
            let d = &c.outcomes[k];
            let mut row = vec![index.to_string()];
            row.extend(coords.iter().cloned());
            row.extend([
                o.name().to_string(),
                num(d.p.0),
                num(d.p.1),
                num(d.diff),
                num(d.interval.0),
                num(d.interval.1),
                p_value(c.chi2_p),
                num(c.tvd),
                c.runs.0.to_string(),
                d.count.0.to_string(),
                c.runs.1.to_string(),
                d.count.1.to_string(),
                num(c.chi2),
                c.df.to_string(),
                method.to_string(),
            ]);
            rows.push(row);
        }
    }
    let cols = columns(keys);
    let nk = keys.len();
    let kinds: Vec<Kind> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| match c.as_str() {
            _ if (1..=nk).contains(&i) => Kind::Auto,
            "outcome" | "interval" => Kind::Text,
            _ => Kind::Number,
        })
        .collect();
    let table = Table {
        columns: cols,
        kinds,
        rows,
    };
    match format {
        Format::Csv => table.write_csv(out, name),
        Format::Json => table.write_json(out, name),
        Format::Table => {
            let short = |x: f64| format!("{x:.4}");
            let mut head = vec!["point".to_string()];
            head.extend(keys.iter().cloned());
            head.extend(
                [
                    "outcome",
                    "p_a",
                    "p_b",
                    "diff",
                    "95% interval",
                    "chi2_p",
                    "tvd",
                ]
                .map(String::from),
            );
            let mut trows = Vec::new();
            for (index, coords, c) in results {
                for (k, o) in Outcome::ALL.iter().enumerate() {
                    let d = &c.outcomes[k];
                    let first = k == 0;
                    let mut row = vec![if first {
                        index.to_string()
                    } else {
                        String::new()
                    }];
                    row.extend(
                        coords
                            .iter()
                            .map(|v| if first { v.clone() } else { String::new() }),
                    );
                    row.extend([
                        o.name().to_string(),
                        short(d.p.0),
                        short(d.p.1),
                        format!("{:+.4}", d.diff),
                        format!("[{:+.4}, {:+.4}]", d.interval.0, d.interval.1),
                        if first {
                            p_value(c.chi2_p)
                        } else {
                            String::new()
                        },
                        if first { short(c.tvd) } else { String::new() },
                    ]);
                    trows.push(row);
                }
            }
            let kinds: Vec<Kind> = (0..head.len())
                .map(|i| {
                    if i == 0 || i > nk + 1 {
                        Kind::Number
                    } else if i == nk + 1 {
                        Kind::Text
                    } else {
                        Kind::Auto
                    }
                })
                .collect();
            Table {
                columns: head,
                kinds,
                rows: trows,
            }
            .write_text(out, name)
        }
    }
}
