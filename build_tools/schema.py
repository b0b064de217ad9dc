"""Typed front-matter / registry schemas whose errors name the file, the line and the key.

In the spirit of MkDocs' `config_options`: each field knows its type, whether it is
required, and how to check its value; unknown keys are errors, not silently ignored.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable

import yaml

from .diagnostics import Report

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}(?:-\d{2}-\d{2})?$")


class _Loader(yaml.SafeLoader):
    """Safe loader that keeps dates as strings (we validate them ourselves)."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, path: str, first_line: int, report: Report, rule: str = "yaml-syntax"):
    """Parse YAML; return (data, {key: line}) for a top-level mapping, or (None, {})."""
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        col = (mark.column + 1) if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        report.error(path, line, rule, f"YAML syntax: {problem}",
                     "fix the YAML (quote values containing ':' or '#', indent with spaces)", col)
        return None, {}
    return data, _key_lines(node, first_line)


def _key_lines(node, first_line: int) -> dict:
    if isinstance(node, yaml.MappingNode):
        return {k.value: first_line + k.start_mark.line for k, _ in node.value}
    if isinstance(node, yaml.SequenceNode):
        return {i: first_line + item.start_mark.line for i, item in enumerate(node.value)}
    return {}


@dataclass(frozen=True)
class Field:
    name: str
    kind: type | tuple
    required: bool = True
    check: Callable[[Any], str | None] | None = None  # returns a problem or None
    hint: str = ""


def is_id(value) -> str | None:
    return None if ID_RE.match(value) else f"'{value}' is not an ASCII id (a-z, 0-9, single hyphens)"


def is_date(value) -> str | None:
    value = str(value)
    if not DATE_RE.match(value):
        return f"'{value}' is not YYYY-MM-DD or YYYY"
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return f"'{value}' is not a real calendar date"
    year = int(value[:4])
    if not 1949 <= year <= 2100:
        return f"year {year} is outside 1949–2100"
    return None


def is_id_list(value) -> str | None:
    bad = [v for v in value if not isinstance(v, str) or not ID_RE.match(v)]
    return f"not agency ids: {bad}" if bad else None


def is_str_list(value) -> str | None:
    bad = [v for v in value if not isinstance(v, str) or not v.strip()]
    return f"entries must be non-empty strings: {bad}" if bad else None


def validate(data, fields: list[Field], path: str, lines: dict, base_line: int,
             report: Report, rule_prefix: str = "front-matter") -> bool:
    """Check a mapping against `fields`; report every problem; True when clean."""
    ok = True
    if not isinstance(data, dict):
        report.error(path, base_line, f"{rule_prefix}-type", "expected a mapping of key: value",
                     "write one 'key: value' per line")
        return False
    known = {f.name for f in fields}
    for key in data:
        if key not in known:
            ok = False
            report.error(path, lines.get(key, base_line), f"{rule_prefix}-unknown-key",
                         f"unknown key '{key}'", f"remove it or use one of: {', '.join(sorted(known))}")
    for f in fields:
        line = lines.get(f.name, base_line)
        if f.name not in data or data[f.name] is None:
            if f.required:
                ok = False
                report.error(path, base_line, f"{rule_prefix}-missing-key", f"missing key '{f.name}'",
                             f"add '{f.name}: …'" + (f" ({f.hint})" if f.hint else ""))
            continue
        value = data[f.name]
        if isinstance(value, bool) or not isinstance(value, f.kind):
            ok = False
            want = f.kind.__name__ if isinstance(f.kind, type) else " or ".join(k.__name__ for k in f.kind)
            report.error(path, line, f"{rule_prefix}-type",
                         f"key '{f.name}' must be {want}, got {type(value).__name__} ({value!r})",
                         f.hint or f"write '{f.name}' as a {want}")
            continue
        problem = f.check(value) if f.check else None
        if problem:
            ok = False
            report.error(path, line, f"{rule_prefix}-value", f"key '{f.name}': {problem}",
                         f.hint or "correct the value")
    return ok
