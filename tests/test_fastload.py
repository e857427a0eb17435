"""The compiled fast path for the bundled data stays in step with the TOML files."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

from hypothesis import given

import natoeu_milstaff as nm
from natoeu_milstaff._convert import unstructure_tables
from natoeu_milstaff._fastload import COMPILED, load_compiled
from strategies import datasets


def _data_dir() -> Path:
    return Path(str(resources.files("natoeu_milstaff") / "data"))


def test_compiled_file_is_in_step_with_the_toml_files() -> None:
    compiled = json.loads((_data_dir() / COMPILED).read_text(encoding="utf-8"))
    expected = unstructure_tables(nm.Dataset.load(_data_dir()).tables)
    assert compiled == expected, "run: .venv/bin/python scripts/compile_data.py"


def test_fast_path_equals_the_converter() -> None:
    slow = nm.Dataset.load(_data_dir())
    fast = nm.Dataset.bundled()
    assert fast == slow
    assert fast.tables.conferences == slow.tables.conferences
    assert [repr(c) for c in fast.tables.conferences] == [repr(c) for c in slow.tables.conferences]


@given(datasets())
def test_fast_builder_equals_the_converter_on_random_datasets(ds: nm.Dataset) -> None:
    plain = json.loads(json.dumps(unstructure_tables(ds.tables)))
    assert load_compiled(plain) == ds.tables
    with tempfile.TemporaryDirectory() as tmp:
        ds.dump(tmp)
        assert nm.Dataset.load(tmp) == ds


def test_first_query_reads_neither_toml_nor_cattrs() -> None:
    code = (
        "import sys, natoeu_milstaff as nm\n"
        "nm.who_held('DGIMS', '2020-05-19')\n"
        "print(sorted(m for m in ('cattrs', 'tomllib', 'dateutil', 'pandas', 'natoeu_milstaff._convert', "
        "'natoeu_milstaff._files', 'natoeu_milstaff._validate') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
