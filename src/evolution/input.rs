//! Evolution files: a payoff matrix (given, or a tournament's) and the
//! `[moran]` and `[replicator]` tables, read with serde into shapes that
//! mirror the file (the tournament's tables with the tournament reader's own
//! shapes), then validated, with the line, column and key of every problem.
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

use serde::Deserialize;
use toml::Spanned;

use super::Payoffs;
use super::moran::{Invalid, MAX_POPULATION, Moran};
use crate::error::{Error, Origin, Result};
use crate::input::{Bounds, Int, List, Payoff, Real, Row, Toml, Unit};
use crate::repeated::file::{GameShape, StrategyShape, TournamentShape};
use crate::repeated::tournament::Tournament;
use crate::scenario::schema::{MAX_RUNS, suggest_option};

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
    /// A `[tournament]` table (with an optional `[game]` and
    /// `[[strategy]]`): the tournament's mean payoff per turn of each player
    /// against each.
    Tournament(Box<Tournament>),
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
    /// Where the matrix comes from.
    pub matrix: MatrixSource,
    /// The `[moran]` table, if any.
    pub moran: Option<MoranTable>,
    /// The `[replicator]` table, if any.
    pub replicator: Option<ReplicatorTable>,
}

/// The tables of an evolution file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileShape {
    payoffs: Option<Spanned<PayoffsShape>>,
    moran: Option<Spanned<MoranShape>>,
    replicator: Option<Spanned<ReplicatorShape>>,
    tournament: Option<Spanned<TournamentShape>>,
    game: Option<Spanned<GameShape>>,
    strategy: Option<Vec<Spanned<StrategyShape>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PayoffsShape {
    strategies: Option<List<String>>,
    matrix: Option<List<Row<Real<Payoff>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MoranShape {
    population: Option<Spanned<Entries<Int<0, { MAX_POPULATION as i64 }>>>>,
    runs: Option<Int<1, MAX_RUNS>>,
    seed: Option<Int<0, { i64::MAX }>>,
    intensity: Option<Spanned<Real<Unit>>>,
    max_steps: Option<Int<1, { MAX_STEPS as i64 }>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReplicatorShape {
    shares: Option<Spanned<Entries<Real<Unit>>>>,
    steps: Option<Int<1, { MAX_REPLICATOR_STEPS as i64 }>>,
    dt: Option<Spanned<Real<Step>>>,
    every: Option<Int<1, { MAX_REPLICATOR_STEPS as i64 }>>,
}

/// A step size of the replicator, in (0, [`MAX_DT`]].
#[derive(Debug, Clone, Copy, PartialEq)]
struct Step;

impl Bounds for Step {
    const RANGE: (f64, f64) = (0.0, MAX_DT);
    const OPEN_BELOW: bool = true;
    fn what() -> String {
        format!("a number in (0, {MAX_DT}]")
    }
}

/// An inline table `{ Name = value, ... }`, in file order, with positions.
#[derive(Debug)]
struct Entries<T>(Vec<(Spanned<String>, Spanned<T>)>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Entries<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
            type Value = Entries<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a table of strategy = value, e.g. { TitForTat = 9, Defector = 1 }")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Entries<T>, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = map.next_key::<Spanned<String>>()? {
                    out.push((k, map.next_value::<Spanned<T>>()?));
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// Reads an evolution file from disk.
pub fn load(path: &str) -> Result<EvolutionFile> {
    parse(&crate::input::read_source(path, "the file")?, path)
}

/// Parses an evolution file; `source` names it in error messages.
pub fn parse(text: &str, source: &str) -> Result<EvolutionFile> {
    let toml = Toml::parse(text, source)?;
    let shape: FileShape = toml.shape()?;
    let matrix = match (&shape.payoffs, &shape.tournament) {
        (Some(_), Some(_)) => {
            return Err(toml.err_key(
                &toml.key_span("payoffs"),
                "payoffs",
                "give the payoff matrix either as [payoffs] or by a [tournament], not both",
            ));
        }
        (Some(p), None) => MatrixSource::Given(read_payoffs(&toml, p.get_ref())?),
        (None, Some(_)) => {
            let file = crate::repeated::file::build(
                &toml,
                shape.tournament.as_ref(),
                shape.game.as_ref(),
                shape.strategy.as_deref(),
            )?;
            let t = file
                .tournament
                .expect("a [tournament] table makes a tournament");
            MatrixSource::Tournament(Box::new(t))
        }
        (None, None) => {
            return Err(Error::input(
                Origin::source(source),
                "no payoff matrix: add a [payoffs] table (strategies and matrix) or a [tournament] table",
            ));
        }
    };
    let moran = shape
        .moran
        .as_ref()
        .map(|m| read_moran(&toml, m))
        .transpose()?;
    let replicator = shape
        .replicator
        .as_ref()
        .map(|r| read_replicator(&toml, r))
        .transpose()?;
    if moran.is_none() && replicator.is_none() {
        return Err(Error::input(
            Origin::source(source),
            "nothing to evolve: add a [moran] table (population) or a [replicator] table (shares)",
        ));
    }
    Ok(EvolutionFile {
        source: source.to_string(),
        matrix,
        moran,
        replicator,
    })
}

fn read_payoffs(toml: &Toml<'_>, p: &PayoffsShape) -> Result<Payoffs> {
    let Some(names_v) = &p.strategies else {
        return Err(toml.err_missing(
            "payoffs.strategies",
            "missing: the strategies' names, e.g. strategies = [\"Hawk\", \"Dove\"]",
        ));
    };
    let Some(matrix) = &p.matrix else {
        return Err(toml.err_missing(
            "payoffs.matrix",
            "missing: the payoffs, one row per strategy, e.g. matrix = [[-1, 2], [0, 1]]",
        ));
    };
    let names: Vec<String> = names_v
        .get_ref()
        .iter()
        .map(|n| n.get_ref().clone())
        .collect();
    let k = names.len();
    if k == 0 {
        return Err(toml.err(&names_v.span(), "needs at least one strategy"));
    }
    if let Some(n) = (1..k).find_map(|i| names[..i].contains(&names[i]).then_some(&names[i])) {
        return Err(toml.err(&names_v.span(), format!("`{n}` is named twice")));
    }
    let shape = format!("a {k}x{k} array of numbers, one row per strategy");
    let rows = matrix.get_ref();
    if rows.len() != k {
        return Err(toml.err(
            &matrix.span(),
            format!(
                "must be {shape}: found {} rows for {k} strategies",
                rows.len()
            ),
        ));
    }
    let mut values = Vec::with_capacity(k);
    for (i, row) in rows.iter().enumerate() {
        if row.get_ref().len() != k {
            return Err(toml.err_key(
                &row.span(),
                "payoffs.matrix",
                format!(
                    "must be {shape}: row {} has {} entries",
                    i + 1,
                    row.get_ref().len()
                ),
            ));
        }
        values.push(row.get_ref().iter().map(|c| c.get_ref().get()).collect());
    }
    Ok(Payoffs::new(names, &values).expect("checked square and finite"))
}

/// The entries of `population` or `shares`, with where each name was written.
fn entries<T, U>(
    toml: &Toml<'_>,
    v: &Spanned<Entries<T>>,
    value: impl Fn(&T) -> U,
) -> Vec<Entry<U>> {
    v.get_ref()
        .0
        .iter()
        .map(|(name, x)| Entry {
            name: name.get_ref().clone(),
            value: value(x.get_ref()),
            origin: toml.origin(&name.span()),
        })
        .collect()
}

fn read_moran(toml: &Toml<'_>, m: &Spanned<MoranShape>) -> Result<MoranTable> {
    let t = m.get_ref();
    let table = toml.key_span("moran");
    let Some(population) = &t.population else {
        return Err(toml.err_key(
            &table,
            "moran.population",
            "missing: the initial counts, e.g. population = { TitForTat = 9, Defector = 1 }",
        ));
    };
    Ok(MoranTable {
        population: entries(toml, population, |x| x.0 as u64),
        origin: toml.origin(&population.span()),
        runs: t.runs.map_or(DEFAULT_RUNS, |x| x.0 as u64),
        seed: t.seed.map_or(DEFAULT_SEED, |x| x.0 as u64),
        intensity: t.intensity.as_ref().map_or(1.0, |x| x.get_ref().get()),
        intensity_origin: match &t.intensity {
            Some(v) => toml.origin(&v.span()),
            None => toml.origin_key(&table, "moran.intensity"),
        },
        max_steps: t.max_steps.map_or(DEFAULT_MAX_STEPS, |x| x.0 as u64),
    })
}

fn read_replicator(toml: &Toml<'_>, r: &Spanned<ReplicatorShape>) -> Result<ReplicatorTable> {
    let t = r.get_ref();
    let table = toml.key_span("replicator");
    let Some(shares_v) = &t.shares else {
        return Err(toml.err_key(
            &table,
            "replicator.shares",
            "missing: the initial shares, e.g. shares = { Hawk = 0.1, Dove = 0.9 }",
        ));
    };
    let shares = entries(toml, shares_v, Real::get);
    let origin = toml.origin(&shares_v.span());
    let sum: f64 = shares.iter().map(|e| e.value).sum();
    if (sum - 1.0).abs() > 1e-6 {
        return Err(Error::input(
            origin,
            format!("the shares must sum to 1, got {sum}"),
        ));
    }
    Ok(ReplicatorTable {
        shares,
        origin,
        steps: t.steps.map_or(DEFAULT_STEPS, |x| x.0 as u64),
        dt: t.dt.as_ref().map_or(DEFAULT_DT, |x| x.get_ref().get()),
        dt_origin: match &t.dt {
            Some(v) => toml.origin(&v.span()),
            None => toml.origin_key(&table, "replicator.dt"),
        },
        every: t.every.map_or(1, |x| x.0 as u64),
    })
}

impl EvolutionFile {
    /// The payoff matrix: the `[payoffs]` table's, or the tournament's mean
    /// payoff per turn of each player against each (played on `pool`;
    /// self-play is the diagonal).
    pub fn payoffs(&self, pool: &rayon::ThreadPool) -> Result<Payoffs> {
        match &self.matrix {
            MatrixSource::Given(p) => Ok(p.clone()),
            MatrixSource::Tournament(t) => {
                let names: Vec<String> = t.players.iter().map(|p| p.name.clone()).collect();
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
            let names: Vec<&str> = payoffs.names().iter().map(String::as_str).collect();
            let best = suggest_option(&e.name, &names);
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
            "[tournament]\nplayers = [\"TitForTat\", \"Defector\"]\n[moran]\npopulation = { TitForTat = 2 }\n",
            "e.toml",
        )
        .unwrap();
        let MatrixSource::Tournament(t) = &f.matrix else {
            panic!("{:?}", f.matrix)
        };
        assert_eq!(t.players.len(), 2);
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
            .contains("key `payoffs.matrix[0][0]`: must be a finite number in [-1e15, 1e15], got a string"));
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
        assert!(err("x = 1\n").contains("key `x`: unknown key `x` (the tables are"));
        assert!(err("[moran\n").starts_with("e.toml:1:"));
    }
}
