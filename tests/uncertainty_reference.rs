//! The sensitivity methods against independent references: the analytic
//! Sobol' indices of the Ishigami function and Sobol's g-function, and
//! SALib 1.6's Sobol' and Morris results on them (`tests/data/uncertainty/`,
//! made by `scripts/salib-reference.py`).

use std::collections::HashMap;

use catch22::uncertainty::design::{DESIGN_STREAM, stream_rng};
use catch22::uncertainty::responses::Responses;
use catch22::uncertainty::{TestFunction, morris, saltelli};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/uncertainty");

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{DATA}/{name}"))
        .unwrap_or_else(|e| panic!("cannot read {name}: {e}"))
}

/// (function, method, samples, parameter, measure).
type Key = (String, String, usize, String, String);

/// SALib's results: key -> (value, conf).
fn salib() -> HashMap<Key, (f64, f64)> {
    read("salib-results.csv")
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let conf = f[6].parse().unwrap_or(f64::NAN);
            (
                (
                    f[0].to_string(),
                    f[1].to_string(),
                    f[2].parse().unwrap(),
                    f[3].to_string(),
                    f[4].to_string(),
                ),
                (f[5].parse().unwrap(), conf),
            )
        })
        .collect()
}

/// SALib's (value, conf) of one measure.
fn get(
    reference: &HashMap<Key, (f64, f64)>,
    f: TestFunction,
    method: &str,
    samples: usize,
    parameter: &str,
    measure: &str,
) -> (f64, f64) {
    let key = (
        f.name().to_string(),
        method.to_string(),
        samples,
        parameter.to_string(),
        measure.to_string(),
    );
    reference[&key]
}

fn functions() -> [TestFunction; 2] {
    [TestFunction::Ishigami, TestFunction::SobolG]
}

fn exact(y: Vec<f64>) -> Responses {
    Responses::exact(vec!["y".to_string()], y)
}

/// On SALib's own design and outputs, the Saltelli 2010 and Jansen
/// estimators give SALib's point estimates exactly, and the bootstrap
/// intervals are as wide as SALib's (normal-approximation) ones.
#[test]
fn sobol_estimates_equal_salib_on_its_outputs() {
    let reference = salib();
    for f in functions() {
        let k = f.dims();
        let y: Vec<f64> = read(&format!("salib-sobol-{}.csv", f.name()))
            .lines()
            .skip(1)
            .map(|l| l.parse().unwrap())
            .collect();
        assert_eq!(y.len(), 256 * (k + 2));
        let out = &saltelli::analyze(&exact(y), k, 1000, 1)[0];
        for i in 0..k {
            let p = format!("x{}", i + 1);
            let (s1, s1_conf) = get(&reference, f, "sobol", 256, &p, "S1");
            let (st, st_conf) = get(&reference, f, "sobol", 256, &p, "ST");
            let x = out.indices[i];
            assert!(
                (x.first.value - s1).abs() < 1e-9,
                "{f} {p} S1 {} vs SALib {s1}",
                x.first.value
            );
            assert!(
                (x.total.value - st).abs() < 1e-9,
                "{f} {p} ST {} vs SALib {st}",
                x.total.value
            );
            for (what, lo, hi, conf) in [
                ("S1", x.first.low, x.first.high, s1_conf),
                ("ST", x.total.low, x.total.high, st_conf),
            ] {
                let half = (hi - lo) / 2.0;
                assert!(
                    half > 0.7 * conf && half < 1.4 * conf || (half < 1e-6 && conf < 1e-6),
                    "{f} {p} {what}: half-width {half} vs SALib's {conf}"
                );
            }
        }
    }
}

