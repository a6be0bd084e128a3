//! Gambit's strategic-form file format (`.nfg`): reader and writer.
//!
//! The reader accepts everything Gambit's does (see `docs/GAMES.md`): the
//! count and the names forms of the strategies block, an optional comment,
//! the payoff-list and the outcome-list bodies, `R` and `D` files, and every
//! exact number form. Cells are listed with player 1's strategy changing
//! fastest. Every error names the line and column of the offending token.

use std::fmt::Write as _;

use super::Game;
use super::rational::{self, Rational};
use crate::error::{Error, Origin, Result};

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    Comma,
    Str(String),
    Num(Rational),
    /// An unquoted word that is not a number (`NFG`, `R`, `D`, or junk).
    Word(String),
    End,
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Open => "`{`".into(),
            Tok::Close => "`}`".into(),
            Tok::Comma => "`,`".into(),
            Tok::Str(s) => format!("the string \"{}\"", short(s)),
            Tok::Num(r) => format!("the number {}", rational::show(r)),
            Tok::Word(w) => format!("`{}`", short(w)),
            Tok::End => "the end of the file".into(),
        }
    }
}

fn short(s: &str) -> String {
    crate::error::shorten(s, 30)
}

struct Lexer<'a> {
    text: &'a str,
    source: &'a str,
    pos: usize,
    /// The next token and its byte offset, once peeked.
    peeked: Option<(Tok, usize)>,
}

impl<'a> Lexer<'a> {
    fn err(&self, offset: usize, message: impl Into<String>) -> Error {
        Error::input(
            Origin::source(self.source).at_offset(self.text, offset),
            message,
        )
    }

    fn lex(&mut self) -> Result<(Tok, usize)> {
        let bytes = self.text.as_bytes();
        while self.pos < bytes.len() && bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
        let start = self.pos;
        let Some(&b) = bytes.get(start) else {
            return Ok((Tok::End, start));
        };
        let tok = match b {
            b'{' => {
                self.pos += 1;
                Tok::Open
            }
            b'}' => {
                self.pos += 1;
                Tok::Close
            }
            b',' => {
                self.pos += 1;
                Tok::Comma
            }
            b'"' => {
                let mut s = String::new();
                let mut chars = self.text[start + 1..].char_indices();
                loop {
                    match chars.next() {
                        None => return Err(self.err(start, "unterminated string")),
                        Some((i, '"')) => {
                            self.pos = start + 1 + i + 1;
                            break;
                        }
                        Some((_, '\\')) => match chars.next() {
                            Some((_, '"')) => s.push('"'),
                            Some((_, c)) => {
                                s.push('\\');
                                s.push(c);
                            }
                            None => return Err(self.err(start, "unterminated string")),
                        },
                        Some((_, c)) => s.push(c),
                    }
                }
                Tok::Str(s)
            }
            _ => {
                let end = self.text[start..]
                    .find(|c: char| c.is_whitespace() || matches!(c, '{' | '}' | '"' | ','))
                    .map_or(self.text.len(), |i| start + i);
                self.pos = end;
                let word = &self.text[start..end];
                if word.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.')) {
                    Tok::Num(rational::parse(word).map_err(|m| self.err(start, m))?)
                } else {
                    Tok::Word(word.to_string())
                }
            }
        };
        Ok((tok, start))
    }

    fn next(&mut self) -> Result<(Tok, usize)> {
        match self.peeked.take() {
            Some(t) => Ok(t),
            None => self.lex(),
        }
    }

    fn peek(&mut self) -> Result<&Tok> {
        if self.peeked.is_none() {
            self.peeked = Some(self.lex()?);
        }
        Ok(&self.peeked.as_ref().expect("peeked").0)
    }

    fn expect(&mut self, want: &Tok, what: &str) -> Result<()> {
        let (tok, at) = self.next()?;
        if &tok == want {
            Ok(())
        } else {
            Err(self.err(at, format!("expected {what}, found {}", tok.describe())))
        }
    }

    fn string(&mut self, what: &str) -> Result<String> {
        match self.next()? {
            (Tok::Str(s), _) => Ok(s),
            (tok, at) => Err(self.err(at, format!("expected {what}, found {}", tok.describe()))),
        }
    }

    fn number(&mut self, what: &str) -> Result<(Rational, usize)> {
        match self.next()? {
            (Tok::Num(r), at) => Ok((r, at)),
            (tok, at) => Err(self.err(at, format!("expected {what}, found {}", tok.describe()))),
        }
    }

    /// A non-negative integer that fits a `usize`.
    fn index(&mut self, what: &str) -> Result<(usize, usize)> {
        let (r, at) = self.number(what)?;
        let n = (r.is_integer() && !rational::is_negative(&r))
            .then(|| r.numer().to_string().parse::<usize>().ok())
            .flatten();
        match n {
            Some(n) => Ok((n, at)),
            None => Err(self.err(
                at,
                format!(
                    "expected {what} (a non-negative integer), found {}",
                    rational::show(&r)
                ),
            )),
        }
    }
}

