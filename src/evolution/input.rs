//! Evolution files: a payoff matrix (given, or a tournament's) and the
//! `[moran]` and `[replicator]` tables, read with the line and column of
//! every problem.
//!
//! ```toml
//! [payoffs]                              # or a [tournament] table
//! strategies = ["Hawk", "Dove"]
//! matrix = [[-1, 2],                     # matrix[i][j]: i's payoff against j
//!           [0, 1]]
//!
//! [moran]
//! population = { Hawk = 1, Dove = 9 }    # counts; N = their sum, in [2, 1000000]
//! runs = 10000                           # optional (default 1000)
//! seed = 1                               # optional (default 1)
//! intensity = 1.0                        # optional: w in f = 1 - w + w*payoff (default 1)
//! max_steps = 100000000                  # optional: stop a run after this many events
//!
//! [replicator]
//! shares = { Hawk = 0.1, Dove = 0.9 }    # initial shares, summing to 1
//! steps = 1000                           # optional (default 1000)
//! dt = 0.01                              # optional (default 0.01)
//! every = 1                              # optional: write every k-th step (default 1)
//! ```
//!
//! A strategy the population or the shares leave out starts at zero. With a
//! `[tournament]` table instead of `[payoffs]` (and optionally `[game]` and
//! `[[strategy]]`, as in a tournament file), the matrix is the tournament's
//! mean payoff per turn and the strategies are its players, named as in its
//! ranking (`Random(0.3)`, quoted as a key: `"Random(0.3)" = 5`).

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Payoffs;
use super::moran::{Invalid, MAX_POPULATION, Moran};
use crate::error::{Error, Origin, Result};
use crate::input::MAX_PAYOFF;
use crate::scenario::parse::type_name;
use crate::scenario::schema::{MAX_RUNS, edit_distance};

/// Default runs of `catch22 moran`.
pub const DEFAULT_RUNS: u64 = 1000;
/// Default seed of `catch22 moran`.
pub const DEFAULT_SEED: u64 = 1;
/// Default step cap of a Moran run.
pub const DEFAULT_MAX_STEPS: u64 = 100_000_000;
/// The largest step cap of a Moran run.
pub const MAX_STEPS: u64 = 1_000_000_000_000;
/// Default steps of `catch22 replicator`.
pub const DEFAULT_STEPS: u64 = 1000;
/// The most steps of `catch22 replicator`.
pub const MAX_REPLICATOR_STEPS: u64 = 100_000_000;
/// Default step size of `catch22 replicator`.
pub const DEFAULT_DT: f64 = 0.01;
/// The largest step size of `catch22 replicator`.
pub const MAX_DT: f64 = 10.0;

/// Where the payoff matrix comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum MatrixSource {
    /// A `[payoffs]` table.
    Given(Payoffs),
    /// A `[tournament]` table (with an optional `[game]`): the tournament's
    /// mean payoff per turn of each player against each.
    Tournament,
}

/// One strategy's entry in `population` or `shares`, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<T> {
    /// The strategy's name.
    pub name: String,
    /// Its count or share.
    pub value: T,
    /// Where the name was written.
    pub origin: Origin,
}

/// The `[moran]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct MoranTable {
    /// Initial counts, in file order.
    pub population: Vec<Entry<u64>>,
    /// Where `population` was written.
    pub origin: Origin,
    /// Monte Carlo runs.
    pub runs: u64,
    /// Master seed.
    pub seed: u64,
    /// Intensity of selection w.
    pub intensity: f64,
    /// Where `intensity` was written (or the table).
    pub intensity_origin: Origin,
    /// Events after which a run stops unfixed.
    pub max_steps: u64,
}

/// The `[replicator]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplicatorTable {
    /// Initial shares, in file order.
    pub shares: Vec<Entry<f64>>,
    /// Where `shares` was written.
    pub origin: Origin,
    /// Integration steps.
    pub steps: u64,
    /// Step size h.
    pub dt: f64,
    /// Where `dt` was written (or the table).
    pub dt_origin: Origin,
    /// Write every k-th step.
    pub every: u64,
}

