"""Words the generated pages and the timeline share (docs/_ext/datapages.py and
docs/_ext/timeline.py): ordinals, a tenure as text, and the record's field names in
words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from natoeu_milstaff._dates import _MONTHS, ordinal
from natoeu_milstaff._display import tenure_text

if TYPE_CHECKING:
    import datetime as dt

    import natoeu_milstaff as nm

nth = ordinal  # the library's own English ordinal: 1st, 2nd, 22nd

# The fields an inference or a conflict names, in words; a field not here reads as its
# name with spaces.
FIELDS = {
    "date": "the date",
    "end_date": "the last day",
    "ordinal": "the number",
    "host": "the host",
    "venue": "the venue",
    "format": "the format",
    "start": "the start",
    "end": "the end",
    "in_office": "whether still in office",
    "place": "the place",
    "proposals": "the number of common proposals",
}


def field_words(name: str) -> str:
    """A field's name in words: ``end_date`` is "the last day"."""
    return FIELDS.get(name, name.replace("_", " "))


def date_words(d: nm.PartialDate) -> str:
    """A date in words, which a browser never breaks at a hyphen: ``16 November 2021``,
    ``November 2021``, ``about 2014``, ``2014 (uncertain)``."""
    text = str(d.year)
    if d.month is not None:
        text = f"{_MONTHS[d.month - 1]} {text}"
        if d.day is not None:
            text = f"{d.day} {text}"
    if d.approximate:
        text = f"about {text}"
    if d.uncertain:
        text += " (uncertain)"
    return text


def tenure(a: nm.Appointment, as_of: dt.date | None) -> str:
    """A tenure as recorded, with the days a source shows the official in the post where
    its start or end is unknown: the one wording of the data pages and the timeline."""
    seen = ", ".join(str(d) for d in a.attested)
    if a.start is None and a.end is None and not a.in_office and seen:
        return f"in the post on {seen} (start and end unknown)"
    text = tenure_text(a, as_of)
    if seen and (a.start is None or (a.end is None and not a.in_office)):
        text += f"; seen in the post on {seen}"
    return text
