"""Generate the data pages of the documentation from the bundled dataset.

At ``builder-inited`` this writes ``docs/data/``: one page per conference, official,
post, topic, joint declaration, area of the common proposals and source, an index of
each kind, the coverage page,
the data-release page, the exported tables, and the notebook table the tutorial
shows. The files are build output (git ignores them).

Paths follow the site's conventions: ``data/<kind>/<id>.md`` for a record (a post by
its code in lower case), ``data/<kind>.md`` for its index. A record's page links to
the pages of the records it names; a source's page lists every record that cites it.

The timeline (``data/timeline.md`` and the small one the landing page shows,
``data/timeline-small.html``) belongs to the timeline extension; where a build does not
load that extension, this one writes a placeholder of each (over any timeline an
earlier build left), so that the site builds without it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs
from wording import date_words, field_words, nth, tenure

import natoeu_milstaff as nm
from natoeu_milstaff._codes import URL_PATTERN
from natoeu_milstaff._display import as_of_note
from natoeu_milstaff._export import EDTF_PATTERN, SLUG_PATTERN, json_schema
from natoeu_milstaff._model import TABLES
from natoeu_milstaff._release import cite

# The folders of record pages; generate() removes a page there whose record is gone.
FOLDERS = ("conferences", "officials", "posts", "topics", "declarations", "proposals", "sources")

# What each kind of source is, in words (the enum's docstrings are not kept at run time).
SOURCE_KINDS = {
    nm.SourceKind.ORIGINAL: "a release on the issuing organisation's own site",
    nm.SourceKind.REPOST: "a copy of a release on another site",
    nm.SourceKind.REFERENCE: "an encyclopedia, biography or other reference work",
    nm.SourceKind.NEWS: "independent press reporting",
}
# A documented break in the alternation of hosts, by kind, between a pair of conferences.
BREAKS = {
    nm.BreakKind.SAME_HOST: "The same organisation hosted {}",
    nm.BreakKind.GAP: "The record lacks the conferences between {}",
    nm.BreakKind.UNKNOWN_HOST: "Whether the hosts alternated between {} is unknown",
}
EVIDENCE = {
    nm.Evidence.REPORTED: "a source reports the meeting itself",
    nm.Evidence.MENTIONED: "known only from a mention in another source",
    nm.Evidence.IMPLIED: "no source names it; the numbering of its neighbours implies it",
}


# -- text and links ------------------------------------------------------------------


def _escape(text: str) -> str:
    """Text safe in Markdown: in a table cell, a link's text or a heading."""
    for char in "\\`*_[]|":
        text = text.replace(char, "\\" + char)
    return text.replace("<", "&lt;")


_DATE = re.compile(r"(?<![\w/.-])(\d{4}-\d{2}(?:-\d{2})?)(?![\w/.-])")


def _whole(text: str) -> str:
    """Plain text with each date in it kept on one line: a browser breaks a line at a
    hyphen, which on a phone splits ``2021-11-16`` in two. Not for a heading, whose
    text becomes the page's title."""
    return _DATE.sub(r'<span class="date">\1</span>', text)


def _conf_label(c: nm.Conference) -> str:
    return f"{c.date}" + (f" ({nth(c.ordinal)})" if c.ordinal else "")


def _conf(c: nm.Conference, up: str) -> str:
    return f"[{_whole(_conf_label(c))}]({up}conferences/{c.id}.md)"


def _official(o: nm.Official, up: str) -> str:
    return f"[{_escape(o.name)}]({up}officials/{o.id}.md)"


def _post(p: nm.Post, up: str) -> str:
    return f"[{p.code}]({up}posts/{p.code.lower()}.md)"


def _topic(t: nm.Topic, up: str) -> str:
    return f"[{_escape(t.label)}]({up}topics/{t.id}.md)"


def _declaration(d: nm.JointDeclaration, up: str) -> str:
    return f"[{d.date}, {_escape(d.place or 'place unknown')}]({up}declarations/{d.id}.md)"


def _area(a: nm.ProposalArea, up: str) -> str:
    return f"[{_escape(a.label)}]({up}proposals/{a.id}.md)"


def _proposal(p: nm.Proposal, up: str) -> str:
    """A proposal's id, linking its line on its area's page."""
    return f"[{p.id}]({up}proposals/{p.area.id}.md#{p.id})"


def _source(s: nm.Source, up: str) -> str:
    return f"[{_escape(s.title)}]({up}sources/{s.id}.md)"


def _site(url: str) -> str:
    """A URL's host without ``www.``: the text of a link to it."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def same_page(url: str) -> tuple[str, str, str]:
    """What two addresses of one page share: the scheme and host in lower case and the
    path without a final slash, not the query (``?selectedLocale=fr``) or the fragment."""
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").removeprefix("www."), parts.path.rstrip("/")


def _source_line(s: nm.Source, up: str) -> str:
    """A source as an item of a page's list of sources."""
    published = f", {_whole(str(s.published))}" if s.published else ""
    return f"{_source(s, up)}. {_escape(s.publisher)}{published}, {s.kind.value}. [{_site(s.url)}]({s.url})"


class _Refs:
    """A page's sources, numbered in the order they are first cited: ``[1]`` links to
    the source's page, and ``section()`` lists them all at the foot of the page."""

    def __init__(self, up: str) -> None:
        self.up = up
        self.numbers: dict[str, int] = {}
        self.sources: list[nm.Source] = []

    def add(self, sources: tuple[nm.Source, ...]) -> None:
        for s in sources:
            if s.id not in self.numbers:
                self.numbers[s.id] = len(self.sources) + 1
                self.sources.append(s)

    def mark(self, sources: tuple[nm.Source, ...]) -> str:
        """`` [1] [3]``: a reference to each source, registered on first use."""
        self.add(sources)
        return "".join(f" [\\[{self.numbers[s.id]}\\]]({self.up}sources/{s.id}.md)" for s in sources)

    def section(self) -> list[str]:
        if not self.sources:
            return []
        return [
            "## Sources",
            "",
            *(f"{i}. {_source_line(s, self.up)}" for i, s in enumerate(self.sources, 1)),
            "",
        ]


def _title(text: str, kind: str = "") -> list[str]:
    """A page's heading, its section marked as a data page (``_static/datapages.css``)."""
    return ["```{rst-class} datapage" + (f" {kind}" if kind else ""), "```", "", f"# {text}", ""]


def _facts(facts: list[tuple[str, str]]) -> list[str]:
    """A record's facts, one a line: a list reads on a phone where a table is cramped."""
    return [*(f"- **{label}:** {value}" for label, value in facts), ""]


def _tenure(a: nm.Appointment, as_of: dt.date | None) -> str:
    """A tenure as recorded (``wording.tenure``), each date kept whole."""
    return _whole(tenure(a, as_of))


