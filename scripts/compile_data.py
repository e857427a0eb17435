"""Compile the bundled TOML data into data/bundled.json, the fast-loading form.

Run after editing any file in src/natoeu_milstaff/data/:

    .venv/bin/python scripts/compile_data.py

The test suite fails while the compiled file is out of step with the TOML files.
"""

from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "natoeu_milstaff" / "data"


def compiled_text(root: Path = DATA) -> str:
    """The compiled JSON for the data directory ``root`` (validated first)."""
    import json

    from natoeu_milstaff import Dataset
    from natoeu_milstaff._convert import unstructure_tables

    dataset = Dataset.load(root)  # raises DataError on any problem
    return json.dumps(unstructure_tables(dataset.tables), ensure_ascii=False, separators=(",", ":")) + "\n"


def main() -> int:
    target = DATA / "bundled.json"
    target.write_text(compiled_text(), encoding="utf-8")
    print(f"wrote {target} ({target.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
