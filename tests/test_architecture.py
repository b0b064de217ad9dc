"""The architecture rules, read from the source with ast (nothing is imported or run):

- no module outside build_tools/adapter/ imports mkdocs (or Material), at any level;
- no import cycle between build_tools modules (lazy and TYPE_CHECKING imports count too);
- no module over 400 lines;
- layering: every import between build_tools parts is one its "May import:" line allows
  (a package's __init__ docstring for all its modules; a top-level module's own docstring);
- README's architecture table lists every module and the same "may import" as the code.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "build_tools"
MAX_LINES = 400
PUBLISHER = ("mkdocs", "material")  # top-level names of MkDocs and its theme
MAY_IMPORT = re.compile(r"^May import:\s*([^.\n]*)", re.M)  # up to the first full stop


@dataclass(frozen=True)
class Import:
    target: str  # dotted name, relative imports resolved
    line: int


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(p): p for p in sorted(package.rglob("*.py"))}


def imports_of(path: Path, known: set[str]) -> list[Import]:
    """Every import statement anywhere in the file (module level, in functions, under TYPE_CHECKING),
    plus importlib.import_module("…") / __import__("…") with a literal name."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [Import(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            subs = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in known]
            # `from . import urls` imports the module urls; `from .x import f` imports x
            found += [Import(s, node.lineno) for s in subs] or [Import(base, node.lineno)]
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)
              and ((isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                   or (isinstance(node.func, ast.Name) and node.func.id in ("__import__", "import_module")))):
            found.append(Import(node.args[0].value, node.lineno))
    return found


def import_graph(package: Path = PACKAGE) -> dict[str, dict[str, int]]:
    """module → {imported build_tools module: line of the first such import}."""
    mods = modules(package)
    graph: dict[str, dict[str, int]] = {}
    for name, path in mods.items():
        edges: dict[str, int] = {}
        for imp in imports_of(path, set(mods)):
            target = imp.target
            while target and target not in mods:  # `import build_tools.read.plan.x` → its module
                target = target.rpartition(".")[0]
            if target and target != name:
                edges.setdefault(target, imp.line)
        graph[name] = edges
    return graph


def find_cycle(graph: dict[str, dict[str, int]]) -> list[str] | None:
    """One import cycle as [a, b, …, a], or None (iterative DFS, white/grey/black)."""
    state: dict[str, int] = {}
    for start in sorted(graph):
        if state.get(start):
            continue
        stack, path = [(start, iter(sorted(graph[start])))], [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif state.get(child) == 1:
                return path[path.index(child):] + [child]
            elif not state.get(child):
                state[child] = 1
                stack.append((child, iter(sorted(graph.get(child, {})))))
                path.append(child)
    return None


# ---- layering: who may import whom ---------------------------------------------------------
def part_of(module: str) -> str:
    """The layer a module belongs to: its package under build_tools (`read`), or itself (`model`)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "build_tools"


def part_files(package: Path = PACKAGE) -> dict[str, Path]:
    """part → the file whose docstring declares it: a package's __init__.py, a top-level module itself."""
    parts = {p.parent.name: p for p in sorted(package.glob("*/__init__.py"))}
    parts.update({p.stem: p for p in sorted(package.glob("*.py")) if p.name != "__init__.py"})
    return parts


def declared(path: Path) -> set[str] | None | bool:
    """The parts a "May import:" line allows: a set, None for anything, False when there is no line."""
    match = MAY_IMPORT.search(ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "")
    if match is None:
        return False
    value = match.group(1).strip()
    return None if value == "anything" else set() if value == "nothing" else {v.strip() for v in value.split(",")}


def declared_layers(package: Path = PACKAGE) -> dict[str, set[str] | None]:
    """part → the parts it may import (None = anything); an undeclared part may import nothing."""
    return {part: (set() if (d := declared(path)) is False else d) for part, path in part_files(package).items()}


def layer_violations(graph, layers) -> list[str]:
    problems = []
    for module, edges in sorted(graph.items()):
        source = part_of(module)
        allowed = layers.get(source, set())
        for target, line in sorted(edges.items()):
            dest = part_of(target)
            if dest in (source, "build_tools") or allowed is None or dest in allowed:
                continue  # own part; the root package's docstring; or declared
            problems.append(f"{module} (line {line}) imports {target}: '{source}' may import "
                            f"{', '.join(sorted(allowed)) or 'nothing'}")
    return problems


# ---- the tests ---------------------------------------------------------------------------
def test_only_the_adapter_imports_mkdocs():
    offenders = [f"{path.relative_to(ROOT)}:{imp.line}: imports {imp.target}"
                 for name, path in modules().items() if not name.startswith("build_tools.adapter")
                 for imp in imports_of(path, set()) if imp.target.split(".")[0] in PUBLISHER]
    assert not offenders, "only build_tools/adapter/ may import MkDocs:\n" + "\n".join(offenders)


def test_the_adapter_does_import_mkdocs():
    """The scanner sees the imports it is meant to forbid (so an empty result above means something)."""
    seen = {imp.target.split(".")[0] for name, path in modules().items() if name.startswith("build_tools.adapter")
            for imp in imports_of(path, set())}
    assert "mkdocs" in seen


def test_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle)


