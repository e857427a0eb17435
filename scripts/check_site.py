"""Check the built documentation site as a reader meets it, without a person.

    .venv/bin/python scripts/check_site.py docs/_build/html

Prints one line per problem and exits 1 if there is any:

- an internal link (``href`` or ``src``) that names no file of the site, or an anchor
  (``#part``) that its page does not have;
- a record of the bundled data without its page (every conference, official, post,
  topic, joint declaration and source has one, under ``data/``);
- a timeline (its own page, and the small one on the landing page) without one
  labelled bar per tenure and one linked mark per meeting.

The test suite runs it on a fresh build (tests/test_site.py).
"""

from __future__ import annotations

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


@dataclass
class Drawing:
    """What one SVG picture draws: timeline bars (their data- attributes), labels, meetings."""

    tenures: list[dict[str, str]] = field(default_factory=list)
    labels: int = 0
    meetings: list[dict[str, str]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._in_label = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in ("id", "name"):
            if values.get(name) and (name == "id" or tag == "a"):
                self.page.ids.add(values[name])
        if tag == "svg":
            self.page.svgs.append(Drawing())
        drawing = self.page.svgs[-1] if self.page.svgs else Drawing()
        for name in ("href", "src", "xlink:href"):
            if values.get(name):
                self.page.links.append(values[name])
                drawing.links.append(values[name])
        classes = values.get("class", "").split()
        if tag == "g" and "tenure" in classes:
            drawing.tenures.append(values)
        if tag == "text" and "label" in classes:
            self._in_label = True
        if tag == "circle" and "meeting" in classes:
            drawing.meetings.append(values)

    def handle_data(self, data: str) -> None:
        if self._in_label and data.strip() and self.page.svgs:
            self.page.svgs[-1].labels += 1
            self._in_label = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "text":
            self._in_label = False


def read_page(path: Path) -> Page:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader.page


def link_problems(site: Path, pages: dict[Path, Page]) -> list[str]:
    """Internal links to no file, and anchors their page lacks."""
    found = []
    for path, page in sorted(pages.items()):
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:", "javascript:")):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path.resolve()
            if target.is_dir():
                target = target / "index.html"
            shown = path.relative_to(site)
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
        "source": [f"data/sources/{s.id}.html" for s in ds.sources()],
    }


def missing_pages(site: Path, ds: nm.Dataset) -> list[str]:
    return [
        f"the {kind} page {page} is missing"
        for kind, wanted in record_pages(ds).items()
        for page in wanted
        if not (site / page).is_file()
    ]


def timeline_problems(site: Path, ds: nm.Dataset) -> list[str]:
    """Each timeline (each SVG with bars on its own page and on the landing page): a
    labelled bar per tenure and a mark per meeting, each linked to its record's page."""
    found = []
    tenures = sorted(f"{a.official.id} {a.post.code}" for a in ds.appointments())
    meetings = sorted(c.id for c in ds.conferences())
    officials = sorted({a.official.id for a in ds.appointments()})
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
            if any(m.get("data-host") not in ("NATO", "EU", "unknown") for m in drawing.meetings):
                found.append(f"{where}: a meeting mark without its host")
            unlinked = [
                o for o in officials if not any(x.endswith(f"officials/{o}.html") for x in drawing.links)
            ]
            if unlinked:
                found.append(f"{where}: no link to the pages of {', '.join(unlinked)}")
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
