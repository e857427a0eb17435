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

__all__ = ["as_of_note", "dataset_html", "record_html", "results_html"]

MAX_ROWS = 20
"""A collection longer than this shows its first ``HEAD`` and last ``TAIL`` rows only."""
HEAD, TAIL = 10, 5

# Notebooks supply table CSS; these only keep text left-aligned and rows top-aligned
# (JupyterLab aligns cells right, for numbers).
_LEFT = ' style="text-align:left;vertical-align:top"'
_CAPTION_TOP = ' style="text-align:left;caption-side:top"'
_CAPTION_BOTTOM = ' style="text-align:left;caption-side:bottom;color:#666"'


def as_of_note(day: dt.date) -> str:
    """What a dataset's ``as_of`` day means, in the words every display uses."""
    return (
        f"checked against its sources on {day}; "
        "officials in office then are assumed still in office on later days"
    )


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


def _link(source: Any, text: str) -> str:
    """``text`` as a link to the source's page, where its URL is http(s); else plain text."""
    url = str(source.url)
    if url[:8].lower().startswith(("http://", "https://")):
        return f'<a href="{_e(url)}" title="{_e(source.title)}">{_e(text)}</a>'
    return _e(text)


# -- one value inside a cell ----------------------------------------------------------------


def _chair(chair: Any) -> str:
    rank = f"{chair.rank} " if chair.rank else ""
    text = f"{_e(rank + chair.official.name)} ({_e(chair.post.code)})"
    if chair.standing_in_for is not None:
        text += f", for {_e(chair.standing_in_for.name)}"
    return text


def _window(appointment: Any) -> str:
    start = appointment.start if appointment.start is not None else "unknown"
    if appointment.end is not None:
        end = str(appointment.end)
    else:
        end = "in office" if appointment.in_office else "unknown"
    return f"{_e(start)} to {_e(end)}"


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
    "ProposalSet": lambda p: f"{_e(p.date)}: {_e(p.count)} proposals",
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

Column = tuple[str, "Callable[[Any], str]"]


def _sources(record: Any) -> str:
    return ", ".join(_link(s, s.publisher) for s in record.sources)


def _topics(conference: Any) -> str:
    """A conference's topics by id, in order of first appearance on its agenda."""
    ids = dict.fromkeys(t.id for item in conference.agenda for t in item.topics)
    return ", ".join(_e(i) for i in ids)


def _dates(record: Any) -> str:
    end = getattr(record, "end_date", None)
    return _e(record.date) + (f" to {_e(end)}" if end is not None else "")


def _end(appointment: Any) -> str:
    if appointment.end is not None:
        return _e(appointment.end)
    return "in office" if appointment.in_office else "unknown"


def _field(name: str) -> Callable[[Any], str]:
    return lambda record: _inline(getattr(record, name))


