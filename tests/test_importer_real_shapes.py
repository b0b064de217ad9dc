"""The shapes real web copies showed (issue 9), each on a short made-up example: crawled one-line
text, metadata tables and mirror headers, pinyin inserts, trailing chrome, script detection that
leaves correct Simplified alone, issuers never guessed, compound names split before suggesting."""
from __future__ import annotations

from test_importer_shapes import REGISTRY, body, imp, rules

from build_tools.importer.agencies import resolve, segment, suggest


def removed_keys(result):
    return {r.key for r in result.ledger.removals}


def test_crawled_line_title_number_glued_signature_and_a_date_inside_a_sentence():
    r = imp("示范省人民政府关于推进标准化工作的实施意见示政发〔2020〕24号各市人民政府，省政府各部门："
            "2020年9月11日，省长在座谈会上强调，要加强标准化工作。为落实部署，现提出以下意见。"
            "一、完善标准体系。梳理现有标准，补齐短板。（市场监管总局牵头，各有关部门按职责分工负责）"
            "二、强化标准实施。组织宣贯活动。（科技部牵头，各有关部门按职责分工负责）"
            "各地区各部门要加强组织领导，确保各项措施落地见效。示范省人民政府2020年10月1日（此件公开发布）")
    assert r.found.title == "示范省人民政府关于推进标准化工作的实施意见"  # not removed as a page title
    assert r.found.doc_number == "示政发〔2020〕24号"
    assert r.found.date == "2020-10-01"  # the signature's date, not 2020年9月11日，…
    assert "page-title" not in rules(r)
    assert "\n2020年9月11日，省长在座谈会上强调" in body(r)
    assert "::: signature\n示范省人民政府\n2020年10月1日\n（此件公开发布）\n:::" in body(r)
    assert "各地区各部门要加强组织领导，确保各项措施落地见效。\n" in body(r)  # split from the signer


def test_closing_paragraph_after_the_last_attribution_is_not_the_last_task():
    r = imp("示范工作要点\n一、完善标准。梳理标准。（市场监管总局牵头，各有关部门按职责分工负责）\n"
            "二、强化实施。组织宣贯。（科技部牵头，各有关部门按职责分工负责）\n"
            "各地区要确保各项措施落地见效。\n示范市市场监督管理局\n2021年3月1日\n")
    closing = [it for it in r.emitted if it[0].line.text.startswith("各地区要确保")]
    assert closing and (closing[0][0].fence == "closing" or "closing-paragraph" in rules(r))


def test_gov_cn_metadata_table_is_metadata_not_notice_or_signature():
    r = imp("索 引 号: 000014349/2020-00001 主题分类: 市场监管\\标准\n发文机关: 示范省人民政府 成文日期: 2020年03月12日\n"
            "标  题: 示范省人民政府关于同意开展标准化试点的复函\n发文字号: 示政函〔2020〕5号 发布日期: 2020年03月15日\n"
            "索 引 号:\n000014349/2020-00001\n发文机关:\n示范省人民政府\n成文日期:\n2020年03月12日\n发布日期:\n2020年03月15日\n"
            "示范省人民政府关于同意开展标准化试点的复函\n示政函〔2020〕5号\n示范市人民政府：\n"
            "你市关于开展标准化试点的请示收悉。现函复如下：\n一、同意开展试点工作。\n二、做好总结推广工作。\n")
    assert r.found.title == "示范省人民政府关于同意开展标准化试点的复函"
    assert r.found.doc_number == "示政函〔2020〕5号"
    assert r.found.date == "2020-03-12"  # 成文日期 before 发布日期
    assert r.found.issuer_names == ["示范省人民政府"]
    assert "::: signature" not in body(r) and "::: notice" not in body(r)
    assert "发布日期" not in body(r) and "000014349" not in body(r)
    assert "metadata-bar" in removed_keys(r)


