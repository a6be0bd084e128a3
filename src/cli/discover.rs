//! `catch22 discover`: PRIM scenario discovery on a CSV of samples (the
//! output of `explore`, or any CSV of the same shape).

use std::fmt::Write as _;
use std::io::Write;

use clap::{Args, ValueEnum};

use super::io::Io;
use super::{FormatFlag, OutFlags};
use crate::error::{Error, Origin, Result};
use crate::output::digits::shortest;
use crate::output::discover::{self, Input};
use crate::uncertainty::prim::{self, Config, Data};

/// How `discover` writes the trajectory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiscoverFormat {
    /// The trajectory as CSV, one row per step.
    Csv,
    /// The trade-off, the chosen box and each restriction's significance.
    Text,
    /// The trajectory as a JSON array of records.
    Json,
}

/// `catch22 discover`.
#[derive(Debug, Clone, Args)]
pub struct DiscoverArgs {
    /// A CSV of samples: `catch22 explore`'s output, or any CSV with one row
    /// per sample and numeric input columns.
    pub samples: String,
    /// The outcome column (e.g. deal).
    #[arg(long, value_name = "COL")]
    pub outcome: String,
    /// A sample is a case of interest when its outcome is above X.
    #[arg(long, value_name = "X", allow_negative_numbers = true)]
    pub threshold: f64,
    /// Cases of interest are below the threshold instead.
    #[arg(long)]
    pub below: bool,
    /// Share of the box's samples one peel removes.
    #[arg(long = "peel-alpha", value_name = "A", default_value_t = 0.05)]
    pub peel_alpha: f64,
    /// Share one paste adds back.
    #[arg(long = "paste-alpha", value_name = "A", default_value_t = 0.05)]
    pub paste_alpha: f64,
    /// The smallest share of the samples a box may hold.
    #[arg(long = "mass-min", value_name = "M", default_value_t = 0.05)]
    pub mass_min: f64,
    /// Leave a column out of the inputs (repeatable).
    #[arg(long = "exclude", value_name = "COL")]
    pub exclude: Vec<String>,
    /// The step the text shows as the chosen box [default: the largest
    /// harmonic mean of coverage and density].
    #[arg(long, value_name = "STEP")]
    pub pick: Option<usize>,
    /// Output format.
    #[command(flatten)]
    pub format: FormatFlag<DiscoverFormat>,
    /// --out, --no-meta, -q.
    #[command(flatten)]
    pub out: OutFlags,
}

/// `catch22 discover`.
pub fn discover(a: DiscoverArgs, io: &mut Io) -> Result<Option<String>> {
    let config = Config {
        peel_alpha: a.peel_alpha,
        paste_alpha: a.paste_alpha,
        mass_min: a.mass_min,
    };
    config.check().map_err(Error::Usage)?;
    if !a.threshold.is_finite() {
        return Err(Error::Usage(format!(
            "--threshold must be a finite number, got {}",
            a.threshold
        )));
    }
    let input = discover::read(&a.samples, &a.outcome, &a.exclude)?;
    let y: Vec<bool> = input
        .outcome
        .iter()
        .map(|&v| {
            if a.below {
                v < a.threshold
            } else {
                v > a.threshold
            }
        })
        .collect();
    let cases = y.iter().filter(|c| **c).count();
    let (lo, hi) = input
        .outcome
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
            (l.min(*v), h.max(*v))
        });
    let relation = if a.below { "<" } else { ">" };
    if cases == 0 || cases == y.len() {
        return Err(Error::input(
            Origin::source(&a.samples).with_key(&a.outcome),
            format!(
                "{} of the {} samples have {} {relation} {} (it ranges from {} to {}): \
                 choose a threshold that separates them",
                if cases == 0 { "none" } else { "all" },
                y.len(),
                a.outcome,
                a.threshold,
                shortest(lo),
                shortest(hi)
            ),
        ));
    }
    let data = Data {
        x: &input.columns,
        y: &y,
    };
    let steps = prim::trajectory(&data, &config);
    let chosen = match a.pick {
        None => prim::pick(&steps),
        Some(p) if p < steps.len() => p,
        Some(p) => {
            return Err(Error::Usage(format!(
                "--pick {p}: the trajectory has steps 0 to {}",
                steps.len() - 1
            )));
        }
    };
    io.input(&a.samples)?;
    let mut out = io.open("--out", a.out.out.as_deref())?;
    let name = out.name().to_string();
    let rows = discover::rows(&steps);
    let header = discover::header(&input.names);
    match a.format.get() {
        DiscoverFormat::Csv => crate::output::write_rows(&mut out, &name, &header, &rows)?,
        DiscoverFormat::Json => discover::write_json(&mut out, &name, &header, &rows)?,
        DiscoverFormat::Text => {
            let what = format!("{} {relation} {}", a.outcome, a.threshold);
            let text = text(&input, &data, &steps, chosen, &what, a.pick.is_some());
            out.write_all(text.as_bytes())
                .map_err(|e| Error::write(&name, &e))?;
        }
    }
    io.commit(vec![out])?;
    let c = &steps[chosen];
    let mut status = format!(
        "catch22 discover: {} {relation} {} in {cases} of {} samples; {} steps; box {chosen}: coverage {:.3}, density {:.3}, mass {:.3}, {} restricted",
        a.outcome,
        a.threshold,
        y.len(),
        steps.len(),
        c.coverage,
        c.density,
        c.mass,
        c.n_restricted(&steps[0])
    );
    if !input.skipped.is_empty() {
        status.push_str(&format!(
            "\nnote: not numeric, so not inputs: {}",
            input.skipped.join(", ")
        ));
    }
    Ok(Some(status))
}

