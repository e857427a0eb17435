#!/usr/bin/env bash
# Set up a virtual environment with the package, then put real questions to it.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q .
.venv/bin/python examples/tour.py
.venv/bin/python -m natoeu_milstaff --version
.venv/bin/python -m natoeu_milstaff who-held DGIMS 2020-05-19
.venv/bin/python -m natoeu_milstaff who-held DGIMS today
.venv/bin/python -m natoeu_milstaff holders DGEUMS
.venv/bin/python -m natoeu_milstaff meetings-about cyber
.venv/bin/python -m natoeu_milstaff conferences --year 2017   # none: says so on stderr
