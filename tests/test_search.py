"""The documentation site's search forgives accents (docs/_ext/foldsearch.py).

The site is built once for the module into a temporary directory (with -W); then the
tests read its search index, run its JavaScript stemmer in Node and its search page in
headless Chromium. Skipped without Sphinx or without ``docs/`` (the wheel and sdist runs),
and the Node and Chromium tests without those programs.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from _support import docs_extension

DOCS = Path(__file__).resolve().parent.parent / "docs"

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("sphinx") is None, reason="needs Sphinx (the docs group)"),
    pytest.mark.skipif(not (DOCS / "conf.py").is_file(), reason="needs the docs/ directory of a checkout"),
]

# Each name as written in the record and without its accents.
NAMES = [("Bléjean", "Blejean"), ("Baltrėnas", "Baltrenas"), ("Horváth", "Horvath")]


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    """The built site's HTML directory (built once per run: conftest.built_site)."""
    return built_site


@pytest.fixture(scope="module")
def index(site: Path) -> dict[str, Any]:
    """``searchindex.js`` without its ``Search.setIndex(...)`` wrapper."""
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    prefix, suffix = "Search.setIndex(", ")"
    assert text.startswith(prefix)
    assert text.endswith(suffix)
    parsed: dict[str, Any] = json.loads(text[len(prefix) : -len(suffix)])
    return parsed


@pytest.fixture(scope="module")
def foldsearch() -> Any:
    """The extension's module, for its Python fold and its search language."""
    return docs_extension("foldsearch")


def key(foldsearch: Any, word: str) -> str:
    """The index key of ``word``, as Sphinx makes it from the language's stem."""
    stem: str = foldsearch.SearchEnglishFolded({}).stem(word)
    return stem.lower()


def pages(index: dict[str, Any], term: str) -> set[str]:
    """The documents (docnames) the index lists under ``term``, in the text or a title."""
    found: set[str] = set()
    for table in (index["terms"], index["titleterms"]):
        listed = table.get(term, [])
        found.update(index["docnames"][i] for i in ([listed] if isinstance(listed, int) else listed))
    return found


def plain(text: str) -> str:
    """``text`` without accents, in lower case (independent of the extension's fold)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).lower()


class _Article(HTMLParser):
    """The text of a page's main ``<article>``, as a reader sees it: what includes and
    autodoc put there too, and not the targets of links, which may hold an id
    ("b2-2019-05-22-blejean-named") that the index rightly leaves out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # of article elements, once inside the main one
        self.skip = 0  # inside script or style
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" and (self.depth or ("role", "main") in attrs):
            self.depth += 1
        if self.depth and tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag in ("script", "style"):
            self.skip -= 1
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.text.append(data)


def article_text(page: Path) -> str:
    reader = _Article()
    reader.feed(page.read_text(encoding="utf-8"))
    reader.close()
    return " ".join(reader.text)


def mentions(site: Path, index: dict[str, Any], name: str) -> set[str]:
    """The documents whose built page shows ``name`` as a word in its main article, with
    or without its accents."""
    word = re.compile(rf"\b{re.escape(plain(name))}\b")
    found = set()
    for docname in index["docnames"]:
        page = site / f"{docname}.html"
        if page.is_file() and word.search(plain(article_text(page))):
            found.add(docname)
    return found


def test_mentions_read_the_built_page_not_its_source(site: Path, index: dict[str, Any]) -> None:
    """The API reference's examples come from docstrings (autodoc): its Markdown source
    names no official, the built page does."""
    source = (site / "_sources" / "api.md.txt").read_text(encoding="utf-8")
    assert "Bléjean" not in source
    assert "api" in mentions(site, index, "Bléjean")


@pytest.mark.parametrize(("accented", "bare"), NAMES)
def test_both_spellings_find_the_same_pages(
    site: Path, index: dict[str, Any], foldsearch: Any, accented: str, bare: str
) -> None:
    assert key(foldsearch, accented) == key(foldsearch, bare) == plain(key(foldsearch, bare))
    found = pages(index, key(foldsearch, bare))
    # Every page that writes the name, either way, is found under the one key.
    expected = mentions(site, index, accented)
    assert expected, f"no page mentions {accented}"
    assert expected <= found


