"""Stage 5: the indexes that make every query a dictionary or bisect lookup.

An ``Index`` belongs to one dataset. Its families — names of posts, officials and
topics; the chronology of conferences; the conference filters; meetings by topic;
tenures by post — are each built the first time a query needs it, once, under the
index's lock, so that the first question of a process pays only for what it asks.
Tests check every family against a plain scan of the tables.
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._errors import AmbiguousDateError
from ._model import chronological, tenure_window
from ._value import Results

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from ._model import (
        Appointment,
        Conference,
        JointDeclaration,
        Official,
        Organisation,
        Post,
        Proposal,
        ProposalArea,
        ProposalSet,
        Tables,
        Topic,
    )

__all__ = ["MAX_NAME", "Index", "Names", "Tenures", "fold"]

MAX_NAME = 200
"""The most characters a name or key may have: a post, official or topic name asked for,
a conference key, a host; ``validate()`` holds the names in a dataset to it too. The
longest name in the bundled data has 60."""

T = TypeVar("T")
R = TypeVar("R", "Post", "Official", "Topic", "ProposalArea")


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, for lookups.

    >>> fold("  Hervé   BLÉJEAN ")
    'herve blejean'
    """
    if text.isascii():  # most names: nothing to decompose
        return " ".join(text.casefold().split())
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


class _family(Generic[T]):
    """An index family: built by the decorated method on first use, once per index.

    Stored in the index's ``__dict__`` under the method's name, where it then shadows
    this (non-data) descriptor: later lookups are plain attribute reads.
    """

    def __init__(self, build: Callable[[Index], T]) -> None:
        self.build = build
        self.name = build.__name__

    def __get__(self, index: Index, owner: type | None = None) -> T:
        with index.lock:  # a second thread waits, then finds the family built
            found: T | None = index.__dict__.get(self.name)
            if found is None:
                found = index.__dict__[self.name] = self.build(index)
        return found


class Names(Generic[R]):
    """Records of one table by every name they go by, exactly as written and folded.

    With ``surnames``, a name's last words (``"wiermann"``, ``"van der laan"``) find the
    record too, unless a full name says otherwise; last words that two records share
    are kept in ``shared``, for an error that names both.
    """

    __slots__ = ("by_id", "keys", "shared", "shown")

    def __init__(self, records: Iterable[R], shown: Callable[[R], str], *, surnames: bool = False) -> None:
        self.by_id: dict[str, R] = {}
        self.keys: dict[str, R] = {}
        self.shared: dict[str, tuple[R, ...]] = {}
        # Every name, for the close matches an unknown name's error offers.
        self.shown: dict[str, str] = {}
        records = tuple(records)
        for record in records:
            names = record.names
            self.by_id.setdefault(names[0], record)
            for name in names:
                self.keys.setdefault(fold(name), record)
                self.keys.setdefault(name, record)
                self.shown[name] = shown(record)
        if surnames:
            self._add_surnames(records)

    def _add_surnames(self, records: tuple[R, ...]) -> None:
        owners: dict[str, list[R]] = {}
        for record in records:
            for name in record.names[1:]:  # not the id
                words = fold(name).split()
                for i in range(1, len(words)):
                    having = owners.setdefault(" ".join(words[i:]), [])
                    if all(other is not record for other in having):
                        having.append(record)
        for surname, holders in owners.items():
            self._add_surname(surname, holders)

    def _add_surname(self, surname: str, holders: list[R]) -> None:
        named = self.keys.get(surname)  # the record with this as its full name or alias
        if named is not None and named not in holders:
            # One's name or alias, another's surname. (Not (named, *holders): mypy refuses it
            # for a value-restricted TypeVar.)
            self.shared[surname] = (named,) + tuple(holders)  # noqa: RUF005
        elif named is None and len(holders) == 1:
            self.keys[surname] = holders[0]
        elif named is None:
            self.shared[surname] = tuple(holders)

    def find(self, name: str) -> R | None:
        """The record going by ``name``, ignoring case and accents, or ``None`` (also for a
        name that ``shared`` lists: two records go by it)."""
        found = self.by_id.get(name)
        if found is not None:
            return found
        if self.shared and fold(name) in self.shared:
            return None
        return self.keys.get(name) or self.keys.get(fold(name))

    def holds(self, record: R) -> bool:
        """Whether ``record`` itself (not only its id) is one of these records."""
        found = self.by_id.get(record.names[0])
        return found is record or found == record


