"""Located, fixable messages for editors: `file:line:col: error [rule] message — fix`.

Each rule's severity is the one `rules.RULES` gives it, never the caller's choice.

May import: rules.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .rules import RULES


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    severity: str  # "error" | "warning"
    rule: str
    message: str
    fix: str = ""

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.severity} [{self.rule}] {self.message}"
        return f"{text} — {self.fix}" if self.fix else text


@dataclass
class Report:
    """Collects every problem of a run; nothing stops at the first one."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, path, line, rule, message, fix="", col=1):
        """A problem of `rule`, an error or a warning as RULES says."""
        if rule not in RULES:
            raise KeyError(f"rule {rule!r} is not documented in build_tools/rules.py")
        self.items.append(Diagnostic(str(path), line, col, RULES[rule].severity, rule, message, fix))

    def extend(self, other: "Report") -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items), key=lambda d: (d.path, d.line, d.col, d.rule, d.message))


class ContentError(Exception):
    """Raised when content problems stop a build; carries the full report."""

    def __init__(self, report: Report):
        super().__init__(f"{len(report.errors)} content error(s)")
        self.report = report
