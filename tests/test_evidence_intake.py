"""Evidence sent with a form, on its way in: refused files leave nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, write
def test_evidence_refused_leaves_nothing_behind(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "data" / "tasks_2025.yaml", (ROOT / "data" / "tasks_2025.yaml").read_text(encoding="utf-8"))
    (tmp_path / "data" / "progress").mkdir()
    report = write(tmp_path / "2025-07-31_市教育局.yaml", "unit: 市教育局\ndate: 2025-07-31\nvalues:\n  7a: 800\n")
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"MZ\x90\x00 an executable")
    result = run("import", str(report), "--evidence", str(fake))
    assert result.exit_code == 1
    assert "photo.jpg: 错误: 不能作为佐证材料：文件内容不是 .jpg 格式（扩展名与内容不符）" in result.stdout
    assert list((tmp_path / "data" / "progress").iterdir()) == [] and not (tmp_path / "data" / "evidence").exists()
    two = run("import", str(report), str(report), "--evidence", str(fake))
    assert two.exit_code == 2 and "--evidence 只能与一份填报表同用" in two.stderr

