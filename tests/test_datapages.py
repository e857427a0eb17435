"""The documentation's pages generated from the data (``docs/_ext/datapages.py``): every
record has its page, the pages state the record's facts and link to each other, a
source's page lists everything that cites it, and the landing page's example runs.

Skipped where ``docs/`` is absent (the tests run against an installed wheel too)."""

from __future__ import annotations

import doctest
import importlib
import re
import sys
from pathlib import Path
from typing import Any

import pytest

import natoeu_milstaff as nm

ROOT = Path(__file__).resolve().parents[1]
EXT = ROOT / "docs" / "_ext"

pytestmark = pytest.mark.skipif(not (EXT / "datapages.py").is_file(), reason="no docs/ beside the tests")

LINK = re.compile(r"\]\(([^)\s]+)\)")


def _datapages() -> Any:
    sys.path.insert(0, str(EXT))
    try:
        return importlib.import_module("datapages")
    finally:
        sys.path.remove(str(EXT))


@pytest.fixture(scope="module")
def ds() -> nm.Dataset:
    return nm.Dataset.bundled()


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory, ds: nm.Dataset) -> Path:
    folder = tmp_path_factory.mktemp("site") / "data"
    _datapages().generate(folder, ds)
    return folder


def _read(path: Path) -> str:
    """A page's Markdown with the markup that keeps dates whole taken out."""
    return re.sub(r'<span class="date">([^<]*)</span>', r"\1", path.read_text(encoding="utf-8"))


def _section(text: str, heading: str) -> str:
    """The text under a ``## heading``, up to the next heading of that level."""
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else None]


def test_every_record_has_its_page_and_no_other_page_is_left(out: Path, ds: nm.Dataset) -> None:
    expected = {
        "conferences": {c.id for c in ds.conferences()},
        "officials": {o.id for o in ds.officials()},
        "posts": {p.code.lower() for p in ds.posts()},
        "topics": {t.id for t in ds.topics()},
        "declarations": {d.id for d in ds.joint_declarations()},
        "sources": {s.id for s in ds.sources()},
    }
    for folder, ids in expected.items():
        assert ids, folder
        assert {p.stem for p in (out / folder).glob("*.md")} == ids, folder
        index = _read(out / f"{folder}.md")
        for key in ids:  # the index lists each page, in its toctree at least
            assert f"\n{folder}/{key}\n" in index, (folder, key)
    for page in ("coverage", "release", "tables"):
        assert (out / f"{page}.md").is_file()


def test_every_link_between_pages_leads_to_a_page(out: Path) -> None:
    for page in out.rglob("*.md"):
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://", "#")):
                continue  # another site, or a place on the same page
            path = target.split("#")[0]
            assert (page.parent / path).resolve().is_file(), f"{page.relative_to(out)} links to {target}"


def test_an_official_page_lists_the_known_facts(out: Path, ds: nm.Dataset) -> None:
    text = _read(out / "officials" / "hans-werner-wiermann.md")
    assert text.startswith("```{rst-class} datapage")
    assert "# Hans-Werner Wiermann\n" in text
    assert "**Nationality:** DE" in text and "**Service:** army" in text
    posts = _section(text, "Posts held")
    assert "[DGIMS](../posts/dgims.md)" in posts
    assert "2019-07-11 to 2022-07-14" in posts
    spellings = _section(text, "Other spellings")
    # The misspelling, with the NATO original that has it first and the re-post that copies it.
    assert re.search(
        r"- Hans-Werner Wierman \(in \[NATO, 2021-11-16\]\(\.\./sources/nato-news-188657\.md\); "
        r"\[[^]]+\]\(\.\./sources/exbulletin-1281620\.md\)\)",
        spellings,
    )
    blejean = _section(_read(out / "officials" / "herve-blejean.md"), "Other spellings")
    assert "- Hervé Blejean (in [NATO, 2021-11-16](../sources/nato-news-188657.md))" in blejean
    chaired = _section(text, "Conferences chaired")
    ids = re.findall(r"\.\./conferences/([\w-]+)\.md", chaired)
    assert ids == [
        "conf-2019-11-25",
        "conf-2020-05-19",
        "conf-2021-03-16",
        "conf-2021-11-16",
        "conf-2022-06-10",
    ]
    assert ids == [c.id for c in ds.conferences(chaired_by="hans-werner-wiermann")]
    for s in ds.official("hans-werner-wiermann").sources:
        assert f"](../sources/{s.id}.md)" in _section(text, "Sources")


def test_an_official_page_names_a_deputy_standing_in(out: Path) -> None:
    manione = _read(out / "officials" / "giovanni-manione.md")
    assert "in the post on 2021-11-16 (start and end unknown)" in manione
    assert "standing in for [Hervé Bléjean](../officials/herve-blejean.md)" in manione
    blejean = _read(out / "officials" / "herve-blejean.md")
    assert "[Giovanni Manione](../officials/giovanni-manione.md)" in _section(
        blejean, "Conferences where a deputy stood in"
    )


