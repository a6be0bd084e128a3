//! Matrix games written in TOML.
//!
//! ```toml
//! [game]
//! title = "Prisoner's dilemma"           # optional
//! players = ["Row", "Col"]               # optional (default "Player 1", "Player 2", ...)
//! strategies = [["C", "D"], ["C", "D"]]  # optional (default "1", "2", ...)
//! # payoffs[i][j] = [row player's payoff, column player's payoff]
//! payoffs = [[[3, 3], [0, 5]],
//!            [[5, 0], [1, 1]]]
//! ```
//!
//! With N players `payoffs` nests N deep (`payoffs[i][j][k]` for three) and
//! each cell is a list of N payoffs. A payoff is an integer, a decimal (read
//! exactly as written: `0.1` is 1/10) or a string holding any `.nfg` number
//! (`"1/3"`).
//!
//! The file is read with serde into a shape that mirrors it, every value
//! with its position; a number is then read from its text exactly as
//! written (the position gives the digits, not a rounded float).

use num_bigint::BigInt;
use serde::Deserialize;
use toml::Spanned;

use super::Game;
use super::rational::{self, Rational};
use crate::error::{Error, Origin, Result};
use crate::input::{List, Row, Toml};

/// A matrix-game file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileShape {
    game: Option<Spanned<GameShape>>,
}

/// Its `[game]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GameShape {
    title: Option<String>,
    players: Option<List<String>>,
    strategies: Option<List<Row<String>>>,
    payoffs: Option<Spanned<Nested>>,
}

/// The nested payoff arrays: a payoff, or an array of nested values.
#[derive(Debug)]
enum Nested {
    /// A TOML number; its text (at its position) is read exactly.
    Number,
    /// A string holding an `.nfg` number.
    Text(String),
    /// An array.
    List(Vec<Spanned<Nested>>),
}

