"""Stage 1: the data directory on disk — its files, read as TOML, written back as TOML.

Only the files of ``TABLES`` are read, each from directly inside the directory: a data
directory cannot make the loader read anywhere else, and TOML is data, never code.
What comes out is plain data keyed by file name, for ``_convert`` to type.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from ._errors import DataError
from ._model import TABLES

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

    from ._model import Table

__all__ = ["check_shape", "parents_first", "read_tables", "write_tables"]

FILES = {table.file: table for table in TABLES}


def read_tables(root: Path) -> dict[str, Any]:
    """Read every data file below ``root``; raise one ``DataError`` listing all problems."""
    import tomllib  # deferred: `import natoeu_milstaff` must not pay for it

    problems: list[str] = []
    try:
        if not root.is_dir():
            raise DataError([f"{root}: not a directory"], source=str(root))
        stray = sorted(p.name for p in root.glob("*.toml") if p.name not in FILES)
    except OSError as exc:
        raise DataError([f"{root}: cannot be read ({exc.strerror or exc})"], source=str(root)) from None
    known = ", ".join(sorted(FILES))
    problems += [f"{name}: unexpected file; known files are {known}" for name in stray]
    tables: dict[str, Any] = {}
    for table in TABLES:
        name, key = table.file, table.key
        path = root / name
        if not path.is_file() or path.is_symlink():
            problems.append(
                f"{name}: missing" + (" (a symbolic link is not read)" if path.is_symlink() else "")
            )
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(f"{name}: not UTF-8 text (byte {exc.start})")
            continue
        except OSError as exc:
            problems.append(f"{name}: cannot be read ({exc.strerror or exc})")
            continue
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            problems.append(f"{name}: not valid TOML: {exc}")
            continue
        except RecursionError:
            problems.append(f"{name}: not valid TOML: nested too deeply")
            continue
        extra = sorted(set(doc) - {key})
        if extra:
            problems.append(f"{name}: $: unexpected top-level key(s) {', '.join(extra)}; expected {key!r}")
        value = doc.get(key, [] if table.many else {})
        shape = check_shape(table, {name: value})
        if shape:
            problems += shape
            continue
        tables[name] = value
    if problems:
        raise DataError(problems, source=str(root))
    return tables


def check_shape(table: Table, tables: Mapping[str, Any]) -> list[str]:
    """Problems with the shape of one table in plain data keyed by file name."""
    name, key = table.file, table.key
    if name not in tables:
        return [f"{name}: missing"]
    value = tables[name]
    if not table.many:
        return [] if isinstance(value, dict) else [f"{name}: $.{key}: expected a table"]
    if isinstance(value, list) and all(isinstance(r, dict) for r in value):
        return []
    return [f"{name}: $.{key}: expected an array of tables ([[{key}]])"]


# Deep enough for any real taxonomy, shallow enough that nested objects stay cheap.
MAX_TOPIC_DEPTH = 32


def parents_first(
    records: list[dict[str, Any]], file: str, problems: list[str]
) -> list[tuple[int, dict[str, Any]]]:
    """Topic records with their positions, each after its broader topics (which it holds).

    Both loaders build topics in this order. Kahn's algorithm, without recursion;
    topics left over are in a cycle and reported in ``problems``, with depth beyond
    ``MAX_TOPIC_DEPTH``.
    """
    by_id: dict[str, int] = {}
    for index, record in enumerate(records):
        ident = record.get("id")
        if isinstance(ident, str):
            by_id.setdefault(ident, index)
    parents: dict[int, set[int]] = {}
    children: dict[int, list[int]] = {i: [] for i in range(len(records))}
    for index, record in enumerate(records):
        broader = record.get("broader", [])
        known = (
            {by_id[p] for p in broader if isinstance(p, str) and p in by_id}
            if isinstance(broader, list)
            else set()
        )
        parents[index] = known
        for parent in known:
            children[parent].append(index)
    depth = {i: 0 for i in parents if not parents[i]}
    ready = sorted(depth)
    order: list[int] = []
    waiting = {i: len(p) for i, p in parents.items()}
    while ready:
        index = ready.pop()
        order.append(index)
        for child in children[index]:
            depth[child] = max(depth.get(child, 0), depth[index] + 1)
            waiting[child] -= 1
            if waiting[child] == 0:
                ready.append(child)
    for index in sorted(set(parents) - set(order)):
        problems.append(f"{file}: $.topic[{index}].broader: part of a cycle of broader topics")
    for index in order:
        if depth[index] > MAX_TOPIC_DEPTH:
            problems.append(
                f"{file}: $.topic[{index}].broader: more than {MAX_TOPIC_DEPTH} levels of broader topics"
            )
            break
    return [(index, records[index]) for index in order]


def write_tables(root: Path, tables: Mapping[str, Any]) -> None:
    """Write ``tables`` (file name -> plain data) as TOML files in ``root``.

    Every file is rendered and encoded before the first is written, so a value that
    cannot be written leaves the directory as it was.
    """
    rendered: dict[str, bytes] = {}
    for table in TABLES:
        value, key = tables[table.file], table.key
        if table.many:
            text = "\n".join(f"[[{key}]]\n" + _body(record, prefix=key) for record in value)
        else:
            text = f"[{key}]\n" + _body(value, prefix=key)
        rendered[table.file] = text.encode("utf-8")
    root.mkdir(parents=True, exist_ok=True)
    for name, data in rendered.items():
        (root / name).write_bytes(data)


_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _key(key: str) -> str:
    return key if _BARE.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    escaped = "".join(c if c >= " " and c != "\x7f" else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list) and not any(isinstance(x, dict) for x in value):
        return "[" + ", ".join(_scalar(x) for x in value) + "]"
    raise TypeError(f"cannot write {value!r} as a TOML value")


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(x, dict) for x in value)


def _body(record: Mapping[str, Any], *, prefix: str) -> str:
    lines: list[str] = []
    nested: list[tuple[str, Any]] = []
    for key, value in record.items():
        if isinstance(value, dict) or _is_table_array(value):
            nested.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_scalar(value)}")
    out = "".join(line + "\n" for line in lines)
    for key, value in nested:
        path = f"{prefix}.{_key(key)}"
        items: Sequence[Any] = value if isinstance(value, list) else [value]
        header = f"[[{path}]]" if isinstance(value, list) else f"[{path}]"
        for item in items:
            out += f"\n{header}\n" + _body(item, prefix=path)
    return out
