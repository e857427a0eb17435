"""PartialDate: EDTF text, precision, ranges, loose parsing, refusals."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import natoeu_milstaff as nm
from natoeu_milstaff._dates import _from_canonical, _iso_day, as_period
from strategies import partial_dates


def as_day(value: object) -> dt.date:
    """The one day a query's date names."""
    first, last = as_period(value)
    assert first == last, (value, first, last)
    return first


@given(partial_dates())
@example(nm.PartialDate(year=2020, month=2, day=29))
@example(nm.PartialDate(year=1, approximate=True, uncertain=True))
@example(nm.PartialDate(year=9999, month=12, day=31, approximate=True))
@example(nm.PartialDate(year=2019, month=6, uncertain=True))
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


def test_query_dates_refuse_datetimes_and_qualified_text() -> None:
    with pytest.raises(TypeError, match=r"pass value\.date\(\)"):
        as_period(dt.datetime(2020, 5, 19, 12, 0))
    with pytest.raises(nm.InvalidDateError, match="approximate or uncertain"):
        as_period("2020-05-19~")
    with pytest.raises(nm.InvalidDateError, match="approximate or uncertain"):
        as_period(nm.PartialDate.parse("2020?"))
    with pytest.raises(TypeError, match=r"write a year as text: '2020'"):
        as_period(2020)
    with pytest.raises(TypeError, match=r"expected a datetime\.date, got float"):
        as_period(2020.5)
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
@example("0001-01-01")  # the first day there is
@example("9999-12-31")
@example("2020-00-10")  # month 0
@example("2020-05-00")  # day 0
@example("202 -05-19")  # int() would accept each of these space-padded fields
@example("2020- 5-19")
@example("2020-1 -19")
@example("2020-05- 9")
def test_iso_day_check_matches_its_specification(text: str) -> None:
    assert _iso_day(text) == _iso_reference(text)


# Month lengths written out, not computed, so that the test does not share the code's mistakes.
_LENGTHS_2021 = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


@pytest.mark.parametrize(
    ("year", "month", "last"),
    [(2021, month, last) for month, last in enumerate(_LENGTHS_2021, start=1)]
    + [(2020, 2, 29), (2000, 2, 29), (2400, 2, 29), (1900, 2, 28), (2100, 2, 28), (2023, 2, 28)],
)
def test_last_day_of_every_month_and_the_day_after(year: int, month: int, last: int) -> None:
    """Each month ends on its own last day: that day exists, the next does not."""
    assert nm.PartialDate(year=year, month=month).latest() == dt.date(year, month, last)
    assert nm.PartialDate(year=year, month=month, day=last).earliest() == dt.date(year, month, last)
    assert str(nm.PartialDate.parse(f"{year}-{month:02d}-{last}")) == f"{year}-{month:02d}-{last}"
    with pytest.raises(
        nm.InvalidDateError, match=rf"^day {last + 1} does not exist in {year}-{month:02d} \(1 to {last}\)$"
    ):
        nm.PartialDate(year=year, month=month, day=last + 1)
    assert _iso_day(f"{year}-{month:02d}-{last}") == (year, month, last)
    assert _iso_day(f"{year}-{month:02d}-{last + 1}") is None


@pytest.mark.parametrize("text", ["2000-02-29", "2400-02-29", "2024-02-29"])
def test_leap_days_of_leap_years(text: str) -> None:
    """A year divisible by 400 is a leap year, like any other year divisible by 4 but not 100."""
    assert as_day(text) == dt.date.fromisoformat(text)
    assert str(nm.PartialDate.parse(text)) == text


@pytest.mark.parametrize("text", ["1900-02-29", "2100-02-29", "2023-02-29"])
def test_no_leap_day_in_other_years(text: str) -> None:
    """A century year not divisible by 400 (1900, 2100) has no 29 February."""
    assert _iso_day(text) is None
    with pytest.raises(
        nm.InvalidDateError, match=r"is not a date: February \d{4} has no day 29 \(it has 28 days\)$"
    ):
        nm.PartialDate.parse(text)
    with pytest.raises(nm.InvalidDateError, match=r"^day 29 does not exist in \d{4}-02 \(1 to 28\)$"):
        nm.PartialDate(year=int(text[:4]), month=2, day=29)


