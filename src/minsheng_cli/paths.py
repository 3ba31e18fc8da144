"""Where the plan and the progress reports are when the user names none."""

from __future__ import annotations

import re
from pathlib import Path

from minsheng_cli.problems import UsageError

_PLAN_NAME = re.compile(r"tasks_([0-9]{4})\.ya?ml")
#: Where `pip install .` puts the copy of data/tasks_2025.yaml (see pyproject.toml).
_BUNDLED = Path(__file__).parent / "bundled"
#: The repository's data folder, for a checkout or an editable install.
_SOURCE_DATA = Path(__file__).resolve().parents[2] / "data"


def _newest_plan(folder: Path) -> Path | None:
    plans = [p for p in folder.glob("tasks_*.y*ml") if _PLAN_NAME.fullmatch(p.name)]
    return max(plans, key=lambda p: _PLAN_NAME.fullmatch(p.name).group(1), default=None)  # type: ignore[union-attr]


def default_plan() -> Path:
    """The newest `data/tasks_YYYY.yaml` below the current folder, else the bundled 2025 plan."""
    for folder in (Path.cwd() / "data", _BUNDLED, _SOURCE_DATA):
        if folder.is_dir():
            found = _newest_plan(folder)
            if found is not None:
                return found
    raise UsageError("找不到计划文件：请在仓库根目录运行，或用 --plan 指定 tasks_YYYY.yaml")


def default_progress(plan: Path) -> Path:
    """`progress/` next to the plan; for the bundled plan, `data/progress` below the current folder."""
    if plan.parent == _BUNDLED:
        return Path.cwd() / "data" / "progress"
    return plan.parent / "progress"


def display(path: Path) -> str:
    """A path as users typed or see it: relative to the current folder when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