/// catch22's own design and estimate with N = 16384 (as
/// `catch22 sensitivity --function F --samples 16384`): the analytic indices
/// lie in every interval, and SALib's estimate at the same N agrees within
/// the two estimates' combined uncertainty.
#[test]
fn sobol_indices_agree_with_analytic_values_and_salib() {
    let reference = salib();
    for f in functions() {
        let k = f.dims();
        let mut rng = stream_rng(2025, DESIGN_STREAM);
        let u = saltelli::design(16384, k, &mut rng).unwrap();
        let y = u
            .chunks(k)
            .map(|p| f.eval(&p.iter().map(|x| f.input(*x)).collect::<Vec<_>>()))
            .collect();
        let out = &saltelli::analyze(&exact(y), k, 1000, 2025)[0];
        let (s1, st) = f.analytic();
        for i in 0..k {
            let x = out.indices[i];
            let p = format!("x{}", i + 1);
            assert!(
                x.first.low <= s1[i] && s1[i] <= x.first.high,
                "{f} {p} S1 {x:?} vs {}",
                s1[i]
            );
            assert!(
                x.total.low <= st[i] && st[i] <= x.total.high,
                "{f} {p} ST {x:?} vs {}",
                st[i]
            );
            for (m, mine, lo, hi) in [
                ("S1", x.first.value, x.first.low, x.first.high),
                ("ST", x.total.value, x.total.low, x.total.high),
            ] {
                let (theirs, conf) = get(&reference, f, "sobol", 16384, &p, m);
                let mine_half = (hi - lo) / 2.0;
                let allowed = (mine_half * mine_half + conf * conf).sqrt();
                assert!(
                    (mine - theirs).abs() <= allowed,
                    "{f} {p} {m}: {mine} vs SALib {theirs} (allowed {allowed})"
                );
            }
        }
    }
}

/// SALib's trajectories, read back onto the unit scale.
fn salib_trajectories(f: TestFunction) -> (Vec<f64>, Vec<f64>) {
    let (lo, hi) = f.bounds();
    let mut unit = Vec::new();
    let mut y = Vec::new();
    for line in read(&format!("salib-morris-{}.csv", f.name()))
        .lines()
        .skip(1)
    {
        let v: Vec<f64> = line.split(',').map(|x| x.parse().unwrap()).collect();
        let (x, out) = v.split_at(f.dims());
        // Our definition of the function gives SALib's outputs.
        let ours = f.eval(x);
        assert!(
            (ours - out[0]).abs() <= 1e-12 * (1.0 + out[0].abs()),
            "{f}: {ours} vs {}",
            out[0]
        );
        unit.extend(x.iter().map(|v| (v - lo) / (hi - lo)));
        y.push(out[0]);
    }
    (unit, y)
}

/// On SALib's trajectories, μ, μ* and σ equal SALib's; μ*'s bootstrap
/// half-width is SALib's within the resampling noise.
#[test]
fn morris_measures_equal_salib_on_its_trajectories() {
    let reference = salib();
    for f in functions() {
        let k = f.dims();
        let (u, y) = salib_trajectories(f);
        let out = &morris::analyze(&u, k, 4, &exact(y), 1000, 1).unwrap()[0];
        for i in 0..k {
            let p = format!("x{}", i + 1);
            let get = |m: &str| get(&reference, f, "morris", 50, &p, m).0;
            let m = out.measures[i];
            for (what, mine, theirs) in [
                ("mu", m.mu, get("mu")),
                ("mu_star", m.mu_star, get("mu_star")),
                ("sigma", m.sigma, get("sigma")),
            ] {
                assert!(
                    (mine - theirs).abs() <= 1e-9 * (1.0 + theirs.abs()),
                    "{f} {p} {what}: {mine} vs {theirs}"
                );
            }
            let conf = get("mu_star_conf");
            assert!(
                (m.mu_star_conf - conf).abs() <= 0.2 * conf + 1e-9,
                "{f} {p} mu_star_conf {} vs SALib {conf}",
                m.mu_star_conf
            );
        }
    }
}

/// catch22's own trajectories (r = 1000): μ* agrees with SALib's r = 1000
/// estimate within the two half-widths combined.
#[test]
fn morris_mu_star_agrees_with_salib() {
    let reference = salib();
    for f in functions() {
        let k = f.dims();
        let mut rng = stream_rng(2025, DESIGN_STREAM);
        let u = morris::design(1000, k, 4, &mut rng);
        let y = u
            .chunks(k)
            .map(|p| f.eval(&p.iter().map(|x| f.input(*x)).collect::<Vec<_>>()))
            .collect();
        let out = &morris::analyze(&u, k, 4, &exact(y), 1000, 2025).unwrap()[0];
        for i in 0..k {
            let p = format!("x{}", i + 1);
            let get = |m: &str| get(&reference, f, "morris", 1000, &p, m).0;
            let m = out.measures[i];
            let allowed = (m.mu_star_conf.powi(2) + get("mu_star_conf").powi(2)).sqrt() + 1e-9;
            assert!(
                (m.mu_star - get("mu_star")).abs() <= allowed,
                "{f} {p}: mu* {} vs SALib {} (allowed {allowed})",
                m.mu_star,
                get("mu_star")
            );
        }
    }
}
