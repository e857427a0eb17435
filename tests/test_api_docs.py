"""The API reference stays complete: an example on every public callable, each run.

Every function and class in ``natoeu_milstaff.__all__``, and every public method and
property of those classes (their own or a base's in the package; not the dunders, nor
what a built-in or standard library base brings, such as a tuple's ``count`` or an
enum's ``name``), has a doctest example (``>>>``) in its docstring, and pytest's
``--doctest-modules`` finds and runs it. No class is exempt: the enumerations show how a
value reads back from its text or where the record uses it, the exceptions how they
are raised and what they carry.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import importlib.util
import inspect
import pkgutil
import re
import zlib
from pathlib import Path
from typing import Any

import pytest

import natoeu_milstaff as nm

CHECKOUT = Path(__file__).resolve().parents[1]
SCRIPT = CHECKOUT / "scripts" / "make_inventories.py"
INVENTORIES = CHECKOUT / "docs" / "_inv"
API_PAGE = CHECKOUT / "docs" / "api.md"


def _members(cls: type) -> dict[str, Any]:
    """The public methods and properties of ``cls`` defined in the package, by name."""
    found: dict[str, Any] = {}
    for base in reversed(cls.__mro__):  # a subclass's definition wins
        if not base.__module__.startswith("natoeu_milstaff"):
            continue
        for name, attribute in vars(base).items():
            if name.startswith("_"):
                continue
            value = attribute.__func__ if isinstance(attribute, (classmethod, staticmethod)) else attribute
            if inspect.isfunction(value) or isinstance(value, property):
                found[name] = value
    return found


def public_callables() -> dict[str, Any]:
    """Every public function, class, method and property, by its dotted name."""
    found: dict[str, Any] = {}
    for name in nm.__all__:
        if name.startswith("__"):  # __version__
            continue
        obj = getattr(nm, name)
        found[name] = obj
        if inspect.isclass(obj):
            found.update({f"{name}.{member}": value for member, value in _members(obj).items()})
    return found


def test_the_walk_finds_what_the_package_offers() -> None:
    found = public_callables()
    assert {
        "who_held",
        "Dataset.load",
        "PartialDate.earliest",
        "Official.names",
        "Organisation.staff",
    } <= set(found)
    assert not {"Results.count", "Organisation.name", "Dataset.__init__"} & set(found)


def test_every_public_callable_has_an_example() -> None:
    missing = [name for name, obj in public_callables().items() if ">>>" not in (obj.__doc__ or "")]
    assert not missing, "no doctest example (>>>) in the docstring of: " + ", ".join(missing)


def test_every_example_is_run_by_doctest() -> None:
    """pytest's --doctest-modules runs what doctest finds: an example that it cannot find
    (an object whose ``__module__`` names another module) would never run."""
    finder = doctest.DocTestFinder(exclude_empty=True)
    run: set[str] = set()
    for info in pkgutil.iter_modules(nm.__path__, "natoeu_milstaff."):
        if info.name != "natoeu_milstaff.__main__":
            run.update(test.docstring or "" for test in finder.find(importlib.import_module(info.name)))
    unrun = [name for name, obj in public_callables().items() if obj.__doc__ not in run]
    assert not unrun, "doctest does not collect the examples of: " + ", ".join(unrun)


# A colon in the first line of an attribute's or property's docstring, outside inline
# code, makes napoleon read the words before it as the type: "Type: Every name the ...".
_CODE = re.compile(r"(:(?:[a-zA-Z0-9]+[\-_+:.])*[a-zA-Z0-9]+:`.+?`|``.+?``|`.+?`)")


def _reads_as_a_type(first_line: str) -> bool:
    return any(re.search(r"(?<!:):(?!:)", part) for part in _CODE.split(first_line)[::2])


def test_reads_as_a_type_sees_the_colons_napoleon_sees() -> None:
    assert _reads_as_a_type("Every name the post can be looked up by: code, title and aliases.")
    assert not _reads_as_a_type("Every name the post can be looked up by (code, title and aliases).")
    assert not _reads_as_a_type("``<official id>@<post code>``, as in ``a:b``, unique.")


def _attribute_docstrings() -> dict[str, str]:
    """The first line of each attribute's and property's docstring in the public classes."""
    public = set(nm.__all__)
    found: dict[str, str] = {}
    for info in pkgutil.iter_modules(nm.__path__, "natoeu_milstaff."):
        source = inspect.getsource(importlib.import_module(info.name))
        for cls in ast.parse(source).body:
            if not isinstance(cls, ast.ClassDef) or cls.name not in public:
                continue
            for before, node in zip(cls.body, cls.body[1:], strict=False):
                if (
                    isinstance(before, (ast.AnnAssign, ast.Assign))
                    and isinstance(node, ast.Expr)
                    and isinstance(node.value, ast.Constant)
                    and isinstance(node.value.value, str)
                ):
                    target = before.target if isinstance(before, ast.AnnAssign) else before.targets[0]
                    found[f"{cls.name}.{ast.unparse(target)}"] = node.value.value.strip().splitlines()[0]
            for node in cls.body:
                if isinstance(node, ast.FunctionDef) and any(
                    isinstance(d, ast.Name) and d.id == "property" for d in node.decorator_list
                ):
                    found[f"{cls.name}.{node.name}"] = (ast.get_docstring(node) or "\n").splitlines()[0]
    return found


def test_no_attribute_docstring_reads_as_a_type() -> None:
    docstrings = _attribute_docstrings()
    assert "Source.url" in docstrings
    assert "Official.names" in docstrings
    wrong = {name: line for name, line in docstrings.items() if _reads_as_a_type(line)}
    assert not wrong, f"a colon in the first line would render as a type: {wrong}"


@pytest.mark.skipif(not API_PAGE.is_file(), reason="the documentation is not shipped in the wheel")
def test_the_api_page_documents_every_public_name() -> None:
    page = API_PAGE.read_text(encoding="utf-8")
    absent = [
        name for name in nm.__all__ if not name.startswith("__") and f"natoeu_milstaff.{name}\n" not in page
    ]
    assert not absent, "docs/api.md does not document: " + ", ".join(absent)


@pytest.mark.skipif(not SCRIPT.is_file(), reason="the scripts are not shipped")
def test_the_inventories_are_what_the_script_writes() -> None:
    spec = importlib.util.spec_from_file_location("make_inventories", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    for name, (project, version, entries) in script.INVENTORIES.items():
        written = script.inventory(project, version, entries)
        kept = (INVENTORIES / f"{name}.inv").read_bytes()
        # The plain header and the entries, not the compressed bytes, which differ between
        # zlib builds (zlib-ng compresses the same lines differently).
        stale = f"docs/_inv/{name}.inv is stale: run python scripts/make_inventories.py"
        assert kept.split(b"\n", 4)[:4] == written.split(b"\n", 4)[:4], stale
        assert _lines(kept) == _lines(written), stale
        assert script.read(written) == {(obj, role): uri for obj, role, uri in entries}


def _lines(inventory: bytes) -> list[str]:
    """An inventory's entries, decompressed, one a line."""
    return zlib.decompress(inventory.split(b"\n", 4)[4]).decode("utf-8").splitlines()
