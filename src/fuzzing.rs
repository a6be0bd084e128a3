//! Entry points for the fuzz targets in `fuzz/` (coverage-guided, nightly)
//! and for `tests/fuzz_corpus.rs`, which replays their committed corpus on
//! the stable toolchain. Each feeds arbitrary bytes to one reader and checks
//! what must hold whatever the input:
//!
//! - no panic, no abort (the fuzzer also refuses any allocation over 1 GB);
//! - every refusal is bad input (exit code 2) and one line naming its source;
//! - what is read is usable: a game's payoffs write and read back exactly, a
//!   tiny game's equilibria are equilibria, a tiny tournament's scores and a
//!   short replicator trajectory are finite, a merge's counts add up.
//!
//! Work is kept small (tiny games solved, short tournaments played, the
//! server's caps set low) so that every input runs in milliseconds.

use std::sync::OnceLock;

use crate::error::Result;
use crate::evolution::input::MatrixSource;
use crate::game::{self, Game, Method, nfg};
use crate::output::{
    discover, explore, partial, read, report, report_uncertainty, sensitivity_part, tournament_part,
};
use crate::scenario::{Scenario, shipped};
use crate::uncertainty::prim;

/// The most turns in all of a tournament a target plays, RK4 substeps of
/// a trajectory it integrates, or individuals of a chain it solves.
const SMALL_WORK: u64 = 2_000;

/// The file name every target gives its input (it names it in errors).
const SOURCE: &str = "fuzz.input";

/// Checks a reader's result: a refusal is bad input, on one line, naming
/// the input. Returns the value read, if any.
fn check<T>(result: Result<T>) -> Option<T> {
    match result {
        Ok(v) => Some(v),
        Err(e) => {
            let message = e.to_string();
            assert_eq!(e.exit_code(), 2, "bad input must be exit code 2: {message}");
            assert!(
                !message.is_empty() && !message.contains(['\n', '\r']),
                "an error must be one line: {message:?}"
            );
            None
        }
    }
}

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// The text a verb reads from a CSV input: a JSON array of records becomes
/// the CSV it stands for (`input::json_records`, checked like any refusal).
fn csv_text(data: &[u8]) -> Option<String> {
    let text = text(data)?;
    check(crate::input::json_records::as_csv(text, SOURCE))
        .map(|csv| csv.unwrap_or_else(|| text.to_string()))
}

fn pool() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| crate::engine::pool(1).expect("a one-thread pool"))
}

/// A scenario's grid: its size checked, its first and last points built.
fn grid(s: &Scenario) {
    if let Some(n) = check(s.point_count(crate::scenario::DEFAULT_MAX_POINTS)) {
        for i in [0, n - 1] {
            check(s.point(i));
        }
    }
}

/// A scenario file: parsed, then its grid.
pub fn scenario(data: &[u8]) {
    let Some(text) = text(data) else { return };
    if let Some(s) = check(Scenario::from_text(text, SOURCE)) {
        grid(&s);
    }
}

/// `--set` and `--vary` values: each line `set KEY=VALUE` or
/// `vary KEY=VALUES` applied to the shipped baseline, then its grid.
pub fn overrides(data: &[u8]) {
    static BASELINE: OnceLock<Scenario> = OnceLock::new();
    let Some(text) = text(data) else { return };
    let mut s = BASELINE
        .get_or_init(|| Scenario::load(shipped::DEFAULT).expect("the baseline loads"))
        .clone();
    for line in text.lines() {
        // Ranges of up to a million values are allowed and tested elsewhere;
        // here they would only slow every run down.
        let steps = line
            .rsplit(':')
            .next()
            .and_then(|n| n.trim().parse::<u64>().ok());
        if line.contains(':') && steps.is_none_or(|n| n > 1000) {
            continue;
        }
        let result = match line.split_once(' ') {
            Some(("set", raw)) => s.set(raw),
            Some(("vary", raw)) => s.vary(raw),
            _ => continue,
        };
        check(result);
    }
    grid(&s);
}

