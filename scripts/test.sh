#!/usr/bin/env bash
# Set up a virtual environment with the package and its test and lint tools, then run
# the whole suite: ruff, mypy --strict, pytest (tests, doctests, docs examples, the
# documentation build and its check), then the tests again against the built wheel.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e . --group dev --group docs
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
# pytest also builds the documentation site with warnings as errors (nitpicky included)
# and checks it as a reader meets it (tests/test_site.py, scripts/check_site.py).
.venv/bin/python -m pytest "$@"
# The same tests against the built wheel, installed in a fresh environment.
bash scripts/test_wheel.sh
