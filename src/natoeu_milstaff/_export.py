"""Stage 8: the doors out — flat records, JSON, CSV, pandas, Popolo and a Frictionless
data package.

``records(tables)`` flattens every table into rows of plain values, one table per kind
of fact, so that nothing a record holds is lost: nested lists (co-chairs, agenda
items, figures, inferences, conflicts) become tables of their own keyed by their
parent, and lists of names or ids are written as JSON arrays (``["a", "b"]``), which
keeps them exact whatever they contain. Partial dates are written as EDTF text with a
precision column beside them. ``from_records`` turns the rows back into the nested
plain data, so an export can be read back into an equal dataset.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from ._dates import PartialDate

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path

    from ._model import Appointment, Conference, Conflict, Inference, Source, Tables

__all__ = [
    "SCHEMA",
    "dataframe",
    "from_records",
    "read_csv",
    "records",
    "write_csv",
    "write_datapackage",
    "write_json",
    "write_popolo",
]

# Table name -> [(column, Frictionless type)]; the order is the CSV column order.
SCHEMA: dict[str, list[tuple[str, str]]] = {
    "conferences": [
        ("id", "string"),
        ("date", "string"),
        ("date_precision", "string"),
        ("end_date", "string"),
        ("end_date_precision", "string"),
        ("ordinal", "integer"),
        ("host", "string"),
        ("venue", "string"),
        ("format", "string"),
        ("evidence", "string"),
        ("next_meeting_date", "string"),
        ("next_meeting_date_precision", "string"),
        ("next_meeting_as_stated", "string"),
        ("next_meeting_host", "string"),
        ("next_meeting_sources", "array"),
        ("notes", "array"),
        ("sources", "array"),
    ],
    "chairs": [
        ("conference_id", "string"),
        ("position", "integer"),
        ("official_id", "string"),
        ("post_code", "string"),
        ("rank", "string"),
        ("standing_in_for_id", "string"),
    ],
    "agenda_items": [
        ("conference_id", "string"),
        ("position", "integer"),
        ("title", "string"),
        ("topics", "array"),
        ("briefers", "array"),
        ("sources", "array"),
    ],
    "figures": [
        ("conference_id", "string"),
        ("position", "integer"),
        ("key", "string"),
        ("label", "string"),
        ("value", "integer"),
        ("sources", "array"),
    ],
    "officials": [
        ("id", "string"),
        ("name", "string"),
        ("nationality", "string"),
        ("service", "string"),
        ("aliases", "array"),
        ("sources", "array"),
    ],
    "posts": [
        ("code", "string"),
        ("title", "string"),
        ("organisation", "string"),
        ("aliases", "array"),
        ("deputy_of", "string"),
    ],
    "appointments": [
        ("id", "string"),
        ("official_id", "string"),
        ("post_code", "string"),
        ("start", "string"),
        ("start_precision", "string"),
        ("end", "string"),
        ("end_precision", "string"),
        ("in_office", "boolean"),
        ("attested", "array"),
        ("sources", "array"),
    ],
    "topics": [
        ("id", "string"),
        ("label", "string"),
        ("aliases", "array"),
        ("broader", "array"),
        ("definition", "string"),
    ],
    "alternation_exceptions": [
        ("after_id", "string"),
        ("before_id", "string"),
        ("kind", "string"),
        ("reason", "string"),
        ("sources", "array"),
    ],
    "joint_declarations": [
        ("id", "string"),
        ("date", "string"),
        ("date_precision", "string"),
        ("place", "string"),
        ("signatories", "array"),
        ("proposals", "integer"),
        ("notes", "array"),
        ("sources", "array"),
    ],
    "proposal_sets": [
        ("declaration_id", "string"),
        ("position", "integer"),
        ("date", "string"),
        ("date_precision", "string"),
        ("count", "integer"),
        ("sources", "array"),
    ],
    "progress_reports": [
        ("number", "integer"),
        ("date", "string"),
        ("date_precision", "string"),
        ("notes", "array"),
        ("sources", "array"),
    ],
    "inferences": [
        ("record_type", "string"),
        ("record_id", "string"),
        ("position", "integer"),
        ("field", "string"),
        ("reason", "string"),
    ],
    "conflicts": [
        ("record_type", "string"),
        ("record_id", "string"),
        ("position", "integer"),
        ("field", "string"),
        ("value", "string"),
        ("note", "string"),
        ("sources", "array"),
    ],
    "sources": [
        ("id", "string"),
        ("url", "string"),
        ("title", "string"),
        ("publisher", "string"),
        ("published", "string"),
        ("published_precision", "string"),
        ("kind", "string"),
        ("language", "string"),
        ("repost_of", "string"),
        ("notes", "array"),
    ],
    "dataset": [("version", "string"), ("as_of", "date"), ("title", "string")],
}

# (table, key columns) for every primary key and (table, columns, target, target columns)
# for every foreign key, as the data package declares them.
PRIMARY_KEYS: dict[str, list[str]] = {
    "conferences": ["id"],
    "chairs": ["conference_id", "position"],
    "agenda_items": ["conference_id", "position"],
    "figures": ["conference_id", "position"],
    "officials": ["id"],
    "posts": ["code"],
    "appointments": ["id"],
    "topics": ["id"],
    "alternation_exceptions": ["after_id", "before_id"],
    "joint_declarations": ["id"],
    "proposal_sets": ["declaration_id", "position"],
    "progress_reports": ["number"],
    "inferences": ["record_type", "record_id", "position"],
    "conflicts": ["record_type", "record_id", "position"],
    "sources": ["id"],
    "dataset": ["version"],
}
FOREIGN_KEYS: list[tuple[str, str, str, str]] = [
    ("chairs", "conference_id", "conferences", "id"),
    ("chairs", "official_id", "officials", "id"),
    ("chairs", "post_code", "posts", "code"),
    ("chairs", "standing_in_for_id", "officials", "id"),
    ("agenda_items", "conference_id", "conferences", "id"),
    ("figures", "conference_id", "conferences", "id"),
    ("appointments", "official_id", "officials", "id"),
    ("appointments", "post_code", "posts", "code"),
    ("posts", "deputy_of", "posts", "code"),
    ("alternation_exceptions", "after_id", "conferences", "id"),
    ("alternation_exceptions", "before_id", "conferences", "id"),
    ("proposal_sets", "declaration_id", "joint_declarations", "id"),
]


def _date(date: PartialDate | None) -> tuple[str | None, str | None]:
    return (None, None) if date is None else (str(date), date.precision.value)


def _join(items: Iterable[Any]) -> str | None:
    """A list of names or ids as a JSON array; ``None`` for an empty list."""
    values = [str(item) for item in items]
    return json.dumps(values, ensure_ascii=False) if values else None


def _ids(sources: tuple[Source, ...]) -> str | None:
    return _join(s.id for s in sources)


def records(tables: Tables) -> dict[str, list[dict[str, Any]]]:
    """Every table as a list of flat rows (``dict`` of column -> plain value or ``None``)."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMA}
    info = tables.info
    out["dataset"].append({"version": info.version, "as_of": info.as_of.isoformat(), "title": info.title})
    for c in tables.conferences:
        out["conferences"].append(_conference(c))
        for i, chair in enumerate(c.co_chairs):
            out["chairs"].append(
                {
                    "conference_id": c.id,
                    "position": i,
                    "official_id": chair.official.id,
                    "post_code": chair.post.code,
                    "rank": chair.rank,
                    "standing_in_for_id": chair.standing_in_for.id if chair.standing_in_for else None,
                }
            )
        for i, item in enumerate(c.agenda):
            out["agenda_items"].append(
                {
                    "conference_id": c.id,
                    "position": i,
                    "title": item.title,
                    "topics": _join(t.id for t in item.topics),
                    "briefers": _join(item.briefers),
                    "sources": _ids(item.sources),
                }
            )
        for i, figure in enumerate(c.figures):
            out["figures"].append(
                {
                    "conference_id": c.id,
                    "position": i,
                    "key": figure.key,
                    "label": figure.label,
                    "value": figure.value,
                    "sources": _ids(figure.sources),
                }
            )
        _notes("conference", c.id, c.inferences, c.conflicts, out)
    for o in tables.officials:
        out["officials"].append(
            {
                "id": o.id,
                "name": o.name,
                "nationality": o.nationality,
                "service": o.service.value if o.service else None,
                "aliases": _join(o.aliases),
                "sources": _ids(o.sources),
            }
        )
    for p in tables.posts:
        out["posts"].append(
            {
                "code": p.code,
                "title": p.title,
                "organisation": p.organisation.value,
                "aliases": _join(p.aliases),
                "deputy_of": p.deputy_of,
            }
        )
    for a in tables.appointments:
        out["appointments"].append(_appointment(a))
        _notes("appointment", a.id, a.inferences, a.conflicts, out)
    for t in tables.topics:
        out["topics"].append(
            {
                "id": t.id,
                "label": t.label,
                "aliases": _join(t.aliases),
                "broader": _join(b.id for b in t.broader),
                "definition": t.definition,
            }
        )
    for e in tables.exceptions:
        out["alternation_exceptions"].append(
            {
                "after_id": e.after.id,
                "before_id": e.before.id,
                "kind": e.kind.value,
                "reason": e.reason,
                "sources": _ids(e.sources),
            }
        )
    for d in tables.declarations:
        date, precision = _date(d.date)
        out["joint_declarations"].append(
            {
                "id": d.id,
                "date": date,
                "date_precision": precision,
                "place": d.place,
                "signatories": _join(d.signatories),
                "proposals": d.proposals,
                "notes": _join(d.notes),
                "sources": _ids(d.sources),
            }
        )
        for i, proposal_set in enumerate(d.proposal_sets):
            date, precision = _date(proposal_set.date)
            out["proposal_sets"].append(
                {
                    "declaration_id": d.id,
                    "position": i,
                    "date": date,
                    "date_precision": precision,
                    "count": proposal_set.count,
                    "sources": _ids(proposal_set.sources),
                }
            )
        _notes("declaration", d.id, (), d.conflicts, out)
    for r in tables.progress_reports:
        date, precision = _date(r.date)
        out["progress_reports"].append(
            {
                "number": r.number,
                "date": date,
                "date_precision": precision,
                "notes": _join(r.notes),
                "sources": _ids(r.sources),
            }
        )
    for s in tables.sources:
        published, precision = _date(s.published)
        out["sources"].append(
            {
                "id": s.id,
                "url": s.url,
                "title": s.title,
                "publisher": s.publisher,
                "published": published,
                "published_precision": precision,
                "kind": s.kind.value,
                "language": s.language,
                "repost_of": s.repost_of,
                "notes": _join(s.notes),
            }
        )
    return out


