"""Test configuration: hypothesis profiles for development and CI."""

from __future__ import annotations

import os

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