@given(st.integers(1, 9999), st.integers(1, 12))
@example(1900, 2)
@example(2000, 2)
@example(1, 1)
@example(9999, 12)
def test_month_length_agrees_with_the_calendar_module(year: int, month: int) -> None:
    assert nm.PartialDate(year=year, month=month).latest().day == calendar.monthrange(year, month)[1]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"year": 0}, "year must be an int from 1 to 9999, got 0"),
        ({"year": 10000}, "year must be an int from 1 to 9999, got 10000"),
        ({"year": 2019.0}, "year must be an int from 1 to 9999, got 2019.0"),
        ({"year": 2019, "month": 0}, "month must be an int from 1 to 12 or None, got 0"),
        ({"year": 2019, "month": 13}, "month must be an int from 1 to 12 or None, got 13"),
        ({"year": 2019, "month": True}, "month must be an int from 1 to 12 or None, got True"),
        ({"year": 2019, "month": 1, "day": 0}, "day 0 does not exist in 2019-01 (1 to 31)"),
        ({"year": 2019, "month": 1, "day": "5"}, "day must be an int or None, got '5'"),
        ({"year": 2019, "day": 5}, "a day (5) needs a month"),
    ],
)
def test_out_of_range_fields_are_refused_with_their_message(fields: dict[str, object], message: str) -> None:
    with pytest.raises(nm.InvalidDateError) as info:
        nm.PartialDate(**fields)  # type: ignore[arg-type]
    assert str(info.value) == message


@pytest.mark.parametrize(("year", "month", "day"), [(1, 1, 1), (9999, 12, 31), (9999, None, None)])
def test_extreme_dates_are_accepted(year: int, month: int | None, day: int | None) -> None:
    date = nm.PartialDate(year=year, month=month, day=day)
    assert nm.PartialDate.parse(str(date)) == date


@pytest.mark.parametrize(
    ("stem", "fields"), [("2019", {}), ("2019-06", {"month": 6}), ("2019-06-05", {"month": 6, "day": 5})]
)
@pytest.mark.parametrize(
    ("mark", "approximate", "uncertain"),
    [("", False, False), ("~", True, False), ("?", False, True), ("%", True, True)],
)
def test_qualifiers_round_trip_at_every_precision(
    stem: str, fields: dict[str, int], mark: str, approximate: bool, uncertain: bool
) -> None:
    """``~``, ``?`` and ``%`` read into the two flags and are written back as they came."""
    text = stem + mark
    date = nm.PartialDate.parse(text)
    assert date == nm.PartialDate(year=2019, approximate=approximate, uncertain=uncertain, **fields)
    assert str(date) == text
    assert _from_canonical(text) == date
    assert nm.PartialDate.from_text(f" {text} ") == date


@given(partial_dates())
@example(nm.PartialDate(year=2019, month=6, day=5, approximate=True, uncertain=True))
@example(nm.PartialDate(year=2019, month=6, uncertain=True))
@example(nm.PartialDate(year=2019, approximate=True))
def test_compiled_data_reader_inverts_str(date: nm.PartialDate) -> None:
    """The unvalidated reader for compiled data gives back the date ``str`` wrote."""
    assert _from_canonical(str(date)) == date


def test_sort_key_orders_by_earliest_then_latest_day() -> None:
    dates = [nm.PartialDate.parse(t) for t in ["2020", "2019-12-31", "2019-06", "2019", "2019-06-01"]]
    ordered = sorted(dates, key=nm.PartialDate.sort_key)
    assert [str(d) for d in ordered] == ["2019", "2019-06-01", "2019-06", "2019-12-31", "2020"]
    assert nm.PartialDate.parse("2019-06").sort_key() == (dt.date(2019, 6, 1), dt.date(2019, 6, 30))


def test_query_days_accept_dates_and_loose_text() -> None:
    day = dt.date(2020, 5, 19)
    assert as_day(day) is day
    assert as_day("19 May 2020") == day
    assert as_day("May 19, 2020") == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("29 February", "'29 February' has no year"),
        ("31", "'31' has no year"),  # a bare day: the defaults' months must both have a 31st
        ("30", "'30' has no year"),
        ("19 May 2020 10am", "'19 May 2020 10am' has a time of day; give a calendar date only"),
        ("19 May 2020 10:30 UTC", "'19 May 2020 10:30 UTC' has a time zone; give a calendar date only"),
        ("19 May 2020 10:30 CEST", "'19 May 2020 10:30 CEST' has a time zone; give a calendar date only"),
        ("no digits", "'no digits' is not a date: it has no year"),
    ],
)
def test_loose_text_refusal_messages(text: str, message: str) -> None:
    with pytest.raises(nm.InvalidDateError) as info:
        nm.PartialDate.from_text(text)
    assert str(info.value) == message


def test_loose_text_with_only_a_year() -> None:
    assert nm.PartialDate.from_text("AD 2019") == nm.PartialDate(year=2019)


@pytest.mark.parametrize("text", [" 2018-11-26", "2018-11-26\n", "２０１９-１１-２５", "2019-١١"])
def test_edtf_in_files_is_strict_ascii(text: str) -> None:
    with pytest.raises(nm.InvalidDateError):
        nm.PartialDate.parse(text)


