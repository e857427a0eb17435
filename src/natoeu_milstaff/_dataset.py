"""Stages 5 and 6: the dataset, its indexes, and the queries over them.

A ``Dataset`` is an immutable bundle of tables. Its indexes are built once, when the
dataset is made, so that every query is a dictionary or bisect lookup, never a scan.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
from typing import TYPE_CHECKING, Any, TypeVar

from ._dates import PartialDate, as_day
from ._errors import (
    AmbiguousDateError,
    DataError,
    InvalidValueError,
    UnknownConferenceError,
    UnknownOfficialError,
    UnknownPostError,
    UnknownTopicError,
)
from ._model import (
    AlternationException,
    Appointment,
    Conference,
    DatasetInfo,
    JointDeclaration,
    Official,
    Organisation,
    Post,
    ProgressReport,
    Source,
    Tables,
    Topic,
    chronological,
    fold,
    tenure_window,
)
from ._quick import LOAD_LOCK

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ._coverage import Coverage
    from ._release import DataRelease

__all__ = ["Dataset"]

K = TypeVar("K")
V = TypeVar("V")


def _minus(day: dt.date, span: dt.timedelta) -> dt.date:
    """``day - span``, saturating at ``date.min``."""
    return dt.date.min if day - dt.date.min <= span else day - span


class Dataset:
    """The record: every table, with indexed queries as methods.

    ``Dataset.bundled()`` is the shipped data; ``Dataset.load(path)`` reads a
    directory laid out like it; the constructor takes the tables as tuples. Two
    datasets are equal when their tables are. A dataset cannot be changed.

    >>> ds = Dataset.bundled()
    >>> ds.who_held("DGIMS", "2020-05-19").name
    'Hans-Werner Wiermann'
    """

    __slots__ = ("_index", "_tables")
    _tables: Tables
    _index: _Index

    def __init__(
        self,
        *,
        info: DatasetInfo,
        sources: tuple[Source, ...] = (),
        posts: tuple[Post, ...] = (),
        officials: tuple[Official, ...] = (),
        appointments: tuple[Appointment, ...] = (),
        topics: tuple[Topic, ...] = (),
        conferences: tuple[Conference, ...] = (),
        exceptions: tuple[AlternationException, ...] = (),
        declarations: tuple[JointDeclaration, ...] = (),
        progress_reports: tuple[ProgressReport, ...] = (),
    ) -> None:
        tables = Tables(
            info=info,
            sources=sources,
            posts=posts,
            officials=officials,
            appointments=appointments,
            topics=topics,
            conferences=conferences,
            exceptions=exceptions,
            declarations=declarations,
            progress_reports=progress_reports,
        )
        object.__setattr__(self, "_tables", tables)
        object.__setattr__(self, "_index", _Index(tables))

    @classmethod
    def _from_tables(cls, tables: Tables) -> Dataset:
        """A dataset around tables that are already checked."""
        dataset = object.__new__(cls)
        object.__setattr__(dataset, "_tables", tables)
        object.__setattr__(dataset, "_index", _Index(tables))
        return dataset

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Dataset is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Dataset is immutable; cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return self._tables == other._tables

    def __hash__(self) -> int:
        return hash(self._tables)

    def __repr__(self) -> str:
        t = self._tables
        return (
            f"<Dataset {t.info.version} as of {t.info.as_of}: {len(t.conferences)} conferences, "
            f"{len(t.officials)} officials, {len(t.appointments)} appointments, "
            f"{len(t.topics)} topics, {len(t.sources)} sources>"
        )

    @property
    def info(self) -> DatasetInfo:
        """The dataset's version, ``as_of`` date and title."""
        return self._tables.info

    @property
    def tables(self) -> Tables:
        """Every table in file order (the order ``dump`` writes)."""
        return self._tables

    # -- construction -----------------------------------------------------------------

    @classmethod
    def bundled(cls) -> Dataset:
        """The dataset shipped inside the package, loaded on first call and cached.

        Thread-safe: concurrent first calls load it once. ``Dataset.clear_cache()``
        forgets it.
        """
        cached = _BUNDLED
        if cached is not None:
            return cached
        return _load_bundled()

    @classmethod
    def clear_cache(cls) -> None:
        """Forget the cached bundled dataset (and the objects the module-level
        ``who_held`` built); the next query loads them again."""
        global _BUNDLED  # noqa: PLW0603
        from ._quick import reset

        with _LOCK:
            _BUNDLED = None
            reset()

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Dataset:
        """Read a data directory laid out like the bundled ``natoeu_milstaff/data/``.

        Raises one ``DataError`` listing every problem (file and path of each), whether
        the files are malformed or the records break an invariant.
        """
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path must be a str or pathlib.Path, got {type(path).__name__}")
        if not str(path).strip():
            raise InvalidValueError("path is empty; name a data directory")
        from pathlib import Path

        from ._convert import structure_tables
        from ._files import read_tables

        root = Path(path)
        dataset = cls(**structure_tables(read_tables(root), origin=str(root)))
        problems = dataset.validate()
        if problems:
            raise DataError(problems, source=str(root))
        return dataset

    def dump(self, path: str | os.PathLike[str]) -> None:
        """Write the dataset as a data directory that ``Dataset.load`` reads back equal."""
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path must be a str or pathlib.Path, got {type(path).__name__}")
        from pathlib import Path

        from ._convert import unstructure_tables
        from ._files import write_tables

        write_tables(Path(path), unstructure_tables(self._tables))

    @classmethod
    def from_json(cls, path: str | os.PathLike[str]) -> Dataset:
        """Read a ``dataset.json`` written by ``export(path, "json")``; validated like ``load``."""
        _check_path(path)
        import json

        from ._convert import structure_tables

        try:
            with open(path, "rb") as handle:
                raw = json.loads(handle.read())
        except (OSError, ValueError, RecursionError) as exc:
            raise DataError(
                [f"{os.fspath(path)}: cannot be read as JSON ({exc})"], source=os.fspath(path)
            ) from None
        if not isinstance(raw, dict):
            raise DataError([f"{os.fspath(path)}: $: expected an object of tables"], source=os.fspath(path))
        from ._files import TABLES, check_shape

        shape = [
            f"{os.fspath(path)}: {p}" for name, key in TABLES.items() for p in check_shape(name, key, raw)
        ]
        if shape:
            raise DataError(shape, source=os.fspath(path))
        dataset = cls(**structure_tables(raw, origin=os.fspath(path)))
        problems = dataset.validate()
        if problems:
            raise DataError(problems, source=os.fspath(path))
        return dataset

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str]) -> Dataset:
        """Read the CSV files written by ``export(path, "csv")``; validated like ``load``."""
        _check_path(path)
        import csv
        from pathlib import Path

        from ._convert import structure_tables
        from ._export import from_records, read_csv

        try:
            rows = read_csv(Path(path))
            raw = from_records(rows)
        except (OSError, ValueError, KeyError, TypeError, RecursionError, csv.Error) as exc:
            raise DataError(
                [f"{os.fspath(path)}: cannot be read as CSV tables ({exc!r})"], source=os.fspath(path)
            ) from None
        dataset = cls(**structure_tables(raw, origin=os.fspath(path)))
        problems = dataset.validate()
        if problems:
            raise DataError(problems, source=os.fspath(path))
        return dataset

    def records(self) -> dict[str, list[dict[str, Any]]]:
        """Every table as flat rows of plain values, one table per kind of fact.

        >>> rows = Dataset.bundled().records()
        >>> rows["conferences"][0]["date"], rows["conferences"][0]["date_precision"]
        ('2014-01-27', 'day')
        """
        from ._export import records

        return records(self._tables)

    def dataframe(self, table: str) -> Any:
        """One table of ``records()`` as a pandas DataFrame (needs the ``pandas`` extra)."""
        from ._export import dataframe

        return dataframe(self._tables, table)

    def popolo(self) -> dict[str, Any]:
        """Officials, posts and appointments as Popolo persons, posts and memberships;
        conferences as events."""
        from ._export import popolo

        return popolo(self._tables)

    def export(self, path: str | os.PathLike[str], format: str = "json") -> list[str]:
        """Write the dataset to the directory ``path``; returns the files written.

        ``format``: ``json`` (``dataset.json``, read back by ``Dataset.from_json``),
        ``csv`` (one file per table), ``popolo`` (``popolo.json``) or ``datapackage``
        (the CSV files and a Frictionless ``datapackage.json``).
        """
        _check_path(path)
        from pathlib import Path

        from . import _export

        writers = {
            "json": _export.write_json,
            "csv": _export.write_csv,
            "popolo": _export.write_popolo,
            "datapackage": _export.write_datapackage,
        }
        writer = writers.get(format) if isinstance(format, str) else None
        if writer is None:
            raise InvalidValueError(f"unknown export format {format!r}; expected one of {', '.join(writers)}")
        try:
            return [str(p) for p in writer(self._tables, Path(path))]
        except ValueError as exc:  # e.g. a NUL byte in the path
            raise InvalidValueError(f"cannot write to {os.fspath(path)!r}: {exc}") from None

    def release(self) -> DataRelease:
        """Version, as-of date, coverage window and content fingerprint of this data."""
        from ._release import release

        return release(self._tables)

    def validate(self) -> tuple[str, ...]:
        """Every broken invariant, as ``file: $.path: message`` lines; ``()`` when sound."""
        from ._validate import check

        return check(self._tables)

    # -- lookups ----------------------------------------------------------------------

    def post(self, post: Post | str) -> Post:
        """A post by its code (``"DGIMS"``), title or alias, case-insensitive."""
        if isinstance(post, Post):
            if post not in self._index.post_set:
                raise UnknownPostError(post.code, hint=_foreign("post", post.code in self._index.posts))
            return post
        if not isinstance(post, str):
            raise TypeError(f"post must be a Post or a str, got {type(post).__name__}")
        index = self._index
        found = index.posts.get(post) or index.posts.get(fold(post))
        if found is None:
            raise UnknownPostError(post, self._index.post_names)
        return found

    def official(self, name: Official | str) -> Official:
        """An official by exact name, id or any spelling seen in sources.

        Case- and accent-insensitive: ``"herve blejean"`` finds Hervé Bléjean.
        """
        if isinstance(name, Official):
            if name not in self._index.official_set:
                raise UnknownOfficialError(
                    name.id, hint=_foreign("official", name.id in self._index.officials)
                )
            return name
        if not isinstance(name, str):
            raise TypeError(f"name must be an Official or a str, got {type(name).__name__}")
        index = self._index
        found = index.officials.get(name) or index.officials.get(fold(name))
        if found is None:
            raise UnknownOfficialError(name, self._index.official_names)
        return found

    def topic(self, topic: Topic | str) -> Topic:
        """A topic by id, label or alias, case- and accent-insensitive."""
        if isinstance(topic, Topic):
            if topic not in self._index.topic_set:
                raise UnknownTopicError(topic.id, hint=_foreign("topic", topic.id in self._index.topics))
            return topic
        if not isinstance(topic, str):
            raise TypeError(f"topic must be a Topic or a str, got {type(topic).__name__}")
        index = self._index
        found = index.topics.get(topic) or index.topics.get(fold(topic))
        if found is None:
            raise UnknownTopicError(topic, self._index.topic_names)
        return found

    def conference(self, key: Conference | str | int | dt.date) -> Conference:
        """One conference by id, date (``date`` or text), or ordinal.

        >>> Dataset.bundled().conference(17).id
        '2022-06-10'
        """
        index = self._index
        if isinstance(key, Conference):
            if key not in index.conference_set:
                raise UnknownConferenceError(key.id, hint=_foreign("conference", key.id in index.by_id))
            return key
        if isinstance(key, bool):
            raise TypeError("key must be a conference id, date or ordinal, not a bool")
        if isinstance(key, int):
            found = index.by_ordinal.get(key)
            if found is None:
                known = ", ".join(str(o) for o in sorted(index.by_ordinal)) or "none"
                raise UnknownConferenceError(key, hint=f"known ordinals: {known}")
            return found
        if isinstance(key, str):
            if key in index.by_id:
                return index.by_id[key]
            from ._errors import InvalidDateError

            try:
                date = PartialDate.from_text(key)
            except InvalidDateError:
                raise UnknownConferenceError(key, index.conference_ids) from None
            return self._conference_on(date, key)
        if isinstance(key, dt.date):
            return self._conference_on(PartialDate.from_date(key), key)
        raise TypeError(f"key must be a conference id, date or ordinal, got {type(key).__name__}")

    def _conference_on(self, date: PartialDate, key: object) -> Conference:
        found = self._index.between(date.earliest(), date.latest())
        if len(found) == 1:
            return found[0]
        if not found:
            raise UnknownConferenceError(key, self._index.conference_ids, hint=f"none on {date}")
        ids = [c.id for c in found]
        raise AmbiguousDateError(f"{key!r} matches {len(ids)} conferences: {', '.join(ids)}", ids)

    # -- queries ----------------------------------------------------------------------

    def appointment(self, post: Post | str, on: dt.date | str) -> Appointment | None:
        """The appointment to ``post`` that covers the day ``on``, or ``None``.

        ``None`` means a vacancy or a day the record does not cover. Where imprecise
        start or end dates leave two or more officials possible, raises
        ``AmbiguousDateError`` naming them.
        """
        resolved = self.post(post)
        day = as_day(on)
        return self._index.appointment_on(resolved, day)

    def who_held(self, post: Post | str, on: dt.date | str) -> Official | None:
        """The official who held ``post`` on the day ``on``, or ``None``.

        >>> Dataset.bundled().who_held("DGEUMS", "25 November 2019").name
        'Esa Pulkkinen'
        """
        # The common case, inlined: a known post name and a date or cached date string.
        try:
            tenures = self._index.tenures_by_key.get(post)
            day = on if type(on) is dt.date else _RECENT_DAYS.get(on)
        except TypeError:  # unhashable: the full path below says what was wrong
            tenures = None
        if tenures is None or day is None:
            resolved = self.post(post)
            return self._index.official_on(resolved, _remember_day(on))
        i = bisect.bisect_right(tenures.points, day) - 1
        answer = tenures.answers[i][1] if i >= 0 else None
        if type(answer) is _Ambiguous:
            _settle(tenures.post, day, answer)
        found: Official | None = answer
        return found

    def holders(self, post: Post | str) -> tuple[Appointment, ...]:
        """Every appointment to ``post``, in chronological order."""
        return self._index.holders.get(self.post(post).code, ())

    def meetings_about(self, topic: Topic | str) -> tuple[Conference, ...]:
        """Conferences with an agenda item on ``topic`` or a narrower topic, chronological.

        >>> [c.id for c in Dataset.bundled().meetings_about("space")]
        ['2021-11-16']
        """
        index = self._index
        try:
            found = index.about_by_name.get(topic)
        except TypeError:  # unhashable: self.topic() says what was wrong
            found = None
        return found if found is not None else index.about.get(self.topic(topic).id, ())

    def conferences(
        self,
        year: int | None = None,
        host: Organisation | str | None = None,
        chaired_by: Official | str | None = None,
        between: tuple[dt.date | str, dt.date | str] | None = None,
    ) -> tuple[Conference, ...]:
        """Conferences matching every filter given, in chronological order.

        ``between`` is an inclusive pair of days; a conference counts when its date
        may fall within them.
        """
        index = self._index
        pools: list[tuple[Conference, ...]] = []
        if year is not None:
            if isinstance(year, bool) or not isinstance(year, int):
                raise TypeError(f"year must be an int, got {type(year).__name__}")
            pools.append(index.by_year.get(year, ()))
        if host is not None:
            pools.append(index.by_host.get(_organisation(host), ()))
        if chaired_by is not None:
            pools.append(index.by_chair.get(self.official(chaired_by).id, ()))
        if between is not None:
            if not isinstance(between, tuple) or len(between) != 2:
                raise TypeError("between must be a (start, end) tuple of dates")
            start, end = as_day(between[0]), as_day(between[1])
            if end < start:
                from ._errors import InvalidDateError

                raise InvalidDateError(f"between: the end {end} is before the start {start}")
            pools.append(index.between(start, end))
        if not pools:
            return index.chronological
        pools.sort(key=len)
        first, rest = pools[0], [frozenset(p) for p in pools[1:]]
        return tuple(c for c in first if all(c in p for p in rest))

    def alternation_exceptions(self) -> tuple[AlternationException, ...]:
        """The documented breaks in the NATO/EU alternation of hosts."""
        return self._tables.exceptions

    def joint_declarations(self) -> tuple[JointDeclaration, ...]:
        """The EU–NATO Joint Declarations, by date."""
        return self._index.declarations

    def coverage(self) -> Coverage:
        """What the record lacks: missing half-years, unknown hosts, weak evidence, gaps in post holders.

        >>> gaps = Dataset.bundled().coverage()
        >>> "2017-H1" in gaps.missing_half_years
        True
        """
        from ._coverage import coverage

        return coverage(self._tables)

    def progress_reports(self) -> tuple[ProgressReport, ...]:
        """The joint progress reports on implementing the common proposals, by number."""
        return tuple(sorted(self._tables.progress_reports, key=lambda r: r.number))

    def topics(self) -> tuple[Topic, ...]:
        """Every topic of the taxonomy."""
        return self._tables.topics

    def sources(self) -> tuple[Source, ...]:
        """Every source the record cites."""
        return self._tables.sources

    def officials(self) -> tuple[Official, ...]:
        """Every official in the record."""
        return self._tables.officials

    def posts(self) -> tuple[Post, ...]:
        """Every post whose holders the record follows."""
        return self._tables.posts

    def appointments(self) -> tuple[Appointment, ...]:
        """Every appointment, grouped by post, each post's in chronological order."""
        return self._index.all_appointments


