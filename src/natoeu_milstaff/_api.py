"""Stage 7: the module-level queries, thin wrappers over the bundled dataset.

Each loads the bundled data on its first call (once, thread-safe) and then only
looks up. They take and return exactly what the ``Dataset`` methods do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._dataset import Dataset

if TYPE_CHECKING:
    import datetime as dt

    from ._coverage import Coverage
    from ._model import (
        AlternationException,
        Appointment,
        Conference,
        JointDeclaration,
        Official,
        Organisation,
        Post,
        ProgressReport,
        Source,
        Topic,
    )

__all__ = [
    "alternation_exceptions",
    "appointment",
    "appointments",
    "conference",
    "conferences",
    "coverage",
    "holders",
    "joint_declarations",
    "meetings_about",
    "official",
    "officials",
    "post",
    "posts",
    "progress_reports",
    "sources",
    "topic",
    "topics",
    "validate",
    "who_held",
]


def who_held(post: Post | str, on: dt.date | str) -> Official | None:
    """The official who held ``post`` (code, title or ``Post``) on the day ``on``.

    Returns ``None`` for a vacancy or a day the record does not cover; raises
    ``AmbiguousDateError`` when imprecise dates leave more than one official possible.

    >>> import natoeu_milstaff as nm
    >>> nm.who_held("DGIMS", "2020-05-19").name
    'Hans-Werner Wiermann'
    >>> nm.who_held("DGEUMS", datetime.date(2021, 11, 16)).name
    'Hervé Bléjean'
    """
    return Dataset.bundled().who_held(post, on)


def appointment(post: Post | str, on: dt.date | str) -> Appointment | None:
    """The appointment to ``post`` that covers the day ``on``, or ``None``.

    >>> import natoeu_milstaff as nm
    >>> str(nm.appointment("DGIMS", "2019-11-25").start)
    '2019-07-11'
    """
    return Dataset.bundled().appointment(post, on)


def holders(post: Post | str) -> tuple[Appointment, ...]:
    """Every appointment to ``post``, in chronological order.

    >>> import natoeu_milstaff as nm
    >>> [a.official.name for a in nm.holders("DGIMS")][-3:]
    ['Hans-Werner Wiermann', 'Janusz Adamczak', 'Remigijus Baltrėnas']
    """
    return Dataset.bundled().holders(post)


def meetings_about(topic: Topic | str) -> tuple[Conference, ...]:
    """Conferences that discussed ``topic`` or a narrower one, chronological.

    An unknown topic raises ``UnknownTopicError`` naming the closest matches.

    >>> import natoeu_milstaff as nm
    >>> [c.id for c in nm.meetings_about("covid-19")]
    ['2020-05-19', '2021-03-16']
    """
    return Dataset.bundled().meetings_about(topic)


def conferences(
    year: int | None = None,
    host: Organisation | str | None = None,
    chaired_by: Official | str | None = None,
    between: tuple[dt.date | str, dt.date | str] | None = None,
) -> tuple[Conference, ...]:
    """Conferences matching every filter given, chronological.

    >>> import natoeu_milstaff as nm
    >>> [c.id for c in nm.conferences(host="EU", year=2020)]
    ['2020-05-19']
    """
    return Dataset.bundled().conferences(year=year, host=host, chaired_by=chaired_by, between=between)


def conference(key: Conference | str | int | dt.date) -> Conference:
    """One conference by id, date (``date`` or text such as ``"25 November 2019"``) or ordinal.

    >>> import natoeu_milstaff as nm
    >>> nm.conference("25 November 2019").host
    <Organisation.NATO: 'NATO'>
    """
    return Dataset.bundled().conference(key)


def official(name: Official | str) -> Official:
    """An official by name, id or any spelling seen in sources, ignoring case and accents.

    >>> import natoeu_milstaff as nm
    >>> nm.official("herve blejean").name
    'Hervé Bléjean'
    """
    return Dataset.bundled().official(name)


def post(post: Post | str) -> Post:
    """A post by code, title or alias.

    >>> import natoeu_milstaff as nm
    >>> nm.post("dgeums").title
    'Director General of the European Union Military Staff'
    """
    return Dataset.bundled().post(post)


def topic(topic: Topic | str) -> Topic:
    """A topic by id, label or alias.

    >>> import natoeu_milstaff as nm
    >>> nm.topic("EDT").label
    'Emerging and disruptive technologies'
    """
    return Dataset.bundled().topic(topic)


def topics() -> tuple[Topic, ...]:
    """Every topic of the taxonomy."""
    return Dataset.bundled().topics()


def sources() -> tuple[Source, ...]:
    """Every source the bundled record cites."""
    return Dataset.bundled().sources()


def officials() -> tuple[Official, ...]:
    """Every official in the bundled record."""
    return Dataset.bundled().officials()


def posts() -> tuple[Post, ...]:
    """Every post whose holders the record follows."""
    return Dataset.bundled().posts()


def appointments() -> tuple[Appointment, ...]:
    """Every appointment, post by post, each in chronological order."""
    return Dataset.bundled().appointments()


def joint_declarations() -> tuple[JointDeclaration, ...]:
    """The EU–NATO Joint Declarations, by date."""
    return Dataset.bundled().joint_declarations()


def alternation_exceptions() -> tuple[AlternationException, ...]:
    """The documented breaks in the NATO/EU alternation of hosts."""
    return Dataset.bundled().alternation_exceptions()


def progress_reports() -> tuple[ProgressReport, ...]:
    """The joint progress reports on implementing the common proposals, by number."""
    return Dataset.bundled().progress_reports()


def coverage() -> Coverage:
    """What the bundled record lacks; ``print()`` it for a report.

    >>> import natoeu_milstaff as nm
    >>> report = nm.coverage()
    >>> str(report).splitlines()[0]
    'Record from 2014-01-27 to 2026-11-22'
    >>> "2017-H1" in report.missing_half_years
    True
    """
    return Dataset.bundled().coverage()


def validate() -> tuple[str, ...]:
    """The bundled dataset's broken invariants: always ``()`` in a release."""
    return Dataset.bundled().validate()
