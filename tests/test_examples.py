"""The examples: what the tour prints is true to the record it quotes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

import natoeu_milstaff as nm

TOUR = Path(__file__).resolve().parents[1] / "examples" / "tour.py"
PLACEHOLDER = re.compile(r"\{[^}]*\}|\$\{|\*\*\*[A-Z_]+\*\*\*|%[A-Z_]+%|<[a-z_]+>")


@pytest.mark.skipif(not TOUR.is_file(), reason="the examples are not shipped in the wheel")
def test_the_tour_cites_the_fact_it_just_showed() -> None:
    done = subprocess.run([sys.executable, str(TOUR)], capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    at = lines.index("Where does that fact come from?")
    assert lines[at - 2] == "Who was Director General of the NATO IMS on 19 May 2020?"
    assert lines[at - 1] == "   Hans-Werner Wiermann (DGIMS from 2019-07-11 to 2022-07-14)"
    tenure = nm.appointment("DGIMS", "19 May 2020")
    assert tenure is not None
    cited = lines[at + 1 : at + 1 + len(tenure.sources)]
    assert [line.rsplit(": ", 1)[1] for line in cited] == [s.url for s in tenure.sources]
    assert not lines[at + 1 + len(tenure.sources)].startswith("   ")
    urls = re.findall(r"https?://\S+", done.stdout)
    assert urls
    assert not [url for url in urls if PLACEHOLDER.search(unquote(url))]
