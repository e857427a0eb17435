"""HTML for notebooks: a record as a small table, the results of a query as pandas shows
a data frame (a header row, one row per record, long collections cut in the middle).

Imported only when a notebook asks for a display (``_repr_html_``), never on the path
of a query. It imports no other module of the package, since each of them reaches this
one through ``_value``: it knows records by their class names and fields.

Every text is escaped with ``html.escape``: users load data directories of their own.
A source's URL becomes a link only when it is an ``http`` or ``https`` URL; anything
else is shown as text. The output depends on the records alone (no object ids, no
set or hash order), so that a notebook saved twice does not change.
"""

from __future__ import annotations

import enum
import html
import operator
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

__all__ = ["as_of_note", "dataset_html", "end_text", "record_html", "results_html", "tenure_text"]

MAX_ROWS = 20
"""A collection longer than this shows its first ``HEAD`` and last ``TAIL`` rows only."""
HEAD, TAIL = 10, 5

# Notebooks supply table CSS; these only keep text left-aligned and rows top-aligned
# (JupyterLab aligns cells right, for numbers), and keep a date, id or code on one line
# (browsers break lines at hyphens).
_LEFT = ' style="text-align:left;vertical-align:top"'
_LEFT_NOWRAP = ' style="text-align:left;vertical-align:top;white-space:nowrap"'
_LEFT_WIDE = ' style="text-align:left;vertical-align:top;min-width:20em"'
_NOWRAP = ' style="white-space:nowrap"'
_CAPTION_TOP = ' style="text-align:left;caption-side:top"'
_CAPTION_BOTTOM = ' style="text-align:left;caption-side:bottom;color:#666"'


def as_of_note(day: dt.date) -> str:
    """What a dataset's ``as_of`` day means, in the words every display uses."""
    return (
        f"checked against its sources on {day}; "
        "officials in office then are assumed still in office on later days"
    )


def end_text(appointment: Any, as_of: dt.date | None = None, unknown: str = "end unknown") -> str:
    """How a tenure's end reads wherever it is shown: its date, ``in office as of <as_of>``
    (or ``at the record's last check`` where the day is not at hand), or ``unknown``."""
    if appointment.end is not None:
        return str(appointment.end)
    if appointment.in_office:
        return f"in office as of {as_of}" if as_of is not None else "in office at the record's last check"
    return unknown


def tenure_text(appointment: Any, as_of: dt.date | None = None) -> str:
    """A tenure as text, e.g. ``2019-07-11 to 2022-07-14`` or ``2025-07-11 to in office as of
    2026-11-22``: the one wording of the library, the command line and the displays."""
    start = appointment.start if appointment.start is not None else "start unknown"
    return f"{start} to {end_text(appointment, as_of)}"


# -- text -------------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _class_name(obj: object) -> str:
    return type(obj).__qualname__.rsplit(">.", 1)[-1]


def _kind(obj: object) -> str:
    """The name of the nearest class of ``obj`` that this module knows how to show."""
    for cls in type(obj).__mro__:
        if cls.__name__ in _KNOWN:
            return cls.__name__
    return _class_name(obj)


def _plural(obj: object, count: int) -> str:
    """``3 joint declarations``: the count and the class's name in words."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", _class_name(obj)).lower()
    return f"{count} {words}{'' if count == 1 else 's'}"


def _key(record: object) -> str:
    """A record's key, as its repr names it (``_ref_by``), or ``""``."""
    paths = getattr(type(record), "_ref_by", None) or ()
    keys = (operator.attrgetter(path)(record) for path in paths)
    return " ".join(str(k) for k in keys if k is not None)


def _fields(record: object) -> list[str]:
    return [a.name for a in getattr(type(record), "__attrs_attrs__", ())]


def _href(url: str, text: str, title: str | None = None, style: str = "") -> str:
    """``text`` as a link to ``url`` where it is an http(s) URL; else as plain text."""
    if url[:8].lower().startswith(("http://", "https://")):
        hover = f' title="{_e(title)}"' if title is not None else ""
        return f'<a href="{_e(url)}"{hover}{style}>{_e(text)}</a>'
    return f"<span{style}>{_e(text)}</span>" if style else _e(text)


def _link(source: Any, text: str, style: str = "") -> str:
    """``text`` as a link to the source's page, its title shown on hover."""
    return _href(str(source.url), text, source.title, style)


def _one_line(text: str) -> str:
    """Escaped text kept on one line."""
    return f"<span{_NOWRAP}>{_e(text)}</span>"


