"""The library's exception family: one base class, one subclass per failure.

Each subclass also derives from the matching built-in exception, so callers that
catch ``LookupError`` or ``ValueError`` keep working.
"""

from __future__ import annotations

import collections.abc
from typing import Any

__all__ = [
    "AmbiguousDateError",
    "AmbiguousNameError",
    "DataError",
    "Error",
    "InvalidDateError",
    "InvalidValueError",
    "UnknownConferenceError",
    "UnknownOfficialError",
    "UnknownPostError",
    "UnknownProposalError",
    "UnknownTopicError",
    "WriteError",
]


class Error(Exception):
    """Base class of every exception raised by natoeu_milstaff.

    Every one pickles and copies whole: its message (``str``) and its attributes
    (``vars``) come back as they were, in another process too (multiprocessing,
    concurrent.futures).

    >>> try:
    ...     nm.who_held("DGIMS", "2020-02-30")
    ... except nm.Error as error:
    ...     print(type(error).__name__, isinstance(error, ValueError))
    InvalidDateError True
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # BaseException pickles as cls(*args), which would pass the formatted message to
        # an __init__ that takes other arguments (a key, a list of problems) and garble
        # it. Rebuilt instead from the message as it is, without __init__, then given
        # back its attributes.
        return (_rebuild, (self.__class__, self.args), self.__dict__ or None)


class InvalidDateError(Error, ValueError):
    """A date string or date value is malformed, partial where a day is needed, or ambiguous.

    >>> try:
    ...     nm.who_held("DGIMS", "2020-02-30")
    ... except nm.InvalidDateError as error:
    ...     print(error)
    '2020-02-30' is not a date: February 2020 has no day 30 (it has 29 days)
    """


class InvalidValueError(Error, ValueError):
    """An argument has the right type but a value outside the valid choices.

    >>> try:
    ...     nm.cite("apa")
    ... except nm.InvalidValueError as error:
    ...     print(error)
    unknown citation style 'apa'; expected 'text' or 'bibtex'
    """


class _AmbiguousError(Error, LookupError):
    """A question with more than one possible answer; ``candidates`` names them."""

    def __init__(self, message: str, candidates: collections.abc.Sequence[str] = ()) -> None:
        super().__init__(message)
        self.candidates: tuple[str, ...] = tuple(candidates)


class AmbiguousDateError(_AmbiguousError):
    """A date that fits more than one answer; ``candidates`` names them.

    Raised by ``who_held`` and ``appointment`` when the known start and end dates are
    too coarse to decide between two or more possible holders of a post (the
    candidates are their names), and by ``conference`` for a month or year that holds
    more than one conference (the candidates are their ids).

    >>> try:
    ...     nm.who_held("DGIMS", "1997-06-01")
    ... except nm.AmbiguousDateError as error:
    ...     print(error.candidates)
    ('Jan Folmer', 'Ole Kandborg')
    """


class AmbiguousNameError(_AmbiguousError):
    """A name (a surname, say) that more than one official goes by.

    ``candidates`` lists their full names; ask again with one of them. The bundled
    record has no shared surname, so this example makes a small dataset that has one:

    >>> src = nm.Source(id="s", url="https://example.org/", title="A page",
    ...                 publisher="Example", kind=nm.SourceKind.NEWS)
    >>> ann = nm.Official(id="ann-smith", name="Ann Smith", sources=(src,))
    >>> bob = nm.Official(id="bob-smith", name="Bob Smith", sources=(src,))
    >>> info = nm.DatasetInfo(version="1", as_of=datetime.date(2026, 1, 1))
    >>> mine = nm.Dataset(info=info, sources=(src,), officials=(ann, bob))
    >>> try:
    ...     mine.official("Smith")
    ... except nm.AmbiguousNameError as error:
    ...     print(error.candidates)
    ('Ann Smith', 'Bob Smith')
    """


class _UnknownKeyError(Error, LookupError):
    """An identifier that names nothing in the dataset; carries the closest matches."""

    kind = "key"

    def __init__(
        self,
        key: object,
        choices: collections.abc.Iterable[str] | collections.abc.Mapping[str, str] = (),
        *,
        hint: str = "",
        kind: str | None = None,
    ) -> None:
        if kind is not None:  # one class for several kinds of key (UnknownProposalError)
            self.kind = kind
        self.key = key
        self.matches: tuple[str, ...] = _close_matches(key, choices)
        self.hint = hint
        message = f"unknown {self.kind} {key!r}"
        if self.matches:
            message += "; did you mean " + ", ".join(repr(m) for m in self.matches) + "?"
        if hint:
            message += f" ({hint})"
        super().__init__(message)

    def __str__(self) -> str:  # LookupError would otherwise quote the message like a key
        return str(self.args[0])


class UnknownPostError(_UnknownKeyError):
    """No post has this code or title; ``matches`` holds the closest.

    >>> nm.post("DGMS")
    Traceback (most recent call last):
    ...
    natoeu_milstaff.UnknownPostError: unknown post 'DGMS'; did you mean ...
    """

    kind = "post"


class UnknownTopicError(_UnknownKeyError):
    """No topic has this id, label or alias; ``matches`` holds the closest.

    >>> try:
    ...     nm.topic("hybrid threat")
    ... except nm.UnknownTopicError as error:
    ...     print(error.matches)
    ('hybrid-threats', 'cyber-threats')
    """

    kind = "topic"


class UnknownOfficialError(_UnknownKeyError):
    """No official has this id, name or alias; ``matches`` holds the closest.

    >>> try:
    ...     nm.official("Pulkinen")
    ... except nm.UnknownOfficialError as error:
    ...     print(error)
    unknown official 'Pulkinen'; did you mean 'Esa Pulkkinen'?
    """

    kind = "official"


class UnknownConferenceError(_UnknownKeyError):
    """No conference has this id, date or ordinal.

    >>> try:
    ...     nm.conference(99)
    ... except nm.UnknownConferenceError as error:
    ...     print(error)
    unknown conference 99 (known ordinals: 17, 18, ...)
    """

    kind = "conference"


class UnknownProposalError(_UnknownKeyError):
    """No common proposal, proposal set or proposal area has this id or name; ``kind``
    says which was asked for and ``matches`` holds the closest.

    >>> try:
    ...     nm.proposal_area("military mobilty")
    ... except nm.UnknownProposalError as error:
    ...     print(error)
    unknown proposal area 'military mobilty'; did you mean 'Military mobility'?
    """

    kind = "proposal"


class DataError(Error, ValueError):
    """A data directory is malformed or breaks an invariant.

    ``problems`` lists every problem found, each naming the file and the path to the bad
    field, e.g. ``conferences.toml: $.conference[2].date: ...``; ``source`` names what
    was read (a directory or file).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as empty:
    ...     try:
    ...         nm.Dataset.load(empty)
    ...     except nm.DataError as error:
    ...         print(error.problems[:2])
    ('dataset.toml: missing', 'sources.toml: missing')
    """

    def __init__(self, problems: collections.abc.Sequence[str], *, source: str = "dataset") -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        self.source = source
        count = len(self.problems)
        head = f"{source}: {count} problem{'s' if count != 1 else ''}"
        super().__init__(head + "".join(f"\n  - {p}" for p in self.problems))


class WriteError(Error, OSError):
    """A file could not be written, or a target was refused before anything was written.

    Raised by ``Dataset.dump`` and ``Dataset.export``. The message names the file or
    directory and the cause; ``filename`` holds its path. ``errno`` and ``strerror`` are
    the operating system's where it reported the failure (a full disk: ``ENOSPC``), and
    ``None`` where the library refused a target (a symbolic link, a stray file).
    ``replaced`` lists the files of a multi-file write that were already put in place
    before it failed; empty, no file was changed.

    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     (pathlib.Path(folder) / "pyproject.toml").touch()
    ...     try:
    ...         nm.Dataset.bundled().dump(folder)
    ...     except nm.WriteError as error:
    ...         print(error.replaced, str(error).endswith("nothing was written"))
    () True
    """

    def __init__(
        self,
        message: str,
        filename: str | None = None,
        replaced: collections.abc.Sequence[str] = (),
        errno: int | None = None,
        strerror: str | None = None,
    ) -> None:
        super().__init__(message)
        self.filename = filename
        self.errno = errno
        self.strerror = strerror
        self.replaced: tuple[str, ...] = tuple(replaced)

    def __str__(self) -> str:  # OSError would otherwise show "[Errno ...]" forms
        return str(self.args[0])

    def __reduce__(self) -> tuple[type[WriteError], tuple[object, ...]]:
        # pickle would call cls(*args) with the message alone and lose the rest
        return (type(self), (self.args[0], self.filename, self.replaced, self.errno, self.strerror))


def _rebuild(cls: type[Error], args: tuple[Any, ...]) -> Error:
    """An error of class ``cls`` with these ``args``, not passed through its ``__init__``
    (unpickling then restores its attributes)."""
    error: Error = cls.__new__(cls, *args)
    return error


def too_long(kind: str, text: str, limit: int) -> str:
    """The message that refuses ``text``, longer than ``limit`` characters, as ``kind``.

    It shows only the start of the text: a message must not copy a megabyte.

    >>> too_long("date text", "1" * 2**20, 100)
    "date text is too long: 1048576 characters, more than the limit of 100 ('11111111111111111111…')"
    """
    return f"{kind} is too long: {len(text)} characters, more than the limit of {limit} ({text[:20] + '…'!r})"


def _close_matches(
    key: object, choices: collections.abc.Iterable[str] | collections.abc.Mapping[str, str]
) -> tuple[str, ...]:
    """Up to three choices close to ``key``, matched by whole name or by any one word.

    ``choices`` maps each name that can be typed to the name to suggest (an alias to
    the canonical name); a plain iterable suggests the names themselves.
    """
    if not isinstance(key, str):
        return ()
    wanted = key.casefold().strip()  # casefold may lengthen a text: "ß" becomes "ss"
    if not wanted or len(wanted) > _LONGEST_KEY:
        return ()
    import difflib  # only on the error path

    shown = choices if isinstance(choices, collections.abc.Mapping) else {c: c for c in choices}
    by_form: dict[str, list[str]] = {}
    for name in sorted(shown):
        by_form.setdefault(name.casefold(), []).append(shown[name])
        for word in name.replace("-", " ").split():
            by_form.setdefault(word.casefold(), []).append(shown[name])
    found = difflib.get_close_matches(wanted, list(by_form), n=6, cutoff=0.75)
    prefix = [shown[n] for n in sorted(shown) if n.casefold().startswith(wanted)]
    ordered = dict.fromkeys([c for form in found for c in by_form[form]] + prefix)
    return tuple(ordered)[:3]


# Longer keys get no suggestions: the queries refuse them before (at 200 characters),
# and difflib's work grows with the key's length times each name's.
_LONGEST_KEY = 200

_PUBLIC = (
    Error,
    InvalidDateError,
    InvalidValueError,
    AmbiguousDateError,
    AmbiguousNameError,
    UnknownPostError,
    UnknownTopicError,
    UnknownOfficialError,
    UnknownConferenceError,
    UnknownProposalError,
    DataError,
    WriteError,
)

# Show the public path in tracebacks and reprs: natoeu_milstaff.UnknownPostError.
for _cls in _PUBLIC:
    _cls.__module__ = "natoeu_milstaff"

# doctest collects only the classes of the module it reads, which these no longer claim
# to be: listed here, their examples run with this module's.
__test__ = {_cls.__name__: _cls for _cls in _PUBLIC}
