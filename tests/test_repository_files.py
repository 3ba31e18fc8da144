"""Files shipped for other tools stay true to the code: schemas, the report template, the hooks."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from conftest import ROOT, TODAY
from minsheng_cli.model.schemas import schema_of
from minsheng_cli.model.plan import Plan
from minsheng_cli.model.progress import load_progress


def test_committed_schemas_match_the_models() -> None:
    for kind in ("plan", "progress"):
        committed = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert committed == schema_of(kind), f"run: minsheng schema {kind} > schemas/{kind}.schema.json"


def test_template_points_editors_at_the_schema_and_validates_once_filled(plan: Plan, tmp_path: Path) -> None:
    template = (ROOT / "templates" / "progress_report.yaml").read_text(encoding="utf-8")
    first = template.splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/progress.schema.json"
    # The path is right for a copy in data/progress/.
    assert (ROOT / "data" / "progress" / "../../schemas/progress.schema.json").resolve().is_file()
    # No real unit is pre-filled: a clerk who forgets to fill it in must not report as another unit.
    assert "\nunit:\n" in template and "\ndate:\n" in template
    filled = template.replace("#  1a: 820", "  1a: 820").replace("#  1b:", "  1b:")
    filled = filled.replace("\nunit:\n", "\nunit: 市卫生健康局\n").replace("\ndate:\n", "\ndate: 2025-09-30\n")
    (tmp_path / "2025-09-30_市卫生健康局.yaml").write_text(filled, encoding="utf-8")
    progress, problems = load_progress(plan, [tmp_path], today=TODAY)
    assert problems == []
    assert progress.of("1a")[0].value == 820


def test_pre_commit_hook_runs_validate_on_data_yaml() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = hooks[0]
    assert hook["id"] == "minsheng-validate"
    assert hook["entry"] == "minsheng validate"
    assert hook["language"] == "python"


def test_example_workflow_runs_validate() -> None:
    workflow = yaml.safe_load((ROOT / "docs" / "github-actions-validate.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["validate"]["steps"]
    assert any(step.get("run") == "minsheng validate" for step in steps)
