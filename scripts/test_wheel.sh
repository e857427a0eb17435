#!/usr/bin/env bash
# Build the sdist, and the wheel from the sdist; install the wheel into a fresh virtual
# environment and run the test suite against it with src/ out of the path. Then run the
# sdist's own suite from the unpacked sdist, so that it ships everything its tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/python -m build -q --outdir "$work/dist" . >/dev/null
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --upgrade pip
"$work/venv/bin/python" -m pip install -q "$work"/dist/*.whl pytest hypothesis pandas frictionless "jsonschema>=4.18"
cp -r tests "$work/tests"
printf '[pytest]\nfilterwarnings = error\naddopts = -p no:cacheprovider -q\n' > "$work/pytest.ini"
cd "$work"
NATOEU_MILSTAFF_WHEEL=1 HYPOTHESIS_PROFILE=wheel "$work/venv/bin/python" -m pytest tests
# The sdist, unpacked and installed in place of the wheel, runs its tests, doctests and
# documentation examples as a checkout does (few examples each: the contents are under test).
mkdir "$work/sdist"
tar -xzf "$work"/dist/*.tar.gz -C "$work/sdist"
cd "$work"/sdist/*/
"$work/venv/bin/python" -m pip install -q -e . --group test
HYPOTHESIS_PROFILE=wheel "$work/venv/bin/python" -m pytest -q -p no:cacheprovider
