"""The bundled dataset: it validates, every record is sourced, and a golden table of
facts checked by hand against the sources gives the expected answers."""

from __future__ import annotations

import datetime as dt
import itertools
import tomllib
from importlib import resources
from typing import Any

import pytest

import natoeu_milstaff as nm
from natoeu_milstaff._validate import expected_break

DS = nm.Dataset.bundled()


def test_bundled_dataset_validates_clean() -> None:
    assert DS.validate() == ()
    assert nm.validate() == ()


def test_bundled_dataset_is_cached_and_equal_to_a_fresh_load() -> None:
    assert nm.Dataset.bundled() is DS
    with resources.as_file(resources.files("natoeu_milstaff") / "data") as root:
        assert nm.Dataset.load(root) == DS


# (question, expected answer) — each checked against the cited source by hand.
GOLDEN_WHO_HELD = [
    ("DGIMS", "2018-11-26", "Jan Broeks"),  # defense-aerospace-197962
    ("DGIMS", "2016-07-27", "Jan Broeks"),  # nato-news-134267: took over that day
    ("DGIMS", "2019-07-10", "Jan Broeks"),  # nato-news-167781: left 11 July 2019
    ("DGIMS", "2019-07-11", "Hans-Werner Wiermann"),  # nato-news-167904: handover day
    ("DGIMS", "2020-05-19", "Hans-Werner Wiermann"),
    ("DGIMS", "2022-06-10", "Hans-Werner Wiermann"),  # mirage-798914
    ("DGEUMS", "2016-05-26", "Esa Pulkkinen"),  # eeas-2016-05-pulkkinen-takes-over
    ("DGEUMS", "2019-11-25", "Esa Pulkkinen"),  # nato-news-171297
    ("DGEUMS", "2020-05-19", "Esa Pulkkinen"),
    ("DGEUMS", "2021-11-16", "Hervé Bléjean"),  # nato-news-188657: Manione spoke for him
    ("DGEUMS", "2023-06-27", "Hervé Bléjean"),  # handover 28 June 2023
    ("DDGEUMS", "2021-11-16", "Giovanni Manione"),
]


@pytest.mark.parametrize(("post", "day", "name"), GOLDEN_WHO_HELD)
def test_golden_who_held(post: str, day: str, name: str) -> None:
    official = nm.who_held(post, day)
    assert official is not None
    assert official.name == name


@pytest.mark.parametrize(
    ("post", "day"),
    [
        ("DGIMS", "2016-07-26"),  # before the first DGIMS tenure in the record
        ("DGIMS", "2022-07-14"),  # Wiermann's tenure ended; his successor is not yet recorded
        ("DGEUMS", "2023-06-28"),  # Bléjean handed over; successor not yet recorded
        ("DDGEUMS", "2021-11-15"),  # Manione is attested on one day only
        ("DGIMS", "2040-01-01"),  # after the record's as_of date
    ],
)
def test_days_the_record_does_not_cover_give_none(post: str, day: str) -> None:
    assert nm.who_held(post, day) is None


def test_month_precise_handover_is_ambiguous_not_guessed() -> None:
    with pytest.raises(nm.AmbiguousDateError, match="Esa Pulkkinen or Hervé Bléjean") as info:
        nm.who_held("DGEUMS", "2020-07-15")
    assert info.value.candidates == ("Esa Pulkkinen", "Hervé Bléjean")
    assert isinstance(info.value, LookupError)
    # Before July 2020 only Pulkkinen is possible; after it only Bléjean.
    assert nm.who_held("DGEUMS", "2020-06-30").name == "Esa Pulkkinen"  # type: ignore[union-attr]
    assert nm.who_held("DGEUMS", "2020-08-01").name == "Hervé Bléjean"  # type: ignore[union-attr]


