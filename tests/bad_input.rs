//! The bad-input suite: malformed scenarios and arguments.
//!
//! Every case must give exit code 2, nothing on standard output, and exactly
//! one line on standard error that starts with `error:` and names the file
//! (with `file:LINE:COL`) or the flag, the key where there is one, and what is
//! allowed. No output file (`--out`, `--per-run`, or a leftover temporary) may
//! be left behind: each `run`/`sweep` case is run a second time with both
//! outputs named, and the directory must be unchanged afterwards.

mod common;

use common::{Output, SHIPPED, TempDir};

/// A scenario with nothing but a name (so no `[sweep]` table, whatever the
/// shipped scenarios become).
const PLAIN: &str = "[scenario]\nname = \"plain\"\n";

/// Asserts the shape every bad-input error must have.
#[track_caller]
fn assert_refused(out: &Output, fragments: &[&str]) {
    out.check(out.code() == Some(2), "expected exit code 2")
        .check(out.stdout.is_empty(), "expected nothing on stdout")
        .check(
            out.stderr.starts_with("error: "),
            "expected stderr to start with `error: `",
        )
        .check(
            out.stderr.ends_with('\n') && out.stderr.matches('\n').count() == 1,
            "expected exactly one line on stderr",
        )
        .check(!out.stderr.contains("panicked"), "the binary panicked");
    for f in fragments {
        out.stderr_has(f);
    }
}

/// Asserts that the message has `file:LINE:COL` for this file and line.
#[track_caller]
fn assert_position(out: &Output, file: &str, line: usize) {
    let prefix = format!("error: {file}:{line}:");
    let rest = out.stderr.strip_prefix(&prefix);
    let ok = rest.is_some_and(|r| {
        let digits = r.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && r[digits..].starts_with(": ")
    });
    out.check(ok, format!("expected the message to begin `{prefix}COL: `"));
}

/// Runs a bad command in `dir` and checks the refusal; for `run` and `sweep`
/// runs it again with `--out` and `--per-run` named and checks that neither
/// (nor any temporary) appears. Returns the first output.
#[track_caller]
fn refuse(dir: &TempDir, args: &[&str], fragments: &[&str]) -> Output {
    let before = dir.entries();
    let out = dir.run(args);
    assert_refused(&out, fragments);
    let after = dir.entries();
    out.check(
        after == before,
        format!(
            "files left behind: {:?}",
            after.difference(&before).collect::<Vec<_>>()
        ),
    );
    let names_output = args
        .iter()
        .any(|a| a.starts_with("--out") || a.starts_with("--per-run"));
    if matches!(args.first(), Some(&"run" | &"sweep")) && !names_output {
        let mut with = args.to_vec();
        with.extend(["--out", "out.csv", "--per-run", "runs.csv"]);
        let again = dir.run(&with);
        assert_refused(&again, fragments);
        again.check(
            again.stderr == out.stderr,
            format!(
                "naming outputs changed the message; it was:\n{}",
                out.stderr
            ),
        );
        let after = dir.entries();
        again.check(
            after == before,
            format!(
                "files left behind: {:?}",
                after.difference(&before).collect::<Vec<_>>()
            ),
        );
    }
    out
}

/// A bad scenario file: `run FILE --runs 50` and `check FILE` both refuse it
/// with the file, line, key and fragments.
#[track_caller]
fn refuse_file(text: &str, line: usize, fragments: &[&str]) -> Output {
    let dir = TempDir::new("bad-file");
    let file = dir.write("bad.toml", text);
    let out = refuse(&dir, &["run", &file, "--runs", "50"], fragments);
    assert_position(&out, &file, line);
    let checked = refuse(&dir, &["check", &file], fragments);
    checked.check(
        checked.stderr == out.stderr,
        format!("`check` and `run` disagree; run said:\n{}", out.stderr),
    );
    out
}

// ---- Scenario files -------------------------------------------------------

#[test]
fn toml_syntax_error() {
    refuse_file(
        "[scenario]\nname = \"x\"\n[iran\nresilience = 0.3\n",
        3,
        &["TOML syntax error"],
    );
}

