"""The importer's pieces, one behaviour each: decoding, metadata, punctuation, spam, HTML."""
from __future__ import annotations

import pytest

from build_tools.importer import metadata as meta
from build_tools.importer.decode import Refusal, decode, split_lines
from build_tools.importer.html import html_lines
from build_tools.importer.normalize import normalize
from build_tools.importer.resplit import split_attributions, title_end
from build_tools.importer.script import ScriptConverter
from conftest import CONVERTER
from build_tools.importer.spam import is_known, remove_spam
from build_tools.importer.tracked import AccountingError, Ledger, Line, account

TEXT = "示范市标准化工作要点。一、加强标准研制，完善标准体系。"


# -- decoding ---------------------------------------------------------------------------------
@pytest.mark.parametrize("data,expected", [
    (TEXT.encode("utf-8"), "utf-8"), (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
    (TEXT.encode("gb18030"), "gb18030"), (TEXT.encode("gbk"), "gb18030"),
    ("示範市標準化工作要點。一、加強標準研製，完善標準體系。".encode("big5"), "big5"),
    (TEXT.encode("utf-16"), "utf-16"),
])
def test_encodings_are_detected(data, expected):
    assert decode(data).encoding == expected


@pytest.mark.parametrize("data,message", [
    (b"", "empty"), (b"  \n\t ", "empty"), (b"%PDF-1.4\x00\x01\x02binary", "binary"),
    (bytes(range(1, 31)) * 20, "binary"), (b"ab\xff\xff\xfa" * 10, "encoding"),
])
def test_undecidable_or_binary_input_is_refused(data, message):
    with pytest.raises(Refusal, match=message):
        decode(data)


def test_forced_encoding_and_its_errors():
    assert decode(TEXT.encode("big5", errors="ignore"), "big5").encoding == "big5"
    with pytest.raises(Refusal, match="unknown encoding"):
        decode(b"abc", "no-such-codec")
    with pytest.raises(Refusal, match="not valid utf-8"):
        decode("标准".encode("gbk"), "utf-8")


def test_line_endings_and_controls():
    ledger = Ledger("\ufeffa\r\nb\rc\x07d\n\ne")
    lines = split_lines(ledger)
    assert [l.text for l in lines] == ["a", "b", "cd", "", "e"]
    assert {r.reason for r in ledger.removals} >= {"CR of a CRLF line ending", "invisible control character"}
    changes = account(ledger, lines)
    assert changes == {5: ("\r", "\n")}  # the lone CR became a line break


def test_accounting_refuses_a_lost_character():
    ledger = Ledger("abc")
    with pytest.raises(AccountingError, match="unaccounted"):
        account(ledger, [Line("ab", [0, 1])])
    with pytest.raises(AccountingError, match="twice"):
        account(ledger, [Line("abc", [0, 1, 2]), Line("c", [2])])


# -- metadata ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,number", [
    ("国市监标技〔2019〕88号", "国市监标技〔2019〕88号"), ("工信厅科[2012]51号", "工信厅科[2012]51号"),
    ("国发（2020）5号", "国发（2020）5号"), ("国办发〔2024〕12号", "国办发〔2024〕12号"),
    ("国标委服务［2012］19号", "国标委服务［2012］19号"), ("发布文号: 国标委服务[2012]19号", "国标委服务[2012]19号"),
])
def test_doc_numbers_in_every_bracket_style(text, number):
    m = meta.find_doc_number(text)
    assert m and meta.doc_number_text(m) == number


def test_a_cited_doc_number_inside_a_sentence_is_not_the_documents():
    assert meta.find_doc_number("根据《通知》（国发〔2015〕13号）要求，做好工作。") is None


@pytest.mark.parametrize("text,date", [
    ("二〇一二年三月十六日", "2012-03-16"), ("二〇一二年四月一日", "2012-04-01"), ("2019年4月17日", "2019-04-17"),
    ("二○二三年十二月三十一日", "2023-12-31"), ("2012-04-01", "2012-04-01"), ("二〇一二年二月三十日", None),
])
def test_dates_from_digits_or_chinese_numerals(text, date):
    found = meta.parse_date(text)
    assert (found[0] if found else None) == date


def test_date_lines_and_periods():
    assert meta.is_date_line("二〇一二年三月十六日") and meta.is_date_line("  2019年4月17日 ")
    assert not meta.is_date_line("2019年4月17日召开会议")
    assert meta.period_of("行动计划（2024—2025年）") == "2024—2025年"
    assert meta.period_of("重点任务分工(2019-2020年)") == "2019—2020年"
    assert meta.period_of("2011年工作要点") == ""


def test_metadata_bar_values():
    values = meta.metadata_bar_values("状态:有效 发布日期:2012-04-01 生效日期: 2012-04-01")
    assert values["发布日期"] == "2012-04-01" and values["状态"] == "有效"


# -- punctuation and spaces ---------------------------------------------------------------------------
@pytest.mark.parametrize("raw,expected", [
    ("加强合作,提升水平;完善机制:做好工作", "加强合作，提升水平；完善机制：做好工作"),
    ("(一)加强管理", "（一）加强管理"), ("国际标准化组织(ISO)成员", "国际标准化组织（ISO）成员"),
    ("规划(2011-2015年)", "规划（2011-2015年）"), ("(1)制定标准", "（1）制定标准"),
    ("12,000 吨", "12,000 吨"), ("10:30", "10:30"), ("f(x) = 1", "f(x) = 1"), ("ISO,IEC", "ISO,IEC"),
    ("三、 推进实施", "三、推进实施"), ("GB/T 19001 标准", "GB/T 19001 标准"), ("附件:清单", "附件：清单"),
])
def test_punctuation_full_width_in_chinese_half_width_in_latin(raw, expected):
    ledger = Ledger(raw)
    line = normalize(Line(raw, list(range(len(raw)))), ledger)
    assert line.text == expected
    account(ledger, [line])