/// A game read back: its payoffs write and read back exactly, and a tiny
/// two-player game's equilibria are equilibria.
fn game_read(g: Game) {
    // The payoffs round-trip through the writer (names made plain: the
    // .nfg format has no escape for every character a name may hold).
    let plain = Game {
        title: String::new(),
        comment: String::new(),
        players: (1..=g.players.len()).map(|i| format!("P{i}")).collect(),
        strategies: g
            .strategies
            .iter()
            .map(|s| (1..=s.len()).map(|i| i.to_string()).collect())
            .collect(),
        payoffs: g.payoffs.clone(),
    };
    let back = nfg::parse(&nfg::write(&plain), "written.nfg").expect("written games read back");
    assert_eq!(back.payoffs, g.payoffs, "payoffs round-trip exactly");
    assert_eq!(back.shape(), g.shape());
    if g.payoffs.len() > 16 {
        return;
    }
    for method in [Method::Enumerate, Method::LemkeHowson { label: 0 }] {
        if game::check_solvable(&g, method).is_err() {
            continue;
        }
        let solution = game::solve(&g, method);
        if let (Ok(s), Some((a, b))) = (&solution, g.bimatrix()) {
            for e in &s.equilibria {
                assert!(
                    game::is_equilibrium(&a, &b, &e.strategies[0], &e.strategies[1]),
                    "not an equilibrium: {e:?}"
                );
            }
        }
    }
}

/// A Gambit `.nfg` file.
pub fn nfg(data: &[u8]) {
    let Some(text) = text(data) else { return };
    if let Some(g) = check(Game::parse(text, "fuzz.nfg")) {
        game_read(g);
    }
}

/// A TOML matrix game.
pub fn matrix(data: &[u8]) {
    let Some(text) = text(data) else { return };
    if let Some(g) = check(Game::parse(text, "fuzz.toml")) {
        game_read(g);
    }
}

/// A tournament file: read, and a short tournament played (finite scores).
pub fn tournament(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let Some(file) = check(crate::repeated::file::parse(text, SOURCE)) else {
        return;
    };
    let Some(t) = file.tournament else { return };
    if t.total_matches() * u64::from(t.rules.turns) > SMALL_WORK {
        return;
    }
    let results = t.play(pool());
    for m in &results.matches {
        assert!(
            m.score.iter().all(|s| s.is_finite()),
            "finite scores: {m:?}"
        );
    }
    for s in results.ranking() {
        assert!(s.median_score_per_turn.is_finite() && s.mean_score_per_turn.is_finite());
    }
}

/// An evolution file: read, its processes built, the exact chain solved
/// for a small population and a short trajectory integrated.
pub fn evolution(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let Some(file) = check(crate::evolution::input::parse(text, SOURCE)) else {
        return;
    };
    let payoffs = match &file.matrix {
        MatrixSource::Given(p) => p.clone(),
        MatrixSource::Tournament(t) => {
            if t.total_matches() * u64::from(t.rules.turns) > SMALL_WORK {
                return;
            }
            let Some(p) = check(file.payoffs(pool())) else {
                return;
            };
            p
        }
    };
    if let Some(m) = &file.moran {
        if let Some(process) = check(m.build(&payoffs)) {
            if process.population() <= SMALL_WORK {
                if let Some((_, _, e)) = process.exact() {
                    if e.sound() {
                        assert!((0.0..=1.0).contains(&e.fixation_a));
                    }
                }
            }
        }
    }
    if let Some(r) = &file.replicator {
        let Some(x0) = check(r.initial(&payoffs)) else {
            return;
        };
        let steps = r.steps.min(20);
        if crate::evolution::replicator::check_work(&payoffs, steps, r.dt).is_err()
            || crate::evolution::replicator::substeps(&payoffs, r.dt) * steps > SMALL_WORK
        {
            return;
        }
        crate::evolution::replicator::trajectory(&payoffs, &x0, steps, r.dt, 1, |_, t, x| {
            assert!(t.is_finite());
            assert!(
                x.iter().all(|v| v.is_finite() && (0.0..=1.0).contains(v)),
                "{x:?}"
            );
            Ok::<(), ()>(())
        })
        .expect("the trajectory runs");
    }
}

/// A summary CSV or its JSON (what `compare` and `report` read): counts add up,
/// and the charts `report` draws of it have finite geometry.
pub fn summary(data: &[u8]) {
    let Some(text) = csv_text(data) else { return };
    if let Some(s) = check(read::parse(&text, SOURCE)) {
        for p in &s.points {
            assert_eq!(p.counts.iter().sum::<u64>(), p.runs, "counts add up");
        }
        // What `report` draws of it: every chart's geometry finite.
        let input = report::summary_input(&s, SOURCE);
        for chart in report::charts(std::slice::from_ref(&input)) {
            finite_geometry(&chart.svg);
        }
    }
}