#[test]
fn toml_syntax_error_in_a_value() {
    refuse_file(
        "[scenario]\nname = \"x\"\nrounds = = 3\n",
        3,
        &["TOML syntax error"],
    );
}

#[test]
fn unknown_key_suggests_the_closest() {
    refuse_file(
        "[scenario]\nname = \"x\"\n\n[iran]\nresilence = 0.3\n",
        5,
        &[
            "key `iran.resilence`",
            "unknown key",
            "did you mean `iran.resilience`?",
        ],
    );
}

#[test]
fn unknown_key_as_dotted_key_suggests() {
    refuse_file(
        "lifeline.probabilty = 0.2\n",
        1,
        &[
            "lifeline.probabilty",
            "did you mean `lifeline.probability`?",
        ],
    );
}

#[test]
fn unknown_top_level_table() {
    refuse_file(
        "[scenario]\nname = \"x\"\n\n[weather]\nrain = 0.3\n",
        4,
        &[
            "key `weather`",
            "unknown table `weather`",
            "scenario, iran, us, lifeline",
            "sweep",
        ],
    );
}

#[test]
fn misspelt_tables_suggest_the_closest() {
    refuse_file(
        "[lifline]\nprobability = 0.2\n",
        1,
        &["unknown table `lifline`", "did you mean `lifeline`?"],
    );
    refuse_file(
        "[scenario]\nname = \"x\"\n[Iran]\nresilience = 0.3\n",
        3,
        &["unknown table `Iran`", "did you mean `iran`?"],
    );
    refuse_file(
        "[iran.fence_siter]\nmargin = 0.1\n",
        1,
        &["iran.fence_siter", "did you mean `iran.fence_sitter`?"],
    );
    refuse_file(
        "[us.tit_for_tat]\nnice = 1\n",
        1,
        &["unknown table `us.tit_for_tat`", "maximum_pressure"],
    );
}

#[test]
fn value_where_a_table_belongs() {
    refuse_file("iran = 3\n", 1, &["key `iran`", "is a table", "[iran]"]);
}

#[test]
fn parameter_of_a_policy_without_parameters() {
    refuse_file(
        "[us.engagement]\ncarrots = 1\n",
        2,
        &[
            "us.engagement.carrots",
            "unknown parameter",
            "no parameters",
        ],
    );
}

#[test]
fn integer_too_large_for_any_key() {
    refuse_file(
        "[scenario]\nrounds = 99999999999999999999\n",
        2,
        &["key `scenario.rounds`", "99999999999999999999", "[1, 1200]"],
    );
}

#[test]
fn unreadable_scenario_files() {
    let dir = TempDir::new("unreadable");
    std::fs::write(dir.path().join("latin1.toml"), b"name = \"caf\xe9\"\n").unwrap();
    refuse(
        &dir,
        &["run", "latin1.toml", "--runs", "50"],
        &["latin1.toml", "cannot read scenario", "UTF-8"],
    );
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    refuse(
        &dir,
        &["check", "folder"],
        &["error: folder: ", "cannot read scenario"],
    );
}

#[test]
fn wrong_type_string_for_number() {
    refuse_file(
        "[iran]\nresilience = \"high\"\n",
        2,
        &[
            "key `iran.resilience`",
            "wrong type",
            "a number in [0, 1]",
            "string",
        ],
    );
}

#[test]
fn wrong_type_float_for_integer() {
    refuse_file(
        "[scenario]\nruns = 1.5\n",
        2,
        &[
            "key `scenario.runs`",
            "wrong type",
            "an integer in [1, ",
            "float",
        ],
    );
}

#[test]
fn wrong_type_array_for_scalar() {
    refuse_file(
        "[us]\npressure = [0.3, 0.4]\n",
        2,
        &["key `us.pressure`", "wrong type", "[0, 1]", "array"],
    );
}

#[test]
fn probability_above_one() {
    refuse_file(
        "[lifeline]\nprobability = 1.5\n",
        2,
        &["key `lifeline.probability`", "[0, 1]", "1.5"],
    );
}

#[test]
fn probability_below_zero() {
    refuse_file(
        "[lifeline]\n\nprobability = -0.1\n",
        3,
        &["key `lifeline.probability`", "[0, 1]", "-0.1"],
    );
}

