"""The documentation's timeline (docs/_ext/timeline.py): a labelled bar per tenure, labels
clear of each other, uncertain days drawn as uncertain, every meeting linked and coloured
by host, an axis that clips nothing, and valid SVG for any dataset.

The module is part of the documentation, not of the package: these tests skip where
docs/ is absent (the tests run against the built wheel).
"""

from __future__ import annotations

import datetime as dt
import itertools
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given

import natoeu_milstaff as nm
from _support import docs_extension
from strategies import datasets, rich_datasets

if TYPE_CHECKING:
    from pathlib import Path
    from types import ModuleType

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def timeline() -> ModuleType:
    return docs_extension("timeline")


@pytest.fixture(scope="module")
def bundled() -> nm.Dataset:
    return nm.Dataset.bundled()


def _styles(timeline: ModuleType) -> list[Any]:
    return [timeline.FULL, timeline.SMALL]


def _parse(text: str) -> ET.Element:
    return ET.fromstring(text)


def _tenures(root: ET.Element) -> list[tuple[ET.Element, ET.Element]]:
    """Each tenure group with the link around it."""
    return [(a, g) for a in root.iter(f"{SVG}a") for g in a if g.get("class") == "tenure"]


def _meetings(root: ET.Element) -> list[tuple[ET.Element, ET.Element]]:
    return [(a, c) for a in root.iter(f"{SVG}a") for c in a if c.get("class") == "meeting"]


def _label(group: ET.Element) -> ET.Element:
    (label,) = [t for t in group.iter(f"{SVG}text") if t.get("class") == "label"]
    return label


def _box(text: ET.Element, timeline: ModuleType) -> tuple[float, float, float, float]:
    """A label's box, from its x, y, anchor and an estimated width of 0.6 em a character."""
    size = float(text.get("font-size", "0"))
    width = timeline.CHAR_WIDTH * size * len(text.text or "")
    assert text.get("text-anchor") == "middle"
    x, y = float(text.get("x", "0")), float(text.get("y", "0"))
    return x - width / 2, y - 0.8 * size, x + width / 2, y + 0.2 * size


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _rects(group: ET.Element, kind: str | None = None) -> list[ET.Element]:
    return [r for r in group.iter(f"{SVG}rect") if kind is None or r.get("class") == kind]


def _span(rects: list[ET.Element]) -> tuple[float, float]:
    return (
        min(float(r.get("x", "0")) for r in rects),
        max(float(r.get("x", "0")) + float(r.get("width", "0")) for r in rects),
    )


def _year_x(root: ET.Element, year: int) -> float:
    (line,) = [g for g in root.iter(f"{SVG}line") if g.get("data-year") == str(year)]
    return float(line.get("x1", "0"))


def _width(root: ET.Element) -> float:
    return float(root.get("viewBox", "0 0 0 0").split()[2])


