"""Bounded work per input: every text a query takes has a maximum length, refused at once
by size (never by timing) in a short message, and the query caches keep nothing long."""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import sys
import tracemalloc
from typing import TYPE_CHECKING, Any

import pytest
from dateutil import parser as dateutil_parser
from hypothesis import example, given, settings
from hypothesis import strategies as st

import natoeu_milstaff as nm
from natoeu_milstaff import _dataset, _index
from natoeu_milstaff._dates import MAX_DATE_TEXT, QUERY_DAYS, QUERY_DAYS_SIZE
from natoeu_milstaff._index import MAX_NAME

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

MEGABYTE = 2**20
loose: Any = nm  # to pass what the annotations do not allow

# Every entry point that reads a date's text.
DATE_CALLS: dict[str, Callable[[str], object]] = {
    "who_held": lambda t: nm.who_held("DGIMS", t),
    "Dataset.who_held": lambda t: nm.Dataset.bundled().who_held("DGIMS", t),
    "appointment": lambda t: nm.appointment("DGIMS", t),
    "holders(during=day)": lambda t: nm.holders("DGIMS", during=t),
    "holders(during=(day, None))": lambda t: nm.holders("DGIMS", during=(t, None)),
    "conferences(between=(day, None))": lambda t: nm.conferences(between=(t, None)),
    "conferences(between=(None, day))": lambda t: nm.conferences(between=(None, t)),
    "PartialDate.from_text": nm.PartialDate.from_text,
    "PartialDate.parse": nm.PartialDate.parse,
}

# Every entry point that looks up a name or key, and the kind its message names.
NAME_CALLS: dict[str, tuple[str, Callable[[str], object]]] = {
    "official": ("official name", nm.official),
    "post": ("post name", nm.post),
    "topic": ("topic name", nm.topic),
    "meetings_about": ("topic name", nm.meetings_about),
    "conference": ("conference key", nm.conference),
    "conferences(chaired_by=)": ("official name", lambda t: nm.conferences(chaired_by=t)),
    "conferences(host=)": ("host name", lambda t: nm.conferences(host=t)),
    "who_held(post)": ("post name", lambda t: nm.who_held(t, "2020-05-19")),
    "appointment(post)": ("post name", lambda t: nm.appointment(t, "2020-05-19")),
    "holders(post)": ("post name", nm.holders),
    "Dataset.official": ("official name", lambda t: nm.Dataset.bundled().official(t)),
}


def _too_long(kind: str, text: str, limit: int) -> str:
    return f"{kind} is too long: {len(text)} characters, more than the limit of {limit} ({text[:20] + '…'!r})"


# -- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DATE_CALLS)
def test_a_megabyte_of_date_text_is_refused_at_once(name: str) -> None:
    text = "1" * MEGABYTE
    with pytest.raises(nm.InvalidDateError) as info:
        DATE_CALLS[name](text)
    assert str(info.value) == (
        "date text is too long: 1048576 characters, more than the limit of 100 ('11111111111111111111…')"
    )


@pytest.mark.parametrize("name", DATE_CALLS)
def test_date_text_up_to_the_limit_is_read(name: str) -> None:
    at_limit = "2020-05-19".ljust(MAX_DATE_TEXT)
    if name == "PartialDate.parse":  # strict EDTF: no spaces around
        with pytest.raises(nm.InvalidDateError, match="is not an EDTF date"):
            DATE_CALLS[name](at_limit)
    else:
        DATE_CALLS[name](at_limit)
    with pytest.raises(nm.InvalidDateError, match="date text is too long: 101 characters"):
        DATE_CALLS[name](at_limit + " ")


