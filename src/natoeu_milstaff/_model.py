"""The typed, immutable domain model, and the list of a dataset's tables.

Every class is an ``attrs`` frozen, slotted, keyword-only value object whose
collections are tuples. Objects hold each other (a ``Chair`` holds its ``Official``);
the data files refer to them by id, and the loaders (``_convert`` for a data
directory, ``_bundled`` for the shipped data) join the two. ``Tables`` lists every
table once, with its data file: ``TABLES`` is read from it by every stage that walks
the tables. Nothing here parses or reads files.
"""

import datetime as dt
import enum
import re
from typing import TYPE_CHECKING, Any

import attrs
from attrs import validators as v

from ._codes import country_problem, language_problem, url_problem
from ._dates import PartialDate, _require_day
from ._errors import InvalidValueError
from ._value import Record, Value, counted

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "TABLES",
    "AgendaItem",
    "AlternationException",
    "Announcement",
    "Appointment",
    "Basis",
    "BreakKind",
    "Chair",
    "Conference",
    "Conflict",
    "DatasetInfo",
    "Evidence",
    "Figure",
    "Format",
    "Inference",
    "JointDeclaration",
    "Official",
    "Organisation",
    "Post",
    "ProgressReport",
    "Proposal",
    "ProposalArea",
    "ProposalSet",
    "Search",
    "Service",
    "Source",
    "SourceKind",
    "Table",
    "Tables",
    "Topic",
    "chronological",
    "tenure_window",
]

# The fields whose value may be marked as inferred, per class.
INFERABLE: dict[str, frozenset[str]] = {
    "Conference": frozenset({"date", "end_date", "ordinal", "host", "venue", "format"}),
    "Appointment": frozenset({"start", "end", "in_office"}),
}


# Patterns, compiled and cached by re on first use rather than on import.
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"


