"""Regression tests for defects found in review: each pins one edge case."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
from importlib import resources
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import natoeu_milstaff as nm
from natoeu_milstaff._cli import main
from strategies import INFO, POSTS

if TYPE_CHECKING:
    from pathlib import Path

SRC = nm.Source(id="s", url="https://example.org", title="t", publisher="p", kind=nm.SourceKind.ORIGINAL)
P = nm.PartialDate.parse
loose: Any = nm


def _person(ident: str) -> nm.Official:
    return nm.Official(id=ident, name=ident.title(), sources=(SRC,))


def _dataset(*appointments: nm.Appointment, **tables: Any) -> nm.Dataset:
    officials = tuple(dict.fromkeys(a.official for a in appointments))
    return nm.Dataset(
        info=INFO, sources=(SRC,), posts=POSTS, officials=officials, appointments=appointments, **tables
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    with resources.as_file(resources.files("natoeu_milstaff") / "data") as root:
        shutil.copytree(root, tmp_path / "data")
    return tmp_path / "data"


def test_attested_days_of_mixed_precision_bound_the_tenure() -> None:
    a = nm.Appointment(
        official=_person("a"), post=POSTS[2], attested=(P("2021"), P("2021-03-15")), sources=(SRC,)
    )
    assert a.possible_window() == (dt.date(2021, 1, 1), dt.date(2022, 1, 1))
    assert a.possibly_covers(dt.date(2021, 11, 16))
    assert a.certainly_covers(dt.date(2021, 3, 15))
    assert _dataset(a).who_held("DDGE", "2021-11-16") == a.official


def test_two_tenures_of_one_official_are_not_ambiguous_for_who_held() -> None:
    person = _person("a")
    first = nm.Appointment(
        official=person, post=POSTS[0], start=P("2019-07-11"), end=P("2021-01"), sources=(SRC,)
    )
    second = nm.Appointment(
        official=person, post=POSTS[0], start=P("2021-01"), end=P("2022-07-14"), sources=(SRC,)
    )
    ds = _dataset(first, second)
    assert ds.validate() == ()
    assert ds.who_held("DGN", "2021-01-15") == person
    with pytest.raises(nm.AmbiguousDateError):
        ds.appointment("DGN", "2021-01-15")


def test_dates_at_the_ends_of_the_calendar_do_not_overflow() -> None:
    c = nm.Conference(id="c", date=P("2018"), evidence=nm.Evidence.REPORTED, sources=(SRC,))
    ds = nm.Dataset(info=INFO, sources=(SRC,), conferences=(c,))
    assert ds.conferences(between=("0001-01-01", "0001-01-02")) == ()
    with pytest.raises(nm.UnknownConferenceError):
        ds.conference(dt.date(1, 1, 1))
    late = nm.Appointment(official=_person("a"), post=POSTS[2], attested=(P("9999"),), sources=(SRC,))
    assert late.possible_window()[1] == dt.date.max
    end_of_time = nm.DatasetInfo(version="x", as_of=dt.date.max)
    serving = nm.Appointment(
        official=_person("b"), post=POSTS[0], start=P("2020"), in_office=True, sources=(SRC,)
    )
    ds = nm.Dataset(
        info=end_of_time, sources=(SRC,), posts=POSTS, officials=(serving.official,), appointments=(serving,)
    )
    assert ds.validate() == ()
    assert ds.who_held("DGN", dt.date(9999, 12, 30)) == serving.official


def test_basis_takes_only_inferable_fields() -> None:
    with pytest.raises(nm.InvalidValueError, match="basis\\(\\) takes one of"):
        nm.conference(17).basis("nonsense")
    with pytest.raises(nm.InvalidValueError):
        nm.conference(17).basis("sources")


def test_covers_checks_its_argument() -> None:
    a = nm.appointment("DGIMS", "2020-01-01")
    assert a is not None
    with pytest.raises(TypeError, match="datetime"):
        a.possibly_covers(dt.datetime(2020, 1, 1))
    with pytest.raises(TypeError):
        loose.Appointment.certainly_covers(a, "2020-01-01")


def test_overlap_is_found_when_a_tenure_is_too_coarse_to_be_certain_of_any_day() -> None:
    wiermann = nm.Appointment(
        official=_person("w"), post=POSTS[0], start=P("2019-07-11"), end=P("2022-07-14"), sources=(SRC,)
    )
    coarse = nm.Appointment(
        official=_person("b"), post=POSTS[0], start=P("2020"), end=P("2020-03"), sources=(SRC,)
    )
    problems = _dataset(wiermann, coarse).validate()
    assert any("both held DGN" in p for p in problems), problems
    handover = nm.Appointment(
        official=_person("c"), post=POSTS[0], start=P("2022-07"), end=P("2023"), sources=(SRC,)
    )
    early = attrs.evolve(wiermann, end=P("2022-07"))
    assert _dataset(early, handover).validate() == ()


def test_a_coarse_date_does_not_overturn_the_order_of_ordinals() -> None:
    a = nm.Conference(
        id="a",
        date=P("2022-06-10"),
        ordinal=17,
        host=nm.Organisation.NATO,
        evidence=nm.Evidence.REPORTED,
        sources=(SRC,),
    )
    b = nm.Conference(
        id="b",
        date=P("2022"),
        ordinal=18,
        host=nm.Organisation.EU,
        evidence=nm.Evidence.REPORTED,
        sources=(SRC,),
    )
    ds = nm.Dataset(info=INFO, sources=(SRC,), conferences=(a, b))
    assert ds.validate() == ()
    assert [c.id for c in ds.conferences()] == ["a", "b"]
    wrong = attrs.evolve(b, date=P("2021"))
    problems = nm.Dataset(info=INFO, sources=(SRC,), conferences=(a, wrong)).validate()
    assert any("ordinals do not increase" in p for p in problems)


def test_duplicate_alternation_entries_are_reported() -> None:
    a = nm.Conference(
        id="a", date=P("2020-03-01"), host=nm.Organisation.NATO, evidence=nm.Evidence.REPORTED, sources=(SRC,)
    )
    b = nm.Conference(
        id="b", date=P("2020-10-01"), host=nm.Organisation.NATO, evidence=nm.Evidence.REPORTED, sources=(SRC,)
    )
    e = nm.AlternationException(after=a, before=b, kind=nm.BreakKind.SAME_HOST, reason="r", sources=(SRC,))
    problems = nm.Dataset(
        info=INFO, sources=(SRC,), conferences=(a, b), exceptions=(e, attrs.evolve(e, reason="again"))
    ).validate()
    assert problems == ("alternation.toml: $.exception[1]: a second entry for the pair a / b",)


def test_post_names_must_be_unique_and_deputy_of_must_resolve() -> None:
    clash = attrs.evolve(POSTS[2], aliases=("Director General East",))
    problems = nm.Dataset(info=INFO, posts=(*POSTS[:2], clash)).validate()
    assert any("belongs to DDGE, DGE" in p for p in problems)
    dangling = attrs.evolve(POSTS[2], deputy_of="NOPE")
    problems = nm.Dataset(info=INFO, posts=(*POSTS[:2], dangling)).validate()
    assert problems == ("posts.toml: $.post[2].deputy_of: 'NOPE' is not the code of another post",)
    itself = attrs.evolve(POSTS[2], deputy_of="DDGE")
    assert nm.Dataset(info=INFO, posts=(*POSTS[:2], itself)).validate()


def test_dates_after_as_of_are_reported() -> None:
    a = nm.Appointment(official=_person("a"), post=POSTS[0], start=P("2020"), end=P("2040"), sources=(SRC,))
    problems = _dataset(a).validate()
    assert any("$.appointment[0].end: 2040 is after the dataset's as_of date" in p for p in problems)


@pytest.mark.parametrize("text", [" 2018-11-26", "2018-11-26\n", "２０１９-１１-２５", "2019-١١"])
def test_edtf_in_files_is_strict_ascii(text: str) -> None:
    with pytest.raises(nm.InvalidDateError):
        nm.PartialDate.parse(text)


def test_unknown_time_zone_names_are_refused_not_warned() -> None:
    with pytest.raises(nm.InvalidDateError, match="time zone"):
        nm.who_held("DGIMS", "19 May 2020 10 T")


def test_cli_survives_odd_digits_and_narrow_encodings() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["show", "²"], out=out, err=err) == 2
    assert "Traceback" not in err.getvalue()
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "natoeu_milstaff", "who-held", "DGEUMS", "2021-11-16"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("Herv? Bl?jean")


# -- found in the second review -----------------------------------------------------


def test_from_json_refuses_wrong_shapes_with_data_errors(tmp_path: Path) -> None:
    import json as _json

    from natoeu_milstaff._model import TABLES

    files = [t.file for t in TABLES]

    for content in (
        _json.dumps(dict.fromkeys(files, 5)),
        _json.dumps({**{k: ["x"] for k in files}, "dataset.toml": {"version": "1", "as_of": "2020-01-01"}}),
        "[" * 100_000,
    ):
        path = tmp_path / "d.json"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(nm.DataError):
            nm.Dataset.from_json(path)


def test_csv_round_trip_with_a_very_long_note_and_strict_booleans(tmp_path: Path) -> None:
    src = attrs.evolve(SRC, notes=("x" * 140_000,))
    person = nm.Official(id="p", name="P", sources=(src,))
    serving = nm.Appointment(official=person, post=POSTS[0], start=P("2020"), in_office=True, sources=(src,))
    ds = nm.Dataset(info=INFO, sources=(src,), posts=POSTS, officials=(person,), appointments=(serving,))
    assert ds.validate() == ()
    ds.export(tmp_path, "csv")
    assert nm.Dataset.from_csv(tmp_path) == ds
    table = tmp_path / "appointments.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",true,", ",TRUE,"), encoding="utf-8")
    assert nm.Dataset.from_csv(tmp_path) == ds
    table.write_text(table.read_text(encoding="utf-8").replace(",TRUE,", ",yes,"), encoding="utf-8")
    with pytest.raises(nm.DataError, match="'yes' is not true or false"):
        nm.Dataset.from_csv(tmp_path)


def test_one_official_with_two_tenures_in_who_held_and_the_cli(tmp_path: Path) -> None:
    person = _person("one")
    first = nm.Appointment(
        official=person, post=POSTS[0], start=P("2019-01-01"), end=P("2019-06"), sources=(SRC,)
    )
    second = nm.Appointment(
        official=person, post=POSTS[0], start=P("2019-06"), in_office=True, sources=(SRC,)
    )
    ds = _dataset(first, second)
    assert ds.validate() == ()
    assert ds.who_held("DGN", "2019-06-15") == person
    with pytest.raises(nm.AmbiguousDateError, match="which tenure of One in DGN"):
        ds.appointment("DGN", "2019-06-15")
    ds.dump(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    assert main(["--data", str(tmp_path), "who-held", "DGN", "2019-06-15"], out=out, err=err) == 0
    assert out.getvalue() == "One (between two of their tenures)\n"


def test_star_import_loads_no_data() -> None:
    code = "from natoeu_milstaff import *; import natoeu_milstaff._dataset as d; print(d._BUNDLED is None)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


def test_odd_paths_are_refused(tmp_path: Path) -> None:
    ds = nm.Dataset.bundled()
    for bad in ("", "   ", str(tmp_path / "a\0b")):
        with pytest.raises(nm.InvalidValueError):
            ds.export(bad, "csv")
        with pytest.raises(nm.InvalidValueError):
            nm.Dataset.from_csv(bad)
        with pytest.raises(nm.InvalidValueError):
            nm.Dataset.from_json(bad)
    out, err = io.StringIO(), io.StringIO()
    assert main(["export", "--out", str(tmp_path / "a\0b")], out=out, err=err) == 2
    assert "Traceback" not in err.getvalue()


def test_objects_from_another_dataset_are_named_as_such() -> None:
    foreign = attrs.evolve(nm.post("DGIMS"), title="Another title")
    with pytest.raises(nm.UnknownPostError, match="not this dataset's own"):
        nm.who_held(foreign, "2020-05-19")
    with pytest.raises(nm.UnknownTopicError, match="not this dataset's own"):
        nm.meetings_about(attrs.evolve(nm.topic("cyber"), label="Cyber!"))


def test_coverage_reports_a_post_with_no_holder_at_all() -> None:
    c = nm.Conference(id="c", date=P("2020-03-01"), evidence=nm.Evidence.REPORTED, sources=(SRC,))
    ds = nm.Dataset(info=INFO, sources=(SRC,), posts=POSTS, conferences=(c,))
    gaps = {(g.post.code, str(g.start)) for g in ds.coverage().holder_gaps}
    assert gaps == {(p.code, "2020-03-01") for p in POSTS}


def test_dataframe_type_and_bibtex_escaping() -> None:
    with pytest.raises(TypeError):
        loose.dataframe(None)
    from natoeu_milstaff._release import cite

    release = attrs.evolve(nm.data_release(), version="2026_{x}")
    assert "2026\\_\\{x\\}" in cite(release, "0.1", "bibtex")
