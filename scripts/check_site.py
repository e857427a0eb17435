"""Check the built documentation site as a reader meets it, without a person.

    .venv/bin/python scripts/check_site.py docs/_build/html

Prints one line per problem and exits 1 if there is any:

- an internal link (``href`` or ``src``) that names no file of the site, leads out of
  the site's folder, or names an anchor (``#part``) that its page does not have;
- a ``url(#id)`` in a drawing's attribute (fill, stroke, mask...) naming no id of its
  page, and an id given twice on one page;
- a record of the bundled data without its page (every conference, official, post,
  topic, joint declaration and source has one, under ``data/``);
- a timeline (its own page, and the small one on the landing page) without one
  labelled bar per tenure, linked to its official's page, and one mark per meeting,
  linked to its conference's page and coloured by the conference's host.

The test suite runs it on a fresh build (tests/test_site.py).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import natoeu_milstaff as nm


@dataclass
class Page:
    """What the checks need of one HTML page."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    svgs: list[Drawing] = field(default_factory=list)
    duplicate_ids: list[str] = field(default_factory=list)
    painted: list[str] = field(default_factory=list)  # the ids of url(#id) references


@dataclass
class Drawing:
    """What one SVG picture draws: timeline bars (their data- attributes), labels, meetings."""

    tenures: list[dict[str, str]] = field(default_factory=list)  # with "href" and "label"
    labels: int = 0
    meetings: list[dict[str, str]] = field(default_factory=list)  # with "href"
    links: list[str] = field(default_factory=list)


_URL_REF = re.compile(r"url\(\s*['\"]?#([^)'\"\s]+)['\"]?\s*\)")