def test_a_padded_day_is_refused_whatever_its_content() -> None:
    """A day that the parser would read, padded past the limit: refused by its size alone."""
    text = "19 May 2020" + " " * MEGABYTE
    with pytest.raises(nm.InvalidDateError, match="date text is too long: 1048587 characters"):
        nm.who_held("DGIMS", text)
    assert text not in QUERY_DAYS


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("19 May 20", "2019 or 2020"),
        ("5/19/20", "2020"),
        ("20-05-19", "2019 or 2020"),
        ("99", "1999"),
        ("١٩ May ٢٠", "2019 or 2020"),
    ],
)
def test_a_year_not_written_in_full_is_refused(text: str, years: str) -> None:
    """python-dateutil would guess the century from today's date; the library does not."""
    message = (
        f"{text!r} has no year written in full (it could mean {years}); "
        "write the year with four digits (2020, not 20), so that no century is guessed"
    )
    with pytest.raises(nm.InvalidDateError) as info:
        nm.PartialDate.from_text(text)
    assert str(info.value) == message
    with pytest.raises(nm.InvalidDateError) as query:
        nm.who_held("DGIMS", text)
    assert str(query.value) == message
    with pytest.raises(nm.InvalidDateError, match="year written in full"):
        nm.conferences(between=(text, None))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19 May 2020", "2020-05-19"),
        ("5/19/2020", "2020-05-19"),
        ("20200519", "2020-05-19"),
        ("May 2020", "2020-05"),
        ("١٩ May ٢٠٢٠", "2020-05-19"),  # another script's digits, as python-dateutil reads them
        ("19 May ２０２０", "2020-05-19"),
    ],
)
def test_a_year_written_in_full_is_read(text: str, expected: str) -> None:
    assert str(nm.PartialDate.from_text(text)) == expected


# -- names ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAME_CALLS)
def test_a_megabyte_name_is_refused_at_once(name: str) -> None:
    kind, call = NAME_CALLS[name]
    text = "x" * MEGABYTE
    with pytest.raises(nm.InvalidValueError) as info:
        call(text)
    assert str(info.value) == _too_long(kind, text, MAX_NAME)
    assert len(str(info.value)) < 200


@pytest.mark.parametrize("name", NAME_CALLS)
def test_names_up_to_the_limit_are_looked_up(name: str) -> None:
    kind, call = NAME_CALLS[name]
    at_limit = "y" * MAX_NAME
    with pytest.raises(nm.Error) as info:
        call(at_limit)
    assert "too long" not in str(info.value)
    with pytest.raises(nm.InvalidValueError, match=f"{kind} is too long: 201 characters"):
        call(at_limit + "y")


def test_a_name_padded_to_the_limit_is_still_found() -> None:
    assert nm.official("Wiermann".center(MAX_NAME)).name == "Hans-Werner Wiermann"


def test_other_text_arguments_give_short_messages() -> None:
    text = "z" * MEGABYTE
    with pytest.raises(nm.InvalidValueError) as cite:
        nm.cite(text)
    assert (
        str(cite.value)
        == "unknown citation style 'zzzzzzzzzzzz...zzzzzzzzzzzzz'; expected 'text' or 'bibtex'"
    )
    with pytest.raises(nm.InvalidValueError) as basis:
        nm.conference(17).basis(text)
    assert str(basis.value).endswith(", got 'zzzzzzzzzzzz...zzzzzzzzzzzzz'")
    with pytest.raises(TypeError) as wrong_type:
        loose.who_held("DGIMS", [text])
    assert str(wrong_type.value) == "expected a datetime.date, got list (['zzzzzzzzzzzz...zzzzzzzzzzzzz'])"
    with pytest.raises(nm.InvalidDateError) as year:
        nm.PartialDate(year=text)  # type: ignore[arg-type]
    assert str(year.value) == "year must be an int from 1 to 9999, got 'zzzzzzzzzzzz...zzzzzzzzzzzzz'"


# -- work is bounded: counted, not timed ------------------------------------------------


@contextlib.contextmanager
def _spying() -> Iterator[list[tuple[str, int]]]:
    """Record the length of every text given to the parser, the name folder and difflib."""
    calls: list[tuple[str, int]] = []

    def spy(name: str, function: Any) -> Any:
        def wrapper(text: str, *args: Any, **kwargs: Any) -> Any:
            calls.append((name, len(text)))
            return function(text, *args, **kwargs)

        return wrapper

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(dateutil_parser, "parse", spy("parse", dateutil_parser.parse))
        mp.setattr(_index, "fold", spy("fold", _index.fold))
        mp.setattr(_dataset, "fold", spy("fold", _index.fold))
        mp.setattr(difflib, "get_close_matches", spy("difflib", difflib.get_close_matches))
        yield calls


