"""The command line: answers on stdout; bad input is one line on stderr, never a traceback."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import io
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import natoeu_milstaff as nm
from _support import SRC, P, copy_bundled_data, dataset_of, official_named
from natoeu_milstaff._cli import _cli_advice, _os_error, _parser, main
from strategies import POSTS


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
    code, out, err = run("meetings-about", "cyber")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "ID               ORDINAL  HOST  CHAIRS"
    assert len(lines) == 1 + 8
    assert [line.split()[0] for line in lines[1:]][-3:] == [
        "conf-2020-05-19",
        "conf-2022-06-10",
        "conf-2024-05-31",
    ]
    assert lines[-1] == "conf-2024-05-31  21       NATO  Janusz Adamczak / Michiel van der Laan"


def test_conferences_with_filters() -> None:
    assert run("conferences", "--host", "NATO", "--year", "2022") == (
        0,
        "ID               ORDINAL  HOST  CHAIRS\nconf-2022-06-10  17       NATO  Hans-Werner Wiermann / Hervé Bléjean\n",
        "",
    )
    assert len(run("conferences")[1].splitlines()) == 1 + 19
    assert run("conferences", "--between", "2020-01-01", "2020-12-31")[1].count("\n") == 1 + 1
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
    assert run("show", "17")[1].startswith("Conference conf-2022-06-10")
    assert "standing in for Hervé Bléjean" in run("show", "16 November 2021")[1]


def test_coverage_command() -> None:
    code, out, _ = run("coverage")
    assert code == 0
    days = (dt.date.today() - dt.date(2026, 11, 22)).days
    first, second = out.splitlines()[:2]
    assert (
        first == f"The record was last checked against its sources {days} day{'' if days == 1 else 's'} ago."
    )
    assert second == (
        "Record from 2014-01-27 to 2026-11-22: checked against its sources on 2026-11-22; "
        "officials in office then are assumed still in office on later days"
    )
    assert "Conferences with unknown host: 3" in out


def test_validate_bundled_and_a_directory(tmp_path: Path) -> None:
    code, out, _ = run("validate")
    assert code == 0 and out.startswith("ok: <Dataset")
    data = copy_bundled_data(tmp_path)
    assert run("validate", str(data))[0] == 0
    (data / "posts.toml").write_text("[[post]]\ncode = 1\n", encoding="utf-8")
    code, out, err = run("validate", str(data))
    assert code == 1 and out == ""
    assert err.startswith(f"error: {data}: ")
    assert "posts.toml: $.post[0].code: expected a string, got int 1" in err
    assert run("--data", str(data), "who-held", "DGIMS", "2020-01-01")[0] == 1
    assert run("who-held", "DGIMS", "2020-01-01", "--data", str(data))[0] == 1
    assert run("validate", "--data", str(data))[0] == 1


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["who-held", "DGIM", "2020-05-19"], "unknown post 'DGIM'; did you mean 'DGIMS'?"),
        (["who-held", "DGIMS", "05/06/2020"], "ambiguous"),
        (["who-held", "DGIMS", "2013-07-10"], "Jürgen Bornemann or Christopher Harper"),
        (["meetings-about", "cybr"], "did you mean 'cyber'"),
        (["show", "2017-01-01"], "unknown conference"),
        (["conferences", "--host", "UN"], "unknown host 'UN'"),
        (["conferences", "--year", "soon"], "invalid int value"),
        (["bogus"], "invalid choice"),
        ([], "required"),
        (["who-held", "DGIMS"], "required"),
        (["who-held", "DGIMS", "today", "extra"], "unrecognized arguments: extra"),
        (["holders", "DG"], "unknown post 'DG'"),
        (["official", "Nobody Atall"], "unknown official 'Nobody Atall'"),
        (["conferences", "--chaired-by", "Brooks"], "unknown official 'Brooks'; did you mean 'Jan Broeks'?"),
        (["conferences", "--between", "2021-01-01", "2020-01-01"], "the end 2020-01-01 is before the start"),
        (["conferences", "--between", "2021~", "2022-01-01"], "'2021~' is approximate or uncertain"),
        (["who-held", "DGIMS", "2013"], "list them with the command: holders DGIMS --during 2013 2013"),
        (["show", "2022"], "list them with the command: conferences --year 2022"),
        (["export", "--out", "x", "--format", "xml"], "invalid choice: 'xml'"),
        (["conferences", "--ye", "2022"], "unrecognized arguments: --ye"),
        (
            ["--data", "/nonexistent/dir", "conferences"],
            "--data '/nonexistent/dir': No such file or directory",
        ),
        (
            ["conferences", "--data", "/nonexistent/dir"],
            "--data '/nonexistent/dir': No such file or directory",
        ),
        (["validate", "/nonexistent/dir"], "validate '/nonexistent/dir': No such file or directory"),
        (["--data", "a\0b", "posts"], "--data 'a\\x00b'"),
    ],
)
def test_bad_input_is_one_line_on_stderr(argv: list[str], fragment: str) -> None:
    code, out, err = run(*argv)
    assert code == 2
    assert out == ""
    assert err.startswith("error: ")
    assert fragment in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_a_usage_error_names_the_command_to_ask_for_help() -> None:
    assert run("conferences", "--year", "soon") == (
        2,
        "",
        "error: argument --year: invalid int value: 'soon'; see 'python -m natoeu_milstaff conferences --help'\n",
    )


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


# -- listings: header, aligned columns, empty results, --json ---------------------------------


def test_a_listing_is_a_header_and_columns_as_wide_as_their_data() -> None:
    code, out, err = run("holders", "DGIMS")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "START       END                         OFFICIAL"
    assert lines[4] == "2010        2013-07                     Jürgen Bornemann"
    assert lines[-1] == "2025-07-11  in office as of 2026-11-22  Remigijus Baltrėnas"
    assert len(lines) == 1 + len(nm.holders("DGIMS"))
    # Every row starts its columns where the header does; the first cell is one word.
    for listing in (run("conferences")[1], out, run("posts")[1], run("topics")[1]):
        header, *rows = listing.splitlines()
        starts = [i for i in range(len(header)) if header[i] != " " and (i == 0 or header[i - 1] == " ")]
        for row in rows:
            cells = row.split("  ")
            assert " " not in cells[0]
            assert all(row[i - 2 : i] == "  " and row[i] != " " for i in starts[1:]), row
    # The widest cell sets a column's width, accents counted as one character.
    widest = max(len(c.id) for c in nm.conferences())
    assert run("conferences")[1].splitlines()[0].startswith("ID" + " " * (widest - 2) + "  ORDINAL")


def test_posts_and_topics() -> None:
    code, out, _ = run("posts")
    assert code == 0
    assert out.splitlines()[:2] == [
        "CODE     ORGANISATION  TITLE",
        "DGIMS    NATO          Director General of the NATO International Military Staff",
    ]
    lines = run("topics")[1].splitlines()
    assert lines[0].split() == ["ID", "BROADER", "LABEL"]
    assert len(lines) == 1 + len(nm.topics())
    assert [line.split()[:2] for line in lines if line.startswith(("cyber-defence ", "cyber "))] == [
        ["cyber", "-"],
        ["cyber-defence", "cyber"],
    ]


def test_a_listing_that_matches_nothing_says_so_on_stderr() -> None:
    assert run("conferences", "--year", "2017") == (
        0,
        "",
        "no conference in the record matches --year 2017\n",
    )
    assert run("conferences", "--year", "2017", "--json") == (
        0,
        "[]\n",
        "no conference in the record matches --year 2017\n",
    )
    assert run("conferences", "--chaired-by", "Jan Broeks", "--host", "EU", "--year", "2018")[2] == (
        "no conference in the record matches --year 2018 --host EU --chaired-by 'Jan Broeks'\n"
    )
    assert run("conferences", "--between", "2017-01-01", "2017-12-31")[2] == (
        "no conference in the record matches --between 2017-01-01 2017-12-31\n"
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return copy_bundled_data(tmp_path)


def test_empty_listings_of_a_data_directory(data_dir: Path) -> None:
    with (data_dir / "topics.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[topic]]\nid = "space-debris"\nlabel = "Space debris"\n')
    with (data_dir / "posts.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[post]]\ncode = "DGX"\ntitle = "Director General X"\norganisation = "EU"\n')
    data = str(data_dir)
    expected = "no conference in the record discussed Space debris (topic 'space-debris')\n"
    assert run("--data", data, "meetings-about", "space debris") == (0, "", expected)
    # --data is as good after the command as before it.
    assert run("meetings-about", "space debris", "--data", data) == (0, "", expected)
    assert run("meetings-about", "space-debris", "--json", "--data", data) == (0, "[]\n", expected)
    assert run("holders", "DGX", "--data", data) == (0, "", "the record has no holder of DGX\n")
    assert run("holders", "DGX", "--data", data, "--json") == (0, "[]\n", "the record has no holder of DGX\n")
    # Without the directory, the topic and post are unknown: the bundled data was asked.
    assert run("meetings-about", "space-debris")[0] == 2
    assert run("holders", "DGX")[0] == 2


def test_data_after_the_command_overrides_data_before_it(data_dir: Path, tmp_path: Path) -> None:
    assert run("--data", str(tmp_path / "missing"), "posts", "--data", str(data_dir))[0] == 0
    assert run("--data", str(data_dir), "posts", "--data", str(tmp_path / "missing"))[0] == 2


def _records(table: str) -> dict[str, dict[str, object]]:
    key = "code" if table == "posts" else "id"
    return {row[key]: row for row in nm.records()[table]}


def test_json_listings_are_the_records_rows() -> None:
    conferences = _records("conferences")
    code, out, err = run("conferences", "--host", "EU", "--json")
    assert (code, err) == (0, "")
    expected = [conferences[c.id] for c in nm.conferences(host="EU")]
    assert out == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    assert json.loads(out) == expected
    assert run("conferences", "--host", "EU", "--json") == (code, out, err)  # deterministic
    out = run("meetings-about", "cyber", "--json")[1]
    assert json.loads(out) == [conferences[c.id] for c in nm.meetings_about("cyber")]
    out = run("holders", "DGEUMS", "--json")[1]
    appointments = _records("appointments")
    assert json.loads(out) == [appointments[a.id] for a in nm.holders("DGEUMS")]
    assert '"official_id": "herve-blejean"' in out
    assert json.loads(run("posts", "--json")[1]) == list(_records("posts").values())
    assert json.loads(run("topics", "--json")[1]) == list(_records("topics").values())
    out = run("official", "Herve Blejean", "--json")[1]
    assert json.loads(out) == _records("officials")["herve-blejean"]
    assert '"name": "Hervé Bléjean"' in out  # not escaped


def test_json_on_a_stream_that_cannot_show_accents_stays_exact() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "natoeu_milstaff", "official", "Herve Blejean", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0
    assert '"name": "Herv\\u00e9 Bl\\u00e9jean"' in done.stdout
    assert json.loads(done.stdout)["name"] == "Hervé Bléjean"


def test_official() -> None:
    code, out, err = run("official", "herve blejean")
    assert (code, err) == (0, "")
    assert out.splitlines()[:7] == [
        "Official herve-blejean",
        "  name:        Hervé Bléjean",
        "  nationality: FR",
        "  service:     navy",
        "  aliases:     Hervé Blejean",
        "  tenures:",
        "    - DGEUMS: 2020-06-30 to 2023-06-28",
    ]
    official = nm.official("Hervé Bléjean")
    assert out.count("\n    - ") == 1 + len(official.sources)
    assert all(f"      {s.url}\n" in out for s in official.sources)
    assert (
        "    - DGIMS: 2025-07-11 to in office as of 2026-11-22\n" in run("official", "Remigijus Baltrenas")[1]
    )


# -- who-held after the record's as-of date ----------------------------------------------------


def test_who_held_after_the_last_check_says_so() -> None:
    as_of = nm.Dataset.bundled().info.as_of
    later = as_of + dt.timedelta(days=1)
    assert run("who-held", "DGIMS", later.isoformat()) == (
        0,
        f"Remigijus Baltrėnas (2025-07-11 to in office as of {as_of}, the record's last check)\n",
        "",
    )
    assert run("who-held", "DGEUMS", "2030-01-01")[1] == (
        f"Michiel van der Laan (2023-06-28 to in office as of {as_of}, the record's last check)\n"
    )
    # Up to the check, the record knows: no note.
    assert (
        run("who-held", "DGIMS", as_of.isoformat())[1]
        == f"Remigijus Baltrėnas (2025-07-11 to in office as of {as_of})\n"
    )
    # A real vacancy stays a vacancy; after the check, an empty post is only as of the check.
    assert run("who-held", "DGIMS", "2004-01-01")[1] == "nobody in the record held DGIMS on 2004-01-01\n"
    assert run("who-held", "DDGEUMS", "2030-01-01")[1] == (
        f"nobody in the record held DDGEUMS on 2030-01-01; the record was last checked on {as_of}\n"
    )


def test_who_held_today() -> None:
    today = dt.date.today().isoformat()
    code, out, err = run("who-held", "DGIMS", "today")
    assert (code, err) == (0, "")
    assert out == run("who-held", "DGIMS", today)[1]
    assert out.startswith("Remigijus Baltrėnas (2025-07-11 to in office")


# -- help, version ------------------------------------------------------------------------------


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += _parsers(sub)
    return found


def test_every_command_argument_and_option_has_help() -> None:
    parsers = _parsers(_parser())
    assert len(parsers) == 1 + 15
    for parser in parsers:
        for action in parser._actions:
            assert action.help and action.help != argparse.SUPPRESS, (parser.prog, action.dest)
            if isinstance(action, argparse._SubParsersAction):
                commands = action._get_subactions()
                assert len(commands) == len(action.choices)
                assert all(command.help for command in commands)


def test_help_goes_to_out() -> None:
    code, out, err = run("--help")
    assert (code, err) == (0, "")
    assert out.startswith("usage: python -m natoeu_milstaff [-h] [--data DIR] [--version] COMMAND ...")
    code, out, _ = run("holders", "--help")
    assert code == 0 and "--json" in out and "--data DIR" in out


def test_version() -> None:
    info = nm.Dataset.bundled().info
    expected = f"natoeu_milstaff {nm.__version__} (data {info.version}, checked {info.as_of})\n"
    assert run("--version") == (0, expected, "")
    assert run("--data", "/nonexistent", "--version") == (0, expected, "")
    assert re.fullmatch(r"natoeu_milstaff \d+\.\d+\.\d+\S* \(data \S+, checked \d{4}-\d\d-\d\d\)\n", expected)


# -- errors name what they concern ---------------------------------------------------------------


def test_export_errors_name_the_path(tmp_path: Path) -> None:
    existing = tmp_path / "notes.txt"
    existing.write_text("x", encoding="utf-8")
    assert run("export", "--out", str(existing)) == (
        2,
        "",
        f"error: --out {str(existing)!r}: exists and is not a directory\n",
    )
    (tmp_path / "out" / "dataset.json").mkdir(parents=True)
    code, out, err = run("export", "--out", str(tmp_path / "out"))
    assert (code, out) == (1, "")
    assert err == (
        f"error: {str(tmp_path / 'out' / 'dataset.json')!r}: a directory, not a regular file; nothing was written\n"
    )
    code, out, err = run("export", "--out", str(existing / "sub"))
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {str(existing / 'sub')!r}: ")
    code, out, _ = run("export", "--format", "csv", "--out", str(tmp_path / "csv"))
    assert code == 0 and out.splitlines()[0] == str(tmp_path / "csv" / "conferences.csv")


def test_os_errors_name_both_paths() -> None:
    exc = OSError(errno.EXDEV, "Invalid cross-device link", "a", None, "b")
    assert _os_error(exc) == "'a' -> 'b': Invalid cross-device link"
    assert _os_error(OSError("no path")) == "no path"


def test_data_that_is_a_file_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_text("", encoding="utf-8")
    assert run("conferences", "--data", str(path)) == (
        2,
        "",
        f"error: --data {str(path)!r}: not a directory\n",
    )


# -- a closed pipe -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [["conferences"], ["conferences", "--json"], ["show", "17"], ["--help"], ["--version"]],
)
def test_a_closed_pipe_ends_quietly(argv: list[str]) -> None:
    # The reading end is closed before the command starts, so its first write fails (EPIPE).
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "natoeu_milstaff", *argv],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (0, "")


def test_head_reads_one_line_and_goes() -> None:
    # As `conferences --json | head -1`: whether the write comes before or after the reader
    # goes, the command ends quietly.
    for argv in (["conferences", "--json"], ["topics", "--json"], ["show", "2021-11-16"]):
        child = subprocess.Popen(
            [sys.executable, "-m", "natoeu_milstaff", *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert child.stdout is not None and child.stderr is not None
        assert child.stdout.readline()
        child.stdout.close()
        assert child.wait(timeout=60) == 0
        assert child.stderr.read() == b""
        child.stderr.close()


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_main_returns_zero_when_its_reader_goes() -> None:
    err = io.StringIO()
    assert main(["conferences"], out=_ClosedPipe(), err=err) == 0
    assert err.getvalue() == ""


def test_months_years_and_open_ends() -> None:
    assert run("who-held", "DGEUMS", "2017") == (0, "Esa Pulkkinen (2016-05-26 to 2020-06-30)\n", "")
    assert run("who-held", "DGIMS", "2004")[1] == "nobody in the record held DGIMS in 2004\n"
    code, out, _ = run("holders", "DGIMS", "--during", "2013", "2013")
    assert code == 0
    assert [line.split("  ")[-1].strip() for line in out.splitlines()[1:]] == [
        "Jürgen Bornemann",
        "Christopher Harper",
    ]
    code, out, _ = run("conferences", "--between", "2024", "..")
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["conf-2024-05-31", "conf-2024-11-29"]
    assert run("conferences", "--between", "..", "..")[1] == run("conferences")[1]
    assert (
        run("conferences", "--chaired-by", "Pulkkinen")[1]
        == run("conferences", "--chaired-by", "Esa Pulkkinen")[1]
    )


README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.skipif(not README.is_file(), reason="the README is not shipped in the wheel")
def test_the_readme_shell_examples_print_what_the_readme_shows() -> None:
    readme = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```console\n(.*?)```", readme, flags=re.DOTALL)
    checked = 0
    for block in blocks:
        command: list[str] | None = None
        shown: list[str] = []
        for line in [*block.splitlines(), "$ end"]:
            if line.startswith("$ "):
                if command is not None and shown:
                    code, out, _ = run(*command)
                    assert (code, out.splitlines()) == (0, shown), command
                    checked += 1
                words = shlex.split(line[2:].split("  #")[0])
                command = words[3:] if words[:3] == ["python", "-m", "natoeu_milstaff"] else None
                shown = []
            else:
                shown.append(line)
    assert checked >= 3


def test_advice_in_errors_is_given_in_command_line_words() -> None:
    python = nm.AmbiguousDateError(
        "x; list them with holders('DGIMS', during='May 2013'); or conferences(year=2014); "
        "or conferences(between=('2014-06', '2014-06'))",
        ["A", "B"],
    )
    shell = _cli_advice(python)
    assert str(shell) == (
        "x; list them with the command: holders DGIMS --during 'May 2013' 'May 2013'; "
        "or the command: conferences --year 2014; or the command: conferences --between 2014-06 2014-06"
    )
    assert shell.candidates == ("A", "B")