/// A parsed evolution file.
#[derive(Debug, Clone, PartialEq)]
pub struct EvolutionFile {
    /// The file's name, for messages.
    pub source: String,
    /// The file's text (a tournament is parsed from it).
    pub text: String,
    /// Where the matrix comes from.
    pub matrix: MatrixSource,
    /// The `[moran]` table, if any.
    pub moran: Option<MoranTable>,
    /// The `[replicator]` table, if any.
    pub replicator: Option<ReplicatorTable>,
}

struct Ctx<'a> {
    text: &'a str,
    source: &'a str,
}

impl Ctx<'_> {
    fn origin(&self, span: Range<usize>, key: &str) -> Origin {
        Origin::source(self.source)
            .at_offset(self.text, span.start)
            .with_key(key)
    }

    fn err(&self, span: Range<usize>, key: &str, message: impl Into<String>) -> Error {
        Error::input(self.origin(span, key), message)
    }
}

type Item<'a> = Spanned<DeValue<'a>>;

/// Reads an evolution file from disk.
pub fn load(path: &str) -> Result<EvolutionFile> {
    parse(&crate::input::read_text(path, "the file")?, path)
}

/// Parses an evolution file; `source` names it in error messages.
pub fn parse(text: &str, source: &str) -> Result<EvolutionFile> {
    let ctx = Ctx { text, source };
    let root = crate::scenario::parse::document(text, source)?;
    let mut payoffs = None;
    let mut tournament = false;
    let mut moran = None;
    let mut replicator = None;
    for (k, v) in root.get_ref().iter() {
        let name: &str = k.get_ref();
        if name == "strategy" {
            // `[[strategy]]`: TOML-defined strategies, for the tournament's parser.
            continue;
        }
        let DeValue::Table(t) = v.get_ref() else {
            return Err(ctx.err(
                k.span(),
                name,
                "must be a table: an evolution file has [payoffs] or [tournament], and [moran] or [replicator]",
            ));
        };
        match name {
            "payoffs" => payoffs = Some((read_payoffs(&ctx, t)?, k.span())),
            // The tournament's own keys are read by the tournament's parser.
            "tournament" | "game" => tournament |= name == "tournament",
            "moran" => moran = Some(read_moran(&ctx, t, k.span())?),
            "replicator" => replicator = Some(read_replicator(&ctx, t, k.span())?),
            other => {
                return Err(ctx.err(
                    k.span(),
                    other,
                    format!(
                        "unknown table `{other}` (an evolution file has payoffs or tournament, \
                         and moran or replicator)"
                    ),
                ));
            }
        }
    }
    let matrix = match (payoffs, tournament) {
        (Some((_, span)), true) => {
            return Err(ctx.err(
                span,
                "payoffs",
                "give the payoff matrix either as [payoffs] or by a [tournament], not both",
            ));
        }
        (Some((p, _)), false) => MatrixSource::Given(p),
        (None, true) => MatrixSource::Tournament,
        (None, false) => {
            return Err(Error::input(
                Origin::source(source),
                "no payoff matrix: add a [payoffs] table (strategies and matrix) or a [tournament] table",
            ));
        }
    };
    if moran.is_none() && replicator.is_none() {
        return Err(Error::input(
            Origin::source(source),
            "nothing to evolve: add a [moran] table (population) or a [replicator] table (shares)",
        ));
    }
    Ok(EvolutionFile {
        source: source.to_string(),
        text: text.to_string(),
        matrix,
        moran,
        replicator,
    })
}

