//! The transition function: one round of the game, given both actions and the
//! round's random draws. It is the single source of truth for the dynamics —
//! the Monte Carlo engine, `trace` and every later analysis call it.
//!
//! Every line corresponds to an equation in `docs/MODEL.md`, section "One round".

use rand::Rng;

use super::action::{Channel, Diplomacy, Enforcement, IranAction, Outcome, UsAction};
use super::offer::offer;
use super::params::Params;
use super::state::{State, concession_shock, crisis_hazard, effective_pressure, veto_limit};

/// The uniform draws of one round, each in (0, 1).
///
/// Every round draws the same ten numbers in the same order, used or not (the
/// tenth is reserved, so that a later draw shifts no stream), so that runs
/// with the same (seed, run) stay aligned across parameter values: sweep
/// points share common random numbers round by round.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shocks {
    /// The US policy's mixing draw.
    pub us: f64,
    /// Iran's policy's mixing draw.
    pub iran: f64,
    /// Resilience noise.
    pub noise: f64,
    /// War hazard.
    pub war: f64,
    /// Crisis hazard.
    pub crisis: f64,
    /// The size of a deal's concession shock.
    pub backlash: f64,
    /// Interim-deal breakdown.
    pub interim: f64,
    /// The lifeline switch.
    pub lifeline: f64,
    /// How far talks move this round (uneven progress).
    pub talks: f64,
}

/// A uniform in (0, 1) from 32 random bits: (k + ½)/2³², never 0 or 1.
#[inline(always)]
pub fn uniform(bits: u32) -> f64 {
    (bits as f64 + 0.5) * (1.0 / 4_294_967_296.0)
}

impl Shocks {
    /// Draws the ten uniforms of a round, one per 32-bit word, in field order
    /// (the tenth reserved).
    ///
    /// The words are read as five `next_u64` calls, low half first: for
    /// `ChaCha8Rng` (like every rand_core block generator of `u32` words) that
    /// is the same stream as ten `next_u32` calls, with half the buffer
    /// checks. `engine::seeding` pins this equivalence in a test.
    #[inline(always)]
    pub fn draw<R: Rng + ?Sized>(rng: &mut R) -> Shocks {
        let a = rng.next_u64();
        let b = rng.next_u64();
        let c = rng.next_u64();
        let d = rng.next_u64();
        let e = rng.next_u64();
        let lo = |w: u64| uniform(w as u32);
        let hi = |w: u64| uniform((w >> 32) as u32);
        Shocks {
            us: lo(a),
            iran: hi(a),
            noise: lo(b),
            war: hi(b),
            crisis: lo(c),
            backlash: hi(c),
            interim: lo(d),
            lifeline: hi(d),
            talks: lo(e),
        }
    }

    /// Draws that trigger nothing random: every hazard misses, noise is zero,
    /// policies take their first branch. Useful to recompute a round by hand.
    pub fn neutral() -> Shocks {
        Shocks {
            us: 0.5,
            iran: 0.5,
            noise: 0.5,
            war: 1.0,
            crisis: 1.0,
            backlash: 0.5,
            interim: 1.0,
            lifeline: 1.0,
            talks: 0.5,
        }
    }
}

/// Things that happened in a round, for the trace (a small bit set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Events(u16);

impl Events {
    /// A lifeline started (takes effect next round).
    pub const LIFELINE_START: Events = Events(1);
    /// The lifeline ended (takes effect next round).
    pub const LIFELINE_END: Events = Events(1 << 1);
    /// An interim deal was reached.
    pub const INTERIM_DEAL: Events = Events(1 << 2);
    /// The interim deal broke down.
    pub const INTERIM_BREAKDOWN: Events = Events(1 << 3);
    /// Talks completed but hardliners vetoed the terms.
    pub const VETOED: Events = Events(1 << 4);
    /// Talks completed but Iran's leadership refused the terms (the US
    /// updated its belief).
    pub const REFUSED: Events = Events(1 << 5);
    /// A US strike hit (and did not spiral).
    pub const STRIKE_HIT: Events = Events(1 << 6);
    /// A confrontation set talks back.
    pub const TALKS_SET_BACK: Events = Events(1 << 7);

