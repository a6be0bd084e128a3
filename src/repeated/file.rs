//! Tournament and stage-game files (TOML): `[tournament]`, `[game]` and
//! `[[strategy]]` tables, read with serde into shapes that mirror the file
//! and then validated, with the line, column and key of every problem. See
//! the README's "Repeated games" section for the format.

use serde::Deserialize;
use toml::Spanned;

use super::play::MatchRules;
use super::stage::{Move, Rstp, StageGame};
use super::strategy::catalog::{self, letter};
use super::strategy::{Fsm, Kind, MemoryOne, Opening, Strategy};
use super::tournament::Tournament;
use crate::error::Result;
use crate::input::{Bounds, Int, List, Payoff, Probability, Real, Row, Toml};

/// The most turns of a match.
pub const MAX_TURNS: u32 = 10_000_000;
/// The most repetitions of a pair.
pub const MAX_REPETITIONS: u32 = 10_000_000;
/// The most players of a tournament.
pub const MAX_PLAYERS: usize = 2_000;
/// The most matches a tournament may hold in memory (pairs × repetitions;
/// 32 bytes each, so at most 320 MB).
pub const MAX_MATCHES: u64 = 10_000_000;

/// What a file defines: the stage game, the strategies of its
/// `[[strategy]]` tables, and its `[tournament]` table if it has one.
#[derive(Debug, Clone, PartialEq)]
pub struct RepeatedFile {
    /// The stage game (the prisoner's dilemma when there is no `[game]`).
    pub game: StageGame,
    /// The strategies defined in the file.
    pub strategies: Vec<Strategy>,
    /// The tournament, if the file has a `[tournament]` table.
    pub tournament: Option<Tournament>,
}

type Names = List<String>;
type Payoffs = List<Real<Payoff>>;

/// A discount factor, in (0, 1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Discount;

impl Bounds for Discount {
    const RANGE: (f64, f64) = (0.0, 1.0);
    const OPEN_BELOW: bool = true;
    fn what() -> String {
        "a discount factor in (0, 1]".to_string()
    }
}

/// The tables of a tournament file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileShape {
    /// `[tournament]`.
    pub tournament: Option<Spanned<TournamentShape>>,
    /// `[game]`.
    pub game: Option<Spanned<GameShape>>,
    /// `[[strategy]]`.
    pub strategy: Option<Vec<Spanned<StrategyShape>>>,
}

/// A `[tournament]` table, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct TournamentShape {
    pub name: Option<String>,
    pub description: Option<String>,
    pub players: Option<Names>,
    pub turns: Option<Int<1, { MAX_TURNS as i64 }>>,
    pub repetitions: Option<Int<1, { MAX_REPETITIONS as i64 }>>,
    pub noise: Option<Real<Probability>>,
    pub seed: Option<Int<0, { i64::MAX }>>,
    pub prob_end: Option<Real<Probability>>,
    pub discount: Option<Real<Discount>>,
}

/// A `[game]` table, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct GameShape {
    pub title: Option<String>,
    pub r: Option<Spanned<Real<Payoff>>>,
    pub s: Option<Spanned<Real<Payoff>>>,
    pub t: Option<Spanned<Real<Payoff>>>,
    pub p: Option<Spanned<Real<Payoff>>>,
    pub actions: Option<Names>,
    pub actions_a: Option<Names>,
    pub actions_b: Option<Names>,
    pub row: Option<Spanned<Vec<Payoffs>>>,
    pub col: Option<Spanned<Vec<Payoffs>>>,
    pub players: Option<Names>,
}

/// A `[[strategy]]` table, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct StrategyShape {
    pub name: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    pub p: Option<List<Real<Probability>>>,
    pub first: Option<Spanned<First>>,
    pub initial_state: Option<Spanned<i64>>,
    pub initial_action: Option<Spanned<String>>,
    pub transitions: Option<List<Row<Scalar>>>,
    pub description: Option<String>,
}

