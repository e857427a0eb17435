"""The record classes (``_model``) and their shared base (``_value``): equality and
hashing behave as attrs' generated ones do, the repr reads like a constructor call, and
nothing the API returns lets a caller change the bundled data. (Reprs and notebook
displays in full: test_display.)"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import pickle
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import natoeu_milstaff as nm
from _support import SRC, P, dataset_of, official_named
from natoeu_milstaff._coverage import HolderGap
from strategies import POSTS

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

# The package typed loosely, to pass wrong types on purpose.
loose: Any = nm

BUNDLED = nm.Dataset.bundled()
RECORDS: list[Any] = [
    *BUNDLED.tables.sources,
    *BUNDLED.tables.posts,
    *BUNDLED.tables.officials,
    *BUNDLED.tables.appointments,
    *BUNDLED.tables.topics,
    *BUNDLED.tables.conferences,
    *BUNDLED.tables.exceptions,
    *BUNDLED.tables.declarations,
    *BUNDLED.tables.progress_reports,
    BUNDLED.info,
    BUNDLED.coverage(),
    BUNDLED.release(),
]


class _NeverEqual:
    """A value unequal even to itself, like a NaN."""

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = object.__hash__


def test_equal_to_a_copy_and_hashed_alike() -> None:
    for record in RECORDS:
        twin = pickle.loads(pickle.dumps(record))
        assert twin == record
        assert not (twin != record)  # noqa: SIM202 - both operators are under test
        assert hash(twin) == hash(record)
        assert copy.deepcopy(record) == record
        assert attrs.evolve(record) == record
        assert (record == 1) is False and record != "x"


def test_unequal_across_classes_and_fields() -> None:
    wiermann, blejean = BUNDLED.official("hans-werner-wiermann"), BUNDLED.official("herve-blejean")
    assert wiermann != blejean
    assert attrs.evolve(wiermann, aliases=()) != wiermann
    post = BUNDLED.post("DGIMS")
    day = dt.date(2020, 1, 1)
    assert HolderGap(post=post, start=day, end=day) != nm.PartialDate.parse("2020")  # type: ignore[comparison-overlap]


def test_fields_compare_one_by_one_as_attrs_does() -> None:
    post = BUNDLED.post("DGIMS")
    odd = _NeverEqual()
    gap = HolderGap(post=post, start=odd, end=dt.date(2020, 1, 1))  # type: ignore[arg-type]
    assert gap != gap  # noqa: PLR0124 - attrs has no shortcut for a field equal to nothing
    assert not (gap == gap)  # noqa: PLR0124, SIM201


def test_repr_reads_like_a_constructor_call_naming_held_records() -> None:
    assert repr(BUNDLED.post("DGIMS")).startswith("Post(code='DGIMS', title=")
    official = BUNDLED.official("hans-werner-wiermann")
    assert repr(official) == (
        "Official(id='hans-werner-wiermann', name='Hans-Werner Wiermann', nationality='DE', "
        "service=Service.ARMY, aliases=('Hans-Werner Wierman',), "
        "sources=(<Source nato-news-167904>, <Source nato-news-188657>))"
    )

    @attrs.frozen(kw_only=True, eq=False, repr=False)
    class LocalInfo(nm.DatasetInfo):
        pass

    # A field that holds its default is left out, as a constructor call would.
    assert repr(LocalInfo(version="1", as_of=dt.date(2020, 1, 1))) == (
        "LocalInfo(version='1', as_of=datetime.date(2020, 1, 1))"
    )
    info = LocalInfo(version="1", as_of=dt.date(2020, 1, 1), title="Mine")
    assert repr(info) == "LocalInfo(version='1', as_of=datetime.date(2020, 1, 1), title='Mine')"


@given(st.sampled_from(RECORDS), st.sampled_from(RECORDS))
def test_equality_agrees_with_the_fields(a: Any, b: Any) -> None:
    same = type(a) is type(b) and attrs.astuple(a, recurse=False) == attrs.astuple(b, recurse=False)
    assert (a == b) is same
    if same:
        assert hash(a) == hash(b)


def test_mypy_still_flags_comparisons_of_unrelated_types(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api")
    snippet = tmp_path / "snippet.py"
    snippet.write_text(
        "import natoeu_milstaff as nm\n"
        "o = nm.official('Wiermann')\n"
        "print(o == 'hans-werner-wiermann', o == nm.PartialDate.parse('2020'))\n",
        encoding="utf-8",
    )
    out, _, _ = api.run(["--strict", "--cache-dir", str(tmp_path / "cache"), str(snippet)])
    assert out.count("[comparison-overlap]") == 2, out


# -- immutability: nothing reachable from the dataset can be changed -------------------


def _reachable(root: Any) -> Iterator[Any]:
    """Every object reachable from ``root`` through attrs fields and tuples."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        yield obj
        if isinstance(obj, (tuple, frozenset)):
            stack.extend(obj)
        elif attrs.has(type(obj)):
            stack.extend(getattr(obj, f.name) for f in attrs.fields(type(obj)))