    /// Names of all events, in bit order.
    pub const NAMES: [(Events, &'static str); 8] = [
        (Events::LIFELINE_START, "lifeline_starts"),
        (Events::LIFELINE_END, "lifeline_ends"),
        (Events::INTERIM_DEAL, "interim_deal"),
        (Events::INTERIM_BREAKDOWN, "interim_breakdown"),
        (Events::VETOED, "terms_vetoed_by_hardliners"),
        (Events::REFUSED, "terms_refused"),
        (Events::STRIKE_HIT, "strike_absorbed"),
        (Events::TALKS_SET_BACK, "talks_set_back"),
    ];

    /// Whether all of `other` happened.
    pub fn contains(self, other: Events) -> bool {
        self.0 & other.0 == other.0
    }

    fn insert(&mut self, other: Events) {
        self.0 |= other.0;
    }

    /// Whether nothing happened.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Names of the events that happened, in bit order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        Events::NAMES
            .into_iter()
            .filter(move |(e, _)| self.contains(*e))
            .map(|(_, n)| n)
    }
}

/// How a run ended in this round.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Terminal {
    /// The outcome.
    pub outcome: Outcome,
    /// The talks channel that closed a deal (also for a deal that became a crisis).
    pub channel: Option<Channel>,
    /// The concessions x of a deal (also for a deal that became a crisis).
    pub terms: Option<f64>,
}

/// What a round produced.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// Set when the run ends in this round.
    pub terminal: Option<Terminal>,
    /// What happened, for the trace.
    pub events: Events,
    /// The terms on the table when talks completed this round (accepted,
    /// refused or vetoed).
    pub offer: Option<f64>,
}

/// Iran's leadership's answer to terms on the table. The model asks; the
/// answer is a policy's (`policy::IranPolicy` implements this), so the model
/// knows nothing of the policies.
pub trait Acceptance {
    /// Whether the leadership accepts concessions `x` in state `s`
    /// (mid-round, after the updates) with the US enforcing at `enforcement`.
    fn accepts(&self, p: &Params, s: &State, enforcement: Enforcement, x: f64) -> bool;
}

/// The channel of a round's talks: none unless both sides talk; through an
/// intermediary if either side uses one, direct only when both talk directly.
#[inline]
pub fn talks_channel(iran: IranAction, us: UsAction) -> Option<Channel> {
    match (iran.channel(), us.diplomacy()) {
        (None, _) | (_, Diplomacy::None) => None,
        (Some(Channel::Direct), Diplomacy::Direct) => Some(Channel::Direct),
        _ => Some(Channel::Intermediary),
    }
}

/// Plays one round: updates `s` in place for the given actions and draws.
///
/// Order (documented in `docs/MODEL.md` §4): pressure follows the US
/// enforcement; the interim deal may break down; talks move; resilience,
/// leverage, nuclear latency and hardliner influence update from the
/// start-of-round values and the new pressure; then war, the terms and
/// crisis are checked in that order; last, the lifeline switches for the next round.
#[inline]
pub fn transition<A: Acceptance + ?Sized>(
    p: &Params,
    s: &mut State,
    us: UsAction,
    iran: IranAction,
    sh: &Shocks,
    leadership: &A,
) -> Step {
    let mut draws = *sh;
    transition_with(p, s, us, iran, &mut draws, leadership)
}

/// The random events of a round, as the transition function asks for them.
///
/// The Monte Carlo engine answers from the round's [`Shocks`]; the equilibrium
/// solver answers every way at once with the probability of each, so that it
/// integrates the shocks exactly through this same transition function.
pub trait Draws {
    /// Whether the event `which`, of probability `prob`, happens.
    fn chance(&mut self, which: Draw, prob: f64) -> bool;
    /// [`Draws::chance`] of an event whose probability `prob()` is known to
    /// be at most `cap`: a draw that settles it against the cap need not
    /// compute the probability (the crisis hazard costs an `exp`).
    #[inline(always)]
    fn chance_at_most(&mut self, which: Draw, cap: f64, prob: impl FnOnce() -> f64) -> bool {
        let _ = cap;
        self.chance(which, prob())
    }
    /// The uniform `which` in (0, 1) (the resilience noise, the deal's backlash).
    fn uniform(&mut self, which: Draw) -> f64;
}

