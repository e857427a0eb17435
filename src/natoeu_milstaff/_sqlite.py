"""The SQLite export: every flat table of ``_export`` in one database file.

The tables, their columns, types, keys, references and descriptions all follow from
``FLAT_TABLES`` and ``CELLS``, as the CSV files and the data package do; the rows are
those of ``records``. Each column is typed and checked by SQLite itself:

- text is ``TEXT``, a whole number ``INTEGER`` (each checked with ``typeof``); a flag
  is ``INTEGER`` 0 or 1; a day is ISO text that ``date(day, '+0 days')`` gives back
  unchanged (so no other form, and no 30 February); a
  value of an enumeration must be one of its values;
- a list is a JSON array in ``TEXT`` (never ``NULL``; ``[]`` for none), so that
  ``json_each`` reads it;
- the key columns are the ``PRIMARY KEY`` and ``NOT NULL``; every reference held in a
  single value is a ``FOREIGN KEY`` (deferred: checked when the load commits, so the
  tables may be loaded in any order). The rows of ``inferences`` and ``conflicts``
  belong to records of several tables, named by ``record_type`` and ``record_id``,
  which no foreign key can express: the view ``unlinked_rows`` lists those that name
  no record (none, in a database this module wrote).

SQLite keeps no comments on columns: ``_tables`` describes each table and view and
``_columns`` each column (its type, description, key, reference, allowed values,
pattern). The table ``dataset`` holds the data's version and as-of date.

Views join what the tables hold by key: ``conference_chairs``, ``post_holders``,
``conference_topics``, ``area_conferences`` (the conferences that discussed each area of
the common proposals), the junctions ``agenda_item_topics`` and ``topic_broader`` (a
list of ids as one row per id, so that a join needs no JSON function) and
``citations`` (every source each row cites). The FTS5 table ``search`` indexes agenda
item titles, source titles and officials' names, with the ``unicode61
remove_diacritics 2`` tokenizer: ``blejean`` finds ``Bléjean``.

The database is built in memory and its bytes (``Connection.serialize``) are written
through ``_files.write_files``, atomically and never through a symbolic link. Equal
data gives equal bytes with the same SQLite library.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._export import CELLS, FLAT_TABLES, KEY_COLUMN, Cell, FlatTable, check_int64, records

if TYPE_CHECKING:
    import sqlite3
    from pathlib import Path

    from ._model import Tables

__all__ = ["SQLITE_FILE", "database", "write_sqlite"]

SQLITE_FILE = "natoeu_milstaff.sqlite"

_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "boolean": "INTEGER", "date": "TEXT", "array": "TEXT"}

# What this module needs of the SQLite library: FTS5 with the tokenizer that folds
# diacritics (SQLite 3.27) and the JSON functions. Both are run once before anything else.
_FEATURE_PROBES = (
    "CREATE VIRTUAL TABLE temp.probe USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')",
    "SELECT json_valid('[]'), json_type('[]'), (SELECT count(*) FROM json_each('[1]'))",
)


def _name(name: str) -> str:
    """An identifier, quoted (``end`` and ``key`` are SQL words)."""
    return '"' + name.replace('"', '""') + '"'


def _text(value: str) -> str:
    """A string literal."""
    return "'" + value.replace("'", "''") + "'"


def _singular(table: str) -> str:
    return table.removesuffix("s")


def _checks(cell: Cell) -> list[str]:
    name = _name(cell.name)
    if cell.type == "array":
        return [f"json_valid({name}) AND json_type({name}) = 'array'"]
    if cell.type == "boolean":
        return [f"{name} IN (0, 1)"]
    if cell.type == "date":
        # A real day, written YYYY-MM-DD: the modifier makes date() carry an impossible day
        # over (2021-02-30 is 2021-03-02), which it otherwise gives back as it was.
        return [f"{name} IS date({name}, '+0 days')"]
    checks = [f"typeof({name}) IN ('{_SQL_TYPES[cell.type].lower()}', 'null')"]
    if cell.values:
        checks.append(f"{name} IN ({', '.join(map(_text, cell.values))})")
    return checks


def _column_sql(cell: Cell) -> str:
    parts = [_name(cell.name), _SQL_TYPES[cell.type]]
    if cell.required:
        parts.append("NOT NULL")
    parts += [f"CHECK ({check})" for check in _checks(cell)]
    return " ".join(parts)


# Checked when the load commits, so that the tables may be loaded in any order.
_DEFERRED = "DEFERRABLE INITIALLY DEFERRED"


def _references(table: FlatTable) -> list[tuple[str, str, str]]:
    """(column, parent table, parent key) of every reference held in a single value.

    A list of ids is no foreign key (``agenda_item_topics`` and the like give its ids one
    a row), nor is the pair ``record_type``, ``record_id`` of a row that may belong to
    records of several tables: ``unlinked_rows`` lists those that name no record.
    """
    return [(c.name, c.refers, KEY_COLUMN[c.refers].name) for c in table.references if c.refers is not None]


def _create_table(table: FlatTable) -> str:
    lines = [_column_sql(cell) for cell in CELLS[table.name]]
    lines.append(f"PRIMARY KEY ({', '.join(map(_name, table.key_names))})")
    lines += [
        f"FOREIGN KEY ({_name(column)}) REFERENCES {_name(parent)} ({_name(key)}) {_DEFERRED}"
        for column, parent, key in _references(table)
    ]
    body = ",\n  ".join(lines)
    return f"CREATE TABLE {_name(table.name)} (\n  {body}\n)"


def _cell_value(value: Any, kind: str) -> Any:
    if kind == "array":
        return json.dumps(value, ensure_ascii=False)
    if kind == "boolean" and value is not None:
        return int(value)
    return value


@dataclass(frozen=True)
class _View:
    """A view: its columns (name, description) and the query that gives them."""

    name: str
    about: str
    columns: tuple[tuple[str, str], ...]
    query: str

    def sql(self) -> str:
        names = ", ".join(_name(column) for column, _ in self.columns)
        return f"CREATE VIEW {_name(self.name)} ({names}) AS\n{self.query}"


_AGENDA_TOPICS = "agenda_item_topics"
_BROADER = "topic_broader"
# Names of the junction views of lists of ids of records; any other such list gets
# "<table>_<column>".
_JUNCTION_NAMES = {("agenda_items", "topics"): _AGENDA_TOPICS, ("topics", "broader"): _BROADER}


def _record_key(table: FlatTable, alias: str) -> str:
    """The SQL of a row's key as one text: the key itself, or a JSON array of its parts."""
    keys = [f"{alias}.{_name(c.name)}" for c in table.columns if c.key]
    return f"CAST({keys[0]} AS TEXT)" if len(keys) == 1 else f"json_array({', '.join(keys)})"


