"""Stage 8: the doors out — the flat tables every export holds, and the CSV, JSON,
pandas and Frictionless data package formats (SQLite, Parquet and Popolo have modules of
their own: ``_sqlite`` and ``_parquet`` build on the tables described here).

``records(tables)`` flattens every table into rows of plain values, one table per kind
of fact, so that nothing a record holds is lost: nested lists (co-chairs, agenda
items, figures, inferences, conflicts) become tables of their own keyed by their
parent and position. A partial date is four cells: its EDTF text, its precision and
the first and last day it can mean. ``from_records`` turns the rows back into the
nested plain data, so an export can be read back into an equal dataset; the derived
cells are checked, not read (``derived_problems``).

Each flat table is described once, in ``FLAT_TABLES``, and each of its cells in
``CELLS``: name, type, meaning, allowed values, form, key, reference, whether required.
The CSV header, the data package's schema, the JSON Schema, the SQLite tables, the
Parquet schema, the pandas types and both directions of the conversion all follow from
these descriptions; a new column is one line in ``FLAT_TABLES``.

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

from ._codes import COUNTRIES, URL_PATTERN
from ._dates import _EDTF, PartialDate, Precision, _brief
from ._model import _SLUG, TABLES, BreakKind, Evidence, Format, Organisation, Service, SourceKind

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

    from ._model import Tables

__all__ = [
    "CELLS",
    "FORMULA_START",
    "JSON_FILE",
    "SCHEMA",
    "SCHEMA_FILE",
    "check_int64",
    "dataframe",
    "derived_problems",
    "from_records",
    "json_schema",
    "read_csv",
    "read_json",
    "records",
    "write_csv",
    "write_datapackage",
    "write_json",
]


@dataclass(frozen=True)
class Column:
    """One column of a flat table (four cells for a partial date).

    ``type`` is a Frictionless type (``string``, ``integer``, ``boolean``, ``array``,
    ``date``) or ``edtf``: a partial date, written as EDTF text with, beside it, its
    precision and the first and last day it can mean (``<name>_precision``,
    ``<name>_start``, ``<name>_end``). ``field`` is the attribute path of the value on
    the record (``next_meeting.date``), which is also its key path in the plain data;
    empty for the columns that place a child row in its parent. ``refers`` names the
    table whose key the value (or each item of an array) is; ``key`` marks the primary
    key; a ``derived`` value is worked out from others: it is checked when read back,
    not stored. ``about`` says what the column holds; ``values`` lists the values it may
    take and ``pattern`` the form of its text (a whole-value regular expression). A
    ``required`` value is one every record has (the model gives it no default of
    ``None``); keys and lists are always required.
    """

    name: str
    type: str
    field: str
    refers: str | None = None
    key: bool = False
    derived: bool = False
    about: str = ""
    values: tuple[str, ...] = ()
    pattern: str | None = None
    required: bool = False

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
class Cell:
    """One cell of a flat row, as every export names and types it.

    A column is one cell, but a partial date is four (see ``Column``). ``type`` is a
    Frictionless type; ``column`` the column the cell belongs to.
    """

    name: str
    type: str
    about: str
    column: Column
    derived: bool = False
    values: tuple[str, ...] = ()
    pattern: str | None = None

    @property
    def key(self) -> bool:
        return self.column.key and self.name == self.column.name

    @property
    def refers(self) -> str | None:
        return self.column.refers if self.name == self.column.name else None

    @property
    def required(self) -> bool:
        """Whether every row has a value here: never empty in any format."""
        return self.key or self.type == "array" or (self.column.required and not self.column.key)

    @property
    def target(self) -> str | None:
        """``table.cell`` of the key a reference (or each item of a list of them) names."""
        refers = self.column.refers if self.name == self.column.name else None
        return None if refers is None else f"{refers}.{KEY_COLUMN[refers].name}"


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
    ``keep_empty`` table. ``about`` says what one row is.
    """

    name: str
    body: tuple[Column, ...]
    attribute: str = ""
    file: str = ""
    single: bool = False
    within: tuple[Within, ...] = ()
    head: tuple[Column, ...] = ()
    keep_empty: bool = False
    about: str = ""

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.head + self.body

    @property
    def key_names(self) -> list[str]:
        """The cells of the primary key."""
        return [c.name for c in self.columns if c.key]

    @property
    def references(self) -> list[Column]:
        """The columns holding one key of another record: the foreign keys."""
        return [c for c in self.columns if c.refers is not None and c.type != "array"]


def _values(kind: type[enum.Enum]) -> tuple[str, ...]:
    return tuple(str(member.value) for member in kind)


def _col(
    name: str,
    about: str,
    type: str = "string",
    *,
    key: bool = False,
    derived: bool = False,
    values: type[enum.Enum] | tuple[str, ...] = (),
    pattern: str | None = None,
    required: bool = False,
) -> Column:
    """A value of the record's own attribute ``name``: one of ``values`` (an enumeration's,
    or listed) where given."""
    choices = values if isinstance(values, tuple) else _values(values)
    return Column(
        name,
        type,
        name,
        key=key,
        derived=derived,
        about=about,
        values=choices,
        pattern=pattern,
        required=required,
    )