class Chronology:
    """Conferences in the order they took place, by id, ordinal and first day."""

    __slots__ = ("by_id", "by_ordinal", "ids", "max_span", "ordered", "starts")

    def __init__(self, conferences: Iterable[Conference]) -> None:
        ordered = chronological(conferences)
        self.ordered: Results[Conference] = Results(ordered)
        self.ids = tuple(c.id for c in ordered)
        self.by_id = {c.id: c for c in ordered}
        self.by_ordinal = {c.ordinal: c for c in ordered if c.ordinal is not None}
        self.starts = [c.date.earliest() for c in ordered]
        self.max_span = max(
            ((c.end_date or c.date).latest() - c.date.earliest() for c in ordered), default=dt.timedelta(0)
        )

    def holds(self, conference: Conference) -> bool:
        found = self.by_id.get(conference.id)
        return found is conference or found == conference

    def between(self, start: dt.date, end: dt.date) -> tuple[Conference, ...]:
        """Conferences whose dates may overlap ``[start, end]`` (inclusive)."""
        low = bisect.bisect_left(self.starts, _minus(start, self.max_span))
        high = bisect.bisect_right(self.starts, end)
        return tuple(
            c
            for c in self.ordered[low:high]
            if c.date.earliest() <= end and (c.end_date or c.date).latest() >= start
        )


class Filters:
    """Conferences by year, host and co-chair, each group in chronological order."""

    __slots__ = ("by_chair", "by_host", "by_year")

    def __init__(self, chronology: Chronology) -> None:
        by_year: dict[int, list[Conference]] = {}
        by_host: dict[Organisation, list[Conference]] = {}
        by_chair: dict[str, list[Conference]] = {}
        for c in chronology.ordered:
            for year in range(c.date.earliest().year, (c.end_date or c.date).latest().year + 1):
                by_year.setdefault(year, []).append(c)
            if c.host is not None:
                by_host.setdefault(c.host, []).append(c)
            for official_id in dict.fromkeys(chair.official.id for chair in c.co_chairs):
                by_chair.setdefault(official_id, []).append(c)
        self.by_year = _frozen(by_year)
        self.by_host = _frozen(by_host)
        self.by_chair = _frozen(by_chair)