def test_mirror_header_title_number_date_and_issuing_bodies():
    r = imp("关于印发示范行动计划的通知\n示市监发〔2022〕6号\n2022年7月6日\n发布机关:市场监管总局 科技部\n"
            "关于印发示范行动计划的通知\n示市监发〔2022〕6号\n经研究，现将《示范行动计划》印发给你们，请认真贯彻实施。\n"
            "市场监管总局\n科技部\n2022年7月6日\n（此件公开发布）\n示范行动计划\n为落实部署，制定本计划。\n"
            "一、强化统筹。建立机制。（市场监管总局牵头，各有关部门按职责分工负责）\n")
    assert r.found.doc_number == "示市监发〔2022〕6号" and r.found.date == "2022-07-06"
    assert r.found.title == "示范行动计划" and r.found.issuers == ["samr", "most"]
    assert body(r).count("#### 关于印发示范行动计划的通知") == 1
    assert "::: signature\n市场监管总局\n科技部\n2022年7月6日\n（此件公开发布）\n:::" in body(r)
    assert "发布机关" not in body(r)


def test_number_and_date_on_one_line_is_the_doc_number():
    r = imp("示范省关于印发标准化行动计划的通知\n示政办发〔2015〕67号        2015.8.30\n各市人民政府：\n"
            "《示范行动计划》已经同意，现印发给你们，请认真贯彻执行。\n示范省人民政府办公厅\n2015年8月30日\n"
            "示范行动计划\n一、开展清理。开展评估。（市场监管总局牵头，各有关部门按职责分工负责）\n")
    assert r.found.doc_number == "示政办发〔2015〕67号"
    assert "示政办发〔2015〕67号" in body(r) and "head-line" not in rules(r)


def test_pinyin_inserts_are_removed_and_recorded_but_latin_in_brackets_stays():
    r = imp("示范文件\n一、加强市場監(jiān)管總局的統籌，强制(zhì)性標準(zhǔn)由(ISO)和(a)方式制定。\n")
    assert "市场监管总局的统筹，强制性标准由（ISO）和（a）方式制定" in body(r)
    assert "pinyin" in removed_keys(r)
    assert any(e["kind"] == "spam" and "拼音" in e["what"] for e in r.cleaning)


def test_trailing_chrome_is_removed_and_recorded():
    r = imp("示范文件\n一、加强统筹。做好工作。\n海量资讯、精准解读，尽在新浪财经APP\n责任编辑：张三\n")
    assert "海量资讯" not in body(r) and "责任编辑" not in body(r)
    assert "trailing-chrome" in removed_keys(r)


def test_correct_simplified_is_never_changed_even_beside_traditional_text():
    r = imp("示范文件\n一、加强统筹，效果显著，著作权保护有力。\n")
    assert r.script == "zh-Hans" and "效果显著，著作权" in body(r) and not r.changes
    mixed = imp("示范文件\n一、標準化工作成效显著。\n二、加強標準實施。\n")
    assert "标准化工作成效显著" in body(mixed)  # a Simplified word inside a Traditional-marked line


def test_issuers_are_never_guessed_from_the_leads():
    r = imp("示范文件\n一、加强统筹。做好工作。（市场监管总局牵头，各有关部门按职责分工负责）\n"
            "二、推进实施。做好宣贯。（市场监管总局牵头，各有关部门按职责分工负责）\n")
    assert r.found.issuers == [] and "missing-issuers" in rules(r)


def test_run_together_names_are_split_and_only_agencies_are_suggested():
    assert resolve("市场监管总局科技部", REGISTRY) == ["samr", "most"]
    assert [p for p, known in segment("科技部示范市市场监督管理局", REGISTRY)] == ["科技部", "示范市市场监督管理局"]
    entries = suggest("科技部示范市市场监督管理局", REGISTRY)
    assert list(entries) == ["示范市市场监督管理局"]
    assert "guessed from the ending '局'" in entries["示范市市场监督管理局"]
    assert suggest("农业农村部等负责。列第一位者为", REGISTRY) == {} and suggest("下同", REGISTRY) == {}


