"""Stages 5 and 6: the dataset, its indexes, and the queries over them.

A ``Dataset`` is an immutable bundle of tables. Its indexes are built once, when the
dataset is made, so that every query is a dictionary or bisect lookup, never a scan.
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from pathlib import PurePath
from typing import TYPE_CHECKING, TypeVar

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
    _next_day,
    chronological,
    fold,
)

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Mapping

    from ._coverage import Coverage

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
        """Forget the cached bundled dataset; the next query loads it again."""
        global _BUNDLED  # noqa: PLW0603
        with _LOCK:
            _BUNDLED = None

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Dataset:
        """Read a data directory laid out like the bundled ``natoeu_milstaff/data/``.

        Raises one ``DataError`` listing every problem (file and path of each), whether
        the files are malformed or the records break an invariant.
        """
        if not isinstance(path, (str, PurePath)):
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
        if not isinstance(path, (str, PurePath)):
            raise TypeError(f"path must be a str or pathlib.Path, got {type(path).__name__}")
        from pathlib import Path

        from ._convert import unstructure_tables
        from ._files import write_tables

        write_tables(Path(path), unstructure_tables(self._tables))

    def validate(self) -> tuple[str, ...]:
        """Every broken invariant, as ``file: $.path: message`` lines; ``()`` when sound."""
        from ._validate import check

        return check(self._tables)

    # -- lookups ----------------------------------------------------------------------

    def post(self, post: Post | str) -> Post:
        """A post by its code (``"DGIMS"``), title or alias, case-insensitive."""
        if isinstance(post, Post):
            if post not in self._index.post_set:
                raise UnknownPostError(post.code, self._index.post_names)
            return post
        if not isinstance(post, str):
            raise TypeError(f"post must be a Post or a str, got {type(post).__name__}")
        found = self._index.posts.get(fold(post))
        if found is None:
            raise UnknownPostError(post, self._index.post_names)
        return found

    def official(self, name: Official | str) -> Official:
        """An official by exact name, id or any spelling seen in sources.

        Case- and accent-insensitive: ``"herve blejean"`` finds Hervé Bléjean.
        """
        if isinstance(name, Official):
            if name not in self._index.official_set:
                raise UnknownOfficialError(name.id, self._index.official_names)
            return name
        if not isinstance(name, str):
            raise TypeError(f"name must be an Official or a str, got {type(name).__name__}")
        found = self._index.officials.get(fold(name))
        if found is None:
            raise UnknownOfficialError(name, self._index.official_names)
        return found

    def topic(self, topic: Topic | str) -> Topic:
        """A topic by id, label or alias, case- and accent-insensitive."""
        if isinstance(topic, Topic):
            if topic not in self._index.topic_set:
                raise UnknownTopicError(topic.id, self._index.topic_names)
            return topic
        if not isinstance(topic, str):
            raise TypeError(f"topic must be a Topic or a str, got {type(topic).__name__}")
        found = self._index.topics.get(fold(topic))
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
                raise UnknownConferenceError(key.id, index.conference_ids)
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
        resolved = self.post(post)
        found = self._index.appointment_on(resolved, as_day(on), any_of_one_official=True)
        return None if found is None else found.official

    def holders(self, post: Post | str) -> tuple[Appointment, ...]:
        """Every appointment to ``post``, in chronological order."""
        return self._index.holders.get(self.post(post).code, ())

    def meetings_about(self, topic: Topic | str) -> tuple[Conference, ...]:
        """Conferences with an agenda item on ``topic`` or a narrower topic, chronological.

        >>> [c.id for c in Dataset.bundled().meetings_about("space")]
        ['2021-11-16']
        """
        return self._index.about.get(self.topic(topic).id, ())

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
        self.posts = _first_wins((fold(name), p) for p in ds.posts for name in p.names)
        self.post_names = {name: p.code for p in ds.posts for name in p.names}
        self.official_set = frozenset(ds.officials)
        self.officials = _first_wins((fold(name), o) for o in ds.officials for name in o.names)
        self.official_names = {n: o.name for o in ds.officials for n in o.names}
        self.topic_set = frozenset(ds.topics)
        self.topics = _first_wins((fold(name), t) for t in ds.topics for name in t.names)
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

        # Post -> appointments sorted by the first day they may cover, for bisect.
        self.holders: dict[str, tuple[Appointment, ...]] = {}
        self.tenures: dict[str, _Tenures] = {}
        per_post: dict[str, list[Appointment]] = {}
        for a in ds.appointments:
            per_post.setdefault(a.post.code, []).append(a)
        for code, items in per_post.items():
            items.sort(key=lambda a: (*self.window(a, certain=False), a.official.id))
            self.holders[code] = tuple(items)
            self.tenures[code] = _Tenures(items, self)

        self.all_appointments = tuple(a for items in self.holders.values() for a in items)
        self.declarations = tuple(sorted(ds.declarations, key=lambda d: (*d.date.sort_key(), d.id)))

    def window(self, a: Appointment, *, certain: bool) -> tuple[dt.date, dt.date]:
        low, high = a.certain_window() if certain else a.possible_window()
        if a.in_office:  # serving: the record speaks up to its as_of day
            high = _next_day(self.as_of)
        return low, high

    def between(self, start: dt.date, end: dt.date) -> tuple[Conference, ...]:
        """Conferences whose date range may overlap ``[start, end]`` (inclusive)."""
        low = bisect.bisect_left(self.starts, _minus(start, self.max_span))
        high = bisect.bisect_right(self.starts, end)
        return tuple(
            c
            for c in self.chronological[low:high]
            if c.date.earliest() <= end and (c.end_date or c.date).latest() >= start
        )

    def appointment_on(
        self, post: Post, day: dt.date, *, any_of_one_official: bool = False
    ) -> Appointment | None:
        tenures = self.tenures.get(post.code)
        if tenures is None:
            return None
        possible = tenures.possible_on(day)
        if len(possible) <= 1:
            return possible[0] if possible else None
        if any_of_one_official and len({a.official for a in possible}) == 1:
            return possible[0]  # two tenures of the same person: who held it is not in doubt
        certain = [
            a for a in possible if self.window(a, certain=True)[0] <= day < self.window(a, certain=True)[1]
        ]
        if len(certain) == 1:
            # Tenures of one post never overlap, so a certain holder rules out the rest.
            return certain[0]
        names = [a.official.name for a in possible]
        raise AmbiguousDateError(
            f"the record cannot tell who held {post.code} on {day}: "
            f"{' or '.join(names)} (their start or end dates are known only to the month or year)",
            names,
        )


class _Tenures:
    """One post's appointments, searchable by day with bisect."""

    def __init__(self, items: list[Appointment], index: _Index) -> None:
        self.items = items
        windows = [index.window(a, certain=False) for a in items]
        self.lows = [low for low, _ in windows]
        self.highs = [high for _, high in windows]
        running: list[dt.date] = []
        for high in self.highs:
            running.append(max(high, running[-1]) if running else high)
        self.reach = running  # the latest day any tenure up to here may cover

    def possible_on(self, day: dt.date) -> list[Appointment]:
        found: list[Appointment] = []
        j = bisect.bisect_right(self.lows, day) - 1
        while j >= 0 and self.reach[j] > day:
            if self.highs[j] > day:
                found.append(self.items[j])
            j -= 1
        found.reverse()
        return found


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
_LOCK = threading.Lock()


def _load_bundled() -> Dataset:
    global _BUNDLED  # noqa: PLW0603
    with _LOCK:
        if _BUNDLED is None:
            _BUNDLED = _read_bundled()
        return _BUNDLED


def _read_bundled() -> Dataset:
    """The bundled data: from its compiled JSON form when shipped, else from the TOML files."""
    from importlib import resources

    data = resources.files("natoeu_milstaff") / "data"
    from ._fastload import COMPILED, load_compiled

    compiled = data / COMPILED
    if compiled.is_file():
        import json

        return Dataset._from_tables(load_compiled(json.loads(compiled.read_bytes())))
    with resources.as_file(data) as root:
        return Dataset.load(root)
