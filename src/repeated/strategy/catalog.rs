//! The catalog of classic strategies: names, parameters, definitions and
//! sources. `catch22 list` and `docs/STRATEGIES.md` are generated from it.
//!
//! Names are the Axelrod Python library's CamelCase class names; where the
//! issue's shorter name differs (`Joss` for `FirstByJoss`,
//! `GenerousTitForTat` for `GTFT`) both are accepted and the first is shown.

use super::{Kind, Strategy, ZdLevel};
use crate::repeated::stage::Move::{self, C, D};
use crate::scenario::schema::suggest_option;

/// A numeric parameter of a catalog strategy.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    /// Its name (in the docs; parameters are positional on the command line).
    pub name: &'static str,
    /// The default; `None` when it is computed from the stage game.
    pub default: Option<f64>,
    /// The smallest allowed value.
    pub min: f64,
    /// The largest allowed value.
    pub max: f64,
    /// Whether only whole numbers are allowed.
    pub integer: bool,
}

const fn prob(name: &'static str, default: f64) -> Param {
    Param {
        name,
        default: Some(default),
        min: 0.0,
        max: 1.0,
        integer: false,
    }
}

/// One strategy of the catalog.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// The name to use on the command line and in TOML.
    pub name: &'static str,
    /// The Axelrod library's class name, also accepted (when it differs).
    pub axelrod: &'static str,
    /// Parameters, positional, in parentheses after the name.
    pub params: &'static [Param],
    /// What it does, in one or two sentences.
    pub definition: &'static str,
    /// Where it comes from, and where Axelrod's definition differs from it.
    pub source: &'static str,
    build: fn(&[f64]) -> Kind,
}

macro_rules! entry {
    ($name:literal, $axl:literal, [$($p:expr),*], $def:literal, $src:expr, $build:expr) => {
        Entry {
            name: $name,
            axelrod: $axl,
            params: &[$($p),*],
            definition: $def,
            source: $src,
            build: $build,
        }
    };
}

const AXELROD_1980: &str = "Axelrod (1980), Effective choice in the Prisoner's Dilemma, \
    J. Conflict Resolution 24(1):3-25 (first tournament)";
const AXELROD_1980B: &str = "Axelrod (1980), More effective choice in the Prisoner's \
    Dilemma, J. Conflict Resolution 24(3):379-403 (second tournament)";

