"""Dates at the precision a source gives them.

``PartialDate`` keeps a year, a year and month, or a full day, with the EDTF
(ISO 8601-2) qualifiers ``~`` (approximate), ``?`` (uncertain) and ``%`` (both).
Loose text such as ``"19 May 2020"`` is read by python-dateutil, imported only when
such text is met.

Date text is at most ``MAX_DATE_TEXT`` (100) characters long: longer text is refused
before any parsing, since python-dateutil's work grows with the square of its length
(a megabyte of digits took 30 to 60 seconds). The longest date people write ("Wednesday, 19
September 2020") is under 30 characters.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import warnings
from typing import TYPE_CHECKING

import attrs

from ._value import Value

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._errors import InvalidDateError

__all__ = ["MAX_DATE_TEXT", "PartialDate", "Precision", "as_period", "half_year"]

MAX_DATE_TEXT = 100
"""The most characters a date's text may have, surrounding spaces included."""

# A pattern, not a compiled one: re compiles and caches it on first use, so that importing
# this module (on every cold start) compiles none.
_EDTF = r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([~?%])?"
_QUALIFIER = {"": (False, False), "~": (True, False), "?": (False, True), "%": (True, True)}


def _date_error(message: str) -> InvalidDateError:
    """The error to raise; its module is imported only when one is raised."""
    from ._errors import InvalidDateError

    return InvalidDateError(message)


def _check_length(text: str) -> None:
    """Refuse date text longer than ``MAX_DATE_TEXT``, before any work that grows with it."""
    if len(text) > MAX_DATE_TEXT:
        from ._errors import too_long

        raise _date_error(too_long("date text", text, MAX_DATE_TEXT))


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """Length of a month in the proleptic Gregorian calendar (no ``calendar`` import)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS[month - 1]


class Precision(enum.Enum):
    """How much of a date a source gives.

    >>> nm.conference("2014-06").date.precision
    <Precision.MONTH: 'month'>
    """

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


def _brief(value: object) -> str:
    """A value's repr for a message, long ones cut in the middle: never a megabyte."""
    import reprlib

    return reprlib.repr(value)


