"""Compile the bundled TOML data into the form the package loads quickly.

Run after editing any file in src/natoeu_milstaff/data/:

    .venv/bin/python scripts/compile_data.py

It validates the TOML files (through the same converter as ``Dataset.load``) and writes
data/bundled.json, which the first query of a process reads. The test suite fails
while that file is out of step with the TOML files.
"""

from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "natoeu_milstaff" / "data"


def main() -> int:
    from natoeu_milstaff import Dataset
    from natoeu_milstaff._bundled import FILE, compile

    dataset = Dataset.load(DATA)  # raises DataError on any problem
    target = DATA / FILE
    target.write_text(compile(dataset.tables), encoding="utf-8")
    print(f"wrote {target} ({target.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
