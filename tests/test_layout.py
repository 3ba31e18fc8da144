"""The package's shape: each stage imports only from the stages below it, with no cycles, and
`minsheng status` loads none of the heavy libraries that other commands need."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "minsheng_cli"

#: The stages in order: a module may import from its own stage and from those before it.
#: collect/, setup/ and validation/ stand side by side: none imports another.
STAGES = {
    "reading": 0,
    "model": 1,
    "repository": 2,
    "engine": 3,
    "outputs": 4,
    "collect": 5,
    "setup": 5,
    "validation": 5,
    "cli": 6,
}


def _modules() -> dict[str, Path]:
    return {
        ".".join(("minsheng_cli", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__"): path
        for path in PACKAGE.rglob("*.py")
    }


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The package modules that `path` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("minsheng_cli"):
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                found.add(name if name in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("minsheng_cli"))
    return found


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) >= 2 and parts[1] in STAGES else None


def test_every_module_lives_in_a_stage() -> None:
    loose = [m for m in _modules() if _stage(m) is None and m not in {"minsheng_cli", "minsheng_cli.__main__"}]
    assert loose == [], f"modules outside the stage folders: {loose}"


def test_no_import_runs_back_up_the_stages() -> None:
    modules = _modules()
    upward = []
    for module, path in modules.items():
        here = _stage(module)
        if here is None:
            continue
        for target in _imports(path, modules):
            there = _stage(target)
            if there is None or there == here:
                continue
            if STAGES[there] >= STAGES[here]:
                upward.append(f"{module} -> {target}")
    assert upward == [], "imports against the stage order:\n" + "\n".join(sorted(upward))


def test_no_import_cycles() -> None:
    modules = _modules()
    graph = {m: {t for t in _imports(p, modules) if t in modules and t != m} for m, p in modules.items()}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*trail[trail.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == [], "import cycles:\n" + "\n".join(cycles)


def test_package_init_files_import_nothing_heavy() -> None:
    for path in PACKAGE.rglob("__init__.py"):
        if path.parent.name == "cli":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
        assert imports == [], f"{path.relative_to(PACKAGE)} imports at package level"


@pytest.mark.parametrize("heavy", ["openpyxl", "docx", "jinja2"])
def test_status_loads_no_heavy_library(heavy: str, tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from minsheng_cli.cli import main\n"
        "sys.argv = ['minsheng', 'status', '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print('LOADED' if {heavy!r} in sys.modules else 'CLEAN', file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1], timeout=120
    )
    assert result.stderr.strip().splitlines()[-1] == "CLEAN", result.stderr[-2000:]
