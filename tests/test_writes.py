"""Writing files safely, and reading only what was written: every write is atomic per file
and never follows a symbolic link; every entry point checks its path alike; every loader
refuses what it does not know; CSV text cannot become a spreadsheet formula; no data
file is read past a size limit."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import natoeu_milstaff as nm
from _support import SRC, P, copy_bundled_data
from natoeu_milstaff._cli import main
from natoeu_milstaff._export import SCHEMA, csv_text, read_csv
from natoeu_milstaff._model import TABLES
from strategies import INFO, POSTS, replace

if TYPE_CHECKING:
    from collections.abc import Callable

BUNDLED = nm.Dataset.bundled()
# The bundled record with one fact changed, so that a file it replaced would show.
CHANGED = replace(BUNDLED, info=attrs.evolve(BUNDLED.info, title="Changed"))
# The package typed loosely, to pass wrong types on purpose.
loose: Any = nm


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file in ``root`` (temporary files too) with its content."""
    return {p.name: p.read_bytes() for p in sorted(root.iterdir())}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


# -- 1. a failed write keeps the good copy -----------------------------------------------

# Run in a child process: a file size limit (RLIMIT_FSIZE) makes every write past it fail
# with EFBIG, as a full disk would with ENOSPC. SIGXFSZ is ignored so that the write
# raises instead of killing the process.
_CHILD = """
import json, resource, signal, sys
import attrs
import natoeu_milstaff as nm

target, fmt, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
ds = nm.Dataset.bundled()
fields = {f.name: getattr(ds.tables, f.name) for f in attrs.fields(type(ds.tables))}
changed = nm.Dataset(**{**fields, "info": attrs.evolve(ds.info, title="Changed")})
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    changed.dump(target) if fmt == "dump" else changed.export(target, fmt)
except Exception as exc:
    print(json.dumps({
        "type": type(exc).__name__,
        "library": isinstance(exc, nm.Error),
        "oserror": isinstance(exc, OSError),
        "errno": getattr(exc, "errno", None),
        "filename": getattr(exc, "filename", None),
        "replaced": list(getattr(exc, "replaced", ())),
        "message": str(exc),
    }))
else:
    print("null")
"""

# The first file of each write that is larger than the limit below (8000 bytes).
_TOO_BIG = {
    "dump": "sources.toml",
    "json": "dataset.json",
    "csv": "agenda_items.csv",
    "sqlite": "natoeu_milstaff.sqlite",
}
_READ_BACK: dict[str, Callable[[Path], nm.Dataset]] = {
    "dump": nm.Dataset.load,
    "json": lambda root: nm.Dataset.from_json(root / "dataset.json"),
    "csv": nm.Dataset.from_csv,
}


@pytest.mark.parametrize("fmt", sorted(_TOO_BIG))
def test_a_write_that_fails_midway_leaves_the_good_copy_intact(tmp_path: Path, fmt: str) -> None:
    pytest.importorskip("resource")
    out = tmp_path / "out"
    BUNDLED.dump(out) if fmt == "dump" else BUNDLED.export(out, fmt)
    before = snapshot(out)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(out), fmt, "8000"],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(done.stdout)
    assert report is not None, "the write should have failed"
    target = out / _TOO_BIG[fmt]
    assert report == {
        "type": "WriteError",
        "library": True,
        "oserror": True,
        "errno": errno.EFBIG,
        "filename": str(target),
        "replaced": [],
        "message": f"{str(target)!r}: cannot be written (File too large); nothing in {str(out)!r} was replaced",
    }
    assert snapshot(out) == before  # every old file as it was, no temporary file left
    if fmt in _READ_BACK:  # no reader takes the database back
        assert _READ_BACK[fmt](out) == BUNDLED


