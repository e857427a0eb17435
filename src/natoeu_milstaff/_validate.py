"""Stage 4: the invariants of a dataset, each broken one reported with file and path.

``check`` never raises on bad data: it returns every problem it finds, so a curator
sees them all at once.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from typing import TYPE_CHECKING, Any

from ._dates import half_year
from ._index import MAX_NAME, fold
from ._model import (
    INFERABLE,
    TABLES,
    AlternationException,
    Appointment,
    BreakKind,
    Conference,
    Evidence,
    Official,
    Post,
    Source,
    chronological,
    tenure_window,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from ._dates import PartialDate

__all__ = ["check", "expected_break"]


def check(ds: Any) -> tuple[str, ...]:
    """Every broken invariant of the dataset ``ds``, as ``file: $.path: message`` lines."""
    problems: list[str] = []
    problems += _unique_ids(ds)
    problems += _references(ds)
    problems += _sourcing(ds)
    problems += _appointments(ds)
    problems += _chairs(ds)
    problems += _conferences(ds)
    problems += _alternation(ds)
    problems += _proposals(ds)
    return tuple(problems)


def _where(file: str, key: str, index: int, rest: str = "") -> str:
    return f"{file}: $.{key}[{index}]{rest}"


def _duplicates(values: Iterable[str]) -> set[str]:
    return {value for value, count in Counter(values).items() if count > 1}


def _unique_ids(ds: Any) -> Iterator[str]:
    for table in TABLES:
        attr = table.id
        if attr is None:
            continue
        records = getattr(ds, table.attr)
        dupes = _duplicates(getattr(r, attr) for r in records)
        for index, record in enumerate(records):
            if getattr(record, attr) in dupes:
                yield (
                    _where(table.file, table.key, index, f".{attr}")
                    + f": duplicate {attr} {getattr(record, attr)!r}"
                )
    # A name must lead to one record only, or lookups by name could not answer.
    named: tuple[tuple[str, str, tuple[Any, ...]], ...] = (
        ("officials.toml", "official", ds.officials),
        ("posts.toml", "post", ds.posts),
        ("topics.toml", "topic", ds.topics),
        ("proposal_areas.toml", "area", ds.proposal_areas),
    )
    for file, key, records in named:
        owners: dict[str, set[str]] = {}
        for index, record in enumerate(records):
            for name in record.names:
                owners.setdefault(fold(name), set()).add(record.names[0])
                if len(name) > MAX_NAME:  # lookups refuse longer names: it could not be found
                    yield (
                        _where(file, key, index)
                        + f": the name {name[:20] + '…'!r} has {len(name)} characters, "
                        f"more than the {MAX_NAME} a lookup takes"
                    )
        for name, ids in sorted(owners.items()):
            if len(ids) > 1:
                yield f"{file}: $.{key}: the name {name!r} belongs to {', '.join(sorted(ids))}"


def _references(ds: Any) -> Iterator[str]:
    sources, posts = set(ds.sources), set(ds.posts)
    officials, topics, conferences = set(ds.officials), set(ds.topics), set(ds.conferences)

    def missing(obj: Any, pool: set[Any], what: str, where: str) -> Iterator[str]:
        if obj not in pool:
            name = getattr(obj, "id", getattr(obj, "code", obj))
            yield f"{where}: {what} {name!r} is not in the dataset"

    known = {s.id for s in ds.sources}
    for index, sid in enumerate(ds.info.series_since_sources):
        if sid not in known:
            where = f"dataset.toml: $.dataset.series_since_sources[{index}]"
            yield f"{where}: source {sid!r} is not in the dataset"
    if ds.info.series_since is not None and not ds.info.series_since_sources:
        yield "dataset.toml: $.dataset.series_since: no source says it (series_since_sources is empty)"
    codes = {p.code for p in ds.posts}
    for index, p in enumerate(ds.posts):
        if p.deputy_of is not None and (p.deputy_of not in codes or p.deputy_of == p.code):
            yield _where("posts.toml", "post", index, ".deputy_of") + (
                f": {p.deputy_of!r} is not the code of another post"
            )
    for index, a in enumerate(ds.appointments):
        where = _where("appointments.toml", "appointment", index)
        yield from missing(a.official, officials, "official", where + ".official")
        yield from missing(a.post, posts, "post", where + ".post")
    for index, t in enumerate(ds.topics):
        for j, parent in enumerate(t.broader):
            yield from missing(
                parent, topics, "topic", _where("topics.toml", "topic", index, f".broader[{j}]")
            )
    for index, c in enumerate(ds.conferences):
        where = _where("conferences.toml", "conference", index)
        for j, chair in enumerate(c.co_chairs):
            yield from missing(chair.official, officials, "official", f"{where}.co_chairs[{j}].official")
            yield from missing(chair.post, posts, "post", f"{where}.co_chairs[{j}].post")
            if chair.standing_in_for is not None:
                yield from missing(
                    chair.standing_in_for, officials, "official", f"{where}.co_chairs[{j}].standing_in_for"
                )
        for j, item in enumerate(c.agenda):
            for k, topic in enumerate(item.topics):
                yield from missing(topic, topics, "topic", f"{where}.agenda[{j}].topics[{k}]")
    for index, e in enumerate(ds.exceptions):
        where = _where("alternation.toml", "exception", index)
        yield from missing(e.after, conferences, "conference", where + ".after")
        yield from missing(e.before, conferences, "conference", where + ".before")
    sets, areas = set(ds.proposal_sets), set(ds.proposal_areas)
    for index, d in enumerate(ds.declarations):
        for j, found in enumerate(d.proposal_sets):
            where = _where("declarations.toml", "declaration", index, f".proposal_sets[{j}]")
            yield from missing(found, sets, "proposal set", where)
    for index, r in enumerate(ds.progress_reports):
        for j, found in enumerate(r.proposal_sets):
            where = _where("progress_reports.toml", "progress_report", index, f".proposal_sets[{j}]")
            yield from missing(found, sets, "proposal set", where)
    for index, a in enumerate(ds.proposal_areas):
        where = _where("proposal_areas.toml", "area", index)
        if a.parent is not None:
            yield from missing(a.parent, areas, "proposal area", where + ".parent")
        for j, topic in enumerate(a.topics):
            yield from missing(topic, topics, "topic", f"{where}.topics[{j}]")
    for index, p in enumerate(ds.proposals):
        where = _where("proposals.toml", "proposal", index)
        yield from missing(p.set, sets, "proposal set", where + ".set")
        yield from missing(p.area, areas, "proposal area", where + ".area")
        for j, topic in enumerate(p.topics):
            yield from missing(topic, topics, "topic", f"{where}.topics[{j}]")
    for path, src in _citations(ds):
        yield from missing(src, sources, "source", path)


def _citing(ds: Any) -> Iterator[tuple[str, tuple[Source, ...]]]:
    """Every record that must cite sources, as (path, the sources it cites)."""
    for index, o in enumerate(ds.officials):
        yield _where("officials.toml", "official", index), o.sources
    for index, a in enumerate(ds.appointments):
        where = _where("appointments.toml", "appointment", index)
        yield where, a.sources
        yield from ((f"{where}.conflicts[{j}]", x.sources) for j, x in enumerate(a.conflicts))
    for index, c in enumerate(ds.conferences):
        where = _where("conferences.toml", "conference", index)
        yield where, c.sources
        yield from ((f"{where}.agenda[{j}]", item.sources) for j, item in enumerate(c.agenda))
        yield from ((f"{where}.figures[{j}]", f.sources) for j, f in enumerate(c.figures))
        yield from ((f"{where}.conflicts[{j}]", x.sources) for j, x in enumerate(c.conflicts))
        if c.next_meeting is not None:
            yield f"{where}.next_meeting", c.next_meeting.sources
    for index, e in enumerate(ds.exceptions):
        yield _where("alternation.toml", "exception", index), e.sources
    for index, r in enumerate(ds.progress_reports):
        yield _where("progress_reports.toml", "progress_report", index), r.sources
    for index, d in enumerate(ds.declarations):
        where = _where("declarations.toml", "declaration", index)
        yield where, d.sources
        yield from ((f"{where}.conflicts[{j}]", x.sources) for j, x in enumerate(d.conflicts))
    for index, s in enumerate(ds.proposal_sets):
        where = _where("proposal_sets.toml", "proposal_set", index)
        yield where, s.sources
        yield from ((f"{where}.conflicts[{j}]", x.sources) for j, x in enumerate(s.conflicts))
    for index, a in enumerate(ds.proposal_areas):
        yield _where("proposal_areas.toml", "area", index), a.sources
    for index, p in enumerate(ds.proposals):
        yield _where("proposals.toml", "proposal", index), p.sources


def _citations(ds: Any) -> Iterator[tuple[str, Source]]:
    """Every (path, source) pair where a record cites a source."""
    for where, cited in _citing(ds):
        for j, src in enumerate(cited):
            yield f"{where}.sources[{j}]", src


def _sourcing(ds: Any) -> Iterator[str]:
    for where, cited in _citing(ds):
        if not cited:
            yield f"{where}.sources: no source given; every fact needs one"
    used = {src.id for _, src in _citations(ds)}
    for index, src in enumerate(ds.sources):
        if src.id not in used:
            yield _where("sources.toml", "source", index) + f": source {src.id!r} is cited by no record"


def _appointments(ds: Any) -> Iterator[str]:
    as_of: dt.date = ds.info.as_of
    for index, a in enumerate(ds.appointments):
        where = _where("appointments.toml", "appointment", index)
        yield from _inferences("Appointment", a, where)
        if a.start is None and not a.attested:
            yield f"{where}: neither a start nor an attested date; the tenure has no anchor"
        if a.end is None and not a.in_office and not a.attested:
            yield f"{where}: no end, not in office and no attested date; the tenure is unbounded"
        if a.in_office and a.end is not None:
            yield f"{where}.in_office: true, but an end ({a.end}) is given"
        if a.start is not None and a.end is not None and a.end.latest() <= a.start.earliest():
            yield f"{where}.end: {a.end} is not after the start {a.start}"
        for field, date in (("start", a.start), ("end", a.end)):
            if date is not None and date.earliest() > as_of:
                yield f"{where}.{field}: {date} is after the dataset's as_of date {as_of}"
        low, high = a.possible_window()
        for j, day in enumerate(a.attested):
            if day.earliest() > as_of:
                yield f"{where}.attested[{j}]: {day} is after the dataset's as_of date {as_of}"
            elif not (low <= day.latest() and day.earliest() < high):
                yield f"{where}.attested[{j}]: {day} is outside the tenure"
    by_post: dict[str, list[tuple[int, Appointment]]] = {}
    for index, a in enumerate(ds.appointments):
        by_post.setdefault(a.post.code, []).append((index, a))
    for code, items in by_post.items():
        serving = [i for i, a in items if a.in_office]
        if len(serving) > 1:
            yield (
                f"appointments.toml: $.appointment: {len(serving)} holders of {code} "
                f"in office at once ({serving})"
            )
        yield from _overlaps(code, items)


def _overlaps(code: str, items: list[tuple[int, Appointment]]) -> Iterator[str]:
    """Pairs of tenures of one post that cannot have followed each other in either order.

    Tenure A can precede B when A may have ended by the latest day B may have begun:
    ``A.end.earliest() <= B.start.latest()``. With the certain window ``[low, high)``
    that is ``A.high <= B.low``; two tenures overlap when neither order is possible.
    """
    tenures = sorted(((i, a, *_bounds(a)) for i, a in items), key=lambda t: (t[2], t[3], t[0]))
    furthest: tuple[int, Appointment, dt.date, dt.date] | None = None
    for k, (j, b, b_low, b_high) in enumerate(tenures):
        # Only tenures before this one in the order: a pair is reported once, from its
        # later side (two tenures starting on one day were reported from both).
        earlier = [furthest] if furthest is not None and b_low < b_high else list(tenures[:k])
        for found in earlier:
            if found is None:
                continue
            i, a, a_low, a_high = found
            if a_high > b_low and b_high > a_low:
                yield (
                    f"appointments.toml: $.appointment[{j}]: {b.official.id} and "
                    f"{a.official.id} (appointment[{i}]) both held {code} around {max(a_low, b_low)}"
                )
                break
        if furthest is None or b_high > furthest[3]:
            furthest = (j, b, b_low, b_high)


def _bounds(a: Appointment) -> tuple[dt.date, dt.date]:
    low, high = a.certain_window()
    return low, (dt.date.max if a.in_office else high)


def _holds(
    ds: Any,
    tenures: dict[tuple[str, str], list[Appointment]],
    official: Official,
    post: Post,
    date: PartialDate,
) -> bool:
    return any(_possible(ds, a, date) for a in tenures.get((official.id, post.code), ()))


def _possible(ds: Any, a: Appointment, date: PartialDate) -> bool:
    low, high = tenure_window(a, ds.info.as_of, certain=False)
    return low <= date.latest() and date.earliest() < high


def _chairs(ds: Any) -> Iterator[str]:
    posts = {p.code: p for p in ds.posts}
    tenures: dict[tuple[str, str], list[Appointment]] = {}
    for a in ds.appointments:
        tenures.setdefault((a.official.id, a.post.code), []).append(a)
    for index, c in enumerate(ds.conferences):
        for j, chair in enumerate(c.co_chairs):
            where = _where("conferences.toml", "conference", index, f".co_chairs[{j}]")
            if not _holds(ds, tenures, chair.official, chair.post, c.date):
                yield f"{where}: {chair.official.id} held no {chair.post.code} appointment on {c.date}"
            if chair.standing_in_for is None:
                continue
            principal = posts.get(chair.post.deputy_of or "")
            if principal is None:
                yield f"{where}.standing_in_for: {chair.post.code} is no deputy post"
            elif not _holds(ds, tenures, chair.standing_in_for, principal, c.date):
                yield (
                    f"{where}.standing_in_for: {chair.standing_in_for.id} held no "
                    f"{principal.code} appointment on {c.date}"
                )


def _inferences(kind: str, record: Any, where: str) -> Iterator[str]:
    for j, inference in enumerate(record.inferences):
        if inference.field not in INFERABLE[kind]:
            choices = ", ".join(sorted(INFERABLE[kind]))
            yield f"{where}.inferences[{j}].field: {inference.field!r} is not one of {choices}"
        elif getattr(record, inference.field) is None:
            yield f"{where}.inferences[{j}]: {inference.field} is marked inferred but has no value"


def _conferences(ds: Any) -> Iterator[str]:
    for index, c in enumerate(ds.conferences):
        where = _where("conferences.toml", "conference", index)
        yield from _inferences("Conference", c, where)
        if c.end_date is not None and c.end_date.latest() <= c.date.earliest():
            yield f"{where}.end_date: {c.end_date} is not after the date {c.date}"
        if c.ordinal is not None and c.ordinal < 1:
            yield f"{where}.ordinal: {c.ordinal} is not a positive number"
        if c.evidence is Evidence.IMPLIED and c.ordinal is None:
            yield f"{where}.evidence: implied by numbering, but no ordinal is given"
        keys = _duplicates(f.key for f in c.figures)
        if keys:
            yield f"{where}.figures: the key(s) {', '.join(sorted(keys))} appear twice"
        if c.next_meeting is not None and c.next_meeting.date is None and c.next_meeting.as_stated is None:
            yield f"{where}.next_meeting: neither a date nor the wording of one"
        if c.date.earliest() > ds.info.as_of:
            yield f"{where}.date: {c.date} is after the dataset's as_of date {ds.info.as_of}"
    numbered = sorted((c for c in ds.conferences if c.ordinal is not None), key=lambda c: c.ordinal or 0)
    ordinals = _duplicates(str(c.ordinal) for c in numbered)
    if ordinals:
        yield f"conferences.toml: $.conference: ordinal(s) {', '.join(sorted(ordinals))} used twice"
    for a, b in itertools.pairwise(numbered):
        if b.date.latest() < a.date.earliest():
            yield (
                f"conferences.toml: $.conference: ordinals do not increase with dates: "
                f"{a.id} is no. {a.ordinal} but {b.id} (no. {b.ordinal}) took place before it"
            )


def _proposals(ds: Any) -> Iterator[str]:
    """The common proposals: each set lists as many as the texts say, or says why not;
    ids follow sets and places; every area maps onto a topic; dates in order."""
    listed: dict[str, list[Any]] = {}
    for p in ds.proposals:
        listed.setdefault(p.set.id, []).append(p)
    owners = Counter(s.id for d in ds.declarations for s in d.proposal_sets)
    for index, found in enumerate(ds.proposal_sets):
        where = _where("proposal_sets.toml", "proposal_set", index)
        mine = listed.get(found.id, [])
        if owners[found.id] != 1:
            listing = f"{owners[found.id]} declarations list the set {found.id!r}"
            yield f"{where}: {listing}; it implements exactly one"
        if found.count < 1:
            yield f"{where}.count: a set holds at least one proposal, got {found.count}"
        if found.id != str(found.date.year):
            yield f"{where}.id: {found.id!r} must be the year the set was endorsed ({found.date})"
        if len(mine) > found.count:
            yield (
                f"{where}: the record lists {len(mine)} proposals of the set {found.id!r}, "
                f"more than its count {found.count}"
            )
        elif len(mine) < found.count and found.incomplete is None:
            yield (
                f"{where}: the record lists {len(mine)} of the set's {found.count} proposals; "
                "'incomplete' must say why the others are missing"
            )
        elif len(mine) == found.count and found.incomplete is not None:
            yield f"{where}.incomplete: the record lists all {found.count} proposals of the set"
        numbers = [p.number for p in mine if p.number is not None]
        for number in sorted(n for n, k in Counter(numbers).items() if k > 1):
            yield f"{where}: two proposals of the set {found.id!r} have the number {number}"
        for number in sorted({n for n in numbers if not 1 <= n <= found.count}):
            yield (
                f"{where}: a proposal of the set {found.id!r} has the number {number}, "
                f"outside 1 to {found.count}"
            )
    for index, p in enumerate(ds.proposals):
        where = _where("proposals.toml", "proposal", index)
        rest = p.id[len(p.set.id) + 1 :] if p.id.startswith(f"{p.set.id}-") else None
        if p.number is not None and p.id != f"{p.set.id}-{p.number:02d}":
            yield f"{where}.id: {p.id!r} must be the set and the number, {p.set.id}-{p.number:02d}"
        elif rest is None:
            yield f"{where}.id: {p.id!r} must begin with its set's id, {p.set.id}-"
        elif p.number is None and rest.replace("-", "").isdigit():
            yield f"{where}.id: {p.id!r} looks like a place in the text, but the proposal has no number"
        if p.deadline is not None and p.deadline.latest() < p.set.date.earliest():
            yield f"{where}.deadline: {p.deadline} is before the set was endorsed ({p.set.date})"
        own = [t.id for t in p.topics]
        for topic_id in sorted({t for t in own if own.count(t) > 1}):
            yield f"{where}.topics: the topic {topic_id!r} is listed twice"
        of_area = {t.id for a in p.area.path for t in a.topics}
        for topic_id in sorted(set(own) & of_area):
            yield f"{where}.topics: {topic_id!r} is already its area's topic; list only others"
    for index, area in enumerate(ds.proposal_areas):
        if not area.topics:
            where = _where("proposal_areas.toml", "area", index)
            yield f"{where}.topics: an area must map onto at least one topic of the taxonomy"
    for index, r in enumerate(ds.progress_reports):
        where = _where("progress_reports.toml", "progress_report", index)
        for j, found in enumerate(r.proposal_sets):
            if found.date.earliest() > r.date.latest():
                endorsed = f"the set {found.id!r} was endorsed after the report ({r.date})"
                yield f"{where}.proposal_sets[{j}]: {endorsed}"
        start, end = r.period_start, r.period_end
        if start is not None and end is not None and start.earliest() > end.latest():
            yield f"{where}.period_end: the period ends ({end}) before it starts ({start})"
        for name, bound in (("period_start", start), ("period_end", end)):
            if bound is not None and bound.earliest() > r.date.latest():
                yield f"{where}.{name}: {bound} is after the report ({r.date})"


def expected_break(a: Conference, b: Conference) -> BreakKind | None:
    """The break in alternation between consecutive conferences ``a`` and ``b``, if any."""
    if a.ordinal is not None and b.ordinal is not None:
        gap = b.ordinal - a.ordinal > 1
    else:
        gap = half_year(b.date) - half_year(a.date) > 1
    if gap:
        return BreakKind.GAP
    if a.host is None or b.host is None:
        return BreakKind.UNKNOWN_HOST
    if a.host is b.host:
        return BreakKind.SAME_HOST
    return None


def _alternation(ds: Any) -> Iterator[str]:
    series = chronological(ds.conferences)
    documented: dict[tuple[str, str], tuple[int, AlternationException]] = {}
    for index, e in enumerate(ds.exceptions):
        if (e.after.id, e.before.id) in documented:
            yield _where("alternation.toml", "exception", index) + (
                f": a second entry for the pair {e.after.id} / {e.before.id}"
            )
            continue
        documented[(e.after.id, e.before.id)] = (index, e)
    used: set[tuple[str, str]] = set()
    for a, b in itertools.pairwise(series):
        kind = expected_break(a, b)
        if kind is None:
            continue
        pair = (a.id, b.id)
        found = documented.get(pair)
        if found is None:
            yield (
                f"alternation.toml: $.exception: the {kind.value} break between {a.id} "
                f"({_host(a)}) and {b.id} ({_host(b)}) is not documented"
            )
            continue
        used.add(pair)
        index, e = found
        if e.kind is not kind:
            yield _where("alternation.toml", "exception", index, ".kind") + (
                f": {e.kind.value}, but the record shows a {kind.value} break"
            )
    for pair, (index, _) in documented.items():
        if pair not in used:
            yield _where("alternation.toml", "exception", index) + (
                f": documents a break between {pair[0]} and {pair[1]}, but they are not "
                "consecutive conferences with a break"
            )


def _host(c: Conference) -> str:
    return c.host.value if c.host is not None else "host unknown"
