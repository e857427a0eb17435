"""The shipped data: one compiled file, built into records without cattrs.

``data/bundled.json`` is the converter's plain form of the TOML files beside it, every
table keyed by its file name. ``scripts/compile_data.py`` writes it with ``compile``
after a data edit; the test suite fails while it is out of step with the TOML files,
and checks that ``load`` gives exactly the records ``Dataset.load`` gives from them.
Because the bundled data is validated when it is compiled, records are made here
without running their validators, and neither cattrs nor a TOML parser is imported:
this is what keeps the first query of a process fast.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import operator
import os
import types
import typing
from typing import Any

import attrs

from . import _model
from ._dates import PartialDate, _from_canonical
from ._files import parents_first
from ._model import TABLES, Tables

__all__ = ["FILE", "compile", "load"]

FILE = "bundled.json"

_Convert = typing.Callable[[Any], Any]


def compile(tables: Tables) -> str:
    """The text of ``data/bundled.json`` for ``tables`` (validated by the caller)."""
    from ._convert import unstructure_tables

    return json.dumps(unstructure_tables(tables), ensure_ascii=False, separators=(",", ":")) + "\n"


def load() -> Tables:
    """The bundled tables, read from ``data/bundled.json``."""
    return build(json.loads(_read()))


def _read() -> bytes:
    # A plain file beside the module (the usual install) is read directly; importlib's
    # resource machinery, needed only for zipped installs, costs more than the read.
    path = os.path.join(os.path.dirname(__file__), "data", FILE)
    if os.path.isfile(path):
        with open(path, "rb") as handle:
            return handle.read()
    from importlib import resources

    return (resources.files(__package__) / "data" / FILE).read_bytes()


def build(raw: dict[str, Any]) -> Tables:
    """``Tables`` from compiled plain data, as the converter would build them."""
    builder = _Builder()
    built: dict[str, Any] = {}
    for table in TABLES:
        records = raw[table.file]
        if not table.many:
            built[table.attr] = builder.build(table.kind, records)
            continue
        refs = builder.refs.get(table.kind)
        pairs = parents_first(records, table, []) if table.parents else enumerate(records)
        objects: list[Any] = [None] * len(records)
        for index, record in pairs:
            obj = objects[index] = builder.build(table.kind, record)
            if refs is not None:
                refs[record[table.id]] = obj  # type: ignore[index]
        built[table.attr] = tuple(objects)
    tables: Tables = object.__new__(Tables)  # its records are checked: no validators to run
    for name, value in built.items():
        object.__setattr__(tables, name, value)
    return tables


class _Builder:
    """Makes records of attrs classes from plain data, by a plan made once per class.

    A plan is, per field, the function that turns its plain value into the object:
    ids become the records built before them, EDTF text a ``PartialDate``, and so on.
    """

    def __init__(self) -> None:
        self.refs: dict[type, dict[str, Any]] = {t.kind: {} for t in TABLES if t.referred}
        self.plans: dict[type, list[tuple[str, _Convert, Any]]] = {}
        self.dates: dict[str, PartialDate] = {}  # one object per distinct date, as the converter

    def build(self, kind: type, data: dict[str, Any]) -> Any:
        plan = self.plans.get(kind)
        if plan is None:
            plan = self.plans[kind] = self._plan(kind)
        obj: Any = object.__new__(kind)
        for name, convert, default in plan:
            object.__setattr__(obj, name, convert(data[name]) if name in data else default)
        return obj

    def _plan(self, kind: type) -> list[tuple[str, _Convert, Any]]:
        # The model's annotations are objects, not strings (``_model`` evaluates them),
        # so a plan needs no ``typing.get_type_hints``, which would cost more than the build.
        return [(f.name, self._converter(f.type), f.default) for f in attrs.fields(kind) if f.init]

    def _converter(self, kind: Any) -> _Convert:
        if isinstance(kind, str):  # a forward reference: a topic's broader topics, an area's parent
            parts = [
                type(None) if name == "None" else getattr(_model, name)
                for name in kind.replace(" ", "").split("|")
            ]
            kind = functools.reduce(operator.or_, parts)  # "ProposalArea | None": the union itself
        origin = typing.get_origin(kind)
        if origin is tuple:
            inner = self._converter(typing.get_args(kind)[0])
            if inner is _same:
                return tuple
            return lambda value: tuple([inner(item) for item in value])
        if origin is typing.Union or origin is types.UnionType:
            (arg,) = [a for a in typing.get_args(kind) if a is not type(None)]
            inner = self._converter(arg)
            return lambda value: None if value is None else inner(value)
        if kind is PartialDate:
            return self._date
        if kind is dt.date:
            return dt.date.fromisoformat
        if kind in self.refs:
            return self.refs[kind].__getitem__
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return kind
        if attrs.has(kind):
            return lambda value: self.build(kind, value)
        return _same

    def _date(self, text: str) -> PartialDate:
        found = self.dates.get(text)
        if found is None:
            found = self.dates[text] = _from_canonical(text)
        return found


def _same(value: Any) -> Any:
    return value
