//! `catch22 serve`: every endpoint of the JSON API against the CLI verb it
//! mirrors (the same bytes, or the same records), bad input, the caps, the
//! security checks and concurrent clients. The server runs as a process on
//! a free loopback port; a small HTTP/1.1 client talks to it.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStderr, Command, Stdio};

use common::{BIN, TempDir, catch22_in, scenario_file};
use serde_json::Value;

/// A server process, stopped on drop.
struct Served {
    child: Child,
    addr: String,
    _stderr: BufReader<ChildStderr>,
    dir: TempDir,
}

impl Served {
    fn start(extra: &[&str]) -> Served {
        let dir = TempDir::new("serve");
        let mut child = Command::new(BIN)
            .args(["serve", "--port", "0", "--threads", "2"])
            .args(extra)
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start catch22 serve");
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        stderr.read_line(&mut line).unwrap();
        let start = line
            .find("http://")
            .unwrap_or_else(|| panic!("no URL in {line:?}"));
        let addr = line[start + 7..].split('/').next().unwrap().to_string();
        Served {
            child,
            addr,
            _stderr: stderr,
            dir,
        }
    }

    fn get(&self, target: &str) -> Answer {
        self.request("GET", target, &[], b"")
    }

    fn post(&self, target: &str, body: &str) -> Answer {
        self.request("POST", target, &[], body.as_bytes())
    }

