"""销号: sign-offs judged against the figures on their date and their evidence, and what they
make of the statuses, on a scenario worked by hand."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from conftest import PLAN_FILE, TODAY, write
from minsheng_cli.engine.signoffs import apply_signoffs, closure, closure_counts, closure_label, judge_signoffs
from minsheng_cli.engine.status import compute_status
from minsheng_cli.model.adjustments import load_signoffs
from minsheng_cli.model.plan import Plan
from minsheng_cli.model.progress import load_progress

AS_OF = dt.date(2025, 10, 31)
SCAN = b"%PDF-1.4 acceptance certificate"
SCAN_HASH = hashlib.sha256(SCAN).hexdigest()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with the real plan and the scenario's reports and sign-offs:

    - item 7 (7a > 1000, 7b ≥ 100, due 07-31) met on 07-15, never signed off: 已完成（待销号）;
    - item 3 (3a ≥ 260) met on 09-30 with evidence, signed off on 10-10 citing it: 已销号;
    - item 12 (12a ≥ 1, 12b ≥ 7) met on 09-30, signed off on 10-10, then 12b corrected to 6 on
      10-20: the correction is an error naming the sign-off, and the item is not done;
    - item 25 (25a ≥ 70000) at 60000 on 09-30, signed off on 10-05 (refused: unmet), then met on
      10-20: done and waiting for a sign-off that stands.
    """
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "data" / "tasks_2025.yaml", PLAN_FILE.read_text(encoding="utf-8"))
    (tmp_path / "data" / "evidence" / "2025-09-30_市民政局").mkdir(parents=True)
    (tmp_path / "data" / "evidence" / "2025-09-30_市民政局" / "验收单.pdf").write_bytes(SCAN)
    evidence = f"{{file: data/evidence/2025-09-30_市民政局/验收单.pdf, sha256: {SCAN_HASH}}}"
    reports = {
        "2025-07-15_市教育局": "values:\n  7a: 1001\n  7b: 100\n",
        "2025-09-30_市民政局": f"values:\n  3a: 262\nnarrative:\n  3: {{progress: 已建成 262 处。}}\nevidence:\n  - {evidence}\n",
        "2025-09-30_市教育局": "values:\n  12a: 1\n  12b: 7\n",
        "2025-10-20_市教育局": "values:\n  12b: {value: 6, note: 更正：一所未通过验收}\n",
        "2025-09-30_市消防救援支队": "values:\n  25a: 60000\n",
        "2025-10-20_市消防救援支队": "values:\n  25a: 70000\n",
    }
    for name, body in reports.items():
        date, unit = name.split("_")
        write(tmp_path / "data" / "progress" / f"{name}.yaml", f"unit: {unit}\ndate: {date}\n{body}")
    write(tmp_path / "data" / "adjustments_2025.yaml", (
        "year: 2025\n"
        "signoffs:\n"
        f"  - {{task: 3, date: 2025-10-10, by: 市委督查室, document: 督查销号〔2025〕3号, evidence: [{evidence}]}}\n"
        "  - {task: 12, date: 2025-10-10, by: 市委督查室, document: 督查销号〔2025〕4号}\n"
        "  - {task: 25, date: 2025-10-05, by: 市委督查室, document: 督查销号〔2025〕5号}\n"
    ))
    return tmp_path


def judged(plan: Plan, repo: Path, as_of: dt.date = AS_OF):
    progress, problems = load_progress(plan, [repo / "data" / "progress"], today=TODAY)
    assert problems == []
    placed, problems = load_signoffs(repo / "data" / "adjustments_2025.yaml", plan, today=TODAY)
    assert problems == []
    found = judge_signoffs(plan, progress, placed, as_of, root=repo)
    return progress, found


def test_the_hand_worked_scenario(plan: Plan, repo: Path) -> None:
    progress, found = judged(plan, repo)
    assert sorted(found.accepted) == [3, 12]
    assert [(p.path, p.line, p.code) for p in found.problems] == [
        ("data/adjustments_2025.yaml", 5, "signoff-unmet"),
        ("data/progress/2025-10-20_市教育局.yaml", 4, "signoff-undone"),
    ]
    refused, undone = found.problems
    assert "第 25 项的销号被拒绝：截至 2025-10-05，目标未全部达成（25a 实际 60000，要求不少于 70000个）" in refused.message
    assert "12b 报为 6，使已销号的第 12 项不再达标" in undone.message
    assert "督查销号〔2025〕4号（data/adjustments_2025.yaml:4）" in undone.message
    report = apply_signoffs(compute_status(plan, progress, AS_OF), found)
    items = {s.task.number: s for s in report.tasks}
    # The engine's statuses are unchanged by 销号; the closure tells 已销号 from 待销号.
    assert {n: (items[n].status, closure(items[n]), closure_label(items[n])) for n in (3, 7, 12, 25)} == {
        3: ("done", "signed_off", "已销号"),
        7: ("done", "awaiting_signoff", "已完成（待销号）"),
        12: ("on_track", None, "按进度推进"),
        25: ("done", "awaiting_signoff", "已完成（待销号）"),
    }
    assert closure_counts(report) == {"signed_off": 1, "awaiting_signoff": 2}
    assert report.summary["done"] == 3  # 3, 7 and 25