/// Reads an `.nfg` text; `source` names the file in error messages.
pub fn parse(text: &str, source: &str) -> Result<Game> {
    let mut lx = Lexer {
        text,
        source,
        pos: 0,
        peeked: None,
    };
    match lx.next()? {
        (Tok::Word(w), _) if w == "NFG" => {}
        (tok, at) => {
            return Err(lx.err(
                at,
                format!(
                    "expected `NFG` (a Gambit strategic-form file begins `NFG 1 R`), found {}",
                    tok.describe()
                ),
            ));
        }
    }
    match lx.next()? {
        (Tok::Num(v), _) if v == rational::int(1) => {}
        (tok, at) => {
            return Err(lx.err(
                at,
                format!("expected the version 1, found {}", tok.describe()),
            ));
        }
    }
    match lx.next()? {
        (Tok::Word(w), _) if w == "R" || w == "D" => {}
        (tok, at) => {
            return Err(lx.err(
                at,
                format!(
                    "expected the type letter `R` or `D`, found {}",
                    tok.describe()
                ),
            ));
        }
    }
    let title = lx.string("the title (a quoted string)")?;
    lx.expect(&Tok::Open, "`{` opening the list of players")?;
    let mut players = Vec::new();
    loop {
        match lx.next()? {
            (Tok::Str(s), _) => players.push(s),
            (Tok::Close, at) if players.is_empty() => {
                return Err(lx.err(at, "a game needs at least one player"));
            }
            (Tok::Close, _) => break,
            (tok, at) => {
                return Err(lx.err(
                    at,
                    format!(
                        "expected a player name (a quoted string) or `}}`, found {}",
                        tok.describe()
                    ),
                ));
            }
        }
    }
    let n = players.len();
    let (strat_open, _) = lx.next()?;
    if strat_open != Tok::Open {
        let at = lx.pos;
        return Err(lx.err(
            at.saturating_sub(1),
            format!(
                "expected `{{` opening the strategies block, found {}",
                strat_open.describe()
            ),
        ));
    }
    let mut strategies: Vec<Vec<String>> = Vec::with_capacity(n);
    if lx.peek()? == &Tok::Open {
        for p in 0..n {
            lx.expect(
                &Tok::Open,
                &format!("`{{` opening the strategy names of player {}", p + 1),
            )?;
            let mut names = Vec::new();
            loop {
                match lx.next()? {
                    (Tok::Str(s), _) => names.push(s),
                    (Tok::Close, at) if names.is_empty() => {
                        return Err(
                            lx.err(at, format!("player {} needs at least one strategy", p + 1))
                        );
                    }
                    (Tok::Close, _) => break,
                    (tok, at) => {
                        return Err(lx.err(
                            at,
                            format!(
                                "expected a strategy name (a quoted string) or `}}`, found {}",
                                tok.describe()
                            ),
                        ));
                    }
                }
            }
            strategies.push(names);
        }
    } else {
        // The count form: every count is checked, and the game's size bounded,
        // before any strategy is named.
        let mut counts = Vec::with_capacity(n);
        for p in 0..n {
            let (count, at) = lx.index(&format!("the number of strategies of player {}", p + 1))?;
            if count == 0 {
                return Err(lx.err(
                    at,
                    format!("player {} needs at least one strategy, got 0", p + 1),
                ));
            }
            counts.push(count);
            if let Err(m) = super::check_size(&counts, usize::MAX) {
                return Err(lx.err(at, m));
            }
        }
        strategies = counts
            .iter()
            .map(|&k| (1..=k).map(|i| i.to_string()).collect())
            .collect();
    }
    lx.expect(
        &Tok::Close,
        &format!("`}}` closing the strategies block ({n} players)"),
    )?;
    let shape: Vec<usize> = strategies.iter().map(Vec::len).collect();
    let cells = super::check_size(&shape, text.len() - lx.pos).map_err(|m| lx.err(lx.pos, m))?;
    let comment = if let Tok::Str(_) = lx.peek()? {
        lx.string("the comment")?
    } else {
        String::new()
    };
    let mut payoffs: Vec<Vec<Rational>> = Vec::with_capacity(cells);
    match lx.peek()?.clone() {
        Tok::Num(_) => {
            for c in 0..cells {
                let mut cell = Vec::with_capacity(n);
                for p in 0..n {
                    let what = format!(
                        "the payoff of player {} in cell {} of {cells} (payoff list: {n} numbers a cell)",
                        p + 1,
                        c + 1
                    );
                    cell.push(lx.number(&what)?.0);
                }
                payoffs.push(cell);
            }
        }
        Tok::Open => {
            lx.next()?;
            let mut outcomes: Vec<Vec<Rational>> = Vec::new();
            loop {
                match lx.next()? {
                    (Tok::Close, _) => break,
                    (Tok::Open, _) => {}
                    (tok, at) => {
                        return Err(lx.err(
                            at,
                            format!(
                                "expected `{{` opening outcome {} or `}}` closing the outcome list, found {}",
                                outcomes.len() + 1,
                                tok.describe()
                            ),
                        ));
                    }
                }
                let k = outcomes.len() + 1;
                lx.string(&format!("the label of outcome {k} (a quoted string)"))?;
                let mut values = Vec::with_capacity(n);
                loop {
                    let (tok, at) = lx.next()?;
                    match tok {
                        Tok::Num(r) if values.len() < n => values.push(r),
                        Tok::Comma if !values.is_empty() => {}
                        Tok::Close if values.len() == n => break,
                        Tok::Close => {
                            return Err(lx.err(
                                at,
                                format!(
                                    "outcome {k} has {} payoffs, expected {n} (one per player)",
                                    values.len()
                                ),
                            ));
                        }
                        Tok::Num(_) => {
                            return Err(lx.err(
                                at,
                                format!("outcome {k} has more than {n} payoffs (one per player)"),
                            ));
                        }
                        tok => {
                            return Err(lx.err(
                                at,
                                format!(
                                    "expected a payoff of outcome {k} or `}}`, found {}",
                                    tok.describe()
                                ),
                            ));
                        }
                    }
                }
                outcomes.push(values);
            }
            let zero = vec![rational::int(0); n];
            for c in 0..cells {
                let what = format!("the outcome index of cell {} of {cells}", c + 1);
                let (k, at) = lx.index(&what)?;
                if k > outcomes.len() {
                    return Err(lx.err(
                        at,
                        format!(
                            "outcome index {k} out of range: there are {} outcomes (0 is the null outcome)",
                            outcomes.len()
                        ),
                    ));
                }
                payoffs.push(if k == 0 {
                    zero.clone()
                } else {
                    outcomes[k - 1].clone()
                });
            }
        }
        tok => {
            let (_, at) = lx.next()?;
            return Err(lx.err(
                at,
                format!(
                    "expected the payoffs (numbers) or the outcome list (`{{`), found {}",
                    tok.describe()
                ),
            ));
        }
    }
    match lx.next()? {
        (Tok::End, _) => {}
        (tok, at) => {
            return Err(lx.err(
                at,
                format!(
                    "expected the end of the file after {cells} cells, found {}",
                    tok.describe()
                ),
            ));
        }
    }
    Ok(Game {
        title,
        comment,
        players,
        strategies,
        payoffs,
    })
}

