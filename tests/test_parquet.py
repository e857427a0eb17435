"""The Parquet export: every table typed and described as its cells say, its values
those of ``records()``, and DuckDB and polars read and join the files."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import natoeu_milstaff as nm
from _support import SRC, P, dataset_of
from natoeu_milstaff._export import CELLS, FLAT_TABLES, records
from natoeu_milstaff._parquet import arrow_tables
from strategies import rich_datasets

pa = pytest.importorskip("pyarrow", reason="the parquet export needs pyarrow (the parquet extra)")
pq = pytest.importorskip("pyarrow.parquet", reason="the parquet export needs pyarrow (the parquet extra)")

BUNDLED = nm.Dataset.bundled()
LIST = pa.list_(pa.field("element", pa.string(), nullable=False))
TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "array": LIST,
}


def _enum(values: tuple[str, ...]) -> Any:
    """A fixed set's dictionary type: int8 indices, int16 past 127 values (the countries)."""
    return pa.dictionary(pa.int8() if len(values) <= 127 else pa.int16(), pa.string())


def _same_type(read: Any, written: Any) -> bool:
    """pyarrow before 20 reads a dictionary's small indices back as int32."""
    if pa.types.is_dictionary(read) and pa.types.is_dictionary(written):
        return bool(
            read.value_type == written.value_type and read.index_type in (written.index_type, pa.int32())
        )
    return bool(read == written)


@pytest.fixture(scope="module")
def bundled_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parquet")
    BUNDLED.export(out, "parquet")
    return out


def _rows(path: Path) -> list[dict[str, Any]]:
    """A file's rows as ``records()`` gives them: days as ISO text."""
    rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    return [{k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()} for row in rows]


def test_one_file_per_table_with_every_cell_typed_and_described(bundled_dir: Path) -> None:
    rows = BUNDLED.records()
    written = arrow_tables(BUNDLED.tables)
    assert sorted(p.name for p in bundled_dir.iterdir()) == sorted(f"{t}.parquet" for t in CELLS)
    for table in FLAT_TABLES:
        read = pq.read_table(bundled_dir / f"{table.name}.parquet")
        assert read.num_rows == len(rows[table.name]), table.name
        schema = read.schema
        assert schema.names == [cell.name for cell in CELLS[table.name]]
        for cell, field, made in zip(CELLS[table.name], schema, written[table.name].schema, strict=True):
            where = f"{table.name}.{cell.name}"
            assert made.type == (_enum(cell.values) if cell.values else TYPES[cell.type]), where
            assert _same_type(field.type, made.type), where
            assert field.nullable == (not cell.required), where
            assert field.metadata[b"description"] == cell.about.encode(), where
            if cell.values:  # every allowed value, in the model's order, used or not
                dictionary = read.column(cell.name).combine_chunks().dictionary.to_pylist()
                assert dictionary == list(cell.values), where
        meta = schema.metadata
        assert meta[b"table"] == table.name.encode()
        assert meta[b"description"] == f"each row: {table.about}".encode()
        assert json.loads(meta[b"primary_key"]) == [c.name for c in table.columns if c.key]
        assert meta[b"dataset_version"] == BUNDLED.info.version.encode()
        assert meta[b"dataset_as_of"] == BUNDLED.info.as_of.isoformat().encode()
    chairs = pq.read_schema(bundled_dir / "chairs.parquet")
    assert chairs.field("official_id").metadata[b"references"] == b"officials.id"
    assert chairs.field("post_code").metadata[b"references"] == b"posts.code"
    conferences = pq.read_schema(bundled_dir / "conferences.parquet")
    assert conferences.field("sources").metadata[b"references"] == b"sources.id"
    assert conferences.field("date_start").metadata[b"derived"] == b"true"
    assert b"derived" not in conferences.field("date").metadata


def test_values_read_back_equal_the_records(bundled_dir: Path) -> None:
    rows = BUNDLED.records()
    for name in CELLS:
        assert _rows(bundled_dir / f"{name}.parquet") == rows[name], name
    june = next(r for r in _rows(bundled_dir / "conferences.parquet") if r["id"] == "conf-2014-06")
    assert (june["host"], june["ordinal"], june["date_start"], june["date_end"]) == (
        None,
        None,
        "2014-06-01",
        "2014-06-30",
    )


