//! The scenarios shipped in `scenarios/`, embedded so that `catch22 run` works
//! from any directory and `baseline-2025` is the default.

/// (name, TOML text) of every shipped scenario; the first is the default.
pub const SHIPPED: [(&str, &str); 9] = [
    (
        "baseline-2025",
        include_str!("../../scenarios/baseline-2025.toml"),
    ),
    (
        "jcpoa-2015",
        include_str!("../../scenarios/jcpoa-2015.toml"),
    ),
    ("lifeline", include_str!("../../scenarios/lifeline.toml")),
    (
        "resistance-revived",
        include_str!("../../scenarios/resistance-revived.toml"),
    ),
    (
        "hardliner-surge",
        include_str!("../../scenarios/hardliner-surge.toml"),
    ),
    (
        "full-confrontation",
        include_str!("../../scenarios/full-confrontation.toml"),
    ),
    (
        "equilibrium-2025",
        include_str!("../../scenarios/equilibrium-2025.toml"),
    ),
    (
        "maximum-pressure-2018",
        include_str!("../../scenarios/maximum-pressure-2018.toml"),
    ),
    (
        "baseline-2025-uncertain",
        include_str!("../../scenarios/baseline-2025-uncertain.toml"),
    ),
];

/// The default scenario's name.
pub const DEFAULT: &str = "baseline-2025";

/// The text of a shipped scenario.
pub fn find(name: &str) -> Option<&'static str> {
    SHIPPED.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// The names of the shipped scenarios.
pub fn names() -> Vec<&'static str> {
    SHIPPED.iter().map(|(n, _)| *n).collect()
}