fn quote(s: &str) -> String {
    // A trailing backslash must not escape the closing quote.
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Writes a game in the form Gambit writes: the names header and the outcome
/// body, one outcome per cell, every payoff an exact rational (`2/3`).
pub fn write(game: &Game) -> String {
    write_with(game, rational::show)
}

/// [`write`], each payoff written by `number` (which must write it exactly).
pub fn write_with(game: &Game, number: impl Fn(&Rational) -> String) -> String {
    let mut out = String::new();
    let players: Vec<String> = game.players.iter().map(|p| quote(p)).collect();
    let _ = writeln!(
        out,
        "NFG 1 R {} {{ {} }}\n",
        quote(&game.title),
        players.join(" ")
    );
    out.push_str("{ ");
    for (i, s) in game.strategies.iter().enumerate() {
        let names: Vec<String> = s.iter().map(|x| quote(x)).collect();
        if i > 0 {
            out.push_str("  ");
        }
        let _ = writeln!(out, "{{ {} }}", names.join(" "));
    }
    out.push_str("}\n");
    let _ = writeln!(out, "{}\n", quote(&game.comment));
    out.push_str("{\n");
    for cell in &game.payoffs {
        let values: Vec<String> = cell.iter().map(&number).collect();
        let _ = writeln!(out, "{{ \"\" {} }}", values.join(", "));
    }
    out.push_str("}\n");
    let indices: Vec<String> = (1..=game.payoffs.len()).map(|i| i.to_string()).collect();
    let _ = writeln!(out, "{}", indices.join(" "));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text, "g.nfg").unwrap_err().to_string()
    }

    #[test]
    fn reads_payoff_list_in_player_one_fastest_order() {
        let g = parse(
            "NFG 1 R \"Selten\" { \"Player 1\" \"Player 2\" } { 3 2 }\n\n1 1 0 2 0 2 1 1 0 3 2 0\n",
            "x",
        )
        .unwrap();
        assert_eq!(g.strategies, vec![vec!["1", "2", "3"], vec!["1", "2"]]);
        assert_eq!(g.comment, "");
        let show = |p: &[usize]| {
            g.payoffs[g.cell(p)]
                .iter()
                .map(rational::show)
                .collect::<Vec<_>>()
                .join(",")
        };
        assert_eq!(show(&[0, 0]), "1,1");
        assert_eq!(show(&[1, 0]), "0,2");
        assert_eq!(show(&[2, 0]), "0,2");
        assert_eq!(show(&[0, 1]), "1,1");
        assert_eq!(show(&[1, 1]), "0,3");
        assert_eq!(show(&[2, 1]), "2,0");
    }

    #[test]
    fn reads_outcome_list_with_commas_null_outcome_and_names() {
        let text = "NFG 1 R \"BoS \\\"x\\\"\" { \"A\" \"B\" }\n{ { \"F\" \"O\" } { \"F\" \"O\" } }\n\"a\ncomment\"\n{ { \"ff\" 2, 1 } { \"oo\" 1 2, } }\n1 0 0 2\n";
        let g = parse(text, "x").unwrap();
        assert_eq!(g.title, "BoS \"x\"");
        assert_eq!(g.comment, "a\ncomment");
        assert_eq!(g.strategies[0], vec!["F", "O"]);
        assert_eq!(g.payoffs[1], vec![rational::int(0), rational::int(0)]);
        assert_eq!(g.payoffs[3], vec![rational::int(1), rational::int(2)]);
        // The writer's output reads back as the same game.
        let back = parse(&write(&g), "w").unwrap();
        assert_eq!(back.payoffs, g.payoffs);
        assert_eq!(back.strategies, g.strategies);
        assert_eq!(back.title, g.title);
    }

    #[test]
    fn errors_name_line_column_and_problem() {
        assert_eq!(
            err("NFG 2 R \"\" { \"a\" } { 1 } 0"),
            "g.nfg:1:5: expected the version 1, found the number 2"
        );
        assert!(
            err("NFG 1 R \"\" { \"a\" \"b\" } { 2 2 }\n1 2 3")
                .starts_with("g.nfg:2:6: expected the payoff of player 2 in cell 2 of 4")
        );
        assert!(
            err("NFG 1 R \"\" { \"a\" } { 1 } 1 2")
                .starts_with("g.nfg:1:28: expected the end of the file")
        );
        assert!(err("NFG 1 R \"\" { \"a\" } { 2 }\n1 +2").contains("2:3: invalid number `+2`"));
        assert!(
            err("NFG 1 R \"\" { \"a\" } { 1 } { { \"o\" 1 } }\n2")
                .contains("2:1: outcome index 2 out of range")
        );
        assert!(
            err("NFG 1 R \"\" { \"a\" \"b\" } { 1 1 } { { \"o\" 1 } }\n1")
                .contains("outcome 1 has 1 payoffs, expected 2")
        );
        assert!(err("# comment\nNFG").starts_with("g.nfg:1:1: expected `NFG`"));
        assert!(err("NFG 1 R \"\" { \"a\" } { 0 } 1").contains("at least one strategy, got 0"));
        assert!(err("NFG 1 R \"unterminated").contains("1:9: unterminated string"));
        assert!(err("NFG 1 R \"\" { \"a\" } { 1 } 1/0").contains("division by zero"));
        assert!(err("NFG 1 X").contains("type letter"));
    }
}
