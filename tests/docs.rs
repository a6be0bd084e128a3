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

// ---- counts and names in the prose, derived from the code -----------------

/// The docs whose prose is checked (the generated references are checked above).
fn prose() -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    for e in std::fs::read_dir(root.join("docs")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".md") && name != "SCENARIOS.md" && name != "STRATEGIES.md" {
            files.push(p);
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// `word` as a number: digits or a number word up to twenty.
fn number(word: &str) -> Option<usize> {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let w = word.to_ascii_lowercase();
    w.parse()
        .ok()
        .or_else(|| WORDS.iter().position(|x| *x == w))
}

/// Every `N noun` (or `N shipped noun`, `N-noun`) in `text` with N a number.
fn counts_of<'a>(text: &'a str, noun: &str) -> Vec<(usize, &'a str, usize)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices(noun) {
        let before = text[..at]
            .trim_end_matches(['-', ' '])
            .trim_end_matches("shipped")
            .trim_end_matches(' ');
        let word = before
            .rsplit(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .unwrap_or("");
        if let Some(n) = number(word) {
            found.push((line_of(text, at), word, n));
        }
    }
    found
}

#[test]
fn counts_in_the_docs_are_the_codes() {
    let scenarios = catch22::scenario::shipped::names().len();
    let keys = SCHEMA.len();
    let teaching =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/TEACHING.md")).unwrap();
    let lessons = teaching
        .lines()
        .filter(|l| l.starts_with("## Lesson "))
        .count();
    let mut wrong = Vec::new();
    for (file, text) in prose() {
        for (noun, want) in [
            (" scenarios", scenarios),
            (" keys", keys),
            ("lesson", lessons),
        ] {
            for (line, word, n) in counts_of(&text, noun) {
                // "two scenarios" in passing is fine; a count of all of them must be right.
                let all = noun != " scenarios" && noun != " keys" || n >= want.min(5);
                if all && n != want {
                    wrong.push(format!(
                        "{file}:{line}: `{word}{noun}`, but there are {want}"
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "counts out of date:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn every_key_the_docs_name_exists() {
    let keys: std::collections::BTreeSet<&str> = SCHEMA.iter().map(|s| s.key).collect();
    let tables: std::collections::BTreeSet<&str> =
        keys.iter().filter_map(|k| k.split('.').next()).collect();
    // A table such as `iran.fence_sitter` is a prefix of keys.
    let is_prefix = |t: &str| keys.iter().any(|k| k.starts_with(&format!("{t}.")));
    let dotted = |s: &str| {
        let parts: Vec<&str> = s.split('.').collect();
        parts.len() >= 2
            && parts.iter().all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            })
            && tables.contains(parts[0])
            && !parts[0].is_empty()
    };
    let mut unknown = Vec::new();
    for (file, text) in prose() {
        // `key` and `key=value` in backticks.
        let mut rest = text.as_str();
        let mut offset = 0;
        while let Some(open) = rest.find('`') {
            let Some(close) = rest[open + 1..].find('`') else {
                break;
            };
            let inner = &rest[open + 1..open + 1 + close];
            let name = inner.split('=').next().unwrap_or("");
            if dotted(name) && !keys.contains(name) && !is_prefix(name) {
                unknown.push(format!(
                    "{file}:{}: `{name}`",
                    line_of(&text, offset + open)
                ));
            }
            offset += open + close + 2;
            rest = &rest[open + close + 2..];
        }
        // --set KEY=..., --vary KEY=... anywhere (commands in code blocks).
        for flag in ["--set ", "--vary ", "--set-a ", "--set-b "] {
            for (at, _) in text.match_indices(flag) {
                let arg = &text[at + flag.len()..];
                let Some(eq) = arg.find('=') else { continue };
                let name = &arg[..eq];
                let placeholder = name.chars().any(|c| c.is_ascii_uppercase());
                if !placeholder && !name.contains(char::is_whitespace) && !keys.contains(name) {
                    unknown.push(format!("{file}:{}: {flag}{name}=", line_of(&text, at)));
                }
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "the docs name keys the schema does not have:\n{}",
        unknown.join("\n")
    );
}

#[test]
fn a_lesson_that_says_who_did_well_shows_it_winning() {
    // "Lesson N: why X did well" must be followed by a ranking X tops.
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/TEACHING.md")).unwrap();
    for lesson in text.split("\n## Lesson ").skip(1) {
        let title = lesson.lines().next().unwrap_or("");
        let Some(who) = title
            .split_once(": why ")
            .and_then(|(_, t)| t.strip_suffix(" did well"))
        else {
            continue;
        };
        let first = lesson
            .lines()
            .skip_while(|l| !l.starts_with("rank,name"))
            .nth(1)
            .unwrap_or("");
        let winner = first.split(',').nth(1).unwrap_or("");
        let names_a_strategy = catch22::repeated::strategy::catalog::CATALOG
            .iter()
            .any(|s| s.name == who);
        assert!(
            !names_a_strategy || winner == who,
            "Lesson {title}: its ranking is topped by {winner}, not {who}"
        );
    }
}

/// `docs/MODEL.md` §7 documents every key of the schema with its basis and,
/// for numeric keys, the plausible range that uncertainty analysis samples
/// (`scripts/docs/parameter_table.py` writes the tables from `check`).
#[test]
fn the_parameter_reference_documents_every_key() {
    let text = std::fs::read_to_string("docs/MODEL.md").expect("docs/MODEL.md");
    let start = text
        .find("\n## 7. Parameter reference")
        .expect("MODEL.md has section 7");
    let end = text[start + 1..]
        .find("\n## 8.")
        .map_or(text.len(), |e| start + 1 + e);
    let section = &text[start..end];
    let mut wrong = Vec::new();
    for spec in SCHEMA.iter() {
        let head = format!("| `{}` |", spec.key);
        let Some(line) = section.lines().find(|l| l.starts_with(&head)) else {
            wrong.push(format!("{}: missing", spec.key));
            continue;
        };
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | key | default | allowed | basis | plausible | why |
        if cells.len() < 7 {
            wrong.push(format!("{}: a row of {} cells", spec.key, cells.len()));
            continue;
        }
        if cells[4] != spec.basis.name() {
            wrong.push(format!(
                "{}: basis {:?}, the schema says {}",
                spec.key,
                cells[4],
                spec.basis.name()
            ));
        }
        let documented = cells[5]
            .strip_prefix('[')
            .and_then(|c| c.strip_suffix(']'))
            .and_then(|c| c.split_once(", "))
            .and_then(|(a, b)| Some((a.parse::<f64>().ok()?, b.parse::<f64>().ok()?)));
        if documented != spec.plausible {
            wrong.push(format!(
                "{}: plausible {:?}, the schema says {:?}",
                spec.key, cells[5], spec.plausible
            ));
        }
        if cells[6].is_empty() {
            wrong.push(format!("{}: no reason given", spec.key));
        }
    }
    assert!(
        wrong.is_empty(),
        "docs/MODEL.md section 7 is out of date (regenerate with \
         scripts/docs/parameter_table.py):\n{}",
        wrong.join("\n")
    );
}
