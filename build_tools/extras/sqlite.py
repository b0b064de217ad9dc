"""site/data/reference.sqlite: the open data as SQL tables, for sqlite3 and Datasette users.

Written with the standard library, rows in site order, then VACUUMed into a fresh file: the same
data gives the same bytes (no timestamps inside; `about` holds the build date from SOURCE_DATE_EPOCH).
"""
from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path

SCHEMA = """
CREATE TABLE about (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE agencies (id TEXT PRIMARY KEY, name TEXT NOT NULL, full_name TEXT NOT NULL, name_en TEXT,
  kind TEXT NOT NULL, parent TEXT REFERENCES agencies(id), names TEXT, page_hans TEXT, page_hant TEXT);
CREATE TABLE plans (id TEXT PRIMARY KEY, title TEXT NOT NULL, doc_number TEXT, date TEXT NOT NULL, period TEXT,
  issuers TEXT, addressees TEXT, source TEXT, source_script TEXT, official_url TEXT, retrieved TEXT,
  fields TEXT, page_hans TEXT, page_hant TEXT);
CREATE TABLE chapters (plan_id TEXT REFERENCES plans(id), number INTEGER, title TEXT,
  PRIMARY KEY (plan_id, number));
CREATE TABLE tasks (plan_id TEXT REFERENCES plans(id), id TEXT, number INTEGER, label TEXT, title TEXT,
  chapter TEXT, text TEXT, page_hans TEXT, page_hant TEXT, PRIMARY KEY (plan_id, id));
CREATE TABLE segments (plan_id TEXT, task_id TEXT, number INTEGER, text TEXT, attribution TEXT,
  PRIMARY KEY (plan_id, task_id, number), FOREIGN KEY (plan_id, task_id) REFERENCES tasks(plan_id, id));
CREATE TABLE assignments (plan_id TEXT, task_id TEXT, segment INTEGER, agency_id TEXT REFERENCES agencies(id),
  role TEXT CHECK (role IN ('issuer', 'lead', 'responsible')),
  FOREIGN KEY (plan_id, task_id, segment) REFERENCES segments(plan_id, task_id, number));
CREATE TABLE citations (plan_id TEXT REFERENCES plans(id), line INTEGER, column INTEGER, task_id TEXT,
  printed TEXT, title TEXT, cited_plan_id TEXT REFERENCES plans(id));
CREATE TABLE related_tasks (plan_id TEXT, task_id TEXT, rank INTEGER, related_plan_id TEXT, related_task_id TEXT,
  score REAL, shared_terms TEXT, PRIMARY KEY (plan_id, task_id, rank));
CREATE INDEX assignments_by_agency ON assignments (agency_id, role);
"""


def _j(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def rows(data: dict, citations: list[dict]) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {k: [] for k in ("about", "agencies", "plans", "chapters", "tasks", "segments",
                                                   "assignments", "citations", "related_tasks")}
    out["about"] = [(k, v if isinstance(v, str) else _j(v)) for k, v in data["about"].items()]
    for a in data["agencies"]:
        out["agencies"].append((a["id"], a["name"], a["full_name"], a["name_en"], a["kind"], a["parent"],
                                _j(a["names"]), a["pages"]["zh-Hans"], a["pages"]["zh-Hant"]))
    for p in data["plans"]:
        known = {"id", "title", "doc_number", "date", "period", "issuers", "addressees", "source", "source_script",
                 "official_url", "retrieved", "pages", "tasks", "raw_source"}
        rest = {k: v for k, v in p.items() if k not in known}  # cleaning and any field declared later
        out["plans"].append((p["id"], p["title"], p["doc_number"], p["date"], p["period"], _j(p["issuers"]),
                             _j(p.get("addressees", [])), p["source"], p["source_script"], p.get("official_url", ""),
                             p.get("retrieved", ""), _j(rest), p["pages"]["zh-Hans"], p["pages"]["zh-Hant"]))
        chapters = list(dict.fromkeys(t["chapter"] for t in p["tasks"] if t["chapter"]))
        out["chapters"] += [(p["id"], i, c) for i, c in enumerate(chapters, 1)]
        for t in p["tasks"]:
            out["tasks"].append((p["id"], t["id"], t["number"], t["label"], t["title"], t["chapter"], t["text"],
                                 t["pages"]["zh-Hans"], t["pages"]["zh-Hant"]))
            for n, s in enumerate(t["segments"], 1):
                out["segments"].append((p["id"], t["id"], n, s["text"], s["attribution"]))
                for role in ("issuer", "lead", "responsible"):
                    out["assignments"] += [(p["id"], t["id"], n, a, role) for a in s[role]]
            for rank, r in enumerate(t.get("related", []), 1):
                out["related_tasks"].append((p["id"], t["id"], rank, r["plan"], r["task"], r["score"],
                                             "、".join(r["terms"])))
    out["citations"] = [(c["plan_id"], c["line"], c["column"], c["task_id"] or None, c["printed"], c["title"],
                         c["cited_plan_id"] or None) for c in citations]
    return out


def write_sqlite(data: dict, citations: list[dict], target: Path) -> None:
    """Build into a temporary file, then VACUUM INTO `target` (compact, deterministic page order)."""
    fd, scratch = tempfile.mkstemp(suffix=".sqlite", dir=target.parent)
    os.close(fd)
    os.unlink(scratch)
    try:
        db = sqlite3.connect(scratch)
        try:
            db.executescript(SCHEMA)
            for table, values in rows(data, citations).items():
                if values:
                    marks = ",".join("?" * len(values[0]))
                    db.executemany(f"INSERT INTO {table} VALUES ({marks})", values)
            db.commit()
            target.unlink(missing_ok=True)
            db.execute("VACUUM INTO ?", (str(target),))
        finally:
            db.close()
    finally:
        Path(scratch).unlink(missing_ok=True)
