//! `catch22 list`: shipped scenarios and policies with their parameters.

use std::fmt::Write as _;

use super::ListArgs;
use super::io::Io;
use crate::error::Result;
use crate::policy::POLICIES;
use crate::repeated::strategy::catalog::{CATALOG, describe};
use crate::scenario::{SCHEMA, Scenario, shipped};

/// Prints the list to standard output.
pub fn list(a: ListArgs, io: &mut Io) -> Result<Option<String>> {
    let mut text =
        String::from("Shipped scenarios (run by name, e.g. `catch22 run jcpoa-2015`):\n");
    for name in shipped::names() {
        let s = Scenario::load(name)?;
        let desc = s.value("scenario.description").as_str();
        let first = desc
            .split(". ")
            .next()
            .unwrap_or(desc)
            .trim_end_matches('.');
        let _ = writeln!(text, "  {name:<20} {first}.");
    }
    for side in ["iran", "us"] {
        let _ = writeln!(
            text,
            "\n{} policies (`{side}.policy = \"NAME\"`; parameters under [{side}.NAME]):",
            if side == "iran" { "Iran" } else { "US" }
        );
        for p in POLICIES.iter().filter(|p| p.side == side) {
            let _ = writeln!(text, "  {}\n    {}", p.name, p.summary);
            // The equilibrium's settings are shared by both sides.
            let prefix = if p.name == "equilibrium" {
                let _ = writeln!(
                    text,
                    "    parameters under [equilibrium], shared by both sides:"
                );
                "equilibrium.".to_string()
            } else {
                format!("{side}.{}.", p.name)
            };
            let params: Vec<_> = SCHEMA
                .iter()
                .filter(|k| k.key.starts_with(&prefix))
                .collect();
            if params.is_empty() {
                let _ = writeln!(text, "    (no parameters)");
            }
            for k in params {
                let _ = writeln!(
                    text,
                    "    {:<19} default {:<6} {}; {}",
                    &k.key[prefix.len()..],
                    k.default.to_string(),
                    k.kind.describe(),
                    k.doc
                );
            }
        }
    }
    let _ = writeln!(
        text,
        "\nRepeated-game strategies (`catch22 match A B`, `players` of a tournament; \
         parameters in parentheses, e.g. Random(0.3); docs/STRATEGIES.md):"
    );
    for e in CATALOG {
        text.push_str(&describe(e));
    }
    text.push_str(
        "  and strategies defined in a tournament file: [[strategy]] with kind = \"memory_one\" \
         (p = [pCC, pCD, pDC, pDD], first) or kind = \"fsm\" (initial_state, initial_action, transitions)\n",
    );
    io.write_text(a.out.out.as_deref(), &text)?;
    Ok(None)
}
