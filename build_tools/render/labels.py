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
AGENCIES = "部门"