LIMITS = {"parse": MAX_DATE_TEXT, "fold": MAX_NAME, "difflib": MAX_NAME}


def test_the_spies_see_the_work() -> None:
    """So that the test below cannot pass by watching nothing."""
    QUERY_DAYS.clear()
    with _spying() as calls, contextlib.suppress(nm.Error):
        nm.who_held("DGIMS", "19 May 2020")
        nm.official("Wiermam")
    assert {name for name, _ in calls} == {"parse", "fold", "difflib"}


ALL_CALLS = {**DATE_CALLS, **{name: call for name, (_, call) in NAME_CALLS.items()}}


@settings(max_examples=150, deadline=None)
@given(
    piece=st.text(min_size=1, max_size=4) | st.sampled_from(["1", "19 May 2020 ", "Wiermann ", " ", "é"]),
    times=st.sampled_from([1, 2, 25, 51, 101, 201, 4096, MEGABYTE]) | st.integers(1, MEGABYTE),
    call=st.sampled_from(sorted(ALL_CALLS)),
)
@example(piece="ß", times=101, call="Dataset.official")  # casefold makes 101 characters 202
def test_no_text_past_its_limit_reaches_the_expensive_work(piece: str, times: int, call: str) -> None:
    text = (piece * times)[:MEGABYTE]
    QUERY_DAYS.clear()  # a string asked before would skip the parser
    with _spying() as calls, contextlib.suppress(nm.Error):
        ALL_CALLS[call](text)
    for name, length in calls:
        assert length <= LIMITS[name], (name, length)
    # The loose-date reader asks python-dateutil at most eight times: four readings, two defaults.
    assert sum(name == "parse" for name, _ in calls) <= 8


# -- caches -----------------------------------------------------------------------------


def test_the_query_day_cache_is_bounded_in_entries_and_bytes() -> None:
    QUERY_DAYS.clear()
    start = dt.date(2000, 1, 1)
    for i in range(QUERY_DAYS_SIZE + 100):
        # The longest text it can keep, padded with a wide space (two bytes a character).
        text = (start + dt.timedelta(days=i)).isoformat().ljust(MAX_DATE_TEXT, "\u3000")
        nm.conferences(between=(text, text))
        assert text in QUERY_DAYS
        assert len(QUERY_DAYS) <= QUERY_DAYS_SIZE
    # As documented: at most QUERY_DAYS_SIZE strings, each no bigger than the limit's
    # length in four-byte characters.
    longest = sys.getsizeof("\U0001f600" * MAX_DATE_TEXT)
    assert sum(sys.getsizeof(key) for key in QUERY_DAYS) <= QUERY_DAYS_SIZE * longest
    assert all(len(key) <= MAX_DATE_TEXT for key in QUERY_DAYS)
    QUERY_DAYS.clear()


def test_megabyte_queries_leave_no_memory_behind() -> None:
    """Distinct padded days, once each: nothing of them stays (it was 1 MB each)."""
    nm.who_held("DGIMS", "2020-05-19")
    QUERY_DAYS.clear()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(64):
            text = "2020-05-19" + " " * (MEGABYTE + i)
            with contextlib.suppress(nm.InvalidDateError):
                nm.who_held("DGIMS", text)
            del text
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < MEGABYTE, kept
    assert all(len(key) <= MAX_DATE_TEXT for key in QUERY_DAYS)


def test_clear_cache_lets_go_of_every_cached_string() -> None:
    text = "".join(["19 May 2020", " " * 50])  # built at run time: a string of its own
    nm.who_held("DGIMS", text)
    assert text in QUERY_DAYS
    held = sys.getrefcount(text)
    nm.Dataset.clear_cache()
    assert not QUERY_DAYS
    assert sys.getrefcount(text) == held - 1
    assert nm.who_held("DGIMS", text).name == "Hans-Werner Wiermann"  # type: ignore[union-attr]
