"""Read one annotated plan source into the model. Pure: text in, Plan + diagnostics out."""
from __future__ import annotations

import re

from ..diagnostics import Report
from ..model import Attribution, Block, Chapter, Cleaning, Plan, Segment, Task
from .attribution import Convention, find_attributions, note_convention
from .lint import check_body
from .registry import Registry
from .schema import check_mapping, declared, from_source, load_yaml

FENCES = ("notice", "signature", "annex", "closing")

HEADING_RE = re.compile(r"^(?P<hashes>#{2,4}) (?P<text>.+?)(?:\s*\{#(?P<id>[^}\s]*)\})?\s*$")
FENCE_RE = re.compile(r"^:::\s*(?P<kind>[\w-]*)\s*$")
LABEL_RE = re.compile(r"^(?P<label>（[一二三四五六七八九十百零]+）|\([一二三四五六七八九十百零]+\)"
                      r"|[一二三四五六七八九十百零]+、|\d+[.．、]|（\d+）)")
TASK_ID_RE = re.compile(r"^t\d+$")
KEYWORDS = re.compile("牵头|负责|按职责|分工|配合|参与")
CHAPTER_ID_RE = re.compile(r"^c\d+$")


def split_front_matter(text: str, path: str, report: Report) -> tuple[str, str, int] | None:
    """(yaml, body, body's first line number) or None when the front matter is missing."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        report.add(path, 1, "front-matter-missing", "the file must start with '---' front matter",
                   "add a '---' line, the YAML keys, and a closing '---' line")
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    report.add(path, 1, "front-matter-unclosed", "front matter is not closed",
               "add a line '---' after the last YAML key")
    return None


def parse_plan(text: str, path: str, registry: Registry, report: Report) -> Plan | None:
    """Parse one plan source. Every problem goes to `report`; None when unusable."""
    plan, meta_ok = read_plan(text, path, registry, report)
    return plan if meta_ok else None


def read_plan(text: str, path: str, registry: Registry, report: Report) -> tuple[Plan | None, bool]:
    """(plan, front matter valid). With invalid front matter the body is still read and checked,
    so that one run reports every problem; such a plan must not be published."""
    parts = split_front_matter(text, path, report)
    if parts is None:
        return None, False
    meta_text, body, body_line = parts
    meta, lines = load_yaml(meta_text, path, 2, report)
    meta_ok = meta is not None and check_mapping(meta, declared(Plan), path, lines, 1, report)
    if meta_ok:
        plan = from_source(Plan, meta, path=path, cleaning=_read_cleaning(meta["cleaning"], path, lines, report),
                           key_lines={k: v for k, v in lines.items() if isinstance(k, str)})
    else:  # still read the body, so that one run reports every problem of the file
        plan = Plan(id=path.rsplit("/", 1)[-1].removesuffix(".md"), title="", issuers=[], doc_number="",
                    date="", period="", source="", source_script="zh-Hans", cleaning=[], path=path)
    if isinstance(meta, dict):
        _check_agency_ids(meta, lines, path, registry, report)
    plan.blocks = _read_blocks(body, body_line, path, report)
    if not any(b.kind in ("paragraph", "chapter", "task", "heading") for b in plan.blocks):
        report.add(path, body_line, "empty-body", "the plan has front matter but no text",
                   "paste the document's text below the closing '---'")
    _build_structure(plan, report)
    _build_segments(plan, registry, report)
    check_body(plan, report)
    return plan, meta_ok


def _check_agency_ids(meta: dict, lines: dict, path: str, registry: Registry, report: Report) -> None:
    for key in ("issuers", "addressees"):
        ids = meta.get(key)
        for index, agency_id in enumerate(ids if isinstance(ids, list) else []):
            if isinstance(agency_id, str) and agency_id not in registry and registry.agencies:
                report.add(path, lines.get((key, index), lines.get(key, 1)), "unknown-agency",
                           f"{key}: agency id '{agency_id}' is not in the registry",
                           _suggest_id(agency_id, registry))


def _read_cleaning(entries, path, lines, report) -> list[Cleaning]:
    out = []
    for index, entry in enumerate(entries):
        line = lines.get(("cleaning", index), lines.get("cleaning", 1))
        if check_mapping(entry, declared(Cleaning), path, lines, line, report, "cleaning", ("cleaning", index)):
            out.append(from_source(Cleaning, entry, line=lines.get(("cleaning", index, "what"), line)))
    return out


def _read_blocks(body: str, first_line: int, path: str, report: Report) -> list[Block]:
    blocks: list[Block] = []
    fence: str | None = None
    fence_line = 0
    for offset, raw in enumerate(body.split("\n")):
        line_no = first_line + offset
        line = raw.strip()
        if not line:
            continue
        fence_match = FENCE_RE.match(line)
        if fence_match:
            kind = fence_match["kind"]
            if fence is None:
                if kind not in FENCES:
                    report.add(path, line_no, "fence-kind", f"unknown block '::: {kind}'",
                               f"use one of: {', '.join('::: ' + f for f in FENCES)}")
                    kind = "notice"
                fence, fence_line = kind, line_no
                blocks.append(Block("fence-start", "", line_no, fence=kind))
            elif kind:
                report.add(path, line_no, "fence-nested", f"'::: {kind}' inside '::: {fence}' (line {fence_line})",
                           "close the open block with ':::' first")
            else:
                blocks.append(Block("fence-end", "", line_no, fence=fence))
                fence = None
            continue
        heading = HEADING_RE.match(line)
        if heading:
            level = len(heading["hashes"])
            kind = {2: "chapter", 3: "task", 4: "heading"}[level]
            if fence and kind != "heading":
                report.add(path, line_no, "heading-in-block", f"a {kind} heading inside '::: {fence}'",
                           "close the block with ':::' before the heading")
            blocks.append(Block(kind, heading["text"], line_no, fence=fence, id=heading["id"]))
            continue
        if line.startswith("#"):
            report.add(path, line_no, "heading-level", "only ##, ### and #### headings are allowed",
                       "use ## for chapters, ### for tasks, #### for other headings (the title comes from front matter)")
        blocks.append(Block("paragraph", line, line_no, fence=fence))
    if fence:
        report.add(path, fence_line, "fence-unclosed", f"'::: {fence}' is never closed",
                   "add a line ':::' where the block ends")
    return blocks


def _build_structure(plan: Plan, report: Report) -> None:
    closing: Block | None = None
    chapter: Chapter | None = None
    task: Task | None = None
    seen: dict[str, int] = {}
    for block in plan.blocks:
        if block.kind in ("chapter", "task") and closing:
            report.add(plan.path, closing.line, "closing-misplaced",
                       f"'::: closing' stands before the {block.kind} at line {block.line}",
                       "the closing block holds what follows the last task: move it after that task")
            closing = None
        if block.kind == "fence-start" and block.fence == "closing":
            closing = block
        if block.kind in ("chapter", "task"):
            pattern = CHAPTER_ID_RE if block.kind == "chapter" else TASK_ID_RE
            example = "c1" if block.kind == "chapter" else "t01"
            if not block.id:
                report.add(plan.path, block.line, "missing-anchor", f"{block.kind} heading has no {{#id}}",
                           f"end the line with an ASCII id such as {{#{example}}}")
                block.id = f"{block.kind}-line{block.line}"
            elif not pattern.match(block.id):
                report.add(plan.path, block.line, "bad-anchor", f"{block.kind} id '{block.id}' has the wrong form",
                           f"use {example}, {example[0]}2 … in document order")
            if block.id in seen:
                report.add(plan.path, block.line, "duplicate-id", f"id '{block.id}' is used twice",
                           f"give it a new id (first used at line {seen[block.id]})")
            seen.setdefault(block.id, block.line)
        if block.kind == "chapter":
            chapter = Chapter(block.id, block.text, block.line)
            plan.chapters.append(chapter)
            task = None
        elif block.kind == "task":
            match = LABEL_RE.match(block.text)
            if not match:
                report.add(plan.path, block.line, "task-label", f"task heading '{block.text[:20]}' has no number",
                           "start it with its number as printed: （一）, 一、, 1. …")
            label = match["label"] if match else ""
            task = Task(id=block.id, plan_id=plan.id, number=len(plan.tasks) + 1, label=label,
                        title=block.text[len(label):].strip(), heading=block.text, chapter=chapter,
                        paragraphs=[], segments=[], line=block.line)
            plan.tasks.append(task)
        elif block.kind == "fence-start":
            task = None  # a notice, signature or annex ends the task before it
            if block.fence in ("annex", "closing"):
                chapter = None
        elif block.kind == "paragraph" and not block.fence:
            if task:
                task.paragraphs.append(block)
            elif chapter:
                chapter.intro.append(block)
        elif block.kind == "heading" and not block.fence:
            task = None
            chapter = None


def _build_segments(plan: Plan, registry: Registry, report: Report) -> None:
    """Cut each task into segments at its attributions (several may stand in one paragraph),
    reading them under the document's running convention (列第一位者为牵头单位，下同; standing notes)."""
    convention = Convention()
    task_of = {id(p): t for t in plan.tasks for p in t.paragraphs}
    state = {id(t): {"pending": [], "line": t.paragraphs[0].line if t.paragraphs else t.line} for t in plan.tasks}
    for block in plan.blocks:
        if block.kind != "paragraph":
            continue
        task = task_of.get(id(block))
        if task is None:
            if block.fence in (None, "notice"):  # a convention may be stated before the tasks
                convention = note_convention(block.text, convention)
            continue
        readings, after = find_attributions(block.text, convention, registry.resolve)
        st, pos, standing = state[id(task)], 0, convention.standing
        if not st["pending"]:  # a segment starts at its first paragraph (blank lines may come before it)
            st["line"] = block.line
        for raw in readings:
            if not raw.placed:
                continue  # lint reports it (attribution-misplaced); its text stays in the segment
            covered = block.text[pos: raw.start].strip()
            if not (raw.lead or raw.responsible or raw.standing):
                report.add(plan.path, block.line, "attribution-empty", f"attribution {raw.text[:30]} names no agency",
                           "write the agencies before 牵头 / 按职责分工负责, as printed in the document",
                           col=raw.start + 1)
            if raw.leftover:
                report.add(plan.path, block.line, "attribution-syntax",
                           f"cannot read '{raw.leftover[:30]}' in the attribution {raw.text[:30]}",
                           "write it as 〔A、B牵头，C、D等按职责分工负责〕 (optionally followed by "
                           "。以下均需…负责，不再列出), or split the paragraph", col=raw.start + 1)
            if covered:
                st["pending"].append(covered)
            attribution = Attribution(
                raw.text, _resolve(raw.lead, plan, block.line, registry, report),
                _resolve(raw.responsible, plan, block.line, registry, report),
                _resolve(raw.standing, plan, block.line, registry, report), block.line, raw)
            inherited = [a for a in standing if a.id not in attribution.responsible]
            responsible = _merge(attribution.responsible, [a.id for a in standing if a.id])
            task.segments.append(Segment("\n".join(st["pending"]), attribution.lead, responsible, [],
                                         attribution, st["line"], inherited))
            standing += tuple(a for a in raw.standing if a not in standing)  # from the next segment on
            st["pending"] = []
            pos = raw.end
            rest = block.text[pos:].lstrip("。；; ")
            st["line"] = block.line if rest else block.line + 1
            pos = len(block.text) - len(rest)
        tail = block.text[pos:].strip()
        if tail.strip("。；; "):
            st["pending"].append(tail)
        convention = after
    for task in plan.tasks:
        st = state[id(task)]
        if st["pending"] and task.segments:
            report.add(plan.path, st["line"], "uncovered-text",
                       "text after the task's last attribution is covered by no attribution",
                       "move the attribution to the end of the text it covers, or add one; a closing "
                       "paragraph after the last task belongs in '::: closing'")
            task.segments.append(Segment("\n".join(st["pending"]), [], [a.id for a in convention.standing if a.id],
                                         [], None, st["line"]))
        elif not task.segments:
            task.segments.append(Segment("\n".join(st["pending"]), [], [], list(plan.issuers), None, st["line"]))
    if plan.has_attributions:
        cut = plan.tasks[-1] if plan.completeness == "partial" and plan.tasks else None
        for task in plan.tasks:
            if task is cut and all(s.attribution is None for s in task.segments):
                for segment in task.segments:  # the copy ends before its attribution: nobody is credited
                    segment.issuer = []
                continue
            if all(s.attribution is None for s in task.segments):
                report.add(plan.path, task.line, "task-without-attribution",
                           f"task {task.label} has no attribution while others in this plan do; "
                           "it is credited to the issuers",
                           "check the raw text for a lost 〔…牵头…〕 group")


