#!/usr/bin/env python3
"""Reference data from the EMA Workbench's PRIM for tests/discover.rs.

Run it inside a throwaway virtual environment (nothing of the Workbench is
committed):

    python3 -m venv /tmp/ema && /tmp/ema/bin/pip install ema_workbench==2.5.3
    /tmp/ema/bin/python scripts/ema-prim-reference.py tests/data/discover

For each of three data sets with a known box, generated here with numpy's
seeded generator, it writes:

- prim-<name>.csv: the samples, in the shape of `catch22 explore`'s output
  (a `sample` column, the inputs, the outcome column `y`);
- ema-<name>.csv: the Workbench's peeling and pasting trajectory of the first
  box (Prim with peel_alpha = paste_alpha = mass_min = 0.05 and the default
  objective, LENIENT1), in the columns of `catch22 discover`:
  step,coverage,density,mass,n_restricted, then <input>_low,<input>_high;
- ema-<name>-qp.csv: the quasi-p-values of the box with the largest harmonic
  mean of coverage and density (input, side, qp).

The data sets (cases of interest: y > threshold):

- scales: four inputs on very different scales, a ~ U(0, 1),
  b ~ U(100, 200), c ~ U(-0.005, 0.005), d ~ U(0, 1); y = 1 when a < 0.4
  and b > 150 and c > 0 (threshold 0.5), 1000 samples;
- noise: the same box with 10% of the labels flipped, 2000 samples;
- continuous: five inputs on U(0, 1); y = exp(-((x1 - 0.7)^2 + (x2 - 0.3)^2)/0.05)
  plus N(0, 0.05^2) noise, threshold 0.5, 1500 samples.
"""

import csv
import os
import sys

import numpy as np
import pandas as pd
from ema_workbench.analysis import prim


def datasets():
    rng = np.random.default_rng(20261130)
    n = 1000
    x = pd.DataFrame(
        {
            "a": rng.uniform(0, 1, n),
            "b": rng.uniform(100, 200, n),
            "c": rng.uniform(-0.005, 0.005, n),
            "d": rng.uniform(0, 1, n),
        }
    )
    y = ((x.a < 0.4) & (x.b > 150) & (x.c > 0)).astype(float).values
    yield "scales", x, y, 0.5

    n = 2000
    x = pd.DataFrame(
        {
            "a": rng.uniform(0, 1, n),
            "b": rng.uniform(100, 200, n),
            "c": rng.uniform(-0.005, 0.005, n),
            "d": rng.uniform(0, 1, n),
        }
    )
    y = ((x.a < 0.4) & (x.b > 150) & (x.c > 0)).astype(float).values
    flip = rng.uniform(0, 1, n) < 0.1
    y = np.where(flip, 1.0 - y, y)
    yield "noise", x, y, 0.5

    n = 1500
    x = pd.DataFrame({f"x{i}": rng.uniform(0, 1, n) for i in range(1, 6)})
    y = np.exp(-((x.x1 - 0.7) ** 2 + (x.x2 - 0.3) ** 2) / 0.05).values + rng.normal(0, 0.05, n)
    yield "continuous", x, y, 0.5


def main(out):
    os.makedirs(out, exist_ok=True)
    for name, x, y, threshold in datasets():
        with open(os.path.join(out, f"prim-{name}.csv"), "w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["sample"] + list(x.columns) + ["y"])
            for i in range(len(x)):
                w.writerow([i] + [repr(float(v)) for v in x.iloc[i]] + [repr(float(y[i]))])
        interest = (y > threshold).astype(int)
        p = prim.Prim(x, interest, threshold=0.5, peel_alpha=0.05, paste_alpha=0.05, mass_min=0.05)
        box = p.find_box()
        t = box.peeling_trajectory
        with open(os.path.join(out, f"ema-{name}.csv"), "w", newline="") as fh:
            w = csv.writer(fh)
            head = ["step", "coverage", "density", "mass", "n_restricted"]
            for c in x.columns:
                head += [f"{c}_low", f"{c}_high"]
            w.writerow(head)
            for i in range(len(t)):
                lims = box.box_lims[i]
                row = [i, repr(float(t.coverage[i])), repr(float(t.density[i])), repr(float(t.mass[i])), int(t.res_dim[i])]
                for c in x.columns:
                    row += [repr(float(lims[c][0])), repr(float(lims[c][1]))]
                w.writerow(row)
        cov, den = t.coverage.values, t.density.values
        f1 = np.where(cov + den > 0, 2 * cov * den / (cov + den), 0)
        best = int(np.argmax(f1))
        with open(os.path.join(out, f"ema-{name}-qp.csv"), "w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["step", "input", "side", "qp"])
            for col, (lo, hi) in box.qp[best].items():
                for side, qp in [("low", lo), ("high", hi)]:
                    if qp != -1:
                        w.writerow([best, col, side, repr(float(qp))])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/data/discover")