    fn request(&self, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        let mut head = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        s.write_all(head.as_bytes()).unwrap();
        s.write_all(body).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        Answer::parse(&raw)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn parse(raw: &[u8]) -> Answer {
        let text = String::from_utf8_lossy(raw);
        let (head, body) = text.split_once("\r\n\r\n").expect("a header block");
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Answer {
            status,
            headers,
            body: body.to_string(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    #[track_caller]
    fn ok(&self) -> &Answer {
        assert_eq!(self.status, 200, "{}", self.body);
        self
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    /// The error of a refusal with this status.
    #[track_caller]
    fn refused(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "{}", self.body);
        assert!(
            self.header("content-type")
                .unwrap()
                .starts_with("application/json")
        );
        let v = self.json();
        assert!(v["error"].is_string(), "{v}");
        v
    }

    /// The command the answer names, as words (the tests use no quoting).
    fn command(&self) -> Vec<String> {
        let c = self.header("x-catch22-command").expect("a command header");
        let words: Vec<String> = c.split(' ').map(str::to_string).collect();
        assert_eq!(words[0], "catch22", "{c}");
        words[1..].to_vec()
    }
}

/// Runs the command an answer names in `dir` and returns its output.
fn cli(dir: &TempDir, words: &[String]) -> String {
    let args: Vec<&str> = words.iter().map(String::as_str).collect();
    let out = catch22_in(dir.path(), &args);
    out.success();
    out.stdout
}

/// A JSON field holds the CSV field: the same text, or the same number.
#[track_caller]
fn same_field(v: &Value, field: &str, column: &str) {
    match v {
        Value::String(t) => assert_eq!(t, field, "column {column}"),
        Value::Number(n) => assert_eq!(
            n.as_f64(),
            field.parse::<f64>().ok(),
            "column {column}: {n} vs {field}"
        ),
        other => assert_eq!(other.to_string(), field, "column {column}"),
    }
}

#[test]
fn run_answers_the_bytes_of_run_format_json() {
    let s = Served::start(&[]);
    let a = s.get("/api/run?scenario=jcpoa-2015&runs=3000&seed=11&set=iran.resilience%3D0.5&set=us.policy=engagement");
    a.ok();
    let words = a.command();
    assert_eq!(
        words.join(" "),
        "run jcpoa-2015 --set iran.resilience=0.5 --set us.policy=engagement --runs 3000 --seed 11 --format json"
    );
    assert_eq!(a.body, cli(&s.dir, &words));
    // The default scenario, with its own runs and seed.
    let b = s.get("/api/run?runs=2000");
    b.ok();
    assert_eq!(b.body, cli(&s.dir, &b.command()));
    let rows = b.json();
    assert_eq!(rows.as_array().unwrap().len(), 4);
    assert_eq!(rows[0]["scenario"], "baseline-2025");
}

#[test]
fn sweep_compare_and_check_match_the_cli() {
    let s = Served::start(&[]);
    let a = s.get("/api/sweep?runs=1000&vary=lifeline.probability=0:0.5:3&vary=us.policy=maximum_pressure,engagement");
    a.ok();
    assert_eq!(a.body, cli(&s.dir, &a.command()));
    assert_eq!(a.json().as_array().unwrap().len(), 6 * 4);
    let c = s.get("/api/compare?runs=2000&seed=4&set_b=us.pressure=0.7");
    c.ok();
    assert_eq!(
        c.command().join(" "),
        "compare baseline-2025 baseline-2025 --runs 2000 --seed 4 --set-b us.pressure=0.7 --format json"
    );
    assert_eq!(c.body, cli(&s.dir, &c.command()));
    let k = s.get("/api/check?scenario=lifeline&set=iran.leverage=0.5");
    let v = k.ok().json();
    assert_eq!(v["values"]["iran.leverage"], 0.5);
    assert!(
        v["explicit"]
            .as_array()
            .unwrap()
            .contains(&Value::from("iran.leverage"))
    );
}

#[test]
fn an_uploaded_scenario_runs_as_the_file_does() {
    let s = Served::start(&[]);
    let text = std::fs::read_to_string(scenario_file("hardliner-surge")).unwrap();
    let a = s.post(
        "/api/run?name=surge.toml&runs=1500&set=lifeline.probability=0.2",
        &text,
    );
    a.ok();
    s.dir.write("surge.toml", &text);
    assert_eq!(a.command()[1], "surge.toml");
    assert_eq!(a.body, cli(&s.dir, &a.command()));
    // A scenario with a [sweep] table sweeps it.
    let swept = format!("{text}\n[sweep]\n\"iran.resilience\" = [0.3, 0.6]\n");
    let b = s.post("/api/sweep?name=swept.toml&runs=500", &swept);
    b.ok();
    s.dir.write("swept.toml", &swept);
    assert_eq!(b.body, cli(&s.dir, &b.command()));
}

#[test]
fn trace_holds_the_narration_and_the_csv_of_trace() {
    let s = Served::start(&[]);
    let a = s.get("/api/trace?scenario=jcpoa-2015&seed=3&run=2");
    let v = a.ok().json();
    let words = a.command();
    assert_eq!(words.join(" "), "trace jcpoa-2015 --seed 3 --run 2");
    assert_eq!(v["text"].as_str().unwrap(), cli(&s.dir, &words));
    let mut csv_words = words.clone();
    csv_words.extend(["--csv".to_string(), "-".to_string()]);
    let csv = cli(&s.dir, &csv_words);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), csv.lines().count() - 1);
    for (row, line) in rows.iter().zip(lines) {
        for (k, field) in header.iter().zip(line.split(',')) {
            same_field(&row[*k], field, k);
        }
    }
}

#[test]
fn explain_is_explain_format_json() {
    let s = Served::start(&[]);
    let a = s.get("/api/explain?runs=40&map_steps=5&seed=9");
    a.ok();
    assert_eq!(
        a.command().join(" "),
        "explain baseline-2025 --runs 40 --seed 9 --map-steps 5 --format json"
    );
    assert_eq!(a.body, cli(&s.dir, &a.command()));
}

#[test]
fn classic_games_match_the_cli() {
    let s = Served::start(&[]);
    let m = s.get("/api/match?a=TitForTat&b=Random&turns=50&noise=0.05&repetitions=3&seed=2");
    let v = m.ok().json();
    let cli_out: Value = serde_json::from_str(&cli(&s.dir, &m.command())).unwrap();
    assert_eq!(v["matches"], cli_out);
    assert_eq!(v["first"]["a"].as_str().unwrap().len(), 50);
    assert_eq!(v["first"]["payoff_a"].as_array().unwrap().len(), 50);
    let total: f64 = v["first"]["payoff_a"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .sum();
    assert_eq!(total, cli_out[0]["score_a"].as_f64().unwrap());

    let basic = std::fs::read_to_string(scenario_file("tournaments/basic")).unwrap();
    let t = s.post("/api/tournament?name=basic.toml&seed=5", &basic);
    t.ok();
    s.dir.write("basic.toml", &basic);
    assert_eq!(
        t.command().join(" "),
        "tournament basic.toml --seed 5 --format json"
    );
    assert_eq!(t.body, cli(&s.dir, &t.command()));

    let hd = std::fs::read_to_string(scenario_file("evolution/hawk-dove")).unwrap();
    let r = s.post("/api/replicator?name=hd.toml&steps=300&every=10", &hd);
    let rows = r.ok().json();
    s.dir.write("hd.toml", &hd);
    let csv = cli(&s.dir, &r.command());
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 31);
    for (row, line) in rows.iter().zip(lines) {
        for (k, field) in header.iter().zip(line.split(',')) {
            same_field(&row[*k], field, k);
        }
    }
}

#[test]
fn catalogs_list_what_is_shipped() {
    let s = Served::start(&[]);
    let sc = s.get("/api/scenarios").ok().json();
    let names: Vec<&str> = sc
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, catch22::scenario::shipped::names());
    let schema = s.get("/api/schema").ok().json();
    let keys = schema.as_array().unwrap();
    assert!(
        keys.iter()
            .any(|k| k["key"] == "iran.resilience" && k["kind"] == "float")
    );
    assert!(
        keys.iter()
            .any(|k| k["key"] == "us.policy" && k["kind"] == "choice")
    );
    let lessons = s.get("/api/lessons").ok().json();
    assert!(lessons.as_array().unwrap().len() >= 6);
    let ex = s.get("/api/examples").ok().json();
    assert!(
        ex.as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "teaching/axelrod.toml")
    );
}