/// Shard parts (what `merge` reads): the input split into parts at lines
/// `%%`, merged as a tournament's or an exploration's parts when the first
/// is one (or a sensitivity analysis'), else as a sweep's, with and without `--allow-partial`. A merge's
/// counts add up; an exploration's samples appear once each, in order.
pub fn parts(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let texts: Vec<(String, String)> = text
        .split("\n%%\n")
        .enumerate()
        .map(|(i, t)| (format!("part{i}.csv"), t.to_string()))
        .collect();
    if texts[0].1.starts_with(tournament_part::MARKER) {
        if let Some((players, results)) = check(tournament_part::merge_texts(&texts)) {
            assert_eq!(results.players, players.len());
            for s in results.ranking() {
                assert!(s.median_score_per_turn.is_finite());
            }
        }
        return;
    }
    if texts[0].1.starts_with(explore::MAGIC) {
        for allow_partial in [false, true] {
            if let Some(m) = check(explore::merge_texts(&texts, allow_partial)) {
                let samples: Vec<&str> = m.rows.iter().map(|r| r[0].as_str()).collect();
                let mut unique = samples.clone();
                unique.dedup();
                assert_eq!(unique, samples, "each sample once, in order");
                assert!(m.rows.iter().all(|r| r.len() == m.columns.len()));
            }
        }
        return;
    }
    if texts[0].1.starts_with(sensitivity_part::MAGIC) {
        if let Some(m) = check(sensitivity_part::merge_texts(&texts)) {
            let c = &m.counts;
            assert_eq!(c.points(), m.header.evaluations);
            for e in 0..c.points() {
                assert_eq!((0..4).map(|o| c.total(e, o)).sum::<u64>(), c.runs);
            }
        }
        return;
    }
    for allow_partial in [false, true] {
        if let Some(m) = check(partial::merge_texts(&texts, allow_partial)) {
            for p in &m.points {
                assert!(p.tally.runs() <= p.runs, "no more runs than the point has");
            }
        }
    }
}

/// Every number in a chart's geometry (`x`, `y`, `width`, `points`, `d`...)
/// is finite: no `x1="inf"`, no `NaN` drawn. One pass over the chart: each
/// `="` whose attribute is one of these has its value checked.
fn finite_geometry(svg: &str) {
    const ATTRS: [&str; 13] = [
        " x", " y", " x1", " x2", " y1", " y2", " cx", " cy", " r", " width", " height", " points",
        " d",
    ];
    let non_finite = |w: &[u8]| w.eq_ignore_ascii_case(b"nan") || w.eq_ignore_ascii_case(b"inf");
    for (i, _) in svg.match_indices('=') {
        let rest = &svg[i + 1..];
        let Some(rest) = rest.strip_prefix('"') else {
            continue;
        };
        let Some(attr) = ATTRS.iter().find(|a| svg[..i].ends_with(*a)) else {
            continue;
        };
        let value = &rest[..rest.find('"').unwrap_or(rest.len())];
        for token in value.split([' ', ',']) {
            assert!(
                !token.as_bytes().windows(3).any(non_finite),
                "non-finite geometry{attr}=\"{value}\""
            );
            let number = token.trim_start_matches(|c: char| c.is_ascii_alphabetic());
            if let Ok(x) = number.parse::<f64>() {
                assert!(x.is_finite(), "non-finite geometry{attr}=\"{value}\"");
            }
        }
    }
}

/// A CSV of samples or its JSON (what `discover` reads), its outcome column `deal`:
/// read, then for a small one PRIM's trajectory (coverage, density and mass
/// in [0, 1], every limit finite), written as the verb writes it and read
/// back as `report` reads it, and drawn with finite geometry.
pub fn samples(data: &[u8]) {
    let Some(text) = csv_text(data) else { return };
    let Some(input) = check(discover::parse(&text, SOURCE, "deal", &[])) else {
        return;
    };
    let n = input.outcome.len();
    if n * input.columns.len() > SMALL_WORK as usize {
        return;
    }
    let mut sorted = input.outcome.clone();
    sorted.sort_by(f64::total_cmp);
    let threshold = sorted[n / 2];
    let y: Vec<bool> = input.outcome.iter().map(|&v| v > threshold).collect();
    if !y.contains(&true) || !y.contains(&false) {
        return;
    }
    let data = prim::Data {
        x: &input.columns,
        y: &y,
    };
    let steps = prim::trajectory(&data, &prim::Config::default());
    assert!(!steps.is_empty());
    for s in &steps {
        for v in [s.coverage, s.density, s.mass] {
            assert!((0.0..=1.0).contains(&v), "{s:?}");
        }
        for (lo, hi) in s.lower.iter().zip(&s.upper) {
            assert!(lo.is_finite() && hi.is_finite() && lo <= hi, "{s:?}");
        }
    }
    assert!(prim::pick(&steps) < steps.len());
    let mut csv = Vec::new();
    crate::output::write_rows(
        &mut csv,
        "written.csv",
        &discover::header(&input.names),
        &discover::rows(&steps),
    )
    .expect("a trajectory writes");
    let csv = String::from_utf8(csv).expect("UTF-8");
    let back = report_uncertainty::parse(&csv, "written.csv").expect("a trajectory reads back");
    let Some(a) = back else {
        panic!("a trajectory is recognised: {csv}")
    };
    for c in report_uncertainty::charts("written.csv", &a, &mut 0) {
        finite_geometry(&c.svg);
    }
}

