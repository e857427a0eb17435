"""The timeline of post holders and conferences, as an inline SVG and a page of its own.

At ``builder-inited`` this writes into ``docs/data/``:

- ``timeline.md``, the page "Timeline of post holders and conferences": the full-size
  timeline (and, on a narrow screen, the compact one) with a short reading guide;
- ``timeline-full.html``, the full-size SVG as an HTML fragment, links relative to ``data/``;
- ``timeline-small.html``, the compact SVG for the landing page, links relative to the
  site root (``data/officials/<id>.html``); include it with ```{raw} html``` and
  ``:file: data/timeline-small.html``;
- ``timeline-narrow.html``, the compact SVG for the timeline's page on a narrow screen,
  links relative to ``data/``.

One lane per post that has holders. Each tenure is a bar: solid over the days the
official surely held the post, hatched over the days they may have held it (a start or
end known only to the month or year), a fading hatch where the record has no start or
no end at all (a tenure known from the days a source shows the official in post): back
to the previous holder's last sure day or forward to the next one's first, at most
``UNKNOWN_REACH``; and, for an official still in office, fading out after the day the
record was last checked. Every bar is labelled with the official's surname,
inside the bar where it fits, else beside it in a free row; conferences are dots
coloured by host. The output depends on the dataset alone, so it is the same on every
run.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wording import nth, tenure

import natoeu_milstaff as nm

# The hosts' colours, as the rest of the site draws them.
HOST_COLOUR = {"NATO": "#1f4e9c", "EU": "#c68a00", None: "#888888"}
# Bars by the post's organisation: two shades, alternating between successive holders,
# each with the text colour that reads on it (contrast at least 4.5:1).
BAR_COLOURS = {
    "NATO": (("#1f4e9c", "#ffffff"), ("#3566b5", "#ffffff")),
    "EU": (("#c68a00", "#111111"), ("#e0ab2e", "#111111")),
}
TEXT = "#222222"
MUTED = "#555555"
CHAR_WIDTH = 0.6  # estimated width of a character, in ems: what labels are laid out by
OPEN_FADE = dt.timedelta(days=270)  # how far an open tenure fades past the as-of day
# How far a fading hatch reaches from a tenure's first or last known day where the record
# has no start or no end, unless a neighbouring holder's sure days come first.
UNKNOWN_REACH = dt.timedelta(days=365)
HIT = 12.0  # the least width (and height) a pointer or a finger finds a mark by
TITLE = "Timeline of post holders and conferences"


@dataclass(frozen=True)
class Style:
    """The sizes of one variant, in the SVG's own units (its viewBox is ``width`` wide)."""

    name: str
    width: float
    font: float  # headings, ticks, legend
    label_font: float  # surnames
    bar: float  # a bar's height
    row: float  # a row of labels beside the bars
    dot: float  # a meeting's radius
    tick_gap: float  # the least distance between two labelled years
    margin: float
    compact: bool


FULL = Style("full", 760, 13, 13, 22, 18, 4.5, 44, 10, compact=False)
SMALL = Style("small", 380, 14, 13, 18, 18, 4, 70, 6, compact=True)


def _short(name: str) -> str:
    """The surname for a label: from a lowercase particle on, else the last word."""
    words = name.split()
    for i, word in enumerate(words[1:], start=1):
        if word[:1].islower():
            return " ".join(words[i:])
    return words[-1]


def text_width(text: str, font: float) -> float:
    """The estimated width of ``text`` at ``font`` size."""
    return CHAR_WIDTH * font * len(text)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _n(value: float) -> str:
    """A coordinate: one decimal, no trailing ``.0``."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


@dataclass(frozen=True)
class Span:
    """What is drawn of one tenure: days as ordinals, half-open."""

    appointment: nm.Appointment
    possible: tuple[int, int]
    certain: tuple[int, int] | None  # None: no day is certain
    open: bool  # still in office on the as-of day: fades out after it
    # The days before and after ``possible`` the official may have held the post where
    # the record has no start (no end): a fading hatch; (lo, lo) and (hi, hi) if none.
    unknown_start: tuple[int, int] = (0, 0)
    unknown_end: tuple[int, int] = (0, 0)

    @property
    def reach(self) -> tuple[int, int]:
        """The first and last day drawn, less an open tenure's fade."""
        return min(self.possible[0], self.unknown_start[0]), max(self.possible[1], self.unknown_end[1])