#[test]
fn bad_parameters_name_the_key_and_range_as_the_cli_does() {
    let s = Served::start(&[]);
    let cli_error = |args: &[&str]| {
        let out = catch22_in(s.dir.path(), args);
        out.refused("");
        out.stderr
            .trim_end()
            .strip_prefix("error: ")
            .unwrap()
            .to_string()
    };
    let e = s.get("/api/run?set=iran.resilience=2").refused(400);
    assert_eq!(
        e["error"],
        cli_error(&["run", "--set", "iran.resilience=2"])
    );
    assert_eq!(e["key"], "iran.resilience");
    let e = s.get("/api/run?set=iran.resilence=0.2").refused(400);
    assert_eq!(
        e["error"],
        cli_error(&["run", "--set", "iran.resilence=0.2"])
    );
    let e = s.get("/api/run?runs=0").refused(400);
    assert_eq!(e["error"], cli_error(&["run", "--runs", "0"]));
    let e = s.get("/api/sweep?vary=iran.leverage=1:0").refused(400);
    assert_eq!(
        e["error"],
        cli_error(&["sweep", "--vary", "iran.leverage=1:0"])
    );
    let e = s.get("/api/run?rnus=5").refused(400);
    assert!(
        e["error"].as_str().unwrap().contains("did you mean `runs`"),
        "{e}"
    );
    let e = s.get("/api/match?a=TitForTat&b=Nobody").refused(400);
    assert_eq!(e["key"], "b");
    let e = s.get("/api/match?noise=2").refused(400);
    assert!(e["error"].as_str().unwrap().contains("[0, 1]"), "{e}");
    // An uploaded file with an error: the CLI's message for the same file.
    let bad = "[scenario]\nname = \"x\"\n\n[iran]\nresilience = 1.5\n";
    let e = s.post("/api/check?name=bad.toml", bad).refused(400);
    s.dir.write("bad.toml", bad);
    assert_eq!(e["error"], cli_error(&["check", "bad.toml"]));
    assert!(e["error"].as_str().unwrap().contains("bad.toml:5"), "{e}");
    let e = s.post("/api/run", "[iran\n").refused(400);
    assert!(
        e["error"].as_str().unwrap().starts_with("upload.toml:1"),
        "{e}"
    );
    s.request("POST", "/api/run", &[], &[0xff, 0xfe])
        .refused(400);
    s.post("/api/run?scenario=lifeline", "[scenario]\n")
        .refused(400);
    s.get("/api/nothing").refused(404);
    s.get("/nothing.html").refused(404);
    s.request("DELETE", "/api/run", &[], b"").refused(405);
}