#[test]
fn survival_threshold_out_of_range() {
    refuse_file(
        "[iran]\nsurvival_threshold = 0.95\n",
        2,
        &["key `iran.survival_threshold`", "[0.05, 0.9]", "0.95"],
    );
}

#[test]
fn rounds_zero() {
    refuse_file(
        "[scenario]\nrounds = 0\n",
        2,
        &["key `scenario.rounds`", "an integer in [1, 1200]", "got 0"],
    );
}

#[test]
fn rounds_negative() {
    refuse_file(
        "[scenario]\nrounds = -12\n",
        2,
        &["key `scenario.rounds`", "[1, 1200]", "got -12"],
    );
}

#[test]
fn runs_zero() {
    refuse_file(
        "[scenario]\nruns = 0\n",
        2,
        &["key `scenario.runs`", "an integer in [1, ", "got 0"],
    );
}

#[test]
fn runs_negative() {
    refuse_file(
        "[scenario]\nruns = -5\n",
        2,
        &["key `scenario.runs`", "[1, ", "got -5"],
    );
}

#[test]
fn unknown_policy_suggests_and_lists_options() {
    refuse_file(
        "[iran]\npolicy = \"fence_siter\"\n",
        2,
        &[
            "key `iran.policy`",
            "fence_siter",
            "did you mean `fence_sitter`?",
            "hold_the_line",
            "heroic_flexibility",
            "full_confrontation",
        ],
    );
    refuse_file(
        "[us]\npolicy = \"appeasement\"\n",
        2,
        &[
            "key `us.policy`",
            "appeasement",
            "maximum_pressure",
            "pressure_and_engage",
            "strike_on_breakout",
            "engagement",
        ],
    );
}

#[test]
fn unknown_policy_parameter_lists_the_parameters() {
    // The parameters are whatever `check` resolves under [iran.fence_sitter].
    let dir = TempDir::new("params");
    let checked = dir.run(&["check", "baseline-2025"]);
    checked.success();
    let params = table_keys(&checked.stdout, "iran.fence_sitter");
    checked.check(
        !params.is_empty(),
        "`check` shows no [iran.fence_sitter] table",
    );
    let out = refuse_file(
        "[iran.fence_sitter]\nfoo = 1\n",
        2,
        &["iran.fence_sitter", "foo", "parameter"],
    );
    for p in params {
        out.stderr_has(&p);
    }
}

/// The keys of one table in `check` output.
fn table_keys(check: &str, table: &str) -> Vec<String> {
    let header = format!("[{table}]");
    check
        .lines()
        .skip_while(|l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.trim().is_empty() && !l.starts_with('['))
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_string()))
        .collect()
}

#[test]
fn missing_scenario_names_the_shipped_ones() {
    let dir = TempDir::new("missing");
    let out = refuse(
        &dir,
        &["run", "nosuch.toml", "--runs", "50"],
        &["nosuch.toml"],
    );
    for name in SHIPPED {
        out.stderr_has(name);
    }
    refuse(
        &dir,
        &["check", "no/such/dir/x.toml"],
        &["no/such/dir/x.toml"],
    );
    refuse(
        &dir,
        &["trace", "baseline-2052", "--seed", "7"],
        &["baseline-2052", "baseline-2025"],
    );
}

// ---- The [sweep] table ----------------------------------------------------

#[test]
fn sweep_table_value_out_of_range() {
    let dir = TempDir::new("sweep-table");
    let file = dir.write(
        "bad.toml",
        "[scenario]\nname = \"x\"\n\n[sweep]\n\"iran.resilience\" = [0.5, 2]\n",
    );
    let out = refuse(
        &dir,
        &["sweep", &file, "--runs", "50"],
        &["iran.resilience", "[0, 1]", "got 2"],
    );
    assert_position(&out, &file, 5);
}