def _count(n: int, noun: str) -> str:
    """``1 holder``, ``3 holders``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _small(n: int, noun: str) -> str:
    """``two sets``: a count of up to ten in words, as prose writes it; else ``_count``."""
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return f"{words[n]} {noun}{'' if n == 1 else 's'}" if n < len(words) else _count(n, noun)


def _bullets(items: list[str], empty: str | None = None) -> list[str]:
    if not items:
        return [empty, ""] if empty else []
    return [*(f"- {item}" for item in items), ""]


def _toctree(entries: list[str]) -> list[str]:
    return ["```{toctree}", ":hidden:", "", *entries, "```", ""]


def _notes(
    inferences: tuple[nm.Inference, ...], conflicts: tuple[nm.Conflict, ...], refs: _Refs
) -> list[str]:
    lines = [f"{_capital(field_words(i.field))} is inferred: {_escape(i.reason)}" for i in inferences]
    lines += [
        f"A source gives {field_words(x.field)} as {_escape(x.value)}: {_escape(x.note)}{refs.mark(x.sources)}"
        for x in conflicts
    ]
    return lines


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _basis(c: nm.Conference, field: str) -> str:
    return " *(inferred)*" if c.basis(field) is nm.Basis.INFERRED else ""


# -- what cites each source ----------------------------------------------------------

# The record classes that have pages or rows of their own: a record that holds one
# (a chair holds its official) refers to it and does not own its sources.
_TABLE_KINDS = tuple(t.kind for t in TABLES)


def _part_name(value: object) -> str:
    """The part of a record that cites a source, in words."""
    if isinstance(value, nm.AgendaItem):
        return f"agenda item “{_escape(value.title)}”"
    if isinstance(value, nm.Figure):
        return f"figure “{_escape(value.label)}”"
    if isinstance(value, nm.Announcement):
        return "announcement of the next meeting"
    if isinstance(value, nm.Conflict):
        return f"the conflict over {field_words(value.field)}"
    return type(value).__name__


def citations(ds: nm.Dataset) -> dict[str, list[tuple[Any, list[str]]]]:
    """Per source id, every record that cites it, with the parts of it that do, in
    table order: one pass over the records."""
    cited: dict[str, dict[tuple[str, int], tuple[Any, list[str]]]] = {s.id: {} for s in ds.sources()}
    for table in TABLES:
        records = getattr(ds.tables, table.attr)
        for i, record in enumerate(records if isinstance(records, tuple) else (records,)):
            for part, source in _parts_of_record(record):
                entry = cited[source.id].setdefault((table.attr, i), (record, []))
                if part not in entry[1]:
                    entry[1].append(part)
    return {key: list(found.values()) for key, found in cited.items()}


def _parts_of_record(record: object) -> list[tuple[str, nm.Source]]:
    """The sources a record cites, each with the part of it that does ("" for itself)."""
    if not attrs.has(type(record)):
        return []
    return [
        found for field in attrs.fields(type(record)) for found in _owned(getattr(record, field.name), "")
    ]


def _owned(value: object, part: str) -> list[tuple[str, nm.Source]]:
    """The sources ``value`` holds, not counting those of a record it refers to."""
    if isinstance(value, nm.Source):
        return [(part, value)]
    if isinstance(value, tuple):
        return [found for item in value for found in _owned(item, part)]
    if not attrs.has(type(value)) or isinstance(value, _TABLE_KINDS):
        return []
    inner = part or _part_name(value)
    return [
        found for field in attrs.fields(type(value)) for found in _owned(getattr(value, field.name), inner)
    ]


def _citer(record: Any, up: str, as_of: dt.date) -> tuple[str, str]:
    """A record that cites a source: the heading it goes under and a link to its page."""
    if isinstance(record, nm.Conference):
        return "Conferences", _conf(record, up)
    if isinstance(record, nm.Official):
        return "Officials", _official(record, up)
    if isinstance(record, nm.Appointment):
        return "Tenures", f"{_official(record.official, up)} as {record.post.code}, {_tenure(record, as_of)}"
    if isinstance(record, nm.JointDeclaration):
        return "Joint declarations", _declaration(record, up)
    if isinstance(record, nm.ProgressReport):
        return (
            "Progress reports",
            f"[report {record.number}, {record.date}]({up}declarations.md#progress-reports)",
        )
    if isinstance(record, nm.AlternationException):
        pair = f"{_conf(record.after, up)} and {_conf(record.before, up)}"
        return "Breaks in the alternation of hosts", BREAKS[record.kind].format(pair)
    if isinstance(record, nm.ProposalSet):
        return "Common proposals", f"[the set of {record.date}]({up}proposals.md#set-{record.id})"
    if isinstance(record, nm.ProposalArea):
        return "Common proposals", f"the area {_area(record, up)}"
    if isinstance(record, nm.Proposal):
        return "Common proposals", f"proposal {_proposal(record, up)}: {_escape(record.summary)}"
    return type(record).__name__, _escape(repr(record))  # a new table: named, if plainly


# The order of the groups on a source's page; a group not named here comes last.
CITER_ORDER = (
    "Conferences",
    "Breaks in the alternation of hosts",
    "Officials",
    "Tenures",
    "Joint declarations",
    "Common proposals",
    "Progress reports",
)


# -- conferences ---------------------------------------------------------------------


def conference_page(
    ds: nm.Dataset, c: nm.Conference, before: nm.Conference | None, after: nm.Conference | None
) -> str:
    refs = _Refs("../")
    refs.add(c.sources)
    # The date in words: a browser would break "2021-11-16" at a hyphen on a phone.
    ordinal = f" ({nth(c.ordinal)})" if c.ordinal else ""
    lines = _title(f"Conference of {date_words(c.date)}{ordinal}")
    neighbours = []
    if before is not None:
        neighbours.append(f"previous: {_conf(before, '../')}")
    if after is not None:
        neighbours.append(f"next: {_conf(after, '../')}")
    if neighbours:
        lines += ["In the series, " + "; ".join(neighbours) + ".", ""]
    end = f" to {c.end_date}{_basis(c, 'end_date')}" if c.end_date else ""
    lines += _facts(
        [
            ("Date", f"{c.date}{_basis(c, 'date')}{end}"),
            ("Number", f"{nth(c.ordinal) if c.ordinal is not None else 'not stated'}{_basis(c, 'ordinal')}"),
            ("Host", f"{c.host.value if c.host else 'unknown'}{_basis(c, 'host')}"),
            ("Venue", f"{_escape(c.venue) if c.venue else 'unknown'}{_basis(c, 'venue')}"),
            ("Format", f"{c.format.value if c.format else 'unknown'}{_basis(c, 'format')}"),
            ("Evidence", f"{c.evidence.value}, {EVIDENCE[c.evidence]}"),
            ("Record id", f"`{c.id}`"),
        ]
    )
    if c.co_chairs:
        lines += ["## Co-chairs", ""]
        for chair in c.co_chairs:
            stand_in = (
                f", standing in for {_official(chair.standing_in_for, '../')}"
                if chair.standing_in_for
                else ""
            )
            rank = f"{_escape(chair.rank)} " if chair.rank else ""
            lines.append(f"- {rank}{_official(chair.official, '../')}, {_post(chair.post, '../')}{stand_in}")
        lines.append("")
    if c.agenda:
        lines += ["## Agenda", ""]
        for item in c.agenda:
            topics = ", ".join(_topic(t, "../") for t in item.topics)
            briefers = f" Briefed by {', '.join(_escape(b) for b in item.briefers)}." if item.briefers else ""
            lines.append(f"- {_escape(item.title)}.{briefers} Topics: {topics}.{refs.mark(item.sources)}")
        lines.append("")
    # An area's part that maps onto no topic of its own adds nothing here: its area says it.
    areas = [
        a
        for a in ds.proposal_areas(conference=c)
        if a.parent is None or {t.id for t in a.topics} - {t.id for t in a.parent.topics}
    ]
    if areas:
        first = _first_endorsed(ds)
        before = (
            f" This meeting came before the first set was endorsed, on {_whole(str(first))}."
            if first is not None and c.date.latest() < first
            else ""
        )
        lines += [
            "## Areas of the common proposals discussed",
            "",
            f"The areas whose topics its agenda touches ([the common proposals](../proposals.md)).{before}",
            "",
            *_bullets([_area(a, "../") for a in areas]),
        ]
    if c.figures:
        lines += ["## Figures stated", ""]
        lines += [f"- {_escape(f.label)}: **{f.value}**{refs.mark(f.sources)}" for f in c.figures]
        lines.append("")
    if c.next_meeting:
        nm_ = c.next_meeting
        host = f", to be hosted by the {nm_.host.value}" if nm_.host else ""
        when = _escape(nm_.as_stated) if nm_.as_stated else str(nm_.date or "no date given")
        lines += ["## Next meeting announced", "", f"{when}{host}.{refs.mark(nm_.sources)}", ""]
    notes = [_escape(n) for n in c.notes] + _notes(c.inferences, c.conflicts, refs)
    for x in ds.alternation_exceptions():
        if c in (x.after, x.before):
            pair = (
                f"this one and {_conf(x.before, '../')}"
                if x.after == c
                else f"{_conf(x.after, '../')} and this one"
            )
            notes.append(f"{BREAKS[x.kind].format(pair)}: {_escape(x.reason)}{refs.mark(x.sources)}")
    if notes:
        lines += ["## Notes", "", *_bullets(notes)]
    lines += refs.section()
    return "\n".join(lines)


def conferences_index(ds: nm.Dataset, timeline: str) -> str:
    lines = [
        *_title("Conferences"),
        f"Every conference in the record, oldest first; the [timeline]({timeline}) draws them",
        "with the holders of the posts. Each line gives the date, the number where a source",
        "states it, the host, and the co-chairs.",
        "",
    ]
    for c in ds.conferences():
        chairs = " and ".join(_official(ch.official, "") for ch in c.co_chairs) or "co-chairs unknown"
        host = f"{c.host.value} host{_basis(c, 'host')}" if c.host else "host unknown"
        weak = f" ({c.evidence.value})" if c.evidence is not nm.Evidence.REPORTED else ""
        lines.append(f"- {_conf(c, '')}{weak}: {host}; {chairs}")
    lines += ["", *_toctree([f"conferences/{c.id}" for c in ds.conferences()])]
    return "\n".join(lines)


# -- officials -----------------------------------------------------------------------


def _seen_in(o: nm.Official, alias: str, cited_by: list[nm.Source]) -> list[nm.Source]:
    """The sources whose title or curators' notes show ``alias``, or the word of it that
    the official's name lacks (a misspelled surname), among those about the official."""
    own = set(o.name.split())
    words = [alias] + [w for w in alias.split() if w not in own and len(w) > 2]
    patterns = [re.compile(rf"(?<![\w-]){re.escape(w)}(?![\w-])") for w in words]
    return [s for s in cited_by if any(p.search(text) for p in patterns for text in (s.title, *s.notes))]


