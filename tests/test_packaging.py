"""The installed package carries its data, its type marker and its whole public API.

Run against the built wheel by scripts/test_wheel.sh (NATOEU_MILSTAFF_WHEEL=1), where
``src/`` is not on the path.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import natoeu_milstaff as nm
from natoeu_milstaff._model import TABLES


def test_data_files_and_type_marker_are_shipped() -> None:
    package = resources.files("natoeu_milstaff")
    assert (package / "py.typed").is_file()
    shipped = {p.name for p in (package / "data").iterdir()}
    assert {t.file for t in TABLES} <= shipped


def test_everything_in_all_is_importable() -> None:
    namespace: dict[str, object] = {}
    exec("from natoeu_milstaff import *", namespace)  # the star import honours __all__
    assert set(nm.__all__) <= set(namespace)


def test_tested_copy_is_the_installed_wheel_when_asked() -> None:
    location = Path(nm.__file__).resolve()
    if os.environ.get("NATOEU_MILSTAFF_WHEEL") == "1":
        assert "site-packages" in location.parts, location
    else:
        checkout = Path(__file__).resolve().parents[1]
        assert location == checkout / "src" / "natoeu_milstaff" / "__init__.py", location
