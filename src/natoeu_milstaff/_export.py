"""Stage 8: the doors out — flat records, JSON, CSV, pandas and a Frictionless data
package (Popolo is in ``_popolo``).

``records(tables)`` flattens every table into rows of plain values, one table per kind
of fact, so that nothing a record holds is lost: nested lists (co-chairs, agenda
items, figures, inferences, conflicts) become tables of their own keyed by their
parent, and lists of names or ids are written as JSON arrays (``["a", "b"]``), which
keeps them exact whatever they contain. Partial dates are written as EDTF text with a
precision column beside them. ``from_records`` turns the rows back into the nested
plain data, so an export can be read back into an equal dataset.

Each flat table is described once, in ``FLAT_TABLES``; the CSV columns, the data package's
schema, the pandas types and both directions of the conversion all follow from it.

CSV files are safe to open in a spreadsheet, by one reversible rule (OWASP's advice
against CSV injection). In a text column (``string`` in ``SCHEMA``), a cell that begins
with one of ``FORMULA_START`` (``=``, ``+``, ``-``, ``@``, a tab or a carriage return),
which a spreadsheet may take for the start of a formula, is written with a single
quote ``'`` before it; so is a cell that already begins with ``'``. ``read_csv`` removes
exactly one leading ``'`` from every text cell that has one, so what was written is
read back exactly. The rule touches text columns only: integers, flags and dates are
written by the library from typed values and stay as they are, so a negative number
(a ``figures.value`` of ``-5``; the model allows one) is written ``-5`` and a
spreadsheet reads it as the number it is. Lists are JSON arrays, which begin with
``[``. ``records()``, the JSON exports and pandas frames hold the text unchanged.

Every file is written through ``_files.write_files``: checked first (no symbolic
links, no stray ``.csv`` file beside the CSV tables), then atomically per file.
"""

from __future__ import annotations

import csv
import enum
import io
import json
import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ._dates import PartialDate
from ._model import TABLES

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from ._model import Tables

__all__ = [
    "FORMULA_START",
    "SCHEMA",
    "dataframe",
    "from_records",
    "read_csv",
    "records",
    "write_csv",
    "write_datapackage",
    "write_json",
]


@dataclass(frozen=True)
class Column:
    """One column of a flat table (two for a partial date).

    ``type`` is a Frictionless type (``string``, ``integer``, ``boolean``, ``array``,
    ``date``) or ``edtf``: a partial date, written as EDTF text with its precision in a
    ``<name>_precision`` column beside it. ``field`` is the attribute path of the value on
    the record (``next_meeting.date``), which is also its key path in the plain data;
    empty for the columns that place a child row in its parent. ``refers`` names the
    table whose key the value (or each item of an array) is; ``key`` marks the primary
    key; a ``derived`` value is worked out from others and is not read back.
    """

    name: str
    type: str
    field: str
    refers: str | None = None
    key: bool = False
    derived: bool = False

    @cached_property
    def path(self) -> tuple[str, ...]:
        return tuple(self.field.split("."))

    def read(self, record: Any) -> Any:
        """The value on a record (``None`` where a record on the path is missing)."""
        for name in self.path:
            if record is None:
                return None
            record = getattr(record, name)
        return record


@dataclass(frozen=True)
class Within:
    """The list ``field`` of each ``parent`` record, whose items are a child table's rows.

    ``record_type`` names the parent's table in the ``record_type`` column, where the
    rows of one table belong to records of several.
    """

    parent: str
    field: str
    record_type: str | None = None


@dataclass(frozen=True)
class FlatTable:
    """A flat table.

    A top-level table's rows are the records ``Tables.<attribute>`` (one record if
    ``single``), read and written in the data file ``file``. A child table's rows are
    the items of lists ``within`` other records; they begin with the ``head`` columns,
    which name the parent record and the item's position in its list. Read back, a
    record leaves out its empty values, as the data files do, except in a
    ``keep_empty`` table.
    """

    name: str
    body: tuple[Column, ...]
    attribute: str = ""
    file: str = ""
    single: bool = False
    within: tuple[Within, ...] = ()
    head: tuple[Column, ...] = ()
    keep_empty: bool = False

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.head + self.body


def _col(name: str, type: str = "string", *, key: bool = False, derived: bool = False) -> Column:
    """A value of the record's own attribute ``name``."""
    return Column(name, type, name, key=key, derived=derived)