/// Every classic strategy, in the order `catch22 list` shows them.
pub static CATALOG: &[Entry] = &[
    entry!(
        "Cooperator",
        "Cooperator",
        [],
        "Always cooperates.",
        "Axelrod (1984), The Evolution of Cooperation",
        |_| Kind::Cooperator
    ),
    entry!(
        "Defector",
        "Defector",
        [],
        "Always defects.",
        "Axelrod (1984), The Evolution of Cooperation",
        |_| Kind::Defector
    ),
    entry!(
        "TitForTat",
        "TitForTat",
        [],
        "Cooperates first, then plays the opponent's last move.",
        "Rapoport's winner of the first tournament; Axelrod (1980)",
        |_| Kind::TitForTat
    ),
    entry!(
        "Grudger",
        "Grudger",
        [],
        "Cooperates until the opponent defects once, then defects for ever.",
        "Friedman (1971) grim trigger; FRIEDMAN in Axelrod (1980)",
        |_| Kind::Grudger
    ),
    entry!(
        "WinStayLoseShift",
        "WinStayLoseShift",
        [],
        "Cooperates first; cooperates after CC and DD, defects after CD and DC (Pavlov: keeps its move after a good payoff, switches after a bad one).",
        "Nowak and Sigmund (1993), Nature 364:56-58",
        |_| Kind::WinStayLoseShift
    ),
    entry!(
        "WinShiftLoseStay",
        "WinShiftLoseStay",
        [],
        "Defects first; the opposite of WinStayLoseShift: memory-one (0, 1, 1, 0).",
        "Li (2011) (\"reverse Pavlov\"); Axelrod library",
        |_| Kind::FixedMemoryOne {
            four: [0.0, 1.0, 1.0, 0.0],
            first: D
        }
    ),
    entry!(
        "SuspiciousTitForTat",
        "SuspiciousTitForTat",
        [],
        "Defects first, then plays the opponent's last move.",
        "Beaufils, Delahaye and Mathieu (1997) (\"mistrust\"); Hilbe, Nowak and Sigmund (2013)",
        |_| Kind::SuspiciousTitForTat
    ),
    entry!(
        "AntiTitForTat",
        "AntiTitForTat",
        [],
        "Cooperates first, then plays the opposite of the opponent's last move.",
        "Hilbe, Nowak and Sigmund (2013), PNAS 110(17):6913-6918",
        |_| Kind::AntiTitForTat
    ),
    entry!(
        "TitFor2Tats",
        "TitFor2Tats",
        [],
        "Defects only if the opponent defected in both of the last two turns.",
        "J. Maynard Smith in the second tournament, Axelrod (1980b); Axelrod (1984)",
        |_| Kind::TitFor2Tats
    ),
    entry!(
        "TwoTitsForTat",
        "TwoTitsForTat",
        [],
        "Defects if the opponent defected in either of the last two turns (two defections per defection).",
        "Axelrod (1984), The Evolution of Cooperation",
        |_| Kind::TwoTitsForTat
    ),
    entry!(
        "HardTitForTat",
        "HardTitForTat",
        [],
        "Cooperates first; defects if the opponent defected in any of the last three turns.",
        "Prisoner's dilemma web site (2017), as cited by the Axelrod library",
        |_| Kind::HardTitForTat
    ),
    entry!(
        "GenerousTitForTat",
        "GTFT",
        [Param {
            name: "p",
            default: None,
            min: 0.0,
            max: 1.0,
            integer: false
        }],
        "TitForTat that forgives a defection with probability p: memory-one (1, p, 1, p), cooperating first. By default p = min(1 - (T-R)/(R-S), (R-P)/(T-P)), 1/3 for R, S, T, P = 3, 0, 5, 1.",
        "Nowak and Sigmund (1992), Nature 355:250-253; Axelrod's GTFT",
        |a| Kind::Generous {
            p: a.first().copied()
        }
    ),
    entry!(
        "Alternator",
        "Alternator",
        [],
        "Cooperates first, then plays the opposite of its own last move (noise included).",
        "Axelrod library",
        |_| Kind::Alternator
    ),
    entry!(
        "CyclerDC",
        "CyclerDC",
        [],
        "Plays D, C, D, C, ... whatever the opponent does.",
        "Axelrod library",
        |_| Kind::Cycler(&[D, C])
    ),
    entry!(
        "CyclerCCD",
        "CyclerCCD",
        [],
        "Plays C, C, D, C, C, D, ... whatever the opponent does.",
        "Mittal and Deb (2009); Axelrod library",
        |_| Kind::Cycler(&[C, C, D])
    ),
    entry!(
        "Random",
        "Random",
        [prob("p", 0.5)],
        "Cooperates with probability p each turn (default 0.5).",
        "RANDOM in Axelrod (1980)",
        |a| Kind::Random { p: a[0] }
    ),
    entry!(
        "Bully",
        "Bully",
        [],
        "Defects first, then plays the opposite of the opponent's last move: the exact opposite of TitForTat. Other sources use \"bully\" for other strategies (ones that exploit cooperators and back down when punished); catch22 follows the Axelrod library.",
        "Nachbar (1992), J. Econ. Behav. Organ. 19:307-326 (\"reverse tit for tat\"), as named Bully by the Axelrod library",
        |_| Kind::Bully
    ),
    entry!(
        "Prober",
        "Prober",
        [],
        "Plays D, C, C; then defects for ever if the opponent cooperated on turns 2 and 3, else plays TitForTat.",
        "Li (2011), Engineering Evolutionary Game Theory; Axelrod library",
        |_| Kind::Prober
    ),
    entry!(
        "HardProber",
        "HardProber",
        [],
        "Plays D, D, C, C; then defects for ever if the opponent cooperated on turns 2 and 3, else plays TitForTat.",
        "PRISON project (1998); Axelrod library",
        |_| Kind::HardProber
    ),
    entry!(
        "Joss",
        "FirstByJoss",
        [prob("p", 0.9)],
        "TitForTat that cooperates only with probability p after the opponent cooperates: memory-one (p, 0, p, 0), cooperating first.",
        AXELROD_1980,
        |a| Kind::FixedMemoryOne {
            four: [a[0], 0.0, a[0], 0.0],
            first: C
        }
    ),
    entry!(
        "Davis",
        "FirstByDavis",
        [Param {
            name: "rounds_to_cooperate",
            default: Some(10.0),
            min: 0.0,
            max: 1e9,
            integer: true
        }],
        "Cooperates for the first 10 turns, then plays Grudger.",
        AXELROD_1980,
        |a| Kind::Davis {
            rounds_to_cooperate: a[0] as u32
        }
    ),
    entry!(
        "Feld",
        "FirstByFeld",
        [
            prob("start_coop_prob", 1.0),
            prob("end_coop_prob", 0.5),
            Param {
                name: "rounds_of_decay",
                default: Some(200.0),
                min: 1.0,
                max: 1e9,
                integer: true
            }
        ],
        "Defects after a defection; after a cooperation, cooperates with a probability falling linearly from 1 to 0.5 over 200 turns.",
        AXELROD_1980,
        |a| Kind::Feld {
            start: a[0],
            end: a[1],
            rounds_of_decay: a[2]
        }
    ),
    entry!(
        "Tester",
        "SecondByTester",
        [],
        "Defects first. If the opponent ever defects, cooperates once and plays TitForTat from then on; otherwise cooperates on turns 2 and 3 and then alternates.",
        AXELROD_1980B,
        |_| Kind::Tester
    ),
    entry!(
        "Grofman",
        "FirstByGrofman",
        [],
        "Cooperates if both players made the same move last turn (and first), otherwise cooperates with probability 2/7.",
        AXELROD_1980,
        |_| Kind::Grofman
    ),
    entry!(
        "Shubik",
        "FirstByShubik",
        [],
        "TitForTat whose retaliations grow: after a defection against its cooperation, defects 1, then 2, then 3, ... turns.",
        AXELROD_1980,
        |_| Kind::Shubik
    ),
    entry!(
        "TidemanAndChieruzzi",
        "FirstByTidemanAndChieruzzi",
        [],
        "Retaliations that grow by one each time; a fresh start (two cooperations, grudges forgotten) when it is 10 points ahead, 10 or more turns remain, the opponent just cooperated and its defections are 3 standard deviations from random; defects in the last two turns of a match of known length.",
        AXELROD_1980,
        |_| Kind::TidemanAndChieruzzi
    ),
    entry!(
        "ZDExtort2",
        "ZDExtort2",
        [prob("phi", 1.0 / 9.0), prob("s", 0.5)],
        "An extortionate zero-determinant strategy: memory-one, enforcing that the opponent's surplus over P is half its own (chi = 2); (8/9, 1/2, 1/3, 0) for R, S, T, P = 3, 0, 5, 1.",
        "Press and Dyson (2012), PNAS 109(26):10409-10413; Stewart and Plotkin (2012)",
        |a| Kind::ZeroDeterminant {
            phi: a[0],
            s: a[1],
            l: ZdLevel::Punishment
        }
    ),
    entry!(
        "ZDGTFT2",
        "ZDGTFT2",
        [prob("phi", 0.25), prob("s", 0.5)],
        "A generous zero-determinant strategy (l = R): (1, 1/8, 1, 1/4) for R, S, T, P = 3, 0, 5, 1.",
        "Stewart and Plotkin (2012), PNAS 109(26):10134-10135",
        |a| Kind::ZeroDeterminant {
            phi: a[0],
            s: a[1],
            l: ZdLevel::Reward
        }
    ),
    entry!(
        "Adaptive",
        "Adaptive",
        [],
        "Plays C six times and D five times, then whichever move has earned it the larger total payoff so far (D on ties).",
        "Li (2011), Engineering Evolutionary Game Theory; Axelrod library",
        |_| Kind::Adaptive
    ),
    entry!(
        "Gradual",
        "Gradual",
        [],
        "Cooperates; after a defection of the opponent, defects as many times as the opponent has defected in all, then cooperates twice.",
        "Beaufils, Delahaye and Mathieu (1997), Our meeting with gradual. catch22 follows the Axelrod library's Gradual (after the CRISTAL-SMAC 2018 code), which counts the punishment from every defection so far and does not reproduce the 1997 paper's results (Axelrod issue #1294)",
        |_| Kind::Gradual
    ),
    entry!(
        "ForgetfulGrudger",
        "ForgetfulGrudger",
        [],
        "Grudger that forgets: after a defection, defects for 10 turns, then cooperates again.",
        "Axelrod library",
        |_| Kind::ForgetfulGrudger
    ),
    entry!(
        "FirmButFair",
        "FirmButFair",
        [],
        "Memory-one (1, 0, 1, 2/3), cooperating first: cooperates after being exploited only if it defected too, with probability 2/3.",
        "Frean (1994), Proc. R. Soc. B 257:75-79",
        |_| Kind::FixedMemoryOne {
            four: [1.0, 0.0, 1.0, 2.0 / 3.0],
            first: C
        }
    ),
    entry!(
        "StochasticWSLS",
        "StochasticWSLS",
        [prob("ep", 0.05)],
        "WinStayLoseShift with error: memory-one (1-ep, ep, ep, 1-ep), cooperating first.",
        "Axelrod library",
        |a| Kind::FixedMemoryOne {
            four: [1.0 - a[0], a[0], a[0], 1.0 - a[0]],
            first: C
        }
    ),
    entry!(
        "SoftJoss",
        "SoftJoss",
        [prob("q", 0.9)],
        "Defects after a defection only with probability q: memory-one (1, 1-q, 1, 1-q), cooperating first.",
        "PRISON project (1998); Axelrod library",
        |a| Kind::FixedMemoryOne {
            four: [1.0, 1.0 - a[0], 1.0, 1.0 - a[0]],
            first: C
        }
    ),
];