def _edtf(name: str, about: str, *, required: bool = False) -> Column:
    return Column(name, "edtf", name, about=about, pattern=EDTF_PATTERN, required=required)


def _array(name: str, about: str, *, of: str | None = None) -> Column:
    """A list: of names, or of keys of records of the table ``of``."""
    return Column(name, "array", name, refers=of, about=about)


def _ref(
    name: str, table: str, about: str, field: str = "", *, key: bool = False, required: bool = False
) -> Column:
    """The key of a record of ``table``; the attribute ``field`` holds the record (or its key)."""
    return Column(name, "string", field or name, refers=table, key=key, about=about, required=required)


def _part(name: str, *columns: Column) -> tuple[Column, ...]:
    """The columns of a record held by another (a conference's next meeting), prefixed
    with its name. It is read back where any of its cells has a value."""
    return tuple(replace(c, name=f"{name}_{c.name}", field=f"{name}.{c.field}") for c in columns)


def _top(name: str, about: str, *body: Column, attribute: str = "", keep_empty: bool = False) -> FlatTable:
    """The flat table of the records ``Tables.<attribute>`` (``<name>`` by default)."""
    table = _MODEL[attribute or name]
    return FlatTable(
        name,
        body,
        attribute=table.attr,
        file=table.file,
        single=not table.many,
        keep_empty=keep_empty,
        about=about,
    )


def _child(
    name: str,
    about: str,
    within: str | Mapping[str, str],
    *body: Column,
    by: str = "",
    keep_empty: bool = False,
) -> FlatTable:
    """A child table: ``within`` is ``"<parent table>.<field>"``, and ``by`` the column that
    holds the parent's key; or, where records of several tables hold such lists, a
    mapping from each one's ``record_type`` to its ``"<parent table>.<field>"``."""
    position = Column(
        "position", "integer", "", key=True, about="the row's place in its parent's list, from 0"
    )
    links: tuple[Within, ...]
    head: tuple[Column, ...]
    if isinstance(within, str):
        links = (_within(within),)
        parent = links[0].parent
        owner = Column(
            by, "string", "", refers=parent, key=True, about=f"the {_ONE[parent]} the row belongs to"
        )
        head = (owner, position)
    else:
        links = tuple(_within(where, kind) for kind, where in within.items())
        kinds = Column(
            "record_type",
            "string",
            "",
            key=True,
            about="the kind of record the row belongs to",
            values=tuple(within),
        )
        record = Column("record_id", "string", "", key=True, about="the id of the record the row belongs to")
        head = (kinds, record, position)
    return FlatTable(name, body, within=links, head=head, keep_empty=keep_empty, about=about)


def _within(where: str, record_type: str | None = None) -> Within:
    parent, field = where.split(".")
    return Within(parent, field, record_type)


# Patterns match a whole value (Frictionless anchors them itself; the JSON Schema adds ^ and $).
EDTF_PATTERN = _EDTF
"""The partial dates the record writes: a year, month or day, with an EDTF qualifier."""
SLUG_PATTERN = _SLUG
_MODEL = {table.attr: table for table in TABLES}  # the model's tables, by attribute of Tables
_ONE = {"conferences": "conference", "joint_declarations": "joint declaration", "dataset": "data release"}
_SOURCES = _array("sources", "ids of the sources the row's facts come from", of="sources")
_NOTES = _array("notes", "remarks in the project's own words")

