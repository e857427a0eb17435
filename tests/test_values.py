"""Values travel: a ``Dataset``, every record class and ``Results`` survive ``copy.copy``,
``copy.deepcopy`` and ``pickle`` (every protocol), equal after the trip, in this process
and in another."""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import natoeu_milstaff as nm
from natoeu_milstaff import _model
from strategies import datasets, rich_datasets

PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)


def _trips(value: object) -> list[tuple[str, Any]]:
    """``value`` pickled with every protocol, copied and deep-copied, each named."""
    trips: list[tuple[str, Any]] = [(f"pickle {p}", pickle.loads(pickle.dumps(value, p))) for p in PROTOCOLS]
    return [*trips, ("copy", copy.copy(value)), ("deepcopy", copy.deepcopy(value))]


def _records(*roots: object) -> dict[type, list[object]]:
    """Every record reachable from ``roots``, by class, each once."""
    seen: dict[int, object] = {}
    stack = list(roots)
    while stack:
        value = stack.pop()
        if isinstance(value, tuple):
            stack.extend(value)
        elif attrs.has(type(value)) and id(value) not in seen:
            seen[id(value)] = value
            kind: Any = type(value)
            stack.extend(getattr(value, f.name) for f in attrs.fields(kind))
    found: dict[type, list[object]] = {}
    for value in seen.values():
        found.setdefault(type(value), []).append(value)
    return found


RECORD_CLASSES = {
    cls
    for cls in vars(_model).values()
    if isinstance(cls, type) and attrs.has(cls) and cls.__module__ == _model.__name__
} | {nm.PartialDate, nm.Coverage, nm.HolderGap, nm.Unnumbered, nm.DataRelease, nm.DataChange}


# -- the dataset ------------------------------------------------------------------------


def test_a_dataset_copied_is_itself() -> None:
    """A dataset cannot change, so a copy, shallow or deep, could not differ: it is the dataset."""
    ds = nm.Dataset.bundled()
    assert copy.copy(ds) is ds
    assert copy.deepcopy(ds) is ds
    # Inside a container, deepcopy copies the container and keeps the dataset.
    box = copy.deepcopy({"data": ds, "asked": ["DGIMS"]})
    assert box["data"] is ds


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_a_dataset_survives_pickling(protocol: int) -> None:
    ds = nm.Dataset.bundled()
    twin = pickle.loads(pickle.dumps(ds, protocol))
    assert type(twin) is nm.Dataset
    assert twin == ds
    assert hash(twin) == hash(ds)
    assert twin.tables == ds.tables
    assert twin.who_held("DGIMS", "2020-05-19") == ds.who_held("DGIMS", "2020-05-19")
    assert twin.meetings_about("cyber") == ds.meetings_about("cyber")
    assert twin.conference(17) == ds.conference(17)
    with pytest.raises(AttributeError, match="immutable"):
        twin.x = 1


def test_a_pickled_dataset_carries_its_tables_only() -> None:
    ds = nm.Dataset.bundled()
    fresh = pickle.loads(pickle.dumps(ds))
    # The unpickled dataset has an index of its own, with nothing built yet...
    assert fresh._index is not ds._index
    assert fresh._index.tables is fresh.tables
    assert not {"posts", "officials", "topics", "tenures", "chronology"} & set(vars(fresh._index))
    before = pickle.dumps(fresh)
    fresh.who_held("DGIMS", "2020-05-19")
    fresh.meetings_about("cyber")
    assert "tenures" in vars(fresh._index)
    # ...and building it changes nothing that pickling carries.
    assert pickle.dumps(fresh) == before
    # The tables and a reference to the class: a few hundred bytes more than the tables.
    assert len(before) < len(pickle.dumps(ds.tables)) + 200


def test_records_from_an_unpickled_dataset_are_its_own() -> None:
    """Lookups hand back the unpickled dataset's records, which equal the original's."""
    ds = nm.Dataset.bundled()
    twin = pickle.loads(pickle.dumps(ds))
    post = twin.post("DGIMS")
    assert any(post is p for p in twin.tables.posts)
    assert post == ds.post("DGIMS")
    # A record of the original is found in the twin by equality.
    assert twin.official(ds.official("Wiermann")) == ds.official("Wiermann")


