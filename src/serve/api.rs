//! The JSON API: one function per endpoint, each a thin layer over the
//! library calls of the CLI verb it mirrors (the same scenario loading and
//! `--set` validation, the same engine, the same output tables), so an
//! answer holds the numbers the `catch22` command it names prints.
//!
//! A request names a shipped scenario (`scenario=NAME`) or sends a scenario
//! file as its body (POST); nothing is ever read from or written to the
//! server's disk on a request's say-so.

use super::Ctx;
use super::command::Command;
use super::limits::{Deadline, at_most};
use super::query::Query;
use super::reply::{ApiError, Reply};
use crate::cli::compare as cli_compare;
use crate::engine::{self, Tally, paired::joint_outcomes, simulate};
use crate::evolution::input::{self as evolution, MAX_REPLICATOR_STEPS, MatrixSource};
use crate::evolution::replicator::{self, trajectory};
use crate::explain::{self, Options};
use crate::output::evolution::TrajectoryWriter;
use crate::output::json::{self, Kind};
use crate::output::table::Format;
use crate::output::tournament::{match_row, match_table, write_ranking};
use crate::output::trace::{Recorder, text as trace_text, write_csv as trace_csv};
use crate::output::{explain::json_text, summary};
use crate::repeated::file::{self as repeated, MAX_REPETITIONS, MAX_TURNS, check_game};
use crate::repeated::play::{Histories, play_match_with};
use crate::repeated::strategy::catalog;
use crate::repeated::{MatchRules, Strategy};
use crate::scenario::schema::{Kind as KeyKind, SCHEMA};
use crate::scenario::{Point, Scenario, axis, shipped};
use crate::stats::compare::{Joint, PointComparison, compare as compare_counts, marginals};

/// Runs per block of work between two looks at the deadline.
const BLOCK: u64 = 20_000;

/// The most turns of a match shown move by move.
pub const MOVES_SHOWN: usize = 1000;

/// The most rows of a replicator trajectory.
pub const MAX_ROWS: u64 = 10_000;

/// Answers `GET|POST /api/NAME`; `None` for an unknown endpoint.
pub fn route(
    ctx: &Ctx,
    name: &str,
    q: &Query,
    body: Option<&str>,
) -> Option<Result<Reply, ApiError>> {
    let deadline = ctx.limits.deadline();
    Some(match name {
        "scenarios" => no_params(q).and_then(|_| scenarios()),
        "schema" => no_params(q).map(|_| schema()),
        "lessons" => no_params(q).map(|_| lessons()),
        "examples" => no_params(q).map(|_| examples()),
        "strategies" => no_params(q).map(|_| strategies()),
        "check" => check(ctx, q, body),
        "run" => run(ctx, q, body, &deadline),
        "sweep" => sweep(ctx, q, body, &deadline),
        "compare" => compare(ctx, q, body, &deadline),
        "trace" => trace(ctx, q, body),
        "explain" => explain_stage(ctx, q, body),
        "match" => play_match(ctx, q),
        "tournament" => tournament(ctx, q, body),
        "replicator" => replicate(ctx, q, body),
        _ => return None,
    })
}

fn no_params(q: &Query) -> Result<(), ApiError> {
    q.allow(&[])
}

/// The shipped scenarios: name, description and TOML text.
fn scenarios() -> Result<Reply, ApiError> {
    let mut items = Vec::new();
    for (name, text) in shipped::SHIPPED {
        let s = Scenario::from_text(text, name)?;
        items.push(format!(
            "{{\"name\": {}, \"description\": {}, \"text\": {}}}",
            json::string(name),
            json::string(s.value("scenario.description").as_str()),
            json::string(text)
        ));
    }
    Ok(Reply::json(format!("[\n  {}\n]\n", items.join(",\n  "))))
}

