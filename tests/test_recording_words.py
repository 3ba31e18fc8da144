"""`record` for an item's texts and evidence, through the real command."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, write
def test_record_sets_an_items_words_and_evidence(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "data" / "tasks_2025.yaml", (ROOT / "data" / "tasks_2025.yaml").read_text(encoding="utf-8"))
    (tmp_path / "data" / "progress").mkdir()
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 photo")
    result = run("record", "--unit", "市教育局", "--date", "2025-07-31", "7a=800", "--progress-text", "7=已培训 800 人次",
                 "--help-needed", "7=请派专家", "--evidence", str(photo))
    assert result.exit_code == 0, result.output
    assert "第 7 项进展情况：已培训 800 人次" in result.stdout and "佐证材料：data/evidence/2025-07-31_市教育局/photo.jpg" in result.stdout
    again = run("record", "--unit", "市教育局", "--date", "2025-07-31", "--problems", "7=场地不足", "--progress-text", "7=已培训 810 人次")
    assert again.exit_code == 0, again.output
    assert "数值相同" not in again.stdout and "第 7 项存在问题：场地不足" in again.stdout
    text = (tmp_path / "data" / "progress" / "2025-07-31_市教育局.yaml").read_text(encoding="utf-8")
    assert 'narrative:\n  7:\n    progress: 已培训 810 人次\n    help: 请派专家\n    problems: 场地不足\n' in text
    assert run("validate").exit_code == 0
    missing = run("record", "--unit", "市教育局", "--date", "2025-07-31", "12a=1")
    assert missing.exit_code == 1 and "填报了第 12 项的数值，却没有写进展情况" in missing.stdout


def test_texts_go_into_a_forms_blank_block_keeping_its_comments() -> None:
    from minsheng_cli.collect.recording_words import edit_words

    form = "values:\n  7a: 1\nnarrative:\n  # 第 7 项\n  7:\n    progress:\n    problems:   # 存在问题\n"
    assert edit_words(form, {7: {"progress": "已培训", "next": "十月复训"}}) == (
        "values:\n  7a: 1\nnarrative:\n  # 第 7 项\n  7:\n    progress: 已培训\n    problems:   # 存在问题\n    next: 十月复训\n"
    )
    assert edit_words("values:\n  7a: 1\n", {7: {"help": "请派专家"}}) == "values:\n  7a: 1\nnarrative:\n  7:\n    help: 请派专家\n"


def test_shapes_that_cannot_be_edited_line_by_line_are_refused() -> None:
    from minsheng_cli.collect.recording_words import CannotEdit, edit_words

    with pytest.raises(CannotEdit, match="一行"):
        edit_words("values:\n  7a: 1\nnarrative:\n  7: {progress: x}\n", {7: {"progress": "y"}})