def test_a_rename_that_fails_midway_says_which_files_were_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    BUNDLED.dump(tmp_path)
    real, calls = os.replace, []

    def flaky(source: Any, target: Any) -> None:
        calls.append(target)
        if len(calls) == 3:
            raise OSError(errno.EIO, "Input/output error")
        real(source, target)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(nm.WriteError) as info:
        CHANGED.dump(tmp_path)
    first, second, third = (t.file for t in TABLES[:3])
    assert str(info.value) == (
        f"{str(tmp_path / third)!r}: cannot be put in place (Input/output error); "
        f"already replaced: {first}, {second}; the other files are as they were"
    )
    assert info.value.replaced == (str(tmp_path / first), str(tmp_path / second))
    assert (info.value.errno, info.value.filename) == (errno.EIO, str(tmp_path / third))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(t.file for t in TABLES)  # no .tmp left


def test_write_error_is_an_os_error_and_survives_pickling() -> None:
    error = nm.WriteError(
        "'x': cannot be written (No space left on device)", "x", ["a"], errno.ENOSPC, "No space"
    )
    assert isinstance(error, nm.Error)
    assert isinstance(error, OSError)
    assert str(error) == "'x': cannot be written (No space left on device)"
    twin = pickle.loads(pickle.dumps(error))
    assert type(twin) is nm.WriteError
    assert (str(twin), twin.filename, twin.replaced, twin.errno, twin.strerror) == (
        str(error),
        "x",
        ("a",),
        errno.ENOSPC,
        "No space",
    )


def test_written_files_keep_their_mode_and_new_ones_follow_the_umask(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("permission bits are POSIX")
    BUNDLED.dump(tmp_path)
    (tmp_path / "posts.toml").chmod(0o600)
    CHANGED.dump(tmp_path)
    assert (tmp_path / "posts.toml").stat().st_mode & 0o777 == 0o600
    umask = os.umask(0o022)
    os.umask(umask)
    assert (tmp_path / "topics.toml").stat().st_mode & 0o777 == 0o666 & ~umask


# -- 2. writers never follow a symbolic link ----------------------------------------------


def _parquet(out: Path) -> object:
    pytest.importorskip("pyarrow", reason="the parquet export needs pyarrow (the parquet extra)")
    return BUNDLED.export(out, "parquet")


WRITERS: dict[str, tuple[str, Callable[[Path], object]]] = {
    "dump": ("sources.toml", BUNDLED.dump),
    "json": ("dataset.json", lambda out: BUNDLED.export(out, "json")),
    "csv": ("sources.csv", lambda out: BUNDLED.export(out, "csv")),
    "popolo": ("popolo.json", lambda out: BUNDLED.export(out, "popolo")),
    "datapackage": ("datapackage.json", lambda out: BUNDLED.export(out, "datapackage")),
    "sqlite": ("natoeu_milstaff.sqlite", lambda out: BUNDLED.export(out, "sqlite")),
    "parquet": ("conferences.parquet", _parquet),
}


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_planted_symbolic_link_is_refused_and_its_target_untouched(tmp_path: Path, writer: str) -> None:
    name, write = WRITERS[writer]
    victim = tmp_path / "victim"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / name).symlink_to(victim)
    with pytest.raises(nm.WriteError) as info:
        write(out)
    assert str(info.value) == (
        f"{str(out / name)!r}: a symbolic link, which is never written through; nothing was written"
    )
    assert info.value.filename == str(out / name)
    assert victim.read_text(encoding="utf-8") == "precious"
    assert (out / name).is_symlink()
    assert [p.name for p in out.iterdir()] == [name]  # no other file written either


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_target_directory_that_is_a_link_or_a_file_is_refused(tmp_path: Path, writer: str) -> None:
    _, write = WRITERS[writer]
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    with pytest.raises(nm.WriteError) as info:
        write(tmp_path / "link")
    assert str(info.value) == (
        f"{str(tmp_path / 'link')!r}: a symbolic link, which is never written through; "
        "name the directory it points to; nothing was written"
    )
    assert list(real.iterdir()) == []
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(nm.WriteError, match="exists and is not a directory; nothing was written"):
        write(tmp_path / "file")


