"""Property-based tests (hypothesis): generated and mutated plan sources and registries drive
the reader, the parser and the check. Whatever the input: no exception, only documented
rules with their documented severity, every message located inside the file, with a fix.
And the escaping that makes content inert loses nothing: what a reader sees is the text."""
from __future__ import annotations

import functools
import os
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import markdown
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from build_tools.read.attribution import find_attribution
from build_tools.project import Project
from build_tools.read.site import load_registry_file, load_site
from build_tools.diagnostics import Report
from build_tools.render.pages import Renderer
from build_tools.rules import RULES
from build_tools.render.escape import html_text, md_heading_text, visible

from conftest import CONVERTER, PROJECT, ROOT, plan_front

SCALE = int(os.environ.get("POLICYREF_HYPOTHESIS_SCALE", "1"))  # e.g. 50 for a long bug hunt
FAST = settings(max_examples=60 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=25 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FORMAT = re.compile(r"^[^:\n]+:\d+:\d+: (error|warning) \[[a-z0-9-]+\] \S.* — \S.*$", re.S)
PLANS = sorted((ROOT / "content" / "plans").glob("*.md"))


@functools.lru_cache(maxsize=1)
def registry():
    report = Report()
    loaded = load_registry_file(PROJECT, report)
    assert not report.items
    return loaded


@functools.lru_cache(maxsize=1)
def workspace() -> Path:
    """A project copy (sources, registry) whose plans/ folder each example refills."""
    root = Path(tempfile.mkdtemp(prefix="policyref-props-"))
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def check_plan_bytes(data: bytes, name: str = "2020-generated.md") -> tuple[Report, object]:
    """Run the full check (file reading, parsing, cross-file validation) on one plan file."""
    root = workspace()
    plans = root / "content" / "plans"
    shutil.rmtree(plans)
    plans.mkdir()
    (plans / name).write_bytes(data)
    report = Report()
    site = load_site(Project(root), report, registry=registry())
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1  # CR ends a line too
    assert_documented(report, lines, f"content/plans/{name}")
    return report, site


def assert_documented(report: Report, line_count: int, path: str) -> None:
    for d in report.items:
        assert d.rule in RULES, f"undocumented rule: {d.format()}"
        assert d.severity == RULES[d.rule].severity, d.format()
        assert FORMAT.match(d.format()), d.format()
        assert d.line >= 1 and d.col >= 1, d.format()
        if d.path == path:
            assert d.line <= line_count + 1, d.format()


# ---- generated sources ------------------------------------------------------------------
NAMES = ["市场监管总局", "国家标准委", "工业和信息化部", "科技部", "各有关部门", "市场监管总局（国家标准委）",
         "不存在的局", "地方人民政府有关主管部门", ""]
CN = ["一", "二", "三", "四", "五", "十", "十一", "九十九", "零", "百"]
TOKENS = list("标准化工作，。、；：“”（）〔〕()【】《》[]{}<>#-*_!|&;:\\ \t") + [
    "\u200b", "\u202e", "\u2066", "\x01", "\u2028", "牵头", "负责", "按职责分工负责", "以下均需", "不再列出", "-{",
    "}-", "{#t01}", "<script>", "{{ x }}", "{% x %}", "-->", "javascript:", "&amp;", "[a](b)", "二〇一二年三月十六日",
    "第9999行"]
TEXT = st.lists(st.sampled_from(TOKENS), max_size=25).map("".join)


@st.composite
def attribution(draw) -> str:
    lead = "、".join(draw(st.lists(st.sampled_from(NAMES), max_size=3)))
    duty = "、".join(draw(st.lists(st.sampled_from(NAMES), max_size=3)))
    form = draw(st.sampled_from(["{l}牵头，{d}等按职责分工负责", "{l}牵头", "{d}按职责分工负责",
                                 "{l}牵头，{d}按职责分工负责。以下均需{d}负责，不再列出", "{l}牵头{d}配合"]))
    opening, closing = draw(st.sampled_from([("〔", "〕"), ("（", "）"), ("(", ")"), ("〔", "）"), ("〔", "")]))
    return opening + form.format(l=lead, d=duty) + closing


@st.composite
def body_line(draw) -> str:
    n, word = draw(st.sampled_from(CN)), draw(TEXT)
    anchor = draw(st.sampled_from(["", " {#t01}", " {#t02}", " {#c1}", " {#x}", " {#t1}", " {#}"]))
    kind = draw(st.sampled_from(["chapter", "task", "heading", "para", "para", "para", "fence", "attr", "raw"]))
    if kind == "chapter":
        return f"## {n}、{word}{anchor}"
    if kind == "task":
        return f"### （{n}）{word}{anchor}"
    if kind == "heading":
        return draw(st.sampled_from(["#", "####", "#####"])) + " " + word
    if kind == "fence":
        return draw(st.sampled_from([":::", "::: notice", "::: signature", "::: annex", "::: other", ":::notice"]))
    if kind == "attr":
        return word + draw(attribution()) + draw(st.sampled_from(["", "。", "后文"]))
    if kind == "raw":
        return draw(st.text(max_size=30))
    return word


FRONT_VALUES = {
    "id": ["2020-generated", "2020-Other", "", "[a, b]", "2020-generated-x"],
    "title": ["标题", '""', "123", "[x]", "<b>x</b>", "-{未闭合"],
    "issuers": ["[samr]", "[]", "samr", "[nope]", "[samr, sac]", "{a: b}"],
    "doc_number": ['""', "国标委[2019]1号", "null", "[1]"],
    "date": ["2020-01-01", "2020", "2020-02-30", "2999-01-01", "1900", "2020/1/1", "yes", "2020-13-01"],
    "period": ['""', "2020—2021年", "2021—2020年", "abc", "[1]"],
    "source": ["000_4db6e72938e5ec9f.txt", "nope.txt", "../x", '""', "1"],
    "source_script": ["zh-Hans", "zh-Hant", "mixed", "latin"],
    "cleaning": ["[]", "[{kind: chrome, what: 删除第1行, why: 外壳}]", "[{kind: x}]", "x", "[1]",
                 "\n  - kind: typo\n    what: 第99999行\n    why: 测试"],
    "bogus": ["1"],
    "addressees": ["[relevant-departments]", "[zzz]", "x"],
}


@st.composite
def plan_source(draw) -> str:
    keys = draw(st.lists(st.sampled_from(sorted(FRONT_VALUES)), min_size=0, max_size=12))
    front = "\n".join(f"{k}: {draw(st.sampled_from(FRONT_VALUES[k]))}" for k in keys)
    body = "\n".join(draw(st.lists(body_line(), max_size=25)))
    opening = draw(st.sampled_from(["---\n", "---\n", "--\n", ""]))
    closing = draw(st.sampled_from(["\n---\n", "\n---\n", "\n"]))
    return opening + front + closing + body


@FAST
@given(plan_source())
def test_generated_sources_only_documented_rules(source):
    check_plan_bytes(source.encode("utf-8"))


SAFE_TEXT = st.lists(st.sampled_from(list("标准化工作，。、；：“”") + [
    "<script>x</script>", "{{ x }}", "{% y %}", "-->", "\u200b", "\u202e", "&amp;", "[a](b)", "-{台}-",
    "-{zh-Hans:台;zh-Hant:臺}-", "*", "_", "`", "#", "\\", "|"]), min_size=1, max_size=20).map("".join)
GOOD_NAMES = ["市场监管总局", "国家标准委", "工业和信息化部", "科技部", "各有关部门", "市场监管总局（国家标准委）"]


@st.composite
def valid_source(draw) -> str:
    """Sources that should pass the check: right structure, hostile but harmless text."""
    lines = [FRONT_OK, "正" + draw(SAFE_TEXT)]
    task = 0
    for chapter in range(1, draw(st.integers(0, 3)) + 1):
        lines.append(f"## {CN[chapter - 1]}、{draw(SAFE_TEXT)} {{#c{chapter}}}")
        for _ in range(draw(st.integers(1, 3))):
            task += 1
            lines.append(f"### （{CN[task - 1] if task <= 5 else '十'}）{draw(SAFE_TEXT)} {{#t{task:02d}}}")
            lines += ["正" + draw(SAFE_TEXT) for _ in range(draw(st.integers(0, 2)))]
            lead = "、".join(draw(st.lists(st.sampled_from(GOOD_NAMES), min_size=1, max_size=3, unique=True)))
            lines.append("正" + draw(SAFE_TEXT) + f"〔{lead}牵头〕")
    assume(task <= 5)
    return "\n".join(lines) + "\n"


FRONT_OK = plan_front("2020-generated", "生成的文件")


MARKER = re.compile(r"-\{zh-Hans:([^;}]*);zh-Hant:[^}]*\}-|-\{([^}]*)\}-")


def as_shown(line: str) -> str:
    """How README/CONTENT_FORMAT.md say a source line is shown in zh-Hans: markers resolved to their
    zh-Hans form, invisible controls as [U+XXXX], everything else as typed."""
    line = MARKER.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), line)
    line = re.sub("[\u200b\u202e]", lambda m: f"[U+{ord(m.group()):04X}]", line)
    return " ".join(line.split())


