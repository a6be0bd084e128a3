#!/bin/sh
# Times the basic tournament (scenarios/tournaments/basic.toml: the ten basic
# strategies, 200 turns, 100 repetitions, noise 0.05) in the Axelrod Python
# library, for comparison with `catch22 tournament` (docs/PERFORMANCE.md).
# Installs the library into a throwaway virtual environment; nothing is
# committed or kept.
#
#   scripts/bench-axelrod.sh [VENV] [PROCESSES]
#
# VENV defaults to /tmp/axl-bench (created if missing), PROCESSES to 2.
set -eu
venv=${1:-/tmp/axl-bench}
processes=${2:-2}
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet axelrod==4.14.0
fi
# Axelrod's processes are spawned: the program must be a file, with a main guard.
script=$(mktemp /tmp/bench-axelrod-XXXXXX.py)
trap 'rm -f "$script"' EXIT
cat > "$script" <<'PY'
import sys, time
import axelrod as axl


def main(processes):
    players = [axl.Alternator(), axl.AntiTitForTat(), axl.Bully(), axl.Cooperator(),
               axl.CyclerDC(), axl.Defector(), axl.SuspiciousTitForTat(),
               axl.TitForTat(), axl.WinShiftLoseStay(), axl.WinStayLoseShift()]
    assert sorted(str(p) for p in players) == sorted(str(s()) for s in axl.basic_strategies)
    times = []
    for run in range(5):
        t = axl.Tournament(players, turns=200, repetitions=100, noise=0.05, seed=run + 1)
        start = time.perf_counter()
        results = t.play(progress_bar=False, processes=processes)
        summary = results.summarise()
        times.append(time.perf_counter() - start)
    times.sort()
    print(f"axelrod {axl.__version__}: basic tournament, {processes} processes: "
          f"median {times[2]:.2f} s, min {times[0]:.2f} s, max {times[-1]:.2f} s over 5 runs")
    for row in summary:
        print(row.Rank, row.Name, round(row.Median_score, 4), row.Wins, round(row.Cooperation_rating, 4))


if __name__ == "__main__":
    main(int(sys.argv[1]))
PY
"$venv/bin/python" "$script" "$processes"
