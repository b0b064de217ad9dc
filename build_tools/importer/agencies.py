"""Agency names met by the importer: resolve through the registry, or suggest an entry."""
from __future__ import annotations

import re
from collections import Counter

from ..read.attribution import expand_name, find_attribution
from ..read.registry import Registry

AGENCY_SHAPE = re.compile(r"^[\u4e00-\u9fff（）()、]{2,40}(?:部|局|委员会|委|办公厅|办公室|总局|政府|院|署|银行|"
                          r"联合会|联|协会|中心|厅|办|会|处|司|所|部门|单位|机构)$")
KIND_BY_SUFFIX = [("办公厅", "general-office"), ("办公室", "office"), ("委员会", "commission"), ("总局", "administration"),
                  ("署", "administration"), ("银行", "bank"), ("院", "academy"), ("联合会", "people's-organisation"),
                  ("部门", "collective"), ("单位", "collective"), ("机构", "collective"), ("部", "ministry"), ("委", "commission"), ("局", "bureau"), ("政府", "collective")]


def segment(name: str, registry: Registry) -> list[tuple[str, bool]]:
    """A run-together name split into registered names, longest first (民政部住房城乡建设部 →
    民政部 + 住房城乡建设部); text no registered name covers is kept as an unknown piece."""
    known = sorted((n for n in registry.by_name if len(n) >= 2), key=len, reverse=True)
    pieces: list[tuple[str, bool]] = []
    rest, i = "", 0
    while i < len(name):
        hit = next((n for n in known if name.startswith(n, i)), None)
        if hit is None:
            rest, i = rest + name[i], i + 1
            continue
        if rest:
            pieces.append((rest, False))
            rest = ""
        pieces.append((hit, True))
        i += len(hit)
    if rest:
        pieces.append((rest, False))
    return pieces


def suggest(name: str, registry: Registry) -> dict[str, str]:
    """Registry entries to propose for an unknown name: compounds are split first, and only the
    unknown pieces shaped like an agency name get an entry (never 等负责, 下同 or a sentence)."""
    out = {}
    for piece, is_known in segment(name, registry):
        if not is_known and AGENCY_SHAPE.match(piece):
            out[piece] = registry_entry(piece)
    return out


def resolve(name: str, registry: Registry) -> list[str] | None:
    """Agency ids a printed name stands for (A（B） gives both; run-together registered names give
    each), or None when unknown."""
    names = expand_name(name, lambda n: registry.resolve(n) is not None)
    if names is None:
        pieces = segment(name, registry)
        if len(pieces) < 2 or not all(is_known for _, is_known in pieces):
            return None
        names = [piece for piece, _ in pieces]
    ids: list[str] = []
    for n in names:
        agency = registry.resolve(n)
        if agency and agency not in ids:
            ids.append(agency)
    return ids


def looks_like_agency(text: str, registry: Registry) -> bool:
    return resolve(text, registry) is not None or bool(AGENCY_SHAPE.match(text))


def registry_entry(name: str) -> str:
    """A ready-to-paste YAML entry for content/agencies.yml (the editor fills the TODOs)."""
    suffix = next((suffix for suffix, _ in KIND_BY_SUFFIX if name.endswith(suffix)), None)
    kind = dict(KIND_BY_SUFFIX)[suffix] if suffix else "TODO"
    guess = f"          # TODO: guessed from the ending '{suffix}'; check" if suffix else ""
    return (f"- id: TODO-ascii-id        # a-z, 0-9, hyphens\n"
            f"  name: {name}\n"
            f"  full_name: {name}          # TODO: the full official name\n"
            f"  names: [{name}]\n"
            f"  name_en: TODO English name\n"
            f"  kind: {kind}{guess}\n"
            f"  parent: null")


def check_attributions(paragraphs, registry: Registry, ledger) -> tuple[set[str], Counter]:
    """Warn about unknown names in attributions. Returns (unknown names, lead ids counted)."""
    unknown: set[str] = set()
    leads: Counter = Counter()
    for line in paragraphs:
        raw = find_attribution(line.text)
        if not raw:
            continue
        lead_ids: list[str] = []
        for group, names in (("lead", raw.lead), ("responsible", raw.responsible), ("standing", raw.standing)):
            for name in (actor.name for actor in names):
                ids = resolve(name, registry)
                if ids is None:
                    if name not in unknown:
                        unknown.add(name)
                        near = registry.closest(name)
                        ledger.registry_entries.update(suggest(name, registry))
                        ledger.flag(line.src[raw.start] if raw.start < len(line.src) else line.first,
                                    "unknown-agency",
                                    f"agency '{name}' ({group}) is not in content/agencies.yml"
                                    + (f"; closest known: {' / '.join(near)}" if near else ""),
                                    "if it is one of those, add the name to that entry's 'names'; otherwise "
                                    "paste the entry under 'Registry entries to add' into content/agencies.yml "
                                    "and fill in its TODOs")
                elif group == "lead":
                    lead_ids.extend(i for i in ids if i not in lead_ids)
        if lead_ids:
            leads[tuple(lead_ids)] += 1
    return unknown, leads