/// The catalog entry with this name (or Axelrod class name).
pub fn find(name: &str) -> Option<&'static Entry> {
    CATALOG.iter().find(|e| e.name == name || e.axelrod == name)
}

/// A number as written in a strategy's display name.
fn show(x: f64) -> String {
    format!("{x}")
}

/// Parses `Name` or `Name(x, y)` against the catalog and the TOML-defined
/// strategies.
pub fn parse(spec: &str, custom: &[Strategy]) -> Result<Strategy, String> {
    let spec = spec.trim();
    let (name, args) = match spec.split_once('(') {
        None => (spec, None),
        Some((name, rest)) => {
            let Some(inner) = rest.strip_suffix(')') else {
                return Err(format!("`{spec}`: a parameter list must end with `)`"));
            };
            (name.trim(), Some(inner))
        }
    };
    if let Some(s) = custom.iter().find(|s| s.name == name) {
        if args.is_some() {
            return Err(format!(
                "`{name}` is defined in the file and takes no parameters"
            ));
        }
        return Ok(s.clone());
    }
    let Some(entry) = find(name) else {
        let mut names: Vec<&'static str> = CATALOG.iter().map(|e| e.name).collect();
        names.extend(CATALOG.iter().map(|e| e.axelrod));
        let hint = match suggest_option(name, &names) {
            Some(s) => format!(" (did you mean `{s}`?)"),
            None => " (`catch22 list` shows every strategy)".to_string(),
        };
        let defined = if custom.is_empty() {
            String::new()
        } else {
            let c: Vec<&str> = custom.iter().map(|s| s.name.as_str()).collect();
            format!("; defined in the file: {}", c.join(", "))
        };
        return Err(format!("unknown strategy `{name}`{hint}{defined}"));
    };
    let given: Vec<&str> = match args {
        None => Vec::new(),
        Some(a) if a.trim().is_empty() => Vec::new(),
        Some(a) => a.split(',').map(str::trim).collect(),
    };
    if given.len() > entry.params.len() {
        return Err(format!(
            "`{}` takes {} parameter(s){}, got {}",
            entry.name,
            entry.params.len(),
            describe_params(entry),
            given.len()
        ));
    }
    let mut values = Vec::with_capacity(entry.params.len());
    for (i, p) in entry.params.iter().enumerate() {
        match given.get(i) {
            Some(text) => {
                let x: f64 = text
                    .parse()
                    .ok()
                    .filter(|x: &f64| x.is_finite())
                    .ok_or_else(|| {
                        format!(
                            "`{}`: parameter {} must be a number, got `{text}`",
                            entry.name, p.name
                        )
                    })?;
                if x < p.min || x > p.max || (p.integer && x.fract() != 0.0) {
                    return Err(format!(
                        "`{}`: parameter {} must be {} in [{}, {}], got {text}",
                        entry.name,
                        p.name,
                        if p.integer {
                            "a whole number"
                        } else {
                            "a number"
                        },
                        p.min,
                        p.max
                    ));
                }
                values.push(x);
            }
            None => {
                if let Some(d) = p.default {
                    values.push(d);
                }
            }
        }
    }
    let name = if given.is_empty() {
        entry.name.to_string()
    } else {
        let shown: Vec<String> = values[..given.len()].iter().map(|&x| show(x)).collect();
        format!("{}({})", entry.name, shown.join(", "))
    };
    Ok(Strategy {
        name,
        kind: (entry.build)(&values),
    })
}

