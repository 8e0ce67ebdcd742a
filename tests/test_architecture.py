"""The layering of ARCHITECTURE.md holds: every import (read with ``ast``, including those
inside functions and under ``TYPE_CHECKING``) goes only where the table allows, and no
modules import each other in a cycle."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "spinscope"
ARCHITECTURE = REPO / "ARCHITECTURE.md"


def rules(markdown: str) -> dict[str, set[str]]:
    """``{unit: units it may import}`` from the table in ARCHITECTURE.md."""
    found: dict[str, set[str]] = {}
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        unit = cells[0].strip("`")
        found[unit] = {u.strip() for u in re.split(r"[,\s]+", cells[2]) if u.strip() and u.strip() != "—"}
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def unit_of(module: str) -> str:
    """The top-level unit of ``spinscope.a.b`` (``a``); the package root is ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path) -> set[str]:
    """Every spinscope module ``path`` imports, anywhere in it."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "spinscope")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.split(".")[0] != "spinscope":
                continue
            # ``from .. import x``: x is a module of the package, or a name defined in it
            for alias in node.names:
                name = f"{target}.{alias.name}"
                found.add(name if _is_module(name) else target)
    return found


def _is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def violations(edges: dict[str, set[str]], allowed: dict[str, set[str]]) -> list[str]:
    bad = []
    for module, targets in sorted(edges.items()):
        unit = unit_of(module)
        if unit not in allowed:
            bad.append(f"{module}: package {unit!r} has no row in ARCHITECTURE.md")
            continue
        for target in sorted(targets):
            other = unit_of(target)
            if other != unit and other not in allowed[unit] and target != "spinscope":
                bad.append(f"{module} imports {target}: {unit} may not import {other}")
            if target == "spinscope" and unit != "__init__":
                bad.append(f"{module} imports the package root (it imports everything): import the module")
    return bad


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    nodes = {m: {t for t in ts if t in edges and t != m} for m, ts in edges.items()}
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(nodes[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(nodes[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def without_package_inits(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    """A package's ``__init__`` re-exporting its submodules, which import siblings through
    the package, is not a cycle between modules: drop edges from a module to its own parent."""
    return {m: {t for t in ts if not m.startswith(t + ".")} for m, ts in edges.items()}


def test_the_table_covers_the_layers() -> None:
    allowed = rules(ARCHITECTURE.read_text(encoding="utf-8"))
    for bottom in ("model", "errors", "_version", "catalog"):
        assert allowed[bottom] <= {"errors"}, bottom
    for middle in ("ingest", "analyze", "store"):
        assert allowed[middle] <= {"_version", "errors", "catalog", "model"}, middle
    for unit, targets in allowed.items():
        assert "training" not in targets or unit == "cli", f"{unit} may not import training"
        assert "cli" not in targets or unit == "__main__"


def test_every_import_follows_the_architecture() -> None:
    allowed = rules(ARCHITECTURE.read_text(encoding="utf-8"))
    bad = violations(graph(), allowed)
    assert not bad, (
        "imports against ARCHITECTURE.md:\n"
        + "\n".join(bad)
        + "\n(a lower layer that needs something from a higher one takes it as an argument, e.g. a function;"
        " or change the table in ARCHITECTURE.md if the layering itself should change)"
    )


def test_no_import_cycles() -> None:
    found = cycles(without_package_inits(graph()))
    assert not found, "import cycles: " + "; ".join(" <-> ".join(c) for c in found)


# -- the checks themselves can fail ----------------------------------------------------


def test_a_forbidden_import_is_caught(tmp_path: Path) -> None:
    allowed = {"store": {"model"}, "serve": {"store"}, "model": set()}
    edges = {"spinscope.store.core": {"spinscope.serve.app"}, "spinscope.serve.app": {"spinscope.store"}}
    assert violations(edges, allowed) == [
        "spinscope.store.core imports spinscope.serve.app: store may not import serve"
    ]
    assert violations({"spinscope.newpkg.x": set()}, allowed) == [
        "spinscope.newpkg.x: package 'newpkg' has no row in ARCHITECTURE.md"
    ]


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set()}, []),
        ({"x.api": {"x.app"}, "x.app": {"x.pages"}, "x.pages": {"x.app"}}, [["x.app", "x.pages"]]),
    ],
)
def test_cycles_are_found(edges: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert cycles(edges) == expected


def test_function_level_imports_count(tmp_path: Path) -> None:
    """The cycle issue 9 found was hidden by an import inside a function."""
    source = PACKAGE / "serve" / "app.py"
    assert "spinscope.serve.api" in imports(source)
    edges = defaultdict(set, graph())
    assert any(t.startswith("spinscope.") for t in edges["spinscope.cli"])