def _check(timeline: ModuleType, ds: nm.Dataset, style: Any, base: str) -> ET.Element:
    """What holds for any dataset: the SVG parses, one linked and labelled tenure group
    per appointment, one linked meeting per conference, labels clear of each other."""
    root = _parse(timeline.svg(ds, style, base))
    # A group, not an image: a screen reader reaches the links inside.
    assert root.get("role") == "group"
    assert root.get("aria-label")
    # Every url(#id) a drawing refers to is defined in it.
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    for element in root.iter():
        for name in ("fill", "stroke", "mask"):
            value = element.get(name, "")
            if value.startswith("url(#"):
                assert value[5:-1] in ids, value
    assert root.get("width") == "100%"
    tenures = _tenures(root)
    assert sorted((g.get("data-official"), g.get("data-post")) for _, g in tenures) == sorted(
        (a.official.id, a.post.code) for a in ds.appointments()
    )
    names = {a.official.id: a.official.name for a in ds.appointments()}
    boxes = []
    for link, group in tenures:
        assert link.get("href") == f"{base}officials/{group.get('data-official')}.html"
        assert group[0].tag == f"{SVG}title"
        assert group[0].text
        label = _label(group)
        assert label.text == timeline._short(names[group.get("data-official", "")])
        # A bar, or the unseen target around a short one, is wide enough to tap.
        lo, hi = _span(_rects(group))
        assert hi - lo >= timeline.HIT - 0.1
        boxes.append(_box(label, timeline))
    for i, box in enumerate(boxes):
        assert box[0] >= 0 and box[2] <= _width(root), f"label {i} leaves the picture"
        for other in boxes[:i]:
            assert not _overlap(box, other), (box, other)
    meetings = _meetings(root)
    assert [c.get("data-conference") for _, c in meetings] == [c.id for c in ds.conferences()]
    for (link, circle), conference in zip(meetings, ds.conferences(), strict=True):
        assert link.get("href") == f"{base}conferences/{conference.id}.html"
        # A dot is small: an unseen disc around it is large enough to tap.
        (hit,) = [c for c in link if c.get("class") == "hit"]
        assert float(hit.get("r", "0")) * 2 >= timeline.HIT
        assert (hit.get("cx"), hit.get("cy")) == (circle.get("cx"), circle.get("cy"))
        assert circle.get("data-host") == (conference.host.value if conference.host else "unknown")
        (title,) = list(circle)
        assert str(conference.date) in (title.text or "")
    return root


def test_short_names_take_the_surname_with_its_particles(timeline: ModuleType) -> None:
    assert timeline._short("Michiel van der Laan") == "van der Laan"
    assert timeline._short("P. J. M. Godderij") == "Godderij"
    assert timeline._short("Hans-Werner Wiermann") == "Wiermann"
    assert timeline._short("Madonna") == "Madonna"


@pytest.mark.parametrize("base", ["", "data/"])
def test_every_tenure_has_one_label_and_every_meeting_a_link_and_a_host(
    timeline: ModuleType, bundled: nm.Dataset, base: str
) -> None:
    for style in _styles(timeline):
        root = _check(timeline, bundled, style, base)
        assert len(_tenures(root)) == len(bundled.appointments())
        labels = [_label(g).text for _, g in _tenures(root)]
        assert {"Folmer", "Kandborg", "Bornemann", "Baltrėnas", "van der Laan"} <= set(labels)


def test_the_axis_begins_by_the_earliest_possible_start_and_clips_nothing(
    timeline: ModuleType, bundled: nm.Dataset
) -> None:
    first, last = timeline.axis(bundled)
    earliest = min(a.possible_window()[0] for a in bundled.appointments())
    assert first <= earliest
    assert first <= min(c.date.earliest() for c in bundled.conferences())
    assert last > bundled.info.as_of
    assert first == dt.date(1994, 1, 1)  # Folmer's start, known only to the year
    for style in _styles(timeline):
        root = _parse(timeline.svg(bundled, style))
        low, high = _year_x(root, first.year), _year_x(root, last.year)
        for _, group in _tenures(root):
            lo, hi = _span(_rects(group))
            assert low - 2 <= lo and hi <= high + 0.1


def test_folmer_and_kandborg_are_drawn_over_their_own_years(
    timeline: ModuleType, bundled: nm.Dataset
) -> None:
    root = _parse(timeline.svg(bundled, timeline.FULL))
    groups = {g.get("data-official"): g for _, g in _tenures(root)}
    for official, start, end in (("jan-folmer", 1994, 1997), ("ole-kandborg", 1997, 2001)):
        group = groups[official]
        lo, hi = _span(_rects(group))
        # From the first day of the start year to the last of the end year.
        assert lo == pytest.approx(_year_x(root, start), abs=0.2)
        assert hi == pytest.approx(_year_x(root, end + 1), abs=0.2)
        # Surely in office from the end of the start year to the start of the end year.
        solid = _span(_rects(group, "certain"))
        assert solid[0] == pytest.approx(_year_x(root, start + 1), abs=0.2)
        assert solid[1] == pytest.approx(_year_x(root, end), abs=0.2)