def _resolve(actors, plan: Plan, line: int, registry: Registry, report: Report) -> list[str]:
    ids: list[str] = []
    for actor in actors:
        if actor.id is None and KEYWORDS.search(actor.name):
            report.add(plan.path, line, "attribution-syntax", f"cannot read the attribution near '{actor.name[:30]}'",
                       "write it as 〔A、B牵头，C、D等按职责分工负责〕 (optionally followed by "
                       "。以下均需…负责，不再列出), or split the paragraph")
            continue
        if actor.id is None and not registry.agencies:
            continue  # the registry itself is broken and reported; do not list every name
        if actor.id is None:
            near = registry.closest(actor.name)
            report.add(plan.path, line, "unknown-agency", f"agency '{actor.name}' is not in the registry",
                       (f"did you mean {' / '.join(near)}? " if near else "")
                       + "or add it to content/agencies.yml")
            continue
        ids = _merge(ids, [actor.id])
    return ids


def _merge(a: list[str], b: list[str]) -> list[str]:
    return a + [x for x in b if x not in a]


def _suggest_id(agency_id: str, registry: Registry) -> str:
    import difflib
    near = difflib.get_close_matches(agency_id, list(registry.agencies), n=3, cutoff=0.5)
    return (f"did you mean {' / '.join(near)}? " if near else "") + "use an id from content/agencies.yml"