def _junctions() -> list[_View]:
    """A view per list of ids of other records but sources (one row per id), and
    ``citations``: every source each row of every table cites."""
    views: list[_View] = []
    cited: list[str] = []
    for table in FLAT_TABLES:
        for column in table.columns:
            if column.type != "array" or column.refers is None:
                continue
            if column.refers == "sources":
                cited.append(
                    f"SELECT {_text(table.name)}, {_record_key(table, 't')}, {_text(column.name)}, j.value\n"
                    f"FROM {_name(table.name)} AS t, json_each(t.{_name(column.name)}) AS j"
                )
                continue
            keys = [c for c in table.columns if c.key]
            heads = [(f"{_singular(table.name)}_id" if c.name == "id" else c.name, c.about) for c in keys]
            target = f"{_singular(column.refers)}_id"
            if target in {name for name, _ in heads}:
                target = f"{column.name}_id"
            parent = KEY_COLUMN[column.refers].name
            views.append(
                _View(
                    _JUNCTION_NAMES.get((table.name, column.name), f"{table.name}_{column.name}"),
                    f"each row: one id of the list {table.name}.{column.name}, beside the key of its row",
                    (*heads, (target, f"one of the ids in {column.name} ({column.refers}.{parent})")),
                    f"SELECT {', '.join(f't.{_name(c.name)}' for c in keys)}, j.value\n"
                    f"FROM {_name(table.name)} AS t, json_each(t.{_name(column.name)}) AS j",
                )
            )
    views.append(
        _View(
            "citations",
            "each row: one source a row of a table cites",
            (
                ("table_name", "the table of the citing row"),
                ("record_key", "the citing row's key: its one key cell, or a JSON array of its key cells"),
                ("column_name", "the list that cites the source"),
                ("source_id", "the id of the source cited (sources.id)"),
            ),
            "\nUNION ALL\n".join(cited),
        )
    )
    return views


