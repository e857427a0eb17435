"""Sphinx configuration: MyST pages, Furo, API reference from docstrings, and data
pages generated from the bundled dataset at build time (see _ext/datapages.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

import natoeu_milstaff as nm

project = "natoeu_milstaff"
author = "natoeu_milstaff developers"
copyright = "2026, natoeu_milstaff developers"
release = nm.__version__
version = nm.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
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
