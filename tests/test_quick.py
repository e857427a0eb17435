"""The compiled answers behind the module-level ``who_held`` agree with the full dataset."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import natoeu_milstaff as nm
from natoeu_milstaff import _compiled, _quick
from natoeu_milstaff._compile import quick_module


def _data_dir() -> Path:
    return Path(str(resources.files("natoeu_milstaff") / "data"))


@pytest.fixture
def fresh() -> Any:
    """Both caches emptied, so that the next ``nm.who_held`` loads the compiled answers."""
    nm.Dataset.clear_cache()
    yield
    nm.Dataset.clear_cache()


def _outcome(call: Any) -> tuple[str, object]:
    try:
        return ("answer", call())
    except nm.Error as exc:
        return (type(exc).__name__, str(exc))
    except TypeError as exc:
        return ("TypeError", str(exc))


def test_compiled_module_is_in_step_with_the_toml_files() -> None:
    expected = quick_module(nm.Dataset.load(_data_dir()))
    assert Path(_compiled.__file__).read_text(encoding="utf-8") == expected, (
        "run: .venv/bin/python scripts/compile_data.py"
    )


def test_compiled_objects_equal_the_converters(fresh: None) -> None:
    nm.who_held("DGIMS", "2020-05-19")  # builds the compiled officials and sources
    built = _quick.prebuilt()
    slow = nm.Dataset.load(_data_dir()).tables
    officials = {o.id: o for o in slow.officials}
    sources = {s.id: s for s in slow.sources}
    assert len(built[nm.Official]) == len(officials)
    for key, official in built[nm.Official].items():
        assert official == officials[key]
        assert repr(official) == repr(officials[key])
        assert hash(official) == hash(officials[key])
    cited = {s.id for o in slow.officials for s in o.sources}
    assert set(built[nm.Source]) == cited
    for key, source in built[nm.Source].items():
        assert source == sources[key]
        assert repr(source) == repr(sources[key])


def _days_to_try(ds: nm.Dataset) -> list[dt.date]:
    """Every day where an answer may change, the days either side, and a spread of others."""
    days = {dt.date(1960, 1, 1), dt.date(2100, 1, 1), dt.date(1, 1, 1), dt.date(9999, 12, 31)}
    for points, _ in _compiled.TENURES.values():
        for point in points:
            day = dt.date.fromisoformat(point)
            days.add(day)
            for step in (-1, 1):
                if dt.date.min < day + dt.timedelta(step * (day != dt.date.max)) < dt.date.max:
                    days.add(day + dt.timedelta(step))
    days.update(dt.date(year, month, 15) for year in range(1990, 2030) for month in (1, 4, 7, 10))
    return sorted(days)


def test_every_compiled_answer_equals_the_full_dataset(fresh: None) -> None:
    full = nm.Dataset.bundled()
    keys = [*_compiled.POST_KEYS, *(p for p in full.tables.posts)]
    checked = ambiguous = 0
    for day in _days_to_try(full):
        for key in keys:
            for on in (day, day.isoformat()):
                quick = _outcome(lambda key=key, on=on: nm.who_held(key, on))
                assert quick == _outcome(lambda key=key, on=on: full.who_held(key, on)), (key, on)
                checked += 1
                ambiguous += quick[0] == "AmbiguousDateError"
    assert checked > 2000
    assert ambiguous > 0  # the delegation to the full dataset for shared spans is exercised


def test_answers_are_the_full_datasets_own_objects(fresh: None) -> None:
    first = nm.who_held("DGIMS", "2020-05-19")
    assert first is not None
    assert nm.official("hans-werner-wiermann") is first  # the full load reused it
    nm.Dataset.clear_cache()
    full = nm.Dataset.bundled()  # the full dataset first, then the quick path
    again = nm.who_held("DGIMS", "2020-05-19")
    assert again is full.official("hans-werner-wiermann")
    assert again == first


names = st.sampled_from([*_compiled.POST_KEYS, "dgims", "DGIMS ", "Director General", "", "NOPE"])
days = st.one_of(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2040, 12, 31)),
    st.dates().map(dt.date.isoformat),
    st.text(alphabet="0123456789-/ ²٣", min_size=8, max_size=12),
    st.sampled_from(["2020-02-30", "2021-02-29", "2020-13-01", "0000-01-01", "19 May 2020", "2020-05"]),
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2030, 1, 1)),
    st.integers(),
    st.none(),
)


@given(names, days)
def test_quick_path_equals_the_full_path_on_any_input(post: str, on: Any) -> None:
    full = nm.Dataset.bundled()
    assert _outcome(lambda: nm.who_held(post, on)) == _outcome(lambda: full.who_held(post, on))


def test_first_who_held_builds_only_what_it_needs() -> None:
    code = (
        "import sys, natoeu_milstaff as nm\n"
        "print(nm.who_held('DGIMS', '2020-05-19').name)\n"
        "print(sorted(m for m in ('natoeu_milstaff._model', 'natoeu_milstaff._dataset', "
        "'natoeu_milstaff._errors', 'natoeu_milstaff._fastload', 'natoeu_milstaff._compile', 'json', "
        "'cattrs', 'tomllib', 'dateutil', 'difflib') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["Hans-Werner Wiermann", "[]"]


def test_first_who_held_from_many_threads_loads_once() -> None:
    code = (
        "import threading, natoeu_milstaff as nm, natoeu_milstaff._quick as q\n"
        "calls = []\n"
        "real = q._objects\n"
        "q._objects = lambda c: calls.append(1) or real(c)\n"
        "seen = []\n"
        "barrier = threading.Barrier(16)\n"
        "def work():\n"
        "    barrier.wait()\n"
        "    seen.append(nm.who_held('DGEUMS', '2021-11-16'))\n"
        "threads = [threading.Thread(target=work) for _ in range(16)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "print(len(calls), len({id(x) for x in seen}), len(seen), seen[0].name)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "1 1 16 Hervé Bléjean"


def test_clear_cache_forgets_the_compiled_answers(fresh: None) -> None:
    nm.who_held("DGIMS", "2020-05-19")
    assert _quick.prebuilt()
    nm.Dataset.clear_cache()
    assert _quick.prebuilt() == {}
    assert nm.who_held("DGIMS", "2020-05-19") is not None