def _conference(c: Conference) -> dict[str, Any]:
    date, precision = _date(c.date)
    end, end_precision = _date(c.end_date)
    nm = c.next_meeting
    next_date, next_precision = _date(nm.date if nm else None)
    return {
        "id": c.id,
        "date": date,
        "date_precision": precision,
        "end_date": end,
        "end_date_precision": end_precision,
        "ordinal": c.ordinal,
        "host": c.host.value if c.host else None,
        "venue": c.venue,
        "format": c.format.value if c.format else None,
        "evidence": c.evidence.value,
        "next_meeting_date": next_date,
        "next_meeting_date_precision": next_precision,
        "next_meeting_as_stated": nm.as_stated if nm else None,
        "next_meeting_host": nm.host.value if nm and nm.host else None,
        "next_meeting_sources": _ids(nm.sources) if nm else None,
        "notes": _join(c.notes),
        "sources": _ids(c.sources),
    }


def _appointment(a: Appointment) -> dict[str, Any]:
    start, start_precision = _date(a.start)
    end, end_precision = _date(a.end)
    return {
        "id": a.id,
        "official_id": a.official.id,
        "post_code": a.post.code,
        "start": start,
        "start_precision": start_precision,
        "end": end,
        "end_precision": end_precision,
        "in_office": a.in_office,
        "attested": _join(a.attested),
        "sources": _ids(a.sources),
    }


