"""PartialDate: EDTF text, precision, ranges, loose parsing, refusals."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import natoeu_milstaff as nm
from natoeu_milstaff._dates import _iso_day, as_day
from strategies import partial_dates


@given(partial_dates())
@example(nm.PartialDate(year=2020, month=2, day=29))
@example(nm.PartialDate(year=1, approximate=True, uncertain=True))
def test_edtf_round_trip(date: nm.PartialDate) -> None:
    assert nm.PartialDate.parse(str(date)) == date
    assert eval(repr(date), {"PartialDate": nm.PartialDate}) == date


@given(partial_dates(), st.dates())
def test_covers_is_the_range_earliest_to_latest(date: nm.PartialDate, day: dt.date) -> None:
    assert date.earliest() <= date.latest()
    assert date.covers(day) == (date.earliest() <= day <= date.latest())


@given(st.dates())
def test_day_precision_is_one_day(day: dt.date) -> None:
    date = nm.PartialDate.from_date(day)
    assert date.precision is nm.Precision.DAY
    assert date.earliest() == date.latest() == day
    assert as_day(day.isoformat()) == day


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31), nm.Precision.YEAR),
        ("2019-06", dt.date(2019, 6, 1), dt.date(2019, 6, 30), nm.Precision.MONTH),
        ("2020-02", dt.date(2020, 2, 1), dt.date(2020, 2, 29), nm.Precision.MONTH),
        ("2019-06-05", dt.date(2019, 6, 5), dt.date(2019, 6, 5), nm.Precision.DAY),
        ("2019-06~", dt.date(2019, 6, 1), dt.date(2019, 6, 30), nm.Precision.MONTH),
    ],
)
def test_precision_and_range(text: str, earliest: dt.date, latest: dt.date, precision: nm.Precision) -> None:
    date = nm.PartialDate.parse(text)
    assert (date.earliest(), date.latest(), date.precision) == (earliest, latest, precision)
    assert str(date) == text


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain"),
    [("2019~", True, False), ("2019?", False, True), ("2019%", True, True)],
)
def test_qualifiers(text: str, approximate: bool, uncertain: bool) -> None:
    date = nm.PartialDate.parse(text)
    assert (date.approximate, date.uncertain) == (approximate, uncertain)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19 May 2020", "2020-05-19"),
        ("May 19, 2020", "2020-05-19"),
        ("25 November 2019", "2019-11-25"),
        ("May 2020", "2020-05"),
        ("June 2019", "2019-06"),
        ("2019", "2019"),
        ("13/05/2020", "2020-05-13"),
        ("29 February 2020", "2020-02-29"),
    ],
)
def test_loose_text(text: str, expected: str) -> None:
    assert str(nm.PartialDate.from_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("05/06/2020", "ambiguous"),
        ("2020/05/06", "ambiguous"),
        ("19 May", "no year"),
        ("19 May 2020 10:30", "time of day"),
        ("2020-05-19T10:30", "time of day"),
        ("yesterday", "no year"),
        ("30 February 2021", "not a date"),
        ("", "no year"),
    ],
)
def test_loose_text_refusals(text: str, fragment: str) -> None:
    with pytest.raises(nm.InvalidDateError, match=fragment):
        nm.PartialDate.from_text(text)


@pytest.mark.parametrize(
    "text", ["2019-13", "2019-02-30", "19", "2019-6", "2019-06-05T00:00", "x2019", "2019~?", "0000", " "]
)
def test_strict_edtf_refusals(text: str) -> None:
    with pytest.raises(nm.InvalidDateError, match=r"2019|0000|EDTF|month|day|year"):
        nm.PartialDate.parse(text)


def test_invalid_fields_are_refused_by_name() -> None:
    with pytest.raises(nm.InvalidDateError, match="month must be"):
        nm.PartialDate(year=2019, month=13)
    with pytest.raises(nm.InvalidDateError, match="needs a month"):
        nm.PartialDate(year=2019, day=3)
    with pytest.raises(nm.InvalidDateError, match="does not exist"):
        nm.PartialDate(year=2021, month=2, day=29)
    with pytest.raises(nm.InvalidDateError, match="year must be"):
        nm.PartialDate(year=True)


def test_query_days_refuse_datetimes_and_partial_text() -> None:
    with pytest.raises(TypeError, match=r"pass value\.date\(\)"):
        as_day(dt.datetime(2020, 5, 19, 12, 0))
    with pytest.raises(nm.InvalidDateError, match="does not name one day"):
        as_day("2020-05")
    with pytest.raises(nm.InvalidDateError, match="does not name one day"):
        as_day("2020-05-19~")
    with pytest.raises(TypeError, match=r"expected a datetime\.date"):
        as_day(20200519)
    with pytest.raises(TypeError):
        nm.PartialDate.parse(2019)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        nm.PartialDate.parse("2019").covers(dt.datetime(2019, 1, 1))


def test_partial_dates_are_immutable() -> None:
    date = nm.PartialDate.parse("2019")
    with pytest.raises(AttributeError):
        date.year = 2020  # type: ignore[misc]


def _iso_reference(text: str) -> tuple[int, int, int] | None:
    """The specification of an ISO query day: the pattern, then a real calendar day."""
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", text)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return year, month, day


@given(
    st.one_of(
        st.dates().map(dt.date.isoformat),
        st.text(alphabet="0123456789-²٣０ \n", min_size=9, max_size=11),
        st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
    )
)
@example("2020-02-30")
@example("2024-02-29")
@example("2023-02-29")
@example("0000-01-01")
@example("2020-05-19\n")
@example("２０２０-05-19")
def test_iso_day_check_matches_its_specification(text: str) -> None:
    assert _iso_day(text) == _iso_reference(text)
