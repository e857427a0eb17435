#!/usr/bin/env bash
# Install the package and its test tools with the lowest versions of its dependencies
# that pyproject.toml allows (constraints/lowest.txt) into a separate virtual
# environment, .venv-lowest, and run the test suite there. Lint, types and docs are
# checked once, by scripts/test.sh; this run checks that the floors are honest.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv-lowest
.venv-lowest/bin/python -m pip install -q --upgrade pip
.venv-lowest/bin/python -m pip install -q -c constraints/lowest.txt -e ".[parquet]" --group test
# What was installed, for the log: each pinned package and its version.
.venv-lowest/bin/python - constraints/lowest.txt <<'PY'
import sys
from importlib.metadata import version

with open(sys.argv[1], encoding="utf-8") as pins:
    for line in pins:
        name = line.partition("#")[0].partition("==")[0].strip()
        if name:
            print(f"lowest: {name} {version(name)}")
PY
# A few examples per property, as for the wheel: the dependencies are under test here.
HYPOTHESIS_PROFILE=lowest .venv-lowest/bin/python -m pytest "$@"
