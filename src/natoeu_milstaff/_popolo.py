"""Popolo JSON (https://www.popoloproject.com/specs/): officials as persons, the two
military staffs as organizations, posts, appointments as memberships, conferences as
events.

The shape, checked against the Popolo JSON Schemas in the tests:

- An event lists its co-chairs in ``attendees``, which the Event schema defines as
  Person objects. Each attendee is a short person (``id``, ``name``, the rank the
  source gives as ``honorific_prefix``) with one entry in ``memberships``: the post
  held there (``post_id``, ``organization_id``, ``role``, ``label``). A deputy who
  chaired in place of the Director General says so in ``role`` and ``label``.
- An event's ``location`` is the venue; a video-conference has no physical place and
  its location says so instead of naming one. ``organization_id`` is the host; a
  stated ordinal is part of the ``name``. ``description`` gives the format, the
  evidence, what the curators inferred rather than read, and their notes.
- ``sources`` are links whose ``note`` names the title, publisher and date.

Popolo dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and cannot carry EDTF's
qualifiers (``~`` approximate, ``?`` uncertain, ``%`` both). ``start_date`` and
``end_date`` hold the date without its qualifier; where there is one, the full EDTF
text is kept in the extra properties ``start_date_edtf`` and ``end_date_edtf`` (the
schemas allow extra properties) and said in words in the event's ``description`` or
the membership's ``label``. A membership's ``label`` also says when its end is not
known (no ``end_date`` would otherwise read as still in office) and on which days a
source shows the official in the post.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ._dates import ordinal
from ._model import Basis, Evidence, Format

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from ._dates import PartialDate
    from ._model import Appointment, Chair, Conference, Source, Tables

__all__ = ["popolo", "write_popolo"]

_ORGANIZATION = {"NATO": "nato-ims", "EU": "eu-eums"}
_EVIDENCE = {
    Evidence.REPORTED: "a source reports the meeting itself",
    Evidence.MENTIONED: "only a mention in another source attests it",
    Evidence.IMPLIED: "no source names it; the numbering of its neighbours implies it",
}


def _popolo_date(date: PartialDate) -> str:
    """The date as Popolo writes it: EDTF without its qualifier."""
    return str(date).rstrip("~?%")


def _dates(start: PartialDate | None, end: PartialDate | None) -> dict[str, str]:
    """``start_date`` and ``end_date``, with the EDTF text beside each that has a qualifier."""
    out: dict[str, str] = {}
    for key, date in (("start_date", start), ("end_date", end)):
        if date is not None:
            out[key] = _popolo_date(date)
            if str(date) != out[key]:
                out[f"{key}_edtf"] = str(date)
    return out


def _in_words(date: PartialDate) -> str:
    """``2019-07``, ``about 2019-07``, ``2019-07 (uncertain)``, ``about 2019-07 (uncertain)``."""
    text = _popolo_date(date)
    if date.approximate:
        text = f"about {text}"
    return f"{text} (uncertain)" if date.uncertain else text


def _qualified(date: PartialDate | None) -> bool:
    return date is not None and (date.approximate or date.uncertain)


def _links(sources: Iterable[Source]) -> list[dict[str, str]]:
    def note(s: Source) -> str:
        published = f", {s.published}" if s.published is not None else ""
        return f"{s.title} ({s.publisher}{published})"

    return [{"url": s.url, "note": note(s)} for s in sources]


def _membership_label(a: Appointment, as_of: str) -> str:
    """``Name, post title, from 2019-07-11 to about 2022-07``, saying what is not known."""
    unknown = "an unknown date"
    span = f"from {_in_words(a.start) if a.start is not None else unknown}"
    if a.end is not None:
        span += f" to {_in_words(a.end)}"
    elif a.in_office:
        span += f", in office on {as_of}"
    else:
        span += f" to {unknown}"
    if a.attested:
        span += "; seen in post on " + ", ".join(str(d) for d in a.attested)
    return f"{a.official.name}, {a.post.title}, {span}"


def _attendee(chair: Chair) -> dict[str, Any]:
    """A co-chair as a Popolo person holding, through one membership, the post they chaired in."""
    role, label = chair.post.title, f"{chair.official.name} as {chair.post.code}"
    if chair.standing_in_for is not None:
        post = f" ({chair.post.deputy_of})" if chair.post.deputy_of else ""
        role += ", standing in for the Director General"
        label += f", standing in for {chair.standing_in_for.name}{post}"
    return {
        "id": chair.official.id,
        "name": chair.official.name,
        **({"honorific_prefix": chair.rank} if chair.rank else {}),
        "memberships": [
            {
                "person_id": chair.official.id,
                "organization_id": _ORGANIZATION[chair.post.organisation.value],
                "post_id": chair.post.code,
                "role": role,
                "label": label,
            }
        ],
    }


def _location(c: Conference) -> dict[str, str]:
    if c.format is Format.VIDEO_CONFERENCE:
        place = "Video-conference: no physical venue"
        return {"location": f"{place}; hosted from {c.venue}" if c.venue else place}
    return {"location": c.venue} if c.venue else {}


def _description(c: Conference) -> str:
    sentences = []
    if _qualified(c.date) or _qualified(c.end_date):
        when = _in_words(c.date) + (f" to {_in_words(c.end_date)}" if c.end_date else "")
        sentences.append(f"Date as recorded: {when}.")
    if c.format is Format.IN_PERSON:
        sentences.append("Held in person.")
    elif c.format is Format.VIDEO_CONFERENCE:
        sentences.append("Held by video-conference.")
    sentences.append(f"Evidence: {c.evidence.value} ({_EVIDENCE[c.evidence]}).")
    if c.ordinal is not None and c.basis("ordinal") is Basis.INFERRED:
        sentences.append(f"Taken to be the {ordinal(c.ordinal)} conference.")
    inferred = [i.field for i in c.inferences]
    if inferred:
        sentences.append(f"Inferred by the curators, not stated by a source: {', '.join(inferred)}.")
    sentences.extend(c.notes)
    return " ".join(sentences)


def _event(c: Conference) -> dict[str, Any]:
    stated = c.ordinal is not None and c.basis("ordinal") is Basis.STATED
    prefix = f"{ordinal(c.ordinal)} " if stated and c.ordinal is not None else ""
    return {
        "id": c.id,
        "name": f"{prefix}IMS-EUMS Directors General conference, {c.date}",
        "classification": "conference",
        "description": _description(c),
        **_dates(c.date, c.end_date),
        **_location(c),
        **({"organization_id": _ORGANIZATION[c.host.value]} if c.host else {}),
        "attendees": [_attendee(chair) for chair in c.co_chairs],
        "sources": _links(c.sources),
    }


def popolo(tables: Tables) -> dict[str, Any]:
    """Persons, organizations, posts, memberships and events in Popolo's JSON form."""
    organizations = [
        {
            "id": "nato-ims",
            "name": "NATO International Military Staff",
            "classification": "military staff",
            "other_names": [{"name": "IMS"}],
        },
        {
            "id": "eu-eums",
            "name": "European Union Military Staff",
            "classification": "military staff",
            "other_names": [{"name": "EUMS"}],
        },
    ]
    persons = [
        {
            "id": o.id,
            "name": o.name,
            "other_names": [
                {"name": alias, "note": "A spelling of the name seen in a source, perhaps a misspelling"}
                for alias in o.aliases
            ],
            **({"national_identity": o.nationality} if o.nationality else {}),
            "sources": _links(o.sources),
        }
        for o in tables.officials
    ]
    posts = [
        {
            "id": p.code,
            "label": p.title,
            "organization_id": _ORGANIZATION[p.organisation.value],
            "other_label": list(p.aliases),
        }
        for p in tables.posts
    ]
    as_of = tables.info.as_of.isoformat()
    memberships = [
        {
            "id": a.id,
            "label": _membership_label(a, as_of),
            "role": a.post.title,
            "person_id": a.official.id,
            "organization_id": _ORGANIZATION[a.post.organisation.value],
            "post_id": a.post.code,
            **_dates(a.start, a.end),
            "sources": _links(a.sources),
        }
        for a in tables.appointments
    ]
    return {
        "persons": persons,
        "organizations": organizations,
        "posts": posts,
        "memberships": memberships,
        "events": [_event(c) for c in tables.conferences],
    }


def write_popolo(tables: Tables, out: Path) -> list[Path]:
    """``popolo.json`` in ``out``."""
    from ._files import write_files

    text = json.dumps(popolo(tables), ensure_ascii=False, indent=1) + "\n"
    return write_files(out, {"popolo.json": text.encode("utf-8")})