def test_uncertain_days_are_hatched_and_open_tenures_fade(timeline: ModuleType, bundled: nm.Dataset) -> None:
    for style in _styles(timeline):
        root = _parse(timeline.svg(bundled, style))
        groups = {(g.get("data-official"), g.get("data-post")): g for _, g in _tenures(root)}
        hatches = {p.get("id") for p in root.iter(f"{SVG}pattern")}
        masks = {p.get("id") for p in root.iter(f"{SVG}mask")}
        for a in bundled.appointments():
            group = groups[a.official.id, a.post.code]
            coarse = any(d is not None and d.precision is not nm.Precision.DAY for d in (a.start, a.end))
            possible = _rects(group, "possible")
            assert bool(possible) == coarse, a.official.name
            # No start (no end) in the record: a fading hatch before (after) the known days.
            unknown_start, unknown_end = _rects(group, "unknown-start"), _rects(group, "unknown-end")
            assert bool(unknown_start) == (a.start is None), a.official.name
            assert bool(unknown_end) == (a.end is None and not a.in_office), a.official.name
            for rect in possible + unknown_start + unknown_end:
                fill = rect.get("fill", "")
                assert fill.startswith("url(#") and fill[5:-1] in hatches
            for rect in unknown_start + unknown_end:
                assert rect.get("mask", "")[5:-1] in masks
            solid = _span(_rects(group, "certain"))
            if unknown_start:
                assert _span(unknown_start)[1] <= solid[0] + 1.6
            if unknown_end:
                assert _span(unknown_end)[0] >= solid[1] - 1.6
            assert bool(_rects(group, "open")) == a.in_office
            assert len(_rects(group, "certain")) == 1


def test_tenures_known_only_from_a_day_seen_in_post_are_not_drawn_as_certain(
    timeline: ModuleType, bundled: nm.Dataset
) -> None:
    """Bornemann's start is known only to the year (2010): his bar does not begin solid on
    the first day of 2010. Manione and Horváth are known from one day each: more than a
    solid tick."""
    root = _parse(timeline.svg(bundled, timeline.FULL))
    groups = {g.get("data-official"): g for _, g in _tenures(root)}
    scale_day = (_year_x(root, 2013) - _year_x(root, 2012)) / 366
    bornemann = groups["jurgen-bornemann"]
    first = _span(_rects(bornemann))[0]
    assert first < _span(_rects(bornemann, "certain"))[0] - 100 * scale_day
    for official in ("giovanni-manione", "gabor-horvath"):
        group = groups[official]
        solid = _span(_rects(group, "certain"))
        assert solid[1] - solid[0] <= 3.1  # the day seen: a tick
        lo, hi = _span(_rects(group))
        assert lo < solid[0] - 100 * scale_day and hi > solid[1] + 100 * scale_day
    # Manione's fading end and Horváth's fading start meet: the handover is somewhere between.
    manione_end = _span(_rects(groups["giovanni-manione"], "unknown-end"))
    horvath_start = _span(_rects(groups["gabor-horvath"], "unknown-start"))
    assert horvath_start[0] < manione_end[1]
    # The titles say what the record knows, in the words of the data pages.
    titles = {official: group[0].text for official, group in groups.items()}
    assert (
        titles["giovanni-manione"]
        == "Giovanni Manione, DDGEUMS: in the post on 2021-11-16 (start and end unknown)"
    )
    assert titles["jurgen-bornemann"] == "Jürgen Bornemann, DGIMS: 2010 to 2013-07"