# -- one value inside a cell ----------------------------------------------------------------


def _chair(chair: Any, *, rank: bool = True) -> str:
    title = f"{chair.rank} " if rank and chair.rank else ""
    text = f"{_e(title + chair.official.name)} ({_e(chair.post.code)})"
    if chair.standing_in_for is not None:
        text += f", for {_e(chair.standing_in_for.name)}"
    return text


def _window(appointment: Any) -> str:
    return _e(tenure_text(appointment))


# How a record held by another shows inside a cell, per class.
_INLINE: dict[str, Callable[[Any], str]] = {
    "Source": lambda s: _link(s, s.publisher),
    "Official": lambda o: _e(o.name),
    "Post": lambda p: _e(p.code),
    "Topic": lambda t: _e(t.label),
    "Conference": lambda c: _e(c.id),
    "Chair": _chair,
    "AgendaItem": lambda i: f"{_e(i.title)} <em>({', '.join(_e(t.id) for t in i.topics)})</em>",
    "Figure": lambda f: f"{_e(f.label)}: {_e(f.value)}",
    "Inference": lambda i: f"{_e(i.field)}: {_e(i.reason)}",
    "Conflict": lambda c: f"{_e(c.field)} given as {_e(c.value)}: {_e(c.note)}",
    "Announcement": lambda a: (
        _e(a.as_stated or a.date or "date unknown") + (f", host {_e(a.host.value)}" if a.host else "")
    ),
    "ProposalSet": lambda p: f"{_e(p.id)} ({_e(p.date)}): {_e(p.count)} proposals",
    "ProposalArea": lambda a: _e(a.label),
    "Proposal": lambda p: _e(p.id),
    "Appointment": lambda a: f"{_e(a.official.name)}, {_e(a.post.code)}, {_window(a)}",
    "HolderGap": lambda g: f"{_e(g.post.code)}: {_e(g.start)} to {_e(g.end)}",
    "JointDeclaration": lambda d: _e(d.id),
    "ProgressReport": lambda r: _e(r.number),
    "AlternationException": lambda x: f"{_e(x.after.id)} to {_e(x.before.id)}",
}


def _inline(value: object) -> str:
    """A value as text in a table cell: a record by its name, a tuple comma-separated."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return _e(value.value)
    if isinstance(value, tuple):
        return ", ".join(_inline(item) for item in value)
    show = _INLINE.get(_kind(value))
    return show(value) if show else _e(value)


def _listed(value: object) -> str:
    """A field's value in a record's table: a tuple of two or more as a list."""
    if isinstance(value, tuple) and len(value) > 1:
        items = "".join(f"<li>{_detail(item)}</li>" for item in value)
        return f'<ul style="margin:0;padding-left:1.2em">{items}</ul>'
    return _detail(value[0] if isinstance(value, tuple) else value)


def _detail(value: Any) -> str:
    if _kind(value) == "Source":  # in full: title, publisher, date
        published = f", {_e(value.published)}" if value.published is not None else ""
        return f"{_link(value, value.title)} ({_e(value.publisher)}{published})"
    return _inline(value)


# -- tables -------------------------------------------------------------------------------


class Column:
    """A column of a collection's table: its header, its cell, whether to keep it on one
    line, or (``wide``) whether its text, a sentence, needs room to read."""

    __slots__ = ("header", "nowrap", "show", "wide")

    def __init__(
        self, header: str, show: Callable[[Any], str], *, nowrap: bool = False, wide: bool = False
    ) -> None:
        self.header, self.show, self.nowrap, self.wide = header, show, nowrap, wide


def _sources(record: Any) -> str:
    return ", ".join(_link(s, s.publisher, _NOWRAP) for s in record.sources)


def _chairs(conference: Any) -> str:
    return "".join(f"<div{_NOWRAP}>{_chair(chair, rank=False)}</div>" for chair in conference.co_chairs)


def _topics(conference: Any) -> str:
    """A conference's topics by id, in order of first appearance on its agenda."""
    return ", ".join(_one_line(t.id) for t in conference.topics)


def _dates(conference: Any) -> str:
    end = conference.end_date
    return _e(conference.date) + (f"<div>to {_e(end)}</div>" if end is not None else "")


def _period(report: Any) -> str:
    start, end = report.period_start, report.period_end
    if start is None and end is None:
        return ""
    return f"{_e(start or '?')} to {_e(end or '?')}"


