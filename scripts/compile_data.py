"""Compile the bundled TOML data into the package's fast-loading forms.

Run after editing any file in src/natoeu_milstaff/data/:

    .venv/bin/python scripts/compile_data.py

It writes data/bundled.json (the whole dataset, for the full load) and _compiled.py
(the answers of the first who_held). The test suite fails while either is out of step
with the TOML files.
"""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "natoeu_milstaff"
DATA = PACKAGE / "data"


def main() -> int:
    from natoeu_milstaff import Dataset
    from natoeu_milstaff._compile import bundled_json, quick_module

    dataset = Dataset.load(DATA)  # raises DataError on any problem
    for target, text in (
        (DATA / "bundled.json", bundled_json(dataset)),
        (PACKAGE / "_compiled.py", quick_module(dataset)),
    ):
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target} ({target.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