/// Every key of the schema: its kind and range, default, meaning and basis.
fn schema() -> Reply {
    let mut items = Vec::new();
    for spec in SCHEMA.iter() {
        let mut fields = vec![format!("\"key\": {}", json::string(spec.key))];
        let kind = match spec.kind {
            KeyKind::Float { min, max } => {
                format!("\"kind\": \"float\", \"min\": {min:?}, \"max\": {max:?}")
            }
            KeyKind::Int { min, max } => {
                format!("\"kind\": \"int\", \"min\": {min}, \"max\": {max}")
            }
            KeyKind::Bool => "\"kind\": \"bool\"".to_string(),
            KeyKind::Choice(options) => format!(
                "\"kind\": \"choice\", \"options\": [{}]",
                options
                    .iter()
                    .map(|o| json::string(o))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            KeyKind::Text => "\"kind\": \"text\"".to_string(),
        };
        fields.push(kind);
        fields.push(format!(
            "\"range\": {}",
            json::string(&spec.kind.describe())
        ));
        fields.push(format!("\"default\": {}", value_json(&spec.default)));
        fields.push(format!("\"doc\": {}", json::string(spec.doc)));
        fields.push(format!("\"basis\": {}", json::string(spec.basis.name())));
        if let Some((lo, hi)) = spec.plausible {
            fields.push(format!("\"plausible\": [{lo:?}, {hi:?}]"));
        }
        items.push(format!("{{{}}}", fields.join(", ")));
    }
    Reply::json(format!("[\n  {}\n]\n", items.join(",\n  ")))
}

/// A scenario value as JSON.
fn value_json(v: &crate::scenario::Value) -> String {
    use crate::scenario::Value;
    match v {
        Value::Float(x) if x.is_finite() => format!("{x:?}"),
        Value::Int(i) => i.to_string(),
        Value::Bool(b) => b.to_string(),
        other => json::string(&other.to_string()),
    }
}

/// The course, `docs/TEACHING.md`, shipped in the binary.
pub const TEACHING: &str = include_str!("../../docs/TEACHING.md");

/// Where the lessons' explorer links point.
pub const LESSON_LINK: &str = "http://127.0.0.1:8022/#";

/// Each lesson of `docs/TEACHING.md`: its title and the explorer settings
/// of its link (the part after `#`).
pub fn lesson_links() -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in TEACHING.lines() {
        if let Some(title) = line.strip_prefix("## Lesson ") {
            out.push((format!("Lesson {title}"), Vec::new()));
            continue;
        }
        let Some((_, links)) = out.last_mut() else {
            continue;
        };
        let mut rest = line;
        while let Some(at) = rest.find(LESSON_LINK) {
            let tail = &rest[at + LESSON_LINK.len()..];
            let end = tail.find([')', ' ', '>']).unwrap_or(tail.len());
            links.push(tail[..end].to_string());
            rest = &tail[end..];
        }
    }
    out
}

