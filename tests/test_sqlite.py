"""The SQLite export: every table's rows are those of ``records()``, the constraints
refuse what the record could not hold, the views and the search table answer what the
record says, and equal data gives equal bytes."""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings

import natoeu_milstaff as nm
from natoeu_milstaff import _sqlite
from natoeu_milstaff._export import CELLS, FLAT_TABLES, records
from strategies import replace, rich_datasets

if TYPE_CHECKING:
    from collections.abc import Iterator

BUNDLED = nm.Dataset.bundled()
ROWS = records(BUNDLED.tables)
FILE = "natoeu_milstaff.sqlite"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data's database, written once; tests that change it take a copy."""
    [path] = BUNDLED.export(tmp_path_factory.mktemp("sqlite"), "sqlite")
    return Path(path)


@contextlib.contextmanager
def opened(path: Path) -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        yield db
    finally:
        db.close()


def read_tables(db: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    """Every flat table's rows as ``records`` gives them: lists from JSON, flags as bools."""
    out: dict[str, list[dict[str, Any]]] = {}
    for name, cells in CELLS.items():
        columns = ", ".join(f'"{cell.name}"' for cell in cells)
        rows = db.execute(f'SELECT {columns} FROM "{name}" ORDER BY rowid').fetchall()
        out[name] = [
            {cell.name: _value(value, cell.type) for cell, value in zip(cells, row, strict=True)}
            for row in rows
        ]
    return out


def _value(value: Any, kind: str) -> Any:
    if kind == "array":
        return json.loads(value)
    if kind == "boolean" and value is not None:
        assert value in (0, 1)
        return bool(value)
    return value


def test_every_table_holds_the_rows_of_records(exported: Path) -> None:
    assert exported.name == FILE
    with opened(exported) as db:
        found = read_tables(db)
        for name in CELLS:
            (count,) = db.execute(f'SELECT count(*) FROM "{name}"').fetchone()
            assert count == len(ROWS[name]), name
    assert found == ROWS
    assert all(ROWS[name] for name in ROWS)  # every table has rows to compare


def test_the_database_is_sound(exported: Path) -> None:
    with opened(exported) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("SELECT * FROM unlinked_rows").fetchall() == []
        (version, as_of) = db.execute("SELECT version, as_of FROM dataset").fetchone()
    assert (version, as_of) == (BUNDLED.info.version, BUNDLED.info.as_of.isoformat())


def test_the_schema_follows_the_table_descriptions(exported: Path) -> None:
    with opened(exported) as db:
        for table in FLAT_TABLES:
            info = db.execute(f'PRAGMA table_info("{table.name}")').fetchall()
            assert [row[1] for row in info] == [cell.name for cell in CELLS[table.name]]
            keys = [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]]
            assert keys == [c.name for c in table.columns if c.key], table.name
            assert all(row[3] for row in info if row[5]), f"{table.name}: a key column may be NULL"
            links = {
                (row[3], row[2], row[4]) for row in db.execute(f'PRAGMA foreign_key_list("{table.name}")')
            }
            wanted = {
                (c.name, c.refers, {"posts": "code", "dataset": "version"}.get(c.refers, "id"))
                for c in table.columns
                if c.refers is not None and c.type != "array"
            }
            assert links == wanted, table.name
        chairs = {row[3]: row[2] for row in db.execute("PRAGMA foreign_key_list(chairs)")}
        assert chairs == {
            "conference_id": "conferences",
            "official_id": "officials",
            "post_code": "posts",
            "standing_in_for_id": "officials",
        }
        described = db.execute("SELECT table_name, column_name, description FROM _columns").fetchall()
        for name, cells in CELLS.items():
            assert [(n, c) for t, n, c in described if t == name] == [(c.name, c.about) for c in cells]
        listed = dict(db.execute("SELECT name, kind FROM _tables").fetchall())
        made = db.execute(
            "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT GLOB 'sqlite_*' AND name NOT GLOB 'search_*'"  # GLOB: '_' is literal
        ).fetchall()
        assert {name: "search" if name == "search" else kind for name, kind in made} == listed
        for view in [name for name, kind in listed.items() if kind == "view"]:
            columns = [row[1] for row in db.execute(f'PRAGMA table_info("{view}")')]
            described_columns = [n for t, n, _ in described if t == view]
            assert columns == described_columns, view


