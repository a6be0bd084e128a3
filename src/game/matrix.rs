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

use std::ops::Range;

use num_bigint::BigInt;
use toml::Spanned;
use toml::de::DeValue;

use super::Game;
use super::rational::{self, Rational};
use crate::error::{Error, Origin, Result};
use crate::scenario::parse::type_name;

struct Ctx<'a> {
    text: &'a str,
    source: &'a str,
}

impl Ctx<'_> {
    fn err(&self, span: Range<usize>, key: &str, message: impl Into<String>) -> Error {
        Error::at(self.source, self.text, span.start, key, message)
    }
}

/// Reads a TOML matrix game; `source` names the file in error messages.
pub fn parse(text: &str, source: &str) -> Result<Game> {
    let ctx = Ctx { text, source };
    let root = crate::scenario::parse::document(text, source)?;
    let root = root.get_ref();
    let mut game_table = None;
    for (k, v) in root.iter() {
        match (k.get_ref().as_ref(), v.get_ref()) {
            ("game", DeValue::Table(t)) => game_table = Some(t),
            (key, _) => {
                return Err(ctx.err(
                    k.span(),
                    key,
                    "unknown key: a matrix game has only a [game] table",
                ));
            }
        }
    }
    let Some(table) = game_table else {
        return Err(Error::input(
            Origin::source(source),
            "no [game] table: a matrix game needs `[game]` with `payoffs` (see docs/GAMES.md)",
        ));
    };
    let mut title = String::new();
    let mut players: Option<(Vec<String>, Range<usize>)> = None;
    let mut strategies: Option<(Vec<Vec<String>>, Range<usize>)> = None;
    let mut payoffs = None;
    for (k, v) in table.iter() {
        let key = format!("game.{}", k.get_ref());
        match k.get_ref().as_ref() {
            "title" => match v.get_ref() {
                DeValue::String(s) => title = s.to_string(),
                other => {
                    return Err(ctx.err(
                        v.span(),
                        &key,
                        format!("must be a string, got {}", type_name(other)),
                    ));
                }
            },
            "players" => players = Some((strings(&ctx, v, &key)?, v.span())),
            "strategies" => {
                let DeValue::Array(items) = v.get_ref() else {
                    return Err(ctx.err(
                        v.span(),
                        &key,
                        "must be an array of string arrays, one per player",
                    ));
                };
                let lists = items
                    .iter()
                    .map(|item| strings(&ctx, item, &key))
                    .collect::<Result<Vec<_>>>()?;
                strategies = Some((lists, v.span()));
            }
            "payoffs" => payoffs = Some(v),
            other => {
                return Err(ctx.err(
                    k.span(),
                    &key,
                    format!(
                        "unknown key `{other}` (a [game] has title, players, strategies, payoffs)"
                    ),
                ));
            }
        }
    }
    let Some(payoffs) = payoffs else {
        return Err(Error::input(
            Origin::source(source).with_key("game.payoffs"),
            "missing: the payoffs, e.g. payoffs = [[[3, 3], [0, 5]], [[5, 0], [1, 1]]]",
        ));
    };
    // The shape: the lengths along the first element of every nesting level.
    let mut shape = Vec::new();
    let mut v = payoffs;
    while let DeValue::Array(items) = v.get_ref() {
        let Some(first) = items.iter().next() else {
            return Err(ctx.err(v.span(), "game.payoffs", "an empty array"));
        };
        if !matches!(first.get_ref(), DeValue::Array(_)) {
            break;
        }
        shape.push(items.len());
        v = first;
    }
    let n = players
        .as_ref()
        .map(|p| p.0.len())
        .or(strategies.as_ref().map(|s| s.0.len()))
        .unwrap_or(shape.len());
    if n == 0 || shape.len() != n {
        return Err(ctx.err(
            payoffs.span(),
            "game.payoffs",
            format!(
                "must nest {n} arrays deep (one level per player) with a list of {n} payoffs in each cell, found {} levels",
                shape.len()
            ),
        ));
    }
    if let Some((names, span)) = &strategies {
        let counts: Vec<usize> = names.iter().map(Vec::len).collect();
        if counts != shape {
            return Err(ctx.err(
                span.clone(),
                "game.strategies",
                format!("strategy counts {counts:?} do not match the payoffs' shape {shape:?}"),
            ));
        }
    }
    let cells = super::check_size(&shape, text.len())
        .map_err(|m| ctx.err(payoffs.span(), "game.payoffs", m))?;
    let mut flat: Vec<Option<Vec<Rational>>> = vec![None; cells];
    let mut profile = Vec::new();
    collect(&ctx, payoffs, &shape, &mut profile, &mut flat)?;
    let strategies = strategies.map_or_else(
        || {
            shape
                .iter()
                .map(|&k| (1..=k).map(|i| i.to_string()).collect())
                .collect()
        },
        |s| s.0,
    );
    let players = match players {
        Some((p, _)) => p,
        None => (1..=n).map(|i| format!("Player {i}")).collect(),
    };
    Ok(Game {
        title,
        comment: String::new(),
        players,
        strategies,
        payoffs: flat.into_iter().map(|c| c.expect("every cell")).collect(),
    })
}