fn read_payoffs(ctx: &Ctx<'_>, t: &DeTable<'_>) -> Result<Payoffs> {
    let mut names: Option<(Vec<String>, Range<usize>)> = None;
    let mut matrix: Option<&Item<'_>> = None;
    for (k, v) in t.iter() {
        let key = format!("payoffs.{}", k.get_ref());
        match k.get_ref().as_ref() {
            "strategies" => names = Some((strings(ctx, v, &key)?, v.span())),
            "matrix" => matrix = Some(v),
            other => {
                return Err(ctx.err(
                    k.span(),
                    &key,
                    format!("unknown key `{other}` ([payoffs] has strategies and matrix)"),
                ));
            }
        }
    }
    let Some((names, names_span)) = names else {
        return Err(Error::input(
            Origin::source(ctx.source).with_key("payoffs.strategies"),
            "missing: the strategies' names, e.g. strategies = [\"Hawk\", \"Dove\"]",
        ));
    };
    let Some(matrix) = matrix else {
        return Err(Error::input(
            Origin::source(ctx.source).with_key("payoffs.matrix"),
            "missing: the payoffs, one row per strategy, e.g. matrix = [[-1, 2], [0, 1]]",
        ));
    };
    let k = names.len();
    if k == 0 {
        return Err(ctx.err(
            names_span,
            "payoffs.strategies",
            "needs at least one strategy",
        ));
    }
    for (i, n) in names.iter().enumerate() {
        if names[..i].contains(n) {
            return Err(ctx.err(
                names_span,
                "payoffs.strategies",
                format!("`{n}` is named twice"),
            ));
        }
    }
    let shape = format!("a {k}x{k} array of numbers, one row per strategy");
    let DeValue::Array(rows) = matrix.get_ref() else {
        return Err(ctx.err(matrix.span(), "payoffs.matrix", format!("must be {shape}")));
    };
    if rows.len() != k {
        return Err(ctx.err(
            matrix.span(),
            "payoffs.matrix",
            format!(
                "must be {shape}: found {} rows for {k} strategies",
                rows.len()
            ),
        ));
    }
    let mut values = Vec::with_capacity(k);
    for (i, row) in rows.iter().enumerate() {
        let DeValue::Array(cells) = row.get_ref() else {
            return Err(ctx.err(row.span(), "payoffs.matrix", format!("must be {shape}")));
        };
        if cells.len() != k {
            return Err(ctx.err(
                row.span(),
                "payoffs.matrix",
                format!("must be {shape}: row {} has {} entries", i + 1, cells.len()),
            ));
        }
        let mut r = Vec::with_capacity(k);
        for cell in cells.iter() {
            r.push(number(
                ctx,
                cell,
                "payoffs.matrix",
                -MAX_PAYOFF,
                MAX_PAYOFF,
            )?);
        }
        values.push(r);
    }
    Ok(Payoffs::new(names, &values).expect("checked square and finite"))
}

fn read_moran(ctx: &Ctx<'_>, t: &DeTable<'_>, span: Range<usize>) -> Result<MoranTable> {
    let mut table = MoranTable {
        population: Vec::new(),
        origin: ctx.origin(span.clone(), "moran.population"),
        runs: DEFAULT_RUNS,
        seed: DEFAULT_SEED,
        intensity: 1.0,
        intensity_origin: ctx.origin(span.clone(), "moran.intensity"),
        max_steps: DEFAULT_MAX_STEPS,
    };
    let mut population = None;
    for (k, v) in t.iter() {
        let key = format!("moran.{}", k.get_ref());
        match k.get_ref().as_ref() {
            "population" => {
                table.origin = ctx.origin(v.span(), &key);
                population = Some(entries(ctx, v, &key, |item, key| {
                    integer(ctx, item, key, 0, MAX_POPULATION)
                })?);
            }
            "runs" => table.runs = integer(ctx, v, &key, 1, MAX_RUNS as u64)?,
            "seed" => table.seed = integer(ctx, v, &key, 0, i64::MAX as u64)?,
            "intensity" => {
                table.intensity = number(ctx, v, &key, 0.0, 1.0)?;
                table.intensity_origin = ctx.origin(v.span(), &key);
            }
            "max_steps" => table.max_steps = integer(ctx, v, &key, 1, MAX_STEPS)?,
            other => {
                return Err(ctx.err(
                    k.span(),
                    &key,
                    unknown(
                        other,
                        &["population", "runs", "seed", "intensity", "max_steps"],
                        "[moran]",
                    ),
                ));
            }
        }
    }
    let Some(population) = population else {
        return Err(ctx.err(
            span,
            "moran.population",
            "missing: the initial counts, e.g. population = { TitForTat = 9, Defector = 1 }",
        ));
    };
    table.population = population;
    Ok(table)
}