def _start(appointment: Any) -> str:
    return _e(appointment.start) if appointment.start is not None else "unknown"


def _end(appointment: Any) -> str:
    return _e(end_text(appointment, unknown="unknown"))


def _field(name: str) -> Callable[[Any], str]:
    return lambda record: _inline(getattr(record, name))


def _short(header: str, name: str | None = None) -> Column:
    """A column of one field whose values are short (a date, id, code): kept on one line."""
    return Column(header, _field(name or header), nowrap=True)


# The columns of a collection of each kind of record.
_COLUMNS: dict[str, list[Column]] = {
    "Conference": [
        Column("date", _dates, nowrap=True),
        _short("no.", "ordinal"),
        _short("host"),
        Column("venue", _field("venue")),
        Column("co-chairs", _chairs),
        Column("topics", _topics),
        Column("sources", _sources),
    ],
    "Official": [
        Column("name", _field("name")),
        _short("id"),
        _short("nationality"),
        _short("service"),
        Column("aliases", _field("aliases")),
        Column("sources", _sources),
    ],
    "Appointment": [
        Column("official", lambda a: _e(a.official.name)),
        Column("post", lambda a: _e(a.post.code), nowrap=True),
        Column("start", _start, nowrap=True),
        Column("end", _end, nowrap=True),
        _short("attested"),
        Column("sources", _sources),
    ],
    "Topic": [
        _short("id"),
        Column("label", _field("label")),
        Column("broader", lambda t: ", ".join(_one_line(b.id) for b in t.broader)),
        Column("aliases", _field("aliases")),
    ],
    "Post": [
        _short("code"),
        Column("title", _field("title")),
        _short("organisation"),
        _short("deputy of", "deputy_of"),
        Column("aliases", _field("aliases")),
    ],
    "Source": [
        _short("id"),
        Column("title", lambda s: _link(s, s.title)),
        Column("publisher", _field("publisher")),
        _short("published"),
        _short("kind"),
        _short("language"),
    ],
    "JointDeclaration": [
        _short("id"),
        _short("date"),
        Column("place", _field("place")),
        _short("proposals"),
        Column("sources", _sources),
    ],
    "ProgressReport": [
        _short("number"),
        _short("date"),
        Column("period", _period, nowrap=True),
        Column("sets", lambda r: ", ".join(_e(s.id) for s in r.proposal_sets), nowrap=True),
        Column("sources", _sources),
    ],
    "ProposalSet": [
        _short("id"),
        _short("date"),
        _short("count"),
        Column("incomplete", _field("incomplete")),
        Column("sources", _sources),
    ],
    "ProposalArea": [
        _short("id"),
        Column("label", _field("label")),
        Column("part of", lambda a: _one_line(a.parent.id) if a.parent else ""),
        Column("topics", lambda a: ", ".join(_one_line(t.id) for t in a.topics)),
        Column("sources", _sources),
    ],
    "Proposal": [
        _short("id"),
        Column("area", lambda p: _e(p.area.label)),
        Column("summary", _field("summary"), wide=True),
        _short("deadline"),
        Column("topics", lambda p: ", ".join(_one_line(t.id) for t in p.topics)),
        Column("sources", _sources),
    ],
    "AlternationException": [
        Column("after", lambda x: _e(x.after.id), nowrap=True),
        Column("before", lambda x: _e(x.before.id), nowrap=True),
        _short("kind"),
        Column("reason", _field("reason")),
        Column("sources", _sources),
    ],
    "DataChange": [
        _short("release"),
        Column("record", lambda c: _e(f"{c.table}:{c.record}"), nowrap=True),
        _short("field"),
        Column("old", _field("old")),
        Column("new", _field("new")),
        _short("kind"),
        Column("reason", _field("reason")),
    ],
}

_KNOWN = {*_INLINE, *_COLUMNS, "PartialDate", "Coverage"}


def _columns(items: tuple[Any, ...]) -> list[Column]:
    """The columns for ``items``: their kind's, else their fields, else kind and value."""
    kinds = list(dict.fromkeys(_kind(item) for item in items))
    if len(kinds) == 1 and kinds[0] in _COLUMNS:
        return _COLUMNS[kinds[0]]
    fields = _fields(items[0])
    if len(kinds) == 1 and fields:
        return [Column(name.replace("_", " "), _field(name)) for name in fields]
    return [Column("kind", lambda item: _e(_class_name(item)), nowrap=True), Column("value", _inline)]


