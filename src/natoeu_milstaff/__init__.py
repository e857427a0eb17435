"""natoeu_milstaff: the sourced record of the IMS–EUMS Directors General conferences.

>>> import natoeu_milstaff as nm
>>> nm.who_held("DGIMS", "2020-05-19").name
'Hans-Werner Wiermann'

Importing the package reads no data: the first query loads the bundled dataset once.
"""

from __future__ import annotations

from ._api import (
    alternation_exceptions,
    appointment,
    appointments,
    conference,
    conferences,
    holders,
    joint_declarations,
    meetings_about,
    official,
    officials,
    post,
    posts,
    sources,
    topic,
    topics,
    validate,
    who_held,
)
from ._dataset import Dataset
from ._dates import PartialDate, Precision
from ._errors import (
    AmbiguousDateError,
    DataError,
    Error,
    InvalidDateError,
    InvalidValueError,
    UnknownConferenceError,
    UnknownOfficialError,
    UnknownPostError,
    UnknownTopicError,
)
from ._model import (
    AgendaItem,
    AlternationException,
    Announcement,
    Appointment,
    Basis,
    BreakKind,
    Chair,
    Conference,
    Conflict,
    DatasetInfo,
    Evidence,
    Figure,
    Format,
    Inference,
    JointDeclaration,
    Official,
    Organisation,
    Post,
    Service,
    Source,
    SourceKind,
    Topic,
)

__version__ = "0.1.0"

__all__ = [
    "AgendaItem",
    "AlternationException",
    "AmbiguousDateError",
    "Announcement",
    "Appointment",
    "Basis",
    "BreakKind",
    "Chair",
    "Conference",
    "Conflict",
    "DataError",
    "Dataset",
    "DatasetInfo",
    "Error",
    "Evidence",
    "Figure",
    "Format",
    "Inference",
    "InvalidDateError",
    "InvalidValueError",
    "JointDeclaration",
    "Official",
    "Organisation",
    "PartialDate",
    "Post",
    "Precision",
    "Service",
    "Source",
    "SourceKind",
    "Topic",
    "UnknownConferenceError",
    "UnknownOfficialError",
    "UnknownPostError",
    "UnknownTopicError",
    "__version__",
    "alternation_exceptions",
    "appointment",
    "appointments",
    "conference",
    "conferences",
    "holders",
    "joint_declarations",
    "meetings_about",
    "official",
    "officials",
    "post",
    "posts",
    "sources",
    "topic",
    "topics",
    "validate",
    "who_held",
]
