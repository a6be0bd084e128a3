//! The crate's layers, checked on the source: the model is the bottom of the
//! Catch-22 side and imports nothing above it; the generic game theory knows
//! nothing of Iran; statistics are pure statistics.

use std::path::{Path, PathBuf};

fn sources(dir: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The code of a file without its unit tests (which may build scenarios).
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Every `crate::<module>` a directory's code names, with where.
fn uses(dir: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for path in sources(dir) {
        let text = code(&path);
        for (at, _) in text.match_indices("crate::") {
            let rest = &text[at + "crate::".len()..];
            let module: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.push((module, path.display().to_string()));
        }
    }
    found
}

#[track_caller]
fn only(dir: &str, allowed: &[&str]) {
    let bad: Vec<_> = uses(dir)
        .into_iter()
        .filter(|(m, _)| !allowed.contains(&m.as_str()))
        .collect();
    assert!(bad.is_empty(), "{dir} reaches above its layer: {bad:?}");
}

#[test]
fn the_model_imports_nothing_above_it() {
    only("src/model", &["model"]);
}

#[test]
fn generic_game_theory_knows_nothing_of_iran() {
    for dir in ["src/game", "src/repeated", "src/evolution"] {
        for path in sources(dir) {
            let text = code(&path);
            for word in ["IranAction", "UsAction", "crate::model", "crate::policy"] {
                assert!(!text.contains(word), "{} names {word}", path.display());
            }
        }
    }
}

#[test]
fn statistics_are_pure() {
    only("src/stats", &["stats", "error"]);
}

#[test]
fn the_checker_sees_an_import() {
    // The scan is not vacuous: the policies do import the model.
    assert!(uses("src/policy").iter().any(|(m, _)| m == "model"));
}