def _edtf(name: str) -> Column:
    return Column(name, "edtf", name)


def _array(name: str, *, of: str | None = None) -> Column:
    """A list, written as a JSON array: of names, or of keys of records of the table ``of``."""
    return Column(name, "array", name, refers=of)


def _ref(name: str, table: str, field: str = "", *, key: bool = False) -> Column:
    """The key of a record of ``table``; the attribute ``field`` holds the record (or its key)."""
    return Column(name, "string", field or name, refers=table, key=key)


def _part(name: str, *columns: Column) -> tuple[Column, ...]:
    """The columns of a record held by another (a conference's next meeting), prefixed
    with its name. It is read back where its ``sources`` cell has a value."""
    return tuple(replace(c, name=f"{name}_{c.name}", field=f"{name}.{c.field}") for c in columns)


def _top(name: str, *body: Column, attribute: str = "", keep_empty: bool = False) -> FlatTable:
    """The flat table of the records ``Tables.<attribute>`` (``<name>`` by default)."""
    table = _MODEL[attribute or name]
    return FlatTable(
        name, body, attribute=table.attr, file=table.file, single=not table.many, keep_empty=keep_empty
    )


def _child(
    name: str, within: str | Mapping[str, str], *body: Column, by: str = "", keep_empty: bool = False
) -> FlatTable:
    """A child table: ``within`` is ``"<parent table>.<field>"``, and ``by`` the column that
    holds the parent's key; or, where records of several tables hold such lists, a
    mapping from each one's ``record_type`` to its ``"<parent table>.<field>"``."""
    position = Column("position", "integer", "", key=True)
    links: tuple[Within, ...]
    head: tuple[Column, ...]
    if isinstance(within, str):
        links = (_within(within),)
        head = (Column(by, "string", "", refers=links[0].parent, key=True), position)
    else:
        links = tuple(_within(where, kind) for kind, where in within.items())
        head = (
            Column("record_type", "string", "", key=True),
            Column("record_id", "string", "", key=True),
            position,
        )
    return FlatTable(name, body, within=links, head=head, keep_empty=keep_empty)


def _within(where: str, record_type: str | None = None) -> Within:
    parent, field = where.split(".")
    return Within(parent, field, record_type)


_MODEL = {table.attr: table for table in TABLES}  # the model's tables, by attribute of Tables
_SOURCES = _array("sources", of="sources")
_NOTES = _array("notes")

