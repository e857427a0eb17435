"""The data release as API: version, as-of date, coverage window, fingerprint, citation."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Final

import attrs

from ._value import Record

if TYPE_CHECKING:
    import datetime

    from ._dates import PartialDate
    from ._model import Tables

__all__ = ["DataRelease", "cite", "release"]

_HOME = "https://github.com/natoeu-milstaff/natoeu_milstaff"

# The project's addresses, as pyproject.toml's [project.urls] gives them (a test checks).
_URLS: Final = {
    "Source": _HOME,
    "Issues": f"{_HOME}/issues",
    "Changelog": f"{_HOME}/blob/main/CHANGELOG.md",
    "Documentation": "https://natoeu-milstaff.readthedocs.io",
}

_AUTHOR = "natoeu_milstaff developers"
_TITLE = "natoeu_milstaff: a sourced record of the IMS-EUMS Directors General conferences"


@attrs.frozen(kw_only=True, eq=False, repr=False)
class DataRelease(Record):
    """Which data a result came from.

    ``fingerprint`` is a SHA-256 of the dataset's canonical plain form: it changes when
    any fact changes, and only then.

    >>> release = nm.data_release()
    >>> str(release.first), len(release.fingerprint), release.as_of == nm.DATA_AS_OF
    ('2014-01-27', 64, True)
    """

    version: str
    as_of: datetime.date
    """The day the data was last checked against its sources."""
    first: PartialDate | None
    """Date of the earliest conference in the record."""
    last: PartialDate | None
    """Date of the latest conference in the record."""
    fingerprint: str = attrs.field(repr=repr)  # whole: a cut fingerprint would mislead


def release(tables: Tables) -> DataRelease:
    """The release facts of ``tables``."""
    from ._convert import unstructure_tables
    from ._model import chronological

    canonical = json.dumps(
        unstructure_tables(tables), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    series = chronological(tables.conferences)
    return DataRelease(
        version=tables.info.version,
        as_of=tables.info.as_of,
        first=series[0].date if series else None,
        last=series[-1].date if series else None,
        fingerprint=hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
    )


def cite(data: DataRelease, package_version: str, style: str = "text") -> str:
    """A citation of the package and the data release, as plain text or BibTeX.

    Both name the authors, the package version, the data version, the day the data was
    last checked against its sources (the date of the citation) and the project's address.
    """
    url, day = _URLS["Source"], data.as_of.isoformat()
    if style == "text":
        return (
            f"{_AUTHOR} ({data.as_of.year}). {_TITLE}. Version {package_version}; data version "
            f"{data.version}, checked against its sources on {day}; fingerprint {data.fingerprint[:16]}. "
            f"{url}"
        )
    if style == "bibtex":
        # A corporate author in double braces, so that it is not split into names; the url
        # field is read verbatim, so it is not escaped.
        return (
            "@software{natoeu_milstaff,\n"
            f"  author = {{{{{_bibtex(_AUTHOR)}}}}},\n"
            f"  title = {{{_bibtex(_TITLE)}}},\n"
            f"  version = {{{_bibtex(package_version)}}},\n"
            f"  date = {{{day}}},\n"
            f"  url = {{{url}}},\n"
            f"  note = {{Data version {_bibtex(data.version)}, checked against its sources on {day}; "
            f"SHA-256 {data.fingerprint}}}\n"
            "}"
        )
    import reprlib  # a message shows the start and end of a long value, not all of it

    from ._errors import InvalidValueError

    raise InvalidValueError(f"unknown citation style {reprlib.repr(style)}; expected 'text' or 'bibtex'")


def _bibtex(text: str) -> str:
    """Text safe inside a BibTeX field: braces and special characters escaped."""
    for char in "\\{}_&%$#":
        text = text.replace(char, "\\" + char)
    return text
