#!/usr/bin/env python3
"""Reference data from SALib for tests/uncertainty.rs.

Run it inside a throwaway virtual environment (nothing of SALib is committed):

    python3 -m venv /tmp/salib && /tmp/salib/bin/pip install SALib==1.6.0
    /tmp/salib/bin/python scripts/salib-reference.py tests/data/uncertainty

It writes, for the Ishigami function (a = 7, b = 0.1, U(-pi, pi)^3) and
Sobol's g-function (a = 0, 1, 4.5, 9, 99, 99, 99, 99, U(0, 1)^8), each
evaluated with SALib's own test functions:

- salib-sobol-<f>.csv: the outputs Y of SALib's Saltelli design
  (sobol.sample, N = 256, calc_second_order=False, scramble=True, seed 1),
  one per line in SALib's order (A, AB_1..AB_k, B per base row);
- salib-morris-<f>.csv: SALib's Morris trajectories (morris.sample, r = 50,
  num_levels = 4, seed 1, no optimal trajectories): the inputs on their own
  scale and the output;
- salib-results.csv: SALib's analysis of those outputs (sobol.analyze with
  calc_second_order=False, num_resamples=1000; morris.analyze with
  num_resamples=1000), and of larger runs for a statistical comparison:
  Sobol' with N = 16384 and Morris with r = 1000 (seeds 2).
"""

import csv
import os
import sys

import numpy as np
from SALib.analyze import morris as morris_analyze
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import morris as morris_sample
from SALib.sample import sobol as sobol_sample
from SALib.test_functions import Ishigami, Sobol_G

G_A = np.array([0, 1, 4.5, 9, 99, 99, 99, 99], dtype=float)

FUNCTIONS = {
    "ishigami": (
        {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * 3},
        lambda X: Ishigami.evaluate(X, A=7.0, B=0.1),
    ),
    "sobol-g": (
        {"num_vars": 8, "names": [f"x{i}" for i in range(1, 9)], "bounds": [[0.0, 1.0]] * 8},
        lambda X: Sobol_G.evaluate(X, G_A),
    ),
}


def main(out):
    os.makedirs(out, exist_ok=True)
    results = []
    for name, (problem, f) in FUNCTIONS.items():
        # Sobol': the committed outputs and their analysis.
        for n, seed, keep in [(256, 1, True), (16384, 2, False)]:
            X = sobol_sample.sample(problem, n, calc_second_order=False, scramble=True, seed=seed)
            Y = f(X)
            if keep:
                with open(os.path.join(out, f"salib-sobol-{name}.csv"), "w") as fh:
                    fh.write("y\n")
                    for y in Y:
                        fh.write(f"{float(y)!r}\n")
            S = sobol_analyze.analyze(
                problem, Y, calc_second_order=False, num_resamples=1000, seed=seed
            )
            for i, p in enumerate(problem["names"]):
                results.append(
                    [name, "sobol", n, p, "S1", repr(float(S["S1"][i])), repr(float(S["S1_conf"][i]))]
                )
                results.append(
                    [name, "sobol", n, p, "ST", repr(float(S["ST"][i])), repr(float(S["ST_conf"][i]))]
                )
        # Morris: the committed trajectories and their analysis.
        for r, seed, keep in [(50, 1, True), (1000, 2, False)]:
            X = morris_sample.sample(problem, r, num_levels=4, seed=seed)
            Y = f(X)
            if keep:
                with open(os.path.join(out, f"salib-morris-{name}.csv"), "w", newline="") as fh:
                    w = csv.writer(fh)
                    w.writerow(problem["names"] + ["y"])
                    for x, y in zip(X, Y):
                        w.writerow([repr(float(v)) for v in x] + [repr(float(y))])
            S = morris_analyze.analyze(problem, X, Y, num_resamples=1000, num_levels=4, seed=seed)
            for i, p in enumerate(problem["names"]):
                for m in ["mu", "mu_star", "sigma", "mu_star_conf"]:
                    results.append([name, "morris", r, p, m, repr(float(S[m][i])), ""])
    with open(os.path.join(out, "salib-results.csv"), "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["function", "method", "samples", "parameter", "measure", "value", "conf"])
        w.writerows(results)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/data/uncertainty")
