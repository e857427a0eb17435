"""Stage 1: the data directory on disk — its files, read as TOML, written back as TOML.

Only the files of ``TABLES`` are read, each from directly inside the directory: a data
directory cannot make the loader read anywhere else, and TOML is data, never code.
What comes out is plain data keyed by file name, for ``_convert`` to type.

The file handling every reader and writer of the library shares lives here too:
``read_data_file`` reads one data file (a regular file, no symbolic link where the
directory holds it, at most ``MAX_FILE_BYTES``), and ``write_files`` writes files
atomically, never through a symbolic link.
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import re
import stat
from typing import TYPE_CHECKING, Any

from ._errors import DataError, WriteError
from ._model import TABLES

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Mapping, Sequence
    from pathlib import Path

    from ._model import Table

__all__ = [
    "MAX_FILE_BYTES",
    "FileProblem",
    "check_shape",
    "parents_first",
    "read_data_file",
    "read_tables",
    "read_texts",
    "stray_files",
    "write_files",
    "write_tables",
]

FILES = {table.file: table for table in TABLES}

MAX_FILE_BYTES = 64 * 2**20
"""The largest data file a loader reads: 64 MiB, checked before reading.

It holds for each TOML table file (``Dataset.load``), for ``dataset.json``
(``Dataset.from_json``) and for each CSV file (``Dataset.from_csv``). The bundled data
is far below it: its largest file, ``sources.toml``, is about 25 KB and the whole
directory about 75 KB; its ``dataset.json`` is about 85 KB and its largest CSV file
about 21 KB.
"""


class FileProblem(Exception):
    """One data file that cannot be read, as one problem line (``name: what``)."""


def _size(count: int) -> str:
    limit = f"{MAX_FILE_BYTES} bytes"
    if MAX_FILE_BYTES % 2**20 == 0:
        limit += f" ({MAX_FILE_BYTES // 2**20} MiB)"
    return f"{count} bytes, more than the {limit} a data file may hold"


def read_data_file(path: Path, name: str, *, follow: bool = False) -> bytes:
    """The bytes of the data file at ``path``, called ``name`` in problems.

    Reads only a regular file of at most ``MAX_FILE_BYTES``, checking its size before
    reading it. Unless ``follow`` (a file the caller named itself), a symbolic link is
    not read: a data directory cannot point the loader elsewhere. Raises ``FileProblem``.
    """
    try:
        link = not follow and path.is_symlink()
    except OSError as exc:  # a name too long, say
        raise FileProblem(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if link:
        raise FileProblem(f"{name}: missing (a symbolic link is not read)")
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)  # a FIFO: no wait
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileProblem(f"{name}: missing") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow:  # made a link since the check above
            raise FileProblem(f"{name}: missing (a symbolic link is not read)") from None
        raise FileProblem(f"{name}: cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = " (a directory)" if stat.S_ISDIR(info.st_mode) else ""
            raise FileProblem(f"{name}: not a regular file{kind}")
        if info.st_size > MAX_FILE_BYTES:
            raise FileProblem(f"{name}: {_size(info.st_size)}; not read")
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:  # it grew after the check
            raise FileProblem(f"{name}: {_size(len(data))} (or more); not read")
    except OSError as exc:
        raise FileProblem(f"{name}: cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    return data


def stray_files(root: Path, suffix: str, known: Collection[str]) -> list[str]:
    """The names of the files in ``root`` that end in ``suffix`` but are not ``known``.

    The loaders refuse a directory that holds one; the writers refuse to write into it,
    so that what they write always reads back.
    """
    return sorted(p.name for p in root.glob(f"*{suffix}") if p.name not in known)


def read_texts(
    root: Path, suffix: str, names: Sequence[str], problems: list[str]
) -> Iterator[tuple[str, str]]:
    """The text of each file of ``names`` in the directory ``root``, in that order.

    What cannot be read is added to ``problems`` as it is met (so that a caller's own
    problems with a file follow those of the files before it): another file ending in
    ``suffix`` in ``root``, which a loader refuses; a file missing or unreadable, as
    ``read_data_file`` reads it; text that is not UTF-8. A ``root`` that is no readable
    directory raises ``DataError`` at once.
    """
    try:
        if not root.is_dir():
            raise DataError([f"{root}: not a directory"], source=str(root))
        stray = stray_files(root, suffix, names)
    except OSError as exc:
        raise DataError([f"{root}: cannot be read ({exc.strerror or exc})"], source=str(root)) from None
    known = ", ".join(sorted(names))
    problems += [f"{name}: unexpected file; known files are {known}" for name in stray]
    for name in names:
        try:
            text = read_data_file(root / name, name).decode("utf-8")
        except FileProblem as problem:
            problems.append(str(problem))
            continue
        except UnicodeDecodeError as exc:
            problems.append(f"{name}: not UTF-8 text (byte {exc.start})")
            continue
        yield name, text


def read_tables(root: Path) -> dict[str, Any]:
    """Read every data file below ``root``; raise one ``DataError`` listing all problems."""
    import tomllib  # deferred: `import natoeu_milstaff` must not pay for it

    problems: list[str] = []
    tables: dict[str, Any] = {}
    for name, text in read_texts(root, ".toml", list(FILES), problems):
        table = FILES[name]
        key = table.key
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            problems.append(f"{name}: not valid TOML: {exc}")
            continue
        except RecursionError:
            problems.append(f"{name}: not valid TOML: nested too deeply")
            continue
        extra = sorted(set(doc) - {key})
        if extra:
            problems.append(f"{name}: $: unexpected top-level key(s) {', '.join(extra)}; expected {key!r}")
        value = doc.get(key, [] if table.many else {})
        shape = check_shape(table, {name: value})
        if shape:
            problems += shape
            continue
        tables[name] = value
    if problems:
        raise DataError(problems, source=str(root))
    return tables


def check_shape(table: Table, tables: Mapping[str, Any]) -> list[str]:
    """Problems with the shape of one table in plain data keyed by file name."""
    name, key = table.file, table.key
    if name not in tables:
        return [f"{name}: missing"]
    value = tables[name]
    if not table.many:
        return [] if isinstance(value, dict) else [f"{name}: $.{key}: expected a table"]
    if isinstance(value, list) and all(isinstance(r, dict) for r in value):
        return []
    return [f"{name}: $.{key}: expected an array of tables ([[{key}]])"]


# Deep enough for any real taxonomy, shallow enough that nested objects stay cheap.
MAX_TOPIC_DEPTH = 32


# What a cycle or too deep a chain of each kind of parent is called in a problem.
_CHAINS = {"broader": "broader topics", "parent": "parent areas"}


def parents_first(
    records: list[dict[str, Any]], table: Table, problems: list[str]
) -> list[tuple[int, dict[str, Any]]]:
    """The records of ``table`` with their positions, each after the records of the same
    table it holds through ``table.parents`` (a topic's broader topics, an area's parent).

    Both loaders build such tables in this order. Kahn's algorithm, without recursion;
    records left over are in a cycle and reported in ``problems``, with depth beyond
    ``MAX_TOPIC_DEPTH``.
    """
    file, key, field = table.file, table.key, table.parents or ""
    chain = _CHAINS.get(field, field)
    by_id: dict[str, int] = {}
    for index, record in enumerate(records):
        ident = record.get("id")
        if isinstance(ident, str):
            by_id.setdefault(ident, index)
    parents: dict[int, set[int]] = {}
    children: dict[int, list[int]] = {i: [] for i in range(len(records))}
    for index, record in enumerate(records):
        broader = record.get(field, [])
        if isinstance(broader, str):  # one parent
            broader = [broader]
        known = (
            {by_id[p] for p in broader if isinstance(p, str) and p in by_id}
            if isinstance(broader, list)
            else set()
        )
        parents[index] = known
        for parent in known:
            children[parent].append(index)
    depth = {i: 0 for i in parents if not parents[i]}
    ready = sorted(depth)
    order: list[int] = []
    waiting = {i: len(p) for i, p in parents.items()}
    while ready:
        index = ready.pop()
        order.append(index)
        for child in children[index]:
            depth[child] = max(depth.get(child, 0), depth[index] + 1)
            waiting[child] -= 1
            if waiting[child] == 0:
                ready.append(child)
    for index in sorted(set(parents) - set(order)):
        problems.append(f"{file}: $.{key}[{index}].{field}: part of a cycle of {chain}")
    for index in order:
        if depth[index] > MAX_TOPIC_DEPTH:
            problems.append(
                f"{file}: $.{key}[{index}].{field}: more than {MAX_TOPIC_DEPTH} levels of {chain}"
            )
            break
    return [(index, records[index]) for index in order]


def write_tables(root: Path, tables: Mapping[str, Any]) -> list[Path]:
    """Write ``tables`` (file name -> plain data) as TOML files in ``root``, as ``write_files``.

    Every file is rendered and encoded before the first is written, so a value that
    cannot be written leaves the directory as it was. A directory holding another
    ``.toml`` file is refused: ``read_tables`` would refuse it.
    """
    rendered: dict[str, bytes] = {}
    for table in TABLES:
        value, key = tables[table.file], table.key
        if table.many:
            text = "\n".join(f"[[{key}]]\n" + _body(record, prefix=key) for record in value)
        else:
            text = f"[{key}]\n" + _body(value, prefix=key)
        rendered[table.file] = text.encode("utf-8")
    return write_files(root, rendered, stray=(".toml", "Dataset.load"))


def write_files(
    root: Path, files: Mapping[str, bytes], *, stray: tuple[str, str] | None = None
) -> list[Path]:
    """Write each of ``files`` (name -> content) into the directory ``root``, atomically.

    First every target is checked, and nothing is written if one is refused: ``root``
    must be a directory (made if missing) and not a symbolic link, each target file a
    regular file or missing, never a symbolic link; with ``stray=(suffix, reader)``,
    ``root`` must hold no other file ending in ``suffix``, which ``reader`` would
    refuse. Then each file is written to a temporary file beside it (``.<name>.*.tmp``),
    flushed and synced to disk; only when all are written are they renamed into place,
    one by one, and the directory synced. A file that cannot be written (a full disk)
    thus replaces nothing. The write is atomic per file, not as a whole: should a
    rename fail, or the machine stop, between the first rename and the last, some
    files are new and the rest old; the ``WriteError`` then lists those replaced.

    A rename replaces a symbolic link planted after the check, never the file it
    points to. A file that was there keeps its permission bits; a new one gets the
    process's umask, as ``open`` gives it. Raises ``WriteError`` naming the file or
    directory and the cause; temporary files are removed on any failure.
    """
    _check_targets(root, files, stray)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_error(root, "cannot make the directory", exc) from None
    pending: dict[str, str] = {}  # name -> temporary file not yet renamed into place
    replaced: list[str] = []
    try:
        for name, data in files.items():
            try:
                pending[name] = _write_temporary(root, name, data)
            except OSError as exc:
                unchanged = f"nothing in {str(root)!r} was replaced"
                raise _write_error(root / name, "cannot be written", exc, unchanged) from None
        for name in files:
            try:
                os.replace(pending[name], root / name)
            except OSError as exc:
                done = f"already replaced: {', '.join(replaced)}" if replaced else "no file was replaced"
                raise _write_error(
                    root / name,
                    "cannot be put in place",
                    exc,
                    f"{done}; the other files are as they were",
                    [str(root / r) for r in replaced],
                ) from None
            del pending[name]
            replaced.append(name)
    finally:
        for path in pending.values():
            with contextlib.suppress(OSError):
                os.unlink(path)
        if replaced:
            _sync_directory(root)
    return [root / name for name in files]


def _check_targets(root: Path, files: Collection[str], stray: tuple[str, str] | None) -> None:
    """Refuse, before anything is written, a target that is not a directory or regular file."""
    try:
        mode = os.lstat(root).st_mode
    except FileNotFoundError:
        return  # made anew: nothing in it to refuse
    except OSError as exc:
        raise _write_error(root, "cannot be written into", exc) from None
    if stat.S_ISLNK(mode):
        raise _refused(
            root, "a symbolic link, which is never written through; name the directory it points to"
        )
    if not stat.S_ISDIR(mode):
        raise _refused(root, "exists and is not a directory")
    refused: list[tuple[Path, str]] = []
    for name in files:
        target = root / name
        try:
            mode = os.lstat(target).st_mode
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise _write_error(target, "cannot be written", exc) from None
        if stat.S_ISLNK(mode):
            refused.append((target, "a symbolic link, which is never written through"))
        elif stat.S_ISDIR(mode):
            refused.append((target, "a directory, not a regular file"))
        elif not stat.S_ISREG(mode):
            refused.append((target, "not a regular file"))
    if refused:
        what = "; ".join(f"{str(path)!r}: {why}" for path, why in refused)
        raise WriteError(f"{what}; nothing was written", str(refused[0][0]))
    if stray is not None:
        suffix, reader = stray
        try:
            found = stray_files(root, suffix, files)
        except OSError as exc:
            raise _write_error(root, "cannot be listed", exc) from None
        if found:
            raise _refused(
                root,
                f"holds {', '.join(found)}, which {reader} would refuse beside the files written here; "
                "remove it or write into another directory",
            )


def _refused(path: Path, why: str) -> WriteError:
    return WriteError(f"{str(path)!r}: {why}; nothing was written", str(path))


def _write_error(
    path: Path,
    what: str,
    exc: OSError,
    consequence: str = "nothing was written",
    replaced: Sequence[str] = (),
) -> WriteError:
    reason = exc.strerror or str(exc)
    return WriteError(
        f"{str(path)!r}: {what} ({reason}); {consequence}", str(path), replaced, exc.errno, exc.strerror
    )


def _write_temporary(root: Path, name: str, data: bytes) -> str:
    """Write ``data`` to a new file beside ``root / name``, synced to disk; its path.

    Made like ``tempfile.mkstemp`` (``O_EXCL``, a random name), but with the mode a
    plain ``open`` would give it (``0o666`` less the umask), or the mode of the file it
    is to replace.
    """
    try:
        mode: int | None = stat.S_IMODE(os.lstat(root / name).st_mode)
    except OSError:
        mode = None
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        path = os.path.join(root, f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            fd = os.open(path, flags, 0o666)
            break
        except FileExistsError:
            continue
    else:  # pragma: no cover - a hundred random names taken
        raise FileExistsError(errno.EEXIST, "no free name for a temporary file", os.fspath(root))
    try:
        try:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    return path


def _sync_directory(root: Path) -> None:
    """Make the renames in ``root`` durable (POSIX); where a directory cannot be synced,
    the files are in place all the same."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(root, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _key(key: str) -> str:
    return key if _BARE.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    escaped = "".join(c if c >= " " and c != "\x7f" else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list) and not any(isinstance(x, dict) for x in value):
        return "[" + ", ".join(_scalar(x) for x in value) + "]"
    raise TypeError(f"cannot write {value!r} as a TOML value")


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(x, dict) for x in value)


def _body(record: Mapping[str, Any], *, prefix: str) -> str:
    lines: list[str] = []
    nested: list[tuple[str, Any]] = []
    for key, value in record.items():
        if isinstance(value, dict) or _is_table_array(value):
            nested.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_scalar(value)}")
    out = "".join(line + "\n" for line in lines)
    for key, value in nested:
        path = f"{prefix}.{_key(key)}"
        items: Sequence[Any] = value if isinstance(value, list) else [value]
        header = f"[[{path}]]" if isinstance(value, list) else f"[{path}]"
        for item in items:
            out += f"\n{header}\n" + _body(item, prefix=path)
    return out
