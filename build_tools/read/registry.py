"""The agency registry (`content/agencies.yml`): load, validate, resolve names."""
from __future__ import annotations

import difflib
from pathlib import Path

from ..diagnostics import Report
from ..model import Agency
from .schema import check_mapping, declared, from_source, load_yaml


class Registry:
    """Agencies by id, and every known name (Simplified) → id."""

    def __init__(self, agencies: dict[str, Agency]):
        self.agencies = agencies
        self.by_name: dict[str, str] = {}
        for agency in agencies.values():
            for name in [agency.name, agency.full_name, *agency.names]:
                self.by_name.setdefault(name, agency.id)

    def resolve(self, name: str) -> str | None:
        return self.by_name.get(name)

    def closest(self, name: str, n: int = 3) -> list[str]:
        return difflib.get_close_matches(name, list(self.by_name), n=n, cutoff=0.4)

    def __contains__(self, agency_id: str) -> bool:
        return agency_id in self.agencies


def load_registry(path: Path, report: Report, display: str | None = None, text: str | None = None) -> Registry:
    """The registry at `path` (or its already read `text`: content.read_text checks the bytes)."""
    shown = display or str(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            report.add(shown, 1, "registry-missing", "agency registry not found",
                       "create content/agencies.yml (see CONTENT_FORMAT.md)")
            return Registry({})
        except UnicodeDecodeError as exc:
            report.add(shown, 1, "file-encoding", f"not UTF-8 ({exc.reason} at byte {exc.start})",
                       "save the file as UTF-8")
            return Registry({})
    data, lines = load_yaml(text, shown, 1, report)
    if data is None:
        return Registry({})
    if not isinstance(data, list):
        report.add(shown, 1, "registry-type", "the registry must be a YAML list of agencies",
                   "start each entry with '- id: …'")
        return Registry({})
    agencies: dict[str, Agency] = {}
    owner_of_name: dict[str, str] = {}
    for index, entry in enumerate(data):
        line = lines.get(index, 1)
        if not check_mapping(entry, declared(Agency), shown, lines, line, report, "registry", (index,)):
            continue
        agency = from_source(Agency, entry, line=line)
        if agency.id in agencies:
            report.add(shown, line, "duplicate-agency-id", f"agency id '{agency.id}' is used twice",
                       f"rename one (first at line {agencies[agency.id].line})")
            continue
        for name in {agency.name, agency.full_name, *agency.names, *agency.aliases}:
            if name in owner_of_name and owner_of_name[name] != agency.id:
                report.add(shown, line, "duplicate-agency-name",
                           f"name '{name}' belongs to both '{owner_of_name[name]}' and '{agency.id}'",
                           "a name must identify one agency: remove it from one entry")
            owner_of_name.setdefault(name, agency.id)
        agencies[agency.id] = agency
    for agency in agencies.values():
        if agency.parent and agency.parent not in agencies:
            report.add(shown, agency.line, "unknown-parent",
                       f"agency '{agency.id}' has unknown parent '{agency.parent}'",
                       "use an id defined in this file or remove 'parent'")
        elif agency.parent:
            agencies[agency.parent].children.append(agency.id)
    return Registry(agencies)
