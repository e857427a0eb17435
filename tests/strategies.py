"""Hypothesis strategies: partial dates, and whole datasets that are valid by construction.

``datasets()`` builds a random but coherent record: posts with chains of
non-overlapping tenures, a series of conferences one per half-year with hosts
alternating (gaps in the series come with a documented exception), co-chairs who held
their posts, a topic tree, and sources that every record cites. The ``broken_*``
helpers then break one invariant in one known way.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import attrs
from hypothesis import strategies as st

import natoeu_milstaff as nm

AS_OF = dt.date(2031, 1, 1)
INFO = nm.DatasetInfo(version="test", as_of=AS_OF)

qualifiers = st.sampled_from([(False, False), (True, False), (False, True), (True, True)])


@st.composite
def partial_dates(draw: st.DrawFn, min_year: int = 1, max_year: int = 9999) -> nm.PartialDate:
    """Any valid PartialDate, any precision, any qualifiers."""
    day = draw(st.dates(dt.date(min_year, 1, 1), dt.date(max_year, 12, 31)))
    precision = draw(st.sampled_from(list(nm.Precision)))
    approximate, uncertain = draw(qualifiers)
    return _at(day, precision, approximate=approximate, uncertain=uncertain)


def _at(day: dt.date, precision: nm.Precision, **qualifiers: bool) -> nm.PartialDate:
    return nm.PartialDate(
        year=day.year,
        month=None if precision is nm.Precision.YEAR else day.month,
        day=day.day if precision is nm.Precision.DAY else None,
        **qualifiers,
    )


POSTS = (
    nm.Post(code="DGN", title="Director General North", organisation=nm.Organisation.NATO),
    nm.Post(code="DGE", title="Director General East", organisation=nm.Organisation.EU),
    nm.Post(
        code="DDGE", title="Deputy Director General East", organisation=nm.Organisation.EU, deputy_of="DGE"
    ),
    nm.Post(
        code="DDGN", title="Deputy Director General North", organisation=nm.Organisation.NATO, deputy_of="DGN"
    ),
)

names = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé ", min_size=1, max_size=12).map(str.strip).filter(bool)


@st.composite
def datasets(draw: st.DrawFn, *, max_conferences: int = 12, allow_gaps: bool = True) -> nm.Dataset:
    """A valid random dataset."""
    n_sources = draw(st.integers(1, 3))
    sources = tuple(
        nm.Source(
            id=f"s{i}",
            url=f"https://example.org/{i}",
            title=f"Source {i}",
            publisher="Example",
            published=draw(st.none() | partial_dates(1990, 2030)),
            kind=draw(st.sampled_from(list(nm.SourceKind))),
        )
        for i in range(n_sources)
    )

    def cite() -> tuple[nm.Source, ...]:
        picked = draw(st.lists(st.sampled_from(sources), min_size=1, max_size=2, unique=True))
        return tuple(picked)

    # Appointments: per post, a chain of tenures with handovers at least 400 days apart.
    officials: list[nm.Official] = []
    appointments: list[nm.Appointment] = []
    start_day = dt.date(2000, 1, 1) + dt.timedelta(days=draw(st.integers(0, 2000)))
    for post in POSTS[:3]:
        count = draw(st.integers(1, 4))
        day = start_day + dt.timedelta(days=draw(st.integers(0, 300)))
        handovers = [day]
        for _ in range(count):
            day = day + dt.timedelta(days=draw(st.integers(400, 1500)))
            handovers.append(day)
        bounds = [_at(h, draw(st.sampled_from(list(nm.Precision)))) for h in handovers]
        serving = draw(st.booleans()) and handovers[-1] < AS_OF
        for k in range(count):
            person = nm.Official(
                id=f"{post.code.lower()}-{k}",
                name=f"{draw(names)} {post.code} {k}",
                nationality=draw(st.sampled_from(["DE", "FR", "NL", "FI", "IT", None])),
                aliases=tuple(
                    draw(
                        st.lists(
                            names.map(functools.partial(_alias, f"{post.code}{k}")),
                            max_size=2,
                            unique=True,
                        )
                    )
                ),
                sources=cite(),
            )
            officials.append(person)
            last = k == count - 1
            appointments.append(
                nm.Appointment(
                    official=person,
                    post=post,
                    start=bounds[k],
                    end=None if (last and serving) else bounds[k + 1],
                    in_office=last and serving,
                    sources=cite(),
                )
            )

    # Deputies known only from the days a source shows them in post (no start, no end).
    day = start_day
    for k in range(draw(st.integers(0, 3))):
        day = day + dt.timedelta(days=draw(st.integers(1, 900)))
        seen = [day]
        if draw(st.booleans()):
            day = day + dt.timedelta(days=draw(st.integers(1, 400)))
            seen.append(day)
        person = nm.Official(id=f"ddgn-{k}", name=f"Deputy {k}", sources=cite())
        officials.append(person)
        appointments.append(
            nm.Appointment(
                official=person,
                post=POSTS[3],
                attested=tuple(nm.PartialDate.from_date(d) for d in seen),
                sources=cite(),
            )
        )

    # Topics: a forest, each topic's broader ones drawn among earlier topics.
    topics: list[nm.Topic] = []
    for i in range(draw(st.integers(1, 8))):
        parents = draw(st.lists(st.sampled_from(topics), max_size=2, unique=True)) if topics else []
        topics.append(
            nm.Topic(id=f"t{i}", label=f"Topic {i}", aliases=(f"alias {i}",), broader=tuple(parents))
        )

    # Conferences: one per half-year slot, hosts alternating; skipped slots are gaps.
    conferences: list[nm.Conference] = []
    exceptions: list[nm.AlternationException] = []
    host = draw(st.sampled_from(list(nm.Organisation)))
    slot = 2 * start_day.year + 2
    numbered = draw(st.booleans())
    ordinal = draw(st.integers(1, 30))
    for _ in range(draw(st.integers(0, max_conferences))):
        skipped = draw(st.integers(0, 2)) if (allow_gaps and conferences) else 0
        slot += skipped + (1 if conferences else 0)
        ordinal += skipped + (1 if conferences else 0)
        year, half = divmod(slot, 2)
        day = dt.date(year, 1 + 6 * half, 1) + dt.timedelta(days=draw(st.integers(0, 170)))
        if day > AS_OF:
            break
        date = nm.PartialDate.from_date(day)
        if conferences and skipped:
            pass  # host keeps alternating by slot, documented below as a gap
        current = host if (slot % 2 == 0) else _other(host)
        chairs = tuple(
            nm.Chair(official=a.official, post=a.post, rank="General")
            for a in appointments
            if a.post.code in {"DGN", "DGE"} and _certain(a, day)
        )
        deputies = [a for a in appointments if a.post.code == "DDGE" and _certain(a, day)]
        if deputies and len(chairs) == 2 and draw(st.booleans()):
            # The deputy chairs for the EU side, standing in for the Director General.
            chairs = (
                chairs[0],
                nm.Chair(
                    official=deputies[0].official, post=deputies[0].post, standing_in_for=chairs[1].official
                ),
            )
        agenda = tuple(
            nm.AgendaItem(
                title=f"Item {j}",
                topics=tuple(draw(st.lists(st.sampled_from(topics), min_size=1, max_size=3, unique=True))),
                briefers=tuple(
                    draw(st.lists(st.sampled_from(["ACT", "MPCC", "EEAS"]), max_size=2, unique=True))
                ),
                sources=cite(),
            )
            for j in range(draw(st.integers(0, 3)))
        )
        conference = nm.Conference(
            id=f"c-{day.isoformat()}",
            date=date,
            ordinal=ordinal if numbered else None,
            host=current,
            format=draw(st.sampled_from([None, *nm.Format])),
            evidence=nm.Evidence.REPORTED,
            co_chairs=chairs,
            agenda=agenda,
            sources=cite(),
        )
        if conferences and skipped:
            exceptions.append(
                nm.AlternationException(
                    after=conferences[-1],
                    before=conference,
                    kind=nm.BreakKind.GAP,
                    reason="gap",
                    sources=cite(),
                )
            )
        conferences.append(conference)

    cited = {s.id for s in _all_citations(officials, appointments, conferences, exceptions)}
    return nm.Dataset(
        info=INFO,
        sources=tuple(s for s in sources if s.id in cited),
        posts=POSTS,
        officials=tuple(officials),
        appointments=tuple(appointments),
        topics=tuple(topics),
        conferences=tuple(conferences),
        exceptions=tuple(exceptions),
    )


def _alias(suffix: str, name: str) -> str:
    return f"{name} alias {suffix}"


def _other(host: nm.Organisation) -> nm.Organisation:
    return nm.Organisation.EU if host is nm.Organisation.NATO else nm.Organisation.NATO


def _certain(a: nm.Appointment, day: dt.date) -> bool:
    low, high = a.certain_window()
    if a.in_office:
        high = AS_OF
    return low <= day < high


def _all_citations(*groups: Any) -> list[nm.Source]:
    out: list[nm.Source] = []
    for group in groups:
        for record in group:
            out += record.sources
            for item in getattr(record, "agenda", ()):
                out += item.sources
    return out


def replace(ds: nm.Dataset, **tables: Any) -> nm.Dataset:
    """A copy of ``ds`` with some tables replaced."""
    fields = {f.name: getattr(ds.tables, f.name) for f in attrs.fields(type(ds.tables))}
    fields.update(tables)
    return nm.Dataset(**fields)
