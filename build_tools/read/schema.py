"""Typed front-matter / registry schemas whose errors name the file, the line and the key.

In the spirit of MkDocs' `config_options`: each field knows its type, whether it is
required, and how to check its value; unknown keys are errors, not silently ignored.
"""
from __future__ import annotations

import dataclasses
import difflib

import yaml

from ..diagnostics import Report
from ..fields import Field, short, type_name

MAX_YAML_DEPTH = 6  # front matter needs 3 (mapping → cleaning list → entry); more is a mistake


class _Refused(Exception):
    def __init__(self, rule: str, mark, message: str, fix: str):
        super().__init__(message)
        self.rule, self.mark, self.message, self.fix = rule, mark, message, fix


class _Loader(yaml.SafeLoader):
    """Safe loader that keeps dates as strings (we validate them ourselves), and refuses
    anchors/aliases and deep nesting while composing (so no alias bomb, no recursion error)."""

    depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused("yaml-alias", event.start_mark, "YAML anchors and aliases (&name, *name) are not allowed",
                           "write the value out in full")
        nested = isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent))
        self.depth += nested
        if self.depth > MAX_YAML_DEPTH:
            raise _Refused("yaml-nesting", event.start_mark, f"YAML nested deeper than {MAX_YAML_DEPTH} levels",
                           "flatten the value: no key needs more than 3 levels")
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= nested


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, path: str, first_line: int, report: Report, rule: str = "yaml-syntax"):
    """Parse YAML; return (data, lines) or (None, {}).

    `lines` maps a top-level key (or list index) to its line, and a path tuple such as
    ('cleaning', 0, 'why') or (3, 'name') to the line of that nested key.
    """
    loader = None
    try:
        loader = _Loader(text)  # the reader already refuses some control characters
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _Refused as exc:
        report.add(path, first_line + exc.mark.line, exc.rule, exc.message, exc.fix, exc.mark.column + 1)
        return None, {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        col = (mark.column + 1) if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and context_mark and context_mark.line != getattr(mark, "line", None):
            problem += f" ({context} at line {first_line + context_mark.line})"
        report.add(path, line, rule, f"YAML syntax: {problem}",
                   "fix the YAML (quote values containing ':' or '#', indent with spaces)", col)
        return None, {}
    finally:
        if loader is not None:
            loader.dispose()
    lines: dict = {}
    _node_lines(node, (), first_line, lines, path, report)
    return data, lines


def _node_lines(node, prefix: tuple, first_line: int, lines: dict, path: str, report: Report) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for key, value in node.value:
            line = first_line + key.start_mark.line
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name in seen:
                report.add(path, line, "yaml-duplicate-key",
                           f"key '{name}' appears twice (first at line {seen[name]}); YAML would keep only "
                           "the last one", "delete one of them", key.start_mark.column + 1)
            seen.setdefault(name, line)
            lines[prefix + (name,)] = line
            if not prefix:
                lines[name] = line
            _node_lines(value, prefix + (name,), first_line, lines, path, report)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            line = first_line + item.start_mark.line
            lines[prefix + (index,)] = line
            if not prefix:
                lines[index] = line
            _node_lines(item, prefix + (index,), first_line, lines, path, report)


def check_mapping(data, fields: list[Field], path: str, lines: dict, base_line: int,
             report: Report, rule_prefix: str = "front-matter", where: tuple = ()) -> bool:
    """Check a mapping against `fields`; report every problem; True when clean.

    `where` is the mapping's path in `lines` (e.g. ('cleaning', 2)); () for the top level.
    """
    ok = True
    if not isinstance(data, dict):
        report.add(path, base_line, f"{rule_prefix}-type", f"expected a mapping of key: value, got {short(data)}",
                   "write one 'key: value' per line")
        return False
    known = {f.name for f in fields}
    for key in data:
        if key not in known:
            ok = False
            close = difflib.get_close_matches(str(key), sorted(known), n=1)
            report.add(path, lines.get(where + (key,), base_line), f"{rule_prefix}-unknown-key",
                       f"unknown key {short(key)}",
                       (f"did you mean '{close[0]}'? " if close else "")
                       + f"keys allowed here: {', '.join(sorted(known))}")
    for f in fields:
        line = lines.get(where + (f.name,), base_line)
        if f.name not in data or data[f.name] is None:
            if f.required:
                ok = False
                what = " (it has no value)" if f.name in data else ""
                report.add(path, line, f"{rule_prefix}-missing-key", f"missing key '{f.name}'{what}",
                           f"add '{f.name}: …'" + (f" ({f.hint})" if f.hint else ""))
            continue
        value = data[f.name]
        if isinstance(value, bool) or not isinstance(value, f.kind):
            ok = False
            want = type_name(f.kind)
            report.add(path, line, f"{rule_prefix}-type",
                       f"key '{f.name}' must be {want}, got {type_name(type(value))} ({short(value)})",
                       f.hint or f"write '{f.name}' as a {want}")
            continue
        problem = f.check(value) if f.check else None
        if problem:
            ok = False
            report.add(path, line, f"{rule_prefix}-value", f"key '{f.name}': {problem}",
                       f.hint or "correct the value")
    return ok


def declared(entity) -> list[Field]:
    """The fields an entity class declares for its source file (`fields.source_field`), in order."""
    return [f.metadata["source"] for f in dataclasses.fields(entity) if "source" in f.metadata]


def from_source(entity, data: dict, **extra):
    """An entity built from a checked source mapping: declared keys (coerced), then `extra`.
    A key that is absent or null takes the field's default."""
    values = {}
    for f in dataclasses.fields(entity):
        declared_as = f.metadata.get("source")
        if declared_as is None or f.name in extra or data.get(declared_as.name) is None:
            continue
        value = data[declared_as.name]
        values[f.name] = declared_as.coerce(value) if declared_as.coerce else value
    return entity(**values, **extra)
