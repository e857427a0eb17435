"""Stage 2: plain data <-> typed objects, through one cattrs converter.

This is the only module that imports cattrs. Records refer to each other by id in
plain data; while structuring, a reference hook swaps each id for the object built
earlier (sources first, then the tables that cite them), so joins happen here and
nowhere else. Every problem is collected with its file and path; nothing half-built
escapes.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import enum
import operator
import typing
from contextlib import contextmanager
from typing import Any

import attrs
import cattrs
from cattrs.cols import list_structure_factory
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from ._dates import PartialDate
from ._errors import DataError, Error
from ._files import parents_first
from ._model import TABLES

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

    from ._model import Table

__all__ = ["structure_tables", "unstructure_tables"]


class _Reference(Error, ValueError):
    """A record names an id that no record of the target table has."""


# The objects built so far during one load, for the reference hooks. A ContextVar keeps
# concurrent loads in different threads apart.
_REFS: contextvars.ContextVar[tuple[dict[type, dict[str, Any]], dict[type, set[str]]]] = (
    contextvars.ContextVar("refs")
)

# Per load: distinct strings, dates and reference tuples, each kept once.
_SHARED: contextvars.ContextVar[tuple[dict[str, str], dict[str, PartialDate], dict[Any, Any]]] = (
    contextvars.ContextVar("shared")
)

# Tables whose records others hold by id: record class -> (the table, the id field).
_REFERRED = {t.kind: (t, t.id) for t in TABLES if t.referred and t.id}


def _strict(kind: type, name: str) -> Callable[[Any, Any], Any]:
    def hook(value: Any, _: Any) -> Any:
        if type(value) is not kind:
            raise TypeError(f"expected {name}, got {type(value).__name__} {value!r}")
        return value

    return hook


def _is_homogeneous_tuple(kind: Any) -> bool:
    origin: Any = typing.get_origin(kind)
    return origin is tuple and typing.get_args(kind)[1:] == (...,)


def _make_converter() -> _Entities:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True, omit_if_default=True)

    def structure_str(value: Any, _: Any) -> str:
        if type(value) is not str:
            raise TypeError(f"expected a string, got {type(value).__name__} {value!r}")
        # One object for each distinct string of a load: ranks, titles and ids repeat.
        shared: str = _SHARED.get()[0].setdefault(value, value)
        return shared

    conv.register_structure_hook(str, structure_str)
    conv.register_structure_hook(int, _strict(int, "an integer"))
    conv.register_structure_hook(bool, _strict(bool, "true or false"))

    def structure_date(value: Any, _: Any) -> PartialDate:
        if not isinstance(value, str):
            raise TypeError(f'expected a quoted EDTF date string such as "2019-11-25", got {value!r}')
        dates = _SHARED.get()[1]
        found = dates.get(value)
        if found is None:  # one immutable object per distinct date of a load
            found = dates[value] = PartialDate.parse(value)
        return found

    def structure_day(value: Any, _: Any) -> dt.date:
        parsed = structure_date(value, None)
        if parsed.day is None or parsed.approximate or parsed.uncertain:
            raise ValueError(f"expected a full day (YYYY-MM-DD), got {value!r}")
        return parsed.earliest()

    conv.register_structure_hook(PartialDate, structure_date)
    conv.register_unstructure_hook(PartialDate, str)
    conv.register_structure_hook(dt.date, structure_day)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)

    def structure_enum(value: Any, kind: type[enum.Enum]) -> enum.Enum:
        try:
            return kind(value)
        except ValueError:
            choices = ", ".join(repr(m.value) for m in kind)
            raise ValueError(f"{value!r} is not a valid {kind.__name__}; expected one of {choices}") from None

    # Registered for the Enum class, which covers every subclass: cattrs consults hooks
    # registered by class before predicate hooks, and cattrs 24.1 has one of its own there.
    conv.register_structure_hook(enum.Enum, structure_enum)

    def tuple_factory(kind: Any) -> Callable[[Any, Any], Any]:
        # cattrs' own tuple factory arrived only in 25.2; its list factory (in cattrs.cols
        # since 24.1) checks each element the same way and reports the same paths.
        inner = list_structure_factory(kind, conv)
        shareable = typing.get_args(kind)[0] in (str, *_REFERRED)

        def hook(value: Any, t: Any) -> Any:
            if not isinstance(value, list):
                raise TypeError(f"expected an array, got {type(value).__name__} {value!r}")
            built = tuple(inner(value, t))
            if shareable:  # tuples of references repeat, e.g. the same sources cited
                built = _SHARED.get()[2].setdefault(built, built)
            return built

        return hook

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_factory)

    # References: an id in plain data, the object in memory.
    for kind, (table, ident) in _REFERRED.items():
        conv.register_structure_hook(kind, _reference(table))
        conv.register_unstructure_hook(kind, operator.attrgetter(ident))

    conv.register_unstructure_hook_func(
        _is_homogeneous_tuple, lambda value: [conv.unstructure(x) for x in value]
    )

    # The tables' own records are built (and written) in full, not as references.
    built = _Entities()
    for kind in (t.kind for t in TABLES):
        built.structure[kind] = make_dict_structure_fn(kind, conv, _cattrs_forbid_extra_keys=True)
        built.unstructure[kind] = make_dict_unstructure_fn(kind, conv, _cattrs_omit_if_default=True)
    return built


@attrs.define
class _Entities:
    """Generated functions that build and dump whole records of each table."""

    structure: dict[type, Callable[[Any, type], Any]] = attrs.Factory(dict)
    """Called as every structure hook is, with the type too: cattrs 24.1's need it."""
    unstructure: dict[type, Callable[[Any], Any]] = attrs.Factory(dict)