def official_page(ds: nm.Dataset, o: nm.Official) -> str:
    refs = _Refs("../")
    refs.add(o.sources)
    tenures = [a for a in ds.appointments() if a.official == o]
    chaired = [(c, ch) for c in ds.conferences() for ch in c.co_chairs if ch.official == o]
    stood_in = [(c, ch) for c in ds.conferences() for ch in c.co_chairs if ch.standing_in_for == o]
    about = list(
        dict.fromkeys(
            [
                *o.sources,
                *(s for a in tenures for s in a.sources),
                *(s for c, _ in chaired for s in c.sources),
            ]
        )
    )
    lines = _title(_escape(o.name))
    lines += _facts(
        [
            ("Nationality", o.nationality or "not recorded"),
            ("Service", o.service.value if o.service else "not recorded"),
        ]
    )
    if o.aliases:
        lines += [
            "## Other spellings",
            "",
            "Spellings of the name seen in sources, misspellings included; a source is named",
            "where its title or the curators' notes on it show the spelling.",
            "",
        ]
        for alias in o.aliases:
            seen = _seen_in(o, alias, about)
            refs.add(tuple(seen))
            where = "; ".join(
                f"[{_escape(x.publisher)}{', ' + str(x.published) if x.published else ''}](../sources/{x.id}.md)"
                for x in seen
            )
            where = f" (in {where})" if where else ""
            lines.append(f"- {_escape(alias)}{where}")
        lines.append("")
    lines += ["## Posts held", ""]
    if not tenures:
        lines += ["No tenure is recorded.", ""]
    for a in tenures:
        lines.append(
            f"- {_post(a.post, '../')}, {_escape(a.post.title)}: {_tenure(a, ds.info.as_of)}."
            f"{refs.mark(a.sources)}"
        )
        for note in _notes(a.inferences, a.conflicts, refs):
            lines.append(f"  - {note}")
    lines.append("")
    lines += ["## Conferences chaired", ""]
    items = []
    for c, ch in chaired:
        stand_in = f", standing in for {_official(ch.standing_in_for, '../')}" if ch.standing_in_for else ""
        items.append(f"{_conf(c, '../')}, as {ch.post.code}{stand_in}")
    lines += _bullets(items, "None in the record.")
    if stood_in:
        lines += ["## Conferences where a deputy stood in", ""]
        lines += _bullets([f"{_conf(c, '../')}: {_official(ch.official, '../')}" for c, ch in stood_in])
    lines += refs.section()
    return "\n".join(lines)


