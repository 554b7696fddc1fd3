"""The code's shape stays as docs/architecture.md says: shared plumbing once, no view importing a view, no cycles."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("api", "battery_chain", "config", "core", "criteria", "procurement", "reporting", "suppliers")


def _modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def _module_level_imports(path: Path) -> set[str]:
    """Project modules imported at module level (an import inside a function is a deliberate late binding)."""
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name in MODULES}


def test_shared_view_plumbing_is_written_once():
    pattern = re.compile(r"^\s*def (refuse|add_months|paginate)\(", re.M)
    found = [
        (path.relative_to(ROOT).as_posix(), name)
        for path in MODULES.values()
        for name in pattern.findall(path.read_text(encoding="utf-8"))
    ]
    assert sorted(found) == [("core/dates.py", "add_months"), ("core/http.py", "paginate"), ("core/http.py", "refuse")]


def test_no_views_module_imports_another_views_module():
    offenders = []
    for name, path in MODULES.items():
        if ".views" not in name:
            continue
        for imported in _module_level_imports(path) | _all_imports(path):
            if ".views" in imported and imported != name and not imported.startswith(name + "."):
                offenders.append((name, imported))
    assert offenders == []


def _all_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name in MODULES}


def test_no_import_cycle_between_modules():
    graph = {name: _module_level_imports(path) - {name} for name, path in MODULES.items()}
    state: dict[str, str] = {}
    cycles = []

    def visit(name, trail):
        state[name] = "open"
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                cycles.append(trail[trail.index(target) :] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []
