"""Popolo: the export validates against the Popolo JSON Schemas, an event lists its
co-chairs as attendees with the posts they held there, and dates keep their EDTF
qualifiers beside the plain Popolo form."""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import natoeu_milstaff as nm
from _support import P
from strategies import datasets, qualifiers, replace

BUNDLED = nm.Dataset.bundled()
POPOLO_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}){0,2}$")

# The Popolo JSON Schemas are reference data kept outside the repository, in
# ../shared/reference/popolo-schemas; this variable names another folder holding them.
SCHEMAS_ENV = "NATOEU_MILSTAFF_POPOLO_SCHEMAS"
KINDS = {
    "persons": "person",
    "organizations": "organization",
    "posts": "post",
    "memberships": "membership",
    "events": "event",
}


def schema_dir() -> Path:
    override = os.environ.get(SCHEMAS_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "shared" / "reference" / "popolo-schemas"


@pytest.fixture(scope="module")
def validators() -> dict[str, Any]:
    """A ``Draft3Validator`` per Popolo kind, resolving ``$ref``s from the schema folder."""
    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    drafts = pytest.importorskip("referencing.jsonschema")
    root = schema_dir()
    missing = [f"{kind}.json" for kind in KINDS.values() if not (root / f"{kind}.json").is_file()]
    if missing:
        pytest.skip(
            f"the Popolo JSON Schemas are not in {root} (missing {', '.join(missing)}); "
            f"set {SCHEMAS_ENV} to the folder that holds them"
        )
    schemas = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(root.glob("*.json"))}
    registry = referencing.Registry().with_resources(
        (schema["id"], referencing.Resource.from_contents(schema, default_specification=drafts.DRAFT3))
        for schema in schemas.values()
    )
    check = jsonschema.Draft3Validator.FORMAT_CHECKER
    return {
        kind: jsonschema.Draft3Validator(schemas[kind], registry=registry, format_checker=check)
        for kind in KINDS.values()
    }


def problems(validators: dict[str, Any], doc: dict[str, Any]) -> list[str]:
    """Every schema error in a Popolo document, as ``events[3] start_date: message``."""
    found = []
    for key, kind in KINDS.items():
        for i, item in enumerate(doc[key]):
            for error in validators[kind].iter_errors(item):
                where = "/".join(str(p) for p in error.absolute_path)
                found.append(f"{key}[{i}] {where}: {error.message}")
    return found


def test_the_export_validates_against_the_popolo_schemas(validators: dict[str, Any]) -> None:
    doc = BUNDLED.popolo()
    assert all(doc[key] for key in KINDS)
    assert problems(validators, doc) == []


def test_a_corrupted_export_fails_the_schemas(validators: dict[str, Any]) -> None:
    doc = BUNDLED.popolo()
    event = doc["events"][0]
    assert not list(validators["event"].iter_errors(event))
    wrong = {**event, "start_date": "27 Jan 2014"}
    assert [e.message for e in validators["event"].iter_errors(wrong)] == [
        f"'27 Jan 2014' does not match {validators['event'].schema['properties']['start_date']['pattern']!r}"
    ]
    # Through the $refs: an attendee's membership, and a source without its url.
    attendee = copy.deepcopy(doc["events"][-1])
    attendee["attendees"][0]["memberships"][0]["start_date"] = "2019-07~"
    assert list(validators["event"].iter_errors(attendee))
    unsourced = {**event, "sources": [{"note": "no url"}]}
    assert list(validators["event"].iter_errors(unsourced))
    # An EDTF qualifier left in a Popolo date is refused: why it is kept elsewhere.
    membership = {**doc["memberships"][0], "end_date": "2022?"}
    assert list(validators["membership"].iter_errors(membership))