class Index:
    """The lookup structures of one dataset's tables, each family built on first use."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.lock = threading.RLock()  # re-entrant: a family may use another

    @_family
    def posts(self) -> Names[Post]:
        return Names(self.tables.posts, lambda p: p.code)

    @_family
    def officials(self) -> Names[Official]:
        return Names(self.tables.officials, lambda o: o.name, surnames=True)

    @_family
    def topics(self) -> Names[Topic]:
        return Names(self.tables.topics, lambda t: t.id)

    @_family
    def chronology(self) -> Chronology:
        return Chronology(self.tables.conferences)

    @_family
    def filters(self) -> Filters:
        return Filters(self.chronology)

    @_family
    def narrower(self) -> dict[str, set[str]]:
        """Topic id -> the ids of the topics directly narrower than it."""
        narrower: dict[str, set[str]] = {t.id: set() for t in self.tables.topics}
        for t in self.tables.topics:
            for parent in t.broader:
                narrower.setdefault(parent.id, set()).add(t.id)
        return narrower

    @_family
    def about(self) -> dict[str | Topic, Results[Conference]]:
        """Topic (by id, any name, or the record) -> meetings on it or a narrower topic."""
        topics = self.tables.topics
        narrower = self.narrower
        tagged: dict[str, list[Conference]] = {}
        ordered = self.chronology.ordered
        for c in ordered:
            for topic_id in dict.fromkeys(t.id for item in c.agenda for t in item.topics):
                tagged.setdefault(topic_id, []).append(c)
        position = {c.id: i for i, c in enumerate(ordered)}
        by_id: dict[str, Results[Conference]] = {}
        for topic_id in narrower:
            hits = {c.id: c for tid in _reach((topic_id,), narrower) for c in tagged.get(tid, ())}
            by_id[topic_id] = Results(hits[i] for i in sorted(hits, key=position.__getitem__))
        about: dict[str | Topic, Results[Conference]] = {
            key: by_id[t.id] for key, t in self.topics.keys.items()
        }
        about.update((t, by_id[t.id]) for t in topics)
        return about

    @_family
    def tenures(self) -> dict[object, Tenures]:
        """Every name of a post, and the post itself, to its tenures (empty if none)."""
        as_of = self.tables.info.as_of
        per_post: dict[str, list[Appointment]] = {}
        for a in self.tables.appointments:
            per_post.setdefault(a.post.code, []).append(a)
        by_code: dict[str, Tenures] = {}
        for post in self.tables.posts:
            items = per_post.get(post.code, [])
            items.sort(key=lambda a: (*tenure_window(a, as_of, certain=False), a.official.id))
            by_code[post.code] = Tenures(post, items, as_of)
        found: dict[object, Tenures] = {key: by_code[p.code] for key, p in self.posts.keys.items()}
        found.update((p, by_code[p.code]) for p in self.tables.posts)
        return found

    @_family
    def appointments(self) -> Results[Appointment]:
        """Every appointment, post by post as they first appear, each post's chronological."""
        posts = dict.fromkeys(a.post for a in self.tables.appointments)
        return Results(a for post in posts for a in self.tenures[post].holders)

    @_family
    def declarations(self) -> Results[JointDeclaration]:
        return Results(sorted(self.tables.declarations, key=lambda d: (*d.date.sort_key(), d.id)))

    @_family
    def areas(self) -> Names[ProposalArea]:
        return Names(self.tables.proposal_areas, lambda a: a.label)

    @_family
    def proposals(self) -> Proposals:
        return Proposals(self.tables, self.narrower, self.about, self.chronology)


class Proposals:
    """The common proposals by id, set, area and topic, and the areas' conferences.

    A proposal is in its area and in every area its area is part of. It is about its
    own topics, its areas' topics, and every topic broader than those; so is an area
    about its own, its sub-areas' and their broader topics. An area's conferences are
    the meetings about any of its or its sub-areas' topics (or a narrower one).
    """

    __slots__ = (
        "by_area",
        "by_id",
        "by_set",
        "by_topic",
        "discussed",
        "meetings",
        "ordered",
        "set_by_id",
        "sets",
    )

    def __init__(
        self,
        tables: Tables,
        narrower: Mapping[str, set[str]],
        about: Mapping[Any, Results[Conference]],
        chronology: Chronology,
    ) -> None:
        self.sets: Results[ProposalSet] = Results(
            sorted(tables.proposal_sets, key=lambda s: (*s.date.sort_key(), s.id))
        )
        self.set_by_id = {s.id: s for s in self.sets}
        rank = {s.id: i for i, s in enumerate(self.sets)}
        # Set by set; in a set, by place in the text, then those whose place is unknown
        # in the order of the data file.
        self.ordered: Results[Proposal] = Results(
            sorted(
                tables.proposals,
                key=lambda p: (rank.get(p.set.id, len(rank)), p.set.id, p.number is None, p.number or 0),
            )
        )
        self.by_id = {p.id: p for p in self.ordered}
        broader: dict[str, set[str]] = {}  # topic id -> itself and every broader topic id
        for parent, children in narrower.items():
            for child in children:
                broader.setdefault(child, set()).add(parent)
        by_area: dict[str, list[Proposal]] = {a.id: [] for a in tables.proposal_areas}
        by_set: dict[str, list[Proposal]] = {s.id: [] for s in tables.proposal_sets}
        by_topic: dict[str, list[Proposal]] = {t.id: [] for t in tables.topics}
        for p in self.ordered:
            for area in p.area.path:
                by_area.setdefault(area.id, []).append(p)
            by_set.setdefault(p.set.id, []).append(p)
            tags = {t.id for t in p.topics} | {t.id for a in p.area.path for t in a.topics}
            for topic_id in _reach(tags, broader):
                by_topic.setdefault(topic_id, []).append(p)
        self.by_area = {key: Results(found) for key, found in by_area.items()}
        self.by_set = {key: Results(found) for key, found in by_set.items()}
        self.by_topic = {key: Results(found) for key, found in by_topic.items()}
        # An area's conferences: those about its own or a sub-area's topics.
        position = {c.id: i for i, c in enumerate(chronology.ordered)}
        within: dict[str, set[str]] = {a.id: set() for a in tables.proposal_areas}
        for a in tables.proposal_areas:
            for wider in a.path:
                within.setdefault(wider.id, set()).update(t.id for t in a.topics)
        self.meetings: dict[str, Results[Conference]] = {}
        discussed: dict[str, list[ProposalArea]] = {}
        for a in tables.proposal_areas:
            hits = {c.id: c for topic_id in within[a.id] for c in about.get(topic_id, ())}
            self.meetings[a.id] = Results(hits[i] for i in sorted(hits, key=position.__getitem__))
            for c in self.meetings[a.id]:
                discussed.setdefault(c.id, []).append(a)
        self.discussed = {key: Results(found) for key, found in discussed.items()}


