//! A command line that fits its ecosystem (issue 11, class 6): completions,
//! a man page, examples in every `--help`, shared flags everywhere they
//! make sense, suggestions and complete one-line usage errors.

mod common;

use clap::CommandFactory;
use common::TempDir;

/// Every verb, as clap knows them.
fn verbs() -> Vec<String> {
    catch22::cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

#[test]
fn completions_for_every_shell() {
    let dir = TempDir::new("completions");
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef catch22"),
        ("fish", "complete -c catch22"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion"),
    ] {
        let out = dir.run(&["completions", shell]);
        out.success().stdout_has(marker);
        for verb in verbs() {
            out.stdout_has(&verb);
        }
    }
    dir.run(&["completions", "tcsh"])
        .refused("possible values: bash, zsh, fish, powershell, elvish");
}

#[test]
fn man_pages_for_the_program_and_every_verb() {
    let dir = TempDir::new("man");
    let out = dir.run(&["man"]);
    out.success().stdout_has(".TH catch22 1");
    dir.run(&["man", "--dir", "man1", "-q"]).success();
    for verb in verbs() {
        let page = dir.read(&format!("man1/catch22-{verb}.1"));
        assert!(page.contains(".TH catch22-"), "{verb}");
        assert!(
            page.contains("Examples:"),
            "catch22-{verb}.1 has no examples"
        );
    }
    assert!(dir.exists("man1/catch22.1"));
}

#[test]
fn every_verb_has_examples_and_the_shared_flags() {
    let dir = TempDir::new("help");
    for verb in verbs() {
        let help = dir.run(&[&verb, "--help"]);
        help.success().stdout_has("Examples:\n  catch22 ");
        if verb == "serve" {
            // A server writes no file, and the URL it prints is its output.
            continue;
        }
        help.stdout_has("-q, --quiet");
        if verb != "reproduce" {
            help.stdout_has("--out <PATH>").stdout_has("--no-meta");
        }
    }
    // --seed and --threads wherever randomness or parallel work enter.
    for verb in [
        "run",
        "sweep",
        "compare",
        "report",
        "explain",
        "export-nfg",
        "stage-game",
    ] {
        dir.run(&[verb, "--help"])
            .stdout_has("--seed <S>")
            .stdout_has("--threads <N>");
    }
    for verb in ["trace", "match"] {
        dir.run(&[verb, "--help"]).stdout_has("--seed <S>");
    }
    for verb in ["tournament", "moran"] {
        dir.run(&[verb, "--help"])
            .stdout_has("--seed <S>")
            .stdout_has("--threads <N>");
    }
    for verb in [
        "run", "sweep", "merge", "compare", "solve", "explain", "trace",
    ] {
        dir.run(&[verb, "--help"]).stdout_has("--format <FORMAT>");
    }
    // `run` is one point: no grid cap.
    dir.run(&["run", "--max-points", "5"])
        .refused("unexpected argument '--max-points'");
}

#[test]
fn usage_errors_are_one_complete_line() {
    let dir = TempDir::new("usage");
    dir.run(&["runn"])
        .refused("similar subcommand exists: 'run'");
    dir.run(&["compare"])
        .refused("required arguments were not provided: <A>, <B>");
    dir.run(&["run", "--format", "xlsx"])
        .refused("[possible values: csv, table, json]");
    dir.run(&["solve", "g.toml", "--format", "xlsx"])
        .refused("[possible values: text, csv, json]");
    dir.run(&["run", "--quite"]).refused("--quiet");
}

#[test]
fn sweep_defaults_to_the_baseline_like_run() {
    let dir = TempDir::new("sweep-default");
    let out = dir.run(&["sweep", "--vary", "iran.leverage=0.2,0.3", "--runs", "50"]);
    out.success().stdout_has("baseline-2025,1,0.3,");
    dir.run(&["sweep", "--runs", "50"])
        .refused("nothing to sweep");
}

#[test]
fn match_and_tournament_seeds() {
    let dir = TempDir::new("seeds");
    let args = ["match", "TitForTat", "Random(0.5)", "--repetitions", "3"];
    let default = dir.run(&args);
    let one = dir.run(&[&args[..], &["--seed", "1"]].concat());
    let two = dir.run(&[&args[..], &["--seed", "2"]].concat());
    assert_eq!(default.stdout, one.stdout, "match defaults to seed 1");
    assert_ne!(one.stdout, two.stdout);
    let basic = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/tournaments/basic.toml"
    );
    let file_seed = dir.run(&["tournament", basic, "-q"]);
    let same = dir.run(&["tournament", basic, "--seed", "1", "-q"]);
    let other = dir.run(&["tournament", basic, "--seed", "5", "-q"]);
    assert_eq!(file_seed.stdout, same.stdout);
    assert_ne!(file_seed.stdout, other.stdout);
}

#[test]
fn quiet_silences_every_verb() {
    let dir = TempDir::new("quiet");
    for args in [
        &["run", "--runs", "20", "-q"][..],
        &[
            "sweep",
            "--vary",
            "iran.leverage=0.2,0.3",
            "--runs",
            "20",
            "-q",
        ],
        &["check", "baseline-2025", "-q"],
        &["list", "-q"],
        &["trace", "-q"],
    ] {
        let out = dir.run(args);
        out.success();
        assert!(out.stderr.is_empty(), "{out}");
    }
}

#[test]
fn one_table_model_three_formats() {
    let dir = TempDir::new("formats");
    let basic = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/tournaments/basic.toml"
    );
    let hawk = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/evolution/hawk-dove.toml"
    );
    for args in [
        &["tournament", basic][..],
        &["moran", hawk, "--runs", "200"],
        &["match", "TitForTat", "Defector", "--repetitions", "3"],
        &["run", "--runs", "100"],
    ] {
        let csv = dir.run(&[args, &["-q"]].concat());
        csv.success();
        let rows = csv.stdout.lines().count() - 1;
        let json = dir.run(&[args, &["-q", "--format", "json"]].concat());
        json.success();
        let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
        assert_eq!(v.as_array().unwrap().len(), rows, "{}", json.stdout);
        let header: Vec<&str> = csv.stdout.lines().next().unwrap().split(',').collect();
        let first = v[0].as_object().unwrap();
        assert_eq!(first.keys().map(String::as_str).collect::<Vec<_>>(), header);
        let table = dir.run(&[args, &["-q", "--format", "table"]].concat());
        table.success();
        assert_eq!(table.stdout.lines().count(), rows + 2, "{}", table.stdout);
    }
}
