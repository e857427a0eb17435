"""The command line: subcommands that mirror the queries.

Answers go to stdout, and nothing else does, so that pipes get clean data. A listing
is a header line and one row per record, its columns aligned and at least two spaces
apart (a cell never holds two spaces in a row, so ``awk -F '  +'`` splits it); the
first column is a key without spaces. ``--json`` prints the listing as a JSON array of
the flat rows that ``records()`` and the CSV export hold, filtered and ordered like the
listing. A listing that matches nothing prints no rows (``[]`` with ``--json``), says
so in one line on stderr, and exits 0.

Bad input gets one line on stderr, starting ``error:`` and naming the value or path
concerned, and exit status 2; a path option or argument is checked as the library
checks a path, so an empty one (an unset shell variable) is an error that names the
option, never the bundled data or the current directory. A data directory that fails
validation gets its problems on stderr and exit status 1, as does a file that cannot
be written (a ``WriteError``: a full disk, a symbolic link in the way) and an export
whose optional dependency is not installed (``--format parquet`` without pyarrow). Options
shared by every subcommand (``--data``) go before or after it. A closed pipe
(``| head -1``) ends the command quietly with status 0. Never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shlex
import stat
import sys
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from ._dataset import Dataset, _check_path
from ._dates import as_period
from ._display import end_text, tenure_text
from ._errors import (
    AmbiguousDateError,
    DataError,
    Error,
    InvalidValueError,
    UnknownProposalError,
    UnknownTopicError,
    WriteError,
)
from ._model import Basis

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ._model import Appointment, Conference, Official, Source

__all__ = ["main"]

_PROG = "python -m natoeu_milstaff"


class _UsageError(Exception):
    """Bad input: one line on stderr, exit status 2."""


class _Done(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class _ShowVersion(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """A parser that raises instead of exiting, and prints its help to ``out``."""

    def __init__(self, *args: Any, out: TextIO | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.out = out

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{message}; see '{self.prog} --help'")

    def print_help(self, file: Any = None) -> None:
        super().print_help(file if file is not None else self.out)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        # --help ends here: return its status from main() instead of raising SystemExit.
        if message:
            print(message, file=sys.stderr, end="")
        raise _Done(status)


class _Version(argparse.Action):
    """``--version``: main() prints the versions to its ``out``."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, *args: object, **kwargs: object) -> NoReturn:
        raise _ShowVersion


def _common(default: object) -> _Parser:
    """The options every subcommand takes, before or after its name.

    The top-level parser's copy gives the default; each subcommand's copy has none
    (``SUPPRESS``), so that it does not overwrite a value given before the subcommand.
    """
    common = _Parser(add_help=False)
    common.add_argument(
        "--data",
        metavar="DIR",
        default=default,
        help="a data directory to query instead of the bundled data (before or after the command)",
    )
    return common


