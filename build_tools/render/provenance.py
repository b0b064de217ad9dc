"""Where a page's text comes from and how to cite it: the citation line, its stable URL.

A citation is plain text in canonical Simplified (converted with its page, like every string).
Its URL is absolute when the build knows the site URL; otherwise the page's path under site/ is
printed and cite.js replaces it with the address the reader actually loaded.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Agency, Plan, Task
from .labels import SITE_TITLE, UNOFFICIAL


@dataclass(frozen=True)
class Citation:
    text: str  # without the URL
    url: str  # absolute, or the path under site/
    absolute: bool


def page_address(site_url: str | None, variant: str, url: str) -> tuple[str, bool]:
    """(address of a page, whether it is absolute) for a site published at `site_url`."""
    if site_url:
        return f"{site_url.rstrip('/')}/{variant}/{url}", True
    return f"{variant}/{url}", False


def _inner_title(title: str) -> str:
    # a title inside 《》 writes its own 《》 as 〈〉 (GB/T 15834 nesting)
    return title.replace("《", "〈").replace("》", "〉")


def _issuers(plan: Plan, agencies: dict[str, Agency]) -> str:
    return "、".join(agencies[i].full_name for i in plan.issuers if i in agencies)


def _document(plan: Plan, agencies: dict[str, Agency]) -> str:
    number = f"（{plan.doc_number}）" if plan.doc_number else ""
    return f"{_issuers(plan, agencies)}：《{_inner_title(plan.title)}》{number}，{plan.date}"


def plan_citation(plan: Plan, agencies: dict[str, Agency], address: tuple[str, bool]) -> Citation:
    return Citation(f"{_document(plan, agencies)}。{SITE_TITLE}（{UNOFFICIAL}）。", *address)


def task_citation(plan: Plan, task: Task, agencies: dict[str, Agency], address: tuple[str, bool]) -> Citation:
    return Citation(f"{_document(plan, agencies)}，{task.label}{task.title}。{SITE_TITLE}（{UNOFFICIAL}）。",
                    *address)
