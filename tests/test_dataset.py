"""``Dataset`` (``_dataset``): every indexed query answer equals a naive scan on random
datasets, every kind of bad input gets the library's own, specific error, and
load/dump/from_json/from_csv/export check their arguments."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import natoeu_milstaff as nm
from _support import SRC, P, copy_bundled_data, dataset_of, load_problems, official_named, replace_text
from natoeu_milstaff._cli import main
from strategies import AS_OF, INFO, POSTS, _at, datasets

if TYPE_CHECKING:
    from pathlib import Path

# The same package, typed loosely, to pass it wrong types on purpose.
loose: Any = nm

# -- naive oracles: linear scans written as plainly as possible ------------------------


def naive_appointment(ds: nm.Dataset, code: str, day: dt.date) -> nm.Appointment | str | None:
    def window(a: nm.Appointment, certain: bool) -> tuple[dt.date, dt.date]:
        low, high = a.certain_window() if certain else a.possible_window()
        if a.in_office:  # surely up to the record's as_of day, possibly on every later day
            return (low, AS_OF + dt.timedelta(days=1)) if certain else (low, dt.date.max)
        return low, high

    possible = [
        a
        for a in ds.tables.appointments
        if a.post.code == code and window(a, False)[0] <= day < window(a, False)[1]
    ]
    if len(possible) <= 1:
        return possible[0] if possible else None
    certain = [a for a in possible if window(a, True)[0] <= day < window(a, True)[1]]
    return certain[0] if len(certain) == 1 else "ambiguous"


def naive_about(ds: nm.Dataset, topic: nm.Topic) -> list[str]:
    wanted = {topic.id}
    changed = True
    while changed:
        changed = False
        for t in ds.tables.topics:
            if t.id not in wanted and any(p.id in wanted for p in t.broader):
                wanted.add(t.id)
                changed = True
    hits = [c for c in ds.tables.conferences if any(t.id in wanted for item in c.agenda for t in item.topics)]
    return [c.id for c in sorted(hits, key=lambda c: (c.date.earliest(), c.date.latest(), c.id))]


@given(datasets(), st.dates(dt.date(1999, 1, 1), dt.date(2032, 1, 1)))
def test_who_held_equals_a_naive_scan(ds: nm.Dataset, day: dt.date) -> None:
    for post in ds.tables.posts:
        expected = naive_appointment(ds, post.code, day)
        if expected == "ambiguous":
            with pytest.raises(nm.AmbiguousDateError):
                ds.who_held(post, day)
        else:
            assert ds.appointment(post.code, day) == expected
            assert isinstance(expected, (nm.Appointment, type(None)))
            assert ds.who_held(post, day) == (None if expected is None else expected.official)


def naive_during(ds: nm.Dataset, code: str, first: dt.date, last: dt.date) -> list[nm.Appointment]:
    """The tenures that may cover some day of a period: each day's answer, day by day."""
    found: list[nm.Appointment] = []
    day = first
    while day <= last:
        possible = [a for a in ds.tables.appointments if a.post.code == code and _possible(a, day)]
        certain = [a for a in possible if _certain(a, day)]
        for a in certain if len(possible) > 1 and len(certain) == 1 else possible:
            if a not in found:
                found.append(a)
        day += dt.timedelta(days=1)
    return found


def _possible(a: nm.Appointment, day: dt.date) -> bool:
    low, high = a.possible_window()
    return low <= day < (dt.date.max if a.in_office else high)


def _certain(a: nm.Appointment, day: dt.date) -> bool:
    low, high = a.certain_window()
    return low <= day < (AS_OF + dt.timedelta(days=1) if a.in_office else high)


@given(datasets(), st.dates(dt.date(1999, 1, 1), dt.date(2032, 12, 31)), st.sampled_from(["month", "year"]))
def test_month_and_year_questions_equal_a_day_by_day_scan(ds: nm.Dataset, day: dt.date, size: str) -> None:
    period = nm.PartialDate(year=day.year, month=day.month if size == "month" else None)
    for post in ds.tables.posts:
        expected = naive_during(ds, post.code, period.earliest(), period.latest())
        assert set(ds.holders(post, during=period)) == set(expected)
        assert ds.holders(post.code, during=str(period)) == ds.holders(post, during=period)
        officials = list(dict.fromkeys(a.official for a in expected))
        if len(officials) > 1:
            with pytest.raises(nm.AmbiguousDateError) as info:
                ds.who_held(post, str(period))
            assert set(info.value.candidates) == {o.name for o in officials}
        else:
            assert ds.who_held(post, period) == (officials[0] if officials else None)
        if len(expected) > 1:
            with pytest.raises(nm.AmbiguousDateError):
                ds.appointment(post, period)
        else:
            assert ds.appointment(post, str(period)) == (expected[0] if expected else None)