def _notes(
    kind: str,
    ident: str,
    inferences: tuple[Inference, ...],
    conflicts: tuple[Conflict, ...],
    out: dict[str, list[dict[str, Any]]],
) -> None:
    for i, inference in enumerate(inferences):
        out["inferences"].append(
            {
                "record_type": kind,
                "record_id": ident,
                "position": i,
                "field": inference.field,
                "reason": inference.reason,
            }
        )
    for i, conflict in enumerate(conflicts):
        out["conflicts"].append(
            {
                "record_type": kind,
                "record_id": ident,
                "position": i,
                "field": conflict.field,
                "value": conflict.value,
                "note": conflict.note,
                "sources": _ids(conflict.sources),
            }
        )


def write_json(tables: Tables, out: Path) -> list[Path]:
    """``dataset.json``: the nested plain form that ``Dataset.load_json`` reads back."""
    from ._convert import unstructure_tables

    out.mkdir(parents=True, exist_ok=True)
    path = out / "dataset.json"
    path.write_text(
        json.dumps(unstructure_tables(tables), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return [path]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    return value


def csv_text(name: str, rows: list[dict[str, Any]]) -> str:
    """One table as CSV text: a header row, empty cells for missing values."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = [column for column, _ in SCHEMA[name]]
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [
                ""
                if row[c] is None
                else ("true" if row[c] is True else "false" if row[c] is False else row[c])
                for c in columns
            ]
        )
    return buffer.getvalue()


def write_csv(tables: Tables, out: Path) -> list[Path]:
    """One CSV file per table in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, rows in records(tables).items():
        path = out / f"{name}.csv"
        path.write_text(csv_text(name, rows), encoding="utf-8")
        paths.append(path)
    return paths


def datapackage(tables: Tables) -> dict[str, Any]:
    """The Frictionless descriptor for the CSV files ``write_csv`` writes."""
    info = tables.info
    resources: list[dict[str, Any]] = []
    for name, columns in SCHEMA.items():
        schema: dict[str, Any] = {
            "fields": [{"name": column, "type": kind} for column, kind in columns],
            "primaryKey": PRIMARY_KEYS[name],
            "missingValues": [""],
        }
        keys = [
            {
                # A reference within the same table names no resource, as Frictionless spells it.
                "fields": column,
                "reference": {
                    "resource": "" if target == name else _resource(target),
                    "fields": target_column,
                },
            }
            for table, column, target, target_column in FOREIGN_KEYS
            if table == name
        ]
        if keys:
            schema["foreignKeys"] = keys
        resources.append(
            {
                "name": _resource(name),
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "natoeu-milstaff",
        "title": info.title,
        "version": info.version,
        "created": f"{info.as_of.isoformat()}T00:00:00Z",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": resources,
    }


def _resource(table: str) -> str:
    return table.replace("_", "-")


def write_datapackage(tables: Tables, out: Path) -> list[Path]:
    """The CSV files and their ``datapackage.json``."""
    paths = write_csv(tables, out)
    descriptor = out / "datapackage.json"
    descriptor.write_text(json.dumps(datapackage(tables), indent=1) + "\n", encoding="utf-8")
    return [*paths, descriptor]


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
    out.mkdir(parents=True, exist_ok=True)
    path = out / "popolo.json"
    path.write_text(json.dumps(popolo(tables), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [path]


# Columns holding EDTF dates: each has a ``<column>_precision`` column beside it.
DATE_COLUMNS: dict[str, list[str]] = {
    name: [column for column, _ in columns if any(c == f"{column}_precision" for c, _ in columns)]
    for name, columns in SCHEMA.items()
}


def dataframe(tables: Tables, table: str) -> Any:
    """One table as a pandas DataFrame with typed columns.

    Text columns are ``string``, whole numbers ``Int64``, flags ``boolean``, lists of
    names or ids Python lists. Each EDTF date column keeps its text and precision and
    gains ``<column>_start`` and ``<column>_end``: the first and last day it can mean,
    as ``datetime64[s]``.
    """
    if not isinstance(table, str):
        raise TypeError(f"table must be a str, got {type(table).__name__}")
    if table not in SCHEMA:
        from ._errors import InvalidValueError

        raise InvalidValueError(f"unknown table {table!r}; expected one of {', '.join(SCHEMA)}")
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise ModuleNotFoundError("dataframe() needs pandas: pip install 'natoeu_milstaff[pandas]'") from None
    rows = records(tables)[table]
    dtypes = {"string": "string", "integer": "Int64", "boolean": "boolean"}
    columns: dict[str, Any] = {}
    for column, kind in SCHEMA[table]:
        values = [row[column] for row in rows]
        if kind == "array":
            columns[column] = pd.Series([_list(v) for v in values], dtype="object")
        elif kind == "date":
            columns[column] = pd.Series(values, dtype="object").astype("datetime64[s]")
        else:
            columns[column] = pd.array(values, dtype=dtypes[kind])
        if column in DATE_COLUMNS[table]:
            parsed = [PartialDate.parse(v) if v else None for v in values]
            for suffix, day in (("start", PartialDate.earliest), ("end", PartialDate.latest)):
                columns[f"{column}_{suffix}"] = pd.Series(
                    [None if p is None else day(p) for p in parsed], dtype="object"
                ).astype("datetime64[s]")
    return pd.DataFrame(columns)


def _parse(kind: str, text: str) -> Any:
    if text == "":
        return None
    if kind == "integer":
        return int(text)
    if kind == "boolean":
        if text in ("true", "True", "TRUE", "1"):
            return True
        if text in ("false", "False", "FALSE", "0"):
            return False
        raise ValueError(f"{text!r} is not true or false")
    return text


def read_csv(directory: Path) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table from the CSV files ``write_csv`` wrote, typed as ``records``."""
    out: dict[str, list[dict[str, Any]]] = {}
    # Long notes may pass the csv module's default cell limit (128 KiB); allow 64 MiB.
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 2**20))
    for name, columns in SCHEMA.items():
        with open(directory / f"{name}.csv", encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            out[name] = [{column: _parse(kind, row[column]) for column, kind in columns} for row in reader]
    return out


def _list(text: str | None) -> list[Any]:
    return json.loads(text) if text else []


def _some(**fields: Any) -> dict[str, Any]:
    """The fields that have a value (the plain form leaves defaults out)."""
    return {k: v for k, v in fields.items() if v is not None and v != []}


def from_records(rows: Mapping[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The nested plain data (keyed by file name) that ``records`` was made from."""
    by_parent: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for table in ("chairs", "agenda_items", "figures"):
        for row in sorted(rows[table], key=lambda r: r["position"]):
            by_parent.setdefault((table, row["conference_id"]), []).append(row)
    for table in ("inferences", "conflicts"):
        for row in sorted(rows[table], key=lambda r: r["position"]):
            by_parent.setdefault((table, f"{row['record_type']}:{row['record_id']}"), []).append(row)
    for row in sorted(rows["proposal_sets"], key=lambda r: r["position"]):
        by_parent.setdefault(("proposal_sets", row["declaration_id"]), []).append(row)

    def notes(kind: str, ident: str) -> dict[str, Any]:
        return _some(
            inferences=[
                {"field": r["field"], "reason": r["reason"]}
                for r in by_parent.get(("inferences", f"{kind}:{ident}"), [])
            ],
            conflicts=[
                {"field": r["field"], "value": r["value"], "note": r["note"], "sources": _list(r["sources"])}
                for r in by_parent.get(("conflicts", f"{kind}:{ident}"), [])
            ],
        )

    (info,) = rows["dataset"]
    out: dict[str, Any] = {"dataset.toml": _some(**info)}
    out["sources.toml"] = [
        _some(
            id=r["id"],
            url=r["url"],
            title=r["title"],
            publisher=r["publisher"],
            published=r["published"],
            kind=r["kind"],
            language=r["language"],
            repost_of=r["repost_of"],
            notes=_list(r["notes"]),
        )
        for r in rows["sources"]
    ]
    out["posts.toml"] = [
        _some(
            code=r["code"],
            title=r["title"],
            organisation=r["organisation"],
            aliases=_list(r["aliases"]),
            deputy_of=r["deputy_of"],
        )
        for r in rows["posts"]
    ]
    out["officials.toml"] = [
        _some(
            id=r["id"],
            name=r["name"],
            nationality=r["nationality"],
            service=r["service"],
            aliases=_list(r["aliases"]),
            sources=_list(r["sources"]),
        )
        for r in rows["officials"]
    ]
    out["appointments.toml"] = [
        {
            **_some(
                official=r["official_id"],
                post=r["post_code"],
                start=r["start"],
                end=r["end"],
                attested=_list(r["attested"]),
                sources=_list(r["sources"]),
            ),
            **({"in_office": True} if r["in_office"] else {}),
            **notes("appointment", r["id"]),
        }
        for r in rows["appointments"]
    ]
    out["topics.toml"] = [
        _some(
            id=r["id"],
            label=r["label"],
            aliases=_list(r["aliases"]),
            broader=_list(r["broader"]),
            definition=r["definition"],
        )
        for r in rows["topics"]
    ]
    conferences = []
    for r in rows["conferences"]:
        record = _some(
            id=r["id"],
            date=r["date"],
            end_date=r["end_date"],
            ordinal=r["ordinal"],
            host=r["host"],
            venue=r["venue"],
            format=r["format"],
            evidence=r["evidence"],
            notes=_list(r["notes"]),
            sources=_list(r["sources"]),
            co_chairs=[
                _some(
                    official=c["official_id"],
                    post=c["post_code"],
                    rank=c["rank"],
                    standing_in_for=c["standing_in_for_id"],
                )
                for c in by_parent.get(("chairs", r["id"]), [])
            ],
            agenda=[
                _some(
                    title=a["title"],
                    topics=_list(a["topics"]),
                    briefers=_list(a["briefers"]),
                    sources=_list(a["sources"]),
                )
                for a in by_parent.get(("agenda_items", r["id"]), [])
            ],
            figures=[
                {"key": f["key"], "label": f["label"], "value": f["value"], "sources": _list(f["sources"])}
                for f in by_parent.get(("figures", r["id"]), [])
            ],
        )
        if r["next_meeting_sources"] is not None:
            record["next_meeting"] = _some(
                date=r["next_meeting_date"],
                as_stated=r["next_meeting_as_stated"],
                host=r["next_meeting_host"],
                sources=_list(r["next_meeting_sources"]),
            )
        record.update(notes("conference", r["id"]))
        conferences.append(record)
    out["conferences.toml"] = conferences
    out["alternation.toml"] = [
        {
            "after": r["after_id"],
            "before": r["before_id"],
            "kind": r["kind"],
            "reason": r["reason"],
            "sources": _list(r["sources"]),
        }
        for r in rows["alternation_exceptions"]
    ]
    out["declarations.toml"] = [
        {
            **_some(
                id=r["id"],
                date=r["date"],
                place=r["place"],
                signatories=_list(r["signatories"]),
                notes=_list(r["notes"]),
                sources=_list(r["sources"]),
                proposal_sets=[
                    {"date": p["date"], "count": p["count"], "sources": _list(p["sources"])}
                    for p in by_parent.get(("proposal_sets", r["id"]), [])
                ],
            ),
            **notes("declaration", r["id"]),
        }
        for r in rows["joint_declarations"]
    ]
    out["progress_reports.toml"] = [
        _some(number=r["number"], date=r["date"], notes=_list(r["notes"]), sources=_list(r["sources"]))
        for r in rows["progress_reports"]
    ]
    return out