class Tenures:
    """One post's appointments, with every answer worked out in advance.

    The days on which any tenure may or surely begins or ends cut time into spans;
    within a span the answer cannot change. ``points`` holds the first day of each
    span and ``appointments`` and ``officials`` its answers, so a query is one bisect.
    """

    __slots__ = ("appointments", "as_of", "holders", "officials", "points", "post")

    def __init__(self, post: Post, items: list[Appointment], as_of: dt.date) -> None:
        self.post = post
        self.as_of = as_of
        self.holders = Results(items)
        # items are sorted by the first day each may cover.
        possible = [tenure_window(a, as_of, certain=False) for a in items]
        certain = [tenure_window(a, as_of, certain=True) for a in items]
        lows = [low for low, _ in possible]
        reach: list[dt.date] = []  # the latest day any tenure up to here may cover
        for _, high in possible:
            reach.append(max(high, reach[-1]) if reach else high)
        # date.max closes no span: it stands for an open end (a tenure still in office).
        self.points = sorted({day for window in (*possible, *certain) for day in window} - {dt.date.max})
        self.appointments: list[Any] = []  # per span: an Appointment, None or Ambiguous
        self.officials: list[Any] = []  # per span: an Official, None or Ambiguous
        for day in self.points:
            maybe: list[int] = []
            j = bisect.bisect_right(lows, day) - 1
            while j >= 0 and reach[j] > day:
                if possible[j][1] > day:
                    maybe.append(j)
                j -= 1
            maybe.reverse()
            appointment, official = _decide(day, [items[j] for j in maybe], [certain[j] for j in maybe])
            self.appointments.append(appointment)
            self.officials.append(official)

    def official_on(self, day: dt.date) -> Official | None:
        """Who held the post on ``day``; raises ``AmbiguousDateError`` where the record cannot tell."""
        found: Official | None = self._on(day, self.officials)
        return found

    def appointment_on(self, day: dt.date) -> Appointment | None:
        """The tenure that covers ``day``; raises ``AmbiguousDateError`` where the record cannot tell."""
        found: Appointment | None = self._on(day, self.appointments)
        return found

    def _on(self, day: dt.date, answers: list[Any]) -> Any:
        i = bisect.bisect_right(self.points, day) - 1
        answer = answers[i] if i >= 0 else None
        if type(answer) is Ambiguous:
            answer.raise_for(self.post, day)
        return answer

    def during(self, first: dt.date, last: dt.date) -> tuple[Appointment, ...]:
        """The tenures that may cover some day from ``first`` to ``last`` (inclusive), in
        chronological order: the answers of every span the period touches."""
        low = max(bisect.bisect_right(self.points, first) - 1, 0)
        high = bisect.bisect_right(self.points, last)
        found: set[int] = set()
        for answer in self.appointments[low:high]:
            if type(answer) is Ambiguous:
                found.update(id(a) for a in answer.possible)
            elif answer is not None:
                found.add(id(answer))
        return tuple(a for a in self.holders if id(a) in found)

    def official_during(self, first: dt.date, last: dt.date, asked: str) -> Official | None:
        """The one official who may have held the post on the days ``first`` to ``last``;
        ``None`` if nobody; ``AmbiguousDateError`` if two or more."""
        tenures = self.during(first, last)
        officials = list(dict.fromkeys(a.official for a in tenures))
        if len(officials) > 1:
            _raise_several(self.post, tenures, asked, self.as_of)
        return officials[0] if officials else None

    def appointment_during(self, first: dt.date, last: dt.date, asked: str) -> Appointment | None:
        """The one tenure that may cover the days ``first`` to ``last``; ``None`` if none;
        ``AmbiguousDateError`` if two or more."""
        tenures = self.during(first, last)
        if len(tenures) > 1:
            _raise_several(self.post, tenures, asked, self.as_of)
        return tenures[0] if tenures else None