# Every flat table, in the order the exports write them. A new column or table is one
# more line or entry here; everything below follows from these descriptions.
FLAT_TABLES: tuple[FlatTable, ...] = (
    _top(
        "conferences",
        _col("id", key=True),
        _edtf("date"),
        _edtf("end_date"),
        _col("ordinal", "integer"),
        _col("host"),
        _col("venue"),
        _col("format"),
        _col("evidence"),
        *_part("next_meeting", _edtf("date"), _col("as_stated"), _col("host"), _SOURCES),
        _NOTES,
        _SOURCES,
    ),
    _child(
        "chairs",
        "conferences.co_chairs",
        _ref("official_id", "officials", "official"),
        _ref("post_code", "posts", "post"),
        _col("rank"),
        _ref("standing_in_for_id", "officials", "standing_in_for"),
        by="conference_id",
    ),
    _child(
        "agenda_items",
        "conferences.agenda",
        _col("title"),
        _array("topics", of="topics"),
        _array("briefers"),
        _SOURCES,
        by="conference_id",
    ),
    _child(
        "figures",
        "conferences.figures",
        _col("key"),
        _col("label"),
        _col("value", "integer"),
        _SOURCES,
        by="conference_id",
        keep_empty=True,
    ),
    _top(
        "officials",
        _col("id", key=True),
        _col("name"),
        _col("nationality"),
        _col("service"),
        _array("aliases"),
        _SOURCES,
    ),
    _top(
        "posts",
        _col("code", key=True),
        _col("title"),
        _col("organisation"),
        _array("aliases"),
        _ref("deputy_of", "posts"),
    ),
    _top(
        "appointments",
        _col("id", key=True, derived=True),
        _ref("official_id", "officials", "official"),
        _ref("post_code", "posts", "post"),
        _edtf("start"),
        _edtf("end"),
        _col("in_office", "boolean"),
        _array("attested"),
        _SOURCES,
    ),
    _top(
        "topics",
        _col("id", key=True),
        _col("label"),
        _array("aliases"),
        _array("broader", of="topics"),
        _col("definition"),
    ),
    _top(
        "alternation_exceptions",
        _ref("after_id", "conferences", "after", key=True),
        _ref("before_id", "conferences", "before", key=True),
        _col("kind"),
        _col("reason"),
        _SOURCES,
        attribute="exceptions",
        keep_empty=True,
    ),
    _top(
        "joint_declarations",
        _col("id", key=True),
        _edtf("date"),
        _col("place"),
        _array("signatories"),
        _col("proposals", "integer", derived=True),
        _NOTES,
        _SOURCES,
        attribute="declarations",
    ),
    _child(
        "proposal_sets",
        "joint_declarations.proposal_sets",
        _edtf("date"),
        _col("count", "integer"),
        _SOURCES,
        by="declaration_id",
        keep_empty=True,
    ),
    _top(
        "progress_reports",
        _col("number", "integer", key=True),
        _edtf("date"),
        _NOTES,
        _SOURCES,
    ),
    _child(
        "inferences",
        {"conference": "conferences.inferences", "appointment": "appointments.inferences"},
        _col("field"),
        _col("reason"),
        keep_empty=True,
    ),
    _child(
        "conflicts",
        {
            "conference": "conferences.conflicts",
            "appointment": "appointments.conflicts",
            "declaration": "joint_declarations.conflicts",
        },
        _col("field"),
        _col("value"),
        _col("note"),
        _SOURCES,
        keep_empty=True,
    ),
    _top(
        "sources",
        _col("id", key=True),
        _col("url"),
        _col("title"),
        _col("publisher"),
        _edtf("published"),
        _col("kind"),
        _col("language"),
        _col("repost_of"),
        _NOTES,
    ),
    _top(
        "dataset",
        _col("version", key=True),
        _col("as_of", "date"),
        _col("title"),
        attribute="info",
    ),
)


def _key_column(table: FlatTable) -> Column | None:
    keys = [c for c in table.columns if c.key]
    return keys[0] if len(keys) == 1 else None


_BY_NAME = {t.name: t for t in FLAT_TABLES}
# The key column of each table keyed by one column: what a reference to its records holds.
_KEY = {t.name: key for t in FLAT_TABLES if (key := _key_column(t)) is not None}
# Per table, the child tables whose rows its records hold.
_CHILDREN = {
    t.name: [(c, link) for c in FLAT_TABLES for link in c.within if link.parent == t.name]
    for t in FLAT_TABLES
}


def _cells(column: Column) -> list[tuple[str, str]]:
    if column.type == "edtf":
        return [(column.name, "string"), (f"{column.name}_precision", "string")]
    return [(column.name, column.type)]


# FlatTable name -> [(column, Frictionless type)]; the order is the CSV column order.
SCHEMA: dict[str, list[tuple[str, str]]] = {
    t.name: [cell for column in t.columns for cell in _cells(column)] for t in FLAT_TABLES
}


def _plain(value: Any, refers: str | None) -> Any:
    """A value as a cell holds it: a record by its key, a member of an enumeration by its value."""
    if type(value) is str:
        return value
    if refers is not None:
        return getattr(value, _KEY[refers].field)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _row(table: FlatTable, record: Any, head: tuple[Any, ...]) -> dict[str, Any]:
    row = {column.name: value for column, value in zip(table.head, head, strict=True)}
    for column in table.body:
        name, kind, value = column.name, column.type, column.read(record)
        if kind == "edtf":
            row[name] = None if value is None else str(value)
            row[f"{name}_precision"] = None if value is None else value.precision.value
        elif value is None:
            row[name] = None
        elif kind == "array":
            # A list of names or ids as a JSON array; None for an empty list.
            items = [str(_plain(item, column.refers)) for item in value]
            row[name] = json.dumps(items, ensure_ascii=False) if items else None
        elif kind == "date":
            row[name] = value.isoformat()
        else:
            row[name] = _plain(value, column.refers)
    return row


def _records_of(table: FlatTable, tables: Tables) -> tuple[Any, ...]:
    found = getattr(tables, table.attribute)
    return (found,) if table.single else tuple(found)


def _place(link: Within, parent: Any) -> tuple[Any, ...]:
    """The head cells but the position of a child row under the record whose key is ``parent``."""
    return (parent,) if link.record_type is None else (link.record_type, parent)


