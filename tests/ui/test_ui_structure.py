"""The front end's shape (issue 12): every UI module under 600 lines, no import inside a
function, and no import cycle between the UI's modules (a screen goes back up to the title or
the pause menu through ``ui/scenes/flow.py``, never by importing it)."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

UI = ROOT / "diplomacy_game" / "ui"
MAX_LINES = 600
# Deliberate imports inside functions, each with its reason (none today).
ALLOWED_LAZY: dict[str, str] = {}


def _modules() -> dict[str, Path]:
    out = {}
    for p in sorted(UI.rglob("*.py")):
        parts = list(p.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = p
    return out


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


def _runtime_imports(name: str, path: Path) -> set[str]:
    """The modules ``name`` imports when it is imported (not those under ``if TYPE_CHECKING``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If) and _is_type_checking(node):
                visit(node.orelse)
                continue
            if isinstance(node, ast.Import):
                out.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[:len(base) - node.level + 1]
                    mod = ".".join(base + ([node.module] if node.module else []))
                else:
                    mod = node.module or ""
                out.add(mod)
                out.update(f"{mod}.{a.name}" for a in node.names)  # `from . import kit` names a module
            elif isinstance(node, ast.If | ast.Try | ast.With):
                for field in ("body", "orelse", "finalbody"):
                    visit(getattr(node, field, []) or [])
                for h in getattr(node, "handlers", []):
                    visit(h.body)

    visit(tree.body)
    return out


def test_every_ui_module_is_under_600_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in UI.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) >= MAX_LINES}
    assert not long, f"UI modules of {MAX_LINES} lines or more: {long}"


def test_no_import_inside_a_function_in_the_ui() -> None:
    found = []
    for p in sorted(UI.rglob("*.py")):
        tree = ast.parse(p.read_text(encoding="utf-8"))
        rel = str(p.relative_to(ROOT))
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                for node in ast.walk(fn):
                    if isinstance(node, ast.Import | ast.ImportFrom) and f"{rel}:{fn.name}" not in ALLOWED_LAZY:
                        found.append(f"{rel}:{node.lineno} in {fn.name}()")
    assert not found, "imports inside functions (hoist them, or list them in ALLOWED_LAZY with a reason): " + \
        ", ".join(found)


def test_no_import_cycle_between_ui_modules() -> None:
    mods = _modules()
    graph = {m: {d for d in _runtime_imports(m, p) if d in mods and d != m} for m, p in mods.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def walk(m: str, stack: list[str]) -> None:
        state[m] = 1
        stack.append(m)
        for d in sorted(graph[m]):
            if state.get(d) == 1:
                cycles.append([*stack[stack.index(d):], d])
            elif d not in state:
                walk(d, stack)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            walk(m, [])
    assert not cycles, "import cycles: " + "; ".join(" → ".join(c) for c in cycles[:5])


def test_the_structure_checks_see_the_modules() -> None:
    mods = _modules()
    assert "diplomacy_game.ui.scenes.game" in mods and "diplomacy_game.ui.map_view" in mods
    deps = _runtime_imports("diplomacy_game.ui.scenes.game", mods["diplomacy_game.ui.scenes.game"])
    assert "diplomacy_game.ui.scenes.pause" in deps and "diplomacy_game.ui.match" in deps
    assert "diplomacy_game.ui.screen" not in deps  # a TYPE_CHECKING import is no runtime edge
