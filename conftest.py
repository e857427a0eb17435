"""Names every doctest may use without importing them."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

import natoeu_milstaff


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict[str, Any]) -> None:
    doctest_namespace["datetime"] = datetime
    doctest_namespace["nm"] = natoeu_milstaff
    doctest_namespace["PartialDate"] = natoeu_milstaff.PartialDate
    doctest_namespace["Dataset"] = natoeu_milstaff.Dataset
