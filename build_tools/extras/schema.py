"""The open data's contract: a JSON Schema for reference.json and a Frictionless data package
(Table Schemas) for the CSV files. Front-matter and registry properties come from the model's
field declarations (`fields.source_field`), so the schema cannot drift from the data."""
from __future__ import annotations

import dataclasses

from ..model import AGENCY_KINDS, CLEANING_KINDS, ROLES, SCRIPTS, Agency, Cleaning, Plan
SCHEMA_VERSION = "2.0"  # of the shape of reference.json; bumped when it changes

ENUMS = {(Agency, "kind"): AGENCY_KINDS, (Plan, "source_script"): SCRIPTS, (Cleaning, "kind"): CLEANING_KINDS}
NESTED = {(Plan, "cleaning"): Cleaning}
ID = {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"}
IDS = {"type": "array", "items": ID}
PAGES = {"type": "object", "required": ["zh-Hans", "zh-Hant"], "additionalProperties": False,
         "properties": {"zh-Hans": {"type": "string"}, "zh-Hant": {"type": "string"}},
         "description": "the page in each script variant, relative to site/"}


def _property(entity, f) -> dict:
    if (entity, f.name) in NESTED:
        return {"type": "array", "items": _object(NESTED[entity, f.name])}
    if (entity, f.name) in ENUMS:
        return {"enum": list(ENUMS[entity, f.name])}
    if f.kind is list:
        return {"type": "array", "items": {"type": "string"}}
    nullable = not f.required and f.check is not None and f.name == "parent"
    return {"type": ["string", "null"] if nullable else "string"}


def _declared(entity) -> list:
    return [f.metadata["source"] for f in dataclasses.fields(entity) if "source" in f.metadata]


def _object(entity, extra: dict | None = None) -> dict:
    props = {f.name: {**_property(entity, f), **({"description": f.hint} if f.hint else {})}
             for f in _declared(entity)}
    props.update(extra or {})
    return {"type": "object", "required": sorted(props), "additionalProperties": False, "properties": props}


SEGMENT = {"type": "object", "additionalProperties": False,
           "required": ["text", "lead", "responsible", "issuer", "attribution"],
           "properties": {"text": {"type": "string"}, "lead": IDS, "responsible": IDS, "issuer": IDS,
                          "attribution": {"type": ["string", "null"]}}}
RELATED = {"type": "object", "additionalProperties": False, "required": ["plan", "task", "score", "terms"],
           "properties": {"plan": ID, "task": {"type": "string"}, "score": {"type": "number"},
                          "terms": {"type": "array", "items": {"type": "string"}}}}
TASK = {"type": "object", "additionalProperties": False,
        "required": ["id", "number", "label", "title", "chapter", "text", "pages", "segments"],
        "properties": {"id": {"type": "string", "pattern": "^t\\d+$"}, "number": {"type": "integer", "minimum": 1},
                       "label": {"type": "string"}, "title": {"type": "string"},
                       "chapter": {"type": ["string", "null"]}, "text": {"type": "string"}, "pages": PAGES,
                       "segments": {"type": "array", "items": SEGMENT},
                       "related": {"type": "array", "items": RELATED}}}
CITATION = {"type": "object", "additionalProperties": False,
            "required": ["title", "printed", "plan", "line", "task"],
            "properties": {"title": {"type": "string"}, "printed": {"type": "string"},
                           "plan": {"oneOf": [ID, {"type": "null"}]}, "line": {"type": "integer"},
                           "task": {"type": ["string", "null"]}}}


def reference_schema() -> dict:
    plan = _object(Plan, {"pages": PAGES, "raw_source": {"type": "string"},
                          "tasks": {"type": "array", "items": TASK},
                          "citations": {"type": "array", "items": CITATION}})
    plan["required"] = sorted(set(plan["required"]) - {"citations"})
    agency = _object(Agency, {"pages": PAGES})
    about = {"type": "object", "required": ["schema", "schema_version", "data_version", "built", "licence"],
             "properties": {"schema_version": {"const": SCHEMA_VERSION}, "data_version": {"type": "string"},
                            "built": {"type": "string", "format": "date-time"},
                            "licence": {"type": "object", "required": ["data", "code"]}}}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "reference.schema.json", "title": "标准化政策参考 reference.json",
            "description": "Plans (with tasks, segments, who leads and who is responsible) and agencies; "
                           "canonical Simplified. Written by build_tools/extras/open_data.py.",
            "type": "object", "required": ["about", "plans", "agencies"], "additionalProperties": False,
            "properties": {"about": about, "plans": {"type": "array", "items": plan},
                           "agencies": {"type": "array", "items": agency}}}


def _field(name: str, kind: str = "string", description: str = "", **constraints) -> dict:
    """A Table Schema field."""
    out = {"name": name, "type": kind}
    if description:
        out["description"] = description
    if constraints:
        out["constraints"] = constraints
    return out


# file name → (description, fields, primary key); the writers (open_data.py) use the same column lists
TABLES = {
    "assignments.csv": ("one row per plan × task × segment × agency × role", [
        _field("plan_id", required=True), _field("plan_title"), _field("plan_date"),
        _field("task_id", required=True), _field("task_number", "integer", required=True, minimum=1),
        _field("task_label"), _field("task_title"),
        _field("segment", "integer", "1-based segment of the task", required=True, minimum=1),
        _field("agency_id", required=True), _field("agency_name"),
        _field("role", required=True, enum=list(ROLES))],
        ["plan_id", "task_id", "segment", "agency_id", "role"]),
    "citations.csv": ("one row per 《…》 a plan prints; cited_plan_id empty when the corpus lacks it", [
        _field("plan_id", required=True), _field("line", "integer", "line in content/plans/<plan_id>.md",
                                                 required=True, minimum=1),
        _field("column", "integer", required=True, minimum=1), _field("task_id"),
        _field("printed", description="the title as printed (an alias when the plan defines one)", required=True),
        _field("title", description="the title it stands for", required=True), _field("cited_plan_id")],
        ["plan_id", "line", "column", "title"]),
    "related.csv": ("for each task, the most similar tasks of other plans (link/lineage.py), best first", [
        _field("plan_id", required=True), _field("task_id", required=True),
        _field("rank", "integer", required=True, minimum=1), _field("related_plan_id", required=True),
        _field("related_task_id", required=True), _field("score", "number", "cosine of TF-IDF vectors",
                                                        required=True, minimum=0, maximum=1.0001),
        _field("shared_terms", description="the key terms both share, most weight first, joined by 、")],
        ["plan_id", "task_id", "rank"]),
}


def datapackage(about: dict) -> dict:
    return {
        "profile": "tabular-data-package", "name": "policyref", "title": "标准化政策参考",
        "version": about["data_version"], "created": about["built"],
        "licenses": [{"name": "CC-BY-4.0", "path": about["licence"]["data_url"],
                      "title": "Creative Commons Attribution 4.0"}],
        "description": "Open data of the Standardization Policy Reference; reference.json holds everything "
                       "(schema: reference.schema.json), the CSV files are flat views of it.",
        "resources": [{
            "name": name.split(".")[0], "path": name, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8-sig", "description": description,
            "schema": {"fields": fields, "primaryKey": key},
        } for name, (description, fields, key) in TABLES.items()],
    }


def columns(table: str) -> list[str]:
    return [f["name"] for f in TABLES[table][1]]
