"""One project folder: where every content path lives. The only place that knows the layout.

May import: nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """A project folder holds `mkdocs.yml` and `content/`; nothing else is required."""

    root: Path

    @classmethod
    def find(cls, start: Path) -> "Project | None":
        """The nearest project at or above `start`."""
        start = start.resolve()
        for candidate in [start, *start.parents]:
            if cls.is_project(candidate):
                return cls(candidate)
        return None

    @staticmethod
    def is_project(folder: Path) -> bool:
        return (folder / "mkdocs.yml").is_file() and (folder / "content").is_dir()

    # ---- paths --------------------------------------------------------------
    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def plans_dir(self) -> Path:
        return self.content / "plans"

    @property
    def sources_dir(self) -> Path:
        return self.content / "sources"

    @property
    def registry_file(self) -> Path:
        return self.content / "agencies.yml"

    @property
    def phrases_file(self) -> Path:
        return self.content / "script" / "phrases.tsv"

    @property
    def terms_file(self) -> Path:
        return self.content / "search" / "terms.txt"

    @property
    def known_terms_file(self) -> Path:
        return self.content / "known-terms.txt"

    @property
    def external_titles_file(self) -> Path:
        return self.content / "external-titles.txt"

    @property
    def overrides(self) -> Path:
        return self.root / "overrides"

    @property
    def import_reports(self) -> Path:
        return self.root / "build" / "import"

    def plan_file(self, plan_id: str) -> Path:
        return self.plans_dir / f"{plan_id}.md"

    def shown(self, path: Path) -> str:
        """`path` as editors see it in messages: relative to the project."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)
