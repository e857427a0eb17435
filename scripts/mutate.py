"""A small mutation tester: change one thing in a module, see whether the tests notice.

    python scripts/mutate.py src/natoeu_milstaff/_dates.py [--only NAME ...] [--jobs 2] -- tests/test_dates.py

Each mutant is one change: a comparison operator flipped (``<``/``<=``, ``>``/``>=``,
``==``/``!=``, ``is``/``is not``, ``in``/``not in``), ``and``/``or`` swapped, a ``not``
dropped, the condition of an ``if``, ``while`` or ternary negated, an integer constant
moved by one (``0``/``1`` swapped), or ``return X`` made ``return None``. Docstrings,
``__all__``, annotations and ``if TYPE_CHECKING:`` tests are left alone.

Run it from the repository root. The tests run in copies of it (one per job), never in
the working tree: the mutant is written into a copy, pytest runs there (``-x -q -p
no:cacheprovider``, ``HYPOTHESIS_PROFILE=ci``), and a ``finally`` writes the original
back. A mutant is killed when pytest fails or times out; survivors are listed.
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

_FLIP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.In: ast.NotIn, ast.NotIn: ast.In,
}  # fmt: skip
_SKIP_FIELDS = {"annotation", "returns", "type_comment"}
_IGNORE = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*_cache", ".hypothesis", "_build")


@dataclass(frozen=True)
class Mutant:
    """One changed module: where, what it looked like, and the full mutated source."""

    where: str  # line:column
    before: str
    after: str
    source: str


def _skipped(node: ast.AST) -> bool:
    """Statements and tests that are not behaviour: docstrings, ``__all__``, ``TYPE_CHECKING``."""
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return isinstance(node.value.value, str)
    if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets)
    return isinstance(node, ast.Name) and node.id == "TYPE_CHECKING"


def _replacements(parent: ast.AST, field: str, child: ast.AST) -> list[ast.AST]:
    """Mutated versions of ``child``, which sits in ``parent.field``."""
    if isinstance(child, ast.UnaryOp) and isinstance(child.op, ast.Not):
        return [child.operand]
    out: list[ast.AST] = []
    if field == "test" and isinstance(parent, ast.If | ast.While | ast.IfExp) and isinstance(child, ast.expr):
        out.append(ast.UnaryOp(op=ast.Not(), operand=child))
    if isinstance(child, ast.Constant) and type(child.value) is int:
        n = child.value
        out += [ast.Constant(1 - n)] if n in (0, 1) else [ast.Constant(n + 1), ast.Constant(n - 1)]
    if isinstance(parent, ast.Return) and not (isinstance(child, ast.Constant) and child.value is None):
        out.append(ast.Constant(None))
    return out


def _put(parent: ast.AST, field: str, index: int | None, new: ast.AST) -> ast.AST:
    """Set ``parent.field`` (or item ``index`` of it) to ``new``; return what was there."""
    value = getattr(parent, field)
    old: ast.AST = value if index is None else value[index]
    if index is None:
        setattr(parent, field, new)
    else:
        value[index] = new
    return old


def mutants(tree: ast.Module, only: set[str]) -> list[Mutant]:
    """Every single-change mutant of ``tree`` (inside the functions or classes ``only``, if given)."""
    found: list[Mutant] = []

    def emit(parent: ast.AST, field: str, index: int | None, new: ast.AST) -> None:
        """Put ``new`` in place, unparse the module, then put the old child back."""
        old = _put(parent, field, index, new)
        try:
            # Show the parent where the child alone says little: `a < b`, `return x`, `n - 1`.
            wide = isinstance(parent, ast.Compare | ast.BoolOp | ast.Return) or (
                isinstance(old, ast.Constant) and isinstance(parent, ast.expr)
            )
            after = ast.unparse(parent if wide else new)
            at = old if hasattr(old, "lineno") else parent
            where = f"{getattr(at, 'lineno', 0)}:{getattr(at, 'col_offset', -1) + 1}"
            source = ast.unparse(tree)
        finally:
            _put(parent, field, index, old)
        found.append(Mutant(where, ast.unparse(parent if wide else old), after, source))

    def visit(node: ast.AST, inside: bool) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            inside = inside or node.name in only
        if inside and isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                emit(node, "ops", i, _FLIP[type(op)]())
        if inside and isinstance(node, ast.BoolOp):
            emit(node, "op", None, ast.Or() if isinstance(node.op, ast.And) else ast.And())
        for field, value in ast.iter_fields(node):
            children = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for index, child in children:
                if field in _SKIP_FIELDS or not isinstance(child, ast.AST) or _skipped(child):
                    continue
                for new in _replacements(node, field, child) if inside else []:
                    emit(node, field, index, new)
                visit(child, inside)

    visit(tree, not only)
    return found


def _import_root(module: Path) -> Path:
    """The directory to put on ``sys.path`` so that ``module`` imports as part of its package."""
    root = module.parent
    while (root / "__init__.py").exists():
        root = root.parent
    return root


def run_tests(copy: Path, pytest_args: list[str], import_root: Path, timeout: float) -> bool:
    """Whether the tests pass in ``copy`` (a timeout counts as a failure)."""
    env = dict(os.environ, HYPOTHESIS_PROFILE="ci", PYTHONDONTWRITEBYTECODE="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(copy / import_root), env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *pytest_args]
    try:
        done = subprocess.run(command, cwd=copy, env=env, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mutation testing: one change at a time, then pytest.")
    parser.add_argument("module", type=Path, help="the module to mutate, relative to the current directory")
    parser.add_argument("--only", nargs="+", default=[], metavar="NAME", help="functions/classes to mutate")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="parallel test runs")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per mutant before it is killed")
    parser.add_argument("pytest_args", nargs="+", help="what pytest should run, after --")
    args = parser.parse_args(argv)
    module = args.module.resolve().relative_to(Path.cwd())  # the copies hold only the current directory
    original = module.read_text(encoding="utf-8")
    todo = mutants(ast.parse(original), set(args.only))
    print(f"{module}: {len(todo)} mutants, {args.jobs} job(s)", file=sys.stderr)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mutate-") as tmp:
        copies: queue.Queue[Path] = queue.Queue()
        for k in range(args.jobs):
            copies.put(Path(shutil.copytree(".", Path(tmp) / f"w{k}", ignore=_IGNORE)))
        root = _import_root(module)

        def attempt(mutant: Mutant, quiet: bool = False) -> bool:
            copy = copies.get()
            target = copy / module
            try:
                target.write_text(mutant.source, encoding="utf-8")
                passed = run_tests(copy, args.pytest_args, root, args.timeout)
                print("" if quiet else "S" if passed else ".", end="", file=sys.stderr, flush=True)
                return passed
            finally:
                target.write_text(original, encoding="utf-8")
                copies.put(copy)

        # Baseline: the unchanged module, as ast.unparse writes it, must pass in time.
        if not attempt(Mutant("", "", "", ast.unparse(ast.parse(original))), quiet=True):
            print("the tests fail (or time out) on the unchanged module", file=sys.stderr)
            return 2
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs)
        try:
            killed = [not passed for passed in pool.map(attempt, todo)]
        except KeyboardInterrupt:  # also SIGTERM, below
            pool.shutdown(wait=True, cancel_futures=True)  # the running ones restore their copy
            print("\ninterrupted", file=sys.stderr)
            return 130
        pool.shutdown()
    minutes = (time.monotonic() - started) / 60
    print(file=sys.stderr)
    score, total = sum(killed), len(todo)
    print(f"{module}: killed {score}/{total} ({100 * score / max(1, total):.1f}%) in {minutes:.1f} min")
    for mutant, dead in zip(todo, killed, strict=True):
        if not dead:
            print(f"{module}:{mutant.where}: {mutant.before} -> {mutant.after}")
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    sys.exit(main())