/// The random quantities of a round that the transition function reads (the
/// policies' mixing draws are not among them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Draw {
    /// Resilience noise (a uniform).
    Noise,
    /// War (an event).
    War,
    /// Crisis hazard (an event).
    Crisis,
    /// The size of a deal's concession shock (a uniform).
    Backlash,
    /// Interim-deal breakdown (an event).
    Interim,
    /// The lifeline switching on or off (an event).
    Lifeline,
    /// How far talks move (a uniform).
    Talks,
}

impl Draws for Shocks {
    #[inline(always)]
    fn chance(&mut self, which: Draw, prob: f64) -> bool {
        self.uniform(which) < prob
    }

    /// u < prob() is false whenever u ≥ cap ≥ prob(): the same answer.
    #[inline(always)]
    fn chance_at_most(&mut self, which: Draw, cap: f64, prob: impl FnOnce() -> f64) -> bool {
        let u = self.uniform(which);
        u < cap && u < prob()
    }

    #[inline(always)]
    fn uniform(&mut self, which: Draw) -> f64 {
        match which {
            Draw::Noise => self.noise,
            Draw::Backlash => self.backlash,
            Draw::War => self.war,
            Draw::Crisis => self.crisis,
            Draw::Interim => self.interim,
            Draw::Lifeline => self.lifeline,
            Draw::Talks => self.talks,
        }
    }
}