def span(a: nm.Appointment, as_of: dt.date) -> Span:
    """The possible and certain days of a tenure, as its window methods give them.

    A tenure still open on ``as_of`` is certain up to that day. A tenure the record
    cannot bound (which validation rejects) is drawn from what it has.
    """
    plo, phi = a.possible_window()
    clo, chi = a.certain_window()
    if a.in_office:
        chi = max(clo, as_of + dt.timedelta(days=1)) if clo != dt.date.max else chi
        phi = max(chi, plo) if chi != dt.date.max else as_of
    if plo == dt.date.max:  # no start and no attested day
        plo = min(phi, as_of)
    if phi == dt.date.max:  # no end, not in office, no attested day
        phi = max(plo, min(chi, as_of)) if chi != dt.date.max else plo
    certain = (clo.toordinal(), chi.toordinal()) if clo < chi and chi != dt.date.max else None
    lo, hi = plo.toordinal(), phi.toordinal()
    if certain is not None:  # the certain days lie within the possible ones
        lo, hi = min(lo, certain[0]), max(hi, certain[1])
    return Span(a, (lo, hi), certain, a.in_office, (lo, lo), (hi, hi))


def spans(holders: tuple[nm.Appointment, ...], as_of: dt.date) -> list[Span]:
    """The spans of one post's tenures, in order, each with the stretch a fading hatch
    covers where the record has no start or no end: up to ``UNKNOWN_REACH`` from the
    known days, stopping at the last sure day of the holder before (the first of the
    holder after), or where that one may have begun (ended) if no day of theirs is sure."""
    found = [span(a, as_of) for a in holders]
    reach = UNKNOWN_REACH.days
    out = []
    for k, s in enumerate(found):
        a, (lo, hi) = s.appointment, s.possible
        start, end = (lo, lo), (hi, hi)
        if a.start is None:
            far = lo - reach
            if k > 0:
                before = found[k - 1]
                far = max(far, before.certain[1] if before.certain else before.possible[0])
            start = (min(far, lo), lo)
        if a.end is None and not a.in_office:
            far = hi + reach
            if k + 1 < len(found):
                after = found[k + 1]
                far = min(far, after.certain[0] if after.certain else after.possible[1])
            end = (hi, max(far, hi))
        out.append(Span(a, s.possible, s.certain, s.open, start, end))
    return out


def axis(ds: nm.Dataset) -> tuple[dt.date, dt.date]:
    """The first and last day of the axis: from January of the year of the earliest
    possible start (or conference) to the January after the as-of day, later if an open
    tenure's fade or a possible end needs it. No tenure is clipped."""
    as_of = ds.info.as_of
    drawn = [s for p in ds.posts() for s in spans(ds.holders(p), as_of)]
    lowest, highest = dt.date.min.toordinal(), dt.date.max.toordinal()
    days = [max(s.reach[0], lowest) for s in drawn] + [
        c.date.earliest().toordinal() for c in ds.conferences()
    ]
    first = dt.date.fromordinal(min(days, default=as_of.toordinal())).replace(month=1, day=1)
    ends = [min(s.reach[1], highest) for s in drawn] + [c.date.latest().toordinal() for c in ds.conferences()]
    if any(s.open for s in drawn):
        ends.append(min(as_of.toordinal() + OPEN_FADE.days, dt.date.max.toordinal()))
    last_day = max([*ends, as_of.toordinal()])
    year = dt.date.fromordinal(last_day).year + 1
    last = dt.date(year, 1, 1) if year <= dt.MAXYEAR else dt.date.max
    if last.year - first.year < 2:
        first = first.replace(year=max(dt.MINYEAR, first.year - 1))
    return first, last


