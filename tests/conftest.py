"""Test configuration: hypothesis profiles for development and CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=60, deadline=None)
# CI runs the same examples every time, so that a pass or a failure does not depend on luck;
# the dev profile stays random to keep finding new cases. 100 examples keep the whole of
# scripts/test.sh under three minutes on a 2-core machine.
settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
# The tests run again against the built wheel (scripts/test_wheel.sh) and with the lowest
# dependency versions allowed (scripts/test_lowest.sh): there they check what is installed,
# not search for new cases, so a few examples each are enough.
for _name in ("wheel", "lowest"):
    settings.register_profile(
        _name, max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
    )
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documentation site, built once per test run with warnings as errors (nitpicky
    included); its HTML directory. Skips where the docs or Sphinx are not at hand (the
    wheel's and the lowest versions' runs)."""
    if not (DOCS / "conf.py").is_file():
        pytest.skip("the documentation sources are not here (the installed wheel's run)")
    pytest.importorskip("sphinx", reason="Sphinx is in the docs dependency group")
    out = tmp_path_factory.mktemp("site")
    html = out / "html"
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
    done = subprocess.run(
        [*command, "-d", str(out / "doctrees"), str(DOCS), str(html)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        pytest.fail(f"the documentation build failed:\n{done.stderr}")
    return html
