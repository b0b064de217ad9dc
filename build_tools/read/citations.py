"""Cited documents: every 《…》 of every plan, resolved against the corpus.

A title resolves to a plan when, normalised (〈〉 as 《》, dash and bracket forms unified, spaces
dropped), it equals the plan's title or its short title (the title without a trailing
（period）). Before that, a plan's own aliases are applied: `《X》（以下简称《Y》）` or `…简称Y）` makes Y
stand for X in that plan, and `《X》、《Z》（以下均简称《Y》）` for both. What does not resolve is
listed (the unresolved-citations page) and warned about, unless content/external-titles.txt
names it as known to be outside the corpus.
"""
from __future__ import annotations

import re
from collections import defaultdict

from ..diagnostics import Report
from ..model import CitedTitle, Plan
from ..script.markers import strip_markers

TITLE = re.compile(r"《([^《》\n]{1,120})》")
# 《X》、《Z》（以下简称《Y》） / （以下均简称Y）: the run of titles just before the alias
ALIAS = re.compile(r"((?:《[^《》\n]{1,120}》[、和与及]?)+)[（(]以下(均)?简称[“《]?([^）)》”\n]{1,20})[》”]?[）)]")
DASHES = re.compile(r"[-‐‑‒–—―－~～]")
SPACES = re.compile(r"\s+")
PERIOD_SUFFIX = re.compile(r"[（(][^（）()]*\d{4}[^（）()]*[）)]$")


def normalise(title: str) -> str:
    text = strip_markers(title, "zh-Hans").replace("〈", "《").replace("〉", "》")
    text = text.replace("(", "（").replace(")", "）").replace("“", "\"").replace("”", "\"")
    return SPACES.sub("", DASHES.sub("-", text))


STATE_PREFIX = "中华人民共和国"  # 《中华人民共和国标准化法》 is cited as 《标准化法》 too


def short_title(title: str) -> str:
    text = PERIOD_SUFFIX.sub("", normalise(title))
    return text[len(STATE_PREFIX):] if text.startswith(STATE_PREFIX) and len(text) > len(STATE_PREFIX) else text


def group_key(title: str) -> str:
    text = normalise(title)
    return text[len(STATE_PREFIX):] if text.startswith(STATE_PREFIX) and len(text) > len(STATE_PREFIX) else text


def corpus_index(plans: list[Plan]) -> dict[str, str]:
    """normalised title or short title → plan id (a short title shared by two plans names neither)."""
    index: dict[str, str] = {}
    shared: set[str] = set()
    for plan in plans:
        for key in {normalise(plan.title), short_title(plan.title)}:
            if key in index and index[key] != plan.id:
                shared.add(key)
            index.setdefault(key, plan.id)
    full = {normalise(p.title): p.id for p in plans}
    return {k: v for k, v in index.items() if k not in shared or k in full} | full


def aliases(texts: list[str]) -> dict[str, list[str]]:
    """alias → the titles it stands for, as a plan defines them (以下简称…)."""
    out: dict[str, list[str]] = {}
    for text in texts:
        for match in ALIAS.finditer(text):
            titles = TITLE.findall(match[1])
            out[match[3]] = titles if match[2] else titles[-1:]
    return out


def passages(plan: Plan) -> list[tuple[str, int, str | None]]:
    """(text, line, task id or None) of every passage that may cite: the title, then the body."""
    task_of_line = {p.line: t.id for t in plan.tasks for p in t.paragraphs}
    task_of_line.update({t.line: t.id for t in plan.tasks})
    out = [(plan.title, plan.key_lines.get("title", 1), None)]
    out += [(b.text, b.line, task_of_line.get(b.line)) for b in plan.blocks if b.text]
    return out


def cited_titles(plans: list[Plan]) -> list[CitedTitle]:
    index = corpus_index(plans)
    found: list[CitedTitle] = []
    for plan in plans:
        texts = passages(plan)
        alias = aliases([t for t, _, _ in texts])
        for text, line, task in texts:
            defining = [(m.start(3), m.end()) for m in ALIAS.finditer(text)]  # 以下简称《Y》 names no document
            for match in TITLE.finditer(text):
                if any(a <= match.start() < b for a, b in defining):
                    continue
                printed = match[1]
                meant = alias.get(printed) or alias.get(strip_markers(printed, "zh-Hans")) or [printed]
                for title in meant:
                    target = index.get(normalise(title)) or index.get(short_title(title))
                    found.append(CitedTitle(plan.id, printed, strip_markers(title, "zh-Hans"), target, line,
                                            match.start() + 1, task, len(meant) > 1 or title != printed))
    return found


def read_known_external(text: str | None) -> set[str]:
    """content/external-titles.txt: one title per line (without 《》), '#' comments."""
    if not text:
        return set()
    return {group_key(line.strip().strip("《》")) for line in text.split("\n")
            if line.strip() and not line.lstrip().startswith("#")}


def check_citations(cited: list[CitedTitle], plans: list[Plan], known: set[str], report: Report) -> None:
    path_of = {p.id: p.path for p in plans}
    seen: set[tuple] = set()
    for c in cited:
        if c.target or group_key(c.title) in known or (c.plan_id, c.line, c.title) in seen:
            continue
        seen.add((c.plan_id, c.line, c.title))
        report.add(path_of[c.plan_id], c.line, "unresolved-citation",
                   f"《{c.title}》 is cited but is not in the corpus", "import it (policyref import), or add "
                   "the title to content/external-titles.txt if it stays outside", c.col)


def unresolved(cited: list[CitedTitle]) -> list[tuple[str, list[CitedTitle]]]:
    """(title, its citations) of the cited documents outside the corpus, most cited first."""
    groups: dict[str, list[CitedTitle]] = defaultdict(list)
    for c in cited:
        if not c.target:
            groups[group_key(c.title)].append(c)
    # a group is named by its longest printed form (《中华人民共和国标准化法》 over 《标准化法》)
    return sorted(((max((x.title for x in g), key=len), g) for g in groups.values()), key=lambda kv: (-len(kv[1]), kv[0]))