def page_html(markdown_text: str) -> str:
    body = markdown_text.split("\n---\n", 1)[1]  # after the page's front matter
    return markdown.markdown(body, extensions=["attr_list", "md_in_html", "toc"])  # mkdocs.yml's extensions


def page_text(markdown_text: str) -> str:
    return " ".join(shown(page_html(markdown_text)).split())


@SLOW
@given(valid_source())
def test_what_passes_the_check_renders_every_line(source):
    """A valid source passes the check, and its plan page shows every body line as typed."""
    report, site = check_plan_bytes(source.encode("utf-8"))
    assert not report.errors, [d.format() for d in report.errors]
    (plan,) = site.plans
    renderer = Renderer(site, "zh-Hans", CONVERTER)
    text = page_text(renderer._render_plan(plan).markdown)
    for line in source.split("\n---\n", 1)[1].splitlines():
        line = re.sub(r"^#+ |\s*\{#[a-z0-9]+\}$", "", line)
        assert as_shown(line) in text, (line, text)
    hant = Renderer(site, "zh-Hant", CONVERTER)
    for index in range(len(plan.tasks)):
        assert "<script>" not in page_html(hant._render_task(plan, index).markdown)  # shown as text, never run


# ---- mutated real sources ---------------------------------------------------------------------
@st.composite
def mutated(draw) -> bytes:
    data = draw(st.sampled_from(PLANS)).read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        lines = data.split(b"\n")
        op = draw(st.sampled_from(["drop", "dup", "swap", "insert", "cut", "byte", "truncate", "replace"]))
        i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[j])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            lines.insert(i, draw(body_line()).encode("utf-8"))
        elif op == "replace":
            text = lines[i].decode("utf-8", "replace")
            at = draw(st.integers(0, len(text)))
            lines[i] = (text[:at] + draw(TEXT) + text[at + draw(st.integers(0, 5)):]).encode("utf-8")
        data = b"\n".join(lines)
        if op == "cut":
            at = draw(st.integers(0, len(data)))
            data = data[:at] + data[at + draw(st.integers(1, 200)):]
        elif op == "byte":
            at = draw(st.integers(0, max(len(data) - 1, 0)))
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
        elif op == "truncate":
            data = data[:draw(st.integers(0, len(data)))]
    return data


