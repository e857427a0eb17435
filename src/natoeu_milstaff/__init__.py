"""natoeu_milstaff: the sourced record of the IMS–EUMS Directors General conferences.

>>> import natoeu_milstaff as nm
>>> nm.who_held("DGIMS", "2020-05-19").name
'Hans-Werner Wiermann'

Importing the package reads no data: the first query loads the bundled dataset once.

The data's path through the package, one private module per stage::

    data/*.toml ──> _files ──> _convert ──┐   (a data directory: Dataset.load)
    data/bundled.json ──> _bundled ───────┤   (the shipped data, compiled from the TOML)
                                          v
        _model (records; _dates) ──> _validate ──> _dataset + _index ──> _api
                                                        └──> _export, _coverage, _release, _cli
"""

from ._version import __version__

# Names are imported on first use (PEP 562), so that `import natoeu_milstaff` costs almost
# nothing; the first query imports the model and loads the bundled data.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._api import (
        alternation_exceptions,
        appointment,
        appointments,
        cite,
        conference,
        conferences,
        coverage,
        data_release,
        dataframe,
        export,
        holders,
        joint_declarations,
        meetings_about,
        official,
        officials,
        post,
        posts,
        progress_reports,
        proposal,
        proposal_area,
        proposal_areas,
        proposal_sets,
        proposals,
        records,
        sources,
        topic,
        topics,
        validate,
        who_held,
    )
    from ._changes import ChangeKind, DataChange, changes
    from ._coverage import (
        Coverage,
        HolderGap,
        Unnumbered,
    )
    from ._dataset import (
        Dataset,
    )
    from ._dates import (
        PartialDate,
        Precision,
    )
    from ._errors import (
        AmbiguousDateError,
        AmbiguousNameError,
        DataError,
        Error,
        InvalidDateError,
        InvalidValueError,
        UnknownConferenceError,
        UnknownOfficialError,
        UnknownPostError,
        UnknownProposalError,
        UnknownTopicError,
        WriteError,
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
        ProgressReport,
        Proposal,
        ProposalArea,
        ProposalSet,
        Search,
        Service,
        Source,
        SourceKind,
        Topic,
    )
    from ._release import DataRelease
    from ._value import Results

del TYPE_CHECKING

_LAZY: dict[str, str] = {
    "changes": "._changes",
    "ChangeKind": "._changes",
    "DataChange": "._changes",
    "cite": "._api",
    "data_release": "._api",
    "dataframe": "._api",
    "export": "._api",
    "records": "._api",
    "DataRelease": "._release",
    "AgendaItem": "._model",
    "AlternationException": "._model",
    "AmbiguousDateError": "._errors",
    "AmbiguousNameError": "._errors",
    "Announcement": "._model",
    "Appointment": "._model",
    "Basis": "._model",
    "BreakKind": "._model",
    "Chair": "._model",
    "Conference": "._model",
    "Conflict": "._model",
    "Coverage": "._coverage",
    "DataError": "._errors",
    "Dataset": "._dataset",
    "DatasetInfo": "._model",
    "Error": "._errors",
    "Evidence": "._model",
    "Figure": "._model",
    "Format": "._model",
    "HolderGap": "._coverage",
    "Unnumbered": "._coverage",
    "Inference": "._model",
    "InvalidDateError": "._errors",
    "InvalidValueError": "._errors",
    "JointDeclaration": "._model",
    "Official": "._model",
    "Organisation": "._model",
    "PartialDate": "._dates",
    "Results": "._value",
    "Post": "._model",
    "Precision": "._dates",
    "ProgressReport": "._model",
    "Proposal": "._model",
    "ProposalArea": "._model",
    "ProposalSet": "._model",
    "Search": "._model",
    "Service": "._model",
    "Source": "._model",
    "SourceKind": "._model",
    "Topic": "._model",
    "UnknownConferenceError": "._errors",
    "UnknownOfficialError": "._errors",
    "UnknownPostError": "._errors",
    "UnknownProposalError": "._errors",
    "UnknownTopicError": "._errors",
    "WriteError": "._errors",
    "alternation_exceptions": "._api",
    "appointment": "._api",
    "appointments": "._api",
    "conference": "._api",
    "conferences": "._api",
    "coverage": "._api",
    "holders": "._api",
    "joint_declarations": "._api",
    "meetings_about": "._api",
    "official": "._api",
    "officials": "._api",
    "post": "._api",
    "posts": "._api",
    "progress_reports": "._api",
    "proposal": "._api",
    "proposal_area": "._api",
    "proposal_areas": "._api",
    "proposal_sets": "._api",
    "proposals": "._api",
    "sources": "._api",
    "topic": "._api",
    "topics": "._api",
    "validate": "._api",
    "who_held": "._api",
}


# DATA_VERSION and DATA_AS_OF are attributes but not in __all__: reading them loads the
# bundled data, which a star import must not do.
def __getattr__(name: str) -> object:
    if name in ("DATA_VERSION", "DATA_AS_OF"):
        from ._dataset import Dataset

        info = Dataset.bundled().info
        globals().update(DATA_VERSION=info.version, DATA_AS_OF=info.as_of)
        return globals()[name]
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'natoeu_milstaff' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "AgendaItem",
    "AlternationException",
    "AmbiguousDateError",
    "AmbiguousNameError",
    "Announcement",
    "Appointment",
    "Basis",
    "BreakKind",
    "Chair",
    "ChangeKind",
    "Conference",
    "Conflict",
    "Coverage",
    "DataChange",
    "DataError",
    "DataRelease",
    "Dataset",
    "DatasetInfo",
    "Error",
    "Evidence",
    "Figure",
    "Format",
    "HolderGap",
    "Inference",
    "InvalidDateError",
    "InvalidValueError",
    "JointDeclaration",
    "Official",
    "Organisation",
    "PartialDate",
    "Post",
    "Precision",
    "ProgressReport",
    "Proposal",
    "ProposalArea",
    "ProposalSet",
    "Results",
    "Search",
    "Service",
    "Source",
    "SourceKind",
    "Topic",
    "UnknownConferenceError",
    "UnknownOfficialError",
    "UnknownPostError",
    "UnknownProposalError",
    "UnknownTopicError",
    "Unnumbered",
    "WriteError",
    "__version__",
    "alternation_exceptions",
    "appointment",
    "appointments",
    "changes",
    "cite",
    "conference",
    "conferences",
    "coverage",
    "data_release",
    "dataframe",
    "export",
    "holders",
    "joint_declarations",
    "meetings_about",
    "official",
    "officials",
    "post",
    "posts",
    "progress_reports",
    "proposal",
    "proposal_area",
    "proposal_areas",
    "proposal_sets",
    "proposals",
    "records",
    "sources",
    "topic",
    "topics",
    "validate",
    "who_held",
]
