//! The worked examples of `docs/MODEL.md`, section 10, recomputed by the code.
//!
//! Each number the document prints to four decimals is asserted here to the
//! same four decimals, so the document cannot drift from the transition
//! function: change an equation or a default and this test names the line of
//! MODEL.md that has to change with it.

use catch22::model::state::{
    crisis_hazard, effective_pressure, expected_concession_shock, survivable, terms, veto_limit,
};
use catch22::model::{Channel, IranAction, Outcome, Params, Shocks, State, UsAction, transition};
use catch22::scenario::Scenario;

/// The baseline parameters, exactly as `catch22 run baseline-2025` uses them.
fn baseline() -> Params {
    Scenario::load("baseline-2025")
        .expect("baseline-2025 loads")
        .point(0)
        .expect("baseline-2025 is valid")
        .params
}

/// Asserts that `actual` prints as `expected` with four decimals.
#[track_caller]
fn four(what: &str, actual: f64, expected: &str) {
    assert_eq!(
        format!("{actual:.4}"),
        expected,
        "{what}: the code gives {actual}, docs/MODEL.md prints {expected}"
    );
}

/// Section 10.1: round 1 of baseline-2025 with neutral draws and theta = 0.25.
#[test]
fn baseline_round_one_by_hand() {
    let p = baseline();
    // u = 0.5 draws theta = theta-bar + s*(2u - 1) = theta-bar exactly.
    let mut s = State::initial(&p, 0.5);
    four("theta", s.threshold, "0.2500");
    four("R0", s.resilience, "0.4500");
    four("L0", s.leverage, "0.2500");
    four("N0", s.nuclear, "0.7000");
    four("H0", s.hardliners, "0.6500");
    four("P0", s.pressure, "0.4000");
    four("D0", s.talks, "0.0000");
    assert!(s.lifeline, "the baseline starts with a lifeline");

    // The policies' view of the start-of-round state.
    let x0 = terms(&p, s.pressure, s.leverage);
    four("x at the start of round 1", x0, "0.4950");
    four("veto limit at H0", veto_limit(&p, s.hardliners), "0.6750");
    let shock0 = expected_concession_shock(&p, x0, s.hardliners);
    four("expected concession shock at the start", shock0, "0.1968");
    four("R0 - shock", s.resilience - shock0, "0.2532");
    assert!(
        !survivable(&p, &s, x0, 0.05),
        "not survivable with margin 0.05"
    );
    assert!(
        survivable(&p, &s, x0, 0.0),
        "survivable with margin 0 at theta-bar"
    );

    let sh = Shocks::neutral();
    let us = p.us_policy.choose(&p, &s, sh.us);
    assert_eq!(
        us,
        UsAction::Tighten,
        "maximum_pressure tightens in round 1"
    );
    let iran = p.iran_policy.choose(&p, &s, us, sh.iran);
    assert_eq!(
        iran,
        IranAction::Intermediary,
        "fence_sitter talks through an intermediary in round 1"
    );

    let step = transition(&p, &mut s, us, iran, &sh);

    // Step 1: pressure; step 2: effective pressure (the lifeline is on).
    four("P1", s.pressure, "0.4480");
    four(
        "P_eff",
        effective_pressure(&p, s.pressure, true, false),
        "0.1792",
    );
    // Step 3: talks through an unanswered intermediary.
    four("D1", s.talks, "0.0150");
    assert_eq!(s.first_channel, Some(Channel::Intermediary));
    assert!(!s.interim);
    // Step 4: the four updates.
    four("R1", s.resilience, "0.4611");
    four("L1", s.leverage, "0.2425");
    four("N1", s.nuclear, "0.7040");
    four("H1", s.hardliners, "0.6513");
    // Step 5: no war, no deal check (the US did not engage), crisis hazard.
    four(
        "crisis hazard",
        crisis_hazard(&p, s.resilience, s.threshold),
        "0.0003",
    );
    assert!(step.terminal.is_none());
    // Step 6: the lifeline stays on.
    assert!(s.lifeline);
    assert!(step.events.is_empty());
    assert_eq!(s.round, 1);
    assert_eq!(s.last_iran, IranAction::Intermediary);
    assert_eq!(s.last_us, UsAction::Tighten);

    // What the next round's policies will see.
    let x1 = terms(&p, s.pressure, s.leverage);
    four("x after round 1", x1, "0.5084");
    let shock1 = expected_concession_shock(&p, x1, s.hardliners);
    four("expected shock after round 1", shock1, "0.2022");
    four("R1 - shock", s.resilience - shock1, "0.2590");
}

/// Section 10.2: a round that closes a deal (baseline parameters, a state
/// built by hand: no lifeline, R = 0.55, L = 0.3, talks at 0.95 after a round
/// of direct talks).
#[test]
fn baseline_deal_round_by_hand() {
    let p = baseline();
    let mut s = State::initial(&p, 0.5);
    s.lifeline = false;
    s.resilience = 0.55;
    s.leverage = 0.3;
    s.talks = 0.95;
    s.first_channel = Some(Channel::Intermediary);
    s.last_iran = IranAction::Negotiate;

    // Iran's view: the deal at today's terms is survivable with the margin.
    let x0 = terms(&p, s.pressure, s.leverage);
    four("x at the start", x0, "0.4700");
    four(
        "R - shock at the start",
        s.resilience - expected_concession_shock(&p, x0, s.hardliners),
        "0.3632",
    );

    let sh = Shocks::neutral();
    let us = p.us_policy.choose(&p, &s, sh.us);
    assert_eq!(
        us,
        UsAction::Engage,
        "maximum_pressure answers direct talks"
    );
    let iran = p.iran_policy.choose(&p, &s, us, sh.iran);
    assert_eq!(iran, IranAction::Negotiate, "no lifeline, survivable terms");

    let step = transition(&p, &mut s, us, iran, &sh);

    four("P", s.pressure, "0.3600");
    four("D (clamped)", s.talks, "1.0000");
    four("L", s.leverage, "0.2910");
    four("N", s.nuclear, "0.7040");
    four("H", s.hardliners, "0.6265");
    let x = terms(&p, s.pressure, s.leverage);
    four("x at the deal", x, "0.4665");
    four("veto limit", veto_limit(&p, s.hardliners), "0.6867");
    let shock = expected_concession_shock(&p, x, s.hardliners);
    four("expected concession shock", shock, "0.1838");
    four(
        "R after the updates, before the shock",
        s.resilience + shock,
        "0.5462",
    );
    // The shock (scale 1 with backlash draw 0.5) leaves R = 0.5462 - 0.1838.
    four("R after the deal", s.resilience, "0.3624");
    let t = step.terminal.expect("the round ends");
    assert_eq!(t.outcome, Outcome::Deal);
    assert_eq!(t.channel, Some(Channel::Direct));
    four("terms", t.terms.expect("a deal has terms"), "0.4665");
    assert_eq!(s.first_channel, Some(Channel::Intermediary));
    assert!(!s.lifeline);
}