# Every flat table, in the order the exports write them. A new column or table is one
# more line or entry here; everything below follows from these descriptions.
FLAT_TABLES: tuple[FlatTable, ...] = (
    _top(
        "conferences",
        "one conference of the Directors General",
        _col(
            "id",
            "the conference's id (in the bundled data, conf- and its date)",
            key=True,
            pattern=SLUG_PATTERN,
        ),
        _edtf(
            "date",
            "the day (or month or year) the conference was held, as precise as a source gives it",
            required=True,
        ),
        _edtf("end_date", "the last day of a meeting of more than one day"),
        _col("ordinal", "the conference's number in the series, where stated or inferred", "integer"),
        _col("host", "the organisation that hosted it; empty where no source says", values=Organisation),
        _col("venue", "where it was held, as the source names the place"),
        _col("format", "held in person or by video-conference", values=Format),
        _col("evidence", "how the record knows of the meeting", values=Evidence, required=True),
        *_part(
            "next_meeting",
            _edtf("date", "the next meeting's date as announced"),
            _col("as_stated", "the announcement's wording of that date"),
            _col("host", "the next meeting's host as announced", values=Organisation),
            _SOURCES,
        ),
        _NOTES,
        _SOURCES,
    ),
    _child(
        "chairs",
        "one co-chair of a conference",
        "conferences.co_chairs",
        _ref("official_id", "officials", "the official who co-chaired", "official", required=True),
        _ref("post_code", "posts", "the post the official held there", "post", required=True),
        _col("rank", "the rank as the source gives it"),
        _ref(
            "standing_in_for_id",
            "officials",
            "the Director General a deputy chaired in place of",
            "standing_in_for",
        ),
        by="conference_id",
    ),
    _child(
        "agenda_items",
        "one item discussed at a conference",
        "conferences.agenda",
        _col("title", "what was discussed, in the project's own words", required=True),
        _array("topics", "ids of the topics the item is about", of="topics"),
        _array("briefers", "who briefed on the item (ACT, MPCC, EEAS)"),
        _SOURCES,
        by="conference_id",
    ),
    _child(
        "figures",
        "a number a source states about a conference",
        "conferences.figures",
        _col("key", "what is counted, the same across conferences", pattern=SLUG_PATTERN, required=True),
        _col("label", "what is counted, in words", required=True),
        _col("value", "the number", "integer", required=True),
        _SOURCES,
        by="conference_id",
        keep_empty=True,
    ),
    _top(
        "officials",
        "one person who held a post",
        _col("id", "the official's id, from the name", key=True, pattern=SLUG_PATTERN),
        _col("name", "the name, spelt as the person's own organisation spells it", required=True),
        _col("nationality", "ISO 3166-1 alpha-2 country code", values=tuple(sorted(COUNTRIES))),
        _col("service", "the armed service", values=Service),
        _array("aliases", "other spellings of the name seen in sources"),
        _SOURCES,
    ),
    _top(
        "posts",
        "one post whose holders the record follows",
        _col("code", "the post's code (DGIMS, DGEUMS, DDGEUMS)", key=True),
        _col("title", "the post's title", required=True),
        _col("organisation", "the organisation of the post", values=Organisation, required=True),
        _array("aliases", "other names of the post"),
        _ref("deputy_of", "posts", "the post this one is deputy to"),
    ),
    _top(
        "appointments",
        "one tenure of an official in a post",
        _col("id", "the tenure's id: official, post and start", key=True, derived=True),
        _ref("official_id", "officials", "the official", "official", required=True),
        _ref("post_code", "posts", "the post", "post", required=True),
        _edtf("start", "the first day in the post; empty where no source gives it"),
        _edtf("end", "the last day in the post; empty while in office or where unknown"),
        _col("in_office", "still in office on the record's as-of date", "boolean", required=True),
        _array("attested", "days a source shows the official in the post (EDTF)"),
        _SOURCES,
    ),
    _top(
        "topics",
        "one topic of the agenda taxonomy",
        _col("id", "the topic's id", key=True, pattern=SLUG_PATTERN),
        _col("label", "the topic's name", required=True),
        _array("aliases", "other names the topic is found by"),
        _array("broader", "ids of broader topics", of="topics"),
        _col("definition", "what the topic covers"),
    ),
    _top(
        "alternation_exceptions",
        "a documented break in the alternation of hosts between two consecutive conferences",
        _ref("after_id", "conferences", "the earlier conference", "after", key=True),
        _ref("before_id", "conferences", "the later conference", "before", key=True),
        _col("kind", "the kind of break", values=BreakKind, required=True),
        _col("reason", "why the hosts do not alternate there", required=True),
        _SOURCES,
        attribute="exceptions",
        keep_empty=True,
    ),
    _top(
        "proposal_sets",
        "one set of common proposals the EU and NATO councils endorsed together",
        _col("id", "the set's id: the year it was endorsed", key=True, pattern=SLUG_PATTERN),
        _edtf("date", "the day the councils endorsed it", required=True),
        _col("count", "the number of proposals the official texts say it holds", "integer", required=True),
        _col("incomplete", "why the record lists fewer of its proposals than count; empty if it lists all"),
        _NOTES,
        _SOURCES,
    ),
    _top(
        "joint_declarations",
        "one EU-NATO Joint Declaration",
        _col("id", "the declaration's id: year and place", key=True, pattern=SLUG_PATTERN),
        _edtf("date", "the day it was signed", required=True),
        _col("place", "where it was signed"),
        _array("signatories", "who signed it"),
        _array("proposal_sets", "ids of the sets of common proposals implementing it", of="proposal_sets"),
        _col("proposals", "the number of common proposals in its sets", "integer", derived=True),
        _NOTES,
        _SOURCES,
        attribute="declarations",
    ),
    _top(
        "progress_reports",
        "one joint progress report on implementing the common proposals",
        _col("number", "the report's number", "integer", key=True),
        _edtf("date", "the day it was published", required=True),
        _edtf("period_start", "the start of the period it reports on"),
        _edtf("period_end", "the end of the period it reports on"),
        _array("proposal_sets", "ids of the sets of proposals it reports on", of="proposal_sets"),
        _NOTES,
        _SOURCES,
    ),
    _top(
        "proposal_areas",
        "one area the common proposals are grouped under, as the official texts group them",
        _col("id", "the area's id", key=True, pattern=SLUG_PATTERN),
        _col("label", "the area's name", required=True),
        _array("aliases", "other names the texts give the area"),
        _ref("parent_id", "proposal_areas", "the area this one is part of", "parent"),
        _array("topics", "ids of the topics the area maps onto", of="topics"),
        _NOTES,
        _SOURCES,
    ),
    _top(
        "proposals",
        "one common proposal implementing the 2016 Joint Declaration",
        _col(
            "id",
            "the proposal's id: its set and number, or its set and a few words where its place is unknown",
            key=True,
            pattern=SLUG_PATTERN,
        ),
        _ref("set_id", "proposal_sets", "the set it belongs to", "set", required=True),
        _col("number", "its place in the set's official text, from 1; empty where unknown", "integer"),
        _ref("area_id", "proposal_areas", "the area the text lists it under", "area", required=True),
        _col("summary", "what it asks for, in the project's own words", required=True),
        _edtf("deadline", "the date the text sets for it"),
        _array("topics", "ids of topics it is about besides its area's", of="topics"),
        _NOTES,
        _SOURCES,
    ),
    _child(
        "inferences",
        "a value the curators reasoned out rather than read",
        {"conference": "conferences.inferences", "appointment": "appointments.inferences"},
        _col("field", "the field whose value was inferred", required=True),
        _col("reason", "how it was inferred", required=True),
        keep_empty=True,
    ),
    _child(
        "conflicts",
        "a value a source gives that the record does not follow",
        {
            "conference": "conferences.conflicts",
            "appointment": "appointments.conflicts",
            "declaration": "joint_declarations.conflicts",
            "proposal_set": "proposal_sets.conflicts",
        },
        _col("field", "the field concerned", required=True),
        _col("value", "the value the source gives", required=True),
        _col("note", "why the record does not follow it", required=True),
        _SOURCES,
        keep_empty=True,
    ),
    _top(
        "sources",
        "one public source",
        _col("id", "the source's id", key=True, pattern=SLUG_PATTERN),
        _col("url", "where it is published", pattern=URL_PATTERN, required=True),
        _col("title", "its title, as published", required=True),
        _col("publisher", "who published it", required=True),
        _edtf("published", "the day it was published"),
        _col("kind", "what kind of source it is", values=SourceKind, required=True),
        _col("language", "its language (BCP 47 tag)", required=True),
        _col("repost_of", "for a re-post: the original's URL", pattern=URL_PATTERN),
        _NOTES,
    ),
    _child(
        "searches",
        "a search of the sources for something the record lacks",
        "dataset.searches",
        _col("subject", "what was looked for", required=True),
        _array("terms", "the search terms tried"),
        _col("result", "what came of it", required=True),
        _col("on", "the day of the search", "date", required=True),
        by="dataset_version",
        keep_empty=True,
    ),
    _top(
        "dataset",
        "the data release: one row",
        _col("version", "the data's version", key=True),
        _col("as_of", "the day the data was last checked against its sources", "date", required=True),
        _col("title", "the dataset's title", required=True),
        _edtf("series_since", "when the sources say the series of conferences began"),
        _array("series_since_sources", "ids of the sources that say when the series began", of="sources"),
        attribute="info",
    ),
)