/// A number or a string, where a key takes either.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A string.
    Text(String),
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Scalar, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number or a string")
            }
            fn visit_i64<E>(self, x: i64) -> std::result::Result<Scalar, E> {
                Ok(Scalar::Int(x))
            }
            fn visit_f64<E>(self, x: f64) -> std::result::Result<Scalar, E> {
                Ok(Scalar::Float(x))
            }
            fn visit_str<E>(self, s: &str) -> std::result::Result<Scalar, E> {
                Ok(Scalar::Text(s.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A memory-one strategy's first move: "C", "D" or the probability of C.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct First(pub Opening);

impl<'de> Deserialize<'de> for First {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<First, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = First;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("\"C\", \"D\" or a probability in [0, 1]")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> std::result::Result<First, E> {
                letter(s)
                    .map(|m| First(Opening::Move(m)))
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(s), &self))
            }
            fn visit_f64<E: serde::de::Error>(self, x: f64) -> std::result::Result<First, E> {
                if (0.0..=1.0).contains(&x) {
                    Ok(First(Opening::Probability(x)))
                } else {
                    Err(E::invalid_value(serde::de::Unexpected::Float(x), &self))
                }
            }
            fn visit_i64<E: serde::de::Error>(self, x: i64) -> std::result::Result<First, E> {
                self.visit_f64(x as f64)
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads a tournament or stage-game file from disk.
pub fn load(path: &str) -> Result<RepeatedFile> {
    parse(&crate::input::read_source(path, "the file")?, path)
}

/// Parses a tournament or stage-game file; `source` names it in errors.
pub fn parse(text: &str, source: &str) -> Result<RepeatedFile> {
    let toml = Toml::parse(text, source)?;
    let shape: FileShape = toml.shape()?;
    build(
        &toml,
        shape.tournament.as_ref(),
        shape.game.as_ref(),
        shape.strategy.as_deref(),
    )
}

/// The file's stage game, strategies and tournament from their tables
/// (also the tables of an evolution file).
pub fn build(
    toml: &Toml<'_>,
    tournament: Option<&Spanned<TournamentShape>>,
    game: Option<&Spanned<GameShape>>,
    strategies: Option<&[Spanned<StrategyShape>]>,
) -> Result<RepeatedFile> {
    let game = match game {
        Some(g) => parse_game(toml, g.get_ref())?,
        None => StageGame::default(),
    };
    let mut custom: Vec<Strategy> = Vec::new();
    for (i, item) in strategies.unwrap_or_default().iter().enumerate() {
        let s = parse_strategy(toml, item, i, &custom)?;
        custom.push(s);
    }
    let tournament = match tournament {
        Some(t) => Some(parse_tournament(toml, t, &game, &custom)?),
        None => None,
    };
    Ok(RepeatedFile {
        game,
        strategies: custom,
        tournament,
    })
}

fn parse_tournament(
    toml: &Toml<'_>,
    table: &Spanned<TournamentShape>,
    game: &StageGame,
    custom: &[Strategy],
) -> Result<Tournament> {
    let t = table.get_ref();
    let defaults = MatchRules::default();
    let rules = MatchRules {
        game: game.clone(),
        turns: t.turns.map_or(defaults.turns, |x| x.0 as u32),
        noise: t.noise.map_or(defaults.noise, |x| x.get()),
        prob_end: t.prob_end.map_or(defaults.prob_end, |x| x.get()),
        discount: t.discount.map_or(defaults.discount, |x| x.get()),
    };
    let repetitions = t.repetitions.map_or(10, |x| x.0 as u32);
    let seed = t.seed.map_or(0, |x| x.0 as u64);
    let Some(players) = &t.players else {
        return Err(toml.err_key(
            &table.span(),
            "tournament.players",
            "missing: the list of strategies, e.g. players = [\"TitForTat\", \"Defector\"]",
        ));
    };
    let items = players.get_ref();
    if items.len() < 2 || items.len() > MAX_PLAYERS {
        return Err(toml.err(
            &players.span(),
            format!(
                "must list 2 to {MAX_PLAYERS} strategies, got {}",
                items.len()
            ),
        ));
    }
    let mut list: Vec<Strategy> = Vec::with_capacity(items.len());
    for item in items {
        let s = Strategy::parse(item.get_ref(), custom).map_err(|m| toml.err(&item.span(), m))?;
        check_game(&s, game).map_err(|m| toml.err(&item.span(), m))?;
        if list.iter().any(|p| p.name == s.name) {
            return Err(toml.err(
                &item.span(),
                format!(
                    "`{}` is listed twice: each player needs its own name",
                    s.name
                ),
            ));
        }
        list.push(s);
    }
    let n = list.len() as u64;
    let matches = n * (n + 1) / 2 * u64::from(repetitions);
    if matches > MAX_MATCHES {
        return Err(toml.err_key(
            &table.span(),
            "tournament.repetitions",
            format!(
                "{n} players and {repetitions} repetitions make {matches} matches; at most {MAX_MATCHES} are allowed"
            ),
        ));
    }
    Ok(Tournament {
        players: list,
        rules,
        repetitions,
        seed,
    })
}

/// Checks that a strategy is defined for the game from both sides.
pub fn check_game(s: &Strategy, game: &StageGame) -> std::result::Result<(), String> {
    s.check(&game.view_a())?;
    s.check(&game.view_b())
}

fn parse_game(toml: &Toml<'_>, g: &GameShape) -> Result<StageGame> {
    let mut out = StageGame::default();
    if let Some(title) = &g.title {
        out.title = title.clone();
    }
    if let Some(players) = &g.players {
        two_names(toml, players)?;
    }
    let mut rstp = Rstp::AXELROD;
    let mut shortcut = None;
    for (v, slot) in [
        (&g.r, &mut rstp.r),
        (&g.s, &mut rstp.s),
        (&g.t, &mut rstp.t),
        (&g.p, &mut rstp.p),
    ] {
        if let Some(v) = v {
            *slot = v.get_ref().get();
            shortcut = Some(v.span());
        }
    }
    let row = g.row.as_ref().map(|m| matrix(toml, m)).transpose()?;
    let col = g.col.as_ref().map(|m| matrix(toml, m)).transpose()?;
    match (shortcut, row, col) {
        (Some(span), Some(_), _) | (Some(span), _, Some(_)) => {
            return Err(toml.err_key(
                &span,
                "game",
                "give either the prisoner's-dilemma shortcut r, s, t, p or the matrices row and col, not both",
            ));
        }
        (_, None, Some(_)) => {
            let span = g.col.as_ref().map(Spanned::span).unwrap_or_default();
            return Err(toml.err(&span, "col needs row (the row player's payoffs)"));
        }
        (_, Some(r), c) => {
            out.row = r;
            out.col = c.unwrap_or([[r[0][0], r[1][0]], [r[0][1], r[1][1]]]);
        }
        (_, None, None) => {
            let title = std::mem::take(&mut out.title);
            out = StageGame::prisoners_dilemma(rstp);
            if !title.is_empty() {
                out.title = title;
            }
        }
    }
    if let Some(a) = &g.actions {
        let a = two_names(toml, a)?;
        out.actions_a = a.clone();
        out.actions_b = a;
    }
    if let Some(a) = &g.actions_a {
        out.actions_a = two_names(toml, a)?;
    }
    if let Some(b) = &g.actions_b {
        out.actions_b = two_names(toml, b)?;
    }
    Ok(out)
}

/// Two different names.
fn two_names(toml: &Toml<'_>, v: &Names) -> Result<[String; 2]> {
    match v.get_ref().as_slice() {
        [a, b] if a.get_ref() == b.get_ref() => {
            Err(toml.err(&v.span(), "the two names must differ"))
        }
        [a, b] => Ok([a.get_ref().clone(), b.get_ref().clone()]),
        items => Err(toml.err(
            &v.span(),
            format!("must be an array of 2 strings, got {} items", items.len()),
        )),
    }
}

fn matrix(toml: &Toml<'_>, v: &Spanned<Vec<Payoffs>>) -> Result<[[f64; 2]; 2]> {
    let wrong = |span| {
        toml.err(
            &span,
            "must be a 2x2 array of numbers, e.g. [[3, 0], [5, 1]]: a repeated game has two actions per player",
        )
    };
    let rows = v.get_ref();
    if rows.len() != 2 {
        return Err(wrong(v.span()));
    }
    let mut m = [[0.0; 2]; 2];
    for (i, r) in rows.iter().enumerate() {
        if r.get_ref().len() != 2 {
            return Err(wrong(r.span()));
        }
        for (j, c) in r.get_ref().iter().enumerate() {
            m[i][j] = c.get_ref().get();
        }
    }
    Ok(m)
}

fn parse_strategy(
    toml: &Toml<'_>,
    item: &Spanned<StrategyShape>,
    i: usize,
    custom: &[Strategy],
) -> Result<Strategy> {
    let s = item.get_ref();
    let key = |n: &str| format!("strategy[{i}].{n}");
    let missing = |n: &str, m: &str| toml.err_key(&item.span(), &key(n), m);
    let Some(name_v) = &s.name else {
        return Err(missing("name", "missing: every [[strategy]] needs a name"));
    };
    let name = name_v.get_ref().as_str();
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !valid {
        return Err(toml.err(
            &name_v.span(),
            format!("`{name}` must start with a letter and hold only letters, digits, _ and -"),
        ));
    }
    if catalog::find(name).is_some() || custom.iter().any(|c| c.name == name) {
        return Err(toml.err(
            &name_v.span(),
            format!("`{name}` is already a strategy: choose another name"),
        ));
    }
    let Some(kind_v) = &s.kind else {
        return Err(missing("kind", "missing: kind = \"memory_one\" or \"fsm\""));
    };
    let memory_one = match kind_v.get_ref().as_str() {
        "memory_one" => true,
        "fsm" => false,
        other => {
            return Err(toml.err(
                &kind_v.span(),
                format!("must be \"memory_one\" or \"fsm\", got \"{other}\""),
            ));
        }
    };
    // The keys of the other kind, if any were given.
    let foreign: [(&str, Option<std::ops::Range<usize>>); 5] = [
        ("p", s.p.as_ref().map(Spanned::span)),
        ("first", s.first.as_ref().map(Spanned::span)),
        ("initial_state", s.initial_state.as_ref().map(Spanned::span)),
        (
            "initial_action",
            s.initial_action.as_ref().map(Spanned::span),
        ),
        ("transitions", s.transitions.as_ref().map(Spanned::span)),
    ];
    let own: &[&str] = if memory_one {
        &["name", "kind", "p", "first", "description"]
    } else {
        &[
            "name",
            "kind",
            "initial_state",
            "initial_action",
            "transitions",
            "description",
        ]
    };
    if let Some((k, Some(span))) = foreign
        .iter()
        .find(|(k, span)| span.is_some() && !own.contains(k))
    {
        return Err(toml.err_key(
            span,
            &key(k),
            format!(
                "`{k}` does not apply to this kind (its keys: {})",
                own.join(", ")
            ),
        ));
    }
    let kind = if memory_one {
        let Some(p) = &s.p else {
            return Err(missing("p", "missing: p = [P(C) after CC, CD, DC, DD]"));
        };
        let items = p.get_ref();
        if items.len() != 4 {
            return Err(toml.err(
                &p.span(),
                format!(
                    "must be an array of 4 probabilities (after CC, CD, DC, DD), got {} items",
                    items.len()
                ),
            ));
        }
        let mut four = [0.0; 4];
        for (j, x) in items.iter().enumerate() {
            four[j] = x.get_ref().get();
        }
        let first = s
            .first
            .as_ref()
            .map_or(Opening::Move(Move::C), |f| f.get_ref().0);
        Kind::MemoryOne(
            MemoryOne::new(four, first)
                .map_err(|m| toml.err(&p.span(), m))?
                .into(),
        )
    } else {
        let initial_state = match &s.initial_state {
            Some(v) => *v.get_ref(),
            None => 1,
        };
        let initial_action = match &s.initial_action {
            Some(v) => move_letter(toml, v.get_ref(), &v.span())?,
            None => Move::C,
        };
        let Some(tr) = &s.transitions else {
            return Err(missing(
                "transitions",
                "missing: transitions = [[state, opponent's last move, next state, move], ...]",
            ));
        };
        let mut parsed = Vec::with_capacity(tr.get_ref().len());
        for r in tr.get_ref() {
            let shape = "must be [state, \"C\" or \"D\", next state, \"C\" or \"D\"]";
            let row = match r.get_ref().as_slice() {
                [a, b, c, d] => (
                    state(toml, a, shape)?,
                    move_cell(toml, b, shape)?,
                    state(toml, c, shape)?,
                    move_cell(toml, d, shape)?,
                ),
                cells => {
                    return Err(toml.err(&r.span(), format!("{shape}, got {} items", cells.len())));
                }
            };
            parsed.push(row);
        }
        let fsm = Fsm::new(initial_state, initial_action, &parsed)
            .map_err(|m| toml.err_key(&tr.span(), &key("transitions"), m))?;
        Kind::Fsm(fsm.into())
    };
    Ok(Strategy {
        name: name.to_string(),
        kind,
    })
}

/// A state number of a transition row.
fn state(toml: &Toml<'_>, v: &Spanned<Scalar>, shape: &str) -> Result<i64> {
    match v.get_ref() {
        Scalar::Int(x) => Ok(*x),
        _ => Err(toml.err(&v.span(), format!("{shape}: a state is an integer"))),
    }
}

/// A move letter of a transition row.
fn move_cell(toml: &Toml<'_>, v: &Spanned<Scalar>, shape: &str) -> Result<Move> {
    match v.get_ref() {
        Scalar::Text(t) => move_letter(toml, t, &v.span()),
        _ => Err(toml.err(&v.span(), format!("{shape}: a move is \"C\" or \"D\""))),
    }
}

fn move_letter(toml: &Toml<'_>, s: &str, span: &std::ops::Range<usize>) -> Result<Move> {
    letter(s).ok_or_else(|| toml.err(span, format!("must be \"C\" or \"D\", got \"{s}\"")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text, "t.toml").unwrap_err().to_string()
    }

    #[test]
    fn the_issue_example_parses() {
        let text = include_str!("../../scenarios/tournaments/example.toml");
        let f = parse(text, "example.toml").unwrap();
        let t = f.tournament.unwrap();
        let names: Vec<&str> = t.players.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            ["TitForTat", "Defector", "Random(0.3)", "MyM1", "MyFSM"]
        );
        assert_eq!((t.rules.turns, t.repetitions, t.seed), (200, 100, 1));
        assert_eq!(t.rules.noise, 0.05);
        assert_eq!(t.rules.game, StageGame::default());
    }

    #[test]
    fn explicit_matrices_and_action_names() {
        let f = parse(
            "[game]\nactions_a = [\"talk\", \"refuse\"]\nactions_b = [\"engage\", \"pressure\"]\nrow = [[2, -1], [1, 0]]\ncol = [[2, 3], [-1, 0]]\n",
            "g.toml",
        )
        .unwrap();
        assert_eq!(f.game.row, [[2.0, -1.0], [1.0, 0.0]]);
        assert_eq!(f.game.actions_b[1], "pressure");
        assert!(f.tournament.is_none());
        let sym = parse("[game]\nrow = [[3, 0], [5, 1]]\n", "g.toml").unwrap();
        assert_eq!(sym.game, StageGame::default());
    }

    #[test]
    fn errors_name_line_key_and_range() {
        let e = err("[tournament]\nplayers = [\"TitForTat\", \"TitForTatt\"]\n");
        assert!(
            e.starts_with("t.toml:2:")
                && e.contains("tournament.players[1]")
                && e.contains("did you mean `TitForTat`"),
            "{e}"
        );
        let e = err("[tournament]\nplayers = [\"TitForTat\", \"Defector\"]\nnoise = 1.5\n");
        assert!(e.starts_with("t.toml:3:9") && e.contains("[0, 1]"), "{e}");
        let e = err("[tournament]\nplayers = [\"TitForTat\", \"Defector\"]\nturns = 0\n");
        assert!(
            e.contains("tournament.turns") && e.contains("[1, 10000000]"),
            "{e}"
        );
        let e =
            err("[tournament]\nplayers = [\"TitForTat\", \"Defector\"]\nrepetitions = 10000000\n");
        assert!(
            e.contains("30000000 matches") && e.contains("at most 10000000"),
            "{e}"
        );
        let e = err("[tournament]\nplayers = [\"TitForTat\"]\n");
        assert!(e.contains("2 to"), "{e}");
        let e = err("[tournament]\nplayers = [\"TitForTat\", \"TitForTat\"]\n");
        assert!(e.contains("twice"), "{e}");
        let e = err("[tournament]\nplayrs = []\n");
        assert!(e.contains("did you mean `players`"), "{e}");
        let e = err("[game]\nr = 3\nrow = [[3, 0], [5, 1]]\n");
        assert!(e.contains("not both"), "{e}");
        let e = err("[game]\nrow = [[3, 0, 1], [5, 1]]\n");
        assert!(e.contains("2x2"), "{e}");
        let e = err("[[strategy]]\nname = \"M\"\nkind = \"memory_one\"\np = [0.5, 0.5, 2, 0.5]\n");
        assert!(
            e.starts_with("t.toml:4:") && e.contains("strategy[0].p") && e.contains("[0, 1]"),
            "{e}"
        );
        let e = err("[[strategy]]\nname = \"TitForTat\"\nkind = \"fsm\"\ntransitions = []\n");
        assert!(e.contains("already a strategy"), "{e}");
        let e = err(
            "[[strategy]]\nname = \"F\"\nkind = \"fsm\"\ntransitions = [[1, \"C\", 2, \"C\"], [1, \"D\", 1, \"D\"]]\n",
        );
        assert!(e.contains("state 2"), "{e}");
        let e = err("[[strategy]]\nname = \"F\"\nkind = \"fsm\"\np = [1, 0, 0, 1]\n");
        assert!(e.contains("does not apply"), "{e}");
        let e = err(
            "[game]\nr = 0\ns = 0\nt = 0\np = 0\n[tournament]\nplayers = [\"GenerousTitForTat\", \"Defector\"]\n",
        );
        assert!(
            e.contains("tournament.players[0]") && e.contains("not defined"),
            "{e}"
        );
    }
}
