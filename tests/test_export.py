"""Exports: JSON and CSV read back into an equal dataset, the data package validates,
pandas columns keep their types (Popolo is tested in ``test_popolo``)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import natoeu_milstaff as nm
from _support import SRC, P
from natoeu_milstaff._cli import main
from natoeu_milstaff._export import CELLS, FLAT_TABLES, SCHEMA, read_csv, records
from natoeu_milstaff._model import TABLES
from strategies import INFO, POSTS, datasets, replace, rich_datasets

BUNDLED = nm.Dataset.bundled()
# The package typed loosely, to pass wrong types on purpose.
loose: Any = nm


def test_json_export_loads_back_equal(tmp_path: Path) -> None:
    path, schema = BUNDLED.export(tmp_path, "json")
    assert (Path(path).name, Path(schema).name) == ("dataset.json", "dataset.schema.json")
    assert nm.Dataset.from_json(path) == BUNDLED


def test_json_has_the_csv_tables_and_cells_with_explicit_nulls(tmp_path: Path) -> None:
    BUNDLED.export(tmp_path, "json")
    BUNDLED.export(tmp_path, "csv")
    data = json.loads((tmp_path / "dataset.json").read_text(encoding="utf-8"))
    assert list(data) == list(SCHEMA)
    for name, rows in data.items():
        with open(tmp_path / f"{name}.csv", encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert all(list(row) == header for row in rows), name
    june = next(row for row in data["conferences"] if row["id"] == "conf-2014-06")
    assert (june["host"], june["ordinal"], june["end_date"], june["date_end"]) == (
        None,
        None,
        None,
        "2014-06-30",
    )
    assert data["conferences"][0]["sources"] == ["nato-news-106692"]


def test_csv_export_loads_back_equal(tmp_path: Path) -> None:
    paths = BUNDLED.export(tmp_path, "csv")
    assert {Path(p).stem for p in paths} == set(SCHEMA)
    assert nm.Dataset.from_csv(tmp_path) == BUNDLED


@settings(max_examples=40)
@given(rich_datasets())
def test_every_export_of_a_random_dataset_keeps_every_fact(ds: nm.Dataset) -> None:
    # Every table, nested list and optional field has values in some of these datasets.
    rows = records(ds.tables)
    with tempfile.TemporaryDirectory() as tmp:
        ds.export(tmp, "csv")
        for name, columns in SCHEMA.items():
            with open(Path(tmp) / f"{name}.csv", encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                assert next(reader) == [column for column, _ in columns]
                assert sum(1 for _ in reader) == len(rows[name])
        assert read_csv(Path(tmp)) == rows
        assert nm.Dataset.from_csv(tmp) == ds
        ds.export(tmp, "json")
        assert nm.Dataset.from_json(Path(tmp) / "dataset.json") == ds


def test_row_counts_match_the_dataset() -> None:
    rows = BUNDLED.records()
    t = BUNDLED.tables
    assert len(rows["conferences"]) == len(t.conferences) == 19
    assert len(rows["chairs"]) == sum(len(c.co_chairs) for c in t.conferences)
    assert len(rows["agenda_items"]) == sum(len(c.agenda) for c in t.conferences)
    assert len(rows["appointments"]) == len(t.appointments)
    assert len(rows["sources"]) == len(t.sources)
    assert len(rows["inferences"]) == sum(len(c.inferences) for c in t.conferences) + sum(
        len(a.inferences) for a in t.appointments
    )
    first = rows["conferences"][0]
    assert (first["date"], first["date_precision"], first["sources"]) == (
        "2014-01-27",
        "day",
        ["nato-news-106692"],
    )


def test_data_package_validates_with_frictionless(tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    BUNDLED.export(tmp_path, "datapackage")
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in descriptor["resources"]} == {n.replace("_", "-") for n in SCHEMA}
    chairs = next(r for r in descriptor["resources"] if r["name"] == "chairs")
    assert {"fields": "official_id", "reference": {"resource": "officials", "fields": "id"}} in chairs[
        "schema"
    ]["foreignKeys"]
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_data_package_catches_a_broken_foreign_key(tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    BUNDLED.export(tmp_path, "datapackage")
    chairs = tmp_path / "chairs.csv"
    chairs.write_text(chairs.read_text(encoding="utf-8").replace("jan-broeks", "nobody"), encoding="utf-8")
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid


EXPECTED_DTYPE = {
    "string": "string",
    "integer": "Int64",
    "boolean": "boolean",
    "array": "object",
    "date": "datetime64[s]",
}


def test_pandas_dataframes_keep_columns_and_types() -> None:
    pd = pytest.importorskip("pandas")
    for table, columns in SCHEMA.items():
        frame = nm.dataframe(table)
        assert len(frame) == len(BUNDLED.records()[table])
        for column, kind in columns:
            assert str(frame[column].dtype) == EXPECTED_DTYPE[kind], (table, column)
    conferences = nm.dataframe("conferences")
    june = conferences[conferences["id"] == "conf-2014-06"].iloc[0]
    assert (june["date_precision"], june["date_start"], june["date_end"]) == (
        "month",
        pd.Timestamp("2014-06-01"),
        pd.Timestamp("2014-06-30"),
    )
    # Back to rows: every value as records() gives it.
    rows = BUNDLED.records()["conferences"]
    for row, (_, series) in zip(rows, conferences.iterrows(), strict=True):
        for column, kind in SCHEMA["conferences"]:
            value = series[column]
            if kind == "array":
                value = list(value)
            elif pd.isna(value):
                value = None
            elif kind == "integer":
                value = int(value)
            elif kind == "date":
                value = value.date().isoformat()
            assert value == row[column], column
    with pytest.raises(nm.InvalidValueError, match="unknown table 'meetings'"):
        nm.dataframe("meetings")


def test_pandas_and_pyarrow_are_imported_only_when_asked() -> None:
    code = (
        "import sys, natoeu_milstaff as nm; nm.records(); nm.conferences(); "
        "print('pandas' in sys.modules, 'pyarrow' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False False"


def test_parquet_without_pyarrow_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if not installed: importing it fails
    hint = r"the parquet export needs pyarrow: pip install 'natoeu_milstaff\[parquet\]'"
    with pytest.raises(ModuleNotFoundError, match=hint) as info:
        BUNDLED.export(tmp_path, "parquet")
    assert info.value.name == "pyarrow"
    code, out, err = run("export", "--format", "parquet", "--out", str(tmp_path))
    assert (code, out) == (1, "")
    assert err.startswith("error: the parquet export needs pyarrow: pip install")
    assert err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_data_release_and_citation() -> None:
    release = nm.data_release()
    assert release.version == nm.DATA_VERSION == BUNDLED.info.version
    assert nm.DATA_AS_OF == BUNDLED.info.as_of == release.as_of
    assert (str(release.first), str(release.last)) == ("2014-01-27", "2024-11-29")
    assert re.fullmatch(r"[0-9a-f]{64}", release.fingerprint)
    assert nm.data_release().fingerprint == release.fingerprint
    text, bibtex = nm.cite(), nm.cite("bibtex")
    home = "https://github.com/natoeu-milstaff/natoeu_milstaff"
    assert text.startswith(f"natoeu_milstaff developers ({release.as_of.year}). natoeu_milstaff: ")
    assert f"Version {nm.__version__}; data version {release.version}, " in text
    assert f"checked against its sources on {release.as_of}; fingerprint {release.fingerprint[:16]}. " in text
    assert text.endswith(home)
    lines = bibtex.splitlines()
    assert (lines[0], lines[-1]) == ("@software{natoeu_milstaff,", "}")
    fields = dict(line.strip().rstrip(",").split(" = ", 1) for line in lines[1:-1])
    assert fields["author"] == "{{natoeu\\_milstaff developers}}"
    assert fields["version"] == "{" + nm.__version__.replace("_", "\\_") + "}"
    assert fields["date"] == f"{{{release.as_of}}}"
    assert fields["url"] == f"{{{home}}}"
    assert fields["note"] == (
        f"{{Data version {release.version}, checked against its sources on {release.as_of}; "
        f"SHA-256 {release.fingerprint}}}"
    )
    with pytest.raises(nm.InvalidValueError, match="unknown citation style"):
        nm.cite("apa")


@settings(max_examples=25)
@given(datasets())
def test_fingerprint_changes_with_any_fact_and_only_then(ds: nm.Dataset) -> None:
    before = ds.release().fingerprint
    same = nm.Dataset(**{name: getattr(ds.tables, name) for name in attrs.fields_dict(type(ds.tables))})
    assert same.release().fingerprint == before
    changed = replace(ds, info=attrs.evolve(ds.info, title="Another title"))
    assert changed.release().fingerprint != before
    if ds.tables.conferences:
        first = ds.tables.conferences[0]
        moved = attrs.evolve(first, venue="Somewhere else")
        conferences = (moved, *ds.tables.conferences[1:])
        exceptions = tuple(
            attrs.evolve(
                e,
                after=moved if e.after is first else e.after,
                before=moved if e.before is first else e.before,
            )
            for e in ds.tables.exceptions
        )
        assert replace(ds, conferences=conferences, exceptions=exceptions).release().fingerprint != before


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("json", "dataset.json"),
        ("csv", "conferences.csv"),
        ("popolo", "popolo.json"),
        ("datapackage", "datapackage.json"),
        ("sqlite", "natoeu_milstaff.sqlite"),
    ],
)
def test_cli_export(tmp_path: Path, fmt: str, expected: str) -> None:
    code, out, err = run("export", "--format", fmt, "--out", str(tmp_path))
    assert (code, err) == (0, "")
    assert (tmp_path / expected).is_file()
    assert str(tmp_path / expected) in out.splitlines()


def test_cli_export_and_cite_errors() -> None:
    code, _, err = run("export", "--format", "xml", "--out", "x")
    assert code == 2
    assert "invalid choice" in err
    code, out, _ = run("cite")
    assert code == 0
    assert "@software{natoeu_milstaff," in out


def test_export_refuses_bad_arguments(tmp_path: Path) -> None:
    loose: Any = BUNDLED
    with pytest.raises(nm.InvalidValueError, match="unknown export format"):
        loose.export(tmp_path, "xlsx")
    with pytest.raises(TypeError):
        loose.export(3, "json")
    with pytest.raises(nm.DataError):
        nm.Dataset.from_json(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(nm.DataError, match="expected an object of tables"):
        nm.Dataset.from_json(tmp_path / "bad.json")
    with pytest.raises(nm.DataError):
        nm.Dataset.from_csv(tmp_path)


def test_csv_round_trip_with_a_very_long_note_and_strict_booleans(tmp_path: Path) -> None:
    src = attrs.evolve(SRC, notes=("x" * 140_000,))
    person = nm.Official(id="p", name="P", sources=(src,))
    serving = nm.Appointment(official=person, post=POSTS[0], start=P("2020"), in_office=True, sources=(src,))
    ds = nm.Dataset(info=INFO, sources=(src,), posts=POSTS, officials=(person,), appointments=(serving,))
    assert ds.validate() == ()
    ds.export(tmp_path, "csv")
    assert nm.Dataset.from_csv(tmp_path) == ds
    table = tmp_path / "appointments.csv"
    text = table.read_text(encoding="utf-8")
    assert ",true," in text
    table.write_text(text.replace(",true,", ",TRUE,"), encoding="utf-8")
    assert nm.Dataset.from_csv(tmp_path) == ds
    table.write_text(table.read_text(encoding="utf-8").replace(",TRUE,", ",yes,"), encoding="utf-8")
    with pytest.raises(nm.DataError, match="'yes' is not true or false"):
        nm.Dataset.from_csv(tmp_path)


def test_dataframe_type_and_bibtex_escaping() -> None:
    with pytest.raises(TypeError):
        loose.dataframe(None)
    from natoeu_milstaff._release import cite

    release = attrs.evolve(nm.data_release(), version="2026_{x}")
    bibtex = cite(release, "0.1_%", "bibtex")
    assert "Data version 2026\\_\\{x\\}," in bibtex
    assert "  version = {0.1\\_\\%},\n" in bibtex
    # The url field is read verbatim: its underscore stays as it is.
    assert "  url = {https://github.com/natoeu-milstaff/natoeu_milstaff},\n" in bibtex


_MODEL_TABLES = {t.attr: t for t in TABLES}
# The model class of each flat table's rows, to check the table descriptions against.
ROW_CLASSES = {
    **{t.name: _MODEL_TABLES[t.attribute].kind for t in FLAT_TABLES if t.attribute},
    "chairs": nm.Chair,
    "agenda_items": nm.AgendaItem,
    "figures": nm.Figure,
    "proposal_sets": nm.ProposalSet,
    "inferences": nm.Inference,
    "conflicts": nm.Conflict,
    "searches": nm.Search,
}


def test_a_required_cell_is_one_the_model_always_gives() -> None:
    """``required`` in the table descriptions is what the model says: a value with no
    default of None (or none at all) is in every row, so no format lets it be empty."""
    assert set(ROW_CLASSES) == {t.name for t in FLAT_TABLES}
    for table in FLAT_TABLES:
        fields = {f.name: f for f in attrs.fields(ROW_CLASSES[table.name])}
        for column in table.body:
            field = fields.get(column.path[0])
            if field is None or len(column.path) > 1 or column.key or column.type == "array":
                continue
            always = field.default is attrs.NOTHING or field.default not in (None, False)
            if column.type == "boolean":  # a flag is always true or false
                always = True
            assert column.required == always, f"{table.name}.{column.name}"
        for row in BUNDLED.records()[table.name]:
            for cell in CELLS[table.name]:
                if cell.required:
                    assert row[cell.name] is not None, (table.name, cell.name)
