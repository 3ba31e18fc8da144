"""The words and evidence where they show (`outputs/narratives.py`, the bulletin's quotes): a
form filled with openpyxl, imported with its evidence, then `show`, the bulletin and the 台账."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, write
from formfill import fill, row_of
def test_a_form_with_words_and_evidence_round_trips(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """fill the Excel form's text block, import it with its evidence, and find the words and
    files in show, the bulletin and the 台账."""
    import openpyxl

    monkeypatch.chdir(tmp_path)
    write(tmp_path / "data" / "tasks_2025.yaml", (ROOT / "data" / "tasks_2025.yaml").read_text(encoding="utf-8"))
    (tmp_path / "data" / "progress").mkdir()
    form = tmp_path / "2025-07-31_市教育局.xlsx"
    assert run("form", "市教育局", "--date", "2025-07-31", "-f", "xlsx", "-o", str(form)).exit_code == 0
    block = row_of(form, "7b") + 1  # 进展情况, 存在问题, 下步计划, 需协调事项 beneath item 7's targets
    fill(form, {"I6": 800, "I7": 60, f"C{block}": "已培训心理健康教师 800 人次。暑期集中培训延后。", f"C{block + 1}": "部分县区培训场地不足。",
                f"C{block + 2}": "8 月补训。", f"C{block + 3}": "请市卫生健康局派出授课专家。"})
    photo = write(tmp_path / "inbox" / "培训现场.jpg", "")
    photo.write_bytes(b"\xff\xd8\xff\xe0 training photo")
    roster = tmp_path / "inbox" / "签到表.pdf"
    roster.write_bytes(b"%PDF-1.4 roster")
    done = run("import", str(form), "--evidence", str(photo), str(roster))
    assert done.exit_code == 0, done.output
    assert "佐证材料：data/evidence/2025-07-31_市教育局/培训现场.jpg" in done.stdout
    report = (tmp_path / "data" / "progress" / "2025-07-31_市教育局.yaml").read_text(encoding="utf-8")
    assert 'narrative:\n  7:\n    progress: 已培训心理健康教师 800 人次。暑期集中培训延后。\n    problems: 部分县区培训场地不足。\n' in report
    assert (tmp_path / "data" / "evidence" / "2025-07-31_市教育局" / "签到表.pdf").read_bytes() == b"%PDF-1.4 roster"
    assert run("validate").exit_code == 0

    shown = run("show", "7", "--as-of", "2025-08-31", "-f", "json")
    data = json.loads(shown.stdout)
    assert [(w["unit"], w["progress"], w["help"]) for w in data["narrative"]] == [("市教育局", "已培训心理健康教师 800 人次。暑期集中培训延后。", "请市卫生健康局派出授课专家。")]
    assert sorted(e["file"].rsplit("/", 1)[1] for e in data["evidence"]) == ["培训现场.jpg", "签到表.pdf"]
    table = run("show", "7", "--as-of", "2025-08-31").stdout
    assert "进展情况（各单位填报）" in table and "部分县区培训场地不足。" in table and "签到表.pdf" in table

    bulletin = run("bulletin", "--as-of", "2025-08-31").stdout
    assert "**市教育局（7 月 31 日报）自述：**进展情况：“已培训心理健康教师 800 人次。暑期集中培训延后。”存在问题：“部分县区培训场地不足。”" in bulletin
    assert "、需协调解决的问题" in bulletin
    assert "| 第 7 项 维护青少年心理健康 | 市教育局 | 2025-07-31 | 请市卫生健康局派出授课专家。 |" in bulletin

    assert run("export", "--as-of", "2025-08-31", "-o", "台账.xlsx").exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "台账.xlsx")
    items = wb["事项"]
    header = [c.value for c in items[2]]
    seven = next(r for r in items.iter_rows(min_row=2, values_only=True) if r[0] == 7)
    assert seven[header.index("进展情况（单位填报）")] == "已培训心理健康教师 800 人次。暑期集中培训延后。（市教育局，2025-07-31）"
    assert seven[header.index("存在问题（单位填报）")] == "部分县区培训场地不足。（市教育局，2025-07-31）"
    printed = wb["台账"]  # the sheet for paper: the unit's own words in 进展情况
    header = [c.value for c in printed[2]]
    seven = next(r for r in printed.iter_rows(min_row=3, values_only=True) if r[0] == 7)
    assert seven[header.index("进展情况")] == "7 月 31 日 市教育局：已培训心理健康教师 800 人次。暑期集中培训延后。"
    readings = wb["填报记录"]
    header = [c.value for c in readings[2]]
    files = [r[header.index("佐证材料")] for r in readings.iter_rows(min_row=3, values_only=True) if r[header.index("编号")] == "7a"]
    assert files and "data/evidence/2025-07-31_市教育局/签到表.pdf（sha256 " in files[0]