def _parser(out: TextIO | None = None) -> _Parser:
    parser = _Parser(
        prog=_PROG,
        allow_abbrev=False,
        description="Query the sourced record of the IMS-EUMS Directors General conferences.",
        epilog="Listings print a header and aligned columns; --json prints the same rows as the "
        "library's records() and the CSV export. Run '%(prog)s COMMAND --help' for a command's options.",
        parents=[_common(None)],
        out=out,
    )
    parser.add_argument(
        "--version", action=_Version, help="print the package version and the bundled data's version"
    )
    sub = parser.add_subparsers(
        dest="command",
        required=True,
        metavar="COMMAND",
        title="commands",
        help="the question to put to the record; see 'COMMAND --help' for its options",
    )
    shared = [_common(argparse.SUPPRESS)]

    def command(name: str, help: str) -> _Parser:
        found: _Parser = sub.add_parser(
            name,
            help=help,
            description=help[0].upper() + help[1:] + ".",
            parents=shared,
            allow_abbrev=False,
            out=out,
        )
        return found

    def json_option(p: _Parser, rows: str) -> None:
        p.add_argument(
            "--json",
            action="store_true",
            help=f"print a JSON array of the matching rows of records()[{rows!r}] instead of a table",
        )

    def period_option(p: _Parser, name: str, help: str) -> None:
        p.add_argument(
            name,
            nargs=2,
            metavar=("START", "END"),
            help=f"{help} (days, months or years; '..' for an open end)",
        )

    p = command("who-held", "who held a post on a day, in a month or in a year")
    p.add_argument("post", metavar="POST", help="post code, title or alias, e.g. DGIMS (see 'posts')")
    p.add_argument(
        "on",
        metavar="WHEN",
        help="a day, month or year, e.g. 2020-05-19, '19 May 2020', 2017-06, 2017, or 'today'",
    )

    p = command("holders", "every tenure of a post, in order")
    p.add_argument("post", metavar="POST", help="post code, title or alias, e.g. DGEUMS (see 'posts')")
    period_option(p, "--during", "only tenures that may cover some day from START to END")
    json_option(p, "appointments")

    p = command("official", "one official: names, tenures and sources")
    p.add_argument(
        "name", metavar="NAME", help="name, id or any spelling seen in sources, e.g. 'herve blejean'"
    )
    p.add_argument(
        "--json", action="store_true", help="print the official's row of records()['officials'] as JSON"
    )

    p = command("conferences", "list conferences, optionally filtered")
    p.add_argument("--year", type=int, help="only conferences held in this year, e.g. 2022")
    p.add_argument("--host", help="only conferences hosted by NATO or EU (or IMS, EUMS)")
    p.add_argument("--chaired-by", metavar="NAME", help="only conferences this official co-chaired")
    period_option(p, "--between", "only conferences that may fall from START to END, inclusive")
    json_option(p, "conferences")

    p = command("meetings-about", "conferences that discussed a topic, or an area of the common proposals")
    p.add_argument(
        "topic",
        metavar="TOPIC",
        nargs="?",
        help="topic id, label or alias, e.g. cyber; narrower topics count too",
    )
    p.add_argument(
        "--area",
        metavar="AREA",
        help="instead of a topic, an area of the common proposals (see 'areas'), e.g. 'military mobility'",
    )
    json_option(p, "conferences")

    p = command("proposals", "the common proposals implementing the 2016 Joint Declaration")
    p.add_argument(
        "--area", metavar="AREA", help="only this area's (and its sub-areas') proposals (see 'areas')"
    )
    p.add_argument("--topic", metavar="TOPIC", help="only proposals on this topic or a narrower one")
    p.add_argument("--set", metavar="YEAR", help="only the set endorsed in this year: 2016 or 2017")
    json_option(p, "proposals")

    p = command("areas", "the areas of the common proposals, with how many conferences discussed each")
    json_option(p, "proposal_areas")

    p = command("show", "one conference in full, with its sources")
    p.add_argument("key", metavar="KEY", help="conference id, date or ordinal, e.g. 2021-11-16 or 17")

    p = command("posts", "the posts whose holders the record follows")
    json_option(p, "posts")

    p = command("topics", "the topics agenda items are tagged with")
    json_option(p, "topics")

    command("coverage", "what the record lacks: gaps, unknown hosts, weak evidence")

    p = command("changes", "what the data releases after a version changed, field by field")
    p.add_argument(
        "--since",
        metavar="VERSION",
        help="a data version, such as the one an analysis was pinned to (default: every logged change)",
    )
    p.add_argument("--json", action="store_true", help="print the changes as a JSON array instead of a table")

    p = command("export", "write every table as json, csv, popolo, datapackage, sqlite or parquet")
    p.add_argument(
        "--format",
        choices=["json", "csv", "popolo", "datapackage", "sqlite", "parquet"],
        default="json",
        help="what to write: %(choices)s (default: %(default)s)",
    )
    p.add_argument("--out", required=True, metavar="DIR", help="directory to write into (made if missing)")

    command("cite", "how to cite the package and the data (text and BibTeX)")

    p = command("validate", "check a data directory (default: the bundled data)")
    p.add_argument(
        "path",
        nargs="?",
        metavar="DIR",
        help="the data directory to check (default: --data, else the bundled data)",
    )
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    out = out if out is not None else _lenient(sys.stdout)
    err = err if err is not None else _lenient(sys.stderr)
    try:
        status = _main(argv, out, err)
        out.flush()  # inside the try: a reader that went away shows here at the latest
    except BrokenPipeError:  # `| head -1`: the reader has what it wanted; nothing left to say
        _silence(out)
        return 0
    return status


