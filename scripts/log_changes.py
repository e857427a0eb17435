"""Fold change fragments into the data change log.

    .venv/bin/python scripts/log_changes.py changes-*.toml

Each fragment holds ``[[change]]`` entries (see src/natoeu_milstaff/changes.toml); they are appended,
in the order given, to the log's release of the bundled data's version (made if
missing, dated today), and the fragments are deleted. Run scripts/compile_data.py
afterwards as after any data edit.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tomllib
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "natoeu_milstaff" / "data"
FIELDS = ("table", "record", "field", "old", "new", "kind", "reason")


def _quote(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, line breaks included."""
    return json.dumps(text, ensure_ascii=False)


def entry(change: dict[str, object]) -> str:
    lines = ["[[release.change]]"]
    lines += [f"{name} = {_quote(str(change[name]))}" for name in FIELDS]
    sources = change.get("sources") or []
    assert isinstance(sources, list)
    lines.append("sources = [" + ", ".join(_quote(str(s)) for s in sources) + "]")
    return "\n".join(lines) + "\n"


def main(fragments: list[str]) -> int:
    log = DATA.parent / "changes.toml"
    text = log.read_text(encoding="utf-8")
    version = tomllib.loads((DATA / "dataset.toml").read_text(encoding="utf-8"))["dataset"]["version"]
    releases = [r["version"] for r in tomllib.loads(text).get("release", [])]
    if version not in releases:
        if releases and releases[-1] > version:
            print(f"the log's last release {releases[-1]} is after {version}", file=sys.stderr)
            return 1
        text = text.rstrip("\n") + f'\n\n[[release]]\nversion = "{version}"\ndate = "{dt.date.today()}"\n'
    elif releases[-1] != version:
        print(f"{version} is not the log's last release; add changes to the newest only", file=sys.stderr)
        return 1
    for name in fragments:
        for change in tomllib.loads(Path(name).read_text(encoding="utf-8")).get("change", []):
            text = text.rstrip("\n") + "\n\n" + entry(change)
    tomllib.loads(text)  # still valid TOML
    log.write_text(text, encoding="utf-8")
    for name in fragments:
        Path(name).unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