@settings(max_examples=20)
@given(ds=st.one_of(datasets(), rich_datasets()), protocol=st.sampled_from(PROTOCOLS))
def test_random_datasets_survive_pickling_and_copying(ds: nm.Dataset, protocol: int) -> None:
    twin = pickle.loads(pickle.dumps(ds, protocol))
    assert twin == ds
    assert twin.tables == ds.tables
    assert copy.copy(ds) is ds and copy.deepcopy(ds) is ds
    for post in ds.tables.posts:
        assert twin.holders(post.code) == ds.holders(post.code)
    assert twin.conferences() == ds.conferences()
    assert twin.coverage() == ds.coverage()
    for _, record_twin in _trips(ds.tables):
        assert record_twin == ds.tables


# -- every record class ---------------------------------------------------------------


def _bundled_records() -> dict[type, list[object]]:
    return _records(nm.Dataset.bundled().tables, nm.coverage(), nm.data_release(), nm.changes())


def test_the_bundled_data_holds_every_record_class() -> None:
    assert set(_bundled_records()) == RECORD_CLASSES


CLASSES = sorted(RECORD_CLASSES, key=lambda c: c.__name__)


@pytest.mark.parametrize("cls", CLASSES, ids=[c.__name__ for c in CLASSES])
def test_every_record_survives_pickling_and_copying(cls: type) -> None:
    for record in _bundled_records()[cls]:
        for how, twin in _trips(record):
            assert type(twin) is cls, how
            assert twin == record, how
            assert hash(twin) == hash(record), how
            assert repr(twin) == repr(record), how


@settings(max_examples=20)
@given(ds=rich_datasets())
def test_records_of_random_datasets_survive_pickling(ds: nm.Dataset) -> None:
    for records in _records(ds.tables, ds.coverage(), ds.release()).values():
        for record in records:
            for how, twin in _trips(record):
                assert twin == record, how


@pytest.mark.parametrize(
    "results",
    [
        nm.conferences(),
        nm.conferences(year=1900),
        nm.holders("DGIMS"),
        nm.topics(),
        nm.meetings_about("cyber"),
    ],
    ids=["conferences", "empty", "holders", "topics", "meetings_about"],
)
def test_results_stay_results(results: nm.Results[Any]) -> None:
    for how, twin in _trips(results):
        assert type(twin) is nm.Results, how
        assert twin == results, how


# -- in another process ---------------------------------------------------------------

CHILD = """
import pickle, sys
import natoeu_milstaff as nm

dataset, error = pickle.loads(sys.stdin.buffer.read())
assert type(dataset) is nm.Dataset and dataset == nm.Dataset.bundled(), "the bundled dataset differs"
try:
    dataset.official("Wiermam")
except nm.UnknownOfficialError as exc:
    raised = exc
answer = dataset.who_held("DGIMS", "2020-05-19")
seen = (type(error).__name__, str(error), vars(error))
sys.stdout.buffer.write(pickle.dumps((answer, seen, raised, dataset), int(sys.argv[1])))
"""


@pytest.mark.parametrize("protocol", [0, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL])
def test_a_dataset_and_an_error_round_trip_through_another_process(protocol: int) -> None:
    """Pickled here, unpickled in a fresh interpreter, and its answers pickled back."""
    ds = nm.Dataset.bundled()
    error = nm.DataError(["a.toml: $.x: one", "b.toml: $.y: two"], source="/data")
    sent = pickle.dumps((ds, error), protocol)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(protocol)],
        input=sent,
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr.decode()
    answer, seen, raised, back = pickle.loads(child.stdout)
    assert answer == ds.who_held("DGIMS", "2020-05-19")
    assert seen == ("DataError", str(error), vars(error))
    with pytest.raises(nm.UnknownOfficialError) as here:
        ds.official("Wiermam")
    assert (type(raised), str(raised), vars(raised)) == (type(here.value), str(here.value), vars(here.value))
    assert back == ds