# Each a row the record could not hold, and what SQLite says when it refuses it.
BAD_ROWS = {
    "a host no one is": (
        "UPDATE conferences SET host = 'UN' WHERE id = 'conf-2021-11-16'",
        "CHECK constraint failed",
    ),
    "a dangling official": (
        "INSERT INTO chairs (conference_id, position, official_id, post_code) "
        "VALUES ('conf-2021-11-16', 9, 'nobody', 'DGIMS')",
        "FOREIGN KEY constraint failed",
    ),
    "a chair of no conference": (
        "INSERT INTO chairs (conference_id, position, official_id, post_code) "
        "VALUES ('conf-1900', 0, 'herve-blejean', 'DGIMS')",
        "FOREIGN KEY constraint failed",
    ),
    "a day that is none": (
        "UPDATE conferences SET date_start = '2021-02-30' WHERE id = 'conf-2021-11-16'",
        "CHECK constraint failed",
    ),
    "a day written otherwise": (
        "UPDATE dataset SET as_of = '22 November 2026'",
        "CHECK constraint failed",
    ),
    "a list that is no JSON array": (
        "UPDATE officials SET aliases = 'Blejean' WHERE id = 'herve-blejean'",
        "CHECK constraint failed",
    ),
    "a number that is text": (
        "UPDATE conferences SET ordinal = 'seventeen' WHERE id = 'conf-2021-11-16'",
        "CHECK constraint failed",
    ),
    "a flag that is not 0 or 1": (
        "UPDATE appointments SET in_office = 2",
        "CHECK constraint failed",
    ),
    "a precision unknown": (
        "UPDATE conferences SET date_precision = 'week'",
        "CHECK constraint failed",
    ),
    "a key twice": (
        "INSERT INTO officials (id, name, aliases, sources) VALUES ('herve-blejean', 'X', '[]', '[]')",
        "UNIQUE constraint failed: officials.id",
    ),
    "no key": (
        "INSERT INTO topics (id, aliases, broader) VALUES (NULL, '[]', '[]')",
        "NOT NULL constraint failed: topics.id",
    ),
    "a deputy of no post": (
        "UPDATE posts SET deputy_of = 'XYZ' WHERE code = 'DDGEUMS'",
        "FOREIGN KEY constraint failed",
    ),
}


@pytest.mark.parametrize("bad", sorted(BAD_ROWS))
def test_the_constraints_refuse_what_the_record_could_not_hold(
    exported: Path, tmp_path: Path, bad: str
) -> None:
    copy = tmp_path / FILE
    copy.write_bytes(exported.read_bytes())
    statement, message = BAD_ROWS[bad]
    with opened(copy) as db:
        with pytest.raises(sqlite3.IntegrityError, match=re.escape(message)):
            db.execute(statement)
        assert read_tables(db) == ROWS  # nothing changed


def test_conference_chairs_names_the_chairs_and_whom_a_deputy_stood_in_for(exported: Path) -> None:
    with opened(exported) as db:
        rows = db.execute(
            "SELECT official_name, post_code, standing_in_for_name FROM conference_chairs "
            "WHERE conference_id = 'conf-2021-11-16' ORDER BY position"
        ).fetchall()
        (count,) = db.execute("SELECT count(*) FROM conference_chairs").fetchone()
    assert rows == [
        ("Hans-Werner Wiermann", "DGIMS", None),
        ("Giovanni Manione", "DDGEUMS", "Hervé Bléjean"),
    ]
    assert count == len(ROWS["chairs"])


def test_post_holders_are_the_holders_in_date_order(exported: Path) -> None:
    with opened(exported) as db:
        rows = db.execute(
            'SELECT official_id, start, start_start, "end", end_end, in_office FROM post_holders '
            "WHERE post_code = 'DGIMS'"
        ).fetchall()
    assert [row[0] for row in rows] == [a.official.id for a in nm.holders("DGIMS")]
    wiermann = next(row for row in rows if row[0] == "hans-werner-wiermann")
    assert wiermann == ("hans-werner-wiermann", "2019-07-11", "2019-07-11", "2022-07-14", "2022-07-14", 0)
    assert rows[-1][5] == 1  # the holder today is in office


def test_conference_topics_and_the_junction_views(exported: Path) -> None:
    november = nm.conference("2021-11-16")
    with opened(exported) as db:
        direct = db.execute(
            "SELECT topic_id FROM conference_topics WHERE conference_id = ? AND direct = 1", (november.id,)
        ).fetchall()
        broader = db.execute(
            "SELECT topic_id FROM conference_topics WHERE conference_id = ? AND direct = 0", (november.id,)
        ).fetchall()
        pairs = db.execute("SELECT conference_id, position, topic_id FROM agenda_item_topics").fetchall()
        links = db.execute("SELECT topic_id, broader_id FROM topic_broader").fetchall()
        (cited,) = db.execute("SELECT count(*) FROM citations").fetchone()
        cyber = db.execute(
            "SELECT DISTINCT conference_id FROM conference_topics WHERE topic_id = 'cyber' ORDER BY 1"
        ).fetchall()
    assert sorted(t for (t,) in direct) == sorted(t.id for t in november.topics)
    above = {b.id for t in november.topics for b in t.broader} - {t.id for t in november.topics}
    assert above and above <= {t for (t,) in broader}
    assert pairs == [
        (row["conference_id"], row["position"], topic)
        for row in ROWS["agenda_items"]
        for topic in row["topics"]
    ]
    assert links == [(row["id"], topic) for row in ROWS["topics"] for topic in row["broader"]]
    lists = {name: [c.name for c in cells if c.refers == "sources"] for name, cells in CELLS.items()}
    assert cited == sum(len(row[c]) for name, rows in ROWS.items() for row in rows for c in lists[name])
    # "cyber" or a narrower topic (cyber defence): the conferences meetings_about finds.
    assert cyber
    assert [c for (c,) in cyber] == sorted(c.id for c in nm.meetings_about("cyber"))


