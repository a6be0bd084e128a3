//! The worked examples of `docs/MODEL.md`, section 10, recomputed by hand.
//!
//! Every quantity is computed here twice: once by the plain arithmetic of the
//! equations as the document writes them, once by the model's own functions
//! (the transition, the survival yardstick, the US offer, the policies), and
//! the two must agree; the numbers the document prints to four decimals are
//! pinned as text, so the document cannot drift from the code. The US offer
//! is checked against a brute-force search over 200,001 demands.

use catch22::model::offer::offer;
use catch22::model::state::{crisis_hazard, effective_pressure, veto_limit};
use catch22::model::survival::{deal, refuse};
use catch22::model::{
    Acceptance, Channel, Diplomacy, Enforcement, IranAction, Outcome, Params, Shocks, State,
    UsAction, payoff, transition,
};
use catch22::policy::Players;
use catch22::scenario::Scenario;

/// The baseline, exactly as `catch22 run baseline-2025` uses it.
fn baseline() -> (Params, Players) {
    let pt = Scenario::load("baseline-2025")
        .expect("baseline-2025 loads")
        .point(0)
        .expect("baseline-2025 is valid");
    (pt.params, pt.players)
}

/// Asserts that `actual` prints as `expected` with four decimals.
#[track_caller]
fn four(what: &str, actual: f64, expected: &str) {
    if std::env::var_os("CATCH22_PRINT_EXAMPLE").is_some() {
        eprintln!("{what}: {actual:.4}");
        return;
    }
    assert_eq!(
        format!("{actual:.4}"),
        expected,
        "{what}: the code gives {actual}, docs/MODEL.md prints {expected}"
    );
}

/// Asserts that the hand computation and the code agree.
#[track_caller]
fn same(what: &str, hand: f64, code: f64) {
    assert!(
        (hand - code).abs() < 1e-9,
        "{what}: by hand {hand}, the code {code}"
    );
}

/// The mean of g^k, k = 1..n.
fn mean_power(g: f64, n: f64) -> f64 {
    g * (1.0 - g.powf(n)) / (n * (1.0 - g))
}

/// The survival yardstick by hand: the resilience path from `start` for n
/// rounds under the felt pressure P_j = α + β·hʲ, in closed form
/// R_k = g^k·R₀ + (a − bα)(1 − g^k)/(1 − g) − bβh(g^k − h^k)/(g − h),
/// read at k = 0, n/4, n/2, 3n/4, n; Simpson's rule on the crisis hazard.
/// Returns the survival and the five points.
fn survival(
    p: &Params,
    start: f64,
    (alpha, beta, h): (f64, f64, f64),
    n: f64,
    theta: f64,
) -> (f64, [f64; 5]) {
    let (a, b) = (p.resilience.recovery, p.resilience.pressure_cost);
    let g = 1.0 - a;
    let at = |k: f64| {
        let (gk, hk) = (g.powf(k), h.powf(k));
        let falling = if beta == 0.0 {
            0.0
        } else {
            b * beta * h * (gk - hk) / (g - h)
        };
        g.powf(k) * start + (a - b * alpha) * (1.0 - gk) / (1.0 - g) - falling
    };
    let points = [0.0, 0.25, 0.5, 0.75, 1.0].map(|f| at(f * n));
    if points.iter().any(|&r| r < theta) {
        return (0.0, points);
    }
    let hz = |r: f64| p.hazard.crisis_max * (-(r - theta) / p.hazard.crisis_width).exp();
    let weights = [1.0, 4.0, 2.0, 4.0, 1.0];
    let lambda = n / 12.0 * (0..5).map(|i| weights[i] * hz(points[i])).sum::<f64>();
    ((-lambda).exp(), points)
}

/// The felt pressure path under tightening from P, felt at share M:
/// P_j = M·(1 − (1 − P)(1 − τ)ʲ).
fn tightening(p: &Params, pressure: f64, share: f64) -> (f64, f64, f64) {
    (share, -(1.0 - pressure) * share, 1.0 - p.sanctions.tighten)
}