def _cells_of(column: Column) -> tuple[Cell, ...]:
    if column.type != "edtf":
        return (
            Cell(
                column.name,
                column.type,
                column.about,
                column,
                derived=column.derived,
                values=column.values,
                pattern=column.pattern,
            ),
        )
    name = column.name
    qualifiers = "~ (approximate), ? (uncertain) or % (both)"
    about = f"{column.about}, as EDTF: a year, month or day, perhaps with {qualifiers}"
    return (
        Cell(name, "string", about, column, pattern=column.pattern),
        Cell(f"{name}_precision", "string", f"how precise {name} is", column, values=_values(Precision)),
        Cell(f"{name}_start", "date", f"the first day {name} can mean", column, derived=True),
        Cell(f"{name}_end", "date", f"the last day {name} can mean", column, derived=True),
    )


CELLS: dict[str, tuple[Cell, ...]] = {
    t.name: tuple(cell for column in t.columns for cell in _cells_of(column)) for t in FLAT_TABLES
}
"""Every table's cells, in the order the exports write them."""

# Table name -> [(cell, Frictionless type)]: the CSV header and each column's type.
SCHEMA: dict[str, list[tuple[str, str]]] = {
    name: [(cell.name, cell.type) for cell in cells] for name, cells in CELLS.items()
}


def _key_column(table: FlatTable) -> Column | None:
    keys = [c for c in table.columns if c.key]
    return keys[0] if len(keys) == 1 else None


_BY_NAME = {t.name: t for t in FLAT_TABLES}
# The key column of each table keyed by one column: what a reference to its records holds.
KEY_COLUMN = {t.name: key for t in FLAT_TABLES if (key := _key_column(t)) is not None}
# Per table, the child tables whose rows its records hold.
_CHILDREN = {
    t.name: [(c, link) for c in FLAT_TABLES for link in c.within if link.parent == t.name]
    for t in FLAT_TABLES
}