def test_a_fading_hatch_stops_at_the_neighbours_sure_days(timeline: ModuleType, bundled: nm.Dataset) -> None:
    for post in bundled.posts():
        drawn = timeline.spans(bundled.holders(post), bundled.info.as_of)
        for before, after in itertools.pairwise(drawn):
            if before.certain is not None and after.unknown_start[0] < after.unknown_start[1]:
                assert after.unknown_start[0] >= before.certain[1]
            if after.certain is not None and before.unknown_end[0] < before.unknown_end[1]:
                assert before.unknown_end[1] <= after.certain[0]
        for s in drawn:
            reach = timeline.UNKNOWN_REACH.days
            assert s.possible[0] - reach <= s.unknown_start[0] <= s.unknown_start[1] == s.possible[0]
            assert s.possible[1] == s.unknown_end[0] <= s.unknown_end[1] <= s.possible[1] + reach


def test_successive_holders_never_overlap_as_solid_bars(timeline: ModuleType, bundled: nm.Dataset) -> None:
    root = _parse(timeline.svg(bundled, timeline.FULL))
    for post in bundled.posts():
        solids = sorted(
            _span(_rects(g, "certain")) for _, g in _tenures(root) if g.get("data-post") == post.code
        )
        for (_, end), (start, _) in itertools.pairwise(solids):
            assert end <= start + 0.1


def test_labels_inside_bars_are_readable_on_them(timeline: ModuleType) -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for shades in timeline.BAR_COLOURS.values():
        for fill, ink in shades:
            light, dark = sorted((luminance(fill), luminance(ink)), reverse=True)
            assert (light + 0.05) / (dark + 0.05) >= 4.5, (fill, ink)


def test_the_legend_fits_the_picture_at_both_sizes(timeline: ModuleType, bundled: nm.Dataset) -> None:
    for style in _styles(timeline):
        root = _parse(timeline.svg(bundled, style))
        items = [g for g in root.iter(f"{SVG}g") if g.get("class") == "legend"]
        assert len(items) >= 6
        for item in items:
            x = float(item.get("transform", "").split("(")[1].split(",")[0])
            (text,) = list(item.iter(f"{SVG}text"))
            end = x + float(text.get("x", "0")) + timeline.text_width(text.text, style.font)
            assert end <= _width(root), text.text


def test_the_page_and_fragments_are_written_once_and_alike(timeline: ModuleType, tmp_path: Path) -> None:
    paths = timeline.generate(tmp_path)
    assert sorted(p.name for p in paths) == [
        "timeline-full.html",
        "timeline-narrow.html",
        "timeline-small.html",
        "timeline.md",
    ]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert timeline.generate(tmp_path) == paths
    assert [p.read_text(encoding="utf-8") for p in paths] == texts
    page = (tmp_path / "timeline.md").read_text(encoding="utf-8")
    assert page.startswith("# Timeline of post holders and conferences\n")  # in the toctree: no orphan
    # Both drawings come from their files, not pasted into the page.
    assert ":file: timeline-full.html" in page and ":file: timeline-narrow.html" in page
    assert "<svg" not in page
    assert "Point at" not in page and "links to its page" in page  # words that hold on a touch screen
    narrow = _parse((tmp_path / "timeline-narrow.html").read_text(encoding="utf-8"))
    assert not any(a.get("href", "").startswith("data/") for a in narrow.iter(f"{SVG}a"))
    small = _parse((tmp_path / "timeline-small.html").read_text(encoding="utf-8"))
    assert all(a.get("href", "").startswith("data/") for a in small.iter(f"{SVG}a"))
    full = _parse((tmp_path / "timeline-full.html").read_text(encoding="utf-8"))
    assert not any(a.get("href", "").startswith("data/") for a in full.iter(f"{SVG}a"))


@given(datasets(max_conferences=8))
def test_any_dataset_gives_a_valid_timeline(timeline: ModuleType, ds: nm.Dataset) -> None:
    for style in _styles(timeline):
        _check(timeline, ds, style, "data/")


@given(rich_datasets())
def test_any_rich_dataset_gives_a_valid_timeline(timeline: ModuleType, ds: nm.Dataset) -> None:
    _check(timeline, ds, timeline.SMALL, "")
