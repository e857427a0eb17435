"""The documentation site, checked as a reader meets it (scripts/check_site.py): the
checker on small made-up sites, so that each check is seen to fire, then on a fresh
build of the real site."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import natoeu_milstaff as nm

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "check_site.py"
pytestmark = pytest.mark.skipif(not SCRIPT.is_file(), reason="the scripts are not shipped in the wheel")


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_site", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_site"] = module
    spec.loader.exec_module(module)
    return module


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return tmp_path


def test_a_broken_link_and_a_missing_anchor_are_found(tmp_path: Path) -> None:
    check = _checker()
    site = _site(
        tmp_path,
        {
            "index.html": '<a href="a.html#there">ok</a> <a href="a.html#nowhere">x</a> <a href="gone.html">y</a>',
            "a.html": '<h1 id="there">A</h1> <a href="https://example.org/x">out</a> <a href="#">top</a>',
        },
    )
    pages = {p.resolve(): check.read_page(p) for p in site.rglob("*.html")}
    assert check.link_problems(site.resolve(), pages) == [
        "index.html: link 'a.html#nowhere': its page has no anchor 'nowhere'",
        "index.html: link 'gone.html' names no file of the site",
    ]


def test_a_record_without_its_page_is_found(tmp_path: Path) -> None:
    check = _checker()
    ds = nm.Dataset.bundled()
    wanted = check.record_pages(ds)
    assert sum(map(len, wanted.values())) == (
        len(ds.conferences())
        + len(ds.officials())
        + len(ds.posts())
        + len(ds.topics())
        + len(ds.joint_declarations())
        + len(ds.proposal_areas())
        + len(ds.sources())
    )
    site = _site(tmp_path, {page: "x" for pages in wanted.values() for page in pages})
    assert check.missing_pages(site, ds) == []
    (site / "data" / "officials" / "jan-broeks.html").unlink()
    assert check.missing_pages(site, ds) == ["the official page data/officials/jan-broeks.html is missing"]


def test_a_link_out_of_the_site_a_missing_paint_and_a_repeated_id_are_found(tmp_path: Path) -> None:
    check = _checker()
    (tmp_path / "outside.html").write_text("<html></html>", encoding="utf-8")
    site = _site(
        tmp_path / "site",
        {
            "index.html": '<a href="../outside.html">x</a> <a href="../../../etc/passwd">y</a>'
            '<svg><defs><pattern id="p"/></defs><rect fill="url(#p)"/><rect fill="url(#gone)"/>'
            '<rect mask="url(\'#lost\')"/></svg><p id="twice">a</p><p id="twice">b</p>',
        },
    )
    pages = {p.resolve(): check.read_page(p) for p in site.rglob("*.html")}
    assert check.link_problems(site.resolve(), pages) == [
        "index.html: a drawing refers to url(#gone), which the page lacks",
        "index.html: a drawing refers to url(#lost), which the page lacks",
        "index.html: the id 'twice' is given more than once",
        "index.html: link '../outside.html' leads out of the site",
        "index.html: link '../../../etc/passwd' leads out of the site",
    ]


def _timeline(
    ds: nm.Dataset,
    *,
    base: str = "",
    labels: bool = True,
    skip: int = 0,
    official_link: str = "",
    conference_link: str = "",
    host: str = "",
) -> str:
    bars = [
        f'<a href="{official_link or f"{base}officials/{a.official.id}.html"}">'
        f'<g class="tenure" data-official="{a.official.id}" data-post="{a.post.code}"><title>t</title>'
        + (f'<text class="label">{a.official.name.split()[-1]}</text>' if labels else "")
        + "</g></a>"
        for a in ds.appointments()[skip:]
    ]
    meetings = [
        f'<a href="{conference_link or f"{base}conferences/{c.id}.html"}"><circle class="meeting" '
        f'data-conference="{c.id}" data-host="{host or (c.host.value if c.host else "unknown")}"/></a>'
        for c in ds.conferences()
    ]
    return "<svg>" + "".join(bars + meetings) + "</svg>"


def test_a_timeline_without_a_label_or_a_bar_is_found(tmp_path: Path) -> None:
    check = _checker()
    ds = nm.Dataset.bundled()
    site = _site(tmp_path, {"index.html": _timeline(ds, base="data/"), "data/timeline.html": _timeline(ds)})
    assert check.timeline_problems(site, ds) == []
    _site(
        tmp_path,
        {
            "index.html": _timeline(ds, base="data/", labels=False),
            "data/timeline.html": _timeline(ds, skip=1),
        },
    )
    problems = check.timeline_problems(site, ds)
    assert f"index.html, timeline 1: 0 labelled bars for {len(ds.appointments())} tenures" in problems
    assert any(p.startswith("data/timeline.html, timeline 1: draws tenures") for p in problems)


def test_a_timeline_mark_linked_or_coloured_wrongly_is_found(tmp_path: Path) -> None:
    check = _checker()
    ds = nm.Dataset.bundled()
    first, meeting = ds.appointments()[0].official.id, ds.conferences()[0]
    wrong_links = _timeline(ds, official_link="officials/someone-else.html", conference_link="index.html")
    # Links after the drawing are not the drawing's: they do not make up for its own.
    after = "".join(f'<a href="officials/{a.official.id}.html">x</a>' for a in ds.appointments())
    site = _site(
        tmp_path,
        {"index.html": _timeline(ds, base="data/", host="EU"), "data/timeline.html": wrong_links + after},
    )
    problems = check.timeline_problems(site, ds)
    assert (
        f"data/timeline.html, timeline 1: the bar of {first} links to 'officials/someone-else.html', not its page"
        in problems
    )
    assert (
        f"data/timeline.html, timeline 1: the mark of {meeting.id} links to 'index.html', not its page"
        in problems
    )
    nato = next(c for c in ds.conferences() if c.host is nm.Organisation.NATO)
    assert (
        f"index.html, timeline 1: the mark of {nato.id} shows the host 'EU', the record has 'NATO'"
        in problems
    )
    # A label outside its bar's group is not the bar's label.
    moved = _timeline(ds, labels=False).replace("</svg>", '<text class="label">Folmer</text></svg>')
    _site(tmp_path, {"data/timeline.html": moved})
    assert f"data/timeline.html, timeline 1: the bar of {first} is labelled ''" in check.timeline_problems(
        site, ds
    )


def test_the_built_site_passes_every_check(built_site: Path) -> None:
    assert _checker().check(built_site) == []