def _first_day(ds: nm.Dataset, o: nm.Official) -> dt.date:
    days = [a.possible_window()[0] for a in ds.appointments() if a.official == o]
    return min(days, default=dt.date.max)


def officials_index(ds: nm.Dataset) -> str:
    lines = [
        *_title("Officials"),
        "Everyone who held one of the posts, in the order they first took one up, with",
        "their tenures and the number of conferences they chaired.",
        "",
    ]
    officials = sorted(ds.officials(), key=lambda o: (_first_day(ds, o), o.id))
    for o in officials:
        tenures = "; ".join(
            f"{a.post.code} {_tenure(a, ds.info.as_of)}" for a in ds.appointments() if a.official == o
        )
        chaired = len(ds.conferences(chaired_by=o))
        chairs = f"; chaired {_count(chaired, 'conference')}" if chaired else ""
        nationality = f" ({o.nationality})" if o.nationality else ""
        lines.append(f"- {_official(o, '')}{nationality}: {tenures or 'no tenure recorded'}{chairs}")
    lines += ["", *_toctree([f"officials/{o.id}" for o in officials])]
    return "\n".join(lines)


# -- posts ---------------------------------------------------------------------------


def post_page(ds: nm.Dataset, post: nm.Post) -> str:
    refs = _Refs("../")
    lines = [*_title(f"{post.code}: {_escape(post.title)}"), f"Organisation: {post.organisation.value}."]
    if post.deputy_of:
        lines[-1] += f" Deputy of the [{post.deputy_of}]({post.deputy_of.lower()}.md)."
    if post.aliases:
        lines[-1] += f" Also called {', '.join(_escape(a) for a in post.aliases)}."
    lines.append("")
    holders = ds.holders(post)
    if not holders:
        return "\n".join([*lines, "No holder is recorded yet.", ""])
    lines += ["## Holders", ""]
    for a in holders:
        nationality = f" ({a.official.nationality})" if a.official.nationality else ""
        lines.append(
            f"- {_official(a.official, '../')}{nationality}: {_tenure(a, ds.info.as_of)}.{refs.mark(a.sources)}"
        )
        for note in _notes(a.inferences, a.conflicts, refs):
            lines.append(f"  - {note}")
    lines.append("")
    lines += refs.section()
    return "\n".join(lines)


def posts_index(ds: nm.Dataset) -> str:
    lines = _title("Posts and their holders")
    for p in ds.posts():
        holders = ds.holders(p)
        count = f": {_count(len(holders), 'holder')} recorded" if holders else ": no holder recorded"
        lines.append(f"- [{p.code}: {_escape(p.title)}](posts/{p.code.lower()}.md){count}")
    lines += ["", *_toctree([f"posts/{p.code.lower()}" for p in ds.posts()])]
    return "\n".join(lines)


# -- topics --------------------------------------------------------------------------


def _narrower(ds: nm.Dataset) -> dict[str, list[nm.Topic]]:
    narrower: dict[str, list[nm.Topic]] = {t.id: [] for t in ds.topics()}
    for t in ds.topics():
        for b in t.broader:
            narrower[b.id].append(t)
    return narrower


def _below(topic: nm.Topic, narrower: dict[str, list[nm.Topic]]) -> list[nm.Topic]:
    """Every topic narrower than ``topic``, at any depth, each once."""
    found: dict[str, nm.Topic] = {}
    todo = list(narrower[topic.id])
    while todo:
        t = todo.pop(0)
        if t.id not in found:
            found[t.id] = t
            todo += narrower[t.id]
    return list(found.values())


def topic_page(ds: nm.Dataset, topic: nm.Topic, narrower: dict[str, list[nm.Topic]]) -> str:
    lines = _title(_escape(topic.label))
    if topic.definition:
        lines += [_escape(topic.definition), ""]
    if topic.aliases:
        lines += [f"Also called: {', '.join(_escape(a) for a in topic.aliases)}.", ""]
    if topic.broader:
        lines += [f"Broader: {', '.join(_topic(b, '../') for b in topic.broader)}.", ""]
    if narrower[topic.id]:
        lines += [f"Narrower: {', '.join(_topic(n, '../') for n in narrower[topic.id])}.", ""]
    below = {t.id for t in _below(topic, narrower)}
    meetings = ds.meetings_about(topic)
    lines += [f"## Meetings about it ({len(meetings)})", ""]
    if below:
        lines += [
            "Counting the narrower topics; a meeting that reached this one only through them",
            "names them.",
            "",
        ]
    items = []
    for c in meetings:
        host = f", {c.host.value} host" if c.host else ""
        if topic in c.topics:
            items.append(f"{_conf(c, '../')}{host}")
        else:
            via = ", ".join(_topic(t, "../") for t in c.topics if t.id in below)
            items.append(f"{_conf(c, '../')}{host}, through {via}")
    lines += _bullets(items, "No meeting in the record.")
    proposals = ds.proposals(topic=topic)
    if proposals:
        lines += [
            f"## Common proposals on it ({len(proposals)})",
            "",
            "By their own topics or their area's, narrower topics included.",
            "",
            *_bullets([f"{_proposal(p, '../')}: {_escape(p.summary)}" for p in proposals]),
        ]
    return "\n".join(lines)


def topics_index(ds: nm.Dataset, narrower: dict[str, list[nm.Topic]]) -> str:
    lines = [
        *_title("Topics"),
        "Every topic of the taxonomy, alphabetically, with the number of conferences that",
        "discussed it or a narrower topic. A topic's page lists them.",
        "",
    ]
    topics = sorted(ds.topics(), key=lambda t: (t.label.lower(), t.id))
    for t in topics:
        count = len(ds.meetings_about(t))
        broader = f" (within {', '.join(_escape(b.label) for b in t.broader)})" if t.broader else ""
        lines.append(f"- {_topic(t, '')}: {count}{broader}")
    lines += ["", *_toctree([f"topics/{t.id}" for t in topics])]
    return "\n".join(lines)


# -- joint declarations --------------------------------------------------------------


def declaration_page(d: nm.JointDeclaration) -> str:
    refs = _Refs("../")
    refs.add(d.sources)
    lines = _title(f"EU–NATO Joint Declaration of {d.date}")
    proposals = (
        f"{d.proposals} in {_count(len(d.proposal_sets), 'set')}" if d.proposal_sets else "no count recorded"
    )
    lines += _facts(
        [
            ("Date", str(d.date)),
            ("Place", _escape(d.place) if d.place else "not recorded"),
            ("Common proposals", proposals),
        ]
    )
    if d.signatories:
        lines += ["## Signatories", "", *_bullets([_escape(s) for s in d.signatories])]
    if d.proposal_sets:
        lines += [
            "## Common proposals",
            "",
            "The sets of common proposals that the EU and NATO councils endorsed to carry it out.",
            "",
        ]
        lines += _bullets(
            [
                f"[{p.date}](../proposals.md#set-{p.id}): {_count(p.count, 'proposal')}{refs.mark(p.sources)}"
                for p in d.proposal_sets
            ]
        )
    notes = [_escape(n) for n in d.notes] + _notes((), d.conflicts, refs)
    if notes:
        lines += ["## Notes", "", *_bullets(notes)]
    lines += refs.section()
    return "\n".join(lines)


