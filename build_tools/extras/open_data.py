"""Open data: site/data/reference.json (canonical Simplified) and assignments.csv."""
from __future__ import annotations

import csv
import io
import json

from ..model import Site
from ..script.markers import strip_markers


def reference(site: Site) -> dict:
    def clean(text):
        return strip_markers(text, "zh-Hans") if text else text

    return {
        "plans": [{
            "id": p.id, "title": clean(p.title), "doc_number": p.doc_number, "date": p.date, "period": p.period,
            "issuers": p.issuers, "source": p.source, "source_script": p.source_script,
            "cleaning": [{"kind": c.kind, "what": clean(c.what), "why": clean(c.why)} for c in p.cleaning],
            "tasks": [{
                "id": t.id, "number": t.number, "label": t.label, "title": clean(t.title),
                "chapter": clean(t.chapter.title) if t.chapter else None,
                "text": clean(t.text),
                "segments": [{"text": clean(s.text), "lead": s.lead, "responsible": s.responsible,
                              "issuer": s.issuer,
                              "attribution": s.attribution.text if s.attribution else None}
                             for s in t.segments],
            } for t in p.tasks],
        } for p in site.plans],
        "agencies": [{"id": a.id, "name": a.name, "full_name": a.full_name, "names": a.names,
                      "name_en": a.name_en, "kind": a.kind, "parent": a.parent}
                     for a in sorted(site.agencies.values(), key=lambda a: a.id)],
    }


def reference_json(site: Site) -> str:
    return json.dumps(reference(site), ensure_ascii=False, indent=1, sort_keys=False) + "\n"


CSV_COLUMNS = ["plan_id", "plan_title", "plan_date", "task_id", "task_number", "task_label", "task_title",
               "segment", "agency_id", "agency_name", "role"]


def assignments_csv(site: Site) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for a in site.assignments:
        writer.writerow([a.plan.id, a.plan.title, a.plan.date, a.task.id, a.task.number, a.task.label,
                         strip_markers(a.task.title), a.segment_index + 1, a.agency_id,
                         site.agencies[a.agency_id].name, a.role])
    return "\ufeff" + out.getvalue()  # BOM: spreadsheet programs then read the CSV as UTF-8