def _check_year(_: object, __: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or not 1 <= value <= 9999:
        raise _date_error(f"year must be an int from 1 to 9999, got {_brief(value)}")


def _check_month(_: object, __: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and (type(value) is not int or not 1 <= value <= 12):
        raise _date_error(f"month must be an int from 1 to 12 or None, got {_brief(value)}")


def _check_day(inst: PartialDate, _: attrs.Attribute[int | None], value: int | None) -> None:
    if value is None:
        return
    if inst.month is None:
        raise _date_error(f"a day ({_brief(value)}) needs a month")
    if type(value) is not int:
        raise _date_error(f"day must be an int or None, got {_brief(value)}")
    last = _days_in_month(inst.year, inst.month)
    if not 1 <= value <= last:
        raise _date_error(f"day {value} does not exist in {inst.year:04d}-{inst.month:02d} (1 to {last})")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class PartialDate(Value):
    """A calendar date known to the year, the month or the day.

    The text form is EDTF: ``2019``, ``2019-06``, ``2019-06-05``, followed by ``~``
    (approximate), ``?`` (uncertain) or ``%`` (both).

    Partial dates are totally ordered, so records sort by their dates
    (``sorted(nm.conferences(), key=lambda c: c.date)``): by the earliest day each can
    mean, then by the latest (``2019-01-01`` < ``2019-01`` < ``2019`` < ``2019-02``), then
    plain before ``~``, ``?`` and ``%``. ``a < b`` implies ``a.earliest() <= b.earliest()``.

    >>> [str(d) for d in sorted(PartialDate.parse(t) for t in ["2019-02", "2019", "2019-01-01"])]
    ['2019-01-01', '2019', '2019-02']

    >>> d = PartialDate.parse("2019-06")
    >>> d.precision, str(d)
    (<Precision.MONTH: 'month'>, '2019-06')
    >>> d.earliest(), d.latest()
    (datetime.date(2019, 6, 1), datetime.date(2019, 6, 30))
    >>> d.covers(datetime.date(2019, 6, 17))
    True
    """

    year: int = attrs.field(validator=_check_year)
    month: int | None = attrs.field(default=None, validator=_check_month)
    day: int | None = attrs.field(default=None, validator=_check_day)
    approximate: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    uncertain: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))

    @property
    def precision(self) -> Precision:
        """``YEAR``, ``MONTH`` or ``DAY``.

        >>> PartialDate.parse("2019-06~").precision
        <Precision.MONTH: 'month'>
        """
        if self.day is not None:
            return Precision.DAY
        return Precision.YEAR if self.month is None else Precision.MONTH

    def earliest(self) -> dt.date:
        """The first day this date can mean.

        >>> PartialDate.parse("2019").earliest()
        datetime.date(2019, 1, 1)
        """
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """The last day this date can mean.

        >>> PartialDate.parse("2020-02").latest()
        datetime.date(2020, 2, 29)
        """
        month = self.month or 12
        return dt.date(self.year, month, self.day or _days_in_month(self.year, month))

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` falls within this date.

        >>> PartialDate.parse("2020").covers(datetime.date(2020, 5, 19))
        True
        """
        return self.earliest() <= _require_day(day) <= self.latest()

    def sort_key(self) -> tuple[dt.date, dt.date]:
        """A key that orders partial dates by their earliest, then latest, day.

        >>> PartialDate.parse("2019-06").sort_key()
        (datetime.date(2019, 6, 1), datetime.date(2019, 6, 30))
        """
        return (self.earliest(), self.latest())

    # A total order consistent with ``earliest()`` and with equality: by the earliest
    # day, then the latest (so a first day comes before its month, which comes before
    # its year), then the qualifiers (plain, ~, ?, %). The earliest and latest days fix
    # year, month and day, so two dates are equal exactly when neither is less.
    def _order(self) -> tuple[dt.date, dt.date, bool, bool]:
        return (self.earliest(), self.latest(), self.uncertain, self.approximate)

    def __lt__(self, other: PartialDate) -> bool:
        if other.__class__ is not PartialDate:
            return NotImplemented
        return self._order() < other._order()

    def __le__(self, other: PartialDate) -> bool:
        if other.__class__ is not PartialDate:
            return NotImplemented
        return self._order() <= other._order()

    def __gt__(self, other: PartialDate) -> bool:
        if other.__class__ is not PartialDate:
            return NotImplemented
        return self._order() > other._order()

    def __ge__(self, other: PartialDate) -> bool:
        if other.__class__ is not PartialDate:
            return NotImplemented
        return self._order() >= other._order()

    def __repr__(self) -> str:
        return f"PartialDate.parse({str(self)!r})"

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        if self.approximate and self.uncertain:
            return text + "%"
        if self.approximate:
            return text + "~"
        return text + "?" if self.uncertain else text

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read the EDTF text form (``2019``, ``2019-06``, ``2019-06-05``, ``2019-06~``).

        Text longer than ``MAX_DATE_TEXT`` (100) characters is refused unread.

        >>> d = PartialDate.parse("2019-11-25~")
        >>> d.year, d.month, d.day, d.approximate
        (2019, 11, 25, True)
        """
        if not isinstance(text, str):
            raise TypeError(f"PartialDate.parse() takes a str, got {type(text).__name__}")
        _check_length(text)
        m = re.fullmatch(_EDTF, text)
        if m is None:
            raise _date_error(
                f"{text!r} is not an EDTF date; expected YYYY, YYYY-MM or YYYY-MM-DD, "
                "optionally followed by ~, ? or %"
            )
        year, month, day, qual = m.groups()
        approximate, uncertain = _QUALIFIER[qual or ""]
        _check_parts(text, int(year), int(month) if month else None, int(day) if day else None)
        return cls(
            year=int(year),
            month=int(month) if month else None,
            day=int(day) if day else None,
            approximate=approximate,
            uncertain=uncertain,
        )

    @classmethod
    def from_text(cls, text: str) -> PartialDate:
        """Read EDTF, or loose English text such as ``"19 May 2020"`` or ``"May 2020"``.

        Numeric forms that could be read two ways (``"05/06/2020"``) are refused, and so
        is a year not written with four digits (``"19 May 20"``, ``"5/19/20"``): no century
        is guessed. Text longer than ``MAX_DATE_TEXT`` (100) characters is refused unread.

        >>> str(PartialDate.from_text("19 May 2020")), str(PartialDate.from_text("June 2019"))
        ('2020-05-19', '2019-06')
        """
        if not isinstance(text, str):
            raise TypeError(f"PartialDate.from_text() takes a str, got {type(text).__name__}")
        _check_length(text)
        if re.fullmatch(_EDTF, text.strip()):
            return cls.parse(text.strip())
        year, month, day = _loose(text)
        return cls(year=year, month=month, day=day)

    @classmethod
    def from_date(cls, day: dt.date) -> PartialDate:
        """A day-precise ``PartialDate`` for a ``datetime.date``.

        >>> PartialDate.from_date(datetime.date(2020, 5, 19))
        PartialDate.parse('2020-05-19')
        """
        day = _require_day(day)
        return cls(year=day.year, month=day.month, day=day.day)


def ordinal(number: int) -> str:
    """A number in English ordinal form: ``1st``, ``2nd``, ``3rd``, ``11th``, ``22nd``.

    >>> [ordinal(n) for n in (1, 12, 17, 21, 22, 113)]
    ['1st', '12th', '17th', '21st', '22nd', '113th']
    """
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _check_parts(text: str, year: int, month: int | None, day: int | None) -> None:
    """Refuse a date that does not exist, in words about the text the user gave."""
    if year == 0:
        raise _date_error(f"{text!r} is not a date: there is no year 0")
    if month is not None and not 1 <= month <= 12:
        raise _date_error(f"{text!r} is not a date: there is no month {month} (months run from 01 to 12)")
    if month is not None and day is not None:
        last = _days_in_month(year, month)
        if not 1 <= day <= last:
            raise _date_error(
                f"{text!r} is not a date: {_MONTHS[month - 1]} {year} has no day {day} (it has {last} days)"
            )


def half_year(date: PartialDate | dt.date) -> int:
    """The half-year in which a date (its earliest day) falls, counted as ``2 * year + (0 or 1)``.

    >>> half_year(PartialDate.parse("2019-06-30")), half_year(datetime.date(2019, 7, 1))
    (4038, 4039)
    """
    day = date.earliest() if isinstance(date, PartialDate) else date
    return 2 * day.year + (0 if day.month <= 6 else 1)


def _from_canonical(text: str) -> PartialDate:
    """A ``PartialDate`` from EDTF text that ``str(PartialDate)`` wrote, without validating.

    For compiled data only, which was validated when it was compiled.
    """
    qualifier = text[-1] if text[-1] in "~?%" else ""
    parts = text[: len(text) - len(qualifier)].split("-")
    obj = object.__new__(PartialDate)
    setattr_ = object.__setattr__
    setattr_(obj, "year", int(parts[0]))
    setattr_(obj, "month", int(parts[1]) if len(parts) > 1 else None)
    setattr_(obj, "day", int(parts[2]) if len(parts) > 2 else None)
    setattr_(obj, "approximate", qualifier in ("~", "%"))
    setattr_(obj, "uncertain", qualifier in ("?", "%"))
    return obj


def _iso_day(text: str) -> tuple[int, int, int] | None:
    """Year, month and day of ``YYYY-MM-DD`` text that names a real day, else ``None``.

    ``isdigit`` on ASCII-only text is the test ``[0-9]``, without compiling a pattern.
    """
    if len(text) != 10 or not text.isascii() or text[4] != "-" or text[7] != "-":
        return None
    if not (text[:4] + text[5:7] + text[8:]).isdigit():
        return None
    year, month, day = int(text[:4]), int(text[5:7]), int(text[8:])
    if year >= 1 and 1 <= month <= 12 and 1 <= day <= _days_in_month(year, month):
        return year, month, day
    return None


def _require_day(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        raise TypeError(
            f"expected a date, got a datetime ({value!r}); pass value.date() — "
            "a time of day would make the answer depend on the caller's time zone"
        )
    if not isinstance(value, dt.date):
        raise TypeError(f"expected a datetime.date, got {type(value).__name__} ({_brief(value)})")
    return value


def as_period(value: object) -> tuple[dt.date, dt.date]:
    """The first and last day a query's date argument names.

    A ``date`` or a day's text (``"2020-05-19"``, ``"19 May 2020"``) names one day; a
    month (``"2020-05"``, ``"May 2020"``) or a year (``"2020"``) every day in it; a
    ``PartialDate`` the days it can mean. Refuses a ``datetime`` (``TypeError``) and
    approximate, uncertain, impossible or ambiguous dates, a year not written with four
    digits, and text longer than ``MAX_DATE_TEXT`` characters (``InvalidDateError``).

    >>> as_period("2020-05")
    (datetime.date(2020, 5, 1), datetime.date(2020, 5, 31))
    """
    if type(value) is dt.date:
        return value, value
    if isinstance(value, str):
        day = QUERY_DAYS.get(value)
        if day is not None:
            return day, day
        date = _query_date(value)  # refuses text longer than MAX_DATE_TEXT
        if date.day is not None:
            day = date.earliest()
            if len(QUERY_DAYS) >= QUERY_DAYS_SIZE:
                QUERY_DAYS.clear()
            QUERY_DAYS[value] = day
            return day, day
        return date.earliest(), date.latest()
    if isinstance(value, PartialDate):
        if value.approximate or value.uncertain:
            raise _date_error(
                f"{value} is approximate or uncertain; a query needs a plain day, month or year"
            )
        return value.earliest(), value.latest()
    if isinstance(value, int) and not isinstance(value, bool):
        raise TypeError(f"expected a date, got the int {value!r}; write a year as text: {str(value)!r}")
    day = _require_day(value)
    return day, day


QUERY_DAYS_SIZE = 1024
"""The most strings ``QUERY_DAYS`` keeps; when full, it is emptied and starts again."""

QUERY_DAYS: dict[str, dt.date] = {}
"""Query strings already read as days, so that a repeated question skips the parser.

Only days are kept (a refused string raises again each time), at most
``QUERY_DAYS_SIZE`` (1024) of them, and only strings the parser accepted, so none longer
than ``MAX_DATE_TEXT`` (100) characters: the cache holds at most 1024 strings of at most
100 characters, about half a megabyte at most, even for text of four-byte characters.
``Dataset.clear_cache()`` empties it.
"""


def _query_date(text: str) -> PartialDate:
    """The day, month or year a query's text names."""
    iso = _iso_day(text)
    if iso is not None:
        return PartialDate(year=iso[0], month=iso[1], day=iso[2])
    date = PartialDate.from_text(text)
    if date.approximate or date.uncertain:
        raise _date_error(
            f"{text!r} is approximate or uncertain; a query needs a plain day, month or year "
            "such as '2020-05-19', 'May 2020' or '2020'"
        )
    return date


def _why(reason: str) -> str:
    """python-dateutil's refusal, in the library's words."""
    if reason.startswith("day is out of range"):
        return "I can read: that month has no such day"
    if reason.startswith("month must be"):
        return "I can read: there is no such month"
    if reason.startswith("year"):  # "year 10000 is out of range"
        return "I can read: years run from 1 to 9999"
    return "I can read; write it as YYYY-MM-DD, '19 May 2020', 'May 2020' or '2020'"


def _loose(text: str) -> tuple[int, int | None, int | None]:
    """Parse loose text with dateutil, finding which parts the text itself gave."""
    from dateutil import parser  # deferred: import stays cheap

    if not re.search(r"\d", text):
        raise _date_error(f"{text!r} is not a date: it has no year")
    if re.match(r"\s*[-+]", text) or re.search(r"[-+/,.:]\s*$", text):
        raise _date_error(
            f"{text!r} is not a date I can read: it starts with a sign or ends with a separator"
        )
    # Two defaults that differ in every field show which fields came from the text.
    # Both default years are leap years so that "29 February" never fails on them.
    low = dt.datetime(2000, 1, 1, 0, 0, 0, 0)
    high = dt.datetime(2004, 3, 3, 1, 1, 1, 1)
    readings: set[tuple[int, int, int]] = set()
    results: list[tuple[dt.datetime, dt.datetime]] = []
    for dayfirst in (False, True):
        for yearfirst in (False, True):
            pair = []
            for default in (low, high):
                call: Callable[..., dt.datetime] = parser.parse
                try:
                    with warnings.catch_warnings():
                        # dateutil warns of time zone names it does not know; that is a refusal.
                        warnings.simplefilter("error")
                        got = call(text, default=default, dayfirst=dayfirst, yearfirst=yearfirst)
                except Warning:
                    raise _date_error(f"{text!r} has a time zone; give a calendar date only") from None
                except (ValueError, OverflowError) as exc:
                    raise _date_error(f"{text!r} is not a date {_why(str(exc))}") from None
                pair.append(got)
            results.append((pair[0], pair[1]))
            readings.add((pair[0].year, pair[0].month, pair[0].day))
    first, second = results[0]
    if first.tzinfo is not None or second.tzinfo is not None:
        raise _date_error(f"{text!r} has a time zone; give a calendar date only")
    if first.hour == second.hour or first.minute == second.minute:
        raise _date_error(f"{text!r} has a time of day; give a calendar date only")
    if first.year != second.year:
        raise _date_error(f"{text!r} has no year")
    # dateutil reads "20" as a year of the century nearest today: a guess, refused. Each
    # reading's year must be in the text as the first four digits of a run of digits
    # (2020, or 20200519 in ISO 8601's basic form; any script's digits, as dateutil's).
    written = {int(run[:4]) for run in re.findall(r"\d+", text) if len(run) >= 4}
    guessed = sorted({f"{y:04d}" for y, _, _ in readings if y not in written})
    if guessed:
        raise _date_error(
            f"{text!r} has no year written in full (it could mean {' or '.join(guessed)}); "
            "write the year with four digits (2020, not 20), so that no century is guessed"
        )
    if len(readings) > 1:
        options = ", ".join(sorted(f"{y:04d}-{m:02d}-{d:02d}" for y, m, d in readings))
        raise _date_error(
            f"{text!r} is ambiguous (it could be {options}); write it as YYYY-MM-DD or with the month's name"
        )
    month = first.month if first.month == second.month else None
    day = first.day if first.day == second.day else None
    if day is not None and month is None:
        raise _date_error(f"{text!r} has a day but no month")
    return first.year, month, day