def declarations_index(ds: nm.Dataset) -> str:
    lines = [
        *_title("Joint declarations"),
        "The EU–NATO Joint Declarations that frame the staffs' dialogue, by date.",
        "",
    ]
    for d in ds.joint_declarations():
        proposals = f"; {_count(d.proposals, 'common proposal')}" if d.proposals is not None else ""
        lines.append(f"- {_declaration(d, '')}{proposals}")
    lines.append("")
    reports = ds.progress_reports()
    if reports:
        lines += [
            "## Progress reports",
            "",
            "The joint reports on carrying out the common proposals, by number. The record",
            "does not tie them to one declaration.",
            "",
        ]
        refs = _Refs("")
        for r in reports:
            period = ""
            if r.period_start is not None or r.period_end is not None:
                period = (
                    f" Covers {r.period_start or 'an unknown start'} to {r.period_end or 'an unknown end'}."
                )
            sets = (
                " On the proposals of "
                + " and ".join(f"[{s.id}](proposals.md#set-{s.id})" for s in r.proposal_sets)
                + "."
                if r.proposal_sets
                else ""
            )
            notes = " " + " ".join(_escape(n) for n in r.notes) if r.notes else ""
            lines.append(
                f"- Report {r.number}, {_whole(str(r.date))}.{_whole(period)}{sets}{notes}{refs.mark(r.sources)}"
            )
        lines.append("")
        lines += refs.section()
    lines += _toctree([f"declarations/{d.id}" for d in ds.joint_declarations()])
    return "\n".join(lines)


# -- the common proposals ------------------------------------------------------------


def _first_endorsed(ds: nm.Dataset) -> dt.date | None:
    """The day the first set of common proposals was endorsed; ``None`` if the record has none."""
    return min((s.date.earliest() for s in ds.proposal_sets()), default=None)


def _proposal_section(p: nm.Proposal, refs: _Refs) -> list[str]:
    """A proposal on its area's page: a heading of its id, which links to it, and its facts."""
    place = (
        f"item {p.number} of the set of {p.set.id}"
        if p.number
        else f"in the set of {p.set.id}; its place in the text is unknown"
    )
    deadline = f" Deadline: {_whole(str(p.deadline))}." if p.deadline else ""
    topics = f" Topics: {', '.join(_topic(t, '../') for t in p.topics)}." if p.topics else ""
    lines = [f"### {p.id}", "", f"{_escape(p.summary)}.{refs.mark(p.sources)}", ""]
    lines += [f"{_capital(place)}.{deadline}{topics}", ""]
    lines += _bullets([_escape(n) for n in p.notes])
    return lines


def proposal_area_page(ds: nm.Dataset, area: nm.ProposalArea) -> str:
    refs = _Refs("../")
    refs.add(area.sources)
    lines = _title(_escape(area.label))
    subs = [a for a in ds.proposal_areas() if a.parent == area]
    facts = [
        ("Part of", _area(area.parent, "../") if area.parent else "none: an area of its own"),
        ("Topics", ", ".join(_topic(t, "../") for t in area.topics)),
        ("Record id", f"`{area.id}`"),
    ]
    if area.aliases:
        facts.insert(0, ("Also called", ", ".join(_escape(a) for a in area.aliases)))
    if subs:
        facts.insert(1, ("Its parts", ", ".join(_area(a, "../") for a in subs)))
    lines += _facts(facts)
    own = [p for p in ds.proposals(area=area) if p.area == area]
    lines += [f"## Proposals ({len(own)})", ""]
    if subs:
        lines += [
            f"Listed under the area itself; its parts' pages list theirs ({len(ds.proposals(area=area))} in all).",
            "",
        ]
    if not own:
        lines += [
            "The record lists none: the sources read do not show them (see [the sets](../proposals.md)).",
            "",
        ]
    for p in own:
        lines += _proposal_section(p, refs)
    elsewhere = list(
        dict.fromkeys(p for t in area.topics for p in ds.proposals(topic=t) if area not in p.area.path)
    )
    if elsewhere:
        lines += [
            f"## Proposals on its topics in other areas ({len(elsewhere)})",
            "",
            *_bullets(
                [f"{_proposal(p, '../')} ({_escape(p.area.label)}): {_escape(p.summary)}" for p in elsewhere]
            ),
        ]
    meetings = ds.meetings_about(area)
    first = _first_endorsed(ds)
    early = [c for c in meetings if first is not None and c.date.latest() < first]
    lines += [
        f"## Conferences that discussed it ({len(meetings)})",
        "",
        "The conferences with an agenda item on one of its topics"
        + (" or its parts' topics" if subs else "")
        + ", narrower topics included"
        + (", some of them before the first set of proposals was endorsed." if early else "."),
        "",
        *_bullets(
            [_conf(c, "../") + (" (before the proposals)" if c in early else "") for c in meetings],
            "No conference in the record.",
        ),
    ]
    if area.notes:
        lines += ["## Notes", "", *_bullets([_escape(n) for n in area.notes])]
    lines += refs.section()
    return "\n".join(lines)


def proposals_index(ds: nm.Dataset) -> str:
    refs = _Refs("")
    lines = [
        *_title("The common proposals"),
        f"The EU and NATO councils endorsed {_small(len(ds.proposal_sets()), 'set')} of common proposals "
        "to carry out the",
        f"2016 Joint Declaration, {sum(s.count for s in ds.proposal_sets())} in all; the conferences of "
        "the Directors General review",
        "them. The record lists the proposals its sources describe, each summarised in the",
        "project's own words, grouped by area as the texts group them. In Python,",
        '`nm.proposals(area=..., topic=..., set=...)` lists them and `nm.meetings_about(nm.proposal_area("cyber"))`',
        "gives the conferences that discussed an area.",
        "",
        "## The sets",
        "",
    ]
    for s in ds.proposal_sets():
        listed = len(ds.proposals(set=s))
        lines += [
            f"### Set {s.id}",
            "",
            f"Endorsed on {_whole(str(s.date))}: {_count(s.count, 'proposal')}, of which the record "
            f"lists {listed}.{refs.mark(s.sources)}",
            "",
        ]
        extra = [_escape(s.incomplete)] if s.incomplete else []
        extra += [_escape(n) for n in s.notes] + _notes((), s.conflicts, refs)
        lines += _bullets(extra)
    lines += [
        "## The areas",
        "",
        "With the proposals the record lists in each and the conferences that discussed it.",
        "",
    ]
    items = []
    for a in ds.proposal_areas():
        indent = "  " * (len(a.path) - 1)
        count = f"{_count(len(ds.proposals(area=a)), 'proposal')}, {_count(len(ds.meetings_about(a)), 'conference')}"
        items.append(f"{indent}- {_area(a, '')}: {count}")
    lines += [*items, ""]
    try:
        reviewed = ds.meetings_about("common-proposals")
    except nm.UnknownTopicError:  # a data directory without the topic
        reviewed = nm.Results()
    if reviewed:
        lines += [
            f"## Conferences that reviewed the proposals as a whole ({len(reviewed)})",
            "",
            f"Those with an agenda item on {_topic(ds.topic('common-proposals'), '')} itself.",
            "",
            *_bullets([_conf(c, "") for c in reviewed]),
        ]
    lines += refs.section()
    lines += _toctree([f"proposals/{a.id}" for a in ds.proposal_areas()])
    return "\n".join(lines)


