"""Data changes as API: what each data release added, sharpened, corrected or removed.

The log is ``changes.toml``, beside the modules (it is no table of a data directory):
``starts_after``, the data release before the first it records, then one
``[[release]]`` per data release that changed facts, oldest first, each with its
``[[release.change]]`` entries: the table and key of the record, the field, the old and
new values as the data files write them, the kind of change, the reason in the
curators' words and the sources that support it. The CHANGELOG's data part names the
same changes (a test checks it). The log is read on the first call, once.
"""

from __future__ import annotations

import enum
import functools
from typing import TYPE_CHECKING, Any

import attrs

from ._value import Record, Results

if TYPE_CHECKING:
    import datetime

__all__ = ["ChangeKind", "DataChange", "changes", "releases"]

FILE = "changes.toml"


class ChangeKind(enum.Enum):
    """What a data change did to a value.

    >>> ChangeKind("sharpened")
    <ChangeKind.SHARPENED: 'sharpened'>
    """

    ADDED = "added"
    """A record or a value the record did not have."""
    SHARPENED = "sharpened"
    """A value made more precise (a month made a day), not contradicted."""
    CORRECTED = "corrected"
    """A value replaced by a different one."""
    REMOVED = "removed"
    """A record or value taken out."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class DataChange(Record):
    """One change of one field of one record in a data release.

    ``old`` and ``new`` are the values as the data files write them (``None`` for no
    value); ``record`` is the record's key in ``table`` (an appointment's is
    ``official@POST``); ``field`` is empty for a whole record added or removed;
    ``sources`` are the ids of the sources that support the change.

    >>> import natoeu_milstaff as nm
    >>> change = nm.changes()[0]
    >>> change.kind in nm.ChangeKind, bool(change.reason)
    (True, True)
    """

    _ref_by = ("release", "table", "record", "field")

    release: str
    date: datetime.date = attrs.field(repr=False)
    """The day the release came out."""
    table: str
    record: str
    field: str
    old: str | None
    new: str | None
    kind: ChangeKind
    reason: str = attrs.field(repr=False)
    sources: tuple[str, ...] = attrs.field(default=(), repr=False)


@functools.cache
def _log() -> tuple[str, tuple[tuple[str, tuple[DataChange, ...]], ...]]:
    """The release the log starts after, and the releases it records, oldest first,
    each with its changes."""
    import datetime  # at run time too, not only for the annotations
    import tomllib
    from importlib import resources

    text = (resources.files("natoeu_milstaff") / FILE).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    out = []
    for release in data.get("release", []):
        version, day = release["version"], datetime.date.fromisoformat(release["date"])
        out.append((version, tuple(_change(version, day, entry) for entry in release.get("change", []))))
    return data["starts_after"], tuple(out)


def _change(version: str, day: datetime.date, entry: dict[str, Any]) -> DataChange:
    return DataChange(
        release=version,
        date=day,
        table=entry["table"],
        record=entry["record"],
        field=entry["field"],
        old=entry["old"] or None,
        new=entry["new"] or None,
        kind=ChangeKind(entry["kind"]),
        reason=entry["reason"],
        sources=tuple(entry["sources"]),
    )


def releases() -> tuple[str, ...]:
    """The data releases the log records, oldest first.

    >>> import natoeu_milstaff as nm
    >>> from natoeu_milstaff._changes import releases
    >>> releases()[-1] == nm.DATA_VERSION
    True
    """
    return tuple(version for version, _ in _log()[1])


def changes(since: str | None = None) -> Results[DataChange]:
    """The data changes of every release after ``since`` (a data version, such as
    ``nm.DATA_VERSION`` of the release an analysis was pinned to), oldest first; all
    that the log records when ``since`` is ``None``.

    A version the log does not name raises ``InvalidValueError`` listing those it does;
    a version before the log's first release gives every change it records.

    >>> import natoeu_milstaff as nm
    >>> [c.record for c in nm.changes(since="2026.11.22") if c.field == "venue"][:1]
    ['conf-2014-12-05']
    >>> nm.changes(since=nm.DATA_VERSION)
    ()
    """
    first, log = _log()
    if since is None:
        return Results(change for _, found in log for change in found)
    if not isinstance(since, str):
        raise TypeError(f"since must be a data version (str), got {type(since).__name__}")
    versions = [version for version, _ in log]
    if since in versions:
        start = versions.index(since) + 1
    elif since == first:
        start = 0
    else:
        import reprlib

        from ._errors import InvalidValueError

        known = ", ".join([first, *versions])
        raise InvalidValueError(f"unknown data version {reprlib.repr(since)}; the log knows {known}")
    return Results(change for _, found in log[start:] for change in found)