def _citing_pages(table: str, row: dict[str, Any]) -> set[str]:
    """The pages, relative to a source's page, of the record a row of ``table`` is part of."""
    if table == "conferences":
        return {f"../conferences/{row['id']}.md"}
    if table in ("agenda_items", "figures"):
        return {f"../conferences/{row['conference_id']}.md"}
    if table == "officials":
        return {f"../officials/{row['id']}.md"}
    if table == "appointments":
        return {f"../officials/{row['official_id']}.md"}
    if table == "alternation_exceptions":
        return {f"../conferences/{row['after_id']}.md", f"../conferences/{row['before_id']}.md"}
    if table == "joint_declarations":
        return {f"../declarations/{row['id']}.md"}
    if table == "proposal_sets":
        return {f"../declarations/{row['declaration_id']}.md"}
    if table == "progress_reports":
        return {"../declarations.md#progress-reports"}
    if table == "conflicts":
        kind, key = row["record_type"], row["record_id"]
        folder = {"conference": "conferences", "appointment": "officials", "declaration": "declarations"}[
            kind
        ]
        return {f"../{folder}/{key.split('@')[0]}.md"}  # an appointment's id starts with its official's
    raise AssertionError(f"a new table cites sources: {table}")


def _cited_by_naive(ds: nm.Dataset) -> dict[str, set[str]]:
    """Per source id, the pages of the records citing it, found by scanning every row of
    ``records()`` for the columns of source ids."""
    found: dict[str, set[str]] = {s.id: set() for s in ds.sources()}
    for table, rows in ds.records().items():
        for row in rows:
            cited = [s for column, value in row.items() if column.endswith("sources") for s in value or ()]
            for source in cited:
                found[source] |= _citing_pages(table, row)
    return found


def test_a_source_page_lists_everything_that_cites_it(out: Path, ds: nm.Dataset) -> None:
    expected = _cited_by_naive(ds)
    assert sum(map(len, expected.values())) > len(expected)  # the scan finds something
    for s in ds.sources():
        text = _read(out / "sources" / f"{s.id}.md")
        assert set(LINK.findall(_section(text, "What cites it"))) == expected[s.id], s.id


def test_a_source_page_states_the_source(out: Path, ds: nm.Dataset) -> None:
    s = ds.tables.sources[[x.id for x in ds.tables.sources].index("exbulletin-1281620")]
    text = _read(out / "sources" / f"{s.id}.md")
    assert f"# {s.title}\n" in text
    assert f"**Publisher:** {s.publisher}" in text and f"**Published:** {s.published}" in text
    assert f"]({s.url})" in text and f"]({s.repost_of})" in text
    cites = _section(text, "What cites it")
    assert "[2021-11-16](../conferences/conf-2021-11-16.md)" in cites
    assert "agenda item" in cites and "the record itself" in cites


def test_a_topic_page_marks_the_meetings_found_through_a_narrower_topic(out: Path, ds: nm.Dataset) -> None:
    text = _read(out / "topics" / "cyber.md")
    meetings = ds.meetings_about("cyber")
    assert f"## Meetings about it ({len(meetings)})" in text
    assert "Narrower: [Cyber defence](../topics/cyber-defence.md)" in text
    for c in meetings:
        (line,) = [x for x in text.splitlines() if f"(../conferences/{c.id}.md)" in x]
        direct = ds.topic("cyber") in c.topics
        assert ("through" not in line) is direct, line
    assert "through" in text  # the bundled data tags no meeting with "cyber" itself
    # The index is a list, not a heading per topic.
    index = _read(out / "topics.md")
    assert index.count("\n## ") == 0
    assert f"- [Cyber](topics/cyber.md): {len(meetings)}" in index


def test_the_coverage_and_release_pages_link_and_state_the_data(out: Path, ds: nm.Dataset) -> None:
    coverage = _read(out / "coverage.md")
    gaps = ds.coverage()
    for c in (*gaps.unknown_hosts, *gaps.partial_dates, *gaps.weak_evidence, *gaps.single_repost):
        assert f"(conferences/{c.id}.md)" in coverage
    for a in gaps.unknown_tenure_bounds:
        assert f"(officials/{a.official.id}.md)" in coverage
    assert ", ".join(gaps.missing_half_years) in coverage
    release = _read(out / "release.md")
    data = ds.release()
    assert data.fingerprint in release and data.version in release
    assert nm.cite() in release and nm.cite("bibtex") in release
    for table, rows in ds.records().items():
        assert f"| {table} | {len(rows)} |" in release


def test_stale_pages_go_and_the_timeline_is_not_overwritten(tmp_path: Path, ds: nm.Dataset) -> None:
    datapages = _datapages()
    out = tmp_path / "data"
    datapages.generate(out, ds)
    assert (out / "timeline-small.html").is_file() and (out / "timeline.md").is_file()
    (out / "timeline-small.html").write_text("<svg>the real one</svg>\n", encoding="utf-8")
    for folder in ("officials", "sources", "topics", "declarations"):
        (out / folder / "gone.md").write_text("# Gone\n", encoding="utf-8")
    datapages.generate(out, ds)
    assert not list(out.glob("*/gone.md"))
    assert (out / "timeline-small.html").read_text(encoding="utf-8") == "<svg>the real one</svg>\n"


def test_the_landing_page_example_runs() -> None:
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    result = doctest.testfile(str(ROOT / "docs" / "index.md"), module_relative=False, optionflags=flags)
    assert result.attempted >= 5 and result.failed == 0
