"""Fuzzing: every public function and CLI subcommand, given arbitrary input, answers or
raises the library's own error (or TypeError for a wrong type) — nothing else."""

from __future__ import annotations

import contextlib
import datetime as dt
import inspect
import io
import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import natoeu_milstaff as nm
from natoeu_milstaff._cli import main
from strategies import synthetic_dataset

if TYPE_CHECKING:
    from collections.abc import Iterator

MEGABYTE = 2**20


class Huge:
    """A megabyte string, drawn by reference: hypothesis would otherwise write out a
    megabyte each time it shows an example. ``real`` swaps in the string before a call."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"Huge({self.text[:12]!r} + {len(self.text) - 12} more characters)"


def real(value: Any) -> Any:
    """``value`` with every ``Huge`` in it replaced by its string."""
    if isinstance(value, Huge):
        return value.text
    if isinstance(value, (tuple, list)):
        return type(value)(real(item) for item in value)
    return value


# Megabyte strings: each must be refused at once by its length, not read.
huge = st.sampled_from(
    [
        Huge("1" * MEGABYTE),
        Huge("x" * MEGABYTE),
        Huge("2020-05-19" + " " * MEGABYTE),
        Huge("19 May 2020 " * (MEGABYTE // 12)),
        Huge("Wiermann " * (MEGABYTE // 9)),
        Huge("é" * MEGABYTE),
    ]
)

anything = st.one_of(
    huge,
    st.tuples(huge, st.none()),
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["DGIMS", "dgeums", "cyber", "2020-05-19", "19 May 2020", "Wierman", "17", "2014", ""]),
    st.dates(),
    st.datetimes(),
    st.binary(max_size=8),
    st.lists(st.integers(), max_size=3),
    st.tuples(st.dates(), st.dates()),
    st.tuples(st.text(max_size=10), st.text(max_size=10)),
    # Periods as people write them: months, years, open ends, partial dates.
    st.tuples(*[st.none() | st.sampled_from(["2013", "May 2020", "2020-05", "17th", "2019~"])] * 2),
    st.builds(nm.PartialDate, year=st.integers(1, 9999), month=st.none() | st.integers(1, 12)),
    st.sampled_from(["2013", "May 2020", "2025-07", "Pulkkinen", "smith", "no. 17", "2019?"]),
    st.builds(object),
)

# export() writes files: fuzzed below inside a temporary directory only.
PUBLIC = sorted(name for name in nm.__all__ if inspect.isfunction(getattr(nm, name)) and name != "export")


@pytest.fixture(autouse=True, scope="module")
def _work_in_a_temporary_directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Whatever a fuzzed call might write lands in a scratch directory, not the checkout."""
    previous = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("fuzz"))
    try:
        yield
    finally:
        os.chdir(previous)


def _call(function: Any, args: list[Any]) -> None:
    """Call; whatever comes back, an answer or the library's error, must survive pickling,
    and an error's message must not copy a huge argument whole."""
    error: nm.Error | None = None
    try:
        result = function(*real(args))
    except TypeError:
        return
    except nm.Error as exc:
        error = exc
    if error is not None:
        assert len(str(error)) < 10_000, "a message must not copy a huge input"
        back = pickle.loads(pickle.dumps(error))
        assert (type(back), str(back), vars(back)) == (type(error), str(error), vars(error))
        return
    twin = pickle.loads(pickle.dumps(result))
    assert type(twin) is type(result)
    if type(result).__module__.split(".")[0] != "pandas":  # a DataFrame compares cell by cell
        assert twin == result


@pytest.mark.parametrize("name", PUBLIC)
@settings(max_examples=200)
@given(data=st.data())
def test_public_functions_raise_only_library_errors(name: str, data: st.DataObject) -> None:
    function = getattr(nm, name)
    arity = len(inspect.signature(function).parameters)
    args = [data.draw(anything) for _ in range(data.draw(st.integers(0, max(arity, 1))))]
    _call(function, args)


@settings(max_examples=300)
@given(anything, anything, anything, anything)
def test_conferences_filters_with_anything(year: Any, host: Any, chaired_by: Any, between: Any) -> None:
    year, host, chaired_by, between = real((year, host, chaired_by, between))
    _call(lambda: nm.conferences(year=year, host=host, chaired_by=chaired_by, between=between), [])


@settings(max_examples=300)
@given(st.text(max_size=40), st.sampled_from([1, 2, 50, 101, MEGABYTE]) | st.integers(1, MEGABYTE))
def test_partial_date_parsers_with_any_text(piece: str, times: int) -> None:
    text = (piece * times)[:MEGABYTE]
    for parse in (nm.PartialDate.parse, nm.PartialDate.from_text):
        try:
            result = parse(text)
        except nm.InvalidDateError:
            continue
        assert nm.PartialDate.parse(str(result)) == result


@settings(max_examples=300)
@given(anything)
def test_partial_date_parsers_with_any_value(value: Any) -> None:
    for parse in (nm.PartialDate.parse, nm.PartialDate.from_text):
        _call(parse, [value])


