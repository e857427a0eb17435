"""Hypothesis strategies: partial dates, and whole datasets that are valid by construction.

``datasets()`` builds a random but coherent record: posts with chains of
non-overlapping tenures, a series of conferences one per half-year with hosts
alternating (gaps in the series come with a documented exception), co-chairs who held
their posts, a topic tree, and sources that every record cites. The ``broken_*``
helpers then break one invariant in one known way.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs
from hypothesis import strategies as st

import natoeu_milstaff as nm
from natoeu_milstaff._codes import COUNTRIES, LANGUAGES

if TYPE_CHECKING:
    from collections.abc import Sequence

T = TypeVar("T")

AS_OF = dt.date(2031, 1, 1)
INFO = nm.DatasetInfo(version="test", as_of=AS_OF)

# Hosts of source URLs, and the codes the model accepts, in a fixed order for ``Picker.choice``.
HOSTS = ("example.org", "www.nato.int", "www.eeas.europa.eu")
COUNTRY_CODES = tuple(sorted(COUNTRIES))
LANGUAGE_CODES = tuple(sorted(LANGUAGES))


_ALPHA, _DIGITS = string.ascii_lowercase, string.digits


def _word(alphabet: str, low: int, high: int | None = None) -> st.SearchStrategy[str]:
    """Text of ``low`` to ``high`` (default: ``low``) characters of ``alphabet``."""
    return st.text(alphabet, min_size=low, max_size=low if high is None else high)


@st.composite
def language_tags(draw: st.DrawFn) -> str:
    """A BCP 47 tag the model accepts, built from the grammar of RFC 5646 (in any case):
    language[-extlang][-script][-region]*(-variant)*(-extension)[-privateuse]."""
    parts = [draw(st.sampled_from(LANGUAGE_CODES) | _word(_ALPHA, 3))]
    parts += draw(st.lists(_word(_ALPHA, 3), max_size=3))  # extended language subtags
    parts += draw(st.lists(_word(_ALPHA, 4), max_size=1))  # script
    parts += draw(st.lists(_word(_ALPHA, 2) | _word(_DIGITS, 3), max_size=1))  # region
    variant = _word(_ALPHA + _DIGITS, 5, 8) | st.tuples(_word(_DIGITS, 1), _word(_ALPHA + _DIGITS, 3)).map(
        "".join
    )
    parts += draw(st.lists(variant, max_size=2))
    for singleton in draw(
        st.lists(st.sampled_from(_DIGITS + _ALPHA.replace("x", "")), max_size=2, unique=True)
    ):
        parts += [singleton, *draw(st.lists(_word(_ALPHA + _DIGITS, 2, 8), min_size=1, max_size=2))]
    if draw(st.booleans()):
        parts += ["x", *draw(st.lists(_word(_ALPHA + _DIGITS, 1, 8), min_size=1, max_size=2))]
    case = draw(st.sampled_from([str.lower, str.upper, str.title]))
    return case("-".join(parts))


# RFC 3986: what a path segment, a query and a fragment are made of.
_PCHAR = string.ascii_letters + string.digits + "-._~" + "!$&'()*+,;=" + ":@"
_escape = st.integers(0, 255).map(lambda byte: f"%{byte:02X}") | st.integers(0, 255).map(
    lambda b: f"%{b:02x}"
)
_segment = st.lists(st.sampled_from(_PCHAR) | _escape, max_size=10).map("".join)
_query = st.lists(st.sampled_from(_PCHAR + "/?") | _escape, max_size=10).map("".join)
_LDH = string.ascii_letters + string.digits
# A DNS label: letters and digits, and hyphens inside; up to 63 characters.
_label = _word(_LDH, 1) | st.tuples(_word(_LDH, 1), _word(_LDH + "-", 0, 61), _word(_LDH, 1)).map("".join)


@st.composite
def urls(draw: st.DrawFn) -> str:
    """An absolute http(s) URL the model accepts, built from the parts RFC 3986 allows."""
    scheme = draw(st.sampled_from(["http", "https"]))
    labels = [*draw(st.lists(_label, min_size=1, max_size=2)), draw(_label.filter(lambda t: not t.isdigit()))]
    port = draw(st.just("") | st.integers(0, 65535).map(lambda n: f":{n}"))
    path = "".join("/" + segment for segment in draw(st.lists(_segment, max_size=3)))
    query = draw(st.just("") | _query.map(lambda q: "?" + q))
    fragment = draw(st.just("") | _query.map(lambda f: "#" + f))
    return f"{scheme}://{'.'.join(labels)}{port}{path}{query}{fragment}"


qualifiers = st.sampled_from([(False, False), (True, False), (False, True), (True, True)])


@st.composite
def partial_dates(draw: st.DrawFn, min_year: int = 1, max_year: int = 9999) -> nm.PartialDate:
    """Any valid PartialDate, any precision, any qualifiers."""
    day = draw(st.dates(dt.date(min_year, 1, 1), dt.date(max_year, 12, 31)))
    precision = draw(st.sampled_from(list(nm.Precision)))
    approximate, uncertain = draw(qualifiers)
    return _at(day, precision, approximate=approximate, uncertain=uncertain)


def _at(day: dt.date, precision: nm.Precision, **qualifiers: bool) -> nm.PartialDate:
    return nm.PartialDate(
        year=day.year,
        month=None if precision is nm.Precision.YEAR else day.month,
        day=day.day if precision is nm.Precision.DAY else None,
        **qualifiers,
    )


@st.composite
def tenures_of_one_post(draw: st.DrawFn, post: nm.Post, max_size: int = 5) -> tuple[nm.Appointment, ...]:
    """Tenures of one post by different officials that may well overlap: starts within three
    years, any length up to about two years, any precision, a few still in office."""
    source = nm.Source(
        id="s", url="https://example.org", title="t", publisher="p", kind=nm.SourceKind.ORIGINAL
    )
    tenures = []
    for k in range(draw(st.integers(2, max_size))):
        start = draw(st.dates(dt.date(2019, 1, 1), dt.date(2021, 12, 31)))
        end = start + dt.timedelta(days=draw(st.integers(1, 800)))
        in_office = draw(st.integers(0, 5)) == 0
        tenures.append(
            nm.Appointment(
                official=nm.Official(id=f"h{k}", name=f"Holder {k}", sources=(source,)),
                post=post,
                start=_at(start, draw(st.sampled_from(list(nm.Precision)))),
                end=None if in_office else _at(end, draw(st.sampled_from(list(nm.Precision)))),
                in_office=in_office,
                sources=(source,),
            )
        )
    return tuple(tenures)


POSTS = (
    nm.Post(code="DGN", title="Director General North", organisation=nm.Organisation.NATO),
    nm.Post(code="DGE", title="Director General East", organisation=nm.Organisation.EU),
    nm.Post(
        code="DDGE", title="Deputy Director General East", organisation=nm.Organisation.EU, deputy_of="DGE"
    ),
    nm.Post(
        code="DDGN", title="Deputy Director General North", organisation=nm.Organisation.NATO, deputy_of="DGN"
    ),
)

names = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé ", min_size=1, max_size=12).map(str.strip).filter(bool)


class Picker(Protocol):
    """The choices the dataset generator makes: drawn by hypothesis or by ``random``."""

    def integer(self, low: int, high: int) -> int: ...
    def boolean(self) -> bool: ...
    def choice(self, options: Sequence[T]) -> T: ...
    def subset(self, options: Sequence[T], low: int, high: int) -> list[T]: ...
    def name(self) -> str: ...


class HypothesisPicker:
    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw

    def integer(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))

    def boolean(self) -> bool:
        return self.draw(st.booleans())

    def choice(self, options: Sequence[T]) -> T:
        return self.draw(st.sampled_from(options))

    def subset(self, options: Sequence[T], low: int, high: int) -> list[T]:
        if not options:
            return []
        return self.draw(st.lists(st.sampled_from(options), min_size=low, max_size=high, unique=True))

    def name(self) -> str:
        return self.draw(names)


class RandomPicker:
    """Seeded, fast choices for large synthetic datasets (benchmarks)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def integer(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def boolean(self) -> bool:
        return self.rng.random() < 0.5

    def choice(self, options: Sequence[T]) -> T:
        return options[self.rng.randrange(len(options))]

    def subset(self, options: Sequence[T], low: int, high: int) -> list[T]:
        k = min(len(options), self.rng.randint(low, high))
        return self.rng.sample(list(options), k) if options else []

    def name(self) -> str:
        return "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyzé") for _ in range(self.rng.randint(3, 10)))