def records(tables: Tables) -> dict[str, list[dict[str, Any]]]:
    """Every table as a list of flat rows (``dict`` of column -> plain value or ``None``)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for table in FLAT_TABLES:
        rows = out[table.name] = (
            [_row(table, r, ()) for r in _records_of(table, tables)] if table.attribute else []
        )
        for link in table.within:
            key = _KEY[link.parent]
            for parent in _records_of(_BY_NAME[link.parent], tables):
                place = _place(link, key.read(parent))
                rows += [_row(table, r, (*place, i)) for i, r in enumerate(getattr(parent, link.field))]
    return out


def _list(text: str | None) -> list[Any]:
    return json.loads(text) if text else []


def _unflatten(table: FlatTable, row: Mapping[str, Any]) -> dict[str, Any]:
    """A row's own values as a plain record (no children yet)."""
    record: dict[str, Any] = {}
    for column in table.body:
        if column.derived:
            continue
        *outer, name = column.path
        target = record
        if outer:  # a record held by this one (the next meeting), read back where it cites sources
            if row[f"{'_'.join(outer)}_sources"] is None:
                continue
            for part in outer:
                target = target.setdefault(part, {})
        value = row[column.name]
        if column.type == "array":
            value = _list(value)
        # The data files leave out what a record lacks: no value, an empty list, a false flag.
        empty = value is None or value == [] or (value is False and column.type == "boolean")
        if table.keep_empty or not empty:
            target[name] = value
    return record


def from_records(
    rows: Mapping[str, list[dict[str, Any]]], problems: list[str] | None = None
) -> dict[str, Any]:
    """The nested plain data (keyed by file name) that ``records`` was made from.

    A child row that belongs to no record (its parent's key names none), a child row
    without a position and a single-record table without exactly one row are added to
    ``problems`` (each naming its CSV file), not dropped unseen.
    """
    found: list[str] = [] if problems is None else problems
    # Child rows by table and parent (its head cells but the position), in position order.
    children: dict[tuple[str, tuple[Any, ...]], list[dict[str, Any]]] = {}
    for table in FLAT_TABLES:
        if table.within:
            placed = [row for row in rows[table.name] if row["position"] is not None]
            if len(placed) != len(rows[table.name]):
                found.append(
                    f"{table.name}.csv: {_rows(len(rows[table.name]) - len(placed))} without a position"
                )
            for row in sorted(placed, key=lambda r: r["position"]):
                place = tuple(row[c.name] for c in table.head[:-1])
                children.setdefault((table.name, place), []).append(row)

    def plain(table: FlatTable, row: Mapping[str, Any]) -> dict[str, Any]:
        record = _unflatten(table, row)
        for child, link in _CHILDREN[table.name]:
            mine = children.pop((child.name, _place(link, row[_KEY[table.name].name])), None)
            if mine:
                record[link.field] = [plain(child, r) for r in mine]
        return record

    out: dict[str, Any] = {}
    for table in FLAT_TABLES:
        if table.single:
            if len(rows[table.name]) != 1:
                found.append(f"{table.name}.csv: expected one row, found {len(rows[table.name])}")
                out[table.file] = {}
                continue
            out[table.file] = plain(table, rows[table.name][0])
        elif table.file:
            out[table.file] = [plain(table, row) for row in rows[table.name]]
    for (name, place), orphans in children.items():  # what no record took
        head = ", ".join(f"{c.name} {v!r}" for c, v in zip(_BY_NAME[name].head, place, strict=False))
        verb = "belongs" if len(orphans) == 1 else "belong"
        found.append(f"{name}.csv: {_rows(len(orphans))} with {head} {verb} to no record")
    if problems is None and found:
        from ._errors import DataError

        raise DataError(found, source="CSV tables")
    return out


def _rows(count: int) -> str:
    return f"{count} row{'' if count == 1 else 's'}"


def _parse(kind: str, text: str) -> Any:
    if text == "":
        return None
    if kind == "string":  # the one quote written before a text cell (see the module's docstring)
        return text[1:] if text.startswith("'") else text
    if kind == "integer":
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"{text[:40]!r} is not a whole number") from None
    if kind == "boolean":
        if text in ("true", "True", "TRUE", "1"):
            return True
        if text in ("false", "False", "FALSE", "0"):
            return False
        raise ValueError(f"{text[:40]!r} is not true or false")
    return text