/// The US objective (x + c)·E[signed and standing] under the uniform belief
/// on [lo, hi], integrated numerically over 4,000 types.
fn objective(p: &Params, s: &State, outside: f64, x: f64) -> f64 {
    let (lo, hi) = (s.belief_low, p.belief.support().1);
    let d = &p.deal;
    let rate = d.concession_cost * (1.0 + d.backlash * s.hardliners);
    let chips = d.leverage_weight * s.leverage + d.latency_weight * s.nuclear;
    let spread = d.shock_spread;
    let sign = 1.0 - spread + 2.0 * spread * outside;
    const K: usize = 4000;
    let mut sum = 0.0;
    for k in 0..K {
        let theta = lo + (hi - lo) * (k as f64 + 0.5) / K as f64;
        let shock = rate * (x + chips);
        if theta > s.resilience - shock * sign {
            continue; // refuses
        }
        let u_max = (s.resilience - theta) / shock;
        sum += ((u_max - (1.0 - spread)) / (2.0 * spread)).clamp(0.0, 1.0);
    }
    (x + d.breakdown_cost) * sum / K as f64
}

/// The US offer by brute force: the best of 2,001 evenly spaced demands,
/// refined around the best.
fn offer_by_search(p: &Params, s: &State, outside: f64) -> f64 {
    let mut best = (0.0, f64::MIN);
    // A coarse search, then a fine one around the best.
    for k in 0..=2000 {
        let x = k as f64 / 2000.0;
        let v = objective(p, s, outside, x);
        if v > best.1 {
            best = (x, v);
        }
    }
    let centre = best.0;
    for k in 0..=200 {
        let x = (centre - 0.0005 + k as f64 * 0.000_005).clamp(0.0, 1.0);
        let v = objective(p, s, outside, x);
        if v > best.1 {
            best = (x, v);
        }
    }
    best.0
}

/// The code's offer is as good for the US as the search's best, within the
/// numerical integration's error.
#[track_caller]
fn as_good(p: &Params, s: &State, outside: f64, x: f64) {
    let searched = offer_by_search(p, s, outside);
    let (got, best) = (
        objective(p, s, outside, x),
        objective(p, s, outside, searched),
    );
    assert!(
        got >= best - 2e-4 && (x - searched).abs() < 0.01,
        "offer {x} (value {got}) against the search's {searched} (value {best})"
    );
}