def _unlinked_rows() -> _View:
    """The rows of child tables whose ``record_type`` and ``record_id`` name no record."""
    parts = []
    for table in FLAT_TABLES:
        for link in table.within:
            if link.record_type is None:
                continue
            key = _name(KEY_COLUMN[link.parent].name)
            parts.append(
                f"SELECT {_text(table.name)}, t.record_type, t.record_id, t.position "
                f"FROM {_name(table.name)} AS t WHERE t.record_type = {_text(link.record_type)} "
                f"AND NOT EXISTS (SELECT 1 FROM {_name(link.parent)} AS p WHERE p.{key} = t.record_id)"
            )
    return _View(
        "unlinked_rows",
        "each row: a row whose record_type and record_id name no record, which a foreign key "
        "cannot check (empty in an exported database)",
        (
            ("table_name", "the table of the row"),
            ("record_type", "the kind of record it names"),
            ("record_id", "the id it names"),
            ("position", "its place in that record's list"),
        ),
        "\nUNION ALL\n".join(parts),
    )


_VIEWS: tuple[_View, ...] = (
    _View(
        "conference_chairs",
        "each row: one co-chair of a conference, with the official's name and the post's title",
        (
            ("conference_id", "the conference's id"),
            ("date", "the conference's date (EDTF)"),
            ("date_start", "the first day the date can mean"),
            ("host", "the organisation that hosted it"),
            ("position", "the chair's place in the conference's list of co-chairs"),
            ("official_id", "the co-chair's id"),
            ("official_name", "the co-chair's name"),
            ("post_code", "the post the co-chair held there"),
            ("post_title", "that post's title"),
            ("rank", "the rank as the source gives it"),
            ("standing_in_for_id", "the Director General a deputy chaired in place of"),
            ("standing_in_for_name", "that Director General's name"),
        ),
        """SELECT c.id, c.date, c.date_start, c.host, ch.position, ch.official_id, o.name,
  ch.post_code, p.title, ch.rank, ch.standing_in_for_id, s.name
FROM chairs AS ch
JOIN conferences AS c ON c.id = ch.conference_id
LEFT JOIN officials AS o ON o.id = ch.official_id
LEFT JOIN posts AS p ON p.code = ch.post_code
LEFT JOIN officials AS s ON s.id = ch.standing_in_for_id
ORDER BY c.date_start, c.id, ch.position""",
    ),
    _View(
        "post_holders",
        "each row: one tenure of an official in a post, in the order of the posts' codes and "
        "the tenures' starts",
        (
            ("post_code", "the post's code"),
            ("post_title", "the post's title"),
            ("official_id", "the official's id"),
            ("official_name", "the official's name"),
            ("start", "the first day in the post (EDTF); empty where no source gives it"),
            ("start_start", "the first day start can mean"),
            ("end", "the last day in the post (EDTF); empty while in office or where unknown"),
            ("end_end", "the last day end can mean"),
            ("in_office", "1 if still in office on the record's as-of date"),
            ("appointment_id", "the tenure's id (appointments.id)"),
        ),
        """SELECT a.post_code, p.title, a.official_id, o.name, a.start, a.start_start,
  a."end", a.end_end, a.in_office, a.id
FROM appointments AS a
LEFT JOIN posts AS p ON p.code = a.post_code
LEFT JOIN officials AS o ON o.id = a.official_id
ORDER BY a.post_code, coalesce(a.start_start, a.end_start), a.id""",
    ),
    _View(
        "conference_topics",
        "each row: a topic a conference discussed: one an agenda item is tagged with, or a "
        "broader topic of one",
        (
            ("conference_id", "the conference's id"),
            ("topic_id", "the topic's id"),
            ("label", "the topic's name"),
            ("direct", "1 if an agenda item is tagged with the topic, 0 if only with a narrower one"),
        ),
        f"""WITH RECURSIVE up (conference_id, topic_id, direct) AS (
  SELECT conference_id, topic_id, 1 FROM {_AGENDA_TOPICS}
  UNION
  SELECT up.conference_id, b.broader_id, 0 FROM up JOIN {_BROADER} AS b ON b.topic_id = up.topic_id
)
SELECT up.conference_id, up.topic_id, t.label, max(up.direct)
FROM up LEFT JOIN topics AS t ON t.id = up.topic_id
GROUP BY up.conference_id, up.topic_id
ORDER BY up.conference_id, up.topic_id""",
    ),
    _View(
        "area_conferences",
        "each row: a conference that discussed an area of the common proposals (an agenda item on "
        "one of the area's or its parts' topics, or on a narrower topic), as meetings_about(area) answers",
        (
            ("area_id", "the area's id (proposal_areas.id)"),
            ("conference_id", "the conference's id"),
        ),
        """WITH RECURSIVE within (area_id, part_id) AS (
  SELECT id, id FROM proposal_areas
  UNION
  SELECT w.area_id, a.id FROM within AS w JOIN proposal_areas AS a ON a.parent_id = w.part_id
)
SELECT DISTINCT w.area_id, ct.conference_id
FROM within AS w
JOIN proposal_areas_topics AS at ON at.proposal_area_id = w.part_id
JOIN conference_topics AS ct ON ct.topic_id = at.topic_id
ORDER BY w.area_id, ct.conference_id""",
    ),
)

