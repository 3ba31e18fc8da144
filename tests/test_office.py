"""The office profile (data/office.yaml): made by `init`, every key optional, checked by
`validate` at file:line:col like the plan, and read by the documents that need it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from minsheng_cli.model.office import Office
from minsheng_cli.repository.office import load_office, office_file
from test_cli_setup import fill, git_identity  # noqa: F401  (fixture)


def test_issue_numbers_count_months_from_the_first_issue(tmp_path: Path) -> None:
    path = tmp_path / "office.yaml"
    path.write_text("name: 某市督查室\nissue:\n  first: 2025-03-31\n  number: 4\n", encoding="utf-8")
    office, problems = load_office(path)
    assert problems == [] and office is not None
    assert office.issue_number(dt.date(2025, 3, 31)) == 4
    assert office.issue_number(dt.date(2025, 10, 31)) == 11
    assert office.issue_number(dt.date(2026, 1, 31)) == 14
    assert office.issue_number(dt.date(2025, 2, 28)) is None  # before the first issue
    assert Office().issue_number(dt.date(2025, 10, 31)) is None


def test_reply_by_is_days_after_the_period_end() -> None:
    assert Office().reply_by(dt.date(2025, 10, 31)) == dt.date(2025, 11, 5)
    assert Office(reply_days=10).reply_by(dt.date(2025, 10, 31)) == dt.date(2025, 11, 10)


def test_every_problem_is_reported_at_its_place(tmp_path: Path) -> None:
    path = tmp_path / "office.yaml"
    path.write_text("name: 某市督查室\nsend_to: 各单位\nreply_days: 五天\nphon: 123\n", encoding="utf-8")
    office, problems = load_office(path)
    assert office is None
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 10, "wrong-type"), (3, 13, "wrong-type"), (4, 1, "unknown-field")]
    assert "phone" in problems[-1].hint  # did you mean


def test_a_profile_of_comments_only_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "office.yaml"
    path.write_text("# name: 某市督查室\n", encoding="utf-8")
    assert load_office(path) == (Office(), [])


def test_the_profile_sits_beside_the_reports_folder_or_the_plan(tmp_path: Path) -> None:
    assert office_file(tmp_path / "data" / "tasks_2025.yaml", None) == tmp_path / "data" / "office.yaml"
    assert office_file(tmp_path / "data" / "tasks_2025.yaml", tmp_path / "examples" / "p") == tmp_path / "examples" / "office.yaml"


def test_init_writes_a_profile_that_validate_checks(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, git_identity) -> None:  # noqa: F811
    repo = tmp_path / "r"
    result = run("init", str(repo), "--city", "佛山市", "--year", "2026")
    assert f"已写入：{repo / 'data' / 'office.yaml'}" in result.output
    profile = repo / "data" / "office.yaml"
    assert "# name: 佛山市人民政府督查室" in profile.read_text(encoding="utf-8")
    monkeypatch.chdir(repo)
    plan = repo / "data" / "tasks_2026.yaml"
    plan.write_text(fill(plan.read_text(encoding="utf-8")), encoding="utf-8")
    assert run("validate").exit_code == 0
    profile.write_text("name: 佛山市人民政府督查室\nreply_days: -1\n", encoding="utf-8")
    bad = run("validate")
    assert bad.exit_code == 1
    assert "data/office.yaml:2:13:" in bad.output
    # Named alone (as pre-commit names a changed file), it is checked alone.
    named = run("validate", "data/office.yaml")
    assert named.exit_code == 1 and "data/office.yaml:2:13:" in named.output