fn read_replicator(ctx: &Ctx<'_>, t: &DeTable<'_>, span: Range<usize>) -> Result<ReplicatorTable> {
    let mut table = ReplicatorTable {
        shares: Vec::new(),
        origin: ctx.origin(span.clone(), "replicator.shares"),
        steps: DEFAULT_STEPS,
        dt: DEFAULT_DT,
        dt_origin: ctx.origin(span.clone(), "replicator.dt"),
        every: 1,
    };
    let mut shares = None;
    for (k, v) in t.iter() {
        let key = format!("replicator.{}", k.get_ref());
        match k.get_ref().as_ref() {
            "shares" => {
                table.origin = ctx.origin(v.span(), &key);
                shares = Some(entries(ctx, v, &key, |item, key| {
                    number(ctx, item, key, 0.0, 1.0)
                })?);
            }
            "steps" => table.steps = integer(ctx, v, &key, 1, MAX_REPLICATOR_STEPS)?,
            "dt" => {
                table.dt = number(ctx, v, &key, 0.0, MAX_DT)?;
                table.dt_origin = ctx.origin(v.span(), &key);
                if table.dt == 0.0 {
                    return Err(ctx.err(
                        v.span(),
                        &key,
                        format!("must be a number in (0, {MAX_DT}], got 0"),
                    ));
                }
            }
            "every" => table.every = integer(ctx, v, &key, 1, MAX_REPLICATOR_STEPS)?,
            other => {
                return Err(ctx.err(
                    k.span(),
                    &key,
                    unknown(other, &["shares", "steps", "dt", "every"], "[replicator]"),
                ));
            }
        }
    }
    let Some(shares) = shares else {
        return Err(ctx.err(
            span,
            "replicator.shares",
            "missing: the initial shares, e.g. shares = { Hawk = 0.1, Dove = 0.9 }",
        ));
    };
    let sum: f64 = shares.iter().map(|e| e.value).sum();
    if (sum - 1.0).abs() > 1e-6 {
        return Err(Error::input(
            table.origin.clone(),
            format!("the shares must sum to 1, got {sum}"),
        ));
    }
    table.shares = shares;
    Ok(table)
}

fn unknown(key: &str, keys: &[&str], table: &str) -> String {
    let best = keys
        .iter()
        .map(|k| (edit_distance(key, k), *k))
        .min_by_key(|(d, _)| *d)
        .filter(|(d, _)| *d <= (key.len() / 3).max(2));
    match best {
        Some((_, k)) => format!("unknown key `{key}` (did you mean `{k}`?)"),
        None => format!("unknown key `{key}` ({table} has {})", keys.join(", ")),
    }
}

/// An inline table `{ Name = value, ... }` of strategy entries.
fn entries<T>(
    ctx: &Ctx<'_>,
    v: &Item<'_>,
    key: &str,
    read: impl Fn(&Item<'_>, &str) -> Result<T>,
) -> Result<Vec<Entry<T>>> {
    let DeValue::Table(t) = v.get_ref() else {
        return Err(ctx.err(
            v.span(),
            key,
            format!(
                "must be a table of strategy = value, e.g. {{ TitForTat = 9, Defector = 1 }}; got {}",
                type_name(v.get_ref())
            ),
        ));
    };
    let mut out = Vec::new();
    for (name, item) in t.iter() {
        let full = format!("{key}.{}", name.get_ref());
        out.push(Entry {
            name: name.get_ref().to_string(),
            value: read(item, &full)?,
            origin: ctx.origin(name.span(), &full),
        });
    }
    Ok(out)
}

fn strings(ctx: &Ctx<'_>, v: &Item<'_>, key: &str) -> Result<Vec<String>> {
    let DeValue::Array(items) = v.get_ref() else {
        return Err(ctx.err(
            v.span(),
            key,
            format!(
                "must be an array of strings, got {}",
                type_name(v.get_ref())
            ),
        ));
    };
    items
        .iter()
        .map(|item| match item.get_ref() {
            DeValue::String(s) => Ok(s.to_string()),
            other => Err(ctx.err(
                item.span(),
                key,
                format!("must be an array of strings, found {}", type_name(other)),
            )),
        })
        .collect()
}

fn integer(ctx: &Ctx<'_>, v: &Item<'_>, key: &str, min: u64, max: u64) -> Result<u64> {
    let allowed = format!("an integer in [{min}, {max}]");
    let DeValue::Integer(i) = v.get_ref() else {
        return Err(ctx.err(
            v.span(),
            key,
            format!("must be {allowed}, got {}", type_name(v.get_ref())),
        ));
    };
    i64::from_str_radix(i.as_str(), i.radix())
        .ok()
        .and_then(|x| u64::try_from(x).ok())
        .filter(|x| (min..=max).contains(x))
        .ok_or_else(|| ctx.err(v.span(), key, format!("must be {allowed}, got {i}")))
}

fn number(ctx: &Ctx<'_>, v: &Item<'_>, key: &str, min: f64, max: f64) -> Result<f64> {
    let allowed = if min == -MAX_PAYOFF {
        format!("a finite number in [-{MAX_PAYOFF:e}, {MAX_PAYOFF:e}]")
    } else {
        format!("a number in [{min}, {max}]")
    };
    let x = match v.get_ref() {
        DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|i| i as f64),
        other => {
            return Err(ctx.err(
                v.span(),
                key,
                format!("must be {allowed}, got {}", type_name(other)),
            ));
        }
    };
    let shown = match v.get_ref() {
        DeValue::Float(f) => f.as_str().to_string(),
        DeValue::Integer(i) => i.as_str().to_string(),
        _ => String::new(),
    };
    x.filter(|x| x.is_finite() && (min..=max).contains(x))
        .ok_or_else(|| ctx.err(v.span(), key, format!("must be {allowed}, got {shown}")))
}

