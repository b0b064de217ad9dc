"""Word-boundary-aware conversion (build_tools/script/boundaries.py, Converter._hant) on the
trap corpus tests/data/boundary_traps.tsv: sentences written around OpenCC phrase matches that
straddle two words (牵头|发布 read as 头发), senses OpenCC does not know, and controls where a
phrase must stay whole (理发, 面条). Expectations are hand-written house style, not converter output.
"""
from __future__ import annotations

import re

import opencc
import pytest

from build_tools.script import opencc_cache
from build_tools.script.markers import strip_markers
from conftest import CONVERTER, PROJECT, ROOT

TRAPS_FILE = ROOT / "tests" / "data" / "boundary_traps.tsv"
PLAIN_S2TW = opencc.OpenCC("s2tw").convert


def _rows():
    out = []
    for n, line in enumerate(TRAPS_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("simplified\t"):
            continue
        simplified, expected, s2tw, note = line.split("\t")
        out.append(pytest.param(simplified, expected, s2tw, note, id=f"L{n}:{simplified[:10]}"))
    return out


ROWS = _rows()
TRAPS = [r for r in ROWS if not r.values[3].startswith("control:")]
CONTROLS = [r for r in ROWS if r.values[3].startswith("control:")]


def test_corpus_shape():
    assert len(TRAPS) >= 100 and len(CONTROLS) >= 20
    for r in ROWS:
        simplified, expected, s2tw, note = r.values
        assert len(simplified) == len(expected) == len(s2tw), r.id


@pytest.mark.parametrize("simplified,expected,s2tw,note", ROWS)
def test_recorded_s2tw_output_is_what_opencc_writes(simplified, expected, s2tw, note):
    """The corpus's third column is computed; traps are real OpenCC errors, controls are not."""
    assert PLAIN_S2TW(simplified) == s2tw
    assert (s2tw == expected) == note.startswith("control:")


@pytest.mark.parametrize("simplified,expected,s2tw,note", TRAPS)
def test_trap(simplified, expected, s2tw, note):
    assert CONVERTER.to_hant(simplified) == expected


@pytest.mark.parametrize("simplified,expected,s2tw,note", CONTROLS)
def test_control(simplified, expected, s2tw, note):
    assert CONVERTER.to_hant(simplified) == expected


@pytest.mark.parametrize("simplified,expected,s2tw,note", ROWS)
def test_trap_round_trip(simplified, expected, s2tw, note):
    assert CONVERTER.to_hans(expected) == simplified


def _real_texts():
    texts = [strip_markers(p.read_text(encoding="utf-8")) for p in sorted(PROJECT.plans_dir.glob("*.md"))]
    texts += [CONVERTER.to_hans(p.read_text(encoding="utf-8")) for p in sorted(PROJECT.sources_dir.glob("*.txt"))]
    return texts


def test_fast_path_equals_converting_every_word_separately():
    """The fast path (one marked OpenCC pass, jieba only around risky matches that a word
    overlaps) gives exactly what cutting the whole text with jieba and converting word by
    word gives, on every plan and source."""
    seg = CONVERTER.segmenter
    for text in _real_texts():
        slow = CONVERTER._by_words(text, seg.boundaries(text))
        fast = CONVERTER._hant(text)  # before quotation marks
        diff = [i for i, (a, b) in enumerate(zip(fast, slow)) if a != b]
        assert len(fast) == len(slow) and not diff, [text[max(0, i - 5):i + 5] for i in diff[:5]]


def test_multi_word_phrases_on_word_boundaries_stay_whole():
    # OpenCC's phrase may span several words when it begins and ends on word boundaries
    seg = CONVERTER.segmenter
    text = "五年计划"
    assert CONVERTER._by_words(text, seg.boundaries(text)) == "五年計畫"
    assert CONVERTER.to_hant("推动传统制造业升级") == "推動傳統製造業升級"  # 统制 may not block 制造


def test_spans_boundary():
    seg = CONVERTER.segmenter
    text = "牵头发布"
    assert seg.spans_boundary(text, 1, 3)  # 头发: 牵头 and 发布 overlap it
    assert not seg.spans_boundary("理发", 0, 2)
    assert not seg.spans_boundary("制造业", 0, 2)  # inside one word


def test_private_use_characters_in_the_text_take_the_slow_path():
    text = f"牵头发布{opencc_cache.MARK_OPEN}规范{opencc_cache.CUT}理发"
    assert CONVERTER.to_hant(text) == f"牽頭發布{opencc_cache.MARK_OPEN}規範{opencc_cache.CUT}理髮"


def test_jieba_cache_lives_in_the_project_cache():
    from build_tools.cache import cache_root
    assert CONVERTER.segmenter.tokenizer.tmp_dir == str(cache_root())
    assert re.fullmatch(r"[0-9a-f]{64}", CONVERTER.segmenter.version)


# ---- quotation marks (script/quotes.py) -------------------------------------------------
def test_quotation_marks_become_taiwan_marks():
    assert CONVERTER.to_hant("实现“一站式”服务") == "實現「一站式」服務"
    assert CONVERTER.to_hant("他说：“要‘统一’标准。”") == "他說：「要『統一』標準。」"
    assert CONVERTER.to_hans("實現「一站式」服務") == "实现“一站式”服务"
    assert CONVERTER.convert("“标准”-{“x”}-", "zh-Hant") == "「標準」“x”"  # marker contents as written


@pytest.mark.parametrize("text", [
    "实现“一站式”服务", "他说：“要‘统一’标准。”", "第12行「三、 推进」删去“三、”后的空格",
    "「一」‘二’『三』“四”", "没有引号", "‘单’", "「」“”"])
def test_quotation_marks_round_trip(text):
    assert CONVERTER.to_hans(CONVERTER.to_hant(text)) == text


def test_corner_brackets_with_curly_marks_are_exchanged():
    # a cleaning note quotes its source in 「」 and a string in “”: both kinds stay told apart
    assert CONVERTER.to_hant("第12行「三、 推进」删去“三、”") == "第12行“三、 推進”刪去「三、」"


def test_the_ambiguous_case_is_the_documented_one():
    # only corner brackets: zh-Hant is the same as for “”, so to_hans gives “” (CONVERSION.md)
    assert CONVERTER.to_hant("标题「工信部」") == CONVERTER.to_hant("标题“工信部”") == "標題「工信部」"
    assert CONVERTER.to_hans("標題「工信部」") == "标题“工信部”"


def test_mainland_style_traditional_keeps_its_curly_marks():
    assert CONVERTER.to_hans("實施信息反饋等“一站式”服務") == "实施信息反馈等“一站式”服务"


def test_search_and_text_accounting_fold_both_forms():
    from build_tools.search.index import FIXED_FOLDS
    from build_tools.verify.htmlscan import normalise
    assert all(FIXED_FOLDS[c] == s for c, s in zip("「」『』", "“”‘’"))
    assert normalise("「一站式」 『x』") == normalise("“一站式” ‘x’")