def test_popolo_carries_the_required_fields() -> None:
    doc = BUNDLED.popolo()
    persons = {p["id"] for p in doc["persons"]}
    organizations = {o["id"] for o in doc["organizations"]}
    posts = {p["id"] for p in doc["posts"]}
    assert all(p["name"] for p in doc["persons"])
    assert all(o["name"] for o in doc["organizations"])
    assert all(p["label"] and p["organization_id"] in organizations for p in doc["posts"])
    for m in doc["memberships"]:
        assert m["person_id"] in persons
        assert m["organization_id"] in organizations
        assert m["post_id"] in posts
        assert all(POPOLO_DATE.match(m[k]) for k in ("start_date", "end_date") if k in m)
        assert m["sources"]
        assert all(s["url"].startswith("http") for s in m["sources"])
    for e in doc["events"]:
        assert e["name"]
        assert POPOLO_DATE.match(e["start_date"])
        assert e.get("organization_id", "nato-ims") in organizations
        for attendee in e["attendees"]:
            assert attendee["id"] in persons
            assert {m["post_id"] for m in attendee["memberships"]} <= posts
    wiermann = next(p for p in doc["persons"] if p["id"] == "hans-werner-wiermann")
    assert wiermann["national_identity"] == "DE"
    assert wiermann["other_names"] == [
        {
            "name": "Hans-Werner Wierman",
            "note": "A spelling of the name seen in a source, perhaps a misspelling",
        }
    ]
    assert len(doc["memberships"]) == len(BUNDLED.tables.appointments)


def event_of(doc: dict[str, Any], conference: nm.Conference) -> dict[str, Any]:
    return next(e for e in doc["events"] if e["id"] == conference.id)


def test_an_event_lists_its_co_chairs_with_their_posts() -> None:
    event = event_of(BUNDLED.popolo(), nm.conference("2021-11-16"))
    assert [(a["id"], a["honorific_prefix"]) for a in event["attendees"]] == [
        ("hans-werner-wiermann", "Lieutenant General"),
        ("giovanni-manione", "Lieutenant General"),
    ]
    wiermann, manione = (a["memberships"] for a in event["attendees"])
    assert wiermann == [
        {
            "person_id": "hans-werner-wiermann",
            "organization_id": "nato-ims",
            "post_id": "DGIMS",
            "role": "Director General of the NATO International Military Staff",
            "label": "Hans-Werner Wiermann as DGIMS",
        }
    ]
    assert manione == [
        {
            "person_id": "giovanni-manione",
            "organization_id": "eu-eums",
            "post_id": "DDGEUMS",
            "role": "Deputy Director General of the European Union Military Staff, "
            "standing in for the Director General",
            "label": "Giovanni Manione as DDGEUMS, standing in for Hervé Bléjean (DGEUMS)",
        }
    ]
    assert (event["location"], event["organization_id"], event["start_date"]) == (
        "NATO Headquarters",
        "nato-ims",
        "2021-11-16",
    )
    assert event["description"].startswith("Held in person. Evidence: reported")
    assert [s["url"] for s in event["sources"]] == [s.url for s in nm.conference("2021-11-16").sources]


def test_a_video_conference_has_no_physical_location() -> None:
    conference = nm.conference("2021-03-16")
    assert conference.format is nm.Format.VIDEO_CONFERENCE
    assert conference.venue is None
    event = event_of(BUNDLED.popolo(), conference)
    assert event["location"] == "Video-conference: no physical venue"
    hosted = replace(BUNDLED, conferences=(attrs.evolve(conference, venue="NATO Headquarters"),))
    assert event_of(hosted.popolo(), conference)["location"] == (
        "Video-conference: no physical venue; hosted from NATO Headquarters"
    )


def test_a_stated_ordinal_is_in_the_name_an_inferred_one_in_the_description() -> None:
    conference = nm.conference("2022-06-10")
    assert event_of(BUNDLED.popolo(), conference)["name"] == (
        "17th IMS-EUMS Directors General conference, 2022-06-10"
    )
    inferred = attrs.evolve(
        conference,
        ordinal=21,
        inferences=(*conference.inferences, nm.Inference(field="ordinal", reason="counted")),
    )
    event = event_of(replace(BUNDLED, conferences=(inferred,)).popolo(), conference)
    assert event["name"] == "IMS-EUMS Directors General conference, 2022-06-10"
    assert "Taken to be the 21st conference." in event["description"]
    assert "not stated by a source: format, ordinal." in event["description"]


def test_an_approximate_date_keeps_its_qualifier() -> None:
    conference = attrs.evolve(nm.conference("2014-06"), date=P("2014-06~"))
    event = event_of(replace(BUNDLED, conferences=(conference,)).popolo(), conference)
    assert (event["start_date"], event["start_date_edtf"]) == ("2014-06", "2014-06~")
    assert "Date as recorded: about 2014-06." in event["description"]
    assert event["name"].endswith(", 2014-06~")