def test_before_the_correction_the_item_stood_signed_off(plan: Plan, repo: Path) -> None:
    progress, found = judged(plan, repo, dt.date(2025, 10, 15))
    report = apply_signoffs(compute_status(plan, progress, dt.date(2025, 10, 15)), found)
    assert closure_counts(report) == {"signed_off": 2, "awaiting_signoff": 1}  # 3 and 12; 7 waits; 25 is not yet met
    assert [p.code for p in found.problems] == ["signoff-unmet"]


def test_a_sign_off_whose_evidence_was_swapped_is_refused(plan: Plan, repo: Path) -> None:
    (repo / "data" / "evidence" / "2025-09-30_市民政局" / "验收单.pdf").write_bytes(b"%PDF-1.4 another certificate")
    _, found = judged(plan, repo)
    assert 3 not in found.accepted
    assert ("data/adjustments_2025.yaml", 3, "evidence-changed") in [(p.path, p.line, p.code) for p in found.problems]
    assert any(p.message.startswith("第 3 项的销号被拒绝：佐证材料") for p in found.problems)


def test_the_commands_show_and_count_sign_offs(run, plan: Plan, repo: Path) -> None:
    status = run("status", "--as-of", "2025-10-31", "-f", "json")
    assert status.exit_code == 1  # a refused sign-off and an undone one are errors a job must see
    assert "第 25 项的销号被拒绝" in status.stderr and "销号：2 项有效，1 条未计入" in status.stderr
    items = {t["no"]: t for t in json.loads(status.stdout)["tasks"]}
    assert (items[3]["closure"], items[3]["signoff"]["document"]) == ("signed_off", "督查销号〔2025〕3号")
    assert (items[7]["closure"], items[7]["signoff"]) == ("awaiting_signoff", None)
    assert items[12]["closure"] is None
    table = run("status", "--as-of", "2025-10-31", "--allow-invalid")
    assert table.exit_code == 0 and "销号：已销号 1 项，已完成待销号 2 项" in table.stdout
    row = lambda n: next(line for line in table.stdout.splitlines() if line.startswith(f"│ {n} "))  # noqa: E731
    assert "蓝灯 已完成·已销号" in row(3) and "蓝灯 已完成·待销号" in row(7) and "销号" not in row(12)
    shown = run("show", "3", "--as-of", "2025-10-31", "--allow-invalid")
    assert "销号：已销号（2025-10-10，市委督查室，督查销号〔2025〕3号；核验：data/evidence/2025-09-30_市民政局/验收单.pdf）" in shown.stdout
    checked = run("validate")
    assert checked.exit_code == 1
    assert "data/adjustments_2025.yaml:5:5: 错误: 第 25 项的销号被拒绝" in checked.stdout
    assert "data/progress/2025-10-20_市教育局.yaml:4:3: 错误: 12b 报为 6，使已销号的第 12 项不再达标" in checked.stdout


def test_a_sign_off_of_an_unknown_item_or_in_the_future_is_an_error_of_the_file(plan: Plan, tmp_path: Path) -> None:
    path = write(tmp_path / "adjustments_2025.yaml", "year: 2025\nsignoffs:\n  - {task: 99, date: 2025-10-10, by: x, document: y}\n"
                 "  - {task: 3, date: 2026-02-01, by: x, document: y}\n")
    placed, problems = load_signoffs(path, plan, today=TODAY)
    assert placed == [] and [(p.line, p.code) for p in problems] == [(3, "unknown-task"), (4, "future-date"), (4, "wrong-year")]


def test_import_refuses_a_correction_that_would_undo_a_sign_off(run, repo: Path) -> None:
    received = write(repo / "收到" / "2025-10-25_市民政局.yaml",
                     "unit: 市民政局\ndate: 2025-10-25\nvalues:\n  3a: {value: 250, note: 更正：12 处未通过验收}\nnarrative:\n  3: {progress: 更正。}\n")
    result = run("import", str(received))
    assert result.exit_code == 1
    assert "3a 报为 250，使已销号的第 3 项不再达标（销号：2025-10-10 市委督查室 督查销号〔2025〕3号（data/adjustments_2025.yaml:3））" in result.stdout
    assert not (repo / "data" / "progress" / "2025-10-25_市民政局.yaml").exists()
    recorded = run("record", "--unit", "市民政局", "--date", "2025-10-25", "3a=270")
    assert recorded.exit_code == 0, recorded.output  # still met: the sign-off stands