#[test]
fn sweep_table_bad_entries() {
    let dir = TempDir::new("sweep-table2");
    let cases: [(&str, &[&str]); 4] = [
        (
            "[sweep]\n\"iran.resilence\" = [0.5]\n",
            &["iran.resilence", "did you mean `iran.resilience`?"],
        ),
        (
            "[sweep]\n\"iran.resilience\" = []\n",
            &["iran.resilience", "at least one value"],
        ),
        (
            "[sweep]\n\"iran.resilience\" = 3\n",
            &["iran.resilience", "FROM:TO:STEPS", "[0, 1]"],
        ),
        (
            "[sweep]\n\"lifeline.probability\" = \"0:1\"\n",
            &["lifeline.probability", "FROM:TO:STEPS"],
        ),
    ];
    for (text, fragments) in cases {
        let file = dir.write("bad.toml", text);
        let out = refuse(&dir, &["sweep", &file, "--runs", "50"], fragments);
        assert_position(&out, &file, 2);
    }
}

// ---- --set and the job flags ----------------------------------------------

#[test]
fn set_unknown_key() {
    let dir = TempDir::new("set-key");
    refuse(
        &dir,
        &["run", "--runs", "50", "--set", "iran.resilence=0.3"],
        &[
            "error: --set: ",
            "key `iran.resilence`",
            "did you mean `iran.resilience`?",
        ],
    );
}

#[test]
fn set_bad_value() {
    let dir = TempDir::new("set-value");
    refuse(
        &dir,
        &["run", "--runs", "50", "--set", "iran.resilience=abc"],
        &["error: --set: ", "key `iran.resilience`", "abc", "[0, 1]"],
    );
    refuse(
        &dir,
        &[
            "run",
            "--runs",
            "50",
            "--set",
            "iran.survival_threshold=0.95",
        ],
        &["--set", "iran.survival_threshold", "[0.05, 0.9]"],
    );
    refuse(
        &dir,
        &["run", "--runs", "50", "--set", "scenario.rounds=2.5"],
        &["--set", "scenario.rounds", "integer", "[1, 1200]"],
    );
    refuse(
        &dir,
        &["run", "--runs", "50", "--set", "us.policy=engagment"],
        &["--set", "us.policy", "did you mean `engagement`?"],
    );
}

#[test]
fn set_without_equals() {
    let dir = TempDir::new("set-eq");
    refuse(
        &dir,
        &["run", "--runs", "50", "--set", "iran.resilience"],
        &["error: --set: ", "iran.resilience", "KEY=VALUE"],
    );
    refuse(
        &dir,
        &["run", "--runs", "50", "--set", "=0.3"],
        &["--set", "KEY=VALUE"],
    );
}

#[test]
fn runs_flag_zero_and_negative() {
    let dir = TempDir::new("runs-flag");
    refuse(
        &dir,
        &["run", "--runs", "0"],
        &["error: --runs: ", "scenario.runs", "[1, ", "got 0"],
    );
    refuse(
        &dir,
        &["run", "--runs", "-5"],
        &["--runs", "scenario.runs", "[1, ", "got -5"],
    );
    refuse(
        &dir,
        &["run", "--runs", "many"],
        &["--runs", "scenario.runs", "many", "integer"],
    );
}

#[test]
fn seed_flag_negative() {
    let dir = TempDir::new("seed-flag");
    refuse(
        &dir,
        &["run", "--runs", "50", "--seed", "-1"],
        &["--seed", "scenario.seed", "got -1"],
    );
    refuse(
        &dir,
        &["trace", "--seed", "-1"],
        &["--seed", "scenario.seed", "got -1"],
    );
}

#[test]
fn threads_zero() {
    let dir = TempDir::new("threads");
    refuse(
        &dir,
        &["run", "--runs", "50", "--threads", "0"],
        &["--threads", "[1, 1024]", "got 0"],
    );
}

#[test]
fn clap_level_errors_exit_2_with_error_prefix() {
    // clap's own messages (a flag value of the wrong type, an unknown flag or
    // verb) span several lines; they still start with `error:` and exit 2.
    let dir = TempDir::new("clap");
    for args in [
        &["run", "--runs", "50", "--threads", "abc"][..],
        &["run", "--runs", "50", "--frobnicate"],
        &["simulate"],
    ] {
        let out = dir.run(args);
        out.check(out.code() == Some(2), "expected exit code 2")
            .check(out.stdout.is_empty(), "expected nothing on stdout")
            .check(out.stderr.starts_with("error:"), "expected `error:`");
    }
    assert!(dir.entries().is_empty());
}