def test_a_target_that_is_a_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "conferences.toml").mkdir()
    with pytest.raises(nm.WriteError) as info:
        BUNDLED.dump(tmp_path)
    assert str(info.value) == (
        f"{str(tmp_path / 'conferences.toml')!r}: a directory, not a regular file; nothing was written"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["conferences.toml"]


# -- 3. one path check for every entry point ---------------------------------------------

ENTRY_POINTS: dict[str, Callable[[Any], object]] = {
    "load": nm.Dataset.load,
    "dump": BUNDLED.dump,
    "export": lambda path: BUNDLED.export(path, "csv"),
    "nm.export": lambda path: nm.export(path, "json"),
    "from_json": nm.Dataset.from_json,
    "from_csv": nm.Dataset.from_csv,
}
BAD_PATHS = {
    "": "path is empty; name a directory or file",
    "   ": "path '   ' is blank; name a directory or file",
    "\t\n": "path '\\t\\n' is blank; name a directory or file",
    "a\0b": "path 'a\\x00b' contains a NUL byte",
    "a\ud800b": "path 'a\\ud800b' cannot be a file name: '\\ud800' (surrogates not allowed)",
}


class _PathLike:
    def __init__(self, path: Any) -> None:
        self.path = path

    def __fspath__(self) -> Any:
        return self.path


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
@pytest.mark.parametrize("bad", sorted(BAD_PATHS), ids=repr)
def test_every_entry_point_refuses_the_same_paths_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entry: str, bad: str
) -> None:
    monkeypatch.chdir(tmp_path)  # an empty path must not mean the current directory
    for path in (bad, _PathLike(bad)):
        with pytest.raises(nm.InvalidValueError) as info:
            ENTRY_POINTS[entry](path)
        assert str(info.value) == BAD_PATHS[bad]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_every_entry_point_refuses_what_is_no_path(entry: str) -> None:
    for value, shown in ((3, "int"), (None, "NoneType"), (b"data", "bytes"), (["data"], "list")):
        with pytest.raises(TypeError) as info:
            ENTRY_POINTS[entry](value)
        assert str(info.value) == f"path must be a str or pathlib.Path, got {shown}"
    with pytest.raises(TypeError, match="got a path-like of bytes"):
        ENTRY_POINTS[entry](_PathLike(b"data"))


def test_dump_refuses_a_directory_holding_another_toml_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    with pytest.raises(nm.WriteError) as info:
        BUNDLED.dump(tmp_path)
    assert str(info.value) == (
        f"{str(tmp_path)!r}: holds pyproject.toml, which Dataset.load would refuse beside the files "
        "written here; remove it or write into another directory; nothing was written"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["pyproject.toml"]
    # What dump writes, load reads back: a data directory dumped over is fine.
    (tmp_path / "pyproject.toml").unlink()
    BUNDLED.dump(tmp_path)
    CHANGED.dump(tmp_path)
    assert nm.Dataset.load(tmp_path) == CHANGED


@pytest.mark.parametrize("fmt", ["csv", "datapackage"])
def test_csv_export_refuses_a_directory_holding_another_csv_file(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "notes.csv").write_text("a\n", encoding="utf-8")
    with pytest.raises(nm.WriteError, match=r"holds notes\.csv, which Dataset\.from_csv would refuse"):
        BUNDLED.export(tmp_path, fmt)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.csv"]


def test_dump_and_load_take_the_paths_they_always_took(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    BUNDLED.dump("data")  # relative
    assert nm.Dataset.load(_PathLike(str(tmp_path / "data"))) == BUNDLED
    odd = tmp_path / " spaced name é"
    BUNDLED.dump(odd)
    assert nm.Dataset.load(str(odd)) == BUNDLED


# -- 4. the command line: an empty path is an error that names the option ----------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["validate", ""], "validate '': path is empty; name a directory or file"),
        (["validate", "  "], "validate '  ': path '  ' is blank; name a directory or file"),
        (["validate", "--data", ""], "--data '': path is empty; name a directory or file"),
        (["--data", "", "posts"], "--data '': path is empty; name a directory or file"),
        (["posts", "--data", ""], "--data '': path is empty; name a directory or file"),
        (["export", "--out", ""], "--out '': path is empty; name a directory or file"),
        (["export", "--out", "a\0b"], "--out 'a\\x00b': path 'a\\x00b' contains a NUL byte"),
    ],
)
def test_cli_refuses_an_empty_path_naming_the_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(*argv) == (2, "", f"error: {message}\n")
    assert list(tmp_path.iterdir()) == []


