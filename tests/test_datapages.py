"""The documentation's pages generated from the data (``docs/_ext/datapages.py``): every
record has its page, the pages state the record's facts and link to each other, a
source's page lists everything that cites it, and the landing page's example runs.

Skipped where ``docs/`` is absent (the tests run against an installed wheel too)."""

from __future__ import annotations

import doctest
import re
from pathlib import Path
from typing import Any

import pytest

import natoeu_milstaff as nm
from _support import DOCS_EXT as EXT
from _support import docs_extension

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not (EXT / "datapages.py").is_file(), reason="no docs/ beside the tests")

LINK = re.compile(r"\]\(([^)\s]+)\)")


def _datapages() -> Any:
    return docs_extension("datapages")


@pytest.fixture(scope="module")
def ds() -> nm.Dataset:
    return nm.Dataset.bundled()


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory, ds: nm.Dataset) -> Path:
    """The generated pages, the timeline's with them, as the site's build writes them."""
    folder = tmp_path_factory.mktemp("site") / "data"
    _datapages().generate(folder, ds)
    docs_extension("timeline").generate(folder, ds)
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


def _citing_pages(table: str, row: dict[str, Any]) -> set[tuple[str, str]]:
    """The heading on a source's page and the pages, relative to it, of the record a row
    of ``table`` is part of."""
    if table == "conferences":
        return {("Conferences", f"../conferences/{row['id']}.md")}
    if table in ("agenda_items", "figures"):
        return {("Conferences", f"../conferences/{row['conference_id']}.md")}
    if table == "officials":
        return {("Officials", f"../officials/{row['id']}.md")}
    if table == "appointments":
        return {("Tenures", f"../officials/{row['official_id']}.md")}
    if table == "alternation_exceptions":
        heading = "Breaks in the alternation of hosts"
        return {(heading, f"../conferences/{row[key]}.md") for key in ("after_id", "before_id")}
    if table == "joint_declarations":
        return {("Joint declarations", f"../declarations/{row['id']}.md")}
    if table == "proposal_sets":
        return {("Common proposals", f"../proposals.md#set-{row['id']}")}
    if table == "proposal_areas":
        return {("Common proposals", f"../proposals/{row['id']}.md")}
    if table == "proposals":
        return {("Common proposals", f"../proposals/{row['area_id']}.md#{row['id']}")}
    if table == "progress_reports":
        return {("Progress reports", "../declarations.md#progress-reports")}
    if table == "conflicts":
        kind, key = row["record_type"], row["record_id"]
        heading, folder = {
            "conference": ("Conferences", "conferences"),
            "appointment": ("Tenures", "officials"),
            "declaration": ("Joint declarations", "declarations"),
            "proposal_set": ("Common proposals", "proposals"),
        }[kind]
        if kind == "proposal_set":
            return {(heading, f"../proposals.md#set-{key}")}
        return {
            (heading, f"../{folder}/{key.split('@')[0]}.md")
        }  # an appointment's id starts with its official's
    raise AssertionError(f"a new table cites sources: {table}")


def _pairs(section: str) -> set[tuple[str, str]]:
    """The (heading, link) pairs of a source's "What cites it": each link under its ``###``."""
    found, heading = set(), ""
    for line in section.splitlines():
        if line.startswith("### "):
            heading = line[4:].strip()
        found |= {(heading, link) for link in LINK.findall(line)}
    return found


def _cited_by_naive(ds: nm.Dataset) -> dict[str, set[tuple[str, str]]]:
    """Per source id, the headings and pages of the records citing it, found by scanning
    every row of ``records()`` for the columns of source ids."""
    found: dict[str, set[tuple[str, str]]] = {s.id: set() for s in ds.sources()}
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
        # Pairs, not bare links: a group dropped whole, or a record under the wrong heading, fails.
        assert _pairs(_section(text, "What cites it")) == expected[s.id], s.id


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
    # The half-years, as listed, are exactly the report's, or "None." if it has none.
    half_years = _section(coverage, f"Half-years with no known conference ({len(gaps.missing_half_years)})")
    (listed,) = [line for line in half_years.splitlines()[2:] if line.strip()][:1]
    assert listed == (", ".join(gaps.missing_half_years) + "." if gaps.missing_half_years else "None.")
    release = _read(out / "release.md")
    data = ds.release()
    assert data.fingerprint in release and data.version in release
    assert nm.cite() in release and nm.cite("bibtex") in release
    for table, rows in ds.records().items():
        assert f"| {table} | {len(rows)} |" in release


