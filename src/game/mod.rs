//! Normal-form games and their Nash equilibria.
//!
//! A [`Game`] is read from a Gambit `.nfg` file ([`nfg`]) or a TOML matrix
//! game ([`matrix`]), with exact rational payoffs ([`rational`]). [`solve`]
//! finds, for two players, every extreme Nash equilibrium by vertex
//! enumeration ([`enumerate`]) or one by Lemke–Howson ([`lemke_howson`]);
//! for three or more players, every pure-strategy equilibrium ([`pure`]).
//! Everything is exact. The methods are described in `docs/GAMES.md`.

pub mod enumerate;
pub mod lemke_howson;
pub mod matrix;
pub mod nfg;
pub mod pure;
pub mod rational;
pub mod tableau;

use std::cmp::Ordering;

use num_traits::{One, Zero};

use crate::error::Result;
pub use rational::Rational;

/// The most cells (pure strategy profiles) a game may have: a million cells
/// of two exact payoffs take about 200 MB.
pub const MAX_CELLS: usize = 1_000_000;

/// Checks a game's shape before anything is allocated for its payoffs: the
/// number of cells (the product of the strategy counts, computed without
/// overflow) must be at most [`MAX_CELLS`] and at most `room`, the bytes of
/// text left to hold the payoffs (every cell takes at least one character).
/// Returns the number of cells.
pub fn check_size(shape: &[usize], room: usize) -> std::result::Result<usize, String> {
    let counts: Vec<String> = shape.iter().map(usize::to_string).collect();
    let cells = shape.iter().try_fold(1usize, |a, &k| a.checked_mul(k));
    let shown = cells.map_or_else(|| format!("more than {}", usize::MAX), |c| c.to_string());
    match cells {
        Some(c) if c <= MAX_CELLS && c <= room => Ok(c),
        Some(c) if c <= MAX_CELLS => Err(format!(
            "{} strategies make {c} cells, but only {room} bytes of the file are left for their payoffs \
             (a truncated file, or a mistyped strategy count?)",
            counts.join("x")
        )),
        _ => Err(format!(
            "{} strategies make {shown} cells, more than the {MAX_CELLS} allowed",
            counts.join("x")
        )),
    }
}

/// A payoff matrix: `m[i][j]` for player 1's strategy `i`, player 2's `j`.
pub type Matrix = Vec<Vec<Rational>>;

/// A finite game in strategic form.
#[derive(Debug, Clone, PartialEq)]
pub struct Game {
    /// The title (may be empty).
    pub title: String,
    /// The comment (may be empty).
    pub comment: String,
    /// Player names, in order.
    pub players: Vec<String>,
    /// Each player's strategy labels, in order.
    pub strategies: Vec<Vec<String>>,
    /// The payoffs of every cell, one per player; cells are ordered with
    /// player 1's strategy changing fastest (Gambit's order).
    pub payoffs: Vec<Vec<Rational>>,
}

impl Game {
    /// Reads a game file (once: it may be a pipe), in the form [`Game::parse`] chooses.
    pub fn load(path: &str) -> Result<Game> {
        Game::parse(&crate::input::read_text(path, "the game")?, path)
    }

    /// Parses a game's text: the TOML matrix form when the name ends in
    /// `.toml`, Gambit's `.nfg` when it ends in `.nfg`; else (a pipe such as
    /// `<(cmd)` has no extension) `.nfg` when the text begins `NFG`, TOML otherwise.
    pub fn parse(text: &str, source: &str) -> Result<Game> {
        let name = source.to_ascii_lowercase();
        let toml = if name.ends_with(".toml") {
            true
        } else if name.ends_with(".nfg") {
            false
        } else {
            !text.trim_start().starts_with("NFG")
        };
        if toml {
            matrix::parse(text, source)
        } else {
            nfg::parse(text, source)
        }
    }