# The columns of a collection of each kind of record: (header, cell).
_COLUMNS: dict[str, list[Column]] = {
    "Conference": [
        ("date", _dates),
        ("no.", _field("ordinal")),
        ("host", _field("host")),
        ("venue", _field("venue")),
        ("co-chairs", lambda c: "; ".join(_chair(ch) for ch in c.co_chairs)),
        ("topics", _topics),
        ("sources", _sources),
    ],
    "Official": [
        ("name", _field("name")),
        ("id", _field("id")),
        ("nationality", _field("nationality")),
        ("service", _field("service")),
        ("aliases", _field("aliases")),
        ("sources", _sources),
    ],
    "Appointment": [
        ("official", lambda a: _e(a.official.name)),
        ("post", lambda a: _e(a.post.code)),
        ("start", lambda a: _e(a.start) if a.start is not None else "unknown"),
        ("end", _end),
        ("attested", _field("attested")),
        ("sources", _sources),
    ],
    "Topic": [
        ("id", _field("id")),
        ("label", _field("label")),
        ("broader", lambda t: ", ".join(_e(b.id) for b in t.broader)),
        ("aliases", _field("aliases")),
    ],
    "Post": [
        ("code", _field("code")),
        ("title", _field("title")),
        ("organisation", _field("organisation")),
        ("deputy of", _field("deputy_of")),
        ("aliases", _field("aliases")),
    ],
    "Source": [
        ("id", _field("id")),
        ("title", lambda s: _link(s, s.title)),
        ("publisher", _field("publisher")),
        ("published", _field("published")),
        ("kind", _field("kind")),
        ("language", _field("language")),
    ],
    "JointDeclaration": [
        ("id", _field("id")),
        ("date", _field("date")),
        ("place", _field("place")),
        ("proposals", _field("proposals")),
        ("sources", _sources),
    ],
    "ProgressReport": [
        ("number", _field("number")),
        ("date", _field("date")),
        ("sources", _sources),
    ],
    "AlternationException": [
        ("after", lambda x: _e(x.after.id)),
        ("before", lambda x: _e(x.before.id)),
        ("kind", _field("kind")),
        ("reason", _field("reason")),
        ("sources", _sources),
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
        return [(name.replace("_", " "), _field(name)) for name in fields]
    return [("kind", lambda item: _e(_class_name(item))), ("value", _inline)]


def _row(cells: list[str], tag: str = "td") -> str:
    return "<tr>" + "".join(f"<{tag}{_LEFT}>{cell}</{tag}>" for cell in cells) + "</tr>"


def results_html(items: tuple[Any, ...]) -> str:
    """A collection of records as one table: a header row, then a row per record."""
    if not items:
        return f"<table><caption{_CAPTION_BOTTOM}>0 records</caption></table>"
    columns = _columns(items)
    rows = [_row([show(item) for _, show in columns]) for item in _shown(items)]
    caption = (
        _plural(items[0], len(items)) if len({_kind(i) for i in items}) == 1 else f"{len(items)} records"
    )
    if len(items) > MAX_ROWS:
        more = len(items) - HEAD - TAIL
        rows.insert(HEAD, f'<tr><td colspan="{len(columns)}"{_LEFT}>… {more} more</td></tr>')
        caption += f", the first {HEAD} and the last {TAIL} shown"
    return (
        f"<table><caption{_CAPTION_BOTTOM}>{caption}</caption>"
        f"<thead>{_row([_e(header) for header, _ in columns], 'th')}</thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _shown(items: tuple[Any, ...]) -> tuple[Any, ...]:
    return items if len(items) <= MAX_ROWS else (*items[:HEAD], *items[-TAIL:])


def _vertical(title: str, rows: list[tuple[str, str]]) -> str:
    """A two-column table, a field's name and its value on each row, under ``title``."""
    body = "".join(f"<tr><th{_LEFT}>{_e(name)}</th><td{_LEFT}>{value}</td></tr>" for name, value in rows)
    return f"<table><caption{_CAPTION_TOP}>{title}</caption><tbody>{body}</tbody></table>"


def record_html(record: Any) -> str:
    """One record as a table of its fields (those with a value), a row each."""
    if _kind(record) == "Coverage":
        return coverage_html(record)
    key = _key(record)
    title = f"<strong>{_e(_class_name(record))}</strong>" + (f" {_e(key)}" if key else "")
    rows = []
    for name in _fields(record):
        value = getattr(record, name)
        if value is None or value == ():
            continue
        rows.append((name.replace("_", " "), _listed(value)))
    return _vertical(title, rows)


def coverage_html(coverage: Any) -> str:
    """A coverage report: what the as-of day means, then a row per section."""
    first = coverage.first or "no conference"
    intro = (
        f"<p><strong>Coverage</strong> of the record from {_e(first)} to {_e(coverage.as_of)}: "
        f"{_e(as_of_note(coverage.as_of))}.</p>"
    )
    rows = [
        _row([_e(title), _e(len(items)), ", ".join(_e(item) for item in items)])
        for _, title, items in coverage._sections()
    ]
    head = _row(["what", "count", "which"], "th")
    return f"<div>{intro}<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></div>"


# Dataset tables shown on the card, by the name of the query that lists them.
_TABLE_NAMES = {"exceptions": "alternation exceptions", "declarations": "joint declarations"}


def dataset_html(dataset: Any) -> str:
    """A dataset as a card: version, as-of day, span of the conferences, counts per table."""
    info, tables = dataset.info, dataset.tables
    conferences = dataset.conferences()
    rows = [
        ("version", _e(info.version)),
        ("as of", f"{_e(info.as_of)}: {_e(as_of_note(info.as_of))}"),
    ]
    if conferences:
        last = conferences[-1]
        rows.append(("span", f"{_e(conferences[0].date)} to {_e(last.end_date or last.date)}"))
    for name in _fields(tables):
        if name != "info":
            rows.append((_TABLE_NAMES.get(name, name.replace("_", " ")), _e(len(getattr(tables, name)))))
    return _vertical(f"<strong>Dataset</strong> {_e(info.title)}", rows)
