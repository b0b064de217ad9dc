"""The one attribution grammar: who owes a passage, as the document prints it in brackets.

Used by the plan reader (read/plan.py), the renderer (render/escape.py), lint and the importer.
Pure functions, no globals: the document's running state is a `Convention` passed in and returned.

Public API (stable; the importer relies on it):

* ``find_attributions(paragraph, convention=Convention(), resolve=None) -> (list[Reading], Convention)``
  every attribution group of a paragraph, in order, read under `convention`; returns the
  convention in force after the paragraph (a note like 列第一位者为牵头单位，下同 or
  以下均需…负责，不再列出 changes it). `resolve(name) -> id | None` gives registry ids; without it
  every actor's id is None.
* ``read_group(group, convention=Convention(), resolve=None) -> (Reading | None, Convention)``
  one bracket group, brackets included ("（A牵头，B负责）"); None when it is not an attribution.
* ``note_convention(text, convention) -> Convention``: a convention stated outside brackets
  (e.g. in the preamble: 各项任务列第一位者为牵头单位).
* ``split_names(part, resolve=None) -> tuple[Actor, ...]``: a printed list of names
  (A、B等C及D) as actors.
* ``is_attribution(group)``: whether a bracket group (brackets included) reads as one; it does not
  depend on the convention, so a renderer can mark groups without reading the whole document.
* ``bracket_groups(text)``: (start, end) of each outermost balanced 〔…〕（…）(…)【…】 group, end exclusive.
* ``find_attribution(paragraph)``: the paragraph-final attribution only (older callers), or None.

Data: `Actor(name as printed, id or None)`; `Reading(start, end, text, lead, responsible,
standing, placed, leftover)` — `standing` are the actors its standing note names (they join
`Convention.standing` for every later segment), `placed` is False when the group sits inside a
sentence (nothing of 。；： around it, text running on), `leftover` is any text of the group
the grammar could not read (an error for the caller to report).

Grammar of a group's content (after dropping a final 。):
  clause {，|；} clause …  [。note]… [，when]
  clause  = names 牵头[负责] | names [等][部门][按职责分工|分工|分别|按职责]负责[落实] | names 配合|参与|指导
            (a leading 由 is dropped; 牵头单位：A；参与单位：B is read as A牵头；B参与)
  note    = 以下均需 names 负责|落实，不再列出 | 列第一位者为牵头单位[，下同] (and wording variants)
  when    = a final time note (年内持续推进, 12月底前完成, 2021年底前出台): names nobody
  names   = name {、|，|及|以及|和|与|会同|等 name}; `A等B` keeps B unless it is a filler (部门, 单位),
            and `A等和B` is A and B;
            `A（B）` is both; a name joined by 和/及/与 splits only when the whole is not a registered
            name and both sides look like agencies (文化和旅游部 stays one).
Roles: 牵头 → lead; 负责/配合/参与/指导 → responsible; with the convention "first is lead", a group
without 牵头 makes its first name lead and the rest responsible.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

Resolve = Callable[[str], "str | None"]

OPEN = {"〕": "〔", "）": "（", ")": "(", "】": "【"}
CLOSE = {v: k for k, v in OPEN.items()}
ROLE = re.compile(r"(?P<lead>牵头(?:负责)?)"
                  r"|(?P<duty>(?:等(?:部门|单位)?)?(?:[按依]照?职责分工|[按依]职责|分工|分别|共同|具体)?负责(?:落实)?)"
                  r"|(?P<help>(?:等)?(?:配合|参与|指导))")
STANDING = re.compile(r"以下(?:各项)?(?:任务)?(?:均|都|皆)?(?:需|需要|由)?(?P<who>.+?)(?:负责落实|负责|参与|配合|落实)"
                      r"[，,、]?\s*(?:不再|不)(?:一一)?列出"
                      # 具体任务均涉及相关市（州）人民政府，不再做分工，下同
                      r"|(?:具体)?(?:任务)?(?:均|都)(?:涉及|需|由)(?P<who2>[^，,；;。]+?)(?:负责|参与|落实)?[，,、]?\s*"
                      r"不再(?:做|作|进行)?分工(?:[，,、]?\s*下同)?")
FIRST_LEAD = re.compile(r"(?:列|排)(?:在)?(?:第一|首)位(?:者|的)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)(?:或(?:单位|部门))?"
                        r"(?:[，,、]\s*其他[^，,；;。]{0,12}负责)?"  # …，其他有关部门和单位按职责分工负责 (the rule for the rest)
                        r"(?P<same>[，,、]?\s*下同)?")
# 牵头单位：A、B；参与单位：C — the labelled form, rewritten into the verb form before reading
LABELLED = re.compile(r"(?P<role>牵头|主办|责任|参与|配合|协办)(?:单位|部门)[:：]\s*(?P<names>[^；;。]+)")
LABEL_VERB = {"牵头": "牵头", "主办": "牵头", "责任": "负责", "参与": "参与", "配合": "配合", "协办": "参与"}
# when, not who: a final clause such as 年内持续推进, 12月底前完成, 2020年底前出台, 长期坚持
TIMING = re.compile(r"[，,；;]\s*(?P<when>(?:(?:19|20)\d\d年?)?(?:年内|年底前?|年中|上半年|下半年|\d{1,2}月(?:底|中旬|上旬|下旬)?前?"
                    r"|长期|持续|逐年|分年度|分阶段|每年)[^，,；;。、]{0,12})[。]?\s*$")
CLAUSE_SEP = "，,；;、 "
NAME_SEP = re.compile(r"[、，,；;]|以及|会同")
JOINERS = ("及", "和", "与")
LEADING_JOINER = re.compile(r"^(?:以及|和|及|与|并)(?=.)")  # 等和各省级人民政府: the joiner after 等
FILLERS = {"", "部门", "单位", "部门和单位", "单位和部门", "部门单位", "机构"}
# the ends of agency and collective names: used only to decide whether 和/及/等 joins two names
AGENCY_END = re.compile(r"(?:部|委|委员会|局|署|办|办公室|院|会|行|政府|地区|部门|单位|机构|组织|中心|总队|集团|企业"
                        r"|联|协|社|军|处|厅|所|司)$")
LABEL = re.compile(r"^(?:\d+[.．、]|（\d+）|\(\d+\)|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)")
SENTENCE_END = "。；;：:！？"


@dataclass(frozen=True)
class Actor:
    """One name in an attribution: as printed, and its registry id (None when not registered)."""

    name: str
    id: str | None = None


@dataclass(frozen=True)
class Convention:
    """What the document has said so far about reading its brackets."""

    first_is_lead: bool = False  # 列第一位者为牵头单位，下同
    standing: tuple[Actor, ...] = ()  # 以下均需…负责，不再列出: responsible for every later segment


@dataclass(frozen=True)
class Reading:
    """One attribution group as read: where it is, its text, and its actors by role."""

    start: int  # offset of the opening bracket in the paragraph
    end: int  # offset just after the closing bracket
    text: str  # brackets included
    lead: tuple[Actor, ...]
    responsible: tuple[Actor, ...]
    standing: tuple[Actor, ...]
    placed: bool = True  # False: the group stands inside a sentence
    leftover: str = ""  # text of the group that could not be read


def bracket_groups(text: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost balanced bracket group of 〔〕（）()【】; end exclusive."""
    stack: list[tuple[str, int]] = []
    out = []
    for i, ch in enumerate(text):
        if ch in CLOSE:
            stack.append((ch, i))
        elif ch in OPEN:
            if stack and stack[-1][0] == OPEN[ch]:
                _, start = stack.pop()
                if not stack:
                    out.append((start, i + 1))
            else:
                stack = []  # unbalanced: lint reports it; restart after it
    return out


