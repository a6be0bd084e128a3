//! `docs/TEACHING.md` is a course whose numbers must come from running its
//! commands: this test runs every `$ catch22 ...` line of its `console`
//! blocks from the repository's root and checks that standard output holds
//! the lines shown, in order (`...` stands for lines left out).

mod common;

use std::path::Path;

/// One command of the course and the output lines it shows.
struct Example {
    line: usize,
    args: Vec<String>,
    shown: Vec<String>,
}

fn examples(text: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut in_console = false;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            in_console = line == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            let mut words = cmd.split_whitespace().map(str::to_string);
            assert_eq!(
                words.next().as_deref(),
                Some("catch22"),
                "docs/TEACHING.md:{}: only catch22 commands can be checked",
                i + 1
            );
            out.push(Example {
                line: i + 1,
                args: words.collect(),
                shown: Vec::new(),
            });
        } else if let Some(e) = out.last_mut() {
            e.shown.push(line.to_string());
        }
    }
    out
}

/// Whether `actual` holds the `shown` lines in order, each run of lines
/// between `...` markers contiguous, and (without a leading or trailing
/// `...`) starting at the first line and ending at the last.
fn holds(actual: &[&str], shown: &[String]) -> bool {
    let groups: Vec<&[String]> = shown.split(|l| l == "...").collect();
    let mut at = 0;
    for (g, group) in groups.iter().enumerate() {
        let first = g == 0;
        let last = g == groups.len() - 1;
        if group.is_empty() {
            continue;
        }
        let fits = |start: usize| {
            start + group.len() <= actual.len()
                && group.iter().zip(&actual[start..]).all(|(s, a)| s == a)
        };
        let start = if first {
            (fits(0)).then_some(0)
        } else {
            (at..=actual.len().saturating_sub(group.len())).find(|&s| fits(s))
        };
        let Some(start) = start else {
            return false;
        };
        at = start + group.len();
        if last && at != actual.len() {
            return false;
        }
    }
    true
}

#[test]
fn every_command_of_the_course_prints_what_the_course_shows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("docs/TEACHING.md")).unwrap();
    let all = examples(&text);
    assert!(all.len() >= 19, "only {} commands found", all.len());
    for e in &all {
        let args: Vec<&str> = e.args.iter().map(String::as_str).collect();
        let out = common::catch22_in(root, &args);
        out.success();
        let actual: Vec<&str> = out.stdout.lines().collect();
        out.check(
            holds(&actual, &e.shown),
            format!(
                "docs/TEACHING.md:{}: the output differs from the lines shown:\n{}",
                e.line,
                e.shown.join("\n")
            ),
        );
    }
}

#[test]
fn the_matcher_honours_elisions() {
    let actual = ["a", "b", "c", "d"];
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert!(holds(&actual, &s(&["a", "b", "c", "d"])));
    assert!(holds(&actual, &s(&["a", "...", "d"])));
    assert!(holds(&actual, &s(&["...", "c", "..."])));
    assert!(!holds(&actual, &s(&["a", "b"])));
    assert!(!holds(&actual, &s(&["b", "..."])));
    assert!(!holds(&actual, &s(&["...", "c", "b", "..."])));
    assert!(!holds(&actual, &s(&["a", "b", "c", "x"])));
}
