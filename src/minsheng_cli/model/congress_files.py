"""Where the people's congress loop keeps its files, and how their names are read.

`candidates_YYYY.yaml` (票决 of the candidate projects), `inspections_YYYY.yaml` (视察 and 督办建议)
and `survey_YYYY.yaml` (满意度测评) sit beside the folder of progress reports, as the adjustments
file does (`data/survey_2025.yaml` for `data/progress/`; `examples/survey_2025.yaml` for the
illustrative set), else beside the plan.
"""

from __future__ import annotations

import re
from pathlib import Path

KINDS = ("candidates", "inspections", "survey")
_NAME = re.compile(r"(candidates|inspections|survey)_([0-9]{4})\.ya?ml", re.IGNORECASE)


def congress_file(kind: str, plan_file: Path, progress_dir: Path | None, year: int) -> Path:
    """The year's file of `kind`: beside the progress folder, else beside the plan."""
    folder = progress_dir.parent if progress_dir is not None else plan_file.parent
    return folder / f"{kind}_{year}.yaml"


def congress_kind(path: Path) -> tuple[str, int] | None:
    """(kind, year) of a file named as one of the loop's files, else None."""
    match = _NAME.fullmatch(path.name)
    return (match.group(1).lower(), int(match.group(2))) if match else None
