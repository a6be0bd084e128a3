//! The strategy library: what each classic strategy does, turn by turn.
//!
//! A [`Strategy`] is a validated, immutable description (a kind and its
//! parameters, with the name it is shown under); a [`Player`] is one
//! strategy playing one match, with whatever memory it needs. Definitions
//! follow the Axelrod Python library (4.14) move for move, including its
//! quirks (see `docs/STRATEGIES.md`); [`catalog`] lists them with their
//! sources, [`custom`] holds the memory-one and finite-state-machine
//! strategies defined in TOML.

pub mod catalog;
pub mod custom;

use std::sync::Arc;

use rand::Rng;

use super::history::History;
use super::stage::{Move, Rstp, View};
pub use catalog::{CATALOG, Entry, Param};
pub use custom::{Fsm, MemoryOne, Opening};

/// What a strategy is, with its parameters.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)] // each variant is documented in the catalog
pub enum Kind {
    Cooperator,
    Defector,
    TitForTat,
    Grudger,
    WinStayLoseShift,
    SuspiciousTitForTat,
    AntiTitForTat,
    TitFor2Tats,
    TwoTitsForTat,
    HardTitForTat,
    Alternator,
    /// Plays the sequence over and over (CyclerDC, CyclerCCD).
    Cycler(&'static [Move]),
    Random {
        p: f64,
    },
    Bully,
    Prober,
    HardProber,
    Tester,
    Davis {
        rounds_to_cooperate: u32,
    },
    Feld {
        start: f64,
        end: f64,
        rounds_of_decay: f64,
    },
    Grofman,
    Shubik,
    TidemanAndChieruzzi,
    Adaptive,
    Gradual,
    ForgetfulGrudger,
    /// GenerousTitForTat: (1, p, 1, p); `None` takes p from the game.
    Generous {
        p: Option<f64>,
    },
    /// A zero-determinant strategy enforcing `s_opp - l = s (s_self - l)`
    /// (Axelrod's `LRPlayer`): `l` is P for ZDExtort2, R for ZDGTFT2.
    ZeroDeterminant {
        phi: f64,
        s: f64,
        l: ZdLevel,
    },
    /// A memory-one strategy with a fixed four-vector (WinShiftLoseStay,
    /// Joss, FirmButFair, StochasticWSLS, SoftJoss) and an opening move.
    FixedMemoryOne {
        four: [f64; 4],
        first: Move,
    },
    /// A memory-one strategy defined in TOML.
    MemoryOne(Arc<MemoryOne>),
    /// A finite-state machine defined in TOML.
    Fsm(Arc<Fsm>),
}

/// The baseline payoff `l` of a zero-determinant strategy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ZdLevel {
    /// The punishment payoff P (extortion: the opponent's surplus over P is
    /// a fraction of one's own).
    Punishment,
    /// The reward payoff R (generosity).
    Reward,
}

/// A validated strategy and the name it is shown under.
#[derive(Debug, Clone, PartialEq)]
pub struct Strategy {
    /// The name in the output: the catalog name with any explicit parameters
    /// (`Random(0.3)`), or the TOML-defined name.
    pub name: String,
    /// What it does.
    pub kind: Kind,
}

impl Strategy {
    /// Parses a name like `TitForTat` or `Random(0.3)` against the catalog
    /// and the TOML-defined strategies `custom`; the error says what is
    /// allowed (and suggests a close name).
    pub fn parse(spec: &str, custom: &[Strategy]) -> Result<Strategy, String> {
        catalog::parse(spec, custom)
    }

    /// Whether the strategy draws random numbers (so matches differ from one
    /// repetition to the next even without noise).
    pub fn is_stochastic(&self, view: &View) -> bool {
        let random = |p: f64| p > 0.0 && p < 1.0;
        match &self.kind {
            Kind::Random { p } => random(*p),
            Kind::Feld { .. } | Kind::Grofman => true,
            Kind::MemoryOne(m) => m.is_stochastic(),
            _ => self
                .four_vector(view)
                .is_some_and(|v| v.into_iter().any(random)),
        }
    }