def _main(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> int:
    try:
        return _run(_parser(out).parse_args(argv), out, err)
    except _ShowVersion:
        print(_version(), file=out)
        return 0
    except _Done as done:
        return done.status
    except _UsageError as exc:
        print(f"error: {exc}", file=err)
        return 2
    except (DataError, WriteError) as exc:
        print(f"error: {exc}", file=err)
        return 1
    except (Error, TypeError) as exc:
        print(f"error: {exc}", file=err)
        return 2
    except BrokenPipeError:
        raise
    except OSError as exc:
        print(f"error: {_os_error(exc)}", file=err)
        return 1
    except ValueError as exc:  # a backstop: never a traceback
        print(f"error: {exc}", file=err)
        return 2


def _version() -> str:
    from ._version import __version__

    info = Dataset.bundled().info
    return f"natoeu_milstaff {__version__} (data {info.version}, checked {info.as_of})"


def _lenient(stream: TextIO) -> TextIO:
    """The stream, set to replace characters its encoding cannot show (é on ASCII)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    return stream


def _silence(out: TextIO) -> None:
    """Point ``out``'s file descriptor at the null device, so that the interpreter's last
    flush of what is still buffered does not fail again ("Exception ignored ...")."""
    try:
        fd = out.fileno()
    except (OSError, ValueError):  # not a file (io.StringIO, io.UnsupportedOperation)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def _os_error(exc: OSError) -> str:
    """An OSError as ``'path': reason``, naming every path it concerns."""
    reason = exc.strerror or str(exc)
    paths = [repr(os.fsdecode(f)) for f in (exc.filename, exc.filename2) if f is not None]
    return f"{' -> '.join(paths)}: {reason}" if paths else reason


def _checked(option: str, path: str) -> str:
    """``path`` checked as the library checks every path; else a usage error naming ``option``."""
    try:
        return _check_path(path)
    except InvalidValueError as exc:
        raise _UsageError(f"{option} {path!r}: {exc}") from None


def _directory(option: str, path: str) -> str:
    """``path`` if it names a directory; else a usage error that names it."""
    try:
        mode = os.stat(_checked(option, path)).st_mode
    except OSError as exc:
        raise _UsageError(f"{option} {path!r}: {exc.strerror or exc}") from None
    if not stat.S_ISDIR(mode):
        raise _UsageError(f"{option} {path!r}: not a directory")
    return path


def _dataset(option: str, path: str | None) -> Dataset:
    """The data directory ``path`` (given as ``option``), or the bundled data."""
    return Dataset.load(_directory(option, path)) if path is not None else Dataset.bundled()


def _when(text: str) -> dt.date | str:
    """A day, month or year the user typed; ``today`` is today's date."""
    return dt.date.today() if text.strip().casefold() == "today" else text


def _period(ends: Sequence[str] | None) -> tuple[dt.date | str | None, dt.date | str | None] | None:
    """The START and END the user typed, or ``None``: ``..`` (as in EDTF intervals) is
    an open end."""
    if not ends:
        return None
    start, end = (None if text.strip() == ".." else _when(text) for text in ends)
    return start, end


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.command == "validate":
        where = ("validate", args.path) if args.path is not None else ("--data", args.data)
        dataset = _dataset(*where)
        print(f"ok: {dataset!r} has no problems", file=out)
        return 0
    return _COMMANDS[args.command](_dataset("--data", args.data), args, out, err)


# -- the subcommands ------------------------------------------------------------------------


def _who_held(ds: Dataset, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    post, when = ds.post(args.post), _when(args.on)
    as_of = ds.info.as_of
    try:
        official = ds.who_held(post, when)
    except AmbiguousDateError as exc:
        raise _cli_advice(exc) from None
    first, last = as_period(when)
    shown = when if first == last else f"in {when}"
    if official is None:
        later = f"; the record was last checked on {as_of}" if last > as_of else ""
        print(
            f"nobody in the record held {post.code} {'on ' if first == last else ''}{shown}{later}", file=out
        )
        return 0
    try:
        found = ds.appointment(post, when)
    except AmbiguousDateError:  # the same official's two tenures may both cover the time
        found = None
    tenure = tenure_text(found, as_of) if found else "between two of their tenures"
    if last > as_of and (found is None or found.in_office):
        tenure += (
            ", the record's last check" if found else f"; in office as of {as_of}, the record's last check"
        )
    print(f"{official.name} ({tenure})", file=out)
    return 0


def _holders(ds: Dataset, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    post = ds.post(args.post)
    rows = ds.holders(post, _period(args.during))
    return _listing(
        out,
        err,
        args,
        header=("START", "END", "OFFICIAL"),
        rows=[(_or_unknown(a.start), end_text(a, ds.info.as_of, unknown="?"), a.official.name) for a in rows],
        records=lambda: _rows(ds, "appointments", "id", [a.id for a in rows]),
        nothing=f"the record has no holder of {post.code}"
        + (f" from {args.during[0]} to {args.during[1]}" if args.during else ""),
    )


def _official(ds: Dataset, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    official = ds.official(args.name)
    if args.json:
        (row,) = _rows(ds, "officials", "id", [official.id])
        _print_json(out, row)
        return 0
    tenures = [a for a in ds.appointments() if a.official.id == official.id]
    print(_show_official(official, tenures, ds.info.as_of), file=out)
    return 0


def _conferences(ds: Dataset, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    rows = ds.conferences(
        year=args.year, host=args.host, chaired_by=args.chaired_by, between=_period(args.between)
    )
    asked: list[str] = []
    if args.year is not None:
        asked += ["--year", str(args.year)]
    if args.host is not None:
        asked += ["--host", args.host]
    if args.chaired_by is not None:
        asked += ["--chaired-by", args.chaired_by]
    if args.between:
        asked += ["--between", *args.between]
    nothing = (
        f"no conference in the record matches {shlex.join(asked)}"
        if asked
        else "the record has no conferences"
    )
    return _conference_listing(ds, args, out, err, rows=rows, nothing=nothing)


def _meetings_about(ds: Dataset, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if (args.topic is None) == (args.area is None):
        raise _UsageError(
            f"give a TOPIC or --area AREA, not both or neither; see '{_PROG} meetings-about --help'"
        )
    if args.area is not None:
        area = ds.proposal_area(args.area)
        rows = ds.meetings_about(area)
        nothing = f"no conference in the record discussed {area.label} (area {area.id!r})"
    else:
        try:
            topic = ds.topic(args.topic)
        except UnknownTopicError as error:
            try:
                area = ds.proposal_area(args.topic)
            except UnknownProposalError:
                raise error from None
            raise _UsageError(
                f"unknown topic {args.topic!r}; {area.label!r} is an area of the common proposals: "
                f"ask with --area: {_PROG} meetings-about --area {shlex.quote(args.topic)}"
            ) from None
        rows = ds.meetings_about(topic)
        nothing = f"no conference in the record discussed {topic.label} (topic {topic.id!r})"
    return _conference_listing(ds, args, out, err, rows=rows, nothing=nothing)


def _proposals(ds: Dataset, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    rows = ds.proposals(area=args.area, topic=args.topic, set=args.set)
    asked = [
        f"{option} {shlex.quote(value)}"
        for option, value in (("--area", args.area), ("--topic", args.topic), ("--set", args.set))
        if value is not None
    ]
    return _listing(
        out,
        err,
        args,
        header=("ID", "AREA", "DEADLINE", "SUMMARY"),
        rows=[(p.id, p.area.id, str(p.deadline) if p.deadline else "-", p.summary) for p in rows],
        records=lambda: _rows(ds, "proposals", "id", [p.id for p in rows]),
        nothing=f"no proposal in the record matches {' '.join(asked)}"
        if asked
        else "the record has no proposals",
    )


def _areas(ds: Dataset, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    areas = ds.proposal_areas()
    return _listing(
        out,
        err,
        args,
        header=("ID", "PART OF", "PROPOSALS", "CONFERENCES", "LABEL"),
        rows=[
            (
                a.id,
                a.parent.id if a.parent else "-",
                str(len(ds.proposals(area=a))),
                str(len(ds.meetings_about(a))),
                a.label,
            )
            for a in areas
        ],
        records=lambda: _rows(ds, "proposal_areas", "id", [a.id for a in areas]),
        nothing="the record has no proposal areas",
    )


def _conference_listing(
    ds: Dataset,
    args: argparse.Namespace,
    out: TextIO,
    err: TextIO,
    *,
    rows: Sequence[Conference],
    nothing: str,
) -> int:
    return _listing(
        out,
        err,
        args,
        header=("ID", "ORDINAL", "HOST", "CHAIRS"),
        rows=[_conference_row(c) for c in rows],
        records=lambda: _rows(ds, "conferences", "id", [c.id for c in rows]),
        nothing=nothing,
    )


def _show(ds: Dataset, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        conference = ds.conference(args.key)
    except AmbiguousDateError as exc:
        raise _cli_advice(exc) from None
    print(_show_conference(conference), file=out)
    return 0


def _posts(ds: Dataset, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    posts = ds.posts()
    return _listing(
        out,
        err,
        args,
        header=("CODE", "ORGANISATION", "TITLE"),
        rows=[(p.code, p.organisation.value, p.title) for p in posts],
        records=lambda: _rows(ds, "posts", "code", [p.code for p in posts]),
        nothing="the record follows no posts",
    )


def _topics(ds: Dataset, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    topics = ds.topics()
    return _listing(
        out,
        err,
        args,
        header=("ID", "BROADER", "LABEL"),
        rows=[(t.id, ",".join(b.id for b in t.broader) or "-", t.label) for t in topics],
        records=lambda: _rows(ds, "topics", "id", [t.id for t in topics]),
        nothing="the record has no topics",
    )


def _changes(ds: Dataset, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ._changes import changes

    found = changes(since=args.since)  # the bundled data's log, whatever --data names
    return _listing(
        out,
        err,
        args,
        header=("RELEASE", "RECORD", "FIELD", "OLD", "NEW", "KIND"),
        rows=[
            (c.release, f"{c.table}:{c.record}", c.field or "-", c.old or "-", c.new or "-", c.kind.value)
            for c in found
        ],
        records=lambda: [
            {
                "release": c.release,
                "date": c.date.isoformat(),
                "table": c.table,
                "record": c.record,
                "field": c.field,
                "old": c.old,
                "new": c.new,
                "kind": c.kind.value,
                "reason": c.reason,
                "sources": list(c.sources),
            }
            for c in found
        ],
        nothing=f"no data change logged since {args.since}" if args.since else "no data change logged",
    )


def _coverage(ds: Dataset, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    coverage = ds.coverage()
    days = coverage.age().days
    if days >= 0:
        print(
            f"The record was last checked against its sources {days} day{'' if days == 1 else 's'} ago.",
            file=out,
        )
    else:  # a data directory whose as-of day is still to come
        print(f"The record's as-of day, {coverage.as_of}, is {-days} day(s) from now.", file=out)
    print(coverage, file=out)
    return 0


def _export(ds: Dataset, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    _checked("--out", args.out)
    if os.path.lexists(args.out) and not os.path.isdir(args.out):
        raise _UsageError(f"--out {args.out!r}: exists and is not a directory")
    try:
        written = ds.export(args.out, args.format)
    except ModuleNotFoundError as exc:  # an optional dependency (pyarrow) is not installed
        print(f"error: {exc}", file=err)
        return 1
    for path in written:
        print(path, file=out)
    return 0


def _cite(ds: Dataset, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ._release import cite
    from ._version import __version__

    release = ds.release()
    print(cite(release, __version__, "text"), file=out)
    print(file=out)
    print(cite(release, __version__, "bibtex"), file=out)
    return 0


_COMMANDS: dict[str, Callable[[Dataset, argparse.Namespace, TextIO, TextIO], int]] = {
    "who-held": _who_held,
    "holders": _holders,
    "official": _official,
    "conferences": _conferences,
    "meetings-about": _meetings_about,
    "proposals": _proposals,
    "areas": _areas,
    "show": _show,
    "posts": _posts,
    "topics": _topics,
    "coverage": _coverage,
    "changes": _changes,
    "export": _export,
    "cite": _cite,
}


# -- listings -------------------------------------------------------------------------------


def _listing(
    out: TextIO,
    err: TextIO,
    args: argparse.Namespace,
    *,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    records: Callable[[], list[dict[str, Any]]],
    nothing: str,
) -> int:
    """Print a listing as a table or, with ``--json``, as its records; say on stderr when
    it is empty."""
    if args.json:
        _print_json(out, records())
    elif rows:
        print(_table(header, rows), file=out)
    if not rows:
        print(nothing, file=err)
    return 0


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A header and rows, each column as wide as its widest cell, two spaces apart."""
    # Runs of spaces would read as a column break: a cell keeps single spaces only.
    lines = [[" ".join(cell.split()) for cell in line] for line in (header, *rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def _rows(ds: Dataset, table: str, key: str, keys: Sequence[str]) -> list[dict[str, Any]]:
    """The flat rows of ``table`` (as ``records()`` gives them) whose ``key`` is in ``keys``,
    in the order of ``keys``."""
    by_key = {row[key]: row for row in ds.records()[table]}
    return [by_key[k] for k in keys]


def _print_json(out: TextIO, value: object) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    encoding = getattr(out, "encoding", None)
    if encoding:  # a stream that cannot show é gets \u00e9, not a lossy "?"
        try:
            text.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            text = json.dumps(value, ensure_ascii=True, indent=2)
    print(text, file=out)


def _conference_row(c: Conference) -> tuple[str, str, str, str]:
    host = c.host.value if c.host is not None else "?"
    if c.basis("host") is Basis.INFERRED:
        host += " (inferred)"
    chairs = " / ".join(ch.official.name for ch in c.co_chairs) or "?"
    return c.id, str(c.ordinal) if c.ordinal is not None else "?", host, chairs


def _or_unknown(value: object) -> str:
    return "?" if value is None else str(value)


def _cli_advice(exc: AmbiguousDateError) -> AmbiguousDateError:
    """The error with its advice in command line words instead of Python calls."""
    quote = shlex.quote
    message = re.sub(
        r"holders\('([^']*)', during='([^']*)'\)",
        lambda m: f"the command: holders {quote(m[1])} --during {quote(m[2])} {quote(m[2])}",
        str(exc),
    )
    message = re.sub(r"conferences\(year=(\d+)\)", r"the command: conferences --year \1", message)
    message = re.sub(
        r"conferences\(between=\('([^']*)', '([^']*)'\)\)",
        lambda m: f"the command: conferences --between {quote(m[1])} {quote(m[2])}",
        message,
    )
    return AmbiguousDateError(message, exc.candidates)


# -- records in full ------------------------------------------------------------------------


def _sources(sources: Sequence[Source]) -> list[str]:
    lines = ["  sources:"]
    for s in sources:
        published = f", {s.published}" if s.published else ""
        lines.append(f"    - {s.title} ({s.publisher}{published}, {s.kind.value})")
        lines.append(f"      {s.url}")
    return lines


def _show_official(o: Official, tenures: Sequence[Appointment], as_of: dt.date) -> str:
    lines = [f"Official {o.id}", f"  name:        {o.name}"]
    lines.append(f"  nationality: {o.nationality or 'unknown'}")
    lines.append(f"  service:     {o.service.value if o.service else 'unknown'}")
    lines.append(f"  aliases:     {'; '.join(o.aliases) or 'none'}")
    lines.append("  tenures:")
    lines += [f"    - {a.post.code}: {tenure_text(a, as_of)}" for a in tenures] or ["    none in the record"]
    return "\n".join(lines + _sources(o.sources))


def _show_conference(c: Conference) -> str:
    def mark(field: str) -> str:
        return " (inferred)" if c.basis(field) is Basis.INFERRED else ""

    lines = [f"Conference {c.id}", f"  date:     {c.date}" + (f" to {c.end_date}" if c.end_date else "")]
    lines.append(f"  ordinal:  {c.ordinal if c.ordinal is not None else 'unknown'}{mark('ordinal')}")
    lines.append(f"  host:     {c.host.value if c.host else 'unknown'}{mark('host')}")
    lines.append(f"  venue:    {c.venue or 'unknown'}{mark('venue')}")
    lines.append(f"  format:   {c.format.value if c.format else 'unknown'}{mark('format')}")
    lines.append(f"  evidence: {c.evidence.value}")
    lines.append("  co-chairs:")
    for ch in c.co_chairs:
        extra = f", standing in for {ch.standing_in_for.name}" if ch.standing_in_for else ""
        lines.append(f"    - {ch.rank or ''} {ch.official.name} ({ch.post.code}{extra})".replace("-  ", "- "))
    lines.append("  agenda:")
    for item in c.agenda:
        briefers = f" [briefed by {', '.join(item.briefers)}]" if item.briefers else ""
        lines.append(f"    - {item.title}{briefers}")
        lines.append(f"      topics: {', '.join(t.label for t in item.topics)}")
    if c.figures:
        lines.append("  figures:")
        lines += [f"    - {f.label}: {f.value}" for f in c.figures]
    if c.next_meeting is not None:
        nm = c.next_meeting
        when = nm.as_stated or str(nm.date)
        lines.append(
            f"  next meeting announced: {when}" + (f", hosted by {nm.host.value}" if nm.host else "")
        )
    for inference in c.inferences:
        lines.append(f"  inferred {inference.field}: {inference.reason}")
    for note in c.notes:
        lines.append(f"  note: {note}")
    return "\n".join(lines + _sources(c.sources))
