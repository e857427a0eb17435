"""What the record lacks: the gaps a user must see rather than guess.

``coverage(tables, index)`` lists half-years with no known conference, conferences with
an unknown host, a partial date, weak evidence or a single re-post as their only source,
inferred values, the stretches of time for which no holder of a post is known, the
sets of common proposals the record lists only in part, and the proposals' areas that
no conference in the record discussed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ._dates import _require_day, half_year, ordinal
from ._model import (
    Appointment,
    Basis,
    Conference,
    Evidence,
    Post,
    SourceKind,
    _next_day,
    chronological,
    tenure_window,
)
from ._value import Record

if TYPE_CHECKING:
    import datetime
    from collections.abc import Sequence

    from ._index import Index
    from ._model import ProposalArea, ProposalSet, Search, Tables

__all__ = ["Coverage", "HolderGap", "Unnumbered", "coverage"]


@attrs.frozen(kw_only=True, eq=False, repr=False)
class HolderGap(Record):
    """A stretch of days, ``[start, end)``, for which the record names no holder of a post.

    >>> gap = nm.coverage().holder_gaps[0]
    >>> gap.post.code, gap.start, gap.end
    ('DGIMS', datetime.date(2001, 12, 31), datetime.date(2007, 1, 1))
    """

    _ref_by = ("post.code", "start")

    post: Post
    start: datetime.date
    end: datetime.date


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Unnumbered(Record):
    """How many meetings came before the first one a source numbers, and how many of them
    the record lacks: arithmetic on the numbering, which dates none of them.

    It assumes that the numbering counts every meeting from the first, once each, and that
    the record's conferences before the first numbered one are all in the series.

    >>> note = nm.coverage().unnumbered
    >>> note.first_numbered.ordinal, note.before, note.recorded, note.unrecorded
    (17, 16, 13, 3)
    """

    _ref_by = ("first_numbered.id",)

    first_numbered: Conference
    """The earliest conference whose ordinal a source states."""
    before: int
    """Meetings before it, by its number."""
    recorded: int
    """Of those, the conferences the record holds."""
    unrecorded: int
    """Meetings the numbering implies and the record lacks (``before - recorded``)."""

    def __str__(self) -> str:
        c = self.first_numbered
        return (
            f"the {ordinal(c.ordinal or 0)} conference ({c.date}) is the first a source numbers: "
            f"{self.before} came before it, of which the record holds {self.recorded}, so "
            f"{self.unrecorded} are unrecorded "
            "(assuming the numbering counts every meeting once, from the first)"
        )


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Coverage(Record):
    """The gaps and weak spots of a dataset. ``str()`` gives a readable report.

    Its ``repr`` is a summary, counts per section; a notebook shows it as a table.

    >>> nm.coverage()
    <Coverage 2014-01-27 to 2026-11-22, checked against its sources on 2026-11-22; ...>
    """

    first: datetime.date | None
    """Day of the earliest conference in the record."""
    as_of: datetime.date
    series_since: datetime.date | None
    """First day of the series' start as its sources state it (``DatasetInfo.series_since``),
    or ``None``."""
    missing_half_years: tuple[str, ...]
    """Half-years (``"2017-H1"``) from the series' stated start (or else the first
    conference) to ``as_of`` with no conference dated within them."""
    searched: tuple[Search, ...]
    """The searches of the sources that found nothing, or less than sought (what was
    looked for, with which terms, and what came of it)."""
    unnumbered: Unnumbered | None
    """The arithmetic of the numbering, the meetings before the first numbered one that the
    record lacks; ``None`` where no source numbers a conference."""
    unknown_hosts: tuple[Conference, ...]
    partial_dates: tuple[Conference, ...]
    weak_evidence: tuple[Conference, ...]
    """Conferences only mentioned elsewhere or implied by numbering."""
    single_repost: tuple[Conference, ...]
    """Conferences whose only source is one re-post or news item, no original release."""
    inferred: tuple[tuple[Conference, str], ...]
    """(conference, field) pairs whose value was inferred."""
    unknown_tenure_bounds: tuple[Appointment, ...]
    """Appointments whose start or end no source gives."""
    holder_gaps: tuple[HolderGap, ...]
    partial_proposal_sets: tuple[tuple[ProposalSet, int], ...] = ()
    """(set, proposals the record lists) for each set of common proposals it lists only in
    part; the set's ``incomplete`` says why.

    >>> [(s.id, n, s.count) for s, n in nm.coverage().partial_proposal_sets]
    [('2016', 11, 42), ('2017', 8, 32)]
    """
    proposals_by_area: tuple[tuple[ProposalArea, int], ...] = ()
    """(area, proposals the record lists in it or its sub-areas) for every area, in order."""
    undiscussed_areas: tuple[ProposalArea, ...] = ()
    """The areas of the common proposals that no conference in the record discussed (no
    agenda item on one of their topics)."""

    def __repr__(self) -> str:
        from ._display import as_of_note

        counts = ", ".join(f"{field} {len(items)}" for field, _, items in self._sections())
        return (
            f"<Coverage {self.first or 'no conference'} to {self.as_of}, {as_of_note(self.as_of)}: {counts}>"
        )

    def age(self, today: datetime.date | None = None) -> datetime.timedelta:
        """How long ago the record was checked against its sources: ``today - as_of``.

        ``today`` defaults to ``datetime.date.today()``. Officials in office on ``as_of``
        are assumed still in office after it; the older the check, the weaker that guess.

        >>> nm.coverage().age(datetime.date(2026, 12, 22)).days
        30
        """
        if today is None:
            import datetime

            today = datetime.date.today()
        return _require_day(today) - self.as_of

    def __str__(self) -> str:
        from ._display import as_of_note

        lines = [f"Record from {self.first or 'no conference'} to {self.as_of}: {as_of_note(self.as_of)}"]
        if self.series_since is not None:
            lines.append(f"The sources say the series began in {self.series_since.year}")
        if self.unnumbered is not None:
            lines.append(f"Numbering: {self.unnumbered}")
        for _, title, items in self._sections():
            lines.append(f"{title}: {len(items)}")
            lines.extend(f"  - {item}" for item in items)
        if self.proposals_by_area:
            counts = ", ".join(f"{a.id} {n}" for a, n in self.proposals_by_area)
            lines.append(f"Common proposals listed per area: {counts}")
        return "\n".join(lines)

    def _sections(self) -> list[tuple[str, str, list[str]]]:
        """Each section of the report: its field, its title and its items as text."""
        return [
            ("missing_half_years", "Half-years with no known conference", list(self.missing_half_years)),
            ("unknown_hosts", "Conferences with unknown host", [c.id for c in self.unknown_hosts]),
            (
                "partial_dates",
                "Conferences with a partial date",
                [f"{c.id} ({c.date})" for c in self.partial_dates],
            ),
            (
                "weak_evidence",
                "Conferences known only from a mention or the numbering",
                [f"{c.id} ({c.evidence.value})" for c in self.weak_evidence],
            ),
            (
                "single_repost",
                "Conferences resting on a single re-post",
                [c.id for c in self.single_repost],
            ),
            ("inferred", "Inferred values", [f"{c.id}: {field}" for c, field in self.inferred]),
            (
                "unknown_tenure_bounds",
                "Appointments with an unknown start or end",
                [f"{a.official.name} ({a.post.code})" for a in self.unknown_tenure_bounds],
            ),
            (
                "holder_gaps",
                "Periods with no known holder",
                [f"{g.post.code}: {g.start} to {g.end}" for g in self.holder_gaps],
            ),
            (
                "searched",
                "Searched for and not found",
                [f"{s.subject} ({s.on}): {s.result}" for s in self.searched],
            ),
            (
                "partial_proposal_sets",
                "Sets of common proposals listed in part",
                [f"{s.id}: {n} of {s.count} listed" for s, n in self.partial_proposal_sets],
            ),
            (
                "areas_without_proposals",
                "Areas of the common proposals with none listed",
                [a.id for a, n in self.proposals_by_area if n == 0],
            ),
            (
                "undiscussed_areas",
                "Areas of the common proposals no conference discussed",
                [f"{a.id} ({a.label})" for a in self.undiscussed_areas],
            ),
        ]


def _label(half: int) -> str:
    year, part = divmod(half, 2)
    return f"{year}-H{part + 1}"


def coverage(tables: Tables, index: Index) -> Coverage:
    """The gaps and weak spots of ``tables``, whose ``index`` links areas to conferences."""
    series = chronological(tables.conferences)
    as_of = tables.info.as_of
    filled = {
        half_year(c.date.earliest())
        for c in series
        if half_year(c.date.earliest()) == half_year(c.date.latest())
    }
    first = series[0].date.earliest() if series else None
    since = tables.info.series_since.earliest() if tables.info.series_since is not None else None
    start = min((d for d in (first, since) if d is not None), default=None)
    missing = (
        tuple(_label(h) for h in range(half_year(start), half_year(as_of) + 1) if h not in filled)
        if start
        else ()
    )
    proposals = index.proposals
    listed = {s.id: len(proposals.by_set.get(s.id, ())) for s in tables.proposal_sets}
    weak = {Evidence.MENTIONED, Evidence.IMPLIED}
    secondary = {SourceKind.REPOST, SourceKind.NEWS}
    return Coverage(
        first=first,
        as_of=as_of,
        series_since=since,
        missing_half_years=missing,
        unnumbered=_unnumbered(series),
        searched=tables.info.searches,
        unknown_hosts=tuple(c for c in series if c.host is None),
        partial_dates=tuple(c for c in series if c.date.day is None),
        weak_evidence=tuple(c for c in series if c.evidence in weak),
        single_repost=tuple(c for c in series if len(c.sources) == 1 and c.sources[0].kind in secondary),
        inferred=tuple((c, i.field) for c in series for i in c.inferences),
        unknown_tenure_bounds=tuple(
            a for a in tables.appointments if a.start is None or (a.end is None and not a.in_office)
        ),
        holder_gaps=tuple(_holder_gaps(tables)),
        partial_proposal_sets=tuple(
            (s, listed[s.id]) for s in proposals.sets if s.incomplete is not None or listed[s.id] < s.count
        ),
        proposals_by_area=tuple((a, len(proposals.by_area[a.id])) for a in tables.proposal_areas),
        undiscussed_areas=tuple(a for a in tables.proposal_areas if not proposals.meetings[a.id]),
    )


def _unnumbered(series: Sequence[Conference]) -> Unnumbered | None:
    """The arithmetic of the first conference whose ordinal a source states."""
    numbered = [c for c in series if c.ordinal is not None and c.basis("ordinal") is Basis.STATED]
    if not numbered:
        return None
    first = numbered[0]
    recorded = sum(1 for c in series if c.date.latest() < first.date.earliest())
    before = first.ordinal - 1 if first.ordinal is not None else 0
    return Unnumbered(first_numbered=first, before=before, recorded=recorded, unrecorded=before - recorded)


def _holder_gaps(tables: Tables) -> list[HolderGap]:
    """Stretches between the first known day of each post and ``as_of`` that no tenure may cover."""
    gaps: list[HolderGap] = []
    as_of = tables.info.as_of
    for post in tables.posts:
        windows = sorted(
            (tenure_window(a, as_of, certain=False) for a in tables.appointments if a.post == post),
        )
        if not windows:  # nobody recorded at all: the whole span of the record is a gap
            start = min((c.date.earliest() for c in tables.conferences), default=as_of)
            gaps.append(HolderGap(post=post, start=min(start, as_of), end=_next_day(as_of)))
            continue
        reach = windows[0][1]
        for low, high in windows[1:]:
            if low > reach:
                gaps.append(HolderGap(post=post, start=reach, end=low))
            reach = max(reach, high)
        if reach <= as_of:
            gaps.append(HolderGap(post=post, start=reach, end=_next_day(as_of)))
    return gaps
