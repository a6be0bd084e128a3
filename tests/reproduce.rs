//! Provenance (issue 11, class 7): `--out FILE` writes `FILE.meta.json`,
//! `catch22 reproduce` reruns it and checks the output byte for byte, and
//! `report` reads the manifest.

mod common;

use common::TempDir;
use serde_json::Value;

fn manifest(dir: &TempDir, out: &str) -> Value {
    serde_json::from_str(&dir.read(&format!("{out}.meta.json"))).unwrap()
}

/// Runs `args` (which write `out`), then `reproduce` on its manifest: exit 0.
fn round_trip(dir: &TempDir, args: &[&str], out: &str) -> Value {
    dir.run(args).success();
    let m = manifest(dir, out);
    let r = dir.run(&["reproduce", &format!("{out}.meta.json")]);
    r.success().stderr_has("identical");
    m
}

#[test]
fn run_round_trip_records_everything() {
    let dir = TempDir::new("repro-run");
    dir.write("s.toml", "[scenario]\nname = \"mine\"\nseed = 9\n");
    let m = round_trip(
        &dir,
        &[
            "run",
            "s.toml",
            "--runs",
            "300",
            "--set",
            "iran.leverage=0.4",
            "--per-run",
            "runs.csv",
            "--out",
            "a.csv",
        ],
        "a.csv",
    );
    assert_eq!(m["catch22_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(m["command"][0], "run");
    assert!(m["hash"].as_str().unwrap().starts_with("SHA-256"));
    assert!(m["started_utc"].as_str().unwrap().ends_with('Z'));
    assert!(m["wall_seconds"].as_f64().unwrap() >= 0.0);
    let outputs = m["outputs"].as_array().unwrap();
    assert_eq!(outputs[0]["flag"], "--out");
    assert_eq!(outputs[1]["flag"], "--per-run");
    assert_eq!(m["inputs"][0]["path"], "s.toml");
    let sc = &m["scenarios"][0];
    assert_eq!(sc["seed"], 9);
    assert_eq!(sc["runs"], 300);
    assert_eq!(sc["set"][0], "iran.leverage=0.4");
    assert_eq!(sc["resolved"]["iran.leverage"], 0.4);
    let keys = sc["resolved"].as_object().unwrap().len();
    assert_eq!(keys, catch22::scenario::SCHEMA.len(), "every key resolved");
    // The digests are those of the files.
    let sha = catch22::cli::manifest::sha256_hex(dir.read("a.csv").as_bytes());
    assert_eq!(outputs[0]["sha256"], sha.as_str());
}

#[test]
fn sweep_compare_and_tournament_round_trip() {
    let dir = TempDir::new("repro-more");
    round_trip(
        &dir,
        &[
            "sweep",
            "--vary",
            "lifeline.probability=0,0.2",
            "--runs",
            "200",
            "--out",
            "s.csv",
        ],
        "s.csv",
    );
    let m = round_trip(
        &dir,
        &[
            "compare",
            "baseline-2025",
            "baseline-2025",
            "--set-b",
            "us.pressure=0.6",
            "--runs",
            "200",
            "--out",
            "c.csv",
        ],
        "c.csv",
    );
    assert_eq!(m["scenarios"][1]["role"], "b");
    assert_eq!(m["scenarios"][1]["set"][0], "us.pressure=0.6");
    let basic = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/tournaments/basic.toml"
    );
    let m = round_trip(
        &dir,
        &["tournament", basic, "--matches", "m.csv", "--out", "t.csv"],
        "t.csv",
    );
    assert_eq!(m["settings"]["seed"], 1);
}

#[test]
fn a_changed_output_is_named_with_its_first_differing_line() {
    let dir = TempDir::new("repro-diff");
    dir.run(&["run", "--runs", "100", "--out", "a.csv"])
        .success();
    let text = dir.read("a.csv");
    let mut lines: Vec<&str> = text.lines().collect();
    let changed = lines[3].replacen(',', ",9", 1);
    lines[3] = &changed;
    dir.write("a.csv", &(lines.join("\n") + "\n"));
    let r = dir.run(&["reproduce", "a.csv.meta.json"]);
    r.check(r.code() == Some(1), "expected exit code 1")
        .stderr_has("differs from the rerun at line 4");
    // A changed input: exit 1 too, naming it.
    dir.write("s.toml", "[scenario]\nname = \"x\"\n");
    dir.run(&["run", "s.toml", "--runs", "50", "--out", "b.csv"])
        .success();
    dir.write("s.toml", "[scenario]\nname = \"y\"\n");
    let r = dir.run(&["reproduce", "b.csv.meta.json"]);
    r.check(r.code() == Some(1), "expected exit code 1")
        .stderr_has("s.toml");
}

#[test]
fn bad_manifests_exit_2() {
    let dir = TempDir::new("repro-bad");
    dir.write("x.meta.json", "{ not json");
    dir.run(&["reproduce", "x.meta.json"])
        .refused("x.meta.json:1:");
    dir.write("y.meta.json", "{\"catch22_manifest\": 7}");
    dir.run(&["reproduce", "y.meta.json"])
        .refused("y.meta.json");
    dir.run(&["reproduce", "none.meta.json"])
        .refused("none.meta.json");
    dir.run(&["run", "--runs", "50", "--out", "a.csv"])
        .success();
    let text = dir.read("a.csv.meta.json").replace("\"run\"", "\"runn\"");
    dir.write("z.meta.json", &text);
    dir.run(&["reproduce", "z.meta.json"])
        .refused("does not parse");
}

/// Adversarial finding: the manifest was the one input read without the
/// input layer's size bound (`reproduce /dev/zero` read until memory ran
/// out), nor its byte-order mark and CRLF handling. Now it is read as every
/// input is: bounded, a manifest saved by a Windows editor reads, and a
/// bad byte is one error line, exit 2.
#[test]
fn a_manifest_is_read_as_every_input_is() {
    let dir = TempDir::new("repro-input-layer");
    dir.run(&["run", "--runs", "50", "--out", "a.csv", "-q"])
        .success();
    let text = dir.read("a.csv.meta.json");
    dir.write(
        "w.meta.json",
        &format!("\u{feff}{}", text.replace('\n', "\r\n")),
    );
    std::fs::copy(dir.path().join("a.csv"), dir.path().join("w")).unwrap();
    dir.run(&["reproduce", "w.meta.json"])
        .success()
        .stderr_has("identical");
    std::fs::write(
        dir.path().join("b.meta.json"),
        b"{\"catch22_manifest\": \xff}",
    )
    .unwrap();
    dir.run(&["reproduce", "b.meta.json"])
        .refused("b.meta.json: cannot read the manifest: it is not UTF-8");
}

#[test]
fn no_meta_writes_none_and_stdout_gets_none() {
    let dir = TempDir::new("repro-nometa");
    dir.run(&["run", "--runs", "50", "--out", "a.csv", "--no-meta"])
        .success();
    assert!(!dir.exists("a.csv.meta.json"));
    dir.run(&["run", "--runs", "50"]).success();
    assert_eq!(
        dir.entries().into_iter().collect::<Vec<_>>(),
        ["a.csv"],
        "standard output has no manifest"
    );
}

#[test]
fn report_reads_the_manifest() {
    let dir = TempDir::new("repro-report");
    dir.run(&[
        "run",
        "--runs",
        "100",
        "--seed",
        "77",
        "--set",
        "iran.leverage=0.4",
        "--out",
        "a.csv",
    ])
    .success();
    let page = dir.run(&["report", "a.csv", "-q"]);
    page.success();
    assert!(!page.stdout.contains("not recorded"), "{}", page.stdout);
    assert!(page.stdout.contains("<td>seed</td><td><code>77</code>"));
    assert!(page.stdout.contains("baseline-2025 with iran.leverage=0.4"));
    assert!(page.stdout.contains("catch22 reproduce a.csv.meta.json"));
    // Without a manifest, the page says so.
    dir.run(&["run", "--runs", "100", "--out", "b.csv", "--no-meta"])
        .success();
    let page = dir.run(&["report", "b.csv", "-q"]);
    assert!(page.stdout.contains("not recorded: no manifest"));
}