def test_a_title_printed_over_two_lines_is_one_title():
    r = imp("示范省人民政府关于\n进一步推进标准化工作的若干意见\n示政发〔2018〕26号\n各市人民政府：\n"
            "为落实部署，提出如下意见。\n一、完善标准。梳理标准。（市场监管总局牵头，各有关部门按职责分工负责）\n")
    assert r.found.title == "示范省人民政府关于进一步推进标准化工作的若干意见"
    assert "title-break" in removed_keys(r)


def test_a_notice_title_over_two_lines_stays_the_notice_heading():
    r = imp("示范省人民政府办公厅关于印发示范标准化\n试点工作方案的通知\n示政办发〔2018〕8号\n各市人民政府：\n"
            "《示范标准化试点工作方案》已经省政府同意，现印发给你们，请认真贯彻执行。\n示范省人民政府办公厅\n"
            "2018年12月29日\n（此件公开发布）\n示范标准化试点工作方案\n一、完善标准。梳理标准。（科技部负责）\n")
    assert "#### 示范省人民政府办公厅关于印发示范标准化试点工作方案的通知" in body(r)
    assert r.found.title == "示范标准化试点工作方案" and "web-title" not in removed_keys(r)


def test_chapter_headings_over_numbered_measures_make_the_measures_tasks():
    r = imp("示范工作要点\n一、优化审批\n1.推行清单管理。编制清单。（市政务办牵头，各有关部门按职责分工负责）\n"
            "2.深化集中审批。梳理目录。（市政务办负责）\n二、强化监管\n1.推进联合抽查。（市场监管局负责）\n")
    assert r.found.scheme == "chapters 一、 with tasks 1."
    assert body(r).count("## ") - body(r).count("### ") == 2 and body(r).count("### ") == 3


def test_a_copy_that_starts_in_the_middle_keeps_its_chapter_and_task_and_says_so():
    r = imp("二、强化标准实施\n（五）推进宣贯。组织宣贯活动。（科技部牵头，商务部等按职责分工负责）\n"
            "（六）开展评估。评估实施效果。（商务部负责）\n")
    assert "## 二、强化标准实施" in body(r) and "### （五）推进宣贯。" in body(r) and "### （六）开展评估。" in body(r)
    assert "numbering-start" in rules(r)


def test_a_seal_note_between_signer_and_date_and_a_title_period_on_its_own_line():
    r = imp("各省人民政府：\n现将示范分工方案印发给你们，请认真落实。\n示范工作部际联席会议办公室\n（示范管理局代章）\n"
            "2017年2月10日\n示范发展纲要\n（2016—2030年）实施分工方案\n一、提高能力\n（一）完善网络。建成网络。（科技部负责）\n")
    assert r.found.issuer_names == ["示范工作部际联席会议办公室"] and r.found.date == "2017-02-10"
    assert r.found.title == "示范发展纲要（2016—2030年）实施分工方案"
    assert "::: signature\n示范工作部际联席会议办公室\n（示范管理局代章）\n2017年2月10日\n:::" in body(r)


def test_a_bracket_inside_a_running_sentence_does_not_split_the_paragraph():
    r = imp("示范工作方案\n一、完善制度\n（一）推进证书试点。各部门分别负责证书的实施（技工院校内由科技部负责），"
            "商务部组织制定标准。（科技部牵头，商务部按职责分工负责）\n（二）加强统筹。做好统筹。（商务部负责）实施评估。（科技部负责）\n")
    assert "实施（技工院校内由科技部负责），商务部组织制定标准。（科技部牵头，商务部按职责分工负责）\n" in body(r)
    assert "做好统筹。（商务部负责）\n\n实施评估。（科技部负责）" in body(r)  # a placed one mid-line still splits