    /// The four cooperation probabilities after CC, CD, DC, DD of the
    /// memory-one kinds whose vector depends on the game.
    fn four_vector(&self, view: &View) -> Option<[f64; 4]> {
        let g = view.rstp();
        match &self.kind {
            Kind::Generous { p } => {
                let p = p.unwrap_or_else(|| generous_p(g));
                Some([1.0, p, 1.0, p])
            }
            Kind::ZeroDeterminant { phi, s, l } => {
                let l = match l {
                    ZdLevel::Punishment => g.p,
                    ZdLevel::Reward => g.r,
                };
                Some(zero_determinant(g, *phi, *s, l))
            }
            Kind::FixedMemoryOne { four, .. } => Some(*four),
            _ => None,
        }
    }

    /// Checks that the strategy is defined for a stage game seen from `view`
    /// (the generous and zero-determinant vectors must be probabilities).
    pub fn check(&self, view: &View) -> Result<(), String> {
        let g = view.rstp();
        if let Kind::ZeroDeterminant { s, l, .. } = &self.kind {
            let l = match l {
                ZdLevel::Punishment => g.p,
                ZdLevel::Reward => g.r,
            };
            // Axelrod's LRPlayer refuses these (ValueError).
            let s_min = -f64::min((g.t - l) / (l - g.s), (l - g.s) / (g.t - l));
            if l < g.p || l > g.r || *s > 1.0 || *s < s_min || s_min.is_nan() {
                return Err(format!(
                    "{} needs P <= l <= R and s_min <= s <= 1 for the game's R={}, S={}, T={}, P={}",
                    self.name, g.r, g.s, g.t, g.p
                ));
            }
        }
        if let Some(v) = self.four_vector(view) {
            if !v.iter().all(|p| p.is_finite() && (0.0..=1.0).contains(p)) {
                return Err(format!(
                    "{} is not defined for the game's R={}, S={}, T={}, P={}: its cooperation \
                     probabilities would be {v:?}, outside [0, 1]",
                    self.name, g.r, g.s, g.t, g.p
                ));
            }
        }
        Ok(())
    }
}

/// GenerousTitForTat's default generosity, min(1 - (T-R)/(R-S), (R-P)/(T-P))
/// (Nowak and Sigmund 1992; 1/3 for Axelrod's payoffs), as Axelrod's `GTFT`.
pub fn generous_p(g: Rstp) -> f64 {
    f64::min(1.0 - (g.t - g.r) / (g.r - g.s), (g.r - g.p) / (g.t - g.p))
}

/// The four-vector of a zero-determinant strategy (Press and Dyson 2012) in
/// Axelrod's `LRPlayer` parametrisation: it enforces
/// `s_opp - l = s (s_self - l)` up to the factor `phi`.
pub fn zero_determinant(g: Rstp, phi: f64, s: f64, l: f64) -> [f64; 4] {
    [
        1.0 - phi * (1.0 - s) * (g.r - l),
        1.0 - phi * (s * (l - g.s) + (g.t - l)),
        phi * (l - g.s + s * (g.t - l)),
        phi * (1.0 - s) * (l - g.p),
    ]
}

/// A uniform draw in [0, 1) from 53 random bits.
pub fn uniform<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// `C` with probability `p`, as Axelrod's `random_choice`: no draw at all
/// when `p` is 0 or 1, so deterministic players never touch the stream.
pub fn random_choice<R: Rng + ?Sized>(p: f64, rng: &mut R) -> Move {
    // The draw happens only strictly between 0 and 1.
    if p <= 0.0 || (p < 1.0 && uniform(rng) >= p) {
        Move::D
    } else {
        Move::C
    }
}

/// The memory a strategy carries through a match. Most strategies use none
/// of it; the fields are named for the strategies that do.
#[derive(Debug, Clone, Default)]
struct Memory {
    /// Shubik, TidemanAndChieruzzi: punishing now, for how long in all, how
    /// many turns left.
    retaliating: bool,
    retaliation_length: u32,
    retaliation_remaining: u32,
    /// Gradual: defections still to play, then cooperations.
    punish: u32,
    calm: u32,
    /// Tester: has switched to TitForTat. ForgetfulGrudger: grudging.
    switched: bool,
    /// ForgetfulGrudger: turns spent grudging.
    grudge_memory: u32,
    /// Adaptive: total payoff earned by C and by D.
    score_c: f64,
    score_d: f64,
    /// TidemanAndChieruzzi: both totals, the last fresh start, whether the
    /// next turn is a fresh start, the opponent's defections remembered.
    score_own: f64,
    score_other: f64,
    last_fresh_start: u32,
    fresh_start: bool,
    remembered_defections: u32,
    /// Finite-state machines: the current state (an index into the machine).
    state: usize,
}

