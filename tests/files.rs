//! Output files (issue 11, class 5): interrupted runs leave no temporary,
//! the outputs of one command are committed together or not at all, and no
//! verb writes over one of its inputs, however the path is spelt.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{BIN, Output, TempDir, command_line};

/// A scenario with nothing but a name.
const PLAIN: &str = "[scenario]\nname = \"plain\"\n";

fn repo_file(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// Runs `catch22 ARGS` in `dir` with standard output sent to `stdout`.
fn run_to(dir: &TempDir, args: &[&str], stdout: &str) -> Output {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(stdout)
        .unwrap();
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(file)
        .output()
        .unwrap();
    Output {
        cmd: format!("{} > {stdout}", command_line(args)),
        dir: dir.path().to_path_buf(),
        status: out.status,
        stdout: String::new(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

// ---- signals ----------------------------------------------------------------

/// Starts a long run writing a summary and a per-run file, waits until its
/// temporaries exist, sends `signal`, and checks the exit code and that no
/// file is left.
#[cfg(unix)]
fn interrupted_run_leaves_nothing(signal: &str, code: i32) {
    let dir = TempDir::new(&format!("signal-{signal}"));
    let args = [
        "run",
        "--runs",
        "100000000",
        "--threads",
        "1",
        "--out",
        "summary.csv",
        "--per-run",
        "runs.csv",
        "-q",
    ];
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while dir.entries().len() < 2 {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no temporaries appeared: {:?}",
            dir.entries()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Let the per-run temporary grow a little.
    std::thread::sleep(Duration::from_millis(300));
    let kill = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    let stderr = common::read_stderr(&mut child);
    assert_eq!(
        status.code(),
        Some(code),
        "{} after SIG{signal}: {status}, stderr {stderr}",
        command_line(&args)
    );
    assert!(
        dir.entries().is_empty(),
        "left behind after SIG{signal}: {:?}",
        dir.entries()
    );
}

#[cfg(unix)]
#[test]
fn sigint_removes_the_temporaries_and_exits_130() {
    interrupted_run_leaves_nothing("INT", 130);
}

#[cfg(unix)]
#[test]
fn sigterm_removes_the_temporaries_and_exits_143() {
    interrupted_run_leaves_nothing("TERM", 143);
}

// ---- --out over an input, per verb ----------------------------------------

/// The inputs every verb below reads, written in `dir`.
fn inputs(dir: &TempDir) {
    dir.write("s.toml", PLAIN);
    dir.write(
        "g.toml",
        &repo_file("scenarios/games/prisoners-dilemma.toml"),
    );
    dir.write("t.toml", &repo_file("scenarios/tournaments/basic.toml"));
    dir.write("e.toml", &repo_file("scenarios/evolution/hawk-dove.toml"));
    dir.write(
        "x.csv",
        "sample,a,deal\n0,0.1,0.2\n1,0.5,0.6\n2,0.9,0.8\n3,0.3,0.1\n",
    );
    dir.run(&["run", "s.toml", "--runs", "20", "--out", "a.csv", "-q"])
        .success();
    dir.run(&["run", "s.toml", "--runs", "30", "--out", "b.csv", "-q"])
        .success();
    dir.run(&[
        "run", "s.toml", "--runs", "20", "--shard", "0/1", "--out", "p.csv", "-q",
    ])
    .success();
}

/// Every verb with an output flag, writing over one of its inputs (named
/// `{}`) through that flag.
const OVER_INPUT: &[(&str, &[&str])] = &[
    ("s.toml", &["run", "s.toml", "--runs", "5", "--out", "{}"]),
    (
        "s.toml",
        &["run", "s.toml", "--runs", "5", "--per-run", "{}"],
    ),
    (
        "s.toml",
        &[
            "sweep",
            "s.toml",
            "--vary",
            "iran.resilience=0.3,0.4",
            "--runs",
            "5",
            "--out",
            "{}",
        ],
    ),
    ("s.toml", &["trace", "s.toml", "--csv", "{}"]),
    ("p.csv", &["merge", "p.csv", "--out", "{}"]),
    ("b.csv", &["compare", "a.csv", "b.csv", "--out", "{}"]),
    ("a.csv", &["report", "a.csv", "--out", "{}"]),
    (
        "s.toml",
        &["report", "s.toml", "--runs", "5", "--out", "{}"],
    ),
    ("g.toml", &["solve", "g.toml", "--out", "{}"]),
    (
        "s.toml",
        &[
            "explain",
            "s.toml",
            "--runs",
            "4",
            "--map-steps",
            "2",
            "--map-out",
            "{}",
        ],
    ),
    (
        "s.toml",
        &["export-nfg", "s.toml", "--runs", "4", "--out", "{}"],
    ),
    (
        "s.toml",
        &["stage-game", "s.toml", "--runs", "4", "--out", "{}"],
    ),
    ("s.toml", &["solve-policy", "s.toml", "--out", "{}"]),
    (
        "t.toml",
        &[
            "match",
            "TitForTat",
            "Defector",
            "--game",
            "t.toml",
            "--out",
            "{}",
        ],
    ),
    ("t.toml", &["tournament", "t.toml", "--out", "{}"]),
    (
        "t.toml",
        &["tournament", "t.toml", "--out", "x.csv", "--matches", "{}"],
    ),
    ("e.toml", &["moran", "e.toml", "--runs", "5", "--out", "{}"]),
    ("e.toml", &["replicator", "e.toml", "--out", "{}"]),
    (
        "s.toml",
        &[
            "explore",
            "s.toml",
            "--uncertain-defaults",
            "--samples",
            "2",
            "--runs",
            "2",
            "--out",
            "{}",
        ],
    ),
    (
        "s.toml",
        &[
            "sensitivity",
            "s.toml",
            "--uncertain-defaults",
            "--samples",
            "2",
            "--runs",
            "3",
            "--out",
            "{}",
        ],
    ),
    (
        "x.csv",
        &[
            "discover",
            "x.csv",
            "--outcome",
            "deal",
            "--threshold",
            "0.3",
            "--out",
            "{}",
        ],
    ),
];

#[test]
fn no_verb_writes_over_its_input() {
    let dir = TempDir::new("over-input");
    inputs(&dir);
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let before = dir.entries();
    let contents: Vec<(String, String)> = before
        .iter()
        .filter(|n| n.contains('.'))
        .map(|n| (n.clone(), dir.read(n)))
        .collect();
    for (input, args) in OVER_INPUT {
        let mut spellings = vec![
            format!("./{input}"),
            format!("sub/../{input}"),
            dir.join(input),
        ];
        #[cfg(unix)]
        {
            let link = format!("link-{input}");
            if !dir.exists(&link) {
                std::os::unix::fs::symlink(input, dir.path().join(&link)).unwrap();
                std::fs::hard_link(
                    dir.path().join(input),
                    dir.path().join(format!("hard-{input}")),
                )
                .unwrap();
            }
            spellings.push(link);
            spellings.push(format!("hard-{input}"));
        }
        for spelt in &spellings {
            let args: Vec<&str> = args
                .iter()
                .map(|a| if *a == "{}" { spelt.as_str() } else { a })
                .collect();
            dir.run(&args).refused("is the input");
        }
    }
    for (name, text) in &contents {
        assert_eq!(&dir.read(name), text, "{name} changed");
    }
    let after: Vec<String> = dir
        .entries()
        .into_iter()
        .filter(|n| !n.starts_with("link-") && !n.starts_with("hard-"))
        .collect();
    assert_eq!(after, before.into_iter().collect::<Vec<_>>());
}

// ---- outputs committed together ------------------------------------------

#[cfg(target_os = "linux")]
#[test]
fn side_outputs_are_not_kept_when_the_main_output_fails() {
    // /dev/full accepts the open and fails every write (ENOSPC).
    let dir = TempDir::new("side-outputs");
    inputs(&dir);
    let before = dir.entries();
    for args in [
        &[
            "run",
            "s.toml",
            "--runs",
            "50",
            "--per-run",
            "r.csv",
            "--out",
            "/dev/full",
        ][..],
        &[
            "tournament",
            "t.toml",
            "--matches",
            "m.csv",
            "--out",
            "/dev/full",
        ],
        &["report", "a.csv", "--svg", "charts", "--out", "/dev/full"],
    ] {
        let out = dir.run(args);
        out.check(out.code() == Some(2), "expected exit code 2")
            .stderr_has("/dev/full");
        assert_eq!(dir.entries(), before, "{}", command_line(args));
    }
    // The main output on standard output, which fails.
    for args in [
        &["trace", "s.toml", "--csv", "t.csv"][..],
        &[
            "explain",
            "s.toml",
            "--runs",
            "4",
            "--map-steps",
            "2",
            "--map-out",
            "m.csv",
        ],
        &["run", "s.toml", "--runs", "50", "--per-run", "r.csv"],
    ] {
        let out = run_to(&dir, args, "/dev/full");
        out.check(out.code() == Some(2), "expected exit code 2")
            .stderr_has("error: cannot write to standard output: No space left on device");
        assert_eq!(dir.entries(), before, "{}", command_line(args));
    }
}

#[test]
fn report_svg_leaves_nothing_on_bad_input() {
    let dir = TempDir::new("svg-bad");
    dir.write("bad.csv", "scenario,point\nx,0\n");
    for args in [
        &["report", "bad.csv", "--svg", "charts"][..],
        &[
            "report",
            "bad.csv",
            "--svg",
            "deep/charts",
            "--out",
            "r.html",
        ],
        &["report", "no-such.toml", "--svg", "charts"],
    ] {
        let out = dir.run(args);
        out.check(out.code() == Some(2), "expected exit code 2");
        assert_eq!(
            dir.entries().into_iter().collect::<Vec<_>>(),
            ["bad.csv"],
            "{}",
            command_line(args)
        );
    }
    dir.run(&["report", "s.toml", "--svg", ""]).refused("--svg");
    dir.write("file", "x");
    dir.run(&["report", "bad.csv", "--svg", "file/charts"])
        .refused("not a directory");
}

#[test]
fn report_svg_writes_its_directory_with_the_page() {
    let dir = TempDir::new("svg-ok");
    dir.write("s.toml", PLAIN);
    dir.run(&[
        "report", "s.toml", "--runs", "20", "--svg", "a/b", "--out", "r.html", "-q",
    ])
    .success();
    assert!(dir.exists("r.html"));
    let svgs = std::fs::read_dir(dir.path().join("a/b")).unwrap().count();
    assert!(svgs > 0);
}

#[cfg(unix)]
#[test]
fn per_run_to_standard_output_is_refused_while_the_summary_goes_there() {
    let dir = TempDir::new("per-run-stdout");
    for path in ["-", "/dev/stdout", "/proc/self/fd/1"] {
        let out = dir.run(&["run", "--runs", "5", "--per-run", path]);
        out.refused("standard output");
    }
    // With the summary in a file, the per-run rows may stream to standard output.
    let out = dir.run(&[
        "run",
        "--runs",
        "5",
        "--per-run",
        "-",
        "--out",
        "s.csv",
        "-q",
    ]);
    out.success();
    assert_eq!(out.stdout.lines().count(), 6, "{out}");
}

#[cfg(unix)]
#[test]
fn out_through_a_symbolic_link_writes_the_file_it_points_to() {
    let dir = TempDir::new("symlink");
    dir.write("real.csv", "old\n");
    std::os::unix::fs::symlink("real.csv", dir.path().join("link.csv")).unwrap();
    dir.run(&["run", "--runs", "5", "--out", "link.csv", "-q"])
        .success();
    let meta = std::fs::symlink_metadata(dir.path().join("link.csv")).unwrap();
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    assert!(dir.read("real.csv").starts_with("scenario,point,outcome"));
}

/// Adversarial finding: `--out /dev/stdout` (or `/dev/fd/1`,
/// `/proc/self/fd/1`) was followed to what standard output is and renamed
/// over: into a pipe it failed ("No such file or directory"); redirected to
/// a file it replaced that file, losing what the shell wrote before and
/// after; and it wrote a manifest `/dev/stdout.meta.json`. A path naming an
/// open descriptor is now written through the descriptor, with no manifest.
#[cfg(target_os = "linux")]
#[test]
fn out_to_an_open_descriptor_writes_through_it() {
    let dir = TempDir::new("out-descriptor");
    for path in ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"] {
        // Into a pipe.
        let out = dir.run(&["run", "--runs", "5", "--out", path, "-q"]);
        out.success();
        out.check(
            out.stdout.starts_with("scenario,point,outcome"),
            "the summary",
        );
        out.check(out.stdout.lines().count() == 5, "the summary, once");
        // Into a file the shell opened for appending, with text before.
        dir.write("log.txt", "before\n");
        let inode = |d: &TempDir| {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(d.path().join("log.txt")).unwrap().ino()
        };
        let before = inode(&dir);
        let file = std::fs::OpenOptions::new()
            .append(true)
            .open(dir.path().join("log.txt"))
            .unwrap();
        let status = Command::new(BIN)
            .args(["run", "--runs", "5", "--out", path, "-q"])
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(file)
            .status()
            .unwrap();
        assert!(status.success(), "{path}: {status}");
        assert_eq!(inode(&dir), before, "{path}: the file was replaced");
        let log = dir.read("log.txt");
        assert!(
            log.starts_with("before\nscenario,point,outcome"),
            "{path}: {log}"
        );
        assert_eq!(log.lines().count(), 6, "{path}: {log}");
    }
    let entries = dir.entries();
    assert!(
        entries.iter().all(|e| !e.ends_with(".meta.json")),
        "{entries:?}"
    );
    assert!(!Path::new("/dev/stdout.meta.json").exists());
}