// ---- --vary and the grid --------------------------------------------------

#[test]
fn vary_range_with_two_parts() {
    let dir = TempDir::new("vary-2");
    dir.write("plain.toml", PLAIN);
    refuse(
        &dir,
        &[
            "sweep",
            "plain.toml",
            "--runs",
            "50",
            "--vary",
            "lifeline.probability=0:1",
        ],
        &[
            "error: --vary: ",
            "key `lifeline.probability`",
            "0:1",
            "FROM:TO:STEPS",
        ],
    );
}

#[test]
fn vary_range_with_bad_steps() {
    let dir = TempDir::new("vary-x");
    dir.write("plain.toml", PLAIN);
    refuse(
        &dir,
        &[
            "sweep",
            "plain.toml",
            "--runs",
            "50",
            "--vary",
            "lifeline.probability=0:1:x",
        ],
        &["--vary", "lifeline.probability", "STEPS", "`x`"],
    );
    refuse(
        &dir,
        &[
            "sweep",
            "plain.toml",
            "--runs",
            "50",
            "--vary",
            "lifeline.probability=0:1:0",
        ],
        &["--vary", "lifeline.probability", "STEPS"],
    );
    refuse(
        &dir,
        &[
            "sweep",
            "plain.toml",
            "--runs",
            "50",
            "--vary",
            "lifeline.probability=a:1:3",
        ],
        &["--vary", "lifeline.probability", "`a`", "not a number"],
    );
}

#[test]
fn vary_with_no_values() {
    let dir = TempDir::new("vary-empty");
    dir.write("plain.toml", PLAIN);
    refuse(
        &dir,
        &[
            "sweep",
            "plain.toml",
            "--runs",
            "50",
            "--vary",
            "lifeline.probability=",
        ],
        &["--vary", "lifeline.probability", "no values"],
    );
    refuse(
        &dir,
        &[
            "sweep",
            "plain.toml",
            "--runs",
            "50",
            "--vary",
            "lifeline.probability=0.1,,0.2",
        ],
        &["--vary", "lifeline.probability", "empty value"],
    );
    refuse(
        &dir,
        &[
            "sweep",
            "plain.toml",
            "--runs",
            "50",
            "--vary",
            "lifeline.probability",
        ],
        &["--vary", "KEY=VALUE"],
    );
}

#[test]
fn vary_range_leaves_the_allowed_range() {
    let dir = TempDir::new("vary-range");
    dir.write("plain.toml", PLAIN);
    refuse(
        &dir,
        &[
            "sweep",
            "plain.toml",
            "--runs",
            "50",
            "--vary",
            "lifeline.probability=0:2:3",
        ],
        &["--vary", "key `lifeline.probability`", "[0, 1]", "got 2"],
    );
    refuse(
        &dir,
        &[
            "sweep",
            "plain.toml",
            "--runs",
            "50",
            "--vary",
            "iran.survival_threshold=0.1,0.95",
        ],
        &["--vary", "iran.survival_threshold", "[0.05, 0.9]", "0.95"],
    );
}

#[test]
fn vary_non_integers_for_an_integer_key() {
    let dir = TempDir::new("vary-int");
    dir.write("plain.toml", PLAIN);
    refuse(
        &dir,
        &[
            "sweep",
            "plain.toml",
            "--runs",
            "50",
            "--vary",
            "scenario.rounds=1:10:3",
        ],
        &["--vary", "key `scenario.rounds`", "5.5", "integer"],
    );
}

#[test]
fn vary_unknown_key_or_option() {
    let dir = TempDir::new("vary-key");
    dir.write("plain.toml", PLAIN);
    refuse(
        &dir,
        &[
            "sweep",
            "plain.toml",
            "--runs",
            "50",
            "--vary",
            "lifeline.probabilty=0:1:3",
        ],
        &[
            "--vary",
            "lifeline.probabilty",
            "did you mean `lifeline.probability`?",
        ],
    );
    refuse(
        &dir,
        &[
            "sweep",
            "plain.toml",
            "--runs",
            "50",
            "--vary",
            "us.policy=maximum_pressure,foo",
        ],
        &["--vary", "us.policy", "`foo`", "pressure_and_engage"],
    );
}

