"""Filters without JavaScript: each facet value is a plain list at its own #anchor, reached by a
link (keyboard: Tab + Enter). CSS (`:has(:target)`) shows only the chosen list; without it all
lists stay readable one after another."""
from __future__ import annotations

import re
from collections import defaultdict

from ..model import ROLES, Agency, Plan

# what a document is, by the end of its title (longest first); PRC titles end with the document type
DOC_TYPES = ("行动计划", "重点任务分工", "任务分工", "实施方案", "工作要点", "重点工作", "指导意见", "实施意见",
             "通知", "意见", "方案", "计划", "规划", "纲要", "办法", "决定", "规定", "要点", "分工")
TRAILING = re.compile(r"[（(][^（）()]*[）)]$")


def doc_type(title: str) -> str:
    text = TRAILING.sub("", title.strip())
    return next((t for t in DOC_TYPES if text.endswith(t)), "其他")


def plan_facets(plans: list[Plan], issuer_name) -> list[dict]:
    """[{id, label, groups: [{id, label, plans}]}] for year, issuer and document type."""
    by: dict[str, dict[str, list[Plan]]] = {"year": defaultdict(list), "issuer": defaultdict(list),
                                            "type": defaultdict(list)}
    for plan in plans:
        by["year"][plan.year].append(plan)
        for i in plan.issuers:
            by["issuer"][i].append(plan)
        by["type"][doc_type(plan.title)].append(plan)
    labels = {"year": "年份", "issuer": "发布机关", "type": "文件类型"}
    out = []
    for facet, groups in by.items():
        keys = sorted(groups) if facet != "issuer" else sorted(groups, key=lambda k: (-len(groups[k]), k))
        out.append({"id": facet, "label": labels[facet], "groups": [
            {"id": f"{facet}-{_slug(k)}", "label": issuer_name(k) if facet == "issuer" else k, "plans": groups[k],
             **({"year": k} if facet == "year" else {"agency": k} if facet == "issuer" else {})}
            for k in keys]})
    return out


def agency_facets(agencies: list[Agency], counts, kind_labels: dict, role_labels: dict) -> list[dict]:
    kinds: dict[str, list[Agency]] = defaultdict(list)
    for a in agencies:
        kinds["collective" if a.is_collective else "body"].append(a)
    by_kind: dict[str, list[Agency]] = defaultdict(list)
    for a in agencies:
        by_kind[a.kind].append(a)
    roles = {r: [a for a in agencies if counts[a.id][r]] for r in ROLES}
    return [
        {"id": "group", "label": "部门或集合主体", "groups": [
            {"id": "group-body", "label": "部门机构", "agencies": kinds["body"]},
            {"id": "group-collective", "label": "集合主体（如“各有关部门”）", "agencies": kinds["collective"]}]},
        {"id": "kind", "label": "类别", "groups": [
            {"id": f"kind-{_slug(k)}", "label": kind_labels.get(k, k), "agencies": v}
            for k, v in sorted(by_kind.items(), key=lambda kv: (-len(kv[1]), kv[0]))]},
        {"id": "role", "label": "角色", "groups": [
            {"id": f"role-{r}", "label": f"{role_labels[r]}过任务", "agencies": roles[r], "role": r}
            for r in ROLES if roles[r]]},
    ]


def _slug(key: str) -> str:
    """An ASCII-safe anchor piece: ids stay, other text becomes its code points."""
    if re.fullmatch(r"[a-z0-9-]+", key):
        return key
    return "-".join(f"{ord(c):x}" for c in key)
