"""Every output is the same whatever the hash seed: reprs, notebook HTML, exports, the
command line and the generated documentation pages (the timeline too), each produced in two interpreters
started with different ``PYTHONHASHSEED`` values and compared byte for byte."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Run in a fresh interpreter: prints one JSON object, output name -> text.
PROGRAM = r"""
import contextlib, hashlib, importlib.util, io, json, sqlite3, sys, tempfile
from pathlib import Path

import natoeu_milstaff as nm
from natoeu_milstaff._cli import main

ds = nm.Dataset.bundled()
out = {}

def show(name, value):
    out[name + " repr"] = repr(value)
    html = getattr(value, "_repr_html_", None)
    if html is not None:
        out[name + " html"] = html()

show("dataset", ds)
show("coverage", ds.coverage())
out["coverage str"] = str(ds.coverage())
for table in type(ds.tables).__attrs_attrs__:
    records = getattr(ds.tables, table.name)
    for i, record in enumerate(records if isinstance(records, tuple) else (records,)):
        show(f"{table.name}[{i}]", record)
show("conferences()", nm.conferences())
show("holders(DGIMS)", nm.holders("DGIMS"))
show("meetings_about(cyber)", nm.meetings_about("cyber"))
out["topics of every conference"] = repr([[t.id for t in c.topics] for c in nm.conferences()])
out["records()"] = json.dumps(ds.records(), sort_keys=False, default=str)
out["popolo()"] = json.dumps(ds.popolo(), sort_keys=False, default=str)

with tempfile.TemporaryDirectory() as tmp:
    for fmt in ("json", "csv", "popolo", "datapackage", "parquet"):
        if fmt == "parquet" and importlib.util.find_spec("pyarrow") is None:
            continue  # an optional extra
        for path in ds.export(Path(tmp) / fmt, fmt):
            data = Path(path).read_bytes()
            out[f"export {fmt} {Path(path).name}"] = data.hex() if fmt == "parquet" else data.decode("utf-8")
    # The database is binary: its bytes by their hash, and its SQL text to see what differs.
    for path in ds.export(Path(tmp) / "sqlite", "sqlite"):
        out[f"export sqlite {Path(path).name} sha256"] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        with contextlib.closing(sqlite3.connect(path)) as db:
            out[f"export sqlite {Path(path).name} dump"] = "\n".join(db.iterdump())
    docs = Path(sys.argv[1]) / "docs" / "_ext"
    if docs.is_dir():
        sys.path.insert(0, str(docs))
        import datapages

        for path in datapages.generate(Path(tmp) / "pages", ds):
            out[f"docs {path.relative_to(Path(tmp))}"] = path.read_text(encoding="utf-8")
        import timeline

        for path in timeline.generate(Path(tmp) / "timeline", ds):
            out[f"docs {path.relative_to(Path(tmp))}"] = path.read_text(encoding="utf-8")

for argv in (
    ["conferences"],
    ["conferences", "--host", "EU"],
    ["meetings-about", "cyber"],
    ["show", "2021-11-16"],
    ["who-held", "DGIMS", "2020-05-19"],
    ["coverage"],
):
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(argv, out=stdout, err=stderr)
    out["cli " + " ".join(argv)] = f"{status}\n{stdout.getvalue()}\n{stderr.getvalue()}"

print(json.dumps(out))
"""


def _outputs(seed: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(ROOT)], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, str] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def two_seeds() -> tuple[dict[str, str], dict[str, str]]:
    return _outputs("1"), _outputs("2")


def test_every_output_is_the_same_under_two_hash_seeds(
    two_seeds: tuple[dict[str, str], dict[str, str]],
) -> None:
    first, second = two_seeds
    assert first.keys() == second.keys()
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, f"outputs that depend on the hash seed: {differ}"


def test_the_comparison_covers_every_kind_of_output(two_seeds: tuple[dict[str, str], dict[str, str]]) -> None:
    names = two_seeds[0]
    kinds = {name.split(" ")[0] for name in names}
    assert {"dataset", "coverage", "conferences()", "records()", "export", "cli"} <= kinds
    assert sum(name.startswith("export ") for name in names) >= 4
    assert any(name.startswith("export sqlite ") for name in names)
    assert any(name.startswith("conferences[") for name in names)
    if (ROOT / "docs" / "_ext").is_dir():
        assert any(name.startswith("docs timeline/") for name in names)
    # The outputs are not empty: a comparison of two empty strings proves nothing.
    assert all(names[name] for name in names if not name.startswith("cli"))