#[test]
fn sweep_without_axes_explains() {
    let dir = TempDir::new("no-axes");
    dir.write("plain.toml", PLAIN);
    refuse(
        &dir,
        &["sweep", "plain.toml", "--runs", "50"],
        &["nothing to sweep", "plain.toml", "[sweep]", "--vary"],
    );
}

#[test]
fn absurd_grid_is_refused_with_the_count() {
    let dir = TempDir::new("grid");
    dir.write("plain.toml", PLAIN);
    refuse(
        &dir,
        &[
            "sweep",
            "plain.toml",
            "--runs",
            "50",
            "--vary",
            "lifeline.probability=0:1:1000",
            "--vary",
            "iran.resilience=0:1:1000",
            "--vary",
            "us.pressure=0:1:1000",
        ],
        &["1000000000 points", "--max-points"],
    );
}

#[test]
fn max_points_decides_a_moderate_grid() {
    let dir = TempDir::new("max-points");
    dir.write("plain.toml", PLAIN);
    let grid = [
        "sweep",
        "plain.toml",
        "--runs",
        "10",
        "--vary",
        "lifeline.probability=0,1",
        "--vary",
        "us.policy=maximum_pressure,pressure_and_engage,engagement",
        "--max-points",
    ];
    let mut five = grid.to_vec();
    five.push("5");
    refuse(&dir, &five, &["6 points", "--max-points 5"]);

    let mut six = grid.to_vec();
    six.push("6");
    let out = dir.run(&six);
    out.success();
    let csv = common::Csv::parse(&out.stdout);
    out.check(csv.rows.len() == 6 * 4, "expected 6 points x 4 outcomes");
    out.check(
        csv.column("point").last() == Some(&"5"),
        "expected points 0..=5",
    );
}

// ---- Output paths ---------------------------------------------------------

#[test]
fn out_in_a_missing_directory() {
    let dir = TempDir::new("out-missing");
    refuse(
        &dir,
        &["run", "--runs", "50", "--out", "no-such-dir/a.csv"],
        &["no-such-dir/a.csv", "cannot write"],
    );
    refuse(
        &dir,
        &["run", "--runs", "50", "--per-run", "no-such-dir/runs.csv"],
        &["no-such-dir/runs.csv", "cannot write"],
    );
    refuse(
        &dir,
        &["trace", "--seed", "7", "--csv", "no-such-dir/t.csv"],
        &["no-such-dir/t.csv", "cannot write"],
    );
}

#[test]
fn out_is_a_directory() {
    let dir = TempDir::new("out-dir");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    refuse(
        &dir,
        &["run", "--runs", "50", "--out", "sub"],
        &["`sub`", "directory"],
    );
    refuse(
        &dir,
        &["run", "--runs", "50", "--per-run", "sub"],
        &["`sub`", "directory"],
    );
    assert!(
        std::fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .next()
            .is_none()
    );
}

#[test]
fn bad_per_run_path_leaves_no_summary_file() {
    // --out is opened (as a temporary) before --per-run fails: it must go.
    let dir = TempDir::new("out-partial");
    refuse(
        &dir,
        &[
            "run",
            "--runs",
            "50",
            "--out",
            "a.csv",
            "--per-run",
            "no-such-dir/runs.csv",
        ],
        &["no-such-dir/runs.csv"],
    );
}

#[test]
fn out_and_per_run_naming_the_same_file() {
    // However the two paths are spelt: the run would otherwise write both
    // into one file and fail at the end.
    let dir = TempDir::new("out-same");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    dir.write("a.csv", "precious\n");
    let absolute = dir.join("a.csv");
    for other in ["a.csv", "./a.csv", "sub/../a.csv", absolute.as_str()] {
        refuse(
            &dir,
            &["run", "--runs", "50", "--out", "a.csv", "--per-run", other],
            &["--out `a.csv`", "--per-run", "same file"],
        );
        refuse(
            &dir,
            &["run", "--runs", "50", "--out", other, "--per-run", "a.csv"],
            &["--out", "--per-run `a.csv`", "same file"],
        );
    }
    assert_eq!(dir.read("a.csv"), "precious\n");
}