def _check_path(path: object) -> None:
    """A directory or file argument: a str or path-like, not empty, no NUL byte."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or pathlib.Path, got {type(path).__name__}")
    text = str(os.fspath(path))
    if not text.strip():
        raise InvalidValueError("path is empty; name a directory or file")
    if "\0" in text:
        raise InvalidValueError(f"path {text!r} contains a NUL byte")


def _foreign(kind: str, same_id: bool) -> str:
    if same_id:
        return f"this {kind} object is not this dataset's own: the dataset's {kind} with that id differs"
    return f"this {kind} object is not in this dataset"


def _organisation(host: Organisation | str) -> Organisation:
    if isinstance(host, Organisation):
        return host
    if not isinstance(host, str):
        raise TypeError(f"host must be an Organisation or a str, got {type(host).__name__}")
    wanted = host.strip().upper()
    for org in Organisation:
        if wanted in (org.value, org.staff):
            return org
    from ._errors import InvalidValueError

    raise InvalidValueError(f"unknown host {host!r}; expected one of NATO, EU (or IMS, EUMS)")


def _first_wins(pairs: Iterable[tuple[K, V]]) -> dict[K, V]:
    out: dict[K, V] = {}
    for key, value in pairs:
        out.setdefault(key, value)
    return out


class _Index:
    """Lookup structures for one dataset, built once."""

    def __init__(self, ds: Tables) -> None:
        self.as_of = ds.info.as_of
        self.post_set = frozenset(ds.posts)
        # Keys are folded names (case and accents ignored) and, for a quick first try,
        # the names exactly as written.
        self.posts = _first_wins((key, p) for p in ds.posts for name in p.names for key in (fold(name), name))
        self.post_names = {name: p.code for p in ds.posts for name in p.names}
        self.official_set = frozenset(ds.officials)
        self.officials = _first_wins(
            (key, o) for o in ds.officials for name in o.names for key in (fold(name), name)
        )
        self.official_names = {n: o.name for o in ds.officials for n in o.names}
        self.topic_set = frozenset(ds.topics)
        self.topics = _first_wins(
            (key, t) for t in ds.topics for name in t.names for key in (fold(name), name)
        )
        self.topic_names = {n: t.id for t in ds.topics for n in t.names}

        ordered = chronological(ds.conferences)
        self.chronological: tuple[Conference, ...] = tuple(ordered)
        self.conference_set = frozenset(ordered)
        self.conference_ids = tuple(c.id for c in ordered)
        self.by_id = {c.id: c for c in ordered}
        self.by_ordinal = {c.ordinal: c for c in ordered if c.ordinal is not None}
        self.starts = [c.date.earliest() for c in ordered]
        self.max_span = max(
            ((c.end_date or c.date).latest() - c.date.earliest() for c in ordered),
            default=dt.timedelta(0),
        )
        by_year: dict[int, list[Conference]] = {}
        by_host: dict[Organisation, list[Conference]] = {}
        by_chair: dict[str, list[Conference]] = {}
        for c in ordered:
            for year in range(c.date.earliest().year, (c.end_date or c.date).latest().year + 1):
                by_year.setdefault(year, []).append(c)
            if c.host is not None:
                by_host.setdefault(c.host, []).append(c)
            for official_id in dict.fromkeys(chair.official.id for chair in c.co_chairs):
                by_chair.setdefault(official_id, []).append(c)
        self.by_year = _frozen(by_year)
        self.by_host = _frozen(by_host)
        self.by_chair = _frozen(by_chair)

        # Topic -> meetings tagged with it or with any narrower topic.
        narrower: dict[str, set[str]] = {t.id: set() for t in ds.topics}
        for t in ds.topics:
            for parent in t.broader:
                narrower.setdefault(parent.id, set()).add(t.id)
        tagged: dict[str, list[Conference]] = {}
        for c in ordered:
            for topic_id in dict.fromkeys(t.id for item in c.agenda for t in item.topics):
                tagged.setdefault(topic_id, []).append(c)
        position = {c.id: i for i, c in enumerate(ordered)}
        self.about: dict[str, tuple[Conference, ...]] = {}
        for topic_id in narrower:
            hits = {c.id: c for tid in _descendants(topic_id, narrower) for c in tagged.get(tid, ())}
            self.about[topic_id] = tuple(hits[i] for i in sorted(hits, key=position.__getitem__))
        # The same answers keyed by every name of a topic, and by the topic itself.
        self.about_by_name: dict[str | Topic, tuple[Conference, ...]] = {
            key: self.about[t.id] for key, t in self.topics.items()
        }
        self.about_by_name.update((t, self.about[t.id]) for t in ds.topics)

        # Post -> appointments sorted by the first day they may cover, for bisect.
        self.holders: dict[str, tuple[Appointment, ...]] = {}
        self.tenures: dict[str, _Tenures] = {}
        per_post: dict[str, list[Appointment]] = {}
        for a in ds.appointments:
            per_post.setdefault(a.post.code, []).append(a)
        for code, items in per_post.items():
            items.sort(key=lambda a: (*self.window(a, certain=False), a.official.id))
            self.holders[code] = tuple(items)
            self.tenures[code] = _Tenures(items[0].post, items, self)

        # Every name of a post, and the post itself, to its tenures (empty if none).
        self.tenures_by_key: dict[object, _Tenures] = {}
        for key, post in self.posts.items():
            tenures = self.tenures.get(post.code)
            self.tenures_by_key[key] = tenures if tenures is not None else _Tenures(post, [], self)
        self.all_appointments = tuple(a for items in self.holders.values() for a in items)
        self.declarations = tuple(sorted(ds.declarations, key=lambda d: (*d.date.sort_key(), d.id)))

    def window(self, a: Appointment, *, certain: bool) -> tuple[dt.date, dt.date]:
        return tenure_window(a, self.as_of, certain=certain)

    def between(self, start: dt.date, end: dt.date) -> tuple[Conference, ...]:
        """Conferences whose date range may overlap ``[start, end]`` (inclusive)."""
        low = bisect.bisect_left(self.starts, _minus(start, self.max_span))
        high = bisect.bisect_right(self.starts, end)
        return tuple(
            c
            for c in self.chronological[low:high]
            if c.date.earliest() <= end and (c.end_date or c.date).latest() >= start
        )

    def appointment_on(self, post: Post, day: dt.date) -> Appointment | None:
        found: Appointment | None = _settle(post, day, self._answer(post, day, 0))
        return found

    def official_on(self, post: Post, day: dt.date) -> Official | None:
        found: Official | None = _settle(post, day, self._answer(post, day, 1))
        return found

    def _answer(self, post: Post, day: dt.date, which: int) -> Any:
        tenures = self.tenures.get(post.code)
        if tenures is None:
            return None
        i = bisect.bisect_right(tenures.points, day) - 1
        return tenures.answers[i][which] if i >= 0 else None


# Days already parsed from query strings, for the fast path of who_held (bounded).
_RECENT_DAYS: dict[object, dt.date] = {}


def _remember_day(on: object) -> dt.date:
    day = as_day(on)
    if isinstance(on, str):
        if len(_RECENT_DAYS) >= 4096:
            _RECENT_DAYS.clear()
        _RECENT_DAYS[on] = day
    return day


class _Ambiguous:
    """The answer for days that two or more officials may have held the post."""

    __slots__ = ("names",)

    def __init__(self, possible: list[Appointment]) -> None:
        self.names = list(dict.fromkeys(a.official.name for a in possible))


def _settle(post: Post, day: dt.date, answer: Any) -> Any:
    if type(answer) is _Ambiguous and len(answer.names) == 1:
        # One person, two tenures that may both cover the day.
        raise AmbiguousDateError(
            f"the record cannot tell which tenure of {answer.names[0]} in {post.code} covers {day} "
            "(their start or end dates are known only to the month or year)",
            answer.names,
        )
    if type(answer) is _Ambiguous:
        raise AmbiguousDateError(
            f"the record cannot tell who held {post.code} on {day}: "
            f"{' or '.join(answer.names)} (their start or end dates are known only to the month "
            "or year)",
            answer.names,
        )
    return answer


class _Tenures:
    """One post's appointments, with every answer worked out in advance.

    The days on which any tenure may or surely begins or ends cut time into spans;
    within a span the answer cannot change. ``points`` holds the first day of each
    span and ``answers`` its answer, so a query is one bisect.
    """

    def __init__(self, post: Post, items: list[Appointment], index: _Index) -> None:
        self.post = post
        # items are sorted by the first day each may cover (see _Index).
        possible = [index.window(a, certain=False) for a in items]
        certain = [index.window(a, certain=True) for a in items]
        lows = [low for low, _ in possible]
        reach: list[dt.date] = []  # the latest day any tenure up to here may cover
        for _, high in possible:
            reach.append(max(high, reach[-1]) if reach else high)
        self.points = sorted({day for window in (*possible, *certain) for day in window})
        self.answers: list[tuple[Any, Any]] = []
        for day in self.points:
            maybe: list[int] = []
            j = bisect.bisect_right(lows, day) - 1
            while j >= 0 and reach[j] > day:
                if possible[j][1] > day:
                    maybe.append(j)
                j -= 1
            maybe.reverse()
            self.answers.append(_decide(day, [items[j] for j in maybe], [certain[j] for j in maybe]))


def _decide(
    day: dt.date, maybe: list[Appointment], certain: list[tuple[dt.date, dt.date]]
) -> tuple[Any, Any]:
    """(appointment answer, official answer) for ``day``, given the tenures that may cover it."""
    if len(maybe) <= 1:
        found = maybe[0] if maybe else None
        return found, (found.official if found else None)
    sure = [a for a, (low, high) in zip(maybe, certain, strict=True) if low <= day < high]
    if len(sure) == 1:
        # Tenures of one post never overlap, so a certain holder rules out the rest.
        return sure[0], sure[0].official
    ambiguous = _Ambiguous(maybe)
    officials = {a.official for a in maybe}
    # Two tenures of the same person: who held the post is not in doubt.
    return ambiguous, (maybe[0].official if len(officials) == 1 else ambiguous)


def _descendants(root: str, narrower: Mapping[str, set[str]]) -> set[str]:
    seen = {root}
    stack = [root]
    while stack:
        for child in narrower.get(stack.pop(), ()):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


def _frozen(groups: dict[K, list[Conference]]) -> dict[K, tuple[Conference, ...]]:
    return {key: tuple(value) for key, value in groups.items()}


_BUNDLED: Dataset | None = None
_LOCK = LOAD_LOCK  # shared with the module-level who_held's first load


def _load_bundled() -> Dataset:
    global _BUNDLED  # noqa: PLW0603
    with _LOCK:
        if _BUNDLED is None:
            _BUNDLED = _read_bundled()
        return _BUNDLED


def _read_bundled() -> Dataset:
    """The bundled data, from its compiled JSON form (the TOML files if that is missing).

    Officials and sources that the module-level ``who_held`` already built are reused,
    so both hand out the same objects.
    """
    import json

    from ._fastload import COMPILED, load_compiled
    from ._quick import prebuilt

    # A plain file beside the module (the usual install) is read directly; importlib's
    # resource machinery, needed only for zipped installs, costs more than the read.
    compiled = os.path.join(os.path.dirname(__file__), "data", COMPILED)
    if os.path.isfile(compiled):
        with open(compiled, "rb") as handle:
            plain = json.loads(handle.read())
    else:
        from importlib import resources

        data = resources.files("natoeu_milstaff") / "data"
        if (data / COMPILED).is_file():  # e.g. imported from a zip file
            plain = json.loads((data / COMPILED).read_bytes())
        else:  # a source tree where scripts/compile_data.py never ran
            from ._convert import unstructure_tables

            with resources.as_file(data) as root:
                plain = unstructure_tables(Dataset.load(root).tables)
    return Dataset._from_tables(load_compiled(plain, reuse=prebuilt()))