/// One strategy playing one match.
#[derive(Debug, Clone)]
pub struct Player<'a> {
    strategy: &'a Strategy,
    view: View,
    /// The match length when the players know it (fixed turns), as
    /// Axelrod's `match_attributes["length"]`; `None` with an ending probability.
    length: Option<u32>,
    /// The memory-one vector, resolved once for this game.
    four: [f64; 4],
    memory: Memory,
}

impl<'a> Player<'a> {
    /// A fresh player for a match in which it sees the payoffs as `view`.
    pub fn new(strategy: &'a Strategy, view: View, length: Option<u32>) -> Player<'a> {
        let four = strategy.four_vector(&view).unwrap_or([0.0; 4]);
        let mut memory = Memory::default();
        if let Kind::Fsm(f) = &strategy.kind {
            memory.state = f.initial_state;
        }
        Player {
            strategy,
            view,
            length,
            four,
            memory,
        }
    }

    /// The next move, given both histories so far (as played, after noise).
    pub fn decide<R: Rng + ?Sized>(&mut self, me: &History, opp: &History, rng: &mut R) -> Move {
        use Move::{C, D};
        let tft = |opp: &History| if opp.last() == Some(D) { D } else { C };
        let m = &mut self.memory;
        match &self.strategy.kind {
            Kind::Cooperator => C,
            Kind::Defector => D,
            Kind::TitForTat => tft(opp),
            Kind::Grudger => {
                if opp.defections() > 0 {
                    D
                } else {
                    C
                }
            }
            Kind::WinStayLoseShift => match (me.last(), opp.last()) {
                (None, _) => C,
                (a, b) if a == b => C,
                _ => D,
            },
            Kind::SuspiciousTitForTat => {
                if opp.last() == Some(C) {
                    C
                } else {
                    D
                }
            }
            Kind::AntiTitForTat => {
                if opp.last() == Some(C) {
                    D
                } else {
                    C
                }
            }
            Kind::TitFor2Tats => {
                if opp.len() >= 2 && opp.back(1) == Some(D) && opp.back(2) == Some(D) {
                    D
                } else {
                    C
                }
            }
            Kind::TwoTitsForTat => {
                if opp.back(1) == Some(D) || opp.back(2) == Some(D) {
                    D
                } else {
                    C
                }
            }
            Kind::HardTitForTat => {
                if (1..=3).any(|k| opp.back(k) == Some(D)) {
                    D
                } else {
                    C
                }
            }
            Kind::Alternator => match me.last() {
                Some(C) => D,
                _ => C,
            },
            Kind::Cycler(cycle) => cycle[me.len() % cycle.len()],
            Kind::Random { p } => random_choice(*p, rng),
            Kind::Bully => {
                if opp.last() == Some(D) {
                    C
                } else {
                    D
                }
            }
            Kind::Prober | Kind::HardProber => {
                let opening: &[Move] = if matches!(self.strategy.kind, Kind::Prober) {
                    &[D, C, C]
                } else {
                    &[D, D, C, C]
                };
                match opening.get(me.len()) {
                    Some(&m) => m,
                    None if opp.at(1) == Some(C) && opp.at(2) == Some(C) => D,
                    None => tft(opp),
                }
            }
            Kind::Tester => {
                if opp.is_empty() {
                    D
                } else if m.switched {
                    tft(opp)
                } else if opp.last() == Some(D) {
                    m.switched = true;
                    C
                } else if me.len() == 1 || me.len() == 2 {
                    C
                } else {
                    me.last().map_or(C, Move::flip)
                }
            }
            Kind::Davis {
                rounds_to_cooperate,
            } => {
                if me.len() < *rounds_to_cooperate as usize || opp.defections() == 0 {
                    C
                } else {
                    D
                }
            }
            Kind::Feld {
                start,
                end,
                rounds_of_decay,
            } => match opp.last() {
                None => C,
                Some(D) => D,
                Some(C) => {
                    let slope = (end - start) / rounds_of_decay;
                    let p = f64::max(start + slope * me.len() as f64, *end);
                    random_choice(p, rng)
                }
            },
            Kind::Grofman => {
                if me.is_empty() || me.last() == opp.last() {
                    C
                } else {
                    random_choice(2.0 / 7.0, rng)
                }
            }
            Kind::Shubik => {
                if opp.is_empty() {
                    C
                } else if m.retaliating {
                    m.retaliate_one();
                    D
                } else if opp.last() == Some(D) && me.last() == Some(C) {
                    m.start_retaliation();
                    D
                } else {
                    C
                }
            }
            Kind::TidemanAndChieruzzi => {
                let planned = tideman_and_chieruzzi(m, &self.view, self.length, me, opp);
                // Axelrod's FinalTransformer((D, D)): defect in the last two
                // turns of a match of known length.
                match self.length {
                    Some(n) if me.len() < n as usize && n as usize - me.len() <= 2 => D,
                    _ => planned,
                }
            }
            Kind::Adaptive => {
                if let (Some(a), Some(b)) = (me.last(), opp.last()) {
                    let score = self.view.own[a.index()][b.index()];
                    match a {
                        C => m.score_c += score,
                        D => m.score_d += score,
                    }
                }
                // Six cooperations, five defections, then the better-paying move.
                match me.len() {
                    0..6 => C,
                    6..11 => D,
                    _ if m.score_c > m.score_d => C,
                    _ => D,
                }
            }
            Kind::Gradual => {
                if me.is_empty() {
                    C
                } else if m.punish > 0 {
                    m.punish -= 1;
                    D
                } else if m.calm > 0 {
                    m.calm -= 1;
                    C
                } else if opp.last() == Some(D) {
                    m.punish = opp.defections() - 1;
                    m.calm = 2;
                    D
                } else {
                    C
                }
            }
            Kind::ForgetfulGrudger => {
                const MEMORY: u32 = 10;
                if m.grudge_memory == MEMORY {
                    m.grudge_memory = 0;
                    m.switched = false;
                }
                if opp.last() == Some(D) {
                    m.switched = true;
                }
                if m.switched {
                    m.grudge_memory += 1;
                    D
                } else {
                    C
                }
            }
            Kind::Generous { .. } | Kind::ZeroDeterminant { .. } => {
                memory_one(&self.four, C, me, opp, rng)
            }
            Kind::FixedMemoryOne { first, .. } => memory_one(&self.four, *first, me, opp, rng),
            Kind::MemoryOne(def) => match (me.last(), opp.last()) {
                (Some(a), Some(b)) => random_choice(def.p[2 * a.index() + b.index()], rng),
                _ => match def.first {
                    Opening::Move(m) => m,
                    Opening::Probability(p) => random_choice(p, rng),
                },
            },
            Kind::Fsm(f) => match opp.last() {
                None => f.initial_action,
                Some(b) => {
                    let (next, action) = f.table[m.state][b.index()];
                    m.state = next;
                    action
                }
            },
        }
    }
}

/// Axelrod's `MemoryOnePlayer`: the opening move, then C with the
/// probability for the last round (own move first).
fn memory_one<R: Rng + ?Sized>(
    four: &[f64; 4],
    first: Move,
    me: &History,
    opp: &History,
    rng: &mut R,
) -> Move {
    match (me.last(), opp.last()) {
        (Some(a), Some(b)) => random_choice(four[2 * a.index() + b.index()], rng),
        _ => first,
    }
}

impl Memory {
    /// One turn of an ongoing retaliation.
    fn retaliate_one(&mut self) {
        if self.retaliating {
            self.retaliation_remaining -= 1;
            if self.retaliation_remaining == 0 {
                self.retaliating = false;
            }
        }
    }

