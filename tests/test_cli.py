"""The command line: answers on stdout; bad input is one line on stderr, never a traceback."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from importlib import resources
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from natoeu_milstaff._cli import main

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
        "https://www.defense-aerospace.com" if False else "http://www.defense-aerospace.com",
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
    with resources.as_file(resources.files("natoeu_milstaff") / "data") as root:
        shutil.copytree(root, tmp_path / "d")
    assert run("validate", str(tmp_path / "d"))[0] == 0
    (tmp_path / "d" / "posts.toml").write_text("[[post]]\ncode = 1\n", encoding="utf-8")
    code, out, err = run("validate", str(tmp_path / "d"))
    assert code == 1 and out == ""
    assert "posts.toml: $.post[0].code: expected a string, got int 1" in err
    assert run("--data", str(tmp_path / "d"), "who-held", "DGIMS", "2020-01-01")[0] == 1


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
