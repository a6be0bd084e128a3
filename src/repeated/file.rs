//! Tournament and stage-game files (TOML): `[tournament]`, `[game]` and
//! `[[strategy]]` tables, checked key by key with the line and column of
//! every problem. See the README's "Repeated games" section for the format.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::play::MatchRules;
use super::stage::{Move, Rstp, StageGame};
use super::strategy::catalog::{self, letter};
use super::strategy::{Fsm, Kind, MemoryOne, Opening, Strategy};
use super::tournament::Tournament;
use crate::error::{Error, Result};
use crate::input::MAX_PAYOFF;
use crate::scenario::parse::{document, type_name};
use crate::scenario::schema::suggest_option;

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

struct Ctx<'a> {
    text: &'a str,
    source: &'a str,
}

type Item<'a> = Spanned<DeValue<'a>>;

impl Ctx<'_> {
    fn err(&self, span: Range<usize>, key: &str, message: impl Into<String>) -> Error {
        Error::at(self.source, self.text, span.start, key, message)
    }

    fn number(&self, v: &Item<'_>, key: &str) -> Result<f64> {
        let x = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|i| i as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            other => {
                return Err(self.err(
                    v.span(),
                    key,
                    format!("must be a number, got {}", type_name(other)),
                ));
            }
        };
        x.filter(|x| x.is_finite())
            .ok_or_else(|| self.err(v.span(), key, "must be a finite number"))
    }

    /// A payoff: a finite number of at most [`MAX_PAYOFF`] in magnitude.
    fn payoff(&self, v: &Item<'_>, key: &str) -> Result<f64> {
        self.in_range(
            v,
            key,
            -MAX_PAYOFF,
            MAX_PAYOFF,
            &format!("a payoff in [-{MAX_PAYOFF:e}, {MAX_PAYOFF:e}]"),
        )
    }

    fn in_range(&self, v: &Item<'_>, key: &str, min: f64, max: f64, what: &str) -> Result<f64> {
        let x = self.number(v, key)?;
        if x < min || x > max {
            return Err(self.err(v.span(), key, format!("must be {what}, got {x}")));
        }
        Ok(x)
    }

    fn integer(&self, v: &Item<'_>, key: &str, min: i64, max: i64) -> Result<i64> {
        let bad = || format!("must be an integer in [{min}, {max}]");
        let DeValue::Integer(i) = v.get_ref() else {
            return Err(self.err(
                v.span(),
                key,
                format!("{}, got {}", bad(), type_name(v.get_ref())),
            ));
        };
        let x = i64::from_str_radix(i.as_str(), i.radix())
            .map_err(|_| self.err(v.span(), key, format!("{}, got {i}", bad())))?;
        if x < min || x > max {
            return Err(self.err(v.span(), key, format!("{}, got {x}", bad())));
        }
        Ok(x)
    }

    fn string<'v>(&self, v: &'v Item<'_>, key: &str) -> Result<&'v str> {
        match v.get_ref() {
            DeValue::String(s) => Ok(s),
            other => Err(self.err(
                v.span(),
                key,
                format!("must be a string, got {}", type_name(other)),
            )),
        }
    }

    fn array<'v, 'a>(&self, v: &'v Item<'a>, key: &str, what: &str) -> Result<&'v [Item<'a>]> {
        match v.get_ref() {
            DeValue::Array(items) => Ok(items),
            other => Err(self.err(
                v.span(),
                key,
                format!("must be {what}, got {}", type_name(other)),
            )),
        }
    }

    fn unknown(
        &self,
        k: &Spanned<std::borrow::Cow<'_, str>>,
        table: &str,
        keys: &[&'static str],
    ) -> Error {
        let key = k.get_ref().as_ref();
        let hint = match suggest_option(key, keys) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("the keys of [{table}] are {}", keys.join(", ")),
        };
        self.err(
            k.span(),
            &format!("{table}.{key}"),
            format!("unknown key `{key}` ({hint})"),
        )
    }
}

