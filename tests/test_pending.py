"""Regression tests waiting to be appended to files that are being edited in parallel.

Collected meanwhile so that they keep running. Append each section to its target and
delete this file:

1. ``tests/test_validate.py`` (invariants): from ``test_overlap_is_found_...`` to
   ``test_dates_after_as_of_are_reported``. Needs ``attrs``, ``pytest``, ``nm``,
   ``INFO`` and ``POSTS`` (already imported there), ``SRC`` (defined there, the same
   value) and ``P``, ``dataset_of``, ``official_named`` from ``_support``.
2. ``tests/test_dates.py`` (PartialDate and date parsing): ``test_edtf_in_files_is_strict_ascii``
   and ``test_unknown_time_zone_names_are_refused_not_warned``. Needs ``pytest``, ``nm``.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import natoeu_milstaff as nm
from _support import SRC, P, dataset_of, official_named
from strategies import INFO, POSTS

# The package typed loosely, to pass wrong types on purpose.
loose: Any = nm


# == 1. for tests/test_validate.py ====================================================


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


# == 2. for tests/test_dates.py =======================================================


@pytest.mark.parametrize("text", [" 2018-11-26", "2018-11-26\n", "２０１９-１１-２５", "2019-١١"])
def test_edtf_in_files_is_strict_ascii(text: str) -> None:
    with pytest.raises(nm.InvalidDateError):
        nm.PartialDate.parse(text)


def test_unknown_time_zone_names_are_refused_not_warned() -> None:
    with pytest.raises(nm.InvalidDateError, match="time zone"):
        nm.who_held("DGIMS", "19 May 2020 10 T")
