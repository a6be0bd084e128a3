//! `catch22 stage-game [SCENARIO]`: the model's stage game in normal form,
//! as a TOML matrix game that `catch22 solve` reads.

use std::io::Write;

use super::io::Io;
use super::{StageGameArgs, threads};
use crate::engine;
use crate::error::{Error, Result};
use crate::explain::fixed::{self as stage, IRAN_DEFAULT, US_DEFAULT};
use crate::model::{IranAction, UsAction};

/// Parses `LABEL=ACTION,...` (a bare `ACTION` is its own label).
fn actions<A: Copy>(
    flag: &str,
    raw: &str,
    all: &[A],
    name: impl Fn(A) -> &'static str,
) -> Result<Vec<(String, A)>> {
    let names: Vec<&str> = all.iter().map(|&a| name(a)).collect();
    let mut out: Vec<(String, A)> = Vec::new();
    for item in raw.split(',') {
        let (label, action) = item.split_once('=').unwrap_or((item, item));
        let (label, action) = (label.trim(), action.trim());
        if label.is_empty()
            || !label
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(Error::Usage(format!(
                "{flag}: label `{label}` must be letters, digits, `_` or `-`"
            )));
        }
        let Some(&a) = all.iter().find(|&&a| name(a) == action) else {
            return Err(Error::Usage(format!(
                "{flag}: unknown action `{action}` (one of {})",
                names.join(", ")
            )));
        };
        if out.iter().any(|(l, _)| l == label) {
            return Err(Error::Usage(format!("{flag}: label `{label}` given twice")));
        }
        out.push((label.to_string(), a));
    }
    Ok(out)
}

fn listed<A: Copy>(v: &[(String, A)], name: impl Fn(A) -> &'static str) -> String {
    v.iter()
        .map(|(l, a)| format!("{l}={}", name(*a)))
        .collect::<Vec<_>>()
        .join(",")
}

/// Estimates every cell and writes the game.
pub fn stage_game(a: StageGameArgs, io: &mut Io) -> Result<Option<String>> {
    let s = a.flags.load()?;
    let default_iran = listed(
        &IRAN_DEFAULT.map(|(l, x)| (l.to_string(), x)),
        IranAction::name,
    );
    let default_us = listed(&US_DEFAULT.map(|(l, x)| (l.to_string(), x)), UsAction::name);
    let iran = actions(
        "--iran",
        a.iran.as_deref().unwrap_or(&default_iran),
        &IranAction::ALL,
        IranAction::name,
    )?;
    let us = actions(
        "--us",
        a.us.as_deref().unwrap_or(&default_us),
        &UsAction::ALL,
        UsAction::name,
    )?;
    let threads = threads(&a.flags.flags.threads)?;
    let point = s.point(0)?;
    io.input(&s.source)?;
    io.scenario("scenario", &s, &a.flags.flags.set);
    let mut out = io.open("--out", a.out.out.as_deref())?;
    let pool = engine::pool(threads)?;
    let game = stage::estimate(
        &point.params,
        &point.players,
        point.seed,
        point.runs,
        iran.clone(),
        us.clone(),
        &pool,
    );
    let scenario = a.flags.scenario.as_deref().unwrap_or("baseline-2025");
    let mut command = format!(
        "catch22 stage-game {scenario} --iran {} --us {} --runs {} --seed {}",
        listed(&iran, IranAction::name),
        listed(&us, UsAction::name),
        point.runs,
        point.seed
    );
    for set in &a.flags.flags.set {
        command.push_str(&format!(" --set {set}"));
    }
    let p = &point.params;
    let header = vec![
        format!(
            "The Iran-US stage game read off the Catch-22 model ({}).",
            s.name()
        ),
        format!("Made by: {command}"),
        String::new(),
        "Each cell holds both actions fixed every round of a run, until an outcome or".to_string(),
        format!(
            "the {}-round horizon; a cell's payoffs are each side's mean discounted payoff",
            p.rounds
        ),
        "(docs/MODEL.md, \"Payoffs\"), on the engine's random streams, so the cells share"
            .to_string(),
        "common random numbers. Iran signs a completed deal only if its policy".to_string(),
        format!(
            "({}) would: the deal the less bad horn.",
            point.players.iran.name()
        ),
        format!(
            "Iran's rows (label=model action): {}",
            listed(&iran, IranAction::name).replace(',', ", ")
        ),
        format!(
            "The US columns: {}",
            listed(&us, UsAction::name).replace(',', ", ")
        ),
        "Its Nash equilibria: catch22 solve FILE (this file, saved as .toml)".to_string(),
    ];
    let title = format!("Iran-US stage game ({})", s.name());
    let text = game.to_toml(&title, &header);
    let name = out.name().to_string();
    out.write_all(text.as_bytes())
        .map_err(|e| Error::write(&name, &e))?;
    io.commit(vec![out])?;
    Ok(None)
}