SEARCH_TABLE = "search"
_SEARCH_COLUMNS = (
    ("kind", "what the text is: agenda_item (its title), source (its title) or official (name and aliases)"),
    ("record_key", "the row's key: an agenda item's conference_id and position as a JSON array, else the id"),
    ("conference_id", "the conference of an agenda item; empty for the others"),
    ("text", "the text searched"),
)
_SEARCH_ROWS = """INSERT INTO search (kind, record_key, conference_id, text)
SELECT 'agenda_item', json_array(conference_id, position), conference_id, title
  FROM agenda_items WHERE title IS NOT NULL
UNION ALL
SELECT 'source', id, NULL, title FROM sources WHERE title IS NOT NULL
UNION ALL
SELECT 'official', id, NULL, coalesce(name, '')
  || coalesce(char(10) || (SELECT group_concat(value, char(10)) FROM json_each(aliases)), '')
  FROM officials"""


def _search_sql() -> str:
    columns = ", ".join(f"{name} UNINDEXED" if name != "text" else name for name, _ in _SEARCH_COLUMNS)
    tokenizer = "tokenize = 'unicode61 remove_diacritics 2'"  # case and accents folded
    return f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5({columns}, {tokenizer})"


_META = (
    """CREATE TABLE _tables (
  name TEXT NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('table', 'view', 'search')),
  description TEXT NOT NULL
)""",
    """CREATE TABLE _columns (
  table_name TEXT NOT NULL REFERENCES _tables (name) DEFERRABLE INITIALLY DEFERRED,
  position INTEGER NOT NULL,
  column_name TEXT NOT NULL,
  sql_type TEXT,
  type TEXT,
  description TEXT NOT NULL,
  is_key INTEGER NOT NULL CHECK (is_key IN (0, 1)),
  refers_to TEXT,
  derived INTEGER NOT NULL CHECK (derived IN (0, 1)),
  allowed_values TEXT NOT NULL CHECK (json_valid(allowed_values)),
  pattern TEXT,
  PRIMARY KEY (table_name, column_name)
)""",
)


def _meta_rows() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    tables: list[tuple[Any, ...]] = [
        ("_tables", "table", "each row: one table or view of this database, described"),
        ("_columns", "table", "each row: one column of a table or view of this database, described"),
    ]
    columns: list[tuple[Any, ...]] = []
    for table in FLAT_TABLES:
        tables.append((table.name, "table", f"each row: {table.about}"))
        for position, cell in enumerate(CELLS[table.name]):
            columns.append(
                (
                    table.name,
                    position,
                    cell.name,
                    _SQL_TYPES[cell.type],
                    cell.type,
                    cell.about,
                    int(cell.key),
                    cell.target,
                    int(cell.derived),
                    json.dumps(list(cell.values), ensure_ascii=False),
                    cell.pattern,
                )
            )
    for view in _views():
        tables.append((view.name, "view", view.about))
        columns += [
            (view.name, i, name, None, None, about, 0, None, 0, "[]", None)
            for i, (name, about) in enumerate(view.columns)
        ]
    about = "full-text search (FTS5) over agenda item titles, source titles and officials' names"
    tables.append((SEARCH_TABLE, "search", about))
    columns += [
        (SEARCH_TABLE, i, name, "TEXT", "string", about, 0, None, 0, "[]", None)
        for i, (name, about) in enumerate(_SEARCH_COLUMNS)
    ]
    return tables, columns