def _plain(value: Any, refers: str | None) -> Any:
    """A value as a cell holds it: a record by its key, a member of an enumeration by its value."""
    if type(value) is str:
        return value
    if refers is not None:
        return getattr(value, KEY_COLUMN[refers].field)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _row(table: FlatTable, record: Any, head: tuple[Any, ...]) -> dict[str, Any]:
    row = {column.name: value for column, value in zip(table.head, head, strict=True)}
    for column in table.body:
        name, kind, value = column.name, column.type, column.read(record)
        if kind == "edtf":
            row.update(_date_cells(name, value))
        elif kind == "array":  # a list of names or ids; [] for none
            row[name] = [] if value is None else [str(_plain(item, column.refers)) for item in value]
        elif value is None:
            row[name] = None
        elif kind == "date":
            row[name] = value.isoformat()
        else:
            row[name] = _plain(value, column.refers)
    return row


def _date_cells(name: str, value: PartialDate | None) -> dict[str, str | None]:
    """The four cells of a partial date: EDTF text, precision, first and last day."""
    if value is None:
        return dict.fromkeys((name, f"{name}_precision", f"{name}_start", f"{name}_end"))
    return {
        name: str(value),
        f"{name}_precision": value.precision.value,
        f"{name}_start": value.earliest().isoformat(),
        f"{name}_end": value.latest().isoformat(),
    }


def _records_of(table: FlatTable, tables: Tables) -> tuple[Any, ...]:
    found = getattr(tables, table.attribute)
    return (found,) if table.single else tuple(found)


def _place(link: Within, parent: Any) -> tuple[Any, ...]:
    """The head cells but the position of a child row under the record whose key is ``parent``."""
    return (parent,) if link.record_type is None else (link.record_type, parent)


def records(tables: Tables) -> dict[str, list[dict[str, Any]]]:
    """Every table as a list of flat rows: ``dict`` of cell name -> plain value.

    A missing value is ``None``; a list is a ``list`` of ``str`` (``[]`` for none); a
    day is ISO text (``2014-01-27``); a whole number an ``int``; a flag a ``bool``.
    These are the rows, names and values of the JSON export, and of the CSV export
    once written as text."""
    out: dict[str, list[dict[str, Any]]] = {}
    for table in FLAT_TABLES:
        rows = out[table.name] = (
            [_row(table, r, ()) for r in _records_of(table, tables)] if table.attribute else []
        )
        for link in table.within:
            key = KEY_COLUMN[link.parent]
            for parent in _records_of(_BY_NAME[link.parent], tables):
                place = _place(link, key.read(parent))
                rows += [_row(table, r, (*place, i)) for i, r in enumerate(getattr(parent, link.field))]
    return out


def _unflatten(table: FlatTable, row: Mapping[str, Any]) -> dict[str, Any]:
    """A row's own values as a plain record (no children yet)."""
    record: dict[str, Any] = {}
    held = {  # the records held by this one (the next meeting) that have a value
        column.path[0] for column in table.body if len(column.path) > 1 and row[column.name] not in (None, [])
    }
    for column in table.body:
        if column.derived:
            continue
        *outer, name = column.path
        target = record
        if outer:
            if outer[0] not in held:
                continue
            for part in outer:
                target = target.setdefault(part, {})
        value = row[column.name]
        # The data files leave out what a record lacks: no value, an empty list, a false flag.
        empty = value is None or value == [] or (value is False and column.type == "boolean")
        if table.keep_empty or not empty:
            target[name] = value
    return record