# -- sources -------------------------------------------------------------------------


def source_page(
    s: nm.Source,
    cited: list[tuple[Any, list[str]]],
    by_page: dict[tuple[str, str, str], list[nm.Source]],
    as_of: dt.date,
) -> str:
    """A source's page; ``by_page`` holds the record's sources by ``same_page`` of their
    address, so that a re-post links the original as the record holds it."""
    lines = _title(_escape(s.title), "source")
    facts = [
        ("Publisher", _escape(s.publisher)),
        ("Published", str(s.published or "no date given")),
        ("Kind", f"{s.kind.value}, {SOURCE_KINDS[s.kind]}"),
        ("Language", s.language),
        ("Address", f"[{_escape(s.url)}]({s.url})"),
    ]
    if s.repost_of:
        # The very address first, then the same page under another query.
        originals = sorted(
            by_page.get(same_page(s.repost_of), []), key=lambda o: (o.url != s.repost_of, o.id)
        )
        also = f", in the record as {' and '.join(_source(o, '../') for o in originals)}" if originals else ""
        facts.append(("Re-post of", f"[{_escape(s.repost_of)}]({s.repost_of}){also}"))
    lines += _facts(facts)
    if s.notes:
        lines += ["## Notes", "", *_bullets([_escape(n) for n in s.notes])]
    lines += ["## What cites it", ""]
    groups: dict[str, list[str]] = {}
    for record, parts in cited:
        heading, link = _citer(record, "../", as_of)
        shown = [p for p in parts if p]
        if "" in parts and shown:
            shown.insert(0, "the record itself")
        if len(shown) > 1:  # the parts, one a line under the record
            link += "".join(f"\n  - {p}" for p in shown)
        elif shown:
            link += f": {shown[0]}"
        groups.setdefault(heading, []).append(link)
    if not groups:
        lines += ["Nothing in the record.", ""]
    order = {heading: i for i, heading in enumerate(CITER_ORDER)}
    for heading in sorted(groups, key=lambda h: (order.get(h, len(order)), h)):
        lines += [f"### {heading}", "", *_bullets(groups[heading])]
    return "\n".join(lines)


def sources_index(ds: nm.Dataset) -> str:
    lines = [
        *_title("Sources"),
        "Every source the record cites, newest first, then those that show no date; each",
        "page lists what cites it.",
        "",
    ]
    dated = sorted(
        (s for s in ds.sources() if s.published is not None),
        key=lambda s: (*(s.published.sort_key() if s.published else ()), s.id),
        reverse=True,
    )
    undated = sorted((s for s in ds.sources() if not s.published), key=lambda s: s.id)
    lines += _bullets(
        [
            f"{_whole(str(s.published))}: {_source(s, '')}. {_escape(s.publisher)}, {s.kind.value}"
            for s in dated
        ]
    )
    if undated:
        lines += ["## No date given", ""]
        lines += _bullets([f"{_source(s, '')}. {_escape(s.publisher)}, {s.kind.value}" for s in undated])
    lines += _toctree([f"sources/{s.id}" for s in [*dated, *undated]])
    return "\n".join(lines)


# -- coverage and the release --------------------------------------------------------


def _last_day(end: dt.date) -> dt.date:
    """The last day of a half-open range that ends before ``end``."""
    return end if end == dt.date.max else end - dt.timedelta(days=1)


def coverage_page(ds: nm.Dataset) -> str:
    cov = ds.coverage()
    handled = {
        "first",
        "as_of",
        "missing_half_years",
        "unknown_hosts",
        "partial_dates",
        "weak_evidence",
        "single_repost",
        "inferred",
        "unknown_tenure_bounds",
        "holder_gaps",
        "series_since",
        "unnumbered",
        "searched",
        "partial_proposal_sets",
        "proposals_by_area",
        "undiscussed_areas",
    }
    unknown = {f.name for f in attrs.fields(type(cov))} - handled
    if unknown:  # a new part of the report must be shown here too
        raise RuntimeError(f"coverage_page does not show Coverage.{', '.join(sorted(unknown))}")
    lines = [
        *_title("Coverage: what the record lacks"),
        f"The record runs from {cov.first or 'no conference'} to {cov.as_of}: {as_of_note(cov.as_of)}.",
        "Below, what it lacks in that span; in Python, `nm.coverage()` gives the same lists.",
        "",
    ]

    def section(title: str, items: list[str], about: str = "") -> None:
        lines.extend([f"### {title} ({len(items)})", ""])
        if about:
            lines.extend([about, ""])
        lines.extend(_bullets(items, "None."))

    if cov.series_since is not None:
        lines += [f"The sources say the series began in {cov.series_since.year}.", ""]
    if cov.unnumbered is not None:
        n = cov.unnumbered
        lines += [
            "## Meetings the numbering implies",
            "",
            f"The {_conf(n.first_numbered, '')} conference is the first a source numbers "
            f"({n.first_numbered.ordinal}): {n.before} came before it, of which the record holds "
            f"{n.recorded}, so **{n.unrecorded} are unrecorded**. This assumes the numbering counts "
            "every meeting once, from the first; it dates none of them.",
            "",
        ]
    if cov.searched:
        lines += [f"## Searched for and not found ({len(cov.searched)})", ""]
        for search in cov.searched:
            terms = "; ".join(f"“{t}”" for t in search.terms)
            lines += [f"- **{search.subject}** ({search.on}): {search.result} Terms tried: {terms}."]
        lines.append("")
    lines += [f"## Half-years with no known conference ({len(cov.missing_half_years)})", ""]
    lines += [", ".join(cov.missing_half_years) + "." if cov.missing_half_years else "None.", ""]
    lines += ["## Conferences", ""]
    section("Unknown host", [_conf(c, "") for c in cov.unknown_hosts])
    section("Partial date", [_conf(c, "") for c in cov.partial_dates])
    section(
        "Known only from a mention or the numbering",
        [f"{_conf(c, '')}: {c.evidence.value}, {EVIDENCE[c.evidence]}" for c in cov.weak_evidence],
    )
    section(
        "Resting on a single re-post or news item",
        [f"{_conf(c, '')}: {_source(c.sources[0], '')}" for c in cov.single_repost],
    )
    inferred: dict[str, tuple[nm.Conference, list[str]]] = {}
    for c, field in cov.inferred:
        inferred.setdefault(c.id, (c, []))[1].append(field)
    section(
        "With inferred values",
        [f"{_conf(c, '')}: {', '.join(map(field_words, fields))}" for c, fields in inferred.values()],
        f"{_count(len(cov.inferred), 'value')} in all; each conference's page gives the reasoning.",
    )
    lines += ["## Post holders", ""]
    section(
        "Tenures with an unknown start or end",
        [
            f"{_official(a.official, '')}, {_post(a.post, '')}: {_tenure(a, ds.info.as_of)}"
            for a in cov.unknown_tenure_bounds
        ],
    )
    section(
        "Periods with no known holder",
        [_whole(f"{_post(g.post, '')}: {g.start} to {_last_day(g.end)}") for g in cov.holder_gaps],
        "Both days included.",
    )
    lines += ["## The common proposals", ""]
    section(
        "Sets listed in part",
        [
            f"[{s.id}](proposals.md#set-{s.id}): {n} of {s.count} listed. {_escape(s.incomplete or '')}"
            for s, n in cov.partial_proposal_sets
        ],
    )
    section(
        "Proposals listed per area",
        [f"{_area(a, '')}: {n}" for a, n in cov.proposals_by_area],
        "Counting each area's parts; an area with none listed may still hold proposals the sources do not show.",
    )
    section(
        "Areas no conference discussed",
        [_area(a, "") for a in cov.undiscussed_areas],
        "No conference in the record had an agenda item on one of their topics.",
    )
    return "\n".join(lines)


