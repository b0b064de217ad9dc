"""Open data: site/data/reference.json (canonical Simplified) and assignments.csv.

Every front-matter and registry field is emitted from its declaration on the model (`fields.source_field`),
so a field added there reaches the data without a change here. `about` says what the file is: data
version, build date (SOURCE_DATE_EPOCH: reproducible), licence, schema; every plan, task and agency
carries its page URL in both variants.
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json

from ..model import Agency, Plan, Site
from ..render import urls
from ..script.markers import strip_markers
from ..variants import VARIANTS

SCHEMA_VERSION = "2.0"  # of the shape of reference.json (data/reference.schema.json); bumped when it changes
LICENCE = {"data": "CC-BY-4.0", "code": "MIT",
           "data_url": "https://creativecommons.org/licenses/by/4.0/",
           "note": "政策文件原文属《中华人民共和国著作权法》第五条所列不适用该法保护的官方文件；"
                   "本数据（整理、结构、分工标注）以 CC BY 4.0 许可发布。"}


def clean(value):
    """Canonical Simplified with conversion markers resolved, for any value shape."""
    if isinstance(value, str):
        return strip_markers(value, "zh-Hans") if value else value
    if isinstance(value, list):
        return [clean(v) for v in value]
    if dataclasses.is_dataclass(value):
        return declared_values(value)
    return value


def declared_values(entity) -> dict:
    """{source key: value} of every field the entity declares with `source_field`."""
    return {f.metadata["source"].name: clean(getattr(entity, f.name))
            for f in dataclasses.fields(entity) if "source" in f.metadata}


def pages(url: str) -> dict[str, str]:
    """A page's URL in each variant, relative to site/ (prefix the site's address to open it)."""
    return {v: f"{v}/{url}" for v in VARIANTS}


def _plan(p: Plan) -> dict:
    return {**declared_values(p), "pages": pages(urls.plan(p.id)), "raw_source": urls.raw_source(p.source),
            "tasks": [{
                "id": t.id, "number": t.number, "label": t.label, "title": clean(t.title),
                "chapter": clean(t.chapter.title) if t.chapter else None,
                "text": clean(t.text), "pages": pages(urls.task(p.id, t.id)),
                "segments": [{"text": clean(s.text), "lead": s.lead, "responsible": s.responsible,
                              "issuer": s.issuer,
                              "attribution": s.attribution.text if s.attribution else None}
                             for s in t.segments],
            } for t in p.tasks]}


def _agency(a: Agency) -> dict:
    return {**declared_values(a), "pages": pages(urls.agency(a.id))}


def reference(site: Site, epoch: int = 0) -> dict:
    body = {"plans": [_plan(p) for p in site.plans],
            "agencies": [_agency(a) for a in sorted(site.agencies.values(), key=lambda a: a.id)]}
    digest = hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    about = {"schema": "reference.schema.json", "schema_version": SCHEMA_VERSION,
             "data_version": f"{SCHEMA_VERSION}+{digest[:12]}",  # changes whenever the data does
             "built": dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
             "licence": LICENCE, "script": "zh-Hans", "variants": list(VARIANTS)}
    return {"about": about, **body}


def reference_json(site: Site, epoch: int = 0) -> str:
    return json.dumps(reference(site, epoch), ensure_ascii=False, indent=1, sort_keys=False) + "\n"


CSV_COLUMNS = ["plan_id", "plan_title", "plan_date", "task_id", "task_number", "task_label", "task_title",
               "segment", "agency_id", "agency_name", "role"]


# Spreadsheets run a cell that starts with one of these as a formula (=HYPERLINK(…), +cmd|…).
# OWASP's rule: prefix such a cell with ' so it is shown as text. reference.json keeps the exact text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def assignments_csv(site: Site) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for a in site.assignments:
        writer.writerow([csv_cell(v) for v in (
            a.plan.id, strip_markers(a.plan.title), a.plan.date, a.task.id, a.task.number, a.task.label,
            strip_markers(a.task.title), a.segment_index + 1, a.agency_id, site.agencies[a.agency_id].name,
            a.role)])
    return "\ufeff" + out.getvalue()  # BOM: spreadsheet programs then read the CSV as UTF-8