def _raise_several(post: Post, tenures: tuple[Appointment, ...], asked: str, as_of: dt.date) -> None:
    from ._display import tenure_text  # on the error path only

    names = list(dict.fromkeys(a.official.name for a in tenures))
    spans = "; ".join(f"{a.official.name} ({tenure_text(a, as_of)})" for a in tenures)
    who = f"{len(names)} officials" if len(names) > 1 else f"{len(tenures)} tenures of {names[0]}"
    raise AmbiguousDateError(
        f"{who} may have held {post.code} during {asked}: {spans}; ask about one day, "
        f"or list them with holders({post.code!r}, during={asked!r})",
        names,
    )


class Ambiguous:
    """The answer for days that two or more tenures may cover."""

    __slots__ = ("names", "possible")

    def __init__(self, possible: list[Appointment]) -> None:
        self.possible = tuple(possible)
        self.names = list(dict.fromkeys(a.official.name for a in possible))

    def raise_for(self, post: Post, day: dt.date) -> None:
        if len(self.names) == 1:  # one person, two tenures that may both cover the day
            raise AmbiguousDateError(
                f"the record cannot tell which tenure of {self.names[0]} in {post.code} covers {day} "
                "(their start or end dates are known only to the month or year)",
                self.names,
            )
        raise AmbiguousDateError(
            f"the record cannot tell who held {post.code} on {day}: "
            f"{' or '.join(self.names)} (their start or end dates are known only to the month or year)",
            self.names,
        )


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
    ambiguous = Ambiguous(maybe)
    officials = {a.official for a in maybe}
    # Two tenures of the same person: who held the post is not in doubt.
    return ambiguous, (maybe[0].official if len(officials) == 1 else ambiguous)


def _minus(day: dt.date, span: dt.timedelta) -> dt.date:
    """``day - span``, saturating at ``date.min``."""
    return dt.date.min if day - dt.date.min <= span else day - span


def _reach(start: Iterable[str], links: Mapping[str, set[str]]) -> set[str]:
    """The ids in ``start`` and every id reached from them along ``links`` (narrower
    topics, or broader ones), each once."""
    seen = set(start)
    stack = list(seen)
    while stack:
        for found in links.get(stack.pop(), ()):
            if found not in seen:
                seen.add(found)
                stack.append(found)
    return seen


def _frozen(groups: dict[T, list[Conference]]) -> dict[T, Results[Conference]]:
    return {key: Results(value) for key, value in groups.items()}
