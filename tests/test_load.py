"""Loading and dumping data directories: round trips, and malformed files reported as
one DataError that names every problem with its file and path."""

from __future__ import annotations

import shutil
import tempfile
from importlib import resources
from typing import TYPE_CHECKING

import pytest
from hypothesis import given

import natoeu_milstaff as nm
from natoeu_milstaff._convert import structure_tables, unstructure_tables
from natoeu_milstaff._model import TABLES
from strategies import datasets

if TYPE_CHECKING:
    from pathlib import Path


@given(datasets())
def test_dump_then_load_gives_an_equal_dataset(ds: nm.Dataset) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ds.dump(tmp)
        loaded = nm.Dataset.load(tmp)
    assert loaded == ds
    assert loaded.validate() == ()


@given(datasets())
def test_plain_data_round_trip(ds: nm.Dataset) -> None:
    assert nm.Dataset(**structure_tables(unstructure_tables(ds.tables))) == ds


def test_bundled_dataset_round_trips_through_dump(tmp_path: Path) -> None:
    ds = nm.Dataset.bundled()
    ds.dump(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(t.file for t in TABLES)
    assert nm.Dataset.load(tmp_path) == ds
    assert nm.Dataset.load(str(tmp_path)) == ds


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    with resources.as_file(resources.files("natoeu_milstaff") / "data") as root:
        shutil.copytree(root, tmp_path / "data")
    return tmp_path / "data"


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _at(root: Path, file: str, key: str, ident: str, field: str = "id") -> int:
    """Position of the record ``ident`` in a bundled data file, so tests survive new data."""
    import tomllib

    records = tomllib.loads((root / file).read_text(encoding="utf-8"))[key]
    return next(i for i, r in enumerate(records) if r.get(field) == ident)


def _problems(root: Path) -> tuple[str, ...]:
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.load(root)
    assert isinstance(info.value, ValueError)
    assert str(root) in str(info.value)
    return info.value.problems


def test_bad_toml_syntax(data_dir: Path) -> None:
    _edit(data_dir / "posts.toml", 'code = "DGIMS"', 'code = "DGIMS')
    (problem,) = _problems(data_dir)
    assert problem.startswith("posts.toml: not valid TOML")


def test_wrong_type_unknown_key_impossible_date_and_dangling_reference_all_at_once(data_dir: Path) -> None:
    conferences = data_dir / "conferences.toml"
    _edit(conferences, "ordinal = 17", 'ordinal = "17"')
    _edit(conferences, 'venue = "NATO Headquarters"\n', 'venu = "NATO Headquarters"\n')
    _edit(conferences, 'date = "2020-05-19"', 'date = "2020-02-30"')
    _edit(conferences, 'official = "jan-broeks"', 'official = "jan-broek"')
    i17, i2020 = (_at(data_dir, "conferences.toml", "conference", c) for c in ("2022-06-10", "2020-05-19"))
    i2018 = _at(data_dir, "conferences.toml", "conference", "2018-06-19")
    problems = _problems(data_dir)
    text = "\n".join(problems)
    assert f"conferences.toml: $.conference[{i17}].ordinal: expected an integer, got str '17'" in text
    i2016 = _at(data_dir, "conferences.toml", "conference", "2016-05-12")
    assert f"conferences.toml: $.conference[{i2016}]: unknown key(s) venu" in text
    assert f"conferences.toml: $.conference[{i2020}].date: day 30 does not exist in 2020-02" in text
    assert (
        f"conferences.toml: $.conference[{i2018}].co_chairs[0].official: no official has the id 'jan-broek'; did you mean 'jan-broeks'?"
        in text
    )
    # Records that fail to build are left out, and the exceptions that name them report it.
    assert any(p.startswith("alternation.toml: $.exception[") for p in problems)


def test_missing_field_and_bad_enum(data_dir: Path) -> None:
    _edit(data_dir / "conferences.toml", 'evidence = "reported"\n', "")
    _edit(data_dir / "posts.toml", 'organisation = "EU"', 'organisation = "UN"')
    text = "\n".join(_problems(data_dir))
    assert "conferences.toml: $.conference[0].evidence: required field missing" in text
    assert (
        "posts.toml: $.post[1].organisation: 'UN' is not a Organisation; expected one of 'NATO', 'EU'" in text
    )


def test_native_toml_dates_are_refused(data_dir: Path) -> None:
    _edit(data_dir / "conferences.toml", 'date = "2019-11-25"', "date = 2019-11-25")
    index = _at(data_dir, "conferences.toml", "conference", "2019-11-25")
    text = "\n".join(_problems(data_dir))
    assert f"$.conference[{index}].date: expected a quoted EDTF date string" in text


def test_string_where_a_list_is_expected(data_dir: Path) -> None:
    _edit(data_dir / "officials.toml", 'aliases = ["Hans-Werner Wierman"]', 'aliases = "Hans-Werner Wierman"')
    index = _at(data_dir, "officials.toml", "official", "hans-werner-wiermann")
    text = "\n".join(_problems(data_dir))
    assert f"officials.toml: $.official[{index}].aliases: expected an array, got str" in text


def test_duplicate_id(data_dir: Path) -> None:
    index = _at(data_dir, "officials.toml", "official", "jan-broeks")
    _edit(data_dir / "officials.toml", 'id = "jan-broeks"', 'id = "esa-pulkkinen"')
    text = "\n".join(_problems(data_dir))
    assert f"officials.toml: $.official[{index}]: duplicate id 'esa-pulkkinen'" in text


def test_invariant_breaks_are_reported_with_paths(data_dir: Path) -> None:
    _edit(data_dir / "appointments.toml", 'end = "2019-07-11"', 'end = "2020-01-01"')
    _edit(
        data_dir / "conferences.toml",
        'host = "EU"\nformat = "video-conference"',
        'host = "NATO"\nformat = "video-conference"',
    )
    text = "\n".join(_problems(data_dir))
    assert "both held DGIMS" in text
    assert "the same-host break between 2019-11-25 (NATO) and 2020-05-19 (NATO) is not documented" in text


def test_not_utf8_missing_file_stray_file_and_symlink(data_dir: Path) -> None:
    (data_dir / "topics.toml").write_bytes(b"\xff\xfe[[topic]]")
    (data_dir / "declarations.toml").unlink()
    (data_dir / "extra.toml").write_text("", encoding="utf-8")
    (data_dir / "posts.toml").unlink()
    (data_dir / "posts.toml").symlink_to("/etc/hostname")
    problems = _problems(data_dir)
    assert "topics.toml: not UTF-8 text (byte 0)" in problems
    assert "declarations.toml: missing" in problems
    assert "posts.toml: missing (a symbolic link is not read)" in problems
    assert any(p.startswith("extra.toml: unexpected file") for p in problems)


def test_empty_and_missing_directory(tmp_path: Path) -> None:
    problems = _problems(tmp_path)
    assert len(problems) == len(TABLES)
    assert all(p.endswith(": missing") for p in problems)
    with pytest.raises(nm.DataError, match="not a directory"):
        nm.Dataset.load(tmp_path / "nowhere")


def test_wrong_top_level_shape(data_dir: Path) -> None:
    (data_dir / "posts.toml").write_text('post = "DGIMS"\nother = 1\n', encoding="utf-8")
    text = "\n".join(_problems(data_dir))
    assert "posts.toml: $: unexpected top-level key(s) other" in text
    assert "posts.toml: $.post: expected an array of tables ([[post]])" in text


def test_topic_cycle(data_dir: Path) -> None:
    _edit(
        data_dir / "topics.toml",
        'id = "cyber"\nlabel = "Cyber"\n',
        'id = "cyber"\nlabel = "Cyber"\nbroader = ["cyber-defence"]\n',
    )
    text = "\n".join(_problems(data_dir))
    assert "cycle" in text


def test_load_refuses_wrong_argument_types() -> None:
    with pytest.raises(TypeError, match="path must be"):
        nm.Dataset.load(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="path must be"):
        nm.Dataset.bundled().dump(None)  # type: ignore[arg-type]
