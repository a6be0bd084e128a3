//! `catch22 discover` (PRIM) against the EMA Workbench 2.5.3's PRIM on three
//! data sets with known boxes (`tests/data/discover/`, made by
//! `scripts/ema-prim-reference.py`), its formats, and its use on `explore`'s
//! output. Bad input is in `tests/bad_input.rs`.

mod common;

use catch22::output::discover::read;
use catch22::uncertainty::prim::{self, Config, Data};
use common::{Csv, TempDir, num};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/discover");

fn data(name: &str) -> String {
    format!("{DATA}/{name}")
}

#[test]
fn trajectories_equal_the_workbench() {
    let dir = TempDir::new("discover-ema");
    for set in ["scales", "noise", "continuous"] {
        let out = dir.run(&[
            "discover",
            &data(&format!("prim-{set}.csv")),
            "--outcome",
            "y",
            "--threshold",
            "0.5",
        ]);
        out.success();
        let ours = Csv::parse(&out.stdout);
        let ema = Csv::parse(
            &std::fs::read_to_string(data(&format!("ema-{set}.csv")))
                .unwrap()
                .replace('\r', ""),
        );
        assert_eq!(ours.header, ema.header, "{set}");
        assert_eq!(
            ours.header[..5],
            ["step", "coverage", "density", "mass", "n_restricted"]
        );
        assert_eq!(ours.rows.len(), ema.rows.len(), "{set}: steps");
        for (a, b) in ours.rows.iter().zip(&ema.rows) {
            for (c, (x, y)) in a.iter().zip(b).enumerate() {
                // Coverage, density and mass are printed to six decimals;
                // the limits exactly.
                let tol = if (1..4).contains(&c) { 5e-7 } else { 0.0 };
                assert!(
                    (num(x) - num(y)).abs() <= tol,
                    "{set} step {}: column {} {x} vs {y}",
                    a[0],
                    ours.header[c]
                );
            }
        }
    }
}

#[test]
fn quasi_p_values_equal_the_workbench() {
    for set in ["scales", "noise", "continuous"] {
        let input = read(&data(&format!("prim-{set}.csv")), "y", &[]).unwrap();
        let y: Vec<bool> = input.outcome.iter().map(|v| *v > 0.5).collect();
        let d = Data {
            x: &input.columns,
            y: &y,
        };
        let steps = prim::trajectory(&d, &Config::default());
        let chosen = prim::pick(&steps);
        let ema = Csv::parse(
            &std::fs::read_to_string(data(&format!("ema-{set}-qp.csv")))
                .unwrap()
                .replace('\r', ""),
        );
        assert_eq!(chosen.to_string(), ema.rows[0][0], "{set}: the chosen step");
        let ours = prim::significance(&d, &steps, chosen);
        assert_eq!(ours.len(), ema.rows.len(), "{set}");
        for (s, row) in ours.iter().zip(&ema.rows) {
            assert_eq!(input.names[s.input], row[1]);
            assert_eq!(if s.lower { "low" } else { "high" }, row[2]);
            let theirs = num(&row[3]);
            assert!(
                (s.qp / theirs - 1.0).abs() < 1e-6,
                "{set} {}: {} vs {theirs}",
                row[1],
                s.qp
            );
        }
    }
}

#[test]
fn text_shows_the_trade_off_and_the_box() {
    let dir = TempDir::new("discover-text");
    let out = dir.run(&[
        "discover",
        &data("prim-scales.csv"),
        "--outcome",
        "y",
        "--threshold",
        "0.5",
        "--format",
        "text",
    ]);
    out.success()
        .stdout_has("PRIM: y > 0.5 in 80 of 1000 samples")
        .stdout_has("<- chosen")
        .stdout_has("Chosen box: step 47")
        .stdout_has("upper limit qp 1.1e-32")
        .stdout_has("unrestricted: d");
    let json = dir.run(&[
        "discover",
        &data("prim-scales.csv"),
        "--outcome",
        "y",
        "--threshold",
        "0.5",
        "--format",
        "json",
    ]);
    json.success();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 50);
    assert_eq!(v[0]["coverage"].as_f64(), Some(1.0));
    // --below flips the cases; --pick shows another step.
    let below = dir.run(&[
        "discover",
        &data("prim-scales.csv"),
        "--outcome",
        "y",
        "--threshold",
        "0.5",
        "--below",
        "--pick",
        "3",
        "--format",
        "text",
    ]);
    below
        .success()
        .stdout_has("y < 0.5 in 920 of 1000")
        .stdout_has("Chosen box: step 3 (--pick)");
}

