"""The module-level queries (``_api``) and the package's public surface: ``__all__``,
the lazy import, the one load of the bundled dataset and its cache."""

from __future__ import annotations

import subprocess
import sys

import pytest

import natoeu_milstaff as nm
from natoeu_milstaff import _dataset


def test_all_is_sorted_and_importable() -> None:
    assert nm.__all__ == sorted(set(nm.__all__))  # sorted, and each name once
    for name in nm.__all__:
        assert getattr(nm, name) is not None
    # DATA_VERSION and DATA_AS_OF are attributes outside __all__: a star import must not load data.
    public = {n for n in dir(nm) if not n.startswith("_")} - {"DATA_VERSION", "DATA_AS_OF"}
    # Every public name is in __all__ (private modules are underscored).
    assert public <= set(nm.__all__)


def test_import_reads_no_data_and_loads_no_converter() -> None:
    code = (
        "import sys, natoeu_milstaff\n"
        "heavy = [m for m in ('cattrs', 'tomllib', 'json', 'dateutil', 'importlib.metadata', 'pandas', "
        "'attrs', 'natoeu_milstaff._dataset', 'natoeu_milstaff._convert', 'natoeu_milstaff._files', "
        "'difflib', 'natoeu_milstaff._bundled', 'natoeu_milstaff._model', 'sqlite3', 'natoeu_milstaff._sqlite') "
        "if m in sys.modules]\n"
        "print(heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_lazy_names_resolve_to_the_same_objects() -> None:
    from natoeu_milstaff._dataset import Dataset
    from natoeu_milstaff._model import Conference

    assert nm.Dataset is Dataset
    assert nm.Conference is Conference
    assert "who_held" in dir(nm)
    with pytest.raises(AttributeError, match="no_such_name"):
        getattr(nm, "no_such_name")  # noqa: B009


def test_first_query_from_many_threads_loads_once() -> None:
    code = (
        "import threading, natoeu_milstaff as nm, natoeu_milstaff._dataset as d\n"
        "calls = []\n"
        "import natoeu_milstaff._bundled as b\n"
        "real = b.load\n"
        "b.load = lambda: calls.append(1) or real()\n"
        "seen = []\n"
        "barrier = threading.Barrier(16)\n"
        "def work():\n"
        "    barrier.wait()\n"
        "    seen.append(nm.Dataset.bundled())\n"
        "    nm.who_held('DGIMS', '2020-05-19')\n"
        "threads = [threading.Thread(target=work) for _ in range(16)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "print(len(calls), len({id(x) for x in seen}), len(seen))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "1 1 16"


def test_clear_cache_reloads_an_equal_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    # Put the cached dataset back afterwards: other modules hold it and check its identity.
    monkeypatch.setattr(_dataset, "_BUNDLED", _dataset._BUNDLED)
    first = nm.Dataset.bundled()
    assert nm.Dataset.bundled() is first
    nm.Dataset.clear_cache()
    second = nm.Dataset.bundled()
    assert second == first
    assert second is not first
    assert nm.Dataset.bundled() is second
    # The module-level queries answer from the reloaded dataset: its own records.
    wiermann = nm.who_held("DGIMS", "2020-05-19")
    assert wiermann is second.official("hans-werner-wiermann")
    assert wiermann is not first.official("hans-werner-wiermann")
    assert nm.conference(17) is second.conference(17)
    assert nm.post("DGIMS") is second.post("DGIMS")


def test_star_import_loads_no_data() -> None:
    code = "from natoeu_milstaff import *; import natoeu_milstaff._dataset as d; print(d._BUNDLED is None)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"
