"""The Parquet export: one ``<table>.parquet`` file per flat table, typed from ``CELLS``.

Nothing here describes a table a second time: every column's Arrow type, nullability
and metadata follow from the cell descriptions in ``_export`` (``CELLS``), as the CSV
header, the data package and the JSON Schema do, and the values are those of
``records()``.

Types: ``string`` cells are ``string``; ``integer`` ``int64``; ``boolean`` ``bool``;
``date`` (the ``_start`` and ``_end`` days of a partial date, the as-of day) ``date32``;
``array`` ``list<string>``; a cell with a closed set of ``values`` (a host, a
precision, a kind) ``dictionary<int8, string>`` whose dictionary is every allowed
value in the order the model lists them, so that each file's categories are the same
whatever the data holds. A key cell and a list are never null (an empty list is
``[]``); every other cell may be.

Metadata: each field carries its ``description``, and, where it has them,
``references`` (``officials.id``: the table and key the value, or each item of a
list, names) and ``derived`` (``true``: worked out from the row's other cells). The
schema carries the ``table``'s name, its ``description``, its ``primary_key`` (a JSON
array of cell names) and the dataset's ``dataset_title``, ``dataset_version`` and
``dataset_as_of``.

pyarrow is an optional dependency (``pip install 'natoeu_milstaff[parquet]'``),
imported only when the export is asked for. The bytes depend only on the data and on
the pyarrow version (which each file names in its ``created_by``).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from ._export import CELLS, FLAT_TABLES, check_int64, records

if TYPE_CHECKING:
    from pathlib import Path

    from ._export import Cell, FlatTable
    from ._model import DatasetInfo, Tables

__all__ = ["INSTALL_HINT", "arrow_tables", "write_parquet"]

INSTALL_HINT = "pip install 'natoeu_milstaff[parquet]'"


def _pyarrow() -> Any:
    """The ``pyarrow`` module, with ``pyarrow.parquet`` loaded; or the install hint."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:  # tests/test_export.py hides pyarrow to check this
        raise ModuleNotFoundError(
            f"the parquet export needs pyarrow: {INSTALL_HINT}", name="pyarrow"
        ) from None
    return pyarrow


def _type(pa: Any, cell: Cell) -> Any:
    if cell.values:
        return pa.dictionary(pa.int8() if len(cell.values) <= 127 else pa.int16(), pa.string())
    if cell.type == "array":
        # "element" is the item's name in Parquet's list layout, so the schema reads back as written.
        return pa.list_(pa.field("element", pa.string(), nullable=False))
    kinds = {"string": pa.string(), "integer": pa.int64(), "boolean": pa.bool_(), "date": pa.date32()}
    return kinds[cell.type]


def _field(pa: Any, cell: Cell) -> Any:
    metadata = {"description": cell.about}
    if cell.target is not None:
        metadata["references"] = cell.target
    if cell.derived:
        metadata["derived"] = "true"
    return pa.field(cell.name, _type(pa, cell), nullable=not cell.required, metadata=metadata)


def _schema(pa: Any, table: FlatTable, info: DatasetInfo) -> Any:
    metadata = {
        "table": table.name,
        "description": f"each row: {table.about}",
        "primary_key": json.dumps(table.key_names),
        "dataset_title": info.title,
        "dataset_version": info.version,
        "dataset_as_of": info.as_of.isoformat(),
    }
    return pa.schema([_field(pa, cell) for cell in CELLS[table.name]], metadata=metadata)


def _array(pa: Any, cell: Cell, kind: Any, values: list[Any]) -> Any:
    if cell.values:
        index = {value: i for i, value in enumerate(cell.values)}
        indices = pa.array([None if v is None else index[v] for v in values], kind.index_type)
        return pa.DictionaryArray.from_arrays(indices, pa.array(cell.values, pa.string()))
    if cell.type == "date":
        values = [None if v is None else dt.date.fromisoformat(v) for v in values]
    return pa.array(values, kind)


def arrow_tables(tables: Tables) -> dict[str, Any]:
    """Every flat table as a ``pyarrow.Table``, typed and described (see the module's
    docstring); raises ``DataError`` for a whole number outside the 64-bit range."""
    pa = _pyarrow()
    rows = records(tables)
    check_int64(rows, "the Parquet export")
    out: dict[str, Any] = {}
    for table in FLAT_TABLES:
        schema = _schema(pa, table, tables.info)
        columns = [
            _array(pa, cell, field.type, [row[cell.name] for row in rows[table.name]])
            for cell, field in zip(CELLS[table.name], schema, strict=True)
        ]
        out[table.name] = pa.Table.from_arrays(columns, schema=schema)
    return out


def write_parquet(tables: Tables, out: Path) -> list[Path]:
    """One ``<table>.parquet`` file per table in ``out``, written by ``_files.write_files``
    (checked, then atomically per file). Each file is made in memory first."""
    from ._files import write_files

    pa = _pyarrow()
    files: dict[str, bytes] = {}
    for name, table in arrow_tables(tables).items():
        sink = pa.BufferOutputStream()
        # Spelt out rather than left to pyarrow's defaults, which may change between versions.
        pa.parquet.write_table(table, sink, version="2.6", compression="snappy", use_dictionary=True)
        files[f"{name}.parquet"] = sink.getvalue().to_pybytes()
    return write_files(out, files)
