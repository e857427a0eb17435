"""Write the intersphinx inventories the documentation links Python and attrs through.

The site links the standard library names and attrs functions that its API reference
mentions (``datetime.date``, ``os.PathLike``, ``attrs.evolve``...) to their own
documentation. Sphinx's intersphinx extension finds their addresses in an inventory
(``objects.inv``) that each project publishes beside its pages; but the machines that
build this site, a developer's and CI's, reach no network beyond the package index,
and no package there ships those inventories. So this script writes two small ones by
hand, ``docs/_inv/python.inv`` and ``docs/_inv/attrs.inv``, listing exactly the objects
the reference refers to, each with its real address; ``docs/conf.py`` points
``intersphinx_mapping`` at them, and Sphinx never fetches anything.

With a network one could instead download the full inventories
(``https://docs.python.org/3/objects.inv``, ``https://www.attrs.org/en/stable/objects.inv``)
into ``docs/_inv/`` under the same names, or give ``intersphinx_mapping`` ``None`` for
the inventory so that Sphinx fetches them on each build.

The lists below must grow when the documentation names a standard library or attrs
object not yet in them: the build is nitpicky, so it then fails with ``py:class
reference target not found: NAME``. Add the name with its role and page, run
``python scripts/make_inventories.py``, and commit the two files it writes (a test
checks they are what this script writes). Built-in names (``str``, ``None``) never
fail the build, since Sphinx knows them, but only link if they are listed here.

``--verify python=FULL_INVENTORY`` checks each Python entry, role and address, against
a full ``objects.inv`` (Debian's ``python3.11-doc`` ships Python's, as
``/usr/share/doc/python3.11/html/objects.inv``); the Python entries were checked so, and
the attrs ones against the source of attrs' API page (``docs/api.rst``).
"""

from __future__ import annotations

import argparse
import re
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "_inv"

HEADER = "# Sphinx inventory version 2\n# Project: {project}\n# Version: {version}\n"
COMPRESSED = "# The remainder of this file is compressed using zlib.\n"

# (name, role, page#anchor under the project's base address), grouped by where they
# appear in the API reference.
PYTHON: tuple[tuple[str, str, str], ...] = (
    # The types of the signatures.
    ("None", "py:data", "library/constants.html#None"),
    ("bool", "py:class", "library/functions.html#bool"),
    ("dict", "py:class", "library/stdtypes.html#dict"),
    ("int", "py:class", "library/functions.html#int"),
    ("list", "py:class", "library/stdtypes.html#list"),
    ("object", "py:class", "library/functions.html#object"),
    ("str", "py:class", "library/stdtypes.html#str"),
    ("tuple", "py:class", "library/stdtypes.html#tuple"),
    ("typing.Any", "py:data", "library/typing.html#typing.Any"),
    # Dates: the queries' arguments, PartialDate's days, Coverage.age.
    ("datetime.date", "py:class", "library/datetime.html#datetime.date"),
    ("datetime.timedelta", "py:class", "library/datetime.html#datetime.timedelta"),
    # Paths: Dataset.load, dump, export, from_json, from_csv.
    ("os.PathLike", "py:class", "library/os.html#os.PathLike"),
    # The errors' arguments.
    ("collections.abc.Iterable", "py:class", "library/collections.abc.html#collections.abc.Iterable"),
    ("collections.abc.Mapping", "py:class", "library/collections.abc.html#collections.abc.Mapping"),
)

ATTRS: tuple[tuple[str, str, str], ...] = (
    # The API reference's note on the record classes.
    ("attrs.evolve", "py:function", "api.html#attrs.evolve"),
    ("attrs.fields", "py:function", "api.html#attrs.fields"),
    ("attrs.exceptions.FrozenInstanceError", "py:exception", "api.html#attrs.exceptions.FrozenInstanceError"),
)

# name (of the intersphinx_mapping entry and the file) -> (project, version, entries);
# the base addresses are in docs/conf.py.
INVENTORIES: dict[str, tuple[str, str, tuple[tuple[str, str, str], ...]]] = {
    "python": ("Python", "3", PYTHON),
    "attrs": ("attrs", "", ATTRS),
}


def inventory(project: str, version: str, entries: tuple[tuple[str, str, str], ...]) -> bytes:
    """An objects.inv, version 2: a plain header, then one line per object, compressed.

    Each line is ``name role priority address display``: priority 1 is an ordinary
    object, and a display of ``-`` shows the name itself.
    """
    lines = "".join(f"{name} {role} 1 {uri} -\n" for name, role, uri in sorted(entries))
    head = HEADER.format(project=project, version=version) + COMPRESSED
    return head.encode("utf-8") + zlib.compress(lines.encode("utf-8"), 9)


def read(data: bytes) -> dict[tuple[str, str], str]:
    """The entries of an objects.inv, version 2: ``(name, role) -> address``."""
    lines = data.split(b"\n", 4)
    if len(lines) < 5 or lines[0] != b"# Sphinx inventory version 2":
        raise ValueError("not a Sphinx inventory, version 2")
    found: dict[tuple[str, str], str] = {}
    for line in zlib.decompress(lines[4]).decode("utf-8").splitlines():
        m = re.match(r"(.+?)\s+(\S+)\s+(-?\d+)\s+?(\S*)\s+(.*)", line)
        if m:
            name, role, _, uri, _ = m.groups()
            found[name, role] = uri.replace("$", name) if uri.endswith("$") else uri
    return found


def verify(name: str, full: Path) -> list[str]:
    """The entries of inventory ``name`` that the full inventory ``full`` lacks or places
    elsewhere."""
    known = read(full.read_bytes())
    problems = []
    for obj, role, uri in INVENTORIES[name][2]:
        if (obj, role) not in known:
            problems.append(f"{name}: {obj} ({role}) is not in {full}")
        elif known[obj, role] != uri:
            problems.append(f"{name}: {obj} ({role}) is at {known[obj, role]}, not {uri}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--verify",
        metavar="NAME=FULL_INVENTORY",
        help="check the entries of inventory NAME (python or attrs) against a full objects.inv",
    )
    args = parser.parse_args(argv)
    if args.verify is not None:
        name, _, full = args.verify.partition("=")
        if name not in INVENTORIES or not full:
            parser.error(f"--verify takes NAME=FULL_INVENTORY, NAME one of {', '.join(INVENTORIES)}")
        problems = verify(name, Path(full))
        print("\n".join(problems) or f"every {name} entry is in {full}, at the same address")
        return 1 if problems else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (project, version, entries) in INVENTORIES.items():
        path = OUT / f"{name}.inv"
        path.write_bytes(inventory(project, version, entries))
        print(f"wrote {path.relative_to(ROOT)}: {len(entries)} objects")
    return 0


if __name__ == "__main__":
    sys.exit(main())