def _tick_step(years: int, per_year: float, gap: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if step * per_year >= gap:
            return step
    return max(1, years)


def _minus(interval: tuple[float, float], cuts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The parts of ``interval`` outside every one of ``cuts``."""
    parts = [interval]
    for clo, chi in cuts:
        kept = []
        for lo, hi in parts:
            if chi <= lo or clo >= hi:
                kept.append((lo, hi))
                continue
            if lo < clo:
                kept.append((lo, clo))
            if chi < hi:
                kept.append((chi, hi))
        parts = kept
    return [(lo, hi) for lo, hi in parts if hi - lo > 0.05]


@dataclass(frozen=True)
class Scale:
    """Days to x: the axis from ``first`` to ``last`` drawn from ``left`` to ``right``."""

    first: dt.date
    last: dt.date
    left: float
    right: float

    def x(self, day: int) -> float:
        """The x of a day given as its ordinal."""
        d0, d1 = self.first.toordinal(), self.last.toordinal()
        return self.left + (self.right - self.left) * (day - d0) / (d1 - d0)

    @property
    def per_year(self) -> float:
        return (self.right - self.left) * 365.25 / (self.last.toordinal() - self.first.toordinal())


@dataclass(frozen=True)
class Bar:
    """A tenure as drawn: its parts (``possible``, ``certain`` or ``open``, from x to x),
    the whole drawn extent and the solid part, in x."""

    span: Span
    parts: tuple[tuple[str, float, float], ...]
    extent: tuple[float, float]
    solid: tuple[float, float] | None

    @property
    def label(self) -> str:
        return _short(self.span.appointment.official.name)


def _bars(spans: list[Span], scale: Scale, as_of: dt.date) -> list[Bar]:
    """The bars of one post's tenures.

    A hatch shows the days a holder may have held the post, less the days another
    holder surely held it: the two successive holders of an uncertain handover share a
    hatched stretch, and no hatch covers a solid bar. Where the record has no start (no
    end), the hatch fades out towards the earlier (later) days.
    """
    x = scale.x
    certain = [(x(s.certain[0]), x(s.certain[1])) if s.certain is not None else None for s in spans]
    bars = []
    for k, s in enumerate(spans):
        others = [c for j, c in enumerate(certain) if c is not None and j != k]
        parts: list[tuple[str, float, float]] = []
        solid = certain[k]
        lo, hi = x(s.possible[0]), x(s.possible[1])
        if solid is not None:
            if solid[1] - solid[0] < 3:  # a day or two: a visible mark
                mid = (solid[0] + solid[1]) / 2
                solid = (mid - 1.5, mid + 1.5)
                lo, hi = min(lo, solid[0]), max(hi, solid[1])
            pieces = [*_minus((lo, solid[0]), others), *_minus((solid[1], hi), others)]
            parts += [("possible", *piece) for piece in pieces]
            parts.append(("certain", *solid))
        else:
            if hi - lo < 3:
                lo, hi = (lo + hi) / 2 - 1.5, (lo + hi) / 2 + 1.5
            parts += [("possible", *piece) for piece in _minus((lo, hi), others) or [(lo, hi)]]
        for kind, (ulo, uhi) in (("unknown-start", s.unknown_start), ("unknown-end", s.unknown_end)):
            if uhi > ulo:
                pieces = _minus((x(ulo), x(uhi)), others)
                parts += [(kind, *piece) for piece in pieces]
                lo, hi = min([lo, *(p[0] for p in pieces)]), max([hi, *(p[1] for p in pieces)])
        if s.open:
            fade_end = min(as_of.toordinal() + 1 + OPEN_FADE.days, scale.last.toordinal())
            parts.append(("open", x(as_of.toordinal() + 1), x(fade_end)))
            hi = max(hi, x(fade_end))
        bars.append(Bar(s, tuple(parts), (lo, hi), solid))
    return bars


@dataclass(frozen=True)
class Placed:
    """A label's place: ``row`` 0 is the bar's own row, -1 the row above, 1 below."""

    text: str
    cx: float
    row: int
    inside: bool
    anchor: float  # the x the leader line from an outside label meets the bar at


class Rows:
    """The occupied stretches of each row of one lane."""

    def __init__(self) -> None:
        self.taken: dict[int, list[tuple[float, float]]] = {}

    def free(self, row: int, lo: float, hi: float, pad: float) -> bool:
        return all(hi + pad <= a or lo - pad >= b for a, b in self.taken.get(row, []))

    def take(self, row: int, lo: float, hi: float) -> None:
        self.taken.setdefault(row, []).append((lo, hi))


def _place_labels(bars: list[Bar], font: float, bounds: tuple[float, float]) -> list[Placed]:
    """Place each bar's label: inside its solid part if it fits, else to its right in
    the bar's row, else in the nearest free row above or below (a leader line joins it
    to the bar), never over another label or another bar, within ``bounds``."""
    rows = Rows()
    for bar in bars:
        rows.take(0, *bar.extent)
    placed: list[Placed] = []
    pad = 4.0
    for bar in bars:
        text, (lo, hi), solid = bar.label, bar.extent, bar.solid
        w = text_width(text, font)
        if solid is not None and solid[1] - solid[0] >= w + 6:
            cx = (solid[0] + solid[1]) / 2
            if all(abs(cx - p.cx) * 2 >= w + text_width(p.text, font) + pad for p in placed if p.row == 0):
                placed.append(Placed(text, cx, 0, inside=True, anchor=cx))
                continue
        anchor = (solid[0] + solid[1]) / 2 if solid is not None else (lo + hi) / 2
        anchor = min(max(anchor, bounds[0] + 2), bounds[1] - 2)
        x0 = hi + 3  # to the right of the bar, in its own row
        if x0 + w <= bounds[1] and rows.free(0, x0, x0 + w, pad):
            rows.take(0, x0, x0 + w)
            placed.append(Placed(text, x0 + w / 2, 0, inside=False, anchor=anchor))
            continue
        row, cx = _free_row(rows, anchor, w, bounds, pad)
        rows.take(row, cx - w / 2, cx + w / 2)
        step = -1 if row < 0 else 1
        for between in range(step, row, step):  # the leader line crosses these rows
            rows.take(between, anchor - 1, anchor + 1)
        placed.append(Placed(text, cx, row, inside=False, anchor=anchor))
    return placed


def _free_row(
    rows: Rows, anchor: float, w: float, bounds: tuple[float, float], pad: float
) -> tuple[int, float]:
    """The nearest row, above first, with room for a label of width ``w`` over ``anchor``
    and a clear way down (or up) for its leader line, if some row near enough has one."""
    left, right = bounds[0] + w / 2, bounds[1] - w / 2
    # Centred over the bar, else shifted so that the bar's middle is near one end.
    centres = [min(max(c, left), right) for c in (anchor, anchor - w / 2 + 6, anchor + w / 2 - 6)]
    for strict in (True, False):
        for k in range(1, 40):
            for row in (-k, k):
                step = -1 if row < 0 else 1
                for cx in centres:
                    if not cx - w / 2 <= anchor <= cx + w / 2:
                        continue  # the leader would miss the label
                    if not rows.free(row, cx - w / 2, cx + w / 2, pad):
                        continue
                    if strict and not all(
                        rows.free(between, anchor - 1, anchor + 1, 1) for between in range(step, row, step)
                    ):
                        continue
                    return row, cx
    return 40, centres[0]  # pragma: no cover - 79 full rows


def _legend(
    style: Style, as_of: dt.date, open_tenure: bool, uid: str, unknown: bool = True
) -> list[tuple[str, str]]:
    """The legend's items: (swatch markup at 0,0, text), bars then meetings; an empty
    item starts a new line."""
    h = style.font
    nato, eu = BAR_COLOURS["NATO"][0][0], BAR_COLOURS["EU"][0][0]
    items = [
        (f'<rect width="18" height="{_n(h)}" fill="{nato}"/>', "NATO post held"),
        (f'<rect width="18" height="{_n(h)}" fill="{eu}"/>', "EU post held"),
    ]
    if open_tenure:
        items.append(
            (
                f'<rect width="18" height="{_n(h)}" fill="url(#{uid}-open-NATO-0)"/>',
                f"in office as of {as_of}",
            )
        )
    items.append(
        (
            f'<rect width="18" height="{_n(h)}" fill="url(#{uid}-hatch-NATO-0)" stroke="{nato}" '
            'stroke-width="0.6"/>',
            "may have held" if style.compact else "may have held (a date known only to the month or year)",
        )
    )
    if unknown:
        items.append(
            (
                f'<rect width="18" height="{_n(h)}" fill="url(#{uid}-hatch-NATO-0)" '
                f'mask="url(#{uid}-fade-start)"/>',
                "start or end unknown" if style.compact else "start or end unknown (seen in post on a day)",
            )
        )
    r, cy = style.dot, h / 2
    items += [
        ("", ""),
        (f'<circle cx="{_n(r)}" cy="{_n(cy)}" r="{_n(r)}" fill="{HOST_COLOUR["NATO"]}"/>', "NATO host"),
        (f'<circle cx="{_n(r)}" cy="{_n(cy)}" r="{_n(r)}" fill="{HOST_COLOUR["EU"]}"/>', "EU host"),
        (
            f'<circle cx="{_n(r)}" cy="{_n(cy)}" r="{_n(r - 0.75)}" fill="#ffffff" '
            f'stroke="{HOST_COLOUR[None]}" stroke-width="1.5"/>',
            "host unknown",
        ),
    ]
    return items


def _legend_svg(items: list[tuple[str, str]], style: Style, y: float) -> tuple[list[str], float]:
    """The legend, on lines of its own, wrapped to the width; returns it and the y below it."""
    m, font = style.margin, style.font
    line_h = font * 1.5
    x, out = m, []
    for swatch, text in items:
        if not swatch:
            x, y = m, y + line_h
            continue
        w = 18 + 5 + text_width(text, font)
        if x > m and x + w > style.width - m:
            x, y = m, y + line_h
        out.append(
            f'<g class="legend" transform="translate({_n(x)},{_n(y)})">{swatch}'
            f'<text x="23" y="{_n(font * 0.85)}" fill="{TEXT}">{_esc(text)}</text></g>'
        )
        x += w + 16
    return out, y + line_h


def _defs(uid: str) -> list[str]:
    """Hatches (one per organisation and shade, the two shades slanting opposite ways so
    that a shared uncertain stretch is cross-hatched) and the fades of open tenures."""
    out = ["<defs>"]
    for org, shades in BAR_COLOURS.items():
        for i, (colour, _) in enumerate(shades):
            angle = 45 if i == 0 else -45
            out.append(
                f'<pattern id="{uid}-hatch-{org}-{i}" patternUnits="userSpaceOnUse" width="6" height="6" '
                f'patternTransform="rotate({angle})">'
                f'<rect width="6" height="6" fill="{colour}" fill-opacity="0.18"/>'
                f'<line x1="0" y1="0" x2="0" y2="6" stroke="{colour}" stroke-width="2.2"/></pattern>'
            )
            out.append(
                f'<linearGradient id="{uid}-open-{org}-{i}">'
                f'<stop offset="0" stop-color="{colour}"/>'
                f'<stop offset="1" stop-color="{colour}" stop-opacity="0"/></linearGradient>'
            )
    for side, (far, near) in (("start", ("0", "1")), ("end", ("1", "0"))):
        # Clear at the far end (the unknown start or end), whole at the known days.
        out.append(
            f'<linearGradient id="{uid}-fade-{side}-ramp" x1="{far}" x2="{near}">'
            '<stop offset="0" stop-color="#ffffff" stop-opacity="0.1"/>'
            '<stop offset="1" stop-color="#ffffff"/></linearGradient>'
            f'<mask id="{uid}-fade-{side}" maskContentUnits="objectBoundingBox">'
            f'<rect width="1" height="1" fill="url(#{uid}-fade-{side}-ramp)"/></mask>'
        )
    out.append("</defs>")
    return out


@dataclass(frozen=True)
class Context:
    """What every part of one drawing needs."""

    style: Style
    scale: Scale
    base: str
    uid: str
    as_of: dt.date


def _lane(
    ctx: Context, post: nm.Post, holders: tuple[nm.Appointment, ...], y: float
) -> tuple[list[str], float]:
    """One post: its heading, label rows and bars; returns them and the y below them."""
    style, scale, base, uid = ctx.style, ctx.scale, ctx.base, ctx.uid
    m, font, lf = style.margin, style.font, style.label_font
    org = post.organisation.value if post.organisation.value in BAR_COLOURS else "NATO"
    bars = _bars(spans(holders, ctx.as_of), scale, ctx.as_of)
    placed = _place_labels(bars, lf, (m, style.width - m))
    above = -min([p.row for p in placed] + [0])
    below = max([p.row for p in placed] + [0])

    heading = post.code if style.compact else f"{post.code}: {post.title}"
    y += font
    out = [
        f'<a href="{_esc(base)}posts/{_esc(post.code.lower())}.html">'
        f'<text x="{_n(m)}" y="{_n(y)}" font-weight="bold" fill="{TEXT}" class="post">'
        f"{_esc(heading)}</text></a>"
    ]
    top = y + font * 0.5 + above * style.row + (3 if above else 0)
    bottom = top + style.bar
    out.append(
        f'<rect x="{_n(scale.left)}" y="{_n(top)}" width="{_n(scale.right - scale.left)}" '
        f'height="{_n(style.bar)}" fill="#f3f3f3"/>'
    )
    order = ("possible", "unknown-start", "unknown-end", "open", "certain")  # hatches under the solid bars
    for i, (bar, label) in enumerate(zip(bars, placed, strict=True)):
        a = bar.span.appointment
        colour, ink = BAR_COLOURS[org][i % 2]
        hatch = f"url(#{uid}-hatch-{org}-{i % 2})"
        fills = {
            "possible": f'fill="{hatch}"',
            "unknown-start": f'fill="{hatch}" mask="url(#{uid}-fade-start)"',
            "unknown-end": f'fill="{hatch}" mask="url(#{uid}-fade-end)"',
            "open": f'fill="url(#{uid}-open-{org}-{i % 2})"',
            "certain": f'fill="{colour}" stroke="#ffffff" stroke-width="1"',
        }
        title = f"{a.official.name}, {post.code}: {tenure(a, ctx.as_of)}"
        g = [
            f'<a href="{_esc(base)}officials/{_esc(a.official.id)}.html">'
            f'<g class="tenure" data-official="{_esc(a.official.id)}" data-post="{_esc(post.code)}">'
            f"<title>{_esc(title)}</title>"
        ]
        lo, hi = bar.extent
        if hi - lo < HIT:  # a bar too short to point at or tap: a larger, unseen target
            mid = min(max((lo + hi) / 2, m + HIT / 2), style.width - m - HIT / 2)
            g.append(
                f'<rect class="hit" x="{_n(mid - HIT / 2)}" y="{_n(top + style.bar / 2 - HIT / 2)}" '
                f'width="{_n(HIT)}" height="{_n(max(HIT, style.bar))}" fill="#ffffff" fill-opacity="0"/>'
            )
        for kind, lo, hi in sorted(bar.parts, key=lambda p: order.index(p[0])):
            g.append(
                f'<rect class="{kind}" x="{_n(lo)}" y="{_n(top)}" width="{_n(hi - lo)}" '
                f'height="{_n(style.bar)}" {fills[kind]}/>'
            )
        if label.row == 0:
            ty = top + style.bar / 2 + lf * 0.35
        elif label.row < 0:
            ty = top - 3 - (-label.row - 1) * style.row - style.row * 0.3
        else:
            ty = bottom + 3 + (label.row - 1) * style.row + style.row * 0.3 + lf * 0.7
        if label.row != 0:  # a leader line from the label to its bar
            near = ty + lf * 0.25 if label.row < 0 else ty - lf * 0.8
            g.append(
                f'<line x1="{_n(label.anchor)}" y1="{_n(near)}" x2="{_n(label.anchor)}" '
                f'y2="{_n(top if label.row < 0 else bottom)}" stroke="{MUTED}" stroke-width="0.8"/>'
            )
        # Outside a bar, a white halo keeps the grid lines off the letters.
        halo = "" if label.inside else ' stroke="#ffffff" stroke-width="3" paint-order="stroke"'
        g.append(
            f'<text class="label" x="{_n(label.cx)}" y="{_n(ty)}" font-size="{_n(lf)}" '
            f'text-anchor="middle" fill="{ink if label.inside else TEXT}"{halo}>{_esc(label.text)}</text>'
            "</g></a>"
        )
        out.append("".join(g))
    return out, bottom + below * style.row + (3 if below else 0) + font * 0.9


def _meetings(ctx: Context, conferences: tuple[nm.Conference, ...], y: float) -> tuple[list[str], float]:
    """A dot per conference, by host, stacked where two would touch; returns them and
    the y below them."""
    style, r = ctx.style, ctx.style.dot
    y += style.font
    out = [f'<text x="{_n(style.margin)}" y="{_n(y)}" font-weight="bold" fill="{TEXT}">Meetings</text>']
    y += style.font * 0.5 + r + 2
    taken: dict[int, list[float]] = {}
    for c in conferences:
        cx = ctx.scale.x((c.date.earliest().toordinal() + c.date.latest().toordinal() + 1) // 2)
        row = 0
        while any(abs(cx - other) < 2 * r + 1 for other in taken.get(row, [])):
            row += 1
        taken.setdefault(row, []).append(cx)
        host = c.host.value if c.host else None
        if host is None:
            paint = f'r="{_n(r - 0.75)}" fill="#ffffff" stroke="{HOST_COLOUR[None]}" stroke-width="1.5"'
        else:
            paint = f'r="{_n(r)}" fill="{HOST_COLOUR[host]}" stroke="#ffffff" stroke-width="0.75"'
        ordinal = f", the {nth(c.ordinal)}" if c.ordinal else ""
        title = f"Conference of {c.date}{ordinal}, hosted by {host or 'an unknown host'}"
        cy = y + row * (2 * r + 2)
        out.append(
            f'<a href="{_esc(ctx.base)}conferences/{_esc(c.id)}.html">'
            # A dot is small: an unseen disc around it is what a pointer or a finger finds.
            f'<circle class="hit" cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(max(r, HIT / 2))}" '
            'fill="#ffffff" fill-opacity="0"/>'
            f'<circle class="meeting" data-conference="{_esc(c.id)}" data-host="{host or "unknown"}" '
            f'cx="{_n(cx)}" cy="{_n(cy)}" {paint}><title>{_esc(title)}</title></circle></a>'
        )
    return out, y + max(taken, default=0) * (2 * r + 2) + r + 4


def _grid(ctx: Context, top: float, bottom: float, labels_at: tuple[float, float]) -> list[str]:
    """A faint line a year where there is room, a darker one at each labelled year
    (their numbers above and below the lanes), and a dashed line at the as-of day."""
    scale, style = ctx.scale, ctx.style
    step = _tick_step(scale.last.year - scale.first.year, scale.per_year, style.tick_gap)
    out = []
    for year in range(scale.first.year, scale.last.year + 1):
        labelled = year % step == 0
        if not labelled and scale.per_year < 4:
            continue
        x = scale.x(dt.date(year, 1, 1).toordinal())
        out.append(
            f'<line class="year" data-year="{year}" x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" '
            f'y2="{_n(bottom)}" stroke="{"#d0d0d0" if labelled else "#ececec"}"/>'
        )
        if labelled:
            out += [
                f'<text x="{_n(x)}" y="{_n(ty)}" text-anchor="middle" fill="{MUTED}">{year}</text>'
                for ty in labels_at
            ]
    x = scale.x(ctx.as_of.toordinal())
    out.append(
        f'<line class="as-of" x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" y2="{_n(bottom)}" '
        f'stroke="{MUTED}" stroke-dasharray="3 3"><title>Record checked on {ctx.as_of}</title></line>'
    )
    return out


def svg(ds: nm.Dataset, style: Style = FULL, base: str = "") -> str:
    """The timeline as an inline SVG; links are ``base`` + ``officials/<id>.html`` and so on."""
    as_of = ds.info.as_of
    first, last = axis(ds)
    width, m, font = style.width, style.margin, style.font
    # The plot leaves room for half a year's number at either end.
    half = text_width("0000", font) / 2
    ctx = Context(
        style, Scale(first, last, m + half, width - m - half), base, f"timeline-{style.name}", as_of
    )

    unknown = any(a.start is None or (a.end is None and not a.in_office) for a in ds.appointments())
    legend = _legend(style, as_of, any(a.in_office for a in ds.appointments()), ctx.uid, unknown)
    body, y = _legend_svg(legend, style, m)
    years_top = y + font * 1.6
    grid_top = y = years_top + font * 0.6
    posts = [p for p in ds.posts() if ds.holders(p)]
    for post in posts:
        lane, y = _lane(ctx, post, ds.holders(post), y)
        body += lane
    meetings, grid_bottom = _meetings(ctx, ds.conferences(), y)
    body += meetings
    years_bottom = grid_bottom + font * 1.1
    height = years_bottom + m

    about = (
        f"{TITLE}, {first.year} to {last.year}: {len(ds.appointments())} tenures of {len(posts)} posts "
        f"and {len(ds.conferences())} conferences, as of {as_of}"
    )
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline timeline-{style.name}" '
            f'viewBox="0 0 {_n(width)} {_n(height)}" width="100%" font-family="sans-serif" '
            f'font-size="{_n(font)}" role="group" aria-label="{_esc(about)}">',
            *_defs(ctx.uid),
            # Links without the page's underline; a hovered or focused tenure stands out.
            "<style>svg.timeline a { text-decoration: none; } "
            "svg.timeline a:hover .certain, svg.timeline a:focus .certain { fill-opacity: 0.8; } "
            "svg.timeline a:hover .label, svg.timeline a:focus .label { text-decoration: underline; }</style>",
            f'<rect width="{_n(width)}" height="{_n(height)}" fill="#ffffff"/>',
            *_grid(ctx, grid_top, grid_bottom, (years_top, years_bottom)),
            *body,
            "</svg>",
        ]
    )


def fragment(ds: nm.Dataset, style: Style, base: str) -> str:
    """The SVG in a ``div`` an HTML page can include; the compact one keeps to a phone's
    width on a wide screen too, where it would otherwise be drawn too large."""
    limit = ' style="max-width: 28rem"' if style.compact else ""
    return f'<div class="timeline-box timeline-box-{style.name}"{limit}>\n{svg(ds, style, base)}\n</div>\n'


def page(ds: nm.Dataset) -> str:
    """The timeline's own page: the full timeline (the compact one on a narrow screen)
    and how to read it."""
    as_of = ds.info.as_of
    return "\n".join(
        [
            f"# {TITLE}",
            "",
            "Who held each post, and when the Directors General met, as the record has it on",
            f"{as_of}. Each bar and dot links to its page; with a mouse, resting the pointer on",
            "one shows its dates.",
            "",
            "```{raw} html",
            "<style>",
            ".timeline-box-small { display: none; }",
            "@media (max-width: 40em) {",
            "  .timeline-box-full { display: none; }",
            "  .timeline-box-small { display: block; }",
            "}",
            "</style>",
            "```",
            "",
            "```{raw} html",
            ":file: timeline-full.html",
            ":encoding: utf-8",
            "```",
            "",
            "```{raw} html",
            ":file: timeline-narrow.html",
            ":encoding: utf-8",
            "```",
            "",
            "## How to read it",
            "",
            "- **A lane per post**, each bar one official's tenure, labelled with the surname",
            "  (beside the bar, joined to it by a line, where the bar is too short).",
            "- **Solid**: the days the official surely held the post.",
            "- **Hatched**: the days they may have held it. The record gives the start or end",
            "  only to the month or the year. Where a handover is uncertain, the outgoing and",
            "  incoming holders' hatches share the stretch (cross-hatched): the change came",
            "  somewhere in it.",
            "- **Hatched, fading out**: the record has no start or no end at all, only a day a",
            "  source shows the official in post (a short solid mark, or where a solid bar",
            "  begins or ends). The hatch reaches back (or on) until the neighbouring holder's",
            f"  sure days, or {UNKNOWN_REACH.days} days at most: the tenure may have run longer.",
            f"- **Fading out** after the dashed line: still in office on {as_of}, the day the",
            "  record was last checked.",
            "- **Blue** is NATO, **amber** the EU: the posts of each staff, and the meetings each",
            "  hosted. A hollow grey dot is a meeting whose host the record does not know.",
            "- **A dot per conference**, at its date; dots stack where meetings fall close together.",
            "- **No bar** over a stretch of a lane: the record has no holder of the post then",
            "  (see [what the record lacks](coverage.md)).",
            "",
            "The same facts as tables: [posts and their holders](posts.md) and",
            "[conferences](conferences.md).",
            "",
        ]
    )


def generate(out: Path, ds: nm.Dataset | None = None) -> list[Path]:
    """Write the timeline page and fragments below ``out``; returns the files written."""
    ds = ds or nm.Dataset.bundled()
    out.mkdir(parents=True, exist_ok=True)
    files = {
        out / "timeline.md": page(ds),
        out / "timeline-full.html": fragment(ds, FULL, ""),
        out / "timeline-small.html": fragment(ds, SMALL, "data/"),
        out / "timeline-narrow.html": fragment(ds, SMALL, ""),
    }
    for path, text in files.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return list(files)


def _on_builder_inited(app: Any) -> None:
    generate(Path(app.srcdir) / "data")


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _on_builder_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