def _text(_: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be a str, got {type(value).__name__} {value!r}")
    if not value.strip() or value != value.strip():
        raise InvalidValueError(
            f"{attribute.name} must be a non-empty str without surrounding spaces, got {value!r}"
        )
    if not value.isprintable():
        raise InvalidValueError(f"{attribute.name} has control or unpaired surrogate characters: {value!r}")


def _slug(_: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if not isinstance(value, str) or not re.fullmatch(_SLUG, value):
        raise InvalidValueError(
            f"{attribute.name} must be a slug of lowercase letters, digits and single hyphens, got {value!r}"
        )


def _url(inst: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    """An absolute http(s) URL with a DNS host name (``_codes.url_problem`` says what else)."""
    _text(inst, attribute, value)
    problem = url_problem(value)  # type: ignore[arg-type]  # _text refused any other type
    if problem is not None:
        raise InvalidValueError(
            f"{attribute.name} must be an absolute http or https URL, got {value!r}: {problem}"
        )


def _optional_url(inst: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if value is not None:
        _url(inst, attribute, value)


def _language(inst: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    """A BCP 47 language tag (``_codes.language_problem`` says which)."""
    _text(inst, attribute, value)
    problem = language_problem(value)  # type: ignore[arg-type]  # _text refused any other type
    if problem is not None:
        raise InvalidValueError(
            f"{attribute.name} must be a BCP 47 language tag such as 'en', 'fr' or 'zh-Hant-TW', "
            f"got {value!r}: {problem}"
        )


def _tuple_of(kind: type | tuple[type, ...]) -> Any:
    return v.deep_iterable(member_validator=v.instance_of(kind), iterable_validator=v.instance_of(tuple))


def _optional(kind: type | tuple[type, ...]) -> Any:
    return v.optional(_strict_int if kind is int else v.instance_of(kind))


def _strict_int(_: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if type(value) is not int:
        raise TypeError(f"{attribute.name} must be an int, got {type(value).__name__} {value!r}")


def _texts(inst: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    """A tuple of non-empty strings."""
    if not isinstance(value, tuple):
        raise TypeError(f"{attribute.name} must be a tuple, got {type(value).__name__}")
    for item in value:
        _text(inst, attribute, item)


def _optional_text(inst: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if value is not None:
        _text(inst, attribute, value)


class SourceKind(enum.Enum):
    """What a source is.

    >>> nm.conference(17).sources[0].kind
    <SourceKind.REPOST: 'repost'>
    >>> nm.SourceKind("news")
    <SourceKind.NEWS: 'news'>
    """

    ORIGINAL = "original"
    """A release on the issuing organisation's own site."""
    REPOST = "repost"
    """A copy of a release on another site, possibly translated or edited."""
    REFERENCE = "reference"
    """Encyclopedia, biography or other secondary reference."""
    NEWS = "news"
    """Independent press reporting."""


class Service(enum.Enum):
    """Armed service of an official.

    >>> nm.official("Hervé Bléjean").service
    <Service.NAVY: 'navy'>
    """

    ARMY = "army"
    NAVY = "navy"
    AIR_FORCE = "air-force"


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Source(Record):
    """A public page that a fact comes from.

    >>> source = nm.conference(17).sources[0]
    >>> source.id, source.kind.value, source.language
    ('mirage-798914', 'repost', 'en')
    """

    _ref_by = ("id",)

    id: str = attrs.field(validator=_slug)
    url: str = attrs.field(validator=_url)
    """The page's address, an absolute ``http`` or ``https`` URL."""
    title: str = attrs.field(validator=_text)
    publisher: str = attrs.field(validator=_text)
    published: PartialDate | None = attrs.field(default=None, validator=_optional(PartialDate))
    kind: SourceKind = attrs.field(validator=v.instance_of(SourceKind))
    language: str = attrs.field(default="en", validator=_language)
    """The page's language, as a BCP 47 tag (``en``, ``fr``, ``pt-BR``)."""
    repost_of: str | None = attrs.field(default=None, validator=_optional_url)
    """URL of the original release when this page is a re-post."""
    notes: tuple[str, ...] = attrs.field(default=(), validator=_texts, repr=False)
    """Curators' remarks, e.g. the translation errors the page contains."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Official(Record):
    """A person who held one of the posts.

    >>> official = nm.official("Wiermann")
    >>> official.name, official.nationality, official.service
    ('Hans-Werner Wiermann', 'DE', <Service.ARMY: 'army'>)
    """

    _ref_by = ("id",)

    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_text)
    nationality: str | None = attrs.field(default=None)
    """Officially assigned ISO 3166-1 alpha-2 code, in capitals (``FR``, ``GB``)."""
    service: Service | None = attrs.field(default=None, validator=_optional(Service))
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    """Spellings of the name seen in sources, misspellings included."""
    sources: tuple[Source, ...] = attrs.field(validator=_tuple_of(Source))

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the official can be looked up by (id, name and aliases).

        >>> nm.official("herve-blejean").names
        ('herve-blejean', 'Hervé Bléjean', 'Hervé Blejean')
        """
        return (self.id, self.name, *self.aliases)

    @nationality.validator
    def _check_nationality(self, _: "attrs.Attribute[str | None]", value: str | None) -> None:
        if value is None:
            return
        problem = country_problem(value) if isinstance(value, str) else ""
        if problem is not None:
            raise InvalidValueError(
                "nationality must be an ISO 3166-1 alpha-2 code, two capital letters such as 'FR' or "
                f"'GB', got {value!r}" + (f": {problem}" if problem else "")
            )


class Organisation(enum.Enum):
    """The two organisations whose military staffs meet.

    >>> nm.conference(17).host
    <Organisation.NATO: 'NATO'>
    """

    NATO = "NATO"
    EU = "EU"

    @property
    def staff(self) -> str:
        """The acronym of the organisation's military staff (``IMS`` or ``EUMS``).

        >>> nm.Organisation.EU.staff
        'EUMS'
        """
        return "IMS" if self is Organisation.NATO else "EUMS"


class Format(enum.Enum):
    """How a conference was held.

    >>> nm.conference("2020-05-19").format
    <Format.VIDEO_CONFERENCE: 'video-conference'>
    """

    IN_PERSON = "in-person"
    VIDEO_CONFERENCE = "video-conference"


class Evidence(enum.Enum):
    """How strongly the record attests that a conference took place.

    >>> nm.conference("2014-06").evidence
    <Evidence.MENTIONED: 'mentioned'>
    """

    REPORTED = "reported"
    """A source reports the meeting itself."""
    MENTIONED = "mentioned"
    """Only a mention in another source (a later release, an announcement) attests it."""
    IMPLIED = "implied"
    """No source names it; the numbering of its neighbours implies it."""


class Basis(enum.Enum):
    """Whether a value is stated by a source or inferred by the curators.

    >>> nm.conference("2014-01-27").basis("host")
    <Basis.INFERRED: 'inferred'>
    """

    STATED = "stated"
    INFERRED = "inferred"


class BreakKind(enum.Enum):
    """The kinds of break in the alternation of hosts.

    >>> nm.alternation_exceptions()[-1].kind
    <BreakKind.SAME_HOST: 'same-host'>
    """

    SAME_HOST = "same-host"
    """Two consecutive conferences were hosted by the same organisation."""
    GAP = "gap"
    """The record lacks the conference(s) between two known ones."""
    UNKNOWN_HOST = "unknown-host"
    """A host is unknown, so alternation cannot be checked across the pair."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Inference(Record):
    """A value the curators inferred rather than read, with the reasoning.

    >>> [i.field for i in nm.conference("2014-01-27").inferences]
    ['date', 'host', 'format']
    """

    _ref_by = ("field",)

    field: str = attrs.field(validator=_text)
    reason: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Conflict(Record):
    """A value that a source gives and the record does not follow.

    >>> conflict = nm.conference("2016-05-12").conflicts[0]
    >>> conflict.field, conflict.value, [s.id for s in conflict.sources]
    ('end_date', '2016-05-14', ['nato-news-130782'])
    """

    _ref_by = ("field",)

    field: str = attrs.field(validator=_text)
    value: str = attrs.field(validator=_text)
    note: str = attrs.field(validator=_text)
    sources: tuple[Source, ...] = attrs.field(validator=_tuple_of(Source))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Post(Record):
    """A post whose holders the record follows, e.g. ``DGIMS``.

    >>> post = nm.post("DDGEUMS")
    >>> post.organisation, post.deputy_of
    (<Organisation.EU: 'EU'>, 'DGEUMS')
    """

    _ref_by = ("code",)

    code: str = attrs.field(validator=_text)
    title: str = attrs.field(validator=_text)
    organisation: Organisation = attrs.field(validator=v.instance_of(Organisation))
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    deputy_of: str | None = attrs.field(default=None, validator=_optional_text)
    """Code of the post this one deputises for (``DDGEUMS`` deputises for ``DGEUMS``)."""

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the post can be looked up by (code, title and aliases).

        >>> nm.post("DGEUMS").names[:2]
        ('DGEUMS', 'Director General of the European Union Military Staff')
        """
        return (self.code, self.title, *self.aliases)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Appointment(Record):
    """One official's tenure of one post, half-open: ``[start, end)``.

    ``start`` or ``end`` is ``None`` where no source gives it; ``in_office`` says the
    official still held the post on the dataset's ``as_of`` date. ``attested`` lists
    days on which a source shows the official in the post, which bound the tenure
    where a start or end is unknown.

    >>> a = nm.appointment("DGIMS", "2020-05-19")
    >>> a.official.name, str(a.start), str(a.end), a.in_office
    ('Hans-Werner Wiermann', '2019-07-11', '2022-07-14', False)
    """

    _ref_by = ("id",)

    official: Official = attrs.field(validator=v.instance_of(Official))
    post: Post = attrs.field(validator=v.instance_of(Post))
    start: PartialDate | None = attrs.field(default=None, validator=_optional(PartialDate))
    end: PartialDate | None = attrs.field(default=None, validator=_optional(PartialDate))
    in_office: bool = attrs.field(default=False, validator=v.instance_of(bool))
    attested: tuple[PartialDate, ...] = attrs.field(default=(), validator=_tuple_of(PartialDate))
    inferences: tuple[Inference, ...] = attrs.field(default=(), validator=_tuple_of(Inference), repr=False)
    conflicts: tuple[Conflict, ...] = attrs.field(default=(), validator=_tuple_of(Conflict), repr=False)
    sources: tuple[Source, ...] = attrs.field(validator=_tuple_of(Source))

    @property
    def id(self) -> str:
        """``<official id>@<post code>@<start or attested>``, unique in a dataset.

        >>> nm.appointment("DGIMS", "2020-05-19").id
        'hans-werner-wiermann@DGIMS@2019-07-11'
        """
        anchor = (
            self.start
            if self.start is not None
            else min(self.attested, key=PartialDate.sort_key, default=None)
        )
        return f"{self.official.id}@{self.post.code}@{anchor}"

    def possibly_covers(self, day: dt.date) -> bool:
        """Whether the official may have held the post on ``day``, given date precision.

        Christopher Harper's start is known to the month, July 2013:

        >>> nm.appointment("DGIMS", "2014").possibly_covers(datetime.date(2013, 7, 1))
        True
        """
        low, high = self.possible_window()
        return low <= _require_day(day) < high

    def certainly_covers(self, day: dt.date) -> bool:
        """Whether the official held the post on ``day`` whatever the imprecise dates mean.

        >>> harper = nm.appointment("DGIMS", "2014")  # started in July 2013
        >>> harper.certainly_covers(datetime.date(2013, 7, 1))
        False
        >>> harper.certainly_covers(datetime.date(2013, 8, 1))
        True
        """
        low, high = self.certain_window()
        return low <= _require_day(day) < high

    def possible_window(self) -> tuple[dt.date, dt.date]:
        """Half-open range of days on which the official may have held the post.

        >>> nm.appointment("DGIMS", "2014").possible_window()  # 2013-07 to 2016-07-27
        (datetime.date(2013, 7, 1), datetime.date(2016, 7, 27))
        """
        return _window(self, certain=False)

    def certain_window(self) -> tuple[dt.date, dt.date]:
        """Half-open range of days on which the official surely held the post.

        >>> nm.appointment("DGIMS", "2014").certain_window()  # 2013-07 to 2016-07-27
        (datetime.date(2013, 7, 31), datetime.date(2016, 7, 27))
        """
        return _window(self, certain=True)


_ONE_DAY = dt.timedelta(days=1)


def _window(a: Appointment, *, certain: bool) -> tuple[dt.date, dt.date]:
    # Attested days bound a tenure whose start or end no source gives: it began by the
    # first of them and lasted at least through the last.
    if a.start is not None:
        low = a.start.latest() if certain else a.start.earliest()
    elif a.attested:
        low = min(d.latest() if certain else d.earliest() for d in a.attested)
    else:
        low = dt.date.max
    if a.end is not None:
        high = a.end.earliest() if certain else a.end.latest()
    elif a.attested and not a.in_office:
        high = _next_day(max(d.earliest() if certain else d.latest() for d in a.attested))
    else:
        high = dt.date.max  # in office: surely up to the dataset's as_of date, possibly later
    return low, high


def tenure_window(a: Appointment, as_of: dt.date, *, certain: bool) -> tuple[dt.date, dt.date]:
    """The half-open range of days the tenure may (or surely does) cover.

    A tenure still open on the dataset's ``as_of`` day surely covers the days up to it
    and may cover every later day: the record's best knowledge is that the official
    is still in office, which a later check may end.
    """
    low, high = _window(a, certain=certain)
    if a.in_office and certain:
        return low, _next_day(as_of)
    return low, high


def _next_day(day: dt.date) -> dt.date:
    """The following day, saturating at ``date.max``."""
    return day if day == dt.date.max else day + _ONE_DAY


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Chair(Record):
    """One co-chair of a conference, as the source presents them.

    >>> deputy = nm.conference("2021-11-16").co_chairs[1]
    >>> deputy.official.name, deputy.post.code, deputy.standing_in_for.name
    ('Giovanni Manione', 'DDGEUMS', 'Hervé Bléjean')
    """

    _ref_by = ("official.id",)

    official: Official = attrs.field(validator=v.instance_of(Official))
    post: Post = attrs.field(validator=v.instance_of(Post))
    rank: str | None = attrs.field(default=None, validator=_optional_text)
    """The rank as the source states it, e.g. ``"Lieutenant General"``."""
    standing_in_for: Official | None = attrs.field(default=None, validator=_optional(Official))
    """The Director General a deputy chaired in place of, or ``None``."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Topic(Record):
    """A subject in the topic taxonomy; ``broader`` links make it a SKOS-like tree.

    >>> topic = nm.topic("cyber defense")
    >>> topic.id, topic.label, [t.id for t in topic.broader]
    ('cyber-defence', 'Cyber defence', ['cyber'])
    """

    _ref_by = ("id",)

    id: str = attrs.field(validator=_slug)
    label: str = attrs.field(validator=_text)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    broader: tuple["Topic", ...] = attrs.field(default=())
    definition: str | None = attrs.field(default=None, validator=_optional_text)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the topic can be looked up by (id, label and aliases).

        >>> nm.topic("space").names
        ('space', 'Space', 'space activities')
        """
        return (self.id, self.label, *self.aliases)

    @broader.validator
    def _check_broader(self, _: "attrs.Attribute[tuple[Topic, ...]]", value: object) -> None:
        _tuple_of(Topic)(self, attrs.fields(Topic).broader, value)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class AgendaItem(Record):
    """One item a conference discussed, summarised in the project's own words.

    >>> item = nm.conference(17).agenda[1]
    >>> [t.id for t in item.topics][:3]
    ['crisis-management', 'medical-evacuation', 'medical']
    """

    _ref_by = ()

    title: str = attrs.field(validator=_text)
    topics: tuple[Topic, ...] = attrs.field(validator=_tuple_of(Topic))
    briefers: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    """Bodies that briefed the item, e.g. ``ACT``, ``MPCC``, ``EEAS``."""
    sources: tuple[Source, ...] = attrs.field(validator=_tuple_of(Source))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Figure(Record):
    """A number a source states, e.g. the 74 common action items.

    >>> figure = nm.conference(17).figures[0]
    >>> figure.key, figure.value
    ('fmn-participating-nations', 37)
    """

    _ref_by = ("key",)

    key: str = attrs.field(validator=_slug)
    """What is counted, stable across conferences (``members-in-common``)."""
    label: str = attrs.field(validator=_text)
    value: int = attrs.field(validator=_strict_int)
    sources: tuple[Source, ...] = attrs.field(validator=_tuple_of(Source))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Announcement(Record):
    """The next meeting as a report announced it.

    >>> announced = nm.conference("2018-11-26").next_meeting
    >>> str(announced.date), announced.as_stated, announced.host
    ('2019', 'mid-2019', <Organisation.EU: 'EU'>)
    """

    _ref_by = ("date",)

    date: PartialDate | None = attrs.field(default=None, validator=_optional(PartialDate))
    as_stated: str | None = attrs.field(default=None, validator=_optional_text)
    """The date as the source words it (``"mid-2019"``), where EDTF cannot say it exactly."""
    host: Organisation | None = attrs.field(default=None, validator=_optional(Organisation))
    sources: tuple[Source, ...] = attrs.field(validator=_tuple_of(Source))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Conference(Record):
    """One IMS–EUMS Directors General conference.

    >>> c = nm.conference(17)
    >>> c.id, str(c.date), c.host, c.venue
    ('conf-2022-06-10', '2022-06-10', <Organisation.NATO: 'NATO'>, 'NATO Headquarters')
    >>> [chair.official.name for chair in c.co_chairs]
    ['Hans-Werner Wiermann', 'Hervé Bléjean']
    """

    _ref_by = ("id",)

    id: str = attrs.field(validator=_slug)
    date: PartialDate = attrs.field(validator=v.instance_of(PartialDate))
    end_date: PartialDate | None = attrs.field(default=None, validator=_optional(PartialDate))
    ordinal: int | None = attrs.field(default=None, validator=_optional(int))
    host: Organisation | None = attrs.field(default=None, validator=_optional(Organisation))
    venue: str | None = attrs.field(default=None, validator=_optional_text)
    format: Format | None = attrs.field(default=None, validator=_optional(Format), repr=False)
    evidence: Evidence = attrs.field(validator=v.instance_of(Evidence), repr=False)
    co_chairs: tuple[Chair, ...] = attrs.field(default=(), validator=_tuple_of(Chair))
    agenda: tuple[AgendaItem, ...] = attrs.field(default=(), validator=_tuple_of(AgendaItem), repr=counted)
    figures: tuple[Figure, ...] = attrs.field(default=(), validator=_tuple_of(Figure), repr=False)
    next_meeting: Announcement | None = attrs.field(
        default=None, validator=_optional(Announcement), repr=False
    )
    inferences: tuple[Inference, ...] = attrs.field(default=(), validator=_tuple_of(Inference), repr=False)
    conflicts: tuple[Conflict, ...] = attrs.field(default=(), validator=_tuple_of(Conflict), repr=False)
    notes: tuple[str, ...] = attrs.field(default=(), validator=_texts, repr=False)
    sources: tuple[Source, ...] = attrs.field(validator=_tuple_of(Source))

    def basis(self, field: str) -> Basis | None:
        """``STATED`` or ``INFERRED`` for a field that has a value, else ``None``.

        ``field`` is one of the fields that can be inferred: ``date``, ``end_date``,
        ``ordinal``, ``host``, ``venue``, ``format``.

        >>> import natoeu_milstaff as nm
        >>> nm.conference("2022-06-10").basis("ordinal")
        <Basis.STATED: 'stated'>
        """
        if field not in INFERABLE["Conference"]:
            import reprlib  # a message shows the start and end of a long value, not all of it

            choices = ", ".join(sorted(INFERABLE["Conference"]))
            raise InvalidValueError(f"basis() takes one of {choices}, got {reprlib.repr(field)}")
        if getattr(self, field) is None:
            return None
        if any(i.field == field for i in self.inferences):
            return Basis.INFERRED
        return Basis.STATED

    @property
    def topics(self) -> tuple[Topic, ...]:
        """Every topic any agenda item is tagged with, once each, in agenda order.

        >>> import natoeu_milstaff as nm
        >>> [t.id for t in nm.conference("2021-11-16").topics][:3]
        ['work-plan', 'strategic-compass', 'strategic-concept']
        """
        return tuple(dict.fromkeys(t for item in self.agenda for t in item.topics))


def chronological(conferences: "Iterable[Conference]") -> "list[Conference]":
    """Conferences in the order they took place.

    By date (earliest, then latest day) and id; numbered conferences then keep their
    places among the others but are put in the order of their ordinals, which a
    coarse date ("2022") cannot overturn.
    """
    ordered = sorted(conferences, key=lambda c: (*c.date.sort_key(), c.id))
    slots = [i for i, c in enumerate(ordered) if c.ordinal is not None]
    numbered = sorted((ordered[i] for i in slots), key=lambda c: (c.ordinal, *c.date.sort_key(), c.id))
    for i, c in zip(slots, numbered, strict=True):
        ordered[i] = c
    return ordered


@attrs.frozen(kw_only=True, eq=False, repr=False)
class AlternationException(Record):
    """A documented break in the NATO/EU alternation of hosts between two conferences.

    >>> last = nm.alternation_exceptions()[-1]
    >>> last.after.id, last.before.id, last.kind
    ('conf-2021-11-16', 'conf-2022-06-10', <BreakKind.SAME_HOST: 'same-host'>)
    """

    _ref_by = ("after.id", "before.id")

    after: Conference = attrs.field(validator=v.instance_of(Conference))
    before: Conference = attrs.field(validator=v.instance_of(Conference))
    kind: BreakKind = attrs.field(validator=v.instance_of(BreakKind))
    reason: str = attrs.field(validator=_text)
    sources: tuple[Source, ...] = attrs.field(validator=_tuple_of(Source))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ProposalSet(Record):
    """Common proposals endorsed together by the EU and NATO councils, named by year.

    >>> [(s.id, str(s.date), s.count) for s in nm.proposal_sets()]
    [('2016', '2016-12-06', 42), ('2017', '2017-12-05', 32)]
    """

    _ref_by = ("id",)

    id: str = attrs.field(validator=_slug)
    """The year it was endorsed, ``"2016"`` or ``"2017"``, with which its proposals' ids begin."""
    date: PartialDate = attrs.field(validator=v.instance_of(PartialDate))
    """The day the councils endorsed it."""
    count: int = attrs.field(validator=_strict_int)
    """How many proposals the official texts say it holds."""
    incomplete: str | None = attrs.field(default=None, validator=_optional_text, repr=False)
    """Why the record lists fewer of its proposals than ``count``; ``None`` when it lists them all."""
    notes: tuple[str, ...] = attrs.field(default=(), validator=_texts, repr=False)
    conflicts: tuple[Conflict, ...] = attrs.field(default=(), validator=_tuple_of(Conflict), repr=False)
    """Other counts that sources give (``field = "count"``), each explained."""
    sources: tuple[Source, ...] = attrs.field(validator=_tuple_of(Source))

    @property
    def year(self) -> int:
        """The year it was endorsed.

        >>> nm.proposal_sets()[1].year
        2017
        """
        return self.date.earliest().year


@attrs.frozen(kw_only=True, eq=False, repr=False)
class JointDeclaration(Record):
    """An EU–NATO Joint Declaration.

    >>> warsaw = nm.joint_declarations()[0]
    >>> warsaw.id, str(warsaw.date), warsaw.place
    ('2016-warsaw', '2016-07-08', 'Warsaw, at the NATO summit')
    """

    _ref_by = ("id",)

    id: str = attrs.field(validator=_slug)
    date: PartialDate = attrs.field(validator=v.instance_of(PartialDate))
    place: str | None = attrs.field(default=None, validator=_optional_text)
    signatories: tuple[str, ...] = attrs.field(default=(), validator=_texts, repr=False)
    """Names and roles of the signatories."""
    proposal_sets: tuple[ProposalSet, ...] = attrs.field(
        default=(), validator=_tuple_of(ProposalSet), repr=counted
    )
    """The sets of common proposals the EU and NATO councils endorsed to implement it."""
    notes: tuple[str, ...] = attrs.field(default=(), validator=_texts, repr=False)
    conflicts: tuple[Conflict, ...] = attrs.field(default=(), validator=_tuple_of(Conflict), repr=False)
    sources: tuple[Source, ...] = attrs.field(validator=_tuple_of(Source))

    @property
    def proposals(self) -> int | None:
        """All common proposals endorsed to implement it, or ``None`` where no source counts them.

        >>> import natoeu_milstaff as nm
        >>> [d.proposals for d in nm.joint_declarations()]
        [74, None, None]
        """
        if not self.proposal_sets:
            return None
        return sum(s.count for s in self.proposal_sets)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ProgressReport(Record):
    """A joint progress report on implementing the common set of proposals.

    >>> first = nm.progress_reports()[0]
    >>> first.number, str(first.date), [s.id for s in first.proposal_sets]
    (1, '2017-06', ['2016'])
    """

    _ref_by = ("number",)

    number: int = attrs.field(validator=_strict_int)
    """Its place in the series, 1 for the first report."""
    date: PartialDate = attrs.field(validator=v.instance_of(PartialDate))
    """When the EU and NATO councils took note of it or it was published."""
    period_start: PartialDate | None = attrs.field(default=None, validator=_optional(PartialDate))
    """The start of the period it reports on, where a source says; else ``None``."""
    period_end: PartialDate | None = attrs.field(default=None, validator=_optional(PartialDate))
    """The end of the period it reports on, where a source says; else ``None``."""
    proposal_sets: tuple[ProposalSet, ...] = attrs.field(
        default=(), validator=_tuple_of(ProposalSet), repr=False
    )
    """The sets of proposals whose implementation it reports on."""
    notes: tuple[str, ...] = attrs.field(default=(), validator=_texts, repr=False)
    sources: tuple[Source, ...] = attrs.field(validator=_tuple_of(Source))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ProposalArea(Record):
    """An area of cooperation the common proposals are grouped under, as the texts group them.

    ``topics`` map it onto the topic taxonomy: the conferences about any of them (or
    about a narrower topic, or about a sub-area's topic) are the ones that discussed it.

    >>> area = nm.proposal_area("military mobility")
    >>> area.id, area.label, [t.id for t in area.topics]
    ('military-mobility', 'Military mobility', ['military-mobility'])
    """

    _ref_by = ("id",)

    id: str = attrs.field(validator=_slug)
    label: str = attrs.field(validator=_text)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_texts, repr=False)
    """Other names the texts give the area."""
    parent: "ProposalArea | None" = attrs.field(default=None)
    """The area this one is a part of (the hybrid threats' sub-areas), else ``None``."""
    topics: tuple[Topic, ...] = attrs.field(validator=_tuple_of(Topic))
    notes: tuple[str, ...] = attrs.field(default=(), validator=_texts, repr=False)
    sources: tuple[Source, ...] = attrs.field(validator=_tuple_of(Source))

    @parent.validator
    def _check_parent(self, _: "attrs.Attribute[ProposalArea | None]", value: object) -> None:
        _optional(ProposalArea)(self, attrs.fields(ProposalArea).parent, value)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the area can be looked up by (id, label and aliases).

        >>> nm.proposal_area("cyber").names[:2]
        ('cyber', 'Cyber security and defence')
        """
        return (self.id, self.label, *self.aliases)

    @property
    def path(self) -> "tuple[ProposalArea, ...]":
        """The area and the areas it is part of, widest first.

        >>> [a.id for a in nm.proposal_area("hybrid-resilience").path]
        ['hybrid-threats', 'hybrid-resilience']
        """
        chain = [self]
        while chain[-1].parent is not None:
            chain.append(chain[-1].parent)
        return tuple(reversed(chain))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Proposal(Record):
    """One of the common proposals implementing the 2016 Joint Declaration.

    Its id begins with its set's: where the record knows its place in the set's official
    text, the id is the set and that number (``"2017-05"``, the fifth of the set of
    December 2017); where it does not, the set and a few words (``"2016-fusion-cell"``).
    The ``summary`` is the project's own words, never the official sentence.

    >>> p = nm.proposal("2017-01")
    >>> p.id, p.set.id, p.number, p.area.id
    ('2017-01', '2017', 1, 'hybrid-situational-awareness')
    """

    _ref_by = ("id",)

    id: str = attrs.field(validator=_slug)
    set: ProposalSet = attrs.field(validator=v.instance_of(ProposalSet), repr=False)
    """The set it belongs to (its id begins with the set's)."""
    number: int | None = attrs.field(default=None, validator=_optional(int))
    """Its place in the set's official text, from 1; ``None`` where no source read shows it."""
    area: ProposalArea = attrs.field(validator=v.instance_of(ProposalArea))
    """The area the text lists it under (a sub-area where the text has them)."""
    summary: str = attrs.field(validator=_text)
    """What it asks for, in the project's own words."""
    deadline: PartialDate | None = attrs.field(default=None, validator=_optional(PartialDate))
    """The date the text sets for it, at the text's precision; ``None`` where it sets none."""
    topics: tuple[Topic, ...] = attrs.field(default=(), validator=_tuple_of(Topic), repr=False)
    """Topics of the taxonomy it is about, besides its area's."""
    notes: tuple[str, ...] = attrs.field(default=(), validator=_texts, repr=False)
    sources: tuple[Source, ...] = attrs.field(validator=_tuple_of(Source))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Search(Record):
    """A search of the sources for something the record lacks, and what came of it, so
    that a gap says how hard it was looked into.

    >>> search = nm.Dataset.bundled().info.searches[0]
    >>> bool(search.subject), len(search.terms) > 1, search.on.year
    (True, True, 2026)
    """

    _ref_by = ("subject",)

    subject: str = attrs.field(validator=_text)
    """What was looked for."""
    terms: tuple[str, ...] = attrs.field(validator=_texts, repr=False)
    """The search terms tried, in the languages tried."""
    result: str = attrs.field(validator=_text, repr=False)
    """What came of it, in the curators' words."""
    on: dt.date = attrs.field(validator=v.instance_of(dt.date))
    """The day of the search."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class DatasetInfo(Record):
    """A dataset's own metadata: its version and the day it was last checked.

    >>> info = nm.Dataset.bundled().info
    >>> info.version == nm.DATA_VERSION, info.as_of == nm.DATA_AS_OF, info.title
    (True, True, 'IMS-EUMS Directors General conferences')
    """

    version: str = attrs.field(validator=_text)
    as_of: dt.date = attrs.field(validator=v.instance_of(dt.date))
    """The day the data was last checked against its sources; ``in_office`` holds up to it."""
    title: str = attrs.field(default="IMS-EUMS Directors General conferences", validator=_text)
    series_since: PartialDate | None = attrs.field(default=None, validator=_optional(PartialDate))
    """When the sources say the series of conferences began (``2013``); ``None`` if none says."""
    series_since_sources: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    """Ids of the sources that say when the series began."""
    searches: tuple[Search, ...] = attrs.field(default=(), validator=_tuple_of(Search), repr=False)
    """The searches of the sources that found nothing, or less than sought."""


class Table:
    """One table of a dataset: where its records live on disk and what they become.

    ``attr`` is the attribute of ``Tables`` that holds the records, ``file`` the data
    file, ``key`` the name of its records there (``[[conference]]``), ``kind`` the
    record class, ``id`` the field (or property) that identifies a record (``None`` for
    none), ``referred`` whether other records hold these by that id (in the files,
    ``post = "DGIMS"``), ``many`` whether the file holds an array of records or, for
    ``dataset.toml``, one, and ``parents`` the field by which a record refers to others
    of its own table (a topic's ``broader``, an area's ``parent``), so that the loaders
    build those first.
    """

    __slots__ = ("attr", "file", "id", "key", "kind", "many", "parents", "referred")

    def __init__(
        self,
        *,
        attr: str,
        file: str,
        key: str,
        kind: type,
        id: str | None,
        referred: bool,
        many: bool,
        parents: str | None = None,
    ) -> None:
        self.attr, self.file, self.key, self.kind = attr, file, key, kind
        self.id, self.referred, self.many, self.parents = id, referred, many, parents

    def __repr__(self) -> str:
        return f"<Table {self.attr}: {self.file}>"


def _table(
    file: str,
    key: str,
    kind: type,
    id: str | None = None,
    *,
    referred: bool = False,
    parents: str | None = None,
) -> Any:
    """A field of ``Tables``: the tuple of ``kind`` records read from ``file``."""
    table = {"file": file, "key": key, "kind": kind, "id": id, "referred": referred, "many": True}
    table["parents"] = parents
    return attrs.field(default=(), validator=_tuple_of(kind), repr=counted, metadata={"table": table})


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Tables(Value):
    """All records of a dataset (internal; ``Dataset`` wraps it).

    The one list of tables: each field names its data file and record class. The
    order is the dependency order in which they are read (a table refers only to
    tables before it) and the order ``Dataset.dump`` writes.
    """

    info: DatasetInfo = attrs.field(
        validator=v.instance_of(DatasetInfo),
        metadata={
            "table": {
                "file": "dataset.toml",
                "key": "dataset",
                "kind": DatasetInfo,
                "id": None,
                "referred": False,
                "many": False,
            }
        },
    )
    sources: tuple[Source, ...] = _table("sources.toml", "source", Source, "id", referred=True)
    posts: tuple[Post, ...] = _table("posts.toml", "post", Post, "code", referred=True)
    officials: tuple[Official, ...] = _table("officials.toml", "official", Official, "id", referred=True)
    appointments: tuple[Appointment, ...] = _table("appointments.toml", "appointment", Appointment, "id")
    topics: tuple[Topic, ...] = _table("topics.toml", "topic", Topic, "id", referred=True, parents="broader")
    conferences: tuple[Conference, ...] = _table(
        "conferences.toml", "conference", Conference, "id", referred=True
    )
    exceptions: tuple[AlternationException, ...] = _table(
        "alternation.toml", "exception", AlternationException
    )
    proposal_sets: tuple[ProposalSet, ...] = _table(
        "proposal_sets.toml", "proposal_set", ProposalSet, "id", referred=True
    )
    declarations: tuple[JointDeclaration, ...] = _table(
        "declarations.toml", "declaration", JointDeclaration, "id"
    )
    progress_reports: tuple[ProgressReport, ...] = _table(
        "progress_reports.toml", "progress_report", ProgressReport, "number"
    )
    proposal_areas: tuple[ProposalArea, ...] = _table(
        "proposal_areas.toml", "area", ProposalArea, "id", referred=True, parents="parent"
    )
    proposals: tuple[Proposal, ...] = _table("proposals.toml", "proposal", Proposal, "id")


TABLES: tuple[Table, ...] = tuple(Table(attr=f.name, **f.metadata["table"]) for f in attrs.fields(Tables))
"""Every table of a dataset in the order of ``Tables``: ``dataset.toml`` first."""