def read_csv(directory: Path) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table from the CSV files ``write_csv`` wrote, typed as ``records``.

    Each table's file is read as ``_files.read_data_file`` reads a data file (a regular
    file, no symbolic link, at most ``MAX_FILE_BYTES``). Raises one ``DataError`` listing
    every problem, each naming its file: a file missing or unreadable, another ``.csv``
    file in the directory, an unknown, missing or repeated column, a row with more or
    fewer cells than the header, a cell that is not of its column's type.
    """
    from ._errors import DataError
    from ._files import MAX_FILE_BYTES, read_texts

    files = {f"{name}.csv": name for name in SCHEMA}
    problems: list[str] = []
    # Long notes may pass the csv module's default cell limit (128 KiB); a cell may fill a file.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    out: dict[str, list[dict[str, Any]]] = {}
    for file, text in read_texts(directory, ".csv", list(files), problems):
        name = files[file]
        table = _read_table(file, text, SCHEMA[name], problems)
        if table is not None:
            out[name] = table
    if problems:
        raise DataError(problems, source=str(directory))
    return out


def _read_table(
    file: str, text: str, columns: list[tuple[str, str]], problems: list[str]
) -> list[dict[str, Any]] | None:
    """The typed rows of one CSV file, or ``None`` with its problems added to ``problems``."""
    reader = csv.reader(io.StringIO(text, newline=""))
    expected = [column for column, _ in columns]
    try:
        header = next(reader, None)
        if header is None:
            problems.append(f"{file}: empty; expected a header row")
            return None
        unknown = [column for column in dict.fromkeys(header) if column not in expected]
        missing = [column for column in expected if column not in header]
        twice = [column for column in dict.fromkeys(header) if header.count(column) > 1]
        found = []
        if unknown:
            names = ", ".join(map(repr, unknown))
            found.append(f"{file}: unknown column(s) {names}; the columns are {', '.join(expected)}")
        if missing:
            found.append(f"{file}: missing column(s) {', '.join(missing)}")
        if twice:
            found.append(f"{file}: column(s) given twice: {', '.join(map(repr, twice))}")
        if found:
            problems += found
            return None
        kinds = dict(columns)
        rows: list[dict[str, Any]] = []
        for number, cells in enumerate(reader, start=2):  # row 1 is the header
            if not cells:  # a blank line
                continue
            if len(cells) != len(header):
                problems.append(f"{file}: row {number}: {len(cells)} cells; the header has {len(header)}")
                continue
            row: dict[str, Any] = {}
            for column, cell in zip(header, cells, strict=True):
                try:
                    row[column] = _parse(kinds[column], cell)
                except ValueError as exc:
                    problems.append(f"{file}: row {number}, column {column}: {exc}")
            rows.append({column: row.get(column) for column in expected})
    except csv.Error as exc:
        problems.append(f"{file}: not valid CSV (line {reader.line_num}: {exc})")
        return None
    return rows


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that may make a spreadsheet read a text cell as a formula."""


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if kind == "string" and isinstance(value, str) and value.startswith((*FORMULA_START, "'")):
        return "'" + value  # read_csv removes it again
    return value


def csv_text(name: str, rows: list[dict[str, Any]]) -> str:
    """One table as CSV text: a header row, empty cells for missing values, text cells
    that could start a formula behind a ``'`` (see the module's docstring).

    Lines end with ``\n``. A cell holding a comma, a double quote, a line feed or a
    carriage return is quoted, its quotes doubled (RFC 4180). The ``csv`` module's
    writer, told to end lines with ``\n``, leaves a lone carriage return unquoted, and
    its reader then splits the row there; so the cells are quoted here.
    """
    columns = SCHEMA[name]
    lines = [_csv_line([column for column, _ in columns])]
    lines += [_csv_line([_cell(row[column], kind) for column, kind in columns]) for row in rows]
    return "".join(lines)


_QUOTE_IF = re.compile(r'[,"\n\r]')


def _csv_line(cells: list[Any]) -> str:
    texts = (str(cell) for cell in cells)
    return ",".join('"' + t.replace('"', '""') + '"' if _QUOTE_IF.search(t) else t for t in texts) + "\n"


def _csv_files(tables: Tables) -> dict[str, bytes]:
    return {f"{name}.csv": csv_text(name, rows).encode("utf-8") for name, rows in records(tables).items()}