def _search(db: sqlite3.Connection, query: str) -> list[tuple[str, str]]:
    return db.execute(
        "SELECT kind, record_key FROM search WHERE search MATCH ? ORDER BY rowid", (query,)
    ).fetchall()


def test_search_folds_diacritics(exported: Path) -> None:
    with opened(exported) as db:
        blejean = _search(db, "blejean")
        assert _search(db, "BLÉJEAN") == blejean
    assert ("official", "herve-blejean") in blejean
    assert ("source", "mirsav-blejean-2023") in blejean
    assert all(kind in ("official", "source") for kind, _ in blejean)


def test_search_finds_every_title_with_the_word(exported: Path) -> None:
    word = re.compile(r"\bcyber\b", re.IGNORECASE)
    items = [
        ("agenda_item", json.dumps([row["conference_id"], row["position"]], separators=(",", ":")))
        for row in ROWS["agenda_items"]
        if word.search(row["title"] or "")
    ]
    sources = [("source", row["id"]) for row in ROWS["sources"] if word.search(row["title"] or "")]
    with opened(exported) as db:
        found = _search(db, "cyber")
        conferences = db.execute(
            "SELECT DISTINCT conference_id FROM search WHERE search MATCH 'cyber' AND kind = 'agenda_item'"
        ).fetchall()
    assert len(items) >= 5
    assert sorted(found) == sorted(items + sources)
    assert {c for (c,) in conferences} == {json.loads(key)[0] for _, key in items}


def test_equal_data_gives_equal_bytes(tmp_path: Path, exported: Path) -> None:
    [again] = BUNDLED.export(tmp_path / "again", "sqlite")
    assert Path(again).read_bytes() == exported.read_bytes()
    changed = replace(BUNDLED, info=nm.DatasetInfo(version="other", as_of=BUNDLED.info.as_of))
    [other] = changed.export(tmp_path / "other", "sqlite")
    assert Path(other).read_bytes() != exported.read_bytes()


def test_an_sqlite_without_fts5_is_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        _sqlite, "_FEATURE_PROBES", ("CREATE VIRTUAL TABLE temp.probe USING no_such_module(x)",)
    )
    with pytest.raises(nm.WriteError) as info:
        BUNDLED.export(tmp_path / "out", "sqlite")
    message = str(info.value)
    assert message.startswith(
        f"{str(tmp_path / 'out' / FILE)!r}: cannot be made: this Python's SQLite library"
    )
    assert "FTS5" in message
    assert message.endswith("; nothing was written")
    assert info.value.filename == str(tmp_path / "out" / FILE)
    assert not (tmp_path / "out").exists()


def test_a_dataset_that_breaks_a_constraint_is_refused(tmp_path: Path) -> None:
    gone = next(o for o in BUNDLED.tables.officials if o.id == "herve-blejean")
    broken = replace(BUNDLED, officials=tuple(o for o in BUNDLED.tables.officials if o is not gone))
    assert broken.validate()  # validate finds it too
    with pytest.raises(nm.DataError) as info:
        broken.export(tmp_path, "sqlite")
    assert info.value.source == "the SQLite export"
    assert any(
        re.fullmatch(r"chairs: row \d+: standing_in_for_id 'herve-blejean' names no row of officials", p)
        for p in info.value.problems
    )
    twice = replace(BUNDLED, officials=(*BUNDLED.tables.officials, gone))
    with pytest.raises(
        nm.DataError, match=r"officials: row 20 \(id 'herve-blejean'\): UNIQUE constraint failed"
    ):
        twice.export(tmp_path, "sqlite")
    assert list(tmp_path.iterdir()) == []


def test_another_file_beside_it_is_left_alone_and_a_new_export_replaces_it(tmp_path: Path) -> None:
    (tmp_path / "notes.sqlite").write_bytes(b"mine")
    (tmp_path / FILE).write_bytes(b"old")
    assert BUNDLED.export(tmp_path, "sqlite") == [str(tmp_path / FILE)]
    assert (tmp_path / "notes.sqlite").read_bytes() == b"mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE, "notes.sqlite"]
    with opened(tmp_path / FILE) as db:
        assert read_tables(db) == ROWS


def test_sqlite3_is_imported_only_for_this_export() -> None:
    code = (
        "import sys, tempfile, natoeu_milstaff as nm\n"
        "nm.records(); nm.export(tempfile.mkdtemp(), 'json')\n"
        "print('sqlite3' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@settings(max_examples=30)
@given(rich_datasets())
def test_every_fact_of_a_random_dataset_reads_back(ds: nm.Dataset) -> None:
    rows = records(ds.tables)
    with tempfile.TemporaryDirectory() as tmp:
        [path] = ds.export(tmp, "sqlite")
        with opened(Path(path)) as db:
            assert read_tables(db) == rows
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []
            assert db.execute("SELECT * FROM unlinked_rows").fetchall() == []
            (pairs,) = db.execute("SELECT count(*) FROM agenda_item_topics").fetchone()
    assert pairs == sum(len(row["topics"]) for row in rows["agenda_items"])