    /// A new retaliation, one turn longer than the last, its first turn now.
    fn start_retaliation(&mut self) {
        self.retaliating = true;
        self.retaliation_length += 1;
        self.retaliation_remaining = self.retaliation_length;
        self.retaliate_one();
    }
}

/// TidemanAndChieruzzi (Axelrod 1980, first tournament): TitForTat with
/// retaliations one turn longer each time, and a "fresh start" (two
/// cooperations, the count forgotten) when it is ahead by 10 points, at least
/// 10 turns remain, the opponent just cooperated and its defections are more
/// than three standard deviations from half its moves; fresh starts are at
/// least 20 turns apart. Move for move as Axelrod's implementation.
fn tideman_and_chieruzzi(
    m: &mut Memory,
    view: &View,
    length: Option<u32>,
    me: &History,
    opp: &History,
) -> Move {
    use Move::{C, D};
    let (Some(a), Some(b)) = (me.last(), opp.last()) else {
        return C;
    };
    if b == D {
        m.remembered_defections += 1;
    }
    m.score_own += view.own[a.index()][b.index()];
    m.score_other += view.other[a.index()][b.index()];
    if m.fresh_start {
        m.fresh_start = false;
        return C;
    }
    let current_round = me.len() as u32 + 1;
    let valid_fresh_start = m.last_fresh_start == 0 || current_round - m.last_fresh_start >= 20;
    if valid_fresh_start {
        let valid_points = m.score_own - m.score_other >= 10.0;
        let valid_rounds = length.is_none_or(|n| i64::from(n) - i64::from(current_round) >= 10);
        if valid_points && valid_rounds && b == C {
            let n = opp.len() as f64;
            let sd = n.sqrt() / 2.0;
            let (lower, upper) = (n / 2.0 - 3.0 * sd, n / 2.0 + 3.0 * sd);
            let remembered = f64::from(m.remembered_defections);
            if remembered <= lower || remembered >= upper {
                m.last_fresh_start = current_round;
                m.retaliating = false;
                m.retaliation_length = 0;
                m.retaliation_remaining = 0;
                m.remembered_defections = 0;
                m.fresh_start = true;
                return C;
            }
        }
    }
    if m.retaliating {
        m.retaliate_one();
        return D;
    }
    if b == D {
        m.start_retaliation();
        return D;
    }
    C
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repeated::play::{Histories, MatchRules, play_match_with};
    use crate::repeated::stage::StageGame;

    fn s(spec: &str) -> Strategy {
        Strategy::parse(spec, &[]).unwrap()
    }

    /// A scripted opponent: plays `moves` (letters), then cooperates.
    fn script(moves: &str) -> Strategy {
        let n = moves.len() as i64;
        let mut rows = Vec::new();
        for (i, c) in moves.chars().enumerate() {
            assert!(Move::from_letter(c).is_some());
            for input in [Move::C, Move::D] {
                // State i plays move i+1 of the script next.
                let next = (i as i64 + 1).min(n);
                let out = moves
                    .chars()
                    .nth(i + 1)
                    .map_or(Move::C, |c| Move::from_letter(c).unwrap());
                rows.push((i as i64, input, next, out));
            }
        }
        for input in [Move::C, Move::D] {
            rows.push((n, input, n, Move::C));
        }
        let first = Move::from_letter(moves.chars().next().unwrap()).unwrap();
        Strategy {
            name: format!("Script({moves})"),
            kind: Kind::Fsm(Arc::new(Fsm::new(0, first, &rows).unwrap())),
        }
    }

    /// The moves of `a` against `b` over `turns` turns, no noise, seed 1.
    fn moves(a: &Strategy, b: &Strategy, turns: u32) -> (String, String) {
        let rules = MatchRules {
            turns,
            ..MatchRules::default()
        };
        let mut h = Histories::with_capacity(turns);
        play_match_with(a, b, &rules, &mut crate::engine::run_rng(1, 0), &mut h);
        let text = |h: &History| h.moves().iter().map(|m| m.to_string()).collect();
        (text(&h.a), text(&h.b))
    }

    fn against(spec: &str, opponent: &str) -> String {
        let turns = opponent.len() as u32;
        moves(&s(spec), &script(opponent), turns).0
    }

    #[test]
    fn the_script_plays_its_moves() {
        assert_eq!(moves(&script("DDCD"), &s("Cooperator"), 6).0, "DDCDCC");
    }

    #[test]
    fn reactive_strategies_answer_the_last_moves() {
        let opp = "CDDCCDCC";
        assert_eq!(against("Cooperator", opp), "CCCCCCCC");
        assert_eq!(against("Defector", opp), "DDDDDDDD");
        assert_eq!(against("TitForTat", opp), "CCDDCCDC");
        assert_eq!(against("SuspiciousTitForTat", opp), "DCDDCCDC");
        assert_eq!(against("AntiTitForTat", opp), "CDCCDDCD");
        assert_eq!(against("Bully", opp), "DDCCDDCD");
        assert_eq!(against("TitFor2Tats", opp), "CCCDCCCC");
        assert_eq!(against("TwoTitsForTat", opp), "CCDDDCDD");
        assert_eq!(against("HardTitForTat", opp), "CCDDDDDD");
        assert_eq!(against("Grudger", opp), "CCDDDDDD");
        assert_eq!(against("Davis(2)", opp), "CCDDDDDD");
        assert_eq!(against("Davis", "DCCCCCCCCCCC"), "CCCCCCCCCCDD");
        assert_eq!(
            against("ForgetfulGrudger", "CDCCCCCCCCCCCC"),
            "CCDDDDDDDDDDCC"
        );
    }

    #[test]
    fn own_history_strategies() {
        assert_eq!(against("Alternator", "CCCCC"), "CDCDC");
        assert_eq!(against("CyclerDC", "CCCCC"), "DCDCD");
        assert_eq!(against("CyclerCCD", "DDDDDDD"), "CCDCCDC");
        // Pavlov: stay after CC and DD, shift after CD and DC.
        assert_eq!(against("WinStayLoseShift", "CDCDDC"), "CCDDCD");
        assert_eq!(against("WinShiftLoseStay", "CDCDDC"), "DCCDDD");
    }

    #[test]
    fn probers_and_testers_read_the_opening() {
        assert_eq!(against("Prober", "CCCCCC"), "DCCDDD");
        assert_eq!(against("Prober", "CDCCDC"), "DCCCCD");
        assert_eq!(against("HardProber", "CCCCCC"), "DDCCDD");
        // Tester: D, then C, C and alternation while unprovoked.
        assert_eq!(against("Tester", "CCCCCC"), "DCCDCD");
        // Provoked on turn 3: one C, then TitForTat.
        assert_eq!(against("Tester", "CCDCDC"), "DCCCCD");
    }

    #[test]
    fn retaliations_grow() {
        // Shubik: 1, then 2 defections after being exploited.
        assert_eq!(against("Shubik", "CDCCCCDCCCC"), "CCDCCCCDDCC");
        // Gradual: one D after the 1st defection, two after the 2nd, then two Cs.
        assert_eq!(against("Gradual", "CDCCCCDCCCCC"), "CCDCCCCDDCCC");
    }

    #[test]
    fn adaptive_opens_then_picks_the_better_move() {
        // Against Cooperator: C earns 3 per turn (18), D 5 (25): then D.
        assert_eq!(
            moves(&s("Adaptive"), &s("Cooperator"), 14).0,
            "CCCCCCDDDDDDDD"
        );
        // Against Defector: C earns 0, D 1 per turn: D.
        assert_eq!(moves(&s("Adaptive"), &s("Defector"), 13).0, "CCCCCCDDDDDDD");
    }

    #[test]
    fn tideman_and_chieruzzi_defects_at_the_known_end() {
        let (a, _) = moves(&s("TidemanAndChieruzzi"), &s("Cooperator"), 10);
        assert_eq!(a, "CCCCCCCCDD");
        let (a, _) = moves(&s("TidemanAndChieruzzi"), &script("CDCCDCCCCCCC"), 12);
        // Retaliates 1 turn, then 2 turns.
        assert_eq!(a, "CCDCCDDCCCDD");
    }

    #[test]
    fn memory_one_vectors_come_from_the_game() {
        let v = StageGame::default().view_a();
        assert_eq!(
            s("ZDExtort2")
                .four_vector(&v)
                .unwrap()
                .map(|x| (x * 72.0).round()),
            [64.0, 36.0, 24.0, 0.0]
        );
        assert_eq!(
            s("ZDGTFT2").four_vector(&v).unwrap(),
            [1.0, 0.125, 1.0, 0.25]
        );
        let g = s("GenerousTitForTat").four_vector(&v).unwrap();
        assert!((g[1] - 1.0 / 3.0).abs() < 1e-15 && g[0] == 1.0);
        assert_eq!(s("Joss").four_vector(&v).unwrap(), [0.9, 0.0, 0.9, 0.0]);
        assert!(s("Joss").is_stochastic(&v));
        assert!(!s("Random(1)").is_stochastic(&v) && !s("TitForTat").is_stochastic(&v));
    }

    /// Press and Dyson (2012): an extortionate ZD strategy with chi = 2 pins
    /// the opponent's surplus over P to half its own, whatever the opponent:
    /// s_opp - P = (s_zd - P) / 2 in the long run. The identity holds in
    /// expectation up to a telescoping term of at most 1/(phi T) per turn
    /// (T the match length);
    /// the realised cooperation indicators add a martingale of standard
    /// deviation about 1/(2 phi sqrt(R T)) per turn: 0.01 for R T = 200,000
    /// turns and phi = 1/9. The margin is four of those plus the end term.
    #[test]
    fn zd_extort2_enforces_its_linear_relation() {
        let zd = s("ZDExtort2");
        let rules = MatchRules {
            turns: 2000,
            ..MatchRules::default()
        };
        let mut h = Histories::with_capacity(rules.turns);
        for opp in [
            "Cooperator",
            "TitForTat",
            "Random(0.5)",
            "WinStayLoseShift",
            "Alternator",
        ] {
            let o = s(opp);
            let (mut zd_total, mut opp_total, mut turns) = (0.0, 0.0, 0.0);
            for r in 0..100 {
                let m = play_match_with(&zd, &o, &rules, &mut crate::engine::run_rng(5, r), &mut h);
                zd_total += m.score[0];
                opp_total += m.score[1];
                turns += f64::from(m.turns);
            }
            let (x, y) = (zd_total / turns, opp_total / turns);
            let gap = (y - 1.0) - 0.5 * (x - 1.0);
            let margin = 4.0 * 9.0 / (2.0 * turns.sqrt()) + 9.0 / f64::from(rules.turns);
            assert!(
                gap.abs() < margin,
                "{opp}: s_zd {x:.4}, s_opp {y:.4}, gap {gap:.4} > {margin:.4}"
            );
        }
    }

    /// Random(p) cooperates with frequency p: over n = 100,000 turns the
    /// rate's standard error is sqrt(p (1-p) / n), and four of them bound it.
    #[test]
    fn random_cooperates_with_its_probability() {
        for p in [0.3_f64, 0.5, 0.9] {
            let (a, _) = moves(&s(&format!("Random({p})")), &s("Cooperator"), 100_000);
            let rate = a.matches('C').count() as f64 / 1e5;
            let margin = 4.0 * (p * (1.0 - p) / 1e5).sqrt();
            assert!((rate - p).abs() < margin, "Random({p}): rate {rate}");
        }
        assert_eq!(
            moves(&s("Random(0)"), &s("Cooperator"), 20).0,
            "D".repeat(20)
        );
        assert_eq!(
            moves(&s("Random(1)"), &s("Cooperator"), 20).0,
            "C".repeat(20)
        );
    }

    #[test]
    fn stochastic_strategies_are_never_random_where_they_are_sure() {
        // Joss and Feld never cooperate after a defection; Grofman always
        // cooperates after matching moves.
        for spec in ["Joss", "Feld", "GenerousTitForTat(0)"] {
            let (a, b) = moves(&s(spec), &s("Defector"), 50);
            assert_eq!(&a[1..], "D".repeat(49), "{spec} {b}");
        }
        let (a, _) = moves(&s("Grofman"), &s("Cooperator"), 50);
        assert_eq!(a, "C".repeat(50));
    }
}
