"""Every UI label the renderer writes itself, in canonical Simplified (converted with the page).

Templates hold the page furniture; names for roles, agency kinds and the fixed pages are here,
once, so that a label is never spelled twice.
"""
from __future__ import annotations

ROLE_LABELS = {"issuer": "发布", "lead": "牵头", "responsible": "负责"}
KIND_LABELS = {
    "ministry": "部委", "commission": "委员会", "administration": "总局/国家局", "bureau": "国家局",
    "office": "办事机构", "academy": "科研院所", "bank": "银行", "military": "军队机关",
    "people's-organisation": "人民团体", "general-office": "办公厅", "leading-group": "领导小组",
    "collective": "集合主体", "council": "国务院", "court": "法院", "procuratorate": "检察院",
    "party": "党中央机构", "organisation": "组织",
}

SITE_TITLE = "标准化政策参考"
HOME = "首页"
PLANS = "政策文件"
PLANS_OF_YEAR = "{year} 年政策文件"
AGENCIES = "部门"
CITATIONS = "未收录的引用文件"
OPEN_DATA = "开放数据"
FEED_ALL = "订阅全部政策文件（Atom）"
FEED_AGENCY = "订阅本部门相关的政策文件（Atom）"

# provenance and licence (issue 13): said once, shown on every plan page, in the footer and in the data
UNOFFICIAL = "非官方整理本"
NOTE_UNOFFICIAL = "本页是政策文件的非官方整理本：文字忠实照录网页原文，整理之处逐条记录在“整理说明”中；引用请以官方发布文本为准。"
NOTE_OFFICIAL_UNKNOWN = "尚未找到官方发布地址。"
LICENCE_LINE = "代码以 MIT 许可发布，整理数据以 CC BY 4.0 许可发布；政策文件原文属《著作权法》第五条所列不适用该法保护的官方文件。"

# The 404 page (overrides/404.html), converted per variant by the adapter.
NOT_FOUND = {
    "title": "找不到这个页面",
    "text": "这个地址没有页面：可能是链接写错了，或页面已经移动。",
    "home": "返回首页",
    "plans": "全部政策文件",
    "agencies": "全部部门",
    "search": "搜索本站",
    "search_button": "搜索",
}
FENCE_LABELS = {"notice": "印发通知", "signature": "落款", "annex": "附件"}  # their own search entries
# what the search worker says (written into each variant's index, converted)
SEARCH_LABELS = {
    "did_you_mean": "您要找的是：",
    "none": "没有找到“{q}”。",
    "try": "试试：",
    "pinyin": "拼音“{q}”：",
    "agency": "部门",
}
