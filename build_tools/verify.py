"""Post-build checks over the staged site; any failure stops the swap into site/."""
from __future__ import annotations

from pathlib import Path

from .pipeline import Prepared


class VerifyError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} problem(s) in the built site")
        self.problems = problems


def verify_site(prepared: Prepared, site_dir: Path) -> None:
    problems: list[str] = []
    for check in CHECKS:
        problems.extend(check(prepared, site_dir))
    if problems:
        raise VerifyError(problems)


CHECKS: list = []