/// The tables of an evolution file, each a header line and the lines up to
/// the next header.
const OWN_TABLES: [&str; 3] = ["payoffs", "moran", "replicator"];

/// The first key of a table header line (`[moran]`, `[[strategy]]`,
/// `[ "game" ]`), or `None` when the line is not a header.
fn header_key(line: &str) -> Option<&str> {
    let t = line.trim();
    let t = t.split_once('#').map_or(t, |(h, _)| h).trim_end();
    let inner = t.strip_prefix('[')?.strip_suffix(']')?;
    let inner = inner
        .strip_prefix('[')
        .and_then(|i| i.strip_suffix(']'))
        .unwrap_or(inner)
        .trim();
    let first = inner.split('.').next()?.trim().trim_matches('"');
    let bare = !first.is_empty()
        && first
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    bare.then_some(first)
}

/// The text the tournament parser reads: the file with the lines of its
/// `[payoffs]`, `[moran]` and `[replicator]` tables emptied (line breaks
/// kept, so every line and column of the tournament's tables stays where
/// the user wrote it).
pub fn tournament_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        if let Some(key) = header_key(line) {
            skipping = OWN_TABLES.contains(&key);
        }
        if skipping {
            out.extend(line.chars().filter(|&c| c == '\n'));
        } else {
            out.push_str(line);
        }
    }
    out
}

impl EvolutionFile {
    /// The payoff matrix: the `[payoffs]` table's, or the tournament's mean
    /// payoff per turn of each player against each (played on `pool`;
    /// self-play is the diagonal).
    pub fn payoffs(&self, pool: &rayon::ThreadPool) -> Result<Payoffs> {
        match &self.matrix {
            MatrixSource::Given(p) => Ok(p.clone()),
            MatrixSource::Tournament => {
                let file =
                    crate::repeated::file::parse(&tournament_text(&self.text), &self.source)?;
                let t = file.tournament.ok_or_else(|| {
                    Error::input(
                        Origin::source(&self.source).with_key("tournament"),
                        "no [tournament] table",
                    )
                })?;
                let names: Vec<String> = t.players.iter().map(|p| p.name.clone()).collect();
                for (i, n) in names.iter().enumerate() {
                    if names[..i].contains(n) {
                        return Err(Error::input(
                            Origin::source(&self.source).with_key("tournament.players"),
                            format!(
                                "`{n}` is listed twice: a population needs distinct strategies"
                            ),
                        ));
                    }
                }
                let matrix = t.play(pool).payoff_matrix();
                Payoffs::new(names, &matrix).ok_or_else(|| {
                    Error::Runtime("the tournament's payoff matrix is not finite".to_string())
                })
            }
        }
    }
}

