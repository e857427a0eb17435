"""The fast path for the bundled data: one compiled JSON file, built into objects directly.

``data/bundled.json`` is the converter's own plain-data form of the TOML files
(``scripts/compile_data.py`` writes it; a test keeps it in step and checks that this
loader gives a dataset equal to ``Dataset.load`` on the TOML). Because the bundled
data is validated when compiled, objects are made here without running their
validators, and neither cattrs nor a TOML parser is imported.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import TYPE_CHECKING, Any

import attrs

from ._dates import PartialDate, _from_canonical
from ._model import (
    TABLE_ORDER,
    Conference,
    DatasetInfo,
    Official,
    Post,
    Source,
    Tables,
    Topic,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["COMPILED", "load_compiled"]

COMPILED = "bundled.json"

_KEY = {Source: "id", Post: "code", Official: "id", Topic: "id", Conference: "id"}

_new = object.__new__
_set = object.__setattr__


_Convert = typing.Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


class _Builder:
    """Builds objects of attrs classes from plain data, by plans made once per class.

    A plan is, per field, the function that turns its plain value into the object.
    """

    def __init__(self) -> None:
        self.refs: dict[type, dict[str, Any]] = {kind: {} for kind in _KEY}
        self.plans: dict[type, list[tuple[str, _Convert, Any]]] = {}

    def converter(self, kind: Any) -> _Convert:
        origin = typing.get_origin(kind)
        if origin is tuple:
            inner = self.converter(typing.get_args(kind)[0])
            if inner is _same:
                return tuple
            return lambda value: tuple([inner(item) for item in value])
        if origin in (typing.Union, types.UnionType):
            (arg,) = [a for a in typing.get_args(kind) if a is not type(None)]
            inner = self.converter(arg)
            return lambda value: None if value is None else inner(value)
        if kind is PartialDate:
            return _from_canonical
        if kind is dt.date:
            return dt.date.fromisoformat
        if kind in _KEY:
            return self.refs[kind].__getitem__
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return kind
        if attrs.has(kind):
            return lambda value: self.build(kind, value)
        return _same

    def build(self, kind: type, data: dict[str, Any]) -> Any:
        plan = self.plans.get(kind)
        if plan is None:
            hints = typing.get_type_hints(kind)
            plan = [(f.name, self.converter(hints[f.name]), f.default) for f in attrs.fields(kind) if f.init]
            self.plans[kind] = plan
        obj: Any = _new(kind)
        for name, convert, default in plan:
            _set(obj, name, convert(data[name]) if name in data else default)
        return obj


def load_compiled(raw: dict[str, Any], reuse: Mapping[type, Mapping[str, Any]] | None = None) -> Tables:
    """Build ``Tables`` from the compiled plain data of the bundled files.

    ``reuse`` maps a record class to objects already built from these same records, by
    key (the quick path's sources and officials): they are taken as they are, so that
    an answer given before the full load is the very object the full dataset holds.
    """
    builder = _Builder()
    built: dict[str, Any] = {"info": builder.build(DatasetInfo, raw["dataset.toml"])}
    for file, _, kind, attr in TABLE_ORDER:
        records = raw[file]
        if kind is Topic:
            records = _parents_first(records)
        known = reuse.get(kind) if reuse else None
        objects = []
        for record in records:
            obj = known.get(record[_KEY[kind]]) if known else None
            if obj is None:
                obj = builder.build(kind, record)
            objects.append(obj)
            if kind in _KEY:
                builder.refs[kind][record[_KEY[kind]]] = obj
        if kind is Topic:  # keep file order, as the TOML loader does
            by_id = {t.id: t for t in objects}
            objects = [by_id[r["id"]] for r in raw[file]]
        built[attr] = tuple(objects)
    return Tables(**built)


def _parents_first(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {r["id"]: r for r in records}
    done: set[str] = set()
    order: list[dict[str, Any]] = []
    for record in records:
        stack = [(record, False)]
        while stack:
            item, expanded = stack.pop()
            if item["id"] in done:
                continue
            if expanded:
                done.add(item["id"])
                order.append(item)
                continue
            stack.append((item, True))
            stack.extend((by_id[p], False) for p in item.get("broader", ()) if p not in done)
    return order