def test_index_keys_have_no_accents(index: dict[str, Any]) -> None:
    keys = set(index["terms"]) | set(index["titleterms"])
    assert {k for k in keys if plain(k) != k} == set()
    # Before the extension the index held these, apart from their unaccented spellings.
    assert {"bléjean", "baltrėna", "horváth", "hervé"}.isdisjoint(keys)
    assert {"blejean", "baltrena", "horvath", "herv"} <= keys  # "herv": English stems "herve"


def test_english_stemming_still_works(index: dict[str, Any], foldsearch: Any) -> None:
    assert key(foldsearch, "meetings") == key(foldsearch, "meeting") == "meet"
    assert pages(index, "meet")


NODE_SCRIPT = """
const fs = require("fs"), vm = require("vm");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const context = {};
context.window = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(input.languageData, "utf8"), context);
const Stemmer = vm.runInContext("Stemmer", context);
const stemmer = new Stemmer();
console.log(JSON.stringify({
  stems: input.words.map((w) => stemmer.stemWord(w.toLowerCase())),
  folds: input.chars.map((c) => Stemmer.fold(c)),
}));
"""

# Words the browser might be asked for: the names, English words, other scripts.
WORDS = [
    *(w for pair in NAMES for w in pair),
    "Hervé",
    "Gábor",
    "meetings",
    "Conférence",
    "Straße",
    "ΟΔΟΣ",
    "военный",
]


@pytest.fixture(scope="module")
def browser_stemmer(site: Path) -> dict[str, Any]:
    """What ``_static/language_data.js`` makes of ``WORDS`` (stems) and characters (folds)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("needs Node.js")
    # Every assigned character below U+3000: Latin, Greek, Cyrillic and the other
    # alphabets, punctuation, letter-like symbols.
    chars = [chr(c) for c in range(0x3000) if unicodedata.category(chr(c)) not in {"Cn", "Cs"}]
    data = {"languageData": str(site / "_static" / "language_data.js"), "words": WORDS, "chars": chars}
    done = subprocess.run(
        [node, "-e", NODE_SCRIPT], input=json.dumps(data), capture_output=True, text=True, check=True
    )
    result: dict[str, Any] = json.loads(done.stdout)
    result["words"], result["chars"] = WORDS, chars
    return result


def test_browser_stems_each_spelling_of_a_name_alike(browser_stemmer: dict[str, Any]) -> None:
    stems = dict(zip(browser_stemmer["words"], browser_stemmer["stems"], strict=True))
    assert stems["Bléjean"] == stems["Blejean"] == "blejean"
    for accented, bare in NAMES:
        assert stems[accented] == stems[bare]
    assert stems["meetings"] == "meet"


def test_browser_stems_as_the_index_does(browser_stemmer: dict[str, Any], foldsearch: Any) -> None:
    for word, stem in zip(browser_stemmer["words"], browser_stemmer["stems"], strict=True):
        assert stem == key(foldsearch, word), word


def test_browser_folds_as_the_index_does(browser_stemmer: dict[str, Any], foldsearch: Any) -> None:
    pairs = zip(browser_stemmer["chars"], browser_stemmer["folds"], strict=True)
    differ = [(f"U+{ord(c):04X}", js) for c, js in pairs if js != foldsearch.fold(c)]
    assert differ == []


def search_results(site: Path, query: str, profile: Path) -> list[str]:
    """The pages ``search.html?q=<query>`` lists, as Chromium runs the page's scripts."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("needs Chromium")
    url = f"{(site / 'search.html').as_uri()}?q={quote(query)}"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
    flags += ["--disable-background-networking", "--disable-component-update", f"--user-data-dir={profile}"]
    done = subprocess.run(
        [chromium, *flags, "--virtual-time-budget=5000", "--dump-dom", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    listing = re.search(r'<ul[^>]*class="search"[^>]*>(.*?)</ul>', done.stdout, re.DOTALL)
    assert listing, f"no results list on the search page for {query!r}"
    return re.findall(r'<li[^>]*>\s*<a[^>]*href="([^"?#]+)', listing.group(1))


def test_search_page_finds_the_same_pages_either_way(
    site: Path, index: dict[str, Any], tmp_path: Path
) -> None:
    accented = search_results(site, "Bléjean", tmp_path)
    bare = search_results(site, "Blejean", tmp_path)
    assert sorted(accented) == sorted(bare)
    assert {f"{d}.html" for d in pages(index, "blejean")} <= set(bare)
