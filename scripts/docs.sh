#!/usr/bin/env bash
# Build the documentation site into docs/_build/html, with warnings as errors.
# The data pages and the timeline are generated from the bundled dataset on the way,
# then the built site is checked (scripts/check_site.py).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/sphinx-build ]; then
  python3 -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e . --group docs
fi
.venv/bin/sphinx-build -W --keep-going -q -b html docs docs/_build/html
# Links, anchors, a page per record, the timeline's bars: as tests/test_site.py checks.
.venv/bin/python scripts/check_site.py docs/_build/html
echo "built docs/_build/html/index.html"
