"""Invariants: random valid datasets pass ``validate()``; each known way of breaking
one invariant is caught, with a message naming the file and the record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import natoeu_milstaff as nm
from strategies import INFO, POSTS, datasets, replace

# The package typed loosely, to pass wrong types on purpose.
loose: Any = nm

SRC = nm.Source(id="s", url="https://example.org", title="t", publisher="p", kind=nm.SourceKind.ORIGINAL)


@given(datasets())
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


def _conference(ident: str, date: str, host: nm.Organisation) -> nm.Conference:
    return nm.Conference(
        id=ident, date=nm.PartialDate.parse(date), host=host, evidence=nm.Evidence.REPORTED, sources=(SRC,)
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
