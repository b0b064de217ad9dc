"""Every input character ends up in the draft or in the report's removals — proved by an
independent audit (build_tools.importer.audit knows only the input, the JSON report and the
draft), over the real raw sources and over generated inputs."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.diagnostics import Report
from build_tools.importer.audit import AuditError, audit, kept_text
from build_tools.importer.decode import Refusal
from build_tools.importer.pipeline import run
from build_tools.importer.report import to_json
from build_tools.importer.spam import load_known_terms
from build_tools.read.registry import load_registry

from conftest import CONVERTER, PROJECT, ROOT  # noqa: E402
SOURCES = ROOT / "content" / "sources"  # the project's copy, never ../shared
FIXTURES = Path(__file__).parent / "fixtures" / "importer"
REGISTRY = load_registry(FIXTURES / "agencies.yml", Report())
KNOWN = load_known_terms(None, REGISTRY.by_name)


def import_and_audit(data: bytes, registry=REGISTRY, known=KNOWN):
    result = run(data, source_name="input.txt", plan_id="audit-test", registry=registry, known_terms=known,
                 converter=CONVERTER)
    report = to_json(result, "input.txt", "draft.md")
    audit(result.ledger.source, report, result.draft)
    return result, report


@pytest.mark.parametrize("path", sorted(SOURCES.glob("*.txt")), ids=lambda p: p.name)
def test_real_sources_are_fully_accounted(path):
    registry = load_registry(ROOT / "content" / "agencies.yml", Report())
    result, report = import_and_audit(path.read_bytes(), registry, load_known_terms(PROJECT, registry.by_name))
    assert len(result.ledger.source) == len(path.read_text(encoding="utf-8"))
    # a gov.cn metadata table can be most of a page: it is moved to the front matter, not lost
    removed = sum(r["length"] for r in report["removals"] if r["kind"] != "metadata")
    assert removed < len(result.ledger.source) // 2


@pytest.mark.parametrize("path", sorted(p for p in FIXTURES.glob("*.*") if p.name != "agencies.yml"),
                         ids=lambda p: p.name)
def test_fixtures_are_fully_accounted(path):
    import_and_audit(path.read_bytes())


def test_audit_catches_a_lost_character():
    result, report = import_and_audit("一、总则\n（一）加强管理。做好工作。\n".encode())
    report["removals"] = report["removals"][:-1] if report["removals"] else []
    broken = result.draft.replace("做好工作", "做好工")
    with pytest.raises(AuditError):
        audit(result.ledger.source, report, broken)


def test_audit_catches_a_misquoted_removal():
    result, report = import_and_audit("用户名 密码\n一、总则\n".encode())
    report["removals"][0]["text"] = "xx"
    with pytest.raises(AuditError):
        kept_text(result.ledger.source, report)


# -- generated inputs -------------------------------------------------------------------------------
CJK = "标准化工作加强推进建设完善体系质量管理制度国际合作研究实施監管總局標準體系著為與發展"
PIECES = [
    "一、", "二、", "三、", "（一）", "（二）", "（三）", "(一)", "(二)", "1.", "2.", "（1）", "附件：", "附件",
    "〔市场监管总局牵头，各有关部门按职责分工负责〕", "（科技部、财政部牵头）", "（各有关部门等按职责分工负责）",
    "〔国家发展改革委牵头，各有关部门按职责分工负责。以下均需地方人民政府有关主管部门负责，不再列出〕",
    "（新设部门牵头）", "工信厅科[2012]51号", "国市监标技〔2019〕88号", "二〇一二年三月十六日", "2019年4月17日",
    "各省、自治区、直辖市人民政府：", "经国务院同意，现将《方案》印发给你们。", "市场监管总局",
    "用户名 密码", "您的位置：首页", "浏览：71", "版权所有", "copyright ©", "千亿app:", "www.spam.com",
    "ISO", "IPv6", "6G", "GB/T", "abc", "Tc", "。", "，", ",", "(", ")", ":", ";", "：", "“", "”", "《", "》",
    " ", "  ", "\u3000", "\u00a0", "\t", "\u200b", "\x07", "\ufeff", "&nbsp;", "&amp;", "&#x4e00;", "&bogus;",
    "<p>", "</p>", "<span>", "</span>", "<br>", "<div class=\"x\">", "</div>", "<script>x<p></script>",
    "<!-- c -->", "<title>t</title>", "# ", "## ", ":::", "---", "-{", "}-", "{#t01}", "<", ">", "&",
]
line_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet=CJK, min_size=1, max_size=12),
                               st.text(max_size=4)), max_size=10).map("".join)
document = st.tuples(
    st.lists(line_text, min_size=1, max_size=25),
    st.sampled_from(["\n", "\r\n", "\r", "\n\n"]),
    st.booleans(),  # BOM
    st.sampled_from(["utf-8", "gb18030", "utf-16"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_every_character_is_accounted_for(doc):
    lines, newline, bom, encoding = doc
    text = ("\ufeff" if bom else "") + newline.join(lines)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    try:
        import_and_audit(data)
    except Refusal:
        pass  # empty, binary or undecidable input is refused with a message, which is fine


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_are_refused_or_accounted(data):
    try:
        import_and_audit(data)
    except Refusal:
        pass


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_is_accounted(text):
    try:
        import_and_audit(text.encode("utf-8"))
    except Refusal:
        pass