def test_cli_reports_a_refused_write_with_status_1(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "dataset.json").symlink_to(victim)
    target = str(tmp_path / "out" / "dataset.json")
    assert run("export", "--out", str(tmp_path / "out")) == (
        1,
        "",
        f"error: {target!r}: a symbolic link, which is never written through; nothing was written\n",
    )
    assert victim.read_text(encoding="utf-8") == "precious"


# -- 5. every loader refuses unknown tables, keys and columns ------------------------------


def test_load_refuses_a_stray_file_and_an_unknown_key(tmp_path: Path) -> None:
    data = copy_bundled_data(tmp_path)
    (data / "extra.toml").write_text("", encoding="utf-8")
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.load(data)
    (problem,) = info.value.problems
    assert problem.startswith("extra.toml: unexpected file; known files are alternation.toml, ")
    (data / "extra.toml").unlink()
    text = (data / "posts.toml").read_text(encoding="utf-8")
    (data / "posts.toml").write_text(text.replace('code = "DGIMS"', 'code = "DGIMS"\nnick = 1', 1), "utf-8")
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.load(data)
    assert "posts.toml: $.post[0]: unknown key(s) nick" in info.value.problems


def _json_export(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    path, _ = BUNDLED.export(tmp_path, "json")  # dataset.json and its JSON Schema
    return Path(path), json.loads(Path(path).read_text(encoding="utf-8"))


def test_from_json_refuses_an_unknown_table(tmp_path: Path) -> None:
    path, raw = _json_export(tmp_path)
    raw["extra.toml"] = [{"id": "x"}]
    raw["notes"] = "a key that is no table"
    del raw["topics"]
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.from_json(path)
    tables = ", ".join(SCHEMA)
    assert info.value.problems == (
        f"{path}: $: unknown table(s) 'extra.toml', 'notes'; the tables are {tables}",
        f"{path}: $: missing table(s) topics",
    )


def test_from_json_names_the_place_of_a_wrong_value(tmp_path: Path) -> None:
    path, raw = _json_export(tmp_path)
    raw["conferences"][0]["ordinal"] = "17"
    raw["conferences"][1]["date_start"] = "27 Jan 2014"
    raw["officials"][0]["aliases"] = "a name"
    raw["chairs"][0] = ["not", "an", "object"]
    del raw["posts"][0]["title"]
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.from_json(path)
    assert info.value.problems == (
        f"{path}: $.conferences[0].ordinal: '17' is not a whole number or null",
        f"{path}: $.conferences[1].date_start: '27 Jan 2014' is not a day written YYYY-MM-DD, or null",
        f"{path}: $.chairs[0]: expected an object, got list",
        f"{path}: $.officials[0].aliases: 'a name' is not an array of strings",
        f"{path}: $.posts[0]: missing cell(s) title (write null for no value)",
    )


def test_a_list_whose_positions_are_not_0_1_2_is_refused(tmp_path: Path) -> None:
    path, raw = _json_export(tmp_path)
    for row in raw["chairs"]:
        if row["conference_id"] == "conf-2014-01-27":
            row["position"] = 7
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.from_json(path)
    assert info.value.problems == (
        f"{path}: $.chairs: the rows with conference_id 'conf-2014-01-27' have positions 7, 7; "
        "a list's positions run 0, 1, 2 … without gaps or repeats",
    )


def test_a_csv_problem_names_the_row_as_the_file_numbers_it(tmp_path: Path) -> None:
    BUNDLED.export(tmp_path, "csv")
    path = tmp_path / "conferences.csv"
    header, first, *rest = path.read_text(encoding="utf-8").splitlines(keepends=True)
    edited = first.replace("day,2014-01-27,", "day,2014-01-28,", 1)  # date_start
    path.write_text("".join([header, "\n", "\n", edited, *rest]), encoding="utf-8")  # two blank rows
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.from_csv(tmp_path)
    (problem,) = info.value.problems
    assert problem.startswith("conferences.csv: row 4, date_start: '2014-01-28' does not follow"), problem


def test_a_derived_cell_edited_by_hand_is_refused(tmp_path: Path) -> None:
    path, raw = _json_export(tmp_path)
    raw["conferences"][0]["date_end"] = "2014-01-28"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.from_json(path)
    assert info.value.problems == (
        f"{path}: $.conferences[0], date_end: '2014-01-28' does not follow from the row's other cells, "
        "which give '2014-01-27'",
    )
    BUNDLED.export(tmp_path / "csv", "csv")
    _edit_csv(
        tmp_path / "csv" / "appointments.csv", lambda rows: rows[1].__setitem__(0, "someone@DGIMS@2000")
    )
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.from_csv(tmp_path / "csv")
    (problem,) = info.value.problems
    assert problem.startswith("appointments.csv: row 2, id: 'someone@DGIMS@2000' does not follow")


def test_from_json_refuses_an_unknown_key_and_a_repeated_one(tmp_path: Path) -> None:
    path, raw = _json_export(tmp_path)
    raw["officials"][0]["nickname"] = "x"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.from_json(path)
    assert info.value.problems == (f"{path}: $.officials[0]: unknown cell(s) 'nickname'",)
    path.write_text('{"posts": [], ' + json.dumps(_json_export(tmp_path)[1])[1:], encoding="utf-8")
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.from_json(path)
    assert info.value.problems == (f"{path}: cannot be read as JSON (an object repeats the key(s) 'posts')",)


def _edit_csv(path: Path, edit: Callable[[list[list[str]]], None]) -> None:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    edit(rows)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _add_column(rows: list[list[str]]) -> None:
    for i, row in enumerate(rows):
        row.append("nickname" if i == 0 else "x")


def _drop_column(rows: list[list[str]]) -> None:
    for row in rows:
        del row[-1]


def _orphan_chair(rows: list[list[str]]) -> None:
    rows.append(["nowhere", *rows[1][1:]])


def _short_row(rows: list[list[str]]) -> None:
    rows[1] = rows[1][:2]


def _second_row(rows: list[list[str]]) -> None:
    rows.append(list(rows[1]))


CSV_FAULTS: dict[str, tuple[str, Callable[[list[list[str]]], None], str]] = {
    "unknown column": (
        "officials.csv",
        _add_column,
        "officials.csv: unknown column(s) 'nickname'; the columns are id, name, nationality, service, aliases, sources",
    ),
    "missing column": ("posts.csv", _drop_column, "posts.csv: missing column(s) deputy_of"),
    "row of no record": (
        "chairs.csv",
        _orphan_chair,
        "chairs.csv: 1 row with conference_id 'nowhere' belongs to no record",
    ),
    "row too short": ("topics.csv", _short_row, "topics.csv: row 2: 2 cells; the header has 5"),
    "two dataset rows": ("dataset.csv", _second_row, "dataset.csv: expected one row, found 2"),
}


@pytest.mark.parametrize("fault", sorted(CSV_FAULTS))
def test_from_csv_refuses_what_it_does_not_know(tmp_path: Path, fault: str) -> None:
    file, edit, problem = CSV_FAULTS[fault]
    BUNDLED.export(tmp_path, "csv")
    _edit_csv(tmp_path / file, edit)
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.from_csv(tmp_path)
    assert problem in info.value.problems
    assert str(tmp_path) in str(info.value)


def test_from_csv_refuses_a_stray_csv_file_and_lists_every_problem(tmp_path: Path) -> None:
    BUNDLED.export(tmp_path, "datapackage")  # datapackage.json is not a stray file
    assert nm.Dataset.from_csv(tmp_path) == BUNDLED
    (tmp_path / "extra.csv").write_text("a\n1\n", encoding="utf-8")
    _edit_csv(tmp_path / "officials.csv", _add_column)
    (tmp_path / "chairs.csv").unlink()
    (tmp_path / "chairs.csv").symlink_to(tmp_path / "extra.csv")
    (tmp_path / "posts.csv").write_bytes(b"code\xff")
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.from_csv(tmp_path)
    problems = info.value.problems
    assert problems[0].startswith("extra.csv: unexpected file; known files are agenda_items.csv, ")
    assert "chairs.csv: missing (a symbolic link is not read)" in problems
    assert "posts.csv: not UTF-8 text (byte 4)" in problems
    assert any(p.startswith("officials.csv: unknown column(s) 'nickname'") for p in problems)
    assert len(problems) == 4


def test_from_csv_names_the_row_and_column_of_a_bad_cell(tmp_path: Path) -> None:
    BUNDLED.export(tmp_path, "csv")

    def bad_position(rows: list[list[str]]) -> None:
        rows[3][rows[0].index("position")] = "third"

    _edit_csv(tmp_path / "chairs.csv", bad_position)
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.from_csv(tmp_path)
    assert info.value.problems == ("chairs.csv: row 4, column position: 'third' is not a whole number",)


@pytest.mark.parametrize("cell", [" 5", "5 ", "+5", "1_000", "٥", "5.0", "1e3"])
def test_a_whole_number_cell_is_digits_only(tmp_path: Path, cell: str) -> None:
    # int() takes all of these; a cell the exports never write is refused, not guessed at.
    BUNDLED.export(tmp_path, "csv")
    _edit_csv(tmp_path / "chairs.csv", lambda rows: rows[3].__setitem__(rows[0].index("position"), cell))
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.from_csv(tmp_path)
    assert info.value.problems == (f"chairs.csv: row 4, column position: {cell!r} is not a whole number",)


def test_a_next_meeting_without_sources_is_reported_not_dropped(tmp_path: Path) -> None:
    BUNDLED.export(tmp_path, "csv")

    def unsourced(rows: list[list[str]]) -> None:
        row = next(r for r in rows if r[rows[0].index("next_meeting_sources")])
        row[rows[0].index("next_meeting_sources")] = ""

    _edit_csv(tmp_path / "conferences.csv", unsourced)
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.from_csv(tmp_path)
    assert any("next_meeting" in p and "sources" in p for p in info.value.problems), info.value.problems


# -- 6. CSV text cannot become a spreadsheet formula --------------------------------------

TRICKY = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "'quoted", "''twice", '=HYPERLINK("http://x")', "plain"]