def test_every_reachable_object_is_immutable() -> None:
    ds = nm.Dataset.bundled()
    kinds: set[type] = set()
    for obj in _reachable(ds.tables):
        kinds.add(type(obj))
        if isinstance(obj, (str, int, bool, dt.date, enum.Enum, type(None))):
            continue
        assert isinstance(obj, (tuple, frozenset)) or attrs.has(type(obj)), type(obj)
        if attrs.has(type(obj)):
            name = attrs.fields(type(obj))[0].name
            with pytest.raises(AttributeError):
                setattr(obj, name, None)
            assert not hasattr(obj, "__dict__"), f"{type(obj).__name__} is not slotted"
    assert {nm.Conference, nm.Official, nm.Appointment, nm.Chair, nm.AgendaItem, nm.Source} <= kinds


def test_query_results_are_tuples_and_the_dataset_is_sealed() -> None:
    ds = nm.Dataset.bundled()
    results = [
        nm.conferences(),
        nm.meetings_about("cyber"),
        nm.holders("DGIMS"),
        nm.topics(),
        nm.sources(),
        nm.officials(),
        nm.posts(),
        nm.appointments(),
        nm.joint_declarations(),
        nm.progress_reports(),
        nm.alternation_exceptions(),
        nm.validate(),
    ]
    assert all(isinstance(r, tuple) for r in results)
    with pytest.raises(AttributeError):
        ds.info = None  # type: ignore[misc, assignment]
    with pytest.raises(AttributeError):
        del ds._tables
    report = nm.coverage()
    with pytest.raises(AttributeError):
        report.first = None  # type: ignore[misc]


# -- record methods: tenure windows, covers, basis -----------------------------------


def test_attested_days_of_mixed_precision_bound_the_tenure() -> None:
    a = nm.Appointment(
        official=official_named("a"), post=POSTS[2], attested=(P("2021"), P("2021-03-15")), sources=(SRC,)
    )
    assert a.possible_window() == (dt.date(2021, 1, 1), dt.date(2022, 1, 1))
    assert a.possibly_covers(dt.date(2021, 11, 16))
    assert a.certainly_covers(dt.date(2021, 3, 15))
    assert dataset_of(a).who_held("DDGE", "2021-11-16") == a.official


def test_basis_takes_only_inferable_fields() -> None:
    with pytest.raises(nm.InvalidValueError, match="basis\\(\\) takes one of"):
        nm.conference(17).basis("nonsense")
    with pytest.raises(nm.InvalidValueError):
        nm.conference(17).basis("sources")


def test_covers_checks_its_argument() -> None:
    a = nm.appointment("DGIMS", "2020-01-01")
    assert a is not None
    with pytest.raises(TypeError, match="datetime"):
        a.possibly_covers(dt.datetime(2020, 1, 1))
    with pytest.raises(TypeError):
        loose.Appointment.certainly_covers(a, "2020-01-01")