/// [`transition`] with the round's randomness asked of `d`: the one body of
/// the dynamics, for the engine (through [`transition`]) and the solver.
pub fn transition_with<D: Draws + ?Sized, A: Acceptance + ?Sized>(
    p: &Params,
    s: &mut State,
    us: UsAction,
    iran: IranAction,
    d: &mut D,
    leadership: &A,
) -> Step {
    let mut events = Events::default();
    let enforcement = us.enforcement();
    let strike = us.is_strike();
    let (r0, l0, n0, h0) = (s.resilience, s.leverage, s.nuclear, s.hardliners);

    // 1. Sanctions pressure follows enforcement; nothing else moves it.
    let sa = &p.sanctions;
    s.pressure = match enforcement {
        Enforcement::Tighten => s.pressure + sa.tighten * (1.0 - s.pressure),
        Enforcement::Hold => s.pressure - sa.erosion * s.pressure,
        Enforcement::Ease => s.pressure - sa.ease * s.pressure,
    }
    .clamp(0.0, 1.0);

    // 2. The interim deal binds the US not to tighten and Iran to freeze.
    let tk = &p.talks;
    if s.interim
        && (iran == IranAction::Escalate
            || strike
            || enforcement == Enforcement::Tighten
            || d.chance(Draw::Interim, tk.interim_breakdown))
    {
        s.interim = false;
        s.talks *= tk.setback;
        events.insert(Events::INTERIM_BREAKDOWN);
    }
    let pe = effective_pressure(p, s.pressure, s.lifeline, s.interim);

    // 3. Talks move only when both sides talk.
    let channel = talks_channel(iran, us);
    let pace = |rate: f64, d: &mut D| {
        let spread = tk.progress_spread;
        rate * (1.0 - spread + 2.0 * spread * d.uniform(Draw::Talks))
    };
    let progress = match channel {
        Some(Channel::Intermediary) => pace(tk.intermediary_rate, d),
        Some(Channel::Direct) => pace(tk.direct_rate * (1.0 - tk.hardliner_drag * h0), d),
        None => -tk.decay * s.talks,
    };
    s.talks = (s.talks + progress).clamp(0.0, 1.0);
    if iran == IranAction::Confront && s.talks > 0.0 && tk.confront_setback > 0.0 {
        s.talks *= 1.0 - tk.confront_setback;
        events.insert(Events::TALKS_SET_BACK);
    }
    if progress > 0.0 && s.first_channel.is_none() {
        s.first_channel = channel;
    }
    if channel == Some(Channel::Intermediary)
        && !s.interim
        && !strike
        && enforcement != Enforcement::Tighten
        && s.talks >= tk.interim_at
    {
        s.interim = true;
        events.insert(Events::INTERIM_DEAL);
    }

    // 4. Resilience, leverage, nuclear latency, hardliners.
    let rs = &p.resilience;
    let mut dr = rs.recovery * (1.0 - r0) - rs.pressure_cost * pe
        + rs.noise * (2.0 * d.uniform(Draw::Noise) - 1.0);
    let mut dl = -p.leverage.decay * l0;
    let mut dn = if s.interim { 0.0 } else { p.nuclear.drift }
        + p.nuclear.rebuild * (p.initial.nuclear - n0).max(0.0);
    let mut dh = p.hardliners.pressure_gain * pe * (1.0 - h0);
    match iran {
        IranAction::Confront => {
            dr -= rs.confront_cost;
            dl += p.leverage.confront_gain * (1.0 - l0);
            dh += p.hardliners.confront_gain * (1.0 - h0);
        }
        IranAction::Escalate => {
            dr -= rs.escalate_cost;
            dl += p.leverage.escalate_gain * (1.0 - l0);
            dn += p.nuclear.escalate_step;
            dh += p.hardliners.confront_gain * (1.0 - h0);
        }
        IranAction::Negotiate if p.leadership.public_refusal => dr -= rs.audience_cost * h0,
        _ => {}
    }
    if strike {
        dr -= rs.strike_damage;
        dl -= p.leverage.strike_loss * l0;
        dn -= p.nuclear.strike_setback * n0;
        dh += p.hardliners.confront_gain * (1.0 - h0);
    }
    if s.interim {
        dh -= p.hardliners.relief_loss * h0;
    }
    s.resilience = (r0 + dr).clamp(0.0, 1.0);
    s.leverage = (l0 + dl).clamp(0.0, 1.0);
    s.nuclear = (n0 + dn).clamp(0.0, 1.0);
    s.hardliners = (h0 + dh).clamp(0.0, 1.0);

    // 5. Terminal checks: war, then the terms, then crisis.
    let hz = &p.hazard;
    let mut war = hz.war_base;
    match iran {
        IranAction::Confront => war += hz.confront,
        IranAction::Escalate => war += hz.escalate * (1.0 + n0),
        _ => {}
    }
    if strike {
        war += hz.strike * 0.5 * (1.0 + h0);
    }
    let mut terminal = None;
    if d.chance(Draw::War, war) {
        terminal = Some(Terminal {
            outcome: Outcome::War,
            channel: None,
            terms: None,
        });
    } else if strike {
        events.insert(Events::STRIKE_HIT);
    }

    let mut offered = None;
    if terminal.is_none() && channel.is_some() && s.talks >= 1.0 {
        let o = offer(p, s, enforcement);
        let x = o.terms;
        offered = Some(x);
        if x > veto_limit(p, s.hardliners) {
            events.insert(Events::VETOED);
            s.talks *= tk.setback;
        } else if !leadership.accepts(p, s, enforcement, x) {
            events.insert(Events::REFUSED);
            s.talks *= tk.setback;
            s.belief_low = o.updated_belief(s.belief_low, p.belief.support().1);
        } else {
            let spread = p.deal.shock_spread;
            let scale = 1.0 - spread + 2.0 * spread * d.uniform(Draw::Backlash);
            s.resilience = (s.resilience - concession_shock(p, s, x) * scale).max(0.0);
            let outcome = if s.resilience < s.threshold {
                Outcome::RegimeCrisis
            } else {
                Outcome::Deal
            };
            terminal = Some(Terminal {
                outcome,
                channel,
                terms: Some(x),
            });
        }
    }

    // At or above θ the hazard h_max·exp(−(R − θ)/w) is at most h_max (the
    // exp of a number ≤ 0 is at most 1, and so is its rounding).
    if terminal.is_none()
        && (s.resilience < s.threshold
            || d.chance_at_most(Draw::Crisis, p.hazard.crisis_max, || {
                crisis_hazard(p, s.resilience, s.threshold)
            }))
    {
        terminal = Some(Terminal {
            outcome: Outcome::RegimeCrisis,
            channel: None,
            terms: None,
        });
    }

    // 6. The lifeline switches for the next round (a run that ended has none).
    if terminal.is_some() {
    } else if s.lifeline {
        if d.chance(Draw::Lifeline, p.lifeline.end) {
            s.lifeline = false;
            events.insert(Events::LIFELINE_END);
        }
    } else if d.chance(Draw::Lifeline, p.lifeline.start) {
        s.lifeline = true;
        events.insert(Events::LIFELINE_START);
    }

    s.last_iran = iran;
    s.last_us = us;
    s.round += 1;
    Step {
        terminal,
        events,
        offer: offered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::action::{Diplomacy, Enforcement};
    use crate::scenario::baseline_params as params;

    /// Terms answered by a fixed yes or no.
    struct Always(bool);

    impl Acceptance for Always {
        fn accepts(&self, _: &Params, _: &State, _: Enforcement, _: f64) -> bool {
            self.0
        }
    }

    const YES: Always = Always(true);
    const NO: Always = Always(false);

    fn act(e: Enforcement, d: Diplomacy) -> UsAction {
        UsAction::Act(e, d)
    }

    fn start(p: &Params) -> State {
        State::initial(p, 0.5)
    }

    fn play(p: &Params, s: &mut State, us: UsAction, iran: IranAction) -> Step {
        transition(p, s, us, iran, &Shocks::neutral(), &NO)
    }

    #[test]
    fn a_capped_chance_is_the_chance() {
        // Whatever the draw and the hazard, asking against the cap h_max
        // gives the answer of asking with the hazard itself.
        let p = params(&[]);
        let cap = p.hazard.crisis_max;
        let mut cases = 0;
        for i in 0..2000 {
            let u = uniform((i as u32).wrapping_mul(2_654_435_761));
            for k in 0..200 {
                let (r, theta) = (0.2 + f64::from(k) * 0.004, 0.2 + f64::from(i % 7) * 1e-3);
                if r < theta {
                    continue;
                }
                let hazard = crisis_hazard(&p, r, theta);
                assert!(hazard <= cap);
                let mut sh = Shocks::neutral();
                sh.crisis = u;
                let plain = sh.chance(Draw::Crisis, hazard);
                assert_eq!(sh.chance_at_most(Draw::Crisis, cap, || hazard), plain);
                cases += usize::from(plain);
            }
        }
        assert!(cases > 100, "{cases} crises among the cases");
    }

    #[test]
    fn uniform_is_open_interval() {
        assert!(uniform(0) > 0.0);
        assert!(uniform(u32::MAX) < 1.0);
        assert!((uniform(1 << 31) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn pressure_follows_enforcement_only() {
        let p = params(&[]);
        for (e, expected) in [
            (Enforcement::Tighten, 0.4 + p.sanctions.tighten * 0.6),
            (Enforcement::Hold, 0.4 * (1.0 - p.sanctions.erosion)),
            (Enforcement::Ease, 0.4 * (1.0 - p.sanctions.ease)),
        ] {
            for d in Diplomacy::ALL {
                for iran in IranAction::ALL {
                    let mut s = start(&p);
                    play(&p, &mut s, act(e, d), iran);
                    assert!(
                        (s.pressure - expected).abs() < 1e-12,
                        "{e:?} {d:?} {iran:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn relief_comes_only_inside_deals() {
        // Talks on both sides, whatever the channel, never lower the pressure
        // beyond enforcement; only an interim deal lowers the felt pressure.
        let p = params(&["lifeline.active=false", "lifeline.probability=0"]);
        let mut s = start(&p);
        for _ in 0..5 {
            let before = s.pressure;
            play(
                &p,
                &mut s,
                act(Enforcement::Tighten, Diplomacy::Direct),
                IranAction::Negotiate,
            );
            assert!(s.pressure > before);
            assert_eq!(
                effective_pressure(&p, s.pressure, s.lifeline, s.interim),
                s.pressure
            );
        }
    }

    #[test]
    fn talks_need_both_sides_and_direct_talks_slow_with_hardliners() {
        let p = params(&[]);
        let mut s = start(&p);
        play(
            &p,
            &mut s,
            act(Enforcement::Tighten, Diplomacy::None),
            IranAction::Negotiate,
        );
        assert_eq!(s.talks, 0.0);
        play(
            &p,
            &mut s,
            act(Enforcement::Hold, Diplomacy::Direct),
            IranAction::Hold,
        );
        assert_eq!(s.talks, 0.0);
        let h = s.hardliners;
        play(
            &p,
            &mut s,
            act(Enforcement::Hold, Diplomacy::Direct),
            IranAction::Negotiate,
        );
        let expected = p.talks.direct_rate * (1.0 - p.talks.hardliner_drag * h);
        assert!((s.talks - expected).abs() < 1e-12);
        assert_eq!(s.first_channel, Some(Channel::Direct));
        // Either side's intermediary makes the channel an intermediary one.
        assert_eq!(
            talks_channel(
                IranAction::Negotiate,
                act(Enforcement::Hold, Diplomacy::Intermediary)
            ),
            Some(Channel::Intermediary)
        );
        assert_eq!(
            talks_channel(
                IranAction::Intermediary,
                act(Enforcement::Hold, Diplomacy::Direct)
            ),
            Some(Channel::Intermediary)
        );
        assert_eq!(talks_channel(IranAction::Negotiate, UsAction::Strike), None);
    }

    #[test]
    fn an_interim_deal_needs_the_us_to_stop_tightening() {
        let p = params(&[]);
        let mut s = start(&p);
        s.talks = p.talks.interim_at - 0.01;
        let step = play(
            &p,
            &mut s,
            act(Enforcement::Tighten, Diplomacy::Intermediary),
            IranAction::Intermediary,
        );
        assert!(!step.events.contains(Events::INTERIM_DEAL) && !s.interim);
        let step = play(
            &p,
            &mut s,
            act(Enforcement::Hold, Diplomacy::Intermediary),
            IranAction::Intermediary,
        );
        assert!(step.events.contains(Events::INTERIM_DEAL) && s.interim);
        // It relieves the felt pressure, freezes the nuclear file and breaks
        // down when the US tightens.
        assert!(effective_pressure(&p, s.pressure, false, true) < s.pressure);
        let n = s.nuclear;
        play(
            &p,
            &mut s,
            act(Enforcement::Hold, Diplomacy::Intermediary),
            IranAction::Intermediary,
        );
        assert_eq!(s.nuclear, n);
        let step = play(
            &p,
            &mut s,
            act(Enforcement::Tighten, Diplomacy::None),
            IranAction::Hold,
        );
        assert!(step.events.contains(Events::INTERIM_BREAKDOWN) && !s.interim);
    }

    #[test]
    fn confrontation_raises_leverage_sets_talks_back_and_can_spiral() {
        let p = params(&[]);
        let mut s = start(&p);
        s.talks = 0.5;
        let l = s.leverage;
        let step = play(
            &p,
            &mut s,
            act(Enforcement::Hold, Diplomacy::None),
            IranAction::Confront,
        );
        assert!(s.leverage > l && step.terminal.is_none());
        assert!(step.events.contains(Events::TALKS_SET_BACK) && s.talks < 0.5);
        let mut sh = Shocks::neutral();
        sh.war = p.hazard.confront / 2.0;
        let hold = act(Enforcement::Hold, Diplomacy::None);
        let step = transition(&p, &mut start(&p), hold, IranAction::Confront, &sh, &NO);
        assert_eq!(step.terminal.map(|t| t.outcome), Some(Outcome::War));
        // The same draw does not start a war without a confrontation.
        let step = transition(&p, &mut start(&p), hold, IranAction::Hold, &sh, &NO);
        assert_eq!(step.terminal, None);
    }

    #[test]
    fn a_strike_sets_back_the_nuclear_file_and_the_setback_wears_off() {
        let p = params(&[]);
        let mut s = start(&p);
        let (n, r) = (s.nuclear, s.resilience);
        let step = play(&p, &mut s, UsAction::Strike, IranAction::Hold);
        assert!(step.events.contains(Events::STRIKE_HIT));
        assert!(s.nuclear < n * (1.0 - p.nuclear.strike_setback) + p.nuclear.drift + 1e-12);
        assert!(s.resilience < r);
        let hit = s.nuclear;
        for _ in 0..24 {
            play(
                &p,
                &mut s,
                act(Enforcement::Hold, Diplomacy::None),
                IranAction::Hold,
            );
        }
        let rebuilt = s.nuclear - hit;
        assert!(
            rebuilt > 24.0 * p.nuclear.drift + 0.5 * (n - hit),
            "rebuilt {rebuilt}"
        );
    }

    #[test]
    fn completed_talks_put_the_us_offer_on_the_table() {
        let p = params(&[]);
        let talk = act(Enforcement::Hold, Diplomacy::Direct);
        // Accepted by a sturdy regime: a deal at the US offer.
        let mut s = start(&p);
        s.talks = 1.0;
        s.resilience = 0.6;
        let step = transition(
            &p,
            &mut s,
            talk,
            IranAction::Negotiate,
            &Shocks::neutral(),
            &YES,
        );
        let t = step.terminal.unwrap();
        assert_eq!(
            (t.outcome, t.channel),
            (Outcome::Deal, Some(Channel::Direct))
        );
        assert_eq!(step.offer, t.terms);
        assert!(t.terms.unwrap() > 0.0);
        // Accepted by a regime on the brink: the shock makes it a crisis.
        let mut s = start(&p);
        s.talks = 1.0;
        s.resilience = s.threshold + 0.01;
        let step = transition(
            &p,
            &mut s,
            talk,
            IranAction::Negotiate,
            &Shocks::neutral(),
            &YES,
        );
        let t = step.terminal.unwrap();
        assert_eq!(t.outcome, Outcome::RegimeCrisis);
        assert!(t.terms.is_some(), "a crisis from a deal keeps its terms");
    }

    #[test]
    fn a_refusal_teaches_the_us_and_a_veto_blocks() {
        let p = params(&[]);
        let talk = act(Enforcement::Hold, Diplomacy::Direct);
        let mut s = start(&p);
        s.talks = 1.0;
        let low = s.belief_low;
        let step = play(&p, &mut s, talk, IranAction::Negotiate);
        assert!(step.events.contains(Events::REFUSED));
        assert!(s.talks < 1.0);
        assert!(s.belief_low >= low);
        // Terms beyond the hardliners' win-set never reach the leadership.
        let p = params(&["deal.veto_base=0"]);
        let mut s = start(&p);
        s.talks = 1.0;
        s.resilience = 0.9;
        let step = transition(
            &p,
            &mut s,
            talk,
            IranAction::Negotiate,
            &Shocks::neutral(),
            &YES,
        );
        assert!(step.events.contains(Events::VETOED) && step.terminal.is_none());
    }

    #[test]
    fn resilience_below_threshold_is_a_crisis() {
        let p = params(&[]);
        let mut s = start(&p);
        s.resilience = s.threshold - 0.1;
        let step = play(
            &p,
            &mut s,
            act(Enforcement::Hold, Diplomacy::None),
            IranAction::Hold,
        );
        assert_eq!(
            step.terminal.map(|t| t.outcome),
            Some(Outcome::RegimeCrisis)
        );
    }

    #[test]
    fn lifeline_switches_and_offsets_pressure() {
        let p = params(&["lifeline.active=false", "lifeline.probability=1"]);
        let mut s = start(&p);
        let mut sh = Shocks::neutral();
        sh.lifeline = 0.5;
        let hold = act(Enforcement::Hold, Diplomacy::None);
        let step = transition(&p, &mut s, hold, IranAction::Hold, &sh, &NO);
        assert!(step.events.contains(Events::LIFELINE_START) && s.lifeline);
        let felt = effective_pressure(&p, 0.5, true, false);
        assert!((felt - 0.5 * (1.0 - p.lifeline.offset)).abs() < 1e-12);
        let p = params(&["lifeline.end_probability=1"]);
        let mut s = start(&p);
        let step = transition(&p, &mut s, hold, IranAction::Hold, &sh, &NO);
        assert!(step.events.contains(Events::LIFELINE_END) && !s.lifeline);
    }
}
