"""Stage 2, plain data <-> records (``_convert``): plain data round-trips, and every
value of the wrong type, key, date, reference or enum is reported as one DataError that
names every problem with its file and path."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given

import natoeu_milstaff as nm
from _support import copy_bundled_data, load_problems, position, replace_text
from natoeu_milstaff._convert import structure_tables, unstructure_tables
from strategies import datasets

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return copy_bundled_data(tmp_path)


@given(datasets())
def test_plain_data_round_trip(ds: nm.Dataset) -> None:
    assert nm.Dataset(**structure_tables(unstructure_tables(ds.tables))) == ds


def test_wrong_type_unknown_key_impossible_date_and_dangling_reference_all_at_once(data_dir: Path) -> None:
    conferences = data_dir / "conferences.toml"
    replace_text(conferences, "ordinal = 17", 'ordinal = "17"')
    replace_text(conferences, 'venue = "NATO Headquarters"\n', 'venu = "NATO Headquarters"\n')
    replace_text(conferences, 'date = "2020-05-19"', 'date = "2020-02-30"')
    replace_text(conferences, 'official = "jan-broeks"', 'official = "jan-broek"')
    i17, i2020 = (
        position(data_dir, "conferences.toml", "conference", c)
        for c in ("conf-2022-06-10", "conf-2020-05-19")
    )
    i2018 = position(data_dir, "conferences.toml", "conference", "conf-2018-06-19")
    problems = load_problems(data_dir)
    text = "\n".join(problems)
    assert f"conferences.toml: $.conference[{i17}].ordinal: expected an integer, got str '17'" in text
    i2016 = position(data_dir, "conferences.toml", "conference", "conf-2016-05-12")
    assert f"conferences.toml: $.conference[{i2016}]: unknown key(s) venu" in text
    assert (
        f"conferences.toml: $.conference[{i2020}].date: '2020-02-30' is not a date: February 2020 has no day 30"
        in text
    )
    assert (
        f"conferences.toml: $.conference[{i2018}].co_chairs[0].official: no official has the id 'jan-broek'; did you mean 'jan-broeks'?"
        in text
    )
    # Records that fail to build are left out, and the exceptions that name them report it.
    assert any(p.startswith("alternation.toml: $.exception[") for p in problems)


def test_missing_field_and_bad_enum(data_dir: Path) -> None:
    replace_text(data_dir / "conferences.toml", 'evidence = "reported"\n', "")
    replace_text(data_dir / "posts.toml", 'organisation = "EU"', 'organisation = "UN"')
    text = "\n".join(load_problems(data_dir))
    assert "conferences.toml: $.conference[0].evidence: required field missing" in text
    assert (
        "posts.toml: $.post[1].organisation: 'UN' is not a valid Organisation; expected one of 'NATO', 'EU'"
        in text
    )


def test_native_toml_dates_are_refused(data_dir: Path) -> None:
    replace_text(data_dir / "conferences.toml", 'date = "2019-11-25"', "date = 2019-11-25")
    index = position(data_dir, "conferences.toml", "conference", "conf-2019-11-25")
    text = "\n".join(load_problems(data_dir))
    assert f"$.conference[{index}].date: expected a quoted EDTF date string" in text


def test_string_where_a_list_is_expected(data_dir: Path) -> None:
    replace_text(
        data_dir / "officials.toml", 'aliases = ["Hans-Werner Wierman"]', 'aliases = "Hans-Werner Wierman"'
    )
    index = position(data_dir, "officials.toml", "official", "hans-werner-wiermann")
    text = "\n".join(load_problems(data_dir))
    assert f"officials.toml: $.official[{index}].aliases: expected an array, got str" in text


def test_a_string_where_a_table_is_expected(data_dir: Path) -> None:
    replace_text(
        data_dir / "conferences.toml",
        'id = "conf-2019-11-25"\n',
        'id = "conf-2019-11-25"\nnext_meeting = "2019"\n',
    )
    problems = load_problems(data_dir)
    assert any("next_meeting" in p and "expected a table" in p for p in problems), problems


def test_duplicate_id(data_dir: Path) -> None:
    index = position(data_dir, "officials.toml", "official", "jan-broeks")
    replace_text(data_dir / "officials.toml", 'id = "jan-broeks"', 'id = "esa-pulkkinen"')
    text = "\n".join(load_problems(data_dir))
    assert f"officials.toml: $.official[{index}]: duplicate id 'esa-pulkkinen'" in text


def test_references_to_broken_records_say_so_instead_of_missing(data_dir: Path) -> None:
    replace_text(data_dir / "officials.toml", 'nationality = "FI"', 'nationality = "fi"', count=-1)
    problems = load_problems(data_dir)
    assert any("officials.toml: $.official[" in p and "alpha-2" in p for p in problems)
    assert not any("no official has the id 'esa-pulkkinen'" in p for p in problems)
    assert any("refers to the official 'esa-pulkkinen', which has problems of its own" in p for p in problems)