def write_csv(tables: Tables, out: Path) -> list[Path]:
    """One CSV file per table in ``out``, written by ``_files.write_files``; a directory
    holding another ``.csv`` file is refused, as ``read_csv`` would refuse it."""
    from ._files import write_files

    return write_files(out, _csv_files(tables), stray=(".csv", "Dataset.from_csv"))


def datapackage(tables: Tables) -> dict[str, Any]:
    """The Frictionless descriptor for the CSV files ``write_csv`` writes."""
    info = tables.info
    resources: list[dict[str, Any]] = []
    for table in FLAT_TABLES:
        schema: dict[str, Any] = {
            "fields": [{"name": column, "type": kind} for column, kind in SCHEMA[table.name]],
            "primaryKey": [c.name for c in table.columns if c.key],
            "missingValues": [""],
        }
        # Frictionless checks references held in single values, not in arrays.
        keys = [
            {
                # A reference within the same table names no resource, as Frictionless spells it.
                "fields": c.name,
                "reference": {
                    "resource": "" if c.refers == table.name else _resource(c.refers),
                    "fields": _KEY[c.refers].name,
                },
            }
            for c in table.columns
            if c.refers is not None and c.type != "array"
        ]
        if keys:
            schema["foreignKeys"] = keys
        resources.append(
            {
                "name": _resource(table.name),
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "natoeu-milstaff",
        "title": info.title,
        "version": info.version,
        "created": f"{info.as_of.isoformat()}T00:00:00Z",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": resources,
    }


def _resource(table: str) -> str:
    return table.replace("_", "-")


def write_datapackage(tables: Tables, out: Path) -> list[Path]:
    """The CSV files and their ``datapackage.json``, in one write (as ``write_csv``)."""
    from ._files import write_files

    descriptor = json.dumps(datapackage(tables), indent=1) + "\n"
    files = {**_csv_files(tables), "datapackage.json": descriptor.encode("utf-8")}
    return write_files(out, files, stray=(".csv", "Dataset.from_csv"))


def write_json(tables: Tables, out: Path) -> list[Path]:
    """``dataset.json``: the nested plain form that ``Dataset.from_json`` reads back."""
    from ._convert import unstructure_tables
    from ._files import write_files

    text = json.dumps(unstructure_tables(tables), ensure_ascii=False, indent=1) + "\n"
    return write_files(out, {"dataset.json": text.encode("utf-8")})


def dataframe(tables: Tables, table: str) -> Any:
    """One table as a pandas DataFrame with typed columns.

    Text columns are ``string``, whole numbers ``Int64``, flags ``boolean``, lists of
    names or ids Python lists. Each EDTF date column keeps its text and precision and
    gains ``<column>_start`` and ``<column>_end``: the first and last day it can mean,
    as ``datetime64[s]``.
    """
    if not isinstance(table, str):
        raise TypeError(f"table must be a str, got {type(table).__name__}")
    if table not in SCHEMA:
        import reprlib  # a refused value is quoted short: a message must not copy a megabyte

        from ._errors import InvalidValueError

        raise InvalidValueError(f"unknown table {reprlib.repr(table)}; expected one of {', '.join(SCHEMA)}")
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise ModuleNotFoundError("dataframe() needs pandas: pip install 'natoeu_milstaff[pandas]'") from None
    rows = records(tables)[table]
    dates = {c.name for c in _BY_NAME[table].columns if c.type == "edtf"}
    dtypes = {"string": "string", "integer": "Int64", "boolean": "boolean"}
    columns: dict[str, Any] = {}
    for column, kind in SCHEMA[table]:
        values = [row[column] for row in rows]
        if kind == "array":
            columns[column] = pd.Series([_list(v) for v in values], dtype="object")
        elif kind == "date":
            columns[column] = pd.Series(values, dtype="object").astype("datetime64[s]")
        else:
            columns[column] = pd.array(values, dtype=dtypes[kind])
        if column in dates:
            parsed = [PartialDate.parse(v) if v else None for v in values]
            for suffix, day in (("start", PartialDate.earliest), ("end", PartialDate.latest)):
                columns[f"{column}_{suffix}"] = pd.Series(
                    [None if p is None else day(p) for p in parsed], dtype="object"
                ).astype("datetime64[s]")
    return pd.DataFrame(columns)
