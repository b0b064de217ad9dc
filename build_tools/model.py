"""The content model: small entities, one meaning each. Built by `parse`, linked by `link`.

May import: fields.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .fields import (is_date, is_day, is_file_name, is_id, is_id_list, is_nonempty_id_list, is_period, is_str_list, is_text,
                     is_url, one_of, source_field)

ROLES = ("issuer", "lead", "responsible")
SCRIPTS = ("zh-Hans", "zh-Hant", "mixed")  # a raw source's script
CLEANING_KINDS = ("chrome", "spam", "duplicate", "script", "typo", "layout", "metadata")
AGENCY_KINDS = ("ministry", "commission", "administration", "bureau", "office", "academy", "bank",
                "military", "people's-organisation", "general-office", "leading-group", "collective",
                "council", "court", "procuratorate", "party", "organisation")


@dataclass(kw_only=True)
class Agency:
    """One entry of content/agencies.yml. Fields with `source_field` are its keys there."""

    id: str = source_field("id", str, check=is_id)
    name: str = source_field("name", str, check=is_text)
    full_name: str = source_field("full_name", str, check=is_text)
    names: list[str] = source_field("names", list, check=is_str_list, coerce=list)
    name_en: str = source_field("name_en", str, check=is_text)
    aliases: list[str] = source_field(
        "aliases", list, required=False, check=is_str_list, coerce=list, default_factory=list,
        hint="other names readers search by, not printed in the texts: abbreviations such as 卫健委 or SAMR")
    kind: str = source_field("kind", str, check=one_of(AGENCY_KINDS, ", "))
    parent: str | None = source_field("parent", str, required=False, check=is_id, default=None)
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
    reading: object = None  # read.attribution.Reading: every actor as printed, with its id


@dataclass
class Segment:
    """The part of a task one attribution covers, with who owes it."""

    text: str
    lead: list[str]
    responsible: list[str]
    issuer: list[str]
    attribution: Attribution | None
    line: int
    inherited: list = field(default_factory=list)  # read.attribution.Actor of earlier standing notes

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


@dataclass(kw_only=True)
class Cleaning:
    """One entry of a plan's `cleaning` list: what an editor changed in the raw copy, and why."""

    kind: str = source_field("kind", str, check=one_of(CLEANING_KINDS))
    what: str = source_field("what", str, check=is_text)
    why: str = source_field("why", str, check=is_text)
    line: int = 0  # of its 'what' in the plan file


COMPLETENESS = ("complete", "partial")


@dataclass(kw_only=True)
class Plan:
    """One policy document. Fields with `source_field` are its front-matter keys (CONTENT_FORMAT.md)."""

    id: str = source_field("id", str, check=is_id)
    title: str = source_field("title", str, check=is_text)
    short_title: str = source_field("short_title", str, required=False, default="",
                                    hint="a short form of the title for search results and lists, or omit it")
    issuers: list[str] = source_field("issuers", list, check=is_nonempty_id_list, coerce=list,
                                      hint="a list of agency ids, e.g. [samr, sac]")
    addressees: list[str] = source_field(
        "addressees", list, required=False, check=is_id_list, coerce=list, default_factory=list,
        hint="agency ids of the 受文 (addressee) line of a notice, e.g. [provincial-governments]")
    doc_number: str = source_field("doc_number", str, hint='the 文号 as printed, or "" when the text has none')
    date: str = source_field("date", (str, int), check=is_date, coerce=str,
                             hint="YYYY-MM-DD, or YYYY when only the year is known")
    written: str = source_field("written", (str, int), required=False, check=is_day, coerce=str, default="",
                                hint="YYYY-MM-DD: the 成文日期 (date of signature) when the document prints one "
                                     "beside its publication date")
    period: str = source_field("period", str, required=False, check=is_period, default="",
                               hint='e.g. "2024—2025年", or ""')
    source: str = source_field("source", str, check=is_file_name, hint="the raw file's name in content/sources/")
    source_script: str = source_field("source_script", str, check=one_of(SCRIPTS))
    cleaning: list[Cleaning] = source_field("cleaning", list, hint="a list of {kind, what, why}")
    official_url: str = source_field("official_url", str, required=False, check=is_url, default="",
                                     hint="the official publication's web address (https://…), where known")
    retrieved: str = source_field("retrieved", str, required=False, check=is_day, coerce=str, default="",
                                  hint="YYYY-MM-DD: the day official_url was checked")
    found_at: str = source_field("found_at", str, required=False, check=is_url, default="",
                                 hint="the web address the raw copy in content/sources/ was taken from")
    completeness: str = source_field("completeness", str, required=False, check=one_of(COMPLETENESS),
                                     default="complete",
                                     hint="complete, or partial when the raw copy lacks part of the document")
    missing: str = source_field("missing", str, required=False, default="",
                                hint="for a partial copy: what the raw copy lacks, in Chinese (shown to readers)")
    path: str
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
    search_terms: list[tuple[str, str]] = field(default_factory=list)  # (term, "file:line"), content/search/terms.txt