/// A number with about four significant digits.
fn short(x: f64) -> String {
    let a = x.abs();
    if a == 0.0 {
        "0".to_string()
    } else if (1e-3..1e6).contains(&a) {
        let decimals = (3 - a.log10().floor() as i32).max(0) as usize;
        format!("{x:.decimals$}")
    } else {
        format!("{x:.3e}")
    }
}

/// The text view: the trade-off, the chosen box and its restrictions.
fn text(
    input: &Input,
    data: &Data<'_>,
    steps: &[prim::Step],
    chosen: usize,
    what: &str,
    picked: bool,
) -> String {
    let init = &steps[0];
    let mut t = String::new();
    let _ = writeln!(
        t,
        "PRIM: {what} in {} of {} samples (density {:.3})",
        init.k, init.n, init.density
    );
    let _ = writeln!(t, "inputs: {}", input.names.join(", "));
    let _ = writeln!(
        t,
        "\nThe trade-off, step by step (peeling, then pasting):\n"
    );
    let _ = writeln!(t, "step  move   coverage  density   mass  restricted");
    for (i, s) in steps.iter().enumerate() {
        let kind = match s.kind {
            prim::Move::Start => "start",
            prim::Move::Peel => "peel",
            prim::Move::Paste => "paste",
        };
        let _ = writeln!(
            t,
            "{i:>4}  {kind:<5}  {:>8.3}  {:>7.3}  {:>5.3}  {:>10}{}",
            s.coverage,
            s.density,
            s.mass,
            s.n_restricted(init),
            if i == chosen { "  <- chosen" } else { "" }
        );
    }
    let c = &steps[chosen];
    let _ = writeln!(
        t,
        "\nChosen box: step {chosen}{}: coverage {:.3}, density {:.3}, mass {:.3} ({} samples, {} of interest)",
        if picked {
            " (--pick)".to_string()
        } else {
            format!(
                ", the largest harmonic mean of coverage and density ({:.3})",
                c.f1()
            )
        },
        c.coverage,
        c.density,
        c.mass,
        c.n,
        c.k
    );
    let sig = prim::significance(data, steps, chosen);
    let width = input.names.iter().map(|n| n.len()).max().unwrap_or(0);
    for (j, name) in input.names.iter().enumerate() {
        if !c.restricted(init, j) {
            continue;
        }
        let range = match (c.lower[j] != init.lower[j], c.upper[j] != init.upper[j]) {
            (true, true) => format!("{} to {}", short(c.lower[j]), short(c.upper[j])),
            (true, false) => format!(">= {}", short(c.lower[j])),
            _ => format!("<= {}", short(c.upper[j])),
        };
        let qps: Vec<String> = sig
            .iter()
            .filter(|s| s.input == j)
            .map(|s| {
                format!(
                    "{} limit qp {:.1e}",
                    if s.lower { "lower" } else { "upper" },
                    s.qp
                )
            })
            .collect();
        let _ = writeln!(
            t,
            "  {name:<width$}  {range:<24} (data {} to {}; {})",
            short(init.lower[j]),
            short(init.upper[j]),
            qps.join(", ")
        );
    }
    let free: Vec<&str> = input
        .names
        .iter()
        .enumerate()
        .filter(|(j, _)| !c.restricted(init, *j))
        .map(|(_, n)| n.as_str())
        .collect();
    if !free.is_empty() {
        let _ = writeln!(t, "  unrestricted: {}", free.join(", "));
    }
    let _ = writeln!(
        t,
        "\nqp: the one-sided binomial probability of the box's cases of interest if the \
         limit were removed (Bryant and Lempert 2010); a restriction with qp above 0.05 \
         is not clearly needed."
    );
    t
}
