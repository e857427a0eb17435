"""Generate the data pages of the documentation from the bundled dataset.

At ``builder-inited`` this writes ``docs/data/``: one page per conference, one per
post with its holders, a topics index linking to the meetings, the coverage page,
``timeline.svg``, and the notebook table the tutorial shows. The files are build
output (git ignores them).
"""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path
from typing import Any

import natoeu_milstaff as nm
from natoeu_milstaff._codes import URL_PATTERN
from natoeu_milstaff._export import EDTF_PATTERN, SLUG_PATTERN, json_schema

HOST_COLOUR = {"NATO": "#1f4e9c", "EU": "#c68a00", None: "#888888"}


def _link(source: nm.Source) -> str:
    published = f", {source.published}" if source.published else ""
    return f"[{_escape(source.title)}]({source.url}) ({_escape(source.publisher)}{published}, {source.kind.value})"


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")


def _sources(sources: tuple[nm.Source, ...]) -> list[str]:
    return [f"- {_link(s)}" for s in sources]


def _basis(c: nm.Conference, field: str) -> str:
    return " *(inferred)*" if c.basis(field) is nm.Basis.INFERRED else ""


def _nth(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _short(name: str) -> str:
    """The surname for a timeline label: from a lowercase particle on, else the last word."""
    words = name.split()
    for i, word in enumerate(words[1:], start=1):
        if word[:1].islower():
            return " ".join(words[i:])
    return words[-1]


def conference_page(c: nm.Conference) -> str:
    lines = [f"# Conference of {c.date}" + (f" ({_nth(c.ordinal)})" if c.ordinal else ""), ""]
    lines += ["| | |", "|---|---|"]
    lines.append(
        f"| Date | {c.date}" + (f" to {c.end_date}" if c.end_date else "") + f"{_basis(c, 'date')} |"
    )
    lines.append(f"| Ordinal | {c.ordinal if c.ordinal is not None else 'not stated'} |")
    lines.append(f"| Host | {c.host.value if c.host else 'unknown'}{_basis(c, 'host')} |")
    lines.append(f"| Venue | {_escape(c.venue) if c.venue else 'unknown'}{_basis(c, 'venue')} |")
    lines.append(f"| Format | {c.format.value if c.format else 'unknown'}{_basis(c, 'format')} |")
    lines.append(f"| Evidence | {c.evidence.value} |")
    lines.append("")
    if c.co_chairs:
        lines += ["## Co-chairs", ""]
        for chair in c.co_chairs:
            stand_in = f", standing in for {chair.standing_in_for.name}" if chair.standing_in_for else ""
            rank = f"{chair.rank} " if chair.rank else ""
            lines.append(
                f"- {rank}{chair.official.name}, [{chair.post.code}](../posts/{chair.post.code.lower()}.md){stand_in}"
            )
        lines.append("")
    if c.agenda:
        lines += ["## Agenda", ""]
        for item in c.agenda:
            topics = ", ".join(f"[{t.label}](../topics.md#{t.id})" for t in item.topics)
            briefers = f" Briefed by {', '.join(item.briefers)}." if item.briefers else ""
            lines.append(f"- {_escape(item.title)}.{briefers} Topics: {topics}.")
        lines.append("")
    if c.figures:
        lines += (
            ["## Figures stated", ""] + [f"- {_escape(f.label)}: **{f.value}**" for f in c.figures] + [""]
        )
    if c.next_meeting:
        nm_ = c.next_meeting
        host = f", to be hosted by the {nm_.host.value}" if nm_.host else ""
        lines += ["## Next meeting announced", "", f"{nm_.as_stated or nm_.date}{host}.", ""]
    if c.inferences or c.conflicts or c.notes:
        lines += ["## Notes", ""]
        lines += [f"- {_escape(n)}" for n in c.notes]
        lines += [f"- Inferred {i.field}: {_escape(i.reason)}" for i in c.inferences]
        lines += [f"- A source gives {x.field} as {x.value}: {_escape(x.note)}" for x in c.conflicts]
        lines.append("")
    lines += ["## Sources", "", *_sources(c.sources), ""]
    return "\n".join(lines)


def post_page(ds: nm.Dataset, post: nm.Post) -> str:
    lines = [f"# {post.code}: {post.title}", "", f"Organisation: {post.organisation.value}.", ""]
    holders = ds.holders(post)
    if not holders:
        return "\n".join([*lines, "No holder is recorded yet.", ""])
    lines += ["| Official | Nationality | From | To | Sources |", "|---|---|---|---|---|"]
    for a in holders:
        start = str(a.start) if a.start else "unknown"
        end = f"in office as of {ds.info.as_of}" if a.in_office else (str(a.end) if a.end else "unknown")
        if a.attested and (a.start is None or a.end is None):
            start += " (attested " + ", ".join(str(d) for d in a.attested) + ")"
        refs = ", ".join(f"[{i + 1}]({s.url})" for i, s in enumerate(a.sources))
        lines.append(
            f"| {a.official.name} | {a.official.nationality or 'unknown'} | {start} | {end} | {refs} |"
        )
    lines.append("")
    notes = [(a, x) for a in holders for x in (*a.inferences, *a.conflicts)]
    if notes:
        lines += ["## Notes", ""]
        for a, x in notes:
            if isinstance(x, nm.Inference):
                lines.append(f"- {a.official.name}, inferred {x.field}: {_escape(x.reason)}")
            else:
                lines.append(f"- {a.official.name}, a source gives {x.field} as {x.value}: {_escape(x.note)}")
        lines.append("")
    return "\n".join(lines)


def topics_page(ds: nm.Dataset) -> str:
    lines = ["# Topics", "", "Each topic lists the conferences that discussed it or a narrower topic.", ""]
    for topic in sorted(ds.topics(), key=lambda t: t.label.lower()):
        meetings = ds.meetings_about(topic)
        links = ", ".join(f"[{c.date}](conferences/{c.id}.md)" for c in meetings) or "none yet"
        broader = ", ".join(f"[{b.label}](#{b.id})" for b in topic.broader)
        lines += [f"({topic.id})=", f"## {topic.label}", ""]
        if broader:
            lines += [f"Broader: {broader}.", ""]
        lines += [f"Conferences: {links}.", ""]
    return "\n".join(lines)


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


def coverage_page(ds: nm.Dataset) -> str:
    return "\n".join(["# Coverage: what the record lacks", "", "```text", str(ds.coverage()), "```", ""])


def conferences_index(ds: nm.Dataset) -> str:
    lines = [
        "# Conferences",
        "",
        "![Timeline](timeline.svg)",
        "",
        "| Date | No. | Host | Evidence | Co-chairs |",
        "|---|---|---|---|---|",
    ]
    for c in ds.conferences():
        chairs = " / ".join(ch.official.name for ch in c.co_chairs) or "unknown"
        lines.append(
            f"| [{c.date}](conferences/{c.id}.md) | {c.ordinal or ''} | "
            f"{c.host.value if c.host else 'unknown'}{_basis(c, 'host')} | {c.evidence.value} | {chairs} |"
        )
    lines += (
        ["", "```{toctree}", ":hidden:", ""] + [f"conferences/{c.id}" for c in ds.conferences()] + ["```", ""]
    )
    return "\n".join(lines)


def posts_index(ds: nm.Dataset) -> str:
    lines = ["# Posts and their holders", ""]
    lines += [f"- [{p.code}: {p.title}](posts/{p.code.lower()}.md)" for p in ds.posts()]
    lines += (
        ["", "```{toctree}", ":hidden:", ""] + [f"posts/{p.code.lower()}" for p in ds.posts()] + ["```", ""]
    )
    return "\n".join(lines)


def notebook_example(ds: nm.Dataset) -> str:
    """What a notebook shows for ``conferences(year=2022)``: the library's own HTML, in a
    frame that the tutorial's stylesheet (``_static/notebook.css``) draws like a cell's output."""
    return f'<div class="notebook-output">\n{ds.conferences(year=2022)._repr_html_()}\n</div>\n'


def timeline_svg(ds: nm.Dataset) -> str:
    """Post holders as bars, one lane per post, and conferences as dots by host."""
    first_year = min(
        [a.possible_window()[0].year for a in ds.appointments() if a.start is not None]
        + [c.date.earliest().year for c in ds.conferences()]
    )
    first = dt.date(max(first_year, 2000), 1, 1)
    last = dt.date(ds.info.as_of.year + 1, 1, 1)
    width, left, lane = 900, 90, 42
    posts = [p for p in ds.posts() if ds.holders(p)]
    height = 60 + lane * (len(posts) + 1)

    def x(day: dt.date) -> float:
        day = min(max(day, first), last)
        return left + (width - left - 20) * (day - first).days / (last - first).days

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        'font-family="sans-serif" font-size="14" role="img" aria-label="Timeline of post holders and conferences">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    for year in range(first.year, last.year + 1, 4):
        xx = x(dt.date(year, 1, 1))
        parts.append(f'<line x1="{xx:.1f}" y1="20" x2="{xx:.1f}" y2="{height - 20}" stroke="#e5e5e5"/>')
        parts.append(f'<text x="{xx:.1f}" y="{height - 6}" text-anchor="middle" fill="#555">{year}</text>')
    for row, post in enumerate(posts):
        y = 30 + row * lane
        parts.append(f'<text x="8" y="{y + 18}" font-weight="bold">{post.code}</text>')
        for i, a in enumerate(ds.holders(post)):
            low, high = a.possible_window()
            if a.in_office:
                high = ds.info.as_of
            x1, x2 = x(low), x(min(high, last))
            if x2 - x1 < 6:  # a tenure known from a day or two: a visible mark
                x1, x2 = x1 - 3, x1 + 3
            fill = "#6b8fc7" if i % 2 == 0 else "#a9c0e6"
            name = html.escape(a.official.name)
            parts.append(
                f'<rect x="{x1:.1f}" y="{y}" width="{x2 - x1:.1f}" height="26" fill="{fill}" rx="3">'
                f"<title>{name} ({a.start or '?'} to "
                f"{a.end or (f'in office as of {ds.info.as_of}' if a.in_office else '?')})</title></rect>"
            )
            label = html.escape(_short(a.official.name))
            if x2 - x1 > 8 * len(label):
                parts.append(
                    f'<text x="{(x1 + x2) / 2:.1f}" y="{y + 17}" text-anchor="middle">{label}</text>'
                )
    y = 30 + len(posts) * lane + 10
    parts.append(f'<text x="8" y="{y + 4}" font-weight="bold">Meetings</text>')
    for c in ds.conferences():
        host = c.host.value if c.host else None
        parts.append(
            f'<circle cx="{x(c.date.earliest()):.1f}" cy="{y}" r="6" fill="{HOST_COLOUR[host]}">'
            f"<title>{c.date}: host {host or 'unknown'}</title></circle>"
        )
    legend_x = width - 260
    for i, (label, colour) in enumerate(
        (("NATO host", "#1f4e9c"), ("EU host", "#c68a00"), ("host unknown", "#888888"))
    ):
        parts.append(f'<circle cx="{legend_x + i * 88}" cy="12" r="5" fill="{colour}"/>')
        parts.append(f'<text x="{legend_x + 8 + i * 88}" y="16">{label}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def generate(out: Path, ds: nm.Dataset | None = None) -> list[Path]:
    """Write every generated page below ``out``; returns the files written."""
    ds = ds or nm.Dataset.bundled()
    (out / "conferences").mkdir(parents=True, exist_ok=True)
    (out / "posts").mkdir(parents=True, exist_ok=True)
    pages: dict[Path, str] = {
        out / "conferences.md": conferences_index(ds),
        out / "posts.md": posts_index(ds),
        out / "topics.md": topics_page(ds),
        out / "coverage.md": coverage_page(ds),
        out / "tables.md": tables_page(),
        out / "dataset.schema.json": json.dumps(json_schema(), ensure_ascii=False, indent=1) + "\n",
        out / "timeline.svg": timeline_svg(ds),
        out / "notebook-conferences-2022.html": notebook_example(ds),
    }
    for c in ds.conferences():
        pages[out / "conferences" / f"{c.id}.md"] = conference_page(c)
    for p in ds.posts():
        pages[out / "posts" / f"{p.code.lower()}.md"] = post_page(ds, p)
    for folder in ("conferences", "posts"):  # pages of records the data no longer has
        for stale in set((out / folder).glob("*.md")) - set(pages):
            stale.unlink()
    for path, text in pages.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return list(pages)


def _on_builder_inited(app: Any) -> None:
    generate(Path(app.srcdir) / "data")


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _on_builder_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