/// Each strategy's value from the entries (zero where left out); an
/// unknown name is an error at the name.
fn resolve<T: Copy + Default>(entries: &[Entry<T>], payoffs: &Payoffs) -> Result<Vec<T>> {
    let mut out = vec![T::default(); payoffs.len()];
    for e in entries {
        let Some(i) = payoffs.index_of(&e.name) else {
            let best = payoffs
                .names()
                .iter()
                .min_by_key(|n| edit_distance(&e.name, n))
                .filter(|n| edit_distance(&e.name, n) <= (e.name.len() / 3).max(2));
            let hint = match best {
                Some(n) => format!(" (did you mean `{n}`?)"),
                None => String::new(),
            };
            return Err(Error::input(
                e.origin.clone(),
                format!(
                    "`{}` is not a strategy of the payoff matrix{hint}; the strategies are {}",
                    e.name,
                    payoffs.names().join(", ")
                ),
            ));
        };
        out[i] = e.value;
    }
    Ok(out)
}

impl MoranTable {
    /// The validated process on `payoffs`.
    pub fn build(&self, payoffs: &Payoffs) -> Result<Moran> {
        let counts = resolve(&self.population, payoffs)?;
        Moran::new(payoffs.clone(), counts, self.intensity, self.max_steps).map_err(|e| match e {
            Invalid::Population(m) => Error::input(self.origin.clone(), m),
            Invalid::Intensity(m) => Error::input(self.intensity_origin.clone(), m),
        })
    }
}

