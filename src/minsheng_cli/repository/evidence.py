"""佐证材料 in the repository: where evidence files are kept, their SHA-256, copying received
files in, and checking that every file a report names is there, unchanged.

Evidence lives under `data/evidence/DATE_UNIT/` (the report's own name), and a report names
each file by its path from the repository's root with the file's SHA-256. A file swapped or
edited after it was recorded no longer matches its hash; git's history (`git log -p data/`)
then shows who changed what and when. Nothing outside the repository is ever referenced.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from minsheng_cli.model.narrative import EvidenceLink
from minsheng_cli.reading.problems import Problem, Severity
from minsheng_cli.reading.text import display, printable
from minsheng_cli.repository.files import Outcome, write_file

EVIDENCE_FOLDER = Path("data") / "evidence"
#: A photo, a scanned certificate or a signed list; a video or an archive of a whole project is not.
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
#: Kinds of evidence accepted, by suffix, with the bytes each kind's files start with (None:
#: plain text, no signature). A `.jpg` that is really an executable is refused.
EVIDENCE_TYPES: dict[str, tuple[bytes, ...] | None] = {
    ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".png": (b"\x89PNG\r\n\x1a\n",),
    ".pdf": (b"%PDF-",), ".ofd": (b"PK\x03\x04",),
    ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",), ".doc": (b"\xd0\xcf\x11\xe0",), ".xls": (b"\xd0\xcf\x11\xe0",),
    ".txt": None, ".csv": None,
}


def repository_root(plan_file: Path) -> Path:
    """The repository the plan belongs to: the folder above `data/` when the plan is in one
    (data/tasks_2025.yaml), else the current folder (the plan that comes with the tool)."""
    folder = plan_file.resolve().parent
    if folder.name == "data":
        return folder.parent
    return Path.cwd().resolve()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def inside(root: Path, file: str) -> Path | None:
    """The file a report names, when it is inside the repository (links resolved), else None."""
    path = (root / file).resolve()
    try:
        path.relative_to(root.resolve())
    except ValueError:
        return None
    return path


def check_links(root: Path, links: Iterable[EvidenceLink]) -> list[Problem]:
    """Errors at the report's line for each named file that is missing, outside the
    repository, or no longer what its hash says."""
    problems = []
    cache: dict[Path, str | None] = {}
    for link in links:
        where = (link.path, link.line, link.column)
        path = inside(root, link.file)
        if path is None:
            problems.append(Problem(*where, "evidence-outside", f"佐证材料 {printable(link.file)} 不在仓库内", "佐证材料须放在仓库的 data/evidence/ 下"))
            continue
        if path not in cache:
            cache[path] = sha256_of(path) if path.is_file() else None
        actual = cache[path]
        if actual is None:
            problems.append(Problem(*where, "evidence-missing", f"佐证材料 {printable(link.file)} 不存在", "请找回该文件放回原处（git log -p data/evidence 可查历史），或更正报告"))
        elif actual != link.sha256:
            problems.append(Problem(*where, "evidence-changed", f"佐证材料 {printable(link.file)} 的内容与报告记录的哈希不符（已被替换或修改）",
                                    f"记录的是 {link.sha256[:12]}…，现在是 {actual[:12]}…；请用 git log -p 查明谁改了它，恢复原文件，或重新导入并说明"))
    return problems


def unreferenced(root: Path, links: Iterable[EvidenceLink]) -> list[Problem]:
    """Warnings for files in the evidence folder that no report names."""
    folder = root / EVIDENCE_FOLDER
    if not folder.is_dir():
        return []
    named = {inside(root, link.file) for link in links}
    problems = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.startswith(".") or path.resolve() in named:
                continue
            problems.append(Problem(display(path), 1, 1, "evidence-unreferenced", "佐证材料目录中的这个文件没有任何报告引用",
                                    "在报告的 evidence: 中记录它（minsheng import --evidence），或删去", severity=Severity.WARNING))
    return problems


def check_file(path: Path) -> str | None:
    """Why a received file cannot be kept as evidence, or None: its type and size."""
    kind = EVIDENCE_TYPES.get(path.suffix.lower(), ())
    if kind == ():
        return f"不接受 {path.suffix or '无扩展名'} 类型的文件（可用：{'、'.join(EVIDENCE_TYPES)}）"
    size = path.stat().st_size
    if size > MAX_EVIDENCE_BYTES:
        return f"文件有 {size / 1024 / 1024:.1f} MB，超过 {MAX_EVIDENCE_BYTES // 1024 // 1024} MB 的上限（请压缩图片或拆分扫描件）"
    if size == 0:
        return "文件是空的"
    if kind is not None:
        with path.open("rb") as f:
            head = f.read(16)
        if not any(head.startswith(sig) for sig in kind):
            return f"文件内容不是 {path.suffix} 格式（扩展名与内容不符）"
    return None


@dataclass(frozen=True)
class Stored:
    """An evidence file as a report records it, and where it is kept."""

    file: str
    sha256: str
    path: Path
    data: bytes


def prepare(root: Path, files: Iterable[Path], stem: str) -> tuple[list[Stored], list[Problem]]:
    """Each received file checked and read, with its place `data/evidence/STEM/NAME`; nothing
    is written yet (see `store`), so a refused report leaves no evidence behind."""
    stored, problems = [], []
    names: set[str] = set()
    for source in files:
        name = display(source)
        if not source.is_file():
            problems.append(Problem(name, 0, 0, "evidence-unreadable", "佐证材料文件不存在"))
            continue
        reason = check_file(source)
        if reason is not None:
            problems.append(Problem(name, 0, 0, "evidence-refused", f"不能作为佐证材料：{reason}"))
            continue
        if source.name in names:
            problems.append(Problem(name, 0, 0, "evidence-refused", f"有两个佐证材料都叫 {source.name}", "请改名后再导入"))
            continue
        names.add(source.name)
        data = source.read_bytes()
        relative = (EVIDENCE_FOLDER / stem / source.name).as_posix()
        stored.append(Stored(relative, hashlib.sha256(data).hexdigest(), root / relative, data))
    return stored, problems


def store(stored: Iterable[Stored], *, replace: bool = False) -> list[tuple[Stored, Outcome]]:
    """Write each prepared file in place (atomically; a different file of that name only with `replace`)."""
    return [(s, write_file(s.path, s.data, replace=replace)) for s in stored]