def _strip_notes(inner: str, convention: Convention, resolve: Resolve | None):
    """(content without notes, first-is-lead for this group, convention after, standing actors)."""
    standing: tuple[Actor, ...] = ()
    first_here = convention.first_is_lead
    note = STANDING.search(inner)
    if note:
        standing = split_names(note["who"] or note["who2"], resolve)
        inner = inner[: note.start()] + inner[note.end():]
        convention = replace(convention, standing=_union(convention.standing, standing))
    rule = FIRST_LEAD.search(inner)
    if rule:
        first_here = True
        if rule["same"]:
            convention = replace(convention, first_is_lead=True)
        inner = inner[: rule.start()] + inner[rule.end():]
    inner = LABELLED.sub(_labelled, inner)
    inner = TIMING.sub("", inner.strip(" 。；;，,"))
    return inner.strip(" 。；;，,"), first_here, convention, standing


def _labelled(m: re.Match) -> str:
    """责任单位：A、B → A、B负责; the verb is not added when the names already end in one
    (责任单位：A、B按职责分工负责)."""
    names = m["names"].strip()
    return names if re.search(r"(?:负责|负责落实|配合|参与|指导|牵头)$", names) else names + LABEL_VERB[m["role"]]


def is_attribution(group: str) -> bool:
    """Whether a bracket group (brackets included) is an attribution: its content, notes aside,
    contains 牵头 or ends in 负责 / 配合 / 参与, and names somebody or carries a standing note."""
    if len(group) < 2 or group[0] not in CLOSE or CLOSE[group[0]] != group[-1]:
        return False
    content, _, _, standing = _strip_notes(group[1:-1], Convention(), None)
    if standing and not content:
        return True
    return "牵头" in content or bool(re.search(r"(?:负责|负责落实|配合|参与|指导)$", content))


