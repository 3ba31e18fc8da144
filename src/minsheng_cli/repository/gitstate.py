"""Whether the reports on disk are the ones git has saved: a report imported or recorded but not
yet committed is not in the shared history, and the office should know before it prints a
bulletin from it.

Cheap by design, since `status` says it on every run: git is asked only when the folder is inside
a repository (a `.git` above it), once, and any failure of git (absent, too old, a repository it
will not read) means nothing is said rather than the command failing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path


def repository_root(folder: Path) -> Path | None:
    """The nearest folder at or above `folder` with a `.git` (a folder, or a worktree's file)."""
    here = folder.absolute()
    for place in (here, *here.parents):
        if (place / ".git").exists():
            return place
    return None


def uncommitted(folder: Path) -> list[str] | None:
    """The files under `folder` whose state git has not committed (new, changed, deleted or only
    added), as git names them; None when that cannot be known (no repository, no git)."""
    root = repository_root(folder)
    git = shutil.which("git") if root is not None else None
    if git is None:
        return None
    try:
        done = subprocess.run(
            [git, "--no-optional-locks", "status", "--porcelain", "-z", "--untracked-files=all", "--", str(folder.absolute())],
            cwd=root, capture_output=True, env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"}, timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    entries = done.stdout.decode("utf-8", "replace").split("\0")
    files, skip = [], False
    for entry in entries:
        if skip or not entry:
            skip = False
            continue
        status, name = entry[:2], entry[3:]
        files.append(name)
        skip = "R" in status or "C" in status  # a rename's source path follows it
    return files


def uncommitted_note(folder: Path) -> str:
    """What the 数据 line adds when reports are not committed yet; empty when all are (or git
    cannot tell)."""
    files = uncommitted(folder)
    if not files:
        return ""
    return f"（其中 {len(files)} 个文件的改动尚未提交到 git：git add data 后 git commit -m \"说明\" 保存；git status 可查看）"
