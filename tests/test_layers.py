"""The grader's layout holds: imports point one way, from the CLI down to the records, and never in a circle."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

GRADER = Path(__file__).resolve().parent.parent / "grader"
# Top to bottom: a module may import its own layer and the layers below it, never one above.
LAYERS = (
    ("cli",),
    ("review",),
    ("speedrun",),
    ("practice",),
    ("grading",),
    ("runner",),
    ("checks", "learner"),
    ("curriculum", "results", "reference", "wording"),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(GRADER).with_suffix("").parts
    return ".".join(("micrograd_kata", *parts[:-1], *([] if parts[-1] == "__init__" else [parts[-1]])))


def imports(path: Path) -> set[str]:
    """The micrograd_kata modules a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("micrograd_kata")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("micrograd_kata"):
            found |= {f"{node.module}.{a.name}" for a in node.names} | {node.module or ""}
    return found


def layer(module: str) -> int | None:
    part = module.split(".")[1] if module.count(".") else ""
    return next((i for i, names in enumerate(LAYERS) if part in names), None)


MODULES = {module_name(p): p for p in sorted(GRADER.rglob("*.py"))}
GRAPH = {m: {i for i in imports(p) if i in MODULES and i != m} for m, p in MODULES.items()}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module: str) -> None:
    here = layer(module)
    if here is None:
        return  # micrograd_kata itself
    upward = [i for i in GRAPH[module] if (there := layer(i)) is not None and there < here]
    assert not upward, f"{module} imports {upward} from a layer above it"


def test_no_import_circles() -> None:
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> None:
        assert module not in visiting, f"import circle: {' -> '.join(visiting[visiting.index(module):] + [module])}"
        if module in done:
            return
        visiting.append(module)
        for imported in GRAPH[module]:
            if not imported.startswith(module + "."):  # a package's face importing its own modules
                visit(imported)
        visiting.pop()
        done.add(module)

    for module in MODULES:
        visit(module)
