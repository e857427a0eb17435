"""The exports as the tools users bring read them: DuckDB, polars, pandas and pyarrow
read the CSV files and join them without a hand-written schema; frictionless checks the
data package's constraints; jsonschema checks dataset.json against its schema.

Each tool is an optional test dependency (the ``exports`` group); a test skips, saying
which, when its tool is missing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import natoeu_milstaff as nm

BUNDLED = nm.Dataset.bundled()
ROWS = BUNDLED.records()


@pytest.fixture(scope="module")
def csv_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("csv")
    BUNDLED.export(out, "datapackage")
    return out


def test_duckdb_reads_types_and_joins_the_csv_tables(csv_dir: Path) -> None:
    duckdb = pytest.importorskip("duckdb", reason="duckdb is in the exports dependency group")
    con = duckdb.connect()

    def types(table: str) -> dict[str, str]:
        described = con.sql(f"describe select * from read_csv_auto('{csv_dir / table}.csv')").fetchall()
        return {row[0]: row[1] for row in described}

    conferences, chairs = types("conferences"), types("chairs")
    assert conferences["id"] == chairs["conference_id"] == "VARCHAR"
    assert (conferences["date_start"], conferences["date_end"], conferences["ordinal"]) == (
        "DATE",
        "DATE",
        "BIGINT",
    )
    assert types("appointments")["in_office"] == "BOOLEAN"
    joined = con.sql(
        f"select c.id, h.official_id from read_csv_auto('{csv_dir}/conferences.csv') c "
        f"join read_csv_auto('{csv_dir}/chairs.csv') h on c.id = h.conference_id "
        "where c.date_start = date '2021-11-16' order by h.position"
    ).fetchall()
    assert joined == [("conf-2021-11-16", "hans-werner-wiermann"), ("conf-2021-11-16", "giovanni-manione")]
    counted = con.sql(
        f"select count(*) from read_csv_auto('{csv_dir}/conferences.csv') c "
        f"join read_csv_auto('{csv_dir}/chairs.csv') h on c.id = h.conference_id"
    ).fetchall()
    assert counted == [(len(ROWS["chairs"]),)]
    # A list cell is a JSON array: DuckDB's JSON functions read it.
    topics = con.sql(
        f"select unnest(topics::json::varchar[]) from read_csv_auto('{csv_dir}/agenda_items.csv') "
        "where conference_id = 'conf-2021-11-16'"
    ).fetchall()
    assert ("space",) in topics


def test_polars_reads_types_and_joins_the_csv_tables(csv_dir: Path) -> None:
    pl = pytest.importorskip("polars", reason="polars is in the exports dependency group")
    conferences = pl.read_csv(csv_dir / "conferences.csv", try_parse_dates=True)
    chairs = pl.read_csv(csv_dir / "chairs.csv")
    assert conferences.schema["id"] == chairs.schema["conference_id"] == pl.String
    assert conferences.schema["date_start"] == pl.Date
    assert conferences.schema["ordinal"] == pl.Int64
    joined = conferences.join(chairs, left_on="id", right_on="conference_id")
    assert joined.height == len(ROWS["chairs"])


def test_pandas_reads_and_joins_the_csv_tables(csv_dir: Path) -> None:
    pd = pytest.importorskip("pandas", reason="pandas is in the test dependency group")
    options: dict[str, Any] = {"dtype_backend": "numpy_nullable"}  # the documented way
    conferences = pd.read_csv(csv_dir / "conferences.csv", parse_dates=["date_start", "date_end"], **options)
    chairs = pd.read_csv(csv_dir / "chairs.csv", **options)
    assert str(conferences["ordinal"].dtype) == "Int64"
    assert str(conferences["date_start"].dtype).startswith("datetime64")
    joined = conferences.merge(chairs, left_on="id", right_on="conference_id")
    assert len(joined) == len(ROWS["chairs"])


def test_pyarrow_reads_and_joins_the_csv_tables(csv_dir: Path) -> None:
    pa = pytest.importorskip("pyarrow", reason="pyarrow is in the exports dependency group")
    from pyarrow import csv

    conferences = csv.read_csv(csv_dir / "conferences.csv")
    chairs = csv.read_csv(csv_dir / "chairs.csv")
    assert conferences.schema.field("id").type == chairs.schema.field("conference_id").type == pa.string()
    assert conferences.schema.field("date_start").type == pa.date32()
    joined = conferences.join(chairs, keys="id", right_keys="conference_id", join_type="inner")
    assert joined.num_rows == len(ROWS["chairs"])


# -- the data package's constraints ------------------------------------------------------


def _copy(source: Path, target: Path) -> Path:
    target.mkdir()
    for file in source.iterdir():
        (target / file.name).write_bytes(file.read_bytes())
    return target


def _replace_cell(path: Path, column: str, row: int, value: str) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[row][rows[0].index(column)] = value
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_the_data_package_is_valid(csv_dir: Path) -> None:
    frictionless = pytest.importorskip("frictionless", reason="frictionless is in the test dependency group")
    report = frictionless.validate(str(csv_dir / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


@pytest.mark.parametrize(
    "case",
    [
        ("conferences", "host", "UN", "constraint-error"),
        ("officials", "nationality", "Britain", "constraint-error"),
        ("conferences", "date", "27 Jan 2014", "constraint-error"),
        ("conferences", "date_start", "27 Jan 2014", "type-error"),
        ("conferences", "evidence", "rumoured", "constraint-error"),
        ("sources", "url", "not a url at all", "constraint-error"),
        ("conferences", "ordinal", "seventeen", "type-error"),
        ("chairs", "official_id", "nobody", "foreign-key"),
    ],
)
def test_a_corrupted_copy_fails_frictionless(csv_dir: Path, tmp_path: Path, case: tuple[str, ...]) -> None:
    file, column, value, error = case
    frictionless = pytest.importorskip("frictionless", reason="frictionless is in the test dependency group")
    copy = _copy(csv_dir, tmp_path / "copy")
    _replace_cell(copy / f"{file}.csv", column, 1, value)
    report = frictionless.validate(str(copy / "datapackage.json"))
    found = report.flatten(["fieldName", "type"])
    # A foreign-key error names no single field.
    assert [None if error == "foreign-key" else column, error] in found, found


def test_the_data_package_describes_every_field(csv_dir: Path) -> None:
    descriptor = json.loads((csv_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["version"] == BUNDLED.info.version
    assert len(descriptor["sources"]) == len(BUNDLED.tables.sources)
    for resource in descriptor["resources"]:
        assert resource["description"]
        for field in resource["schema"]["fields"]:
            assert field["description"], (resource["name"], field["name"])
    conferences = next(r for r in descriptor["resources"] if r["name"] == "conferences")
    fields = {f["name"]: f for f in conferences["schema"]["fields"]}
    assert fields["host"]["constraints"]["enum"] == ["NATO", "EU"]
    assert fields["date_start"]["type"] == "date"
    assert fields["date_precision"]["constraints"]["enum"] == ["year", "month", "day"]


# -- the JSON export against its JSON Schema -------------------------------------------------


@pytest.fixture(scope="module")
def json_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    out = tmp_path_factory.mktemp("json")
    data, schema = (Path(p) for p in BUNDLED.export(out, "json"))
    return json.loads(data.read_text(encoding="utf-8")), json.loads(schema.read_text(encoding="utf-8"))


def _validator(schema: dict[str, Any]) -> Any:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test dependency group")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_the_json_export_meets_its_schema(json_export: tuple[dict[str, Any], dict[str, Any]]) -> None:
    data, schema = json_export
    errors = list(_validator(schema).iter_errors(data))
    assert errors == []


@pytest.mark.parametrize(
    ("table", "cell", "value"),
    [
        ("conferences", "host", "UN"),
        ("conferences", "date", "27 Jan 2014"),
        ("conferences", "date_start", "2014-13-01"),
        ("conferences", "ordinal", "17"),
        ("officials", "nationality", "Britain"),
        ("officials", "aliases", "a name"),
        ("conferences", "surprise", 1),
        ("officials", "name", None),
        ("conferences", "evidence", None),
    ],
)
def test_a_corrupted_json_export_fails_its_schema(
    json_export: tuple[dict[str, Any], dict[str, Any]], table: str, cell: str, value: object
) -> None:
    data, schema = json_export
    broken = json.loads(json.dumps(data))
    broken[table][0][cell] = value
    assert list(_validator(schema).iter_errors(broken)), (table, cell, value)
