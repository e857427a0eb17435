"""The data change log (nm.changes): well formed, true of the data, named in the CHANGELOG."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import natoeu_milstaff as nm
from natoeu_milstaff._changes import releases

ROOT = Path(__file__).resolve().parents[1]
ROWS = nm.Dataset.bundled().records()
KEYS = {
    "conferences": "id",
    "officials": "id",
    "sources": "id",
    "topics": "id",
    "posts": "code",
    "dataset": "version",
    "proposal_sets": "id",
    "proposal_areas": "id",
    "proposals": "id",
    "progress_reports": "number",
}


def _row(table: str, record: str) -> dict[str, Any] | None:
    """The record's row; an appointment is named official@POST (the one such tenure)."""
    if table == "appointments":
        official, _, post = record.partition("@")
        found = [
            r for r in ROWS[table] if (r["official_id"], r["post_code"]) == (official, post.split("@")[0])
        ]
        return found[0] if len(found) == 1 else next((r for r in found if r["id"] == record), None)
    return next((r for r in ROWS[table] if str(r[KEYS[table]]) == record), None)


def test_the_log_ends_with_the_bundled_release() -> None:
    assert releases()[-1] == nm.DATA_VERSION
    assert nm.changes(since=nm.DATA_VERSION) == ()
    assert nm.changes(since="2026.11.22") == nm.changes() != ()


def test_every_change_is_sourced_or_says_why_not_and_names_a_record() -> None:
    sources = {s.id for s in nm.sources()}
    for change in nm.changes():
        assert change.reason and len(change.reason) > 30, change
        assert set(change.sources) <= sources, change
        if change.kind is not nm.ChangeKind.REMOVED:
            record = change.new if change.field == "id" else change.record  # a renamed record
            assert record is not None
            assert _row(change.table, record) is not None or _renamed(change), change


def _renamed(change: nm.DataChange) -> bool:
    """Whether a later change of the log gives the record a new id."""
    return any(c.field == "id" and c.old == change.record for c in nm.changes())


def test_the_latest_release_holds_each_new_value() -> None:
    last: dict[tuple[str, str, str], nm.DataChange] = {}  # a field changed twice: its last value
    for change in nm.changes(since=releases()[-2] if len(releases()) > 1 else "2026.11.22"):
        renamed = next((c.new for c in nm.changes() if c.field == "id" and c.old == change.record), None)
        last[(change.table, renamed or change.record, change.field)] = change
    checked = 0
    for (table, record, field), change in last.items():
        if field in ("", "id") or change.kind is nm.ChangeKind.REMOVED:
            continue
        row = _row(table, record)
        assert row is not None, change
        if field not in row:  # a list of nested records (an agenda): its own table
            continue
        checked += 1
        value = row[field]
        if isinstance(value, list):
            assert change.new in value or change.new == json.dumps(value, ensure_ascii=False), change
        else:
            assert (None if value is None else str(value)) == change.new, change
    assert checked


@pytest.mark.skipif(not (ROOT / "CHANGELOG.md").is_file(), reason="the CHANGELOG is not in the wheel")
def test_the_changelog_names_every_change_of_the_unreleased_data() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    unreleased = text.split("## [Unreleased]", 1)[1].split("\n## ", 1)[0]
    data = unreleased.split("### Data", 1)[1].split("\n### ", 1)[0]
    missing = [c for c in nm.changes(since="2026.11.22") if c.record.split("@")[0] not in data]
    assert missing == [], [f"{c.table}:{c.record}" for c in missing]


def test_an_unknown_version_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(nm.InvalidValueError, match=re.escape("the log knows 2026.11.22, ")):
        nm.changes(since="2020.1.1")
    with pytest.raises(TypeError, match="since must be a data version"):
        nm.changes(since=2026)  # type: ignore[arg-type]


def test_a_change_is_a_frozen_record() -> None:
    change = nm.changes()[0]
    with pytest.raises(AttributeError):
        change.new = "x"  # type: ignore[misc]
    assert "DataChange(release=" in repr(change)
