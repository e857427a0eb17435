"""The command line: answers on stdout; bad input is one line on stderr, never a traceback."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

import natoeu_milstaff as nm
from _support import SRC, P, copy_bundled_data, dataset_of, official_named
from natoeu_milstaff._cli import main
from strategies import POSTS

if TYPE_CHECKING:
    from pathlib import Path


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_who_held() -> None:
    assert run("who-held", "DGIMS", "2020-05-19") == (
        0,
        "Hans-Werner Wiermann (2019-07-11 to 2022-07-14)\n",
        "",
    )
    assert (
        run("who-held", "DDGEUMS", "16 November 2021")[1]
        == "Giovanni Manione (start unknown to end unknown)\n"
    )
    assert run("who-held", "DGIMS", "2004-01-01")[1] == "nobody in the record held DGIMS on 2004-01-01\n"
    assert run("who-held", "DGIMS", "2008-01-01")[1] == "P. J. M. Godderij (2007 to 2010)\n"


def test_meetings_about() -> None:
    code, out, _ = run("meetings-about", "cyber")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "8 conference(s) about Cyber:"
    assert [line.split()[0] for line in lines[1:]][-3:] == ["2020-05-19", "2022-06-10", "2024-05-31"]


def test_conferences_with_filters() -> None:
    code, out, _ = run("conferences", "--host", "NATO", "--year", "2022")
    assert code == 0
    assert out.startswith("2022-06-10   no. 17  host NATO Hans-Werner Wiermann / Hervé Bléjean")
    assert len(run("conferences")[1].splitlines()) == 19
    assert run("conferences", "--between", "2020-01-01", "2020-12-31")[1].count("\n") == 1
    assert "2018-11-26" in run("conferences", "--chaired-by", "Jan Broeks")[1]


def test_show_prints_everything_with_sources() -> None:
    code, out, _ = run("show", "2018-11-26")
    assert code == 0
    for fragment in [
        "host:     unknown",
        "Lieutenant General Jan Broeks (DGIMS)",
        "Scenario-based discussion of hybrid threats",
        "next meeting announced: mid-2019, hosted by EU",
        "inferred format:",
        "http://www.defense-aerospace.com",
    ]:
        assert fragment in out
    assert run("show", "17")[1].startswith("Conference 2022-06-10")
    assert "standing in for Hervé Bléjean" in run("show", "16 November 2021")[1]


def test_coverage_command() -> None:
    code, out, _ = run("coverage")
    assert code == 0
    assert out.startswith("Record from 2014-01-27 to 2026-11-22")
    assert "Conferences with unknown host: 3" in out


def test_validate_bundled_and_a_directory(tmp_path: Path) -> None:
    code, out, _ = run("validate")
    assert code == 0 and out.startswith("ok: <Dataset")
    data = copy_bundled_data(tmp_path)
    assert run("validate", str(data))[0] == 0
    (data / "posts.toml").write_text("[[post]]\ncode = 1\n", encoding="utf-8")
    code, out, err = run("validate", str(data))
    assert code == 1 and out == ""
    assert "posts.toml: $.post[0].code: expected a string, got int 1" in err
    assert run("--data", str(data), "who-held", "DGIMS", "2020-01-01")[0] == 1


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["who-held", "DGIM", "2020-05-19"], "unknown post 'DGIM'; did you mean 'DGIMS'?"),
        (["who-held", "DGIMS", "05/06/2020"], "ambiguous"),
        (["who-held", "DGIMS", "2025-07-10"], "Janusz Adamczak or Remigijus Baltrėnas"),
        (["meetings-about", "cybr"], "did you mean 'cyber'"),
        (["show", "2017-01-01"], "unknown conference"),
        (["conferences", "--host", "UN"], "unknown host 'UN'"),
        (["conferences", "--year", "soon"], "invalid int value"),
        (["bogus"], "invalid choice"),
        ([], "required"),
        (["who-held", "DGIMS"], "required"),
    ],
)
def test_bad_input_is_one_line_on_stderr(argv: list[str], fragment: str) -> None:
    code, out, err = run(*argv)
    assert code == 2
    assert out == ""
    assert fragment in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


@given(st.lists(st.text(max_size=12), max_size=4))
def test_arbitrary_arguments_never_raise(argv: list[str]) -> None:
    for command in (["who-held"], ["meetings-about"], ["show"], ["conferences", "--year"], []):
        code, _, err = run(*command, *argv)
        assert code in (0, 1, 2)
        assert "Traceback" not in err


def test_module_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "natoeu_milstaff", "who-held", "DGIMS", "2020-05-19"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "Hans-Werner Wiermann (2019-07-11 to 2022-07-14)")
    done = subprocess.run(
        [sys.executable, "-m", "natoeu_milstaff", "who-held", "NOPE", "2020-05-19"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1


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


def test_one_official_with_two_tenures_in_who_held_and_the_cli(tmp_path: Path) -> None:
    person = official_named("one")
    first = nm.Appointment(
        official=person, post=POSTS[0], start=P("2019-01-01"), end=P("2019-06"), sources=(SRC,)
    )
    second = nm.Appointment(
        official=person, post=POSTS[0], start=P("2019-06"), in_office=True, sources=(SRC,)
    )
    ds = dataset_of(first, second)
    assert ds.validate() == ()
    assert ds.who_held("DGN", "2019-06-15") == person
    with pytest.raises(nm.AmbiguousDateError, match="which tenure of One in DGN"):
        ds.appointment("DGN", "2019-06-15")
    ds.dump(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    assert main(["--data", str(tmp_path), "who-held", "DGN", "2019-06-15"], out=out, err=err) == 0
    assert out.getvalue() == "One (between two of their tenures)\n"