@given(datasets())
def test_who_held_on_handover_days_and_edges(ds: nm.Dataset) -> None:
    for a in ds.tables.appointments:
        for day in {*a.possible_window(), *a.certain_window()}:
            if dt.date(1, 1, 2) <= day <= dt.date(9999, 12, 30):
                for d in (day - dt.timedelta(days=1), day):
                    expected = naive_appointment(ds, a.post.code, d)
                    if expected == "ambiguous":
                        with pytest.raises(nm.AmbiguousDateError):
                            ds.appointment(a.post, d)
                    else:
                        assert ds.appointment(a.post, d) == expected


@given(datasets())
def test_meetings_about_equals_a_naive_scan_and_contains_narrower(ds: nm.Dataset) -> None:
    for topic in ds.tables.topics:
        found = ds.meetings_about(topic)
        assert [c.id for c in found] == naive_about(ds, topic)
        for parent in topic.broader:
            assert set(found) <= set(ds.meetings_about(parent))
        assert ds.meetings_about(topic.label) == found
        assert ds.meetings_about(topic.aliases[0].upper()) == found


@given(datasets(), st.data())
def test_conference_filters_equal_a_naive_scan(ds: nm.Dataset, data: st.DataObject) -> None:
    everything = ds.tables.conferences
    year = data.draw(st.none() | st.integers(1999, 2031))
    host: Any = data.draw(st.none() | st.sampled_from(["NATO", "EU", nm.Organisation.EU, "eums"]))
    chair = data.draw(st.none() | st.sampled_from([o.id for o in ds.tables.officials]))
    start = data.draw(st.dates(dt.date(1999, 1, 1), dt.date(2031, 1, 1)))
    end = start + dt.timedelta(days=data.draw(st.integers(0, 2000)))
    # Days, months or years as dates, PartialDates or text, with open ends.
    low_precision, high_precision = data.draw(st.tuples(*[st.sampled_from(list(nm.Precision))] * 2))
    low, high = _at(start, low_precision), _at(end, high_precision)
    between: Any = data.draw(
        st.sampled_from(
            [None, (start, end), (low, high), (str(low), str(high)), (None, high), (low, None), (None, None)]
        )
    )
    # The period a variant means: a date is one day, a partial date every day it can mean.
    if between is None or between[0] is None:
        first = dt.date.min
    else:
        first = start if isinstance(between[0], dt.date) else low.earliest()
    if between is None or between[1] is None:
        last = dt.date.max
    else:
        last = end if isinstance(between[1], dt.date) else high.latest()

    def keep(c: nm.Conference) -> bool:
        org = (
            None
            if host is None
            else (
                host
                if isinstance(host, nm.Organisation)
                else nm.Organisation.EU
                if host.upper() in ("EU", "EUMS")
                else nm.Organisation.NATO
            )
        )
        return (
            (year is None or c.date.earliest().year <= year <= c.date.latest().year)
            and (org is None or c.host is org)
            and (chair is None or any(ch.official.id == chair for ch in c.co_chairs))
            and (c.date.earliest() <= last and (c.end_date or c.date).latest() >= first)
        )

    expected = sorted(
        (c for c in everything if keep(c)), key=lambda c: (c.date.earliest(), c.date.latest(), c.id)
    )
    assert ds.conferences(year=year, host=host, chaired_by=chair, between=between) == tuple(expected)


@given(datasets())
def test_conference_lookup_by_id_date_and_ordinal(ds: nm.Dataset) -> None:
    for c in ds.tables.conferences:
        assert ds.conference(c.id) is c
        assert ds.conference(c.date.earliest()) is c
        assert ds.conference(str(c.date)) is c
        assert ds.conference(c) is c
        if c.ordinal is not None:
            assert ds.conference(c.ordinal) is c


@given(datasets())
def test_holders_are_chronological_and_complete(ds: nm.Dataset) -> None:
    for post in ds.tables.posts:
        held = ds.holders(post)
        assert set(held) == {a for a in ds.tables.appointments if a.post == post}
        starts = [a.possible_window()[0] for a in held]
        assert starts == sorted(starts)


# -- the documented behaviour on the bundled data -------------------------------------


