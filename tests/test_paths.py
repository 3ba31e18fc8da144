"""Which plan a command uses when none is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write
from minsheng_cli.repository.paths import default_plan, plan_year, plans_in
from minsheng_cli.reading.problems import UsageError


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for year in (2024, 2026):
        write(tmp_path / "data" / f"tasks_{year}.yaml", "year: 0\n")
    write(tmp_path / "data" / "tasks_2025.yml.bak", "")
    monkeypatch.chdir(tmp_path / "data")
    return tmp_path / "data"


def test_plans_by_year(plans: Path) -> None:
    assert list(plans_in(plans)) == [2024, 2026]
    assert plan_year(plans / "tasks_2026.yaml") == 2026 and plan_year(plans / "plan.yaml") is None


@pytest.mark.parametrize(("year", "expected"), [(2026, 2026), (2024, 2024), (2025, 2024), (2030, 2026), (2023, 2026), (None, 2026)])
def test_the_year_s_plan_else_the_latest_before_it(plans: Path, year: int | None, expected: int) -> None:
    assert default_plan(year).name == f"tasks_{expected}.yaml"


def test_a_named_year_must_have_its_plan(plans: Path) -> None:
    with pytest.raises(UsageError, match="没有 2025 年的计划.*tasks_2024.yaml、tasks_2026.yaml"):
        default_plan(2025, exact=True)
