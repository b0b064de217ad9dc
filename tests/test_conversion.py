"""Script conversion (build_tools/script/) against real OpenCC and the real dictionary.

Expectations in tests/data/conversion_cases.tsv are hand-written Taiwan-MOE-style Traditional
with mainland vocabulary (CONVERSION.md), not copies of converter output.
"""
from __future__ import annotations

import re

import opencc
import pytest

from build_tools.script.check import Violation
from build_tools.script.convert import converter_for
from build_tools.script.dictionary import DictionaryError, load_phrases as _load_phrases
from build_tools.script.markers import MarkerError, strip_markers
from conftest import PROJECT, ROOT

CONVERTER = converter_for(PROJECT.phrases_file)
convert, to_hans, to_hant, script_violations = (CONVERTER.convert, CONVERTER.to_hans, CONVERTER.to_hant,
                                                CONVERTER.violations)
CASES_FILE = ROOT / "tests" / "data" / "conversion_cases.tsv"
SOURCES = sorted((ROOT / "content" / "sources").glob("*.txt"))
PLANS = sorted((ROOT / "content" / "plans").glob("*.md"))


def _cases():
    out = []
    for n, line in enumerate(CASES_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        simplified, expected, note = line.split("\t")
        out.append(pytest.param(simplified, expected, id=f"L{n}:{simplified[:12]}"))
    return out


CASES = _cases()
PLAIN_S2TW = opencc.OpenCC("s2tw")


def load_phrases(path=PROJECT.phrases_file):
    return _load_phrases(path)


# ---- the case file itself ------------------------------------------------------------
def test_case_file_is_large_and_weighted_to_one_to_many_characters():
    assert len(CASES) >= 150
    texts = [c.values[0] for c in CASES]
    for ch in "制发干后范系台征复汇采周准余只里面松卷冲历志钟划布秘污账鉴伙扎":
        assert sum(ch in t for t in texts) >= 1, f"no case exercises {ch}"
    for ch in "制发干台征复采准划布":
        assert sum(ch in t for t in texts) >= 5, f"too few cases for {ch}"
    agencies = ["市场监管总局", "国家标准委", "国家发展改革委", "工业和信息化部", "中央网信办",
                "国家卫生健康委", "人力资源社会保障部", "住房城乡建设部"]
    for a in agencies:
        assert a in texts


# ---- zh-Hant ---------------------------------------------------------------------------
@pytest.mark.parametrize("simplified,expected", CASES)
def test_to_hant(simplified, expected):
    assert to_hant(simplified) == expected


@pytest.mark.parametrize("simplified,expected", CASES)
def test_round_trip(simplified, expected):
    assert to_hans(to_hant(simplified)) == simplified


@pytest.mark.parametrize("simplified,expected", CASES)
def test_expected_forms_pass_the_script_check(simplified, expected):
    assert script_violations(expected, "zh-Hant") == []
    assert script_violations(simplified, "zh-Hans") == []


def test_plain_s2tw_gets_the_known_cases_wrong():
    """The dictionary earns its keep: these are real s2tw errors in policy language."""
    wrong = {"市场准入": "市場準入", "新征程": "新徵程", "自制设备": "自制設備", "编制标准": "編制標準",
             "合作伙伴关系": "合作伙伴關係", "评定制度": "評定製度", "制定并发布": "制定併發布",
             "阐明了": "闡明瞭", "加大采用": "加大采用", "物流干线": "物流乾線"}
    for s, bad in wrong.items():
        assert PLAIN_S2TW.convert(s) == bad
        assert to_hant(s) != bad


def test_convert_variants():
    text = "发布行动计划"
    assert convert(text, "zh-Hans") == text
    assert convert(text, "zh-Hant") == to_hant(text) == "發布行動計畫"
    with pytest.raises(ValueError):
        convert(text, "zh-TW")


def test_mainland_vocabulary_is_kept():
    # s2tw, not s2twp: no Taiwan vocabulary substitution
    assert to_hant("信息软件网络数据质量") == "信息軟件網絡數據質量"


def test_every_dictionary_entry_is_honoured():
    for e in load_phrases():
        assert to_hant(e.simplified) == e.traditional, (e.line, e.simplified)
        assert script_violations(e.traditional, "zh-Hant") == [], (e.line, e.traditional)


def test_word_and_fix_entries_are_not_redundant():
    """A word/fix entry either corrects plain s2tw or shields its span from a shorter entry."""
    entries = load_phrases()
    keys = {e.simplified for e in entries}
    for e in entries:
        if e.kind in ("word", "fix"):
            shields = any(k != e.simplified and k in e.simplified for k in keys)
            assert shields or PLAIN_S2TW.convert(e.simplified) != e.traditional, \
                f"line {e.line}: s2tw already gives {e.traditional}"


# ---- longest match ---------------------------------------------------------------------
def test_longest_match_between_project_entries():
    assert to_hant("编制") == "編製"  # project: draw up
    assert to_hant("人员编制") == "人員編制"  # longer project entry wins
    assert to_hant("组织编制标准，核定人员编制") == "組織編製標準，核定人員編制"


def test_longest_match_between_project_and_opencc():
    assert to_hant("自制") == "自製"  # project beats OpenCC's equally long 自制
    assert to_hant("自制力") == "自制力"  # OpenCC's longer phrase beats the project's shorter one
    assert to_hant("物流干线") == "物流幹線"  # project's longer phrase beats OpenCC's 流干
    assert to_hant("五年计划") == "五年計畫"  # style entry propagated into OpenCC's phrase


def test_longest_match_in_a_custom_dictionary(tmp_path):
    tsv = tmp_path / "phrases.tsv"
    tsv.write_text("# test\n"
                   "工作\t工做\tword: shorter\n"
                   "标准化工作\t標準化工作\tword: longer, must win inside its span\n",
                   encoding="utf-8")
    cc = converter_for(tsv)
    assert cc.to_hant("工作") == "工做"
    assert cc.to_hant("标准化工作") == "標準化工作"
    assert cc.to_hant("地方标准化工作和企业工作") == "地方標準化工作和企業工做"


# ---- zh-Hans ----------------------------------------------------------------------------
def test_to_hans_normalises_traditional_and_mixed_text():
    assert to_hans("國市監標技〔2019〕88號") == "国市监标技〔2019〕88号"
    assert to_hans("市场监管總局關于标準化工作") == "市场监管总局关于标准化工作"  # mixed (source 003)
    assert to_hans("貫徹實施《國家標準化發展綱要》行動計畫") == "贯彻实施《国家标准化发展纲要》行动计划"
    assert to_hans("市場準入") == "市场准入"  # OpenCC's own form also comes back
    assert to_hans("建立標準化臺帳") == "建立标准化台账"
    assert to_hans("祕書處、秘書長") == "秘书处、秘书长"
    assert to_hans("帳篷") == "帐篷"


@pytest.mark.parametrize("simplified,expected", CASES)
def test_to_hans_leaves_simplified_alone(simplified, expected):
    assert to_hans(simplified) == simplified


@pytest.mark.parametrize("path", SOURCES + PLANS, ids=lambda p: p.name)
def test_real_texts(path):
    """Every source and plan: Simplified after to_hans, clean zh-Hant after to_hant, round trip."""
    # -{…}- spans are deliberately left as found (e.g. raw quotes in cleaning notes): not checked
    text = re.sub(r"-\{.*?\}-", "", path.read_text(encoding="utf-8"))
    hans = to_hans(text)
    assert script_violations(hans, "zh-Hans") == []
    hant = to_hant(hans)
    assert script_violations(hant, "zh-Hant") == [], [str(v) for v in script_violations(hant, "zh-Hant")][:5]
    assert to_hans(hant) == hans


# ---- escape hatch -----------------------------------------------------------------------
def test_escape_hatch_keeps_text_unconverted():
    assert to_hant("范仲淹姓范") == "范仲淹姓範"  # the reason the hatch exists
    assert to_hant("范仲淹姓-{范}-") == "范仲淹姓范"
    assert convert("姓-{范}-", "zh-Hans") == "姓范"


def test_escape_hatch_fixed_forms():
    text = "-{zh-Hans:信息;zh-Hant:資訊}-安全"
    assert convert(text, "zh-Hant") == "資訊安全"
    assert convert(text, "zh-Hans") == "信息安全"
    assert strip_markers(text) == "信息安全"
    assert strip_markers(text, "zh-Hant") == "資訊安全"
    # either order, spaces tolerated
    assert convert("-{ zh-Hant:資訊; zh-Hans:信息}-", "zh-Hant") == "資訊"


def test_markers_never_reach_output():
    text = "发布-{干}-部和-{zh-Hans:台;zh-Hant:台}-州，-{秘}-书处"
    for variant in ("zh-Hans", "zh-Hant"):
        out = convert(text, variant)
        assert "-{" not in out and "}-" not in out and "zh-Han" not in out
    assert convert(text, "zh-Hant") == "發布干部和台州，秘書處"
    assert convert(text, "zh-Hans") == "发布干部和台州，秘书处"


def test_malformed_markers_are_errors():
    with pytest.raises(MarkerError, match="unterminated"):
        to_hant("标准-{化")
    with pytest.raises(MarkerError, match="malformed"):
        to_hant("-{zh-Hans:一;zh-Hans:二}-")


def test_to_hans_keeps_markers_in_canonical_text():
    assert to_hans("標準-{範}-例") == "标准-{範}-例"
    assert to_hans("-{zh-Hans:信息;zh-Hant:資訊}-") == "-{zh-Hans:信息;zh-Hant:資訊}-"


# ---- script_violations -------------------------------------------------------------------
def test_violations_in_zh_hant():
    found = script_violations("標準化工作为重點", "zh-Hant")
    assert [(v.offset, v.char) for v in found] == [(5, "为")]
    v = found[0]
    assert isinstance(v, Violation) and "为" in v.context and v.suggestion == "為"
    chars = [v.char for v in script_violations("爲羣衆覈裏綫着", "zh-Hant")]
    assert chars == list("爲羣衆覈裏綫着")  # OpenCC-standard / HK forms Taiwan does not use
    # house style: 秘 賬 佈 鑒
    assert [v.char for v in script_violations("秘書處記賬發佈借鑒", "zh-Hant")] == ["秘", "賬", "佈", "鑒"]


def test_violations_in_zh_hans():
    found = script_violations("标準化工作关於", "zh-Hans")
    assert [(v.offset, v.char) for v in found] == [(1, "準"), (6, "於")]
    assert found[0].suggestion == "准"
    # dual-use characters that are valid Simplified are not flagged
    assert script_violations("着力、显著、瞭望、覆盖、干部、只有、后续", "zh-Hans") == []


def test_violations_pass_clean_text():
    hans = "推动标准化与科技创新互动，发布实施强制性国家标准，建立标准化台账。"
    assert script_violations(hans, "zh-Hans") == []
    assert script_violations(to_hant(hans), "zh-Hant") == []


def test_violations_respect_markers():
    text = "标准-{為}-化-{zh-Hans:信息;zh-Hant:資訊}-"
    assert script_violations(text, "zh-Hans") == []  # raw hatch skipped; zh-Hant part not checked as zh-Hans
    bad = "标准-{zh-Hans:資訊;zh-Hant:資訊}-"
    found = script_violations(bad, "zh-Hans")
    assert [v.char for v in found] == ["資", "訊"] and bad[found[0].offset] == "資"
    found = script_violations("-{zh-Hans:信息;zh-Hant:信息}-为", "zh-Hant")
    assert [v.char for v in found] == ["为"]


def test_forbidden_sets_come_from_opencc():
    hant, hans = CONVERTER.forbidden("zh-Hant"), CONVERTER.forbidden("zh-Hans")
    assert isinstance(hant, frozenset) and isinstance(hans, frozenset)
    assert len(hant) > 3000 and len(hans) > 3000
    assert {"为", "这", "爲", "裏", "綫", "秘"} <= hant
    assert not {"為", "後", "后", "祕", "汙", "布", "帳", "著", "台", "只", "准"} & hant
    assert {"為", "後", "標", "準", "裡", "汙", "於"} <= hans
    assert not {"为", "后", "干", "着", "著", "只", "准", "污"} & hans


# ---- dictionary loading ---------------------------------------------------------------
def test_dictionary_is_valid_and_documented():
    entries = load_phrases()
    assert len(entries) >= 60
    assert all(e.reason.split(":", 1)[1].strip() for e in entries)


@pytest.mark.parametrize("line,message", [
    ("计划\t計畫", "3 tab-separated"),
    ("计划\t計畫\tbecause", "reason must start"),
    ("计划\t計畫畫\tstyle: x", "differ in length"),
])
def test_invalid_dictionary_lines_are_rejected(tmp_path, line, message):
    tsv = tmp_path / "bad.tsv"
    tsv.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=message):
        load_phrases(tsv)


def test_duplicate_dictionary_keys_are_rejected(tmp_path):
    tsv = tmp_path / "dup.tsv"
    tsv.write_text("计划\t計畫\tstyle: a\n计划\t計劃\tstyle: b\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="already defined"):
        load_phrases(tsv)


# ---- one converter per dictionary ------------------------------------------------------
def test_a_changed_dictionary_gets_a_new_converter(tmp_path):
    """The converter is cached per file content: an edit to the dictionary is never served stale."""
    tsv = tmp_path / "phrases.tsv"
    tsv.write_text("工作\t工做\tword: first\n", encoding="utf-8")
    first = converter_for(tsv)
    assert converter_for(tsv) is first
    tsv.write_text("工作\t工作\tword: second\n标准\t標凖\tword: second\n", encoding="utf-8")
    second = converter_for(tsv)
    assert second is not first
    assert second.to_hant("工作标准") == "工作標凖" and first.to_hant("工作") == "工做"
