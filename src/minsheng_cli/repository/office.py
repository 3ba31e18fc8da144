"""Where the office profile is, and reading it: `office.yaml` beside the folder of progress
reports (`data/office.yaml` for `data/progress/`), else beside the plan, as the year's
adjustments are found."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from minsheng_cli.model.office import Office
from minsheng_cli.reading.modelerrors import problems_from_validation
from minsheng_cli.reading.problems import Problem
from minsheng_cli.reading.yamlsource import load_yaml

OFFICE_FILE = "office.yaml"


def office_file(plan_file: Path, progress_dir: Path | None) -> Path:
    """Where the office profile is looked for."""
    folder = progress_dir.parent if progress_dir is not None else plan_file.parent
    return folder / OFFICE_FILE


def is_office_file(path: Path) -> bool:
    return path.name.lower() in (OFFICE_FILE, "office.yml")


def load_office(path: Path) -> tuple[Office | None, list[Problem]]:
    """Read and check an office profile; None when it has errors. A file of comments only (as
    `init` writes it) is an empty profile: every key is optional."""
    doc, problems = load_yaml(path)
    if doc is None:
        if [p.code for p in problems] == ["empty-file"]:
            return Office(), []
        return None, problems
    if doc.data is None:
        return Office(), problems
    try:
        return Office.model_validate(doc.data), problems
    except ValidationError as e:
        return None, sorted(problems + problems_from_validation(doc, e, Office))
