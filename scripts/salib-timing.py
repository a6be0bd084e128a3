#!/usr/bin/env python3
"""Times SALib's sobol.analyze for docs/PERFORMANCE.md, and writes the outputs
it analysed so that `cargo bench --bench sensitivity` times catch22's analysis
on the same numbers.

Run it inside a throwaway virtual environment (nothing of SALib is committed):

    python3 -m venv /tmp/salib-venv && /tmp/salib-venv/bin/pip install SALib==1.6.0
    /tmp/salib-venv/bin/python scripts/salib-timing.py /tmp/salib-y.txt
    SALIB_Y=/tmp/salib-y.txt cargo bench --bench sensitivity

It draws SALib's Saltelli design for the Ishigami function (sobol.sample,
N = 16384, calc_second_order=False, scramble=True, seed 1: 81,920 points),
evaluates SALib's Ishigami on it, writes the outputs one a line to the file
given, then times sobol.analyze(problem, Y, calc_second_order=False,
num_resamples=1000, seed=1) REPEATS times (one process, one thread: SALib's
default, parallel=False) and prints each time and the median in seconds.
"""

import statistics
import sys
import time

import numpy as np
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample
from SALib.test_functions import Ishigami

REPEATS = 7
PROBLEM = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * 3}


def main(out):
    x = sobol_sample.sample(PROBLEM, 16384, calc_second_order=False, scramble=True, seed=1)
    y = Ishigami.evaluate(x)
    np.savetxt(out, y, fmt="%.17g")
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        sobol_analyze.analyze(PROBLEM, y, calc_second_order=False, num_resamples=1000, seed=1)
        times.append(time.perf_counter() - start)
    print("sobol.analyze N=16384 k=3 1000 resamples, seconds:", " ".join(f"{t:.3f}" for t in times))
    print(f"median {statistics.median(times):.3f} s")


if __name__ == "__main__":
    main(sys.argv[1])