fn lessons() -> Reply {
    let items: Vec<String> = lesson_links()
        .iter()
        .map(|(title, links)| {
            format!(
                "{{\"title\": {}, \"links\": [{}]}}",
                json::string(title),
                links
                    .iter()
                    .map(|l| json::string(l))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
        .collect();
    Reply::json(format!("[\n  {}\n]\n", items.join(",\n  ")))
}

/// The shipped tournament and evolution files, for the classic games.
pub const EXAMPLES: [(&str, &str); 8] = [
    (
        "tournaments/basic.toml",
        include_str!("../../scenarios/tournaments/basic.toml"),
    ),
    (
        "tournaments/example.toml",
        include_str!("../../scenarios/tournaments/example.toml"),
    ),
    (
        "evolution/hawk-dove.toml",
        include_str!("../../scenarios/evolution/hawk-dove.toml"),
    ),
    (
        "evolution/prisoners-dilemma.toml",
        include_str!("../../scenarios/evolution/prisoners-dilemma.toml"),
    ),
    (
        "teaching/axelrod.toml",
        include_str!("../../scenarios/teaching/axelrod.toml"),
    ),
    (
        "teaching/last-round.toml",
        include_str!("../../scenarios/teaching/last-round.toml"),
    ),
    (
        "teaching/noise.toml",
        include_str!("../../scenarios/teaching/noise.toml"),
    ),
    (
        "teaching/noise-evolution.toml",
        include_str!("../../scenarios/teaching/noise-evolution.toml"),
    ),
];

fn examples() -> Reply {
    let items: Vec<String> = EXAMPLES
        .iter()
        .map(|(name, text)| {
            let tables: Vec<String> = ["tournament", "replicator", "moran", "payoffs"]
                .iter()
                .filter(|t| text.lines().any(|l| l.trim() == format!("[{t}]")))
                .map(|t| json::string(t))
                .collect();
            format!(
                "{{\"name\": {}, \"tables\": [{}], \"text\": {}}}",
                json::string(name),
                tables.join(", "),
                json::string(text)
            )
        })
        .collect();
    Reply::json(format!("[\n  {}\n]\n", items.join(",\n  ")))
}

/// The catalog of repeated-game strategies: name, parameters, definition.
fn strategies() -> Reply {
    let items: Vec<String> = catalog::CATALOG
        .iter()
        .map(|e| {
            format!(
                "{{\"name\": {}, \"params\": {}, \"definition\": {}}}",
                json::string(e.name),
                json::string(catalog::describe_params(e).trim()),
                json::string(e.definition)
            )
        })
        .collect();
    Reply::json(format!("[\n  {}\n]\n", items.join(",\n  ")))
}

/// A file name for an uploaded file's messages: the last part of `name`,
/// file-name characters only (`upload.toml` by default).
pub fn upload_name(name: Option<&str>) -> String {
    let base = name
        .unwrap_or("")
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect::<String>();
    let base = base.trim_start_matches('.');
    if base.is_empty() {
        "upload.toml".to_string()
    } else {
        base.to_string()
    }
}

/// The scenario a request names (a shipped name) or sends (its body), with
/// `sets` applied as `--set` applies them; and its argument on the command line.
fn load(q: &Query, body: Option<&str>, sets: &[String]) -> Result<(Scenario, String), ApiError> {
    let (mut s, arg) = match body {
        Some(text) => {
            if q.one("scenario")?.is_some() {
                return Err(ApiError::bad(
                    "give either scenario=NAME or a scenario file as the body, not both",
                )
                .key("scenario"));
            }
            let name = upload_name(q.one("name")?);
            (Scenario::from_text(text, &name)?, name)
        }
        None => {
            let name = q.one("scenario")?.unwrap_or(shipped::DEFAULT);
            let Some(text) = shipped::find(name) else {
                return Err(ApiError::bad(format!(
                    "no shipped scenario `{name}` (shipped: {}); send a scenario file as the body of a POST",
                    shipped::names().join(", ")
                ))
                .key("scenario"));
            };
            (
                Scenario::from_text(text, &format!("{name} (shipped)"))?,
                name.to_string(),
            )
        }
    };
    for raw in sets {
        s.set(raw)?;
    }
    Ok((s, arg))
}

/// Applies `runs` and `seed` as `--runs` and `--seed` do.
fn apply_runs_seed(s: &mut Scenario, q: &Query, cmd: &mut Command) -> Result<(), ApiError> {
    if let Some(runs) = q.one("runs")? {
        s.set_key("--runs", "scenario.runs", runs)?;
        cmd.flag("--runs", runs);
    }
    if let Some(seed) = q.one("seed")? {
        s.set_key("--seed", "scenario.seed", seed)?;
        cmd.flag("--seed", seed);
    }
    Ok(())
}

/// The command of a scenario verb with its `--set` flags.
fn scenario_command(verb: &str, arg: &str, sets: &[String]) -> Command {
    let mut cmd = Command::new(verb);
    cmd.arg(arg);
    for raw in sets {
        cmd.flag("--set", raw);
    }
    cmd
}

/// Tallies every run of every point, a block at a time, checking the
/// deadline between blocks; the tallies are exact integers, so the result
/// is the engine's for the whole range.
fn tally_points(ctx: &Ctx, points: &[Point], deadline: &Deadline) -> Result<Vec<Tally>, ApiError> {
    let mut tallies = Vec::with_capacity(points.len());
    for p in points {
        let mut t = Tally::default();
        let mut lo = 0;
        while lo < p.runs {
            let hi = (lo + BLOCK).min(p.runs);
            t = t.merge(engine::tally_runs(p, lo..hi, &ctx.pool));
            deadline.check()?;
            lo = hi;
        }
        tallies.push(t);
    }
    Ok(tallies)
}

/// The summary of `points` as `--format json` writes it.
fn summary_json(s: &Scenario, points: &[Point], tallies: &[Tally]) -> Result<Vec<u8>, ApiError> {
    let keys: Vec<&str> = s.axes.iter().map(|a| a.key()).collect();
    let rows = summary::rows(points, tallies);
    let mut buf = Vec::new();
    summary::write_json(&mut buf, "-", s.name(), &keys, &rows)?;
    Ok(buf)
}

/// `GET|POST /api/check`: the scenario validated as `catch22 check` does,
/// every key resolved, and its sweep axes.
fn check(ctx: &Ctx, q: &Query, body: Option<&str>) -> Result<Reply, ApiError> {
    q.allow(&["scenario", "name", "set", "vary"])?;
    let sets = q.all("set");
    let (mut s, arg) = load(q, body, &sets)?;
    let mut cmd = scenario_command("check", &arg, &sets);
    for v in q.all("vary") {
        s.vary(&v)?;
        cmd.flag("--vary", &v);
    }
    ctx.limits.check_grid(axis::grid_size(&s.axes))?;
    s.points(ctx.limits.points as usize)?;
    let values: Vec<String> = SCHEMA
        .iter()
        .enumerate()
        .map(|(i, spec)| format!("{}: {}", json::string(spec.key), value_json(&s.values[i])))
        .collect();
    let explicit: Vec<String> = SCHEMA
        .iter()
        .enumerate()
        .filter(|(i, _)| s.explicit[*i])
        .map(|(_, spec)| json::string(spec.key))
        .collect();
    let axes: Vec<String> = s
        .axes
        .iter()
        .map(|a| {
            format!(
                "{{\"key\": {}, \"values\": [{}]}}",
                json::string(a.key()),
                a.values
                    .iter()
                    .map(|v| value_json(&v))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
        .collect();
    let body = format!(
        "{{\"ok\": true, \"source\": {}, \"name\": {}, \"values\": {{{}}}, \"explicit\": [{}], \"sweep\": [{}], \"uncertain\": {}}}\n",
        json::string(&s.source),
        json::string(s.name()),
        values.join(", "),
        explicit.join(", "),
        axes.join(", "),
        s.uncertainty.len()
    );
    Ok(Reply::json(body).with_command(cmd.to_string()))
}

/// `GET|POST /api/run`: `catch22 run --format json`.
fn run(ctx: &Ctx, q: &Query, body: Option<&str>, deadline: &Deadline) -> Result<Reply, ApiError> {
    q.allow(&["scenario", "name", "runs", "seed", "set"])?;
    let sets = q.all("set");
    let (mut s, arg) = load(q, body, &sets)?;
    let mut cmd = scenario_command("run", &arg, &sets);
    apply_runs_seed(&mut s, q, &mut cmd)?;
    s.axes.clear();
    let points = s.points(1)?;
    ctx.limits.check_points(&points, 1)?;
    let tallies = tally_points(ctx, &points, deadline)?;
    cmd.flag("--format", "json");
    Ok(Reply::json(summary_json(&s, &points, &tallies)?).with_command(cmd.to_string()))
}

/// `GET|POST /api/sweep`: `catch22 sweep --vary ... --format json`.
fn sweep(ctx: &Ctx, q: &Query, body: Option<&str>, deadline: &Deadline) -> Result<Reply, ApiError> {
    q.allow(&["scenario", "name", "runs", "seed", "set", "vary"])?;
    let sets = q.all("set");
    let (mut s, arg) = load(q, body, &sets)?;
    let mut cmd = scenario_command("sweep", &arg, &sets);
    apply_runs_seed(&mut s, q, &mut cmd)?;
    for v in q.all("vary") {
        s.vary(&v)?;
        cmd.flag("--vary", &v);
    }
    if s.axes.is_empty() {
        return Err(ApiError::bad(
            "nothing to sweep: the scenario has no [sweep] table and no vary was given \
             (for example vary=lifeline.probability=0:0.5:6)",
        )
        .key("vary"));
    }
    ctx.limits.check_grid(axis::grid_size(&s.axes))?;
    let points = s.points(ctx.limits.points as usize)?;
    ctx.limits.check_points(&points, 1)?;
    let tallies = tally_points(ctx, &points, deadline)?;
    cmd.flag("--format", "json");
    Ok(Reply::json(summary_json(&s, &points, &tallies)?).with_command(cmd.to_string()))
}

/// `GET|POST /api/compare`: `catch22 compare S S --set-a ... --set-b ...
/// --format json` — the scenario against a variant of itself, paired.
fn compare(
    ctx: &Ctx,
    q: &Query,
    body: Option<&str>,
    deadline: &Deadline,
) -> Result<Reply, ApiError> {
    q.allow(&["scenario", "name", "runs", "seed", "set", "set_a", "set_b"])?;
    let sets = q.all("set");
    let (set_a, set_b) = (q.all("set_a"), q.all("set_b"));
    let both = |own: &[String]| -> Vec<String> { sets.iter().chain(own).cloned().collect() };
    let (mut a, arg) = load(q, body, &both(&set_a))?;
    let (mut b, _) = load(q, body, &both(&set_b))?;
    let mut cmd = Command::new("compare");
    cmd.arg(&arg).arg(&arg);
    // As `compare` does: --runs and --seed, or else A's, for both.
    let runs = q
        .one("runs")?
        .map_or_else(|| a.value("scenario.runs").to_string(), str::to_string);
    let seed = q
        .one("seed")?
        .map_or_else(|| a.value("scenario.seed").to_string(), str::to_string);
    for s in [&mut a, &mut b] {
        s.set_key("--runs", "scenario.runs", &runs)?;
        s.set_key("--seed", "scenario.seed", &seed)?;
    }
    if let Some(r) = q.one("runs")? {
        cmd.flag("--runs", r);
    }
    if let Some(r) = q.one("seed")? {
        cmd.flag("--seed", r);
    }
    for raw in &sets {
        cmd.flag("--set", raw);
    }
    for raw in &set_a {
        cmd.flag("--set-a", raw);
    }
    for raw in &set_b {
        cmd.flag("--set-b", raw);
    }
    ctx.limits.check_grid(axis::grid_size(&a.axes))?;
    let pa = a.points(ctx.limits.points as usize)?;
    let pb = b.points(ctx.limits.points as usize)?;
    ctx.limits.check_points(&pa, 2)?;
    ctx.limits.check_points(&pb, 0)?;
    let mut results: Vec<(usize, Vec<String>, PointComparison)> = Vec::new();
    for (p, r) in pa.iter().zip(&pb) {
        let mut joint: Joint = [[0; 4]; 4];
        let mut lo = 0;
        while lo < p.runs {
            let hi = (lo + BLOCK / 2).min(p.runs);
            let j = joint_outcomes(p, r, lo..hi, &ctx.pool, &());
            for (x, y) in joint.iter_mut().flatten().zip(j.iter().flatten()) {
                *x += y;
            }
            deadline.check()?;
            lo = hi;
        }
        let (ca, cb) = marginals(&joint);
        let coords = p.coordinates.iter().map(|v| v.to_string()).collect();
        results.push((p.index, coords, compare_counts(ca, cb, Some(&joint))));
    }
    let keys: Vec<String> = a.axes.iter().map(|x| x.key().to_string()).collect();
    let mut buf = Vec::new();
    cli_compare::write(&mut buf, "-", Format::Json, &keys, &results, true)?;
    cmd.flag("--format", "json");
    Ok(Reply::json(buf).with_command(cmd.to_string()))
}

/// A CSV table as JSON records (`--format json`'s shape), every field
/// typed by its text.
fn csv_records(bytes: &[u8], kind: Kind) -> Result<String, ApiError> {
    let mut r = csv::Reader::from_reader(bytes);
    let internal = |e: csv::Error| ApiError::bad(format!("internal CSV: {e}")).status(500);
    let columns: Vec<String> = r
        .headers()
        .map_err(internal)?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for rec in r.records() {
        rows.push(rec.map_err(internal)?.iter().map(str::to_string).collect());
    }
    let mut out = Vec::new();
    json::write_records(&mut out, "-", &columns, &vec![kind; columns.len()], &rows)?;
    Ok(String::from_utf8(out).expect("JSON is UTF-8"))
}

/// `GET|POST /api/trace`: `catch22 trace` (the narration) and `catch22
/// trace --csv -` (one record per round).
fn trace(ctx: &Ctx, q: &Query, body: Option<&str>) -> Result<Reply, ApiError> {
    q.allow(&["scenario", "name", "seed", "run", "set"])?;
    let sets = q.all("set");
    let (mut s, arg) = load(q, body, &sets)?;
    let mut cmd = scenario_command("trace", &arg, &sets);
    if let Some(seed) = q.one("seed")? {
        s.set_key("--seed", "scenario.seed", seed)?;
        cmd.flag("--seed", seed);
    }
    let run = q.number("run", 0, crate::scenario::schema::MAX_RUNS as u64 - 1, 0)?;
    if run != 0 {
        cmd.flag("--run", &run.to_string());
    }
    s.axes.clear();
    let point = s.point(0)?;
    ctx.limits.check_points(std::slice::from_ref(&point), 0)?;
    let mut rec = Recorder::default();
    let record = simulate(&point.params, &point.players, point.seed, run, &mut rec);
    let title = crate::cli::trace::title(&s, &point, run);
    let text = trace_text(&point.params, &title, &rec.rows, &record);
    let mut csv = Vec::new();
    trace_csv(&mut csv, "-", &point.params, &rec.rows, &record)?;
    let body = format!(
        "{{\"title\": {}, \"text\": {}, \"rows\": {}}}\n",
        json::string(&title),
        json::string(&text),
        csv_records(&csv, Kind::Auto)?.trim_end()
    );
    Ok(Reply::json(body).with_command(cmd.to_string()))
}

/// `GET|POST /api/explain`: `catch22 explain --format json`.
fn explain_stage(ctx: &Ctx, q: &Query, body: Option<&str>) -> Result<Reply, ApiError> {
    q.allow(&["scenario", "name", "runs", "seed", "set", "map_steps"])?;
    let sets = q.all("set");
    let (mut s, arg) = load(q, body, &sets)?;
    let mut cmd = scenario_command("explain", &arg, &sets);
    apply_runs_seed(&mut s, q, &mut cmd)?;
    let max_steps = crate::cli::explain::MAX_MAP_STEPS as u64;
    let map_steps = q.number("map_steps", 2, max_steps, 21)?;
    at_most("map_steps", map_steps, ctx.limits.map_steps)?;
    if q.one("map_steps")?.is_some() {
        cmd.flag("--map-steps", &map_steps.to_string());
    }
    s.axes.clear();
    let point = s.point(0)?;
    if point.runs < 2 {
        return Err(ApiError::bad(format!(
            "explain needs at least 2 runs per cell (for standard errors), got {}",
            point.runs
        ))
        .key("runs"));
    }
    ctx.limits.check_points(std::slice::from_ref(&point), 0)?;
    let o = Options {
        seed: point.seed,
        runs: point.runs,
        round: 1,
        map_steps: map_steps as usize,
    };
    ctx.limits.check_runs(explain::planned_runs(&o))?;
    let e = explain::explain(&point.params, &point.players, s.name(), &o, &ctx.pool, &())?;
    cmd.flag("--format", "json");
    Ok(Reply::json(json_text(&e)).with_command(cmd.to_string()))
}

/// `GET /api/match`: `catch22 match A B --format json`, and the first
/// match move by move.
fn play_match(ctx: &Ctx, q: &Query) -> Result<Reply, ApiError> {
    q.allow(&[
        "a",
        "b",
        "turns",
        "noise",
        "prob_end",
        "discount",
        "seed",
        "repetitions",
    ])?;
    let turns = q.number("turns", 1, u64::from(MAX_TURNS), 200)? as u32;
    let repetitions = q.number("repetitions", 1, u64::from(MAX_REPETITIONS), 1)? as u32;
    let probability = |k: &str| {
        q.real(k, 0.0, "a probability in [0, 1]", |x| {
            (0.0..=1.0).contains(&x)
        })
    };
    let noise = probability("noise")?;
    let prob_end = probability("prob_end")?;
    let discount = q.real("discount", 1.0, "in (0, 1]", |x| x > 0.0 && x <= 1.0)?;
    let seed = q.number("seed", 0, i64::MAX as u64, crate::cli::duel::DEFAULT_SEED)?;
    ctx.limits
        .check_turns(u64::from(turns) * u64::from(repetitions))?;
    let defs = repeated::parse("", "-")?;
    let rules = MatchRules {
        game: defs.game,
        turns,
        prob_end,
        noise,
        discount,
    };
    let mut cmd = Command::new("match");
    let strategy = |which: &str, cmd: &mut Command| -> Result<Strategy, ApiError> {
        let spec = q.one(which)?.unwrap_or("TitForTat");
        cmd.arg(spec);
        let s = Strategy::parse(spec, &defs.strategies).map_err(|m| {
            ApiError::bad(format!("player {}: {m}", which.to_uppercase())).key(which)
        })?;
        check_game(&s, &rules.game).map_err(|m| {
            ApiError::bad(format!("player {}: {m}", which.to_uppercase())).key(which)
        })?;
        Ok(s)
    };
    let sa = strategy("a", &mut cmd)?;
    let sb = strategy("b", &mut cmd)?;
    for (k, flag) in [
        ("turns", "--turns"),
        ("noise", "--noise"),
        ("prob_end", "--prob-end"),
        ("discount", "--discount"),
        ("seed", "--seed"),
        ("repetitions", "--repetitions"),
    ] {
        if let Some(v) = q.one(k)? {
            cmd.flag(flag, v);
        }
    }
    cmd.flag("--format", "json");
    let mut table = match_table();
    let mut h = Histories::with_capacity(rules.turns);
    let mut first = String::new();
    for r in 0..repetitions {
        let m = play_match_with(
            &sa,
            &sb,
            &rules,
            &mut engine::run_rng(seed, u64::from(r)),
            &mut h,
        );
        table.rows.push(match_row(&sa.name, &sb.name, r, &m));
        if r == 0 {
            first = moves_json(&rules, &h);
        }
    }
    let mut matches = Vec::new();
    table.write_json(&mut matches, "-")?;
    let body = format!(
        "{{\"matches\": {}, \"first\": {first}}}\n",
        String::from_utf8(matches)
            .expect("JSON is UTF-8")
            .trim_end()
    );
    Ok(Reply::json(body).with_command(cmd.to_string()))
}

/// The moves of a match (at most [`MOVES_SHOWN`]) and each turn's payoffs.
fn moves_json(rules: &MatchRules, h: &Histories) -> String {
    let (a, b) = (h.a.moves(), h.b.moves());
    let n = a.len().min(MOVES_SHOWN);
    let letters = |m: &[crate::repeated::Move]| -> String {
        m[..n]
            .iter()
            .map(|x| if x.index() == 0 { 'C' } else { 'D' })
            .collect()
    };
    let mut pa = Vec::with_capacity(n);
    let mut pb = Vec::with_capacity(n);
    for t in 0..n {
        let (x, y) = rules.game.payoffs(a[t], b[t]);
        pa.push(format!("{x:?}"));
        pb.push(format!("{y:?}"));
    }
    format!(
        "{{\"turns\": {}, \"shown\": {n}, \"a\": \"{}\", \"b\": \"{}\", \"payoff_a\": [{}], \"payoff_b\": [{}]}}",
        a.len(),
        letters(a),
        letters(b),
        pa.join(", "),
        pb.join(", ")
    )
}

/// `POST /api/tournament` (the body a tournament file): `catch22
/// tournament FILE --format json`.
fn tournament(ctx: &Ctx, q: &Query, body: Option<&str>) -> Result<Reply, ApiError> {
    q.allow(&["name", "seed"])?;
    let name = upload_name(q.one("name")?);
    let Some(text) = body else {
        return Err(ApiError::bad(
            "send the tournament file as the body of a POST",
        ));
    };
    let f = repeated::parse(text, &name)?;
    let Some(mut t) = f.tournament else {
        return Err(crate::Error::input(
            crate::error::Origin::source(&name).with_key("tournament"),
            "no [tournament] table: a tournament file needs [tournament] with players (see the README)",
        )
        .into());
    };
    let mut cmd = Command::new("tournament");
    cmd.arg(&name);
    if let Some(seed) = q.one("seed")? {
        t.seed = crate::cli::moran::flag_u64("--seed", seed, 0, i64::MAX as u64)?;
        cmd.flag("--seed", seed);
    }
    ctx.limits
        .check_turns(t.total_matches().saturating_mul(u64::from(t.rules.turns)))?;
    let results = t.play(&ctx.pool);
    let names: Vec<&str> = t.players.iter().map(|p| p.name.as_str()).collect();
    let out = write_ranking(Vec::new(), "-", &names, &results.ranking(), Format::Json)?;
    cmd.flag("--format", "json");
    Ok(Reply::json(out).with_command(cmd.to_string()))
}

/// `POST /api/replicator` (the body an evolution file): `catch22
/// replicator FILE`, its CSV as JSON records.
fn replicate(ctx: &Ctx, q: &Query, body: Option<&str>) -> Result<Reply, ApiError> {
    q.allow(&["name", "steps", "dt", "every"])?;
    let name = upload_name(q.one("name")?);
    let Some(text) = body else {
        return Err(ApiError::bad(
            "send the evolution file as the body of a POST",
        ));
    };
    let file = evolution::parse(text, &name)?;
    let Some(table) = &file.replicator else {
        return Err(ApiError::bad(format!(
            "`{name}` has no [replicator] table (with shares = {{ Strategy = share, ... }})"
        )));
    };
    let flag = |k: &str, flag: &str, default: u64| -> Result<u64, ApiError> {
        match q.one(k)? {
            Some(raw) => Ok(crate::cli::moran::flag_u64(
                flag,
                raw,
                1,
                MAX_REPLICATOR_STEPS,
            )?),
            None => Ok(default),
        }
    };
    let steps = flag("steps", "--steps", table.steps)?;
    let every = flag("every", "--every", table.every)?;
    let dt = match q.one("dt")? {
        Some(raw) => {
            crate::cli::replicator::dt_flag(raw).map_err(|e| ApiError::from(e).key("dt"))?
        }
        None => table.dt,
    };
    at_most("steps", steps, ctx.limits.steps)?;
    if steps / every > MAX_ROWS {
        return Err(ApiError::over(
            "rows",
            MAX_ROWS,
            format!(
                "steps / every = {} rows, over the server's cap of {MAX_ROWS}; raise every",
                steps / every
            ),
        )
        .key("every"));
    }
    if let MatrixSource::Tournament(t) = &file.matrix {
        ctx.limits
            .check_turns(t.total_matches().saturating_mul(u64::from(t.rules.turns)))?;
    }
    let mut cmd = Command::new("replicator");
    cmd.arg(&name);
    for (k, f) in [("steps", "--steps"), ("dt", "--dt"), ("every", "--every")] {
        if let Some(v) = q.one(k)? {
            cmd.flag(f, v);
        }
    }
    let payoffs = file.payoffs(&ctx.pool)?;
    let x0 = table.initial(&payoffs)?;
    replicator::check_work(&payoffs, steps, dt).map_err(|m| match q.one("dt") {
        Ok(Some(_)) => ApiError::bad(format!("--dt: {m}")).key("dt"),
        _ => crate::Error::input(table.dt_origin.clone(), m).into(),
    })?;
    let mut w = TrajectoryWriter::new(Vec::new(), "-", payoffs.names())?;
    trajectory(&payoffs, &x0, steps, dt, every, |s, t, x| w.row(s, t, x))?;
    let csv = w.finish()?;
    Ok(Reply::json(csv_records(&csv, Kind::Number)?).with_command(cmd.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_names_are_file_names() {
        assert_eq!(upload_name(None), "upload.toml");
        assert_eq!(upload_name(Some("../../etc/passwd")), "passwd");
        assert_eq!(upload_name(Some("my file.toml")), "my_file.toml");
        assert_eq!(upload_name(Some("..")), "upload.toml");
    }

    #[test]
    fn every_lesson_links_to_the_explorer() {
        let lessons = lesson_links();
        assert!(lessons.len() >= 6, "{lessons:?}");
        for (title, links) in &lessons {
            assert!(!links.is_empty(), "{title} has no explorer link");
            for link in links {
                let q = Query::parse(link).unwrap();
                if let Some(file) = q.one("file").unwrap() {
                    assert!(EXAMPLES.iter().any(|(n, _)| *n == file), "{title}: {file}");
                }
                if let Some(s) = q.one("scenario").unwrap() {
                    assert!(shipped::find(s).is_some(), "{title}: {s}");
                }
            }
        }
    }
}
