"""Equality, hashing and repr shared by every record class.

Each record class is ``@attrs.frozen(kw_only=True, eq=False, repr=False)`` over
``Value``: attrs makes its ``__init__`` and immutability, and these three methods come
from here instead of being generated per class.

Why it stays: making the record classes is the largest part of the first query of a
process, after importing attrs itself. Measured with a six-field record class made
repeatedly in one process, attrs' generated ``__eq__``, ``__hash__`` and ``__repr__``
make a class cost 1.8 to 2 times as much (about 0.4 ms more each on the development
machine); for the 19 record classes that is several milliseconds on every first query,
against a goal of 1.4 times a cold ``import attrs`` (about 40 ms) for the whole of it.

The behaviour is attrs' own: two records are equal when they are of the very same
class and every field is equal; equal records hash alike; the repr is
``Class(field=value, ...)`` over the fields with ``repr`` on, through a field's own
repr function where it has one.
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Any

__all__ = ["Value"]

# Per class: a function from a record to the tuple of its field values, in field order.
_GETTERS: dict[type, Any] = {}


def _getter(cls: type) -> Any:
    names = [a.name for a in cls.__attrs_attrs__]  # type: ignore[attr-defined]
    if len(names) < 2:  # attrgetter of one name gives the bare value; of none, fails
        getter: Any = lambda obj: tuple(getattr(obj, n) for n in names)  # noqa: E731
    else:
        getter = operator.attrgetter(*names)
    _GETTERS[cls] = getter
    return getter


class Value:
    """Base of the record classes: attrs' equality, hashing and repr, written once."""

    __slots__ = ()

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
        parts = []
        for a in self.__attrs_attrs__:  # type: ignore[attr-defined]
            if a.repr is False:
                continue
            value = getattr(self, a.name)
            parts.append(f"{a.name}={a.repr(value) if callable(a.repr) else repr(value)}")
        # As attrs names a class defined in a function: without its "f.<locals>." part.
        name = self.__class__.__qualname__.rsplit(">.", 1)[-1]
        return f"{name}({', '.join(parts)})"
