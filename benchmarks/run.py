"""The benchmark suite: ratios measured in one run, interleaving what they compare.

    .venv/bin/python benchmarks/run.py            # full run (a few minutes)
    .venv/bin/python benchmarks/run.py --quick    # fewer repetitions, no 100k dataset

Every figure is a ratio of medians taken in the same run on the same machine, so
that a noisy shared machine moves both sides alike. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

import natoeu_milstaff as nm

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the generator the property tests use
from strategies import synthetic_dataset  # noqa: E402

# Measure as installed code runs: with cached bytecode, whatever this shell says.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

# The first query of a fresh process, for each of the most common questions.
FIRST = {
    "who_held": "nm.who_held('DGIMS', '2020-05-19')",
    "meetings_about": "nm.meetings_about('cyber')",
    "conference(17)": "nm.conference(17)",
    "official(...)": "nm.official('Hans-Werner Wiermann')",
    "conferences(host=...)": "nm.conferences(host='EU')",
}
COLD = {
    "attrs": "import attrs",
    "pycountry": "import pycountry; pycountry.countries.get(alpha_2='DE')",
    "import": "import natoeu_milstaff",
    **{name: f"import natoeu_milstaff as nm; {query}" for name, query in FIRST.items()},
}


def cold(runs: int) -> dict[str, list[float]]:
    """Wall time of fresh processes, the commands interleaved run by run."""

    def once(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=ENV)
        return time.perf_counter() - start

    for code in COLD.values():
        once(code)  # warm caches and write bytecode
    samples: dict[str, list[float]] = {name: [] for name in COLD}
    for _ in range(runs):
        for name, code in COLD.items():
            samples[name].append(once(code))
    return samples


def ratio(samples: dict[str, list[float]], top: str, bottom: str) -> float:
    return statistics.median(a / b for a, b in zip(samples[top], samples[bottom], strict=True))


def per_call(function: Callable[[], object], repeat: int = 7) -> float:
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number


def interleaved(a: Callable[[], object], b: Callable[[], object], rounds: int = 7) -> float:
    """Median over rounds of per-call time of ``a`` over ``b``, measured alternately."""
    ta, tb = timeit.Timer(a), timeit.Timer(b)
    na, _ = ta.autorange()
    nb, _ = tb.autorange()
    return statistics.median((ta.timeit(na) / na) / (tb.timeit(nb) / nb) for _ in range(rounds))


def records(ds: nm.Dataset) -> int:
    t = ds.tables
    return sum(
        len(getattr(t, f))
        for f in ("sources", "posts", "officials", "appointments", "topics", "conferences", "exceptions")
    )


def load_seconds(path: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        nm.Dataset.load(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def size_of(path: str) -> int:
    return sum(p.stat().st_size for p in Path(path).iterdir())


def retained(path: str) -> int:
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    ds = nm.Dataset.load(path)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del ds
    return after - before


def who_held_calls(ds: nm.Dataset, count: int = 200) -> list[tuple[str, object]]:
    rng = random.Random(1)
    spans = [a.possible_window() for a in ds.tables.appointments if a.start is not None and a.end is not None]
    days = [low + (high - low) * rng.random() for low, high in rng.sample(spans, min(count, len(spans)))]
    posts = [p.code for p in ds.tables.posts]
    return [(rng.choice(posts[:3]), day) for day in days]


def warm_who_held(ds: nm.Dataset, calls: list[tuple[str, object]]) -> Callable[[], None]:
    def run() -> None:
        for post, day in calls:
            with suppress(nm.AmbiguousDateError):
                ds.who_held(post, day)  # type: ignore[arg-type]

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, no 100k dataset")
    parser.add_argument("--cold", action="store_true", help="only the cold-process figures")
    args = parser.parse_args()
    rows: list[tuple[str, float, float]] = []

    samples = cold(8 if args.quick else 30)
    rows.append(("cold import natoeu_milstaff / import attrs", ratio(samples, "import", "attrs"), 1.10))
    for name in FIRST:
        rows.append((f"cold first {name} / import attrs", ratio(samples, name, "attrs"), 1.4))
        rows.append((f"cold first {name} / pycountry first get", ratio(samples, name, "pycountry"), 1.0))
    if args.cold:
        report(rows, samples)
        return

    import pycountry

    bundled = nm.Dataset.bundled()
    pycountry.countries.get(alpha_2="DE")
    rows.append(
        (
            "warm Dataset.who_held / warm pycountry get",
            interleaved(
                lambda: bundled.who_held("DGIMS", "2020-05-19"), lambda: pycountry.countries.get(alpha_2="DE")
            ),
            0.5,
        )
    )
    nm.who_held("DGIMS", "2020-05-19")
    rows.append(
        (
            "warm nm.who_held (module function) / warm pycountry get",
            interleaved(
                lambda: nm.who_held("DGIMS", "2020-05-19"), lambda: pycountry.countries.get(alpha_2="DE")
            ),
            0.5,
        )
    )
    table = {f"k{i}": i for i in range(50)}
    rows.append(
        (
            "warm meetings_about / bare dict lookup",
            interleaved(lambda: bundled.meetings_about("cyber"), lambda: table["k25"]),
            8,
        )
    )

    sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    with tempfile.TemporaryDirectory() as tmp:
        loaded: dict[int, tuple[float, int, nm.Dataset, str]] = {}
        for n in sizes:
            path = os.path.join(tmp, str(n))
            ds = synthetic_dataset(n)
            ds.dump(path)
            seconds = load_seconds(path, 1 if n >= 100_000 else 3)
            loaded[n] = (seconds, records(ds), ds, path)
            megabytes = size_of(path) / 1e6
            print(
                f"  loaded {n:>7} conferences ({records(ds)} records, {megabytes:.1f} MB)",
                end="",
                file=sys.stderr,
            )
            print(f" in {seconds:.2f} s", file=sys.stderr)
        big = max(sizes)
        per_record = {n: s / r for n, (s, r, _, _) in loaded.items()}
        rows.append(
            (f"load time per record at {big // 1000}k / at 1k", per_record[big] / per_record[1_000], 2)
        )
        ds_big = loaded[big][2]
        calls_big, calls_small = who_held_calls(ds_big), who_held_calls(bundled, 40)
        rows.append(
            (
                f"warm who_held at {big // 1000}k records / at the bundled size",
                interleaved(warm_who_held(ds_big, calls_big[:40]), warm_who_held(bundled, calls_small)),
                4,
            )
        )
        path = loaded[big][3]
        memory = retained(path)
        rows.append(
            (
                f"memory per record / raw data bytes per record ({big // 1000}k)",
                (memory / loaded[big][1]) / (size_of(path) / loaded[big][1]),
                3.5,
            )
        )

    report(rows, samples)


def report(rows: list[tuple[str, float, float]], samples: dict[str, list[float]]) -> None:
    print(f"\n{'measure':<58}{'ratio':>8}{'goal':>8}  met")
    for name, value, goal in rows:
        print(f"{name:<58}{value:>8.2f}{'<= ' + format(goal, 'g'):>8}  {'yes' if value <= goal else 'NO'}")
    print(
        f"\nmedians of paired runs; cold runs: {len(samples['attrs'])} each; python {sys.version.split()[0]}"
    )


if __name__ == "__main__":
    main()