/// An analysis CSV or its JSON (`sensitivity`'s Sobol' indices or Morris measures,
/// `discover`'s trajectory, as `report` reads them): read, and its charts
/// drawn with finite geometry.
pub fn analysis(data: &[u8]) {
    let Some(text) = csv_text(data) else { return };
    if let Some(Some(a)) = check(report_uncertainty::parse(&text, SOURCE)) {
        for c in report_uncertainty::charts(SOURCE, &a, &mut 0) {
            finite_geometry(&c.svg);
        }
    }
}

/// A manifest (what `reproduce` and `report` read): checked, and what is
/// accepted writes and reads back.
pub fn manifest(data: &[u8]) {
    use crate::cli::manifest::Manifest;
    let Some(text) = text(data) else { return };
    if let Some(m) = check(Manifest::parse(text, SOURCE)) {
        let _ = m.command_line();
        let written = serde_json::to_string_pretty(&m).expect("a manifest writes");
        let back =
            Manifest::parse(&written, "written.json").expect("a written manifest reads back");
        assert_eq!(back.command, m.command, "a manifest round-trips");
        assert_eq!(back.outputs.len(), m.outputs.len());
    }
}

/// The caps of the `serve` target: a request may run a little of every
/// endpoint, and no more.
const SERVE_LIMITS: crate::serve::Limits = crate::serve::Limits {
    runs: 500,
    points: 4,
    rounds: 48,
    seconds: 5.0,
    bytes: 64 * 1024,
    url: 4096,
    turns: SMALL_WORK,
    steps: 200,
    map_steps: 5,
};

/// An HTTP request to `catch22 serve` (what a browser or client sends):
/// read as the server reads it off a connection (no socket), then answered
/// by the router and the JSON API, with the server on loopback port 8022.
/// An answer is a 200 with UTF-8 text, or a refusal with a 4xx status (never
/// a 500: a panic, caught by the router, is a 500) whose message is one
/// line and whose body is JSON.
pub fn serve(data: &[u8]) {
    use crate::serve::{Ctx, handle, headers, http};
    static CTX: OnceLock<Ctx> = OnceLock::new();
    let ctx = CTX.get_or_init(|| {
        Ctx::new(SERVE_LIMITS, 1)
            .expect("a one-thread pool")
            .on_loopback(8022)
    });
    let mut connection = data;
    let mut interim = Vec::new();
    let result = http::read_request(ctx, &mut connection, &mut interim)
        .and_then(|raw| handle(ctx, &raw.incoming()));
    let _ = headers(&result);
    match result {
        Ok(r) => {
            assert_eq!(r.status, 200);
            assert!(std::str::from_utf8(&r.body).is_ok(), "a UTF-8 answer");
        }
        Err(e) => {
            assert!(
                (400..500).contains(&e.status),
                "a bad request is a 4xx, not {}: {}",
                e.status,
                e.message
            );
            assert!(
                !e.message.is_empty() && !e.message.contains(['\n', '\r']),
                "an error must be one line: {:?}",
                e.message
            );
            serde_json::from_str::<serde_json::Value>(&e.body()).expect("an error's body is JSON");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::finite_geometry;

    #[test]
    fn finite_geometry_passes_a_finite_chart() {
        finite_geometry(
            r#"<svg width="10" height="5"><line x1="0" x2="1.5e3" y1="-2" y2="3"/><text x="1" y="2" class="inf">Infinity</text><polyline points="0,1 2,3"/><path d="M0 1L2 3"/><circle cx="1" cy="1" r="2"/></svg>"#,
        );
    }

    #[test]
    fn finite_geometry_finds_what_is_not_finite() {
        for svg in [
            r#"<line x1="-inf" x2="1"/>"#,
            r#"<rect width="NaN"/>"#,
            r#"<polyline points="0,1 2,nan"/>"#,
            r#"<path d="M0 1L2 1e999"/>"#,
            r#"<circle cx="1" cy="1" r="Infinity"/>"#,
            "<text\ty=\"1\" x=\"inF\"/>",
        ] {
            let caught = std::panic::catch_unwind(|| finite_geometry(svg));
            assert!(caught.is_err(), "not caught: {svg}");
        }
    }
}
