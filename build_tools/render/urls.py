"""One place that knows where every page lives, and how to link between them (always relative)."""
from __future__ import annotations

import posixpath

from .. import variants


def home() -> str:
    return ""


def plans_index() -> str:
    return "plans/"


def plans_year(year: str) -> str:
    """The plans of one year (outside plans/: a plan id may be digits only)."""
    return f"years/{year}/"


def plan(plan_id: str) -> str:
    return f"plans/{plan_id}/"


def task(plan_id: str, task_id: str) -> str:
    return f"plans/{plan_id}/{task_id}/"


def agencies_index() -> str:
    return "agencies/"


def agency(agency_id: str) -> str:
    return f"agencies/{agency_id}/"


def open_data() -> str:
    """The page that explains the open data (the files themselves are under site/data/)."""
    return "open-data/"


def citations() -> str:
    """The cited documents not in the corpus."""
    return "citations/"


def raw_source(file_name: str) -> str:
    """A plan's raw web copy, published unchanged under site/ (above both variants)."""
    return f"sources/{file_name}"


def agency_year(agency_id: str, year: str) -> str:
    return f"agencies/{agency_id}/{year}/"


def src_path(url: str) -> str:
    """The generated Markdown file behind a directory URL: always '<url>index.md'."""
    return f"{url}index.md"


def relative(from_url: str, to_url: str) -> str:
    """Relative link between two site URLs such as 'plans/x/' → 'agencies/y/#z'."""
    path, _, fragment = to_url.partition("#")
    rel = posixpath.relpath("/" + path, "/" + (from_url or "."))
    if rel == ".":
        rel = "./"
    elif path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel + (f"#{fragment}" if fragment else "")


def from_site_root(from_url: str, path: str) -> str:
    """Relative link from a page of a variant to `path` under site/ (above both variants)."""
    return "../" * (from_url.count("/") + 1) + path


def other_variant(from_url: str, variant: str) -> tuple[str, str]:
    """(other variant, relative link to the same page in it)."""
    other = variants.other(variant)
    return other, from_site_root(from_url, f"{other}/{from_url}")