def read_group(group: str, convention: Convention = Convention(), resolve: Resolve | None = None,
               start: int = 0) -> tuple[Reading | None, Convention]:
    """Read one bracket group (brackets included). None when it is no attribution."""
    if not is_attribution(group):
        return None, convention
    content, first_here, after, standing = _strip_notes(group[1:-1], convention, resolve)
    lead: list[Actor] = []
    responsible: list[Actor] = []
    pos, any_lead = 0, False
    for match in ROLE.finditer(content):
        names = content[pos: match.start()].strip(CLAUSE_SEP).removeprefix("由")
        actors = split_names(names, resolve)
        if match["lead"]:
            any_lead = True
            lead += actors
        else:
            responsible += actors
        pos = match.end()
    rest = content[pos:].strip(CLAUSE_SEP + "。")
    if first_here and not any_lead and responsible:
        lead, responsible = [responsible[0]], responsible[1:]
    reading = Reading(start, start + len(group), group, _union((), lead), _union((), responsible), standing,
                      True, rest)
    return reading, after


def find_attributions(paragraph: str, convention: Convention = Convention(),
                      resolve: Resolve | None = None) -> tuple[list[Reading], Convention]:
    """Every attribution group of a paragraph in order, and the convention after it."""
    out = []
    for start, end in bracket_groups(paragraph):
        reading, convention = read_group(paragraph[start:end], convention, resolve, start)
        if reading:
            out.append(replace(reading, placed=_placed(paragraph, start, end)))
    if not out:
        convention = note_convention(paragraph, convention)
    return out, convention


def _placed(paragraph: str, start: int, end: int) -> bool:
    """An attribution closes a sentence: 。；： before it, or after it nothing, punctuation, or a
    numbered item (1．…)."""
    before = paragraph[:start].rstrip()
    after = paragraph[end:].lstrip()
    return (not before or before[-1] in SENTENCE_END or not after or after[0] in SENTENCE_END
            or bool(LABEL.match(after)))


def note_convention(text: str, convention: Convention) -> Convention:
    """A convention stated in running text (not in an attribution), e.g. in the preamble."""
    if FIRST_LEAD.search(text):
        convention = replace(convention, first_is_lead=True)
    return convention


def find_attribution(paragraph: str) -> Reading | None:
    """The attribution that ends the paragraph (before a final 。), if any."""
    readings, _ = find_attributions(paragraph)
    if readings and not paragraph[readings[-1].end:].strip("。 "):
        return readings[-1]
    return None


def split_names(part: str, resolve: Resolve | None = None) -> tuple[Actor, ...]:
    """A printed list of names as actors, in order, each once."""
    known = (lambda name: resolve(name) is not None) if resolve else (lambda name: False)
    names: list[str] = []
    for token in NAME_SEP.split(part):
        token = token.strip(" 。")
        for piece in _split_deng(token, known):
            names += _expand(LEADING_JOINER.sub("", piece), known)
    return _union((), [Actor(n, resolve(n) if resolve else None) for n in names if n])


def _agency_like(name: str, known) -> bool:
    return bool(name) and (known(name) or bool(AGENCY_END.search(name)))


def _split_deng(token: str, known) -> list[str]:
    """`A等B`: A and B (B dropped when a filler such as 部门); 等 not after an agency name is text
    (各高等学校)."""
    if known(token):
        return [token]
    for i, ch in enumerate(token):
        if ch == "等" and _agency_like(token[:i], known):
            tail = token[i + 1:]
            return [token[:i], *([] if tail in FILLERS else _split_deng(tail, known))]
    return [token]


def _expand(name: str, known) -> list[str]:
    """A（B） as both; A和B / A及B / A与B as two when the whole is unknown and both look like agencies."""
    if known(name):
        return [name]
    paren = re.fullmatch(r"(?P<a>[^（(]+)[（(](?P<b>[^）)]+)[）)]", name)
    if paren and _agency_like(paren["a"], known) and _agency_like(paren["b"], known):
        return [paren["a"], paren["b"]]
    for i, ch in enumerate(name):
        if ch in JOINERS and 0 < i < len(name) - 1:
            left, right = name[:i], name[i + 1:]
            if _agency_like(left, known) and _agency_like(right, known) and right not in FILLERS:
                return [left, *_expand(right, known)]
    return [name]


def expand_name(name: str, known) -> list[str] | None:
    """Registered names a printed name stands for (itself, A（B）, A和B); None when not all known."""
    parts = _expand(name, known)
    return parts if all(known(p) for p in parts) else None


def _union(a, b) -> tuple[Actor, ...]:
    out = list(a)
    for actor in b:
        if actor not in out:
            out.append(actor)
    return tuple(out)
