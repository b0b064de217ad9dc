"""Every input shape of the issue, on the importer's own small fixtures: the draft parses with
the project's parser and has the expected structure, metadata and report entries."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.diagnostics import Report
from build_tools.importer.audit import audit
from build_tools.importer.pipeline import run
from build_tools.importer.report import live_flags, to_json
from build_tools.importer.spam import load_known_terms
from conftest import CONVERTER
from build_tools.read.plan import parse_plan
from build_tools.read.registry import load_registry

FIXTURES = Path(__file__).parent / "fixtures" / "importer"
REGISTRY = load_registry(FIXTURES / "agencies.yml", Report())
KNOWN = load_known_terms(None, REGISTRY.by_name)


def imp(data: bytes | str, name: str = "input.txt"):
    if isinstance(data, str):
        data = data.encode("utf-8")
    result = run(data, source_name=name, plan_id="shape-test", registry=REGISTRY, known_terms=KNOWN,
                 converter=CONVERTER)
    audit(result.ledger.source, to_json(result, name, "draft"), result.draft)
    return result


def fixture(name: str, encoding: str | None = None):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return imp(text.encode(encoding) if encoding else text.encode("utf-8"), name)


def parsed(result, **fill):
    """Parse the draft; required front matter the text did not print is filled in first,
    as the editor would (the import report lists it)."""
    draft = result.draft
    for key, value in {"title": "x", "date": "2000", **fill}.items():
        draft = draft.replace(f'{key}: ""', f'{key}: "{value}"', 1)
    draft = draft.replace("issuers: []", "issuers: [samr]", 1)
    report = Report()
    plan = parse_plan(draft, "draft.md", REGISTRY, report)
    assert plan is not None, [d.format() for d in report.errors]
    return plan, report


def body(result) -> str:
    """The draft without its front matter (whose cleaning entries quote what was removed)."""
    return result.draft.split("\n---\n", 1)[1]


def rules(result):
    return [f.rule for f in live_flags(result)]


def removed(result):
    return [(r.kind, r.reason) for r in result.ledger.removals]


def test_plain_lines_chapters_tasks_segments_annex_signature():
    result = fixture("plain_lines.txt")
    plan, report = parsed(result)
    assert not report.errors
    assert [c.title for c in plan.chapters] == ["一、夯实计量基础", "二、服务产业发展"]
    assert [t.label for t in plan.tasks] == ["（一）", "（二）", "（三）", "（四）"]
    # inline title (（一）…。text) and own-line title (（二）…)
    assert plan.tasks[0].title == "完善计量标准体系。" and plan.tasks[1].title == "加强量值传递"
    first, second, third, fourth = plan.tasks
    assert (first.segments[0].lead, first.segments[0].responsible) == (["samr"], ["relevant-departments"])
    # standing note: local authorities added to every later task
    assert "local-government-authorities" in third.segments[0].responsible
    assert len(third.segments) == 2 and third.segments[1].responsible[0] == "most"
    assert fourth.segments[0].lead == ["mof", "samr", "sac"]  # 市场监管总局（国家标准委） names both
    assert result.found.date == "2023-03-16"  # 二〇二三年三月十六日
    assert result.found.title == "示范市2023年计量工作要点"
    assert "::: annex\n#### 附件：重点领域计量测试清单" in result.draft
    assert "::: signature\n示范市市场监督管理局\n二〇二三年三月十六日\n:::" in result.draft
    assert "unknown-issuer" in rules(result)  # the signature's local bureau is not registered
    assert "为做好今年的计量工作" in result.draft  # a short preamble is document text, not chrome


def test_one_line_crawler_text_is_split_back():
    result = fixture("one_line.txt")
    assert "\n" not in (FIXTURES / "one_line.txt").read_text(encoding="utf-8").strip()
    plan, _ = parsed(result)
    assert len(plan.chapters) == 2 and len(plan.tasks) == 3
    assert result.found.doc_number == "工信厅科[2021]7号"
    assert result.found.title == "示范省标准化工作实施方案"
    assert result.found.date == "2021-05-08"
    assert result.found.issuers == ["miit-general-office"]  # from the 文号's organ code 工信厅
    assert "::: notice\n工信厅科[2021]7号\n各省、自治区、直辖市工业和信息化主管部门：\n" in result.draft
    assert "crawler-text" in rules(result)


def test_html_fragment_words_split_by_inline_tags_come_back_whole():
    result = fixture("fragment.html")
    assert result.html
    plan, _ = parsed(result)
    assert plan.tasks[0].title == "加强标准引领。"  # 标<span>准</span> → 标准
    assert "开展对标达标&提升行动" in result.draft  # &amp; decoded
    assert plan.tasks[1].title == "强化质量监管"  # <br> ends the title line
    assert "提高抽查效能" in result.draft  # &nbsp; between Chinese characters dropped
    assert result.found.period == "2024—2025年" and result.found.date == "2024"
    assert any(reason.startswith("HTML tag <span>") for _, reason in removed(result))


def test_html_page_chrome_title_script_footer():
    result = fixture("page.html")
    plan, report = parsed(result)
    assert result.found.title == "示范市市场监督管理局关于做好计量工作的通知"  # <h1>, not <title>
    assert result.found.date == "2022-05-30"
    assert len(plan.tasks) == 2 and not plan.chapters
    for gone in ("网站首页", "您的位置", "浏览次数", "版权所有", "var counter", "示范站 - 政策文件"):
        assert gone not in body(result)
    kinds = {kind for kind, _ in removed(result)}
    assert {"chrome", "layout", "metadata"} <= kinds


def test_blog_export_header_markdown_marks_and_footer():
    result = fixture("blog_export.md")
    plan, _ = parsed(result, date="2020")
    assert [t.label for t in plan.tasks] == ["一、", "二、"]
    assert "1. 建立标准化工作联席会议制度。" in result.draft  # 1. items stay paragraphs inside a task
    assert "tags:" not in body(result) and "上一篇" not in body(result) and "阅读次数" not in body(result)
    assert any(reason == "blog-export YAML header" for _, reason in removed(result))


def test_documents_without_chapters_and_several_segments_per_task():
    result = fixture("no_chapters.txt")
    plan, report = parsed(result, date="2024")
    assert not plan.chapters and [t.label for t in plan.tasks] == ["一、", "二、", "三、"]
    assert len(plan.tasks[1].segments) == 2
    for term in ("ISO", "IEC", "ITU", "WTO/TBT", "CPTPP", "DEPA", "ESG", "GS1"):
        assert term in result.draft
    flags = [f for f in live_flags(result) if f.rule == "unknown-agency"]
    assert len(flags) == 1 and "国家数据局" in flags[0].message
    entry = result.ledger.registry_entries["国家数据局"]
    assert entry.startswith("- id: TODO-ascii-id") and "  name: 国家数据局" in entry and "  kind: bureau" in entry
    assert "closest known" in flags[0].message


def test_half_width_numbering_running_on_across_chapters():
    result = fixture("running_half_width.txt")
    plan, _ = parsed(result, date="2024")
    assert [t.label for t in plan.tasks] == ["（一）", "（二）", "（三）", "（四）"]
    assert [t.chapter.id for t in plan.tasks] == ["c1", "c1", "c2", "c2"]
    assert plan.tasks[0].title == "实施质量攻关，解决关键问题。"
    assert plan.tasks[1].title == "推进品牌建设：培育一批知名品牌。"


def test_arabic_item_numbering_without_chapters():
    result = fixture("items.txt")
    plan, _ = parsed(result, date="2024")
    assert [t.label for t in plan.tasks] == ["1.", "2.", "3."]
    assert "（1）制定标准体系表。" in result.draft


def test_spam_with_brand_prefix_urls_chrome_and_repeated_addressee():
    result = fixture("spam_and_chrome.txt")
    plan, _ = parsed(result)
    assert "app" not in body(result) and "亚博" not in body(result) and "www." not in body(result)
    assert "（市场监管总局牵头，各有关部门按职责分工负责）" in result.draft
    assert body(result).count("各区县市场监管部门：") == 1
    assert result.found.title == "示范市市场监管局关于示范工作的通知"
    kinds = [kind for kind, _ in removed(result)]
    assert kinds.count("spam") >= 4 and "duplicate" in kinds and "chrome" in kinds
    assert plan.tasks[0].segments[0].lead == ["samr"]


def test_traditional_input_becomes_simplified_with_tw2s():
    result = fixture("traditional.txt")
    assert result.script == "zh-Hant"
    assert "着力提升" in result.draft  # tw2s: 著 → 着 (t2s would keep 著)
    assert "（市场监管总局牵头，各有关部门按职责分工负责）" in result.draft
    assert "国际标准化组织（ISO）" in result.draft
    assert any(c[1] == "标" for c in result.changes.values())
    assert any(e["kind"] == "script" for e in result.cleaning)


@pytest.mark.parametrize("encoding,name", [("gb18030", "gb18030"), ("gbk", "gb18030"), ("big5", "big5")])
def test_legacy_encodings_are_detected_and_reported(encoding, name):
    source = "traditional.txt" if encoding == "big5" else "plain_lines.txt"
    result = fixture(source, encoding)
    assert result.encoding == name
    assert result.encoding_how
    plan, _ = parsed(result)
    assert plan.tasks


def test_bom_crlf_and_control_characters():
    text = (FIXTURES / "plain_lines.txt").read_text(encoding="utf-8")
    text = text.replace("完善计量标准体系", "完善计量\u200b标准\x07体系")
    result = imp(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert result.encoding == "utf-8" and "byte-order mark" in result.encoding_how
    assert "完善计量标准体系" in result.draft and "\r" not in result.draft
    reasons = {reason for _, reason in removed(result)}
    assert {"CR of a CRLF line ending", "invisible control character"} <= reasons
    assert any(reason.startswith("byte-order mark") for reason in reasons)


def test_lone_cr_line_endings():
    result = imp("一、总则\r（一）加强管理。做好工作。\r".encode())
    plan, _ = parsed(result, date="2024", title="x")
    assert [t.label for t in plan.tasks] == ["（一）"]


def test_missing_metadata_stays_empty_and_is_listed():
    result = imp("一、加强管理。做好各项工作。\n二、强化保障。落实经费。\n")
    assert result.found.title == "" and result.found.date == ""
    assert {"title", "date", "issuers"} <= set(result.found.missing)
    assert {"missing-title", "missing-date"} <= set(rules(result))
    assert 'title: ""' in result.draft and 'date: ""' in result.draft


def test_parenthesised_arabic_numbering_as_the_only_level():
    result = imp("示范工作方案\n（1）明确目标。按期完成。\n（2）细化内容。\n做好衔接。\n（3）做好验收。\n")
    plan, _ = parsed(result)
    assert [t.label for t in plan.tasks] == ["（1）", "（2）", "（3）"]
    assert plan.tasks[1].paragraphs[0].text == "做好衔接。"


def test_out_of_sequence_number_stays_a_paragraph_and_is_flagged():
    result = imp("一、总则\n（一）加强管理。做好工作。\n（三）跳号。这是正文。\n（二）强化保障。落实经费。\n")
    plan, _ = parsed(result)
    assert [t.label for t in plan.tasks] == ["（一）", "（二）"]
    assert "numbering" in rules(result)


def test_addressee_line_gives_addressee_ids_and_unknown_ones_are_flagged():
    result = imp("关于做好示范工作的通知\n各省级人民政府，各有关部门：\n为做好示范工作，现通知如下。\n一、加强领导。落实责任。\n")
    assert result.found.addressees == ["provincial-governments", "relevant-departments"]
    assert "addressees: [provincial-governments, relevant-departments]" in result.draft
    result = fixture("one_line.txt")
    assert "unknown-addressee" in rules(result)
    assert "各省、自治区、直辖市工业和信息化主管部门" in result.ledger.registry_entries