def _tricky_dataset() -> nm.Dataset:
    src = attrs.evolve(SRC, title=TRICKY[0], publisher=TRICKY[2], notes=tuple(TRICKY))
    person = nm.Official(id="p", name=TRICKY[6], aliases=("@alias",), sources=(src,))
    serving = nm.Appointment(official=person, post=POSTS[0], start=P("2020"), in_office=True, sources=(src,))
    figure = nm.Figure(key="k", label="-label", value=-5, sources=(src,))
    conference = nm.Conference(
        id="c",
        date=P("2020-03-01"),
        evidence=nm.Evidence.REPORTED,
        venue="+venue",
        figures=(figure,),
        notes=("-n",),
        sources=(src,),
    )
    return nm.Dataset(
        info=INFO,
        sources=(src,),
        posts=POSTS,
        officials=(person,),
        appointments=(serving,),
        conferences=(conference,),
    )


def _cells(root: Path, name: str) -> list[dict[str, str]]:
    with open(root / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_text_that_could_start_a_formula_is_quoted_and_read_back(tmp_path: Path) -> None:
    from natoeu_milstaff._export import FORMULA_START

    assert FORMULA_START == ("=", "+", "-", "@", "\t", "\r")
    ds = _tricky_dataset()
    assert ds.validate() == ()
    ds.export(tmp_path, "datapackage")
    for name, columns in SCHEMA.items():
        for row in _cells(tmp_path, name):
            for column, kind in columns:
                cell = row[column]
                if kind == "string":
                    assert not cell.startswith(FORMULA_START), (name, column, cell)
    assert _cells(tmp_path, "officials")[0]["name"] == '\'=HYPERLINK("http://x")'
    assert _cells(tmp_path, "sources")[0]["title"] == "'=1+1"
    assert _cells(tmp_path, "figures")[0]["label"] == "'-label"
    assert _cells(tmp_path, "figures")[0]["value"] == "-5"  # a number stays a number
    assert nm.Dataset.from_csv(tmp_path) == ds
    assert ds.records()["officials"][0]["name"] == TRICKY[6]  # records() keep the text as it is
    path, _ = ds.export(tmp_path / "json", "json")
    assert nm.Dataset.from_json(path) == ds


# Text with what a spreadsheet might take for a formula, and the quote that escapes it.
formula_text = st.text(min_size=1, max_size=20) | st.builds(
    "".join,
    st.lists(st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "\n", "a", " ", '"', ","]), min_size=1),
)