def test_who_held_accepts_post_objects_titles_and_dates() -> None:
    dgims = nm.post("DGIMS")
    day = dt.date(2020, 5, 19)
    answers = {
        nm.who_held(dgims, day),
        nm.who_held("dgims", "19 May 2020"),
        nm.who_held("Director General of the NATO International Military Staff", "2020-05-19"),
    }
    assert {o.name for o in answers if o} == {"Hans-Werner Wiermann"}
    assert len(answers) == 1


def test_appointment_and_holders() -> None:
    a = nm.appointment("DGIMS", "2019-11-25")
    assert a is not None
    assert (str(a.start), str(a.end), a.official.nationality) == ("2019-07-11", "2022-07-14", "DE")
    assert [x.official.id for x in nm.holders("DGEUMS")][-3:] == [
        "esa-pulkkinen",
        "herve-blejean",
        "michiel-van-der-laan",
    ]
    assert nm.holders("DDGEUMS")[0].start is None


def test_conferences_filters_on_bundled_data() -> None:
    assert [c.id for c in nm.conferences(year=2019)] == ["conf-2019-05-29", "conf-2019-11-25"]
    assert [c.id for c in nm.conferences(host="EU", year=2020)] == ["conf-2020-05-19"]
    assert [c.id for c in nm.conferences(chaired_by="Jan Broeks")] == [
        "conf-2018-06-19",
        "conf-2018-11-26",
        "conf-2019-05-29",
    ]
    assert [c.id for c in nm.conferences(between=("2020-01-01", "2021-12-31"))] == [
        "conf-2020-05-19",
        "conf-2021-03-16",
        "conf-2021-11-16",
    ]
    assert [c.id for c in nm.conferences(year=2014)] == ["conf-2014-01-27", "conf-2014-06", "conf-2014-12-05"]
    assert [c.id for c in nm.conferences(host=nm.Organisation.NATO, year=2022)] == ["conf-2022-06-10"]
    assert nm.conferences(year=1990) == ()


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda: loose.who_held("DGIM", "2020-05-19"), nm.UnknownPostError, "did you mean 'DGIMS'"),
        (lambda: loose.who_held("DGIMS", "2020-05~"), nm.InvalidDateError, "approximate or uncertain"),
        (lambda: loose.who_held("DGIMS", "05/06/2020"), nm.InvalidDateError, "ambiguous"),
        (lambda: loose.who_held("DGIMS", "2020-02-30"), nm.InvalidDateError, "February 2020 has no day 30"),
        (lambda: loose.who_held("DGIMS", "someday"), nm.InvalidDateError, "'someday'"),
        (lambda: loose.who_held("DGIMS", dt.datetime(2020, 5, 19)), TypeError, "datetime"),
        (lambda: loose.who_held("DGIMS", 2020), TypeError, "int"),
        (lambda: loose.who_held(None, "2020-05-19"), TypeError, "post must be"),
        (lambda: loose.meetings_about("cybr"), nm.UnknownTopicError, "did you mean 'cyber'"),
        (lambda: loose.meetings_about(3), TypeError, "topic must be"),
        (lambda: loose.official("Wiermam"), nm.UnknownOfficialError, "Hans-Werner Wiermann"),
        (lambda: loose.official(None), TypeError, "name must be"),
        (lambda: loose.conference("2019-11-26"), nm.UnknownConferenceError, "none on 2019-11-26"),
        (lambda: loose.conference("2017"), nm.UnknownConferenceError, "the record has no conference in 2017"),
        (lambda: loose.conference("17st"), nm.UnknownConferenceError, "'17st'"),
        (
            lambda: loose.conference(dt.date(2022, 6, 11)),
            nm.UnknownConferenceError,
            "unknown conference '2022-06-11' (none on 2022-06-11; the nearest: conf-2022-06-10 and conf-2022-11-25)",
        ),
        (lambda: loose.conference(dt.datetime(2022, 6, 10)), TypeError, "datetime"),
        (lambda: loose.holders("DGIMS", during=["2019", "2020"]), TypeError, "got a list"),
        (lambda: loose.holders("DGIMS", during=("2019",)), TypeError, "got a tuple of 1"),
        (lambda: loose.who_held("DGIMS", "-2020"), nm.InvalidDateError, "starts with a sign"),
        (lambda: loose.who_held("DGIMS", "foo 2020"), nm.InvalidDateError, "write it as YYYY-MM-DD"),
        (lambda: loose.who_held("DGIMS", "May 32 2020"), nm.InvalidDateError, "that month has no such day"),
        (lambda: loose.conference("2014"), nm.AmbiguousDateError, "matches 3 conferences"),
        (lambda: loose.conference(99), nm.UnknownConferenceError, "known ordinals: 17, 18"),
        (lambda: loose.conference("99th"), nm.UnknownConferenceError, "known ordinals: 17, 18"),
        (lambda: loose.conference(2022), nm.UnknownConferenceError, "use conferences(year=2022)"),
        (lambda: loose.conference("2022"), nm.AmbiguousDateError, "list them with conferences(year=2022)"),
        (lambda: loose.official("Jan"), nm.UnknownOfficialError, "Jan Broeks"),
        (lambda: loose.conference(True), TypeError, "bool"),
        (lambda: loose.conference(1.5), TypeError, "float"),
        (lambda: loose.conference("not-a-conference"), nm.UnknownConferenceError, "'not-a-conference'"),
        (lambda: loose.conferences(host="UN"), nm.InvalidValueError, "expected one of NATO, EU"),
        (lambda: loose.conferences(host=1), TypeError, "host must be"),
        (lambda: loose.conferences(year="2019"), TypeError, "year must be an int"),
        (lambda: loose.conferences(between=("2020-01-01",)), TypeError, "between"),
        (
            lambda: loose.conferences(between=("2021-01-01", "2020-01-01")),
            nm.InvalidDateError,
            "before the start",
        ),
        (lambda: loose.conferences(chaired_by="Nobody"), nm.UnknownOfficialError, "'Nobody'"),
        (lambda: loose.holders("XYZ"), nm.UnknownPostError, "'XYZ'"),
    ],
)
def test_bad_input_gets_a_specific_error(call: object, error: type[Exception], fragment: str) -> None:
    with pytest.raises(error, match=None) as info:
        call()  # type: ignore[operator]
    assert fragment in str(info.value)
    if error is not TypeError:
        assert isinstance(info.value, nm.Error)


