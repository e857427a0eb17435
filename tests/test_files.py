"""Stage 1, the data directory on disk (``_files``): what cannot be read as the right
files of TOML tables is reported as one DataError naming every file with a problem, and
a dataset dumped to a directory loads back equal (with ``_convert``, stage 2)."""

from __future__ import annotations

import tempfile
from typing import TYPE_CHECKING

import pytest
from hypothesis import given

import natoeu_milstaff as nm
from _support import copy_bundled_data, load_problems, position, replace_text
from natoeu_milstaff._model import TABLES
from strategies import datasets

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return copy_bundled_data(tmp_path)


# -- the round trip: dump, then load ------------------------------------------------


@given(datasets())
def test_dump_then_load_gives_an_equal_dataset(ds: nm.Dataset) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ds.dump(tmp)
        assert nm.Dataset.load(tmp) == ds


def test_bundled_dataset_round_trips_through_dump(tmp_path: Path) -> None:
    """The bundled record has what random datasets lack (declarations, progress
    reports, figures, inferences, conflicts, notes, announced meetings...)."""
    ds = nm.Dataset.bundled()
    written = ds.dump(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(t.file for t in TABLES)
    assert written == [str(tmp_path / t.file) for t in TABLES]  # in table order, as export returns
    assert nm.Dataset.load(tmp_path) == ds


# -- files that cannot be read as TOML tables -----------------------------------------


def test_bad_toml_syntax(data_dir: Path) -> None:
    replace_text(data_dir / "posts.toml", 'code = "DGIMS"', 'code = "DGIMS')
    (problem,) = load_problems(data_dir)
    assert problem.startswith("posts.toml: not valid TOML")


def test_not_utf8_missing_file_stray_file_and_symlink(data_dir: Path) -> None:
    (data_dir / "topics.toml").write_bytes(b"\xff\xfe[[topic]]")
    (data_dir / "declarations.toml").unlink()
    (data_dir / "extra.toml").write_text("", encoding="utf-8")
    (data_dir / "posts.toml").unlink()
    (data_dir / "posts.toml").symlink_to("/etc/hostname")
    problems = load_problems(data_dir)
    assert "topics.toml: not UTF-8 text (byte 0)" in problems
    assert "declarations.toml: missing" in problems
    assert "posts.toml: missing (a symbolic link is not read)" in problems
    assert any(p.startswith("extra.toml: unexpected file") for p in problems)


def test_empty_and_missing_directory(tmp_path: Path) -> None:
    problems = load_problems(tmp_path)
    assert len(problems) == len(TABLES)
    assert all(p.endswith(": missing") for p in problems)
    with pytest.raises(nm.DataError, match="not a directory"):
        nm.Dataset.load(tmp_path / "nowhere")


def test_loader_reports_unreadable_paths_and_deep_nesting(data_dir: Path) -> None:
    with pytest.raises(nm.DataError, match=r"cannot be read|not a directory"):
        nm.Dataset.load("a" * 5000)
    with pytest.raises(nm.InvalidValueError, match="path is empty"):
        nm.Dataset.load("")
    (data_dir / "declarations.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(nm.DataError, match="nested too deeply"):
        nm.Dataset.load(data_dir)


def test_wrong_top_level_shape(data_dir: Path) -> None:
    (data_dir / "posts.toml").write_text('post = "DGIMS"\nother = 1\n', encoding="utf-8")
    text = "\n".join(load_problems(data_dir))
    assert "posts.toml: $: unexpected top-level key(s) other" in text
    assert "posts.toml: $.post: expected an array of tables ([[post]])" in text


# -- topics come parents first: cycles and chains too deep are refused ----------------


def test_topic_cycle(data_dir: Path) -> None:
    replace_text(
        data_dir / "topics.toml",
        'id = "cyber"\nlabel = "Cyber"\n',
        'id = "cyber"\nlabel = "Cyber"\nbroader = ["cyber-defence"]\n',
    )
    problems = load_problems(data_dir)
    for topic in ("cyber", "cyber-defence"):
        index = position(data_dir, "topics.toml", "topic", topic)
        assert f"topics.toml: $.topic[{index}].broader: part of a cycle of broader topics" in problems


def test_deep_topic_chains_and_cycles_are_reported(data_dir: Path) -> None:
    chain = "".join(
        f'[[topic]]\nid = "t{i}"\nlabel = "T {i}"\n' + (f'broader = ["t{i - 1}"]\n' if i else "") + "\n"
        for i in range(600)
    )
    (data_dir / "topics.toml").write_text(chain, encoding="utf-8")
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.load(data_dir)
    assert any("more than 32 levels of broader topics" in p for p in info.value.problems)