@settings(max_examples=60)
@given(st.lists(formula_text, min_size=1, max_size=4))
def test_any_text_round_trips_through_csv_and_never_starts_a_formula(texts: list[str]) -> None:
    from natoeu_milstaff._export import FORMULA_START

    name, columns = "sources", SCHEMA["sources"]
    strings = [column for column, kind in columns if kind == "string"]
    rows: list[dict[str, Any]] = [
        {
            column: texts[(i + j) % len(texts)] if column in strings else [] if kind == "array" else None
            for j, (column, kind) in enumerate(columns)
        }
        for i in range(len(texts))
    ]
    text = csv_text(name, rows)
    for row in csv.DictReader(io.StringIO(text, newline="")):
        assert not any(row[column].startswith(FORMULA_START) for column in strings), row
    with tempfile.TemporaryDirectory() as tmp:
        for table in SCHEMA:
            Path(tmp, f"{table}.csv").write_text(
                text if table == name else csv_text(table, []), encoding="utf-8", newline=""
            )
        assert read_csv(Path(tmp))[name] == rows


# -- 7. no data file is read past the size limit ------------------------------------------


def _sparse(path: Path, size: int) -> None:
    """Make ``path`` a file of ``size`` bytes that takes no room on disk."""
    with open(path, "r+b" if path.exists() else "wb") as handle:
        handle.truncate(size)