def _reference(table: Table) -> Callable[[Any, Any], Any]:
    kind, name = table.kind, table.key

    def hook(value: Any, _: Any) -> Any:
        if isinstance(value, dict):  # a record written in place, as older data files nest sets
            raise TypeError(
                f"expected the id of a {name} (a string), got a table; {name} records are kept "
                f"in {table.file} and referred to by id"
            )
        if not isinstance(value, str):
            raise TypeError(f"expected the id of a {name} (a string), got {value!r}")
        refs, failed = _REFS.get()
        known: dict[str, Any] = refs[kind]
        try:
            return known[value]
        except KeyError:
            if value in failed[kind]:
                raise _Reference(f"refers to the {name} {value!r}, which has problems of its own") from None
            from ._errors import _close_matches

            close = _close_matches(value, list(known))
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise _Reference(f"no {name} has the id {value!r}{hint}") from None

    return hook


_CONVERTER: _Entities | None = None


def _converter() -> _Entities:
    global _CONVERTER  # noqa: PLW0603 - built once, on first use
    if _CONVERTER is None:
        _CONVERTER = _make_converter()
    return _CONVERTER


def _format(exc: BaseException, kind: type | None) -> str:
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown key(s) {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, AttributeError):
        return "expected a table (key = value pairs)"
    if isinstance(exc, (ValueError, TypeError)) and str(exc):
        return str(exc)
    return cattrs.v.format_exception(exc, kind)


def _messages(exc: BaseException, path: str) -> list[str]:
    if isinstance(exc, (cattrs.ClassValidationError, cattrs.IterableValidationError)):
        out = []
        for line in cattrs.transform_error(exc, path=path, format_exception=_format):
            message, _, where = line.rpartition(" @ ")
            out.append(f"{where}: {message}")
        return out
    return [f"{path}: {_format(exc, None)}"]


@contextmanager
def _references() -> Iterator[tuple[dict[type, dict[str, Any]], dict[type, set[str]]]]:
    refs: dict[type, dict[str, Any]] = {kind: {} for kind in _REFERRED}
    failed: dict[type, set[str]] = {kind: set() for kind in _REFERRED}
    token = _REFS.set((refs, failed))
    shared = _SHARED.set(({}, {}, {}))
    try:
        yield refs, failed
    finally:
        _REFS.reset(token)
        _SHARED.reset(shared)


def structure_tables(raw: Mapping[str, Any], *, origin: str = "dataset") -> dict[str, Any]:
    """Build typed records from plain data keyed by file name, keyed by the attributes of ``Tables``.

    Raises one ``DataError`` that lists every problem with its file and path.
    """
    entity = _converter().structure
    problems: list[str] = []
    built: dict[str, Any] = {}
    with _references() as (refs, failed):
        for table in TABLES:
            file, key, kind = table.file, table.key, table.kind
            records = raw[file]
            if not table.many:
                try:
                    built[table.attr] = entity[kind](records, kind)
                except Exception as exc:  # noqa: BLE001 - every failure becomes a reported problem
                    problems += [f"{file}: {m}" for m in _messages(exc, f"$.{key}")]
                continue
            pairs = parents_first(records, table, problems) if table.parents else enumerate(records)
            ident_field = _REFERRED[kind][1] if kind in _REFERRED else None
            objects = []
            for index, record in pairs:
                path = f"$.{key}[{index}]"
                try:
                    obj = entity[kind](record, kind)
                except Exception as exc:  # noqa: BLE001
                    problems += [f"{file}: {m}" for m in _messages(exc, path)]
                    if ident_field and isinstance(record.get(ident_field), str):
                        failed[kind].add(record[ident_field])
                    continue
                objects.append((index, obj))
                if ident_field:
                    ident = getattr(obj, ident_field)
                    if ident in refs[kind]:
                        problems.append(f"{file}: {path}: duplicate id {ident!r}")
                    refs[kind][ident] = obj
            built[table.attr] = tuple(obj for _, obj in sorted(objects, key=lambda pair: pair[0]))
    if problems:
        raise DataError(problems, source=origin)
    return built


def unstructure_tables(tables: Any) -> dict[str, Any]:
    """Plain data keyed by file name, ids in place of referenced objects."""
    entity = _converter().unstructure
    out: dict[str, Any] = {}
    for table in TABLES:
        value = getattr(tables, table.attr)
        unstructure = entity[table.kind]
        out[table.file] = [unstructure(obj) for obj in value] if table.many else unstructure(value)
    return out
