"""The words of a report: `narrative:` per item and `evidence:` entries, read and checked at file:line:col."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import PLAN_FILE, TODAY, write
from minsheng_cli.model.narrative import MAX_TEXT, latest_words, open_requests
from minsheng_cli.model.plan import Plan, load_plan
from minsheng_cli.model.progress import load_progress

HEAD = "unit: 市教育局\ndate: 2025-09-30\nvalues:\n  7a: 1001\n"
HASH = "a" * 64


def load(plan: Plan, tmp_path: Path, text: str):
    path = write(tmp_path / "2025-09-30_市教育局.yaml", text)
    progress, problems = load_progress(plan, [path], today=TODAY)
    return progress, [f"{p.line}:{p.column} {p.code}" for p in problems]


def test_an_items_texts_are_read_with_their_place(plan: Plan, tmp_path: Path) -> None:
    text = HEAD + "narrative:\n  7:\n    progress: 已培训 1001 人次。\n    problems: 场地不足\n    next: 十月复训\n    help: 请卫健局派专家\n"
    progress, problems = load(plan, tmp_path, text)
    assert problems == []
    [w] = progress.words[7]
    assert (w.unit, w.date, w.progress, w.problems, w.next, w.help) == ("市教育局", dt.date(2025, 9, 30), "已培训 1001 人次。", "场地不足", "十月复训", "请卫健局派专家")
    assert (w.line, w.column) == (6, 3)


@pytest.mark.parametrize(
    ("value", "where", "code"),
    [
        ('""', "7:15", "narrative-blank"),
        ('"   　"', "7:15", "narrative-blank"),
        # Caught as any file's are, when the YAML is read; a form's cell is checked by narrative.
        ('"已完成\\u202e培训"', "7:15", "control-character"),
        ('"已完成\\x1b[31m培训"', "7:15", "control-character"),
        (f'"{"字" * (MAX_TEXT + 1)}"', "7:15", "narrative-too-long"),
        ("[一, 二]", "7:15", "narrative-not-text"),
    ],
)
def test_bad_texts_are_refused_at_their_line(plan: Plan, tmp_path: Path, value: str, where: str, code: str) -> None:
    progress, problems = load(plan, tmp_path, HEAD + f"narrative:\n  7:\n    problems: {value}\n    progress: 已培训\n")
    assert problems == [f"{where} {code}"]
    assert progress.reports == 0  # a report with an error is left out, words and all


def test_a_paragraph_with_line_breaks_is_kept(plan: Plan, tmp_path: Path) -> None:
    progress, problems = load(plan, tmp_path, HEAD + 'narrative:\n  7:\n    progress: "第一段。\\n第二段。"\n')
    assert problems == [] and progress.words[7][0].progress == "第一段。\n第二段。"


def test_unknown_items_and_items_of_others_are_named(plan: Plan, tmp_path: Path) -> None:
    _, problems = load(plan, tmp_path, HEAD + "narrative:\n  99:\n    progress: x\n  1:\n    progress: y\n  7:\n    progress: z\n")
    assert problems == ["6:3 unknown-task", "8:3 unit-not-responsible"]


def test_a_report_that_writes_texts_must_describe_every_item_it_reports(plan: Plan, tmp_path: Path) -> None:
    text = HEAD + "  12a: 1\nnarrative:\n  7:\n    progress: 已培训\n  12:\n    next: 十月开工\n"
    _, problems = load(plan, tmp_path, text)
    assert problems == ["5:3 progress-text-missing"]  # at 12a, the figure that asks for it


def test_a_blank_form_block_says_nothing_and_asks_nothing(plan: Plan, tmp_path: Path) -> None:
    progress, problems = load(plan, tmp_path, HEAD + "narrative:\n  7:\n    progress:\n    problems:\n")
    assert problems == [] and progress.words == {}


def _plan_with(tmp_path: Path, rule: str) -> Plan:
    text = PLAN_FILE.read_text(encoding="utf-8")
    path = write(tmp_path / "plan" / "tasks_2025.yaml", text.replace("\ncategories:", f"\nrules:\n  progress_text: {rule}\ncategories:", 1))
    loaded, problems = load_plan(path)
    assert loaded is not None, problems
    return loaded


def test_the_plans_rules_decide_whether_progress_text_is_required(tmp_path: Path, plan: Plan) -> None:
    assert load(plan, tmp_path, HEAD)[1] == []  # the default: a report without texts stays valid
    assert load(_plan_with(tmp_path, "required"), tmp_path, HEAD)[1] == ["4:3 progress-text-missing"]
    optional = _plan_with(tmp_path, "optional")
    assert load(optional, tmp_path, HEAD + "  12a: 1\nnarrative:\n  7:\n    progress: 已培训\n")[1] == []


def test_evidence_entries_must_name_a_file_in_the_repository_by_its_hash(plan: Plan, tmp_path: Path) -> None:
    text = HEAD.replace("7a: 1001", f"7a: {{value: 1001, evidence: [{{file: /etc/passwd, sha256: {HASH}}}]}}") + (
        "evidence:\n"
        f"  - {{file: ../outside.pdf, sha256: {HASH}}}\n"
        f"  - {{file: 'C:\\\\a.pdf', sha256: {HASH}}}\n"
        "  - {file: data/evidence/a.pdf, sha256: 1234}\n"
        f"  - {{file: data/evidence/ok.pdf, sha256: {HASH}}}\n"
    )
    progress, problems = load(plan, tmp_path, text)
    assert problems == ["4:39 evidence-path", "6:12 evidence-path", "7:12 evidence-path", "8:41 evidence-hash"]


def test_good_evidence_is_kept_with_its_place(plan: Plan, tmp_path: Path) -> None:
    text = HEAD.replace("7a: 1001", f"7a: {{value: 1001, evidence: [{{file: data/evidence/x/a.jpg, sha256: {HASH}}}]}}") + (
        f"evidence:\n  - {{file: data/evidence/x/b.pdf, sha256: {HASH}}}\n"
    )
    progress, problems = load(plan, tmp_path, text)
    assert problems == []
    assert sorted((e.file, e.target, e.line) for e in progress.evidence) == [("data/evidence/x/a.jpg", "7a", 4), ("data/evidence/x/b.pdf", None, 6)]


def test_open_requests_are_each_units_latest_and_settle_when_dropped(plan: Plan, tmp_path: Path) -> None:
    folder = tmp_path / "progress"
    write(folder / "2025-08-31_市教育局.yaml", "unit: 市教育局\ndate: 2025-08-31\nvalues:\n  7a: 900\nnarrative:\n  7: {progress: 培训中, help: 请拨付经费}\n")
    write(folder / "2025-09-30_市教育局.yaml", "unit: 市教育局\ndate: 2025-09-30\nvalues:\n  7a: 1001\nnarrative:\n  7: {progress: 已完成}\n")
    write(folder / "2025-09-30_市卫生健康局.yaml", "unit: 市卫生健康局\ndate: 2025-09-30\nvalues:\n  7b: 50\nnarrative:\n  7: {progress: 配合, help: 请教育局提供名单}\n")
    progress, problems = load_progress(plan, [folder], today=TODAY)
    assert problems == []
    on = lambda day: [(w.unit, w.help) for w in open_requests(progress.words, day)]  # noqa: E731
    assert on(dt.date(2025, 9, 1)) == [("市教育局", "请拨付经费")]
    assert on(dt.date(2025, 9, 30)) == [("市卫生健康局", "请教育局提供名单")]
    assert latest_words(progress.words[7], "市教育局", dt.date(2025, 9, 30)).progress == "已完成"
