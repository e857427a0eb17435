"""The exception family (``_errors``): every error is an ``nm.Error`` and the matching
built-in exception, unknown names come with close matches, and messages read as
documented."""

from __future__ import annotations

import copy
import inspect
import pickle
from typing import TYPE_CHECKING

import pytest

import natoeu_milstaff as nm
from natoeu_milstaff import _errors
from natoeu_milstaff._errors import _close_matches

if TYPE_CHECKING:
    from collections.abc import Callable

BUILTIN: dict[type[nm.Error], type[Exception]] = {
    nm.InvalidDateError: ValueError,
    nm.InvalidValueError: ValueError,
    nm.DataError: ValueError,
    nm.AmbiguousDateError: LookupError,
    nm.AmbiguousNameError: LookupError,
    nm.UnknownPostError: LookupError,
    nm.UnknownTopicError: LookupError,
    nm.UnknownOfficialError: LookupError,
    nm.UnknownConferenceError: LookupError,
    nm.UnknownProposalError: LookupError,
    nm.WriteError: OSError,
}


ERRORS = sorted(BUILTIN, key=lambda cls: cls.__name__)


def test_the_table_names_every_public_error() -> None:
    public = {
        getattr(nm, name)
        for name in nm.__all__
        if inspect.isclass(getattr(nm, name)) and issubclass(getattr(nm, name), BaseException)
    }
    assert public == {nm.Error, *BUILTIN}
    # The base class is neither: catching it catches only this library's errors.
    assert issubclass(nm.Error, Exception)
    assert not issubclass(nm.Error, (ValueError, LookupError))


@pytest.mark.parametrize("cls", ERRORS, ids=[cls.__name__ for cls in ERRORS])
def test_every_error_is_a_library_error_and_its_builtin(cls: type[nm.Error]) -> None:
    assert issubclass(cls, nm.Error)
    assert issubclass(cls, BUILTIN[cls])
    # Tracebacks and reprs show the public path, not the private module.
    assert cls.__module__ == "natoeu_milstaff"


def test_unknown_errors_are_lookup_errors_and_list_matches() -> None:
    with pytest.raises(LookupError) as info:
        nm.post("DGEUM")
    assert isinstance(info.value, nm.UnknownPostError)
    assert info.value.matches[0] == "DGEUMS"


def test_close_match_hints_in_messages() -> None:
    with pytest.raises(nm.UnknownPostError) as post:
        nm.post("DGEUM")
    assert str(post.value) == (
        "unknown post 'DGEUM'; did you mean 'DGEUMS', 'DDGEUMS'? (the posts are DGIMS, DGEUMS, DDGEUMS)"
    )
    assert post.value.key == "DGEUM"
    # A misspelt name suggests the official's canonical name, not the key typed.
    with pytest.raises(nm.UnknownOfficialError) as official:
        nm.official("Wiermam")
    assert official.value.matches == ("Hans-Werner Wiermann",)
    assert str(official.value) == "unknown official 'Wiermam'; did you mean 'Hans-Werner Wiermann'?"
    # At most three, prefixes included.
    with pytest.raises(nm.UnknownTopicError) as topic:
        nm.topic("cy")
    assert topic.value.matches == ("cyber", "cyber-defence", "cyber-security")
    # Nothing close: no question in the message.
    with pytest.raises(nm.UnknownConferenceError) as conference:
        nm.conference("not-a-conference")
    assert conference.value.matches == ()
    assert "did you mean" not in str(conference.value)


def test_close_matches_by_whole_name_word_and_prefix() -> None:
    posts = ["DDGEUMS", "DGEUMS", "DGIMS"]
    assert _close_matches("dgims", posts) == ("DGIMS",)  # case does not matter
    assert _close_matches("dgim", posts) == ("DGIMS",)
    assert _close_matches("dg", posts) == ("DGEUMS", "DGIMS")  # by prefix only
    # A mapping suggests the canonical name of the alias or word that matched.
    names = {"Hans-Werner Wiermann": "Hans-Werner Wiermann", "Hans-Werner Wierman": "Hans-Werner Wiermann"}
    assert _close_matches("wermer", names) == ("Hans-Werner Wiermann",)
    assert _close_matches("Hans-Werner Wiermn", names) == ("Hans-Werner Wiermann",)
    # Not a name: no suggestions.
    for key in ("", "   ", 3, None, "zzzzzz"):
        assert _close_matches(key, posts) == ()


def test_unknown_key_message_hint_and_str() -> None:
    error = nm.UnknownPostError("DGIM", ["DGIMS", "DGEUMS"], hint="posts are DGIMS, DGEUMS")
    assert str(error) == "unknown post 'DGIM'; did you mean 'DGIMS'? (posts are DGIMS, DGEUMS)"
    # Unlike KeyError, str() does not quote the message as if it were a key.
    assert not str(error).startswith(("'", '"'))
    assert nm.UnknownTopicError(5).matches == ()
    assert str(nm.UnknownTopicError(5)) == "unknown topic 5"


