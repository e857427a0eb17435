"""Invariants: random valid datasets pass ``validate()``; each known way of breaking
one invariant is caught, with a message naming the file and the record."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

import natoeu_milstaff as nm
from _support import dataset_of, official_named
from natoeu_milstaff._dates import half_year
from natoeu_milstaff._validate import expected_break
from strategies import INFO, POSTS, datasets, replace, tenures_of_one_post

if TYPE_CHECKING:
    from collections.abc import Callable

# The package typed loosely, to pass wrong types on purpose.
loose: Any = nm

SRC = nm.Source(id="s", url="https://example.org", title="t", publisher="p", kind=nm.SourceKind.ORIGINAL)

P = nm.PartialDate.parse
NATO, EU = nm.Organisation.NATO, nm.Organisation.EU
DGN, DGE, DDGE, DDGN = POSTS
ANN = nm.Official(id="ann", name="Ann", sources=(SRC,))
BOB = nm.Official(id="bob", name="Bob", sources=(SRC,))
CY = nm.Official(id="cy", name="Cy", sources=(SRC,))
DEE = nm.Official(id="dee", name="Dee", sources=(SRC,))  # holds no post


def _conference(ident: str, date: str, host: nm.Organisation | None, **fields: Any) -> nm.Conference:
    fields.setdefault("evidence", nm.Evidence.REPORTED)
    return nm.Conference(id=ident, date=nm.PartialDate.parse(date), host=host, sources=(SRC,), **fields)


def _tenure(
    who: nm.Official, post: nm.Post, start: str | None, end: str | None, **fields: Any
) -> nm.Appointment:
    return nm.Appointment(
        official=who,
        post=post,
        start=None if start is None else P(start),
        end=None if end is None else P(end),
        sources=(SRC,),
        **fields,
    )


TENURES = (
    _tenure(ANN, DGN, "2019-01-01", "2021-01-01"),
    _tenure(BOB, DGE, "2019-01-01", "2021-01-01"),
    _tenure(CY, DDGE, "2019-01-01", "2021-01-01"),
)


def _dataset(**tables: Any) -> nm.Dataset:
    """A small valid record with some tables replaced: three officials, each holding one post
    through 2019 and 2020, and two conferences that alternate hosts."""
    fields: dict[str, Any] = {
        "sources": (SRC,),
        "posts": POSTS,
        "officials": (ANN, BOB, CY),
        "appointments": TENURES,
        "conferences": (_conference("c-a", "2020-03-01", NATO), _conference("c-b", "2020-10-01", EU)),
    }
    fields.update(tables)
    return nm.Dataset(info=INFO, **fields)


def _one_conference(**fields: Any) -> nm.Dataset:
    """The small record with a single conference (so no alternation), changed by ``fields``."""
    return _dataset(conferences=(_conference("c-a", "2020-03-01", NATO, **fields),))


def _chaired(*chairs: nm.Chair, date: str = "2020-03-01") -> nm.Dataset:
    return _dataset(conferences=(_conference("c-a", date, NATO, co_chairs=chairs),))


def _numbered(a: tuple[str, int], b: tuple[str, int]) -> nm.Dataset:
    """Two numbered conferences, NATO then EU, given as (date, ordinal) pairs."""
    return _dataset(
        conferences=(
            _conference("c-a", a[0], NATO, ordinal=a[1]),
            _conference("c-b", b[0], EU, ordinal=b[1]),
        )
    )


def _figure(key: str) -> nm.Figure:
    return nm.Figure(key=key, label="A count", value=3, sources=(SRC,))


def _declaration(ident: str) -> nm.JointDeclaration:
    return nm.JointDeclaration(id=ident, date=P("2016-07-08"), sources=(SRC,))


def _report(number: int) -> nm.ProgressReport:
    return nm.ProgressReport(number=number, date=P("2017-06"), sources=(SRC,))


def _with_exceptions(
    *kinds: nm.BreakKind, hosts: tuple[nm.Organisation, nm.Organisation] = (NATO, NATO)
) -> nm.Dataset:
    """Two conferences half a year apart, and one alternation entry per kind for the pair."""
    a, b = _conference("c-a", "2020-03-01", hosts[0]), _conference("c-b", "2020-10-01", hosts[1])
    entries = tuple(
        nm.AlternationException(after=a, before=b, kind=kind, reason="r", sources=(SRC,)) for kind in kinds
    )
    return _dataset(conferences=(a, b), exceptions=entries)


TOPIC = nm.Topic(id="t", label="Topic")
S2 = attrs.evolve(SRC, id="s2")
STRANGER = nm.Official(id="stranger", name="Stranger", sources=(SRC,))

# Each way of breaking the small record, and exactly what validation says about it.
BROKEN: dict[str, tuple[Callable[[], nm.Dataset], tuple[str, ...]]] = {
    # Identifiers and names
    "duplicate source id": (
        lambda: _dataset(sources=(SRC, attrs.evolve(SRC, title="Another"))),
        ("sources.toml: $.source[0].id: duplicate id 's'", "sources.toml: $.source[1].id: duplicate id 's'"),
    ),
    "duplicate post code": (
        lambda: _dataset(posts=(*POSTS, attrs.evolve(DGN, title="Another"))),
        (
            "posts.toml: $.post[0].code: duplicate code 'DGN'",
            "posts.toml: $.post[4].code: duplicate code 'DGN'",
        ),
    ),
    "duplicate official id": (
        lambda: _dataset(officials=(ANN, BOB, CY, attrs.evolve(DEE, id="ann"))),
        (
            "officials.toml: $.official[0].id: duplicate id 'ann'",
            "officials.toml: $.official[3].id: duplicate id 'ann'",
        ),
    ),
    "duplicate appointment id": (
        # Same official, post and start; the first is over before the second surely began.
        lambda: _dataset(
            appointments=(_tenure(ANN, DGN, "2019", "2019-01-02"), _tenure(ANN, DGN, "2019", "2021"))
        ),
        (
            "appointments.toml: $.appointment[0].id: duplicate id 'ann@DGN@2019'",
            "appointments.toml: $.appointment[1].id: duplicate id 'ann@DGN@2019'",
        ),
    ),
    "duplicate topic id": (
        lambda: _dataset(topics=(TOPIC, attrs.evolve(TOPIC, label="Other"))),
        ("topics.toml: $.topic[0].id: duplicate id 't'", "topics.toml: $.topic[1].id: duplicate id 't'"),
    ),
    "duplicate conference id": (
        lambda: _dataset(
            conferences=(_conference("c-a", "2020-03-01", NATO), _conference("c-a", "2020-10-01", EU))
        ),
        (
            "conferences.toml: $.conference[0].id: duplicate id 'c-a'",
            "conferences.toml: $.conference[1].id: duplicate id 'c-a'",
        ),
    ),
    "duplicate declaration id": (
        lambda: _dataset(declarations=(_declaration("d"), _declaration("e"), _declaration("d"))),
        (
            "declarations.toml: $.declaration[0].id: duplicate id 'd'",
            "declarations.toml: $.declaration[2].id: duplicate id 'd'",
        ),
    ),
    "duplicate progress report number": (
        lambda: _dataset(progress_reports=(_report(1), _report(2), _report(2))),
        (
            "progress_reports.toml: $.progress_report[1].number: duplicate number 2",
            "progress_reports.toml: $.progress_report[2].number: duplicate number 2",
        ),
    ),
    "one name for two officials": (
        lambda: _dataset(officials=(ANN, BOB, CY, attrs.evolve(DEE, aliases=("ANN",)))),
        ("officials.toml: $.official: the name 'ann' belongs to ann, dee",),
    ),
    "one name for two posts": (
        lambda: _dataset(posts=(*POSTS, attrs.evolve(DGN, code="DGS", aliases=("director general  north",)))),
        ("posts.toml: $.post: the name 'director general north' belongs to DGN, DGS",),
    ),
    "one name for two topics": (
        lambda: _dataset(topics=(TOPIC, nm.Topic(id="u", label="Other", aliases=("Topic",)))),
        ("topics.toml: $.topic: the name 'topic' belongs to t, u",),
    ),
    # References
    "a post deputising for itself": (
        lambda: _dataset(posts=(DGN, DGE, DDGE, attrs.evolve(DDGN, deputy_of="DDGN"))),
        ("posts.toml: $.post[3].deputy_of: 'DDGN' is not the code of another post",),
    ),
    "an appointment's official missing": (
        lambda: _dataset(officials=(BOB, CY)),
        ("appointments.toml: $.appointment[0].official: official 'ann' is not in the dataset",),
    ),
    "an appointment's post missing": (
        lambda: _dataset(posts=(DGE, DDGE)),
        ("appointments.toml: $.appointment[0].post: post 'DGN' is not in the dataset",),
    ),
    "a broader topic missing": (
        lambda: _dataset(topics=(nm.Topic(id="u", label="Narrow", broader=(TOPIC,)),)),
        ("topics.toml: $.topic[0].broader[0]: topic 't' is not in the dataset",),
    ),
    "a chair's official and post missing": (
        lambda: _dataset(
            posts=(DGN, DGE, DDGE),
            conferences=(
                _conference("c-a", "2020-03-01", NATO, co_chairs=(nm.Chair(official=STRANGER, post=DDGN),)),
            ),
        ),
        (
            "conferences.toml: $.conference[0].co_chairs[0].official: official 'stranger' is not in the dataset",
            "conferences.toml: $.conference[0].co_chairs[0].post: post 'DDGN' is not in the dataset",
            "conferences.toml: $.conference[0].co_chairs[0]: stranger held no DDGN appointment on 2020-03-01",
        ),
    ),
    "a principal missing": (
        lambda: _chaired(nm.Chair(official=CY, post=DDGE, standing_in_for=STRANGER)),
        (
            "conferences.toml: $.conference[0].co_chairs[0].standing_in_for: official 'stranger' is not in the dataset",
            "conferences.toml: $.conference[0].co_chairs[0].standing_in_for: stranger held no DGE appointment on 2020-03-01",
        ),
    ),
    "an agenda topic missing": (
        lambda: _one_conference(agenda=(nm.AgendaItem(title="Item", topics=(TOPIC,), sources=(SRC,)),)),
        ("conferences.toml: $.conference[0].agenda[0].topics[0]: topic 't' is not in the dataset",),
    ),
    "an exception's conferences missing": (
        lambda: _dataset(
            conferences=(),
            exceptions=(
                nm.AlternationException(
                    after=_conference("x", "2020-03-01", NATO),
                    before=_conference("y", "2020-10-01", NATO),
                    kind=nm.BreakKind.SAME_HOST,
                    reason="r",
                    sources=(SRC,),
                ),
            ),
        ),
        (
            "alternation.toml: $.exception[0].after: conference 'x' is not in the dataset",
            "alternation.toml: $.exception[0].before: conference 'y' is not in the dataset",
            "alternation.toml: $.exception[0]: documents a break between x and y, but they are not consecutive "
            "conferences with a break",
        ),
    ),
    "a cited source missing": (
        lambda: _dataset(officials=(ANN, BOB, CY, attrs.evolve(DEE, sources=(SRC, S2)))),
        ("officials.toml: $.official[3].sources[1]: source 's2' is not in the dataset",),
    ),
    "a source cited by nothing": (
        lambda: _dataset(sources=(SRC, S2)),
        ("sources.toml: $.source[1]: source 's2' is cited by no record",),
    ),
    # Appointments
    "an appointment inferring an unknown field": (
        lambda: _dataset(
            appointments=(
                _tenure(ANN, DGN, "2019", "2021", inferences=(nm.Inference(field="rank", reason="r"),)),
            )
        ),
        (
            "appointments.toml: $.appointment[0].inferences[0].field: 'rank' is not one of end, in_office, start",
        ),
    ),
    "an appointment inferring an empty field": (
        lambda: _dataset(
            appointments=(
                _tenure(
                    ANN,
                    DGN,
                    "2019",
                    None,
                    in_office=True,
                    inferences=(nm.Inference(field="end", reason="r"),),
                ),
            )
        ),
        ("appointments.toml: $.appointment[0].inferences[0]: end is marked inferred but has no value",),
    ),
    "no start and nothing attested": (
        lambda: _dataset(appointments=(_tenure(ANN, DGN, None, "2021"),)),
        (
            "appointments.toml: $.appointment[0]: neither a start nor an attested date; the tenure has no anchor",
        ),
    ),
    "no end, not in office, nothing attested": (
        lambda: _dataset(appointments=(_tenure(ANN, DGN, "2019", None),)),
        (
            "appointments.toml: $.appointment[0]: no end, not in office and no attested date; the tenure is unbounded",
        ),
    ),
    "in office with an end": (
        lambda: _dataset(appointments=(_tenure(ANN, DGN, "2019", "2021-01", in_office=True),)),
        ("appointments.toml: $.appointment[0].in_office: true, but an end (2021-01) is given",),
    ),
    "an end equal to the start": (
        lambda: _dataset(appointments=(_tenure(ANN, DGN, "2019-05-01", "2019-05-01"),)),
        ("appointments.toml: $.appointment[0].end: 2019-05-01 is not after the start 2019-05-01",),
    ),
    "an end before the start": (
        lambda: _dataset(appointments=(_tenure(ANN, DGN, "2019-05", "2019-04-30"),)),
        ("appointments.toml: $.appointment[0].end: 2019-04-30 is not after the start 2019-05",),
    ),
    "a tenure after as_of": (
        lambda: _dataset(appointments=(_tenure(ANN, DGN, "2031-01-02", "2032"),)),
        (
            "appointments.toml: $.appointment[0].start: 2031-01-02 is after the dataset's as_of date 2031-01-01",
            "appointments.toml: $.appointment[0].end: 2032 is after the dataset's as_of date 2031-01-01",
        ),
    ),
    "an attested day after as_of": (
        lambda: _dataset(
            appointments=(_tenure(ANN, DGN, "2019", None, in_office=True, attested=(P("2031-01-02"),)),)
        ),
        (
            "appointments.toml: $.appointment[0].attested[0]: 2031-01-02 is after the dataset's as_of date 2031-01-01",
        ),
    ),
    "an attested day on the end day": (
        lambda: _dataset(
            appointments=(_tenure(ANN, DGN, "2019-01-01", "2021-01-01", attested=(P("2021-01-01"),)),)
        ),
        ("appointments.toml: $.appointment[0].attested[0]: 2021-01-01 is outside the tenure",),
    ),
    "an attested day before the start": (
        lambda: _dataset(
            appointments=(_tenure(ANN, DGN, "2019-01-01", "2021-01-01", attested=(P("2018-12"),)),)
        ),
        ("appointments.toml: $.appointment[0].attested[0]: 2018-12 is outside the tenure",),
    ),
    "two holders in office": (
        lambda: _dataset(
            appointments=(
                _tenure(ANN, DGN, "2019", None, in_office=True),
                _tenure(BOB, DGN, "2020", None, in_office=True),
            )
        ),
        (
            "appointments.toml: $.appointment: 2 holders of DGN in office at once ([0, 1])",
            "appointments.toml: $.appointment[1]: bob and ann (appointment[0]) both held DGN around 2020-12-31",
        ),
    ),
    "a tenure enclosing a shorter one, then a third": (
        lambda: _dataset(
            appointments=(
                _tenure(ANN, DGN, "2010-01-01", "2020-01-01"),
                _tenure(BOB, DGN, "2012-01-01", "2013-01-01"),
                _tenure(CY, DGN, "2014-01-01", "2015-01-01"),
            )
        ),
        (
            "appointments.toml: $.appointment[1]: bob and ann (appointment[0]) both held DGN around 2012-01-01",
            "appointments.toml: $.appointment[2]: cy and ann (appointment[0]) both held DGN around 2014-01-01",
        ),
    ),
    "a coarse tenure inside another": (
        lambda: _dataset(
            appointments=(_tenure(ANN, DGN, "2019-07-11", "2022-07-14"), _tenure(BOB, DGN, "2020", "2020-03"))
        ),
        (
            "appointments.toml: $.appointment[1]: bob and ann (appointment[0]) both held DGN around 2020-12-31",
        ),
    ),
    "a coarse tenure overlapping an earlier one but not the one that reaches furthest": (
        # Bob served a few days in early January 2020; Cy, who outlasts Ann, began too late
        # to meet him, so only Ann's tenure shows the conflict.
        lambda: _dataset(
            appointments=(
                _tenure(ANN, DGN, "2019", "2021"),
                _tenure(BOB, DGN, "2020", "2020-01-04"),
                _tenure(CY, DGN, "2020-01", "2022-03-14"),
            )
        ),
        (
            "appointments.toml: $.appointment[2]: cy and ann (appointment[0]) both held DGN around 2020-01-31",
            "appointments.toml: $.appointment[1]: bob and ann (appointment[0]) both held DGN around 2020-12-31",
        ),
    ),
    "two tenures starting on one day after an earlier one": (
        lambda: _dataset(
            appointments=(
                _tenure(ANN, DGN, "2019-01-01", "2022-01-01"),
                _tenure(BOB, DGN, "2019-01-01", "2020-01-01"),
                _tenure(CY, DGN, "2017-01-01", "2018-06-01"),
            )
        ),
        (
            "appointments.toml: $.appointment[0]: ann and bob (appointment[1]) both held DGN around 2019-01-01",
        ),
    ),
    "a tenure starting one day before the other ends": (
        lambda: _dataset(
            appointments=(
                _tenure(ANN, DGN, "2019-01-01", "2020-01-01"),
                _tenure(BOB, DGN, "2019-12-31", "2021"),
            )
        ),
        (
            "appointments.toml: $.appointment[1]: bob and ann (appointment[0]) both held DGN around 2019-12-31",
        ),
    ),
    # Chairs
    "a chair who held another post": (
        lambda: _chaired(nm.Chair(official=BOB, post=DGN)),
        ("conferences.toml: $.conference[0].co_chairs[0]: bob held no DGN appointment on 2020-03-01",),
    ),
    "a chair on the day the tenure ended": (
        lambda: _chaired(nm.Chair(official=ANN, post=DGN), date="2021-01-01"),
        ("conferences.toml: $.conference[0].co_chairs[0]: ann held no DGN appointment on 2021-01-01",),
    ),
    "a chair the day before the tenure began": (
        lambda: _chaired(nm.Chair(official=ANN, post=DGN), date="2018-12-31"),
        ("conferences.toml: $.conference[0].co_chairs[0]: ann held no DGN appointment on 2018-12-31",),
    ),
    "standing in from a post that is no deputy": (
        lambda: _chaired(nm.Chair(official=ANN, post=DGN, standing_in_for=BOB)),
        ("conferences.toml: $.conference[0].co_chairs[0].standing_in_for: DGN is no deputy post",),
    ),
    "standing in for someone who was not the principal": (
        lambda: _chaired(nm.Chair(official=CY, post=DDGE, standing_in_for=ANN)),
        (
            "conferences.toml: $.conference[0].co_chairs[0].standing_in_for: ann held no DGE appointment on 2020-03-01",
        ),
    ),
    # Conferences
    "a conference inferring an unknown or empty field": (
        lambda: _one_conference(
            inferences=(nm.Inference(field="colour", reason="r"), nm.Inference(field="venue", reason="r"))
        ),
        (
            "conferences.toml: $.conference[0].inferences[0].field: 'colour' is not one of date, end_date, format, "
            "host, ordinal, venue",
            "conferences.toml: $.conference[0].inferences[1]: venue is marked inferred but has no value",
        ),
    ),
    "an end date equal to the date": (
        lambda: _one_conference(end_date=P("2020-03-01")),
        ("conferences.toml: $.conference[0].end_date: 2020-03-01 is not after the date 2020-03-01",),
    ),
    "an ordinal of 0": (
        lambda: _one_conference(ordinal=0),
        ("conferences.toml: $.conference[0].ordinal: 0 is not a positive number",),
    ),
    "implied by numbering without an ordinal": (
        lambda: _one_conference(evidence=nm.Evidence.IMPLIED),
        ("conferences.toml: $.conference[0].evidence: implied by numbering, but no ordinal is given",),
    ),
    "a figure key twice": (
        lambda: _one_conference(figures=(_figure("ships"), _figure("staff"), _figure("ships"))),
        ("conferences.toml: $.conference[0].figures: the key(s) ships appear twice",),
    ),
    "a next meeting without date or wording": (
        lambda: _one_conference(next_meeting=nm.Announcement(host=EU, sources=(SRC,))),
        ("conferences.toml: $.conference[0].next_meeting: neither a date nor the wording of one",),
    ),
    "a conference after as_of": (
        lambda: _dataset(conferences=(_conference("c-a", "2031-01-02", NATO),)),
        ("conferences.toml: $.conference[0].date: 2031-01-02 is after the dataset's as_of date 2031-01-01",),
    ),
    "an ordinal used twice": (
        lambda: _numbered(("2020-03-01", 5), ("2020-10-01", 5)),
        ("conferences.toml: $.conference: ordinal(s) 5 used twice",),
    ),
    "an ordinal of 0 after no. 1": (
        lambda: _numbered(("2020-03-01", 1), ("2020-10-01", 0)),
        (
            "conferences.toml: $.conference[1].ordinal: 0 is not a positive number",
            "conferences.toml: $.conference: ordinals do not increase with dates: c-b is no. 0 but c-a (no. 1) "
            "took place before it",
        ),
    ),
    "ordinals against dates": (
        lambda: _numbered(("2020-03-01", 5), ("2020-10-01", 4)),
        (
            "conferences.toml: $.conference: ordinals do not increase with dates: c-b is no. 4 but c-a (no. 5) "
            "took place before it",
        ),
    ),
    # Alternation
    "two entries for one break": (
        lambda: _with_exceptions(nm.BreakKind.SAME_HOST, nm.BreakKind.SAME_HOST),
        ("alternation.toml: $.exception[1]: a second entry for the pair c-a / c-b",),
    ),
    "an entry of the wrong kind": (
        lambda: _with_exceptions(nm.BreakKind.UNKNOWN_HOST),
        ("alternation.toml: $.exception[0].kind: unknown-host, but the record shows a same-host break",),
    ),
    "an entry for a break that is not there": (
        lambda: _with_exceptions(nm.BreakKind.SAME_HOST, hosts=(NATO, EU)),
        (
            "alternation.toml: $.exception[0]: documents a break between c-a and c-b, but they are not "
            "consecutive conferences with a break",
        ),
    ),
    "an undocumented gap": (
        lambda: _dataset(
            conferences=(_conference("c-a", "2020-03-01", NATO), _conference("c-b", "2021-03-01", EU))
        ),
        ("alternation.toml: $.exception: the gap break between c-a (NATO) and c-b (EU) is not documented",),
    ),
    "an undocumented gap in the numbering": (
        lambda: _numbered(("2020-03-01", 5), ("2020-10-01", 7)),
        ("alternation.toml: $.exception: the gap break between c-a (NATO) and c-b (EU) is not documented",),
    ),
    "an undocumented unknown host": (
        lambda: _dataset(
            conferences=(_conference("c-a", "2020-03-01", NATO), _conference("c-b", "2020-10-01", None))
        ),
        (
            "alternation.toml: $.exception: the unknown-host break between c-a (NATO) and c-b (host unknown) "
            "is not documented",
        ),
    ),
    "an undocumented same host": (
        lambda: _dataset(
            conferences=(_conference("c-a", "2020-03-01", EU), _conference("c-b", "2020-10-01", EU))
        ),
        (
            "alternation.toml: $.exception: the same-host break between c-a (EU) and c-b (EU) is not documented",
        ),
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_broken_invariant_gives_its_message(case: str) -> None:
    """Every message validation can give, triggered once, in full: file, path and wording."""
    make, expected = BROKEN[case]
    assert make().validate() == expected


# Records on the edge of an invariant that keep to it.
VALID: dict[str, Callable[[], nm.Dataset]] = {
    "the small record": _dataset,
    "one holder in office": lambda: _dataset(appointments=(_tenure(ANN, DGN, "2019", None, in_office=True),)),
    "a handover on one day": lambda: _dataset(
        appointments=(_tenure(ANN, DGN, "2019-01-01", "2020-01-01"), _tenure(BOB, DGN, "2020-01-01", "2021"))
    ),
    "a handover within a coarse month": lambda: _dataset(
        appointments=(_tenure(ANN, DGN, "2019-07-11", "2022-07"), _tenure(BOB, DGN, "2022-07", "2023"))
    ),
    "an end inside a coarse start": lambda: _dataset(appointments=(_tenure(ANN, DGN, "2019", "2019-06"),)),
    "a handover on the end day of a tenure with a coarse start": lambda: _dataset(
        appointments=(_tenure(BOB, DGN, "2019", "2019-06-01"), _tenure(ANN, DGN, "2019-06-01", "2021"))
    ),
    "a day attested on as_of": lambda: _dataset(
        appointments=(_tenure(ANN, DGN, "2019", None, in_office=True, attested=(P("2031-01-01"),)),)
    ),
    "a tenure starting on as_of": lambda: _dataset(
        appointments=(_tenure(ANN, DGN, "2031-01-01", None, in_office=True),)
    ),
    "days attested on the first and the last day": lambda: _dataset(
        appointments=(
            _tenure(ANN, DGN, "2019-01-01", "2021-01-01", attested=(P("2019-01-01"), P("2020-12-31"))),
        )
    ),
    "a tenure known from attested days only": lambda: _dataset(
        appointments=(_tenure(ANN, DGN, None, None, attested=(P("2019-05"), P("2020-02-03"))),)
    ),
    "a chair on the first day of the tenure": lambda: _chaired(
        nm.Chair(official=ANN, post=DGN), date="2019-01-01"
    ),
    "a chair on the last day of the tenure": lambda: _chaired(
        nm.Chair(official=ANN, post=DGN), date="2020-12-31"
    ),
    "a chair still in office on as_of": lambda: _dataset(
        appointments=(_tenure(ANN, DGN, "2019", None, in_office=True),),
        conferences=(_conference("c-a", "2031-01-01", NATO, co_chairs=(nm.Chair(official=ANN, post=DGN),)),),
    ),
    "a deputy standing in for the principal": lambda: _chaired(
        nm.Chair(official=CY, post=DDGE, standing_in_for=BOB)
    ),
    "an end date the day after": lambda: _one_conference(end_date=P("2020-03-02")),
    "the first ordinal": lambda: _one_conference(ordinal=1),
    "implied with an ordinal": lambda: _one_conference(evidence=nm.Evidence.IMPLIED, ordinal=3),
    "a next meeting with a date only": lambda: _one_conference(
        next_meeting=nm.Announcement(date=P("2020-10"), sources=(SRC,))
    ),
    "a next meeting in words only": lambda: _one_conference(
        next_meeting=nm.Announcement(as_stated="in the autumn", sources=(SRC,))
    ),
    "a conference on as_of": lambda: _dataset(conferences=(_conference("c-a", "2031-01-01", NATO),)),
    "numbered conferences on one day": lambda: _numbered(("2020-03-01", 5), ("2020-03-01", 6)),
    "consecutive ordinals years apart": lambda: _numbered(("2020-03-01", 5), ("2023-10-01", 6)),
    "consecutive half-years": lambda: _dataset(
        conferences=(_conference("c-a", "2020-06-30", NATO), _conference("c-b", "2020-07-01", EU))
    ),
}


@pytest.mark.parametrize("case", sorted(VALID))
def test_records_on_the_edge_of_an_invariant_are_valid(case: str) -> None:
    assert VALID[case]().validate() == ()


_BOTH_HELD = re.compile(
    r"appointments\.toml: \$\.appointment\[(\d+)\]: (\S+) and (\S+) \(appointment\[(\d+)\]\) both held DGN "
    r"around (\d{4}-\d\d-\d\d)"
)


def _surely_held(a: nm.Appointment) -> tuple[dt.date, dt.date]:
    """The days the official surely held the post, half-open; an official in office holds it on."""
    low, high = a.certain_window()
    return low, dt.date.max if a.in_office else high


def _tie(*extra: nm.Appointment) -> tuple[nm.Appointment, ...]:
    return (
        _tenure(ANN, DGN, "2019-01-01", "2022-01-01"),
        _tenure(BOB, DGN, "2019-01-01", "2020-01-01"),
        *extra,
    )


@given(tenures_of_one_post(DGN))
@example(_tie())  # two tenures starting on one day
@example((_tenure(ANN, DGN, "2019-01-01", "2020-01-01"), _tenure(BOB, DGN, "2019-01-01", "2020-01-01")))
@example((_tenure(ANN, DGN, "2019", "2021"), _tenure(BOB, DGN, "2020", "2020-01-04")))  # no day surely Bob's
@example(
    (
        _tenure(ANN, DGN, "2010-01-01", "2020-01-01"),
        _tenure(BOB, DGN, "2012-01-01", "2013-01-01"),
        _tenure(CY, DGN, "2014-01-01", "2015-01-01"),
    )
)
def test_overlap_reports_name_true_overlaps_and_miss_none(appointments: tuple[nm.Appointment, ...]) -> None:
    """Every pair a message names surely overlapped (half-open windows, around the later
    start), and every tenure that surely overlaps another is named in some message."""
    officials = tuple(dict.fromkeys(a.official for a in appointments))
    ds = nm.Dataset(info=INFO, sources=(SRC,), posts=POSTS, officials=officials, appointments=appointments)
    windows = [_surely_held(a) for a in appointments]

    def overlap(i: int, j: int) -> bool:
        return windows[i][1] > windows[j][0] and windows[j][1] > windows[i][0]

    named: set[int] = set()
    for problem in ds.validate():
        match = _BOTH_HELD.fullmatch(problem)
        if match is None:
            assert "holders of DGN in office at once" in problem, problem
            continue
        j, i = int(match[1]), int(match[4])
        assert i != j and overlap(i, j), problem
        assert (match[2], match[3]) == (appointments[j].official.id, appointments[i].official.id)
        assert match[5] == str(max(windows[i][0], windows[j][0]))
        named |= {i, j}
    assert named == {
        i for i in range(len(appointments)) for j in range(len(appointments)) if i != j and overlap(i, j)
    }


def test_tenures_starting_on_one_day_are_reported_once() -> None:
    problems = _dataset(appointments=_tie()).validate()
    assert len(problems) == 1, problems
    assert "both held DGN around 2019-01-01" in problems[0]


def _every_kind_of_record(unsourced: str = "") -> nm.Dataset:
    """A valid record holding one of each kind of record that must cite a source; the one
    named ``unsourced`` cites none."""

    def cite(kind: str) -> tuple[nm.Source, ...]:
        return () if kind == unsourced else (SRC,)

    def conflict(kind: str) -> nm.Conflict:
        return nm.Conflict(field="date", value="another", note="a later page differs", sources=cite(kind))

    dee = attrs.evolve(DEE, sources=cite("official"))
    tenure = _tenure(ANN, DGN, "2019-01-01", "2021-01-01", conflicts=(conflict("appointment conflict"),))
    a = _conference(
        "c-a",
        "2020-03-01",
        NATO,
        agenda=(nm.AgendaItem(title="Item", topics=(TOPIC,), sources=cite("agenda item")),),
        figures=(nm.Figure(key="staff", label="Staff", value=3, sources=cite("figure")),),
        conflicts=(conflict("conference conflict"),),
        next_meeting=nm.Announcement(as_stated="in the autumn", sources=cite("next meeting")),
    )
    b, c = _conference("c-b", "2020-10-01", EU), _conference("c-c", "2021-10-01", NATO)
    gap = nm.AlternationException(
        after=b, before=c, kind=nm.BreakKind.GAP, reason="r", sources=cite("exception")
    )
    proposal_set = nm.ProposalSet(
        id="2016",
        date=P("2016-12-06"),
        count=1,
        conflicts=(attrs.evolve(conflict("proposal set conflict"), field="count"),),
        sources=cite("proposal set"),
    )
    declaration = nm.JointDeclaration(
        id="d",
        date=P("2016-07-08"),
        proposal_sets=(proposal_set,),
        conflicts=(conflict("declaration conflict"),),
        sources=cite("declaration"),
    )
    area = nm.ProposalArea(id="hybrid", label="Hybrid", topics=(TOPIC,), sources=cite("proposal area"))
    proposal = nm.Proposal(
        id="2016-01", set=proposal_set, number=1, area=area, summary="Talk more", sources=cite("proposal")
    )
    return nm.Dataset(
        info=INFO,
        sources=(SRC,),
        posts=POSTS,
        officials=(ANN, dee),
        appointments=(attrs.evolve(tenure, sources=cite("appointment")),),
        topics=(TOPIC,),
        conferences=(attrs.evolve(a, sources=cite("conference")), b, c),
        exceptions=(gap,),
        proposal_sets=(proposal_set,),
        declarations=(declaration,),
        progress_reports=(
            nm.ProgressReport(
                number=1, date=P("2017-06"), proposal_sets=(proposal_set,), sources=cite("progress report")
            ),
        ),
        proposal_areas=(area,),
        proposals=(proposal,),
    )


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("official", "officials.toml: $.official[1]"),
        ("appointment", "appointments.toml: $.appointment[0]"),
        ("appointment conflict", "appointments.toml: $.appointment[0].conflicts[0]"),
        ("conference", "conferences.toml: $.conference[0]"),
        ("agenda item", "conferences.toml: $.conference[0].agenda[0]"),
        ("figure", "conferences.toml: $.conference[0].figures[0]"),
        ("conference conflict", "conferences.toml: $.conference[0].conflicts[0]"),
        ("next meeting", "conferences.toml: $.conference[0].next_meeting"),
        ("exception", "alternation.toml: $.exception[0]"),
        ("progress report", "progress_reports.toml: $.progress_report[0]"),
        ("declaration", "declarations.toml: $.declaration[0]"),
        ("proposal set", "proposal_sets.toml: $.proposal_set[0]"),
        ("proposal set conflict", "proposal_sets.toml: $.proposal_set[0].conflicts[0]"),
        ("declaration conflict", "declarations.toml: $.declaration[0].conflicts[0]"),
        ("proposal area", "proposal_areas.toml: $.area[0]"),
        ("proposal", "proposals.toml: $.proposal[0]"),
    ],
)
def test_each_kind_of_unsourced_record_is_named(kind: str, path: str) -> None:
    assert _every_kind_of_record().validate() == ()
    assert _every_kind_of_record(kind).validate() == (
        f"{path}.sources: no source given; every fact needs one",
    )


@pytest.mark.parametrize(
    ("text", "half"),
    [("2020-01-01", 4040), ("2020-06-30", 4040), ("2020-07-01", 4041), ("2020-12-31", 4041), ("2020", 4040)],
)
def test_half_year_splits_at_july(text: str, half: int) -> None:
    assert half_year(P(text)) == half


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("2020-03", NATO, None), ("2020-10", EU, None), None),
        (("2020-03", NATO, None), ("2021-03", EU, None), nm.BreakKind.GAP),
        (("2020-03", NATO, None), ("2020-10", NATO, None), nm.BreakKind.SAME_HOST),
        (("2020-03", None, None), ("2020-10", EU, None), nm.BreakKind.UNKNOWN_HOST),
        (("2020-03", NATO, None), ("2020-10", None, None), nm.BreakKind.UNKNOWN_HOST),
        (("2020-03", None, None), ("2022-10", None, None), nm.BreakKind.GAP),
        # Numbers outrank dates: consecutive ordinals years apart are no gap, a skipped number is.
        (("2020-03", NATO, 17), ("2023-10", EU, 18), None),
        (("2020-03", NATO, 17), ("2020-10", EU, 19), nm.BreakKind.GAP),
        (("2020-03", NATO, 17), ("2020-10", NATO, 18), nm.BreakKind.SAME_HOST),
        (("2020-03", NATO, 17), ("2022-10", EU, None), nm.BreakKind.GAP),
        (("2020-03", NATO, None), ("2020-10", EU, 18), None),
    ],
)
def test_expected_break(
    a: tuple[str, nm.Organisation | None, int | None],
    b: tuple[str, nm.Organisation | None, int | None],
    expected: nm.BreakKind | None,
) -> None:
    first = _conference("c-a", a[0], a[1], ordinal=a[2])
    second = _conference("c-b", b[0], b[1], ordinal=b[2])
    assert expected_break(first, second) is expected


@given(datasets())
@example(_dataset())
@example(_every_kind_of_record())
def test_generated_datasets_are_valid(ds: nm.Dataset) -> None:
    assert ds.validate() == ()


@given(datasets(allow_gaps=False), st.data())
def test_flipping_one_host_breaks_alternation(ds: nm.Dataset, data: st.DataObject) -> None:
    series = list(ds.tables.conferences)
    assume(len(series) >= 2)
    i = data.draw(st.integers(0, len(series) - 1))
    flipped = attrs.evolve(
        series[i], host=nm.Organisation.EU if series[i].host is nm.Organisation.NATO else nm.Organisation.NATO
    )
    broken = _swap_conference(ds, series[i], flipped)
    problems = broken.validate()
    assert problems
    assert all("alternation.toml" in p and "same-host break" in p and flipped.id in p for p in problems)


@given(datasets(allow_gaps=False), st.data())
def test_unknown_host_without_exception_is_reported(ds: nm.Dataset, data: st.DataObject) -> None:
    series = list(ds.tables.conferences)
    assume(len(series) >= 2)
    target = series[data.draw(st.integers(0, len(series) - 1))]
    problems = _swap_conference(ds, target, attrs.evolve(target, host=None)).validate()
    assert problems
    assert all("unknown-host break" in p for p in problems)


@given(datasets(), st.data())
def test_overlapping_appointments_are_reported(ds: nm.Dataset, data: st.DataObject) -> None:
    chains = [a for a in ds.tables.appointments if a.end is not None]
    assume(chains)
    a = data.draw(st.sampled_from(chains))
    successor = [b for b in ds.tables.appointments if b.post == a.post and b.start == a.end]
    assume(successor)
    assert a.end is not None
    late = nm.PartialDate.from_date(a.end.latest() + dt.timedelta(days=400))
    stretched = attrs.evolve(a, end=late)
    appointments = tuple(stretched if x is a else x for x in ds.tables.appointments)
    problems = replace(ds, appointments=appointments).validate()
    assert any("appointments.toml" in p and "both held" in p for p in problems), problems


@given(datasets(), st.data())
def test_chair_who_did_not_hold_the_post_is_reported(ds: nm.Dataset, data: st.DataObject) -> None:
    chaired = [c for c in ds.tables.conferences if c.co_chairs]
    assume(chaired)
    c = data.draw(st.sampled_from(chaired))
    chair = c.co_chairs[0]
    # An official of another post cannot have held this one.
    other = next(a.official for a in ds.tables.appointments if a.post != chair.post)
    wrong = attrs.evolve(c, co_chairs=(attrs.evolve(chair, official=other), *c.co_chairs[1:]))
    problems = _swap_conference(ds, c, wrong).validate()
    assert any(f"{other.id} held no {chair.post.code} appointment" in p for p in problems), problems


@given(datasets(), st.data())
def test_unsourced_conference_is_reported(ds: nm.Dataset, data: st.DataObject) -> None:
    assume(ds.tables.conferences)
    c = data.draw(st.sampled_from(ds.tables.conferences))
    problems = _swap_conference(ds, c, attrs.evolve(c, sources=())).validate()
    assert any("conferences.toml" in p and "no source given" in p for p in problems)


@given(datasets())
def test_dangling_official_is_reported(ds: nm.Dataset) -> None:
    stranger = nm.Official(id="stranger", name="Stranger", sources=(ds.tables.sources[0],))
    appointment = nm.Appointment(
        official=stranger,
        post=POSTS[0],
        start=nm.PartialDate(year=1990),
        end=nm.PartialDate(year=1991),
        sources=(ds.tables.sources[0],),
    )
    problems = replace(ds, appointments=(*ds.tables.appointments, appointment)).validate()
    assert any("official 'stranger' is not in the dataset" in p for p in problems)


@given(datasets())
def test_uncited_source_is_reported(ds: nm.Dataset) -> None:
    extra = attrs.evolve(SRC, id="never-cited")
    problems = replace(ds, sources=(*ds.tables.sources, extra)).validate()
    assert problems == (
        f"sources.toml: $.source[{len(ds.tables.sources)}]: source 'never-cited' is cited by no record",
    )


@given(datasets())
def test_duplicate_ids_are_reported(ds: nm.Dataset) -> None:
    assume(ds.tables.officials)
    first = ds.tables.officials[0]
    twin = attrs.evolve(first, name="Someone Else", aliases=())
    problems = replace(ds, officials=(*ds.tables.officials, twin)).validate()
    assert any(f"duplicate id {first.id!r}" in p for p in problems)


def test_stale_exception_is_reported() -> None:
    a = _conference("c-a", "2020-03-01", nm.Organisation.NATO)
    b = _conference("c-b", "2020-10-01", nm.Organisation.EU)
    stale = nm.AlternationException(after=a, before=b, kind=nm.BreakKind.GAP, reason="r", sources=(SRC,))
    ds = nm.Dataset(info=INFO, sources=(SRC,), conferences=(a, b), exceptions=(stale,))
    (problem,) = ds.validate()
    assert (
        "alternation.toml: $.exception[0]" in problem
        and "not consecutive conferences with a break" in problem
    )


def test_wrong_kind_of_exception_is_reported() -> None:
    a = _conference("c-a", "2020-03-01", nm.Organisation.NATO)
    b = _conference("c-b", "2020-10-01", nm.Organisation.NATO)
    wrong = nm.AlternationException(after=a, before=b, kind=nm.BreakKind.GAP, reason="r", sources=(SRC,))
    (problem,) = nm.Dataset(info=INFO, sources=(SRC,), conferences=(a, b), exceptions=(wrong,)).validate()
    assert "$.exception[0].kind: gap, but the record shows a same-host break" in problem


def test_decreasing_ordinals_are_reported() -> None:
    a = attrs.evolve(_conference("c-a", "2020-03-01", nm.Organisation.NATO), ordinal=5)
    b = attrs.evolve(_conference("c-b", "2020-10-01", nm.Organisation.EU), ordinal=4)
    problems = nm.Dataset(info=INFO, sources=(SRC,), conferences=(a, b)).validate()
    assert any("ordinals do not increase with dates" in p for p in problems)


def test_appointment_sanity_checks() -> None:
    person = nm.Official(id="p", name="P", sources=(SRC,))
    cases = {
        "is not after the start": dict(start=nm.PartialDate(year=2020), end=nm.PartialDate(year=2019)),
        "neither a start nor an attested date": dict(end=nm.PartialDate(year=2019)),
        "the tenure is unbounded": dict(start=nm.PartialDate(year=2019)),
        "but an end": dict(start=nm.PartialDate(year=2019), end=nm.PartialDate(year=2020), in_office=True),
        "is outside the tenure": dict(
            start=nm.PartialDate(year=2019),
            end=nm.PartialDate(year=2020),
            attested=(nm.PartialDate(year=2022),),
        ),
    }
    for fragment, fields in cases.items():
        a = nm.Appointment(official=person, post=POSTS[0], sources=(SRC,), **fields)  # type: ignore[arg-type]
        problems = nm.Dataset(
            info=INFO, sources=(SRC,), posts=POSTS, officials=(person,), appointments=(a,)
        ).validate()
        assert any(fragment in p and "appointments.toml: $.appointment[0]" in p for p in problems), (
            fragment,
            problems,
        )


def test_inference_on_unknown_field_is_reported() -> None:
    c = attrs.evolve(
        _conference("c-a", "2020-03-01", nm.Organisation.NATO),
        inferences=(
            nm.Inference(field="colour", reason="because"),
            nm.Inference(field="venue", reason="why"),
        ),
    )
    problems = nm.Dataset(info=INFO, sources=(SRC,), conferences=(c,)).validate()
    assert any("'colour' is not one of" in p for p in problems)
    assert any("venue is marked inferred but has no value" in p for p in problems)


def test_standing_in_requires_a_deputy_post_and_the_principal_holding_it() -> None:
    dg = nm.Official(id="dg", name="DG", sources=(SRC,))
    deputy = nm.Official(id="deputy", name="Deputy", sources=(SRC,))
    day = nm.PartialDate.parse("2020-03-01")
    tenure = dict(start=nm.PartialDate(year=2019), end=nm.PartialDate(year=2021), sources=(SRC,))
    appointments = (
        nm.Appointment(official=dg, post=POSTS[1], **tenure),  # type: ignore[arg-type]
        nm.Appointment(official=deputy, post=POSTS[2], **tenure),  # type: ignore[arg-type]
    )
    base = nm.Dataset(
        info=INFO, sources=(SRC,), posts=POSTS, officials=(dg, deputy), appointments=appointments
    )
    good = nm.Chair(official=deputy, post=POSTS[2], standing_in_for=dg)
    c = attrs.evolve(_conference("c-a", str(day), nm.Organisation.EU), co_chairs=(good,))
    assert replace(base, conferences=(c,)).validate() == ()
    not_deputy = attrs.evolve(c, co_chairs=(nm.Chair(official=dg, post=POSTS[1], standing_in_for=deputy),))
    assert any("DGE is no deputy post" in p for p in replace(base, conferences=(not_deputy,)).validate())
    wrong_principal = attrs.evolve(c, co_chairs=(attrs.evolve(good, standing_in_for=deputy),))
    assert any(
        "deputy held no DGE appointment" in p
        for p in replace(base, conferences=(wrong_principal,)).validate()
    )


def _swap_conference(ds: nm.Dataset, old: nm.Conference, new: nm.Conference) -> nm.Dataset:
    conferences = tuple(new if c is old else c for c in ds.tables.conferences)
    exceptions = tuple(
        attrs.evolve(e, after=new if e.after is old else e.after, before=new if e.before is old else e.before)
        for e in ds.tables.exceptions
    )
    return replace(ds, conferences=conferences, exceptions=exceptions)


@pytest.mark.parametrize("bad", [None, [], "x", ("x",)])
def test_dataset_constructor_checks_types(bad: object) -> None:
    with pytest.raises(TypeError):
        nm.Dataset(info=INFO, conferences=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("make", "error", "fragment"),
    [
        (lambda: loose.Official(id="Bad Id", name="x", sources=()), nm.InvalidValueError, "slug"),
        (
            lambda: loose.Official(id="ok", name=" padded", sources=()),
            nm.InvalidValueError,
            "surrounding spaces",
        ),
        (
            lambda: loose.Official(id="ok", name="x", nationality="Germany", sources=()),
            nm.InvalidValueError,
            "alpha-2",
        ),
        (lambda: loose.Official(id="ok", name="x", sources=["s"]), TypeError, "sources"),
        (lambda: loose.Post(code="X", title="x", organisation="NATO"), TypeError, "organisation"),
        (
            lambda: loose.Conference(id="c", date="2020", evidence=nm.Evidence.REPORTED, sources=()),
            TypeError,
            "date",
        ),
        (lambda: loose.Topic(id="t", label="t", broader=("u",)), TypeError, "broader"),
        (
            lambda: loose.Official(id="ok", name="x", aliases=("",), sources=()),
            nm.InvalidValueError,
            "aliases",
        ),
        (lambda: loose.Official(id="ok", name="x\ud800", sources=()), nm.InvalidValueError, "surrogate"),
        (lambda: loose.Figure(key="k", label="l", value=True, sources=()), TypeError, "value must be an int"),
    ],
)
def test_model_constructors_name_the_bad_field(make: object, error: type[Exception], fragment: str) -> None:
    with pytest.raises(error) as info:
        make()  # type: ignore[operator]
    assert fragment in str(info.value)


# -- regressions found in review ---------------------------------------------------------


def test_overlap_is_found_when_a_tenure_is_too_coarse_to_be_certain_of_any_day() -> None:
    wiermann = nm.Appointment(
        official=official_named("w"),
        post=POSTS[0],
        start=P("2019-07-11"),
        end=P("2022-07-14"),
        sources=(SRC,),
    )
    coarse = nm.Appointment(
        official=official_named("b"), post=POSTS[0], start=P("2020"), end=P("2020-03"), sources=(SRC,)
    )
    problems = dataset_of(wiermann, coarse).validate()
    assert any("both held DGN" in p for p in problems), problems
    handover = nm.Appointment(
        official=official_named("c"), post=POSTS[0], start=P("2022-07"), end=P("2023"), sources=(SRC,)
    )
    early = attrs.evolve(wiermann, end=P("2022-07"))
    assert dataset_of(early, handover).validate() == ()


def test_a_coarse_date_does_not_overturn_the_order_of_ordinals() -> None:
    a = nm.Conference(
        id="a",
        date=P("2022-06-10"),
        ordinal=17,
        host=nm.Organisation.NATO,
        evidence=nm.Evidence.REPORTED,
        sources=(SRC,),
    )
    b = nm.Conference(
        id="b",
        date=P("2022"),
        ordinal=18,
        host=nm.Organisation.EU,
        evidence=nm.Evidence.REPORTED,
        sources=(SRC,),
    )
    ds = nm.Dataset(info=INFO, sources=(SRC,), conferences=(a, b))
    assert ds.validate() == ()
    assert [c.id for c in ds.conferences()] == ["a", "b"]
    wrong = attrs.evolve(b, date=P("2021"))
    problems = nm.Dataset(info=INFO, sources=(SRC,), conferences=(a, wrong)).validate()
    assert any("ordinals do not increase" in p for p in problems)


def test_duplicate_alternation_entries_are_reported() -> None:
    a = nm.Conference(
        id="a", date=P("2020-03-01"), host=nm.Organisation.NATO, evidence=nm.Evidence.REPORTED, sources=(SRC,)
    )
    b = nm.Conference(
        id="b", date=P("2020-10-01"), host=nm.Organisation.NATO, evidence=nm.Evidence.REPORTED, sources=(SRC,)
    )
    e = nm.AlternationException(after=a, before=b, kind=nm.BreakKind.SAME_HOST, reason="r", sources=(SRC,))
    problems = nm.Dataset(
        info=INFO, sources=(SRC,), conferences=(a, b), exceptions=(e, attrs.evolve(e, reason="again"))
    ).validate()
    assert problems == ("alternation.toml: $.exception[1]: a second entry for the pair a / b",)


def test_post_names_must_be_unique_and_deputy_of_must_resolve() -> None:
    clash = attrs.evolve(POSTS[2], aliases=("Director General East",))
    problems = nm.Dataset(info=INFO, posts=(*POSTS[:2], clash)).validate()
    assert any("belongs to DDGE, DGE" in p for p in problems)
    dangling = attrs.evolve(POSTS[2], deputy_of="NOPE")
    problems = nm.Dataset(info=INFO, posts=(*POSTS[:2], dangling)).validate()
    assert problems == ("posts.toml: $.post[2].deputy_of: 'NOPE' is not the code of another post",)
    itself = attrs.evolve(POSTS[2], deputy_of="DDGE")
    problems = nm.Dataset(info=INFO, posts=(*POSTS[:2], itself)).validate()
    assert problems == ("posts.toml: $.post[2].deputy_of: 'DDGE' is not the code of another post",)


def test_dates_after_as_of_are_reported() -> None:
    a = nm.Appointment(
        official=official_named("a"), post=POSTS[0], start=P("2020"), end=P("2040"), sources=(SRC,)
    )
    problems = dataset_of(a).validate()
    assert any("$.appointment[0].end: 2040 is after the dataset's as_of date" in p for p in problems)


def test_a_name_longer_than_a_lookup_takes_is_reported() -> None:
    long = "Hans " + "x" * 200
    official = attrs.evolve(official_named("a"), aliases=(long,))
    topic = nm.Topic(id="t", label="y" * 201)
    problems = nm.Dataset(info=INFO, sources=(SRC,), officials=(official,), topics=(topic,)).validate()
    assert (
        "officials.toml: $.official[0]: the name 'Hans xxxxxxxxxxxxxxx…' has 205 characters, "
        "more than the 200 a lookup takes"
    ) in problems
    assert any(p.startswith("topics.toml: $.topic[0]: the name 'yyyy") for p in problems)
    at_limit = attrs.evolve(official_named("a"), aliases=("z" * 200,))
    assert not any(
        "a lookup takes" in p for p in nm.Dataset(info=INFO, sources=(SRC,), officials=(at_limit,)).validate()
    )
