"""``who_held`` for the bundled data, answered without building the whole dataset.

Most of a cold start is attrs compiling the methods of each model class, then the
full dataset's objects and indexes. The first ``who_held`` needs neither: every answer
it can give for the bundled data was worked out when the data was compiled, by the full
dataset's own index (``_compile``), and stored in ``_compiled``, a module of plain
literals read from its cached bytecode. Answering builds only the ``Official`` and
``Source`` classes, the officials and the sources they cite.

Anything that is not the common case (a ``Post`` object, a loose or refused date string,
an unknown post, a day two officials may share) goes to the full dataset, which gives
the answer or the error; it reuses the objects built here, so both paths hand out the
same objects. A test checks every compiled answer against the full dataset.
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from typing import TYPE_CHECKING, Any

from ._core import Official, Service, Source, SourceKind
from ._dates import _from_canonical, _iso_day

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._model import Post

__all__ = ["LOAD_LOCK", "prebuilt", "reset", "who_held"]

_UNSURE = object()  # what an ambiguous span answers in _SPANS

# Post name (exact or folded) -> (first day of each span as ISO text, answer per span).
# Empty until the first call; replaced whole, never changed in place.
_SPANS: dict[object, tuple[tuple[str, ...], tuple[Any, ...]]] = {}
# Query days (ISO strings already checked, and dates) -> their ISO text (bounded).
_DAYS: dict[object, str] = {}
_OBJECTS: dict[type, dict[str, Any]] = {}
# One lock for both first loads, this module's and the full dataset's (``_dataset`` uses
# it too), so that whichever comes second reuses the objects the first built.
LOAD_LOCK = threading.RLock()


def who_held(post: Post | str, on: dt.date | str) -> Official | None:
    """The official who held ``post`` (code, title or ``Post``) on the day ``on``.

    Returns ``None`` for a vacancy or a day the record does not cover; raises
    ``AmbiguousDateError`` when imprecise dates leave more than one official possible.

    >>> import natoeu_milstaff as nm
    >>> nm.who_held("DGIMS", "2020-05-19").name
    'Hans-Werner Wiermann'
    >>> nm.who_held("DGEUMS", datetime.date(2021, 11, 16)).name
    'Hervé Bléjean'
    """
    try:
        spans = _SPANS.get(post)
    except TypeError:  # unhashable: the full dataset says what was wrong
        spans = None
    kind = type(on)
    day = _DAYS.get(on) if kind is str or kind is dt.date else None
    if spans is None or day is None:
        spans, day = _prepare(post, on)
        if spans is None or day is None:
            return _full(post, on)
    i = bisect.bisect_right(spans[0], day) - 1
    if i < 0:
        return None
    found: Official | None = spans[1][i]
    if found is _UNSURE:
        return _full(post, on)  # raises AmbiguousDateError naming the candidates
    return found


def _prepare(post: object, on: object) -> tuple[Any, str | None]:
    """Load the compiled answers if need be; the spans of ``post`` and ``on`` as ISO text."""
    if not _SPANS:
        _load()
    try:
        spans = _SPANS.get(post)
    except TypeError:
        return None, None
    day: str | None = None
    if type(on) is dt.date:
        day = on.isoformat()
    elif type(on) is str:
        day = on if _iso_day(on) is not None else None  # as as_day reads it
    if day is not None:
        if len(_DAYS) >= 4096:
            _DAYS.clear()
        _DAYS[on] = day
    return spans, day


def _full(post: Post | str, on: dt.date | str) -> Official | None:
    from ._dataset import Dataset

    return Dataset.bundled().who_held(post, on)


def _load() -> None:
    global _SPANS  # noqa: PLW0603
    with LOAD_LOCK:
        if _SPANS:
            return
        from . import _compiled as c

        sources, officials = _objects(c)
        answer: dict[Any, Any] = {None: None, c.AMBIGUOUS: _UNSURE, **officials}
        by_code = {code: (days, tuple([answer[a] for a in ids])) for code, (days, ids) in c.TENURES.items()}
        _OBJECTS.update({Source: sources, Official: officials})
        _SPANS = {key: by_code[code] for key, code in c.POST_KEYS.items()}


def _objects(c: Any) -> tuple[dict[str, Source], dict[str, Official]]:
    """The compiled sources and officials, or the full dataset's own if it is loaded."""
    import sys

    dataset_module = sys.modules.get("natoeu_milstaff._dataset")
    loaded = getattr(dataset_module, "_BUNDLED", None)
    if loaded is not None:
        tables = loaded.tables
        return {s.id: s for s in tables.sources}, {o.id: o for o in tables.officials}

    def optional(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
        return lambda value: None if value is None else convert(value)

    sources: dict[str, Source] = {}
    for row in c.SOURCES:
        source = _build(
            Source, c.SOURCE_FIELDS, row, {"published": optional(_from_canonical), "kind": SourceKind}
        )
        sources[source.id] = source
    officials: dict[str, Official] = {}
    cited = {"service": optional(Service), "sources": lambda ids: tuple([sources[i] for i in ids])}
    for row in c.OFFICIALS:
        official = _build(Official, c.OFFICIAL_FIELDS, row, cited)
        officials[official.id] = official
    return sources, officials


def _build(kind: type, fields: tuple[str, ...], row: tuple[object, ...], convert: dict[str, Any]) -> Any:
    """An object of ``kind`` from a compiled row (validated when compiled: no validators)."""
    obj: Any = object.__new__(kind)
    for name, value in zip(fields, row, strict=True):
        object.__setattr__(obj, name, convert[name](value) if name in convert else value)
    return obj


def prebuilt() -> dict[type, dict[str, Any]]:
    """Sources and officials this module has built, by id, for the full load to reuse."""
    return dict(_OBJECTS)


def reset() -> None:
    """Forget the compiled answers and objects (``Dataset.clear_cache``)."""
    global _SPANS  # noqa: PLW0603
    with LOAD_LOCK:
        _SPANS = {}
        _OBJECTS.clear()
        _DAYS.clear()
