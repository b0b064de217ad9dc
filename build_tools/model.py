"""The content model: small entities, one meaning each. Built by `parse`, linked by `link`."""
from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("issuer", "lead", "responsible")


@dataclass
class Agency:
    id: str
    name: str
    full_name: str
    names: list[str]
    name_en: str
    kind: str
    parent: str | None
    line: int = 0
    children: list[str] = field(default_factory=list)

    @property
    def is_collective(self) -> bool:
        return self.kind == "collective"


@dataclass
class Attribution:
    """A bracketed 〔…牵头，…按职责分工负责〕 group, as printed and as resolved to agency ids."""

    text: str  # as printed, brackets included
    lead: list[str]
    responsible: list[str]
    standing: list[str]  # actors of a standing note (以下均需…负责，不再列出)
    line: int


@dataclass
class Segment:
    """The part of a task one attribution covers, with who owes it."""

    text: str
    lead: list[str]
    responsible: list[str]
    issuer: list[str]
    attribution: Attribution | None
    line: int

    def roles(self) -> list[tuple[str, str]]:
        """(agency id, role) pairs, in the order printed."""
        return ([(a, "issuer") for a in self.issuer] + [(a, "lead") for a in self.lead]
                + [(a, "responsible") for a in self.responsible])


@dataclass
class Block:
    """One rendered unit of the document body, in document order."""

    kind: str  # paragraph | heading | chapter | task | fence-start | fence-end
    text: str
    line: int
    fence: str | None = None  # notice | signature | annex | None
    id: str | None = None


@dataclass
class Chapter:
    id: str
    title: str  # as printed, number included
    line: int
    intro: list[Block] = field(default_factory=list)


@dataclass
class Task:
    id: str
    plan_id: str
    number: int  # 1-based order in the plan
    label: str  # （三）
    title: str  # heading without the label
    heading: str  # heading as printed
    chapter: Chapter | None
    paragraphs: list[Block]
    segments: list[Segment]
    line: int

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class Cleaning:
    kind: str
    what: str
    why: str
    line: int = 0  # of its 'what' in the plan file


@dataclass
class Plan:
    id: str
    title: str
    issuers: list[str]
    doc_number: str
    date: str
    period: str
    source: str
    source_script: str
    cleaning: list[Cleaning]
    path: str
    addressees: list[str] = field(default_factory=list)
    key_lines: dict = field(default_factory=dict)  # front-matter key → line, for messages
    blocks: list[Block] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def has_attributions(self) -> bool:
        return any(s.attribution for t in self.tasks for s in t.segments)


@dataclass(frozen=True)
class Assignment:
    """One row of who owes what: plan × task × segment × agency × role."""

    plan: Plan
    task: Task
    segment_index: int
    agency_id: str
    role: str


@dataclass
class Site:
    """Everything the renderers need, gathered before anything is rendered."""

    plans: list[Plan]
    agencies: dict[str, Agency]
    assignments: list[Assignment]
