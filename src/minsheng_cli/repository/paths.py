"""Where the plans and the progress reports are when the user names none."""

from __future__ import annotations

import re
from pathlib import Path

from minsheng_cli.reading.problems import UsageError

_PLAN_NAME = re.compile(r"tasks_([0-9]{4})\.ya?ml", re.IGNORECASE)
#: Where `pip install .` puts the copy of data/tasks_2025.yaml (see pyproject.toml).
_BUNDLED = Path(__file__).resolve().parents[1] / "bundled"
#: The repository's data folder, for a checkout or an editable install.
_SOURCE_DATA = Path(__file__).resolve().parents[3] / "data"


def resolved(path: Path) -> Path:
    """`path` with its links resolved, for telling files apart; a link in a loop (which
    Path.resolve refuses with RuntimeError) is taken as its own absolute path, so one stray
    link is named when it is read rather than stopping the command."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def is_plan_file(path: Path) -> bool:
    """Whether a file is named as a plan is: tasks_YYYY.yaml."""
    return _PLAN_NAME.fullmatch(path.name) is not None


def plan_year(path: Path) -> int | None:
    """The year in a plan file's name (tasks_2025.yaml: 2025), or None if it is named otherwise."""
    match = _PLAN_NAME.fullmatch(path.name)
    return int(match.group(1)) if match else None


def plans_in(folder: Path) -> dict[int, Path]:
    """The plan files of a folder by year, oldest first."""
    plans = {}
    for path in sorted(folder.glob("*"), key=lambda p: p.name.lower()):
        year = plan_year(path)
        if year is not None and path.is_file():
            plans.setdefault(year, path)
    return dict(sorted(plans.items()))


def plan_folder() -> Path:
    """The folder of the plans: `data/` in the current folder or the nearest folder above it
    that holds a plan (as git finds its repository), else the bundled 2025 plan's."""
    here = Path.cwd().resolve()
    for folder in (*(d / "data" for d in (here, *here.parents)), _BUNDLED, _SOURCE_DATA):
        if folder.is_dir() and plans_in(folder):
            return folder
    raise UsageError("找不到计划文件：请在保存计划的仓库中运行，或用 --plan 指定 tasks_YYYY.yaml")


def default_plan(year: int | None = None, *, exact: bool = False) -> Path:
    """The plan of `year` in `plan_folder()`. Without a plan of that year: an error if `exact`
    (the user named the year), else the latest plan before it (a year whose new plan is not
    written yet), else the newest. Without `year`, the newest plan."""
    plans = plans_in(plan_folder())
    if year is None:
        return plans[max(plans)]
    if year in plans:
        return plans[year]
    if exact:
        have = "、".join(p.name for p in plans.values())
        raise UsageError(f"没有 {year} 年的计划 tasks_{year}.yaml（现有：{have}）")
    earlier = [y for y in plans if y < year]
    return plans[max(earlier or plans)]


def is_bundled(plan: Path) -> bool:
    """Whether `plan` is the copy of the 2025 plan that comes with the tool, not an office's."""
    return plan.resolve().parent == _BUNDLED.resolve()


def progress_folder(plan: Path, option: Path | None) -> Path | None:
    """The folder of progress reports: `option` if given (it must exist), else `progress/` next
    to the plan (for the bundled plan, `data/progress` in the current folder), or None when
    that does not exist yet."""
    if option is not None:
        if not option.is_dir():
            raise UsageError(f"进度报告目录不存在：{option}")
        return option
    # The plan that came with the tool (installed, or the checkout an editable install points
    # at) has no reports of its own: they are the current folder's.
    shipped = plan.resolve().parent in (_BUNDLED.resolve(), _SOURCE_DATA)
    folder = Path.cwd() / "data" / "progress" if shipped else plan.parent / "progress"
    return folder if folder.is_dir() else None
