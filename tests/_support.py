"""Helpers shared by several test modules (no ``test_`` prefix: not collected).

Modules that edit a data directory define their own three-line ``data_dir`` fixture
over ``copy_bundled_data``: a fixture imported from here would look unused to ruff.
"""

from __future__ import annotations

import importlib
import shutil
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import natoeu_milstaff as nm
from strategies import INFO, POSTS

if TYPE_CHECKING:
    from types import ModuleType

DOCS_EXT = Path(__file__).resolve().parents[1] / "docs" / "_ext"
"""The site's generators and Sphinx extensions (absent in the installed wheel's run)."""


def docs_extension(name: str) -> ModuleType:
    """The module ``name`` of docs/_ext, imported with that folder on the path only while
    it loads; skips the test where docs/ is not beside the tests (the wheel's run)."""
    if not (DOCS_EXT / f"{name}.py").is_file():
        pytest.skip("docs/ is not here (a wheel's test run)")
    sys.path.insert(0, str(DOCS_EXT))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(DOCS_EXT))


SRC = nm.Source(id="s", url="https://example.org", title="t", publisher="p", kind=nm.SourceKind.ORIGINAL)
P = nm.PartialDate.parse


def official_named(ident: str) -> nm.Official:
    """An official whose name is ``ident`` title-cased, citing ``SRC``."""
    return nm.Official(id=ident, name=ident.title(), sources=(SRC,))


def dataset_of(*appointments: nm.Appointment, **tables: Any) -> nm.Dataset:
    """A dataset of the test posts, these appointments and their officials, citing ``SRC``."""
    officials = tuple(dict.fromkeys(a.official for a in appointments))
    return nm.Dataset(
        info=INFO, sources=(SRC,), posts=POSTS, officials=officials, appointments=appointments, **tables
    )


def copy_bundled_data(tmp_path: Path) -> Path:
    """A writable copy of the bundled data directory, at ``tmp_path / "data"``."""
    with resources.as_file(resources.files("natoeu_milstaff") / "data") as root:
        shutil.copytree(root, tmp_path / "data")
    return tmp_path / "data"


def replace_text(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` (which must be there) by ``new`` in the file at ``path``."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def position(root: Path, file: str, key: str, ident: str, field: str = "id") -> int:
    """Position of the record ``ident`` in a bundled data file, so tests survive new data."""
    import tomllib

    records = tomllib.loads((root / file).read_text(encoding="utf-8"))[key]
    return next(i for i, r in enumerate(records) if r.get(field) == ident)


def load_problems(root: Path) -> tuple[str, ...]:
    """The problems of the one ``DataError`` that loading ``root`` raises."""
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.load(root)
    assert isinstance(info.value, ValueError)
    assert str(root) in str(info.value)
    return info.value.problems