def test_unknown_time_zone_names_are_refused_not_warned() -> None:
    with pytest.raises(nm.InvalidDateError, match="time zone"):
        nm.who_held("DGIMS", "19 May 2020 10 T")


@given(partial_dates(), partial_dates(), partial_dates())
@example(
    nm.PartialDate(year=2019), nm.PartialDate(year=2019, month=1), nm.PartialDate(year=2019, month=1, day=1)
)
@example(
    nm.PartialDate(year=2019),
    nm.PartialDate(year=2019, approximate=True),
    nm.PartialDate(year=2019, uncertain=True),
)
def test_partial_dates_are_totally_ordered(a: nm.PartialDate, b: nm.PartialDate, c: nm.PartialDate) -> None:
    # Exactly one of <, ==, > holds, and it agrees with <=, >=.
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a <= b) == (a < b or a == b)
    assert (a >= b) == (a > b or a == b)
    assert (a < b) == (b > a)
    if a <= b <= c:  # transitive
        assert a <= c
    # Consistent with earliest(): a date that starts earlier sorts earlier.
    if a < b:
        assert a.earliest() <= b.earliest()
    if a.earliest() < b.earliest():
        assert a < b
    # And with sort_key, which ignores only the qualifiers.
    if a.sort_key() < b.sort_key():
        assert a < b


def test_partial_date_order_examples() -> None:
    texts = ["2019-02", "2019%", "2019", "2019-01-01", "2019?", "2019-01", "2019~", "2018-12-31"]
    ordered = sorted(nm.PartialDate.parse(t) for t in texts)
    assert [str(d) for d in ordered] == [
        "2018-12-31",
        "2019-01-01",
        "2019-01",
        "2019",
        "2019~",
        "2019?",
        "2019%",
        "2019-02",
    ]


def test_partial_dates_do_not_compare_with_other_types() -> None:
    loose: Any = nm.PartialDate.parse("2019")
    for other in (dt.date(2019, 1, 1), "2019", 2019, None):
        with pytest.raises(TypeError):
            loose < other  # noqa: B015
        with pytest.raises(TypeError):
            loose <= other  # noqa: B015
        with pytest.raises(TypeError):
            loose > other  # noqa: B015
        with pytest.raises(TypeError):
            loose >= other  # noqa: B015


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2019-00", "'2019-00' is not a date: there is no month 0 (months run from 01 to 12)"),
        ("2019-13", "'2019-13' is not a date: there is no month 13 (months run from 01 to 12)"),
        ("2019-06-00", "'2019-06-00' is not a date: June 2019 has no day 0 (it has 30 days)"),
        ("2019-06-31", "'2019-06-31' is not a date: June 2019 has no day 31 (it has 30 days)"),
        ("0000", "'0000' is not a date: there is no year 0"),
    ],
)
def test_impossible_dates_are_refused_in_words_about_the_text(text: str, message: str) -> None:
    with pytest.raises(nm.InvalidDateError) as info:
        nm.PartialDate.parse(text)
    assert str(info.value) == message


def test_the_query_day_cache_is_bounded() -> None:
    from natoeu_milstaff._dates import QUERY_DAYS

    QUERY_DAYS.clear()
    start = dt.date(2000, 1, 1)
    for i in range(1100):
        day = start + dt.timedelta(days=i)
        assert as_period(day.isoformat()) == (day, day)
        assert len(QUERY_DAYS) <= 1024
    assert len(QUERY_DAYS) == 1100 - 1024  # emptied once, when full, then filled again
    QUERY_DAYS.clear()


def test_a_date_subclass_is_a_day() -> None:
    class Day(dt.date):
        pass

    assert as_period(Day(2020, 5, 19)) == (dt.date(2020, 5, 19), dt.date(2020, 5, 19))


def test_conferences_sort_by_date() -> None:
    by_date = sorted(nm.conferences(), key=lambda c: c.date)
    assert [c.date.earliest() for c in by_date] == sorted(c.date.earliest() for c in nm.conferences())
    assert by_date == list(nm.conferences())  # the bundled chronology is the date order


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("May 32 2020", "that month has no such day"),
        ("13/13/2020", "there is no such month"),
        ("10000", "years run from 1 to 9999"),
        ("June 10000", "years run from 1 to 9999"),
        ("foo 2020", "write it as YYYY-MM-DD, '19 May 2020', 'May 2020' or '2020'"),
        ("-2020", "it starts with a sign or ends with a separator"),
        ("2020/", "it starts with a sign or ends with a separator"),
    ],
)
def test_loose_text_is_refused_in_the_library_s_words(text: str, reason: str) -> None:
    with pytest.raises(nm.InvalidDateError) as info:
        nm.PartialDate.from_text(text)
    assert str(info.value).startswith(f"{text!r} is not a date I can read")
    assert str(info.value).endswith(reason)
