"""Stage 7: the module-level queries, thin wrappers over the bundled dataset.

Each loads the bundled data on its first call (once, thread-safe) and then only
looks up. They take and return exactly what the ``Dataset`` methods do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _dataset
from ._dataset import Dataset

if TYPE_CHECKING:
    import datetime
    import os

    from ._coverage import Coverage
    from ._dates import PartialDate
    from ._model import (
        AlternationException,
        Appointment,
        Conference,
        JointDeclaration,
        Official,
        Organisation,
        Post,
        ProgressReport,
        Proposal,
        ProposalArea,
        ProposalSet,
        Source,
        Topic,
    )
    from ._release import DataRelease
    from ._value import Results

__all__ = [
    "alternation_exceptions",
    "appointment",
    "appointments",
    "cite",
    "conference",
    "conferences",
    "coverage",
    "data_release",
    "dataframe",
    "export",
    "holders",
    "joint_declarations",
    "meetings_about",
    "official",
    "officials",
    "post",
    "posts",
    "progress_reports",
    "proposal",
    "proposal_area",
    "proposal_areas",
    "proposal_sets",
    "proposals",
    "records",
    "sources",
    "topic",
    "topics",
    "validate",
    "who_held",
]


def who_held(post: Post | str, on: datetime.date | PartialDate | str) -> Official | None:
    """The official who held ``post`` (code, title or ``Post``) on the day ``on``.

    Returns ``None`` for a vacancy or a day the record does not cover; raises
    ``AmbiguousDateError`` when imprecise dates leave more than one official possible.
    An official still in office on the record's ``as_of`` day (``nm.DATA_AS_OF``, the
    day it was last checked against its sources) answers for later days too: the
    record's best knowledge, which a later check may end.

    >>> import natoeu_milstaff as nm
    >>> nm.who_held("DGIMS", "2020-05-19").name
    'Hans-Werner Wiermann'
    >>> nm.who_held("DGEUMS", datetime.date(2021, 11, 16)).name
    'Hervé Bléjean'
    """
    # The loaded dataset read directly: the most asked question skips one call.
    return (_dataset._BUNDLED or Dataset.bundled()).who_held(post, on)


def appointment(post: Post | str, on: datetime.date | PartialDate | str) -> Appointment | None:
    """The appointment to ``post`` that covers ``on`` (a day, month or year), or ``None``.

    >>> import natoeu_milstaff as nm
    >>> str(nm.appointment("DGIMS", "2019-11-25").start)
    '2019-07-11'
    """
    return Dataset.bundled().appointment(post, on)


def holders(
    post: Post | str,
    during: datetime.date
    | PartialDate
    | str
    | tuple[datetime.date | PartialDate | str | None, datetime.date | PartialDate | str | None]
    | None = None,
) -> Results[Appointment]:
    """Every appointment to ``post``, in chronological order; with ``during`` (a day, month
    or year, or a ``(start, end)`` pair of them with ``None`` for an open end), those that
    may cover some day of it.

    >>> import natoeu_milstaff as nm
    >>> [a.official.name for a in nm.holders("DGIMS")][-3:]
    ['Hans-Werner Wiermann', 'Janusz Adamczak', 'Remigijus Baltrėnas']
    >>> [a.official.name for a in nm.holders("DGIMS", during=("2022", "2025"))]
    ['Hans-Werner Wiermann', 'Janusz Adamczak', 'Remigijus Baltrėnas']
    """
    return Dataset.bundled().holders(post, during)


def meetings_about(topic: Topic | ProposalArea | str) -> Results[Conference]:
    """Conferences that discussed ``topic`` or a narrower one, chronological.

    An unknown topic raises ``UnknownTopicError`` naming the closest matches. Given an
    area of the common proposals (``proposal_area()``), the conferences that discussed
    it: those about any of its or its sub-areas' topics.

    >>> import natoeu_milstaff as nm
    >>> [c.id for c in nm.meetings_about("covid-19")]
    ['conf-2020-05-19', 'conf-2021-03-16', 'conf-2022-06-10']
    """
    return Dataset.bundled().meetings_about(topic)


def conferences(
    year: int | None = None,
    host: Organisation | str | None = None,
    chaired_by: Official | str | None = None,
    between: tuple[datetime.date | PartialDate | str | None, datetime.date | PartialDate | str | None]
    | None = None,
) -> Results[Conference]:
    """Conferences matching every filter given, chronological.

    ``between`` is an inclusive ``(start, end)`` pair of days, months or years, with
    ``None`` for an open end.

    >>> import natoeu_milstaff as nm
    >>> [c.id for c in nm.conferences(host="EU", year=2020)]
    ['conf-2020-05-19']
    """
    return Dataset.bundled().conferences(year=year, host=host, chaired_by=chaired_by, between=between)


def conference(key: Conference | str | int | datetime.date) -> Conference:
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


def topics() -> Results[Topic]:
    """Every topic of the taxonomy.

    >>> import natoeu_milstaff as nm
    >>> [t.label for t in nm.topics() if t.id.startswith("cyber")]
    ['Cyber', 'Cyber defence', 'Cyber security', 'Cyber threats']
    """
    return Dataset.bundled().topics()


def sources() -> Results[Source]:
    """Every source the bundled record cites.

    >>> import natoeu_milstaff as nm
    >>> sorted({s.kind.value for s in nm.sources()})
    ['news', 'original', 'reference', 'repost']
    """
    return Dataset.bundled().sources()


def officials() -> Results[Official]:
    """Every official in the bundled record.

    >>> import natoeu_milstaff as nm
    >>> [o.name for o in nm.officials()][:3]
    ['Christopher Harper', 'David Leakey', 'Esa Pulkkinen']
    """
    return Dataset.bundled().officials()


def posts() -> Results[Post]:
    """Every post whose holders the record follows.

    >>> import natoeu_milstaff as nm
    >>> [(p.code, p.organisation.value) for p in nm.posts()]
    [('DGIMS', 'NATO'), ('DGEUMS', 'EU'), ('DDGEUMS', 'EU')]
    """
    return Dataset.bundled().posts()


def appointments() -> Results[Appointment]:
    """Every appointment, post by post, each in chronological order.

    >>> import natoeu_milstaff as nm
    >>> [a.id for a in nm.appointments() if a.in_office]
    ['michiel-van-der-laan@DGEUMS@2023-06-28', 'remigijus-baltrenas@DGIMS@2025-07-11']
    """
    return Dataset.bundled().appointments()


def joint_declarations() -> Results[JointDeclaration]:
    """The EU–NATO Joint Declarations, by date.

    >>> import natoeu_milstaff as nm
    >>> [str(d.date) for d in nm.joint_declarations()]
    ['2016-07-08', '2018-07-10', '2023-01-10']
    """
    return Dataset.bundled().joint_declarations()


def alternation_exceptions() -> Results[AlternationException]:
    """The documented breaks in the NATO/EU alternation of hosts.

    >>> import natoeu_milstaff as nm
    >>> gaps = [e for e in nm.alternation_exceptions() if e.kind is nm.BreakKind.GAP]
    >>> [(e.after.id, e.before.id) for e in gaps]
    [('conf-2016-05-12', 'conf-2018-06-19'), ('conf-2020-05-19', 'conf-2021-03-16')]
    """
    return Dataset.bundled().alternation_exceptions()


def progress_reports() -> Results[ProgressReport]:
    """The joint progress reports on implementing the common proposals, by number.

    >>> import natoeu_milstaff as nm
    >>> [str(r.date) for r in nm.progress_reports()][:3]
    ['2017-06', '2017-12', '2018-06']
    """
    return Dataset.bundled().progress_reports()


def proposals(
    area: ProposalArea | str | None = None,
    topic: Topic | str | None = None,
    set: ProposalSet | str | int | None = None,
) -> Results[Proposal]:
    """The common proposals matching every filter given, set by set in the texts' order.

    ``area`` (an area's id, label or alias) takes its sub-areas' proposals too;
    ``topic`` matches a proposal's own topics and its areas', narrower topics
    included; ``set`` is a set or the year it was endorsed (``2016``, ``"2017"``).

    The record lists the proposals its sources describe, 19 of the 74 (see
    ``ProposalSet.incomplete``).

    >>> import natoeu_milstaff as nm
    >>> [(p.id, p.area.id) for p in nm.proposals(topic="counter-terrorism")][:2]
    [('2017-02', 'hybrid-situational-awareness'), ('2017-03', 'hybrid-situational-awareness')]
    >>> len(nm.proposals()), len(nm.proposals(area="hybrid threats", set=2016))
    (19, 5)
    """
    return Dataset.bundled().proposals(area, topic, set)


def proposal(key: Proposal | str) -> Proposal:
    """One common proposal by its id: its set and its number there (``"2017-05"``).

    >>> import natoeu_milstaff as nm
    >>> p = nm.proposal("2017-03")
    >>> p.set.id, p.number, str(p.deadline), p.area.parent.id
    ('2017', 3, '2018-06', 'hybrid-threats')
    """
    return Dataset.bundled().proposal(key)


def proposal_areas(conference: Conference | str | int | datetime.date | None = None) -> Results[ProposalArea]:
    """The areas of the common proposals, in the texts' order; given a ``conference``,
    only the areas it discussed.

    >>> import natoeu_milstaff as nm
    >>> [a.id for a in nm.proposal_areas() if a.parent is None][-4:]
    ['military-mobility', 'counter-terrorism', 'women-peace-security', 'political-dialogue']
    """
    return Dataset.bundled().proposal_areas(conference)


def proposal_area(area: ProposalArea | str) -> ProposalArea:
    """An area of the common proposals by id, label or alias, case- and accent-insensitive.

    >>> import natoeu_milstaff as nm
    >>> area = nm.proposal_area("Military Mobility")
    >>> [c.id for c in nm.meetings_about(area)][:2]
    ['conf-2018-06-19', 'conf-2018-11-26']
    """
    return Dataset.bundled().proposal_area(area)


def proposal_sets() -> Results[ProposalSet]:
    """The sets of common proposals, by the date the councils endorsed them.

    >>> import natoeu_milstaff as nm
    >>> [(s.id, s.count, len(nm.proposals(set=s))) for s in nm.proposal_sets()]
    [('2016', 42, 11), ('2017', 32, 8)]
    """
    return Dataset.bundled().proposal_sets()


def coverage() -> Coverage:
    """What the bundled record lacks; ``print()`` it for a report.

    >>> import natoeu_milstaff as nm
    >>> report = nm.coverage()
    >>> str(report).splitlines()[0].split(":")[0]
    'Record from 2014-01-27 to 2026-11-22'
    >>> "2017-H1" in report.missing_half_years
    True
    """
    return Dataset.bundled().coverage()


def records() -> dict[str, list[dict[str, Any]]]:
    """Every table of the bundled data as flat rows of plain values.

    >>> import natoeu_milstaff as nm
    >>> sorted(nm.records())[:4]
    ['agenda_items', 'alternation_exceptions', 'appointments', 'chairs']
    """
    return Dataset.bundled().records()


def dataframe(table: str) -> Any:
    """One table of the bundled data as a pandas DataFrame (needs the ``pandas`` extra).

    >>> import natoeu_milstaff as nm
    >>> officials = nm.dataframe("officials")
    >>> officials.loc[officials["id"] == "herve-blejean", "nationality"].item()
    'FR'
    """
    return Dataset.bundled().dataframe(table)


def export(path: str | os.PathLike[str], format: str = "json") -> list[str]:
    """Write the bundled data to ``path`` as ``json``, ``csv``, ``popolo``, ``datapackage``
    ``sqlite`` or ``parquet`` (needs the ``parquet`` extra).

    As ``Dataset.export``: each file is written atomically, never through a symbolic
    link, and a CSV text cell that a spreadsheet could take for a formula is written
    behind a ``'``; a file that cannot be written raises ``WriteError``.

    >>> import natoeu_milstaff as nm, pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = nm.export(folder, "json")
    >>> [pathlib.Path(p).name for p in written]
    ['dataset.json', 'dataset.schema.json']
    """
    return Dataset.bundled().export(path, format)


def data_release() -> DataRelease:
    """Version, as-of date, coverage window and fingerprint of the bundled data.

    >>> import natoeu_milstaff as nm
    >>> release = nm.data_release()
    >>> release.version == nm.DATA_VERSION, str(release.first)
    (True, '2014-01-27')
    """
    return Dataset.bundled().release()


def cite(style: str = "text") -> str:
    r"""How to cite the package and the data release: ``style`` is ``text`` or ``bibtex``.

    Both give the authors, the package version, the data version, the day the data was
    last checked against its sources and the project's address; the text gives the start
    of the data's fingerprint, BibTeX all of it.

    >>> import natoeu_milstaff as nm
    >>> print(nm.cite())
    natoeu_milstaff developers (2026). natoeu_milstaff: a sourced record of the IMS-EUMS
    Directors General conferences. Version ...; data version 2026.11.30, checked against
    its sources on 2026-11-22; fingerprint .... https://github.com/natoeu-milstaff/natoeu_milstaff
    >>> print(nm.cite("bibtex"))
    @software{natoeu_milstaff,
      author = {{natoeu\_milstaff developers}},
      title = {natoeu\_milstaff: a sourced record of the IMS-EUMS Directors General conferences},
      version = {...},
      date = {2026-11-22},
      url = {https://github.com/natoeu-milstaff/natoeu_milstaff},
      note = {Data version 2026.11.30, checked against its sources on 2026-11-22; SHA-256 ...}
    }
    """
    from ._release import cite as _cite
    from ._version import __version__

    if not isinstance(style, str):
        raise TypeError(f"style must be a str, got {type(style).__name__}")
    return _cite(data_release(), __version__, style)


def validate() -> tuple[str, ...]:
    """The bundled dataset's broken invariants: always ``()`` in a release.

    >>> import natoeu_milstaff as nm
    >>> nm.validate()
    ()
    """
    return Dataset.bundled().validate()