def from_records(
    rows: Mapping[str, list[dict[str, Any]]], problems: list[str] | None = None, file: str = "{}.csv"
) -> dict[str, Any]:
    """The nested plain data (keyed by file name) that ``records`` was made from.

    A child row that belongs to no record (its parent's key names none), a child row
    without a position and a single-record table without exactly one row are added to
    ``problems`` (each naming its table as ``file`` spells it), not dropped unseen.
    """
    found: list[str] = [] if problems is None else problems
    # Child rows by table and parent (its head cells but the position), in position order.
    children: dict[tuple[str, tuple[Any, ...]], list[dict[str, Any]]] = {}
    for table in FLAT_TABLES:
        if table.within:
            placed = [row for row in rows[table.name] if row["position"] is not None]
            if len(placed) != len(rows[table.name]):
                missing = _rows(len(rows[table.name]) - len(placed))
                found.append(f"{file.format(table.name)}: {missing} without a position")
            for row in sorted(placed, key=lambda r: r["position"]):
                place = tuple(row[c.name] for c in table.head[:-1])
                children.setdefault((table.name, place), []).append(row)

    for (name, place), group in children.items():  # each list's positions: 0, 1, 2 …
        positions = [row["position"] for row in group]
        if positions != list(range(len(group))):
            head = ", ".join(f"{c.name} {v!r}" for c, v in zip(_BY_NAME[name].head, place, strict=False))
            found.append(
                f"{file.format(name)}: the rows with {head} have positions {', '.join(map(str, positions))}; "
                f"a list's positions run 0, 1, 2 … without gaps or repeats"
            )

    def plain(table: FlatTable, row: Mapping[str, Any]) -> dict[str, Any]:
        record = _unflatten(table, row)
        for child, link in _CHILDREN[table.name]:
            mine = children.pop((child.name, _place(link, row[KEY_COLUMN[table.name].name])), None)
            if mine:
                record[link.field] = [plain(child, r) for r in mine]
        return record

    out: dict[str, Any] = {}
    for table in FLAT_TABLES:
        if table.single:
            if len(rows[table.name]) != 1:
                found.append(f"{file.format(table.name)}: expected one row, found {len(rows[table.name])}")
                out[table.file] = {}
                continue
            out[table.file] = plain(table, rows[table.name][0])
        elif table.file:
            out[table.file] = [plain(table, row) for row in rows[table.name]]
    for (name, place), orphans in children.items():  # what no record took
        head = ", ".join(f"{c.name} {v!r}" for c, v in zip(_BY_NAME[name].head, place, strict=False))
        verb = "belongs" if len(orphans) == 1 else "belong"
        found.append(f"{file.format(name)}: {_rows(len(orphans))} with {head} {verb} to no record")
    if problems is None and found:
        from ._errors import DataError

        raise DataError(found, source="flat tables")
    return out


def derived_problems(
    rows: Mapping[str, list[dict[str, Any]]], tables: Tables, where: Callable[[str, int], str] | None = None
) -> list[str]:
    """The derived cells of ``rows`` (the first and last day of a partial date, an
    appointment's id, a declaration's count of proposals) that differ from what
    ``tables``, read from those rows, works out. They are not read back; a table whose
    derived cells were edited by hand would otherwise say one thing and load another.
    ``where(table, index)`` names a row (by default its CSV file and row, the header
    being row 1, as if no row were blank)."""
    where = where or (lambda table, index: f"{table}.csv: row {index + 2}")
    fresh = records(tables)
    found: list[str] = []
    for table in FLAT_TABLES:
        derived = [cell.name for cell in CELLS[table.name] if cell.derived]
        if not derived or len(rows[table.name]) != len(fresh[table.name]):
            continue  # a table that lost rows has its problems reported already
        if table.within:  # child rows by parent and position; top rows keep their order
            head = [c.name for c in table.head]
            by_place = {tuple(r[h] for h in head): r for r in fresh[table.name]}
            pairs = [(row, by_place.get(tuple(row[h] for h in head))) for row in rows[table.name]]
        else:
            pairs = list(zip(rows[table.name], fresh[table.name], strict=True))
        for index, (given, want) in enumerate(pairs):
            if want is None:
                continue
            for name in derived:
                if given[name] != want[name]:
                    found.append(
                        f"{where(table.name, index)}, {name}: {given[name]!r} does not "
                        f"follow from the row's other cells, which give {want[name]!r}"
                    )
    return found


def check_int64(rows: Mapping[str, list[dict[str, Any]]], export: str) -> None:
    """Raise ``DataError`` for each whole number a 64-bit integer cannot hold (the model
    bounds none), before a format that stores 64-bit integers writes anything."""
    found = []
    for name, cells in CELLS.items():
        for cell in (c for c in cells if c.type == "integer"):
            for number, row in enumerate(rows[name], start=1):
                value = row[cell.name]
                if value is not None and not -(2**63) <= value < 2**63:
                    # A huge number as digits would be slow to write and long to read.
                    shown = str(value) if value.bit_length() <= 128 else f"a {value.bit_length()}-bit number"
                    found.append(f"{name}: row {number}, {cell.name}: {shown} does not fit a 64-bit integer")
    if found:
        from ._errors import DataError

        raise DataError(found, source=export)


def _rows(count: int) -> str:
    return f"{count} row{'' if count == 1 else 's'}"


_INTEGER = r"-?[0-9]+"
_DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


def _parse(kind: str, text: str) -> Any:
    """A CSV cell's value: ``None`` for an empty cell (``[]`` in a list column)."""
    if text == "":
        return [] if kind == "array" else None
    if kind == "string":  # the one quote written before a text cell (see the module's docstring)
        return text[1:] if text.startswith("'") else text
    if kind == "array":
        return _array_value(text)
    return _typed(kind, text)


def _array_value(text: str) -> list[str]:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        raise ValueError(f"{_brief(text)} is not a JSON array of strings") from None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{_brief(text)} is not a JSON array of strings")
    return value


