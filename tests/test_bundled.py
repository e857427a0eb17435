"""The compiled form of the bundled data: in step with the TOML files, built into the
very records the converter makes, and read from a zipped install too."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from importlib import resources
from pathlib import Path

from hypothesis import given

import natoeu_milstaff as nm
from natoeu_milstaff import _bundled
from natoeu_milstaff._convert import unstructure_tables
from strategies import datasets


def _data_dir() -> Path:
    return Path(str(resources.files("natoeu_milstaff") / "data"))


def test_compiled_file_is_in_step_with_the_toml_files() -> None:
    compiled = (_data_dir() / _bundled.FILE).read_text(encoding="utf-8")
    assert compiled == _bundled.compile(nm.Dataset.load(_data_dir()).tables), (
        "run: .venv/bin/python scripts/compile_data.py"
    )


def test_bundled_records_are_the_converters() -> None:
    by_converter = nm.Dataset.load(_data_dir()).tables
    compiled = _bundled.load()
    assert compiled == by_converter
    for table in nm.Dataset.bundled().tables.__attrs_attrs__:
        mine, theirs = getattr(compiled, table.name), getattr(by_converter, table.name)
        assert type(mine) is type(theirs)
        assert repr(mine) == repr(theirs)
        assert hash(mine) == hash(theirs)


def test_references_are_shared_objects() -> None:
    tables = _bundled.load()
    officials = {o.id: o for o in tables.officials}
    for c in tables.conferences:
        for chair in c.co_chairs:
            assert chair.official is officials[chair.official.id]
    topics = {t.id: t for t in tables.topics}
    for t in tables.topics:
        assert all(parent is topics[parent.id] for parent in t.broader)


@given(datasets())
def test_build_equals_the_converter_on_any_dataset(ds: nm.Dataset) -> None:
    plain = json.loads(json.dumps(unstructure_tables(ds.tables)))
    assert _bundled.build(plain) == ds.tables


def test_zipped_install_reads_the_same_data(tmp_path: Path) -> None:
    package = Path(nm.__file__).parent
    archive = tmp_path / "pkg.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in package.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, Path("natoeu_milstaff") / path.relative_to(package))
    code = (
        f"import sys; sys.path.insert(0, {str(archive)!r})\n"
        "import natoeu_milstaff as nm\n"
        "print('pkg.zip' in nm.__file__, nm.who_held('DGIMS', '2020-05-19').name, len(nm.conferences()))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "Hans-Werner", "Wiermann", str(len(nm.conferences()))]