def test_results_cannot_be_mutated() -> None:
    c = nm.conference("2021-11-16")
    with pytest.raises(AttributeError):
        c.host = nm.Organisation.EU  # type: ignore[misc]
    assert isinstance(nm.conferences(), tuple)
    assert isinstance(c.agenda, tuple) and isinstance(c.co_chairs, tuple)
    with pytest.raises(AttributeError):
        loose.Dataset.bundled().x = 1
    assert isinstance(nm.meetings_about("cyber"), tuple)


# -- load, dump and the other readers and writers -------------------------------------


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return copy_bundled_data(tmp_path)


def test_invariant_breaks_are_reported_with_paths(data_dir: Path) -> None:
    replace_text(data_dir / "appointments.toml", 'end = "2019-07-11"', 'end = "2020-01-01"')
    replace_text(
        data_dir / "conferences.toml",
        'host = "EU"\nformat = "video-conference"',
        'host = "NATO"\nformat = "video-conference"',
    )
    text = "\n".join(load_problems(data_dir))
    assert "both held DGIMS" in text
    assert (
        "the same-host break between conf-2019-11-25 (NATO) and conf-2020-05-19 (NATO) is not documented"
        in text
    )


def test_load_refuses_wrong_argument_types() -> None:
    with pytest.raises(TypeError, match="path must be"):
        nm.Dataset.load(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="path must be"):
        nm.Dataset.bundled().dump(None)  # type: ignore[arg-type]


# -- edge cases found in review ------------------------------------------------------


def test_two_tenures_of_one_official_are_not_ambiguous_for_who_held() -> None:
    person = official_named("a")
    first = nm.Appointment(
        official=person, post=POSTS[0], start=P("2019-07-11"), end=P("2021-01"), sources=(SRC,)
    )
    second = nm.Appointment(
        official=person, post=POSTS[0], start=P("2021-01"), end=P("2022-07-14"), sources=(SRC,)
    )
    ds = dataset_of(first, second)
    assert ds.validate() == ()
    assert ds.who_held("DGN", "2021-01-15") == person
    with pytest.raises(nm.AmbiguousDateError, match="which tenure of A in DGN covers 2021-01-15") as caught:
        ds.appointment("DGN", "2021-01-15")
    assert caught.value.candidates == ("A",)