GOLDEN_CONFERENCES: list[dict[str, Any]] = [
    {
        "id": "2018-11-26",
        "host": "NATO",
        "host_basis": "inferred",
        "ordinal": None,
        "format": "in-person",
        "chairs": ["jan-broeks", "esa-pulkkinen"],
        "next": ("2019", "mid-2019", "EU"),
    },
    {
        "id": "2019-11-25",
        "host": "NATO",
        "host_basis": "stated",
        "ordinal": None,
        "format": "in-person",
        "chairs": ["hans-werner-wiermann", "esa-pulkkinen"],
        "next": None,
    },
    {
        "id": "2020-05-19",
        "host": "EU",
        "host_basis": "stated",
        "ordinal": None,
        "format": "video-conference",
        "chairs": ["hans-werner-wiermann", "esa-pulkkinen"],
        "next": None,
    },
    {
        "id": "2021-11-16",
        "host": "NATO",
        "host_basis": "stated",
        "ordinal": None,
        "format": "in-person",
        "chairs": ["hans-werner-wiermann", "giovanni-manione"],
        "next": ("2022-05", "May 2022", None),
    },
    {
        "id": "2022-06-10",
        "host": "NATO",
        "host_basis": "stated",
        "ordinal": 17,
        "format": "in-person",
        "chairs": ["hans-werner-wiermann", "herve-blejean"],
        "next": None,
    },
]


@pytest.mark.parametrize("golden", GOLDEN_CONFERENCES, ids=lambda g: g["id"])
def test_golden_conferences(golden: dict[str, Any]) -> None:
    c = nm.conference(golden["id"])
    assert str(c.date) == golden["id"]
    assert c.host is nm.Organisation(golden["host"])
    assert c.basis("host") is nm.Basis(golden["host_basis"])
    assert c.ordinal == golden["ordinal"]
    assert c.format is nm.Format(golden["format"])
    assert [ch.official.id for ch in c.co_chairs] == golden["chairs"]
    assert c.evidence is nm.Evidence.REPORTED
    if golden["next"] is None:
        assert c.next_meeting is None
    else:
        assert c.next_meeting is not None
        date, stated, host = golden["next"]
        assert (str(c.next_meeting.date), c.next_meeting.as_stated) == (date, stated)
        assert c.next_meeting.host == (nm.Organisation(host) if host else None)


def test_golden_figures() -> None:
    figures = {(c.id, f.key): f.value for c in nm.conferences() for f in c.figures}
    assert figures[("2019-11-25", "common-action-items")] == 74
    assert figures[("2020-05-19", "common-action-items")] == 74
    assert figures[("2019-11-25", "members-in-common")] == 22
    assert figures[("2021-11-16", "members-in-common")] == 21
    assert figures[("2022-06-10", "fmn-participating-nations")] == 37


def test_deputy_standing_in_on_16_november_2021() -> None:
    (nato, eu) = nm.conference("2021-11-16").co_chairs
    assert nato.official.name == "Hans-Werner Wiermann"
    assert (eu.official.name, eu.post.code, eu.rank) == ("Giovanni Manione", "DDGEUMS", "Lieutenant General")
    assert eu.standing_in_for is nm.official("Hervé Bléjean")


def test_misspellings_seen_in_sources_are_aliases() -> None:
    assert nm.official("Hans-Werner Wierman").id == "hans-werner-wiermann"
    assert nm.official("Herve Blejean").id == "herve-blejean"
    assert nm.official("HERVÉ BLÉJEAN").id == "herve-blejean"
    repost = next(s for s in nm.sources() if s.id == "exbulletin-1281620")
    assert any("'SIM' for IMS" in note and "'biennial'" in note for note in repost.notes)
    assert repost.kind is nm.SourceKind.REPOST
    assert repost.repost_of == "https://www.nato.int/cps/en/natohq/news_188657.htm"