/// Section 10.1: round 1 of baseline-2025 with neutral draws and θ = 0.25.
#[test]
fn baseline_round_one_by_hand() {
    let (p, players) = baseline();
    // u = 0.5 draws θ = θ̄ + s·(2u − 1) = θ̄ exactly.
    let mut s = State::initial(&p, 0.5);
    four("theta", s.threshold, "0.2500");
    assert!(s.lifeline, "the baseline starts with a lifeline");

    // The US moves: maximum pressure tightens, and Iran has not talked yet.
    let sh = Shocks::neutral();
    let us = players.us.choose(&p, &s, sh.us);
    assert_eq!(us, UsAction::Act(Enforcement::Tighten, Diplomacy::None));

    // Iran's refusal horn: 48 rounds left.
    let n = 48.0;
    let (on, off) = (p.lifeline.start, p.lifeline.end);
    let l_inf = on / (on + off);
    let l_bar = l_inf + (1.0 - l_inf) * mean_power(1.0 - on - off, n);
    four("expected lifeline share", l_bar, "0.6482");
    let share = 1.0 - p.lifeline.offset * l_bar;
    four("felt share", share, "0.6111");
    let refusing = tightening(&p, 0.4, share);
    let (s_r, r_path) = survival(&p, s.resilience, refusing, n, s.threshold);
    four(
        "R at the end of the term when refusing",
        r_path[4],
        "0.4463",
    );
    four("refusal survival", s_r, "0.9910");
    same(
        "refusal survival",
        s_r,
        refuse(&p, &s, Enforcement::Tighten, s.threshold),
    );
    // The US offer, from its belief [0.17, 0.33] (midpoint 0.25).
    let (s_mid, _) = survival(&p, s.resilience, refusing, n, 0.25);
    let x = offer(&p, &s, Enforcement::Tighten).terms;
    as_good(&p, &s, s_mid, x);
    four("the US offer", x, "0.1312");
    four(
        "the hardliners' limit",
        veto_limit(&p, s.hardliners),
        "0.3750",
    );
    // The deal horn at that offer.
    let d = &p.deal;
    let rate = d.concession_cost * (1.0 + d.backlash * s.hardliners);
    let chips = d.leverage_weight * s.leverage + d.latency_weight * s.nuclear;
    four("concession rate", rate, "0.3975");
    four("chips", chips, "0.1600");
    let worst = s.resilience - rate * (x + chips) * (1.0 + d.shock_spread);
    assert!(worst >= s.threshold, "the worst shock is survived");
    let after = s.resilience - rate * (x + chips);
    four("R after the mean shock", after, "0.3342");
    let felt_deal = 0.4 * (1.0 - d.relief) * (1.0 - p.lifeline.offset * l_bar);
    let (s_post, _) = survival(&p, after, (felt_deal, 0.0, 1.0), n, s.threshold);
    four("deal survival", s_post, "0.9749");
    same("deal survival", s_post, deal(&p, &s, x, s.threshold));
    // Refusing is survivable (0.9910 >= 0.9): no direct talks; leverage
    // 0.25 >= 0.2: no confrontation. Iran talks through an intermediary.
    let iran = players.iran.choose(&p, &s, us, sh.iran);
    assert_eq!(iran, IranAction::Intermediary);

    // The round.
    let step = transition(&p, &mut s, us, iran, &sh, &players.iran);
    assert_eq!(step.terminal, None);
    let p1 = 0.4 + p.sanctions.tighten * 0.6;
    four("P'", s.pressure, "0.4480");
    same("P'", p1, s.pressure);
    let pe = p1 * (1.0 - p.lifeline.offset);
    four("P_eff", pe, "0.1792");
    same(
        "P_eff",
        pe,
        effective_pressure(&p, s.pressure, s.lifeline, s.interim),
    );
    four("D' (the US did not talk)", s.talks, "0.0000");
    let r1 = 0.45 + p.resilience.recovery * 0.55 - p.resilience.pressure_cost * pe;
    four("R'", s.resilience, "0.4611");
    same("R'", r1, s.resilience);
    four("L'", s.leverage, "0.2425");
    four("N'", s.nuclear, "0.7040");
    let h1 = 0.65 + p.hardliners.pressure_gain * pe * 0.35;
    four("H'", s.hardliners, "0.6513");
    same("H'", h1, s.hardliners);
    four(
        "crisis hazard",
        crisis_hazard(&p, s.resilience, s.threshold),
        "0.0003",
    );
    four("Iran's flow", payoff::iran_flow(&s), "0.4611");
    let us_flow = -p.payoff.latency_weight_us * s.nuclear
        - p.payoff.leverage_weight_us * s.leverage
        - p.payoff.enforcement_cost_us * s.pressure;
    four("the US flow", us_flow, "-0.3735");
    same("the US flow", us_flow, payoff::us_flow(&p, &s, us));

    // Round 2: the US answers the intermediary in kind while it tightens,
    // and the talks move.
    let us2 = players.us.choose(&p, &s, sh.us);
    assert_eq!(
        us2,
        UsAction::Act(Enforcement::Tighten, Diplomacy::Intermediary)
    );
    let iran2 = players.iran.choose(&p, &s, us2, sh.iran);
    transition(&p, &mut s, us2, iran2, &sh, &players.iran);
    four("D after round 2", s.talks, "0.0500");
    assert_eq!(s.first_channel, Some(Channel::Intermediary));
}