def test_dates_at_the_ends_of_the_calendar_do_not_overflow() -> None:
    c = nm.Conference(id="c", date=P("2018"), evidence=nm.Evidence.REPORTED, sources=(SRC,))
    ds = nm.Dataset(info=INFO, sources=(SRC,), conferences=(c,))
    assert ds.conferences(between=("0001-01-01", "0001-01-02")) == ()
    with pytest.raises(nm.UnknownConferenceError):
        ds.conference(dt.date(1, 1, 1))
    late = nm.Appointment(official=official_named("a"), post=POSTS[2], attested=(P("9999"),), sources=(SRC,))
    assert late.possible_window()[1] == dt.date.max
    end_of_time = nm.DatasetInfo(version="x", as_of=dt.date.max)
    serving = nm.Appointment(
        official=official_named("b"), post=POSTS[0], start=P("2020"), in_office=True, sources=(SRC,)
    )
    ds = nm.Dataset(
        info=end_of_time, sources=(SRC,), posts=POSTS, officials=(serving.official,), appointments=(serving,)
    )
    assert ds.validate() == ()
    assert ds.who_held("DGN", dt.date(9999, 12, 30)) == serving.official


def test_objects_from_another_dataset_are_named_as_such() -> None:
    foreign = attrs.evolve(nm.post("DGIMS"), title="Another title")
    with pytest.raises(nm.UnknownPostError, match="not this dataset's own"):
        nm.who_held(foreign, "2020-05-19")
    with pytest.raises(nm.UnknownTopicError, match="not this dataset's own"):
        nm.meetings_about(attrs.evolve(nm.topic("cyber"), label="Cyber!"))


def test_coverage_reports_a_post_with_no_holder_at_all() -> None:
    c = nm.Conference(id="c", date=P("2020-03-01"), evidence=nm.Evidence.REPORTED, sources=(SRC,))
    ds = nm.Dataset(info=INFO, sources=(SRC,), posts=POSTS, conferences=(c,))
    gaps = {(g.post.code, str(g.start)) for g in ds.coverage().holder_gaps}
    assert gaps == {(p.code, "2020-03-01") for p in POSTS}


def test_from_json_refuses_wrong_shapes_with_data_errors(tmp_path: Path) -> None:
    import json as _json

    from natoeu_milstaff._model import TABLES

    files = [t.file for t in TABLES]

    for content in (
        _json.dumps(dict.fromkeys(files, 5)),
        _json.dumps({**{k: ["x"] for k in files}, "dataset.toml": {"version": "1", "as_of": "2020-01-01"}}),
        "[" * 100_000,
    ):
        path = tmp_path / "d.json"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(nm.DataError):
            nm.Dataset.from_json(path)


def test_odd_paths_are_refused(tmp_path: Path) -> None:
    ds = nm.Dataset.bundled()
    for bad in ("", "   ", str(tmp_path / "a\0b")):
        with pytest.raises(nm.InvalidValueError):
            ds.export(bad, "csv")
        with pytest.raises(nm.InvalidValueError):
            nm.Dataset.from_csv(bad)
        with pytest.raises(nm.InvalidValueError):
            nm.Dataset.from_json(bad)
    out, err = io.StringIO(), io.StringIO()
    assert main(["export", "--out", str(tmp_path / "a\0b")], out=out, err=err) == 2
    assert "Traceback" not in err.getvalue()


def test_lookups_hand_back_the_dataset_s_own_record() -> None:
    ds = nm.Dataset.bundled()
    for post in ds.posts():
        assert ds.post(post) is post
        assert ds.post(post.title) is post
    for topic in ds.topics():
        assert ds.topic(topic) is topic
        assert ds.topic(topic.label.upper()) is topic
    for official in ds.officials():
        assert ds.official(official) is official


@pytest.mark.parametrize(
    "call",
    [
        lambda: nm.who_held("DGIMS", "2013-07-10"),  # the fast path's miss, then ambiguity
        lambda: nm.who_held("DGIM", "2013-07-10"),
        lambda: nm.who_held("DGIMS", "2013"),
        lambda: nm.appointment("DGIMS", "someday"),
    ],
)
def test_errors_do_not_drag_internal_exceptions_into_the_traceback(call: Any) -> None:
    with pytest.raises(nm.Error) as info:
        call()
    assert info.value.__context__ is None or info.value.__suppress_context__


@pytest.mark.parametrize(
    ("text", "ordinal"),
    [("1st", 1), ("2nd", 2), ("3rd", 3), ("11th", 11), ("21st", 21), ("22nd", 22), ("no. 17", 17)],
)
def test_ordinals_written_out(text: str, ordinal: int) -> None:
    from natoeu_milstaff._dataset import _ordinal

    assert _ordinal(text) == ordinal


@pytest.mark.parametrize("text", ["17st", "21th", "11st", "0", "017", "1000", "17 th", "seventeenth", ""])
def test_not_ordinals(text: str) -> None:
    from natoeu_milstaff._dataset import _ordinal

    assert _ordinal(text) is None
