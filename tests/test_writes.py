"""Paths: every entry point (the command line too) checks its path alike."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import pytest

import natoeu_milstaff as nm
from natoeu_milstaff._cli import main

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

BUNDLED = nm.Dataset.bundled()


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


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