def _typed(kind: str, text: str) -> Any:
    """A whole number, flag or day from its text, exactly as the exports write it."""
    if kind == "integer":
        if not re.fullmatch(_INTEGER, text):  # int() would also take " 5", "+5", "1_000", "٥"
            raise ValueError(f"{_brief(text)} is not a whole number")
        return int(text)
    if kind == "boolean":
        if text in ("true", "True", "TRUE", "1"):
            return True
        if text in ("false", "False", "FALSE", "0"):
            return False
        raise ValueError(f"{_brief(text)} is not true or false")
    if kind == "date":
        import datetime as dt

        try:
            if re.fullmatch(_DAY, text):
                return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            pass
        raise ValueError(f"{_brief(text)} is not a day written YYYY-MM-DD")
    return text


def read_csv(directory: Path, numbers: dict[str, list[int]] | None = None) -> dict[str, list[dict[str, Any]]]:
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
        table = _read_table(
            file, text, SCHEMA[name], problems, numbers.setdefault(name, []) if numbers is not None else []
        )
        if table is not None:
            out[name] = table
    if problems:
        raise DataError(problems, source=str(directory))
    return out


def _read_table(
    file: str, text: str, columns: list[tuple[str, str]], problems: list[str], numbers: list[int]
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
            numbers.append(number)
    except csv.Error as exc:
        problems.append(f"{file}: not valid CSV (line {reader.line_num}: {exc})")
        return None
    return rows


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that may make a spreadsheet read a text cell as a formula."""


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if kind == "array":  # a list as a JSON array, so that any text it holds stays exact
        return json.dumps(value, ensure_ascii=False)
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


def _field(cell: Cell) -> dict[str, Any]:
    """A cell as a Frictionless table schema field, with its constraints."""
    field: dict[str, Any] = {"name": cell.name, "type": cell.type, "description": cell.about}
    constraints: dict[str, Any] = {}
    if cell.required:
        constraints["required"] = True
    if cell.values:
        constraints["enum"] = list(cell.values)
    if cell.pattern:
        constraints["pattern"] = cell.pattern
    if constraints:
        field["constraints"] = constraints
    return field


def datapackage(tables: Tables) -> dict[str, Any]:
    """The Frictionless descriptor for the CSV files ``write_csv`` writes: every field
    typed, described and constrained (values, patterns, keys), every reference held in
    a single value a foreign key."""
    info = tables.info
    resources: list[dict[str, Any]] = []
    for table in FLAT_TABLES:
        schema: dict[str, Any] = {
            "fields": [_field(cell) for cell in CELLS[table.name]],
            "primaryKey": table.key_names,
            "missingValues": [""],
        }
        # Frictionless checks references held in single values, not in arrays.
        keys = [
            {
                # A reference within the same table names no resource, as Frictionless spells it.
                "fields": c.name,
                "reference": {
                    "resource": "" if c.refers == table.name else _resource(c.refers),
                    "fields": KEY_COLUMN[c.refers].name,
                },
            }
            for c in table.references
            if c.refers is not None
        ]
        if keys:
            schema["foreignKeys"] = keys
        resources.append(
            {
                "name": _resource(table.name),
                "path": f"{table.name}.csv",
                "description": f"each row: {table.about}",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True},
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "natoeu-milstaff",
        "title": info.title,
        "description": (
            "The sourced record of the conferences of the Directors General of the NATO "
            "International Military Staff and the EU Military Staff, their co-chairs, the holders "
            f"of their posts and the EU-NATO Joint Declarations; checked against its sources on {info.as_of}."
        ),
        "version": info.version,
        "created": f"{info.as_of.isoformat()}T00:00:00Z",
        "keywords": ["NATO", "European Union", "IMS", "EUMS", "military staff"],
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Creative Commons Attribution 4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            }
        ],
        "contributors": [{"title": "natoeu_milstaff developers", "role": "author"}],
        "sources": [{"title": s.title, "path": s.url} for s in tables.sources],
        "resources": resources,
    }


def _resource(table: str) -> str:
    return table.replace("_", "-")


def write_datapackage(tables: Tables, out: Path) -> list[Path]:
    """The CSV files and their ``datapackage.json``, in one write (as ``write_csv``)."""
    from ._files import write_files

    descriptor = json.dumps(datapackage(tables), ensure_ascii=False, indent=1) + "\n"
    files = {**_csv_files(tables), "datapackage.json": descriptor.encode("utf-8")}
    return write_files(out, files, stray=(".csv", "Dataset.from_csv"))


JSON_FILE = "dataset.json"
SCHEMA_FILE = "dataset.schema.json"

_JSON_TYPES = {"string": "string", "integer": "integer", "boolean": "boolean", "date": "string"}


def _json_cell(cell: Cell) -> dict[str, Any]:
    if cell.type == "array":
        return {"description": cell.about, "type": "array", "items": {"type": "string"}}
    kind = _JSON_TYPES[cell.type]
    out: dict[str, Any] = {"description": cell.about, "type": kind if cell.required else [kind, "null"]}
    if cell.type == "date":
        out["format"] = "date"
        out["pattern"] = f"^{_DAY}$"
    if cell.values:
        out["enum"] = [*cell.values, *([] if cell.required else [None])]
    if cell.pattern:
        out["pattern"] = f"^(?:{cell.pattern})$"
    return out


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``dataset.json``, made from the same table
    descriptions as the CSV files and the data package."""
    tables: dict[str, Any] = {}
    for table in FLAT_TABLES:
        cells = CELLS[table.name]
        rows: dict[str, Any] = {
            "description": f"each row: {table.about}",
            "type": "array",
            "items": {
                "type": "object",
                "properties": {cell.name: _json_cell(cell) for cell in cells},
                "required": [cell.name for cell in cells],
                "additionalProperties": False,
            },
        }
        if table.single:
            rows["minItems"] = rows["maxItems"] = 1
        tables[table.name] = rows
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "natoeu_milstaff dataset.json",
        "description": (
            "Every table of the record as rows of named cells: the tables and cells of the CSV "
            "export, with null for a missing value and [] for an empty list."
        ),
        "type": "object",
        "properties": tables,
        "required": list(tables),
        "additionalProperties": False,
    }