def _cell(tag: str, content: str, *, nowrap: bool = False, wide: bool = False) -> str:
    style = _LEFT_NOWRAP if nowrap else _LEFT_WIDE if wide else _LEFT
    return f"<{tag}{style}>{content}</{tag}>"


def results_html(items: tuple[Any, ...]) -> str:
    """A collection of records as one table: a header row, then a row per record."""
    if not items:
        return f"<table><caption{_CAPTION_BOTTOM}>0 records</caption></table>"
    columns = _columns(items)
    rows = [
        "<tr>" + "".join(_cell("td", c.show(item), nowrap=c.nowrap, wide=c.wide) for c in columns) + "</tr>"
        for item in _shown(items)
    ]
    one_kind = len({_kind(item) for item in items}) == 1
    caption = _plural(items[0], len(items)) if one_kind else f"{len(items)} records"
    if len(items) > MAX_ROWS:
        more = len(items) - HEAD - TAIL
        rows.insert(HEAD, f'<tr><td colspan="{len(columns)}"{_LEFT}>… {more} more</td></tr>')
        caption += f", the first {HEAD} and the last {TAIL} shown"
    header = "<tr>" + "".join(_cell("th", _e(c.header), nowrap=True) for c in columns) + "</tr>"
    return (
        f"<table><caption{_CAPTION_BOTTOM}>{caption}</caption>"
        f"<thead>{header}</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _shown(items: tuple[Any, ...]) -> tuple[Any, ...]:
    return items if len(items) <= MAX_ROWS else (*items[:HEAD], *items[-TAIL:])


def _vertical(title: str, rows: list[tuple[str, str]]) -> str:
    """A two-column table, a field's name and its value on each row, under ``title``."""
    body = "".join(
        f"<tr>{_cell('th', _e(name), nowrap=True)}{_cell('td', value)}</tr>" for name, value in rows
    )
    return f"<table><caption{_CAPTION_TOP}>{title}</caption><tbody>{body}</tbody></table>"


def record_html(record: Any) -> str:
    """One record as a table of its fields (those with a value), a row each."""
    if _kind(record) == "Coverage":
        return coverage_html(record)
    key = _key(record)
    title = f"<strong>{_e(_class_name(record))}</strong>" + (f" {_e(key)}" if key else "")
    # A source's own URLs are links (to the page, and to the original of a re-post).
    urls = ("url", "repost_of") if _kind(record) == "Source" else ()
    rows = []
    for name in _fields(record):
        value = getattr(record, name)
        if value is None or value == ():
            continue
        shown = _href(value, value) if name in urls else _listed(value)
        rows.append((name.replace("_", " "), shown))
    return _vertical(title, rows)


def coverage_html(coverage: Any) -> str:
    """A coverage report: what the as-of day means, then a row per section."""
    first = coverage.first or "no conference"
    title = (
        f"<strong>Coverage</strong> of the record from {_e(first)} to {_e(coverage.as_of)}, "
        f"{_e(as_of_note(coverage.as_of))}"
    )
    rows = [
        "<tr>"
        + _cell("td", _e(heading))
        + _cell("td", _e(len(items)))
        + _cell("td", ", ".join(_one_line(item) for item in items))
        + "</tr>"
        for _, heading, items in coverage._sections()
    ]
    header = "<tr>" + "".join(_cell("th", name, nowrap=True) for name in ("gap", "count", "which")) + "</tr>"
    return (
        f"<table><caption{_CAPTION_TOP}>{title}</caption>"
        f"<thead>{header}</thead><tbody>{''.join(rows)}</tbody></table>"
    )


# Dataset tables shown on the card, by the name of the query that lists them.
_TABLE_NAMES = {"exceptions": "alternation exceptions", "declarations": "joint declarations"}


def dataset_html(dataset: Any) -> str:
    """A dataset as a card: version, as-of day, counts per table, span of the conferences."""
    info, tables = dataset.info, dataset.tables
    note = as_of_note(info.as_of)
    rows = [("version", _e(info.version)), ("as of", _e(note[0].upper() + note[1:]))]
    for name in _fields(tables):
        if name == "info":
            continue
        count = _e(len(getattr(tables, name)))
        if name == "conferences" and tables.conferences:
            series = dataset.conferences()
            last = series[-1].end_date or series[-1].date
            count += f", from {_e(series[0].date)} to {_e(last)}"
        rows.append((_TABLE_NAMES.get(name, name.replace("_", " ")), count))
    return _vertical(f"<strong>Dataset</strong> {_e(info.title)}", rows)
