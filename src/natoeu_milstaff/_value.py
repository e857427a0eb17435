"""Equality, hashing and repr shared by every record class, and the tuple queries return.

Each record class is ``@attrs.frozen(kw_only=True, eq=False, repr=False)`` over
``Value`` (through ``Record``, which adds a notebook display): attrs makes its
``__init__`` and immutability, and these three methods come from here instead of being
generated per class.

Why it stays: making the record classes is the largest part of the first query of a
process, after importing attrs itself. Measured with a six-field record class made
repeatedly in one process, attrs' generated ``__eq__``, ``__hash__`` and ``__repr__``
make a class cost 1.8 to 2 times as much (about 0.4 ms more each on the development
machine); for the 19 record classes that is several milliseconds on every first query,
against a goal of 1.4 times a cold ``import attrs`` (about 40 ms) for the whole of it.

Equality is attrs' own: two records are equal when they are of the very same class and
every field is equal; equal records hash alike.

The repr reads like a constructor call, ``Class(field=value, ...)``, over the fields
with ``repr`` on, through a field's own repr function where it has one, leaving out a
field that holds its default. It fits a screen because one record never nests another
whole. The convention, the same for every record class:

- A record held by another is *named*, by its class and key in angle brackets:
  ``<Source nato-news-167904>``, ``<Official herve-blejean>``, ``<Post DGIMS>``,
  ``<Conference 2022-06-10>``, ``<Chair herve-blejean>``. The brackets mark an
  object, not a string (as in ``<Organisation.NATO: 'NATO'>``): ``official.sources``
  holds ``Source`` records, which no string equals. The key is made of the attributes a
  class lists in ``_ref_by`` (its id, code, or what tells it apart from its siblings).
  A class without ``_ref_by`` (``PartialDate``, ``DatasetInfo``) is a plain value and
  shows its own repr.
- A field may summarise instead, through its ``repr`` function: ``agenda=<4 AgendaItems>``.
- A field with ``repr=False`` is left out: the curators' commentary (``notes``,
  ``inferences``, ``conflicts``, a declaration's ``signatories``) in every class, and a
  conference's ``format``, ``evidence``, ``figures`` and ``next_meeting``, so that a
  conference fits in 300 characters. The fields, and a notebook's display, show them all.
- An enum member is ``Organisation.NATO``; dates and numbers show their own repr.
- Text longer than 40 characters is cut to its first 39 and ``…``, inside the quotes.
- A tuple of more than two items shows the first and a count of the rest:
  ``sources=(<Source nato-news-167904>, <2 more>)``.
"""

from __future__ import annotations

import enum
import operator
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

__all__ = ["Record", "Results", "Value", "counted"]

_T_co = TypeVar("_T_co", covariant=True)

# Per class: a function from a record to the tuple of its field values, in field order.
_GETTERS: dict[type, Any] = {}
# Text in a repr is cut to this many characters, the last being "…".
_TEXT = 40
# A tuple of more items than this shows its first and a count of the rest.
_ITEMS = 2


def _getter(cls: type) -> Any:
    names = [a.name for a in cls.__attrs_attrs__]  # type: ignore[attr-defined]
    if len(names) < 2:  # attrgetter of one name gives the bare value; of none, fails
        getter: Any = lambda obj: tuple(getattr(obj, n) for n in names)  # noqa: E731
    else:
        getter = operator.attrgetter(*names)
    _GETTERS[cls] = getter
    return getter


def _class_name(obj: object) -> str:
    # As attrs names a class defined in a function: without its "f.<locals>." part.
    return obj.__class__.__qualname__.rsplit(">.", 1)[-1]


class Value:
    """Base of the record classes: attrs' equality, hashing and repr, written once."""

    __slots__ = ()

    _ref_by: ClassVar[tuple[str, ...] | None] = None
    """The attributes (dotted paths) that name a record in another's repr; ``None`` for a
    plain value, which shows its own repr there."""

    # Hidden from type checkers, as attrs' generated methods are: a class that declares
    # __eq__ would lose mypy's check of comparisons between unrelated types.
    if not TYPE_CHECKING:

        def __eq__(self, other):
            cls = self.__class__
            if other.__class__ is not cls:
                return NotImplemented
            fields = _GETTERS.get(cls) or _getter(cls)
            # Field by field, as attrs compares: no shortcut for a value that is itself.
            for mine, theirs in zip(fields(self), fields(other), strict=True):  # noqa: SIM110
                if not mine == theirs:
                    return False
            return True

        def __hash__(self):
            cls = self.__class__
            return hash((cls, (_GETTERS.get(cls) or _getter(cls))(self)))

    def __repr__(self) -> str:
        from attrs import NOTHING

        parts = []
        for a in self.__attrs_attrs__:  # type: ignore[attr-defined]
            if a.repr is False:
                continue
            value = getattr(self, a.name)
            if a.default is not NOTHING and value == a.default:
                continue
            parts.append(f"{a.name}={a.repr(value) if callable(a.repr) else shown(value)}")
        return f"{_class_name(self)}({', '.join(parts)})"


class Record(Value):
    """A record of the dataset: a small table in a notebook (``_repr_html_``)."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        """The record as an HTML table, for Jupyter and other notebooks."""
        from ._display import record_html

        return record_html(self)


def named(record: Value) -> str:
    """How a record held by another shows in that one's repr: ``<Source nato-news-167904>``."""
    keys = (operator.attrgetter(path)(record) for path in record._ref_by or ())
    key = " ".join(str(k) for k in keys if k is not None)
    return f"<{_class_name(record)} {key}>" if key else f"<{_class_name(record)}>"


def shown(value: object) -> str:
    """A field's value as a record's repr shows it (see the module's docstring)."""
    if isinstance(value, Value):
        return repr(value) if value._ref_by is None else named(value)
    if isinstance(value, tuple):
        if len(value) > _ITEMS:  # the first, then a count of the rest
            return f"({shown(value[0])}, <{len(value) - 1} more>)"
        items = [shown(item) for item in value]
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    if isinstance(value, str):
        return repr(value if len(value) <= _TEXT else value[: _TEXT - 1] + "…")
    if isinstance(value, enum.Enum):
        return f"{value.__class__.__name__}.{value.name}"
    return repr(value)


def counted(items: tuple[object, ...]) -> str:
    """A field's repr function that counts its records: ``<4 AgendaItems>``."""
    if not items:
        return "()"
    return f"<{len(items)} {_class_name(items[0])}{'' if len(items) == 1 else 's'}>"


class Results(tuple[_T_co, ...]):
    """The records a query returns: a tuple that notebooks show as a table.

    It is a plain tuple in every other way: equal to the tuple of the same items and
    hashed alike, pickled and copied as one, shown by ``repr`` as one; a slice or a sum
    is a plain tuple. ``Results[Conference]`` names its type.

    >>> found = nm.conferences(year=2021)
    >>> found == tuple(found), hash(found) == hash(tuple(found)), type(found[:1]).__name__
    (True, True, 'tuple')
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        """The records as an HTML table, one row each, for Jupyter and other notebooks."""
        from ._display import results_html

        return results_html(self)
