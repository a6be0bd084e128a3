//! `docs/SCENARIOS.md` is generated from the schema; this test keeps it in
//! sync. After changing a key, regenerate it with
//! `CATCH22_UPDATE_DOCS=1 cargo test --test docs`.

use catch22::policy::POLICIES;
use catch22::scenario::SCHEMA;

fn render() -> String {
    let mut out = String::from(
        "# Scenario reference\n\n\
         Generated from the schema in `src/scenario/schema.rs` by `tests/docs.rs`\n\
         (`CATCH22_UPDATE_DOCS=1 cargo test --test docs`); do not edit by hand.\n\
         Every key is optional. Set it in TOML (`[iran]` then `resilience = 0.4`,\n\
         or `iran.resilience = 0.4` at the top), on the command line with\n\
         `--set iran.resilience=0.4`, or vary it with `--vary`. The equations that\n\
         use each key, and where each default comes from, are in `docs/MODEL.md`.\n",
    );
    let mut table = "";
    for spec in SCHEMA.iter() {
        let (t, k) = spec.key.rsplit_once('.').unwrap();
        if t != table {
            out.push_str(&format!("\n## `[{t}]`\n\n"));
            if let Some((side, name)) = t.split_once('.') {
                if let Some(p) = POLICIES.iter().find(|p| p.side == side && p.name == name) {
                    out.push_str(&format!("{}\n\n", p.summary));
                }
            }
            out.push_str("| key | default | allowed | meaning |\n|---|---|---|---|\n");
            table = t;
        }
        out.push_str(&format!(
            "| `{k}` | `{}` | {} | {} |\n",
            spec.default,
            spec.kind.describe(),
            spec.doc.replace('|', "\\|")
        ));
    }
    out.push_str("\n## `[sweep]`\n\nOne entry per varied key, quoted: `\"lifeline.probability\" = \"0:0.5:6\"` (STEPS evenly spaced values, both ends included) or an array of values, `\"us.policy\" = [\"maximum_pressure\", \"engagement\"]`. Used by `catch22 sweep`; `--vary` replaces an axis of the same key.\n");
    out
}

#[test]
fn scenario_reference_matches_the_schema() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/SCENARIOS.md");
    let expected = render();
    if std::env::var_os("CATCH22_UPDATE_DOCS").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/SCENARIOS.md is out of date: run CATCH22_UPDATE_DOCS=1 cargo test --test docs"
    );
}

#[test]
fn strategy_reference_matches_the_catalog() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/STRATEGIES.md");
    let expected = catch22::repeated::strategy::catalog::markdown();
    if std::env::var_os("CATCH22_UPDATE_DOCS").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/STRATEGIES.md is out of date: run CATCH22_UPDATE_DOCS=1 cargo test --test docs"
    );
}
