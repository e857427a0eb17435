"""Popolo JSON: officials as persons, posts, appointments as memberships, conferences as
events (https://www.popoloproject.com/specs/)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from ._dates import PartialDate
    from ._model import Source, Tables

__all__ = ["popolo", "write_popolo"]


def _popolo_date(date: PartialDate | None) -> str | None:
    # Popolo dates are YYYY, YYYY-MM or YYYY-MM-DD; EDTF qualifiers are dropped here.
    return None if date is None else str(date).rstrip("~?%")


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
    org_of = {"NATO": "nato-ims", "EU": "eu-eums"}

    def links(sources: Iterable[Source]) -> list[dict[str, str]]:
        return [{"url": s.url, "note": s.title} for s in sources]

    persons = [
        {
            "id": o.id,
            "name": o.name,
            "other_names": [{"name": alias} for alias in o.aliases],
            **({"national_identity": o.nationality} if o.nationality else {}),
            "sources": links(o.sources),
        }
        for o in tables.officials
    ]
    posts = [
        {
            "id": p.code,
            "label": p.title,
            "organization_id": org_of[p.organisation.value],
            "other_label": list(p.aliases),
        }
        for p in tables.posts
    ]
    memberships = [
        {
            "id": a.id,
            "person_id": a.official.id,
            "organization_id": org_of[a.post.organisation.value],
            "post_id": a.post.code,
            "role": a.post.title,
            **({"start_date": _popolo_date(a.start)} if a.start else {}),
            **({"end_date": _popolo_date(a.end)} if a.end else {}),
            "sources": links(a.sources),
        }
        for a in tables.appointments
    ]
    events = [
        {
            "id": c.id,
            "name": f"IMS-EUMS Directors General conference, {c.date}",
            "classification": "conference",
            "start_date": _popolo_date(c.date),
            **({"end_date": _popolo_date(c.end_date)} if c.end_date else {}),
            **({"organization_id": org_of[c.host.value]} if c.host else {}),
            "sources": links(c.sources),
        }
        for c in tables.conferences
    ]
    return {
        "persons": persons,
        "organizations": organizations,
        "posts": posts,
        "memberships": memberships,
        "events": events,
    }


def write_popolo(tables: Tables, out: Path) -> list[Path]:
    """``popolo.json`` in ``out``."""
    from ._files import write_files

    text = json.dumps(popolo(tables), ensure_ascii=False, indent=1) + "\n"
    return write_files(out, {"popolo.json": text.encode("utf-8")})