impl<'de> Deserialize<'de> for Nested {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Nested, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Nested;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a payoff (a number, or a string such as \"1/3\") or an array")
            }
            fn visit_i64<E>(self, _: i64) -> std::result::Result<Nested, E> {
                Ok(Nested::Number)
            }
            fn visit_u64<E>(self, _: u64) -> std::result::Result<Nested, E> {
                Ok(Nested::Number)
            }
            fn visit_i128<E>(self, _: i128) -> std::result::Result<Nested, E> {
                Ok(Nested::Number)
            }
            fn visit_u128<E>(self, _: u128) -> std::result::Result<Nested, E> {
                Ok(Nested::Number)
            }
            fn visit_f64<E>(self, _: f64) -> std::result::Result<Nested, E> {
                Ok(Nested::Number)
            }
            fn visit_str<E>(self, s: &str) -> std::result::Result<Nested, E> {
                Ok(Nested::Text(s.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Nested, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<Nested>>()? {
                    items.push(item);
                }
                Ok(Nested::List(items))
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads a TOML matrix game; `source` names the file in error messages.
pub fn parse(text: &str, source: &str) -> Result<Game> {
    let toml = Toml::parse(text, source)?;
    let file: FileShape = toml.shape()?;
    let Some(game) = file.game else {
        return Err(Error::input(
            Origin::source(source),
            "no [game] table: a matrix game needs `[game]` with `payoffs` (see docs/GAMES.md)",
        ));
    };
    let g = game.into_inner();
    let strings = |v: &List<String>| -> Result<Vec<String>> {
        if v.get_ref().is_empty() {
            return Err(toml.err(&v.span(), "must not be empty"));
        }
        Ok(v.get_ref().iter().map(|s| s.get_ref().clone()).collect())
    };
    let players = g.players.as_ref().map(strings).transpose()?;
    let strategies = match &g.strategies {
        Some(v) => Some((
            v.get_ref()
                .iter()
                .map(strings)
                .collect::<Result<Vec<_>>>()?,
            v.span(),
        )),
        None => None,
    };
    let Some(payoffs) = &g.payoffs else {
        return Err(toml.err_missing(
            "game.payoffs",
            "missing: the payoffs, e.g. payoffs = [[[3, 3], [0, 5]], [[5, 0], [1, 1]]]",
        ));
    };
    // The shape: the lengths along the first element of every nesting level.
    let mut shape = Vec::new();
    let mut v = payoffs;
    while let Nested::List(items) = v.get_ref() {
        let Some(first) = items.first() else {
            return Err(toml.err(&v.span(), "an empty array"));
        };
        if !matches!(first.get_ref(), Nested::List(_)) {
            break;
        }
        shape.push(items.len());
        v = first;
    }
    let n = players
        .as_ref()
        .map(Vec::len)
        .or(strategies.as_ref().map(|s| s.0.len()))
        .unwrap_or(shape.len());
    if n == 0 || shape.len() != n {
        return Err(toml.err(
            &payoffs.span(),
            format!(
                "must nest {n} arrays deep (one level per player) with a list of {n} payoffs in each cell, found {} levels",
                shape.len()
            ),
        ));
    }
    if let Some((names, span)) = &strategies {
        let counts: Vec<usize> = names.iter().map(Vec::len).collect();
        if counts != shape {
            return Err(toml.err(
                span,
                format!("strategy counts {counts:?} do not match the payoffs' shape {shape:?}"),
            ));
        }
    }
    let cells = super::check_size(&shape, text.len()).map_err(|m| toml.err(&payoffs.span(), m))?;
    let mut flat: Vec<Option<Vec<Rational>>> = vec![None; cells];
    collect(&toml, payoffs, &shape, &mut Vec::new(), &mut flat)?;
    let strategies = strategies.map_or_else(
        || {
            shape
                .iter()
                .map(|&k| (1..=k).map(|i| i.to_string()).collect())
                .collect()
        },
        |s| s.0,
    );
    let players = players.unwrap_or_else(|| (1..=n).map(|i| format!("Player {i}")).collect());
    Ok(Game {
        title: g.title.unwrap_or_default(),
        comment: String::new(),
        players,
        strategies,
        payoffs: flat.into_iter().map(|c| c.expect("every cell")).collect(),
    })
}

/// Walks the nested payoff arrays, checking the shape, and stores each cell
/// at its player-1-fastest index.
fn collect(
    toml: &Toml<'_>,
    v: &Spanned<Nested>,
    shape: &[usize],
    profile: &mut Vec<usize>,
    flat: &mut [Option<Vec<Rational>>],
) -> Result<()> {
    let n = shape.len();
    let depth = profile.len();
    let Nested::List(items) = v.get_ref() else {
        return Err(toml.err(&v.span(), "must be an array"));
    };
    if depth == n {
        if items.len() != n {
            return Err(toml.err(
                &v.span(),
                format!(
                    "a cell needs {n} payoffs (one per player), got {}",
                    items.len()
                ),
            ));
        }
        let cell = items
            .iter()
            .map(|item| number(toml, item))
            .collect::<Result<Vec<_>>>()?;
        let mut index = 0;
        for p in (0..n).rev() {
            index = index * shape[p] + profile[p];
        }
        flat[index] = Some(cell);
        return Ok(());
    }
    if items.len() != shape[depth] {
        return Err(toml.err(
            &v.span(),
            format!(
                "player {} has {} strategies elsewhere, here {}",
                depth + 1,
                shape[depth],
                items.len()
            ),
        ));
    }
    for (i, item) in items.iter().enumerate() {
        profile.push(i);
        collect(toml, item, shape, profile, flat)?;
        profile.pop();
    }
    Ok(())
}

/// A payoff, exactly as written: a TOML number from its text (`0.1` is
/// 1/10; hexadecimal, octal and binary integers as TOML reads them), or a
/// string holding an `.nfg` number.
fn number(toml: &Toml<'_>, v: &Spanned<Nested>) -> Result<Rational> {
    let parsed = match v.get_ref() {
        Nested::Number => {
            let written = toml.slice(&v.span()).replace('_', "");
            let unsigned = written.strip_prefix('+').unwrap_or(&written);
            let radix = [("0x", 16), ("0o", 8), ("0b", 2)]
                .into_iter()
                .find_map(|(p, r)| unsigned.strip_prefix(p).map(|digits| (digits, r)));
            match radix {
                Some((digits, r)) => i64::from_str_radix(digits, r)
                    .map(|x| Rational::from_integer(BigInt::from(x)))
                    .map_err(|_| {
                        format!("invalid integer `{}`", crate::error::shorten(&written, 40))
                    }),
                None => match rational::parse(unsigned) {
                    Err(m) if m.starts_with("invalid") => Err(format!(
                        "`{}` is not a finite number",
                        crate::error::shorten(&written, 40)
                    )),
                    other => other,
                },
            }
        }
        Nested::Text(s) => rational::parse(s.trim()),
        Nested::List(_) => {
            Err("a payoff must be a number or a string such as \"1/3\", got an array".to_string())
        }
    };
    parsed.map_err(|m| toml.err(&v.span(), m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_bimatrix_game() {
        let g = parse(
            "[game]\nplayers = [\"Row\", \"Col\"]\nstrategies = [[\"U\", \"D\"], [\"L\", \"R\"]]\npayoffs = [[[3, 3], [0, 5]], [[5, 0], [1, \"1/3\"]]]\n",
            "g.toml",
        )
        .unwrap();
        assert_eq!(g.players, vec!["Row", "Col"]);
        assert_eq!(
            g.payoffs[g.cell(&[0, 1])],
            vec![rational::int(0), rational::int(5)]
        );
        assert_eq!(
            g.payoffs[g.cell(&[1, 0])],
            vec![rational::int(5), rational::int(0)]
        );
        assert_eq!(rational::show(&g.payoffs[g.cell(&[1, 1])][1]), "1/3");
    }

    #[test]
    fn reads_decimals_exactly_and_three_players() {
        let g = parse(
            "[game]\npayoffs = [[[[0.1, 0, 0], [1, 1, 1]], [[1, 1, 1], [1, 1, 1]]], [[[1, 1, 1], [1, 1, 1]], [[1, 1, 1], [1, 1, 2]]]]\n",
            "g.toml",
        )
        .unwrap();
        assert_eq!(g.shape(), vec![2, 2, 2]);
        assert_eq!(rational::show(&g.payoffs[0][0]), "1/10");
        assert_eq!(rational::show(&g.payoffs[7][2]), "2");
    }

    #[test]
    fn errors_name_line_and_key() {
        let e = parse("[game]\npayoffs = [[[3, 3], [0, 5]], [[5, 0]]]\n", "g.toml")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("g.toml:2:30: key `game.payoffs[1]`"), "{e}");
        let e = parse("[game]\npayoffs = [[[3, 3], [0, true]]]\n", "g.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("2:25") && e.contains("got a boolean"), "{e}");
        let e = parse("[game]\npayof = 1\n", "g.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown key `payof`"), "{e}");
    }
}
