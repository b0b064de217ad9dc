"""The build order in one place: gather → check → render → hand to MkDocs → verify → publish.

Like MkDocs' own `commands/build.py`: all data is gathered first, then cross-linked,
then rendered. MkDocs is reached only through `mkdocs_hook.py` and `run_mkdocs`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .content import load_site
from .diagnostics import ContentError, Report
from .model import Site
from .render import Page, render_site

VARIANT_ENV = "POLICYREF_VARIANT"


@dataclass
class Prepared:
    """Content gathered and checked once, shared by both variants' MkDocs runs."""

    root: Path
    site: Site
    report: Report
    pages: dict[str, list[Page]] = field(default_factory=dict)

    def pages_for(self, variant: str) -> list[Page]:
        if variant not in self.pages:
            self.pages[variant] = render_site(self.site, variant)
        return self.pages[variant]


_current: Prepared | None = None


def prepare(root: Path, strict: bool = False) -> Prepared:
    """Load and validate all content; raise ContentError when it must not be published."""
    global _current
    report = Report()
    site = load_site(root, report)
    if report.errors or (strict and report.warnings):
        raise ContentError(report)
    _current = Prepared(root, site, report)
    return _current


def current(root: Path) -> Prepared:
    """The prepared content for this process (loaded on first use, e.g. by `mkdocs serve`)."""
    if _current is None or _current.root != root:
        return prepare(root)
    return _current


def forget() -> None:
    """Drop the cached content so that `mkdocs serve` re-reads it after an edit."""
    global _current
    _current = None


def variant_from_env() -> str:
    variant = os.environ.get(VARIANT_ENV, "zh-Hans")
    if variant not in ("zh-Hans", "zh-Hant"):
        raise ValueError(f"{VARIANT_ENV} must be zh-Hans or zh-Hant, not {variant!r}")
    return variant