def test_no_data_file_larger_than_the_limit_is_read(tmp_path: Path) -> None:
    from natoeu_milstaff._files import MAX_FILE_BYTES

    assert MAX_FILE_BYTES == 64 * 2**20
    too_big = MAX_FILE_BYTES + 1
    said = f"{too_big} bytes, more than the 67108864 bytes (64 MiB) a data file may hold; not read"
    data = copy_bundled_data(tmp_path)
    _sparse(data / "sources.toml", too_big)
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.load(data)
    assert f"sources.toml: {said}" in info.value.problems

    path, _ = BUNDLED.export(tmp_path / "json", "json")
    _sparse(Path(path), too_big)
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.from_json(path)
    assert info.value.problems == (f"{path}: {said}",)

    BUNDLED.export(tmp_path / "csv", "csv")
    _sparse(tmp_path / "csv" / "sources.csv", too_big)
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.from_csv(tmp_path / "csv")
    assert info.value.problems == (f"sources.csv: {said}",)


def test_a_file_of_exactly_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from natoeu_milstaff import _files

    data = copy_bundled_data(tmp_path)
    largest = max(data.glob("*.toml"), key=lambda p: p.stat().st_size)  # whichever table is biggest
    size = largest.stat().st_size
    monkeypatch.setattr(_files, "MAX_FILE_BYTES", size)  # a small limit, so nothing big is read
    assert nm.Dataset.load(data) == BUNDLED
    monkeypatch.setattr(_files, "MAX_FILE_BYTES", size - 1)
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.load(data)
    assert info.value.problems == (
        f"{largest.name}: {size} bytes, more than the {size - 1} bytes a data file may hold; not read",
    )


def test_a_file_that_is_no_regular_file_is_not_read(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    data = copy_bundled_data(tmp_path)
    (data / "posts.toml").unlink()
    os.mkfifo(data / "posts.toml")  # reading it would wait for a writer for ever
    (data / "topics.toml").unlink()
    (data / "topics.toml").mkdir()
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.load(data)
    assert "posts.toml: not a regular file" in info.value.problems
    assert "topics.toml: not a regular file (a directory)" in info.value.problems
