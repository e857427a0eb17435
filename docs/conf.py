"""Sphinx configuration: MyST pages, Furo, API reference from docstrings, and data
pages generated from the bundled dataset at build time (see _ext/datapages.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

import natoeu_milstaff as nm

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

project = "natoeu_milstaff"
author = "natoeu_milstaff developers"
copyright = "2026, natoeu_milstaff developers"
release = nm.__version__
version = nm.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx.ext.napoleon",
    "datapages",
    "foldsearch",
    "timeline",
]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "README.md"]
html_theme = "furo"
html_title = f"natoeu_milstaff {release}"
html_static_path = ["_static"]
html_css_files = ["notebook.css"]  # the tutorial's notebook output
# English search that forgives accents: "Blejean" finds "Bléjean" (_ext/foldsearch.py).
html_search_language = "en_fold"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}
napoleon_google_docstring = True

# Every cross-reference must resolve: a name the reference cannot link fails the build.
nitpicky = True
nitpick_ignore = [
    # Dataset.tables returns the internal table bundle, which the package does not
    # document: the reference names it and links nothing.
    ("py:class", "natoeu_milstaff._model.Tables"),
]

# Python's and attrs' names link to their documentation through small inventories kept
# in docs/_inv/, written by scripts/make_inventories.py: the build reaches no network.
intersphinx_mapping = {
    "python": ("https://docs.python.org/3", "_inv/python.inv"),
    "attrs": ("https://www.attrs.org/en/stable", "_inv/attrs.inv"),
}


def _no_return_type_on_exceptions(app: Sphinx, domain: str, objtype: str, content: nodes.Element) -> None:
    """autodoc shows no "Return type: None" for a class's constructor, but still does for an
    exception's (Sphinx 9): drop it there too."""
    if domain == "py" and objtype == "exception":
        from docutils import nodes  # here: pytest imports this file where docutils is absent

        for fields in (n for n in content.children if isinstance(n, nodes.field_list)):
            for field in [f for f in fields.children if f.children[0].astext() == "rtype"]:
                fields.remove(field)


def setup(app: Sphinx) -> None:
    # After autodoc's own listener (priority 500) has added the type fields.
    app.connect("object-description-transform", _no_return_type_on_exceptions, priority=600)