const TOP: [&str; 3] = ["tournament", "game", "strategy"];
const TOURNAMENT_KEYS: [&str; 9] = [
    "name",
    "players",
    "turns",
    "repetitions",
    "noise",
    "seed",
    "prob_end",
    "discount",
    "description",
];
const GAME_KEYS: [&str; 11] = [
    "title",
    "r",
    "s",
    "t",
    "p",
    "actions",
    "actions_a",
    "actions_b",
    "row",
    "col",
    "players",
];
const STRATEGY_KEYS: [&str; 8] = [
    "name",
    "kind",
    "p",
    "first",
    "initial_state",
    "initial_action",
    "transitions",
    "description",
];

/// Reads a tournament or stage-game file from disk.
pub fn load(path: &str) -> Result<RepeatedFile> {
    parse(&crate::input::read_text(path, "the file")?, path)
}

/// Parses a tournament or stage-game file; `source` names it in errors.
pub fn parse(text: &str, source: &str) -> Result<RepeatedFile> {
    let ctx = Ctx { text, source };
    let root = document(text, source)?;
    let root = root.get_ref();
    let (mut tournament, mut game, mut strategies) = (None, None, None);
    for (k, v) in root.iter() {
        let key = k.get_ref().as_ref();
        match (key, v.get_ref()) {
            ("tournament", DeValue::Table(t)) => tournament = Some((t, k.span())),
            ("game", DeValue::Table(t)) => game = Some(t),
            ("strategy", DeValue::Array(items)) => strategies = Some(items),
            ("tournament" | "game", _) => {
                return Err(ctx.err(k.span(), key, format!("must be a table: [{key}]")));
            }
            ("strategy", _) => {
                return Err(ctx.err(k.span(), key, "must be an array of tables: [[strategy]]"));
            }
            _ => {
                let hint = match suggest_option(key, &TOP) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "the tables are [tournament], [game] and [[strategy]]".to_string(),
                };
                return Err(ctx.err(k.span(), key, format!("unknown key `{key}` ({hint})")));
            }
        }
    }
    let game = match game {
        Some(t) => parse_game(&ctx, t)?,
        None => StageGame::default(),
    };
    let mut custom: Vec<Strategy> = Vec::new();
    for (i, item) in strategies.into_iter().flatten().enumerate() {
        let s = parse_strategy(&ctx, item, i, &custom)?;
        custom.push(s);
    }
    let tournament = match tournament {
        Some((t, span)) => Some(parse_tournament(&ctx, t, span, &game, &custom)?),
        None => None,
    };
    Ok(RepeatedFile {
        game,
        strategies: custom,
        tournament,
    })
}