@st.composite
def datasets(draw: st.DrawFn, *, max_conferences: int = 12, allow_gaps: bool = True) -> nm.Dataset:
    """A valid random dataset."""
    return build_dataset(HypothesisPicker(draw), conferences=(0, max_conferences), allow_gaps=allow_gaps)


def synthetic_dataset(n_conferences: int, seed: int = 0) -> nm.Dataset:
    """A valid dataset of exactly ``n_conferences``, with appointments in proportion.

    The same generator as ``datasets()``; conferences come every few days instead of
    twice a year so that 100,000 of them fit the calendar.
    """
    return build_dataset(
        RandomPicker(seed),
        conferences=(n_conferences, n_conferences),
        allow_gaps=False,
        spacing_days=(2, 6),
        tenures=max(1, n_conferences // 10),
        start=dt.date(100, 1, 1),
    )


def build_dataset(
    pick: Picker,
    *,
    conferences: tuple[int, int],
    allow_gaps: bool,
    spacing_days: tuple[int, int] | None = None,
    tenures: int | None = None,
    start: dt.date | None = None,
) -> nm.Dataset:
    """A valid dataset made from ``pick``'s choices.

    Tenures of each post follow each other; conferences alternate hosts, one per
    half-year (or every ``spacing_days``); skipped half-years are documented gaps;
    co-chairs are the officials whose tenure surely covers the day.
    """
    n_sources = pick.integer(1, 3)
    sources = tuple(
        nm.Source(
            id=f"s{i}",
            url=f"https://{pick.choice(HOSTS)}/{i}",
            title=f"Source {i}",
            publisher="Example",
            published=None
            if pick.boolean()
            else _at(
                dt.date(pick.integer(1990, 2030), 1, 1) + dt.timedelta(days=pick.integer(0, 364)),
                pick.choice(list(nm.Precision)),
            ),
            kind=pick.choice(list(nm.SourceKind)),
        )
        for i in range(n_sources)
    )

    def cite() -> tuple[nm.Source, ...]:
        return tuple(pick.subset(sources, 1, 2))

    # Appointments: per post, a chain of tenures that follow each other.
    officials: list[nm.Official] = []
    appointments: list[nm.Appointment] = []
    start_day = (start or dt.date(2000, 1, 1)) + dt.timedelta(days=pick.integer(0, 2000))
    per_post = tenures if tenures is not None else 0
    span = (400, 1500) if spacing_days is None else (spacing_days[0] * 8, spacing_days[1] * 12)
    for post in POSTS[:3]:
        count = per_post or pick.integer(1, 4)
        day = start_day + dt.timedelta(days=pick.integer(0, 300 if spacing_days is None else 3))
        handovers = [day]
        for _ in range(count):
            day = day + dt.timedelta(days=pick.integer(*span))
            handovers.append(day)
        # Year or month precision only where the chain is slow enough for it to stay valid.
        precisions = list(nm.Precision) if spacing_days is None else [nm.Precision.DAY]
        bounds = [_at(h, pick.choice(precisions)) for h in handovers]
        serving = pick.boolean() and handovers[-1] < AS_OF
        for k in range(count):
            person = nm.Official(
                id=f"{post.code.lower()}-{k}",
                name=f"{pick.name()} {post.code} {k}",
                nationality=None if pick.integer(0, 5) == 0 else pick.choice(COUNTRY_CODES),
                aliases=tuple(
                    f"{n} alias {post.code}{k}"
                    for n in dict.fromkeys(pick.name() for _ in range(pick.integer(0, 2)))
                ),
                sources=cite(),
            )
            officials.append(person)
            last = k == count - 1
            appointments.append(
                nm.Appointment(
                    official=person,
                    post=post,
                    start=bounds[k],
                    end=None if (last and serving) else bounds[k + 1],
                    in_office=last and serving,
                    sources=cite(),
                )
            )

    # Deputies known only from the days a source shows them in post (no start, no end).
    day = start_day
    for k in range(pick.integer(0, 3)):
        day = day + dt.timedelta(days=pick.integer(1, 900))
        seen = [day]
        if pick.boolean():
            day = day + dt.timedelta(days=pick.integer(1, 400))
            seen.append(day)
        person = nm.Official(id=f"ddgn-{k}", name=f"Deputy {k}", sources=cite())
        officials.append(person)
        appointments.append(
            nm.Appointment(
                official=person,
                post=POSTS[3],
                attested=tuple(nm.PartialDate.from_date(d) for d in seen),
                sources=cite(),
            )
        )

    # Topics: a forest, each topic's broader ones drawn among earlier topics.
    topics: list[nm.Topic] = []
    for i in range(pick.integer(1, 8)):
        parents = pick.subset(topics, 0, 2)
        topics.append(
            nm.Topic(id=f"t{i}", label=f"Topic {i}", aliases=(f"alias {i}",), broader=tuple(parents))
        )

    # Who surely held each post, walked forward in time alongside the conferences.
    chains = {code: [a for a in appointments if a.post.code == code] for code in ("DGN", "DGE", "DDGE")}
    cursor = dict.fromkeys(chains, 0)

    def holder(code: str, day: dt.date) -> nm.Appointment | None:
        chain = chains[code]
        while cursor[code] < len(chain) and _bounds(chain[cursor[code]])[1] <= day:
            cursor[code] += 1
        if cursor[code] < len(chain):
            low, high = _bounds(chain[cursor[code]])
            if low <= day < high:
                return chain[cursor[code]]
        return None

    # Conferences: hosts alternating, one per half-year (or every few days).
    meetings: list[nm.Conference] = []
    exceptions: list[nm.AlternationException] = []
    host = pick.choice(list(nm.Organisation))
    slot = 2 * start_day.year + 2
    day = start_day
    numbered = pick.boolean()
    ordinal = pick.integer(1, 30)
    for _ in range(pick.integer(*conferences)):
        if spacing_days is None:
            skipped = pick.integer(0, 2) if (allow_gaps and meetings) else 0
            slot += skipped + (1 if meetings else 0)
            ordinal += skipped + (1 if meetings else 0)
            year, half = divmod(slot, 2)
            day = dt.date(year, 1 + 6 * half, 1) + dt.timedelta(days=pick.integer(0, 170))
            current = host if (slot % 2 == 0) else _other(host)
        else:
            skipped = 0
            day = day + dt.timedelta(days=pick.integer(*spacing_days))
            ordinal += 1 if meetings else 0
            current = host if len(meetings) % 2 == 0 else _other(host)
        if day > AS_OF:
            break
        chairs: tuple[nm.Chair, ...] = tuple(
            nm.Chair(official=a.official, post=a.post, rank="General")
            for a in (holder("DGN", day), holder("DGE", day))
            if a is not None
        )
        deputy = holder("DDGE", day)
        if deputy is not None and len(chairs) == 2 and pick.boolean():
            # The deputy chairs for the EU side, standing in for the Director General.
            chairs = (
                chairs[0],
                nm.Chair(official=deputy.official, post=deputy.post, standing_in_for=chairs[1].official),
            )
        agenda = tuple(
            nm.AgendaItem(
                title=f"Item {j}",
                topics=tuple(pick.subset(topics, 1, 3)),
                briefers=tuple(pick.subset(["ACT", "MPCC", "EEAS"], 0, 2)),
                sources=cite(),
            )
            for j in range(pick.integer(0, 3))
        )
        conference = nm.Conference(
            id=f"c-{day.isoformat()}",
            date=nm.PartialDate.from_date(day),
            ordinal=ordinal if numbered else None,
            host=current,
            format=pick.choice([None, *nm.Format]),
            evidence=nm.Evidence.REPORTED,
            co_chairs=chairs,
            agenda=agenda,
            sources=cite(),
        )
        if meetings and skipped:
            exceptions.append(
                nm.AlternationException(
                    after=meetings[-1], before=conference, kind=nm.BreakKind.GAP, reason="gap", sources=cite()
                )
            )
        meetings.append(conference)

    cited = {s.id for s in _all_citations(officials, appointments, meetings, exceptions)}
    return nm.Dataset(
        info=INFO,
        sources=tuple(s for s in sources if s.id in cited),
        posts=POSTS,
        officials=tuple(officials),
        appointments=tuple(appointments),
        topics=tuple(topics),
        conferences=tuple(meetings),
        exceptions=tuple(exceptions),
    )


# Text with characters that CSV cells and JSON arrays must quote or escape.
awkward = st.text(alphabet="ab é,\"'[]\\;Ω", min_size=1, max_size=12).map(str.strip).filter(bool)


@st.composite
def rich_datasets(draw: st.DrawFn) -> nm.Dataset:
    """A valid random dataset that also has what ``datasets()`` leaves out: the optional
    fields and nested lists of every record, joint declarations and progress reports.

    Made by adding them to the plain form of a ``datasets()`` draw, so that the new
    records cite sources and refer to others as a load would resolve them.
    """
    from natoeu_milstaff._convert import structure_tables, unstructure_tables

    raw = unstructure_tables(draw(datasets(max_conferences=6)).tables)
    cited = [s["id"] for s in raw["sources.toml"]]

    def cite() -> list[str]:
        return draw(st.lists(st.sampled_from(cited), min_size=1, max_size=2, unique=True))

    def texts(min_size: int = 0) -> list[str]:
        return draw(st.lists(awkward, min_size=min_size, max_size=2))

    def date() -> str:
        return str(draw(partial_dates(1990, 2030)))

    def inferences(record: dict[str, Any], fields: tuple[str, ...]) -> list[dict[str, str]]:
        # Only a field that has a value can be marked inferred.
        present = [f for f in fields if f in record]
        chosen = draw(st.lists(st.sampled_from(present), max_size=2, unique=True)) if present else []
        return [{"field": f, "reason": draw(awkward)} for f in chosen]

    def conflicts() -> list[dict[str, Any]]:
        return [
            {"field": draw(awkward), "value": draw(awkward), "note": draw(awkward), "sources": cite()}
            for _ in range(draw(st.integers(0, 2)))
        ]

    for source in raw["sources.toml"]:
        if draw(st.booleans()):
            source.update(
                url=draw(urls()), language=draw(language_tags()), repost_of=draw(urls()), notes=texts(1)
            )
    for official in raw["officials.toml"]:
        if draw(st.booleans()):
            official["service"] = draw(st.sampled_from([s.value for s in nm.Service]))
    for topic in raw["topics.toml"]:
        if draw(st.booleans()):
            topic["definition"] = draw(awkward)
    for appointment in raw["appointments.toml"]:
        appointment["inferences"] = inferences(appointment, ("start", "end", "in_office"))
        appointment["conflicts"] = conflicts()
    for conference in raw["conferences.toml"]:
        if draw(st.booleans()):
            conference["venue"] = draw(awkward)
        if draw(st.booleans()):
            end = dt.date.fromisoformat(conference["date"]) + dt.timedelta(days=draw(st.integers(1, 3)))
            conference["end_date"] = end.isoformat()
        conference["notes"] = texts()
        keys = draw(st.lists(st.sampled_from(["members", "items", "staff-talks"]), max_size=3, unique=True))
        conference["figures"] = [
            {"key": k, "label": draw(awkward), "value": draw(st.integers(-5, 10**6)), "sources": cite()}
            for k in keys
        ]
        if draw(st.booleans()):
            # The next meeting as announced: a date, the wording of one, or both.
            worded, dated = draw(st.sampled_from([(True, False), (False, True), (True, True)]))
            announced: dict[str, Any] = {"sources": cite()}
            if worded:
                announced["as_stated"] = draw(awkward)
            if dated:
                announced["date"] = date()
            if draw(st.booleans()):
                announced["host"] = draw(st.sampled_from([o.value for o in nm.Organisation]))
            conference["next_meeting"] = announced
        inferable = ("date", "end_date", "ordinal", "host", "venue", "format")
        conference["inferences"] = inferences(conference, inferable)
        conference["conflicts"] = conflicts()
    n_declarations = draw(st.integers(0, 2))
    # Sets are endorsed before any report or deadline that names them (1990-1995 against
    # 1996 on), and each belongs to exactly one declaration.
    # A set's id is the year it was endorsed.
    years = draw(st.lists(st.integers(1990, 1995), max_size=3 if n_declarations else 0, unique=True))
    set_ids = [str(year) for year in years]
    owner = {sid: draw(st.integers(0, n_declarations - 1)) for sid in set_ids}
    listed = {sid: draw(st.integers(0, 3)) for sid in set_ids}
    raw["proposal_sets.toml"] = []
    for sid in set_ids:
        count = listed[sid] + draw(st.integers(0 if listed[sid] else 1, 3))
        entry: dict[str, Any] = {
            "id": sid,
            "date": str(draw(partial_dates(int(sid), int(sid)))),
            "count": count,
            "notes": texts(),
            "conflicts": conflicts(),
            "sources": cite(),
        }
        if listed[sid] < count:
            entry["incomplete"] = draw(awkward)
        raw["proposal_sets.toml"].append(entry)
    raw["declarations.toml"] = [
        {
            "id": f"declaration-{i}",
            "date": date(),
            **({"place": draw(awkward)} if draw(st.booleans()) else {}),
            "signatories": texts(),
            "proposal_sets": [sid for sid in set_ids if owner[sid] == i],
            "notes": texts(),
            "conflicts": conflicts(),
            "sources": cite(),
        }
        for i in range(n_declarations)
    ]

    def period() -> dict[str, str]:
        ends = sorted(
            draw(st.lists(partial_dates(1996, 2019), min_size=2, max_size=2)), key=lambda d: d.sort_key()
        )
        chosen = draw(st.sampled_from(["both", "start", "end", "none"]))
        out: dict[str, str] = {}
        if chosen in ("both", "start"):
            out["period_start"] = str(ends[0])
        if chosen in ("both", "end"):
            out["period_end"] = str(ends[1])
        return out

    raw["progress_reports.toml"] = [
        {
            "number": n,
            "date": str(draw(partial_dates(2020, 2030))),  # after the period it reports on
            **period(),
            "proposal_sets": draw(st.lists(st.sampled_from(set_ids), unique=True)) if set_ids else [],
            "notes": texts(),
            "sources": cite(),
        }
        for n in range(1, draw(st.integers(0, 2)) + 1)
    ]
    topic_ids = [t["id"] for t in raw["topics.toml"]]
    areas: list[dict[str, Any]] = []
    if topic_ids and set_ids:
        for i in range(draw(st.integers(1, 3))):
            area: dict[str, Any] = {
                "id": f"area-{i}",
                "label": f"Area {i} {draw(awkward)}",
                "aliases": [f"area {i} alias"] if draw(st.booleans()) else [],
                "topics": draw(st.lists(st.sampled_from(topic_ids), min_size=1, max_size=2, unique=True)),
                "notes": texts(),
                "sources": cite(),
            }
            if draw(st.booleans()) and areas:
                area["parent"] = draw(st.sampled_from([a["id"] for a in areas]))
            areas.append(area)
    raw["proposal_areas.toml"] = areas
    proposals: list[dict[str, Any]] = []
    by_id = {a["id"]: a for a in areas}

    def area_topics(area_id: str) -> set[str]:
        """The topics of an area and of the areas it is part of."""
        area = by_id[area_id]
        return set(area["topics"]) | (area_topics(area["parent"]) if "parent" in area else set())

    for sid in set_ids if areas else ():
        numbered = draw(st.booleans())
        for k in range(1, listed[sid] + 1):
            area_id = draw(st.sampled_from(list(by_id)))
            others = [t for t in topic_ids if t not in area_topics(area_id)]
            proposal: dict[str, Any] = {
                "id": f"{sid}-{k:02d}" if numbered else f"{sid}-item-{k}",
                "set": sid,
                "area": area_id,
                "summary": draw(awkward),
                "topics": draw(st.lists(st.sampled_from(others), max_size=2, unique=True)) if others else [],
                "notes": texts(),
                "sources": cite(),
            }
            if numbered:
                proposal["number"] = k
            if draw(st.booleans()):
                proposal["deadline"] = str(draw(partial_dates(1996, 2030)))
            proposals.append(proposal)
    raw["proposals.toml"] = proposals
    ds = nm.Dataset(**structure_tables(raw))
    assert ds.validate() == (), ds.validate()
    return ds


def _bounds(a: nm.Appointment) -> tuple[dt.date, dt.date]:
    low, high = a.certain_window()
    return low, (AS_OF if a.in_office else high)


def _alias(suffix: str, name: str) -> str:
    return f"{name} alias {suffix}"


def _other(host: nm.Organisation) -> nm.Organisation:
    return nm.Organisation.EU if host is nm.Organisation.NATO else nm.Organisation.NATO


def _all_citations(*groups: Any) -> list[nm.Source]:
    out: list[nm.Source] = []
    for group in groups:
        for record in group:
            out += record.sources
            for item in getattr(record, "agenda", ()):
                out += item.sources
    return out


def replace(ds: nm.Dataset, **tables: Any) -> nm.Dataset:
    """A copy of ``ds`` with some tables replaced."""
    fields = {f.name: getattr(ds.tables, f.name) for f in attrs.fields(type(ds.tables))}
    fields.update(tables)
    return nm.Dataset(**fields)