# Where a change's record has its page, by table; an appointment's is its official's.
_CHANGED_PAGE = {
    "conferences": "conferences/{}.md",
    "officials": "officials/{}.md",
    "appointments": "officials/{}.md",
    "sources": "sources/{}.md",
    "topics": "topics/{}.md",
    "joint_declarations": "declarations/{}.md",
    "posts": "posts/{}.md",
}


def changes_page(ds: nm.Dataset) -> str:
    """The data change log of the bundled data, newest release first. A record that a
    later change renamed links to its page under the new id; one removed links nowhere."""
    from natoeu_milstaff._changes import releases

    renamed = {c.old: c.new for c in nm.changes() if c.field == "id" and c.old and c.new}
    pages = {
        "conferences": {c.id for c in ds.conferences()},
        "officials": {o.id for o in ds.officials()},
        "appointments": {a.official.id for a in ds.appointments()},
        "sources": {x.id for x in ds.sources()},
        "topics": {t.id for t in ds.topics()},
        "joint_declarations": {d.id for d in ds.joint_declarations()},
        "posts": {p.code.lower() for p in ds.posts()},
    }

    def link(table: str, key: str, shown: str) -> str:
        key = renamed.get(key, key)
        if table in _CHANGED_PAGE and key in pages.get(table, set()):
            return f"[{shown}]({_CHANGED_PAGE[table].format(key)})"
        return shown

    lines = [
        *_title("Data changes"),
        "What each data release added, sharpened, corrected or removed, field by field. In",
        'Python, `nm.changes(since="2026.11.22")` gives the changes after a release; from the',
        "shell, `python -m natoeu_milstaff changes --since 2026.11.22`. Pin an analysis to",
        "`nm.DATA_VERSION` and ask what changed since.",
        "",
    ]
    for version in reversed(releases()):
        found = [c for c in nm.changes() if c.release == version]
        lines += [f"## Release {version} ({found[0].date if found else ''})", ""]
        for change in found:
            key = change.record.split("@")[0] if change.table == "appointments" else change.record
            key = key.lower() if change.table == "posts" else key
            name = link(change.table, key, f"`{change.record}`")
            what = f"{change.field}: " if change.field else ""
            values = f"{_quoted(change.old)} → {_quoted(change.new)}"
            cited = ", ".join(link("sources", sid, sid) for sid in change.sources)
            reason = change.reason.replace("*", "\\*")  # as written, not emphasis
            lines.append(
                f"- {name} ({change.table}), {what}{values}, {change.kind.value}. {reason}"
                + (f" Sources: {cited}." if cited else "")
            )
        lines.append("")
    return "\n".join(lines)


def _quoted(value: str | None) -> str:
    return "none" if value is None else "“" + value.replace("*", "\\*") + "”"


def release_page(ds: nm.Dataset) -> str:
    release = ds.release()
    span = f"{release.first} to {release.last}" if release.first else "no conference"
    lines = [
        *_title("Data release"),
        "Which data this site shows, and how to cite it. In Python, `nm.data_release()` gives",
        "these facts and `nm.cite()` the citation.",
        "",
        *_facts(
            [
                ("Data version", release.version),
                ("Package version", nm.__version__),
                ("Checked against its sources", str(release.as_of)),
                ("Conferences", span),
                ("Changes from earlier releases", "[the data change log](changes.md)"),
            ]
        ),
        "Fingerprint, a SHA-256 of the data's canonical form, which changes when any fact does:",
        "",
        "```{code-block} text",
        ":class: wrap",
        "",
        release.fingerprint,
        "```",
        "",
        "## Rows by table",
        "",
        "As `nm.records()` and every export give them.",
        "",
        "| Table | Rows |",
        "|---|--:|",
    ]
    lines += [f"| {table} | {len(rows)} |" for table, rows in ds.records().items()]
    counts = Counter(c.evidence for c in ds.conferences())
    lines += ["", "## Conferences by evidence", ""]
    lines += _bullets([f"{e.value}: {counts[e]}, {EVIDENCE[e]}" for e in nm.Evidence])
    lines += ["## How to cite", "", "In text:", ""]
    for style, caption in (("text", None), ("bibtex", "In BibTeX:")):
        if caption:
            lines += [caption, ""]
        lines += ["```{code-block} " + ("text" if style == "text" else "bibtex"), ":class: wrap", ""]
        lines += [cite(release, nm.__version__, style), "```", ""]
    return "\n".join(lines)


# -- the exported tables -------------------------------------------------------------