# -- script -----------------------------------------------------------------------------------------------
def test_tw2s_and_script_detection():
    scripts = ScriptConverter(CONVERTER)
    to_simplified, detect = scripts.to_simplified, scripts.detect
    assert to_simplified("著力提升標準化水平") == "着力提升标准化水平"
    assert detect([Line("标准化工作", [0, 1, 2, 3, 4])])[0] == "zh-Hans"
    assert detect([Line("標準化工作體系", list(range(7)))])[0] == "zh-Hant"
    mixed = "标準化工作，推进标准实施，开展标准宣贯。"
    assert detect([Line(mixed, list(range(len(mixed))))])[0] == "mixed"


# -- spam -----------------------------------------------------------------------------------------------
KNOWN = {"ISO", "IEC", "ITU", "IPv6", "6G", "GB", "T", "WTO", "TBT", "GS1", "TC"}


@pytest.mark.parametrize("token", ["ISO", "IPv6", "6G", "GB/T", "WTO/TBT", "GS1", "ISO/IEC"])
def test_known_terms(token):
    assert is_known(token, KNOWN)


def test_spam_is_removed_with_its_repeated_brand_prefix_and_terms_are_kept():
    texts = ["（千亿app:市场监管总局牵头）", "、千亿app:市场监管总局", "参与ISO和IPv6、6G、GB/T工作，见www.spam.cn。",
             "加强行业tc的协作"]
    ledger = Ledger("\n".join(texts))
    lines, pos = [], 0
    for t in texts:
        lines.append(Line(t, list(range(pos, pos + len(t))), pos + len(t) if pos + len(t) < len(ledger.source) else None))
        pos += len(t) + 1
    out = remove_spam(lines, ledger, KNOWN)
    assert [l.text for l in out] == ["（市场监管总局牵头）", "、市场监管总局", "参与ISO和IPv6、6G、GB/T工作，见。",
                                     "加强行业tc的协作"]
    assert any(f.rule == "unknown-term" and "'tc'" in f.message for f in ledger.flags)
    account(ledger, out)


# -- HTML -------------------------------------------------------------------------------------------------
def test_html_blocks_inline_tags_entities_and_hidden_content():
    source = ("<html><head><title>页面</title><script>x='<p>'</script></head><body>"
              "<p>标<span>准</span><a href='#'>化</a>&nbsp;工作&amp;任务</p>\n<div>第二段<br/>第三段</div>"
              "<p>ISO\n   9001</p></body></html>")
    ledger = Ledger(source)
    lines = html_lines(ledger)
    texts = [l.text for l in lines if l.text.strip()]
    assert texts == ["标准化\u00a0工作&任务", "第二段", "第三段", "ISO 9001"]
    reasons = {r.reason for r in ledger.removals}
    assert "HTML page title, not document text" in reasons and "HTML <script> content, not document text" in reasons
    account(ledger, lines)


def test_text_with_only_inline_html_keeps_its_line_breaks():
    source = "第一行&nbsp;文字\n第<b>二</b>行\n"
    ledger = Ledger(source)
    assert [l.text for l in html_lines(ledger)] == ["第一行\u00a0文字", "第二行"]


# -- splitting -------------------------------------------------------------------------------------------
def test_attribution_in_mid_line_ends_a_paragraph():
    text = "做好甲。〔市场监管总局牵头，各有关部门按职责分工负责〕做好乙。（科技部牵头）"
    parts = split_attributions(Line(text, list(range(len(text)))))
    assert [p.text for p in parts] == ["做好甲。〔市场监管总局牵头，各有关部门按职责分工负责〕", "做好乙。（科技部牵头）"]


def test_title_end_skips_brackets_and_needs_following_text():
    assert title_end("（一）加强管理（含“两化。”融合）。做好工作。") == len("（一）加强管理（含“两化。”融合）。")
    assert title_end("（一）加强管理。") is None


def test_cleaning_text_is_keyed_by_reason_key_not_by_english_wording():
    """Each removal carries a key of reasons.REASONS; the entry's text comes from that key, so
    rewording an English detail cannot move a removal into another cleaning entry."""
    import pytest as _pytest
    from build_tools.importer.reasons import REASONS
    from build_tools.importer.tracked import Ledger as _Ledger
    ledger = _Ledger("abc")
    ledger.drop([0], "blank-line", "web page title")  # the English detail says something else
    assert ledger.removals[0].kind == REASONS["blank-line"].kind == "layout"
    with _pytest.raises(ValueError):
        ledger.drop([1], "no-such-key", "x")
    with _pytest.raises(ValueError):
        ledger.changed(1, "no-such-key", "x")


def test_importer_found_and_structure_do_not_import_each_other():
    import ast
    from pathlib import Path as _Path
    pkg = _Path(__file__).resolve().parents[1] / "build_tools" / "importer"
    def imports(name):
        tree = ast.parse((pkg / f"{name}.py").read_text(encoding="utf-8"))
        return {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert "structure" not in imports("found")
    assert "found" in imports("structure")
