"""Nothing the API returns lets a caller change the bundled data."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import natoeu_milstaff as nm

if TYPE_CHECKING:
    from collections.abc import Iterator


def _reachable(root: Any) -> Iterator[Any]:
    """Every object reachable from ``root`` through attrs fields and tuples."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        yield obj
        if isinstance(obj, (tuple, frozenset)):
            stack.extend(obj)
        elif attrs.has(type(obj)):
            stack.extend(getattr(obj, f.name) for f in attrs.fields(type(obj)))


def test_every_reachable_object_is_immutable() -> None:
    ds = nm.Dataset.bundled()
    kinds: set[type] = set()
    for obj in _reachable(ds.tables):
        kinds.add(type(obj))
        if isinstance(obj, (str, int, bool, dt.date, enum.Enum, type(None))):
            continue
        assert isinstance(obj, (tuple, frozenset)) or attrs.has(type(obj)), type(obj)
        if attrs.has(type(obj)):
            name = attrs.fields(type(obj))[0].name
            with pytest.raises(AttributeError):
                setattr(obj, name, None)
            assert not hasattr(obj, "__dict__"), f"{type(obj).__name__} is not slotted"
    assert {nm.Conference, nm.Official, nm.Appointment, nm.Chair, nm.AgendaItem, nm.Source} <= kinds


def test_query_results_are_tuples_and_the_dataset_is_sealed() -> None:
    ds = nm.Dataset.bundled()
    results = [
        nm.conferences(),
        nm.meetings_about("cyber"),
        nm.holders("DGIMS"),
        nm.topics(),
        nm.sources(),
        nm.officials(),
        nm.posts(),
        nm.appointments(),
        nm.joint_declarations(),
        nm.progress_reports(),
        nm.alternation_exceptions(),
        nm.validate(),
    ]
    assert all(isinstance(r, tuple) for r in results)
    with pytest.raises(AttributeError):
        ds.info = None  # type: ignore[misc, assignment]
    with pytest.raises(AttributeError):
        del ds._tables
    report = nm.coverage()
    with pytest.raises(AttributeError):
        report.first = None  # type: ignore[misc]
    # Mutating a copy of a result leaves the dataset unchanged.
    listed = list(nm.conferences())
    listed.clear()
    assert len(nm.conferences()) == 19