impl ReplicatorTable {
    /// The initial shares, one per strategy of `payoffs`.
    pub fn initial(&self, payoffs: &Payoffs) -> Result<Vec<f64>> {
        resolve(&self.shares, payoffs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HAWK_DOVE: &str =
        "[payoffs]\nstrategies = [\"Hawk\", \"Dove\"]\nmatrix = [[-1, 2], [0, 1]]\n";

    fn err(text: &str) -> String {
        parse(text, "e.toml")
            .and_then(|f| {
                let MatrixSource::Given(p) = &f.matrix else {
                    return Ok(f);
                };
                if let Some(m) = &f.moran {
                    m.build(p)?;
                }
                if let Some(r) = &f.replicator {
                    r.initial(p)?;
                }
                Ok(f)
            })
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn reads_a_matrix_and_both_tables() {
        let text = format!(
            "{HAWK_DOVE}[moran]\npopulation = {{ Hawk = 1, Dove = 9 }}\nruns = 50\nintensity = 0.5\n\
             [replicator]\nshares = {{ Dove = 0.75, Hawk = 0.25 }}\ndt = 0.1\n"
        );
        let f = parse(&text, "e.toml").unwrap();
        let MatrixSource::Given(p) = &f.matrix else {
            panic!()
        };
        assert_eq!(p.value(0, 1), 2.0);
        let m = f.moran.as_ref().unwrap();
        assert_eq!((m.runs, m.seed, m.intensity), (50, 1, 0.5));
        assert_eq!(m.build(p).unwrap().counts(), &[1, 9]);
        let r = f.replicator.unwrap();
        assert_eq!(r.initial(p).unwrap(), vec![0.25, 0.75]);
        assert_eq!((r.steps, r.dt, r.every), (1000, 0.1, 1));
    }

    #[test]
    fn a_tournament_table_is_a_matrix_source() {
        let f = parse(
            "[tournament]\nplayers = [\"TitForTat\"]\n[moran]\npopulation = { TitForTat = 2 }\n",
            "e.toml",
        )
        .unwrap();
        assert_eq!(f.matrix, MatrixSource::Tournament);
    }

    #[test]
    fn the_tournament_parser_reads_the_file_without_the_evolution_tables() {
        let text = "[moran] # counts\npopulation = { A = 1 }\n[tournament]\nplayers = [\n  \"A\",\n]\n\
                    [ replicator ]\nshares = { A = 1 }\n[[strategy]]\nname = \"A\"\n[payoffs.x]\ny = 1\n";
        let kept = tournament_text(text);
        assert_eq!(
            kept,
            "\n\n[tournament]\nplayers = [\n  \"A\",\n]\n\n\n[[strategy]]\nname = \"A\"\n\n\n"
        );
        assert_eq!(header_key("  [[strategy]]  # x"), Some("strategy"));
        assert_eq!(header_key("[\"moran\"]"), Some("moran"));
        assert_eq!(header_key("          [0, 1]]"), None);
        assert_eq!(header_key("  \"A\","), None);
    }

    #[test]
    fn errors_name_the_line_the_key_and_the_range() {
        let moran = |body: &str| err(&format!("{HAWK_DOVE}[moran]\n{body}\n"));
        assert_eq!(
            moran("population = { Hawk = 1, Dove = 9 }\nruns = 0"),
            "e.toml:6:8: key `moran.runs`: must be an integer in [1, 1000000000], got 0"
        );
        assert_eq!(
            moran("population = { Hawk = 1, Dove = -9 }"),
            "e.toml:5:33: key `moran.population.Dove`: must be an integer in [0, 1000000], got -9"
        );
        assert!(moran("population = { Hawk = 1, Dov = 9 }")
            .starts_with("e.toml:5:26: key `moran.population.Dov`: `Dov` is not a strategy of the payoff matrix (did you mean `Dove`?)"));
        assert!(moran("population = { Hawk = 1 }")
            .contains("key `moran.population`: the population (the sum of the counts) must be in [2, 1000000], got 1"));
        assert!(
            moran("population = { Hawk = 1, Dove = 1 }\n").contains(
                "e.toml:4:2: key `moran.intensity`: fitness 1 - w + w*payoff must be >= 0"
            )
        );
        assert!(
            moran("population = { Hawk = 1, Dove = 1 }\nintensity = 0.6")
                .starts_with("e.toml:6:13: key `moran.intensity`: fitness")
        );
        assert!(moran("popluation = { Hawk = 1 }").contains("did you mean `population`?"));
        assert!(moran("runs = 5").contains("key `moran.population`: missing"));
        let rep = |body: &str| err(&format!("{HAWK_DOVE}[replicator]\n{body}\n"));
        assert!(rep("shares = { Hawk = 0.5, Dove = 0.6 }").starts_with(
            "e.toml:5:10: key `replicator.shares`: the shares must sum to 1, got 1.1"
        ));
        assert_eq!(
            rep("shares = { Hawk = 0.5, Dove = 0.5 }\ndt = 0"),
            "e.toml:6:6: key `replicator.dt`: must be a number in (0, 10], got 0"
        );
        assert!(rep("shares = { Hawk = 1.5 }").contains("must be a number in [0, 1], got 1.5"));
        assert!(rep("shares = [0.5, 0.5]").contains("must be a table of strategy = value"));
        assert!(err("[payoffs]\nstrategies = [\"A\", \"B\"]\nmatrix = [[1, 2], [3]]\n[moran]\npopulation = { A = 2 }\n")
            .starts_with("e.toml:3:19: key `payoffs.matrix`: must be a 2x2 array of numbers, one row per strategy: row 2 has 1 entries"));
        assert!(err("[payoffs]\nstrategies = [\"A\"]\nmatrix = [[\"x\"]]\n[moran]\npopulation = { A = 2 }\n")
            .contains("key `payoffs.matrix`: must be a finite number in [-1e15, 1e15], got a string"));
        assert!(err("[payoffs]\nstrategies = [\"A\"]\nmatrix = [[nan]]\n[moran]\npopulation = { A = 2 }\n")
            .contains("must be a finite number in [-1e15, 1e15], got nan"));
        assert!(
            err(&format!(
                "{HAWK_DOVE}[moran]\npopulation = {{ Hawk = 2 }}\n[tournament]\nturns = 1\n"
            ))
            .contains("either as [payoffs] or by a [tournament], not both")
        );
        assert!(err(HAWK_DOVE).contains("nothing to evolve"));
        assert!(err("[moran]\npopulation = { A = 2 }\n").contains("no payoff matrix"));
        assert!(err("[morann]\n").starts_with("e.toml:1:2: key `morann`: unknown table"));
        assert!(err("x = 1\n").contains("must be a table"));
        assert!(err("[moran\n").starts_with("e.toml:1:"));
    }
}