def test_cycle_finder_finds_a_cycle():
    graph = {"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1, "d": 1}, "d": {}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b": 1}, "b": {}, "c": {"a": 1}}) is None


def test_no_module_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in modules().values()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines (split them by what they do): {long}"


def test_every_part_declares_what_it_may_import():
    missing = [str(path.relative_to(ROOT)) for path in part_files().values() if declared(path) is False]
    assert not missing, ('add a line "May import: a, b." (or "nothing" / "anything") to the docstring of: '
                         + ", ".join(missing))


def test_every_import_is_one_the_layering_allows():
    problems = layer_violations(import_graph(), declared_layers())
    assert not problems, "imports the layering does not allow (fix the import, or change the "\
        "'May import:' line and README's table if the design changed):\n" + "\n".join(problems)


def test_layering_names_only_real_parts():
    layers = declared_layers()
    for part, allowed in layers.items():
        assert not (allowed or set()) - set(layers), (part, (allowed or set()) - set(layers))


def test_fixed_points_of_the_layering():
    """The brief's fixed points, checked on the imports themselves, so loosening a docstring cannot undo them:
    read never imports a later stage; the conversion library (script/ but its command line) imports only
    variants, atomic and cache; nothing but build and cli imports the adapter."""
    graph, layers = import_graph(), declared_layers()
    assert not layers["read"] & {"render", "search", "verify", "extras", "importer", "adapter"}
    library = {part_of(t) for m, edges in graph.items() if m.startswith("build_tools.script.")
               and not m.endswith(".__main__") for t in edges} - {"script"}
    assert library <= {"variants", "atomic", "cache"}, library
    users = {part_of(m) for m, edges in graph.items() for t in edges if part_of(t) == "adapter"} - {"adapter"}
    assert users <= {"build", "cli"}, users


# ---- README ------------------------------------------------------------------------------
def readme_architecture() -> dict[str, tuple[set[str], set[str] | None]]:
    """README's architecture table: part → (modules listed in the row, may import)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Architecture")
    section = text[start:text.index("\n## ", start + 1)]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        part = cells[0].strip("`").rstrip("/").removesuffix(".py")
        names = set(re.findall(r"`([a-z_]+)\.py`", cells[0] + " " + cells[1]))
        may = cells[2]
        rows[part] = (names, None if may == "anything" else set() if may == "nothing" else
                      {m.strip().strip("`").rstrip("/").removesuffix(".py") for m in may.split(",")})
    return rows


def test_readme_lists_every_module_with_its_layering():
    rows = readme_architecture()
    layers = declared_layers()
    assert set(rows) == set(layers), ("README's architecture table and build_tools/ differ",
                                      set(rows) ^ set(layers))
    for part, (listed, may) in rows.items():
        if (PACKAGE / part).is_dir():
            actual = {p.stem for p in (PACKAGE / part).glob("*.py") if p.name != "__init__.py"}
            listed = listed - {"__init__"}
            assert listed == actual, (part, "README lists", sorted(listed - actual), "misses", sorted(actual - listed))
        assert may == layers[part], (part, "README says it may import", may, "its docstring says", layers[part])