def test_data_error_message_lists_every_problem() -> None:
    error = nm.DataError(["a.toml: one", "b.toml: two"], source="/data")
    assert error.problems == ("a.toml: one", "b.toml: two")
    assert str(error) == "/data: 2 problems\n  - a.toml: one\n  - b.toml: two"
    assert str(nm.DataError(["x.toml: only"])) == "dataset: 1 problem\n  - x.toml: only"


def test_ambiguous_date_error_names_the_candidates() -> None:
    error = nm.AmbiguousDateError("which of two", ["A", "B"])
    assert (str(error), error.candidates) == ("which of two", ("A", "B"))
    assert nm.AmbiguousDateError("no one").candidates == ()


# One of each class, with every attribute it carries set to something other than its default.
EXAMPLES: list[nm.Error] = [
    nm.Error("something went wrong"),
    nm.InvalidDateError("bad date"),
    nm.InvalidValueError("bad value"),
    nm.AmbiguousDateError("which of two", ["A", "B"]),
    nm.AmbiguousNameError("which of two", ["A Smith", "B Smith"]),
    nm.UnknownPostError("DGIM", ["DGIMS"], hint="the posts are DGIMS"),
    nm.UnknownTopicError("cyberr", {"cyber": "cyber"}),
    nm.UnknownOfficialError("Wiermam", {"Wiermann": "Hans-Werner Wiermann"}, hint="a hint"),
    nm.UnknownConferenceError(17, hint="known ordinals: 1"),
    nm.UnknownProposalError("cybr", ["cyber"], kind="proposal area"),
    nm.DataError(["a.toml: one", "b.toml: two"], source="/data"),
    nm.WriteError(
        "/out/sources.toml: cannot be written (File too large)",
        "/out/sources.toml",
        ("/out/dataset.toml",),
        27,
        "File too large",
    ),
]


def test_the_examples_cover_every_error_class() -> None:
    classes = {cls for name in _errors.__all__ if isinstance(cls := getattr(_errors, name), type)}
    assert {type(e) for e in EXAMPLES} == classes


def _twins(error: nm.Error) -> list[nm.Error]:
    """The error pickled with every protocol, copied and deep-copied."""
    twins = [pickle.loads(pickle.dumps(error, protocol)) for protocol in range(pickle.HIGHEST_PROTOCOL + 1)]
    return [*twins, copy.copy(error), copy.deepcopy(error)]


@pytest.mark.parametrize("error", EXAMPLES, ids=lambda e: type(e).__name__)
def test_errors_survive_pickling(error: nm.Error) -> None:
    """Errors cross process boundaries (multiprocessing, concurrent.futures) intact."""
    for twin in _twins(error):
        assert type(twin) is type(error)
        assert str(twin) == str(error)
        assert repr(twin) == repr(error)
        assert twin.args == error.args
        assert vars(twin) == vars(error)


def test_pickled_errors_keep_their_attributes_by_name() -> None:
    unknown = pickle.loads(pickle.dumps(nm.UnknownPostError("DGIM", ["DGIMS"], hint="the posts are DGIMS")))
    assert (unknown.key, unknown.matches, unknown.hint) == ("DGIM", ("DGIMS",), "the posts are DGIMS")
    assert str(unknown) == "unknown post 'DGIM'; did you mean 'DGIMS'? (the posts are DGIMS)"
    data = pickle.loads(pickle.dumps(nm.DataError(["a.toml: one", "b.toml: two"], source="/data")))
    assert (data.problems, data.source) == (("a.toml: one", "b.toml: two"), "/data")
    assert str(data) == "/data: 2 problems\n  - a.toml: one\n  - b.toml: two"
    ambiguous = pickle.loads(pickle.dumps(nm.AmbiguousNameError("which", ["A Smith", "B Smith"])))
    assert ambiguous.candidates == ("A Smith", "B Smith")


def test_a_note_added_to_an_error_travels_with_it() -> None:
    error = nm.UnknownTopicError("cyberr", ["cyber"])
    error.add_note("while reading the agenda")
    for twin in _twins(error):
        assert twin.__notes__ == ["while reading the agenda"]


@pytest.mark.parametrize(
    "call",
    [
        lambda: nm.post("DGEUM"),
        lambda: nm.official("Wiermam"),
        lambda: nm.topic("cy"),
        lambda: nm.conference(99),
        lambda: nm.conference("2099"),
        lambda: nm.who_held("DGIMS", "19 May 20"),
        lambda: nm.conferences(host="UN"),
        lambda: nm.Dataset.load("/nonexistent/natoeu-milstaff-data"),
    ],
)
def test_errors_raised_by_queries_survive_pickling(call: Callable[[], object]) -> None:
    with pytest.raises(nm.Error) as info:
        call()
    for twin in _twins(info.value):
        assert (type(twin), str(twin), vars(twin)) == (type(info.value), str(info.value), vars(info.value))