fn strings(ctx: &Ctx<'_>, v: &Spanned<DeValue<'_>>, key: &str) -> Result<Vec<String>> {
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
    let mut out = Vec::new();
    for item in items.iter() {
        match item.get_ref() {
            DeValue::String(s) => out.push(s.to_string()),
            other => {
                return Err(ctx.err(
                    item.span(),
                    key,
                    format!("must be a string, got {}", type_name(other)),
                ));
            }
        }
    }
    if out.is_empty() {
        return Err(ctx.err(v.span(), key, "must not be empty"));
    }
    Ok(out)
}

/// Walks the nested payoff arrays, checking the shape, and stores each cell
/// at its player-1-fastest index.
fn collect(
    ctx: &Ctx<'_>,
    v: &Spanned<DeValue<'_>>,
    shape: &[usize],
    profile: &mut Vec<usize>,
    flat: &mut [Option<Vec<Rational>>],
) -> Result<()> {
    let n = shape.len();
    let depth = profile.len();
    let at = || {
        let idx: Vec<String> = profile.iter().map(|i| i.to_string()).collect();
        format!("game.payoffs[{}]", idx.join("]["))
    };
    let DeValue::Array(items) = v.get_ref() else {
        return Err(ctx.err(
            v.span(),
            &at(),
            format!("must be an array, got {}", type_name(v.get_ref())),
        ));
    };
    if depth == n {
        if items.len() != n {
            return Err(ctx.err(
                v.span(),
                &at(),
                format!(
                    "a cell needs {n} payoffs (one per player), got {}",
                    items.len()
                ),
            ));
        }
        let cell = items
            .iter()
            .map(|item| number(ctx, item, &at()))
            .collect::<Result<Vec<_>>>()?;
        let mut index = 0;
        for p in (0..n).rev() {
            index = index * shape[p] + profile[p];
        }
        flat[index] = Some(cell);
        return Ok(());
    }
    if items.len() != shape[depth] {
        return Err(ctx.err(
            v.span(),
            &at(),
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
        collect(ctx, item, shape, profile, flat)?;
        profile.pop();
    }
    Ok(())
}

fn number(ctx: &Ctx<'_>, v: &Spanned<DeValue<'_>>, key: &str) -> Result<Rational> {
    let parsed = match v.get_ref() {
        // Decimal integers of any length (up to the digit bound), read as
        // `.nfg` numbers; other radixes as TOML has them (64 bits).
        DeValue::Integer(i) if i.radix() == 10 => {
            let s = i.as_str();
            rational::parse(s.strip_prefix('+').unwrap_or(s))
        }
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .map(|x| Rational::from_integer(BigInt::from(x)))
            .map_err(|_| {
                format!(
                    "invalid integer `{}`",
                    crate::error::shorten(i.as_str(), 40)
                )
            }),
        DeValue::Float(f) => {
            let s = f.as_str();
            match rational::parse(s.strip_prefix('+').unwrap_or(s)) {
                Err(m) if m.starts_with("invalid") => Err(format!(
                    "`{}` is not a finite number",
                    crate::error::shorten(s, 40)
                )),
                other => other,
            }
        }
        DeValue::String(s) => rational::parse(s.trim()),
        other => Err(format!(
            "a payoff must be a number or a string such as \"1/3\", got {}",
            type_name(other)
        )),
    };
    parsed.map_err(|m| ctx.err(v.span(), key, m))
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
