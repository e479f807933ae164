"""Import direction: leaf modules import no stage, a stage imports no other stage and nothing
downstream, the store imports no stage. Checked on the source with ``ast``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "eventwire"
LEAVES = {"records", "vocab", "errors", "codec"}
STAGES = ("ingest", "extract", "nlp", "actors", "places", "dates", "quotes", "events")


def eventwire_imports(path: Path) -> set[str]:
    """Dotted eventwire modules a file imports, without the ``eventwire.`` prefix."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found.update(n.removeprefix("eventwire.") for n in names if n.startswith("eventwire."))
    return found


def owner(module: str) -> str:
    parts = module.split(".")
    return parts[1] if parts[0] == "stages" and len(parts) > 1 else parts[0]


def test_every_stage_exists() -> None:
    present = {p.stem for p in (PACKAGE / "stages").iterdir() if p.name != "__init__.py"
               and not p.name.startswith("__")}
    assert set(STAGES) <= present


@pytest.mark.parametrize("path", sorted((PACKAGE / "stages").rglob("*.py")), ids=str)
def test_stage_imports_only_leaves_and_itself(path: Path) -> None:
    me = path.relative_to(PACKAGE / "stages").parts[0].removesuffix(".py")
    for module in eventwire_imports(path):
        allowed = module.split(".")[0] in LEAVES or module == "__version__" or (
            module.startswith("stages.") and owner(module) == me)
        assert allowed, f"{path.name} ({me}) imports eventwire.{module}"


@pytest.mark.parametrize("leaf", sorted(LEAVES))
def test_leaf_modules_import_only_leaves(leaf: str) -> None:
    for module in eventwire_imports(PACKAGE / f"{leaf}.py"):
        assert module.split(".")[0] in LEAVES, f"{leaf} imports eventwire.{module}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "store").rglob("*.py")), ids=str)
def test_store_imports_no_stage(path: Path) -> None:
    for module in eventwire_imports(path):
        assert module.split(".")[0] in LEAVES | {"store"}, f"{path.name} imports {module}"
