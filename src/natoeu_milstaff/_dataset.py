"""Stage 6: the dataset — its tables, their indexes, and the queries as methods.

A ``Dataset`` is an immutable bundle of tables (``_model.Tables``) with an ``Index``
whose families are built as queries first need them. The bundled dataset is loaded
from its compiled form (``_bundled``) on the first query of a process, once, under a
lock; a data directory of one's own is read by ``_files`` and typed by ``_convert``.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from bisect import bisect_right
from typing import TYPE_CHECKING, Any, TypeVar, cast

from ._dates import QUERY_DAYS, PartialDate, _require_day, as_period, ordinal
from ._errors import (
    AmbiguousDateError,
    AmbiguousNameError,
    DataError,
    InvalidDateError,
    InvalidValueError,
    UnknownConferenceError,
    UnknownOfficialError,
    UnknownPostError,
    UnknownProposalError,
    UnknownTopicError,
    _UnknownKeyError,
    too_long,
)
from ._index import MAX_NAME, Ambiguous, Index, Names, Tenures, fold
from ._model import (
    AlternationException,
    Appointment,
    Conference,
    DatasetInfo,
    JointDeclaration,
    Official,
    Organisation,
    Post,
    ProgressReport,
    Proposal,
    ProposalArea,
    ProposalSet,
    Source,
    Tables,
    Topic,
)
from ._value import Results

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._coverage import Coverage
    from ._release import DataRelease

__all__ = ["Dataset"]

_R = TypeVar("_R", Post, Official, Topic, ProposalArea)


class Dataset:
    """The record: every table, with indexed queries as methods.

    ``Dataset.bundled()`` is the shipped data; ``Dataset.load(path)`` reads a
    directory laid out like it; the constructor takes the tables as tuples. Two
    datasets are equal when their tables are. A dataset cannot be changed.

    So ``copy.copy`` and ``copy.deepcopy`` give the dataset itself, as they do a tuple;
    ``pickle`` (every protocol) carries its tables only, and the copy unpickled, in this
    process or another, builds its indexes again as its queries need them. It equals
    the original: the bundled dataset unpickled elsewhere equals ``Dataset.bundled()``
    there, if the package versions ship the same data.

    A name or key asked for (a post, official, topic, conference key or host) is at
    most ``MAX_NAME`` (200) characters long, and a date's text at most 100; longer ones
    are refused (``InvalidValueError``, ``InvalidDateError``) before any work on them.

    >>> ds = Dataset.bundled()
    >>> ds.who_held("DGIMS", "2020-05-19").name
    'Hans-Werner Wiermann'
    """

    __slots__ = ("_index", "_tables")
    _tables: Tables
    _index: Index

    def __init__(
        self,
        *,
        info: DatasetInfo,
        sources: tuple[Source, ...] = (),
        posts: tuple[Post, ...] = (),
        officials: tuple[Official, ...] = (),
        appointments: tuple[Appointment, ...] = (),
        topics: tuple[Topic, ...] = (),
        conferences: tuple[Conference, ...] = (),
        exceptions: tuple[AlternationException, ...] = (),
        proposal_sets: tuple[ProposalSet, ...] = (),
        declarations: tuple[JointDeclaration, ...] = (),
        progress_reports: tuple[ProgressReport, ...] = (),
        proposal_areas: tuple[ProposalArea, ...] = (),
        proposals: tuple[Proposal, ...] = (),
    ) -> None:
        tables = Tables(
            info=info,
            sources=sources,
            posts=posts,
            officials=officials,
            appointments=appointments,
            topics=topics,
            conferences=conferences,
            exceptions=exceptions,
            proposal_sets=proposal_sets,
            declarations=declarations,
            progress_reports=progress_reports,
            proposal_areas=proposal_areas,
            proposals=proposals,
        )
        object.__setattr__(self, "_tables", tables)
        object.__setattr__(self, "_index", Index(tables))

    @classmethod
    def _from_tables(cls, tables: Tables) -> Dataset:
        """A dataset around tables that are already checked."""
        dataset = object.__new__(cls)
        object.__setattr__(dataset, "_tables", tables)
        object.__setattr__(dataset, "_index", Index(tables))
        return dataset

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Dataset is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Dataset is immutable; cannot delete {name!r}")

    def __copy__(self) -> Dataset:
        return self  # immutable: a copy could not differ

    def __deepcopy__(self, memo: dict[int, object]) -> Dataset:
        return self  # immutable, and every record in it too

    def __reduce__(self) -> tuple[Any, ...]:
        # The tables only: the index (and its lock) is rebuilt, family by family, as the
        # unpickled dataset's queries need it.
        return (_unpickle, (self.__class__, self._tables))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return self._tables == other._tables

    def __hash__(self) -> int:
        return hash(self._tables)

    def __repr__(self) -> str:
        t = self._tables
        return (
            f"<Dataset {t.info.version} as of {t.info.as_of}: {len(t.conferences)} conferences, "
            f"{len(t.officials)} officials, {len(t.appointments)} appointments, "
            f"{len(t.topics)} topics, {len(t.sources)} sources>"
        )

    def _repr_html_(self) -> str:
        """A summary card for notebooks: version, as-of day, span, counts per table."""
        from ._display import dataset_html

        return dataset_html(self)

    @property
    def info(self) -> DatasetInfo:
        """The dataset's version, ``as_of`` date and title.

        >>> Dataset.bundled().info.as_of == nm.DATA_AS_OF
        True
        """
        return self._tables.info

    @property
    def tables(self) -> Tables:
        """Every table in file order (the order ``dump`` writes).

        >>> Dataset.bundled().tables.conferences == nm.conferences()
        True
        """
        return self._tables

    # -- construction -----------------------------------------------------------------

    @classmethod
    def bundled(cls) -> Dataset:
        """The dataset shipped inside the package, loaded on first call and cached.

        Thread-safe: concurrent first calls load it once. ``Dataset.clear_cache()``
        forgets it.

        >>> Dataset.bundled() is Dataset.bundled()
        True
        """
        cached = _BUNDLED
        if cached is not None:
            return cached
        return _load_bundled()

    @classmethod
    def clear_cache(cls) -> None:
        """Forget the cached bundled dataset and the days read from query strings; the next
        query loads the data again.

        >>> before = Dataset.bundled()
        >>> Dataset.clear_cache()
        >>> Dataset.bundled() is before, Dataset.bundled() == before
        (False, True)
        """
        global _BUNDLED  # noqa: PLW0603
        with _LOCK:
            _BUNDLED = None
            QUERY_DAYS.clear()

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Dataset:
        """Read a data directory laid out like the bundled ``natoeu_milstaff/data/``.

        Raises one ``DataError`` listing every problem (file and path of each), whether
        the files are malformed or the records break an invariant. A data file that is
        missing, a symbolic link, not a regular file or larger than 64 MiB (the limit
        on every data file the library reads, checked before reading) is a problem, as
        is another ``.toml`` file in the directory and an unknown key. ``path`` is
        checked as every entry point checks it: an empty or blank path, a NUL byte or a
        lone surrogate raise ``InvalidValueError``, a value that is no path
        ``TypeError``.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     _ = Dataset.bundled().dump(folder)
        ...     mine = Dataset.load(folder)
        >>> mine == Dataset.bundled()
        True
        """
        text = _check_path(path)
        from pathlib import Path

        from ._files import read_tables

        root = Path(text)
        return cls._validated(read_tables(root), str(root))

    @classmethod
    def _validated(cls, raw: dict[str, Any], origin: str) -> Dataset:
        """A dataset of the plain tables ``raw`` read from ``origin``, typed and checked;
        one ``DataError`` lists every problem, as every loader reports them."""
        from ._convert import structure_tables

        dataset = cls(**structure_tables(raw, origin=origin))
        problems = dataset.validate()
        if problems:
            raise DataError(problems, source=origin)
        return dataset

    def dump(self, path: str | os.PathLike[str]) -> list[str]:
        """Write the dataset as a data directory that ``Dataset.load`` reads back equal;
        returns the files written, as ``export`` does.

        The directory ``path`` is made if missing. Refused before anything is written,
        with a ``WriteError`` naming it: a ``path`` that is a symbolic link or not a
        directory; a data file there that is a symbolic link (a writer never follows
        one) or not a regular file; another ``.toml`` file there (``pyproject.toml``),
        which ``load`` would refuse. ``path`` itself is checked as ``load`` checks it.

        Each file is written to a temporary file beside it and synced to disk; only when
        all are written are they renamed into place. A file that cannot be written (a
        full disk) thus replaces nothing, and the ``WriteError`` names it and the cause.
        The write is atomic per file, not as a whole: should a rename fail, or the
        machine stop, after the first file was replaced, the directory holds some new
        files and some old ones, and the ``WriteError`` lists those already replaced
        (``replaced``).

        >>> import pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     written = Dataset.bundled().dump(folder)
        >>> [pathlib.Path(p).name for p in written][:3]
        ['dataset.toml', 'sources.toml', 'posts.toml']
        """
        text = _check_path(path)
        from pathlib import Path

        from ._convert import unstructure_tables
        from ._files import write_tables

        return [str(p) for p in write_tables(Path(text), unstructure_tables(self._tables))]

    @classmethod
    def from_json(cls, path: str | os.PathLike[str]) -> Dataset:
        """Read a ``dataset.json`` written by ``export(path, "json")``; validated like ``load``.

        One ``DataError`` lists every problem, each with its place
        (``$.conferences[3].date``): a file that is not a regular file or is larger than
        64 MiB, text that is not JSON (or repeats a key), an unknown or missing table or
        cell, a value of the wrong type, a row that belongs to no record, a derived cell
        (a date's ``_start`` or ``_end``) that its row does not give.

        >>> import pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     _ = Dataset.bundled().export(folder, "json")
        ...     again = Dataset.from_json(pathlib.Path(folder) / "dataset.json")
        >>> again == Dataset.bundled()
        True
        """
        text = _check_path(path)
        import json
        from pathlib import Path

        from ._export import read_json
        from ._files import FileProblem, read_data_file

        try:
            data = read_data_file(Path(text), text, follow=True)
        except FileProblem as problem:
            raise DataError([str(problem)], source=text) from None
        try:
            raw = json.loads(data, object_pairs_hook=_unique_keys)
        except (ValueError, RecursionError) as exc:
            raise DataError([f"{text}: cannot be read as JSON ({exc})"], source=text) from None
        rows, problems = read_json(raw, text)
        if problems:
            raise DataError(problems, source=text)
        return cls._from_rows(rows, text, f"{text}: $.{{}}", lambda table, i: f"{text}: $.{table}[{i}]")

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str]) -> Dataset:
        """Read the CSV files written by ``export(path, "csv")``; validated like ``load``.

        One ``DataError`` lists every problem, each naming its file: a table's file
        missing, a symbolic link or larger than 64 MiB; another ``.csv`` file in the
        directory; an unknown, missing or repeated column; a row with more or fewer
        cells than the header; a cell of the wrong type; a row that belongs to no
        record; a derived cell (a date's ``_start`` or ``_end``) that its row does not
        give. A text cell that begins with ``'`` loses that one ``'``, which ``export``
        writes before text a spreadsheet could take for a formula.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     _ = Dataset.bundled().export(folder, "csv")
        ...     again = Dataset.from_csv(folder)
        >>> again == Dataset.bundled()
        True
        """
        text = _check_path(path)
        from pathlib import Path

        from ._export import read_csv

        numbers: dict[str, list[int]] = {}  # each row's number in its file, as problems name it
        rows = read_csv(Path(text), numbers)
        return cls._from_rows(rows, text, "{}.csv", lambda table, i: f"{table}.csv: row {numbers[table][i]}")

    @classmethod
    def _from_rows(
        cls,
        rows: dict[str, list[dict[str, Any]]],
        source: str,
        file: str,
        where: Callable[[str, int], str] | None,
    ) -> Dataset:
        """The dataset the flat rows of an export hold, validated like ``load``."""
        from ._export import derived_problems, from_records

        problems: list[str] = []
        try:
            raw = from_records(rows, problems, file)
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            raise DataError([f"{source}: cannot be read as tables ({exc!r})"], source=source) from None
        if problems:
            raise DataError(problems, source=source)
        dataset = cls._validated(raw, source)
        problems = derived_problems(rows, dataset._tables, where)
        if problems:
            raise DataError(problems, source=source)
        return dataset

    def records(self) -> dict[str, list[dict[str, Any]]]:
        """Every table as flat rows of plain values, one table per kind of fact.

        >>> rows = Dataset.bundled().records()
        >>> rows["conferences"][0]["date"], rows["conferences"][0]["date_precision"]
        ('2014-01-27', 'day')
        """
        from ._export import records

        return records(self._tables)

    def dataframe(self, table: str) -> Any:
        """One table of ``records()`` as a pandas DataFrame (needs the ``pandas`` extra).

        >>> frame = Dataset.bundled().dataframe("conferences")
        >>> frame.loc[0, "id"], list(frame.columns[:3])
        ('conf-2014-01-27', ['id', 'date', 'date_precision'])
        """
        from ._export import dataframe

        return dataframe(self._tables, table)

    def popolo(self) -> dict[str, Any]:
        """Officials, posts and appointments as Popolo persons, posts and memberships;
        conferences as events whose attendees are the co-chairs. EDTF qualifiers, which
        Popolo dates cannot carry, are kept in ``start_date_edtf`` and ``end_date_edtf``.

        >>> sorted(Dataset.bundled().popolo())
        ['events', 'memberships', 'organizations', 'persons', 'posts']
        """
        from ._popolo import popolo

        return popolo(self._tables)

    def export(self, path: str | os.PathLike[str], format: str = "json") -> list[str]:
        """Write the dataset to the directory ``path``; returns the files written.

        ``format`` is one of:

        - ``json``: ``dataset.json`` (every table's rows, by table name, with the CSV's
          cells) and ``dataset.schema.json`` (its JSON Schema); read back by
          ``Dataset.from_json``;
        - ``csv``: one file per table; read back by ``Dataset.from_csv``;
        - ``datapackage``: the CSV files and a Frictionless ``datapackage.json`` with
          types, descriptions and constraints;
        - ``sqlite``: ``natoeu_milstaff.sqlite``, the same tables typed, keyed and
          described, with views that join them and a full-text ``search`` table; it
          needs an SQLite library with FTS5 and the JSON functions, and raises
          ``WriteError`` without them;
        - ``parquet``: one typed, described ``.parquet`` file per table; it needs the
          ``parquet`` extra (pyarrow) and raises ``ModuleNotFoundError`` without it;
        - ``popolo``: ``popolo.json``, the record in Popolo's own shape.

        CSV cells are safe to open in a spreadsheet: a text cell that begins with
        ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (the characters a
        spreadsheet may read as the start of a formula) is written with a ``'`` before
        it, and so is one that already begins with ``'``; ``from_csv`` removes exactly
        one leading ``'`` from every text cell, so the round trip is exact. Only text
        columns (``string`` in the data package's schema) are so written; numbers,
        flags and dates are the library's own and stay as they are: a negative
        ``figures.value`` is written ``-5``, which a spreadsheet reads as a number.
        Lists are JSON arrays and begin with ``[``.

        The files are written as ``dump`` writes them: checked first (``path`` and each
        target file must not be a symbolic link; for ``csv`` and ``datapackage``,
        ``path`` must hold no other ``.csv`` file, which ``from_csv`` would refuse),
        then written atomically per file, with a ``WriteError`` naming the file and,
        if it failed midway, the files already replaced. ``path`` is checked as
        ``load`` checks it.

        >>> import pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     written = Dataset.bundled().export(folder, "csv")
        >>> sorted(pathlib.Path(p).name for p in written)[:3]
        ['agenda_items.csv', 'alternation_exceptions.csv', 'appointments.csv']
        """
        text = _check_path(path)
        from pathlib import Path

        from . import _export, _parquet, _popolo, _sqlite

        writers = {
            "json": _export.write_json,
            "csv": _export.write_csv,
            "popolo": _popolo.write_popolo,
            "datapackage": _export.write_datapackage,
            "sqlite": _sqlite.write_sqlite,
            "parquet": _parquet.write_parquet,
        }
        writer = writers.get(format) if isinstance(format, str) else None
        if writer is None:
            import reprlib  # a refused value is quoted short: a message must not copy a megabyte

            raise InvalidValueError(
                f"unknown export format {reprlib.repr(format)}; expected one of {', '.join(writers)}"
            )
        return [str(p) for p in writer(self._tables, Path(text))]

    def release(self) -> DataRelease:
        """Version, as-of date, coverage window and content fingerprint of this data.

        >>> Dataset.bundled().release() == nm.data_release()
        True
        """
        from ._release import release

        return release(self._tables)

    def validate(self) -> tuple[str, ...]:
        """Every broken invariant, as ``file: $.path: message`` lines; ``()`` when sound.

        >>> Dataset.bundled().validate()
        ()
        """
        from ._validate import check

        return check(self._tables)

    # -- lookups ----------------------------------------------------------------------

    def post(self, post: Post | str) -> Post:
        """A post by its code (``"DGIMS"``), title or alias, case-insensitive.

        >>> Dataset.bundled().post("dg ims").code
        'DGIMS'
        """
        names = self._index.posts
        found = _find(names, post, Post, UnknownPostError, wanted="post must be a Post")
        if found is None:
            codes = ", ".join(p.code for p in self._tables.posts) or "none"
            raise UnknownPostError(post, names.shown, hint=f"the posts are {codes}")
        return found

    def official(self, name: Official | str) -> Official:
        """An official by name, id, any spelling seen in sources, or a surname.

        Case- and accent-insensitive: ``"herve blejean"`` finds Hervé Bléjean. A
        surname (the last word or words of a name or alias: ``"Wiermann"``, ``"van der
        Laan"``) finds the one official who has it; one that two officials share
        raises ``AmbiguousNameError`` naming both.

        >>> Dataset.bundled().official("bléjean").name
        'Hervé Bléjean'
        """
        names = self._index.officials
        found = _find(names, name, Official, UnknownOfficialError, wanted="name must be an Official")
        if found is None:  # so name is a str: a record is found or refused
            shared = names.shared.get(fold(cast("str", name)))
            if shared:
                full = [o.name for o in shared]
                raise AmbiguousNameError(
                    f"{name!r} is the surname of {len(full)} officials: {', '.join(full)}; give a full name",
                    full,
                )
            raise UnknownOfficialError(name, names.shown)
        return found

    def topic(self, topic: Topic | str) -> Topic:
        """A topic by id, label or alias, case- and accent-insensitive.

        >>> Dataset.bundled().topic("Cyber Defense").id
        'cyber-defence'
        """
        names = self._index.topics
        found = _find(names, topic, Topic, UnknownTopicError, wanted="topic must be a Topic")
        if found is None:
            raise UnknownTopicError(topic, names.shown)
        return found

    def conference(self, key: Conference | str | int | dt.date) -> Conference:
        """One conference by id, date (``date`` or text), or ordinal (``17``, ``"17"``,
        ``"17th"``).

        A month or year that holds one conference finds it; one that holds several
        raises ``AmbiguousDateError`` naming them (``conferences(year=...)`` lists them).

        >>> Dataset.bundled().conference(17).id
        'conf-2022-06-10'
        >>> Dataset.bundled().conference("17th").id
        'conf-2022-06-10'
        """
        chronology = self._index.chronology
        if isinstance(key, Conference):
            if not chronology.holds(key):
                raise UnknownConferenceError(key.id, hint=_foreign("conference", key.id in chronology.by_id))
            return key
        if isinstance(key, bool):
            raise TypeError("key must be a conference id, date or ordinal, not a bool")
        if isinstance(key, int):
            return self._conference_numbered(key, key)
        if isinstance(key, str):
            if len(key) > MAX_NAME:
                raise _name_too_long(key, "conference key")
            if key in chronology.by_id:
                return chronology.by_id[key]
            ordinal = _ordinal(key)
            if ordinal is not None:
                return self._conference_numbered(ordinal, key)
            try:
                date = PartialDate.from_text(key)
            except InvalidDateError:
                raise UnknownConferenceError(key, chronology.ids) from None
            return self._conference_on(date, key)
        if isinstance(key, dt.date):
            return self._conference_on(PartialDate.from_date(_require_day(key)), str(key))
        raise TypeError(f"key must be a conference id, date or ordinal, got {type(key).__name__}")

    def _conference_numbered(self, ordinal: int, key: object) -> Conference:
        chronology = self._index.chronology
        found = chronology.by_ordinal.get(ordinal)
        if found is None:
            known = ", ".join(str(o) for o in sorted(chronology.by_ordinal)) or "none"
            hint = f"known ordinals: {known}"
            if 1000 <= ordinal <= 9999:
                hint += f"; for the conferences of a year, use conferences(year={ordinal})"
            raise UnknownConferenceError(key, hint=hint)
        return found

    def _conference_on(self, date: PartialDate, key: object) -> Conference:
        chronology = self._index.chronology
        found = chronology.between(date.earliest(), date.latest())
        if len(found) == 1:
            return found[0]
        if not found:
            if date.month is None:  # a year: no close ids to offer, but where to look
                raise UnknownConferenceError(
                    key, hint=f"the record has no conference in {date}; coverage() lists the gaps"
                )
            before = [c for c in chronology.ordered if c.date.latest() < date.earliest()][-1:]
            after = [c for c in chronology.ordered if c.date.earliest() > date.latest()][:1]
            near = " and ".join(c.id for c in (*before, *after))
            hint = f"none on {date}" + (f"; the nearest: {near}" if near else "")
            raise UnknownConferenceError(key, hint=hint)
        ids = [c.id for c in found]
        listing = (
            f"conferences(year={date.year})"
            if date.month is None
            else f"conferences(between=({str(date)!r}, {str(date)!r}))"
        )
        raise AmbiguousDateError(
            f"{key!r} matches {len(ids)} conferences: {', '.join(ids)}; list them with {listing}", ids
        )

    # -- queries ----------------------------------------------------------------------

    def appointment(self, post: Post | str, on: dt.date | PartialDate | str) -> Appointment | None:
        """The appointment to ``post`` that covers ``on``, or ``None``.

        ``on`` is a day (a ``date``, ``"2020-05-19"``, ``"19 May 2020"``), a month
        (``"2020-05"``, ``"May 2020"``) or a year (``"2020"``), as text or a
        ``PartialDate``. ``None`` means a vacancy or a time the record does not cover.
        Where imprecise start or end dates leave two or more tenures possible on a day,
        or two or more tenures fall in a month or year, raises ``AmbiguousDateError``
        naming their officials. A tenure still open on ``info.as_of`` (its ``in_office``
        is true) answers for later days too, as the record's best knowledge.

        >>> found = Dataset.bundled().appointment("DGEUMS", "May 2020")
        >>> found.official.name, str(found.start)
        ('Esa Pulkkinen', '2016-05-26')
        """
        first, last = as_period(on)
        tenures = self._tenures(post)
        if first == last:
            return tenures.appointment_on(first)
        return tenures.appointment_during(first, last, _asked(on))

    def who_held(self, post: Post | str, on: dt.date | PartialDate | str) -> Official | None:
        """The official who held ``post`` on ``on`` (a day, month or year), or ``None``.

        As ``appointment``, but two tenures of one official are one answer: a month or a
        year in which one official held the post throughout, or held it for part of the
        time while nobody else may have, gives that official. An official still in
        office on ``info.as_of`` answers for later days too.

        >>> Dataset.bundled().who_held("DGEUMS", "25 November 2019").name
        'Esa Pulkkinen'
        """
        # The most asked question, so its common case is written out: a post's name as
        # written and a date, or a day string asked before, are each one dictionary hit,
        # and the answer one bisect, as Tenures.official_on finds it (that call would cost
        # a tenth of the warm benchmark's budget). Anything else takes the general road.
        try:
            tenures = self._index.tenures[post]
            day = on if type(on) is dt.date else QUERY_DAYS[on]  # type: ignore[index]
        except (KeyError, TypeError):
            tenures = None  # the general road, taken outside this handler so that its
        if tenures is None:  # errors do not show the KeyError above as their context
            first, last = as_period(on)
            if first == last:
                return self._tenures(post).official_on(first)
            return self._tenures(post).official_during(first, last, _asked(on))
        i = bisect_right(tenures.points, day) - 1
        found = tenures.officials[i] if i >= 0 else None
        if type(found) is Ambiguous:
            found.raise_for(tenures.post, day)
        return found

    def _tenures(self, post: Post | str) -> Tenures:
        try:  # the common case: a post's code or name as written, or a Post of this dataset
            found = self._index.tenures.get(post)
        except TypeError:  # unhashable: self.post() says what was wrong
            found = None
        return found if found is not None else self._index.tenures[self.post(post)]

    def holders(
        self,
        post: Post | str,
        during: dt.date
        | PartialDate
        | str
        | tuple[dt.date | PartialDate | str | None, dt.date | PartialDate | str | None]
        | None = None,
    ) -> Results[Appointment]:
        """Every appointment to ``post``, in chronological order; with ``during``, those
        that may cover some day of it.

        ``during`` is a day, month or year (``"2013"``), or a ``(start, end)`` pair of
        them, inclusive, with ``None`` for an open end.

        >>> [a.official.name for a in Dataset.bundled().holders("DGIMS", during="2013")]
        ['Jürgen Bornemann', 'Christopher Harper']
        """
        tenures = self._tenures(post)
        if during is None:
            return tenures.holders
        return Results(tenures.during(*_period(during, "during")))

    def meetings_about(self, topic: Topic | ProposalArea | str) -> Results[Conference]:
        """Conferences with an agenda item on ``topic`` or a narrower topic, chronological.

        Given a ``ProposalArea``, the conferences that discussed it: those about any of
        its topics or its sub-areas' topics.

        >>> ds = Dataset.bundled()
        >>> [c.id for c in ds.meetings_about("space")]
        ['conf-2021-11-16']
        >>> ds.meetings_about(ds.proposal_area("military mobility")) == ds.meetings_about("military-mobility")
        True
        """
        if isinstance(topic, ProposalArea):
            return self._index.proposals.meetings[self.proposal_area(topic).id]
        about = self._index.about
        try:
            found = about.get(topic)
        except TypeError:  # unhashable: said below
            found = None
        if found is not None:
            return found
        if not isinstance(topic, (Topic, str)):
            raise TypeError(f"topic must be a Topic, a ProposalArea or a str, got {type(topic).__name__}")
        try:
            return about[self.topic(topic)]
        except UnknownTopicError:
            area = (
                self._index.areas.find(topic) if isinstance(topic, str) and len(topic) <= MAX_NAME else None
            )
            if area is None:
                raise
            ask = f"meetings_about(proposal_area({topic!r}))"
            hint = f"{area.label!r} is an area of the common proposals: ask {ask}"
            raise UnknownTopicError(topic, self._index.topics.shown, hint=hint) from None

    def conferences(
        self,
        year: int | None = None,
        host: Organisation | str | None = None,
        chaired_by: Official | str | None = None,
        between: tuple[dt.date | PartialDate | str | None, dt.date | PartialDate | str | None] | None = None,
    ) -> Results[Conference]:
        """Conferences matching every filter given, in chronological order.

        ``between`` is an inclusive ``(start, end)`` pair of days, months or years, with
        ``None`` for an open end: ``("2019", "2020")`` is 2019 and 2020, ``("2023-06",
        None)`` from June 2023 on. A conference counts when its date may fall within it.

        >>> [c.id for c in Dataset.bundled().conferences(between=("2024", None))]
        ['conf-2024-05-31', 'conf-2024-11-29']
        """
        index = self._index
        pools: list[tuple[Conference, ...]] = []
        if year is not None:
            if isinstance(year, bool) or not isinstance(year, int):
                raise TypeError(f"year must be an int, got {type(year).__name__}")
            pools.append(index.filters.by_year.get(year, ()))
        if host is not None:
            pools.append(index.filters.by_host.get(_organisation(host), ()))
        if chaired_by is not None:
            pools.append(index.filters.by_chair.get(self.official(chaired_by).id, ()))
        if between is not None:
            if not isinstance(between, tuple):
                raise TypeError(f"between must be a (start, end) tuple, got {type(between).__name__}")
            pools.append(index.chronology.between(*_period(between, "between")))
        if not pools:
            return index.chronology.ordered
        pools.sort(key=len)
        first, rest = pools[0], [frozenset(p) for p in pools[1:]]
        if not rest and type(first) is Results:  # one stored group: returned as it is
            return first
        return Results(c for c in first if all(c in p for p in rest))

    def alternation_exceptions(self) -> Results[AlternationException]:
        """The documented breaks in the NATO/EU alternation of hosts.

        >>> [e.kind.value for e in Dataset.bundled().alternation_exceptions()][-2:]
        ['same-host', 'same-host']
        """
        return Results(self._tables.exceptions)

    def joint_declarations(self) -> Results[JointDeclaration]:
        """The EU–NATO Joint Declarations, by date.

        >>> [d.id for d in Dataset.bundled().joint_declarations()]
        ['2016-warsaw', '2018-brussels', '2023-brussels']
        """
        return self._index.declarations

    def coverage(self) -> Coverage:
        """What the record lacks: missing half-years, unknown hosts, weak evidence, gaps in post holders.

        >>> gaps = Dataset.bundled().coverage()
        >>> "2017-H1" in gaps.missing_half_years
        True
        """
        from ._coverage import coverage

        return coverage(self._tables, self._index)

    def progress_reports(self) -> Results[ProgressReport]:
        """The joint progress reports on implementing the common proposals, by number.

        >>> [r.number for r in Dataset.bundled().progress_reports()][:3]
        [1, 2, 3]
        """
        return Results(sorted(self._tables.progress_reports, key=lambda r: r.number))

    def proposal_sets(self) -> Results[ProposalSet]:
        """The sets of common proposals, by the date they were endorsed.

        >>> [s.id for s in Dataset.bundled().proposal_sets()]
        ['2016', '2017']
        """
        return self._index.proposals.sets

    def _proposal_set(self, key: ProposalSet | str | int) -> ProposalSet:
        """A set of common proposals by its id, the year it was endorsed (``2017``, ``"2017"``)."""
        sets = self._index.proposals.set_by_id
        if isinstance(key, ProposalSet):
            if sets.get(key.id) is not key and sets.get(key.id) != key:
                raise UnknownProposalError(
                    key.id, hint=_foreign("proposal set", key.id in sets), kind="proposal set"
                )
            return key
        if isinstance(key, bool) or not isinstance(key, (str, int)):
            raise TypeError(f"set must be a ProposalSet, a str or an int, got {type(key).__name__}")
        text = str(key)
        if len(text) > MAX_NAME:
            raise _name_too_long(text, "proposal set id")
        found = sets.get(text.strip())
        if found is None:
            raise UnknownProposalError(
                key, list(sets), kind="proposal set", hint=f"the sets are {', '.join(sets) or 'none'}"
            )
        return found

    def proposal_area(self, area: ProposalArea | str) -> ProposalArea:
        """An area of the common proposals by id, label or alias, case- and accent-insensitive.

        >>> Dataset.bundled().proposal_area("Cyber Security and Defence").id
        'cyber'
        """
        names = self._index.areas
        found = _find(
            names,
            area,
            ProposalArea,
            UnknownProposalError,
            wanted="area must be a ProposalArea",
            kind="proposal area",
        )
        if found is None:
            raise UnknownProposalError(area, names.shown, kind="proposal area")
        return found

    def proposal_areas(
        self, conference: Conference | str | int | dt.date | None = None
    ) -> Results[ProposalArea]:
        """The areas of the common proposals, in the texts' order (a sub-area after its area).

        Given a ``conference`` (as ``conference()`` takes it), only the areas it discussed:
        those with a topic, or a narrower one, on its agenda.

        >>> ds = Dataset.bundled()
        >>> [a.id for a in ds.proposal_areas()][:2]
        ['hybrid-threats', 'hybrid-situational-awareness']
        >>> [a.id for a in ds.proposal_areas(conference="2019-11-25")][-2:]
        ['military-mobility', 'counter-terrorism']
        """
        if conference is None:
            return Results(self._tables.proposal_areas)
        found = self.conference(conference)
        return self._index.proposals.discussed.get(found.id, Results())

    def proposal(self, key: Proposal | str) -> Proposal:
        """One common proposal by its id, the set and its number there (``"2017-05"``).

        >>> Dataset.bundled().proposal("2017-03").deadline
        PartialDate.parse('2018-06')
        """
        by_id = self._index.proposals.by_id
        if isinstance(key, Proposal):
            if by_id.get(key.id) is not key and by_id.get(key.id) != key:
                raise UnknownProposalError(key.id, hint=_foreign("proposal", key.id in by_id))
            return key
        if not isinstance(key, str):
            raise TypeError(f"key must be a Proposal or a str, got {type(key).__name__}")
        if len(key) > MAX_NAME:
            raise _name_too_long(key, "proposal id")
        found = by_id.get(key.strip().lower())
        if found is None:
            hint = "a proposal's id is its set and number, as in '2017-05', or its set and a few words"
            raise UnknownProposalError(key, list(by_id), hint=hint)
        return found

    def proposals(
        self,
        area: ProposalArea | str | None = None,
        topic: Topic | str | None = None,
        set: ProposalSet | str | int | None = None,
    ) -> Results[Proposal]:
        """The common proposals matching every filter given, set by set in the texts' order.

        ``area`` takes its sub-areas' proposals too; ``topic`` matches a proposal's own
        topics and its areas' topics, narrower topics included; ``set`` is a set or the
        year it was endorsed.

        >>> ds = Dataset.bundled()
        >>> [p.id for p in ds.proposals(topic="terrorism")]
        ['2017-02', '2017-03', '2017-05', '2017-ct-partner-support']
        >>> [p.id for p in ds.proposals(area="cyber", set=2016)][:3]
        ['2016-cyber-concepts', '2016-cyber-training', '2016-cyber-research']
        """
        index = self._index.proposals
        pools: list[Results[Proposal]] = []
        if area is not None:
            pools.append(index.by_area[self.proposal_area(area).id])
        if topic is not None:
            pools.append(index.by_topic.get(self.topic(topic).id, Results()))
        if set is not None:
            pools.append(index.by_set[self._proposal_set(set).id])
        if not pools:
            return index.ordered
        if len(pools) == 1:
            return pools[0]
        rest = [frozenset(map(id, p)) for p in pools[1:]]
        return Results(p for p in pools[0] if all(id(p) in r for r in rest))

    def topics(self) -> Results[Topic]:
        """Every topic of the taxonomy.

        >>> [t.id for t in Dataset.bundled().topics() if t.id.startswith("medical")]
        ['medical', 'medical-evacuation']
        """
        return Results(self._tables.topics)

    def sources(self) -> Results[Source]:
        """Every source the record cites.

        >>> [s.id for s in Dataset.bundled().sources() if s.publisher == "The Air League"]
        ['airleague-harper']
        """
        return Results(self._tables.sources)

    def officials(self) -> Results[Official]:
        """Every official in the record.

        >>> [o.name for o in Dataset.bundled().officials() if o.nationality == "FR"]
        ['Hervé Bléjean', 'Jean-Paul Perruche']
        """
        return Results(self._tables.officials)

    def posts(self) -> Results[Post]:
        """Every post whose holders the record follows.

        >>> [p.code for p in Dataset.bundled().posts()]
        ['DGIMS', 'DGEUMS', 'DDGEUMS']
        """
        return Results(self._tables.posts)

    def appointments(self) -> Results[Appointment]:
        """Every appointment, grouped by post, each post's in chronological order.

        >>> [a.official.name for a in Dataset.bundled().appointments() if a.in_office]
        ['Michiel van der Laan', 'Remigijus Baltrėnas']
        """
        return self._index.appointments


def _find(
    names: Names[_R],
    value: object,
    cls: type[_R],
    unknown: type[_UnknownKeyError],
    *,
    wanted: str,
    kind: str | None = None,
) -> _R | None:
    """A post, official, topic or proposal area asked for by name, or as the record
    itself: the record, or ``None`` for a name that none goes by. A record of another
    dataset raises ``unknown`` (for ``kind``, where one error class serves several); a
    value that is neither ``TypeError``; a name too long to look up ``InvalidValueError``."""
    kind = kind or unknown.kind
    if isinstance(value, cls):
        key = value.names[0]
        if not names.holds(value):
            raise unknown(key, hint=_foreign(kind, key in names.by_id), kind=kind)
        return value
    if not isinstance(value, str):
        raise TypeError(f"{wanted} or a str, got {type(value).__name__}")
    if len(value) > MAX_NAME:
        raise _name_too_long(value, f"{kind} name")
    return names.find(value)


def _name_too_long(text: str, kind: str) -> InvalidValueError:
    """The error refusing a name longer than ``MAX_NAME``, before it is folded or matched.

    The queries compare the length themselves: a call here would slow every lookup."""
    return InvalidValueError(too_long(kind, text, MAX_NAME))


def _unpickle(cls: type[Dataset], tables: Tables) -> Dataset:
    """A dataset unpickled: its tables, with an index to build as it is queried."""
    return cls._from_tables(tables)


def _asked(on: object) -> str:
    """A query's date as the user gave it, for messages."""
    return on if isinstance(on, str) else str(on)


def _period(value: object, name: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a period: one day, month or year, or a ``(start, end)``
    pair of them with ``None`` for an open end."""
    if isinstance(value, list):
        raise TypeError(f"{name} must be a day, month or year, or a (start, end) tuple; got a list")
    if not isinstance(value, tuple):
        return as_period(value)
    if len(value) != 2:
        raise TypeError(f"{name} must be a (start, end) pair; got a tuple of {len(value)}")
    start, end = value
    first = dt.date.min if start is None else as_period(start)[0]
    last = dt.date.max if end is None else as_period(end)[1]
    if last < first:
        raise InvalidDateError(f"{name}: the end {_asked(end)} is before the start {_asked(start)}")
    return first, last


def _ordinal(text: str) -> int | None:
    """The ordinal a key written as text names (``"17"``, ``"17th"``, ``"no. 17"``), or
    ``None``. The suffix must fit the number (``"17st"`` is not an ordinal)."""
    import re

    m = re.fullmatch(r"(?:no\.?\s*)?([1-9][0-9]{0,2})(st|nd|rd|th)?", text.strip().casefold())
    if m is None:
        return None
    number = int(m[1])
    if m[2] is not None and f"{number}{m[2]}" != ordinal(number):
        return None
    return number


def _check_path(path: object) -> str:
    """The text of a path argument, checked alike by every entry point that takes one.

    ``load``, ``dump``, ``export``, ``from_json``, ``from_csv`` and the command line's
    path options refuse the same paths in the same words: a value that is no str or
    path-like of str (``TypeError``); an empty or blank path, a NUL byte, or
    characters no file name can hold, such as a lone surrogate (``InvalidValueError``).
    An empty path is never taken to mean a default such as the current directory.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or pathlib.Path, got {type(path).__name__}")
    text = os.fspath(path)
    if not isinstance(text, str):
        raise TypeError(f"path must be a str or pathlib.Path, got a path-like of {type(text).__name__}")
    if not text:
        raise InvalidValueError("path is empty; name a directory or file")
    if not text.strip():
        raise InvalidValueError(f"path {text!r} is blank; name a directory or file")
    if "\0" in text:
        raise InvalidValueError(f"path {text!r} contains a NUL byte")
    try:
        os.fsencode(text)
    except UnicodeEncodeError as exc:
        bad = text[exc.start : exc.end]
        raise InvalidValueError(f"path {text!r} cannot be a file name: {bad!r} ({exc.reason})") from None
    return text


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict, refusing a key given twice (the last would win unseen)."""
    found = dict(pairs)
    if len(found) != len(pairs):
        keys = [key for key, _ in pairs]
        twice = sorted({key for key in keys if keys.count(key) > 1})
        raise ValueError(f"an object repeats the key(s) {', '.join(map(repr, twice))}")
    return found


def _foreign(kind: str, same_id: bool) -> str:
    if same_id:
        return f"this {kind} object is not this dataset's own: the dataset's {kind} with that id differs"
    return f"this {kind} object is not in this dataset"


def _organisation(host: Organisation | str) -> Organisation:
    if isinstance(host, Organisation):
        return host
    if not isinstance(host, str):
        raise TypeError(f"host must be an Organisation or a str, got {type(host).__name__}")
    if len(host) > MAX_NAME:
        raise _name_too_long(host, "host name")
    wanted = host.strip().upper()
    for org in Organisation:
        if wanted in (org.value, org.staff):
            return org
    raise InvalidValueError(f"unknown host {host!r}; expected one of NATO, EU (or IMS, EUMS)")


_BUNDLED: Dataset | None = None
_LOCK = threading.Lock()


def _load_bundled() -> Dataset:
    global _BUNDLED  # noqa: PLW0603
    with _LOCK:
        if _BUNDLED is None:
            from ._bundled import load

            _BUNDLED = Dataset._from_tables(load())
        return _BUNDLED