#[test]
fn an_existing_out_file_survives_a_refused_run() {
    let dir = TempDir::new("out-keep");
    dir.write("a.csv", "precious\n");
    let out = dir.run(&["run", "--runs", "0", "--out", "a.csv"]);
    assert_refused(&out, &["--runs"]);
    assert_eq!(dir.read("a.csv"), "precious\n");
    assert_eq!(dir.entries().len(), 1, "{:?}", dir.entries());
}

// ---- [uncertainty] tables and the uncertainty verbs --------------------------

/// A bad `[uncertainty]` table: `run`, `check`, `explore` and `sensitivity`
/// all refuse it with the same line, naming the file, line, key and range,
/// and leave no output file.
#[track_caller]
fn refuse_uncertain(text: &str, line: usize, fragments: &[&str]) {
    let out = refuse_file(text, line, fragments);
    let dir = TempDir::new("bad-uncertain");
    let file = dir.write("bad.toml", text);
    for verb in ["explore", "sensitivity"] {
        let again = refuse(&dir, &[verb, &file, "--out", "out.csv"], fragments);
        again.check(
            again.stderr == out.stderr,
            format!("`{verb}` and `run` disagree; run said:\n{}", out.stderr),
        );
    }
}

#[test]
fn uncertainty_unknown_key() {
    refuse_uncertain(
        "[scenario]\nname = \"x\"\n[uncertainty]\n\"deal.concesion_cost\" = { low = 0.2, high = 0.4 }\n",
        4,
        &[
            "key `uncertainty.deal.concesion_cost`",
            "did you mean `deal.concession_cost`?",
        ],
    );
}

#[test]
fn uncertainty_low_above_high() {
    refuse_uncertain(
        "[uncertainty]\n\"deal.concession_cost\" = { low = 0.4, high = 0.2 }\n",
        2,
        &[
            "key `uncertainty.deal.concession_cost`",
            "low 0.4 > high 0.2",
        ],
    );
}

#[test]
fn uncertainty_outside_the_keys_range() {
    refuse_uncertain(
        "[uncertainty]\n\"iran.resilience\" = { dist = \"triangular\", low = 0.3, mode = 0.5, high = 1.2 }\n",
        2,
        &[
            "key `uncertainty.iran.resilience`",
            "high = 1.2 is outside the key's range",
            "a number in [0, 1]",
        ],
    );
    refuse_uncertain(
        "[uncertainty]\n\"scenario.rounds\" = { low = 12, high = 2000 }\n",
        2,
        &["high = 2000", "an integer in [1, 1200]"],
    );
}

#[test]
fn uncertainty_empty_table() {
    refuse_uncertain(
        "[scenario]\nname = \"x\"\n\n[uncertainty]\n",
        4,
        &["key `uncertainty`", "the [uncertainty] table is empty"],
    );
}

#[test]
fn uncertainty_bad_distributions() {
    refuse_uncertain(
        "[uncertainty]\n\"iran.leverage\" = { dist = \"normal\", mean = 0.3 }\n",
        2,
        &["key `uncertainty.iran.leverage`", "needs `sd`"],
    );
    refuse_uncertain(
        "[uncertainty]\n\"iran.leverage\" = { low = 0.1, hi = 0.3 }\n",
        2,
        &["unknown field `hi`", "did you mean `high`?"],
    );
    refuse_uncertain(
        "[uncertainty]\n\"us.policy\" = { low = 0.1, high = 0.3 }\n",
        2,
        &["key `uncertainty.us.policy`", "list of choices"],
    );
    refuse_uncertain(
        "[uncertainty]\n\"us.policy\" = [\"maximum_pressure\", \"engagment\"]\n",
        2,
        &["unknown value `engagment`", "did you mean `engagement`?"],
    );
    refuse_uncertain(
        "[uncertainty]\n\"iran.leverage\" = 0.3\n",
        2,
        &["takes a distribution"],
    );
}

