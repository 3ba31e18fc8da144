"""佐证材料 in the repository: recorded with their SHA-256, and `validate` fails when one is
missing or swapped, at the line of the report that names it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import PLAN_FILE, write
from minsheng_cli.repository.evidence import MAX_EVIDENCE_BYTES, check_file, prepare, repository_root, store

PHOTO = b"\xff\xd8\xff\xe0 a photo of the new canteen"
CERT = b"%PDF-1.7 acceptance certificate"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "data" / "tasks_2025.yaml", PLAN_FILE.read_text(encoding="utf-8"))
    folder = tmp_path / "data" / "evidence" / "2025-09-30_市民政局"
    folder.mkdir(parents=True)
    (folder / "photo.jpg").write_bytes(PHOTO)
    (folder / "cert.pdf").write_bytes(CERT)
    write(tmp_path / "data" / "progress" / "2025-09-30_市民政局.yaml", (
        "unit: 市民政局\ndate: 2025-09-30\nvalues:\n"
        f"  3a: {{value: 262, evidence: [{{file: data/evidence/2025-09-30_市民政局/photo.jpg, sha256: {sha(PHOTO)}}}]}}\n"
        "evidence:\n"
        f"  - {{file: data/evidence/2025-09-30_市民政局/cert.pdf, sha256: {sha(CERT)}}}\n"
    ))
    return tmp_path


def test_unchanged_evidence_passes(run, repo: Path) -> None:
    result = run("validate")
    assert result.exit_code == 0 and result.stdout == "", result.output


def test_a_swapped_file_fails_at_the_reports_line(run, repo: Path) -> None:
    (repo / "data" / "evidence" / "2025-09-30_市民政局" / "photo.jpg").write_bytes(PHOTO + b" retouched")
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout.startswith("data/progress/2025-09-30_市民政局.yaml:4:31: 错误: 佐证材料 data/evidence/2025-09-30_市民政局/photo.jpg 的内容与报告记录的哈希不符（已被替换或修改）")
    assert "[evidence-changed]" in result.stdout


def test_a_missing_file_fails_at_the_reports_line(run, repo: Path) -> None:
    (repo / "data" / "evidence" / "2025-09-30_市民政局" / "cert.pdf").unlink()
    result = run("validate")
    assert result.exit_code == 1
    assert "data/progress/2025-09-30_市民政局.yaml:6:5: 错误: 佐证材料 data/evidence/2025-09-30_市民政局/cert.pdf 不存在" in result.stdout


def test_a_named_report_is_checked_with_its_evidence(run, repo: Path) -> None:
    (repo / "data" / "evidence" / "2025-09-30_市民政局" / "cert.pdf").unlink()
    result = run("validate", "data/progress/2025-09-30_市民政局.yaml")
    assert result.exit_code == 1 and "[evidence-missing]" in result.stdout


def test_files_no_report_names_are_a_warning(run, repo: Path) -> None:
    (repo / "data" / "evidence" / "2025-09-30_市民政局" / "extra.jpg").write_bytes(PHOTO)
    result = run("validate")
    assert result.exit_code == 0
    assert "data/evidence/2025-09-30_市民政局/extra.jpg:1:1: 警告: 佐证材料目录中的这个文件没有任何报告引用" in result.stdout
    assert run("validate", "--strict").exit_code == 1


def test_a_report_cannot_point_outside_the_repository(run, repo: Path) -> None:
    outside = repo.parent / "secret.pdf"
    outside.write_bytes(CERT)
    link = repo / "data" / "evidence" / "link.pdf"
    link.symlink_to(outside)
    path = repo / "data" / "progress" / "2025-09-30_市民政局.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2025-09-30_市民政局/cert.pdf", "link.pdf"), encoding="utf-8")
    result = run("validate")
    assert result.exit_code == 1 and "佐证材料 data/evidence/link.pdf 不在仓库内" in result.stdout


def test_the_root_is_the_folder_above_data(repo: Path) -> None:
    assert repository_root(repo / "data" / "tasks_2025.yaml") == repo.resolve()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.exe", b"MZ", "不接受 .exe"),
        ("a.jpg", b"MZ\x90\x00 not a photo", "扩展名与内容不符"),
        ("a.pdf", b"", "文件是空的"),
        ("a.txt", "签到名单".encode(), None),
        ("a.PNG", b"\x89PNG\r\n\x1a\n....", None),
    ],
)
def test_types_and_contents_are_checked(tmp_path: Path, name: str, data: bytes, reason: str | None) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    found = check_file(path)
    assert (found is None) if reason is None else (reason in found)


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    with path.open("wb") as f:
        f.write(b"%PDF-")
        f.truncate(MAX_EVIDENCE_BYTES + 1)  # sparse: no 20 MB written to disk
    assert "超过 20 MB" in check_file(path)


def test_received_files_are_copied_in_under_the_reports_name(tmp_path: Path) -> None:
    sent = tmp_path / "inbox" / "photo.jpg"
    sent.parent.mkdir()
    sent.write_bytes(PHOTO)
    stored, problems = prepare(tmp_path, [sent], "2025-09-30_市民政局")
    assert problems == []
    assert [(s.file, s.sha256) for s in stored] == [("data/evidence/2025-09-30_市民政局/photo.jpg", sha(PHOTO))]
    assert not (tmp_path / "data").exists()  # nothing written until the report is
    assert [o.value for _, o in store(stored)] == ["written"]
    assert (tmp_path / stored[0].file).read_bytes() == PHOTO
    sent.write_bytes(PHOTO + b"!")
    again, _ = prepare(tmp_path, [sent], "2025-09-30_市民政局")
    assert [o.value for _, o in store(again)] == ["refused"]  # never over another file of that name