class _Reader(HTMLParser):
    """One page: its ids, links and drawings. A drawing runs from ``<svg>`` to its
    ``</svg>``; within it, each tenure and meeting is seen with the link around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._drawing: Drawing | None = None
        self._depth = 0  # of nested svg elements
        self._anchors: list[str] = []  # the hrefs of the open <a> elements in the drawing
        self._tenure: dict[str, str] | None = None
        self._in_label = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in ("id", "name"):
            if values.get(name) and (name == "id" or tag == "a"):
                if name == "id" and values[name] in self.page.ids:
                    self.page.duplicate_ids.append(values[name])
                self.page.ids.add(values[name])
        if tag == "svg":
            if self._drawing is None:
                self._drawing = Drawing()
                self.page.svgs.append(self._drawing)
            self._depth += 1
        drawing = self._drawing
        href = values.get("href") or values.get("xlink:href") or ""
        for name in ("href", "src", "xlink:href"):
            if values.get(name):
                self.page.links.append(values[name])
                if drawing is not None:
                    drawing.links.append(values[name])
        if drawing is None:
            return
        for name, value in values.items():
            if name not in ("href", "xlink:href"):
                self.page.painted += _URL_REF.findall(value)
        if tag == "a":
            self._anchors.append(href)
        around = self._anchors[-1] if self._anchors else ""
        classes = values.get("class", "").split()
        if tag == "g" and "tenure" in classes:
            self._tenure = {**values, "href": around, "label": ""}
            drawing.tenures.append(self._tenure)
        if tag == "text" and "label" in classes:
            self._in_label = True
        if tag == "circle" and "meeting" in classes:
            drawing.meetings.append({**values, "href": around})

    def handle_data(self, data: str) -> None:
        if self._in_label and data.strip() and self._drawing is not None:
            self._drawing.labels += 1
            if self._tenure is not None:
                self._tenure["label"] += data.strip()
            self._in_label = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "text":
            self._in_label = False
        if self._drawing is None:
            return
        if tag == "a" and self._anchors:
            self._anchors.pop()
        if tag == "g":
            self._tenure = None
        if tag == "svg":
            self._depth -= 1
            if self._depth == 0:
                self._drawing, self._anchors, self._tenure = None, [], None


def read_page(path: Path) -> Page:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader.page


def link_problems(site: Path, pages: dict[Path, Page]) -> list[str]:
    """Internal links to no file or out of the site, anchors their page lacks, ``url(#id)``
    references to no id of their page, and ids given twice on a page."""
    found = []
    for path, page in sorted(pages.items()):
        shown = path.relative_to(site)
        for ref in sorted(set(page.painted) - page.ids):
            found.append(f"{shown}: a drawing refers to url(#{ref}), which the page lacks")
        for duplicate in sorted(set(page.duplicate_ids)):
            found.append(f"{shown}: the id {duplicate!r} is given more than once")
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:", "javascript:")):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path.resolve()
            if not target.is_relative_to(site):
                found.append(f"{shown}: link {link!r} leads out of the site")
                continue
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                found.append(f"{shown}: link {link!r} names no file of the site")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else read_page(target).ids
                if unquote(parts.fragment) not in ids:
                    found.append(f"{shown}: link {link!r}: its page has no anchor {parts.fragment!r}")
    return found


def record_pages(ds: nm.Dataset) -> dict[str, list[str]]:
    """The page each record should have, by kind, relative to the site's root."""
    return {
        "conference": [f"data/conferences/{c.id}.html" for c in ds.conferences()],
        "official": [f"data/officials/{o.id}.html" for o in ds.officials()],
        "post": [f"data/posts/{p.code.lower()}.html" for p in ds.posts()],
        "topic": [f"data/topics/{t.id}.html" for t in ds.topics()],
        "declaration": [f"data/declarations/{d.id}.html" for d in ds.joint_declarations()],
        "proposal area": [f"data/proposals/{a.id}.html" for a in ds.proposal_areas()],
        "source": [f"data/sources/{s.id}.html" for s in ds.sources()],
    }


def missing_pages(site: Path, ds: nm.Dataset) -> list[str]:
    return [
        f"the {kind} page {page} is missing"
        for kind, wanted in record_pages(ds).items()
        for page in wanted
        if not (site / page).is_file()
    ]


def _leads_to(href: str, page: str, wanted: str) -> bool:
    """Whether ``href``, on the site's ``page``, names the site's page ``wanted``."""
    base = page.rsplit("/", 1)[0] + "/" if "/" in page else ""
    path = urlsplit(href).path
    return bool(path) and not urlsplit(href).scheme and _normal(base + path) == wanted


def _normal(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if not parts:
                return "../" + path  # out of the site: matches no page
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def timeline_problems(site: Path, ds: nm.Dataset) -> list[str]:
    """Each timeline (each SVG with bars on its own page and on the landing page): a
    labelled bar per tenure, inside a link to its official's page, and a mark per
    meeting, inside a link to its conference's page, coloured by its host."""
    found = []
    tenures = sorted(f"{a.official.id} {a.post.code}" for a in ds.appointments())
    meetings = sorted(c.id for c in ds.conferences())
    hosts = {c.id: c.host.value if c.host else "unknown" for c in ds.conferences()}
    surnames = {a.official.id: a.official.name for a in ds.appointments()}
    for page in ("data/timeline.html", "index.html"):
        path = site / page
        if not path.is_file():
            found.append(f"{page}: missing")
            continue
        drawings = [d for d in read_page(path).svgs if d.tenures or d.meetings]
        if not drawings:
            found.append(f"{page}: no timeline")
        for number, drawing in enumerate(drawings, start=1):
            where = f"{page}, timeline {number}"
            drawn = sorted(f"{t.get('data-official')} {t.get('data-post')}" for t in drawing.tenures)
            if drawn != tenures:
                found.append(f"{where}: draws tenures {drawn}, the record has {tenures}")
            if drawing.labels < len(tenures):
                found.append(f"{where}: {drawing.labels} labelled bars for {len(tenures)} tenures")
            marked = sorted(m.get("data-conference", "") for m in drawing.meetings)
            if marked != meetings:
                found.append(f"{where}: marks meetings {marked}, the record has {meetings}")
            for t in drawing.tenures:
                official = t.get("data-official", "")
                if not _leads_to(t["href"], page, f"data/officials/{official}.html"):
                    found.append(f"{where}: the bar of {official} links to {t['href']!r}, not its page")
                label = t["label"]
                if not label or label not in surnames.get(official, ""):
                    found.append(f"{where}: the bar of {official} is labelled {label!r}")
            for m in drawing.meetings:
                conference = m.get("data-conference", "")
                if not _leads_to(m["href"], page, f"data/conferences/{conference}.html"):
                    found.append(f"{where}: the mark of {conference} links to {m['href']!r}, not its page")
                if conference in hosts and m.get("data-host") != hosts[conference]:
                    found.append(
                        f"{where}: the mark of {conference} shows the host {m.get('data-host')!r}, "
                        f"the record has {hosts[conference]!r}"
                    )
    return found


def check(site: Path, ds: nm.Dataset | None = None) -> list[str]:
    """Every problem the built site at ``site`` has."""
    ds = ds or nm.Dataset.bundled()
    site = site.resolve()
    pages = {path.resolve(): read_page(path) for path in sorted(site.rglob("*.html"))}
    return [*link_problems(site, pages), *missing_pages(site, ds), *timeline_problems(site, ds)]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    site = Path(argv[0])
    if not (site / "index.html").is_file():
        print(f"{site}: no index.html; build the site first (scripts/docs.sh)", file=sys.stderr)
        return 2
    problems = check(site)
    for problem in problems:
        print(problem)
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"{pages} pages checked, {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