#[test]
fn caps_refuse_work_with_a_json_error_naming_the_cap() {
    let s = Served::start(&[
        "--max-runs",
        "50000",
        "--max-points",
        "5",
        "--max-rounds",
        "100",
    ]);
    let cap = |a: Answer, name: &str, limit: u64| {
        let e = a.refused(422);
        assert_eq!(e["cap"], name, "{e}");
        assert_eq!(e["limit"], limit, "{e}");
    };
    cap(s.get("/api/run?runs=50001"), "runs", 50000);
    cap(s.get("/api/compare?runs=30000"), "runs", 50000);
    cap(
        s.get("/api/sweep?runs=100&vary=iran.leverage=0:1:6"),
        "points",
        5,
    );
    cap(
        s.get("/api/run?runs=100&set=scenario.rounds=101"),
        "rounds",
        100,
    );
    cap(s.get("/api/explain?runs=2000&map_steps=21"), "runs", 50000);
    cap(s.get("/api/explain?runs=10&map_steps=60"), "map_steps", 41);
    cap(
        s.get("/api/run?scenario=equilibrium-2025&runs=10"),
        "equilibrium",
        0,
    );
    cap(
        s.get("/api/match?turns=100000&repetitions=1000"),
        "turns",
        50_000_000,
    );
    let big = "#".repeat(300 * 1024);
    let e = s.post("/api/run", &big).refused(413);
    assert_eq!(e["cap"], "bytes");
    let long = format!("/api/run?set={}", "x".repeat(20 * 1024));
    assert_eq!(s.get(&long).refused(414)["cap"], "url");
    // The time cap, checked between blocks of runs: a block takes longer than 1 ms.
    let t = Served::start(&["--max-seconds", "0.001"]);
    cap(t.get("/api/run?runs=100000"), "seconds", 1);
}

#[test]
fn the_server_reads_no_file_a_request_names() {
    let s = Served::start(&[]);
    // A valid scenario file in the server's working directory is not a shipped scenario.
    s.dir.write("mine.toml", "[scenario]\nname = \"mine\"\n");
    s.dir.write("mine", "[scenario]\nname = \"mine\"\n");
    for name in ["mine", "mine.toml", "./mine.toml", "/etc/passwd"] {
        let e = s
            .get(&format!("/api/run?runs=10&scenario={name}"))
            .refused(400);
        assert_eq!(e["key"], "scenario");
    }
    // An upload's name only names it in messages.
    let e = s.post("/api/check?name=/etc/passwd", "[x]\n").refused(400);
    assert!(e["error"].as_str().unwrap().starts_with("passwd:"), "{e}");
    assert!(!s.dir.path().join("passwd").exists());
}

#[test]
fn security_headers_and_the_loopback_checks() {
    let s = Served::start(&[]);
    let page = s.get("/");
    page.ok();
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert!(
        page.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    // No inline script: every script is a file of the server's.
    assert!(!page.body.contains("<script>"), "inline script in the page");
    // A foreign Host (DNS rebinding) is refused.
    let mut raw = TcpStream::connect(&s.addr).unwrap();
    raw.write_all(b"GET /api/schema HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut buf = Vec::new();
    raw.read_to_end(&mut buf).unwrap();
    Answer::parse(&buf).refused(403);
    s.request(
        "POST",
        "/api/run?runs=10",
        &[("Origin", "http://evil.example")],
        b"",
    )
    .refused(403);
    let own = format!("http://{}", s.addr);
    s.request("GET", "/api/run?runs=10", &[("Origin", own.as_str())], b"")
        .ok();
}

#[test]
fn the_first_load_is_under_200_kb() {
    let s = Served::start(&[]);
    let total: usize = ["/", "/app.js", "/app.css", "/favicon.svg"]
        .iter()
        .map(|p| s.get(p).ok().body.len())
        .sum();
    assert!(total < 200 * 1024, "first load {total} bytes");
}

#[test]
fn concurrent_clients_each_get_their_own_answer() {
    let s = Served::start(&["--workers", "4"]);
    let targets: Vec<String> = (0..12)
        .map(|i| format!("/api/run?runs={}&seed={}", 200 + 50 * (i % 3), i % 4))
        .collect();
    let expected: Vec<String> = targets.iter().map(|t| s.get(t).ok().body.clone()).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|k| {
                let (s, targets, expected) = (&s, &targets, &expected);
                scope.spawn(move || {
                    for j in 0..6 {
                        let i = (k * 5 + j) % targets.len();
                        assert_eq!(s.get(&targets[i]).ok().body, expected[i], "{}", targets[i]);
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
    });
}
