"""Runs XMILE models in PySD (or Simlin) and writes each run as CSV.

Usage: run_pysd.py [--reader pysd|simlin] MODEL.xmile OUT.csv [MODEL.xmile OUT.csv ...]

Each CSV has a `period` column (the reader's TIME, at every whole period from
the start to the stop time) and one column per model variable, named as in
the model (spaces read back as underscores, lower case). The flywheel test
suite compares it with `flywheel run --format csv`: stocks at TIME t with row
t, the amounts `period_<column>` at TIME t + 1 with row t.
"""

import sys
import warnings


def clean(name):
    return str(name).strip().replace(" ", "_").lower()


def run_pysd(model_path):
    import pysd

    model = pysd.read_xmile(model_path)
    stop = int(round(float(model.components.final_time())))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = model.run(return_timestamps=list(range(0, stop + 1)), progress=False)
    return frame


def run_simlin(model_path):
    import numpy as np
    import simlin

    project = simlin.Project.open(model_path, autosave=False, watch=False)
    model = project.main_model
    errors = project.get_errors()
    if errors:
        raise RuntimeError("; ".join(str(e) for e in errors[:5]))
    frame = model.run(analyze_loops=False).results
    times = np.asarray(frame.index, dtype=float)
    whole = np.abs(times - np.round(times)) < 1e-6
    frame = frame[whole]
    frame.index = np.round(times[whole]).astype(int)
    return frame


def main(argv):
    reader = "pysd"
    if argv[:1] == ["--reader"]:
        reader, argv = argv[1], argv[2:]
    if len(argv) < 2 or len(argv) % 2:
        sys.exit("usage: run_pysd.py [--reader pysd|simlin] MODEL.xmile OUT.csv [...]")
    run = {"pysd": run_pysd, "simlin": run_simlin}[reader]
    for model_path, out_path in zip(argv[0::2], argv[1::2]):
        try:
            frame = run(model_path)
        except Exception as e:  # report which model failed, then stop
            sys.exit(f"{model_path}: {reader} failed: {type(e).__name__}: {e}")
        frame.columns = [clean(c) for c in frame.columns]
        frame = frame.loc[:, ~frame.columns.duplicated()]
        frame.index.name = "period"
        frame.to_csv(out_path, float_format="%.17g")


if __name__ == "__main__":
    main(sys.argv[1:])