@FAST
@given(mutated())
def test_mutated_real_sources_only_documented_rules(data):
    check_plan_bytes(data, name=PLANS[0].name)


@SLOW
@given(st.data())
def test_mutated_registry_only_documented_rules(data):
    text = (ROOT / "content" / "agencies.yml").read_text(encoding="utf-8")
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["drop", "dup", "indent", "junk"]))
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[data.draw(st.integers(0, len(lines) - 1))])
        elif op == "indent":
            lines[i] = " " + lines[i]
        else:
            lines.insert(i, data.draw(st.sampled_from(["- id: x", "  parent: samr", "  kind: [", "&a x", "- *a",
                                                       "  names: 科技部", "- id: samr", ": :", "\t- x"])))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "content" / "agencies.yml"
        path.parent.mkdir()
        path.write_text("\n".join(lines), encoding="utf-8")
        report = Report()
        load_registry_file(Project(Path(tmp)), report)
    assert_documented(report, len(lines), "content/agencies.yml")


# ---- parts: attribution grammar, escaping ------------------------------------------------
@FAST
@given(TEXT, st.one_of(st.just(""), attribution()), st.sampled_from(["", "。", " ", "后"]))
def test_attribution_reader_never_crashes(text, group, tail):
    paragraph = text + group + tail
    found = find_attribution(paragraph)
    if found:
        assert paragraph[found.start:found.start + len(found.text)] == found.text
        assert all(a.name and "、" not in a.name for a in found.lead + found.responsible)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def shown(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


PLAIN = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60).filter(lambda t: "-{" not in t)


@FAST
@given(PLAIN)
def test_html_text_shows_exactly_the_text(text):
    html = str(html_text(text))
    assert shown(html) == visible(text)  # nothing lost, nothing added
    assert "{" not in html and "}" not in html
    assert re.sub(r'<span class="ctl" title="U\+[0-9A-F]{4,6}">|</span>', "", html).count("<") == 0


@FAST
@given(PLAIN.map(lambda t: " ".join(t.split())).filter(lambda t: t and not t.startswith(("=", "-"))))
def test_heading_escaping_shows_exactly_the_text(text):
    html = markdown.markdown("### " + str(md_heading_text(text)) + " {#t01}", extensions=["attr_list", "toc"])
    assert html.startswith('<h3 id="t01">'), html
    assert " ".join(shown(html).split()) == " ".join(visible(text).split())
