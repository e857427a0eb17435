"""Cold-process import cost of natoeu_milstaff, as a ratio to ``import attrs``.

Runs the two commands alternately (paired runs, so that machine noise hits both
alike) and prints medians and the median of the per-pair ratios. Also times a cold
process that imports the package and answers its first ``who_held``.

    python benchmarks/import_time.py [--runs 40]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass": "pass",
    "import attrs": "import attrs",
    "import natoeu_milstaff": "import natoeu_milstaff",
    "import + first who_held": "import natoeu_milstaff as nm; nm.who_held('DGIMS', '2020-05-19')",
}


# Measure as installed code runs: with cached bytecode, whatever this shell says.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _time(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=ENV)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    for code in COMMANDS.values():  # warm the file cache and .pyc files
        _time(code)
    samples: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.runs):
        for name, code in COMMANDS.items():
            samples[name].append(_time(code))
    base = samples["import attrs"]
    print(f"{'command':<28}{'median ms':>10}{'ratio to import attrs':>24}")
    for name, values in samples.items():
        ratios = [v / b for v, b in zip(values, base, strict=True)]
        print(f"{name:<28}{statistics.median(values) * 1000:>10.1f}{statistics.median(ratios):>24.2f}")


if __name__ == "__main__":
    main()
