"""The command line: subcommands that mirror the queries.

Answers go to stdout. Bad input gets one line on stderr and exit status 2; a data
directory that fails validation gets its problems on stderr and exit status 1.
Never a traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING, NoReturn, TextIO

from ._dataset import Dataset
from ._errors import AmbiguousDateError, DataError, Error
from ._model import Basis

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._model import Conference

__all__ = ["main"]


class _UsageError(Exception):
    pass


class _Done(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: {message}")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        # --help ends here: return its status from main() instead of raising SystemExit.
        if message:
            print(message, file=sys.stderr, end="")
        raise _Done(status)


def _parser() -> _Parser:
    parser = _Parser(
        prog="python -m natoeu_milstaff",
        allow_abbrev=False,
        description="Query the sourced record of the IMS-EUMS Directors General conferences.",
    )
    parser.add_argument("--data", metavar="DIR", help="a data directory to use instead of the bundled one")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("who-held", help="who held a post on a day")
    p.add_argument("post", help="post code or title, e.g. DGIMS")
    p.add_argument("on", help="a day, e.g. 2020-05-19 or '19 May 2020'")

    p = sub.add_parser("meetings-about", help="conferences that discussed a topic")
    p.add_argument("topic", help="topic id, label or alias, e.g. cyber")

    p = sub.add_parser("conferences", help="list conferences, optionally filtered")
    p.add_argument("--year", type=int)
    p.add_argument("--host", help="NATO or EU")
    p.add_argument("--chaired-by", metavar="NAME")
    p.add_argument("--between", nargs=2, metavar=("START", "END"))

    p = sub.add_parser("show", help="one conference in full, with its sources")
    p.add_argument("key", help="conference id, date or ordinal")

    sub.add_parser("coverage", help="what the record lacks: gaps, unknown hosts, weak evidence")

    p = sub.add_parser("export", help="write every table as json, csv, popolo or a data package")
    p.add_argument("--format", choices=["json", "csv", "popolo", "datapackage"], default="json")
    p.add_argument("--out", required=True, metavar="DIR", help="directory to write into")

    sub.add_parser("cite", help="how to cite the package and the data (text and BibTeX)")

    p = sub.add_parser("validate", help="check a data directory (default: the bundled data)")
    p.add_argument("path", nargs="?")
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    out = out if out is not None else _lenient(sys.stdout)
    err = err if err is not None else _lenient(sys.stderr)
    try:
        args = _parser().parse_args(argv)
        return _run(args, out)
    except _Done as done:
        return done.status
    except _UsageError as exc:
        print(str(exc), file=err)
        return 2
    except DataError as exc:
        print(str(exc), file=err)
        return 1
    except (Error, TypeError) as exc:
        print(f"error: {exc}", file=err)
        return 2
    except OSError as exc:
        print(f"error: {exc.strerror or exc}", file=err)
        return 1
    except ValueError as exc:  # a backstop: never a traceback
        print(f"error: {exc}", file=err)
        return 2


def _lenient(stream: TextIO) -> TextIO:
    """The stream, set to replace characters its encoding cannot show (é on ASCII)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    return stream


def _dataset(args: argparse.Namespace) -> Dataset:
    return Dataset.load(args.data) if args.data else Dataset.bundled()


def _run(args: argparse.Namespace, out: TextIO) -> int:
    if args.command == "validate":
        path = args.path or args.data
        dataset = Dataset.load(path) if path else Dataset.bundled()
        print(f"ok: {dataset!r} has no problems", file=out)
        return 0
    ds = _dataset(args)
    if args.command == "who-held":
        post = ds.post(args.post)
        official = ds.who_held(post, args.on)
        if official is None:
            print(f"nobody in the record held {post.code} on {args.on}", file=out)
            return 0
        try:
            found = ds.appointment(post, args.on)
        except AmbiguousDateError:  # the same official's two tenures may both cover the day
            found = None
        tenure = _tenure(found.start, found.end, found.in_office) if found else "between two of their tenures"
        print(f"{official.name} ({tenure})", file=out)
        return 0
    if args.command == "meetings-about":
        topic = ds.topic(args.topic)
        rows = ds.meetings_about(topic)
        print(f"{len(rows)} conference(s) about {topic.label}:", file=out)
        for c in rows:
            print(_line(c), file=out)
        return 0
    if args.command == "export":
        for path in ds.export(args.out, args.format):
            print(path, file=out)
        return 0
    if args.command == "cite":
        from ._release import cite
        from ._version import __version__

        release = ds.release()
        print(cite(release, __version__, "text"), file=out)
        print(file=out)
        print(cite(release, __version__, "bibtex"), file=out)
        return 0
    if args.command == "coverage":
        print(ds.coverage(), file=out)
        return 0
    if args.command == "conferences":
        between = tuple(args.between) if args.between else None
        rows = ds.conferences(year=args.year, host=args.host, chaired_by=args.chaired_by, between=between)
        for c in rows:
            print(_line(c), file=out)
        return 0
    key: str | int = int(args.key) if re.fullmatch(r"[0-9]{1,3}", args.key) else args.key
    print(_show(ds.conference(key)), file=out)
    return 0


def _tenure(start: object, end: object, in_office: bool) -> str:
    first = start if start is not None else "start unknown"
    last = "in office" if in_office else (end if end is not None else "end unknown")
    return f"{first} to {last}"


def _line(c: Conference) -> str:
    ordinal = f"no. {c.ordinal}" if c.ordinal is not None else "no. ?"
    host = c.host.value if c.host is not None else "?"
    if c.basis("host") is Basis.INFERRED:
        host += " (inferred)"
    chairs = " / ".join(ch.official.name for ch in c.co_chairs) or "chairs unknown"
    return f"{c.date!s:<12} {ordinal:<7} host {host:<4} {chairs}"


def _show(c: Conference) -> str:
    def mark(field: str) -> str:
        return " (inferred)" if c.basis(field) is not None and c.basis(field).value == "inferred" else ""  # type: ignore[union-attr]

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
    lines.append("  sources:")
    for s in c.sources:
        published = f", {s.published}" if s.published else ""
        lines.append(f"    - {s.title} ({s.publisher}{published}, {s.kind.value})")
        lines.append(f"      {s.url}")
    return "\n".join(lines)
