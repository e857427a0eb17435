"""Data faults: each way a curator can break a data directory gives one DataError that
names the file and the field, lists every problem, and returns nothing half-loaded."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import natoeu_milstaff as nm
from _support import copy_bundled_data

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return copy_bundled_data(tmp_path)


def _replace(file: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        text = (root / file).read_text(encoding="utf-8")
        assert old in text, old
        (root / file).write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def _truncate(file: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        data = (root / file).read_bytes()
        (root / file).write_bytes(data[: len(data) // 2 + 7])

    return edit


def _bytes(file: str, data: bytes) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        (root / file).write_bytes(data)

    return edit


def _delete(file: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        (root / file).unlink()

    return edit


FAULTS: dict[str, tuple[Callable[[Path], None], str]] = {
    "truncated file": (_truncate("conferences.toml"), "conferences.toml: "),
    "wrong type": (
        _replace("posts.toml", 'code = "DGIMS"', "code = 3"),
        "posts.toml: $.post[0].code: expected a string",
    ),
    "unknown key (typo)": (
        _replace("officials.toml", 'nationality = "GB"', 'nationalty = "GB"'),
        "unknown key(s) nationalty",
    ),
    "duplicate id": (
        _replace("topics.toml", 'id = "cyber-security"', 'id = "cyber-defence"'),
        "duplicate id 'cyber-defence'",
    ),
    "dangling reference": (
        _replace("conferences.toml", 'topics = ["space"]', 'topics = ["outer-space"]'),
        "no topic has the id 'outer-space'",
    ),
    "impossible date": (
        _replace("declarations.toml", 'date = "2018-07-10"', 'date = "2018-07-32"'),
        "July 2018 has no day 32",
    ),
    "end before start": (
        _replace("appointments.toml", 'end = "2022-07-14"', 'end = "2018-01-01"'),
        "end: 2018-01-01 is not after the start 2019-07-11",
    ),
    "overlapping appointments": (
        _replace("appointments.toml", 'end = "2019-07-11"', 'end = "2021-01-01"'),
        "both held DGIMS",
    ),
    "chair who did not hold the post": (
        _replace("conferences.toml", 'official = "christopher-harper"', 'official = "jan-broeks"'),
        "jan-broeks held no DGIMS appointment on 2014-01-27",
    ),
    "unsourced fact": (
        _replace(
            "declarations.toml",
            'sources = ["euromaidan-2023-01-10-declaration", "dw-64335117"]',
            "sources = []",
        ),
        "$.declaration[2].sources: no source given",
    ),
    "bytes that are not UTF-8": (
        _bytes("officials.toml", b'[[official]]\nid = "\xe9"\n'),
        "officials.toml: not UTF-8 text",
    ),
    "missing file": (_delete("sources.toml"), "sources.toml: missing"),
    "TOML that is not a table array": (_bytes("posts.toml", b"post = 1\n"), "expected an array of tables"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_each_fault_is_one_data_error_naming_file_and_field(data_dir: Path, fault: str) -> None:
    edit, fragment = FAULTS[fault]
    edit(data_dir)
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.load(data_dir)
    error = info.value
    assert any(fragment in p for p in error.problems), (fault, error.problems)
    assert all(p.split(":")[0].endswith(".toml") for p in error.problems), error.problems
    assert str(data_dir) in str(error)


def test_every_problem_is_listed_at_once(data_dir: Path) -> None:
    for name in ("wrong type", "unknown key (typo)", "impossible date", "unsourced fact"):
        FAULTS[name][0](data_dir)
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.load(data_dir)
    text = "\n".join(info.value.problems)
    for name in ("wrong type", "unknown key (typo)", "impossible date"):
        assert FAULTS[name][1] in text


def test_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.load(tmp_path)
    assert len(info.value.problems) == 13


def test_loader_reads_only_its_own_files(data_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.toml"
    secret.write_text('[[post]]\ncode = "X"\n', encoding="utf-8")
    (data_dir / "posts.toml").unlink()
    (data_dir / "posts.toml").symlink_to(secret)
    (data_dir / "../escape.toml").write_text("", encoding="utf-8")
    with pytest.raises(nm.DataError) as info:
        nm.Dataset.load(data_dir)
    assert "posts.toml: missing (a symbolic link is not read)" in info.value.problems


def test_data_is_never_evaluated(data_dir: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = f'__import__("pathlib").Path("{marker}").touch()'
    _replace(
        "posts.toml",
        'title = "Director General of the NATO International Military Staff"',
        f"title = {payload!r}",
    )(data_dir)
    _replace("officials.toml", 'name = "Jan Broeks"', 'name = "{{7*7}} $(touch /tmp/x) `id`"')(data_dir)
    dataset = nm.Dataset.load(data_dir)
    assert not marker.exists()
    assert dataset.post("DGIMS").title == payload
    assert dataset.official("jan-broeks").name == "{{7*7}} $(touch /tmp/x) `id`"