def _views() -> tuple[_View, ...]:
    return (*_junctions(), *_VIEWS, _unlinked_rows())


def _check_features(connection: sqlite3.Connection, target: Path) -> None:
    """Refuse, with a ``WriteError``, an SQLite library without FTS5 or JSON."""
    import sqlite3

    from ._errors import WriteError

    for probe in _FEATURE_PROBES:
        try:
            connection.execute(probe).fetchall()
        except sqlite3.OperationalError as exc:
            raise WriteError(
                f"{str(target)!r}: cannot be made: this Python's SQLite library ({sqlite3.sqlite_version}) "
                f"lacks what the database needs: FTS5 with the unicode61 remove_diacritics 2 tokenizer "
                f"and the JSON functions (SQLite 3.38 or later has both) ({exc}); nothing was written",
                str(target),
            ) from None
    connection.execute("DROP TABLE IF EXISTS temp.probe")


def _foreign_key_problems(connection: sqlite3.Connection) -> list[str]:
    problems = []
    for table, rowid, parent, fkid in connection.execute("PRAGMA foreign_key_check").fetchall():
        links = {row[0]: row for row in connection.execute(f"PRAGMA foreign_key_list({_name(table)})")}
        column = links[fkid][3]
        (value,) = connection.execute(
            f"SELECT {_name(column)} FROM {_name(table)} WHERE rowid = ?", (rowid,)
        ).fetchone()
        problems.append(f"{table}: row {rowid}: {column} {value!r} names no row of {parent}")
    return problems


def database(tables: Tables, target: Path) -> bytes:
    """The bytes of the SQLite database of ``tables`` (``target`` names it in errors).

    Raises ``WriteError`` where the SQLite library lacks FTS5 or JSON, and
    ``DataError`` where the data breaks a constraint of the database (two records with
    one key, a reference to no record): a dataset that ``validate`` finds sound never
    does.
    """
    import sqlite3

    from ._errors import DataError

    rows = records(tables)
    check_int64(rows, "the SQLite export")
    connection = sqlite3.connect(":memory:", isolation_level=None)  # transactions as written here
    try:
        _check_features(connection, target)
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("BEGIN")
        for table in FLAT_TABLES:
            connection.execute(_create_table(table))
        for statement in _META:
            connection.execute(statement)
        for view in _views():
            connection.execute(view.sql())
        connection.execute(_search_sql())
        problems: list[str] = []
        for table in FLAT_TABLES:
            cells = CELLS[table.name]
            insert = (
                f"INSERT INTO {_name(table.name)} ({', '.join(_name(c.name) for c in cells)}) "
                f"VALUES ({', '.join('?' for _ in cells)})"
            )
            for number, row in enumerate(rows[table.name], start=1):
                try:
                    connection.execute(insert, [_cell_value(row[c.name], c.type) for c in cells])
                except sqlite3.IntegrityError as exc:
                    key = ", ".join(f"{c.name} {row[c.name]!r}" for c in table.columns if c.key)
                    problems.append(f"{table.name}: row {number} ({key}): {exc}")
        problems += _foreign_key_problems(connection)
        if problems:
            connection.execute("ROLLBACK")
            raise DataError(problems, source="the SQLite export")
        meta_tables, meta_columns = _meta_rows()
        connection.executemany("INSERT INTO _tables VALUES (?, ?, ?)", meta_tables)
        connection.executemany(f"INSERT INTO _columns VALUES ({', '.join('?' * 11)})", meta_columns)
        connection.execute(_SEARCH_ROWS)
        connection.execute("INSERT INTO search (search) VALUES ('optimize')")
        connection.execute("COMMIT")
        connection.execute("VACUUM")  # compact, and the same pages for the same data
        return connection.serialize()
    finally:
        connection.close()


def write_sqlite(tables: Tables, out: Path) -> list[Path]:
    """``natoeu_milstaff.sqlite`` in ``out``, written by ``_files.write_files``."""
    from ._files import write_files

    return write_files(out, {SQLITE_FILE: database(tables, out / SQLITE_FILE)})