def test_an_uncertain_end_does_not_look_certain() -> None:
    adamczak = next(a for a in BUNDLED.tables.appointments if a.official.id == "janusz-adamczak")
    uncertain = attrs.evolve(adamczak, end=P("2025-07?"))
    (membership,) = replace(BUNDLED, appointments=(uncertain,)).popolo()["memberships"]
    assert membership["start_date"] == "2022-07-14"
    assert "start_date_edtf" not in membership
    assert (membership["end_date"], membership["end_date_edtf"]) == ("2025-07", "2025-07?")
    assert membership["label"] == (
        "Janusz Adamczak, Director General of the NATO International Military Staff, "
        "from 2022-07-14 to 2025-07 (uncertain)"
    )


def test_a_membership_says_when_its_end_is_not_known() -> None:
    labels = {m["id"]: m for m in BUNDLED.popolo()["memberships"]}
    manione = labels["giovanni-manione@DDGEUMS@2021-11-16"]
    assert "start_date" not in manione
    assert "end_date" not in manione
    assert manione["label"].endswith("from an unknown date to an unknown date; seen in post on 2021-11-16")
    serving = next(a for a in BUNDLED.tables.appointments if a.in_office)
    assert f", in office on {BUNDLED.tables.info.as_of}" in labels[serving.id]["label"]


def _qualify(draw: st.DrawFn, date: nm.PartialDate) -> nm.PartialDate:
    approximate, uncertain = draw(qualifiers)
    return attrs.evolve(date, approximate=approximate, uncertain=uncertain)


def _maybe_qualify(draw: st.DrawFn, date: nm.PartialDate | None) -> nm.PartialDate | None:
    return None if date is None else _qualify(draw, date)


@st.composite
def qualified_datasets(draw: st.DrawFn) -> nm.Dataset:
    """A random dataset whose appointment and conference dates carry random qualifiers."""
    ds = draw(datasets(max_conferences=6))
    appointments = tuple(
        attrs.evolve(a, start=_maybe_qualify(draw, a.start), end=_maybe_qualify(draw, a.end))
        for a in ds.tables.appointments
    )
    conferences = tuple(
        attrs.evolve(c, date=_qualify(draw, c.date), end_date=_maybe_qualify(draw, c.end_date))
        for c in ds.tables.conferences
    )
    return replace(ds, appointments=appointments, conferences=conferences)


def _plain_and_edtf(record: dict[str, Any], key: str, date: nm.PartialDate | None) -> None:
    if date is None:
        assert key not in record
        assert f"{key}_edtf" not in record
        return
    plain = f"{date.year:04d}" + "".join(f"-{n:02d}" for n in (date.month, date.day) if n is not None)
    assert record[key] == plain
    if date.approximate or date.uncertain:
        assert record[f"{key}_edtf"] == str(date) != plain
    else:
        assert f"{key}_edtf" not in record


@given(qualified_datasets())
def test_attendees_are_the_co_chairs_and_dates_keep_their_qualifiers(ds: nm.Dataset) -> None:
    doc = ds.popolo()
    assert [e["id"] for e in doc["events"]] == [c.id for c in ds.tables.conferences]
    for event, conference in zip(doc["events"], ds.tables.conferences, strict=True):
        assert [
            (a["id"], m["post_id"], "standing in for" in m["role"])
            for a in event["attendees"]
            for m in a["memberships"]
        ] == [(ch.official.id, ch.post.code, ch.standing_in_for is not None) for ch in conference.co_chairs]
        _plain_and_edtf(event, "start_date", conference.date)
        _plain_and_edtf(event, "end_date", conference.end_date)
    assert [m["id"] for m in doc["memberships"]] == [a.id for a in ds.tables.appointments]
    for membership, appointment in zip(doc["memberships"], ds.tables.appointments, strict=True):
        _plain_and_edtf(membership, "start_date", appointment.start)
        _plain_and_edtf(membership, "end_date", appointment.end)
        if appointment.end is None and not appointment.in_office:
            assert " to an unknown date" in membership["label"]


@given(ds=qualified_datasets())
def test_every_export_of_a_random_dataset_validates(validators: dict[str, Any], ds: nm.Dataset) -> None:
    assert problems(validators, ds.popolo()) == []
