"""The two classes every record points to, and the validators all model classes share.

``Source`` and ``Official`` live apart from the rest of the model so that the first
``who_held`` of a fresh process builds only these two classes (attrs compiles the
methods of each class it makes, which is most of a cold start); ``_model`` re-exports
them beside the others.
"""

from __future__ import annotations

import enum
import re
from typing import TYPE_CHECKING, Any

import attrs
from attrs import validators as v

from ._dates import PartialDate
from ._value import Value

__all__ = ["Official", "Service", "Source", "SourceKind"]

if TYPE_CHECKING:
    from ._errors import InvalidValueError

# Patterns, compiled and cached by re on first use rather than on import.
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_COUNTRY = r"[A-Z]{2}"


def _value_error(message: str) -> InvalidValueError:
    """The error to raise; its module is imported only when one is raised."""
    from ._errors import InvalidValueError

    return InvalidValueError(message)


def _text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be a str, got {type(value).__name__} {value!r}")
    if not value.strip() or value != value.strip():
        raise _value_error(
            f"{attribute.name} must be a non-empty str without surrounding spaces, got {value!r}"
        )
    if not value.isprintable():
        raise _value_error(f"{attribute.name} has control or unpaired surrogate characters: {value!r}")


def _slug(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not re.fullmatch(_SLUG, value):
        raise _value_error(
            f"{attribute.name} must be a slug of lowercase letters, digits and single hyphens, got {value!r}"
        )


def _tuple_of(kind: type | tuple[type, ...]) -> Any:
    return v.deep_iterable(member_validator=v.instance_of(kind), iterable_validator=v.instance_of(tuple))


def _optional(kind: type | tuple[type, ...]) -> Any:
    return v.optional(_strict_int if kind is int else v.instance_of(kind))


def _strict_int(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int:
        raise TypeError(f"{attribute.name} must be an int, got {type(value).__name__} {value!r}")


def _texts(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A tuple of non-empty strings."""
    if not isinstance(value, tuple):
        raise TypeError(f"{attribute.name} must be a tuple, got {type(value).__name__}")
    for item in value:
        _text(inst, attribute, item)


def _cited(sources: tuple[Source, ...]) -> str:
    """Short repr of a tuple of sources: their ids only."""
    return "(" + ", ".join(repr(s.id) for s in sources) + ("," if len(sources) == 1 else "") + ")"


def _optional_text(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _text(inst, attribute, value)


class SourceKind(enum.Enum):
    """What a source is."""

    ORIGINAL = "original"
    """A release on the issuing organisation's own site."""
    REPOST = "repost"
    """A copy of a release on another site, possibly translated or edited."""
    REFERENCE = "reference"
    """Encyclopedia, biography or other secondary reference."""
    NEWS = "news"
    """Independent press reporting."""


class Service(enum.Enum):
    """Armed service of an official."""

    ARMY = "army"
    NAVY = "navy"
    AIR_FORCE = "air-force"


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Source(Value):
    """A public page that a fact comes from."""

    id: str = attrs.field(validator=_slug)
    url: str = attrs.field(validator=_text)
    title: str = attrs.field(validator=_text)
    publisher: str = attrs.field(validator=_text)
    published: PartialDate | None = attrs.field(default=None, validator=_optional(PartialDate))
    kind: SourceKind = attrs.field(validator=v.instance_of(SourceKind))
    language: str = attrs.field(default="en", validator=_text)
    repost_of: str | None = attrs.field(default=None, validator=_optional_text)
    """URL of the original release when this page is a re-post."""
    notes: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    """Curators' remarks, e.g. the translation errors the page contains."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Official(Value):
    """A person who held one of the posts."""

    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_text)
    nationality: str | None = attrs.field(default=None)
    """ISO 3166-1 alpha-2 code."""
    service: Service | None = attrs.field(default=None, validator=_optional(Service))
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    """Spellings of the name seen in sources, misspellings included."""
    sources: tuple[Source, ...] = attrs.field(validator=_tuple_of(Source), repr=_cited)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the official can be looked up by: id, name and aliases."""
        return (self.id, self.name, *self.aliases)

    @nationality.validator
    def _check_nationality(self, _: attrs.Attribute[str | None], value: str | None) -> None:
        if value is not None and not (isinstance(value, str) and re.fullmatch(_COUNTRY, value)):
            raise _value_error(f"nationality must be an ISO 3166-1 alpha-2 code, got {value!r}")