def tables_page() -> str:
    """The exported tables, their cells, types, descriptions and constraints: the same
    descriptions the CSV header, the data package and the JSON Schema are made from."""
    from natoeu_milstaff._export import CELLS, FLAT_TABLES

    lines = [
        "# The exported tables",
        "",
        "`records()` and every export (CSV, JSON, the data package, Parquet, SQLite) hold these",
        "tables, with these cells in this order. A partial date is four cells: its EDTF text, its",
        "precision, and the first and last day it can mean (`date`, `date_precision`,",
        "`date_start`, `date_end`); use the last two to sort, filter and join by date. A list is",
        "a JSON array in a CSV cell. A cell marked *derived* is worked out from the others and",
        "checked when the table is read back.",
        "",
        "The JSON export's schema: {download}`dataset.schema.json <dataset.schema.json>`.",
        "",
    ]
    for table in FLAT_TABLES:
        keys = ", ".join(f"`{c.name}`" for c in table.columns if c.key)
        lines += [f"## {table.name}", "", f"Each row: {table.about}. Key: {keys}.", ""]
        for cell in CELLS[table.name]:
            lines.append(f"- `{cell.name}` ({_cell_kind(cell)}): {cell.about}{_cell_values(cell)}")
        lines.append("")
    return "\n".join(lines)


_KINDS = {
    "string": "text",
    "integer": "whole number",
    "boolean": "true/false",
    "date": "day",
    "array": "list",
}
# The patterns of _export, in words.
_PATTERNS = {
    SLUG_PATTERN: "lower-case letters and digits in words joined by hyphens",
    EDTF_PATTERN: "for example `2021`, `2021-11`, `2021-11-16` or `2014~`",
    URL_PATTERN: "an http or https URL",
}


def _cell_kind(cell: Any) -> str:
    return _KINDS[cell.type] + (", key" if cell.key else "") + (", derived" if cell.derived else "")


def _cell_values(cell: Any) -> str:
    """What values a cell may take, in words: the records it refers to, its fixed set, its form."""
    parts = []
    refers = cell.refers or (cell.column.refers if cell.column.type == "array" else None)
    if refers:
        parts.append(
            f"{'ids' if cell.type == 'array' else 'an id'} in [{refers}](#{refers.replace('_', '-')})"
        )
    if len(cell.values) > 12:
        parts.append(f"one of {len(cell.values)} codes")
    elif cell.values:
        parts.append("one of " + ", ".join(f"`{v}`" for v in cell.values))
    elif cell.pattern:
        parts.append(_PATTERNS[cell.pattern])  # a new pattern needs its words here
    if not parts:
        return "."
    text = "; ".join(parts)
    return f". {text[0].upper()}{text[1:]}."


def notebook_example(ds: nm.Dataset) -> str:
    """What a notebook shows for ``conferences(year=2022)``: the library's own HTML, in a
    frame that the tutorial's stylesheet (``_static/notebook.css``) draws like a cell's output.
    A line break after each cell, which the page does not show, keeps the search index
    from gluing one cell's last word to the next cell's first ("headquartershervé")."""
    table = ds.conferences(year=2022)._repr_html_().replace("</td>", "</td>\n").replace("</th>", "</th>\n")
    return f'<div class="notebook-output">\n{table}\n</div>\n'


# -- the timeline's placeholders -----------------------------------------------------

# Written only where the build does not load the timeline extension (docs/_ext/timeline.py),
# which writes the real ones.
TIMELINE_PLACEHOLDERS = {
    "timeline.md": (
        "# Timeline\n\n"
        "The timeline of conferences and post holders is drawn by the site's timeline\n"
        "extension, which this build did not run. Meanwhile, see the\n"
        "[conferences](conferences.md) and the [posts and their holders](posts.md).\n"
    ),
    "timeline-small.html": (
        "<!-- A placeholder: the timeline extension (docs/_ext/timeline.py) replaces this file. -->\n"
        '<p><a href="data/timeline.html">The timeline of conferences and post holders</a></p>\n'
    ),
}


# -- all of it -----------------------------------------------------------------------


def generate(out: Path, ds: nm.Dataset | None = None, *, placeholders: bool = False) -> list[Path]:
    """Write every generated page below ``out``, with the timeline's placeholders if
    ``placeholders``; returns the files written."""
    ds = ds or nm.Dataset.bundled()
    for folder in FOLDERS:
        (out / folder).mkdir(parents=True, exist_ok=True)
    narrower = _narrower(ds)
    pages: dict[Path, str] = {
        out / "conferences.md": conferences_index(ds, "timeline.md"),
        out / "officials.md": officials_index(ds),
        out / "posts.md": posts_index(ds),
        out / "topics.md": topics_index(ds, narrower),
        out / "declarations.md": declarations_index(ds),
        out / "proposals.md": proposals_index(ds),
        out / "sources.md": sources_index(ds),
        out / "coverage.md": coverage_page(ds),
        out / "release.md": release_page(ds),
        out / "changes.md": changes_page(ds),
        out / "tables.md": tables_page(),
        out / "dataset.schema.json": json.dumps(json_schema(), ensure_ascii=False, indent=1) + "\n",
        out / "notebook-conferences-2022.html": notebook_example(ds),
    }
    series = list(ds.conferences())
    for i, c in enumerate(series):
        before = series[i - 1] if i > 0 else None
        after = series[i + 1] if i + 1 < len(series) else None
        pages[out / "conferences" / f"{c.id}.md"] = conference_page(ds, c, before, after)
    for o in ds.officials():
        pages[out / "officials" / f"{o.id}.md"] = official_page(ds, o)
    for p in ds.posts():
        pages[out / "posts" / f"{p.code.lower()}.md"] = post_page(ds, p)
    for t in ds.topics():
        pages[out / "topics" / f"{t.id}.md"] = topic_page(ds, t, narrower)
    for d in ds.joint_declarations():
        pages[out / "declarations" / f"{d.id}.md"] = declaration_page(d)
    for a in ds.proposal_areas():
        pages[out / "proposals" / f"{a.id}.md"] = proposal_area_page(ds, a)
    cited = citations(ds)
    by_page: dict[tuple[str, str, str], list[nm.Source]] = {}
    for s in ds.sources():
        by_page.setdefault(same_page(s.url), []).append(s)
    for s in ds.sources():
        pages[out / "sources" / f"{s.id}.md"] = source_page(s, cited[s.id], by_page, ds.info.as_of)
    if placeholders:
        pages.update({out / name: text for name, text in TIMELINE_PLACEHOLDERS.items()})
    for folder in FOLDERS:  # pages of records the data no longer has
        for stale in set((out / folder).glob("*.md")) - set(pages):
            stale.unlink()
    for path, text in pages.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return list(pages)


def _on_builder_inited(app: Any) -> None:
    # Every extension of conf.py is loaded by now, the timeline's too if the build has it.
    generate(Path(app.srcdir) / "data", placeholders="timeline" not in app.extensions)


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _on_builder_inited)
    app.add_css_file("datapages.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