def test_stale_pages_go_and_the_timeline_is_the_timeline_extensions(tmp_path: Path, ds: nm.Dataset) -> None:
    datapages = _datapages()
    out = tmp_path / "data"
    # With the timeline extension loaded, this one writes nothing of the timeline's.
    written = datapages.generate(out, ds)
    assert not (out / "timeline-small.html").exists() and not (out / "timeline.md").exists()
    assert not {p.name for p in written} & set(datapages.TIMELINE_PLACEHOLDERS)
    for folder in ("officials", "sources", "topics", "declarations", "proposals"):
        (out / folder / "gone.md").write_text("# Gone\n", encoding="utf-8")
    # Without it, the placeholders replace whatever timeline an earlier build left.
    (out / "timeline-small.html").write_text("<svg>an old one</svg>\n", encoding="utf-8")
    datapages.generate(out, ds, placeholders=True)
    assert not list(out.glob("*/gone.md"))
    for name, text in datapages.TIMELINE_PLACEHOLDERS.items():
        assert (out / name).read_text(encoding="utf-8") == text


def test_the_builder_hook_writes_placeholders_only_without_the_timeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    datapages = _datapages()
    calls: list[bool] = []
    monkeypatch.setattr(datapages, "generate", lambda out, placeholders=False: calls.append(placeholders))
    for extensions in ({"datapages": 1, "timeline": 1}, {"datapages": 1}):
        app = type("App", (), {"srcdir": str(tmp_path), "extensions": extensions})()
        datapages._on_builder_inited(app)
    assert calls == [False, True]


def test_a_repost_links_the_original_under_another_query(out: Path, ds: nm.Dataset) -> None:
    """exbulletin-1930523 re-posts news_209427.htm; the record holds that page with
    ``?selectedLocale=fr``."""
    text = _read(out / "sources" / "exbulletin-1930523.md")
    (line,) = [x for x in text.splitlines() if x.startswith("- **Re-post of:**")]
    assert "in the record as [" in line and "(../sources/nato-news-209427-fr.md)" in line
    same = _datapages().same_page
    assert same("HTTPS://WWW.Nato.int/a/b.htm?x=1#y") == same("https://www.nato.int/a/b.htm")
    assert same("https://www.nato.int/a/b.htm") != same("https://www.nato.int/a/c.htm")


def test_pages_name_fields_in_words_and_count_in_the_plural_only_for_many(out: Path, ds: nm.Dataset) -> None:
    raw = re.compile(
        r"Inferred \w|gives \w+_\w+ as|\b(in_office|end_date)\b|\((same-host|unknown-host|gap)\)"
    )
    plural = re.compile(r"(?<![\d.,])1 (holders|sets|proposals|conferences|values|common proposals)\b")
    for page in out.rglob("*.md"):
        if page.name in ("tables.md", "changes.md"):  # these name the cells and fields on purpose
            continue
        text = _read(page)
        assert not raw.search(text), (page.name, raw.search(text))
        assert not plural.search(text), (page.name, plural.search(text))
    words = _datapages().field_words
    assert words("in_office") == "whether still in office" and words("end_date") == "the last day"
    count = _datapages()._count
    assert (count(1, "set"), count(2, "set"), count(0, "set")) == ("1 set", "2 sets", "0 sets")


def test_a_source_page_dates_a_tenure_in_office(out: Path, ds: nm.Dataset) -> None:
    as_of = ds.info.as_of
    open_tenures = [a for a in ds.appointments() if a.in_office]
    assert open_tenures
    for a in open_tenures:
        for s in a.sources:
            text = _read(out / "sources" / f"{s.id}.md")
            assert f"in office as of {as_of}" in text, s.id
            assert "at the record's last check" not in text, s.id


def test_a_break_in_the_alternation_is_worded_on_a_source_page(out: Path, ds: nm.Dataset) -> None:
    datapages = _datapages()
    breaks = ds.alternation_exceptions()
    assert breaks
    for x in breaks:
        for s in x.sources:
            text = _read(out / "sources" / f"{s.id}.md")
            head = datapages.BREAKS[x.kind].split("{}")[0]
            assert head in _section(text, "What cites it"), s.id
            assert f"({x.kind.value})" not in text


def test_a_conference_title_keeps_its_date_whole(out: Path, ds: nm.Dataset) -> None:
    """A browser breaks "2021-11-16" at a hyphen on a phone: the title gives the date in words."""
    text = _read(out / "conferences" / "conf-2021-11-16.md")
    assert "\n# Conference of 16 November 2021\n" in text
    assert "`conf-2021-11-16`" in text  # the id, still on the page
    for c in ds.conferences():
        (title,) = [x for x in _read(out / "conferences" / f"{c.id}.md").splitlines() if x.startswith("# ")]
        assert not re.search(r"\d-\d", title), title


def test_the_landing_page_puts_the_record_first_and_its_example_fits_a_phone() -> None:
    text = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert text.index("## The record") < text.index("## See it") < text.index("## Get it")
    see_it = text[text.index("## See it") : text.index("## Get it")]
    assert "](data/timeline.md)" in see_it  # the full timeline, under the small one
    example = text[text.index("```python") : text.index("```", text.index("```python") + 3)]
    # About 44 characters of code fit across a 400 px phone.
    assert max(len(line) for line in example.splitlines()) <= 44


def test_the_landing_page_example_runs() -> None:
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    result = doctest.testfile(str(ROOT / "docs" / "index.md"), module_relative=False, optionflags=flags)
    assert result.attempted >= 5 and result.failed == 0