/// Section 10.2: talks complete; the US offers, Iran weighs the horns, the
/// shock decides between a deal and a crisis.
#[test]
fn a_round_that_closes_a_deal_by_hand() {
    let (p, players) = baseline();
    let mut s = State::initial(&p, 0.5);
    s.lifeline = false;
    s.pressure = 0.8;
    s.resilience = 0.45;
    s.leverage = 0.30;
    s.talks = 0.96;
    s.last_iran = IranAction::Intermediary;
    s.first_channel = Some(Channel::Intermediary);
    let sh = Shocks::neutral();
    let us = players.us.choose(&p, &s, sh.us);
    assert_eq!(
        us,
        UsAction::Act(Enforcement::Tighten, Diplomacy::Intermediary)
    );
    // Without a lifeline (one may come: λ_on = 0.05) and under heavy
    // pressure, refusing falls below the survival floor of 0.9.
    let n = 48.0;
    let (on, off) = (p.lifeline.start, p.lifeline.end);
    let l_inf = on / (on + off);
    let l_bar = l_inf * (1.0 - mean_power(1.0 - on - off, n));
    four("expected lifeline share without one", l_bar, "0.4398");
    let refusing = tightening(&p, 0.8, 1.0 - p.lifeline.offset * l_bar);
    let (s_r, _) = survival(&p, s.resilience, refusing, n, s.threshold);
    four("refusal survival", s_r, "0.8816");
    same(
        "refusal survival",
        s_r,
        refuse(&p, &s, Enforcement::Tighten, s.threshold),
    );
    let iran = players.iran.choose(&p, &s, us, sh.iran);
    let x_now = offer(&p, &s, Enforcement::Tighten).terms;
    let expected = if deal(&p, &s, x_now, s.threshold) >= s_r {
        IranAction::Negotiate
    } else {
        IranAction::Intermediary
    };
    assert_eq!(iran, expected);
    four("the offer Iran sees", x_now, "0.1361");
    assert_eq!(iran, IranAction::Negotiate, "the deal is the less bad horn");

    let mut mid = s;
    let step = transition(&p, &mut s, us, iran, &sh, &players.iran);
    // The talks complete through the intermediary channel at D = 1.
    let x = step.offer.expect("terms on the table");
    // The offer is made on the state after the round's updates.
    mid.pressure = 0.8 + p.sanctions.tighten * 0.2;
    let pe = mid.pressure;
    mid.resilience = 0.45 + p.resilience.recovery * 0.55 - p.resilience.pressure_cost * pe;
    if iran == IranAction::Negotiate {
        // Direct talks under public refusal: the audience cost c_A·H.
        mid.resilience -= p.resilience.audience_cost * 0.65;
    }
    four("R' before the terms", mid.resilience, "0.4355");
    mid.leverage = 0.30 * (1.0 - p.leverage.decay);
    mid.nuclear = 0.7 + p.nuclear.drift;
    mid.hardliners = 0.65 + p.hardliners.pressure_gain * pe * 0.35;
    mid.talks = 1.0;
    let outside = survival(
        &p,
        mid.resilience,
        tightening(&p, mid.pressure, 1.0 - p.lifeline.offset * l_bar),
        n,
        0.25,
    )
    .0;
    as_good(&p, &mid, outside, x);
    four("the US offer at completion", x, "0.1279");
    let t = step.terminal.expect("the run ends");
    assert_eq!(t.channel, Some(Channel::Intermediary));
    assert_eq!(t.terms, Some(x));
    // Accepted (the less bad horn), the mean shock (u = 0.5 gives scale 1).
    let d = &p.deal;
    let rate = d.concession_cost * (1.0 + d.backlash * mid.hardliners);
    let chips = d.leverage_weight * mid.leverage + d.latency_weight * mid.nuclear;
    let after = mid.resilience - rate * (x + chips);
    four("R after the shock", after, "0.3126");
    same("R after the shock", after, s.resilience);
    let outcome = if after < s.threshold {
        Outcome::RegimeCrisis
    } else {
        Outcome::Deal
    };
    assert_eq!(t.outcome, outcome);
    assert!(players.iran.accepts(&p, &mid, Enforcement::Tighten, x));
}