@pytest.mark.parametrize(
    ("topic", "ids"),
    [
        ("cyber", ["2019-11-25", "2020-05-19", "2022-06-10"]),
        ("cyber defence", ["2019-11-25", "2020-05-19", "2022-06-10"]),
        ("COVID-19", ["2020-05-19"]),
        ("space", ["2021-11-16"]),
        ("hybrid threats", ["2018-11-26"]),
        ("Strategic Compass", ["2021-11-16"]),
        ("strategic-reviews", ["2021-11-16"]),
        ("FMN", ["2022-06-10"]),
        ("Joint Declaration", ["2018-11-26", "2019-11-25", "2020-05-19", "2021-11-16"]),
        ("medical", ["2018-11-26", "2019-11-25", "2020-05-19", "2022-06-10"]),
        ("EUFOR Althea", ["2020-05-19"]),
    ],
)
def test_golden_meetings_about(topic: str, ids: list[str]) -> None:
    assert [c.id for c in nm.meetings_about(topic)] == ids


def test_briefers() -> None:
    briefed = {(c.id, b) for c in nm.conferences() for item in c.agenda for b in item.briefers}
    assert briefed == {
        ("2020-05-19", "ACT"),
        ("2020-05-19", "MPCC"),
        ("2021-11-16", "EEAS"),
        ("2021-11-16", "ACT"),
    }


def test_alternation_holds_except_where_documented() -> None:
    series = list(DS.conferences())
    breaks = {(a.id, b.id): expected_break(a, b) for a, b in itertools.pairwise(series)}
    documented = {(e.after.id, e.before.id): e.kind for e in nm.alternation_exceptions()}
    assert {pair: kind for pair, kind in breaks.items() if kind is not None} == documented
    assert documented == {
        ("2018-11-26", "2019-11-25"): nm.BreakKind.GAP,
        ("2020-05-19", "2021-11-16"): nm.BreakKind.GAP,
        ("2021-11-16", "2022-06-10"): nm.BreakKind.SAME_HOST,
    }
    for e in nm.alternation_exceptions():
        assert e.reason and e.sources


def test_joint_declarations() -> None:
    declarations = nm.joint_declarations()
    assert [str(d.date) for d in declarations] == ["2016-07-08", "2018-07-10", "2023-01-10"]
    assert declarations[0].proposals == 42
    assert all(len(d.signatories) == 3 and d.sources for d in declarations)


def _records() -> dict[str, Any]:
    root = resources.files("natoeu_milstaff") / "data"
    return {
        p.name: tomllib.loads(p.read_text(encoding="utf-8"))
        for p in root.iterdir()
        if p.name.endswith(".toml")
    }


def test_data_files_are_sorted_canonically() -> None:
    files = _records()
    for name, key in [("sources.toml", "source"), ("officials.toml", "official"), ("topics.toml", "topic")]:
        ids = [r["id"] for r in files[name][key]]
        assert ids == sorted(ids), name
    dates = [r["date"] for r in files["conferences.toml"]["conference"]]
    assert dates == sorted(dates)
    appointments = [(r["post"], r.get("start", "")) for r in files["appointments.toml"]["appointment"]]
    assert appointments == sorted(appointments)
    declarations = [r["date"] for r in files["declarations.toml"]["declaration"]]
    assert declarations == sorted(declarations)


def test_every_record_cites_a_source_that_has_the_required_fields() -> None:
    for source in nm.sources():
        assert source.url.startswith(("http://", "https://"))
        assert source.title and source.publisher
        assert source.published is not None, source.id
    for conference in nm.conferences():
        assert conference.sources
        assert all(item.sources for item in conference.agenda)
    assert all(a.sources for a in nm.appointments())
    assert all(o.sources for o in nm.officials())


def test_inferences_are_explained() -> None:
    for c in nm.conferences():
        for inference in c.inferences:
            assert len(inference.reason) > 40
            assert c.basis(inference.field) is nm.Basis.INFERRED
    assert nm.conference("2022-06-10").basis("ordinal") is nm.Basis.STATED
    assert nm.conference("2019-11-25").basis("ordinal") is None


def test_as_of_and_version() -> None:
    assert DS.info.as_of == dt.date(2026, 11, 22)
    assert DS.info.version
