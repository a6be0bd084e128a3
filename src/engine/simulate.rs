//! One Monte Carlo run: draw the threshold, then play rounds with the
//! policies and the transition function until a terminal outcome or the horizon.

use super::seeding::run_rng;
use crate::model::payoff;
use crate::model::transition::uniform;
use crate::model::{
    Acceptance, Channel, IranAction, Outcome, Params, Shocks, State, Step, UsAction, transition,
};
use crate::policy::Players;
use rand::Rng;

/// Everything recorded about one run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunRecord {
    /// The run index.
    pub run: u64,
    /// How it ended.
    pub outcome: Outcome,
    /// The round it ended in (1-based; the horizon T for muddle_through).
    pub round: u32,
    /// The channel that closed a deal (also for a deal that became a crisis).
    pub channel: Option<Channel>,
    /// The concessions x of a deal (also for a deal that became a crisis).
    pub terms: Option<f64>,
    /// The final state (its `first_channel` is where talks first moved).
    pub state: State,
    /// Iran's discounted payoff.
    pub iran_payoff: f64,
    /// The US discounted payoff.
    pub us_payoff: f64,
    /// How often Iran played each action (in `IranAction::ALL` order).
    pub iran_actions: [u32; IranAction::ALL.len()],
    /// How often the US played each action (in `UsAction::ALL` order).
    pub us_actions: [u32; UsAction::ALL.len()],
}

/// Sees every round of a run (the trace); the Monte Carlo engine uses `()`,
/// which compiles to nothing.
pub trait Observer {
    /// Called after each round with the state before and after it.
    fn round(&mut self, before: &State, us: UsAction, iran: IranAction, step: &Step, after: &State);
}

impl Observer for () {
    #[inline(always)]
    fn round(&mut self, _: &State, _: UsAction, _: IranAction, _: &Step, _: &State) {}
}

/// Who chooses the moves of a round. The Monte Carlo engine uses the
/// scenario's [`Players`]; `catch22 explain` forces one cell's actions in the
/// first round and leaves the rest to the policies.
pub trait Moves {
    /// Both moves of the round about to be played from state `s` with draws `sh`.
    fn choose(&self, p: &Params, s: &State, sh: &Shocks) -> (UsAction, IranAction);
}

/// The scenario's policies: the US moves first, Iran answers having seen it.
impl Moves for Players {
    #[inline(always)]
    fn choose(&self, p: &Params, s: &State, sh: &Shocks) -> (UsAction, IranAction) {
        let us = self.us.choose(p, s, sh.us);
        (us, self.iran.choose(p, s, us, sh.iran))
    }
}

/// Plays run `run` of a job with master seed `seed`.
pub fn simulate<O: Observer>(
    p: &Params,
    players: &Players,
    seed: u64,
    run: u64,
    observer: &mut O,
) -> RunRecord {
    let mut rng = run_rng(seed, run);
    let s = State::initial(p, uniform(rng.next_u32()));
    play(p, &players.iran, &mut rng, s, run, players, observer)
}

/// Plays from state `s` (rounds `s.round + 1` to the horizon) with the moves
/// `moves` chooses and terms answered by `leadership`, drawing each round's
/// shocks from `rng`; payoffs are discounted to the start of the first round
/// played. `run` only labels the record. [`simulate`] is this from the
/// initial state with the scenario's players.
pub fn play<M: Moves + ?Sized, A: Acceptance + ?Sized, O: Observer, R: Rng>(
    p: &Params,
    leadership: &A,
    rng: &mut R,
    mut s: State,
    run: u64,
    moves: &M,
    observer: &mut O,
) -> RunRecord {
    let mut iran_actions = [0u32; IranAction::ALL.len()];
    let mut us_actions = [0u32; UsAction::ALL.len()];
    let (mut iran_pay, mut us_pay, mut disc) = (0.0, 0.0, 1.0);
    // The discount of the last round played: terminal values are counted
    // with it, like that round's flows.
    let mut last = 1.0;
    let delta = p.payoff.discount;
    while s.round < p.rounds {
        last = disc;
        let sh = Shocks::draw(rng);
        let (us, iran) = moves.choose(p, &s, &sh);
        let before = s;
        let step = transition(p, &mut s, us, iran, &sh, leadership);
        observer.round(&before, us, iran, &step, &s);
        iran_actions[iran.index()] += 1;
        us_actions[us.index()] += 1;
        iran_pay += disc * payoff::iran_flow(&s);
        us_pay += disc * payoff::us_flow(p, &s, us);
        if let Some(t) = step.terminal {
            let (ti, tu) = payoff::terminal(p, &s, t.outcome, t.terms);
            return RunRecord {
                run,
                outcome: t.outcome,
                round: s.round,
                channel: t.channel,
                terms: t.terms,
                state: s,
                iran_payoff: iran_pay + disc * ti,
                us_payoff: us_pay + disc * tu,
                iran_actions,
                us_actions,
            };
        }
        disc *= delta;
    }
    // The horizon: what follows the term is valued like any other outcome,
    // discounted from the last round played.
    let (ti, tu) = payoff::terminal(p, &s, Outcome::MuddleThrough, None);
    RunRecord {
        run,
        outcome: Outcome::MuddleThrough,
        round: s.round,
        channel: None,
        terms: None,
        state: s,
        iran_payoff: iran_pay + last * ti,
        us_payoff: us_pay + last * tu,
        iran_actions,
        us_actions,
    }
}
