"""Search that forgives accents: "Blejean" finds the pages that say "Bléjean", and back.

Sphinx's search index is built by a search language (``sphinx.search.SearchLanguage``):
its ``stem()`` turns each word of the pages into an index key in Python at build time, and
its JavaScript stemmer turns each word of a query into a key in the browser. This
extension registers ``en_fold``, English with one step in front on both sides: *fold* the
word (compatibility decomposition, combining marks dropped, lower case, and the two case
folds that lower case lacks, ß to "ss" and final ς to σ), then stem it as English does. So
"Bléjean", "BLEJEAN" and "Blejean" all become the key "blejean", and English stemming
still makes "meetings" find "meeting".

``conf.py`` selects it with ``html_search_language = "en_fold"`` (the supported way: a
language registered with ``app.add_search_language`` and chosen by that setting). Without
this extension Sphinx falls back from "en_fold" to plain English.

The query side: Sphinx puts the language's JavaScript stemmer into
``_static/language_data.js``, and ``searchtools.js`` calls ``new Stemmer().stemWord(word)``
on each lower-cased query word. Here ``Stemmer`` is the English stemmer of the installed
Sphinx wrapped so that it folds the word first. The Python and JavaScript folds are the
same steps; ``tests/test_search.py`` checks that they agree, character by character.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import sphinx.search
from sphinx.search.en import SearchEnglish

# The two characters whose case fold differs from their lower case in Latin and Greek
# text (JavaScript has no casefold, so both sides apply these by hand).
_FOLDS = {"ß": "ss", "ς": "σ"}


def fold(word: str) -> str:
    """``word`` without accents, in lower case: ``fold("Bléjean") == "blejean"``."""
    decomposed = unicodedata.normalize("NFKD", word)
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    lower = bare.lower()
    for old, new in _FOLDS.items():
        lower = lower.replace(old, new)
    return lower


def _js_string(text: str) -> str:
    return "".join(c if c.isascii() else f"\\u{ord(c):04x}" for c in text)


def _english_stemmer_js() -> tuple[str, str]:
    """The installed Sphinx's English stemmer (JavaScript), and the name of its class.

    Sphinx 9 uses the Snowball English stemmer, shipped minified in ``minified-js``;
    earlier versions give the Porter stemmer inline, as ``SearchEnglish.js_stemmer_code``.
    """
    if SearchEnglish.js_stemmer_rawcode:
        js_dir = Path(sphinx.search.__file__).parent / "minified-js"
        base = (js_dir / "base-stemmer.js").read_text(encoding="utf-8")
        english = (js_dir / SearchEnglish.js_stemmer_rawcode).read_text(encoding="utf-8")
        return f"{base}\n{english}", f"{SearchEnglish.language_name}Stemmer"
    return SearchEnglish.js_stemmer_code, "Stemmer"


def _stemmer_js() -> str:
    """``Stemmer``: the English stemmer behind the same fold as ``fold``, in JavaScript.

    Everything else stays inside the function; ``Stemmer.fold`` is the fold alone.
    \\p{M} is Unicode category M, as in ``fold``.
    """
    english, inner = _english_stemmer_js()
    folds = "".join(f'.replace(/{_js_string(old)}/g, "{_js_string(new)}")' for old, new in _FOLDS.items())
    return f"""
/* English stemming after accent folding (docs/_ext/foldsearch.py). */
var Stemmer = (function () {{
{english}
var Inner = {inner};
function fold(w) {{
  return w.normalize("NFKD").replace(/\\p{{M}}/gu, "").toLowerCase(){folds};
}}
function FoldingStemmer() {{
  var inner = new Inner();
  this.stemWord = function (w) {{
    return inner.stemWord(fold(w));
  }};
}}
FoldingStemmer.fold = fold;
return FoldingStemmer;
}})();
"""


class SearchEnglishFolded(SearchEnglish):
    """English search whose index keys and query words are folded before stemming."""

    lang = "en_fold"
    # Sphinx writes its own JavaScript for a language with a raw stemmer file; this one
    # gives the whole stemmer in js_stemmer_code instead, the wrapper included.
    js_stemmer_rawcode = ""
    js_stemmer_code = _stemmer_js()

    def stem(self, word: str) -> str:
        return super().stem(fold(word))

    def word_filter(self, word: str) -> bool:
        # Sphinx indexes a word as written when its stem is filtered out (a stop word):
        # "à" for "a". The browser only ever looks up folded keys, so such a key could
        # never be found; leave it out, so that every key is folded.
        return super().word_filter(word) and word == fold(word)


def setup(app: Any) -> dict[str, Any]:
    app.add_search_language(SearchEnglishFolded)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