def write_json(tables: Tables, out: Path) -> list[Path]:
    """``dataset.json`` (the rows of ``records``, by table) and ``dataset.schema.json``
    (its JSON Schema); ``Dataset.from_json`` reads the first back."""
    from ._files import write_files

    files = {
        JSON_FILE: json.dumps(records(tables), ensure_ascii=False, indent=1) + "\n",
        SCHEMA_FILE: json.dumps(json_schema(), ensure_ascii=False, indent=1) + "\n",
    }
    return write_files(out, {name: text.encode("utf-8") for name, text in files.items()})


def read_json(raw: Any, where: str) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """The rows of every table from the parsed ``dataset.json``, and its problems, each
    naming its place (``where: $.conferences[3].date``): an unknown or missing table or
    cell, a row that is not an object, a value of the wrong type."""
    if not isinstance(raw, dict):
        return {}, [f"{where}: $: expected an object of tables, got {type(raw).__name__}"]
    problems: list[str] = []
    unknown = [name for name in raw if name not in CELLS]
    if unknown:
        names = ", ".join(map(repr, unknown))
        problems.append(f"{where}: $: unknown table(s) {names}; the tables are {', '.join(CELLS)}")
    missing = [name for name in CELLS if name not in raw]
    if missing:
        problems.append(f"{where}: $: missing table(s) {', '.join(missing)}")
    out: dict[str, list[dict[str, Any]]] = {}
    for name, cells in CELLS.items():
        rows = raw.get(name, [])
        if not isinstance(rows, list):
            problems.append(f"{where}: $.{name}: expected an array of rows, got {type(rows).__name__}")
            rows = []
        kinds = {cell.name: cell.type for cell in cells}
        out[name] = []
        for index, row in enumerate(rows):
            place = f"{where}: $.{name}[{index}]"
            if not isinstance(row, dict):
                problems.append(f"{place}: expected an object, got {type(row).__name__}")
                continue
            extra = [key for key in row if key not in kinds]
            absent = [key for key in kinds if key not in row]
            if extra:
                problems.append(f"{place}: unknown cell(s) {', '.join(map(_brief, extra))}")
            if absent:
                problems.append(f"{place}: missing cell(s) {', '.join(absent)} (write null for no value)")
            bad = [key for key, kind in kinds.items() if key in row and not _json_fits(kind, row[key])]
            problems += [f"{place}.{key}: {_brief(row[key])} is not {_KIND_WORDS[kinds[key]]}" for key in bad]
            out[name].append(
                {key: row.get(key, [] if kind == "array" else None) for key, kind in kinds.items()}
            )
    return out, problems


_KIND_WORDS = {
    "string": "text or null",
    "integer": "a whole number or null",
    "boolean": "true, false or null",
    "date": "a day written YYYY-MM-DD, or null",
    "array": "an array of strings",
}


def _json_fits(kind: str, value: Any) -> bool:
    if kind == "array":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if value is None:
        return True
    if kind == "integer":
        return type(value) is int
    if kind == "boolean":
        return type(value) is bool
    if not isinstance(value, str):
        return False
    if kind == "date":
        try:
            _typed("date", value)
        except ValueError:
            return False
    return True


def dataframe(tables: Tables, table: str) -> Any:
    """One table as a pandas DataFrame with typed columns.

    Text columns are ``string``, whole numbers ``Int64``, flags ``boolean``, days
    (the ``_start`` and ``_end`` of each partial date, the as-of date)
    ``datetime64[s]``, lists of names or ids Python lists.
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
    dtypes = {"string": "string", "integer": "Int64", "boolean": "boolean"}
    columns: dict[str, Any] = {}
    for column, kind in SCHEMA[table]:
        values = [row[column] for row in rows]
        if kind == "array":
            columns[column] = pd.Series(values, dtype="object")
        elif kind == "date":
            columns[column] = pd.Series(values, dtype="object").astype("datetime64[s]")
        else:
            columns[column] = pd.array(values, dtype=dtypes[kind])
    return pd.DataFrame(columns)