def test_duckdb_reads_and_joins_the_files(bundled_dir: Path) -> None:
    duckdb = pytest.importorskip("duckdb", reason="the DuckDB check needs duckdb")
    query = duckdb.sql(
        "select c.id, c.date_start, c.ordinal, c.host, h.position, h.official_id "
        f"from '{bundled_dir}/conferences.parquet' c "
        f"join '{bundled_dir}/chairs.parquet' h on c.id = h.conference_id "
        "order by c.date_start, h.position"
    )
    types = dict(zip(query.columns, map(str, query.types), strict=True))
    assert types == {
        "id": "VARCHAR",
        "date_start": "DATE",
        "ordinal": "BIGINT",
        "host": "VARCHAR",  # DuckDB reads a dictionary-encoded column as its values
        "position": "BIGINT",
        "official_id": "VARCHAR",
    }
    got = query.fetchall()
    rows = BUNDLED.records()
    assert len(got) == len(rows["chairs"])
    first = rows["conferences"][0]
    assert got[0][:4] == (
        first["id"],
        dt.date.fromisoformat(first["date_start"]),
        first["ordinal"],
        first["host"],
    )
    assert any(row[2] is None for row in got)  # ordinal: an integer column with nulls
    unknown = duckdb.sql(f"select count(*) from '{bundled_dir}/conferences.parquet' where host is null")
    assert unknown.fetchall() == [(sum(r["host"] is None for r in rows["conferences"]),)]


def test_polars_reads_and_joins_the_files(bundled_dir: Path) -> None:
    pl = pytest.importorskip("polars", reason="the polars check needs polars")
    conferences = pl.read_parquet(bundled_dir / "conferences.parquet")
    chairs = pl.read_parquet(bundled_dir / "chairs.parquet")
    joined = conferences.join(chairs, left_on="id", right_on="conference_id")
    assert joined.height == len(BUNDLED.records()["chairs"])
    assert joined.schema["date_start"] == pl.Date
    assert joined.schema["ordinal"] == pl.Int64
    assert joined.schema["host"] == pl.Categorical
    assert joined.schema["sources"] == pl.List(pl.String)
    assert joined.schema["position"] == pl.Int64
    assert conferences["ordinal"].null_count() == sum(
        r["ordinal"] is None for r in BUNDLED.records()["conferences"]
    )
    appointments = pl.read_parquet(bundled_dir / "appointments.parquet")
    assert appointments.schema["in_office"] == pl.Boolean


@settings(max_examples=20)
@given(rich_datasets())
def test_a_random_dataset_reads_back_equal_to_its_records(ds: nm.Dataset) -> None:
    rows = records(ds.tables)
    with tempfile.TemporaryDirectory() as tmp:
        written = ds.export(tmp, "parquet")
        assert sorted(Path(p).name for p in written) == sorted(f"{t}.parquet" for t in CELLS)
        for name in CELLS:
            assert _rows(Path(tmp) / f"{name}.parquet") == rows[name], name


@pytest.mark.parametrize("fmt", ["parquet", "sqlite"])
def test_a_number_outside_64_bits_is_refused_and_nothing_written(tmp_path: Path, fmt: str) -> None:
    # The formats that store 64-bit integers share one check; the model bounds no number.
    for number, shown in ((2**63, str(2**63)), (-(2**200), "a 201-bit number")):
        report = nm.ProgressReport(number=number, date=P("2020"), sources=(SRC,))
        with pytest.raises(nm.DataError) as info:
            dataset_of(progress_reports=(report,)).export(tmp_path, fmt)
        assert info.value.problems == (
            f"progress_reports: row 1, number: {shown} does not fit a 64-bit integer",
        )
        assert list(tmp_path.iterdir()) == []
    smallest = nm.ProgressReport(number=-(2**63), date=P("2020"), sources=(SRC,))
    dataset_of(progress_reports=(smallest,)).export(tmp_path, fmt)
    if fmt == "parquet":
        assert _rows(tmp_path / "progress_reports.parquet")[0]["number"] == -(2**63)


def test_cli_export_parquet(tmp_path: Path) -> None:
    import io

    from natoeu_milstaff._cli import main

    out, err = io.StringIO(), io.StringIO()
    assert main(["export", "--format", "parquet", "--out", str(tmp_path)], out=out, err=err) == 0
    assert err.getvalue() == ""
    assert sorted(out.getvalue().splitlines()) == sorted(str(tmp_path / f"{t}.parquet") for t in CELLS)
