"""The installed package carries its data, its type marker and its whole public API.

Run against the built wheel by scripts/test_wheel.sh (NATOEU_MILSTAFF_WHEEL=1), where
``src/`` is not on the path.
"""

from __future__ import annotations

import ast
import os
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import natoeu_milstaff as nm
from natoeu_milstaff._model import TABLES
from natoeu_milstaff._release import _URLS

CHECKOUT = Path(__file__).resolve().parents[1]
PYPROJECT = CHECKOUT / "pyproject.toml"
LOWEST = CHECKOUT / "constraints" / "lowest.txt"
CITATION = CHECKOUT / "CITATION.cff"


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
        assert location == CHECKOUT / "src" / "natoeu_milstaff" / "__init__.py", location


def _imports(path: Path) -> set[str]:
    """The package modules a module imports, at its top or inside functions alike."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found.update([node.module] if node.module else [alias.name for alias in node.names])
    return found


def test_no_module_imports_one_that_imports_it_back() -> None:
    package = Path(nm.__file__).parent
    graph = {path.stem: _imports(path) for path in package.glob("*.py")}
    assert graph["_dataset"] >= {"_index", "_bundled", "_model"}  # the scan sees real imports
    cycles = []
    for start in graph:
        stack: list[tuple[str, tuple[str, ...]]] = [(start, (start,))]
        while stack:
            module, path = stack.pop()
            for imported in graph.get(module, ()):
                if imported == start:
                    cycles.append(" -> ".join((*path, start)))
                elif imported not in path:
                    stack.append((imported, (*path, imported)))
    assert cycles == []


def _project() -> dict[str, Any]:
    """pyproject.toml's [project] table; skips where it is not shipped (the wheel run)."""
    if not PYPROJECT.is_file():
        pytest.skip("pyproject.toml is not shipped in the wheel")
    project: dict[str, Any] = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    return project


def test_the_lowest_constraints_pin_exactly_the_declared_floors() -> None:
    project = _project()
    extras = project["optional-dependencies"]
    requirements = [*project["dependencies"], *(r for extra in extras.values() for r in extra)]
    floors = {}
    for requirement in requirements:
        found = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", requirement)
        assert found, f"{requirement!r}: every dependency has a floor, and only a floor"
        floors[found[1]] = found[2]
    pins = {}
    for line in LOWEST.read_text(encoding="utf-8").splitlines():
        if pin := line.partition("#")[0].strip():
            name, equals, version = pin.partition("==")
            assert equals, f"{pin!r}: every constraint pins one version"
            pins[name] = version
    assert pins == floors


def test_the_project_urls_are_the_ones_the_package_cites() -> None:
    assert _project()["urls"] == _URLS


def test_citation_cff_gives_the_package_version_and_the_data_release() -> None:
    if not CITATION.is_file():
        pytest.skip("CITATION.cff is not shipped in the wheel")
    text = CITATION.read_text(encoding="utf-8")
    # Simple line matching, not a YAML parser: top-level keys, then the data reference's.
    field = r'([a-z-]+): "?([^"\n]*)"?$'
    top = dict(re.findall("^" + field, text, flags=re.MULTILINE))
    data = dict(re.findall("^(?:    |  - )" + field, text.partition("\nreferences:")[2], flags=re.MULTILINE))
    release = nm.data_release()
    assert (top["cff-version"], top["type"], top["license"]) == ("1.2.0", "software", "MIT")
    assert (top["version"], top["date-released"]) == (nm.__version__, release.as_of.isoformat())
    assert top["repository-code"] == _URLS["Source"]
    assert (data["type"], data["license"]) == ("data", "CC-BY-4.0")
    assert (data["version"], data["date-released"]) == (release.version, release.as_of.isoformat())