@settings(max_examples=200)
@given(anything, st.sampled_from(["date", "ordinal", "host", "venue", "format", "end_date"]))
def test_model_methods_with_anything(value: Any, field: str) -> None:
    c = nm.conference(17)
    a = nm.appointment("DGIMS", "2020-01-01")
    assert a is not None
    c.basis(field)
    _call(c.basis, [value])
    _call(a.possibly_covers, [value])
    _call(a.certainly_covers, [value])
    _call(nm.PartialDate.parse("2019").covers, [value])


SUBCOMMANDS = [["who-held"], ["meetings-about"], ["conferences"], ["show"], ["validate"], ["coverage"], []]
cli_text = st.one_of(
    st.text(max_size=15),
    huge,
    st.sampled_from(
        ["--year", "--host", "--between", "--chaired-by", "--data", "-h", "DGIMS", "2020-05-19", "17"]
    ),
)


@settings(max_examples=300)
@given(st.sampled_from(SUBCOMMANDS), st.lists(cli_text, max_size=4))
def test_cli_never_prints_a_traceback(command: list[str], argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main([*command, *real(argv)], out=out, err=err)
    assert code in (0, 1, 2)
    assert "Traceback" not in err.getvalue()
    if code != 0:
        assert err.getvalue().strip()


def test_datetimes_are_refused_everywhere_a_date_is_taken() -> None:
    moment = dt.datetime(2020, 5, 19, 12, 0, tzinfo=dt.UTC)
    for call in (
        lambda: nm.who_held("DGIMS", moment),
        lambda: nm.appointment("DGIMS", moment),
        lambda: nm.conference(moment),
        lambda: nm.conferences(between=(moment, moment)),
        lambda: nm.PartialDate.from_date(moment),
    ):
        with pytest.raises(TypeError, match="datetime"):
            call()


@settings(max_examples=100)
@given(anything)
def test_export_with_any_format_in_a_temporary_directory(fmt: Any) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _call(nm.export, [tmp, fmt])


# -- the writers and the command line's paths, each inside a fresh temporary directory ----

# A name to write to, relative to the temporary working directory: any text without a
# "/" (so nothing lands outside it) but "..", names the system refuses or finds odd, and
# values that are no path at all.
ODD_PATHS = ["", " ", "\t", ".", "a\0b", "a\ud800", "\udcff", "x" * 300, "-", "~", "dataset.json"]
path_text = st.one_of(
    st.sampled_from(ODD_PATHS), st.text(max_size=20).filter(lambda t: "/" not in t and t != "..")
)
write_paths = st.one_of(path_text, path_text.map(Path), anything)
FORMATS = ["json", "csv", "popolo", "datapackage", "sqlite", "parquet"]
SMALL = synthetic_dataset(2)
READ_BACK = {
    "json": lambda root: nm.Dataset.from_json(Path(root) / "dataset.json"),
    "csv": nm.Dataset.from_csv,
    "datapackage": nm.Dataset.from_csv,
}


@settings(max_examples=100)
@example("")  # not the current directory
@example("   ")
@example("a\ud800")
@given(write_paths)
def test_dump_with_any_path(path: Any) -> None:
    """dump raises only library errors or TypeError, and what it writes loads back equal."""
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        try:
            SMALL.dump(path)
        except (nm.Error, TypeError):
            assert os.listdir(tmp) == []  # a refused dump writes nothing
            return
        assert nm.Dataset.load(path) == SMALL


@settings(max_examples=100)
@example("a\ud800", "json")
@given(write_paths, st.sampled_from(FORMATS) | anything)
def test_export_with_any_path_and_format(path: Any, fmt: Any) -> None:
    """export raises only library errors or TypeError, and what it writes reads back equal."""
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        try:
            written = SMALL.export(path, fmt)
        except (nm.Error, TypeError):
            return
        except ModuleNotFoundError as exc:
            if (fmt, exc.name) != ("parquet", "pyarrow"):  # parquet without its optional pyarrow
                raise
            return
        assert all(os.path.isfile(p) and not os.path.islink(p) for p in written)
        if fmt in READ_BACK:
            assert READ_BACK[fmt](path) == SMALL


@settings(max_examples=60)
@given(path_text, st.sampled_from(FORMATS), st.sampled_from(["export", "validate", "--data"]))
def test_cli_paths_never_print_a_traceback(path: str, fmt: str, where: str) -> None:
    argv = {
        "export": ["export", "--format", fmt, "--out", path],
        "validate": ["validate", path],
        "--data": ["--data", path, "posts"],
    }[where]
    out, err = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        code = main(argv, out=out, err=err)
    assert code in (0, 1, 2)
    assert "Traceback" not in err.getvalue()
    if code != 0:
        assert err.getvalue().startswith("error: ")
    if code == 2:  # bad input: one line (a data directory's problems may take more)
        assert err.getvalue().count("\n") == 1
