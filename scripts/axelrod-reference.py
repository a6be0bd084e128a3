#!/usr/bin/env python3
"""Reference data from the Axelrod Python library for tests/repeated_reference.rs.

Run it inside a throwaway virtual environment (nothing of the library is
committed):

    python3 -m venv /tmp/axl && /tmp/axl/bin/pip install axelrod==4.14.0
    /tmp/axl/bin/python scripts/axelrod-reference.py tests/data/axelrod

It writes three CSV files:

- deterministic.csv: every pair (self-play included) of the deterministic
  strategies, 200 turns, no noise: both move sequences and totals;
- ranking.csv: the summary (rank, median score per turn, wins, cooperation
  rating) of a one-repetition round robin of the same strategies;
- stochastic.csv: for stochastic strategies, noise and ending probabilities,
  the mean and standard deviation over many seeded matches of each player's
  score per turn and cooperation rate and of the match length.
"""

import csv
import math
import os
import sys

import axelrod as axl

C, D = axl.Action.C, axl.Action.D

# catch22 name -> Axelrod player (default parameters unless written).
DETERMINISTIC = {
    "Cooperator": axl.Cooperator,
    "Defector": axl.Defector,
    "TitForTat": axl.TitForTat,
    "Grudger": axl.Grudger,
    "WinStayLoseShift": axl.WinStayLoseShift,
    "WinShiftLoseStay": axl.WinShiftLoseStay,
    "SuspiciousTitForTat": axl.SuspiciousTitForTat,
    "AntiTitForTat": axl.AntiTitForTat,
    "TitFor2Tats": axl.TitFor2Tats,
    "TwoTitsForTat": axl.TwoTitsForTat,
    "HardTitForTat": axl.HardTitForTat,
    "Alternator": axl.Alternator,
    "CyclerDC": axl.CyclerDC,
    "CyclerCCD": axl.CyclerCCD,
    "Bully": axl.Bully,
    "Prober": axl.Prober,
    "HardProber": axl.HardProber,
    "Davis": axl.FirstByDavis,
    "Tester": axl.SecondByTester,
    "Shubik": axl.FirstByShubik,
    "TidemanAndChieruzzi": axl.FirstByTidemanAndChieruzzi,
    "Adaptive": axl.Adaptive,
    "Gradual": axl.Gradual,
    "ForgetfulGrudger": axl.ForgetfulGrudger,
    # The TOML-defined strategies of tests/data/axelrod/custom.toml.
    "MyFSM": lambda: axl.FSMPlayer(
        transitions=((1, C, 1, C), (1, D, 2, D), (2, C, 1, C), (2, D, 2, D)),
        initial_state=1,
        initial_action=C,
    ),
    "MyM1": lambda: axl.MemoryOnePlayer((1, 0, 1, 0), initial=D),
}

# (player A, player B, turns, noise, prob_end): stochastic cases.
STOCHASTIC = [
    ("Random(0.3)", "TitForTat", 200, 0.0, 0.0),
    ("Joss", "TitForTat", 200, 0.0, 0.0),
    ("Feld", "Cooperator", 200, 0.0, 0.0),
    ("Grofman", "Alternator", 200, 0.0, 0.0),
    ("GenerousTitForTat", "Defector", 200, 0.0, 0.0),
    ("ZDExtort2", "TitForTat", 200, 0.0, 0.0),
    ("ZDGTFT2", "WinStayLoseShift", 200, 0.0, 0.0),
    ("StochasticWSLS", "SoftJoss", 200, 0.0, 0.0),
    ("FirmButFair", "Random(0.5)", 200, 0.0, 0.0),
    ("TitForTat", "TitForTat", 200, 0.05, 0.0),
    ("WinStayLoseShift", "TitForTat", 200, 0.05, 0.0),
    ("Gradual", "Alternator", 200, 0.1, 0.0),
    ("TidemanAndChieruzzi", "Grudger", 200, 0.05, 0.0),
    ("TitForTat", "Defector", 200, 0.0, 0.1),
    ("Adaptive", "Random(0.5)", 200, 0.0, 0.02),
    ("TwoTitsForTat", "Bully", 100, 0.05, 0.05),
]
STOCHASTIC_PLAYERS = {
    "Random(0.3)": lambda: axl.Random(0.3),
    "Random(0.5)": lambda: axl.Random(0.5),
    "Joss": axl.FirstByJoss,
    "Feld": axl.FirstByFeld,
    "Grofman": axl.FirstByGrofman,
    "GenerousTitForTat": axl.GTFT,
    "ZDExtort2": axl.ZDExtort2,
    "ZDGTFT2": axl.ZDGTFT2,
    "StochasticWSLS": axl.StochasticWSLS,
    "SoftJoss": axl.SoftJoss,
    "FirmButFair": axl.FirmButFair,
}
MATCHES = 2000


def make(name):
    return (STOCHASTIC_PLAYERS.get(name) or DETERMINISTIC[name])()


def moves(actions):
    return "".join(str(a) for a in actions)


def deterministic(out):
    names = list(DETERMINISTIC)
    with open(os.path.join(out, "deterministic.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["player_a", "player_b", "score_a", "score_b", "moves_a", "moves_b"])
        for i, a in enumerate(names):
            for b in names[i:]:
                m = axl.Match((make(a), make(b)), turns=200)
                m.play()
                sa, sb = m.final_score()
                w.writerow([a, b, sa, sb, moves(x for x, _ in m.result), moves(y for _, y in m.result)])
    players = [make(n) for n in names]
    t = axl.Tournament(players, turns=200, repetitions=1, seed=1)
    rs = t.play(progress_bar=False, processes=1)
    with open(os.path.join(out, "ranking.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["rank", "name", "median_score_per_turn", "wins", "cooperation_rate"])
        for row in rs.summarise():
            w.writerow([row.Rank, names[row.Original_index], repr(float(row.Median_score)),
                        repr(float(row.Wins)), repr(float(row.Cooperation_rating))])


def stochastic(out):
    with open(os.path.join(out, "stochastic.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        stats = ["score_per_turn_a", "score_per_turn_b", "cooperation_rate_a", "cooperation_rate_b", "turns"]
        w.writerow(["player_a", "player_b", "turns", "noise", "prob_end", "matches"]
                   + [f"{s}_{k}" for s in stats for k in ("mean", "sd")])
        for a, b, turns, noise, prob_end in STOCHASTIC:
            values = {s: [] for s in stats}
            for seed in range(MATCHES):
                m = axl.Match((make(a), make(b)), turns=turns, noise=noise,
                              prob_end=prob_end or None, seed=seed + 1)
                m.play()
                n = len(m.result)
                sa, sb = m.final_score()
                ca, cb = m.cooperation()
                for s, v in zip(stats, [sa / n, sb / n, ca / n, cb / n, n]):
                    values[s].append(v)
            row = [a, b, turns, noise, prob_end, MATCHES]
            for s in stats:
                v = values[s]
                mean = sum(v) / len(v)
                sd = math.sqrt(sum((x - mean) ** 2 for x in v) / (len(v) - 1))
                row += [repr(float(mean)), repr(float(sd))]
            w.writerow(row)
            print(a, b, row[6:8], file=sys.stderr, flush=True)


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "tests/data/axelrod"
    os.makedirs(out, exist_ok=True)
    deterministic(out)
    stochastic(out)
