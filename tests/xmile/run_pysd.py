"""Runs XMILE models in PySD and writes each run as CSV.

Usage: run_pysd.py MODEL.xmile OUT.csv [MODEL.xmile OUT.csv ...]

Each CSV has a `period` column (PySD's time) and one column per model
variable, named as in the model (spaces read back as underscores), so the
flywheel test suite can compare it with `flywheel run --format csv`.
"""

import sys
import warnings

import pysd


def run(model_path, out_path):
    model = pysd.read_xmile(model_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = model.run(progress=False)
    frame.columns = [str(c).replace(" ", "_") for c in frame.columns]
    frame.index.name = "period"
    frame.to_csv(out_path, float_format="%.17g")


def main(argv):
    if len(argv) < 2 or len(argv) % 2:
        sys.exit("usage: run_pysd.py MODEL.xmile OUT.csv [MODEL.xmile OUT.csv ...]")
    for model_path, out_path in zip(argv[0::2], argv[1::2]):
        try:
            run(model_path, out_path)
        except Exception as e:  # report which model failed, then stop
            sys.exit(f"{model_path}: PySD failed: {type(e).__name__}: {e}")


if __name__ == "__main__":
    main(sys.argv[1:])