/// " (p in [0, 1], default 0.5)" for the error messages and the list.
pub fn describe_params(entry: &Entry) -> String {
    if entry.params.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = entry
        .params
        .iter()
        .map(|p| {
            let default = match p.default {
                Some(d) if p.name == "phi" && (d - 1.0 / 9.0).abs() < 1e-15 => "1/9".to_string(),
                Some(d) => show(d),
                None => "from the game".to_string(),
            };
            format!("{} in [{}, {}], default {default}", p.name, p.min, p.max)
        })
        .collect();
    format!(" ({})", parts.join("; "))
}

/// The move a letter names, for TOML fields such as `first = "C"`.
pub fn letter(s: &str) -> Option<Move> {
    match s {
        "C" => Some(C),
        "D" => Some(D),
        _ => None,
    }
}

/// One entry as shown by `catch22 list`: the name with its parameters, then
/// the definition and the source, indented.
pub fn describe(entry: &Entry) -> String {
    let alias = if entry.axelrod == entry.name {
        String::new()
    } else {
        format!(" (Axelrod: {})", entry.axelrod)
    };
    format!(
        "  {}{}{alias}\n    {}\n    source: {}\n",
        entry.name,
        describe_params(entry),
        entry.definition,
        entry.source
    )
}

/// `docs/STRATEGIES.md`, generated from the catalog (kept in sync by
/// `tests/docs.rs`).
pub fn markdown() -> String {
    let pd = crate::repeated::StageGame::default().view_a();
    let mut out = String::from(
        "# Strategies of the repeated games\n\n\
         Generated from the catalog in `src/repeated/strategy/catalog.rs` by `tests/docs.rs`\n\
         (`CATCH22_UPDATE_DOCS=1 cargo test --test docs`); do not edit by hand.\n\n\
         Every strategy is defined as the Axelrod Python library (version 4.14,\n\
         <https://github.com/Axelrod-Python/Axelrod>) defines it, move for move: the\n\
         deterministic ones are checked against that library's own matches\n\
         (`tests/repeated_reference.rs`, data in `tests/data/axelrod/`), the\n\
         stochastic ones in distribution. Where the literature differs, catch22\n\
         follows the library and says so below (Bully, Gradual).\n\n\
         Conventions, all Axelrod's:\n\n\
         - A strategy sees both histories as played, after noise: noise flips the\n\
           move actually played, and the player that meant the other move\n\
           remembers the flipped one (Alternator alternates its *played* moves).\n\
         - Probabilities of exactly 0 or 1 draw no random number.\n\
         - Strategies that use the payoffs (GenerousTitForTat's default, the\n\
           zero-determinant ones, Adaptive, TidemanAndChieruzzi) read them from\n\
           their own side of the stage game; in an asymmetric game each player\n\
           uses its own payoffs.\n\
         - The match length is known to the players (TidemanAndChieruzzi's end\n\
           game) only when there is no ending probability.\n\n\
         Parameters are positional: `Random(0.3)`, `Feld(1, 0.4)`; omitted ones\n\
         take their defaults. The Axelrod class name is accepted too\n\
         (`GTFT(0.1)`, `FirstByJoss`).\n\n\
         | name | Axelrod class | parameters | stochastic | definition | source |\n\
         |---|---|---|---|---|---|\n",
    );
    for e in CATALOG {
        let params = describe_params(e);
        let params = params.trim().trim_start_matches('(').trim_end_matches(')');
        let s = parse(e.name, &[]).expect("catalog names parse");
        out.push_str(&format!(
            "| `{}` | `{}` | {} | {} | {} | {} |\n",
            e.name,
            e.axelrod,
            if params.is_empty() { "none" } else { params },
            if s.is_stochastic(&pd) { "yes" } else { "no" },
            e.definition.replace('|', "\\|"),
            e.source.replace('|', "\\|"),
        ));
    }
    out.push_str(
        "\n## Strategies defined in TOML\n\n\
         A tournament or game file can define more, in `[[strategy]]` tables:\n\n\
         - `kind = \"memory_one\"`: `p = [pCC, pCD, pDC, pDD]`, the probability of\n\
           cooperating after each outcome of the last turn (own move first), and\n\
           `first = \"C\"`, `\"D\"` or a probability (default `\"C\"`): Axelrod's\n\
           `MemoryOnePlayer`.\n\
         - `kind = \"fsm\"`: `initial_state` (default 1), `initial_action` (default\n\
           `\"C\"`) and `transitions = [[state, opponent's last move, next state,\n\
           move], ...]`: Axelrod's `FSMPlayer`. Every reachable state needs a row\n\
           for `\"C\"` and one for `\"D\"`; a repeated row is an error.\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_parameters_parse() {
        let s = parse("TitForTat", &[]).unwrap();
        assert_eq!((s.name.as_str(), &s.kind), ("TitForTat", &Kind::TitForTat));
        let s = parse("Random(0.3)", &[]).unwrap();
        assert_eq!(
            (s.name.as_str(), &s.kind),
            ("Random(0.3)", &Kind::Random { p: 0.3 })
        );
        assert_eq!(parse("Random", &[]).unwrap().kind, Kind::Random { p: 0.5 });
        assert_eq!(
            parse(" GTFT(0.1) ", &[]).unwrap().name,
            "GenerousTitForTat(0.1)"
        );
        assert_eq!(
            parse("GenerousTitForTat", &[]).unwrap().kind,
            Kind::Generous { p: None }
        );
        assert_eq!(parse("FirstByJoss", &[]).unwrap().name, "Joss");
        assert_eq!(
            parse("Feld(1, 0.5)", &[]).unwrap().kind,
            Kind::Feld {
                start: 1.0,
                end: 0.5,
                rounds_of_decay: 200.0
            }
        );
    }

    #[test]
    fn bad_names_and_parameters_say_what_is_allowed() {
        let e = parse("TitForTatt", &[]).unwrap_err();
        assert!(e.contains("did you mean `TitForTat`"), "{e}");
        let e = parse("Random(1.5)", &[]).unwrap_err();
        assert!(e.contains("[0, 1]") && e.contains("1.5"), "{e}");
        let e = parse("Random(x)", &[]).unwrap_err();
        assert!(e.contains("must be a number"), "{e}");
        let e = parse("Random(0.1, 0.2)", &[]).unwrap_err();
        assert!(e.contains("takes 1 parameter"), "{e}");
        let e = parse("Random(0.1", &[]).unwrap_err();
        assert!(e.contains("end with `)`"), "{e}");
        let e = parse("Davis(2.5)", &[]).unwrap_err();
        assert!(e.contains("whole number"), "{e}");
        assert!(parse("TitForTat(1)", &[]).unwrap_err().contains("takes 0"));
    }

    #[test]
    fn the_catalog_has_the_issue_strategies_and_unique_names() {
        assert!(CATALOG.len() >= 25);
        for name in [
            "Cooperator",
            "Defector",
            "TitForTat",
            "Grudger",
            "WinStayLoseShift",
            "WinShiftLoseStay",
            "SuspiciousTitForTat",
            "AntiTitForTat",
            "TitFor2Tats",
            "TwoTitsForTat",
            "GenerousTitForTat",
            "Alternator",
            "CyclerDC",
            "Random",
            "Bully",
            "Prober",
            "Joss",
            "Davis",
            "Feld",
            "Tester",
            "Grofman",
            "Shubik",
            "TidemanAndChieruzzi",
            "ZDExtort2",
            "Adaptive",
            "Gradual",
        ] {
            assert!(find(name).is_some(), "{name}");
        }
        for (i, a) in CATALOG.iter().enumerate() {
            for b in &CATALOG[i + 1..] {
                assert!(a.name != b.name && a.axelrod != b.axelrod, "{}", a.name);
            }
        }
    }
}
