"""Synthetic corpora for `make bench`: valid plans in the content format, built from the real plans.

Every sentence, chapter title, attribution and standing note is taken from content/plans/ (the
real documents, re-combined); agencies are the real registry. A corpus is written into a
temporary project folder (mkdocs.yml, overrides/ and content/ copied), never into content/.
"""
from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import yaml

from build_tools.read.numerals import int_to_cn

ROOT = Path(__file__).resolve().parents[1]
TASKS_PER_PLAN = 50
TASKS_PER_CHAPTER = 8
HEADING = re.compile(r"^(#{2,3}) (.+?)(?: \{#[\w-]+\})?$")
TASK_LABEL = re.compile(r"^[（(][一二三四五六七八九十百]+[）)]|^[一二三四五六七八九十]+、")
CHAPTER_LABEL = re.compile(r"^[一二三四五六七八九十]+、")


def real_material(root: Path = ROOT) -> tuple[list[str], list[tuple[str, list[str]]], list[str]]:
    """(chapter titles without number, tasks as (title without label, body lines), plan titles)."""
    chapters, tasks, titles = [], [], []
    for path in sorted((root / "content" / "plans").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        front, body = text.split("\n---\n", 1)
        titles.append(yaml.safe_load(front.lstrip("-\n"))["title"])
        current: list[str] | None = None
        in_fence = False
        for line in body.split("\n"):
            if line.startswith(":::"):
                in_fence = not in_fence
                current = None
                continue
            m = HEADING.match(line)
            if m and not in_fence:
                title = m[2].strip()
                if m[1] == "##":
                    current = None
                    if CHAPTER_LABEL.match(title):
                        chapters.append(CHAPTER_LABEL.sub("", title))
                elif TASK_LABEL.match(title):
                    current = []
                    tasks.append((TASK_LABEL.sub("", title), current))
                else:
                    current = None
            elif current is not None and line.strip() and not line.startswith("#"):
                current.append(line)
    # not the cut-off last task of a partial copy (a bracket its copy never closes)
    tasks = [(t, b) for t, b in tasks if b and all(_balanced(line) for line in b)]
    return chapters, tasks, titles


def _balanced(line: str) -> bool:
    return all(line.count(a) == line.count(b) for a, b in ("〔〕", "（）", "()", "【】"))


def write_corpus(dest: Path, total_tasks: int, seed: int = 10, root: Path = ROOT) -> Path:
    """A project folder at `dest` holding `total_tasks` tasks in plans of TASKS_PER_PLAN."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copy(root / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(root / "overrides", dest / "overrides")
    content = dest / "content"
    shutil.copytree(root / "content", content, ignore=shutil.ignore_patterns("plans", "sources"))
    (content / "plans").mkdir()
    (content / "sources").mkdir()
    chapters, tasks, titles = real_material(root)
    issuers = [["samr", "sac"], ["miit"], ["sac"]]
    rng = random.Random(seed)
    plans = max(1, total_tasks // TASKS_PER_PLAN)
    for n in range(plans):
        count = TASKS_PER_PLAN if n < plans - 1 else total_tasks - TASKS_PER_PLAN * (plans - 1)
        year = 2000 + n % 26
        plan_id = f"{year}-bench-plan-{n:05d}"
        source = f"bench_{n:05d}.txt"
        lines = [f"---", f"id: {plan_id}", f"title: {json.dumps(rng.choice(titles) + f'（第{n + 1}号）', ensure_ascii=False)}",
                 f"issuers: [{', '.join(issuers[n % len(issuers)])}]", 'doc_number: ""',
                 f'date: "{year}"', f"source: {source}", "source_script: zh-Hans", "cleaning:",
                 "  - kind: layout", '    what: "基准测试用的合成文件，由本站真实文件的句子组合而成。"',
                 "    why: 只用于 make bench，不发布。", "---", ""]
        picked = rng.sample(tasks, count) if count <= len(tasks) else [rng.choice(tasks) for _ in range(count)]
        lines += [picked[0][1][0], ""]  # a real paragraph as preamble
        for i, (title, body) in enumerate(picked, start=1):
            if (i - 1) % TASKS_PER_CHAPTER == 0:
                c = (i - 1) // TASKS_PER_CHAPTER + 1
                lines += [f"## {int_to_cn(c)}、{rng.choice(chapters)} {{#c{c}}}", ""]
            lines += [f"### （{int_to_cn(i)}）{title} {{#t{i:02d}}}", *body, ""]
        text = "\n".join(lines)
        (content / "plans" / f"{plan_id}.md").write_text(text, encoding="utf-8")
        (content / "sources" / source).write_text(text.split("\n---\n", 1)[1], encoding="utf-8")
    return dest