#[test]
fn uncertainty_verbs_refuse_bad_arguments() {
    let dir = TempDir::new("bad-uncertainty-args");
    refuse(
        &dir,
        &["sensitivity", "--function", "rosenbrock"],
        &["rosenbrock", "ishigami"],
    );
    refuse(
        &dir,
        &[
            "sensitivity",
            "--function",
            "ishigami",
            "--method",
            "morris",
            "--levels",
            "5",
            "--out",
            "o.csv",
        ],
        &["--levels", "even"],
    );
    refuse(
        &dir,
        &[
            "sensitivity",
            "--function",
            "ishigami",
            "--samples",
            "1",
            "--out",
            "o.csv",
        ],
        &["--samples"],
    );
    refuse(
        &dir,
        &[
            "sensitivity",
            "baseline-2025-uncertain",
            "--runs",
            "2",
            "--out",
            "o.csv",
        ],
        &["at least 3 runs"],
    );
    refuse(
        &dir,
        &[
            "explore",
            "baseline-2025-uncertain",
            "--design",
            "grid",
            "--out",
            "o.csv",
        ],
        &["grid", "lhs, sobol or random"],
    );
    refuse(
        &dir,
        &[
            "explore",
            "baseline-2025-uncertain",
            "--samples",
            "0",
            "--out",
            "o.csv",
        ],
        &["--samples"],
    );
    refuse(
        &dir,
        &["explore", "baseline-2025-uncertain", "--shard", "0/2"],
        &["--shard writes a part"],
    );
    refuse(
        &dir,
        &[
            "explore",
            "equilibrium-2025",
            "--uncertain-defaults",
            "--out",
            "o.csv",
        ],
        &["equilibrium"],
    );
    refuse(&dir, &["run", "--uncertain-defaults"], &["--uncertain"]);
    refuse(
        &dir,
        &["sensitivity", "--function", "ishigami", "--runs", "5"],
        &["--runs"],
    );
}

#[test]
fn discover_refuses_bad_samples() {
    let dir = TempDir::new("bad-discover");
    dir.write(
        "s.csv",
        "sample,a,b,y\n0,0.1,1,0.5\n1,0.2,2,0.7\n2,0.3,x,0.1\n",
    );
    let args = |file: &'static str, outcome: &'static str| -> Vec<&'static str> {
        vec![
            "discover",
            file,
            "--outcome",
            outcome,
            "--threshold",
            "0.4",
            "--out",
            "t.csv",
        ]
    };
    let out = refuse(
        &dir,
        &args("s.csv", "deal"),
        &[
            "s.csv:1:1",
            "key `deal`",
            "no column `deal`",
            "sample, a, b, y",
        ],
    );
    assert_position(&out, "s.csv", 1);
    dir.write("n.csv", "a,y\n0.1,0.5\n0.2,high\n");
    let out = refuse(
        &dir,
        &args("n.csv", "y"),
        &["key `y`", "`high` is not a number"],
    );
    assert_position(&out, "n.csv", 3);
    dir.write("h.csv", "a,y\n");
    refuse(&dir, &args("h.csv", "y"), &["no samples"]);
    dir.write("c.csv", "name,y\nx,0.5\nz,0.1\n");
    refuse(&dir, &args("c.csv", "y"), &["no numeric input columns"]);
    refuse(
        &dir,
        &args("s.csv", "a"),
        &["none of the 3 samples have a > 0.4", "from 0.1 to 0.3"],
    );
    refuse(
        &dir,
        &args("missing.csv", "y"),
        &["missing.csv", "cannot read"],
    );
    let mut bad = args("s.csv", "y");
    bad.extend(["--peel-alpha", "0.7"]);
    refuse(&dir, &bad, &["--peel-alpha must be in (0, 0.5)"]);
    let mut bad = args("s.csv", "y");
    bad.extend(["--mass-min", "0"]);
    refuse(&dir, &bad, &["--mass-min"]);
    let mut bad = args("s.csv", "y");
    bad.extend(["--pick", "99"]);
    refuse(&dir, &bad, &["--pick 99"]);
    let mut bad = args("s.csv", "y");
    bad.extend(["--exclude", "zz"]);
    refuse(&dir, &bad, &["--exclude zz"]);
    refuse(
        &dir,
        &[
            "discover",
            "s.csv",
            "--outcome",
            "y",
            "--threshold",
            "nan",
            "--out",
            "t.csv",
        ],
        &["--threshold must be a finite number"],
    );
}