#[test]
fn discover_reads_explore_output() {
    let dir = TempDir::new("discover-explore");
    dir.write(
        "s.toml",
        "[scenario]\nname = \"s\"\nruns = 100\n[uncertainty]\n\"iran.resilience\" = { low = 0.2, high = 0.7 }\n\
         \"lifeline.probability\" = { low = 0.0, high = 0.3 }\n\"us.policy\" = [\"maximum_pressure\", \"engagement\"]\n",
    );
    dir.run(&[
        "explore",
        "s.toml",
        "--samples",
        "200",
        "--out",
        "samples.csv",
    ])
    .success();
    let out = dir.run(&[
        "discover",
        "samples.csv",
        "--outcome",
        "regime_crisis",
        "--threshold",
        "0.2",
        "--out",
        "traj.csv",
    ]);
    out.success()
        .stderr_has("not numeric, so not inputs: us.policy");
    let csv = Csv::parse(&dir.read("traj.csv"));
    assert_eq!(
        csv.header,
        [
            "step",
            "coverage",
            "density",
            "mass",
            "n_restricted",
            "iran.resilience_low",
            "iran.resilience_high",
            "lifeline.probability_low",
            "lifeline.probability_high"
        ]
    );
    let first = &csv.rows[0];
    assert_eq!(
        (
            first[0].as_str(),
            first[1].as_str(),
            first[3].as_str(),
            first[4].as_str()
        ),
        ("0", "1.000000", "1.000000", "0")
    );
    // The same bytes again (PRIM is deterministic).
    let again = dir.run(&[
        "discover",
        "samples.csv",
        "--outcome",
        "regime_crisis",
        "--threshold",
        "0.2",
    ]);
    assert_eq!(again.stdout, dir.read("traj.csv"));
}

#[test]
fn huge_limits_are_written_short_and_exact() {
    // A box limit of 1e300 was written as a 301-digit number.
    let dir = TempDir::new("discover-huge");
    let mut csv = "x,z,y\n".to_string();
    for i in 0..=40 {
        let x = 1e300 * f64::from(i - 20) / 20.0;
        let y = i32::from((22..35).contains(&i));
        csv.push_str(&format!("{x:e},{},{y}\n", f64::from(i) / 40.0));
    }
    let f = dir.write("huge.csv", &csv);
    let out = dir.run(&["discover", &f, "--outcome", "y", "--threshold", "0.5"]);
    out.success();
    let t = Csv::parse(&out.stdout);
    let (lo, hi) = (t.col("x_low"), t.col("x_high"));
    for r in &t.rows {
        for c in [lo, hi] {
            assert!(r[c].len() <= 24, "{}", r[c]);
            assert!(num(&r[c]).is_finite());
        }
    }
    assert_eq!(t.rows[0][lo], "-1e300");
    assert_eq!(t.rows[0][hi], "1e300");
    assert_eq!(num(&t.rows[0][hi]), 1e300);
}

#[test]
fn scenario_values_are_written_short_and_read_back() {
    // The same formatter writes scenario values (check, explore's CSV): a
    // tiny value is not written as a long decimal, and check's output
    // reads back as the same scenario.
    let dir = TempDir::new("discover-short-values");
    dir.run(&[
        "check",
        "baseline-2025",
        "--set",
        "iran.resilience=0.0000001",
        "--out",
        "c.toml",
        "-q",
    ])
    .success();
    let text = dir.read("c.toml");
    assert!(text.contains("\nresilience = 1e-7 "), "{text}");
    dir.run(&["check", "c.toml", "--out", "again.toml", "-q"])
        .success();
    assert!(dir.read("again.toml").contains("\nresilience = 1e-7 "));
}