    /// Each player's number of strategies.
    pub fn shape(&self) -> Vec<usize> {
        self.strategies.iter().map(Vec::len).collect()
    }

    /// The cell index of a pure profile.
    pub fn cell(&self, profile: &[usize]) -> usize {
        let shape = self.shape();
        let mut index = 0;
        for p in (0..shape.len()).rev() {
            index = index * shape[p] + profile[p];
        }
        index
    }

    /// The payoff matrices `(A, B)` of a two-player game (`A[i][j]` to player 1).
    pub fn bimatrix(&self) -> Option<(Matrix, Matrix)> {
        let shape = self.shape();
        if shape.len() != 2 {
            return None;
        }
        let (m, n) = (shape[0], shape[1]);
        let mat = |p: usize| -> Matrix {
            (0..m)
                .map(|i| (0..n).map(|j| self.payoffs[i + m * j][p].clone()).collect())
                .collect()
        };
        Some((mat(0), mat(1)))
    }
}

/// How to solve a two-player game.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Every extreme equilibrium (vertex enumeration).
    Enumerate,
    /// One equilibrium by Lemke–Howson, dropping this label (0-based:
    /// player 1's strategies, then player 2's).
    LemkeHowson {
        /// The dropped label.
        label: usize,
    },
}

/// One equilibrium: a mixed strategy per player and the expected payoffs.
#[derive(Debug, Clone, PartialEq)]
pub struct Equilibrium {
    /// One probability per strategy, per player, in the game's order.
    pub strategies: Vec<Vec<Rational>>,
    /// Each player's expected payoff.
    pub payoffs: Vec<Rational>,
    /// The component of the equilibrium set it is an extreme point of
    /// (0-based; with finitely many equilibria every equilibrium is its own).
    pub component: usize,
}

/// The solver's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// Number of players.
    pub players: usize,
    /// Strategies per player.
    pub shape: Vec<usize>,
    /// Whether the game has infinitely many equilibria (components that are
    /// not single points); only their extreme points are listed.
    pub degenerate: bool,
    /// The equilibria found.
    pub equilibria: Vec<Equilibrium>,
    /// What was computed, for the text report.
    pub scope: Scope,
}

/// What a [`Solution`] lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every extreme equilibrium of a two-player game.
    AllExtreme,
    /// One equilibrium found by Lemke–Howson.
    One,
    /// Every pure-strategy equilibrium (three or more players).
    Pure,
}

/// The most vertices a best-response polytope may have, by the upper bound
/// theorem, for vertex enumeration to be tried (a 16x16 game; 17x17 and
/// larger need Lemke–Howson).
pub const MAX_ENUM_VERTICES: f64 = 1_000_000.0;