fn parse_tournament(
    ctx: &Ctx<'_>,
    table: &DeTable<'_>,
    span: Range<usize>,
    game: &StageGame,
    custom: &[Strategy],
) -> Result<Tournament> {
    let mut rules = MatchRules {
        game: game.clone(),
        ..MatchRules::default()
    };
    let (mut players, mut repetitions, mut seed) = (None, 10u32, 0u64);
    for (k, v) in table.iter() {
        let name = k.get_ref().as_ref();
        let key = format!("tournament.{name}");
        match name {
            "name" | "description" => {
                ctx.string(v, &key)?;
            }
            "players" => players = Some(v),
            "turns" => rules.turns = ctx.integer(v, &key, 1, i64::from(MAX_TURNS))? as u32,
            "repetitions" => {
                repetitions = ctx.integer(v, &key, 1, i64::from(MAX_REPETITIONS))? as u32;
            }
            "noise" => rules.noise = ctx.in_range(v, &key, 0.0, 1.0, "a probability in [0, 1]")?,
            "prob_end" => {
                rules.prob_end = ctx.in_range(v, &key, 0.0, 1.0, "a probability in [0, 1]")?;
            }
            "discount" => {
                rules.discount = ctx.in_range(v, &key, 0.0, 1.0, "a discount factor in (0, 1]")?;
                if rules.discount == 0.0 {
                    return Err(ctx.err(
                        v.span(),
                        &key,
                        "must be a discount factor in (0, 1], got 0",
                    ));
                }
            }
            "seed" => seed = ctx.integer(v, &key, 0, i64::MAX)? as u64,
            _ => return Err(ctx.unknown(k, "tournament", &TOURNAMENT_KEYS)),
        }
    }
    let Some(players) = players else {
        return Err(ctx.err(
            span,
            "tournament.players",
            "missing: the list of strategies, e.g. players = [\"TitForTat\", \"Defector\"]",
        ));
    };
    let items = ctx.array(players, "tournament.players", "an array of strategy names")?;
    if items.len() < 2 || items.len() > MAX_PLAYERS {
        return Err(ctx.err(
            players.span(),
            "tournament.players",
            format!(
                "must list 2 to {MAX_PLAYERS} strategies, got {}",
                items.len()
            ),
        ));
    }
    let mut list: Vec<Strategy> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let key = format!("tournament.players[{i}]");
        let spec = ctx.string(item, &key)?;
        let s = Strategy::parse(spec, custom).map_err(|m| ctx.err(item.span(), &key, m))?;
        check_game(&s, game).map_err(|m| ctx.err(item.span(), &key, m))?;
        if list.iter().any(|p| p.name == s.name) {
            return Err(ctx.err(
                item.span(),
                &key,
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
        return Err(ctx.err(
            span,
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

fn parse_game(ctx: &Ctx<'_>, table: &DeTable<'_>) -> Result<StageGame> {
    let mut g = StageGame::default();
    let mut rstp = Rstp::AXELROD;
    let (mut shortcut, mut row, mut col) = (None, None, None);
    let mut actions: Option<[String; 2]> = None;
    let (mut actions_a, mut actions_b) = (None, None);
    for (k, v) in table.iter() {
        let name = k.get_ref().as_ref();
        let key = format!("game.{name}");
        match name {
            "title" => g.title = ctx.string(v, &key)?.to_string(),
            "players" => {
                strings(ctx, v, &key, 2)?;
            }
            "r" | "s" | "t" | "p" => {
                let x = ctx.payoff(v, &key)?;
                match name {
                    "r" => rstp.r = x,
                    "s" => rstp.s = x,
                    "t" => rstp.t = x,
                    _ => rstp.p = x,
                }
                shortcut = Some(k.span());
            }
            "actions" => actions = Some(strings(ctx, v, &key, 2)?),
            "actions_a" => actions_a = Some(strings(ctx, v, &key, 2)?),
            "actions_b" => actions_b = Some(strings(ctx, v, &key, 2)?),
            "row" => row = Some((matrix(ctx, v, &key)?, k.span())),
            "col" => col = Some((matrix(ctx, v, &key)?, k.span())),
            _ => return Err(ctx.err(k.span(), &key, unknown_game_key(name))),
        }
    }
    match (shortcut, &row, &col) {
        (Some(span), Some(_), _) | (Some(span), _, Some(_)) => {
            return Err(ctx.err(
                span,
                "game",
                "give either the prisoner's-dilemma shortcut r, s, t, p or the matrices row and col, not both",
            ));
        }
        (_, None, Some((_, span))) => {
            return Err(ctx.err(
                span.clone(),
                "game.col",
                "col needs row (the row player's payoffs)",
            ));
        }
        (_, Some((r, _)), c) => {
            g.row = *r;
            g.col = c
                .as_ref()
                .map_or([[r[0][0], r[1][0]], [r[0][1], r[1][1]]], |c| c.0);
        }
        (_, None, None) => {
            let title = std::mem::take(&mut g.title);
            g = StageGame::prisoners_dilemma(rstp);
            if !title.is_empty() {
                g.title = title;
            }
        }
    }
    if let Some(a) = actions {
        g.actions_a = a.clone();
        g.actions_b = a;
    }
    if let Some(a) = actions_a {
        g.actions_a = a;
    }
    if let Some(b) = actions_b {
        g.actions_b = b;
    }
    Ok(g)
}

fn unknown_game_key(name: &str) -> String {
    match suggest_option(name, &GAME_KEYS) {
        Some(s) => format!("unknown key `{name}` (did you mean `{s}`?)"),
        None => format!(
            "unknown key `{name}` (the keys of [game] are {})",
            GAME_KEYS.join(", ")
        ),
    }
}

fn strings(ctx: &Ctx<'_>, v: &Item<'_>, key: &str, n: usize) -> Result<[String; 2]> {
    let what = format!("an array of {n} strings");
    let items = ctx.array(v, key, &what)?;
    if items.len() != n {
        return Err(ctx.err(
            v.span(),
            key,
            format!("must be {what}, got {} items", items.len()),
        ));
    }
    let a = ctx.string(&items[0], key)?.to_string();
    let b = ctx.string(&items[1], key)?.to_string();
    if a == b {
        return Err(ctx.err(v.span(), key, "the two names must differ"));
    }
    Ok([a, b])
}

fn matrix(ctx: &Ctx<'_>, v: &Item<'_>, key: &str) -> Result<[[f64; 2]; 2]> {
    let what = "a 2x2 array of numbers, e.g. [[3, 0], [5, 1]]";
    let rows = ctx.array(v, key, what)?;
    if rows.len() != 2 {
        return Err(ctx.err(
            v.span(),
            key,
            format!("must be {what}: a repeated game has two actions per player"),
        ));
    }
    let mut m = [[0.0; 2]; 2];
    for (i, r) in rows.iter().enumerate() {
        let cells = ctx.array(r, key, what)?;
        if cells.len() != 2 {
            return Err(ctx.err(
                r.span(),
                key,
                format!("must be {what}: a repeated game has two actions per player"),
            ));
        }
        for (j, c) in cells.iter().enumerate() {
            m[i][j] = ctx.payoff(c, key)?;
        }
    }
    Ok(m)
}

fn parse_strategy(
    ctx: &Ctx<'_>,
    item: &Item<'_>,
    i: usize,
    custom: &[Strategy],
) -> Result<Strategy> {
    let prefix = format!("strategy[{i}]");
    let DeValue::Table(t) = item.get_ref() else {
        return Err(ctx.err(item.span(), &prefix, "must be a table: [[strategy]]"));
    };
    let mut fields: Vec<(&str, &Item<'_>, Range<usize>)> = Vec::new();
    for (k, v) in t.iter() {
        let name = k.get_ref().as_ref();
        if !STRATEGY_KEYS.contains(&name) {
            return Err(ctx.unknown(k, &prefix, &STRATEGY_KEYS));
        }
        fields.push((name, v, k.span()));
    }
    let get = |n: &str| fields.iter().find(|f| f.0 == n).map(|f| f.1);
    let key = |n: &str| format!("{prefix}.{n}");
    let Some(name_v) = get("name") else {
        return Err(ctx.err(
            item.span(),
            &key("name"),
            "missing: every [[strategy]] needs a name",
        ));
    };
    let name = ctx.string(name_v, &key("name"))?;
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !valid {
        return Err(ctx.err(
            name_v.span(),
            &key("name"),
            format!("`{name}` must start with a letter and hold only letters, digits, _ and -"),
        ));
    }
    if catalog::find(name).is_some() || custom.iter().any(|s| s.name == name) {
        return Err(ctx.err(
            name_v.span(),
            &key("name"),
            format!("`{name}` is already a strategy: choose another name"),
        ));
    }
    let Some(kind_v) = get("kind") else {
        return Err(ctx.err(
            item.span(),
            &key("kind"),
            "missing: kind = \"memory_one\" or \"fsm\"",
        ));
    };
    let allowed: &[&str] = match ctx.string(kind_v, &key("kind"))? {
        "memory_one" => &["name", "kind", "p", "first", "description"],
        "fsm" => &[
            "name",
            "kind",
            "initial_state",
            "initial_action",
            "transitions",
            "description",
        ],
        other => {
            return Err(ctx.err(
                kind_v.span(),
                &key("kind"),
                format!("must be \"memory_one\" or \"fsm\", got \"{other}\""),
            ));
        }
    };
    if let Some(f) = fields.iter().find(|f| !allowed.contains(&f.0)) {
        return Err(ctx.err(
            f.2.clone(),
            &key(f.0),
            format!(
                "`{}` does not apply to this kind (its keys: {})",
                f.0,
                allowed.join(", ")
            ),
        ));
    }
    if let Some(d) = get("description") {
        ctx.string(d, &key("description"))?;
    }
    let kind = if allowed.contains(&"p") {
        let Some(p) = get("p") else {
            return Err(ctx.err(
                item.span(),
                &key("p"),
                "missing: p = [P(C) after CC, CD, DC, DD]",
            ));
        };
        let items = ctx.array(p, &key("p"), "an array of 4 probabilities")?;
        if items.len() != 4 {
            return Err(ctx.err(
                p.span(),
                &key("p"),
                format!(
                    "must be an array of 4 probabilities (after CC, CD, DC, DD), got {} items",
                    items.len()
                ),
            ));
        }
        let mut four = [0.0; 4];
        for (j, x) in items.iter().enumerate() {
            four[j] = ctx.in_range(x, &key("p"), 0.0, 1.0, "a probability in [0, 1]")?;
        }
        let first = match get("first") {
            None => Opening::Move(Move::C),
            Some(f) => match f.get_ref() {
                DeValue::String(s) => letter(s).map(Opening::Move).ok_or_else(|| {
                    ctx.err(
                        f.span(),
                        &key("first"),
                        format!("must be \"C\", \"D\" or a probability in [0, 1], got \"{s}\""),
                    )
                })?,
                _ => Opening::Probability(ctx.in_range(
                    f,
                    &key("first"),
                    0.0,
                    1.0,
                    "\"C\", \"D\" or a probability in [0, 1]",
                )?),
            },
        };
        Kind::MemoryOne(
            MemoryOne::new(four, first)
                .map_err(|m| ctx.err(p.span(), &key("p"), m))?
                .into(),
        )
    } else {
        let initial_state = match get("initial_state") {
            Some(v) => ctx.integer(v, &key("initial_state"), i64::MIN, i64::MAX)?,
            None => 1,
        };
        let initial_action = match get("initial_action") {
            Some(v) => move_letter(ctx, v, &key("initial_action"))?,
            None => Move::C,
        };
        let Some(tr) = get("transitions") else {
            return Err(ctx.err(
                item.span(),
                &key("transitions"),
                "missing: transitions = [[state, opponent's last move, next state, move], ...]",
            ));
        };
        let what = "an array of [state, \"C\" or \"D\", next state, \"C\" or \"D\"] rows";
        let rows = ctx.array(tr, &key("transitions"), what)?;
        let mut parsed = Vec::with_capacity(rows.len());
        for (j, r) in rows.iter().enumerate() {
            let rk = format!("{prefix}.transitions[{j}]");
            let cells = ctx.array(r, &rk, what)?;
            if cells.len() != 4 {
                return Err(ctx.err(
                    r.span(),
                    &rk,
                    format!(
                        "must be [state, \"C\" or \"D\", next state, \"C\" or \"D\"], got {} items",
                        cells.len()
                    ),
                ));
            }
            parsed.push((
                ctx.integer(&cells[0], &rk, i64::MIN, i64::MAX)?,
                move_letter(ctx, &cells[1], &rk)?,
                ctx.integer(&cells[2], &rk, i64::MIN, i64::MAX)?,
                move_letter(ctx, &cells[3], &rk)?,
            ));
        }
        let fsm = Fsm::new(initial_state, initial_action, &parsed)
            .map_err(|m| ctx.err(tr.span(), &key("transitions"), m))?;
        Kind::Fsm(fsm.into())
    };
    Ok(Strategy {
        name: name.to_string(),
        kind,
    })
}

fn move_letter(ctx: &Ctx<'_>, v: &Item<'_>, key: &str) -> Result<Move> {
    let s = ctx.string(v, key)?;
    letter(s).ok_or_else(|| {
        ctx.err(
            v.span(),
            key,
            format!("must be \"C\" or \"D\", got \"{s}\""),
        )
    })
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
