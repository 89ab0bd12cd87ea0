#!/usr/bin/env python3
"""A 1,000-run sweep: flywheel against PySD running the project's own XMILE
export of the same scenario, in one go.

    cargo build --release
    target/pysd-venv/bin/python benches/sweep_vs_pysd.py [SCENARIO] [PYSD_RUNS]

flywheel sweeps pricing.price over 1,000 values (`flywheel sweep`, the whole
process, both cores). PySD loads the exported model once (not timed) and
runs it PYSD_RUNS times (default 10) with the price set; its time per run
times 1,000 is the PySD figure. The ratio is printed; the README's figure
comes from this script.
"""

import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLYWHEEL = os.path.join(ROOT, "target", "release", "flywheel")


def main() -> int:
    scenario = sys.argv[1] if len(sys.argv) > 1 else "balanced"
    pysd_runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    import pysd  # noqa: PLC0415 (only needed here)

    # flywheel: 1,000 runs of the scenario, price 50.0, 50.1, ..., 149.9.
    start = time.perf_counter()
    out = subprocess.run(
        [FLYWHEEL, "sweep", scenario, "--param", "pricing.price=50..149.9:0.1", "--format", "csv"],
        check=True,
        capture_output=True,
        text=True,
    )
    flywheel_s = time.perf_counter() - start
    runs = len([l for l in out.stdout.splitlines() if l and l[0].isdigit()])

    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "model.xmile")
        subprocess.run(
            [FLYWHEEL, "export", scenario, "--format", "xmile", "--out", path],
            check=True,
            capture_output=True,
        )
        model = pysd.read_xmile(path)
        start = time.perf_counter()
        for i in range(pysd_runs):
            model.run(params={"price": 50.0 + 10.0 * i}, progress=False)
        pysd_per_run = (time.perf_counter() - start) / pysd_runs

    pysd_1000 = pysd_per_run * 1000.0
    print(f"scenario {scenario}: flywheel sweep of {runs} runs, whole process: {flywheel_s:.3f} s")
    print(f"PySD {pysd.__version__}: {pysd_per_run:.3f} s a run ({pysd_runs} runs timed), 1,000 runs: {pysd_1000:.0f} s")
    print(f"flywheel is {pysd_1000 / flywheel_s:,.0f} times faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