/// The upper bound theorem (McMullen 1970): the most vertices a
/// d-dimensional polytope with `facets` facets can have.
pub fn max_vertices(d: usize, facets: usize) -> f64 {
    fn binomial(n: usize, k: usize) -> f64 {
        (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
    }
    let (lo, hi) = (d / 2, d.div_ceil(2));
    if d == 0 || facets <= d {
        return 1.0;
    }
    binomial(facets - hi, lo) + binomial(facets - lo - 1, hi - 1)
}

/// Checks, before any work, that `method` can solve `game` within bounds:
/// vertex enumeration needs at most 128 strategies in all and best-response
/// polytopes of at most [`MAX_ENUM_VERTICES`] vertices by the upper bound
/// theorem; the exact methods need payoffs of at most
/// [`lemke_howson::MAX_BITS`] bits as integers. Errors say what to do.
pub fn check_solvable(game: &Game, method: Method) -> std::result::Result<(), String> {
    let Some((a, b)) = game.bimatrix() else {
        return Ok(());
    };
    let (m, n) = (a.len(), b[0].len());
    if method == Method::Enumerate {
        if m + n > 128 {
            return Err(format!(
                "vertex enumeration takes at most 128 strategies in all, this {m}x{n} game has {}: \
                 use --method lh for one equilibrium",
                m + n
            ));
        }
        let worst = max_vertices(m, m + n).max(max_vertices(n, m + n));
        if worst > MAX_ENUM_VERTICES {
            return Err(format!(
                "vertex enumeration of this {m}x{n} game may visit up to {worst:.1e} vertices of a \
                 best-response polytope (the upper bound theorem), more than the {MAX_ENUM_VERTICES:.0e} \
                 allowed: use --method lh for one equilibrium"
            ));
        }
    }
    for (player, matrix) in [(1, &a), (2, &b)] {
        lemke_howson::positive_integers(matrix).map_err(|m| format!("player {player}: {m}"))?;
    }
    Ok(())
}

/// Solves a game: see [`Method`]; games with other than two players get
/// their pure equilibria whatever the method. Refuses games
/// [`check_solvable`] refuses.
pub fn solve(game: &Game, method: Method) -> std::result::Result<Solution, String> {
    check_solvable(game, method)?;
    let shape = game.shape();
    let Some((a, b)) = game.bimatrix() else {
        let equilibria = pure::pure_equilibria(game)
            .into_iter()
            .map(|profile| Equilibrium {
                strategies: shape
                    .iter()
                    .zip(&profile)
                    .map(|(&k, &s)| (0..k).map(|i| rational::int(i64::from(i == s))).collect())
                    .collect(),
                payoffs: game.payoffs[game.cell(&profile)].clone(),
                component: 0,
            })
            .enumerate()
            .map(|(i, mut e)| {
                e.component = i;
                e
            })
            .collect();
        return Ok(Solution {
            players: shape.len(),
            shape,
            degenerate: false,
            equilibria,
            scope: Scope::Pure,
        });
    };
    let (m, n) = (shape[0], shape[1]);
    match method {
        Method::LemkeHowson { label } => {
            if label >= m + n {
                return Err(format!(
                    "--label must be in 1..={} for a {m}x{n} game, got {}",
                    m + n,
                    label + 1
                ));
            }
            let (x, y) = lemke_howson::solve(&a, &b, label)?;
            let payoffs = expected(&a, &b, &x, &y);
            Ok(Solution {
                players: 2,
                shape,
                degenerate: false,
                equilibria: vec![Equilibrium {
                    strategies: vec![x, y],
                    payoffs,
                    component: 0,
                }],
                scope: Scope::One,
            })
        }
        Method::Enumerate => {
            let ai = lemke_howson::positive_integers(&a)?;
            let bi = lemke_howson::positive_integers(&b)?;
            let e = enumerate::enumerate(&ai, &bi)?;
            let xs: Vec<Vec<Rational>> =
                e.p.iter()
                    .map(|v| lemke_howson::normalise(v.coords.clone()))
                    .collect();
            let ys: Vec<Vec<Rational>> =
                e.q.iter()
                    .map(|v| lemke_howson::normalise(v.coords.clone()))
                    .collect();
            // Components: union-find over vertices, P's then Q's.
            let mut parent: Vec<usize> = (0..xs.len() + ys.len()).collect();
            fn find(parent: &mut [usize], mut i: usize) -> usize {
                while parent[i] != i {
                    parent[i] = parent[parent[i]];
                    i = parent[i];
                }
                i
            }
            let mut degree_p = vec![0usize; xs.len()];
            let mut degree_q = vec![0usize; ys.len()];
            for pair in &e.pairs {
                degree_p[pair.p] += 1;
                degree_q[pair.q] += 1;
                let (u, v) = (
                    find(&mut parent, pair.p),
                    find(&mut parent, xs.len() + pair.q),
                );
                parent[u] = v;
            }
            let degenerate = degree_p.iter().chain(&degree_q).any(|&d| d > 1);
            let mut found: Vec<(Equilibrium, usize)> = e
                .pairs
                .iter()
                .map(|pair| {
                    let (x, y) = (xs[pair.p].clone(), ys[pair.q].clone());
                    let payoffs = expected(&a, &b, &x, &y);
                    let root = find(&mut parent, pair.p);
                    (
                        Equilibrium {
                            strategies: vec![x, y],
                            payoffs,
                            component: 0,
                        },
                        root,
                    )
                })
                .collect();
            found.sort_by(|(e1, _), (e2, _)| order(e1, e2));
            // Number the components in order of first appearance.
            let mut roots: Vec<usize> = Vec::new();
            let equilibria = found
                .into_iter()
                .map(|(mut eq, root)| {
                    eq.component = roots.iter().position(|&r| r == root).unwrap_or_else(|| {
                        roots.push(root);
                        roots.len() - 1
                    });
                    eq
                })
                .collect();
            Ok(Solution {
                players: 2,
                shape,
                degenerate,
                equilibria,
                scope: Scope::AllExtreme,
            })
        }
    }
}

/// Equilibria in a fixed order: player 1's strategy, then player 2's, each
/// compared probability by probability, larger first (pure first strategies lead).
fn order(e1: &Equilibrium, e2: &Equilibrium) -> Ordering {
    for (s1, s2) in e1.strategies.iter().zip(&e2.strategies) {
        for (p1, p2) in s1.iter().zip(s2) {
            match p2.cmp(p1) {
                Ordering::Equal => {}
                o => return o,
            }
        }
    }
    Ordering::Equal
}

/// The expected payoffs `(x^T A y, x^T B y)`.
pub fn expected(
    a: &[Vec<Rational>],
    b: &[Vec<Rational>],
    x: &[Rational],
    y: &[Rational],
) -> Vec<Rational> {
    let mut u = Rational::zero();
    let mut v = Rational::zero();
    for (i, xi) in x.iter().enumerate() {
        if xi.is_zero() {
            continue;
        }
        for (j, yj) in y.iter().enumerate() {
            if yj.is_zero() {
                continue;
            }
            let w = xi * yj;
            u += &w * &a[i][j];
            v += &w * &b[i][j];
        }
    }
    vec![u, v]
}

/// Whether `(x, y)` is a Nash equilibrium of `(A, B)`, exactly: both are
/// probability vectors and every strategy played is a best response.
pub fn is_equilibrium(
    a: &[Vec<Rational>],
    b: &[Vec<Rational>],
    x: &[Rational],
    y: &[Rational],
) -> bool {
    let prob = |v: &[Rational]| {
        v.iter().all(|p| p >= &Rational::zero()) && v.iter().sum::<Rational>() == Rational::one()
    };
    if !prob(x) || !prob(y) {
        return false;
    }
    let m = a.len();
    let n = y.len();
    let row: Vec<Rational> = (0..m)
        .map(|i| {
            (0..n)
                .filter(|&j| !y[j].is_zero())
                .map(|j| &a[i][j] * &y[j])
                .sum()
        })
        .collect();
    let col: Vec<Rational> = (0..n)
        .map(|j| {
            (0..m)
                .filter(|&i| !x[i].is_zero())
                .map(|i| &b[i][j] * &x[i])
                .sum()
        })
        .collect();
    let best_row = row.iter().max().cloned().unwrap_or_default();
    let best_col = col.iter().max().cloned().unwrap_or_default();
    (0..m).all(|i| x[i].is_zero() || row[i] == best_row)
        && (0..n).all(|j| y[j].is_zero() || col[j] == best_col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn game(toml: &str) -> Game {
        Game::parse(toml, "g.toml").unwrap()
    }

    fn shown(s: &Solution) -> Vec<String> {
        s.equilibria
            .iter()
            .map(|e| {
                let st: Vec<String> = e
                    .strategies
                    .iter()
                    .map(|v| v.iter().map(rational::show).collect::<Vec<_>>().join(" "))
                    .collect();
                let pay: Vec<String> = e.payoffs.iter().map(rational::show).collect();
                format!("{} | {}", st.join(" ; "), pay.join(" "))
            })
            .collect()
    }

    #[test]
    fn the_upper_bound_theorem_bounds_enumeration() {
        // Vertices of an n x n game's best-response polytope (dimension n, 2n facets).
        assert_eq!(max_vertices(12, 24), 24752.0);
        assert_eq!(max_vertices(16, 32), 980_628.0);
        assert_eq!(max_vertices(17, 34), 2_163_150.0);
        assert_eq!(max_vertices(1, 5), 2.0);
        let g = |m: usize, n: usize| Game {
            title: String::new(),
            comment: String::new(),
            players: vec!["a".into(), "b".into()],
            strategies: vec![vec![String::new(); m], vec![String::new(); n]],
            payoffs: vec![vec![rational::int(1), rational::int(2)]; m * n],
        };
        assert!(check_solvable(&g(16, 16), Method::Enumerate).is_ok());
        assert!(check_solvable(&g(17, 17), Method::Enumerate).is_err());
        assert!(check_solvable(&g(17, 17), Method::LemkeHowson { label: 0 }).is_ok());
    }

    #[test]
    fn battle_of_the_sexes_has_three_equilibria() {
        let g = game("[game]\npayoffs = [[[2, 1], [0, 0]], [[0, 0], [1, 2]]]\n");
        let s = solve(&g, Method::Enumerate).unwrap();
        assert_eq!(
            shown(&s),
            vec![
                "1 0 ; 1 0 | 2 1",
                "2/3 1/3 ; 1/3 2/3 | 2/3 2/3",
                "0 1 ; 0 1 | 1 2"
            ]
        );
        assert!(!s.degenerate);
        for label in 0..4 {
            let lh = solve(&g, Method::LemkeHowson { label }).unwrap();
            let e = &lh.equilibria[0];
            let (a, b) = g.bimatrix().unwrap();
            assert!(is_equilibrium(&a, &b, &e.strategies[0], &e.strategies[1]));
        }
    }

    #[test]
    fn a_continuum_is_degenerate_with_its_extreme_points() {
        // Column 2 weakly dominated for the column player: player 2 indifferent
        // when row 1 is played, so (T, any y with y_L >= 1/2) are equilibria.
        let g = game("[game]\npayoffs = [[[1, 1], [0, 1]], [[0, 0], [1, 0]]]\n");
        let s = solve(&g, Method::Enumerate).unwrap();
        assert!(s.degenerate);
        assert_eq!(
            shown(&s),
            vec![
                "1 0 ; 1 0 | 1 1",
                "1 0 ; 1/2 1/2 | 1/2 1",
                "0 1 ; 1/2 1/2 | 1/2 0",
                "0 1 ; 0 1 | 1 0"
            ]
        );
        assert!(s.equilibria.iter().all(|e| e.component == 0));
    }

    #[test]
    fn three_players_get_their_pure_equilibria() {
        // A 2x2x2 coordination game: everyone matching pays 1.
        let mut rows = String::from("[game]\npayoffs = [");
        for i in 0..2 {
            rows.push('[');
            for j in 0..2 {
                rows.push('[');
                for k in 0..2 {
                    let v = i32::from(i == j && j == k);
                    rows.push_str(&format!("[{v}, {v}, {v}],"));
                }
                rows.push_str("],");
            }
            rows.push_str("],");
        }
        rows.push_str("]\n");
        let s = solve(&game(&rows), Method::Enumerate).unwrap();
        assert_eq!(s.scope, Scope::Pure);
        // (0,0,0), (1,1,1) and every profile where no single deviation makes all match.
        assert!(shown(&s).contains(&"1 0 ; 1 0 ; 1 0 | 1 1 1".to_string()));
        assert!(shown(&s).contains(&"0 1 ; 0 1 ; 0 1 | 1 1 1".to_string()));
    }
}
